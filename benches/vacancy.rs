//! Vacant-units benchmarks on the demo estate with ten years of data: the month's vacant list
//! (whole estate and one building), open applications, coverage, a unit's inspections and fee
//! share; the tab's `view()` on each pane; the two forms.
//!
//! Run with `cargo bench --bench vacancy`; it writes `docs/PERFORMANCE-vacancy.md`.

mod common;

use std::fmt::Write as _;
use std::path::Path;

use common::{Stats, ms, time};

use wuye_desk::domain::Month;
use wuye_desk::domain::date::now_local;
use wuye_desk::domain::vacancy::ApplicationId;
use wuye_desk::forms::PrintJob;
use wuye_desk::store::Store;
use wuye_desk::ui::{Desk, Message, Tab, vacancy};

const ROUNDS: usize = 200;

fn row(report: &mut String, what: &str, s: &Stats, extra: &str) {
    let _ = writeln!(
        report,
        "| {what} | {} | {} | {extra} |",
        ms(s.p50),
        ms(s.p99)
    );
}

fn main() {
    let (_dir, db, build_time) = common::ten_year_demo();
    let store = Store::open(&db).expect("open");
    let today = now_local().date();
    let month = Month::of(today);
    let rules = store.vacancy_rules().expect("rules");
    let count = |sql: &str| -> i64 {
        let conn = rusqlite::Connection::open(&db).expect("sqlite");
        conn.query_row(sql, [], |r| r.get(0)).expect("count")
    };
    let inspections = count("SELECT count(*) FROM vacancy_inspections");
    let applications = count("SELECT count(*) FROM vacancy_applications");

    let mut report = String::new();
    let _ = writeln!(report, "## 空置房管理 (vacant units)\n");
    let _ = writeln!(
        report,
        "Produced by `cargo bench --bench vacancy` (release) on the demo estate with `--years 10` \
         ({} units, {applications} vacancy applications, {inspections} inspections; built in \
         {:.1} s). Machine: {} cores. Targets: list queries under 5 ms p99, the tab's `view()` \
         under 8 ms, one form under 10 ms.\n",
        store.unit_count().expect("units"),
        build_time.as_secs_f64(),
        std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(1)
    );
    let _ = writeln!(report, "### Queries\n");
    let _ = writeln!(report, "| query | p50 ms | p99 ms | rows |");
    let _ = writeln!(report, "|---|---:|---:|---:|");
    let all = store.vacant_units(month, None, &rules).expect("list");
    let s = time(ROUNDS, || {
        store.vacant_units(month, None, &rules).expect("list")
    });
    row(
        &mut report,
        "vacant units of the month, whole estate, with readings and verdicts",
        &s,
        &all.len().to_string(),
    );
    let b3 = store.vacant_units(month, Some(3), &rules).expect("list");
    let s = time(ROUNDS, || {
        store.vacant_units(month, Some(3), &rules).expect("list")
    });
    row(
        &mut report,
        "vacant units of the month, building 3",
        &s,
        &b3.len().to_string(),
    );
    let open = store.open_vacancy_applications(today).expect("open");
    let s = time(ROUNDS, || {
        store.open_vacancy_applications(today).expect("open")
    });
    row(
        &mut report,
        "open applications (pending, in force, recently expired)",
        &s,
        &open.len().to_string(),
    );
    let cov = store.vacancy_coverage(month).expect("coverage");
    let s = time(ROUNDS, || store.vacancy_coverage(month).expect("coverage"));
    row(
        &mut report,
        "coverage per building for the month",
        &s,
        &cov.len().to_string(),
    );
    let basements = store.month_basements(month, None).expect("basements");
    let s = time(ROUNDS, || {
        store.month_basements(month, None).expect("basements")
    });
    row(
        &mut report,
        "basements of the month with their inspection, whole estate",
        &s,
        &basements.len().to_string(),
    );
    let unit = all
        .iter()
        .find(|v| v.application.is_some())
        .or(all.first())
        .map(|v| v.unit.id)
        .expect("a vacant unit");
    let history = store.unit_vacancy_inspections(unit).expect("history");
    let s = time(ROUNDS, || {
        store.unit_vacancy_inspections(unit).expect("history")
    });
    row(
        &mut report,
        "one unit's inspections (10 years)",
        &s,
        &history.len().to_string(),
    );
    let s = time(ROUNDS, || {
        store.vacancy_fee_share(unit, month).expect("share")
    });
    row(&mut report, "fee share of one unit for a month", &s, "1");

    let mut desk = Desk::new(Store::open(&db).expect("open"), None).expect("desk");
    let _ = desk.update(Message::TabSelected(Tab::Vacancy));
    let _ = writeln!(report, "\n### Tab `view()`\n");
    let _ = writeln!(report, "| screen | p50 ms | p99 ms | rows |");
    let _ = writeln!(report, "|---|---:|---:|---:|");
    let s = time(ROUNDS, || {
        let _ = desk.view();
    });
    row(
        &mut report,
        "本月检查, whole estate (first 60 rows)",
        &s,
        &desk.vacancy().units().len().to_string(),
    );
    let _ = desk.update(Message::Vacancy(vacancy::Message::BuildingChanged(
        "3".into(),
    )));
    let s = time(ROUNDS, || {
        let _ = desk.view();
    });
    row(
        &mut report,
        "本月检查, building 3",
        &s,
        &desk.vacancy().units().len().to_string(),
    );
    let s = time(ROUNDS, || {
        let _ = desk.update(Message::Vacancy(vacancy::Message::BuildingChanged(
            "3".into(),
        )));
    });
    row(
        &mut report,
        "(update) choosing a building: reload list, coverage, applications",
        &s,
        "",
    );
    for pane in [
        vacancy::Pane::Applications,
        vacancy::Pane::Coverage,
        vacancy::Pane::Settings,
    ] {
        let _ = desk.update(Message::Vacancy(vacancy::Message::PaneSelected(pane)));
        let s = time(ROUNDS, || {
            let _ = desk.view();
        });
        row(&mut report, pane.label(), &s, "");
    }

    let office = store.office().expect("office");
    let _ = writeln!(report, "\n### Forms\n");
    let _ = writeln!(report, "| form | p50 ms | p99 ms | size |");
    let _ = writeln!(report, "|---|---:|---:|---:|");
    let app = open.first().map(|a| a.id).unwrap_or(ApplicationId(1));
    for (name, job) in [
        (
            "空置房检查记录表, building 3, filled",
            PrintJob::VacancySheet {
                building: 3,
                month,
                blank: false,
            },
        ),
        (
            "空置房检查记录表, building 3, blank",
            PrintJob::VacancySheet {
                building: 3,
                month,
                blank: true,
            },
        ),
        ("空置房申请表", PrintJob::VacancyApplication(app)),
    ] {
        let mut size = 0;
        let s = time(30, || {
            let bytes = wuye_desk::forms::render(&store, &office, &job).expect("form");
            size = bytes.len();
        });
        row(&mut report, name, &s, &format!("{} KB", size / 1024));
    }

    print!("{report}");
    let out = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/PERFORMANCE-vacancy.md");
    if let Err(e) = std::fs::write(&out, &report) {
        eprintln!("could not write {}: {e}", out.display());
    }
}
