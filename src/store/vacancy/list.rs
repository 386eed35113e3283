//! The month's vacant units with their inspection, readings and the occupancy verdict; the
//! coverage built from it; and a unit's fee share for a month.

use std::collections::HashMap;

use rusqlite::params;

use super::super::units::{UNIT_COLUMNS, UnitRecord};
use super::super::{Result, Store};
use super::date_text;
use super::inspections::{INSPECTION_SELECT, InspectionRecord};
use crate::domain::unit::{UnitId, UnitStatus};
use crate::domain::vacancy::{
    ApplicationId, BuildingCoverage, FeeShare, Month, Reading, VacancyKind, VacancyRules, Verdict,
    fee_share, usage, verdict,
};

/// A vacant unit in a month, as the list and the inspection sheet show it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VacantUnit {
    /// The unit.
    pub unit: UnitRecord,
    /// Why it is vacant.
    pub kind: VacancyKind,
    /// The approved application covering the month, for 装修后空置.
    pub application: Option<ApplicationId>,
    /// The month's latest inspection that counts towards coverage, if any.
    pub inspected: Option<InspectionRecord>,
    /// This month's water, electricity and gas readings.
    pub current: [Option<Reading>; 3],
    /// The reading before each of those.
    pub previous: [Option<Reading>; 3],
    /// The occupancy rule on this month's readings.
    pub verdict: Verdict,
}

/// How many months back a previous reading still counts as this month's baseline.
pub const BASELINE_MONTHS: u32 = 3;

/// A reading row: month, day, three readings, three roll-over maxima, three new meters' starts.
type LightRow = (
    String,
    String,
    [Option<i64>; 3],
    [Option<i64>; 3],
    [Option<i64>; 3],
);

impl Store {
    /// Every unit vacant in `month` (register status 未售 or 空置, or under an approved
    /// application that month), optionally of one building, in address order, each with its
    /// inspection and the occupancy verdict under `rules`.
    ///
    /// The register status is today's: for a past month a unit let since then is not listed.
    pub fn vacant_units(
        &self,
        month: Month,
        building: Option<u32>,
        rules: &VacancyRules,
    ) -> Result<Vec<VacantUnit>> {
        let (first, last) = (date_text(month.first_day()), date_text(month.last_day()));
        let mut stmt = self.conn().prepare_cached(&format!(
            "SELECT {UNIT_COLUMNS},
               (SELECT a.id FROM vacancy_applications a WHERE a.unit_id = u.id
                  AND a.status IN ('approved', 'ended') AND a.period_from <= ?2
                  AND coalesce(a.ended_on, a.period_to) >= ?1
                ORDER BY a.period_from DESC LIMIT 1) AS app
             FROM units u
             WHERE (u.status IN ('unsold', 'vacant') OR u.id IN (
                      SELECT unit_id FROM vacancy_applications
                      WHERE status IN ('approved', 'ended') AND period_from <= ?2
                        AND coalesce(ended_on, period_to) >= ?1))
               AND (?3 IS NULL OR u.building = ?3)
             ORDER BY u.building, u.entrance, u.room"
        ))?;
        let rows = stmt.query_map(params![first, last, building], |r| {
            Ok((UnitRecord::from_row(r)?, r.get::<_, Option<i64>>("app")?))
        })?;
        let mut units = Vec::new();
        for row in rows {
            let (unit, app) = row?;
            units.push((unit?, app.map(ApplicationId)));
        }
        let mut inspected = self.month_inspections(month, building)?;
        let mut history = self.reading_history(month, building)?;
        let mut out = Vec::with_capacity(units.len());
        for (unit, application) in units {
            let rows = history.remove(&unit.id.0).unwrap_or_default();
            let (current, previous) = current_and_previous(&rows, month);
            let verdict = verdict(
                usage(previous[0], current[0]),
                usage(previous[1], current[1]),
                rules,
            );
            let kind = match (application, unit.unit.status) {
                (Some(_), _) => VacancyKind::Renovated,
                (None, UnitStatus::Unsold) => VacancyKind::Unsold,
                (None, _) => VacancyKind::HandedOver,
            };
            out.push(VacantUnit {
                inspected: inspected.remove(&unit.id),
                unit,
                kind,
                application,
                current,
                previous,
                verdict,
            });
        }
        Ok(out)
    }

