//! 月末归档: the month-end archive. Every tab hands its registers (as typed tables) and the
//! forms it printed in the month (as print jobs) to [`sources`]; the archive writes them as
//! .xlsx and PDF files with a summary, a checksum list and a note, into one folder and one .zip
//! that open without this program ([`build()`]), and checks such a folder or .zip ([`verify()`]).
//!
//! Layers: domain → store → forms → archive → ui and cli.

pub mod build;
mod error;
pub mod pack;
pub mod readme;
pub mod registers;
mod run;
pub mod sources;
pub mod sums;
pub mod table;
pub mod verify;
pub mod xlsx;

pub use build::{Archived, Progress, Timings, build, folder_name, month_end};
pub use error::ArchiveError;
pub use sources::{SOURCES, TabSource};
pub use table::{Cell, Sheet, Workbook};
pub use verify::{Problem, Report, verify};
