//! Headless commands of the same binary: build a demo estate, set up the first supervisor,
//! import a roster and the fees' files (signed in, as at the desk), print a form, print the
//! 操作日志, check a database and its log's chain; with no command, the desk window.

mod account;
mod archive;
mod audit;
mod backup;
mod fees;
mod today;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::domain::access::Action;
use crate::forms::{PrintArgs, PrintJob};

pub use account::PIN_VAR;
pub use audit::{AuditOptions, line as audit_line};

/// `wuye-desk print FORM [KEY] [--blank] [--building N] [--month YYYY-MM]`: the command line's
/// spelling of [`PrintArgs`].
#[derive(Debug, Clone, clap::Args)]
pub struct PrintOptions {
    /// The form (owner-card, release-pass, release-register, key-loans, key-issues,
    /// vacancy-sheet, vacancy-application, repair-slip, daily-report, handover-sheet,
    /// move-in-list, renovation-application, renovation-permit, worker-passes, patrol-log,
    /// rectification, deposit-refund …).
    pub form: String,
    /// Which record: for owner-card the unit, e.g. 3-2-1502.
    pub key: Option<String>,
    /// A part of the record: for rectification the notice's number, e.g. 1.
    pub item: Option<String>,
    /// A blank form for handwriting, where the form has one.
    #[arg(long)]
    pub blank: bool,
    /// The building, for forms made per building.
    #[arg(long)]
    pub building: Option<u32>,
    /// The month, `2026-11`, for monthly registers.
    #[arg(long)]
    pub month: Option<String>,
}

impl From<PrintOptions> for PrintArgs {
    fn from(o: PrintOptions) -> PrintArgs {
        PrintArgs {
            form: o.form,
            key: o.key,
            blank: o.blank,
            building: o.building,
            month: o.month,
            item: o.item,
        }
    }
}
use crate::store::{InstanceLock, Store};

/// 物业客服台: the customer-service desk of a residential property-management office.
#[derive(Debug, Parser)]
#[command(name = "wuye-desk", version, about)]
pub struct Cli {
    /// The database file (default: the system's data folder).
    #[arg(long, global = true)]
    pub db: Option<PathBuf>,
    /// Open the desk on a fresh demo estate instead of the office's database.
    #[arg(long)]
    pub demo: bool,
    /// A headless command; without one the desk window opens.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The headless commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build a realistic demo estate into a new database.
    Demo {
        /// Years of records to generate (for the tabs that keep records).
        #[arg(long, default_value_t = 1)]
        years: u32,
        /// Replace the file if it already exists.
        #[arg(long)]
        force: bool,
    },
    /// Set up the first supervisor account of a new database (PIN from WUYE_PIN or stdin).
    SetupSupervisor {
        /// The supervisor's name.
        #[arg(long)]
        name: String,
    },
    /// Import an owner roster (.xlsx or .csv) signed in as --user (a receptionist or the
    /// supervisor; PIN from WUYE_PIN or stdin); exit 1 with every bad row on bad input.
    ImportRoster {
        /// The spreadsheet.
        file: PathBuf,
        /// Who imports: a staff member's name.
        #[arg(long)]
        user: Option<String>,
    },
    /// Print a form to a PDF file.
    Print {
        /// What to print, and for which record.
        #[command(flatten)]
        args: PrintOptions,
        /// Where to write the PDF.
        #[arg(long)]
        out: PathBuf,
    },
    /// Print the 操作日志, newest first, one row per line.
    Audit {
        /// Which rows.
        #[command(flatten)]
        filter: AuditOptions,
    },
    /// Check the database (integrity, foreign keys, the 操作日志's hash chain and its
    /// protecting triggers); exit 1 on any problem.
    Check,
    /// Back the database up (SQLite's online backup, verified) into --to or the folder set in
    /// 设置; works while the desk is open.
    Backup {
        /// The folder (default: the one set in 设置, or 备份 beside the database).
        #[arg(long)]
        to: Option<PathBuf>,
    },
    /// List the database's backups: time, size, verified.
    Backups,
    /// 收费管理: bill a month, export the bank's debit request file, import its result file.
    Fees {
        /// Which.
        #[command(subcommand)]
        command: fees::FeesCommand,
    },
    /// 今日: what is due or overdue now, most urgent first, one line an item (a read: no
    /// sign-in).
    Today {
        /// The time to look from, `2026-11-30 09:15` (default: now).
        #[arg(long)]
        at: Option<String>,
    },
    /// 月末归档: build a month's archive (folder + .zip) signed in as the supervisor, or
    /// `verify` one.
    Archive(archive::ArchiveArgs),
    /// Replace the database by a backup (verified first; the current file is kept aside as
    /// `<db>.before-restore-YYYYMMDD-HHMM`); refused while a desk has it open.
    Restore {
        /// The backup file.
        backup: PathBuf,
    },
}

