//! 房屋代租 at month end: the entrustments taken, viewings made and leases signed in the
//! month; each new entrustment's 委托代租协议 and each new lease's 房屋出租登记表.

use crate::archive::table::{Cell, Sheet, Workbook};
use crate::domain::Month;
use crate::forms::PrintJob;
use crate::store::{Store, StoreError};

/// The month's entrustments, viewings and leases, one sheet each.
pub fn workbooks(store: &Store, month: Month) -> Result<Vec<Workbook>, StoreError> {
    let mut entrustments = Sheet::new(
        "委托代租",
        &[
            "委托编号",
            "房号",
            "业主",
            "业主电话",
            "期望月租",
            "委托起",
            "委托止",
            "状态",
            "登记人",
            "登记时间",
        ],
    );
    for e in store.entrustments_of_month(month)? {
        entrustments.push(vec![
            Cell::text(e.number),
            Cell::text(e.address.short()),
            Cell::text(e.owner_name),
            Cell::text(e.owner_phone.map(|p| p.masked()).unwrap_or_default()),
            Cell::Money(e.asking_rent),
            Cell::Date(e.period.0),
            Cell::Date(e.period.1),
            Cell::text(e.state.label()),
            Cell::text(e.recorded_by),
            Cell::Time(e.recorded_at),
        ]);
    }
    let mut viewings = Sheet::new(
        "看房记录",
        &[
            "委托编号",
            "房号",
            "看房时间",
            "看房人",
            "电话",
            "陪同人",
            "结果",
            "备注",
        ],
    );
    for v in store.viewings_of_month(month)? {
        viewings.push(vec![
            Cell::text(v.number),
            Cell::text(v.address.short()),
            Cell::Time(v.at),
            Cell::text(v.visitor),
            Cell::text(v.phone.map(|p| p.masked()).unwrap_or_default()),
            Cell::text(v.staff_name),
            Cell::text(v.outcome.label()),
            Cell::text(v.note),
        ]);
    }
    let mut leases = Sheet::new(
        "租约",
        &[
            "委托编号",
            "房号",
            "承租人",
            "身份证号",
            "电话",
            "居住人数",
            "用途",
            "月租金",
            "押金",
            "付款方式",
            "起租",
            "到期",
            "代租服务费",
            "签约时间",
            "经办人",
            "提前结束",
        ],
    );
    for l in store.leases_of_month(month)? {
        leases.push(vec![
            Cell::text(l.number),
            Cell::text(l.address.short()),
            Cell::text(l.tenant),
            Cell::text(l.id_number.masked()),
            Cell::text(l.phone.masked()),
            Cell::Int(l.occupants),
            Cell::text(l.purpose.label()),
            Cell::Money(l.rent),
            Cell::Money(l.deposit),
            Cell::text(l.cycle.label()),
            Cell::Date(l.term.0),
            Cell::Date(l.term.1),
            Cell::Money(l.commission),
            Cell::Time(l.signed_at),
            Cell::text(l.signed_by),
            Cell::date(l.ended_on),
        ]);
    }
    Ok(vec![Workbook {
        name: "房屋代租登记",
        about: "当月委托代租、看房记录与签订的租约（电话、身份证号已遮蔽）",
        sheets: vec![entrustments, viewings, leases],
    }])
}

/// Each entrustment taken in the month that is still its unit's latest (the form prints a
/// unit's current or latest one), its 委托代租协议; likewise each lease's 房屋出租登记表.
pub fn forms(store: &Store, month: Month) -> Result<Vec<PrintJob>, StoreError> {
    let mut jobs: Vec<PrintJob> = store
        .entrustments_of_month(month)?
        .into_iter()
        .filter(|e| e.latest)
        .map(|e| PrintJob::RentalEntrustment(e.address))
        .collect();
    jobs.extend(
        store
            .leases_of_month(month)?
            .into_iter()
            .filter(|l| l.latest)
            .map(|l| PrintJob::TenantRegistration(l.address)),
    );
    Ok(jobs)
}
