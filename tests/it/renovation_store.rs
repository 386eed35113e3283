//! 装修管理 in the store, on a real file: the story of 5-1-0301 from the application to the
//! deposit refunded (the second inspection's leak repaired in 报修管理, the permit refused until
//! the fees tab has the bill paid, the plumbing phase's daily patrols and the missed one on 今日,
//! a violation and its re-check, both acceptances, the unit's status and history); refunds with
//! and without deductions; who may not.

use crate::common::PIN;
use crate::common::renovation::{accepted, application, as_, estate, items, pay, rec, supervisor};
use crate::common::rental::{at, day};
use wuye_desk::domain::Fen;
use wuye_desk::domain::access::Action;
use wuye_desk::domain::fees::PayMethod;
use wuye_desk::domain::renovation::{
    AcceptanceRound, Deduction, Paper, Patrol, Stage, Violation, WorkKind,
};
use wuye_desk::domain::repair::{Charges, Step as RepairStep};
use wuye_desk::domain::unit::UnitStatus;
use wuye_desk::store::{DepositRefund, RoundTask, SiteFilter, StoreError};

fn refund(deductions: Vec<Deduction>) -> DepositRefund {
    DepositRefund {
        payee: "赵丽".into(),
        method: PayMethod::Transfer,
        deductions,
        note: String::new(),
    }
}

