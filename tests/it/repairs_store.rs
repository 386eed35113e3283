//! Repair orders on a real temporary SQLite file: numbering, the life of an order, the lists,
//! the daily report.

use crate::common::{SUPERVISOR, clerk, signs_in, temp_store, unit};
use chrono::{NaiveDate, NaiveDateTime};
use wuye_desk::domain::repair::{
    Callback, Channel, Charges, Confirmation, Intake, Material, Nonconformity, OrderNumber,
    Overdue, Payment, Place, Qty, Rating, Receipt, RepairId, RepairState, Step,
};
use wuye_desk::domain::settings::Deadlines;
use wuye_desk::domain::staff::{Recorded, Role, Staff, StaffId};
use wuye_desk::domain::{Fen, Mobile, UnitAddress};
use wuye_desk::store::{RepairFilter, Store, StoreError};

fn at(m: u32, d: u32, h: u32, min: u32, s: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, m, d)
        .and_then(|d| d.and_hms_opt(h, min, s))
        .expect("time")
}

fn rec(t: NaiveDateTime) -> Recorded {
    Recorded { at: t, ..clerk() }
}

fn tap(store: &Store) -> Intake {
    let a = UnitAddress::parse("3-2-1502").unwrap();
    let u = store.unit_at(a).unwrap().expect("unit");
    Intake {
        place: Place::Unit {
            id: u.id,
            address: a,
        },
        reporter: "王建国".into(),
        phone: Mobile::parse("13812345678").ok(),
        channel: Channel::Call,
        category: "给排水".into(),
        description: "厨房水龙头漏水".into(),
        appointment: at(11, 29, 14, 0, 0),
        chargeable: true,
        quote: "更换水龙头阀芯 35元，人工费 20元".into(),
        quote_amount: Fen(5500),
    }
}

fn setup() -> (tempfile::TempDir, Store, StaffId) {
    let (dir, mut store) = temp_store();
    store.add_unit(&unit("3-2-1502"), &clerk()).unwrap();
    let tech = store
        .add_staff(
            &Staff {
                name: "陈刚".into(),
                role: Role::Technician,
                phone: None,
                active: true,
            },
            &clerk(),
        )
        .unwrap();
    (dir, store, tech)
}

#[test]
fn numbers_run_per_month_without_gaps_across_the_boundary() {
    let (_dir, mut store, _) = setup();
    let intake = tap(&store);
    let mut numbers = Vec::new();
    for t in [at(11, 30, 23, 59, 58), at(11, 30, 23, 59, 59)] {
        numbers.push(store.add_repair(&intake, &rec(t)).unwrap().1.to_string());
    }
    // A refused intake must not use up a number.
    let mut bad = intake.clone();
    bad.description = "  ".into();
    assert!(matches!(
        store.add_repair(&bad, &rec(at(12, 1, 0, 0, 0))),
        Err(StoreError::Conflict(_))
    ));
    for t in [at(12, 1, 0, 0, 0), at(12, 1, 8, 0, 0)] {
        numbers.push(store.add_repair(&intake, &rec(t)).unwrap().1.to_string());
    }
    assert_eq!(
        numbers,
        [
            "WX-202611-0001",
            "WX-202611-0002",
            "WX-202612-0001",
            "WX-202612-0002"
        ]
    );
    let n = OrderNumber::parse("WX-202612-0002").unwrap();
    assert_eq!(
        store
            .repair_by_number(&n)
            .unwrap()
            .unwrap()
            .order
            .received_at,
        at(12, 1, 8, 0, 0)
    );
}

