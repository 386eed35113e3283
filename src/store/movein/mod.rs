//! 业主入住 in the store: `actions` holds the desk's writes, each one transaction, on `write`'s
//! functions and `inspections`' (shared with `bulk`, the demo's loader), `read` one case in full, the building
//! board and the day's schedule, and `settings` the two editable lists (items, inspection areas).
//! Keys handed over live in the keys tables, bank agreements and what is owed in the fees
//! tables: the case links to them and reads them live.

mod actions;
mod archive;
mod bulk;
mod inspections;
mod read;
mod settings;
mod write;

pub use archive::{MoveInCase, MoveInDefect};
pub use read::{DefectRecord, HandoverInspection, MoveInRecord, MoveInRow};
