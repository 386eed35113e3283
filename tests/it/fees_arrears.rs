//! 欠费 on a real SQLite file: aging buckets as the domain counts them, sorting and paging, the
//! item-release pass approved from the fees records, and the 催费通知单 / 欠费明细表 PDFs.

use wuye_desk::domain::fees::AgedTotal;
use wuye_desk::domain::fees::PayMethod;
use wuye_desk::domain::item_pass::{Arrears, PassStatus, SupervisorOverride};
use wuye_desk::domain::settings::Office;
use wuye_desk::domain::staff::Role;
use wuye_desk::domain::{Fen, Month, UnitAddress};
use wuye_desk::forms::{self, PrintJob};
use wuye_desk::store::{ArrearsSort, Payment, Store};

use crate::common::fees::{db_file, insert_bill_lines_fixture};
use crate::common::november::{at, by, nov, store_with_units};
use crate::common::{clerk, owner, signs_in, unit};

fn unit_id(store: &Store, address: &str) -> wuye_desk::domain::unit::UnitId {
    store
        .unit_at(UnitAddress::parse(address).unwrap())
        .unwrap()
        .unwrap()
        .id
}

/// 3-2-1502 (王建国) owes ¥100 in each of 2026-11, 2026-08 and 2025-06; 5-1-0301 ¥50 for
/// 2026-10; 3-1-0101 ¥3 for 2024-01 and a paid-up neighbour 3-1-0102 owes nothing.
fn estate() -> (tempfile::TempDir, Store) {
    let (dir, mut store) = store_with_units();
    for a in ["3-1-0101", "3-1-0102"] {
        store.add_unit(&unit(a), &clerk()).unwrap();
    }
    let id = unit_id(&store, "3-2-1502");
    store
        .add_person(id, &owner("王建国", "13812345678"), &clerk())
        .unwrap();
    let db = db_file(&dir);
    insert_bill_lines_fixture(
        &db,
        "3-2-1502",
        "WYF",
        &["2026-11", "2026-08", "2025-06"],
        10_000,
    );
    insert_bill_lines_fixture(&db, "5-1-0301", "LJF", &["2026-10"], 5_000);
    insert_bill_lines_fixture(&db, "3-1-0101", "LJF", &["2024-01"], 300);
    // The neighbour was billed and paid at the desk.
    let lines = insert_bill_lines_fixture(&db, "3-1-0102", "LJF", &["2026-10"], 300);
    signs_in(&mut store, "刘洋");
    let payment = Payment {
        unit: unit_id(&store, "3-1-0102"),
        lines: lines
            .into_iter()
            .map(wuye_desk::domain::fees::LineId)
            .collect(),
        method: PayMethod::Cash,
        tendered: None,
        prepay: Fen(0),
        payer: "邻居".into(),
        note: String::new(),
    };
    store.take_payment(&payment, &clerk()).unwrap();
    (dir, store)
}

#[test]
fn the_aging_query_buckets_every_month_as_the_domain_does() {
    let (dir, store) = store_with_units();
    // One line per month from 2024-01 to 2027-02 (future months too), each a distinct amount.
    let mut months = Vec::new();
    let mut m = Month::new(2024, 1).unwrap();
    while m <= Month::new(2027, 2).unwrap() {
        months.push(m);
        m = m.next();
    }
    let mut expected = AgedTotal::default();
    for (i, m) in months.iter().enumerate() {
        let fen = 100 + i as i64;
        insert_bill_lines_fixture(&db_file(&dir), "3-2-1502", "WYF", &[m.code().as_str()], fen);
        expected.add(*m, nov(), Fen(fen));
    }
    let id = unit_id(&store, "3-2-1502");
    assert_eq!(store.unit_arrears(id, nov()).unwrap(), expected);
    let page = store
        .arrears(None, ArrearsSort::Amount, nov(), 0, 10)
        .unwrap();
    assert_eq!(page.rows.len(), 1);
    assert_eq!(page.rows[0].aged, expected);
    assert_eq!(page.rows[0].oldest, Month::new(2024, 1).unwrap());
    assert_eq!(page.sum, expected);
}

