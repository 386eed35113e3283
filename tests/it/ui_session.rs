//! Who is at the desk, driven through the simulator on the real view: the first supervisor on a
//! fresh file, the sign-in screen, the shift hand-over, and the idle lock that keeps half-typed
//! input.

use crate::common::ui::{act, click, retype, shows, type_into};
use crate::common::{PIN, SUPERVISOR, fresh_store, sign_in_as, signs_in, staffed_store};
use chrono::{NaiveDate, NaiveDateTime, TimeDelta};
use iced::keyboard::key::Named;
use iced_test::selector;
use wuye_desk::domain::SearchQuery;
use wuye_desk::domain::staff::Role;
use wuye_desk::ui::register::{Editor, UnitField};
use wuye_desk::ui::session::{NAME_ID, NOTE_ID, PHONE_ID, PIN_AGAIN_ID, PIN_ID};
use wuye_desk::ui::{Clock, Command, Desk, Message, Tab, settings};

fn nine_thirty() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 11, 29)
        .and_then(|d| d.and_hms_opt(9, 30, 0))
        .unwrap()
}

/// Types `pin` into the PIN field and presses Enter, as one would.
fn enter_pin(desk: &mut Desk, pin: &str) {
    act(desk, |ui| {
        ui.click(selector::id(PIN_ID)).expect("PIN field");
        ui.typewrite(pin);
        ui.tap_key(Named::Enter);
    });
}

/// A desk opened on a file with 张敏 and the test supervisor, nobody signed in, at 09:30.
fn signed_out() -> (tempfile::TempDir, Desk) {
    let (dir, mut store) = staffed_store();
    store.sign_out();
    let mut desk = Desk::new(store, None).unwrap();
    desk.set_clock(Clock::Fixed(nine_thirty()));
    (dir, desk)
}

#[test]
fn the_desk_opens_on_sign_in_and_a_wrong_pin_says_how_many_tries_are_left() {
    let (_dir, mut desk) = signed_out();
    assert!(shows(&desk, "登录"));
    assert!(!shows(&desk, "房屋与业主"), "nothing behind the sign-in");
    enter_pin(&mut desk, "");
    assert!(shows(
        &desk,
        "请先输入或点选您的姓名（输入的姓名须与一位员工相符）"
    ));
    click(&mut desk, "张敏（客户接待员）");
    enter_pin(&mut desk, "");
    assert!(shows(&desk, "请输入PIN"), "an empty Enter is not a try");
    enter_pin(&mut desk, "0000");
    assert!(shows(&desk, "PIN 不对，张敏 还可以再试 4 次"));
    assert!(desk.signed_in().is_none());
    enter_pin(&mut desk, PIN);
    assert_eq!(desk.signed_in().map(|a| a.name.as_str()), Some("张敏"));
    assert!(shows(&desk, "房屋与业主"));
    assert!(shows(&desk, "张敏（客户接待员）"), "named at the top");
    assert!(
        !shows(&desk, "操作日志"),
        "the log is the supervisor's: no tab for the receptionist"
    );
    let _ = desk.update(Message::Key(Command::Tab(14)));
    assert_eq!(
        desk.tab(),
        Tab::Archive,
        "月末归档 is her fifteenth and last tab"
    );
    let _ = desk.update(Message::Key(Command::Tab(15)));
    assert_eq!(
        desk.tab(),
        Tab::Archive,
        "nor a sixteenth tab to go to (fifteen for her with 统计 and 月末归档)"
    );
}

#[test]
fn the_keyboard_alone_signs_in_by_typing_the_name_then_tab_then_the_pin() {
    let (_dir, mut desk) = signed_out();
    act(&mut desk, |ui| {
        ui.click(selector::id(NAME_ID)).expect("name field");
        ui.typewrite("张");
        ui.tap_key(Named::Tab);
        ui.typewrite(PIN);
        ui.tap_key(Named::Enter);
    });
    assert_eq!(desk.signed_in().map(|a| a.name.as_str()), Some("张敏"));
}

#[test]
fn five_wrong_pins_lock_the_person_until_a_time_said_plainly() {
    let (_dir, mut desk) = signed_out();
    click(&mut desk, "张敏（客户接待员）");
    for _ in 0..5 {
        enter_pin(&mut desk, "0000");
    }
    assert!(shows(
        &desk,
        "PIN 已连续输错5次，张敏 的账户锁定5分钟（到 09:35）"
    ));
    enter_pin(&mut desk, PIN);
    assert!(shows(
        &desk,
        "张敏 的PIN已连续输错5次，账户锁定到 09:35，请到时再试或请主管重设PIN"
    ));
    assert!(desk.signed_in().is_none());
    desk.set_clock(Clock::Fixed(nine_thirty() + TimeDelta::minutes(6)));
    enter_pin(&mut desk, PIN);
    assert_eq!(desk.signed_in().map(|a| a.name.as_str()), Some("张敏"));
}

