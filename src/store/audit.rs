//! The audit log (操作日志): one row per write, appended in the write's own transaction, never
//! changed (triggers refuse UPDATE and DELETE) and chained: each row's SHA-256 covers its content
//! and the hash of the row before, so [`Store::verify_audit`] names any row edited or removed
//! behind the program's back.

use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::{Transaction, params};
use serde::Serialize;
use sha2::{Digest, Sha256};

use super::session::{Actor, Authority};
use super::{Result, Store, StoreError, parse_time, time_text};
use crate::domain::access::Action;

/// The authority for one step of a bulk history import: while the demo builder writes, each step
/// is logged under the name its own history gives; otherwise under the person importing.
pub(crate) fn step_authority(auth: &Authority, step: &crate::domain::staff::Recorded) -> Authority {
    match auth.who {
        None => Authority {
            rec: step.clone(),
            who: None,
        },
        Some(_) => Authority {
            rec: crate::domain::staff::Recorded {
                at: step.at,
                ..auth.rec.clone()
            },
            who: auth.who.clone(),
        },
    }
}

/// The `prev_hash` of the first row.
const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// The record a log row is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Target {
    /// What kind of record (`unit`, `repair`, `pass` …).
    pub kind: &'static str,
    /// Its row id.
    pub id: Option<i64>,
    /// How the desk names it (`3-2-1502`, `BX-202611-0012` …).
    pub label: String,
}

impl Target {
    pub fn new(kind: &'static str, id: i64, label: &str) -> Target {
        Target {
            kind,
            id: Some(id),
            label: label.to_string(),
        }
    }

    pub fn staff(a: &Actor) -> Target {
        Target::new("staff", a.id.0, &a.name)
    }

    /// A desk-wide record with no row of its own (the office's settings).
    pub fn setting(label: &str) -> Target {
        Target {
            kind: "settings",
            id: None,
            label: label.to_string(),
        }
    }
}

/// One write, as the log keeps it.
#[derive(Debug, Clone)]
pub(crate) struct Entry {
    pub action: Action,
    /// What happened, in the desk's words.
    pub what: String,
    pub target: Target,
    /// The record before the write (None for a new record).
    pub before: Option<serde_json::Value>,
    /// The record after it (None for a removal).
    pub after: Option<serde_json::Value>,
}

impl Entry {
    pub fn new(action: Action, what: &str, target: Target) -> Entry {
        Entry {
            action,
            what: what.to_string(),
            target,
            before: None,
            after: None,
        }
    }

    /// The same entry with its before and after states.
    pub fn change<B: Serialize + ?Sized, A: Serialize + ?Sized>(
        mut self,
        before: Option<&B>,
        after: Option<&A>,
    ) -> Entry {
        self.before = before.map(json);
        self.after = after.map(json);
        self
    }
}

/// `value` as JSON with ID numbers, phones and licence numbers masked: the log is read by the
/// supervisor and printed by `wuye-desk audit`, and stays masked like every other page.
pub(crate) fn json<T: Serialize + ?Sized>(value: &T) -> serde_json::Value {
    let mut v = serde_json::to_value(value).unwrap_or(serde_json::Value::Null);
    mask(&mut v);
    v
}

