//! The register tab driven through the iced_test simulator on the real view.

use crate::common;
use crate::common::ui::{act, shows, type_into};
use crate::common::{clerk, owner, staffed_store, unit};
use iced_test::selector;
use wuye_desk::domain::{AreaError, IdError};
use wuye_desk::ui::Desk;
use wuye_desk::ui::register::{self, Editor};

/// A desk on a temporary store with one receptionist on duty and 3-2-1502 registered.
fn desk() -> (tempfile::TempDir, Desk) {
    let (dir, mut store) = staffed_store();
    let id = store.add_unit(&unit("3-2-1502"), &clerk()).unwrap();
    store
        .add_person(id, &owner("王建国", "13812345678"), &clerk())
        .unwrap();
    store.add_unit(&unit("5-1-0301"), &clerk()).unwrap();
    let mut desk = Desk::new(store, None).unwrap();
    // The desk opens on 今日; these tests start from the register.
    let _ = desk.update(wuye_desk::ui::Message::TabSelected(
        wuye_desk::ui::Tab::Register,
    ));
    (dir, desk)
}

#[test]
fn typing_a_room_finds_the_unit_and_shows_its_owner() {
    let (_dir, mut desk) = desk();
    assert_eq!(desk.title(), "物业客服台 — 未命名小区");
    assert!(shows(&desk, "房屋与业主"), "the tab row is in Chinese");
    type_into(&mut desk, register::SEARCH_ID, "3-2-1502");
    assert_eq!(desk.register().results().total, 1);
    assert!(
        shows(&desk, "3号楼2单元1502室"),
        "the unit's detail is on screen"
    );
    assert!(shows(&desk, "王建国"));
    let masked = common::id_number("410105", "19800101", 12).masked();
    assert!(
        shows(&desk, &format!("电话 138****5678　身份证 {masked}")),
        "masked on screen"
    );
}

#[test]
fn a_bad_id_number_is_named_beside_its_field_and_nothing_is_saved_until_it_is_fixed() {
    let (_dir, mut desk) = desk();
    type_into(&mut desk, register::SEARCH_ID, "5-1-0301");
    act(&mut desk, |ui| {
        ui.click("添加业主/住户").expect("button");
    });
    assert!(matches!(desk.register().editor(), Some(Editor::Person(_))));
    type_into(&mut desk, "person-name", "李娜");
    type_into(&mut desk, "person-phone", "139 0000 1111");
    type_into(&mut desk, "person-id-number", "110105194912310021");
    act(&mut desk, |ui| {
        ui.click("保存").expect("save button");
    });
    assert!(
        shows(&desk, &IdError::Checksum.to_string()),
        "the message beside the field"
    );
    let unit = desk.register().selected().expect("selected").unit.id;
    assert!(
        desk.store().people_of(unit).unwrap().is_empty(),
        "nothing saved yet"
    );

    // Fix the last character and save again.
    act(&mut desk, |ui| {
        ui.click(selector::id("person-id-number")).expect("field");
        ui.tap_key(iced::keyboard::key::Named::End);
        ui.tap_key(iced::keyboard::key::Named::Backspace);
        ui.typewrite("X");
    });
    act(&mut desk, |ui| {
        ui.click("保存").expect("save button");
    });
    let people = desk.store().people_of(unit).unwrap();
    assert_eq!(people.len(), 1, "{:?}", desk.register().message());
    assert_eq!(
        people[0].person.id_number.as_ref().unwrap().as_str(),
        "11010519491231002X"
    );
    assert!(shows(&desk, "李娜"), "listed under the unit");
    assert!(
        shows(&desk, "电话 139****1111　身份证 110***********002X"),
        "masked on screen"
    );
}

#[test]
fn registering_a_unit_with_a_bad_area_says_what_to_fix() {
    let (_dir, mut desk) = desk();
    act(&mut desk, |ui| {
        ui.click("登记房屋").expect("button");
    });
    type_into(&mut desk, "unit-address", "7-1-0802");
    type_into(&mut desk, "unit-area", "九十");
    act(&mut desk, |ui| {
        ui.click("保存").expect("save");
    });
    assert!(
        shows(&desk, &AreaError::Format.to_string()),
        "the message beside the field"
    );
    act(&mut desk, |ui| {
        ui.click(selector::id("unit-area")).expect("field");
        ui.tap_key(iced::keyboard::key::Named::End);
        for _ in 0..2 {
            ui.tap_key(iced::keyboard::key::Named::Backspace);
        }
        ui.typewrite("96.3");
    });
    act(&mut desk, |ui| {
        ui.click("保存").expect("save");
    });
    assert!(shows(&desk, "7号楼1单元0802室"));
    assert!(shows(&desk, "建筑面积 96.30 m²　·　未售　·　8层"));
}

