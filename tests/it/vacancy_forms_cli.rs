//! The vacancy forms read back from their PDFs, and `wuye-desk print vacancy-sheet` /
//! `vacancy-application` run as the binary.

use std::process::Command;

use crate::common::{clerk, open_signed_in, owner, temp_db, unit};
use chrono::NaiveDate;
use wuye_desk::domain::Month;
use wuye_desk::domain::settings::Office;
use wuye_desk::domain::unit::UnitStatus;
use wuye_desk::domain::vacancy::{FollowUp, Inspection, InspectionKind, VacancyRules};
use wuye_desk::forms::{PrintArgs, PrintJob, extract_text, render, vacancy_sheet};
use wuye_desk::store::{NewApplication, Store};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

/// An estate with building 3: an approved application on 3-2-1502 and November inspections.
fn estate(path: &std::path::Path) -> Store {
    let mut store = open_signed_in(path);
    store
        .save_office(
            &Office {
                company: "锦华物业服务有限公司".into(),
                estate: "锦华苑".into(),
                ..Office::default()
            },
            &clerk(),
        )
        .unwrap();
    let u = store.add_unit(&unit("3-2-1502"), &clerk()).unwrap();
    store
        .add_person(u, &owner("王建国", "13812345678"), &clerk())
        .unwrap();
    let mut other = unit("3-1-0101");
    other.status = UnitStatus::Unsold;
    let o = store.add_unit(&other, &clerk()).unwrap();
    let app = store
        .apply_for_vacancy(
            &NewApplication {
                unit: u,
                owner_name: "王建国".into(),
                id_checked: true,
                from: d(2026, 10, 1),
                to: d(2027, 3, 31),
                reason: "在外地工作".into(),
                officer_opinion: "情况属实".into(),
            },
            &clerk(),
        )
        .unwrap();
    let mut rec = clerk();
    rec.at = d(2026, 10, 1).and_hms_opt(15, 0, 0).unwrap();
    store.approve_vacancy(app, "", &rec).unwrap();
    // The shut-off is its own task, done the next day.
    let mut shut = rec.clone();
    shut.at += chrono::TimeDelta::days(1);
    store
        .record_shut_off(app, [Some(100_000), Some(200_000), None], &shut)
        .unwrap();
    let mut nov = Inspection {
        date: d(2026, 11, 6),
        kind: InspectionKind::Monthly,
        abnormal_items: [false; 6],
        readings: [Some(101_200), Some(200_300), None],
        changes: [None; 3],
        follow_up: None,
        note: String::new(),
    };
    store.add_vacancy_inspection(u, &nov, &clerk()).unwrap();
    nov.abnormal_items[2] = true;
    nov.follow_up = Some(FollowUp::Note("顶棚渗水已报维修".into()));
    nov.readings = [Some(5_000), Some(7_000), Some(3_000)];
    store.add_vacancy_inspection(o, &nov, &clerk()).unwrap();
    store
}

#[test]
fn the_filled_sheet_reads_back_with_readings_results_and_the_occupancy_flag() {
    let (_dir, path) = temp_db();
    let store = estate(&path);
    let month = Month::new(2026, 11).unwrap();
    let units = store
        .vacant_units(month, Some(3), &VacancyRules::default())
        .unwrap();
    let office = store.office().unwrap();
    let pdf = vacancy_sheet(&office, 3, month, &units, &[], false, d(2026, 11, 29)).unwrap();
    let text = extract_text(&pdf).unwrap();
    for want in [
        "锦华苑 空置房检查记录表",
        "3号楼 2026年11月",
        "3-1-0101",
        "未售",
        "3-2-1502",
        "装修后空置",
        "2026-11-06",
        "101.200",
        "2003.00",
        "视为入住",
        "用水 1.200 t",
        "异常",
        "顶棚渗水已报维修",
        "空置房 2 套，本月已检查 2 套，检查率 100%",
        "主管抽查意见",
    ] {
        assert!(text.contains(want), "“{want}” missing from:\n{text}");
    }
}

