//! The 信息反馈 tab driven through the iced_test simulator on the real view: the story
//! of a noise complaint from intake to closing, and a call classified as 报修.

use crate::common::ui::{click, retype, shows, type_into};
use crate::common::{add_staff, clerk, owner, signs_in, temp_store, unit};
use chrono::{Duration, NaiveDate, NaiveDateTime};
use wuye_desk::domain::feedback::FeedbackState;
use wuye_desk::domain::month::Month;
use wuye_desk::domain::staff::Role;
use wuye_desk::forms::{PrintJob, extract_text, render};
use wuye_desk::ui::feedback::Panel;
use wuye_desk::ui::{Clock, Desk, Message, Tab};

fn at(d: u32, h: u32, m: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 11, d)
        .unwrap()
        .and_hms_opt(h, m, 0)
        .unwrap()
}

/// A desk at 2026-11-10 09:00 with the receptionist 张敏 signed in, a guard of 秩序维护部, a
/// technician, and 3-2-1502 owned by 王建国, on the 信息反馈 tab.
fn desk() -> (tempfile::TempDir, Desk) {
    let (dir, mut store) = temp_store();
    for (name, role) in [
        ("张敏", Role::Receptionist),
        ("吴勇", Role::Guard),
        ("陈刚", Role::Technician),
    ] {
        add_staff(&mut store, name, role);
    }
    let id = store.add_unit(&unit("3-2-1502"), &clerk()).unwrap();
    store
        .add_person(id, &owner("王建国", "13812345678"), &clerk())
        .unwrap();
    signs_in(&mut store, "张敏");
    let mut desk = Desk::new(store, None).unwrap();
    desk.set_clock(Clock::Fixed(at(10, 9, 0)));
    let _ = desk.update(Message::TabSelected(Tab::Feedback));
    (dir, desk)
}

fn state(desk: &Desk) -> FeedbackState {
    desk.feedback()
        .selected()
        .expect("an entry on screen")
        .state
}