#[test]
fn the_list_sorts_by_amount_or_age_pages_and_sums_every_owing_unit() {
    let (_dir, store) = estate();
    let now = nov();
    let by_amount = store.arrears(None, ArrearsSort::Amount, now, 0, 2).unwrap();
    assert_eq!(by_amount.total, 3, "the paid-up unit is not listed");
    let shown: Vec<String> = by_amount.rows.iter().map(|r| r.address.short()).collect();
    assert_eq!(shown, ["3-2-1502", "5-1-0301"]);
    assert_eq!(by_amount.rows[0].owner, "王建国");
    assert_eq!(
        by_amount.rows[0].aged.buckets,
        [Fen(10_000), Fen(10_000), Fen(0), Fen(10_000)]
    );
    assert_eq!(
        by_amount.sum.total(),
        Fen(35_300),
        "the sum is of all pages"
    );
    assert_eq!(
        by_amount.sum.buckets,
        [Fen(15_000), Fen(10_000), Fen(0), Fen(10_300)]
    );
    let second = store.arrears(None, ArrearsSort::Amount, now, 1, 2).unwrap();
    assert_eq!(second.rows.len(), 1);
    assert_eq!(second.rows[0].address.short(), "3-1-0101");
    assert_eq!((second.total, second.sum), (3, by_amount.sum));
    let past_the_end = store.arrears(None, ArrearsSort::Amount, now, 5, 2).unwrap();
    assert!(past_the_end.rows.is_empty());
    assert_eq!(past_the_end.total, 3);

    let by_age = store.arrears(None, ArrearsSort::Age, now, 0, 0).unwrap();
    let shown: Vec<String> = by_age.rows.iter().map(|r| r.address.short()).collect();
    assert_eq!(shown, ["3-1-0101", "3-2-1502", "5-1-0301"]);

    let building = store
        .arrears(Some(3), ArrearsSort::Amount, now, 0, 10)
        .unwrap();
    assert_eq!(building.total, 2);
    assert_eq!(building.sum.total(), Fen(30_300));
    assert_eq!(
        store
            .arrears(Some(9), ArrearsSort::Amount, now, 0, 10)
            .unwrap(),
        Default::default()
    );
}

#[test]
fn an_owing_units_pass_waits_for_the_supervisor_and_a_settled_ones_prints_settled() {
    let (_dir, mut store) = estate();
    let pass = |unit: &str| wuye_desk::domain::item_pass::ItemPass {
        unit: UnitAddress::parse(unit).ok(),
        ..crate::gate_store::moving_out()
    };
    // 3-2-1502 owes: approval is refused, the service officer's word does not change that.
    signs_in(&mut store, "张敏");
    let (owing, _) = store
        .add_item_pass(&pass("3-2-1502"), &by("张敏", at(29, 9, 0)))
        .unwrap();
    let id = unit_id(&store, "3-2-1502");
    assert_eq!(
        store.arrears_of(Some(id)).unwrap(),
        Arrears::Owing(Fen(30_000))
    );
    let e = store
        .approve_pass(owing, None, &by("张敏", at(29, 9, 30)))
        .unwrap_err();
    assert!(e.to_string().contains("欠费 ¥300.00"), "{e}");
    signs_in(&mut store, "王强");
    store
        .sign_off_fees(
            owing,
            &crate::gate_store::officer(),
            &by("王强", at(29, 10, 0)),
        )
        .unwrap();
    signs_in(&mut store, "张敏");
    let e = store
        .approve_pass(owing, None, &by("张敏", at(29, 10, 5)))
        .unwrap_err();
    assert!(e.to_string().contains("须主管特批"), "{e}");
    signs_in(&mut store, "刘洋");
    let o = SupervisorOverride {
        by_name: "刘洋".into(),
        role: Role::Supervisor,
        reason: "业主已承诺本周内缴清".into(),
    };
    store
        .approve_pass(owing, Some(&o), &by("刘洋", at(29, 10, 10)))
        .unwrap();
    let text = forms::extract_text(
        &forms::release_pass(&Office::default(), &store.item_pass(owing).unwrap()).unwrap(),
    )
    .unwrap();
    assert!(text.contains("主管 刘洋 特批"), "{text}");

    // 3-1-0102 owes nothing: approved without anyone's sign-off, and the pass says so itself.
    signs_in(&mut store, "张敏");
    let (settled, _) = store
        .add_item_pass(&pass("3-1-0102"), &by("张敏", at(29, 11, 0)))
        .unwrap();
    assert_eq!(
        store.arrears_of(Some(unit_id(&store, "3-1-0102"))).unwrap(),
        Arrears::Settled
    );
    store
        .approve_pass(settled, None, &by("张敏", at(29, 11, 5)))
        .unwrap();
    let p = store.item_pass(settled).unwrap();
    assert_eq!(p.status, PassStatus::Approved);
    assert!(p.fees.is_none() && p.override_.is_none());
    let text = forms::extract_text(&forms::release_pass(&Office::default(), &p).unwrap()).unwrap();
    assert!(text.contains("费用已结清"), "{text}");
    assert!(!text.contains("待客户服务员确认"), "{text}");
}

