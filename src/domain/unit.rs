//! Units (房屋) of the estate and their occupancy status.

use serde::{Deserialize, Serialize};

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
    /// Every status, in the order the desk lists them.
    pub const ALL: [UnitStatus; 5] = [
        UnitStatus::Unsold,
        UnitStatus::Vacant,
        UnitStatus::Occupied,
        UnitStatus::Renovating,
        UnitStatus::Rented,
    ];

    /// The Chinese label the desk reads.
    pub fn label(self) -> &'static str {
        match self {
            UnitStatus::Unsold => "未售",
            UnitStatus::Vacant => "空置",
            UnitStatus::Occupied => "已入住",
            UnitStatus::Renovating => "装修中",
            UnitStatus::Rented => "出租",
        }
    }

    /// The stable code stored in the database (never shown).
    pub fn code(self) -> &'static str {
        match self {
            UnitStatus::Unsold => "unsold",
            UnitStatus::Vacant => "vacant",
            UnitStatus::Occupied => "occupied",
            UnitStatus::Renovating => "renovating",
            UnitStatus::Rented => "rented",
        }
    }

    /// The status stored under `code`, if it is one.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }

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

impl std::fmt::Display for UnitStatus {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.label())
    }
}

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
        for s in UnitStatus::ALL {
            assert_eq!(UnitStatus::from_code(s.code()), Some(s));
            assert_eq!(UnitStatus::from_label(s.label()), Some(s));
        }
        assert_eq!(UnitStatus::from_label(" 入住 "), Some(UnitStatus::Occupied));
        assert_eq!(UnitStatus::from_label("拆迁"), None);
    }
}
