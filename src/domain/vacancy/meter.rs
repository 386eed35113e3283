//! Meter readings of vacant units and the occupancy rule (视为入住).
//!
//! Readings are integers in the meter's smallest printed step: water in litres (0.001 t),
//! electricity in 0.01 kWh, gas in litres (0.001 m³). A month's use is this reading less the
//! last one; a reading lower than the last (the meter went round, or was replaced) and a missing
//! reading are states of their own, never a guessed number.

use serde::{Deserialize, Serialize};

use crate::domain::normalize_digits;

/// Which meter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Meter {
    /// 水表, tonnes to 0.001.
    Water,
    /// 电表, kWh (度) to 0.01.
    Power,
    /// 气表, m³ to 0.001.
    Gas,
}

impl Meter {
    /// All three, in the order of the sheet.
    pub const ALL: [Meter; 3] = [Meter::Water, Meter::Power, Meter::Gas];

    /// `水表`.
    pub fn label(self) -> &'static str {
        match self {
            Meter::Water => "水表",
            Meter::Power => "电表",
            Meter::Gas => "气表",
        }
    }

    /// The unit the readings are written in.
    pub fn unit(self) -> &'static str {
        match self {
            Meter::Water => "t",
            Meter::Power => "kWh",
            Meter::Gas => "m³",
        }
    }

    /// Decimal places of the stored integer.
    pub fn decimals(self) -> u32 {
        match self {
            Meter::Water | Meter::Gas => 3,
            Meter::Power => 2,
        }
    }

    fn scale(self) -> i64 {
        10_i64.pow(self.decimals())
    }

    /// `1200` litres → `1.200`.
    pub fn format(self, value: i64) -> String {
        let s = self.scale();
        let sign = if value < 0 { "-" } else { "" };
        let v = value.unsigned_abs();
        format!(
            "{sign}{}.{:0w$}",
            v / s.unsigned_abs(),
            v % s.unsigned_abs(),
            w = self.decimals() as usize
        )
    }

    /// `1200` litres → `1.200 t`.
    pub fn with_unit(self, value: i64) -> String {
        format!("{} {}", self.format(value), self.unit())
    }

    /// Reads what was typed (`1.2`, `１２３４．５`, `1234`) into the stored integer.
    ///
    /// # Errors
    /// [`ReadingError`] naming the meter and what to fix.
    pub fn parse(self, text: &str) -> Result<i64, ReadingError> {
        let t = normalize_digits(text);
        let t = t
            .strip_suffix(self.unit())
            .or_else(|| t.strip_suffix('度'))
            .or_else(|| t.strip_suffix('吨'))
            .unwrap_or(&t)
            .trim();
        let (int, frac) = t.split_once('.').unwrap_or((t, ""));
        let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        if int.is_empty() || !digits(int) || !digits(frac) || (t.contains('.') && frac.is_empty()) {
            return Err(ReadingError::Format(self));
        }
        if frac.len() > self.decimals() as usize {
            return Err(ReadingError::TooPrecise(self));
        }
        let int: i64 = int.parse().map_err(|_| ReadingError::TooLarge(self))?;
        let mut f: i64 = if frac.is_empty() {
            0
        } else {
            frac.parse().map_err(|_| ReadingError::Format(self))?
        };
        for _ in frac.len()..self.decimals() as usize {
            f *= 10;
        }
        int.checked_mul(self.scale())
            .and_then(|v| v.checked_add(f))
            .filter(|v| *v < 1_000_000_000_000)
            .ok_or(ReadingError::TooLarge(self))
    }
}

/// Why a typed reading was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReadingError {
    /// Not a number.
    #[error("{}读数请填数字，例如 1234.5", .0.label())]
    Format(Meter),
    /// More decimals than the meter shows.
    #[error("{}读数最多{}位小数", .0.label(), .0.decimals())]
    TooPrecise(Meter),
    /// Implausibly large.
    #[error("{}读数太大，请核对", .0.label())]
    TooLarge(Meter),
}

