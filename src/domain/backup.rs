//! Backups' rules, without files or SQL: how a backup is named by its time, which backups the
//! thinning keeps (everything from today, then the newest of each of the 7 days before, of each
//! of the 5 weeks before those, and of each of the 12 months before those), when the desk warns
//! that the last good backup is too old, and the backup settings the office may change.

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

/// The extension of a backup file (the database's own).
const EXTENSION: &str = ".sqlite3";
/// Added to the name of a backup whose integrity check failed: it is kept, but never offered
/// as a good one.
const UNVERIFIED: &str = "-unverified";
/// The time in a backup's name: sortable, and free of characters Windows refuses.
const NAME_TIME: &str = "%Y%m%d-%H%M%S";
/// A backup being written carries this after its name until it is verified.
pub const PARTIAL: &str = ".partial";

/// Hours between the desk's backups while it is open, until the office sets another value.
pub const DEFAULT_INTERVAL_HOURS: u32 = 4;
/// The longest interval the office may set: a day.
pub const MAX_INTERVAL_HOURS: u32 = 24;
/// The desk warns when the last good backup is older than this many days.
pub const WARN_AFTER_DAYS: i64 = 2;

/// The name of a backup of the database whose file stem is `stem`, taken at `taken`:
/// `desk-20261201-093000.sqlite3`, or `desk-20261201-093000-unverified.sqlite3`.
pub fn file_name(stem: &str, taken: NaiveDateTime, verified: bool) -> String {
    let mark = if verified { "" } else { UNVERIFIED };
    format!("{stem}-{}{mark}{EXTENSION}", taken.format(NAME_TIME))
}

/// What a file name says about a backup of the database with file stem `stem`: its time and
/// whether it was verified. `None` for any other file (another database's backups, a partial
/// one, anything the office put in the folder): those are never listed, thinned or deleted.
pub fn parse_name(stem: &str, name: &str) -> Option<(NaiveDateTime, bool)> {
    let rest = name.strip_prefix(stem)?.strip_prefix('-')?;
    let rest = rest.strip_suffix(EXTENSION)?;
    let (time, verified) = match rest.strip_suffix(UNVERIFIED) {
        Some(time) => (time, false),
        None => (rest, true),
    };
    // Exactly `YYYYMMDD-HHMMSS`: chrono alone would accept a shorter year or extra digits.
    let shape = time.len() == 15
        && time.bytes().enumerate().all(|(i, b)| {
            if i == 8 {
                b == b'-'
            } else {
                b.is_ascii_digit()
            }
        });
    if !shape {
        return None;
    }
    let taken = NaiveDateTime::parse_from_str(time, NAME_TIME).ok()?;
    Some((taken, verified))
}

/// The time of a partial backup of `stem` (one being written, or left by a crash), from its
/// name; `None` for any other file.
pub fn parse_partial(stem: &str, name: &str) -> Option<NaiveDateTime> {
    let (taken, _) = parse_name(stem, name.strip_suffix(PARTIAL)?)?;
    Some(taken)
}

/// A backup as the thinning sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Taken {
    /// When it was taken.
    pub at: NaiveDateTime,
    /// Whether its integrity check passed.
    pub verified: bool,
}

/// Which of `backups` to keep at `now` (one flag per backup, in the same order).
///
/// Verified backups: every one from today (or later: a clock set back must not cost backups);
/// the newest of each of the 7 days before today; the newest of each week (Monday to Sunday) for
/// the 35 days before those; the newest of each calendar month among the older ones, back to the
/// same month a year ago; older ones go. The periods are fixed on the calendar, so a backup
/// that is the newest of its week stays so as the days pass, and each week and month keeps one.
/// The newest verified backup is kept whatever its age (a desk unused for a year still has it).
///
/// Unverified backups never stand for a day, week or month; they are kept for the 7 days after
/// they were taken (for whoever looks into why) and then go.
pub fn keep(backups: &[Taken], now: NaiveDateTime) -> Vec<bool> {
    let today = now.date();
    let day_floor = today - Duration::days(7);
    let week_floor = day_floor - Duration::days(35);
    let month_floor = first_of_month(today, 12);
    let newest = backups.iter().filter(|b| b.verified).map(|b| b.at).max();
    // The period each verified backup stands for, and the newest backup of each period.
    let period = |b: &Taken| -> Option<(u8, NaiveDate)> {
        let d = b.at.date();
        if d >= today {
            None
        } else if d >= day_floor {
            Some((0, d))
        } else if d >= week_floor {
            Some((
                1,
                d - Duration::days(i64::from(d.weekday().num_days_from_monday())),
            ))
        } else if d >= month_floor {
            Some((2, first_of_month(d, 0)))
        } else {
            Some((3, d))
        }
    };
    let mut newest_of: std::collections::HashMap<(u8, NaiveDate), NaiveDateTime> =
        std::collections::HashMap::new();
    for b in backups.iter().filter(|b| b.verified) {
        if let Some(p) = period(b) {
            let slot = newest_of.entry(p).or_insert(b.at);
            *slot = (*slot).max(b.at);
        }
    }
    backups
        .iter()
        .map(|b| {
            if !b.verified {
                return b.at.date() >= day_floor;
            }
            if Some(b.at) == newest {
                return true;
            }
            match period(b) {
                None => true,
                Some((3, _)) => false,
                Some(p) => newest_of.get(&p) == Some(&b.at),
            }
        })
        .collect()
}