#[test]
fn a_fresh_file_asks_for_the_first_supervisor_before_anything_else() {
    let (_dir, store) = fresh_store();
    let mut desk = Desk::new(store, None).unwrap();
    assert!(shows(&desk, "建立主管账户"));
    assert!(!shows(&desk, "房屋与业主"));
    type_into(&mut desk, NAME_ID, "刘洋");
    type_into(&mut desk, PHONE_ID, "12345");
    type_into(&mut desk, PIN_ID, "2468");
    type_into(&mut desk, PIN_AGAIN_ID, "2468");
    click(&mut desk, "建立账户并登录");
    assert!(shows(
        &desk,
        "手机号应为 11 位，现在是 5 位，请核对是否漏输或多输"
    ));
    retype(&mut desk, PHONE_ID, "13800000001");
    type_into(&mut desk, PIN_AGAIN_ID, "9");
    click(&mut desk, "建立账户并登录");
    assert!(shows(&desk, "两次输入的PIN不一致，请重新输入"));
    assert!(desk.store().needs_first_supervisor().unwrap());
    // Enter in the last field makes the account.
    type_into(&mut desk, PIN_ID, "2468");
    act(&mut desk, |ui| {
        ui.click(selector::id(PIN_AGAIN_ID)).unwrap();
        ui.typewrite("2468");
        ui.tap_key(Named::Enter);
    });
    assert!(!desk.store().needs_first_supervisor().unwrap());
    let me = desk.signed_in().expect("signed in").clone();
    assert_eq!((me.name.as_str(), me.role), ("刘洋", Role::Supervisor));
    assert_eq!(desk.tab(), Tab::Settings, "next: the office and the staff");
    assert!(shows(
        &desk,
        "主管账户已建立。请填写单位信息，添加员工并为他们设置PIN。"
    ));
    assert!(shows(&desk, "操作日志"), "the supervisor has the log");
    click(&mut desk, "人员与PIN");
    assert!(shows(&desk, "修改我的PIN"));
}

/// A desk with 张敏 signed in and 李娜, a receptionist, who can take over.
fn zhang_at_the_desk() -> (tempfile::TempDir, Desk) {
    let (dir, mut store) = staffed_store();
    sign_in_as(&mut store, "李娜", Role::Receptionist);
    signs_in(&mut store, "张敏");
    let mut desk = Desk::new(store, None).unwrap();
    desk.set_clock(Clock::Fixed(nine_thirty()));
    (dir, desk)
}

#[test]
fn a_shift_change_signs_the_next_person_in_and_is_recorded_with_what_is_pending() {
    let (_dir, mut desk) = zhang_at_the_desk();
    click(&mut desk, "交接班");
    assert!(shows(&desk, "交班人：张敏（客户接待员）"));
    // Esc closes it; nothing changes.
    act(&mut desk, |ui| {
        ui.tap_key(Named::Escape);
    });
    assert!(desk.session().dialog().is_none());
    click(&mut desk, "交接班");
    click(&mut desk, "李娜（客户接待员）");
    type_into(&mut desk, PIN_ID, "0000");
    click(&mut desk, "确认交接");
    assert!(shows(&desk, "PIN 不对，李娜 还可以再试 4 次"));
    assert_eq!(desk.signed_in().map(|a| a.name.as_str()), Some("张敏"));
    type_into(&mut desk, PIN_ID, PIN);
    type_into(&mut desk, NOTE_ID, "3-2-1502 报修待回访");
    click(&mut desk, "确认交接");
    assert_eq!(desk.signed_in().map(|a| a.name.as_str()), Some("李娜"));
    assert!(shows(&desk, "李娜（客户接待员）"));
    let (at, from, to, note) = desk.store().handovers(1).unwrap().remove(0);
    assert_eq!(
        (at, from.as_str(), to.as_str(), note.as_str()),
        (nine_thirty(), "张敏", "李娜", "3-2-1502 报修待回访")
    );
}

/// Opens the register's new-unit form and types the start of an address.
fn half_typed_unit(desk: &mut Desk) {
    click(desk, "房屋与业主");
    click(desk, "登记房屋");
    type_into(desk, UnitField::Address.id(), "3-2-15");
}

