//! The key cabinet (钥匙管理): key sets, loans, hand-overs to owners, label checks, the
//! overdue list, and the keys tab's own settings (`keys.*` in `settings`).

use chrono::{NaiveDateTime, NaiveTime};
use rusqlite::{Row, Transaction, params};

use super::{Result, Store, StoreError, parse_time, time_text};
use crate::domain::keys::{
    BorrowerOrg, KeyIssue, KeyLoan, KeySettings, KeyStatus, LabelCheck, UnitKey,
};
use crate::domain::staff::Recorded;
use crate::domain::unit::UnitId;
use crate::domain::{Mobile, UnitAddress};

/// The row id of a key set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct KeyId(pub i64);

/// The row id of a loan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct LoanId(pub i64);

/// A key set as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyRecord {
    /// Row id.
    pub id: KeyId,
    /// The unit's row id, if a unit's key.
    pub unit_id: Option<UnitId>,
    /// The key set.
    pub key: UnitKey,
    /// Where it is.
    pub status: KeyStatus,
}

impl KeyRecord {
    /// `3-2-1502` or the common room's name.
    pub fn whose(&self) -> String {
        match self.key.unit {
            Some(a) => a.short(),
            None => self.key.place.clone(),
        }
    }
}

/// A loan as stored, with the key it is of.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoanRecord {
    /// Row id.
    pub id: LoanId,
    /// The key's row id.
    pub key_id: KeyId,
    /// The key's hook.
    pub hook: String,
    /// `3-2-1502` or the common room.
    pub whose: String,
    /// The loan.
    pub loan: KeyLoan,
    /// When it came back, its condition and who received it.
    pub returned: Option<KeyReturn>,
    /// Who recorded the loan.
    pub recorded_by: String,
}

/// A hand-over to an owner as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IssueRecord {
    /// The key's hook.
    pub hook: String,
    /// `3-2-1502` or the common room.
    pub whose: String,
    /// The hand-over.
    pub issue: KeyIssue,
    /// When.
    pub at: NaiveDateTime,
    /// The keeper who handed them over.
    pub by_name: String,
}

/// A key's return: when, its condition, who received it.
pub type KeyReturn = (NaiveDateTime, String, String);

/// One loan of a [`KeyHistory`].
#[derive(Debug, Clone)]
pub struct LoanHistory {
    /// The loan.
    pub loan: KeyLoan,
    /// Who recorded it, when.
    pub recorded: Recorded,
    /// Its return, if back.
    pub returned: Option<KeyReturn>,
}

/// A key's whole history at once, for the demo's bulk load.
#[derive(Debug, Clone)]
pub struct KeyHistory {
    /// The key set.
    pub key: UnitKey,
    /// When it was put in the cabinet.
    pub recorded: Recorded,
    /// Loans, oldest first.
    pub loans: Vec<LoanHistory>,
    /// Label checks.
    pub checks: Vec<(LabelCheck, Recorded)>,
    /// A final hand-over to the owner.
    pub issued: Option<(KeyIssue, Recorded)>,
}

const KEY_COLUMNS: &str = "k.id, k.unit_id, u.building, u.entrance, u.room, k.place, k.hook,
    k.count, k.location, k.status";

fn corrupt(what: &str, v: &str) -> StoreError {
    StoreError::Corrupt(format!("{what} “{v}”"))
}

fn address(b: Option<u32>, e: Option<u32>, r: Option<u32>) -> Result<Option<UnitAddress>> {
    match (b, e, r) {
        (Some(b), Some(e), Some(r)) => UnitAddress::new(b, e, r)
            .map(Some)
            .map_err(|_| corrupt("房号", &format!("{b}-{e}-{r}"))),
        _ => Ok(None),
    }
}

fn key_from_row(r: &Row<'_>) -> rusqlite::Result<Result<KeyRecord>> {
    let (b, e, room) = (r.get("building")?, r.get("entrance")?, r.get("room")?);
    let status: String = r.get("status")?;
    let id: i64 = r.get("id")?;
    let unit_id: Option<i64> = r.get("unit_id")?;
    let (place, hook, count, location) = (
        r.get("place")?,
        r.get("hook")?,
        r.get("count")?,
        r.get("location")?,
    );
    Ok((|| {
        Ok(KeyRecord {
            id: KeyId(id),
            unit_id: unit_id.map(UnitId),
            key: UnitKey {
                unit: address(b, e, room)?,
                place,
                hook,
                count,
                location,
            },
            status: KeyStatus::from_code(&status).ok_or_else(|| corrupt("钥匙状态", &status))?,
        })
    })())
}

const LOAN_COLUMNS: &str = "l.id, l.key_id, k.hook, k.place, u.building, u.entrance, u.room,
    l.borrower, l.phone, l.org, l.purpose, l.approver, l.out_at, l.due_at, l.returned_at,
    l.condition, l.received_by, l.recorded_by_name";

