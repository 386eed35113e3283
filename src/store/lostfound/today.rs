//! 物品拾遗's lines on 今日: identity documents not yet handed to the police (due at once), and
//! items whose keeping period is over, waiting for the supervisor's disposal.

use chrono::{NaiveDateTime, NaiveTime};

use crate::domain::settings::Deadlines;
use crate::domain::today::{OpenRecord, TodayItem};
use crate::store::today::TodaySource;
use crate::store::{Result, Store};

/// The lost-and-found tab's source of 今日.
pub struct LostFoundToday;

/// The one instance listed in the board's sources.
pub const TODAY: LostFoundToday = LostFoundToday;

impl TodaySource for LostFoundToday {
    fn today(&self, store: &Store, now: NaiveDateTime, _: &Deadlines) -> Result<Vec<TodayItem>> {
        let days = store.lostfound_keep_days()?;
        let mut out = Vec::new();
        for r in store.unclaimed_items()? {
            let (kind, due_at, what) = if r.item.has_id_card() {
                (
                    "证件上交",
                    r.item.found_at,
                    format!("{} {}：身份证件须及时上交派出所", r.number, r.item.name),
                )
            } else {
                let due = r.due_on(days);
                if due > now.date() {
                    continue;
                }
                (
                    "拾遗到期",
                    due.and_time(NaiveTime::MIN),
                    format!(
                        "{} {}：保管期满（{}天）无人认领，待主管处置",
                        r.number, r.item.name, days
                    ),
                )
            };
            out.push(TodayItem {
                due_at,
                kind,
                what,
                place: r.item.storage.clone(),
                who: if r.item.is_valuable() {
                    format!("保管人 {}", r.custodian)
                } else {
                    "客服中心主管".to_string()
                },
                open: OpenRecord::FoundItem(r.id.0),
            });
        }
        Ok(out)
    }
}
