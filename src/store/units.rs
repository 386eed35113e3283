//! Units of the register and each unit's log (its history).

use rusqlite::{Row, Transaction, params};

use super::audit::{Entry, Target};
use super::{Result, Store, StoreError};
use crate::domain::access::Action;
use crate::domain::staff::Recorded;
use crate::domain::unit::{Unit, UnitId, UnitStatus};
use crate::domain::{Area, UnitAddress};

/// A unit as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitRecord {
    /// Row id.
    pub id: UnitId,
    /// The unit.
    pub unit: Unit,
}

/// One line of a unit's history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogEntry {
    /// When (local).
    pub at: chrono::NaiveDateTime,
    /// Who at the desk.
    pub by_name: String,
    /// What kind of event (`登记`, `业主`, later `报修` …), shown as a tag.
    pub kind: String,
    /// What happened, in Chinese.
    pub text: String,
}

pub(crate) const UNIT_COLUMNS: &str =
    "u.id, u.building, u.entrance, u.room, u.area_hundredths, u.status, u.note";

impl UnitRecord {
    pub(crate) fn from_row(row: &Row<'_>) -> rusqlite::Result<Result<UnitRecord>> {
        let id: i64 = row.get("id")?;
        let building: u32 = row.get("building")?;
        let entrance: u32 = row.get("entrance")?;
        let room: u32 = row.get("room")?;
        let area: i64 = row.get("area_hundredths")?;
        let status: String = row.get("status")?;
        let note: String = row.get("note")?;
        Ok((|| {
            let address = UnitAddress::new(building, entrance, room)
                .map_err(|_| StoreError::Corrupt(format!("房号 {building}-{entrance}-{room}")))?;
            let status = UnitStatus::from_code(&status)
                .ok_or_else(|| StoreError::Corrupt(format!("房屋状态 “{status}”")))?;
            Ok(UnitRecord {
                id: UnitId(id),
                unit: Unit {
                    address,
                    area: Area(area),
                    status,
                    note,
                },
            })
        })())
    }
}

/// Appends a line to a unit's history inside the caller's transaction.
pub(crate) fn log(
    tx: &Transaction<'_>,
    unit: UnitId,
    rec: &Recorded,
    kind: &str,
    text: &str,
) -> Result<()> {
    // Cached: a roster import writes one line per unit and per person.
    tx.prepare_cached(
        "INSERT INTO unit_log (unit_id, at, by_name, kind, text) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![
        unit.0,
        super::time_text(rec.at),
        rec.by_name,
        kind,
        text
    ])?;
    Ok(())
}

