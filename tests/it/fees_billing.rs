//! The fees standards and the monthly billing run on a real temporary file: each kind's amount
//! with the rounding rule, prices by month and unit kind, a mid-month start, vacancy days and
//! 视为入住, a rerun adding nothing, the prepaid balance, adjustments, the shared-utility loss
//! and a repair's charges posted at completion.

use crate::common::{SUPERVISOR, clerk, signs_in, temp_store, unit};
use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::Connection;
use wuye_desk::domain::fees::{FeeItem, LineId, Meter, Price, UnitKind};
use wuye_desk::domain::repair::{
    Channel, Charges, Intake, Material, Payment, Place, Qty, Receipt, RepairId, Step,
};
use wuye_desk::domain::staff::{Recorded, Role, Staff, StaffId};
use wuye_desk::domain::unit::{UnitId, UnitStatus};
use wuye_desk::domain::vacancy::{Inspection, InspectionKind};
use wuye_desk::domain::{Fen, Month, UnitAddress};
use wuye_desk::store::{
    AuditFilter, NewApplication, NewCharge, NewReading, ParkingSpace, Store, StoreError,
    UnitFeeBasis,
};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}
fn ym(y: i32, m: u32) -> Month {
    Month::new(y, m).unwrap()
}
fn at(m: u32, day: u32, h: u32) -> NaiveDateTime {
    d(2026, m, day).and_hms_opt(h, 0, 0).unwrap()
}

fn conflict(r: Result<impl std::fmt::Debug, StoreError>) -> String {
    match r {
        Err(StoreError::Conflict(m)) => m,
        other => panic!("expected a refusal, got {other:?}"),
    }
}

/// A unit billed from `from` (kind `kind`).
fn billed_unit(
    store: &mut Store,
    address: &str,
    area: i64,
    kind: UnitKind,
    from: NaiveDate,
) -> UnitId {
    let mut u = unit(address);
    u.area = wuye_desk::domain::Area(area);
    let id = store.add_unit(&u, &clerk()).unwrap();
    let basis = UnitFeeBasis {
        kind,
        billing_from: Some(from),
    };
    store.save_unit_fee_basis(id, &basis, &clerk()).unwrap();
    id
}

fn price(store: &mut Store, code: &str, kind: Option<UnitKind>, from: Month, fen: i64) {
    let item = store.fee_item(code).unwrap().id;
    let p = Price {
        item,
        unit_kind: kind,
        from,
        fen: Fen(fen),
    };
    store.set_price(&p, &clerk()).unwrap();
}

fn reading(unit: Option<UnitId>, meter: Meter, month: Month, value: i64) -> NewReading {
    NewReading {
        building: 3,
        unit,
        meter,
        month,
        reading: value,
        read_on: month.last_day(),
    }
}

/// One bill line as the tests read it back: (id, address, item code, amount, basis, paid).
type Line = (i64, String, String, i64, String, bool);

fn lines(store: &Store, month: Month, source: &str) -> Vec<Line> {
    let conn = Connection::open(store.path()).unwrap();
    let mut stmt = conn
        .prepare(
            "SELECT l.id, u.building || '-' || u.entrance || '-' || printf('%04d', u.room),
                    i.code, l.amount_fen, l.basis, l.receipt_id IS NOT NULL
             FROM bill_lines l JOIN units u ON u.id = l.unit_id JOIN fee_items i ON i.id = l.item_id
             WHERE l.month = ?1 AND l.source = ?2 ORDER BY l.id",
        )
        .unwrap();
    stmt.query_map(rusqlite::params![month.code(), source], |r| {
        Ok((
            r.get(0)?,
            r.get(1)?,
            r.get(2)?,
            r.get(3)?,
            r.get(4)?,
            r.get(5)?,
        ))
    })
    .unwrap()
    .collect::<Result<_, _>>()
    .unwrap()
}

fn line<'a>(all: &'a [Line], address: &str, code: &str) -> &'a Line {
    all.iter()
        .find(|l| l.1 == address && l.2 == code)
        .unwrap_or_else(|| panic!("no {code} line for {address}: {all:?}"))
}

