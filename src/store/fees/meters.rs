//! Meter readings (units' and the buildings' master meters) and the shared-utilities loss:
//! master use minus the units' use, its rate, a 12-month trend and the limit set in 设置.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, params};

use crate::domain::access::Action;
use crate::domain::fees::Meter;
use crate::domain::fees::billing::quantity_text;
use crate::domain::fees::utilities::{loss_of, over_limit, use_of};
use crate::domain::staff::Recorded;
use crate::domain::unit::UnitId;
use crate::domain::{Month, UnitAddress};
use crate::store::audit::{Entry, Target};
use crate::store::settings::{put_setting, setting};
use crate::store::vacancy::date_text;
use crate::store::{Result, Store, StoreError, time_text};

/// The setting of the loss limit, in percent.
const LOSS_LIMIT_KEY: &str = "fees.loss_limit_percent";
/// The loss limit until the office sets one.
const DEFAULT_LOSS_LIMIT: u32 = 10;

/// A reading to record: a unit's meter, or the building's master meter (`unit` None).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewReading {
    /// 楼栋.
    pub building: u32,
    /// The unit; `None` for the building's master meter (总表).
    pub unit: Option<UnitId>,
    /// Water or power.
    pub meter: Meter,
    /// The month it closes.
    pub month: Month,
    /// The meter's figure: litres for water, 0.01 kWh for power.
    pub reading: i64,
    /// The day it was read.
    pub read_on: NaiveDate,
}

/// One meter of a building for a month, as the readings screen lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadingRow {
    /// The unit (`None`: the master meter, listed first).
    pub unit: Option<(UnitId, UnitAddress)>,
    /// This month's reading, if entered.
    pub reading: Option<i64>,
    /// The month before's.
    pub previous: Option<i64>,
    /// This month's use (reading − previous), when both are there.
    pub used: Option<i64>,
}

/// A building's shared use of one meter in one month.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LossMonth {
    /// The month.
    pub month: Month,
    /// The master meter's use; `None` without both readings.
    pub master: Option<i64>,
    /// The sum of the units' use (units with both readings).
    pub units: i64,
    /// Units without both readings (the loss is then not reliable).
    pub units_missing: u32,
    /// master − units.
    pub loss: Option<i64>,
    /// loss / master in ‰ (one decimal of a percent).
    pub rate_permille: Option<i64>,
    /// Whether the rate passes the limit set in 设置.
    pub over_limit: bool,
}

/// A building's readings of one meter in the months `from..=to`: `(unit or None for the
/// master, month code) → reading`.
pub(super) fn building_readings(
    conn: &Connection,
    building: u32,
    meter: Meter,
    from: Month,
    to: Month,
) -> Result<HashMap<(Option<i64>, String), i64>> {
    let mut stmt = conn.prepare_cached(
        "SELECT unit_id, month, reading FROM meter_readings
         WHERE building = ?1 AND meter = ?2 AND month BETWEEN ?3 AND ?4",
    )?;
    let rows = stmt.query_map(
        params![building, meter.code(), from.code(), to.code()],
        |r| {
            Ok((
                (r.get::<_, Option<i64>>(0)?, r.get::<_, String>(1)?),
                r.get::<_, i64>(2)?,
            ))
        },
    )?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The reading of one meter in one month, inside a transaction.
/// The key of a reading's row, with `?1` the unit, `?2` the building, `?3` the meter and `?4`
/// the month: a unit's meter and a master meter spelled apart, so each finds its row through its
/// own partial unique index (one clause for both would scan the month's readings each time).
fn key_of(r: &NewReading) -> &'static str {
    if r.unit.is_some() {
        "unit_id = ?1 AND meter = ?3 AND month = ?4 AND ?2 IS NOT NULL"
    } else {
        "unit_id IS NULL AND building = ?2 AND meter = ?3 AND month = ?4 AND ?1 IS NULL"
    }
}

