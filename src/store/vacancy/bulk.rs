//! Writing many vacancy records at once (the demo estate, a future import): one transaction.

use rusqlite::params;

use super::super::{Result, Store, StoreError};
use super::applications::{NewApplication, decide, insert_application};
use super::date_text;
use super::inspections::insert_inspection;
use crate::domain::staff::{Recorded, StaffId};
use crate::domain::unit::UnitId;
use crate::domain::vacancy::{ApplicationStatus, Inspection, check_period};

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
        let tx = self.conn.transaction()?;
        for b in applications {
            let a = &b.application;
            check_period(a.from, a.to).map_err(|e| StoreError::Conflict(e.to_string()))?;
            let id = insert_application(&tx, a, ApplicationStatus::Pending, &b.taken)?;
            if let Some((status, rec, note)) = &b.decision {
                decide(&tx, id, *status, note, rec)?;
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
            insert_inspection(&tx, i.unit, &i.inspection, None, &i.recorded, true)?;
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
