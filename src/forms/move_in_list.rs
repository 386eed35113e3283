//! 业主入住清单: every step of the case done with who and when (or skipped with its reason), the
//! items handed over with their quantities, the documents given, the fees tab's answers, and the
//! signature lines. A4 portrait; no phone or ID number is printed.

use super::{Align, Column, FormDoc, FormError, PageSize, Table};
use crate::domain::date::{paper_date, table_datetime};
use crate::domain::movein::{HANDBOOKS, MoveInStep};
use crate::domain::settings::Office;
use crate::store::MoveInRecord;

/// Lays out the list of `case` as it stands (unfinished steps print as 未办理).
pub fn move_in_list(
    office: &Office,
    case: &MoveInRecord,
    today: chrono::NaiveDate,
) -> Result<Vec<u8>, FormError> {
    let mut doc = FormDoc::new("业主入住清单", PageSize::A4)?;
    doc.title(&format!("{} 业主入住清单", office.estate))?;
    doc.header_line(&office.company, &case.address.short(), &paper_date(today))?;
    let scheduled = case.scheduled_at.map(table_datetime).unwrap_or_default();
    let state = match case.finish {
        Some(f) => format!("{}（{}）", case.state.label(), paper_date(f.moved_in)),
        None => case.state.label().to_string(),
    };
    doc.key_value_grid(
        &[
            ("房号", &case.address.to_string()),
            ("业主", &case.owner_name),
            ("入伙通知书编号", &case.notice_no),
            ("预约时间", &scheduled),
            ("开始办理", &table_datetime(case.opened_at)),
            ("办理状态", &state),
        ],
        2,
    )?;
    doc.space(2.0);

    let mut steps = Table::new(vec![
        Column::new("序号", 0.8).align(Align::Right),
        Column::new("步骤", 4.0),
        Column::new("办理情况", 4.5),
        Column::new("经办人", 1.6),
        Column::new("时间", 2.4),
    ]);
    for step in MoveInStep::ALL {
        let (how, who, when) = match case.done(*step) {
            Some(d) => (
                match &d.skipped {
                    Some(reason) => format!("跳过：{reason}"),
                    None if d.note.is_empty() => "已办理".to_string(),
                    None => d.note.clone(),
                },
                d.by_name.clone(),
                table_datetime(d.at),
            ),
            None => ("未办理".to_string(), String::new(), String::new()),
        };
        steps.push_row([
            step.number().to_string(),
            step.label().to_string(),
            how,
            who,
            when,
        ]);
    }
    doc.table(&steps)?;
    doc.space(2.0);

    doc.text("领取物品", 10.5)?;
    let mut items = Table::new(vec![
        Column::new("物品", 4.0),
        Column::new("数量", 1.2).align(Align::Right),
        Column::new("业主签收", 3.0),
    ]);
    for item in &case.items {
        items.push_row([item.name.clone(), item.qty.to_string(), String::new()]);
    }
    if case.items.is_empty() {
        items.push_row(["未领取", "", ""]);
    }
    doc.table(&items)?;
    doc.space(2.0);

    let handbook = match case.done(MoveInStep::Handbook) {
        Some(d) if d.skipped.is_none() => "已发放",
        Some(_) => "未发放（已跳过）",
        None => "未发放",
    };
    let agreements = match case.agreements {
        Some(a) => format!(
            "前期物业服务协议 {}；业主临时管理规约 {}",
            paper_date(a.service_signed),
            paper_date(a.rules_signed)
        ),
        None => "未签".to_string(),
    };
    let bank = if case.bank_agreement {
        "已签"
    } else {
        "未签"
    };
    let owed = if case.owed.0 > 0 {
        format!("欠费 {}", case.owed)
    } else {
        "已结清".to_string()
    };
    doc.key_value_grid(
        &[
            ("发放资料", &format!("{}：{handbook}", HANDBOOKS.join("、"))),
            ("协议", &agreements),
            ("银行卡代扣协议", bank),
            ("费用", &owed),
        ],
        1,
    )?;
    doc.space(6.0);
    doc.signature_line(&["业主签字", "经办人签字", "客服中心主管"])?;
    doc.footer(&office.company)?;
    doc.finish()
}
