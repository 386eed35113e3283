//! 报修管理: repair orders from the first call to the callback (DOMAIN.md §3, chapter 3).
//!
//! Plain data and pure rules: the order and its parts here, the state machine and deadlines in
//! [`state`], the "no blank fields" check in [`check`], the daily report in [`report`].

mod charges;
pub mod check;
pub mod report;
pub mod state;
pub mod timing;

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

use super::staff::StaffId;
use super::unit::UnitId;
use super::{Fen, Mobile, UnitAddress};

pub use charges::{Charges, Material, Qty};
pub use check::missing_for_close;
pub use report::{DayReport, KindCounts};
pub use state::{Overdue, RepairState, Step, overdue};
pub use timing::{countdown, late_minutes};

/// The row id of a repair order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct RepairId(pub i64);

/// An order number `WX-YYYYMM-NNNN`: a monthly sequence with no gaps or duplicates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
pub struct OrderNumber {
    /// Year the order was taken.
    pub year: i32,
    /// Month (1–12).
    pub month: u32,
    /// Place in the month's sequence, from 1.
    pub seq: u32,
}

impl OrderNumber {
    /// The month key of the counter, `202611`.
    pub fn month_key(year: i32, month: u32) -> String {
        format!("{year:04}{month:02}")
    }

    /// Reads `WX-202611-0001` (case and full-width digits forgiven, the `WX-` optional).
    pub fn parse(text: &str) -> Option<OrderNumber> {
        let t = super::normalize_digits(text.trim()).to_ascii_uppercase();
        let t = t.strip_prefix("WX").unwrap_or(&t);
        let t = t.trim_start_matches(['-', ' ']);
        let (ym, seq) = t.split_once('-')?;
        if ym.len() != 6 || !ym.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let year: i32 = ym[..4].parse().ok()?;
        let month: u32 = ym[4..].parse().ok()?;
        let seq: u32 = seq.parse().ok()?;
        ((1..=12).contains(&month) && seq > 0).then_some(OrderNumber { year, month, seq })
    }
}

impl std::fmt::Display for OrderNumber {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "WX-{:04}{:02}-{:04}", self.year, self.month, self.seq)
    }
}

use crate::domain::coded::coded;

coded! {
    /// How the request reached the desk.
    Channel {
        /// 来电.
        Call = ("call", "来电"),
        /// 来访.
        Visit = ("visit", "来访"),
        /// 巡查.
        Patrol = ("patrol", "巡查"),
        /// 其他.
        Other = ("other", "其他"),
    }
}

coded! {
    /// The owner's (or, for public repairs, the area officer's) satisfaction.
    Rating {
        /// 满意.
        Satisfied = ("satisfied", "满意"),
        /// 基本满意.
        Fair = ("fair", "基本满意"),
        /// 不满意.
        Dissatisfied = ("dissatisfied", "不满意"),
    }
}

coded! {
    /// How a charge was paid.
    Payment {
        /// 现金 (handed to the cashier).
        Cash = ("cash", "现金"),
        /// 微信.
        WeChat = ("wechat", "微信"),
        /// 支付宝.
        Alipay = ("alipay", "支付宝"),
        /// 银行卡.
        Card = ("card", "银行卡"),
    }
}

coded! {
    /// What paper the owner was given for a charge.
    Receipt {
        /// 发票.
        Invoice = ("invoice", "发票"),
        /// 收据.
        Receipt = ("receipt", "收据"),
    }
}

/// The categories the office starts with; the list is editable and kept in the store.
pub const DEFAULT_CATEGORIES: [&str; 6] = ["给排水", "电气", "门窗", "燃气", "公共设施", "其他"];

/// Reads the category list as the settings screen shows it, `给排水、电气、门窗`: separated by
/// `、`, commas or line breaks; each 1 to 10 characters, no repeats, at least one.
pub fn parse_categories(text: &str) -> Result<Vec<String>, String> {
    let mut out: Vec<String> = Vec::new();
    for part in text.split(['、', ',', '，', '\n', ';', '；']) {
        let part = part.trim();
        if part.is_empty() {
            continue;
        }
        if part.chars().count() > 10 {
            return Err(format!("类别“{part}”太长，每个类别最多10个字"));
        }
        if out.iter().any(|c| c == part) {
            return Err(format!("类别“{part}”重复了"));
        }
        out.push(part.to_string());
    }
    if out.is_empty() {
        return Err("至少要有一个报修类别，例如 给排水".to_string());
    }
    Ok(out)
}

