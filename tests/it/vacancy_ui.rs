//! The vacancy tab with the desk-wide mechanisms: the clock across midnight and a month end,
//! Esc and Ctrl+P, messages about what is on screen, the keyboard forms, the counts and the
//! paged list.

use crate::common::ui::{act, click, shows, type_into};
use crate::common::{clerk, temp_store, unit};
use crate::ui_vacancy::{Setup, setup};
use chrono::{NaiveDate, NaiveDateTime};
use iced::keyboard::key::Named;
use wuye_desk::domain::unit::UnitStatus;
use wuye_desk::domain::vacancy::Basement;
use wuye_desk::ui::vacancy::{self, Editor, Pane};
use wuye_desk::ui::{About, Clock, Command, Desk, Message};

fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(y, m, d)
        .unwrap()
        .and_hms_opt(h, min, 0)
        .unwrap()
}

fn inspect_form_date(desk: &Desk) -> String {
    match desk.vacancy().editor() {
        Some(Editor::Inspect(d)) => d.date.clone(),
        other => panic!("no inspection form: {other:?}"),
    }
}

#[test]
fn a_desk_left_open_past_midnight_and_a_month_end_works_on_the_new_day_and_month() {
    let Setup { mut desk, .. } = setup();
    desk.set_clock(Clock::Fixed(at(2026, 11, 29, 23, 58)));
    click(&mut desk, "空置房管理");
    assert_eq!(desk.vacancy().month().code(), "2026-11");
    // Midnight inside the month: the inspection is dated the new day.
    desk.set_clock(Clock::Fixed(at(2026, 11, 30, 0, 1)));
    click(&mut desk, "3-1-0101");
    assert_eq!(inspect_form_date(&desk), "2026-11-30");
    click(&mut desk, "取消");
    // Midnight at the month end: the list moves on to December, the form dates 12-01.
    desk.set_clock(Clock::Fixed(at(2026, 12, 1, 0, 1)));
    assert_eq!(desk.vacancy().month().code(), "2026-12");
    assert!(shows(
        &desk,
        "2026年12月 空置房 2 套，已检查 0 套，待检查 2 套；视为入住 0 套"
    ));
    click(&mut desk, "3-1-0101");
    assert_eq!(inspect_form_date(&desk), "2026-12-01");
    click(&mut desk, "取消");
    // A month the user chose stays chosen across the next month end.
    act(&mut desk, |ui| {
        ui.click(iced_test::selector::id(vacancy::MONTH_ID))
            .unwrap();
        ui.tap_key(Named::End);
        for _ in 0..10 {
            ui.tap_key(Named::Backspace);
        }
        ui.typewrite("2026-11");
    });
    assert_eq!(desk.vacancy().month().code(), "2026-11");
    desk.set_clock(Clock::Fixed(at(2027, 1, 1, 0, 1)));
    assert_eq!(desk.vacancy().month().code(), "2026-11");
}

#[test]
fn esc_closes_the_form_and_ctrl_p_prints_the_sheet_of_the_building_chosen() {
    let Setup {
        mut desk,
        print_dir,
        ..
    } = setup();
    desk.set_clock(Clock::Fixed(at(2026, 11, 20, 10, 0)));
    click(&mut desk, "空置房管理");
    click(&mut desk, "3-1-0101");
    assert!(desk.vacancy().editor().is_some());
    let unit = desk.vacancy().units()[0].unit.id;
    assert_eq!(desk.vacancy().on_screen(), About::record("inspect", unit.0));
    // Esc from inside the form (the cursor is in its first field).
    act(&mut desk, |ui| {
        ui.tap_key(Named::Escape);
    });
    assert!(desk.vacancy().editor().is_none());
    // Ctrl+P with no building asks for one, beside the list.
    click(&mut desk, "检查覆盖");
    let _ = desk.update(Message::Key(Command::Print));
    assert!(
        desk.vacancy()
            .message()
            .is_some_and(|n| n.error && n.text.contains("楼栋")),
        "{:?}",
        desk.vacancy().message()
    );
    type_into(&mut desk, vacancy::BUILDING_ID, "3");
    let _ = desk.update(Message::Key(Command::Print));
    let path = print_dir.path().join("空置房检查记录表-3号楼-2026-11.pdf");
    assert!(path.exists(), "{:?}", std::fs::read_dir(print_dir.path()));
    // Esc outside a form clears the building filter.
    let _ = desk.update(Message::Key(Command::Cancel));
    assert_eq!(desk.vacancy().units().len(), 2);
}