/// Where the office's database lives unless `--db` says otherwise.
pub fn default_db_path() -> PathBuf {
    directories::ProjectDirs::from("cn", "wuye", "wuye-desk")
        .map(|d| d.data_dir().join("wuye-desk.sqlite3"))
        .unwrap_or_else(|| PathBuf::from("wuye-desk.sqlite3"))
}

/// Where `--demo` builds its fresh demo estate.
pub fn demo_db_path() -> PathBuf {
    directories::ProjectDirs::from("cn", "wuye", "wuye-desk")
        .map(|d| d.data_dir().join("demo.sqlite3"))
        .unwrap_or_else(|| std::env::temp_dir().join("wuye-desk-demo.sqlite3"))
}

/// Runs the command line; the exit code is 1 on any failure, with the reason on stderr.
pub fn run(cli: Cli) -> ExitCode {
    let result = match cli.command {
        None => open_desk(cli.db, cli.demo),
        Some(command) => {
            let db = cli.db.unwrap_or_else(default_db_path);
            match command {
                Command::Demo { years, force } => demo(&db, years, force),
                Command::SetupSupervisor { name } => account::setup_supervisor(&db, &name),
                Command::ImportRoster { file, user } => import_roster(&db, &file, user.as_deref()),
                Command::Print { args, out } => print(&db, &args.into(), &out),
                Command::Audit { filter } => audit::audit(&db, &filter),
                Command::Check => check(&db),
                Command::Backup { to } => backup::backup(&db, to.as_deref()),
                Command::Backups => backup::backups(&db),
                Command::Restore { backup: file } => backup::restore(&file, &db),
                Command::Fees { command } => fees::run(&db, command),
                Command::Today { at } => today::today(&db, at.as_deref()),
                Command::Archive(args) => archive::run(&db, args),
            }
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("错误：{e}");
            ExitCode::FAILURE
        }
    }
}

fn open_locked(db: &Path) -> Result<(Store, InstanceLock), String> {
    let lock = InstanceLock::acquire(db).map_err(|e| e.to_string())?;
    let store = Store::open(db).map_err(|e| e.to_string())?;
    Ok((store, lock))
}

fn open_desk(db: Option<PathBuf>, demo_mode: bool) -> Result<(), String> {
    let app = if demo_mode {
        let path = demo_db_path();
        match fresh_demo(&path, 1) {
            Ok(()) => desk_app(&path),
            Err(e) => crate::ui::App::Failed(e),
        }
    } else {
        desk_app(&db.unwrap_or_else(default_db_path))
    };
    crate::ui::run(app).map_err(|e| format!("窗口无法打开：{e}"))
}

fn desk_app(path: &Path) -> crate::ui::App {
    crate::ui::start::open(path, crate::domain::date::now_local())
}

/// Rebuilds the demo database at `path`. It is built into `<path>.building` beside it and renamed
/// into place only when complete, so a build killed half-way leaves no half-built estate under
/// the demo's name (and the previous demo, if any, stays until then).
fn fresh_demo(path: &Path, years: u32) -> Result<(), String> {
    let _lock = InstanceLock::acquire(path).map_err(|e| e.to_string())?;
    let mut building = path.as_os_str().to_owned();
    building.push(".building");
    let building = PathBuf::from(building);
    remove_database(&building)?;
    let built = Store::open(&building).and_then(|mut store| {
        crate::demo::build(&mut store, years)?;
        // Closing the last connection copies the WAL into the file: one self-contained file.
        drop(store);
        Ok(())
    });
    if let Err(e) = built {
        let _ = remove_database(&building);
        return Err(e.to_string());
    }
    remove_database(path)?;
    // The main file last: a -wal left by a close that could not checkpoint goes with it.
    for suffix in ["-wal", ""] {
        let (mut from, mut to) = (building.as_os_str().to_owned(), path.as_os_str().to_owned());
        from.push(suffix);
        to.push(suffix);
        if Path::new(&from).exists() {
            std::fs::rename(&from, &to)
                .map_err(|e| format!("无法把演示数据库移到 {}：{e}", path.display()))?;
        }
    }
    Ok(())
}

/// Removes a database file and its -wal and -shm, where they exist.
fn remove_database(path: &Path) -> Result<(), String> {
    for suffix in ["-wal", "-shm", ""] {
        let mut p = path.as_os_str().to_owned();
        p.push(suffix);
        let p = PathBuf::from(p);
        if p.exists() {
            std::fs::remove_file(&p)
                .map_err(|e| format!("无法删除旧的演示数据库 {}：{e}", p.display()))?;
        }
    }
    Ok(())
}

fn demo(db: &Path, years: u32, force: bool) -> Result<(), String> {
    if db.exists() && !force {
        return Err(format!(
            "{} 已存在。演示数据只写入新文件；确实要覆盖请加 --force。",
            db.display()
        ));
    }
    fresh_demo(db, years)?;
    let store = Store::open(db).map_err(|e| e.to_string())?;
    let units = store.unit_count().map_err(|e| e.to_string())?;
    println!("演示小区已生成：{}，共 {units} 套房屋", db.display());
    Ok(())
}

