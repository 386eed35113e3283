//! The 物品放行 tab driven through the iced_test simulator on the real view, following the
//! issue's walk-through (the 钥匙管理 tab's tests are in ui_keys.rs).

use crate::common::ui::{act, click, countersign, retype, shows, type_into};
use crate::common::{PIN, clerk, open_signed_in, owner, sign_in_as, signs_in, temp_store, unit};
use iced_test::selector;
use wuye_desk::domain::UnitAddress;
use wuye_desk::domain::date;
use wuye_desk::domain::item_pass::{ApprovalError, PassStatus};
use wuye_desk::domain::plate::PlateError;
use wuye_desk::domain::staff::Role;
use wuye_desk::ui::gate::{self, DraftField};
use wuye_desk::ui::{Command, Desk, Message, Tab};

/// A desk with the receptionist 张敏 signed in, the service officer 王强 and the guard 吴勇 (PIN
/// [`PIN`]), 3-2-1502 (owner 王建国) and the key of 5-1-0301 in the cabinet.
fn desk() -> (tempfile::TempDir, Desk) {
    let (dir, mut store) = temp_store();
    let id = store.add_unit(&unit("3-2-1502"), &clerk()).unwrap();
    store
        .add_person(id, &owner("王建国", "13812345678"), &clerk())
        .unwrap();
    store.add_unit(&unit("5-1-0301"), &clerk()).unwrap();
    store
        .add_key(&crate::common::key_of_0301(), &clerk())
        .unwrap();
    signs_in(&mut store, "王强");
    signs_in(&mut store, "吴勇");
    signs_in(&mut store, "张敏");
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

    // Approval is refused until the service officer confirms fees; the receptionist cannot
    // confirm them alone: the officer countersigns with their PIN.
    click(&mut desk, "批准");
    assert!(shows(&desk, &ApprovalError::NeedsSignOff.to_string()));
    click(&mut desk, "费用结清确认");
    assert!(shows(&desk, "需要会签"));
    assert!(
        desk.store().item_passes(None, 1).unwrap()[0].fees.is_none(),
        "not signed off by the receptionist alone"
    );
    countersign(&mut desk, "王强（客户服务员）", PIN);
    click(&mut desk, "批准");
    let pass = &desk.store().item_passes(None, 1).unwrap()[0];
    assert_eq!(
        pass.status,
        PassStatus::Approved,
        "{:?}",
        desk.gate().message()
    );
    assert_eq!(pass.fees.as_ref().unwrap().by_name, "王强（经办：张敏）");

    // Printing goes through the window's print path with both copies.
    let pdf = wuye_desk::forms::render(
        desk.store(),
        &desk.store().office().unwrap(),
        &wuye_desk::forms::PrintJob::ReleasePass(pass.number),
    )
    .unwrap();
    let text = wuye_desk::forms::extract_text(&pdf).unwrap();
    assert!(text.contains("门岗留存") && text.contains("客服中心留存") && text.contains(&number));

    // The guard takes over the desk at the gate (交接班), and has today's approved passes,
    // one action each.
    click(&mut desk, "交接班");
    click(&mut desk, "吴勇（值岗人员）");
    type_into(&mut desk, wuye_desk::ui::session::PIN_ID, PIN);
    type_into(
        &mut desk,
        wuye_desk::ui::session::NOTE_ID,
        &format!("{number} 待放行"),
    );
    click(&mut desk, "确认交接");
    assert_eq!(desk.signed_in().map(|a| a.name.as_str()), Some("吴勇"));
    click(&mut desk, "门岗：今日放行");
    assert!(shows(&desk, &number));
    click(&mut desk, "核对放行");
    // 由业主签字后方可放行: the guard must confirm the owner's signature first.
    click(&mut desk, "放行");
    assert_eq!(
        desk.store().item_passes(None, 1).unwrap()[0].status,
        PassStatus::Approved
    );
    assert!(shows(
        &desk,
        &wuye_desk::domain::item_pass::ReleaseError::NotSigned("业主").to_string()
    ));
    click(&mut desk, "业主已在放行条上签字（值岗人员核对）");
    click(&mut desk, "放行");
    let pass = &desk.store().item_passes(None, 1).unwrap()[0];
    assert_eq!(pass.status, PassStatus::Released);
    assert_eq!(pass.released.as_ref().unwrap().name, "吴勇");
    assert_eq!(pass.signature_checked.as_ref().unwrap().name, "吴勇");
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

/// The walk-through's pass for 3-2-1502, recorded straight in the store for today.
fn pass_for_today() -> wuye_desk::domain::item_pass::ItemPass {
    use wuye_desk::domain::Mobile;
    use wuye_desk::domain::item_pass::{ApplicantKind, ItemPass, PassItem, PassReason};
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
        planned: date::now_local().date(),
    }
}

