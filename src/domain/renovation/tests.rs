//! The application's checks, the papers, the inspection items and the workers.

use super::*;

fn day(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, d).unwrap()
}

fn worker() -> Worker {
    Worker::parse("李师傅", "11010519491231002X", "138 0013 8000", "水电工").unwrap()
}

fn application() -> Application {
    Application {
        unit: UnitId(1),
        address: UnitAddress::parse("5-1-0301").unwrap(),
        owner_name: "赵丽".into(),
        person: None,
        owner_phone: None,
        contractor: Contractor {
            company: "安居装饰工程有限公司".into(),
            licence_no: "91410100MA12345678".into(),
            qualification: "建筑装修装饰工程专业承包二级".into(),
            person_in_charge: "王工".into(),
            phone: Mobile::parse("13912345678").unwrap(),
        },
        workers: vec![worker()],
        planned_start: day(12, 1),
        planned_end: day(12, 31),
        kinds: vec![WorkKind::Plumbing, WorkKind::Carpentry],
        note: String::new(),
    }
}

#[test]
fn a_good_application_passes() {
    assert_eq!(application().check(day(11, 29)), Ok(()));
}

#[test]
fn every_problem_is_named() {
    let mut a = application();
    a.owner_name = " ".into();
    a.kinds = vec![WorkKind::Plumbing, WorkKind::Plumbing];
    a.planned_end = day(11, 30);
    a.workers.push(worker());
    a.contractor.person_in_charge.clear();
    let problems = a.check(day(11, 29)).unwrap_err();
    let all = problems.join("|");
    for want in ["业主姓名", "选了两次", "早于开工", "登记了两次", "负责人"] {
        assert!(all.contains(want), "{want} in {all}");
    }
    let mut a = application();
    a.kinds.clear();
    a.planned_end = day(12, 1) + Days::new(400);
    let all = a.check(day(11, 29)).unwrap_err().join("|");
    assert!(all.contains("装修项目") && all.contains("366"), "{all}");
    assert!(
        application()
            .check(day(1, 29) + Days::new(365))
            .unwrap_err()
            .join("")
            .contains("一个多月")
    );
}

#[test]
fn licence_numbers_are_letters_and_digits() {
    let mut c = application().contractor;
    c.licence_no = "营业执照".into();
    assert!(c.check().unwrap_err().contains("营业执照号"));
    c.licence_no = String::new();
    assert!(c.check().is_ok(), "an owner's own hands have no licence");
    c.company.clear();
    assert!(c.check().unwrap_err().contains("业主自装"));
}

#[test]
fn workers_are_checked_and_shown_masked() {
    let w = worker();
    assert_eq!(w.phone.as_str(), "13800138000");
    assert_eq!(format!("{}", w.id_number), "110***********002X");
    assert_eq!(format!("{}", w.phone), "138****8000");
    assert!(!format!("{w:?}").contains("19491231"));
    let e = Worker::parse("张三", "110105194912310021", "13800138000", "").unwrap_err();
    assert!(
        e.starts_with("施工人员 张三：") && e.contains("校验位"),
        "{e}"
    );
    let e = Worker::parse("张三", "11010519491231002X", "1380013800", "").unwrap_err();
    assert!(e.contains("11 位"), "{e}");
    assert!(Worker::parse(" ", "11010519491231002X", "13800138000", "").is_err());
}

#[test]
fn papers_missing_are_listed_in_order() {
    assert_eq!(missing_papers(Paper::REQUIRED), vec![]);
    assert_eq!(
        missing_papers(&[Paper::Drawings, Paper::BusinessLicence, Paper::Agreement]),
        vec![
            Paper::Qualification,
            Paper::WorkerIds,
            Paper::ApplicationForm,
            Paper::RulesNotice
        ]
    );
}

#[test]
fn inspection_items_need_names_and_failures_a_note() {
    let item = |name: &str, passed: bool, note: &str| InspectionItem {
        name: name.into(),
        passed,
        note: note.into(),
    };
    assert!(check_items(&[]).is_err());
    let ok: Vec<InspectionItem> = STANDARD_ITEMS.iter().map(|n| item(n, true, "")).collect();
    assert_eq!(check_items(&ok), Ok(()));
    let e = check_items(&[item("闭水试验", false, " ")]).unwrap_err();
    assert!(e.contains("闭水试验") && e.contains("报修"), "{e}");
    assert!(check_items(&[item("闭水试验", false, "卫生间渗水到楼下")]).is_ok());
    assert!(
        check_items(&[item("暖气打压", true, ""), item(" 暖气打压", true, "")])
            .unwrap_err()
            .contains("重复")
    );
    assert!(
        check_items(&[item("", true, "")])
            .unwrap_err()
            .contains("名称")
    );
}

#[test]
fn numbers_read_back() {
    let n = RenovationNumber::parse("zx-202611-0001").unwrap();
    assert_eq!(n.to_string(), "ZX-202611-0001");
    assert!(
        "ZX-11-1"
            .parse::<RenovationNumber>()
            .unwrap_err()
            .contains("装修编号")
    );
}
