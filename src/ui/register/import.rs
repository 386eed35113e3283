//! Roster import in the register tab: pick a file, preview every bad row, import all or nothing.

use std::path::PathBuf;

use crate::ui::widget::scroll;
use iced::Task;
use iced::widget::{button, column, row, text};
use iced::{Element, Length};

use super::super::Ctx;
use crate::domain::roster::{RosterRecord, RowProblem};
use crate::import::Prepared;

/// The import in progress.
#[derive(Debug, Clone, Default)]
pub struct ImportState {
    /// The file being previewed.
    pub path: Option<PathBuf>,
    /// Its rows that can be imported.
    pub records: Vec<RosterRecord>,
    /// Every row that cannot, with the reason.
    pub problems: Vec<RowProblem>,
    /// A problem with the file as a whole.
    pub error: Option<String>,
    /// Columns the reader did not recognise.
    pub ignored: Vec<String>,
}

/// What can happen in the import.
#[derive(Debug, Clone)]
pub enum Message {
    /// Open the file dialog.
    Pick,
    /// A file was chosen (or the dialog was cancelled).
    Picked(Option<PathBuf>),
    /// Import the previewed rows.
    Confirm,
    /// Close the import.
    Close,
}

/// What the import asks the tab to do.
pub enum Outcome {
    /// Nothing.
    None,
    /// Run a task (the file dialog).
    Run(Task<Message>),
    /// The roster was imported; here is the summary to show.
    Imported(String),
    /// The import was closed.
    Closed,
}

impl ImportState {
    /// Loads and checks a file, filling the preview.
    pub fn load(&mut self, path: PathBuf, ctx: &Ctx<'_>) {
        *self = ImportState {
            path: Some(path.clone()),
            ..ImportState::default()
        };
        match crate::import::prepare(&path) {
            Ok(Prepared {
                records,
                mut problems,
                ignored_columns,
                ..
            }) => {
                problems.extend(crate::forms::font::roster_problems(&records));
                match ctx.store.check_roster(&records) {
                    Ok(more) => problems.extend(more),
                    Err(e) => self.error = Some(e.to_string()),
                }
                problems.sort_by_key(|p| p.row);
                self.records = records;
                self.problems = problems;
                self.ignored = ignored_columns;
            }
            Err(e) => self.error = Some(e.to_string()),
        }
    }

    /// Handles a message.
    pub fn update(&mut self, m: Message, ctx: &mut Ctx<'_>) -> Outcome {
        match m {
            Message::Pick => Outcome::Run(Task::perform(
                async {
                    rfd::AsyncFileDialog::new()
                        .set_title("选择业主花名册")
                        .add_filter("花名册", &["xlsx", "csv"])
                        .pick_file()
                        .await
                        .map(|h| h.path().to_path_buf())
                },
                Message::Picked,
            )),
            Message::Picked(None) => Outcome::None,
            Message::Picked(Some(path)) => {
                self.load(path, ctx);
                Outcome::None
            }
            Message::Confirm => {
                if !self.problems.is_empty() || self.error.is_some() || self.records.is_empty() {
                    return Outcome::None;
                }
                let rec = match ctx.recorder() {
                    Ok(r) => r,
                    Err(e) => {
                        self.error = Some(e);
                        return Outcome::None;
                    }
                };
                match ctx.store.import_roster(&self.records, &rec) {
                    Ok(s) => Outcome::Imported(format!(
                        "导入完成：新登记房屋 {} 套，更新房屋 {} 套，新增人员 {} 人，更新人员 {} 人，{} 行与档案一致未改动",
                        s.units_added,
                        s.units_updated,
                        s.people_added,
                        s.people_updated,
                        s.unchanged
                    )),
                    Err(e) => {
                        self.error = Some(e.to_string());
                        Outcome::None
                    }
                }
            }
            Message::Close => Outcome::Closed,
        }
    }

    /// The preview panel.
    pub fn view(&self) -> Element<'_, Message> {
        let mut c = column![text("导入业主花名册").size(18)].spacing(8);
        if let Some(path) = &self.path {
            c = c.push(text(format!("文件：{}", path.display())).size(13));
        }
        if let Some(e) = &self.error {
            c = c.push(text(e).style(text::danger));
        }
        if !self.ignored.is_empty() {
            c = c.push(text(format!("未识别的列（将忽略）：{}", self.ignored.join("、"))).size(13));
        }
        if self.problems.is_empty() && self.error.is_none() && self.path.is_some() {
            c = c.push(
                text(format!("共 {} 行，全部可以导入。", self.records.len())).style(text::success),
            );
        } else if !self.problems.is_empty() {
            c = c.push(
                text(format!(
                    "有 {} 处问题，请在表格中改正后重新选择文件；改正前不会导入任何数据：",
                    self.problems.len()
                ))
                .style(text::danger),
            );
            let list = self.problems.iter().fold(column![].spacing(2), |c, p| {
                c.push(text(p.to_string()).size(13))
            });
            c = c.push(scroll(list).height(Length::Fixed(240.0)));
        }
        let can_import = self.path.is_some()
            && self.problems.is_empty()
            && self.error.is_none()
            && !self.records.is_empty();
        c.push(
            row![
                button(text("选择文件…"))
                    .on_press(Message::Pick)
                    .style(button::secondary),
                button(text("确认导入")).on_press_maybe(can_import.then_some(Message::Confirm)),
                button(text("关闭"))
                    .on_press(Message::Close)
                    .style(button::secondary),
            ]
            .spacing(8),
        )
        .into()
    }
}
