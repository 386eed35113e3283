//! 今日: the first tab, one list of what needs someone now across the office — repairs past or
//! near their deadlines, keys out past due, today's passes, the month's inspections, overdue
//! bills — most urgent first. Clicking a line opens its record in its own tab
//! ([`Action::Open`]). It reloads on every minute tick, so a desk left open overnight is right
//! in the morning.

mod view;

use chrono::NaiveDateTime;

use super::{Action, Command, Ctx, Screen};
use crate::domain::today::{OpenRecord, TodayItem, overdue_count};
use crate::store::Store;

/// The 今日 tab's state: the board as of the last reload.
pub struct Today {
    items: Vec<TodayItem>,
    /// The time the board was built at: lateness is drawn against it.
    now: NaiveDateTime,
    /// Why the board could not be built, if it could not.
    error: Option<String>,
}

/// What can happen in the 今日 tab.
#[derive(Debug, Clone)]
pub enum Message {
    /// A line was clicked: open its record in its tab.
    Open(OpenRecord),
}

impl Today {
    /// The board as of `now`.
    pub fn new(store: &Store, now: NaiveDateTime) -> Today {
        let mut t = Today {
            items: Vec::new(),
            now,
            error: None,
        };
        t.reload(store, now);
        t
    }

    /// The lines, most urgent first.
    pub fn items(&self) -> &[TodayItem] {
        &self.items
    }

    /// The time the board was built at.
    pub fn now(&self) -> NaiveDateTime {
        self.now
    }

    /// Why the board could not be built, if it could not.
    pub fn error(&self) -> Option<&str> {
        self.error.as_deref()
    }

    /// How many lines were past due when the board was built (the tab's label shows it).
    pub fn overdue_count(&self) -> usize {
        overdue_count(&self.items, self.now)
    }

    /// Handles a message.
    pub fn update(&mut self, message: Message, _ctx: &mut Ctx<'_>) -> Action<Message> {
        match message {
            Message::Open(record) => Action::Open(record),
        }
    }
}

impl Screen for Today {
    type Message = Message;

    fn command(&mut self, command: Command, ctx: &mut Ctx<'_>) -> Action<Message> {
        match command {
            // Enter opens the most urgent line.
            Command::Submit => match self.items.first() {
                Some(item) => self.update(Message::Open(item.open), ctx),
                None => Action::None,
            },
            Command::Cancel
            | Command::Print
            | Command::Next
            | Command::Previous
            | Command::Search
            | Command::Tab(_) => Action::None,
        }
    }

    fn search_id(&self) -> Option<&'static str> {
        None
    }

    fn form_open(&self) -> bool {
        false
    }

    fn reload(&mut self, store: &Store, now: NaiveDateTime) {
        self.now = now;
        match store.today(now) {
            Ok(items) => {
                self.items = items;
                self.error = None;
            }
            // The last good board stays; the line above it says why it is not fresh.
            Err(e) => self.error = Some(format!("今日事项读取失败：{e}")),
        }
    }
}
