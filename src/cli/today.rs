//! `wuye-desk today`: the 今日 board printed one line an item, most urgent first, for scripts:
//! `2026-11-30 09:15  已超时 2 小时  报修到场  3-2-1502  WX-202611-0008 给排水：…  维修 陈刚`.
//! A read: nobody signs in.

use std::io::{ErrorKind, Write};
use std::path::Path;

use chrono::NaiveDateTime;

use crate::domain::date::{now_local, parse_datetime, table_datetime};
use crate::domain::today::TodayItem;
use crate::store::Store;

/// One line of the board as text: due, lateness, tag, place, what, who (empty fields left out).
pub fn line(item: &TodayItem, now: NaiveDateTime) -> String {
    let due = table_datetime(item.due_at);
    let lateness = item.lateness(now);
    [
        due.as_str(),
        lateness.as_str(),
        item.kind,
        item.place.as_str(),
        item.what.as_str(),
        item.who.as_str(),
    ]
    .into_iter()
    .filter(|f| !f.is_empty())
    .collect::<Vec<_>>()
    .join("  ")
}

/// Prints the board of `db` as of `at` (as typed: `2026-11-30 09:15`), or of now.
pub fn today(db: &Path, at: Option<&str>) -> Result<(), String> {
    let now = match at {
        None => now_local(),
        Some(text) => parse_datetime(text.trim(), now_local().date())
            .map_err(|e| format!("--at “{text}”：{e}"))?,
    };
    let store = Store::open_read_only(db, super::READ_ONLY_COMMAND).map_err(|e| e.to_string())?;
    let items = store.today(now).map_err(|e| e.to_string())?;
    if items.is_empty() {
        eprintln!("{} 没有到期或逾期的事项", table_datetime(now));
        return Ok(());
    }
    let mut out = std::io::stdout().lock();
    for item in &items {
        match writeln!(out, "{}", line(item, now)) {
            Ok(()) => {}
            // A reader that stopped (`| head`) has all it wanted.
            Err(e) if e.kind() == ErrorKind::BrokenPipe => return Ok(()),
            Err(e) => return Err(format!("无法输出：{e}")),
        }
    }
    Ok(())
}
