//! The desk's backups: one at start, one every few hours on the minute tick (设置 → 备份), one
//! at 立即备份 and one at exit, each on a worker thread of its own so the desk keeps working;
//! the warning at the bottom when the last good backup is too old or the folder is missing; a
//! restore from 设置; and the exit itself: the last backup, then the WAL checkpointed into the
//! file, then the window closes.

use std::path::PathBuf;

use chrono::NaiveDateTime;
use iced::Task;

use super::{Desk, Notice};
use crate::domain::backup::{self as rule, size_text};
use crate::store::{self, BackupInfo};
use crate::ui::{About, Message, Tab, settings};

/// What the bottom line says while the window waits for the exit backup.
const CLOSING: About = About::form("closing");
/// The bottom line after a restore.
const RESTORED: About = About::form("restored");

/// Why a backup is taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Why {
    /// The desk opened.
    Start,
    /// The hours set in 设置 have passed.
    Interval,
    /// Someone pressed 立即备份.
    Asked,
    /// The window is closing.
    Exit,
}

/// One backup to take: everything the worker thread needs, so it never touches the desk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BackupJob {
    /// The database.
    pub db: PathBuf,
    /// The folder it goes to.
    pub folder: PathBuf,
    /// The time it is named by.
    pub now: NaiveDateTime,
    /// Why.
    pub why: Why,
}

/// What a backup came to.
#[derive(Debug, Clone)]
pub enum Outcome {
    /// A new verified backup.
    Taken(BackupInfo),
    /// Nothing was written since this verified backup: no new one was needed.
    Unchanged(BackupInfo),
}

/// The desk's backup messages.
#[derive(Debug, Clone)]
pub enum BackupMessage {
    /// A backup finished on its worker thread.
    Done(Why, Result<Outcome, String>),
}

impl BackupJob {
    /// Takes the backup (blocking: the desk runs it on a worker thread). Only 立即备份 repeats a
    /// backup of unchanged data.
    pub fn run(&self) -> BackupMessage {
        let result = (|| {
            if self.why != Why::Asked
                && let Some(same) = store::backup::unchanged_since_backup(&self.db, &self.folder)
            {
                return Ok(Outcome::Unchanged(same));
            }
            store::back_up(&self.db, &self.folder, self.now).map(Outcome::Taken)
        })();
        BackupMessage::Done(self.why, result.map_err(|e| e.to_string()))
    }

    /// The job as a task on a thread of its own.
    fn task(self) -> Task<Message> {
        let why = self.why;
        Task::perform(
            async move {
                let (send, receive) = iced::futures::channel::oneshot::channel();
                std::thread::spawn(move || {
                    let _ = send.send(self.run());
                });
                receive.await.unwrap_or_else(|_| {
                    BackupMessage::Done(why, Err("备份程序意外中止，这次没有备份".into()))
                })
            },
            Message::Backup,
        )
    }
}

/// The desk's backup state.
#[derive(Debug, Default)]
pub(super) struct Backups {
    /// Whether the start backup was asked for: until then the desk knows nothing to warn of
    /// (and a desk built without starting, as in tests, takes none on its own).
    started: bool,
    /// The newest good backup known, or the time a backup found nothing new since one.
    last_good: Option<NaiveDateTime>,
    /// When the desk last started a backup: the interval counts from here, a failed one too.
    last_tried: Option<NaiveDateTime>,
    /// The backup running on its worker thread.
    running: Option<BackupJob>,
    /// Why the last backup failed, until one succeeds.
    problem: Option<String>,
    /// The window closes once the backups are done.
    closing: bool,
}

impl Desk {
    /// What the window does first: the cursor in the first tab's search box, and the start
    /// backup.
    pub fn start(&mut self) -> Task<Message> {
        let focus = self.show_first();
        self.backups.started = true;
        let folder = self.backup_folder();
        self.backups.last_good = store::list_backups(self.store.path(), &folder)
            .ok()
            .and_then(|list| list.into_iter().find(|b| b.verified))
            .map(|b| b.taken);
        let backup = self.begin_backup(Why::Start);
        Task::batch([focus, backup])
    }

    /// The backup running now, if any (for tests, which run it themselves with
    /// [`BackupJob::run`] and hand its message back).
    pub fn backup_job(&self) -> Option<&BackupJob> {
        self.backups.running.as_ref()
    }

    /// The warning at the bottom of the desk, if the data is not safely backed up: the last
    /// backup failed (a missing folder included), or the last good one is older than two days.
    pub fn backup_warning(&self) -> Option<String> {
        let b = &self.backups;
        if !b.started || b.running.is_some() {
            return None;
        }
        if let Some(problem) = &b.problem {
            return Some(format!(
                "备份没有成功：{problem}。请到 设置 → 备份 检查备份文件夹后点“立即备份”。"
            ));
        }
        let now = self.now();
        if !rule::is_stale(b.last_good, now) {
            return None;
        }
        Some(match b.last_good {
            None => "还没有成功的备份。请到 设置 → 备份 点“立即备份”。".to_string(),
            Some(t) => format!(
                "最近一次成功的备份是 {}（{} 天前）。请到 设置 → 备份 点“立即备份”，或检查备份文件夹。",
                t.format("%Y-%m-%d %H:%M"),
                (now - t).num_days()
            ),
        })
    }

    fn backup_folder(&self) -> PathBuf {
        self.store
            .backup_folder()
            .unwrap_or_else(|_| store::default_backup_folder(self.store.path()))
    }

