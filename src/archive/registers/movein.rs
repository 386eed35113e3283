//! 业主入住 at month end: the cases opened or finished in the month, the items handed over and
//! the problems their hand-over inspections found; for each case finished in the month, its
//! 房屋验收交接表 and 业主入住清单.

use crate::archive::table::{Cell, Sheet, Workbook};
use crate::domain::Month;
use crate::forms::PrintJob;
use crate::store::{Store, StoreError};

/// The month's cases, items handed over and inspection problems, one sheet each.
pub fn workbooks(store: &Store, month: Month) -> Result<Vec<Workbook>, StoreError> {
    let mut cases = Sheet::new(
        "入住办理",
        &[
            "房号",
            "业主",
            "入住通知书编号",
            "预约时间",
            "开始办理",
            "经办人",
            "状态",
            "签约日期",
            "入住日期",
            "办结时间",
        ],
    );
    for c in store.move_ins_of_month(month)? {
        cases.push(vec![
            Cell::text(c.address.short()),
            Cell::text(c.owner_name),
            Cell::text(c.notice_no),
            Cell::time(c.scheduled_at),
            Cell::Time(c.opened_at),
            Cell::text(c.opened_by),
            Cell::text(c.state.label()),
            Cell::date(c.signed_on),
            Cell::date(c.moved_in),
            Cell::time(c.finished_at),
        ]);
    }
    let mut items = Sheet::new("交接物品", &["房号", "物品", "数量"]);
    for (address, name, qty) in store.move_in_items_of_month(month)? {
        items.push(vec![
            Cell::text(address.short()),
            Cell::text(name),
            Cell::Int(qty),
        ]);
    }
    let mut defects = Sheet::new(
        "验房问题",
        &["房号", "验房", "部位", "问题", "维修单号", "业主确认时间"],
    );
    for d in store.move_in_defects_of_month(month)? {
        defects.push(vec![
            Cell::text(d.address.short()),
            Cell::text(if d.round == 1 { "初验" } else { "复验" }),
            Cell::text(d.area),
            Cell::text(d.note),
            Cell::text(d.repair.unwrap_or_default()),
            Cell::time(d.accepted_at),
        ]);
    }
    Ok(vec![Workbook {
        name: "业主入住登记",
        about: "当月开始或办结的入住手续、交接物品及验房发现的问题",
        sheets: vec![cases, items, defects],
    }])
}

/// For each case finished in the month that is still its unit's latest (the forms print a
/// unit's latest case), its 房屋验收交接表 and 业主入住清单.
pub fn forms(store: &Store, month: Month) -> Result<Vec<PrintJob>, StoreError> {
    let mut jobs = Vec::new();
    for c in store.move_ins_of_month(month)? {
        let finished = c.finished_at.is_some_and(|t| Month::of(t.date()) == month);
        if finished && c.latest {
            jobs.push(PrintJob::HandoverSheet(c.address));
            jobs.push(PrintJob::MoveInList(c.address));
        }
    }
    Ok(jobs)
}
