//! The staff register.

use rusqlite::{Row, params};

use super::audit::{Entry, Target, append};
use super::{Result, Store, StoreError};
use crate::domain::Mobile;
use crate::domain::access::Action;
use crate::domain::staff::{Recorded, Role, Staff, StaffId};

/// A staff member as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaffRecord {
    /// Row id.
    pub id: StaffId,
    /// The person.
    pub staff: Staff,
}

impl StaffRecord {
    fn from_row(row: &Row<'_>) -> rusqlite::Result<Result<StaffRecord>> {
        let id: i64 = row.get("id")?;
        let role: String = row.get("role")?;
        let phone: Option<String> = row.get("phone")?;
        let name: String = row.get("name")?;
        let active: bool = row.get("active")?;
        Ok((|| {
            let role = Role::from_code(&role)
                .ok_or_else(|| StoreError::Corrupt(format!("岗位 “{role}”")))?;
            let phone = match phone {
                Some(p) => Some(
                    Mobile::parse(&p).map_err(|_| StoreError::Corrupt(format!("电话 “{p}”")))?,
                ),
                None => None,
            };
            Ok(StaffRecord {
                id: StaffId(id),
                staff: Staff {
                    name,
                    role,
                    phone,
                    active,
                },
            })
        })())
    }
}

impl Store {
    /// All staff, active first, then by role and name.
    pub fn staff(&self) -> Result<Vec<StaffRecord>> {
        let mut stmt = self.conn().prepare(
            "SELECT id, name, role, phone, active FROM staff ORDER BY active DESC, role, name, id",
        )?;
        let rows = stmt.query_map([], StaffRecord::from_row)?;
        let mut out = Vec::new();
        for row in rows {
            out.push(row??);
        }
        // Roles in the procedure's order, not the alphabetical order of their codes.
        out.sort_by_key(|s| {
            (
                !s.staff.active,
                Role::ALL.iter().position(|r| *r == s.staff.role),
            )
        });
        Ok(out)
    }

    /// One staff member.
    pub fn staff_member(&self, id: StaffId) -> Result<StaffRecord> {
        let row = super::optional(self.conn().query_row(
            "SELECT id, name, role, phone, active FROM staff WHERE id = ?1",
            [id.0],
            StaffRecord::from_row,
        ))?;
        super::found(row, || "找不到这名员工，可能已被删除".to_string())?
    }

    /// Adds a staff member (the supervisor's to do); they sign in once the supervisor has set
    /// their PIN ([`Store::set_secret`]).
    pub fn add_staff(&mut self, staff: &Staff, rec: &Recorded) -> Result<StaffId> {
        let auth = self.authorize(Action::StaffManage, None, rec)?;
        let tx = self.conn.transaction()?;
        tx.execute(
            "INSERT INTO staff (name, role, phone, active, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![
                staff.name.trim(),
                staff.role.code(),
                staff.phone.as_ref().map(|p| p.as_str()),
                staff.active,
                super::time_text(rec.at),
            ],
        )?;
        let id = StaffId(tx.last_insert_rowid());
        let entry = Entry::new(
            Action::StaffManage,
            &format!("添加员工（{}）", staff.role.label()),
            Target::new("staff", id.0, staff.name.trim()),
        );
        append(&tx, &auth, &entry.change(None::<&Staff>, Some(staff)))?;
        tx.commit()?;
        Ok(id)
    }

    /// Changes a staff member's details, or deactivates them (staff are never deleted: old
    /// records keep their names). The last active supervisor cannot be deactivated or moved to
    /// another role: nobody could then manage the accounts.
    pub fn update_staff(&mut self, id: StaffId, staff: &Staff, rec: &Recorded) -> Result<()> {
        let auth = self.authorize(Action::StaffManage, None, rec)?;
        let before = self.staff_member(id)?.staff;
        let tx = self.conn.transaction()?;
        if super::accounts::leaves_no_supervisor(&tx, id, staff)? {
            return Err(StoreError::Conflict(format!(
                "{} 是唯一在职的客服中心主管，不能停用或改为其他岗位；请先添加另一名主管",
                before.name
            )));
        }
        let n = tx.execute(
            "UPDATE staff SET name = ?2, role = ?3, phone = ?4, active = ?5 WHERE id = ?1",
            params![
                id.0,
                staff.name.trim(),
                staff.role.code(),
                staff.phone.as_ref().map(|p| p.as_str()),
                staff.active
            ],
        )?;
        if n == 0 {
            return Err(StoreError::NotFound("找不到这名员工，可能已被删除".into()));
        }
        let what = if before.active && !staff.active {
            "停用员工账户"
        } else if !before.active && staff.active {
            "恢复员工账户"
        } else {
            "修改员工信息"
        };
        let entry = Entry::new(
            Action::StaffManage,
            what,
            Target::new("staff", id.0, staff.name.trim()),
        );
        append(&tx, &auth, &entry.change(Some(&before), Some(staff)))?;
        tx.commit()?;
        Ok(())
    }
}