fn full_life(store: &mut Store, id: RepairId, tech: StaffId) {
    let t = |m| rec(at(11, 29, 14, m, 0));
    store
        .repair_step(
            id,
            &Step::Dispatch {
                technician: tech,
                name: "陈刚".into(),
            },
            &t(1),
        )
        .unwrap();
    store.repair_step(id, &Step::Arrive, &t(10)).unwrap();
    // The technical review is the team lead's.
    signs_in(store, "黄涛");
    store.repair_step(id, &Step::Review, &t(15)).unwrap();
    signs_in(store, SUPERVISOR);
    store.repair_step(id, &Step::Arrive, &t(40)).unwrap();
    let charges = Charges {
        materials: vec![Material {
            name: "水龙头阀芯".into(),
            spec: "DN15".into(),
            model: "陶瓷".into(),
            qty: Qty(100),
            unit: "个".into(),
            price: Fen(3500),
        }],
        labour: Fen(2000),
        payment: Some(Payment::Cash),
        receipt: Some(Receipt::Receipt),
    };
    store
        .save_repair_work(id, "更换阀芯，试水不漏", &charges, &t(50))
        .unwrap();
    store.repair_step(id, &Step::Complete, &t(55)).unwrap();
}

#[test]
fn an_order_goes_from_the_call_to_closed_and_the_unit_history_shows_it() {
    let (_dir, mut store, tech) = setup();
    let (id, number) = store
        .add_repair(&tap(&store), &rec(at(11, 29, 13, 50, 0)))
        .unwrap();
    // Refused: arriving before dispatch.
    let e = store.repair_step(id, &Step::Arrive, &clerk()).unwrap_err();
    assert_eq!(e.to_string(), "待派单的维修单不能到场：请先派单");
    full_life(&mut store, id, tech);
    // Closing with blanks lists what is missing.
    let e = store.repair_step(id, &Step::Close, &clerk()).unwrap_err();
    assert!(e.to_string().contains("业主满意度评价、回访记录"), "{e}");
    let t = rec(at(11, 29, 15, 0, 0));
    store
        .rate_repair(
            id,
            &Confirmation {
                rating: Rating::Satisfied,
                comment: "师傅很细心".into(),
                by: "王建国".into(),
                at: t.at,
            },
            &t,
        )
        .unwrap();
    let cb = Callback {
        note: "业主表示已不漏水".into(),
        nonconformity: Some(Nonconformity {
            department: "工程部".into(),
            problem: "台面有水渍未清理".into(),
            correction: String::new(),
        }),
    };
    store
        .record_callback(id, &cb, &rec(at(11, 29, 16, 0, 0)))
        .unwrap();
    let e = store.repair_step(id, &Step::Close, &clerk()).unwrap_err();
    assert!(e.to_string().ends_with("还缺：不合格项纠正情况"), "{e}");
    let mut fixed = cb.clone();
    if let Some(nc) = &mut fixed.nonconformity {
        nc.correction = "已派保洁清理".into();
    }
    store
        .record_callback(id, &fixed, &rec(at(11, 29, 17, 0, 0)))
        .unwrap();
    assert_eq!(
        store
            .repair_step(id, &Step::Close, &rec(at(11, 29, 17, 5, 0)))
            .unwrap(),
        RepairState::Closed
    );
    let r = store.repair(id).unwrap().order;
    assert_eq!(r.number, number);
    assert_eq!(r.charges.total(), Some(Fen(5500)));
    assert_eq!(
        r.arrived_at,
        Some(at(11, 29, 14, 10, 0)),
        "the first arrival stays"
    );
    assert_eq!(r.callback_at, Some(at(11, 29, 16, 0, 0)));
    assert_eq!(
        r.confirmation.as_ref().map(|c| c.rating),
        Some(Rating::Satisfied)
    );
    let states: Vec<_> = r.events.iter().map(|e| e.state.label()).collect();
    assert_eq!(
        states,
        [
            "待派单",
            "已派单",
            "已到场",
            "待评审",
            "已到场",
            "已到场",
            "已完工",
            "已完工",
            "已回访",
            "已回访",
            "已关闭"
        ]
    );
    // Each step names who signed it: the review is the team lead's.
    let by: Vec<&str> = r.events.iter().map(|e| e.by_name.as_str()).collect();
    assert_eq!(by[3], "黄涛", "{by:?}");
    assert!(
        by.iter().enumerate().all(|(i, n)| i == 3 || *n == "测试员"),
        "{by:?}"
    );
    let log = store
        .unit_log(r.intake.place_unit().expect("unit"))
        .unwrap();
    let repairs: Vec<_> = log.iter().filter(|e| e.kind == "报修").collect();
    assert!(repairs.len() >= 10, "{repairs:?}");
    assert!(
        repairs
            .iter()
            .any(|e| e.text == format!("{number} 已关闭：维修单关闭"))
    );
    // Closed is final.
    assert!(
        store
            .repair_step(id, &Step::Cancel { reason: "x".into() }, &clerk())
            .is_err()
    );
}