#[test]
fn a_month_bills_each_kind_with_its_rounding_and_a_rerun_adds_nothing() {
    let (_dir, mut store) = temp_store();
    let early = d(2025, 1, 1);
    let a = billed_unit(&mut store, "3-2-1502", 12_540, UnitKind::Residence, early);
    let b = billed_unit(&mut store, "3-2-1501", 8_833, UnitKind::Shop, early);
    let c = billed_unit(
        &mut store,
        "3-2-1601",
        8_950,
        UnitKind::Residence,
        d(2026, 11, 16),
    );
    let mut unsold = unit("3-2-1701");
    unsold.status = UnitStatus::Unsold;
    store.add_unit(&unsold, &clerk()).unwrap();
    assert_eq!(store.unit_fee_basis(b).unwrap().kind, UnitKind::Shop);
    assert!(store.unit_log(c).unwrap()[0].text.contains("计费起始日"));

    // Prices by month (the newest not after November) and by kind (a shop's own wins).
    price(&mut store, "WYF", None, ym(2025, 1), 120);
    price(&mut store, "WYF", None, ym(2026, 7), 150);
    price(&mut store, "WYF", None, ym(2026, 12), 999);
    price(&mut store, "WYF", Some(UnitKind::Shop), ym(2026, 1), 135);
    price(&mut store, "CWF", None, ym(2026, 1), 15_000);
    price(&mut store, "SF", None, ym(2026, 1), 385);
    price(&mut store, "GTS", None, ym(2026, 1), 385);
    // Setting a month's price again replaces it (one row, not two).
    price(&mut store, "GTS", None, ym(2026, 1), 385);
    let wyf = store.fee_item("WYF").unwrap().id;
    assert_eq!(
        store.price_of(wyf, UnitKind::Office, ym(2026, 11)).unwrap(),
        Some(Fen(150))
    );
    assert_eq!(
        store.price_of(wyf, UnitKind::Shop, ym(2026, 11)).unwrap(),
        Some(Fen(135))
    );
    let gts = store.fee_item("GTS").unwrap().id;
    assert_eq!(
        store
            .fee_prices()
            .unwrap()
            .iter()
            .filter(|p| p.item == gts)
            .count(),
        1
    );

    // Two spaces: one all month, one from the 16th.
    for (number, from) in [("B1-023", d(2025, 1, 1)), ("b1-024", d(2026, 11, 16))] {
        let space = ParkingSpace {
            id: None,
            number: number.into(),
            place: "地下一层A区".into(),
            unit: Some(a),
            address: None,
            plates: "豫A12345".into(),
            from: Some(from),
            note: String::new(),
        };
        store.save_parking_space(&space, &clerk()).unwrap();
    }
    let mut dup = store.unit_parking_spaces(a).unwrap()[0].clone();
    dup.id = None;
    assert!(conflict(store.save_parking_space(&dup, &clerk())).contains("B1-023 已经登记过了"));

    // Water: 1502 used 12.5 t; 1501 has no October reading; the master used 20 t.
    let (oct, nov) = (ym(2026, 10), ym(2026, 11));
    let w = Meter::Water;
    store
        .record_readings(
            &[
                reading(Some(a), w, oct, 100_000),
                reading(Some(a), w, nov, 112_500),
                reading(Some(b), w, nov, 50_000),
                reading(None, w, oct, 1_000_000),
                reading(None, w, nov, 1_020_000),
            ],
            &clerk(),
        )
        .unwrap();

    let preview = store.billing_preview(nov).unwrap();
    assert_eq!((preview.units, preview.lines, preview.already), (3, 9, 0));
    assert_eq!(preview.partial.len(), 1);
    assert_eq!(preview.partial[0].1, "自11月16日起 15/30天计费");
    let warned = preview.warnings.join("\n");
    for w in [
        "垃圾清运费：2026-11 未设收费标准",
        "3号楼 水表 2户未抄表",
        "1户未售且未填计费起始日",
    ] {
        assert!(warned.contains(w), "{w} in {warned}");
    }

    let summary = store.run_billing(nov, &clerk()).unwrap();
    assert_eq!((summary.units, summary.lines), (3, 9));
    assert_eq!(summary.total, preview.total);
    let all = lines(&store, nov, "billing");
    let expect = [
        // 125.40 m² × ¥1.50 = ¥188.10; 88.33 m² × ¥1.35 = ¥119.2455 → ¥119.25.
        ("3-2-1502", "WYF", 18_810, "125.40㎡ × ¥1.50"),
        ("3-2-1501", "WYF", 11_925, "88.33㎡ × ¥1.35"),
        // 89.50 m² × ¥1.50 × 15/30 = ¥67.125 → ¥67.13.
        (
            "3-2-1601",
            "WYF",
            6_713,
            "89.50㎡ × ¥1.50，11月16日起 15/30天",
        ),
        // 12.5 t × ¥3.85 = ¥48.125 → ¥48.13.
        ("3-2-1502", "SF", 4_813, "用水 12.5吨 × ¥3.85"),
        // Loss 20 − 12.5 = 7.5 t over 303.23 m²: 1502's 125.40 m² share 3.102 t → ¥11.94.
        ("3-2-1502", "GTS", 1_194, "公共用水 分摊 3.102吨 × ¥3.85"),
        ("3-2-1501", "GTS", 841, "公共用水 分摊 2.185吨 × ¥3.85"),
        (
            "3-2-1601",
            "GTS",
            426,
            "公共用水 分摊 2.214吨 × ¥3.85，11月16日起 15/30天",
        ),
    ];
    for (addr, code, fen, basis) in expect {
        let l = line(&all, addr, code);
        assert_eq!((l.3, l.4.as_str()), (fen, basis), "{addr} {code}");
    }
    let spaces: Vec<(i64, &str)> = all
        .iter()
        .filter(|l| l.2 == "CWF")
        .map(|l| (l.3, l.4.as_str()))
        .collect();
    assert_eq!(
        spaces,
        [(15_000, "B1-023"), (7_500, "B1-024，11月16日起 15/30天")]
    );

    // The log has one row for the run, with its totals.
    let log = store.audit_log(&AuditFilter::default(), 0, 5).unwrap().rows;
    assert!(
        log[0]
            .what
            .starts_with("生成2026年11月账单：3户 9条 合计 ¥"),
        "{}",
        log[0].what
    );

    // Run again: nothing added twice; the preview says what is already there.
    let again = store.billing_preview(nov).unwrap();
    assert_eq!((again.lines, again.already), (0, 9));
    assert_eq!(store.run_billing(nov, &clerk()).unwrap().lines, 0);
    // 1501's October reading comes in late: the rerun adds only its water.
    store
        .record_readings(&[reading(Some(b), w, oct, 40_000)], &clerk())
        .unwrap();
    assert_eq!(store.run_billing(nov, &clerk()).unwrap().lines, 1);
    assert_eq!(lines(&store, nov, "billing").len(), 10);
}

