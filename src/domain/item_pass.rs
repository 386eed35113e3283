//! 物品放行: item-release passes (`ItemPass`), their numbers, states and the approval rule.
//!
//! The approval rule takes what is known of the unit's fees as an [`Arrears`] value, so that
//! the day a fees tab exists the store answers `Settled` or `Owing` and nothing here changes.
//! The pass's kinds, states and form rules live here; `numbers` holds the pass number and the
//! driver's document, `approval` the approval rule.

mod approval;
mod numbers;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

pub use approval::{
    ApprovalError, Arrears, FeesSignOff, ReleaseError, SupervisorOverride, check_approval,
    check_release, check_sign_off, may_confirm_fees, may_override, may_sign_passes,
};
pub use numbers::{DriverDoc, PassNumber};

use super::person::validate_name;
use super::plate::Plate;
use super::{Mobile, UnitAddress};

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

use super::coded::coded;

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

impl ApplicantKind {
    /// Whether the area's service officer must confirm the unit's fees: items leaving a unit
    /// do; public property leaves on its owning unit's certificate (外运证明) instead.
    pub fn needs_fees_sign_off(self) -> bool {
        self != ApplicantKind::PublicProperty
    }

    /// Who signs the pass before the guard lets the items out (由业主签字后方可放行): the owner
    /// for their own items, otherwise the applicant who carries the owner's authorisation or
    /// the owning unit's certificate.
    pub fn release_signer(self) -> &'static str {
        match self {
            ApplicantKind::Owner => "业主",
            _ => "申请人",
        }
    }
}

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
    /// Who issued the certificate for public property: the owning unit (外运证明开具单位).
    pub certificate_issuer: String,
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
    /// 外运证明开具单位.
    CertificateIssuer,
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
        if self.kind == ApplicantKind::PublicProperty && self.certificate_issuer.trim().is_empty() {
            out.push((
                PassField::CertificateIssuer,
                "公用物品须有物品所有单位开具的外运证明，请填写开具证明的单位".into(),
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

#[cfg(test)]
mod tests;
