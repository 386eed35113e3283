//! 业主房屋代租 in the store: `actions` holds the desk's writes, each one transaction with its
//! audit row, on `write`'s and `lease`'s functions (shared with `bulk`, the demo's loader);
//! `read` one entrustment in full, `list` the tab's list and the leases ending; `today` the 今日
//! lines. The lease writes the register (the tenant as 租户, the unit's status) and the fees
//! tables (the commission line) in its own transaction, through those modules' own functions.

mod actions;
mod archive;
mod bulk;
mod lease;
mod list;
mod read;
mod today;
mod write;

pub use archive::{EntrustmentRow, LeaseRow, ViewingRow};
pub use bulk::{PastRental, PastRentalStep};
pub use lease::LeaseSigned;
pub use list::{EndingLease, RentalFilter, RentalSummary};
pub use read::{LeaseRecord, RentalRecord, ViewingRecord};
pub(crate) use today::TODAY;