#[test]
fn the_inspection_is_entered_from_the_keyboard_alone() {
    let Setup { mut desk, .. } = setup();
    desk.set_clock(Clock::Fixed(at(2026, 11, 20, 10, 0)));
    click(&mut desk, "空置房管理");
    click(&mut desk, "3-1-0101");
    let unit = desk.vacancy().units()[0].unit.id;
    // The cursor starts in the date; Tab goes on to the readings; Enter saves.
    act(&mut desk, |ui| {
        ui.tap_key(Named::Tab);
        ui.typewrite("12.5");
        ui.tap_key(Named::Tab);
        ui.typewrite("30");
        ui.tap_key(Named::Enter);
    });
    let saved = desk.store().unit_vacancy_inspections(unit).unwrap();
    assert_eq!(saved.len(), 1, "{:?}", desk.vacancy().message());
    assert_eq!(saved[0].inspection.readings[0], Some(12_500));
    assert_eq!(saved[0].inspection.readings[1], Some(3_000));
    assert!(desk.vacancy().editor().is_none());
    assert!(shows(
        &desk,
        "已保存 3号楼1单元0101室 的月度检查（检查人 王强）"
    ));
}

#[test]
fn the_header_and_the_coverage_count_units_and_basements_alike_and_the_list_is_paged() {
    let (_dir, mut store) = temp_store();
    {
        for (address, status) in [
            ("3-1-0101", UnitStatus::Vacant),
            ("3-1-0102", UnitStatus::Unsold),
        ] {
            let mut u = unit(address);
            u.status = status;
            store.add_unit(&u, &clerk()).unwrap();
        }
        store
            .add_basement(
                &Basement {
                    building: 3,
                    name: "3号楼地下室".into(),
                    note: String::new(),
                    active: true,
                },
                &clerk(),
            )
            .unwrap();
        // 70 unsold units in building 9: more than one page.
        for floor in 1..=14 {
            for door in 1..=5 {
                let mut u = unit(&format!("9-1-{floor:02}{door:02}"));
                u.status = UnitStatus::Unsold;
                store.add_unit(&u, &clerk()).unwrap();
            }
        }
    }
    let mut desk = Desk::new(store, None).unwrap();
    desk.set_clock(Clock::Fixed(at(2026, 11, 20, 10, 0)));
    click(&mut desk, "空置房管理");
    let head = "2026年11月 空置房 72 套，已检查 0 套，待检查 72 套；地下室 1 处，已检查 0 处，待检查 1 处；视为入住 0 套";
    assert!(shows(&desk, head), "{}", desk.vacancy().summary());
    click(&mut desk, "检查覆盖");
    assert!(shows(
        &desk,
        "合计：空置房 72 套，已检查 0 套；地下室 1 处，已检查 0 处"
    ));
    click(&mut desk, "本月检查");
    assert_eq!(desk.vacancy().pane(), Pane::Units);
    assert!(shows(&desk, "第 1/2 页，共 72 套空置房"));
    assert!(!shows(&desk, "9-1-1405"));
    click(&mut desk, "下一页");
    assert!(shows(&desk, "9-1-1405"));
    assert!(shows(&desk, "第 2/2 页，共 72 套空置房"));
}

