//! 房屋代租's lines on 今日: running leases from thirty days before their last day, and those
//! past it whose end the desk has not recorded (overdue).

use chrono::{Days, NaiveDateTime};

use crate::domain::date::paper_date;
use crate::domain::rental::{ENDING_WINDOW_DAYS, lease_due_at};
use crate::domain::settings::Deadlines;
use crate::domain::today::{OpenRecord, TodayItem};
use crate::store::today::TodaySource;
use crate::store::{Result, Store};

/// The rental tab's source of 今日.
pub struct RentalToday;

/// The one instance listed in the board's sources.
pub const TODAY: RentalToday = RentalToday;

impl TodaySource for RentalToday {
    fn today(&self, store: &Store, now: NaiveDateTime, _: &Deadlines) -> Result<Vec<TodayItem>> {
        let until = now.date() + Days::new(ENDING_WINDOW_DAYS);
        Ok(store
            .leases_ending(until)?
            .into_iter()
            .map(|l| TodayItem {
                due_at: lease_due_at(l.ends_on),
                kind: "租约到期",
                what: format!(
                    "{} 租户 {} 租约至{}，请联系业主和租户续租或退租",
                    l.number,
                    l.tenant,
                    paper_date(l.ends_on)
                ),
                place: l.address.short(),
                who: format!("业主 {}", l.owner_name),
                open: OpenRecord::Rental(l.entrustment.0),
            })
            .collect())
    }
}
