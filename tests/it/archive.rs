//! The month-end archive on the one-year demo estate: files per source, checksums, a register
//! read back, a form's text, determinism, verify, cancel. Two full builds in all (the demo's
//! month is ~1,900 files once every tab files its month); the rest runs on an empty estate.

use std::collections::BTreeMap;
use std::io::Cursor;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};

use calamine::{Data, Reader};
use sha2::{Digest, Sha256};
use wuye_desk::archive::{self, ArchiveError, Problem, SOURCES};
use wuye_desk::domain::Month;
use wuye_desk::store::Store;

use crate::common::demo_year::demo_year;

/// Last month, which the demo year (built up to today) has filled.
fn last_month() -> Month {
    Month::of(wuye_desk::domain::date::now_local().date()).prev()
}

fn build(store: &Store, month: Month, out: &Path) -> archive::Archived {
    let never = AtomicBool::new(false);
    archive::build(store, month, out, &mut |_| {}, &never).expect("archive")
}

/// Every file under `dir` with its bytes.
fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    archive::pack::list_files(dir)
        .expect("list")
        .into_iter()
        .map(|rel| {
            let bytes = std::fs::read(dir.join(&rel)).expect("read");
            (rel, bytes)
        })
        .collect()
}

#[test]
fn archive_holds_every_source_the_same_bytes_twice_and_verify_names_damage() {
    let (_dir, db) = demo_year();
    let store = Store::open(&db).expect("open");
    let month = last_month();
    let out = tempfile::tempdir().expect("out");
    let mut seen = Vec::new();
    let never = AtomicBool::new(false);
    let made = archive::build(
        &store,
        month,
        out.path(),
        &mut |p| seen.push((p.done, p.total)),
        &never,
    )
    .expect("archive");
    assert_eq!(
        made.folder,
        out.path().join(format!("物业客服台归档-锦华苑-{month}"))
    );
    assert!(made.zip.is_file());
    let total = seen.last().expect("progress").1;
    assert_eq!(
        seen.last(),
        Some(&(total, total)),
        "progress ends at the total"
    );
    assert!(
        seen.windows(2).all(|w| w[0].0 < w[1].0),
        "progress moves file by file"
    );

    let got = files(&made.folder);
    for source in SOURCES {
        for book in (source.workbooks)(&store, month).expect("workbooks") {
            assert!(got.contains_key(&format!("登记表/{}-{month}.xlsx", book.name)));
        }
        for job in (source.forms)(&store, month).expect("forms") {
            assert!(got.contains_key(&format!("表单/{}/{}", source.tab, job.file_name())));
        }
    }
    // Every file but the list itself is listed, with its true SHA-256.
    let list = String::from_utf8(got["SHA256SUMS"].clone()).expect("utf-8");
    assert_eq!(list.lines().count(), got.len() - 1);
    for line in list.lines() {
        let (sum, path) = line.split_once("  ").expect("two spaces");
        let hex: String = Sha256::digest(&got[path])
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        assert_eq!(sum, hex, "{path}");
    }
    assert!(String::from_utf8_lossy(&got["说明.txt"]).contains("sha256sum -c SHA256SUMS"));

    // The key register reads back with its Chinese headers and one row per loan.
    let xlsx = &got[&format!("登记表/钥匙登记-{month}.xlsx")];
    let mut book = calamine::Xlsx::new(Cursor::new(xlsx.as_slice())).expect("xlsx");
    let loans = book.worksheet_range("钥匙借用").expect("sheet");
    assert_eq!(loans.get((0, 0)), Some(&Data::String("钥匙编号".into())));
    let count = store.loans_of_month(month).expect("loans").len();
    assert!(count > 0, "the demo lends keys every month");
    assert_eq!(loans.height(), count + 1);
    assert!(
        matches!(loans.get((1, 7)), Some(Data::DateTime(_))),
        "借出时间 is a date"
    );

    let pdf = &got[&format!("表单/钥匙管理/钥匙借用登记表-{month}.pdf")];
    let text = wuye_desk::forms::extract_text(pdf).expect("text");
    assert!(text.contains("钥匙借用登记表"), "{text}");

    // Determinism: the same month again, into another folder, gives the same bytes everywhere.
    let other = tempfile::tempdir().expect("other");
    let second = build(&store, month, other.path());
    let again = files(&second.folder);
    assert_eq!(
        got.keys().collect::<Vec<_>>(),
        again.keys().collect::<Vec<_>>()
    );
    for (name, bytes) in &got {
        assert!(bytes == &again[name], "{name} differs between two runs");
    }
    assert_eq!(made.digest, second.digest);
    let zip = |p: &Path| std::fs::read(p).expect("zip");
    assert!(
        zip(&made.zip) == zip(&second.zip),
        "the .zip differs between two runs"
    );

    // verify: the folder and the .zip are whole; a changed byte and a missing file are named.
    let report = archive::verify(&made.folder).expect("verify");
    assert!(report.problems.is_empty(), "{:?}", report.problems);
    assert_eq!(report.ok, got.len() - 1);
    let zipped = archive::verify(&made.zip).expect("verify zip");
    assert!(zipped.problems.is_empty(), "{:?}", zipped.problems);
    assert_eq!(zipped.ok, report.ok);

    let changed = format!("表单/钥匙管理/钥匙发放登记表-{month}.pdf");
    let mut bytes = got[&changed].clone();
    let middle = bytes.len() / 2;
    bytes[middle] ^= 1;
    std::fs::write(made.folder.join(&changed), bytes).expect("change");
    let gone = format!("登记表/钥匙登记-{month}.xlsx");
    std::fs::remove_file(made.folder.join(&gone)).expect("remove");
    std::fs::write(made.folder.join("extra.txt"), "x").expect("extra");
    let report = archive::verify(&made.folder).expect("verify");
    assert!(
        report.problems.contains(&Problem::Changed(changed)),
        "{:?}",
        report.problems
    );
    assert!(report.problems.contains(&Problem::Missing(gone)));
    assert!(
        report
            .problems
            .contains(&Problem::Unlisted("extra.txt".into()))
    );
    assert_eq!(report.problems.len(), 3);
}

