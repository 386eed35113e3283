//! 统计's figures on a hand-built estate with known answers: the edges of every rule (15 minutes
//! exactly, 30 minutes exactly, 24 h exactly, the month's first and last second), 收缴率 by
//! building with a payment after the month's end and a voided receipt, coverage, passes, keys,
//! days and the 13-month trend.

use wuye_desk::domain::stats::{Rate, Ratings};
use wuye_desk::domain::{Fen, Month};
use wuye_desk::forms::{PrintJob, extract_text, render_at};

use crate::common::november::nov;
use crate::common::stats_estate::estate;
use crate::common::temp_store;

#[test]
fn the_months_repairs_count_the_rules_at_their_edges() {
    let (_dir, store) = estate();
    let f = store.month_figures(nov()).unwrap();
    let r = &f.repairs;
    assert_eq!((r.received, r.in_home, r.public, r.cancelled), (5, 4, 1, 1));
    assert_eq!(
        r.arrival,
        Rate::new(3, 4),
        "15 minutes exactly is on time, 16 late"
    );
    assert_eq!(
        r.review,
        Rate::new(1, 2),
        "30 minutes exactly is met, 31 not"
    );
    assert_eq!(r.callback, Rate::new(2, 3));
    assert_eq!(
        r.ratings,
        Ratings {
            satisfied: 1,
            fair: 1,
            dissatisfied: 1
        }
    );
    assert_eq!(r.ratings.satisfaction().percent_text(), "33.3%");
    assert_eq!(
        f.repairs_by_building,
        [(1, 4)],
        "in-home only, November only"
    );
    let cats: Vec<(&str, u32)> = f
        .repair_categories
        .iter()
        .map(|(c, n)| (c.as_str(), *n))
        .collect();
    assert_eq!(cats, [("水电", 3), ("其他", 1), ("门窗", 1)]);
}

#[test]
fn feedback_is_answered_in_time_from_the_latest_reopen() {
    let (_dir, store) = estate();
    let f = store.month_figures(nov()).unwrap().feedback;
    assert_eq!((f.received, f.complaints, f.open), (5, 2, 2));
    assert_eq!(
        f.answered,
        Rate::new(2, 3),
        "24 h exactly on time, 48 h + 1 min late"
    );
}

