//! The one-transaction steps of the cabinet: putting a key set in, lending, returns,
//! hand-overs to owners and label checks, each logged against the unit.

use chrono::NaiveDateTime;
use rusqlite::{Transaction, params};

use super::{KeyId, LoanId, corrupt};
use crate::domain::access::Action;
use crate::domain::keys::{KeyIssue, KeyLoan, KeyStatus, LabelCheck, UnitKey, return_condition};
use crate::domain::staff::Recorded;
use crate::domain::unit::UnitId;
use crate::store::audit::{Entry, Target};
use crate::store::{Result, Store, StoreError, found, optional, parse_time, time_text, units};

/// The key's unit, hook and status inside a transaction.
pub(crate) fn key_state(
    tx: &Transaction<'_>,
    id: KeyId,
) -> Result<(Option<UnitId>, String, KeyStatus)> {
    let row = optional(tx.query_row(
        "SELECT unit_id, hook, status FROM unit_keys WHERE id = ?1",
        [id.0],
        |r| {
            Ok((
                r.get::<_, Option<i64>>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
            ))
        },
    ))?;
    let (unit, hook, status) = found(row, || "找不到这把钥匙".to_string())?;
    let status = KeyStatus::from_code(&status).ok_or_else(|| corrupt("钥匙状态", &status))?;
    Ok((unit.map(UnitId), hook, status))
}

fn log_key(tx: &Transaction<'_>, unit: Option<UnitId>, rec: &Recorded, text: &str) -> Result<()> {
    match unit {
        Some(u) => units::log(tx, u, rec, "钥匙", text),
        None => Ok(()),
    }
}

fn set_status(tx: &Transaction<'_>, id: KeyId, status: KeyStatus) -> Result<()> {
    tx.execute(
        "UPDATE unit_keys SET status = ?2 WHERE id = ?1",
        params![id.0, status.code()],
    )?;
    Ok(())
}

pub(crate) fn insert_key(tx: &Transaction<'_>, key: &UnitKey, rec: &Recorded) -> Result<KeyId> {
    let unit = match key.unit {
        Some(a) => {
            let id: Option<i64> = optional(tx.query_row(
                "SELECT id FROM units WHERE building = ?1 AND entrance = ?2 AND room = ?3",
                params![a.building, a.entrance, a.room],
                |r| r.get(0),
            ))?;
            Some(UnitId(found(id, || {
                format!("{a} 还没有登记，请先在“房屋与业主”中登记")
            })?))
        }
        None => None,
    };
    if key.hook.trim().is_empty() || key.count == 0 {
        return Err(StoreError::Conflict("请填写挂钩号和钥匙数量".into()));
    }
    let taken: Option<i64> = optional(tx.query_row(
        "SELECT id FROM unit_keys WHERE hook = ?1",
        [key.hook.trim()],
        |r| r.get(0),
    ))?;
    if taken.is_some() {
        return Err(StoreError::Conflict(format!(
            "挂钩号 {} 已经有钥匙了，请换一个",
            key.hook.trim()
        )));
    }
    tx.execute(
        "INSERT INTO unit_keys (unit_id, place, hook, count, location, status,
             recorded_by, recorded_by_name, recorded_at)
         VALUES (?1, ?2, ?3, ?4, ?5, 'in_cabinet', ?6, ?7, ?8)",
        params![
            unit.map(|u| u.0),
            if unit.is_some() { "" } else { key.place.trim() },
            key.hook.trim(),
            key.count,
            key.location.trim(),
            rec.by.map(|b| b.0),
            rec.by_name,
            time_text(rec.at)
        ],
    )?;
    let id = KeyId(tx.last_insert_rowid());
    log_key(
        tx,
        unit,
        rec,
        &format!("钥匙入柜，挂钩 {}，共 {} 把", key.hook.trim(), key.count),
    )?;
    Ok(id)
}

