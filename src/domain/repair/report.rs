//! 客服中心日报表: a day's repairs split 入户维修 / 公共报修 (chapter 3, 注意事项 1).
//!
//! Built from the orders that touch the day, as of the end of the day (or `now` for today),
//! so yesterday's report reads the same tomorrow apart from later ratings.

use chrono::{Duration, NaiveDate, NaiveDateTime};

use super::state::{Overdue, RepairState};
use super::{OrderNumber, Rating, RepairKind};
use crate::domain::settings::Deadlines;

/// What the report needs of an order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportOrder {
    /// 维修单号.
    pub number: OrderNumber,
    /// 入户 or 公共.
    pub kind: RepairKind,
    /// `3-2-1502` or the public location.
    pub place: String,
    /// 类别.
    pub category: String,
    /// State now.
    pub state: RepairState,
    /// 受理时间.
    pub received_at: NaiveDateTime,
    /// 预约时间.
    pub appointment: NaiveDateTime,
    /// 派单时间 (the latest dispatch).
    pub dispatched_at: Option<NaiveDateTime>,
    /// First arrival.
    pub arrived_at: Option<NaiveDateTime>,
    /// Latest review (counts only while the order is still in review).
    pub review_at: Option<NaiveDateTime>,
    /// 完工时间.
    pub completed_at: Option<NaiveDateTime>,
    /// 回访时间.
    pub callback_at: Option<NaiveDateTime>,
    /// 取消时间.
    pub cancelled_at: Option<NaiveDateTime>,
    /// 满意度, if rated.
    pub rating: Option<Rating>,
}

impl ReportOrder {
    fn by(t: Option<NaiveDateTime>, at: NaiveDateTime) -> bool {
        t.is_some_and(|t| t <= at)
    }

    /// Which deadline the order had missed at `at`, judged from its timestamps.
    pub fn overdue_at(&self, d: &Deadlines, at: NaiveDateTime) -> Option<Overdue> {
        if self.received_at > at || Self::by(self.cancelled_at, at) {
            return None;
        }
        let mins = |m: u32| Duration::minutes(i64::from(m));
        if !Self::by(self.arrived_at, at) {
            let dispatched = self.dispatched_at.filter(|t| *t <= at);
            let clock = super::timing::arrival_clock(self.appointment, dispatched);
            if at > clock + mins(d.repair_arrival_min) {
                return Some(match dispatched {
                    Some(_) => Overdue::Arrival,
                    None => Overdue::Dispatch,
                });
            }
        }
        if self.state == RepairState::InReview
            && let Some(r) = self.review_at.filter(|r| *r <= at)
            && at > r + mins(d.repair_review_min)
        {
            return Some(Overdue::ReviewReturn);
        }
        if let Some(done) = self.completed_at.filter(|c| *c <= at)
            && !Self::by(self.callback_at, at)
            && at > done + mins(d.repair_callback_min)
        {
            return Some(Overdue::Callback);
        }
        None
    }

    /// 迟到 N 分钟 of the first arrival, if it was late.
    pub fn late_minutes(&self, d: &Deadlines) -> Option<i64> {
        super::timing::late_minutes(self.appointment, self.dispatched_at, self.arrived_at?, d)
    }

    /// Taken but neither completed nor cancelled at `at`.
    pub fn open_at(&self, at: NaiveDateTime) -> bool {
        self.received_at <= at
            && !Self::by(self.completed_at, at)
            && !Self::by(self.cancelled_at, at)
    }
}

/// The counts of one half of the report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct KindCounts {
    /// 新报修: taken that day.
    pub new: usize,
    /// 完工: completed that day.
    pub completed: usize,
    /// 未完工: open at the end of the day.
    pub open: usize,
    /// 逾期: past a deadline at the end of the day, or arrived late (迟到) that day.
    pub overdue: usize,
    /// Of those completed that day: 满意.
    pub satisfied: usize,
    /// 基本满意.
    pub fair: usize,
    /// 不满意.
    pub dissatisfied: usize,
    /// 未评价.
    pub unrated: usize,
}

