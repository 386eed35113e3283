//! The SQLite store: the only module that speaks SQL.
//!
//! Every write is one transaction behind a function returning [`StoreError`], whose message a
//! receptionist can act on.

mod accounts;
mod audit;
pub mod backup;
mod closing;
mod feedback;
mod fees;
mod gate;
mod keys;
mod lock;
mod lostfound;
mod movein;
mod open;
mod people;
mod renovation;
mod rental;
mod repairs;
mod roster;
mod schema;
mod search;
mod session;
mod settings;
mod staff;
mod stats;
pub mod today;
mod units;
mod vacancy;

use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::NaiveDateTime;
use rusqlite::{Connection, OptionalExtension};

pub use audit::{AuditFilter, AuditPage, AuditRow};
pub use backup::{
    BackupInfo, back_up, backup_folders, default_backup_folder, list_backups, restore_backup,
    set_aside, verify_backup,
};
pub use closing::{ArchiveRun, ArchivedMonth, closed_kinds};
pub use feedback::{FeedbackFilter, FeedbackRecord, FeedbackSummary, WorkOrder};
pub use fees::{
    AccountEvent, ArrearsPage, ArrearsRow, ArrearsSort, BankAgreement, BankImportSummary,
    BankResultRow, BillRow, BillingPreview, BillingSummary, CashierDay, DebitRequest, FeeAccount,
    LossMonth, MonthEndArrears, NewCharge, NewReading, ParkingId, ParkingSpace, PastPayment,
    Payment, REFUND_METHODS, ReadingRow, ReceiptLine, ReceiptRecord, ReceiptRow, RefundRecord,
    Reminder, UnitFeeBasis, arrears_sql_for_shell,
};
pub use gate::{PassHistory, PassId, PassRecord, Stamp};
pub use keys::{
    IssueRecord, KeyHistory, KeyId, KeyRecord, KeyReturn, LoanHistory, LoanId, LoanRecord,
};
pub use lock::InstanceLock;
pub use lostfound::{
    ClaimRecord, DisposalRecord, FoundFilter, FoundItemRecord, LossReportRecord, PastEnd,
    PastFoundItem,
};
pub use movein::{
    DefectRecord, HandoverInspection, MoveInCase, MoveInDefect, MoveInRecord, MoveInRow,
};
pub use open::{QuickCheck, set_aside_files};
pub use people::PersonRecord;
pub use renovation::{
    AcceptanceRecord, AcceptanceRow, DepositRefund, InspectionRepair, PaperReceived,
    PastRenovation, PastRenovationStep, PatrolLogRow, PatrolRecord, PhaseRecord, Rectification,
    RenovationFile, RenovationLine, RenovationRow, RenovationStep, RoundRow, RoundTask, SITE_LIMIT,
    SecondInspectionRecord, SiteFilter, SiteRow,
};
pub use rental::{
    EndingLease, EntrustmentRow, LeaseRecord, LeaseRow, LeaseSigned, PastRental, PastRentalStep,
    RentalFilter, RentalRecord, RentalSummary, ViewingRecord, ViewingRow,
};
pub use repairs::{
    RepairEventLine, RepairFilter, RepairMaterialLine, RepairPage, RepairRecord, RepairSummary,
};
pub use roster::ImportSummary;
pub use schema::{APPLICATION_ID, MIGRATIONS};
pub use search::{SearchPage, UnitSummary, search_sql_for_shell};
pub use session::{Actor, LOCK_MINUTES, MAX_TRIES, Refusal};
pub use settings::{DEFAULT_IDLE_LOCK_MINUTES, MAX_IDLE_LOCK_MINUTES};
pub use staff::StaffRecord;
pub use units::{LogEntry, UnitRecord};
pub use vacancy::{
    ApplicationRecord, BulkApplication, BulkInspection, InspectionRecord, NewApplication,
    OfficerBuildings, VacantUnit,
};
pub use vacancy::{
    BasementInspectionRecord, BasementMonth, BasementRecord, BasementWalk, Inspector, RepairLink,
};

