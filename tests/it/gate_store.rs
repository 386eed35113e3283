//! 物品放行 on a real SQLite file: numbering, the approval rule, release, the unit's history,
//! and the PDFs (the keys' store tests are in keys_store.rs).

use crate::common::november::{at, by, nov, store_with_units};
use crate::common::{clerk, fresh_store, signs_in};
use chrono::NaiveDate;
use wuye_desk::domain::item_pass::{
    ApplicantKind, ApprovalError, DriverDoc, FeesSignOff, ItemPass, PassItem, PassReason,
    PassStatus, ReleaseError, Vehicle,
};
use wuye_desk::domain::keys::KeyStatus;
use wuye_desk::domain::plate::Plate;
use wuye_desk::domain::settings::Office;
use wuye_desk::domain::staff::Role;
use wuye_desk::domain::{Mobile, UnitAddress};
use wuye_desk::forms::{self, PASS_COPIES, PrintArgs, PrintJob};
use wuye_desk::store::StoreError;

/// The walk-through's pass: the owner of 3-2-1502 moving out with a sofa and two boxes.
pub(crate) fn moving_out() -> ItemPass {
    let first17 = "41010519800101001";
    let check = wuye_desk::domain::ResidentId::check_char(first17).unwrap();
    ItemPass {
        kind: ApplicantKind::Owner,
        unit: UnitAddress::parse("3-2-1502").ok(),
        applicant: "王建国".into(),
        phone: Mobile::parse("13812345678").unwrap(),
        authorisation: String::new(),
        certificate_issuer: String::new(),
        certificate: String::new(),
        items: vec![
            PassItem {
                name: "沙发".into(),
                quantity: 1,
                note: "三人位".into(),
            },
            PassItem {
                name: "纸箱".into(),
                quantity: 2,
                note: String::new(),
            },
        ],
        reason: PassReason::MovingOut,
        reason_note: String::new(),
        vehicle: Some(Vehicle {
            plate: Plate::parse("豫AD12345").unwrap(),
            driver: "李师傅".into(),
            driver_doc: DriverDoc::parse(&format!("{first17}{check}")).unwrap(),
        }),
        planned: at(29, 0, 0).date(),
    }
}

pub(crate) fn officer() -> FeesSignOff {
    FeesSignOff {
        by_name: "王强".into(),
        role: Role::ServiceOfficer,
        at: at(29, 10, 0),
    }
}

#[test]
fn pass_numbers_run_per_month_without_gaps() {
    let (_dir, mut store) = store_with_units();
    let mut numbers = Vec::new();
    for t in [at(29, 9, 0), at(29, 9, 5), at(30, 9, 0)] {
        signs_in(&mut store, "张敏");
        numbers.push(
            store
                .add_item_pass(&moving_out(), &by("张敏", t))
                .unwrap()
                .1,
        );
    }
    let december = NaiveDate::from_ymd_opt(2026, 12, 1)
        .unwrap()
        .and_hms_opt(9, 0, 0)
        .unwrap();
    numbers.push(
        store
            .add_item_pass(&moving_out(), &by("张敏", december))
            .unwrap()
            .1,
    );
    let texts: Vec<String> = numbers.iter().map(|n| n.to_string()).collect();
    assert_eq!(
        texts,
        [
            "FX-202611-0001",
            "FX-202611-0002",
            "FX-202611-0003",
            "FX-202612-0001"
        ]
    );
    // A failed insert (unregistered unit) uses no number.
    let mut bad = moving_out();
    bad.unit = UnitAddress::parse("9-9-0909").ok();
    assert!(matches!(
        store.add_item_pass(&bad, &by("张敏", at(30, 10, 0))),
        Err(StoreError::NotFound(_))
    ));
    let (_, next) = store
        .add_item_pass(&moving_out(), &by("张敏", at(30, 11, 0)))
        .unwrap();
    assert_eq!(next.to_string(), "FX-202611-0004");
    assert_eq!(store.passes_of_month(nov()).unwrap().len(), 4);
}

/// A unit never billed in the program: its fees are unknown here, so approval waits for the
/// service officer's confirmation (the owing case, refused until the supervisor's override, and
/// the settled one are in fees_arrears.rs).
#[test]
fn approval_is_blocked_until_the_service_officer_confirms_fees() {
    let (_dir, mut store) = store_with_units();
    signs_in(&mut store, "张敏");
    let (id, _) = store
        .add_item_pass(&moving_out(), &by("张敏", at(29, 9, 0)))
        .unwrap();
    let err = store
        .approve_pass(id, None, &by("张敏", at(29, 9, 30)))
        .unwrap_err();
    assert_eq!(err.to_string(), ApprovalError::NeedsSignOff.to_string());
    assert_eq!(store.item_pass(id).unwrap().status, PassStatus::Pending);
    // Neither the receptionist nor a guard can sign for the fees: the service officer must.
    for name in ["张敏", "吴勇"] {
        signs_in(&mut store, name);
        let err = store.sign_off_fees(id, &officer(), &clerk()).unwrap_err();
        assert!(matches!(err, StoreError::NeedsCountersign { .. }), "{err}");
        assert!(
            err.to_string()
                .contains("须由客户服务员（本区域）或客服中心主管签字"),
            "{err}"
        );
    }
    signs_in(&mut store, "王强");
    store
        .sign_off_fees(id, &officer(), &by("王强", at(29, 10, 0)))
        .unwrap();
    signs_in(&mut store, "张敏");
    store
        .approve_pass(id, None, &by("张敏", at(29, 10, 5)))
        .unwrap();
    let p = store.item_pass(id).unwrap();
    assert_eq!(p.status, PassStatus::Approved);
    assert_eq!(p.fees.unwrap().by_name, "王强");
    assert_eq!(
        store.arrears_of(p.unit_id).unwrap(),
        wuye_desk::domain::item_pass::Arrears::Unknown,
        "never billed"
    );
}

