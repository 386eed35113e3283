//! The supervisor's decisions on vacancy applications (approve with the shut-off readings,
//! reject) and the early end of an approved one.

use chrono::NaiveDate;
use rusqlite::params;

use super::super::units::{log, update_unit_in};
use super::super::{Result, Store, StoreError};
use super::LOG_KIND;
use super::applications::{ApplicationRecord, decide};
use super::date_text;
use crate::domain::date::paper_date;
use crate::domain::staff::{Recorded, Role};
use crate::domain::unit::UnitStatus;
use crate::domain::vacancy::{ApplicationId, ApplicationStatus, Inspection, InspectionKind, Meter};

impl Store {
    /// The supervisor approves: the water and power are shut off and the meters read (the
    /// readings are stored as a 停水电抄表 inspection, the baseline of the first month's use),
    /// and the unit's register status becomes 空置.
    ///
    /// `readings` are water, electricity and gas; water and electricity are required.
    ///
    /// # Errors
    /// Not pending; someone other than the supervisor on duty; water or power reading missing;
    /// shut-off not confirmed.
    pub fn approve_vacancy(
        &mut self,
        id: ApplicationId,
        readings: [Option<i64>; 3],
        shut_off: bool,
        note: &str,
        rec: &Recorded,
    ) -> Result<()> {
        let app = self.pending(id, rec)?;
        if !shut_off {
            return Err(StoreError::Conflict("批准前请确认已停水停电".into()));
        }
        if readings[0].is_none() || readings[1].is_none() {
            return Err(StoreError::Conflict("批准时请抄录水表和电表读数".into()));
        }
        let unit = self.unit(app.unit)?;
        let tx = self.conn.transaction()?;
        decide(&tx, id, ApplicationStatus::Approved, note, rec)?;
        let mut text = format!(
            "空置申请已批准：{} 至 {}，已停水停电",
            paper_date(app.from),
            paper_date(app.to)
        );
        for (m, r) in Meter::ALL.iter().zip(readings) {
            if let Some(v) = r {
                text.push_str(&format!("，{} {}", m.label(), m.format(v)));
            }
        }
        log(&tx, app.unit, rec, LOG_KIND, &text)?;
        let reading = Inspection {
            date: rec.at.date(),
            kind: InspectionKind::ShutOff,
            abnormal_items: [false; 6],
            readings,
            maxima: [None; 3],
            follow_up: None,
            note: "批准空置时停水停电抄表".into(),
        };
        super::inspections::insert_inspection(&tx, app.unit, &reading, rec, false)?;
        if unit.unit.status != UnitStatus::Vacant {
            let mut vacant = unit.unit.clone();
            vacant.status = UnitStatus::Vacant;
            update_unit_in(&tx, unit.id, &unit.unit, &vacant, rec)?;
        }
        tx.commit()?;
        Ok(())
    }

    /// The supervisor refuses, with a reason.
    pub fn reject_vacancy(&mut self, id: ApplicationId, note: &str, rec: &Recorded) -> Result<()> {
        let app = self.pending(id, rec)?;
        if note.trim().is_empty() {
            return Err(StoreError::Conflict("请写明不批准的原因".into()));
        }
        let tx = self.conn.transaction()?;
        decide(&tx, id, ApplicationStatus::Rejected, note, rec)?;
        log(
            &tx,
            app.unit,
            rec,
            LOG_KIND,
            &format!("空置申请未批准：{}", note.trim()),
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Ends an approved application early: `last_day` is the last day at the vacancy rate.
    pub fn end_vacancy(
        &mut self,
        id: ApplicationId,
        last_day: NaiveDate,
        note: &str,
        rec: &Recorded,
    ) -> Result<()> {
        let app = self.vacancy_application(id)?;
        if app.status != ApplicationStatus::Approved {
            return Err(StoreError::Conflict(
                "只有已批准的空置申请可以提前结束".into(),
            ));
        }
        if last_day < app.from || last_day > app.to {
            return Err(StoreError::Conflict(format!(
                "结束日期应在 {} 至 {} 之间",
                paper_date(app.from),
                paper_date(app.to)
            )));
        }
        let tx = self.conn.transaction()?;
        tx.execute(
            "UPDATE vacancy_applications SET status = 'ended', ended_on = ?2 WHERE id = ?1",
            params![id.0, date_text(last_day)],
        )?;
        let why = if note.trim().is_empty() {
            String::new()
        } else {
            format!("，{}", note.trim())
        };
        log(
            &tx,
            app.unit,
            rec,
            LOG_KIND,
            &format!(
                "空置提前结束：最后一天 {}，此后按全额收费{why}",
                paper_date(last_day)
            ),
        )?;
        tx.commit()?;
        Ok(())
    }

    /// The application if it is pending and the person deciding may decide it.
    fn pending(&self, id: ApplicationId, rec: &Recorded) -> Result<ApplicationRecord> {
        let app = self.vacancy_application(id)?;
        if app.status != ApplicationStatus::Pending {
            return Err(StoreError::Conflict("这份申请已经审批过了".into()));
        }
        // The procedure has the supervisor approve; the command line and the demo (no one on
        // duty) act for the office.
        if let Some(by) = rec.by {
            let who = self.staff_member(by)?;
            if who.staff.role != Role::Supervisor {
                return Err(StoreError::Conflict(format!(
                    "空置申请须由客服中心主管审批，当班人员是{}（{}）",
                    who.staff.name,
                    who.staff.role.label()
                )));
            }
        }
        if self
            .overlapping(app.unit, app.from, app.to, Some(id))?
            .is_some_and(|o| o.status == ApplicationStatus::Approved)
        {
            return Err(StoreError::Conflict(
                "这套房屋同一时间已有批准的空置申请".into(),
            ));
        }
        Ok(app)
    }
}
