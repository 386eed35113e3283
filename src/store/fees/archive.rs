//! 收费管理's month for the month-end archive: receipts issued, their lines, receipts voided,
//! bill lines added, refunds paid back, and what each unit owed when the month ended — one
//! query per sheet, no query per receipt or per unit.

use chrono::NaiveDateTime;
use rusqlite::{Row, params};

use super::RefundRecord;
use super::bank::address_of;
use crate::domain::fees::{LineSource, PayMethod, ReceiptNumber};
use crate::domain::{Fen, Month, UnitAddress};
use crate::store::{Result, Store, StoreError, month_range, parse_time};

/// One receipt as issued, without its lines (those come whole-month from
/// [`Store::receipt_lines_of_month`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReceiptRow {
    /// `SJ-YYYYMM-NNNN`.
    pub number: ReceiptNumber,
    /// The unit paid for, if any.
    pub address: Option<UnitAddress>,
    /// 交款人.
    pub payer: String,
    /// 付款方式.
    pub method: PayMethod,
    /// 合计.
    pub total: Fen,
    /// Of it, put to 预存款.
    pub prepay: Fen,
    /// Cash handed over, when counted.
    pub tendered: Option<Fen>,
    /// 开票时间.
    pub issued_at: NaiveDateTime,
    /// 收款人.
    pub cashier: String,
    /// 备注.
    pub note: String,
    /// 作废: when, by whom, why.
    pub voided: Option<(NaiveDateTime, String, String)>,
}

/// One bill line (应收) as added.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BillRow {
    /// The unit billed.
    pub address: UnitAddress,
    /// 收费项目.
    pub item: String,
    /// 所属月份.
    pub month: Month,
    /// 应收.
    pub amount: Fen,
    /// Before any vacancy discount.
    pub full: Fen,
    /// How it was worked out.
    pub basis: String,
    /// 来源.
    pub source: LineSource,
    /// The repair or renovation it came from.
    pub source_ref: String,
    /// Why, for an adjustment.
    pub reason: String,
    /// 录入人.
    pub created_by: String,
    /// 录入时间.
    pub created_at: NaiveDateTime,
    /// The receipt that paid it, if paid now.
    pub paid_by: Option<ReceiptNumber>,
}

/// What one unit owed when a month ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MonthEndArrears {
    /// The unit.
    pub address: UnitAddress,
    /// Its first owner, as the arrears list shows.
    pub owner: String,
    /// Owed in all.
    pub owed: Fen,
    /// The oldest month owed.
    pub oldest: Month,
    /// How many months have something owed.
    pub months: i64,
}

const RECEIPT_COLUMNS: &str = "r.number, u.building, u.entrance, u.room, r.payer, r.method,
    r.total_fen, r.prepay_fen, r.tendered_fen, r.issued_at, r.cashier_name, r.note,
    r.voided_at, r.voided_by_name, r.void_reason
    FROM receipts r LEFT JOIN units u ON u.id = r.unit_id";

fn corrupt(what: &str, v: &str) -> StoreError {
    StoreError::Corrupt(format!("{what} {v}"))
}

fn receipt_number(text: &str) -> Result<ReceiptNumber> {
    ReceiptNumber::parse(text).ok_or_else(|| corrupt("收据号", text))
}

fn month_of(text: &str) -> Result<Month> {
    Month::parse(text).map_err(|_| corrupt("账单月份", text))
}

type RawReceipt = (
    [String; 3],
    [Option<i64>; 3],
    (i64, i64, Option<i64>),
    [String; 3],
    [Option<String>; 3],
);

fn raw_receipt(r: &Row<'_>) -> rusqlite::Result<RawReceipt> {
    Ok((
        [r.get(0)?, r.get(4)?, r.get(5)?],
        [r.get(1)?, r.get(2)?, r.get(3)?],
        (r.get(6)?, r.get(7)?, r.get(8)?),
        [r.get(9)?, r.get(10)?, r.get(11)?],
        [r.get(12)?, r.get(13)?, r.get(14)?],
    ))
}

