//! The vacant-units tab driven through the iced_test simulator on the real view: the story of
//! the "done when" — apply for six months, the supervisor approves with the readings,
//! the month's coverage, the blank sheet for building 3, and a 1.2 t reading flagged.

use crate::common::add_staff;
use crate::common::ui::{act, click, countersign, shows, type_into};
use crate::common::{PIN, clerk, owner, sign_in_as, temp_store, unit};
use chrono::NaiveDate;
use iced_test::selector;
use wuye_desk::domain::date::{now_local, table_date};
use wuye_desk::domain::month::add_months;
use wuye_desk::domain::settings::Office;
use wuye_desk::domain::staff::Role;
use wuye_desk::domain::unit::UnitStatus;
use wuye_desk::domain::vacancy::{ApplicationState, Verdict};
use wuye_desk::ui::vacancy::{self, Editor, Field, Pane};
use wuye_desk::ui::{Desk, Message, Tab, session};

pub(crate) struct Setup {
    pub(crate) _dir: tempfile::TempDir,
    pub(crate) print_dir: tempfile::TempDir,
    pub(crate) desk: Desk,
}

/// A desk with the receptionist 张敏 signed in, the supervisor 刘洋 and the officer 王强
/// covering building 3 (PIN [`PIN`]), an occupied 3-2-1502 with its owner and two vacant units in building 3.
pub(crate) fn setup() -> Setup {
    let (dir, mut store) = temp_store();
    let print_dir = tempfile::tempdir().unwrap();
    let staff = add_staff;
    let officer = staff(&mut store, "王强", Role::ServiceOfficer);
    store
        .set_officer_buildings(officer, &[3], &clerk())
        .unwrap();
    store
        .save_office(
            &Office {
                print_folder: print_dir.path().display().to_string(),
                ..Office::default()
            },
            &clerk(),
        )
        .unwrap();
    let id = store.add_unit(&unit("3-2-1502"), &clerk()).unwrap();
    store
        .add_person(id, &owner("王建国", "13812345678"), &clerk())
        .unwrap();
    for (address, status) in [
        ("3-1-0101", UnitStatus::Vacant),
        ("3-1-0102", UnitStatus::Unsold),
    ] {
        let mut u = unit(address);
        u.status = status;
        store.add_unit(&u, &clerk()).unwrap();
    }
    sign_in_as(&mut store, "王强", Role::ServiceOfficer);
    sign_in_as(&mut store, "刘洋", Role::Supervisor);
    sign_in_as(&mut store, "张敏", Role::Receptionist);
    let desk = Desk::new(store, None).unwrap();
    Setup {
        _dir: dir,
        print_dir,
        desk,
    }
}

fn today() -> NaiveDate {
    now_local().date()
}

