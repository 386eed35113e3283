//! 催费通知单 (one page per owing unit: what is owed by month and item, the total in figures and
//! in words, a polite request) and the 欠费明细表 (owing units of a building or the estate, with
//! the aging columns and totals). No late fee is named: the procedure has none.

use chrono::NaiveDate;

use super::{Align, Column, FormDoc, FormError, PageSize, Table};
use crate::domain::Month;
use crate::domain::date::paper_date;
use crate::domain::fees::{Aging, BillLine};
use crate::domain::settings::Office;
use crate::store::{ArrearsPage, Reminder};

/// More lines than this are summed per item over their months, so a notice stays one page.
const LINES_PER_PAGE: usize = 22;

/// The owner's name as a notice left at the door shows it: the surname, the rest as `*`.
pub fn masked_name(name: &str) -> String {
    let mut chars = name.trim().chars();
    match chars.next() {
        Some(first) => std::iter::once(first).chain(chars.map(|_| '*')).collect(),
        None => String::new(),
    }
}

/// The table rows of a notice: one per line, or, for a long list, one per item with its months.
fn owed_rows(lines: &[BillLine]) -> Vec<[String; 4]> {
    if lines.len() <= LINES_PER_PAGE {
        return lines
            .iter()
            .map(|l| {
                [
                    l.month.paper(),
                    l.item_name.clone(),
                    l.basis.clone(),
                    l.amount.to_string(),
                ]
            })
            .collect();
    }
    // Items in the order they first appear (the lines come oldest first, then by item).
    let mut items: Vec<(&str, Month, Month, usize, i64)> = Vec::new();
    for l in lines {
        match items.iter_mut().find(|i| i.0 == l.item_name) {
            Some(i) => {
                i.1 = i.1.min(l.month);
                i.2 = i.2.max(l.month);
                i.3 += 1;
                i.4 = i.4.saturating_add(l.amount.0);
            }
            None => items.push((&l.item_name, l.month, l.month, 1, l.amount.0)),
        }
    }
    items
        .into_iter()
        .map(|(item, from, to, n, fen)| {
            let period = if from == to {
                from.paper()
            } else {
                format!("{}至{}", from.paper(), to.paper())
            };
            [
                period,
                item.to_string(),
                format!("共 {n} 笔"),
                crate::domain::Fen(fen).to_string(),
            ]
        })
        .collect()
}

fn contact(office: &Office) -> String {
    match (office.phone.trim(), office.address.trim()) {
        ("", "") => "请到客服中心咨询".to_string(),
        (p, "") => format!("客服中心电话：{p}"),
        ("", a) => format!("客服中心地址：{a}"),
        (p, a) => format!("客服中心电话：{p}　地址：{a}"),
    }
}

