//! The window when the database is damaged: what happened, where the damaged file was kept,
//! and the newest verified backup, restored in two clicks (恢复 → 确定恢复). Other backups can
//! be chosen; with none, an empty database can be started, the damaged file staying aside.

use std::path::{Path, PathBuf};

use chrono::NaiveDateTime;
use iced::widget::{button, column, container, row, scrollable, text};
use iced::{Element, Length};

use super::App;
use crate::domain::backup::size_text;
use crate::store::{BackupInfo, InstanceLock, backup_folders, list_backups, restore_backup};

/// What happens on the recovery screen.
#[derive(Debug, Clone)]
pub enum Message {
    /// A backup in the list was chosen.
    Choose(usize),
    /// 恢复: asks to confirm.
    Restore,
    /// 确定恢复.
    Confirm,
    /// Back from the question.
    Cancel,
    /// 建立新的空数据库 (asks to confirm).
    StartEmpty,
    /// 确定建立.
    ConfirmEmpty,
}

/// The recovery screen's state.
pub struct Recovery {
    db: PathBuf,
    lock: Option<InstanceLock>,
    what: String,
    aside: Option<PathBuf>,
    backups: Vec<BackupInfo>,
    chosen: Option<usize>,
    asking: Option<Message>,
    error: Option<String>,
}

/// What the screen asks of the window.
pub(super) enum Outcome {
    /// Stay here.
    Stay,
    /// Open the desk on the database (restored, or new).
    Reopen,
}

impl Recovery {
    /// The screen for `db`, damaged as `what` says, kept aside at `aside`.
    pub fn new(
        db: &Path,
        lock: Option<InstanceLock>,
        what: String,
        aside: Option<PathBuf>,
    ) -> Recovery {
        let mut backups: Vec<BackupInfo> = backup_folders(db)
            .iter()
            .filter_map(|folder| list_backups(db, folder).ok())
            .flatten()
            .collect();
        backups.sort_by(|a, b| b.taken.cmp(&a.taken).then(a.path.cmp(&b.path)));
        backups.dedup_by(|a, b| a.path == b.path);
        let chosen = backups.iter().position(|b| b.verified);
        Recovery {
            db: db.to_path_buf(),
            lock,
            what,
            aside,
            backups,
            chosen,
            asking: None,
            error: None,
        }
    }

    /// The backups found, newest first.
    pub fn backups(&self) -> &[BackupInfo] {
        &self.backups
    }

    /// Handles a message at `now`.
    pub(super) fn update(&mut self, message: Message, now: NaiveDateTime) -> Outcome {
        match message {
            Message::Choose(i) if i < self.backups.len() => {
                self.chosen = Some(i);
                self.asking = None;
                self.error = None;
            }
            Message::Choose(_) => {}
            Message::Restore | Message::StartEmpty => {
                self.error = None;
                self.asking = Some(message);
            }
            Message::Cancel => self.asking = None,
            Message::Confirm => {
                let Some(backup) = self.chosen.and_then(|i| self.backups.get(i)) else {
                    return Outcome::Stay;
                };
                match restore_backup(&backup.path, &self.db, now) {
                    Ok(_) => return Outcome::Reopen,
                    Err(e) => {
                        self.asking = None;
                        self.error = Some(format!("没有恢复：{e}"));
                    }
                }
            }
            Message::ConfirmEmpty => return Outcome::Reopen,
        }
        Outcome::Stay
    }

    /// The desk on the restored (or new) file.
    pub(super) fn reopen(self, now: NaiveDateTime) -> App {
        super::start::reopen(&self.db, self.lock, now)
    }

    /// The window.
    pub fn view(&self) -> Element<'_, Message> {
        let mut page = column![
            text("客服台的数据库出了问题").size(24),
            text(format!("{}。没有在这个文件上写入任何东西。", self.what)).size(16),
        ]
        .spacing(12);
        if let Some(aside) = &self.aside {
            page = page.push(
                text(format!(
                    "损坏的文件已原样保留为：{}（可交给技术支持查看）",
                    aside.display()
                ))
                .size(14),
            );
        }
        page = page.push(self.choice_view());
        if let Some(e) = &self.error {
            page = page.push(text(e).size(14).style(text::danger));
        }
        container(scrollable(page.padding(40)))
            .width(Length::Fill)
            .height(Length::Fill)
            .into()
    }

    fn choice_view(&self) -> Element<'_, Message> {
        if let Some(question) = &self.asking {
            return self.question_view(question);
        }
        let Some(newest) = self.chosen.and_then(|i| self.backups.get(i)) else {
            return column![
                text("没有找到可以恢复的已校验备份（在数据库旁边的备份文件夹和设置里的备份文件夹中都没有）。").size(16),
                text("如果备份在U盘或其他电脑上，请把它放回备份文件夹后重新打开客服台，或用 wuye-desk restore 恢复。").size(14),
                button(text("不恢复，建立新的空数据库").size(14))
                    .on_press(Message::StartEmpty)
                    .style(button::danger),
            ]
            .spacing(12)
            .into();
        };
        let list = self
            .backups
            .iter()
            .enumerate()
            .fold(column![].spacing(4), |c, (i, b)| {
                let label = format!(
                    "{}　{}　{}",
                    b.taken.format("%Y-%m-%d %H:%M"),
                    size_text(b.bytes),
                    if b.verified {
                        "已校验"
                    } else {
                        "未通过校验"
                    }
                );
                let pick = button(text(label).size(14))
                    .on_press_maybe(b.verified.then_some(Message::Choose(i)))
                    .style(if Some(i) == self.chosen {
                        button::primary
                    } else {
                        button::secondary
                    });
                c.push(pick)
            });
        column![
            text(format!(
                "可以用 {} 的备份恢复：那之后的改动需要重新录入。",
                newest.taken.format("%Y-%m-%d %H:%M")
            ))
            .size(16),
            button(text(format!(
                "用 {} 的备份恢复",
                newest.taken.format("%Y-%m-%d %H:%M")
            )))
            .on_press(Message::Restore)
            .style(button::primary),
            text("其他备份（新的在前）：").size(14),
            list,
        ]
        .spacing(12)
        .into()
    }

    fn question_view(&self, question: &Message) -> Element<'_, Message> {
        let (ask, yes, go) = match question {
            Message::StartEmpty => (
                "确定不恢复、建立新的空数据库吗？所有档案都要重新录入；损坏的文件仍保留在原处。"
                    .to_string(),
                "确定建立",
                Message::ConfirmEmpty,
            ),
            _ => {
                let Some(b) = self.chosen.and_then(|i| self.backups.get(i)) else {
                    return column![].into();
                };
                (
                    format!(
                        "确定用 {} 的备份恢复吗？备份会先再校验一次。",
                        b.taken.format("%Y-%m-%d %H:%M")
                    ),
                    "确定恢复",
                    Message::Confirm,
                )
            }
        };
        column![
            text(ask).size(16),
            row![
                button(text(yes)).on_press(go).style(button::primary),
                button(text("取消"))
                    .on_press(Message::Cancel)
                    .style(button::secondary),
            ]
            .spacing(12),
        ]
        .spacing(12)
        .into()
    }
}
