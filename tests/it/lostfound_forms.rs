//! The 失物招领登记表 and the 招领启事: rendered, read back out of the PDF (the claimant's ID
//! masked; the notice without what only the owner knows), and printed through the command line.

use std::process::Command;

use crate::common::{id_number, signs_in, staffed_store};
use chrono::{NaiveDate, NaiveDateTime};
use wuye_desk::domain::lostfound::{
    Category, Claim, Disposal, DisposalMethod, Finder, FinderKind, FoundItem, Valuable,
};
use wuye_desk::domain::settings::Office;
use wuye_desk::domain::staff::Recorded;
use wuye_desk::domain::{Fen, Mobile, Month};
use wuye_desk::forms::{PrintArgs, PrintJob, extract_text, render_at};
use wuye_desk::store::Store;

fn at(m: u32, d: u32, h: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, m, d)
        .and_then(|d| d.and_hms_opt(h, 0, 0))
        .unwrap()
}

fn rec(t: NaiveDateTime) -> Recorded {
    Recorded {
        by: None,
        by_name: String::new(),
        at: t,
    }
}

fn item(category: Category, name: &str, description: &str, place: &str, d: u32) -> FoundItem {
    let valuables = category.valuables().to_vec();
    FoundItem {
        category,
        name: name.into(),
        description: description.into(),
        place: place.into(),
        found_at: at(11, d, 8),
        finder: Finder {
            kind: FinderKind::Staff,
            name: "孙丽".into(),
            phone: None,
            staff: None,
        },
        storage: if valuables.is_empty() {
            "A架2层".into()
        } else {
            "主管保险柜".into()
        },
        witnesses: if valuables.is_empty() {
            Vec::new()
        } else {
            vec!["张敏".into(), "李娜".into()]
        },
        valuables,
        cash: None,
    }
}

/// November: a phone still waiting, a wallet with cash claimed, an ID card handed to the
/// police; and a December umbrella.
fn store_with_items() -> (tempfile::TempDir, Store, Office, String) {
    let (dir, mut store) = staffed_store();
    signs_in(&mut store, "李娜");
    signs_in(&mut store, "刘洋");
    let office = Office {
        company: "锦华物业 锦华苑管理处".into(),
        estate: "锦华苑".into(),
        phone: "0371-65881234".into(),
        address: "花园路88号".into(),
        print_folder: String::new(),
    };
    store.save_office(&office, &rec(at(11, 1, 8))).unwrap();
    let phone = item(
        Category::Phone,
        "华为Mate60手机",
        "黑色，蓝色手机壳",
        "1号楼大堂",
        20,
    );
    store.add_found_item(&phone, &rec(at(11, 20, 9))).unwrap();
    let mut wallet = item(Category::Wallet, "棕色钱包", "内有会员卡", "南门", 10);
    wallet.valuables = vec![Valuable::Cash];
    wallet.cash = Some(Fen(32050));
    wallet.witnesses = vec!["张敏".into(), "李娜".into()];
    let (w, _) = store.add_found_item(&wallet, &rec(at(11, 10, 9))).unwrap();
    let claimant = id_number("410105", "19800101", 12);
    let claim = Claim {
        name: "王建国".into(),
        id_number: claimant.clone(),
        phone: Mobile::parse("13812345678").unwrap(),
        description: "棕色皮夹，三百多元".into(),
        matches: true,
    };
    store
        .claim_found_item(w, &claim, None, &rec(at(11, 11, 10)))
        .unwrap();
    let card = item(
        Category::Document,
        "居民身份证",
        "证件照为男性",
        "3号楼电梯",
        5,
    );
    let (c, _) = store.add_found_item(&card, &rec(at(11, 5, 9))).unwrap();
    store
        .dispose_found_item(
            c,
            &Disposal {
                method: DisposalMethod::Police,
                reason: "身份证件上交派出所".into(),
                receiver: "花园路派出所".into(),
            },
            &rec(at(11, 5, 15)),
        )
        .unwrap();
    let umbrella = item(Category::Daily, "雨伞", "黑色长柄", "中心花园", 1);
    let mut umbrella = umbrella;
    umbrella.found_at = at(12, 1, 8);
    store.add_found_item(&umbrella, &rec(at(12, 1, 9))).unwrap();
    (dir, store, office, claimant.as_str().to_string())
}

