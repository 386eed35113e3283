//! 月末归档: the supervisor picks a month and a folder and presses 开始归档; the archive is built
//! on a worker thread (its own read-only connection) while a progress bar moves file by file;
//! 取消 stops it with nothing left behind; 打开文件夹 shows the result; below, every archived
//! month with when and by whom, and how many of its records changed since.

mod view;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use chrono::NaiveDateTime;
use iced::Task;

use super::{About, Action, Command, Ctx, Notice, Notices, Screen};
use crate::archive;
use crate::domain::Month;
use crate::domain::access;
use crate::store::{ArchiveRun, ArchivedMonth, Store, StoreError};

/// The id of the month field: the tab's first field.
pub const MONTH_ID: &str = "archive-month";
/// The id of the folder field.
pub const FOLDER_ID: &str = "archive-folder";

/// A finished archive, as the tab shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Done {
    /// The month.
    pub month: Month,
    /// The archive folder.
    pub folder: PathBuf,
    /// Files in it.
    pub files: usize,
    /// SHA-256 of its `SHA256SUMS`.
    pub digest: String,
}

/// Where a running archive is.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Running {
    /// Files written.
    pub done: usize,
    /// Files in all (0 until the first is written).
    pub total: usize,
    /// The last file written.
    pub name: String,
}

/// One archive to build: everything the worker thread needs, so it never touches the desk.
#[derive(Debug, Clone)]
pub struct ArchiveJob {
    /// The database (opened read-only on the worker).
    pub db: PathBuf,
    /// The month.
    pub month: Month,
    /// The folder the archive goes into.
    pub out: PathBuf,
    /// Set by 取消.
    pub cancel: Arc<AtomicBool>,
}

impl ArchiveJob {
    /// Builds the archive (blocking), reporting each file through `progress`; returns the
    /// [`Message::Finished`] to hand back to the tab.
    pub fn run(&self, progress: &mut dyn FnMut(Message)) -> Message {
        let result = Store::open_read_only(&self.db, "归档只读取数据库")
            .map_err(|e| e.to_string())
            .and_then(|store| {
                archive::build(
                    &store,
                    self.month,
                    &self.out,
                    &mut |p| {
                        progress(Message::Progress(Running {
                            done: p.done,
                            total: p.total,
                            name: p.name.to_string(),
                        }))
                    },
                    &self.cancel,
                )
                .map_err(|e| e.to_string())
            });
        Message::Finished(result.map(|a| Done {
            month: a.month,
            folder: a.folder,
            files: a.files,
            digest: a.digest,
        }))
    }

    /// The job on a thread of its own, its progress and end coming back as messages. The
    /// thread starts when the task first runs, not when it is made.
    fn task(self) -> Task<Message> {
        use iced::futures::StreamExt;
        let start = async move {
            let (send, receive) = iced::futures::channel::mpsc::unbounded();
            std::thread::spawn(move || {
                let progress = send.clone();
                let end = self.run(&mut |m| {
                    let _ = progress.unbounded_send(m);
                });
                let _ = send.unbounded_send(end);
            });
            receive
        };
        Task::run(iced::futures::stream::once(start).flatten(), |m| m)
    }
}

/// The 月末归档 tab's state.
pub struct ArchiveTab {
    month: String,
    folder: String,
    job: Option<ArchiveJob>,
    running: Option<Running>,
    last: Option<Done>,
    months: Vec<ArchivedMonth>,
    notices: Notices,
}

/// What can happen in the 月末归档 tab.
#[derive(Debug, Clone)]
pub enum Message {
    /// The month typed.
    Month(String),
    /// 上一月 / 下一月: the month before (−1) or after (+1) the one shown.
    StepMonth(i32),
    /// The folder typed.
    Folder(String),
    /// 选择文件夹 pressed.
    PickFolder,
    /// The folder dialog closed.
    Picked(Option<PathBuf>),
    /// 开始归档.
    Start,
    /// A file was written.
    Progress(Running),
    /// The archive finished, failed or was cancelled.
    Finished(Result<Done, String>),
    /// 取消.
    Cancel,
    /// 打开文件夹.
    OpenFolder,
}

/// The folder archives go to unless another is chosen: 物业客服台归档 in the documents folder.
pub fn default_folder() -> PathBuf {
    let base = directories::UserDirs::new()
        .and_then(|u| u.document_dir().map(Path::to_path_buf))
        .or_else(|| directories::UserDirs::new().map(|u| u.home_dir().to_path_buf()))
        .unwrap_or_else(std::env::temp_dir);
    base.join("物业客服台归档")
}

impl ArchiveTab {
    /// The tab, with last month picked.
    pub fn new(store: &Store, now: NaiveDateTime) -> ArchiveTab {
        let mut tab = ArchiveTab {
            month: Month::of(now.date()).prev().to_string(),
            folder: default_folder().display().to_string(),
            job: None,
            running: None,
            last: None,
            months: Vec::new(),
            notices: Notices::default(),
        };
        tab.reload(store, now);
        tab
    }

    /// The archive being built, if any (tests run it themselves with [`ArchiveJob::run`]).
    pub fn job(&self) -> Option<&ArchiveJob> {
        self.job.as_ref()
    }

    /// The progress of the archive being built.
    pub fn running(&self) -> Option<&Running> {
        self.running.as_ref()
    }

