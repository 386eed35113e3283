//! The audit log's cost on the demo estate with ten years of records: a write with its log row
//! by a signed-in receptionist (p50, p99, max) beside the disk's own commit time, the chain
//! verified over the whole log, `wuye-desk check` and `wuye-desk audit` run on the file, and the
//! first page of the 操作日志 screen.
//!
//! Run with `cargo bench --bench audit`; it writes `docs/PERFORMANCE-audit.md`.

mod common;

use std::fmt::Write as _;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use chrono::{Days, Months, NaiveDate};

use common::{Stats, ms, stats, time};

use wuye_desk::domain::SearchQuery;
use wuye_desk::domain::staff::Recorded;
use wuye_desk::domain::unit::UnitId;
use wuye_desk::store::{AuditFilter, Store};

/// Writes timed (after a tenth as many to warm up).
const WRITES: usize = 2000;
/// Writes between checkpoints in the second series, which stands for the desk's minute tick (a
/// desk makes a few writes a minute; fifty is generous).
const CHECKPOINT_EVERY: usize = 50;
/// The demo's receptionist and her PIN (README, 登录).
const RECEPTIONIST: (&str, &str) = ("张敏", "1111");

/// A small xorshift: the units written are spread over the estate, the same ones every run.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

fn log_rows(store: &Store) -> usize {
    store
        .audit_log(&AuditFilter::default(), 0, 0)
        .expect("log")
        .total
}

fn all_units(store: &Store) -> Vec<UnitId> {
    let mut units = Vec::new();
    for page in 0.. {
        let p = store
            .search_units(&SearchQuery::All, page, 500)
            .expect("units");
        units.extend(p.rows.iter().map(|r| r.unit.id));
        if page + 1 >= p.pages() {
            break;
        }
    }
    units
}

/// Changes one random unit's note as `by`, timing only the store's write (its transaction, the
/// log row and the commit).
fn write_once(
    store: &mut Store,
    units: &[UnitId],
    rng: &mut Rng,
    by: &Recorded,
    n: usize,
) -> Duration {
    let id = units[rng.below(units.len())];
    let mut unit = store.unit(id).expect("unit").unit;
    unit.note = format!("基准测试第{n}次修改");
    let rec = Recorded {
        at: wuye_desk::domain::date::now_local(),
        ..by.clone()
    };
    let start = Instant::now();
    store.update_unit(id, &unit, &rec).expect("update");
    start.elapsed()
}

/// The time of the smallest commit on this disk with the store's settings (WAL, full sync): a
/// one-row insert into a one-column table in a file of its own. No write can be faster.
fn commit_floor(dir: &Path) -> Stats {
    let conn = rusqlite::Connection::open(dir.join("floor.sqlite3")).expect("floor");
    let _: String = conn
        .query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))
        .expect("wal");
    conn.execute_batch("PRAGMA synchronous = FULL; CREATE TABLE t (x INTEGER);")
        .expect("table");
    let mut i = 0;
    time(WRITES, || {
        i += 1;
        conn.execute("INSERT INTO t (x) VALUES (?1)", [i])
            .expect("insert")
    })
}

/// Runs the binary on `db` and returns its wall time and stdout.
fn run(args: &[&str], db: &Path) -> (Duration, String) {
    let start = Instant::now();
    let out = Command::new(env!("CARGO_BIN_EXE_wuye-desk"))
        .args(args)
        .arg("--db")
        .arg(db)
        .output()
        .expect("run wuye-desk");
    let elapsed = start.elapsed();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    (elapsed, String::from_utf8_lossy(&out.stdout).into_owned())
}

