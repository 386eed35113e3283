//! 物品放行 and 钥匙管理 on a real SQLite file: numbering, the approval rule, release, the
//! same-day key rule, no double loan, the overdue list, the unit's history, and the PDFs.

use crate::common::{clerk, temp_store, unit};
use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use wuye_desk::domain::item_pass::{
    ApplicantKind, ApprovalError, DriverDoc, FeesSignOff, ItemPass, PassItem, PassReason,
    PassStatus, Vehicle,
};
use wuye_desk::domain::keys::{
    BorrowerOrg, KeyIssue, KeyLoan, KeySettings, KeyStatus, LabelCheck, UnitKey, due_back,
};
use wuye_desk::domain::plate::Plate;
use wuye_desk::domain::settings::Office;
use wuye_desk::domain::staff::{Recorded, Role};
use wuye_desk::domain::{Mobile, Month, UnitAddress};
use wuye_desk::forms::{self, PASS_COPIES, PrintArgs, PrintJob};
use wuye_desk::store::{Store, StoreError};

fn at(d: u32, h: u32, m: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 11, d)
        .unwrap()
        .and_hms_opt(h, m, 0)
        .unwrap()
}

/// November 2026, the month the tests take place in.
fn nov() -> Month {
    Month::new(2026, 11).unwrap()
}

fn by(name: &str, t: NaiveDateTime) -> Recorded {
    Recorded {
        by: None,
        by_name: name.into(),
        at: t,
    }
}

fn store_with_units() -> (tempfile::TempDir, Store) {
    let (dir, mut store) = temp_store();
    for a in ["3-2-1502", "5-1-0301"] {
        store.add_unit(&unit(a), &clerk()).unwrap();
    }
    (dir, store)
}

/// The walk-through's pass: the owner of 3-2-1502 moving out with a sofa and two boxes.
fn moving_out() -> ItemPass {
    let first17 = "41010519800101001";
    let check = wuye_desk::domain::ResidentId::check_char(first17).unwrap();
    ItemPass {
        kind: ApplicantKind::Owner,
        unit: UnitAddress::parse("3-2-1502").ok(),
        applicant: "王建国".into(),
        phone: Mobile::parse("13812345678").unwrap(),
        authorisation: String::new(),
        certificate: String::new(),
        items: vec![
            PassItem {
                name: "沙发".into(),
                quantity: 1,
                note: "三人位".into(),
            },
            PassItem {
                name: "纸箱".into(),
                quantity: 2,
                note: String::new(),
            },
        ],
        reason: PassReason::MovingOut,
        reason_note: String::new(),
        vehicle: Some(Vehicle {
            plate: Plate::parse("豫AD12345").unwrap(),
            driver: "李师傅".into(),
            driver_doc: DriverDoc::parse(&format!("{first17}{check}")).unwrap(),
        }),
        planned: at(29, 0, 0).date(),
    }
}

fn officer() -> FeesSignOff {
    FeesSignOff {
        by_name: "王强".into(),
        role: Role::ServiceOfficer,
        at: at(29, 10, 0),
    }
}

#[test]
fn pass_numbers_run_per_month_without_gaps() {
    let (_dir, mut store) = store_with_units();
    let mut numbers = Vec::new();
    for t in [at(29, 9, 0), at(29, 9, 5), at(30, 9, 0)] {
        numbers.push(
            store
                .add_item_pass(&moving_out(), &by("张敏", t))
                .unwrap()
                .1,
        );
    }
    let december = NaiveDate::from_ymd_opt(2026, 12, 1)
        .unwrap()
        .and_hms_opt(9, 0, 0)
        .unwrap();
    numbers.push(
        store
            .add_item_pass(&moving_out(), &by("张敏", december))
            .unwrap()
            .1,
    );
    let texts: Vec<String> = numbers.iter().map(|n| n.to_string()).collect();
    assert_eq!(
        texts,
        [
            "FX-202611-0001",
            "FX-202611-0002",
            "FX-202611-0003",
            "FX-202612-0001"
        ]
    );
    // A failed insert (unregistered unit) uses no number.
    let mut bad = moving_out();
    bad.unit = UnitAddress::parse("9-9-0909").ok();
    assert!(matches!(
        store.add_item_pass(&bad, &by("张敏", at(30, 10, 0))),
        Err(StoreError::NotFound(_))
    ));
    let (_, next) = store
        .add_item_pass(&moving_out(), &by("张敏", at(30, 11, 0)))
        .unwrap();
    assert_eq!(next.to_string(), "FX-202611-0004");
    assert_eq!(store.passes_of_month(nov()).unwrap().len(), 4);
}

