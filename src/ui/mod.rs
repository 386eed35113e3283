//! The desk window: a tab row over one screen per workflow, built on iced.
//!
//! Each tab owns its state, `Message`, `update` and `view`; `update` returns an [`Action`] that
//! this module carries out (printing, opening files), so tabs never reach past their own state.

pub mod gate;
pub mod keys;
mod print;
pub mod register;
pub mod repairs;
pub mod settings;
pub mod vacancy;
mod widget;

use std::path::PathBuf;

use iced::widget::{button, column, container, pick_list, row, rule, space, text};
use iced::{Element, Length, Task};

use crate::domain::settings::Office;
use crate::domain::staff::{Recorded, StaffId};
use crate::store::{InstanceLock, StaffRecord, Store};

pub use print::PrintJob;

/// The font every screen and every form uses: one set of bytes for iced and printpdf.
pub const FONT_NAME: &str = "Noto Sans SC";

/// The application: either the desk, or the reason it could not open.
pub enum App {
    /// The database could not be opened; the window says why.
    Failed(String),
    /// The desk, working.
    Ready(Box<Desk>),
}

/// The tabs, in the order of the office's procedure. A tab is listed only once it works.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    /// 房屋与业主档案.
    Register,
    /// 报修管理.
    Repairs,
    /// 物品放行.
    Gate,
    /// 钥匙管理.
    Keys,
    /// 空置房管理.
    Vacancy,
    /// 设置: office details, staff, deadlines.
    Settings,
}

impl Tab {
    /// Every tab, left to right.
    pub const ALL: [Tab; 6] = [
        Tab::Register,
        Tab::Repairs,
        Tab::Gate,
        Tab::Keys,
        Tab::Vacancy,
        Tab::Settings,
    ];

    /// The label on the tab row.
    pub fn label(self) -> &'static str {
        match self {
            Tab::Register => "房屋与业主",
            Tab::Repairs => "报修管理",
            Tab::Gate => "物品放行",
            Tab::Keys => "钥匙管理",
            Tab::Vacancy => "空置房管理",
            Tab::Settings => "设置",
        }
    }
}

/// Everything that can happen in the window.
#[derive(Debug, Clone)]
pub enum Message {
    /// A tab was chosen.
    TabSelected(Tab),
    /// The person at the desk changed.
    OnDutyPicked(StaffChoice),
    /// Something happened in the register tab.
    Register(register::Message),
    /// Something happened in the repairs tab.
    Repairs(repairs::Message),
    /// Something happened in the settings tab.
    Settings(settings::Message),
    /// Something happened in the 物品放行 tab.
    Gate(gate::Message),
    /// Something happened in the 钥匙管理 tab.
    Keys(keys::Message),
    /// Something happened in the vacancy tab.
    Vacancy(vacancy::Message),
    /// A printed form was saved (or saving failed / was cancelled).
    Printed(Result<Option<PathBuf>, String>),
    /// The notice at the bottom was dismissed.
    DismissNotice,
}

/// What a tab asks its parent to do after an update.
pub enum Action<M> {
    /// Nothing more.
    None,
    /// Run a task whose messages go back to the tab.
    Run(Task<M>),
    /// Print a form.
    Print(PrintJob),
    /// The office details or staff changed: refresh what the window shows of them.
    OfficeChanged,
}

/// A staff member as the on-duty picker shows them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaffChoice {
    /// Row id.
    pub id: StaffId,
    /// `张敏（客户接待员）`.
    pub label: String,
}

impl std::fmt::Display for StaffChoice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.label)
    }
}

/// A line at the bottom of the window telling what just happened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    /// The text.
    pub text: String,
    /// Whether it reports a problem.
    pub error: bool,
}

/// The desk, open on a database.
pub struct Desk {
    store: Store,
    _lock: Option<InstanceLock>,
    office: Office,
    staff: Vec<StaffRecord>,
    on_duty: Option<StaffId>,
    tab: Tab,
    tabs: Tabs,
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
}

