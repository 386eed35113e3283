//! Vacancy kinds and the owner's vacancy application (空置房申请): the period rule and the
//! application's life (pending → approved or rejected; approved → expired or ended early).

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::domain::date::paper_date;
use crate::domain::month::{Month, add_months};

/// The shortest vacancy period the procedure accepts, in months.
pub const MIN_MONTHS: u32 = 3;

/// Why a unit counts as vacant (DOMAIN.md §8).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum VacancyKind {
    /// 未售: still the developer's; register status 未售.
    Unsold,
    /// 已交房未装修: handed over, not renovated; register status 空置 without an application
    /// (the procedure needs no application for these, and no fee reduction follows).
    HandedOver,
    /// 装修后空置: renovated, not lived in, under an approved application (fees at 50%).
    Renovated,
}

impl VacancyKind {
    /// The Chinese label.
    pub fn label(self) -> &'static str {
        match self {
            VacancyKind::Unsold => "未售",
            VacancyKind::HandedOver => "已交房未装修",
            VacancyKind::Renovated => "装修后空置",
        }
    }
}

/// The row id of a vacancy application.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct ApplicationId(pub i64);

/// Where an application stands, as stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ApplicationStatus {
    /// 待审批: the service officer signed; the supervisor has not decided.
    Pending,
    /// 已批准: in force from its first to its last day.
    Approved,
    /// 未批准.
    Rejected,
    /// 已提前结束: ended before its last day (the owner moved in, or cancelled).
    Ended,
}

impl ApplicationStatus {
    /// Every status.
    pub const ALL: [ApplicationStatus; 4] = [
        ApplicationStatus::Pending,
        ApplicationStatus::Approved,
        ApplicationStatus::Rejected,
        ApplicationStatus::Ended,
    ];

    /// The stable code stored in the database.
    pub fn code(self) -> &'static str {
        match self {
            ApplicationStatus::Pending => "pending",
            ApplicationStatus::Approved => "approved",
            ApplicationStatus::Rejected => "rejected",
            ApplicationStatus::Ended => "ended",
        }
    }

    /// The status stored under `code`.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }
}

/// An application's state on a given day, as the desk shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ApplicationState {
    /// 待审批.
    Pending,
    /// 未批准.
    Rejected,
    /// 已批准，尚未开始.
    Upcoming,
    /// 空置中.
    InForce,
    /// 已到期: fees back to 100%; the owner must re-apply to stay vacant.
    Expired,
    /// 已提前结束.
    Ended,
}

impl ApplicationState {
    /// The Chinese label.
    pub fn label(self) -> &'static str {
        match self {
            ApplicationState::Pending => "待审批",
            ApplicationState::Rejected => "未批准",
            ApplicationState::Upcoming => "已批准（未开始）",
            ApplicationState::InForce => "空置中",
            ApplicationState::Expired => "已到期，需重新申请",
            ApplicationState::Ended => "已提前结束",
        }
    }
}

/// The approved stretch of days of one application, both ends inclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct VacancyPeriod {
    /// First day at the vacancy rate.
    pub from: NaiveDate,
    /// Last day at the vacancy rate (the early end if the application was ended).
    pub to: NaiveDate,
}

impl VacancyPeriod {
    /// Whether `day` is inside the period.
    pub fn contains(&self, day: NaiveDate) -> bool {
        self.from <= day && day <= self.to
    }
}

/// Why a requested period was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PeriodError {
    /// The end is before the start.
    #[error("结束日期不能早于开始日期")]
    Reversed,
    /// Shorter than three months.
    #[error("空置时间至少三个月：从 {from} 起，结束日期最早为 {earliest}")]
    TooShort {
        /// The start as printed.
        from: String,
        /// The earliest acceptable last day, as printed.
        earliest: String,
    },
}

/// The earliest last day of a period of at least [`MIN_MONTHS`] starting on `from`.
///
/// A period of three months starting on `from` runs until the day before the same day three
/// months later; where that day does not exist the calendar's last day stands in. So
/// 2026-02-01 → 2026-04-30 is three months, and so is 2026-01-31 → 2026-04-30: "three months
/// from 1月31日" is 4月30日 (there is no 4月31日), and month-end to month-end counts as whole
/// months — the owner's reading of the calendar, and the one that errs in the owner's favour.
pub fn earliest_end(from: NaiveDate) -> Option<NaiveDate> {
    let from_is_month_end = from.succ_opt().is_some_and(|d| d.day() == 1);
    if from_is_month_end {
        // Month-end to month-end: the last day of the third month after (2月28日 → 5月31日).
        let mut m = Month::of(from);
        for _ in 0..MIN_MONTHS {
            m = m.next();
        }
        Some(m.last_day())
    } else {
        add_months(from, MIN_MONTHS)?.pred_opt()
    }
}

