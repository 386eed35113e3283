//! 信息反馈's lines on 今日: every open matter past or near one of its clocks — the handler's
//! reply to the desk, the report to a superior, the answer to the customer.

use chrono::{Duration, NaiveDateTime};

use crate::domain::feedback::DueKind;
use crate::domain::settings::Deadlines;
use crate::domain::today::{OpenRecord, TodayItem, head};
use crate::store::today::TodaySource;
use crate::store::{Result, Store};

/// How long before the 2-hour report to a superior a matter appears.
pub const NEAR_ESCALATION_MINUTES: i64 = 60;
/// How long before a day-scale clock (the handler's reply, the answer) a matter appears.
pub const NEAR_HOURS: i64 = 4;

/// The feedback tab's source of 今日.
pub struct FeedbackToday;

/// The one instance listed in the board's sources.
pub const TODAY: FeedbackToday = FeedbackToday;

impl TodaySource for FeedbackToday {
    fn today(&self, store: &Store, now: NaiveDateTime, d: &Deadlines) -> Result<Vec<TodayItem>> {
        let mut out = Vec::new();
        for (f, due) in store.open_feedback_dues(d, now)? {
            let (kind, window, who) = match due.kind {
                DueKind::HandlerReply => (
                    "反馈回复",
                    Duration::hours(NEAR_HOURS),
                    format!("{} {}", f.department, f.handler),
                ),
                DueKind::Escalation => (
                    "反馈上报",
                    Duration::minutes(NEAR_ESCALATION_MINUTES),
                    "客服中心主任".to_string(),
                ),
                DueKind::CustomerAnswer => (
                    "答复客户",
                    Duration::hours(NEAR_HOURS),
                    format!("反映人 {}", f.name),
                ),
            };
            if due.due_at > now + window {
                continue;
            }
            out.push(TodayItem {
                due_at: due.due_at,
                kind,
                what: format!(
                    "{} {}{}：{}",
                    f.number,
                    f.category.label(),
                    if f.severity == crate::domain::feedback::Severity::Major {
                        "（重大）"
                    } else {
                        ""
                    },
                    head(&f.content, 30)
                ),
                place: f.place.clone(),
                who,
                open: OpenRecord::Feedback(f.id.0),
            });
        }
        Ok(out)
    }
}
