//! The desk window: a tab row over one screen per workflow, built on iced.
//!
//! Each tab owns its state, `Message`, `update` and `view`; `update` returns an [`Action`] that
//! the [`Desk`] carries out (printing, opening files), so tabs never reach past their own state.
//! Here live the words every tab shares: [`Tab`], [`Message`], [`Action`], the [`Screen`] trait,
//! the [`Clock`]; `desk/` holds the desk itself, `session/` who is at it (sign-in, lock,
//! hand-over, countersign).

pub mod archive;
pub mod audit;
mod desk;
pub mod feedback;
pub mod fees;
pub mod form;
pub mod gate;
pub mod keyboard;
pub mod keys;
pub mod lostfound;
pub mod movein;
pub mod notice;
mod print;
pub mod recovery;
pub mod register;
pub mod renovation;
pub mod rental;
pub mod repairs;
pub mod session;
pub mod settings;
pub mod start;
pub mod stats;
pub mod today;
pub mod unit_pick;
pub mod vacancy;
mod widget;

use chrono::NaiveDateTime;
use iced::widget::{column, container, text};
use iced::{Element, Subscription, Task};

use crate::domain::staff::StaffId;
use crate::store::Store;

pub use desk::{BackupJob, BackupMessage, BackupOutcome, BackupWhy, Ctx, Desk};
pub use keyboard::Command;
pub use notice::{About, Notice, Notices};
pub use print::{PrintJob, Printed};

/// The font every screen and every form uses: one set of bytes for iced and printpdf.
pub const FONT_NAME: &str = "Noto Sans SC";

/// The application: either the desk, or the reason it could not open.
pub enum App {
    /// The database could not be opened; the window says why.
    Failed(String),
    /// The desk, working.
    Ready(Box<Desk>),
    /// The database was damaged and moved aside: the window offers a backup.
    Recover(Box<recovery::Recovery>),
}

/// The tabs, in the order of the office's procedure. A tab is listed only once it works.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    /// 今日: what is due or overdue across the office, first thing in the morning.
    Today,
    /// 房屋与业主档案.
    Register,
    /// 业主入住.
    MoveIn,
    /// 装修管理: applications, inspection, permit, patrols, acceptance and refund.
    Renovation,
    /// 报修管理.
    Repairs,
    /// 信息反馈: complaints, suggestions, questions, staff feedback.
    Feedback,
    /// 物品放行.
    Gate,
    /// 钥匙管理.
    Keys,
    /// 空置房管理.
    Vacancy,
    /// 收费管理.
    Fees,
    /// 物品拾遗: lost and found.
    LostFound,
    /// 房屋代租: owners' units let on their behalf.
    Rental,
    /// 统计: the month's figures and the 12 months before, as charts.
    Stats,
    /// 设置: office details, staff, deadlines.
    Settings,
    /// 操作日志: shown only to whoever may read the log (the supervisor).
    Audit,
    /// 月末归档: the month's archive, and the archived months.
    Archive,
}

impl Tab {
    /// Every tab, left to right.
    pub const ALL: [Tab; 16] = [
        Tab::Today,
        Tab::Register,
        Tab::MoveIn,
        Tab::Renovation,
        Tab::Repairs,
        Tab::Feedback,
        Tab::Gate,
        Tab::Keys,
        Tab::Vacancy,
        Tab::Fees,
        Tab::LostFound,
        Tab::Rental,
        Tab::Stats,
        Tab::Settings,
        Tab::Audit,
        Tab::Archive,
    ];

    /// The label on the tab row.
    pub fn label(self) -> &'static str {
        match self {
            Tab::Today => "今日",
            Tab::Register => "房屋与业主",
            Tab::MoveIn => "业主入住",
            Tab::Renovation => "装修管理",
            Tab::Repairs => "报修管理",
            Tab::Feedback => "信息反馈",
            Tab::Gate => "物品放行",
            Tab::Keys => "钥匙管理",
            Tab::Vacancy => "空置房管理",
            Tab::Fees => "收费管理",
            Tab::LostFound => "物品拾遗",
            Tab::Rental => "房屋代租",
            Tab::Stats => "统计",
            Tab::Settings => "设置",
            Tab::Audit => "操作日志",
            Tab::Archive => "月末归档",
        }
    }
}

