//! Repairs benchmarks on the demo estate with ten years of orders: the open and overdue lists,
//! search by number and by room, the overdue count, the day's report, the repairs tab's
//! `view()`, and the 维修单 PDF.
//!
//! Run with `cargo bench --bench repairs`; it writes `docs/PERFORMANCE-repairs.md`.

mod common;

use std::fmt::Write as _;
use std::path::Path;
use std::time::Duration;

use common::{ms, time};

use wuye_desk::forms::PrintJob;
use wuye_desk::store::{RepairFilter, Store};
use wuye_desk::ui::{Desk, Message, Tab, repairs};

const ROUNDS: usize = 400;

fn main() {
    let (_dir, db, build_time) = common::ten_year_demo();
    let store = Store::open(&db).expect("open");
    let d = store.deadlines().expect("deadlines");
    let now = wuye_desk::domain::date::now_local();
    let orders = store
        .repair_list(&RepairFilter::All, &d, now, 0, 1)
        .expect("list")
        .total;

    let mut report = String::new();
    let _ = writeln!(report, "## Repairs (报修管理)\n");
    let _ = writeln!(
        report,
        "Produced by `cargo bench --bench repairs` (release build) on the demo estate with \
         `--years 10`: {orders} repair orders; the whole estate built in {:.1} s. Machine: {} \
         cores. Targets: each query under 5 ms p99, `view()` under 8 ms, one form under 10 ms.\n",
        build_time.as_secs_f64(),
        std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(1)
    );
    let _ = writeln!(
        report,
        "| query (first page of {} rows) | matches | p50 ms | p99 ms |",
        repairs::PAGE_SIZE
    );
    let _ = writeln!(report, "|---|---:|---:|---:|");
    let number = store
        .repair_list(&RepairFilter::All, &d, now, 0, 1)
        .expect("list")
        .rows[0]
        .number
        .to_string();
    let month = number[..9].to_string();
    let filters = [
        ("open orders (未完成)", RepairFilter::Open),
        ("overdue orders (逾期)", RepairFilter::Overdue),
        ("all, newest first", RepairFilter::All),
        ("number, exact", RepairFilter::Search(number.clone())),
        ("number, month prefix", RepairFilter::Search(month.clone())),
        ("room 3-2-1502", RepairFilter::Search("3-2-1502".into())),
        (
            "room 1502, any building",
            RepairFilter::Search("1502".into()),
        ),
    ];
    let mut worst = Duration::ZERO;
    for (label, filter) in &filters {
        let total = store
            .repair_list(filter, &d, now, 0, repairs::PAGE_SIZE)
            .expect("list")
            .total;
        let s = time(ROUNDS, || {
            store
                .repair_list(filter, &d, now, 0, repairs::PAGE_SIZE)
                .expect("list")
        });
        worst = worst.max(s.p99);
        let shown = match filter {
            RepairFilter::Search(t) => format!("{label} (`{t}`)"),
            _ => label.to_string(),
        };
        let _ = writeln!(
            report,
            "| {shown} | {total} | {} | {} |",
            ms(s.p50),
            ms(s.p99)
        );
    }
    let count = time(ROUNDS, || {
        store.overdue_repair_count(&d, now).expect("count")
    });
    let _ = writeln!(
        report,
        "| overdue count (the tab label) | — | {} | {} |",
        ms(count.p50),
        ms(count.p99)
    );
    let day = time(100, || {
        store
            .repair_day_report(now.date(), &d, now)
            .expect("report")
    });
    let _ = writeln!(
        report,
        "| today's 客服中心日报表 (counts and lines) | — | {} | {} |",
        ms(day.p50),
        ms(day.p99)
    );
    let _ = writeln!(report, "\nWorst list p99: {} ms.\n", ms(worst));

    let mut desk = Desk::new(Store::open(&db).expect("open"), None).expect("desk");
    let _ = desk.update(Message::TabSelected(Tab::Repairs));
    let open = time(ROUNDS, || {
        let _ = desk.view();
    });
    let _ = desk.update(Message::Repairs(repairs::Message::SearchChanged(
        number.clone(),
    )));
    let selected = time(ROUNDS, || {
        let _ = desk.view();
    });
    let refresh = time(100, || {
        let _ = desk.update(Message::TabSelected(Tab::Repairs));
    });
    let _ = writeln!(report, "| repairs tab | p50 ms | p99 ms |");
    let _ = writeln!(report, "|---|---:|---:|");
    let _ = writeln!(
        report,
        "| `view()`, open list | {} | {} |",
        ms(open.p50),
        ms(open.p99)
    );
    let _ = writeln!(
        report,
        "| `view()`, an order found by number and shown with its history | {} | {} |",
        ms(selected.p50),
        ms(selected.p99)
    );
    let _ = writeln!(
        report,
        "| switching to the tab (refresh: count, list, order) | {} | {} |\n",
        ms(refresh.p50),
        ms(refresh.p99)
    );

    let office = store.office().expect("office");
    let parsed = wuye_desk::domain::repair::OrderNumber::parse(&number).expect("number");
    let mut size = 0;
    let slip = time(50, || {
        let bytes = wuye_desk::forms::render(&store, &office, &PrintJob::RepairSlip(Some(parsed)))
            .expect("slip");
        size = bytes.len();
    });
    let day_pdf = time(20, || {
        wuye_desk::forms::render(&store, &office, &PrintJob::DailyReport(now.date()))
            .expect("report")
    });
    let _ = writeln!(report, "| form | p50 ms | p99 ms |");
    let _ = writeln!(report, "|---|---:|---:|");
    let _ = writeln!(
        report,
        "| 维修单 {number}, three copies ({} KB) | {} | {} |",
        size / 1024,
        ms(slip.p50),
        ms(slip.p99)
    );
    let _ = writeln!(
        report,
        "| 客服中心日报表, today | {} | {} |",
        ms(day_pdf.p50),
        ms(day_pdf.p99)
    );

    print!("{report}");
    let out = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/PERFORMANCE-repairs.md");
    if let Err(e) = std::fs::write(&out, &report) {
        eprintln!("could not write {}: {e}", out.display());
    }
}
