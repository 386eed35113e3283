//! 空置房管理: vacant units (DOMAIN.md §8) — vacancy kinds and applications with the three-month
//! rule, the fee share during a vacancy, meter readings and the occupancy rule, inspections and
//! their coverage. Pure rules; every date that matters is passed in.

mod application;
mod basement;
mod fee;
mod inspection;
mod meter;

pub use application::{
    ApplicationId, ApplicationState, ApplicationStatus, MIN_MONTHS, PeriodError, VacancyKind,
    VacancyPeriod, check_period, earliest_end, state_on,
};
pub use basement::{Basement, BasementError, BasementId};
pub use fee::{FeeShare, fee_share};
pub use inspection::{
    BuildingCoverage, CHECKLIST, FollowUp, Inspection, InspectionError, InspectionId,
    InspectionKind, OfficerCoverage, UNASSIGNED, per_officer,
};
pub use meter::{
    Meter, MeterChange, Reading, ReadingError, Usage, VacancyRules, Verdict, usage, verdict,
};
// The month type lives in `domain::month`; the vacancy rules speak of it often enough to name it
// here too.
pub use crate::domain::month::{Month, MonthError, add_months};
