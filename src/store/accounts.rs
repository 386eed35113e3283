//! Staff accounts: the first supervisor of a fresh file, PINs set and reset, the guard on the
//! last supervisor, and the demo builder's history written before anyone has an account.

use chrono::NaiveDateTime;
use rusqlite::params;

use super::audit::{self, Entry, Target};
use super::session::{Actor, Authority};
use super::{Result, Store, StoreError, optional, time_text};
use crate::domain::access::Action;
use crate::domain::secret::{check_secret, hash_secret};
use crate::domain::staff::{Recorded, Role, Staff, StaffId};

impl Store {
    /// Whether the office still needs its first supervisor account: no active supervisor has a
    /// PIN. The desk asks for it before anything else.
    pub fn needs_first_supervisor(&self) -> Result<bool> {
        let n: i64 = self.conn.query_row(
            "SELECT count(*) FROM staff WHERE role = 'supervisor' AND active = 1
               AND secret_hash IS NOT NULL",
            [],
            |r| r.get(0),
        )?;
        Ok(n == 0)
    }

    /// Sets up the first supervisor account (named `name`, or an existing supervisor of that
    /// name without a PIN) and signs them in. Only while [`Store::needs_first_supervisor`].
    ///
    /// # Errors
    /// An account already exists, a blank name, or a PIN that breaks the rule.
    pub fn set_up_supervisor(
        &mut self,
        name: &str,
        phone: Option<crate::domain::Mobile>,
        secret: &str,
        now: NaiveDateTime,
    ) -> Result<Actor> {
        if !self.needs_first_supervisor()? {
            return Err(StoreError::Conflict(
                "已经有主管账户了，请用主管账户登录后在“设置 › 人员”中添加员工".into(),
            ));
        }
        let name = name.trim();
        if name.is_empty() {
            return Err(StoreError::Conflict("请填写主管姓名".into()));
        }
        let secret = check_secret(secret).map_err(|e| StoreError::Conflict(e.to_string()))?;
        let hash = hash_secret(&secret).map_err(StoreError::Conflict)?;
        let tx = self.conn.transaction()?;
        let existing: Option<i64> = optional(tx.query_row(
            "SELECT id FROM staff WHERE name = ?1 AND role = 'supervisor' AND active = 1
             ORDER BY id LIMIT 1",
            [name],
            |r| r.get(0),
        ))?;
        let id = match existing {
            Some(id) => id,
            None => {
                tx.execute(
                    "INSERT INTO staff (name, role, phone, active, created_at)
                     VALUES (?1, 'supervisor', ?2, 1, ?3)",
                    params![name, phone.as_ref().map(|p| p.as_str()), time_text(now)],
                )?;
                tx.last_insert_rowid()
            }
        };
        tx.execute(
            "UPDATE staff SET secret_hash = ?2, failed_tries = 0, locked_until = NULL
             WHERE id = ?1",
            params![id, hash],
        )?;
        let actor = Actor {
            id: StaffId(id),
            name: name.to_string(),
            role: Role::Supervisor,
        };
        let auth = Authority::of(&actor, now);
        audit::append(
            &tx,
            &auth,
            &Entry::new(
                Action::StaffManage,
                "建立第一个主管账户",
                Target::staff(&actor),
            ),
        )?;
        tx.commit()?;
        self.session.actor = Some(actor.clone());
        Ok(actor)
    }

    /// Sets or resets `staff`'s PIN: the supervisor for anyone, or anyone for their own.
    ///
    /// # Errors
    /// Someone else's PIN without the supervisor, or a PIN that breaks the rule.
    pub fn set_secret(&mut self, staff: StaffId, secret: &str, rec: &Recorded) -> Result<()> {
        let own = self.session.actor.as_ref().is_some_and(|a| a.id == staff);
        let auth = if own {
            self.authorize(Action::SignIn, None, rec)?
        } else {
            self.authorize(Action::StaffManage, None, rec)?
        };
        let secret = check_secret(secret).map_err(|e| StoreError::Conflict(e.to_string()))?;
        let hash = hash_secret(&secret).map_err(StoreError::Conflict)?;
        let who = self.account(staff)?.actor;
        let tx = self.conn.transaction()?;
        tx.execute(
            "UPDATE staff SET secret_hash = ?2, failed_tries = 0, locked_until = NULL
             WHERE id = ?1",
            params![staff.0, hash],
        )?;
        let what = if own {
            "修改自己的PIN"
        } else {
            "重设PIN"
        };
        audit::append(
            &tx,
            &auth,
            &Entry::new(Action::StaffManage, what, Target::staff(&who)),
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Whether `staff` has a PIN set.
    pub fn has_secret(&self, staff: StaffId) -> Result<bool> {
        Ok(self.account(staff)?.hash.is_some())
    }

    /// The demo builder writes its years of history into this fresh file: no one signs in, roles
    /// are not asked, and the log names the people the history names, until
    /// [`Store::end_history`]. Refused on a file that has accounts or a log, so it cannot be used
    /// to write behind an office's back.
    pub(crate) fn begin_history(&mut self) -> Result<()> {
        let (accounts, logged): (i64, i64) = self.conn.query_row(
            "SELECT (SELECT count(*) FROM staff WHERE secret_hash IS NOT NULL),
                    (SELECT count(*) FROM audit_log)",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        if accounts > 0 || logged > 0 {
            return Err(StoreError::Conflict(
                "这个数据库已有账户或操作日志，不能写入演示数据".into(),
            ));
        }
        self.session.building_history = true;
        Ok(())
    }

    /// Ends the demo's history: every staff member gets their PIN, and the log gets a row
    /// saying the demo estate was built.
    pub(crate) fn end_history(
        &mut self,
        pins: &[(StaffId, String)],
        now: NaiveDateTime,
        summary: &str,
    ) -> Result<()> {
        self.session.building_history = false;
        let tx = self.conn.transaction()?;
        for (id, pin) in pins {
            let hash = hash_secret(pin).map_err(StoreError::Conflict)?;
            tx.execute(
                "UPDATE staff SET secret_hash = ?2 WHERE id = ?1",
                params![id.0, hash],
            )?;
        }
        let auth = Authority {
            rec: Recorded {
                by: None,
                by_name: "演示数据".into(),
                at: now,
            },
            who: None,
        };
        audit::append(
            &tx,
            &auth,
            &Entry::new(
                Action::HistoryImport,
                summary,
                Target::new("estate", 0, "演示小区"),
            ),
        )?;
        tx.commit()?;
        Ok(())
    }
}

/// A staff member's row as the guard on the last supervisor sees it.
pub(crate) fn leaves_no_supervisor(
    tx: &rusqlite::Transaction<'_>,
    id: StaffId,
    after: &Staff,
) -> Result<bool> {
    if after.active && after.role == Role::Supervisor {
        return Ok(false);
    }
    let others: i64 = tx.query_row(
        "SELECT count(*) FROM staff WHERE role = 'supervisor' AND active = 1 AND id <> ?1",
        [id.0],
        |r| r.get(0),
    )?;
    let was: bool = tx.query_row(
        "SELECT role = 'supervisor' AND active = 1 FROM staff WHERE id = ?1",
        [id.0],
        |r| r.get(0),
    )?;
    Ok(was && others == 0)
}
