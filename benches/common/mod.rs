//! Timing shared by the benchmarks: percentiles of wall-clock times over repeated runs.
#![allow(dead_code)] // each benchmark uses part of this

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

/// Percentiles of a set of timings.
pub struct Stats {
    /// Median.
    pub p50: Duration,
    /// 99th percentile.
    pub p99: Duration,
    /// Slowest run.
    pub max: Duration,
}

/// Runs `f` a tenth of `rounds` times to warm up, then `rounds` times timed.
pub fn time<T>(rounds: usize, mut f: impl FnMut() -> T) -> Stats {
    for _ in 0..rounds / 10 {
        std::hint::black_box(f());
    }
    stats(
        (0..rounds.max(1))
            .map(|_| {
                let start = Instant::now();
                std::hint::black_box(f());
                start.elapsed()
            })
            .collect(),
    )
}

/// The percentiles of `times` (at least one), for a benchmark that times only part of each
/// round itself.
pub fn stats(mut times: Vec<Duration>) -> Stats {
    times.sort();
    let at = |q: f64| times[((times.len() as f64 * q) as usize).min(times.len() - 1)];
    Stats {
        p50: at(0.50),
        p99: at(0.99),
        max: at(1.0),
    }
}

/// Milliseconds with three decimals.
pub fn ms(d: Duration) -> String {
    format!("{:.3}", d.as_secs_f64() * 1000.0)
}

/// The demo estate with ten years of records in a fresh temporary folder (kept while the
/// returned guard lives): the folder, the database file, and how long the build took.
pub fn ten_year_demo() -> (tempfile::TempDir, std::path::PathBuf, Duration) {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("bench.sqlite3");
    let start = Instant::now();
    {
        let mut store = wuye_desk::store::Store::open(&db).expect("open");
        wuye_desk::demo::build(&mut store, 10).expect("demo estate");
    }
    (dir, db, start.elapsed())
}

/// Mean time per statement of `statements` in the `sqlite3` shell on `db`, run `reps` times in
/// one process, less the time of the same process running nothing.
pub fn shell_mean(db: &Path, statements: &[String], reps: usize) -> Option<Duration> {
    let run = |script: &str| -> Option<Duration> {
        let path = std::env::temp_dir().join("wuye-bench.sql");
        std::fs::write(&path, script).ok()?;
        let start = Instant::now();
        let out = Command::new("sqlite3")
            .arg(db)
            .arg(format!(".read {}", path.display()))
            .output()
            .ok()?;
        let elapsed = start.elapsed();
        if !out.status.success() {
            // Say why, so a broken statement is never reported as a missing shell.
            let err = String::from_utf8_lossy(&out.stderr);
            eprintln!("sqlite3 shell failed: {}", err.lines().next().unwrap_or(""));
        }
        out.status.success().then_some(elapsed)
    };
    let mut script = String::from(".output /dev/null\n");
    for _ in 0..reps {
        for s in statements {
            // The shell runs a statement at its `;`: without one, the next would run on.
            script.push_str(s.trim_end().trim_end_matches(';'));
            script.push_str(";\n");
        }
    }
    let empty = (0..3).filter_map(|_| run(".output /dev/null\n")).min()?;
    let full = (0..3).filter_map(|_| run(&script)).min()?;
    Some(full.saturating_sub(empty) / reps as u32)
}
