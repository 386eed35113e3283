//! The 公共水电 pane of 收费管理: a building's master meter and every unit's meter for a month
//! (上月读数, 本月读数, 用量), entered one after another from the keyboard (a row picked, the
//! figure typed, Enter saves and moves to the next row still without one); and the 12-month
//! loss (master use minus the units' use, its rate, flagged over the limit set here by the
//! supervisor), the procedure's "反推管理漏洞".

mod reading;
mod view;

pub use reading::{parse_reading, show_reading};

use chrono::{NaiveDate, NaiveDateTime};
use iced::Element;

use super::PaneScreen;
use super::arrears::BuildingChoice;
use crate::domain::Month;
use crate::domain::fees::Meter;
use crate::store::{LossMonth, NewReading, ReadingRow, Store};
use crate::ui::{About, Action, Command, Ctx, Notice, Notices};

/// The id of the reading field.
pub const READING_ID: &str = "meter-reading";
/// The id of the loss-limit field.
pub const LIMIT_ID: &str = "loss-limit";
/// What the loss-limit form's messages are about.
const LIMIT: About = About::form("loss-limit");

/// The pane's state.
pub struct UtilitiesPane {
    buildings: Vec<BuildingChoice>,
    building: Option<u32>,
    meter: Meter,
    month: Month,
    today: NaiveDate,
    rows: Result<Vec<ReadingRow>, String>,
    /// The row the figure typed is for.
    picked: usize,
    value: String,
    value_error: Option<String>,
    loss: Result<Vec<LossMonth>, String>,
    limit: Option<u32>,
    limit_text: String,
    notices: Notices,
}

/// What can happen in the pane.
#[derive(Debug, Clone)]
pub enum Message {
    /// A building was chosen.
    Building(BuildingChoice),
    /// Water or power.
    Meter(Meter),
    /// Show the month before or after (−1, +1).
    Month(i32),
    /// A row was picked for entry.
    Pick(usize),
    /// The reading was edited.
    Value(String),
    /// Save the reading typed for the picked row.
    SaveReading,
    /// The loss limit was edited.
    LimitEdited(String),
    /// Save the loss limit.
    SaveLimit,
}

impl UtilitiesPane {
    /// The pane as of `now`; it reads the store when it is shown ([`Self::reload`]), so
    /// the desk starts without working out lists nobody has asked for.
    pub fn new(_store: &Store, now: NaiveDateTime) -> UtilitiesPane {
        UtilitiesPane {
            buildings: Vec::new(),
            building: None,
            meter: Meter::Water,
            month: Month::of(now.date()),
            today: now.date(),
            rows: Ok(Vec::new()),
            picked: 0,
            value: String::new(),
            value_error: None,
            loss: Ok(Vec::new()),
            limit: None,
            limit_text: String::new(),
            notices: Notices::default(),
        }
    }

    /// The readings listed.
    pub fn rows(&self) -> &[ReadingRow] {
        self.rows.as_deref().unwrap_or(&[])
    }

    /// What the readings form's messages are about: this building, meter and month.
    fn readings_about(&self) -> About {
        let b = i64::from(self.building.unwrap_or(0));
        let m = i64::from(self.month.year()) * 100 + i64::from(self.month.number());
        let meter = Meter::ALL
            .iter()
            .position(|x| *x == self.meter)
            .unwrap_or(0);
        About::record("readings", (b * 1_000_000 + m) * 10 + meter as i64)
    }

    /// The message beside the readings form.
    pub fn readings_message(&self) -> Option<&Notice> {
        self.notices.about(self.readings_about())
    }

    /// The message beside the loss limit.
    pub fn limit_message(&self) -> Option<&Notice> {
        self.notices.about(LIMIT)
    }

    /// Handles a message of the pane.
    pub fn update(&mut self, message: Message, ctx: &mut Ctx<'_>) -> Action<Message> {
        match message {
            Message::Building(b) => {
                self.building = b.building();
                self.refresh(ctx.store, true);
            }
            Message::Meter(m) => {
                self.meter = m;
                self.refresh(ctx.store, true);
            }
            Message::Month(step) => {
                self.month = if step < 0 {
                    self.month.prev()
                } else {
                    self.month.next()
                };
                self.refresh(ctx.store, true);
            }
            Message::Pick(i) => {
                self.picked = i;
                self.value.clear();
                self.value_error = None;
                // Clicking the row took the cursor out of the figure's field: put it back.
                return Action::Run(crate::ui::keyboard::focus(READING_ID));
            }
            Message::Value(v) => {
                self.value = v;
                self.value_error = None;
            }
            Message::SaveReading => self.save_reading(ctx),
            Message::LimitEdited(v) => {
                self.limit_text = v;
                self.notices.edited(LIMIT);
            }
            Message::SaveLimit => self.save_limit(ctx),
        }
        Action::None
    }

