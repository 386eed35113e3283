//! Reading receipts back (as issued, voided or not), a unit's history, a month's receipts and
//! the cashier's day.

use chrono::{NaiveDate, TimeDelta};
use rusqlite::{Connection, Row, params};

use super::{AccountEvent, CashierDay, ReceiptLine, ReceiptRecord};
use crate::domain::fees::{PayMethod, ReceiptNumber};
use crate::domain::unit::UnitId;
use crate::domain::{Fen, Month, UnitAddress};
use crate::store::fees::lines_where;
use crate::store::fees::refunds::refund_by_id;
use crate::store::{Result, StoreError, found, optional, parse_time};

/// The columns [`from_row`] reads, `r` the receipt and `u` its unit.
const COLUMNS: &str = "r.id, r.number, u.building, u.entrance, u.room, r.payer, r.method,
    r.total_fen, r.prepay_fen, r.tendered_fen, r.issued_at, r.cashier_name, r.note,
    r.voided_at, r.voided_by_name, r.void_reason";

const FROM: &str = "FROM receipts r LEFT JOIN units u ON u.id = r.unit_id";

/// The label prepayment goes by in the day's totals per item.
pub(crate) const PREPAY_ITEM: &str = "预存款";

type Raw = (
    i64,
    String,
    Option<(u32, u32, u32)>,
    String,
    String,
    i64,
    i64,
    Option<i64>,
    String,
    String,
    String,
    Option<(String, Option<String>, Option<String>)>,
);

fn raw(r: &Row<'_>) -> rusqlite::Result<Raw> {
    let unit = match (
        r.get::<_, Option<u32>>(2)?,
        r.get::<_, Option<u32>>(3)?,
        r.get::<_, Option<u32>>(4)?,
    ) {
        (Some(b), Some(e), Some(n)) => Some((b, e, n)),
        _ => None,
    };
    let voided = r
        .get::<_, Option<String>>(13)?
        .map(|at| Ok::<_, rusqlite::Error>((at, r.get(14)?, r.get(15)?)))
        .transpose()?;
    Ok((
        r.get(0)?,
        r.get(1)?,
        unit,
        r.get(5)?,
        r.get(6)?,
        r.get(7)?,
        r.get(8)?,
        r.get(9)?,
        r.get(10)?,
        r.get(11)?,
        r.get(12)?,
        voided,
    ))
}

/// A receipt from its row, with its lines.
fn record(conn: &Connection, raw: Raw) -> Result<ReceiptRecord> {
    let (id, number, unit, payer, method, total, prepay, tendered, at, cashier, note, voided) = raw;
    let number = ReceiptNumber::parse(&number)
        .ok_or_else(|| StoreError::Corrupt(format!("收据号 {number}")))?;
    let address = match unit {
        Some((b, e, n)) => Some(
            UnitAddress::new(b, e, n)
                .map_err(|_| StoreError::Corrupt(format!("房号 {b}-{e}-{n}")))?,
        ),
        None => None,
    };
    let method = PayMethod::from_code(&method)
        .ok_or_else(|| StoreError::Corrupt(format!("付款方式 {method}")))?;
    let voided = match voided {
        Some((at, by, reason)) => Some((
            parse_time(&at)?,
            by.unwrap_or_default(),
            reason.unwrap_or_default(),
        )),
        None => None,
    };
    Ok(ReceiptRecord {
        number,
        address,
        payer,
        method,
        lines: receipt_lines(conn, id)?,
        prepay: Fen(prepay),
        total: Fen(total),
        tendered: tendered.map(Fen),
        issued_at: parse_time(&at)?,
        cashier,
        note,
        voided,
    })
}