/// Lends a key; a key that is not in the cabinet cannot be lent (checked here, and the
/// database's unique index on open loans refuses a second one as well).
pub(crate) fn lend_in(
    tx: &Transaction<'_>,
    id: KeyId,
    loan: &KeyLoan,
    rec: &Recorded,
) -> Result<LoanId> {
    let (unit, hook, status) = key_state(tx, id)?;
    if status != KeyStatus::InCabinet {
        return Err(StoreError::Conflict(format!(
            "挂钩 {hook} 的钥匙当前“{}”，不能借出",
            status.label()
        )));
    }
    if let Some(p) = loan.problems().into_iter().next() {
        return Err(StoreError::Conflict(p));
    }
    tx.execute(
        "INSERT INTO key_loans (key_id, borrower, phone, org, purpose, approver, out_at, due_at,
             recorded_by, recorded_by_name, recorded_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        params![
            id.0,
            loan.borrower.trim(),
            loan.phone.as_str(),
            loan.org.code(),
            loan.purpose.trim(),
            loan.approver.trim(),
            time_text(loan.out_at),
            time_text(loan.due_at),
            rec.by.map(|b| b.0),
            rec.by_name,
            time_text(rec.at)
        ],
    )
    .map_err(|e| match e {
        rusqlite::Error::SqliteFailure(f, _)
            if f.code == rusqlite::ErrorCode::ConstraintViolation =>
        {
            StoreError::Conflict(format!("挂钩 {hook} 的钥匙已借出，不能重复借出"))
        }
        e => e.into(),
    })?;
    let loan_id = LoanId(tx.last_insert_rowid());
    set_status(tx, id, KeyStatus::Lent)?;
    log_key(
        tx,
        unit,
        rec,
        &format!(
            "钥匙借出给 {}（{}），用途：{}，应还 {}",
            loan.borrower.trim(),
            loan.org,
            loan.purpose.trim(),
            crate::domain::date::table_datetime(loan.due_at)
        ),
    )?;
    Ok(loan_id)
}

pub(crate) fn return_in(
    tx: &Transaction<'_>,
    loan: LoanId,
    at: NaiveDateTime,
    condition: &str,
    rec: &Recorded,
) -> Result<()> {
    let row = optional(tx.query_row(
        "SELECT key_id, returned_at IS NOT NULL, borrower, out_at FROM key_loans WHERE id = ?1",
        [loan.0],
        |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, bool>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
            ))
        },
    ))?;
    let (key, back, borrower, out_at) = found(row, || "找不到这条借用记录".to_string())?;
    if back {
        return Err(StoreError::Conflict("这把钥匙已经还过了".into()));
    }
    if at < parse_time(&out_at)? {
        return Err(StoreError::Conflict("归还时间不能早于借出时间".into()));
    }
    let condition = return_condition(condition);
    tx.execute(
        "UPDATE key_loans SET returned_at = ?2, condition = ?3, received_by = ?4 WHERE id = ?1",
        params![loan.0, time_text(at), condition, rec.by_name],
    )?;
    let (unit, _, _) = key_state(tx, KeyId(key))?;
    set_status(tx, KeyId(key), KeyStatus::InCabinet)?;
    log_key(
        tx,
        unit,
        rec,
        &format!("{borrower} 归还钥匙（{condition}），{} 接收", rec.by_name),
    )
}

pub(crate) fn issue_in(
    tx: &Transaction<'_>,
    id: KeyId,
    issue: &KeyIssue,
    rec: &Recorded,
) -> Result<()> {
    let (unit, hook, status) = key_state(tx, id)?;
    if status != KeyStatus::InCabinet {
        return Err(StoreError::Conflict(format!(
            "挂钩 {hook} 的钥匙当前“{}”，不能交付",
            status.label()
        )));
    }
    if let Some(p) = issue.problems().into_iter().next() {
        return Err(StoreError::Conflict(p));
    }
    tx.execute(
        "INSERT INTO key_issues (key_id, recipient, document, document_tail, count, signed,
             issued_at, recorded_by, recorded_by_name, recorded_at)
         VALUES (?1, ?2, ?3, ?4, ?5, 1, ?6, ?7, ?8, ?6)",
        params![
            id.0,
            issue.recipient.trim(),
            issue.document,
            issue.document_tail.trim().to_ascii_uppercase(),
            issue.count,
            time_text(rec.at),
            rec.by.map(|b| b.0),
            rec.by_name
        ],
    )?;
    set_status(tx, id, KeyStatus::WithOwner)?;
    log_key(
        tx,
        unit,
        rec,
        &format!(
            "钥匙 {} 把交业主 {}（核验{}，已签字）",
            issue.count,
            issue.recipient.trim(),
            issue.document
        ),
    )
}

