//! The 收款 pane's screen: the register's search on the left; on the right the unit's account,
//! its open lines with checkboxes, the payment form (or a charge, adjustment or basis form), the
//! pane's message, and the unit's history.

use iced::widget::{
    button, checkbox, column, container, pick_list, row, rule, table, text, text_input,
};
use iced::{Alignment, Element, Length};

use super::draft::{
    ADJUST_DELTA_ID, ADJUST_REASON_ID, AdjustDraft, BASIS_FROM_ID, BasisDraft, CHARGE_AMOUNT_ID,
    CHARGE_BASIS_ID, CHARGE_MONTH_ID, ChargeDraft, NOTE_ID, PAYER_ID, PREPAY_ID, PayDraft,
    TENDERED_ID,
};
use super::{Collect, Editor, HISTORY_SIZE, Loaded, Message, SEARCH_ID};
use crate::domain::access::{Action, who_may};
use crate::domain::date::{table_date, table_datetime};
use crate::domain::fees::{BillLine, LineSource, PayMethod, UnitKind};
use crate::store::{AccountEvent, UnitSummary};
use crate::ui::About;
use crate::ui::form::form;
use crate::ui::widget::{field, heading, hint, labelled, pager, scroll};

/// Small text for table cells.
fn cell<'a>(s: impl text::IntoFragment<'a>) -> iced::widget::Text<'a> {
    text(s).size(14)
}

pub(super) fn view(p: &Collect) -> Element<'_, Message> {
    let right: Element<'_, Message> = match &p.unit {
        None => hint("在左边按房号或业主姓名搜索，选择一套房屋收款。"),
        Some(u) => account(p, u),
    };
    row![
        container(search_panel(p)).width(Length::FillPortion(2)),
        rule::vertical(1),
        container(scroll(right).height(Length::Fill)).width(Length::FillPortion(3)),
    ]
    .spacing(12)
    .height(Length::Fill)
    .into()
}

fn search_panel(p: &Collect) -> Element<'_, Message> {
    let search = text_input("搜索：房号 3-2-1502 或 1502、业主姓名", &p.query)
        .id(SEARCH_ID)
        .on_input(Message::SearchChanged)
        .padding(8)
        .size(16);
    let selected = p.unit.as_ref().map(|u| u.account.unit);
    let columns = [
        table::column(cell("房屋"), move |r: &UnitSummary| {
            let b = button(cell(r.unit.unit.address.short()))
                .padding([2, 6])
                .on_press(Message::Select(r.unit.id));
            if Some(r.unit.id) == selected {
                b.style(button::primary)
            } else {
                b.style(button::text)
            }
        }),
        table::column(cell("业主"), |r: &UnitSummary| cell(r.owners.as_str())).width(Length::Fill),
    ];
    let results: Element<'_, Message> = if p.results.rows.is_empty() {
        hint("没有找到。可以换个写法再试，例如 3-2-1502、1502、张伟。")
    } else {
        table(
            columns.map(|c| c.align_y(Alignment::Center)),
            p.results.rows.iter(),
        )
        .padding_y(2)
        .into()
    };
    let pager = pager(
        p.results.page,
        p.results.pages(),
        p.results.total,
        "套",
        Message::PageTo,
    );
    column![search, scroll(results).height(Length::Fill), pager]
        .spacing(10)
        .into()
}

fn account<'a>(p: &'a Collect, u: &'a Loaded) -> Element<'a, Message> {
    let a = &u.account;
    let from = u
        .basis
        .billing_from
        .map_or_else(|| "登记之日".to_string(), table_date);
    let head = column![
        text(a.address.to_string()).size(20),
        cell(format!(
            "付款人 {}　预存余额 {}　欠费合计 {}",
            if a.payer.is_empty() {
                "（无业主）"
            } else {
                &a.payer
            },
            a.balance,
            a.owed
        )),
        row![
            cell(format!(
                "计费信息：{}　计费起始日 {from}",
                u.basis.kind.label()
            )),
            button(text("修改计费信息").size(13))
                .padding([2, 8])
                .on_press(Message::EditBasis)
                .style(button::secondary),
        ]
        .spacing(12)
        .align_y(Alignment::Center),
    ]
    .spacing(4);

    let mut c = column![head, heading("未缴费用")].spacing(10);
    if a.open.is_empty() {
        c = c.push(hint("没有未缴费用。"));
    } else {
        c = c.push(open_lines(p, &a.open));
        c = c.push(
            row![
                button(text("全选").size(13))
                    .on_press(Message::All(true))
                    .style(button::secondary),
                button(text("全不选").size(13))
                    .on_press(Message::All(false))
                    .style(button::secondary),
                cell(format!(
                    "已选 {} 项，合计 {}",
                    p.chosen.len(),
                    p.chosen_total()
                )),
            ]
            .spacing(10)
            .align_y(Alignment::Center),
        );
    }
    let about = p.on_screen();
    let form_area: Element<'_, Message> = match &p.editor {
        Some(Editor::Basis(d)) => with_keys(about, basis_form(d)),
        Some(Editor::Charge(d)) => with_keys(about, charge_form(d)),
        Some(Editor::Adjust(d)) => with_keys(about, adjust_form(d)),
        None => pay_form(p, u),
    };
    c = c.push(form_area);
    if let Some(n) = p.message() {
        c = c.push(cell(n.text.as_str()).style(if n.error { text::danger } else { text::success }));
    }
    let mut actions = row![
        button(text("临时收费…").size(13))
            .on_press(Message::NewCharge)
            .style(button::secondary)
    ]
    .spacing(8);
    if let Some(n) = p.last_receipt {
        actions = actions.push(
            button(text(format!("重新打印收据 {n}")).size(13))
                .on_press(Message::Print(n))
                .style(button::secondary),
        );
    }
    c = c.push(actions);
    c = c.push(heading("收费记录"));
    c = c.push(history(u));
    c.padding([0, 8]).into()
}

