//! 欠费: what each unit owes, aged (1–3, 4–6, 7–12, over 12 months), per unit and per
//! building; and the answer the item-release pass asks for ([`arrears_in`]).

use rusqlite::Connection;

use crate::domain::fees::AgedTotal;
use crate::domain::item_pass::Arrears;
use crate::domain::unit::UnitId;
use crate::domain::{Month, UnitAddress};
use crate::store::{Result, Store};

/// How the arrears list is sorted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ArrearsSort {
    /// Most owed first.
    #[default]
    Amount,
    /// Oldest debt first.
    Age,
}

/// One owing unit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArrearsRow {
    /// The unit.
    pub unit: UnitId,
    /// Its address.
    pub address: UnitAddress,
    /// The first owner's name.
    pub owner: String,
    /// Owed, by bucket.
    pub aged: AgedTotal,
    /// The oldest month owed.
    pub oldest: Month,
}

/// A page of the arrears list.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ArrearsPage {
    /// The rows.
    pub rows: Vec<ArrearsRow>,
    /// Owing units matching.
    pub total: usize,
    /// What they owe together, by bucket.
    pub sum: AgedTotal,
}

/// What the unit owes, for the pass approval: `Settled` or `Owing` with the amount (a pass
/// with no unit, public property, is `Settled`).
pub(crate) fn arrears_in(conn: &Connection, unit: Option<UnitId>) -> Result<Arrears> {
    todo!("arrears helper {conn:?} {unit:?}")
}

impl Store {
    /// Owing units (of `building`, or all), aged as of `now`, sorted, `size` per page.
    pub fn arrears(
        &self,
        building: Option<u32>,
        sort: ArrearsSort,
        now: Month,
        page: usize,
        size: usize,
    ) -> Result<ArrearsPage> {
        todo!("arrears helper {building:?} {sort:?} {now} {page} {size}")
    }

    /// One unit's arrears, aged as of `now`.
    pub fn unit_arrears(&self, unit: UnitId, now: Month) -> Result<AgedTotal> {
        todo!("arrears helper {unit:?} {now}")
    }
}
