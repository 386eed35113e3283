//! 统计 benchmark on the demo estate with ten years of records: what the tab loads when a month
//! is chosen (the month's figures and the 13-month trend), for the latest full month and for
//! the busiest month of the ten years; the charts built from them; and the 月度汇总 PDF.
//!
//! Run with `cargo bench --bench stats`; it writes `docs/PERFORMANCE-stats.md` with what it
//! measured. Target (issue 16): the tab's month (figures + 12 before) under 50 ms.

mod common;

use std::fmt::Write as _;
use std::path::Path;

use common::{ms, time};

use wuye_desk::domain::Month;
use wuye_desk::forms::chart::figures::{
    WIDE, collection_by_building, repairs_by_category, repairs_by_day, trend_counts, trend_rates,
};
use wuye_desk::forms::{PrintJob, render_at};
use wuye_desk::store::Store;

const ROUNDS: usize = 100;

fn main() {
    let (_dir, db, build_time) = common::ten_year_demo();
    let store = Store::open(&db).expect("open");
    let units = store.unit_count().expect("units");
    let now = wuye_desk::domain::date::now_local();
    let last = Month::of(now.date()).prev();
    // The busiest month: the most repairs received, from the trend over the ten years.
    let mut busiest = (last, 0);
    let mut m = last;
    for _ in 0..10 {
        for p in store.stats_trend(m).expect("trend") {
            if p.repairs.received > busiest.1 {
                busiest = (p.month, p.repairs.received);
            }
        }
        m = Month::new(m.year() - 1, m.number()).expect("a year earlier");
    }

    let mut report = String::new();
    let _ = writeln!(report, "# Performance: 统计\n");
    let _ = writeln!(
        report,
        "Produced by `cargo bench --bench stats` (release build) on the demo estate with \
         `--years 10` ({units} units; built in {:.1} s). Machine: 2 cores, shared. Target from \
         issue 16: the 统计 tab's month — the month's figures and the 12 months before — under \
         50 ms.\n",
        build_time.as_secs_f64()
    );
    let _ = writeln!(
        report,
        "| month | repairs | what | p50 ms | p99 ms | max ms |"
    );
    let _ = writeln!(report, "|---|---:|---|---:|---:|---:|");
    for month in [last, busiest.0] {
        let f = store.month_figures(month).expect("figures");
        let mut row = |what: &str, s: common::Stats| {
            let _ = writeln!(
                report,
                "| {month} | {} | {what} | {} | {} | {} |",
                f.repairs.received,
                ms(s.p50),
                ms(s.p99),
                ms(s.max)
            );
        };
        row(
            "figures + trend (the tab's load)",
            time(ROUNDS, || {
                (
                    store.month_figures(month).expect("figures"),
                    store.stats_trend(month).expect("trend"),
                )
            }),
        );
        row(
            "month_figures alone",
            time(ROUNDS, || store.month_figures(month).expect("figures")),
        );
        row(
            "stats_trend alone",
            time(ROUNDS, || store.stats_trend(month).expect("trend")),
        );
        let trend = store.stats_trend(month).expect("trend");
        row(
            "the five charts (plotters → display list)",
            time(ROUNDS, || {
                (
                    repairs_by_day(&f, WIDE).expect("chart"),
                    repairs_by_category(&f, WIDE).expect("chart"),
                    collection_by_building(&f, WIDE).expect("chart"),
                    trend_counts(&trend, WIDE).expect("chart"),
                    trend_rates(&trend, WIDE).expect("chart"),
                )
            }),
        );
        let office = store.office().expect("office");
        let at = month.last_day().and_hms_opt(23, 59, 59).expect("time");
        row(
            "月度汇总.pdf",
            time(ROUNDS / 10, || {
                render_at(&store, &office, &PrintJob::MonthSummary(month), at).expect("pdf")
            }),
        );
    }

    print!("{report}");
    let out = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/PERFORMANCE-stats.md");
    if let Err(e) = std::fs::write(&out, &report) {
        eprintln!("could not write {}: {e}", out.display());
    }
}
