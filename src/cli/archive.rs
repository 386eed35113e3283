//! `wuye-desk archive --month 2026-11 --out DIR --user 主管` builds the month-end archive and
//! records it (closing the month; the supervisor signs in as at the desk), printing each file
//! as it is written; `wuye-desk archive verify DIR|ZIP` checks one, exit 1 naming each problem.

use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;

use clap::Subcommand;

use super::account;
use crate::archive;
use crate::domain::Month;
use crate::domain::access::Action;
use crate::store::ArchiveRun;

/// `archive`'s options, or its `verify` subcommand.
#[derive(Debug, Clone, clap::Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct ArchiveArgs {
    /// `verify DIR|ZIP` instead of building.
    #[command(subcommand)]
    pub command: Option<ArchiveCommand>,
    /// The month to archive, e.g. 2026-11.
    #[arg(long)]
    pub month: Option<String>,
    /// The folder to write the archive folder and its .zip into.
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Who archives: the supervisor (PIN from WUYE_PIN or stdin).
    #[arg(long)]
    pub user: Option<String>,
}

/// The archive's subcommands.
#[derive(Debug, Clone, Subcommand)]
pub enum ArchiveCommand {
    /// Check an archive folder or .zip: every checksum, every file readable; exit 1 naming
    /// each file changed, missing, unreadable or unlisted.
    Verify {
        /// The archive folder or its .zip.
        path: PathBuf,
    },
}

/// Runs `archive` on `db`.
pub fn run(db: &Path, args: ArchiveArgs) -> Result<(), String> {
    if let Some(ArchiveCommand::Verify { path }) = args.command {
        return verify(&path);
    }
    let Some(text) = args.month else {
        return Err("请用 --month 2026-11 说明归档哪个月".to_string());
    };
    let month = Month::parse(&text).map_err(|_| format!("“{text}”不是月份，应为 2026-11 这样"))?;
    let Some(out) = args.out else {
        return Err("请用 --out 文件夹 说明归档写到哪里".to_string());
    };
    if !db.exists() {
        return Err(format!("找不到数据库 {}，请用 --db 指定", db.display()));
    }
    let (mut store, _lock) = super::open_locked(db)?;
    // Signed in first: a refusal costs nothing, and the run is recorded under this person.
    let actor = account::sign_in_for(&mut store, db, args.user.as_deref(), Action::MonthArchive)?;
    let never = AtomicBool::new(false);
    let made = archive::build(
        &store,
        month,
        &out,
        &mut |p| println!("[{}/{}] {}", p.done, p.total, p.name),
        &never,
    )
    .map_err(|e| e.to_string())?;
    store
        .record_archive(
            &ArchiveRun {
                month,
                folder: made.folder.display().to_string(),
                digest: made.digest.clone(),
                files: made.files,
            },
            &account::recorded(&actor),
        )
        .map_err(|e| e.to_string())?;
    let t = made.timings;
    println!(
        "已归档 {month}：{}（{} 个文件）\n压缩包：{}\n校验：在该文件夹中运行 sha256sum -c SHA256SUMS\n用时（两个线程合计）：表格 {:.1} 秒，PDF {:.1} 秒，写入与校验值 {:.1} 秒，压缩 {:.1} 秒",
        made.folder.display(),
        made.files,
        made.zip.display(),
        t.spreadsheets.as_secs_f64(),
        t.pdfs.as_secs_f64(),
        t.sums.as_secs_f64(),
        t.zip.as_secs_f64()
    );
    Ok(())
}

fn verify(path: &Path) -> Result<(), String> {
    if !path.exists() {
        return Err(format!("找不到 {}", path.display()));
    }
    let report = archive::verify(path).map_err(|e| e.to_string())?;
    if report.problems.is_empty() {
        println!(
            "归档完好：{}，{} 个文件校验一致、均可打开",
            path.display(),
            report.ok
        );
        return Ok(());
    }
    for p in &report.problems {
        eprintln!("{p}");
    }
    Err(format!(
        "{} 有 {} 个问题（{} 个文件完好）",
        path.display(),
        report.problems.len(),
        report.ok
    ))
}
