//! 物品拾遗: the items handed in at the desk (search by words, filter by state), logging a new
//! one (a valuable counted before two staff and taken by the supervisor), the owners' loss
//! reports with the items that match them, the claim with the claimant's identity, the
//! supervisor's disposal once the period is over, and the two papers.

mod drafts;
mod forms_view;
mod update;
mod view;

pub use drafts::{ClaimDraft, CloseDraft, DisposeDraft, Field, ItemDraft, LossDraft};

use chrono::NaiveDateTime;

use super::{About, Action, Command, Ctx, Notice, Notices, Screen, StaffChoice};
use crate::domain::lostfound::{FoundItemId, ItemState, LossReportId, Score};
use crate::store::{FoundFilter, FoundItemRecord, LossReportRecord, Store, StoreError};

/// Rows the list shows at most (the newest first; search narrows it).
pub const LIST_LIMIT: usize = 200;
/// The id of the list's search box.
pub const SEARCH_ID: &str = "lostfound-search";

/// Which list is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListKind {
    /// 在库: waiting for their owners.
    InStore,
    /// 已认领.
    Claimed,
    /// 已处置.
    Disposed,
    /// 全部.
    All,
    /// 寻物登记: the owners still looking.
    Reports,
}

impl ListKind {
    fn state(self) -> Option<ItemState> {
        match self {
            ListKind::InStore => Some(ItemState::InStore),
            ListKind::Claimed => Some(ItemState::Claimed),
            ListKind::Disposed => Some(ItemState::Disposed),
            ListKind::All | ListKind::Reports => None,
        }
    }
}

/// What is selected on the left.
#[derive(Debug, Clone)]
pub enum Selected {
    /// Nothing.
    None,
    /// An item.
    Item(Box<FoundItemRecord>),
    /// A loss report, with the items in store that match it.
    Report(Box<LossReportRecord>, Vec<(FoundItemRecord, Score)>),
}

/// What the right-hand side shows.
#[derive(Debug, Clone)]
pub enum Panel {
    /// The selected item or report (or a hint).
    Detail,
    /// Logging an item handed in.
    NewItem(ItemDraft),
    /// 寻物登记, with the items that match as it is typed.
    Loss(LossDraft),
    /// 认领 of the selected item.
    Claim(ClaimDraft),
    /// 处置 of the selected item.
    Dispose(DisposeDraft),
    /// 结束 of the selected report.
    CloseReport(CloseDraft),
}

/// The lost-and-found tab's state.
pub struct LostFound {
    kind: ListKind,
    query: String,
    rows: Vec<FoundItemRecord>,
    reports: Vec<LossReportRecord>,
    selected: Selected,
    panel: Panel,
    /// Items in store that match the loss report being typed.
    live_matches: Vec<(FoundItemRecord, Score)>,
    notices: Notices,
    now: NaiveDateTime,
    keep_days: u32,
    staff: Vec<StaffChoice>,
    /// Items past their period and documents not yet with the police.
    due: usize,
}

/// What can happen in the lost-and-found tab.
#[derive(Debug, Clone)]
pub enum Message {
    /// A list was chosen.
    ShowList(ListKind),
    /// The search text changed.
    SearchChanged(String),
    /// An item was chosen.
    Select(FoundItemId),
    /// A loss report was chosen.
    SelectReport(LossReportId),
    /// Start logging an item.
    NewItem,
    /// Start a loss report.
    NewLoss,
    /// A text field typed.
    Edited(Field, String),
    /// 类别 of the item.
    CategoryPicked(crate::domain::lostfound::Category),
    /// 类别 of the loss report (picking it again clears it).
    LossCategoryPicked(crate::domain::lostfound::Category),
    /// 拾获人 is staff, a resident or a visitor.
    FinderKindPicked(crate::domain::lostfound::FinderKind),
    /// A valuable ticked or unticked.
    ValuableToggled(crate::domain::lostfound::Valuable, bool),
    /// A witness picked, or unpicked.
    WitnessToggled(String),
    /// Save the item.
    SaveItem,
    /// Save the loss report.
    SaveLoss,
    /// Open the claim form for the selected item (from the selected report, if it came from
    /// one).
    Claim,
    /// Claim a matching item of the selected report: the form filled from the report.
    ClaimFromReport(FoundItemId),
    /// 所述特征与登记相符 ticked.
    MatchesToggled(bool),
    /// Save the claim.
    SaveClaim,
    /// Open the disposal form.
    Dispose,
    /// 处置方式.
    MethodPicked(crate::domain::lostfound::DisposalMethod),
    /// Save the disposal.
    SaveDispose,
    /// Open the form ending the selected report.
    CloseReport,
    /// Save it.
    SaveCloseReport,
    /// Close a form without saving.
    Back,
    /// Print the 招领启事.
    PrintNotice,
    /// Print this month's 失物招领登记表.
    PrintRegister,
    /// Print the 失物招领登记表 of the selected item's month.
    PrintItemMonth,
}

