//! 报修管理: take a repair call, follow the order from dispatch to the callback, record the
//! materials and the charge, print the 维修单, and see the day's 客服中心日报表.

mod drafts;
mod edit;
mod forms_view;
mod intake;
mod report;
mod update;
mod view;

pub use drafts::{CallbackDraft, MATERIAL_COLUMNS, RateDraft, WorkDraft};
pub use intake::{Field, IntakeDraft};
pub use report::ReportState;

use chrono::NaiveDateTime;

use super::{About, Action, Command, Ctx, Notice, Notices, Screen, StaffChoice};
use crate::domain::repair::{
    Channel, Payment, Rating, Receipt, RepairId, RepairKind, missing_for_close,
};
use crate::domain::settings::Deadlines;
use crate::domain::staff::Role;
use crate::store::{RepairFilter, RepairPage, RepairRecord, Store, StoreError, UnitSummary};

/// Rows per page of the list.
pub const PAGE_SIZE: usize = 20;
/// The id of the list's search box.
pub const SEARCH_ID: &str = "repair-search";
/// The id of the time box beside 到场 / 完工.
pub const STEP_TIME_ID: &str = "repair-step-time";

/// Which list is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListKind {
    /// 未完成.
    Open,
    /// 逾期.
    Overdue,
    /// 全部.
    All,
}

/// What the right-hand side shows.
#[derive(Debug, Clone)]
pub enum Panel {
    /// The selected order (or a hint).
    Detail,
    /// Taking a new call.
    Intake(IntakeDraft),
    /// 维修情况及收费.
    Work(WorkDraft),
    /// 评价.
    Rate(RateDraft),
    /// 回访.
    Callback(CallbackDraft),
    /// 取消 with a reason.
    Cancel(String),
    /// 客服中心日报表.
    Report(ReportState),
}

/// The repairs tab's state.
pub struct Repairs {
    kind: ListKind,
    query: String,
    list: RepairPage,
    selected: Option<RepairRecord>,
    panel: Panel,
    /// What closing found blank, and on which order: shown only beside that order.
    missing: Option<(RepairId, Vec<&'static str>)>,
    notices: Notices,
    /// The time typed beside 到场 / 完工 (blank: now).
    step_time: String,
    /// The time of the last update or reload: countdowns are drawn against it.
    now: NaiveDateTime,
    technician: Option<StaffChoice>,
    technicians: Vec<StaffChoice>,
    officers: Vec<StaffChoice>,
    categories: Vec<String>,
    unit_matches: Vec<UnitSummary>,
    deadlines: Deadlines,
    overdue: i64,
}

/// What can happen in the repairs tab.
#[derive(Debug, Clone)]
pub enum Message {
    /// A list was chosen.
    ShowList(ListKind),
    /// The search text changed.
    SearchChanged(String),
    /// Another page.
    PageTo(usize),
    /// An order was chosen.
    Select(RepairId),
    /// Start taking a call.
    NewOrder,
    /// An intake field changed.
    IntakeEdited(Field, String),
    /// A unit was picked from the matches.
    UnitPicked(UnitSummary),
    /// 公共报修 ticked or not.
    PublicToggled(bool),
    /// The area officer chosen.
    OfficerPicked(StaffChoice),
    /// 报修方式.
    ChannelPicked(Channel),
    /// 类别.
    CategoryPicked(String),
    /// 收费维修 ticked or not.
    ChargeableToggled(bool),
    /// Save the intake.
    SaveIntake,
    /// The technician for dispatch.
    TechnicianPicked(StaffChoice),
    /// The time typed beside 到场 / 完工, for a step reported later by phone.
    StepTimeEdited(String),
    /// A step of the procedure.
    Step(StepKind),
    /// Try to close the slip.
    Close,
    /// Open the work and charges form.
    EditWork,
    /// 维修情况 typed.
    WorkDoneEdited(String),
    /// A materials cell typed: line, column, text.
    MaterialEdited(usize, usize, String),
    /// Add a materials line.
    AddMaterial,
    /// Remove a materials line.
    RemoveMaterial(usize),
    /// 人工费 typed.
    LabourEdited(String),
    /// 付款方式.
    PaymentPicked(Payment),
    /// 票据.
    ReceiptPicked(Receipt),
    /// Save work and charges.
    SaveWork,
    /// Open the rating form.
    Rate,
    /// A rating chosen.
    RatingPicked(Rating),
    /// 意见 typed.
    RateCommentEdited(String),
    /// 确认人 typed.
    RateByEdited(String),
    /// Save the rating.
    SaveRating,
    /// Open the callback form.
    Callback,
    /// A callback field typed: 0 note, 1 department, 2 problem, 3 correction.
    CallbackEdited(usize, String),
    /// 不合格项 ticked or not.
    ProblemToggled(bool),
    /// Save the callback.
    SaveCallback,
    /// Open the cancel form.
    Cancel,
    /// The reason typed.
    CancelReasonEdited(String),
    /// Confirm cancelling.
    ConfirmCancel,
    /// Close a form without saving.
    Back,
    /// Print the selected order's slip.
    PrintSlip,
    /// Print a blank slip.
    PrintBlank,
    /// Show the daily report.
    ShowReport,
    /// The report's date typed.
    ReportDateEdited(String),
    /// Print the report.
    PrintReport,
}

/// The steps the detail view offers as buttons.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StepKind {
    /// 派单.
    Dispatch,
    /// 到场 / 返回现场.
    Arrive,
    /// 报班长评审.
    Review,
    /// 完工.
    Complete,
}

