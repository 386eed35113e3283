//! 空置房管理 at month end: the applications taken in the month, every inspection of a vacant
//! unit and of a basement with its readings; each application's 空置房申请表 and each
//! building's filled 空置房检查记录表.

use crate::archive::table::{Cell, Sheet, Workbook};
use crate::domain::Month;
use crate::domain::vacancy::{Inspection, Meter};
use crate::forms::PrintJob;
use crate::store::{Store, StoreError};

/// The columns an inspection fills, after its place.
const WALK_HEADERS: [&str; 9] = [
    "检查日期",
    "检查类型",
    "检查结果",
    "异常项目",
    "处理",
    "水表读数(t)",
    "电表读数(kWh)",
    "气表读数(m³)",
    "备注",
];

fn walk_cells(i: &Inspection) -> Vec<Cell> {
    let reading = |m: Meter| {
        let k = Meter::ALL.iter().position(|x| *x == m).unwrap_or(0);
        Cell::text(i.readings[k].map(|v| m.format(v)).unwrap_or_default())
    };
    vec![
        Cell::Date(i.date),
        Cell::text(i.kind.label()),
        Cell::text(if i.is_abnormal() { "异常" } else { "正常" }),
        Cell::text(i.abnormal_names()),
        Cell::text(i.follow_up.as_ref().map(|f| f.text()).unwrap_or_default()),
        reading(Meter::Water),
        reading(Meter::Power),
        reading(Meter::Gas),
        Cell::text(i.note.clone()),
    ]
}

fn headers(place: &[&'static str], after: &[&'static str]) -> Vec<&'static str> {
    let mut h = place.to_vec();
    h.extend(WALK_HEADERS);
    h.extend(after);
    h
}

/// The month's applications, unit inspections and basement inspections, one sheet each.
pub fn workbooks(store: &Store, month: Month) -> Result<Vec<Workbook>, StoreError> {
    let mut apps = Sheet::new(
        "空置申请",
        &[
            "申请编号",
            "房号",
            "业主",
            "空置起",
            "空置止",
            "原因",
            "管家意见",
            "登记人",
            "登记时间",
            "月末状态",
            "审批人",
            "审批时间",
            "审批意见",
            "提前结束日",
            "关闭水电气",
        ],
    );
    for a in store.vacancy_applications_of_month(month)? {
        let decided = a.decided.as_ref();
        apps.push(vec![
            Cell::text(format!("KZ-{:05}", a.id.0)),
            Cell::text(a.address.short()),
            Cell::text(a.owner_name.clone()),
            Cell::Date(a.from),
            Cell::Date(a.to),
            Cell::text(a.reason.clone()),
            Cell::text(a.officer_opinion.clone()),
            Cell::text(a.officer_name.clone()),
            Cell::Time(a.recorded_at),
            Cell::text(a.state(month.last_day()).label()),
            Cell::text(decided.map(|d| d.0.clone()).unwrap_or_default()),
            Cell::time(decided.map(|d| d.1)),
            Cell::text(a.decision_note.clone()),
            Cell::date(a.ended_on),
            Cell::time(a.shut_off.as_ref().map(|s| s.1)),
        ]);
    }
    let mut units = Sheet::new(
        "空置房检查",
        &headers(&["房号"], &["检查人", "录入人", "录入时间", "维修单号"]),
    );
    for r in store.vacancy_inspections_of_month(month)? {
        let mut row = vec![Cell::text(r.address.short())];
        row.extend(walk_cells(&r.inspection));
        row.extend([
            Cell::text(r.inspector_name),
            Cell::text(r.recorded_by_name),
            Cell::Time(r.recorded_at),
            Cell::text(r.repair.map(|l| l.number).unwrap_or_default()),
        ]);
        units.push(row);
    }
    let mut basements = Sheet::new(
        "地下室检查",
        &headers(&["楼栋", "地下室"], &["检查人", "维修单号"]),
    );
    for b in store.basement_walks_of_month(month)? {
        let mut row = vec![Cell::Int(i64::from(b.building)), Cell::text(b.name)];
        row.extend(walk_cells(&b.inspection));
        row.extend([
            Cell::text(b.inspector_name),
            Cell::text(b.repair.unwrap_or_default()),
        ]);
        basements.push(row);
    }
    Ok(vec![Workbook {
        name: "空置房登记",
        about: "当月空置申请、空置房检查与地下室检查（含水电气读数）",
        sheets: vec![apps, units, basements],
    }])
}

/// Each application's 空置房申请表, then each building's filled 空置房检查记录表 (every building
/// with vacant units or basements to walk that month).
pub fn forms(store: &Store, month: Month) -> Result<Vec<PrintJob>, StoreError> {
    let mut jobs: Vec<PrintJob> = store
        .vacancy_applications_of_month(month)?
        .into_iter()
        .map(|a| PrintJob::VacancyApplication(a.id))
        .collect();
    jobs.extend(
        store
            .vacancy_coverage(month)?
            .into_iter()
            .filter(|c| c.vacant > 0)
            .map(|c| PrintJob::VacancySheet {
                building: c.building,
                month,
                blank: false,
            }),
    );
    Ok(jobs)
}
