//! The settings tab and the register's roster import, driven through the simulator.

use crate::common::ui::{act, click, retype, shows};
use crate::common::{clerk, staffed_store, unit};
use wuye_desk::ui::register::Message as RegisterMessage;
use wuye_desk::ui::settings::{self, Message as SettingsMessage};
use wuye_desk::ui::{Desk, Message, Tab};

/// Runs a task the desk returned to its end, feeding its messages back as the window's runtime
/// would (and the tasks those return). Reading a roster runs on a thread of its own: this waits
/// for it.
fn run(desk: &mut Desk, task: iced::Task<Message>) {
    let Some(stream) = iced_test::runtime::task::into_stream(task) else {
        return;
    };
    let actions: Vec<_> =
        iced::futures::executor::block_on(iced::futures::StreamExt::collect::<Vec<_>>(stream));
    for action in actions {
        if let iced_test::runtime::Action::Output(m) = action {
            let next = desk.update(m);
            run(desk, next);
        }
    }
}

/// The file dialog answers with `path`; the preview follows once the file is read.
fn pick(desk: &mut Desk, path: &std::path::Path) -> iced::Task<Message> {
    desk.update(Message::Register(RegisterMessage::Import(
        wuye_desk::ui::register::ImportMessage::Picked(Some(path.to_path_buf())),
    )))
}

