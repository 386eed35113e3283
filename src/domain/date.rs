//! Dates and times as the office writes them: `2026年11月29日` on paper, `2026-11-29 09:30` in tables.

use chrono::{Local, NaiveDate, NaiveDateTime, Timelike};

use super::text::normalize;

/// Why a date was not understood.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("日期格式不对，请写成 2026-11-29 这样")]
pub struct DateError;

/// `2026年11月29日`, `2026年3月5日`.
pub fn paper_date(d: NaiveDate) -> String {
    d.format("%Y年%-m月%-d日").to_string()
}

/// `2026-11-29 09:30`.
pub fn table_datetime(t: NaiveDateTime) -> String {
    t.format("%Y-%m-%d %H:%M").to_string()
}

/// `2026-11-29`.
pub fn table_date(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// Parses `2026-11-29`, `2026/11/29`, `2026.11.29`, `2026年11月29日`, `20261129`.
pub fn parse_date(text: &str) -> Result<NaiveDate, DateError> {
    let t = normalize(text);
    if t.len() == 8 && t.bytes().all(|b| b.is_ascii_digit()) {
        return NaiveDate::parse_from_str(&t, "%Y%m%d").map_err(|_| DateError);
    }
    let t: String = t
        .chars()
        .map(|c| match c {
            '/' | '.' | '年' | '月' => '-',
            _ => c,
        })
        .filter(|c| *c != '日' && !c.is_whitespace())
        .collect();
    NaiveDate::parse_from_str(&t, "%Y-%m-%d").map_err(|_| DateError)
}

/// The local time now, to the second: what every record stores.
pub fn now_local() -> NaiveDateTime {
    let now = Local::now().naive_local();
    now.with_nanosecond(0).unwrap_or(now)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paper_and_tables() {
        let d = NaiveDate::from_ymd_opt(2026, 11, 29).unwrap();
        assert_eq!(paper_date(d), "2026年11月29日");
        assert_eq!(paper_date(NaiveDate::from_ymd_opt(2026, 3, 5).unwrap()), "2026年3月5日");
        assert_eq!(table_datetime(d.and_hms_opt(9, 30, 5).unwrap()), "2026-11-29 09:30");
        for s in ["2026-11-29", "2026/11/29", "2026.11.29", "2026年11月29日", "20261129", "２０２６-１１-２９"] {
            assert_eq!(parse_date(s), Ok(d), "{s}");
        }
        for s in ["2026-02-30", "明天", "", "2026-13-01"] {
            assert_eq!(parse_date(s), Err(DateError), "{s}");
        }
    }
}
