//! A closed month: after its archive is recorded, a change to one of its finished records
//! needs the supervisor's countersign, and leaves a trace the archive screen counts.

use wuye_desk::domain::Month;
use wuye_desk::domain::access::Action;
use wuye_desk::domain::date::now_local;
use wuye_desk::domain::staff::{Recorded, StaffId};
use wuye_desk::store::{ArchiveRun, AuditFilter, Store, StoreError};

use crate::common::demo_year::demo_year;

fn staff_id(store: &Store, name: &str) -> StaffId {
    store
        .staff()
        .expect("staff")
        .into_iter()
        .find(|s| s.staff.name == name)
        .expect(name)
        .id
}

fn now_rec() -> Recorded {
    Recorded {
        by: None,
        by_name: String::new(),
        at: now_local(),
    }
}

#[test]
fn a_closed_months_record_needs_the_supervisor_and_is_counted_as_changed() {
    let (_dir, db) = demo_year();
    let mut store = Store::open(&db).expect("open");
    let month = Month::of(now_local().date()).prev();
    let (supervisor, clerk) = (staff_id(&store, "刘洋"), staff_id(&store, "张敏"));
    let run = ArchiveRun {
        month,
        folder: "/tmp/归档".into(),
        digest: "0".repeat(64),
        files: 4,
    };

    // Only the supervisor archives.
    store.sign_in(clerk, "1111", now_local()).expect("clerk");
    let refused = store.record_archive(&run, &now_rec());
    assert!(matches!(
        refused,
        Err(StoreError::NeedsCountersign {
            action: Action::MonthArchive,
            ..
        })
    ));
    store.take_refusal();
    store
        .sign_in(supervisor, "5555", now_local())
        .expect("supervisor");
    store.record_archive(&run, &now_rec()).expect("archive");
    let months = store.archived_months().expect("months");
    assert_eq!(months.len(), 1);
    assert_eq!(
        (months[0].month, months[0].first_by.as_str()),
        (month, "刘洋")
    );
    assert_eq!(months[0].edits_since, 0);

    // A receipt of that month, issued before the archive: the cashier asks to void it; the
    // supervisor who countersigns the void also signs for the closed month, and the change is
    // traced in the log, in the unit's history and in the month's "changed since".
    let (receipts, _) = store.receipts_in(month, 0, 50).expect("receipts");
    let receipt = receipts
        .into_iter()
        .find(|r| r.voided.is_none() && r.address.is_some())
        .expect("the demo takes payments every month");
    store
        .sign_in(staff_id(&store, "周静"), "9999", now_local())
        .expect("cashier");
    let refused = store.void_receipt(receipt.number, "金额写错", &now_rec());
    assert!(matches!(
        refused,
        Err(StoreError::NeedsCountersign {
            action: Action::ReceiptVoid,
            ..
        })
    ));
    store.take_refusal();
    store
        .countersign(supervisor, "5555", Action::ReceiptVoid, None, now_local())
        .expect("countersign");
    store
        .void_receipt(receipt.number, "金额写错", &now_rec())
        .expect("with the countersign");
    let months = store.archived_months().expect("months");
    assert_eq!(months[0].edits_since, 1);
    let log = store.audit_log(&AuditFilter::default(), 0, 1).expect("log");
    let row = &log.rows[0];
    assert!(
        row.what.contains(&format!("修改已归档的 {month} 月记录")),
        "{}",
        row.what
    );
    assert_eq!(row.countersign.as_deref(), Some("刘洋"));
    let unit = store
        .unit_at(receipt.address.expect("unit"))
        .expect("unit")
        .expect("registered");
    let history = store.unit_log(unit.id).expect("history");
    assert!(history.iter().any(|l| l.kind == "归档"), "{history:?}");

    // Archiving again starts the count afresh.
    store
        .sign_in(supervisor, "5555", now_local())
        .expect("supervisor");
    let later = Recorded {
        at: now_local() + chrono::TimeDelta::seconds(2),
        ..now_rec()
    };
    store.record_archive(&run, &later).expect("again");
    let months = store.archived_months().expect("months");
    assert_eq!((months[0].runs, months[0].edits_since), (2, 0));
}
