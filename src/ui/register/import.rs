//! Roster import in the register tab: pick a file, preview every bad row, import all or nothing.
//!
//! Reading and checking the file runs on a thread of its own, so the desk keeps answering while
//! a large workbook is read; the preview shows how far it has got. Only the comparison with the
//! register (which needs the store) and the import itself run on the UI thread: the import is
//! one transaction, all rows or none (see `docs/PERFORMANCE-import.md` for how long it takes).

use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use crate::ui::widget::scroll;
use iced::Task;
use iced::widget::{button, column, row, text};
use iced::{Element, Length};

use super::super::Ctx;
use crate::domain::roster::{RosterRecord, RowProblem};
use crate::import::Prepared;

/// Numbers each read, so that a result arriving after another file was chosen (or the import
/// was closed) is recognised as stale and dropped.
static READS: AtomicU64 = AtomicU64::new(0);

/// How often a running read reports its progress to the window.
const PROGRESS_EVERY: Duration = Duration::from_millis(100);

/// At most this many problems are listed (a file with thousands of bad rows needs fixing at
/// its source first; listing them all would only slow the window).
const SHOWN_PROBLEMS: usize = 500;

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
    /// The sheets read, as a line for the preview.
    pub sheets: String,
    /// Sheets not read, each with the reason.
    pub skipped: Vec<String>,
    /// What the receptionist should know that does not stop the import.
    pub notes: Vec<String>,
    /// While the file is being read: how far it has got.
    pub reading: Option<String>,
    /// The number of the read in flight (see [`READS`]).
    read: u64,
}

/// What can happen in the import.
#[derive(Debug, Clone)]
pub enum Message {
    /// Open the file dialog.
    Pick,
    /// A file was chosen (or the dialog was cancelled).
    Picked(Option<PathBuf>),
    /// A read in progress got this far (read number, progress line).
    Progress(u64, String),
    /// A read finished (read number, the checked file or why it could not be read).
    Read(u64, Result<Prepared, String>),
    /// Import the previewed rows.
    Confirm,
    /// Close the import.
    Close,
}

impl Message {
    /// Whether the message reports on a read (and so means nothing once the import is closed).
    pub fn is_report(&self) -> bool {
        matches!(self, Message::Progress(..) | Message::Read(..))
    }
}

/// What the import asks the tab to do.
pub enum Outcome {
    /// Nothing.
    None,
    /// Run a task (the file dialog, or reading the file).
    Run(Task<Message>),
    /// The roster was imported; here is the summary to show.
    Imported(String),
    /// The import was closed.
    Closed,
}

/// Reads and checks the file at `path` on a thread of its own; the task yields progress
/// messages, then the result.
fn read_in_background(path: PathBuf, read: u64) -> Task<Message> {
    let (tell, told) = iced::futures::channel::mpsc::unbounded();
    std::thread::spawn(move || {
        let mut last = Instant::now();
        let mut progress = |p: crate::import::Progress| {
            if last.elapsed() >= PROGRESS_EVERY {
                last = Instant::now();
                let _ = tell.unbounded_send(Message::Progress(read, p.to_string()));
            }
        };
        let result = crate::import::prepare_with(&path, &mut progress)
            .map(|mut prepared| {
                let font = crate::forms::font::roster_problems(&prepared.records);
                prepared.add_problems(font);
                prepared
            })
            .map_err(|e| e.to_string());
        let _ = tell.unbounded_send(Message::Read(read, result));
    });
    Task::stream(told)
}

impl ImportState {
    /// Starts reading `path` for the preview; the returned task delivers the result.
    pub fn load(&mut self, path: PathBuf) -> Task<Message> {
        let read = READS.fetch_add(1, Ordering::Relaxed) + 1;
        *self = ImportState {
            path: Some(path.clone()),
            reading: Some("正在读取…".to_owned()),
            read,
            ..ImportState::default()
        };
        read_in_background(path, read)
    }

    /// Fills the preview from a finished read, checking the rows against the register.
    fn show(&mut self, result: Result<Prepared, String>, ctx: &Ctx<'_>) {
        self.reading = None;
        let mut prepared = match result {
            Ok(prepared) => prepared,
            Err(e) => {
                self.error = Some(e);
                return;
            }
        };
        match ctx.store.check_roster(&prepared.records) {
            Ok(more) => prepared.add_problems(more),
            Err(e) => self.error = Some(e.to_string()),
        }
        self.sheets = prepared.sheets_text();
        self.skipped = prepared.skipped.iter().map(ToString::to_string).collect();
        self.notes = prepared.notes;
        self.records = prepared.records;
        self.problems = prepared.problems;
        self.ignored = prepared.ignored_columns;
    }

    /// Whether the previewed rows may be imported now.
    fn can_import(&self) -> bool {
        self.path.is_some()
            && self.reading.is_none()
            && self.problems.is_empty()
            && self.error.is_none()
            && !self.records.is_empty()
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
            Message::Picked(Some(path)) => Outcome::Run(self.load(path)),
            Message::Progress(read, line) => {
                if read == self.read && self.reading.is_some() {
                    self.reading = Some(line);
                }
                Outcome::None
            }
            Message::Read(read, result) => {
                if read == self.read && self.reading.is_some() {
                    self.show(result, ctx);
                }
                Outcome::None
            }
            Message::Confirm => {
                if !self.can_import() {
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
        if let Some(line) = &self.reading {
            c = c.push(text(line.clone()));
        }
        if let Some(e) = &self.error {
            c = c.push(text(e).style(text::danger));
        }
        if !self.sheets.is_empty() {
            c = c.push(text(format!("已读取：{}", self.sheets)).size(13));
        }
        for s in &self.skipped {
            c = c.push(text(format!("未读取：{s}")).size(13));
        }
        for note in &self.notes {
            c = c.push(text(note.clone()).size(13));
        }
        if !self.ignored.is_empty() {
            c = c.push(text(format!("未识别的列（将忽略）：{}", self.ignored.join("、"))).size(13));
        }
        let read = self.path.is_some() && self.reading.is_none();
        if read && self.problems.is_empty() && self.error.is_none() {
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
            let shown = self.problems.iter().take(SHOWN_PROBLEMS);
            let mut list = shown.fold(column![].spacing(2), |c, p| {
                c.push(text(p.to_string()).size(13))
            });
            if self.problems.len() > SHOWN_PROBLEMS {
                list = list.push(
                    text(format!(
                        "……另有 {} 处问题，改正上面的之后重新选择文件即可看到",
                        self.problems.len() - SHOWN_PROBLEMS
                    ))
                    .size(13),
                );
            }
            c = c.push(scroll(list).height(Length::Fixed(240.0)));
        }
        c.push(
            row![
                button(text("选择文件…"))
                    .on_press(Message::Pick)
                    .style(button::secondary),
                button(text("确认导入"))
                    .on_press_maybe(self.can_import().then_some(Message::Confirm)),
                button(text("关闭"))
                    .on_press(Message::Close)
                    .style(button::secondary),
            ]
            .spacing(8),
        )
        .into()
    }
}
