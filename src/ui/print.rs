//! Printing from the window: render a form, save it (print folder or a save dialog), open it.

use std::path::{Path, PathBuf};

use iced::Task;

use super::Message;
use crate::domain::settings::Office;
use crate::store::Store;

pub use crate::forms::PrintJob;

/// Renders the form behind `job` to PDF bytes as of the desk's `now`, with a message the desk
/// can act on if it fails.
pub fn render(
    store: &Store,
    office: &Office,
    job: &PrintJob,
    now: chrono::NaiveDateTime,
) -> Result<Vec<u8>, String> {
    crate::forms::render_at(store, office, job, now).map_err(|e| e.to_string())
}

/// Saves the PDF to the office's print folder, or where the receptionist chooses, and opens it
/// in the system's PDF viewer for printing. The message says where it was saved, and whether a
/// viewer opened it.
pub fn save_and_open(bytes: Vec<u8>, file_name: String, office: &Office) -> Task<Message> {
    let folder = office.print_folder.trim();
    if !folder.is_empty() {
        // The print folder is known: save at once (a form is tens of KB), then open it.
        let path = Path::new(folder).join(&file_name);
        if let Err(e) = save(&path, &bytes) {
            return Task::done(Message::Printed(Err(e)));
        }
        return Task::perform(
            async move {
                Ok(Some(Printed {
                    opened: open(path.clone()).await,
                    path,
                }))
            },
            Message::Printed,
        );
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
            let path = handle.path().to_path_buf();
            save(&path, &bytes)?;
            Ok(Some(Printed {
                opened: open(path.clone()).await,
                path,
            }))
        },
        Message::Printed,
    )
}

/// A form saved to a file, and whether a PDF viewer opened it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Printed {
    /// Where the PDF was saved.
    pub path: PathBuf,
    /// Whether a viewer opened it; the reason if not.
    pub opened: Result<(), String>,
}

impl Printed {
    /// The line the desk shows: where it went, and what to do if no viewer opened it.
    pub fn notice(&self) -> (bool, String) {
        match &self.opened {
            Ok(()) => (false, format!("已保存并打开：{}", self.path.display())),
            Err(why) => (
                true,
                format!(
                    "已保存到 {}，但{why}。请安装PDF阅读器，或在文件夹里找到该文件手动打开打印。",
                    self.path.display()
                ),
            ),
        }
    }
}

fn save(path: &Path, bytes: &[u8]) -> Result<(), String> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| {
            format!(
                "无法创建打印文件夹 {}：{e}。请在“设置”里检查打印文件夹。",
                dir.display()
            )
        })?;
    }
    std::fs::write(path, bytes)
        .map_err(|e| format!("无法保存 {}：{e}。请换一个位置保存。", path.display()))
}

/// Opens `path` in the system's PDF viewer.
#[cfg(all(unix, not(target_os = "macos")))]
async fn open(path: PathBuf) -> Result<(), String> {
    use std::process::{Command, Stdio};
    use std::time::{Duration, Instant};

    // xdg-open may keep running for as long as the viewer it started stays open, so it is
    // watched from a thread of its own: a quick failure is reported, a viewer still open after
    // a few seconds counts as opened, and the child is always waited for (no zombie process).
    let child = Command::new("xdg-open")
        .arg(&path)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn();
    let mut child = match child {
        Ok(child) => child,
        Err(_) => return Err("没有找到 xdg-open，无法打开PDF查看器".into()),
    };
    let (tell, told) = iced::futures::channel::oneshot::channel();
    std::thread::spawn(move || {
        let started = Instant::now();
        let mut tell = Some(tell);
        loop {
            match child.try_wait() {
                Ok(Some(status)) => {
                    let result = if status.success() {
                        Ok(())
                    } else {
                        Err("没有找到能打开PDF的程序".to_string())
                    };
                    if let Some(tell) = tell.take() {
                        let _ = tell.send(result);
                    }
                    return;
                }
                Ok(None) if started.elapsed() < Duration::from_secs(3) => {
                    std::thread::sleep(Duration::from_millis(50));
                }
                Ok(None) => {
                    if let Some(tell) = tell.take() {
                        let _ = tell.send(Ok(()));
                    }
                    let _ = child.wait();
                    return;
                }
                Err(e) => {
                    if let Some(tell) = tell.take() {
                        let _ = tell.send(Err(format!("打开PDF查看器时出错（{e}）")));
                    }
                    let _ = child.wait();
                    return;
                }
            }
        }
    });
    told.await
        .unwrap_or_else(|_| Err("打开PDF查看器时出错".into()))
}

/// Opens `path` in the system's PDF viewer.
#[cfg(not(all(unix, not(target_os = "macos"))))]
async fn open(path: PathBuf) -> Result<(), String> {
    opener::open(&path).map_err(|e| format!("没能打开PDF查看器（{e}）"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_notice_says_where_the_pdf_went_and_whether_a_viewer_opened_it() {
        let path = PathBuf::from("/打印/维修单-WX-202611-0001.pdf");
        let opened = Printed {
            path: path.clone(),
            opened: Ok(()),
        };
        assert_eq!(
            opened.notice(),
            (
                false,
                "已保存并打开：/打印/维修单-WX-202611-0001.pdf".to_string()
            )
        );
        let (error, text) = Printed {
            path,
            opened: Err("没有找到能打开PDF的程序".into()),
        }
        .notice();
        assert!(error);
        assert!(
            text.starts_with("已保存到 /打印/维修单-WX-202611-0001.pdf，但没有找到能打开PDF的程序")
        );
        assert!(!text.contains("已保存并打开"), "{text}");
    }
}