fn receipt_row(raw: RawReceipt) -> Result<ReceiptRow> {
    let ([number, payer, method], unit, (total, prepay, tendered), [at, cashier, note], void) = raw;
    let address = match unit {
        [Some(b), Some(e), Some(n)] => Some(address_of(b, e, n)?),
        _ => None,
    };
    let [voided_at, voided_by, reason] = void;
    let voided = match voided_at {
        Some(at) => Some((
            parse_time(&at)?,
            voided_by.unwrap_or_default(),
            reason.unwrap_or_default(),
        )),
        None => None,
    };
    Ok(ReceiptRow {
        number: receipt_number(&number)?,
        address,
        payer,
        method: PayMethod::from_code(&method).ok_or_else(|| corrupt("付款方式", &method))?,
        total: Fen(total),
        prepay: Fen(prepay),
        tendered: tendered.map(Fen),
        issued_at: parse_time(&at)?,
        cashier,
        note,
        voided,
    })
}

impl Store {
    fn receipt_rows(&self, filter: &str, month: Month) -> Result<Vec<ReceiptRow>> {
        let (from, to) = month_range(month);
        let mut stmt = self
            .conn()
            .prepare_cached(&format!("SELECT {RECEIPT_COLUMNS} WHERE {filter}"))?;
        let raws = stmt
            .query_map(params![from, to], raw_receipt)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        raws.into_iter().map(receipt_row).collect()
    }

    /// Receipts issued in `month` (voided ones too, marked), in number order.
    pub fn receipts_of_month(&self, month: Month) -> Result<Vec<ReceiptRow>> {
        self.receipt_rows(
            "r.issued_at >= ?1 AND r.issued_at < ?2 ORDER BY r.issued_at, r.id",
            month,
        )
    }

    /// Receipts voided in `month`, whenever they were issued, in the order voided.
    pub fn voids_of_month(&self, month: Month) -> Result<Vec<ReceiptRow>> {
        self.receipt_rows(
            "r.voided_at >= ?1 AND r.voided_at < ?2 ORDER BY r.voided_at, r.id",
            month,
        )
    }

