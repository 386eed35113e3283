//! The month's 业主投诉及建议记录表 and 信息反馈记录表, landscape A4, with the columns the
//! office keeps: 编号, 日期, 反映人, 内容, 部门, 处理人, 期限, 回复时间, 处理结果, 满意度, 签字.

use super::{Column, FormDoc, FormError, PageSize, Table};
use crate::domain::Month;
use crate::domain::feedback::DueKind;
use crate::domain::settings::{Deadlines, Office};
use crate::store::FeedbackRecord;

/// `11-29 09:30`: the year and month are in the header.
fn short(t: chrono::NaiveDateTime) -> String {
    t.format("%m-%d %H:%M").to_string()
}

/// 业主投诉及建议记录表 of a month: the 投诉 and 建议 received in it.
pub fn complaint_register(
    office: &Office,
    month: Month,
    records: &[FeedbackRecord],
    d: &Deadlines,
) -> Result<Vec<u8>, FormError> {
    register(
        office,
        "业主投诉及建议记录表",
        "本月无投诉及建议",
        month,
        records,
        d,
    )
}

/// 信息反馈记录表 of a month: what staff passed on.
pub fn feedback_log(
    office: &Office,
    month: Month,
    records: &[FeedbackRecord],
    d: &Deadlines,
) -> Result<Vec<u8>, FormError> {
    register(
        office,
        "信息反馈记录表",
        "本月无信息反馈",
        month,
        records,
        d,
    )
}

fn register(
    office: &Office,
    title: &str,
    none: &str,
    month: Month,
    records: &[FeedbackRecord],
    d: &Deadlines,
) -> Result<Vec<u8>, FormError> {
    // Widths in millimetres of the 267 mm between the margins at 8.5 pt: a number and a
    // `11-29 09:30` time each on one line, the content and the result given the room.
    let mut doc = FormDoc::new(title, PageSize::A4Landscape)?;
    doc.title(&format!("{} {title}", office.estate))?;
    doc.header_line(&office.company, "", &month.paper())?;
    let mut table = Table::new(vec![
        Column::new("编号", 28.0),
        Column::new("日期", 20.0),
        Column::new("反映人", 20.0),
        Column::new("内容", 45.0),
        Column::new("部门", 22.0),
        Column::new("处理人", 15.0),
        Column::new("期限", 20.0),
        Column::new("回复时间", 20.0),
        Column::new("处理结果", 40.0),
        Column::new("满意度", 16.0),
        Column::new("签字", 21.0),
    ]);
    table.size_pt = 8.5;
    let mut late = 0;
    for r in records {
        let dues = r.dues(d);
        let answer = dues.iter().find(|due| due.kind == DueKind::CustomerAnswer);
        if answer.is_some_and(|due| due.met_late()) {
            late += 1;
        }
        let place = r.intake.place.short();
        let content = if place.is_empty() {
            r.intake.content.clone()
        } else {
            format!("{place}：{}", r.intake.content)
        };
        let who = match r.intake.severity {
            crate::domain::feedback::Severity::Major => format!("{}（重大）", r.intake.name),
            _ => r.intake.name.clone(),
        };
        let result = if r.result.is_empty() {
            r.state.label().to_string()
        } else {
            r.result.clone()
        };
        table.push_row([
            r.number.to_string(),
            short(r.intake.received_at),
            who,
            content,
            r.dispatch
                .as_ref()
                .map(|x| x.department.clone())
                .unwrap_or_default(),
            r.dispatch
                .as_ref()
                .map(|x| x.handler_name.clone())
                .unwrap_or_default(),
            answer.map(|due| short(due.due_at)).unwrap_or_default(),
            r.answered_at.map(short).unwrap_or_default(),
            result,
            r.rating.map(|x| x.label().to_string()).unwrap_or_default(),
            String::new(),
        ]);
    }
    if records.is_empty() {
        table.push_row(
            std::iter::once(none.to_string()).chain(std::iter::repeat_n(String::new(), 10)),
        );
    }
    doc.table(&table)?;
    doc.space(2.0);
    let open = records.iter().filter(|r| r.state.is_open()).count();
    doc.text(
        &format!(
            "共 {} 条，未关闭 {open} 条，超时答复 {late} 条。一般问题24小时内、重大问题48小时内答复客户，重大问题上报上级领导。",
            records.len()
        ),
        9.0,
    )?;
    doc.space(6.0);
    doc.signature_line(&["填表人", "客服中心主管"])?;
    doc.footer(&office.company)?;
    doc.finish()
}
