//! The procedure's clocks on one order: when the technician is due on site (应到场), when the
//! team lead's review is due back on site (应返回), how late a recorded arrival was (迟到), and
//! whether a time reported later by phone fits between the step before it and now.
//!
//! The arrival clock starts at the appointment, or at the dispatch when the slip was handed over
//! after the appointment: a technician cannot be on site before he has the slip, and an order
//! nobody dispatched in time is shown as the desk's delay (超时未派单), not his.

use chrono::{Duration, NaiveDateTime};

use super::RepairOrder;
use super::state::{Overdue, RepairState, Step, deadline};
use crate::domain::date::{span_text, table_datetime};
use crate::domain::settings::Deadlines;

/// When the arrival clock starts: the later of the appointment and the dispatch.
pub fn arrival_clock(
    appointment: NaiveDateTime,
    dispatched_at: Option<NaiveDateTime>,
) -> NaiveDateTime {
    dispatched_at.map_or(appointment, |t| t.max(appointment))
}

/// Whole minutes from `from` to `to`, rounded up: ten seconds late is a minute late.
fn minutes_between(from: NaiveDateTime, to: NaiveDateTime) -> i64 {
    (to - from).num_seconds().saturating_add(59).div_euclid(60)
}

/// 迟到: how many minutes after its deadline the technician first arrived, if he was late.
pub fn late_minutes(
    appointment: NaiveDateTime,
    dispatched_at: Option<NaiveDateTime>,
    arrived: NaiveDateTime,
    d: &Deadlines,
) -> Option<i64> {
    let due = arrival_clock(appointment, dispatched_at)
        + Duration::minutes(i64::from(d.repair_arrival_min));
    (arrived > due).then(|| minutes_between(due, arrived))
}

/// `还剩 8 分钟` before `due`, `已超时 3 分钟` after it; past an hour in hours, past a day in days.
pub fn countdown(due: NaiveDateTime, now: NaiveDateTime) -> String {
    if now <= due {
        format!("还剩 {}", span_text(minutes_between(now, due)))
    } else {
        format!("已超时 {}", span_text(minutes_between(due, now)))
    }
}

impl Overdue {
    /// What the deadline's time is called on screen: `应到场`, `应返回`, `应回访`.
    pub fn due_label(self) -> &'static str {
        match self {
            Overdue::Dispatch | Overdue::Arrival => "应到场",
            Overdue::ReviewReturn => "应返回",
            Overdue::Callback => "应回访",
        }
    }
}

impl RepairOrder {
    /// The deadline running in the order's state: what it is for and when it falls due.
    pub fn running_deadline(&self, d: &Deadlines) -> Option<(Overdue, NaiveDateTime)> {
        let clock = match self.state {
            RepairState::Pending => Some(self.intake.appointment),
            RepairState::Dispatched => {
                Some(arrival_clock(self.intake.appointment, self.dispatched_at))
            }
            RepairState::InReview => self.review_at,
            RepairState::Completed => self.completed_at,
            _ => None,
        }?;
        deadline(self.state, clock, d)
    }

    /// 迟到 N 分钟 of the first arrival, if it was late.
    pub fn late_minutes(&self, d: &Deadlines) -> Option<i64> {
        late_minutes(
            self.intake.appointment,
            self.dispatched_at,
            self.arrived_at?,
            d,
        )
    }

    /// The step that brought the order to its state and when: the earliest time the next step
    /// can be recorded at.
    pub fn last_step(&self) -> (&'static str, NaiveDateTime) {
        let or_received = |t: Option<NaiveDateTime>| t.unwrap_or(self.received_at);
        match self.state {
            RepairState::Pending => ("受理", self.received_at),
            RepairState::Dispatched => ("派单", or_received(self.dispatched_at)),
            RepairState::OnSite => ("到场", or_received(self.on_site_since())),
            RepairState::InReview => ("报班长评审", or_received(self.review_at)),
            RepairState::Completed => ("完工", or_received(self.completed_at)),
            RepairState::CalledBack => ("回访", or_received(self.callback_at)),
            RepairState::Closed => ("关闭", or_received(self.closed_at)),
            RepairState::Cancelled => ("取消", or_received(self.cancelled_at)),
        }
    }

    /// When the technician last came on site: the first arrival, or the return after review.
    fn on_site_since(&self) -> Option<NaiveDateTime> {
        let mut since = self.arrived_at;
        let mut before = None;
        for e in &self.events {
            if e.state == RepairState::OnSite && before != Some(RepairState::OnSite) {
                since = Some(e.at);
            }
            before = Some(e.state);
        }
        since
    }

