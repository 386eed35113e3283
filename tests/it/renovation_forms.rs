//! 装修管理's papers read back out of the PDF: the application (filled and blank), the permit,
//! the worker passes, the month's patrol log, the 整改通知书 and the deposit's 退款凭证 — the
//! Chinese values on them, ID numbers and phones masked, the refund in words; and the print
//! commands' names.

use crate::common::{clerk, id_number, owner, temp_store, unit};
use chrono::{NaiveDate, NaiveDateTime};
use wuye_desk::domain::Month;
use wuye_desk::domain::fees::{PayMethod, Price, UnitKind};
use wuye_desk::domain::renovation::{
    Application, Contractor, InspectionItem, Paper, Patrol, RenovationId, RenovationNumber,
    Violation, WorkKind, Worker,
};
use wuye_desk::domain::staff::Recorded;
use wuye_desk::domain::unit::UnitId;
use wuye_desk::domain::{Fen, Mobile, UnitAddress};
use wuye_desk::forms::{PrintArgs, PrintJob, extract_text, render_at};
use wuye_desk::store::{DepositRefund, Payment, Store, UnitFeeBasis};

/// A moment of November 2026.
pub fn nov(d: u32, h: u32, m: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 11, d)
        .and_then(|d| d.and_hms_opt(h, m, 0))
        .unwrap()
}

fn rec(at: NaiveDateTime) -> Recorded {
    Recorded { at, ..clerk() }
}

/// 5-1-0301 with its owner 陈静 on the register, billed as a residence, and 收费标准's prices
/// of the three renovation items (保证金 ¥2,000.00, 管理费 ¥300.00, 垃圾清运费 ¥200.00).
pub fn unit_0301() -> (tempfile::TempDir, Store, UnitId) {
    let (dir, mut store) = temp_store();
    let id = store.add_unit(&unit("5-1-0301"), &clerk()).unwrap();
    store
        .add_person(id, &owner("陈静", "13812345678"), &clerk())
        .unwrap();
    store
        .save_unit_fee_basis(
            id,
            &UnitFeeBasis {
                kind: UnitKind::Residence,
                billing_from: NaiveDate::from_ymd_opt(2026, 1, 1),
            },
            &clerk(),
        )
        .unwrap();
    for (code, fen) in [("ZXBZJ", 200_000), ("ZXGLF", 30_000), ("ZXLJF", 20_000)] {
        let item = store.fee_item(code).unwrap();
        store
            .set_price(
                &Price {
                    item: item.id,
                    unit_kind: None,
                    from: Month::parse("2026-01").unwrap(),
                    fen: Fen(fen),
                },
                &clerk(),
            )
            .unwrap();
    }
    (dir, store, id)
}

/// 陈静's application: 安居装饰 with two workers, plumbing then painting, 5 Nov to 5 Jan.
fn application(unit: UnitId) -> Application {
    Application {
        unit,
        address: UnitAddress::parse("5-1-0301").unwrap(),
        owner_name: "陈静".into(),
        person: None,
        owner_phone: Mobile::parse("13812345678").ok(),
        contractor: Contractor {
            company: "郑州安居装饰工程有限公司".into(),
            licence_no: "91410100MA44XK7Q3R".into(),
            qualification: "建筑装修装饰工程专业承包二级".into(),
            person_in_charge: "周建华".into(),
            phone: Mobile::parse("13912345678").unwrap(),
        },
        workers: vec![
            Worker::parse("李强", "11010519491231002X", "13712345678", "水电工").unwrap(),
            Worker {
                name: "王磊".into(),
                id_number: id_number("410105", "19800101", 12),
                phone: Mobile::parse("13612345678").unwrap(),
                trade: "油漆工".into(),
            },
        ],
        planned_start: NaiveDate::from_ymd_opt(2026, 11, 5).unwrap(),
        planned_end: NaiveDate::from_ymd_opt(2027, 1, 5).unwrap(),
        kinds: vec![WorkKind::Plumbing, WorkKind::Painting],
        note: "厨卫改水电，全屋刷墙".into(),
    }
}

