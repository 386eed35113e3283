//! 收费管理 benchmarks on the demo estate with ten years of bills and payments: a month's billing
//! run, a unit's account, the whole-estate arrears list beside the same SQL in the sqlite3 shell,
//! and the 收款收据 PDF.
//!
//! Run with `cargo bench --bench fees`; it writes `docs/PERFORMANCE-fees.md` with what it measured.

mod common;

use std::fmt::Write as _;
use std::path::Path;
use std::time::Instant;

use common::{ms, shell_mean, stats, time};

use wuye_desk::domain::Month;
use wuye_desk::forms::PrintJob;
use wuye_desk::store::{ArrearsSort, Store, arrears_sql_for_shell};

const ROUNDS: usize = 400;

fn main() {
    let (_dir, db, build_time) = common::ten_year_demo();
    let mut store = Store::open(&db).expect("open");
    let now = wuye_desk::domain::date::now_local();
    let month = Month::of(now.date());
    let units = store.unit_count().expect("units");

    // What ten years left: lines, receipts, and the collection rate (collected over billed).
    let conn = rusqlite::Connection::open(&db).expect("sqlite");
    let (lines, billed, open): (i64, i64, i64) = conn
        .query_row(
            "SELECT count(*), sum(amount_fen),
                    sum(CASE WHEN receipt_id IS NULL THEN amount_fen ELSE 0 END) FROM bill_lines",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .expect("lines");
    let receipts: i64 = conn
        .query_row("SELECT count(*) FROM receipts", [], |r| r.get(0))
        .expect("receipts");
    let rate = 100.0 * (billed - open) as f64 / billed.max(1) as f64;

    let mut report = String::new();
    let _ = writeln!(report, "## 收费管理\n");
    let _ = writeln!(
        report,
        "Produced by `cargo bench --bench fees` (release build) on the demo estate with `--years 10` \
         ({units} units, {lines} bill lines, {receipts} receipts, collection rate {rate:.1}%; \
         built in {:.1} s). Targets: a month's billing run for the estate under 1 s; a unit's \
         account under 5 ms p99; the whole-estate arrears list under 20 ms p99 and within 2× the \
         sqlite3 shell; the receipt PDF under 10 ms. The shell runs the SQL the list runs: one \
         pass over the open months in key order (the aging, sorting and paging are done in \
         Rust, and the page's owners read after), printing every row.\n",
        build_time.as_secs_f64()
    );

    // The cashier signs in, as at the desk.
    let cashier = store
        .staff()
        .expect("staff")
        .into_iter()
        .find(|s| s.staff.name == "周静")
        .expect("the demo's cashier");
    store.sign_in(cashier.id, "9999", now).expect("sign in");
    let rec = wuye_desk::domain::staff::Recorded {
        by: Some(cashier.id),
        by_name: cashier.staff.name.clone(),
        at: now,
    };

    let _ = writeln!(report, "### Billing\n");
    let _ = writeln!(report, "| step | lines | ms |");
    let _ = writeln!(report, "|---|---:|---:|");
    let next = month.next();
    let start = Instant::now();
    let preview = store.billing_preview(next).expect("preview");
    let previewed = start.elapsed();
    let start = Instant::now();
    let run = store.run_billing(next, &rec).expect("run");
    let ran = start.elapsed();
    let start = Instant::now();
    let again = store.run_billing(next, &rec).expect("rerun");
    let reran = start.elapsed();
    for (what, n, d) in [
        (
            format!("preview of {next} (nothing written)"),
            preview.lines,
            previewed,
        ),
        (
            format!("billing run of {next}, one transaction"),
            run.lines,
            ran,
        ),
        (
            "the same month again (adds nothing)".to_string(),
            again.lines,
            reran,
        ),
    ] {
        let _ = writeln!(report, "| {what} | {n} | {} |", ms(d));
    }

    let _ = writeln!(report, "\n### Queries\n");
    let _ = writeln!(
        report,
        "| query | rows | p50 ms | p99 ms | max ms | sqlite3 shell mean ms |"
    );
    let _ = writeln!(report, "|---|---:|---:|---:|---:|---:|");
    // A unit's account: many units, as the cashier picks one after another.
    let ids: Vec<_> = (0..ROUNDS)
        .map(|i| wuye_desk::domain::unit::UnitId(1 + (i as i64 * 7919) % units))
        .collect();
    let mut times = Vec::new();
    let mut open_lines = 0;
    for id in &ids {
        let start = Instant::now();
        let a = store.fee_account(*id).expect("account");
        times.push(start.elapsed());
        open_lines = open_lines.max(a.open.len());
    }
    let s = stats(times);
    let _ = writeln!(
        report,
        "| a unit's account (open lines, balance), {ROUNDS} units | ≤{open_lines} | {} | {} | {} | |",
        ms(s.p50),
        ms(s.p99),
        ms(s.max)
    );
    let s = time(ROUNDS, || {
        store.fee_history(ids[0], 0, 20).expect("history")
    });
    let _ = writeln!(
        report,
        "| a unit's history, first page | 20 | {} | {} | {} | |",
        ms(s.p50),
        ms(s.p99),
        ms(s.max)
    );
    let page = store
        .arrears(None, ArrearsSort::Amount, month, 0, 50)
        .expect("arrears");
    let s = time(ROUNDS, || {
        store
            .arrears(None, ArrearsSort::Amount, month, 0, 50)
            .expect("arrears")
    });
    let shell = shell_mean(&db, &[arrears_sql_for_shell(None)], 100)
        .map(ms)
        .unwrap_or_else(|| "(no sqlite3 shell result, see stderr)".into());
    let _ = writeln!(
        report,
        "| whole-estate arrears list (aged, by amount) | {} owing | {} | {} | {} | {shell} |",
        page.total,
        ms(s.p50),
        ms(s.p99),
        ms(s.max)
    );

    let _ = writeln!(report, "\n### Forms\n");
    let _ = writeln!(report, "| form | p50 ms | p99 ms | size |");
    let _ = writeln!(report, "|---|---:|---:|---:|");
    let office = store.office().expect("office");
    let (latest, _) = store.receipts_in(month, 0, 1).expect("receipts");
    let number = latest.first().expect("a receipt this month").number;
    let job = PrintJob::Receipt(number);
    let mut size = 0;
    let s = time(100, || {
        let bytes = wuye_desk::forms::render(&store, &office, &job).expect("receipt");
        size = bytes.len();
    });
    let _ = writeln!(
        report,
        "| 收款收据 {number} | {} | {} | {} KB |",
        ms(s.p50),
        ms(s.p99),
        size / 1024
    );

    print!("{report}");
    let out = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/PERFORMANCE-fees.md");
    if let Err(e) = std::fs::write(&out, &report) {
        eprintln!("could not write {}: {e}", out.display());
    }
}
