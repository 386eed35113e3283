//! 业主入住: a building's units with where each owner's move-in stands, the day's bookings, and
//! one case at a time taken step by step in the procedure's order (chapter 1) — the agreements,
//! the fees tab's bank agreement and payment, the items with the keys through the keys tab, the
//! two handover inspections with their defects sent to 报修管理, and the end: 已入住 or 装修中.

mod drafts;
mod update;
mod view;

pub use drafts::{FinishDraft, InspectionDraft, ItemsDraft, OpenDraft};

use chrono::NaiveDateTime;

use super::{About, Action, Command, Ctx, Notice, Notices, Screen};
use crate::domain::UnitAddress;
use crate::domain::movein::{MoveInId, MoveInStep};
use crate::domain::unit::UnitId;
use crate::store::{MoveInRecord, MoveInRow, Store, StoreError};

/// The id of the building filter (the tab's search box).
pub const BUILDING_ID: &str = "movein-building";
/// The id of the note / reason / date fields of a step.
pub const NOTE_ID: &str = "movein-note";

/// What the right-hand side shows.
#[derive(Debug, Clone)]
pub enum Panel {
    /// The selected case (or a hint).
    Detail,
    /// Opening a case for the unit picked.
    Open(OpenDraft),
    /// The agreements' signed dates: 0 service, 1 rules.
    Agreements([String; 2]),
    /// The items handed over.
    Items(ItemsDraft),
    /// A handover inspection.
    Inspection(InspectionDraft),
    /// Skipping the next step, with its reason.
    Skip(String),
    /// The end: move-in date, or a renovation next.
    Finish(FinishDraft),
}

/// The move-in tab's state.
pub struct MoveIn {
    building_text: String,
    step: Option<MoveInStep>,
    schedule: bool,
    rows: Vec<MoveInRow>,
    /// The unit picked on the board that has no open case (a new case opens for it).
    picked: Option<(UnitId, UnitAddress)>,
    selected: Option<MoveInRecord>,
    panel: Panel,
    /// The note typed beside 完成此步.
    note: String,
    notices: Notices,
    now: NaiveDateTime,
    items: Vec<String>,
    areas: Vec<String>,
}

/// What can happen in the move-in tab.
#[derive(Debug, Clone)]
pub enum Message {
    /// The building typed.
    BuildingEdited(String),
    /// A step chosen as the filter (None: all).
    StepFilter(Option<MoveInStep>),
    /// The day's bookings or the building.
    Schedule(bool),
    /// A unit of the board chosen.
    Pick(UnitId),
    /// An open-case field typed: 0 owner, 1 notice number, 2 booked time.
    OpenEdited(usize, String),
    /// One of the unit's owners picked.
    OwnerPicked(crate::ui::OwnerChoice),
    /// Open the case.
    SaveOpen,
    /// The note beside 完成此步 typed.
    NoteEdited(String),
    /// Do the next step (the steps without a form of their own).
    Done(MoveInStep),
    /// Open the next step's own form.
    Form(MoveInStep),
    /// An agreement date typed.
    AgreementEdited(usize, String),
    /// Save the agreements.
    SaveAgreements,
    /// An item's quantity typed.
    ItemEdited(usize, String),
    /// Save the items.
    SaveItems,
    /// An inspection area ticked 合格 or not.
    AreaOk(usize, bool),
    /// An inspection area's note typed.
    AreaNote(usize, String),
    /// A reading typed: 0 water, 1 electricity, 2 gas.
    ReadingEdited(usize, String),
    /// Save the inspection.
    SaveInspection,
    /// A defect becomes a repair order.
    ToRepair(crate::domain::movein::DefectId),
    /// The owner accepts a defect as it is.
    Accept(crate::domain::movein::DefectId),
    /// Open the skip form.
    Skip,
    /// The reason typed.
    SkipEdited(String),
    /// Save the skip.
    SaveSkip,
    /// The move-in date typed.
    FinishDateEdited(String),
    /// 转装修 ticked or not.
    RenovatingToggled(bool),
    /// Save the end.
    SaveFinish,
    /// Back to the case.
    Back,
    /// Open the owner's record in 房屋与业主.
    OpenRegister,
    /// Open a defect's repair order in 报修管理.
    OpenRepair(crate::domain::repair::RepairId),
    /// Print the case's 房屋验收交接表.
    PrintSheet,
    /// Print a blank 房屋验收交接表.
    PrintBlank,
    /// Print the case's 业主入住清单.
    PrintList,
}

