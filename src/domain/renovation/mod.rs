//! 装修管理: a renovation from the owner's application to the deposit's refund (DOMAIN.md §2,
//! chapter 2 of the procedure).
//!
//! Plain data and pure rules: the application ([`Application`], numbered `ZX-YYYYMM-NNNN`) with
//! its contractor ([`Contractor`]), workers ([`Worker`]) and papers ([`Paper`]); the stages and
//! their state machine in [`stage`]; the second inspection's items ([`InspectionItem`]); the
//! phases, patrol frequencies and violations in [`patrol`]; the refund's deductions are the
//! fees module's ([`crate::domain::fees::refund`]). The store keeps the records.

pub mod parties;
pub mod patrol;
pub mod stage;

use chrono::{Days, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::domain::coded::coded;
use crate::domain::number::monthly_number;
use crate::domain::unit::UnitId;
use crate::domain::{Mobile, UnitAddress};

pub use crate::domain::fees::refund::{Deduction, RefundNumber, deducted, refund_amount};
pub use parties::{Contractor, Worker};
pub use patrol::{
    MAX_RECHECK_DAYS, Patrol, PatrolRule, Violation, WorkKind, check_violation, is_overdue,
    next_patrol_due, patrol_due_at,
};
pub use stage::{Stage, Step};

/// A renovation application's row id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct RenovationId(pub i64);

monthly_number!(
    /// A renovation's number `ZX-YYYYMM-NNNN` (装修): a monthly sequence with no gaps, by the
    /// month of the application.
    RenovationNumber,
    "ZX",
    "装修编号"
);

/// The fee item of the 装修保证金 (refunded after the final acceptance).
pub const DEPOSIT_ITEM: &str = "ZXBZJ";
/// The fee item of the 装修管理费.
pub const MANAGEMENT_ITEM: &str = "ZXGLF";
/// The fee item of the 装修垃圾清运费 (one-off).
pub const RUBBISH_ITEM: &str = "ZXLJF";
/// The three items billed before the permit, in the order of the bill.
pub const BILLED_ITEMS: &[&str] = &[DEPOSIT_ITEM, MANAGEMENT_ITEM, RUBBISH_ITEM];

/// The longest renovation the desk accepts, in days from start to planned end.
pub const MAX_PERIOD_DAYS: i64 = 366;

coded! {
    /// A paper the owner hands in with the application, each ticked when received.
    Paper {
        /// 营业执照复印件 (the contractor's).
        BusinessLicence = ("business_licence", "营业执照复印件"),
        /// 资质证书复印件.
        Qualification = ("qualification", "资质证书复印件"),
        /// 工人照片及身份证复印件.
        WorkerIds = ("worker_ids", "工人照片及身份证复印件"),
        /// 装修图纸 / 施工方案.
        Drawings = ("drawings", "装修图纸"),
        /// 装修协议 (signed by owner, contractor and the office).
        Agreement = ("agreement", "装修协议"),
        /// 装修申请表 (signed by the owner).
        ApplicationForm = ("application_form", "装修申请表"),
        /// 装修管理规定告知书 (the notice of rules, signed as read).
        RulesNotice = ("rules_notice", "装修管理规定告知书"),
    }
}

impl Paper {
    /// The papers every application needs before the permit is issued.
    pub const REQUIRED: &'static [Paper] = &[
        Paper::BusinessLicence,
        Paper::Qualification,
        Paper::WorkerIds,
        Paper::Agreement,
        Paper::ApplicationForm,
        Paper::RulesNotice,
    ];
}

/// The required papers missing from `received`, in the order of [`Paper::REQUIRED`].
pub fn missing_papers(received: &[Paper]) -> Vec<Paper> {
    Paper::REQUIRED
        .iter()
        .copied()
        .filter(|p| !received.contains(p))
        .collect()
}

/// The second inspection's standard items (二次验房), before any free items.
pub const STANDARD_ITEMS: &[&str] = &["智能化布线", "暖气打压", "闭水试验"];

