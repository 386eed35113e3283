//! 今日 benchmark on the demo estate with ten years of records: the whole board built from
//! every tab's source (what the desk does at every minute tick and when the tab is shown), at
//! this morning's and this evening's time.
//!
//! Run with `cargo bench --bench today`; it writes `docs/PERFORMANCE-today.md` with what it
//! measured.

mod common;

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

use chrono::NaiveTime;
use common::{ms, time};

use wuye_desk::domain::today::overdue_count;
use wuye_desk::store::Store;

const ROUNDS: usize = 400;

fn main() {
    let (_dir, db, build_time) = common::ten_year_demo();
    let store = Store::open(&db).expect("open");
    let units = store.unit_count().expect("units");
    let now = wuye_desk::domain::date::now_local();

    let mut report = String::new();
    let _ = writeln!(report, "# Performance: 今日\n");
    let _ = writeln!(
        report,
        "Produced by `cargo bench --bench today` (release build) on the demo estate with \
         `--years 10` ({units} units; built in {:.1} s). Machine: 2 cores, shared. Target from \
         issue 12: the 今日 list built under 20 ms p99 (the desk rebuilds it every minute and \
         whenever the tab is shown).\n",
        build_time.as_secs_f64()
    );
    let _ = writeln!(
        report,
        "| board at | lines | overdue | p50 ms | p99 ms | max ms |"
    );
    let _ = writeln!(report, "|---|---:|---:|---:|---:|---:|");
    let mut tags: BTreeMap<&'static str, usize> = BTreeMap::new();
    let times = [
        now,
        now.date()
            .and_time(NaiveTime::from_hms_opt(9, 0, 0).expect("9:00")),
        now.date()
            .and_time(NaiveTime::from_hms_opt(18, 30, 0).expect("18:30")),
    ];
    for at in times {
        let items = store.today(at).expect("today");
        if at == now {
            for i in &items {
                *tags.entry(i.kind).or_default() += 1;
            }
        }
        let s = time(ROUNDS, || store.today(at).expect("today"));
        let _ = writeln!(
            report,
            "| {} | {} | {} | {} | {} | {} |",
            at.format("%Y-%m-%d %H:%M"),
            items.len(),
            overdue_count(&items, at),
            ms(s.p50),
            ms(s.p99),
            ms(s.max)
        );
    }
    // The sources that read through a public store call, timed alone; the rest of the board's
    // time is the repairs' and the fees' own queries and the sort.
    let _ = writeln!(report, "\nSome sources alone, at the first time:\n");
    let _ = writeln!(report, "| call | p50 ms | p99 ms |");
    let _ = writeln!(report, "|---|---:|---:|");
    let month = wuye_desk::domain::Month::of(now.date());
    let mut row = |name: &str, s: common::Stats| {
        let _ = writeln!(report, "| {name} | {} | {} |", ms(s.p50), ms(s.p99));
    };
    row(
        "vacancy_coverage (空置房检查)",
        time(ROUNDS, || store.vacancy_coverage(month).expect("coverage")),
    );
    row(
        "overdue_loans (钥匙逾期)",
        time(ROUNDS, || store.overdue_loans(now).expect("loans")),
    );
    row(
        "passes_to_release (物品放行)",
        time(ROUNDS, || {
            store.passes_to_release(now.date()).expect("passes")
        }),
    );
    let _ = writeln!(report, "\nLines by tag at the first time:\n");
    let _ = writeln!(report, "| tag | lines |");
    let _ = writeln!(report, "|---|---:|");
    for (tag, n) in tags {
        let _ = writeln!(report, "| {tag} | {n} |");
    }

    print!("{report}");
    let out = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/PERFORMANCE-today.md");
    if let Err(e) = std::fs::write(&out, &report) {
        eprintln!("could not write {}: {e}", out.display());
    }
}