/// Inserts a unit inside the caller's transaction; a unit already at that address is a conflict.
pub(crate) fn insert_unit(tx: &Transaction<'_>, unit: &Unit, rec: &Recorded) -> Result<UnitId> {
    let a = unit.address;
    let exists: Option<i64> = super::optional(
        tx.prepare_cached(
            "SELECT id FROM units WHERE building = ?1 AND entrance = ?2 AND room = ?3",
        )?
        .query_row(params![a.building, a.entrance, a.room], |r| r.get(0)),
    )?;
    if exists.is_some() {
        return Err(StoreError::Conflict(format!(
            "{a} 已经登记过了，请在列表中找到它后修改"
        )));
    }
    tx.prepare_cached(
        "INSERT INTO units (building, entrance, room, area_hundredths, status, note,
                            recorded_by, recorded_by_name, recorded_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?
    .execute(params![
        a.building,
        a.entrance,
        a.room,
        unit.area.hundredths(),
        unit.status.code(),
        unit.note.trim(),
        rec.by.map(|b| b.0),
        rec.by_name,
        super::time_text(rec.at)
    ])?;
    let id = UnitId(tx.last_insert_rowid());
    log(
        tx,
        id,
        rec,
        "登记",
        &format!(
            "登记房屋，建筑面积 {}，{}",
            unit.area.with_unit(),
            unit.status.label()
        ),
    )?;
    Ok(id)
}

/// Describes what changed between two versions of a unit, for its history.
fn unit_changes(old: &Unit, new: &Unit) -> Vec<String> {
    let mut changes = Vec::new();
    if old.area != new.area {
        changes.push(format!(
            "建筑面积 {} → {}",
            old.area.with_unit(),
            new.area.with_unit()
        ));
    }
    if old.status != new.status {
        changes.push(format!(
            "状态 {} → {}",
            old.status.label(),
            new.status.label()
        ));
    }
    if old.note.trim() != new.note.trim() {
        changes.push("备注已修改".to_string());
    }
    changes
}

/// Updates a unit inside the caller's transaction, logging what changed.
pub(crate) fn update_unit_in(
    tx: &Transaction<'_>,
    id: UnitId,
    old: &Unit,
    new: &Unit,
    rec: &Recorded,
) -> Result<bool> {
    let changes = unit_changes(old, new);
    if changes.is_empty() {
        return Ok(false);
    }
    tx.execute(
        "UPDATE units SET area_hundredths = ?2, status = ?3, note = ?4 WHERE id = ?1",
        params![
            id.0,
            new.area.hundredths(),
            new.status.code(),
            new.note.trim()
        ],
    )?;
    log(tx, id, rec, "修改", &changes.join("；"))?;
    Ok(true)
}

/// One unit, read inside the caller's transaction.
pub(crate) fn unit_in(tx: &Transaction<'_>, id: UnitId) -> Result<UnitRecord> {
    let row = super::optional(tx.query_row(
        &format!("SELECT {UNIT_COLUMNS} FROM units u WHERE u.id = ?1"),
        [id.0],
        UnitRecord::from_row,
    ))?;
    super::found(row, || "找不到这套房屋，可能已被删除".to_string())?
}

/// A unit as the log names it: `3-2-1502`.
pub(crate) fn unit_target(id: UnitId, unit: &Unit) -> Target {
    Target::new("unit", id.0, &unit.address.short())
}

impl Store {
    /// Registers a new unit.
    pub fn add_unit(&mut self, unit: &Unit, rec: &Recorded) -> Result<UnitId> {
        self.write(Action::RegisterEdit, None, rec, |tx, auth| {
            let rec = &auth.rec;
            let id = insert_unit(tx, unit, rec)?;
            let entry = Entry::new(Action::RegisterEdit, "登记房屋", unit_target(id, unit));
            Ok((id, entry.change(None::<&Unit>, Some(unit))))
        })
    }

    /// Saves changes to a unit's area, status and note (its address is its identity).
    pub fn update_unit(&mut self, id: UnitId, unit: &Unit, rec: &Recorded) -> Result<()> {
        let old = self.unit(id)?;
        if old.unit.address != unit.address {
            return Err(StoreError::Conflict(
                "房号不能修改；如登记错了，请新登记正确的房屋".into(),
            ));
        }
        self.write(Action::RegisterEdit, None, rec, |tx, auth| {
            let rec = &auth.rec;
            update_unit_in(tx, id, &old.unit, unit, rec)?;
            let entry = Entry::new(Action::RegisterEdit, "修改房屋", unit_target(id, unit));
            Ok(((), entry.change(Some(&old.unit), Some(unit))))
        })
    }

    /// One unit.
    pub fn unit(&self, id: UnitId) -> Result<UnitRecord> {
        let row = super::optional(self.conn().query_row(
            &format!("SELECT {UNIT_COLUMNS} FROM units u WHERE u.id = ?1"),
            [id.0],
            UnitRecord::from_row,
        ))?;
        super::found(row, || "找不到这套房屋，可能已被删除".to_string())?
    }

    /// The unit at an address, if registered.
    pub fn unit_at(&self, address: UnitAddress) -> Result<Option<UnitRecord>> {
        let row = super::optional(self.conn().query_row(
            &format!(
                "SELECT {UNIT_COLUMNS} FROM units u WHERE u.building = ?1 AND u.entrance = ?2 AND u.room = ?3"
            ),
            params![address.building, address.entrance, address.room],
            UnitRecord::from_row,
        ))?;
        row.transpose()
    }

    /// A unit's history, newest first.
    pub fn unit_log(&self, id: UnitId) -> Result<Vec<LogEntry>> {
        let mut stmt = self.conn().prepare(
            "SELECT at, by_name, kind, text FROM unit_log WHERE unit_id = ?1 ORDER BY at DESC, id DESC",
        )?;
        let rows = stmt.query_map([id.0], |r| {
            Ok((r.get::<_, String>(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (at, by_name, kind, text) = row?;
            out.push(LogEntry {
                at: super::parse_time(&at)?,
                by_name,
                kind,
                text,
            });
        }
        Ok(out)
    }

    /// Every line written into the units' histories in `month`, by address and time: the
    /// month's 房屋档案 for the archive. One scan (the log is indexed by unit, not by time).
    pub fn unit_log_of_month(
        &self,
        month: crate::domain::Month,
    ) -> Result<Vec<(UnitAddress, LogEntry)>> {
        let (from, to) = super::month_range(month);
        let mut stmt = self.conn().prepare_cached(
            "SELECT u.building, u.entrance, u.room, l.at, l.by_name, l.kind, l.text
             FROM unit_log l JOIN units u ON u.id = l.unit_id
             WHERE l.at >= ?1 AND l.at < ?2
             ORDER BY u.building, u.entrance, u.room, l.at, l.id",
        )?;
        let rows = stmt.query_map(params![from, to], |r| {
            Ok((
                (
                    r.get::<_, u32>(0)?,
                    r.get::<_, u32>(1)?,
                    r.get::<_, u32>(2)?,
                ),
                r.get::<_, String>(3)?,
                r.get(4)?,
                r.get(5)?,
                r.get(6)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let ((b, e, n), at, by_name, kind, text) = row?;
            out.push((
                UnitAddress::new(b, e, n)
                    .map_err(|_| StoreError::Corrupt(format!("房号 {b}-{e}-{n}")))?,
                LogEntry {
                    at: super::parse_time(&at)?,
                    by_name,
                    kind,
                    text,
                },
            ));
        }
        Ok(out)
    }

    /// How many units each building has, by building number.
    pub fn buildings(&self) -> Result<Vec<(u32, i64)>> {
        let mut stmt = self
            .conn()
            .prepare("SELECT building, count(*) FROM units GROUP BY building ORDER BY building")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// How many units the register holds.
    pub fn unit_count(&self) -> Result<i64> {
        Ok(self
            .conn()
            .query_row("SELECT count(*) FROM units", [], |r| r.get(0))?)
    }
}
