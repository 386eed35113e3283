//! The 工作联系单, the 业主投诉及建议记录表 and the 信息反馈记录表: rendered, read back out of
//! the PDF, and printed through the command line.

use std::process::Command;

use crate::common::{clerk, temp_store, unit};
use chrono::{NaiveDate, NaiveDateTime};
use wuye_desk::domain::feedback::{
    Category, Channel, Dispatch, Intake, Rating, Severity, Where, WorkOrderNumber,
};
use wuye_desk::domain::staff::Recorded;
use wuye_desk::domain::{Mobile, Month, UnitAddress};
use wuye_desk::forms::{PrintArgs, PrintJob, extract_text, render};
use wuye_desk::store::Store;

fn at(d: u32, h: u32, m: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 11, d)
        .and_then(|d| d.and_hms_opt(h, m, 0))
        .expect("time")
}

fn rec(t: NaiveDateTime) -> Recorded {
    Recorded { at: t, ..clerk() }
}

/// A store with the renovation-noise complaint of 3-2-1502 dispatched, answered, rated 满意 and
/// closed, and a staff report left open.
fn store_with_matters() -> (tempfile::TempDir, Store, WorkOrderNumber) {
    let (dir, mut store) = temp_store();
    let a = UnitAddress::parse("3-2-1502").unwrap();
    let id = store.add_unit(&unit("3-2-1502"), &clerk()).unwrap();
    let intake = Intake {
        channel: Channel::Phone,
        name: "王建国".into(),
        phone: Mobile::parse("13812345678").ok(),
        person: None,
        place: Where::Unit { id, address: a },
        content: "楼上装修噪音".into(),
        category: Category::Complaint,
        severity: Severity::General,
        received_at: at(20, 9, 0),
        received_by_name: "张敏".into(),
        officer: None,
    };
    let (fid, ..) = store.add_feedback(&intake, &rec(at(20, 9, 0))).unwrap();
    let wo = store
        .dispatch_feedback(
            fid,
            &Dispatch {
                department: "秩序维护部".into(),
                handler: None,
                handler_name: "孙队长".into(),
                requirement: "今晚上门制止".into(),
                reply_limit_min: Some(4 * 60),
                needs_superior: true,
            },
            &rec(at(20, 9, 10)),
        )
        .unwrap();
    store
        .feedback_progress(fid, "已制止", true, &rec(at(20, 12, 0)))
        .unwrap();
    store
        .answer_feedback(fid, "已告知业主", &rec(at(20, 12, 30)))
        .unwrap();
    store
        .feedback_callback(fid, Rating::Satisfied, "", &rec(at(21, 9, 0)))
        .unwrap();
    store
        .close_feedback(fid, "施工时间已调整", &rec(at(21, 9, 5)))
        .unwrap();
    let staff = Intake {
        channel: Channel::Staff,
        name: "赵磊".into(),
        phone: None,
        place: Where::Public("3号楼地下车库".into()),
        content: "地下车库有积水".into(),
        category: Category::Other,
        received_at: at(22, 8, 0),
        ..intake
    };
    store.add_feedback(&staff, &rec(at(22, 8, 0))).unwrap();
    (dir, store, wo)
}

#[test]
fn the_work_order_carries_the_matter_with_the_phone_masked() {
    let (_dir, store, wo) = store_with_matters();
    let office = store.office().unwrap();
    let pdf = render(&store, &office, &PrintJob::WorkOrder(wo)).unwrap();
    let text = extract_text(&pdf).unwrap();
    for want in [
        "工作联系单",
        "GZ-202611-0001",
        "秩序维护部",
        "孙队长",
        "楼上装修噪音",
        "今晚上门制止",
        "需请示上级",
        "2026-11-20 13:10",
        "FK-202611-0001",
        "138****5678",
        "接收人签字",
        "完成情况",
    ] {
        assert!(text.contains(want), "{want} missing from:\n{text}");
    }
    assert!(
        !text.contains("13812345678"),
        "the phone is masked on paper"
    );

    let blank = extract_text(&render(&store, &office, &PrintJob::WorkOrderBlank).unwrap()).unwrap();
    assert!(blank.contains("工作联系单") && blank.contains("接收人签字"));
    assert!(!blank.contains("GZ-202611"));

    let missing = WorkOrderNumber::parse("GZ-202611-0099").unwrap();
    let err = render(&store, &office, &PrintJob::WorkOrder(missing)).unwrap_err();
    assert!(
        err.to_string().contains("没有工作联系单 GZ-202611-0099"),
        "{err}"
    );
}

