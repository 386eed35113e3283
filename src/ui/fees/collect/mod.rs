//! 收款: find a unit with the register's search, see what it owes (open lines oldest first, each
//! with a checkbox), take a payment with its 收款收据, post a one-off charge, adjust a line (the
//! supervisor's), change the unit's fee basis, and page through its history.

mod draft;
mod view;

pub use draft::{
    ADJUST_DELTA_ID, ADJUST_REASON_ID, AdjustDraft, BASIS_FROM_ID, BasisDraft, CHARGE_AMOUNT_ID,
    CHARGE_BASIS_ID, CHARGE_MONTH_ID, ChargeDraft, ItemChoice, NOTE_ID, PAYER_ID, PREPAY_ID,
    PayDraft, TENDERED_ID,
};

use std::collections::BTreeSet;

use chrono::NaiveDateTime;
use iced::Element;

use super::PaneScreen;
use crate::domain::fees::{FeeKind, LineId, PayMethod, ReceiptNumber, UnitKind};
use crate::domain::unit::UnitId;
use crate::domain::{Fen, Month, SearchQuery};
use crate::store::{AccountEvent, FeeAccount, SearchPage, Store, StoreError, UnitFeeBasis};
use crate::ui::{About, Action, Command, Ctx, Notice, Notices, PrintJob};

/// The id of the pane's search box.
pub const SEARCH_ID: &str = "fees-collect-search";
/// Units per page of search results.
pub const PAGE_SIZE: usize = 12;
/// Events per page of the unit's history.
pub const HISTORY_SIZE: usize = 10;

/// The unit being served: its account, fee basis and a page of its history.
#[derive(Debug, Clone)]
pub struct Loaded {
    /// Address, payer, balance and open lines.
    pub account: FeeAccount,
    /// 房屋类型 and 计费起始日.
    pub basis: UnitFeeBasis,
    /// A page of bills and receipts, newest first.
    pub history: Vec<AccountEvent>,
    /// How many events in all.
    pub history_total: usize,
    /// The page shown.
    pub history_page: usize,
}

/// A form in place of the payment form.
#[derive(Debug, Clone)]
pub enum Editor {
    /// 计费信息.
    Basis(BasisDraft),
    /// 临时收费.
    Charge(ChargeDraft),
    /// 调整 of a line.
    Adjust(AdjustDraft),
}

/// The pane's state.
pub struct Collect {
    query: String,
    results: SearchPage,
    unit: Option<Loaded>,
    /// The open lines ticked to pay.
    chosen: BTreeSet<LineId>,
    pay: PayDraft,
    editor: Option<Editor>,
    /// The last receipt issued here, for 重新打印.
    last_receipt: Option<ReceiptNumber>,
    today: chrono::NaiveDate,
    notices: Notices,
}

/// What can happen in the pane.
#[derive(Debug, Clone)]
pub enum Message {
    /// The search text changed.
    SearchChanged(String),
    /// Another page of results.
    PageTo(usize),
    /// A unit was chosen.
    Select(UnitId),
    /// A line was ticked or unticked.
    Toggle(LineId, bool),
    /// 全选 (true) or 全不选 (false).
    All(bool),
    /// 付款方式.
    Method(PayMethod),
    /// 实收.
    Tendered(String),
    /// 预存.
    Prepay(String),
    /// 付款人.
    Payer(String),
    /// 备注.
    Note(String),
    /// 收款.
    Pay,
    /// Another page of the history.
    HistoryPage(usize),
    /// Open the fee basis form.
    EditBasis,
    /// 房屋类型 chosen.
    BasisKind(UnitKind),
    /// 计费起始日 typed.
    BasisFrom(String),
    /// Open the one-off charge form.
    NewCharge,
    /// The charge's item chosen.
    ChargeItem(ItemChoice),
    /// The charge's month typed.
    ChargeMonth(String),
    /// The charge's amount typed.
    ChargeAmount(String),
    /// The charge's description typed.
    ChargeBasis(String),
    /// Open the adjustment of a line.
    Adjust(LineId),
    /// The adjustment's amount typed.
    AdjustDelta(String),
    /// The adjustment's reason typed.
    AdjustReason(String),
    /// Save the open form (basis, charge, adjustment).
    Save,
    /// Close the open form.
    Cancel,
    /// Print (again) a receipt.
    Print(ReceiptNumber),
}

impl Collect {
    /// The pane as of `now`, with the first page of the register.
    pub fn new(store: &Store, now: NaiveDateTime) -> Collect {
        let mut pane = Collect {
            query: String::new(),
            results: SearchPage::default(),
            unit: None,
            chosen: BTreeSet::new(),
            pay: PayDraft::new(""),
            editor: None,
            last_receipt: None,
            today: now.date(),
            notices: Notices::default(),
        };
        pane.search(store, 0);
        pane
    }