/// Why a reading is lower than the last one, as the inspector said at entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum MeterChange {
    /// 回零: the meter went round past its largest reading `max` to zero.
    RolledOver {
        /// The meter's largest reading (e.g. 99999.999 t).
        max: i64,
    },
    /// 换表: a new meter was fitted, reading `start` when fitted.
    Replaced {
        /// The new meter's reading when fitted.
        start: i64,
    },
}

impl MeterChange {
    /// `表回零（最大读数 99999.999）` / `换表（新表起始 0.000）`, for histories and lists.
    pub fn describe(self, meter: Meter) -> String {
        match self {
            MeterChange::RolledOver { max } => {
                format!("表回零（最大读数 {}）", meter.format(max))
            }
            MeterChange::Replaced { start } => {
                format!("换表（新表起始 {}）", meter.format(start))
            }
        }
    }
}

/// A reading and when it was taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reading {
    /// The month of the inspection.
    pub month: super::Month,
    /// The day of the inspection.
    pub date: chrono::NaiveDate,
    /// The value, in the meter's smallest step.
    pub value: i64,
    /// What the inspector said of a reading lower than the last: went round, or replaced.
    pub change: Option<MeterChange>,
}

/// What is known of a meter's use over a stretch of months.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Usage {
    /// Used `amount` over `months` months (more than one when a month was missed).
    Known {
        /// Use, in the meter's smallest step.
        amount: i64,
        /// Months since the previous reading (at least 1).
        months: u32,
    },
    /// No reading this month.
    NoReading,
    /// A reading this month but none before to compare with (the first one is the baseline).
    NoBaseline,
    /// Lower than the last reading and nobody said why (went round, or was replaced).
    LowerThanLast {
        /// The previous reading.
        last: i64,
        /// This month's.
        now: i64,
    },
}

/// The use between `previous` and `current`; see [`Usage`].
///
/// A meter that went round is counted only when the inspector gave its maximum reading on
/// `current`: (max − last) + 1 step to roll to zero, plus the new reading. A replaced meter
/// counts from the new meter's start (what the old one ran between its last reading and the
/// change is not known, and is not guessed).
pub fn usage(previous: Option<Reading>, current: Option<Reading>) -> Usage {
    let Some(cur) = current else {
        return Usage::NoReading;
    };
    let Some(prev) = previous else {
        return Usage::NoBaseline;
    };
    let months = u32::try_from(cur.month.months_since(prev.month).max(1)).unwrap_or(1);
    match cur.change {
        Some(MeterChange::Replaced { start }) if cur.value >= start => Usage::Known {
            amount: cur.value - start,
            months,
        },
        _ if cur.value >= prev.value => Usage::Known {
            amount: cur.value - prev.value,
            months,
        },
        Some(MeterChange::RolledOver { max }) if max >= prev.value => Usage::Known {
            amount: max - prev.value + 1 + cur.value,
            months,
        },
        _ => Usage::LowerThanLast {
            last: prev.value,
            now: cur.value,
        },
    }
}

/// The occupancy thresholds, editable in the tab; the procedure's values by default.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct VacancyRules {
    /// More water than this in a month counts as occupied (litres; 1 t).
    pub water_litres: i64,
    /// More electricity than this in a month counts as occupied (0.01 kWh; 5 度).
    pub power_centi_kwh: i64,
}

impl Default for VacancyRules {
    fn default() -> Self {
        VacancyRules {
            water_litres: 1_000,
            power_centi_kwh: 500,
        }
    }
}

impl VacancyRules {
    /// The settings keys these are stored under.
    pub const WATER_KEY: &'static str = "vacancy.water_litres";
    /// See [`VacancyRules::WATER_KEY`].
    pub const POWER_KEY: &'static str = "vacancy.power_centi_kwh";