fn loan_from_row(r: &Row<'_>) -> rusqlite::Result<Result<LoanRecord>> {
    let (b, e, room) = (r.get("building")?, r.get("entrance")?, r.get("room")?);
    let place: String = r.get("place")?;
    let (id, key_id, hook): (i64, i64, String) = (r.get("id")?, r.get("key_id")?, r.get("hook")?);
    let (borrower, phone, org, purpose, approver): (String, String, String, String, String) = (
        r.get("borrower")?,
        r.get("phone")?,
        r.get("org")?,
        r.get("purpose")?,
        r.get("approver")?,
    );
    let (out_at, due_at): (String, String) = (r.get("out_at")?, r.get("due_at")?);
    let returned: (Option<String>, Option<String>, Option<String>) = (
        r.get("returned_at")?,
        r.get("condition")?,
        r.get("received_by")?,
    );
    let recorded_by: String = r.get("recorded_by_name")?;
    Ok((|| {
        let whose = address(b, e, room)?.map(|a| a.short()).unwrap_or(place);
        let returned = match returned {
            (Some(at), condition, Some(by)) => {
                Some((parse_time(&at)?, condition.unwrap_or_default(), by))
            }
            _ => None,
        };
        Ok(LoanRecord {
            id: LoanId(id),
            key_id: KeyId(key_id),
            hook,
            whose,
            loan: KeyLoan {
                borrower,
                phone: Mobile::parse(&phone).map_err(|_| corrupt("电话", &phone))?,
                org: BorrowerOrg::from_code(&org).ok_or_else(|| corrupt("借用单位", &org))?,
                purpose,
                approver,
                out_at: parse_time(&out_at)?,
                due_at: parse_time(&due_at)?,
            },
            returned,
            recorded_by,
        })
    })())
}

