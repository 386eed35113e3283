//! Payments at the desk (实收): a unit's account, paying chosen lines with the 收款收据,
//! prepayment, voiding, and the cashier's day (收费日报).

mod read;

use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::{Transaction, params};
use serde_json::json;

use super::{NewReceipt, balance_in, issue_receipt_in, open_lines_in, payer_in};
use crate::domain::access::Action;
use crate::domain::fees::{BillLine, LineId, PayMethod, ReceiptNumber};
use crate::domain::staff::Recorded;
use crate::domain::unit::UnitId;
use crate::domain::{Fen, Month, UnitAddress};
use crate::store::audit::{Entry, Target};
use crate::store::{Result, Store, StoreError, time_text, units};

/// A unit's account as the 收款 pane shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeeAccount {
    /// The unit.
    pub unit: UnitId,
    /// Its address.
    pub address: UnitAddress,
    /// Who pays by default (the first owner), for the receipt.
    pub payer: String,
    /// Open lines, oldest first.
    pub open: Vec<BillLine>,
    /// Their sum.
    pub owed: Fen,
    /// Prepaid balance (预存余额).
    pub balance: Fen,
}

/// One event of a unit's history (bills and payments), newest first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AccountEvent {
    /// A line billed or posted.
    Billed(BillLine),
    /// A receipt issued (voided ones too, marked).
    Paid(ReceiptRecord),
    /// A deposit paid back (退款凭证), less any deductions.
    Refunded(super::refunds::RefundRecord),
}

/// A payment at the desk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Payment {
    /// The unit.
    pub unit: UnitId,
    /// The open lines paid (all or chosen).
    pub lines: Vec<LineId>,
    /// How.
    pub method: PayMethod,
    /// Cash handed over (for [`PayMethod::Cash`]), for the change.
    pub tendered: Option<Fen>,
    /// Paid in on top as prepayment (预存).
    pub prepay: Fen,
    /// 付款人, as the receipt names them.
    pub payer: String,
    /// 备注.
    pub note: String,
}

/// A line of a receipt: item and period, kept as issued.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReceiptLine {
    /// 项目.
    pub item: String,
    /// 期间, `2026-11`.
    pub period: String,
    /// 金额.
    pub amount: Fen,
}

/// A receipt as issued (and voided, if it was).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReceiptRecord {
    /// `SJ-202611-0001`.
    pub number: ReceiptNumber,
    /// The unit, if it was for one.
    pub address: Option<UnitAddress>,
    /// 付款人.
    pub payer: String,
    /// 付款方式.
    pub method: PayMethod,
    /// One line per bill line paid.
    pub lines: Vec<ReceiptLine>,
    /// Of which prepayment.
    pub prepay: Fen,
    /// 合计 (lines plus prepayment).
    pub total: Fen,
    /// Cash handed over.
    pub tendered: Option<Fen>,
    /// When.
    pub issued_at: NaiveDateTime,
    /// 收款人.
    pub cashier: String,
    /// 备注 (the bank batch, the technician's receipt number …).
    pub note: String,
    /// When, by whom and why it was voided.
    pub voided: Option<(NaiveDateTime, String, String)>,
}

/// The cashier's day (收费日报): what was taken, by method and by item, voids listed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CashierDay {
    /// The day.
    pub day: NaiveDate,
    /// Every receipt issued that day, voided ones too, in number order.
    pub receipts: Vec<ReceiptRecord>,
    /// Valid receipts' count and total per method (银行代扣 and 预存抵扣 too, for the record).
    pub by_method: Vec<(PayMethod, u32, Fen)>,
    /// Money taken at the desk per item, in the standards' order (prepayment as `预存款`):
    /// valid receipts paid by a desk method ([`PayMethod::AT_DESK`]); sums to `total`.
    pub by_item: Vec<(String, Fen)>,
    /// Voids to account for that day, listed apart: receipts issued that day and voided since,
    /// and earlier receipts voided that day.
    pub voided: Vec<ReceiptRecord>,
    /// Total of the valid receipts paid by a desk method, to hand to finance (a bank debit
    /// reaches the account by the bank; a payment from the balance moves no money).
    pub total: Fen,
    /// Of which cash.
    pub cash: Fen,
    /// Money out: deposits paid back that day (退款), in number order.
    pub refunds: Vec<super::RefundRecord>,
    /// Their total; `total − refunded` is what the day hands to finance.
    pub refunded: Fen,
}

