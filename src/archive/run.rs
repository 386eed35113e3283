//! Writing the planned files: two workers (each with its own read-only connection, since a
//! connection is not shared between threads) take the next file in turn; the bytes do not
//! depend on which worker made them, so the archive is the same whatever the order. Progress
//! is reported on the calling thread, one file at a time, as each is finished.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use chrono::NaiveDateTime;

use super::error::{ArchiveError, io};
use super::sums;
use super::table::Workbook;
use super::xlsx;
use crate::domain::settings::Office;
use crate::forms::{self, PrintJob};
use crate::store::Store;

/// One file to write.
pub(super) enum Planned {
    /// A register, as .xlsx.
    Book(Workbook),
    /// A form, as PDF.
    Form(PrintJob),
}

/// Time spent by the workers, summed: on spreadsheets, on PDFs, on writing and hashing.
#[derive(Default)]
pub(super) struct Spent {
    pub spreadsheets: Duration,
    pub pdfs: Duration,
    pub sums: Duration,
}

/// What a worker sends back for each file: its place in the plan and its SHA-256, or the error
/// that stops the archive.
type Finished = Result<(usize, String, Spent), ArchiveError>;

/// Writes every planned file under `dir` (paths with `/`), calling `progress(path)` as each is
/// done; returns each file's `(path, sha256)` in plan order and the time spent.
pub(super) fn write_all(
    store: &Store,
    office: &Office,
    plan: &[(String, Planned)],
    at: NaiveDateTime,
    dir: &Path,
    cancel: &AtomicBool,
    progress: &mut dyn FnMut(&str),
) -> Result<(Vec<(String, String)>, Spent), ArchiveError> {
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, 2);
    let next = AtomicUsize::new(0);
    let stop = AtomicBool::new(false);
    let mut sums: Vec<Option<String>> = vec![None; plan.len()];
    let mut spent = Spent::default();
    let db = store.path().to_path_buf();
    std::thread::scope(|scope| -> Result<(), ArchiveError> {
        let (send, receive) = mpsc::channel::<Finished>();
        for _ in 0..workers {
            let send = send.clone();
            let (db, next, stop) = (&db, &next, &stop);
            scope.spawn(move || worker(db, office, plan, at, dir, next, stop, cancel, &send));
        }
        drop(send);
        let mut failed = None;
        for message in receive {
            match message {
                Ok((i, sum, s)) => {
                    spent.spreadsheets += s.spreadsheets;
                    spent.pdfs += s.pdfs;
                    spent.sums += s.sums;
                    sums[i] = Some(sum);
                    progress(&plan[i].0);
                }
                Err(e) => {
                    stop.store(true, Ordering::Relaxed);
                    failed.get_or_insert(e);
                }
            }
        }
        failed.map_or(Ok(()), Err)
    })?;
    if cancel.load(Ordering::Relaxed) {
        return Err(ArchiveError::Cancelled);
    }
    let listed = plan
        .iter()
        .zip(sums)
        .map(|((path, _), sum)| sum.map(|s| (path.clone(), s)))
        .collect::<Option<Vec<_>>>()
        .ok_or(ArchiveError::Cancelled)?;
    Ok((listed, spent))
}

/// One worker: its own connection, then the next file not yet taken, until none is left, the
/// archive is cancelled, or another worker failed.
#[allow(clippy::too_many_arguments)]
fn worker(
    db: &Path,
    office: &Office,
    plan: &[(String, Planned)],
    at: NaiveDateTime,
    dir: &Path,
    next: &AtomicUsize,
    stop: &AtomicBool,
    cancel: &AtomicBool,
    send: &mpsc::Sender<Finished>,
) {
    let store = match Store::open_read_only(db, "归档只读取数据库") {
        Ok(s) => s,
        Err(e) => {
            let _ = send.send(Err(e.into()));
            return;
        }
    };
    loop {
        if stop.load(Ordering::Relaxed) || cancel.load(Ordering::Relaxed) {
            return;
        }
        let i = next.fetch_add(1, Ordering::Relaxed);
        let Some((path, item)) = plan.get(i) else {
            return;
        };
        let done = make(&store, office, path, item, at, dir).map(|(sum, s)| (i, sum, s));
        let failed = done.is_err();
        if send.send(done).is_err() || failed {
            return;
        }
    }
}

/// Renders one file, writes it and hashes it.
fn make(
    store: &Store,
    office: &Office,
    path: &str,
    item: &Planned,
    at: NaiveDateTime,
    dir: &Path,
) -> Result<(String, Spent), ArchiveError> {
    let mut spent = Spent::default();
    let started = Instant::now();
    let bytes = match item {
        Planned::Book(book) => {
            let bytes = xlsx::workbook_bytes(book, at).map_err(|e| ArchiveError::Xlsx {
                file: path.to_string(),
                error: e.to_string(),
            })?;
            spent.spreadsheets = started.elapsed();
            bytes
        }
        Planned::Form(job) => {
            let bytes = forms::dated(at, || forms::render_filed(store, office, job, at)).map_err(
                |error| ArchiveError::Print {
                    file: path.to_string(),
                    error,
                },
            )?;
            spent.pdfs = started.elapsed();
            bytes
        }
    };
    let started = Instant::now();
    write_file(dir, path, &bytes)?;
    let sum = sums::sha256_hex(&bytes);
    spent.sums = started.elapsed();
    Ok((sum, spent))
}

/// Writes `bytes` to `rel` (with `/` separators) under `dir`, creating its folder.
pub(super) fn write_file(dir: &Path, rel: &str, bytes: &[u8]) -> Result<(), ArchiveError> {
    let path: PathBuf = rel.split('/').fold(dir.to_path_buf(), |p, s| p.join(s));
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(io(parent))?;
    }
    std::fs::write(&path, bytes).map_err(io(&path))
}
