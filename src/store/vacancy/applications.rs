//! Vacancy applications: apply, approve (with the shut-off readings), reject, end early, list.

use super::app_target;
use crate::domain::access::Action;
use crate::store::audit::{Entry, append_checked};
use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::{OptionalExtension, Row, Transaction, params};

use super::super::units::log;
use super::super::{Result, Store, StoreError};
use super::{LOG_KIND, date_text, parse_date};
use crate::domain::UnitAddress;
use crate::domain::date::paper_date;
use crate::domain::staff::Recorded;
use crate::domain::unit::{UnitId, UnitStatus};
use crate::domain::vacancy::{
    ApplicationId, ApplicationState, ApplicationStatus, VacancyPeriod, check_period, state_on,
};

/// An application as the owner and the service officer fill it in.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct NewApplication {
    /// The unit.
    pub unit: UnitId,
    /// 申请人（业主）.
    pub owner_name: String,
    /// The owner's ID card original was seen (the procedure requires it).
    pub id_checked: bool,
    /// 空置开始.
    pub from: NaiveDate,
    /// 空置结束 (inclusive).
    pub to: NaiveDate,
    /// 空置原因.
    pub reason: String,
    /// 客户服务员意见.
    pub officer_opinion: String,
}

/// An application as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApplicationRecord {
    /// Row id.
    pub id: ApplicationId,
    /// The unit.
    pub unit: UnitId,
    /// Its address.
    pub address: UnitAddress,
    /// 申请人.
    pub owner_name: String,
    /// 空置开始.
    pub from: NaiveDate,
    /// 空置结束 as applied for.
    pub to: NaiveDate,
    /// 空置原因.
    pub reason: String,
    /// 客户服务员意见.
    pub officer_opinion: String,
    /// The service officer who took the application (signed it).
    pub officer_name: String,
    /// When it was taken.
    pub recorded_at: NaiveDateTime,
    /// Where it stands.
    pub status: ApplicationStatus,
    /// The supervisor who decided, and when.
    pub decided: Option<(String, NaiveDateTime)>,
    /// 主管意见.
    pub decision_note: String,
    /// The last day at the vacancy rate when ended early.
    pub ended_on: Option<NaiveDate>,
    /// Who shut off water and power after approval, and when; `None` while it is pending.
    pub shut_off: Option<(String, NaiveDateTime)>,
}

impl ApplicationRecord {
    /// The approved days, cut short by an early end; `None` unless approved or ended.
    pub fn period(&self) -> Option<VacancyPeriod> {
        match self.status {
            ApplicationStatus::Approved | ApplicationStatus::Ended => Some(VacancyPeriod {
                from: self.from,
                to: self.ended_on.unwrap_or(self.to),
            }),
            _ => None,
        }
    }

    /// Its state on `today`.
    pub fn state(&self, today: NaiveDate) -> ApplicationState {
        state_on(self.status, self.to, self.from, today)
    }

    /// Approved, and water and power not yet shut off (待停水停电).
    pub fn awaiting_shut_off(&self) -> bool {
        self.status == ApplicationStatus::Approved && self.shut_off.is_none()
    }

    fn from_row(row: &Row<'_>) -> rusqlite::Result<Result<ApplicationRecord>> {
        let status: String = row.get("status")?;
        let from: String = row.get("period_from")?;
        let to: String = row.get("period_to")?;
        let ended: Option<String> = row.get("ended_on")?;
        let decided_by: Option<String> = row.get("decided_by_name")?;
        let decided_at: Option<String> = row.get("decided_at")?;
        let recorded_at: String = row.get("recorded_at")?;
        let (b, e, r): (u32, u32, u32) =
            (row.get("building")?, row.get("entrance")?, row.get("room")?);
        let id = ApplicationId(row.get("id")?);
        let unit = UnitId(row.get("unit_id")?);
        let owner_name = row.get("owner_name")?;
        let reason = row.get("reason")?;
        let officer_opinion = row.get("officer_opinion")?;
        let officer_name = row.get("recorded_by_name")?;
        let decision_note = row.get("decision_note")?;
        let shut_off_at: Option<String> = row.get("shut_off_at")?;
        let shut_off_by: Option<String> = row.get("shut_off_by_name")?;
        Ok((|| {
            Ok(ApplicationRecord {
                id,
                unit,
                address: UnitAddress::new(b, e, r)
                    .map_err(|_| StoreError::Corrupt(format!("房号 {b}-{e}-{r}")))?,
                owner_name,
                from: parse_date(&from)?,
                to: parse_date(&to)?,
                reason,
                officer_opinion,
                officer_name,
                recorded_at: super::super::parse_time(&recorded_at)?,
                status: ApplicationStatus::from_code(&status)
                    .ok_or_else(|| StoreError::Corrupt(format!("申请状态 “{status}”")))?,
                decided: match (decided_by, decided_at) {
                    (Some(n), Some(t)) => Some((n, super::super::parse_time(&t)?)),
                    _ => None,
                },
                decision_note,
                ended_on: ended.as_deref().map(parse_date).transpose()?,
                shut_off: match shut_off_at {
                    Some(t) => Some((
                        shut_off_by.unwrap_or_default(),
                        super::super::parse_time(&t)?,
                    )),
                    None => None,
                },
            })
        })())
    }
}

