//! The monthly billing run (生成账单: preview, then one transaction; a month run again adds
//! nothing twice), one-off charges and adjustments.

use crate::domain::fees::{FeeItemId, LineId};
use crate::domain::staff::Recorded;
use crate::domain::unit::UnitId;
use crate::domain::{Fen, Month, UnitAddress};
use crate::store::{Result, Store};

/// What a billing run would add, before it is run.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BillingPreview {
    /// The month.
    pub month: Option<Month>,
    /// Per item: name, lines, total.
    pub items: Vec<(String, u32, Fen)>,
    /// Units billed.
    pub units: u32,
    /// Lines the run would add.
    pub lines: u32,
    /// Their total.
    pub total: Fen,
    /// Lines already billed for this month (left alone).
    pub already: u32,
    /// Who is discounted and why: `3-2-1502 物业管理服务费 空置15天按50%`.
    pub discounted: Vec<(UnitAddress, String)>,
    /// Who starts mid-month: `5-1-0301 自11月16日起计费`.
    pub partial: Vec<(UnitAddress, String)>,
    /// Items not billed and why: `水费：2026-11 未设收费标准`, `3号楼 水表 12户未抄表`.
    pub warnings: Vec<String>,
}

/// What a billing run did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BillingSummary {
    /// Lines added.
    pub lines: u32,
    /// Their total.
    pub total: Fen,
    /// Units billed.
    pub units: u32,
    /// Receipts paid from prepaid balances.
    pub prepaid_receipts: u32,
}

/// A one-off charge posted to a unit (特约服务、装修管理费、修复款、代收费 …).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewCharge {
    /// The unit.
    pub unit: UnitId,
    /// A one-off item.
    pub item: FeeItemId,
    /// The month it belongs to.
    pub month: Month,
    /// The amount.
    pub amount: Fen,
    /// What it is for, shown on the account and the receipt.
    pub basis: String,
}

impl Store {
    /// What [`Store::run_billing`] would add for `month`.
    pub fn billing_preview(&self, month: Month) -> Result<BillingPreview> {
        todo!("billing helper {month}")
    }

    /// Bills `month` for every unit in one transaction ([`Action::FeeBill`], one log row); a
    /// repeated run adds only what is missing. Prepaid balances then pay what they cover.
    ///
    /// [`Action::FeeBill`]: crate::domain::access::Action::FeeBill
    pub fn run_billing(&mut self, month: Month, rec: &Recorded) -> Result<BillingSummary> {
        todo!("billing helper {month} {rec:?}")
    }

    /// Posts a one-off charge ([`Action::FeeBill`]).
    ///
    /// [`Action::FeeBill`]: crate::domain::access::Action::FeeBill
    pub fn post_charge(&mut self, charge: &NewCharge, rec: &Recorded) -> Result<LineId> {
        todo!("billing helper {charge:?} {rec:?}")
    }

    /// Corrects a line by `delta` (negative to reduce) with a reason: a new adjustment line,
    /// never an edit ([`Action::FeeAdjust`], the supervisor's).
    ///
    /// [`Action::FeeAdjust`]: crate::domain::access::Action::FeeAdjust
    pub fn adjust_line(
        &mut self,
        line: LineId,
        delta: Fen,
        reason: &str,
        rec: &Recorded,
    ) -> Result<LineId> {
        todo!("billing helper {line:?} {delta} {reason} {rec:?}")
    }
}
