//! 物品拾遗's two papers: the month's 失物招领登记表 (every item found in the month and its
//! fate, with the claimant's signature column), and the 招领启事 posted at the entrance, which
//! names each unclaimed item by its kind, place and day only — what the owner must prove stays
//! off it.

use chrono::NaiveDate;

use super::{Column, FormDoc, FormError, PageSize, Table};
use crate::domain::Month;
use crate::domain::date::{paper_date, table_date};
use crate::domain::lostfound::{FinderKind, Valuable, keep_until};
use crate::domain::settings::Office;
use crate::store::FoundItemRecord;

/// `11-29 09:30`: the year and month are in the header.
fn short(t: chrono::NaiveDateTime) -> String {
    t.format("%m-%d %H:%M").to_string()
}

/// The item and what it holds, for the register: `黑色华为手机（手机）`, the features and the
/// counted cash.
fn what(r: &FoundItemRecord) -> (String, String) {
    let i = &r.item;
    let mut features = i.description.clone();
    if let Some(cash) = i.cash {
        if !features.is_empty() {
            features.push('；');
        }
        features.push_str(&format!("现金 {cash}"));
    }
    let valuables: Vec<&str> = i.valuables.iter().map(|v| v.label()).collect();
    if !valuables.is_empty() {
        if !features.is_empty() {
            features.push('；');
        }
        features.push_str(&format!("贵重：{}", valuables.join("、")));
    }
    (format!("{}（{}）", i.name, i.category.label()), features)
}

/// Where it is kept, and for a valuable who counted it and who keeps it.
fn kept(r: &FoundItemRecord) -> String {
    let i = &r.item;
    if i.is_valuable() {
        format!(
            "{}；见证 {}；保管 {}",
            i.storage,
            i.witnesses.join("、"),
            r.custodian
        )
    } else {
        i.storage.clone()
    }
}

/// What became of it (the claimant's ID and phone masked), and who released or disposed of it.
fn fate(r: &FoundItemRecord, keep_days: u32) -> (String, String) {
    if let Some(c) = &r.claim {
        let mut text = format!(
            "认领：{}\n身份证 {}\n电话 {}\n所述：{}",
            c.claim.name,
            c.claim.id_number.masked(),
            c.claim.phone.masked(),
            c.claim.description
        );
        if let Some(n) = c.report {
            text.push_str(&format!("\n寻物 {n}"));
        }
        return (text, format!("{}\n{}", c.released_by, short(c.at)));
    }
    if let Some(d) = &r.disposal {
        let mut text = d.disposal.method.label().to_string();
        if !d.disposal.receiver.is_empty() {
            text.push_str(&format!("：{}", d.disposal.receiver));
        }
        text.push_str(&format!("\n原因：{}", d.disposal.reason));
        return (text, format!("{}\n{}", d.by_name, short(d.at)));
    }
    let text = if r.item.has_id_card() {
        "在库（证件待上交派出所）".to_string()
    } else {
        format!(
            "在库，保管至 {}",
            table_date(keep_until(r.item.found_at.date(), keep_days))
        )
    };
    (text, String::new())
}

