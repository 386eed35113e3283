//! Times of day and moments as typed at the desk: `18:00`, `1800`, `18点半`, `下午6点`,
//! `2026-11-29 18:00`, `11月29日下午3点`, `明天9点`. The one home for time parsing; re-exported
//! from [`crate::domain::date`].
//!
//! Forgiving about how it is typed (full-width digits and colon, spaces, 点 or 时), strict about
//! what it means: an hour outside 0–23, a minute outside 0–59 or 下午13点 is refused with a
//! message that says which part is wrong, never guessed.

use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime, TimeDelta};

use super::date::{DateError, parse_date};
use super::normalize_digits;
use super::text::parse_u32;

/// The shapes a time may take, for messages.
const TIME_HINT: &str = "请按 18:00 或 下午6点 填写";

/// Why a time of day was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TimeError {
    /// Nothing typed.
    #[error("请填写时间，例如 18:00 或 下午6点")]
    Empty,
    /// Not in any of the accepted shapes.
    #[error("时间格式不对，{TIME_HINT}")]
    Format,
    /// An hour past 23.
    #[error("小时应在 0–23 之间，填的是 {0}")]
    Hour(u32),
    /// A minute past 59.
    #[error("分钟应在 0–59 之间，填的是 {0}")]
    Minute(u32),
    /// A second past 59 (`18:00:75`).
    #[error("秒应在 0–59 之间，填的是 {0}")]
    Second(u32),
    /// An hour that the part of the day before it does not allow (下午13点).
    #[error("{period}的钟点应在 {range} 点之间，填的是 {period}{hour}点；{TIME_HINT}")]
    PeriodHour {
        /// The word typed (`下午`).
        period: &'static str,
        /// The hours it allows, for the message (`1–12`).
        range: &'static str,
        /// The hour typed.
        hour: u32,
    },
}