fn choices(store: &Store, role: Role) -> Vec<StaffChoice> {
    store
        .staff()
        .unwrap_or_default()
        .into_iter()
        .filter(|s| s.staff.active && s.staff.role == role)
        .map(|s| StaffChoice {
            id: s.id,
            label: s.staff.name,
        })
        .collect()
}

impl Repairs {
    /// The tab on the open orders as of `now`, the desk's clock.
    pub fn new(store: &Store, now: NaiveDateTime) -> Result<Repairs, StoreError> {
        let mut r = Repairs {
            kind: ListKind::Open,
            query: String::new(),
            list: RepairPage::default(),
            selected: None,
            panel: Panel::Detail,
            missing: None,
            notices: Notices::default(),
            step_time: String::new(),
            now,
            technician: None,
            technicians: Vec::new(),
            officers: Vec::new(),
            categories: store.repair_categories()?,
            unit_matches: Vec::new(),
            deadlines: store.deadlines()?,
            overdue: 0,
        };
        r.refresh(store);
        Ok(r)
    }

    /// The list on screen.
    pub fn list(&self) -> &RepairPage {
        &self.list
    }

    /// The order on the right, if any.
    pub fn selected(&self) -> Option<&RepairRecord> {
        self.selected.as_ref()
    }

    /// What the right-hand side shows.
    pub fn panel(&self) -> &Panel {
        &self.panel
    }

    /// What closing found blank on the order on screen (empty when another order or a form is
    /// shown).
    pub fn missing(&self) -> &[&'static str] {
        match (&self.missing, &self.panel, &self.selected) {
            (Some((id, m)), Panel::Detail, Some(s)) if s.id == *id => m,
            _ => &[],
        }
    }

    /// The time typed beside 到场 / 完工.
    pub fn step_time(&self) -> &str {
        &self.step_time
    }

