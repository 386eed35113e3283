//! Month closing: a month is closed once archived (`archives`, one row per run). A write to a
//! record created in a closed month and finished before that month's first archive needs the
//! supervisor (`Action::ClosedMonthEdit`), asked for through the same countersign as every
//! other refusal; when let through, the audit row says so, `archive_edits` keeps a line for the
//! archive screen's "changed since", and the unit's history gets one where the record has a unit.

use chrono::{NaiveDateTime, TimeDelta};
use rusqlite::{OptionalExtension, Transaction, params};

use super::audit::{Entry, Target};
use super::session::{Authority, COUNTERSIGN_MINUTES, Refusal, Scope, Session};
use super::{Result, Store, StoreError, parse_time, time_text};
use crate::domain::Month;
use crate::domain::access::{Action, permits, who_may};
use crate::domain::staff::Recorded;
use crate::domain::unit::UnitId;

/// Per record kind (the audit `Target.kind`): the SQL giving the record's creation time, the
/// time it was finished (NULL while open) and its unit, by row id. A kind not listed (keys,
/// units, settings …) is never closed: it is not a record of one month. The check reads the
/// record after the write, so the write that finishes a record must stamp its own time (a
/// date-only column counts as the day's end): a record finished now is never locked. That is
/// why renovations are not listed: their last step, the refund, stamps no time of its own.
const RULES: &[(&str, &str)] = &[
    (
        "repair",
        "SELECT recorded_at, CASE WHEN state IN ('closed', 'cancelled')
             THEN coalesce(closed_at, cancelled_at) END, unit_id FROM repairs WHERE id = ?1",
    ),
    (
        "feedback",
        "SELECT received_at, CASE WHEN state = 'closed' THEN closed_at END, unit_id
         FROM feedback WHERE id = ?1",
    ),
    (
        "pass",
        "SELECT recorded_at, CASE WHEN status IN ('released', 'void')
             THEN coalesce(released_at, voided_at) END, unit_id FROM item_passes WHERE id = ?1",
    ),
    // A receipt is finished when issued; voiding it later is a change to a closed month.
    (
        "receipt",
        "SELECT issued_at, issued_at, unit_id FROM receipts WHERE id = ?1",
    ),
    (
        "vacancy",
        "SELECT recorded_at, CASE status WHEN 'rejected' THEN decided_at
             WHEN 'ended' THEN ended_on || ' 23:59:59' END, unit_id
         FROM vacancy_applications WHERE id = ?1",
    ),
    (
        "inspection",
        "SELECT recorded_at, recorded_at, unit_id FROM vacancy_inspections WHERE id = ?1",
    ),
    (
        "move_in",
        "SELECT opened_at, finished_at, unit_id FROM move_ins WHERE id = ?1",
    ),
    (
        "rental",
        "SELECT recorded_at, CASE WHEN state = 'withdrawn' THEN withdrawn_on || ' 23:59:59' END,
             unit_id
         FROM rental_entrustments WHERE id = ?1",
    ),
    (
        "found_item",
        "SELECT recorded_at, coalesce(claimed_at, disposed_at), NULL FROM found_items
         WHERE id = ?1",
    ),
    (
        "loss_report",
        "SELECT recorded_at, closed_at, NULL FROM loss_reports WHERE id = ?1",
    ),
];

/// The record kinds a closed month locks.
pub fn closed_kinds() -> impl Iterator<Item = &'static str> {
    RULES.iter().map(|(kind, _)| *kind)
}

/// A record of a closed month: the month and the record's unit.
pub(crate) struct Closed {
    month: String,
    unit: Option<i64>,
}

