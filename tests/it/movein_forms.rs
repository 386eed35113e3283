//! The 房屋验收交接表 (filled and blank) and the 业主入住清单: rendered, read back out of the PDF,
//! asked for by name and printed through the command line.

use std::process::Command;

use crate::common::{clerk, owner, temp_store, unit};
use chrono::{NaiveDate, NaiveDateTime};
use wuye_desk::domain::UnitAddress;
use wuye_desk::domain::movein::{
    Agreements, CheckItem, Inspection, ItemHanded, MoveInStep, Readings,
};
use wuye_desk::domain::staff::Recorded;
use wuye_desk::domain::unit::UnitStatus;
use wuye_desk::forms::{PrintArgs, PrintJob, extract_text, render};
use wuye_desk::store::Store;

fn at(h: u32, m: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 11, 30)
        .and_then(|d| d.and_hms_opt(h, m, 0))
        .expect("time")
}

fn rec(t: NaiveDateTime) -> Recorded {
    Recorded { at: t, ..clerk() }
}

/// 3-2-1502's case up to inspection 1, whose cracked tile became a repair order.
fn store_with_case() -> (tempfile::TempDir, Store) {
    let (dir, mut store) = temp_store();
    let mut u = unit("3-2-1502");
    u.status = UnitStatus::Vacant;
    let u = store.add_unit(&u, &clerk()).unwrap();
    let person = store
        .add_person(u, &owner("王建国", "13812345678"), &clerk())
        .unwrap();
    let id = store
        .open_move_in(
            u,
            "王建国",
            Some(person.0),
            "RH-2026-0318",
            None,
            &rec(at(9, 0)),
        )
        .unwrap();
    store
        .move_in_step(id, MoveInStep::Verify, "", &rec(at(9, 5)))
        .unwrap();
    let day = NaiveDate::from_ymd_opt(2026, 11, 30).unwrap();
    store
        .save_agreements(
            id,
            &Agreements {
                service_signed: day,
                rules_signed: day,
            },
            &rec(at(9, 10)),
        )
        .unwrap();
    store
        .move_in_step(id, MoveInStep::OwnerFile, "", &rec(at(9, 12)))
        .unwrap();
    store
        .skip_move_in_step(
            id,
            MoveInStep::BankAgreement,
            "业主不办理代扣",
            &rec(at(9, 15)),
        )
        .unwrap();
    store
        .move_in_step(id, MoveInStep::Payment, "", &rec(at(9, 20)))
        .unwrap();
    store
        .hand_over_items(
            id,
            &[
                ItemHanded {
                    name: "猫眼".into(),
                    qty: 1,
                },
                ItemHanded {
                    name: "门禁卡".into(),
                    qty: 2,
                },
            ],
            &rec(at(9, 25)),
        )
        .unwrap();
    let item = |area: &str, ok: bool, note: &str| CheckItem {
        area: area.into(),
        ok,
        note: note.into(),
    };
    let defects = store
        .save_inspection(
            id,
            &Inspection {
                round: 1,
                at: at(10, 0),
                items: vec![
                    item("入户门", true, ""),
                    item("地面", false, "客厅地砖开裂一块"),
                ],
                readings: Readings {
                    water: Some(12),
                    electricity: Some(35),
                    gas: Some(3),
                },
                by_name: "李工".into(),
            },
            &rec(at(10, 5)),
        )
        .unwrap();
    store
        .defect_to_repair(defects[0].id, &rec(at(10, 10)))
        .unwrap();
    (dir, store)
}

fn text_of(store: &Store, job: &PrintJob) -> String {
    let office = store.office().unwrap();
    extract_text(&render(store, &office, job).unwrap())
        .unwrap()
        .replace('\n', "")
}

#[test]
fn the_handover_sheet_carries_the_checklist_readings_and_defects() {
    let (_dir, store) = store_with_case();
    let a = UnitAddress::parse("3-2-1502").unwrap();
    let text = text_of(&store, &PrintJob::HandoverSheet(a));
    for want in [
        "房屋验收交接表",
        "王建国",
        "RH-2026-0318",
        "接房验收1",
        "验收人：李工",
        "不合格",
        "客厅地砖开裂一块",
        "报修 WX-202611-0001（待派单）",
        "水表读数",
        "业主签字",
        "工作人员签字",
    ] {
        assert!(text.contains(want), "{want} missing from:\n{text}");
    }
    assert!(!text.contains("13812345678") && !text.contains("5678"));
    let blank = text_of(&store, &PrintJob::HandoverBlank);
    for want in ["房屋验收交接表", "智能化/对讲", "天花", "业主签字"] {
        assert!(blank.contains(want), "{want} missing from:\n{blank}");
    }
    assert!(!blank.contains("王建国"));
}

#[test]
fn the_move_in_list_shows_each_step_and_the_items() {
    let (_dir, store) = store_with_case();
    let a = UnitAddress::parse("3-2-1502").unwrap();
    let text = text_of(&store, &PrintJob::MoveInList(a));
    for want in [
        "业主入住清单",
        "验证入伙通知书及身份证",
        "前期物业服务协议 2026年11月30日",
        "跳过：业主不办理代扣",
        "门禁卡",
        "未办理",
        "居家手册",
        "经办人签字",
    ] {
        assert!(text.contains(want), "{want} missing from:\n{text}");
    }
    assert!(!text.contains("13812345678"));
}

#[test]
fn the_forms_are_asked_for_by_name() {
    let args = |form: &str, key: Option<&str>, blank: bool| PrintArgs {
        form: form.into(),
        key: key.map(String::from),
        blank,
        building: None,
        month: None,

        item: None,
    };
    let a = UnitAddress::parse("3-2-1502").unwrap();
    assert_eq!(
        PrintJob::parse(&args("handover-sheet", Some("3-2-1502"), false)),
        Ok(PrintJob::HandoverSheet(a))
    );
    assert_eq!(
        PrintJob::parse(&args("handover-sheet", None, true)),
        Ok(PrintJob::HandoverBlank)
    );
    assert_eq!(
        PrintJob::parse(&args("move-in-list", Some("3-2-1502"), false)),
        Ok(PrintJob::MoveInList(a))
    );
    assert!(
        PrintJob::parse(&args("move-in-list", None, false))
            .unwrap_err()
            .contains("房号")
    );
    assert_eq!(
        PrintJob::HandoverSheet(a).file_name(),
        "房屋验收交接表-3-2-1502.pdf"
    );
}

fn run(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_wuye-desk"))
        .args(args)
        .output()
        .expect("run wuye-desk")
}

#[test]
fn the_command_line_prints_the_move_in_forms() {
    let (dir, mut store) = store_with_case();
    store.add_unit(&unit("3-2-1501"), &clerk()).unwrap();
    let db = store.path().to_path_buf();
    drop(store);
    let db = db.to_str().unwrap();
    let out = dir.path().join("form.pdf");
    let out_s = out.to_str().unwrap();
    for (args, want) in [
        (
            vec!["print", "handover-sheet", "3-2-1502"],
            "客厅地砖开裂一块",
        ),
        (vec!["print", "handover-sheet", "--blank"], "智能化/对讲"),
        (
            vec!["print", "move-in-list", "3-2-1502"],
            "跳过：业主不办理代扣",
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
        "move-in-list",
        "3-2-1501",
        "--db",
        db,
        "--out",
        out_s,
    ]);
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("还没有办理入住的记录"));
}
