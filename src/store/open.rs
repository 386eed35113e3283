//! Opening a database file without harming it: what the file is (not a database, another
//! program's, ours but damaged, ours but unreadable here, ours and recovering from a crash) is
//! told from its header and a read-only look before anything is written; a file that cannot be
//! written here (read-only media, a full disk, no write permission) opens read-only, for
//! looking up and printing; and a bounded quick check at start finds a damaged file before the
//! desk works on it.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, ErrorCode, OpenFlags};

use super::backup::{COMPANIONS, with_suffix};
use super::{APPLICATION_ID, Result, Store, StoreError, schema, session};

/// The first bytes of every SQLite database file.
const MAGIC: &[u8; 16] = b"SQLite format 3\0";

/// What a file's 100-byte SQLite header says, read with plain file I/O (no SQLite, no lock,
/// nothing written), so it can be read even when SQLite cannot open the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Header {
    page_size: u64,
    /// Pages the header says the file holds, when that number is valid.
    pages: Option<u64>,
    application_id: i32,
}

/// How the header of the file at a path reads.
enum HeaderRead {
    /// A zero-length file: SQLite takes it for an empty database.
    Empty,
    /// Not an SQLite database.
    Foreign,
    /// Starts like a database but ends before its header does.
    Cut,
    /// A whole header.
    Header(Header),
}

fn be32(b: &[u8]) -> u32 {
    u32::from_be_bytes([b[0], b[1], b[2], b[3]])
}

fn read_header(path: &Path) -> std::io::Result<HeaderRead> {
    let mut file = std::fs::File::open(path)?;
    let mut bytes = Vec::with_capacity(100);
    file.by_ref().take(100).read_to_end(&mut bytes)?;
    if bytes.is_empty() {
        return Ok(HeaderRead::Empty);
    }
    let n = bytes.len().min(MAGIC.len());
    if bytes[..n] != MAGIC[..n] {
        return Ok(HeaderRead::Foreign);
    }
    if bytes.len() < 100 {
        return Ok(HeaderRead::Cut);
    }
    let page_size = match u16::from_be_bytes([bytes[16], bytes[17]]) {
        1 => 65536,
        n => u64::from(n),
    };
    // The page count in the header is valid only when written by SQLite 3.7.0 or later, which
    // it tells by the change counter matching the "version valid for" number.
    let pages =
        (be32(&bytes[24..28]) == be32(&bytes[92..96])).then(|| u64::from(be32(&bytes[28..32])));
    Ok(HeaderRead::Header(Header {
        page_size,
        pages,
        application_id: be32(&bytes[68..72]) as i32,
    }))
}

pub(super) fn non_empty(path: &Path) -> bool {
    std::fs::metadata(path).is_ok_and(|m| m.len() > 0)
}

/// Why a file of ours cannot be read here, from what the OS said.
fn io_unreadable(path: &Path, e: &std::io::Error) -> StoreError {
    use std::io::ErrorKind as K;
    let why = match e.kind() {
        K::PermissionDenied => "没有读取这个文件的权限，请让电脑管理员开放权限".to_string(),
        K::NotFound => "找不到这个文件".to_string(),
        _ => format!("读取文件时出错（{e}），请检查磁盘或U盘"),
    };
    StoreError::Unreadable {
        path: path.to_path_buf(),
        why,
    }
}

/// An error SQLite gave on a file whose header says it is ours, said as what happened to the
/// file: damaged, unreadable here, or busy.
pub(super) fn ours_failed(path: &Path, e: rusqlite::Error) -> StoreError {
    let detail = e.to_string();
    let unreadable = |why: &str| StoreError::Unreadable {
        path: path.to_path_buf(),
        why: format!("{why}（{detail}）"),
    };
    match e.sqlite_error_code() {
        Some(ErrorCode::DatabaseCorrupt | ErrorCode::NotADatabase) => StoreError::Damaged {
            path: path.to_path_buf(),
            detail,
        },
        Some(ErrorCode::CannotOpen | ErrorCode::PermissionDenied) => unreadable(
            "文件所在的位置不能写入（只读的U盘或光盘、没有写权限的文件夹或磁盘已满），而客服台打开数据库时要在旁边建立临时文件",
        ),
        Some(ErrorCode::ReadOnly) => unreadable(
            "上次客服台没有正常关闭，数据库需要先恢复，但这个位置不能写入；请把数据库复制到电脑的硬盘上再打开",
        ),
        Some(ErrorCode::DiskFull) => unreadable("磁盘已满，请清理磁盘空间"),
        Some(ErrorCode::SystemIoFailure) => unreadable("读取磁盘时出错，磁盘或U盘可能有问题"),
        Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => {
            StoreError::Busy(path.to_path_buf())
        }
        _ => StoreError::Sqlite(e),
    }
}

