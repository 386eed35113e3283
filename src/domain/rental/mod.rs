//! 业主房屋代租: letting an owner's unit on their behalf (DOMAIN.md §9). The owner entrusts the
//! unit ([`Entrustment`], numbered `DZ-YYYYMM-NNNN`), the listing is 待租, 在租 or 已撤回
//! ([`ListingState`]), viewings are logged ([`Viewing`]), and a lease ([`lease::Lease`]) makes
//! the tenant a resident of relation 租户 and the unit 出租, with the office's commission
//! ([`Commission`]) billed to the owner's account.
//!
//! Plain data and pure rules: the store keeps the records and applies them to the register.

pub mod lease;

use chrono::{Days, NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

use crate::domain::bank_account::BankAccount;
use crate::domain::coded::coded;
use crate::domain::fees::round_half_up;
use crate::domain::staff::StaffId;
use crate::domain::unit::UnitId;
use crate::domain::{Fen, Mobile, UnitAddress, normalize_digits};

pub use lease::{Lease, LeaseEnd, LeaseField, PaymentCycle, Purpose};

/// The row id of an entrustment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct EntrustmentId(pub i64);

/// The row id of a lease.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct LeaseId(pub i64);

/// An entrustment's number `DZ-YYYYMM-NNNN`: a monthly sequence with no gaps, by the month the
/// owner entrusted the unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct EntrustmentNumber {
    /// Year.
    pub year: i32,
    /// Month (1–12).
    pub month: u32,
    /// Place in the month's sequence, from 1.
    pub seq: u32,
}

impl EntrustmentNumber {
    /// The letters before the month.
    pub const PREFIX: &'static str = "DZ";

    /// The month key of the counter, `202611`.
    pub fn month_key(year: i32, month: u32) -> String {
        format!("{year:04}{month:02}")
    }

    /// Reads `DZ-202611-0001` as typed (case and full-width digits forgiven, the letters
    /// optional).
    pub fn parse(text: &str) -> Option<EntrustmentNumber> {
        let t = normalize_digits(text.trim()).to_ascii_uppercase();
        let t = t.strip_prefix(Self::PREFIX).unwrap_or(&t);
        let t = t.trim_start_matches(['-', ' ']);
        let (ym, seq) = t.split_once('-')?;
        if ym.len() != 6 || !ym.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        if seq.is_empty() || !seq.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let year: i32 = ym[..4].parse().ok()?;
        let month: u32 = ym[4..].parse().ok()?;
        let seq: u32 = seq.parse().ok()?;
        ((1..=12).contains(&month) && seq > 0).then_some(EntrustmentNumber { year, month, seq })
    }
}

impl std::fmt::Display for EntrustmentNumber {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "DZ-{:04}{:02}-{:04}", self.year, self.month, self.seq)
    }
}

coded! {
    /// Where a listing is: the state the tab filters by.
    ListingState {
        /// 待租: entrusted, no lease running.
        Listed = ("listed", "待租"),
        /// 在租: a lease is running.
        Let = ("let", "在租"),
        /// 已撤回: the owner took the unit back (never while a lease runs).
        Withdrawn = ("withdrawn", "已撤回"),
    }
}

impl ListingState {
    /// How the listing reads on `today`: a 待租 listing past its entrustment period says so,
    /// since no lease may be signed on it any more.
    pub fn shown(self, period_to: NaiveDate, today: NaiveDate) -> String {
        if self == ListingState::Listed && today > period_to {
            "待租（委托已到期）".to_string()
        } else {
            self.label().to_string()
        }
    }
}

/// The office's commission for letting the unit, as the owner agreed it: a share of one month's
/// rent, or a fixed amount.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Commission {
    /// In basis points of one month's rent: 10000 is one month's rent, 5000 half of it.
    Rate(u32),
    /// A fixed amount.
    Fixed(Fen),
}

/// The largest rate the desk accepts: three months' rent.
pub const MAX_RATE_BP: u32 = 30_000;

