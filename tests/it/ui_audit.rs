//! A full ID number revealed at the desk (countersigned by the supervisor for a receptionist),
//! and the supervisor finding it, the shift change and the sign-ins in 操作日志.

use crate::common::ui::{act, click, countersign, retype, shows, type_into};
use crate::common::{PIN, SUPERVISOR, clerk, id_number, owner, signs_in, staffed_store, unit};
use chrono::{NaiveDate, NaiveDateTime};
use iced::keyboard::key::Named;
use iced_test::selector;
use wuye_desk::ui::audit::{self, FROM_ID, RECORD_ID, TO_ID};
use wuye_desk::ui::register::{PURPOSE_ID, SEARCH_ID};
use wuye_desk::ui::session::PIN_ID;
use wuye_desk::ui::{Clock, Desk, Message, Tab};

fn ten_o_clock() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 11, 30)
        .and_then(|d| d.and_hms_opt(10, 0, 0))
        .unwrap()
}

/// 3-2-1502 owned by 王建国 (with an ID number) and 3-2-1503; 张敏 signed in, on 2026-11-30.
fn desk() -> (tempfile::TempDir, Desk) {
    let (dir, mut store) = staffed_store();
    let id = store.add_unit(&unit("3-2-1502"), &clerk()).unwrap();
    store
        .add_person(id, &owner("王建国", "13812345678"), &clerk())
        .unwrap();
    store.add_unit(&unit("3-2-1503"), &clerk()).unwrap();
    signs_in(&mut store, "张敏");
    let mut desk = Desk::new(store, None).unwrap();
    desk.set_clock(Clock::Fixed(ten_o_clock()));
    // The desk opens on 今日; these tests start from the register.
    let _ = desk.update(Message::TabSelected(Tab::Register));
    (dir, desk)
}

#[test]
fn a_receptionist_sees_a_full_id_only_with_the_supervisors_countersign_until_the_unit_changes() {
    let (_dir, mut desk) = desk();
    let full = id_number("410105", "19800101", 12);
    let facts = |id: &str| format!("电话 138****5678　身份证 {id}");
    retype(&mut desk, SEARCH_ID, "1502");
    assert!(shows(&desk, &facts(&full.masked())));
    click(&mut desk, "查看完整身份证号");
    click(&mut desk, "查看");
    assert!(shows(&desk, "请写明查看完整身份证号的用途"));
    assert!(
        desk.session().dialog().is_none(),
        "no countersign for nothing"
    );
    type_into(&mut desk, PURPOSE_ID, "核对产权");
    click(&mut desk, "查看");
    assert!(shows(&desk, "需要会签"));
    countersign(&mut desk, &format!("{SUPERVISOR}（客服中心主管）"), PIN);
    assert!(shows(&desk, &facts(full.as_str())));
    assert!(shows(&desk, "已显示完整身份证号，本次查看已记入操作日志"));
    // Another unit, then back: masked again.
    retype(&mut desk, SEARCH_ID, "1503");
    retype(&mut desk, SEARCH_ID, "1502");
    assert!(shows(&desk, &facts(&full.masked())));
    assert!(!shows(&desk, &facts(full.as_str())));
}

#[test]
fn the_supervisor_finds_the_reveal_the_shift_change_and_the_sign_ins_in_the_log() {
    let (_dir, mut desk) = desk();
    assert!(!shows(&desk, "操作日志"));
    // The reveal, countersigned.
    retype(&mut desk, SEARCH_ID, "1502");
    click(&mut desk, "查看完整身份证号");
    type_into(&mut desk, PURPOSE_ID, "核对产权");
    click(&mut desk, "查看");
    countersign(&mut desk, &format!("{SUPERVISOR}（客服中心主管）"), PIN);
    // The supervisor takes over the desk: the log is theirs to read.
    click(&mut desk, "交接班");
    click(&mut desk, &format!("{SUPERVISOR}（客服中心主管）"));
    type_into(&mut desk, PIN_ID, PIN);
    click(&mut desk, "确认交接");
    click(&mut desk, "操作日志");
    assert_eq!(desk.tab(), Tab::Audit);
    assert!(
        shows(&desk, "张敏（会签：测试员）"),
        "both names on the row"
    );
    assert!(shows(&desk, "查看完整身份证号：核对产权"));
    assert!(shows(&desk, "张敏 交班给 测试员"));
    let newest = &desk.audit().rows()[0];
    assert_eq!(newest.what, "张敏 交班给 测试员", "newest first");

    // By person: every row names 张敏, as the one signed in or the countersigner.
    let _ = desk.update(Message::Audit(audit::Message::Who("张敏".into())));
    assert!(desk.audit().total() > 0);
    assert!(
        desk.audit()
            .rows()
            .iter()
            .all(|r| r.who == "张敏" || r.countersign.as_deref() == Some("张敏"))
    );
    // By tab.
    let _ = desk.update(Message::Audit(audit::Message::Who(audit::ANYONE.into())));
    let _ = desk.update(Message::Audit(audit::Message::Tab("登录与交接".into())));
    assert!(desk.audit().rows().iter().all(|r| r.tab == "登录与交接"));
    assert!(
        desk.audit()
            .rows()
            .iter()
            .any(|r| r.what == "张敏 交班给 测试员")
    );
    let _ = desk.update(Message::Audit(audit::Message::Tab(audit::ANY_TAB.into())));
    // By record, from the keyboard: Enter in the field applies it.
    act(&mut desk, |ui| {
        ui.click(selector::id(RECORD_ID)).unwrap();
        ui.typewrite("王建国");
        ui.tap_key(Named::Enter);
    });
    assert!(desk.audit().total() > 0);
    assert!(
        desk.audit()
            .rows()
            .iter()
            .all(|r| r.record.contains("王建国"))
    );
    // A date that cannot be read says so; the list stays as it was.
    let before = desk.audit().total();
    type_into(&mut desk, FROM_ID, "2026-13-01");
    click(&mut desk, "查询");
    assert!(shows(&desk, "日期填写有误，请按提示修改"));
    assert_eq!(desk.audit().total(), before);
    // Today only: the desk's work, not the set-up the day before.
    retype(&mut desk, FROM_ID, "2026-11-30");
    retype(&mut desk, TO_ID, "今天");
    click(&mut desk, "清除条件");
    retype(&mut desk, FROM_ID, "2026-11-30");
    retype(&mut desk, TO_ID, "今天");
    click(&mut desk, "查询");
    assert!(desk.audit().total() > 0);
    assert!(
        desk.audit()
            .rows()
            .iter()
            .all(|r| r.at.date() == ten_o_clock().date())
    );
    // A row chosen shows what it recorded.
    let reveal = desk
        .audit()
        .rows()
        .iter()
        .find(|r| r.what == "查看完整身份证号：核对产权")
        .expect("the reveal is today's")
        .id;
    let _ = desk.update(Message::Audit(audit::Message::Select(reveal)));
    assert!(shows(&desk, "内容：查看完整身份证号：核对产权"));
    assert!(shows(&desk, "人员：张敏（会签：测试员）"));
    assert!(shows(&desk, "{\n  \"用途\": \"核对产权\"\n}"));
}
