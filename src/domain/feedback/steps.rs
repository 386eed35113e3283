//! The steps a matter takes after intake, which state allows which, the trail they leave, and
//! what closing needs.

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

use super::{Dispatch, FeedbackState, Intake, Rating};
use crate::domain::coded::coded;
use crate::domain::repair::RepairId;
use crate::domain::staff::Recorded;

coded! {
    /// What a line of the trail records.
    EventKind {
        /// 登记.
        Received = ("received", "登记"),
        /// 派单 (with its 工作联系单).
        Dispatched = ("dispatched", "派单"),
        /// 上报 to a superior.
        Escalated = ("escalated", "上报"),
        /// 回复: the handler answered the desk.
        Replied = ("replied", "回复"),
        /// 进展: a note on the way.
        Progress = ("progress", "进展"),
        /// 答复: the desk answered the customer.
        Answered = ("answered", "答复"),
        /// 回访 with the customer's rating.
        Callback = ("callback", "回访"),
        /// 重开: the customer was not satisfied.
        Reopened = ("reopened", "重开"),
        /// 关闭.
        Closed = ("closed", "关闭"),
    }
}

/// One dated line of a matter's trail.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeedbackEvent {
    /// When.
    pub at: NaiveDateTime,
    /// Who recorded it.
    pub by_name: String,
    /// What kind of line.
    pub kind: EventKind,
    /// What was said.
    pub text: String,
}

/// A step after intake.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Step {
    /// 派单 to a department with a 工作联系单 (again, to send it elsewhere).
    Dispatch(Dispatch),
    /// 上报上级: to whom (when is the record's time).
    Escalate {
        /// Who it was reported to.
        to: String,
    },
    /// The handler's reply to the desk (`from_handler`), or a progress note.
    Progress {
        /// What was said.
        text: String,
        /// The handler's reply, not a note.
        from_handler: bool,
    },
    /// The answer given to the customer.
    Answer {
        /// What the customer was told.
        answer: String,
    },
    /// 回访: the customer's rating; 不满意 reopens the matter.
    Callback {
        /// 满意度.
        rating: Rating,
        /// What the customer said.
        note: String,
    },
    /// 关闭 with the result.
    Close {
        /// 处理结果.
        result: String,
    },
}

impl Step {
    /// The step's name, as the audit log shows it.
    pub fn label(&self) -> &'static str {
        match self {
            Step::Dispatch(_) => "派单",
            Step::Escalate { .. } => "上报上级",
            Step::Progress {
                from_handler: true, ..
            } => "处理人回复",
            Step::Progress { .. } => "记录进展",
            Step::Answer { .. } => "答复客户",
            Step::Callback { .. } => "回访",
            Step::Close { .. } => "关闭",
        }
    }

    /// The text the step needs, checked: what to fill in if it is blank.
    pub fn check(&self) -> Result<(), String> {
        let blank = |s: &str| s.trim().is_empty();
        match self {
            Step::Dispatch(d) => match d.check().first() {
                Some((_, why)) => Err(why.clone()),
                None => Ok(()),
            },
            Step::Escalate { to } if blank(to) => Err("请填写上报给谁（上级领导的姓名）".into()),
            Step::Progress { text, from_handler } if blank(text) => Err(if *from_handler {
                "请填写处理人回复的处理情况".into()
            } else {
                "请填写进展情况".into()
            }),
            Step::Answer { answer } if blank(answer) => Err("请填写答复客户的内容".into()),
            Step::Close { result } if blank(result) => Err("请填写处理结果".into()),
            _ => Ok(()),
        }
    }
}

impl FeedbackState {
    /// The state after `step`, or why the procedure does not allow it now. `dispatched` says
    /// whether a department ever had the matter: a reopen goes back to it (处理中), or to
    /// 待派单 if the desk had answered it alone.
    pub fn after(self, step: &Step, dispatched: bool) -> Result<FeedbackState, String> {
        use FeedbackState::{Answered, Closed, Dispatched, Received, Replied};
        if self == Closed {
            return Err("这条反馈已关闭，不能再修改".into());
        }
        Ok(match step {
            Step::Dispatch(_) => match self {
                Answered => {
                    return Err(
                        "已答复客户，不能再派单；客户不满意的，回访时选“不满意”会重新打开".into(),
                    );
                }
                _ => Dispatched,
            },
            Step::Escalate { .. } => self,
            Step::Progress {
                from_handler: true, ..
            } => match self {
                Received => return Err("还没有派单，不能记录处理人回复；请先派单".into()),
                Dispatched | Replied => Replied,
                other => other,
            },
            Step::Progress { .. } => self,
            Step::Answer { .. } => Answered,
            Step::Callback { rating, .. } => match (self, rating) {
                (Answered, Rating::Dissatisfied) if dispatched => Dispatched,
                (Answered, Rating::Dissatisfied) => Received,
                (Answered, _) => Answered,
                _ => return Err("还没有答复客户，答复后才能回访".into()),
            },
            Step::Close { .. } => Closed,
        })
    }
}

