//! The life of a repair order: which step the procedure allows from which state, and when an
//! order is overdue. Pure functions; `now` is always passed in so the edges can be tested.

use chrono::{Duration, NaiveDateTime};
use serde::{Deserialize, Serialize};

use crate::domain::coded::coded;
use crate::domain::settings::Deadlines;
use crate::domain::staff::StaffId;

coded! {
    /// Where an order is in the procedure.
    RepairState {
        /// 待派单: taken at the desk, no technician yet.
        Pending = ("pending", "待派单"),
        /// 已派单: a technician has the slip.
        Dispatched = ("dispatched", "已派单"),
        /// 已到场: the technician is on site.
        OnSite = ("on_site", "已到场"),
        /// 待评审: escalated to the team lead for technical review.
        InReview = ("in_review", "待评审"),
        /// 已完工: repaired, waiting for the callback.
        Completed = ("completed", "已完工"),
        /// 已回访: the receptionist called the owner back.
        CalledBack = ("called_back", "已回访"),
        /// 已关闭: the slip is complete and filed.
        Closed = ("closed", "已关闭"),
        /// 已取消, with a reason.
        Cancelled = ("cancelled", "已取消"),
    }
}

impl RepairState {
    /// Still being worked on (not closed or cancelled).
    pub fn is_open(self) -> bool {
        !matches!(self, RepairState::Closed | RepairState::Cancelled)
    }

    /// Not yet repaired: the states an order can be cancelled from.
    pub fn is_before_completion(self) -> bool {
        matches!(
            self,
            RepairState::Pending
                | RepairState::Dispatched
                | RepairState::OnSite
                | RepairState::InReview
        )
    }
}

/// A step an order can take; each is stored with who and when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Step {
    /// 派单 to a technician (again, to change the technician before arrival).
    Dispatch {
        /// The technician.
        technician: StaffId,
        /// Their name.
        name: String,
    },
    /// 到场: on site, first time or back after review.
    Arrive,
    /// 报班长评审: cannot be fixed at once.
    Review,
    /// 完工.
    Complete,
    /// 回访 recorded.
    Callback,
    /// 关闭: the slip is complete.
    Close,
    /// 取消 with a reason.
    Cancel {
        /// Why.
        reason: String,
    },
}

impl Step {
    /// The verb on the button.
    pub fn label(&self) -> &'static str {
        match self {
            Step::Dispatch { .. } => "派单",
            Step::Arrive => "到场",
            Step::Review => "报班长评审",
            Step::Complete => "完工",
            Step::Callback => "回访",
            Step::Close => "关闭",
            Step::Cancel { .. } => "取消",
        }
    }
}

impl RepairState {
    /// The state after `step`, or why the procedure does not allow it (in Chinese).
    pub fn next(self, step: &Step) -> Result<RepairState, String> {
        use RepairState as S;
        let refused = |why: &str| {
            Err(format!(
                "{}的维修单不能{}：{why}",
                self.label(),
                step.label()
            ))
        };
        match (self, step) {
            (S::Closed, _) => refused("维修单已关闭"),
            (S::Cancelled, _) => refused("维修单已取消"),
            (S::Pending | S::Dispatched, Step::Dispatch { name, .. }) => {
                if name.trim().is_empty() {
                    refused("请选择维修人员")
                } else {
                    Ok(S::Dispatched)
                }
            }
            (_, Step::Dispatch { .. }) => refused("维修人员已到场，不能再改派"),
            (S::Dispatched | S::InReview, Step::Arrive) => Ok(S::OnSite),
            (S::Pending, Step::Arrive) => refused("请先派单"),
            (_, Step::Arrive) => refused("维修人员已到过现场"),
            (S::OnSite, Step::Review) => Ok(S::InReview),
            (_, Step::Review) => refused("只有维修人员到场检查后才能报班长评审"),
            (S::OnSite, Step::Complete) => Ok(S::Completed),
            (S::InReview, Step::Complete) => refused("评审后要先返回现场"),
            (_, Step::Complete) if self.is_before_completion() => refused("维修人员还没有到场"),
            (_, Step::Complete) => refused("已经完工"),
            (S::Completed, Step::Callback) => Ok(S::CalledBack),
            (S::CalledBack, Step::Callback) => refused("已经回访过"),
            (_, Step::Callback) => refused("完工后才能回访"),
            (S::CalledBack, Step::Close) => Ok(S::Closed),
            (_, Step::Close) => refused("回访后才能关闭"),
            (_, Step::Cancel { reason }) if self.is_before_completion() => {
                if reason.trim().is_empty() {
                    refused("请填写取消原因")
                } else {
                    Ok(S::Cancelled)
                }
            }
            (_, Step::Cancel { .. }) => refused("已经完工，不能取消"),
        }
    }
}