/// Why a file cannot take writes, when SQLite's error says it cannot (a full disk, read-only
/// media): the reason the store gives for turning read-only.
pub(super) fn cannot_write(e: &rusqlite::Error) -> Option<String> {
    match e.sqlite_error_code() {
        Some(ErrorCode::DiskFull) => {
            Some("磁盘已满。请清理磁盘空间，然后关闭并重新打开客服台".into())
        }
        Some(ErrorCode::ReadOnly) => Some(
            "数据库所在的位置不能写入（只读的U盘或光盘、没有写权限的文件夹）。请把数据库放到可以写入的位置"
                .into(),
        ),
        _ => None,
    }
}

/// Why the desk opened a file read-only when SQLite could not make its companion files.
const NO_WRITING_HERE: &str = "数据库所在的位置不能写入（只读的U盘或光盘、没有写权限的文件夹，或磁盘已满）。请把数据库放到可以写入的位置，或清理磁盘空间后重新打开客服台";

/// What the quick check at start found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum QuickCheck {
    /// Nothing wrong.
    Passed,
    /// The file is damaged: SQLite's findings.
    Damaged(Vec<String>),
    /// The check ran out of its time before the end (a very large file): what it read was
    /// sound, and `wuye-desk check` reads the rest.
    Unfinished,
}

