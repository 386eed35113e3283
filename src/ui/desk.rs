//! The desk: every tab's state, the store and who is at the desk, the one clock, and the
//! window's update and view — the tab row, the on-duty picker and the line at the bottom.

use chrono::NaiveDateTime;
use iced::widget::{button, column, container, pick_list, row, rule, space, text};
use iced::{Element, Length, Subscription, Task};

use super::{
    About, Action, Clock, Command, Message, Notice, Screen, StaffChoice, Tab, gate, keyboard, keys,
    print, register, repairs, settings, vacancy,
};
use crate::domain::settings::Office;
use crate::domain::staff::{Recorded, StaffId};
use crate::store::{InstanceLock, StaffRecord, Store};

/// What the desk's own line at the bottom is about: the last print.
const PRINTED: About = About::form("print");

/// The desk, open on a database.
pub struct Desk {
    store: Store,
    _lock: Option<InstanceLock>,
    office: Office,
    staff: Vec<StaffRecord>,
    on_duty: Option<StaffId>,
    tab: Tab,
    tabs: Tabs,
    clock: Clock,
    notice: Option<Notice>,
}

/// Each tab's own state.
struct Tabs {
    register: register::Register,
    repairs: repairs::Repairs,
    settings: settings::Settings,
    gate: gate::Gate,
    keys: keys::Keys,
    vacancy: vacancy::Vacancy,
}

/// What tabs may use of the desk while updating: the store and who is at the desk.
pub struct Ctx<'a> {
    /// The database.
    pub store: &'a mut Store,
    /// The office details.
    pub office: &'a Office,
    /// The person at the desk, if one is chosen.
    pub on_duty: Option<&'a StaffRecord>,
    /// The time of this update, read once from the desk's clock.
    pub now: NaiveDateTime,
}

impl Ctx<'_> {
    /// Who records something now, or the message asking to pick someone first.
    /// The time of a write; who made it is the store's to say (the person signed in, or the
    /// countersigner), so screens that need no name from the desk pass only this.
    pub fn stamp(&self) -> Recorded {
        Recorded {
            by: self.on_duty.map(|s| s.id),
            by_name: self
                .on_duty
                .map(|s| s.staff.name.clone())
                .unwrap_or_default(),
            at: self.now,
        }
    }

    pub fn recorder(&self) -> Result<Recorded, String> {
        let staff = self.on_duty.ok_or("请先在右上角选择当班人员，再保存")?;
        Ok(Recorded {
            by: Some(staff.id),
            by_name: staff.staff.name.clone(),
            at: self.now,
        })
    }
}

impl Desk {
    /// Opens the desk on a store; `lock` is held for as long as the window lives.
    pub fn new(store: Store, lock: Option<InstanceLock>) -> Result<Desk, String> {
        let office = store.office().map_err(|e| e.to_string())?;
        let staff = store.staff().map_err(|e| e.to_string())?;
        // The desk is usually staffed by a receptionist; start with one on duty if there is one.
        let on_duty = staff
            .iter()
            .filter(|s| s.staff.active)
            .min_by_key(|s| s.staff.role != crate::domain::staff::Role::Receptionist)
            .map(|s| s.id);
        // One reading of the clock for every tab; the minute tick moves them on together.
        let clock = Clock::System;
        let now = clock.now();
        let register = register::Register::new(&store).map_err(|e| e.to_string())?;
        let settings = settings::Settings::new(&store).map_err(|e| e.to_string())?;
        let gate = gate::Gate::new(&store, now).map_err(|e| e.to_string())?;
        let keys = keys::Keys::new(&store, now).map_err(|e| e.to_string())?;
        let vacancy = vacancy::Vacancy::new(&store, now.date()).map_err(|e| e.to_string())?;
        let repairs = repairs::Repairs::new(&store, now).map_err(|e| e.to_string())?;
        Ok(Desk {
            store,
            _lock: lock,
            office,
            staff,
            on_duty,
            tab: Tab::Register,
            tabs: Tabs {
                register,
                repairs,
                settings,
                gate,
                keys,
                vacancy,
            },
            clock,
            notice: None,
        })
    }

