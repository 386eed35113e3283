//! Payments at the desk (实收): a unit's account, paying chosen lines with the 收款收据,
//! prepayment, voiding, and the cashier's day (收费日报).

use chrono::{NaiveDate, NaiveDateTime};

use crate::domain::fees::{BillLine, LineId, PayMethod, ReceiptNumber};
use crate::domain::staff::Recorded;
use crate::domain::unit::UnitId;
use crate::domain::{Fen, Month, UnitAddress};
use crate::store::{Result, Store};

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
    /// Valid receipts' totals per method.
    pub by_method: Vec<(PayMethod, u32, Fen)>,
    /// Valid receipts' totals per item (prepayment as `预存款`).
    pub by_item: Vec<(String, Fen)>,
    /// Receipts of that day voided (on any day), listed apart.
    pub voided: Vec<ReceiptRecord>,
    /// Total of valid receipts, to hand to finance.
    pub total: Fen,
    /// Of which cash.
    pub cash: Fen,
}

impl Store {
    /// A unit's account: open lines oldest first, what is owed, the prepaid balance.
    pub fn fee_account(&self, unit: UnitId) -> Result<FeeAccount> {
        todo!("payments helper {unit:?}")
    }

    /// A unit's history of bills and receipts, newest first, `size` per page; and how many in all.
    pub fn fee_history(
        &self,
        unit: UnitId,
        page: usize,
        size: usize,
    ) -> Result<(Vec<AccountEvent>, usize)> {
        todo!("payments helper {unit:?} {page} {size}")
    }

    /// Takes a payment ([`Action::FeeCollect`]): the lines must still be owed; issues the
    /// receipt and returns its number.
    ///
    /// [`Action::FeeCollect`]: crate::domain::access::Action::FeeCollect
    pub fn take_payment(&mut self, payment: &Payment, rec: &Recorded) -> Result<ReceiptNumber> {
        todo!("payments helper {payment:?} {rec:?}")
    }

    /// A receipt by number.
    pub fn receipt(&self, number: ReceiptNumber) -> Result<ReceiptRecord> {
        todo!("payments helper {number}")
    }

    /// Receipts issued in `month`, newest first, `size` per page; and how many in all.
    pub fn receipts_in(
        &self,
        month: Month,
        page: usize,
        size: usize,
    ) -> Result<(Vec<ReceiptRecord>, usize)> {
        todo!("payments helper {month} {page} {size}")
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
        todo!("payments helper {number} {reason} {rec:?}")
    }

    /// The 收费日报 of `day`.
    pub fn cashier_day(&self, day: NaiveDate) -> Result<CashierDay> {
        todo!("payments helper {day}")
    }
}
