//! 车位: the parking-space register, for 机动车占位费 per space that belongs to a unit.

use chrono::NaiveDate;

use crate::domain::UnitAddress;
use crate::domain::staff::Recorded;
use crate::domain::unit::UnitId;
use crate::store::{Result, Store};

/// A parking space's row id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ParkingId(pub i64);

/// A parking space.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParkingSpace {
    /// Row id (`None` before it is saved).
    pub id: Option<ParkingId>,
    /// 车位号, `B1-023`.
    pub number: String,
    /// 区域/楼层, `地下一层A区`.
    pub place: String,
    /// The unit it belongs to (rented or bought); `None` while free (not billed).
    pub unit: Option<UnitId>,
    /// The unit's address, when read back.
    pub address: Option<UnitAddress>,
    /// 车牌, separated by `、`.
    pub plates: String,
    /// The day the unit took it (billed from then); `None`: from the month it was recorded.
    pub from: Option<NaiveDate>,
    /// 备注.
    pub note: String,
}

impl Store {
    /// Every parking space, by number.
    pub fn parking_spaces(&self) -> Result<Vec<ParkingSpace>> {
        todo!("billing helper")
    }

    /// The spaces of a unit.
    pub fn unit_parking_spaces(&self, unit: UnitId) -> Result<Vec<ParkingSpace>> {
        todo!("billing helper {unit:?}")
    }

    /// Adds a space (`id` None) or changes one ([`Action::ParkingEdit`], logged).
    ///
    /// [`Action::ParkingEdit`]: crate::domain::access::Action::ParkingEdit
    pub fn save_parking_space(
        &mut self,
        space: &ParkingSpace,
        rec: &Recorded,
    ) -> Result<ParkingId> {
        todo!("billing helper {space:?} {rec:?}")
    }
}