fn main() {
    let (dir, db, build_time) = common::ten_year_demo();
    let mut store = Store::open(&db).expect("open");
    let built_rows = log_rows(&store);
    // Whether the history is in the log is read from the log itself: the rows dated before the
    // day the demo was built are its history.
    let today = wuye_desk::domain::date::now_local().date();
    let dated = |to: NaiveDate| {
        store
            .audit_log(
                &AuditFilter {
                    to: Some(to),
                    ..AuditFilter::default()
                },
                0,
                0,
            )
            .expect("log")
            .total
    };
    let history_rows = dated(today - Days::new(1));
    let first_year = dated(today - Months::new(9 * 12));
    let history = if history_rows > 0 {
        format!(
            "the demo wrote its history through the same write path, so the log covers it: \
             {history_rows} of its {built_rows} rows are dated before the day it was built, \
             {first_year} of them more than nine years back"
        )
    } else {
        format!(
            "the log starts at the demo's end: its history was written without log rows, and \
             the log holds only the {built_rows} rows of setting up the office"
        )
    };

    let (name, pin) = RECEPTIONIST;
    let staff = store
        .staff()
        .expect("staff")
        .into_iter()
        .find(|s| s.staff.name == name)
        .expect("the demo's receptionist");
    let actor = store
        .sign_in(staff.id, pin, wuye_desk::domain::date::now_local())
        .expect("sign in");
    let by = Recorded {
        by: Some(actor.id),
        by_name: actor.name.clone(),
        at: wuye_desk::domain::date::now_local(),
    };
    let units = all_units(&store);
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let before = log_rows(&store);
    for n in 0..WRITES / 10 {
        write_once(&mut store, &units, &mut rng, &by, n);
    }
    let times: Vec<Duration> = (0..WRITES)
        .map(|n| write_once(&mut store, &units, &mut rng, &by, WRITES + n))
        .collect();
    let per_write = (log_rows(&store) - before) as f64 / (WRITES + WRITES / 10) as f64;
    let over = times
        .iter()
        .filter(|d| **d > Duration::from_millis(2))
        .count();
    let writes = stats(times);
    // The same writes as the desk makes them: its minute tick runs `Store::checkpoint`
    // (copying the WAL back into the file) between saves, so SQLite's automatic checkpoint,
    // which runs inside whichever commit fills the WAL, never comes due.
    let idle = stats(
        (0..WRITES)
            .map(|n| {
                if n % CHECKPOINT_EVERY == 0 {
                    store.checkpoint().expect("checkpoint");
                }
                write_once(&mut store, &units, &mut rng, &by, 2 * WRITES + n)
            })
            .collect(),
    );
    let floor = commit_floor(dir.path());

    let page = time(200, || {
        store
            .audit_log(&AuditFilter::default(), 0, 50)
            .expect("page")
    });
    let hers = AuditFilter {
        who: Some(name.into()),
        ..AuditFilter::default()
    };
    let her_page = time(200, || store.audit_log(&hers, 0, 50).expect("page"));

    let rows = log_rows(&store);
    let mut verify = Vec::new();
    for _ in 0..3 {
        let start = Instant::now();
        let problems = store.verify_audit().expect("verify");
        verify.push(start.elapsed());
        assert!(problems.is_empty(), "the chain is broken: {problems:?}");
    }
    verify.sort();
    let start = Instant::now();
    let problems = store.check().expect("check");
    let integrity = start.elapsed();
    assert!(problems.is_empty(), "{problems:?}");
    drop(store);
    let (check_time, checked) = run(&["check"], &db);
    assert!(checked.contains("校验链完整"), "{checked}");
    let (audit_time, printed) = run(&["audit"], &db);
    assert_eq!(printed.lines().count(), rows + 1, "every row printed");

    let cores = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1);
    let mut report = String::new();
    let _ = writeln!(report, "## The audit log (操作日志)\n");
    let _ = writeln!(
        report,
        "Produced by `cargo bench --bench audit` (release build) on the demo estate with \
         `--years 10` (built in {:.1} s); {history}. Machine: {cores} cores; the database on the \
         same disk as the office's would be, WAL with full sync (every commit waits for the \
         disk). Targets: a write with its log row under 2 ms p99; `check` of a ten-year log \
         under 3 s.\n",
        build_time.as_secs_f64()
    );
    let _ = writeln!(report, "### A write with its log row\n");
    let _ = writeln!(
        report,
        "{name} (客户接待员) signed in with her PIN changes the note of a random unit, \
         {WRITES} times after {} to warm up (`update_unit`: the unit, its history line and its \
         log row in one transaction). Log rows written per write: {per_write:.2}.\n",
        WRITES / 10
    );
    let _ = writeln!(report, "| | p50 ms | p99 ms | max ms |");
    let _ = writeln!(report, "|---|---:|---:|---:|");
    assert!(per_write >= 1.0, "every write logs a row");
    let what = "`update_unit` with its log row, back to back (no tick between)";
    let _ = writeln!(
        report,
        "| {what} | {} | {} | {} |",
        ms(writes.p50),
        ms(writes.p99),
        ms(writes.max)
    );
    let _ = writeln!(
        report,
        "| the same as at the desk: `Store::checkpoint` on the minute tick (here every \
         {CHECKPOINT_EVERY} writes) | {} | {} | {} |",
        ms(idle.p50),
        ms(idle.p99),
        ms(idle.max)
    );
    let _ = writeln!(
        report,
        "| the disk's smallest commit (one-row insert, same settings) | {} | {} | {} |",
        ms(floor.p50),
        ms(floor.p99),
        ms(floor.max)
    );
    let _ = match WRITES.checked_div(over) {
        None => writeln!(report, "\nNo write took over 2 ms."),
        Some(every) => writeln!(
            report,
            "\n{over} of the {WRITES} back-to-back writes (about one in {every}) took over 2 ms; \
             the disk's own smallest commit reaches {} ms at its slowest (third row). With no tick \
             between writes, SQLite also copies the WAL back into the database file (a \
             checkpoint) once it holds 10,000 pages (the store's backstop), inside whichever \
             commit crosses the mark: that is the slowest write. At the desk the minute tick \
             checkpoints between saves (the second row).",
            ms(floor.max)
        ),
    };
    let _ = writeln!(report, "\n### Reading and checking the whole log\n");
    let _ = writeln!(report, "The log then held {rows} rows.\n");
    let _ = writeln!(report, "| | time |");
    let _ = writeln!(report, "|---|---:|");
    let _ = writeln!(
        report,
        "| `Store::verify_audit()`, three runs (fastest / slowest) | {} s / {} s |",
        secs(verify[0]),
        secs(verify[verify.len() - 1])
    );
    let _ = writeln!(
        report,
        "| `Store::check()`: SQLite's integrity and foreign-key checks of the whole file | {} s |",
        secs(integrity)
    );
    let _ = writeln!(
        report,
        "| `wuye-desk check`, the whole process (the two above side by side, on two connections) \
         | {} s |",
        secs(check_time)
    );
    let _ = writeln!(
        report,
        "| `wuye-desk audit`, every row printed (the whole process) | {} s |",
        secs(audit_time)
    );
    let _ = writeln!(
        report,
        "| 操作日志 screen, first page of 50, p50 / p99 | {} ms / {} ms |",
        ms(page.p50),
        ms(page.p99)
    );
    let _ = writeln!(
        report,
        "| 操作日志 screen, first page of 50 rows by {name}, p50 / p99 | {} ms / {} ms |",
        ms(her_page.p50),
        ms(her_page.p99)
    );

    print!("{report}");
    let out = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/PERFORMANCE-audit.md");
    if let Err(e) = std::fs::write(&out, &report) {
        eprintln!("could not write {}: {e}", out.display());
    }
}

/// Seconds with two decimals.
fn secs(d: Duration) -> String {
    format!("{:.2}", d.as_secs_f64())
}