/// Everything that can happen in the window.
#[derive(Debug, Clone)]
pub enum Message {
    /// A tab was chosen.
    TabSelected(Tab),
    /// Sign-in, lock, hand-over or countersign.
    Session(session::Message),
    /// Something happened in the 今日 tab.
    Today(today::Message),
    /// Something happened in the register tab.
    Register(register::Message),
    /// Something happened in the repairs tab.
    Repairs(repairs::Message),
    /// Something happened in the 业主入住 tab.
    MoveIn(movein::Message),
    /// Something happened in the 装修管理 tab.
    Renovation(renovation::Message),
    /// Something happened in the 信息反馈 tab.
    Feedback(feedback::Message),
    /// Something happened in the settings tab.
    Settings(settings::Message),
    /// Something happened in the 物品放行 tab.
    Gate(gate::Message),
    /// Something happened in the 钥匙管理 tab.
    Keys(keys::Message),
    /// Something happened in the vacancy tab.
    Vacancy(vacancy::Message),
    /// Something happened in the 收费管理 tab.
    Fees(fees::Message),
    /// Something happened in the 物品拾遗 tab.
    LostFound(lostfound::Message),
    /// Something happened in the 房屋代租 tab.
    Rental(rental::Message),
    /// Something happened in the 统计 tab.
    Stats(stats::Message),
    /// Something happened in the 操作日志 tab.
    Audit(audit::Message),
    /// Something happened in the 月末归档 tab.
    Archive(archive::Message),
    /// Something happened on the recovery screen (a damaged database).
    Recovery(recovery::Message),
    /// A printed form was saved (or saving failed / was cancelled).
    Printed(Result<Option<Printed>, String>),
    /// The notice at the bottom was dismissed.
    DismissNotice,
    /// A key press the desk acts on.
    Key(Command),
    /// A minute passed: deadlines, overdue counts and the date move on; the idle lock checks.
    Tick,
    /// A key press, click or scroll that no widget turned into a message: the desk is in use.
    Input,
    /// A backup finished on its worker thread.
    Backup(BackupMessage),
    /// The window was asked to close: the desk backs up and checkpoints first.
    CloseRequested(iced::window::Id),
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
    /// Open a record in its own tab (a line of 今日 was clicked).
    Open(crate::domain::today::OpenRecord),
}

impl<M: Send + 'static> Action<M> {
    /// The same action for a parent whose message wraps `M` (a pane inside a tab).
    pub fn map<N: Send + 'static>(self, f: impl Fn(M) -> N + Send + 'static) -> Action<N> {
        match self {
            Action::None => Action::None,
            Action::Run(task) => Action::Run(task.map(f)),
            Action::Print(job) => Action::Print(job),
            Action::OfficeChanged => Action::OfficeChanged,
            Action::Open(record) => Action::Open(record),
        }
    }
}

/// What every tab does besides its own messages: the desk's keyboard and the clock.
pub trait Screen {
    /// The tab's own message type.
    type Message;

    /// Enter, Esc or Ctrl+P pressed on this tab: the tab maps it onto its own messages
    /// (Enter saves the open form, Esc closes it, Ctrl+P prints the selected record).
    fn command(&mut self, command: Command, ctx: &mut Ctx<'_>) -> Action<Self::Message>;

    /// The id of the tab's search box: focused when the tab is shown and by Ctrl+F.
    fn search_id(&self) -> Option<&'static str>;

    /// Whether a form is open: then the form, not the search box, takes the cursor when the
    /// tab is shown.
    fn form_open(&self) -> bool;

    /// The tab was shown, or a minute passed: reload what other tabs or the clock change
    /// (people who may sign, overdue counts, today's date).
    fn reload(&mut self, store: &Store, now: NaiveDateTime);
}

/// Where the desk's time comes from: the system clock, or a fixed time in tests.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Clock {
    /// The computer's local time.
    System,
    /// A set time (tests and demonstrations).
    Fixed(NaiveDateTime),
}

