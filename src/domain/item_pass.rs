//! 物品放行: item-release passes (`ItemPass`), their numbers, states and the approval rule.
//!
//! The approval rule takes what is known of the unit's fees as an [`Arrears`] value, so that
//! the day a fees tab exists the store answers `Settled` or `Owing` and nothing here changes.

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

use super::person::validate_name;
use super::plate::Plate;
use super::staff::Role;
use super::{Fen, Mobile, ResidentId, UnitAddress};

/// A pass number, `FX-202611-0001`: year, month and the month's running number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct PassNumber {
    /// Year.
    pub year: i32,
    /// Month, 1–12.
    pub month: u32,
    /// Running number inside the month, from 1.
    pub seq: u32,
}

impl PassNumber {
    /// Reads `FX-202611-0001` (lower case and full-width accepted).
    pub fn parse(s: &str) -> Option<PassNumber> {
        let text = super::normalize_digits(s).to_ascii_uppercase();
        let rest = text.strip_prefix("FX-")?;
        let (ym, seq) = rest.split_once('-')?;
        if ym.len() != 6 || seq.len() < 4 || !seq.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let year: i32 = ym.get(..4)?.parse().ok()?;
        let month: u32 = ym.get(4..)?.parse().ok()?;
        let seq: u32 = seq.parse().ok()?;
        ((1..=12).contains(&month) && seq > 0).then_some(PassNumber { year, month, seq })
    }

    /// The month key of the counter, `202611`.
    pub fn month_key(year: i32, month: u32) -> String {
        format!("{year:04}{month:02}")
    }
}

impl std::fmt::Display for PassNumber {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "FX-{:04}{:02}-{:04}", self.year, self.month, self.seq)
    }
}

/// Reads a month as typed for a monthly register: `2026-11`, `2026/11`, `202611`, `2026年11月`.
pub fn parse_year_month(s: &str) -> Option<(i32, u32)> {
    let text: String = super::normalize_digits(s)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let text = text.trim_end_matches('月');
    let (y, m) = match text.split_once(['-', '/', '.', '年']) {
        Some(parts) => parts,
        None if text.len() == 6 && text.is_ascii() => text.split_at(4),
        None => return None,
    };
    let year: i32 = y.parse().ok().filter(|y| (2000..=2100).contains(y))?;
    let month: u32 = m.parse().ok().filter(|m| (1..=12).contains(m))?;
    Some((year, month))
}

/// Who applies for the pass (申请人类型).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum ApplicantKind {
    /// 业主.
    #[default]
    Owner,
    /// 租户.
    Tenant,
    /// 装修公司.
    Contractor,
    /// 公用物品单位: property of the estate or of a company in it.
    PublicProperty,
}

/// Why the items leave (放行事由).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum PassReason {
    /// 搬家.
    #[default]
    MovingOut,
    /// 装修垃圾.
    RenovationWaste,
    /// 维修送修.
    Repair,
    /// 其他.
    Other,
}

/// Where a pass is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum PassStatus {
    /// 待确认: recorded, waiting for the fees sign-off and approval.
    Pending,
    /// 已批准: the guard may let it out on the planned date.
    Approved,
    /// 已放行: the guard let it out.
    Released,
    /// 已作废.
    Void,
}

macro_rules! coded {
    ($t:ty { $($v:ident => $code:literal, $label:literal;)* }) => {
        impl $t {
            /// Every value, in display order.
            pub const ALL: &'static [$t] = &[$(<$t>::$v),*];
            /// The Chinese word the desk reads.
            pub fn label(self) -> &'static str { match self { $(<$t>::$v => $label),* } }
            /// The stable code stored in the database.
            pub fn code(self) -> &'static str { match self { $(<$t>::$v => $code),* } }
            /// The value stored under `code`.
            pub fn from_code(code: &str) -> Option<Self> {
                Self::ALL.iter().copied().find(|v| v.code() == code)
            }
        }
        impl std::fmt::Display for $t {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.label())
            }
        }
    };
}
pub(crate) use coded;

coded!(ApplicantKind {
    Owner => "owner", "业主";
    Tenant => "tenant", "租户";
    Contractor => "contractor", "装修公司";
    PublicProperty => "public", "公用物品单位";
});
coded!(PassReason {
    MovingOut => "moving_out", "搬家";
    RenovationWaste => "renovation_waste", "装修垃圾";
    Repair => "repair", "维修送修";
    Other => "other", "其他";
});
coded!(PassStatus {
    Pending => "pending", "待确认";
    Approved => "approved", "已批准";
    Released => "released", "已放行";
    Void => "void", "已作废";
});

impl PassStatus {
    /// Whether a pass in this state may still be voided.
    pub fn can_void(self) -> bool {
        matches!(self, PassStatus::Pending | PassStatus::Approved)
    }
}

/// One line of the items table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PassItem {
    /// 物品名称.
    pub name: String,
    /// 数量.
    pub quantity: u32,
    /// 备注.
    pub note: String,
}

/// The driver's licence or ID number (驾驶证号或身份证号): kept in full, shown masked.
///
/// A mainland licence number is the holder's ID number, so an 18-character value is checked as
/// one; other documents (e.g. a Hong Kong licence) are accepted as 6–20 letters and digits.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DriverDoc(String);

