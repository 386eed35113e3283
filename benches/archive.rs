//! The month-end archive on the demo estate with ten years of records: its busiest complete
//! month (the most forms to file), the whole archive built with the time of each part
//! (spreadsheets, PDFs, checksums, zip), `verify` of the folder and of the .zip, and the
//! process's memory peak. Target: the whole archive in under 10 s on the 2-core machine.
//!
//! Run with `cargo bench --bench archive`; it writes `docs/PERFORMANCE-archive.md`.

mod common;

use std::fmt::Write as _;
use std::path::Path;
use std::sync::atomic::AtomicBool;
use std::time::{Duration, Instant};

use wuye_desk::archive::{self, SOURCES};
use wuye_desk::domain::Month;
use wuye_desk::store::Store;

/// Runs of the whole archive (the first one reads a cold file).
const RUNS: usize = 3;

/// The complete month with the most forms to file, and how many.
fn busiest_month(store: &Store) -> (Month, usize) {
    let now = Month::of(wuye_desk::domain::date::now_local().date());
    let mut best = (now.prev(), 0);
    let mut month = now.prev();
    for _ in 0..120 {
        let forms: usize = SOURCES
            .iter()
            .map(|s| (s.forms)(store, month).map(|f| f.len()).unwrap_or(0))
            .sum();
        if forms > best.1 {
            best = (month, forms);
        }
        month = month.prev();
    }
    best
}

/// The process's peak resident memory in MiB (`VmHWM`), where the system tells it.
fn peak_mib() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024.0)
}

fn secs(d: Duration) -> String {
    format!("{:.2}", d.as_secs_f64())
}

fn main() {
    let (dir, db, built) = common::ten_year_demo();
    let store = Store::open(&db).expect("open");
    let (month, forms) = busiest_month(&store);
    let out = dir.path().join("归档");
    let never = AtomicBool::new(false);
    let mut report = String::new();
    let _ = writeln!(
        report,
        "# Performance: the month-end archive\n\n\
         Demo estate with ten years of records (built in {} s), its busiest complete month \
         {month}: {forms} forms to file from {} sources. `cargo bench --bench archive` \
         (release), {} runs of the whole archive into one folder (each replaces the last), on \
         {} cores. The issue's busy month has ~400 PDFs; this estate's busiest has more than \
         five times that (a receipt for every payment of 2,900 units). `whole` is wall-clock; \
         the parts are the time spent in each, summed over the two workers that make the files \
         (so PDFs can exceed the whole).\n",
        secs(built),
        SOURCES.len(),
        RUNS,
        std::thread::available_parallelism().map_or(0, |n| n.get())
    );
    let _ = writeln!(
        report,
        "| run | whole | spreadsheets | PDFs | checksums + note | zip | files | zip size |\n\
         |---|---|---|---|---|---|---|---|"
    );
    let mut wholes = Vec::new();
    let mut last = None;
    for run in 1..=RUNS {
        let start = Instant::now();
        let made = archive::build(&store, month, &out, &mut |_| {}, &never).expect("archive");
        let whole = start.elapsed();
        wholes.push(whole);
        let t = made.timings;
        let zip_size = std::fs::metadata(&made.zip).map(|m| m.len()).unwrap_or(0);
        let _ = writeln!(
            report,
            "| {run} | {} s | {} s | {} s | {} s | {} s | {} | {:.1} MB |",
            secs(whole),
            secs(t.spreadsheets),
            secs(t.pdfs),
            secs(t.sums),
            secs(t.zip),
            made.files,
            zip_size as f64 / 1e6
        );
        last = Some(made);
    }
    let made = last.expect("one run");
    let start = Instant::now();
    let folder = archive::verify(&made.folder).expect("verify");
    let verify_folder = start.elapsed();
    let start = Instant::now();
    let zipped = archive::verify(&made.zip).expect("verify zip");
    let verify_zip = start.elapsed();
    assert!(folder.problems.is_empty() && zipped.problems.is_empty());
    wholes.sort();
    let _ = writeln!(
        report,
        "\nMedian whole archive: **{} s** (target < 10 s). `verify` of the folder: {} s, of the \
         .zip: {} s ({} files each, every checksum recomputed and every file opened).\n\n\
         Memory peak of the process (VmHWM, the ten-year demo build included): {}.",
        secs(wholes[wholes.len() / 2]),
        secs(verify_folder),
        secs(verify_zip),
        folder.ok,
        peak_mib().map_or("not reported by this system".to_string(), |m| format!(
            "{m:.0} MiB"
        ))
    );
    print!("{report}");
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/PERFORMANCE-archive.md");
    if let Err(e) = std::fs::write(&path, &report) {
        eprintln!("could not write {}: {e}", path.display());
    }
}