fn text_of(store: &Store, office: &Office, job: &PrintJob) -> String {
    let pdf = render_at(store, office, job, at(12, 2, 9)).unwrap();
    extract_text(&pdf).unwrap().replace('\n', "")
}

#[test]
fn the_register_lists_every_item_of_the_month_and_its_fate_with_the_id_masked() {
    let (_dir, store, office, full_id) = store_with_items();
    let month = Month::parse("2026-11").unwrap();
    let text = text_of(&store, &office, &PrintJob::LostFound(month));
    for want in [
        "锦华苑 失物招领登记表",
        "2026年11月",
        "SW-202611-0001",
        "SW-202611-0003",
        "华为Mate60手机",
        "¥320.50",
        "认领：王建国",
        "138****5678",
        "上交派出所",
        "保管至",
        "领取人签字",
        "共 3 件：已认领 1 件，已处置 1 件，在库 1 件",
    ] {
        assert!(text.contains(want), "{want} missing from:\n{text}");
    }
    let masked = id_number("410105", "19800101", 12).masked();
    assert!(text.contains(&masked), "{masked} missing from:\n{text}");
    assert!(!text.contains(&full_id), "the ID number in full:\n{text}");
    assert!(!text.contains("雨伞"), "December's umbrella");
    let empty = text_of(
        &store,
        &office,
        &PrintJob::LostFound(Month::parse("2026-10").unwrap()),
    );
    assert!(empty.contains("本月无拾遗物品"));
}

#[test]
fn the_notice_names_kind_place_and_day_but_never_the_model_or_marks() {
    let (_dir, store, office, _) = store_with_items();
    let text = text_of(&store, &office, &PrintJob::FoundNotice);
    for want in [
        "招领启事",
        "手机",
        "1号楼大堂",
        "2026年11月20日",
        "日用品",
        "中心花园",
        "0371-65881234",
        "花园路88号",
        "身份证件",
    ] {
        assert!(text.contains(want), "{want} missing from:\n{text}");
    }
    for secret in ["华为", "Mate60", "蓝色", "黑色", "长柄", "保险柜", "孙丽"] {
        assert!(!text.contains(secret), "{secret} on the notice:\n{text}");
    }
    // Only what still waits: the claimed wallet and the card with the police are not on it.
    assert!(
        !text.contains("南门") && !text.contains("3号楼电梯"),
        "{text}"
    );
}

#[test]
fn the_command_line_prints_both() {
    let args = |form: &str, month: Option<&str>| PrintArgs {
        form: form.into(),
        month: month.map(String::from),
        ..PrintArgs::default()
    };
    assert_eq!(
        PrintJob::parse(&args("lost-found", Some("2026-11"))),
        Ok(PrintJob::LostFound(Month::parse("2026-11").unwrap()))
    );
    assert_eq!(
        PrintJob::parse(&args("found-notice", None)),
        Ok(PrintJob::FoundNotice)
    );
    assert!(
        PrintJob::parse(&args("lost-found", None))
            .unwrap_err()
            .contains("月份")
    );
    let (dir, store, _, _) = store_with_items();
    let db = store.path().to_str().unwrap().to_string();
    drop(store);
    let out = dir.path().join("form.pdf");
    let out_s = out.to_str().unwrap();
    for (form, want) in [
        (vec!["lost-found", "--month", "2026-11"], "失物招领登记表"),
        (vec!["found-notice"], "招领启事"),
    ] {
        let mut all = vec!["print"];
        all.extend(form.iter().copied());
        all.extend(["--db", db.as_str(), "--out", out_s]);
        let o = Command::new(env!("CARGO_BIN_EXE_wuye-desk"))
            .args(&all)
            .output()
            .expect("run wuye-desk");
        assert!(
            o.status.success(),
            "{form:?}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        let text = extract_text(&std::fs::read(&out).unwrap()).unwrap();
        assert!(
            text.contains(want),
            "{form:?}: {want} missing from:\n{text}"
        );
    }
}
