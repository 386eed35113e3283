//! 银行代扣: the owners' agreements, each month's request file and the bank's result files
//! (all or nothing; a file imported twice pays nothing twice).

use chrono::NaiveDate;

use crate::domain::staff::Recorded;
use crate::domain::unit::UnitId;
use crate::domain::{Fen, Month, UnitAddress};
use crate::store::{Result, Store};

/// An owner's auto-debit agreement (银行代扣协议).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BankAgreement {
    /// Row id (`None` before it is saved).
    pub id: Option<i64>,
    /// The unit.
    pub unit: UnitId,
    /// Its address, when read back.
    pub address: Option<UnitAddress>,
    /// 开户银行.
    pub bank: String,
    /// 户名.
    pub holder: String,
    /// 账号, in full (shown masked everywhere but the bank's request file).
    pub account: String,
    /// 签约日期.
    pub signed_on: NaiveDate,
    /// 终止日期; `None` while active.
    pub ended_on: Option<NaiveDate>,
}

/// One row of a month's request file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DebitRequest {
    /// 房号.
    pub address: UnitAddress,
    /// 户名.
    pub holder: String,
    /// 账号, in full.
    pub account: String,
    /// 金额: the unit's open lines up to the month.
    pub amount: Fen,
}

/// A row of the bank's result file, as read (row number for the messages).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BankResultRow {
    /// The row's number in the file (as a spreadsheet shows it).
    pub row: usize,
    /// 房号.
    pub address: UnitAddress,
    /// 户名.
    pub holder: String,
    /// 账号.
    pub account: String,
    /// 金额.
    pub amount: Fen,
    /// 扣款结果: true for success.
    pub ok: bool,
    /// The bank's words for a failure (余额不足 …).
    pub note: String,
    /// 扣款日期.
    pub date: Option<NaiveDate>,
}

/// What importing a result file did, or would do (the preview).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BankImportSummary {
    /// Rows paid, with receipts.
    pub paid: u32,
    /// Their total.
    pub paid_fen: Fen,
    /// Rows the bank could not debit (they stay owing).
    pub failed: u32,
    /// Rows already paid by an earlier import (nothing paid twice).
    pub already: u32,
    /// Rows that cannot be taken, by row number and reason; any of them stops the import.
    pub problems: Vec<(usize, String)>,
}

impl Store {
    /// The unit's active agreement.
    pub fn bank_agreement(&self, unit: UnitId) -> Result<Option<BankAgreement>> {
        todo!("bank helper {unit:?}")
    }

    /// Every agreement, active first, by address.
    pub fn bank_agreements(&self) -> Result<Vec<BankAgreement>> {
        todo!("bank helper")
    }

    /// Records a new agreement (ending the unit's active one) ([`Action::BankAgreement`]).
    ///
    /// [`Action::BankAgreement`]: crate::domain::access::Action::BankAgreement
    pub fn save_bank_agreement(&mut self, a: &BankAgreement, rec: &Recorded) -> Result<()> {
        todo!("bank helper {a:?} {rec:?}")
    }

    /// Ends the unit's active agreement on `on`.
    pub fn end_bank_agreement(
        &mut self,
        unit: UnitId,
        on: NaiveDate,
        rec: &Recorded,
    ) -> Result<()> {
        todo!("bank helper {unit:?} {on} {rec:?}")
    }

    /// The request rows of `month` (units with an active agreement and lines owed up to it).
    pub fn debit_requests(&self, month: Month) -> Result<Vec<DebitRequest>> {
        todo!("bank helper {month}")
    }

    /// Records that `month`'s requests were sent ([`Action::BankDebit`]) and returns the rows
    /// to write to the bank's file.
    ///
    /// [`Action::BankDebit`]: crate::domain::access::Action::BankDebit
    pub fn export_debit_requests(
        &mut self,
        month: Month,
        rec: &Recorded,
    ) -> Result<Vec<DebitRequest>> {
        todo!("bank helper {month} {rec:?}")
    }

    /// What importing `rows` would do, without doing it.
    pub fn preview_bank_results(
        &self,
        sha256: &str,
        rows: &[BankResultRow],
    ) -> Result<BankImportSummary> {
        todo!("bank helper {sha256} {rows:?}")
    }

    /// Imports the bank's results ([`Action::BankDebit`]): all or nothing; refused when any row
    /// has a problem, or the same file (by `sha256`) was imported before.
    ///
    /// [`Action::BankDebit`]: crate::domain::access::Action::BankDebit
    pub fn import_bank_results(
        &mut self,
        file_name: &str,
        sha256: &str,
        rows: &[BankResultRow],
        rec: &Recorded,
    ) -> Result<BankImportSummary> {
        todo!("bank helper {file_name} {sha256} {rows:?} {rec:?}")
    }
}