#[test]
fn vacancy_days_pay_half_and_a_month_judged_lived_in_pays_in_full() {
    let (_dir, mut store) = temp_store();
    let mut u = unit("3-2-1502");
    u.status = UnitStatus::Vacant;
    let id = store.add_unit(&u, &clerk()).unwrap();
    let basis = UnitFeeBasis {
        kind: UnitKind::Residence,
        billing_from: Some(d(2025, 1, 1)),
    };
    store.save_unit_fee_basis(id, &basis, &clerk()).unwrap();
    price(&mut store, "WYF", None, ym(2026, 1), 150);
    let app = NewApplication {
        unit: id,
        owner_name: "王建国".into(),
        id_checked: true,
        from: d(2026, 5, 11),
        to: d(2026, 11, 10),
        reason: "在外地工作".into(),
        officer_opinion: "情况属实，同意".into(),
    };
    let app = store.apply_for_vacancy(&app, &clerk()).unwrap();
    store.approve_vacancy(app, "", &clerk()).unwrap();
    store
        .record_shut_off(app, [Some(0), Some(0), None], &clerk())
        .unwrap();
    let inspect = |day: NaiveDate, water: i64| Inspection {
        date: day,
        kind: InspectionKind::Monthly,
        abnormal_items: [false; 6],
        readings: [Some(water), Some(100), None],
        changes: [None; 3],
        follow_up: None,
        note: String::new(),
    };
    store
        .add_vacancy_inspection(id, &inspect(d(2026, 6, 5), 100), &clerk())
        .unwrap();
    store
        .add_vacancy_inspection(id, &inspect(d(2026, 7, 5), 1_300), &clerk())
        .unwrap();

    // November: 10 of 30 days at 50% → 5/6 of ¥134.25 = ¥111.875 → ¥111.88.
    let nov = store.billing_preview(ym(2026, 11)).unwrap();
    assert_eq!(nov.total, Fen(11_188));
    assert_eq!(
        nov.discounted,
        [(
            UnitAddress::parse("3-2-1502").unwrap(),
            "物业管理服务费 空置10天按50%".to_string()
        )]
    );
    for m in [6, 7, 11] {
        store.run_billing(ym(2026, m), &clerk()).unwrap();
    }
    let basis = |m| lines(&store, ym(2026, m), "billing")[0].clone();
    assert_eq!(basis(11).4, "89.50㎡ × ¥1.50，空置10天按50%");
    // June wholly vacant: half of ¥134.25 → ¥67.13; July judged lived in: in full.
    assert_eq!(
        (basis(6).3, basis(6).4.as_str()),
        (6_713, "89.50㎡ × ¥1.50，空置30天按50%")
    );
    assert_eq!(
        (basis(7).3, basis(7).4.as_str()),
        (13_425, "89.50㎡ × ¥1.50，空置期视为入住按100%")
    );
}

