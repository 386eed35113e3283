//! Files that cannot be used as they are — not a database, another program's, ours but cut
//! short or with flipped bytes, left by a crash, on media that cannot be written — each get
//! their own message, and none of them is changed by being looked at.

use std::path::{Path, PathBuf};
use std::process::Command;

use rusqlite::Connection;
use wuye_desk::store::{APPLICATION_ID, QuickCheck, Store, StoreError};

use crate::cli::{desk, text};
use crate::common::{PIN, SUPERVISOR, clerk, open_signed_in, temp_db, unit};

/// A closed database of ours holding one unit, its -wal copied back in (a closed desk).
fn saved_db() -> (tempfile::TempDir, PathBuf) {
    let (dir, path) = temp_db();
    let mut store = open_signed_in(&path);
    store.add_unit(&unit("3-2-1502"), &clerk()).unwrap();
    drop(store);
    assert!(!companion(&path, "-wal").exists(), "closing checkpoints");
    (dir, path)
}

fn companion(path: &Path, suffix: &str) -> PathBuf {
    let mut p = path.as_os_str().to_owned();
    p.push(suffix);
    PathBuf::from(p)
}

/// Opens `path` and expects `want`'s kind of refusal, with `words` in its message and the file
/// byte for byte as it was.
fn refused(path: &Path, words: &str) -> StoreError {
    let before = std::fs::read(path).unwrap();
    let err = Store::open(path).unwrap_err();
    assert!(err.to_string().contains(words), "{err}");
    assert_eq!(std::fs::read(path).unwrap(), before, "the file changed");
    assert!(!companion(path, "-wal").exists(), "a -wal was created");
    err
}

#[test]
fn each_file_the_desk_cannot_use_is_told_apart_and_left_as_it_was() {
    let (dir, path) = temp_db();
    std::fs::write(&path, "业主,电话\n张伟,13800138000\n").unwrap();
    let err = refused(&path, "不是数据库文件");
    assert!(matches!(err, StoreError::NotADatabase(_)), "{err:?}");

    let other = dir.path().join("notes.sqlite3");
    Connection::open(&other)
        .unwrap()
        .execute_batch("CREATE TABLE notes (x TEXT);")
        .unwrap();
    let err = refused(&other, "其他程序的数据库");
    assert!(matches!(err, StoreError::NotOurs(_)), "{err:?}");
    // Read-only, as `check` and `print` open: the same answer.
    let err = Store::open_read_only(&other, "只读").unwrap_err();
    assert!(matches!(err, StoreError::NotOurs(_)), "{err:?}");

    let branded = dir.path().join("branded.sqlite3");
    Connection::open(&branded)
        .unwrap()
        .pragma_update(None, "application_id", 0x1234_5678)
        .unwrap();
    let err = refused(&branded, "其他程序的数据库");
    assert!(matches!(err, StoreError::NotOurs(_)), "{err:?}");

    // Ours, cut short: the header says how long it should be.
    let (_d, ours) = saved_db();
    let bytes = std::fs::read(&ours).unwrap();
    std::fs::write(&ours, &bytes[..bytes.len() / 2]).unwrap();
    let err = refused(&ours, "已损坏");
    assert!(matches!(err, StoreError::Damaged { .. }), "{err:?}");
    assert!(err.to_string().contains("不完整"), "{err}");
    assert!(err.to_string().contains("从备份恢复"), "{err}");
    // Cut inside its header.
    std::fs::write(&ours, &bytes[..60]).unwrap();
    let err = refused(&ours, "已损坏");
    assert!(matches!(err, StoreError::Damaged { .. }), "{err:?}");
}

/// The first byte of the root page of `table`: its page type, which no healthy page has as 0xFF.
fn flip_root_page_of(path: &Path, table: &str) {
    let (root, page_size): (i64, i64) = {
        let conn = Connection::open(path).unwrap();
        (
            conn.query_row(
                "SELECT rootpage FROM sqlite_schema WHERE name = ?1",
                [table],
                |r| r.get(0),
            )
            .unwrap(),
            conn.query_row("PRAGMA page_size", [], |r| r.get(0))
                .unwrap(),
        )
    };
    let mut bytes = std::fs::read(path).unwrap();
    bytes[((root - 1) * page_size) as usize] = 0xFF;
    std::fs::write(path, bytes).unwrap();
}

