//! The 维修单 and the 客服中心日报表: rendered, read back out of the PDF, and printed through
//! the command line.

use std::process::Command;

use crate::common::{clerk, temp_store, unit};
use chrono::{NaiveDate, NaiveDateTime};
use wuye_desk::domain::repair::{
    Channel, Charges, Confirmation, Intake, Material, OrderNumber, Payment, Place, Qty, Rating,
    Receipt, Step,
};
use wuye_desk::domain::staff::{Recorded, Role, Staff};
use wuye_desk::domain::{Fen, Mobile, UnitAddress};
use wuye_desk::forms::{PrintJob, extract_text, render};
use wuye_desk::store::Store;

fn at(d: u32, h: u32, m: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 11, d)
        .and_then(|d| d.and_hms_opt(h, m, 0))
        .expect("time")
}

fn rec(t: NaiveDateTime) -> Recorded {
    Recorded { at: t, ..clerk() }
}

/// A store with one completed, rated, chargeable order for 3-2-1502 (¥55.00).
fn store_with_order() -> (tempfile::TempDir, Store, OrderNumber) {
    let (dir, mut store) = temp_store();
    let a = UnitAddress::parse("3-2-1502").unwrap();
    let id = store.add_unit(&unit("3-2-1502"), &clerk()).unwrap();
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
    let intake = Intake {
        place: Place::Unit { id, address: a },
        reporter: "王建国".into(),
        phone: Mobile::parse("13812345678").ok(),
        channel: Channel::Call,
        category: "给排水".into(),
        description: "厨房水龙头漏水".into(),
        appointment: at(29, 14, 0),
        chargeable: true,
        quote: "更换阀芯35元，人工费20元".into(),
        quote_amount: Fen(5500),
    };
    let (rid, number) = store.add_repair(&intake, &rec(at(29, 13, 50))).unwrap();
    let step = |store: &mut Store, s: Step, t| store.repair_step(rid, &s, &rec(t)).unwrap();
    step(
        &mut store,
        Step::Dispatch {
            technician: tech,
            name: "陈刚".into(),
        },
        at(29, 13, 55),
    );
    step(&mut store, Step::Arrive, at(29, 14, 10));
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
        .save_repair_work(rid, "更换阀芯", &charges, &rec(at(29, 14, 30)))
        .unwrap();
    step(&mut store, Step::Complete, at(29, 14, 40));
    let c = Confirmation {
        rating: Rating::Satisfied,
        comment: String::new(),
        by: "王建国".into(),
        at: at(29, 14, 41),
    };
    store.rate_repair(rid, &c, &rec(at(29, 14, 41))).unwrap();
    (dir, store, number)
}

#[test]
fn the_slip_carries_number_room_amount_in_words_and_three_copies() {
    let (_dir, store, number) = store_with_order();
    let office = store.office().unwrap();
    let pdf = render(&store, &office, &PrintJob::RepairSlip(Some(number))).unwrap();
    let text = extract_text(&pdf).unwrap();
    for want in [
        "WX-202611-0001",
        "3号楼2单元1502室",
        "人民币伍拾伍元整",
        "¥55.00",
        "第一联 维修班存根",
        "第二联 客服中心留存",
        "第三联 业主留存",
        "138****5678",
        "水龙头阀芯",
        "满意（王建国确认）",
    ] {
        assert!(text.contains(want), "{want} missing from:\n{text}");
    }
    assert_eq!(text.matches("WX-202611-0001").count(), 3, "one per copy");
    // The technician's stub carries the owner's full phone; the office's and the owner's
    // copies are masked.
    // (Each page's copy label comes out after its content.)
    let (stub, others) = text.split_at(text.find("第一联 维修班存根").unwrap());
    assert!(stub.contains("13812345678"), "{stub}");
    assert!(!others.contains("13812345678"), "masked after the stub");
    assert_eq!(others.matches("138****5678").count(), 2, "{text}");
    // The note under the slip says which copy is which.
    assert!(stub.contains("本联留有业主完整电话"), "{stub}");
    assert_eq!(others.matches("电话已隐去部分数字").count(), 2);
}

#[test]
fn a_blank_slip_and_the_daily_report_print() {
    let (_dir, store, _) = store_with_order();
    let office = store.office().unwrap();
    let blank =
        extract_text(&render(&store, &office, &PrintJob::RepairSlip(None)).unwrap()).unwrap();
    assert!(blank.contains("第三联 业主留存"));
    assert!(blank.contains("□满意"));
    assert!(!blank.contains("WX-"));
    let day = NaiveDate::from_ymd_opt(2026, 11, 29).unwrap();
    let report =
        extract_text(&render(&store, &office, &PrintJob::DailyReport(day)).unwrap()).unwrap();
    for want in [
        "客服中心日报表",
        "2026年11月29日",
        "入户维修",
        "公共报修",
        "WX-202611-0001",
        "新报修；完工，满意",
    ] {
        assert!(report.contains(want), "{want} missing from:\n{report}");
    }
}

fn run(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_wuye-desk"))
        .args(args)
        .output()
        .expect("run wuye-desk")
}

#[test]
fn the_command_line_prints_slips_and_reports() {
    let (dir, store, number) = store_with_order();
    let db = store.path().to_path_buf();
    drop(store);
    let db = db.to_str().unwrap();
    let out = dir.path().join("slip.pdf");
    let out_s = out.to_str().unwrap();
    let o = run(&[
        "print",
        "repair-slip",
        &number.to_string(),
        "--db",
        db,
        "--out",
        out_s,
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let text = extract_text(&std::fs::read(&out).unwrap()).unwrap();
    assert!(text.contains("人民币伍拾伍元整"));

    let o = run(&[
        "print",
        "repair-slip",
        "--blank",
        "--db",
        db,
        "--out",
        out_s,
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(
        extract_text(&std::fs::read(&out).unwrap())
            .unwrap()
            .contains("第一联 维修班存根")
    );

    let o = run(&[
        "print",
        "daily-report",
        "2026-11-29",
        "--db",
        db,
        "--out",
        out_s,
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(
        extract_text(&std::fs::read(&out).unwrap())
            .unwrap()
            .contains("入户维修")
    );

    let o = run(&[
        "print",
        "repair-slip",
        "WX-202611-0099",
        "--db",
        db,
        "--out",
        out_s,
    ]);
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("没有维修单 WX-202611-0099"));
    let o = run(&[
        "print",
        "repair-slip",
        "3-2-1502",
        "--db",
        db,
        "--out",
        out_s,
    ]);
    assert!(String::from_utf8_lossy(&o.stderr).contains("写法不对"));
}
