//! Writing many vacancy records at once (the demo estate, a future import): one transaction.

use rusqlite::params;

use super::super::{Result, Store, StoreError};
use super::applications::{NewApplication, decide, insert_application};
use super::date_text;
use super::inspections::insert_inspection;
use super::{app_target, inspection_target};
use crate::domain::access::Action;
use crate::domain::staff::{Recorded, StaffId};
use crate::domain::unit::UnitId;
use crate::domain::vacancy::{ApplicationStatus, Inspection, check_period};
use crate::store::audit::{Entry, append, step_authority};

/// An application with its outcome.
#[derive(Debug, Clone)]
pub struct BulkApplication {
    /// The application as taken.
    pub application: NewApplication,
    /// Who took it, and when.
    pub taken: Recorded,
    /// The decision: approved or rejected, by whom, with what note; `None` leaves it pending.
    pub decision: Option<(ApplicationStatus, Recorded, String)>,
    /// Last day, for an approved application ended early.
    pub ended_on: Option<chrono::NaiveDate>,
}

/// An inspection of a unit.
#[derive(Debug, Clone)]
pub struct BulkInspection {
    /// The unit.
    pub unit: UnitId,
    /// The inspection.
    pub inspection: Inspection,
    /// The inspector, and when it was entered.
    pub recorded: Recorded,
}

impl Store {
    /// Writes applications, inspections and officer assignments in one transaction, with the
    /// same checks and history lines as one-by-one entry; nothing is written if any is refused.
    pub fn bulk_vacancy(
        &mut self,
        applications: &[BulkApplication],
        inspections: &[BulkInspection],
        assignments: &[(StaffId, u32)],
    ) -> Result<()> {
        let first = applications
            .first()
            .map(|a| &a.taken)
            .or(inspections.first().map(|i| &i.recorded));
        let Some(first) = first else { return Ok(()) };
        let auth = self.authorize(Action::HistoryImport, None, first)?;
        let tx = self.conn.transaction()?;
        let address = |unit: UnitId| -> Result<crate::domain::UnitAddress> {
            Ok(crate::store::units::unit_in(&tx, unit)?.unit.address)
        };
        for b in applications {
            let a = &b.application;
            check_period(a.from, a.to).map_err(|e| StoreError::Conflict(e.to_string()))?;
            let id = insert_application(&tx, a, ApplicationStatus::Pending, &b.taken)?;
            let target = app_target(id, address(a.unit)?);
            let entry = Entry::new(Action::VacancyApply, "空置申请签字", target.clone());
            append(&tx, &step_authority(&auth, &b.taken), &entry)?;
            if let Some((status, rec, note)) = &b.decision {
                decide(&tx, id, *status, note, rec)?;
                let what = if *status == ApplicationStatus::Approved {
                    "批准空置申请"
                } else {
                    "驳回空置申请"
                };
                let entry = Entry::new(Action::VacancyDecide, what, target);
                append(&tx, &step_authority(&auth, rec), &entry)?;
                // Records written at once are history: an approval's shut-off was done when it
                // was approved (its readings come as a 停水电抄表 inspection).
                if *status == ApplicationStatus::Approved {
                    tx.execute(
                        "UPDATE vacancy_applications SET shut_off_at = decided_at,
                             shut_off_by_name = decided_by_name WHERE id = ?1",
                        [id.0],
                    )?;
                }
            }
            if let Some(last) = b.ended_on {
                tx.execute(
                    "UPDATE vacancy_applications SET status = 'ended', ended_on = ?2 WHERE id = ?1",
                    params![id.0, date_text(last)],
                )?;
            }
        }
        for i in inspections {
            i.inspection
                .check()
                .map_err(|e| StoreError::Conflict(e.to_string()))?;
            let id = insert_inspection(&tx, i.unit, &i.inspection, None, &i.recorded, true)?;
            let label = format!("{} 空置房检查", address(i.unit)?.short());
            let action = i.inspection.kind.action();
            let entry = Entry::new(
                action,
                i.inspection.kind.label(),
                inspection_target(id.0, &label),
            );
            append(&tx, &step_authority(&auth, &i.recorded), &entry)?;
        }
        for (staff, building) in assignments {
            tx.execute(
                "INSERT OR IGNORE INTO officer_buildings (staff_id, building) VALUES (?1, ?2)",
                params![staff.0, building],
            )?;
        }
        tx.commit()?;
        Ok(())
    }
}
