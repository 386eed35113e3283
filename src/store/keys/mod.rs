//! The key cabinet (钥匙管理): key sets, loans, hand-overs to owners, label checks, the
//! overdue list, and the keys tab's own settings (`keys.*` in `settings`).
//!
//! The types the rest of the desk sees live here; `write` holds the one-transaction steps,
//! `read` the queries and row mapping, `bulk` the demo's loader and `settings` the tab's
//! settings.

mod bulk;
mod read;
mod settings;
mod today;
pub(crate) use today::TODAY;
pub(crate) mod write;

use chrono::NaiveDateTime;

use super::StoreError;
use crate::domain::keys::{KeyIssue, KeyLoan, KeyStatus, LabelCheck, UnitKey};
use crate::domain::staff::Recorded;
use crate::domain::unit::UnitId;

/// The row id of a key set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct KeyId(pub i64);

/// The row id of a loan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct LoanId(pub i64);

/// A key set as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyRecord {
    /// Row id.
    pub id: KeyId,
    /// The unit's row id, if a unit's key.
    pub unit_id: Option<UnitId>,
    /// The key set.
    pub key: UnitKey,
    /// Where it is.
    pub status: KeyStatus,
}

impl KeyRecord {
    /// `3-2-1502` or the common room's name.
    pub fn whose(&self) -> String {
        match self.key.unit {
            Some(a) => a.short(),
            None => self.key.place.clone(),
        }
    }
}

/// A loan as stored, with the key it is of.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoanRecord {
    /// Row id.
    pub id: LoanId,
    /// The key's row id.
    pub key_id: KeyId,
    /// The key's hook.
    pub hook: String,
    /// `3-2-1502` or the common room.
    pub whose: String,
    /// The loan.
    pub loan: KeyLoan,
    /// When it came back, its condition and who received it.
    pub returned: Option<KeyReturn>,
    /// Who recorded the loan.
    pub recorded_by: String,
}

/// A hand-over to an owner as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IssueRecord {
    /// The key's hook.
    pub hook: String,
    /// `3-2-1502` or the common room.
    pub whose: String,
    /// The hand-over.
    pub issue: KeyIssue,
    /// When.
    pub at: NaiveDateTime,
    /// The keeper who handed them over.
    pub by_name: String,
}

/// A key's return: when, its condition, who received it.
pub type KeyReturn = (NaiveDateTime, String, String);

/// One loan of a [`KeyHistory`].
#[derive(Debug, Clone)]
pub struct LoanHistory {
    /// The loan.
    pub loan: KeyLoan,
    /// Who recorded it, when.
    pub recorded: Recorded,
    /// Its return, if back.
    pub returned: Option<KeyReturn>,
}

/// A key's whole history at once, for the demo's bulk load.
#[derive(Debug, Clone)]
pub struct KeyHistory {
    /// The key set.
    pub key: UnitKey,
    /// When it was put in the cabinet.
    pub recorded: Recorded,
    /// Loans, oldest first.
    pub loans: Vec<LoanHistory>,
    /// Label checks.
    pub checks: Vec<(LabelCheck, Recorded)>,
    /// A final hand-over to the owner.
    pub issued: Option<(KeyIssue, Recorded)>,
}

fn corrupt(what: &str, v: &str) -> StoreError {
    StoreError::Corrupt(format!("{what} “{v}”"))
}
