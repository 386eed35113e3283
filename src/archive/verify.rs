//! `wuye-desk archive verify DIR|ZIP`: recomputes every `SHA256SUMS` line and opens every file
//! (spreadsheets through calamine, PDFs by reading their text back), naming each file that
//! changed, is missing, cannot be read, or is there without being listed.

use std::collections::BTreeMap;
use std::io::{Cursor, Read};
use std::path::Path;

use calamine::Reader;

use super::error::{ArchiveError, io};
use super::pack::list_files;
use super::sums::{self, SUMS_FILE};

/// One thing wrong with an archive.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// There is no `SHA256SUMS` to check against.
    NoSums,
    /// A line of `SHA256SUMS` that is not `<checksum>  <file>` (its line number).
    BadLine(usize),
    /// The file's checksum differs from the list's.
    Changed(String),
    /// A listed file is not there.
    Missing(String),
    /// The file's checksum matches but it does not open as what it should be.
    Unreadable(String, String),
    /// A file that the list does not name.
    Unlisted(String),
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Problem::NoSums => write!(f, "缺少 {SUMS_FILE}，无法核对"),
            Problem::BadLine(n) => write!(f, "{SUMS_FILE} 第 {n} 行格式不对"),
            Problem::Changed(p) => write!(f, "已被改动：{p}"),
            Problem::Missing(p) => write!(f, "缺少文件：{p}"),
            Problem::Unreadable(p, why) => write!(f, "无法打开：{p}（{why}）"),
            Problem::Unlisted(p) => write!(f, "校验清单中没有：{p}"),
        }
    }
}

/// What a check found.
#[derive(Debug, Clone, Default)]
pub struct Report {
    /// Files whose checksum matched and that opened.
    pub ok: usize,
    /// Everything wrong, in the order of the checksum list, then unlisted files.
    pub problems: Vec<Problem>,
}

/// Checks an archive folder, or its .zip (a path ending in `.zip`).
///
/// # Errors
/// The folder or .zip could not be read at all.
pub fn verify(path: &Path) -> Result<Report, ArchiveError> {
    let files = if path.is_dir() {
        read_folder(path)?
    } else {
        read_zip(path)?
    };
    Ok(check(&files))
}

/// Every file of the folder by its relative path.
fn read_folder(dir: &Path) -> Result<BTreeMap<String, Vec<u8>>, ArchiveError> {
    let mut out = BTreeMap::new();
    for rel in list_files(dir)? {
        let full = rel.split('/').fold(dir.to_path_buf(), |p, s| p.join(s));
        let bytes = std::fs::read(&full).map_err(io(&full))?;
        out.insert(rel, bytes);
    }
    Ok(out)
}

/// Every file of the .zip by its path below the one top folder it holds.
fn read_zip(path: &Path) -> Result<BTreeMap<String, Vec<u8>>, ArchiveError> {
    let fail = |error: String| ArchiveError::Zip {
        path: path.to_path_buf(),
        error,
    };
    let file = std::fs::File::open(path).map_err(io(path))?;
    let mut zip = zip::ZipArchive::new(file).map_err(|e| fail(e.to_string()))?;
    let mut out = BTreeMap::new();
    for i in 0..zip.len() {
        let mut entry = zip.by_index(i).map_err(|e| fail(e.to_string()))?;
        if entry.is_dir() {
            continue;
        }
        let name = entry.name().map_err(|e| fail(e.to_string()))?.into_owned();
        let rel = name.split_once('/').map_or(name.as_str(), |(_, r)| r);
        let rel = rel.to_string();
        let mut bytes = Vec::new();
        // Reading to the end checks the entry's CRC and size.
        entry
            .read_to_end(&mut bytes)
            .map_err(|e| fail(format!("{name}：{e}")))?;
        out.insert(rel, bytes);
    }
    Ok(out)
}

fn check(files: &BTreeMap<String, Vec<u8>>) -> Report {
    let mut report = Report::default();
    let Some(list) = files.get(SUMS_FILE) else {
        report.problems.push(Problem::NoSums);
        return report;
    };
    let (lines, bad) = sums::parse(&String::from_utf8_lossy(list));
    report
        .problems
        .extend(bad.into_iter().map(Problem::BadLine));
    let mut listed = std::collections::BTreeSet::new();
    for line in lines {
        listed.insert(line.path.clone());
        let Some(bytes) = files.get(&line.path) else {
            report.problems.push(Problem::Missing(line.path));
            continue;
        };
        if sums::sha256_hex(bytes) != line.sum {
            report.problems.push(Problem::Changed(line.path));
            continue;
        }
        match readable(&line.path, bytes) {
            Ok(()) => report.ok += 1,
            Err(why) => report.problems.push(Problem::Unreadable(line.path, why)),
        }
    }
    for path in files.keys() {
        if path != SUMS_FILE && !listed.contains(path) {
            report.problems.push(Problem::Unlisted(path.clone()));
        }
    }
    report
}

/// Opens `bytes` as what its name says it is.
fn readable(path: &str, bytes: &[u8]) -> Result<(), String> {
    if path.ends_with(".xlsx") {
        let mut book = calamine::Xlsx::new(Cursor::new(bytes)).map_err(|e| e.to_string())?;
        for name in book.sheet_names() {
            book.worksheet_range(&name).map_err(|e| e.to_string())?;
        }
        Ok(())
    } else if path.ends_with(".pdf") {
        crate::forms::extract_text(bytes)
            .map(|_| ())
            .map_err(|e| e.to_string())
    } else if path.ends_with(".txt") {
        std::str::from_utf8(bytes)
            .map(|_| ())
            .map_err(|_| "不是 UTF-8 文本".to_string())
    } else {
        Ok(())
    }
}
