//! 银行代扣 on a real SQLite file: agreements (masked, one active), the request file read back
//! with calamine, and the bank's result file: bad rows named, all or nothing, receipts for the
//! paid rows, failed rows still owing, the same file never paid twice, GBK CSV.

use std::path::Path;

use calamine::{Data, Reader, Xlsx};
use wuye_desk::domain::bank_account::mask_account;
use wuye_desk::domain::{Fen, Month, UnitAddress};
use wuye_desk::import::bank::{BankFile, parse_bank_results, write_debit_requests};
use wuye_desk::store::{AuditFilter, Store, StoreError};

use crate::common::fees::{
    agree, db_file, insert_bill_lines_fixture, open_line_count, receipt_count,
};
use crate::common::november::{nov, store_with_units};
use crate::common::{clerk, signs_in};

const ACCOUNT_1502: &str = "6222021234567890123";
const ACCOUNT_0301: &str = "6217000011112222";

/// 3-2-1502 owes October and November (¥134.25 each), 5-1-0301 owes November (¥50.00) and
/// December (not yet asked for in November); both signed up; the cashier 周静 at the desk.
fn estate() -> (tempfile::TempDir, Store) {
    let (dir, mut store) = store_with_units();
    let db = db_file(&dir);
    insert_bill_lines_fixture(&db, "3-2-1502", "WYF", &["2026-10", "2026-11"], 13_425);
    insert_bill_lines_fixture(&db, "5-1-0301", "LJF", &["2026-11", "2026-12"], 5_000);
    agree(&mut store, "3-2-1502", "王建国", "6222 0212 3456 7890 123");
    agree(&mut store, "5-1-0301", "赵六", ACCOUNT_0301);
    signs_in(&mut store, "周静");
    (dir, store)
}

fn result_csv(rows: &[&str]) -> String {
    let mut s = String::from("房号,户名,账号,金额,扣款结果,扣款日期,失败原因\n");
    for r in rows {
        s.push_str(r);
        s.push('\n');
    }
    s
}

fn read(name: &str, text: &str) -> BankFile {
    parse_bank_results(name, text.as_bytes(), true).expect("readable")
}

fn good_1502() -> String {
    format!("3-2-1502,王建国,{ACCOUNT_1502},268.50,成功,2026-11-25,")
}

fn failed_0301() -> String {
    format!("5-1-0301,赵六,{ACCOUNT_0301},50.00,失败,2026-11-25,余额不足")
}

#[test]
fn an_agreement_is_kept_in_full_shown_masked_and_only_one_is_active() {
    let (_dir, mut store) = store_with_units();
    agree(&mut store, "3-2-1502", "王建国", "6222 0212 3456 7890 123");
    let unit = store
        .unit_at(UnitAddress::parse("3-2-1502").unwrap())
        .unwrap()
        .unwrap()
        .id;
    let a = store.bank_agreement(unit).unwrap().unwrap();
    assert_eq!(a.account, ACCOUNT_1502, "stored in full, spaces removed");
    assert_eq!(mask_account(&a.account), "6222 **** **** 0123");

    agree(&mut store, "3-2-1502", "王建国", "6217 0000 9999 8888");
    let all = store.bank_agreements().unwrap();
    assert_eq!(all.len(), 2);
    assert!(
        all[0].ended_on.is_none() && all[1].ended_on.is_some(),
        "the old one ended"
    );
    assert_eq!(
        store.bank_agreement(unit).unwrap().unwrap().account,
        "6217000099998888"
    );

    let mut bad = a.clone();
    bad.account = "1234 567".into();
    let e = store.save_bank_agreement(&bad, &clerk()).unwrap_err();
    assert!(e.to_string().contains("8 到 30 位"), "{e}");
    bad.account = ACCOUNT_1502.into();
    bad.holder = " ".into();
    assert!(store.save_bank_agreement(&bad, &clerk()).is_err());

    // The log names the agreement but never the full number.
    let log = store.audit_log(&AuditFilter::default(), 0, 50).unwrap();
    let text: String = log
        .rows
        .iter()
        .map(|r| format!("{} {:?} {:?}", r.what, r.before, r.after))
        .collect();
    assert!(text.contains("签订银行代扣协议"), "{text}");
    assert!(text.contains("6222 **** **** 0123"), "{text}");
    assert!(!text.contains(ACCOUNT_1502) && !text.contains("6217000099998888"));
}