pub(crate) fn check_in(
    tx: &Transaction<'_>,
    id: KeyId,
    result: LabelCheck,
    note: &str,
    rec: &Recorded,
) -> Result<()> {
    let (unit, hook, status) = key_state(tx, id)?;
    tx.execute(
        "INSERT INTO key_checks (key_id, result, note, checked_at, recorded_by, recorded_by_name)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            id.0,
            result.code(),
            note.trim(),
            time_text(rec.at),
            rec.by.map(|b| b.0),
            rec.by_name
        ],
    )?;
    // Only a key that should be on its hook can be found missing; a lent key is with its borrower.
    if result == LabelCheck::Missing && status == KeyStatus::InCabinet {
        set_status(tx, id, KeyStatus::Lost)?;
    }
    log_key(
        tx,
        unit,
        rec,
        &format!("标签检查（挂钩 {hook}）：{}", result.label()),
    )
}

/// A key as the log names it: its hook (`钥匙 A-12`).
fn key_target(tx: &Transaction<'_>, id: KeyId) -> Result<Target> {
    let (_, hook, _) = key_state(tx, id)?;
    Ok(Target::new("key", id.0, &format!("钥匙 {hook}")))
}

/// The key a loan is of.
fn key_of_loan(tx: &Transaction<'_>, loan: LoanId) -> Result<KeyId> {
    let key = optional(tx.query_row(
        "SELECT key_id FROM key_loans WHERE id = ?1",
        [loan.0],
        |r| r.get(0),
    ))?;
    found(key.map(KeyId), || "找不到这条借用记录".to_string())
}

impl Store {
    /// Puts a key set in the cabinet.
    pub fn add_key(&mut self, key: &UnitKey, rec: &Recorded) -> Result<KeyId> {
        self.write(Action::KeyKeep, None, rec, |tx, auth| {
            let id = insert_key(tx, key, &auth.rec)?;
            let entry = Entry::new(Action::KeyKeep, "钥匙入柜", key_target(tx, id)?);
            Ok((id, entry.change(None::<&UnitKey>, Some(key))))
        })
    }

    /// Lends a key that is in the cabinet.
    pub fn lend_key(&mut self, id: KeyId, loan: &KeyLoan, rec: &Recorded) -> Result<LoanId> {
        self.write(Action::KeyLend, None, rec, |tx, auth| {
            let loan_id = lend_in(tx, id, loan, &auth.rec)?;
            let entry = Entry::new(Action::KeyLend, "借出钥匙", key_target(tx, id)?);
            Ok((loan_id, entry.change(None::<&KeyLoan>, Some(loan))))
        })
    }

    /// Records a key coming back at `at`, in `condition`, received by the person signed in.
    pub fn return_key(
        &mut self,
        loan: LoanId,
        at: NaiveDateTime,
        condition: &str,
        rec: &Recorded,
    ) -> Result<()> {
        self.write(Action::KeyLend, None, rec, |tx, auth| {
            let key = key_of_loan(tx, loan)?;
            return_in(tx, loan, at, condition, &auth.rec)?;
            let entry = Entry::new(Action::KeyLend, "归还钥匙", key_target(tx, key)?);
            let after = serde_json::json!({ "归还时间": time_text(at), "状况": condition.trim() });
            Ok(((), entry.change(None::<&()>, Some(&after))))
        })
    }

    /// Hands a key set to its owner.
    pub fn issue_key(&mut self, id: KeyId, issue: &KeyIssue, rec: &Recorded) -> Result<()> {
        self.write(Action::KeyLend, None, rec, |tx, auth| {
            issue_in(tx, id, issue, &auth.rec)?;
            let entry = Entry::new(Action::KeyLend, "钥匙发放给业主", key_target(tx, id)?);
            Ok(((), entry.change(None::<&KeyIssue>, Some(issue))))
        })
    }

    /// Records a label check; a missing key is marked lost.
    pub fn check_key_label(
        &mut self,
        id: KeyId,
        result: LabelCheck,
        note: &str,
        rec: &Recorded,
    ) -> Result<()> {
        self.write(Action::KeyKeep, None, rec, |tx, auth| {
            check_in(tx, id, result, note, &auth.rec)?;
            let entry = Entry::new(Action::KeyKeep, "钥匙标签核对", key_target(tx, id)?);
            let after = serde_json::json!({ "结果": result.label(), "备注": note.trim() });
            Ok(((), entry.change(None::<&()>, Some(&after))))
        })
    }
}
