//! 业主入住 on a real temporary SQLite file: a new owner's whole case at the desk (steps in
//! order, skips with reasons, the fees tab's agreement and arrears read live, keys handed over
//! through the keys tab, inspection 1's cracked tile to a repair order and back, inspection 2,
//! the unit 已入住 with its date and its history), the board, the schedule and the 设置 lists.

use crate::common::fees::{agree, fixture_bill_line};
use crate::common::{add_staff, clerk, owner, temp_store, unit};
use chrono::{NaiveDate, NaiveDateTime};
use wuye_desk::domain::Fen;
use wuye_desk::domain::fees::PayMethod;
use wuye_desk::domain::keys::{KeyStatus, UnitKey};
use wuye_desk::domain::movein::{
    Agreements, CheckItem, Finish, Inspection, ItemHanded, MoveInId, MoveInState, MoveInStep,
    Readings,
};
use wuye_desk::domain::repair::{Charges, RepairState, Step as RepairStep};
use wuye_desk::domain::staff::{Recorded, Role};
use wuye_desk::domain::unit::{UnitId, UnitStatus};
use wuye_desk::domain::{Month, UnitAddress};
use wuye_desk::store::{Payment, Store, StoreError};

fn at(d: u32, h: u32, m: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 11, d)
        .and_then(|d| d.and_hms_opt(h, m, 0))
        .expect("time")
}

fn rec(t: NaiveDateTime) -> Recorded {
    Recorded { at: t, ..clerk() }
}

fn conflict(e: StoreError) -> String {
    match e {
        StoreError::Conflict(m) => m,
        other => panic!("expected a conflict, got {other:?}"),
    }
}

/// 3-2-1502 just delivered (空置), its three keys in the cabinet on hook B-1502.
fn setup() -> (tempfile::TempDir, Store, UnitId) {
    let (dir, mut store) = temp_store();
    let mut u = unit("3-2-1502");
    u.status = UnitStatus::Vacant;
    let id = store.add_unit(&u, &clerk()).unwrap();
    store
        .add_key(
            &UnitKey {
                unit: UnitAddress::parse("3-2-1502").ok(),
                place: String::new(),
                hook: "B-1502".into(),
                count: 3,
                location: "钥匙柜2号".into(),
            },
            &clerk(),
        )
        .unwrap();
    (dir, store, id)
}

fn check(area: &str, ok: bool, note: &str) -> CheckItem {
    CheckItem {
        area: area.into(),
        ok,
        note: note.into(),
    }
}

fn inspection(round: u8, t: NaiveDateTime, floor_ok: bool) -> Inspection {
    Inspection {
        round,
        at: t,
        items: vec![
            check("入户门", true, ""),
            check("墙面", true, ""),
            check(
                "地面",
                floor_ok,
                if floor_ok {
                    ""
                } else {
                    "客厅地砖开裂一块"
                },
            ),
        ],
        readings: Readings {
            water: Some(12),
            electricity: Some(35),
            gas: None,
        },
        by_name: "李工".into(),
    }
}

/// Repairs the order from dispatch to 完工, as the technician 陈刚.
fn fix(
    store: &mut Store,
    id: wuye_desk::domain::repair::RepairId,
    tech: wuye_desk::domain::staff::StaffId,
) {
    let step = |s: &RepairStep| s.clone();
    store
        .repair_step(
            id,
            &step(&RepairStep::Dispatch {
                technician: tech,
                name: "陈刚".into(),
            }),
            &rec(at(30, 11, 0)),
        )
        .unwrap();
    store
        .repair_step(id, &RepairStep::Arrive, &rec(at(30, 11, 10)))
        .unwrap();
    store
        .save_repair_work(
            id,
            "更换客厅地砖一块",
            &Charges::default(),
            &rec(at(30, 11, 40)),
        )
        .unwrap();
    store
        .repair_step(id, &RepairStep::Complete, &rec(at(30, 11, 45)))
        .unwrap();
}