impl Store {
    /// Looks at an existing file without writing to it and refuses what must not be touched:
    /// a file that is not a database, another program's database, a database of a newer
    /// program, ours but damaged, ours but unreadable here.
    ///
    /// A file of ours left with a hot rollback journal by a crash is not refused: the normal
    /// open that follows rolls the journal back, as SQLite does for every crash.
    pub(super) fn inspect(path: &Path) -> Result<()> {
        // Until a checkpoint copies them back, the newest pages (page 1, which holds the
        // header, among them) may sit in the -wal: the file's own header is then out of date,
        // and only SQLite, reading both, can say what the file holds.
        let wal_pending = non_empty(&with_suffix(path, "-wal"));
        let header = match read_header(path).map_err(|e| io_unreadable(path, &e))? {
            HeaderRead::Empty => return Ok(()),
            HeaderRead::Foreign => return Err(StoreError::NotADatabase(path.to_path_buf())),
            HeaderRead::Cut if !wal_pending => {
                return Err(StoreError::Damaged {
                    path: path.to_path_buf(),
                    detail: "文件不完整，只剩下开头的一部分".into(),
                });
            }
            HeaderRead::Cut => None,
            HeaderRead::Header(h) => Some(h),
        };
        let app_id = header.map_or(0, |h| h.application_id);
        if app_id != 0 && app_id != APPLICATION_ID && !wal_pending {
            return Err(StoreError::NotOurs(path.to_path_buf()));
        }
        // Ours as far as the file can tell, so SQLite's failures below say what happened to it.
        let maybe_ours = app_id == APPLICATION_ID || wal_pending;
        if let Some(h) = header.filter(|_| !wal_pending)
            && let Some(pages) = h.pages
        {
            let len = std::fs::metadata(path)
                .map_err(|e| io_unreadable(path, &e))?
                .len();
            if len < pages * h.page_size {
                return Err(StoreError::Damaged {
                    path: path.to_path_buf(),
                    detail: format!(
                        "文件不完整：应有 {} 字节，只有 {len} 字节",
                        pages * h.page_size
                    ),
                });
            }
        }
        // A crash left a rollback journal: the normal open rolls it back before reading.
        if non_empty(&with_suffix(path, "-journal")) {
            return Ok(());
        }
        let failed = |e: rusqlite::Error| {
            if maybe_ours {
                ours_failed(path, e)
            } else {
                StoreError::NotOurs(path.to_path_buf())
            }
        };
        let conn = Self::read_only_connection(path).map_err(|e| ours_failed(path, e))?;
        let (version, app_id, tables): (i64, i32, i64) = conn
            .query_row(
                "SELECT (SELECT user_version FROM pragma_user_version),
                        (SELECT application_id FROM pragma_application_id),
                        (SELECT count(*) FROM sqlite_schema)",
                [],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .map_err(failed)?;
        let ours = app_id == APPLICATION_ID;
        if (app_id != 0 && !ours) || (app_id == 0 && tables > 0) {
            return Err(StoreError::NotOurs(path.to_path_buf()));
        }
        if ours && version > schema::version() {
            return Err(StoreError::TooNew {
                found: version,
                supported: schema::version(),
            });
        }
        Ok(())
    }

    /// A read-only connection that writes nothing, not even a -shm: where the file's folder
    /// cannot be written (read-only media, a full disk) and nothing is left in a -wal, SQLite is
    /// told the file cannot change under it (`immutable`), which needs no -shm.
    pub(super) fn read_only_connection(path: &Path) -> rusqlite::Result<Connection> {
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY
            | OpenFlags::SQLITE_OPEN_NO_MUTEX
            | OpenFlags::SQLITE_OPEN_URI;
        let conn = Connection::open_with_flags(path, flags)?;
        let probe = conn.query_row("PRAGMA schema_version", [], |r| r.get::<_, i64>(0));
        match probe {
            Err(e)
                if e.sqlite_error_code() == Some(ErrorCode::CannotOpen)
                    && !non_empty(&with_suffix(path, "-wal")) =>
            {
                drop(conn);
                Connection::open_with_flags(immutable_uri(path), flags)
            }
            _ => Ok(conn),
        }
    }

    /// Opens an existing database read-only: nothing in the file or beside it changes, so
    /// `check` and `print` can read a copy on read-only media, on a full disk, or while a desk
    /// writes to it. Every save is refused with `why`.
    ///
    /// # Errors
    /// As [`Store::open`] for a file that is not ours, damaged or unreadable; a missing file.
    pub fn open_read_only(path: &Path, why: &str) -> Result<Store> {
        if !path.exists() {
            return Err(StoreError::NotFound(format!(
                "找不到数据库 {}",
                path.display()
            )));
        }
        Self::inspect(path)?;
        if non_empty(&with_suffix(path, "-journal")) {
            return Err(StoreError::Unreadable {
                path: path.to_path_buf(),
                why: "上次客服台没有正常关闭，数据库需要先在客服台里正常打开一次才能恢复".into(),
            });
        }
        let conn = Self::read_only_connection(path).map_err(|e| ours_failed(path, e))?;
        conn.busy_timeout(Duration::from_secs(5))?;
        let store = Store {
            conn,
            path: path.to_path_buf(),
            session: session::Session::default(),
            read_only: Some(why.to_string()),
        };
        let version = store.schema_version()?;
        if version != schema::version() {
            return Err(StoreError::Unreadable {
                path: path.to_path_buf(),
                why: format!(
                    "这个数据库是旧版本（数据版本 {version}），需要先在可以写入的位置用客服台打开一次升级"
                ),
            });
        }
        Ok(store)
    }

    /// Opens the database for the desk: as [`Store::open`], and where the file can be read but
    /// not written here (read-only media, a folder without write permission, a full disk),
    /// read-only, with the reason; the desk says it, looks up and prints, and refuses saves.
    ///
    /// # Errors
    /// As [`Store::open`], when the file cannot be read either.
    pub fn open_for_desk(path: &Path) -> Result<Store> {
        let failed = match Store::open(path) {
            Ok(store) => return Ok(store),
            Err(e) => e,
        };
        let why = match &failed {
            StoreError::Sqlite(e) => cannot_write(e).or_else(|| {
                matches!(
                    e.sqlite_error_code(),
                    Some(ErrorCode::CannotOpen | ErrorCode::PermissionDenied)
                )
                .then(|| NO_WRITING_HERE.to_string())
            }),
            StoreError::Io { .. } => Some(NO_WRITING_HERE.to_string()),
            _ => None,
        };
        match why {
            Some(why) if path.exists() => Store::open_read_only(path, &why).map_err(|_| failed),
            _ => Err(failed),
        }
    }

    /// Why this store refuses to save, if it was opened read-only.
    pub fn read_only(&self) -> Option<&str> {
        self.read_only.as_deref()
    }

    /// Refuses a write on a store opened read-only, before anything is tried.
    pub(crate) fn writable(&self) -> Result<()> {
        match &self.read_only {
            Some(why) => Err(StoreError::ReadOnly(why.clone())),
            None => Ok(()),
        }
    }

    /// SQLite's quick check, stopped after `budget` so a very large file does not hold up the
    /// start: finds damaged pages and broken records (not index order, which `check` reads).
    pub fn quick_check(&self, budget: Duration) -> Result<QuickCheck> {
        // A watchman interrupts the check when its time is up, unless told first that it ended.
        let handle = self.conn.get_interrupt_handle();
        let (done, ended) = std::sync::mpsc::channel::<()>();
        let watchman = std::thread::spawn(move || {
            let timed_out = matches!(
                ended.recv_timeout(budget),
                Err(std::sync::mpsc::RecvTimeoutError::Timeout)
            );
            if timed_out {
                handle.interrupt();
            }
            timed_out
        });
        let found = (|| -> rusqlite::Result<Vec<String>> {
            let mut stmt = self.conn.prepare("PRAGMA quick_check(20)")?;
            let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
            rows.collect()
        })();
        let _ = done.send(());
        let timed_out = watchman.join().unwrap_or(false);
        match found {
            Ok(rows) if rows.iter().all(|r| r == "ok") => Ok(QuickCheck::Passed),
            Ok(rows) => Ok(QuickCheck::Damaged(rows)),
            Err(e)
                if timed_out && e.sqlite_error_code() == Some(ErrorCode::OperationInterrupted) =>
            {
                Ok(QuickCheck::Unfinished)
            }
            Err(e)
                if matches!(
                    e.sqlite_error_code(),
                    Some(ErrorCode::DatabaseCorrupt | ErrorCode::NotADatabase)
                ) =>
            {
                Ok(QuickCheck::Damaged(vec![e.to_string()]))
            }
            Err(e) => Err(e.into()),
        }
    }
}

/// Files set aside beside `db` under `label` by [`super::set_aside`], newest first.
pub fn set_aside_files(db: &Path, label: &str) -> Vec<PathBuf> {
    let (Some(dir), Some(name)) = (db.parent(), db.file_name()) else {
        return Vec::new();
    };
    let dir = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    let prefix = format!("{}.{label}-", name.to_string_lossy());
    let mut found: Vec<PathBuf> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| {
            p.file_name().is_some_and(|n| {
                let n = n.to_string_lossy();
                n.starts_with(&prefix) && !COMPANIONS.iter().any(|s| n.ends_with(s))
            })
        })
        .collect();
    found.sort();
    found.reverse();
    found
}

