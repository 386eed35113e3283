//! 装修管理: the renovations from the owner's application to the deposit's refund — the list
//! of sites (by stage, building or search) with today's patrol round, one renovation with its
//! steps and who did them, and a keyboard form for each step: 装修申请, 收资料, 二次验房 (failures
//! become repair orders), 业主确认, 开账单, 发放许可证, 施工阶段, 巡查 (a violation prints its
//! 整改通知), 复查, 完工, 初验, 复验, 退还保证金 (deductions need the supervisor), 撤销; and the
//! papers printed from the record.

mod apply_view;
mod drafts;
mod forms_view;
mod record_view;
mod save;
mod steps;
mod update;
mod view;

pub use drafts::{ApplyDraft, Field, MAX_DEDUCTIONS, MAX_ITEMS, MAX_WORKERS};
pub use steps::{
    AcceptanceDraft, InspectionDraft, PapersDraft, PatrolDraft, PhaseDraft, RecheckDraft,
    RefundDraft,
};

use chrono::NaiveDateTime;

use super::{About, Action, Command, Ctx, Notice, Notices, Screen};
use crate::domain::renovation::{RenovationId, Stage};
use crate::store::{RenovationFile, RoundRow, SiteFilter, SiteRow, Store, StoreError, UnitSummary};

/// Sites the list shows at most (open ones first, then the newest; search narrows it).
pub const LIST_LIMIT: usize = crate::store::SITE_LIMIT;
/// The id of the list's search box.
pub const SEARCH_ID: &str = "renovation-search";
/// The id of the building filter.
pub const BUILDING_ID: &str = "renovation-building";

/// Which renovations the list shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Show {
    /// Every renovation not closed (申请 … 待退保证金).
    Open,
    /// Those at one stage.
    Stage(Stage),
    /// Every renovation, closed ones too.
    All,
    /// Today's patrol round: due today or overdue.
    Round,
}

/// What the right-hand side shows.
#[derive(Debug, Clone)]
pub enum Panel {
    /// The selected renovation (or a hint).
    Detail,
    /// 装修申请.
    Apply(Box<ApplyDraft>),
    /// 收资料.
    Papers(PapersDraft),
    /// 二次验房.
    Inspection(InspectionDraft),
    /// 业主确认验房 (a note).
    OwnerAccepts(String),
    /// 施工阶段.
    Phase(PhaseDraft),
    /// 装修巡查.
    Patrol(PatrolDraft),
    /// 整改复查.
    Recheck(RecheckDraft),
    /// 完工 (the day).
    Finish(String),
    /// 初验 / 复验.
    Acceptance(AcceptanceDraft),
    /// 退还保证金.
    Refund(RefundDraft),
    /// 撤销申请 (the reason).
    Cancel(String),
}

/// The renovation tab's state.
pub struct Renovation {
    show: Show,
    building: String,
    query: String,
    rows: Vec<SiteRow>,
    round: Vec<RoundRow>,
    selected: Option<RenovationFile>,
    panel: Panel,
    notices: Notices,
    /// The time of the last update or reload.
    now: NaiveDateTime,
    unit_matches: Vec<UnitSummary>,
}

