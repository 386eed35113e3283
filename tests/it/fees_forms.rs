//! The 收款收据, the 收费日报 and the office's copy mode, read back out of the PDF: the amount
//! in words, the three labelled copies on A4, one unlabelled print on dot-matrix paper of its
//! exact size, 作废 on a voided receipt.

use crate::common::fees::fixture_bill_line;
use crate::common::november::{at, by};
use crate::common::{clerk, owner, signs_in, temp_store, unit};
use wuye_desk::domain::Fen;
use wuye_desk::domain::fees::{CopyMode, PayMethod, ReceiptNumber};
use wuye_desk::domain::item_pass::{ApplicantKind, ItemPass, PassItem, PassReason};
use wuye_desk::domain::settings::Office;
use wuye_desk::domain::{Mobile, UnitAddress};
use wuye_desk::forms::{
    PASS_COPIES, PrintArgs, PrintJob, RECEIPT_COPIES, REPAIR_SLIP_COPIES, extract_text, render_at,
};
use wuye_desk::store::{Payment, Store};

fn office() -> Office {
    Office {
        company: "孚恒物业管理处".into(),
        estate: "锦绣花园".into(),
        ..Office::default()
    }
}

/// 3-2-1502 (张伟, 138…) paid ¥1,409.50 in cash (¥1,500.00 handed over) for three lines, by
/// 周静 on 29 November 2026: SJ-202611-0001.
fn paid() -> (tempfile::TempDir, Store, ReceiptNumber) {
    let (dir, mut store) = temp_store();
    let u = store.add_unit(&unit("3-2-1502"), &clerk()).unwrap();
    store
        .add_person(u, &owner("张伟", "13812345678"), &clerk())
        .unwrap();
    let lines = vec![
        fixture_bill_line(&store, u, "WYF", "2026-10", 60_000),
        fixture_bill_line(&store, u, "WYF", "2026-11", 60_000),
        fixture_bill_line(&store, u, "CWF", "2026-11", 20_950),
    ];
    signs_in(&mut store, "周静");
    let n = store
        .take_payment(
            &Payment {
                unit: u,
                lines,
                method: PayMethod::Cash,
                tendered: Some(Fen(150_000)),
                prepay: Fen(0),
                payer: String::new(),
                note: String::new(),
            },
            &by("周静", at(29, 10, 0)),
        )
        .unwrap();
    (dir, store, n)
}

/// Renders `job`; with `WUYE_FORMS_OUT=DIR` set, also keeps the PDF there (named by the job and
/// the copy mode) for looking at with `pdftoppm -png -r 80`.
fn print(store: &Store, job: &PrintJob) -> Vec<u8> {
    let pdf = render_at(store, &office(), job, at(30, 18, 0)).unwrap();
    if let Some(dir) = std::env::var_os("WUYE_FORMS_OUT") {
        let mode = store.copy_mode().unwrap().code();
        let void = match job {
            PrintJob::Receipt(n) if store.receipt(*n).unwrap().voided.is_some() => "作废-",
            _ => "",
        };
        let name = format!("{mode}-{void}{}", job.file_name());
        std::fs::write(std::path::Path::new(&dir).join(name), &pdf).unwrap();
    }
    pdf
}

/// Each page's MediaBox width and height, in millimetres.
fn page_sizes(pdf: &[u8]) -> Vec<(f32, f32)> {
    let doc = lopdf::Document::load_mem(pdf).unwrap();
    doc.get_pages()
        .values()
        .map(|&id| {
            let page = doc.get_dictionary(id).unwrap();
            let bx = page.get(b"MediaBox").unwrap().as_array().unwrap();
            let n = |o: &lopdf::Object| o.as_float().unwrap_or_else(|_| o.as_i64().unwrap() as f32);
            let mm = |pt: f32| (pt * 25.4 / 72.0 * 10.0).round() / 10.0;
            (mm(n(&bx[2]) - n(&bx[0])), mm(n(&bx[3]) - n(&bx[1])))
        })
        .collect()
}

fn set_mode(store: &mut Store, mode: CopyMode) {
    signs_in(store, "刘洋");
    store
        .save_copy_mode(mode, &by("刘洋", at(29, 8, 0)))
        .unwrap();
}

