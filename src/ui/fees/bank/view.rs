//! The 银行代扣 pane's screen: the agreements with the selected one or its form beside them;
//! the request file and the result file each take the whole pane while open.

use iced::widget::{button, column, row, table, text, text_input};
use iced::{Alignment, Element, Length};

use super::{
    AgreementDraft, AgreementField, BankPane, END_DATE_ID, EXPORT_MONTH_ID, EXPORT_WARNING, Editor,
    ExportState, ImportState, Message, mask_account,
};
use crate::domain::Fen;
use crate::domain::date::table_date;
use crate::store::{BankAgreement, DebitRequest};
use crate::ui::Notice;
use crate::ui::form::form;
use crate::ui::widget::{field, heading, hint, labelled, master_detail, scroll};

/// At most this many bad rows are listed.
const SHOWN_PROBLEMS: usize = 300;

fn notice(n: Option<&Notice>) -> Option<Element<'_, Message>> {
    n.map(|n| {
        text(&n.text)
            .size(14)
            .style(if n.error { text::danger } else { text::success })
            .into()
    })
}

pub(super) fn view(p: &BankPane) -> Element<'_, Message> {
    let whole = match &p.editor {
        Some(Editor::Export(e)) => Some(export(e)),
        Some(Editor::Import(s)) => Some(import(s)),
        _ => None,
    };
    if let Some(content) = whole {
        let mut col = column![content].spacing(10);
        if let Some(n) = notice(p.message()) {
            col = col.push(n);
        }
        return scroll(col.padding([0, 8])).height(Length::Fill).into();
    }
    let right: Element<'_, Message> = match (&p.editor, p.selected_agreement()) {
        (Some(Editor::New(d)), _) => form(p.on_screen(), new_form(d))
            .on_submit(Message::Save)
            .on_cancel(Message::Cancel)
            .into(),
        (Some(Editor::End(date, error)), Some(a)) => form(p.on_screen(), end_form(a, date, error))
            .on_submit(Message::Save)
            .on_cancel(Message::Cancel)
            .into(),
        (_, Some(a)) => detail(a),
        (_, None) => hint("点击左边的房号查看协议；“新增协议”登记业主的银行代扣协议。"),
    };
    master_detail(left(p), right, p.message())
}

fn left(p: &BankPane) -> Element<'_, Message> {
    let actions = row![
        button(text("新增协议")).on_press(Message::New),
        button(text("导出代扣文件"))
            .on_press(Message::StartExport)
            .style(button::secondary),
        button(text("导入扣款结果"))
            .on_press(Message::PickResult)
            .style(button::secondary),
    ]
    .spacing(8);
    let col = column![heading("银行代扣协议"), actions].spacing(10);
    let list = match &p.agreements {
        Err(e) => return col.push(text(e).style(text::danger)).into(),
        Ok(l) if l.is_empty() => return col.push(hint("还没有代扣协议。")).into(),
        Ok(l) => l,
    };
    let chosen = p.selected;
    let head = |s: &'static str| text(s).size(13);
    let columns = [
        table::column(
            head("房号"),
            move |a: &BankAgreement| -> Element<'_, Message> {
                let label = a.address.map(|x| x.short()).unwrap_or_default();
                let b = button(text(label).size(13)).padding([2, 6]);
                let b = match a.id {
                    Some(id) => b.on_press(Message::Select(id)),
                    None => b,
                };
                if a.id.is_some() && a.id == chosen {
                    b.style(button::primary)
                } else {
                    b.style(button::text)
                }
                .into()
            },
        ),
        table::column(head("户名"), |a: &BankAgreement| {
            text(a.holder.as_str()).size(13)
        }),
        table::column(head("开户银行"), |a: &BankAgreement| {
            text(a.bank.as_str()).size(13)
        }),
        table::column(head("账号"), |a: &BankAgreement| {
            text(mask_account(&a.account)).size(13)
        }),
        table::column(head("签约日期"), |a: &BankAgreement| {
            text(table_date(a.signed_on)).size(13)
        }),
        table::column(head("状态"), |a: &BankAgreement| -> Element<'_, Message> {
            match a.ended_on {
                None => text("有效").size(13).style(text::success).into(),
                Some(d) => text(format!("{} 终止", table_date(d)))
                    .size(13)
                    .style(text::secondary)
                    .into(),
            }
        }),
    ];
    col.push(
        scroll(table(columns.map(|c| c.align_y(Alignment::Center)), list.iter()).padding_y(1))
            .height(Length::Fill),
    )
    .into()
}