/// 入户维修 or 公共报修: the split of the daily report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RepairKind {
    /// In a unit.
    InHome,
    /// In a public area.
    Public,
}

impl RepairKind {
    /// `入户维修` / `公共报修`.
    pub fn label(self) -> &'static str {
        match self {
            RepairKind::InHome => "入户维修",
            RepairKind::Public => "公共报修",
        }
    }
}

/// Where the repair is.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub enum Place {
    /// A unit of the register.
    Unit {
        /// Row id.
        id: UnitId,
        /// Its address.
        address: UnitAddress,
    },
    /// A public area, with the service officer who owns it.
    Public {
        /// E.g. `5号楼1单元电梯厅`.
        location: String,
        /// The area's service officer.
        officer: StaffId,
        /// Their name at the time.
        officer_name: String,
    },
}

impl Place {
    /// Which half of the daily report.
    pub fn kind(&self) -> RepairKind {
        match self {
            Place::Unit { .. } => RepairKind::InHome,
            Place::Public { .. } => RepairKind::Public,
        }
    }

    /// `3号楼2单元1502室` or the location text.
    pub fn describe(&self) -> String {
        match self {
            Place::Unit { address, .. } => address.to_string(),
            Place::Public { location, .. } => format!("公共区域：{location}"),
        }
    }

    /// `3-2-1502` or the location, for tables.
    pub fn short(&self) -> String {
        match self {
            Place::Unit { address, .. } => address.short(),
            Place::Public { location, .. } => location.clone(),
        }
    }
}

/// What the desk writes down when the call comes in.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Intake {
    /// Where.
    pub place: Place,
    /// 报修人.
    pub reporter: String,
    /// 联系电话 (stored in full, shown masked).
    pub phone: Option<Mobile>,
    /// 报修方式.
    pub channel: Channel,
    /// 类别.
    pub category: String,
    /// 报修内容.
    pub description: String,
    /// 预约时间: the arrival deadline counts from here.
    pub appointment: NaiveDateTime,
    /// 收费维修 (the owner was told the items and amounts before work).
    pub chargeable: bool,
    /// The items and amounts told to the owner, as said (empty when free).
    pub quote: String,
    /// The amount quoted.
    pub quote_amount: Fen,
}

/// Why an intake was refused: each problem against its field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum IntakeField {
    /// 房号 / 公共区域.
    Place,
    /// 报修人.
    Reporter,
    /// 联系电话.
    Phone,
    /// 类别.
    Category,
    /// 报修内容.
    Description,
    /// 预约时间.
    Appointment,
    /// 收费项目.
    Quote,
    /// 报价金额.
    QuoteAmount,
}

impl Intake {
    /// The unit, for an in-home repair.
    pub fn place_unit(&self) -> Option<UnitId> {
        match self.place {
            Place::Unit { id, .. } => Some(id),
            Place::Public { .. } => None,
        }
    }

    /// Checks the parts a parser cannot: texts filled in, quote given for chargeable work.
    pub fn validate(&self) -> Vec<(IntakeField, &'static str)> {
        let mut problems = Vec::new();
        if let Place::Public { location, .. } = &self.place
            && location.trim().is_empty()
        {
            problems.push((IntakeField::Place, "请填写公共报修的位置"));
        }
        if self.reporter.trim().is_empty() {
            problems.push((IntakeField::Reporter, "请填写报修人"));
        }
        if self.category.trim().is_empty() {
            problems.push((IntakeField::Category, "请选择类别"));
        }
        if self.description.trim().is_empty() {
            problems.push((IntakeField::Description, "请写清楚报修内容"));
        }
        if self.chargeable && self.quote.trim().is_empty() {
            problems.push((IntakeField::Quote, "收费维修要先向业主讲明收费项目，请填写"));
        }
        if self.quote_amount.0 < 0 {
            problems.push((IntakeField::QuoteAmount, "金额不能是负数"));
        }
        problems
    }
}

/// The owner's (or area officer's) confirmation and rating.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Confirmation {
    /// 满意度.
    pub rating: Rating,
    /// 意见.
    pub comment: String,
    /// Who signed: the owner, or for public repairs the area's service officer.
    pub by: String,
    /// When.
    pub at: NaiveDateTime,
}

