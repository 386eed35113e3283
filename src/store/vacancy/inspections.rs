//! Inspections of vacant units and their meter readings.

use chrono::NaiveDateTime;
use rusqlite::{Row, Transaction, params};

use super::super::units::log;
use super::super::{Result, Store, StoreError};
use super::{LOG_KIND, date_text, parse_date};
use crate::domain::Month;
use crate::domain::UnitAddress;
use crate::domain::date::paper_date;
use crate::domain::staff::Recorded;
use crate::domain::unit::UnitId;
use crate::domain::vacancy::{FollowUp, Inspection, InspectionId, InspectionKind, Meter};

/// An inspection as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InspectionRecord {
    /// Row id.
    pub id: InspectionId,
    /// The unit.
    pub unit: UnitId,
    /// Its address.
    pub address: UnitAddress,
    /// The inspection.
    pub inspection: Inspection,
    /// Who inspected (the person on duty when it was entered).
    pub inspector_name: String,
    /// When it was entered.
    pub recorded_at: NaiveDateTime,
}

impl InspectionRecord {
    /// The month it belongs to.
    pub fn month(&self) -> Month {
        Month::of(self.inspection.date)
    }

    pub(super) fn from_row(row: &Row<'_>) -> rusqlite::Result<Result<InspectionRecord>> {
        let (b, e, r): (u32, u32, u32) = (row.get(17)?, row.get(18)?, row.get(19)?);
        let id = InspectionId(row.get(0)?);
        let unit = UnitId(row.get(16)?);
        let common = read_common(row)?;
        Ok((|| {
            let (inspection, inspector_name, recorded_at) = common?;
            Ok(InspectionRecord {
                id,
                unit,
                address: UnitAddress::new(b, e, r)
                    .map_err(|_| StoreError::Corrupt(format!("房号 {b}-{e}-{r}")))?,
                inspection,
                inspector_name,
                recorded_at,
            })
        })())
    }
}

/// What an inspection row of units and basements alike holds.
type Common = (Inspection, String, NaiveDateTime);

/// Reads the columns `vacancy_inspections` and `basement_inspections` share: the inspection,
/// the inspector's name and when it was entered.
pub(super) fn read_common(row: &Row<'_>) -> rusqlite::Result<Result<Common>> {
    // By position in COMMON_COLUMNS: a name lookup scans every column, for every field of every
    // row, and that was most of the month's list at ten years.
    let date: String = row.get(2)?;
    let kind: String = row.get(3)?;
    let checklist: String = row.get(4)?;
    let readings = [row.get(5)?, row.get(6)?, row.get(7)?];
    let maxima = [row.get(8)?, row.get(9)?, row.get(10)?];
    let follow_kind: Option<String> = row.get(11)?;
    let follow_up: String = row.get(12)?;
    let note: String = row.get(13)?;
    let inspector_name: String = row.get(14)?;
    let recorded_at: String = row.get(15)?;
    Ok((|| {
        let mut abnormal_items = [false; 6];
        for (slot, c) in abnormal_items.iter_mut().zip(checklist.chars()) {
            *slot = c == '1';
        }
        let inspection = Inspection {
            date: parse_date(&date)?,
            kind: InspectionKind::from_code(&kind)
                .ok_or_else(|| StoreError::Corrupt(format!("检查类型 “{kind}”")))?,
            abnormal_items,
            readings,
            maxima,
            follow_up: match follow_kind.as_deref() {
                Some("note") => Some(FollowUp::Note(follow_up)),
                Some(other) => {
                    return Err(StoreError::Corrupt(format!("处理方式 “{other}”")));
                }
                None => None,
            },
            note,
        };
        Ok((
            inspection,
            inspector_name,
            super::super::parse_time(&recorded_at)?,
        ))
    })())
}

/// The columns [`read_common`] reads, in its order (`i` is either inspections table); the
/// place (unit or basement) follows at 16.
macro_rules! common_columns {
    () => {
        "i.id, i.month, i.inspected_on, i.kind, i.checklist, i.water_litres, i.power_centi, \
         i.gas_litres, i.water_max, i.power_max, i.gas_max, i.follow_up_kind, i.follow_up, \
         i.note, i.inspector_name, i.recorded_at"
    };
}
pub(super) use common_columns;