/// Imports a roster signed in as `user`. A file that cannot be read fails before the PIN is
/// asked; its rows are checked against the register once the person is signed in.
fn import_roster(db: &Path, file: &Path, user: Option<&str>) -> Result<(), String> {
    let mut prepared = crate::import::prepare(file).map_err(|e| e.to_string())?;
    if !db.exists() {
        return Err(format!(
            "找不到数据库 {}。新的数据库请先用 wuye-desk setup-supervisor --name 姓名 --db {} 建立第一个主管账户",
            db.display(),
            db.display()
        ));
    }
    let (mut store, _lock) = open_locked(db)?;
    let actor = account::sign_in_for(&mut store, db, user, Action::RosterImport)?;
    let font = crate::forms::font::roster_problems(&prepared.records);
    prepared.add_problems(font);
    let register = store
        .check_roster(&prepared.records)
        .map_err(|e| e.to_string())?;
    prepared.add_problems(register);
    println!("读取了{}", prepared.sheets_text());
    for s in &prepared.skipped {
        println!("未读取：{s}");
    }
    for note in &prepared.notes {
        println!("{note}");
    }
    if !prepared.problems.is_empty() {
        for p in &prepared.problems {
            eprintln!("{p}");
        }
        return Err(format!(
            "{} 处问题，没有导入任何数据。请改正后重新导入。",
            prepared.problems.len()
        ));
    }
    if !prepared.ignored_columns.is_empty() {
        println!(
            "未识别的列（已忽略）：{}",
            prepared.ignored_columns.join("、")
        );
    }
    let s = store
        .import_roster(&prepared.records, &account::recorded(&actor))
        .map_err(|e| e.to_string())?;
    println!(
        "导入完成：新登记房屋 {} 套，更新房屋 {} 套，新增人员 {} 人，更新人员 {} 人，{} 行与档案一致未改动",
        s.units_added, s.units_updated, s.people_added, s.people_updated, s.unchanged
    );
    Ok(())
}

fn print(db: &Path, args: &PrintArgs, out: &Path) -> Result<(), String> {
    let job = PrintJob::parse(args)?;
    let store = Store::open_read_only(db, READ_ONLY_COMMAND).map_err(|e| e.to_string())?;
    let office = store.office().map_err(|e| e.to_string())?;
    let bytes = crate::forms::render(&store, &office, &job).map_err(|e| e.to_string())?;
    std::fs::write(out, bytes).map_err(|e| format!("无法写入 {}：{e}", out.display()))?;
    println!("已生成 {}", out.display());
    Ok(())
}

/// The triggers that keep the 操作日志 append-only; `check` reports either one missing.
const AUDIT_TRIGGERS: [&str; 2] = ["audit_log_no_update", "audit_log_no_delete"];

/// Why `print`, `check` and `audit` refuse to save: they only read, and open the file so that
/// nothing in it or beside it changes (a copy on read-only media, a full disk, a busy desk).
pub(crate) const READ_ONLY_COMMAND: &str = "这个命令只读取数据库";

fn check(db: &Path) -> Result<(), String> {
    let store = Store::open_read_only(db, READ_ONLY_COMMAND).map_err(|e| e.to_string())?;
    // SQLite's own checks and the walk of the log's chain each read the whole file: on a second
    // connection in a second thread they take the time of the longer one, not of both.
    let (checked, chain) = std::thread::scope(|s| {
        let chain = s.spawn(|| {
            Store::open_read_only(db, READ_ONLY_COMMAND)
                .and_then(|other| other.verify_audit())
                .map_err(|e| e.to_string())
        });
        let checked = store.check().map_err(|e| e.to_string());
        let chain = chain
            .join()
            .unwrap_or_else(|_| Err("核对操作日志时程序出错".to_string()));
        (checked, chain)
    });
    let mut problems = checked?;
    let schema = store.schema_sql().map_err(|e| e.to_string())?;
    for trigger in AUDIT_TRIGGERS {
        if !schema
            .iter()
            .any(|s| s.starts_with(&format!("trigger {trigger}:")))
        {
            problems.push(format!(
                "操作日志的保护触发器 {trigger} 不见了：有人绕过客服台改过数据库结构"
            ));
        }
    }
    problems.extend(chain?);
    if problems.is_empty() {
        let rows = store
            .audit_log(&crate::store::AuditFilter::default(), 0, 0)
            .map_err(|e| e.to_string())?
            .total;
        println!(
            "数据库正常：{}（数据版本 {}）；操作日志 {rows} 条，校验链完整",
            db.display(),
            store.schema_version().map_err(|e| e.to_string())?
        );
        Ok(())
    } else {
        for p in &problems {
            eprintln!("{p}");
        }
        Err(format!("发现 {} 个问题", problems.len()))
    }
}
