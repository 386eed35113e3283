//! 空置房检查记录表: one row per vacant unit of a building for a month, with the checklist and the
//! readings; blank for the walk with a clipboard (units listed, the rest to be written in), or
//! filled from the records. A4 landscape: sixteen columns do not fit upright.

use chrono::NaiveDate;

use super::{Align, Column, FormDoc, FormError, PageSize, Table};
use crate::domain::Month;
use crate::domain::date::{paper_date, table_date};
use crate::domain::settings::Office;
use crate::domain::vacancy::{CHECKLIST, Meter, Verdict};
use crate::store::{BasementMonth, VacantUnit};

/// Rows left for units found vacant on the walk but not yet in the list.
const SPARE_ROWS: usize = 3;

/// The 类别 of a basement's row.
const BASEMENT: &str = "地下室";

/// Lays out the sheet for `building` and `month`; `blank` leaves checks and readings empty.
/// The building's basements follow its units, as rows of 类别 地下室 (inspected the same way).
pub fn vacancy_sheet(
    office: &Office,
    building: u32,
    month: Month,
    units: &[VacantUnit],
    basements: &[BasementMonth],
    blank: bool,
    printed: NaiveDate,
) -> Result<Vec<u8>, FormError> {
    let mut doc = FormDoc::new("空置房检查记录表", PageSize::A4Landscape)?;
    doc.title(&format!("{} 空置房检查记录表", office.estate))?;
    doc.header_line(
        &office.company,
        &format!("{building}号楼 {}", month.paper()),
        &paper_date(printed),
    )?;
    let mut columns = vec![
        Column::new("序号", 0.9).align(Align::Center),
        Column::new("房号", 2.0),
        Column::new("类别", 2.2),
        Column::new("检查日期", 1.9).align(Align::Center),
    ];
    columns.extend(
        CHECKLIST
            .iter()
            .map(|c| Column::new(*c, 1.15).align(Align::Center)),
    );
    columns.extend([
        Column::new("水表(t)", 1.9).align(Align::Right),
        Column::new("电表(kWh)", 1.9).align(Align::Right),
        Column::new("气表(m³)", 1.7).align(Align::Right),
        Column::new("结果", 1.6).align(Align::Center),
        Column::new("处理意见", 3.2),
        Column::new("检查人", 1.4).align(Align::Center),
    ]);
    let width = columns.len();
    let mut table = Table::new(columns);
    table.size_pt = 9.0;
    for (i, v) in units.iter().enumerate() {
        let mut row = vec![
            (i + 1).to_string(),
            v.unit.unit.address.short(),
            v.kind.label().to_string(),
        ];
        match (&v.inspected, blank) {
            (Some(rec), false) => {
                let ins = &rec.inspection;
                row.push(table_date(ins.date));
                row.extend(
                    ins.abnormal_items
                        .iter()
                        .map(|a| if *a { "×" } else { "√" }.to_string()),
                );
                for (m, r) in Meter::ALL.iter().zip(ins.readings) {
                    row.push(r.map(|r| m.format(r)).unwrap_or_else(|| "未抄".into()));
                }
                let result = match (&v.verdict, ins.is_abnormal()) {
                    (Verdict::Occupied(_), _) => "视为入住",
                    (_, true) => "异常",
                    _ => "正常",
                };
                row.push(result.to_string());
                let mut follow = ins
                    .follow_up
                    .as_ref()
                    .map(|f| f.text().to_string())
                    .unwrap_or_default();
                if let Some(r) = &rec.repair {
                    follow = format!("{follow}（已报修 {}）", r.number);
                }
                if let Verdict::Occupied(why) = &v.verdict {
                    follow = [follow, why.join("，")]
                        .iter()
                        .filter(|s| !s.is_empty())
                        .cloned()
                        .collect::<Vec<_>>()
                        .join("；");
                }
                row.push(follow);
                row.push(rec.inspector_name.clone());
            }
            (None, false) => {
                row.push("未检查".into());
                row.extend(std::iter::repeat_n(String::new(), width - 4));
            }
            (_, true) => {
                // Two lines of room for handwriting.
                row.push("\n".into());
                row.extend(std::iter::repeat_n(String::new(), width - 4));
            }
        }
        table.push_row(row);
    }
    for (i, b) in basements.iter().enumerate() {
        let mut row = vec![
            (units.len() + i + 1).to_string(),
            b.basement.basement.name.clone(),
            BASEMENT.to_string(),
        ];
        match (&b.inspected, blank) {
            (Some(rec), false) => {
                let ins = &rec.inspection;
                row.push(table_date(ins.date));
                row.extend(
                    ins.abnormal_items
                        .iter()
                        .map(|a| if *a { "×" } else { "√" }.to_string()),
                );
                // Most basements have no meters: an empty reading is left blank, not 未抄.
                for (m, r) in Meter::ALL.iter().zip(ins.readings) {
                    row.push(r.map(|r| m.format(r)).unwrap_or_default());
                }
                row.push(
                    if ins.is_abnormal() {
                        "异常"
                    } else {
                        "正常"
                    }
                    .to_string(),
                );
                row.push(
                    ins.follow_up
                        .as_ref()
                        .map(|f| f.text().to_string())
                        .unwrap_or_default(),
                );
                row.push(rec.inspector_name.clone());
            }
            (None, false) => {
                row.push("未检查".into());
                row.extend(std::iter::repeat_n(String::new(), width - 4));
            }
            (_, true) => {
                row.push("\n".into());
                row.extend(std::iter::repeat_n(String::new(), width - 4));
            }
        }
        table.push_row(row);
    }
    if blank || (units.is_empty() && basements.is_empty()) {
        for _ in 0..SPARE_ROWS {
            let mut row = vec![String::new(); width];
            row[3] = "\n".into();
            table.push_row(row);
        }
    }
    doc.table(&table)?;
    let inspected = units.iter().filter(|v| v.inspected.is_some()).count();
    let basements_done = basements.iter().filter(|b| b.inspected.is_some()).count();
    let places = if basements.is_empty() {
        String::new()
    } else {
        format!("、地下室 {} 处", basements.len())
    };
    let summary = if blank {
        format!(
            "本表列出 {} 套空置房{places}。检查项目正常打“√”，异常打“×”并在处理意见中写明；水电气表读数抄至表盘所示小数位。\
             本月用水超过1吨或用电超过5度的，视为入住。",
            units.len()
        )
    } else {
        let done = if basements.is_empty() {
            String::new()
        } else {
            format!(
                "；地下室 {} 处，已检查 {basements_done} 处",
                basements.len()
            )
        };
        format!(
            "空置房 {} 套，本月已检查 {inspected} 套，检查率 {}%{done}。",
            units.len(),
            (inspected * 100).checked_div(units.len()).unwrap_or(100)
        )
    };
    doc.text(&summary, 9.0)?;
    doc.space(4.0);
    doc.signature_line(&["检查人签字", "日期", "主管抽查意见", "主管签字"])?;
    doc.footer(&office.company)?;
    doc.finish()
}
