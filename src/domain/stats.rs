//! The month's figures against the procedure (统计 and 月度汇总): counts, and rates such as
//! arrivals within 15 minutes or 收缴率, each kept as "met of counted" so a month with nothing
//! to count shows `—` instead of a made-up 0% or 100%.
//!
//! Pure types and integer rate math; the store fills them with SQL aggregates
//! (`Store::month_figures`, `Store::stats_trend`).

use serde::{Deserialize, Serialize};

use super::{Fen, Month};

/// A rate as "met of counted", e.g. arrivals within 15 minutes of arrivals recorded.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rate {
    /// How many met the rule.
    pub met: u32,
    /// How many were counted.
    pub of: u32,
}

impl Rate {
    /// `met` of `of`.
    pub fn new(met: u32, of: u32) -> Rate {
        Rate { met, of }
    }

    /// Tenths of a percent (0..=1000), rounded half up; `None` when nothing was counted.
    pub fn permille(self) -> Option<u32> {
        permille(i64::from(self.met), i64::from(self.of))
    }

    /// `93.3%`, or `—` when nothing was counted.
    pub fn percent_text(self) -> String {
        percent_text(self.permille())
    }

    /// `28/30 (93.3%)`: what the tables print.
    pub fn text(self) -> String {
        format!("{}/{}（{}）", self.met, self.of, self.percent_text())
    }
}

/// Tenths of a percent of `part` over `whole`, rounded half up, in integers; `None` when
/// `whole` is not positive. A part above the whole (overpaid bills) is shown as it is.
pub fn permille(part: i64, whole: i64) -> Option<u32> {
    if whole <= 0 {
        return None;
    }
    let part = part.max(0);
    let value = (i128::from(part) * 2000 + i128::from(whole)) / (2 * i128::from(whole));
    u32::try_from(value).ok()
}

/// `93.3%` for 933‰, `—` for none.
pub fn percent_text(permille: Option<u32>) -> String {
    match permille {
        Some(p) => format!("{}.{}%", p / 10, p % 10),
        None => "—".to_string(),
    }
}

/// Owners' ratings of finished repairs.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ratings {
    /// 满意.
    pub satisfied: u32,
    /// 一般.
    pub fair: u32,
    /// 不满意.
    pub dissatisfied: u32,
}

impl Ratings {
    /// 满意率: satisfied of all rated.
    pub fn satisfaction(self) -> Rate {
        Rate::new(
            self.satisfied,
            self.satisfied + self.fair + self.dissatisfied,
        )
    }
}

/// The repairs received in a month (报修管理, DOMAIN.md §3).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RepairFigures {
    /// Orders received.
    pub received: u32,
    /// Of them, 入户维修 (a unit's).
    pub in_home: u32,
    /// Of them, 公共报修 (a public place's).
    pub public: u32,
    /// Of them, cancelled.
    pub cancelled: u32,
    /// Technician on site within 15 minutes of the clock (appointment or later dispatch), of
    /// the orders with a recorded arrival. Exactly at 15 minutes is on time.
    pub arrival: Rate,
    /// Back on site within 30 minutes of the team lead's review, of the orders reviewed (the
    /// latest review of each; one still in review counts as not met).
    pub review: Rate,
    /// Called back, of the orders completed.
    pub callback: Rate,
    /// The owners' (or the officer's, for public repairs) ratings.
    pub ratings: Ratings,
}

/// The matters received in a month (信息反馈, DOMAIN.md §4).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeedbackFigures {
    /// Matters received.
    pub received: u32,
    /// Of them, 投诉.
    pub complaints: u32,
    /// The customer answered within 24 h (48 h for 重大, from the latest reopen), of the
    /// matters answered or closed.
    pub answered: Rate,
    /// Not answered yet.
    pub open: u32,
}

/// A building's bills of the month and what of them was paid by the month's end (收缴率).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Collection {
    /// 楼栋; 0 for the whole estate.
    pub building: u32,
    /// 应收: the month's bill lines.
    pub billed: Fen,
    /// 实收: of those, paid by a receipt issued by the month's end and not voided.
    pub collected: Fen,
}

impl Collection {
    /// 收缴率 in tenths of a percent; `None` when nothing was billed.
    pub fn permille(&self) -> Option<u32> {
        permille(self.collected.0, self.billed.0)
    }
}

/// A building's places to inspect and those inspected (空置房 and basements, DOMAIN.md §8).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Coverage {
    /// 楼栋; 0 for the whole estate.
    pub building: u32,
    /// Inspected (monthly or after a storm) of the places to inspect.
    pub rate: Rate,
}

/// Item passes and keys (物品放行, 钥匙管理).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct GateKeyFigures {
    /// Passes planned for the month.
    pub passes: u32,
    /// Of them, released at the gate.
    pub released: u32,
    /// Of them, voided.
    pub voided: u32,
    /// Of them, an owner moving out.
    pub moving_out: u32,
    /// Keys issued to owners.
    pub key_issues: u32,
    /// Key loans: returned by their due time, of the loans lent out in the month.
    pub loans_returned: Rate,
    /// Of those loans, still out.
    pub loans_out: u32,
}