impl ReceiptRecord {
    /// 找零: cash handed over minus the total, for a cash receipt that names what was handed
    /// over.
    pub fn change(&self) -> Option<Fen> {
        self.tendered.map(|t| Fen(t.0 - self.total.0))
    }

    /// Whether it was voided.
    pub fn is_voided(&self) -> bool {
        self.voided.is_some()
    }

    /// What the lines paid, without the prepayment.
    pub fn lines_total(&self) -> Fen {
        Fen(self.lines.iter().map(|l| l.amount.0).sum())
    }
}

impl Payment {
    /// The open lines chosen, each once, in the order chosen (a line clicked twice is paid
    /// once).
    fn distinct_lines(&self) -> Vec<LineId> {
        let mut seen = std::collections::HashSet::new();
        self.lines
            .iter()
            .copied()
            .filter(|l| seen.insert(*l))
            .collect()
    }
}

/// What a desk payment must satisfy before a number is taken: a method the cashier may pick,
/// something to pay, a prepayment that is not negative. Said before anyone countersigns.
fn check_payment(p: &Payment) -> Result<()> {
    if !PayMethod::AT_DESK.contains(&p.method) {
        return Err(StoreError::Conflict(format!(
            "“{}”不能在收费台选择，请选择{}",
            p.method.label(),
            PayMethod::AT_DESK
                .iter()
                .map(|m| m.label())
                .collect::<Vec<_>>()
                .join("、")
        )));
    }
    if p.lines.is_empty() && p.prepay.0 <= 0 {
        return Err(StoreError::Conflict(
            "请选择要缴的费用，或填写预存金额".into(),
        ));
    }
    if p.prepay.0 < 0 {
        return Err(StoreError::Conflict("预存金额不能为负数".into()));
    }
    if let Some(t) = p.tendered
        && p.method == PayMethod::Cash
        && t.0 < 0
    {
        return Err(StoreError::Conflict("实收现金不能为负数".into()));
    }
    Ok(())
}

/// The unit's building (for the actions bound to an area) and address.
fn unit_place(conn: &rusqlite::Connection, unit: UnitId) -> Result<UnitAddress> {
    let row: Option<(u32, u32, u32)> = crate::store::optional(
        conn.prepare_cached("SELECT building, entrance, room FROM units WHERE id = ?1")?
            .query_row([unit.0], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?))),
    )?;
    let (b, e, r) = crate::store::found(row, || "找不到这户，请重新查找房号".to_string())?;
    UnitAddress::new(b, e, r).map_err(|_| StoreError::Corrupt(format!("房号 {b}-{e}-{r}")))
}

/// A receipt's row id, unit, and whether (and when) it was voided, inside a transaction.
struct ReceiptState {
    id: i64,
    unit: Option<UnitId>,
    voided_at: Option<String>,
}

fn receipt_state(conn: &rusqlite::Connection, number: ReceiptNumber) -> Result<ReceiptState> {
    let row = crate::store::optional(
        conn.prepare_cached("SELECT id, unit_id, voided_at FROM receipts WHERE number = ?1")?
            .query_row([number.to_string()], |r| {
                Ok(ReceiptState {
                    id: r.get(0)?,
                    unit: r.get::<_, Option<i64>>(1)?.map(UnitId),
                    voided_at: r.get(2)?,
                })
            }),
    )?;
    crate::store::found(row, || format!("没有收据 {number}"))
}

fn already_voided(number: ReceiptNumber, at: &str) -> StoreError {
    StoreError::Conflict(format!("{number} 已于 {at} 作废，不能再作废"))
}

