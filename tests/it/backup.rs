//! Backups in the store: the online backup (verified, named by its time, taken while the desk
//! writes), thinning by date, verify, restore with the current file kept aside, the backup
//! settings, and the exit checkpoint.

use std::path::{Path, PathBuf};

use chrono::{Duration, NaiveDate, NaiveDateTime};
use rusqlite::Connection;
use wuye_desk::domain::backup::BackupSettings;
use wuye_desk::domain::staff::Role;
use wuye_desk::store::{self, AuditFilter, Store, StoreError};

use crate::common::{clerk, sign_in_as, temp_store, unit};

fn noon() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 12, 1)
        .and_then(|d| d.and_hms_opt(12, 0, 0))
        .unwrap()
}

fn units_in(path: &Path) -> i64 {
    Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
        .unwrap()
        .query_row("SELECT count(*) FROM units", [], |r| r.get(0))
        .unwrap()
}

fn names_in(folder: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(folder)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

#[test]
fn a_backup_is_verified_named_by_its_time_and_holds_what_the_wal_holds() {
    let (dir, mut store) = temp_store();
    store.add_unit(&unit("3-2-1502"), &clerk()).unwrap();
    // The unit is in the WAL, not yet in the database file: a copy of the file would miss it.
    let folder = store::default_backup_folder(store.path());
    assert_eq!(folder, dir.path().join("备份"));
    let info = store.back_up(&folder, noon()).unwrap();
    assert_eq!(info.path, folder.join("desk-20261201-120000.sqlite3"));
    assert!(info.verified);
    assert_eq!(info.bytes, std::fs::metadata(&info.path).unwrap().len());
    assert_eq!(units_in(&info.path), 1);
    assert_eq!(
        store::verify_backup(&info.path).unwrap(),
        Vec::<String>::new()
    );
    // One self-contained file: no -wal beside it, and nothing partial left.
    assert_eq!(names_in(&folder), vec!["desk-20261201-120000.sqlite3"]);
    assert_eq!(
        store::list_backups(store.path(), &folder).unwrap(),
        vec![info]
    );
}

#[test]
fn a_backup_runs_on_another_thread_while_the_desk_writes() {
    let (dir, mut store) = temp_store();
    let db = store.path().to_path_buf();
    let folder = dir.path().join("备份");
    let worker = std::thread::spawn(move || store::back_up(&db, &folder, noon()));
    for n in 1..=20 {
        store
            .add_unit(&unit(&format!("3-2-{:04}", 1500 + n)), &clerk())
            .unwrap();
    }
    let info = worker.join().unwrap().unwrap();
    assert!(info.verified);
    // A consistent snapshot: some of the units, never a broken file.
    assert!((0..=20).contains(&units_in(&info.path)));
    assert_eq!(store.unit_count().unwrap(), 20);
}

#[test]
fn thinning_by_date_deletes_only_this_databases_old_backups() {
    let (dir, store) = temp_store();
    let folder = dir.path().join("备份");
    let first = store.back_up(&folder, noon()).unwrap();
    let now = noon() + Duration::days(20);
    let at = |days: i64, hour: u32| {
        (now.date() - Duration::days(days))
            .and_hms_opt(hour, 0, 0)
            .unwrap()
            .format("%Y%m%d-%H%M%S")
            .to_string()
    };
    let ours = [
        format!("desk-{}.sqlite3", at(0, 8)),             // today: kept
        format!("desk-{}.sqlite3", at(1, 8)),             // yesterday, older: goes
        format!("desk-{}.sqlite3", at(1, 18)),            // yesterday's newest: kept
        format!("desk-{}.sqlite3", at(3, 9)),             // the only one that day: kept
        format!("desk-{}.sqlite3", at(400, 9)),           // older than a year: goes
        format!("desk-{}-unverified.sqlite3", at(30, 9)), // unverified, old: goes
    ];
    for name in &ours {
        std::fs::copy(&first.path, folder.join(name)).unwrap();
    }
    let others = [
        "notes.txt".to_string(),
        "other-20200101-000000.sqlite3".to_string(),
        "desk-2-20200101-000000.sqlite3".to_string(),
        format!("desk-{}.sqlite3.partial", at(0, 11)), // may be running: kept
    ];
    for name in &others {
        std::fs::write(folder.join(name), b"x").unwrap();
    }
    std::fs::write(
        folder.join(format!("desk-{}.sqlite3.partial", at(2, 9))),
        b"x",
    )
    .unwrap();
    let deleted = store::backup::thin(store.path(), &folder, now).unwrap();
    let left = names_in(&folder);
    // The first backup (20 days back, the newest of its week) stays too.
    let mut want: Vec<String> = vec![
        first
            .path
            .file_name()
            .unwrap()
            .to_string_lossy()
            .into_owned(),
        ours[0].clone(),
        ours[2].clone(),
        ours[3].clone(),
    ];
    want.extend(others.iter().cloned());
    want.sort();
    assert_eq!(left, want);
    assert_eq!(deleted, 4);
}

#[test]
fn a_damaged_backup_fails_its_check_and_is_not_restored() {
    let (dir, mut store) = temp_store();
    store.add_unit(&unit("3-2-1502"), &clerk()).unwrap();
    let folder = dir.path().join("备份");
    let good = store.back_up(&folder, noon()).unwrap();
    // Bytes flipped across the file's pages after the first.
    let damaged = dir.path().join("damaged.sqlite3");
    let mut bytes = std::fs::read(&good.path).unwrap();
    for i in (4096..bytes.len()).step_by(97) {
        bytes[i] ^= 0x5a;
    }
    std::fs::write(&damaged, &bytes).unwrap();
    assert!(!store::verify_backup(&damaged).unwrap().is_empty());
    let not_ours = dir.path().join("plain.sqlite3");
    Connection::open(&not_ours)
        .unwrap()
        .execute_batch("CREATE TABLE t (x)")
        .unwrap();
    assert_eq!(
        store::verify_backup(&not_ours).unwrap(),
        vec!["不是客服台的数据库文件"]
    );
    assert!(store::verify_backup(&dir.path().join("missing.sqlite3")).is_err());

    let db = store.path().to_path_buf();
    drop(store);
    let before = std::fs::read(&db).unwrap();
    let refused = store::restore_backup(&damaged, &db, noon()).unwrap_err();
    assert!(refused.to_string().contains("校验未通过"), "{refused}");
    assert_eq!(
        std::fs::read(&db).unwrap(),
        before,
        "the database is as it was"
    );
    assert!(!with_suffix(&db, ".before-restore-20261201-1200").exists());
}

#[test]
fn restore_keeps_the_current_file_aside_with_its_wal_and_the_backup_stays() {
    let (dir, mut store) = temp_store();
    store.add_unit(&unit("3-2-1502"), &clerk()).unwrap();
    let folder = dir.path().join("备份");
    let backup = store.back_up(&folder, noon()).unwrap();
    store.add_unit(&unit("3-2-1503"), &clerk()).unwrap();
    let db = store.path().to_path_buf();
    // A desk that died: its last unit only in the -wal beside the file.
    std::mem::forget(store);
    assert!(with_suffix(&db, "-wal").metadata().unwrap().len() > 0);

    let later = noon() + Duration::minutes(30);
    let aside = store::restore_backup(&backup.path, &db, later).unwrap();
    assert_eq!(aside, with_suffix(&db, ".before-restore-20261201-1230"));
    assert!(
        with_suffix(&aside, "-wal").exists(),
        "the -wal went with it"
    );
    assert!(!with_suffix(&db, "-wal").exists());
    // Nothing lost: the file kept aside opens with both units; the restored one has the first.
    assert_eq!(units_in(&aside), 2);
    assert_eq!(units_in(&db), 1);
    assert!(backup.path.exists(), "the backup stays a backup");
    let reopened = Store::open(&db).unwrap();
    assert_eq!(reopened.check().unwrap(), Vec::<String>::new());
    drop(reopened);
    // A second restore in the same minute keeps the first file aside under its own name.
    let again = store::restore_backup(&backup.path, &db, later).unwrap();
    assert_eq!(again, with_suffix(&db, ".before-restore-20261201-1230-2"));
    assert!(aside.exists());
}

#[test]
fn only_the_supervisor_restores_and_the_store_reopens_on_the_restored_file() {
    let (dir, mut store) = temp_store();
    store.add_unit(&unit("3-2-1502"), &clerk()).unwrap();
    let backup = store.back_up(&dir.path().join("备份"), noon()).unwrap();
    store.add_unit(&unit("3-2-1503"), &clerk()).unwrap();
    sign_in_as(&mut store, "张敏", Role::Receptionist);
    let mut rec = clerk();
    rec.at = noon();
    let refused = store.restore_from(&backup.path, &rec).unwrap_err();
    assert!(
        matches!(refused, StoreError::NeedsCountersign { .. }),
        "{refused}"
    );
    assert_eq!(store.unit_count().unwrap(), 2, "nothing changed");
    sign_in_as(&mut store, crate::common::SUPERVISOR, Role::Supervisor);
    let aside = store.restore_from(&backup.path, &rec).unwrap();
    assert!(aside.exists());
    assert_eq!(store.unit_count().unwrap(), 1);
    assert!(store.signed_in().is_none(), "everyone signs in again");
    assert_eq!(store.path(), dir.path().join("desk.sqlite3"));
}

#[test]
fn the_exit_checkpoint_leaves_one_self_contained_file() {
    let (dir, mut store) = temp_store();
    store.add_unit(&unit("3-2-1502"), &clerk()).unwrap();
    let db = store.path().to_path_buf();
    let wal = with_suffix(&db, "-wal");
    assert!(wal.metadata().unwrap().len() > 0);
    store.close_checkpoint().unwrap();
    assert_eq!(wal.metadata().map_or(0, |m| m.len()), 0, "the log is empty");
    // The main file alone, copied elsewhere without its -wal or -shm, has everything.
    let alone = dir.path().join("alone");
    std::fs::create_dir(&alone).unwrap();
    std::fs::copy(&db, alone.join("desk.sqlite3")).unwrap();
    std::mem::forget(store);
    let copy = Store::open(&alone.join("desk.sqlite3")).unwrap();
    assert_eq!(copy.unit_count().unwrap(), 1);
    assert_eq!(copy.check().unwrap(), Vec::<String>::new());
}

#[test]
fn the_backup_folder_is_a_setting_logged_and_read_even_from_a_damaged_file() {
    let (dir, mut store) = temp_store();
    let usb = dir.path().join("U盘");
    std::fs::create_dir(&usb).unwrap();
    let settings = BackupSettings {
        folder: usb.display().to_string(),
        interval_hours: 6,
    };
    store.save_backup_settings(&settings, &clerk()).unwrap();
    assert_eq!(store.backup_settings().unwrap(), settings);
    assert_eq!(store.backup_folder().unwrap(), usb);
    let log = store.audit_log(&AuditFilter::default(), 0, 10).unwrap();
    assert!(
        log.rows.iter().any(|r| r.what == "修改备份设置"),
        "in the 操作日志"
    );
    // A folder that is not there is refused with what to do; so is an interval out of range.
    let missing = BackupSettings {
        folder: dir.path().join("nowhere").display().to_string(),
        interval_hours: 4,
    };
    let e = store.save_backup_settings(&missing, &clerk()).unwrap_err();
    assert!(e.to_string().contains("选择文件夹"), "{e}");
    let zero = BackupSettings {
        folder: String::new(),
        interval_hours: 0,
    };
    assert!(store.save_backup_settings(&zero, &clerk()).is_err());

    let db = store.path().to_path_buf();
    assert_eq!(
        store::backup_folders(&db),
        vec![usb.clone(), dir.path().join("备份")]
    );
    drop(store);
    // A damaged file: the default folder is still offered, and nothing is written to the file.
    std::fs::write(&db, b"not a database at all, just damaged bytes").unwrap();
    assert_eq!(store::backup_folders(&db), vec![dir.path().join("备份")]);
    assert_eq!(
        std::fs::read(&db).unwrap(),
        b"not a database at all, just damaged bytes"
    );
    assert_eq!(
        store::backup_folders(&dir.path().join("missing.sqlite3")),
        vec![dir.path().join("备份")]
    );
}

#[test]
fn a_chosen_folder_that_is_missing_is_reported_and_not_made_on_this_disk() {
    let (dir, mut store) = temp_store();
    let usb = dir.path().join("U盘");
    std::fs::create_dir(&usb).unwrap();
    let settings = BackupSettings {
        folder: usb.display().to_string(),
        interval_hours: 4,
    };
    store.save_backup_settings(&settings, &clerk()).unwrap();
    std::fs::remove_dir(&usb).unwrap();
    let folder = store.backup_folder().unwrap();
    let e = store.back_up(&folder, noon()).unwrap_err();
    assert!(e.to_string().contains("U盘"), "{e}");
    assert!(!usb.exists());
    // Not a database of ours: no backup of it.
    let plain = dir.path().join("plain.sqlite3");
    Connection::open(&plain)
        .unwrap()
        .execute_batch("CREATE TABLE t (x)")
        .unwrap();
    assert!(matches!(
        store::back_up(&plain, &dir.path().join("备份"), noon()),
        Err(StoreError::NotOurs(_))
    ));
}