#[test]
fn an_owner_applies_for_six_months_the_supervisor_approves_and_a_1_2_t_reading_flags_the_unit() {
    let Setup { mut desk, .. } = setup();
    assert!(
        shows(&desk, "张敏（客户接待员）"),
        "signed in, named at the top"
    );
    click(&mut desk, "空置房管理");
    assert_eq!(desk.tab(), Tab::Vacancy);
    click(&mut desk, "空置申请");
    click(&mut desk, "登记空置申请");
    assert!(matches!(desk.vacancy().editor(), Some(Editor::Apply(_))));
    let from = today();
    let short = add_months(from, 2).unwrap();
    type_into(&mut desk, Field::ApplyUnit.id(), "3-2-1502");
    type_into(&mut desk, Field::ApplyOwner.id(), "王建国");
    type_into(&mut desk, Field::ApplyFrom.id(), &table_date(from));
    type_into(&mut desk, Field::ApplyTo.id(), &table_date(short));
    type_into(&mut desk, Field::ApplyReason.id(), "在外地工作");
    click(&mut desk, "保存申请");
    // Two months is refused beside the end date, the unchecked ID beside its box; nothing saved.
    assert!(shows(&desk, "请核验业主身份证原件后勾选"));
    let earliest = wuye_desk::domain::vacancy::earliest_end(from).unwrap();
    assert!(shows(
        &desk,
        &format!(
            "空置时间至少三个月：从 {} 起，结束日期最早为 {}",
            wuye_desk::domain::date::paper_date(from),
            wuye_desk::domain::date::paper_date(earliest)
        )
    ));
    assert!(desk.vacancy().applications().is_empty());

    // Six months, ID checked.
    let to = add_months(from, 6).unwrap().pred_opt().unwrap();
    act(&mut desk, |ui| {
        ui.click(selector::id(Field::ApplyTo.id())).unwrap();
        for _ in 0..12 {
            ui.tap_key(iced::keyboard::key::Named::Backspace);
        }
        ui.typewrite(&table_date(to));
    });
    click(&mut desk, "已核验");
    click(&mut desk, "保存申请");
    // The service officer signs the application (the procedure's first signature).
    assert!(desk.vacancy().applications().is_empty());
    countersign(&mut desk, "王强（客户服务员）", PIN);
    assert_eq!(
        desk.vacancy().applications().len(),
        1,
        "{:?}",
        desk.vacancy().message()
    );
    let app = desk.vacancy().applications()[0].clone();
    assert_eq!(app.state(from), ApplicationState::Pending);
    assert!(shows(&desk, "待审批"));

    // The receptionist cannot approve alone: the desk asks for a supervisor's PIN.
    click(&mut desk, "审批");
    click(&mut desk, "批准");
    assert!(
        desk.session().dialog().is_some(),
        "the countersign dialog: {:?}",
        desk.vacancy().message()
    );
    assert!(shows(&desk, "需要会签"));
    assert_eq!(
        desk.store()
            .vacancy_application(app.id)
            .unwrap()
            .state(from),
        ApplicationState::Pending,
        "nothing approved yet"
    );
    // A wrong PIN is refused in the dialog, which stays open.
    click(&mut desk, "刘洋（客服中心主管）");
    type_into(&mut desk, session::PIN_ID, "0000");
    click(&mut desk, "会签并继续");
    assert!(shows(&desk, "PIN 不对，刘洋 还可以再试 4 次"));
    // The supervisor's PIN: the approval goes through, no shut-off needed first (§8 order).
    type_into(&mut desk, session::PIN_ID, PIN);
    click(&mut desk, "会签并继续");
    assert!(desk.session().dialog().is_none());
    assert!(
        desk.vacancy()
            .message()
            .is_some_and(|n| !n.error && n.text.contains("收费员")),
        "{:?}",
        desk.vacancy().message()
    );
    let stored = desk.store().vacancy_application(app.id).unwrap();
    assert_eq!(stored.state(from), ApplicationState::InForce);
    // Both names: the supervisor signs, the receptionist handled it.
    assert_eq!(
        stored.decided.as_ref().map(|(by, _)| by.as_str()),
        Some("刘洋（经办：张敏）")
    );
    assert!(
        shows(&desk, "审批：刘洋（经办：张敏）"),
        "on the application's line"
    );
    let unit = desk.store().unit(app.unit).unwrap();
    assert_eq!(unit.unit.status, UnitStatus::Vacant);
    // The shut-off is a pending task on the tab until recorded with its readings.
    assert!(shows(&desk, "空置中") && shows(&desk, "待停水停电"));
    assert!(shows(
        &desk,
        "待停水停电 1 户：已批准，请派单停水停电并抄表，完成后点“停水停电”录入读数。"
    ));
    click(&mut desk, "停水停电");
    click(&mut desk, "已停水停电");
    assert!(shows(&desk, "请抄录水表读数"));
    type_into(
        &mut desk,
        Field::ShutOffReading(wuye_desk::domain::vacancy::Meter::Water).id(),
        "0",
    );
    type_into(
        &mut desk,
        Field::ShutOffReading(wuye_desk::domain::vacancy::Meter::Power).id(),
        "0",
    );
    click(&mut desk, "已停水停电");
    assert!(
        desk.vacancy().message().is_some_and(|n| !n.error),
        "{:?}",
        desk.vacancy().message()
    );
    assert!(!shows(&desk, "待停水停电"));
    assert!(
        !desk
            .store()
            .vacancy_application(app.id)
            .unwrap()
            .awaiting_shut_off()
    );

    // This month's list now has 3-2-1502 (装修后空置) still to inspect; coverage says so.
    click(&mut desk, "本月检查");
    assert!(shows(&desk, "3-2-1502"));
    assert!(shows(&desk, "装修后空置"));
    let cov = desk.vacancy().coverage();
    assert_eq!(
        (cov[0].building, cov[0].vacant, cov[0].inspected),
        (3, 3, 0)
    );
    click(&mut desk, "检查覆盖");
    assert!(shows(&desk, "王强"));
    assert!(shows(&desk, "0%"));

    // Enter an inspection: 1.2 t of water since the shut-off reading.
    click(&mut desk, "本月检查");
    click(&mut desk, "3-2-1502");
    assert!(matches!(desk.vacancy().editor(), Some(Editor::Inspect(_))));
    type_into(&mut desk, "inspect-water", "1.2");
    type_into(&mut desk, "inspect-power", "3");
    click(&mut desk, "保存检查");
    let v = desk
        .vacancy()
        .units()
        .iter()
        .find(|v| v.unit.id == app.unit)
        .unwrap()
        .clone();
    assert_eq!(v.verdict, Verdict::Occupied(vec!["用水 1.200 t".into()]));
    assert!(shows(&desk, "视为入住：用水 1.200 t"));
    assert_eq!(desk.vacancy().coverage()[0].inspected, 1);
    // And the register's history of the unit shows the approval and the inspection.
    let log = desk.store().unit_log(app.unit).unwrap();
    assert!(
        log.iter()
            .any(|e| e.kind == "空置" && e.text.starts_with("空置房月度检查"))
    );
    assert!(
        log.iter()
            .any(|e| e.kind == "空置" && e.text.starts_with("空置申请已批准"))
    );
}

