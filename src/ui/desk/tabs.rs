//! The desk's routing to its tabs: each message to its tab's `update`, each key to the tab on
//! screen, what a tab asks back ([`Action`]), and which tabs the person signed in sees.

use chrono::NaiveDateTime;
use iced::Task;

use super::{Ctx, Desk, Notice, PRINTED, Tabs};
use crate::domain::access;
use crate::store::Store;
use crate::ui::{Action, Command, Message, Screen, Tab, keyboard, print};

impl Desk {
    /// The tabs the person signed in sees: 操作日志 only for whoever may read the log.
    pub fn visible_tabs(&self) -> Vec<Tab> {
        let audit = self.store.may_now(access::Action::AuditView, None);
        Tab::ALL
            .into_iter()
            .filter(|&t| t != Tab::Audit || audit)
            .collect()
    }

    /// The label on a tab's button; tabs with overdue work count it: `报修管理 (3)`.
    pub fn tab_label(&self, tab: Tab) -> String {
        let overdue = match tab {
            Tab::Repairs => self.tabs.repairs.overdue_count(),
            Tab::Feedback => self.tabs.feedback.overdue_count(),
            Tab::Keys => self.tabs.keys.overdue().len() as i64,
            Tab::LostFound => self.tabs.lostfound.due_count() as i64,
            Tab::Renovation => self.tabs.renovation.overdue_count() as i64,
            Tab::Today => self.tabs.today.overdue_count() as i64,
            _ => 0,
        };
        match overdue {
            0 => tab.label().to_string(),
            n => format!("{} ({n})", tab.label()),
        }
    }

    /// Refreshes every tab for the time now: overdue counts, deadlines, the date.
    pub(super) fn refresh_all(&mut self) {
        let now = self.now();
        let t = &mut self.tabs;
        t.today.reload(&self.store, now);
        t.register.reload(&self.store, now);
        t.repairs.reload(&self.store, now);
        t.feedback.reload(&self.store, now);
        t.movein.reload(&self.store, now);
        t.renovation.reload(&self.store, now);
        t.settings.reload(&self.store, now);
        t.gate.reload(&self.store, now);
        t.keys.reload(&self.store, now);
        t.vacancy.reload(&self.store, now);
        t.fees.reload(&self.store, now);
        t.lostfound.reload(&self.store, now);
        t.rental.reload(&self.store, now);
        t.audit.reload(&self.store, now);
        // 统计 is not refreshed every minute: a month's figures and charts are read when the tab
        // is shown or a month is chosen, not at every tick while another tab is in use.
        t.archive.reload(&self.store, now);
    }

    /// What a tab's update may use, beside every tab's state.
    pub(super) fn parts(&mut self) -> (Ctx<'_>, &mut Tabs) {
        (
            Ctx {
                store: &mut self.store,
                office: &self.office,
                now: self.clock.now(),
            },
            &mut self.tabs,
        )
    }