/// The first day of the month `back` months before the month of `d`.
fn first_of_month(d: NaiveDate, back: u32) -> NaiveDate {
    let months = d.year() * 12 + d.month0() as i32 - back as i32;
    NaiveDate::from_ymd_opt(months.div_euclid(12), months.rem_euclid(12) as u32 + 1, 1)
        .unwrap_or(NaiveDate::MIN)
}

/// Whether the desk should warn: no good backup at all, or the newest older than
/// [`WARN_AFTER_DAYS`].
pub fn is_stale(last_good: Option<NaiveDateTime>, now: NaiveDateTime) -> bool {
    last_good.is_none_or(|t| now - t > Duration::days(WARN_AFTER_DAYS))
}

/// Whether the next periodic backup is due: `interval_hours` since the last one the desk took
/// (or tried).
pub fn is_due(last: Option<NaiveDateTime>, now: NaiveDateTime, interval_hours: u32) -> bool {
    last.is_none_or(|t| now - t >= Duration::hours(i64::from(interval_hours.max(1))))
}

/// A file's size as the desk shows it: `856 KB`, `12.4 MB`, `1.20 GB`.
pub fn size_text(bytes: u64) -> String {
    const KB: f64 = 1024.0;
    let b = bytes as f64;
    if b < KB * KB {
        format!("{} KB", (b / KB).ceil() as u64)
    } else if b < KB * KB * KB {
        format!("{:.1} MB", b / KB / KB)
    } else {
        format!("{:.2} GB", b / KB / KB / KB)
    }
}

/// The backup settings of 设置 → 备份.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BackupSettings {
    /// The folder backups go to; empty means the default folder beside the database.
    pub folder: String,
    /// Hours between backups while the desk is open.
    pub interval_hours: u32,
}

impl Default for BackupSettings {
    fn default() -> Self {
        BackupSettings {
            folder: String::new(),
            interval_hours: DEFAULT_INTERVAL_HOURS,
        }
    }
}

