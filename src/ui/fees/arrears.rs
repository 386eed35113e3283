//! The 欠费 pane of 收费管理 (to be built: see NOTES.md).

use chrono::NaiveDateTime;
use iced::Element;

use super::PaneScreen;
use crate::store::Store;
use crate::ui::widget::hint;
use crate::ui::{Action, Command, Ctx};

/// The pane's state.
pub struct ArrearsPane {}

/// What can happen in the pane.
#[derive(Debug, Clone)]
pub enum Message {}

impl ArrearsPane {
    /// The pane as of `now`.
    pub fn new(store: &Store, now: NaiveDateTime) -> ArrearsPane {
        let mut pane = ArrearsPane {};
        pane.reload(store, now);
        pane
    }

    /// Handles a message of the pane.
    pub fn update(&mut self, message: Message, _ctx: &mut Ctx<'_>) -> Action<Message> {
        match message {}
    }

    /// The pane.
    pub fn view(&self) -> Element<'_, Message> {
        hint("欠费")
    }

    /// Reloads what other tabs or the clock change.
    pub fn reload(&mut self, _store: &Store, _now: NaiveDateTime) {}
}

impl PaneScreen for ArrearsPane {
    type Message = Message;

    fn command(&mut self, _command: Command, _ctx: &mut Ctx<'_>) -> Action<Message> {
        Action::None
    }

    fn search_id(&self) -> Option<&'static str> {
        None
    }

    fn form_open(&self) -> bool {
        false
    }
}