impl Clock {
    /// The time now, to the second.
    pub fn now(self) -> NaiveDateTime {
        match self {
            Clock::System => crate::domain::date::now_local(),
            Clock::Fixed(at) => at,
        }
    }
}

/// A staff member as a picker or a name button shows them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaffChoice {
    /// Row id.
    pub id: StaffId,
    /// `张敏（客户接待员）`.
    pub label: String,
}

/// An owner of a unit, offered as the person at the desk (the caller, the new owner moving in).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OwnerChoice {
    /// The person's row id.
    pub person: i64,
    /// Their name.
    pub name: String,
    /// Their phone as stored (shown masked).
    pub phone: Option<crate::domain::Mobile>,
}

impl std::fmt::Display for OwnerChoice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.phone {
            Some(p) => write!(f, "{} {}", self.name, p.masked()),
            None => f.write_str(&self.name),
        }
    }
}

/// The owners of a unit in the register, to pick from.
pub fn owners_of(store: &Store, unit: crate::domain::unit::UnitId) -> Vec<OwnerChoice> {
    store
        .people_of(unit)
        .unwrap_or_default()
        .into_iter()
        .filter(|p| p.person.relation == crate::domain::person::Relation::Owner)
        .map(|p| OwnerChoice {
            person: p.id.0,
            name: p.person.name,
            phone: p.person.phone,
        })
        .collect()
}

impl std::fmt::Display for StaffChoice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.label)
    }
}

impl App {
    /// Handles a message.
    pub fn update(&mut self, message: Message) -> Task<Message> {
        match self {
            App::Ready(desk) => desk.update(message),
            // Without a desk there is nothing to back up: the window closes at once.
            _ if matches!(message, Message::CloseRequested(_)) => iced::exit(),
            App::Failed(_) => Task::none(),
            App::Recover(screen) => {
                let Message::Recovery(m) = message else {
                    return Task::none();
                };
                let now = Clock::System.now();
                if let recovery::Outcome::Stay = screen.update(m, now) {
                    return Task::none();
                }
                let App::Recover(screen) = std::mem::replace(self, App::Failed(String::new()))
                else {
                    return Task::none();
                };
                *self = screen.reopen(now);
                match self {
                    // The desk on the restored file: its first tab, and a backup of it.
                    App::Ready(desk) => desk.start(),
                    _ => Task::none(),
                }
            }
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
            App::Recover(screen) => screen.view().map(Message::Recovery),
        }
    }

    /// The window title.
    pub fn title(&self) -> String {
        match self {
            App::Failed(_) | App::Recover(_) => "物业客服台".to_string(),
            App::Ready(desk) => desk.title(),
        }
    }

    /// The window's close button (the window closes itself only once the desk has backed up:
    /// [`run`]), and the keyboard and the minute tick while the desk is open.
    pub fn subscription(&self) -> Subscription<Message> {
        let close = iced::window::close_requests().map(Message::CloseRequested);
        match self {
            App::Failed(_) | App::Recover(_) => close,
            App::Ready(desk) => Subscription::batch([close, desk.subscription()]),
        }
    }
}

/// Opens the desk window and runs it until it is closed.
pub fn run(app: App) -> iced::Result {
    let slot = std::sync::Mutex::new(Some(app));
    iced::application(
        move || {
            let mut app = slot
                .lock()
                .ok()
                .and_then(|mut s| s.take())
                .unwrap_or_else(|| App::Failed("客服台已经启动".to_string()));
            // The desk opens on its first tab with the cursor in the search box, and backs up.
            let focus = match &mut app {
                App::Ready(desk) => desk.start(),
                App::Failed(_) | App::Recover(_) => Task::none(),
            };
            (app, focus)
        },
        App::update,
        App::view,
    )
    .title(App::title)
    .subscription(App::subscription)
    .font(crate::forms::font::FONT_BYTES)
    .default_font(iced::Font::with_name(FONT_NAME))
    .window_size((1280.0, 800.0))
    // The desk closes the window itself after the exit backup and checkpoint.
    .exit_on_close_request(false)
    .run()
}
