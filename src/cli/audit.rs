//! `wuye-desk audit`: the 操作日志 printed one row per line, newest first (by number, the order
//! the rows were written) as on the desk's screen, filtered as the screen filters it. A read:
//! nobody signs in.

use std::io::{ErrorKind, Write};
use std::path::Path;

use chrono::NaiveDate;

use crate::domain::access::Action;
use crate::domain::date::parse_day;
use crate::store::{AuditFilter, AuditRow, Store};

/// Rows fetched at a time. Each page skips the rows before it (OFFSET) and counts the matches,
/// so small pages make a long log slow: a ten-year log (about 400,000 rows) took 8 s to print
/// in pages of 1,000 and takes under 2 s in pages of 10,000, a few megabytes held at a time.
const PAGE: usize = 10_000;

/// The filters of `wuye-desk audit`.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct AuditOptions {
    /// From this day (2026-11-01, 11月1日, 今天 …).
    #[arg(long)]
    pub from: Option<String>,
    /// To this day, inclusive.
    #[arg(long)]
    pub to: Option<String>,
    /// Rows where this person acted or countersigned.
    #[arg(long)]
    pub who: Option<String>,
    /// One tab: 房屋与业主, 报修, 信息反馈, 业主入住, 物品放行, 钥匙, 空置房, 收费管理, 设置, 登录与交接.
    #[arg(long)]
    pub tab: Option<String>,
    /// Records whose name contains this (3-2-1502, 1502, WX-202611 …).
    #[arg(long)]
    pub record: Option<String>,
}

impl AuditOptions {
    /// The store's filter, with the dates read as the desk reads them (relative to `today`).
    ///
    /// # Errors
    /// A Chinese message naming the option whose value is wrong and how to write it.
    pub fn filter(&self, today: NaiveDate) -> Result<AuditFilter, String> {
        let day = |option: &str, value: &Option<String>| -> Result<Option<NaiveDate>, String> {
            let Some(text) = value else { return Ok(None) };
            if text.trim().is_empty() {
                return Err(format!("{option} 后面请写日期，例如 2026-11-01"));
            }
            parse_day(text.trim(), today)
                .map(Some)
                .map_err(|e| format!("{option} “{text}”：{e}"))
        };
        let from = day("--from", &self.from)?;
        let to = day("--to", &self.to)?;
        if let (Some(f), Some(t)) = (from, to)
            && f > t
        {
            return Err(format!(
                "--from {f} 晚于 --to {t}，没有这样的日期范围：请对调两个日期"
            ));
        }
        let tab = match self.tab.as_deref().map(str::trim) {
            None => None,
            Some(typed) => Some(tab_named(typed)?),
        };
        Ok(AuditFilter {
            who: self.who.clone(),
            from,
            to,
            tab,
            record: self.record.clone(),
        })
    }
}

/// The log's tab for what was typed: its name, the tab's full label as the desk shows it
/// (`报修管理` is the log's `报修`), or the start of one name (`登录`, `房屋`).
fn tab_named(typed: &str) -> Result<String, String> {
    let longer = Action::TABS
        .iter()
        .copied()
        .filter(|t| typed.starts_with(t))
        .max_by_key(|t| t.len());
    let started: Vec<_> = Action::TABS
        .iter()
        .copied()
        .filter(|t| !typed.is_empty() && t.starts_with(typed))
        .collect();
    match (longer, started.as_slice()) {
        (Some(t), _) | (None, &[t]) => Ok(t.to_string()),
        _ => Err(format!(
            "--tab “{typed}” 不是操作日志里的分类，请写其中之一：{}",
            Action::TABS.join("、")
        )),
    }
}

/// One row as one line: number, time, who (and 会签 countersigner), tab, action, what, record,
/// and the change `before → after` (JSON, personal numbers already masked by the store).
pub fn line(row: &AuditRow) -> String {
    let who = match &row.countersign {
        Some(cs) => format!("{}（会签：{cs}）", row.who),
        None => row.who.clone(),
    };
    let mut out = format!(
        "#{}  {}  {}  {}  {}  {}",
        row.id,
        row.at.format("%Y-%m-%d %H:%M:%S"),
        who,
        row.tab,
        row.action,
        row.what,
    );
    if !row.record.is_empty() {
        out.push_str("  ");
        out.push_str(&row.record);
    }
    if row.before.is_some() || row.after.is_some() {
        let side = |s: &Option<String>| s.clone().unwrap_or_else(|| "—".into());
        out.push_str(&format!("  {} → {}", side(&row.before), side(&row.after)));
    }
    // Free text could hold a line break; one row stays one line.
    out.replace(['\n', '\r'], " ")
}

/// Prints the log of `db` through `filter`, newest first, to stdout.
pub fn audit(db: &Path, options: &AuditOptions) -> Result<(), String> {
    let filter = options.filter(crate::domain::date::now_local().date())?;
    let store = Store::open_read_only(db, super::READ_ONLY_COMMAND).map_err(|e| e.to_string())?;
    let total = store
        .audit_log(&filter, 0, 0)
        .map_err(|e| e.to_string())?
        .total;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let printed = write_log(&store, &filter, total, &mut out)?;
    let flushed = match out.flush() {
        Ok(()) => true,
        Err(e) if e.kind() == ErrorKind::BrokenPipe => false,
        Err(e) => return Err(format!("无法输出：{e}")),
    };
    if printed == Some(0) && flushed {
        eprintln!("没有符合条件的操作日志");
    }
    Ok(())
}