/// Everything that can go wrong in the store, worded for the desk.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The file was written by a newer program; it was not touched.
    #[error(
        "这个数据库来自更新版本的客服台（数据版本 {found}，本程序只认识到 {supported}），没有做任何改动。请升级客服台后再打开。"
    )]
    TooNew {
        /// `user_version` in the file.
        found: i64,
        /// The newest version this program knows.
        supported: i64,
    },
    /// Not a database at all.
    #[error("{0} 不是数据库文件（也许选错了文件），没有做任何改动。请检查文件路径。")]
    NotADatabase(PathBuf),
    /// Another program's SQLite database.
    #[error("{0} 是其他程序的数据库，不是客服台的，没有做任何改动。请检查文件路径。")]
    NotOurs(PathBuf),
    /// Ours, but damaged: nothing was written to it.
    #[error(
        "客服台的数据库 {path} 已损坏（{detail}）。没有在这个文件上写入任何东西；请从备份恢复。"
    )]
    Damaged {
        /// The file.
        path: PathBuf,
        /// What is wrong with it.
        detail: String,
    },
    /// Ours, but it cannot be read here.
    #[error("客服台的数据库 {path} 在这里无法打开：{why}。文件本身没有改动。")]
    Unreadable {
        /// The file.
        path: PathBuf,
        /// Why, and what to do.
        why: String,
    },
    /// Another program holds the file (a backup, a copy in progress, a tool) and did not let go.
    #[error("数据库 {0} 正被另一个程序使用，请稍后再试；如果一直这样，请重新启动电脑。")]
    Busy(PathBuf),
    /// A save on a store opened read-only.
    #[error("数据库现在只能查看和打印，不能保存：{0}")]
    ReadOnly(String),
    /// Another desk has the database open.
    #[error("这个数据库（{0}）已经在另一个客服台窗口中打开。请先关闭那个窗口，再打开这里。")]
    InUse(PathBuf),
    /// A file could not be read or written.
    #[error("无法访问文件 {path}：{source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// What the OS said.
        source: std::io::Error,
    },
    /// The record asked for does not exist (any more).
    #[error("{0}")]
    NotFound(String),
    /// The record would clash with one already saved.
    #[error("{0}")]
    Conflict(String),
    /// A write with nobody signed in.
    #[error("请先登录")]
    NotSignedIn,
    /// The person signed in lacks the role the action needs; someone who has it must
    /// countersign ([`Store::countersign`]) and the write be tried again.
    #[error("{message}")]
    NeedsCountersign {
        /// What was tried.
        action: crate::domain::access::Action,
        /// The building of the record, for the actions bound to an area.
        building: Option<u32>,
        /// What the desk shows.
        message: String,
    },
    /// Data in the database that this program cannot read back.
    #[error("数据库里有无法识别的数据：{0}。请运行 wuye-desk check 检查数据库。")]
    Corrupt(String),
    /// Anything else SQLite reports, said in the desk's words ([`sqlite_message`]).
    #[error("{}", sqlite_message(.0))]
    Sqlite(#[from] rusqlite::Error),
}

impl StoreError {
    /// What is wrong with the database file, when this error says it is damaged: found by
    /// looking at the file ([`StoreError::Damaged`]), or by SQLite reading a page that is not
    /// what it should be. The desk then keeps the file aside and offers a backup.
    pub fn damage(&self) -> Option<String> {
        match self {
            StoreError::Damaged { detail, .. } => Some(detail.clone()),
            StoreError::Sqlite(e)
                if matches!(
                    e.sqlite_error_code(),
                    Some(rusqlite::ErrorCode::DatabaseCorrupt | rusqlite::ErrorCode::NotADatabase)
                ) =>
            {
                Some(e.to_string())
            }
            _ => None,
        }
    }
}

/// What the desk says for an error SQLite reports: what happened and what to do, in Chinese,
/// with SQLite's own words in brackets for whoever looks into it.
fn sqlite_message(e: &rusqlite::Error) -> String {
    use rusqlite::ErrorCode as C;
    let said = match e.sqlite_error_code() {
        Some(C::DatabaseBusy | C::DatabaseLocked) => {
            "数据库正被另一个程序使用（另一个客服台窗口或备份），请稍后再试"
        }
        Some(C::ReadOnly) => {
            "数据库文件是只读的（只读的U盘、光盘或没有写权限的文件夹），不能保存；请把数据库放到可以写入的位置"
        }
        Some(C::DiskFull) => "磁盘已满，这次没有保存；请清理磁盘空间后再试，已保存的数据没有丢失",
        Some(C::SystemIoFailure) => {
            "读写磁盘时出错（磁盘或U盘可能有问题），这次没有保存；请检查磁盘后再试，并尽快备份"
        }
        Some(C::DatabaseCorrupt | C::NotADatabase) => {
            "数据库文件已损坏；请不要继续使用，运行 wuye-desk check 检查，并从备份恢复"
        }
        Some(C::CannotOpen | C::PermissionDenied) => {
            "无法打开数据库文件：请检查文件路径，以及这个文件夹是否允许读写"
        }
        Some(C::OutOfMemory) => "内存不足，这次没有保存；请关闭其他程序后再试",
        _ => "数据库出错",
    };
    format!("{said}（{e}）")
}

