//! The 今日 tab driven through the iced_test simulator on the real view: the desk opens on it,
//! its label counts what is late, it moves on with the clock, and clicking a line opens that
//! record in its own tab.

use crate::common::ui::{click, shows};
use crate::common::{add_staff, clerk, key_of_0301, owner, signs_in, temp_store, unit};
use chrono::{NaiveDate, NaiveDateTime};
use wuye_desk::domain::keys::{BorrowerOrg, KeyLoan, due_back};
use wuye_desk::domain::repair::{Channel, Intake, Place, RepairId};
use wuye_desk::domain::staff::{Recorded, Role};
use wuye_desk::domain::unit::UnitStatus;
use wuye_desk::domain::{Fen, Mobile, UnitAddress};
use wuye_desk::store::{KeyId, Store};
use wuye_desk::ui::vacancy::Pane;
use wuye_desk::ui::{Clock, Desk, Tab};

fn at(d: u32, h: u32, m: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 11, d)
        .and_then(|d| d.and_hms_opt(h, m, 0))
        .unwrap()
}

fn rec(t: NaiveDateTime) -> Recorded {
    Recorded { at: t, ..clerk() }
}

/// 3-2-1502 with a leaking tap (appointment 30 November 10:00, due 10:15); 5-1-0301 vacant
/// with its key out to 陈刚 since 9:00 (due back 18:00). The receptionist 张敏 is at the desk,
/// whose clock reads `now`.
fn desk_at(now: NaiveDateTime) -> (tempfile::TempDir, Desk, RepairId, KeyId) {
    let (dir, mut store) = temp_store();
    add_staff(&mut store, "张敏", Role::Receptionist);
    let a = UnitAddress::parse("3-2-1502").unwrap();
    let u = store.add_unit(&unit("3-2-1502"), &clerk()).unwrap();
    store
        .add_person(u, &owner("王建国", "13812345678"), &clerk())
        .unwrap();
    let mut vacant = unit("5-1-0301");
    vacant.status = UnitStatus::Vacant;
    store.add_unit(&vacant, &clerk()).unwrap();
    let intake = Intake {
        place: Place::Unit { id: u, address: a },
        reporter: "王建国".into(),
        phone: Mobile::parse("13812345678").ok(),
        channel: Channel::Call,
        category: "给排水".into(),
        description: "厨房水龙头漏水".into(),
        appointment: at(30, 10, 0),
        chargeable: false,
        quote: String::new(),
        quote_amount: Fen(0),
    };
    let repair = store.add_repair(&intake, &rec(at(30, 9, 0))).unwrap().0;
    let key = lend(&mut store);
    signs_in(&mut store, "张敏");
    let mut desk = Desk::new(store, None).unwrap();
    desk.set_clock(Clock::Fixed(now));
    (dir, desk, repair, key)
}

fn lend(store: &mut Store) -> KeyId {
    let key = store.add_key(&key_of_0301(), &clerk()).unwrap();
    let settings = store.key_settings().unwrap();
    let loan = KeyLoan {
        borrower: "陈刚".into(),
        phone: Mobile::parse("13803710006").unwrap(),
        org: BorrowerOrg::Repair,
        purpose: "维修水管".into(),
        approver: String::new(),
        out_at: at(30, 9, 0),
        due_at: due_back(BorrowerOrg::Repair, at(30, 9, 0), None, &settings).unwrap(),
    };
    signs_in(store, "郑军");
    store.lend_key(key, &loan, &rec(at(30, 9, 0))).unwrap();
    key
}

/// The text of the 今日 line of this tag, as on screen.
fn what(desk: &Desk, kind: &str) -> String {
    desk.today()
        .items()
        .iter()
        .find(|i| i.kind == kind)
        .unwrap_or_else(|| panic!("no {kind} line: {:?}", desk.today().items()))
        .what
        .clone()
}

#[test]
fn the_desk_opens_on_today_and_a_late_repair_opens_in_its_tab() {
    let (_dir, mut desk, repair, _) = desk_at(at(30, 10, 20));
    assert_eq!(desk.tab(), Tab::Today, "the first tab");
    assert_eq!(Tab::ALL[0], Tab::Today);
    assert_eq!(desk.tab_label(Tab::Today), "今日 (1)", "the repair is late");
    assert!(shows(&desk, "今日 (1)"));
    assert!(shows(&desk, "已超时 5 分钟"));
    assert!(shows(&desk, "报修派单"));
    assert!(shows(&desk, "报修人 王建国"));
    let line = what(&desk, "报修派单");
    click(&mut desk, &line);
    assert_eq!(desk.tab(), Tab::Repairs);
    let selected = desk.repairs().selected().expect("the order is open");
    assert_eq!(selected.id, repair);
    assert!(shows(&desk, &selected.order.number.to_string()));
}

