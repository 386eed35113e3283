//! A month's debit request file for the bank: the rows and their total shown first (account
//! numbers masked on screen), the warning that the file itself holds them in full, then the
//! save dialog; saving records the request ([`Store::export_debit_requests`]) and writes the
//! .xlsx the bank reads.

use std::path::{Path, PathBuf};

use iced::Task;

use crate::domain::staff::Recorded;
use crate::domain::{Fen, Month};
use crate::store::{DebitRequest, Store};

/// The id of the month field.
pub const EXPORT_MONTH_ID: &str = "bank-export-month";

/// Said on the export screen, before the file is saved.
pub const EXPORT_WARNING: &str = "此文件含完整银行账号，仅用于交给银行，请妥善保管，用后删除";

/// The export in progress.
#[derive(Debug, Clone)]
pub struct ExportState {
    /// The month as typed.
    pub month_text: String,
    /// Why the month typed was refused.
    pub month_error: Option<String>,
    /// The month whose rows are shown.
    pub month: Month,
    /// Its rows (or why they could not be read).
    pub rows: Result<Vec<DebitRequest>, String>,
}

impl ExportState {
    /// The requests of `month`.
    pub fn new(store: &Store, month: Month) -> ExportState {
        let mut s = ExportState {
            month_text: month.code(),
            month_error: None,
            month,
            rows: Ok(Vec::new()),
        };
        s.show(store);
        s
    }

    /// Shows the rows of the month typed.
    pub fn show(&mut self, store: &Store) {
        match Month::parse(&self.month_text) {
            Ok(m) => {
                self.month = m;
                self.month_text = m.code();
                self.rows = store.debit_requests(m).map_err(|e| e.to_string());
            }
            Err(e) => self.month_error = Some(e.to_string()),
        }
    }

    /// The rows shown.
    pub fn rows(&self) -> &[DebitRequest] {
        self.rows.as_deref().unwrap_or(&[])
    }

    /// What the rows ask the bank for together.
    pub fn total(&self) -> Fen {
        Fen(self
            .rows()
            .iter()
            .map(|r| r.amount.0)
            .fold(0, i64::saturating_add))
    }

    /// The file's suggested name, when there is something to send.
    pub fn file_name(&self) -> Option<String> {
        (!self.rows().is_empty()).then(|| format!("银行代扣申请-{}.xlsx", self.month.code()))
    }

    /// Records the month's request and writes the bank's file to `path`; the message says what
    /// was written and what to do with the file.
    pub fn export(&self, path: &Path, store: &mut Store, rec: &Recorded) -> Result<String, String> {
        let rows = store
            .export_debit_requests(self.month, rec)
            .map_err(|e| e.to_string())?;
        if rows.is_empty() {
            return Err(format!("{} 没有需要代扣的费用", self.month.paper()));
        }
        crate::import::bank::write_debit_requests(path, self.month, &rows)?;
        let total = Fen(rows.iter().map(|r| r.amount.0).fold(0, i64::saturating_add));
        Ok(format!(
            "已导出 {} 户，合计 {total}：{}。交给银行后请删除此文件。",
            rows.len(),
            path.display()
        ))
    }
}

/// The save dialog for the request file.
pub fn ask_where(file_name: String) -> Task<Option<PathBuf>> {
    Task::perform(
        async move {
            rfd::AsyncFileDialog::new()
                .set_title("保存银行代扣申请文件")
                .set_file_name(&file_name)
                .add_filter("Excel", &["xlsx"])
                .save_file()
                .await
                .map(|h| h.path().to_path_buf())
        },
        |p| p,
    )
}