fn mask(v: &mut serde_json::Value) {
    use serde_json::Value;
    match v {
        Value::Object(map) => {
            for (k, val) in map.iter_mut() {
                let personal = matches!(
                    k.as_str(),
                    "id_number" | "phone" | "emergency_phone" | "driver_doc" | "owner_phone"
                );
                match val {
                    Value::String(s) if personal => *s = mask_text(s),
                    _ => mask(val),
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(mask),
        _ => {}
    }
}

/// Keeps the first three and last four characters of a long number, as the desk masks them.
fn mask_text(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    if chars.len() <= 7 {
        return "*".repeat(chars.len());
    }
    let keep_tail = 4;
    let mut out: String = chars[..3].iter().collect();
    out.push_str(&"*".repeat(chars.len() - 3 - keep_tail));
    out.extend(&chars[chars.len() - keep_tail..]);
    out
}

/// The text a row's hash covers: every stored column but the two hashes, as one JSON array
/// (unambiguous, and the same bytes on every machine).
#[allow(clippy::too_many_arguments)]
fn content(
    at: &str,
    who: Option<i64>,
    who_name: &str,
    cs: Option<i64>,
    cs_name: Option<&str>,
    tab: &str,
    action: &str,
    what: &str,
    kind: &str,
    id: Option<i64>,
    label: &str,
    before: Option<&str>,
    after: Option<&str>,
) -> String {
    serde_json::json!([
        at, who, who_name, cs, cs_name, tab, action, what, kind, id, label, before, after
    ])
    .to_string()
}

fn chain(prev: &str, content: &str) -> String {
    let mut h = Sha256::new();
    h.update(prev.as_bytes());
    h.update(b"\n");
    h.update(content.as_bytes());
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

/// Appends `entry` for `auth` as the last step of a write's transaction, once the record is
/// known: a record of a closed (archived) month needs the supervisor, and the write rolls back
/// (the transaction dropped) when they have not signed; let through, it leaves its trace. Every
/// write of a record goes through here: [`Store::write`], and the few writes that authorize and
/// open their transaction themselves.
pub(crate) fn append_checked(
    session: &mut super::session::Session,
    tx: &Transaction<'_>,
    auth: &Authority,
    mut entry: Entry,
) -> Result<()> {
    match super::closing::closed(tx, &entry.target)? {
        None => append(tx, auth, &entry),
        Some(closed) => {
            let auth = super::closing::authority(session, auth.clone(), &closed)?;
            super::closing::trace(tx, &auth, &closed, &mut entry)?;
            append(tx, &auth, &entry)
        }
    }
}

/// Appends `entry` for `auth` inside the write's transaction. While the demo builder writes its
/// history, the row names the person the history names (no account: nobody signed in).
pub(crate) fn append(tx: &Transaction<'_>, auth: &Authority, entry: &Entry) -> Result<()> {
    let prev: String = super::optional(tx.query_row(
        "SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1",
        [],
        |r| r.get(0),
    ))?
    .unwrap_or_else(|| GENESIS.to_string());
    let (who, who_name, cs, cs_name) = match &auth.who {
        Some((by, cs)) => (
            Some(by.id.0),
            by.name.clone(),
            cs.as_ref().map(|c| c.id.0),
            cs.as_ref().map(|c| c.name.clone()),
        ),
        None => (None, auth.rec.by_name.clone(), None, None),
    };
    let at = time_text(auth.rec.at);
    let before = entry.before.as_ref().map(|v| v.to_string());
    let after = entry.after.as_ref().map(|v| v.to_string());
    let text = content(
        &at,
        who,
        &who_name,
        cs,
        cs_name.as_deref(),
        entry.action.tab(),
        entry.action.code(),
        &entry.what,
        entry.target.kind,
        entry.target.id,
        &entry.target.label,
        before.as_deref(),
        after.as_deref(),
    );
    let hash = chain(&prev, &text);
    tx.prepare_cached(
        "INSERT INTO audit_log (at, who, who_name, countersign, countersign_name, tab, action,
             what, record_kind, record_id, record_label, before, after, prev_hash, hash)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
    )?
    .execute(params![
        at,
        who,
        who_name,
        cs,
        cs_name,
        entry.action.tab(),
        entry.action.code(),
        entry.what,
        entry.target.kind,
        entry.target.id,
        entry.target.label,
        before,
        after,
        prev,
        hash,
    ])?;
    Ok(())
}

/// One row of the log as the 操作日志 screen and `wuye-desk audit` show it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditRow {
    /// Its number in the log.
    pub id: i64,
    /// When.
    pub at: NaiveDateTime,
    /// Who was signed in.
    pub who: String,
    /// Who countersigned, if anyone.
    pub countersign: Option<String>,
    /// The tab.
    pub tab: String,
    /// The action's label (its code if this program does not know it).
    pub action: String,
    /// What happened.
    pub what: String,
    /// The record (`3-2-1502`, `BX-202611-0012` …).
    pub record: String,
    /// Before the change (JSON, personal numbers masked).
    pub before: Option<String>,
    /// After the change.
    pub after: Option<String>,
}

/// Which rows to show.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AuditFilter {
    /// Rows where this person acted or countersigned.
    pub who: Option<String>,
    /// From this day.
    pub from: Option<NaiveDate>,
    /// To this day (inclusive).
    pub to: Option<NaiveDate>,
    /// One tab.
    pub tab: Option<String>,
    /// Records whose label contains this (`1502`, `BX-202611`).
    pub record: Option<String>,
}

/// One page of the log, newest first.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AuditPage {
    /// The rows.
    pub rows: Vec<AuditRow>,
    /// All rows matching the filter.
    pub total: usize,
}