/// Reads the interval as typed (full-width digits too): whole hours from 1 to
/// [`MAX_INTERVAL_HOURS`].
///
/// # Errors
/// What to type instead, in Chinese.
pub fn parse_interval(typed: &str) -> Result<u32, String> {
    let digits = super::normalize_digits(typed.trim());
    let digits = digits
        .strip_suffix("小时")
        .unwrap_or(&digits)
        .trim()
        .to_string();
    match digits.parse::<u32>() {
        Ok(h) if (1..=MAX_INTERVAL_HOURS).contains(&h) => Ok(h),
        _ => Err(format!(
            "请填写 1 到 {MAX_INTERVAL_HOURS} 之间的整数小时，例如 {DEFAULT_INTERVAL_HOURS}"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M").expect("time")
    }

    fn good(text: &str) -> Taken {
        Taken {
            at: at(text),
            verified: true,
        }
    }

    /// The backups kept at `now`, as their times.
    fn kept(backups: &[Taken], now: &str) -> Vec<String> {
        backups
            .iter()
            .zip(keep(backups, at(now)))
            .filter(|(_, k)| *k)
            .map(|(b, _)| b.at.format("%Y-%m-%d %H:%M").to_string())
            .collect()
    }

    #[test]
    fn names_carry_the_time_and_only_our_names_are_read() {
        let t = at("2026-12-01 09:30");
        assert_eq!(file_name("desk", t, true), "desk-20261201-093000.sqlite3");
        assert_eq!(
            file_name("desk", t, false),
            "desk-20261201-093000-unverified.sqlite3"
        );
        assert_eq!(
            parse_name("desk", "desk-20261201-093000.sqlite3"),
            Some((t, true))
        );
        assert_eq!(
            parse_name("desk", "desk-20261201-093000-unverified.sqlite3"),
            Some((t, false))
        );
        for other in [
            "desk.sqlite3",
            "desk-2-20261201-093000.sqlite3",
            "other-20261201-093000.sqlite3",
            "desk-20261201-093000.sqlite3.partial",
            "desk-20261301-093000.sqlite3",
            "desk-2026121-0930000.sqlite3",
            "desk-20261201-093000.db",
            "desk-20261201_093000.sqlite3",
            "desk-+2026120-093000.sqlite3",
            "notes.txt",
        ] {
            assert_eq!(parse_name("desk", other), None, "{other}");
        }
        assert_eq!(
            parse_partial("desk", "desk-20261201-093000.sqlite3.partial"),
            Some(t)
        );
        assert_eq!(parse_partial("desk", "desk-20261201-093000.sqlite3"), None);
        // Every name made is read back.
        for (stem, verified) in [("wuye-desk", true), ("办公室 数据", false)] {
            let name = file_name(stem, t, verified);
            assert_eq!(parse_name(stem, &name), Some((t, verified)), "{name}");
        }
    }

    #[test]
    fn everything_from_today_is_kept() {
        let b = [
            good("2026-12-01 08:00"),
            good("2026-12-01 12:00"),
            good("2026-12-01 16:00"),
        ];
        assert_eq!(kept(&b, "2026-12-01 17:00").len(), 3);
    }

    #[test]
    fn one_a_day_for_the_seven_days_before_today() {
        // Three a day for ten days before today.
        let mut b = Vec::new();
        for day in 1..=10 {
            for hour in [8, 12, 16] {
                b.push(good(&format!("2026-11-{day:02} {hour:02}:00")));
            }
        }
        // Today is 11-11 (a Wednesday): 11-04 … 11-10 keep their 16:00 one.
        let k = kept(&b, "2026-11-11 09:00");
        for day in 4..=10 {
            let want = format!("2026-11-{day:02} 16:00");
            assert!(k.contains(&want), "{want} in {k:?}");
            for hour in [8, 12] {
                let gone = format!("2026-11-{day:02} {hour:02}:00");
                assert!(!k.contains(&gone), "{gone} in {k:?}");
            }
        }
        // 11-01 … 11-03 fall in the weeks: 11-02 and 11-03 are Monday and Tuesday of one week
        // (its newest: 11-03 16:00); 11-01 is the Sunday of the week before.
        assert!(k.contains(&"2026-11-03 16:00".to_string()), "{k:?}");
        assert!(!k.contains(&"2026-11-02 16:00".to_string()), "{k:?}");
        assert!(k.contains(&"2026-11-01 16:00".to_string()), "{k:?}");
        assert_eq!(k.len(), 9, "{k:?}");
    }

    #[test]
    fn one_a_week_for_five_weeks_then_one_a_month_for_a_year_then_none() {
        // One backup every day at noon for two years up to yesterday.
        let now = at("2026-12-01 09:00");
        let mut b = Vec::new();
        let mut d = now.date() - Duration::days(730);
        while d < now.date() {
            b.push(Taken {
                at: d.and_hms_opt(12, 0, 0).expect("noon"),
                verified: true,
            });
            d += Duration::days(1);
        }
        let k: Vec<NaiveDate> = b
            .iter()
            .zip(keep(&b, now))
            .filter(|(_, k)| *k)
            .map(|(b, _)| b.at.date())
            .collect();
        let today = now.date();
        let day = |n: i64| today - Duration::days(n);
        // Days: 11-24 … 11-30.
        assert!((1..=7).all(|n| k.contains(&day(n))), "{k:?}");
        // Weeks: the 35 days before 11-24 (10-20 … 11-23) keep one a week, each a Sunday
        // (the newest of its Monday-to-Sunday week), plus the partial week's newest day.
        let weekly: Vec<_> = k
            .iter()
            .filter(|d| **d >= day(42) && **d < day(7))
            .collect();
        assert!(
            weekly.len() == 5 || weekly.len() == 6,
            "five weeks, one of them split: {weekly:?}"
        );
        // One per Monday-to-Sunday week: the whole weeks keep their Sunday.
        let mondays: std::collections::BTreeSet<NaiveDate> = weekly
            .iter()
            .map(|d| **d - Duration::days(i64::from(d.weekday().num_days_from_monday())))
            .collect();
        assert_eq!(mondays.len(), weekly.len(), "{weekly:?}");
        assert!(
            weekly[..weekly.len() - 1]
                .iter()
                .all(|d| d.weekday() == chrono::Weekday::Sun),
            "{weekly:?}"
        );
        // Months: older than the weeks, one per calendar month back to 2025-12.
        let monthly: Vec<_> = k.iter().filter(|d| **d < day(42)).collect();
        let mut months: Vec<_> = monthly.iter().map(|d| (d.year(), d.month())).collect();
        let count = months.len();
        months.dedup();
        assert_eq!(months.len(), count, "one a month: {monthly:?}");
        assert_eq!(months.first(), Some(&(2025, 12)), "{monthly:?}");
        assert!((11..=12).contains(&count), "a year of months: {monthly:?}");
        // Nothing older than a year.
        assert!(k.iter().all(|d| *d >= at("2025-12-01 00:00").date()));
    }

    #[test]
    fn thinning_day_after_day_keeps_a_backup_in_every_week_and_month() {
        // A desk backing up every day and thinning every day for 200 days: the weeks and
        // months keep one each, instead of the newest pushing the older ones out.
        let start = at("2026-01-01 12:00");
        let mut folder: Vec<Taken> = Vec::new();
        for n in 0..200 {
            let now = start + Duration::days(n);
            folder.push(Taken {
                at: now,
                verified: true,
            });
            let keep = keep(&folder, now);
            folder = folder
                .into_iter()
                .zip(keep)
                .filter(|(_, k)| *k)
                .map(|(b, _)| b)
                .collect();
        }
        let now = start + Duration::days(199);
        let dates: Vec<NaiveDate> = folder.iter().map(|b| b.at.date()).collect();
        assert!(dates.contains(&now.date()));
        // Every month from January on still has a backup, and no two backups kept are more than
        // five weeks apart: the thinning leaves no hole.
        let months: std::collections::BTreeSet<u32> = dates.iter().map(|d| d.month()).collect();
        assert_eq!(
            months.into_iter().collect::<Vec<_>>(),
            vec![1, 2, 3, 4, 5, 6, 7],
            "{dates:?}"
        );
        for pair in dates.windows(2) {
            assert!(pair[1] - pair[0] <= Duration::days(35), "{dates:?}");
        }
        assert!(folder.len() <= 1 + 7 + 6 + 13, "{dates:?}");
    }

    #[test]
    fn the_newest_good_backup_survives_a_long_pause_and_unverified_ones_never_stand_in() {
        let b = [
            good("2024-03-01 12:00"),
            Taken {
                at: at("2024-03-02 12:00"),
                verified: false,
            },
            Taken {
                at: at("2026-11-28 12:00"),
                verified: false,
            },
        ];
        assert_eq!(
            kept(&b, "2026-12-01 09:00"),
            vec!["2024-03-01 12:00", "2026-11-28 12:00"]
        );
        // An unverified backup is not the newest of its day: the verified one of that day stays.
        let b = [
            good("2026-11-30 08:00"),
            Taken {
                at: at("2026-11-30 20:00"),
                verified: false,
            },
        ];
        assert_eq!(kept(&b, "2026-12-01 09:00").len(), 2);
    }

    #[test]
    fn warnings_and_due_times() {
        let now = at("2026-12-03 09:00");
        assert!(is_stale(None, now));
        assert!(!is_stale(Some(at("2026-12-01 09:00")), now));
        assert!(is_stale(Some(at("2026-12-01 08:59")), now));
        assert!(is_due(None, now, 4));
        assert!(!is_due(Some(at("2026-12-03 05:01")), now, 4));
        assert!(is_due(Some(at("2026-12-03 05:00")), now, 4));
    }

    #[test]
    fn sizes_read_as_people_say_them() {
        assert_eq!(size_text(0), "0 KB");
        assert_eq!(size_text(1), "1 KB");
        assert_eq!(size_text(876_544), "856 KB");
        assert_eq!(size_text(13_002_342), "12.4 MB");
        assert_eq!(size_text(1_288_490_189), "1.20 GB");
    }

    #[test]
    fn the_interval_is_whole_hours_in_range() {
        assert_eq!(parse_interval("4"), Ok(4));
        assert_eq!(parse_interval(" ６小时 "), Ok(6));
        assert_eq!(parse_interval("24"), Ok(24));
        for bad in ["0", "25", "", "四", "1.5", "-3"] {
            assert!(parse_interval(bad).is_err(), "{bad}");
        }
    }
}
