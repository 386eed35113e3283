//! 月末归档: the month-end archive. Every tab hands its registers (as typed tables) and the
//! forms it printed in the month (as print jobs) to [`sources`]; the archive writes them as
//! .xlsx and PDF files with a summary, a checksum list and a note, into one folder and one .zip
//! that open without this program.
//!
//! Layers: domain → store → forms → archive → ui and cli.

pub mod registers;
pub mod sources;
pub mod table;

pub use sources::{SOURCES, TabSource};
pub use table::{Cell, Sheet, Workbook};
