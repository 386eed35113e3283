//! 收费管理 (chapter 5): fee items and their prices over time, bill lines, payments with the
//! 收款收据, bank auto-debit and arrears. The rules here are pure; the store keeps the records.
//!
//! Money is integer fen throughout. The one rounding rule of the desk (used wherever a price
//! meets a quantity that is not whole: area in 0.01 m², water in litres, power in 0.01 kWh, a
//! share of days) is [`round_half_up`]: exact integer arithmetic, then half a fen and more
//! rounds up, on each bill line separately.

pub mod aging;
pub mod billing;
pub mod numbers;
pub mod print;
pub mod refund;
pub mod utilities;

use serde::{Deserialize, Serialize};

use crate::domain::coded::coded;
use crate::domain::{Fen, Month};

pub use aging::{AgedTotal, Aging};
pub use numbers::ReceiptNumber;
pub use print::CopyMode;

coded! {
    /// How an item's amount is worked out.
    FeeKind {
        /// Per m² of 建筑面积 per month (物业管理服务费); the price may differ by unit kind.
        PerArea = ("per_area", "按建筑面积每月"),
        /// A fixed amount per unit per month (垃圾清运费).
        PerUnit = ("per_unit", "每户每月固定"),
        /// A fixed amount per parking space per month (机动车占位费).
        PerSpace = ("per_space", "每个车位每月"),
        /// A meter reading's use × the unit price (水费, 电费).
        Metered = ("metered", "按表计量"),
        /// A building's master-meter use minus its units' use, shared by 建筑面积
        /// (公共水电分摊).
        Apportioned = ("apportioned", "公共分摊"),
        /// Charged once when it arises (特约有偿服务费, 装修保证金, 装修管理费, 修复款,
        /// 场地及房屋租赁费, 代收费).
        OneOff = ("one_off", "一次性收费"),
    }
}

impl FeeKind {
    /// Whether the monthly billing run bills this kind (one-offs are posted when they arise).
    pub fn monthly(self) -> bool {
        !matches!(self, FeeKind::OneOff)
    }
}

coded! {
    /// The meter a metered or apportioned item reads.
    Meter {
        /// 水表: readings in litres, prices per 吨 (1,000 litres).
        Water = ("water", "水"),
        /// 电表: readings in 0.01 kWh, prices per 度 (kWh).
        Power = ("power", "电"),
    }
}

impl Meter {
    /// The unit a price is per, on screens and paper: `吨`, `度`.
    pub fn unit(self) -> &'static str {
        match self {
            Meter::Water => "吨",
            Meter::Power => "度",
        }
    }

    /// Stored reading steps per priced unit: 1,000 litres per 吨, 100 × 0.01 kWh per 度.
    pub fn steps_per_unit(self) -> i64 {
        match self {
            Meter::Water => 1000,
            Meter::Power => 100,
        }
    }
}

coded! {
    /// What kind of property a unit is, for prices that differ by it.
    UnitKind {
        /// 住宅.
        Residence = ("residence", "住宅"),
        /// 商铺.
        Shop = ("shop", "商铺"),
        /// 办公.
        Office = ("office", "办公"),
        /// 车库/储藏间.
        Storage = ("storage", "车库储藏"),
    }
}

/// A fee item's row id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct FeeItemId(pub i64);

/// A fee item (收费项目): what is charged and how.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeeItem {
    /// Row id (0 before it is saved).
    pub id: FeeItemId,
    /// Short stable code, `WYF`, `CWF` (letters and digits, unique).
    pub code: String,
    /// 中文名称, `物业管理服务费`.
    pub name: String,
    /// How the amount is worked out.
    pub kind: FeeKind,
    /// The meter read, for [`FeeKind::Metered`] and [`FeeKind::Apportioned`].
    pub meter: Option<Meter>,
    /// Whether an approved vacancy pays 50% of it (the property fee and shared utilities).
    pub vacancy_discount: bool,
    /// Whether it is billed or offered any more (old items stay for their history).
    pub active: bool,
}

/// A price of an item from a month on (收费标准); the newest one not after a month applies.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Price {
    /// The item.
    pub item: FeeItemId,
    /// The kind of unit it is for; `None` for every kind (a kind's own price wins).
    pub unit_kind: Option<UnitKind>,
    /// The first month it applies to.
    pub from: Month,
    /// Fen per m² per month, per unit or space per month, per 吨 or 度, or the one-off's
    /// usual amount.
    pub fen: Fen,
}

