//! The 业主入住 tab driven through the iced_test simulator on the real view: the story
//! of a new owner of a just-delivered unit going through every step at the desk.

use crate::common::ui::{click, shows, type_into};
use crate::common::{add_staff, clerk, owner, signs_in, temp_store, unit};
use chrono::{NaiveDate, NaiveDateTime};
use wuye_desk::domain::UnitAddress;
use wuye_desk::domain::keys::{KeyStatus, UnitKey};
use wuye_desk::domain::movein::{MoveInState, MoveInStep};
use wuye_desk::domain::repair::RepairState;
use wuye_desk::domain::staff::Role;
use wuye_desk::domain::unit::UnitStatus;
use wuye_desk::forms::{PrintJob, extract_text, render};
use wuye_desk::ui::movein::Panel;
use wuye_desk::ui::{Clock, Desk, Message, Tab};

fn at(h: u32, m: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 11, 30)
        .and_then(|d| d.and_hms_opt(h, m, 0))
        .unwrap()
}

/// 3-2-1502 just delivered (空置), its owner 王建国 registered at the sale, its three keys in
/// the cabinet; the receptionist 张敏 at the desk on 30 November, on the 业主入住 tab.
fn desk() -> (tempfile::TempDir, Desk) {
    let (dir, mut store) = temp_store();
    for (name, role) in [("张敏", Role::Receptionist), ("陈刚", Role::Technician)] {
        add_staff(&mut store, name, role);
    }
    let mut u = unit("3-2-1502");
    u.status = UnitStatus::Vacant;
    let id = store.add_unit(&u, &clerk()).unwrap();
    store
        .add_person(id, &owner("王建国", "13812345678"), &clerk())
        .unwrap();
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
    signs_in(&mut store, "张敏");
    let mut desk = Desk::new(store, None).unwrap();
    desk.set_clock(Clock::Fixed(at(9, 0)));
    let _ = desk.update(Message::TabSelected(Tab::MoveIn));
    (dir, desk)
}

fn next(desk: &Desk) -> Option<MoveInStep> {
    desk.movein()
        .selected()
        .expect("a case on screen")
        .next_step()
}

