//! 物品拾遗 on a real temporary SQLite file: gap-free numbers, a valuable kept by the
//! supervisor, the claim with the claimant's identity (masked in the log), the disposal period
//! at its edge, the loss report matched and closed by the claim, and the lines on 今日.

use crate::common::{PIN, id_number, signs_in, staffed_store};
use chrono::{Duration, NaiveDate, NaiveDateTime};
use wuye_desk::domain::access::Action;
use wuye_desk::domain::lostfound::{
    Category, Claim, Disposal, DisposalMethod, Finder, FinderKind, FoundItem, ItemState,
    LossReport, ReportState, Valuable,
};
use wuye_desk::domain::staff::{Recorded, StaffId};
use wuye_desk::domain::{Fen, Mobile};
use wuye_desk::store::{AuditFilter, Store, StoreError};

fn at(m: u32, d: u32, h: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, m, d)
        .and_then(|d| d.and_hms_opt(h, 0, 0))
        .unwrap()
}

fn rec(t: NaiveDateTime) -> Recorded {
    Recorded {
        by: None,
        by_name: String::new(),
        at: t,
    }
}

fn umbrella(t: NaiveDateTime) -> FoundItem {
    FoundItem {
        category: Category::Daily,
        name: "雨伞".into(),
        description: "黑色长柄，伞柄有裂纹".into(),
        place: "中心花园".into(),
        found_at: t,
        finder: Finder {
            kind: FinderKind::Resident,
            name: "赵大妈".into(),
            phone: Mobile::parse("13912345678").ok(),
            staff: None,
        },
        storage: "A架2层".into(),
        valuables: Vec::new(),
        cash: None,
        witnesses: Vec::new(),
    }
}

fn phone(t: NaiveDateTime) -> FoundItem {
    FoundItem {
        category: Category::Phone,
        name: "华为手机".into(),
        description: "黑色Mate60，蓝色手机壳".into(),
        place: "1号楼大堂".into(),
        found_at: t,
        finder: Finder {
            kind: FinderKind::Staff,
            name: "孙丽".into(),
            phone: None,
            staff: None,
        },
        storage: "主管保险柜".into(),
        valuables: vec![Valuable::Phone],
        cash: None,
        witnesses: vec!["张敏".into(), "李娜".into()],
    }
}

fn claim(description: &str) -> Claim {
    Claim {
        name: "王建国".into(),
        id_number: id_number("410105", "19800101", 12),
        phone: Mobile::parse("13812345678").unwrap(),
        description: description.into(),
        matches: true,
    }
}

fn staff_id(store: &Store, name: &str) -> StaffId {
    store
        .staff()
        .unwrap()
        .into_iter()
        .find(|s| s.staff.name == name)
        .unwrap()
        .id
}

/// The supervisor 刘洋 gives their PIN for `action` at `t`, as the desk's 会签 dialog does.
fn countersign(store: &mut Store, action: Action, t: NaiveDateTime) {
    let refusal = store.take_refusal().expect("the desk is told");
    assert_eq!(refusal.action, action);
    let liu = staff_id(store, "刘洋");
    store.countersign(liu, PIN, action, None, t).unwrap();
}

/// 张敏 at the desk, 刘洋 the supervisor and 李娜 on the staff.
fn desk() -> (tempfile::TempDir, Store) {
    let (dir, mut store) = staffed_store();
    signs_in(&mut store, "刘洋");
    signs_in(&mut store, "李娜");
    signs_in(&mut store, "张敏");
    (dir, store)
}

#[test]
fn numbers_run_by_month_without_gaps_and_a_refused_item_takes_none() {
    let (_dir, mut store) = desk();
    let (_, a) = store
        .add_found_item(&umbrella(at(11, 20, 8)), &rec(at(11, 20, 9)))
        .unwrap();
    let mut bad = umbrella(at(11, 20, 9));
    bad.storage = " ".into();
    let err = store
        .add_found_item(&bad, &rec(at(11, 20, 10)))
        .unwrap_err();
    assert!(err.to_string().contains("存放位置"), "{err}");
    let (_, b) = store
        .add_found_item(&umbrella(at(11, 21, 8)), &rec(at(11, 21, 9)))
        .unwrap();
    let (_, c) = store
        .add_found_item(&umbrella(at(12, 1, 8)), &rec(at(12, 1, 9)))
        .unwrap();
    assert_eq!(
        [a.to_string(), b.to_string(), c.to_string()],
        ["SW-202611-0001", "SW-202611-0002", "SW-202612-0001"]
    );
    let r = store.found_item_by_number(b).unwrap().expect("found");
    assert_eq!(r.state, ItemState::InStore);
    assert_eq!(r.recorded_by_name, "张敏");
    assert_eq!(r.item.finder.phone.unwrap().as_str(), "13912345678");
}