    /// Hands a message to the tab it belongs to (or moves between tabs).
    pub(super) fn dispatch(&mut self, message: Message) -> Task<Message> {
        match message {
            Message::TabSelected(tab) => self.show(tab),
            Message::Key(command) => self.command(command),
            Message::Today(m) => {
                let (mut ctx, tabs) = self.parts();
                let action = tabs.today.update(m, &mut ctx);
                self.perform(action, Message::Today)
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
            Message::MoveIn(m) => {
                let (mut ctx, tabs) = self.parts();
                let action = tabs.movein.update(m, &mut ctx);
                self.perform(action, Message::MoveIn)
            }
            Message::Renovation(m) => {
                let (mut ctx, tabs) = self.parts();
                let action = tabs.renovation.update(m, &mut ctx);
                self.perform(action, Message::Renovation)
            }
            Message::Feedback(m) => {
                let (mut ctx, tabs) = self.parts();
                let action = tabs.feedback.update(m, &mut ctx);
                self.perform(action, Message::Feedback)
            }
            Message::Settings(m) => {
                if let Some(task) = self.settings_backup(&m) {
                    return task;
                }
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
            Message::Fees(m) => {
                let (mut ctx, tabs) = self.parts();
                let action = tabs.fees.update(m, &mut ctx);
                self.perform(action, Message::Fees)
            }
            Message::LostFound(m) => {
                let (mut ctx, tabs) = self.parts();
                let action = tabs.lostfound.update(m, &mut ctx);
                self.perform(action, Message::LostFound)
            }
            Message::Rental(m) => {
                let (mut ctx, tabs) = self.parts();
                let action = tabs.rental.update(m, &mut ctx);
                self.perform(action, Message::Rental)
            }
            Message::Audit(m) => {
                let (mut ctx, tabs) = self.parts();
                let action = tabs.audit.update(m, &mut ctx);
                self.perform(action, Message::Audit)
            }
            Message::Stats(m) => {
                let (mut ctx, tabs) = self.parts();
                let action = tabs.stats.update(m, &mut ctx);
                self.perform(action, Message::Stats)
            }
            Message::Archive(m) => {
                let (mut ctx, tabs) = self.parts();
                let action = tabs.archive.update(m, &mut ctx);
                self.perform(action, Message::Archive)
            }
            // The desk's own messages are handled before a message reaches here.
            Message::Session(_)
            | Message::Printed(_)
            | Message::DismissNotice
            | Message::Input
            | Message::Tick
            | Message::Backup(_)
            | Message::CloseRequested(_) => Task::none(),
            // The recovery screen's, before any desk exists.
            Message::Recovery(_) => Task::none(),
        }
    }

    /// Shows `tab` (if the person signed in may see it): refreshes it (other tabs or the clock
    /// may have changed what it lists) and puts the cursor in its search box.
    pub(super) fn show(&mut self, tab: Tab) -> Task<Message> {
        if !self.visible_tabs().contains(&tab) {
            return Task::none();
        }
        self.tab = tab;
        self.notice = None;
        self.focus_tab()
    }

    /// Refreshes the tab on screen and puts the cursor in its search box (or lets its open
    /// form take it).
    pub(super) fn focus_tab(&mut self) -> Task<Message> {
        let now = self.now();
        let t = &mut self.tabs;
        let search = match self.tab {
            Tab::Today => refreshed(&mut t.today, &self.store, now),
            Tab::Register => refreshed(&mut t.register, &self.store, now),
            Tab::Repairs => refreshed(&mut t.repairs, &self.store, now),
            Tab::Feedback => refreshed(&mut t.feedback, &self.store, now),
            Tab::MoveIn => refreshed(&mut t.movein, &self.store, now),
            Tab::Renovation => refreshed(&mut t.renovation, &self.store, now),
            Tab::Gate => refreshed(&mut t.gate, &self.store, now),
            Tab::Keys => refreshed(&mut t.keys, &self.store, now),
            Tab::Vacancy => refreshed(&mut t.vacancy, &self.store, now),
            Tab::Settings => refreshed(&mut t.settings, &self.store, now),
            Tab::Fees => refreshed(&mut t.fees, &self.store, now),
            Tab::LostFound => refreshed(&mut t.lostfound, &self.store, now),
            Tab::Rental => refreshed(&mut t.rental, &self.store, now),
            Tab::Audit => refreshed(&mut t.audit, &self.store, now),
            Tab::Stats => refreshed(&mut t.stats, &self.store, now),
            Tab::Archive => refreshed(&mut t.archive, &self.store, now),
        };
        search.map_or_else(Task::none, keyboard::focus)
    }

    /// Carries out a keyboard command: focus moves here; the rest goes to the tab on screen.
    fn command(&mut self, command: Command) -> Task<Message> {
        match command {
            Command::Next | Command::Previous => keyboard::step(command),
            Command::Tab(i) => match self.visible_tabs().get(i) {
                Some(&tab) => self.show(tab),
                None => Task::none(),
            },
            Command::Search => {
                let id = match self.tab {
                    Tab::Today => self.tabs.today.search_id(),
                    Tab::Register => self.tabs.register.search_id(),
                    Tab::Repairs => self.tabs.repairs.search_id(),
                    Tab::Feedback => self.tabs.feedback.search_id(),
                    Tab::MoveIn => self.tabs.movein.search_id(),
                    Tab::Renovation => self.tabs.renovation.search_id(),
                    Tab::Gate => self.tabs.gate.search_id(),
                    Tab::Keys => self.tabs.keys.search_id(),
                    Tab::Vacancy => self.tabs.vacancy.search_id(),
                    Tab::Settings => self.tabs.settings.search_id(),
                    Tab::Fees => self.tabs.fees.search_id(),
                    Tab::LostFound => self.tabs.lostfound.search_id(),
                    Tab::Rental => self.tabs.rental.search_id(),
                    Tab::Audit => self.tabs.audit.search_id(),
                    Tab::Stats => self.tabs.stats.search_id(),
                    Tab::Archive => self.tabs.archive.search_id(),
                };
                id.map_or_else(Task::none, keyboard::focus)
            }
            Command::Submit | Command::Cancel | Command::Print => {
                let tab = self.tab;
                let (mut ctx, tabs) = self.parts();
                match tab {
                    Tab::Today => {
                        let a = tabs.today.command(command, &mut ctx);
                        self.perform(a, Message::Today)
                    }
                    Tab::Register => {
                        let a = tabs.register.command(command, &mut ctx);
                        self.perform(a, Message::Register)
                    }
                    Tab::Repairs => {
                        let a = tabs.repairs.command(command, &mut ctx);
                        self.perform(a, Message::Repairs)
                    }
                    Tab::Feedback => {
                        let a = tabs.feedback.command(command, &mut ctx);
                        self.perform(a, Message::Feedback)
                    }
                    Tab::MoveIn => {
                        let a = tabs.movein.command(command, &mut ctx);
                        self.perform(a, Message::MoveIn)
                    }
                    Tab::Renovation => {
                        let a = tabs.renovation.command(command, &mut ctx);
                        self.perform(a, Message::Renovation)
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
                    Tab::Fees => {
                        let a = tabs.fees.command(command, &mut ctx);
                        self.perform(a, Message::Fees)
                    }
                    Tab::LostFound => {
                        let a = tabs.lostfound.command(command, &mut ctx);
                        self.perform(a, Message::LostFound)
                    }
                    Tab::Rental => {
                        let a = tabs.rental.command(command, &mut ctx);
                        self.perform(a, Message::Rental)
                    }
                    Tab::Audit => {
                        let a = tabs.audit.command(command, &mut ctx);
                        self.perform(a, Message::Audit)
                    }
                    Tab::Stats => {
                        let a = tabs.stats.command(command, &mut ctx);
                        self.perform(a, Message::Stats)
                    }
                    Tab::Archive => {
                        let a = tabs.archive.command(command, &mut ctx);
                        self.perform(a, Message::Archive)
                    }
                }
            }
        }
    }

    pub(super) fn perform<M: Send + 'static>(
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
            Action::Open(record) => self.open(record),
            Action::OfficeChanged => {
                if let Ok(office) = self.store.office() {
                    self.office = office;
                }
                // A person added, retired or given a PIN: who may sign in changed.
                self.session.reload(&self.store);
                Task::none()
            }
        }
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
