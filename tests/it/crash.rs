//! The binary killed (SIGKILL: no clean-up of any kind) at random moments during a roster
//! import and during a demo build: the file passes SQLite's integrity check every time, and
//! holds all of the import or none of it, the whole demo or no demo.
//!
//! Twenty kills by default (sixteen imports, four demo builds, which take seconds each);
//! `WUYE_CRASH_RUNS=200` runs that many of each. The moments are drawn from a
//! seed printed with every failure (`WUYE_CRASH_SEED` replays one).

use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, Instant};

use rusqlite::Connection;

use crate::cli::{bin, desk_with_pin, text};
use crate::common::{PIN, SUPERVISOR, temp_db};

/// How many kills of a kind: `usual` unless `WUYE_CRASH_RUNS` says.
fn runs(usual: u64) -> u64 {
    std::env::var("WUYE_CRASH_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(usual)
}

/// A small reproducible random source (SplitMix64): no dependency for a few numbers.
struct Moments(u64);

impl Moments {
    fn new() -> (Moments, u64) {
        let seed = std::env::var("WUYE_CRASH_SEED")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or_else(|| {
                std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .map(|d| d.as_nanos() as u64)
                    .unwrap_or(7)
            });
        (Moments(seed), seed)
    }

    /// A moment in `0..within`.
    fn next(&mut self, within: Duration) -> Duration {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^= z >> 31;
        within.mul_f64((z >> 11) as f64 / (1u64 << 53) as f64)
    }
}

fn integrity(db: &Path) -> String {
    Connection::open(db)
        .unwrap()
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap()
}

fn count(db: &Path, table: &str) -> i64 {
    Connection::open(db)
        .unwrap()
        .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
        .unwrap()
}

/// Runs `args` and kills it after `after`; returns whether it had already finished.
fn kill_after(args: &[&str], pin: Option<&str>, after: Duration) -> bool {
    let mut cmd = bin();
    cmd.args(args).stdout(Stdio::null()).stderr(Stdio::null());
    if let Some(pin) = pin {
        cmd.env(wuye_desk::cli::PIN_VAR, pin);
    }
    let mut child = cmd.spawn().expect("run wuye-desk");
    let deadline = Instant::now() + after;
    while Instant::now() < deadline {
        if child.try_wait().expect("wait").is_some() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(2));
    }
    // `kill` is SIGKILL on Unix: the process gets no chance to tidy up.
    child.kill().expect("kill");
    child.wait().expect("reap");
    false
}

/// Runs `args` to the end and says how long it took.
fn timed(args: &[&str], pin: Option<&str>) -> Duration {
    let start = Instant::now();
    let out = match pin {
        Some(pin) => desk_with_pin(args, pin),
        None => bin().args(args).output().expect("run"),
    };
    assert!(out.status.success(), "{}", text(&out.stderr));
    start.elapsed()
}

/// A roster of `n` new units, 100 to a floor's entrance, each with its owner.
fn roster(dir: &Path, n: usize) -> PathBuf {
    let mut csv = String::from("楼栋,单元,房号,建筑面积,业主姓名,联系电话\n");
    for i in 0..n {
        let (building, entrance) = (40 + i / 600, 1 + (i / 100) % 6);
        let room = 101 + (i % 100 / 4) * 100 + i % 4;
        csv.push_str(&format!(
            "{building},{entrance},{room},{}.50,业主{},1380000{:04}\n",
            80 + i % 40,
            name(i),
            i
        ));
    }
    let path = dir.join("花名册.csv");
    std::fs::write(&path, csv).unwrap();
    path
}

/// A distinct Chinese given name for row `i` (names may not hold digits).
fn name(i: usize) -> String {
    const SYLLABLES: [char; 20] = [
        '安', '博', '晨', '东', '芳', '刚', '华', '杰', '康', '林', '敏', '宁', '强', '荣', '山',
        '涛', '伟', '欣', '勇', '志',
    ];
    [i / 400, i / 20 % 20, i % 20]
        .iter()
        .map(|&k| SYLLABLES[k % 20])
        .collect()
}

#[test]
fn a_roster_import_killed_at_any_moment_leaves_all_of_it_or_none() {
    let (dir, base) = temp_db();
    let db_text = base.display().to_string();
    let setup = ["setup-supervisor", "--name", SUPERVISOR, "--db", &db_text];
    timed(&setup, Some(PIN));
    let csv = roster(dir.path(), 3000);
    let csv = csv.display().to_string();

    // One whole import, timed, on a copy: the kills fall within that time.
    let whole = dir.path().join("whole.sqlite3");
    std::fs::copy(&base, &whole).unwrap();
    let args =
        |db: &str| ["import-roster", &csv, "--db", db, "--user", SUPERVISOR].map(str::to_string);
    let full = args(&whole.display().to_string());
    let took = timed(&full.each_ref().map(String::as_str), Some(PIN));
    assert_eq!(count(&whole, "units"), 3000);

    let (mut moments, seed) = Moments::new();
    for run in 0..runs(16) {
        let db = dir.path().join(format!("run{run}.sqlite3"));
        std::fs::copy(&base, &db).unwrap();
        let after = moments.next(took);
        let a = args(&db.display().to_string());
        let finished = kill_after(&a.each_ref().map(String::as_str), Some(PIN), after);
        let said = format!("run {run}, killed after {after:?} (seed {seed}, finished {finished})");
        assert_eq!(integrity(&db), "ok", "{said}");
        let units = count(&db, "units");
        assert!(units == 0 || units == 3000, "{units} units: {said}");
        let people = count(&db, "people");
        assert_eq!(people, units, "owners and units together: {said}");
    }
}

#[test]
fn a_demo_build_killed_at_any_moment_leaves_a_whole_estate_or_none() {
    let dir = tempfile::tempdir().unwrap();
    let timing = dir.path().join("timing.sqlite3");
    let timing_text = timing.display().to_string();
    let took = timed(&["demo", "--db", &timing_text], None);
    let whole = count(&timing, "units");
    assert!(whole > 2800);

    let (mut moments, seed) = Moments::new();
    let kills = runs(4);
    for run in 0..kills {
        // One name throughout: each build clears what the killed one before it left.
        let db = dir.path().join("demo.sqlite3");
        let db_text = db.display().to_string();
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{db_text}{suffix}"));
        }
        let after = moments.next(took);
        let finished = kill_after(&["demo", "--db", &db_text], None, after);
        let said = format!("run {run}, killed after {after:?} (seed {seed}, finished {finished})");
        if db.exists() {
            assert_eq!(integrity(&db), "ok", "{said}");
            assert_eq!(count(&db, "units"), whole, "{said}");
        }
        if run + 1 == kills {
            // Whatever the last killed build left is replaced by the next one.
            let out = crate::cli::desk(&["demo", "--db", &db_text, "--force"]);
            assert!(out.status.success(), "{said}: {}", text(&out.stderr));
            assert_eq!(count(&db, "units"), whole, "{said}");
        }
    }
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".building"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}