fn reading_in(conn: &Connection, r: &NewReading, month: Month) -> Result<Option<i64>> {
    Ok(conn
        .prepare_cached(&format!(
            "SELECT reading FROM meter_readings WHERE {}",
            key_of(r)
        ))?
        .query_row(
            params![
                r.unit.map(|u| u.0),
                r.building,
                r.meter.code(),
                month.code()
            ],
            |row| row.get(0),
        )
        .optional()?)
}

impl Store {
    /// Records readings ([`Action::MeterRead`]), replacing a month's reading entered before;
    /// a reading below the month before's is refused with the meter named.
    ///
    /// [`Action::MeterRead`]: crate::domain::access::Action::MeterRead
    pub fn record_readings(&mut self, readings: &[NewReading], rec: &Recorded) -> Result<usize> {
        if readings.is_empty() {
            return Err(StoreError::Conflict("没有要保存的读数".into()));
        }
        // Each reading's building and name: a unit's own building, whatever the form said.
        let mut named = Vec::with_capacity(readings.len());
        for r in readings {
            let (building, name) = match r.unit {
                Some(u) => {
                    let a = self.unit(u)?.unit.address;
                    (a.building, a.short())
                }
                None if r.building > 0 => (r.building, format!("{}号楼总表", r.building)),
                None => return Err(StoreError::Conflict("请选择楼栋".into())),
            };
            let name = format!("{name} {}表", r.meter.label());
            if r.reading < 0 {
                return Err(StoreError::Conflict(format!(
                    "{name} {} 的读数不能是负数",
                    r.month
                )));
            }
            named.push((
                NewReading {
                    building,
                    ..r.clone()
                },
                name,
            ));
        }
        let mut buildings: Vec<u32> = named.iter().map(|(r, _)| r.building).collect();
        buildings.sort_unstable();
        buildings.dedup();
        let scope = (buildings.len() == 1).then(|| buildings[0]);
        self.write(Action::MeterRead, scope, rec, |tx, auth| {
            for (r, name) in &named {
                if let Some(prev) = reading_in(tx, r, r.month.prev())?
                    && r.reading < prev
                {
                    return Err(StoreError::Conflict(format!(
                        "{name} {} 的读数 {} 小于上月读数 {}，请核对后重新填写",
                        r.month,
                        quantity_text(r.reading, r.meter),
                        quantity_text(prev, r.meter)
                    )));
                }
                tx.prepare_cached(&format!("DELETE FROM meter_readings WHERE {}", key_of(r)))?
                    .execute(params![
                        r.unit.map(|u| u.0),
                        r.building,
                        r.meter.code(),
                        r.month.code()
                    ])?;
                tx.prepare_cached(
                    "INSERT INTO meter_readings (building, unit_id, meter, month, reading, read_on,
                         recorded_by_name, recorded_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                )?
                .execute(params![
                    r.building,
                    r.unit.map(|u| u.0),
                    r.meter.code(),
                    r.month.code(),
                    r.reading,
                    date_text(r.read_on),
                    auth.rec.by_name,
                    time_text(auth.rec.at)
                ])?;
            }
            let months: Vec<String> = {
                let mut m: Vec<String> = named.iter().map(|(r, _)| r.month.code()).collect();
                m.sort();
                m.dedup();
                m
            };
            let label = match scope {
                Some(b) => format!("{b}号楼 {}", months.join("、")),
                None => months.join("、"),
            };
            let what = format!("录入抄表读数 {} 条（{label}）", named.len());
            let after: Vec<serde_json::Value> = named
                .iter()
                .map(|(r, name)| {
                    serde_json::json!({ "表": name, "月份": r.month.code(), "读数": r.reading })
                })
                .collect();
            let target = Target {
                kind: "meter",
                id: None,
                label,
            };
            let entry = Entry::new(Action::MeterRead, &what, target);
            Ok((named.len(), entry.change(None::<&()>, Some(&after))))
        })
    }

