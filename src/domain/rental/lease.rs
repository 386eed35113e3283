//! The lease (租约) signed on an entrusted unit, and its end: the tenant's details as the police
//! registration (房屋出租登记) needs them, the rent, the deposit, the dates and the payment cycle.

use chrono::{Days, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::domain::coded::coded;
use crate::domain::{Fen, Mobile, ResidentId};

coded! {
    /// How often the tenant pays the rent (付款方式).
    PaymentCycle {
        /// 月付.
        Monthly = ("monthly", "月付"),
        /// 季付.
        Quarterly = ("quarterly", "季付"),
        /// 半年付.
        HalfYear = ("half_year", "半年付"),
        /// 年付.
        Yearly = ("yearly", "年付"),
    }
}

coded! {
    /// What the tenant uses the unit for (用途), as the police registration asks.
    Purpose {
        /// 居住.
        Home = ("home", "居住"),
        /// 办公.
        Office = ("office", "办公"),
        /// 其他.
        Other = ("other", "其他"),
    }
}

/// A lease as signed at the desk.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Lease {
    /// 承租人.
    pub tenant: String,
    /// 承租人身份证号 (police registration needs it; shown masked).
    pub id_number: ResidentId,
    /// 承租人电话 (shown masked).
    pub phone: Mobile,
    /// 居住人数, the tenant included.
    pub occupants: u32,
    /// 用途.
    pub purpose: Purpose,
    /// 月租金.
    pub rent: Fen,
    /// 押金.
    pub deposit: Fen,
    /// 付款方式.
    pub cycle: PaymentCycle,
    /// 起租日.
    pub starts_on: NaiveDate,
    /// 到期日: the lease's last day.
    pub ends_on: NaiveDate,
}

/// A field of [`Lease`], for putting a message beside it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LeaseField {
    /// 承租人.
    Tenant,
    /// 居住人数.
    Occupants,
    /// 月租金.
    Rent,
    /// 押金.
    Deposit,
    /// 起租日.
    Start,
    /// 到期日.
    End,
}

/// The most people the desk registers in one unit.
pub const MAX_OCCUPANTS: u32 = 20;

impl Lease {
    /// Checks the lease against the entrustment's period (`period_from` … `period_to`): it
    /// starts inside the period and ends by its last day, ends after it starts, and the rent and
    /// deposit make sense. Each problem against its field.
    pub fn check(&self, period_from: NaiveDate, period_to: NaiveDate) -> Vec<(LeaseField, String)> {
        let mut out = Vec::new();
        if let Err(e) = crate::domain::person::validate_name(&self.tenant) {
            out.push((LeaseField::Tenant, format!("承租人：{e}")));
        }
        if !(1..=MAX_OCCUPANTS).contains(&self.occupants) {
            out.push((
                LeaseField::Occupants,
                format!("居住人数应为1到{MAX_OCCUPANTS}人"),
            ));
        }
        if self.rent.0 <= 0 {
            out.push((LeaseField::Rent, "月租金要大于0".into()));
        }
        if self.deposit.0 < 0 {
            out.push((LeaseField::Deposit, "押金不能是负数".into()));
        }
        let d = crate::domain::date::paper_date;
        if self.starts_on < period_from || self.starts_on > period_to {
            out.push((
                LeaseField::Start,
                format!(
                    "起租日要在委托期限内（{}至{}）",
                    d(period_from),
                    d(period_to)
                ),
            ));
        }
        if self.ends_on <= self.starts_on {
            out.push((LeaseField::End, "到期日要晚于起租日".into()));
        } else if self.ends_on > period_to {
            out.push((
                LeaseField::End,
                format!(
                    "租期超出委托期限（至{}），请缩短租期或请业主重新委托",
                    d(period_to)
                ),
            ));
        } else if self.starts_on + Days::new(super::MAX_PERIOD_DAYS) < self.ends_on {
            out.push((LeaseField::End, "租期最长五年，请核对到期日".into()));
        }
        out
    }
}