#[test]
fn a_lower_reading_asks_replaced_or_rolled_over_beside_the_last_reading_and_its_date() {
    let Setup {
        mut desk,
        print_dir,
        ..
    } = setup();
    desk.set_clock(Clock::Fixed(at(2026, 11, 2, 10, 0)));
    click(&mut desk, "空置房管理");
    click(&mut desk, "3-1-0101");
    // 检查人 defaults to the building's service officer, not the receptionist on duty.
    match desk.vacancy().editor() {
        Some(Editor::Inspect(d)) => assert_eq!(
            d.inspector.as_ref().map(|c| c.label.as_str()),
            Some("王强（客户服务员）")
        ),
        other => panic!("{other:?}"),
    }
    assert!(shows(&desk, "第一次抄表"));
    type_into(&mut desk, "inspect-water", "500");
    type_into(&mut desk, "inspect-power", "20");
    click(&mut desk, "保存检查");
    let unit = desk.vacancy().units()[0].unit.id;
    assert_eq!(
        desk.store().unit_vacancy_inspections(unit).unwrap().len(),
        1
    );

    desk.set_clock(Clock::Fixed(at(2026, 12, 3, 10, 0)));
    click(&mut desk, "3-1-0101");
    assert!(shows(&desk, "上次 500.000（2026-11-02）"));
    type_into(&mut desk, "inspect-water", "0.3");
    type_into(&mut desk, "inspect-power", "25");
    // Still in sight while typing.
    assert!(shows(&desk, "上次 500.000（2026-11-02）"));
    click(&mut desk, "保存检查");
    assert!(shows(
        &desk,
        "比上次读数 500.000（2026-11-02） 小：请选择是“换表”还是“表回零”，否则请核对"
    ));
    assert_eq!(
        desk.store().unit_vacancy_inspections(unit).unwrap().len(),
        1
    );
    click(&mut desk, "换表");
    type_into(&mut desk, "inspect-water-start", "0");
    click(&mut desk, "保存检查");
    let saved = desk.store().unit_vacancy_inspections(unit).unwrap();
    assert_eq!(saved.len(), 2, "{:?}", desk.vacancy().message());
    assert_eq!(
        saved[0].inspection.changes[0],
        Some(wuye_desk::domain::vacancy::MeterChange::Replaced { start: 0 })
    );
    assert_eq!(saved[0].inspector_name, "王强");
    let v = &desk.vacancy().units()[0];
    assert_eq!(v.verdict, wuye_desk::domain::vacancy::Verdict::Vacant);

    // The sheet names the officer who walked.
    type_into(&mut desk, vacancy::BUILDING_ID, "3");
    click(&mut desk, "打印检查记录表");
    let path = print_dir.path().join("空置房检查记录表-3号楼-2026-12.pdf");
    let bytes = std::fs::read(&path).unwrap();
    let text = wuye_desk::forms::extract_text(&bytes).unwrap();
    assert!(text.contains("王强"), "{text}");
    assert!(!text.contains("张敏"), "{text}");
}

#[test]
fn one_click_on_an_anomaly_opens_a_repair_order_and_the_list_shows_its_number() {
    let Setup { mut desk, .. } = setup();
    desk.set_clock(Clock::Fixed(at(2026, 11, 20, 10, 0)));
    click(&mut desk, "空置房管理");
    click(&mut desk, "3-1-0101");
    click(&mut desk, "渗漏");
    type_into(&mut desk, "inspect-water", "10");
    type_into(&mut desk, "inspect-power", "20");
    type_into(&mut desk, "inspect-follow-up", "卫生间渗水，通知工程部");
    click(&mut desk, "保存检查");
    assert!(
        desk.vacancy().editor().is_none(),
        "{:?}",
        desk.vacancy().message()
    );
    click(&mut desk, "报修");
    let message = desk.vacancy().message().cloned().unwrap();
    assert!(!message.error, "{message:?}");
    assert!(
        message
            .text
            .starts_with("已为 3-1-0101 开维修单 WX-202611-0001"),
        "{message:?}"
    );
    assert!(shows(&desk, "已报修 WX-202611-0001"));
    let unit = desk.vacancy().units()[0].unit.id;
    let log = desk.store().unit_log(unit).unwrap();
    assert!(
        log.iter()
            .any(|e| e.text.contains("已开维修单 WX-202611-0001")),
        "{log:#?}"
    );
}