fn typed_address(desk: &Desk) -> Option<String> {
    match desk.register().editor() {
        Some(Editor::Unit(d)) => Some(d.address.clone()),
        _ => None,
    }
}

#[test]
fn an_idle_desk_locks_and_unlocking_returns_to_the_half_typed_form() {
    let (_dir, mut desk) = zhang_at_the_desk();
    half_typed_unit(&mut desk);
    let tick = |desk: &mut Desk, minutes: i64| {
        desk.set_clock(Clock::Fixed(nine_thirty() + TimeDelta::minutes(minutes)));
        let _ = desk.update(Message::Tick);
    };
    tick(&mut desk, 8);
    assert!(!desk.session().locked());
    // Typing at 09:38 starts the ten minutes again.
    type_into(&mut desk, UnitField::Area.id(), "89");
    tick(&mut desk, 17);
    assert!(!desk.session().locked(), "nine minutes since the last key");
    tick(&mut desk, 18);
    assert!(desk.session().locked());
    assert!(shows(&desk, "客服台已锁定"));
    assert!(
        !shows(&desk, "登记房屋"),
        "nothing of the desk behind the lock"
    );
    // Keys go to the lock screen, not to the form underneath.
    let _ = desk.update(Message::Key(Command::Submit));
    let units = desk.store().search_units(&SearchQuery::All, 0, 5).unwrap();
    assert_eq!(units.total, 0, "nothing saved");
    enter_pin(&mut desk, "0000");
    assert!(shows(&desk, "PIN 不对，张敏 还可以再试 4 次"));
    enter_pin(&mut desk, PIN);
    assert!(!desk.session().locked());
    assert_eq!(
        typed_address(&desk).as_deref(),
        Some("3-2-15"),
        "input intact"
    );
    type_into(&mut desk, UnitField::Address.id(), "03");
    click(&mut desk, "保存");
    assert!(
        shows(&desk, "已保存 3号楼2单元1503室"),
        "{:?}",
        desk.register().message()
    );
}

#[test]
fn lock_and_change_person_keep_the_form_for_the_next_person() {
    let (_dir, mut desk) = zhang_at_the_desk();
    half_typed_unit(&mut desk);
    click(&mut desk, "锁定");
    assert!(desk.session().locked());
    click(&mut desk, "换人");
    click(&mut desk, &format!("{SUPERVISOR}（客服中心主管）"));
    type_into(&mut desk, PIN_ID, PIN);
    click(&mut desk, "确认交接");
    assert!(!desk.session().locked());
    assert_eq!(desk.signed_in().map(|a| a.name.as_str()), Some(SUPERVISOR));
    assert_eq!(typed_address(&desk).as_deref(), Some("3-2-15"));
    let (_, from, to, _) = desk.store().handovers(1).unwrap().remove(0);
    assert_eq!((from.as_str(), to.as_str()), ("张敏", SUPERVISOR));
}

#[test]
fn the_idle_time_is_set_in_settings_and_zero_never_locks() {
    let (_dir, store) = staffed_store();
    let mut desk = Desk::new(store, None).unwrap();
    desk.set_clock(Clock::Fixed(nine_thirty()));
    click(&mut desk, "设置");
    click(&mut desk, "锁定、备份与打印");
    assert!(shows(
        &desk,
        "现在：10 分钟无键盘鼠标操作即锁定，输入PIN解锁。填 0 表示不自动锁定。"
    ));
    retype(&mut desk, settings::IDLE_ID, "十");
    click(&mut desk, "保存锁定时间");
    assert!(shows(
        &desk,
        "请填写 0 到 1440 之间的分钟数，0 表示不自动锁定"
    ));
    retype(&mut desk, settings::IDLE_ID, "0");
    click(&mut desk, "保存锁定时间");
    assert!(shows(&desk, "已保存：客服台不自动锁定"));
    assert_eq!(desk.store().idle_lock_minutes().unwrap(), 0);
    desk.set_clock(Clock::Fixed(nine_thirty() + TimeDelta::hours(3)));
    let _ = desk.update(Message::Tick);
    assert!(!desk.session().locked());
    retype(&mut desk, settings::IDLE_ID, "3");
    click(&mut desk, "保存锁定时间");
    assert_eq!(desk.store().idle_lock_minutes().unwrap(), 3);
    desk.set_clock(Clock::Fixed(nine_thirty() + TimeDelta::minutes(183)));
    let _ = desk.update(Message::Tick);
    assert!(desk.session().locked());
}
