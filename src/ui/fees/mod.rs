//! 收费管理 (chapter 5): the cashier's tab. Panes along the top: 收款 (a unit's account and a
//! payment with its 收款收据), 收据 (the month's receipts, reprint, void, 收费日报), 账单 (the
//! monthly billing run), 欠费 (arrears and reminders), 银行代扣, 公共水电, 收费标准 (items,
//! prices, parking spaces). Each pane keeps its own state and messages; this file switches
//! between them and routes the desk's keys.

pub mod arrears;
pub mod bank;
pub mod billing;
pub mod collect;
pub mod receipts;
pub mod standards;
pub mod utilities;

use chrono::NaiveDateTime;
use iced::Element;
use iced::widget::{button, column, row};

use super::{Action, Command, Ctx, Screen, widget};
use crate::store::Store;

/// The panes of the tab, left to right.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Pane {
    /// 收款.
    #[default]
    Collect,
    /// 收据.
    Receipts,
    /// 账单.
    Billing,
    /// 欠费.
    Arrears,
    /// 银行代扣.
    Bank,
    /// 公共水电.
    Utilities,
    /// 收费标准.
    Standards,
}

impl Pane {
    /// Every pane, left to right.
    pub const ALL: [Pane; 7] = [
        Pane::Collect,
        Pane::Receipts,
        Pane::Billing,
        Pane::Arrears,
        Pane::Bank,
        Pane::Utilities,
        Pane::Standards,
    ];

    /// The pane's button.
    pub fn label(self) -> &'static str {
        match self {
            Pane::Collect => "收款",
            Pane::Receipts => "收据与日报",
            Pane::Billing => "生成账单",
            Pane::Arrears => "欠费",
            Pane::Bank => "银行代扣",
            Pane::Utilities => "公共水电",
            Pane::Standards => "收费标准与车位",
        }
    }
}

/// The 收费管理 tab's state. The 收款 pane exists from the start; every other pane is built
/// (and reads the store) the first time it is shown, so opening the desk reads nothing of
/// theirs (the estate's arrears, a month's receipts) until the cashier asks.
pub struct Fees {
    pane: Pane,
    collect: collect::Collect,
    receipts: Option<receipts::Receipts>,
    billing: Option<billing::Billing>,
    arrears: Option<arrears::ArrearsPane>,
    bank: Option<bank::BankPane>,
    utilities: Option<utilities::UtilitiesPane>,
    standards: Option<standards::StandardsPane>,
}

/// What can happen in the 收费管理 tab.
#[derive(Debug, Clone)]
pub enum Message {
    /// A pane was chosen.
    Show(Pane),
    /// 收款.
    Collect(collect::Message),
    /// 收据与日报.
    Receipts(receipts::Message),
    /// 生成账单.
    Billing(billing::Message),
    /// 欠费.
    Arrears(arrears::Message),
    /// 银行代扣.
    Bank(bank::Message),
    /// 公共水电.
    Utilities(utilities::Message),
    /// 收费标准与车位.
    Standards(standards::Message),
}

/// Builds a pane the first time it is shown, then (every time) loads what it shows.
fn load<T>(slot: &mut Option<T>, make: impl FnOnce() -> T, reload: impl FnOnce(&mut T)) {
    reload(slot.get_or_insert_with(make));
}

/// A pane's message, handled only if the pane was built (a message for a pane never shown
/// cannot come from its view).
fn send<T, M: Send + 'static>(
    slot: &mut Option<T>,
    update: impl FnOnce(&mut T) -> Action<M>,
    wrap: fn(M) -> Message,
) -> Action<Message> {
    match slot {
        Some(pane) => update(pane).map(wrap),
        None => Action::None,
    }
}

impl Fees {
    /// The tab, on the 收款 pane.
    pub fn new(store: &Store, now: NaiveDateTime) -> Fees {
        Fees {
            pane: Pane::Collect,
            collect: collect::Collect::new(store, now),
            receipts: None,
            billing: None,
            arrears: None,
            bank: None,
            utilities: None,
            standards: None,
        }
    }

    /// The pane on screen.
    pub fn pane(&self) -> Pane {
        self.pane
    }

    /// The 收款 pane, for tests.
    pub fn collect(&self) -> &collect::Collect {
        &self.collect
    }

    /// The 收据与日报 pane once shown, for tests.
    pub fn receipts(&self) -> Option<&receipts::Receipts> {
        self.receipts.as_ref()
    }

    /// The 生成账单 pane once shown, for tests.
    pub fn billing(&self) -> Option<&billing::Billing> {
        self.billing.as_ref()
    }

    /// Handles a message of the tab.
    pub fn update(&mut self, message: Message, ctx: &mut Ctx<'_>) -> Action<Message> {
        match message {
            Message::Show(pane) => {
                self.pane = pane;
                self.reload_pane(ctx.store, ctx.now);
                Action::None
            }
            Message::Collect(m) => self.collect.update(m, ctx).map(Message::Collect),
            Message::Receipts(m) => {
                send(&mut self.receipts, |p| p.update(m, ctx), Message::Receipts)
            }
            Message::Billing(m) => send(&mut self.billing, |p| p.update(m, ctx), Message::Billing),
            Message::Arrears(m) => send(&mut self.arrears, |p| p.update(m, ctx), Message::Arrears),
            Message::Bank(m) => send(&mut self.bank, |p| p.update(m, ctx), Message::Bank),
            Message::Utilities(m) => send(
                &mut self.utilities,
                |p| p.update(m, ctx),
                Message::Utilities,
            ),
            Message::Standards(m) => send(
                &mut self.standards,
                |p| p.update(m, ctx),
                Message::Standards,
            ),
        }
    }

