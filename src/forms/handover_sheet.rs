//! 房屋验收交接表: the handover inspection's checklist (合格 / 不合格 with the problem), the meter
//! readings, the defects with the repair orders they became, and the signature lines of the
//! owner and the staff; filled from a case, or blank (the 设置 areas) for handwriting.
//! A4 portrait; no phone or ID number is printed.

use super::{Column, FormDoc, FormError, PageSize, Table};
use crate::domain::date::{paper_date, table_datetime};
use crate::domain::movein::Inspection;
use crate::domain::settings::Office;
use crate::store::{HandoverInspection, MoveInRecord};

fn reading(v: Option<i64>) -> String {
    v.map(|v| v.to_string()).unwrap_or_default()
}

/// One inspection's part of the sheet: its checklist and its readings (blank when not done).
fn round(
    doc: &mut FormDoc,
    n: u8,
    done: Option<&Inspection>,
    areas: &[String],
) -> Result<(), FormError> {
    let head = match done {
        Some(i) => format!(
            "接房验收{n}　验收时间：{}　验收人：{}",
            table_datetime(i.at),
            i.by_name
        ),
        None => format!("接房验收{n}　验收时间：　　　　　　　验收人："),
    };
    doc.text(&head, 10.5)?;
    let mut table = Table::new(vec![
        Column::new("验收部位", 3.0),
        Column::new("合格", 1.2),
        Column::new("不合格", 1.2),
        Column::new("问题说明 / 备注", 8.0),
    ]);
    match done {
        Some(i) => {
            for item in &i.items {
                let (ok, bad) = if item.ok {
                    ("合格", "")
                } else {
                    ("", "不合格")
                };
                table.push_row([item.area.as_str(), ok, bad, item.note.as_str()]);
            }
        }
        None => {
            for area in areas {
                table.push_row([area.as_str(), "", "", ""]);
            }
        }
    }
    doc.table(&table)?;
    let r = done.map(|i| i.readings).unwrap_or_default();
    doc.key_value_grid(
        &[
            ("水表读数", &reading(r.water)),
            ("电表读数", &reading(r.electricity)),
            ("燃气表读数", &reading(r.gas)),
        ],
        3,
    )?;
    doc.space(2.0);
    Ok(())
}

/// Lays out the sheet of `case`, or a blank sheet listing `areas` when `None`.
pub fn handover_sheet(
    office: &Office,
    case: Option<&MoveInRecord>,
    areas: &[String],
    today: chrono::NaiveDate,
) -> Result<Vec<u8>, FormError> {
    let mut doc = FormDoc::new("房屋验收交接表", PageSize::A4)?;
    doc.title(&format!("{} 房屋验收交接表", office.estate))?;
    let (key, date) = match case {
        Some(c) => (c.address.short(), paper_date(today)),
        None => ("　".repeat(8), "　　　　年　　月　　日".to_string()),
    };
    doc.header_line(&office.company, &key, &date)?;
    let v = |f: &dyn Fn(&MoveInRecord) -> String| case.map(f).unwrap_or_default();
    let fields = [
        ("房号", v(&|c| c.address.to_string())),
        ("业主", v(&|c| c.owner_name.clone())),
        ("入伙通知书编号", v(&|c| c.notice_no.clone())),
        (
            "交房日期",
            v(&|c| c.finish.map(|f| paper_date(f.moved_in)).unwrap_or_default()),
        ),
    ];
    let pairs: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    doc.key_value_grid(&pairs, 2)?;
    doc.space(2.0);
    let done = |n: u8| -> Option<&HandoverInspection> { case.and_then(|c| c.inspection(n)) };
    // The second round lists the areas the first one checked, so both halves line up.
    let first_areas: Vec<String> = match done(1) {
        Some(i) => i.inspection.items.iter().map(|x| x.area.clone()).collect(),
        None => areas.to_vec(),
    };
    round(&mut doc, 1, done(1).map(|i| &i.inspection), &first_areas)?;
    round(&mut doc, 2, done(2).map(|i| &i.inspection), &first_areas)?;

    doc.text("验收发现的问题及处理", 10.5)?;
    let mut defects = Table::new(vec![
        Column::new("验收", 1.2),
        Column::new("部位", 2.0),
        Column::new("问题", 5.0),
        Column::new("处理情况", 5.0),
    ]);
    let list: Vec<_> = case.map(|c| c.defects()).unwrap_or_default();
    for d in &list {
        defects.push_row([
            format!("第{}次", d.round),
            d.area.clone(),
            d.note.clone(),
            d.status_text(),
        ]);
    }
    if list.is_empty() {
        let none = if case.is_some() { "无" } else { "" };
        for _ in 0..if case.is_some() { 1 } else { 3 } {
            defects.push_row([none, "", "", ""]);
        }
    }
    doc.table(&defects)?;
    doc.space(2.0);
    doc.text(
        "接房验收1发现的问题转报修处理，修好或业主确认接受现状后进行接房验收2。业主签字即确认以上验收结果及表读数。",
        9.0,
    )?;
    doc.space(6.0);
    doc.signature_line(&["业主签字", "日期"])?;
    doc.space(2.0);
    doc.signature_line(&["工作人员签字", "日期"])?;
    doc.footer(&office.company)?;
    doc.finish()
}
