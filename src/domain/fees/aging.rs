//! Arrears aging (账龄): how long a line has been owed, in the procedure's four buckets.

use serde::{Deserialize, Serialize};

use crate::domain::coded::coded;
use crate::domain::{Fen, Month};

coded! {
    /// The aging buckets of DOMAIN.md §5, by months owed.
    Aging {
        /// 1–3 months (the current month counts as the first).
        UpToThree = ("1_3", "1–3个月"),
        /// 4–6 months.
        UpToSix = ("4_6", "4–6个月"),
        /// 7–12 months.
        UpToTwelve = ("7_12", "7–12个月"),
        /// More than 12 months.
        Older = ("12_plus", "12个月以上"),
    }
}

impl Aging {
    /// The bucket of a line for `month` still owed in `now`: a line of this month or last is
    /// 1–3 months old, one of 12 months ago is in its 13th month, `Older`.
    pub fn of(month: Month, now: Month) -> Aging {
        match now.months_since(month) + 1 {
            ..=3 => Aging::UpToThree,
            4..=6 => Aging::UpToSix,
            7..=12 => Aging::UpToTwelve,
            _ => Aging::Older,
        }
    }

    /// Its place in [`Aging::ALL`] (an index into per-bucket totals).
    pub fn index(self) -> usize {
        Aging::ALL.iter().position(|a| *a == self).unwrap_or(0)
    }
}

/// What is owed, split by aging bucket (in [`Aging::ALL`] order).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgedTotal {
    /// Per bucket.
    pub buckets: [Fen; 4],
}

impl AgedTotal {
    /// Adds `amount` owed for `month`, as of `now`.
    pub fn add(&mut self, month: Month, now: Month, amount: Fen) {
        let b = &mut self.buckets[Aging::of(month, now).index()];
        *b = Fen(b.0.saturating_add(amount.0));
    }

    /// The whole amount owed.
    pub fn total(&self) -> Fen {
        Fen(self
            .buckets
            .iter()
            .map(|f| f.0)
            .fold(0i64, i64::saturating_add))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(y: i32, n: u32) -> Month {
        Month::new(y, n).unwrap()
    }

    #[test]
    fn buckets_count_the_current_month_as_the_first() {
        let now = m(2026, 11);
        assert_eq!(Aging::of(m(2026, 11), now), Aging::UpToThree);
        assert_eq!(Aging::of(m(2026, 9), now), Aging::UpToThree);
        assert_eq!(Aging::of(m(2026, 8), now), Aging::UpToSix);
        assert_eq!(Aging::of(m(2026, 6), now), Aging::UpToSix);
        assert_eq!(Aging::of(m(2026, 5), now), Aging::UpToTwelve);
        assert_eq!(Aging::of(m(2025, 12), now), Aging::UpToTwelve);
        assert_eq!(Aging::of(m(2025, 11), now), Aging::Older);
        let mut t = AgedTotal::default();
        t.add(m(2026, 11), now, Fen(100));
        t.add(m(2020, 1), now, Fen(50));
        assert_eq!(t.buckets, [Fen(100), Fen(0), Fen(0), Fen(50)]);
        assert_eq!(t.total(), Fen(150));
    }
}
