//! `说明.txt`: what the archive is, what each file holds, and how to check it without this
//! program. UTF-8 with a byte-order mark and CRLF line ends, so Notepad on any Windows opens it.

use crate::domain::Month;

/// The note's file name.
pub const README_FILE: &str = "说明.txt";

/// One line of the note: a file or folder and what it holds.
pub struct Entry {
    /// Path inside the archive folder.
    pub path: String,
    /// What it holds.
    pub about: String,
}

/// The note's bytes for the archive of `month` at `estate`.
pub fn render(estate: &str, month: Month, entries: &[Entry]) -> Vec<u8> {
    let mut lines = vec![
        format!(
            "物业客服台月末归档 — {estate} {}年{}月",
            month.year(),
            month.number()
        ),
        String::new(),
        format!(
            "本文件夹收存 {} 至 {} 的全部登记（.xlsx 表格）和当月表单（PDF），",
            month.first_day().format("%Y-%m-%d"),
            month.last_day().format("%Y-%m-%d")
        ),
        "用任何表格软件和 PDF 阅读器即可打开，不需要物业客服台程序。".to_string(),
        "身份证号和电话号码已按屏幕显示的方式遮蔽。".to_string(),
        String::new(),
        "文件：".to_string(),
    ];
    for e in entries {
        lines.push(format!("  {}：{}", e.path, e.about));
    }
    lines.extend([
        format!("  {}：本说明", README_FILE),
        format!(
            "  {}：以上每个文件的 SHA-256 校验值",
            super::sums::SUMS_FILE
        ),
        String::new(),
        "核对文件是否完好、未被改动：".to_string(),
        "  Linux/macOS：在本文件夹中运行 sha256sum -c SHA256SUMS，每行应显示“OK”（确定）。"
            .to_string(),
        "  物业客服台：wuye-desk archive verify <本文件夹或 .zip>".to_string(),
        "同一个月用同样的数据再次归档，得到的每个文件逐字节相同。".to_string(),
    ]);
    let mut text = String::from("\u{feff}");
    for line in lines {
        text.push_str(&line);
        text.push_str("\r\n");
    }
    text.into_bytes()
}