/// Checks a requested period: the end not before the start, and at least three months.
///
/// # Errors
/// [`PeriodError::Reversed`] or [`PeriodError::TooShort`] naming the earliest acceptable end.
pub fn check_period(from: NaiveDate, to: NaiveDate) -> Result<(), PeriodError> {
    if to < from {
        return Err(PeriodError::Reversed);
    }
    let earliest = earliest_end(from).ok_or(PeriodError::Reversed)?;
    if to < earliest {
        return Err(PeriodError::TooShort {
            from: paper_date(from),
            earliest: paper_date(earliest),
        });
    }
    Ok(())
}

/// The state of an application with `status`, period `from`..=`to` and early end `ended_on`,
/// on `today`.
pub fn state_on(
    status: ApplicationStatus,
    to: NaiveDate,
    from: NaiveDate,
    today: NaiveDate,
) -> ApplicationState {
    match status {
        ApplicationStatus::Pending => ApplicationState::Pending,
        ApplicationStatus::Rejected => ApplicationState::Rejected,
        ApplicationStatus::Ended => ApplicationState::Ended,
        ApplicationStatus::Approved if today < from => ApplicationState::Upcoming,
        ApplicationStatus::Approved if today > to => ApplicationState::Expired,
        ApplicationStatus::Approved => ApplicationState::InForce,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("date")
    }

    #[test]
    fn month_end_to_month_end_is_three_months() {
        // The edge the issue names: 2026-01-31 → 2026-04-30 is accepted.
        assert_eq!(check_period(d(2026, 1, 31), d(2026, 4, 30)), Ok(()));
        // One day shorter is refused, and the message names the earliest end.
        let err = check_period(d(2026, 1, 31), d(2026, 4, 29)).unwrap_err();
        assert_eq!(
            err.to_string(),
            "空置时间至少三个月：从 2026年1月31日 起，结束日期最早为 2026年4月30日"
        );
    }

    #[test]
    fn three_whole_months_from_the_first_and_mid_month() {
        assert_eq!(check_period(d(2026, 2, 1), d(2026, 4, 30)), Ok(()));
        assert!(check_period(d(2026, 2, 1), d(2026, 4, 29)).is_err());
        assert_eq!(check_period(d(2026, 1, 15), d(2026, 4, 14)), Ok(()));
        assert!(check_period(d(2026, 1, 15), d(2026, 4, 13)).is_err());
        // November's last day to February's last day, in a common and a leap year.
        assert_eq!(check_period(d(2026, 11, 30), d(2027, 2, 28)), Ok(()));
        assert!(check_period(d(2026, 11, 30), d(2027, 2, 27)).is_err());
        assert_eq!(check_period(d(2027, 11, 30), d(2028, 2, 29)), Ok(()));
        assert!(check_period(d(2027, 11, 30), d(2028, 2, 28)).is_err());
        // A 30th that is not a month end: 1月30日 + 3 months - 1 day.
        assert_eq!(earliest_end(d(2026, 1, 30)), Some(d(2026, 4, 29)));
        assert_eq!(earliest_end(d(2026, 2, 28)), Some(d(2026, 5, 31)));
        assert_eq!(
            check_period(d(2026, 6, 1), d(2026, 5, 1)),
            Err(PeriodError::Reversed)
        );
        assert!(check_period(d(2026, 6, 1), d(2026, 6, 1)).is_err());
    }

    #[test]
    fn states_follow_the_calendar() {
        let (from, to) = (d(2026, 5, 1), d(2026, 10, 31));
        let s = |status, today| state_on(status, to, from, today);
        assert_eq!(
            s(ApplicationStatus::Approved, d(2026, 4, 30)),
            ApplicationState::Upcoming
        );
        assert_eq!(
            s(ApplicationStatus::Approved, d(2026, 5, 1)),
            ApplicationState::InForce
        );
        assert_eq!(
            s(ApplicationStatus::Approved, d(2026, 10, 31)),
            ApplicationState::InForce
        );
        assert_eq!(
            s(ApplicationStatus::Approved, d(2026, 11, 1)),
            ApplicationState::Expired
        );
        assert_eq!(
            s(ApplicationStatus::Pending, d(2026, 11, 1)),
            ApplicationState::Pending
        );
        for st in ApplicationStatus::ALL {
            assert_eq!(ApplicationStatus::from_code(st.code()), Some(st));
        }
    }
}