#[test]
fn the_story_of_5_1_0301_from_application_to_refund() {
    let (_dir, mut store, unit, tech) = estate();
    let r = |d: u32, h: u32| rec(at(2026, 12, d, h));
    let nov = |d: u32, h: u32| rec(at(2026, 11, d, h));

    let (id, number) = store
        .apply_renovation(&application(unit), &nov(30, 9))
        .unwrap();
    assert_eq!(number.to_string(), "ZX-202611-0001");
    store
        .receive_renovation_papers(id, Paper::ALL, day(2026, 11, 30), &nov(30, 9))
        .unwrap();

    // The water-closure test fails: a repair order in 报修管理, and the file waits.
    let leak = Some(("闭水试验", "卫生间闭水48小时，楼下顶板渗水"));
    let repairs = store
        .second_inspection(id, &items(leak), at(2026, 11, 30, 10), &nov(30, 10))
        .unwrap();
    assert_eq!(repairs.len(), 1);
    let (repair, order) = repairs[0];
    let f = store.renovation(id).unwrap();
    assert_eq!(f.stage, Stage::Inspection);
    let linked = f.inspection[2]
        .repair
        .as_ref()
        .expect("the failure's order");
    assert_eq!(linked.number, order.to_string());
    let e = store
        .owner_accepts_inspection(id, "", &nov(30, 11))
        .unwrap_err();
    assert!(e.to_string().contains("还没有修好"), "{e}");

    // Fixed by the technician; then the owner accepts.
    let dispatch = RepairStep::Dispatch {
        technician: tech,
        name: "陈刚".into(),
    };
    store.repair_step(repair, &dispatch, &nov(30, 14)).unwrap();
    store
        .repair_step(repair, &RepairStep::Arrive, &r(1, 9))
        .unwrap();
    store
        .save_repair_work(
            repair,
            "重做防水层，闭水试验合格",
            &Charges::default(),
            &r(1, 10),
        )
        .unwrap();
    store
        .repair_step(repair, &RepairStep::Complete, &r(1, 11))
        .unwrap();
    store.owner_accepts_inspection(id, "", &r(1, 15)).unwrap();

    // Billed; no permit until the cashier has it paid.
    let e = store.issue_renovation_permit(id, &r(1, 15)).unwrap_err();
    assert!(e.to_string().contains("还没有开装修费用账单"), "{e}");
    let lines = store.bill_renovation(id, &r(1, 16)).unwrap();
    let billed: Vec<(String, Fen)> = lines.into_iter().map(|l| (l.item_name, l.amount)).collect();
    assert_eq!(
        billed,
        [
            ("装修保证金".to_string(), Fen(200_000)),
            ("装修管理费".to_string(), Fen(60_000)),
            ("装修垃圾清运费".to_string(), Fen(40_000))
        ]
    );
    assert_eq!(store.fee_account(unit).unwrap().owed, Fen(300_000));
    let e = store.issue_renovation_permit(id, &r(1, 17)).unwrap_err();
    assert!(
        e.to_string().contains("还有未缴的装修费用") && e.to_string().contains("¥2,000.00"),
        "{e}"
    );
    pay(&mut store, unit, at(2026, 12, 2, 9));
    assert!(store.renovation(id).unwrap().paid());
    store.issue_renovation_permit(id, &r(2, 10)).unwrap();
    assert_eq!(
        store.unit(unit).unwrap().unit.status,
        UnitStatus::Renovating
    );

    // Plumbing from the planned start: a patrol every day; a missed day is overdue on 今日.
    assert!(store.patrol_round(day(2026, 12, 4)).unwrap().is_empty());
    let round = store.patrol_round(day(2026, 12, 5)).unwrap();
    assert_eq!((round.len(), round[0].days_late), (1, 0));
    as_(&mut store, "周强");
    let patrol = |d: u32, violation: Option<Violation>, recheck: Option<u32>| Patrol {
        at: at(2026, 12, d, 10),
        findings: if violation.is_some() {
            "私拉电线，插座无漏电保护"
        } else {
            "施工正常"
        }
        .into(),
        violation,
        recheck_on: recheck.map(|d| day(2026, 12, d)),
    };
    store
        .record_patrol(id, &patrol(5, None, None), &r(5, 10))
        .unwrap();
    assert_eq!(
        store.renovation(id).unwrap().patrol_due,
        Some(day(2026, 12, 6))
    );
    let round = store.patrol_round(day(2026, 12, 7)).unwrap();
    assert_eq!((round[0].due, round[0].days_late), (day(2026, 12, 6), 1));
    let board = store.today(at(2026, 12, 7, 8)).unwrap();
    let line = board
        .iter()
        .find(|i| i.kind == "装修巡查")
        .expect("on 今日");
    assert!(
        line.overdue(at(2026, 12, 7, 8)) && line.place == "5-1-0301",
        "{line:?}"
    );

    // 违规用电: rectification notice 1, re-checked two days later.
    let seq = store
        .record_patrol(
            id,
            &patrol(7, Some(Violation::Electricity), Some(9)),
            &r(7, 10),
        )
        .unwrap();
    assert_eq!(seq, Some(1));
    let round = store.patrol_round(day(2026, 12, 9)).unwrap();
    assert!(
        round
            .iter()
            .any(|l| matches!(l.task, RoundTask::Recheck { seq: 1, .. })),
        "{round:?}"
    );
    as_(&mut store, "张敏");
    let e = store
        .finish_renovation_work(id, day(2026, 12, 8), &r(8, 17))
        .unwrap_err();
    assert!(e.to_string().contains("第 1 号"), "{e}");
    let e = store
        .record_patrol(id, &patrol(8, None, None), &r(8, 10))
        .unwrap_err();
    assert!(
        matches!(e, StoreError::NeedsCountersign { .. }),
        "a patrol is the officer's"
    );
    as_(&mut store, "周强");
    store
        .recheck_rectification(id, 1, true, "已加装漏电保护", None, &r(9, 11))
        .unwrap();

    // Carpentry: every three days.
    as_(&mut store, "张敏");
    store
        .start_renovation_phase(id, WorkKind::Carpentry, day(2026, 12, 10), None, &r(10, 8))
        .unwrap();
    as_(&mut store, "周强");
    store
        .record_patrol(id, &patrol(10, None, None), &r(10, 10))
        .unwrap();
    assert!(store.patrol_round(day(2026, 12, 12)).unwrap().is_empty());
    assert_eq!(
        store.patrol_round(day(2026, 12, 13)).unwrap()[0].days_late,
        0
    );
    assert_eq!(
        store.patrol_round(day(2026, 12, 14)).unwrap()[0].days_late,
        1
    );

    // Finished, 初验, 复验; the deposit back in full, the unit vacant again.
    as_(&mut store, "张敏");
    store
        .finish_renovation_work(id, day(2026, 12, 20), &r(20, 17))
        .unwrap();
    assert!(store.patrol_round(day(2026, 12, 22)).unwrap().is_empty());
    store
        .record_acceptance(id, AcceptanceRound::Initial, true, "", &r(21, 10))
        .unwrap();
    store
        .record_acceptance(id, AcceptanceRound::Final, true, "", &r(28, 10))
        .unwrap();
    as_(&mut store, "孙丽");
    let (voucher, amount) = store
        .refund_renovation_deposit(id, &refund(vec![]), &r(29, 10))
        .unwrap();
    assert_eq!(
        (voucher.to_string(), amount),
        ("TK-202612-0001".into(), Fen(200_000))
    );
    let f = store.renovation(id).unwrap();
    assert_eq!(f.stage, Stage::Refunded);
    let back = f.refund.expect("the refund");
    assert_eq!((back.deducted(), back.approved_by), (Fen(0), None));
    assert_eq!(store.unit(unit).unwrap().unit.status, UnitStatus::Vacant);
    let month = store
        .patrols_in_month(wuye_desk::domain::Month::new(2026, 12).unwrap())
        .unwrap();
    assert_eq!(month.len(), 3);
    let notice = month[1].patrol.notice.as_ref().expect("the 整改通知");
    assert!(notice.closed() && month[1].address.short() == "5-1-0301");
    let day29 = store.cashier_day(day(2026, 12, 29)).unwrap();
    assert_eq!((day29.refunds.len(), day29.refunded), (1, Fen(200_000)));
    // The cashier sees the refund on the unit's account in 收费管理, newest first.
    let (events, _) = store.fee_history(unit, 0, 5).unwrap();
    assert!(
        matches!(&events[0], wuye_desk::store::AccountEvent::Refunded(f)
            if f.number == voucher && f.amount == Fen(200_000)),
        "{events:?}"
    );

    let history: Vec<String> = store
        .unit_log(unit)
        .unwrap()
        .into_iter()
        .map(|l| l.text)
        .collect();
    let all = history.join("\n");
    for want in [
        "ZX-202611-0001 装修申请",
        "闭水试验（卫生间闭水48小时，楼下顶板渗水）转报修 WX-",
        "业主确认验房",
        "开装修费用账单",
        "发放装修许可证",
        "违规“违规用电”，发整改通知第 1 号",
        "整改通知第 1 号（违规用电）复查：已整改",
        "木工（每3天巡查）",
        "完工",
        "初验：合格",
        "复验：合格",
        "退款凭证 TK-202612-0001",
        "房屋状态恢复为 空置",
    ] {
        assert!(all.contains(want), "{want} missing from:\n{all}");
    }
}

