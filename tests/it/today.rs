//! 今日 on a real temporary SQLite file: each tab's contribution to the board (repairs, passes,
//! feedback, keys, vacancy inspections, overdue bills), the order of urgency, and `wuye-desk today`.

use crate::common::fees::{db_file, insert_bill_lines_fixture};
use crate::common::november::{at, by};
use crate::common::{SUPERVISOR, add_staff, clerk, key_of_0301, signs_in, temp_store, unit};
use chrono::{NaiveDate, NaiveDateTime};
use wuye_desk::domain::item_pass::{ApplicantKind, ItemPass, PassItem, PassReason};
use wuye_desk::domain::keys::{BorrowerOrg, KeyLoan, due_back};
use wuye_desk::domain::repair::{Channel, Intake, Place, RepairId, Step};
use wuye_desk::domain::staff::{Role, StaffId};
use wuye_desk::domain::today::{OpenRecord, TodayItem};
use wuye_desk::domain::unit::{UnitId, UnitStatus};
use wuye_desk::domain::vacancy::{Basement, Inspection, InspectionKind};
use wuye_desk::domain::{Fen, Mobile, UnitAddress};
use wuye_desk::store::Store;

/// 1 December 2026 at `h:m`.
fn dec1(h: u32, m: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 12, 1)
        .and_then(|d| d.and_hms_opt(h, m, 0))
        .unwrap()
}

/// The lines of one tag.
fn of(store: &Store, now: NaiveDateTime, kind: &str) -> Vec<TodayItem> {
    store
        .today(now)
        .unwrap()
        .into_iter()
        .filter(|i| i.kind == kind)
        .collect()
}

fn add(store: &mut Store, address: &str, status: UnitStatus) -> UnitId {
    let mut u = unit(address);
    u.status = status;
    store.add_unit(&u, &clerk()).unwrap()
}

