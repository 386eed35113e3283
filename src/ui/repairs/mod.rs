//! 报修管理: take a repair call, follow the order from dispatch to the callback, record the
//! materials and the charge, print the 维修单, and see the day's 客服中心日报表.

mod drafts;
mod edit;
mod forms_view;
mod intake;
mod report;
mod view;

pub use drafts::{CallbackDraft, MATERIAL_COLUMNS, RateDraft, WorkDraft};
pub use intake::{Field, IntakeDraft};
pub use report::ReportState;

use chrono::NaiveDateTime;

use super::{About, Action, Command, Ctx, Notice, Notices, PrintJob, Screen, StaffChoice};
use crate::domain::repair::{
    Channel, Payment, Rating, Receipt, RepairId, RepairKind, Step, missing_for_close,
};
use crate::domain::settings::Deadlines;
use crate::domain::staff::Role;
use crate::store::{RepairFilter, RepairPage, RepairRecord, Store, StoreError, UnitSummary};

/// Rows per page of the list.
pub const PAGE_SIZE: usize = 20;
/// The id of the list's search box.
pub const SEARCH_ID: &str = "repair-search";

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
    /// What closing found blank.
    missing: Vec<&'static str>,
    notices: Notices,
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
    /// The tab on the open orders.
    pub fn new(store: &Store) -> Result<Repairs, StoreError> {
        let mut r = Repairs {
            kind: ListKind::Open,
            query: String::new(),
            list: RepairPage::default(),
            selected: None,
            panel: Panel::Detail,
            missing: Vec::new(),
            notices: Notices::default(),
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

    /// What closing found blank.
    pub fn missing(&self) -> &[&'static str] {
        &self.missing
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

    /// Reloads the lists, staff, deadlines and the selected order (e.g. when the tab is shown).
    pub fn refresh(&mut self, store: &Store) {
        self.refresh_at(store, crate::domain::date::now_local());
    }

    fn refresh_at(&mut self, store: &Store, now: NaiveDateTime) {
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
            Ok::<_, StoreError>(())
        })();
        self.technicians = choices(store, Role::Technician);
        self.officers = choices(store, Role::ServiceOfficer);
        if let Err(e) = loaded {
            self.fail(e.to_string());
        }
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
                self.missing.clear();
            }
            Err(e) => self.fail(e.to_string()),
        }
    }

    fn say(&mut self, error: bool, text: impl Into<String>) {
        match error {
            true => self.fail(text),
            false => self.ok(text),
        }
    }

    /// Handles a message.
    pub fn update(&mut self, message: Message, ctx: &mut Ctx<'_>) -> Action<Message> {
        match message {
            Message::ShowList(kind) => {
                self.kind = kind;
                self.query.clear();
                self.list.page = 0;
                self.refresh(ctx.store);
            }
            Message::SearchChanged(q) => {
                self.query = q;
                self.list.page = 0;
                self.refresh(ctx.store);
                if self.list.total == 1
                    && let Some(id) = self.list.rows.first().map(|r| r.id)
                {
                    self.select(ctx.store, id);
                }
            }
            Message::PageTo(page) => {
                self.list.page = page.min(self.list.pages() - 1);
                self.refresh(ctx.store);
            }
            Message::Select(id) => self.select(ctx.store, id),
            Message::NewOrder => {
                self.notices.clear();
                self.panel = Panel::Intake(IntakeDraft::new(crate::domain::date::now_local()));
            }
            Message::Back => {
                self.panel = Panel::Detail;
                self.notices.clear();
            }
            Message::PrintSlip => {
                if let Some(s) = &self.selected {
                    return Action::Print(PrintJob::RepairSlip(Some(s.order.number)));
                }
            }
            Message::PrintBlank => return Action::Print(PrintJob::RepairSlip(None)),
            Message::Step(kind) => self.step(ctx, kind),
            Message::Close => self.close(ctx),
            m @ (Message::ShowReport | Message::ReportDateEdited(_) | Message::PrintReport) => {
                return self.update_report(m, ctx);
            }
            m => self.update_forms(m, ctx),
        }
        Action::None
    }

    fn update_report(&mut self, m: Message, ctx: &mut Ctx<'_>) -> Action<Message> {
        let now = crate::domain::date::now_local();
        match m {
            Message::ShowReport => {
                let mut r = ReportState::new(now.date());
                r.load(ctx.store, &self.deadlines, now);
                self.panel = Panel::Report(r);
            }
            Message::ReportDateEdited(t) => {
                if let Panel::Report(r) = &mut self.panel {
                    r.date_text = t;
                    r.load(ctx.store, &self.deadlines, now);
                }
            }
            Message::PrintReport => {
                if let Panel::Report(r) = &self.panel
                    && let Some(report) = &r.report
                {
                    return Action::Print(PrintJob::DailyReport(report.date));
                }
            }
            _ => {}
        }
        Action::None
    }

    /// Runs a step on the selected order with who and when.
    fn step(&mut self, ctx: &mut Ctx<'_>, kind: StepKind) {
        let Some(id) = self.selected.as_ref().map(|s| s.id) else {
            return;
        };
        let step = match kind {
            StepKind::Dispatch => match &self.technician {
                Some(t) => Step::Dispatch {
                    technician: t.id,
                    name: t.label.clone(),
                },
                None => return self.say(true, "请先选择维修人员"),
            },
            StepKind::Arrive => Step::Arrive,
            StepKind::Review => Step::Review,
            StepKind::Complete => Step::Complete,
        };
        self.run_step(ctx, id, &step);
    }

    fn run_step(&mut self, ctx: &mut Ctx<'_>, id: RepairId, step: &Step) {
        let rec = match ctx.recorder() {
            Ok(r) => r,
            Err(e) => return self.say(true, e),
        };
        match ctx.store.repair_step(id, step, &rec) {
            Ok(state) => {
                self.say(
                    false,
                    format!("已{}，现在是 {}", step.label(), state.label()),
                );
                self.panel = Panel::Detail;
                self.refresh(ctx.store);
            }
            Err(e) => self.say(true, e.to_string()),
        }
    }

    /// Closing: first list every blank, then ask the store (which checks again).
    fn close(&mut self, ctx: &mut Ctx<'_>) {
        let Some(s) = &self.selected else {
            return;
        };
        let id = s.id;
        self.missing = missing_for_close(&s.order);
        if !self.missing.is_empty() {
            return self.say(true, "维修单不能有漏填项，请补全下列内容后再关闭");
        }
        self.run_step(ctx, id, &Step::Close);
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
            (Command::Cancel, Panel::Detail) => return Action::None,
            (Command::Cancel, _) => Message::Back,
            (Command::Print, Panel::Report(_)) => Message::PrintReport,
            (Command::Print, Panel::Detail) if self.selected.is_some() => Message::PrintSlip,
            _ => return Action::None,
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
        self.refresh_at(store, now);
    }
}
