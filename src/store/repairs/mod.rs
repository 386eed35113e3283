//! Repair orders (报修管理) in the store: `write` holds intake and each step as one transaction,
//! `read` the full order and the lists, `row` the mapping of rows into domain values, `day` the
//! day's report and the category list, and `bulk` the demo's loader.

mod archive;
mod bulk;
mod charges;
mod day;
mod read;
mod row;
mod today;
pub(crate) use today::TODAY;
mod write;

pub use archive::{RepairEventLine, RepairMaterialLine};
pub use read::{RepairFilter, RepairPage, RepairRecord, RepairSummary};
/// For other records that open an order in their own transaction (a vacancy inspection).
pub(crate) use write::insert_intake;