impl Ctx<'_> {
    /// Who records something now, or the message asking to pick someone first.
    pub fn recorder(&self) -> Result<Recorded, String> {
        let staff = self.on_duty.ok_or("请先在右上角选择当班人员，再保存")?;
        Ok(Recorded {
            by: Some(staff.id),
            by_name: staff.staff.name.clone(),
            at: crate::domain::date::now_local(),
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
        let register = register::Register::new(&store).map_err(|e| e.to_string())?;
        let settings = settings::Settings::new(&store).map_err(|e| e.to_string())?;
        let gate = gate::Gate::new(&store).map_err(|e| e.to_string())?;
        let keys = keys::Keys::new(&store).map_err(|e| e.to_string())?;
        let vacancy = vacancy::Vacancy::new(&store, crate::domain::date::now_local().date())
            .map_err(|e| e.to_string())?;
        let repairs = repairs::Repairs::new(&store).map_err(|e| e.to_string())?;
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

    /// Recounts the overdue keys as of `now` (on arrival at the tab, and in tests).
    pub fn refresh_keys_at(&mut self, now: chrono::NaiveDateTime) {
        self.tabs.keys.refresh_at(&self.store, now);
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
            },
            &mut self.tabs,
        )
    }

    /// Handles a message.
    pub fn update(&mut self, message: Message) -> Task<Message> {
        match message {
            Message::TabSelected(tab) => {
                self.tab = tab;
                match tab {
                    // Keys and repairs fall overdue as time passes: recount on arrival.
                    Tab::Keys => self.refresh_keys_at(crate::domain::date::now_local()),
                    Tab::Repairs => self.tabs.repairs.refresh(&self.store),
                    _ => {}
                }
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
                    Ok(Some(path)) => Some(Notice {
                        text: format!("已保存并打开：{}", path.display()),
                        error: false,
                    }),
                    Ok(None) => None,
                    Err(e) => Some(Notice {
                        text: e,
                        error: true,
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

    fn perform<M: Send + 'static>(
        &mut self,
        action: Action<M>,
        wrap: fn(M) -> Message,
    ) -> Task<Message> {
        match action {
            Action::None => Task::none(),
            Action::Run(task) => task.map(wrap),
            Action::Print(job) => match print::render(&self.store, &self.office, &job) {
                Ok(bytes) => print::save_and_open(bytes, job.file_name(), &self.office),
                Err(e) => {
                    self.notice = Some(Notice {
                        text: e,
                        error: true,
                    });
                    Task::none()
                }
            },
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

impl App {
    /// Handles a message.
    pub fn update(&mut self, message: Message) -> Task<Message> {
        match self {
            App::Failed(_) => Task::none(),
            App::Ready(desk) => desk.update(message),
        }
    }

    /// The window.
    pub fn view(&self) -> Element<'_, Message> {
        match self {
            App::Failed(reason) => container(
                column![text("客服台无法打开").size(24), text(reason).size(16)].spacing(16),
            )
            .padding(40)
            .into(),
            App::Ready(desk) => desk.view(),
        }
    }

    /// The window title.
    pub fn title(&self) -> String {
        match self {
            App::Failed(_) => "物业客服台".to_string(),
            App::Ready(desk) => desk.title(),
        }
    }
}

/// Opens the desk window and runs it until it is closed.
pub fn run(app: App) -> iced::Result {
    let slot = std::sync::Mutex::new(Some(app));
    iced::application(
        move || {
            slot.lock()
                .ok()
                .and_then(|mut s| s.take())
                .unwrap_or_else(|| App::Failed("客服台已经启动".to_string()))
        },
        App::update,
        App::view,
    )
    .title(App::title)
    .font(crate::forms::font::FONT_BYTES)
    .default_font(iced::Font::with_name(FONT_NAME))
    .window_size((1280.0, 800.0))
    .run()
}