/// One day of the month.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DayCounts {
    /// Day of the month, 1..=31.
    pub day: u32,
    /// 入户维修 received.
    pub repairs_in_home: u32,
    /// 公共报修 received.
    pub repairs_public: u32,
    /// Matters received at 信息反馈.
    pub feedback: u32,
    /// Receipts issued and not voided.
    pub receipts: u32,
}

/// Everything 统计 and 月度汇总 show for one month.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MonthFigures {
    /// The month.
    pub month: Month,
    /// 报修.
    pub repairs: RepairFigures,
    /// Repairs by category (报修类别), most first; ties by name.
    pub repair_categories: Vec<(String, u32)>,
    /// 入户维修 received by building, in building order (buildings without any left out).
    pub repairs_by_building: Vec<(u32, u32)>,
    /// 信息反馈.
    pub feedback: FeedbackFigures,
    /// 收缴率 by building, then the estate (building 0) last.
    pub collection: Vec<Collection>,
    /// Inspection coverage by building, then the estate (building 0) last.
    pub coverage: Vec<Coverage>,
    /// 物品放行 and 钥匙管理.
    pub gate_keys: GateKeyFigures,
    /// Every day of the month, in order (days without records included).
    pub days: Vec<DayCounts>,
}

/// One month of the trend (the chosen month and the 12 before it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrendPoint {
    /// The month.
    pub month: Month,
    /// The repair figures of the month.
    pub repairs: TrendRepairs,
    /// Matters received and answered in time.
    pub feedback_received: u32,
    /// Answered in time.
    pub feedback_answered: Rate,
    /// The estate's 收缴率.
    pub collection: Collection,
    /// The estate's inspection coverage.
    pub coverage: Rate,
}

/// The repair part of a [`TrendPoint`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrendRepairs {
    /// Orders received.
    pub received: u32,
    /// Arrivals within 15 minutes.
    pub arrival: Rate,
    /// Returns within 30 minutes of review.
    pub review: Rate,
    /// Callbacks done.
    pub callback: Rate,
    /// 满意率.
    pub satisfaction: Rate,
}

/// The sum of several buildings' collection as the estate's (building 0).
pub fn estate_collection(rows: &[Collection]) -> Collection {
    rows.iter()
        .fold(Collection::default(), |acc, c| Collection {
            building: 0,
            billed: Fen(acc.billed.0.saturating_add(c.billed.0)),
            collected: Fen(acc.collected.0.saturating_add(c.collected.0)),
        })
}

/// The sum of several buildings' coverage as the estate's (building 0).
pub fn estate_coverage(rows: &[Coverage]) -> Coverage {
    let (met, of) = rows.iter().fold((0u32, 0u32), |(m, o), c| {
        (m.saturating_add(c.rate.met), o.saturating_add(c.rate.of))
    });
    Coverage {
        building: 0,
        rate: Rate::new(met, of),
    }
}

/// The month and the 12 before it, oldest first.
pub fn trend_months(month: Month) -> Vec<Month> {
    let mut out = vec![month];
    for _ in 0..12 {
        let before = out[out.len() - 1].prev();
        out.push(before);
    }
    out.reverse();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rates_round_half_up_and_show_a_dash_for_nothing_counted() {
        assert_eq!(Rate::new(0, 0).permille(), None);
        assert_eq!(Rate::new(0, 0).percent_text(), "—");
        assert_eq!(Rate::new(2, 3).percent_text(), "66.7%");
        assert_eq!(Rate::new(1, 3).percent_text(), "33.3%");
        // 1/8 = 12.5% exactly; 1/16 = 6.25% → 6.3%.
        assert_eq!(Rate::new(1, 8).percent_text(), "12.5%");
        assert_eq!(Rate::new(1, 16).percent_text(), "6.3%");
        assert_eq!(Rate::new(5, 5).percent_text(), "100.0%");
        assert_eq!(Rate::new(28, 30).text(), "28/30（93.3%）");
    }

    #[test]
    fn collection_uses_fen_and_survives_huge_sums() {
        let c = Collection {
            building: 3,
            billed: Fen(30_000),
            collected: Fen(10_000),
        };
        assert_eq!(c.permille(), Some(333));
        let none = Collection::default();
        assert_eq!(none.permille(), None);
        assert_eq!(permille(i64::MAX, i64::MAX), Some(1000));
        assert_eq!(permille(-5, 10), Some(0));
        let sum = estate_collection(&[c, c]);
        assert_eq!(
            (sum.building, sum.billed, sum.collected),
            (0, Fen(60_000), Fen(20_000))
        );
    }

    #[test]
    fn the_trend_is_the_month_and_the_twelve_before_oldest_first() {
        let m = Month::new(2026, 11).unwrap();
        let t = trend_months(m);
        assert_eq!(t.len(), 13);
        assert_eq!(t[0], Month::new(2025, 11).unwrap());
        assert_eq!(t[12], m);
    }
}
