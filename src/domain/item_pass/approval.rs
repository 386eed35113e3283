//! The approval rule: the unit's arrears, the service officer's fees sign-off and a
//! supervisor's override.

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

use super::ApplicantKind;
use crate::domain::Fen;
use crate::domain::access::{Action, permits};
use crate::domain::staff::Role;

/// Whether someone in `role` may give the fees sign-off (费用结清确认): the area's service
/// officer, or the supervisor standing in, as the role table ([`crate::domain::access`]) says;
/// the store also checks that the officer covers the unit's building.
pub fn may_confirm_fees(role: Role) -> bool {
    permits(Action::PassFeesSignOff, role, true)
}

/// Whether someone in `role` may let a pass through although fees are owed (主管特批).
pub fn may_override(role: Role) -> bool {
    permits(Action::PassOverride, role, false)
}

/// Whether someone in `role` signs anything on a pass, so the desk lists them as a signer.
pub fn may_sign_passes(role: Role) -> bool {
    may_confirm_fees(role) || may_override(role)
}

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
    /// Public property leaves on its owner's certificate: the fees sign-off is not for it.
    #[error("公用物品凭物品所有单位的外运证明放行，不需要也不能做费用结清确认")]
    PublicNoSignOff,
}

/// May `s` be given on a pass of `kind`? Only for items leaving a unit, and only by someone
/// [`may_confirm_fees`].
///
/// # Errors
/// The [`ApprovalError`] saying why not.
pub fn check_sign_off(kind: ApplicantKind, s: &FeesSignOff) -> Result<(), ApprovalError> {
    if !kind.needs_fees_sign_off() {
        return Err(ApprovalError::PublicNoSignOff);
    }
    if !may_confirm_fees(s.role) {
        return Err(ApprovalError::SignOffRole(s.role.label().to_string()));
    }
    Ok(())
}

/// The approval rule: may a pass of `kind` be approved, given the unit's arrears, the service
/// officer's sign-off and a supervisor's override?
///
/// - Public property: approved on its certificate (checked when the pass was recorded); no fees
///   sign-off is asked for, and none may be given.
/// - `Unknown`: the sign-off of a service officer (or the supervisor) is required; an override
///   does not replace it, since nothing is known to be owed.
/// - `Settled`: approval may go ahead; a sign-off, if given, is kept but not required.
/// - `Owing`: blocked unless a supervisor overrides with a reason, whatever was signed.
///
/// # Errors
/// The [`ApprovalError`] saying what is missing.
pub fn check_approval(
    kind: ApplicantKind,
    arrears: Arrears,
    sign_off: Option<&FeesSignOff>,
    override_: Option<&SupervisorOverride>,
) -> Result<(), ApprovalError> {
    if let Some(o) = override_
        && (!may_override(o.role) || o.reason.trim().is_empty())
    {
        return Err(ApprovalError::BadOverride);
    }
    if let Some(s) = sign_off {
        check_sign_off(kind, s)?;
    }
    if !kind.needs_fees_sign_off() {
        return Ok(());
    }
    match arrears {
        Arrears::Settled => Ok(()),
        Arrears::Unknown if sign_off.is_some() => Ok(()),
        Arrears::Unknown => Err(ApprovalError::NeedsSignOff),
        Arrears::Owing(_) if override_.is_some() => Ok(()),
        Arrears::Owing(fen) => Err(ApprovalError::Owing(fen.to_string())),
    }
}

/// Why the guard may not let a pass out yet.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReleaseError {
    /// The guard has not confirmed the signature on the pass (由业主签字后方可放行).
    #[error(
        "{0}还没有在放行条上签字：请{0}签字，值岗人员核对后勾选“{0}已在放行条上签字（值岗人员核对）”，再放行"
    )]
    NotSigned(&'static str),
}

/// The release rule: the guard lets items out only after confirming that the pass was signed by
/// [`ApplicantKind::release_signer`].
///
/// # Errors
/// [`ReleaseError::NotSigned`] when the guard has not confirmed the signature.
pub fn check_release(kind: ApplicantKind, signed: bool) -> Result<(), ReleaseError> {
    if signed {
        Ok(())
    } else {
        Err(ReleaseError::NotSigned(kind.release_signer()))
    }
}
