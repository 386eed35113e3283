//! 物品拾遗 in the store: `write` holds the writes inside a transaction (the item with its
//! gap-free number, the claim, the disposal, the loss report), shared by the desk's writes in
//! `actions` and the demo's loader in `bulk`; `read` the records, the lists and the matching;
//! `row` the mapping of rows into domain values; `today` the lines on 今日.

mod actions;
mod archive;
mod bulk;
mod read;
mod row;
mod today;
mod write;

pub use bulk::{PastEnd, PastFoundItem};
pub use read::{ClaimRecord, DisposalRecord, FoundFilter, FoundItemRecord, LossReportRecord};
pub(crate) use today::TODAY;