impl Commission {
    /// Reads the commission as typed: `50%` (or `50％`, `37.5%`) of one month's rent, or an
    /// amount `1500` / `¥1,500.00`.
    ///
    /// # Errors
    /// A message for the field.
    pub fn parse(text: &str) -> Result<Commission, String> {
        let t: String = normalize_digits(text)
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        if t.is_empty() {
            return Err("请填写佣金：月租的百分比（如 50%）或固定金额（如 1500）".into());
        }
        if let Some(p) = t.strip_suffix('%').or_else(|| t.strip_suffix('％')) {
            let bp = percent_bp(p).ok_or("佣金比例写法不对，请按 50% 或 37.5% 这样填写")?;
            if bp == 0 || bp > MAX_RATE_BP {
                return Err("佣金比例应大于0%，最多300%（三个月租金）".into());
            }
            return Ok(Commission::Rate(bp));
        }
        let fen = Fen::parse(&t).map_err(|e| format!("佣金金额：{e}"))?;
        if fen.0 <= 0 {
            return Err("佣金金额要大于0".into());
        }
        Ok(Commission::Fixed(fen))
    }

    /// What the owner owes for a lease at `monthly_rent`: the rate's share of one month's rent,
    /// rounded half up to the fen per the desk's one rule ([`round_half_up`]), or the fixed
    /// amount. `None` if it overflows.
    pub fn amount(self, monthly_rent: Fen) -> Option<Fen> {
        match self {
            Commission::Rate(bp) => round_half_up(monthly_rent.0, i64::from(bp), 10_000),
            Commission::Fixed(f) => Some(f),
        }
    }

    /// `月租的50%`, `固定 ¥1,500.00`.
    pub fn describe(self) -> String {
        match self {
            Commission::Rate(bp) => format!("月租的{}", percent_text(bp)),
            Commission::Fixed(f) => format!("固定 {f}"),
        }
    }

    /// As the form shows it for editing: `50%`, `1500.00`.
    pub fn typed(self) -> String {
        match self {
            Commission::Rate(bp) => percent_text(bp),
            Commission::Fixed(f) => f.yuan_string(),
        }
    }
}

/// `50%`, `37.5%`, `12.25%` from basis points.
fn percent_text(bp: u32) -> String {
    let (whole, frac) = (bp / 100, bp % 100);
    match frac {
        0 => format!("{whole}%"),
        f if f % 10 == 0 => format!("{whole}.{}%", f / 10),
        f => format!("{whole}.{f:02}%"),
    }
}

/// `50` → 5000, `37.5` → 3750, `12.25` → 1225 basis points; at most two decimals.
fn percent_bp(text: &str) -> Option<u32> {
    let (whole, frac) = text.split_once('.').unwrap_or((text, ""));
    if whole.is_empty() || frac.len() > 2 {
        return None;
    }
    if !whole.bytes().all(|b| b.is_ascii_digit()) || !frac.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let whole: u32 = whole.parse().ok()?;
    let frac: u32 = format!("{frac:0<2}").parse().ok()?;
    whole.checked_mul(100)?.checked_add(frac)
}

/// The owner's bank details for the rent paid over to them: stored in full, shown masked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OwnerBank {
    /// 开户银行.
    pub bank: String,
    /// 户名.
    pub holder: String,
    /// 账号 (masked everywhere it is shown).
    pub account: BankAccount,
}

/// What the owner entrusts (委托): the unit, the terms, the period, the commission.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entrustment {
    /// The unit.
    pub unit: UnitId,
    /// Its address.
    pub address: UnitAddress,
    /// 委托人: the owner picked from the register (or a name as given).
    pub owner_name: String,
    /// The owner's row in the register, when picked.
    pub person: Option<i64>,
    /// The owner's phone (stored in full, shown masked).
    pub owner_phone: Option<Mobile>,
    /// 期望月租金.
    pub asking_rent: Fen,
    /// 押金方式, e.g. `押一付三`.
    pub deposit_terms: String,
    /// 家具家电, as listed.
    pub furnishings: Vec<String>,
    /// 可入住日期.
    pub available_from: NaiveDate,
    /// 委托期限: first day.
    pub period_from: NaiveDate,
    /// 委托期限: last day; no lease runs past it.
    pub period_to: NaiveDate,
    /// 代租佣金.
    pub commission: Commission,
    /// 业主收款账户, if the owner gave one.
    pub bank: Option<OwnerBank>,
    /// 备注.
    pub note: String,
}

/// A field of [`Entrustment`], for putting a message beside it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EntrustField {
    /// 委托人.
    Owner,
    /// 期望月租金.
    Rent,
    /// 委托期限.
    Period,
    /// 可入住日期.
    Available,
    /// 开户银行 / 户名.
    Bank,
    /// 家具家电 / 押金方式 / 备注.
    Terms,
}

