//! 信息反馈 benchmarks on the demo estate with ten years of matters: the tab's list and its
//! searches, each beside the same SQL in the sqlite3 shell, and the tab's overdue count.
//!
//! Run with `cargo bench --bench feedback`; it writes `docs/PERFORMANCE-feedback.md` with what it
//! measured.

mod common;

use std::fmt::Write as _;
use std::path::Path;

use common::{ms, shell_mean, time};

use wuye_desk::store::{FeedbackFilter, Store};

const ROUNDS: usize = 400;
/// As many rows as the tab shows.
const LIMIT: usize = 200;

fn main() {
    let (_dir, db, build_time) = common::ten_year_demo();
    let store = Store::open(&db).expect("open");
    let now = wuye_desk::domain::date::now_local();
    let deadlines = store.deadlines().expect("deadlines");
    let conn = rusqlite::Connection::open(&db).expect("sqlite");
    let (matters, open): (i64, i64) = conn
        .query_row(
            "SELECT count(*), sum(state <> 'closed') FROM feedback",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .expect("count");
    // A number and a unit that exist, and a caller's name, as the desk would search them.
    let (number, unit, name): (String, String, String) = conn
        .query_row(
            "SELECT f.number, printf('%d-%d-%04d', u.building, u.entrance, u.room), f.name
             FROM feedback f JOIN units u ON u.id = f.unit_id
             ORDER BY f.id DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .expect("a matter about a unit");
    let phone: String = conn
        .query_row(
            "SELECT phone FROM feedback WHERE phone IS NOT NULL ORDER BY id DESC LIMIT 1",
            [],
            |r| r.get(0),
        )
        .expect("a matter with a phone");
    let phone_tail = &phone[phone.len() - 4..];
    // The unit as the desk has typed it so far: 21-1-01 on the way to 21-1-0101.
    let unit_typed = &unit[..unit.len() - 2];

    let mut report = String::new();
    let _ = writeln!(report, "## 信息反馈\n");
    let _ = writeln!(
        report,
        "Produced by `cargo bench --bench feedback` (release build) on the demo estate with \
         `--years 10` ({matters} matters, {open} open; built in {:.1} s). Targets: the list and \
         its searches under 5 ms p99 and within 2× the sqlite3 shell on the same SQL.\n",
        build_time.as_secs_f64()
    );
    let _ = writeln!(
        report,
        "| query | rows | p50 ms | p99 ms | max ms | sqlite3 shell ms |"
    );
    let _ = writeln!(report, "|---|---:|---:|---:|---:|---:|");
    let cases: [(&str, FeedbackFilter); 12] = [
        (
            "未结 (open, newest first)",
            FeedbackFilter {
                open_only: true,
                ..FeedbackFilter::default()
            },
        ),
        ("全部 (newest 200)", FeedbackFilter::default()),
        ("by number", text(&number)),
        ("by number prefix FK-2026", text("FK-2026")),
        ("by unit", text(&unit)),
        ("by caller's name", text(&name)),
        ("by caller's phone", text(&phone)),
        ("by a phone's last four digits, or a room", text(phone_tail)),
        ("by a unit typed so far", text(unit_typed)),
        ("by words in the content (噪音)", text("噪音")),
        // Every pair common, the phrase in no matter: the pairs' walk at its longest.
        (
            "by a phrase in no matter, its pairs common (咨询车辆乱停)",
            text("咨询车辆乱停"),
        ),
        // One character has no pair: the scan of every row's text, newest first.
        ("by one character (噪)", text("噪")),
    ];
    for (label, filter) in &cases {
        let rows = store.feedback_list(filter, LIMIT).expect("list").len();
        let s = time(ROUNDS, || store.feedback_list(filter, LIMIT).expect("list"));
        let sql = store.feedback_sql_for_shell(filter, LIMIT).expect("sql");
        let shell = shell_mean(&db, &[sql], 100)
            .map(ms)
            .unwrap_or_else(|| "(no sqlite3 shell result, see stderr)".into());
        let _ = writeln!(
            report,
            "| {label} | {rows} | {} | {} | {} | {shell} |",
            ms(s.p50),
            ms(s.p99),
            ms(s.max)
        );
    }
    let s = time(ROUNDS, || {
        store
            .overdue_feedback_count(&deadlines, now)
            .expect("count")
    });
    let _ = writeln!(
        report,
        "| overdue count (the tab's label) | {} | {} | {} | {} | |",
        store
            .overdue_feedback_count(&deadlines, now)
            .expect("count"),
        ms(s.p50),
        ms(s.p99),
        ms(s.max)
    );

    print!("{report}");
    let out = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/PERFORMANCE-feedback.md");
    if let Err(e) = std::fs::write(&out, &report) {
        eprintln!("could not write {}: {e}", out.display());
    }
}

fn text(t: &str) -> FeedbackFilter {
    FeedbackFilter {
        text: t.to_string(),
        ..FeedbackFilter::default()
    }
}