#[test]
fn the_guard_releases_an_approved_pass_on_its_day_and_the_unit_history_shows_it() {
    let (_dir, mut store) = store_with_units();
    signs_in(&mut store, "张敏");
    let (id, number) = store
        .add_item_pass(&moving_out(), &by("张敏", at(29, 9, 0)))
        .unwrap();
    signs_in(&mut store, "吴勇");
    assert!(
        store
            .release_pass(id, true, &by("吴勇", at(29, 9, 10)))
            .is_err(),
        "not approved yet"
    );
    signs_in(&mut store, "王强");
    store.sign_off_fees(id, &officer(), &clerk()).unwrap();
    signs_in(&mut store, "张敏");
    store
        .approve_pass(id, None, &by("张敏", at(29, 10, 5)))
        .unwrap();
    assert_eq!(store.passes_for_gate(at(29, 0, 0).date()).unwrap().len(), 1);
    signs_in(&mut store, "吴勇");
    assert!(
        store
            .release_pass(id, true, &by("吴勇", at(30, 9, 0)))
            .is_err(),
        "only on its day"
    );
    // 由业主签字后方可放行: not before the guard confirms the owner signed.
    let err = store
        .release_pass(id, false, &by("吴勇", at(29, 14, 15)))
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        ReleaseError::NotSigned("业主").to_string(),
        "the guard is told what is missing"
    );
    assert_eq!(store.item_pass(id).unwrap().status, PassStatus::Approved);
    store
        .release_pass(id, true, &by("吴勇", at(29, 14, 20)))
        .unwrap();
    let p = store.item_pass_by_number(number).unwrap();
    assert_eq!(p.status, PassStatus::Released);
    assert_eq!(p.released.as_ref().unwrap().name, "吴勇");
    let checked = p.signature_checked.as_ref().expect("the check is recorded");
    assert_eq!(
        (checked.name.as_str(), checked.at),
        ("吴勇", at(29, 14, 20)),
        "who confirmed the signature, and when"
    );
    assert!(
        store
            .passes_for_gate(at(29, 0, 0).date())
            .unwrap()
            .is_empty()
    );
    assert!(
        store.void_pass(id, "改期", &clerk()).is_err(),
        "released cannot be voided"
    );
    let unit = store
        .unit_at(UnitAddress::parse("3-2-1502").unwrap())
        .unwrap()
        .unwrap();
    let log: Vec<String> = store
        .unit_log(unit.id)
        .unwrap()
        .into_iter()
        .map(|l| l.text)
        .collect();
    assert!(
        log.iter()
            .any(|t| t.contains("FX-202611-0001 已放行，值岗 吴勇")),
        "{log:?}"
    );
    assert!(log.iter().any(|t| t.contains("沙发×1、纸箱×2")), "{log:?}");
}

#[test]
fn the_pass_pdf_has_both_copies_the_number_the_plate_and_a_masked_driver_id() {
    let (_dir, mut store) = store_with_units();
    signs_in(&mut store, "张敏");
    let (id, _) = store
        .add_item_pass(&moving_out(), &by("张敏", at(29, 9, 0)))
        .unwrap();
    signs_in(&mut store, "王强");
    store.sign_off_fees(id, &officer(), &clerk()).unwrap();
    let pass = store.item_pass(id).unwrap();
    let pdf = forms::release_pass(&Office::default(), &pass).unwrap();
    let text = forms::extract_text(&pdf).unwrap();
    for want in [
        "FX-202611-0001",
        "豫AD12345",
        "沙发",
        "纸箱",
        "3号楼2单元1502室",
        "李师傅",
        "王强",
    ] {
        assert!(text.contains(want), "{want} missing from {text}");
    }
    for label in PASS_COPIES {
        assert_eq!(text.matches(label).count(), 1, "{label} once per copy");
    }
    assert!(text.contains("410***********001"), "masked driver ID");
    assert!(!text.contains("19800101"), "the full ID leaked");
    assert!(text.contains("2026年11月29日"), "the day it is valid for");
}