#[test]
fn a_deduction_needs_the_supervisor_and_is_taken_off_the_deposit() {
    let (_dir, mut store, unit, _) = estate();
    let id = accepted(&mut store, unit);
    as_(&mut store, "孙丽");
    let damage = vec![Deduction {
        reason: "电梯轿厢壁板划伤修复".into(),
        amount: Fen(30_000),
    }];
    let t = rec(at(2026, 12, 5, 10));
    let e = store
        .refund_renovation_deposit(id, &refund(damage.clone()), &t)
        .unwrap_err();
    assert!(
        matches!(
            e,
            StoreError::NeedsCountersign {
                action: Action::RenovationDeduct,
                ..
            }
        ),
        "{e}"
    );
    assert_eq!(
        store.renovation(id).unwrap().stage,
        Stage::Accepted,
        "nothing written"
    );
    let boss = supervisor(&store);
    store
        .countersign(boss, PIN, Action::RenovationDeduct, None, t.at)
        .unwrap();
    let (_, amount) = store
        .refund_renovation_deposit(id, &refund(damage), &t)
        .unwrap();
    assert_eq!(amount, Fen(170_000));
    let back = store.renovation(id).unwrap().refund.unwrap();
    assert_eq!(back.approved_by.as_deref(), Some("测试员"));
    assert_eq!((back.deposit, back.deducted()), (Fen(200_000), Fen(30_000)));
    assert!(back.by_name.contains("孙丽"), "{}", back.by_name);
    // Paid back once only.
    as_(&mut store, "孙丽");
    let again = store.refund_renovation_deposit(id, &refund(vec![]), &t);
    assert!(again.unwrap_err().to_string().contains("已退保证金"));
}

