//! Units (房屋) of the estate and their occupancy status.

use serde::{Deserialize, Serialize};

use crate::domain::coded::coded;

use super::{Area, UnitAddress};

/// The row id of a unit in the register.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct UnitId(pub i64);

/// What the unit is used for right now, as the register shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum UnitStatus {
    /// 未售: still owned by the developer.
    #[default]
    Unsold,
    /// 空置: handed over, nobody lives there.
    Vacant,
    /// 已入住: lived in by the owner's household.
    Occupied,
    /// 装修中: under renovation.
    Renovating,
    /// 出租: let to tenants.
    Rented,
}

impl UnitStatus {
    /// The status a receptionist typed or a spreadsheet holds (`已入住`, `入住`, `出租` …).
    pub fn from_label(text: &str) -> Option<Self> {
        let t = text.trim();
        match t {
            "未售" | "待售" => Some(UnitStatus::Unsold),
            "空置" | "空置房" | "已交房" | "已交付" => Some(UnitStatus::Vacant),
            "已入住" | "入住" | "自住" | "在住" => Some(UnitStatus::Occupied),
            "装修中" | "装修" => Some(UnitStatus::Renovating),
            "出租" | "已出租" | "租赁" => Some(UnitStatus::Rented),
            _ => None,
        }
    }
}

coded!(UnitStatus {
    Unsold => "unsold", "未售";
    Vacant => "vacant", "空置";
    Occupied => "occupied", "已入住";
    Renovating => "renovating", "装修中";
    Rented => "rented", "出租";
});

/// A unit of the estate as the register keeps it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Unit {
    /// 楼栋-单元-房号.
    pub address: UnitAddress,
    /// 建筑面积.
    pub area: Area,
    /// 房屋状态.
    pub status: UnitStatus,
    /// 备注.
    pub note: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_and_labels_round_trip() {
        for &s in UnitStatus::ALL {
            assert_eq!(UnitStatus::from_code(s.code()), Some(s));
            assert_eq!(UnitStatus::from_label(s.label()), Some(s));
        }
        assert_eq!(UnitStatus::from_label(" 入住 "), Some(UnitStatus::Occupied));
        assert_eq!(UnitStatus::from_label("拆迁"), None);
    }
}