/// Which deadline of the procedure an order has missed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Overdue {
    /// Not yet dispatched although the arrival limit after the appointment has passed: the
    /// desk, not the technician, is behind.
    Dispatch,
    /// Dispatched, and not on site within the arrival limit after the appointment (or after
    /// the dispatch, when the slip was handed over after the appointment).
    Arrival,
    /// Not back on site within the limit after the team lead's review.
    ReviewReturn,
    /// No callback within the limit after completion.
    Callback,
}

impl Overdue {
    /// `超时未到场` …
    pub fn label(self) -> &'static str {
        match self {
            Overdue::Dispatch => "超时未派单",
            Overdue::Arrival => "超时未到场",
            Overdue::ReviewReturn => "评审后超时未返回",
            Overdue::Callback => "超时未回访",
        }
    }
}

/// The deadline running in `state`, counted from `clock` (the appointment, or for a dispatched
/// order the later of the appointment and the dispatch; the review; the completion), or `None`
/// when no deadline runs.
pub fn deadline(
    state: RepairState,
    clock: NaiveDateTime,
    d: &Deadlines,
) -> Option<(Overdue, NaiveDateTime)> {
    let (kind, minutes) = match state {
        RepairState::Pending => (Overdue::Dispatch, d.repair_arrival_min),
        RepairState::Dispatched => (Overdue::Arrival, d.repair_arrival_min),
        RepairState::InReview => (Overdue::ReviewReturn, d.repair_review_min),
        RepairState::Completed => (Overdue::Callback, d.repair_callback_min),
        _ => return None,
    };
    Some((kind, clock + Duration::minutes(i64::from(minutes))))
}

/// Whether an order in `state` whose deadline counts from `clock` is overdue at `now`.
/// Exactly at the deadline is still on time.
pub fn overdue(
    state: RepairState,
    clock: Option<NaiveDateTime>,
    d: &Deadlines,
    now: NaiveDateTime,
) -> Option<Overdue> {
    let (kind, due) = deadline(state, clock?, d)?;
    (now > due).then_some(kind)
}

#[cfg(test)]
mod tests {
    use super::RepairState as S;
    use super::*;

    fn at(h: u32, m: u32, s: u32) -> NaiveDateTime {
        chrono::NaiveDate::from_ymd_opt(2026, 11, 29)
            .and_then(|d| d.and_hms_opt(h, m, s))
            .unwrap_or_default()
    }

    fn steps() -> Vec<Step> {
        vec![
            Step::Dispatch {
                technician: StaffId(1),
                name: "陈刚".into(),
            },
            Step::Arrive,
            Step::Review,
            Step::Complete,
            Step::Callback,
            Step::Close,
            Step::Cancel {
                reason: "业主自行修好".into(),
            },
        ]
    }