#[test]
fn a_new_owner_goes_through_every_step_and_the_unit_is_moved_in() {
    let (_dir, mut desk) = desk();
    type_into(&mut desk, "movein-building", "3");
    assert!(shows(&desk, "未办理（空置）"));
    click(&mut desk, "3-2-1502");
    assert!(matches!(desk.movein().panel(), Panel::Open(_)));
    type_into(&mut desk, "movein-notice", "RH-2026-0188");
    click(&mut desk, "开始办理");
    let case = desk.movein().selected().expect("the case").clone();
    assert_eq!(
        (case.owner_name.as_str(), case.person.is_some()),
        ("王建国", true)
    );
    assert_eq!(next(&desk), Some(MoveInStep::Verify));

    // Steps in order: a later one is refused until the earlier are done.
    click(&mut desk, "完成此步");
    assert_eq!(next(&desk), Some(MoveInStep::Agreements));
    click(&mut desk, "填写签订日期");
    click(&mut desk, "保存");
    assert_eq!(next(&desk), Some(MoveInStep::OwnerFile));
    click(&mut desk, "完成此步");
    // No bank agreement in 收费管理: skipped, with the reason.
    assert_eq!(next(&desk), Some(MoveInStep::BankAgreement));
    assert!(shows(&desk, "收费管理：未签银行代扣协议；欠费 ¥0.00"));
    click(&mut desk, "跳过此步");
    click(&mut desk, "确认跳过");
    assert_eq!(
        next(&desk),
        Some(MoveInStep::BankAgreement),
        "a skip needs a reason"
    );
    type_into(&mut desk, "movein-note", "业主暂不办理代扣");
    click(&mut desk, "确认跳过");
    assert_eq!(next(&desk), Some(MoveInStep::Payment));
    click(&mut desk, "完成此步");

    // The items: three keys through the keys tab, a door card.
    assert_eq!(next(&desk), Some(MoveInStep::Items));
    click(&mut desk, "登记领取物品");
    type_into(&mut desk, "movein-item-0", "3");
    type_into(&mut desk, "movein-item-3", "2");
    click(&mut desk, "保存");
    assert_eq!(
        next(&desk),
        Some(MoveInStep::Inspection1),
        "{:?}",
        desk.movein().message()
    );
    let keys = desk.store().keys_of_unit(case.unit).unwrap();
    assert_eq!(
        keys[0].status,
        KeyStatus::WithOwner,
        "in 钥匙管理: handed to the owner"
    );

    // Inspection 1 finds a cracked tile, which becomes a repair order.
    click(&mut desk, "接房验收1");
    click(&mut desk, "地面 合格");
    type_into(&mut desk, "movein-area-3", "客厅地砖开裂一块");
    type_into(&mut desk, "movein-water", "12");
    click(&mut desk, "保存验收");
    assert!(shows(
        &desk,
        "接房验收1发现 1 处问题：请转报修或由业主接受现状"
    ));
    click(&mut desk, "转报修");
    let defect = desk.movein().selected().unwrap().defects()[0].clone();
    let order = defect.repair_number.expect("a repair order");
    assert_eq!(next(&desk), Some(MoveInStep::Inspection2));
    assert!(
        shows(
            &desk,
            "接房验收1 还有 1 处问题没有解决：地面（客厅地砖开裂一块，报修未完工）。修好或业主确认接受后才能做接房验收2"
        ),
        "inspection 2 waits for the fix"
    );

    // The tile is replaced through 报修管理.
    click(&mut desk, "打开维修单");
    assert_eq!(desk.tab(), Tab::Repairs);
    assert_eq!(
        desk.repairs().selected().map(|r| r.order.number),
        Some(order)
    );
    click(&mut desk, "陈刚");
    click(&mut desk, "派单");
    click(&mut desk, "到场");
    click(&mut desk, "完工");
    assert_eq!(
        desk.repairs().selected().unwrap().order.state,
        RepairState::Completed
    );

    // Back at 业主入住: inspection 2 passes, then the handbooks, the checklist and the end.
    let _ = desk.update(Message::TabSelected(Tab::MoveIn));
    click(&mut desk, "接房验收2");
    click(&mut desk, "保存验收");
    assert!(
        shows(&desk, "接房验收2全部合格"),
        "{:?}",
        desk.movein().message()
    );
    assert_eq!(next(&desk), Some(MoveInStep::Handbook));
    click(&mut desk, "完成此步");
    click(&mut desk, "完成此步");
    assert_eq!(next(&desk), Some(MoveInStep::Finish));
    click(&mut desk, "办完入住");
    click(&mut desk, "确认办完入住");
    let done = desk.movein().selected().unwrap().clone();
    assert_eq!(
        done.state,
        MoveInState::MovedIn,
        "{:?}",
        desk.movein().message()
    );
    assert_eq!(done.unit_status, UnitStatus::Occupied);
    assert_eq!(
        done.finish.map(|f| f.moved_in),
        NaiveDate::from_ymd_opt(2026, 11, 30)
    );

    // The papers the owner signs.
    let office = desk.store().office().unwrap();
    let address = UnitAddress::parse("3-2-1502").unwrap();
    let sheet =
        extract_text(&render(desk.store(), &office, &PrintJob::HandoverSheet(address)).unwrap())
            .unwrap();
    assert!(
        sheet.contains("客厅地砖开裂一块") && sheet.contains(&order.to_string()),
        "{sheet}"
    );
    let list =
        extract_text(&render(desk.store(), &office, &PrintJob::MoveInList(address)).unwrap())
            .unwrap();
    assert!(
        list.contains("王建国") && list.contains("业主暂不办理代扣") && list.contains("门禁卡"),
        "{list}"
    );

    // The unit's history tells the whole story.
    let history = desk.store().unit_log(case.unit).unwrap();
    let movein = history.iter().filter(|l| l.kind == "入住").count();
    assert!(movein >= 10, "{history:#?}");
    assert!(
        history.iter().any(|l| l.kind == "报修"),
        "the tile's repair"
    );
}
