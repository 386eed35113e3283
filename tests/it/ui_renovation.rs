//! The 装修管理 tab driven through the iced_test simulator on the real view: the story —
//! 陈静 applies to renovate 5-1-0301; the second inspection's 闭水试验 fails and becomes a repair
//! order; once fixed she accepts, the deposit and fees are billed and paid, the permit printed;
//! the plumbing phase is due a patrol every day and a missed day turns overdue (red, counted on
//! the tab); a patrol finds 违规用电 and prints a 整改通知; 初验, 复验, the deposit refunded less
//! nothing with its voucher; and the unit's history tells it all.

use crate::common::ui::{click, countersign, shows, type_into};
use crate::common::{PIN, SUPERVISOR, open_signed_in, signs_in};
use crate::renovation_forms::{nov, unit_0301};
use wuye_desk::domain::Fen;
use wuye_desk::domain::fees::PayMethod;
use wuye_desk::domain::renovation::{Paper, Stage};
use wuye_desk::domain::repair::{Charges, Step as RepairStep};
use wuye_desk::domain::staff::Recorded;
use wuye_desk::domain::unit::UnitStatus;
use wuye_desk::forms::{PrintJob, extract_text, render};
use wuye_desk::store::{Payment, Store};
use wuye_desk::ui::renovation::{Field, Message as Reno, Panel};
use wuye_desk::ui::{Clock, Desk, Message, Tab};

fn reno(desk: &mut Desk, m: Reno) {
    let _ = desk.update(Message::Renovation(m));
}

/// The desk at `at` (the minute tick brings every tab up to the time).
fn at(desk: &mut Desk, t: chrono::NaiveDateTime) {
    desk.set_clock(Clock::Fixed(t));
    let _ = desk.update(Message::Input);
    let _ = desk.update(Message::Tick);
}

/// Someone else's hands on the same file (the technician, the cashier), as `name`.
fn other(desk: &Desk, name: &str) -> Store {
    let mut s = open_signed_in(desk.store().path());
    signs_in(&mut s, name);
    s
}

fn by(t: chrono::NaiveDateTime) -> Recorded {
    Recorded {
        at: t,
        ..crate::common::clerk()
    }
}

/// Countersigns when the desk asks (a patrol is the service officer's, a refund the cashier's
/// or the supervisor's).
fn sign_if_asked(desk: &mut Desk, who: &str) {
    if desk.session().dialog().is_some() {
        countersign(desk, who, PIN);
    }
}