/// The whole story through the store, as the supervisor at the desk: applied on 2 Nov, every
/// paper, the inspection passed, billed and paid, the permit, plumbing from 5 Nov, a patrol on
/// 6 Nov finding 违规用电 (notice 1, re-checked as rectified), finished, both acceptances, the
/// deposit refunded in full on 30 Nov.
fn refunded() -> (tempfile::TempDir, Store, RenovationId, RenovationNumber) {
    let (dir, mut store, unit) = unit_0301();
    let (id, number) = store
        .apply_renovation(&application(unit), &rec(nov(2, 9, 0)))
        .unwrap();
    store
        .receive_renovation_papers(id, Paper::ALL, nov(2, 9, 0).date(), &rec(nov(2, 9, 5)))
        .unwrap();
    let items: Vec<InspectionItem> = ["智能化布线", "暖气打压", "闭水试验"]
        .iter()
        .map(|n| InspectionItem {
            name: (*n).into(),
            passed: true,
            note: String::new(),
        })
        .collect();
    store
        .second_inspection(id, &items, nov(3, 10, 0), &rec(nov(3, 11, 0)))
        .unwrap();
    let lines = store.bill_renovation(id, &rec(nov(3, 11, 30))).unwrap();
    store
        .take_payment(
            &Payment {
                unit,
                lines: lines.iter().map(|l| l.line).collect(),
                method: PayMethod::Cash,
                tendered: Some(Fen(250_000)),
                prepay: Fen(0),
                payer: "陈静".into(),
                note: String::new(),
            },
            &rec(nov(4, 9, 0)),
        )
        .unwrap();
    store
        .issue_renovation_permit(id, &rec(nov(4, 9, 30)))
        .unwrap();
    let seq = store
        .record_patrol(
            id,
            &Patrol {
                at: nov(6, 10, 0),
                findings: "卫生间私拉电线，插座未装漏电保护".into(),
                violation: Some(Violation::Electricity),
                recheck_on: Some(nov(9, 0, 0).date()),
            },
            &rec(nov(6, 10, 30)),
        )
        .unwrap();
    assert_eq!(seq, Some(1));
    store
        .recheck_rectification(id, 1, true, "已穿管敷设", None, &rec(nov(9, 10, 0)))
        .unwrap();
    store
        .finish_renovation_work(id, nov(25, 0, 0).date(), &rec(nov(25, 9, 0)))
        .unwrap();
    use wuye_desk::domain::renovation::AcceptanceRound;
    store
        .record_acceptance(id, AcceptanceRound::Initial, true, "", &rec(nov(26, 9, 0)))
        .unwrap();
    store
        .record_acceptance(
            id,
            AcceptanceRound::Final,
            true,
            "公共部位无损坏",
            &rec(nov(28, 9, 0)),
        )
        .unwrap();
    store
        .refund_renovation_deposit(
            id,
            &DepositRefund {
                payee: "陈静".into(),
                method: PayMethod::Cash,
                deductions: Vec::new(),
                note: String::new(),
            },
            &rec(nov(30, 10, 0)),
        )
        .unwrap();
    (dir, store, id, number)
}

fn text_of(store: &Store, job: &PrintJob) -> String {
    let office = store.office().unwrap();
    let pdf = render_at(store, &office, job, nov(30, 11, 0)).unwrap();
    extract_text(&pdf).unwrap()
}