fn desk() -> (tempfile::TempDir, Desk) {
    let (dir, mut store) = staffed_store();
    store.add_unit(&unit("3-2-1502"), &clerk()).unwrap();
    let mut desk = Desk::new(store, None).unwrap();
    // The desk opens on 今日; these tests start from the register.
    let _ = desk.update(Message::TabSelected(Tab::Register));
    (dir, desk)
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
fn a_new_staff_member_given_a_pin_can_sign_in_at_the_desk() {
    let (_dir, mut desk) = desk();
    act(&mut desk, |ui| {
        ui.click("设置").expect("tab");
    });
    click(&mut desk, "人员与PIN");
    retype(&mut desk, "staff-phone", "1380013");
    act(&mut desk, |ui| {
        ui.click("保存人员").expect("button");
    });
    assert!(shows(&desk, "请填写姓名"));
    assert_eq!(desk.store().staff().unwrap().len(), 2, "nothing saved");
    retype(&mut desk, "staff-name", "李娜");
    retype(&mut desk, "staff-phone", "139 0000 2222");
    act(&mut desk, |ui| {
        ui.click("保存人员").expect("button");
    });
    assert_eq!(desk.store().staff().unwrap().len(), 3);
    assert!(shows(&desk, "139****2222"), "listed, masked");
    assert!(shows(&desk, "未设PIN"), "李娜 has no PIN yet");
    let labels = |desk: &Desk| -> Vec<String> {
        desk.staff_choices().into_iter().map(|c| c.label).collect()
    };
    assert!(
        !labels(&desk).contains(&"李娜（客户接待员）".to_string()),
        "no PIN, no sign-in"
    );

    // The supervisor chooses 李娜 and sets her PIN, typed twice.
    let li = desk
        .store()
        .staff()
        .unwrap()
        .into_iter()
        .find(|s| s.staff.name == "李娜")
        .unwrap()
        .id;
    let _ = desk.update(Message::Settings(SettingsMessage::EditStaff(li)));
    assert!(shows(&desk, "为 李娜 设置PIN"));
    retype(&mut desk, settings::PIN_ID, "1357");
    retype(&mut desk, settings::PIN_AGAIN_ID, "1375");
    click(&mut desk, "保存PIN");
    assert!(shows(&desk, "两次输入的PIN不一致，请重新输入"));
    assert!(!desk.store().has_secret(li).unwrap());
    retype(&mut desk, settings::PIN_ID, "1357");
    retype(&mut desk, settings::PIN_AGAIN_ID, "1357");
    click(&mut desk, "保存PIN");
    assert!(shows(&desk, "已为 李娜 设置PIN，请告知本人"));
    assert!(desk.store().has_secret(li).unwrap());
    assert_eq!(
        labels(&desk),
        [
            "张敏（客户接待员）",
            "李娜（客户接待员）",
            "测试员（客服中心主管）"
        ],
        "offered at sign-in and hand-over"
    );
}

#[test]
fn the_last_supervisor_cannot_be_deactivated() {
    let (_dir, mut desk) = desk();
    act(&mut desk, |ui| {
        ui.click("设置").expect("tab");
    });
    click(&mut desk, "人员与PIN");
    let me = desk.signed_in().unwrap().id;
    let _ = desk.update(Message::Settings(SettingsMessage::EditStaff(me)));
    // (The word 在职 is also in the list: untick the box as it would be.)
    let _ = desk.update(Message::Settings(SettingsMessage::StaffActive(false)));
    click(&mut desk, "保存人员");
    assert!(shows(
        &desk,
        "测试员 是唯一在职的客服中心主管，不能停用或改为其他岗位；请先添加另一名主管"
    ));
    assert!(desk.store().staff_member(me).unwrap().staff.active);
}

#[test]
fn a_roster_with_a_bad_row_is_previewed_and_a_fixed_one_imported() {
    let (dir, mut desk) = desk();
    let csv = dir.path().join("花名册.csv");
    let good = "楼栋,单元,房号,建筑面积,业主姓名,联系电话\n\
                3,2,1502,89.50,张伟,13812345678\n\
                3,2,1503,90.10,李娜,13912345678\n";
    std::fs::write(&csv, good.replace("13912345678", "139123")).unwrap();
    // The file dialog answers with the chosen path; the file is read off the UI thread, and
    // until it is, the preview says so and nothing can be imported.
    let reading = pick(&mut desk, &csv);
    assert!(shows(&desk, "正在读取…"));
    act(&mut desk, |ui| {
        let _ = ui.click("确认导入");
    });
    run(&mut desk, reading);
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
    let reading = pick(&mut desk, &csv);
    run(&mut desk, reading);
    assert!(shows(&desk, "已读取：2 行"));
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
fn a_read_that_ends_after_the_import_was_closed_changes_nothing() {
    let (dir, mut desk) = desk();
    let csv = dir.path().join("花名册.csv");
    std::fs::write(
        &csv,
        "楼栋,单元,房号,建筑面积,业主姓名\n3,2,1503,90.10,李娜\n",
    )
    .unwrap();
    let first = pick(&mut desk, &csv);
    // Another file chosen before the first was read: only the second one's result counts.
    let other = dir.path().join("另一个.csv");
    std::fs::write(
        &other,
        "楼栋,单元,房号,建筑面积,业主姓名\n3,2,1504,90.10,王芳\n3,2,1505,90.10,赵敏\n",
    )
    .unwrap();
    let second = pick(&mut desk, &other);
    run(&mut desk, first);
    assert!(
        shows(&desk, "正在读取…"),
        "the first file's result is stale"
    );
    run(&mut desk, second);
    assert!(shows(&desk, "共 2 行，全部可以导入。"));

    // Closed while a read runs: its result does not reopen the import.
    let third = pick(&mut desk, &csv);
    click(&mut desk, "关闭");
    run(&mut desk, third);
    assert!(desk.register().import().is_none());
    assert_eq!(desk.store().unit_count().unwrap(), 1, "nothing imported");
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
        shows(&desk, "投诉：重大问题回复") && shows(&desk, "48小时"),
        "the 信息反馈 tab uses the complaint deadlines"
    );
    assert!(shows(&desk, "信息反馈：派单部门"), "the departments form");

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
    assert_eq!(saved.complaint_major_min, 48 * 60, "the others are kept");
    assert!(shows(&desk, "时限已保存"));
    assert!(shows(&desk, "20分钟"));
}

#[test]
fn the_feedback_departments_are_edited_in_settings() {
    let (_dir, mut desk) = desk();
    let _ = desk.update(Message::TabSelected(Tab::Settings));
    assert!(shows(
        &desk,
        "工程部、秩序维护部、环境部、财务/收费、客服中心"
    ));
    retype(&mut desk, "feedback-departments", "工程部、工程部");
    click(&mut desk, "保存反馈部门");
    assert!(shows(&desk, "部门“工程部”重复了"));
    assert_eq!(desk.store().feedback_departments().unwrap().len(), 5);
    retype(&mut desk, "feedback-departments", "工程部，保安部");
    click(&mut desk, "保存反馈部门");
    assert!(shows(&desk, "反馈部门已保存"));
    assert_eq!(
        desk.store().feedback_departments().unwrap(),
        ["工程部", "保安部"]
    );
    assert!(shows(&desk, "工程部、保安部"));
}