/// The key's unit, hook and status inside a transaction.
fn key_state(tx: &Transaction<'_>, id: KeyId) -> Result<(Option<UnitId>, String, KeyStatus)> {
    let row = super::optional(tx.query_row(
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
    let (unit, hook, status) = super::found(row, || "找不到这把钥匙".to_string())?;
    let status = KeyStatus::from_code(&status).ok_or_else(|| corrupt("钥匙状态", &status))?;
    Ok((unit.map(UnitId), hook, status))
}

fn log_key(tx: &Transaction<'_>, unit: Option<UnitId>, rec: &Recorded, text: &str) -> Result<()> {
    match unit {
        Some(u) => super::units::log(tx, u, rec, "钥匙", text),
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
            let id: Option<i64> = super::optional(tx.query_row(
                "SELECT id FROM units WHERE building = ?1 AND entrance = ?2 AND room = ?3",
                params![a.building, a.entrance, a.room],
                |r| r.get(0),
            ))?;
            Some(UnitId(super::found(id, || {
                format!("{a} 还没有登记，请先在“房屋与业主”中登记")
            })?))
        }
        None => None,
    };
    if key.hook.trim().is_empty() || key.count == 0 {
        return Err(StoreError::Conflict("请填写挂钩号和钥匙数量".into()));
    }
    let taken: Option<i64> = super::optional(tx.query_row(
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
    let row = super::optional(tx.query_row(
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
    let (key, back, borrower, out_at) = super::found(row, || "找不到这条借用记录".to_string())?;
    if back {
        return Err(StoreError::Conflict("这把钥匙已经还过了".into()));
    }
    if at < parse_time(&out_at)? {
        return Err(StoreError::Conflict("归还时间不能早于借出时间".into()));
    }
    tx.execute(
        "UPDATE key_loans SET returned_at = ?2, condition = ?3, received_by = ?4 WHERE id = ?1",
        params![loan.0, time_text(at), condition.trim(), rec.by_name],
    )?;
    let (unit, _, _) = key_state(tx, KeyId(key))?;
    set_status(tx, KeyId(key), KeyStatus::InCabinet)?;
    let condition = if condition.trim().is_empty() {
        "完好"
    } else {
        condition.trim()
    };
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

impl Store {
    /// Puts a key set in the cabinet.
    pub fn add_key(&mut self, key: &UnitKey, rec: &Recorded) -> Result<KeyId> {
        let tx = self.conn.transaction()?;
        let id = insert_key(&tx, key, rec)?;
        tx.commit()?;
        Ok(id)
    }

    /// Lends a key that is in the cabinet.
    pub fn lend_key(&mut self, id: KeyId, loan: &KeyLoan, rec: &Recorded) -> Result<LoanId> {
        let tx = self.conn.transaction()?;
        let loan = lend_in(&tx, id, loan, rec)?;
        tx.commit()?;
        Ok(loan)
    }

    /// Records a key coming back at `at`, in `condition`, received by `rec`.
    pub fn return_key(
        &mut self,
        loan: LoanId,
        at: NaiveDateTime,
        condition: &str,
        rec: &Recorded,
    ) -> Result<()> {
        let tx = self.conn.transaction()?;
        return_in(&tx, loan, at, condition, rec)?;
        Ok(tx.commit()?)
    }

    /// Hands a key set to its owner.
    pub fn issue_key(&mut self, id: KeyId, issue: &KeyIssue, rec: &Recorded) -> Result<()> {
        let tx = self.conn.transaction()?;
        issue_in(&tx, id, issue, rec)?;
        Ok(tx.commit()?)
    }

    /// Records a label check; a missing key is marked lost.
    pub fn check_key_label(
        &mut self,
        id: KeyId,
        result: LabelCheck,
        note: &str,
        rec: &Recorded,
    ) -> Result<()> {
        let tx = self.conn.transaction()?;
        check_in(&tx, id, result, note, rec)?;
        Ok(tx.commit()?)
    }

    /// Loads many key histories in one transaction (the demo estate).
    pub fn import_key_histories(&mut self, histories: &[KeyHistory]) -> Result<usize> {
        let tx = self.conn.transaction()?;
        for h in histories {
            let id = insert_key(&tx, &h.key, &h.recorded)?;
            for LoanHistory {
                loan,
                recorded: rec,
                returned: back,
            } in &h.loans
            {
                let loan_id = lend_in(&tx, id, loan, rec)?;
                if let Some((at, condition, by)) = back {
                    let rec = Recorded {
                        by: None,
                        by_name: by.clone(),
                        at: *at,
                    };
                    return_in(&tx, loan_id, *at, condition, &rec)?;
                }
            }
            for (result, rec) in &h.checks {
                check_in(&tx, id, *result, "", rec)?;
            }
            if let Some((issue, rec)) = &h.issued {
                issue_in(&tx, id, issue, rec)?;
            }
        }
        tx.commit()?;
        Ok(histories.len())
    }

    /// One key set.
    pub fn key(&self, id: KeyId) -> Result<KeyRecord> {
        let row = super::optional(self.conn().query_row(
            &format!("SELECT {KEY_COLUMNS} FROM unit_keys k LEFT JOIN units u ON u.id = k.unit_id WHERE k.id = ?1"),
            [id.0],
            key_from_row,
        ))?;
        super::found(row, || "找不到这把钥匙".to_string())?
    }

    /// Key sets whose hook, unit (`3-2-1502`, `1502`) or common room matches `query`, at most
    /// `limit`, by hook.
    pub fn keys(&self, query: &str, limit: usize) -> Result<Vec<KeyRecord>> {
        let q = query.trim();
        let like = format!("%{q}%");
        let (b, e, r) = match UnitAddress::parse(q) {
            Ok(a) => (a.building as i64, a.entrance as i64, a.room as i64),
            Err(_) => (-1, -1, q.parse::<i64>().unwrap_or(-1)),
        };
        let mut stmt = self.conn().prepare_cached(&format!(
            "SELECT {KEY_COLUMNS} FROM unit_keys k LEFT JOIN units u ON u.id = k.unit_id
             WHERE ?1 = '' OR k.hook LIKE ?2 OR k.place LIKE ?2
                OR (u.room = ?5 AND (?3 = -1 OR (u.building = ?3 AND u.entrance = ?4)))
             ORDER BY k.hook LIMIT ?6"
        ))?;
        let rows = stmt.query_map(params![q, like, b, e, r, limit as i64], key_from_row)?;
        let mut out = Vec::new();
        for row in rows {
            out.push(row??);
        }
        Ok(out)
    }

    /// The key sets of a unit.
    pub fn keys_of_unit(&self, unit: UnitId) -> Result<Vec<KeyRecord>> {
        let mut stmt = self.conn().prepare_cached(&format!(
            "SELECT {KEY_COLUMNS} FROM unit_keys k LEFT JOIN units u ON u.id = k.unit_id
             WHERE k.unit_id = ?1 ORDER BY k.hook"
        ))?;
        let rows = stmt.query_map([unit.0], key_from_row)?;
        let mut out = Vec::new();
        for row in rows {
            out.push(row??);
        }
        Ok(out)
    }

    fn loans_where(&self, clause: &str, args: impl rusqlite::Params) -> Result<Vec<LoanRecord>> {
        let mut stmt = self.conn().prepare_cached(&format!(
            "SELECT {LOAN_COLUMNS} FROM key_loans l JOIN unit_keys k ON k.id = l.key_id
             LEFT JOIN units u ON u.id = k.unit_id {clause}"
        ))?;
        let rows = stmt.query_map(args, loan_from_row)?;
        let mut out = Vec::new();
        for row in rows {
            out.push(row??);
        }
        Ok(out)
    }

    /// The open loan of a key, if it is out.
    pub fn open_loan(&self, key: KeyId) -> Result<Option<LoanRecord>> {
        Ok(self
            .loans_where("WHERE l.key_id = ?1 AND l.returned_at IS NULL", [key.0])?
            .into_iter()
            .next())
    }

    /// A key's loans, newest first, at most `limit`.
    pub fn loans_of_key(&self, key: KeyId, limit: usize) -> Result<Vec<LoanRecord>> {
        self.loans_where(
            "WHERE l.key_id = ?1 ORDER BY l.out_at DESC LIMIT ?2",
            params![key.0, limit as i64],
        )
    }

    /// Every key past due at `now`, longest overdue first.
    pub fn overdue_loans(&self, now: NaiveDateTime) -> Result<Vec<LoanRecord>> {
        self.loans_where(
            "WHERE l.returned_at IS NULL AND l.due_at < ?1 ORDER BY l.due_at",
            [time_text(now)],
        )
    }

    /// How many keys are past due at `now` (the tab's label).
    pub fn overdue_count(&self, now: NaiveDateTime) -> Result<usize> {
        let n: i64 = self.conn().query_row(
            "SELECT count(*) FROM key_loans WHERE returned_at IS NULL AND due_at < ?1",
            [time_text(now)],
            |r| r.get(0),
        )?;
        Ok(n as usize)
    }

    /// Loans made in a month, in time order: the month's 钥匙借用登记表.
    pub fn loans_of_month(&self, year: i32, month: u32) -> Result<Vec<LoanRecord>> {
        let (from, to) = month_range(year, month);
        self.loans_where(
            "WHERE l.out_at >= ?1 AND l.out_at < ?2 ORDER BY l.out_at",
            params![from, to],
        )
    }

    /// Hand-overs in a month, in time order: the month's 钥匙发放登记表.
    pub fn issues_of_month(&self, year: i32, month: u32) -> Result<Vec<IssueRecord>> {
        let (from, to) = month_range(year, month);
        let mut stmt = self.conn().prepare_cached(
            "SELECT k.hook, k.place, u.building, u.entrance, u.room, i.recipient, i.document,
                    i.document_tail, i.count, i.signed, i.issued_at, i.recorded_by_name
             FROM key_issues i JOIN unit_keys k ON k.id = i.key_id LEFT JOIN units u ON u.id = k.unit_id
             WHERE i.issued_at >= ?1 AND i.issued_at < ?2 ORDER BY i.issued_at",
        )?;
        let rows = stmt.query_map(params![from, to], |r| {
            Ok((
                (r.get::<_, String>(0)?, r.get::<_, String>(1)?),
                (r.get(2)?, r.get(3)?, r.get(4)?),
                KeyIssue {
                    recipient: r.get(5)?,
                    document: r.get(6)?,
                    document_tail: r.get(7)?,
                    count: r.get(8)?,
                    signed: r.get(9)?,
                },
                (r.get::<_, String>(10)?, r.get::<_, String>(11)?),
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let ((hook, place), (b, e, room), issue, (at, by_name)) = row?;
            out.push(IssueRecord {
                hook,
                whose: address(b, e, room)?.map(|a| a.short()).unwrap_or(place),
                issue,
                at: parse_time(&at)?,
                by_name,
            });
        }
        Ok(out)
    }

    /// The keys tab's settings; the default end of day (18:00) where none was saved.
    pub fn key_settings(&self) -> Result<KeySettings> {
        let mut s = KeySettings::default();
        let saved: Option<String> = super::optional(self.conn().query_row(
            "SELECT value FROM settings WHERE key = 'keys.end_of_day'",
            [],
            |r| r.get(0),
        ))?;
        // A value we cannot read keeps the default rather than stopping the desk.
        if let Some(t) = saved.and_then(|v| NaiveTime::parse_from_str(&v, "%H:%M").ok()) {
            s.end_of_day = t;
        }
        Ok(s)
    }

    /// Saves the keys tab's settings.
    pub fn save_key_settings(&mut self, s: &KeySettings) -> Result<()> {
        let tx = self.conn.transaction()?;
        tx.execute(
            "INSERT INTO settings (key, value) VALUES ('keys.end_of_day', ?1)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            [s.end_of_day.format("%H:%M").to_string()],
        )?;
        Ok(tx.commit()?)
    }
}

/// The first instant of a month and of the next, as stored text.
fn month_range(year: i32, month: u32) -> (String, String) {
    let (ny, nm) = if month >= 12 {
        (year + 1, 1)
    } else {
        (year, month + 1)
    };
    (
        format!("{year:04}-{month:02}-01 00:00:00"),
        format!("{ny:04}-{nm:02}-01 00:00:00"),
    )
}
