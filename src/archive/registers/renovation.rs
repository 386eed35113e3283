//! 装修管理 at month end: the applications taken, the patrols walked (with the 整改通知 they
//! issued and their rechecks) and the acceptances made in the month; each 装修申请表, each
//! 装修许可证 and its 装修工人出入证, each 整改通知书, each 退款凭证 and the month's
//! 装修巡查记录表.

use crate::archive::table::{Cell, Sheet, Workbook};
use crate::domain::Month;
use crate::domain::renovation::RenovationNumber;
use crate::forms::PrintJob;
use crate::store::{Store, StoreError};

/// The month's applications, patrols, rectification notices and acceptances, one sheet each.
pub fn workbooks(store: &Store, month: Month) -> Result<Vec<Workbook>, StoreError> {
    let mut apps = Sheet::new(
        "装修申请",
        &[
            "装修编号",
            "房号",
            "业主",
            "业主电话",
            "装修公司",
            "负责人",
            "负责人电话",
            "计划开工",
            "计划完工",
            "装修项目",
            "当前阶段",
            "许可证发放",
            "完工日期",
            "申请时间",
            "受理人",
        ],
    );
    for r in store.renovations_of_month(month)? {
        let kinds = r
            .kinds
            .iter()
            .map(|k| k.label())
            .collect::<Vec<_>>()
            .join("、");
        apps.push(vec![
            Cell::text(r.number.to_string()),
            Cell::text(r.address.short()),
            Cell::text(r.owner_name),
            Cell::text(r.owner_phone.map(|p| p.masked()).unwrap_or_default()),
            Cell::text(r.company),
            Cell::text(r.person_in_charge),
            Cell::text(r.contractor_phone.map(|p| p.masked()).unwrap_or_default()),
            Cell::Date(r.planned_start),
            Cell::Date(r.planned_end),
            Cell::text(kinds),
            Cell::text(r.stage.label()),
            Cell::time(r.permit_at),
            Cell::date(r.finished_on),
            Cell::Time(r.applied_at),
            Cell::text(r.applied_by),
        ]);
    }
    let mut patrols = Sheet::new(
        "巡查记录",
        &[
            "装修编号",
            "房号",
            "巡查时间",
            "巡查人",
            "施工阶段",
            "巡查情况",
            "整改通知",
        ],
    );
    let mut notices = Sheet::new(
        "整改通知",
        &[
            "装修编号",
            "房号",
            "通知序号",
            "违规事项",
            "发出时间",
            "复查日期",
            "复查时间",
            "复查结果",
            "复查说明",
            "复查人",
        ],
    );
    for p in store.patrols_in_month(month)? {
        let r = &p.patrol;
        patrols.push(vec![
            Cell::text(p.number.to_string()),
            Cell::text(p.address.short()),
            Cell::Time(r.at),
            Cell::text(r.by_name.clone()),
            Cell::text(r.phase.label()),
            Cell::text(r.findings.clone()),
            Cell::text(
                r.notice
                    .as_ref()
                    .map(|n| format!("第{}号 {}", n.seq, n.violation.label()))
                    .unwrap_or_default(),
            ),
        ]);
        if let Some(n) = &r.notice {
            let re = n.rechecked.as_ref();
            notices.push(vec![
                Cell::text(p.number.to_string()),
                Cell::text(p.address.short()),
                Cell::Int(i64::from(n.seq)),
                Cell::text(n.violation.label()),
                Cell::Time(r.at),
                Cell::Date(n.recheck_on),
                Cell::time(re.map(|c| c.0)),
                Cell::text(
                    re.map(|c| if c.2 { "合格" } else { "不合格" })
                        .unwrap_or_default(),
                ),
                Cell::text(re.map(|c| c.3.clone()).unwrap_or_default()),
                Cell::text(re.map(|c| c.1.clone()).unwrap_or_default()),
            ]);
        }
    }
    let mut acceptances = Sheet::new(
        "验收",
        &[
            "装修编号",
            "房号",
            "验收",
            "结果",
            "验收意见",
            "验收时间",
            "验收人",
        ],
    );
    for a in store.acceptances_of_month(month)? {
        acceptances.push(vec![
            Cell::text(a.number.to_string()),
            Cell::text(a.address.short()),
            Cell::text(a.round.label()),
            Cell::text(if a.passed { "合格" } else { "不合格" }),
            Cell::text(a.findings),
            Cell::Time(a.at),
            Cell::text(a.by_name),
        ]);
    }
    Ok(vec![Workbook {
        name: "装修登记",
        about: "当月装修申请、巡查记录、整改通知及复查、竣工验收（电话已遮蔽；押金退款见收费登记）",
        sheets: vec![apps, patrols, notices, acceptances],
    }])
}

/// Each application's 装修申请表; each permit issued with its workers' passes; each 整改通知书
/// issued; each deposit's 退款凭证; and the month's 装修巡查记录表.
pub fn forms(store: &Store, month: Month) -> Result<Vec<PrintJob>, StoreError> {
    let mut jobs: Vec<PrintJob> = store
        .renovations_of_month(month)?
        .into_iter()
        .map(|r| PrintJob::RenovationApplication(Some(r.number)))
        .collect();
    for n in store.permits_of_month(month)? {
        jobs.push(PrintJob::RenovationPermit(n));
        jobs.push(PrintJob::WorkerPasses(n));
    }
    for p in store.patrols_in_month(month)? {
        if let Some(n) = &p.patrol.notice {
            jobs.push(PrintJob::Rectification(p.number, n.seq));
        }
    }
    // A deposit refund names its renovation in its source; other refunds have no voucher here.
    jobs.extend(
        store
            .refunds_of_month(month)?
            .into_iter()
            .filter_map(|r| RenovationNumber::parse(&r.source_ref))
            .map(PrintJob::DepositRefund),
    );
    jobs.push(PrintJob::PatrolLog(month));
    Ok(jobs)
}