#[test]
fn the_receipt_has_the_amount_in_words_and_three_labelled_copies_on_a4() {
    let (_d, store, n) = paid();
    assert_eq!(store.copy_mode().unwrap(), CopyMode::Laser, "A4 by default");
    let job = PrintJob::parse(&PrintArgs {
        form: "receipt".into(),
        key: Some("sj-202611-0001".into()),
        ..PrintArgs::default()
    })
    .unwrap();
    assert_eq!(job, PrintJob::Receipt(n));
    assert_eq!(job.file_name(), "收款收据-SJ-202611-0001.pdf");
    let pdf = print(&store, &job);
    let text = extract_text(&pdf).unwrap();
    for want in [
        "锦绣花园 收款收据",
        "孚恒物业管理处",
        "SJ-202611-0001",
        "2026年11月29日",
        "张伟",
        "3号楼2单元1502室",
        "物业管理服务费",
        "机动车占位费",
        "2026-10",
        "600.00",
        "209.50",
        "¥1,409.50",
        "人民币壹仟肆佰零玖元伍角",
        "现金（实收 ¥1,500.00，找零 ¥90.50）",
        "周静",
        "收款人签章",
        "交款人签字",
    ] {
        assert!(text.contains(want), "missing {want} in\n{text}");
    }
    for label in RECEIPT_COPIES {
        assert_eq!(text.matches(label).count(), 1, "{label} once");
    }
    assert_eq!(page_sizes(&pdf), vec![(210.0, 297.0); 3]);
    assert!(
        !text.contains("13812345678") && !text.contains("138****5678"),
        "no phone"
    );
    assert!(!text.contains("作废"));
}

#[test]
fn dot_matrix_paper_gets_one_unlabelled_print_of_its_exact_size() {
    let (_d, mut store, n) = paid();
    set_mode(&mut store, CopyMode::DotMatrixHalf);
    let pdf = print(&store, &PrintJob::Receipt(n));
    assert_eq!(
        page_sizes(&pdf),
        vec![(241.0, 140.0)],
        "one page per record"
    );
    let text = extract_text(&pdf).unwrap();
    assert!(text.contains("人民币壹仟肆佰零玖元伍角"), "{text}");
    for label in RECEIPT_COPIES {
        assert!(!text.contains(label), "the plies carry their own labels");
    }
    // A third of the paper: what does not fit continues on the next sheet, nothing is cut.
    set_mode(&mut store, CopyMode::DotMatrixThird);
    let pdf = print(&store, &PrintJob::Receipt(n));
    let sizes = page_sizes(&pdf);
    assert!(sizes.iter().all(|&s| s == (241.0, 93.0)), "{sizes:?}");
    let text = extract_text(&pdf).unwrap();
    for want in [
        "2026-10",
        "机动车占位费",
        "人民币壹仟肆佰零玖元伍角",
        "交款人签字",
    ] {
        assert!(text.contains(want), "missing {want} in\n{text}");
    }
    assert!(!text.contains("第一联"));
    // A receipt of two lines is one form of three.
    let a = store.receipt(n).unwrap().address.unwrap();
    let u = store.unit_at(a).unwrap().unwrap().id;
    let lines = vec![
        fixture_bill_line(&store, u, "LJF", "2026-11", 1_000),
        fixture_bill_line(&store, u, "LJF", "2026-12", 1_000),
    ];
    signs_in(&mut store, "周静");
    let small = store
        .take_payment(
            &Payment {
                unit: u,
                lines,
                method: PayMethod::Alipay,
                tendered: None,
                prepay: Fen(0),
                payer: String::new(),
                note: String::new(),
            },
            &by("周静", at(29, 11, 0)),
        )
        .unwrap();
    let pdf = print(&store, &PrintJob::Receipt(small));
    assert_eq!(page_sizes(&pdf), vec![(241.0, 93.0)]);
    let text = extract_text(&pdf).unwrap();
    assert!(
        text.contains("¥20.00　人民币贰拾元整") && text.contains("支付宝"),
        "{text}"
    );
}