#[test]
fn flipped_bytes_are_found_by_the_quick_check_without_writing_to_the_file() {
    let (_dir, path) = saved_db();
    flip_root_page_of(&path, "units");
    let before = std::fs::read(&path).unwrap();
    // Reading it read-only: the header is sound, the quick check finds the damage.
    let store = Store::open_read_only(&path, "只读").unwrap();
    match store
        .quick_check(std::time::Duration::from_secs(10))
        .unwrap()
    {
        QuickCheck::Damaged(found) => assert!(!found.is_empty()),
        other => panic!("the damage went unseen: {other:?}"),
    }
    drop(store);
    assert_eq!(std::fs::read(&path).unwrap(), before, "the file changed");
    // `check` says so, and `print` refuses to print from it.
    let db = path.display().to_string();
    let out = desk(&["check", "--db", &db]);
    assert!(!out.status.success());
    assert_eq!(
        std::fs::read(&path).unwrap(),
        before,
        "check changed the file"
    );

    // A healthy file passes.
    let (_d, healthy) = saved_db();
    let store = Store::open_read_only(&healthy, "只读").unwrap();
    assert_eq!(
        store
            .quick_check(std::time::Duration::from_secs(10))
            .unwrap(),
        QuickCheck::Passed
    );
}

#[test]
fn a_crash_while_the_file_was_made_leaves_a_journal_the_next_open_rolls_back() {
    // A file being created in rollback-journal mode, copied with its journal while the
    // transaction is open: what a crash at that moment leaves on disk.
    let dir = tempfile::tempdir().unwrap();
    let live = dir.path().join("live.sqlite3");
    let conn = Connection::open(&live).unwrap();
    conn.execute_batch(
        "PRAGMA cache_size = 1; CREATE TABLE seed (x); INSERT INTO seed VALUES (1);",
    )
    .unwrap();
    conn.execute_batch(
        "BEGIN; DROP TABLE seed;
         CREATE TABLE filler (x BLOB);
         INSERT INTO filler SELECT randomblob(900) FROM generate_series(1, 200);",
    )
    .or_else(|_| {
        // Without the generate_series extension: a recursive count.
        conn.execute_batch(
            "CREATE TABLE IF NOT EXISTS filler (x BLOB);
             WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 200)
             INSERT INTO filler SELECT randomblob(900) FROM n;",
        )
    })
    .unwrap();
    let crashed = dir.path().join("desk.sqlite3");
    std::fs::copy(&live, &crashed).unwrap();
    std::fs::copy(
        companion(&live, "-journal"),
        companion(&crashed, "-journal"),
    )
    .unwrap();
    conn.execute_batch("ROLLBACK").unwrap();
    drop(conn);

    // Read-only it cannot be recovered: said so, and nothing changes.
    let before = std::fs::read(&crashed).unwrap();
    let err = Store::open_read_only(&crashed, "只读").unwrap_err();
    assert!(matches!(err, StoreError::Unreadable { .. }), "{err:?}");
    assert!(err.to_string().contains("没有正常关闭"), "{err}");
    assert_eq!(std::fs::read(&crashed).unwrap(), before);

    // The desk's open rolls the journal back and finds a file with no tables of ours yet: not
    // ours, since it has another table (the seed) — rolled back, not misread as damaged.
    let err = Store::open(&crashed).unwrap_err();
    assert!(matches!(err, StoreError::NotOurs(_)), "{err:?}");
    assert!(
        !companion(&crashed, "-journal").exists()
            || std::fs::metadata(companion(&crashed, "-journal"))
                .unwrap()
                .len()
                == 0
    );
    let seed: i64 = Connection::open(&crashed)
        .unwrap()
        .query_row("SELECT x FROM seed", [], |r| r.get(0))
        .unwrap();
    assert_eq!(seed, 1, "the journal was rolled back");
}

#[test]
fn our_file_left_by_a_crash_during_its_creation_opens_and_works() {
    let dir = tempfile::tempdir().unwrap();
    let live = dir.path().join("live.sqlite3");
    let conn = Connection::open(&live).unwrap();
    conn.execute_batch("PRAGMA cache_size = 1;").unwrap();
    conn.pragma_update(None, "application_id", APPLICATION_ID)
        .unwrap();
    conn.execute_batch(
        "BEGIN; CREATE TABLE filler (x BLOB);
         WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 200)
         INSERT INTO filler SELECT randomblob(900) FROM n;",
    )
    .unwrap();
    let crashed = dir.path().join("desk.sqlite3");
    std::fs::copy(&live, &crashed).unwrap();
    std::fs::copy(
        companion(&live, "-journal"),
        companion(&crashed, "-journal"),
    )
    .unwrap();
    drop(conn);

    let mut store = Store::open(&crashed).expect("a crashed creation recovers");
    assert!(store.needs_first_supervisor().unwrap());
    store
        .set_up_supervisor(SUPERVISOR, None, PIN, clerk().at)
        .unwrap();
    store.add_unit(&unit("1-1-101"), &clerk()).unwrap();
    assert_eq!(store.unit_count().unwrap(), 1);
    assert!(store.check().unwrap().is_empty());
}

/// Makes `dir` refuse new files, even to root (whom file modes do not stop), until dropped.
struct ReadOnlyFolder(PathBuf);