#[test]
fn a_new_owner_goes_through_every_step_and_the_unit_is_moved_in() {
    let (dir, mut store, u) = setup();
    let tech = add_staff(&mut store, "陈刚", Role::Technician);
    let id = store
        .open_move_in(
            u,
            "王建国",
            None,
            "RH-2026-0318",
            Some(at(30, 9, 0)),
            &rec(at(30, 9, 0)),
        )
        .unwrap();
    let again = store.open_move_in(u, "王建国", None, "", None, &rec(at(30, 9, 1)));
    assert!(conflict(again.unwrap_err()).contains("已经有一个正在办理的入住"));

    // Out of order: the refusal names the step missing.
    let e = store.move_in_step(id, MoveInStep::Payment, "", &rec(at(30, 9, 2)));
    assert!(conflict(e.unwrap_err()).contains("第1步“验证入伙通知书及身份证”"));
    store
        .move_in_step(
            id,
            MoveInStep::Verify,
            "入伙通知书、身份证原件已核",
            &rec(at(30, 9, 5)),
        )
        .unwrap();
    let e = store.skip_move_in_step(id, MoveInStep::Agreements, " ", &rec(at(30, 9, 6)));
    assert!(conflict(e.unwrap_err()).contains("要写明原因"));
    let e = store.move_in_step(id, MoveInStep::Agreements, "", &rec(at(30, 9, 6)));
    assert!(conflict(e.unwrap_err()).contains("签订日期"));
    let day = NaiveDate::from_ymd_opt(2026, 11, 30).unwrap();
    store
        .save_agreements(
            id,
            &Agreements {
                service_signed: day,
                rules_signed: day,
            },
            &rec(at(30, 9, 10)),
        )
        .unwrap();

    // 业主档案: the register's owner record, linked once it is there.
    let e = store.move_in_step(id, MoveInStep::OwnerFile, "", &rec(at(30, 9, 12)));
    assert!(conflict(e.unwrap_err()).contains("业主档案里还没有"));
    let person = store
        .add_person(u, &owner("王建国", "13812345678"), &rec(at(30, 9, 13)))
        .unwrap();
    store
        .move_in_step(id, MoveInStep::OwnerFile, "", &rec(at(30, 9, 15)))
        .unwrap();
    assert_eq!(store.move_in(id).unwrap().person, Some(person.0));

    // The bank and payment steps read the fees tab.
    let e = store.move_in_step(id, MoveInStep::BankAgreement, "", &rec(at(30, 9, 16)));
    assert!(conflict(e.unwrap_err()).contains("银行卡代扣协议"));
    agree(&mut store, "3-2-1502", "王建国", "6222020200112233445");
    store
        .move_in_step(id, MoveInStep::BankAgreement, "", &rec(at(30, 9, 18)))
        .unwrap();
    let line = fixture_bill_line(&store, u, "WYF", "2026-11", 13_425);
    assert_eq!(store.move_in(id).unwrap().owed, Fen(13_425));
    let e = store.move_in_step(id, MoveInStep::Payment, "", &rec(at(30, 9, 20)));
    assert!(conflict(e.unwrap_err()).contains("¥134.25"));
    store
        .take_payment(
            &Payment {
                unit: u,
                lines: vec![line],
                method: PayMethod::Cash,
                tendered: Some(Fen(13_425)),
                prepay: Fen(0),
                payer: "王建国".into(),
                note: String::new(),
            },
            &rec(at(30, 9, 22)),
        )
        .unwrap();
    store
        .move_in_step(id, MoveInStep::Payment, "", &rec(at(30, 9, 25)))
        .unwrap();

    // Keys through the keys tab: the count must match the cabinet.
    let items = |keys: u32| {
        vec![
            ItemHanded {
                name: "钥匙".into(),
                qty: keys,
            },
            ItemHanded {
                name: "门禁卡".into(),
                qty: 2,
            },
        ]
    };
    let e = store.hand_over_items(id, &items(2), &rec(at(30, 9, 30)));
    assert!(conflict(e.unwrap_err()).contains("共 3 把"));
    store
        .hand_over_items(id, &items(3), &rec(at(30, 9, 31)))
        .unwrap();
    let keys = store.keys_of_unit(u).unwrap();
    assert_eq!(keys[0].status, KeyStatus::WithOwner);
    let issues = store
        .issues_of_month(Month::new(2026, 11).unwrap())
        .unwrap();
    assert_eq!(issues.len(), 1);
    assert_eq!(issues[0].issue.recipient, "王建国");
    assert_eq!(issues[0].issue.count, 3);

    // Inspection 1 finds a cracked tile; it becomes a repair order.
    let defects = store
        .save_inspection(
            id,
            &inspection(1, at(30, 10, 0), false),
            &rec(at(30, 10, 5)),
        )
        .unwrap();
    assert_eq!(defects.len(), 1);
    assert_eq!(defects[0].area, "地面");
    let e = store.save_inspection(id, &inspection(2, at(30, 10, 6), true), &rec(at(30, 10, 6)));
    assert!(conflict(e.unwrap_err()).contains("未转报修"));
    let repair = store
        .defect_to_repair(defects[0].id, &rec(at(30, 10, 10)))
        .unwrap();
    let order = store.repair(repair).unwrap();
    assert!(
        order
            .order
            .intake
            .description
            .contains("地面，客厅地砖开裂一块")
    );
    assert_eq!(order.order.intake.reporter, "王建国");
    let e = store.save_inspection(
        id,
        &inspection(2, at(30, 10, 20), true),
        &rec(at(30, 10, 20)),
    );
    assert!(conflict(e.unwrap_err()).contains("报修未完工"));
    fix(&mut store, repair, tech);
    let case = store.move_in(id).unwrap();
    assert!(case.ready_for_inspection2().is_ok());
    assert_eq!(case.defects()[0].repair_state, Some(RepairState::Completed));
    store
        .save_inspection(id, &inspection(2, at(30, 14, 0), true), &rec(at(30, 14, 5)))
        .unwrap();

    // Finish waits for the last steps.
    let finish = Finish {
        moved_in: day,
        renovating: false,
    };
    let e = store.finish_move_in(id, &finish, &rec(at(30, 14, 10)));
    assert!(conflict(e.unwrap_err()).contains("第9步“发放居家手册等”"));
    store
        .move_in_step(
            id,
            MoveInStep::Handbook,
            "居家手册、贴心服务卡",
            &rec(at(30, 14, 12)),
        )
        .unwrap();
    store
        .move_in_step(id, MoveInStep::Checklist, "", &rec(at(30, 14, 15)))
        .unwrap();
    store
        .finish_move_in(id, &finish, &rec(at(30, 14, 20)))
        .unwrap();

    let case = store.move_in(id).unwrap();
    assert_eq!(case.state, MoveInState::MovedIn);
    assert_eq!(case.next_step(), None);
    assert_eq!(case.unit_status, UnitStatus::Occupied);
    assert_eq!(case.finish, Some(finish));
    assert_eq!(case.items.len(), 2);
    assert_eq!(case.inspections.len(), 2);
    assert_eq!(case.inspections[0].inspection.readings.water, Some(12));
    assert!(case.bank_agreement);
    assert_eq!(case.owed, Fen(0));
    let p = store.person(person).unwrap();
    assert_eq!(p.person.move_in, Some(day));
    let e = store.move_in_step(id, MoveInStep::Checklist, "", &rec(at(30, 15, 0)));
    assert!(conflict(e.unwrap_err()).contains("已经办完"));

    // The unit's history tells the story.
    let log: Vec<String> = store
        .unit_log(u)
        .unwrap()
        .into_iter()
        .map(|l| format!("{} {}", l.kind, l.text))
        .collect();
    let all = log.join("\n");
    for needle in [
        "入住 开始办理入住：业主 王建国，入伙通知书 RH-2026-0318",
        "入住 领取物品：钥匙 3、门禁卡 2",
        "钥匙 钥匙 3 把交业主 王建国",
        "转报修 WX-202611-0001",
        "入住 接房验收2：3 项，合格 3 项",
        "状态 空置 → 已入住",
        "入住 入住 / 转装修：入住日期 2026年11月30日",
    ] {
        assert!(all.contains(needle), "{needle} in\n{all}");
    }
    drop(dir);
}