/// A leaking tap at 3-2-1502, appointment 30 November at 10:00, taken at 9:00.
fn leak(store: &mut Store, unit: UnitId) -> RepairId {
    let intake = Intake {
        place: Place::Unit {
            id: unit,
            address: UnitAddress::parse("3-2-1502").unwrap(),
        },
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
    store
        .add_repair(&intake, &by("张敏", at(30, 9, 0)))
        .unwrap()
        .0
}

#[test]
fn a_repair_shows_from_an_hour_before_each_deadline_and_turns_late_after_it() {
    let (_dir, mut store) = temp_store();
    let u = add(&mut store, "3-2-1502", UnitStatus::Occupied);
    let tech: StaffId = add_staff(&mut store, "陈刚", Role::Technician);
    let id = leak(&mut store, u);
    // Due for dispatch at 10:15 (appointment + 15 min): on the board from 9:15.
    assert!(of(&store, at(30, 9, 14), "报修派单").is_empty());
    let lines = of(&store, at(30, 9, 15), "报修派单");
    assert_eq!(lines.len(), 1, "{lines:?}");
    let l = &lines[0];
    assert_eq!(l.due_at, at(30, 10, 15));
    assert_eq!(l.lateness(at(30, 9, 15)), "还剩 1 小时");
    assert_eq!(l.place, "3-2-1502");
    assert_eq!(l.who, "报修人 王建国");
    assert!(l.what.ends_with("给排水：厨房水龙头漏水"), "{}", l.what);
    assert!(l.what.starts_with("WX-202611-"), "{}", l.what);
    assert_eq!(l.open, OpenRecord::Repair(id));
    // Dispatched at 9:30: now the technician's arrival, late after 10:15.
    store
        .repair_step(
            id,
            &Step::Dispatch {
                technician: tech,
                name: "陈刚".into(),
            },
            &by("张敏", at(30, 9, 30)),
        )
        .unwrap();
    assert!(of(&store, at(30, 10, 20), "报修派单").is_empty());
    let late = &of(&store, at(30, 10, 20), "报修到场")[0];
    assert_eq!(late.who, "维修 陈刚");
    assert!(late.overdue(at(30, 10, 20)));
    assert_eq!(late.lateness(at(30, 10, 20)), "已超时 5 分钟");
    // On site: no clock runs. Completed at 10:50: the callback is due a day later, shown
    // from four hours before.
    store
        .repair_step(id, &Step::Arrive, &by("张敏", at(30, 10, 25)))
        .unwrap();
    assert!(store.today(at(30, 10, 30)).unwrap().is_empty());
    store
        .repair_step(id, &Step::Complete, &by("张敏", at(30, 10, 50)))
        .unwrap();
    assert!(of(&store, dec1(6, 49), "报修回访").is_empty());
    let call = &of(&store, dec1(6, 50), "报修回访")[0];
    assert_eq!(call.due_at, dec1(10, 50));
    assert_eq!(call.who, "报修人 王建国");
}

fn pass(planned: NaiveDate) -> ItemPass {
    ItemPass {
        kind: ApplicantKind::Owner,
        unit: UnitAddress::parse("3-2-1502").ok(),
        applicant: "王建国".into(),
        phone: Mobile::parse("13812345678").unwrap(),
        authorisation: String::new(),
        certificate_issuer: String::new(),
        certificate: String::new(),
        items: vec![PassItem {
            name: "沙发".into(),
            quantity: 1,
            note: String::new(),
        }],
        reason: PassReason::MovingOut,
        reason_note: String::new(),
        vehicle: None,
        planned,
    }
}

#[test]
fn a_pass_planned_for_today_and_not_released_is_due_by_the_end_of_the_day() {
    let (_dir, mut store) = temp_store();
    add(&mut store, "3-2-1502", UnitStatus::Occupied);
    signs_in(&mut store, "张敏");
    let (today, number) = store
        .add_item_pass(&pass(at(30, 0, 0).date()), &by("张敏", at(30, 8, 0)))
        .unwrap();
    store
        .add_item_pass(&pass(at(29, 0, 0).date()), &by("张敏", at(28, 8, 0)))
        .unwrap();
    store
        .add_item_pass(&pass(dec1(0, 0).date()), &by("张敏", at(30, 8, 5)))
        .unwrap();
    let lines = of(&store, at(30, 10, 0), "放行待批");
    assert_eq!(lines.len(), 1, "only today's: {lines:?}");
    let l = &lines[0];
    assert_eq!(l.what, format!("{number} 搬家：沙发 1"));
    assert_eq!(l.place, "3-2-1502");
    assert_eq!(l.who, "申请人 王建国");
    assert_eq!(l.due_at, dec1(0, 0));
    assert_eq!(l.lateness(at(30, 10, 0)), "还剩 14 小时");
    assert_eq!(l.open, OpenRecord::Pass(today.0));
    signs_in(&mut store, SUPERVISOR);
    store
        .void_pass(today, "业主改期", &by("张敏", at(30, 11, 0)))
        .unwrap();
    assert!(of(&store, at(30, 11, 0), "放行待批").is_empty(), "voided");
}

#[test]
fn a_key_out_past_its_due_time_is_on_the_board_with_its_borrower() {
    let (_dir, mut store) = temp_store();
    add(&mut store, "5-1-0301", UnitStatus::Occupied);
    let key = store.add_key(&key_of_0301(), &clerk()).unwrap();
    let settings = store.key_settings().unwrap();
    signs_in(&mut store, "郑军");
    let loan = KeyLoan {
        borrower: "陈刚".into(),
        phone: Mobile::parse("13803710006").unwrap(),
        org: BorrowerOrg::Repair,
        purpose: "维修水管".into(),
        approver: String::new(),
        out_at: at(30, 9, 0),
        due_at: due_back(BorrowerOrg::Repair, at(30, 9, 0), None, &settings).unwrap(),
    };
    store
        .lend_key(key, &loan, &by("郑军", at(30, 9, 0)))
        .unwrap();
    assert!(
        of(&store, at(30, 18, 0), "钥匙逾期").is_empty(),
        "due at 18:00"
    );
    let lines = of(&store, at(30, 18, 1), "钥匙逾期");
    assert_eq!(lines.len(), 1);
    let l = &lines[0];
    assert_eq!(l.place, "5-1-0301");
    assert_eq!(l.who, "借用人 陈刚");
    assert_eq!(l.what, "挂钩 A-001 的钥匙未归还（维修水管）");
    assert_eq!(l.lateness(at(30, 18, 1)), "已超时 1 分钟");
    assert_eq!(l.open, OpenRecord::KeySet(key.0));
}

#[test]
fn vacant_units_and_basements_not_inspected_this_month_are_counted_per_building() {
    let (_dir, mut store) = temp_store();
    let inspected = add(&mut store, "5-1-0301", UnitStatus::Vacant);
    add(&mut store, "5-1-0302", UnitStatus::Unsold);
    add(&mut store, "3-2-1502", UnitStatus::Occupied);
    store
        .add_basement(
            &Basement {
                building: 5,
                name: "5号楼地下室".into(),
                note: String::new(),
                active: true,
            },
            &clerk(),
        )
        .unwrap();
    let lines = of(&store, at(20, 10, 0), "空置房检查");
    assert_eq!(lines.len(), 1, "building 3 has nothing vacant: {lines:?}");
    let l = &lines[0];
    assert_eq!(l.place, "5号楼");
    assert_eq!(l.what, "空置房 2 套、地下室 1 处本月未检查");
    assert_eq!(l.who, "未分配客服专员");
    assert_eq!(l.due_at, dec1(0, 0), "by the month's end");
    assert_eq!(l.lateness(at(20, 0, 0)), "还剩 11 天");
    assert_eq!(l.open, OpenRecord::Vacancy { building: 5 });
    let walk = Inspection {
        date: at(20, 0, 0).date(),
        kind: InspectionKind::Monthly,
        abnormal_items: [false; 6],
        readings: [Some(100), Some(100), None],
        changes: [None; 3],
        follow_up: None,
        note: String::new(),
    };
    store
        .add_vacancy_inspection(inspected, &walk, &clerk())
        .unwrap();
    let l = &of(&store, at(20, 10, 0), "空置房检查")[0];
    assert_eq!(l.what, "空置房 1 套、地下室 1 处本月未检查");
}

#[test]
fn units_owing_bills_of_past_months_are_counted_per_building() {
    let (dir, mut store) = temp_store();
    for a in ["3-2-1502", "3-2-1501", "5-1-0301"] {
        add(&mut store, a, UnitStatus::Occupied);
    }
    let db = db_file(&dir);
    insert_bill_lines_fixture(&db, "3-2-1502", "WYF", &["2026-10", "2026-09"], 10_000);
    insert_bill_lines_fixture(&db, "3-2-1501", "WYF", &["2026-08"], 5_000);
    // This month's bill is not overdue yet.
    insert_bill_lines_fixture(&db, "5-1-0301", "WYF", &["2026-11"], 10_000);
    let lines = of(&store, at(30, 10, 0), "欠费");
    assert_eq!(lines.len(), 1, "{lines:?}");
    let l = &lines[0];
    assert_eq!(l.place, "3号楼");
    assert_eq!(l.what, "2 户往月账单未缴，合计 ¥250.00");
    assert_eq!(l.due_at, at(1, 0, 0));
    assert!(l.overdue(at(30, 10, 0)));
    assert_eq!(l.open, OpenRecord::Arrears { building: Some(3) });
}

#[test]
fn a_matter_shows_from_four_hours_before_its_answer_and_a_major_one_from_an_hour_before_its_report()
{
    use wuye_desk::domain::feedback::{Category, Intake as Matter, Severity, Where};
    let (_dir, mut store) = temp_store();
    let u = add(&mut store, "3-2-1502", UnitStatus::Occupied);
    let matter = |severity| Matter {
        channel: wuye_desk::domain::feedback::Channel::Phone,
        name: "王建国".into(),
        phone: Mobile::parse("13812345678").ok(),
        person: None,
        place: Where::Unit {
            id: u,
            address: UnitAddress::parse("3-2-1502").unwrap(),
        },
        content: "楼上装修噪音".into(),
        category: Category::Complaint,
        severity,
        received_at: at(30, 10, 0),
        received_by_name: "张敏".into(),
        officer: None,
    };
    let rec = by("张敏", at(30, 10, 0));
    let (id, number, _) = store
        .add_feedback(&matter(Severity::General), &rec)
        .unwrap();
    // The answer is due 24 h after it came in: on the board from 4 hours before.
    assert!(of(&store, dec1(5, 59), "答复客户").is_empty());
    let lines = of(&store, dec1(6, 0), "答复客户");
    assert_eq!(lines.len(), 1, "{lines:?}");
    let l = &lines[0];
    assert_eq!(l.due_at, dec1(10, 0));
    assert_eq!(l.who, "反映人 王建国");
    assert_eq!(l.place, "3-2-1502");
    assert_eq!(l.what, format!("{number} 投诉：楼上装修噪音"));
    assert_eq!(l.open, OpenRecord::Feedback(id.0));
    assert!(l.overdue(dec1(10, 1)) && !l.overdue(dec1(10, 0)));
    // Answered: off the board.
    store
        .answer_feedback(id, "已联系楼上", &by("张敏", dec1(9, 0)))
        .unwrap();
    assert!(of(&store, dec1(10, 1), "答复客户").is_empty());
    // A major matter is reported up within 2 hours: on the board from an hour before.
    let (major, _, _) = store.add_feedback(&matter(Severity::Major), &rec).unwrap();
    assert!(of(&store, at(30, 10, 59), "反馈上报").is_empty());
    let up = of(&store, at(30, 11, 0), "反馈上报");
    assert_eq!(up.len(), 1, "{up:?}");
    assert_eq!(up[0].due_at, at(30, 12, 0));
    assert_eq!(up[0].open, OpenRecord::Feedback(major.0));
    assert!(up[0].what.contains("投诉（重大）"), "{}", up[0].what);
}

#[test]
fn the_board_puts_the_most_overdue_first_then_the_soonest_due() {
    let (dir, mut store) = temp_store();
    let u = add(&mut store, "3-2-1502", UnitStatus::Occupied);
    add(&mut store, "5-1-0301", UnitStatus::Vacant);
    leak(&mut store, u);
    insert_bill_lines_fixture(&db_file(&dir), "3-2-1502", "WYF", &["2026-10"], 10_000);
    let kinds: Vec<&str> = store
        .today(at(30, 10, 0))
        .unwrap()
        .iter()
        .map(|i| i.kind)
        .collect();
    assert_eq!(kinds, ["欠费", "报修派单", "空置房检查"]);
}

#[test]
fn the_command_line_prints_one_line_an_item_without_signing_in() {
    let (dir, mut store) = temp_store();
    let u = add(&mut store, "3-2-1502", UnitStatus::Occupied);
    leak(&mut store, u);
    drop(store);
    let db = db_file(&dir);
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_wuye-desk"))
        .args([
            "--db",
            db.to_str().unwrap(),
            "today",
            "--at",
            "2026-11-30 12:15",
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 1, "{text}");
    assert!(
        lines[0].starts_with("2026-11-30 10:15  已超时 2 小时  报修派单  3-2-1502  WX-202611-"),
        "{text}"
    );
    assert!(
        lines[0].ends_with("给排水：厨房水龙头漏水  报修人 王建国"),
        "{text}"
    );
    let bad = std::process::Command::new(env!("CARGO_BIN_EXE_wuye-desk"))
        .args([
            "--db",
            db.to_str().unwrap(),
            "today",
            "--at",
            "2026-13-01 09:00",
        ])
        .output()
        .unwrap();
    assert!(!bad.status.success());
    assert!(
        String::from_utf8_lossy(&bad.stderr).contains("--at “2026-13-01 09:00”"),
        "{}",
        String::from_utf8_lossy(&bad.stderr)
    );
}
