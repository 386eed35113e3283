//! The procedure's clocks on one matter (chapter 4, 四 and 五): the handler answers the desk
//! within 24 h unless another limit was set; a matter needing a superior (and every 重大 one) is
//! reported up within 2 h; the desk answers the customer within 24 h, 48 h for 重大. After a
//! reopen (不满意) the handler's and the customer's clocks start again.
//!
//! Pure functions of the recorded times and 设置's [`Deadlines`]; `now` is always passed in so
//! the edges (exactly at the deadline is on time, a minute after is late) can be tested.

use chrono::{Duration, NaiveDateTime};
use serde::{Deserialize, Serialize};

use super::Severity;
use crate::domain::coded::coded;
use crate::domain::date::{span_text, table_datetime};
use crate::domain::settings::Deadlines;

/// The times of a matter the clocks read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeedbackTimes {
    /// 受理时间.
    pub received_at: NaiveDateTime,
    /// 一般 / 重大.
    pub severity: Severity,
    /// 派单时间 (the latest dispatch).
    pub dispatched_at: Option<NaiveDateTime>,
    /// The dispatch's own reply limit; `None` is 设置's.
    pub reply_limit_min: Option<u32>,
    /// The handler's first reply since the clock last started.
    pub replied_at: Option<NaiveDateTime>,
    /// 需请示上级, set at dispatch.
    pub needs_superior: bool,
    /// When it was reported up (the first time).
    pub escalated_at: Option<NaiveDateTime>,
    /// The desk's first answer to the customer since the clock last started.
    pub answered_at: Option<NaiveDateTime>,
    /// 关闭时间.
    pub closed_at: Option<NaiveDateTime>,
    /// The latest reopen (不满意 at the callback).
    pub reopened_at: Option<NaiveDateTime>,
}

coded! {
    /// Which of the procedure's clocks.
    DueKind {
        /// 处理人回复: the handler answers the desk.
        HandlerReply = ("handler_reply", "处理人回复"),
        /// 上报上级: a matter needing a superior, or a major one, is reported up.
        Escalation = ("escalation", "上报上级"),
        /// 答复客户: the desk answers the customer.
        CustomerAnswer = ("customer_answer", "答复客户"),
    }
}

/// One clock of a matter: when it falls due and when (if) it was met.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Due {
    /// Which clock.
    pub kind: DueKind,
    /// 应完成时间.
    pub due_at: NaiveDateTime,
    /// When it was met; a closed matter's unmet clocks count as met at closing.
    pub done_at: Option<NaiveDateTime>,
}

/// Whole minutes from `from` to `to`, rounded up: ten seconds late is a minute late.
fn minutes_between(from: NaiveDateTime, to: NaiveDateTime) -> i64 {
    (to - from).num_seconds().saturating_add(59).div_euclid(60)
}

impl Due {
    /// Not met and past its time. Exactly at `due_at` is still on time.
    pub fn overdue(&self, now: NaiveDateTime) -> bool {
        self.done_at.is_none() && now > self.due_at
    }

    /// Time left until `due_at`; negative when late.
    pub fn left(&self, now: NaiveDateTime) -> Duration {
        self.due_at - now
    }

    /// Met after its time.
    pub fn met_late(&self) -> bool {
        self.done_at.is_some_and(|t| t > self.due_at)
    }

    /// `还剩 3 小时 20 分钟` / `已超时 1 小时 5 分钟`; once met, `已完成` (and how late).
    pub fn countdown(&self, now: NaiveDateTime) -> String {
        match self.done_at {
            Some(done) if done > self.due_at => format!(
                "已完成（超时 {}）",
                span_text(minutes_between(self.due_at, done))
            ),
            Some(_) => "已完成".to_string(),
            None if now <= self.due_at => {
                format!("还剩 {}", span_text(minutes_between(now, self.due_at)))
            }
            None => format!("已超时 {}", span_text(minutes_between(self.due_at, now))),
        }
    }

    /// `答复客户 11-30 09:00 还剩 2 小时`: the line the lists show.
    pub fn describe(&self, now: NaiveDateTime) -> String {
        format!(
            "{} {} {}",
            self.kind.label(),
            table_datetime(self.due_at),
            self.countdown(now)
        )
    }
}

