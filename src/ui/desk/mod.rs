//! The desk: every tab's state, the store and who is signed in, the one clock, and the window's
//! update — the session (sign-in, lock, hand-over, countersign), the idle lock, and the routing
//! of every message to its tab. `tabs.rs` routes to the tabs, `view.rs` draws the window.
//!
//! The countersign is written once, here: after every message a tab handled, the desk asks the
//! store whether a write was refused for want of a role ([`Store::take_refusal`]); if so it
//! asks someone who has the role for their PIN and sends the same message again.

mod backup;
mod open;
mod tabs;
mod view;

pub use backup::{BackupJob, BackupMessage, Outcome as BackupOutcome, Why as BackupWhy};

use chrono::{NaiveDateTime, TimeDelta};
use iced::{Subscription, Task};

use super::session::{self, Outcome, Session};
use super::{
    About, Clock, Message, Notice, Screen, StaffChoice, Tab, audit, gate, keyboard, keys, register,
    repairs, settings, vacancy,
};
use crate::domain::settings::Office;
use crate::domain::staff::Recorded;
use crate::store::{Actor, DEFAULT_IDLE_LOCK_MINUTES, InstanceLock, Store};

/// What the desk's own line at the bottom is about: the last print.
const PRINTED: About = About::form("print");
/// The line at the bottom after the first supervisor's account was made.
const WELCOME: About = About::form("welcome");

/// The desk, open on a database.
pub struct Desk {
    store: Store,
    _lock: Option<InstanceLock>,
    office: Office,
    tab: Tab,
    tabs: Tabs,
    clock: Clock,
    notice: Option<Notice>,
    session: Session,
    /// When the last keyboard or mouse input came: the idle lock counts from here.
    last_input: NaiveDateTime,
    /// The backups taken at start, every few hours and at exit.
    backups: backup::Backups,
}

/// Each tab's own state.
struct Tabs {
    today: crate::ui::today::Today,
    register: register::Register,
    repairs: repairs::Repairs,
    feedback: crate::ui::feedback::Feedback,
    movein: crate::ui::movein::MoveIn,
    settings: settings::Settings,
    gate: gate::Gate,
    keys: keys::Keys,
    vacancy: vacancy::Vacancy,
    fees: crate::ui::fees::Fees,
    lostfound: crate::ui::lostfound::LostFound,
    rental: crate::ui::rental::Rental,
    renovation: crate::ui::renovation::Renovation,
    audit: audit::AuditLog,
    stats: crate::ui::stats::Stats,
    archive: crate::ui::archive::ArchiveTab,
}

impl Tabs {
    /// Every tab loaded from the store (at opening, and again on a restored file).
    fn load(store: &Store, now: NaiveDateTime) -> Result<Tabs, String> {
        Ok(Tabs {
            today: crate::ui::today::Today::new(store, now),
            register: register::Register::new(store).map_err(|e| e.to_string())?,
            repairs: repairs::Repairs::new(store, now).map_err(|e| e.to_string())?,
            feedback: crate::ui::feedback::Feedback::new(store, now),
            movein: crate::ui::movein::MoveIn::new(store, now),
            settings: settings::Settings::new(store).map_err(|e| e.to_string())?,
            gate: gate::Gate::new(store, now).map_err(|e| e.to_string())?,
            keys: keys::Keys::new(store, now).map_err(|e| e.to_string())?,
            vacancy: vacancy::Vacancy::new(store, now.date()).map_err(|e| e.to_string())?,
            fees: crate::ui::fees::Fees::new(store, now),
            lostfound: crate::ui::lostfound::LostFound::new(store, now),
            rental: crate::ui::rental::Rental::new(store, now),
            renovation: crate::ui::renovation::Renovation::new(store, now),
            audit: audit::AuditLog::new(store, now),
            stats: crate::ui::stats::Stats::new(store, now),
            archive: crate::ui::archive::ArchiveTab::new(store, now),
        })
    }
}

/// What tabs may use of the desk while updating: the store (which knows who is signed in) and
/// the time.
pub struct Ctx<'a> {
    /// The database.
    pub store: &'a mut Store,
    /// The office details.
    pub office: &'a Office,
    /// The time of this update, read once from the desk's clock.
    pub now: NaiveDateTime,
}

impl Ctx<'_> {
    /// The person signed in.
    pub fn signed_in(&self) -> Option<&Actor> {
        self.store.signed_in()
    }

    /// The time of a write; who made it is the store's to say (the person signed in, or the
    /// countersigner), so screens that need no name from the desk pass only this.
    pub fn stamp(&self) -> Recorded {
        let me = self.store.signed_in();
        Recorded {
            by: me.map(|a| a.id),
            by_name: me.map(|a| a.name.clone()).unwrap_or_default(),
            at: self.now,
        }
    }

    /// Who records something now: the person signed in. Fails only while nobody is, which the
    /// sign-in screen prevents.
    pub fn recorder(&self) -> Result<Recorded, String> {
        let me = self.store.signed_in().ok_or("请先登录")?;
        Ok(Recorded {
            by: Some(me.id),
            by_name: me.name.clone(),
            at: self.now,
        })
    }
}

