//! 空置房管理 in the database: applications, inspections with meter readings, the occupancy
//! thresholds, which buildings each service officer covers, and the month's vacant-unit list.
//!
//! Register status and vacancy kinds are kept consistent this way: approving an application sets
//! the unit's status to 空置 (logged like any other change); an unsold unit cannot be applied for
//! (it has no owner); expiry and an early end leave the status alone — the desk is reminded and
//! whoever sees the owner moves in records it in the register. Everything is written to the
//! unit's history (kind `空置`), which the register's 房屋记录 shows.

mod applications;
mod archive;
mod basements;
mod bulk;
mod decisions;
mod follow_up;
mod inspections;
mod list;
mod today;
pub(crate) use today::TODAY;

use chrono::NaiveDate;
use rusqlite::params;

use super::{Result, Store, StoreError};
use crate::domain::staff::{Recorded, Role, StaffId};
use crate::domain::vacancy::{ApplicationId, VacancyRules};
use crate::store::audit::Target;

pub use applications::{ApplicationRecord, NewApplication};
pub use archive::BasementWalk;
pub use basements::{BasementInspectionRecord, BasementMonth, BasementRecord};
pub use bulk::{BulkApplication, BulkInspection};
pub use inspections::{InspectionRecord, Inspector, RepairLink};
pub use list::VacantUnit;

/// The tag of vacancy lines in a unit's history.
pub(crate) const LOG_KIND: &str = "空置";

pub(crate) const DATE_FORMAT: &str = "%Y-%m-%d";

pub(crate) fn date_text(d: NaiveDate) -> String {
    d.format(DATE_FORMAT).to_string()
}

pub(crate) fn parse_date(text: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(text, DATE_FORMAT)
        .map_err(|_| StoreError::Corrupt(format!("日期 “{text}”")))
}

/// A service officer and the buildings they cover.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OfficerBuildings {
    /// The officer.
    pub staff: StaffId,
    /// Their name.
    pub name: String,
    /// Buildings, ascending.
    pub buildings: Vec<u32>,
}

impl Store {
    /// The occupancy thresholds in force; the procedure's (1 t, 5 kWh) where none were saved.
    pub fn vacancy_rules(&self) -> Result<VacancyRules> {
        let mut rules = VacancyRules::default();
        for (key, slot) in [
            (VacancyRules::WATER_KEY, &mut rules.water_litres),
            (VacancyRules::POWER_KEY, &mut rules.power_centi_kwh),
        ] {
            let value = super::settings::setting(self.conn(), key)?;
            // An unreadable value keeps the procedure's default rather than stopping the desk.
            if let Some(v) = value
                .and_then(|v| v.parse::<i64>().ok())
                .filter(|v| *v >= 0)
            {
                *slot = v;
            }
        }
        Ok(rules)
    }

    /// Saves the occupancy thresholds in one transaction.
    pub fn save_vacancy_rules(&mut self, rules: &VacancyRules, rec: &Recorded) -> Result<()> {
        let before = self.vacancy_rules()?;
        self.save_settings_form(rec, "空置判定标准", &before, rules, |tx| {
            for (key, value) in [
                (VacancyRules::WATER_KEY, rules.water_litres),
                (VacancyRules::POWER_KEY, rules.power_centi_kwh),
            ] {
                super::settings::put_setting(tx, key, &value.to_string())?;
            }
            Ok(())
        })
    }

    /// Every active service officer with the buildings they cover (possibly none).
    pub fn officer_buildings(&self) -> Result<Vec<OfficerBuildings>> {
        let mut out: Vec<OfficerBuildings> = self
            .staff()?
            .into_iter()
            .filter(|s| s.staff.active && s.staff.role == Role::ServiceOfficer)
            .map(|s| OfficerBuildings {
                staff: s.id,
                name: s.staff.name,
                buildings: Vec::new(),
            })
            .collect();
        let mut stmt = self
            .conn()
            .prepare("SELECT staff_id, building FROM officer_buildings ORDER BY building")?;
        let rows = stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, u32>(1)?)))?;
        for row in rows {
            let (staff, building) = row?;
            if let Some(o) = out.iter_mut().find(|o| o.staff.0 == staff) {
                o.buildings.push(building);
            }
        }
        Ok(out)
    }

    /// Replaces the buildings `officer` covers. Only active service officers cover buildings.
    pub fn set_officer_buildings(
        &mut self,
        officer: StaffId,
        buildings: &[u32],
        rec: &Recorded,
    ) -> Result<()> {
        let who = self.staff_member(officer)?;
        if who.staff.role != Role::ServiceOfficer || !who.staff.active {
            return Err(StoreError::Conflict(format!(
                "{} 不是在职的客户服务员，不能分配楼栋",
                who.staff.name
            )));
        }
        let before: Vec<u32> = self
            .officer_buildings()?
            .into_iter()
            .find(|o| o.staff == officer)
            .map(|o| o.buildings)
            .unwrap_or_default();
        let what = format!("{}负责的楼栋", who.staff.name);
        self.save_settings_form(rec, &what, &before[..], buildings, |tx| {
            tx.execute(
                "DELETE FROM officer_buildings WHERE staff_id = ?1",
                [officer.0],
            )?;
            for b in buildings {
                tx.execute(
                    "INSERT OR IGNORE INTO officer_buildings (staff_id, building) VALUES (?1, ?2)",
                    params![officer.0, b],
                )?;
            }
            Ok(())
        })
    }
}

/// An application as the log names it: `3-2-1502 空置申请`.
pub(super) fn app_target(id: ApplicationId, address: crate::domain::UnitAddress) -> Target {
    Target::new("vacancy", id.0, &format!("{} 空置申请", address.short()))
}

/// An inspection as the log names it.
pub(super) fn inspection_target(id: i64, label: &str) -> Target {
    Target::new("inspection", id, label)
}

/// A basement as the log names it: `5号楼 地下室A`.
pub(super) fn basement_target(id: i64, b: &crate::domain::vacancy::Basement) -> Target {
    Target::new(
        "basement",
        id,
        &format!("{}号楼 {}", b.building, b.name.trim()),
    )
}

/// An application's status, for the log's before and after.
pub(super) fn status_json(status: &str) -> serde_json::Value {
    serde_json::json!({ "状态": status })
}