/// Voids the receipt inside the caller's transaction: marks it, puts its lines back as owed and
/// reverses every balance entry it made. Returns the unit, for the log.
fn void_in(
    tx: &Transaction<'_>,
    number: ReceiptNumber,
    reason: &str,
    rec: &Recorded,
) -> Result<Option<UnitId>> {
    let state = receipt_state(tx, number)?;
    if let Some(at) = &state.voided_at {
        return Err(already_voided(number, at));
    }
    // The balance entries this receipt made (a prepayment adds, a payment from the balance takes
    // away); the void writes their opposite, so the balance is as if it had never been issued.
    let made: i64 = tx
        .prepare_cached(
            "SELECT coalesce(sum(amount_fen), 0) FROM prepayments WHERE receipt_id = ?1",
        )?
        .query_row([state.id], |r| r.get(0))?;
    if let Some(unit) = state.unit
        && made > 0
    {
        let balance = balance_in(tx, unit)?;
        if balance.0 < made {
            // The prepayment has been spent on later bills: voiding it would leave a negative
            // balance. Those receipts are voided first (their lines then owe again).
            let spent = spent_after(tx, unit, state.id)?;
            return Err(StoreError::Conflict(format!(
                "{number} 的预存款 {} 已有 {} 被抵扣（{}），请先作废抵扣收据再作废本收据",
                Fen(made),
                Fen(made - balance.0),
                spent.join("、")
            )));
        }
    }
    tx.prepare_cached(
        "UPDATE receipts SET voided_at = ?2, voided_by_name = ?3, void_reason = ?4 WHERE id = ?1",
    )?
    .execute(params![state.id, time_text(rec.at), rec.by_name, reason])?;
    // Its lines are owed again; receipt_lines keeps what it paid, for the reprint.
    tx.prepare_cached("UPDATE bill_lines SET receipt_id = NULL WHERE receipt_id = ?1")?
        .execute([state.id])?;
    if let Some(unit) = state.unit
        && made != 0
    {
        tx.prepare_cached(
            "INSERT INTO prepayments (unit_id, amount_fen, receipt_id, note, at)
             VALUES (?1, ?2, ?3, ?4, ?5)",
        )?
        .execute(params![
            unit.0,
            -made,
            state.id,
            format!("{number} 作废冲回"),
            time_text(rec.at)
        ])?;
    }
    // A bank-debit receipt (银行代扣) is voided like any other: its lines owe again. Its
    // request row in bank_requests stays as the bank's result file said (paid): that row
    // records what the bank reported, not what the unit owes, and the money the bank took is
    // refunded or paid in again at the desk by hand.
    Ok(state.unit)
}

