//! Builds the month-end archive: every source's registers as .xlsx, every form of the month
//! as PDF, `说明.txt`, `SHA256SUMS`, then the same folder as a .zip beside it.
//!
//! Everything is written into hidden `.…partial` paths beside the target and renamed into
//! place only when complete; a cancel, an error (or a crash, cleared on the next run) leaves
//! nothing half-written. Archiving a month again replaces its folder and .zip with the new run
//! (the store keeps a row for every run, with its checksum list's digest).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use chrono::NaiveDateTime;

use super::error::{ArchiveError, io};
use super::readme::{self, Entry, README_FILE};
use super::run::{Planned, write_all, write_file};
use super::sums::{self, SUMS_FILE};
use super::{SOURCES, pack};
use crate::domain::Month;
use crate::forms::PrintJob;
use crate::store::Store;

/// Folder of the spreadsheets inside the archive.
pub const REGISTERS_DIR: &str = "登记表";
/// Folder of the PDFs inside the archive (one subfolder per tab).
pub const FORMS_DIR: &str = "表单";
/// The month's summary with its charts, at the top of the folder.
pub const SUMMARY_FILE: &str = "月度汇总.pdf";

/// Where the archive is at: `done` of `total` files, the last one `name`.
#[derive(Debug, Clone, Copy)]
pub struct Progress<'a> {
    /// Files finished.
    pub done: usize,
    /// Files in all (the .zip counts as one).
    pub total: usize,
    /// The file just finished, relative to the archive folder.
    pub name: &'a str,
}

/// Time spent on each part, for the benchmark and the curious. The files are made by two
/// workers at once: their times are summed, so the parts can add up to more than the whole.
#[derive(Debug, Clone, Copy, Default)]
pub struct Timings {
    /// Reading the registers and writing them as .xlsx.
    pub spreadsheets: Duration,
    /// Rendering and writing the forms.
    pub pdfs: Duration,
    /// `说明.txt` and `SHA256SUMS`.
    pub sums: Duration,
    /// Packing the .zip.
    pub zip: Duration,
}

/// A finished archive.
#[derive(Debug, Clone)]
pub struct Archived {
    /// The month.
    pub month: Month,
    /// The archive folder.
    pub folder: PathBuf,
    /// The .zip beside it.
    pub zip: PathBuf,
    /// Files in the folder, `SHA256SUMS` included.
    pub files: usize,
    /// SHA-256 of `SHA256SUMS`: one value naming the whole archive's content.
    pub digest: String,
    /// Time per part.
    pub timings: Timings,
}

/// `物业客服台归档-<estate>-<YYYY-MM>`, with characters no file system takes replaced.
pub fn folder_name(estate: &str, month: Month) -> String {
    let estate: String = estate
        .trim()
        .chars()
        .map(|c| match c {
            '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|' => '_',
            c if c.is_control() => '_',
            c => c,
        })
        .collect();
    format!("物业客服台归档-{estate}-{month}")
}

/// The month's last second, the time every file of its archive is dated with: the archive is
/// the month as it stands at its end, whenever it is made.
pub fn month_end(month: Month) -> NaiveDateTime {
    month
        .last_day()
        .and_hms_opt(23, 59, 59)
        .unwrap_or_else(|| month.last_day().into())
}