    /// Every reading row of the [`BASELINE_MONTHS`] months before `month` and of `month` itself,
    /// per unit, newest first: one range scan of the covering index `vacancy_inspections_readings`
    /// (no row lookups) instead of a query per unit. The rows come in index order and are put
    /// newest first here, per unit: a handful each, cheaper than SQLite sorting them all.
    /// An older reading is not a baseline for this month's use (the verdict then says there is
    /// none to compare with): the rule is monthly, and a use spread over more months says little.
    fn reading_history(
        &self,
        month: Month,
        building: Option<u32>,
    ) -> Result<HashMap<i64, Vec<LightRow>>> {
        let mut lo = month;
        for _ in 0..BASELINE_MONTHS {
            lo = lo.prev();
        }
        let mut stmt = self.conn().prepare_cached(
            "SELECT unit_id, month, inspected_on, id, water_litres, power_centi, gas_litres,
                    water_max, power_max, gas_max, water_start, power_start, gas_start
             FROM vacancy_inspections
             WHERE month BETWEEN ?1 AND ?2
               AND (?3 IS NULL OR unit_id IN (SELECT id FROM units WHERE building = ?3))",
        )?;
        let mut rows = stmt.query(params![lo.code(), month.code(), building])?;
        let mut keyed: HashMap<i64, Vec<(i64, LightRow)>> = HashMap::new();
        while let Some(r) = rows.next()? {
            let light = (
                r.get(1)?,
                r.get(2)?,
                [r.get(4)?, r.get(5)?, r.get(6)?],
                [r.get(7)?, r.get(8)?, r.get(9)?],
                [r.get(10)?, r.get(11)?, r.get(12)?],
            );
            keyed.entry(r.get(0)?).or_default().push((r.get(3)?, light));
        }
        Ok(keyed
            .into_iter()
            .map(|(unit, mut v)| {
                // Newest first: by date, then by entry (two on one day: the later entry).
                v.sort_unstable_by(|a, b| (&b.1.1, b.0).cmp(&(&a.1.1, a.0)));
                (unit, v.into_iter().map(|(_, light)| light).collect())
            })
            .collect())
    }

    /// The latest coverage-counting inspection of each unit in `month`.
    fn month_inspections(
        &self,
        month: Month,
        building: Option<u32>,
    ) -> Result<HashMap<UnitId, InspectionRecord>> {
        let mut stmt = self.conn().prepare_cached(&format!(
            "{INSPECTION_SELECT} WHERE i.month = ?1 AND i.kind IN ('monthly', 'storm')
               AND (?2 IS NULL OR u.building = ?2)
             ORDER BY i.inspected_on, i.id"
        ))?;
        let rows = stmt.query_map(params![month.code(), building], InspectionRecord::from_row)?;
        let mut out = HashMap::new();
        for row in rows {
            let r = row??;
            out.insert(r.unit, r);
        }
        Ok(out)
    }

    /// Vacant and inspected units per building for `month`, with the officers covering each.
    ///
    /// The same units as [`Store::vacant_units`], plus the building's active basements (they
    /// are inspected the same way, DOMAIN.md §8); inspected means a monthly or after-storm
    /// inspection that month (the supervisor's spot-checks do not count).
    pub fn vacancy_coverage(&self, month: Month) -> Result<Vec<BuildingCoverage>> {
        let (first, last) = (date_text(month.first_day()), date_text(month.last_day()));
        let mut stmt = self.conn().prepare_cached(
            "SELECT u.building, count(*),
                    sum(EXISTS (SELECT 1 FROM vacancy_inspections i WHERE i.month = ?3
                                AND i.unit_id = u.id AND i.kind IN ('monthly', 'storm')))
             FROM units u
             WHERE u.status IN ('unsold', 'vacant') OR u.id IN (
                      SELECT unit_id FROM vacancy_applications
                      WHERE status IN ('approved', 'ended') AND period_from <= ?2
                        AND coalesce(ended_on, period_to) >= ?1)
             GROUP BY u.building ORDER BY u.building",
        )?;
        let officers = self.officer_names_by_building()?;
        let rows = stmt.query_map(params![first, last, month.code()], |r| {
            Ok((
                r.get::<_, u32>(0)?,
                r.get::<_, u32>(1)?,
                r.get::<_, u32>(2)?,
            ))
        })?;
        // Per building: places to inspect and those inspected, units and basements alike.
        let mut counts: std::collections::BTreeMap<u32, [u32; 4]> = Default::default();
        for row in rows {
            let (building, vacant, inspected) = row?;
            counts.insert(building, [vacant, inspected, 0, 0]);
        }
        for b in self.month_basements(month, None)? {
            let c = counts.entry(b.basement.basement.building).or_default();
            let walked = u32::from(b.inspected.is_some());
            c[0] += 1;
            c[1] += walked;
            c[2] += 1;
            c[3] += walked;
        }
        Ok(counts
            .into_iter()
            .map(
                |(building, [vacant, inspected, basements, walked])| BuildingCoverage {
                    building,
                    officers: officers.get(&building).cloned().unwrap_or_default(),
                    vacant,
                    inspected,
                    basements,
                    basements_inspected: walked,
                },
            )
            .collect())
    }