#[test]
fn the_prepaid_balance_pays_the_run_and_corrections_are_new_lines() {
    let (_dir, mut store) = temp_store();
    let a = billed_unit(
        &mut store,
        "3-2-1502",
        12_540,
        UnitKind::Residence,
        d(2025, 1, 1),
    );
    price(&mut store, "WYF", None, ym(2026, 1), 150);
    // ¥200 paid in earlier (as the payments pane records a 预存).
    let conn = Connection::open(store.path()).unwrap();
    conn.execute(
        "INSERT INTO prepayments (unit_id, amount_fen, note, at) VALUES (?1, 20000, '预存', '2026-10-01 09:00:00')",
        [a.0],
    )
    .unwrap();
    let summary = store.run_billing(ym(2026, 11), &clerk()).unwrap();
    assert_eq!(summary.prepaid_receipts, 1);
    let billed = lines(&store, ym(2026, 11), "billing");
    assert!(billed[0].5, "paid from the balance");
    let left: i64 = conn
        .query_row(
            "SELECT sum(amount_fen) FROM prepayments WHERE unit_id = ?1",
            [a.0],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(left, 20_000 - 18_810);

    // An adjustment: a new line pointing at the old one, never an edit.
    let target = LineId(billed[0].0);
    assert!(conflict(store.adjust_line(target, Fen(-1_000), " ", &clerk())).contains("原因"));
    assert!(conflict(store.adjust_line(target, Fen(0), "核减", &clerk())).contains("不能为0"));
    assert!(
        conflict(store.adjust_line(target, Fen(-20_000), "核减", &clerk())).contains("不能小于0")
    );
    let fix = store
        .adjust_line(target, Fen(-1_000), "面积核减", &clerk())
        .unwrap();
    let adj = lines(&store, ym(2026, 11), "adjustment");
    assert_eq!(
        (adj[0].0, adj[0].3, adj[0].4.as_str()),
        (fix.0, -1_000, "调整：面积核减")
    );
    let (adjusts, reason): (i64, String) = conn
        .query_row(
            "SELECT adjusts, reason FROM bill_lines WHERE id = ?1",
            [fix.0],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!((adjusts, reason.as_str()), (target.0, "面积核减"));
    assert_eq!(lines(&store, ym(2026, 11), "billing")[0].3, 18_810);
    assert!(conflict(store.adjust_line(fix, Fen(5), "再调", &clerk())).contains("原账单行"));

    // One-off charges: only one-off items, positive amounts.
    let (wyf, zxglf) = (
        store.fee_item("WYF").unwrap().id,
        store.fee_item("ZXGLF").unwrap().id,
    );
    let charge = |item, fen: i64| NewCharge {
        unit: a,
        item,
        month: ym(2026, 11),
        amount: Fen(fen),
        basis: "装修管理 一个月".into(),
    };
    assert!(conflict(store.post_charge(&charge(wyf, 100), &clerk())).contains("一次性"));
    assert!(conflict(store.post_charge(&charge(zxglf, 0), &clerk())).contains("大于0"));
    store.post_charge(&charge(zxglf, 30_000), &clerk()).unwrap();
    assert_eq!(lines(&store, ym(2026, 11), "charge")[0].3, 30_000);

    // A new item: its code is checked, a metered one needs a meter.
    let mut item = FeeItem {
        id: wuye_desk::domain::fees::FeeItemId(0),
        code: "wyf".into(),
        name: "物业费二".into(),
        kind: wuye_desk::domain::fees::FeeKind::PerArea,
        meter: None,
        vacancy_discount: false,
        active: true,
    };
    assert!(conflict(store.save_fee_item(&item, &clerk())).contains("已经用于"));
    item.code = "RQF".into();
    item.kind = wuye_desk::domain::fees::FeeKind::Metered;
    assert!(conflict(store.save_fee_item(&item, &clerk())).contains("水表或电表"));
    item.meter = Some(Meter::Water);
    store.save_fee_item(&item, &clerk()).unwrap();
    assert_eq!(store.fee_items().unwrap().last().unwrap().code, "RQF");
}

#[test]
fn the_shared_loss_rate_is_flagged_over_the_limit_and_readings_never_go_back() {
    let (_dir, mut store) = temp_store();
    let a = billed_unit(
        &mut store,
        "3-2-1502",
        12_540,
        UnitKind::Residence,
        d(2025, 1, 1),
    );
    let p = Meter::Power;
    let (sep, oct, nov) = (ym(2026, 9), ym(2026, 10), ym(2026, 11));
    store
        .record_readings(
            &[
                reading(Some(a), p, sep, 0),
                reading(Some(a), p, oct, 9_000),
                reading(Some(a), p, nov, 18_000),
                reading(None, p, sep, 0),
                reading(None, p, oct, 10_000),
                reading(None, p, nov, 20_500),
            ],
            &clerk(),
        )
        .unwrap();
    let m = conflict(store.record_readings(&[reading(Some(a), p, ym(2026, 12), 17_000)], &clerk()));
    assert!(
        m.contains("3-2-1502 电表") && m.contains("小于上月读数"),
        "{m}"
    );
    // Replacing a month's reading is allowed.
    store
        .record_readings(&[reading(None, p, nov, 21_000)], &clerk())
        .unwrap();

    let rows = store.readings(3, p, nov).unwrap();
    assert!(rows[0].unit.is_none(), "the master meter first");
    assert_eq!(
        (rows[0].reading, rows[0].used),
        (Some(21_000), Some(11_000))
    );
    assert_eq!(rows[1].used, Some(9_000));

    assert_eq!(store.loss_limit_percent().unwrap(), 10);
    let trend = store.utility_loss(3, p, nov).unwrap();
    assert_eq!(trend.len(), 12);
    assert_eq!(trend[0].month, ym(2025, 12));
    // October: 100 − 90 度 = 10.0%, not over 10%; November: 110 − 90 = 18.2%.
    let (o, n) = (&trend[10], &trend[11]);
    assert_eq!(
        (o.loss, o.rate_permille, o.over_limit),
        (Some(1_000), Some(100), false)
    );
    assert_eq!(
        (n.loss, n.rate_permille, n.over_limit),
        (Some(2_000), Some(182), true)
    );
    assert_eq!(trend[5].master, None);
    store.save_loss_limit_percent(20, &clerk()).unwrap();
    assert!(!store.utility_loss(3, p, nov).unwrap()[11].over_limit);
    assert!(conflict(store.save_loss_limit_percent(101, &clerk())).contains("0 到 100"));
}

fn repair(store: &mut Store, unit: UnitId, tech: StaffId, charges: &Charges) -> RepairId {
    let intake = Intake {
        place: Place::Unit {
            id: unit,
            address: UnitAddress::parse("3-2-1502").unwrap(),
        },
        reporter: "王建国".into(),
        phone: None,
        channel: Channel::Call,
        category: "给排水".into(),
        description: "厨房水龙头漏水".into(),
        appointment: at(11, 29, 14),
        chargeable: true,
        quote: "阀芯 35元，人工 20元".into(),
        quote_amount: Fen(5_500),
    };
    let t = |h| Recorded {
        at: at(11, 29, h),
        ..clerk()
    };
    let (id, _) = store.add_repair(&intake, &t(10)).unwrap();
    let dispatch = Step::Dispatch {
        technician: tech,
        name: "陈刚".into(),
    };
    store.repair_step(id, &dispatch, &t(11)).unwrap();
    store.repair_step(id, &Step::Arrive, &t(12)).unwrap();
    store
        .save_repair_work(id, "更换阀芯", charges, &t(13))
        .unwrap();
    store.repair_step(id, &Step::Complete, &t(14)).unwrap();
    id
}

#[test]
fn a_completed_repair_posts_its_charge_and_one_paid_on_the_spot_gets_a_receipt() {
    let (_dir, mut store) = temp_store();
    let a = billed_unit(
        &mut store,
        "3-2-1502",
        12_540,
        UnitKind::Residence,
        d(2025, 1, 1),
    );
    let staff = Staff {
        name: "陈刚".into(),
        role: Role::Technician,
        phone: None,
        active: true,
    };
    let tech = store.add_staff(&staff, &clerk()).unwrap();
    signs_in(&mut store, SUPERVISOR);
    let mut charges = Charges {
        materials: vec![Material {
            name: "水龙头阀芯".into(),
            spec: "DN15".into(),
            model: String::new(),
            qty: Qty(100),
            unit: "个".into(),
            price: Fen(3_500),
        }],
        labour: Fen(2_000),
        payment: None,
        receipt: None,
    };
    let first = repair(&mut store, a, tech, &charges);
    let posted = lines(&store, ym(2026, 11), "repair");
    assert_eq!(posted.len(), 1);
    assert_eq!(
        (
            posted[0].2.as_str(),
            posted[0].3,
            posted[0].4.as_str(),
            posted[0].5
        ),
        ("TYF", 5_500, "WX-202611-0001 维修材料及人工", false)
    );
    // The labour corrected after completion: the difference, as an adjustment; saved again
    // unchanged: nothing more.
    charges.labour = Fen(3_000);
    let later = Recorded {
        at: at(11, 29, 16),
        ..clerk()
    };
    store
        .save_repair_work(first, "更换阀芯", &charges, &later)
        .unwrap();
    store
        .save_repair_work(first, "更换阀芯，试水", &charges, &later)
        .unwrap();
    let adj = lines(&store, ym(2026, 11), "adjustment");
    assert_eq!(adj.len(), 1);
    assert_eq!(adj[0].3, 1_000);
    assert!(adj[0].4.contains("¥55.00 → ¥65.00"), "{}", adj[0].4);
    // Now marked paid on the spot: the line and its adjustment get one receipt.
    charges.payment = Some(Payment::Cash);
    charges.receipt = Some(Receipt::Receipt);
    store
        .save_repair_work(first, "更换阀芯，试水", &charges, &later)
        .unwrap();
    assert!(lines(&store, ym(2026, 11), "repair")[0].5);
    assert!(lines(&store, ym(2026, 11), "adjustment")[0].5);

    // A second repair paid on the spot from the start: its receipt says so.
    let second = repair(&mut store, a, tech, &charges);
    let posted = lines(&store, ym(2026, 11), "repair");
    assert_eq!(posted.len(), 2);
    assert!(posted[1].5, "paid at completion");
    let conn = Connection::open(store.path()).unwrap();
    let receipts: Vec<(String, String, String, i64)> = conn
        .prepare("SELECT number, method, note, total_fen FROM receipts ORDER BY id")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(receipts.len(), 2);
    assert_eq!(receipts[0].3, 6_500);
    assert_eq!(
        (
            receipts[1].1.as_str(),
            receipts[1].2.as_str(),
            receipts[1].3
        ),
        ("cash", "维修工现场收取，已开收据", 6_500)
    );
    // Paid: the total can no longer change through the slip.
    charges.labour = Fen(500);
    let m = conflict(store.save_repair_work(second, "更换阀芯", &charges, &later));
    assert!(m.contains("已经收款"), "{m}");
}
