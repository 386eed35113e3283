//! Printing from the window: render a form, save it (print folder or a save dialog), open it.

use std::path::{Path, PathBuf};

use iced::Task;

use super::Message;
use crate::domain::settings::Office;
use crate::store::Store;

pub use crate::forms::PrintJob;

/// Renders the form behind `job` to PDF bytes, with a message the desk can act on if it fails.
pub fn render(store: &Store, office: &Office, job: &PrintJob) -> Result<Vec<u8>, String> {
    crate::forms::render(store, office, job).map_err(|e| e.to_string())
}

/// Saves the PDF to the office's print folder, or where the receptionist chooses, and opens it
/// in the system's PDF viewer for printing.
pub fn save_and_open(bytes: Vec<u8>, file_name: String, office: &Office) -> Task<Message> {
    let folder = office.print_folder.trim();
    if !folder.is_empty() {
        let path = Path::new(folder).join(&file_name);
        return Task::done(Message::Printed(write_and_open(&path, &bytes).map(Some)));
    }
    Task::perform(
        async move {
            let Some(handle) = rfd::AsyncFileDialog::new()
                .set_title("保存PDF")
                .set_file_name(&file_name)
                .add_filter("PDF", &["pdf"])
                .save_file()
                .await
            else {
                return Ok(None);
            };
            write_and_open(handle.path(), &bytes).map(Some)
        },
        Message::Printed,
    )
}

fn write_and_open(path: &Path, bytes: &[u8]) -> Result<PathBuf, String> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| {
            format!(
                "无法创建打印文件夹 {}：{e}。请在“设置”里检查打印文件夹。",
                dir.display()
            )
        })?;
    }
    std::fs::write(path, bytes)
        .map_err(|e| format!("无法保存 {}：{e}。请换一个位置保存。", path.display()))?;
    opener::open(path).map_err(|e| {
        format!(
            "已保存到 {}，但没能打开PDF查看器（{e}）。请手动打开该文件打印。",
            path.display()
        )
    })?;
    Ok(path.to_path_buf())
}