impl ReadOnlyFolder {
    /// `None` where this machine can do neither (not root and no chmod, or no chattr).
    fn new(dir: &Path) -> Option<ReadOnlyFolder> {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o555)).ok()?;
        let guard = ReadOnlyFolder(dir.to_path_buf());
        if std::fs::write(dir.join("probe"), b"").is_err() {
            return Some(guard);
        }
        // Root: the immutable attribute stops even root.
        let _ = std::fs::remove_file(dir.join("probe"));
        let made = Command::new("chattr").arg("+i").arg(dir).status();
        if made.is_ok_and(|s| s.success()) && std::fs::write(dir.join("probe"), b"").is_err() {
            return Some(guard);
        }
        None
    }
}

impl Drop for ReadOnlyFolder {
    fn drop(&mut self) {
        use std::os::unix::fs::PermissionsExt;
        let _ = Command::new("chattr").arg("-i").arg(&self.0).status();
        let _ = std::fs::set_permissions(&self.0, std::fs::Permissions::from_mode(0o755));
    }
}

#[test]
fn a_database_where_nothing_can_be_written_opens_read_only_to_look_up_and_print() {
    let (dir, path) = saved_db();
    let before = std::fs::read(&path).unwrap();
    let Some(_guard) = ReadOnlyFolder::new(dir.path()) else {
        // Recorded in the output, so a run that could not try this is seen to have skipped it.
        eprintln!("SKIPPED: this machine cannot make a folder read-only (no chmod, no chattr)");
        return;
    };
    let err = Store::open(&path).unwrap_err();
    let mut store = Store::open_for_desk(&path).unwrap_or_else(|e| panic!("{err} / {e}"));
    let why = store.read_only().expect("opened read-only").to_string();
    assert!(why.contains("不能写入"), "{why}");
    assert_eq!(store.unit_count().unwrap(), 1);
    // Signing in works (to look up and print); every save is refused with the reason.
    let me = store
        .staff()
        .unwrap()
        .into_iter()
        .find(|s| s.staff.name == SUPERVISOR)
        .unwrap()
        .id;
    store.sign_in(me, PIN, clerk().at).unwrap();
    let refused = store.add_unit(&unit("9-1-101"), &clerk()).unwrap_err();
    assert!(matches!(refused, StoreError::ReadOnly(_)), "{refused:?}");
    assert!(refused.to_string().contains("不能保存"), "{refused}");
    drop(store);

    // The command line's reading commands work there too.
    let db = path.display().to_string();
    let out = desk(&["check", "--db", &db]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    prints_the_owner_card(&db);
    assert_eq!(std::fs::read(&path).unwrap(), before, "the file changed");
}

/// `wuye-desk print owner-card 3-2-1502` from `db` succeeds.
fn prints_the_owner_card(db: &str) {
    let pdf = tempfile::tempdir().unwrap();
    let out_pdf = pdf.path().join("card.pdf").display().to_string();
    let args = [
        "print",
        "owner-card",
        "3-2-1502",
        "--db",
        db,
        "--out",
        &out_pdf,
    ];
    let out = desk(&args);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(std::path::Path::new(&out_pdf).is_file());
}

#[test]
fn check_and_print_neither_change_the_file_nor_wait_for_a_desk_that_is_writing() {
    let (_dir, path) = saved_db();
    let before = std::fs::read(&path).unwrap();
    let modified = std::fs::metadata(&path).unwrap().modified().unwrap();
    let db = path.display().to_string();
    let out = desk(&["check", "--db", &db]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(std::fs::read(&path).unwrap(), before);
    assert_eq!(
        std::fs::metadata(&path).unwrap().modified().unwrap(),
        modified
    );

    // Another desk in the middle of a save: the reading commands read what was committed.
    let writer = Store::open(&path).unwrap();
    let busy = Connection::open(&path).unwrap();
    busy.execute_batch("BEGIN IMMEDIATE; UPDATE units SET note = '写入中' ;")
        .unwrap();
    let out = desk(&["check", "--db", &db]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    prints_the_owner_card(&db);
    busy.execute_batch("ROLLBACK").unwrap();
    writer.checkpoint().unwrap();
}

#[test]
fn a_read_only_desk_says_so_above_every_tab_and_refuses_a_save_with_the_reason() {
    use crate::common::ui::{click, shows};
    let (_dir, path) = saved_db();
    let mut store = Store::open_read_only(&path, "磁盘已满").unwrap();
    let me = store
        .staff()
        .unwrap()
        .into_iter()
        .find(|s| s.staff.name == SUPERVISOR)
        .unwrap()
        .id;
    store.sign_in(me, PIN, clerk().at).unwrap();
    let mut desk = wuye_desk::ui::Desk::new(store, None).unwrap();
    assert!(shows(&desk, "只能查看和打印，不能保存：磁盘已满"));
    click(&mut desk, "设置");
    assert!(shows(&desk, "只能查看和打印，不能保存：磁盘已满"));
}