#[test]
fn an_owner_renovates_5_1_0301_from_application_to_refund() {
    let (_dir, mut store, unit) = unit_0301();
    for name in ["王强", "刘洋", "陈刚", "周静"] {
        signs_in(&mut store, name);
    }
    signs_in(&mut store, "张敏");
    let mut desk = Desk::new(store, None).unwrap();
    desk.set_clock(Clock::Fixed(nov(2, 9, 0)));
    let _ = desk.update(Message::TabSelected(Tab::Renovation));
    assert!(shows(&desk, "装修管理"));

    // 装修申请: the unit found as typed, its one owner the applicant; a bad phone is named.
    click(&mut desk, "新建申请");
    type_into(&mut desk, Field::Unit.id(), "5-1-0301");
    assert!(shows(&desk, "已选：5号楼1单元0301室"));
    type_into(&mut desk, Field::Company.id(), "郑州安居装饰工程有限公司");
    type_into(&mut desk, Field::InCharge.id(), "周建华");
    type_into(&mut desk, Field::ContractorPhone.id(), "1391234");
    click(&mut desk, "水电改造");
    type_into(&mut desk, Field::WorkerName(0).id(), "李强");
    type_into(&mut desk, Field::WorkerId(0).id(), "11010519491231002X");
    type_into(&mut desk, Field::WorkerPhone(0).id(), "13712345678");
    type_into(&mut desk, Field::WorkerTrade(0).id(), "水电工");
    for p in Paper::ALL {
        reno(&mut desk, Reno::PaperToggled(*p));
    }
    click(&mut desk, "保存申请");
    assert!(
        matches!(desk.renovation().panel(), Panel::Apply(_)),
        "the phone is refused"
    );
    assert!(desk.renovation().selected().is_none());
    type_into(&mut desk, Field::ContractorPhone.id(), "5678");
    click(&mut desk, "保存申请");
    let s = desk.renovation().selected().expect("applied").clone();
    assert_eq!(s.number.to_string(), "ZX-202611-0001");
    assert_eq!((s.owner_name.as_str(), s.stage), ("陈静", Stage::Applied));
    assert!(
        shows(&desk, "李强（水电工）　110***********002X　137****5678"),
        "the worker is listed, masked"
    );

    // 二次验房: 闭水试验 fails and becomes a repair order.
    at(&mut desk, nov(2, 10, 0));
    click(&mut desk, "二次验房");
    reno(&mut desk, Reno::ItemPassed(2, false));
    type_into(
        &mut desk,
        Field::ItemNote(2).id(),
        "卫生间闭水24小时后楼下渗水",
    );
    click(&mut desk, "保存验房结果");
    let s = desk.renovation().selected().unwrap().clone();
    assert_eq!(s.stage, Stage::Inspection);
    let repair = s.inspection[2]
        .repair
        .clone()
        .expect("a linked repair order");
    assert!(shows(&desk, "业主确认验房"));

    // The technician fixes it in 报修管理; then 陈静 accepts.
    {
        // The supervisor at the back office records the technician's work.
        let mut tech = other(&desk, SUPERVISOR);
        let me = tech
            .staff()
            .unwrap()
            .into_iter()
            .find(|s| s.staff.name == "陈刚")
            .unwrap()
            .id;
        let t = nov(3, 9, 0);
        tech.repair_step(
            repair.id,
            &RepairStep::Dispatch {
                technician: me,
                name: "陈刚".into(),
            },
            &by(t),
        )
        .unwrap();
        tech.repair_step(repair.id, &RepairStep::Arrive, &by(t))
            .unwrap();
        tech.save_repair_work(repair.id, "重做卫生间防水", &Charges::default(), &by(t))
            .unwrap();
        tech.repair_step(repair.id, &RepairStep::Complete, &by(t))
            .unwrap();
    }
    at(&mut desk, nov(3, 10, 0));
    click(&mut desk, "业主确认验房");
    click(&mut desk, "业主确认");
    assert_eq!(
        desk.renovation().selected().unwrap().stage,
        Stage::AwaitingPayment
    );

    // Billed onto the unit's fee account, paid at the cashier; the permit prints.
    click(&mut desk, "开装修费用账单");
    let lines = desk.renovation().selected().unwrap().lines.clone();
    assert_eq!(lines.len(), 3);
    {
        let mut cashier = other(&desk, "周静");
        cashier
            .take_payment(
                &Payment {
                    unit,
                    lines: lines.iter().map(|l| l.line).collect(),
                    method: PayMethod::WeChat,
                    tendered: None,
                    prepay: Fen(0),
                    payer: "陈静".into(),
                    note: String::new(),
                },
                &by(nov(3, 11, 0)),
            )
            .unwrap();
    }
    at(&mut desk, nov(4, 9, 0));
    click(&mut desk, "发放许可证");
    let s = desk.renovation().selected().unwrap().clone();
    assert_eq!(s.stage, Stage::Working);
    assert!(
        desk.notice().is_none(),
        "the permit rendered: {:?}",
        desk.notice()
    );
    assert_eq!(
        desk.store().unit(unit).unwrap().unit.status,
        UnitStatus::Renovating
    );

    // 水电改造: due today; a day without a patrol is overdue, red and counted on the tab.
    assert_eq!(s.patrol_due, Some(nov(4, 0, 0).date()));
    reno(
        &mut desk,
        Reno::ShowList(wuye_desk::ui::renovation::Show::Round),
    );
    assert!(shows(&desk, "2026-11-04 今天"));
    at(&mut desk, nov(5, 9, 0));
    assert_eq!(desk.renovation().overdue_count(), 1);
    assert!(shows(&desk, "装修管理 (1)"));
    assert!(shows(&desk, "2026-11-04 已超期 1 天"));

    // A patrol finds 违规用电: the service officer countersigns, the 整改通知 prints.
    click(&mut desk, "5-1-0301");
    click(&mut desk, "巡查");
    click(&mut desk, "违规用电");
    type_into(
        &mut desk,
        Field::Findings.id(),
        "卫生间私拉电线，未装漏电保护",
    );
    click(&mut desk, "保存巡查");
    sign_if_asked(&mut desk, "王强（客户服务员）");
    let s = desk.renovation().selected().unwrap().clone();
    assert_eq!(s.patrols.len(), 1, "{:?}", desk.renovation().message());
    assert_eq!(
        s.patrol_due,
        Some(nov(6, 0, 0).date()),
        "due again the next day"
    );
    assert!(
        desk.notice().is_none(),
        "the notice rendered: {:?}",
        desk.notice()
    );
    assert_eq!(desk.renovation().overdue_count(), 0);
    assert!(shows(&desk, "打印整改通知"));

    // Re-checked, finished, both acceptances.
    at(&mut desk, nov(8, 10, 0));
    click(&mut desk, "复查");
    reno(&mut desk, Reno::RecheckPassed(true));
    click(&mut desk, "保存复查");
    sign_if_asked(&mut desk, "王强（客户服务员）");
    at(&mut desk, nov(25, 9, 0));
    click(&mut desk, "完工");
    click(&mut desk, "确认完工");
    for (day, step) in [(26, "初验"), (28, "复验")] {
        at(&mut desk, nov(day, 9, 0));
        click(&mut desk, step);
        reno(&mut desk, Reno::AcceptancePassed(true));
        click(&mut desk, "保存验收结果");
    }
    assert_eq!(desk.renovation().selected().unwrap().stage, Stage::Accepted);

    // The deposit refunded less nothing; the voucher says it in words.
    at(&mut desk, nov(30, 10, 0));
    click(&mut desk, "退还保证金");
    click(&mut desk, "退还并打印退款凭证");
    sign_if_asked(&mut desk, "刘洋（客服中心主管）");
    let s = desk.renovation().selected().unwrap().clone();
    assert_eq!(
        s.stage,
        Stage::Refunded,
        "{:?}",
        desk.renovation().message()
    );
    assert!(
        desk.notice().is_none(),
        "the voucher rendered: {:?}",
        desk.notice()
    );
    let office = desk.store().office().unwrap();
    let voucher =
        extract_text(&render(desk.store(), &office, &PrintJob::DepositRefund(s.number)).unwrap())
            .unwrap();
    assert!(voucher.contains("人民币贰仟元整"), "{voucher}");
    assert_eq!(
        desk.store().unit(unit).unwrap().unit.status,
        UnitStatus::Occupied
    );

    // The unit's history tells it all.
    let log: Vec<String> = desk
        .store()
        .unit_log(unit)
        .unwrap()
        .into_iter()
        .filter(|e| e.kind == "装修")
        .map(|e| e.text)
        .collect();
    for want in [
        "装修申请",
        "二次验房",
        "业主确认验房",
        "发放装修许可证",
        "装修巡查",
        "初验",
        "复验",
        "退还装修保证金",
    ] {
        assert!(
            log.iter().any(|l| l.contains(want)),
            "history lacks {want}: {log:#?}"
        );
    }
}
