//! The month's loss reports for the month-end archive (the items found come from
//! [`Store::found_items_of_month`]).

use rusqlite::params;

use super::read::LossReportRecord;
use super::row::report_from_row;
use crate::domain::Month;
use crate::store::{Result, Store, month_range};

impl Store {
    /// Loss reports taken in `month`, in the order taken.
    pub fn loss_reports_of_month(&self, month: Month) -> Result<Vec<LossReportRecord>> {
        let (from, to) = month_range(month);
        let mut stmt = self.conn().prepare_cached(
            "SELECT r.*, i.number AS item_number FROM loss_reports r
                 LEFT JOIN found_items i ON i.id = r.item_id
             WHERE r.recorded_at >= ?1 AND r.recorded_at < ?2 ORDER BY r.recorded_at, r.id",
        )?;
        let rows = stmt.query_map(params![from, to], report_from_row)?;
        let mut out = Vec::new();
        for r in rows {
            out.push(r??);
        }
        Ok(out)
    }
}