impl AuditFilter {
    fn sql(&self) -> (String, Vec<String>) {
        let mut clauses = Vec::new();
        let mut args = Vec::new();
        if let Some(w) = self.who.as_deref().map(str::trim).filter(|w| !w.is_empty()) {
            args.push(w.to_string());
            let n = args.len();
            clauses.push(format!("(who_name = ?{n} OR countersign_name = ?{n})"));
        }
        if let Some(d) = self.from {
            args.push(format!("{d} 00:00:00"));
            clauses.push(format!("at >= ?{}", args.len()));
        }
        if let Some(d) = self.to {
            args.push(format!("{d} 23:59:59"));
            clauses.push(format!("at <= ?{}", args.len()));
        }
        if let Some(t) = self.tab.as_deref().filter(|t| !t.is_empty()) {
            args.push(t.to_string());
            clauses.push(format!("tab = ?{}", args.len()));
        }
        if let Some(r) = self
            .record
            .as_deref()
            .map(str::trim)
            .filter(|r| !r.is_empty())
        {
            args.push(format!("%{}%", crate::domain::normalize_digits(r)));
            clauses.push(format!("record_label LIKE ?{}", args.len()));
        }
        let filter = if clauses.is_empty() {
            String::new()
        } else {
            format!("WHERE {}", clauses.join(" AND "))
        };
        (filter, args)
    }
}

