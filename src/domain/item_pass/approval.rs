//! The approval rule: the unit's arrears, the service officer's fees sign-off and a
//! supervisor's override.

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

use crate::domain::Fen;
use crate::domain::staff::Role;

/// What is known of a unit's fees when its pass is approved.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Arrears {
    /// No fees records to ask (today, before a fees tab exists): the service officer must confirm.
    Unknown,
    /// The fees records show nothing owed.
    Settled,
    /// The fees records show this much owed.
    Owing(Fen),
}

/// The area service officer's confirmation that fees are settled (费用结清确认).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeesSignOff {
    /// Who signed.
    pub by_name: String,
    /// Their role: a service officer (or the supervisor standing in).
    pub role: Role,
    /// When.
    pub at: NaiveDateTime,
}

/// A supervisor letting a pass through although fees are owed (主管特批).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SupervisorOverride {
    /// Who.
    pub by_name: String,
    /// Their role; must be the supervisor.
    pub role: Role,
    /// Why.
    pub reason: String,
}

/// Why a pass cannot be approved.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ApprovalError {
    /// Fees unknown and nobody confirmed them.
    #[error("还没有客户服务员确认费用已结清，不能批准。请区域客户服务员核实后签字确认。")]
    NeedsSignOff,
    /// The sign-off was given by someone who may not give it.
    #[error("费用结清须由客户服务员（或主管）确认，{0}不能确认")]
    SignOffRole(String),
    /// Fees are owed and no supervisor let it through.
    #[error("该房屋欠费 {0}，不能批准；如确需放行，须主管特批并写明理由")]
    Owing(String),
    /// The override was not by a supervisor or has no reason.
    #[error("特批须由客服中心主管作出，并写明理由")]
    BadOverride,
}

/// The approval rule: may a pass be approved, given the unit's arrears, the service officer's
/// sign-off and a supervisor's override?
///
/// - `Unknown`: the sign-off of a service officer (or the supervisor) is required; an override
///   does not replace it, since nothing is known to be owed.
/// - `Settled`: approval may go ahead; a sign-off, if given, is kept but not required.
/// - `Owing`: blocked unless a supervisor overrides with a reason, whatever was signed.
///
/// # Errors
/// The [`ApprovalError`] saying what is missing.
pub fn check_approval(
    arrears: Arrears,
    sign_off: Option<&FeesSignOff>,
    override_: Option<&SupervisorOverride>,
) -> Result<(), ApprovalError> {
    if let Some(o) = override_
        && (o.role != Role::Supervisor || o.reason.trim().is_empty())
    {
        return Err(ApprovalError::BadOverride);
    }
    if let Some(s) = sign_off
        && !matches!(s.role, Role::ServiceOfficer | Role::Supervisor)
    {
        return Err(ApprovalError::SignOffRole(s.role.label().to_string()));
    }
    match arrears {
        Arrears::Settled => Ok(()),
        Arrears::Unknown if sign_off.is_some() => Ok(()),
        Arrears::Unknown => Err(ApprovalError::NeedsSignOff),
        Arrears::Owing(_) if override_.is_some() => Ok(()),
        Arrears::Owing(fen) => Err(ApprovalError::Owing(fen.to_string())),
    }
}
