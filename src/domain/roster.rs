//! A validated line of an owner roster (业主花名册), ready to import.

use super::UnitAddress;
use super::area::Area;
use super::person::Person;
use super::unit::UnitStatus;

/// One spreadsheet row after every value in it was checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RosterRecord {
    /// The row number as the spreadsheet shows it.
    pub row: usize,
    /// The unit.
    pub address: UnitAddress,
    /// 建筑面积, when the row gives it (merged cells leave it blank on later rows).
    pub area: Option<Area>,
    /// 房屋状态, when the row gives it.
    pub status: Option<UnitStatus>,
    /// The owner or resident on this row, if any.
    pub person: Option<Person>,
}

/// Why a row cannot be imported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowProblem {
    /// The row number as the spreadsheet shows it.
    pub row: usize,
    /// What to fix, in Chinese.
    pub reason: String,
}

impl std::fmt::Display for RowProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "第 {} 行：{}", self.row, self.reason)
    }
}
