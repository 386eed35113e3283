//! The monthly billing run's rules: which items a unit owes for a month and how much
//! (area × price, fixed, metered, apportioned), the vacancy discount and a mid-month start.
//!
//! # Amounts and rounding
//! A line's amount is one exact fraction of the price, rounded once with
//! [`round_half_up`](super::round_half_up) (half a fen and more rounds up), never a chain of
//! rounded steps:
//!
//! - per m²: price (fen per m² per month) × area (0.01 m²) / 100;
//! - per unit / per space: the price;
//! - metered: price (fen per 吨 or 度) × use (litres or 0.01 kWh) / [`Meter::steps_per_unit`];
//! - apportioned: price × the building's loss × the unit's area / the billed units' area /
//!   steps per unit. Each unit's line is rounded on its own, so the lines may add up to a fen
//!   or two more or less than loss × price; that remainder is not billed to anyone.
//!
//! Each is then multiplied, inside the same fraction, by the days billed out of the month's
//! days (a unit or space starting mid-month) and by the vacancy share (`numerator /
//! denominator` from the vacancy tab) for items that take the vacancy discount. The line keeps
//! its amount before the vacancy discount too (`full`), with the same start-day share.

use chrono::NaiveDate;

use super::{FeeItemId, Meter, Price, UnitKind, round_half_up};
use crate::domain::{Fen, Month};

/// The price of `item` for a unit of `kind` in `month`: the newest of the kind's own prices
/// with a month not after `month`; without one, the newest price for every kind. `None`: the
/// item has no price for that month (it is not billed).
pub fn price_for(prices: &[Price], item: FeeItemId, kind: UnitKind, month: Month) -> Option<Fen> {
    let newest = |own: bool| {
        prices
            .iter()
            .filter(|p| p.item == item && p.from <= month)
            .filter(|p| {
                if own {
                    p.unit_kind == Some(kind)
                } else {
                    p.unit_kind.is_none()
                }
            })
            .max_by_key(|p| p.from)
            .map(|p| p.fen)
    };
    newest(true).or_else(|| newest(false))
}

/// Days of `month` a thing starting on `start` is billed for; `None` when it starts after the
/// month. A start on or before the first of the month is the whole month.
pub fn days_billed(start: NaiveDate, month: Month) -> Option<u32> {
    if start > month.last_day() {
        return None;
    }
    if start <= month.first_day() {
        return Some(month.days());
    }
    let days = (month.last_day() - start).num_days() + 1;
    u32::try_from(days).ok()
}

/// How the start-day share reads on a line: `11月16日起 15/30天`.
pub fn partial_text(start: NaiveDate, days: u32, month: Month) -> String {
    use chrono::Datelike;
    format!(
        "{}月{}日起 {days}/{}天",
        start.month(),
        start.day(),
        month.days()
    )
}

/// The share of a month's fee a unit pays under the vacancy discount: `numerator /
/// denominator` of the full amount (1/1 when there is no vacancy).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Share {
    /// Numerator.
    pub numerator: i64,
    /// Denominator (never 0).
    pub denominator: i64,
}

impl Share {
    /// The whole amount.
    pub const FULL: Share = Share {
        numerator: 1,
        denominator: 1,
    };

    /// Whether it is the whole amount.
    pub fn is_full(self) -> bool {
        self.numerator == self.denominator
    }
}

/// What a line owes: `price × quantity / per`, times `days / month_days`, times the vacancy
/// share, as one fraction rounded once. Returns `(full, amount)`: before and after the
/// vacancy share. `None` if `per` or `month_days` is 0 or the sums overflow.
pub fn line_amount(
    price: Fen,
    quantity: i64,
    per: i64,
    days: u32,
    month_days: u32,
    vacancy: Share,
) -> Option<(Fen, Fen)> {
    let full = fraction(
        price,
        &[quantity, i64::from(days)],
        &[per, i64::from(month_days)],
    )?;
    let amount = fraction(
        price,
        &[quantity, i64::from(days), vacancy.numerator],
        &[per, i64::from(month_days), vacancy.denominator],
    )?;
    Some((full, amount))
}