/// Results of the store.
pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// An open database.
#[derive(Debug)]
pub struct Store {
    conn: Connection,
    path: PathBuf,
    session: session::Session,
    /// Why saving is refused, when the file was opened read-only.
    read_only: Option<String>,
}

/// The format of times in the database: local time, to the second, sortable as text.
pub(crate) const TIME_FORMAT: &str = "%Y-%m-%d %H:%M:%S";

pub(crate) fn time_text(t: NaiveDateTime) -> String {
    t.format(TIME_FORMAT).to_string()
}

/// A month as the half-open range of stored times `[first day 00:00:00, next month's first day)`,
/// so a month's records are one range scan on a time index.
pub(crate) fn month_range(month: crate::domain::Month) -> (String, String) {
    let start = |m: crate::domain::Month| format!("{} 00:00:00", m.first_day().format("%Y-%m-%d"));
    (start(month), start(month.next()))
}

pub(crate) fn parse_time(text: &str) -> Result<NaiveDateTime> {
    NaiveDateTime::parse_from_str(text, TIME_FORMAT)
        .map_err(|_| StoreError::Corrupt(format!("时间 “{text}”")))
}

impl Store {
    /// Opens (creating if missing) the database at `path` and brings its schema up to date.
    ///
    /// A file from a newer program, a file that is not ours, and a file of ours that is damaged
    /// or cannot be read here are refused and left exactly as they were: nothing is written
    /// before those checks pass (see [`Store::inspect`]). A file that is up to date is not
    /// written at all on opening.
    pub fn open(path: &Path) -> Result<Store> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| StoreError::Io {
                path: dir.to_path_buf(),
                source: e,
            })?;
        }
        let existed = path.exists();
        if existed {
            Self::inspect(path)?;
        }
        let conn = Connection::open(path)?;
        if existed && open::non_empty(&backup::with_suffix(path, "-journal")) {
            // A crash left a rollback journal: the first read rolls it back (as SQLite does
            // after every crash), and only then does the header say for sure whose file it is.
            conn.busy_timeout(Duration::from_secs(5))?;
            conn.query_row("SELECT count(*) FROM sqlite_schema", [], |_| Ok(()))
                .map_err(|e| open::ours_failed(path, e))?;
            Self::inspect(path)?;
        }
        let mut store = Store {
            conn,
            path: path.to_path_buf(),
            session: session::Session::default(),
            read_only: None,
        };
        store.configure()?;
        store.migrate()?;
        Ok(store)
    }

    fn configure(&mut self) -> Result<()> {
        self.conn.busy_timeout(Duration::from_secs(5))?;
        let mode: String = self
            .conn
            .query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
        if !mode.eq_ignore_ascii_case("wal") {
            return Err(StoreError::Corrupt(format!(
                "无法启用 WAL 日志模式（{mode}）"
            )));
        }
        // The write-ahead log is copied back into the file by the desk's minute tick
        // ([`Store::checkpoint`]), off the path of any save; SQLite's own automatic checkpoint,
        // which runs inside whichever commit crosses its mark, is kept only as a backstop for
        // long runs of writes without a tick (a bulk import), at ten times its default.
        self.conn.execute_batch(
            "PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;
             PRAGMA wal_autocheckpoint = 10000;",
        )?;
        Ok(())
    }

    /// Copies what the write-ahead log holds back into the database file, without waiting for
    /// readers (SQLite's PASSIVE checkpoint). The desk runs it on its minute tick, so a save
    /// never pays for it.
    pub fn checkpoint(&self) -> Result<()> {
        if self.read_only.is_some() {
            return Ok(());
        }
        self.conn
            .query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |_| Ok(()))?;
        Ok(())
    }

    /// Runs the migrations the file lacks, all in one transaction.
    fn migrate(&mut self) -> Result<()> {
        // A file that is up to date is not written at all on opening: a full disk or a busy
        // file must not stop the desk from opening it to read.
        let (version, id): (i64, i32) = self.conn.query_row(
            "SELECT (SELECT user_version FROM pragma_user_version),
                    (SELECT application_id FROM pragma_application_id)",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        if version == schema::version() && id == APPLICATION_ID {
            return Ok(());
        }
        let tx = self.conn.transaction()?;
        let version: i64 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        if version > schema::version() {
            return Err(StoreError::TooNew {
                found: version,
                supported: schema::version(),
            });
        }
        for (i, sql) in MIGRATIONS.iter().enumerate().skip(version as usize) {
            tx.execute_batch(sql)?;
            tx.pragma_update(None, "user_version", (i + 1) as i64)?;
        }
        tx.pragma_update(None, "application_id", APPLICATION_ID)?;
        tx.commit()?;
        Ok(())
    }

    /// The database file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The schema version of the open file.
    pub fn schema_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))?)
    }

    /// The newest schema version this program writes.
    pub fn supported_version() -> i64 {
        schema::version()
    }

    /// Runs SQLite's integrity and foreign-key checks, and checks the tables the triggers keep
    /// beside the records (信息反馈's search pairs); returns every problem found.
    pub fn check(&self) -> Result<Vec<String>> {
        let mut problems = Vec::new();
        let mut stmt = self.conn.prepare("PRAGMA integrity_check")?;
        for row in stmt.query_map([], |r| r.get::<_, String>(0))? {
            let row = row?;
            if row != "ok" {
                problems.push(format!("完整性检查：{row}"));
            }
        }
        let mut stmt = self.conn.prepare("PRAGMA foreign_key_check")?;
        let rows = stmt.query_map([], |r| {
            Ok(format!(
                "外键检查：表 {} 的第 {} 行指向不存在的 {}",
                r.get::<_, String>(0)?,
                r.get::<_, Option<i64>>(1)?.unwrap_or_default(),
                r.get::<_, String>(2)?
            ))
        })?;
        for row in rows {
            problems.push(row?);
        }
        problems.extend(self.feedback_search_problem()?);
        Ok(problems)
    }

    /// The schema as SQL text, for comparing an upgraded file with a fresh one.
    pub fn schema_sql(&self) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare(
            "SELECT type || ' ' || name || ': ' || coalesce(sql, '') FROM sqlite_schema
             WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name",
        )?;
        let rows = stmt
            .query_map([], |r| r.get(0))?
            .collect::<Result<Vec<String>, _>>()?;
        Ok(rows)
    }

    /// Copies the database into `dest` with SQLite's online backup (a consistent snapshot).
    pub fn backup_to(&self, dest: &Path) -> Result<()> {
        self.conn.backup(
            rusqlite::MAIN_DB,
            dest,
            None::<fn(rusqlite::backup::Progress)>,
        )?;
        Ok(())
    }

    pub(crate) fn conn(&self) -> &Connection {
        &self.conn
    }
}

