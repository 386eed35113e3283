//! The steps of a move-in case in procedure order, and the pure rules on them: what comes
//! next, what may be done now, what a skip needs, what is missing before the end.

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

use super::{Agreements, Finish, Inspection, ItemHanded};
use crate::domain::coded::coded;
use crate::domain::staff::Recorded;
use crate::domain::unit::UnitId;

coded! {
    /// The steps of chapter 1, in the order the desk takes them.
    MoveInStep {
        /// 验证入伙通知书及身份证.
        Verify = ("verify", "验证入伙通知书及身份证"),
        /// 签前期物业服务协议及业主临时管理规约.
        Agreements = ("agreements", "签前期物业服务协议及业主临时管理规约"),
        /// 业主档案 (the register's owner record).
        OwnerFile = ("owner_file", "业主档案"),
        /// 银行卡代扣协议 (the fees tab's agreement, or declined with a reason).
        BankAgreement = ("bank_agreement", "银行卡代扣协议"),
        /// 缴纳费用 (read from the fees tab).
        Payment = ("payment", "缴纳费用"),
        /// 领取物品 (钥匙 through the keys tab).
        Items = ("items", "领取物品"),
        /// 接房验收1 (closed loop: every defect fixed or accepted).
        Inspection1 = ("inspection1", "接房验收1"),
        /// 接房验收2 (strict).
        Inspection2 = ("inspection2", "接房验收2"),
        /// 发放居家手册、业主尊利手册、贴心服务卡、温馨提示.
        Handbook = ("handbook", "发放居家手册等"),
        /// 业主入住清单 filled in and signed.
        Checklist = ("checklist", "入住清单"),
        /// 入住 or 转装修: the unit's status changes.
        Finish = ("finish", "入住 / 转装修"),
    }
}

impl MoveInStep {
    /// Its place in the procedure, from 1.
    pub fn number(self) -> usize {
        Self::ALL.iter().position(|s| *s == self).unwrap_or(0) + 1
    }

    /// `第3步“业主档案”`, as refusals name a step.
    pub fn named(self) -> String {
        format!("第{}步“{}”", self.number(), self.label())
    }
}

/// A step taken (or skipped with its reason), who and when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StepDone {
    /// Which step.
    pub step: MoveInStep,
    /// When.
    pub at: NaiveDateTime,
    /// Who at the desk.
    pub by_name: String,
    /// Skipped, and why; `None` when done.
    pub skipped: Option<String>,
    /// What the desk noted (e.g. the agreements' dates, the items, the inspection's result).
    pub note: String,
}

/// The first step not yet done or skipped; `None` once the case is finished.
pub fn next_step(done: &[StepDone]) -> Option<MoveInStep> {
    MoveInStep::ALL
        .iter()
        .copied()
        .find(|s| !done.iter().any(|d| d.step == *s))
}

/// Whether `step` may be taken now: not taken before, and every earlier step done or skipped.
/// The refusal names the step missing.
pub fn may_do(step: MoveInStep, done: &[StepDone]) -> Result<(), String> {
    if let Some(d) = done.iter().find(|d| d.step == step) {
        let how = if d.skipped.is_some() {
            "已经跳过"
        } else {
            "已经办理过了"
        };
        return Err(format!("{}{how}", step.named()));
    }
    if let Some(missing) = MoveInStep::ALL
        .iter()
        .copied()
        .take_while(|s| *s != step)
        .find(|s| !done.iter().any(|d| d.step == *s))
    {
        return Err(format!(
            "请先办理{}，或写明原因后跳过，才能办理{}",
            missing.named(),
            step.named()
        ));
    }
    Ok(())
}

/// Whether `step` may be skipped for `reason`: a reason is required, and the ID check and the
/// end itself cannot be skipped.
pub fn check_skip(step: MoveInStep, reason: &str, done: &[StepDone]) -> Result<(), String> {
    match step {
        MoveInStep::Verify => {
            return Err("验证入伙通知书及身份证不能跳过：请核验后办理".into());
        }
        MoveInStep::Finish => {
            return Err("最后一步不能跳过：请选择入住或转装修".into());
        }
        _ => {}
    }
    if reason.trim().is_empty() {
        return Err(format!("跳过{}要写明原因", step.named()));
    }
    may_do(step, done)
}

