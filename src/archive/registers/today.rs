//! 今日 at month end: the office's 客服中心日报表 of each day of the month. The tab keeps no
//! records of its own (it shows the other tabs' work), so it files no spreadsheet.

use crate::archive::table::Workbook;
use crate::domain::Month;
use crate::forms::PrintJob;
use crate::store::{Store, StoreError};

/// No register: the day's work is in the other tabs' registers.
pub fn workbooks(_store: &Store, _month: Month) -> Result<Vec<Workbook>, StoreError> {
    Ok(Vec::new())
}

/// Each day's 客服中心日报表, first to last.
pub fn forms(_store: &Store, month: Month) -> Result<Vec<PrintJob>, StoreError> {
    Ok(month
        .first_day()
        .iter_days()
        .take_while(|d| *d <= month.last_day())
        .map(PrintJob::DailyReport)
        .collect())
}