/// Why a date with a time was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DateTimeError {
    /// Nothing typed.
    #[error("请填写日期和时间，例如 2026-11-29 18:00 或 明天9点")]
    Empty,
    /// Neither a time alone nor a date followed by a time.
    #[error("日期时间格式不对，请按 2026-11-29 18:00、11月29日下午3点 或 明天9点 填写")]
    Format,
    /// A date with no time after it.
    #[error("请在日期后写上时间，例如 2026-11-29 18:00")]
    NoTime,
    /// The date part is wrong.
    #[error(transparent)]
    Date(#[from] DateError),
    /// The time part is wrong.
    #[error(transparent)]
    Time(#[from] TimeError),
}

/// A word for a part of the day, and how it turns a 12-hour clock hour into 0–23.
struct Period {
    word: &'static str,
    range: &'static str,
    to_24h: fn(u32) -> Option<u32>,
}

/// Longer words first is not needed (no word is a prefix of another), but the order is the day's.
const PERIODS: &[Period] = &[
    Period {
        word: "凌晨",
        range: "0–6",
        to_24h: |h| (h <= 6).then_some(h),
    },
    Period {
        word: "早上",
        range: "0–12",
        to_24h: |h| (h <= 12).then_some(h),
    },
    Period {
        word: "早晨",
        range: "0–12",
        to_24h: |h| (h <= 12).then_some(h),
    },
    Period {
        word: "上午",
        range: "0–12",
        to_24h: |h| (h <= 12).then_some(h),
    },
    // 中午 is around noon: 11点, 12点, 1点 (13:00) and 2点 (14:00).
    Period {
        word: "中午",
        range: "11–2",
        to_24h: |h| match h {
            11 | 12 => Some(h),
            1 | 2 => Some(h + 12),
            _ => None,
        },
    },
    // 下午12点 is noon; 下午1点 to 下午11点 are 13:00 to 23:00.
    Period {
        word: "下午",
        range: "1–12",
        to_24h: |h| match h {
            12 => Some(12),
            1..=11 => Some(h + 12),
            _ => None,
        },
    },
    Period {
        word: "傍晚",
        range: "4–8",
        to_24h: |h| (4..=8).contains(&h).then_some(h + 12),
    },
    // 晚上12点 is midnight, 00:00.
    Period {
        word: "晚上",
        range: "5–12",
        to_24h: |h| match h {
            12 => Some(0),
            5..=11 => Some(h + 12),
            _ => None,
        },
    },
    Period {
        word: "夜里",
        range: "5–12",
        to_24h: |h| match h {
            12 => Some(0),
            5..=11 => Some(h + 12),
            _ => None,
        },
    },
];

/// Whether a time as typed starts with a part of the day (`上午`, `中午`, `下午`, `晚上` …), so
/// its hour was read from it rather than on a 24-hour clock.
pub fn says_part_of_day(s: &str) -> bool {
    let text: String = normalize_digits(s)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    PERIODS.iter().any(|p| text.starts_with(p.word))
}

/// Reads a time of day as typed: `18:00`, `18：00`, `1800`, `930`, `18`, `18点`, `18时`,
/// `18点30`, `18点30分`, `18时30分`, `18点半`, `18点整`, and any of these after a part of the
/// day: `上午9点`, `中午12点`, `下午6点`, `晚上8点`, `凌晨1点`. Full-width digits and spaces are
/// fine.
///
/// `6点` is 06:00: without a part of the day the hour is read on a 24-hour clock, never guessed.
///
/// # Errors
/// A [`TimeError`] saying which part is wrong.
pub fn parse_time_of_day(s: &str) -> Result<NaiveTime, TimeError> {
    let text: String = normalize_digits(s)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    if text.is_empty() {
        return Err(TimeError::Empty);
    }
    let period = PERIODS.iter().find(|p| text.starts_with(p.word));
    let body = period.map_or(text.as_str(), |p| &text[p.word.len()..]);
    let (hour, minute, second) = clock(body).ok_or(TimeError::Format)?;
    let hour = match period {
        Some(p) => (p.to_24h)(hour).ok_or(TimeError::PeriodHour {
            period: p.word,
            range: p.range,
            hour,
        })?,
        None if hour > 23 => return Err(TimeError::Hour(hour)),
        None => hour,
    };
    if minute > 59 {
        return Err(TimeError::Minute(minute));
    }
    if second > 59 {
        return Err(TimeError::Second(second));
    }
    NaiveTime::from_hms_opt(hour, minute, second).ok_or(TimeError::Hour(hour))
}

/// Splits the clock part (no part-of-day word, no spaces) into hour, minute and second,
/// unchecked.
fn clock(body: &str) -> Option<(u32, u32, u32)> {
    if let Some((h, rest)) = body.split_once(':') {
        let (m, sec) = rest.split_once(':').unwrap_or((rest, "00"));
        // After a colon the minutes are always two digits: `18:5` is more likely a slip.
        return (m.len() == 2 && sec.len() == 2).then_some((number(h)?, number(m)?, number(sec)?));
    }
    if let Some(i) = body.find(['点', '时']) {
        let h = number(&body[..i])?;
        // Both marks are three bytes in UTF-8; `i` is the start of one, so this is a boundary.
        let rest = body.get(i + '点'.len_utf8()..)?;
        let minute = match rest {
            "" | "整" => 0,
            "半" => 30,
            r => number(r.strip_suffix('分').unwrap_or(r))?,
        };
        return Some((h, minute, 0));
    }
    if !body.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    match body.len() {
        1 | 2 => Some((number(body)?, 0, 0)),
        // `930` and `1800`: the last two digits are the minutes.
        3 | 4 => {
            let (h, m) = body.split_at(body.len() - 2);
            Some((number(h)?, number(m)?, 0))
        }
        _ => None,
    }
}

/// A short run of ASCII digits (up to four, so `123` reaches the range check but nothing
/// overflows).
fn number(s: &str) -> Option<u32> {
    (s.len() <= 4).then(|| parse_u32(s)).flatten()
}

/// Reads a date and a time as typed: `2026-11-29 18:00`, `2026年11月29日 18点`, `11-29 18:00`,
/// `11月29日下午3点`, `2026-11-29T18:00:00` (a date without a year is in `today`'s year;
/// seconds are kept), a time alone meaning
/// `today` (`9时`, `18:00`), or `今天18点`, `明天9点`, `后天上午10点`.
///
/// # Errors
/// A [`DateTimeError`] saying which part is wrong.
pub fn parse_datetime(s: &str, today: NaiveDate) -> Result<NaiveDateTime, DateTimeError> {
    let mut text = normalize_digits(s);
    // `2026-11-29T18:00`, as a machine writes it.
    if text.is_ascii() {
        text = text.replacen('T', " ", 1);
    }
    if text.is_empty() {
        return Err(DateTimeError::Empty);
    }
    if let Some((day, rest)) = relative_day(&text, today)? {
        return with_time(day, rest);
    }
    if let Ok(t) = parse_time_of_day(&text) {
        return Ok(today.and_time(t));
    }
    let Some((date_text, time_text)) = split_date_time(&text) else {
        // A time with a wrong hour says so; a date alone asks for its time.
        return Err(match parse_time_of_day(&text) {
            Err(
                e @ (TimeError::Hour(_)
                | TimeError::Minute(_)
                | TimeError::Second(_)
                | TimeError::PeriodHour { .. }),
            ) => DateTimeError::Time(e),
            _ if date_or_month_day(&text, today).is_ok() => DateTimeError::NoTime,
            _ => DateTimeError::Format,
        });
    };
    with_time(date_or_month_day(date_text, today)?, time_text)
}

/// Reads a day without a time: a full date ([`parse_date`]'s shapes), a month and day in
/// `today`'s year (`11-29`, `11月29日`), or `今天`, `明天`, `后天`.
///
/// # Errors
/// A [`DateTimeError`] saying what is wrong with the date.
pub fn parse_day(s: &str, today: NaiveDate) -> Result<NaiveDate, DateTimeError> {
    let text = normalize_digits(s);
    if text.is_empty() {
        return Err(DateTimeError::Empty);
    }
    match relative_day(&text, today)? {
        Some((day, "")) => Ok(day),
        Some(_) => Err(DateTimeError::Format),
        None => date_or_month_day(&text, today),
    }
}

/// `今天…`, `明天…`, `后天…`: the day meant and the text after the word.
fn relative_day(text: &str, today: NaiveDate) -> Result<Option<(NaiveDate, &str)>, DateTimeError> {
    for (word, days) in [
        ("今天", 0),
        ("今日", 0),
        ("明天", 1),
        ("明日", 1),
        ("后天", 2),
    ] {
        if let Some(rest) = text.strip_prefix(word) {
            let day = today
                .checked_add_signed(TimeDelta::days(days))
                .ok_or(DateTimeError::Format)?;
            return Ok(Some((day, rest.trim())));
        }
    }
    Ok(None)
}

/// A full date, or a month and day in `today`'s year.
fn date_or_month_day(text: &str, today: NaiveDate) -> Result<NaiveDate, DateTimeError> {
    match parse_date(text) {
        Ok(d) => Ok(d),
        Err(DateError::Format) => month_day(text, today.year()),
        Err(e) => Err(e.into()),
    }
}

/// `day` at the time typed in `rest`, which must not be empty.
fn with_time(day: NaiveDate, rest: &str) -> Result<NaiveDateTime, DateTimeError> {
    if rest.trim().is_empty() {
        return Err(DateTimeError::NoTime);
    }
    Ok(day.and_time(parse_time_of_day(rest)?))
}

/// Splits `2026年11月29日下午3点` after its 日 (or 号), and `2026-11-29 18:00` at its first space.
fn split_date_time(text: &str) -> Option<(&str, &str)> {
    if let Some(i) = text.find(['日', '号']) {
        let cut = i + '日'.len_utf8();
        return Some((text.get(..cut)?, text.get(cut..)?));
    }
    let (d, t) = text.split_once(char::is_whitespace)?;
    Some((d, t))
}

/// `11-29`, `11/29`, `11.29`, `11月29日`, `11月29号` in `year`.
fn month_day(text: &str, year: i32) -> Result<NaiveDate, DateTimeError> {
    let text: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let parts = if let Some((m, rest)) = text.split_once('月') {
        let d = rest
            .strip_suffix('日')
            .or_else(|| rest.strip_suffix('号'))
            .unwrap_or(rest);
        Some((m, d))
    } else {
        ['-', '/', '.']
            .into_iter()
            .find_map(|sep| text.split_once(sep))
    };
    let (m, d) = parts.ok_or(DateTimeError::Format)?;
    if !(1..=2).contains(&m.len()) || !(1..=2).contains(&d.len()) {
        return Err(DateTimeError::Format);
    }
    let (month, day) = match (parse_u32(m), parse_u32(d)) {
        (Some(m), Some(d)) => (m, d),
        _ => return Err(DateTimeError::Format),
    };
    NaiveDate::from_ymd_opt(year, month, day).ok_or(DateTimeError::Date(DateError::NoSuchDay {
        year: u32::try_from(year).unwrap_or(0),
        month,
        day,
    }))
}

#[cfg(test)]
mod tests;
