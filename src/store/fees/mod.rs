//! 收费管理 in the store: standards and the billing run ([`standards`], [`billing`],
//! [`meters`], [`parking`]), payments and receipts ([`payments`]), bank auto-debit ([`bank`])
//! arrears ([`arrears`]) and refunds of deposits ([`refunds`]).
//!
//! This file holds what every part shares inside a transaction: adding a bill line, issuing a
//! receipt with its gap-free number, paying from the prepaid balance, and reading what a unit
//! owes. Money is fen; months are stored as `2026-11`.

mod archive;
pub(crate) mod arrears;
pub(crate) mod bank;
mod bank_results;
mod billing;
mod history;
mod meters;
mod parking;
mod payments;
mod print;
pub(crate) mod refunds;
mod standards;
mod today;
pub(crate) use today::TODAY;

use chrono::NaiveDateTime;
use rusqlite::{Connection, OptionalExtension, Transaction, params};

use super::{Result, StoreError, time_text};
use crate::domain::fees::{BillLine, FeeItemId, LineId, LineSource, PayMethod, ReceiptNumber};
use crate::domain::staff::Recorded;
use crate::domain::unit::UnitId;
use crate::domain::{Fen, Month};

pub use archive::{BillRow, MonthEndArrears, ReceiptRow};
pub use arrears::{ArrearsPage, ArrearsRow, ArrearsSort, Reminder, arrears_sql_for_shell};
pub use bank::{BankAgreement, BankImportSummary, BankResultRow, DebitRequest};
pub use billing::{BillingPreview, BillingSummary, NewCharge};
pub use history::PastPayment;
pub use meters::LossMonth;
pub use meters::{NewReading, ReadingRow};
pub use parking::{ParkingId, ParkingSpace};
pub use payments::{AccountEvent, CashierDay, FeeAccount, Payment, ReceiptLine, ReceiptRecord};
pub use refunds::{REFUND_METHODS, RefundRecord};
pub use standards::UnitFeeBasis;

/// A new bill line, before it has a row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct NewLine<'a> {
    pub unit: UnitId,
    pub item: FeeItemId,
    pub month: Month,
    /// What is owed (after any discount).
    pub amount: Fen,
    /// Before the discount (equal to `amount` when there is none).
    pub full: Fen,
    pub basis: &'a str,
    pub source: LineSource,
    /// The billing run's key within (unit, item, month) (a parking space's number), the
    /// repair's number, or empty.
    pub source_ref: &'a str,
    pub adjusts: Option<LineId>,
    pub reason: Option<&'a str>,
}

/// Adds a bill line inside the caller's transaction. A billing line already there for the same
/// unit, item, month and key is left alone and `None` returned (a run repeated adds nothing).
pub(crate) fn insert_line_in(
    tx: &Transaction<'_>,
    line: &NewLine<'_>,
    rec: &Recorded,
) -> Result<Option<LineId>> {
    let changed = tx
        .prepare_cached(
            "INSERT INTO bill_lines (unit_id, item_id, month, amount_fen, full_fen, basis, source,
                 source_ref, adjusts, reason, created_by_name, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)
             ON CONFLICT DO NOTHING",
        )?
        .execute(params![
            line.unit.0,
            line.item.0,
            line.month.code(),
            line.amount.0,
            line.full.0,
            line.basis,
            line.source.code(),
            line.source_ref,
            line.adjusts.map(|l| l.0),
            line.reason,
            rec.by_name,
            time_text(rec.at),
        ])?;
    Ok((changed == 1).then(|| LineId(tx.last_insert_rowid())))
}

/// Takes the next receipt number of `at`'s month inside the caller's transaction: the counter
/// is written in the same transaction as the receipt, so a rollback gives the number back.
fn next_receipt_number(tx: &Transaction<'_>, at: NaiveDateTime) -> Result<ReceiptNumber> {
    let month = Month::of(at.date());
    let last: i64 = tx
        .prepare_cached(
            "INSERT INTO receipt_counters (month, last) VALUES (?1, 1)
             ON CONFLICT (month) DO UPDATE SET last = last + 1 RETURNING last",
        )?
        .query_row([format!("{:04}{:02}", month.year(), month.number())], |r| {
            r.get(0)
        })?;
    let seq = u32::try_from(last).map_err(|_| StoreError::Corrupt(format!("收据序号 {last}")))?;
    Ok(ReceiptNumber { month, seq })
}

/// A receipt to issue inside a transaction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct NewReceipt<'a> {
    pub unit: Option<UnitId>,
    pub payer: &'a str,
    pub method: PayMethod,
    /// The open lines it pays; each must be the unit's and still owed.
    pub lines: &'a [LineId],
    /// Paid in on top, kept as the unit's prepaid balance.
    pub prepay: Fen,
    /// Cash handed over, for the change.
    pub tendered: Option<Fen>,
    pub note: &'a str,
    pub bank_batch: Option<i64>,
}