/// Maps "no row" to a [`StoreError::NotFound`] with the given message.
pub(crate) fn found<T>(value: Option<T>, what: impl FnOnce() -> String) -> Result<T> {
    value.ok_or_else(|| StoreError::NotFound(what()))
}

/// Runs a single-row query that may find nothing.
pub(crate) fn optional<T>(r: rusqlite::Result<T>) -> Result<Option<T>> {
    Ok(r.optional()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn failure(code: std::os::raw::c_int, text: &str) -> StoreError {
        StoreError::Sqlite(rusqlite::Error::SqliteFailure(
            rusqlite::ffi::Error::new(code),
            Some(text.to_string()),
        ))
    }

    #[test]
    fn sqlites_errors_are_said_in_chinese_with_what_to_do() {
        use rusqlite::ffi;
        for (code, text, want) in [
            (ffi::SQLITE_FULL, "database or disk is full", "磁盘已满"),
            (ffi::SQLITE_BUSY, "database is locked", "正被另一个程序使用"),
            (
                ffi::SQLITE_READONLY,
                "attempt to write a readonly database",
                "只读",
            ),
            (ffi::SQLITE_IOERR, "disk I/O error", "读写磁盘时出错"),
            (
                ffi::SQLITE_CORRUPT,
                "database disk image is malformed",
                "已损坏",
            ),
            (
                ffi::SQLITE_CANTOPEN,
                "unable to open database file",
                "无法打开",
            ),
        ] {
            let said = failure(code, text).to_string();
            assert!(said.contains(want), "{said}");
            assert!(
                said.contains(text),
                "SQLite's words kept for support: {said}"
            );
        }
        let other = failure(ffi::SQLITE_CONSTRAINT, "CHECK constraint failed").to_string();
        assert!(other.starts_with("数据库出错"), "{other}");
    }
}