/// The clocks that apply to a matter, in the order [`DueKind::ALL`] lists them: the handler's
/// once dispatched, the escalation when it needs a superior or is 重大, the customer's always.
pub fn dues(f: &FeedbackTimes, d: &Deadlines) -> Vec<Due> {
    let minutes = |m: u32| Duration::minutes(i64::from(m));
    // A reply or an answer before the latest reopen does not meet the clock that restarted.
    let since = |start: NaiveDateTime, t: Option<NaiveDateTime>| t.filter(|t| *t >= start);
    let closed = |done: Option<NaiveDateTime>| done.or(f.closed_at);
    let mut out = Vec::with_capacity(3);
    if let Some(dispatched) = f.dispatched_at {
        let start = f.reopened_at.map_or(dispatched, |r| r.max(dispatched));
        out.push(Due {
            kind: DueKind::HandlerReply,
            due_at: start + minutes(f.reply_limit_min.unwrap_or(d.feedback_reply_min)),
            done_at: closed(since(start, f.replied_at)),
        });
    }
    if f.needs_superior || f.severity == Severity::Major {
        out.push(Due {
            kind: DueKind::Escalation,
            due_at: f.received_at + minutes(d.escalation_min),
            done_at: closed(f.escalated_at),
        });
    }
    let start = f.reopened_at.unwrap_or(f.received_at);
    let limit = match f.severity {
        Severity::General => d.complaint_general_min,
        Severity::Major => d.complaint_major_min,
    };
    out.push(Due {
        kind: DueKind::CustomerAnswer,
        due_at: start + minutes(limit),
        done_at: closed(since(start, f.answered_at)),
    });
    out
}