#[test]
fn an_abnormal_item_needs_a_follow_up_before_anything_is_saved() {
    let Setup { mut desk, .. } = setup();
    click(&mut desk, "空置房管理");
    click(&mut desk, "3-1-0101");
    click(&mut desk, "渗漏");
    type_into(&mut desk, "inspect-water", "10");
    type_into(&mut desk, "inspect-power", "20");
    click(&mut desk, "保存检查");
    assert!(shows(
        &desk,
        "检查有异常，请填写处理意见（通知了谁、怎么处理）"
    ));
    let unit = desk.vacancy().units()[0].unit.id;
    assert!(
        desk.store()
            .unit_vacancy_inspections(unit)
            .unwrap()
            .is_empty()
    );
    type_into(&mut desk, "inspect-follow-up", "已通知业主");
    click(&mut desk, "保存检查");
    let saved = desk.store().unit_vacancy_inspections(unit).unwrap();
    assert_eq!(saved.len(), 1, "{:?}", desk.vacancy().message());
    assert_eq!(saved[0].inspection.abnormal_names(), "渗漏");
}

#[test]
fn the_blank_sheet_for_building_3_prints_with_its_vacant_units() {
    let Setup {
        mut desk,
        print_dir,
        ..
    } = setup();
    click(&mut desk, "空置房管理");
    click(&mut desk, "打印空白检查表");
    assert!(
        desk.vacancy()
            .message()
            .is_some_and(|n| n.error && n.text.contains("楼栋"))
    );
    type_into(&mut desk, vacancy::BUILDING_ID, "3");
    assert_eq!(desk.vacancy().units().len(), 2);
    click(&mut desk, "打印空白检查表");
    let month = wuye_desk::domain::Month::of(today());
    let path = print_dir
        .path()
        .join(format!("空置房检查记录表-3号楼-{month}-空白.pdf"));
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let text = wuye_desk::forms::extract_text(&bytes).unwrap();
    for want in [
        "空置房检查记录表",
        "3-1-0101",
        "3-1-0102",
        "已交房未装修",
        "未售",
        "检查人签字",
        "主管抽查意见",
        &format!("{}年{}月", month.year(), month.number()),
    ] {
        assert!(text.contains(want), "{want} missing from {text}");
    }
    assert!(
        !text.contains("未检查"),
        "blank sheet leaves the results empty"
    );
}