/// What a matter still lacks to be closed: an answer given to the customer (since the latest
/// reopen) and the result. Empty when it may be closed.
pub fn missing_for_close(
    answer: &str,
    answered_at: Option<NaiveDateTime>,
    reopened_at: Option<NaiveDateTime>,
    result: &str,
) -> Vec<&'static str> {
    let mut missing = Vec::new();
    let answered = !answer.trim().is_empty()
        && answered_at.is_some_and(|a| reopened_at.is_none_or(|r| a >= r));
    if !answered {
        missing.push(if reopened_at.is_some() && !answer.trim().is_empty() {
            "重开后给客户的答复"
        } else {
            "答复客户的内容"
        });
    }
    if result.trim().is_empty() {
        missing.push("处理结果");
    }
    missing
}

/// A matter from the past with its steps, for the bulk loader (the demo, old paper records).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PastFeedback {
    /// What was taken at the desk.
    pub intake: Intake,
    /// Who entered it and when.
    pub recorded: Recorded,
    /// For a 报修: the repair order already opened for it (none: one is opened).
    pub repair: Option<RepairId>,
    /// Every step after intake, oldest first, each with who and when.
    pub steps: Vec<(Recorded, Step)>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use FeedbackState::*;

    fn dispatch() -> Step {
        Step::Dispatch(Dispatch {
            department: "秩序维护部".into(),
            handler: None,
            handler_name: "孙队长".into(),
            requirement: "今晚巡查制止夜间施工".into(),
            reply_limit_min: None,
            needs_superior: false,
        })
    }

    fn callback(rating: Rating) -> Step {
        Step::Callback {
            rating,
            note: String::new(),
        }
    }

    #[test]
    fn the_life_of_a_complaint_with_a_reopen() {
        let reply = Step::Progress {
            text: "已上门制止".into(),
            from_handler: true,
        };
        let answer = Step::Answer {
            answer: "已制止，今后晚八点后不施工".into(),
        };
        let mut s = Received;
        for (step, want) in [
            (dispatch(), Dispatched),
            (reply.clone(), Replied),
            (answer.clone(), Answered),
            (callback(Rating::Dissatisfied), Dispatched),
            (reply, Replied),
            (answer, Answered),
            (callback(Rating::Satisfied), Answered),
            (
                Step::Close {
                    result: "已解决".into(),
                },
                Closed,
            ),
        ] {
            s = s.after(&step, true).unwrap();
            assert_eq!(s, want, "{step:?}");
        }
        assert!(s.after(&dispatch(), true).unwrap_err().contains("已关闭"));
    }

    #[test]
    fn what_each_state_refuses() {
        let reply = Step::Progress {
            text: "x".into(),
            from_handler: true,
        };
        assert!(
            Received
                .after(&reply, false)
                .unwrap_err()
                .contains("请先派单")
        );
        assert!(
            Dispatched
                .after(&callback(Rating::Satisfied), true)
                .unwrap_err()
                .contains("答复后才能回访")
        );
        assert!(Answered.after(&dispatch(), true).is_err());
        // Answered by the desk alone, then 不满意: back to 待派单.
        assert_eq!(
            Answered.after(&callback(Rating::Dissatisfied), false),
            Ok(Received)
        );
        assert!(
            Step::Escalate { to: " ".into() }
                .check()
                .unwrap_err()
                .contains("上报给谁")
        );
    }

    #[test]
    fn closing_needs_the_answer_and_the_result() {
        let t = |h| {
            chrono::NaiveDate::from_ymd_opt(2026, 11, 29)
                .unwrap()
                .and_hms_opt(h, 0, 0)
                .unwrap()
        };
        assert_eq!(
            missing_for_close("", None, None, ""),
            ["答复客户的内容", "处理结果"]
        );
        assert!(missing_for_close("已处理", Some(t(9)), None, "已解决").is_empty());
        assert_eq!(
            missing_for_close("已处理", Some(t(9)), Some(t(10)), "已解决"),
            ["重开后给客户的答复"]
        );
    }
}