impl KindCounts {
    /// 满意率: (满意 + 基本满意) / rated, as `95.0%`; `—` when nothing was rated.
    pub fn satisfaction_rate(&self) -> String {
        let rated = self.satisfied + self.fair + self.dissatisfied;
        if rated == 0 {
            return "—".to_string();
        }
        // Integer arithmetic in tenths of a percent, rounded half up.
        let tenths = ((self.satisfied + self.fair) * 2000 + rated) / (2 * rated);
        format!("{}.{}%", tenths / 10, tenths % 10)
    }
}

/// One line in the report's lists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportLine {
    /// The order.
    pub order: ReportOrder,
    /// Why it is listed as overdue, if it is.
    pub overdue: Option<Overdue>,
    /// 迟到 N 分钟, when the technician arrived late that day.
    pub late: Option<i64>,
}

/// The day's report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DayReport {
    /// The day.
    pub date: NaiveDate,
    /// The moment the counts are taken: end of the day, or now for today.
    pub as_of: NaiveDateTime,
    /// 入户维修.
    pub in_home: KindCounts,
    /// 公共报修.
    pub public: KindCounts,
    /// Every order taken, completed, open or overdue that day, by number.
    pub lines: Vec<ReportLine>,
}

impl DayReport {
    /// Counts `orders` (those received up to the end of `date` that were open during it or
    /// touched it) for `date`, as of the end of the day or `now`, whichever is earlier.
    pub fn build(
        date: NaiveDate,
        orders: Vec<ReportOrder>,
        d: &Deadlines,
        now: NaiveDateTime,
    ) -> DayReport {
        let start = date.and_time(chrono::NaiveTime::MIN);
        let end = start + Duration::days(1) - Duration::seconds(1);
        let as_of = end.min(now);
        let on_day = |t: Option<NaiveDateTime>| t.is_some_and(|t| t >= start && t <= end);
        let mut report = DayReport {
            date,
            as_of,
            in_home: KindCounts::default(),
            public: KindCounts::default(),
            lines: Vec::new(),
        };
        for o in orders {
            let counts = match o.kind {
                RepairKind::InHome => &mut report.in_home,
                RepairKind::Public => &mut report.public,
            };
            let new = on_day(Some(o.received_at));
            let completed = on_day(o.completed_at) && o.completed_at <= Some(as_of);
            let open = o.open_at(as_of);
            let overdue = o.overdue_at(d, as_of);
            let arrived = on_day(o.arrived_at) && o.arrived_at <= Some(as_of);
            let late = o.late_minutes(d).filter(|_| arrived);
            if !(new || completed || open || overdue.is_some() || late.is_some()) {
                continue;
            }
            counts.new += usize::from(new);
            counts.completed += usize::from(completed);
            counts.open += usize::from(open);
            counts.overdue += usize::from(overdue.is_some() || late.is_some());
            if completed {
                match o.rating {
                    Some(Rating::Satisfied) => counts.satisfied += 1,
                    Some(Rating::Fair) => counts.fair += 1,
                    Some(Rating::Dissatisfied) => counts.dissatisfied += 1,
                    None => counts.unrated += 1,
                }
            }
            report.lines.push(ReportLine {
                order: o,
                overdue,
                late,
            });
        }
        report.lines.sort_by_key(|l| l.order.number);
        report
    }

