//! 物品放行's lines on 今日: passes planned for today and not yet released — waiting for the
//! fees sign-off and approval (放行待批), or approved and waiting for the guard (今日放行). A
//! pass is valid for its planned day, so it is due by that day's end.

use chrono::{Duration, NaiveDateTime};

use crate::domain::item_pass::PassStatus;
use crate::domain::settings::Deadlines;
use crate::domain::today::{OpenRecord, TodayItem};
use crate::store::today::TodaySource;
use crate::store::{Result, Store};

/// The gate tab's source of 今日.
pub struct GateToday;

/// The one instance listed in the board's sources.
pub const TODAY: GateToday = GateToday;

impl TodaySource for GateToday {
    fn today(&self, store: &Store, now: NaiveDateTime, _: &Deadlines) -> Result<Vec<TodayItem>> {
        let day = now.date();
        let end_of_day = day.and_time(chrono::NaiveTime::MIN) + Duration::days(1);
        Ok(store
            .passes_to_release(day)?
            .into_iter()
            .map(|p| {
                let items: Vec<String> = p
                    .pass
                    .items
                    .iter()
                    .map(|i| format!("{} {}", i.name, i.quantity))
                    .collect();
                TodayItem {
                    due_at: end_of_day,
                    kind: if p.status == PassStatus::Pending {
                        "放行待批"
                    } else {
                        "今日放行"
                    },
                    what: format!(
                        "{} {}：{}",
                        p.number,
                        p.pass.reason.label(),
                        items.join("、")
                    ),
                    place: p
                        .pass
                        .unit
                        .map(|a| a.short())
                        .unwrap_or_else(|| "公共物品".to_string()),
                    who: format!("申请人 {}", p.pass.applicant),
                    open: OpenRecord::Pass(p.id.0),
                }
            })
            .collect())
    }
}
