//! 设置 → 备份: the backup folder (typed, or chosen with the folder dialog: a USB drive or a
//! network share) and the hours between backups, saved as one settings form; 立即备份; the list
//! of backups in the folder (time, size, verified) and 恢复 on one, with a confirm step. The desk
//! itself runs the backup and the restore ([`crate::ui::Desk`]); this form only asks and shows.

use std::path::PathBuf;

use iced::widget::{button, column, row, text};
use iced::{Alignment, Element, Length, Task};

use super::{Message, Settings};
use crate::domain::backup::{BackupSettings, parse_interval, size_text};
use crate::store::{self, BackupInfo, Store};
use crate::ui::form::form;
use crate::ui::widget::{field, heading, hint, wide_field};
use crate::ui::{About, Action, Ctx};

/// The backup form.
pub const BACKUP: About = About::form("backup");
/// The id of the backup folder field.
pub const BACKUP_FOLDER_ID: &str = "backup-folder";
/// The id of the interval field.
pub const BACKUP_HOURS_ID: &str = "backup-hours";

/// The backup section's state.
#[derive(Debug, Default)]
pub(super) struct BackupForm {
    /// The folder as typed (empty: beside the database).
    folder: String,
    /// The hours as typed.
    hours: String,
    hours_error: Option<String>,
    /// The folder the backups go to now, as saved.
    current: PathBuf,
    /// The backups there, newest first.
    list: Vec<BackupInfo>,
    list_error: Option<String>,
    /// The backup chosen for 恢复, waiting for its confirmation.
    chosen: Option<BackupInfo>,
    /// A backup is running on the desk's worker thread.
    running: bool,
}

impl BackupForm {
    /// The form as saved in `store`.
    pub(super) fn new(store: &Store) -> BackupForm {
        let saved = store.backup_settings().unwrap_or_default();
        let mut form = BackupForm {
            folder: saved.folder,
            hours: saved.interval_hours.to_string(),
            ..BackupForm::default()
        };
        form.reload(store);
        form
    }

    /// Reads the list of backups again.
    pub(super) fn reload(&mut self, store: &Store) {
        self.current = store
            .backup_folder()
            .unwrap_or_else(|_| store::default_backup_folder(store.path()));
        match store::list_backups(store.path(), &self.current) {
            Ok(list) => {
                self.list = list;
                self.list_error = None;
            }
            Err(e) => {
                self.list.clear();
                self.list_error = Some(e.to_string());
            }
        }
        if let Some(c) = &self.chosen
            && !self.list.iter().any(|b| b.path == c.path)
        {
            self.chosen = None;
        }
    }
}

impl Settings {
    /// The desk started or finished a backup.
    pub fn backup_running(&mut self, running: bool) {
        self.backup.running = running;
    }

    /// The desk finished the backup asked for with 立即备份.
    pub fn backup_done(&mut self, said: Result<String, String>) {
        self.notices.report(BACKUP, said);
    }

    /// A message from the desk under the backup form.
    pub fn backup_said(&mut self, text: &str, error: bool) {
        if error {
            self.notices.error(BACKUP, text);
        } else {
            self.notices.ok(BACKUP, text);
        }
    }

    /// Reads the backup settings and list again (after a backup or a restore).
    pub fn reload_backups(&mut self, store: &Store) {
        self.backup = BackupForm::new(store);
    }

    /// The backups listed, newest first (for tests).
    pub fn backups(&self) -> &[BackupInfo] {
        &self.backup.list
    }

    /// Handles the backup section's own messages (立即备份 and 确认恢复 go to the desk).
    pub(super) fn backup_update(&mut self, m: Message, ctx: &mut Ctx<'_>) -> Action<Message> {
        let b = &mut self.backup;
        match m {
            Message::BackupFolderEdited(v) => {
                b.folder = v;
                self.notices.edited(BACKUP);
            }
            Message::ChooseBackupFolder => {
                return Action::Run(Task::perform(
                    async {
                        rfd::AsyncFileDialog::new()
                            .set_title("选择备份文件夹（可以是U盘或网络共享）")
                            .pick_folder()
                            .await
                            .map(|h| h.path().to_path_buf())
                    },
                    Message::BackupFolderChosen,
                ));
            }
            Message::BackupFolderChosen(Some(path)) => {
                b.folder = path.display().to_string();
                self.notices.edited(BACKUP);
            }
            Message::BackupHoursEdited(v) => {
                b.hours = v;
                b.hours_error = None;
                self.notices.edited(BACKUP);
            }
            Message::SaveBackup => self.save_backup(ctx),
            Message::ChooseRestore(path) => {
                b.chosen = b.list.iter().find(|i| i.path == path).cloned();
            }
            Message::CancelRestore => b.chosen = None,
            _ => {}
        }
        Action::None
    }