/// `price × Π nums / Π dens`, rounded half up once; the fraction is reduced first so that a
/// large quantity times the day and vacancy shares still fits.
fn fraction(price: Fen, nums: &[i64], dens: &[i64]) -> Option<Fen> {
    let mut num: i128 = 1;
    let mut den: i128 = 1;
    for &n in nums {
        num = num.checked_mul(i128::from(n))?;
    }
    for &d in dens {
        den = den.checked_mul(i128::from(d))?;
    }
    if den == 0 {
        return None;
    }
    let g = gcd(num.unsigned_abs(), den.unsigned_abs()).max(1);
    let g = i128::try_from(g).ok()?;
    let (num, den) = (num / g, den / g);
    round_half_up(price.0, i64::try_from(num).ok()?, i64::try_from(den).ok()?)
}

fn gcd(a: u128, b: u128) -> u128 {
    if b == 0 { a } else { gcd(b, a % b) }
}

/// A meter quantity as people say it: litres as 吨 (`12.5吨`), 0.01 kWh as 度 (`123.45度`),
/// without trailing zeros.
pub fn quantity_text(steps: i64, meter: Meter) -> String {
    let per = meter.steps_per_unit();
    let sign = if steps < 0 { "-" } else { "" };
    let abs = steps.unsigned_abs();
    let per_u = per.unsigned_abs();
    let whole = abs / per_u;
    let frac = abs % per_u;
    let width = match meter {
        Meter::Water => 3,
        Meter::Power => 2,
    };
    let mut text = format!("{sign}{whole}");
    if frac > 0 {
        let digits = format!("{frac:0width$}");
        text.push('.');
        text.push_str(digits.trim_end_matches('0'));
    }
    text.push_str(meter.unit());
    text
}

/// The basis text of a per-m² line: `125.40㎡ × ¥1.50`.
pub fn area_basis(area_hundredths: i64, price: Fen) -> String {
    format!("{}㎡ × {price}", crate::domain::Area(area_hundredths))
}

/// The basis text of a metered line: `用水 12.5吨 × ¥3.85`.
pub fn metered_basis(meter: Meter, used: i64, price: Fen) -> String {
    format!(
        "用{} {} × {price}",
        meter.label(),
        quantity_text(used, meter)
    )
}

/// The basis text of a shared-utilities line: `公共用水 分摊 1.2吨 × ¥3.85` (the unit's share
/// of the loss, to the meter's step).
pub fn apportioned_basis(meter: Meter, share_steps: i64, price: Fen) -> String {
    format!(
        "公共用{} 分摊 {} × {price}",
        meter.label(),
        quantity_text(share_steps, meter)
    )
}