#[test]
fn approval_is_blocked_until_the_service_officer_confirms_fees() {
    let (_dir, mut store) = store_with_units();
    let (id, _) = store
        .add_item_pass(&moving_out(), &by("张敏", at(29, 9, 0)))
        .unwrap();
    let err = store
        .approve_pass(id, None, &by("张敏", at(29, 9, 30)))
        .unwrap_err();
    assert_eq!(err.to_string(), ApprovalError::NeedsSignOff.to_string());
    assert_eq!(store.item_pass(id).unwrap().status, PassStatus::Pending);
    // A guard cannot sign for the fees.
    let guard = FeesSignOff {
        role: Role::Guard,
        ..officer()
    };
    assert!(store.sign_off_fees(id, &guard, &clerk()).is_err());
    store
        .sign_off_fees(id, &officer(), &by("张敏", at(29, 10, 0)))
        .unwrap();
    store
        .approve_pass(id, None, &by("张敏", at(29, 10, 5)))
        .unwrap();
    let p = store.item_pass(id).unwrap();
    assert_eq!(p.status, PassStatus::Approved);
    assert_eq!(p.fees.unwrap().by_name, "王强");
    assert_eq!(
        store.arrears_of(p.unit_id).unwrap(),
        wuye_desk::domain::item_pass::Arrears::Unknown
    );
}

#[test]
fn the_guard_releases_an_approved_pass_on_its_day_and_the_unit_history_shows_it() {
    let (_dir, mut store) = store_with_units();
    let (id, number) = store
        .add_item_pass(&moving_out(), &by("张敏", at(29, 9, 0)))
        .unwrap();
    assert!(
        store.release_pass(id, &by("吴勇", at(29, 9, 10))).is_err(),
        "not approved yet"
    );
    store.sign_off_fees(id, &officer(), &clerk()).unwrap();
    store
        .approve_pass(id, None, &by("张敏", at(29, 10, 5)))
        .unwrap();
    assert_eq!(store.passes_for_gate(at(29, 0, 0).date()).unwrap().len(), 1);
    assert!(
        store.release_pass(id, &by("吴勇", at(30, 9, 0))).is_err(),
        "only on its day"
    );
    store.release_pass(id, &by("吴勇", at(29, 14, 20))).unwrap();
    let p = store.item_pass_by_number(number).unwrap();
    assert_eq!(p.status, PassStatus::Released);
    assert_eq!(p.released.as_ref().unwrap().name, "吴勇");
    assert!(
        store
            .passes_for_gate(at(29, 0, 0).date())
            .unwrap()
            .is_empty()
    );
    assert!(
        store.void_pass(id, "改期", &clerk()).is_err(),
        "released cannot be voided"
    );
    let unit = store
        .unit_at(UnitAddress::parse("3-2-1502").unwrap())
        .unwrap()
        .unwrap();
    let log: Vec<String> = store
        .unit_log(unit.id)
        .unwrap()
        .into_iter()
        .map(|l| l.text)
        .collect();
    assert!(
        log.iter()
            .any(|t| t.contains("FX-202611-0001 已放行，值岗 吴勇")),
        "{log:?}"
    );
    assert!(log.iter().any(|t| t.contains("沙发×1、纸箱×2")), "{log:?}");
}

#[test]
fn the_pass_pdf_has_both_copies_the_number_the_plate_and_a_masked_driver_id() {
    let (_dir, mut store) = store_with_units();
    let (id, _) = store
        .add_item_pass(&moving_out(), &by("张敏", at(29, 9, 0)))
        .unwrap();
    store.sign_off_fees(id, &officer(), &clerk()).unwrap();
    let pass = store.item_pass(id).unwrap();
    let pdf = forms::release_pass(&Office::default(), &pass).unwrap();
    let text = forms::extract_text(&pdf).unwrap();
    for want in [
        "FX-202611-0001",
        "豫AD12345",
        "沙发",
        "纸箱",
        "3号楼2单元1502室",
        "李师傅",
        "王强",
    ] {
        assert!(text.contains(want), "{want} missing from {text}");
    }
    for label in PASS_COPIES {
        assert_eq!(text.matches(label).count(), 1, "{label} once per copy");
    }
    assert!(text.contains("410***********001"), "masked driver ID");
    assert!(!text.contains("19800101"), "the full ID leaked");
    assert!(text.contains("2026年11月29日"), "the day it is valid for");
}