#[test]
fn overdue_counts_follow_the_deadline_edges_and_the_lists_find_orders() {
    let (_dir, mut store, tech) = setup();
    let d = Deadlines::default();
    let intake = tap(&store); // appointment 14:00
    let (late, _) = store
        .add_repair(&intake, &rec(at(11, 29, 13, 0, 0)))
        .unwrap();
    let (done, _) = store
        .add_repair(&intake, &rec(at(11, 29, 13, 1, 0)))
        .unwrap();
    full_life(&mut store, done, tech); // completed 14:55
    let mut public = intake.clone();
    public.place = Place::Public {
        location: "5号楼1单元电梯厅".into(),
        officer: tech,
        officer_name: "陈刚".into(),
    };
    public.appointment = at(11, 29, 20, 0, 0);
    store
        .add_repair(&public, &rec(at(11, 29, 13, 2, 0)))
        .unwrap();

    assert_eq!(
        store
            .overdue_repair_count(&d, at(11, 29, 14, 14, 59))
            .unwrap(),
        0
    );
    assert_eq!(
        store
            .overdue_repair_count(&d, at(11, 29, 14, 15, 1))
            .unwrap(),
        1
    );
    let page = store
        .repair_list(&RepairFilter::Overdue, &d, at(11, 29, 14, 15, 1), 0, 20)
        .unwrap();
    assert_eq!(page.rows.len(), 1);
    assert_eq!(page.rows[0].id, late);
    assert_eq!(
        page.rows[0].overdue,
        Some(Overdue::Dispatch),
        "never dispatched: late for dispatch"
    );
    // A day after completion the callback is overdue too.
    let next_day = at(11, 30, 14, 55, 1);
    assert_eq!(store.overdue_repair_count(&d, next_day).unwrap(), 3);

    let open = store
        .repair_list(&RepairFilter::Open, &d, next_day, 0, 20)
        .unwrap();
    assert_eq!(open.total, 3);
    for (text, want) in [
        ("WX-202611-0002", 1),
        ("wx-202611", 3),
        ("3-2-1502", 2),
        ("1502", 2),
        // Typed on the way to 3-2-1502: its orders stay listed.
        ("3-2-15", 2),
        ("3-2-16", 0),
        ("电梯厅", 1),
        ("9-9-0909", 0),
    ] {
        let page = store
            .repair_list(&RepairFilter::Search(text.into()), &d, next_day, 0, 20)
            .unwrap();
        assert_eq!(page.total, want, "{text}");
    }

    let report = store
        .repair_day_report(at(11, 29, 0, 0, 0).date(), &d, next_day)
        .unwrap();
    assert_eq!(report.in_home.new, 2);
    assert_eq!(report.in_home.completed, 1);
    assert_eq!(report.in_home.open, 1);
    assert_eq!(report.in_home.overdue, 1);
    assert_eq!(report.in_home.unrated, 1);
    assert_eq!(report.public.new, 1);
    assert_eq!(
        report.public.overdue, 1,
        "public appointment 20:00 never attended"
    );
}

#[test]
fn categories_are_editable_and_default_to_the_procedure() {
    let (_dir, mut store, _) = setup();
    assert_eq!(
        store.repair_categories().unwrap(),
        ["给排水", "电气", "门窗", "燃气", "公共设施", "其他"]
    );
    store
        .save_repair_categories(&["给排水".into(), " ".into(), "电梯".into()], &clerk())
        .unwrap();
    assert_eq!(store.repair_categories().unwrap(), ["给排水", "电梯"]);
}