    /// A building's readings of one meter for a month: the master meter first, then every unit.
    pub fn readings(&self, building: u32, meter: Meter, month: Month) -> Result<Vec<ReadingRow>> {
        let got = building_readings(self.conn(), building, meter, month.prev(), month)?;
        let (now, before) = (month.code(), month.prev().code());
        let row = |unit: Option<(UnitId, UnitAddress)>| {
            let key = unit.map(|(u, _)| u.0);
            let reading = got.get(&(key, now.clone())).copied();
            let previous = got.get(&(key, before.clone())).copied();
            ReadingRow {
                unit,
                reading,
                previous,
                used: use_of(reading, previous),
            }
        };
        let mut out = vec![row(None)];
        let mut stmt = self.conn().prepare_cached(
            "SELECT id, entrance, room FROM units WHERE building = ?1 ORDER BY entrance, room",
        )?;
        let units = stmt.query_map([building], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, u32>(1)?,
                r.get::<_, u32>(2)?,
            ))
        })?;
        for u in units {
            let (id, entrance, room) = u?;
            let address = UnitAddress::new(building, entrance, room)
                .map_err(|_| StoreError::Corrupt(format!("房号 {building}-{entrance}-{room}")))?;
            out.push(row(Some((UnitId(id), address))));
        }
        Ok(out)
    }

    /// The 12 months ending at `month` of a building's shared use of `meter`, oldest first.
    /// Units are counted as missing a reading from the month their billing started.
    pub fn utility_loss(
        &self,
        building: u32,
        meter: Meter,
        month: Month,
    ) -> Result<Vec<LossMonth>> {
        let limit = self.loss_limit_percent()?;
        let mut first = month;
        for _ in 0..11 {
            first = first.prev();
        }
        let got = building_readings(self.conn(), building, meter, first.prev(), month)?;
        let mut stmt = self.conn().prepare_cached(
            "SELECT id, coalesce(billing_from, substr(recorded_at, 1, 10)) FROM units
             WHERE building = ?1",
        )?;
        let units: Vec<(i64, String)> = stmt
            .query_map([building], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let mut out = Vec::with_capacity(12);
        let mut m = first;
        loop {
            let (now, before) = (m.code(), m.prev().code());
            let last = date_text(m.last_day());
            let used = |key: Option<i64>| {
                use_of(
                    got.get(&(key, now.clone())).copied(),
                    got.get(&(key, before.clone())).copied(),
                )
            };
            let master = used(None);
            let (mut sum, mut missing) = (0i64, 0u32);
            for (id, start) in &units {
                match used(Some(*id)) {
                    Some(u) => sum += u,
                    None if *start <= last => missing += 1,
                    None => {}
                }
            }
            let loss = master.map(|mu| loss_of(mu, sum));
            let rate = loss.and_then(|l| l.rate_permille);
            out.push(LossMonth {
                month: m,
                master,
                units: sum,
                units_missing: missing,
                loss: loss.map(|l| l.loss),
                rate_permille: rate,
                over_limit: over_limit(rate, limit),
            });
            if m == month {
                break;
            }
            m = m.next();
        }
        Ok(out)
    }

    /// The loss rate above which a month is flagged, in percent (设置; default 10).
    pub fn loss_limit_percent(&self) -> Result<u32> {
        Ok(setting(self.conn(), LOSS_LIMIT_KEY)?
            // A value we cannot read keeps the default rather than hiding every flag.
            .and_then(|v| v.parse().ok())
            .filter(|p| *p <= 100)
            .unwrap_or(DEFAULT_LOSS_LIMIT))
    }

    /// Sets the loss limit (the supervisor's, through the settings path).
    pub fn save_loss_limit_percent(&mut self, percent: u32, rec: &Recorded) -> Result<()> {
        if percent > 100 {
            return Err(StoreError::Conflict(
                "公共水电损耗率上限请填 0 到 100 之间的百分数".into(),
            ));
        }
        let before = self.loss_limit_percent()?;
        self.save_settings_form(rec, "公共水电损耗率上限", &before, &percent, |tx| {
            put_setting(tx, LOSS_LIMIT_KEY, &percent.to_string())
        })
    }
}