fn open_lines<'a>(p: &'a Collect, open: &'a [BillLine]) -> Element<'a, Message> {
    let chosen = &p.chosen;
    let columns = [
        table::column(cell(""), move |l: &BillLine| {
            let id = l.id;
            checkbox(chosen.contains(&id)).on_toggle(move |on| Message::Toggle(id, on))
        }),
        table::column(cell("月份"), |l: &BillLine| cell(l.month.code())),
        table::column(cell("项目"), |l: &BillLine| cell(l.item_name.as_str())),
        table::column(cell("计费依据"), |l: &BillLine| {
            cell(match &l.reason {
                Some(r) => format!("{}（{r}）", l.basis),
                None => l.basis.clone(),
            })
        })
        .width(Length::Fill),
        table::column(cell("金额"), |l: &BillLine| cell(l.amount.to_string()))
            .align_x(Alignment::End),
        // An adjustment is corrected by adjusting the line it corrects.
        table::column(cell(""), |l: &BillLine| {
            button(text("调整…").size(12))
                .padding([1, 6])
                .on_press_maybe(
                    (l.source != LineSource::Adjustment).then_some(Message::Adjust(l.id)),
                )
                .style(button::text)
        }),
    ];
    table(columns.map(|c| c.align_y(Alignment::Center)), open.iter())
        .padding_y(2)
        .into()
}

fn with_keys<'a>(about: About, content: Element<'a, Message>) -> Element<'a, Message> {
    form(about, content)
        .on_submit(Message::Save)
        .on_cancel(Message::Cancel)
        .into()
}

fn save_cancel<'a>(label: &'a str) -> Element<'a, Message> {
    row![
        button(text(label)).on_press(Message::Save),
        button(text("取消"))
            .on_press(Message::Cancel)
            .style(button::secondary),
    ]
    .spacing(8)
    .into()
}

fn pay_form<'a>(p: &'a Collect, u: &'a Loaded) -> Element<'a, Message> {
    let d: &PayDraft = &p.pay;
    let lines = p.chosen_total();
    let mut c = column![
        heading("收款"),
        labelled(
            "付款方式",
            pick_list(PayMethod::AT_DESK, Some(d.method), Message::Method).into(),
            None
        ),
    ]
    .spacing(8);
    if d.method == PayMethod::Cash {
        c = c.push(field(
            TENDERED_ID,
            "实收",
            "收到的现金，例如 400",
            &d.tendered,
            d.errors.tendered.as_deref(),
            Message::Tendered,
        ));
    }
    c = c.push(field(
        PREPAY_ID,
        "预存",
        "另交预存款，可不填",
        &d.prepay,
        d.errors.prepay.as_deref(),
        Message::Prepay,
    ));
    c = c.push(field(
        PAYER_ID,
        "付款人",
        "付款人姓名",
        &d.payer,
        d.errors.payer.as_deref(),
        Message::Payer,
    ));
    c = c.push(field(
        NOTE_ID,
        "备注",
        "可不填",
        &d.note,
        None,
        Message::Note,
    ));
    let due = d.due(lines);
    let mut sums = row![cell(match due {
        Some(due) => format!("应收 {due}（人民币{}）", due.to_chinese_upper()),
        None => "应收：预存金额填写不正确".to_string(),
    })]
    .spacing(16);
    match d.change(lines) {
        Some(Ok(change)) => sums = sums.push(cell(format!("找零 {change}")).style(text::success)),
        Some(Err(short)) => sums = sums.push(cell(short).style(text::danger)),
        None => {}
    }
    c = c.push(sums);
    c = c.push(button(text("收款并开收据")).on_press(Message::Pay));
    form(About::record("fee-pay", u.account.unit.0), c)
        .on_submit(Message::Pay)
        .into()
}

