//! 收费管理's lines on 今日: per building, the units with bills of past months still unpaid.
//! A month's bill is due within its month, so they have been overdue since this month began.

use chrono::{NaiveDateTime, NaiveTime};
use rusqlite::params;

use crate::domain::settings::Deadlines;
use crate::domain::today::{OpenRecord, TodayItem};
use crate::domain::{Fen, Month};
use crate::store::today::TodaySource;
use crate::store::{Result, Store};

/// The fees tab's source of 今日.
pub struct FeesToday;

/// The one instance listed in the board's sources.
pub const TODAY: FeesToday = FeesToday;

impl TodaySource for FeesToday {
    fn today(&self, store: &Store, now: NaiveDateTime, _: &Deadlines) -> Result<Vec<TodayItem>> {
        let month = Month::of(now.date());
        // Per unit first, from what each unit still owes for each month (kept by triggers on
        // bill_lines: a row per owing unit and month, not one per open line); the units'
        // buildings are looked up once per owing unit.
        let mut stmt = store.conn().prepare_cached(
            "SELECT u.building, count(*), sum(o.owed)
             FROM (SELECT m.unit_id, sum(m.open_fen) AS owed
                   FROM unit_month_open m
                   WHERE m.month < ?1
                   GROUP BY m.unit_id HAVING owed > 0) o
             JOIN units u ON u.id = o.unit_id
             GROUP BY u.building ORDER BY u.building",
        )?;
        let rows = stmt.query_map(params![month.code()], |r| {
            Ok((
                r.get::<_, u32>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, i64>(2)?,
            ))
        })?;
        let due_at = month.first_day().and_time(NaiveTime::MIN);
        let mut out = Vec::new();
        for row in rows {
            let (building, units, owed) = row?;
            out.push(TodayItem {
                due_at,
                kind: "欠费",
                what: format!("{units} 户往月账单未缴，合计 {}", Fen(owed)),
                place: format!("{building}号楼"),
                who: String::new(),
                open: OpenRecord::Arrears { building },
            });
        }
        Ok(out)
    }
}
