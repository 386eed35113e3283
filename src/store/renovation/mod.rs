//! 装修管理 in the store: `head` what every step shares (the head, the counter, the step row
//! and the unit's history, the next patrol's day), `apply` the steps before the work, `work`
//! the phases, patrols, acceptances and the refund, `actions` the desk's writes on them, `bulk`
//! the demo's loader on the same functions, `read` one file in full (its tables read in `parts`), `list` the site list, the
//! round and a month's patrols, `today` the lines on 今日. Money goes through the fees tables
//! (bill lines, receipts, refunds); repairs found by the second inspection through 报修管理's.

mod actions;
mod apply;
mod archive;
mod bulk;
mod head;
mod list;
mod parts;
mod read;
pub(crate) mod today;
mod work;

pub use archive::{AcceptanceRow, RenovationRow};
pub use bulk::{PastRenovation, PastRenovationStep};
pub use list::{PatrolLogRow, RoundRow, RoundTask, SITE_LIMIT, SiteFilter, SiteRow};
pub use read::{
    AcceptanceRecord, InspectionRepair, PaperReceived, PatrolRecord, PhaseRecord, Rectification,
    RenovationFile, RenovationLine, RenovationStep, SecondInspectionRecord,
};
pub use today::TODAY;
pub use work::DepositRefund;