    /// The time the countdowns are drawn against.
    pub fn now(&self) -> NaiveDateTime {
        self.now
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
            Panel::Detail => About::record("order", id),
            Panel::Intake(_) => About::form("intake"),
            Panel::Work(_) => About::record("work", id),
            Panel::Rate(_) => About::record("rate", id),
            Panel::Callback(_) => About::record("callback", id),
            Panel::Cancel(_) => About::record("cancel", id),
            Panel::Report(_) => About::form("report"),
        }
    }

    /// Reports a success about what is on screen now.
    fn ok(&mut self, text: impl Into<String>) {
        self.notices.ok(self.on_screen(), text);
    }

    /// Reports a problem about what is on screen now.
    fn fail(&mut self, text: impl Into<String>) {
        self.notices.error(self.on_screen(), text);
    }

    /// How many orders were overdue at the last refresh (the tab's label shows it).
    pub fn overdue_count(&self) -> i64 {
        self.overdue
    }

    /// Reloads the lists, staff, deadlines and the selected order as of the tab's `now`.
    pub fn refresh(&mut self, store: &Store) {
        let now = self.now;
        let loaded = (|| {
            self.deadlines = store.deadlines()?;
            self.categories = store.repair_categories()?;
            self.overdue = store.overdue_repair_count(&self.deadlines, now)?;
            let filter = if !self.query.trim().is_empty() {
                RepairFilter::Search(self.query.clone())
            } else {
                match self.kind {
                    ListKind::Open => RepairFilter::Open,
                    ListKind::Overdue => RepairFilter::Overdue,
                    ListKind::All => RepairFilter::All,
                }
            };
            let page = self.list.page;
            self.list = store.repair_list(&filter, &self.deadlines, now, page, PAGE_SIZE)?;
            if let Some(id) = self.selected.as_ref().map(|s| s.id) {
                self.selected = Some(store.repair(id)?);
            }
            // What closing found blank shrinks as the blanks are filled in.
            if let (Some((id, m)), Some(s)) = (&mut self.missing, &self.selected)
                && *id == s.id
            {
                *m = missing_for_close(&s.order);
            }
            if self.missing.as_ref().is_some_and(|(_, m)| m.is_empty()) {
                self.missing = None;
            }
            Ok::<_, StoreError>(())
        })();
        self.technicians = choices(store, Role::Technician);
        self.officers = choices(store, Role::ServiceOfficer);
        if let Err(e) = loaded {
            self.fail(e.to_string());
        }
    }

    /// Opens an order from elsewhere (a line of 今日): its detail on the right, any open form
    /// closed, as if chosen in the list.
    pub fn open(&mut self, store: &Store, now: NaiveDateTime, id: RepairId) {
        self.now = now;
        self.select(store, id);
    }

    fn select(&mut self, store: &Store, id: RepairId) {
        match store.repair(id) {
            Ok(r) => {
                self.technician = r.order.technician.as_ref().map(|(id, name)| StaffChoice {
                    id: *id,
                    label: name.clone(),
                });
                self.selected = Some(r);
                self.panel = Panel::Detail;
                self.missing = None;
                self.step_time.clear();
            }
            Err(e) => self.fail(e.to_string()),
        }
    }

    /// The place of the selected order, for headings.
    pub fn selected_kind(&self) -> Option<RepairKind> {
        self.selected.as_ref().map(|s| s.order.intake.place.kind())
    }
}

impl Screen for Repairs {
    type Message = Message;

    fn command(&mut self, command: Command, ctx: &mut Ctx<'_>) -> Action<Message> {
        let message = match (command, &self.panel) {
            (Command::Submit, Panel::Intake(_)) => Message::SaveIntake,
            (Command::Submit, Panel::Work(_)) => Message::SaveWork,
            (Command::Submit, Panel::Rate(_)) => Message::SaveRating,
            (Command::Submit, Panel::Callback(_)) => Message::SaveCallback,
            (Command::Submit, Panel::Cancel(_)) => Message::ConfirmCancel,
            (Command::Submit, Panel::Report(_)) => return Action::None,
            // Enter in the search box opens the first order in the list.
            (Command::Submit, Panel::Detail) => match self.list.rows.first() {
                Some(row) => Message::Select(row.id),
                None => return Action::None,
            },
            (Command::Cancel, Panel::Detail) if !self.query.is_empty() => {
                Message::SearchChanged(String::new())
            }
            (Command::Cancel, Panel::Detail) => return Action::None,
            (Command::Cancel, _) => Message::Back,
            (Command::Print, Panel::Report(_)) => Message::PrintReport,
            (Command::Print, p) if self.selected.is_some() && !matches!(p, Panel::Intake(_)) => {
                Message::PrintSlip
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
        // Countdowns, overdue counts, technicians and today's report move with the clock.
        self.now = now;
        self.refresh(store);
        if let Panel::Report(r) = &mut self.panel {
            r.load(store, &self.deadlines, now);
        }
    }
}