/// Lays out the notices of `units` (one page each) as of `now`, printed `today`.
pub fn reminders(
    office: &Office,
    units: &[Reminder],
    now: Month,
    today: NaiveDate,
) -> Result<Vec<u8>, FormError> {
    let mut doc = FormDoc::new("催费通知单", PageSize::A4)?;
    for r in units {
        doc.new_page();
        doc.title(&format!("{} 催费通知单", office.estate))?;
        doc.header_line(&office.company, &r.address.short(), &paper_date(today))?;
        let owner = masked_name(&r.owner);
        doc.text(
            &format!("尊敬的 {} 业主 {owner}：", r.address).replace(" ：", "："),
            12.0,
        )?;
        doc.text(
            &format!(
                "　　感谢您一直以来对我们工作的支持。经核对，截至{}，您的房屋尚有以下费用未缴纳：",
                now.paper()
            ),
            10.5,
        )?;
        let mut table = Table::new(vec![
            Column::new("期间", 2.4),
            Column::new("收费项目", 2.2),
            Column::new("计费依据", 2.6),
            Column::new("金额", 1.4).align(Align::Right),
        ]);
        for row in owed_rows(&r.lines) {
            table.push_row(row);
        }
        let total = r.aged.total();
        table.push_row([
            "合计".to_string(),
            String::new(),
            String::new(),
            total.to_string(),
        ]);
        doc.table(&table)?;
        doc.space(1.5);
        doc.text(
            &format!(
                "合计金额：{total}　人民币（大写）{}",
                total.to_chinese_upper()
            ),
            10.5,
        )?;
        let aging = Aging::ALL
            .iter()
            .zip(r.aged.buckets)
            .filter(|(_, f)| f.0 != 0)
            .map(|(a, f)| format!("{} {f}", a.label()))
            .collect::<Vec<_>>()
            .join("，");
        doc.text(&format!("其中欠费时长：{aging}。"), 9.0)?;
        doc.space(2.0);
        doc.text(
            "　　请您在方便时到客服中心缴纳，也可以办理银行代扣。如您已经缴纳，请忽略本通知并妥善保管收据；如对费用有疑问，欢迎来电或到客服中心核对，我们将认真为您解答。",
            10.5,
        )?;
        doc.text("　　再次感谢您的理解与支持！", 10.5)?;
        doc.space(3.0);
        doc.text(&contact(office), 10.5)?;
        doc.space(6.0);
        doc.text(&format!("{}\n{}", office.company, paper_date(today)), 10.5)?;
    }
    if units.is_empty() {
        doc.title(&format!("{} 催费通知单", office.estate))?;
        doc.text("没有欠费的房屋，无需催费。", 12.0)?;
    }
    doc.footer(&format!("{}　催费通知单", office.company))?;
    doc.finish()
}

/// Lays out the 欠费明细表 of `building` (or the whole estate) as of `now`: every row of `page`
/// with its aging columns, then the totals of all owing units.
pub fn arrears_list(
    office: &Office,
    building: Option<u32>,
    page: &ArrearsPage,
    now: Month,
    today: NaiveDate,
) -> Result<Vec<u8>, FormError> {
    let mut doc = FormDoc::new("欠费明细表", PageSize::A4Landscape)?;
    doc.title(&format!("{} 欠费明细表", office.estate))?;
    let scope = match building {
        Some(b) => format!("{b}号楼　截至{}", now.paper()),
        None => format!("全小区　截至{}", now.paper()),
    };
    doc.header_line(&office.company, &scope, &paper_date(today))?;
    let mut columns = vec![
        Column::new("序号", 0.8).align(Align::Center),
        Column::new("房号", 1.6),
        Column::new("业主", 1.4),
        Column::new("最早欠费", 1.5).align(Align::Center),
    ];
    columns.extend(
        Aging::ALL
            .iter()
            .map(|a| Column::new(a.label(), 1.6).align(Align::Right)),
    );
    columns.push(Column::new("合计", 1.8).align(Align::Right));
    let mut table = Table::new(columns);
    table.size_pt = 9.0;
    for (i, r) in page.rows.iter().enumerate() {
        let mut row = vec![
            (i + 1).to_string(),
            r.address.short(),
            masked_name(&r.owner),
            r.oldest.code(),
        ];
        row.extend(r.aged.buckets.iter().map(|f| f.to_string()));
        row.push(r.aged.total().to_string());
        table.push_row(row);
    }
    let mut sum = vec![
        "合计".to_string(),
        format!("{} 户", page.total),
        String::new(),
        String::new(),
    ];
    sum.extend(page.sum.buckets.iter().map(|f| f.to_string()));
    sum.push(page.sum.total().to_string());
    table.push_row(sum);
    doc.table(&table)?;
    doc.space(2.0);
    doc.text(
        "注：欠费时长按账单月份计，当月算第1个月；业主姓名已隐去部分。",
        9.0,
    )?;
    doc.space(6.0);
    doc.signature_line(&["制表人", "客服中心主管", "日期"])?;
    doc.footer(&format!("{}　欠费明细表", office.company))?;
    doc.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_keep_their_surname() {
        assert_eq!(masked_name("王建国"), "王**");
        assert_eq!(masked_name(" 李 "), "李");
        assert_eq!(masked_name(""), "");
    }
}
