//! 业主信息卡: a unit's owner card, ID numbers and phones masked.

use chrono::NaiveDate;

use super::{Align, Column, FormDoc, FormError, PageSize, Table};
use crate::domain::date::{paper_date, table_date};
use crate::domain::settings::Office;
use crate::store::{PersonRecord, UnitRecord};

/// Lays out the owner card of `unit` with its `people`, dated `date`.
pub fn owner_card(
    office: &Office,
    unit: &UnitRecord,
    people: &[PersonRecord],
    date: NaiveDate,
) -> Result<Vec<u8>, FormError> {
    let u = &unit.unit;
    let mut doc = FormDoc::new("业主信息卡", PageSize::A4)?;
    doc.title(&format!("{} 业主信息卡", office.estate))?;
    doc.header_line(&office.company, &u.address.short(), &paper_date(date))?;
    let area = u.area.with_unit();
    let floor = format!("{}层", u.address.floor());
    doc.key_value_grid(
        &[
            ("房屋", &u.address.to_string()),
            ("建筑面积", &area),
            ("房屋状态", u.status.label()),
            ("楼层", &floor),
            ("备注", &u.note),
        ],
        2,
    )?;
    doc.space(4.0);
    doc.text("业主与住户", 12.0)?;
    let mut table = Table::new(vec![
        Column::new("姓名", 1.2),
        Column::new("关系", 0.8).align(Align::Center),
        Column::new("联系电话", 1.6),
        Column::new("身份证号", 2.4),
        Column::new("入住日期", 1.4),
        Column::new("紧急联系人", 2.0),
        Column::new("备注", 1.6),
    ]);
    for p in people {
        let p = &p.person;
        let emergency = match (&p.emergency_contact, &p.emergency_phone) {
            (name, Some(m)) => format!("{name} {}", m.masked()).trim().to_string(),
            (name, None) => name.clone(),
        };
        table.push_row([
            p.name.clone(),
            p.relation.label().to_string(),
            p.phone.as_ref().map(|m| m.masked()).unwrap_or_default(),
            p.id_number.as_ref().map(|i| i.masked()).unwrap_or_default(),
            p.move_in.map(table_date).unwrap_or_default(),
            emergency,
            p.note.clone(),
        ]);
    }
    if people.is_empty() {
        table.push_row(["（未登记）", "", "", "", "", "", ""].map(String::from));
    }
    doc.table(&table)?;
    doc.space(2.0);
    doc.text(
        "注：身份证号、电话已按个人信息保护要求隐去部分数字。信息有变化请及时告知客服中心。",
        9.0,
    )?;
    doc.space(10.0);
    doc.signature_line(&["业主签字", "经办人", "日期"])?;
    let contact = [office.phone.as_str(), office.address.as_str()]
        .iter()
        .filter(|s| !s.trim().is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join("　");
    doc.footer(format!("{}　{}", office.company, contact).trim())?;
    doc.finish()
}
