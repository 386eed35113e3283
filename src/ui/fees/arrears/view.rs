//! The 欠费 pane's screen: the filter, the aged list with its sums and pager on the left, the
//! chosen unit's open lines and the print buttons on the right.

use iced::widget::{button, column, pick_list, row, table, text};
use iced::{Alignment, Element, Length};

use super::{ArrearsPane, Chosen, Message, PAGE_SIZE};
use crate::domain::fees::{AgedTotal, Aging, BillLine};
use crate::store::{ArrearsPage, ArrearsRow, ArrearsSort};
use crate::ui::widget::{hint, master_detail, pager, scroll};

/// The list's amounts, right of the address and owner: one per aging bucket, then 合计.
fn amounts(aged: &AgedTotal) -> [String; 5] {
    let [a, b, c, d] = aged.buckets.map(|f| f.to_string());
    [a, b, c, d, aged.total().to_string()]
}

/// `1–3个月` … `12个月以上`, then `合计`.
const AMOUNT_HEADS: [&str; 5] = ["1–3个月", "4–6个月", "7–12个月", "12个月以上", "合计"];

pub(super) fn view(p: &ArrearsPane) -> Element<'_, Message> {
    master_detail(left(p), right(p), p.message())
}

fn left(p: &ArrearsPane) -> Element<'_, Message> {
    let sort_button = |label, s: ArrearsSort| {
        let b = button(text(label).size(13)).on_press(Message::Sort(s));
        if p.sort == s {
            b.style(button::primary)
        } else {
            b.style(button::secondary)
        }
    };
    let filter = row![
        text("楼栋").size(14),
        pick_list(p.buildings.clone(), Some(p.building), Message::Building).text_size(14),
        text("排序").size(14),
        sort_button("按金额", ArrearsSort::Amount),
        sort_button("按账龄", ArrearsSort::Age),
    ]
    .spacing(8)
    .align_y(Alignment::Center);
    let prints = row![
        button(text("打印欠费清单").size(13))
            .on_press(Message::PrintList)
            .style(button::secondary),
        button(text("打印本楼催费通知单").size(13))
            .on_press_maybe(
                p.building
                    .building()
                    .map(|_| Message::PrintBuildingReminders)
            )
            .style(button::secondary),
    ]
    .spacing(8);
    let mut col = column![
        text(format!("欠费（账龄算至 {}）", p.month.paper())).size(18),
        filter,
        prints
    ]
    .spacing(10);
    match &p.list {
        Err(e) => col = col.push(text(e).style(text::danger)),
        Ok(page) if page.rows.is_empty() => col = col.push(hint("没有欠费的房屋。")),
        Ok(page) => {
            col = col.push(sums(page));
            col = col.push(scroll(list(p, page)).height(Length::Fill));
            let pages = page.total.div_ceil(PAGE_SIZE).max(1);
            col = col.push(pager(
                p.page,
                pages,
                i64::try_from(page.total).unwrap_or(i64::MAX),
                "户",
                Message::Page,
            ));
        }
    }
    col.into()
}

/// The sums over every owing unit matching (not only this page).
fn sums(page: &ArrearsPage) -> Element<'_, Message> {
    let a = amounts(&page.sum);
    let parts: Vec<String> = AMOUNT_HEADS
        .iter()
        .zip(a.iter())
        .map(|(h, v)| format!("{h} {v}"))
        .collect();
    text(format!("共 {} 户欠费：{}", page.total, parts.join("　")))
        .size(14)
        .into()
}

fn list<'a>(p: &'a ArrearsPane, page: &'a ArrearsPage) -> Element<'a, Message> {
    let chosen = p.chosen.as_ref().map(|c| c.unit);
    let head = |s: &'static str| text(s).size(13);
    let mut columns = vec![
        table::column(head("房号"), move |r: &ArrearsRow| {
            let b = button(text(r.address.short()).size(13))
                .padding([2, 6])
                .on_press(Message::Select(r.unit));
            if Some(r.unit) == chosen {
                b.style(button::primary)
            } else {
                b.style(button::text)
            }
        }),
        table::column(head("业主"), |r: &ArrearsRow| {
            text(r.owner.as_str()).size(13)
        }),
    ];
    for (i, h) in AMOUNT_HEADS.into_iter().enumerate() {
        columns.push(
            table::column(head(h), move |r: &ArrearsRow| -> Element<'_, Message> {
                let t = text(amounts(&r.aged)[i].clone()).size(13);
                // The oldest bucket is what a collector chases first.
                if i == Aging::Older.index() && r.aged.buckets[i].0 > 0 {
                    t.style(text::danger).into()
                } else {
                    t.into()
                }
            })
            .align_x(Alignment::End),
        );
    }
    columns.push(table::column(
        head("最早欠费月份"),
        |r: &ArrearsRow| text(r.oldest.code()).size(13),
    ));
    table(
        columns.into_iter().map(|c| c.align_y(Alignment::Center)),
        page.rows.iter(),
    )
    .padding_y(2)
    .into()
}

fn right(p: &ArrearsPane) -> Element<'_, Message> {
    match &p.chosen {
        None => hint("在左边点击房号，查看该户未缴的费用，打印催费通知单。"),
        Some(c) => chosen(c),
    }
}

fn chosen(c: &Chosen) -> Element<'_, Message> {
    let account = match &c.account {
        Ok(a) => a,
        Err(e) => return text(e).style(text::danger).into(),
    };
    let mut col = column![
        text(format!("{}　{}", account.address, account.payer)).size(18),
        text(format!(
            "未缴 {} 笔，共 {}　预存余额 {}",
            account.open.len(),
            account.owed,
            account.balance
        ))
        .size(14),
        button(text("打印催费通知单"))
            .on_press_maybe((!account.open.is_empty()).then_some(Message::PrintReminder)),
    ]
    .spacing(8);
    if account.open.is_empty() {
        return col.push(hint("该户已结清。")).into();
    }
    let head = |s: &'static str| text(s).size(13);
    let columns = [
        table::column(head("月份"), |l: &BillLine| text(l.month.code()).size(13)),
        table::column(head("项目"), |l: &BillLine| {
            text(l.item_name.as_str()).size(13)
        }),
        table::column(head("金额"), |l: &BillLine| {
            text(l.amount.to_string()).size(13)
        })
        .align_x(Alignment::End),
        table::column(head("计算方式"), |l: &BillLine| {
            text(l.basis.as_str()).size(13)
        }),
    ];
    col = col.push(table(columns, account.open.iter()).padding_y(2));
    col.into()
}
