//! 房屋与业主 at month end: every line the month wrote into the units' histories (owners
//! registered or changed, and each tab's events on a unit), by address — the 房屋档案 of the
//! month. Numbers that are phones or ID numbers are masked as the screens mask them.

use super::audit::mask_numbers;
use crate::archive::table::{Cell, Sheet, Workbook};
use crate::domain::Month;
use crate::forms::PrintJob;
use crate::store::{Store, StoreError};

/// The month's unit history lines, one sheet.
pub fn workbooks(store: &Store, month: Month) -> Result<Vec<Workbook>, StoreError> {
    let mut sheet = Sheet::new("房屋档案", &["房号", "时间", "类别", "内容", "经办人"]);
    for (address, e) in store.unit_log_of_month(month)? {
        sheet.push(vec![
            Cell::text(address.short()),
            Cell::Time(e.at),
            Cell::text(e.kind),
            Cell::text(mask_numbers(&e.text)),
            Cell::text(e.by_name),
        ]);
    }
    Ok(vec![Workbook {
        name: "房屋档案",
        about: "当月写入各户房屋档案的记录（业主登记变更及各页面的办理事项）",
        sheets: vec![sheet],
    }])
}

/// The register prints cards on demand, not month by month: nothing to file.
pub fn forms(_store: &Store, _month: Month) -> Result<Vec<PrintJob>, StoreError> {
    Ok(Vec::new())
}