/// Writes one line; `false` once the reader has gone (`audit | head` closes the pipe early,
/// which ends the listing quietly rather than as an error).
fn emit(out: &mut impl Write, text: &str) -> Result<bool, String> {
    match writeln!(out, "{text}") {
        Ok(()) => Ok(true),
        Err(e) if e.kind() == ErrorKind::BrokenPipe => Ok(false),
        Err(e) => Err(format!("无法输出：{e}")),
    }
}

/// Writes every matching row, page by page, and returns how many (`None` if the reader went
/// away first). Rows appended by a desk while this runs push the pages along; the numbers only
/// fall going down the log, so a row seen on one page and again on the next is printed once.
fn write_log(
    store: &Store,
    filter: &AuditFilter,
    total: usize,
    out: &mut impl Write,
) -> Result<Option<usize>, String> {
    if !emit(out, &format!("操作日志：共 {total} 条，最新的在前"))? {
        return Ok(None);
    }
    let mut printed = 0;
    let mut below = i64::MAX;
    for page in 0.. {
        let rows = store
            .audit_log(filter, page, PAGE)
            .map_err(|e| e.to_string())?
            .rows;
        if rows.is_empty() {
            break;
        }
        for row in &rows {
            if row.id >= below {
                continue;
            }
            if !emit(out, &line(row))? {
                return Ok(None);
            }
            printed += 1;
            below = row.id;
        }
    }
    Ok(Some(printed))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn dates_are_read_as_the_desk_reads_them_and_bad_ones_named() {
        let today = day("2026-11-29");
        let o = AuditOptions {
            from: Some("11月1日".into()),
            to: Some("今天".into()),
            ..AuditOptions::default()
        };
        let f = o.filter(today).unwrap();
        assert_eq!(f.from, Some(day("2026-11-01")));
        assert_eq!(f.to, Some(today));

        let bad = AuditOptions {
            to: Some("2026-02-30".into()),
            ..AuditOptions::default()
        };
        let e = bad.filter(today).unwrap_err();
        assert!(e.contains("--to") && e.contains("2月30日"), "{e}");

        let empty = AuditOptions {
            from: Some(" ".into()),
            ..AuditOptions::default()
        };
        assert!(empty.filter(today).unwrap_err().contains("--from"));

        let reversed = AuditOptions {
            from: Some("2026-11-29".into()),
            to: Some("2026-11-01".into()),
            ..AuditOptions::default()
        };
        assert!(reversed.filter(today).unwrap_err().contains("对调"));
    }

    #[test]
    fn a_tab_is_known_by_its_name_or_the_desk_label() {
        assert_eq!(tab_named("报修").unwrap(), "报修");
        assert_eq!(tab_named("报修管理").unwrap(), "报修");
        assert_eq!(tab_named("空置房管理").unwrap(), "空置房");
        assert_eq!(tab_named("登录").unwrap(), "登录与交接");
        assert!(tab_named("").is_err());
        assert_eq!(tab_named("收费").unwrap(), "收费管理");
        let e = tab_named("投诉").unwrap_err();
        assert!(e.contains("房屋与业主") && e.contains("登录与交接"), "{e}");
    }

    #[test]
    fn a_row_is_one_line_with_its_countersigner_and_change() {
        let row = AuditRow {
            id: 42,
            at: day("2026-11-29").and_hms_opt(9, 30, 5).unwrap(),
            who: "张敏".into(),
            countersign: Some("刘洋".into()),
            tab: "空置房".into(),
            action: "审批空置申请".into(),
            what: "批准空置\n申请".into(),
            record: "3-2-1502".into(),
            before: Some(r#"{"status":"pending"}"#.into()),
            after: Some(r#"{"status":"approved"}"#.into()),
        };
        assert_eq!(
            line(&row),
            "#42  2026-11-29 09:30:05  张敏（会签：刘洋）  空置房  审批空置申请  批准空置 申请  \
             3-2-1502  {\"status\":\"pending\"} → {\"status\":\"approved\"}"
        );
        let plain = AuditRow {
            countersign: None,
            before: None,
            after: None,
            record: String::new(),
            ..row
        };
        assert_eq!(
            line(&plain),
            "#42  2026-11-29 09:30:05  张敏  空置房  审批空置申请  批准空置 申请"
        );
    }

    #[test]
    fn a_reader_gone_ends_the_listing_quietly_and_other_failures_are_said() {
        struct Closed(ErrorKind);
        impl Write for Closed {
            fn write(&mut self, _: &[u8]) -> std::io::Result<usize> {
                Err(self.0.into())
            }
            fn flush(&mut self) -> std::io::Result<()> {
                Ok(())
            }
        }
        assert_eq!(emit(&mut Closed(ErrorKind::BrokenPipe), "x"), Ok(false));
        let e = emit(&mut Closed(ErrorKind::StorageFull), "x").unwrap_err();
        assert!(e.contains("无法输出"), "{e}");
        assert_eq!(emit(&mut Vec::new(), "x"), Ok(true));
    }
}
