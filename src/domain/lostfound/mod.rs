//! 物品拾遗 lost and found (DOMAIN.md §9): items handed in at the desk, the owners who come
//! looking for something (寻物登记), the claim with the claimant's identity, and the disposal of
//! what nobody claimed.
//!
//! Plain data and pure rules: the vocabulary, the numbers and the found item here; what the
//! notice at the entrance may say in [`notice`]; the matching of a loss report against the
//! items in [`matching`]; the claim in [`claim`]; the keeping period and the disposal in
//! [`disposal`].

pub mod claim;
pub mod disposal;
pub mod matching;
pub mod notice;

use chrono::{Duration, NaiveDateTime};
use serde::{Deserialize, Serialize};

use crate::domain::coded::coded;
use crate::domain::number::monthly_number;
use crate::domain::person::validate_name;
use crate::domain::staff::StaffId;
use crate::domain::{Fen, Mobile};

pub use claim::{Claim, ClaimField};
pub use disposal::{
    DEFAULT_KEEP_DAYS, Disposal, DisposalMethod, MAX_KEEP_DAYS, check_disposal, due_on, keep_until,
    parse_keep_days,
};
pub use matching::{LossField, LossReport, Score, Sought, check_loss, rank, score};

coded! {
    /// What kind of thing was found: the only word about the item the notice prints.
    Category {
        /// 手机.
        Phone = ("phone", "手机"),
        /// 钱包.
        Wallet = ("wallet", "钱包"),
        /// 现金.
        Cash = ("cash", "现金"),
        /// 证件 (身份证、驾驶证、护照 …).
        Document = ("document", "证件"),
        /// 银行卡等卡类.
        Card = ("card", "卡类"),
        /// 钥匙.
        Keys = ("keys", "钥匙"),
        /// 包、箱.
        Bag = ("bag", "包袋"),
        /// 电子产品 (耳机、平板、手表 …).
        Electronics = ("electronics", "电子产品"),
        /// 首饰.
        Jewelry = ("jewelry", "首饰"),
        /// 衣物.
        Clothing = ("clothing", "衣物"),
        /// 儿童用品、玩具.
        Toy = ("toy", "儿童用品"),
        /// 雨伞、水杯等日用品.
        Daily = ("daily", "日用品"),
        /// 其他.
        Other = ("other", "其他物品"),
    }
}

impl Category {
    /// The valuables an item of this kind is (a phone is a phone): the form ticks them when
    /// the kind is chosen, and the desk may tick more (a wallet with cash and an ID card).
    pub fn valuables(self) -> &'static [Valuable] {
        match self {
            Category::Phone => &[Valuable::Phone],
            Category::Cash => &[Valuable::Cash],
            Category::Document => &[Valuable::IdCard],
            Category::Card => &[Valuable::BankCard],
            Category::Keys => &[Valuable::Keys],
            Category::Jewelry => &[Valuable::Other],
            _ => &[],
        }
    }
}

coded! {
    /// A valuable (贵重物品): counted in front of two staff and kept by the supervisor.
    Valuable {
        /// 现金: the amount is counted and written down in fen.
        Cash = ("cash", "现金"),
        /// 手机.
        Phone = ("phone", "手机"),
        /// 身份证等证件: handed to the police at once.
        IdCard = ("id_card", "身份证件"),
        /// 银行卡.
        BankCard = ("bank_card", "银行卡"),
        /// 钥匙.
        Keys = ("keys", "钥匙"),
        /// 其他贵重物品 (首饰、手表 …).
        Other = ("other", "其他贵重物品"),
    }
}

/// The valuables as stored: their codes joined by commas, in display order.
pub fn valuables_code(v: &[Valuable]) -> String {
    Valuable::ALL
        .iter()
        .filter(|x| v.contains(x))
        .map(|x| x.code())
        .collect::<Vec<_>>()
        .join(",")
}

/// The valuables stored as [`valuables_code`] wrote them; `None` on a code this program does not
/// know.
pub fn parse_valuables_code(s: &str) -> Option<Vec<Valuable>> {
    s.split(',')
        .filter(|c| !c.is_empty())
        .map(Valuable::from_code)
        .collect()
}

coded! {
    /// Who found the item.
    FinderKind {
        /// 员工: a cleaner, a guard, anyone of the office.
        Staff = ("staff", "员工"),
        /// 业主/住户.
        Resident = ("resident", "业主/住户"),
        /// 访客/其他.
        Visitor = ("visitor", "访客/其他"),
    }
}

coded! {
    /// Where an item is in its life.
    ItemState {
        /// 在库: kept at the office, waiting for its owner.
        InStore = ("in_store", "在库"),
        /// 已认领: released to its owner.
        Claimed = ("claimed", "已认领"),
        /// 已处置: handed to the police, donated or otherwise dealt with by the supervisor.
        Disposed = ("disposed", "已处置"),
    }
}

coded! {
    /// Where a loss report (寻物登记) is.
    ReportState {
        /// 寻找中.
        Open = ("open", "寻找中"),
        /// 已结束: the item was claimed through it, or the owner no longer looks.
        Closed = ("closed", "已结束"),
    }
}

/// The row id of a found item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct FoundItemId(pub i64);

/// The row id of a loss report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct LossReportId(pub i64);

monthly_number!(
    /// A found item's number `SW-YYYYMM-NNNN` (拾物): a monthly sequence with no gaps.
    ItemNumber,
    "SW",
    "拾遗编号"
);

