//! Why an archive could not be made, worded for the desk.

use std::path::PathBuf;

use crate::forms::PrintError;
use crate::store::StoreError;

/// Why the month-end archive stopped. Whatever the reason, nothing half-written is left.
#[derive(Debug, thiserror::Error)]
pub enum ArchiveError {
    /// The month's records could not be read.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// A form of the month could not be rendered.
    #[error("无法生成 {file}：{error}")]
    Print {
        /// The PDF's file name.
        file: String,
        /// What went wrong.
        error: PrintError,
    },
    /// A register could not be written as a spreadsheet.
    #[error("无法生成表格 {file}：{error}")]
    Xlsx {
        /// The spreadsheet's file name.
        file: String,
        /// What went wrong.
        error: String,
    },
    /// A file or folder could not be written.
    #[error("无法写入 {}：{error}", path.display())]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// What went wrong.
        error: std::io::Error,
    },
    /// The .zip could not be written.
    #[error("无法写入压缩包 {}：{error}", path.display())]
    Zip {
        /// The .zip file.
        path: PathBuf,
        /// What went wrong.
        error: String,
    },
    /// Two registers or forms would be written under the same name.
    #[error("归档中有两个同名文件：{0}")]
    Duplicate(String),
    /// Someone pressed 取消.
    #[error("已取消归档，没有留下任何文件")]
    Cancelled,
}

/// `error` at `path` as an [`ArchiveError::Io`].
pub(crate) fn io(path: impl Into<PathBuf>) -> impl FnOnce(std::io::Error) -> ArchiveError {
    let path = path.into();
    move |error| ArchiveError::Io { path, error }
}
