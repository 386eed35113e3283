//! 钥匙管理's lines on 今日: keys lent out and past their due time.

use chrono::NaiveDateTime;

use crate::domain::settings::Deadlines;
use crate::domain::today::{OpenRecord, TodayItem};
use crate::store::today::TodaySource;
use crate::store::{Result, Store};

/// The keys tab's source of 今日.
pub struct KeysToday;

/// The one instance listed in the board's sources.
pub const TODAY: KeysToday = KeysToday;

impl TodaySource for KeysToday {
    fn today(&self, store: &Store, now: NaiveDateTime, _: &Deadlines) -> Result<Vec<TodayItem>> {
        Ok(store
            .overdue_loans(now)?
            .into_iter()
            .map(|l| TodayItem {
                due_at: l.loan.due_at,
                kind: "钥匙逾期",
                what: format!("挂钩 {} 的钥匙未归还（{}）", l.hook, l.loan.purpose),
                place: l.whose,
                who: format!("借用人 {}", l.loan.borrower),
                open: OpenRecord::KeySet(l.key_id.0),
            })
            .collect())
    }
}
