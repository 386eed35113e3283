//! 房屋代租: the units owners entrust to the office for letting — the list by state (待租, 在租,
//! 已撤回), each entrustment with its viewings and leases, and the forms: 委托, 看房, 签约,
//! 退租, 撤回委托; the 委托代租协议 and the 房屋出租登记表 printed from the record.

mod drafts;
mod forms_view;
mod steps;
mod update;
mod view;

pub use drafts::{EntrustDraft, Field, a_year_from};
pub use steps::{EndDraft, LeaseDraft, ViewingDraft};

use chrono::NaiveDateTime;

use super::{About, Action, Command, Ctx, Notice, Notices, Screen, StaffChoice};
use crate::domain::rental::{EntrustmentId, ListingState};
use crate::store::{RentalFilter, RentalRecord, RentalSummary, Store, StoreError, UnitSummary};

/// Lines the list shows at most (the newest first; search narrows it).
pub const LIST_LIMIT: usize = 300;
/// The id of the list's search box.
pub const SEARCH_ID: &str = "rental-search";

/// What the right-hand side shows.
#[derive(Debug, Clone)]
pub enum Panel {
    /// The selected entrustment (or a hint).
    Detail,
    /// 委托代租: a new entrustment.
    Entrust(EntrustDraft),
    /// 登记看房.
    Viewing(ViewingDraft),
    /// 签订租约.
    Lease(LeaseDraft),
    /// 退租.
    End(EndDraft),
    /// 撤回委托 (only the reason is used).
    Withdraw(EndDraft),
}

/// The rental tab's state.
pub struct Rental {
    state: Option<ListingState>,
    query: String,
    rows: Vec<RentalSummary>,
    selected: Option<RentalRecord>,
    panel: Panel,
    notices: Notices,
    /// The time of the last update or reload.
    now: NaiveDateTime,
    staff: Vec<StaffChoice>,
    unit_matches: Vec<UnitSummary>,
}

/// What can happen in the rental tab.
#[derive(Debug, Clone)]
pub enum Message {
    /// A state chosen for the list (`None`: 全部).
    ShowState(Option<ListingState>),
    /// The search text changed.
    SearchChanged(String),
    /// An entrustment was chosen.
    Select(EntrustmentId),
    /// Open the entrustment form.
    New,
    /// A text field of the open form typed.
    Edited(Field, String),
    /// A unit picked from the matches.
    UnitPicked(UnitSummary),
    /// One of the unit's owners is the 委托人.
    OwnerPicked(crate::ui::OwnerChoice),
    /// Save the entrustment.
    SaveEntrust,
    /// Open the viewing form.
    NewViewing,
    /// 陪同人员.
    StaffPicked(StaffChoice),
    /// 看房结果.
    OutcomePicked(crate::domain::rental::ViewingOutcome),
    /// Save the viewing.
    SaveViewing,
    /// Open the lease form.
    NewLease,
    /// 付款方式.
    CyclePicked(crate::domain::rental::PaymentCycle),
    /// 用途.
    PurposePicked(crate::domain::rental::Purpose),
    /// Sign the lease.
    SaveLease,
    /// Open the end-of-lease form.
    EndLease,
    /// Record the end.
    SaveEnd,
    /// Open the withdrawal form.
    Withdraw,
    /// Withdraw the listing.
    SaveWithdraw,
    /// Close a form without saving.
    Back,
    /// Print the selected entrustment's 委托代租协议.
    PrintEntrustment,
    /// Print the 房屋出租登记表 of its running (or latest) lease.
    PrintRegistration,
}

impl Rental {
    /// The tab on every listing, as of `now`.
    pub fn new(store: &Store, now: NaiveDateTime) -> Rental {
        let mut r = Rental {
            state: None,
            query: String::new(),
            rows: Vec::new(),
            selected: None,
            panel: Panel::Detail,
            notices: Notices::default(),
            now,
            staff: Vec::new(),
            unit_matches: Vec::new(),
        };
        r.refresh(store);
        r
    }

    /// The list on screen.
    pub fn rows(&self) -> &[RentalSummary] {
        &self.rows
    }

    /// The entrustment on the right, if any.
    pub fn selected(&self) -> Option<&RentalRecord> {
        self.selected.as_ref()
    }

    /// What the right-hand side shows.
    pub fn panel(&self) -> &Panel {
        &self.panel
    }

