//! 物品放行 and 钥匙管理 benchmarks on the demo estate with ten years of data: the list queries,
//! both tabs' `view()`, and the four forms.
//!
//! Run with `cargo bench --bench gate`; it writes `docs/PERFORMANCE-gate.md` with what it measured.

mod common;

use std::fmt::Write as _;
use std::path::Path;

use common::{Stats, ms, time};

use wuye_desk::forms::PrintJob;
use wuye_desk::store::Store;
use wuye_desk::ui::{Desk, Message, Tab, gate, keys};

const ROUNDS: usize = 400;

fn row(report: &mut String, what: &str, rows: usize, s: &Stats) {
    let _ = writeln!(
        report,
        "| {what} | {rows} | {} | {} |",
        ms(s.p50),
        ms(s.p99)
    );
}

fn main() {
    let (_dir, db, build_time) = common::ten_year_demo();
    let store = Store::open(&db).expect("open");
    let now = wuye_desk::domain::date::now_local();
    let today = now.date();
    let all_passes = store.item_passes(None, 1_000_000).expect("passes").len();
    let all_keys = store.keys("", 1_000_000).expect("keys").len();

    let mut report = String::new();
    let _ = writeln!(report, "## 物品放行 and 钥匙管理\n");
    let _ = writeln!(
        report,
        "Produced by `cargo bench --bench gate` (release build) on the demo estate with `--years 10` \
         ({all_passes} passes, {all_keys} key sets; built in {:.1} s). Targets: list queries under \
         5 ms p99, a tab's `view()` under 8 ms, one form under 10 ms.\n",
        build_time.as_secs_f64()
    );
    let _ = writeln!(report, "### List queries\n");
    let _ = writeln!(report, "| query | rows | p50 ms | p99 ms |");
    let _ = writeln!(report, "|---|---:|---:|---:|");
    let month = wuye_desk::domain::Month::of(today);
    let q = |report: &mut String, what: &str, f: &dyn Fn() -> usize| {
        let n = f();
        row(report, what, n, &time(ROUNDS, f));
    };
    q(&mut report, "newest passes (the tab's list)", &|| {
        store.item_passes(None, gate::LIST_SIZE).expect("q").len()
    });
    q(&mut report, "pending passes", &|| {
        store
            .item_passes(
                Some(wuye_desk::domain::item_pass::PassStatus::Pending),
                gate::LIST_SIZE,
            )
            .expect("q")
            .len()
    });
    q(&mut report, "guard's view: today's approved", &|| {
        store.passes_for_gate(today).expect("q").len()
    });
    q(
        &mut report,
        "this month's passes (物品出入登记表)",
        &|| store.passes_of_month(month).expect("q").len(),
    );
    q(&mut report, "key cabinet, first page", &|| {
        store.keys("", keys::LIST_SIZE).expect("q").len()
    });
    q(&mut report, "key search `0301`", &|| {
        store.keys("0301", keys::LIST_SIZE).expect("q").len()
    });
    q(&mut report, "overdue list", &|| {
        store.overdue_loans(now).expect("q").len()
    });
    q(&mut report, "overdue count (tab label)", &|| {
        store.overdue_count(now).expect("q")
    });
    q(
        &mut report,
        "this month's loans (钥匙借用登记表)",
        &|| store.loans_of_month(month).expect("q").len(),
    );
    q(
        &mut report,
        "this month's hand-overs (钥匙发放登记表)",
        &|| store.issues_of_month(month).expect("q").len(),
    );

    let mut desk = Desk::new(Store::open(&db).expect("open"), None).expect("desk");
    let _ = writeln!(report, "\n### `view()` of the tabs\n");
    let _ = writeln!(report, "| screen | p50 ms | p99 ms |");
    let _ = writeln!(report, "|---|---:|---:|");
    let _ = desk.update(Message::TabSelected(Tab::Gate));
    let s = time(ROUNDS, || {
        let _ = desk.view();
    });
    let _ = writeln!(
        report,
        "| 物品放行, newest passes | {} | {} |",
        ms(s.p50),
        ms(s.p99)
    );
    if let Some(id) = desk.gate().list().first().map(|p| p.id) {
        let _ = desk.update(Message::Gate(gate::Message::Select(id)));
    }
    let s = time(ROUNDS, || {
        let _ = desk.view();
    });
    let _ = writeln!(
        report,
        "| 物品放行, a pass selected | {} | {} |",
        ms(s.p50),
        ms(s.p99)
    );
    let _ = desk.update(Message::TabSelected(Tab::Keys));
    let s = time(ROUNDS, || {
        let _ = desk.view();
    });
    let _ = writeln!(
        report,
        "| 钥匙管理, cabinet and overdue list | {} | {} |",
        ms(s.p50),
        ms(s.p99)
    );
    let _ = desk.update(Message::Keys(keys::Message::Search("5-1-0301".into())));
    let s = time(ROUNDS, || {
        let _ = desk.view();
    });
    let _ = writeln!(
        report,
        "| 钥匙管理, 5-1-0301 selected with its loans | {} | {} |",
        ms(s.p50),
        ms(s.p99)
    );

    let office = store.office().expect("office");
    let newest = store.item_passes(None, 1).expect("pass").remove(0).number;
    let _ = writeln!(report, "\n### Forms (database to PDF bytes)\n");
    let _ = writeln!(report, "| form | p50 ms | p99 ms | size |");
    let _ = writeln!(report, "|---|---:|---:|---:|");
    for (name, job) in [
        (format!("放行条 {newest}"), PrintJob::ReleasePass(newest)),
        (
            format!("物品出入登记表 {month}"),
            PrintJob::ReleaseRegister(month),
        ),
        (format!("钥匙借用登记表 {month}"), PrintJob::KeyLoans(month)),
        (
            format!("钥匙发放登记表 {month}"),
            PrintJob::KeyIssues(month),
        ),
    ] {
        let mut size = 0;
        let s = time(50, || {
            let bytes = wuye_desk::forms::render(&store, &office, &job).expect("form");
            size = bytes.len();
        });
        let _ = writeln!(
            report,
            "| {name} | {} | {} | {} KB |",
            ms(s.p50),
            ms(s.p99),
            size / 1024
        );
    }

    print!("{report}");
    let out = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/PERFORMANCE-gate.md");
    if let Err(e) = std::fs::write(&out, &report) {
        eprintln!("could not write {}: {e}", out.display());
    }
}