fn detail(a: &BankAgreement) -> Element<'_, Message> {
    let address = a.address.map(|x| x.to_string()).unwrap_or_default();
    let mut col = column![
        text(format!("{address}　{}", a.holder)).size(18),
        text(format!("开户银行：{}", a.bank)).size(14),
        text(format!("账号：{}", mask_account(&a.account))).size(14),
        text(format!("签约日期：{}", table_date(a.signed_on))).size(14),
    ]
    .spacing(8);
    match a.ended_on {
        Some(d) => col = col.push(text(format!("已于 {} 终止", table_date(d))).size(14)),
        None => {
            col = col.push(
                button(text("终止协议"))
                    .on_press(Message::StartEnd)
                    .style(button::danger),
            );
        }
    }
    col.into()
}

fn new_form(d: &AgreementDraft) -> Element<'_, Message> {
    let mut col = column![heading("新增银行代扣协议")].spacing(10);
    for f in AgreementField::ALL {
        col = col.push(field(
            f.id(),
            f.label(),
            f.placeholder(),
            d.get(f),
            d.error(f),
            move |v| Message::Edited(f, v),
        ));
    }
    col.push(hint(
        "账号完整保存，屏幕和打印只显示首尾四位；同一房屋原有的协议自动终止。",
    ))
    .push(save_cancel("保存协议"))
    .into()
}

fn end_form<'a>(
    a: &'a BankAgreement,
    date: &'a str,
    error: &'a Option<String>,
) -> Element<'a, Message> {
    let address = a.address.map(|x| x.short()).unwrap_or_default();
    column![
        heading("终止代扣协议"),
        text(format!(
            "{address}　{}　{}",
            a.holder,
            mask_account(&a.account)
        ))
        .size(14),
        field(
            END_DATE_ID,
            "终止日期",
            "例如 2026-11-30",
            date,
            error.as_deref(),
            Message::EndDate
        ),
        save_cancel("确认终止"),
    ]
    .spacing(10)
    .into()
}

fn save_cancel(label: &str) -> Element<'_, Message> {
    row![
        button(text(label)).on_press(Message::Save),
        button(text("取消"))
            .on_press(Message::Cancel)
            .style(button::secondary),
    ]
    .spacing(8)
    .into()
}

