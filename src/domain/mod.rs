//! The desk's vocabulary and rules: no GUI, no SQL, no files.
//!
//! Every parser here is forgiving about how a receptionist types (full-width digits from a
//! Chinese IME, stray spaces, common separators) and strict about what the value means.

pub mod access;
pub mod address;
pub mod area;
pub mod backup;
pub mod bank_account;
mod coded;
pub mod date;
pub mod feedback;
pub mod fees;
#[cfg(test)]
mod fuzz_tests;
pub mod id_card;
pub mod item_pass;
pub mod keys;
pub mod lostfound;
pub mod money;
pub mod month;
pub mod movein;
mod number;
pub mod person;
pub mod phone;
pub mod plate;
pub mod renovation;
pub mod rental;
pub mod repair;
pub mod roster;
pub mod search;
pub mod secret;
pub mod settings;
pub mod staff;
pub mod stats;
mod text;
mod time;
pub mod today;
pub mod unit;
pub mod vacancy;

pub use address::{AddressError, UnitAddress};
pub use area::{Area, AreaError};
pub use id_card::{IdError, ResidentId};
pub use money::{Fen, MoneyError};
pub use month::{Month, MonthError};
pub use phone::{Mobile, PhoneError};
pub use search::SearchQuery;

pub(crate) use text::normalize_digits;
