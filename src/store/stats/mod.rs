//! The month's figures for 统计 and 月度汇总 ([`MonthFigures`]) and the 13-month trend: SQL
//! aggregates over the indexed time columns (repairs_received, feedback_received,
//! bill_lines_month, item_passes_planned, key_loans_out, key_issues_at, receipts_issued), one
//! grouped query per table, never a row-by-row walk in Rust, so a month at ten years stays
//! within the tab's 50 ms.

mod trend;

use std::collections::BTreeMap;

use rusqlite::params;

use super::{Result, Store};
use crate::domain::settings::Deadlines;
use crate::domain::stats::{
    Collection, Coverage, DayCounts, FeedbackFigures, GateKeyFigures, MonthFigures, Rate, Ratings,
    RepairFigures, estate_collection, estate_coverage,
};
use crate::domain::{Fen, Month};

/// `[first day 00:00, next month's first day)` as stored times, for `BETWEEN`-free range scans.
fn bounds(first: Month, last: Month) -> (String, String) {
    (
        format!("{} 00:00:00", first.first_day().format("%Y-%m-%d")),
        format!("{} 00:00:00", last.next().first_day().format("%Y-%m-%d")),
    )
}

/// The repairs' per-month aggregate (keyed by `YYYY-MM`): received, in-home, public,
/// cancelled, arrival, review, callback, ratings. Arrivals count against the later of the
/// appointment and the dispatch (domain::repair::timing::arrival_clock); a review's return is
/// the first arrival event at or after the latest review.
pub(super) const REPAIRS_BY_MONTH: &str = "
    WITH r AS (
        SELECT substr(recorded_at, 1, 7) AS m, unit_id, state, arrived_at, review_at,
               completed_at, callback_at, rating,
               datetime(max(appointment_at, coalesce(dispatched_at, appointment_at)),
                        '+' || ?3 || ' minutes') AS arrive_due,
               CASE WHEN review_at IS NOT NULL THEN
                   (SELECT min(e.at) FROM repair_events e
                    WHERE e.repair_id = repairs.id AND e.state = 'on_site' AND e.at >= review_at)
               END AS back
        FROM repairs WHERE recorded_at >= ?1 AND recorded_at < ?2
    )
    SELECT m, count(*), sum(unit_id IS NOT NULL), sum(unit_id IS NULL),
           sum(state = 'cancelled'),
           sum(arrived_at IS NOT NULL), sum(arrived_at <= arrive_due),
           sum(review_at IS NOT NULL AND state <> 'cancelled'),
           sum(state <> 'cancelled' AND back <= datetime(review_at, '+' || ?4 || ' minutes')),
           sum(completed_at IS NOT NULL AND state <> 'cancelled'),
           sum(completed_at IS NOT NULL AND state <> 'cancelled' AND callback_at IS NOT NULL),
           sum(rating = 'satisfied'), sum(rating = 'fair'), sum(rating = 'dissatisfied')
    FROM r GROUP BY m ORDER BY m";

/// One row of [`REPAIRS_BY_MONTH`].
pub(super) fn repairs_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<(String, RepairFigures)> {
    let n = |i: usize| -> rusqlite::Result<u32> { Ok(r.get::<_, Option<u32>>(i)?.unwrap_or(0)) };
    Ok((
        r.get(0)?,
        RepairFigures {
            received: n(1)?,
            in_home: n(2)?,
            public: n(3)?,
            cancelled: n(4)?,
            arrival: Rate::new(n(6)?, n(5)?),
            review: Rate::new(n(8)?, n(7)?),
            callback: Rate::new(n(10)?, n(9)?),
            ratings: Ratings {
                satisfied: n(11)?,
                fair: n(12)?,
                dissatisfied: n(13)?,
            },
        },
    ))
}

/// The matters' per-month aggregate: received, complaints, answered, answered in time, open.
/// The customer's clock runs from the latest reopen; a closed matter's unanswered clock counts
/// as met at closing (domain::feedback::deadlines::dues).
pub(super) const FEEDBACK_BY_MONTH: &str = "
    WITH f AS (
        SELECT substr(received_at, 1, 7) AS m, category,
               CASE WHEN answered_at >= coalesce(reopened_at, received_at) THEN answered_at
                    ELSE closed_at END AS done,
               datetime(coalesce(reopened_at, received_at), '+' ||
                        CASE severity WHEN 'major' THEN ?4 ELSE ?3 END || ' minutes') AS due
        FROM feedback WHERE received_at >= ?1 AND received_at < ?2
    )
    SELECT m, count(*), sum(category = 'complaint'), sum(done IS NOT NULL),
           sum(done <= due), sum(done IS NULL)
    FROM f GROUP BY m ORDER BY m";