/// The desk of [`desk`] with one pending pass, selected in the 物品放行 tab.
fn desk_with_a_pass() -> (tempfile::TempDir, Desk) {
    let (dir, desk) = desk();
    drop(desk);
    let mut store = open_signed_in(&dir.path().join("desk.sqlite3"));
    signs_in(&mut store, "张敏");
    let mut rec = clerk();
    rec.at = date::now_local();
    store.add_item_pass(&pass_for_today(), &rec).unwrap();
    let mut desk = Desk::new(store, None).unwrap();
    click(&mut desk, "物品放行");
    let id = desk.gate().list()[0].id;
    let _ = desk.update(Message::Gate(gate::Message::Select(id)));
    (dir, desk)
}

#[test]
fn the_new_pass_form_is_worked_from_the_keyboard_and_ctrl_p_prints_the_pass() {
    use iced::keyboard::key::Named;
    let (dir, desk) = desk();
    drop(desk);
    let mut store = open_signed_in(&dir.path().join("desk.sqlite3"));
    let prints = dir.path().join("prints");
    std::fs::create_dir(&prints).unwrap();
    let mut office = store.office().unwrap();
    office.print_folder = prints.display().to_string();
    store.save_office(&office, &clerk()).unwrap();
    signs_in(&mut store, "张敏");
    let mut desk = Desk::new(store, None).unwrap();
    click(&mut desk, "物品放行");
    click(&mut desk, "新建放行条");
    // The cursor starts in 房号; Tab goes on in reading order; Enter saves.
    act(&mut desk, |ui| {
        ui.typewrite("3-2-1502");
        ui.tap_key(Named::Tab);
        ui.typewrite("王建国");
        ui.tap_key(Named::Tab);
        ui.typewrite("13812345678");
        ui.tap_key(Named::Tab);
        ui.typewrite("沙发");
        ui.tap_key(Named::Enter);
    });
    let passes = desk.store().item_passes(None, 5).unwrap();
    assert_eq!(passes.len(), 1, "{:?}", desk.gate().message());
    assert_eq!(passes[0].pass.applicant, "王建国");
    assert_eq!(passes[0].pass.items[0].name, "沙发");
    assert!(desk.gate().editor().is_none(), "the form closed");
    assert!(
        shows(
            &desk,
            &format!("已登记放行条 {}，请客户服务员确认费用", passes[0].number)
        ),
        "the success is reported beside the pass it made"
    );

    // Ctrl+P prints the selected pass.
    let _ = desk.update(Message::Key(Command::Print));
    let file = prints.join(format!("放行条-{}.pdf", passes[0].number));
    assert!(file.exists(), "{:?}", desk.notice());

    // Esc closes a form without saving, wherever the cursor is.
    click(&mut desk, "新建放行条");
    act(&mut desk, |ui| {
        ui.typewrite("5-1-0301");
        ui.tap_key(Named::Escape);
    });
    assert!(desk.gate().editor().is_none());
    assert_eq!(desk.store().item_passes(None, 5).unwrap().len(), 1);
}