#[test]
fn reminders_and_the_arrears_list_print_masked_with_the_amount_in_words() {
    let (_dir, mut store) = estate();
    let office = Office {
        estate: "幸福家园".into(),
        phone: "0371-66668888".into(),
        ..Office::default()
    };
    store.save_office(&office, &clerk()).unwrap();
    let render = |store: &Store, job: PrintJob| {
        let today = at(29, 9, 0);
        forms::extract_text(&forms::render_at(store, &office, &job, today).unwrap()).unwrap()
    };
    let one = PrintJob::Reminder(UnitAddress::parse("3-2-1502").unwrap());
    assert_eq!(one.file_name(), "催费通知单-3-2-1502.pdf");
    let text = render(&store, one);
    for want in [
        "幸福家园 催费通知单",
        "3号楼2单元1502室",
        "王**",
        "2026年11月",
        "2025年6月",
        "物业管理服务费",
        "¥300.00",
        "叁佰元整",
        "0371-66668888",
        "感谢",
    ] {
        assert!(text.contains(want), "{want} missing from {text}");
    }
    assert!(
        !text.contains("王建国") && !text.contains("13812345678"),
        "masked"
    );
    assert!(!text.contains("滞纳金"), "no late fee");

    let building = render(&store, PrintJob::BuildingReminders(3));
    assert!(building.matches("催费通知单").count() >= 2, "{building}");
    assert!(building.contains("3号楼1单元0101室") && building.contains("3号楼2单元1502室"));
    assert!(!building.contains("5号楼"), "{building}");
    let none = forms::render_at(
        &store,
        &office,
        &PrintJob::Reminder(UnitAddress::parse("3-1-0102").unwrap()),
        at(29, 9, 0),
    );
    assert!(none.unwrap_err().to_string().contains("没有欠费"));

    let list = render(&store, PrintJob::Arrears(None));
    for want in [
        "欠费明细表",
        "全小区",
        "12个月以上",
        "3-2-1502",
        "5-1-0301",
        "¥353.00",
        "3 户",
    ] {
        assert!(list.contains(want), "{want} missing from {list}");
    }
    let parsed = PrintJob::parse(&forms::PrintArgs {
        form: "arrears".into(),
        building: Some(3),
        ..Default::default()
    })
    .unwrap();
    assert_eq!(parsed.file_name(), "欠费明细表-3号楼.pdf");
    assert!(!render(&store, parsed).contains("5-1-0301"));
}