    /// The unit being served.
    pub fn unit(&self) -> Option<&Loaded> {
        self.unit.as_ref()
    }

    /// The lines ticked to pay.
    pub fn chosen(&self) -> &BTreeSet<LineId> {
        &self.chosen
    }

    /// The open form.
    pub fn editor(&self) -> Option<&Editor> {
        self.editor.as_ref()
    }

    /// The last receipt issued in this pane.
    pub fn last_receipt(&self) -> Option<ReceiptNumber> {
        self.last_receipt
    }

    /// The message shown beside what is on screen.
    pub fn message(&self) -> Option<&Notice> {
        self.notices.about(self.on_screen())
    }

    /// What the right-hand side shows: a form about the unit or a line, the unit, or nothing.
    pub fn on_screen(&self) -> About {
        let unit = self.unit.as_ref().map_or(0, |u| u.account.unit.0);
        match &self.editor {
            Some(Editor::Basis(_)) => About::record("fee-basis", unit),
            Some(Editor::Charge(_)) => About::record("fee-charge", unit),
            Some(Editor::Adjust(a)) => About::record("fee-adjust", a.line.0),
            None if unit == 0 => About::TAB,
            None => About::record("fee-unit", unit),
        }
    }

    /// The ticked lines' total.
    pub fn chosen_total(&self) -> Fen {
        let Some(u) = &self.unit else {
            return Fen(0);
        };
        Fen(u
            .account
            .open
            .iter()
            .filter(|l| self.chosen.contains(&l.id))
            .map(|l| l.amount.0)
            .sum())
    }

    fn fail(&mut self, text: impl Into<String>) {
        self.notices.error(self.on_screen(), text);
    }

    fn search(&mut self, store: &Store, page: usize) {
        match store.search_units(&SearchQuery::parse(&self.query), page, PAGE_SIZE) {
            Ok(r) => self.results = r,
            Err(e) => self.fail(e.to_string()),
        }
    }

    /// Loads `id`'s account; a newly chosen unit starts with every open line ticked and a
    /// fresh payment form, the same unit keeps what was ticked (less what is paid).
    fn load(&mut self, store: &Store, id: UnitId) {
        let same = self.unit.as_ref().is_some_and(|u| u.account.unit == id);
        let page = if same {
            self.unit.as_ref().map_or(0, |u| u.history_page)
        } else {
            0
        };
        let loaded = (|| {
            let account = store.fee_account(id)?;
            let basis = store.unit_fee_basis(id)?;
            let (history, history_total) = store.fee_history(id, page, HISTORY_SIZE)?;
            Ok::<_, StoreError>(Loaded {
                account,
                basis,
                history,
                history_total,
                history_page: page,
            })
        })();
        match loaded {
            Ok(l) => {
                let open: BTreeSet<LineId> = l.account.open.iter().map(|x| x.id).collect();
                if same {
                    self.chosen.retain(|id| open.contains(id));
                } else {
                    self.chosen = open;
                    self.pay = PayDraft::new(&l.account.payer);
                    self.editor = None;
                    self.last_receipt = None;
                }
                self.unit = Some(l);
            }
            Err(e) => self.fail(e.to_string()),
        }
    }

    fn reload_unit(&mut self, store: &Store) {
        if let Some(id) = self.unit.as_ref().map(|u| u.account.unit) {
            self.load(store, id);
        }
    }

