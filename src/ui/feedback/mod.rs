//! 信息反馈: everything that reaches the desk besides repairs (complaints, suggestions,
//! questions, staff feedback), classified, dispatched with a 工作联系单, followed against the
//! procedure's deadlines until the customer is answered, called back and the matter closed.

mod drafts;
mod forms_view;
mod intake;
mod update;
mod view;

pub use drafts::{CallbackDraft, DispatchDraft, NoteDraft, NoteKind};
pub use intake::{Field, IntakeDraft, PlaceKind};

use chrono::NaiveDateTime;

use super::{About, Action, Command, Ctx, Notice, Notices, OwnerChoice, Screen, StaffChoice};
use crate::domain::feedback::FeedbackId;
use crate::domain::settings::Deadlines;
use crate::store::{
    FeedbackFilter, FeedbackRecord, FeedbackSummary, Store, StoreError, UnitSummary,
};

/// Rows the list shows at most (the newest first; search narrows it).
pub const LIST_LIMIT: usize = 200;
/// The id of the list's search box.
pub const SEARCH_ID: &str = "feedback-search";

/// Which list is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListKind {
    /// 未结: not closed.
    Open,
    /// 逾期: a deadline passed.
    Overdue,
    /// 全部.
    All,
}

/// What the right-hand side shows.
#[derive(Debug, Clone)]
pub enum Panel {
    /// The selected entry (or a hint).
    Detail,
    /// Taking a new call or visit.
    Intake(IntakeDraft),
    /// 派单: department, handler, requirement, deadline.
    Dispatch(DispatchDraft),
    /// A line of text for the trail: progress, the handler's reply, the answer, a report up,
    /// the result on closing.
    Note(NoteDraft),
    /// 回访 with satisfaction.
    Callback(CallbackDraft),
}

/// The feedback tab's state.
pub struct Feedback {
    kind: ListKind,
    query: String,
    rows: Vec<FeedbackSummary>,
    selected: Option<FeedbackRecord>,
    panel: Panel,
    notices: Notices,
    /// The time of the last update or reload: countdowns are drawn against it.
    now: NaiveDateTime,
    deadlines: Deadlines,
    departments: Vec<String>,
    staff: Vec<StaffChoice>,
    officers: Vec<StaffChoice>,
    unit_matches: Vec<UnitSummary>,
    overdue: i64,
}

/// What can happen in the feedback tab.
#[derive(Debug, Clone)]
pub enum Message {
    /// A list was chosen.
    ShowList(ListKind),
    /// The search text changed.
    SearchChanged(String),
    /// An entry was chosen.
    Select(FeedbackId),
    /// Start taking a call or visit.
    New,
    /// An intake field typed.
    IntakeEdited(Field, String),
    /// 渠道.
    ChannelPicked(crate::domain::feedback::Channel),
    /// 类别.
    CategoryPicked(crate::domain::feedback::Category),
    /// 一般 / 重大.
    SeverityPicked(crate::domain::feedback::Severity),
    /// Unit, public place or none.
    PlacePicked(PlaceKind),
    /// The area's service officer, for a public 报修.
    OfficerPicked(StaffChoice),
    /// A unit picked from the matches.
    UnitPicked(UnitSummary),
    /// One of the unit's owners is the caller.
    OwnerPicked(OwnerChoice),
    /// Save the intake.
    SaveIntake,
    /// Open the dispatch form.
    Dispatch,
    /// 部门.
    DepartmentPicked(String),
    /// A staff member picked as the handler.
    HandlerPicked(StaffChoice),
    /// A dispatch field typed: 0 handler name, 1 requirement, 2 time limit.
    DispatchEdited(usize, String),
    /// 需上报上级 ticked or not.
    SuperiorToggled(bool),
    /// Save the dispatch (and print the 工作联系单).
    SaveDispatch,
    /// Open a one-line form of this kind.
    Note(NoteKind),
    /// Its text typed.
    NoteEdited(String),
    /// Save it.
    SaveNote,
    /// Open the callback form.
    Callback,
    /// A satisfaction chosen.
    RatingPicked(crate::domain::repair::Rating),
    /// What the customer said.
    CallbackNoteEdited(String),
    /// Save the callback.
    SaveCallback,
    /// Close a form without saving.
    Back,
    /// Print the selected entry's 工作联系单.
    PrintWorkOrder,
    /// Print a blank 工作联系单.
    PrintBlank,
    /// Print this month's 业主投诉及建议记录表.
    PrintComplaints,
    /// Print this month's 信息反馈记录表.
    PrintFeedbackLog,
    /// Open the linked repair order in 报修管理 (the desk switches tabs).
    OpenRepair,
}

impl Feedback {
    /// The tab on the open entries as of `now`, the desk's clock.
    pub fn new(store: &Store, now: NaiveDateTime) -> Feedback {
        let mut f = Feedback {
            kind: ListKind::Open,
            query: String::new(),
            rows: Vec::new(),
            selected: None,
            panel: Panel::Detail,
            notices: Notices::default(),
            now,
            deadlines: Deadlines::default(),
            departments: Vec::new(),
            staff: Vec::new(),
            officers: Vec::new(),
            unit_matches: Vec::new(),
            overdue: 0,
        };
        f.refresh(store);
        f
    }