    /// Starts a backup on its worker thread, unless one is running.
    fn begin_backup(&mut self, why: Why) -> Task<Message> {
        if self.backups.running.is_some() {
            return Task::none();
        }
        let now = self.now();
        let job = BackupJob {
            db: self.store.path().to_path_buf(),
            folder: self.backup_folder(),
            now,
            why,
        };
        self.backups.last_tried = Some(now);
        self.backups.running = Some(job.clone());
        self.tabs.settings.backup_running(true);
        job.task()
    }

    /// The minute tick: a backup if the hours set in 设置 have passed since the last one.
    pub(super) fn backup_if_due(&mut self, now: NaiveDateTime) -> Task<Message> {
        let b = &self.backups;
        if !b.started || b.closing || b.running.is_some() {
            return Task::none();
        }
        let hours = self
            .store
            .backup_settings()
            .map_or(rule::DEFAULT_INTERVAL_HOURS, |s| s.interval_hours);
        if rule::is_due(b.last_tried, now, hours) {
            self.begin_backup(Why::Interval)
        } else {
            Task::none()
        }
    }

    /// 立即备份 in 设置.
    pub(super) fn back_up_asked(&mut self) -> Task<Message> {
        if self.backups.running.is_some() {
            self.tabs
                .settings
                .backup_said("正在备份，请稍候：完成后这里会显示结果", true);
            return Task::none();
        }
        self.begin_backup(Why::Asked)
    }

    /// A backup finished.
    pub(super) fn backup_update(&mut self, m: BackupMessage) -> Task<Message> {
        let BackupMessage::Done(why, result) = m;
        self.backups.running = None;
        self.tabs.settings.backup_running(false);
        match &result {
            Ok(Outcome::Taken(info)) => {
                self.backups.last_good = Some(info.taken);
                self.backups.problem = None;
            }
            Ok(Outcome::Unchanged(_)) => {
                // The data as it is now is in a verified backup.
                self.backups.last_good = Some(self.now());
                self.backups.problem = None;
            }
            Err(e) => self.backups.problem = Some(e.clone()),
        }
        if why == Why::Asked {
            let said = match &result {
                Ok(Outcome::Taken(info) | Outcome::Unchanged(info)) => Ok(format!(
                    "已备份并校验：{}（{}）",
                    info.path.display(),
                    size_text(info.bytes)
                )),
                Err(e) => Err(e.clone()),
            };
            self.tabs.settings.backup_done(said);
        }
        self.tabs.settings.reload_backups(&self.store);
        if self.backups.closing {
            // A backup that was running when the window was asked to close: the exit backup
            // follows it (it finds nothing new if nothing was written meanwhile).
            return if why == Why::Exit {
                self.exit_now()
            } else {
                self.begin_backup(Why::Exit)
            };
        }
        Task::none()
    }

    /// The window was asked to close: the exit backup, then the checkpoint, then it closes. Asked
    /// again while the backup runs, it closes at once (after the checkpoint).
    pub(super) fn close_requested(&mut self) -> Task<Message> {
        if self.backups.closing {
            return self.exit_now();
        }
        self.backups.closing = true;
        self.notice = Some(Notice {
            text: "正在备份数据，完成后窗口会自动关闭……".into(),
            error: false,
            about: CLOSING,
        });
        if self.backups.running.is_some() {
            return Task::none();
        }
        self.begin_backup(Why::Exit)
    }

    /// Copies the WAL into the database file (so what is left is one self-contained file) and
    /// ends the program.
    fn exit_now(&mut self) -> Task<Message> {
        // A checkpoint that cannot finish loses nothing: the log stays beside the file and the
        // next open reads it.
        let _ = self.store.close_checkpoint();
        iced::exit()
    }

    /// 确认恢复 in 设置: the desk's file is closed, the backup put in its place (the current file
    /// kept aside) and opened; everyone signs in again on the restored file. The instance lock
    /// stays held throughout.
    pub(super) fn restore(&mut self, backup: PathBuf) -> Task<Message> {
        if self.backups.running.is_some() {
            self.tabs
                .settings
                .backup_said("正在备份，请等备份完成后再恢复", true);
            return Task::none();
        }
        let me = self.store.signed_in();
        let rec = crate::domain::staff::Recorded {
            by: me.map(|a| a.id),
            by_name: me.map(|a| a.name.clone()).unwrap_or_default(),
            at: self.now(),
        };
        match self.store.restore_from(&backup, &rec) {
            Ok(aside) => {
                if let Err(e) = self.reopened() {
                    self.tabs.settings.backup_said(&e, true);
                    return Task::none();
                }
                self.tab = Tab::Settings;
                self.notice = Some(Notice {
                    text: format!(
                        "已从备份 {} 恢复。原来的数据库保存在 {}。请重新登录。",
                        backup.display(),
                        aside.display()
                    ),
                    error: false,
                    about: RESTORED,
                });
                Task::none()
            }
            Err(e) => {
                self.tabs.settings.backup_said(&e.to_string(), true);
                Task::none()
            }
        }
    }

    /// Rebuilds every tab, the office and the session on the store just reopened.
    fn reopened(&mut self) -> Result<(), String> {
        let now = self.now();
        self.office = self.store.office().map_err(|e| e.to_string())?;
        self.tabs = super::Tabs::load(&self.store, now)?;
        self.session = super::Session::new(&self.store);
        self.tabs.settings.reload_backups(&self.store);
        Ok(())
    }

    /// Whether the message is one of 设置 → 备份's that the desk carries out itself.
    pub(super) fn settings_backup(&mut self, m: &settings::Message) -> Option<Task<Message>> {
        match m {
            settings::Message::BackupNow => Some(self.back_up_asked()),
            settings::Message::ConfirmRestore(path) => Some(self.restore(path.clone())),
            _ => None,
        }
    }
}
