//! The 13-month trend (the chosen month and the 12 before): the same aggregates as the month's
//! figures, grouped by month over one range scan per table.

use std::collections::HashMap;

use rusqlite::params;

use super::{
    COLLECTION_BY_MONTH, FEEDBACK_BY_MONTH, REPAIRS_BY_MONTH, bounds, feedback_row, repairs_row,
};
use crate::domain::Month;
use crate::domain::settings::Deadlines;
use crate::domain::stats::{
    Collection, Rate, TrendPoint, TrendRepairs, estate_collection, trend_months,
};
use crate::store::{Result, Store};

impl Store {
    /// The trend ending at `month`: 13 points, oldest first, months without records included.
    pub fn stats_trend(&self, month: Month) -> Result<Vec<TrendPoint>> {
        self.stats_trend_with(month, &self.deadlines()?)
    }

    /// [`Store::stats_trend`] against `d`.
    pub fn stats_trend_with(&self, month: Month, d: &Deadlines) -> Result<Vec<TrendPoint>> {
        let months = trend_months(month);
        let first = months[0];
        let (from, to) = bounds(first, month);
        let conn = self.conn();
        let repairs: HashMap<String, _> = conn
            .prepare_cached(REPAIRS_BY_MONTH)?
            .query_map(
                params![from, to, d.repair_arrival_min, d.repair_review_min],
                repairs_row,
            )?
            .collect::<rusqlite::Result<_>>()?;
        let feedback: HashMap<String, _> = conn
            .prepare_cached(FEEDBACK_BY_MONTH)?
            .query_map(
                params![from, to, d.complaint_general_min, d.complaint_major_min],
                feedback_row,
            )?
            .collect::<rusqlite::Result<_>>()?;
        let mut bills: HashMap<String, Vec<Collection>> = HashMap::new();
        let mut stmt = conn.prepare_cached(COLLECTION_BY_MONTH)?;
        for row in stmt.query_map(params![first.code(), month.code()], |r| {
            Ok((
                r.get::<_, String>(0)?,
                Collection {
                    building: r.get(1)?,
                    billed: crate::domain::Fen(r.get::<_, Option<i64>>(2)?.unwrap_or(0)),
                    collected: crate::domain::Fen(r.get::<_, Option<i64>>(3)?.unwrap_or(0)),
                },
            ))
        })? {
            let (m, c) = row?;
            bills.entry(m).or_default().push(c);
        }
        let mut out = Vec::with_capacity(months.len());
        for m in months {
            let code = m.code();
            let r = repairs.get(&code).cloned().unwrap_or_default();
            let f = feedback.get(&code).cloned().unwrap_or_default();
            let coverage = self
                .vacancy_coverage(m)?
                .iter()
                .fold(Rate::default(), |acc, b| {
                    Rate::new(acc.met + b.inspected, acc.of + b.vacant)
                });
            out.push(TrendPoint {
                month: m,
                repairs: TrendRepairs {
                    received: r.received,
                    arrival: r.arrival,
                    review: r.review,
                    callback: r.callback,
                    satisfaction: r.ratings.satisfaction(),
                },
                feedback_received: f.received,
                feedback_answered: f.answered,
                collection: estate_collection(bills.get(&code).map_or(&[], Vec::as_slice)),
                coverage,
            });
        }
        Ok(out)
    }
}
