//! 收费标准: fee items, their prices from a month on (history kept), and each unit's fee basis
//! (kind of property, the day billing starts).

use chrono::NaiveDate;

use crate::domain::fees::{FeeItem, FeeItemId, Price, UnitKind};
use crate::domain::staff::Recorded;
use crate::domain::unit::UnitId;
use crate::domain::{Fen, Month};
use crate::store::{Result, Store};

/// What a unit's bills are worked out from, beside its area.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UnitFeeBasis {
    /// 住宅, 商铺 …: picks the price where prices differ by kind.
    pub kind: UnitKind,
    /// 计费起始日 (the hand-over day); `None`: the day the unit was recorded.
    pub billing_from: Option<NaiveDate>,
}

impl Store {
    /// Every fee item, in the office's order (inactive ones too, marked).
    pub fn fee_items(&self) -> Result<Vec<FeeItem>> {
        todo!("billing helper")
    }

    /// The item with `code` (`WYF`).
    pub fn fee_item(&self, code: &str) -> Result<FeeItem> {
        todo!("billing helper {code}")
    }

    /// Adds an item (`item.id` 0) or changes one's name, vacancy rule or active flag (its code
    /// and kind stay); the supervisor's ([`Action::FeeStandards`]).
    ///
    /// [`Action::FeeStandards`]: crate::domain::access::Action::FeeStandards
    pub fn save_fee_item(&mut self, item: &FeeItem, rec: &Recorded) -> Result<FeeItemId> {
        todo!("billing helper {item:?} {rec:?}")
    }

    /// Every price ever set, by item, then newest month first.
    pub fn fee_prices(&self) -> Result<Vec<Price>> {
        todo!("billing helper")
    }

    /// Sets a price from a month on (a new row; the old price stays for the months before).
    pub fn set_price(&mut self, price: &Price, rec: &Recorded) -> Result<()> {
        todo!("billing helper {price:?} {rec:?}")
    }

    /// The price of `item` for a unit of `kind` in `month`: the kind's own price if it has
    /// one, else the price for every kind; the newest not after `month`.
    pub fn price_of(&self, item: FeeItemId, kind: UnitKind, month: Month) -> Result<Option<Fen>> {
        todo!("billing helper {item:?} {kind:?} {month}")
    }

    /// The unit's fee basis.
    pub fn unit_fee_basis(&self, unit: UnitId) -> Result<UnitFeeBasis> {
        todo!("billing helper {unit:?}")
    }

    /// Changes the unit's fee basis ([`Action::RegisterEdit`], logged).
    ///
    /// [`Action::RegisterEdit`]: crate::domain::access::Action::RegisterEdit
    pub fn save_unit_fee_basis(
        &mut self,
        unit: UnitId,
        basis: &UnitFeeBasis,
        rec: &Recorded,
    ) -> Result<()> {
        todo!("billing helper {unit:?} {basis:?} {rec:?}")
    }
}