/// A nonconformity found at the callback, sent to a department to correct.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Nonconformity {
    /// 责任部门.
    pub department: String,
    /// 问题.
    pub problem: String,
    /// 纠正情况 (blank until corrected).
    pub correction: String,
}

/// The callback (回访).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Callback {
    /// What the owner said.
    pub note: String,
    /// A problem to correct, if any.
    pub nonconformity: Option<Nonconformity>,
}

/// A state change as stored: who and when.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Event {
    /// The state entered.
    pub state: RepairState,
    /// When.
    pub at: NaiveDateTime,
    /// Who recorded it.
    pub by_name: String,
    /// What was said with it (technician, reason …).
    pub note: String,
}

/// A repair order with everything recorded so far.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct RepairOrder {
    /// 维修单号.
    pub number: OrderNumber,
    /// What was taken at the desk.
    pub intake: Intake,
    /// 受理时间 and who took it.
    pub received_at: NaiveDateTime,
    /// 受理人.
    pub received_by: String,
    /// Where the order is now.
    pub state: RepairState,
    /// 维修人员, once dispatched.
    pub technician: Option<(StaffId, String)>,
    /// 派单时间.
    pub dispatched_at: Option<NaiveDateTime>,
    /// First arrival on site.
    pub arrived_at: Option<NaiveDateTime>,
    /// Latest escalation to the team lead.
    pub review_at: Option<NaiveDateTime>,
    /// 完工时间.
    pub completed_at: Option<NaiveDateTime>,
    /// 回访时间.
    pub callback_at: Option<NaiveDateTime>,
    /// Who called back.
    pub callback_by: String,
    /// 关闭时间.
    pub closed_at: Option<NaiveDateTime>,
    /// 取消时间.
    pub cancelled_at: Option<NaiveDateTime>,
    /// 取消原因.
    pub cancel_reason: String,
    /// 维修情况 as the technician wrote it.
    pub work_done: String,
    /// Materials and charge.
    pub charges: Charges,
    /// Rating, once given.
    pub confirmation: Option<Confirmation>,
    /// The callback, once made.
    pub callback: Option<Callback>,
    /// Every state change, oldest first.
    pub events: Vec<Event>,
}

impl RepairOrder {
    /// A call just taken at the desk: 待派单, nothing done yet.
    pub fn received(
        number: OrderNumber,
        intake: Intake,
        received_at: NaiveDateTime,
        received_by: String,
    ) -> RepairOrder {
        RepairOrder {
            number,
            intake,
            received_at,
            received_by,
            state: RepairState::Pending,
            technician: None,
            dispatched_at: None,
            arrived_at: None,
            review_at: None,
            completed_at: None,
            callback_at: None,
            callback_by: String::new(),
            closed_at: None,
            cancelled_at: None,
            cancel_reason: String::new(),
            work_done: String::new(),
            charges: Charges::default(),
            confirmation: None,
            callback: None,
            events: Vec::new(),
        }
    }
}

#[cfg(test)]
mod category_tests {
    use super::parse_categories;

    #[test]
    fn the_category_list_as_typed() {
        assert_eq!(
            parse_categories("给排水、电气，门窗\n 燃气 ").unwrap(),
            ["给排水", "电气", "门窗", "燃气"]
        );
        assert!(parse_categories(" 、 ").unwrap_err().contains("至少"));
        assert!(parse_categories("电气、电气").unwrap_err().contains("重复"));
        assert!(
            parse_categories("一二三四五六七八九十一")
                .unwrap_err()
                .contains("太长")
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn order_numbers_print_and_parse() {
        let n = OrderNumber {
            year: 2026,
            month: 11,
            seq: 1,
        };
        assert_eq!(n.to_string(), "WX-202611-0001");
        assert_eq!(OrderNumber::parse("WX-202611-0001"), Some(n));
        assert_eq!(OrderNumber::parse("wx-２０２６１１-1"), Some(n));
        assert_eq!(OrderNumber::parse("WX-202613-0001"), None);
        assert_eq!(OrderNumber::parse("WX-202611-0000"), None);
        assert_eq!(OrderNumber::parse("3-2-1502"), None);
    }
}