/// The vacancy part of a basis text: `空置15天按50%`.
pub fn vacancy_text(reduced_days: u32) -> String {
    format!("空置{reduced_days}天按50%")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ym(y: i32, m: u32) -> Month {
        Month::new(y, m).unwrap()
    }
    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }
    fn price(kind: Option<UnitKind>, from: Month, fen: i64) -> Price {
        Price {
            item: FeeItemId(1),
            unit_kind: kind,
            from,
            fen: Fen(fen),
        }
    }

    #[test]
    fn the_newest_price_not_after_the_month_and_the_kinds_own_wins() {
        let prices = [
            price(None, ym(2025, 1), 150),
            price(None, ym(2026, 7), 180),
            price(Some(UnitKind::Shop), ym(2025, 1), 300),
        ];
        let item = FeeItemId(1);
        assert_eq!(
            price_for(&prices, item, UnitKind::Residence, ym(2024, 12)),
            None
        );
        let res = |m| price_for(&prices, item, UnitKind::Residence, m);
        assert_eq!(res(ym(2026, 6)), Some(Fen(150)));
        assert_eq!(res(ym(2026, 7)), Some(Fen(180)));
        // A shop's own price wins even over a newer price for every kind.
        assert_eq!(
            price_for(&prices, item, UnitKind::Shop, ym(2026, 11)),
            Some(Fen(300))
        );
        assert_eq!(
            price_for(&prices, FeeItemId(2), UnitKind::Shop, ym(2026, 11)),
            None
        );
    }

    #[test]
    fn a_mid_month_start_pays_its_days() {
        let nov = ym(2026, 11);
        assert_eq!(days_billed(d(2020, 1, 5), nov), Some(30));
        assert_eq!(days_billed(d(2026, 11, 1), nov), Some(30));
        assert_eq!(days_billed(d(2026, 11, 16), nov), Some(15));
        assert_eq!(days_billed(d(2026, 11, 30), nov), Some(1));
        assert_eq!(days_billed(d(2026, 12, 1), nov), None);
        assert_eq!(partial_text(d(2026, 11, 16), 15, nov), "11月16日起 15/30天");
        // 89.50 m² × ¥1.50 = ¥134.25 for the month; 15/30 of it = ¥67.125 → ¥67.13.
        let (full, amount) = line_amount(Fen(150), 8950, 100, 15, 30, Share::FULL).unwrap();
        assert_eq!((full, amount), (Fen(6713), Fen(6713)));
    }

    #[test]
    fn each_kind_rounds_once_half_up() {
        // 125.40 m² × ¥1.50 = ¥188.10 exactly.
        assert_eq!(
            line_amount(Fen(150), 12_540, 100, 30, 30, Share::FULL),
            Some((Fen(18_810), Fen(18_810)))
        );
        // 88.33 m² × ¥1.35 = ¥119.2455 → ¥119.25.
        assert_eq!(
            line_amount(Fen(135), 8_833, 100, 30, 30, Share::FULL)
                .unwrap()
                .1,
            Fen(11_925)
        );
        // Water: 12,500 litres × ¥3.85 per 吨 = ¥48.125 → ¥48.13.
        assert_eq!(
            line_amount(Fen(385), 12_500, 1000, 31, 31, Share::FULL)
                .unwrap()
                .1,
            Fen(4_813)
        );
        // Power: 123.45 度 × ¥0.56 = ¥69.132 → ¥69.13.
        assert_eq!(
            line_amount(Fen(56), 12_345, 100, 30, 30, Share::FULL)
                .unwrap()
                .1,
            Fen(6_913)
        );
        // Vacancy 15 of 30 days at 50%: share 3/4 of ¥188.10 = ¥141.075 → ¥141.08.
        let v = Share {
            numerator: 3,
            denominator: 4,
        };
        assert_eq!(
            line_amount(Fen(150), 12_540, 100, 30, 30, v),
            Some((Fen(18_810), Fen(14_108)))
        );
        assert_eq!(line_amount(Fen(150), 1, 0, 30, 30, Share::FULL), None);
        // Huge quantities are reduced before they overflow, or refused.
        assert!(line_amount(Fen(i64::MAX), i64::MAX, 1, 31, 31, Share::FULL).is_none());
    }

    #[test]
    fn basis_texts_read_as_the_desk_says_them() {
        assert_eq!(area_basis(12_540, Fen(150)), "125.40㎡ × ¥1.50");
        assert_eq!(
            metered_basis(Meter::Water, 12_500, Fen(385)),
            "用水 12.5吨 × ¥3.85"
        );
        assert_eq!(
            metered_basis(Meter::Power, 12_345, Fen(56)),
            "用电 123.45度 × ¥0.56"
        );
        assert_eq!(
            apportioned_basis(Meter::Water, 1_200, Fen(385)),
            "公共用水 分摊 1.2吨 × ¥3.85"
        );
        assert_eq!(quantity_text(3_000, Meter::Water), "3吨");
        assert_eq!(quantity_text(5, Meter::Water), "0.005吨");
        assert_eq!(quantity_text(-1_200, Meter::Water), "-1.2吨");
        assert_eq!(vacancy_text(15), "空置15天按50%");
    }
}