    /// Officer names per building.
    pub(crate) fn officer_names_by_building(&self) -> Result<HashMap<u32, Vec<String>>> {
        let mut map: HashMap<u32, Vec<String>> = HashMap::new();
        for o in self.officer_buildings()? {
            for b in o.buildings {
                map.entry(b).or_default().push(o.name.clone());
            }
        }
        Ok(map)
    }

    /// The share of `month`'s property fee and shared utilities `unit` pays (for the fees tab):
    /// 50% on days of an approved vacancy, 100% otherwise, and 100% for a month the occupancy
    /// rule counts as lived in.
    pub fn vacancy_fee_share(&self, unit: UnitId, month: Month) -> Result<FeeShare> {
        Ok(self
            .vacancy_fee_shares(&[unit], month)?
            .remove(&unit)
            .unwrap_or_else(|| FeeShare::full(month.days())))
    }
}

impl Store {
    /// [`Store::vacancy_fee_share`] of many units for one month (the billing run's): each
    /// building's verdicts are read once, not once per unit.
    pub fn vacancy_fee_shares(
        &self,
        units: &[UnitId],
        month: Month,
    ) -> Result<HashMap<UnitId, FeeShare>> {
        let rules = self.vacancy_rules()?;
        let mut occupied_by_building: HashMap<u32, std::collections::HashSet<UnitId>> =
            HashMap::new();
        let mut out = HashMap::with_capacity(units.len());
        for &unit in units {
            let periods = self.vacancy_periods(unit)?;
            if periods.is_empty() {
                out.insert(unit, FeeShare::full(month.days()));
                continue;
            }
            let building = self.unit(unit)?.unit.address.building;
            let occupied = match occupied_by_building.entry(building) {
                std::collections::hash_map::Entry::Occupied(e) => e.into_mut(),
                std::collections::hash_map::Entry::Vacant(e) => e.insert(
                    self.vacant_units(month, Some(building), &rules)?
                        .iter()
                        .filter(|v| matches!(v.verdict, Verdict::Occupied(_)))
                        .map(|v| v.unit.id)
                        .collect(),
                ),
            };
            out.insert(unit, fee_share(&periods, month, occupied.contains(&unit)));
        }
        Ok(out)
    }
}

/// This month's reading of each meter and the one before it, from rows newest first.
fn current_and_previous(
    rows: &[LightRow],
    month: Month,
) -> ([Option<Reading>; 3], [Option<Reading>; 3]) {
    let code = month.code();
    let mut current = [None; 3];
    let mut previous = [None; 3];
    for k in 0..3 {
        let mut found_current = false;
        for (m, day, values, maxima, starts) in rows {
            let Some(value) = values[k] else { continue };
            if !found_current && *m != code {
                break;
            }
            // Parse the month only for the two rows kept (this is the list's hot loop).
            let (Ok(row_month), Ok(date)) = (Month::parse(m), super::parse_date(day)) else {
                continue;
            };
            let reading = Reading {
                month: row_month,
                date,
                value,
                change: super::inspections::change_of(maxima[k], starts[k]),
            };
            if found_current {
                previous[k] = Some(reading);
                break;
            }
            current[k] = Some(reading);
            found_current = true;
        }
    }
    (current, previous)
}