    /// The threshold of `meter`, if the rule has one (gas has none).
    pub fn threshold(&self, meter: Meter) -> Option<i64> {
        match meter {
            Meter::Water => Some(self.water_litres),
            Meter::Power => Some(self.power_centi_kwh),
            Meter::Gas => None,
        }
    }
}

/// The occupancy rule's verdict on a month.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// Within the thresholds.
    Vacant,
    /// Over a threshold: counts as occupied (视为入住); why, e.g. `用水 1.200 t`.
    Occupied(Vec<String>),
    /// Cannot be decided; why (missing reading, meter went round …).
    Unknown(Vec<String>),
}

impl Verdict {
    /// Short label for lists.
    pub fn label(&self) -> &'static str {
        match self {
            Verdict::Vacant => "未超标",
            Verdict::Occupied(_) => "视为入住",
            Verdict::Unknown(_) => "无法判断",
        }
    }

    /// The reasons, joined for a line of text.
    pub fn reasons(&self) -> String {
        match self {
            Verdict::Vacant => String::new(),
            Verdict::Occupied(r) | Verdict::Unknown(r) => r.join("；"),
        }
    }
}

/// Applies the rule: more than the threshold per month of water or electricity means occupied.
/// A use over several months (a month was missed) is held against the threshold times months.
pub fn verdict(water: Usage, power: Usage, rules: &VacancyRules) -> Verdict {
    let mut over = Vec::new();
    let mut unknown = Vec::new();
    for (meter, u) in [(Meter::Water, water), (Meter::Power, power)] {
        let limit = rules.threshold(meter).unwrap_or(i64::MAX);
        let name = if meter == Meter::Water {
            "用水"
        } else {
            "用电"
        };
        match u {
            Usage::Known { amount, months } => {
                if amount > limit.saturating_mul(i64::from(months)) {
                    let span = if months > 1 {
                        format!("（{months}个月）")
                    } else {
                        String::new()
                    };
                    over.push(format!("{name} {}{span}", meter.with_unit(amount)));
                }
            }
            Usage::NoReading => unknown.push(format!("本月没有{}读数", meter.label())),
            Usage::NoBaseline => unknown.push(format!("{}没有上次读数可比", meter.label())),
            Usage::LowerThanLast { last, now } => unknown.push(format!(
                "{}读数 {} 小于上次 {}，未说明是换表还是表回零",
                meter.label(),
                meter.format(now),
                meter.format(last)
            )),
        }
    }
    if !over.is_empty() {
        Verdict::Occupied(over)
    } else if !unknown.is_empty() {
        Verdict::Unknown(unknown)
    } else {
        Verdict::Vacant
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Month;

    fn r(m: u32, value: i64) -> Option<Reading> {
        let month = Month::new(2026, m).expect("month");
        Some(Reading {
            month,
            date: month.first_day(),
            value,
            change: None,
        })
    }

    #[test]
    fn parses_and_prints_readings_in_integer_steps() {
        assert_eq!(Meter::Water.parse("1.2"), Ok(1_200));
        assert_eq!(Meter::Water.parse("1.001"), Ok(1_001));
        assert_eq!(Meter::Water.parse("１２３４．５ t"), Ok(1_234_500));
        assert_eq!(Meter::Power.parse("5"), Ok(500));
        assert_eq!(Meter::Power.parse("5.01度"), Ok(501));
        assert_eq!(
            Meter::Power.parse("5.001"),
            Err(ReadingError::TooPrecise(Meter::Power))
        );
        assert_eq!(
            Meter::Gas.parse("-1"),
            Err(ReadingError::Format(Meter::Gas))
        );
        assert_eq!(
            Meter::Gas.parse("1."),
            Err(ReadingError::Format(Meter::Gas))
        );
        assert_eq!(
            Meter::Water.parse(""),
            Err(ReadingError::Format(Meter::Water))
        );
        assert!(matches!(
            Meter::Water.parse("99999999999999"),
            Err(ReadingError::TooLarge(_))
        ));
        assert_eq!(Meter::Water.format(1_200), "1.200");
        assert_eq!(Meter::Power.with_unit(50), "0.50 kWh");
    }

    #[test]
    fn one_tonne_is_within_the_rule_and_one_litre_more_is_not() {
        let rules = VacancyRules::default();
        let small_power = usage(r(10, 10_000), r(11, 10_100));
        let exactly = usage(r(10, 500_000), r(11, 501_000));
        assert_eq!(
            exactly,
            Usage::Known {
                amount: 1_000,
                months: 1
            }
        );
        assert_eq!(verdict(exactly, small_power, &rules), Verdict::Vacant);
        let over = usage(r(10, 500_000), r(11, 501_001));
        assert_eq!(
            verdict(over, small_power, &rules),
            Verdict::Occupied(vec!["用水 1.001 t".into()])
        );
        // Electricity: 5 kWh is within, 5.01 is over.
        let water = usage(r(10, 0), r(11, 0));
        assert_eq!(
            verdict(water, usage(r(10, 0), r(11, 500)), &rules),
            Verdict::Vacant
        );
        assert_eq!(
            verdict(water, usage(r(10, 0), r(11, 501)), &rules).label(),
            "视为入住"
        );
        // Editable thresholds.
        let strict = VacancyRules {
            water_litres: 500,
            power_centi_kwh: 500,
        };
        assert_eq!(verdict(exactly, small_power, &strict).label(), "视为入住");
    }

    #[test]
    fn a_missed_month_holds_two_months_against_twice_the_threshold() {
        let rules = VacancyRules::default();
        let two = usage(r(9, 0), r(11, 1_800));
        assert_eq!(
            two,
            Usage::Known {
                amount: 1_800,
                months: 2
            }
        );
        assert_eq!(
            verdict(two, usage(r(9, 0), r(11, 0)), &rules),
            Verdict::Vacant
        );
        let three = usage(r(9, 0), r(11, 2_100));
        assert_eq!(
            verdict(three, usage(r(9, 0), r(11, 0)), &rules).reasons(),
            "用水 2.100 t（2个月）"
        );
    }

    #[test]
    fn roll_over_and_missing_readings_are_states_not_guesses() {
        let rules = VacancyRules::default();
        let lower = usage(r(10, 99_999_500), r(11, 300));
        assert_eq!(
            lower,
            Usage::LowerThanLast {
                last: 99_999_500,
                now: 300
            }
        );
        let v = verdict(lower, usage(r(10, 0), r(11, 0)), &rules);
        assert_eq!(v.label(), "无法判断");
        assert!(v.reasons().contains("小于上次"), "{v:?}");
        // With the meter's maximum (99999.999 t) the use is known: 499 + 1 + 300 litres.
        let rolled = |change| {
            let month = Month::new(2026, 11).expect("m");
            Some(Reading {
                month,
                date: month.first_day(),
                value: 300,
                change: Some(change),
            })
        };
        assert_eq!(
            usage(
                r(10, 99_999_500),
                rolled(MeterChange::RolledOver { max: 99_999_999 })
            ),
            Usage::Known {
                amount: 800,
                months: 1
            }
        );
        // A new meter fitted at 0.100 t: the use is counted from there.
        assert_eq!(
            usage(
                r(10, 99_999_500),
                rolled(MeterChange::Replaced { start: 100 })
            ),
            Usage::Known {
                amount: 200,
                months: 1
            }
        );
        assert_eq!(usage(r(10, 5), None), Usage::NoReading);
        assert_eq!(usage(None, r(11, 5)), Usage::NoBaseline);
        let v = verdict(Usage::NoReading, Usage::NoBaseline, &rules);
        assert_eq!(v.reasons(), "本月没有水表读数；电表没有上次读数可比");
        // Over on one meter decides even when the other is unknown.
        let over = usage(r(10, 0), r(11, 1_200));
        assert_eq!(verdict(over, Usage::NoReading, &rules).label(), "视为入住");
    }
}