#[test]
fn the_application_form_reads_back_with_period_opinions_and_shut_off_readings() {
    let (_dir, path) = temp_db();
    let store = estate(&path);
    let office = store.office().unwrap();
    let job = PrintJob::parse(&PrintArgs {
        form: "vacancy-application".into(),
        key: Some("1".into()),
        ..PrintArgs::default()
    })
    .unwrap();
    assert_eq!(job.file_name(), "空置房申请表-KZ-00001.pdf");
    let pdf = render(&store, &office, &job).unwrap();
    // Cells wrap: compare without line breaks.
    let text = extract_text(&pdf).unwrap().replace('\n', "");
    for want in [
        "锦华苑 空置房申请表",
        "KZ-00001",
        "3号楼2单元1502室",
        "王建国",
        "已核验",
        "2026年10月1日 至 2027年3月31日（共182天）",
        "在外地工作",
        "情况属实",
        "同意",
        "水表 100.000 t",
        "电表 2000.00 kWh",
        "业主签字",
    ] {
        assert!(text.contains(want), "“{want}” missing from:\n{text}");
    }
}

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_wuye-desk"))
}

#[test]
fn the_command_line_prints_the_sheet_blank_and_filled_and_the_application() {
    let (dir, path) = temp_db();
    drop(estate(&path));
    for (args, file, want) in [
        (
            vec![
                "vacancy-sheet",
                "--building",
                "3",
                "--month",
                "2026-11",
                "--blank",
            ],
            "blank.pdf",
            "3-1-0101",
        ),
        (
            vec!["vacancy-sheet", "--building", "3", "--month", "2026年11月"],
            "filled.pdf",
            "视为入住",
        ),
        (
            vec!["vacancy-application", "KZ-00001"],
            "app.pdf",
            "空置房申请表",
        ),
    ] {
        let out = dir.path().join(file);
        let status = bin()
            .arg("--db")
            .arg(&path)
            .arg("print")
            .args(&args)
            .arg("--out")
            .arg(&out)
            .output()
            .unwrap();
        assert!(
            status.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&status.stderr)
        );
        let text = extract_text(&std::fs::read(&out).unwrap()).unwrap();
        assert!(text.contains(want), "{args:?}: {want} missing");
    }
    let out = bin()
        .arg("--db")
        .arg(&path)
        .args(["print", "vacancy-sheet", "--month", "2026-11", "--out"])
        .arg(dir.path().join("x.pdf"))
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("请用 --building 给出楼栋"));
    let out = bin()
        .arg("--db")
        .arg(&path)
        .args(["print", "vacancy-application", "99", "--out"])
        .arg(dir.path().join("y.pdf"))
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("找不到第 99 号空置申请"));
}

#[test]
fn a_one_year_demo_has_about_a_tenth_vacant_with_applications_gaps_and_units_over_the_thresholds() {
    let (_dir, path) = temp_db();
    let mut store = Store::open(&path).unwrap();
    wuye_desk::demo::build(&mut store, 1).unwrap();
    let now = Month::of(wuye_desk::domain::date::now_local().date());
    let rules = store.vacancy_rules().unwrap();
    let total = store.unit_count().unwrap() as usize;
    let prev = now.prev();
    let units = store.vacant_units(prev, None, &rules).unwrap();
    assert!(
        units.len() * 100 / total >= 8 && units.len() * 100 / total <= 20,
        "{} of {total}",
        units.len()
    );
    let inspected = units.iter().filter(|v| v.inspected.is_some()).count();
    assert!(
        inspected < units.len() && inspected * 100 / units.len() >= 90,
        "a few gaps: {inspected}/{}",
        units.len()
    );
    let occupied = units
        .iter()
        .filter(|v| matches!(v.verdict, wuye_desk::domain::vacancy::Verdict::Occupied(_)))
        .count();
    assert!(
        occupied > 0 && occupied < units.len() / 10,
        "{occupied} over the thresholds"
    );
    assert!(
        units
            .iter()
            .any(|v| v.kind == wuye_desk::domain::vacancy::VacancyKind::Renovated)
    );
    let open = store
        .open_vacancy_applications(wuye_desk::domain::date::now_local().date())
        .unwrap();
    assert!(!open.is_empty());
    let coverage = store.vacancy_coverage(now).unwrap();
    assert!(
        coverage.iter().all(|c| !c.officers.is_empty()),
        "every building has an officer"
    );
    assert!(store.check().unwrap().is_empty());
}