#[test]
fn public_property_leaves_on_its_certificate_without_a_fees_sign_off() {
    let (_dir, mut store) = store_with_units();
    let chairs = ItemPass {
        kind: ApplicantKind::PublicProperty,
        unit: None,
        applicant: "周工".into(),
        certificate_issuer: "物业工程部".into(),
        certificate: "外运证明 GC-318".into(),
        vehicle: None,
        ..moving_out()
    };
    signs_in(&mut store, "张敏");
    let (id, _) = store
        .add_item_pass(&chairs, &by("张敏", at(29, 9, 0)))
        .unwrap();
    let err = store
        .sign_off_fees(id, &officer(), &by("张敏", at(29, 9, 10)))
        .unwrap_err();
    assert_eq!(err.to_string(), ApprovalError::PublicNoSignOff.to_string());
    signs_in(&mut store, "刘洋");
    store
        .approve_pass(id, None, &by("刘洋", at(29, 9, 30)))
        .expect("approved on its certificate alone");
    let p = store.item_pass(id).unwrap();
    assert_eq!(p.status, PassStatus::Approved);
    assert!(p.fees.is_none());
    assert_eq!(p.pass.certificate_issuer, "物业工程部");
    assert_eq!(p.pass.certificate, "外运证明 GC-318");
    let text = forms::extract_text(&forms::release_pass(&Office::default(), &p).unwrap()).unwrap();
    assert!(text.contains("物业工程部 开具：外运证明 GC-318"), "{text}");
    assert!(!text.contains("待客户服务员确认"), "{text}");
}

#[test]
fn the_pass_names_who_approved_it_and_who_checked_the_signature() {
    let (_dir, mut store) = store_with_units();
    signs_in(&mut store, "张敏");
    let (id, _) = store
        .add_item_pass(&moving_out(), &by("张敏", at(29, 9, 0)))
        .unwrap();
    signs_in(&mut store, "王强");
    store.sign_off_fees(id, &officer(), &clerk()).unwrap();
    signs_in(&mut store, "刘洋");
    store
        .approve_pass(id, None, &by("刘洋", at(29, 10, 5)))
        .unwrap();
    let text = forms::extract_text(
        &forms::release_pass(&Office::default(), &store.item_pass(id).unwrap()).unwrap(),
    )
    .unwrap();
    assert!(text.contains("批准人"), "{text}");
    assert!(text.contains("刘洋 2026-11-29 10:05"), "{text}");
    assert!(text.contains("业主签字后，值岗人员核对方可放行"), "{text}");
    signs_in(&mut store, "吴勇");
    store
        .release_pass(id, true, &by("吴勇", at(29, 14, 20)))
        .unwrap();
    let text = forms::extract_text(
        &forms::release_pass(&Office::default(), &store.item_pass(id).unwrap()).unwrap(),
    )
    .unwrap();
    assert!(
        text.contains("业主已签字，值岗 吴勇 核对 2026-11-29 14:20"),
        "{text}"
    );
}

#[test]
fn the_print_jobs_read_their_keys_and_render_from_the_store() {
    let (_dir, mut store) = store_with_units();
    signs_in(&mut store, "张敏");
    store
        .add_item_pass(&moving_out(), &by("张敏", at(29, 9, 0)))
        .unwrap();
    let args = |form: &str, key: &str| PrintArgs {
        form: form.into(),
        key: Some(key.into()),
        ..PrintArgs::default()
    };
    let job = PrintJob::parse(&args("release-pass", "FX-202611-0001")).unwrap();
    assert_eq!(job.file_name(), "放行条-FX-202611-0001.pdf");
    let register = PrintJob::parse(&args("release-register", "2026-11")).unwrap();
    let pdf = forms::render(&store, &Office::default(), &register).unwrap();
    let text = forms::extract_text(&pdf).unwrap();
    assert!(
        text.contains("物品出入登记表") && text.contains("FX-202611-0001"),
        "{text}"
    );
    assert!(
        text.contains("豫AD12345") && text.contains("沙发×1"),
        "{text}"
    );
    assert!(PrintJob::parse(&args("release-pass", "WX-1")).is_err());
    assert!(PrintJob::parse(&args("key-loans", "2026-13")).is_err());
    let missing = PrintJob::parse(&args("release-pass", "FX-202611-0099")).unwrap();
    assert!(forms::render(&store, &Office::default(), &missing).is_err());
}

#[test]
fn the_demo_has_passes_key_movements_overdue_keys_and_0301_in_the_cabinet() {
    let (_dir, mut store) = fresh_store();
    wuye_desk::demo::build(&mut store, 1).unwrap();
    let now = wuye_desk::domain::date::now_local();
    assert!(!store.item_passes(None, 50).unwrap().is_empty());
    assert!(store.overdue_count(now).unwrap() >= 2, "some keys overdue");
    let keys = store.keys("5-1-0301", 5).unwrap();
    assert_eq!(keys.len(), 1);
    assert_eq!(keys[0].status, KeyStatus::InCabinet);
    assert!(store.check().unwrap().is_empty());
}
