//! What every write on a renovation shares inside a transaction: its head (the parts a step
//! reads), the audit target, the number counter, the step row with its line in the unit's
//! history (kind `装修`), and keeping the next patrol's day (`patrol_due`) up to date.

use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::{Connection, OptionalExtension, Transaction, params};

use crate::domain::UnitAddress;
use crate::domain::renovation::{
    RenovationId, RenovationNumber, Stage, Step, WorkKind, next_patrol_due,
};
use crate::domain::staff::Recorded;
use crate::domain::unit::UnitId;
use crate::store::audit::Target;
use crate::store::{Result, StoreError, found, time_text, units};

/// The kind of a renovation line in the unit's history.
pub(super) const LOG_KIND: &str = "装修";

pub(super) fn day_text(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

pub(super) fn parse_day(text: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map_err(|_| StoreError::Corrupt(format!("日期 “{text}”")))
}

/// A renovation as the audit log names it: `ZX-202611-0001`.
pub(super) fn target(id: RenovationId, number: &str) -> Target {
    Target::new("renovation", id.0, number)
}

/// Takes the next number of `at`'s month, in the caller's transaction.
pub(super) fn next_number(tx: &Transaction<'_>, at: NaiveDateTime) -> Result<RenovationNumber> {
    use chrono::Datelike;
    let (year, month) = (at.year(), at.month());
    let last: i64 = tx
        .prepare_cached(
            "INSERT INTO renovation_counters (month, last) VALUES (?1, 1)
             ON CONFLICT (month) DO UPDATE SET last = last + 1 RETURNING last",
        )?
        .query_row([RenovationNumber::month_key(year, month)], |r| r.get(0))?;
    let seq = u32::try_from(last).map_err(|_| StoreError::Corrupt(format!("装修序号 {last}")))?;
    Ok(RenovationNumber { year, month, seq })
}

/// The parts of a renovation a step reads.
#[derive(Debug, Clone)]
pub(super) struct Head {
    pub id: RenovationId,
    pub number: String,
    pub unit: UnitId,
    pub address: UnitAddress,
    pub owner_name: String,
    pub stage: Stage,
}

pub(super) fn head(conn: &Connection, id: RenovationId) -> Result<Head> {
    type Row = (String, i64, u32, u32, u32, String, String);
    let row: Option<Row> = conn
        .prepare_cached(
            "SELECT r.number, r.unit_id, u.building, u.entrance, u.room, r.owner_name,
                    r.stage
             FROM renovations r JOIN units u ON u.id = r.unit_id WHERE r.id = ?1",
        )?
        .query_row([id.0], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
                r.get(6)?,
            ))
        })
        .optional()?;
    let (number, unit, b, e, room, owner_name, stage) =
        found(row, || "找不到这份装修申请，可能已被删除".to_string())?;
    Ok(Head {
        id,
        number,
        unit: UnitId(unit),
        address: UnitAddress::new(b, e, room)
            .map_err(|_| StoreError::Corrupt(format!("房号 {b}-{e}-{room}")))?,
        owner_name,
        stage: Stage::from_code(&stage)
            .ok_or_else(|| StoreError::Corrupt(format!("装修阶段 “{stage}”")))?,
    })
}

impl Head {
    /// The stage after `step`, or the state machine's refusal as a conflict.
    pub fn next(&self, step: Step) -> Result<Stage> {
        self.stage
            .step(step)
            .map_err(|e| StoreError::Conflict(format!("{} {}", self.number, e)))
    }

    /// Refuses unless the work is under way (phases and patrols).
    pub fn working(&self, what: &str) -> Result<()> {
        if self.stage.working() {
            Ok(())
        } else {
            Err(StoreError::Conflict(format!(
                "{} 现在是“{}”，不能{what}：只有施工中的装修才能记录",
                self.number,
                self.stage.label()
            )))
        }
    }
}

/// Writes a step: the new stage, the step's row, and its line in the unit's history.
pub(super) fn record(
    tx: &Transaction<'_>,
    h: &Head,
    stage: Stage,
    what: &str,
    note: &str,
    rec: &Recorded,
) -> Result<()> {
    if stage != h.stage {
        tx.prepare_cached("UPDATE renovations SET stage = ?2 WHERE id = ?1")?
            .execute(params![h.id.0, stage.code()])?;
    }
    tx.prepare_cached(
        "INSERT INTO renovation_steps (renovation_id, what, stage, note, at, by_name)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![
        h.id.0,
        what,
        stage.code(),
        note.trim(),
        time_text(rec.at),
        rec.by_name
    ])?;
    let text = if note.trim().is_empty() {
        format!("{} {what}", h.number)
    } else {
        format!("{} {what}：{}", h.number, note.trim())
    };
    units::log(tx, h.unit, rec, LOG_KIND, &text)
}

/// The phase running now: its row, kind, first day and installation day.
#[derive(Debug, Clone, Copy)]
pub(super) struct Current {
    pub id: i64,
    pub kind: WorkKind,
    pub start: NaiveDate,
    pub install: Option<NaiveDate>,
}

/// The current phase of a renovation.
pub(super) fn current_phase(conn: &Connection, id: RenovationId) -> Result<Option<Current>> {
    let row: Option<(i64, String, String, Option<String>)> = conn
        .prepare_cached(
            "SELECT id, kind, started_on, installation_day FROM renovation_phases
             WHERE renovation_id = ?1 AND ended_on IS NULL",
        )?
        .query_row([id.0], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .optional()?;
    let Some((phase, kind, start, install)) = row else {
        return Ok(None);
    };
    let kind = WorkKind::from_code(&kind)
        .ok_or_else(|| StoreError::Corrupt(format!("装修项目 “{kind}”")))?;
    let install = install.as_deref().map(parse_day).transpose()?;
    Ok(Some(Current {
        id: phase,
        kind,
        start: parse_day(&start)?,
        install,
    }))
}

/// Recomputes the next patrol's day from the current phase and its latest patrol, and keeps it
/// on the renovation (NULL when no phase runs or nothing is due).
pub(super) fn update_due(tx: &Transaction<'_>, id: RenovationId) -> Result<Option<NaiveDate>> {
    let due = match current_phase(tx, id)? {
        None => None,
        Some(Current {
            id: phase,
            kind,
            start,
            install,
        }) => {
            let last: Option<String> = tx
                .prepare_cached(
                    "SELECT max(substr(at, 1, 10)) FROM renovation_patrols WHERE phase_id = ?1",
                )?
                .query_row([phase], |r| r.get(0))?;
            let last = last.as_deref().map(parse_day).transpose()?;
            next_patrol_due(kind, start, install, last)
        }
    };
    tx.prepare_cached("UPDATE renovations SET patrol_due = ?2 WHERE id = ?1")?
        .execute(params![id.0, due.map(day_text)])?;
    Ok(due)
}
