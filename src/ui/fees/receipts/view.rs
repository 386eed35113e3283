//! The 收据与日报 screen: the month's receipts on the left with the 收费日报 below them; the
//! chosen receipt, or its void form, on the right.

use iced::widget::{button, column, row, table, text};
use iced::{Alignment, Element, Length};

use super::{DAY_ID, MONTH_ID, Message, PAGE_SIZE, Receipts, VOID_REASON_ID, about_id};
use crate::domain::access::{Action, who_may};
use crate::domain::date::table_datetime;
use crate::store::{ReceiptLine, ReceiptRecord};
use crate::ui::About;
use crate::ui::form::form;
use crate::ui::widget::{field, heading, hint, master_detail, pager, scroll};

fn cell<'a>(s: impl text::IntoFragment<'a>) -> iced::widget::Text<'a> {
    text(s).size(14)
}

pub(super) fn view(p: &Receipts) -> Element<'_, Message> {
    let right: Element<'_, Message> = match (&p.selected, &p.void) {
        (Some(r), Some(reason)) => void_form(r, reason),
        (Some(r), None) => detail(r),
        (None, _) => hint("在左边选择一张收据：查看明细、重新打印或作废。"),
    };
    master_detail(list(p), right, p.message())
}

fn list(p: &Receipts) -> Element<'_, Message> {
    let month = form(
        About::form("receipts-month"),
        row![
            field(
                MONTH_ID,
                "月份",
                "2026-11",
                &p.month_text,
                p.month_error.as_deref(),
                Message::MonthText,
            ),
            button(text("查看")).on_press(Message::ShowMonth),
        ]
        .spacing(8),
    )
    .on_submit(Message::ShowMonth)
    .keep_cursor();
    let selected = p.selected.as_ref().map(|r| r.number);
    let columns = [
        table::column(cell("收据号"), move |r: &ReceiptRecord| {
            let b = button(cell(r.number.to_string()))
                .padding([2, 6])
                .on_press(Message::Select(r.number));
            if Some(r.number) == selected {
                b.style(button::primary)
            } else {
                b.style(button::text)
            }
        }),
        table::column(cell("时间"), |r: &ReceiptRecord| {
            cell(table_datetime(r.issued_at))
        }),
        table::column(cell("房号"), |r: &ReceiptRecord| {
            cell(r.address.map(|a| a.short()).unwrap_or_default())
        }),
        table::column(cell("付款人"), |r: &ReceiptRecord| {
            cell(r.payer.as_str())
        })
        .width(Length::Fill),
        table::column(cell("方式"), |r: &ReceiptRecord| cell(r.method.label())),
        table::column(cell("合计"), |r: &ReceiptRecord| {
            cell(r.total.to_string())
        })
        .align_x(Alignment::End),
        table::column(cell("状态"), |r: &ReceiptRecord| {
            if r.voided.is_some() {
                cell("已作废").style(text::danger)
            } else {
                cell("有效")
            }
        }),
    ];
    let receipts: Element<'_, Message> = if p.list.is_empty() {
        hint(format!("{} 没有收据。", p.month.paper()))
    } else {
        table(columns.map(|c| c.align_y(Alignment::Center)), p.list.iter())
            .padding_y(2)
            .into()
    };
    let pages = p.total.div_ceil(PAGE_SIZE).max(1);
    let day = form(
        About::form("cashier-day"),
        row![
            field(
                DAY_ID,
                "日期",
                "2026-11-30",
                &p.day_text,
                p.day_error.as_deref(),
                Message::DayText,
            ),
            button(text("打印收费日报")).on_press(Message::PrintDay),
        ]
        .spacing(8),
    )
    .on_submit(Message::PrintDay)
    .keep_cursor();
    column![
        month,
        scroll(receipts).height(Length::Fill),
        pager(p.page, pages, p.total as i64, "张", Message::PageTo),
        heading("收费日报"),
        hint("当天收据按付款方式、按项目汇总，列出作废收据，供交财务签字。"),
        day,
    ]
    .spacing(10)
    .into()
}

fn detail(r: &ReceiptRecord) -> Element<'_, Message> {
    let mut c = column![
        text(format!("收款收据 {}", r.number)).size(20),
        cell(format!(
            "{}　付款人 {}　{}",
            r.address.map(|a| a.short()).unwrap_or_else(|| "—".into()),
            r.payer,
            r.method.label()
        )),
        cell(format!(
            "{}　收款人 {}",
            table_datetime(r.issued_at),
            r.cashier
        )),
    ]
    .spacing(8);
    if !r.note.is_empty() {
        c = c.push(cell(format!("备注：{}", r.note)));
    }
    let columns = [
        table::column(cell("项目"), |l: &ReceiptLine| cell(l.item.as_str())).width(Length::Fill),
        table::column(cell("期间"), |l: &ReceiptLine| cell(l.period.as_str())),
        table::column(cell("金额"), |l: &ReceiptLine| cell(l.amount.to_string()))
            .align_x(Alignment::End),
    ];
    if !r.lines.is_empty() {
        c = c.push(table(columns, r.lines.iter()).padding_y(2));
    }
    if r.prepay.0 != 0 {
        c = c.push(cell(format!("预存 {}", r.prepay)));
    }
    c = c.push(
        cell(format!(
            "合计 {}（人民币{}）",
            r.total,
            r.total.to_chinese_upper()
        ))
        .size(16),
    );
    if let Some(t) = r.tendered.filter(|t| *t > r.total) {
        c = c.push(cell(format!(
            "实收 {t}　找零 {}",
            crate::domain::Fen(t.0 - r.total.0)
        )));
    }
    let mut actions = row![
        button(text("重新打印"))
            .on_press(Message::Reprint)
            .style(button::secondary)
    ]
    .spacing(8);
    match &r.voided {
        Some((at, by, why)) => {
            c = c.push(
                cell(format!(
                    "已作废：{}　{by}　原因：{why}",
                    table_datetime(*at)
                ))
                .style(text::danger),
            );
        }
        None => {
            actions = actions.push(
                button(text("作废…"))
                    .on_press(Message::StartVoid)
                    .style(button::danger),
            );
        }
    }
    c.push(actions).into()
}

fn void_form<'a>(r: &'a ReceiptRecord, reason: &'a str) -> Element<'a, Message> {
    let body = column![
        heading("作废收据"),
        cell(format!(
            "收据 {}　{}　合计 {}",
            r.number,
            r.address.map(|a| a.short()).unwrap_or_default(),
            r.total
        )),
        hint(format!(
            "作废后收据号不再使用，所收费用重新计为未缴。须由{}作废；其他人保存时请其输入PIN会签。",
            who_may(Action::ReceiptVoid)
        )),
        field(
            VOID_REASON_ID,
            "作废原因",
            "例如 金额收错，重开",
            reason,
            None,
            Message::VoidReason,
        ),
        row![
            button(text("确认作废"))
                .on_press(Message::Void)
                .style(button::danger),
            button(text("取消"))
                .on_press(Message::Cancel)
                .style(button::secondary),
        ]
        .spacing(8),
    ]
    .spacing(8);
    form(About::record("receipt-void", about_id(r.number)), body)
        .on_submit(Message::Void)
        .on_cancel(Message::Cancel)
        .into()
}