impl Desk {
    /// Opens the desk on a store; `lock` is held for as long as the window lives. The desk opens
    /// on the sign-in screen (or the first supervisor's, on a fresh file) unless the store is
    /// signed in already.
    pub fn new(store: Store, lock: Option<InstanceLock>) -> Result<Desk, String> {
        let office = store.office().map_err(|e| e.to_string())?;
        // One reading of the clock for every tab; the minute tick moves them on together.
        let clock = Clock::System;
        let now = clock.now();
        let tabs = Tabs::load(&store, now)?;
        let session = Session::new(&store);
        Ok(Desk {
            store,
            _lock: lock,
            office,
            // The first tab: 今日.
            tab: Tab::ALL[0],
            tabs,
            clock,
            notice: None,
            session,
            last_input: now,
            backups: backup::Backups::default(),
        })
    }

    /// The tab on screen.
    pub fn tab(&self) -> Tab {
        self.tab
    }

    /// The 今日 tab's state, for tests.
    pub fn today(&self) -> &crate::ui::today::Today {
        &self.tabs.today
    }

    /// The register tab's state, for tests.
    pub fn register(&self) -> &register::Register {
        &self.tabs.register
    }

    /// The 物品放行 tab's state, for tests.
    pub fn gate(&self) -> &gate::Gate {
        &self.tabs.gate
    }

    /// The 钥匙管理 tab's state, for tests.
    pub fn keys(&self) -> &keys::Keys {
        &self.tabs.keys
    }

    /// The vacancy tab's state, for tests.
    pub fn vacancy(&self) -> &vacancy::Vacancy {
        &self.tabs.vacancy
    }

    /// The 收费管理 tab's state, for tests.
    pub fn fees(&self) -> &crate::ui::fees::Fees {
        &self.tabs.fees
    }

    /// The 房屋代租 tab's state, for tests.
    pub fn rental(&self) -> &crate::ui::rental::Rental {
        &self.tabs.rental
    }

    /// The 装修管理 tab's state.
    pub fn renovation(&self) -> &crate::ui::renovation::Renovation {
        &self.tabs.renovation
    }

    /// The 业主入住 tab's state, for tests.
    pub fn movein(&self) -> &crate::ui::movein::MoveIn {
        &self.tabs.movein
    }

    /// The 物品拾遗 tab's state, for tests.
    pub fn lostfound(&self) -> &crate::ui::lostfound::LostFound {
        &self.tabs.lostfound
    }

    /// The 信息反馈 tab's state, for tests.
    pub fn feedback(&self) -> &crate::ui::feedback::Feedback {
        &self.tabs.feedback
    }

    /// The repairs tab's state, for tests.
    pub fn repairs(&self) -> &repairs::Repairs {
        &self.tabs.repairs
    }

    /// The 设置 tab's state, for tests.
    pub fn settings(&self) -> &settings::Settings {
        &self.tabs.settings
    }

    /// The 操作日志 tab's state, for tests.
    pub fn audit(&self) -> &audit::AuditLog {
        &self.tabs.audit
    }

    /// The 统计 tab.
    pub fn stats(&self) -> &crate::ui::stats::Stats {
        &self.tabs.stats
    }

    /// The 月末归档 tab's state, for tests.
    pub fn archive(&self) -> &crate::ui::archive::ArchiveTab {
        &self.tabs.archive
    }

    /// Sign-in, lock, hand-over and countersign, for tests.
    pub fn session(&self) -> &Session {
        &self.session
    }

    /// The person signed in.
    pub fn signed_in(&self) -> Option<&Actor> {
        self.store.signed_in()
    }

    /// The notice at the bottom, if any.
    pub fn notice(&self) -> Option<&Notice> {
        self.notice.as_ref()
    }

    /// The store, for tests and the CLI.
    pub fn store(&self) -> &Store {
        &self.store
    }

    /// The time now, by the desk's one clock.
    pub fn now(&self) -> NaiveDateTime {
        self.clock.now()
    }

    /// Sets where the desk's time comes from (tests fix it), and refreshes what depends on it.
    /// The idle lock still counts from the last input: moving the clock on is time passing.
    pub fn set_clock(&mut self, clock: Clock) {
        self.clock = clock;
        self.refresh_all();
    }

    /// Who may sign in or take over: active staff with a PIN.
    pub fn staff_choices(&self) -> Vec<StaffChoice> {
        self.session.choices().to_vec()
    }

    /// The desk's subscriptions: the keyboard, any input (for the idle lock), and a tick
    /// every minute.
    pub fn subscription(&self) -> Subscription<Message> {
        Subscription::batch([
            keyboard::subscription().map(Message::Key),
            iced::event::listen_with(input),
            iced::time::every(std::time::Duration::from_secs(60)).map(|_| Message::Tick),
        ])
    }