#[test]
fn a_noise_complaint_is_dispatched_turns_red_after_24_hours_reopens_and_closes() {
    let (_dir, mut desk) = desk();
    // The owner phones about noise from a renovation upstairs.
    click(&mut desk, "新建登记");
    click(&mut desk, "保存登记");
    assert!(shows(
        &desk,
        "请选择类别：报修、投诉、建议、咨询、求助或其他"
    ));
    assert!(desk.feedback().rows().is_empty(), "nothing saved");
    type_into(&mut desk, "feedback-unit", "3-2-1502");
    click(&mut desk, "王建国 138****5678");
    click(&mut desk, "投诉");
    type_into(
        &mut desk,
        "feedback-content",
        "楼上1602装修噪音，晚上十点后还在施工",
    );
    click(&mut desk, "保存登记");
    let saved = desk.feedback().selected().expect("saved and shown").clone();
    assert!(saved.number.to_string().starts_with("FK-202611-"));
    assert_eq!(saved.intake.name, "王建国");
    assert_eq!(
        saved.intake.phone.as_ref().map(|p| p.as_str()),
        Some("13812345678"),
        "the owner's stored phone"
    );
    assert_eq!(saved.state, FeedbackState::Received);
    assert!(
        shows(&desk, "反映人 王建国　电话 138****5678"),
        "the phone shows masked"
    );

    // Dispatched to 秩序维护部 with a 工作联系单; the deadlines show.
    click(&mut desk, "派单");
    click(&mut desk, "秩序维护部");
    click(&mut desk, "吴勇");
    type_into(&mut desk, "feedback-requirement", "当晚上门劝导并回复");
    click(&mut desk, "派单并打印工作联系单");
    assert_eq!(state(&desk), FeedbackState::Dispatched);
    let order = desk
        .feedback()
        .selected()
        .unwrap()
        .work_order
        .expect("a 工作联系单");
    assert!(order.to_string().starts_with("GZ-202611-"));
    assert!(
        shows(&desk, "处理人回复　应于 2026-11-11 09:00　还剩 1 天"),
        "handler reply due"
    );
    let office = desk.store().office().unwrap();
    let sheet =
        extract_text(&render(desk.store(), &office, &PrintJob::WorkOrder(order)).unwrap()).unwrap();
    assert!(
        sheet.contains("秩序维护部") && sheet.contains("吴勇"),
        "{sheet}"
    );

    // Found again by the handler's name (written by the dispatch) and by words of the content.
    for words in ["吴勇", "装修噪音"] {
        retype(&mut desk, "feedback-search", words);
        let found: Vec<_> = desk.feedback().rows().iter().map(|r| r.id).collect();
        assert_eq!(found, [saved.id], "{words}");
    }
    retype(&mut desk, "feedback-search", "孙队长");
    assert!(desk.feedback().rows().is_empty());
    retype(&mut desk, "feedback-search", "");

    // 24 hours and a minute later the matter is red on the tab.
    assert_eq!(desk.tab_label(Tab::Feedback), "信息反馈");
    desk.set_clock(Clock::Fixed(at(11, 9, 1)));
    // Someone is at the desk (else the idle lock would cover it), and the minute ticks.
    let _ = desk.update(Message::Input);
    let _ = desk.update(Message::Tick);
    assert_eq!(desk.tab_label(Tab::Feedback), "信息反馈 (1)");
    assert!(
        shows(&desk, "处理人回复　应于 2026-11-11 09:00　已超时 1 分钟"),
        "the countdown turned"
    );
    // … and on 今日: the handler's reply and the answer to the customer, both late; a click
    // opens the matter in its tab.
    let _ = desk.update(Message::TabSelected(Tab::Today));
    assert_eq!(desk.tab_label(Tab::Today), "今日 (2)");
    let late: Vec<_> = desk.today().items().iter().map(|i| i.kind).collect();
    assert_eq!(late, ["反馈回复", "答复客户"]);
    assert!(shows(&desk, "秩序维护部 吴勇"), "who the reply waits for");
    click(&mut desk, "反映人 王建国");
    assert_eq!(desk.tab(), Tab::Feedback);
    assert_eq!(desk.feedback().selected().map(|s| s.id), Some(saved.id));

    // The handler's reply, the answer, the callback: 不满意 reopens it.
    click(&mut desk, "处理人回复");
    type_into(&mut desk, "feedback-note", "已上门，楼上承诺晚上八点后停工");
    click(&mut desk, "保存");
    assert_eq!(state(&desk), FeedbackState::Replied);
    click(&mut desk, "答复客户");
    type_into(&mut desk, "feedback-note", "已告知业主楼上八点后停工");
    click(&mut desk, "保存");
    assert_eq!(state(&desk), FeedbackState::Answered);
    click(&mut desk, "回访");
    assert!(
        shows(&desk, "反映人 王建国 13812345678"),
        "the callback has the full phone"
    );
    click(&mut desk, "保存回访");
    assert!(shows(&desk, "请选择满意度"));
    click(&mut desk, "不满意");
    type_into(&mut desk, "feedback-callback", "昨晚九点还有电钻声");
    click(&mut desk, "保存回访");
    assert_eq!(state(&desk), FeedbackState::Dispatched, "reopened");
    assert!(matches!(desk.feedback().panel(), Panel::Detail));

    // Closing needs an answer after the reopen and the result; then 满意 closes it.
    click(&mut desk, "处理人回复");
    type_into(&mut desk, "feedback-note", "已约谈施工队，晚上不再施工");
    click(&mut desk, "保存");
    click(&mut desk, "答复客户");
    type_into(&mut desk, "feedback-note", "施工队已保证晚上不施工");
    click(&mut desk, "保存");
    click(&mut desk, "回访");
    click(&mut desk, "满意");
    click(&mut desk, "保存回访");
    click(&mut desk, "关闭");
    type_into(&mut desk, "feedback-note", "施工时间已调整，噪音问题解决");
    click(&mut desk, "保存");
    assert_eq!(
        state(&desk),
        FeedbackState::Closed,
        "{:?}",
        desk.feedback().message()
    );
    assert_eq!(
        desk.tab_label(Tab::Feedback),
        "信息反馈",
        "nothing overdue once closed"
    );
    let trail: Vec<_> = desk
        .feedback()
        .selected()
        .unwrap()
        .trail
        .iter()
        .map(|e| e.kind.label())
        .collect();
    assert!(
        trail.contains(&"重开") && trail.ends_with(&["关闭"]),
        "{trail:?}"
    );

    // The month's 业主投诉及建议记录表 lists it.
    let nov = Month::new(2026, 11).unwrap();
    let log =
        extract_text(&render(desk.store(), &office, &PrintJob::Complaints(nov)).unwrap()).unwrap();
    assert!(log.contains(&saved.number.to_string()), "{log}");
    assert!(log.contains("满意") && log.contains("秩序维护部"), "{log}");

    // The unit's history tells the story.
    let unit = saved.intake.place.unit().expect("about a unit");
    let history = desk.store().unit_log(unit).unwrap();
    assert!(
        history.iter().filter(|l| l.kind == "反馈").count() >= 5,
        "{history:?}"
    );
}

#[test]
fn a_call_classified_as_a_repair_opens_a_linked_order_with_the_same_details() {
    let (_dir, mut desk) = desk();
    click(&mut desk, "新建登记");
    type_into(&mut desk, "feedback-unit", "3-2-1502");
    click(&mut desk, "王建国 138****5678");
    click(&mut desk, "报修");
    type_into(&mut desk, "feedback-content", "卫生间地漏返水");
    click(&mut desk, "保存登记");
    let entry = desk.feedback().selected().expect("saved").clone();
    let number = entry.repair_number.expect("linked to a repair order");
    assert!(shows(&desk, &format!("已转报修：维修单 {number}")));
    let order = desk
        .store()
        .repair_by_number(&number)
        .unwrap()
        .expect("the order exists")
        .order;
    assert_eq!(order.intake.description, "卫生间地漏返水");
    assert_eq!(order.intake.reporter, "王建国");
    assert_eq!(order.intake.place.short(), "3-2-1502");
    assert_eq!(
        order.intake.phone.as_ref().map(|p| p.as_str()),
        Some("13812345678")
    );
    // 报修管理 lists it.
    let _ = desk.update(Message::TabSelected(Tab::Repairs));
    assert_eq!(desk.repairs().list().total, 1);
    assert!(Duration::minutes(0) <= order.intake.appointment - at(10, 9, 0));
}