#[test]
fn collection_by_building_counts_only_receipts_by_the_months_end_and_not_voided() {
    let (_dir, store) = estate();
    let c = store.month_figures(nov()).unwrap().collection;
    let rows: Vec<(u32, Fen, Fen, String)> = c
        .iter()
        .map(|c| {
            (
                c.building,
                c.billed,
                c.collected,
                wuye_desk::domain::stats::percent_text(c.permille()),
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            (1, Fen(15_000), Fen(10_000), "66.7%".to_string()),
            (2, Fen(8_000), Fen(0), "0.0%".to_string()),
            (0, Fen(23_000), Fen(10_000), "43.5%".to_string()),
        ]
    );
}

#[test]
fn coverage_passes_keys_and_days() {
    let (_dir, store) = estate();
    let f = store.month_figures(nov()).unwrap();
    let cov: Vec<(u32, Rate)> = f.coverage.iter().map(|c| (c.building, c.rate)).collect();
    assert_eq!(cov, [(2, Rate::new(1, 2)), (0, Rate::new(1, 2))]);
    let g = f.gate_keys;
    assert_eq!((g.passes, g.released, g.voided, g.moving_out), (3, 1, 1, 1));
    assert_eq!(g.key_issues, 3);
    assert_eq!(
        g.loans_returned,
        Rate::new(1, 3),
        "back exactly at the due time is on time"
    );
    assert_eq!(g.loans_out, 1);
    assert_eq!(f.days.len(), 30);
    let d2 = f.days[1];
    assert_eq!((d2.day, d2.repairs_in_home, d2.repairs_public), (2, 2, 0));
    assert_eq!(
        (f.days[2].repairs_in_home, f.days[2].repairs_public),
        (1, 1)
    );
    assert_eq!(
        f.days[29].repairs_in_home, 1,
        "the month's last second is November"
    );
    assert_eq!(f.days[19].receipts, 1);
    assert_eq!(f.days[20].receipts, 0, "a voided receipt is not counted");
    assert_eq!(f.days.iter().map(|d| d.feedback).sum::<u32>(), 5);
}

#[test]
fn the_trend_has_thirteen_months_with_octobers_own_figures() {
    let (_dir, store) = estate();
    let t = store.stats_trend(nov()).unwrap();
    assert_eq!(t.len(), 13);
    assert_eq!(t[0].month, Month::new(2025, 11).unwrap());
    let (oct, nov_) = (&t[11], &t[12]);
    assert_eq!(oct.repairs.received, 1);
    assert_eq!(
        oct.repairs.arrival,
        Rate::new(0, 1),
        "arrived 31 minutes late"
    );
    assert_eq!(oct.feedback_received, 1);
    assert_eq!(oct.collection.permille(), Some(1000));
    assert_eq!(nov_.repairs.received, 5);
    assert_eq!(nov_.repairs.satisfaction, Rate::new(1, 3));
    assert_eq!(nov_.collection.billed, Fen(23_000));
    assert_eq!(nov_.coverage, Rate::new(1, 2));
    assert_eq!(t[5].repairs.received, 0);
    assert_eq!(t[5].collection.permille(), None);
}

#[test]
fn an_empty_month_has_dashes_not_zeros() {
    let (_dir, store) = temp_store();
    let f = store.month_figures(nov()).unwrap();
    assert_eq!(f.repairs.received, 0);
    assert_eq!(f.repairs.arrival.percent_text(), "—");
    assert_eq!(f.collection.len(), 1, "only the estate's line");
    assert_eq!(f.collection[0].permille(), None);
    assert_eq!(f.days.len(), 30);
}

/// 月度汇总 of the estate as of 1 December, and its text read back.
fn summary(store: &wuye_desk::store::Store) -> (Vec<u8>, String) {
    let office = wuye_desk::domain::settings::Office {
        company: "锦华物业 锦华苑管理处".into(),
        estate: "锦华苑".into(),
        phone: "0371-65881234".into(),
        address: "花园路88号".into(),
        print_folder: String::new(),
    };
    let now = chrono::NaiveDate::from_ymd_opt(2026, 12, 1)
        .unwrap()
        .and_hms_opt(9, 0, 0)
        .unwrap();
    let pdf = render_at(store, &office, &PrintJob::MonthSummary(nov()), now).unwrap();
    let text = extract_text(&pdf).unwrap().replace('\n', "");
    (pdf, text)
}

#[test]
fn the_month_summary_prints_the_figures_and_the_charts_labels() {
    let (_dir, store) = estate();
    assert_eq!(
        PrintJob::MonthSummary(nov()).file_name(),
        "月度汇总-2026-11.pdf"
    );
    let (_, text) = summary(&store);
    for want in [
        "锦华苑 月度汇总 2026年11月",
        "2026年12月1日",
        "5件（入户维修4，公共报修1，取消1）",
        "3/4（75.0%）",
        "1/2（50.0%）",
        "2/3（66.7%）",
        "1/3（33.3%）（满意1，一般1，不满意1）",
        "5件（其中投诉2）",
        "各楼入户维修：1号楼 4件",
        "1号楼",
        "150.00",
        "66.7%",
        "43.5%",
        "全小区",
        "3张（已放行1，作废1，其中业主搬出1）",
        // Chart captions, legends and category labels, drawn from the display lists.
        "2026年11月 每日报修（件）",
        "入户维修",
        "公共报修",
        "水电",
        "门窗",
        "各楼收缴率（%，横轴为楼栋号）",
        "近13个月各项比率",
        "到场及时率",
        "25-11",
        "26-11",
    ] {
        assert!(text.contains(want), "{want} missing from:\n{text}");
    }
}

#[test]
fn the_month_summary_is_the_same_given_the_same_data_and_date_apart_from_pdf_metadata() {
    let (_dir, store) = estate();
    let (_, a) = summary(&store);
    let (_, b) = summary(&store);
    assert_eq!(a, b);
}

#[test]
fn print_month_summary_on_the_command_line() {
    let (dir, store) = estate();
    let db = store.path().to_str().unwrap().to_string();
    drop(store);
    let out = dir.path().join("summary.pdf");
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_wuye-desk"))
        .args(["print", "month-summary", "--month", "2026-11", "--db", &db])
        .args(["--out", out.to_str().unwrap()])
        .output()
        .expect("run wuye-desk");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let text = extract_text(&std::fs::read(&out).unwrap()).unwrap();
    assert!(text.contains("月度汇总"), "{text}");
}

/// `(month, building, billed, collected)` as month_collection keeps them, and as every bill
/// line read afresh says they must be.
type Kept = Vec<(String, u32, i64, i64)>;

fn kept_and_raw(conn: &rusqlite::Connection) -> (Kept, Kept) {
    let read = |sql: &str| -> Kept {
        let mut stmt = conn.prepare(sql).unwrap();
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap()
    };
    let raw = read(
        "SELECT b.month, u.building, sum(b.amount_fen),
                sum(CASE WHEN r.issued_at < date(b.month || '-01', '+1 month')
                         AND r.voided_at IS NULL THEN b.amount_fen ELSE 0 END)
         FROM bill_lines b JOIN units u ON u.id = b.unit_id
              LEFT JOIN receipts r ON r.id = b.receipt_id
         GROUP BY b.month, u.building ORDER BY b.month, u.building",
    );
    let kept = read(
        "SELECT month, building, billed_fen, collected_fen FROM month_collection
         WHERE billed_fen <> 0 OR collected_fen <> 0 ORDER BY month, building",
    );
    (kept, raw)
}

#[test]
fn the_kept_collection_matches_the_bill_lines_after_a_year_of_payments_and_a_void() {
    let (_dir, db) = crate::common::demo_year::demo_year();
    let conn = rusqlite::Connection::open(&db).unwrap();
    let (kept, raw) = kept_and_raw(&conn);
    assert!(raw.len() > 12 * 10, "a year of bills in many buildings");
    assert_eq!(kept, raw);
    // The supervisor voids a receipt that paid bill lines: they are owed again.
    let number: String = conn
        .query_row(
            "SELECT number FROM receipts r WHERE voided_at IS NULL AND prepay_fen = 0
               AND EXISTS (SELECT 1 FROM bill_lines b WHERE b.receipt_id = r.id
                           AND r.issued_at < date(b.month || '-01', '+1 month'))
             ORDER BY id DESC LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let mut store = wuye_desk::store::Store::open(&db).unwrap();
    // The demo's supervisor, with the demo's PIN (src/demo/mod.rs).
    let boss = store
        .staff()
        .unwrap()
        .into_iter()
        .find(|s| s.staff.name == "刘洋")
        .unwrap()
        .id;
    store
        .sign_in(boss, "5555", crate::common::clerk().at)
        .unwrap();
    store
        .void_receipt(
            wuye_desk::domain::fees::ReceiptNumber::parse(&number).unwrap(),
            "开错金额",
            &crate::common::clerk(),
        )
        .unwrap();
    let (kept_after, raw_after) = kept_and_raw(&conn);
    assert_ne!(raw_after, raw, "the void changed what was collected");
    assert_eq!(kept_after, raw_after);
}