/// One row of [`FEEDBACK_BY_MONTH`].
pub(super) fn feedback_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<(String, FeedbackFigures)> {
    let n = |i: usize| -> rusqlite::Result<u32> { Ok(r.get::<_, Option<u32>>(i)?.unwrap_or(0)) };
    Ok((
        r.get(0)?,
        FeedbackFigures {
            received: n(1)?,
            complaints: n(2)?,
            answered: Rate::new(n(4)?, n(3)?),
            open: n(5)?,
        },
    ))
}

/// Bills of months `?1..=?2` (`YYYY-MM`) by month and building, with what of them a receipt
/// issued before the month's end paid: migration 20's month_collection, kept by triggers on
/// bill_lines (a voided receipt sets its lines back to unpaid, which takes them out).
pub(super) const COLLECTION_BY_MONTH: &str = "
    SELECT month, building, billed_fen, collected_fen FROM month_collection
    WHERE month >= ?1 AND month <= ?2 AND (billed_fen <> 0 OR collected_fen <> 0)
    ORDER BY month, building";

impl Store {
    /// The figures of `month` (see [`MonthFigures`]), with the deadlines in force.
    pub fn month_figures(&self, month: Month) -> Result<MonthFigures> {
        self.month_figures_with(month, &self.deadlines()?)
    }