/// The end of a lease as the desk records it: the day the tenant left and, before the lease's
/// last day, why (提前退租).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LeaseEnd {
    /// 退租日期.
    pub on: NaiveDate,
    /// 原因 (required when early).
    pub reason: String,
}

impl LeaseEnd {
    /// Whether this ends the lease before its last day.
    pub fn early(&self, ends_on: NaiveDate) -> bool {
        self.on < ends_on
    }

    /// Checks the end against the lease's dates and `today`: not before it started, not in the
    /// future, and a reason when early. Returns the reason to record (`租期届满` at term).
    pub fn check(
        &self,
        starts_on: NaiveDate,
        ends_on: NaiveDate,
        today: NaiveDate,
    ) -> Result<String, String> {
        if self.on < starts_on {
            return Err("退租日期早于起租日，请核对".into());
        }
        if self.on > today {
            return Err("退租日期还没到：租户搬离当天再办理退租".into());
        }
        let reason = self.reason.trim();
        if reason.chars().count() > 200 {
            return Err("原因太长，最多200字".into());
        }
        match (self.early(ends_on), reason.is_empty()) {
            (true, true) => Err("提前退租，请写明原因".into()),
            (false, true) => Ok("租期届满".into()),
            (_, false) => Ok(reason.to_string()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, d).unwrap()
    }

    fn lease() -> Lease {
        Lease {
            tenant: "李四".into(),
            id_number: ResidentId::parse("11010519491231002X").unwrap(),
            phone: Mobile::parse("13912345678").unwrap(),
            occupants: 2,
            purpose: Purpose::Home,
            rent: Fen(300_000),
            deposit: Fen(300_000),
            cycle: PaymentCycle::Quarterly,
            starts_on: day(12, 1),
            ends_on: day(12, 31),
        }
    }

    #[test]
    fn a_lease_stays_inside_the_entrustment_period() {
        let l = lease();
        assert!(l.check(day(11, 1), day(12, 31)).is_empty());
        let fields = |l: &Lease, last: NaiveDate| -> Vec<LeaseField> {
            l.check(day(11, 1), last)
                .into_iter()
                .map(|(f, _)| f)
                .collect()
        };
        assert_eq!(
            fields(&l, day(12, 30)),
            [LeaseField::End],
            "one day past the period"
        );
        let mut early = lease();
        early.starts_on = day(10, 31);
        assert_eq!(fields(&early, day(12, 31)), [LeaseField::Start]);
        let mut bad = lease();
        bad.ends_on = bad.starts_on;
        bad.occupants = 0;
        bad.rent = Fen(0);
        bad.tenant = "李4".into();
        assert_eq!(
            fields(&bad, day(12, 31)),
            [
                LeaseField::Tenant,
                LeaseField::Occupants,
                LeaseField::Rent,
                LeaseField::End
            ]
        );
    }

    #[test]
    fn an_early_end_needs_a_reason_and_no_end_is_in_the_future() {
        let (start, last, today) = (day(1, 1), day(12, 31), day(6, 30));
        let end = |on, reason: &str| LeaseEnd {
            on,
            reason: reason.into(),
        };
        assert_eq!(
            end(day(6, 30), "").check(start, last, today),
            Err("提前退租，请写明原因".into())
        );
        assert_eq!(
            end(day(6, 30), " 工作调动 ").check(start, last, today),
            Ok("工作调动".into())
        );
        assert!(end(day(7, 1), "x").check(start, last, today).is_err());
        assert!(end(day(1, 1), "x").check(day(1, 2), last, today).is_err());
        assert_eq!(
            end(last, "").check(start, last, day(12, 31)),
            Ok("租期届满".into())
        );
        assert!(end(day(6, 29), "").early(last));
        assert!(!end(last, "").early(last));
    }
}