/// An inspection of a unit: the common columns, the unit at 16, its address at 17 to 19.
pub(super) const INSPECTION_SELECT: &str = concat!(
    "SELECT ",
    common_columns!(),
    ", i.unit_id, u.building, u.entrance, u.room \
     FROM vacancy_inspections i JOIN units u ON u.id = i.unit_id"
);

/// A line for the unit's history: `月度检查：正常，水表 12.345 t，电表 …`.
fn history_text(i: &Inspection) -> String {
    let mut text = format!("空置房{}（{}）：", i.kind.label(), paper_date(i.date));
    if i.is_abnormal() {
        text.push_str(&format!("异常（{}）", i.abnormal_names()));
        if let Some(f) = &i.follow_up {
            text.push_str(&format!("，处理：{}", f.text()));
        }
    } else {
        text.push_str("正常");
    }
    for (m, r) in Meter::ALL.iter().zip(i.readings) {
        if let Some(v) = r {
            text.push_str(&format!("，{} {}", m.label(), m.with_unit(v)));
        }
    }
    text
}

/// Inserts an inspection inside the caller's transaction; `with_log` writes the unit's history.
pub(crate) fn insert_inspection(
    tx: &Transaction<'_>,
    unit: UnitId,
    i: &Inspection,
    rec: &Recorded,
    with_log: bool,
) -> Result<InspectionId> {
    let id = insert_row(tx, "vacancy_inspections", "unit_id", unit.0, i, rec)?;
    if with_log {
        log(tx, unit, rec, LOG_KIND, &history_text(i))?;
    }
    Ok(InspectionId(id))
}

/// Inserts an inspection into `table` (units' or basements'), its place in `owner_column`.
pub(super) fn insert_row(
    tx: &Transaction<'_>,
    table: &str,
    owner_column: &str,
    owner: i64,
    i: &Inspection,
    rec: &Recorded,
) -> Result<i64> {
    let checklist: String = i
        .abnormal_items
        .iter()
        .map(|a| if *a { '1' } else { '0' })
        .collect();
    let (kind, text) = match &i.follow_up {
        Some(FollowUp::Note(n)) => (Some("note"), n.trim()),
        None => (None, ""),
    };
    tx.prepare_cached(&format!(
        "INSERT INTO {table} ({owner_column}, month, inspected_on, kind, checklist, abnormal,
             water_litres, power_centi, gas_litres, water_max, power_max, gas_max,
             follow_up_kind, follow_up, note, inspector, inspector_name, recorded_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)"
    ))?
    .execute(params![
        owner,
        Month::of(i.date).code(),
        date_text(i.date),
        i.kind.code(),
        checklist,
        i.is_abnormal(),
        i.readings[0],
        i.readings[1],
        i.readings[2],
        i.maxima[0],
        i.maxima[1],
        i.maxima[2],
        kind,
        text,
        i.note.trim(),
        rec.by.map(|b| b.0),
        rec.by_name,
        super::super::time_text(rec.at),
    ])?;
    Ok(tx.last_insert_rowid())
}

impl Store {
    /// Records an inspection of a vacant unit (the person on duty is the inspector).
    ///
    /// # Errors
    /// An abnormal result without a follow-up, or a unit that is not registered.
    pub fn add_vacancy_inspection(
        &mut self,
        unit: UnitId,
        i: &Inspection,
        rec: &Recorded,
    ) -> Result<InspectionId> {
        i.check().map_err(|e| StoreError::Conflict(e.to_string()))?;
        self.unit(unit)?;
        let tx = self.conn.transaction()?;
        let id = insert_inspection(&tx, unit, i, rec, true)?;
        tx.commit()?;
        Ok(id)
    }

    /// A unit's inspections, newest first.
    pub fn unit_vacancy_inspections(&self, unit: UnitId) -> Result<Vec<InspectionRecord>> {
        let mut stmt = self.conn().prepare_cached(&format!(
            "{INSPECTION_SELECT} WHERE i.unit_id = ?1 ORDER BY i.inspected_on DESC, i.id DESC"
        ))?;
        let rows = stmt.query_map([unit.0], InspectionRecord::from_row)?;
        let mut out = Vec::new();
        for row in rows {
            out.push(row??);
        }
        Ok(out)
    }
}