#[test]
fn a_valuable_is_kept_by_the_supervisor_and_released_by_them_to_an_identified_owner() {
    let (_dir, mut store) = desk();
    let t = at(11, 20, 9);
    // The receptionist cannot take a phone into keeping alone.
    let err = store
        .add_found_item(&phone(at(11, 20, 8)), &rec(t))
        .unwrap_err();
    assert!(matches!(err, StoreError::NeedsCountersign { .. }), "{err}");
    countersign(&mut store, Action::LostFoundValuables, t);
    let (id, _) = store
        .add_found_item(&phone(at(11, 20, 8)), &rec(t))
        .unwrap();
    let r = store.found_item(id).unwrap();
    assert_eq!(r.custodian, "刘洋");
    assert_eq!(r.recorded_by_name, "刘洋（经办：张敏）");
    assert_eq!(r.item.witnesses, ["张敏", "李娜"]);

    // A claim without the owner's own description, or without the desk's check, is refused
    // before anyone is asked to countersign.
    let t = at(11, 21, 10);
    let mut c = claim(" ");
    c.matches = false;
    let err = store.claim_found_item(id, &c, None, &rec(t)).unwrap_err();
    assert!(err.to_string().contains("描述"), "{err}");
    assert!(err.to_string().contains("相符"), "{err}");
    assert!(store.take_refusal().is_none());

    let c = claim("黑色华为，蓝色壳，锁屏是小孩照片");
    let err = store.claim_found_item(id, &c, None, &rec(t)).unwrap_err();
    assert!(matches!(err, StoreError::NeedsCountersign { .. }), "{err}");
    countersign(&mut store, Action::LostFoundValuables, t);
    store.claim_found_item(id, &c, None, &rec(t)).unwrap();
    let r = store.found_item(id).unwrap();
    assert_eq!(r.state, ItemState::Claimed);
    let cl = r.claim.expect("claimed");
    assert_eq!(cl.released_by, "刘洋（经办：张敏）");
    assert_eq!(cl.at, t);
    assert_eq!(cl.claim.id_number, c.id_number);
    // Released once only.
    let err = store.claim_found_item(id, &c, None, &rec(t)).unwrap_err();
    assert!(err.to_string().contains("已认领"), "{err}");

    // The log keeps the claim with the ID number and phone masked.
    let page = store.audit_log(&AuditFilter::default(), 0, 50).unwrap();
    let claim_row = page
        .rows
        .iter()
        .find(|r| r.what == "认领发还")
        .expect("logged");
    let after = format!("{:?}", claim_row.after);
    assert!(after.contains("王建国"), "{after}");
    assert!(!after.contains(c.id_number.as_str()), "{after}");
    assert!(!after.contains("13812345678"), "{after}");
}

#[test]
fn disposal_waits_out_the_period_set_in_settings_and_is_the_supervisors() {
    let (_dir, mut store) = desk();
    signs_in(&mut store, "刘洋");
    store
        .save_lostfound_keep_days(30, &rec(at(11, 1, 8)))
        .unwrap();
    let (id, _) = store
        .add_found_item(&umbrella(at(11, 1, 8)), &rec(at(11, 1, 9)))
        .unwrap();
    let give = Disposal {
        method: DisposalMethod::Donate,
        reason: "保管期满无人认领".into(),
        receiver: "街道爱心驿站".into(),
    };
    // Kept 30 days: to 1 December; the owner may still come that day.
    let err = store
        .dispose_found_item(id, &give, &rec(at(12, 1, 17)))
        .unwrap_err();
    assert!(err.to_string().contains("保管期未满"), "{err}");
    // The receptionist may not dispose even once the period is over.
    signs_in(&mut store, "张敏");
    let err = store
        .dispose_found_item(id, &give, &rec(at(12, 2, 9)))
        .unwrap_err();
    assert!(matches!(err, StoreError::NeedsCountersign { .. }), "{err}");
    signs_in(&mut store, "刘洋");
    store
        .dispose_found_item(id, &give, &rec(at(12, 2, 9)))
        .unwrap();
    let r = store.found_item(id).unwrap();
    assert_eq!(r.state, ItemState::Disposed);
    assert_eq!(r.disposal.unwrap().by_name, "刘洋");
    assert!(
        store
            .claim_found_item(id, &claim("黑色长柄"), None, &rec(at(12, 3, 9)))
            .is_err()
    );

    // An ID card goes to the police the day it is found, and only to them.
    let mut card = umbrella(at(12, 5, 8));
    card.category = Category::Document;
    card.name = "居民身份证".into();
    card.valuables = vec![Valuable::IdCard];
    card.witnesses = vec!["张敏".into(), "李娜".into()];
    let (card, _) = store.add_found_item(&card, &rec(at(12, 5, 9))).unwrap();
    assert!(
        store
            .dispose_found_item(card, &give, &rec(at(12, 5, 10)))
            .is_err()
    );
    let police = Disposal {
        method: DisposalMethod::Police,
        reason: "身份证件上交派出所".into(),
        receiver: "花园路派出所 李警官".into(),
    };
    store
        .dispose_found_item(card, &police, &rec(at(12, 5, 10)))
        .unwrap();
}