monthly_number!(
    /// A loss report's number `XW-YYYYMM-NNNN` (寻物): a monthly sequence with no gaps.
    ReportNumber,
    "XW",
    "寻物编号"
);

/// Who found the item, and how to reach them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finder {
    /// 员工, 业主/住户, 访客.
    pub kind: FinderKind,
    /// 姓名.
    pub name: String,
    /// 电话 (stored in full, shown masked); needed unless the finder is staff.
    pub phone: Option<Mobile>,
    /// The staff member, when the finder is one.
    pub staff: Option<StaffId>,
}

/// An item as the desk logs it when it is handed in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FoundItem {
    /// 类别: the one word the notice prints.
    pub category: Category,
    /// 物品名称 as the desk calls it (`黑色华为手机`): not on the notice.
    pub name: String,
    /// 特征: model, colour, marks, contents, amount — what only the owner would know; never
    /// printed on the notice.
    pub description: String,
    /// 拾获地点.
    pub place: String,
    /// 拾获时间.
    pub found_at: NaiveDateTime,
    /// 拾获人.
    pub finder: Finder,
    /// 存放位置 (shelf or box number).
    pub storage: String,
    /// The valuables it is or holds; empty for an ordinary item.
    pub valuables: Vec<Valuable>,
    /// 现金金额, counted before the witnesses: set exactly when it holds cash.
    pub cash: Option<Fen>,
    /// The two staff it was counted in front of (valuables only).
    pub witnesses: Vec<String>,
}

/// A field of [`FoundItem`], for putting a message beside it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ItemField {
    /// 物品名称.
    Name,
    /// 特征.
    Description,
    /// 拾获地点.
    Place,
    /// 拾获时间.
    FoundAt,
    /// 拾获人.
    Finder,
    /// 拾获人电话.
    FinderPhone,
    /// 存放位置.
    Storage,
    /// 现金金额.
    Cash,
    /// 清点见证人.
    Witnesses,
}

/// The longest name, place or storage text the desk keeps.
pub const MAX_SHORT: usize = 40;
/// The longest description.
pub const MAX_DESCRIPTION: usize = 500;

impl FoundItem {
    /// Whether it is a valuable, counted before two staff and kept by the supervisor.
    pub fn is_valuable(&self) -> bool {
        !self.valuables.is_empty()
    }

    /// Whether it holds an identity document, which goes to the police at once.
    pub fn has_id_card(&self) -> bool {
        self.valuables.contains(&Valuable::IdCard)
    }

    /// Checks the item as logged at `now`: each problem against its field, in words the
    /// receptionist can act on.
    pub fn check(&self, now: NaiveDateTime) -> Vec<(ItemField, String)> {
        let mut out = Vec::new();
        let mut short = |field: ItemField, text: &str, blank: &str, what: &str| {
            let t = text.trim();
            if t.is_empty() {
                out.push((field, blank.to_string()));
            } else if t.chars().count() > MAX_SHORT {
                out.push((field, format!("{what}太长，最多{MAX_SHORT}字")));
            }
        };
        short(
            ItemField::Name,
            &self.name,
            "请填写物品名称，例如 黑色手机",
            "物品名称",
        );
        short(
            ItemField::Place,
            &self.place,
            "请填写拾获地点，例如 1号楼大堂",
            "拾获地点",
        );
        short(
            ItemField::Storage,
            &self.storage,
            "请填写存放位置（货架或箱号），例如 A架2层",
            "存放位置",
        );
        if self.description.trim().chars().count() > MAX_DESCRIPTION {
            out.push((
                ItemField::Description,
                format!("特征太长，最多{MAX_DESCRIPTION}字"),
            ));
        }
        if self.found_at > now + Duration::minutes(1) {
            out.push((
                ItemField::FoundAt,
                "拾获时间晚于现在，请核对拾获时间".to_string(),
            ));
        }
        if let Err(e) = validate_name(&self.finder.name) {
            out.push((ItemField::Finder, format!("拾获人{e}")));
        }
        if self.finder.kind != FinderKind::Staff && self.finder.phone.is_none() {
            out.push((
                ItemField::FinderPhone,
                "请填写拾获人的手机号，以便联系".to_string(),
            ));
        }
        let cash = self.valuables.contains(&Valuable::Cash);
        match self.cash {
            None if cash => out.push((
                ItemField::Cash,
                "有现金：请当面清点后填写金额，例如 320.50".to_string(),
            )),
            Some(f) if cash && f.0 <= 0 => {
                out.push((ItemField::Cash, "现金金额应大于0".to_string()))
            }
            Some(_) if !cash => {
                out.push((ItemField::Cash, "没有勾选现金，就不要填写金额".to_string()))
            }
            _ => {}
        }
        if self.is_valuable() {
            let names: Vec<&str> = self
                .witnesses
                .iter()
                .map(|w| w.trim())
                .filter(|w| !w.is_empty())
                .collect();
            if names.len() != 2 {
                out.push((
                    ItemField::Witnesses,
                    "贵重物品须在两名员工面前清点：请选择两名见证人".to_string(),
                ));
            } else if names[0] == names[1] {
                out.push((ItemField::Witnesses, "两名见证人须是不同的人".to_string()));
            }
        }
        out
    }
}

#[cfg(test)]
mod tests;