    /// The tab on screen.
    pub fn tab(&self) -> Tab {
        self.tab
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

    /// The repairs tab's state, for tests.
    pub fn repairs(&self) -> &repairs::Repairs {
        &self.tabs.repairs
    }

    /// The label on a tab's button; tabs with overdue work count it: `报修管理 (3)`.
    pub fn tab_label(&self, tab: Tab) -> String {
        let overdue = match tab {
            Tab::Repairs => self.tabs.repairs.overdue_count(),
            Tab::Keys => self.tabs.keys.overdue().len() as i64,
            _ => 0,
        };
        match overdue {
            0 => tab.label().to_string(),
            n => format!("{} ({n})", tab.label()),
        }
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
    pub fn set_clock(&mut self, clock: Clock) {
        self.clock = clock;
        self.refresh_all();
    }

    /// Refreshes every tab for the time now: overdue counts, deadlines, the date.
    fn refresh_all(&mut self) {
        let now = self.now();
        let t = &mut self.tabs;
        t.register.reload(&self.store, now);
        t.repairs.reload(&self.store, now);
        t.settings.reload(&self.store, now);
        t.gate.reload(&self.store, now);
        t.keys.reload(&self.store, now);
        t.vacancy.reload(&self.store, now);
    }

    /// The desk's subscriptions: the keyboard, and a tick every minute.
    pub fn subscription(&self) -> Subscription<Message> {
        Subscription::batch([
            keyboard::subscription().map(Message::Key),
            iced::time::every(std::time::Duration::from_secs(60)).map(|_| Message::Tick),
        ])
    }

    /// What a tab's update may use, beside every tab's state.
    fn parts(&mut self) -> (Ctx<'_>, &mut Tabs) {
        let on_duty = self
            .on_duty
            .and_then(|id| self.staff.iter().find(|s| s.id == id));
        (
            Ctx {
                store: &mut self.store,
                office: &self.office,
                on_duty,
                now: self.clock.now(),
            },
            &mut self.tabs,
        )
    }

    /// Handles a message.
    pub fn update(&mut self, message: Message) -> Task<Message> {
        match message {
            Message::TabSelected(tab) => self.show(tab),
            Message::Key(command) => self.command(command),
            Message::Tick => {
                self.refresh_all();
                Task::none()
            }
            Message::OnDutyPicked(choice) => {
                self.on_duty = Some(choice.id);
                Task::none()
            }
            Message::Register(m) => {
                let (mut ctx, tabs) = self.parts();
                let action = tabs.register.update(m, &mut ctx);
                self.perform(action, Message::Register)
            }
            Message::Repairs(m) => {
                let (mut ctx, tabs) = self.parts();
                let action = tabs.repairs.update(m, &mut ctx);
                self.perform(action, Message::Repairs)
            }
            Message::Settings(m) => {
                let (mut ctx, tabs) = self.parts();
                let action = tabs.settings.update(m, &mut ctx);
                self.perform(action, Message::Settings)
            }
            Message::Gate(m) => {
                let (mut ctx, tabs) = self.parts();
                let action = tabs.gate.update(m, &mut ctx);
                self.perform(action, Message::Gate)
            }
            Message::Keys(m) => {
                let (mut ctx, tabs) = self.parts();
                let action = tabs.keys.update(m, &mut ctx);
                self.perform(action, Message::Keys)
            }
            Message::Vacancy(m) => {
                let (mut ctx, tabs) = self.parts();
                let action = tabs.vacancy.update(m, &mut ctx);
                self.perform(action, Message::Vacancy)
            }
            Message::Printed(result) => {
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
                Task::none()
            }
            Message::DismissNotice => {
                self.notice = None;
                Task::none()
            }
        }
    }

    /// The task that puts the cursor in the first tab's search box when the window opens.
    pub fn show_first(&self) -> Task<Message> {
        self.tabs
            .register
            .search_id()
            .map_or_else(Task::none, keyboard::focus)
    }

    /// Shows `tab`: refreshes it (other tabs or the clock may have changed what it lists) and
    /// puts the cursor in its search box.
    fn show(&mut self, tab: Tab) -> Task<Message> {
        self.tab = tab;
        self.notice = None;
        let now = self.now();
        let t = &mut self.tabs;
        let search = match tab {
            Tab::Register => refreshed(&mut t.register, &self.store, now),
            Tab::Repairs => refreshed(&mut t.repairs, &self.store, now),
            Tab::Gate => refreshed(&mut t.gate, &self.store, now),
            Tab::Keys => refreshed(&mut t.keys, &self.store, now),
            Tab::Vacancy => refreshed(&mut t.vacancy, &self.store, now),
            Tab::Settings => refreshed(&mut t.settings, &self.store, now),
        };
        search.map_or_else(Task::none, keyboard::focus)
    }

    /// Carries out a keyboard command: focus moves here; the rest goes to the tab on screen.
    fn command(&mut self, command: Command) -> Task<Message> {
        match command {
            Command::Next | Command::Previous => keyboard::step(command),
            Command::Tab(i) => match Tab::ALL.get(i) {
                Some(&tab) => self.show(tab),
                None => Task::none(),
            },
            Command::Search => {
                let id = match self.tab {
                    Tab::Register => self.tabs.register.search_id(),
                    Tab::Repairs => self.tabs.repairs.search_id(),
                    Tab::Gate => self.tabs.gate.search_id(),
                    Tab::Keys => self.tabs.keys.search_id(),
                    Tab::Vacancy => self.tabs.vacancy.search_id(),
                    Tab::Settings => self.tabs.settings.search_id(),
                };
                id.map_or_else(Task::none, keyboard::focus)
            }
            Command::Submit | Command::Cancel | Command::Print => {
                let tab = self.tab;
                let (mut ctx, tabs) = self.parts();
                match tab {
                    Tab::Register => {
                        let a = tabs.register.command(command, &mut ctx);
                        self.perform(a, Message::Register)
                    }
                    Tab::Repairs => {
                        let a = tabs.repairs.command(command, &mut ctx);
                        self.perform(a, Message::Repairs)
                    }
                    Tab::Gate => {
                        let a = tabs.gate.command(command, &mut ctx);
                        self.perform(a, Message::Gate)
                    }
                    Tab::Keys => {
                        let a = tabs.keys.command(command, &mut ctx);
                        self.perform(a, Message::Keys)
                    }
                    Tab::Vacancy => {
                        let a = tabs.vacancy.command(command, &mut ctx);
                        self.perform(a, Message::Vacancy)
                    }
                    Tab::Settings => {
                        let a = tabs.settings.command(command, &mut ctx);
                        self.perform(a, Message::Settings)
                    }
                }
            }
        }
    }

    fn perform<M: Send + 'static>(
        &mut self,
        action: Action<M>,
        wrap: fn(M) -> Message,
    ) -> Task<Message> {
        match action {
            Action::None => Task::none(),
            Action::Run(task) => task.map(wrap),
            Action::Print(job) => {
                match print::render(&self.store, &self.office, &job, self.now()) {
                    Ok(bytes) => print::save_and_open(bytes, job.file_name(), &self.office),
                    Err(e) => {
                        self.notice = Some(Notice {
                            text: e,
                            error: true,
                            about: PRINTED,
                        });
                        Task::none()
                    }
                }
            }
            Action::OfficeChanged => {
                if let Ok(office) = self.store.office() {
                    self.office = office;
                }
                if let Ok(staff) = self.store.staff() {
                    self.staff = staff;
                    if !self
                        .staff
                        .iter()
                        .any(|s| Some(s.id) == self.on_duty && s.staff.active)
                    {
                        self.on_duty = self.staff.iter().find(|s| s.staff.active).map(|s| s.id);
                    }
                }
                Task::none()
            }
        }
    }

    /// The window's title: `物业客服台 — {小区名称}`.
    pub fn title(&self) -> String {
        format!("物业客服台 — {}", self.office.estate)
    }

    /// The active staff the on-duty picker offers.
    pub fn staff_choices(&self) -> Vec<StaffChoice> {
        self.staff
            .iter()
            .filter(|s| s.staff.active)
            .map(|s| StaffChoice {
                id: s.id,
                label: format!("{}（{}）", s.staff.name, s.staff.role.label()),
            })
            .collect()
    }

    /// The whole window.
    pub fn view(&self) -> Element<'_, Message> {
        let tabs = Tab::ALL.iter().fold(row![].spacing(4), |r, &tab| {
            let label = text(self.tab_label(tab)).size(16);
            let b = button(label)
                .padding([6, 16])
                .on_press(Message::TabSelected(tab))
                .style(if tab == self.tab {
                    button::primary
                } else {
                    button::secondary
                });
            r.push(b)
        });
        let choices = self.staff_choices();
        let selected = choices.iter().find(|c| Some(c.id) == self.on_duty).cloned();
        let on_duty = row![
            text("当班人员").size(14),
            pick_list(choices, selected, Message::OnDutyPicked)
                .placeholder("请选择")
                .width(Length::Fixed(200.0)),
        ]
        .spacing(8)
        .align_y(iced::Alignment::Center);
        let top = row![tabs, space::horizontal(), on_duty]
            .spacing(8)
            .align_y(iced::Alignment::Center);
        let body: Element<'_, Message> = match self.tab {
            Tab::Register => self.tabs.register.view().map(Message::Register),
            Tab::Repairs => self.tabs.repairs.view().map(Message::Repairs),
            Tab::Settings => self.tabs.settings.view().map(Message::Settings),
            Tab::Gate => self.tabs.gate.view().map(Message::Gate),
            Tab::Keys => self.tabs.keys.view().map(Message::Keys),
            Tab::Vacancy => self.tabs.vacancy.view().map(Message::Vacancy),
        };
        let mut page = column![top, rule::horizontal(1), body]
            .spacing(8)
            .padding(12);
        if let Some(n) = &self.notice {
            let line = row![
                text(&n.text)
                    .size(14)
                    .style(if n.error { text::danger } else { text::success }),
                space::horizontal(),
                button(text("知道了").size(13))
                    .on_press(Message::DismissNotice)
                    .style(button::text),
            ]
            .align_y(iced::Alignment::Center);
            page = page.push(line);
        }
        container(page)
            .width(Length::Fill)
            .height(Length::Fill)
            .into()
    }
}

/// Refreshes a tab about to be shown and gives the id of the search box to put the cursor in
/// (none while a form is open: the form puts it in its own first field).
fn refreshed<S: Screen>(tab: &mut S, store: &Store, now: NaiveDateTime) -> Option<&'static str> {
    tab.reload(store, now);
    if tab.form_open() {
        None
    } else {
        tab.search_id()
    }
}
