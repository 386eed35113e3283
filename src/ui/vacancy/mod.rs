//! 空置房管理: the month's vacant units with their inspections and the occupancy rule, owners'
//! vacancy applications and the supervisor's decisions, coverage per officer and building, and
//! the tab's own settings (thresholds, officers' buildings). Prints the 空置房检查记录表 and the
//! 空置房申请表.

mod basements;
mod decision;
mod drafts;
mod forms;
mod update;
mod view;

pub use basements::{BasementDraft, BasementField};
pub use decision::{DecisionDraft, DecisionKind, RulesDraft, format_buildings, parse_buildings};
pub use drafts::{
    ApplicationDraft, Errors, Field, InspectionDraft, InspectorChoice, Lower, Target,
};

use chrono::{NaiveDate, NaiveDateTime};

use crate::ui::{About, Action, Command, Ctx, Notice, Notices, Screen};

use crate::domain::staff::{Role, StaffId};
use crate::domain::unit::UnitId;
use crate::domain::vacancy::{
    ApplicationId, BasementId, BuildingCoverage, InspectionId, InspectionKind, Meter, Month,
    OfficerCoverage, VacancyRules, per_officer,
};
use crate::store::{
    ApplicationRecord, BasementMonth, BasementRecord, OfficerBuildings, Store, StoreError,
    VacantUnit,
};

/// The id of the month field.
pub const MONTH_ID: &str = "vacancy-month";
/// The id of the building filter.
pub const BUILDING_ID: &str = "vacancy-building";
/// Rows of the vacant list on one page.
pub const PAGE_SIZE: usize = 60;

/// The panes of the tab.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pane {
    /// 本月检查: the vacant units of the month.
    Units,
    /// 空置申请.
    Applications,
    /// 检查覆盖.
    Coverage,
    /// 规则与分工.
    Settings,
}

impl Pane {
    /// Left to right.
    pub const ALL: [Pane; 4] = [
        Pane::Units,
        Pane::Applications,
        Pane::Coverage,
        Pane::Settings,
    ];

    /// The label.
    pub fn label(self) -> &'static str {
        match self {
            Pane::Units => "本月检查",
            Pane::Applications => "空置申请",
            Pane::Coverage => "检查覆盖",
            Pane::Settings => "规则与分工",
        }
    }
}

/// The form open on the right, if any.
#[derive(Debug, Clone)]
pub enum Editor {
    /// Entering an inspection.
    Inspect(Box<InspectionDraft>),
    /// Taking an application.
    Apply(ApplicationDraft),
    /// Approving or rejecting an application, recording its shut-off, or ending it early.
    Decide(DecisionDraft),
}

/// The vacancy tab's state.
pub struct Vacancy {
    /// The date of the last reload or update (the desk's clock), never stored once for good.
    today: NaiveDate,
    month: Month,
    /// Whether the month shown is "this month" (it then moves on with the clock at month end);
    /// false once the user types another month.
    follows_today: bool,
    /// The page of the vacant list shown.
    page: usize,
    month_text: String,
    building_text: String,
    pane: Pane,
    rules: VacancyRules,
    units: Vec<VacantUnit>,
    /// The month's active basements of the building in the filter (all without one).
    basements: Vec<BasementMonth>,
    /// Every basement, for the editor in 规则与分工.
    all_basements: Vec<BasementRecord>,
    basement_draft: BasementDraft,
    coverage: Vec<BuildingCoverage>,
    per_officer: Vec<OfficerCoverage>,
    applications: Vec<ApplicationRecord>,
    officers: Vec<OfficerBuildings>,
    /// Who may be 检查人: active service officers and supervisors.
    inspectors: Vec<InspectorChoice>,
    officer: Option<StaffId>,
    officer_text: String,
    officer_error: Option<String>,
    rules_draft: RulesDraft,
    editor: Option<Editor>,
    notices: Notices,
}