impl Store {
    /// Runs one write the way every write runs: the gate ([`Store::authorize`]), then `f` in
    /// one transaction with the record's signer, then the log row `f` returns, committed
    /// together (a write is never saved without its row, nor a row without its write).
    pub(crate) fn write<T>(
        &mut self,
        action: Action,
        building: Option<u32>,
        rec: &crate::domain::staff::Recorded,
        f: impl FnOnce(&Transaction<'_>, &Authority) -> Result<(T, Entry)>,
    ) -> Result<T> {
        let auth = self.authorize(action, building, rec)?;
        let tx = self.conn.transaction()?;
        let (out, entry) = f(&tx, &auth)?;
        append_checked(&mut self.session, &tx, &auth, entry)?;
        tx.commit()?;
        Ok(out)
    }

    /// A page of the log, newest first: `page` counts from 0, `size` rows a page.
    pub fn audit_log(&self, filter: &AuditFilter, page: usize, size: usize) -> Result<AuditPage> {
        let (clause, args) = filter.sql();
        let total: i64 = self.conn.query_row(
            &format!("SELECT count(*) FROM audit_log {clause}"),
            rusqlite::params_from_iter(args.iter()),
            |r| r.get(0),
        )?;
        // The page's numbers are found on the indexes alone, then only its rows are read: a
        // filter matching a hundred thousand rows then sorts numbers, not their JSON.
        let mut stmt = self.conn.prepare(&format!(
            "SELECT id, at, who_name, countersign_name, tab, action, what, record_label, before,
                    after
             FROM audit_log WHERE id IN (
                 SELECT id FROM audit_log {clause} ORDER BY id DESC LIMIT {} OFFSET {})
             ORDER BY id DESC",
            size,
            page * size
        ))?;
        let rows = stmt.query_map(rusqlite::params_from_iter(args.iter()), |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, Option<String>>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, String>(5)?,
                r.get::<_, String>(6)?,
                r.get::<_, String>(7)?,
                r.get::<_, Option<String>>(8)?,
                r.get::<_, Option<String>>(9)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (id, at, who, countersign, tab, action, what, record, before, after) = row?;
            out.push(AuditRow {
                id,
                at: parse_time(&at)?,
                who,
                countersign,
                tab,
                action: Action::from_code(&action)
                    .map(|a| a.label().to_string())
                    .unwrap_or(action),
                what,
                record,
                before,
                after,
            });
        }
        Ok(AuditPage {
            rows: out,
            total: total as usize,
        })
    }

    /// Walks the whole log and recomputes its chain: every row whose content no longer matches
    /// its hash, whose link to the row before is broken (a row removed), and rows missing at
    /// the end, each named by its number.
    pub fn verify_audit(&self) -> Result<Vec<String>> {
        let mut problems = Vec::new();
        let mut stmt = self.conn.prepare(
            "SELECT id, at, who, who_name, countersign, countersign_name, tab, action, what,
                    record_kind, record_id, record_label, before, after, prev_hash, hash
             FROM audit_log ORDER BY id",
        )?;
        let mut rows = stmt.query([])?;
        let mut prev = GENESIS.to_string();
        let mut last_id = 0i64;
        while let Some(r) = rows.next()? {
            let id: i64 = r.get(0)?;
            let text = content(
                &r.get::<_, String>(1)?,
                r.get(2)?,
                &r.get::<_, String>(3)?,
                r.get(4)?,
                r.get::<_, Option<String>>(5)?.as_deref(),
                &r.get::<_, String>(6)?,
                &r.get::<_, String>(7)?,
                &r.get::<_, String>(8)?,
                &r.get::<_, String>(9)?,
                r.get(10)?,
                &r.get::<_, String>(11)?,
                r.get::<_, Option<String>>(12)?.as_deref(),
                r.get::<_, Option<String>>(13)?.as_deref(),
            );
            let prev_hash: String = r.get(14)?;
            let hash: String = r.get(15)?;
            if prev_hash != prev {
                if id != last_id + 1 {
                    problems.push(format!(
                        "操作日志第 {}–{} 行被删除（第 {id} 行与前一行接不上）",
                        last_id + 1,
                        id - 1
                    ));
                } else {
                    problems.push(format!(
                        "操作日志第 {id} 行与前一行接不上（前一行或本行被改动）"
                    ));
                }
            }
            if chain(&prev_hash, &text) != hash {
                problems.push(format!(
                    "操作日志第 {id} 行的内容被改动过（与其校验值不符）"
                ));
            }
            prev = hash;
            last_id = id;
        }
        // AUTOINCREMENT never reuses a number, so rows removed from the end leave the
        // sequence ahead of the last row.
        let issued: i64 = super::optional(self.conn.query_row(
            "SELECT seq FROM sqlite_sequence WHERE name = 'audit_log'",
            [],
            |r| r.get(0),
        ))?
        .unwrap_or(0);
        if issued > last_id {
            problems.push(format!("操作日志末尾第 {}–{issued} 行被删除", last_id + 1));
        }
        Ok(problems)
    }

    /// Logs a supervisor revealing a full ID number for a stated purpose, and returns it.
    ///
    /// # Errors
    /// Not the supervisor (and no countersign), or no purpose given.
    pub fn reveal_id(
        &mut self,
        person: crate::domain::person::PersonId,
        purpose: &str,
        rec: &crate::domain::staff::Recorded,
    ) -> Result<Option<String>> {
        if purpose.trim().is_empty() {
            return Err(StoreError::Conflict("请写明查看完整身份证号的用途".into()));
        }
        let auth = self.authorize(Action::RevealId, None, rec)?;
        let p = self.person(person)?;
        let home = self.unit(p.unit)?;
        let tx = self.conn.transaction()?;
        let what = format!("查看完整身份证号：{}", purpose.trim());
        let target = super::people::person_target(person, &home.unit, &p.person);
        let mut entry = Entry::new(Action::RevealId, &what, target);
        entry.after = Some(serde_json::json!({ "用途": purpose.trim() }));
        append(&tx, &auth, &entry)?;
        tx.commit()?;
        Ok(p.person.id_number.map(|id| id.as_str().to_string()))
    }
}
