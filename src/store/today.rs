//! 今日: the one small interface through which each tab's store module contributes lines to
//! the board ([`TodaySource`]), the list of those sources ([`SOURCES`]), and the board itself
//! ([`Store::today`]). The board knows no tab's tables; a new tab adds its source to the list.

use chrono::NaiveDateTime;

use super::{Result, Store};
use crate::domain::settings::Deadlines;
use crate::domain::today::{TodayItem, sort_by_urgency};

/// A tab's contribution to 今日: its lines due or overdue at `now` under the office's deadlines.
pub trait TodaySource {
    /// The tab's lines at `now`, in any order (the board sorts them).
    fn today(&self, store: &Store, now: NaiveDateTime, d: &Deadlines) -> Result<Vec<TodayItem>>;
}

/// Every source of 今日, one per tab that has deadlines, in the order of the tabs.
const SOURCES: &[&dyn TodaySource] = &[
    &super::repairs::TODAY,
    &super::feedback::TODAY,
    &super::gate::TODAY,
    &super::keys::TODAY,
    &super::vacancy::TODAY,
    &super::fees::TODAY,
    &super::lostfound::TODAY,
    &super::rental::TODAY,
    &super::renovation::TODAY,
];

impl Store {
    /// 今日 at `now`: every source's lines, most urgent first (the most overdue, then the
    /// soonest due).
    pub fn today(&self, now: NaiveDateTime) -> Result<Vec<TodayItem>> {
        let d = self.deadlines()?;
        let mut items = Vec::new();
        for source in SOURCES {
            items.extend(source.today(self, now, &d)?);
        }
        sort_by_urgency(&mut items);
        Ok(items)
    }
}
