//! 统计's figures on a hand-built estate with known answers: the edges of every rule (15 minutes
//! exactly, 30 minutes exactly, 24 h exactly, the month's first and last second), 收缴率 by
//! building with a payment after the month's end and a voided receipt, coverage, passes, keys,
//! days and the 13-month trend.

use wuye_desk::domain::stats::{Rate, Ratings};
use wuye_desk::domain::{Fen, Month};

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
