//! 报修管理 at month end: every order received in the month (维修登记), its materials and its
//! state changes, and each order's 维修单.

use std::collections::HashMap;

use crate::archive::table::{Cell, Sheet, Workbook};
use crate::domain::repair::{OrderNumber, Place, RepairOrder};
use crate::domain::{Fen, Month};
use crate::forms::PrintJob;
use crate::store::{Store, StoreError};

/// Where the order is, as the list shows it: `3-2-1502` or the public location.
fn place(o: &RepairOrder) -> String {
    match &o.intake.place {
        Place::Unit { address, .. } => address.short(),
        Place::Public { location, .. } => location.clone(),
    }
}

/// The month's orders, materials and state changes, one sheet each.
pub fn workbooks(store: &Store, month: Month) -> Result<Vec<Workbook>, StoreError> {
    let mut orders = Sheet::new(
        "维修单",
        &[
            "维修单号",
            "类型",
            "位置",
            "报修人",
            "电话",
            "来源",
            "类别",
            "报修内容",
            "预约时间",
            "有偿",
            "报价",
            "状态",
            "维修人员",
            "受理时间",
            "受理人",
            "派单时间",
            "到场时间",
            "完工时间",
            "维修情况",
            "人工费",
            "合计",
            "付款方式",
            "满意度",
            "回访时间",
            "回访人",
            "回访记录",
            "关闭时间",
            "取消时间",
            "取消原因",
        ],
    );
    let lines = store.repair_materials_of_month(month)?;
    // 合计 = materials + labour, as on the 维修单; `None` (left empty) only on overflow.
    let mut sums: HashMap<OrderNumber, Option<Fen>> = HashMap::new();
    for m in &lines {
        let sum = sums.entry(m.number).or_insert(Some(Fen(0)));
        *sum = sum.and_then(|s| s.checked_add(m.material.total()?));
    }
    for o in store.repairs_of_month(month)? {
        let i = &o.intake;
        orders.push(vec![
            Cell::text(o.number.to_string()),
            Cell::text(i.place.kind().label()),
            Cell::text(place(&o)),
            Cell::text(i.reporter.clone()),
            Cell::text(i.phone.as_ref().map(|p| p.masked()).unwrap_or_default()),
            Cell::text(i.channel.label()),
            Cell::text(i.category.clone()),
            Cell::text(i.description.clone()),
            Cell::Time(i.appointment),
            Cell::yes_no(i.chargeable),
            Cell::money(i.chargeable.then_some(i.quote_amount)),
            Cell::text(o.state.label()),
            Cell::text(
                o.technician
                    .as_ref()
                    .map(|t| t.1.clone())
                    .unwrap_or_default(),
            ),
            Cell::Time(o.received_at),
            Cell::text(o.received_by.clone()),
            Cell::time(o.dispatched_at),
            Cell::time(o.arrived_at),
            Cell::time(o.completed_at),
            Cell::text(o.work_done.clone()),
            Cell::Money(o.charges.labour),
            Cell::money(
                sums.get(&o.number)
                    .copied()
                    .unwrap_or(Some(Fen(0)))
                    .and_then(|m| m.checked_add(o.charges.labour)),
            ),
            Cell::text(o.charges.payment.map(|p| p.label()).unwrap_or_default()),
            Cell::text(
                o.confirmation
                    .as_ref()
                    .map(|c| c.rating.label())
                    .unwrap_or_default(),
            ),
            Cell::time(o.callback_at),
            Cell::text(o.callback_by.clone()),
            Cell::text(
                o.callback
                    .as_ref()
                    .map(|c| c.note.clone())
                    .unwrap_or_default(),
            ),
            Cell::time(o.closed_at),
            Cell::time(o.cancelled_at),
            Cell::text(o.cancel_reason.clone()),
        ]);
    }
    let mut materials = Sheet::new(
        "材料",
        &[
            "维修单号",
            "材料名称",
            "规格",
            "型号",
            "数量",
            "单位",
            "单价",
            "金额",
        ],
    );
    for m in lines {
        let l = &m.material;
        materials.push(vec![
            Cell::text(m.number.to_string()),
            Cell::text(l.name.clone()),
            Cell::text(l.spec.clone()),
            Cell::text(l.model.clone()),
            Cell::text(l.qty.to_string()),
            Cell::text(l.unit.clone()),
            Cell::Money(l.price),
            Cell::money(l.total()),
        ]);
    }
    let mut events = Sheet::new("处理记录", &["维修单号", "状态", "时间", "操作人", "说明"]);
    for e in store.repair_events_of_month(month)? {
        events.push(vec![
            Cell::text(e.number.to_string()),
            Cell::text(e.event.state.label()),
            Cell::Time(e.event.at),
            Cell::text(e.event.by_name),
            Cell::text(e.event.note),
        ]);
    }
    Ok(vec![Workbook {
        name: "报修登记",
        about: "当月受理的维修单、所用材料与处理记录（电话已遮蔽）",
        sheets: vec![orders, materials, events],
    }])
}

/// Each order's 维修单, in the order received.
pub fn forms(store: &Store, month: Month) -> Result<Vec<PrintJob>, StoreError> {
    Ok(store
        .repairs_of_month(month)?
        .into_iter()
        .map(|o| PrintJob::RepairSlip(Some(o.number)))
        .collect())
}