    /// The lines of the receipts issued in `month`, as issued, by receipt.
    pub fn receipt_lines_of_month(
        &self,
        month: Month,
    ) -> Result<Vec<(ReceiptNumber, super::ReceiptLine)>> {
        let (from, to) = month_range(month);
        let mut stmt = self.conn().prepare_cached(
            "SELECT r.number, l.item_name, l.period, l.amount_fen
             FROM receipts r JOIN receipt_lines l ON l.receipt_id = r.id
             WHERE r.issued_at >= ?1 AND r.issued_at < ?2
             ORDER BY r.issued_at, r.id, l.period, l.rowid",
        )?;
        let rows = stmt.query_map(params![from, to], |r| {
            Ok((
                r.get::<_, String>(0)?,
                super::ReceiptLine {
                    item: r.get(1)?,
                    period: r.get(2)?,
                    amount: Fen(r.get(3)?),
                },
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (number, line) = row?;
            out.push((receipt_number(&number)?, line));
        }
        Ok(out)
    }

    /// Bill lines added in `month` (the billing run, repairs, one-off charges, adjustments),
    /// in the order added.
    pub fn bill_lines_of_month(&self, month: Month) -> Result<Vec<BillRow>> {
        let (from, to) = month_range(month);
        let mut stmt = self.conn().prepare_cached(
            "SELECT u.building, u.entrance, u.room, i.name, l.month, l.amount_fen, l.full_fen,
                    l.basis, l.source, l.source_ref, coalesce(l.reason, ''), l.created_by_name,
                    l.created_at, r.number
             FROM bill_lines l JOIN units u ON u.id = l.unit_id
             JOIN fee_items i ON i.id = l.item_id
             LEFT JOIN receipts r ON r.id = l.receipt_id
             WHERE l.created_at >= ?1 AND l.created_at < ?2
             ORDER BY l.created_at, l.id",
        )?;
        type Raw = ([i64; 3], [String; 2], [i64; 2], [String; 6], Option<String>);
        let rows = stmt.query_map(params![from, to], |r| -> rusqlite::Result<Raw> {
            Ok((
                [r.get(0)?, r.get(1)?, r.get(2)?],
                [r.get(3)?, r.get(4)?],
                [r.get(5)?, r.get(6)?],
                [
                    r.get(7)?,
                    r.get(8)?,
                    r.get(9)?,
                    r.get(10)?,
                    r.get(11)?,
                    r.get(12)?,
                ],
                r.get(13)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let ([b, e, n], [item, month], [amount, full], texts, paid_by) = row?;
            let [basis, source, source_ref, reason, created_by, created_at] = texts;
            out.push(BillRow {
                address: address_of(b, e, n)?,
                item,
                month: month_of(&month)?,
                amount: Fen(amount),
                full: Fen(full),
                basis,
                source: LineSource::from_code(&source)
                    .ok_or_else(|| corrupt("账单来源", &source))?,
                source_ref,
                reason,
                created_by,
                created_at: parse_time(&created_at)?,
                paid_by: paid_by.as_deref().map(receipt_number).transpose()?,
            });
        }
        Ok(out)
    }

    /// Refunds paid back in `month`, in number order.
    pub fn refunds_of_month(&self, month: Month) -> Result<Vec<RefundRecord>> {
        super::refunds::refunds_in_month(self.conn(), month)
    }

    /// What each unit owed when `month` ended, by address: the lines of that month or before,
    /// added before the month ended and not paid then — unpaid now, paid by a receipt issued
    /// after the end, or paid by one issued before the end and voided after it (the void put the
    /// line back, but at the end it was paid).
    pub fn arrears_at_month_end(&self, month: Month) -> Result<Vec<MonthEndArrears>> {
        let (_, end) = month_range(month);
        let mut stmt = self.conn().prepare_cached(
            "WITH paid_then (line_id) AS (
                 SELECT rl.line_id FROM receipts v JOIN receipt_lines rl ON rl.receipt_id = v.id
                 WHERE v.voided_at >= ?1 AND v.issued_at < ?1 AND rl.line_id IS NOT NULL
             ),
             owed (unit_id, owed, oldest, months) AS (
                 SELECT l.unit_id, sum(l.amount_fen), min(l.month), count(DISTINCT l.month)
                 FROM bill_lines l LEFT JOIN receipts r ON r.id = l.receipt_id
                 WHERE l.month <= ?2 AND l.created_at < ?1
                   AND (l.receipt_id IS NULL OR r.issued_at >= ?1)
                   AND l.id NOT IN (SELECT line_id FROM paid_then)
                 GROUP BY l.unit_id HAVING sum(l.amount_fen) > 0
             )
             SELECT u.building, u.entrance, u.room, o.owed, o.oldest, o.months,
                    (SELECT name FROM people p WHERE p.unit_id = o.unit_id
                         AND p.relation = 'owner' ORDER BY p.id LIMIT 1)
             FROM owed o JOIN units u ON u.id = o.unit_id
             ORDER BY u.building, u.entrance, u.room",
        )?;
        let rows = stmt.query_map(params![end, month.code()], |r| {
            Ok((
                [r.get::<_, i64>(0)?, r.get(1)?, r.get(2)?],
                r.get::<_, i64>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, i64>(5)?,
                r.get::<_, Option<String>>(6)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let ([b, e, n], owed, oldest, months, owner) = row?;
            out.push(MonthEndArrears {
                address: address_of(b, e, n)?,
                owner: owner.unwrap_or_default(),
                owed: Fen(owed),
                oldest: month_of(&oldest)?,
                months,
            });
        }
        Ok(out)
    }
}