/// Issues a receipt inside the caller's transaction: the next number, one receipt line per bill
/// line (item and period, kept for good), the lines marked paid, any prepayment added to the
/// balance. Lines not owed any more, or another unit's, are a conflict (nothing is paid twice).
/// A receipt paid from the balance ([`PayMethod::Prepaid`]) takes its total off the balance.
pub(crate) fn issue_receipt_in(
    tx: &Transaction<'_>,
    r: &NewReceipt<'_>,
    rec: &Recorded,
) -> Result<(i64, ReceiptNumber, Fen)> {
    if r.lines.is_empty() && r.prepay.0 <= 0 {
        return Err(StoreError::Conflict(
            "请选择要缴的费用，或填写预存金额".into(),
        ));
    }
    if r.prepay.0 < 0 {
        return Err(StoreError::Conflict("预存金额不能为负数".into()));
    }
    let mut rows = Vec::with_capacity(r.lines.len());
    let mut total = Fen(0);
    for &line in r.lines {
        let (unit, paid, amount, item_name, month): (i64, Option<i64>, i64, String, String) = tx
            .prepare_cached(
                "SELECT l.unit_id, l.receipt_id, l.amount_fen, i.name, l.month
                 FROM bill_lines l JOIN fee_items i ON i.id = l.item_id WHERE l.id = ?1",
            )?
            .query_row([line.0], |row| {
                Ok((
                    row.get(0)?,
                    row.get(1)?,
                    row.get(2)?,
                    row.get(3)?,
                    row.get(4)?,
                ))
            })
            .optional()?
            .ok_or_else(|| StoreError::NotFound(format!("账单行 {} 不存在", line.0)))?;
        if Some(UnitId(unit)) != r.unit {
            return Err(StoreError::Conflict("所选费用不属于这户".into()));
        }
        if paid.is_some() {
            return Err(StoreError::Conflict(format!(
                "{month} {item_name} 已经缴过了，请刷新后重新选择"
            )));
        }
        total = total
            .checked_add(Fen(amount))
            .ok_or_else(|| StoreError::Conflict("金额太大".into()))?;
        rows.push((line, item_name, month, amount));
    }
    let grand = total
        .checked_add(r.prepay)
        .ok_or_else(|| StoreError::Conflict("金额太大".into()))?;
    if let Some(t) = r.tendered
        && t.0 < grand.0
    {
        return Err(StoreError::Conflict(format!(
            "实收现金 {t} 少于应收 {grand}，请核对"
        )));
    }
    if r.method == PayMethod::Prepaid {
        let unit = r
            .unit
            .ok_or_else(|| StoreError::Conflict("预存抵扣要选房号".into()))?;
        if balance_in(tx, unit)?.0 < total.0 || r.prepay.0 != 0 {
            return Err(StoreError::Conflict("预存余额不足".into()));
        }
    }
    let number = next_receipt_number(tx, rec.at)?;
    tx.prepare_cached(
        "INSERT INTO receipts (number, unit_id, payer, method, total_fen, prepay_fen, tendered_fen,
             issued_at, cashier, cashier_name, note, bank_batch)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
    )?
    .execute(params![
        number.to_string(),
        r.unit.map(|u| u.0),
        r.payer.trim(),
        r.method.code(),
        grand.0,
        r.prepay.0,
        r.tendered.map(|t| t.0),
        time_text(rec.at),
        rec.by.map(|s| s.0),
        rec.by_name,
        r.note.trim(),
        r.bank_batch,
    ])?;
    let id = tx.last_insert_rowid();
    for (line, item_name, month, amount) in &rows {
        tx.prepare_cached(
            "INSERT INTO receipt_lines (receipt_id, line_id, item_name, period, amount_fen)
             VALUES (?1, ?2, ?3, ?4, ?5)",
        )?
        .execute(params![id, line.0, item_name, month, amount])?;
        tx.prepare_cached("UPDATE bill_lines SET receipt_id = ?2 WHERE id = ?1")?
            .execute(params![line.0, id])?;
    }
    if let Some(unit) = r.unit {
        let change = match r.method {
            PayMethod::Prepaid => Fen(-total.0),
            _ => r.prepay,
        };
        if change.0 != 0 {
            let note = if change.0 > 0 {
                "预存"
            } else {
                "预存抵扣"
            };
            tx.prepare_cached(
                "INSERT INTO prepayments (unit_id, amount_fen, receipt_id, note, at)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
            )?
            .execute(params![unit.0, change.0, id, note, time_text(rec.at)])?;
        }
    }
    Ok((id, number, grand))
}

/// The unit's prepaid balance.
pub(crate) fn balance_in(conn: &Connection, unit: UnitId) -> Result<Fen> {
    Ok(Fen(conn
        .prepare_cached("SELECT coalesce(sum(amount_fen), 0) FROM prepayments WHERE unit_id = ?1")?
        .query_row([unit.0], |r| r.get(0))?))
}