#[test]
fn renovation_forms_carry_the_story_with_ids_masked_and_the_refund_in_words() {
    let (_dir, store, _id, n) = refunded();
    assert_eq!(n.to_string(), "ZX-202611-0001");

    let app = text_of(&store, &PrintJob::RenovationApplication(Some(n)));
    for want in [
        "装修申请表",
        "ZX-202611-0001",
        "5号楼1单元0301室",
        "陈静",
        "138****5678",
        "郑州安居装饰工程有限公司",
        "周建华",
        "139****5678",
        "■水电改造",
        "□木工",
        "李强",
        "110***********002X",
        "137****5678",
        "营业执照复印件",
        "闭水试验",
    ] {
        assert!(app.contains(want), "application lacks {want}:\n{app}");
    }
    assert!(!app.contains("11010519491231002X") && !app.contains("13712345678"));
    let blank = text_of(&store, &PrintJob::RenovationApplication(None));
    assert!(blank.contains("装修申请表") && blank.contains("□水电改造"));
    assert!(!blank.contains("陈静"));

    let permit = text_of(&store, &PrintJob::RenovationPermit(n));
    for want in [
        "装修许可证",
        "5号楼1单元0301室",
        "郑州安居装饰工程有限公司",
        "2027年1月5日",
        "允许施工时间",
        "8:00",
    ] {
        assert!(permit.contains(want), "permit lacks {want}:\n{permit}");
    }

    let passes = text_of(&store, &PrintJob::WorkerPasses(n));
    for want in [
        "装修工人出入证",
        "李强",
        "王磊",
        "110***********002X",
        "ZX-202611-0001-02",
    ] {
        assert!(passes.contains(want), "passes lack {want}:\n{passes}");
    }
    assert!(!passes.contains("11010519491231002X"));

    let log = text_of(
        &store,
        &PrintJob::PatrolLog(Month::parse("2026-11").unwrap()),
    );
    for want in [
        "装修巡查记录表",
        "5-1-0301",
        "水电改造",
        "违规用电",
        "ZX-202611-0001-1",
        "合格",
    ] {
        assert!(log.contains(want), "patrol log lacks {want}:\n{log}");
    }

    let notice = text_of(&store, &PrintJob::Rectification(n, 1));
    for want in [
        "整改通知书",
        "ZX-202611-0001-1",
        "违规用电",
        "私拉电线",
        "2026年11月9日",
        "漏电保护",
    ] {
        assert!(notice.contains(want), "notice lacks {want}:\n{notice}");
    }

    let voucher = text_of(&store, &PrintJob::DepositRefund(n));
    for want in [
        "退款凭证",
        "TK-202611-0001",
        "陈静",
        "装修保证金",
        "¥2,000.00",
        "人民币贰仟元整",
        "无扣款",
    ] {
        assert!(voucher.contains(want), "voucher lacks {want}:\n{voucher}");
    }
}

#[test]
fn renovation_print_commands_read_their_keys() {
    let args = |form: &str, key: Option<&str>, item: Option<&str>| PrintArgs {
        form: form.into(),
        key: key.map(String::from),
        item: item.map(String::from),
        ..PrintArgs::default()
    };
    let n = RenovationNumber::parse("ZX-202611-0001").unwrap();
    assert_eq!(
        PrintJob::parse(&args("rectification", Some("ZX-202611-0001"), Some("2"))),
        Ok(PrintJob::Rectification(n, 2))
    );
    assert!(
        PrintJob::parse(&args("rectification", Some("ZX-202611-0001"), None))
            .unwrap_err()
            .contains("序号")
    );
    assert!(
        PrintJob::parse(&args("renovation-permit", Some("ZX-2026"), None))
            .unwrap_err()
            .contains("ZX-202611-0001")
    );
    let blank = PrintArgs {
        blank: true,
        ..args("renovation-application", None, None)
    };
    assert_eq!(
        PrintJob::parse(&blank),
        Ok(PrintJob::RenovationApplication(None))
    );
    assert_eq!(
        PrintJob::Rectification(n, 2).file_name(),
        "整改通知书-ZX-202611-0001-2.pdf"
    );
    assert_eq!(
        PrintJob::parse(&PrintArgs {
            month: Some("2026-11".into()),
            ..args("patrol-log", None, None)
        })
        .map(|j| j.file_name()),
        Ok("装修巡查记录表-2026-11.pdf".to_string())
    );
}