#[test]
fn the_repair_slip_and_the_pass_follow_the_copy_mode() {
    let (_d, mut store) = temp_store();
    let a4 = print(&store, &PrintJob::RepairSlip(None));
    let text = extract_text(&a4).unwrap();
    for label in REPAIR_SLIP_COPIES {
        assert!(text.contains(label));
    }
    set_mode(&mut store, CopyMode::DotMatrixHalf);
    let slip = print(&store, &PrintJob::RepairSlip(None));
    let sizes = page_sizes(&slip);
    assert!(sizes.iter().all(|&s| s == (241.0, 140.0)), "{sizes:?}");
    let text = extract_text(&slip).unwrap();
    assert!(
        text.contains("维修单") && text.contains("回访人签字"),
        "{text}"
    );
    for label in REPAIR_SLIP_COPIES {
        assert!(!text.contains(label));
    }
    let pass = ItemPass {
        kind: ApplicantKind::Owner,
        unit: UnitAddress::parse("3-2-1502").ok(),
        applicant: "王建国".into(),
        phone: Mobile::parse("13812345678").unwrap(),
        authorisation: String::new(),
        certificate_issuer: String::new(),
        certificate: String::new(),
        items: vec![PassItem {
            name: "沙发".into(),
            quantity: 1,
            note: String::new(),
        }],
        reason: PassReason::MovingOut,
        reason_note: String::new(),
        vehicle: None,
        planned: at(29, 0, 0).date(),
    };
    store.add_unit(&unit("3-2-1502"), &clerk()).unwrap();
    let (id, number) = store.add_item_pass(&pass, &clerk()).unwrap();
    let record = store.item_pass(id).unwrap();
    let pdf = print(&store, &PrintJob::ReleasePass(number));
    let sizes = page_sizes(&pdf);
    assert!(sizes.iter().all(|&s| s == (241.0, 140.0)), "{sizes:?}");
    let text = extract_text(&pdf).unwrap();
    assert!(
        text.contains("沙发") && text.contains("138****5678"),
        "{text}"
    );
    for label in PASS_COPIES {
        assert!(!text.contains(label));
    }
    let a5 = wuye_desk::forms::release_pass(&office(), &record).unwrap();
    assert_eq!(page_sizes(&a5), vec![(148.0, 210.0); 2]);
}

#[test]
fn a_voided_receipt_reprints_with_void_across_it_and_the_reason() {
    let (_d, mut store, n) = paid();
    signs_in(&mut store, "刘洋");
    store
        .void_receipt(n, "金额收错，重新开具", &by("刘洋", at(29, 11, 0)))
        .unwrap();
    let pdf = print(&store, &PrintJob::Receipt(n));
    let text = extract_text(&pdf).unwrap();
    assert!(text.contains("金额收错，重新开具"), "{text}");
    assert!(text.contains("刘洋 作废"), "{text}");
    // The stamp on each of the three pages, beside the row naming the void.
    assert!(text.matches("作废").count() >= 6, "{text}");
    assert!(
        text.contains("人民币壹仟肆佰零玖元伍角"),
        "the amount stays legible"
    );
}

#[test]
fn the_cashiers_day_pdf_has_the_receipts_the_totals_the_voids_and_the_signatures() {
    let (_d, mut store, n) = paid();
    let a = store.receipt(n).unwrap().address.unwrap();
    let u = store.unit_at(a).unwrap().unwrap().id;
    let line = fixture_bill_line(&store, u, "LJF", "2026-11", 1_000);
    signs_in(&mut store, "周静");
    let second = store
        .take_payment(
            &Payment {
                unit: u,
                lines: vec![line],
                method: PayMethod::WeChat,
                tendered: None,
                prepay: Fen(20_000),
                payer: "李娜".into(),
                note: String::new(),
            },
            &by("周静", at(29, 15, 0)),
        )
        .unwrap();
    signs_in(&mut store, "刘洋");
    store
        .void_receipt(second, "付款方式选错", &by("刘洋", at(29, 16, 0)))
        .unwrap();
    let job = PrintJob::parse(&PrintArgs {
        form: "cashier-day".into(),
        key: Some("2026-11-29".into()),
        ..PrintArgs::default()
    })
    .unwrap();
    assert_eq!(job.file_name(), "收费日报-2026-11-29.pdf");
    let text = extract_text(&print(&store, &job)).unwrap();
    for want in [
        "锦绣花园 收费日报",
        "2026年11月29日",
        "SJ-202611-0001",
        "SJ-202611-0002",
        "3号楼2单元1502室",
        "李娜",
        "作废",
        "付款方式选错",
        "物业管理服务费",
        "1200.00",
        "¥1,409.50",
        "人民币壹仟肆佰零玖元伍角",
        "收费员",
        "财务",
        "主管",
    ] {
        assert!(text.contains(want), "missing {want} in\n{text}");
    }
}
