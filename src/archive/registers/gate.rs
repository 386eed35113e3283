//! 物品放行 at month end: every pass numbered in the month with what it carried, each 放行条,
//! and the month's 物品出入登记表.

use crate::archive::table::{Cell, Sheet, Workbook};
use crate::domain::Month;
use crate::forms::PrintJob;
use crate::store::{Store, StoreError};

/// The month's passes and their items, one sheet each.
pub fn workbooks(store: &Store, month: Month) -> Result<Vec<Workbook>, StoreError> {
    let mut passes = Sheet::new(
        "放行条",
        &[
            "放行条编号",
            "申请人类别",
            "房号",
            "申请人",
            "电话",
            "业主授权",
            "外运证明",
            "物品",
            "事由",
            "事由说明",
            "车牌",
            "司机",
            "司机证件",
            "计划日期",
            "状态",
            "费用确认",
            "审批人",
            "审批时间",
            "放行人",
            "放行时间",
            "作废时间",
            "登记人",
            "登记时间",
        ],
    );
    let mut items = Sheet::new("物品明细", &["放行条编号", "物品名称", "数量", "备注"]);
    for p in store.passes_of_month(month)? {
        let pass = &p.pass;
        let vehicle = pass.vehicle.as_ref();
        let certificate = if pass.certificate.trim().is_empty() {
            String::new()
        } else {
            format!(
                "{} {}",
                pass.certificate_issuer.trim(),
                pass.certificate.trim()
            )
        };
        let carried = pass
            .items
            .iter()
            .map(|i| format!("{}×{}", i.name, i.quantity))
            .collect::<Vec<_>>()
            .join("、");
        passes.push(vec![
            Cell::text(p.number.to_string()),
            Cell::text(pass.kind.label()),
            Cell::text(pass.unit.map(|a| a.short()).unwrap_or_default()),
            Cell::text(pass.applicant.clone()),
            Cell::text(pass.phone.masked()),
            Cell::text(pass.authorisation.clone()),
            Cell::text(certificate),
            Cell::text(carried),
            Cell::text(pass.reason.label()),
            Cell::text(pass.reason_note.clone()),
            Cell::text(vehicle.map(|v| v.plate.to_string()).unwrap_or_default()),
            Cell::text(vehicle.map(|v| v.driver.clone()).unwrap_or_default()),
            Cell::text(vehicle.map(|v| v.driver_doc.masked()).unwrap_or_default()),
            Cell::Date(pass.planned),
            Cell::text(p.status.label()),
            Cell::text(
                p.fees
                    .as_ref()
                    .map(|f| f.by_name.clone())
                    .unwrap_or_default(),
            ),
            Cell::text(
                p.approved
                    .as_ref()
                    .map(|s| s.name.clone())
                    .unwrap_or_default(),
            ),
            Cell::time(p.approved.as_ref().map(|s| s.at)),
            Cell::text(
                p.released
                    .as_ref()
                    .map(|s| s.name.clone())
                    .unwrap_or_default(),
            ),
            Cell::time(p.released.as_ref().map(|s| s.at)),
            Cell::time(p.voided.as_ref().map(|s| s.at)),
            Cell::text(p.recorded.name.clone()),
            Cell::Time(p.recorded.at),
        ]);
        for i in &pass.items {
            items.push(vec![
                Cell::text(p.number.to_string()),
                Cell::text(i.name.clone()),
                Cell::Int(i64::from(i.quantity)),
                Cell::text(i.note.clone()),
            ]);
        }
    }
    Ok(vec![Workbook {
        name: "物品放行登记",
        about: "当月编号的放行条及所带物品（电话、司机证件已遮蔽）",
        sheets: vec![passes, items],
    }])
}

/// Each pass's 放行条 in number order (voided ones too: the number was used), then the
/// month's 物品出入登记表.
pub fn forms(store: &Store, month: Month) -> Result<Vec<PrintJob>, StoreError> {
    let mut jobs: Vec<PrintJob> = store
        .passes_of_month(month)?
        .into_iter()
        .map(|p| PrintJob::ReleasePass(p.number))
        .collect();
    jobs.push(PrintJob::ReleaseRegister(month));
    Ok(jobs)
}
