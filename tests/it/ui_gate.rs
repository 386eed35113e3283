//! The 物品放行 tab driven through the iced_test simulator on the real view, following the
//! issue's walk-through (the 钥匙管理 tab's tests are in ui_keys.rs).

use crate::common::ui::{act, click, retype, shows, type_into};
use crate::common::{clerk, owner, staffed_store, unit};
use iced_test::selector;
use wuye_desk::domain::UnitAddress;
use wuye_desk::domain::item_pass::{ApprovalError, PassStatus};
use wuye_desk::domain::keys::UnitKey;
use wuye_desk::domain::plate::PlateError;
use wuye_desk::domain::staff::{Role, Staff};
use wuye_desk::ui::gate::{self, DraftField};
use wuye_desk::ui::{Desk, Tab};

/// A desk with a receptionist on duty, a service officer, 3-2-1502 (owner 王建国) and the key of
/// 5-1-0301 in the cabinet.
fn desk() -> (tempfile::TempDir, Desk) {
    let (dir, mut store) = staffed_store();
    store
        .add_staff(&Staff {
            name: "王强".into(),
            role: Role::ServiceOfficer,
            phone: None,
            active: true,
        })
        .unwrap();
    let id = store.add_unit(&unit("3-2-1502"), &clerk()).unwrap();
    store
        .add_person(id, &owner("王建国", "13812345678"), &clerk())
        .unwrap();
    store.add_unit(&unit("5-1-0301"), &clerk()).unwrap();
    store
        .add_key(
            &UnitKey {
                unit: UnitAddress::parse("5-1-0301").ok(),
                place: String::new(),
                hook: "A-001".into(),
                count: 2,
                location: "钥匙柜1号".into(),
            },
            &clerk(),
        )
        .unwrap();
    let desk = Desk::new(store, None).unwrap();
    (dir, desk)
}

#[test]
fn an_owner_moving_out_gets_a_pass_the_officer_signs_and_the_guard_lets_it_out() {
    let (_dir, mut desk) = desk();
    assert!(
        shows(&desk, "物品放行") && shows(&desk, "钥匙管理"),
        "both tabs listed"
    );
    click(&mut desk, "物品放行");
    assert_eq!(desk.tab(), Tab::Gate);
    click(&mut desk, "新建放行条");
    type_into(&mut desk, DraftField::Unit.id(), "3-2-1502");
    type_into(&mut desk, DraftField::Applicant.id(), "王建国");
    type_into(&mut desk, DraftField::Phone.id(), "13812345678");
    type_into(&mut desk, gate::ITEM_NAME_IDS[0], "沙发");
    click(&mut desk, "添加物品");
    type_into(&mut desk, gate::ITEM_NAME_IDS[1], "纸箱");
    retype(&mut desk, gate::ITEM_QTY_IDS[1], "2");
    type_into(&mut desk, DraftField::Plate.id(), "豫AO1234");
    type_into(&mut desk, DraftField::Driver.id(), "李师傅");
    type_into(&mut desk, DraftField::DriverDoc.id(), "11010519491231002X");
    click(&mut desk, "保存");
    assert!(
        shows(&desk, &PlateError::ForbiddenLetter('O').to_string()),
        "the plate's message beside it"
    );
    assert!(
        desk.store().item_passes(None, 5).unwrap().is_empty(),
        "nothing saved yet"
    );

    act(&mut desk, |ui| {
        ui.click(selector::id(DraftField::Plate.id()))
            .expect("plate");
        for _ in 0..5 {
            ui.tap_key(iced::keyboard::key::Named::Backspace);
        }
        ui.typewrite("D12345");
    });
    click(&mut desk, "保存");
    let passes = desk.store().item_passes(None, 5).unwrap();
    assert_eq!(passes.len(), 1, "{:?}", desk.gate().message());
    let number = passes[0].number.to_string();
    assert!(shows(&desk, &format!("放行条 {number}")));
    assert!(shows(&desk, "物品：沙发×1、纸箱×2"));
    assert!(
        shows(
            &desk,
            "车牌 豫AD12345　司机 李师傅　证件 110***********002X"
        ),
        "masked"
    );

    // Approval is refused until the service officer confirms fees.
    click(&mut desk, "批准");
    assert!(shows(&desk, &ApprovalError::NeedsSignOff.to_string()));
    click(&mut desk, "王强（客户服务员） 确认");
    click(&mut desk, "批准");
    let pass = &desk.store().item_passes(None, 1).unwrap()[0];
    assert_eq!(
        pass.status,
        PassStatus::Approved,
        "{:?}",
        desk.gate().message()
    );
    assert_eq!(pass.fees.as_ref().unwrap().by_name, "王强");

    // Printing goes through the window's print path with both copies.
    let pdf = wuye_desk::forms::render(
        desk.store(),
        &desk.store().office().unwrap(),
        &wuye_desk::forms::PrintJob::ReleasePass(pass.number),
    )
    .unwrap();
    let text = wuye_desk::forms::extract_text(&pdf).unwrap();
    assert!(text.contains("门岗留存") && text.contains("客服中心留存") && text.contains(&number));

    // The guard's view: today's approved passes, one action each.
    click(&mut desk, "门岗：今日放行");
    assert!(shows(&desk, &number));
    click(&mut desk, "放行");
    let pass = &desk.store().item_passes(None, 1).unwrap()[0];
    assert_eq!(pass.status, PassStatus::Released);
    assert_eq!(pass.released.as_ref().unwrap().name, "张敏");
    assert!(shows(&desk, "今天没有已批准待放行的放行条。"));
}

#[test]
fn a_tenant_without_the_owners_authorisation_is_told_what_is_missing() {
    let (_dir, mut desk) = desk();
    click(&mut desk, "物品放行");
    click(&mut desk, "新建放行条");
    click(&mut desk, "租户");
    type_into(&mut desk, DraftField::Unit.id(), "3-2-1502");
    type_into(&mut desk, DraftField::Applicant.id(), "刘租");
    type_into(&mut desk, DraftField::Phone.id(), "13900001111");
    type_into(&mut desk, gate::ITEM_NAME_IDS[0], "冰箱");
    click(&mut desk, "保存");
    assert!(shows(
        &desk,
        "申请人不是业主，请登记业主的书面授权（授权人、日期）"
    ));
    assert!(desk.store().item_passes(None, 5).unwrap().is_empty());
}