/// What can happen in the vacancy tab.
#[derive(Debug, Clone)]
pub enum Message {
    /// A pane was chosen.
    PaneSelected(Pane),
    /// The month field changed.
    MonthChanged(String),
    /// The building filter changed.
    BuildingChanged(String),
    /// Another page of the vacant list.
    PageTo(usize),
    /// Enter an inspection of a unit.
    Inspect(UnitId),
    /// The inspection's kind was chosen.
    KindPicked(InspectionKind),
    /// A checklist item was ticked abnormal (true) or normal.
    ItemToggled(usize, bool),
    /// A text field of the open form changed.
    Edited(Field, String),
    /// Start a new application.
    NewApplication,
    /// 身份证原件已核验 ticked.
    IdChecked(bool),
    /// Open the decision form of an application.
    Decide(ApplicationId),
    /// Open the early-end form of an application.
    EndEarly(ApplicationId),
    /// Open the form recording the shut-off of water and power of an approved application.
    ShutOff(ApplicationId),
    /// Why a lower reading is lower: 换表 or 表回零.
    LowerPicked(Meter, Lower),
    /// 检查人 chosen.
    InspectorPicked(InspectorChoice),
    /// Open a repair order for a unit's abnormal inspection.
    Repair(InspectionId),
    /// Open a repair order for a basement's abnormal inspection.
    RepairBasement(BasementId, i64),
    /// Approve the application in the decision form.
    Approve,
    /// Reject it.
    Reject,
    /// Save the open form (inspection, application, shut-off, early end).
    Save,
    /// Close the form.
    Cancel,
    /// Print the 空置房检查记录表 of the building in the filter: blank or filled.
    PrintSheet(bool),
    /// Print an application.
    PrintApplication(ApplicationId),
    /// Save the thresholds.
    SaveRules,
    /// An officer was chosen for editing their buildings.
    OfficerPicked(OfficerChoice),
    /// Save the officer's buildings.
    SaveOfficer,
    /// Enter an inspection of a basement.
    InspectBasement(BasementId),
    /// A field of the basement editor changed.
    BasementEdited(BasementField, String),
    /// Add the basement in the editor.
    AddBasement,
    /// Resume (true) or stop (false) inspecting a basement.
    BasementActive(BasementId, bool),
}

/// A service officer in the picker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OfficerChoice {
    /// Staff id.
    pub id: StaffId,
    /// Name.
    pub name: String,
}

impl std::fmt::Display for OfficerChoice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.name)
    }
}

impl Vacancy {
    /// The tab on `today`'s month.
    pub fn new(store: &Store, today: NaiveDate) -> Result<Vacancy, StoreError> {
        let month = Month::of(today);
        let rules = store.vacancy_rules()?;
        let mut v = Vacancy {
            today,
            month,
            follows_today: true,
            page: 0,
            month_text: month.code(),
            building_text: String::new(),
            pane: Pane::Units,
            rules,
            units: Vec::new(),
            basements: Vec::new(),
            all_basements: Vec::new(),
            basement_draft: BasementDraft::default(),
            coverage: Vec::new(),
            per_officer: Vec::new(),
            applications: Vec::new(),
            officers: Vec::new(),
            inspectors: Vec::new(),
            officer: None,
            officer_text: String::new(),
            officer_error: None,
            rules_draft: RulesDraft::from_rules(&rules),
            editor: None,
            notices: Notices::default(),
        };
        v.load(store)?;
        Ok(v)
    }

    /// The month shown.
    pub fn month(&self) -> Month {
        self.month
    }

    /// The vacant units of the month (filtered by building).
    pub fn units(&self) -> &[VacantUnit] {
        &self.units
    }

    /// The month's basements (filtered by building), with their inspections.
    pub fn basements(&self) -> &[BasementMonth] {
        &self.basements
    }

    /// The month's coverage per building.
    pub fn coverage(&self) -> &[BuildingCoverage] {
        &self.coverage
    }

    /// Applications the desk must see.
    pub fn applications(&self) -> &[ApplicationRecord] {
        &self.applications
    }

    /// The open form.
    pub fn editor(&self) -> Option<&Editor> {
        self.editor.as_ref()
    }

    /// The message shown beside what is on screen, if any.
    pub fn message(&self) -> Option<&Notice> {
        self.notices.about(self.on_screen())
    }