/// The longest entrustment the desk records: five years.
pub const MAX_PERIOD_DAYS: u64 = 5 * 366;

impl Entrustment {
    /// Checks what a parser cannot: each problem against its field, in words the receptionist
    /// can act on.
    pub fn check(&self) -> Vec<(EntrustField, String)> {
        let mut out = Vec::new();
        if self.owner_name.trim().is_empty() {
            out.push((EntrustField::Owner, "请选择或填写委托的业主".to_string()));
        }
        if self.asking_rent.0 <= 0 {
            out.push((EntrustField::Rent, "月租金要大于0".to_string()));
        }
        if self.period_to < self.period_from {
            out.push((
                EntrustField::Period,
                "委托期限的结束日期早于开始日期，请核对".to_string(),
            ));
        } else if self.period_from + Days::new(MAX_PERIOD_DAYS) < self.period_to {
            out.push((
                EntrustField::Period,
                "委托期限最长五年，请核对结束日期".to_string(),
            ));
        }
        if self.available_from > self.period_to {
            out.push((
                EntrustField::Available,
                "可入住日期在委托期限之后，请核对".to_string(),
            ));
        }
        if let Some(b) = &self.bank
            && (b.bank.trim().is_empty() || b.holder.trim().is_empty())
        {
            out.push((
                EntrustField::Bank,
                "填了账号就要填开户银行和户名".to_string(),
            ));
        }
        let long = [&self.deposit_terms, &self.note]
            .iter()
            .any(|t| t.chars().count() > 200)
            || self.furnishings.join("、").chars().count() > 300;
        if long {
            out.push((EntrustField::Terms, "内容太长，请精简".to_string()));
        }
        out
    }
}

coded! {
    /// How a viewing ended.
    ViewingOutcome {
        /// 有意向: the visitor wants the unit.
        Interested = ("interested", "有意向"),
        /// 再考虑.
        Considering = ("considering", "再考虑"),
        /// 不合适.
        Declined = ("declined", "不合适"),
    }
}

/// A viewing (看房): who came, when, which staff showed the unit, how it went.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Viewing {
    /// 看房时间.
    pub at: NaiveDateTime,
    /// 看房人.
    pub visitor: String,
    /// 看房人电话 (shown masked).
    pub phone: Option<Mobile>,
    /// 陪同人员 picked from the staff.
    pub staff: Option<StaffId>,
    /// 陪同人员's name.
    pub staff_name: String,
    /// 结果.
    pub outcome: ViewingOutcome,
    /// 备注.
    pub note: String,
}

impl Viewing {
    /// What is missing or wrong, in the desk's words.
    pub fn check(&self) -> Result<(), String> {
        if self.visitor.trim().is_empty() {
            return Err("请填写看房人".into());
        }
        if self.staff_name.trim().is_empty() {
            return Err("请选择陪同看房的工作人员".into());
        }
        if self.note.chars().count() > 200 {
            return Err("备注太长，最多200字".into());
        }
        Ok(())
    }
}

/// How many days before its end a running lease appears on 今日.
pub const ENDING_WINDOW_DAYS: u64 = 30;

/// Whether a lease running until `ends_on` (its last day) is on 今日 on `today`: from thirty
/// days before its last day, and every day after it until the desk records the end.
pub fn ending_soon(ends_on: NaiveDate, today: NaiveDate) -> bool {
    ends_on <= today + Days::new(ENDING_WINDOW_DAYS)
}