#[test]
fn the_request_file_has_the_full_account_as_text_and_the_amount_in_yuan() {
    let (dir, mut store) = estate();
    let rows = store.debit_requests(nov()).unwrap();
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0].address.short(), "3-2-1502");
    assert_eq!(rows[0].amount, Fen(26_850));
    assert_eq!(
        rows[1].amount,
        Fen(5_000),
        "December is not asked for in November"
    );

    let exported = store.export_debit_requests(nov(), &clerk()).unwrap();
    assert_eq!(exported, rows);
    // What the bank has is not asked for again.
    assert!(store.debit_requests(nov()).unwrap().is_empty());
    let e = store.export_debit_requests(nov(), &clerk()).unwrap_err();
    assert!(e.to_string().contains("银行处理中"), "{e}");

    let file = dir.path().join("代扣申请.xlsx");
    write_debit_requests(&file, nov(), &exported).unwrap();
    let mut book: Xlsx<_> = calamine::open_workbook(&file).unwrap();
    let sheet = book.worksheets().remove(0).1;
    let cell = |r: u32, c: u32| sheet.get_value((r, c)).cloned().unwrap_or(Data::Empty);
    let header: Vec<Data> = (0..4).map(|c| cell(0, c)).collect();
    assert_eq!(
        header,
        ["房号", "户名", "账号", "金额"].map(|h| Data::String(h.into()))
    );
    assert_eq!(cell(1, 0), Data::String("3-2-1502".into()));
    assert_eq!(cell(1, 1), Data::String("王建国".into()));
    assert_eq!(
        cell(1, 2),
        Data::String(ACCOUNT_1502.into()),
        "text, all digits"
    );
    assert_eq!(cell(1, 3), Data::Float(268.5));
    assert_eq!(cell(2, 2), Data::String(ACCOUNT_0301.into()));
}

#[test]
fn one_bad_row_is_named_and_nothing_is_paid() {
    let (dir, mut store) = estate();
    store.export_debit_requests(nov(), &clerk()).unwrap();
    let db = db_file(&dir);
    let text = result_csv(&[
        &good_1502(),
        &format!("9-9-0909,钱七,{ACCOUNT_0301},50.00,成功,2026-11-25,"),
        "5-1-0301,赵六,6217000011113333,50.00,成功,2026-11-25,",
        &format!("5-1-0301,赵六,{ACCOUNT_0301},51.00,成功,2026-11-25,"),
    ]);
    let file = read("回盘-11月.csv", &text);
    assert!(file.problems.is_empty(), "{:?}", file.problems);
    let preview = store
        .preview_bank_results(&file.sha256, &file.rows)
        .unwrap();
    let rows: Vec<usize> = preview.problems.iter().map(|(r, _)| *r).collect();
    assert_eq!(rows, [3, 4, 5], "{:?}", preview.problems);
    assert!(preview.problems[0].1.contains("房号不存在"));
    assert!(preview.problems[1].1.contains("账号与协议不符"));
    assert!(
        !preview.problems[1].1.contains("6217000011113333"),
        "masked"
    );
    assert!(preview.problems[2].1.contains("金额与代扣申请不符"));

    let e = store
        .import_bank_results(&file.file_name, &file.sha256, &file.rows, &clerk())
        .unwrap_err();
    assert!(matches!(e, StoreError::Conflict(_)));
    assert!(e.to_string().contains("第3行") && e.to_string().contains("没有导入任何数据"));
    assert_eq!(
        open_line_count(&db, "3-2-1502"),
        2,
        "the good row was not paid either"
    );
    assert_eq!(receipt_count(&db, "bank_debit"), 0);
}

