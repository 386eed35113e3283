//! 装修管理's lines on 今日: patrols due today and overdue (red once the day has passed), and
//! 整改通知 re-checks due; each opens the renovation in 装修管理.

use chrono::NaiveDateTime;

use super::list::RoundTask;
use crate::domain::date::paper_date;
use crate::domain::renovation::patrol_due_at;
use crate::domain::settings::Deadlines;
use crate::domain::today::{OpenRecord, TodayItem};
use crate::store::today::TodaySource;
use crate::store::{Result, Store};

/// The renovation tab's source of 今日.
pub struct RenovationToday;

/// The one instance listed in the board's sources.
pub const TODAY: RenovationToday = RenovationToday;

impl TodaySource for RenovationToday {
    fn today(&self, store: &Store, now: NaiveDateTime, _: &Deadlines) -> Result<Vec<TodayItem>> {
        Ok(store
            .patrol_round(now.date())?
            .into_iter()
            .map(|r| {
                let phase = r.phase.map(|k| k.label()).unwrap_or("施工");
                let (kind, what) = match r.task {
                    RoundTask::Patrol => (
                        "装修巡查",
                        format!(
                            "{} {}阶段（{}巡查），应于{}巡查",
                            r.number,
                            phase,
                            r.phase.map(|k| k.patrol_rule().label()).unwrap_or_default(),
                            paper_date(r.due)
                        ),
                    ),
                    RoundTask::Recheck { seq, violation } => (
                        "整改复查",
                        format!(
                            "{} 整改通知第 {seq} 号（{}），应于{}复查",
                            r.number,
                            violation.label(),
                            paper_date(r.due)
                        ),
                    ),
                };
                TodayItem {
                    due_at: patrol_due_at(r.due),
                    kind,
                    what,
                    place: r.address.short(),
                    who: format!("装修单位 {}", r.company),
                    open: OpenRecord::Renovation(r.id.0),
                }
            })
            .collect())
    }
}