    /// [`Store::month_figures`] against `d`.
    pub fn month_figures_with(&self, month: Month, d: &Deadlines) -> Result<MonthFigures> {
        let (from, to) = bounds(month, month);
        let conn = self.conn();
        let repairs = conn
            .prepare_cached(REPAIRS_BY_MONTH)?
            .query_map(
                params![from, to, d.repair_arrival_min, d.repair_review_min],
                repairs_row,
            )?
            .next()
            .transpose()?
            .map(|(_, f)| f)
            .unwrap_or_default();
        let feedback = conn
            .prepare_cached(FEEDBACK_BY_MONTH)?
            .query_map(
                params![from, to, d.complaint_general_min, d.complaint_major_min],
                feedback_row,
            )?
            .next()
            .transpose()?
            .map(|(_, f)| f)
            .unwrap_or_default();
        let mut categories = conn
            .prepare_cached(
                "SELECT category, count(*) FROM repairs
                 WHERE recorded_at >= ?1 AND recorded_at < ?2 GROUP BY category",
            )?
            .query_map(params![from, to], |r| {
                Ok((r.get::<_, String>(0)?, r.get(1)?))
            })?
            .collect::<rusqlite::Result<Vec<(String, u32)>>>()?;
        categories.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        let by_building = conn
            .prepare_cached(
                "SELECT u.building, count(*) FROM repairs r JOIN units u ON u.id = r.unit_id
                 WHERE r.recorded_at >= ?1 AND r.recorded_at < ?2
                 GROUP BY u.building ORDER BY u.building",
            )?
            .query_map(params![from, to], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<Vec<(u32, u32)>>>()?;
        Ok(MonthFigures {
            month,
            repairs,
            repair_categories: categories,
            repairs_by_building: by_building,
            feedback,
            collection: self.collection_by_building(month)?,
            coverage: self.coverage_by_building(month)?,
            gate_keys: self.gate_key_figures(month)?,
            days: self.day_counts(month)?,
        })
    }

    /// 收缴率 of each building's bills of `month`, then the estate's (building 0).
    fn collection_by_building(&self, month: Month) -> Result<Vec<Collection>> {
        let code = month.code();
        let mut rows = self
            .conn()
            .prepare_cached(COLLECTION_BY_MONTH)?
            .query_map(params![code, code], |r| {
                Ok(Collection {
                    building: r.get(1)?,
                    billed: Fen(r.get::<_, Option<i64>>(2)?.unwrap_or(0)),
                    collected: Fen(r.get::<_, Option<i64>>(3)?.unwrap_or(0)),
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let estate = estate_collection(&rows);
        rows.push(estate);
        Ok(rows)
    }

    /// Inspection coverage by building (as 空置房管理 counts it), then the estate's.
    fn coverage_by_building(&self, month: Month) -> Result<Vec<Coverage>> {
        let mut rows: Vec<Coverage> = self
            .vacancy_coverage(month)?
            .into_iter()
            .map(|b| Coverage {
                building: b.building,
                rate: Rate::new(b.inspected, b.vacant),
            })
            .collect();
        let estate = estate_coverage(&rows);
        rows.push(estate);
        Ok(rows)
    }

    /// Passes planned for `month`, keys issued and lent in it.
    fn gate_key_figures(&self, month: Month) -> Result<GateKeyFigures> {
        let (from, to) = bounds(month, month);
        let conn = self.conn();
        let (first, last) = (
            month.first_day().format("%Y-%m-%d").to_string(),
            month.last_day().format("%Y-%m-%d").to_string(),
        );
        let n = |v: Option<u32>| v.unwrap_or(0);
        let mut g = conn.prepare_cached(
            "SELECT count(*), sum(status = 'released'), sum(status = 'void'),
                    sum(reason = 'moving_out')
             FROM item_passes WHERE planned >= ?1 AND planned <= ?2",
        )?;
        let mut figures = g.query_row(params![first, last], |r| {
            Ok(GateKeyFigures {
                passes: n(r.get(0)?),
                released: n(r.get(1)?),
                voided: n(r.get(2)?),
                moving_out: n(r.get(3)?),
                ..GateKeyFigures::default()
            })
        })?;
        figures.key_issues = conn
            .prepare_cached(
                "SELECT count(*) FROM key_issues WHERE issued_at >= ?1 AND issued_at < ?2",
            )?
            .query_row(params![from, to], |r| r.get(0))?;
        let (lent, back, out): (u32, Option<u32>, Option<u32>) = conn
            .prepare_cached(
                "SELECT count(*), sum(returned_at <= due_at), sum(returned_at IS NULL)
                 FROM key_loans WHERE out_at >= ?1 AND out_at < ?2",
            )?
            .query_row(params![from, to], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
        figures.loans_returned = Rate::new(n(back), lent);
        figures.loans_out = n(out);
        Ok(figures)
    }

    /// Every day of `month` with its repairs, matters and receipts.
    fn day_counts(&self, month: Month) -> Result<Vec<DayCounts>> {
        let (from, to) = bounds(month, month);
        let conn = self.conn();
        let mut days: BTreeMap<u32, DayCounts> = (1..=month.days())
            .map(|day| {
                (
                    day,
                    DayCounts {
                        day,
                        ..DayCounts::default()
                    },
                )
            })
            .collect();
        let day_of = |text: String| text.parse::<u32>().unwrap_or(0);
        let mut repairs = conn.prepare_cached(
            "SELECT substr(recorded_at, 9, 2), sum(unit_id IS NOT NULL), sum(unit_id IS NULL)
             FROM repairs WHERE recorded_at >= ?1 AND recorded_at < ?2 GROUP BY 1",
        )?;
        for row in repairs.query_map(params![from, to], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, u32>(1)?,
                r.get::<_, u32>(2)?,
            ))
        })? {
            let (day, home, public) = row?;
            if let Some(d) = days.get_mut(&day_of(day)) {
                d.repairs_in_home = home;
                d.repairs_public = public;
            }
        }
        for (sql, field) in [
            (
                "SELECT substr(received_at, 9, 2), count(*) FROM feedback
                 WHERE received_at >= ?1 AND received_at < ?2 GROUP BY 1",
                0,
            ),
            (
                "SELECT substr(issued_at, 9, 2), count(*) FROM receipts
                 WHERE issued_at >= ?1 AND issued_at < ?2 AND voided_at IS NULL GROUP BY 1",
                1,
            ),
        ] {
            let mut stmt = conn.prepare_cached(sql)?;
            for row in stmt.query_map(params![from, to], |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, u32>(1)?))
            })? {
                let (day, count) = row?;
                if let Some(d) = days.get_mut(&day_of(day)) {
                    if field == 0 {
                        d.feedback = count;
                    } else {
                        d.receipts = count;
                    }
                }
            }
        }
        Ok(days.into_values().collect())
    }
}
