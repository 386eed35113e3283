//! The 操作日志 screen: the filters and a page of rows on the left, the chosen row's record
//! before and after on the right.

use iced::widget::{button, column, pick_list, row, table, text, text_input};
use iced::{Alignment, Element, Length};

use super::{AuditLog, FROM_ID, Message, RECORD_ID, TO_ID};
use crate::domain::date::table_datetime;
use crate::store::AuditRow;
use crate::ui::About;
use crate::ui::form::form;
use crate::ui::widget::{heading, hint, labelled_width, master_detail, pager, scroll};

impl AuditLog {
    /// The tab.
    pub fn view(&self) -> Element<'_, Message> {
        let detail = match self.chosen() {
            Some(r) => row_detail(r),
            None => hint("在左边点选一行，查看改动前后的内容。"),
        };
        master_detail(self.list_panel(), detail, self.message())
    }

    fn list_panel(&self) -> Element<'_, Message> {
        let filters = column![
            row![
                pick_list(self.people.clone(), Some(self.who.clone()), Message::Who)
                    .width(Length::Fixed(130.0)),
                pick_list(
                    AuditLog::tab_choices(),
                    Some(self.tab.clone()),
                    Message::Tab
                )
                .width(Length::Fixed(130.0)),
                text_input("记录：房号、单号、姓名", &self.record)
                    .id(RECORD_ID)
                    .on_input(Message::Record)
                    .padding(6)
                    .width(Length::Fill),
            ]
            .spacing(8)
            .align_y(Alignment::Center),
            row![
                labelled_width(
                    "日期从",
                    44.0,
                    date(FROM_ID, &self.from, Message::From),
                    None
                ),
                labelled_width("到", 14.0, date(TO_ID, &self.to, Message::To), None),
            ]
            .spacing(8),
            column![
                self.from_error.as_deref().map(error),
                self.to_error.as_deref().map(error)
            ],
            row![
                button(text("查询")).on_press(Message::Apply),
                button(text("清除条件"))
                    .on_press(Message::Clear)
                    .style(button::secondary),
            ]
            .spacing(8),
        ]
        .spacing(8);
        let filters = form(About::form("audit-filter"), filters)
            .on_submit(Message::Apply)
            .keep_cursor();
        let selected = self.selected;
        let columns = [
            table::column(text("时间").size(14), move |r: &AuditRow| {
                let b = button(text(table_datetime(r.at)).size(13))
                    .padding([2, 6])
                    .on_press(Message::Select(r.id));
                if Some(r.id) == selected {
                    b.style(button::primary)
                } else {
                    b.style(button::text)
                }
            }),
            table::column(text("人员").size(14), |r: &AuditRow| {
                text(who(r)).size(13)
            }),
            table::column(text("页面").size(14), |r: &AuditRow| {
                text(r.tab.as_str()).size(13)
            }),
            table::column(text("操作").size(14), |r: &AuditRow| {
                text(r.what.as_str()).size(13)
            })
            .width(Length::Fill),
            table::column(text("记录").size(14), |r: &AuditRow| {
                text(r.record.as_str()).size(13)
            }),
        ];
        let list: Element<'_, Message> = if self.rows.rows.is_empty() {
            hint("没有符合条件的记录。")
        } else {
            table(
                columns.map(|c| c.align_y(Alignment::Center)),
                self.rows.rows.iter(),
            )
            .padding_y(2)
            .into()
        };
        let pager = pager(
            self.page,
            self.pages(),
            self.rows.total as i64,
            "条",
            Message::PageTo,
        );
        column![
            heading("操作日志"),
            filters,
            scroll(list).height(Length::Fill),
            pager
        ]
        .spacing(10)
        .into()
    }
}

/// `张敏` or `张敏（会签：刘洋）`.
fn who(r: &AuditRow) -> String {
    match &r.countersign {
        Some(cs) => format!("{}（会签：{cs}）", r.who),
        None => r.who.clone(),
    }
}

/// One row in full: who, when, what, and the record before and after the change.
fn row_detail(r: &AuditRow) -> Element<'_, Message> {
    let mut c = column![
        heading("日志详情"),
        text(format!("第 {} 条　{}", r.id, table_datetime(r.at))).size(14),
        text(format!("人员：{}", who(r))).size(14),
        text(format!("页面：{}　操作：{}", r.tab, r.action)).size(14),
        text(format!("内容：{}", r.what)).size(14),
        text(format!("记录：{}", r.record)).size(14),
    ]
    .spacing(6);
    for (label, value) in [("改动前", &r.before), ("改动后", &r.after)] {
        c = c.push(text(label).size(15));
        c = c.push(
            text(
                value
                    .as_deref()
                    .map_or_else(|| "（无）".to_string(), pretty),
            )
            .size(13),
        );
    }
    c.into()
}

/// The stored JSON laid out one field a line; as stored if it cannot be read.
fn pretty(json: &str) -> String {
    serde_json::from_str::<serde_json::Value>(json)
        .and_then(|v| serde_json::to_string_pretty(&v))
        .unwrap_or_else(|_| json.to_string())
}

/// A date filter: `2026-11-01`, `11-01`, `今天`.
fn date<'a>(id: &'static str, value: &'a str, on: fn(String) -> Message) -> Element<'a, Message> {
    text_input("例如 2026-11-01", value)
        .id(id)
        .on_input(on)
        .padding(6)
        .width(Length::Fixed(130.0))
        .into()
}

fn error(message: &str) -> Element<'_, Message> {
    text(message).size(13).style(text::danger).into()
}
