//! Inspections of vacant units and their meter readings.

use super::inspection_target;
use crate::store::audit::{Entry, append_checked};
use chrono::NaiveDateTime;
use rusqlite::{Row, Transaction, params};

use super::super::units::log;
use super::super::{Result, Store, StoreError};
use super::{LOG_KIND, date_text, parse_date};
use crate::domain::Month;
use crate::domain::UnitAddress;
use crate::domain::date::paper_date;
use crate::domain::repair::RepairId;
use crate::domain::staff::Recorded;
use crate::domain::staff::StaffId;
use crate::domain::unit::UnitId;
use crate::domain::vacancy::{
    FollowUp, Inspection, InspectionId, InspectionKind, Meter, MeterChange,
};

/// Who walked the inspection: a staff member, usually the building's service officer (not
/// necessarily the person at the desk who types it in).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Inspector {
    /// The staff member.
    pub id: StaffId,
    /// Their name at the time.
    pub name: String,
}

/// The repair order an abnormal inspection opened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RepairLink {
    /// The order's row id.
    pub id: RepairId,
    /// Its number, `WX-202611-0003`.
    pub number: String,
}

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
    /// Who inspected (检查人).
    pub inspector_name: String,
    /// Who entered it at the desk.
    pub recorded_by_name: String,
    /// When it was entered.
    pub recorded_at: NaiveDateTime,
    /// The repair order opened for its anomaly, if one was.
    pub repair: Option<RepairLink>,
}

impl InspectionRecord {
    /// The month it belongs to.
    pub fn month(&self) -> Month {
        Month::of(self.inspection.date)
    }

    pub(crate) fn from_row(row: &Row<'_>) -> rusqlite::Result<Result<InspectionRecord>> {
        let (b, e, r): (u32, u32, u32) = (
            row.get(PLACE + 1)?,
            row.get(PLACE + 2)?,
            row.get(PLACE + 3)?,
        );
        let id = InspectionId(row.get(0)?);
        let unit = UnitId(row.get(PLACE)?);
        let common = read_common(row)?;
        Ok((|| {
            let c = common?;
            Ok(InspectionRecord {
                id,
                unit,
                address: UnitAddress::new(b, e, r)
                    .map_err(|_| StoreError::Corrupt(format!("房号 {b}-{e}-{r}")))?,
                inspection: c.inspection,
                inspector_name: c.inspector_name,
                recorded_by_name: c.recorded_by_name,
                recorded_at: c.recorded_at,
                repair: c.repair,
            })
        })())
    }
}

/// What an inspection row of units and basements alike holds.
pub(super) struct Common {
    pub(super) inspection: Inspection,
    pub(super) inspector_name: String,
    pub(super) recorded_by_name: String,
    pub(super) recorded_at: NaiveDateTime,
    pub(super) repair: Option<RepairLink>,
}

/// The column of the place (unit or basement) after the common ones.
pub(super) const PLACE: usize = 22;

/// Per meter, the change stored with a reading: a roll-over maximum or a new meter's start.
pub(crate) fn change_of(max: Option<i64>, start: Option<i64>) -> Option<MeterChange> {
    match (max, start) {
        (Some(max), _) => Some(MeterChange::RolledOver { max }),
        (None, Some(start)) => Some(MeterChange::Replaced { start }),
        (None, None) => None,
    }
}

/// Reads the columns `vacancy_inspections` and `basement_inspections` share: the inspection,
/// the inspector's name and when it was entered.
pub(super) fn read_common(row: &Row<'_>) -> rusqlite::Result<Result<Common>> {
    // By position in COMMON_COLUMNS: a name lookup scans every column, for every field of every
    // row, and that was most of the month's list at ten years.
    let date: String = row.get(2)?;
    let kind: String = row.get(3)?;
    let checklist: String = row.get(4)?;
    let readings = [row.get(5)?, row.get(6)?, row.get(7)?];
    let maxima: [Option<i64>; 3] = [row.get(8)?, row.get(9)?, row.get(10)?];
    let starts: [Option<i64>; 3] = [row.get(16)?, row.get(17)?, row.get(18)?];
    let repair_id: Option<i64> = row.get(19)?;
    let repair_number: Option<String> = row.get(20)?;
    let recorded_by_name: String = row.get(21)?;
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
            changes: [0, 1, 2].map(|k| change_of(maxima[k], starts[k])),
            follow_up: match follow_kind.as_deref() {
                Some("note") => Some(FollowUp::Note(follow_up)),
                Some(other) => {
                    return Err(StoreError::Corrupt(format!("处理方式 “{other}”")));
                }
                None => None,
            },
            note,
        };
        Ok(Common {
            inspection,
            inspector_name,
            recorded_by_name,
            recorded_at: super::super::parse_time(&recorded_at)?,
            repair: repair_id.map(|id| RepairLink {
                id: RepairId(id),
                number: repair_number.unwrap_or_default(),
            }),
        })
    })())
}

/// The columns [`read_common`] reads, in its order (`i` is either inspections table); the
/// place (unit or basement) follows at [`PLACE`].
macro_rules! common_columns {
    () => {
        "i.id, i.month, i.inspected_on, i.kind, i.checklist, i.water_litres, i.power_centi, \
         i.gas_litres, i.water_max, i.power_max, i.gas_max, i.follow_up_kind, i.follow_up, \
         i.note, i.inspector_name, i.recorded_at, i.water_start, i.power_start, i.gas_start, \
         i.repair_id, (SELECT number FROM repairs WHERE id = i.repair_id), i.recorded_by_name"
    };
}
pub(super) use common_columns;