/// Whether `target` is locked: created in an archived month and finished no later than that
/// month's first archive (times compare as text: `YYYY-MM-DD[ HH:MM:SS]`).
pub(crate) fn closed(tx: &Transaction<'_>, target: &Target) -> Result<Option<Closed>> {
    let (Some(sql), Some(id)) = (
        RULES.iter().find(|(k, _)| *k == target.kind).map(|r| r.1),
        target.id,
    ) else {
        return Ok(None);
    };
    let row: Option<(String, Option<String>, Option<i64>)> = tx
        .prepare_cached(sql)?
        .query_row([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .optional()?;
    let Some((created, Some(finished), unit)) = row else {
        return Ok(None);
    };
    let month = created.get(..7).unwrap_or_default().to_string();
    let first: Option<String> = tx
        .prepare_cached("SELECT min(at) FROM archives WHERE month = ?1")?
        .query_row([&month], |r| r.get(0))?;
    Ok(first
        .filter(|first| finished.as_str() <= first.as_str())
        .map(|_| Closed { month, unit }))
}

/// The authority for a write to a closed month's record: the person signed in if they may
/// change it, or the supervisor who just countersigned `ClosedMonthEdit`; otherwise the refusal
/// the desk turns into its countersign prompt.
pub(crate) fn authority(
    session: &mut Session,
    auth: Authority,
    closed: &Closed,
) -> Result<Authority> {
    let action = Action::ClosedMonthEdit;
    let Some((by, _)) = auth.who.clone() else {
        // The demo's history is written with nobody signed in, before any archive.
        return Ok(auth);
    };
    // The supervisor signed in, or one who just countersigned this write's own action.
    let countersigned = auth.who.as_ref().and_then(|(_, cs)| cs.as_ref());
    if permits(action, by.role, false)
        || countersigned.is_some_and(|cs| permits(action, cs.role, false))
    {
        return Ok(auth);
    }
    let at = auth.rec.at;
    if let Some((cs, for_action, given)) = session.countersign.clone()
        && for_action == action
        && (at - given).abs() <= TimeDelta::minutes(COUNTERSIGN_MINUTES)
        && permits(action, cs.role, false)
    {
        session.countersign = None;
        return Ok(Authority {
            rec: Recorded {
                by: Some(cs.id),
                by_name: format!("{}（经办：{}）", cs.name, by.name),
                at,
            },
            who: Some((by, Some(cs))),
        });
    }
    let message = format!(
        "这条记录属于已归档的 {} 月，{}不能单独修改：须由{}签字，请其输入PIN会签",
        closed.month,
        by.title(),
        who_may(action)
    );
    session.refused = Some(Refusal {
        action,
        building: None,
        message: message.clone(),
    });
    session.refused_scope = Some((action, Scope::Estate));
    Err(StoreError::NeedsCountersign {
        action,
        building: None,
        message,
    })
}

/// Marks `entry` as a change to a closed month and keeps its trace: a row in `archive_edits`
/// and, where the record has a unit, a line in the unit's history.
pub(crate) fn trace(
    tx: &Transaction<'_>,
    auth: &Authority,
    closed: &Closed,
    entry: &mut Entry,
) -> Result<()> {
    entry.what = format!("{}（修改已归档的 {} 月记录）", entry.what, closed.month);
    tx.execute(
        "INSERT INTO archive_edits (month, at, by_name, record_kind, record_id, record_label, what)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            closed.month,
            time_text(auth.rec.at),
            auth.rec.by_name,
            entry.target.kind,
            entry.target.id.unwrap_or_default(),
            entry.target.label,
            entry.what,
        ],
    )?;
    if let Some(unit) = closed.unit {
        super::units::log(
            tx,
            UnitId(unit),
            &auth.rec,
            "归档",
            &format!(
                "修改已归档的 {} 月记录 {}：{}",
                closed.month, entry.target.label, entry.what
            ),
        )?;
    }
    Ok(())
}

/// One run of the archive, to record.
#[derive(Debug, Clone)]
pub struct ArchiveRun {
    /// The month archived.
    pub month: Month,
    /// Where the folder was written.
    pub folder: String,
    /// SHA-256 of its `SHA256SUMS`.
    pub digest: String,
    /// Files in the folder.
    pub files: usize,
}

/// An archived month as the archive screen lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArchivedMonth {
    /// The month.
    pub month: Month,
    /// First archived: when and by whom.
    pub first_at: NaiveDateTime,
    /// Who first archived it.
    pub first_by: String,
    /// Last archived: when.
    pub last_at: NaiveDateTime,
    /// Who last archived it.
    pub last_by: String,
    /// How many runs.
    pub runs: usize,
    /// Changes to its records since the last run (one in the run's own second counts: the
    /// run is recorded after its files were read).
    pub edits_since: usize,
}