/// What can happen in the renovation tab.
#[derive(Debug, Clone)]
pub enum Message {
    /// Which renovations to list.
    ShowList(Show),
    /// The building filter changed.
    BuildingChanged(String),
    /// The search text changed.
    SearchChanged(String),
    /// A renovation was chosen.
    Select(RenovationId),
    /// Open the application form.
    New,
    /// A text field of the open form typed.
    Edited(Field, String),
    /// A unit picked from the matches.
    UnitPicked(UnitSummary),
    /// One of the unit's owners is the applicant.
    OwnerPicked(crate::ui::OwnerChoice),
    /// A kind of work ticked or unticked.
    KindToggled(crate::domain::renovation::WorkKind),
    /// A paper ticked or unticked (application or 收资料).
    PaperToggled(crate::domain::renovation::Paper),
    /// One more worker row.
    AddWorker,
    /// Save the application.
    SaveApply,
    /// Open 收资料.
    NewPapers,
    /// Save the papers.
    SavePapers,
    /// Open 二次验房.
    NewInspection,
    /// An inspection item passed or not.
    ItemPassed(usize, bool),
    /// One more free inspection item.
    AddItem,
    /// Save the inspection.
    SaveInspection,
    /// Open 业主确认验房.
    NewOwnerAccepts,
    /// Save the owner's acceptance.
    SaveOwnerAccepts,
    /// Bill deposit and fees onto the unit's fee account.
    Bill,
    /// Issue the permit (and print it).
    IssuePermit,
    /// Open 施工阶段.
    NewPhase,
    /// A phase's kind picked.
    PhasePicked(crate::domain::renovation::WorkKind),
    /// Save the phase.
    SavePhase,
    /// Open 巡查 (of the selected renovation).
    NewPatrol,
    /// A violation picked (`None`: 无违规).
    ViolationPicked(Option<crate::domain::renovation::Violation>),
    /// Save the patrol (and print its 整改通知 when it found a violation).
    SavePatrol,
    /// Open 复查 of notice N.
    NewRecheck(u32),
    /// Rectified or not.
    RecheckPassed(bool),
    /// Save the re-check.
    SaveRecheck,
    /// Open 完工.
    NewFinish,
    /// Save 完工.
    SaveFinish,
    /// Open 初验 or 复验 (as the stage says).
    NewAcceptance,
    /// Passed or not.
    AcceptancePassed(bool),
    /// Save the acceptance.
    SaveAcceptance,
    /// Open 退还保证金.
    NewRefund,
    /// How the deposit is paid back.
    MethodPicked(crate::domain::fees::PayMethod),
    /// One more deduction row.
    AddDeduction,
    /// Pay the deposit back (and print the voucher).
    SaveRefund,
    /// Open 撤销.
    NewCancel,
    /// Withdraw the application.
    SaveCancel,
    /// Close a form without saving.
    Back,
    /// Print a form of the selected renovation.
    Print(PrintWhat),
}

/// The papers printed from a renovation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PrintWhat {
    /// 装修申请表.
    Application,
    /// A blank 装修申请表.
    BlankApplication,
    /// 装修许可证.
    Permit,
    /// 装修工人出入证.
    Passes,
    /// 整改通知书 N.
    Rectification(u32),
    /// 退款凭证.
    Refund,
    /// 装修巡查记录表 of this month.
    PatrolLog,
}

impl Renovation {
    /// The tab on the open renovations, as of `now`.
    pub fn new(store: &Store, now: NaiveDateTime) -> Renovation {
        let mut r = Renovation {
            show: Show::Open,
            building: String::new(),
            query: String::new(),
            rows: Vec::new(),
            round: Vec::new(),
            selected: None,
            panel: Panel::Detail,
            notices: Notices::default(),
            now,
            unit_matches: Vec::new(),
        };
        r.refresh(store);
        r
    }

    /// The list on screen.
    pub fn rows(&self) -> &[SiteRow] {
        &self.rows
    }

    /// Today's patrol round (due today and overdue).
    pub fn round(&self) -> &[RoundRow] {
        &self.round
    }

    /// The renovation on the right, if any.
    pub fn selected(&self) -> Option<&RenovationFile> {
        self.selected.as_ref()
    }

    /// What the right-hand side shows.
    pub fn panel(&self) -> &Panel {
        &self.panel
    }