#[test]
fn the_print_jobs_read_their_keys_and_render_from_the_store() {
    let (_dir, mut store) = store_with_units();
    store
        .add_item_pass(&moving_out(), &by("张敏", at(29, 9, 0)))
        .unwrap();
    let args = |form: &str, key: &str| PrintArgs {
        form: form.into(),
        key: Some(key.into()),
        ..PrintArgs::default()
    };
    let job = PrintJob::parse(&args("release-pass", "FX-202611-0001")).unwrap();
    assert_eq!(job.file_name(), "放行条-FX-202611-0001.pdf");
    let register = PrintJob::parse(&args("release-register", "2026-11")).unwrap();
    let pdf = forms::render(&store, &Office::default(), &register).unwrap();
    let text = forms::extract_text(&pdf).unwrap();
    assert!(
        text.contains("物品出入登记表") && text.contains("FX-202611-0001"),
        "{text}"
    );
    assert!(
        text.contains("豫AD12345") && text.contains("沙发×1"),
        "{text}"
    );
    assert!(PrintJob::parse(&args("release-pass", "WX-1")).is_err());
    assert!(PrintJob::parse(&args("key-loans", "2026-13")).is_err());
    let missing = PrintJob::parse(&args("release-pass", "FX-202611-0099")).unwrap();
    assert!(forms::render(&store, &Office::default(), &missing).is_err());
}

fn plumber(out: NaiveDateTime, settings: &KeySettings) -> KeyLoan {
    KeyLoan {
        borrower: "陈刚".into(),
        phone: Mobile::parse("13803710006").unwrap(),
        org: BorrowerOrg::Repair,
        purpose: "维修水管".into(),
        approver: String::new(),
        out_at: out,
        due_at: due_back(BorrowerOrg::Repair, out, None, settings).unwrap(),
    }
}

fn key_of_0301() -> UnitKey {
    UnitKey {
        unit: UnitAddress::parse("5-1-0301").ok(),
        place: String::new(),
        hook: "A-001".into(),
        count: 2,
        location: "钥匙柜1号".into(),
    }
}

#[test]
fn a_key_lent_at_nine_is_overdue_after_the_end_of_day_and_cannot_be_lent_twice() {
    let (_dir, mut store) = store_with_units();
    let settings = store.key_settings().unwrap();
    assert_eq!(
        settings.end_of_day,
        NaiveTime::from_hms_opt(18, 0, 0).unwrap()
    );
    let key = store.add_key(&key_of_0301(), &clerk()).unwrap();
    let loan = store
        .lend_key(
            key,
            &plumber(at(29, 9, 0), &settings),
            &by("郑军", at(29, 9, 0)),
        )
        .unwrap();
    assert_eq!(store.key(key).unwrap().status, KeyStatus::Lent);
    let again = store.lend_key(
        key,
        &plumber(at(29, 10, 0), &settings),
        &by("郑军", at(29, 10, 0)),
    );
    assert!(matches!(again, Err(StoreError::Conflict(_))), "{again:?}");
    assert_eq!(
        store.overdue_count(at(29, 18, 0)).unwrap(),
        0,
        "due at 18:00, not late at 18:00"
    );
    let late = at(29, 18, 0) + chrono::TimeDelta::seconds(1);
    assert_eq!(store.overdue_count(late).unwrap(), 1);
    let overdue = store.overdue_loans(late).unwrap();
    assert_eq!(overdue[0].whose, "5-1-0301");
    assert_eq!(overdue[0].loan.phone.as_str(), "13803710006");
    store
        .return_key(loan, at(29, 18, 40), "完好", &by("郑军", at(29, 18, 40)))
        .unwrap();
    assert_eq!(store.overdue_count(at(30, 9, 0)).unwrap(), 0);
    assert_eq!(store.key(key).unwrap().status, KeyStatus::InCabinet);
    assert!(
        store.return_key(loan, at(29, 19, 0), "", &clerk()).is_err(),
        "returned twice"
    );
}

#[test]
fn the_database_itself_refuses_a_second_open_loan() {
    let (dir, mut store) = store_with_units();
    let settings = KeySettings::default();
    let key = store.add_key(&key_of_0301(), &clerk()).unwrap();
    store
        .lend_key(key, &plumber(at(29, 9, 0), &settings), &clerk())
        .unwrap();
    drop(store);
    let conn = rusqlite::Connection::open(dir.path().join("desk.sqlite3")).unwrap();
    let second = conn.execute(
        "INSERT INTO key_loans (key_id, borrower, phone, org, purpose, out_at, due_at, recorded_by_name, recorded_at)
         VALUES (?1, '某人', '13800000000', 'other', '看房', '2026-11-29 10:00:00', '2026-11-30 10:00:00', 'x', 'x')",
        [key.0],
    );
    assert!(second.is_err(), "the partial unique index refuses it");
}

