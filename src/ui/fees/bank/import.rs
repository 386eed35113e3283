//! The bank's result file: chosen in a dialog (or handed a path by a test), read and checked on
//! a thread of its own, previewed (paid, failed and already-paid rows with their totals, and
//! every bad row by its number and reason), then paid all or nothing with 确认入账, which is
//! offered only when no row has a problem.

use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};

use iced::Task;

use crate::domain::staff::Recorded;
use crate::store::{BankImportSummary, Store};

/// Numbers each read, so that a result arriving after another file was chosen is dropped.
static READS: AtomicU64 = AtomicU64::new(0);

/// A result file as read: its rows, the rows that could not be read, and its fingerprint
/// (the same file imported twice pays nothing twice).
pub use crate::import::bank::BankFile as ReadFile;

/// The import in progress.
#[derive(Debug, Clone, Default)]
pub struct ImportState {
    /// The file chosen.
    pub path: Option<PathBuf>,
    /// While it is being read.
    pub reading: bool,
    read: u64,
    /// What it holds.
    pub file: Option<ReadFile>,
    /// What importing it would do.
    pub summary: Option<BankImportSummary>,
    /// Why it cannot be read or checked at all.
    pub error: Option<String>,
}

/// Reads and checks the file at `path` (off the UI thread).
fn read(path: &std::path::Path) -> Result<ReadFile, String> {
    crate::import::bank::read_bank_results(path).map_err(|e| e.to_string())
}

/// The open dialog for the bank's result file.
pub fn ask_which() -> Task<Option<PathBuf>> {
    Task::perform(
        async {
            rfd::AsyncFileDialog::new()
                .set_title("选择银行返回的扣款结果文件")
                .add_filter("扣款结果", &["xlsx", "csv"])
                .pick_file()
                .await
                .map(|h| h.path().to_path_buf())
        },
        |p| p,
    )
}

impl ImportState {
    /// Starts reading `path`; the task delivers the read's number and its result.
    pub fn load(&mut self, path: PathBuf) -> Task<(u64, Result<ReadFile, String>)> {
        let read_no = READS.fetch_add(1, Ordering::Relaxed) + 1;
        *self = ImportState {
            path: Some(path.clone()),
            reading: true,
            read: read_no,
            ..ImportState::default()
        };
        let (tell, told) = iced::futures::channel::oneshot::channel();
        std::thread::spawn(move || {
            let _ = tell.send(read(&path));
        });
        Task::perform(
            async move {
                told.await
                    .unwrap_or_else(|_| Err("读取文件时出错，请重新选择文件".to_string()))
            },
            move |r| (read_no, r),
        )
    }

    /// Fills the preview from a finished read (a stale one is dropped).
    pub fn show(&mut self, read_no: u64, result: Result<ReadFile, String>, store: &Store) {
        if read_no != self.read || !self.reading {
            return;
        }
        self.reading = false;
        match result {
            Err(e) => self.error = Some(e),
            Ok(file) => {
                match store.preview_bank_results(&file.sha256, &file.rows) {
                    Ok(s) => self.summary = Some(s),
                    Err(e) => self.error = Some(e.to_string()),
                }
                self.file = Some(file);
            }
        }
    }

    /// Every bad row, the file's and the check's, in row order.
    pub fn problems(&self) -> Vec<(usize, String)> {
        let mut all: Vec<(usize, String)> = self
            .file
            .iter()
            .flat_map(|f| f.problems.iter().cloned())
            .chain(self.summary.iter().flat_map(|s| s.problems.iter().cloned()))
            .collect();
        all.sort_by_key(|(row, _)| *row);
        all
    }

    /// Whether 确认入账 may be pressed.
    pub fn can_import(&self) -> bool {
        !self.reading
            && self.error.is_none()
            && self.summary.is_some()
            && self.file.as_ref().is_some_and(|f| !f.rows.is_empty())
            && self.problems().is_empty()
    }

    /// Pays the previewed rows; the message says what was done.
    pub fn import(&self, store: &mut Store, rec: &Recorded) -> Result<String, String> {
        let Some(file) = self.file.as_ref().filter(|_| self.can_import()) else {
            return Err("文件有问题，改正后重新选择文件".to_string());
        };
        let s = store
            .import_bank_results(&file.file_name, &file.sha256, &file.rows, rec)
            .map_err(|e| e.to_string())?;
        Ok(format!(
            "已入账：扣款成功 {} 户，共 {}，已开收据；扣款失败 {} 户，仍为欠费；此前已入账 {} 户，未重复入账。",
            s.paid, s.paid_fen, s.failed, s.already
        ))
    }
}