#[test]
fn paid_rows_get_receipts_failed_rows_stay_owing_and_a_file_is_taken_once() {
    let (dir, mut store) = estate();
    store.export_debit_requests(nov(), &clerk()).unwrap();
    let db = db_file(&dir);
    let file = read(
        "回盘-11月.csv",
        &result_csv(&[&good_1502(), &failed_0301()]),
    );
    let preview = store
        .preview_bank_results(&file.sha256, &file.rows)
        .unwrap();
    assert_eq!((preview.paid, preview.failed), (1, 1));
    assert_eq!(
        open_line_count(&db, "3-2-1502"),
        2,
        "a preview writes nothing"
    );

    let s = store
        .import_bank_results(&file.file_name, &file.sha256, &file.rows, &clerk())
        .unwrap();
    assert_eq!(
        (s.paid, s.paid_fen, s.failed, s.already),
        (1, Fen(26_850), 1, 0)
    );
    assert_eq!(open_line_count(&db, "3-2-1502"), 0, "both months paid");
    assert_eq!(
        open_line_count(&db, "5-1-0301"),
        2,
        "the failed debit still owes"
    );
    assert_eq!(receipt_count(&db, "bank_debit"), 1);
    let conn = rusqlite::Connection::open(&db).unwrap();
    let (note, total, batch): (String, i64, Option<i64>) = conn
        .query_row(
            "SELECT note, total_fen, bank_batch FROM receipts WHERE method = 'bank_debit'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    assert_eq!((note.as_str(), total), ("银行代扣 回盘-11月.csv", 26_850));
    assert!(batch.is_some());

    // The same file again is refused, clearly; nothing is paid twice.
    let e = store
        .preview_bank_results(&file.sha256, &file.rows)
        .unwrap_err();
    assert!(e.to_string().contains("已经导入过"), "{e}");
    assert!(
        store
            .import_bank_results(&file.file_name, &file.sha256, &file.rows, &clerk())
            .is_err()
    );
    // The same rows in another file (re-saved by the bank) are counted as already done.
    let again = read(
        "回盘-11月-重发.csv",
        &result_csv(&[&good_1502(), &failed_0301(), ""]).replace("失败原因", "备注"),
    );
    let s = store
        .import_bank_results(&again.file_name, &again.sha256, &again.rows, &clerk())
        .unwrap();
    assert_eq!((s.paid, s.failed, s.already), (0, 0, 2));
    assert_eq!(receipt_count(&db, "bank_debit"), 1);

    // The failed unit's lines are asked for again next time.
    let next = store.debit_requests(Month::new(2026, 12).unwrap()).unwrap();
    assert_eq!(next.len(), 1);
    assert_eq!(next[0].amount, Fen(10_000));
}

#[test]
fn a_gbk_csv_from_the_bank_reads_by_its_chinese_headers() {
    let (_dir, mut store) = estate();
    store.export_debit_requests(nov(), &clerk()).unwrap();
    let text = format!(
        "代扣回盘明细\n序号,房屋编号,账户名称,银行卡号,扣款金额(元),处理结果,交易日期,备注\n1,3-2-1502,王建国,{ACCOUNT_1502},268.5,扣款成功,20261125,\n"
    );
    let (bytes, _, _) = encoding_rs::GBK.encode(&text);
    assert!(std::str::from_utf8(&bytes).is_err(), "really GBK");
    let file = parse_bank_results("gbk.csv", &bytes, true).unwrap();
    assert!(file.problems.is_empty(), "{:?}", file.problems);
    assert_eq!(file.rows.len(), 1);
    assert_eq!(file.rows[0].row, 3);
    assert_eq!(file.rows[0].holder, "王建国");
    let s = store
        .import_bank_results(&file.file_name, &file.sha256, &file.rows, &clerk())
        .unwrap();
    assert_eq!(s.paid, 1);
}

/// The request file written by the desk comes back from the bank with two columns added.
#[test]
fn an_xlsx_result_file_reads_like_the_csv() {
    let (dir, mut store) = estate();
    let rows = store.export_debit_requests(nov(), &clerk()).unwrap();
    let path = dir.path().join("回盘.xlsx");
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (c, h) in ["房号", "户名", "账号", "金额", "扣款结果", "失败原因"]
        .iter()
        .enumerate()
    {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    for (i, r) in rows.iter().enumerate() {
        let row = i as u32 + 1;
        sheet.write_string(row, 0, r.address.short()).unwrap();
        sheet.write_string(row, 1, &r.holder).unwrap();
        sheet.write_string(row, 2, &r.account).unwrap();
        sheet
            .write_number(row, 3, r.amount.0 as f64 / 100.0)
            .unwrap();
        sheet
            .write_string(row, 4, if i == 0 { "成功" } else { "失败" })
            .unwrap();
    }
    book.save(&path).unwrap();
    let file = wuye_desk::import::bank::read_bank_results(Path::new(&path)).unwrap();
    assert!(file.problems.is_empty(), "{:?}", file.problems);
    let s = store
        .import_bank_results(&file.file_name, &file.sha256, &file.rows, &clerk())
        .unwrap();
    assert_eq!((s.paid, s.failed), (1, 1));
}