#[test]
fn skips_accepted_defects_renovation_and_the_board() {
    let (_dir, mut store, u) = setup();
    let other = store.add_unit(&unit("3-2-1501"), &clerk()).unwrap();
    let id = store
        .open_move_in(
            u,
            "李娜",
            None,
            "RH-2026-0320",
            Some(at(30, 15, 30)),
            &rec(at(30, 9, 0)),
        )
        .unwrap();
    let r = |m| rec(at(30, 10, m));
    store
        .move_in_step(id, MoveInStep::Verify, "", &r(1))
        .unwrap();
    store
        .skip_move_in_step(
            id,
            MoveInStep::Agreements,
            "开发商代签，业主回家补签",
            &r(2),
        )
        .unwrap();
    store
        .skip_move_in_step(id, MoveInStep::OwnerFile, "业主档案下次补填", &r(3))
        .unwrap();
    store
        .skip_move_in_step(id, MoveInStep::BankAgreement, "业主不办理代扣", &r(4))
        .unwrap();
    store
        .move_in_step(id, MoveInStep::Payment, "", &r(5))
        .unwrap();
    // Without 钥匙 on the list the keys tab is untouched.
    store
        .hand_over_items(
            id,
            &[ItemHanded {
                name: "猫眼".into(),
                qty: 1,
            }],
            &r(6),
        )
        .unwrap();
    assert_eq!(
        store.keys_of_unit(u).unwrap()[0].status,
        KeyStatus::InCabinet
    );

    let board = store.move_in_board(Some(3), None).unwrap();
    assert_eq!(board.len(), 2);
    assert_eq!(board[0].unit, other);
    assert_eq!(board[0].case, None);
    assert_eq!(board[1].step, Some(MoveInStep::Inspection1));
    let at_inspection = store
        .move_in_board(Some(3), Some(MoveInStep::Inspection1))
        .unwrap();
    assert_eq!(at_inspection.len(), 1);
    let today = store
        .move_in_schedule(NaiveDate::from_ymd_opt(2026, 11, 30).unwrap())
        .unwrap();
    assert_eq!(today.len(), 1);
    assert_eq!(today[0].owner_name, "李娜");

    let defects = store
        .save_inspection(id, &inspection(1, at(30, 10, 20), false), &r(21))
        .unwrap();
    assert_eq!(
        store.move_in_board(Some(3), None).unwrap()[1].open_defects,
        1
    );
    store.accept_defect(defects[0].id, &r(25)).unwrap();
    let e = store.defect_to_repair(defects[0].id, &r(26));
    assert!(conflict(e.unwrap_err()).contains("不需要再报修"));
    store
        .skip_move_in_step(
            id,
            MoveInStep::Inspection2,
            "业主接受现状，无需复验",
            &r(30),
        )
        .unwrap();
    store
        .move_in_step(id, MoveInStep::Handbook, "", &r(31))
        .unwrap();
    store
        .move_in_step(id, MoveInStep::Checklist, "", &r(32))
        .unwrap();
    store
        .finish_move_in(
            id,
            &Finish {
                moved_in: NaiveDate::from_ymd_opt(2026, 11, 30).unwrap(),
                renovating: true,
            },
            &r(40),
        )
        .unwrap();
    let case = store.move_in_of_unit(u).unwrap().expect("case");
    assert_eq!(case.state, MoveInState::Renovating);
    assert_eq!(case.unit_status, UnitStatus::Renovating);
    assert_eq!(
        case.done(MoveInStep::BankAgreement)
            .and_then(|d| d.skipped.clone()),
        Some("业主不办理代扣".into())
    );
    assert_eq!(case.open_defects(), 0);
    // A new case may be opened once the first is finished (a resale later on).
    assert!(
        store
            .open_move_in(u, "张伟", None, "", None, &r(50))
            .is_ok()
    );
    assert!(store.move_in(MoveInId(999)).is_err());
}

#[test]
fn the_settings_lists_default_and_save() {
    let (_dir, mut store, _) = setup();
    assert_eq!(
        store.move_in_items_setting().unwrap(),
        vec!["钥匙", "猫眼", "门铃", "门禁卡", "水电卡"]
    );
    assert_eq!(store.inspection_areas().unwrap().len(), 10);
    store
        .save_move_in_items_setting(&["钥匙".into(), " ".into(), "车位卡".into()], &clerk())
        .unwrap();
    assert_eq!(
        store.move_in_items_setting().unwrap(),
        vec!["钥匙", "车位卡"]
    );
    let e = store.save_inspection_areas(&["窗".into(), "窗".into()], &clerk());
    assert!(conflict(e.unwrap_err()).contains("写了两次"));
    let e = store.save_inspection_areas(&[], &clerk());
    assert!(conflict(e.unwrap_err()).contains("至少要有一项"));
    store
        .save_inspection_areas(&["入户门".into(), "阳台".into()], &clerk())
        .unwrap();
    assert_eq!(store.inspection_areas().unwrap(), vec!["入户门", "阳台"]);
}
