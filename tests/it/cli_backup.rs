//! `wuye-desk backup`, `backups` and `restore`, run through the binary.

use std::path::Path;

use wuye_desk::store::InstanceLock;

use crate::cli::{desk, text, unit_count};
use crate::common::{clerk, open_signed_in, temp_store, unit};

/// A database with one unit, closed; its path as text.
fn one_unit_db(dir: &Path) -> String {
    let (_tmp, mut store) = temp_store();
    let db = dir.join("office.sqlite3");
    store.add_unit(&unit("3-2-1502"), &clerk()).unwrap();
    store.backup_to(&db).unwrap();
    db.display().to_string()
}

#[test]
fn backup_then_backups_lists_it_verified() {
    let dir = tempfile::tempdir().unwrap();
    let db = one_unit_db(dir.path());
    let to = dir.path().join("U盘");
    let out = desk(&["backup", "--db", &db, "--to", to.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("已备份并校验"),
        "{}",
        text(&out.stdout)
    );
    let made: Vec<_> = std::fs::read_dir(&to).unwrap().collect();
    assert_eq!(made.len(), 1);

    // Without --to: the default folder beside the database.
    let out = desk(&["backup", "--db", &db]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(dir.path().join("备份").is_dir());

    let out = desk(&["backups", "--db", &db]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let listed = text(&out.stdout);
    assert!(listed.contains("已校验"), "{listed}");
    assert!(listed.contains("office-"), "{listed}");

    let none = desk(&[
        "backups",
        "--db",
        dir.path().join("other.sqlite3").to_str().unwrap(),
    ]);
    assert!(
        text(&none.stdout).contains("没有找到"),
        "{}",
        text(&none.stdout)
    );

    let missing = desk(&[
        "backup",
        "--db",
        dir.path().join("gone.sqlite3").to_str().unwrap(),
    ]);
    assert!(!missing.status.success());
    assert!(
        text(&missing.stderr).contains("找不到数据库"),
        "{}",
        text(&missing.stderr)
    );
}

#[test]
fn restore_is_refused_while_a_desk_is_open_and_keeps_the_current_file_aside() {
    let dir = tempfile::tempdir().unwrap();
    let db = one_unit_db(dir.path());
    let to = dir.path().join("备份");
    let out = desk(&["backup", "--db", &db]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let backup = std::fs::read_dir(&to)
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    // More work after the backup.
    {
        let mut store = open_signed_in(Path::new(&db));
        store.add_unit(&unit("3-2-1503"), &clerk()).unwrap();
    }
    assert_eq!(unit_count(&db), 2);

    let held = InstanceLock::acquire(Path::new(&db)).unwrap();
    let out = desk(&["restore", backup.to_str().unwrap(), "--db", &db]);
    assert!(!out.status.success());
    assert!(
        text(&out.stderr).contains("已经在另一个客服台窗口中打开"),
        "{}",
        text(&out.stderr)
    );
    assert_eq!(unit_count(&db), 2, "nothing changed");
    drop(held);

    let out = desk(&["restore", backup.to_str().unwrap(), "--db", &db]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let said = text(&out.stdout);
    assert!(said.contains("已从备份恢复"), "{said}");
    assert!(said.contains("原来的数据库保存在"), "{said}");
    assert_eq!(unit_count(&db), 1);
    assert!(backup.exists(), "the backup stays");
    let aside: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            let name = p.to_string_lossy();
            name.contains(".before-restore-") && !name.ends_with("-wal") && !name.ends_with("-shm")
        })
        .collect();
    assert_eq!(aside.len(), 1, "{aside:?}");
    assert_eq!(
        unit_count(aside[0].to_str().unwrap()),
        2,
        "the later work is kept aside"
    );

    // A file that is not a backup is refused, and the database stays as it is.
    let junk = dir.path().join("junk.sqlite3");
    std::fs::write(&junk, b"junk").unwrap();
    let out = desk(&["restore", junk.to_str().unwrap(), "--db", &db]);
    assert!(!out.status.success());
    assert!(
        text(&out.stderr).contains("校验未通过"),
        "{}",
        text(&out.stderr)
    );
    assert_eq!(unit_count(&db), 1);
}
