//! The bank's result file (回盘) against the requests sent: each row matched to its request by
//! 房号, 账号 and 金额, then planned (paid, failed, already done, or a problem) before anything is
//! written, so the import is all or nothing and the preview says exactly what it will do.

use std::collections::HashMap;

use rusqlite::{Connection, OptionalExtension, Transaction, params};

use super::bank::{BankImportSummary, BankResultRow};
use super::{NewReceipt, issue_receipt_in};
use crate::domain::Fen;
use crate::domain::bank_account::mask_account;
use crate::domain::fees::{LineId, PayMethod};
use crate::domain::staff::Recorded;
use crate::domain::unit::UnitId;
use crate::store::{Result, StoreError, time_text, units};

/// A request as the matching needs it.
struct Request {
    id: i64,
    month: String,
    amount: Fen,
    lines: Vec<i64>,
    /// Whether a result file answered it already.
    answered: bool,
    holder: String,
    account: String,
}

/// What one good row will do.
pub(crate) struct Step {
    row: usize,
    request: i64,
    unit: UnitId,
    ok: bool,
    note: String,
    /// The request's lines still owed (paid by this row when it succeeded).
    open: Vec<LineId>,
    /// Debited beyond those lines (they were paid at the desk meanwhile): kept as 预存.
    prepay: Fen,
    holder: String,
}

fn requests_of(conn: &Connection, unit: UnitId) -> Result<Vec<Request>> {
    let mut stmt = conn.prepare_cached(
        "SELECT r.id, r.month, r.amount_fen, r.line_ids, r.batch_id IS NOT NULL, a.holder,
                a.account
         FROM bank_requests r JOIN bank_agreements a ON a.id = r.agreement_id
         WHERE r.unit_id = ?1 ORDER BY r.id DESC",
    )?;
    let rows = stmt.query_map([unit.0], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, i64>(2)?,
            r.get::<_, String>(3)?,
            r.get::<_, bool>(4)?,
            r.get::<_, String>(5)?,
            r.get::<_, String>(6)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (id, month, amount, lines, answered, holder, account) = row?;
        let lines = serde_json::from_str(&lines)
            .map_err(|_| StoreError::Corrupt(format!("代扣申请的账单行 {lines}")))?;
        out.push(Request {
            id,
            month,
            amount: Fen(amount),
            lines,
            answered,
            holder,
            account,
        });
    }
    Ok(out)
}