const APP_SELECT: &str = "SELECT a.*, u.building, u.entrance, u.room FROM vacancy_applications a \
                          JOIN units u ON u.id = a.unit_id";

/// Inserts an application inside the caller's transaction (no checks beyond the schema's).
pub(super) fn insert_application(
    tx: &Transaction<'_>,
    app: &NewApplication,
    status: ApplicationStatus,
    rec: &Recorded,
) -> Result<ApplicationId> {
    tx.execute(
        "INSERT INTO vacancy_applications (unit_id, owner_name, id_checked, period_from, period_to,
             reason, officer_opinion, status, recorded_by, recorded_by_name, recorded_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        params![
            app.unit.0,
            app.owner_name.trim(),
            app.id_checked,
            date_text(app.from),
            date_text(app.to),
            app.reason.trim(),
            app.officer_opinion.trim(),
            status.code(),
            rec.by.map(|b| b.0),
            rec.by_name,
            super::super::time_text(rec.at),
        ],
    )?;
    let id = ApplicationId(tx.last_insert_rowid());
    log(
        tx,
        app.unit,
        rec,
        LOG_KIND,
        &format!(
            "空置申请：{} 至 {}，申请人 {}，原因：{}",
            paper_date(app.from),
            paper_date(app.to),
            app.owner_name.trim(),
            app.reason.trim()
        ),
    )?;
    Ok(id)
}

/// Marks an application decided inside the caller's transaction.
pub(super) fn decide(
    tx: &Transaction<'_>,
    id: ApplicationId,
    status: ApplicationStatus,
    note: &str,
    rec: &Recorded,
) -> Result<()> {
    tx.execute(
        "UPDATE vacancy_applications SET status = ?2, decided_by = ?3, decided_by_name = ?4,
             decided_at = ?5, decision_note = ?6 WHERE id = ?1",
        params![
            id.0,
            status.code(),
            rec.by.map(|b| b.0),
            rec.by_name,
            super::super::time_text(rec.at),
            note.trim()
        ],
    )?;
    Ok(())
}

impl Store {
    /// Takes an owner's application (the service officer on duty signs it); it waits for the
    /// supervisor's approval.
    ///
    /// # Errors
    /// A period shorter than three months, an unchecked ID, missing owner or reason, an unsold
    /// unit, or a period overlapping another pending or approved application of the unit.
    pub fn apply_for_vacancy(
        &mut self,
        app: &NewApplication,
        rec: &Recorded,
    ) -> Result<ApplicationId> {
        check_period(app.from, app.to).map_err(|e| StoreError::Conflict(e.to_string()))?;
        if !app.id_checked {
            return Err(StoreError::Conflict("请先核验业主身份证原件".into()));
        }
        if app.owner_name.trim().is_empty() || app.reason.trim().is_empty() {
            return Err(StoreError::Conflict("请填写申请人和空置原因".into()));
        }
        let unit = self.unit(app.unit)?;
        if unit.unit.status == UnitStatus::Unsold {
            return Err(StoreError::Conflict(format!(
                "{} 未售，属开发商的空置房，不需要业主申请",
                unit.unit.address
            )));
        }
        if let Some(other) = self.overlapping(app.unit, app.from, app.to, None)? {
            return Err(StoreError::Conflict(format!(
                "这套房屋已有 {} 至 {} 的空置申请（{}），时间不能重叠",
                paper_date(other.from),
                paper_date(other.to),
                other.state(app.from).label()
            )));
        }
        let auth = self.authorize(Action::VacancyApply, Some(unit.unit.address.building), rec)?;
        let rec = &auth.rec;
        let tx = self.conn.transaction()?;
        let id = insert_application(&tx, app, ApplicationStatus::Pending, rec)?;
        append_checked(
            &mut self.session,
            &tx,
            &auth,
            Entry::new(
                Action::VacancyApply,
                "空置申请签字",
                app_target(id, unit.unit.address),
            )
            .change(None::<&NewApplication>, Some(app)),
        )?;
        tx.commit()?;
        Ok(id)
    }

