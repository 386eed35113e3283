//! 工作联系单: the slip a matter is sent to a department with (number, department, handler,
//! content, requirement, deadline, signature lines for 接收人 and 完成情况), or blank for
//! handwriting. A4 portrait; the customer's phone masked.

use super::{FormDoc, FormError, PageSize};
use crate::domain::date::{paper_date, table_datetime};
use crate::domain::feedback::WorkOrderNumber;
use crate::domain::settings::Office;
use crate::store::FeedbackRecord;

/// Lays out the slip `number` of `record`, or a blank slip when `None`.
pub fn work_order(
    office: &Office,
    slip: Option<(&FeedbackRecord, WorkOrderNumber)>,
) -> Result<Vec<u8>, FormError> {
    let mut doc = FormDoc::new("工作联系单", PageSize::A4)?;
    doc.title(&format!("{} 工作联系单", office.estate))?;
    let found =
        slip.and_then(|(r, n)| r.work_orders.iter().find(|w| w.number == n).map(|w| (r, w)));
    let (number, date) = match found {
        Some((_, w)) => (w.number.to_string(), paper_date(w.issued_at.date())),
        None => ("　".repeat(8), "　　　　年　　月　　日".to_string()),
    };
    doc.header_line(&office.company, &number, &date)?;
    let v = |f: &dyn Fn(&FeedbackRecord, &crate::store::WorkOrder) -> String| {
        found.map(|(r, w)| f(r, w)).unwrap_or_default()
    };
    let fields: Vec<(&str, String)> = vec![
        ("发往部门", v(&|_, w| w.department.clone())),
        ("处理人", v(&|_, w| w.handler_name.clone())),
        ("发单人", v(&|_, w| w.issued_by.clone())),
        ("发单时间", v(&|_, w| table_datetime(w.issued_at))),
        ("回复期限", v(&|_, w| table_datetime(w.due_at))),
        ("反馈编号", v(&|r, _| r.number.to_string())),
        ("反映人", v(&|r, _| r.intake.name.clone())),
        (
            "联系电话",
            v(&|r, _| {
                r.intake
                    .phone
                    .as_ref()
                    .map(|m| m.masked())
                    .unwrap_or_default()
            }),
        ),
        ("房号/位置", v(&|r, _| r.intake.place.describe())),
        (
            "分类",
            v(&|r, _| {
                format!(
                    "{}（{}）",
                    r.intake.category.label(),
                    r.intake.severity.label()
                )
            }),
        ),
    ];
    let pairs: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    doc.key_value_grid(&pairs, 2)?;
    let blank_or = |f: &dyn Fn(&FeedbackRecord, &crate::store::WorkOrder) -> String| match found {
        Some((r, w)) => f(r, w),
        None => "\n\n".to_string(),
    };
    let content = blank_or(&|r, _| r.intake.content.clone());
    let requirement = blank_or(&|r, w| {
        let mut text = w.requirement.clone();
        if r.dispatch.as_ref().is_some_and(|d| d.needs_superior) {
            if !text.is_empty() {
                text.push('；');
            }
            text.push_str("需请示上级，接单后2小时内上报");
        }
        text
    });
    doc.key_value_grid(&[("反映内容", &content), ("处理要求", &requirement)], 1)?;
    doc.space(4.0);
    doc.signature_line(&["接收人签字", "接收时间"])?;
    doc.space(2.0);
    doc.key_value_grid(&[("完成情况", "\n\n\n")], 1)?;
    doc.space(4.0);
    doc.signature_line(&["处理人签字", "完成时间", "客服中心确认"])?;
    doc.text(
        "注：凡没有规定时间要求的，处理人须在24小时内将处理结果回复客服中心；无法处理需请示上级的，须于接到信息后2小时内上报上级领导，并在24小时内反馈处理情况。电话已隐去部分数字。",
        9.0,
    )?;
    doc.footer(&office.company)?;
    doc.finish()
}
