//! 收费管理's line on 今日: the units with bills of past months still unpaid. A month's bill is
//! due within its month, so they have been overdue since this month began.
//!
//! One line for the estate, not one per building: an estate always has some arrears, and twenty
//! lines of them every morning would push the matters that need someone within the hour off the
//! screen. The line opens 欠费, where the buildings are one click apart; when a single building
//! owes, the line names it and opens it.

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
        let mut buildings = Vec::new();
        let (mut units, mut owed) = (0_i64, 0_i64);
        for row in rows {
            let (building, n, fen) = row?;
            buildings.push(building);
            units += n;
            owed += fen;
        }
        let mut out = Vec::new();
        if units > 0 {
            let (place, what, building) = match buildings[..] {
                [one] => (
                    format!("{one}号楼"),
                    format!("{units} 户往月账单未缴，合计 {}", Fen(owed)),
                    Some(one),
                ),
                _ => (
                    "全小区".to_string(),
                    format!(
                        "{units} 户往月账单未缴（{} 栋楼），合计 {}",
                        buildings.len(),
                        Fen(owed)
                    ),
                    None,
                ),
            };
            out.push(TodayItem {
                due_at: month.first_day().and_time(NaiveTime::MIN),
                kind: "欠费",
                what,
                place,
                who: String::new(),
                open: OpenRecord::Arrears { building },
            });
        }
        Ok(out)
    }
}