    /// What the right-hand side shows: the open form, about its record (the inspection of
    /// unit 12 is `record("inspect", 12)`), or the pane on the left.
    pub fn on_screen(&self) -> About {
        match (&self.editor, self.pane) {
            (Some(Editor::Inspect(d)), _) => match &d.target {
                Target::Unit(unit, _) => About::record("inspect", unit.0),
                Target::Basement(id, _) => About::record("inspect-basement", id.0),
            },
            (Some(Editor::Apply(_)), _) => About::form("apply"),
            (Some(Editor::Decide(d)), _) => match d.kind {
                DecisionKind::Decide => About::record("decide", d.id.0),
                DecisionKind::ShutOff => About::record("shut-off", d.id.0),
                DecisionKind::End => About::record("end", d.id.0),
            },
            (None, Pane::Units) => About::form("units"),
            (None, Pane::Applications) => About::form("applications"),
            (None, Pane::Coverage) => About::form("coverage"),
            (None, Pane::Settings) => About::form("settings"),
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

    /// The pane shown.
    pub fn pane(&self) -> Pane {
        self.pane
    }

    /// The default 检查人 of `building`: its service officer (the first by name if several).
    fn officer_of(&self, building: u32) -> Option<InspectorChoice> {
        self.officers
            .iter()
            .filter(|o| o.buildings.contains(&building))
            .min_by(|a, b| a.name.cmp(&b.name))
            .and_then(|o| self.inspectors.iter().find(|c| c.id == o.staff))
            .cloned()
    }

    /// Approved applications whose water and power are not yet shut off (待停水停电).
    pub fn awaiting_shut_off(&self) -> usize {
        self.applications
            .iter()
            .filter(|a| a.awaiting_shut_off())
            .count()
    }

    /// Units of the month not yet inspected (for the tab label).
    pub fn uninspected(&self) -> usize {
        self.coverage
            .iter()
            .map(|c| (c.vacant - c.inspected) as usize)
            .sum()
    }

    fn building(&self) -> Option<u32> {
        self.building_text.trim().parse().ok().filter(|b| *b > 0)
    }

    /// Takes the date of the desk's clock: the month shown follows it across a month end
    /// unless the user chose another month. Whether the month changed.
    fn set_today(&mut self, today: NaiveDate) -> bool {
        self.today = today;
        let month = Month::of(today);
        if self.follows_today && self.month != month {
            self.month = month;
            self.month_text = month.code();
            self.page = 0;
            return true;
        }
        false
    }

    /// The date the tab works with: the desk's clock at the last reload or update.
    pub fn today(&self) -> NaiveDate {
        self.today
    }

    /// The page of the vacant list shown, from 0.
    pub fn page(&self) -> usize {
        self.page
    }

    /// Opens this month's 本月检查 of one building from elsewhere (a line of 今日), any open
    /// form closed.
    pub fn open(&mut self, store: &Store, today: NaiveDate, building: u32) {
        self.follows_today = true;
        self.today = today;
        self.month = Month::of(today);
        self.month_text = self.month.code();
        self.building_text = building.to_string();
        self.pane = Pane::Units;
        self.page = 0;
        self.editor = None;
        self.refresh(store);
    }

    /// Reloads the lists after a change or a new month or building.
    fn load(&mut self, store: &Store) -> Result<(), StoreError> {
        self.units = store.vacant_units(self.month, self.building(), &self.rules)?;
        self.basements = store.month_basements(self.month, self.building())?;
        self.all_basements = store.basements(true)?;
        self.coverage = store.vacancy_coverage(self.month)?;
        self.per_officer = per_officer(&self.coverage);
        self.applications = store.open_vacancy_applications(self.today)?;
        self.officers = store.officer_buildings()?;
        self.inspectors = store
            .staff()?
            .into_iter()
            .filter(|s| {
                s.staff.active && matches!(s.staff.role, Role::ServiceOfficer | Role::Supervisor)
            })
            .map(|s| InspectorChoice {
                id: s.id,
                label: format!("{}（{}）", s.staff.name, s.staff.role.label()),
                name: s.staff.name,
            })
            .collect();
        Ok(())
    }

    fn refresh(&mut self, store: &Store) {
        if let Err(e) = self.load(store) {
            self.fail(e.to_string());
        }
    }
}

impl Screen for Vacancy {
    type Message = Message;

    fn command(&mut self, command: Command, ctx: &mut Ctx<'_>) -> Action<Message> {
        let message = match (command, &self.editor) {
            (Command::Submit, Some(Editor::Inspect(_) | Editor::Apply(_))) => Message::Save,
            (Command::Submit, Some(Editor::Decide(d))) if d.kind != DecisionKind::Decide => {
                Message::Save
            }
            (Command::Cancel, Some(_)) => Message::Cancel,
            // Esc outside a form clears the building filter, back to the whole estate.
            (Command::Cancel, None) if !self.building_text.is_empty() => {
                Message::BuildingChanged(String::new())
            }
            (Command::Print, Some(Editor::Decide(d))) => Message::PrintApplication(d.id),
            // The sheet of the building chosen (a message asks for one if none is).
            (Command::Print, _) => Message::PrintSheet(false),
            _ => return Action::None,
        };
        self.update(message, ctx)
    }

    fn search_id(&self) -> Option<&'static str> {
        None
    }

    fn form_open(&self) -> bool {
        self.editor.is_some()
    }

    fn reload(&mut self, store: &Store, now: NaiveDateTime) {
        self.set_today(now.date());
        self.refresh(store);
    }
}
