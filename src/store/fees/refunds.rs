//! 退款: a paid deposit line given back to the payer, with its voucher number
//! `TK-YYYYMM-NNNN` (gap-free, the counter written in the same transaction), less deductions
//! each with its reason; any deduction names the supervisor who approved it. The cashier's day
//! reads refunds back as money out ([`refunds_on`]).

use chrono::{NaiveDate, NaiveDateTime, TimeDelta};
use rusqlite::{Connection, OptionalExtension, Transaction, params};
use serde::Serialize;

use crate::domain::fees::refund::{Deduction, RefundNumber, refund_amount};
use crate::domain::fees::{LineId, PayMethod};
use crate::domain::staff::Recorded;
use crate::domain::unit::UnitId;
use crate::domain::{Fen, Month, UnitAddress};
use crate::store::{Result, StoreError, found, parse_time, time_text};

/// A refund as issued (退款凭证): what was paid back, of which deposit line, less what.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RefundRecord {
    /// Row id.
    pub id: i64,
    /// 退款凭证号.
    pub number: RefundNumber,
    /// The unit.
    pub unit: UnitId,
    /// Its address.
    pub address: UnitAddress,
    /// 收款人 (the payer of the deposit, usually the owner).
    pub payee: String,
    /// How it was paid back.
    pub method: PayMethod,
    /// The deposit line refunded.
    pub line: LineId,
    /// The deposit paid.
    pub deposit: Fen,
    /// 扣款, each with its reason.
    pub deductions: Vec<Deduction>,
    /// 实退金额: deposit − deductions (its amount in words is the voucher's).
    pub amount: Fen,
    /// What it refunds (`ZX-202611-0001`).
    pub source_ref: String,
    /// 备注.
    pub note: String,
    /// 批准扣款的主管, when anything was deducted.
    pub approved_by: Option<String>,
    /// When it was paid back.
    pub issued_at: NaiveDateTime,
    /// 经办 (`刘洋（经办：张敏）` when countersigned).
    pub by_name: String,
}

impl RefundRecord {
    /// The deductions' total.
    pub fn deducted(&self) -> Fen {
        Fen(self.deposit.0 - self.amount.0)
    }
}

/// A refund to write inside a transaction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct NewRefund<'a> {
    pub unit: UnitId,
    /// The deposit line paid back; it must be paid and not refunded before.
    pub line: LineId,
    pub payee: &'a str,
    pub method: PayMethod,
    pub deductions: &'a [Deduction],
    pub source_ref: &'a str,
    pub note: &'a str,
    /// The supervisor who approved the deductions.
    pub approved_by: Option<&'a str>,
}

/// How a deposit can be paid back: at the desk or by transfer (never by bank debit or into the
/// prepaid balance).
pub const REFUND_METHODS: &[PayMethod] = &[
    PayMethod::Cash,
    PayMethod::WeChat,
    PayMethod::Alipay,
    PayMethod::Card,
    PayMethod::Transfer,
];

fn next_number(tx: &Transaction<'_>, at: NaiveDateTime) -> Result<RefundNumber> {
    let month = Month::of(at.date());
    let last: i64 = tx
        .prepare_cached(
            "INSERT INTO refund_counters (month, last) VALUES (?1, 1)
             ON CONFLICT (month) DO UPDATE SET last = last + 1 RETURNING last",
        )?
        .query_row(
            [RefundNumber::month_key(month.year(), month.number())],
            |r| r.get(0),
        )?;
    let seq = u32::try_from(last).map_err(|_| StoreError::Corrupt(format!("退款序号 {last}")))?;
    Ok(RefundNumber {
        year: month.year(),
        month: month.number(),
        seq,
    })
}

/// Pays a deposit line back inside the caller's transaction: the line must be the unit's, paid
/// by a receipt still valid, and not refunded before; deductions are checked by the domain's
/// one rule ([`refund_amount`]). Returns the row id, number and amount paid back.
pub(crate) fn refund_in(
    tx: &Transaction<'_>,
    r: &NewRefund<'_>,
    rec: &Recorded,
) -> Result<(i64, RefundNumber, Fen)> {
    if !REFUND_METHODS.contains(&r.method) {
        return Err(StoreError::Conflict(format!(
            "退款不能用“{}”，请选择现金、微信、支付宝、银行卡或转账",
            r.method.label()
        )));
    }
    if r.payee.trim().is_empty() {
        return Err(StoreError::Conflict("请填写收款人（领取退款的人）".into()));
    }
    let row: Option<(i64, i64, Option<i64>)> = tx
        .prepare_cached("SELECT unit_id, amount_fen, receipt_id FROM bill_lines WHERE id = ?1")?
        .query_row([r.line.0], |row| {
            Ok((row.get(0)?, row.get(1)?, row.get(2)?))
        })
        .optional()?;
    let (unit, deposit, receipt) = found(row, || "找不到要退的保证金账单".to_string())?;
    if unit != r.unit.0 {
        return Err(StoreError::Conflict("要退的保证金不是这户的".into()));
    }
    if receipt.is_none() {
        return Err(StoreError::Conflict(
            "这笔保证金还没有缴，不能退；请在收费管理中核对".into(),
        ));
    }
    let before: Option<String> = tx
        .prepare_cached("SELECT number FROM refunds WHERE line_id = ?1")?
        .query_row([r.line.0], |row| row.get(0))
        .optional()?;
    if let Some(n) = before {
        return Err(StoreError::Conflict(format!(
            "这笔保证金已经退过了（退款凭证 {n}）"
        )));
    }
    let amount =
        refund_amount(Fen(deposit), r.deductions, r.approved_by).map_err(StoreError::Conflict)?;
    let number = next_number(tx, rec.at)?;
    tx.prepare_cached(
        "INSERT INTO refunds (number, unit_id, line_id, payee, method, deposit_fen, deducted_fen,
             amount_fen, source_ref, note, approved_by_name, issued_at, by_name, recorded_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
    )?
    .execute(params![
        number.to_string(),
        r.unit.0,
        r.line.0,
        r.payee.trim(),
        r.method.code(),
        deposit,
        deposit - amount.0,
        amount.0,
        r.source_ref,
        r.note.trim(),
        r.approved_by.filter(|_| !r.deductions.is_empty()),
        time_text(rec.at),
        rec.by_name,
        rec.by.map(|b| b.0),
    ])?;
    let id = tx.last_insert_rowid();
    for (seq, d) in r.deductions.iter().enumerate() {
        tx.prepare_cached(
            "INSERT INTO refund_deductions (refund_id, seq, reason, amount_fen)
             VALUES (?1, ?2, ?3, ?4)",
        )?
        .execute(params![id, seq as i64, d.reason.trim(), d.amount.0])?;
    }
    Ok((id, number, amount))
}