impl LostFound {
    /// The tab on the items in store as of `now`, the desk's clock.
    pub fn new(store: &Store, now: NaiveDateTime) -> LostFound {
        let mut t = LostFound {
            kind: ListKind::InStore,
            query: String::new(),
            rows: Vec::new(),
            reports: Vec::new(),
            selected: Selected::None,
            panel: Panel::Detail,
            live_matches: Vec::new(),
            notices: Notices::default(),
            now,
            keep_days: crate::domain::lostfound::DEFAULT_KEEP_DAYS,
            staff: Vec::new(),
            due: 0,
        };
        t.refresh(store);
        t
    }

    /// The items listed.
    pub fn rows(&self) -> &[FoundItemRecord] {
        &self.rows
    }

    /// The loss reports listed (under 寻物登记).
    pub fn reports(&self) -> &[LossReportRecord] {
        &self.reports
    }

    /// What is selected.
    pub fn selected(&self) -> &Selected {
        &self.selected
    }

    /// The item on the right, if an item is selected.
    pub fn selected_item(&self) -> Option<&FoundItemRecord> {
        match &self.selected {
            Selected::Item(r) => Some(r.as_ref()),
            _ => None,
        }
    }

    /// What the right-hand side shows.
    pub fn panel(&self) -> &Panel {
        &self.panel
    }

    /// The message beside what is on screen, if any.
    pub fn message(&self) -> Option<&Notice> {
        self.notices.about(self.on_screen())
    }

    /// Items past their period and documents not yet with the police (the tab's label).
    pub fn due_count(&self) -> usize {
        self.due
    }

    /// What the right-hand side shows: a form, the selected record, or nothing.
    pub fn on_screen(&self) -> About {
        let item = self.selected_item().map_or(0, |r| r.id.0);
        match (&self.panel, &self.selected) {
            (Panel::Detail, Selected::None) => About::TAB,
            (Panel::Detail, Selected::Item(r)) => About::record("found-item", r.id.0),
            (Panel::Detail, Selected::Report(r, _)) => About::record("loss-report", r.id.0),
            (Panel::NewItem(_), _) => About::form("new-item"),
            (Panel::Loss(_), _) => About::form("loss"),
            (Panel::Claim(_), _) => About::record("claim", item),
            (Panel::Dispose(_), _) => About::record("dispose", item),
            (Panel::CloseReport(_), Selected::Report(r, _)) => {
                About::record("close-report", r.id.0)
            }
            (Panel::CloseReport(_), _) => About::form("close-report"),
        }
    }

    fn ok(&mut self, text: impl Into<String>) {
        self.notices.ok(self.on_screen(), text);
    }

    fn fail(&mut self, text: impl Into<String>) {
        self.notices.error(self.on_screen(), text);
    }

    /// Opens an item from elsewhere (今日): shows it whatever list was on screen.
    pub fn open(&mut self, store: &Store, now: NaiveDateTime, id: FoundItemId) {
        self.now = now;
        self.query.clear();
        self.kind = ListKind::InStore;
        self.refresh(store);
        self.select(store, id);
    }

