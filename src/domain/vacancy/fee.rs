//! The fee effect of vacancy, for the fees tab: which share of the property-management fee and
//! of the shared water and electricity (公摊) a unit pays for a month.
//!
//! Inside an approved period the unit pays 50%, outside it 100%, counted by days for a month
//! the period starts or ends in. The share is an exact fraction of days: no floating point.

use super::application::VacancyPeriod;
use crate::domain::Fen;
use crate::domain::month::Month;

/// The share of a month's fee a unit pays: `numerator / denominator`, in lowest terms.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FeeShare {
    /// Days of the month at the vacancy rate (50%).
    pub reduced_days: u32,
    /// Days in the month.
    pub days: u32,
    /// Numerator of the share.
    pub numerator: u32,
    /// Denominator of the share (never 0).
    pub denominator: u32,
}

fn gcd(a: u32, b: u32) -> u32 {
    if b == 0 { a.max(1) } else { gcd(b, a % b) }
}

impl FeeShare {
    /// The share when `reduced_days` of `days` are at 50%: (2·full + reduced) / (2·days).
    fn from_days(reduced_days: u32, days: u32) -> FeeShare {
        let days = days.max(1);
        let reduced_days = reduced_days.min(days);
        let num = 2 * days - reduced_days;
        let den = 2 * days;
        let g = gcd(num, den);
        FeeShare {
            reduced_days,
            days,
            numerator: num / g,
            denominator: den / g,
        }
    }

    /// The full fee.
    pub fn full(days: u32) -> FeeShare {
        FeeShare::from_days(0, days)
    }

    /// Whether the whole fee applies.
    pub fn is_full(&self) -> bool {
        self.numerator == self.denominator
    }

    /// `amount` × the share, rounded to the nearest fen (halves up).
    pub fn apply(&self, amount: Fen) -> Fen {
        let (n, d) = (i128::from(self.numerator), i128::from(self.denominator));
        let a = i128::from(amount.0);
        let scaled = (2 * a * n + d * a.signum()) / (2 * d);
        Fen(i64::try_from(scaled).unwrap_or(amount.0))
    }

    /// How the desk reads it: `100%`, `50%`, or `按天：10天50%，21天100%`.
    pub fn describe(&self) -> String {
        match self.reduced_days {
            0 => "100%".to_string(),
            r if r == self.days => "50%".to_string(),
            r => format!("按天：{r}天50%，{}天100%", self.days - r),
        }
    }
}

/// The share of `month`'s property fee and shared utilities a unit pays, given its approved
/// vacancy `periods` (already cut short where an application was ended early).
///
/// `occupied` is the occupancy rule's verdict for the month (more than the thresholds of water
/// or electricity used): such a month counts as lived in and is charged in full.
pub fn fee_share(periods: &[VacancyPeriod], month: Month, occupied: bool) -> FeeShare {
    let days = month.days();
    if occupied {
        return FeeShare::full(days);
    }
    let reduced = month
        .first_day()
        .iter_days()
        .take(days as usize)
        .filter(|d| periods.iter().any(|p| p.contains(*d)))
        .count();
    FeeShare::from_days(u32::try_from(reduced).unwrap_or(days), days)
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("date")
    }
    fn ym(y: i32, m: u32) -> Month {
        Month::new(y, m).expect("month")
    }
    fn period(a: NaiveDate, b: NaiveDate) -> VacancyPeriod {
        VacancyPeriod { from: a, to: b }
    }

    #[test]
    fn inside_outside_and_part_months() {
        let p = [period(d(2026, 5, 11), d(2026, 11, 10))];
        // Wholly inside: 50%.
        let june = fee_share(&p, ym(2026, 6), false);
        assert_eq!((june.numerator, june.denominator), (1, 2));
        assert_eq!(june.describe(), "50%");
        // Outside: 100%.
        let dec = fee_share(&p, ym(2026, 12), false);
        assert!(dec.is_full());
        assert_eq!(dec.describe(), "100%");
        // May: the 11th..31st (21 days) at 50%, 10 days at 100% → (20 + 21) / 62.
        let may = fee_share(&p, ym(2026, 5), false);
        assert_eq!(may.reduced_days, 21);
        assert_eq!((may.numerator, may.denominator), (41, 62));
        assert_eq!(may.describe(), "按天：21天50%，10天100%");
        // November: the 1st..10th at 50% → (40 + 10) / 60 = 5/6.
        let nov = fee_share(&p, ym(2026, 11), false);
        assert_eq!((nov.numerator, nov.denominator), (5, 6));
        assert_eq!(nov.apply(Fen(60_000)), Fen(50_000));
    }

    #[test]
    fn february_counts_its_own_days() {
        // A period ending on 14 February: 14 of 28 days reduced in 2026, 14 of 29 in 2028.
        let p = [period(d(2025, 11, 15), d(2026, 2, 14))];
        let feb = fee_share(&p, ym(2026, 2), false);
        assert_eq!((feb.reduced_days, feb.days), (14, 28));
        assert_eq!((feb.numerator, feb.denominator), (3, 4));
        let p = [period(d(2027, 11, 15), d(2028, 2, 14))];
        let feb = fee_share(&p, ym(2028, 2), false);
        assert_eq!((feb.reduced_days, feb.days), (14, 29));
        assert_eq!((feb.numerator, feb.denominator), (22, 29));
    }

    #[test]
    fn an_occupied_month_pays_in_full_and_rounding_is_to_the_fen() {
        let p = [period(d(2026, 1, 1), d(2026, 12, 31))];
        assert!(fee_share(&p, ym(2026, 3), true).is_full());
        // 41/62 of ¥100.01: 10001 × 41 / 62 = 6613.56… → 6614 fen.
        let s = FeeShare::from_days(21, 31);
        assert_eq!(s.apply(Fen(10_001)), Fen(6_614));
        assert_eq!(FeeShare::full(30).apply(Fen(12_345)), Fen(12_345));
        // Two overlapping periods never count a day twice.
        let twice = [
            period(d(2026, 3, 1), d(2026, 3, 20)),
            period(d(2026, 3, 10), d(2026, 3, 31)),
        ];
        assert_eq!(fee_share(&twice, ym(2026, 3), false).describe(), "50%");
    }
}
