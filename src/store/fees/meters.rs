//! Meter readings (units' and the buildings' master meters) and the shared-utilities loss:
//! master use minus the units' use, its rate, a 12-month trend and the limit set in 设置.

use chrono::NaiveDate;

use crate::domain::fees::Meter;
use crate::domain::staff::Recorded;
use crate::domain::unit::UnitId;
use crate::domain::{Month, UnitAddress};
use crate::store::{Result, Store};

/// A reading to record: a unit's meter, or the building's master meter (`unit` None).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewReading {
    /// 楼栋.
    pub building: u32,
    /// The unit; `None` for the building's master meter (总表).
    pub unit: Option<UnitId>,
    /// Water or power.
    pub meter: Meter,
    /// The month it closes.
    pub month: Month,
    /// The meter's figure: litres for water, 0.01 kWh for power.
    pub reading: i64,
    /// The day it was read.
    pub read_on: NaiveDate,
}

/// One meter of a building for a month, as the readings screen lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadingRow {
    /// The unit (`None`: the master meter, listed first).
    pub unit: Option<(UnitId, UnitAddress)>,
    /// This month's reading, if entered.
    pub reading: Option<i64>,
    /// The month before's.
    pub previous: Option<i64>,
    /// This month's use (reading − previous), when both are there.
    pub used: Option<i64>,
}

/// A building's shared use of one meter in one month.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LossMonth {
    /// The month.
    pub month: Month,
    /// The master meter's use; `None` without both readings.
    pub master: Option<i64>,
    /// The sum of the units' use (units with both readings).
    pub units: i64,
    /// Units without both readings (the loss is then not reliable).
    pub units_missing: u32,
    /// master − units.
    pub loss: Option<i64>,
    /// loss / master in ‰ (one decimal of a percent).
    pub rate_permille: Option<i64>,
    /// Whether the rate passes the limit set in 设置.
    pub over_limit: bool,
}

impl Store {
    /// Records readings ([`Action::MeterRead`]), replacing a month's reading entered before;
    /// a reading below the month before's is refused with the meter named.
    ///
    /// [`Action::MeterRead`]: crate::domain::access::Action::MeterRead
    pub fn record_readings(&mut self, readings: &[NewReading], rec: &Recorded) -> Result<usize> {
        todo!("billing helper {readings:?} {rec:?}")
    }

    /// A building's readings of one meter for a month: the master meter first, then every unit.
    pub fn readings(&self, building: u32, meter: Meter, month: Month) -> Result<Vec<ReadingRow>> {
        todo!("billing helper {building} {meter:?} {month}")
    }

    /// The 12 months ending at `month` of a building's shared use of `meter`, oldest first.
    pub fn utility_loss(
        &self,
        building: u32,
        meter: Meter,
        month: Month,
    ) -> Result<Vec<LossMonth>> {
        todo!("billing helper {building} {meter:?} {month}")
    }

    /// The loss rate above which a month is flagged, in percent (设置; default 10).
    pub fn loss_limit_percent(&self) -> Result<u32> {
        todo!("billing helper")
    }

    /// Sets the loss limit (the supervisor's, through the settings path).
    pub fn save_loss_limit_percent(&mut self, percent: u32, rec: &Recorded) -> Result<()> {
        todo!("billing helper {percent} {rec:?}")
    }
}
