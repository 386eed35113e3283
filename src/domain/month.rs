//! Calendar months (`2026-11`): the one type for a year and month wherever one is typed,
//! printed or stored (monthly registers, pass and order numbers, the vacant-unit procedure's
//! inspections, readings and fee shares).

use chrono::{Datelike, Months, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::domain::normalize_digits;

/// One calendar month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Month {
    year: i32,
    month: u32,
}

/// Why a month was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MonthError {
    /// Not `2026-11` or `2026年11月`.
    #[error("月份格式不对，请按 2026-11 或 2026年11月 填写")]
    Format,
}

impl Month {
    /// The month `year`-`month`, if `month` is 1..=12 and the year has four digits.
    pub fn new(year: i32, month: u32) -> Option<Month> {
        ((1000..=9999).contains(&year) && (1..=12).contains(&month))
            .then_some(Month { year, month })
    }

    /// The month a date falls in.
    pub fn of(date: NaiveDate) -> Month {
        Month {
            year: date.year(),
            month: date.month(),
        }
    }

    /// Reads `2026-11`, `2026/11`, `2026.11`, `2026年11月`, `202611`, full-width digits allowed.
    ///
    /// # Errors
    /// [`MonthError::Format`] for anything else, including month 0 or 13.
    pub fn parse(text: &str) -> Result<Month, MonthError> {
        let t: String = normalize_digits(text)
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        let t = t.strip_suffix('月').unwrap_or(&t);
        let (y, m) = if let Some((y, m)) = t.split_once(['-', '/', '.', '年']) {
            (y, m)
        } else if t.len() == 6 && t.is_ascii() {
            t.split_at(4)
        } else {
            return Err(MonthError::Format);
        };
        let ok = |s: &str, n: std::ops::RangeInclusive<usize>| {
            n.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
        };
        if !ok(y, 4..=4) || !ok(m, 1..=2) {
            return Err(MonthError::Format);
        }
        match (y.parse(), m.parse()) {
            (Ok(y), Ok(m)) => Month::new(y, m).ok_or(MonthError::Format),
            _ => Err(MonthError::Format),
        }
    }

    /// The year.
    pub fn year(self) -> i32 {
        self.year
    }

    /// The month number, 1..=12.
    pub fn number(self) -> u32 {
        self.month
    }

    /// The first day.
    pub fn first_day(self) -> NaiveDate {
        // Month::new only admits valid months, so day 1 always exists.
        NaiveDate::from_ymd_opt(self.year, self.month, 1).unwrap_or(NaiveDate::MIN)
    }

    /// The last day (28th to 31st).
    pub fn last_day(self) -> NaiveDate {
        self.next().first_day().pred_opt().unwrap_or(NaiveDate::MIN)
    }

    /// How many days the month has.
    pub fn days(self) -> u32 {
        self.last_day().day()
    }

    /// The month after.
    pub fn next(self) -> Month {
        if self.month == 12 {
            Month {
                year: self.year + 1,
                month: 1,
            }
        } else {
            Month {
                year: self.year,
                month: self.month + 1,
            }
        }
    }

    /// The month before.
    pub fn prev(self) -> Month {
        if self.month == 1 {
            Month {
                year: self.year - 1,
                month: 12,
            }
        } else {
            Month {
                year: self.year,
                month: self.month - 1,
            }
        }
    }

    /// Whole months from `earlier` to `self` (negative if `earlier` is later).
    pub fn months_since(self, earlier: Month) -> i32 {
        (self.year - earlier.year) * 12 + self.month as i32 - earlier.month as i32
    }

    /// The stored and typed form, `2026-11`.
    pub fn code(self) -> String {
        format!("{:04}-{:02}", self.year, self.month)
    }

    /// The form printed on paper, `2026年11月`.
    pub fn paper(self) -> String {
        format!("{}年{}月", self.year, self.month)
    }
}

impl std::fmt::Display for Month {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.code())
    }
}

/// `date` plus `n` calendar months; a day the target month lacks becomes its last day
/// (1月31日 + 1 month = 2月28日), which is how people count months on a calendar.
pub fn add_months(date: NaiveDate, n: u32) -> Option<NaiveDate> {
    date.checked_add_months(Months::new(n))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ym(y: i32, m: u32) -> Month {
        Month::new(y, m).expect("month")
    }

    #[test]
    fn parses_the_ways_a_month_is_written() {
        for s in [
            "2026-11",
            "2026/11",
            "2026.11",
            "2026年11月",
            "202611",
            "２０２６－１１",
        ] {
            assert_eq!(Month::parse(s), Ok(ym(2026, 11)), "{s}");
        }
        assert_eq!(Month::parse("2026-3"), Ok(ym(2026, 3)));
        for s in [
            "",
            "2026",
            "2026-13",
            "2026-00",
            "26-11",
            "2026-11-01",
            "11-2026",
            "abcd-ef",
        ] {
            assert_eq!(Month::parse(s), Err(MonthError::Format), "{s}");
        }
    }

    #[test]
    fn days_and_neighbours() {
        assert_eq!(ym(2026, 2).days(), 28);
        assert_eq!(ym(2028, 2).days(), 29);
        assert_eq!(ym(2026, 12).days(), 31);
        assert_eq!(ym(2026, 12).next(), ym(2027, 1));
        assert_eq!(ym(2027, 1).prev(), ym(2026, 12));
        assert_eq!(ym(2027, 2).months_since(ym(2026, 11)), 3);
        assert_eq!(ym(2026, 11).code(), "2026-11");
        assert_eq!(ym(2026, 3).paper(), "2026年3月");
    }
}