#[test]
fn the_end_of_day_is_kept_in_the_tabs_own_setting() {
    let (_dir, mut store) = store_with_units();
    let s = KeySettings {
        end_of_day: NaiveTime::from_hms_opt(17, 30, 0).unwrap(),
    };
    store.save_key_settings(&s).unwrap();
    assert_eq!(store.key_settings().unwrap(), s);
    let key = store.add_key(&key_of_0301(), &clerk()).unwrap();
    let loan = plumber(at(29, 9, 0), &s);
    assert_eq!(loan.due_at, at(29, 17, 30));
    store.lend_key(key, &loan, &clerk()).unwrap();
    assert_eq!(store.overdue_count(at(29, 17, 31)).unwrap(), 1);
}

#[test]
fn hand_overs_checks_and_the_monthly_key_logs() {
    let (_dir, mut store) = store_with_units();
    let key = store.add_key(&key_of_0301(), &clerk()).unwrap();
    let common = store
        .add_key(
            &UnitKey {
                unit: None,
                place: "1号楼配电室".into(),
                hook: "B-001".into(),
                count: 1,
                location: "钥匙柜2号".into(),
            },
            &clerk(),
        )
        .unwrap();
    assert!(
        store.add_key(&key_of_0301(), &clerk()).is_err(),
        "hook taken"
    );
    store
        .lend_key(
            key,
            &plumber(at(29, 9, 0), &KeySettings::default()),
            &by("郑军", at(29, 9, 0)),
        )
        .unwrap();
    let issue = KeyIssue {
        recipient: "李娜".into(),
        document: "居民身份证".into(),
        document_tail: "002X".into(),
        count: 2,
        signed: true,
    };
    assert!(
        store.issue_key(key, &issue, &clerk()).is_err(),
        "a lent key cannot be handed over"
    );
    let unsigned = KeyIssue {
        signed: false,
        ..issue.clone()
    };
    assert!(store.issue_key(common, &unsigned, &clerk()).is_err());
    store
        .issue_key(common, &issue, &by("郑军", at(29, 11, 0)))
        .unwrap();
    assert_eq!(store.key(common).unwrap().status, KeyStatus::WithOwner);
    store
        .check_key_label(key, LabelCheck::Good, "", &clerk())
        .unwrap();
    assert_eq!(
        store.key(key).unwrap().status,
        KeyStatus::Lent,
        "a lent key is not lost"
    );
    assert_eq!(store.keys("0301", 10).unwrap().len(), 1);
    assert_eq!(store.keys("5-1-0301", 10).unwrap().len(), 1);
    assert_eq!(store.keys("配电", 10).unwrap().len(), 1);
    assert_eq!(store.keys("", 10).unwrap().len(), 2);

    let office = Office::default();
    let loans =
        forms::key_loan_register(&office, nov(), &store.loans_of_month(nov()).unwrap()).unwrap();
    let text = forms::extract_text(&loans).unwrap();
    for want in [
        "钥匙借用登记表",
        "A-001",
        "5-1-0301",
        "陈刚",
        "138****0006",
        "维修水管",
        "未还",
    ] {
        assert!(text.contains(want), "{want} missing from {text}");
    }
    let issues =
        forms::key_issue_register(&office, nov(), &store.issues_of_month(nov()).unwrap()).unwrap();
    let text = forms::extract_text(&issues).unwrap();
    for want in [
        "钥匙发放登记表",
        "1号楼配电室",
        "李娜",
        "居民身份证",
        "002X",
        "已签字",
    ] {
        assert!(text.contains(want), "{want} missing from {text}");
    }
    assert!(store.issues_of_month(nov().prev()).unwrap().is_empty());
}

#[test]
fn the_demo_has_passes_key_movements_overdue_keys_and_0301_in_the_cabinet() {
    let (_dir, mut store) = temp_store();
    wuye_desk::demo::build(&mut store, 1).unwrap();
    let now = wuye_desk::domain::date::now_local();
    assert!(!store.item_passes(None, 50).unwrap().is_empty());
    assert!(store.overdue_count(now).unwrap() >= 2, "some keys overdue");
    let keys = store.keys("5-1-0301", 5).unwrap();
    assert_eq!(keys.len(), 1);
    assert_eq!(keys[0].status, KeyStatus::InCabinet);
    assert!(store.check().unwrap().is_empty());
}