#[test]
fn the_wrong_role_is_refused_and_a_second_application_too() {
    let (_dir, mut store, unit, _) = estate();
    as_(&mut store, "孙丽");
    let t = rec(at(2026, 11, 30, 9));
    let e = store.apply_renovation(&application(unit), &t).unwrap_err();
    assert!(
        matches!(
            e,
            StoreError::NeedsCountersign {
                action: Action::RenovationRecord,
                ..
            }
        ),
        "{e}"
    );
    as_(&mut store, "张敏");
    let (id, _) = store.apply_renovation(&application(unit), &t).unwrap();
    let e = store.apply_renovation(&application(unit), &t).unwrap_err();
    assert!(
        e.to_string().contains("未结束的装修申请 ZX-202611-0001"),
        "{e}"
    );
    let e = store
        .refund_renovation_deposit(id, &refund(vec![]), &t)
        .unwrap_err();
    assert!(
        matches!(
            e,
            StoreError::NeedsCountersign {
                action: Action::FeeRefund,
                ..
            }
        ),
        "{e}"
    );
    let sites = store.renovation_sites(&SiteFilter {
        text: "5-1-0301".into(),
        ..SiteFilter::default()
    });
    assert_eq!(sites.unwrap()[0].stage, Stage::Applied);
    store.cancel_renovation(id, "业主暂缓装修", &t).unwrap();
    let found = store.renovation_by_number(&"ZX-202611-0001".parse().unwrap());
    assert_eq!(found.unwrap().stage, Stage::Cancelled);
}

#[test]
fn a_year_of_demo_has_renovations_at_every_stage_and_one_overdue_patrol() {
    use wuye_desk::domain::date::now_local;
    let (_dir, mut store) = crate::common::fresh_store();
    wuye_desk::demo::build(&mut store, 1).expect("demo");
    let all = store.renovation_sites(&SiteFilter::default()).unwrap();
    assert!(
        (120..=160).contains(&all.len()),
        "{} renovations",
        all.len()
    );
    let count = |s: Stage| all.iter().filter(|r| r.stage == s).count();
    assert!(
        count(Stage::Refunded) > 50,
        "refunded: {}",
        count(Stage::Refunded)
    );
    assert!(
        count(Stage::Working) >= 3,
        "working: {}",
        count(Stage::Working)
    );
    assert!(count(Stage::Cancelled) >= 1);
    let today = now_local().date();
    let overdue: Vec<_> = store
        .patrol_round(today)
        .unwrap()
        .into_iter()
        .filter(|r| r.days_late > 0)
        .collect();
    assert_eq!(overdue.len(), 1, "{overdue:?}");
    let mut deducted = 0;
    let mut repaired = 0;
    for r in all.iter().filter(|r| r.stage == Stage::Refunded) {
        let f = store.renovation(r.id).unwrap();
        deducted += usize::from(f.refund.as_ref().is_some_and(|b| b.deducted().0 > 0));
        repaired += usize::from(f.inspection.iter().any(|i| i.repair.is_some()));
        assert!(!f.patrols.is_empty() || f.phases.len() == 1, "{}", f.number);
    }
    assert!(
        deducted >= 1 && repaired >= 1,
        "{deducted} deducted, {repaired} repaired"
    );
    assert!(store.check().unwrap().is_empty());
}
