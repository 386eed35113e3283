//! Where a renovation stands ([`Stage`]) and the one pure state machine that moves it
//! ([`Stage::step`]): 申请 → 二次验房 → 待缴费 → 施工中 → 初验 → 复验 → 待退保证金 → 已退保证金,
//! with the 整改 loops of the second inspection and of both acceptances, and 已撤销 before work
//! starts.

use serde::{Deserialize, Serialize};

use crate::domain::coded::coded;

coded! {
    /// The stage of a renovation application (装修申请), in the order of the procedure.
    Stage {
        /// 申请: applied; the second inspection (二次验房) comes next.
        Applied = ("applied", "申请"),
        /// 二次验房: the inspection found problems; they go to repair and the application waits
        /// until the owner accepts the unit.
        Inspection = ("inspection", "二次验房"),
        /// 待缴费: the unit is accepted; deposit and fees are billed and must be paid before the
        /// permit.
        AwaitingPayment = ("awaiting_payment", "待缴费"),
        /// 施工中: the permit is on the door; staff patrol by phase.
        Working = ("working", "施工中"),
        /// 初验: work finished, waiting for the initial acceptance.
        Initial = ("initial", "初验"),
        /// 初验整改: the initial acceptance failed; the contractor rectifies, then 初验 again.
        InitialRectify = ("initial_rectify", "初验整改"),
        /// 复验: the initial acceptance passed; the final acceptance comes next.
        Final = ("final", "复验"),
        /// 复验整改: the final acceptance failed; the contractor rectifies, then 复验 again.
        FinalRectify = ("final_rectify", "复验整改"),
        /// 待退保证金: the final acceptance passed; the deposit is refunded through 收费管理.
        Accepted = ("accepted", "待退保证金"),
        /// 已退保证金: the deposit refunded (less any deductions); the file is closed.
        Refunded = ("refunded", "已退保证金"),
        /// 已撤销: withdrawn before work started.
        Cancelled = ("cancelled", "已撤销"),
    }
}

/// What moves a renovation from one stage to the next.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Step {
    /// 二次验房 recorded: every item passed or not.
    SecondInspection {
        /// Whether every item passed.
        passed: bool,
    },
    /// The owner accepts the unit after the inspection's repairs (业主确认).
    OwnerAccepts,
    /// 开账单: deposit and fees billed onto the unit's fee account (stays 待缴费).
    Bill,
    /// 发放装修许可证 (only once the bill is paid; the store checks that).
    IssuePermit,
    /// 完工: the contractor reports the work finished.
    FinishWork,
    /// 初验 recorded.
    InitialAcceptance {
        /// Whether it passed.
        passed: bool,
    },
    /// 复验 recorded.
    FinalAcceptance {
        /// Whether it passed.
        passed: bool,
    },
    /// 退还保证金.
    Refund,
    /// 撤销申请.
    Cancel,
}

impl Step {
    /// The step's name as the desk says it.
    pub fn label(self) -> &'static str {
        match self {
            Step::SecondInspection { .. } => "二次验房",
            Step::OwnerAccepts => "业主确认验房",
            Step::Bill => "开装修费用账单",
            Step::IssuePermit => "发放装修许可证",
            Step::FinishWork => "完工",
            Step::InitialAcceptance { .. } => "初验",
            Step::FinalAcceptance { .. } => "复验",
            Step::Refund => "退还保证金",
            Step::Cancel => "撤销申请",
        }
    }

    /// Every step, both outcomes of those that pass or fail: for walking the whole machine.
    pub const ALL: &'static [Step] = &[
        Step::SecondInspection { passed: true },
        Step::SecondInspection { passed: false },
        Step::OwnerAccepts,
        Step::Bill,
        Step::IssuePermit,
        Step::FinishWork,
        Step::InitialAcceptance { passed: true },
        Step::InitialAcceptance { passed: false },
        Step::FinalAcceptance { passed: true },
        Step::FinalAcceptance { passed: false },
        Step::Refund,
        Step::Cancel,
    ];
}

impl Stage {
    /// The stage after `step`, or a message saying what has to happen first.
    ///
    /// # Errors
    /// The step does not belong to this stage; the message says what the stage waits for.
    pub fn step(self, step: Step) -> Result<Stage, String> {
        use Stage as S;
        use Step as T;
        let next = match (self, step) {
            (S::Applied, T::SecondInspection { passed: true }) => Some(S::AwaitingPayment),
            (S::Applied, T::SecondInspection { passed: false }) => Some(S::Inspection),
            (S::Inspection, T::OwnerAccepts) => Some(S::AwaitingPayment),
            (S::AwaitingPayment, T::Bill) => Some(S::AwaitingPayment),
            (S::AwaitingPayment, T::IssuePermit) => Some(S::Working),
            (S::Working, T::FinishWork) => Some(S::Initial),
            (S::Initial | S::InitialRectify, T::InitialAcceptance { passed }) => {
                Some(if passed { S::Final } else { S::InitialRectify })
            }
            (S::Final | S::FinalRectify, T::FinalAcceptance { passed }) => {
                Some(if passed { S::Accepted } else { S::FinalRectify })
            }
            (S::Accepted, T::Refund) => Some(S::Refunded),
            (S::Applied | S::Inspection | S::AwaitingPayment, T::Cancel) => Some(S::Cancelled),
            _ => None,
        };
        next.ok_or_else(|| {
            format!(
                "现在是“{}”，不能{}：{}",
                self.label(),
                step.label(),
                self.waiting_for()
            )
        })
    }