/// A bill line's row id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct LineId(pub i64);

coded! {
    /// Where a bill line came from.
    LineSource {
        /// The monthly billing run (生成账单).
        Billing = ("billing", "月度账单"),
        /// A repair's charges, posted when it completed.
        Repair = ("repair", "维修收费"),
        /// A one-off charge entered at the desk.
        Charge = ("charge", "临时收费"),
        /// A correction of another line (调整), with its reason.
        Adjustment = ("adjustment", "调整"),
    }
}

coded! {
    /// How a payment was made.
    PayMethod {
        /// 现金: the desk shows the change.
        Cash = ("cash", "现金"),
        /// 微信.
        WeChat = ("wechat", "微信"),
        /// 支付宝.
        Alipay = ("alipay", "支付宝"),
        /// 银行卡 (POS).
        Card = ("card", "银行卡"),
        /// 转账.
        Transfer = ("transfer", "转账"),
        /// 银行代扣: paid from the bank's result file.
        BankDebit = ("bank_debit", "银行代扣"),
        /// 预存抵扣: paid from the unit's prepaid balance.
        Prepaid = ("prepaid", "预存抵扣"),
    }
}

impl PayMethod {
    /// The methods a cashier picks at the desk (bank debits and the prepaid balance are the
    /// program's own).
    pub const AT_DESK: &'static [PayMethod] = &[
        PayMethod::Cash,
        PayMethod::WeChat,
        PayMethod::Alipay,
        PayMethod::Card,
        PayMethod::Transfer,
    ];
}

/// A line of a unit's account as the desk shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BillLine {
    /// Row id.
    pub id: LineId,
    /// The item.
    pub item: FeeItemId,
    /// The item's name at the time (`物业管理服务费`).
    pub item_name: String,
    /// The period it is for: the month billed, or the month a one-off arose.
    pub month: Month,
    /// What is owed on it (after any vacancy discount); negative for an adjustment down.
    pub amount: Fen,
    /// How it was worked out, for the receptionist and the receipt: `125.40㎡ × ¥1.50`,
    /// `空置 15 天按50%`, `WX-202611-0003 维修材料及人工`.
    pub basis: String,
    /// Where it came from.
    pub source: LineSource,
    /// The line an adjustment corrects.
    pub adjusts: Option<LineId>,
    /// The adjustment's reason.
    pub reason: Option<String>,
    /// The receipt that paid it; `None` while it is owed.
    pub paid_by: Option<ReceiptNumber>,
}

impl BillLine {
    /// Whether it is still owed.
    pub fn open(&self) -> bool {
        self.paid_by.is_none()
    }
}

/// `numerator / denominator` of `fen`, rounded half up to a whole fen (the desk's one rounding
/// rule). `None` when `denominator` is 0 or the product overflows.
pub fn round_half_up(fen: i64, numerator: i64, denominator: i64) -> Option<Fen> {
    if denominator == 0 {
        return None;
    }
    let product = i128::from(fen) * i128::from(numerator);
    let den = i128::from(denominator);
    let (product, den) = if den < 0 {
        (-product, -den)
    } else {
        (product, den)
    };
    // Half up away from zero, so a negative adjustment rounds as its positive would.
    let rounded = if product >= 0 {
        (2 * product + den) / (2 * den)
    } else {
        -((2 * -product + den) / (2 * den))
    };
    i64::try_from(rounded).ok().map(Fen)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rounding_is_half_up_per_line() {
        // 125.40 m² × ¥1.50 = 18,810 fen exactly.
        assert_eq!(round_half_up(150, 12_540, 100), Some(Fen(18_810)));
        // 88.33 m² × ¥1.35 = 119.2455 yuan → ¥119.25.
        assert_eq!(round_half_up(135, 8_833, 100), Some(Fen(11_925)));
        // 0.5 fen rounds up, 0.49 down.
        assert_eq!(round_half_up(1, 1, 2), Some(Fen(1)));
        assert_eq!(round_half_up(49, 1, 100), Some(Fen(0)));
        assert_eq!(round_half_up(-1, 1, 2), Some(Fen(-1)));
        assert_eq!(round_half_up(1, 1, 0), None);
    }
}