/// Pays the unit's open lines from its prepaid balance, oldest first, while the balance covers
/// a whole line (a line is never part-paid), in one receipt ([`PayMethod::Prepaid`]). `None`
/// when nothing could be paid.
pub(crate) fn apply_prepayment_in(
    tx: &Transaction<'_>,
    unit: UnitId,
    rec: &Recorded,
) -> Result<Option<ReceiptNumber>> {
    let mut balance = balance_in(tx, unit)?;
    if balance.0 <= 0 {
        return Ok(None);
    }
    let mut pay = Vec::new();
    for line in open_lines_in(tx, unit)? {
        if line.amount.0 > balance.0 {
            break;
        }
        balance = Fen(balance.0 - line.amount.0);
        pay.push(line.id);
    }
    if pay.is_empty() {
        return Ok(None);
    }
    let payer = payer_in(tx, unit)?;
    let r = NewReceipt {
        unit: Some(unit),
        payer: &payer,
        method: PayMethod::Prepaid,
        lines: &pay,
        prepay: Fen(0),
        tendered: None,
        note: "预存款抵扣",
        bank_batch: None,
    };
    Ok(Some(issue_receipt_in(tx, &r, rec)?.1))
}

/// Who pays for a unit by default: its first owner's name, or empty.
pub(crate) fn payer_in(conn: &Connection, unit: UnitId) -> Result<String> {
    Ok(conn
        .prepare_cached(
            "SELECT name FROM people WHERE unit_id = ?1 AND relation = 'owner' ORDER BY id LIMIT 1",
        )?
        .query_row([unit.0], |r| r.get(0))
        .optional()?
        .unwrap_or_default())
}

/// The unit's open lines, oldest month first (then item order, then the order they were added).
pub(crate) fn open_lines_in(conn: &Connection, unit: UnitId) -> Result<Vec<BillLine>> {
    lines_where(conn, "l.unit_id = ?1 AND l.receipt_id IS NULL", unit.0)
}

/// Reads bill lines matching `filter` (with `?1` bound to `arg`), oldest first.
pub(crate) fn lines_where(conn: &Connection, filter: &str, arg: i64) -> Result<Vec<BillLine>> {
    let sql = format!(
        "SELECT l.id, l.item_id, i.name, l.month, l.amount_fen, l.basis, l.source, l.adjusts,
                l.reason, r.number
         FROM bill_lines l JOIN fee_items i ON i.id = l.item_id
         LEFT JOIN receipts r ON r.id = l.receipt_id
         WHERE {filter} ORDER BY l.month, i.sort, l.id"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map([arg], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, i64>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, String>(3)?,
            r.get::<_, i64>(4)?,
            r.get::<_, String>(5)?,
            r.get::<_, String>(6)?,
            r.get::<_, Option<i64>>(7)?,
            r.get::<_, Option<String>>(8)?,
            r.get::<_, Option<String>>(9)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (id, item, item_name, month, amount, basis, source, adjusts, reason, paid) = row?;
        let month =
            Month::parse(&month).map_err(|_| StoreError::Corrupt(format!("账单月份 {month}")))?;
        let source = LineSource::from_code(&source)
            .ok_or_else(|| StoreError::Corrupt(format!("账单来源 {source}")))?;
        let paid_by = match paid {
            Some(n) => Some(
                ReceiptNumber::parse(&n)
                    .ok_or_else(|| StoreError::Corrupt(format!("收据号 {n}")))?,
            ),
            None => None,
        };
        out.push(BillLine {
            id: LineId(id),
            item: FeeItemId(item),
            item_name,
            month,
            amount: Fen(amount),
            basis,
            source,
            adjusts: adjusts.map(LineId),
            reason,
            paid_by,
        });
    }
    Ok(out)
}

/// What the unit owes: the sum of its open lines.
pub(crate) fn owed_in(conn: &Connection, unit: UnitId) -> Result<Fen> {
    Ok(Fen(conn
        .prepare_cached(
            "SELECT coalesce(sum(amount_fen), 0) FROM bill_lines
             WHERE unit_id = ?1 AND receipt_id IS NULL",
        )?
        .query_row([unit.0], |r| r.get(0))?))
}

/// A one-off item's row, name and price for `unit` in `month` (the unit kind's own price, else
/// the price for every kind), by the item's code: `None` for the price while 收费标准 has none.
pub(crate) fn item_price_in(
    conn: &Connection,
    code: &str,
    unit: UnitId,
    month: Month,
) -> Result<(FeeItemId, String, Option<Fen>)> {
    let (item, name): (i64, String) = conn
        .prepare_cached("SELECT id, name FROM fee_items WHERE code = ?1")?
        .query_row([code], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?
        .ok_or_else(|| StoreError::Corrupt(format!("收费项目 {code}")))?;
    let kind: String = conn
        .prepare_cached("SELECT kind FROM units WHERE id = ?1")?
        .query_row([unit.0], |r| r.get(0))?;
    let kind = crate::domain::fees::UnitKind::from_code(&kind)
        .ok_or_else(|| StoreError::Corrupt(format!("房屋类型 {kind}")))?;
    let prices = standards::prices_in(conn)?;
    let price = crate::domain::fees::billing::price_for(&prices, FeeItemId(item), kind, month);
    Ok((FeeItemId(item), name, price))
}
