//! 钥匙管理 on a real SQLite file: the same-day key rule, no double loan, the overdue list, the
//! end-of-day setting, hand-overs, label checks, the unit's history, and the monthly key logs.

use crate::common::november::{at, by, nov, store_with_units};
use crate::common::{clerk, key_of_0301, signs_in};
use chrono::{NaiveDateTime, NaiveTime};
use wuye_desk::domain::Mobile;
use wuye_desk::domain::keys::{
    BorrowerOrg, KeyIssue, KeyLoan, KeySettings, KeyStatus, LabelCheck, UnitKey, due_back,
};
use wuye_desk::domain::settings::Office;
use wuye_desk::forms;
use wuye_desk::store::StoreError;

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

#[test]
fn a_key_lent_at_nine_is_overdue_after_the_end_of_day_and_cannot_be_lent_twice() {
    let (_dir, mut store) = store_with_units();
    let settings = store.key_settings().unwrap();
    assert_eq!(
        settings.end_of_day,
        NaiveTime::from_hms_opt(18, 0, 0).unwrap()
    );
    let key = store.add_key(&key_of_0301(), &clerk()).unwrap();
    signs_in(&mut store, "郑军");
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
    store.save_key_settings(&s, &clerk()).unwrap();
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
    signs_in(&mut store, "郑军");
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
    // Every header on one line (the portrait page broke 挂钩/号 and 主管签/字).
    for header in [
        "挂钩号",
        "房号/部位",
        "借用人",
        "借出时间",
        "应还时间",
        "归还时间",
        "接收人/状况",
        "主管签字",
    ] {
        assert!(text.contains(header), "{header} broken in {text}");
    }
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
fn a_key_returned_with_the_condition_box_empty_is_recorded_as_good() {
    let (_dir, mut store) = store_with_units();
    let settings = store.key_settings().unwrap();
    let key = store.add_key(&key_of_0301(), &clerk()).unwrap();
    let loan = store
        .lend_key(key, &plumber(at(29, 9, 0), &settings), &clerk())
        .unwrap();
    signs_in(&mut store, "郑军");
    store
        .return_key(loan, at(29, 11, 0), "  ", &by("郑军", at(29, 11, 0)))
        .unwrap();
    let back = store.loans_of_key(key, 1).unwrap().remove(0).returned;
    assert_eq!(
        back.map(|(_, condition, by)| (condition, by)),
        Some(("完好".to_string(), "郑军".to_string())),
        "the register shows 完好, never a blank"
    );
    let logs = forms::extract_text(
        &forms::key_loan_register(
            &Office::default(),
            nov(),
            &store.loans_of_month(nov()).unwrap(),
        )
        .unwrap(),
    )
    .unwrap();
    assert!(logs.contains("郑军 完好"), "{logs}");
}

#[test]
fn the_marketing_department_is_called_营销部_and_needs_its_head() {
    assert_eq!(BorrowerOrg::Marketing.label(), "营销部");
    let (_dir, mut store) = store_with_units();
    let key = store.add_key(&key_of_0301(), &clerk()).unwrap();
    let out = at(29, 10, 0);
    let loan = KeyLoan {
        org: BorrowerOrg::Marketing,
        approver: "刘经理".into(),
        due_at: at(30, 10, 0),
        ..plumber(out, &store.key_settings().unwrap())
    };
    store.lend_key(key, &loan, &clerk()).unwrap();
    let text = forms::extract_text(
        &forms::key_loan_register(
            &Office::default(),
            nov(),
            &store.loans_of_month(nov()).unwrap(),
        )
        .unwrap(),
    )
    .unwrap();
    assert!(text.contains("营销部") && text.contains("刘经理"), "{text}");
}

#[test]
fn a_room_typed_in_full_width_digits_finds_its_key() {
    let (_dir, mut store) = store_with_units();
    store.add_key(&key_of_0301(), &clerk()).unwrap();
    for typed in ["0301", "０３０１", "５-１-０３０１", " 5-1-0301 "] {
        let found = store.keys(typed, 10).unwrap();
        assert_eq!(found.len(), 1, "{typed}");
        assert_eq!(found[0].key.hook, "A-001", "{typed}");
    }
}