/// `file:<path>?immutable=1`, with the path's URI-special characters escaped (and Windows'
/// backslashes turned, as SQLite's URIs want).
fn immutable_uri(path: &Path) -> String {
    // A Windows drive path is spelled `file:///C:/…`.
    let mut uri = String::from(if cfg!(windows) && path.is_absolute() {
        "file:///"
    } else {
        "file:"
    });
    for ch in path.to_string_lossy().chars() {
        match ch {
            '%' | '?' | '#' => uri.push_str(&format!("%{:02X}", ch as u32)),
            '\\' if cfg!(windows) => uri.push('/'),
            _ => uri.push(ch),
        }
    }
    uri.push_str("?immutable=1");
    uri
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::staff::Recorded;
    use crate::domain::unit::{Unit, UnitStatus};
    use crate::domain::{Area, UnitAddress};

    fn at() -> chrono::NaiveDateTime {
        chrono::NaiveDate::from_ymd_opt(2026, 12, 2)
            .and_then(|d| d.and_hms_opt(9, 30, 0))
            .expect("a date")
    }

    fn rec() -> Recorded {
        Recorded {
            by: None,
            by_name: String::new(),
            at: at(),
        }
    }

    fn unit(address: &str) -> Unit {
        Unit {
            address: UnitAddress::parse(address).expect("address"),
            area: Area::parse("89.50").expect("area"),
            status: UnitStatus::Occupied,
            note: String::new(),
        }
    }

    /// A full disk, as SQLite sees one: the file may not grow by a page more
    /// (`max_page_count`), after filling what free room its pages had.
    #[test]
    fn a_full_disk_still_lets_the_desk_sign_in_to_read_and_refuses_saves_losing_nothing() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("desk.sqlite3");
        let mut store = Store::open(&path).expect("open");
        let me = store
            .set_up_supervisor("测试员", None, "2468", at())
            .expect("supervisor")
            .id;
        store.add_unit(&unit("3-2-1502"), &rec()).expect("unit");
        let pages: i64 = store
            .conn
            .query_row("PRAGMA page_count", [], |r| r.get(0))
            .expect("pages");
        store
            .conn
            .query_row(&format!("PRAGMA max_page_count = {pages}"), [], |_| Ok(()))
            .expect("limit");
        // Each sign-in is a line in the log, until the log's last page has no room left and
        // the file may not grow: from then on signing in still works, and the store is read-only.
        let mut signed_in = 0;
        while store.read_only().is_none() && signed_in < 1000 {
            store.sign_out();
            store.sign_in(me, "2468", at()).expect("signed in");
            signed_in += 1;
        }
        assert!(store.signed_in().is_some());
        let why = store.read_only().expect("turned read-only").to_string();
        assert!(why.contains("磁盘已满"), "{why}");
        let refused = store.add_unit(&unit("9-1-101"), &rec()).unwrap_err();
        assert!(refused.to_string().contains("磁盘已满"), "{refused}");
        assert_eq!(store.unit_count().expect("count"), 1, "nothing lost");
        assert!(store.check().expect("check").is_empty());
        assert!(
            store.verify_audit().expect("chain").is_empty(),
            "the log is whole"
        );
    }
}
