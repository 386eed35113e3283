//! A validated line of an owner roster (业主花名册), ready to import.

use super::UnitAddress;
use super::area::Area;
use super::person::Person;
use super::unit::UnitStatus;

/// One spreadsheet row after every value in it was checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RosterRecord {
    /// The worksheet the row is on; empty for CSV (and for rosters built in code).
    pub sheet: String,
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

impl RosterRecord {
    /// Where the row is, as the receptionist finds it: `工作表“2号楼”第 5 行` or `第 5 行`.
    pub fn place(&self) -> String {
        place(&self.sheet, self.row)
    }
}

/// Why a row cannot be imported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowProblem {
    /// The worksheet the row is on; empty for CSV.
    pub sheet: String,
    /// The row number as the spreadsheet shows it.
    pub row: usize,
    /// What to fix, in Chinese.
    pub reason: String,
}

impl RowProblem {
    /// A problem on the row of `record`.
    pub fn at(record: &RosterRecord, reason: String) -> RowProblem {
        RowProblem {
            sheet: record.sheet.clone(),
            row: record.row,
            reason,
        }
    }
}

impl std::fmt::Display for RowProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}：{}", place(&self.sheet, self.row), self.reason)
    }
}

/// `工作表“X”第 N 行`, or `第 N 行` without a sheet.
pub fn place(sheet: &str, row: usize) -> String {
    if sheet.is_empty() {
        format!("第 {row} 行")
    } else {
        format!("工作表“{sheet}”第 {row} 行")
    }
}

/// What offices type in the owner column when a unit has no owner to name. Compared after
/// trimming, case-insensitively, with full-width ASCII folded (`ＮＵＬＬ`, `？？？`).
const PLACEHOLDER_NAMES: &[&str] = &[
    "无",
    "空",
    "空置",
    "空房",
    "闲置",
    "待售",
    "未售",
    "在售",
    "待定",
    "未知",
    "不详",
    "暂无",
    "没有",
    "无人",
    "无业主",
    "未入住",
    "未交房",
    "开发商",
    "业主",
    "姓名",
    "n/a",
    "na",
    "#n/a",
    "null",
    "none",
    "nil",
    "tbd",
    "x",
    "xx",
    "xxx",
    "0",
];

/// Whether an owner cell holds a placeholder rather than a name: one of the words offices use
/// for "nobody" (`无`, `空置`, `待售`, `NULL`, `#N/A` …), or nothing but punctuation and
/// symbols (`/`, `-`, `—`, `???`, `*`, `……`). Such a row must not create an owner, nor make the
/// unit count as 已入住.
pub fn is_placeholder_name(text: &str) -> bool {
    let folded: String = text
        .trim()
        .chars()
        .map(|c| match c {
            '\u{3000}' => ' ',
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFF01 + 0x21).unwrap_or(c),
            _ => c,
        })
        .flat_map(char::to_lowercase)
        .collect();
    let folded = folded.trim();
    if folded.is_empty() {
        return false;
    }
    PLACEHOLDER_NAMES.contains(&folded) || folded.chars().all(|c| !c.is_alphanumeric())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_not_names() {
        for p in [
            "无",
            " 空置 ",
            "/",
            "-",
            "--",
            "—",
            "待售",
            "#N/A",
            "NULL",
            "null",
            "???",
            "？？？",
            "ＮＵＬＬ",
            "*",
            "……",
            "N/A",
            "x",
        ] {
            assert!(is_placeholder_name(p), "{p}");
        }
        for name in [
            "张伟",
            "阿依古丽·买买提",
            "Smith",
            "无名氏",
            "空空",
            "李-王",
            "",
        ] {
            assert!(!is_placeholder_name(name), "{name}");
        }
    }

    #[test]
    fn places_name_the_sheet_when_there_is_one() {
        let p = RowProblem {
            sheet: "2号楼".into(),
            row: 5,
            reason: "缺少面积".into(),
        };
        assert_eq!(p.to_string(), "工作表“2号楼”第 5 行：缺少面积");
        let csv = RowProblem {
            sheet: String::new(),
            ..p
        };
        assert_eq!(csv.to_string(), "第 5 行：缺少面积");
    }
}
