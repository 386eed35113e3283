//! Item-release passes (物品放行): numbering, the fees sign-off, approval, release and voiding.
//!
//! Each step is a function on a transaction so the desk's one-at-a-time writes and the demo's
//! bulk history go through the same checks. The types the rest of the desk sees live here;
//! `write` holds the one-transaction steps, `read` the queries and row mapping, and
//! `bulk` the demo's loader.

mod bulk;
mod read;
mod today;
pub(crate) use today::TODAY;
mod write;

use chrono::NaiveDateTime;

use super::StoreError;
use crate::domain::item_pass::{FeesSignOff, ItemPass, PassNumber, PassStatus, SupervisorOverride};
use crate::domain::staff::Recorded;
use crate::domain::unit::UnitId;

/// The row id of a pass.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct PassId(pub i64);

/// Someone's name and when they acted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stamp {
    /// Who.
    pub name: String,
    /// When.
    pub at: NaiveDateTime,
}

/// A pass as stored, with everything that happened to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PassRecord {
    /// Row id.
    pub id: PassId,
    /// `FX-202611-0001`.
    pub number: PassNumber,
    /// The unit's row id, if any.
    pub unit_id: Option<UnitId>,
    /// The pass as applied for.
    pub pass: ItemPass,
    /// Where it is.
    pub status: PassStatus,
    /// The service officer's fees confirmation.
    pub fees: Option<FeesSignOff>,
    /// A supervisor's override of owed fees.
    pub override_: Option<SupervisorOverride>,
    /// Who approved it, when.
    pub approved: Option<Stamp>,
    /// The guard who confirmed the pass was signed (by the owner, or the applicant), when.
    pub signature_checked: Option<Stamp>,
    /// The guard who let it out, when.
    pub released: Option<Stamp>,
    /// Why and when it was voided (the name is the reason).
    pub voided: Option<Stamp>,
    /// Who recorded it, when.
    pub recorded: Stamp,
}

/// A whole pass history at once, for the demo's bulk load.
#[derive(Debug, Clone)]
pub struct PassHistory {
    /// The pass.
    pub pass: ItemPass,
    /// Its recording.
    pub recorded: Recorded,
    /// The fees confirmation, if given.
    pub fees: Option<FeesSignOff>,
    /// Its approval, if approved.
    pub approved: Option<Recorded>,
    /// The guard's release, if let out.
    pub released: Option<Recorded>,
    /// Voided, with the reason.
    pub voided: Option<(String, Recorded)>,
}

fn corrupt(what: &str, v: &str) -> StoreError {
    StoreError::Corrupt(format!("{what} “{v}”"))
}
