//! The 欠费 pane of 收费管理: owing units (all, or one building's) aged 1–3, 4–6, 7–12 and over
//! 12 months, sorted by amount or age, a page at a time with the sums; a unit chosen shows its
//! open lines; 催费通知单 for the unit or every owing unit of the building, and the list itself.

mod view;

use chrono::NaiveDateTime;
use iced::Element;

use super::PaneScreen;
use crate::domain::Month;
use crate::domain::unit::UnitId;
use crate::store::{ArrearsPage, ArrearsSort, FeeAccount, Store};
use crate::ui::{About, Action, Command, Ctx, Notice, Notices, PrintJob};

/// Owing units per page.
pub const PAGE_SIZE: usize = 20;

/// The building filter of a fees pane: every building, or one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum BuildingChoice {
    /// 全部.
    #[default]
    All,
    /// One building, `3号楼`.
    One(u32),
}

impl BuildingChoice {
    /// The building, if one was chosen.
    pub fn building(self) -> Option<u32> {
        match self {
            BuildingChoice::All => None,
            BuildingChoice::One(b) => Some(b),
        }
    }

    /// `全部` then every building the register has.
    pub fn choices(store: &Store) -> Vec<BuildingChoice> {
        let mut out = vec![BuildingChoice::All];
        // A register that cannot be read offers only 全部; the list itself then says why.
        if let Ok(buildings) = store.buildings() {
            out.extend(buildings.into_iter().map(|(b, _)| BuildingChoice::One(b)));
        }
        out
    }
}

impl std::fmt::Display for BuildingChoice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            BuildingChoice::All => f.write_str("全部"),
            BuildingChoice::One(b) => write!(f, "{b}号楼"),
        }
    }
}

/// The unit chosen in the list, with its open lines.
#[derive(Debug, Clone)]
pub struct Chosen {
    /// The unit.
    pub unit: UnitId,
    /// Its account (open lines oldest first, what is owed).
    pub account: Result<FeeAccount, String>,
}

/// The pane's state.
pub struct ArrearsPane {
    buildings: Vec<BuildingChoice>,
    building: BuildingChoice,
    sort: ArrearsSort,
    page: usize,
    list: Result<ArrearsPage, String>,
    chosen: Option<Chosen>,
    /// The month the debts are aged to (this month).
    month: Month,
    notices: Notices,
}

/// What can happen in the pane.
#[derive(Debug, Clone)]
pub enum Message {
    /// A building (or 全部) was chosen.
    Building(BuildingChoice),
    /// Sort by amount or by age.
    Sort(ArrearsSort),
    /// Show another page.
    Page(usize),
    /// A unit was chosen.
    Select(UnitId),
    /// Print the chosen unit's 催费通知单.
    PrintReminder,
    /// Print the 催费通知单 of every owing unit of the building chosen.
    PrintBuildingReminders,
    /// Print the arrears list (of the building chosen, or all).
    PrintList,
}

impl ArrearsPane {
    /// The pane as of `now`; it reads the store when it is shown ([`Self::reload`]), so
    /// the desk starts without working out lists nobody has asked for.
    pub fn new(_store: &Store, now: NaiveDateTime) -> ArrearsPane {
        ArrearsPane {
            buildings: Vec::new(),
            building: BuildingChoice::All,
            sort: ArrearsSort::Amount,
            page: 0,
            list: Ok(ArrearsPage::default()),
            chosen: None,
            month: Month::of(now.date()),
            notices: Notices::default(),
        }
    }

    /// What the right-hand side is about.
    fn on_screen(&self) -> About {
        match &self.chosen {
            Some(c) => About::record("arrears-unit", c.unit.0),
            None => About::TAB,
        }
    }

    /// The message about what is on screen.
    pub fn message(&self) -> Option<&Notice> {
        self.notices.about(self.on_screen())
    }

    /// Handles a message of the pane.
    pub fn update(&mut self, message: Message, ctx: &mut Ctx<'_>) -> Action<Message> {
        match message {
            Message::Building(b) => {
                self.building = b;
                self.page = 0;
                self.chosen = None;
                self.refresh(ctx.store);
            }
            Message::Sort(s) => {
                self.sort = s;
                self.page = 0;
                self.refresh(ctx.store);
            }
            Message::Page(p) => {
                self.page = p;
                self.refresh(ctx.store);
            }
            Message::Select(unit) => {
                let account = ctx.store.fee_account(unit).map_err(|e| e.to_string());
                self.chosen = Some(Chosen { unit, account });
            }
            Message::PrintReminder => {
                let Some(Ok(account)) = self.chosen.as_ref().map(|c| &c.account) else {
                    return Action::None;
                };
                return Action::Print(PrintJob::Reminder(account.address));
            }
            Message::PrintBuildingReminders => match self.building.building() {
                Some(building) => return Action::Print(PrintJob::BuildingReminders(building)),
                None => self
                    .notices
                    .error(About::TAB, "请先选择楼栋，再打印该楼的催费通知单"),
            },
            Message::PrintList => {
                return Action::Print(PrintJob::Arrears(self.building.building()));
            }
        }
        Action::None
    }

    /// The pane.
    pub fn view(&self) -> Element<'_, Message> {
        view::view(self)
    }

    /// Reads the page again (the filter, sort or data changed).
    fn refresh(&mut self, store: &Store) {
        let read = |page| {
            store.arrears(
                self.building.building(),
                self.sort,
                self.month,
                page,
                PAGE_SIZE,
            )
        };
        self.list = match read(self.page) {
            // Payments elsewhere can empty the last page: show the last one there is.
            Ok(p) if p.rows.is_empty() && self.page > 0 => {
                self.page = p.total.saturating_sub(1) / PAGE_SIZE;
                read(self.page)
            }
            other => other,
        }
        .map_err(|e| e.to_string());
        if let Some(c) = &mut self.chosen {
            c.account = store.fee_account(c.unit).map_err(|e| e.to_string());
        }
    }

    /// Reloads what other tabs or the clock change.
    pub fn reload(&mut self, store: &Store, now: NaiveDateTime) {
        self.month = Month::of(now.date());
        self.buildings = BuildingChoice::choices(store);
        if !self.buildings.contains(&self.building) {
            self.building = BuildingChoice::All;
        }
        self.refresh(store);
    }
}

impl PaneScreen for ArrearsPane {
    type Message = Message;

    fn command(&mut self, command: Command, ctx: &mut Ctx<'_>) -> Action<Message> {
        match command {
            Command::Print if self.chosen.is_some() => self.update(Message::PrintReminder, ctx),
            _ => Action::None,
        }
    }

    fn search_id(&self) -> Option<&'static str> {
        None
    }

    fn form_open(&self) -> bool {
        false
    }
}