    /// Checks the time a step is recorded at, given later by phone: not after `now`, and not
    /// before the step before it. The message says which, in Chinese.
    pub fn check_step_time(
        &self,
        step: &Step,
        at: NaiveDateTime,
        now: NaiveDateTime,
    ) -> Result<(), String> {
        let what = step.label();
        if at > now {
            return Err(format!(
                "{what}时间 {} 还没到（现在 {}），不能填将来的时间",
                table_datetime(at),
                table_datetime(now)
            ));
        }
        let (before, since) = self.last_step();
        if at < since {
            return Err(format!(
                "{what}时间 {} 不能早于{before}时间 {}",
                table_datetime(at),
                table_datetime(since)
            ));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::repair::{Channel, Event, Intake, OrderNumber, Place};
    use crate::domain::{Fen, UnitAddress};

    fn at(h: u32, m: u32) -> NaiveDateTime {
        chrono::NaiveDate::from_ymd_opt(2026, 11, 29)
            .and_then(|d| d.and_hms_opt(h, m, 0))
            .unwrap_or_default()
    }

    /// Taken at 9:00 for a 10:00 appointment.
    fn order() -> RepairOrder {
        let address = UnitAddress::parse("3-2-1502").unwrap_or_else(|_| unreachable!());
        RepairOrder::received(
            OrderNumber {
                year: 2026,
                month: 11,
                seq: 8,
            },
            Intake {
                place: Place::Unit {
                    id: crate::domain::unit::UnitId(1),
                    address,
                },
                reporter: "王建国".into(),
                phone: None,
                channel: Channel::Call,
                category: "给排水".into(),
                description: "厨房水龙头漏水".into(),
                appointment: at(10, 0),
                chargeable: false,
                quote: String::new(),
                quote_amount: Fen(0),
            },
            at(9, 0),
            "张敏".into(),
        )
    }

    #[test]
    fn the_countdown_reads_in_minutes_hours_and_days() {
        let due = at(10, 15);
        assert_eq!(countdown(due, at(10, 7)), "还剩 8 分钟");
        assert_eq!(countdown(due, due), "还剩 0 分钟");
        assert_eq!(countdown(due, due + Duration::seconds(10)), "已超时 1 分钟");
        assert_eq!(countdown(due, at(10, 18)), "已超时 3 分钟");
        assert_eq!(countdown(due, at(8, 10)), "还剩 2 小时 5 分钟");
        assert_eq!(countdown(due, at(9, 15)), "还剩 1 小时");
        assert_eq!(
            countdown(due + Duration::hours(27), at(10, 15)),
            "还剩 1 天 3 小时"
        );
    }

    #[test]
    fn an_undispatched_order_is_due_for_dispatch_and_a_late_dispatch_restarts_the_clock() {
        let d = Deadlines::default();
        let mut o = order();
        assert_eq!(
            o.running_deadline(&d),
            Some((Overdue::Dispatch, at(10, 15)))
        );
        o.state = RepairState::Dispatched;
        o.dispatched_at = Some(at(9, 30));
        assert_eq!(o.running_deadline(&d), Some((Overdue::Arrival, at(10, 15))));
        o.dispatched_at = Some(at(10, 20));
        assert_eq!(o.running_deadline(&d), Some((Overdue::Arrival, at(10, 35))));
        o.state = RepairState::InReview;
        o.review_at = Some(at(11, 0));
        assert_eq!(
            o.running_deadline(&d),
            Some((Overdue::ReviewReturn, at(11, 30)))
        );
        assert_eq!(Overdue::ReviewReturn.due_label(), "应返回");
        o.state = RepairState::OnSite;
        assert_eq!(o.running_deadline(&d), None);
    }

    #[test]
    fn a_late_arrival_is_counted_in_minutes_from_its_deadline() {
        let d = Deadlines::default();
        let mut o = order();
        o.dispatched_at = Some(at(9, 30));
        o.arrived_at = Some(at(10, 15));
        assert_eq!(
            o.late_minutes(&d),
            None,
            "exactly at the deadline is on time"
        );
        o.arrived_at = Some(at(10, 25));
        assert_eq!(o.late_minutes(&d), Some(10));
        o.dispatched_at = Some(at(10, 20));
        assert_eq!(o.late_minutes(&d), None, "dispatched late, arrived in time");
        o.arrived_at = None;
        assert_eq!(o.late_minutes(&d), None);
    }

    #[test]
    fn a_time_given_later_must_lie_between_the_step_before_and_now() {
        let mut o = order();
        o.state = RepairState::Dispatched;
        o.dispatched_at = Some(at(9, 30));
        let now = at(10, 30);
        assert_eq!(o.check_step_time(&Step::Arrive, at(10, 10), now), Ok(()));
        assert_eq!(o.check_step_time(&Step::Arrive, now, now), Ok(()));
        let future = o.check_step_time(&Step::Arrive, at(10, 40), now);
        assert_eq!(
            future,
            Err(
                "到场时间 2026-11-29 10:40 还没到（现在 2026-11-29 10:30），不能填将来的时间"
                    .into()
            )
        );
        let early = o.check_step_time(&Step::Arrive, at(9, 20), now);
        assert_eq!(
            early,
            Err("到场时间 2026-11-29 09:20 不能早于派单时间 2026-11-29 09:30".into())
        );
        // On site since the return after review: completion counts from the return.
        o.state = RepairState::OnSite;
        o.arrived_at = Some(at(9, 50));
        let event = |state, t| Event {
            state,
            at: t,
            by_name: "张敏".into(),
            note: String::new(),
        };
        o.events = vec![
            event(RepairState::Dispatched, at(9, 30)),
            event(RepairState::OnSite, at(9, 50)),
            event(RepairState::InReview, at(10, 0)),
            event(RepairState::OnSite, at(10, 20)),
            event(RepairState::OnSite, at(10, 25)),
        ];
        assert!(
            o.check_step_time(&Step::Complete, at(10, 10), now)
                .is_err_and(|e| e.contains("不能早于到场时间 2026-11-29 10:20"))
        );
        assert_eq!(o.check_step_time(&Step::Complete, at(10, 20), now), Ok(()));
    }
}