#[test]
fn thresholds_and_officer_buildings_are_edited_in_the_tab() {
    let Setup { mut desk, .. } = setup();
    click(&mut desk, "空置房管理");
    click(&mut desk, "规则与分工");
    assert!(matches!(desk.vacancy().pane(), Pane::Settings));
    act(&mut desk, |ui| {
        ui.click(selector::id(Field::RuleWater.id())).unwrap();
        for _ in 0..8 {
            ui.tap_key(iced::keyboard::key::Named::Backspace);
        }
        ui.typewrite("1.5吨吨");
    });
    click(&mut desk, "保存判定标准");
    assert!(shows(&desk, "水表读数请填数字，例如 1234.5"));
    act(&mut desk, |ui| {
        ui.click(selector::id(Field::RuleWater.id())).unwrap();
        ui.tap_key(iced::keyboard::key::Named::Backspace);
    });
    click(&mut desk, "保存判定标准");
    // Settings are the supervisor's: the receptionist's save waits for a countersign.
    assert_eq!(desk.store().vacancy_rules().unwrap().water_litres, 1_000);
    countersign(&mut desk, "刘洋（客服中心主管）", PIN);
    assert_eq!(desk.store().vacancy_rules().unwrap().water_litres, 1_500);
    // The picker's overlay is not part of the simulated view; choose as the pick list would.
    let wang = desk.store().officer_buildings().unwrap()[0].clone();
    let _ = desk.update(Message::Vacancy(vacancy::Message::OfficerPicked(
        vacancy::OfficerChoice {
            id: wang.staff,
            name: wang.name.clone(),
        },
    )));
    type_into(&mut desk, Field::OfficerBuildings.id(), ",5-7");
    click(&mut desk, "保存分工");
    countersign(&mut desk, "刘洋（客服中心主管）", PIN);
    assert!(
        shows(&desk, "王强：3,5-7号楼"),
        "{:?}",
        desk.vacancy().message()
    );
}

#[test]
fn a_basement_is_added_in_settings_listed_under_the_units_and_its_inspection_recorded() {
    let Setup { mut desk, .. } = setup();
    click(&mut desk, "空置房管理");
    click(&mut desk, "规则与分工");
    // Nothing is saved while a field is wrong: the building is missing.
    type_into(&mut desk, vacancy::BasementField::Name.id(), "3号楼地下室");
    click(&mut desk, "添加地下室");
    assert!(shows(&desk, "请填写楼栋号，例如 3"));
    assert!(desk.store().basements(true).unwrap().is_empty());
    type_into(&mut desk, vacancy::BasementField::Building.id(), "3");
    click(&mut desk, "添加地下室");
    assert!(
        shows(&desk, "已添加 3号楼 3号楼地下室，每月按空置房检查"),
        "{:?}",
        desk.vacancy().message()
    );
    assert_eq!(desk.store().basements(true).unwrap().len(), 1);

    click(&mut desk, "本月检查");
    type_into(&mut desk, vacancy::BUILDING_ID, "3");
    assert!(shows(&desk, "地下室 1 处：已检查 0 处，待检查 1 处"));
    assert_eq!(desk.vacancy().basements().len(), 1);
    let before = desk.vacancy().coverage()[0].clone();
    click(&mut desk, "3号楼地下室");
    assert!(shows(&desk, "录入地下室检查"));
    assert!(matches!(
        desk.vacancy().editor(),
        Some(Editor::Inspect(d)) if matches!(d.target, vacancy::Target::Basement(..))
    ));
    // No readings: a basement's walk is saved without them.
    click(&mut desk, "保存检查");
    assert!(
        shows(&desk, "已保存地下室 3号楼地下室 的月度检查（检查人 王强）"),
        "{:?}",
        desk.vacancy().message()
    );
    assert!(shows(&desk, "地下室 1 处：已检查 1 处，待检查 0 处"));
    let after = desk.vacancy().coverage()[0].clone();
    assert_eq!(after.building, 3);
    assert_eq!(after.inspected, before.inspected + 1);
    assert_eq!(after.vacant, before.vacant);
    let id = desk.store().basements(true).unwrap()[0].id;
    let saved = desk.store().basement_inspections(id).unwrap();
    assert_eq!(saved.len(), 1);
    assert_eq!(saved[0].inspection.date, today());
    // 检查人 is the building's service officer, not the receptionist who typed it in.
    assert_eq!(saved[0].inspector_name, "王强");
    assert_eq!(saved[0].recorded_by_name, "张敏");
}