fn digits(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The refusal of a file imported before.
fn imported_before(conn: &Connection, sha256: &str) -> Result<()> {
    let before: Option<(String, String, String)> = conn
        .prepare_cached(
            "SELECT file_name, imported_at, by_name FROM bank_batches WHERE sha256 = ?1",
        )?
        .query_row([sha256], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .optional()?;
    match before {
        Some((name, at, by)) => Err(StoreError::Conflict(format!(
            "这个回盘文件已经导入过了（“{name}”，{by} 于 {at} 导入），不能重复导入；没有任何费用被重复入账"
        ))),
        None => Ok(()),
    }
}

/// Plans the import of `rows`: the summary (with every problem by row) and the steps to take.
pub(crate) fn plan_in(
    conn: &Connection,
    sha256: &str,
    rows: &[BankResultRow],
) -> Result<(BankImportSummary, Vec<Step>)> {
    imported_before(conn, sha256)?;
    let mut summary = BankImportSummary::default();
    let mut steps = Vec::new();
    // Which row took each request, so a request listed twice is named.
    let mut taken: HashMap<i64, usize> = HashMap::new();
    let mut unit_ids: HashMap<(u32, u32, u32), Option<UnitId>> = HashMap::new();
    for row in rows {
        let a = row.address;
        let unit = match unit_ids.get(&(a.building, a.entrance, a.room)) {
            Some(u) => *u,
            None => {
                let u = conn
                    .prepare_cached(
                        "SELECT id FROM units WHERE building = ?1 AND entrance = ?2 AND room = ?3",
                    )?
                    .query_row(params![a.building, a.entrance, a.room], |r| r.get(0))
                    .optional()?
                    .map(UnitId);
                unit_ids.insert((a.building, a.entrance, a.room), u);
                u
            }
        };
        let Some(unit) = unit else {
            summary
                .problems
                .push((row.row, format!("房号不存在：{} 没有登记", a.short())));
            continue;
        };
        let requests = requests_of(conn, unit)?;
        if requests.is_empty() {
            summary.problems.push((
                row.row,
                format!("{} 没有导出过代扣申请，请核对房号", a.short()),
            ));
            continue;
        }
        let pending = requests
            .iter()
            .find(|r| !r.answered && r.amount == row.amount);
        let answered = requests
            .iter()
            .find(|r| r.answered && r.amount == row.amount);
        let Some(request) = pending.or(answered) else {
            let asked = requests
                .iter()
                .map(|r| format!("{} 申请 {}", r.month, r.amount))
                .collect::<Vec<_>>()
                .join("、");
            summary.problems.push((
                row.row,
                format!("金额与代扣申请不符：回盘 {}，{}", row.amount, asked),
            ));
            continue;
        };
        if digits(&row.account) != request.account {
            summary.problems.push((
                row.row,
                format!(
                    "账号与协议不符：回盘 {}，协议 {}",
                    mask_account(&digits(&row.account)),
                    mask_account(&request.account)
                ),
            ));
            continue;
        }
        if !row.holder.trim().is_empty() && row.holder.trim() != request.holder {
            summary.problems.push((
                row.row,
                format!(
                    "户名与协议不符：回盘“{}”，协议“{}”",
                    row.holder.trim(),
                    request.holder
                ),
            ));
            continue;
        }
        if let Some(first) = taken.insert(request.id, row.row) {
            summary
                .problems
                .push((row.row, format!("与第{first}行是同一笔代扣申请，重复了")));
            continue;
        }
        if request.answered {
            summary.already += 1;
            continue;
        }
        let mut open = Vec::new();
        let mut open_sum = Fen(0);
        for &line in &request.lines {
            let amount: Option<i64> = conn
                .prepare_cached(
                    "SELECT amount_fen FROM bill_lines WHERE id = ?1 AND receipt_id IS NULL",
                )?
                .query_row([line], |r| r.get(0))
                .optional()?;
            if let Some(amount) = amount {
                open.push(LineId(line));
                open_sum = Fen(open_sum.0.saturating_add(amount));
            }
        }
        let prepay = Fen(row.amount.0 - open_sum.0);
        if row.ok && prepay.0 < 0 {
            summary.problems.push((
                row.row,
                format!(
                    "申请后这户的账单有变动，未缴 {open_sum} 多于扣款 {}，请核对后手工处理",
                    row.amount
                ),
            ));
            continue;
        }
        if row.ok {
            summary.paid += 1;
            summary.paid_fen = Fen(summary.paid_fen.0.saturating_add(row.amount.0));
        } else {
            summary.failed += 1;
        }
        steps.push(Step {
            row: row.row,
            request: request.id,
            unit,
            ok: row.ok,
            note: row.note.trim().to_string(),
            open,
            prepay,
            holder: request.holder.clone(),
        });
    }
    Ok((summary, steps))
}

/// Imports the rows in the caller's transaction: refused whole when any row has a problem.
pub(crate) fn import_in(
    tx: &Transaction<'_>,
    file_name: &str,
    sha256: &str,
    rows: &[BankResultRow],
    rec: &Recorded,
) -> Result<BankImportSummary> {
    let (summary, steps) = plan_in(tx, sha256, rows)?;
    if !summary.problems.is_empty() {
        let list = summary
            .problems
            .iter()
            .map(|(row, why)| format!("第{row}行：{why}"))
            .collect::<Vec<_>>()
            .join("；");
        return Err(StoreError::Conflict(format!(
            "回盘文件有 {} 处问题，没有导入任何数据：{list}",
            summary.problems.len()
        )));
    }
    if rows.is_empty() {
        return Err(StoreError::Conflict("回盘文件里没有任何扣款记录".into()));
    }
    let file_name = file_name.trim();
    tx.execute(
        "INSERT INTO bank_batches (file_name, sha256, imported_at, by_name, paid_count,
             failed_count, paid_fen)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            file_name,
            sha256,
            time_text(rec.at),
            rec.by_name,
            summary.paid,
            summary.failed,
            summary.paid_fen.0
        ],
    )?;
    let batch = tx.last_insert_rowid();
    let note = format!("银行代扣 {file_name}");
    for s in &steps {
        if s.ok {
            let receipt = NewReceipt {
                unit: Some(s.unit),
                payer: &s.holder,
                method: PayMethod::BankDebit,
                lines: &s.open,
                prepay: s.prepay,
                tendered: None,
                note: &note,
                bank_batch: Some(batch),
            };
            let (_, number, total) = issue_receipt_in(tx, &receipt, rec)?;
            units::log(
                tx,
                s.unit,
                rec,
                "收费",
                &format!("银行代扣成功 {total}，收据 {number}（{file_name}）"),
            )?;
        } else {
            let why = if s.note.is_empty() {
                "扣款失败"
            } else {
                &s.note
            };
            units::log(
                tx,
                s.unit,
                rec,
                "收费",
                &format!(
                    "银行代扣失败：{why}，费用仍欠（{file_name}，第{}行）",
                    s.row
                ),
            )?;
        }
        tx.prepare_cached(
            "UPDATE bank_requests SET result = ?2, result_note = ?3, batch_id = ?4 WHERE id = ?1",
        )?
        .execute(params![
            s.request,
            if s.ok { "paid" } else { "failed" },
            s.note,
            batch
        ])?;
    }
    Ok(summary)
}