/// The valid receipts paid from the unit's balance after receipt `id`, by number.
fn spent_after(tx: &Transaction<'_>, unit: UnitId, id: i64) -> Result<Vec<String>> {
    let mut stmt = tx.prepare_cached(
        "SELECT number FROM receipts WHERE unit_id = ?1 AND id > ?2 AND method = 'prepaid'
             AND voided_at IS NULL ORDER BY id",
    )?;
    let rows = stmt.query_map(params![unit.0, id], |r| r.get::<_, String>(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

impl Store {
    /// A unit's account: open lines oldest first, what is owed, the prepaid balance.
    pub fn fee_account(&self, unit: UnitId) -> Result<FeeAccount> {
        let conn = self.conn();
        let address = unit_place(conn, unit)?;
        let open = open_lines_in(conn, unit)?;
        let owed = Fen(open.iter().map(|l| l.amount.0).sum());
        Ok(FeeAccount {
            unit,
            address,
            payer: payer_in(conn, unit)?,
            open,
            owed,
            balance: balance_in(conn, unit)?,
        })
    }

    /// A unit's history of bills, receipts and deposit refunds, newest first, `size` per page; and
    /// how many in all.
    pub fn fee_history(
        &self,
        unit: UnitId,
        page: usize,
        size: usize,
    ) -> Result<(Vec<AccountEvent>, usize)> {
        read::history(self.conn(), unit, page, size)
    }

    /// Takes a payment ([`Action::FeeCollect`]): the lines must still be owed; issues the
    /// receipt and returns its number.
    ///
    /// [`Action::FeeCollect`]: crate::domain::access::Action::FeeCollect
    pub fn take_payment(&mut self, payment: &Payment, rec: &Recorded) -> Result<ReceiptNumber> {
        check_payment(payment)?;
        let address = unit_place(self.conn(), payment.unit)?;
        let lines = payment.distinct_lines();
        // Change is a cash matter: another method's "tendered" is a leftover of the form.
        let tendered = payment
            .tendered
            .filter(|_| payment.method == PayMethod::Cash);
        self.write(
            Action::FeeCollect,
            Some(address.building),
            rec,
            |tx, auth| {
                let payer = match payment.payer.trim() {
                    "" => payer_in(tx, payment.unit)?,
                    p => p.to_string(),
                };
                if payer.trim().is_empty() {
                    return Err(StoreError::Conflict(
                        "请填写付款人（这户没有登记业主）".into(),
                    ));
                }
                let r = NewReceipt {
                    unit: Some(payment.unit),
                    payer: &payer,
                    method: payment.method,
                    lines: &lines,
                    prepay: payment.prepay,
                    tendered,
                    note: &payment.note,
                    bank_batch: None,
                };
                let (id, number, total) = issue_receipt_in(tx, &r, &auth.rec)?;
                let paid = read::receipt_lines(tx, id)?;
                let items = paid
                    .iter()
                    .map(|l| format!("{} {}", l.period, l.item))
                    .chain((payment.prepay.0 > 0).then(|| format!("预存 {}", payment.prepay)))
                    .collect::<Vec<_>>()
                    .join("、");
                units::log(
                    tx,
                    payment.unit,
                    &auth.rec,
                    "收费",
                    &format!("{number} 收款 {total}（{}）：{items}", payment.method),
                )?;
                let after = json!({
                    "收据": number.to_string(),
                    "房号": address.to_string(),
                    "付款人": payer,
                    "付款方式": payment.method.label(),
                    "合计": total.to_string(),
                    "预存": payment.prepay.to_string(),
                    "实收": tendered.map(|t| t.to_string()),
                    "项目": paid.iter().map(|l| json!({
                        "期间": l.period, "项目": l.item, "金额": l.amount.to_string()
                    })).collect::<Vec<_>>(),
                });
                let entry = Entry::new(
                    Action::FeeCollect,
                    &format!("{address} 收款 {total}"),
                    Target::new("receipt", id, &number.to_string()),
                )
                .change(None::<&()>, Some(&after));
                Ok((number, entry))
            },
        )
    }

    /// A receipt by number.
    pub fn receipt(&self, number: ReceiptNumber) -> Result<ReceiptRecord> {
        read::receipt_by_number(self.conn(), number)
    }

    /// Receipts issued in `month`, newest first, `size` per page; and how many in all.
    pub fn receipts_in(
        &self,
        month: Month,
        page: usize,
        size: usize,
    ) -> Result<(Vec<ReceiptRecord>, usize)> {
        read::receipts_of_month(self.conn(), month, page, size)
    }

    /// Voids a receipt with a reason ([`Action::ReceiptVoid`], the supervisor's): its lines are
    /// owed again, its prepayment taken back off the balance; the number is never reused.
    ///
    /// [`Action::ReceiptVoid`]: crate::domain::access::Action::ReceiptVoid
    pub fn void_receipt(
        &mut self,
        number: ReceiptNumber,
        reason: &str,
        rec: &Recorded,
    ) -> Result<()> {
        let reason = reason.trim();
        // What cannot be done is said before anyone is asked to countersign.
        if reason.is_empty() {
            return Err(StoreError::Conflict("请写明作废原因".into()));
        }
        let state = receipt_state(self.conn(), number)?;
        if let Some(at) = &state.voided_at {
            return Err(already_voided(number, at));
        }
        let building = match state.unit {
            Some(u) => Some(unit_place(self.conn(), u)?.building),
            None => None,
        };
        let before = self.receipt(number)?;
        self.write(Action::ReceiptVoid, building, rec, |tx, auth| {
            let unit = void_in(tx, number, reason, &auth.rec)?;
            if let Some(u) = unit {
                units::log(
                    tx,
                    u,
                    &auth.rec,
                    "收费",
                    &format!("{number} 已作废（{}）：{reason}", before.total),
                )?;
            }
            let entry = Entry::new(
                Action::ReceiptVoid,
                &format!("作废收据 {number}"),
                Target::new("receipt", state.id, &number.to_string()),
            )
            .change(
                Some(&json!({ "状态": "有效", "合计": before.total.to_string() })),
                Some(&json!({ "状态": "已作废", "作废原因": reason })),
            );
            Ok(((), entry))
        })
    }

    /// The 收费日报 of `day`.
    pub fn cashier_day(&self, day: NaiveDate) -> Result<CashierDay> {
        read::cashier_day(self.conn(), day)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::fees::{FeeItemId, LineSource};
    use crate::domain::unit::{Unit, UnitStatus};
    use crate::domain::{Area, Fen};
    use crate::store::fees::{NewLine, apply_prepayment_in, insert_line_in};

    fn at(h: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 11, 29)
            .and_then(|d| d.and_hms_opt(h, 0, 0))
            .unwrap()
    }

    fn rec(h: u32) -> Recorded {
        Recorded {
            by: None,
            by_name: "主管".into(),
            at: at(h),
        }
    }

    /// A receipt paid from the balance gives its amount back when voided; the prepayment it
    /// spent cannot be voided while it stays spent.
    #[test]
    fn paying_from_the_balance_and_voiding_both_ways() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("t.sqlite3")).unwrap();
        store
            .set_up_supervisor("主管", None, "2468", at(8))
            .unwrap();
        let unit = Unit {
            address: UnitAddress::parse("3-2-1502").unwrap(),
            area: Area(8950),
            status: UnitStatus::Occupied,
            note: String::new(),
        };
        let u = store.add_unit(&unit, &rec(8)).unwrap();
        let tx = store.conn.transaction().unwrap();
        for month in ["2026-10", "2026-11"] {
            let line = NewLine {
                unit: u,
                item: FeeItemId(1),
                month: Month::parse(month).unwrap(),
                amount: Fen(13_425),
                full: Fen(13_425),
                basis: "",
                source: LineSource::Billing,
                source_ref: "",
                adjusts: None,
                reason: None,
            };
            insert_line_in(&tx, &line, &rec(8)).unwrap();
        }
        tx.commit().unwrap();
        let prepay = Payment {
            unit: u,
            lines: Vec::new(),
            method: PayMethod::Cash,
            tendered: None,
            prepay: Fen(30_000),
            payer: "张伟".into(),
            note: String::new(),
        };
        let first = store.take_payment(&prepay, &rec(9)).unwrap();
        let tx = store.conn.transaction().unwrap();
        let spent = apply_prepayment_in(&tx, u, &rec(10)).unwrap().unwrap();
        tx.commit().unwrap();
        let account = store.fee_account(u).unwrap();
        assert_eq!((account.open.len(), account.balance), (0, Fen(3_150)));
        assert_eq!(store.receipt(spent).unwrap().method, PayMethod::Prepaid);
        let refused = store.void_receipt(first, "写错", &rec(11)).unwrap_err();
        assert!(
            refused.to_string().contains(&spent.to_string()),
            "{refused}"
        );
        store.void_receipt(spent, "抵扣错了", &rec(11)).unwrap();
        let account = store.fee_account(u).unwrap();
        assert_eq!((account.open.len(), account.balance), (2, Fen(30_000)));
        store.void_receipt(first, "写错", &rec(12)).unwrap();
        assert_eq!(store.fee_account(u).unwrap().balance, Fen(0));
    }
}