impl Store {
    /// Records a finished archive run; the month is closed from its first run on.
    ///
    /// # Errors
    /// Not the supervisor ([`StoreError::NeedsCountersign`]), or the database.
    pub fn record_archive(&mut self, run: &ArchiveRun, rec: &Recorded) -> Result<()> {
        self.write(Action::MonthArchive, None, rec, |tx, auth| {
            tx.execute(
                "INSERT INTO archives (month, at, by_id, by_name, folder, digest, files)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![
                    run.month.to_string(),
                    time_text(auth.rec.at),
                    auth.rec.by.map(|s| s.0),
                    auth.rec.by_name,
                    run.folder,
                    run.digest,
                    run.files as i64,
                ],
            )?;
            let id = tx.last_insert_rowid();
            let entry = Entry::new(
                Action::MonthArchive,
                &format!("归档 {} 月：{} 个文件", run.month, run.files),
                Target::new("archive", id, &format!("月末归档 {}", run.month)),
            )
            .change(
                None::<&()>,
                Some(&serde_json::json!({
                    "文件夹": run.folder,
                    "校验值": run.digest,
                    "文件数": run.files,
                })),
            );
            Ok(((), entry))
        })
    }

    /// Asks the gate for `action` now, before long work whose result it will record (the
    /// month's archive is built, then recorded): refused as any write would be (the desk then
    /// asks for the countersign), and a countersign it was let through by is left for the write.
    ///
    /// # Errors
    /// As [`Store::write`]'s gate.
    pub fn may_proceed(&mut self, action: Action, rec: &Recorded) -> Result<()> {
        let countersign = self.session.countersign.clone();
        self.authorize(action, None, rec)?;
        self.session.countersign = countersign;
        Ok(())
    }

    /// Every archived month, newest first.
    pub fn archived_months(&self) -> Result<Vec<ArchivedMonth>> {
        let mut stmt = self.conn().prepare(
            "WITH runs AS (SELECT month, min(at) AS first_at, max(at) AS last_at, count(*) AS n
                           FROM archives GROUP BY month)
             SELECT r.month, r.first_at, r.last_at, r.n,
                 (SELECT by_name FROM archives f WHERE f.month = r.month ORDER BY at, id LIMIT 1),
                 (SELECT by_name FROM archives l WHERE l.month = r.month
                      ORDER BY at DESC, id DESC LIMIT 1),
                 (SELECT count(*) FROM archive_edits e WHERE e.month = r.month
                      AND e.at >= r.last_at)
             FROM runs r ORDER BY r.month DESC",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, i64>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, String>(5)?,
                r.get::<_, i64>(6)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (month, first, last, runs, first_by, last_by, edits) = row?;
            out.push(ArchivedMonth {
                month: Month::parse(&month)
                    .map_err(|_| StoreError::Corrupt(format!("归档月份 “{month}”")))?,
                first_at: parse_time(&first)?,
                first_by,
                last_at: parse_time(&last)?,
                last_by,
                runs: runs as usize,
                edits_since: edits as usize,
            });
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::staff::{Role, StaffId};
    use crate::store::Actor;

    fn actor(id: i64, name: &str, role: Role) -> Actor {
        Actor {
            id: StaffId(id),
            name: name.into(),
            role,
        }
    }

    /// Every rule's SQL runs on the current schema: a typo would otherwise fail only the first
    /// write of that kind of record at the desk.
    #[test]
    fn every_rule_reads_the_schema() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("desk.sqlite3")).unwrap();
        for (kind, sql) in RULES {
            let row = store
                .conn()
                .prepare(sql)
                .and_then(|mut s| s.query_row([1], |_| Ok(())).optional());
            assert!(row.is_ok(), "{kind}: {row:?}");
        }
    }

    #[test]
    fn a_clerk_is_refused_until_the_supervisor_countersigns() {
        let at = chrono::NaiveDate::from_ymd_opt(2026, 12, 2)
            .and_then(|d| d.and_hms_opt(9, 0, 0))
            .unwrap();
        let closed = Closed {
            month: "2026-11".into(),
            unit: None,
        };
        let clerk = actor(1, "张敏", Role::Receptionist);
        let boss = actor(2, "刘洋", Role::Supervisor);
        let mut session = Session::default();
        let refused = authority(&mut session, Authority::of(&clerk, at), &closed);
        assert!(matches!(
            refused,
            Err(StoreError::NeedsCountersign {
                action: Action::ClosedMonthEdit,
                ..
            })
        ));
        let refusal = session.refused.take().expect("kept for the desk");
        assert!(refusal.message.contains("2026-11"), "{}", refusal.message);

        session.countersign = Some((boss.clone(), Action::ClosedMonthEdit, at));
        let auth = authority(&mut session, Authority::of(&clerk, at), &closed).expect("signed");
        assert_eq!(auth.rec.by_name, "刘洋（经办：张敏）");
        assert!(session.countersign.is_none(), "used once");

        // The supervisor alone needs nobody.
        let auth = authority(&mut session, Authority::of(&boss, at), &closed).expect("own");
        assert_eq!(auth.rec.by_name, "刘洋");
    }
}
