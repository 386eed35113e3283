//! 报修管理's lines on 今日: open orders past or near their running deadline — the 15-minute
//! dispatch and arrival, the 30-minute return after review, and the callback after completion.

use chrono::{Duration, NaiveDateTime};
use rusqlite::params;

use super::row::{address, number, place_short, state};
use crate::domain::repair::RepairId;
use crate::domain::repair::state::{Overdue, deadline};
use crate::domain::settings::Deadlines;
use crate::domain::today::{OpenRecord, TodayItem, head};
use crate::store::today::TodaySource;
use crate::store::{Result, Store, parse_time, time_text};

/// How long before a minute-scale deadline (arrival, return after review) an order appears.
pub const NEAR_MINUTES: i64 = 60;
/// How long before the callback (a day-scale deadline) an order appears.
pub const NEAR_CALLBACK_HOURS: i64 = 4;

/// The repairs tab's source of 今日.
pub struct RepairsToday;

/// The one instance listed in the board's sources.
pub const TODAY: RepairsToday = RepairsToday;

/// The tag of a running deadline on the board.
fn kind(o: Overdue) -> &'static str {
    match o {
        Overdue::Dispatch => "报修派单",
        Overdue::Arrival => "报修到场",
        Overdue::ReviewReturn => "评审返回",
        Overdue::Callback => "报修回访",
    }
}

impl TodaySource for RepairsToday {
    fn today(&self, store: &Store, now: NaiveDateTime, d: &Deadlines) -> Result<Vec<TodayItem>> {
        // Due by the end of the window: the clock started at most (limit - window) ago.
        let by = |limit: u32, window: Duration| {
            time_text(now + window - Duration::minutes(i64::from(limit)))
        };
        let near = Duration::minutes(NEAR_MINUTES);
        let mut stmt = store.conn().prepare_cached(
            "SELECT r.id, r.number, r.state, r.clock_at, r.category, r.description, r.location,
                    r.reporter, r.technician_name, u.building, u.entrance, u.room
             FROM repairs r LEFT JOIN units u ON u.id = r.unit_id
             WHERE (r.state IN ('pending', 'dispatched') AND r.clock_at <= ?1)
                OR (r.state = 'in_review' AND r.clock_at <= ?2)
                OR (r.state = 'completed' AND r.clock_at <= ?3)",
        )?;
        let rows = stmt.query_map(
            params![
                by(d.repair_arrival_min, near),
                by(d.repair_review_min, near),
                by(d.repair_callback_min, Duration::hours(NEAR_CALLBACK_HOURS)),
            ],
            |r| {
                Ok((
                    r.get::<_, i64>("id")?,
                    r.get::<_, String>("number")?,
                    r.get::<_, String>("state")?,
                    r.get::<_, String>("clock_at")?,
                    r.get::<_, String>("category")?,
                    r.get::<_, String>("description")?,
                    r.get::<_, String>("location")?,
                    r.get::<_, String>("reporter")?,
                    r.get::<_, String>("technician_name")?,
                    address(r)?,
                ))
            },
        )?;
        let mut out = Vec::new();
        for row in rows {
            let (id, num, st, clock, category, description, location, reporter, technician, addr) =
                row?;
            let Some((o, due_at)) = deadline(state(&st)?, parse_time(&clock)?, d) else {
                continue;
            };
            // The dispatch and the callback are the desk's to do, for the reporter; the arrival
            // and the return are the technician's.
            let who = match o {
                Overdue::Dispatch | Overdue::Callback => format!("报修人 {reporter}"),
                Overdue::Arrival | Overdue::ReviewReturn if technician.is_empty() => {
                    format!("报修人 {reporter}")
                }
                Overdue::Arrival | Overdue::ReviewReturn => format!("维修 {technician}"),
            };
            out.push(TodayItem {
                due_at,
                kind: kind(o),
                what: format!("{} {category}：{}", number(&num)?, head(&description, 30)),
                place: place_short(addr, location).1,
                who,
                open: OpenRecord::Repair(RepairId(id)),
            });
        }
        Ok(out)
    }
}