    /// The list on screen.
    pub fn rows(&self) -> &[FeedbackSummary] {
        &self.rows
    }

    /// The entry on the right, if any.
    pub fn selected(&self) -> Option<&FeedbackRecord> {
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

    /// How many entries were overdue at the last refresh (the tab's label shows it).
    pub fn overdue_count(&self) -> i64 {
        self.overdue
    }

    /// What the right-hand side shows: a form, the selected record, or nothing.
    pub fn on_screen(&self) -> About {
        let id = self.selected.as_ref().map_or(0, |r| r.id.0);
        match &self.panel {
            Panel::Detail if id == 0 => About::TAB,
            Panel::Detail => About::record("feedback", id),
            Panel::Intake(_) => About::form("intake"),
            Panel::Dispatch(_) => About::record("dispatch", id),
            Panel::Note(n) => About::record(n.kind.about(), id),
            Panel::Callback(_) => About::record("callback", id),
        }
    }

    fn ok(&mut self, text: impl Into<String>) {
        self.notices.ok(self.on_screen(), text);
    }

    fn fail(&mut self, text: impl Into<String>) {
        self.notices.error(self.on_screen(), text);
    }

    /// Opens an entry from elsewhere (今日): shows it whatever list was on screen.
    pub fn open(&mut self, store: &Store, now: NaiveDateTime, id: FeedbackId) {
        self.now = now;
        self.query.clear();
        self.kind = ListKind::All;
        self.refresh(store);
        self.select(store, id);
    }

    /// Reloads the list, deadlines, departments, staff and the selected entry as of `now`.
    pub fn refresh(&mut self, store: &Store) {
        let now = self.now;
        let loaded = (|| {
            self.deadlines = store.deadlines()?;
            self.departments = store.feedback_departments()?;
            self.overdue = store.overdue_feedback_count(&self.deadlines, now)?;
            let filter = FeedbackFilter {
                text: self.query.trim().to_string(),
                open_only: self.query.trim().is_empty() && self.kind != ListKind::All,
                ..FeedbackFilter::default()
            };
            let mut rows = store.feedback_list(&filter, LIST_LIMIT)?;
            if self.kind == ListKind::Overdue && self.query.trim().is_empty() {
                let d = self.deadlines;
                rows.retain(|r| {
                    crate::domain::feedback::dues(&r.times, &d)
                        .iter()
                        .any(|due| due.overdue(now))
                });
            }
            self.rows = rows;
            if let Some(id) = self.selected.as_ref().map(|s| s.id) {
                self.selected = Some(store.feedback(id)?);
            }
            Ok::<_, StoreError>(())
        })();
        let staff: Vec<_> = store
            .staff()
            .unwrap_or_default()
            .into_iter()
            .filter(|s| s.staff.active)
            .collect();
        let choice = |s: &crate::store::StaffRecord| StaffChoice {
            id: s.id,
            label: s.staff.name.clone(),
        };
        self.officers = staff
            .iter()
            .filter(|s| s.staff.role == crate::domain::staff::Role::ServiceOfficer)
            .map(choice)
            .collect();
        self.staff = staff.iter().map(choice).collect();
        if let Err(e) = loaded {
            self.fail(e.to_string());
        }
    }

    fn select(&mut self, store: &Store, id: FeedbackId) {
        match store.feedback(id) {
            Ok(r) => {
                self.selected = Some(r);
                self.panel = Panel::Detail;
            }
            Err(e) => self.fail(e.to_string()),
        }
    }
}

impl Screen for Feedback {
    type Message = Message;

    fn command(&mut self, command: Command, ctx: &mut Ctx<'_>) -> Action<Message> {
        let message = match (command, &self.panel) {
            (Command::Submit, Panel::Intake(_)) => Message::SaveIntake,
            (Command::Submit, Panel::Dispatch(_)) => Message::SaveDispatch,
            (Command::Submit, Panel::Note(_)) => Message::SaveNote,
            (Command::Submit, Panel::Callback(_)) => Message::SaveCallback,
            // Enter in the search box opens the first entry in the list.
            (Command::Submit, Panel::Detail) => match self.rows.first() {
                Some(row) => Message::Select(row.id),
                None => return Action::None,
            },
            (Command::Cancel, Panel::Detail) if !self.query.is_empty() => {
                Message::SearchChanged(String::new())
            }
            (Command::Cancel, Panel::Detail) => return Action::None,
            (Command::Cancel, _) => Message::Back,
            (Command::Print, Panel::Detail)
                if self
                    .selected
                    .as_ref()
                    .is_some_and(|s| s.work_order.is_some()) =>
            {
                Message::PrintWorkOrder
            }
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
        // Countdowns and the overdue count move with the clock.
        self.now = now;
        self.refresh(store);
    }
}
