//! 收据与日报: a month's receipts newest first, paged; a receipt's lines; 重新打印; 作废 with a
//! required reason (the supervisor's, countersigned otherwise), after which its lines are owed
//! again; and the cashier's day (收费日报) for a chosen day.

mod view;

use chrono::{NaiveDate, NaiveDateTime};
use iced::Element;

use super::PaneScreen;
use crate::domain::Month;
use crate::domain::date::parse_date;
use crate::domain::fees::ReceiptNumber;
use crate::store::{ReceiptRecord, Store};
use crate::ui::{About, Action, Command, Ctx, Notice, Notices, PrintJob};

/// Receipts per page.
pub const PAGE_SIZE: usize = 20;
/// The month field's id.
pub const MONTH_ID: &str = "fees-receipts-month";
/// The void reason's id.
pub const VOID_REASON_ID: &str = "fees-receipt-void-reason";
/// The 收费日报 day field's id.
pub const DAY_ID: &str = "fees-cashier-day";

/// The pane's state.
pub struct Receipts {
    month: Month,
    month_text: String,
    month_error: Option<String>,
    list: Vec<ReceiptRecord>,
    total: usize,
    page: usize,
    selected: Option<ReceiptRecord>,
    /// The void form's reason, while it is open.
    void: Option<String>,
    day_text: String,
    day_error: Option<String>,
    today: NaiveDate,
    notices: Notices,
}

/// What can happen in the pane.
#[derive(Debug, Clone)]
pub enum Message {
    /// The month field was edited.
    MonthText(String),
    /// Show the month typed.
    ShowMonth,
    /// Another page.
    PageTo(usize),
    /// A receipt was chosen.
    Select(ReceiptNumber),
    /// Print the chosen receipt again.
    Reprint,
    /// Open the void form.
    StartVoid,
    /// The void reason was edited.
    VoidReason(String),
    /// Void the chosen receipt with the reason typed.
    Void,
    /// Close the void form.
    Cancel,
    /// The 收费日报 day was edited.
    DayText(String),
    /// Print the 收费日报 of the day typed.
    PrintDay,
}

/// A receipt number as a record id for [`About`]: `SJ-202611-0003` → 2026110003.
fn about_id(n: ReceiptNumber) -> i64 {
    (i64::from(n.month.year()) * 100 + i64::from(n.month.number())) * 10_000 + i64::from(n.seq)
}

impl Receipts {
    /// The pane, on the month of `now`. It reads the store only when shown ([`Self::reload`]).
    pub fn new(_store: &Store, now: NaiveDateTime) -> Receipts {
        let month = Month::of(now.date());
        Receipts {
            month,
            month_text: month.code(),
            month_error: None,
            list: Vec::new(),
            total: 0,
            page: 0,
            selected: None,
            void: None,
            day_text: crate::domain::date::table_date(now.date()),
            day_error: None,
            today: now.date(),
            notices: Notices::default(),
        }
    }

    /// The receipts listed.
    pub fn list(&self) -> &[ReceiptRecord] {
        &self.list
    }

    /// The chosen receipt.
    pub fn selected(&self) -> Option<&ReceiptRecord> {
        self.selected.as_ref()
    }

    /// The message shown beside what is on screen.
    pub fn message(&self) -> Option<&Notice> {
        self.notices.about(self.on_screen())
    }

    /// What the right-hand side shows.
    pub fn on_screen(&self) -> About {
        match (&self.selected, &self.void) {
            (Some(r), Some(_)) => About::record("receipt-void", about_id(r.number)),
            (Some(r), None) => About::record("receipt", about_id(r.number)),
            (None, _) => About::TAB,
        }
    }

    fn fail(&mut self, text: impl Into<String>) {
        self.notices.error(self.on_screen(), text);
    }

    fn refresh(&mut self, store: &Store) {
        match store.receipts_in(self.month, self.page, PAGE_SIZE) {
            Ok((list, total)) => {
                self.list = list;
                self.total = total;
            }
            Err(e) => self.fail(e.to_string()),
        }
        if let Some(n) = self.selected.as_ref().map(|r| r.number) {
            match store.receipt(n) {
                Ok(r) => self.selected = Some(r),
                Err(e) => self.fail(e.to_string()),
            }
        }
    }

