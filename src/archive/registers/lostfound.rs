//! 物品拾遗 at month end: every item found in the month and what became of it, the month's
//! loss reports, and the printed 失物招领登记表.

use crate::archive::table::{Cell, Sheet, Workbook};
use crate::domain::Month;
use crate::forms::PrintJob;
use crate::store::{Store, StoreError};

/// The month's found items and loss reports, one sheet each.
pub fn workbooks(store: &Store, month: Month) -> Result<Vec<Workbook>, StoreError> {
    let mut found = Sheet::new(
        "拾获物品",
        &[
            "编号",
            "类别",
            "物品",
            "特征",
            "拾获地点",
            "拾获时间",
            "拾获人类别",
            "拾获人",
            "拾获人电话",
            "现金",
            "存放位置",
            "保管人",
            "状态",
            "去向",
            "认领人电话",
            "认领人证件",
            "认领/处置时间",
            "经手人",
            "登记人",
            "登记时间",
        ],
    );
    for r in store.found_items_of_month(month)? {
        let i = &r.item;
        let claim = r.claim.as_ref();
        let (ended_at, handled_by) = match (&r.claim, &r.disposal) {
            (Some(c), _) => (Some(c.at), c.released_by.clone()),
            (None, Some(d)) => (Some(d.at), d.by_name.clone()),
            (None, None) => (None, String::new()),
        };
        found.push(vec![
            Cell::text(r.number.to_string()),
            Cell::text(i.category.label()),
            Cell::text(i.name.clone()),
            Cell::text(i.description.clone()),
            Cell::text(i.place.clone()),
            Cell::Time(i.found_at),
            Cell::text(i.finder.kind.label()),
            Cell::text(i.finder.name.clone()),
            Cell::text(
                i.finder
                    .phone
                    .as_ref()
                    .map(|p| p.masked())
                    .unwrap_or_default(),
            ),
            Cell::money(i.cash),
            Cell::text(i.storage.clone()),
            Cell::text(r.custodian.clone()),
            Cell::text(r.state.label()),
            Cell::text(r.fate()),
            Cell::text(claim.map(|c| c.claim.phone.masked()).unwrap_or_default()),
            Cell::text(
                claim
                    .map(|c| c.claim.id_number.masked())
                    .unwrap_or_default(),
            ),
            Cell::time(ended_at),
            Cell::text(handled_by),
            Cell::text(r.recorded_by_name.clone()),
            Cell::Time(r.recorded_at),
        ]);
    }
    let mut reports = Sheet::new(
        "寻物登记",
        &[
            "编号",
            "失主",
            "电话",
            "类别",
            "物品描述",
            "遗失地点",
            "遗失日期",
            "登记时间",
            "状态",
            "结果",
            "结束时间",
            "认领物品编号",
            "登记人",
        ],
    );
    for r in store.loss_reports_of_month(month)? {
        let l = &r.report;
        reports.push(vec![
            Cell::text(r.number.to_string()),
            Cell::text(l.name.clone()),
            Cell::text(l.phone.masked()),
            Cell::text(l.category.map(|c| c.label()).unwrap_or_default()),
            Cell::text(l.description.clone()),
            Cell::text(l.place.clone()),
            Cell::Date(l.lost_on),
            Cell::Time(l.at),
            Cell::text(r.state.label()),
            Cell::text(r.result.clone()),
            Cell::time(r.closed_at),
            Cell::text(r.item.map(|n| n.to_string()).unwrap_or_default()),
            Cell::text(r.recorded_by_name.clone()),
        ]);
    }
    Ok(vec![Workbook {
        name: "失物招领登记",
        about: "当月拾获的物品及其去向、寻物登记（电话、证件号已遮蔽）",
        sheets: vec![found, reports],
    }])
}

/// The month's 失物招领登记表.
pub fn forms(_store: &Store, month: Month) -> Result<Vec<PrintJob>, StoreError> {
    Ok(vec![PrintJob::LostFound(month)])
}
