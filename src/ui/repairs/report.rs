//! The 客服中心日报表 on screen: a date, the counts split 入户维修 / 公共报修, and the lines.

use chrono::{NaiveDate, NaiveDateTime};
use iced::widget::{button, column, row, text, text_input};
use iced::{Element, Length};

use super::Message;
use crate::domain::date::{parse_date, table_date, table_datetime};
use crate::domain::repair::{DayReport, RepairKind};
use crate::domain::settings::Deadlines;
use crate::forms::{SUMMARY_ROWS, line_note};
use crate::store::Store;
use crate::ui::About;
use crate::ui::form::form;
use crate::ui::widget::{heading, hint, labelled, scroll};

/// The id of the report's date field.
pub const DATE_ID: &str = "repair-report-date";

/// The report panel.
#[derive(Debug, Clone)]
pub struct ReportState {
    /// The date as typed.
    pub date_text: String,
    /// The report for it, once the date is valid.
    pub report: Option<DayReport>,
    /// Why there is no report.
    pub error: Option<String>,
}

impl ReportState {
    /// The panel for `date`.
    pub fn new(date: NaiveDate) -> Self {
        ReportState {
            date_text: table_date(date),
            report: None,
            error: None,
        }
    }

    /// Reads the report for the typed date.
    pub fn load(&mut self, store: &Store, d: &Deadlines, now: NaiveDateTime) {
        self.report = None;
        self.error = None;
        match parse_date(&self.date_text) {
            Ok(date) => match store.repair_day_report(date, d, now) {
                Ok(r) => self.report = Some(r),
                Err(e) => self.error = Some(e.to_string()),
            },
            Err(e) => self.error = Some(e.to_string()),
        }
    }

    /// The panel.
    pub fn view(&self) -> Element<'_, Message> {
        let date = text_input("2026-11-29", &self.date_text)
            .id(DATE_ID)
            .on_input(Message::ReportDateEdited)
            .padding(6)
            .width(Length::Fixed(160.0));
        // The date is the report's one field: Enter prints the day typed, Esc goes back.
        let date = form(
            About::form("report"),
            labelled("日期", date.into(), self.error.as_deref()),
        )
        .on_submit(Message::PrintReport)
        .on_cancel(Message::Back);
        let mut c = column![heading("客服中心日报表"), date].spacing(10);
        let Some(r) = &self.report else {
            return c.push(button(text("返回")).on_press(Message::Back)).into();
        };
        c = c.push(hint(format!("统计截至 {}", table_datetime(r.as_of))));
        let cell = |s: String, w: f32| text(s).size(14).width(Length::Fixed(w));
        let mut table = column![row![
            cell("项目".into(), 90.0),
            cell("入户维修".into(), 90.0),
            cell("公共报修".into(), 90.0),
        ]]
        .spacing(2);
        for (label, read) in SUMMARY_ROWS {
            table = table.push(row![
                cell(label.to_string(), 90.0),
                cell(read(&r.in_home), 90.0),
                cell(read(&r.public), 90.0),
            ]);
        }
        c = c.push(table);
        for kind in [RepairKind::InHome, RepairKind::Public] {
            c = c.push(text(kind.label()).size(16));
            let lines: Vec<_> = r.lines.iter().filter(|l| l.order.kind == kind).collect();
            if lines.is_empty() {
                c = c.push(hint("（无）"));
            }
            for l in lines {
                c = c.push(
                    text(format!(
                        "{}　{}　{}　{}　{}",
                        l.order.number,
                        l.order.place,
                        l.order.category,
                        l.order.state.label(),
                        line_note(r, l)
                    ))
                    .size(13),
                );
            }
        }
        c = c.push(
            row![
                button(text("打印日报表")).on_press(Message::PrintReport),
                button(text("返回"))
                    .on_press(Message::Back)
                    .style(button::secondary),
            ]
            .spacing(8),
        );
        scroll(c).height(Length::Fill).into()
    }
}