#[test]
fn a_loss_report_finds_the_item_and_ends_with_the_claim_through_it() {
    let (_dir, mut store) = desk();
    signs_in(&mut store, "刘洋");
    let (phone_id, number) = store
        .add_found_item(&phone(at(11, 20, 8)), &rec(at(11, 20, 9)))
        .unwrap();
    store
        .add_found_item(&umbrella(at(11, 20, 8)), &rec(at(11, 20, 9)))
        .unwrap();
    let mut cash = umbrella(at(11, 20, 10));
    cash.category = Category::Wallet;
    cash.name = "棕色钱包".into();
    cash.valuables = vec![Valuable::Cash];
    cash.cash = Some(Fen(32050));
    cash.witnesses = vec!["张敏".into(), "李娜".into()];
    store.add_found_item(&cash, &rec(at(11, 20, 11))).unwrap();
    let report = LossReport {
        name: "王建国".into(),
        phone: Mobile::parse("13812345678").unwrap(),
        category: Some(Category::Phone),
        description: "华为手机，黑色，蓝色壳".into(),
        place: "1号楼大堂".into(),
        lost_on: at(11, 20, 0).date(),
        at: at(11, 21, 9),
    };
    let (rid, rn) = store.add_loss_report(&report, &rec(at(11, 21, 9))).unwrap();
    assert_eq!(rn.to_string(), "XW-202611-0001");
    let matches = store.loss_matches(&report.sought()).unwrap();
    assert_eq!(matches[0].0.number, number, "{matches:?}");
    assert!(
        matches
            .iter()
            .all(|(m, _)| m.item.category != Category::Wallet),
        "nothing in common with a wallet"
    );
    store
        .claim_found_item(
            phone_id,
            &claim("黑色华为"),
            Some(rid),
            &rec(at(11, 21, 10)),
        )
        .unwrap();
    let r = store.loss_report(rid).unwrap();
    assert_eq!(r.state, ReportState::Closed);
    assert_eq!(r.result, format!("已认领 {number}"));
    assert_eq!(r.item, Some(number));
    assert_eq!(
        store.found_item(phone_id).unwrap().claim.unwrap().report,
        Some(rn)
    );
    assert!(store.loss_reports(true, 10).unwrap().is_empty());
    // The claimed phone is no longer offered to anyone.
    assert!(
        store
            .loss_matches(&report.sought())
            .unwrap()
            .iter()
            .all(|(m, _)| m.id != phone_id)
    );
}

#[test]
fn today_lists_id_cards_at_once_and_items_the_day_after_their_period() {
    let (_dir, mut store) = desk();
    signs_in(&mut store, "刘洋");
    let found = at(11, 1, 8);
    store.add_found_item(&umbrella(found), &rec(found)).unwrap();
    let mut card = umbrella(at(11, 29, 8));
    card.category = Category::Document;
    card.valuables = vec![Valuable::IdCard];
    card.witnesses = vec!["张敏".into(), "李娜".into()];
    store.add_found_item(&card, &rec(at(11, 29, 8))).unwrap();
    let kinds = |now: NaiveDateTime| -> Vec<&'static str> {
        let mut k: Vec<_> = store
            .today(now)
            .unwrap()
            .into_iter()
            .filter(|i| i.kind == "证件上交" || i.kind == "拾遗到期")
            .map(|i| i.kind)
            .collect();
        k.sort();
        k
    };
    assert_eq!(kinds(at(11, 29, 9)), ["证件上交"]);
    // Found 1 November, kept 90 days to 30 January: on the list from 31 January.
    let end = NaiveDate::from_ymd_opt(2027, 1, 30)
        .unwrap()
        .and_hms_opt(17, 0, 0)
        .unwrap();
    assert_eq!(kinds(end), ["证件上交"]);
    assert_eq!(kinds(end + Duration::hours(8)), ["拾遗到期", "证件上交"]);
}