/// The steps still open before the case can end (every step but the end itself).
pub fn missing_for_finish(done: &[StepDone]) -> Vec<MoveInStep> {
    MoveInStep::ALL
        .iter()
        .copied()
        .filter(|s| *s != MoveInStep::Finish && !done.iter().any(|d| d.step == *s))
        .collect()
}

/// One step of a past case for the bulk loader (the demo, records from paper): the same steps
/// the desk takes, in order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum PastStep {
    /// A step done with a note.
    Done(MoveInStep, String),
    /// A step skipped with its reason.
    Skip(MoveInStep, String),
    /// The agreements signed.
    Agreements(Agreements),
    /// The items handed over (recorded as on paper; the keys tab is not touched).
    Items(Vec<ItemHanded>),
    /// A handover inspection.
    Inspection(Inspection),
    /// The defect of `area` in inspection `round` becomes a repair order.
    DefectToRepair(u8, String),
    /// The owner accepts the defect of `area` in inspection `round` as it is.
    AcceptDefect(u8, String),
    /// The end: moved in or renovating.
    Finish(Finish),
}

/// A case from the past, with the steps taken on it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PastMoveIn {
    /// The unit.
    pub unit: UnitId,
    /// The owner's name.
    pub owner_name: String,
    /// The owner's register record, if linked.
    pub person: Option<i64>,
    /// 入伙通知书编号.
    pub notice_no: String,
    /// When the owner was booked at the desk.
    pub scheduled_at: Option<NaiveDateTime>,
    /// Who opened the case and when.
    pub opened: Recorded,
    /// The steps, each with who and when.
    pub steps: Vec<(Recorded, PastStep)>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn done(step: MoveInStep) -> StepDone {
        StepDone {
            step,
            at: NaiveDate::from_ymd_opt(2026, 11, 30)
                .and_then(|d| d.and_hms_opt(9, 0, 0))
                .expect("time"),
            by_name: "张敏".into(),
            skipped: None,
            note: String::new(),
        }
    }

    #[test]
    fn steps_go_in_order() {
        assert_eq!(next_step(&[]), Some(MoveInStep::Verify));
        assert!(may_do(MoveInStep::Verify, &[]).is_ok());
        let e = may_do(MoveInStep::Payment, &[done(MoveInStep::Verify)]).unwrap_err();
        assert!(
            e.contains("第2步“签前期物业服务协议及业主临时管理规约”"),
            "{e}"
        );
        let first_two = [done(MoveInStep::Verify), done(MoveInStep::Agreements)];
        assert_eq!(next_step(&first_two), Some(MoveInStep::OwnerFile));
        assert!(may_do(MoveInStep::OwnerFile, &first_two).is_ok());
        let again = may_do(MoveInStep::Verify, &first_two).unwrap_err();
        assert!(again.contains("已经办理过了"), "{again}");
    }

    #[test]
    fn a_skip_needs_a_reason_and_counts_as_passed() {
        let so_far = [
            done(MoveInStep::Verify),
            done(MoveInStep::Agreements),
            done(MoveInStep::OwnerFile),
        ];
        let e = check_skip(MoveInStep::BankAgreement, "  ", &so_far).unwrap_err();
        assert!(e.contains("要写明原因"), "{e}");
        assert!(check_skip(MoveInStep::BankAgreement, "业主不办理代扣", &so_far).is_ok());
        assert!(check_skip(MoveInStep::Verify, "忘带", &[]).is_err());
        assert!(check_skip(MoveInStep::Finish, "不入住", &so_far).is_err());
        let mut skipped = done(MoveInStep::BankAgreement);
        skipped.skipped = Some("业主不办理代扣".into());
        let with_skip = [so_far.to_vec(), vec![skipped]].concat();
        assert!(may_do(MoveInStep::Payment, &with_skip).is_ok());
        assert!(
            may_do(MoveInStep::BankAgreement, &with_skip)
                .unwrap_err()
                .contains("已经跳过")
        );
    }

    #[test]
    fn finish_needs_every_step() {
        let all: Vec<StepDone> = MoveInStep::ALL
            .iter()
            .copied()
            .filter(|s| *s != MoveInStep::Finish)
            .map(done)
            .collect();
        assert!(missing_for_finish(&all).is_empty());
        assert!(may_do(MoveInStep::Finish, &all).is_ok());
        assert_eq!(missing_for_finish(&all[..9]), vec![MoveInStep::Checklist]);
        assert_eq!(MoveInStep::Checklist.number(), 10);
    }
}