/// When a lease whose last day is `ends_on` falls due on 今日: the first moment after its last
/// day, so the board counts it overdue only once the tenant should have left.
pub fn lease_due_at(ends_on: NaiveDate) -> NaiveDateTime {
    (ends_on + Days::new(1)).and_time(chrono::NaiveTime::MIN)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn numbers_print_and_parse() {
        let n = EntrustmentNumber {
            year: 2026,
            month: 11,
            seq: 7,
        };
        assert_eq!(n.to_string(), "DZ-202611-0007");
        assert_eq!(EntrustmentNumber::parse("dz-２０２６１１-7"), Some(n));
        assert_eq!(EntrustmentNumber::parse("202611-0007"), Some(n));
        assert_eq!(EntrustmentNumber::parse("DZ-202613-0001"), None);
        assert_eq!(EntrustmentNumber::parse("DZ-202611-0000"), None);
    }

    #[test]
    fn commission_is_a_share_of_a_months_rent_rounded_half_up_or_a_fixed_amount() {
        assert_eq!(Commission::parse("50%"), Ok(Commission::Rate(5000)));
        assert_eq!(Commission::parse("３７.５％"), Ok(Commission::Rate(3750)));
        assert_eq!(Commission::parse("100%"), Ok(Commission::Rate(10_000)));
        assert_eq!(
            Commission::parse("¥1,500"),
            Ok(Commission::Fixed(Fen(150_000)))
        );
        assert!(Commission::parse("0%").is_err());
        assert!(Commission::parse("301%").is_err());
        assert!(Commission::parse("12.345%").is_err());
        assert!(Commission::parse("一半").is_err());
        assert!(Commission::parse("0").is_err());
        assert!(Commission::parse("").is_err());
        // Half a month of ¥3,000.00 is exact.
        assert_eq!(
            Commission::Rate(5000).amount(Fen(300_000)),
            Some(Fen(150_000))
        );
        // 37.5% of ¥2,333.33 = 874.99875 yuan → ¥875.00 (half up).
        assert_eq!(
            Commission::Rate(3750).amount(Fen(233_333)),
            Some(Fen(87_500))
        );
        // 33.33% of ¥1,000.01 = 333.303333 yuan → ¥333.30 (below half a fen: down).
        assert_eq!(
            Commission::Rate(3333).amount(Fen(100_001)),
            Some(Fen(33_330))
        );
        // Exactly half a fen rounds up: 50% of ¥0.01.
        assert_eq!(Commission::Rate(5000).amount(Fen(1)), Some(Fen(1)));
        assert_eq!(
            Commission::Fixed(Fen(80_000)).amount(Fen(300_000)),
            Some(Fen(80_000))
        );
        assert_eq!(Commission::Rate(3750).describe(), "月租的37.5%");
        assert_eq!(Commission::Rate(1225).typed(), "12.25%");
        assert_eq!(Commission::Fixed(Fen(150_000)).typed(), "1500.00");
    }

    #[test]
    fn a_listing_past_its_period_says_so() {
        let to = day(2026, 12, 31);
        assert_eq!(ListingState::Listed.shown(to, day(2026, 12, 31)), "待租");
        assert_eq!(
            ListingState::Listed.shown(to, day(2027, 1, 1)),
            "待租（委托已到期）"
        );
        assert_eq!(ListingState::Withdrawn.shown(to, day(2027, 1, 1)), "已撤回");
        for s in ListingState::ALL {
            assert_eq!(ListingState::from_code(s.code()), Some(*s));
        }
    }

    #[test]
    fn a_lease_is_on_today_from_thirty_days_before_its_last_day() {
        let ends = day(2026, 12, 31);
        assert!(!ending_soon(ends, day(2026, 11, 30)), "31 days before");
        assert!(ending_soon(ends, day(2026, 12, 1)), "30 days before");
        assert!(ending_soon(ends, day(2027, 1, 5)), "after it, until ended");
        assert_eq!(
            lease_due_at(ends),
            day(2027, 1, 1).and_hms_opt(0, 0, 0).unwrap()
        );
    }

    #[test]
    fn an_entrustment_is_checked_field_by_field() {
        let mut e = Entrustment {
            unit: UnitId(1),
            address: UnitAddress::parse("7-2-1901").unwrap(),
            owner_name: " ".into(),
            person: None,
            owner_phone: None,
            asking_rent: Fen(0),
            deposit_terms: "押一付三".into(),
            furnishings: vec!["空调".into()],
            available_from: day(2027, 2, 1),
            period_from: day(2026, 12, 1),
            period_to: day(2026, 11, 30),
            commission: Commission::Rate(5000),
            bank: None,
            note: String::new(),
        };
        let fields: Vec<EntrustField> = e.check().into_iter().map(|(f, _)| f).collect();
        assert_eq!(
            fields,
            [
                EntrustField::Owner,
                EntrustField::Rent,
                EntrustField::Period,
                EntrustField::Available
            ]
        );
        e.owner_name = "王建国".into();
        e.asking_rent = Fen(300_000);
        e.period_to = day(2027, 11, 30);
        assert!(e.check().is_empty());
        e.period_to = day(2032, 12, 31);
        assert_eq!(e.check()[0].0, EntrustField::Period);
    }
}