#[test]
fn archiving_again_replaces_the_folder_and_leaves_nothing_else() {
    // An estate with no records: every source still files its (empty) registers, quickly.
    let (_dir, store) = crate::common::staffed_store();
    let month = Month::new(2026, 11).unwrap();
    let out = tempfile::tempdir().expect("out");
    let first = build(&store, month, out.path());
    let again = build(&store, month, out.path());
    assert_eq!(again.digest, first.digest);
    assert_eq!(again.folder, first.folder);
    let mut beside: Vec<String> = std::fs::read_dir(out.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    beside.sort();
    assert_eq!(
        beside,
        [
            "物业客服台归档-未命名小区-2026-11",
            "物业客服台归档-未命名小区-2026-11.zip"
        ]
    );
    assert!(
        archive::verify(&again.zip)
            .expect("verify")
            .problems
            .is_empty()
    );

    // `wuye-desk archive verify`: exit 0 on the whole archive, 1 naming a changed file.
    let verify = |path: &Path| {
        std::process::Command::new(env!("CARGO_BIN_EXE_wuye-desk"))
            .args(["archive", "verify"])
            .arg(path)
            .output()
            .expect("run")
    };
    assert!(verify(&again.folder).status.success());
    std::fs::write(again.folder.join("说明.txt"), "改过").expect("change");
    let out = verify(&again.folder);
    assert_eq!(out.status.code(), Some(1));
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("已被改动：说明.txt"), "{said}");
}

#[test]
fn cancel_leaves_nothing_behind() {
    let (_dir, db) = demo_year();
    let store = Store::open(&db).expect("open");
    let out = tempfile::tempdir().expect("out");
    let cancel = AtomicBool::new(false);
    let mut calls = 0;
    let result = archive::build(
        &store,
        last_month(),
        out.path(),
        &mut |_| {
            calls += 1;
            if calls == 2 {
                cancel.store(true, Ordering::Relaxed);
            }
        },
        &cancel,
    );
    assert!(matches!(result, Err(ArchiveError::Cancelled)), "{result:?}");
    // Each of the two workers stops before its next file; one in hand may still finish.
    assert!(calls <= 4, "stopped at the next file, not after {calls}");
    assert_eq!(
        std::fs::read_dir(out.path()).unwrap().count(),
        0,
        "nothing left behind"
    );
}
