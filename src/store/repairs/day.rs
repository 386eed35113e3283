//! The day's report and the editable list of repair categories.

use chrono::{Duration, NaiveDate, NaiveDateTime};
use rusqlite::params;

use super::read::OPEN_STATES;
use super::row::{address, corrupt, number, opt_time, place_short, state};
use crate::domain::repair::report::ReportOrder;
use crate::domain::repair::{DEFAULT_CATEGORIES, DayReport, Rating};
use crate::domain::settings::Deadlines;
use crate::store::{Result, Store, time_text};

/// Where the editable category list is kept, one category a line.
const CATEGORIES_KEY: &str = "repair.categories";

impl Store {
    /// 客服中心日报表 for `date`, as of the end of the day or `now`.
    ///
    /// Reads the orders taken in the 60 days up to the day plus every order still open, so an
    /// order that stayed open longer than that and has since been finished is not counted in
    /// an old day's open figure.
    pub fn repair_day_report(
        &self,
        date: NaiveDate,
        d: &Deadlines,
        now: NaiveDateTime,
    ) -> Result<DayReport> {
        let start = date.and_time(chrono::NaiveTime::MIN);
        let end = time_text(start + Duration::days(1) - Duration::seconds(1));
        let from = time_text(start - Duration::days(60));
        let cols = "r.number, r.unit_id, r.location, r.category, r.state, r.recorded_at,
             r.appointment_at, r.dispatched_at, r.arrived_at, r.review_at, r.completed_at, r.callback_at,
             r.cancelled_at, r.rating, u.building, u.entrance, u.room";
        let sql = format!(
            "SELECT {cols} FROM repairs r LEFT JOIN units u ON u.id = r.unit_id
              WHERE r.recorded_at BETWEEN ?1 AND ?2
             UNION
             SELECT {cols} FROM repairs r LEFT JOIN units u ON u.id = r.unit_id
              WHERE {OPEN_STATES} AND r.recorded_at < ?1"
        );
        let mut stmt = self.conn().prepare_cached(&sql)?;
        let rows = stmt.query_map(params![from, end], |r| {
            let t = |c: &str| r.get::<_, Option<String>>(c);
            Ok((
                (
                    r.get::<_, String>("number")?,
                    address(r)?,
                    r.get::<_, String>("location")?,
                    r.get::<_, String>("category")?,
                    r.get::<_, String>("state")?,
                ),
                [
                    t("recorded_at")?,
                    t("appointment_at")?,
                    t("dispatched_at")?,
                    t("arrived_at")?,
                    t("review_at")?,
                    t("completed_at")?,
                    t("callback_at")?,
                    t("cancelled_at")?,
                ],
                t("rating")?,
            ))
        })?;
        let mut orders = Vec::new();
        for row in rows {
            let ((num, addr, location, category, st), times, rating) = row?;
            let [
                received,
                appt,
                dispatched,
                arrived,
                review,
                completed,
                callback,
                cancelled,
            ] = times.map(opt_time);
            let (kind, place) = place_short(addr, location);
            let need = |t: Option<NaiveDateTime>| t.ok_or_else(|| corrupt("维修单时间", &num));
            orders.push(ReportOrder {
                number: number(&num)?,
                kind,
                place,
                category,
                state: state(&st)?,
                received_at: need(received?)?,
                appointment: need(appt?)?,
                dispatched_at: dispatched?,
                arrived_at: arrived?,
                review_at: review?,
                completed_at: completed?,
                callback_at: callback?,
                cancelled_at: cancelled?,
                rating: rating
                    .map(|r| Rating::from_code(&r).ok_or_else(|| corrupt("满意度", &r)))
                    .transpose()?,
            });
        }
        Ok(DayReport::build(date, orders, d, now))
    }

    /// The repair categories the desk offers (editable; the procedure's six by default).
    pub fn repair_categories(&self) -> Result<Vec<String>> {
        let saved = crate::store::settings::setting(self.conn(), CATEGORIES_KEY)?;
        let list: Vec<String> = saved
            .unwrap_or_default()
            .lines()
            .map(|l| l.trim().to_string())
            .filter(|l| !l.is_empty())
            .collect();
        Ok(if list.is_empty() {
            DEFAULT_CATEGORIES.iter().map(|c| c.to_string()).collect()
        } else {
            list
        })
    }

    /// Saves the category list (one transaction); blank entries are dropped.
    pub fn save_repair_categories(
        &mut self,
        categories: &[String],
        rec: &crate::domain::staff::Recorded,
    ) -> Result<()> {
        let text: Vec<&str> = categories
            .iter()
            .map(|c| c.trim())
            .filter(|c| !c.is_empty())
            .collect();
        let before = self.repair_categories()?;
        self.save_settings_form(
            rec,
            "报修类别",
            &before[..],
            &text.iter().map(|t| t.to_string()).collect::<Vec<_>>()[..],
            |tx| crate::store::settings::put_setting(tx, CATEGORIES_KEY, &text.join("\n")),
        )
    }
}