/// The lines a receipt paid, as issued (kept even after a void puts the bill lines back).
pub(super) fn receipt_lines(conn: &Connection, receipt: i64) -> Result<Vec<ReceiptLine>> {
    let mut stmt = conn.prepare_cached(
        "SELECT item_name, period, amount_fen FROM receipt_lines WHERE receipt_id = ?1
         ORDER BY period, rowid",
    )?;
    let rows = stmt.query_map([receipt], |r| {
        Ok(ReceiptLine {
            item: r.get(0)?,
            period: r.get(1)?,
            amount: Fen(r.get(2)?),
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Receipts matching `filter` (with `args`), in the order `order`, as records.
fn receipts_where(
    conn: &Connection,
    filter: &str,
    order: &str,
    args: impl rusqlite::Params,
) -> Result<Vec<ReceiptRecord>> {
    let sql = format!("SELECT {COLUMNS} {FROM} WHERE {filter} ORDER BY {order}");
    let mut stmt = conn.prepare_cached(&sql)?;
    let raws = stmt
        .query_map(args, raw)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    raws.into_iter().map(|r| record(conn, r)).collect()
}

pub(super) fn receipt_by_number(conn: &Connection, number: ReceiptNumber) -> Result<ReceiptRecord> {
    let raw = optional(
        conn.prepare_cached(&format!("SELECT {COLUMNS} {FROM} WHERE r.number = ?1"))?
            .query_row([number.to_string()], raw),
    )?;
    record(conn, found(raw, || format!("没有收据 {number}"))?)
}

/// `[start, end)` of a day as stored times.
fn day_range(day: NaiveDate) -> (String, String) {
    let next = day + TimeDelta::days(1);
    (
        format!("{} 00:00:00", day.format("%Y-%m-%d")),
        format!("{} 00:00:00", next.format("%Y-%m-%d")),
    )
}

pub(super) fn receipts_of_month(
    conn: &Connection,
    month: Month,
    page: usize,
    size: usize,
) -> Result<(Vec<ReceiptRecord>, usize)> {
    let from = format!("{} 00:00:00", month.first_day().format("%Y-%m-%d"));
    let to = format!("{} 00:00:00", month.next().first_day().format("%Y-%m-%d"));
    let total: i64 = conn
        .prepare_cached("SELECT count(*) FROM receipts WHERE issued_at >= ?1 AND issued_at < ?2")?
        .query_row(params![from, to], |r| r.get(0))?;
    let rows = receipts_where(
        conn,
        "r.issued_at >= ?1 AND r.issued_at < ?2",
        "r.issued_at DESC, r.id DESC LIMIT ?3 OFFSET ?4",
        params![from, to, size as i64, (page * size) as i64],
    )?;
    Ok((rows, total as usize))
}

/// Bills and receipts of a unit, newest first: one page of both kinds merged by time (a bill
/// line by when it was added, a receipt by when it was issued).
pub(super) fn history(
    conn: &Connection,
    unit: UnitId,
    page: usize,
    size: usize,
) -> Result<(Vec<AccountEvent>, usize)> {
    let total: i64 = conn
        .prepare_cached(
            "SELECT (SELECT count(*) FROM bill_lines WHERE unit_id = ?1)
                  + (SELECT count(*) FROM receipts WHERE unit_id = ?1)
                  + (SELECT count(*) FROM refunds WHERE unit_id = ?1)",
        )?
        .query_row([unit.0], |r| r.get(0))?;
    // `kind`: 0 a bill line, 1 a receipt, 2 a refund; at the same second a refund shows above
    // the receipt and the receipt above the line it paid.
    let keys: Vec<(i64, i64)> = {
        let mut stmt = conn.prepare_cached(
            "SELECT 0 AS kind, id, created_at AS at FROM bill_lines WHERE unit_id = ?1
             UNION ALL
             SELECT 1, id, issued_at FROM receipts WHERE unit_id = ?1
             UNION ALL
             SELECT 2, id, issued_at FROM refunds WHERE unit_id = ?1
             ORDER BY at DESC, kind DESC, id DESC LIMIT ?2 OFFSET ?3",
        )?;
        let rows = stmt.query_map(params![unit.0, size as i64, (page * size) as i64], |r| {
            Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?))
        })?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    let mut events = Vec::with_capacity(keys.len());
    for (kind, id) in keys {
        match kind {
            2 => events.extend(refund_by_id(conn, id)?.map(AccountEvent::Refunded)),
            1 => {
                let mut r = receipts_where(conn, "r.id = ?1", "r.id", [id])?;
                events.extend(r.pop().map(AccountEvent::Paid));
            }
            _ => {
                let mut l = lines_where(conn, "l.id = ?1", id)?;
                events.extend(l.pop().map(AccountEvent::Billed));
            }
        }
    }
    Ok((events, total as usize))
}

/// Whether money changed hands at the desk (the day's hand-over counts only these: a bank
/// debit reaches the office's account by the bank, a payment from the balance moves no money).
pub(crate) fn taken_at_desk(method: PayMethod) -> bool {
    PayMethod::AT_DESK.contains(&method)
}

pub(super) fn cashier_day(conn: &Connection, day: NaiveDate) -> Result<CashierDay> {
    let (from, to) = day_range(day);
    let receipts = receipts_where(
        conn,
        "r.issued_at >= ?1 AND r.issued_at < ?2",
        "r.id",
        params![from, to],
    )?;
    // Voided that day: issued that day and voided since, or issued before and voided that day.
    let voided = receipts_where(
        conn,
        "(r.issued_at >= ?1 AND r.issued_at < ?2 AND r.voided_at IS NOT NULL)
         OR (r.voided_at >= ?1 AND r.voided_at < ?2)",
        "r.id",
        params![from, to],
    )?;
    let valid: Vec<&ReceiptRecord> = receipts.iter().filter(|r| !r.is_voided()).collect();
    let mut by_method = Vec::new();
    for &m in PayMethod::ALL {
        let of: Vec<_> = valid.iter().filter(|r| r.method == m).collect();
        if !of.is_empty() {
            by_method.push((m, of.len() as u32, Fen(of.iter().map(|r| r.total.0).sum())));
        }
    }
    let sort = item_order(conn)?;
    let mut by_item: Vec<(String, Fen)> = Vec::new();
    let mut add = |name: &str, amount: Fen| match by_item.iter_mut().find(|(n, _)| n == name) {
        Some((_, sum)) => sum.0 += amount.0,
        None => by_item.push((name.to_string(), amount)),
    };
    let taken: Vec<&&ReceiptRecord> = valid.iter().filter(|r| taken_at_desk(r.method)).collect();
    for r in &taken {
        for l in &r.lines {
            add(&l.item, l.amount);
        }
        if r.prepay.0 > 0 {
            add(PREPAY_ITEM, r.prepay);
        }
    }
    by_item.sort_by_key(|(name, _)| sort.iter().position(|n| n == name).unwrap_or(usize::MAX));
    let total = Fen(taken.iter().map(|r| r.total.0).sum());
    let cash = Fen(taken
        .iter()
        .filter(|r| r.method == PayMethod::Cash)
        .map(|r| r.total.0)
        .sum());
    let refunds = crate::store::fees::refunds::refunds_on(conn, day)?;
    let refunded = Fen(refunds.iter().map(|r| r.amount.0).sum());
    Ok(CashierDay {
        day,
        receipts,
        by_method,
        by_item,
        voided,
        total,
        cash,
        refunds,
        refunded,
    })
}

/// Item names in the order the standards list them (then 预存款), for the day's totals.
fn item_order(conn: &Connection) -> Result<Vec<String>> {
    let mut stmt = conn.prepare_cached("SELECT name FROM fee_items ORDER BY sort, id")?;
    let mut names = stmt
        .query_map([], |r| r.get::<_, String>(0))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    names.push(PREPAY_ITEM.to_string());
    Ok(names)
}