    /// Patrols overdue now, for the tab's label.
    pub fn overdue_count(&self) -> usize {
        self.round.iter().filter(|r| r.days_late > 0).count()
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
            Panel::Detail => About::record("renovation", id),
            Panel::Apply(_) => About::form("apply"),
            Panel::Papers(_) => About::record("papers", id),
            Panel::Inspection(_) => About::record("inspection", id),
            Panel::OwnerAccepts(_) => About::record("owner-accepts", id),
            Panel::Phase(_) => About::record("phase", id),
            Panel::Patrol(_) => About::record("patrol", id),
            Panel::Recheck(_) => About::record("recheck", id),
            Panel::Finish(_) => About::record("finish", id),
            Panel::Acceptance(_) => About::record("acceptance", id),
            Panel::Refund(_) => About::record("refund", id),
            Panel::Cancel(_) => About::record("cancel", id),
        }
    }

    fn ok(&mut self, text: impl Into<String>) {
        self.notices.ok(self.on_screen(), text);
    }

    fn fail(&mut self, text: impl Into<String>) {
        self.notices.error(self.on_screen(), text);
    }

    /// Opens a renovation from elsewhere (今日): shows it whatever list was on screen.
    pub fn open(&mut self, store: &Store, now: NaiveDateTime, id: RenovationId) {
        self.now = now;
        self.query.clear();
        self.building.clear();
        self.show = Show::Open;
        self.refresh(store);
        self.select(store, id);
    }

    /// The filter the list is read with.
    fn filter(&self) -> SiteFilter {
        let searching = !self.query.trim().is_empty();
        SiteFilter {
            stage: match self.show {
                Show::Stage(s) if !searching => Some(s),
                _ => None,
            },
            open_only: matches!(self.show, Show::Open) && !searching,
            building: self.building.trim().parse().ok(),
            text: self.query.trim().to_string(),
        }
    }

    /// Reloads the list, the round and the selected renovation.
    pub fn refresh(&mut self, store: &Store) {
        let loaded = (|| {
            self.round = store.patrol_round(self.now.date())?;
            self.rows = store.renovation_sites(&self.filter())?;
            if let Some(id) = self.selected.as_ref().map(|s| s.id) {
                self.selected = Some(store.renovation(id)?);
            }
            Ok::<_, StoreError>(())
        })();
        if let Err(e) = loaded {
            self.fail(e.to_string());
        }
    }

    fn select(&mut self, store: &Store, id: RenovationId) {
        match store.renovation(id) {
            Ok(r) => {
                self.selected = Some(r);
                self.panel = Panel::Detail;
            }
            Err(e) => self.fail(e.to_string()),
        }
    }

    /// The message Enter sends in the open form.
    fn submit(&self) -> Option<Message> {
        Some(match &self.panel {
            Panel::Detail => return None,
            Panel::Apply(_) => Message::SaveApply,
            Panel::Papers(_) => Message::SavePapers,
            Panel::Inspection(_) => Message::SaveInspection,
            Panel::OwnerAccepts(_) => Message::SaveOwnerAccepts,
            Panel::Phase(_) => Message::SavePhase,
            Panel::Patrol(_) => Message::SavePatrol,
            Panel::Recheck(_) => Message::SaveRecheck,
            Panel::Finish(_) => Message::SaveFinish,
            Panel::Acceptance(_) => Message::SaveAcceptance,
            Panel::Refund(_) => Message::SaveRefund,
            Panel::Cancel(_) => Message::SaveCancel,
        })
    }
}

impl Screen for Renovation {
    type Message = Message;

    fn command(&mut self, command: Command, ctx: &mut Ctx<'_>) -> Action<Message> {
        let form_open = self.form_open();
        let message = match command {
            Command::Submit if form_open => match self.submit() {
                Some(m) => m,
                None => return Action::None,
            },
            // Enter in the search box opens the first site in the list.
            Command::Submit => match self.rows.first() {
                Some(row) => Message::Select(row.id),
                None => return Action::None,
            },
            Command::Cancel if form_open => Message::Back,
            Command::Cancel if !self.query.is_empty() => Message::SearchChanged(String::new()),
            Command::Cancel => return Action::None,
            // Ctrl+P: the permit while the work runs, else the application form.
            Command::Print if !form_open => match &self.selected {
                Some(s) if s.permit_at.is_some() && s.stage.working() => {
                    Message::Print(PrintWhat::Permit)
                }
                Some(_) => Message::Print(PrintWhat::Application),
                None => return Action::None,
            },
            Command::Print
            | Command::Next
            | Command::Previous
            | Command::Search
            | Command::Tab(_) => {
                return Action::None;
            }
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
        // The round and what is overdue move with the clock.
        self.now = now;
        self.refresh(store);
    }
}
