//! 业主入住: the move-in procedure an owner goes through at the desk when a unit is handed over
//! (DOMAIN.md §1, chapter 1 of the procedure).
//!
//! Plain data and pure rules: the case's vocabulary and the 设置 lists here, the steps and their
//! order in [`steps`], the handover inspection and its defects in [`inspection`].

pub mod inspection;
pub mod steps;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::domain::coded::coded;

pub use inspection::{CheckItem, Defect, Inspection, Readings, ready_for_inspection2};
pub use steps::{
    MoveInStep, PastMoveIn, PastStep, StepDone, check_skip, may_do, missing_for_finish, next_step,
};

/// A move-in case's row id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct MoveInId(pub i64);

/// A defect's row id (a not-ok item of a handover inspection).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct DefectId(pub i64);

coded! {
    /// Where a case is: still at the desk, or finished one way or the other.
    MoveInState {
        /// 办理中.
        Open = ("open", "办理中"),
        /// 已入住: the unit is lived in from the move-in date.
        MovedIn = ("moved_in", "已入住"),
        /// 转装修: a renovation application follows; the unit is 装修中.
        Renovating = ("renovating", "转装修"),
    }
}

/// 前期物业服务协议 and 业主临时管理规约: the dates the owner signed them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Agreements {
    /// 前期物业服务协议 signed on.
    pub service_signed: NaiveDate,
    /// 业主临时管理规约 signed on.
    pub rules_signed: NaiveDate,
}

/// One kind of item handed over (领取物品) and how many.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemHanded {
    /// 钥匙, 猫眼, 门铃 … (the 设置 list, or typed).
    pub name: String,
    /// How many.
    pub qty: u32,
}

/// The item that goes through the keys tab (钥匙管理) rather than only onto the list.
pub const KEYS_ITEM: &str = "钥匙";

/// Items handed over at move-in unless 设置 says otherwise.
pub const DEFAULT_ITEMS: &[&str] = &[KEYS_ITEM, "猫眼", "门铃", "门禁卡", "水电卡"];

/// Areas of the handover inspection unless 设置 says otherwise.
pub const DEFAULT_AREAS: &[&str] = &[
    "入户门",
    "窗",
    "墙面",
    "地面",
    "天花",
    "给排水",
    "电气",
    "卫浴",
    "厨房",
    "智能化/对讲",
];

/// Documents handed out with the keys (发放居家手册等), printed on the 业主入住清单.
pub const HANDBOOKS: &[&str] = &["居家手册", "业主尊利手册", "贴心服务卡", "温馨提示"];

/// How a case ends (搬迁入住 or 装修申请).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finish {
    /// The move-in date (入住日期).
    pub moved_in: NaiveDate,
    /// A renovation application follows: the unit becomes 装修中 instead of 已入住.
    pub renovating: bool,
}

impl Finish {
    /// The state the case ends in.
    pub fn state(&self) -> MoveInState {
        if self.renovating {
            MoveInState::Renovating
        } else {
            MoveInState::MovedIn
        }
    }
}

/// Checks the items handed over: names given, no name twice, quantities above zero.
pub fn check_items(items: &[ItemHanded]) -> Result<(), String> {
    if items.is_empty() {
        return Err("请至少填写一项领取的物品，例如 钥匙 3".into());
    }
    let mut seen: Vec<&str> = Vec::new();
    for item in items {
        let name = item.name.trim();
        if name.is_empty() {
            return Err("物品名称不能为空，请填写或删除这一行".into());
        }
        if item.qty == 0 {
            return Err(format!("“{name}”的数量要大于 0，不领取请删除这一行"));
        }
        if seen.contains(&name) {
            return Err(format!("“{name}”写了两次，请合并成一行"));
        }
        seen.push(name);
    }
    Ok(())
}

/// A 设置 list (items, inspection areas) from its text, entries separated by `、`, commas,
/// semicolons or new lines (as 设置's other lists): blanks dropped, an entry written twice
/// refused.
pub fn parse_list(text: &str, what: &str) -> Result<Vec<String>, String> {
    let mut out: Vec<String> = Vec::new();
    for line in text
        .split(['、', ',', '，', '\n', ';', '；'])
        .map(str::trim)
        .filter(|l| !l.is_empty())
    {
        if out.iter().any(|o| o == line) {
            return Err(format!("{what}“{line}”写了两次，请删去一行"));
        }
        out.push(line.to_string());
    }
    if out.is_empty() {
        return Err(format!("{what}至少要有一项"));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn items_need_names_and_quantities() {
        let ok = [
            ItemHanded {
                name: "钥匙".into(),
                qty: 3,
            },
            ItemHanded {
                name: "门禁卡".into(),
                qty: 2,
            },
        ];
        assert!(check_items(&ok).is_ok());
        assert!(check_items(&[]).is_err());
        let zero = [ItemHanded {
            name: "猫眼".into(),
            qty: 0,
        }];
        assert!(check_items(&zero).unwrap_err().contains("猫眼"));
        let twice = [ok[0].clone(), ok[0].clone()];
        assert!(check_items(&twice).unwrap_err().contains("两次"));
    }

    #[test]
    fn lists_drop_blanks_and_refuse_repeats() {
        assert_eq!(
            parse_list("钥匙\n\n 猫眼 \n", "物品").unwrap(),
            vec!["钥匙", "猫眼"]
        );
        assert!(
            parse_list("钥匙\n钥匙", "物品")
                .unwrap_err()
                .contains("两次")
        );
        assert_eq!(
            parse_list("入户门、智能化/对讲，窗", "验收部位").unwrap(),
            vec!["入户门", "智能化/对讲", "窗"]
        );
        assert!(parse_list("  \n", "验收部位").unwrap_err().contains("至少"));
    }
}
