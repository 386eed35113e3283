//! The settings tab and the register's roster import, driven through the simulator.

use crate::common::ui::{act, retype, shows};
use crate::common::{clerk, staffed_store, unit};
use wuye_desk::ui::register::Message as RegisterMessage;
use wuye_desk::ui::{Desk, Message, Tab};

fn desk() -> (tempfile::TempDir, Desk) {
    let (dir, mut store) = staffed_store();
    store.add_unit(&unit("3-2-1502"), &clerk()).unwrap();
    (dir, Desk::new(store, None).unwrap())
}

#[test]
fn the_estate_name_is_required_and_once_saved_titles_the_window() {
    let (_dir, mut desk) = desk();
    act(&mut desk, |ui| {
        ui.click("设置").expect("tab");
    });
    assert_eq!(desk.tab(), Tab::Settings);
    retype(&mut desk, "office-estate", "");
    act(&mut desk, |ui| {
        ui.click("保存单位信息").expect("button");
    });
    assert!(shows(&desk, "请填写小区名称"), "message beside the field");
    assert_eq!(desk.title(), "物业客服台 — 未命名小区", "nothing saved");

    retype(&mut desk, "office-estate", "锦华苑");
    act(&mut desk, |ui| {
        ui.click("保存单位信息").expect("button");
    });
    assert_eq!(desk.title(), "物业客服台 — 锦华苑");
    assert_eq!(desk.store().office().unwrap().estate, "锦华苑");
}

#[test]
fn a_new_staff_member_can_be_picked_as_on_duty() {
    let (_dir, mut desk) = desk();
    act(&mut desk, |ui| {
        ui.click("设置").expect("tab");
    });
    retype(&mut desk, "staff-phone", "1380013");
    act(&mut desk, |ui| {
        ui.click("保存人员").expect("button");
    });
    assert!(shows(&desk, "请填写姓名"));
    assert_eq!(desk.store().staff().unwrap().len(), 1, "nothing saved");
    retype(&mut desk, "staff-name", "李娜");
    retype(&mut desk, "staff-phone", "139 0000 2222");
    act(&mut desk, |ui| {
        ui.click("保存人员").expect("button");
    });
    assert_eq!(desk.store().staff().unwrap().len(), 2);
    assert!(shows(&desk, "139****2222"), "listed, masked");
    let choices: Vec<String> = desk.staff_choices().into_iter().map(|c| c.label).collect();
    assert_eq!(
        choices,
        ["张敏（客户接待员）", "李娜（客户接待员）"],
        "offered at the desk"
    );
}

#[test]
fn a_roster_with_a_bad_row_is_previewed_and_a_fixed_one_imported() {
    let (dir, mut desk) = desk();
    let csv = dir.path().join("花名册.csv");
    let good = "楼栋,单元,房号,建筑面积,业主姓名,联系电话\n\
                3,2,1502,89.50,张伟,13812345678\n\
                3,2,1503,90.10,李娜,13912345678\n";
    std::fs::write(&csv, good.replace("13912345678", "139123")).unwrap();
    // The file dialog answers with the chosen path; the preview follows.
    let _ = desk.update(Message::Register(RegisterMessage::Import(
        wuye_desk::ui::register::ImportMessage::Picked(Some(csv.clone())),
    )));
    let problems = &desk.register().import().expect("preview").problems;
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].row, 3);
    assert!(
        shows(&desk, &problems[0].to_string()),
        "the bad row is listed by number"
    );
    act(&mut desk, |ui| {
        let _ = ui.click("确认导入");
    });
    assert_eq!(
        desk.store().unit_count().unwrap(),
        1,
        "nothing imported while a row is bad"
    );

    std::fs::write(&csv, good).unwrap();
    let _ = desk.update(Message::Register(RegisterMessage::Import(
        wuye_desk::ui::register::ImportMessage::Picked(Some(csv)),
    )));
    assert!(shows(&desk, "共 2 行，全部可以导入。"));
    act(&mut desk, |ui| {
        ui.click("确认导入").expect("button");
    });
    assert_eq!(desk.store().unit_count().unwrap(), 2);
    assert!(
        desk.register()
            .message()
            .is_some_and(|n| !n.error && n.text.contains("新登记房屋 1 套"))
    );
}

#[test]
fn deadlines_are_typed_as_people_say_them_and_only_those_in_use_are_shown() {
    use iced::keyboard::key::Named;
    let (_dir, mut desk) = desk();
    let _ = desk.update(Message::TabSelected(Tab::Settings));
    assert!(
        shows(&desk, "15分钟"),
        "the repair arrival shown in minutes"
    );
    assert!(shows(&desk, "24小时"), "the callback shown as hours");
    assert!(
        !shows(&desk, "投诉：重大问题回复"),
        "no tab uses the complaint deadlines yet"
    );

    retype(&mut desk, "repair_arrival_min", "一刻钟");
    act(&mut desk, |ui| {
        ui.click("保存时限").expect("button");
    });
    assert!(shows(
        &desk,
        "请按 15分钟、2小时、2小时30分 或 1天 这样填写"
    ));
    assert!(shows(&desk, "时限填写有误，请按提示修改"));

    // Fixed, and saved with Enter from the field.
    act(&mut desk, |ui| {
        ui.click(iced_test::selector::id("repair_arrival_min"))
            .expect("field");
        ui.tap_key(Named::End);
        for _ in 0..5 {
            ui.tap_key(Named::Backspace);
        }
        ui.typewrite("20分钟");
        ui.tap_key(Named::Enter);
    });
    let saved = desk.store().deadlines().unwrap();
    assert_eq!(saved.repair_arrival_min, 20);
    assert_eq!(
        saved.complaint_major_min,
        48 * 60,
        "the hidden ones are kept"
    );
    assert!(shows(&desk, "时限已保存"));
    assert!(shows(&desk, "20分钟"));
}
