//! A unit repair's charges posted to the unit's fee account (特约有偿服务费), inside the
//! repair's own transaction.
//!
//! The charges are final at completion (完工): that step posts materials + labour as one
//! `repair` line keyed by the order number, and a later save of the charges (allowed until the
//! order is closed) posts only the difference as an adjustment line while the charge is still
//! owed. If the charges say the technician took the money on the spot (`Charges.payment`), the
//! line is paid at once with a 收款收据 (`维修工现场收取`). Public repairs post nothing.

use rusqlite::{Transaction, params};

use crate::domain::Fen;
use crate::domain::Month;
use crate::domain::fees::{FeeItemId, LineId, LineSource, PayMethod};
use crate::domain::repair::{Material, Payment, Qty, Receipt, RepairId, RepairState};
use crate::domain::staff::Recorded;
use crate::domain::unit::UnitId;
use crate::store::fees::{NewLine, NewReceipt, insert_line_in, issue_receipt_in, payer_in};
use crate::store::{Result, StoreError, parse_time};

/// The item repairs post to.
const REPAIR_ITEM: &str = "TYF";

fn method(p: Payment) -> PayMethod {
    match p {
        Payment::Cash => PayMethod::Cash,
        Payment::WeChat => PayMethod::WeChat,
        Payment::Alipay => PayMethod::Alipay,
        Payment::Card => PayMethod::Card,
    }
}

/// What the posting reads of the order.
struct Head {
    number: String,
    unit: Option<i64>,
    state: String,
    completed: Option<String>,
    labour: i64,
    payment: Option<String>,
    paper: Option<String>,
}

/// Posts (or corrects) the repair's charges on its unit's account, when the order is completed.
/// Called after the charges or the state were written, in the same transaction.
pub(super) fn post_repair_charges_in(
    tx: &Transaction<'_>,
    id: RepairId,
    rec: &Recorded,
) -> Result<()> {
    let Head {
        number,
        unit,
        state,
        completed,
        labour,
        payment,
        paper,
    } = tx.query_row(
        "SELECT number, unit_id, state, completed_at, labour_fen, payment, receipt
         FROM repairs WHERE id = ?1",
        [id.0],
        |r| {
            Ok(Head {
                number: r.get(0)?,
                unit: r.get(1)?,
                state: r.get(2)?,
                completed: r.get(3)?,
                labour: r.get(4)?,
                payment: r.get(5)?,
                paper: r.get(6)?,
            })
        },
    )?;
    let Some(unit) = unit.map(UnitId) else {
        return Ok(());
    };
    let state = RepairState::from_code(&state)
        .ok_or_else(|| StoreError::Corrupt(format!("维修单状态 “{state}”")))?;
    let Some(completed) = completed else {
        return Ok(());
    };
    if state.is_before_completion() || state == RepairState::Cancelled {
        return Ok(());
    }
    let mut total = Fen(labour);
    let mut stmt = tx.prepare_cached(
        "SELECT qty_hundredths, price_fen FROM repair_materials WHERE repair_id = ?1",
    )?;
    let rows = stmt.query_map([id.0], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?)))?;
    for row in rows {
        let (qty, price) = row?;
        // The slip's own rule for a line's amount (half up to the fen).
        let m = Material {
            name: String::new(),
            spec: String::new(),
            model: String::new(),
            qty: Qty(qty),
            unit: String::new(),
            price: Fen(price),
        };
        total = m
            .total()
            .and_then(|t| total.checked_add(t))
            .ok_or_else(|| StoreError::Conflict("维修费金额太大，请核对数量和单价".into()))?;
    }
    let item: i64 = tx.query_row(
        "SELECT id FROM fee_items WHERE code = ?1",
        [REPAIR_ITEM],
        |r| r.get(0),
    )?;
    let item = FeeItemId(item);
    let month = Month::of(parse_time(&completed)?.date());

    // What was posted before: the repair's line and its adjustments.
    let posted: Option<i64> = crate::store::optional(tx.query_row(
        "SELECT id FROM bill_lines WHERE unit_id = ?1 AND source = 'repair' AND source_ref = ?2",
        params![unit.0, number],
        |r| r.get(0),
    ))?;
    let basis = format!("{number} 维修材料及人工");
    match posted {
        None if total.0 > 0 => {
            let line = NewLine {
                unit,
                item,
                month,
                amount: total,
                full: total,
                basis: &basis,
                source: LineSource::Repair,
                source_ref: &number,
                adjusts: None,
                reason: None,
            };
            insert_line_in(tx, &line, rec)?;
            crate::store::units::log(tx, unit, rec, "收费", &format!("{basis} {total} 记入应收"))?;
        }
        None => return Ok(()),
        Some(line) => {
            let (sum, paid): (i64, i64) = tx.query_row(
                "SELECT sum(amount_fen), count(receipt_id) FROM bill_lines
                 WHERE id = ?1 OR adjusts = ?1",
                [line],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )?;
            if sum != total.0 {
                if paid > 0 {
                    return Err(StoreError::Conflict(format!(
                        "{number} 的维修费 {} 已经收款，合计不能再改为 {total}；如需更正，请由主管在收费管理中调整",
                        Fen(sum)
                    )));
                }
                let reason = format!("维修收费更正：{} → {total}", Fen(sum));
                let basis = format!("调整：{reason}");
                let fix = NewLine {
                    unit,
                    item,
                    month,
                    amount: Fen(total.0 - sum),
                    full: Fen(total.0 - sum),
                    basis: &basis,
                    source: LineSource::Adjustment,
                    source_ref: &number,
                    adjusts: Some(LineId(line)),
                    reason: Some(&reason),
                };
                insert_line_in(tx, &fix, rec)?;
                crate::store::units::log(tx, unit, rec, "收费", &format!("{number} {reason}"))?;
            }
        }
    }
    let Some(payment) = payment.as_deref().and_then(Payment::from_code) else {
        return Ok(());
    };
    // Paid on the spot: the open lines of this repair get a receipt now (none twice).
    let mut open = Vec::new();
    let mut owed = 0i64;
    let mut stmt = tx.prepare_cached(
        "SELECT l.id, l.amount_fen FROM bill_lines l
         WHERE l.receipt_id IS NULL AND l.unit_id = ?1 AND (
             (l.source = 'repair' AND l.source_ref = ?2)
             OR l.adjusts IN (SELECT id FROM bill_lines
                              WHERE unit_id = ?1 AND source = 'repair' AND source_ref = ?2))
         ORDER BY l.id",
    )?;
    for row in stmt.query_map(params![unit.0, number], |r| Ok((r.get(0)?, r.get(1)?)))? {
        let (l, amount): (i64, i64) = row?;
        open.push(LineId(l));
        owed += amount;
    }
    if open.is_empty() || owed <= 0 {
        return Ok(());
    }
    let mut note = "维修工现场收取".to_string();
    if let Some(p) = paper.as_deref().and_then(Receipt::from_code) {
        note.push_str(&format!("，已开{}", p.label()));
    }
    let payer = payer_in(tx, unit)?;
    let receipt = NewReceipt {
        unit: Some(unit),
        payer: &payer,
        method: method(payment),
        lines: &open,
        prepay: Fen(0),
        tendered: None,
        note: &note,
        bank_batch: None,
    };
    let (_, receipt, _) = issue_receipt_in(tx, &receipt, rec)?;
    crate::store::units::log(
        tx,
        unit,
        rec,
        "收费",
        &format!("{number} 维修费 {} {note}，收据 {receipt}", Fen(owed)),
    )?;
    Ok(())
}