#[test]
fn the_person_form_is_worked_from_the_keyboard_alone() {
    use iced::keyboard::key::Named;
    let (_dir, mut desk) = desk();
    type_into(&mut desk, register::SEARCH_ID, "5-1-0301");
    act(&mut desk, |ui| {
        ui.click("添加业主/住户").expect("button");
    });
    // The cursor starts in 姓名; Tab moves on in reading order; Enter saves.
    act(&mut desk, |ui| {
        ui.typewrite("李娜");
        ui.tap_key(Named::Tab);
        ui.typewrite("13900001111");
        ui.tap_key(Named::Tab);
        ui.typewrite("11010519491231002X");
        ui.tap_key(Named::Enter);
    });
    let unit = desk.register().selected().expect("selected").unit.id;
    let people = desk.store().people_of(unit).unwrap();
    assert_eq!(people.len(), 1, "{:?}", desk.register().message());
    assert_eq!(people[0].person.name, "李娜");
    assert_eq!(
        people[0].person.phone.as_ref().map(|m| m.as_str()),
        Some("13900001111")
    );
    assert_eq!(
        people[0].person.id_number.as_ref().map(|i| i.as_str()),
        Some("11010519491231002X")
    );
    assert!(desk.register().editor().is_none(), "the form closed");

    // Shift+Tab goes back; Esc closes the form without saving.
    act(&mut desk, |ui| {
        ui.click("添加业主/住户").expect("button");
    });
    act(&mut desk, |ui| {
        ui.typewrite("王");
        ui.tap_key(Named::Tab);
        ui.simulate([shift_tab()]);
        // Back in 姓名 with its text selected: typing replaces it.
        ui.typewrite("芳");
    });
    let Some(Editor::Person(draft)) = desk.register().editor() else {
        panic!("the form is open");
    };
    assert_eq!(draft.name, "芳");
    assert_eq!(draft.phone, "", "nothing went into 联系电话");
    act(&mut desk, |ui| {
        ui.tap_key(Named::Escape);
    });
    assert!(desk.register().editor().is_none(), "Esc closed the form");
    assert_eq!(
        desk.store().people_of(unit).unwrap().len(),
        1,
        "nothing saved"
    );
}

/// Shift+Tab pressed.
fn shift_tab() -> iced::Event {
    use iced::keyboard::{Event, Key, Location, Modifiers, key};
    let tab = Key::Named(key::Named::Tab);
    iced::Event::Keyboard(Event::KeyPressed {
        key: tab.clone(),
        modified_key: tab,
        physical_key: key::Physical::Unidentified(key::NativeCode::Unidentified),
        location: Location::Standard,
        modifiers: Modifiers::SHIFT,
        repeat: false,
        text: None,
    })
}

#[test]
fn shortcuts_switch_tabs_and_enter_in_search_opens_the_first_unit() {
    use wuye_desk::ui::{Command, Message, Tab};
    let (_dir, mut desk) = desk();
    let _ = desk.update(Message::Key(Command::Tab(3)));
    assert_eq!(desk.tab(), Tab::Renovation, "装修管理 right after 业主入住");
    let _ = desk.update(Message::Key(Command::Tab(4)));
    assert_eq!(desk.tab(), Tab::Repairs);
    let _ = desk.update(Message::Key(Command::Tab(0)));
    assert_eq!(desk.tab(), Tab::Today, "Ctrl+1: 今日, the first tab");
    let _ = desk.update(Message::Key(Command::Tab(8)));
    assert_eq!(desk.tab(), Tab::Vacancy, "Ctrl+9: the ninth tab");
    let _ = desk.update(Message::Key(Command::Tab(9)));
    assert_eq!(desk.tab(), Tab::Fees, "Ctrl+0: the tenth tab");
    let _ = desk.update(Message::Key(Command::Tab(1)));
    assert_eq!(desk.tab(), Tab::Register);

    assert!(desk.register().selected().is_none());
    let first = desk.register().results().rows[0].unit.id;
    let _ = desk.update(Message::Key(Command::Submit));
    let selected = desk
        .register()
        .selected()
        .expect("Enter opened the first hit");
    assert_eq!(selected.unit.id, first);
    // Esc clears the search.
    type_into(&mut desk, register::SEARCH_ID, "5-1");
    assert_eq!(desk.register().results().total, 1);
    let _ = desk.update(Message::Key(Command::Cancel));
    assert_eq!(desk.register().results().total, 2);
}

#[test]
fn a_saved_message_stays_with_its_unit_and_not_with_the_next_form() {
    let (_dir, mut desk) = desk();
    type_into(&mut desk, register::SEARCH_ID, "5-1-0301");
    act(&mut desk, |ui| {
        ui.click("添加业主/住户").expect("button");
    });
    type_into(&mut desk, "person-name", "李娜");
    act(&mut desk, |ui| {
        ui.click("保存").expect("save");
    });
    assert!(
        shows(&desk, "已保存业主 李娜"),
        "{:?}",
        desk.register().message()
    );
    // Opening the edit form: the message was about the unit, not this form.
    act(&mut desk, |ui| {
        ui.click("编辑").expect("edit button");
    });
    assert!(matches!(desk.register().editor(), Some(Editor::Person(_))));
    assert!(!shows(&desk, "已保存业主 李娜"));
    assert!(desk.register().message().is_none());
}