/// One item of the second inspection: pass or fail, with a note (required on a failure).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InspectionItem {
    /// `闭水试验`, or a free item.
    pub name: String,
    /// Whether it passed.
    pub passed: bool,
    /// What was seen (required when it failed: it becomes the repair order's content).
    pub note: String,
}

/// Checks the second inspection's items: at least one, names present and not repeated, every
/// failure described.
///
/// # Errors
/// A message saying what to fix.
pub fn check_items(items: &[InspectionItem]) -> Result<(), String> {
    if items.is_empty() {
        return Err("请逐项填写二次验房的结果（智能化布线、暖气打压、闭水试验等）".into());
    }
    for (i, item) in items.iter().enumerate() {
        let name = item.name.trim();
        if name.is_empty() {
            return Err(format!("第 {} 项验房项目没有名称，请填写", i + 1));
        }
        if items[..i].iter().any(|o| o.name.trim() == name) {
            return Err(format!("验房项目“{name}”重复了，请合并为一项"));
        }
        if !item.passed && item.note.trim().is_empty() {
            return Err(format!("“{name}”不合格：请写明问题（会转为报修单的内容）"));
        }
    }
    Ok(())
}

coded! {
    /// Which acceptance after the work.
    AcceptanceRound {
        /// 初验.
        Initial = ("initial", "初验"),
        /// 复验.
        Final = ("final", "复验"),
    }
}

/// What the owner applies for (装修申请).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Application {
    /// The unit.
    pub unit: UnitId,
    /// Its address.
    pub address: UnitAddress,
    /// 业主 (picked from the register, or a name as given).
    pub owner_name: String,
    /// The owner's row in the register, when picked.
    pub person: Option<i64>,
    /// The owner's phone (stored in full, shown masked).
    pub owner_phone: Option<Mobile>,
    /// 装修单位.
    pub contractor: Contractor,
    /// 施工人员.
    pub workers: Vec<Worker>,
    /// 计划开工.
    pub planned_start: NaiveDate,
    /// 计划完工.
    pub planned_end: NaiveDate,
    /// 装修项目, in the order they are planned.
    pub kinds: Vec<WorkKind>,
    /// 装修内容及备注.
    pub note: String,
}

impl Application {
    /// Checks the application as the desk would refuse it, on `today`: an owner, a contractor,
    /// at least one kind of work (each once), a period that starts no earlier than a month ago
    /// and lasts at most [`MAX_PERIOD_DAYS`], workers each once by ID number.
    ///
    /// # Errors
    /// Every problem, each a message saying what to fix.
    pub fn check(&self, today: NaiveDate) -> Result<(), Vec<String>> {
        let mut problems = Vec::new();
        if self.owner_name.trim().is_empty() {
            problems.push("请填写业主姓名".to_string());
        }
        if let Err(e) = self.contractor.check() {
            problems.push(e);
        }
        if self.kinds.is_empty() {
            problems.push("请选择装修项目（水电改造、木工、粉墙/油漆……）".to_string());
        }
        for (i, k) in self.kinds.iter().enumerate() {
            if self.kinds[..i].contains(k) {
                problems.push(format!("装修项目“{}”选了两次", k.label()));
            }
        }
        if self.planned_end < self.planned_start {
            problems.push("计划完工日期早于开工日期，请核对".to_string());
        } else if (self.planned_end - self.planned_start).num_days() > MAX_PERIOD_DAYS {
            problems.push(format!(
                "装修期限超过 {MAX_PERIOD_DAYS} 天，请核对计划完工日期"
            ));
        }
        if self.planned_start < today.checked_sub_days(Days::new(31)).unwrap_or(today) {
            problems.push("计划开工日期已过去一个多月，请核对".to_string());
        }
        for (i, w) in self.workers.iter().enumerate() {
            if let Err(e) = w.check() {
                problems.push(e);
            }
            if self.workers[..i].iter().any(|o| o.id_number == w.id_number) {
                problems.push(format!("施工人员 {} 的身份证号登记了两次", w.name.trim()));
            }
        }
        if problems.is_empty() {
            Ok(())
        } else {
            Err(problems)
        }
    }
}

#[cfg(test)]
mod tests;