    fn save_backup(&mut self, ctx: &mut Ctx<'_>) {
        let b = &mut self.backup;
        let hours = match parse_interval(&b.hours) {
            Ok(h) => h,
            Err(e) => {
                b.hours_error = Some(e);
                self.notices.error(BACKUP, "备份间隔填写有误");
                return;
            }
        };
        b.hours_error = None;
        let s = BackupSettings {
            folder: b.folder.trim().to_string(),
            interval_hours: hours,
        };
        let saved = ctx.store.save_backup_settings(&s, &ctx.stamp());
        if saved.is_ok() {
            self.reload_backups(ctx.store);
        }
        self.notices
            .report(BACKUP, saved.map(|()| "备份设置已保存".to_string()));
    }

    /// The section.
    pub(super) fn backup_form(&self) -> Element<'_, Message> {
        let b = &self.backup;
        let now_button = button(text(if b.running {
            "正在备份……"
        } else {
            "立即备份"
        }))
        .on_press_maybe((!b.running).then_some(Message::BackupNow));
        let fields = column![
            heading("备份"),
            hint(
                "客服台在打开时、每隔几小时和关闭时自动备份，每份都会校验。备份文件夹可以选U盘或网络共享；留空则放在数据库旁边的“备份”文件夹。"
            ),
            row![
                wide_field(
                    300.0,
                    BACKUP_FOLDER_ID,
                    "备份文件夹",
                    "留空则放在数据库旁边",
                    &b.folder,
                    None,
                    Message::BackupFolderEdited
                ),
                button(text("选择文件夹"))
                    .on_press(Message::ChooseBackupFolder)
                    .style(button::secondary),
            ]
            .spacing(8)
            .align_y(Alignment::End),
            field(
                BACKUP_HOURS_ID,
                "间隔（小时）",
                "例如 4",
                &b.hours,
                b.hours_error.as_deref(),
                Message::BackupHoursEdited
            ),
            row![
                button(text("保存备份设置")).on_press(Message::SaveBackup),
                now_button,
            ]
            .spacing(8),
        ]
        .push(self.note(BACKUP))
        .push(self.backup_list())
        .spacing(8)
        .width(Length::Fixed(560.0));
        form(BACKUP, fields)
            .on_submit(Message::SaveBackup)
            .keep_cursor()
            .into()
    }

    fn backup_list(&self) -> Element<'_, Message> {
        let b = &self.backup;
        let mut list =
            column![text(format!("{} 中的备份：", b.current.display())).size(14)].spacing(4);
        if let Some(e) = &b.list_error {
            list = list.push(text(e).size(14).style(text::danger));
        } else if b.list.is_empty() {
            list = list.push(hint("还没有备份。"));
        }
        for info in &b.list {
            let verified = if info.verified {
                text("已校验").style(text::success)
            } else {
                text("未校验").style(text::danger)
            };
            let restore = button(text("恢复").size(13)).style(button::text);
            let restore = if info.verified {
                restore.on_press(Message::ChooseRestore(info.path.clone()))
            } else {
                restore
            };
            list = list.push(
                row![
                    text(info.taken.format("%Y-%m-%d %H:%M:%S").to_string())
                        .width(Length::Fixed(170.0)),
                    text(size_text(info.bytes)).width(Length::Fixed(90.0)),
                    verified.width(Length::Fixed(60.0)),
                    restore,
                ]
                .spacing(8)
                .align_y(Alignment::Center),
            );
        }
        if let Some(c) = &b.chosen {
            list = list.push(
                column![
                    text(format!(
                        "用 {} 的备份替换现在的数据库？现在的数据库会原样保存在旁边（….before-restore-日期时间），此后写入的记录不在备份里。恢复后请重新登录。只有客服中心主管可以恢复。",
                        c.taken.format("%Y-%m-%d %H:%M:%S")
                    ))
                    .size(14)
                    .style(text::danger),
                    row![
                        button(text("确认恢复"))
                            .on_press(Message::ConfirmRestore(c.path.clone()))
                            .style(button::danger),
                        button(text("取消"))
                            .on_press(Message::CancelRestore)
                            .style(button::secondary),
                    ]
                    .spacing(8),
                ]
                .spacing(6),
            );
        }
        list.into()
    }
}
