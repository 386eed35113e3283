//! 收费管理 (chapter 5): the cashier's tab. Panes along the top: 收款 (a unit's account and a
//! payment with its 收款收据), 收据 (the month's receipts, reprint, void, 收费日报), 账单 (the
//! monthly billing run), 欠费 (arrears and reminders), 银行代扣, 公共水电, 收费标准 (items,
//! prices, parking spaces). Each pane keeps its own state and messages; this file switches
//! between them and routes the desk's keys.

mod arrears;
mod bank;
pub mod billing;
pub mod collect;
pub mod receipts;
mod standards;
mod utilities;

use chrono::NaiveDateTime;
use iced::Element;
use iced::widget::{button, column, row};

use super::{Action, Command, Ctx, Screen};
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

/// The 收费管理 tab's state.
pub struct Fees {
    pane: Pane,
    collect: collect::Collect,
    receipts: receipts::Receipts,
    billing: billing::Billing,
    arrears: arrears::ArrearsPane,
    bank: bank::BankPane,
    utilities: utilities::UtilitiesPane,
    standards: standards::StandardsPane,
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

impl Fees {
    /// The tab, on the 收款 pane.
    pub fn new(store: &Store, now: NaiveDateTime) -> Fees {
        Fees {
            pane: Pane::Collect,
            collect: collect::Collect::new(store, now),
            receipts: receipts::Receipts::new(store, now),
            billing: billing::Billing::new(store, now),
            arrears: arrears::ArrearsPane::new(store, now),
            bank: bank::BankPane::new(store, now),
            utilities: utilities::UtilitiesPane::new(store, now),
            standards: standards::StandardsPane::new(store, now),
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

    /// The 收据与日报 pane, for tests.
    pub fn receipts(&self) -> &receipts::Receipts {
        &self.receipts
    }

    /// The 生成账单 pane, for tests.
    pub fn billing(&self) -> &billing::Billing {
        &self.billing
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
            Message::Receipts(m) => self.receipts.update(m, ctx).map(Message::Receipts),
            Message::Billing(m) => self.billing.update(m, ctx).map(Message::Billing),
            Message::Arrears(m) => self.arrears.update(m, ctx).map(Message::Arrears),
            Message::Bank(m) => self.bank.update(m, ctx).map(Message::Bank),
            Message::Utilities(m) => self.utilities.update(m, ctx).map(Message::Utilities),
            Message::Standards(m) => self.standards.update(m, ctx).map(Message::Standards),
        }
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
            Pane::Collect => self.collect.view().map(Message::Collect),
            Pane::Receipts => self.receipts.view().map(Message::Receipts),
            Pane::Billing => self.billing.view().map(Message::Billing),
            Pane::Arrears => self.arrears.view().map(Message::Arrears),
            Pane::Bank => self.bank.view().map(Message::Bank),
            Pane::Utilities => self.utilities.view().map(Message::Utilities),
            Pane::Standards => self.standards.view().map(Message::Standards),
        };
        column![buttons, pane].spacing(10).into()
    }

    fn reload_pane(&mut self, store: &Store, now: NaiveDateTime) {
        match self.pane {
            Pane::Collect => self.collect.reload(store, now),
            Pane::Receipts => self.receipts.reload(store, now),
            Pane::Billing => self.billing.reload(store, now),
            Pane::Arrears => self.arrears.reload(store, now),
            Pane::Bank => self.bank.reload(store, now),
            Pane::Utilities => self.utilities.reload(store, now),
            Pane::Standards => self.standards.reload(store, now),
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

impl Screen for Fees {
    type Message = Message;

    fn command(&mut self, command: Command, ctx: &mut Ctx<'_>) -> Action<Message> {
        match self.pane {
            Pane::Collect => self.collect.command(command, ctx).map(Message::Collect),
            Pane::Receipts => self.receipts.command(command, ctx).map(Message::Receipts),
            Pane::Billing => self.billing.command(command, ctx).map(Message::Billing),
            Pane::Arrears => self.arrears.command(command, ctx).map(Message::Arrears),
            Pane::Bank => self.bank.command(command, ctx).map(Message::Bank),
            Pane::Utilities => self.utilities.command(command, ctx).map(Message::Utilities),
            Pane::Standards => self.standards.command(command, ctx).map(Message::Standards),
        }
    }

    fn search_id(&self) -> Option<&'static str> {
        match self.pane {
            Pane::Collect => self.collect.search_id(),
            Pane::Receipts => self.receipts.search_id(),
            Pane::Billing => self.billing.search_id(),
            Pane::Arrears => self.arrears.search_id(),
            Pane::Bank => self.bank.search_id(),
            Pane::Utilities => self.utilities.search_id(),
            Pane::Standards => self.standards.search_id(),
        }
    }

    fn form_open(&self) -> bool {
        match self.pane {
            Pane::Collect => self.collect.form_open(),
            Pane::Receipts => self.receipts.form_open(),
            Pane::Billing => self.billing.form_open(),
            Pane::Arrears => self.arrears.form_open(),
            Pane::Bank => self.bank.form_open(),
            Pane::Utilities => self.utilities.form_open(),
            Pane::Standards => self.standards.form_open(),
        }
    }

    fn reload(&mut self, store: &Store, now: NaiveDateTime) {
        self.reload_pane(store, now);
    }
}
