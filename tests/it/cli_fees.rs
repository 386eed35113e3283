//! `wuye-desk fees export-bank` and `fees import-bank` on a file, signed in as the cashier:
//! the request file written, a result file with a bad row refused with the row named (exit 1,
//! nothing written), the good file paid, the same file refused the second time.

use std::path::Path;
use std::process::{Command, Output};

use crate::common::fees::{
    agree, db_file, insert_bill_lines_fixture, open_line_count, receipt_count,
};
use crate::common::november::store_with_units;
use crate::common::{PIN, signs_in};

fn fees(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_wuye-desk"))
        .args(["--db", db.to_str().unwrap(), "fees"])
        .args(args)
        .env("WUYE_PIN", PIN)
        .output()
        .unwrap()
}

fn says(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

#[test]
fn export_then_import_the_banks_files_from_the_command_line() {
    let (dir, mut store) = store_with_units();
    let db = db_file(&dir);
    insert_bill_lines_fixture(&db, "3-2-1502", "WYF", &["2026-11"], 13_425);
    agree(&mut store, "3-2-1502", "王建国", "6222021234567890123");
    signs_in(&mut store, "周静");
    drop(store);

    let xlsx = dir.path().join("代扣-2026-11.xlsx");
    let out = fees(
        &db,
        &[
            "export-bank",
            "--month",
            "2026-11",
            "--out",
            xlsx.to_str().unwrap(),
            "--user",
            "周静",
        ],
    );
    assert!(out.status.success(), "{}", says(&out));
    assert!(
        says(&out).contains("1 户") && says(&out).contains("¥134.25"),
        "{}",
        says(&out)
    );
    assert!(xlsx.exists());

    // No one named: refused before anything is read from the PIN.
    let out = fees(
        &db,
        &["export-bank", "--month", "2026-12", "--out", "x.xlsx"],
    );
    assert!(!out.status.success());
    assert!(says(&out).contains("--user"), "{}", says(&out));

    let bad = dir.path().join("回盘-坏.csv");
    std::fs::write(
        &bad,
        "房号,户名,账号,金额,扣款结果\n3-2-1502,王建国,6222021234567890123,134.25,成功\n3-2-1503,李四,6222021234567890124,10.00,成功\n",
    )
    .unwrap();
    let out = fees(
        &db,
        &["import-bank", bad.to_str().unwrap(), "--user", "周静"],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        says(&out).contains("第3行") && says(&out).contains("房号不存在"),
        "{}",
        says(&out)
    );
    assert_eq!(open_line_count(&db, "3-2-1502"), 1, "nothing paid");

    let good = dir.path().join("回盘.csv");
    std::fs::write(
        &good,
        "房号,户名,账号,金额,扣款结果\n3-2-1502,王建国,6222021234567890123,134.25,成功\n",
    )
    .unwrap();
    let out = fees(
        &db,
        &["import-bank", good.to_str().unwrap(), "--user", "周静"],
    );
    assert!(out.status.success(), "{}", says(&out));
    assert!(says(&out).contains("扣款成功 1 户"), "{}", says(&out));
    assert_eq!(open_line_count(&db, "3-2-1502"), 0);
    let out = fees(
        &db,
        &["import-bank", good.to_str().unwrap(), "--user", "周静"],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(says(&out).contains("已经导入过"), "{}", says(&out));
    assert_eq!(receipt_count(&db, "bank_debit"), 1);
}
