//! The archive folder as one .zip: entries sorted by path under the folder's own name, each
//! with the same fixed time and permissions, so the same folder always packs to the same bytes.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use chrono::{Datelike, NaiveDateTime, Timelike};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

use super::error::{ArchiveError, io};

/// Every file under `dir`, as paths relative to it with `/` separators, sorted.
pub fn list_files(dir: &Path) -> Result<Vec<String>, ArchiveError> {
    let mut out = Vec::new();
    walk(dir, "", &mut out)?;
    out.sort();
    Ok(out)
}

fn walk(dir: &Path, prefix: &str, out: &mut Vec<String>) -> Result<(), ArchiveError> {
    for entry in std::fs::read_dir(dir).map_err(io(dir))? {
        let entry = entry.map_err(io(dir))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        let rel = if prefix.is_empty() {
            name
        } else {
            format!("{prefix}/{name}")
        };
        let kind = entry.file_type().map_err(io(entry.path()))?;
        if kind.is_dir() {
            walk(&entry.path(), &rel, out)?;
        } else {
            out.push(rel);
        }
    }
    Ok(())
}

/// Packs the files `files` (relative to `dir`) into `zip_path` under the folder `top`, dated
/// `at` (zip keeps even seconds).
pub fn zip_folder(
    dir: &Path,
    files: &[String],
    top: &str,
    at: NaiveDateTime,
    zip_path: &Path,
) -> Result<(), ArchiveError> {
    let fail = |e: zip::result::ZipError| ArchiveError::Zip {
        path: zip_path.to_path_buf(),
        error: e.to_string(),
    };
    let stamp = DateTime::from_date_and_time(
        u16::try_from(at.year()).unwrap_or(1980),
        at.month() as u8,
        at.day() as u8,
        at.hour() as u8,
        at.minute() as u8,
        at.second() as u8,
    )
    .map_err(|_| ArchiveError::Zip {
        path: zip_path.to_path_buf(),
        error: format!("日期 {at} 无法写入压缩包"),
    })?;
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .last_modified_time(stamp)
        .unix_permissions(0o644);
    let file = File::create(zip_path).map_err(io(zip_path))?;
    let mut zip = ZipWriter::new(BufWriter::new(file));
    for rel in files {
        let path: PathBuf = rel.split('/').fold(dir.to_path_buf(), |p, s| p.join(s));
        let bytes = std::fs::read(&path).map_err(io(&path))?;
        zip.start_file(format!("{top}/{rel}"), options)
            .map_err(fail)?;
        zip.write_all(&bytes).map_err(io(zip_path))?;
    }
    let mut inner = zip.finish().map_err(fail)?;
    inner.flush().map_err(io(zip_path))?;
    inner
        .into_inner()
        .map_err(|e| io(zip_path)(e.into_error()))?
        .sync_all()
        .map_err(io(zip_path))?;
    Ok(())
}