/// 失物招领登记表 of `month`: every item found in it, in the order found, with its fate.
pub fn lost_found_register(
    office: &Office,
    month: Month,
    items: &[FoundItemRecord],
    keep_days: u32,
) -> Result<Vec<u8>, FormError> {
    // Landscape: ten columns, widths in millimetres of the 267 mm between the margins at
    // 8.5 pt, the fate given the room for the claimant's identity on its own lines.
    let mut doc = FormDoc::new("失物招领登记表", PageSize::A4Landscape)?;
    doc.title(&format!("{} 失物招领登记表", office.estate))?;
    doc.header_line(&office.company, "", &month.paper())?;
    let mut table = Table::new(vec![
        Column::new("编号", 27.0),
        Column::new("拾获时间", 19.0),
        Column::new("物品", 28.0),
        Column::new("特征", 36.0),
        Column::new("拾获地点", 24.0),
        Column::new("拾获人", 19.0),
        Column::new("存放/保管", 28.0),
        Column::new("去向", 44.0),
        Column::new("经办人", 20.0),
        Column::new("领取人签字", 20.0),
    ]);
    table.size_pt = 8.5;
    for r in items {
        let (name, features) = what(r);
        let finder = match r.item.finder.kind {
            FinderKind::Staff => format!("{}（员工）", r.item.finder.name),
            k => format!("{}（{}）", r.item.finder.name, k.label()),
        };
        let (fate, by) = fate(r, keep_days);
        table.push_row([
            r.number.to_string(),
            short(r.item.found_at),
            name,
            features,
            r.item.place.clone(),
            finder,
            kept(r),
            fate,
            by,
            String::new(),
        ]);
    }
    if items.is_empty() {
        table.push_row(
            std::iter::once("本月无拾遗物品".to_string())
                .chain(std::iter::repeat_n(String::new(), 9)),
        );
    }
    doc.table(&table)?;
    doc.space(2.0);
    let count = |f: &dyn Fn(&FoundItemRecord) -> bool| items.iter().filter(|r| f(r)).count();
    doc.text(
        &format!(
            "共 {} 件：已认领 {} 件，已处置 {} 件，在库 {} 件；其中贵重物品 {} 件（含现金 {} 件）。\
             贵重物品须两名员工在场清点，由客服中心主管保管和发还；认领须核验身份证件并由领取人签字；\
             无人认领的物品保管 {keep_days} 天后由主管处置，身份证件及时上交派出所。身份证号和电话已隐去部分数字。",
            items.len(),
            count(&|r| r.claim.is_some()),
            count(&|r| r.disposal.is_some()),
            count(&|r| r.claim.is_none() && r.disposal.is_none()),
            count(&|r| r.item.is_valuable()),
            count(&|r| r.item.valuables.contains(&Valuable::Cash)),
        ),
        9.0,
    )?;
    doc.space(6.0);
    doc.signature_line(&["填表人", "客服中心主管"])?;
    doc.footer(&office.company)?;
    doc.finish()
}

/// 招领启事 on `today`: the items still waiting for their owners, each by its kind, place and
/// day only; where and how to claim, and the office's phone.
pub fn found_notice(
    office: &Office,
    items: &[FoundItemRecord],
    keep_days: u32,
    today: NaiveDate,
) -> Result<Vec<u8>, FormError> {
    let mut doc = FormDoc::new("招领启事", PageSize::A4)?;
    doc.title("招领启事")?;
    doc.header_line(&office.company, "", &paper_date(today))?;
    doc.space(2.0);
    doc.text(
        "各位业主、住户：本管理处拾到下列物品，请失主携带本人身份证件到客服中心认领。\
         认领时请说明物品的特征（如颜色、型号、内装物品等），经核对无误并签字后领回。",
        11.0,
    )?;
    doc.space(3.0);
    let mut table = Table::new(vec![
        Column::new("编号", 3.0),
        Column::new("物品", 2.0),
        Column::new("拾获地点", 4.0),
        Column::new("拾获日期", 3.0),
    ]);
    table.size_pt = 11.0;
    for r in items {
        let line = r.public_line();
        table.push_row([line.number, line.what, line.place, line.found_on]);
    }
    if items.is_empty() {
        table.push_row(["目前没有待认领的物品", "", "", ""]);
    }
    doc.table(&table)?;
    doc.space(4.0);
    let place = match office.address.trim() {
        "" => "客服中心".to_string(),
        a => format!("{a} 客服中心"),
    };
    let phone = match office.phone.trim() {
        "" => String::new(),
        p => format!("　联系电话：{p}"),
    };
    doc.text(&format!("认领地点：{place}{phone}"), 11.0)?;
    doc.text(
        &format!(
            "物品自拾获之日起保管 {keep_days} 天，期满无人认领的将按规定处理（上交派出所或捐赠）；\
             身份证件将及时上交派出所，请失主到派出所领取。"
        ),
        10.0,
    )?;
    doc.space(8.0);
    doc.text(&format!("{}\n{}", office.company, paper_date(today)), 11.0)?;
    doc.finish()
}
