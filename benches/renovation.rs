//! 装修管理 benchmark on the demo estate with ten years of records: the site list (all files,
//! the open ones, a unit typed), one file in full, today's patrol round and the month's patrols.
//!
//! Run with `cargo bench --bench renovation`; it writes `docs/PERFORMANCE-renovation.md` with
//! what it measured.

mod common;

use std::fmt::Write as _;
use std::path::Path;

use common::{ms, time};

use wuye_desk::domain::Month;
use wuye_desk::store::{SiteFilter, Store};

const ROUNDS: usize = 400;

fn main() {
    let (_dir, db, build_time) = common::ten_year_demo();
    let store = Store::open(&db).expect("open");
    let units = store.unit_count().expect("units");
    let today = wuye_desk::domain::date::now_local().date();
    let all = store
        .renovation_sites(&SiteFilter::default())
        .expect("sites");
    let open = SiteFilter {
        open_only: true,
        ..SiteFilter::default()
    };
    let open_rows = store.renovation_sites(&open).expect("open sites");
    let typed = SiteFilter {
        text: all
            .last()
            .map(|r| r.address.short())
            .unwrap_or_else(|| "1-1-0101".into()),
        ..SiteFilter::default()
    };
    let round = store.patrol_round(today).expect("round");
    let newest = all.first().map(|r| r.id);

    let mut report = String::new();
    let _ = writeln!(report, "# Performance: 装修管理\n");
    let _ = writeln!(
        report,
        "Produced by `cargo bench --bench renovation` (release build) on the demo estate with \
         `--years 10` ({units} units; built in {:.1} s). Machine: 2 cores, shared. Target from \
         issue 14: the site list and today's round under 5 ms p99.\n",
        build_time.as_secs_f64()
    );
    let _ = writeln!(report, "| call | rows | p50 ms | p99 ms | max ms |");
    let _ = writeln!(report, "|---|---:|---:|---:|---:|");
    let mut row = |name: &str, rows: usize, s: common::Stats| {
        let _ = writeln!(
            report,
            "| {name} | {rows} | {} | {} | {} |",
            ms(s.p50),
            ms(s.p99),
            ms(s.max)
        );
    };
    row(
        "renovation_sites (all, newest 500)",
        all.len(),
        time(ROUNDS, || {
            store
                .renovation_sites(&SiteFilter::default())
                .expect("sites")
        }),
    );
    row(
        "renovation_sites (open only)",
        open_rows.len(),
        time(ROUNDS, || store.renovation_sites(&open).expect("sites")),
    );
    row(
        "renovation_sites (a unit typed)",
        store.renovation_sites(&typed).expect("typed").len(),
        time(ROUNDS, || store.renovation_sites(&typed).expect("sites")),
    );
    row(
        "patrol_round (today's round)",
        round.len(),
        time(ROUNDS, || store.patrol_round(today).expect("round")),
    );
    if let Some(id) = newest {
        let f = store.renovation(id).expect("file");
        row(
            "renovation (one file in full)",
            f.patrols.len(),
            time(ROUNDS, || store.renovation(id).expect("file")),
        );
    }
    let month = Month::of(today).prev();
    row(
        "patrols_in_month (last month)",
        store.patrols_in_month(month).expect("month").len(),
        time(ROUNDS / 4, || store.patrols_in_month(month).expect("month")),
    );

    print!("{report}");
    let out = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/PERFORMANCE-renovation.md");
    if let Err(e) = std::fs::write(&out, &report) {
        eprintln!("could not write {}: {e}", out.display());
    }
}
