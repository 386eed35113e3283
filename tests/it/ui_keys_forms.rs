//! The 钥匙管理 tab's forms worked from the keyboard through the iced_test simulator: each
//! form takes the cursor, Tab moves on, Enter saves, Esc closes, and each form's message stays
//! with it.

use iced::keyboard::key::Named;
use iced_test::selector;

use crate::common::ui::{act, click, shows};
use crate::common::{clerk, staffed_store, unit};
use wuye_desk::domain::UnitAddress;
use wuye_desk::domain::keys::KeyStatus;
use wuye_desk::ui::keys::{self, Editor};
use wuye_desk::ui::{Command, Desk, Message, Tab};

/// A desk with a receptionist on duty and the keys of 5-1-0301 in the cabinet.
fn desk() -> (tempfile::TempDir, Desk) {
    let (dir, mut store) = staffed_store();
    for a in ["3-2-1502", "5-1-0301"] {
        store.add_unit(&unit(a), &clerk()).unwrap();
    }
    store
        .add_key(&crate::common::key_of_0301(), &clerk())
        .unwrap();
    let mut desk = Desk::new(store, None).unwrap();
    click(&mut desk, "钥匙管理");
    assert_eq!(desk.tab(), Tab::Keys);
    (dir, desk)
}

#[test]
fn a_key_set_is_put_in_the_cabinet_from_the_keyboard_alone() {
    let (_dir, mut desk) = desk();
    click(&mut desk, "钥匙入柜");
    // The cursor starts in 房号; Tab passes 公共部位 to 挂钩号 and 数量 (its text selected).
    act(&mut desk, |ui| {
        ui.typewrite("3-2-1502");
        ui.tap_key(Named::Tab);
        ui.tap_key(Named::Tab);
        ui.typewrite("B-002");
        ui.tap_key(Named::Tab);
        ui.typewrite("3");
        ui.tap_key(Named::Enter);
    });
    let key = desk.store().keys("B-002", 1).unwrap();
    assert_eq!(
        key.len(),
        1,
        "{:?} {:?}",
        desk.keys().message(),
        desk.keys().editor()
    );
    assert_eq!(key[0].key.count, 3);
    assert_eq!(key[0].key.unit, UnitAddress::parse("3-2-1502").ok());
    assert!(desk.keys().editor().is_none(), "the form closed");
    assert!(
        shows(&desk, "挂钩 B-002 已入柜"),
        "reported beside the new key"
    );
}

#[test]
fn the_lend_form_keeps_its_error_and_esc_closes_it() {
    let (_dir, mut desk) = desk();
    // Enter outside any form opens the first key listed.
    let _ = desk.update(Message::Key(Command::Submit));
    let key = desk.keys().selected().expect("the first key opened").key.id;
    click(&mut desk, "借出");
    assert!(matches!(desk.keys().editor(), Some(Editor::Lend(_))));
    act(&mut desk, |ui| {
        ui.typewrite("陈刚");
        ui.tap_key(Named::Enter);
    });
    assert!(shows(&desk, "有填写不正确的地方，请按红字提示修改"));
    act(&mut desk, |ui| {
        ui.tap_key(Named::Escape);
    });
    assert!(desk.keys().editor().is_none(), "Esc closed the form");
    assert!(
        !shows(&desk, "有填写不正确的地方，请按红字提示修改"),
        "the lend form's error is not shown on the key"
    );
    assert_eq!(
        desk.store().key(key).unwrap().status,
        KeyStatus::InCabinet,
        "nothing lent"
    );
}

#[test]
fn enter_in_the_end_of_day_field_saves_it_and_showing_the_tab_leaves_the_cursor_alone() {
    let (_dir, mut desk) = desk();
    // The end-of-day field is always on screen: it must not take the cursor by itself.
    act(&mut desk, |ui| {
        ui.typewrite("9999");
    });
    assert!(
        !shows(&desk, "9999"),
        "typing went into the end-of-day field"
    );
    act(&mut desk, |ui| {
        ui.click(selector::id(keys::END_OF_DAY_ID)).expect("field");
        ui.tap_key(Named::End);
        for _ in 0..8 {
            ui.tap_key(Named::Backspace);
        }
        ui.typewrite("17:30");
        ui.tap_key(Named::Enter);
    });
    assert_eq!(
        desk.store().key_settings().unwrap().end_of_day,
        chrono::NaiveTime::from_hms_opt(17, 30, 0).unwrap()
    );
    assert!(
        shows(&desk, "下班时间已改为 17:30"),
        "said beside the field"
    );
}
