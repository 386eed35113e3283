//! Reading the cabinet back: key sets, loans, the overdue list, the month's hand-overs, and
//! row mapping.

use chrono::NaiveDateTime;
use rusqlite::{Row, params};

use super::{IssueRecord, KeyId, KeyRecord, LoanId, LoanRecord, corrupt};
use crate::domain::keys::{BorrowerOrg, KeyIssue, KeyLoan, KeyStatus, UnitKey};
use crate::domain::unit::UnitId;
use crate::domain::{Mobile, Month, UnitAddress};
use crate::store::{Result, Store, found, optional, parse_time, time_text};

const KEY_COLUMNS: &str = "k.id, k.unit_id, u.building, u.entrance, u.room, k.place, k.hook,
    k.count, k.location, k.status";

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

impl Store {
    /// One key set.
    pub fn key(&self, id: KeyId) -> Result<KeyRecord> {
        let row = optional(self.conn().query_row(
            &format!("SELECT {KEY_COLUMNS} FROM unit_keys k LEFT JOIN units u ON u.id = k.unit_id WHERE k.id = ?1"),
            [id.0],
            key_from_row,
        ))?;
        found(row, || "找不到这把钥匙".to_string())?
    }

    /// Key sets whose hook, unit (`3-2-1502`, `1502`) or common room matches `query`, at most
    /// `limit`, by hook.
    pub fn keys(&self, query: &str, limit: usize) -> Result<Vec<KeyRecord>> {
        // Full-width digits (`０３０１`) as an input method types them are the same room.
        let normalized = crate::domain::normalize_digits(query);
        let q = normalized.trim();
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
    pub fn loans_of_month(&self, month: Month) -> Result<Vec<LoanRecord>> {
        let (from, to) = month_range(month);
        self.loans_where(
            "WHERE l.out_at >= ?1 AND l.out_at < ?2 ORDER BY l.out_at",
            params![from, to],
        )
    }

    /// Hand-overs in a month, in time order: the month's 钥匙发放登记表.
    pub fn issues_of_month(&self, month: Month) -> Result<Vec<IssueRecord>> {
        let (from, to) = month_range(month);
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
}

/// The first instant of a month and of the next, as stored text.
fn month_range(month: Month) -> (String, String) {
    let start = |m: Month| format!("{} 00:00:00", m.first_day().format("%Y-%m-%d"));
    (start(month), start(month.next()))
}