    /// Handles a message of the pane.
    pub fn update(&mut self, message: Message, ctx: &mut Ctx<'_>) -> Action<Message> {
        self.today = ctx.now.date();
        match message {
            Message::MonthText(t) => {
                self.month_text = t;
                self.month_error = None;
            }
            Message::ShowMonth => match Month::parse(&self.month_text) {
                Ok(m) => {
                    self.month = m;
                    self.month_text = m.code();
                    self.page = 0;
                    self.refresh(ctx.store);
                }
                Err(e) => self.month_error = Some(e.to_string()),
            },
            Message::PageTo(p) => {
                self.page = p;
                self.refresh(ctx.store);
            }
            Message::Select(n) => {
                if self.selected.as_ref().map(|r| r.number) != Some(n) {
                    self.void = None;
                    self.notices.clear();
                }
                match ctx.store.receipt(n) {
                    Ok(r) => self.selected = Some(r),
                    Err(e) => self.fail(e.to_string()),
                }
            }
            Message::Reprint => {
                if let Some(r) = &self.selected {
                    return super::collect::print_receipt(r.number);
                }
            }
            Message::StartVoid => {
                if self.selected.as_ref().is_some_and(|r| r.voided.is_none()) {
                    self.void = Some(String::new());
                }
            }
            Message::VoidReason(t) => {
                if let Some(reason) = &mut self.void {
                    *reason = t;
                    self.notices.edited(self.on_screen());
                }
            }
            Message::Void => self.void(ctx),
            Message::Cancel => self.void = None,
            Message::DayText(t) => {
                self.day_text = t;
                self.day_error = None;
            }
            Message::PrintDay => match parse_date(&self.day_text) {
                Ok(day) => {
                    self.day_error = None;
                    return print_day(day);
                }
                Err(e) => self.day_error = Some(e.to_string()),
            },
        }
        Action::None
    }

    /// 作废: the reason is required; the store asks for the supervisor's countersign when the
    /// person signed in may not void, and the desk sends this message again once given.
    fn void(&mut self, ctx: &mut Ctx<'_>) {
        let (Some(r), Some(reason)) = (&self.selected, &self.void) else {
            return;
        };
        let number = r.number;
        let reason = reason.trim().to_string();
        if reason.is_empty() {
            self.fail("请写明作废原因");
            return;
        }
        let done = ctx.recorder().and_then(|rec| {
            ctx.store
                .void_receipt(number, &reason, &rec)
                .map_err(|e| e.to_string())
        });
        match done {
            Ok(()) => {
                self.void = None;
                self.refresh(ctx.store);
                self.notices.ok(
                    self.on_screen(),
                    format!("收据 {number} 已作废，所收费用重新计为未缴"),
                );
            }
            Err(e) => self.fail(e),
        }
    }

    /// The pane.
    pub fn view(&self) -> Element<'_, Message> {
        view::view(self)
    }

    /// Reloads the month's receipts and the chosen one (the pane is shown, or a minute passed).
    pub fn reload(&mut self, store: &Store, now: NaiveDateTime) {
        self.today = now.date();
        self.refresh(store);
    }
}

/// Prints the 收费日报 of `day`.
fn print_day(day: NaiveDate) -> Action<Message> {
    Action::Print(PrintJob::CashierDay(day))
}

impl PaneScreen for Receipts {
    type Message = Message;

    fn command(&mut self, command: Command, ctx: &mut Ctx<'_>) -> Action<Message> {
        let message = match (command, &self.void, &self.selected) {
            (Command::Submit, Some(_), _) => Message::Void,
            (Command::Cancel, Some(_), _) => Message::Cancel,
            (Command::Print, None, Some(_)) => Message::Reprint,
            _ => return Action::None,
        };
        self.update(message, ctx)
    }

    fn search_id(&self) -> Option<&'static str> {
        None
    }

    fn form_open(&self) -> bool {
        self.void.is_some()
    }
}