    /// Another pending or approved application of `unit` overlapping `from..=to`.
    pub(super) fn overlapping(
        &self,
        unit: UnitId,
        from: NaiveDate,
        to: NaiveDate,
        except: Option<ApplicationId>,
    ) -> Result<Option<ApplicationRecord>> {
        let row = self
            .conn()
            .query_row(
                &format!(
                    "{APP_SELECT} WHERE a.unit_id = ?1 AND a.status IN ('pending', 'approved')
                     AND a.period_from <= ?3 AND a.period_to >= ?2 AND a.id IS NOT ?4 LIMIT 1"
                ),
                params![unit.0, date_text(from), date_text(to), except.map(|e| e.0)],
                ApplicationRecord::from_row,
            )
            .optional()?;
        row.transpose()
    }

    /// One application.
    pub fn vacancy_application(&self, id: ApplicationId) -> Result<ApplicationRecord> {
        let row = super::super::optional(self.conn().query_row(
            &format!("{APP_SELECT} WHERE a.id = ?1"),
            [id.0],
            ApplicationRecord::from_row,
        ))?;
        super::super::found(row, || format!("找不到第 {} 号空置申请", id.0))?
    }

    /// Applications taken in `month`, in the order taken: the month's 空置房申请表.
    pub fn vacancy_applications_of_month(
        &self,
        month: crate::domain::Month,
    ) -> Result<Vec<ApplicationRecord>> {
        let (from, to) = crate::store::month_range(month);
        self.applications_where(
            "a.recorded_at >= ?1 AND a.recorded_at < ?2 ORDER BY a.recorded_at, a.id",
            params![from, to],
        )
    }

    /// A unit's applications, newest first.
    pub fn unit_vacancy_applications(&self, unit: UnitId) -> Result<Vec<ApplicationRecord>> {
        self.applications_where(
            "a.unit_id = ?1 ORDER BY a.period_from DESC, a.id DESC",
            params![unit.0],
        )
    }

    /// What the desk must see: pending applications, approved ones still waiting for the
    /// shut-off, those in force or starting, and those expired since `today − 90 days` whose
    /// unit has no later application (re-apply reminder). Ordered by last day.
    pub fn open_vacancy_applications(&self, today: NaiveDate) -> Result<Vec<ApplicationRecord>> {
        let since = today - chrono::Days::new(90);
        self.applications_where(
            "a.status = 'pending' OR (a.status = 'approved' AND a.shut_off_at IS NULL)
             OR (a.status = 'approved' AND a.period_to >= ?1
               AND NOT EXISTS (SELECT 1 FROM vacancy_applications b WHERE b.unit_id = a.unit_id
                   AND b.status IN ('pending', 'approved') AND b.period_from > a.period_to))
             ORDER BY a.period_to, a.id",
            params![date_text(since)],
        )
    }

    fn applications_where(
        &self,
        clause: &str,
        p: impl rusqlite::Params,
    ) -> Result<Vec<ApplicationRecord>> {
        let mut stmt = self
            .conn()
            .prepare_cached(&format!("{APP_SELECT} WHERE {clause}"))?;
        let rows = stmt.query_map(p, ApplicationRecord::from_row)?;
        let mut out = Vec::new();
        for row in rows {
            out.push(row??);
        }
        Ok(out)
    }

    /// Approved periods of `unit` (cut short where ended early), for the fee share.
    pub fn vacancy_periods(&self, unit: UnitId) -> Result<Vec<VacancyPeriod>> {
        Ok(self
            .unit_vacancy_applications(unit)?
            .iter()
            .filter_map(ApplicationRecord::period)
            .collect())
    }
}
