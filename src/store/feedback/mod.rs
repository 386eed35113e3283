//! 信息反馈与投诉 in the store: `actions` holds the desk's writes, each one transaction, on
//! `write`'s functions (shared with `bulk`, the demo's loader), `read` one matter in full and
//! the month registers, `list` the list and the open clocks, `search` the list's search box as
//! SQL, `row` the mapping of rows into domain values, and `departments` the editable list of
//! departments.

mod actions;
mod archive;
mod bulk;
mod departments;
mod list;
mod read;
mod row;
mod search;
mod today;
mod write;

pub use list::{FeedbackFilter, FeedbackSummary};
pub use read::{FeedbackRecord, WorkOrder};
pub(crate) use today::TODAY;
pub(crate) use write::repair_category;
