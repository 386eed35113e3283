//! Dates as printed on paper and in tables, and as typed at the desk; times of day and
//! moments are read by [`parse_time_of_day`] and [`parse_datetime`] (in `domain/time.rs`).

use chrono::{Datelike, Local, NaiveDate, NaiveDateTime, Timelike};

use super::normalize_digits;
use super::text::parse_u32;

pub use super::time::{
    DateTimeError, TimeError, parse_datetime, parse_day, parse_time_of_day, says_part_of_day,
};

/// Why a date was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    /// Not in any of the accepted shapes.
    #[error("日期格式不对，请按 2026-11-29 或 2026年11月29日 填写")]
    Format,
    /// The shape is right but the day does not exist (e.g. 2月30日).
    #[error("没有 {year}年{month}月{day}日 这一天，请核对月份和日期")]
    NoSuchDay {
        /// Year as typed.
        year: u32,
        /// Month as typed.
        month: u32,
        /// Day as typed.
        day: u32,
    },
}

/// Date as written on paper forms: `2026年11月29日`, `2026年3月5日` (no zero padding).
pub fn paper_date(d: NaiveDate) -> String {
    format!("{}年{}月{}日", d.year(), d.month(), d.day())
}

/// Date and time for tables: `2026-11-29 09:30`.
pub fn table_datetime(t: NaiveDateTime) -> String {
    t.format("%Y-%m-%d %H:%M").to_string()
}

/// Date for tables: `2026-11-29`.
pub fn table_date(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// Reads `2026-11-29`, `2026/11/29`, `2026.11.29`, `2026年11月29日`, `20261129`,
/// with full-width digits allowed and single-digit month/day accepted.
///
/// # Errors
/// [`DateError::Format`] for an unknown shape, [`DateError::NoSuchDay`] for a day that
/// does not exist.
pub fn parse_date(s: &str) -> Result<NaiveDate, DateError> {
    let text: String = normalize_digits(s)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let (y, m, d) = split_date(&text).ok_or(DateError::Format)?;
    // Four-digit years only: "26-11-29" is too ambiguous to guess.
    if y.len() != 4 || !(1..=2).contains(&m.len()) || !(1..=2).contains(&d.len()) {
        return Err(DateError::Format);
    }
    let (year, month, day) = match (parse_u32(y), parse_u32(m), parse_u32(d)) {
        (Some(y), Some(m), Some(d)) => (y, m, d),
        _ => return Err(DateError::Format),
    };
    i32::try_from(year)
        .ok()
        .and_then(|y| NaiveDate::from_ymd_opt(y, month, day))
        .ok_or(DateError::NoSuchDay { year, month, day })
}

/// Splits a date into year, month and day text without checking the digits.
fn split_date(text: &str) -> Option<(&str, &str, &str)> {
    if text.contains('年') {
        let (y, rest) = text.split_once('年')?;
        let (m, rest) = rest.split_once('月')?;
        let d = rest
            .strip_suffix('日')
            .or_else(|| rest.strip_suffix('号'))?;
        return Some((y, m, d));
    }
    if text.len() == 8 && text.bytes().all(|b| b.is_ascii_digit()) {
        return Some((&text[..4], &text[4..6], &text[6..]));
    }
    let sep = ['-', '/', '.'].into_iter().find(|c| text.contains(*c))?;
    let mut parts = text.split(sep);
    let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
    parts.next().is_none().then_some((y, m, d))
}

/// How long, as the desk says it: `8 分钟`, `2 小时 5 分钟`, `3 天 4 小时` (past a day, to the
/// hour). Used for countdowns and for how late something is.
pub fn span_text(minutes: i64) -> String {
    let minutes = minutes.max(0);
    let (days, hours, mins) = (minutes / 1440, minutes % 1440 / 60, minutes % 60);
    match (days, hours, mins) {
        (0, 0, m) => format!("{m} 分钟"),
        (0, h, 0) => format!("{h} 小时"),
        (0, h, m) => format!("{h} 小时 {m} 分钟"),
        (d, 0, _) => format!("{d} 天"),
        (d, h, _) => format!("{d} 天 {h} 小时"),
    }
}

/// The current local time, to the second (the desk never needs sub-second stamps, and
/// dropping them keeps stored values and their printed form in agreement).
pub fn now_local() -> NaiveDateTime {
    let now = Local::now().naive_local();
    now.with_nanosecond(0).unwrap_or(now)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap_or(NaiveDate::MIN)
    }

    #[test]
    fn formats() {
        assert_eq!(paper_date(ymd(2026, 11, 29)), "2026年11月29日");
        assert_eq!(paper_date(ymd(2026, 3, 5)), "2026年3月5日");
        assert_eq!(table_date(ymd(2026, 3, 5)), "2026-03-05");
        let t = ymd(2026, 11, 29).and_hms_opt(9, 30, 59);
        assert_eq!(t.map(table_datetime).as_deref(), Some("2026-11-29 09:30"));
    }

    #[test]
    fn parses_accepted_forms() {
        for s in [
            "2026-11-29",
            "2026/11/29",
            "2026.11.29",
            "2026年11月29日",
            "20261129",
            "２０２６－１１－２９",
            "２０２６年１１月２９日",
            " 2026 年 11 月 29 日 ",
        ] {
            assert_eq!(parse_date(s), Ok(ymd(2026, 11, 29)), "{s}");
        }
        assert_eq!(parse_date("2026-3-5"), Ok(ymd(2026, 3, 5)));
        assert_eq!(parse_date("2026年3月5日"), Ok(ymd(2026, 3, 5)));
    }

    #[test]
    fn rejects_bad_dates() {
        for s in [
            "",
            "abc",
            "26-11-29",
            "2026-11",
            "2026-11-29-1",
            "2026/11-29",
            "2026年11月",
            "202611290",
        ] {
            assert_eq!(parse_date(s), Err(DateError::Format), "{s}");
        }
        assert_eq!(
            parse_date("2026-02-30"),
            Err(DateError::NoSuchDay {
                year: 2026,
                month: 2,
                day: 30
            })
        );
        assert_eq!(
            parse_date("20261301").map_err(|e| e.to_string()),
            Err("没有 2026年13月1日 这一天，请核对月份和日期".to_string())
        );
    }

    #[test]
    fn now_has_no_fraction() {
        assert_eq!(now_local().nanosecond(), 0);
    }
}