/// Builds the archive of `month` into `out` (created if missing), reporting each file through
/// `progress` and stopping, with nothing left behind, as soon as `cancel` is set.
///
/// # Errors
/// [`ArchiveError::Cancelled`] after a cancel; otherwise the first record, form or file that
/// failed. Either way the partial folder and .zip are removed.
pub fn build(
    store: &Store,
    month: Month,
    out: &Path,
    progress: &mut dyn FnMut(Progress<'_>),
    cancel: &AtomicBool,
) -> Result<Archived, ArchiveError> {
    let office = store.office()?;
    let name = folder_name(&office.estate, month);
    let at = month_end(month);
    std::fs::create_dir_all(out).map_err(io(out))?;
    let folder = out.join(&name);
    let zip = out.join(format!("{name}.zip"));
    let tmp = out.join(format!(".{name}.partial"));
    let tmp_zip = out.join(format!(".{name}.zip.partial"));
    let mut guard = Cleanup(vec![tmp.clone(), tmp_zip.clone()]);
    guard.clear();
    let mut timings = Timings::default();

    // Plan every file first, so the progress bar knows the total from the start.
    let started = Instant::now();
    let mut plan: Vec<(String, Planned)> = Vec::new();
    let mut entries: Vec<Entry> = Vec::new();
    // The month's summary sits at the top of the folder, where someone opening it looks first.
    entries.push(Entry {
        path: SUMMARY_FILE.into(),
        about: "月度汇总：本月各项工作的件数、及时率、满意率、收缴率与图表（PDF）".into(),
    });
    plan.push((
        SUMMARY_FILE.into(),
        Planned::Form(PrintJob::MonthSummary(month)),
    ));
    for source in SOURCES {
        check(cancel)?;
        for book in (source.workbooks)(store, month)? {
            let path = format!("{REGISTERS_DIR}/{}-{month}.xlsx", book.name);
            entries.push(Entry {
                path: path.clone(),
                about: format!("{}：{}", source.tab, book.about),
            });
            plan.push((path, Planned::Book(book)));
        }
        let jobs = (source.forms)(store, month)?;
        if !jobs.is_empty() {
            entries.push(Entry {
                path: format!("{FORMS_DIR}/{}/", source.tab),
                about: format!("{}本月的表单，共 {} 份（PDF）", source.tab, jobs.len()),
            });
        }
        for job in jobs {
            plan.push((
                format!("{FORMS_DIR}/{}/{}", source.tab, job.file_name()),
                Planned::Form(job),
            ));
        }
    }
    let mut seen = BTreeSet::new();
    for (path, _) in &plan {
        if !seen.insert(path.as_str()) {
            return Err(ArchiveError::Duplicate(path.clone()));
        }
    }
    timings.spreadsheets += started.elapsed();

    let total = plan.len() + 3;
    let mut done = 0;
    std::fs::create_dir(&tmp).map_err(io(&tmp))?;
    let (mut listed, spent) = write_all(store, &office, &plan, at, &tmp, cancel, &mut |path| {
        done += 1;
        progress(Progress {
            done,
            total,
            name: path,
        });
    })?;
    // The workers' own time, summed over both: what each part costs, not the wall clock.
    timings.spreadsheets += spent.spreadsheets;
    timings.pdfs = spent.pdfs;
    timings.sums = spent.sums;

    check(cancel)?;
    let started = Instant::now();
    let note = readme::render(&office.estate, month, &entries);
    write_file(&tmp, README_FILE, &note)?;
    listed.push((README_FILE.to_string(), sums::sha256_hex(&note)));
    done += 1;
    progress(Progress {
        done,
        total,
        name: README_FILE,
    });
    let sums_text = sums::render(&listed);
    write_file(&tmp, SUMS_FILE, sums_text.as_bytes())?;
    let digest = sums::sha256_hex(sums_text.as_bytes());
    timings.sums += started.elapsed();
    done += 1;
    progress(Progress {
        done,
        total,
        name: SUMS_FILE,
    });

    check(cancel)?;
    let started = Instant::now();
    let files = pack::list_files(&tmp)?;
    pack::zip_folder(&tmp, &files, &name, at, &tmp_zip)?;
    timings.zip += started.elapsed();
    check(cancel)?;

    publish(&tmp, &folder, out.join(format!(".{name}.old")))?;
    if zip.exists() {
        std::fs::remove_file(&zip).map_err(io(&zip))?;
    }
    std::fs::rename(&tmp_zip, &zip).map_err(io(&zip))?;
    guard.0.clear();
    let zip_name = format!("{name}.zip");
    progress(Progress {
        done: total,
        total,
        name: &zip_name,
    });
    Ok(Archived {
        month,
        folder,
        zip,
        files: files.len(),
        digest,
        timings,
    })
}

fn check(cancel: &AtomicBool) -> Result<(), ArchiveError> {
    if cancel.load(Ordering::Relaxed) {
        Err(ArchiveError::Cancelled)
    } else {
        Ok(())
    }
}

/// Moves the finished `tmp` folder to `folder`; an older archive there is moved aside to `old`
/// first and removed only once the new one is in place.
fn publish(tmp: &Path, folder: &Path, old: PathBuf) -> Result<(), ArchiveError> {
    if old.exists() {
        std::fs::remove_dir_all(&old).map_err(io(&old))?;
    }
    let replacing = folder.exists();
    if replacing {
        std::fs::rename(folder, &old).map_err(io(folder))?;
    }
    if let Err(e) = std::fs::rename(tmp, folder) {
        if replacing {
            // Put the previous archive back rather than leave the month with none.
            let _ = std::fs::rename(&old, folder);
        }
        return Err(io(folder)(e));
    }
    if replacing {
        std::fs::remove_dir_all(&old).map_err(io(&old))?;
    }
    Ok(())
}

/// Removes the partial folder and .zip when the build stops before publishing them.
struct Cleanup(Vec<PathBuf>);

impl Cleanup {
    fn clear(&self) {
        for path in &self.0 {
            if path.is_dir() {
                let _ = std::fs::remove_dir_all(path);
            } else if path.exists() {
                let _ = std::fs::remove_file(path);
            }
        }
    }
}

impl Drop for Cleanup {
    fn drop(&mut self) {
        self.clear();
    }
}