#[test]
fn a_late_key_and_the_month_s_inspections_open_in_their_tabs() {
    let (_dir, mut desk, _, key) = desk_at(at(30, 18, 30));
    // The repair (10:15), the key (18:00) are late; the inspections are due by the month's end.
    assert_eq!(desk.tab_label(Tab::Today), "今日 (2)");
    let line = what(&desk, "钥匙逾期");
    click(&mut desk, &line);
    assert_eq!(desk.tab(), Tab::Keys);
    let s = desk.keys().selected().expect("the key is open");
    assert_eq!(s.key.id, key);
    assert!(s.open.is_some(), "its loan is shown");

    click(&mut desk, "今日 (2)");
    assert_eq!(desk.tab(), Tab::Today);
    assert!(shows(&desk, "5号楼"));
    let line = what(&desk, "空置房检查");
    click(&mut desk, &line);
    assert_eq!(desk.tab(), Tab::Vacancy);
    assert_eq!(desk.vacancy().pane(), Pane::Units);
    let units: Vec<String> = desk
        .vacancy()
        .units()
        .iter()
        .map(|v| v.unit.unit.address.short())
        .collect();
    assert_eq!(units, ["5-1-0301"], "building 5's vacant units");
}

#[test]
fn the_board_moves_on_with_the_clock_and_the_date() {
    let (_dir, mut desk, _, _) = desk_at(at(30, 9, 0));
    assert!(desk.today().items().iter().all(|i| i.kind != "报修派单"));
    assert_eq!(desk.tab_label(Tab::Today), "今日");
    // An hour before 10:15 the order appears, not yet late.
    desk.set_clock(Clock::Fixed(at(30, 9, 15)));
    assert!(shows(&desk, "还剩 1 小时"));
    assert_eq!(desk.tab_label(Tab::Today), "今日");
    // Left open overnight: by morning the key and the repair are late, and the month's
    // inspections belong to December now.
    desk.set_clock(Clock::Fixed(
        NaiveDate::from_ymd_opt(2026, 12, 1)
            .and_then(|d| d.and_hms_opt(8, 0, 0))
            .unwrap(),
    ));
    assert_eq!(desk.tab_label(Tab::Today), "今日 (2)");
    assert!(shows(&desk, "已超时 14 小时"), "the key, due at 18:00");
    let _ = desk.update(wuye_desk::ui::Message::Tick);
    assert_eq!(desk.tab_label(Tab::Today), "今日 (2)");
}

#[test]
fn overdue_bills_of_two_buildings_are_one_line_that_opens_the_estate_s_arrears() {
    let (dir, mut store) = temp_store();
    add_staff(&mut store, "张敏", Role::Receptionist);
    for a in ["3-2-1502", "5-1-0301"] {
        store.add_unit(&unit(a), &clerk()).unwrap();
    }
    let db = crate::common::fees::db_file(&dir);
    for (a, fen) in [("3-2-1502", 10_000), ("5-1-0301", 5_000)] {
        crate::common::fees::insert_bill_lines_fixture(&db, a, "WYF", &["2026-10"], fen);
    }
    signs_in(&mut store, "张敏");
    let mut desk = Desk::new(store, None).unwrap();
    desk.set_clock(Clock::Fixed(at(30, 10, 0)));
    let lines: Vec<_> = desk
        .today()
        .items()
        .iter()
        .filter(|i| i.kind == "欠费")
        .cloned()
        .collect();
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert_eq!(lines[0].place, "全小区");
    assert_eq!(lines[0].what, "2 户往月账单未缴（2 栋楼），合计 ¥150.00");
    click(&mut desk, &lines[0].what);
    assert_eq!(desk.tab(), Tab::Fees);
    assert_eq!(desk.fees().pane(), wuye_desk::ui::fees::Pane::Arrears);
    assert!(shows(&desk, "3-2-1502"), "building 3's owing unit");
    assert!(shows(&desk, "5-1-0301"), "and building 5's");
}