    fn save_reading(&mut self, ctx: &mut Ctx<'_>) {
        let Some(building) = self.building else {
            return;
        };
        let Some(row) = self.rows().get(self.picked).cloned() else {
            return;
        };
        let reading = match parse_reading(self.meter, &self.value) {
            Ok(r) => r,
            Err(e) => {
                self.value_error = Some(e);
                return;
            }
        };
        let about = self.readings_about();
        let new = NewReading {
            building,
            unit: row.unit.map(|(id, _)| id),
            meter: self.meter,
            month: self.month,
            reading,
            read_on: self.today,
        };
        let done = ctx.recorder().and_then(|rec| {
            ctx.store
                .record_readings(&[new], &rec)
                .map_err(|e| e.to_string())
        });
        match done {
            Ok(_) => {
                let name = meter_name(&row);
                self.notices.ok(
                    about,
                    format!(
                        "已保存 {name} 本月读数 {}",
                        show_reading(self.meter, reading)
                    ),
                );
                self.value.clear();
                self.refresh(ctx.store, false);
                // On to the next row still without a reading, so a round of meters is typed
                // one figure and Enter after another.
                let rows = self.rows();
                let next = (self.picked + 1..rows.len())
                    .chain(0..self.picked)
                    .find(|&i| rows[i].reading.is_none());
                self.picked = next.unwrap_or(self.picked);
            }
            Err(e) => self.value_error = Some(e),
        }
    }

    fn save_limit(&mut self, ctx: &mut Ctx<'_>) {
        let typed = crate::domain::normalize_digits(&self.limit_text);
        let typed = typed.trim().trim_end_matches(['%', '％']);
        let percent = match typed.parse::<u32>() {
            Ok(p) if (1..=100).contains(&p) => p,
            _ => {
                return self
                    .notices
                    .error(LIMIT, "损耗率上限请填 1 到 100 之间的整数，例如 10");
            }
        };
        let done = ctx.recorder().and_then(|rec| {
            ctx.store
                .save_loss_limit_percent(percent, &rec)
                .map_err(|e| e.to_string())
        });
        match done {
            Ok(()) => {
                self.refresh(ctx.store, false);
                self.notices
                    .ok(LIMIT, format!("损耗率上限已设为 {percent}%"));
            }
            Err(e) => self.notices.error(LIMIT, e),
        }
    }

    /// The pane.
    pub fn view(&self) -> Element<'_, Message> {
        view::view(self)
    }

    /// Reads the readings, the loss and the limit again; `restart` goes back to the first row
    /// (another building, meter or month).
    fn refresh(&mut self, store: &Store, restart: bool) {
        if restart {
            self.picked = 0;
            self.value.clear();
            self.value_error = None;
        }
        match store.loss_limit_percent() {
            Ok(l) => {
                if self.limit != Some(l) {
                    self.limit_text = l.to_string();
                }
                self.limit = Some(l);
            }
            Err(e) => self.loss = Err(e.to_string()),
        }
        let Some(b) = self.building else {
            self.rows = Ok(Vec::new());
            self.loss = Ok(Vec::new());
            return;
        };
        self.rows = store
            .readings(b, self.meter, self.month)
            .map_err(|e| e.to_string());
        self.loss = store
            .utility_loss(b, self.meter, self.month)
            .map_err(|e| e.to_string());
        if self.picked >= self.rows().len() {
            self.picked = 0;
        }
    }

    /// Reloads what other tabs or the clock change.
    pub fn reload(&mut self, store: &Store, now: NaiveDateTime) {
        self.today = now.date();
        self.buildings = BuildingChoice::choices(store)
            .into_iter()
            .filter(|b| b.building().is_some())
            .collect();
        let known = self
            .building
            .is_some_and(|b| self.buildings.contains(&BuildingChoice::One(b)));
        if !known {
            self.building = self.buildings.first().and_then(|b| b.building());
        }
        self.refresh(store, !known);
    }
}

/// `总表` or the unit's address.
pub fn meter_name(row: &ReadingRow) -> String {
    match &row.unit {
        None => "总表".to_string(),
        Some((_, a)) => a.short(),
    }
}

impl PaneScreen for UtilitiesPane {
    type Message = Message;

    fn command(&mut self, _command: Command, _ctx: &mut Ctx<'_>) -> Action<Message> {
        // Enter and Esc belong to the reading and the limit forms themselves.
        Action::None
    }

    fn search_id(&self) -> Option<&'static str> {
        None
    }

    fn form_open(&self) -> bool {
        // The reading form is always there for a building, and takes the cursor.
        self.building.is_some()
    }
}