    /// Opens 欠费 on one building, or on the whole estate, from elsewhere (a line of 今日).
    pub fn open_arrears(&mut self, building: Option<u32>, ctx: &mut Ctx<'_>) -> Action<Message> {
        self.pane = Pane::Arrears;
        self.reload_pane(ctx.store, ctx.now);
        let choice = building.map_or(arrears::BuildingChoice::All, arrears::BuildingChoice::One);
        send(
            &mut self.arrears,
            |p| p.update(arrears::Message::Building(choice), ctx),
            Message::Arrears,
        )
    }

    /// The tab: the pane buttons, then the pane.
    pub fn view(&self) -> Element<'_, Message> {
        let buttons = row(Pane::ALL.iter().map(|&p| {
            let b = button(p.label()).on_press(Message::Show(p));
            let b = if p == self.pane {
                b.style(button::primary)
            } else {
                b.style(button::secondary)
            };
            b.into()
        }))
        .spacing(6);
        let pane = match self.pane {
            Pane::Collect => Some(self.collect.view().map(Message::Collect)),
            Pane::Receipts => self
                .receipts
                .as_ref()
                .map(|p| p.view().map(Message::Receipts)),
            Pane::Billing => self
                .billing
                .as_ref()
                .map(|p| p.view().map(Message::Billing)),
            Pane::Arrears => self
                .arrears
                .as_ref()
                .map(|p| p.view().map(Message::Arrears)),
            Pane::Bank => self.bank.as_ref().map(|p| p.view().map(Message::Bank)),
            Pane::Utilities => self
                .utilities
                .as_ref()
                .map(|p| p.view().map(Message::Utilities)),
            Pane::Standards => self
                .standards
                .as_ref()
                .map(|p| p.view().map(Message::Standards)),
        };
        // Every pane but 收款 is built when first shown, so this is never drawn empty.
        let pane = pane.unwrap_or_else(|| widget::hint(""));
        column![buttons, pane].spacing(10).into()
    }

    /// Reloads the pane on screen, building it the first time.
    fn reload_pane(&mut self, store: &Store, now: NaiveDateTime) {
        match self.pane {
            Pane::Collect => self.collect.reload(store, now),
            Pane::Receipts => load(
                &mut self.receipts,
                || receipts::Receipts::new(store, now),
                |p| p.reload(store, now),
            ),
            Pane::Billing => load(
                &mut self.billing,
                || billing::Billing::new(store, now),
                |p| p.reload(store, now),
            ),
            Pane::Arrears => load(
                &mut self.arrears,
                || arrears::ArrearsPane::new(store, now),
                |p| p.reload(store, now),
            ),
            Pane::Bank => load(
                &mut self.bank,
                || bank::BankPane::new(store, now),
                |p| p.reload(store, now),
            ),
            Pane::Utilities => load(
                &mut self.utilities,
                || utilities::UtilitiesPane::new(store, now),
                |p| p.reload(store, now),
            ),
            Pane::Standards => load(
                &mut self.standards,
                || standards::StandardsPane::new(store, now),
                |p| p.reload(store, now),
            ),
        }
    }
}

/// What every pane offers the tab: the same shape as [`Screen`], with its own messages.
trait PaneScreen {
    type Message;
    fn command(&mut self, command: Command, ctx: &mut Ctx<'_>) -> Action<Self::Message>;
    fn search_id(&self) -> Option<&'static str>;
    fn form_open(&self) -> bool;
}

/// The pane on screen as its [`PaneScreen`], when built.
macro_rules! on_pane {
    ($fees:expr, $p:ident => $body:expr, $none:expr) => {
        match $fees.pane {
            Pane::Collect => {
                let $p = &$fees.collect;
                $body
            }
            Pane::Receipts => $fees.receipts.as_ref().map_or($none, |$p| $body),
            Pane::Billing => $fees.billing.as_ref().map_or($none, |$p| $body),
            Pane::Arrears => $fees.arrears.as_ref().map_or($none, |$p| $body),
            Pane::Bank => $fees.bank.as_ref().map_or($none, |$p| $body),
            Pane::Utilities => $fees.utilities.as_ref().map_or($none, |$p| $body),
            Pane::Standards => $fees.standards.as_ref().map_or($none, |$p| $body),
        }
    };
}

impl Screen for Fees {
    type Message = Message;

    fn command(&mut self, command: Command, ctx: &mut Ctx<'_>) -> Action<Message> {
        match self.pane {
            Pane::Collect => self.collect.command(command, ctx).map(Message::Collect),
            Pane::Receipts => send(
                &mut self.receipts,
                |p| p.command(command, ctx),
                Message::Receipts,
            ),
            Pane::Billing => send(
                &mut self.billing,
                |p| p.command(command, ctx),
                Message::Billing,
            ),
            Pane::Arrears => send(
                &mut self.arrears,
                |p| p.command(command, ctx),
                Message::Arrears,
            ),
            Pane::Bank => send(&mut self.bank, |p| p.command(command, ctx), Message::Bank),
            Pane::Utilities => send(
                &mut self.utilities,
                |p| p.command(command, ctx),
                Message::Utilities,
            ),
            Pane::Standards => send(
                &mut self.standards,
                |p| p.command(command, ctx),
                Message::Standards,
            ),
        }
    }

    fn search_id(&self) -> Option<&'static str> {
        on_pane!(self, p => p.search_id(), None)
    }

    fn form_open(&self) -> bool {
        on_pane!(self, p => p.form_open(), false)
    }

    fn reload(&mut self, store: &Store, now: NaiveDateTime) {
        self.reload_pane(store, now);
    }
}