    /// The last archive finished here.
    pub fn last(&self) -> Option<&Done> {
        self.last.as_ref()
    }

    /// The archived months listed.
    pub fn months(&self) -> &[ArchivedMonth] {
        &self.months
    }

    /// The message shown, if any.
    pub fn message(&self) -> Option<&Notice> {
        self.notices.about(About::TAB)
    }

    /// Handles a message.
    pub fn update(&mut self, message: Message, ctx: &mut Ctx<'_>) -> Action<Message> {
        match message {
            Message::Month(m) => self.month = m,
            Message::StepMonth(step) => {
                let shown = Month::parse(self.month.trim())
                    .unwrap_or_else(|_| Month::of(ctx.now.date()).prev());
                let to = if step < 0 { shown.prev() } else { shown.next() };
                // Only months that have ended can be archived.
                if to < Month::of(ctx.now.date()) {
                    self.month = to.to_string();
                }
            }
            Message::Folder(f) => self.folder = f,
            Message::PickFolder => {
                return Action::Run(Task::perform(
                    async {
                        rfd::AsyncFileDialog::new()
                            .set_title("选择归档文件夹")
                            .pick_folder()
                            .await
                            .map(|h| h.path().to_path_buf())
                    },
                    Message::Picked,
                ));
            }
            Message::Picked(Some(p)) => self.folder = p.display().to_string(),
            Message::Picked(None) => {}
            Message::Start => return self.start(ctx),
            Message::Progress(p) => {
                if self.job.is_some() {
                    self.running = Some(p);
                }
            }
            Message::Finished(result) => self.finished(result, ctx),
            Message::Cancel => {
                if let Some(job) = &self.job {
                    job.cancel.store(true, Ordering::Relaxed);
                }
            }
            Message::OpenFolder => {
                if let Some(done) = &self.last
                    && let Err(e) = opener::open(&done.folder)
                {
                    self.notices
                        .error(About::TAB, format!("没能打开文件夹（{e}）"));
                }
            }
        }
        Action::None
    }

    fn start(&mut self, ctx: &mut Ctx<'_>) -> Action<Message> {
        if self.job.is_some() {
            return Action::None;
        }
        let Ok(month) = Month::parse(self.month.trim()) else {
            self.notices.error(About::TAB, "月份应写成 2026-11 这样");
            return Action::None;
        };
        if month >= Month::of(ctx.now.date()) {
            self.notices.error(
                About::TAB,
                format!("{month} 还没有结束，只能归档已经过去的月份"),
            );
            return Action::None;
        }
        let folder = self.folder.trim();
        if folder.is_empty() {
            self.notices.error(About::TAB, "请选择归档保存到哪个文件夹");
            return Action::None;
        }
        // Asked first, so a clerk gets the countersign prompt before any work is done.
        if let Err(e) = ctx
            .store
            .may_proceed(access::Action::MonthArchive, &ctx.stamp())
        {
            self.notices.error(About::TAB, e.to_string());
            return Action::None;
        }
        let job = ArchiveJob {
            db: ctx.store.path().to_path_buf(),
            month,
            out: PathBuf::from(folder),
            cancel: Arc::new(AtomicBool::new(false)),
        };
        self.notices.clear();
        self.last = None;
        self.running = Some(Running::default());
        self.job = Some(job.clone());
        Action::Run(job.task())
    }

    fn finished(&mut self, result: Result<Done, String>, ctx: &mut Ctx<'_>) {
        // The message carries the whole result: if recording it needs a countersign, the
        // desk's prompt sends it again and it is recorded then.
        self.job = None;
        self.running = None;
        match result {
            Ok(done) => {
                let run = ArchiveRun {
                    month: done.month,
                    folder: done.folder.display().to_string(),
                    digest: done.digest.clone(),
                    files: done.files,
                };
                match ctx.store.record_archive(&run, &ctx.stamp()) {
                    Ok(()) => {
                        self.notices.ok(
                            About::TAB,
                            format!(
                                "已归档 {}：{} 个文件，保存在 {}",
                                done.month,
                                done.files,
                                done.folder.display()
                            ),
                        );
                        self.last = Some(done);
                    }
                    Err(e @ StoreError::NeedsCountersign { .. }) => {
                        self.notices.error(About::TAB, e.to_string());
                    }
                    Err(e) => self
                        .notices
                        .error(About::TAB, format!("归档文件已写好，但没能记入数据库：{e}")),
                }
            }
            Err(e) => self.notices.error(About::TAB, e),
        }
        if let Ok(months) = ctx.store.archived_months() {
            self.months = months;
        }
    }
}

impl Screen for ArchiveTab {
    type Message = Message;

    fn command(&mut self, command: Command, ctx: &mut Ctx<'_>) -> Action<Message> {
        match command {
            Command::Submit => self.update(Message::Start, ctx),
            Command::Cancel => self.update(Message::Cancel, ctx),
            _ => Action::None,
        }
    }

    fn search_id(&self) -> Option<&'static str> {
        Some(MONTH_ID)
    }

    fn form_open(&self) -> bool {
        false
    }

    fn reload(&mut self, store: &Store, _now: NaiveDateTime) {
        match store.archived_months() {
            Ok(months) => self.months = months,
            Err(e) => self.notices.error(About::TAB, e.to_string()),
        }
    }
}