    /// Reloads the lists, the period, the staff and what is selected.
    pub fn refresh(&mut self, store: &Store) {
        let today = self.now.date();
        let loaded = (|| {
            self.keep_days = store.lostfound_keep_days()?;
            let unclaimed = store.unclaimed_items()?;
            let days = self.keep_days;
            self.due = unclaimed.iter().filter(|r| r.due_on(days) <= today).count();
            if self.kind == ListKind::Reports {
                self.reports = store.loss_reports(self.query.trim().is_empty(), LIST_LIMIT)?;
                let q = self.query.trim();
                if !q.is_empty() {
                    self.reports.retain(|r| {
                        r.number.to_string().contains(&q.to_ascii_uppercase())
                            || r.report.name.contains(q)
                            || r.report.description.contains(q)
                            || r.report.place.contains(q)
                    });
                }
            } else {
                let filter = FoundFilter {
                    text: self.query.trim().to_string(),
                    state: self.kind.state(),
                };
                self.rows = store.found_items(&filter, LIST_LIMIT)?;
            }
            self.selected = match &self.selected {
                Selected::None => Selected::None,
                Selected::Item(r) => Selected::Item(Box::new(store.found_item(r.id)?)),
                Selected::Report(r, _) => {
                    let r = store.loss_report(r.id)?;
                    let matches = report_matches(store, &r)?;
                    Selected::Report(Box::new(r), matches)
                }
            };
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

    fn select(&mut self, store: &Store, id: FoundItemId) {
        match store.found_item(id) {
            Ok(r) => {
                self.selected = Selected::Item(Box::new(r));
                self.panel = Panel::Detail;
            }
            Err(e) => self.fail(e.to_string()),
        }
    }

    fn select_report(&mut self, store: &Store, id: LossReportId) {
        let loaded = store
            .loss_report(id)
            .and_then(|r| report_matches(store, &r).map(|m| (r, m)));
        match loaded {
            Ok((r, m)) => {
                self.selected = Selected::Report(Box::new(r), m);
                self.panel = Panel::Detail;
            }
            Err(e) => self.fail(e.to_string()),
        }
    }
}

/// The items in store that match an open report (none once it has ended).
fn report_matches(
    store: &Store,
    r: &LossReportRecord,
) -> Result<Vec<(FoundItemRecord, Score)>, StoreError> {
    if r.state == crate::domain::lostfound::ReportState::Open {
        store.loss_matches(&r.report.sought())
    } else {
        Ok(Vec::new())
    }
}

impl Screen for LostFound {
    type Message = Message;

    fn command(&mut self, command: Command, ctx: &mut Ctx<'_>) -> Action<Message> {
        let message = match (command, &self.panel) {
            (Command::Submit, Panel::NewItem(_)) => Message::SaveItem,
            (Command::Submit, Panel::Loss(_)) => Message::SaveLoss,
            (Command::Submit, Panel::Claim(_)) => Message::SaveClaim,
            (Command::Submit, Panel::Dispose(_)) => Message::SaveDispose,
            (Command::Submit, Panel::CloseReport(_)) => Message::SaveCloseReport,
            // Enter in the search box opens the first in the list.
            (Command::Submit, Panel::Detail) => match (self.kind, self.rows.first()) {
                (ListKind::Reports, _) => match self.reports.first() {
                    Some(r) => Message::SelectReport(r.id),
                    None => return Action::None,
                },
                (_, Some(r)) => Message::Select(r.id),
                (_, None) => return Action::None,
            },
            (Command::Cancel, Panel::Detail) if !self.query.is_empty() => {
                Message::SearchChanged(String::new())
            }
            (Command::Cancel, Panel::Detail) => return Action::None,
            (Command::Cancel, _) => Message::Back,
            (Command::Print, Panel::Detail) if self.selected_item().is_some() => {
                Message::PrintItemMonth
            }
            (Command::Print, Panel::Detail) => Message::PrintNotice,
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
        // What is due moves with the clock.
        self.now = now;
        self.refresh(store);
    }
}