    /// Handles a message of the pane.
    pub fn update(&mut self, message: Message, ctx: &mut Ctx<'_>) -> Action<Message> {
        self.today = ctx.now.date();
        match message {
            Message::SearchChanged(q) => {
                self.query = q;
                self.search(ctx.store, 0);
            }
            Message::PageTo(p) => self.search(ctx.store, p),
            Message::Select(id) => {
                if self.unit.as_ref().map(|u| u.account.unit) != Some(id) {
                    self.notices.clear();
                }
                self.load(ctx.store, id);
            }
            Message::Toggle(line, on) => {
                if on {
                    self.chosen.insert(line);
                } else {
                    self.chosen.remove(&line);
                }
            }
            Message::All(on) => {
                self.chosen = match (&self.unit, on) {
                    (Some(u), true) => u.account.open.iter().map(|l| l.id).collect(),
                    _ => BTreeSet::new(),
                };
            }
            Message::Method(m) => self.pay.method = m,
            Message::Tendered(t) => self.edit_pay(|d| d.tendered = t),
            Message::Prepay(t) => self.edit_pay(|d| d.prepay = t),
            Message::Payer(t) => self.edit_pay(|d| d.payer = t),
            Message::Note(t) => self.pay.note = t,
            Message::Pay => return self.take_payment(ctx),
            Message::HistoryPage(p) => {
                if let Some(u) = &mut self.unit {
                    match ctx.store.fee_history(u.account.unit, p, HISTORY_SIZE) {
                        Ok((h, total)) => {
                            u.history = h;
                            u.history_total = total;
                            u.history_page = p;
                        }
                        Err(e) => self.fail(e.to_string()),
                    }
                }
            }
            Message::EditBasis => {
                if let Some(u) = &self.unit {
                    self.editor = Some(Editor::Basis(BasisDraft::new(&u.basis)));
                }
            }
            Message::BasisKind(k) => self.edit(|e| {
                if let Editor::Basis(d) = e {
                    d.kind = k;
                }
            }),
            Message::BasisFrom(t) => self.edit(|e| {
                if let Editor::Basis(d) = e {
                    d.from = t;
                    d.error = None;
                }
            }),
            Message::NewCharge => self.open_charge(ctx.store),
            Message::ChargeItem(i) => self.edit(|e| {
                if let Editor::Charge(d) = e {
                    d.item = Some(i);
                    d.errors[0] = None;
                }
            }),
            Message::ChargeMonth(t) => self.edit(|e| {
                if let Editor::Charge(d) = e {
                    d.month = t;
                    d.errors[1] = None;
                }
            }),
            Message::ChargeAmount(t) => self.edit(|e| {
                if let Editor::Charge(d) = e {
                    d.amount = t;
                    d.errors[2] = None;
                }
            }),
            Message::ChargeBasis(t) => self.edit(|e| {
                if let Editor::Charge(d) = e {
                    d.basis = t;
                    d.errors[3] = None;
                }
            }),
            Message::Adjust(line) => self.open_adjust(line),
            Message::AdjustDelta(t) => self.edit(|e| {
                if let Editor::Adjust(d) = e {
                    d.delta = t;
                    d.errors[0] = None;
                }
            }),
            Message::AdjustReason(t) => self.edit(|e| {
                if let Editor::Adjust(d) = e {
                    d.reason = t;
                    d.errors[1] = None;
                }
            }),
            Message::Save => self.save(ctx),
            Message::Cancel => {
                self.editor = None;
            }
            Message::Print(number) => return print_receipt(number),
        }
        Action::None
    }

    fn edit_pay(&mut self, f: impl FnOnce(&mut PayDraft)) {
        f(&mut self.pay);
        self.pay.errors = Default::default();
        self.notices.edited(self.on_screen());
    }

    fn edit(&mut self, f: impl FnOnce(&mut Editor)) {
        if let Some(e) = &mut self.editor {
            f(e);
            self.notices.edited(self.on_screen());
        }
    }

    fn open_charge(&mut self, store: &Store) {
        if self.unit.is_none() {
            return;
        }
        match store.fee_items() {
            Ok(items) => {
                let items = items
                    .into_iter()
                    .filter(|i| i.active && i.kind == FeeKind::OneOff)
                    .map(|i| ItemChoice {
                        id: i.id,
                        name: i.name,
                    })
                    .collect();
                self.editor = Some(Editor::Charge(ChargeDraft::new(
                    items,
                    Month::of(self.today),
                )));
            }
            Err(e) => self.fail(e.to_string()),
        }
    }

    fn open_adjust(&mut self, line: LineId) {
        let Some(l) = self
            .unit
            .as_ref()
            .and_then(|u| u.account.open.iter().find(|l| l.id == line))
        else {
            return;
        };
        self.editor = Some(Editor::Adjust(AdjustDraft {
            line,
            title: format!("{} {} {}", l.month, l.item_name, l.amount),
            delta: String::new(),
            reason: String::new(),
            errors: Default::default(),
        }));
    }

    /// 收款: the payment goes to the store, the notice names the receipt and its total in
    /// words, and the 收款收据 is printed.
    fn take_payment(&mut self, ctx: &mut Ctx<'_>) -> Action<Message> {
        let Some(u) = &self.unit else {
            return Action::None;
        };
        let unit = u.account.unit;
        // In the account's order (oldest first), as the receipt lists them.
        let lines: Vec<LineId> = u
            .account
            .open
            .iter()
            .filter(|l| self.chosen.contains(&l.id))
            .map(|l| l.id)
            .collect();
        let total = self.chosen_total();
        let payment = match self.pay.payment(unit, lines, total) {
            Ok(p) => p,
            Err(e) => {
                self.fail(e);
                return Action::None;
            }
        };
        let rec = match ctx.recorder() {
            Ok(r) => r,
            Err(e) => {
                self.fail(e);
                return Action::None;
            }
        };
        match ctx.store.take_payment(&payment, &rec) {
            Ok(number) => {
                let total = ctx
                    .store
                    .receipt(number)
                    .map(|r| r.total)
                    .unwrap_or_else(|_| total.checked_add(payment.prepay).unwrap_or(total));
                let change = match (payment.tendered, total) {
                    (Some(t), total) if t > total => format!("，找零 {}", Fen(t.0 - total.0)),
                    _ => String::new(),
                };
                self.load(ctx.store, unit);
                self.pay = PayDraft::new(&self.pay.payer.clone());
                self.last_receipt = Some(number);
                self.notices.ok(
                    self.on_screen(),
                    format!(
                        "已收款，收据 {number}，合计 {total}（人民币{}）{change}",
                        total.to_chinese_upper()
                    ),
                );
                print_receipt(number)
            }
            Err(e) => {
                self.fail(e.to_string());
                Action::None
            }
        }
    }