#[test]
fn the_void_form_keeps_its_message_to_itself_and_enter_voids() {
    use iced::keyboard::key::Named;
    let (_dir, mut desk) = desk_with_a_pass();
    click(&mut desk, "作废…");
    act(&mut desk, |ui| {
        ui.tap_key(Named::Enter);
    });
    assert!(
        shows(&desk, "请写明作废原因"),
        "the error is on the void form"
    );
    // Back on the pass itself the void form's error is not shown.
    act(&mut desk, |ui| {
        ui.tap_key(Named::Escape);
    });
    assert!(desk.gate().editor().is_none());
    assert!(!shows(&desk, "请写明作废原因"));
    click(&mut desk, "作废…");
    assert!(
        !shows(&desk, "请写明作废原因"),
        "a reopened form starts clean"
    );
    act(&mut desk, |ui| {
        ui.typewrite("业主改期");
        ui.tap_key(Named::Enter);
    });
    let pass = &desk.store().item_passes(None, 1).unwrap()[0];
    assert_eq!(pass.status, PassStatus::Void, "{:?}", desk.gate().message());
    assert_eq!(pass.voided.as_ref().unwrap().name, "业主改期");
    assert!(shows(&desk, "已作废"), "reported beside the pass");
}

#[test]
fn an_officer_added_after_the_desk_opened_can_countersign_at_once() {
    let (dir, mut desk) = desk_with_a_pass();
    // Another desk (or 设置) adds an officer to the same file and sets their PIN.
    let mut other = open_signed_in(&dir.path().join("desk.sqlite3"));
    sign_in_as(&mut other, "赵磊", Role::ServiceOfficer);
    drop(other);
    click(&mut desk, "费用结清确认");
    assert!(shows(&desk, "赵磊（客户服务员）"), "offered in the dialog");
    countersign(&mut desk, "赵磊（客户服务员）", PIN);
    let pass = &desk.store().item_passes(None, 1).unwrap()[0];
    assert_eq!(
        pass.fees.as_ref().map(|f| f.by_name.as_str()),
        Some("赵磊（经办：张敏）"),
        "{:?}",
        desk.gate().message()
    );
}

#[test]
fn esc_closes_the_countersign_and_nothing_is_signed() {
    use iced::keyboard::key::Named;
    let (_dir, mut desk) = desk_with_a_pass();
    click(&mut desk, "费用结清确认");
    assert!(desk.session().dialog().is_some());
    act(&mut desk, |ui| {
        ui.tap_key(Named::Escape);
    });
    assert!(desk.session().dialog().is_none());
    assert!(desk.store().item_passes(None, 1).unwrap()[0].fees.is_none());
    // The refusal stays beside the pass, saying who must sign.
    assert!(
        desk.gate()
            .message()
            .is_some_and(|n| n.error && n.text.contains("客户服务员（本区域）或客服中心主管")),
        "{:?}",
        desk.gate().message()
    );
}

#[test]
fn each_name_in_the_countersign_fits_on_one_line() {
    let (dir, desk) = desk_with_a_pass();
    drop(desk);
    let mut store = open_signed_in(&dir.path().join("desk.sqlite3"));
    sign_in_as(&mut store, "刘洋", Role::Supervisor);
    signs_in(&mut store, "张敏");
    let mut desk = Desk::new(store, None).unwrap();
    click(&mut desk, "物品放行");
    let id = desk.gate().list()[0].id;
    let _ = desk.update(Message::Gate(gate::Message::Select(id)));
    click(&mut desk, "费用结清确认");
    let mut ui = iced_test::Simulator::with_size(
        crate::common::ui::settings(),
        (1280.0, 800.0),
        desk.view(),
    );
    let one_line = ui.find("王强（客户服务员）").unwrap().bounds().height;
    let longest = ui.find("刘洋（客服中心主管）").unwrap().bounds().height;
    assert!(
        longest < one_line * 1.5,
        "the supervisor's name wraps: {longest} against {one_line}"
    );
    assert!(
        one_line < 14.0 * 2.0,
        "one line of 14-point text: {one_line}"
    );
}
