//! Starting the desk on a database file: the lock, the open, the quick check. A damaged file is
//! moved aside untouched (`….corrupt-YYYYMMDD-HHMM`) and the window offers the newest verified
//! backup; a file that can be read but not written here opens read-only; anything else says why
//! the desk cannot open.

use std::path::Path;
use std::time::Duration;

use chrono::NaiveDateTime;

use super::recovery::Recovery;
use super::{App, Desk};
use crate::store::{InstanceLock, QuickCheck, Store, StoreError, set_aside, set_aside_files};

/// The quick check at start stops after this long; a file larger than it can read in this time
/// is read in full by `wuye-desk check` and by the verified backups.
pub const QUICK_CHECK_BUDGET: Duration = Duration::from_secs(3);

/// The window for the database at `path`, at `now`.
pub fn open(path: &Path, now: NaiveDateTime) -> App {
    let lock = match InstanceLock::acquire(path) {
        Ok(lock) => Some(lock),
        Err(e @ StoreError::InUse(_)) => return App::Failed(e.to_string()),
        // A folder that cannot be written has no room for the lock file: the database may
        // still open read-only below; a writable open without the lock is refused there.
        Err(e) if path.exists() => return open_unlocked(path, e),
        Err(e) => return App::Failed(e.to_string()),
    };
    if !path.exists()
        && let Some(aside) = set_aside_files(path, "corrupt").into_iter().next()
    {
        // A damaged file was moved aside at an earlier start and nothing restored since: the
        // desk must not start an empty estate in its place without being asked.
        return App::Recover(Box::new(Recovery::new(
            path,
            lock,
            "上次启动时发现数据库已损坏，还没有恢复".into(),
            Some(aside),
        )));
    }
    match Store::open_for_desk(path) {
        Ok(store) => checked(path, store, lock, now),
        Err(e) => match e.damage() {
            Some(detail) => damaged(path, lock, detail, now),
            None => App::Failed(e.to_string()),
        },
    }
}

/// Without the lock, only a read-only desk may open.
fn open_unlocked(path: &Path, lock_error: StoreError) -> App {
    match Store::open_for_desk(path) {
        Ok(store) if store.read_only().is_some() => ready(store, None),
        Ok(_) => App::Failed(lock_error.to_string()),
        Err(e) => App::Failed(e.to_string()),
    }
}

/// The quick check, then the desk or the recovery screen.
fn checked(path: &Path, store: Store, lock: Option<InstanceLock>, now: NaiveDateTime) -> App {
    match store.quick_check(QUICK_CHECK_BUDGET) {
        Ok(QuickCheck::Passed | QuickCheck::Unfinished) => ready(store, lock),
        Ok(QuickCheck::Damaged(found)) => {
            drop(store);
            damaged(path, lock, findings(&found), now)
        }
        Err(e) => match e.damage() {
            Some(detail) => {
                drop(store);
                damaged(path, lock, detail, now)
            }
            None => App::Failed(e.to_string()),
        },
    }
}

/// SQLite's findings in a line: how many, and the first (its own words, for whoever looks
/// into it; `wuye-desk check` on the kept file lists them all).
fn findings(found: &[String]) -> String {
    let lines: Vec<&str> = found
        .iter()
        .flat_map(|f| f.lines())
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with("***"))
        .collect();
    let first: String = lines.first().map_or("", |l| l).chars().take(80).collect();
    match lines.len() {
        0 | 1 => format!("快速检查发现问题：{first}"),
        n => format!("快速检查发现 {n} 处问题，第一处：{first}"),
    }
}

fn ready(store: Store, lock: Option<InstanceLock>) -> App {
    match Desk::new(store, lock) {
        Ok(desk) => App::Ready(Box::new(desk)),
        Err(e) => App::Failed(e),
    }
}

/// A damaged file: moved aside as it is (renaming writes nothing into it), then the recovery
/// screen.
fn damaged(path: &Path, lock: Option<InstanceLock>, detail: String, now: NaiveDateTime) -> App {
    match set_aside(path, "corrupt", now) {
        Ok(aside) => App::Recover(Box::new(Recovery::new(
            path,
            lock,
            format!("数据库文件已损坏（{detail}）"),
            Some(aside),
        ))),
        Err(e) => App::Failed(format!(
            "数据库文件已损坏（{detail}），而且无法把它移到一边（{e}）。请不要再使用这个文件，联系技术支持从备份恢复。"
        )),
    }
}

/// What the window becomes once a backup is restored (or an empty database started).
pub(super) fn reopen(path: &Path, lock: Option<InstanceLock>, now: NaiveDateTime) -> App {
    match Store::open(path) {
        Ok(store) => checked(path, store, lock, now),
        Err(e) => App::Failed(e.to_string()),
    }
}