/// An inspection of a unit: the common columns, the unit at [`PLACE`], then its address.
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
    for ((m, r), change) in Meter::ALL.iter().zip(i.readings).zip(i.changes) {
        if let Some(v) = r {
            text.push_str(&format!("，{} {}", m.label(), m.with_unit(v)));
            if let Some(c) = change {
                text.push_str(&c.describe(*m));
            }
        }
    }
    text
}

/// Inserts an inspection inside the caller's transaction; `with_log` writes the unit's history.
/// Without an `inspector`, the person recording it walked it.
pub(crate) fn insert_inspection(
    tx: &Transaction<'_>,
    unit: UnitId,
    i: &Inspection,
    inspector: Option<&Inspector>,
    rec: &Recorded,
    with_log: bool,
) -> Result<InspectionId> {
    let id = insert_row(
        tx,
        "vacancy_inspections",
        "unit_id",
        unit.0,
        i,
        inspector,
        rec,
    )?;
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
    inspector: Option<&Inspector>,
    rec: &Recorded,
) -> Result<i64> {
    let checklist: String = i
        .abnormal_items
        .iter()
        .map(|a| if *a { '1' } else { '0' })
        .collect();
    let max = i.changes.map(|c| match c {
        Some(MeterChange::RolledOver { max }) => Some(max),
        _ => None,
    });
    let start = i.changes.map(|c| match c {
        Some(MeterChange::Replaced { start }) => Some(start),
        _ => None,
    });
    let (kind, text) = match &i.follow_up {
        Some(FollowUp::Note(n)) => (Some("note"), n.trim()),
        None => (None, ""),
    };
    tx.prepare_cached(&format!(
        "INSERT INTO {table} ({owner_column}, month, inspected_on, kind, checklist, abnormal,
             water_litres, power_centi, gas_litres, water_max, power_max, gas_max,
             follow_up_kind, follow_up, note, inspector, inspector_name, recorded_at,
             water_start, power_start, gas_start, recorded_by, recorded_by_name)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18,
                 ?19, ?20, ?21, ?22, ?23)"
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
        max[0],
        max[1],
        max[2],
        kind,
        text,
        i.note.trim(),
        inspector.map_or(rec.by.map(|b| b.0), |x| Some(x.id.0)),
        inspector.map_or(rec.by_name.as_str(), |x| x.name.as_str()),
        super::super::time_text(rec.at),
        start[0],
        start[1],
        start[2],
        rec.by.map(|b| b.0),
        rec.by_name,
    ])?;
    Ok(tx.last_insert_rowid())
}

impl Store {
    /// Records an inspection of a vacant unit walked by the person on duty.
    ///
    /// # Errors
    /// An abnormal result without a follow-up, or a unit that is not registered.
    pub fn add_vacancy_inspection(
        &mut self,
        unit: UnitId,
        i: &Inspection,
        rec: &Recorded,
    ) -> Result<InspectionId> {
        self.add_vacancy_inspection_by(unit, i, None, rec)
    }

    /// Records an inspection of a vacant unit walked by `inspector` (the person on duty when
    /// `None`) and entered by `rec`.
    ///
    /// # Errors
    /// An abnormal result without a follow-up, or a unit that is not registered.
    pub fn add_vacancy_inspection_by(
        &mut self,
        unit: UnitId,
        i: &Inspection,
        inspector: Option<&Inspector>,
        rec: &Recorded,
    ) -> Result<InspectionId> {
        i.check().map_err(|e| StoreError::Conflict(e.to_string()))?;
        let address = self.unit(unit)?.unit.address;
        let action = i.kind.action();
        let auth = self.authorize(action, None, rec)?;
        let rec = &auth.rec;
        let tx = self.conn.transaction()?;
        let id = insert_inspection(&tx, unit, i, inspector, rec, true)?;
        append_checked(
            &mut self.session,
            &tx,
            &auth,
            Entry::new(
                action,
                i.kind.label(),
                inspection_target(id.0, &format!("{} 空置房检查", address.short())),
            )
            .change(None::<&Inspection>, Some(i)),
        )?;
        tx.commit()?;
        Ok(id)
    }

    /// The last reading of each meter of `unit` before `before` (any kind of inspection, any
    /// month back), with its day: what the inspection form shows beside each field.
    pub fn last_vacancy_readings(
        &self,
        unit: UnitId,
        before: chrono::NaiveDate,
    ) -> Result<[Option<crate::domain::vacancy::Reading>; 3]> {
        let mut out = [None; 3];
        for (k, (value, max, start)) in [
            ("water_litres", "water_max", "water_start"),
            ("power_centi", "power_max", "power_start"),
            ("gas_litres", "gas_max", "gas_start"),
        ]
        .into_iter()
        .enumerate()
        {
            let row: Option<(String, i64, Option<i64>, Option<i64>)> =
                super::super::optional(self.conn().query_row(
                    &format!(
                        "SELECT inspected_on, {value}, {max}, {start} FROM vacancy_inspections
                         WHERE unit_id = ?1 AND inspected_on <= ?2 AND {value} IS NOT NULL
                         ORDER BY inspected_on DESC, id DESC LIMIT 1"
                    ),
                    params![unit.0, date_text(before)],
                    |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
                ))?;
            if let Some((day, v, mx, st)) = row {
                let date = parse_date(&day)?;
                out[k] = Some(crate::domain::vacancy::Reading {
                    month: Month::of(date),
                    date,
                    value: v,
                    change: change_of(mx, st),
                });
            }
        }
        Ok(out)
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