const COLUMNS: &str = "f.id, f.number, f.unit_id, u.building, u.entrance, u.room, f.payee,
    f.method, f.line_id, f.deposit_fen, f.amount_fen, f.source_ref, f.note, f.approved_by_name,
    f.issued_at, f.by_name FROM refunds f JOIN units u ON u.id = f.unit_id";

type Raw = (
    (i64, String, i64, u32, u32, u32, String, String),
    (
        i64,
        i64,
        i64,
        String,
        String,
        Option<String>,
        String,
        String,
    ),
);

fn read(conn: &Connection, filter: &str, args: impl rusqlite::Params) -> Result<Vec<RefundRecord>> {
    let mut stmt =
        conn.prepare_cached(&format!("SELECT {COLUMNS} WHERE {filter} ORDER BY f.id"))?;
    let rows = stmt.query_map(args, |r| -> rusqlite::Result<Raw> {
        Ok((
            (
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
                r.get(6)?,
                r.get(7)?,
            ),
            (
                r.get(8)?,
                r.get(9)?,
                r.get(10)?,
                r.get(11)?,
                r.get(12)?,
                r.get(13)?,
                r.get(14)?,
                r.get(15)?,
            ),
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let ((id, number, unit, b, e, room, payee, method), rest) = row?;
        let (line, deposit, amount, source_ref, note, approved_by, issued_at, by_name) = rest;
        out.push(RefundRecord {
            id,
            number: RefundNumber::parse(&number)
                .ok_or_else(|| StoreError::Corrupt(format!("退款凭证号 {number}")))?,
            unit: UnitId(unit),
            address: UnitAddress::new(b, e, room)
                .map_err(|_| StoreError::Corrupt(format!("房号 {b}-{e}-{room}")))?,
            payee,
            method: PayMethod::from_code(&method)
                .ok_or_else(|| StoreError::Corrupt(format!("退款方式 {method}")))?,
            line: LineId(line),
            deposit: Fen(deposit),
            deductions: deductions_of(conn, id)?,
            amount: Fen(amount),
            source_ref,
            note,
            approved_by,
            issued_at: parse_time(&issued_at)?,
            by_name,
        });
    }
    Ok(out)
}

fn deductions_of(conn: &Connection, refund: i64) -> Result<Vec<Deduction>> {
    let mut stmt = conn.prepare_cached(
        "SELECT reason, amount_fen FROM refund_deductions WHERE refund_id = ?1 ORDER BY seq",
    )?;
    let rows = stmt.query_map([refund], |r| {
        Ok(Deduction {
            reason: r.get(0)?,
            amount: Fen(r.get(1)?),
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The refund of a deposit line, if it has been paid back.
pub(crate) fn refund_of_line(conn: &Connection, line: LineId) -> Result<Option<RefundRecord>> {
    Ok(read(conn, "f.line_id = ?1", [line.0])?.pop())
}

/// The refund with this row id (for the unit's fee history).
pub(crate) fn refund_by_id(conn: &Connection, id: i64) -> Result<Option<RefundRecord>> {
    Ok(read(conn, "f.id = ?1", [id])?.pop())
}

/// The refund with this number.
pub(crate) fn refund_by_number(conn: &Connection, number: RefundNumber) -> Result<RefundRecord> {
    found(
        read(conn, "f.number = ?1", [number.to_string()])?.pop(),
        || format!("找不到退款凭证 {number}"),
    )
}

/// Refunds paid back on `day`, in number order: the cashier's money out.
pub(crate) fn refunds_on(conn: &Connection, day: NaiveDate) -> Result<Vec<RefundRecord>> {
    let from = day.and_time(chrono::NaiveTime::MIN);
    let to = from + TimeDelta::days(1);
    read(
        conn,
        "f.issued_at >= ?1 AND f.issued_at < ?2",
        params![time_text(from), time_text(to)],
    )
}

/// Refunds paid back in `month`, in number order: the month's money out (their deductions read
/// per refund — deposits paid back are a handful a month).
pub(crate) fn refunds_in_month(
    conn: &Connection,
    month: crate::domain::Month,
) -> Result<Vec<RefundRecord>> {
    let (from, to) = crate::store::month_range(month);
    read(
        conn,
        "f.issued_at >= ?1 AND f.issued_at < ?2",
        params![from, to],
    )
}

impl crate::store::Store {
    /// The refund voucher `number` (退款凭证), for printing it again.
    pub fn refund(&self, number: RefundNumber) -> Result<RefundRecord> {
        refund_by_number(self.conn(), number)
    }
}
