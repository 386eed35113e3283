//! 生成账单: a month (this month unless changed), 预览 of what the run would add (per item,
//! units, total, lines already billed, who is discounted or starts mid-month and why, what
//! cannot be billed), then 生成账单 in one transaction. A month run again adds nothing twice,
//! and the preview then says 0 new lines.

use chrono::NaiveDateTime;
use iced::widget::{button, column, row, table, text};
use iced::{Alignment, Element, Length};

use super::PaneScreen;
use crate::domain::Month;
use crate::domain::access::{Action as Act, who_may};
use crate::domain::{Fen, UnitAddress};
use crate::store::{BillingPreview, Store};
use crate::ui::form::form;
use crate::ui::widget::{field, heading, hint, scroll};
use crate::ui::{About, Action, Command, Ctx, Notice, Notices};

/// The month field's id.
pub const MONTH_ID: &str = "fees-billing-month";
/// How many discounted or partial units are listed before `另有 N 户`.
const LISTED: usize = 100;

/// The pane's state.
pub struct Billing {
    month_text: String,
    month_error: Option<String>,
    preview: Option<BillingPreview>,
    notices: Notices,
}

/// What can happen in the pane.
#[derive(Debug, Clone)]
pub enum Message {
    /// The month was edited.
    MonthText(String),
    /// 预览.
    Preview,
    /// 生成账单 for the month previewed.
    Run,
}

impl Billing {
    /// The pane on the month of `now`; nothing is read until 预览.
    pub fn new(_store: &Store, now: NaiveDateTime) -> Billing {
        Billing {
            month_text: Month::of(now.date()).code(),
            month_error: None,
            preview: None,
            notices: Notices::default(),
        }
    }

    /// The preview shown.
    pub fn preview(&self) -> Option<&BillingPreview> {
        self.preview.as_ref()
    }

    /// The message shown about the month on screen.
    pub fn message(&self) -> Option<&Notice> {
        self.notices.about(self.on_screen())
    }

    /// The month previewed, as the record the pane's message is about.
    pub fn on_screen(&self) -> About {
        match self.previewed() {
            Some(m) => About::record("billing", i64::from(m.year()) * 100 + i64::from(m.number())),
            None => About::form("billing"),
        }
    }

    /// The month previewed, if the month field still names it.
    fn previewed(&self) -> Option<Month> {
        let m = self.preview.as_ref()?.month?;
        (Month::parse(&self.month_text).ok() == Some(m)).then_some(m)
    }

    fn month(&mut self) -> Option<Month> {
        match Month::parse(&self.month_text) {
            Ok(m) => Some(m),
            Err(e) => {
                self.month_error = Some(e.to_string());
                None
            }
        }
    }

    fn load_preview(&mut self, store: &Store, month: Month) {
        match store.billing_preview(month) {
            Ok(mut p) => {
                p.month = Some(month);
                self.preview = Some(p);
            }
            Err(e) => self.notices.error(self.on_screen(), e.to_string()),
        }
    }

    /// Handles a message of the pane.
    pub fn update(&mut self, message: Message, ctx: &mut Ctx<'_>) -> Action<Message> {
        match message {
            Message::MonthText(t) => {
                self.month_text = t;
                self.month_error = None;
            }
            Message::Preview => {
                if let Some(m) = self.month() {
                    self.month_text = m.code();
                    self.load_preview(ctx.store, m);
                }
            }
            Message::Run => {
                // Only the month whose preview is on screen: the cashier has seen what it adds.
                let Some(month) = self.previewed() else {
                    self.notices
                        .error(self.on_screen(), "请先预览这个月的账单，核对后再生成");
                    return Action::None;
                };
                let done = ctx.recorder().and_then(|rec| {
                    ctx.store
                        .run_billing(month, &rec)
                        .map_err(|e| e.to_string())
                });
                match done {
                    Ok(s) => {
                        self.load_preview(ctx.store, month);
                        let prepaid = if s.prepaid_receipts > 0 {
                            format!("；{} 户用预存款抵扣，已开收据", s.prepaid_receipts)
                        } else {
                            String::new()
                        };
                        self.notices.ok(
                            self.on_screen(),
                            format!(
                                "{} 账单已生成：新增 {} 条，合计 {}，涉及 {} 户{prepaid}",
                                month.paper(),
                                s.lines,
                                s.total,
                                s.units
                            ),
                        );
                    }
                    Err(e) => self.notices.error(self.on_screen(), e),
                }
            }
        }
        Action::None
    }