    /// What the stage waits for, as the desk tells the user.
    pub fn waiting_for(self) -> &'static str {
        match self {
            Stage::Applied => "请先做二次验房",
            Stage::Inspection => "请等验房问题维修好、业主确认后再继续",
            Stage::AwaitingPayment => "请先开账单，业主在收费管理缴清装修保证金和费用后发放许可证",
            Stage::Working => "正在施工，完工后再验收",
            Stage::Initial => "请做初验",
            Stage::InitialRectify => "初验未通过，整改后再做初验",
            Stage::Final => "请做复验",
            Stage::FinalRectify => "复验未通过，整改后再做复验",
            Stage::Accepted => "复验已合格，请在收费管理退还保证金",
            Stage::Refunded => "保证金已退，这份装修已结束",
            Stage::Cancelled => "这份申请已撤销",
        }
    }

    /// Whether the work is under way, so patrols and phases may be recorded.
    pub fn working(self) -> bool {
        self == Stage::Working
    }

    /// Whether the file is closed (refunded or cancelled).
    pub fn closed(self) -> bool {
        matches!(self, Stage::Refunded | Stage::Cancelled)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every stage × every step: the transitions allowed, and a message for all the others.
    #[test]
    fn every_stage_by_every_step() {
        use Stage as S;
        use Step as T;
        #[rustfmt::skip]
        let allowed: &[(Stage, Step, Stage)] = &[
            (S::Applied, T::SecondInspection { passed: true }, S::AwaitingPayment),
            (S::Applied, T::SecondInspection { passed: false }, S::Inspection),
            (S::Applied, T::Cancel, S::Cancelled),
            (S::Inspection, T::OwnerAccepts, S::AwaitingPayment),
            (S::Inspection, T::Cancel, S::Cancelled),
            (S::AwaitingPayment, T::Bill, S::AwaitingPayment),
            (S::AwaitingPayment, T::IssuePermit, S::Working),
            (S::AwaitingPayment, T::Cancel, S::Cancelled),
            (S::Working, T::FinishWork, S::Initial),
            (S::Initial, T::InitialAcceptance { passed: true }, S::Final),
            (S::Initial, T::InitialAcceptance { passed: false }, S::InitialRectify),
            (S::InitialRectify, T::InitialAcceptance { passed: true }, S::Final),
            (S::InitialRectify, T::InitialAcceptance { passed: false }, S::InitialRectify),
            (S::Final, T::FinalAcceptance { passed: true }, S::Accepted),
            (S::Final, T::FinalAcceptance { passed: false }, S::FinalRectify),
            (S::FinalRectify, T::FinalAcceptance { passed: true }, S::Accepted),
            (S::FinalRectify, T::FinalAcceptance { passed: false }, S::FinalRectify),
            (S::Accepted, T::Refund, S::Refunded),
        ];
        let mut walked = 0;
        for &stage in Stage::ALL {
            for &step in Step::ALL {
                walked += 1;
                let want = allowed
                    .iter()
                    .find(|(s, t, _)| *s == stage && *t == step)
                    .map(|(_, _, n)| *n);
                match (stage.step(step), want) {
                    (Ok(got), Some(want)) => assert_eq!(got, want, "{stage:?} × {step:?}"),
                    (Err(msg), None) => {
                        assert!(msg.contains(stage.label()), "{msg}");
                        assert!(msg.contains(step.label()), "{msg}");
                        assert!(msg.contains(stage.waiting_for()), "{msg}");
                    }
                    (got, want) => panic!("{stage:?} × {step:?}: got {got:?}, want {want:?}"),
                }
            }
        }
        assert_eq!(walked, Stage::ALL.len() * Step::ALL.len());
    }

    #[test]
    fn no_cancel_once_work_started_and_closed_files_refuse_everything() {
        let msg = Stage::Working.step(Step::Cancel).unwrap_err();
        assert!(msg.contains("正在施工"), "{msg}");
        for s in [Stage::Refunded, Stage::Cancelled] {
            assert!(s.closed());
            assert!(Step::ALL.iter().all(|&t| s.step(t).is_err()));
        }
        assert!(Stage::Working.working() && !Stage::Initial.working());
    }

    #[test]
    fn codes_round_trip() {
        for &s in Stage::ALL {
            assert_eq!(Stage::from_code(s.code()), Some(s));
        }
    }
}
