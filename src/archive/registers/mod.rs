//! Each tab's registers as the archive files them: one module per tab, reading the month's
//! records through the store and laying them out as sheets (masked as on paper).

pub mod audit;
pub mod feedback;
pub mod fees;
pub mod gate;
pub mod keys;
pub mod lostfound;
pub mod movein;
pub mod register;
pub mod renovation;
pub mod rental;
pub mod repairs;
pub mod today;
pub mod vacancy;