#[test]
fn the_month_registers_list_their_matters() {
    let (_dir, store, _) = store_with_matters();
    let office = store.office().unwrap();
    let nov = Month::parse("2026-11").unwrap();
    let text = extract_text(&render(&store, &office, &PrintJob::Complaints(nov)).unwrap()).unwrap();
    for want in [
        "业主投诉及建议记录表",
        "2026年11月",
        "FK-202611-0001",
        "王建国",
        "秩序维护部",
        "孙队长",
        "满意",
        "施工时间已调整",
        "签字",
    ] {
        assert!(text.contains(want), "{want} missing from:\n{text}");
    }
    assert!(
        !text.contains("地下车库有积水"),
        "staff feedback has its own log"
    );
    // A long cell wraps inside its column: read the table's lines as one.
    let log = extract_text(&render(&store, &office, &PrintJob::FeedbackLog(nov)).unwrap())
        .unwrap()
        .replace('\n', "");
    for want in [
        "信息反馈记录表",
        "FK-202611-0002",
        "赵磊",
        "地下车库有积水",
        "待派单",
    ] {
        assert!(log.contains(want), "{want} missing from:\n{log}");
    }
    let empty = Month::parse("2026-10").unwrap();
    let none =
        extract_text(&render(&store, &office, &PrintJob::Complaints(empty)).unwrap()).unwrap();
    assert!(none.contains("本月无投诉及建议"));
}

#[test]
fn the_forms_are_asked_for_by_name() {
    let args = |form: &str, key: Option<&str>, blank: bool, month: Option<&str>| PrintArgs {
        form: form.into(),
        key: key.map(String::from),
        blank,
        building: None,
        month: month.map(String::from),
        item: None,
    };
    assert_eq!(
        PrintJob::parse(&args("work-order", Some("gz-202611-1"), false, None)),
        Ok(PrintJob::WorkOrder(
            WorkOrderNumber::parse("GZ-202611-0001").unwrap()
        ))
    );
    assert_eq!(
        PrintJob::parse(&args("work-order", None, true, None)),
        Ok(PrintJob::WorkOrderBlank)
    );
    assert!(
        PrintJob::parse(&args("work-order", Some("WX-202611-0001"), false, None))
            .unwrap_err()
            .contains("GZ-202611-0001")
    );
    assert_eq!(
        PrintJob::parse(&args("complaints", None, false, Some("2026-11"))),
        Ok(PrintJob::Complaints(Month::parse("2026-11").unwrap()))
    );
    assert_eq!(
        PrintJob::parse(&args("feedback-log", None, false, Some("2026-11"))),
        Ok(PrintJob::FeedbackLog(Month::parse("2026-11").unwrap()))
    );
    assert!(
        PrintJob::parse(&args("feedback-log", None, false, None))
            .unwrap_err()
            .contains("月份")
    );
    assert_eq!(PrintJob::WorkOrderBlank.file_name(), "工作联系单-空白.pdf");
}

fn run(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_wuye-desk"))
        .args(args)
        .output()
        .expect("run wuye-desk")
}

#[test]
fn the_command_line_prints_the_feedback_forms() {
    let (dir, store, wo) = store_with_matters();
    let db = store.path().to_path_buf();
    drop(store);
    let db = db.to_str().unwrap();
    let out = dir.path().join("form.pdf");
    let out_s = out.to_str().unwrap();
    let wo = wo.to_string();
    for (args, want) in [
        (vec!["print", "work-order", wo.as_str()], "孙队长"),
        (vec!["print", "work-order", "--blank"], "接收人签字"),
        (
            vec!["print", "complaints", "--month", "2026-11"],
            "业主投诉及建议记录表",
        ),
        (
            vec!["print", "feedback-log", "--month", "2026-11"],
            "地下车库有积水",
        ),
    ] {
        let mut all = args.clone();
        all.extend(["--db", db, "--out", out_s]);
        let o = run(&all);
        assert!(
            o.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        let text = extract_text(&std::fs::read(&out).unwrap())
            .unwrap()
            .replace('\n', "");
        assert!(
            text.contains(want),
            "{args:?}: {want} missing from:\n{text}"
        );
    }
    let o = run(&[
        "print",
        "work-order",
        "GZ-202611-0042",
        "--db",
        db,
        "--out",
        out_s,
    ]);
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("没有工作联系单 GZ-202611-0042"));
}