fn export(e: &ExportState) -> Element<'_, Message> {
    let month = form(
        iced_about("bank-export-month"),
        labelled(
            "代扣月份",
            row![
                text_input("例如 2026-11", &e.month_text)
                    .id(EXPORT_MONTH_ID)
                    .on_input(Message::ExportMonth)
                    .padding(6)
                    .width(Length::Fixed(120.0)),
                button(text("查看").size(13))
                    .on_press(Message::ExportShow)
                    .style(button::secondary),
            ]
            .spacing(8)
            .into(),
            e.month_error.as_deref(),
        ),
    )
    .on_submit(Message::ExportShow)
    .on_cancel(Message::Cancel)
    .keep_cursor();
    let mut col = column![heading("导出银行代扣申请文件"), month].spacing(10);
    match &e.rows {
        Err(err) => col = col.push(text(err).style(text::danger)),
        Ok(rows) if rows.is_empty() => {
            col = col.push(hint(format!(
                "{} 没有需要代扣的费用（有效协议且有欠费的房屋才会列出）。",
                e.month.paper()
            )));
        }
        Ok(rows) => {
            col = col.push(text(format!("{} 户，合计 {}", rows.len(), e.total())).size(16));
            let head = |s: &'static str| text(s).size(13);
            let columns = [
                table::column(head("房号"), |r: &DebitRequest| {
                    text(r.address.short()).size(13)
                }),
                table::column(head("户名"), |r: &DebitRequest| {
                    text(r.holder.as_str()).size(13)
                }),
                table::column(head("账号"), |r: &DebitRequest| {
                    text(mask_account(&r.account)).size(13)
                }),
                table::column(head("金额"), |r: &DebitRequest| {
                    text(r.amount.to_string()).size(13)
                })
                .align_x(Alignment::End),
            ];
            col = col.push(
                scroll(table(columns, rows.iter()).padding_y(1)).height(Length::Fixed(320.0)),
            );
            col = col.push(text(EXPORT_WARNING).size(16).style(text::danger));
        }
    }
    col.push(
        row![
            button(text("保存文件…")).on_press_maybe(e.file_name().map(|_| Message::ExportSave)),
            button(text("关闭"))
                .on_press(Message::Cancel)
                .style(button::secondary),
        ]
        .spacing(8),
    )
    .into()
}

/// The key of a form that belongs to no record.
fn iced_about(kind: &'static str) -> crate::ui::About {
    crate::ui::About::form(kind)
}

fn import(s: &ImportState) -> Element<'_, Message> {
    let mut col = column![heading("导入银行扣款结果")].spacing(8);
    if let Some(path) = &s.path {
        col = col.push(text(format!("文件：{}", path.display())).size(13));
    }
    if s.reading {
        col = col.push(text("正在读取…"));
    }
    if let Some(e) = &s.error {
        col = col.push(text(e).style(text::danger));
    }
    if let (Some(file), Some(sum)) = (&s.file, &s.summary) {
        let failed_fen = Fen(file
            .rows
            .iter()
            .filter(|r| !r.ok)
            .map(|r| r.amount.0)
            .fold(0, i64::saturating_add));
        col = col.push(text(format!("共 {} 行", file.rows.len())).size(14));
        col = col.push(
            text(format!(
                "扣款成功 {} 户，共 {}（入账并开收据）",
                sum.paid, sum.paid_fen
            ))
            .size(14),
        );
        col = col.push(
            text(format!(
                "扣款失败 {} 户，共 {failed_fen}（仍为欠费）",
                sum.failed
            ))
            .size(14),
        );
        col = col.push(text(format!("此前已入账 {} 户（不会重复入账）", sum.already)).size(14));
    }
    let problems = s.problems();
    if !problems.is_empty() {
        col = col.push(
            text(format!(
                "有 {} 行有问题，请让银行核对或改正文件后重新选择；改正前不会入账任何一行：",
                problems.len()
            ))
            .style(text::danger),
        );
        let mut list = column![].spacing(2);
        for (row_no, reason) in problems.iter().take(SHOWN_PROBLEMS) {
            list = list.push(text(format!("第 {row_no} 行：{reason}")).size(13));
        }
        if problems.len() > SHOWN_PROBLEMS {
            list =
                list.push(text(format!("……另有 {} 行", problems.len() - SHOWN_PROBLEMS)).size(13));
        }
        col = col.push(scroll(list).height(Length::Fixed(240.0)));
    } else if s.can_import() {
        col = col.push(text("全部可以入账。").style(text::success));
    }
    col.push(
        row![
            button(text("选择文件…"))
                .on_press(Message::PickResult)
                .style(button::secondary),
            button(text("确认入账"))
                .on_press_maybe(s.can_import().then_some(Message::ConfirmImport)),
            button(text("关闭"))
                .on_press(Message::Cancel)
                .style(button::secondary),
        ]
        .spacing(8),
    )
    .into()
}
