//! Backups: SQLite's online backup of the database into a folder, each one verified and named
//! by its time, the folder thinned ([`crate::domain::backup::keep`]), a backup restored with the
//! current file kept aside, the backup settings, and the exit checkpoint.
//!
//! A backup reads the database through a connection of its own, opened on the file's path: it
//! runs on a worker thread while the desk's [`Store`] keeps working (in WAL mode a reader and a
//! writer do not wait for each other). It is never a copy of the file: a WAL database's file
//! alone misses what the log holds.

use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::NaiveDateTime;
use rusqlite::backup::{Backup, StepResult};
use rusqlite::{Connection, OpenFlags};

use super::settings::{put_setting, setting};
use super::{APPLICATION_ID, Result, Store, StoreError};
use crate::domain::access::Action;
use crate::domain::backup::{self as rule, BackupSettings, Taken};
use crate::domain::staff::Recorded;

const FOLDER_KEY: &str = "backup.folder";
const INTERVAL_KEY: &str = "backup.interval_hours";

/// One backup in a folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BackupInfo {
    /// The file.
    pub path: PathBuf,
    /// When it was taken (from its name).
    pub taken: NaiveDateTime,
    /// Its size in bytes.
    pub bytes: u64,
    /// Whether its integrity check passed when it was taken.
    pub verified: bool,
}

/// The folder backups go to unless the office chose another: `备份` beside the database.
pub fn default_backup_folder(db: &Path) -> PathBuf {
    db.parent()
        .filter(|d| !d.as_os_str().is_empty())
        .map_or_else(|| PathBuf::from("备份"), |d| d.join("备份"))
}

