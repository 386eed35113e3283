//! The supervisor's decisions on vacancy applications (approve, reject), the shut-off of water
//! and power that follows an approval, and the early end of an approved one.

use super::{app_target, status_json};
use crate::domain::access::Action;
use crate::store::audit::{Entry, append_checked};
use chrono::NaiveDate;
use rusqlite::params;

use super::super::units::{log, update_unit_in};
use super::super::{Result, Store, StoreError};
use super::LOG_KIND;
use super::applications::{ApplicationRecord, decide};
use super::date_text;
use crate::domain::date::paper_date;
use crate::domain::staff::Recorded;
use crate::domain::unit::UnitStatus;
use crate::domain::vacancy::{ApplicationId, ApplicationStatus, Inspection, InspectionKind, Meter};

impl Store {
    /// The supervisor approves: the unit's register status becomes 空置 and the cashier is to
    /// charge 50% from the period's start. The shut-off of water and power follows as a task
    /// (待停水停电) for the receptionist, recorded with its readings by
    /// [`Store::record_shut_off`] (DOMAIN.md §8: sign, approve, tell the cashier, then shut off).
    ///
    /// # Errors
    /// Not pending; someone other than the supervisor on duty.
    pub fn approve_vacancy(&mut self, id: ApplicationId, note: &str, rec: &Recorded) -> Result<()> {
        let app = self.pending(id)?;
        let unit = self.unit(app.unit)?;
        let auth = self.authorize(Action::VacancyDecide, None, rec)?;
        let rec = &auth.rec;
        let tx = self.conn.transaction()?;
        decide(&tx, id, ApplicationStatus::Approved, note, rec)?;
        let text = format!(
            "空置申请已批准：{} 至 {}，自 {} 起按50%收费（已告知收费员），待派单停水停电并抄表",
            paper_date(app.from),
            paper_date(app.to),
            paper_date(app.from),
        );
        log(&tx, app.unit, rec, LOG_KIND, &text)?;
        if unit.unit.status != UnitStatus::Vacant {
            let mut vacant = unit.unit.clone();
            vacant.status = UnitStatus::Vacant;
            update_unit_in(&tx, unit.id, &unit.unit, &vacant, rec)?;
        }
        append_checked(
            &mut self.session,
            &tx,
            &auth,
            Entry::new(
                Action::VacancyDecide,
                "批准空置申请",
                app_target(id, app.address),
            )
            .change(
                Some(&status_json("待审批")),
                Some(&serde_json::json!({ "状态": "已批准", "意见": note.trim() })),
            ),
        )?;
        tx.commit()?;
        Ok(())
    }

    /// The dispatched shut-off is done: water and power are off and the meters were read at
    /// shut-off. The readings are stored as a 停水电抄表 inspection, the baseline of the first
    /// month's use.
    ///
    /// `readings` are water, electricity and gas; water and electricity are required.
    ///
    /// # Errors
    /// Not approved, already shut off, or a water or power reading missing.
    pub fn record_shut_off(
        &mut self,
        id: ApplicationId,
        readings: [Option<i64>; 3],
        rec: &Recorded,
    ) -> Result<()> {
        let app = self.vacancy_application(id)?;
        if app.status != ApplicationStatus::Approved {
            return Err(StoreError::Conflict(
                "只有已批准的空置申请才派单停水停电".into(),
            ));
        }
        if let Some((who, at)) = &app.shut_off {
            return Err(StoreError::Conflict(format!(
                "这套房屋已于 {} 停水停电（{who}）",
                paper_date(at.date())
            )));
        }
        if readings[0].is_none() || readings[1].is_none() {
            return Err(StoreError::Conflict(
                "停水停电时请抄录水表和电表读数".into(),
            ));
        }
        let auth = self.authorize(Action::VacancyFollowUp, None, rec)?;
        let rec = &auth.rec;
        let tx = self.conn.transaction()?;
        let n = tx.execute(
            "UPDATE vacancy_applications SET shut_off_at = ?2, shut_off_by_name = ?3
             WHERE id = ?1 AND shut_off_at IS NULL",
            params![id.0, super::super::time_text(rec.at), rec.by_name],
        )?;
        if n == 0 {
            return Err(StoreError::Conflict("这套房屋已经停水停电".into()));
        }
        let mut text = "已停水停电并抄表".to_string();
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
            changes: [None; 3],
            follow_up: None,
            note: "空置停水停电抄表".into(),
        };
        super::inspections::insert_inspection(&tx, app.unit, &reading, None, rec, false)?;
        append_checked(
            &mut self.session,
            &tx,
            &auth,
            Entry::new(
                Action::VacancyFollowUp,
                "停水停电抄表",
                app_target(id, app.address),
            )
            .change(None::<&()>, Some(&serde_json::json!({ "读数": readings }))),
        )?;
        tx.commit()?;
        Ok(())
    }

    /// The supervisor refuses, with a reason.
    pub fn reject_vacancy(&mut self, id: ApplicationId, note: &str, rec: &Recorded) -> Result<()> {
        let app = self.pending(id)?;
        if note.trim().is_empty() {
            return Err(StoreError::Conflict("请写明不批准的原因".into()));
        }
        let auth = self.authorize(Action::VacancyDecide, None, rec)?;
        let rec = &auth.rec;
        let tx = self.conn.transaction()?;
        decide(&tx, id, ApplicationStatus::Rejected, note, rec)?;
        log(
            &tx,
            app.unit,
            rec,
            LOG_KIND,
            &format!("空置申请未批准：{}", note.trim()),
        )?;
        append_checked(
            &mut self.session,
            &tx,
            &auth,
            Entry::new(
                Action::VacancyDecide,
                "驳回空置申请",
                app_target(id, app.address),
            )
            .change(
                Some(&status_json("待审批")),
                Some(&serde_json::json!({ "状态": "未批准", "原因": note.trim() })),
            ),
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
        let auth = self.authorize(Action::VacancyFollowUp, None, rec)?;
        let rec = &auth.rec;
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
        append_checked(&mut self.session, &tx, &auth, Entry::new(Action::VacancyFollowUp, "空置提前结束", app_target(id, app.address)).change(Some(&status_json("已批准")), Some(&serde_json::json!({ "状态": "已结束", "最后一天": last_day, "说明": note.trim() }))))?;
        tx.commit()?;
        Ok(())
    }

    /// The application if it is pending and no approved one overlaps it (who may decide is the
    /// gate's to say).
    fn pending(&self, id: ApplicationId) -> Result<ApplicationRecord> {
        let app = self.vacancy_application(id)?;
        if app.status != ApplicationStatus::Pending {
            return Err(StoreError::Conflict("这份申请已经审批过了".into()));
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
