//! 客服中心日报表: the day's repairs, 入户维修 and 公共报修 side by side, then the lists.

use super::{Align, Column, FormDoc, FormError, PageSize, Table};
use crate::domain::date::{paper_date, table_datetime};
use crate::domain::repair::report::ReportLine;
use crate::domain::repair::{DayReport, KindCounts, RepairKind};
use crate::domain::settings::Office;

/// A row of the summary: its label and how to read it from the counts.
pub type SummaryRow = (&'static str, fn(&KindCounts) -> String);

/// The rows of the summary.
pub const SUMMARY_ROWS: [SummaryRow; 9] = [
    ("新报修", |c| c.new.to_string()),
    ("完工", |c| c.completed.to_string()),
    ("未完工", |c| c.open.to_string()),
    ("逾期", |c| c.overdue.to_string()),
    ("满意", |c| c.satisfied.to_string()),
    ("基本满意", |c| c.fair.to_string()),
    ("不满意", |c| c.dissatisfied.to_string()),
    ("未评价", |c| c.unrated.to_string()),
    ("满意率", |c| c.satisfaction_rate()),
];

/// What a line of the report's lists says about the order on that day.
pub fn line_note(report: &DayReport, l: &ReportLine) -> String {
    let on_day = |t: Option<chrono::NaiveDateTime>| t.is_some_and(|t| t.date() == report.date);
    let mut notes = Vec::new();
    if on_day(Some(l.order.received_at)) {
        notes.push("新报修".to_string());
    }
    if on_day(l.order.completed_at) {
        notes.push(match l.order.rating {
            Some(r) => format!("完工，{}", r.label()),
            None => "完工，未评价".to_string(),
        });
    }
    if notes.is_empty() && l.order.open_at(report.as_of) {
        notes.push("未完工".to_string());
    }
    if let Some(late) = l.late {
        notes.push(format!("迟到 {late} 分钟"));
    }
    if let Some(o) = l.overdue {
        notes.push(o.label().to_string());
    }
    notes.join("；")
}

/// Lays out the report.
pub fn daily_report(office: &Office, report: &DayReport) -> Result<Vec<u8>, FormError> {
    let mut doc = FormDoc::new("客服中心日报表", PageSize::A4)?;
    doc.title(&format!("{} 客服中心日报表", office.estate))?;
    doc.header_line(&office.company, "", &paper_date(report.date))?;
    doc.text(&format!("统计截至 {}。", table_datetime(report.as_of)), 9.0)?;
    let mut summary = Table::new(vec![
        Column::new("项目", 1.4),
        Column::new("入户维修", 1.0).align(Align::Right),
        Column::new("公共报修", 1.0).align(Align::Right),
    ]);
    for (label, read) in SUMMARY_ROWS {
        summary.push_row([
            label.to_string(),
            read(&report.in_home),
            read(&report.public),
        ]);
    }
    doc.table(&summary)?;
    for kind in [RepairKind::InHome, RepairKind::Public] {
        doc.space(3.0);
        doc.text(kind.label(), 12.0)?;
        let mut table = Table::new(vec![
            Column::new("维修单号", 1.6),
            Column::new("位置", 1.8),
            Column::new("类别", 0.9),
            Column::new("状态", 0.8).align(Align::Center),
            Column::new("当日情况", 2.4),
        ]);
        for l in report.lines.iter().filter(|l| l.order.kind == kind) {
            table.push_row([
                l.order.number.to_string(),
                l.order.place.clone(),
                l.order.category.clone(),
                l.order.state.label().to_string(),
                line_note(report, l),
            ]);
        }
        if table.rows.is_empty() {
            table.push_row(["（无）", "", "", "", ""]);
        }
        doc.table(&table)?;
    }
    doc.space(6.0);
    doc.signature_line(&["填表人", "客服中心主任"])?;
    doc.footer(&office.company)?;
    doc.finish()
}