impl DriverDoc {
    /// Reads the number as typed.
    ///
    /// # Errors
    /// A message for the field.
    pub fn parse(s: &str) -> Result<DriverDoc, String> {
        let text: String = super::normalize_digits(s)
            .chars()
            .filter(|c| !c.is_whitespace())
            .map(|c| c.to_ascii_uppercase())
            .collect();
        if text.is_empty() {
            return Err("请填写司机的驾驶证号或身份证号".into());
        }
        if text.len() == 18 {
            return ResidentId::parse(&text)
                .map(|id| DriverDoc(id.as_str().to_string()))
                .map_err(|e| e.to_string());
        }
        if !(6..=20).contains(&text.len()) || !text.chars().all(|c| c.is_ascii_alphanumeric()) {
            return Err("证件号应为18位身份证号，或6到20位字母和数字".into());
        }
        Ok(DriverDoc(text))
    }

    /// The full number, for storage only.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// First 3 and last 4 characters, the rest as `*`: what screens and paper show.
    pub fn masked(&self) -> String {
        let chars: Vec<char> = self.0.chars().collect();
        let n = chars.len();
        if n <= 7 {
            return format!(
                "{}{}",
                chars.first().copied().unwrap_or('*'),
                "*".repeat(n - 1)
            );
        }
        let head: String = chars[..3].iter().collect();
        let tail: String = chars[n - 4..].iter().collect();
        format!("{head}{}{tail}", "*".repeat(n - 7))
    }
}

impl std::fmt::Debug for DriverDoc {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "DriverDoc({})", self.masked())
    }
}

impl std::fmt::Display for DriverDoc {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.masked())
    }
}

/// The vehicle carrying the items: plate, driver and the driver's document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Vehicle {
    /// 车牌号.
    pub plate: Plate,
    /// 司机姓名.
    pub driver: String,
    /// 驾驶证号或身份证号.
    pub driver_doc: DriverDoc,
}

/// A pass as applied for, before it is numbered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemPass {
    /// 申请人类型.
    pub kind: ApplicantKind,
    /// The unit the items leave from; may be empty only for public property.
    pub unit: Option<UnitAddress>,
    /// 申请人.
    pub applicant: String,
    /// 申请人电话.
    pub phone: Mobile,
    /// The owner's written authorisation when the applicant is not the owner (业主书面授权).
    pub authorisation: String,
    /// The owning unit's certificate for public property (外运证明: its number or description).
    pub certificate: String,
    /// 物品.
    pub items: Vec<PassItem>,
    /// 事由.
    pub reason: PassReason,
    /// 事由说明 (required for 其他).
    pub reason_note: String,
    /// The vehicle, if the items leave by vehicle.
    pub vehicle: Option<Vehicle>,
    /// 放行日期: the day the pass is valid for.
    pub planned: NaiveDate,
}

/// Most lines an items table holds (the paper form has room for this many).
pub const MAX_ITEMS: usize = 8;

/// A field of the pass form, for putting its message beside it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PassField {
    /// 房号.
    Unit,
    /// 申请人.
    Applicant,
    /// 电话.
    Phone,
    /// 业主授权.
    Authorisation,
    /// 外运证明.
    Certificate,
    /// 物品表.
    Items,
    /// 事由说明.
    ReasonNote,
    /// 车牌.
    Plate,
    /// 司机.
    Driver,
    /// 证件号.
    DriverDoc,
    /// 放行日期.
    Planned,
}

impl ItemPass {
    /// The rules a pass must meet besides its fields' own parsing; each problem against its field.
    ///
    /// `today` is the desk's date: a pass cannot be planned for a day already past.
    pub fn problems(&self, today: NaiveDate) -> Vec<(PassField, String)> {
        let mut out = Vec::new();
        if self.unit.is_none() && self.kind != ApplicantKind::PublicProperty {
            out.push((PassField::Unit, "请填写房号".into()));
        }
        if let Err(e) = validate_name(&self.applicant) {
            out.push((PassField::Applicant, e.into()));
        }
        let needs_authorisation =
            matches!(self.kind, ApplicantKind::Tenant | ApplicantKind::Contractor);
        if needs_authorisation && self.authorisation.trim().is_empty() {
            out.push((
                PassField::Authorisation,
                "申请人不是业主，请登记业主的书面授权（授权人、日期）".into(),
            ));
        }
        if self.kind == ApplicantKind::PublicProperty && self.certificate.trim().is_empty() {
            out.push((
                PassField::Certificate,
                "公用物品须有物品所有单位开具的外运证明，请填写证明编号或说明".into(),
            ));
        }
        if self.items.is_empty() {
            out.push((PassField::Items, "请至少登记一件物品".into()));
        } else if self.items.len() > MAX_ITEMS {
            out.push((PassField::Items, format!("物品最多{MAX_ITEMS}行")));
        } else if self
            .items
            .iter()
            .any(|i| i.name.trim().is_empty() || i.quantity == 0)
        {
            out.push((PassField::Items, "每行物品都要有名称和数量".into()));
        }
        if self.reason == PassReason::Other && self.reason_note.trim().is_empty() {
            out.push((PassField::ReasonNote, "事由选了“其他”，请说明".into()));
        }
        if let Some(v) = &self.vehicle
            && let Err(e) = validate_name(&v.driver)
        {
            out.push((PassField::Driver, format!("司机{e}")));
        }
        if self.planned < today {
            out.push((PassField::Planned, "放行日期不能早于今天".into()));
        }
        out
    }
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

#[cfg(test)]
mod tests;