impl MoveIn {
    /// The tab as of `now`, on the building with the most open cases.
    pub fn new(store: &Store, now: NaiveDateTime) -> MoveIn {
        let mut m = MoveIn {
            building_text: String::new(),
            step: None,
            schedule: false,
            rows: Vec::new(),
            picked: None,
            selected: None,
            panel: Panel::Detail,
            note: String::new(),
            notices: Notices::default(),
            now,
            items: Vec::new(),
            areas: Vec::new(),
        };
        // The building being delivered: the one with the most cases open.
        if let Ok(rows) = store.move_in_board(None, None) {
            let mut open: std::collections::BTreeMap<u32, usize> = Default::default();
            for r in rows.iter().filter(|r| r.step.is_some()) {
                *open.entry(r.address.building).or_default() += 1;
            }
            if let Some((b, _)) = open
                .into_iter()
                .max_by_key(|&(b, n)| (n, std::cmp::Reverse(b)))
            {
                m.building_text = b.to_string();
            }
        }
        m.refresh(store);
        m
    }

    /// The board on screen.
    pub fn rows(&self) -> &[MoveInRow] {
        &self.rows
    }

    /// The case on the right.
    pub fn selected(&self) -> Option<&MoveInRecord> {
        self.selected.as_ref()
    }

    /// What the right-hand side shows.
    pub fn panel(&self) -> &Panel {
        &self.panel
    }

    /// The message beside what is on screen.
    pub fn message(&self) -> Option<&Notice> {
        self.notices.about(self.on_screen())
    }

    /// What the right-hand side is about.
    pub fn on_screen(&self) -> About {
        let id = self.selected.as_ref().map_or(0, |r| r.id.0);
        match &self.panel {
            Panel::Detail if id == 0 => About::TAB,
            Panel::Detail => About::record("case", id),
            Panel::Open(_) => About::form("open"),
            Panel::Agreements(_) => About::record("agreements", id),
            Panel::Items(_) => About::record("items", id),
            Panel::Inspection(d) => About::record(
                if d.round == 1 {
                    "inspection1"
                } else {
                    "inspection2"
                },
                id,
            ),
            Panel::Skip(_) => About::record("skip", id),
            Panel::Finish(_) => About::record("finish", id),
        }
    }

    fn ok(&mut self, text: impl Into<String>) {
        self.notices.ok(self.on_screen(), text);
    }

    fn fail(&mut self, text: impl Into<String>) {
        self.notices.error(self.on_screen(), text);
    }

    /// The building typed, if it is one.
    fn building(&self) -> Option<u32> {
        self.building_text
            .trim()
            .trim_end_matches("号楼")
            .parse()
            .ok()
    }

    /// Reloads the board, the lists from 设置 and the selected case.
    pub fn refresh(&mut self, store: &Store) {
        let loaded = (|| {
            self.items = store.move_in_items_setting()?;
            self.areas = store.inspection_areas()?;
            self.rows = if self.schedule {
                store.move_in_schedule(self.now.date())?
            } else {
                match self.building() {
                    Some(b) => store.move_in_board(Some(b), self.step)?,
                    None => Vec::new(),
                }
            };
            if let Some(id) = self.selected.as_ref().map(|s| s.id) {
                self.selected = Some(store.move_in(id)?);
            }
            Ok::<_, StoreError>(())
        })();
        if let Err(e) = loaded {
            self.fail(e.to_string());
        }
    }

    fn select(&mut self, store: &Store, id: MoveInId) {
        match store.move_in(id) {
            Ok(r) => {
                self.selected = Some(r);
                self.picked = None;
                self.panel = Panel::Detail;
                self.note.clear();
            }
            Err(e) => self.fail(e.to_string()),
        }
    }
}

impl Screen for MoveIn {
    type Message = Message;

    fn command(&mut self, command: Command, ctx: &mut Ctx<'_>) -> Action<Message> {
        let message = match (command, &self.panel) {
            (Command::Submit, Panel::Open(_)) => Message::SaveOpen,
            (Command::Submit, Panel::Agreements(_)) => Message::SaveAgreements,
            (Command::Submit, Panel::Items(_)) => Message::SaveItems,
            (Command::Submit, Panel::Inspection(_)) => Message::SaveInspection,
            (Command::Submit, Panel::Skip(_)) => Message::SaveSkip,
            (Command::Submit, Panel::Finish(_)) => Message::SaveFinish,
            (Command::Submit, Panel::Detail) => match self.rows.first() {
                Some(r) if self.rows.len() == 1 => Message::Pick(r.unit),
                _ => return Action::None,
            },
            (Command::Cancel, Panel::Detail) => return Action::None,
            (Command::Cancel, _) => Message::Back,
            (Command::Print, Panel::Detail) if self.selected.is_some() => Message::PrintList,
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
        Some(BUILDING_ID)
    }

    fn form_open(&self) -> bool {
        !matches!(self.panel, Panel::Detail)
    }

    fn reload(&mut self, store: &Store, now: NaiveDateTime) {
        self.now = now;
        self.refresh(store);
    }
}