/// The folder set in 设置 for `db`, read without writing to the file; `None` when none is set
/// or the file cannot be read (a damaged or missing database, a locked one).
fn configured_folder(db: &Path) -> Option<PathBuf> {
    let conn = Connection::open_with_flags(
        db,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .ok()?;
    conn.busy_timeout(Duration::from_millis(500)).ok()?;
    let folder = setting(&conn, FOLDER_KEY).ok()??;
    let folder = folder.trim();
    (!folder.is_empty()).then(|| PathBuf::from(folder))
}

/// Where `db`'s backups may be: the folder set in 设置 (read from the database read-only, if it
/// can be read at all), then the default folder beside it; each once.
pub fn backup_folders(db: &Path) -> Vec<PathBuf> {
    let mut folders: Vec<PathBuf> = configured_folder(db).into_iter().collect();
    let default = default_backup_folder(db);
    if !folders.contains(&default) {
        folders.push(default);
    }
    folders
}

/// The file stem backups of `db` are named after (`desk` for `desk.sqlite3`).
fn stem(db: &Path) -> String {
    db.file_stem()
        .map_or_else(|| "wuye-desk".into(), |s| s.to_string_lossy().into_owned())
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> StoreError + '_ {
    move |source| StoreError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// `db`'s backups in `folder`, newest first. Files not named as our backups of this database
/// are left out. A folder that does not exist holds none.
///
/// # Errors
/// The folder exists but cannot be read.
pub fn list_backups(db: &Path, folder: &Path) -> Result<Vec<BackupInfo>> {
    let stem = stem(db);
    let entries = match std::fs::read_dir(folder) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(io(folder)(e)),
    };
    let mut found = Vec::new();
    for entry in entries {
        let entry = entry.map_err(io(folder))?;
        let name = entry.file_name();
        let Some((taken, verified)) = rule::parse_name(&stem, &name.to_string_lossy()) else {
            continue;
        };
        let Ok(meta) = entry.metadata() else { continue };
        if !meta.is_file() {
            continue;
        }
        found.push(BackupInfo {
            path: entry.path(),
            taken,
            bytes: meta.len(),
            verified,
        });
    }
    found.sort_by(|a, b| b.taken.cmp(&a.taken).then(a.verified.cmp(&b.verified)));
    Ok(found)
}

/// Checks a backup (or any database file) read-only: that it is the desk's and SQLite's
/// integrity check. Returns the problems found, in Chinese; empty means good.
///
/// # Errors
/// The file cannot be opened at all (missing, no permission).
pub fn verify_backup(path: &Path) -> Result<Vec<String>> {
    if !path.is_file() {
        return Err(StoreError::NotFound(format!(
            "找不到备份文件 {}，请检查路径",
            path.display()
        )));
    }
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    let damaged = |e: rusqlite::Error| vec![format!("文件无法读取或已损坏（{e}）")];
    let id: i32 = match conn.query_row("PRAGMA application_id", [], |r| r.get(0)) {
        Ok(id) => id,
        Err(e) => return Ok(damaged(e)),
    };
    if id != APPLICATION_ID {
        return Ok(vec!["不是客服台的数据库文件".to_string()]);
    }
    let checked = conn.prepare("PRAGMA integrity_check").and_then(|mut stmt| {
        stmt.query_map([], |r| r.get::<_, String>(0))?
            .collect::<rusqlite::Result<Vec<String>>>()
    });
    match checked {
        Ok(rows) => Ok(rows
            .into_iter()
            .filter(|r| r != "ok")
            .map(|r| format!("完整性检查：{r}"))
            .collect()),
        Err(e) => Ok(damaged(e)),
    }
}

/// Opens `db` to read it for a backup, refusing a file that is not the desk's.
fn open_source(db: &Path) -> Result<Connection> {
    if !db.is_file() {
        return Err(StoreError::NotFound(format!(
            "找不到数据库 {}，请检查路径",
            db.display()
        )));
    }
    // Read-write (without creating) so SQLite can use the WAL's shared memory as the desk
    // does; nothing is written. Read-only media fall back to a read-only connection.
    let conn = Connection::open_with_flags(
        db,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .or_else(|_| {
        Connection::open_with_flags(
            db,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
    })?;
    conn.busy_timeout(Duration::from_secs(5))?;
    let conn = match conn.query_row("PRAGMA application_id", [], |r| r.get::<_, i32>(0)) {
        // A folder where no -shm can be made (read-only media, a full disk): read as the
        // read-only desk does, which needs none.
        Err(e) if e.sqlite_error_code() == Some(rusqlite::ErrorCode::CannotOpen) => {
            Store::read_only_connection(db)?
        }
        Err(e) => return Err(e.into()),
        Ok(_) => conn,
    };
    let id: i32 = conn.query_row("PRAGMA application_id", [], |r| r.get(0))?;
    if id != APPLICATION_ID {
        return Err(StoreError::NotOurs(db.to_path_buf()));
    }
    Ok(conn)
}

/// The newest row of the 操作日志 (its id and hash): every write the desk makes adds one, so
/// two files with the same newest row hold the same records.
fn log_head(conn: &Connection) -> Option<(i64, String)> {
    conn.query_row(
        "SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1",
        [],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
    .ok()
}

/// The newest good backup of `db` in `folder`, if it holds what the database holds now (no write
/// since it was taken): then another backup would only repeat it.
pub fn unchanged_since_backup(db: &Path, folder: &Path) -> Option<BackupInfo> {
    let newest = list_backups(db, folder)
        .ok()?
        .into_iter()
        .find(|b| b.verified)?;
    let now = log_head(&open_source(db).ok()?)?;
    let backup = Connection::open_with_flags(
        &newest.path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .ok()?;
    (log_head(&backup)? == now).then_some(newest)
}

/// Whether `folder` can take backups of `db`: it exists, or it is the default folder beside the
/// database (made on the first backup). A chosen folder that is missing is a USB drive not
/// plugged in or a share not reachable: a backup is not made elsewhere in its place.
///
/// # Errors
/// The folder is missing, with what to do.
pub fn check_folder(db: &Path, folder: &Path) -> Result<()> {
    if folder.is_dir() || folder == default_backup_folder(db) {
        return Ok(());
    }
    Err(StoreError::NotFound(format!(
        "备份文件夹 {} 找不到（U盘没有插好，或网络共享连不上？）。请接好后再试，或在 设置 → 备份 中另选文件夹",
        folder.display()
    )))
}

/// Backs up `db` into `folder` as `<stem>-YYYYMMDD-HHMMSS.sqlite3` (time `now`), with SQLite's
/// online backup from a connection of its own; verifies the copy; then thins `db`'s backups in
/// the folder. The copy is written as `….partial` and renamed only once verified; a copy that
/// fails its check is kept as `…-unverified.sqlite3` and reported as an error.
///
/// # Errors
/// The database cannot be read, the folder is missing or cannot be written (full, read-only),
/// or the copy failed its check.
pub fn back_up(db: &Path, folder: &Path, now: NaiveDateTime) -> Result<BackupInfo> {
    check_folder(db, folder)?;
    let src = open_source(db)?;
    std::fs::create_dir_all(folder).map_err(io(folder))?;
    let stem = stem(db);
    let done = folder.join(rule::file_name(&stem, now, true));
    let partial = folder.join(format!(
        "{}{}",
        rule::file_name(&stem, now, true),
        rule::PARTIAL
    ));
    let copied = copy_into(&src, &partial);
    drop(src);
    if let Err(e) = copied {
        let _ = std::fs::remove_file(&partial);
        return Err(e);
    }
    let problems = match verify_backup(&partial) {
        Ok(p) => p,
        Err(e) => vec![e.to_string()],
    };
    let verified = problems.is_empty();
    let path = if verified {
        done
    } else {
        folder.join(rule::file_name(&stem, now, false))
    };
    std::fs::rename(&partial, &path).map_err(io(&path))?;
    let bytes = std::fs::metadata(&path).map_err(io(&path))?.len();
    if !verified {
        return Err(StoreError::Conflict(format!(
            "备份 {} 校验未通过（{}），已标为“未校验”。数据库本身可能有问题：请运行 wuye-desk check 检查，并保留以前的备份",
            path.display(),
            problems.join("；")
        )));
    }
    // A failed thinning costs only disk space; the backup itself is good.
    let _ = thin(db, folder, now);
    Ok(BackupInfo {
        path,
        taken: now,
        bytes,
        verified,
    })
}

/// Copies the whole database in one step (one consistent snapshot, without restarting when
/// the desk writes meanwhile) into a fresh file at `dest`, in rollback-journal mode so the
/// backup is one self-contained file that can be read where nothing may be written.
fn copy_into(src: &Connection, dest: &Path) -> Result<()> {
    if dest.exists() {
        std::fs::remove_file(dest).map_err(io(dest))?;
    }
    let mut out = Connection::open(dest)?;
    {
        let backup = Backup::new(src, &mut out)?;
        let mut tries = 0;
        loop {
            match backup.step(-1)? {
                StepResult::Done => break,
                StepResult::More => {}
                // The desk is checkpointing or writing its schema: wait and go on.
                StepResult::Busy | StepResult::Locked if tries < 50 => {
                    tries += 1;
                    std::thread::sleep(Duration::from_millis(100));
                }
                StepResult::Busy | StepResult::Locked => {
                    return Err(StoreError::Conflict(
                        "数据库一直被占用，这次没有备份；请稍后再试".to_string(),
                    ));
                }
                _ => {
                    return Err(StoreError::Conflict(
                        "备份没有完成，这次没有备份；请稍后再试".to_string(),
                    ));
                }
            }
        }
    }
    out.query_row("PRAGMA journal_mode = DELETE", [], |_| Ok(()))?;
    out.close().map_err(|(_, e)| StoreError::from(e))?;
    Ok(())
}

/// Deletes the backups of `db` in `folder` the thinning rule lets go, and partial copies more
/// than an hour old (left by a backup that was killed). Nothing else in the folder is touched.
/// Returns how many files were deleted.
///
/// # Errors
/// The folder cannot be read.
pub fn thin(db: &Path, folder: &Path, now: NaiveDateTime) -> Result<usize> {
    let backups = list_backups(db, folder)?;
    let taken: Vec<Taken> = backups
        .iter()
        .map(|b| Taken {
            at: b.taken,
            verified: b.verified,
        })
        .collect();
    let mut deleted = 0;
    for (b, keep) in backups.iter().zip(rule::keep(&taken, now)) {
        if !keep && std::fs::remove_file(&b.path).is_ok() {
            deleted += 1;
        }
    }
    let stem = stem(db);
    for entry in std::fs::read_dir(folder).map_err(io(folder))?.flatten() {
        let name = entry.file_name();
        let old = rule::parse_partial(&stem, &name.to_string_lossy())
            .is_some_and(|t| now - t > chrono::Duration::hours(1));
        if old && std::fs::remove_file(entry.path()).is_ok() {
            deleted += 1;
        }
    }
    Ok(deleted)
}

/// `path` with `suffix` added to its file name (`desk.sqlite3` + `-wal`).
pub(super) fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// The files of a database besides the main one, which belong with it.
pub(super) const COMPANIONS: [&str; 3] = ["-wal", "-shm", "-journal"];

/// Puts `backup` in place of the database at `db`: the backup is verified first; the current
/// file, with its -wal, -shm and -journal, is kept aside as `<db>.before-restore-YYYYMMDD-HHMM`
/// (moved, never checkpointed: it may be damaged, and a damaged file is never written); the
/// backup is copied (it stays a backup) beside the database, checked again and renamed into
/// place. Returns where the current file was kept (the database's own path if there was none).
///
/// The caller holds the [`super::InstanceLock`] and has closed its [`Store`] on `db`.
///
/// # Errors
/// The backup fails its check, or a file cannot be copied or moved; the database is then as it
/// was.
pub fn restore_backup(backup: &Path, db: &Path, now: NaiveDateTime) -> Result<PathBuf> {
    let problems = verify_backup(backup)?;
    if !problems.is_empty() {
        return Err(StoreError::Conflict(format!(
            "备份 {} 校验未通过，没有恢复：{}。请选择另一个备份",
            backup.display(),
            problems.join("；")
        )));
    }
    let incoming = with_suffix(db, ".restoring");
    std::fs::copy(backup, &incoming).map_err(io(&incoming))?;
    let copied = std::fs::File::open(&incoming)
        .and_then(|f| f.sync_all())
        .map_err(io(&incoming))
        .and_then(|()| verify_backup(&incoming));
    match copied {
        Ok(p) if p.is_empty() => {}
        Ok(p) => {
            let _ = std::fs::remove_file(&incoming);
            return Err(StoreError::Conflict(format!(
                "备份复制到 {} 后校验未通过（{}），没有恢复。请检查磁盘后再试",
                incoming.display(),
                p.join("；")
            )));
        }
        Err(e) => {
            let _ = std::fs::remove_file(&incoming);
            return Err(e);
        }
    }
    let aside = set_aside(db, "before-restore", now).inspect_err(|_| {
        let _ = std::fs::remove_file(&incoming);
    })?;
    std::fs::rename(&incoming, db).map_err(io(db))?;
    Ok(aside)
}

/// Moves the database at `db` and its companions, untouched, to `<db>.<label>-YYYYMMDD-HHMM`
/// (`-2`, `-3` … when that name is taken): `before-restore` when a backup takes its place,
/// `corrupt` when the desk finds it damaged at start. On failure, what was moved is moved back.
pub fn set_aside(db: &Path, label: &str, now: NaiveDateTime) -> Result<PathBuf> {
    let base = with_suffix(db, &format!(".{label}-{}", now.format("%Y%m%d-%H%M")));
    let taken = |p: &Path| {
        std::iter::once("")
            .chain(COMPANIONS)
            .any(|s| with_suffix(p, s).exists())
    };
    let mut aside = base.clone();
    for n in 2.. {
        if !taken(&aside) {
            break;
        }
        aside = with_suffix(&base, &format!("-{n}"));
    }
    if !db.exists() {
        // Nothing to keep; stray companions of no file would be read into the restored one.
        for suffix in COMPANIONS {
            let from = with_suffix(db, suffix);
            if from.exists() {
                std::fs::rename(&from, with_suffix(&aside, suffix)).map_err(io(&from))?;
            }
        }
        return Ok(db.to_path_buf());
    }
    // The main file first: if anything after it fails, it is moved back with the rest.
    let mut moved: Vec<(PathBuf, PathBuf)> = Vec::new();
    for suffix in std::iter::once("").chain(COMPANIONS) {
        let from = with_suffix(db, suffix);
        if !from.exists() {
            continue;
        }
        let to = with_suffix(&aside, suffix);
        if let Err(e) = std::fs::rename(&from, &to) {
            for (back_from, back_to) in moved.iter().rev() {
                let _ = std::fs::rename(back_to, back_from);
            }
            return Err(io(&from)(e));
        }
        moved.push((from, to));
    }
    Ok(aside)
}

impl Store {
    /// Backs this database up into `folder` ([`back_up`]), through a connection of its own.
    pub fn back_up(&self, folder: &Path, now: NaiveDateTime) -> Result<BackupInfo> {
        back_up(self.path(), folder, now)
    }

    /// Copies the whole write-ahead log into the database file and empties it (SQLite's
    /// TRUNCATE checkpoint): done at exit, so a closed desk is one self-contained file.
    ///
    /// # Errors
    /// Another connection kept the log busy (the data is safe in the log; the next start
    /// checkpoints it), or SQLite's own error.
    pub fn close_checkpoint(&self) -> Result<()> {
        let busy: i64 = self
            .conn()
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| r.get(0))?;
        if busy != 0 {
            return Err(StoreError::Conflict(
                "另一个程序正在读取数据库，日志没有全部写回数据库文件；数据没有丢失，下次打开时会写回"
                    .to_string(),
            ));
        }
        Ok(())
    }

    /// Closes the database, puts `backup` in its place ([`restore_backup`]) and opens the restored
    /// file; nobody is signed in on it. Only the supervisor may (or with the supervisor's
    /// countersign). The caller holds the instance lock. Returns where the previous file was kept.
    ///
    /// # Errors
    /// Not the supervisor, the backup fails its check, or a file cannot be moved: the database
    /// is then opened again as it was.
    pub fn restore_from(&mut self, backup: &Path, rec: &Recorded) -> Result<PathBuf> {
        let auth = self.authorize(Action::Restore, None, rec)?;
        // Checked before the file is closed, so a bad choice leaves the desk as it was.
        let problems = verify_backup(backup)?;
        if !problems.is_empty() {
            return Err(StoreError::Conflict(format!(
                "备份 {} 校验未通过，没有恢复：{}。请选择另一个备份",
                backup.display(),
                problems.join("；")
            )));
        }
        let path = self.path().to_path_buf();
        // Closing the connection (for an empty one in memory) releases the file to be moved.
        let closed = std::mem::replace(&mut self.conn, Connection::open_in_memory()?);
        closed.close().map_err(|(_, e)| StoreError::from(e))?;
        let restored = restore_backup(backup, &path, rec.at);
        *self = Store::open(&path)?;
        let aside = restored?;
        // The restored file's own log says it was restored, by whom, from what, and where the
        // file it replaced was kept: the backup's log ends before this moment.
        let tx = self.conn.transaction()?;
        let entry = super::audit::Entry::new(
            Action::Restore,
            "从备份恢复",
            super::audit::Target::setting("数据库"),
        )
        .change(
            Some(&serde_json::json!({ "原文件保留为": aside.display().to_string() })),
            Some(&serde_json::json!({ "备份": backup.display().to_string() })),
        );
        super::audit::append(&tx, &auth, &entry)?;
        tx.commit()?;
        Ok(aside)
    }

    /// The backup settings; defaults where nothing was saved (or what was saved cannot be read).
    pub fn backup_settings(&self) -> Result<BackupSettings> {
        let mut s = BackupSettings::default();
        if let Some(folder) = setting(self.conn(), FOLDER_KEY)? {
            s.folder = folder;
        }
        if let Some(hours) = setting(self.conn(), INTERVAL_KEY)?
            .and_then(|h| h.parse().ok())
            .filter(|h| (1..=rule::MAX_INTERVAL_HOURS).contains(h))
        {
            s.interval_hours = hours;
        }
        Ok(s)
    }

    /// The folder backups go to now: the one set in 设置, or the default beside the database.
    pub fn backup_folder(&self) -> Result<PathBuf> {
        let folder = self.backup_settings()?.folder;
        Ok(if folder.trim().is_empty() {
            default_backup_folder(self.path())
        } else {
            PathBuf::from(folder.trim())
        })
    }

    /// Saves the backup settings (the supervisor's to change; logged in the 操作日志).
    ///
    /// # Errors
    /// An interval out of range, a folder that does not exist, or not the supervisor.
    pub fn save_backup_settings(&mut self, s: &BackupSettings, rec: &Recorded) -> Result<()> {
        if !(1..=rule::MAX_INTERVAL_HOURS).contains(&s.interval_hours) {
            return Err(StoreError::Conflict(format!(
                "备份间隔须在 1 到 {} 小时之间",
                rule::MAX_INTERVAL_HOURS
            )));
        }
        let folder = s.folder.trim();
        if !folder.is_empty() && !Path::new(folder).is_dir() {
            return Err(StoreError::NotFound(format!(
                "找不到文件夹 {folder}：请用“选择文件夹”选一个已有的文件夹（U盘请先插好）"
            )));
        }
        let after = BackupSettings {
            folder: folder.to_string(),
            interval_hours: s.interval_hours,
        };
        let before = self.backup_settings()?;
        self.save_settings_form(rec, "备份设置", &before, &after, |tx| {
            put_setting(tx, FOLDER_KEY, &after.folder)?;
            put_setting(tx, INTERVAL_KEY, &after.interval_hours.to_string())
        })
    }
}