fn basis_form(d: &BasisDraft) -> Element<'_, Message> {
    column![
        heading("计费信息"),
        labelled(
            "房屋类型",
            pick_list(UnitKind::ALL, Some(d.kind), Message::BasisKind).into(),
            None
        ),
        field(
            BASIS_FROM_ID,
            "计费起始日",
            "交房日，例如 2026-11-16；空着按登记之日",
            &d.from,
            d.error.as_deref(),
            Message::BasisFrom,
        ),
        save_cancel("保存"),
    ]
    .spacing(8)
    .into()
}

fn charge_form(d: &ChargeDraft) -> Element<'_, Message> {
    column![
        heading("临时收费"),
        labelled(
            "收费项目",
            pick_list(d.items.as_slice(), d.item.clone(), Message::ChargeItem)
                .placeholder("选择一次性收费项目")
                .into(),
            d.errors[0].as_deref()
        ),
        field(
            CHARGE_MONTH_ID,
            "所属月份",
            "2026-11",
            &d.month,
            d.errors[1].as_deref(),
            Message::ChargeMonth,
        ),
        field(
            CHARGE_AMOUNT_ID,
            "金额",
            "例如 80 或 80.50",
            &d.amount,
            d.errors[2].as_deref(),
            Message::ChargeAmount,
        ),
        field(
            CHARGE_BASIS_ID,
            "收费事由",
            "例如 更换水龙头 材料及人工",
            &d.basis,
            d.errors[3].as_deref(),
            Message::ChargeBasis,
        ),
        save_cancel("记入账户"),
    ]
    .spacing(8)
    .into()
}

fn adjust_form(d: &AdjustDraft) -> Element<'_, Message> {
    column![
        heading("调整"),
        cell(d.title.as_str()),
        hint(format!(
            "调整不改原账单，另记一笔调整，写明原因。须由{}调整；其他人保存时请其输入PIN会签。",
            who_may(Action::FeeAdjust)
        )),
        field(
            ADJUST_DELTA_ID,
            "调整金额",
            "减收填负数，例如 -50",
            &d.delta,
            d.errors[0].as_deref(),
            Message::AdjustDelta,
        ),
        field(
            ADJUST_REASON_ID,
            "原因",
            "例如 面积更正",
            &d.reason,
            d.errors[1].as_deref(),
            Message::AdjustReason,
        ),
        save_cancel("保存调整"),
    ]
    .spacing(8)
    .into()
}

/// One row of the history: when, what, amount, and a note.
type HistoryRow = [String; 4];

fn history_row(e: &AccountEvent) -> HistoryRow {
    match e {
        AccountEvent::Billed(l) => [
            l.month.code(),
            format!("{} {}", l.source.label(), l.item_name),
            l.amount.to_string(),
            match &l.paid_by {
                Some(n) => format!("{}　已缴 {n}", l.basis),
                None => format!("{}　未缴", l.basis),
            },
        ],
        AccountEvent::Paid(r) => [
            table_datetime(r.issued_at),
            format!("收款 {} {}", r.number, r.method.label()),
            r.total.to_string(),
            match &r.voided {
                Some((_, by, why)) => format!("已作废（{by}：{why}）"),
                None => format!("收款人 {}", r.cashier),
            },
        ],
        AccountEvent::Refunded(f) => [
            table_datetime(f.issued_at),
            format!("退款 {} {}", f.number, f.method.label()),
            format!("-{}", f.amount),
            if f.deductions.is_empty() {
                format!(
                    "{} 保证金 {} 全额退还　领款人 {}",
                    f.source_ref, f.deposit, f.payee
                )
            } else {
                format!(
                    "{} 保证金 {}，扣 {}（{}）　领款人 {}",
                    f.source_ref,
                    f.deposit,
                    f.deducted(),
                    f.deductions
                        .iter()
                        .map(|d| d.reason.as_str())
                        .collect::<Vec<_>>()
                        .join("、"),
                    f.payee
                )
            },
        ],
    }
}

fn history(u: &Loaded) -> Element<'_, Message> {
    if u.history.is_empty() {
        return hint("还没有账单或收款。");
    }
    let rows: Vec<HistoryRow> = u.history.iter().map(history_row).collect();
    let columns = [
        table::column(cell("日期/月份"), |r: HistoryRow| cell(r[0].clone())),
        table::column(cell("内容"), |r: HistoryRow| cell(r[1].clone())),
        table::column(cell("金额"), |r: HistoryRow| cell(r[2].clone())).align_x(Alignment::End),
        table::column(cell("说明"), |r: HistoryRow| cell(r[3].clone())).width(Length::Fill),
    ];
    let pages = u.history_total.div_ceil(HISTORY_SIZE).max(1);
    column![
        table(columns, rows).padding_y(2),
        pager(
            u.history_page,
            pages,
            u.history_total as i64,
            "条",
            Message::HistoryPage
        ),
    ]
    .spacing(8)
    .into()
}