    /// The procedure's table, written out once: (from, step index, to).
    fn allowed() -> Vec<(S, usize, S)> {
        vec![
            (S::Pending, 0, S::Dispatched),
            (S::Dispatched, 0, S::Dispatched),
            (S::Dispatched, 1, S::OnSite),
            (S::InReview, 1, S::OnSite),
            (S::OnSite, 2, S::InReview),
            (S::OnSite, 3, S::Completed),
            (S::Completed, 4, S::CalledBack),
            (S::CalledBack, 5, S::Closed),
            (S::Pending, 6, S::Cancelled),
            (S::Dispatched, 6, S::Cancelled),
            (S::OnSite, 6, S::Cancelled),
            (S::InReview, 6, S::Cancelled),
        ]
    }

    #[test]
    fn every_transition_is_allowed_or_refused_per_the_procedure() {
        let allowed = allowed();
        let steps = steps();
        for &from in S::ALL {
            for (i, step) in steps.iter().enumerate() {
                let expected = allowed
                    .iter()
                    .find(|(f, s, _)| *f == from && *s == i)
                    .map(|(_, _, to)| *to);
                match (from.next(step), expected) {
                    (Ok(to), Some(want)) => assert_eq!(to, want, "{from:?} {step:?}"),
                    (Err(why), None) => {
                        assert!(why.starts_with(from.label()), "{why}");
                        assert!(why.contains(step.label()), "{why}");
                    }
                    (got, want) => panic!("{from:?} {step:?}: got {got:?}, want {want:?}"),
                }
            }
        }
    }

    #[test]
    fn refusals_say_why() {
        assert_eq!(
            S::Pending.next(&Step::Arrive),
            Err("待派单的维修单不能到场：请先派单".to_string())
        );
        assert_eq!(
            S::Completed.next(&Step::Cancel { reason: "x".into() }),
            Err("已完工的维修单不能取消：已经完工，不能取消".to_string())
        );
        assert!(
            S::Pending
                .next(&Step::Cancel {
                    reason: "  ".into()
                })
                .is_err_and(|e| e.contains("取消原因"))
        );
        assert!(
            S::Pending
                .next(&Step::Dispatch {
                    technician: StaffId(1),
                    name: " ".into()
                })
                .is_err()
        );
    }

    #[test]
    fn arrival_deadline_edges() {
        let d = Deadlines::default();
        // 14 min 59 s after the appointment: not yet overdue; 15 min 1 s: overdue.
        let appt = at(14, 44, 0);
        for (state, late) in [
            (S::Pending, Overdue::Dispatch),
            (S::Dispatched, Overdue::Arrival),
        ] {
            assert_eq!(overdue(state, Some(appt), &d, at(14, 58, 59)), None);
            assert_eq!(overdue(state, Some(appt), &d, at(14, 59, 0)), None);
            assert_eq!(overdue(state, Some(appt), &d, at(14, 59, 1)), Some(late));
        }
        assert_eq!(Overdue::Dispatch.label(), "超时未派单");
        assert_eq!(overdue(S::OnSite, Some(appt), &d, at(23, 0, 0)), None);
    }

    #[test]
    fn review_and_callback_deadlines_follow_the_settings() {
        let mut d = Deadlines::default();
        let t = at(10, 0, 0);
        assert_eq!(overdue(S::InReview, Some(t), &d, at(10, 29, 59)), None);
        assert_eq!(
            overdue(S::InReview, Some(t), &d, at(10, 30, 1)),
            Some(Overdue::ReviewReturn)
        );
        let next_day = t + Duration::hours(24);
        assert_eq!(overdue(S::Completed, Some(t), &d, next_day), None);
        assert_eq!(
            overdue(S::Completed, Some(t), &d, next_day + Duration::seconds(1)),
            Some(Overdue::Callback)
        );
        d.repair_callback_min = 60;
        assert_eq!(
            overdue(S::Completed, Some(t), &d, at(11, 0, 1)),
            Some(Overdue::Callback)
        );
        for s in [S::CalledBack, S::Closed, S::Cancelled] {
            assert_eq!(overdue(s, Some(t), &d, next_day), None);
        }
        assert_eq!(overdue(S::Pending, None, &d, next_day), None);
    }
}
