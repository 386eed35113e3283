//! 空置房管理's lines on 今日: per building, the vacant units and basements not yet inspected
//! this month, due by the month's end (the countdown shows the days left), for the officers
//! covering the building.

use chrono::{NaiveDateTime, NaiveTime};

use crate::domain::Month;
use crate::domain::settings::Deadlines;
use crate::domain::today::{OpenRecord, TodayItem};
use crate::store::today::TodaySource;
use crate::store::{Result, Store};

/// The vacancy tab's source of 今日.
pub struct VacancyToday;

/// The one instance listed in the board's sources.
pub const TODAY: VacancyToday = VacancyToday;

impl TodaySource for VacancyToday {
    fn today(&self, store: &Store, now: NaiveDateTime, _: &Deadlines) -> Result<Vec<TodayItem>> {
        let month = Month::of(now.date());
        let due_at = month.next().first_day().and_time(NaiveTime::MIN);
        let mut out = Vec::new();
        for c in store.vacancy_coverage(month)? {
            let units = c
                .units()
                .saturating_sub(c.inspected - c.basements_inspected);
            let basements = c.basements.saturating_sub(c.basements_inspected);
            let mut left = Vec::new();
            if units > 0 {
                left.push(format!("空置房 {units} 套"));
            }
            if basements > 0 {
                left.push(format!("地下室 {basements} 处"));
            }
            if left.is_empty() {
                continue;
            }
            out.push(TodayItem {
                due_at,
                kind: "空置房检查",
                what: format!("{}本月未检查", left.join("、")),
                place: format!("{}号楼", c.building),
                who: if c.officers.is_empty() {
                    "未分配客服专员".to_string()
                } else {
                    format!("客服专员 {}", c.officers.join("、"))
                },
                open: OpenRecord::Vacancy {
                    building: c.building,
                },
            });
        }
        Ok(out)
    }
}