    /// Handles a message.
    pub fn update(&mut self, message: Message) -> Task<Message> {
        let now = self.now();
        if !matches!(
            message,
            Message::Tick | Message::Printed(_) | Message::Backup(_) | Message::CloseRequested(_)
        ) {
            // Everything else comes from the keyboard or the mouse.
            self.last_input = now;
        }
        let covered = self.session.cover().is_some();
        let dialog = self.session.dialog().is_some();
        match message {
            Message::Input => Task::none(),
            Message::Tick => {
                // A failed checkpoint loses nothing (the log stays in the WAL file and the next
                // tick tries again), so it is not worth a message at the desk.
                let _ = self.store.checkpoint();
                self.refresh_all();
                self.session.reload(&self.store);
                self.lock_if_idle(now);
                self.backup_if_due(now)
            }
            Message::Backup(m) => self.backup_update(m),
            Message::CloseRequested(_) => self.close_requested(),
            Message::Session(m) => self.session_update(m),
            Message::Printed(result) => {
                self.printed(result);
                Task::none()
            }
            Message::DismissNotice => {
                self.notice = None;
                Task::none()
            }
            // While a screen covers the tabs or a dialog is open, keys go to it.
            Message::Key(command) if covered || dialog => match command {
                keyboard::Command::Next | keyboard::Command::Previous => keyboard::step(command),
                _ => match self.session.command(command) {
                    Some(m) => self.session_update(m),
                    None => Task::none(),
                },
            },
            Message::TabSelected(_) if covered || dialog => Task::none(),
            message => {
                let sent = message.clone();
                let task = self.dispatch(message);
                if let Some(refusal) = self.store.take_refusal() {
                    self.session
                        .ask_countersign(refusal, Some(sent), &self.store);
                }
                task
            }
        }
    }

    /// Locks the desk if it has had no input for the time set in 设置 (0: never).
    fn lock_if_idle(&mut self, now: NaiveDateTime) {
        if self.store.signed_in().is_none() || self.session.cover().is_some() {
            return;
        }
        let minutes = self
            .store
            .idle_lock_minutes()
            .unwrap_or(DEFAULT_IDLE_LOCK_MINUTES);
        if minutes > 0 && now - self.last_input >= TimeDelta::minutes(i64::from(minutes)) {
            self.session.lock();
        }
    }

    /// Carries out what the sign-in, lock, hand-over or countersign asks.
    fn session_update(&mut self, m: session::Message) -> Task<Message> {
        let now = self.now();
        match self.session.update(m, &mut self.store, now) {
            Outcome::None => Task::none(),
            Outcome::Focus(id) => keyboard::focus(id),
            Outcome::SignedIn { first } => {
                self.session.reload(&self.store);
                if first {
                    let task = self.show(Tab::Settings);
                    self.notice = Some(Notice {
                        text: "主管账户已建立。请填写单位信息，添加员工并为他们设置PIN。".into(),
                        error: false,
                        about: WELCOME,
                    });
                    return task;
                }
                // Someone else may be at the desk now: what they may see, and the tabs' lists.
                self.refresh_all();
                if self.visible_tabs().contains(&self.tab) {
                    self.focus_tab()
                } else {
                    self.show(Tab::ALL[0])
                }
            }
            Outcome::Unlocked => self.focus_tab(),
            Outcome::Retry(Some(message)) => self.update(*message),
            Outcome::Retry(None) => Task::none(),
        }
    }

    /// The task that puts the cursor where the window should start: the tab's search box, or
    /// nothing while a sign-in screen is up (its form takes the cursor itself).
    pub fn show_first(&self) -> Task<Message> {
        if self.session.cover().is_some() {
            return Task::none();
        }
        // 今日 has no search box: the cursor waits for the first click or Ctrl+F.
        self.tabs
            .today
            .search_id()
            .map_or_else(Task::none, keyboard::focus)
    }

    fn printed(&mut self, result: Result<Option<super::Printed>, String>) {
        self.notice = match result {
            Ok(Some(printed)) => {
                let (error, text) = printed.notice();
                Some(Notice {
                    text,
                    error,
                    about: PRINTED,
                })
            }
            Ok(None) => None,
            Err(text) => Some(Notice {
                text,
                error: true,
                about: PRINTED,
            }),
        };
    }

    /// The window's title: `物业客服台 — {小区名称}`.
    pub fn title(&self) -> String {
        format!("物业客服台 — {}", self.office.estate)
    }
}

/// Any key press, click or scroll: the idle lock starts counting again. (Moving the mouse
/// alone does not count: it would rebuild the window at every pixel.)
fn input(
    event: iced::Event,
    _status: iced::event::Status,
    _window: iced::window::Id,
) -> Option<Message> {
    use iced::{Event, keyboard as kb, mouse};
    match event {
        Event::Keyboard(kb::Event::KeyPressed { .. })
        | Event::Mouse(mouse::Event::ButtonPressed(_) | mouse::Event::WheelScrolled { .. }) => {
            Some(Message::Input)
        }
        _ => None,
    }
}
