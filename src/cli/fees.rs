//! `wuye-desk fees …`: the monthly billing run, the bank's request file and its result file,
//! each signed in as at the desk (`--user`, PIN from `WUYE_PIN` or stdin).

use std::path::{Path, PathBuf};

use clap::Subcommand;

use super::account;
use crate::domain::Month;
use crate::domain::access::Action;
use crate::import::bank::{read_bank_results, write_debit_requests};

/// The fees commands.
#[derive(Debug, Subcommand)]
pub enum FeesCommand {
    /// Bill a month for every unit (生成账单); a repeated run adds nothing twice.
    Bill {
        /// The month, e.g. 2026-11.
        #[arg(long)]
        month: String,
        /// Who bills: the cashier or the supervisor.
        #[arg(long)]
        user: Option<String>,
    },
    /// Import the bank's result file (.xlsx or .csv): all or nothing; exit 1 with every bad row.
    ImportBank {
        /// The bank's file.
        file: PathBuf,
        /// Who imports: the cashier or the supervisor.
        #[arg(long)]
        user: Option<String>,
    },
    /// Write a month's debit request file for the bank (.xlsx with full account numbers).
    ExportBank {
        /// The month, e.g. 2026-11: open lines up to it are asked for.
        #[arg(long)]
        month: String,
        /// Where to write the .xlsx.
        #[arg(long)]
        out: PathBuf,
        /// Who exports: the cashier or the supervisor.
        #[arg(long)]
        user: Option<String>,
    },
}

fn month(text: &str) -> Result<Month, String> {
    Month::parse(text).map_err(|_| format!("“{text}”不是月份，应为 2026-11 这样"))
}

fn needs_db(db: &Path) -> Result<(), String> {
    if db.exists() {
        Ok(())
    } else {
        Err(format!("找不到数据库 {}，请用 --db 指定", db.display()))
    }
}

/// Runs one fees command on `db`.
pub fn run(db: &Path, command: FeesCommand) -> Result<(), String> {
    match command {
        FeesCommand::Bill { month: m, user } => bill(db, month(&m)?, user.as_deref()),
        FeesCommand::ImportBank { file, user } => import_bank(db, &file, user.as_deref()),
        FeesCommand::ExportBank {
            month: m,
            out,
            user,
        } => export_bank(db, month(&m)?, &out, user.as_deref()),
    }
}

fn bill(db: &Path, month: Month, user: Option<&str>) -> Result<(), String> {
    needs_db(db)?;
    let (mut store, _lock) = super::open_locked(db)?;
    let actor = account::sign_in_for(&mut store, db, user, Action::FeeBill)?;
    let s = store
        .run_billing(month, &account::recorded(&actor))
        .map_err(|e| e.to_string())?;
    println!(
        "{} 账单已生成：{} 户，新增 {} 笔，共 {}；预存抵扣 {} 张收据",
        month.paper(),
        s.units,
        s.lines,
        s.total,
        s.prepaid_receipts
    );
    Ok(())
}

/// Reads the file before anyone is asked for a PIN; prints every bad row (on stderr) and
/// writes nothing when there is one.
fn import_bank(db: &Path, file: &Path, user: Option<&str>) -> Result<(), String> {
    let read = read_bank_results(file).map_err(|e| e.to_string())?;
    needs_db(db)?;
    let (mut store, _lock) = super::open_locked(db)?;
    let actor = account::sign_in_for(&mut store, db, user, Action::BankDebit)?;
    let preview = store
        .preview_bank_results(&read.sha256, &read.rows)
        .map_err(|e| e.to_string())?;
    let mut problems = read.problems.clone();
    problems.extend(preview.problems.iter().cloned());
    problems.sort_by_key(|(row, _)| *row);
    if !problems.is_empty() {
        for (row, why) in &problems {
            eprintln!("第{row}行：{why}");
        }
        return Err(format!(
            "{} 行有问题，没有导入任何数据（没有入账、没有改动）。请核对后重新导入。",
            problems.len()
        ));
    }
    let s = store
        .import_bank_results(
            &read.file_name,
            &read.sha256,
            &read.rows,
            &account::recorded(&actor),
        )
        .map_err(|e| e.to_string())?;
    println!(
        "银行回盘已导入：扣款成功 {} 户，共 {}（已开收据）；扣款失败 {} 户（费用仍欠）；此前已处理 {} 户",
        s.paid, s.paid_fen, s.failed, s.already
    );
    Ok(())
}

fn export_bank(db: &Path, month: Month, out: &Path, user: Option<&str>) -> Result<(), String> {
    needs_db(db)?;
    let (mut store, _lock) = super::open_locked(db)?;
    let actor = account::sign_in_for(&mut store, db, user, Action::BankDebit)?;
    // The file is written before the requests are recorded, so a file that cannot be written
    // records nothing; the desk holds the database's lock, so the rows cannot change between.
    let rows = store.debit_requests(month).map_err(|e| e.to_string())?;
    if !rows.is_empty() {
        write_debit_requests(out, month, &rows)?;
    }
    let recorded = store.export_debit_requests(month, &account::recorded(&actor));
    let rows = match recorded {
        Ok(recorded) if recorded == rows => recorded,
        Ok(recorded) => {
            write_debit_requests(out, month, &recorded)?;
            recorded
        }
        Err(e) => {
            if !rows.is_empty() {
                let _ = std::fs::remove_file(out);
            }
            return Err(e.to_string());
        }
    };
    let total = rows.iter().fold(0i64, |t, r| t.saturating_add(r.amount.0));
    println!(
        "已生成 {}：{} 户，共 {}。文件含完整银行账号，仅供交给银行，请妥善保管。",
        out.display(),
        rows.len(),
        crate::domain::Fen(total)
    );
    Ok(())
}