    /// Saves the open form; on success it closes and the account reloads.
    fn save(&mut self, ctx: &mut Ctx<'_>) {
        let Some(unit) = self.unit.as_ref().map(|u| u.account.unit) else {
            return;
        };
        let rec = match ctx.recorder() {
            Ok(r) => r,
            Err(e) => {
                self.fail(e);
                return;
            }
        };
        let done: Result<String, String> = match &mut self.editor {
            Some(Editor::Basis(d)) => match d.basis() {
                Some(b) => ctx
                    .store
                    .save_unit_fee_basis(unit, &b, &rec)
                    .map(|()| "计费信息已保存".to_string())
                    .map_err(|e| e.to_string()),
                None => Err("计费起始日填写不正确，请按红字提示修改".into()),
            },
            Some(Editor::Charge(d)) => match d.charge(unit) {
                Some(c) => ctx
                    .store
                    .post_charge(&c, &rec)
                    .map(|_| format!("已记入 {} {} {}", c.month, d.item_name(), c.amount))
                    .map_err(|e| e.to_string()),
                None => Err("有填写不正确的地方，请按红字提示修改".into()),
            },
            Some(Editor::Adjust(d)) => match d.checked() {
                Some((delta, reason)) => ctx
                    .store
                    .adjust_line(d.line, delta, &reason, &rec)
                    .map(|_| format!("已调整 {delta}：{reason}"))
                    .map_err(|e| e.to_string()),
                None => Err("有填写不正确的地方，请按红字提示修改".into()),
            },
            None => return,
        };
        match done {
            Ok(text) => {
                let new_lines = matches!(self.editor, Some(Editor::Charge(_) | Editor::Adjust(_)));
                self.editor = None;
                let before: BTreeSet<LineId> = self
                    .unit
                    .as_ref()
                    .map(|u| u.account.open.iter().map(|l| l.id).collect())
                    .unwrap_or_default();
                self.load(ctx.store, unit);
                if new_lines && let Some(u) = &self.unit {
                    // A charge or adjustment just made is ticked to pay with the rest.
                    self.chosen.extend(
                        u.account
                            .open
                            .iter()
                            .map(|l| l.id)
                            .filter(|id| !before.contains(id)),
                    );
                }
                self.notices.ok(self.on_screen(), text);
            }
            // The form stays open with what was typed (a countersign sends Save again).
            Err(e) => self.fail(e),
        }
    }

    /// The pane.
    pub fn view(&self) -> Element<'_, Message> {
        view::view(self)
    }

    /// Reloads what other tabs or the clock change: the results and the unit's account.
    pub fn reload(&mut self, store: &Store, now: NaiveDateTime) {
        self.today = now.date();
        self.search(store, self.results.page);
        self.reload_unit(store);
    }
}

impl ChargeDraft {
    fn item_name(&self) -> &str {
        self.item.as_ref().map_or("", |i| i.name.as_str())
    }
}

impl PaneScreen for Collect {
    type Message = Message;

    fn command(&mut self, command: Command, ctx: &mut Ctx<'_>) -> Action<Message> {
        let message = match (command, &self.editor) {
            (Command::Submit, Some(_)) => Message::Save,
            (Command::Cancel, Some(_)) => Message::Cancel,
            // Enter in the search box serves the first unit found.
            (Command::Submit, None) => match self.results.rows.first() {
                Some(r) if !self.query.trim().is_empty() => Message::Select(r.unit.id),
                _ => return Action::None,
            },
            (Command::Print, None) => match self.last_receipt {
                Some(n) => Message::Print(n),
                None => return Action::None,
            },
            _ => return Action::None,
        };
        self.update(message, ctx)
    }

    fn search_id(&self) -> Option<&'static str> {
        Some(SEARCH_ID)
    }

    fn form_open(&self) -> bool {
        self.editor.is_some()
    }
}

/// Prints a 收款收据 (the desk renders it in the copy mode set in 设置).
pub(super) fn print_receipt<M>(number: ReceiptNumber) -> Action<M> {
    Action::Print(PrintJob::Receipt(number))
}