    /// The message shown beside what is on screen, if any.
    pub fn message(&self) -> Option<&Notice> {
        self.notices.about(self.on_screen())
    }

    /// What the right-hand side shows: a form, the selected record, or nothing.
    pub fn on_screen(&self) -> About {
        let id = self.selected.as_ref().map_or(0, |r| r.id.0);
        match &self.panel {
            Panel::Detail if id == 0 => About::TAB,
            Panel::Detail => About::record("rental", id),
            Panel::Entrust(_) => About::form("entrust"),
            Panel::Viewing(_) => About::record("viewing", id),
            Panel::Lease(_) => About::record("lease", id),
            Panel::End(_) => About::record("end", id),
            Panel::Withdraw(_) => About::record("withdraw", id),
        }
    }

    fn ok(&mut self, text: impl Into<String>) {
        self.notices.ok(self.on_screen(), text);
    }

    fn fail(&mut self, text: impl Into<String>) {
        self.notices.error(self.on_screen(), text);
    }

    /// Opens an entrustment from elsewhere (今日): shows it whatever list was on screen.
    pub fn open(&mut self, store: &Store, now: NaiveDateTime, id: EntrustmentId) {
        self.now = now;
        self.query.clear();
        self.state = None;
        self.refresh(store);
        self.select(store, id);
    }

    /// Reloads the list, the staff and the selected entrustment.
    pub fn refresh(&mut self, store: &Store) {
        let loaded = (|| {
            let filter = RentalFilter {
                state: if self.query.trim().is_empty() {
                    self.state
                } else {
                    None
                },
                text: self.query.trim().to_string(),
            };
            self.rows = store.rental_list(&filter, LIST_LIMIT)?;
            if let Some(id) = self.selected.as_ref().map(|s| s.id) {
                self.selected = Some(store.rental(id)?);
            }
            Ok::<_, StoreError>(())
        })();
        self.staff = store
            .staff()
            .unwrap_or_default()
            .into_iter()
            .filter(|s| s.staff.active)
            .map(|s| StaffChoice {
                id: s.id,
                label: s.staff.name,
            })
            .collect();
        if let Err(e) = loaded {
            self.fail(e.to_string());
        }
    }

    fn select(&mut self, store: &Store, id: EntrustmentId) {
        match store.rental(id) {
            Ok(r) => {
                self.selected = Some(r);
                self.panel = Panel::Detail;
            }
            Err(e) => self.fail(e.to_string()),
        }
    }
}

impl Screen for Rental {
    type Message = Message;

    fn command(&mut self, command: Command, ctx: &mut Ctx<'_>) -> Action<Message> {
        let message = match (command, &self.panel) {
            (Command::Submit, Panel::Entrust(_)) => Message::SaveEntrust,
            (Command::Submit, Panel::Viewing(_)) => Message::SaveViewing,
            (Command::Submit, Panel::Lease(_)) => Message::SaveLease,
            (Command::Submit, Panel::End(_)) => Message::SaveEnd,
            (Command::Submit, Panel::Withdraw(_)) => Message::SaveWithdraw,
            // Enter in the search box opens the first entrustment in the list.
            (Command::Submit, Panel::Detail) => match self.rows.first() {
                Some(row) => Message::Select(row.id),
                None => return Action::None,
            },
            (Command::Cancel, Panel::Detail) if !self.query.is_empty() => {
                Message::SearchChanged(String::new())
            }
            (Command::Cancel, Panel::Detail) => return Action::None,
            (Command::Cancel, _) => Message::Back,
            // Ctrl+P: the lease's police form while one runs, else the owner's agreement.
            (Command::Print, Panel::Detail) => match &self.selected {
                Some(s) if s.running().is_some() => Message::PrintRegistration,
                Some(_) => Message::PrintEntrustment,
                None => return Action::None,
            },
            (
                Command::Print
                | Command::Next
                | Command::Previous
                | Command::Search
                | Command::Tab(_),
                _,
            ) => return Action::None,
        };
        self.update(message, ctx)
    }

    fn search_id(&self) -> Option<&'static str> {
        Some(SEARCH_ID)
    }

    fn form_open(&self) -> bool {
        !matches!(self.panel, Panel::Detail)
    }

    fn reload(&mut self, store: &Store, now: NaiveDateTime) {
        // 委托已到期 and the lease's days left move with the clock.
        self.now = now;
        self.refresh(store);
    }
}