/// The clock to watch now: the unmet one due first, if any.
pub fn running(f: &FeedbackTimes, d: &Deadlines) -> Option<Due> {
    dues(f, d)
        .into_iter()
        .filter(|due| due.done_at.is_none())
        .min_by_key(|due| due.due_at)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(day: u32, h: u32, m: u32) -> NaiveDateTime {
        chrono::NaiveDate::from_ymd_opt(2026, 11, day)
            .unwrap()
            .and_hms_opt(h, m, 0)
            .unwrap()
    }

    fn times() -> FeedbackTimes {
        FeedbackTimes {
            received_at: t(28, 9, 0),
            severity: Severity::General,
            dispatched_at: Some(t(28, 9, 0)),
            reply_limit_min: None,
            replied_at: None,
            needs_superior: false,
            escalated_at: None,
            answered_at: None,
            closed_at: None,
            reopened_at: None,
        }
    }

    fn of(f: &FeedbackTimes, kind: DueKind) -> Option<Due> {
        dues(f, &Deadlines::default())
            .into_iter()
            .find(|d| d.kind == kind)
    }

    #[test]
    fn the_handler_has_24_hours_exactly_at_the_edge_is_on_time() {
        let due = of(&times(), DueKind::HandlerReply).unwrap();
        assert_eq!(due.due_at, t(29, 9, 0));
        // 23:59 after dispatch, 24:00, 24:01.
        assert!(!due.overdue(t(29, 8, 59)));
        assert_eq!(due.countdown(t(29, 8, 59)), "还剩 1 分钟");
        assert!(!due.overdue(t(29, 9, 0)));
        assert_eq!(due.left(t(29, 9, 0)), Duration::zero());
        assert!(due.overdue(t(29, 9, 1)));
        assert_eq!(due.countdown(t(29, 9, 1)), "已超时 1 分钟");
        assert_eq!(due.left(t(29, 9, 1)), Duration::minutes(-1));
        assert_eq!(due.countdown(t(28, 19, 40)), "还剩 13 小时 20 分钟");
    }

    #[test]
    fn a_limit_set_at_dispatch_replaces_the_24_hours() {
        let mut f = times();
        f.reply_limit_min = Some(4 * 60);
        assert_eq!(of(&f, DueKind::HandlerReply).unwrap().due_at, t(28, 13, 0));
        f.replied_at = Some(t(28, 14, 0));
        let due = of(&f, DueKind::HandlerReply).unwrap();
        assert!(!due.overdue(t(30, 0, 0)));
        assert!(due.met_late());
        assert_eq!(due.countdown(t(30, 0, 0)), "已完成（超时 1 小时）");
    }

    #[test]
    fn no_handler_clock_before_dispatch_and_no_escalation_unless_needed() {
        let mut f = times();
        f.dispatched_at = None;
        let kinds: Vec<_> = dues(&f, &Deadlines::default())
            .into_iter()
            .map(|d| d.kind)
            .collect();
        assert_eq!(kinds, [DueKind::CustomerAnswer]);
    }

    #[test]
    fn a_matter_needing_a_superior_is_reported_within_2_hours() {
        let mut f = times();
        f.needs_superior = true;
        let due = of(&f, DueKind::Escalation).unwrap();
        assert_eq!(due.due_at, t(28, 11, 0));
        assert!(!due.overdue(t(28, 10, 59)));
        assert!(!due.overdue(t(28, 11, 0)));
        assert!(due.overdue(t(28, 11, 1)));
        f.escalated_at = Some(t(28, 10, 30));
        assert!(!of(&f, DueKind::Escalation).unwrap().overdue(t(30, 0, 0)));
    }

    #[test]
    fn a_major_matter_is_answered_within_48_hours_and_reported_up() {
        let mut f = times();
        f.severity = Severity::Major;
        assert!(of(&f, DueKind::Escalation).is_some(), "重大 is reported up");
        let due = of(&f, DueKind::CustomerAnswer).unwrap();
        assert_eq!(due.due_at, t(30, 9, 0));
        assert!(!due.overdue(t(30, 8, 59)));
        assert!(!due.overdue(t(30, 9, 0)));
        assert!(due.overdue(t(30, 9, 1)));
        // The same matter as 一般: 24 h.
        f.severity = Severity::General;
        let general = of(&f, DueKind::CustomerAnswer).unwrap();
        assert_eq!(general.due_at, t(29, 9, 0));
        assert!(!general.overdue(t(29, 9, 0)));
        assert!(general.overdue(t(29, 9, 1)));
    }

    #[test]
    fn a_reopen_starts_the_handler_and_customer_clocks_again() {
        let mut f = times();
        f.replied_at = Some(t(28, 15, 0));
        f.answered_at = Some(t(28, 16, 0));
        f.reopened_at = Some(t(29, 10, 0));
        let reply = of(&f, DueKind::HandlerReply).unwrap();
        assert_eq!(reply.due_at, t(30, 10, 0));
        assert_eq!(
            reply.done_at, None,
            "the reply before the reopen does not count"
        );
        let answer = of(&f, DueKind::CustomerAnswer).unwrap();
        assert_eq!(answer.due_at, t(30, 10, 0));
        assert!(!answer.overdue(t(30, 10, 0)));
        assert!(answer.overdue(t(30, 10, 1)));
        f.replied_at = Some(t(29, 18, 0));
        assert_eq!(
            of(&f, DueKind::HandlerReply).unwrap().done_at,
            Some(t(29, 18, 0))
        );
        assert_eq!(
            running(&f, &Deadlines::default()).map(|d| d.kind),
            Some(DueKind::CustomerAnswer)
        );
    }

    #[test]
    fn a_closed_matter_has_nothing_running() {
        let mut f = times();
        f.severity = Severity::Major;
        f.answered_at = Some(t(28, 12, 0));
        f.closed_at = Some(t(28, 12, 30));
        assert_eq!(running(&f, &Deadlines::default()), None);
        assert!(
            dues(&f, &Deadlines::default())
                .iter()
                .all(|d| !d.overdue(t(30, 0, 0)))
        );
    }

    #[test]
    fn the_running_clock_is_the_one_due_first() {
        let mut f = times();
        f.needs_superior = true;
        let due = running(&f, &Deadlines::default()).unwrap();
        assert_eq!(due.kind, DueKind::Escalation);
        assert_eq!(
            due.describe(t(28, 9, 30)),
            "上报上级 2026-11-28 11:00 还剩 1 小时 30 分钟"
        );
    }
}