    /// The counts of one half.
    pub fn counts(&self, kind: RepairKind) -> &KindCounts {
        match kind {
            RepairKind::InHome => &self.in_home,
            RepairKind::Public => &self.public,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(day: u32, h: u32, m: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 11, day)
            .and_then(|d| d.and_hms_opt(h, m, 0))
            .unwrap_or_default()
    }

    fn order(seq: u32, kind: RepairKind, received: NaiveDateTime) -> ReportOrder {
        ReportOrder {
            number: OrderNumber {
                year: 2026,
                month: 11,
                seq,
            },
            kind,
            place: "3-2-1502".into(),
            category: "给排水".into(),
            state: RepairState::Pending,
            received_at: received,
            appointment: received + Duration::hours(1),
            dispatched_at: None,
            arrived_at: None,
            review_at: None,
            completed_at: None,
            callback_at: None,
            cancelled_at: None,
            rating: None,
        }
    }

    #[test]
    fn counts_split_in_home_and_public() {
        let d = Deadlines::default();
        let mut done = order(1, RepairKind::InHome, t(29, 9, 0));
        done.arrived_at = Some(t(29, 10, 5));
        done.completed_at = Some(t(29, 11, 0));
        done.state = RepairState::Completed;
        done.rating = Some(Rating::Satisfied);
        let late = order(2, RepairKind::InHome, t(29, 14, 0)); // appointment 15:00, never came
        let mut public = order(3, RepairKind::Public, t(28, 8, 0));
        public.arrived_at = Some(t(28, 9, 0));
        public.completed_at = Some(t(29, 10, 0));
        public.rating = Some(Rating::Dissatisfied);
        let mut old = order(4, RepairKind::InHome, t(20, 8, 0));
        old.arrived_at = Some(t(20, 9, 0));
        old.completed_at = Some(t(20, 10, 0));
        old.callback_at = Some(t(20, 15, 0));
        let r = DayReport::build(
            t(29, 0, 0).date(),
            vec![late, done, public, old],
            &d,
            t(30, 9, 0),
        );
        assert_eq!(r.as_of, t(29, 23, 59) + Duration::seconds(59));
        assert_eq!(
            r.in_home,
            KindCounts {
                new: 2,
                completed: 1,
                open: 1,
                overdue: 1,
                satisfied: 1,
                ..KindCounts::default()
            }
        );
        assert_eq!(r.public.completed, 1);
        assert_eq!(r.public.new, 0);
        assert_eq!(r.public.dissatisfied, 1);
        assert_eq!(r.lines.len(), 3, "the old, finished order is not listed");
        assert_eq!(
            r.lines[1].overdue,
            Some(Overdue::Dispatch),
            "never dispatched"
        );
        assert_eq!(r.in_home.satisfaction_rate(), "100.0%");
        assert_eq!(r.public.satisfaction_rate(), "0.0%");
        assert_eq!(KindCounts::default().satisfaction_rate(), "—");
    }

    #[test]
    fn today_is_counted_as_of_now() {
        let d = Deadlines::default();
        let o = order(1, RepairKind::InHome, t(29, 9, 0)); // appointment 10:00
        let before = DayReport::build(t(29, 0, 0).date(), vec![o.clone()], &d, t(29, 10, 15));
        assert_eq!(
            before.in_home.overdue, 0,
            "exactly at the deadline is on time"
        );
        let after = DayReport::build(t(29, 0, 0).date(), vec![o], &d, t(29, 10, 16));
        assert_eq!(after.in_home.overdue, 1);
    }

    #[test]
    fn a_late_arrival_counts_as_overdue_on_the_day_it_happened() {
        let d = Deadlines::default();
        let mut o = order(1, RepairKind::InHome, t(29, 9, 0)); // appointment 10:00
        o.dispatched_at = Some(t(29, 9, 30));
        o.arrived_at = Some(t(29, 10, 25));
        o.completed_at = Some(t(29, 11, 0));
        o.callback_at = Some(t(29, 15, 0));
        o.state = RepairState::CalledBack;
        let r = DayReport::build(t(29, 0, 0).date(), vec![o.clone()], &d, t(29, 12, 0));
        assert_eq!(r.in_home.overdue, 1, "late arrival stays counted");
        assert_eq!(r.lines[0].late, Some(10));
        assert_eq!(r.lines[0].overdue, None);
        let next = DayReport::build(t(30, 0, 0).date(), vec![o.clone()], &d, t(30, 12, 0));
        assert!(next.lines.is_empty(), "not counted again the next day");
        o.arrived_at = Some(t(29, 10, 15));
        let on_time = DayReport::build(t(29, 0, 0).date(), vec![o], &d, t(29, 12, 0));
        assert_eq!(on_time.in_home.overdue, 0);
    }

    #[test]
    fn a_dispatched_order_not_reached_is_overdue_for_arrival() {
        let d = Deadlines::default();
        let mut o = order(1, RepairKind::InHome, t(29, 9, 0)); // appointment 10:00
        o.dispatched_at = Some(t(29, 9, 30));
        o.state = RepairState::Dispatched;
        let r = DayReport::build(t(29, 0, 0).date(), vec![o], &d, t(29, 10, 16));
        assert_eq!(r.lines[0].overdue, Some(Overdue::Arrival));
    }
}
