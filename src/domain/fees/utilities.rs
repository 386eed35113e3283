//! Shared utilities (公共水电分摊): a building's master-meter use minus its units' use, shared
//! by 建筑面积, and the loss rate that points at a leak or a lamp left on ("反推管理漏洞").
//!
//! Shares are worked out per line: each billed unit's share of the loss is
//! `loss × its area / the billed units' total area`, and its amount that share × the price,
//! rounded half up on its own line ([`super::billing::line_amount`]); whatever the rounding
//! leaves over (a fen or two across a building) is not billed to anyone.

/// A meter's use in a month: this month's reading minus the month before's; `None` without
/// both (or when the reading went down, which the readings screen refuses).
pub fn use_of(reading: Option<i64>, previous: Option<i64>) -> Option<i64> {
    match (reading, previous) {
        (Some(r), Some(p)) if r >= p => Some(r - p),
        _ => None,
    }
}

/// A building's loss for a month: the master meter's use minus the units' use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Loss {
    /// master − Σ units; negative when the units used more than the master counted (a misread
    /// meter).
    pub loss: i64,
    /// loss / master in ‰, rounded half up; `None` when the master used nothing.
    pub rate_permille: Option<i64>,
}

/// The loss from the master's use and the sum of its units' use.
pub fn loss_of(master: i64, units: i64) -> Loss {
    let loss = master - units;
    let rate_permille = (master > 0).then(|| {
        // Half up away from zero, in exact integers.
        let (n, d) = (i128::from(loss) * 1000, i128::from(master));
        let r = if n >= 0 {
            (2 * n + d) / (2 * d)
        } else {
            -((-2 * n + d) / (2 * d))
        };
        i64::try_from(r).unwrap_or(if r > 0 { i64::MAX } else { i64::MIN })
    });
    Loss {
        loss,
        rate_permille,
    }
}

/// Whether a rate in ‰ passes the limit set in 设置 (in percent): strictly above it.
pub fn over_limit(rate_permille: Option<i64>, limit_percent: u32) -> bool {
    rate_permille.is_some_and(|r| r > i64::from(limit_percent) * 10)
}

/// A rate in ‰ as the desk shows it: `12.5%`.
pub fn rate_text(rate_permille: i64) -> String {
    let sign = if rate_permille < 0 { "-" } else { "" };
    let abs = rate_permille.unsigned_abs();
    format!("{sign}{}.{}%", abs / 10, abs % 10)
}

/// A unit's share of the loss in meter steps (litres, 0.01 kWh), rounded half up, for the
/// line's basis text; the amount itself is worked out from the exact fraction.
pub fn share_steps(loss: i64, area: i64, total_area: i64) -> i64 {
    if total_area <= 0 {
        return 0;
    }
    let (n, d) = (i128::from(loss) * i128::from(area), i128::from(total_area));
    i64::try_from((2 * n + d) / (2 * d)).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn use_needs_both_readings() {
        assert_eq!(use_of(Some(1_500), Some(1_000)), Some(500));
        assert_eq!(use_of(Some(1_500), None), None);
        assert_eq!(use_of(None, Some(1_000)), None);
        assert_eq!(use_of(Some(900), Some(1_000)), None);
    }

    #[test]
    fn loss_rate_in_permille_and_the_limit() {
        // Master 20 吨, units 18 吨: 2 吨 lost, 10.0%.
        let l = loss_of(20_000, 18_000);
        assert_eq!(l.loss, 2_000);
        assert_eq!(l.rate_permille, Some(100));
        assert!(!over_limit(l.rate_permille, 10), "10.0% is not over 10%");
        let l = loss_of(20_000, 17_990);
        assert_eq!(l.rate_permille, Some(101)); // 10.05% → 10.1%
        assert!(over_limit(l.rate_permille, 10));
        assert_eq!(rate_text(101), "10.1%");
        let neg = loss_of(10_000, 10_500);
        assert_eq!((neg.loss, neg.rate_permille), (-500, Some(-50)));
        assert!(!over_limit(neg.rate_permille, 10));
        assert_eq!(loss_of(0, 0).rate_permille, None);
        assert_eq!(rate_text(-50), "-5.0%");
    }

    #[test]
    fn shares_follow_the_area() {
        // 2 吨 over 100 m² and 300 m²: 0.5 吨 and 1.5 吨.
        assert_eq!(share_steps(2_000, 10_000, 40_000), 500);
        assert_eq!(share_steps(2_000, 30_000, 40_000), 1_500);
        // 1 litre over three equal units: 0.333 → 0 each (the remainder is not billed).
        assert_eq!(share_steps(1, 100, 300), 0);
        assert_eq!(share_steps(5, 1, 0), 0);
    }
}