    /// The pane.
    pub fn view(&self) -> Element<'_, Message> {
        let ready = self.previewed().is_some();
        let controls = form(
            About::form("billing-month"),
            column![
                row![
                    field(
                        MONTH_ID,
                        "账单月份",
                        "2026-11",
                        &self.month_text,
                        self.month_error.as_deref(),
                        Message::MonthText,
                    ),
                    button(text("预览")).on_press(Message::Preview),
                    button(text("确认生成账单")).on_press_maybe(ready.then_some(Message::Run)),
                ]
                .spacing(8)
                .align_y(Alignment::Start),
                hint(format!(
                    "先预览核对，再生成。同一个月重复生成不会重复计费。由{}生成；其他人请其输入PIN会签。",
                    who_may(Act::FeeBill)
                )),
            ]
            .spacing(6),
        )
        .on_submit(Message::Preview)
        .keep_cursor();
        let mut c = column![controls].spacing(12);
        if let Some(n) = self.message() {
            c = c.push(text(&n.text).size(14).style(if n.error {
                text::danger
            } else {
                text::success
            }));
        }
        if let Some(p) = self.preview.as_ref().filter(|_| ready) {
            c = c.push(preview(p));
        }
        scroll(c.padding([0, 8])).height(Length::Fill).into()
    }

    /// Reloads the preview on screen (bills or prices may have changed elsewhere).
    pub fn reload(&mut self, store: &Store, _now: NaiveDateTime) {
        if let Some(m) = self.previewed() {
            self.load_preview(store, m);
        }
    }
}

fn cell<'a>(s: impl text::IntoFragment<'a>) -> iced::widget::Text<'a> {
    text(s).size(14)
}

fn preview(p: &BillingPreview) -> Element<'_, Message> {
    let month = p.month.map(|m| m.paper()).unwrap_or_default();
    let mut c = column![
        heading("预览"),
        cell(format!(
            "{month}：将新增 {} 条，合计 {}，涉及 {} 户；已生成 {} 条，不再重复",
            p.lines, p.total, p.units, p.already
        ))
        .size(16),
    ]
    .spacing(8);
    if !p.items.is_empty() {
        let columns = [
            table::column(cell("项目"), |r: &(String, u32, Fen)| cell(r.0.as_str()))
                .width(Length::Fill),
            table::column(cell("条数"), |r: &(String, u32, Fen)| {
                cell(r.1.to_string())
            })
            .align_x(Alignment::End),
            table::column(cell("合计"), |r: &(String, u32, Fen)| {
                cell(r.2.to_string())
            })
            .align_x(Alignment::End),
        ];
        c = c.push(table(columns, p.items.iter()).padding_y(2));
    }
    if !p.warnings.is_empty() {
        c = c.push(heading("未计费的项目"));
        for w in &p.warnings {
            c = c.push(cell(w.as_str()).style(text::danger));
        }
    }
    c = c.push(listed("空置减免", &p.discounted));
    c = c.push(listed("月中起计费", &p.partial));
    c.into()
}

/// A heading and `3-2-1502 物业管理服务费 空置15天按50%` lines, the first [`LISTED`] of them.
fn listed<'a>(title: &'a str, rows: &'a [(UnitAddress, String)]) -> Element<'a, Message> {
    if rows.is_empty() {
        return column![].into();
    }
    let mut c = column![heading(title)].spacing(4);
    for (unit, why) in rows.iter().take(LISTED) {
        c = c.push(cell(format!("{}　{why}", unit.short())));
    }
    if rows.len() > LISTED {
        c = c.push(hint(format!("另有 {} 户", rows.len() - LISTED)));
    }
    c.into()
}

impl PaneScreen for Billing {
    type Message = Message;

    fn command(&mut self, _command: Command, _ctx: &mut Ctx<'_>) -> Action<Message> {
        // Enter in the month field previews (the form's own submit); nothing else is bound.
        Action::None
    }

    fn search_id(&self) -> Option<&'static str> {
        None
    }

    fn form_open(&self) -> bool {
        false
    }
}
