//! Importing the owner roster (业主花名册) from the office's own spreadsheets.
//!
//! The reader takes an .xlsx workbook or a .csv file as offices really keep them — a
//! title row above the headers, `*` marks on required columns, units in brackets,
//! phone numbers typed as numbers, GBK-encoded CSV — and returns the rows as raw
//! strings found by their Chinese headers. It does not validate the values: turning
//! them into domain types (addresses, areas, ID numbers, mobiles) is the next step.
//!
//! Every worksheet that has the roster's headers is read (a workbook often holds one sheet
//! per building); the others are listed as skipped with the reason. The work is bounded by
//! the cells actually present and by [`limits`], never by what the file declares.
//!
//! Entry points: [`read_roster`] (the rows as text) and [`prepare`] (checked records). The
//! bank's auto-debit files ([`bank`]) are read with the same readers.

pub mod bank;
mod cell;
mod csv;
mod duplicates;
mod error;
mod header;
pub mod limits;
mod sheet;
mod table;
mod validate;
mod xlsx;

#[cfg(test)]
mod fuzz_tests;

use std::path::Path;

pub use error::ImportError;
pub use header::{Field, HEADER_SEARCH_ROWS, normalize_header};
pub use validate::{Prepared, SheetSummary, prepare, prepare_with, validate_book, validate_row};

/// One data row of the roster, as text; an empty string where the column is absent or
/// the cell is blank.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RawRosterRow {
    /// Row number as the spreadsheet shows it (1-based, title and blank rows counted).
    pub row: usize,
    /// 楼栋.
    pub building: String,
    /// 单元.
    pub entrance: String,
    /// 房号.
    pub room: String,
    /// A combined address column (房屋, or a 房号 column without 楼栋), e.g. `3-2-1502`.
    pub address: String,
    /// 建筑面积, decimals as typed (`89.5`).
    pub area: String,
    /// 房屋状态.
    pub status: String,
    /// 业主姓名.
    pub owner_name: String,
    /// 联系电话, digits only when the cell was a number.
    pub phone: String,
    /// 身份证号; empty when Excel destroyed it (see [`RosterTable::problems`]).
    pub id_number: String,
    /// 与业主关系.
    pub relation: String,
    /// 入住日期, `YYYY-MM-DD` when the cell was an Excel date.
    pub move_in: String,
    /// 紧急联系人.
    pub emergency_contact: String,
    /// 紧急联系电话.
    pub emergency_phone: String,
    /// 备注.
    pub note: String,
}

impl RawRosterRow {
    /// The slot for one field.
    fn slot(&mut self, field: Field) -> &mut String {
        match field {
            Field::Building => &mut self.building,
            Field::Entrance => &mut self.entrance,
            Field::Room => &mut self.room,
            Field::Address => &mut self.address,
            Field::Area => &mut self.area,
            Field::Status => &mut self.status,
            Field::OwnerName => &mut self.owner_name,
            Field::Phone => &mut self.phone,
            Field::IdNumber => &mut self.id_number,
            Field::Relation => &mut self.relation,
            Field::MoveIn => &mut self.move_in,
            Field::EmergencyContact => &mut self.emergency_contact,
            Field::EmergencyPhone => &mut self.emergency_phone,
            Field::Note => &mut self.note,
        }
    }

    /// The value of one field.
    pub fn get(&self, field: Field) -> &str {
        match field {
            Field::Building => &self.building,
            Field::Entrance => &self.entrance,
            Field::Room => &self.room,
            Field::Address => &self.address,
            Field::Area => &self.area,
            Field::Status => &self.status,
            Field::OwnerName => &self.owner_name,
            Field::Phone => &self.phone,
            Field::IdNumber => &self.id_number,
            Field::Relation => &self.relation,
            Field::MoveIn => &self.move_in,
            Field::EmergencyContact => &self.emergency_contact,
            Field::EmergencyPhone => &self.emergency_phone,
            Field::Note => &self.note,
        }
    }
}

/// A cell whose value Excel damaged, to be fixed in the sheet by the receptionist.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowProblem {
    /// Row number as the spreadsheet shows it.
    pub row: usize,
    /// The column's field.
    pub field: Field,
    /// The column's header as found in the sheet.
    pub column: String,
    /// What is wrong and how to fix it, in Chinese.
    pub message: String,
}

impl std::fmt::Display for RowProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "第{}行“{}”列：{}", self.row, self.column, self.message)
    }
}

/// The roster as read from one sheet.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RosterTable {
    /// The data rows, blank rows skipped, in sheet order.
    pub rows: Vec<RawRosterRow>,
    /// The recognised columns, left to right, with their headers as found.
    pub columns: Vec<(Field, String)>,
    /// Headers that were not recognised (or repeat a recognised one); their cells are
    /// not read.
    pub ignored_columns: Vec<String>,
    /// The worksheet the rows come from; empty for CSV.
    pub sheet: String,
    /// Row number of the header row, as the spreadsheet shows it.
    pub header_row: usize,
    /// Cells that could not be taken as they are; the field is left empty in the row.
    pub problems: Vec<RowProblem>,
}

impl RosterTable {
    /// Whether the sheet has a column for `field`.
    pub fn has_column(&self, field: Field) -> bool {
        self.columns.iter().any(|(f, _)| *f == field)
    }
}

/// The roster as read from a whole file: one table per sheet that has the headers.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RosterBook {
    /// The sheets read, in tab order (visible sheets first); one table for CSV.
    pub tables: Vec<RosterTable>,
    /// Sheets not read, with the reason.
    pub skipped: Vec<SkippedSheet>,
    /// Things the receptionist should know that do not stop the import (cells ignored far
    /// right of the roster).
    pub notes: Vec<String>,
}

/// A worksheet that was not read, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SkippedSheet {
    /// The sheet's tab name; empty for CSV.
    pub name: String,
    /// Why it was not read, in Chinese.
    pub reason: String,
}

impl std::fmt::Display for SkippedSheet {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.name.is_empty() {
            write!(f, "文件{}", self.reason)
        } else {
            write!(f, "工作表“{}”{}", self.name, self.reason)
        }
    }
}

/// How far reading has got, for a progress line: the sheet and its rows read so far.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Progress {
    /// The sheet being read; empty for CSV.
    pub sheet: String,
    /// Rows read so far in that sheet (the last row number reached).
    pub rows: usize,
}

impl std::fmt::Display for Progress {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.sheet.is_empty() {
            write!(f, "正在读取…第 {} 行", self.rows)
        } else {
            write!(f, "正在读取工作表“{}”…第 {} 行", self.sheet, self.rows)
        }
    }
}

/// Reads a roster file, choosing the format by extension (`.xlsx` or `.csv`, any case).
pub fn read_roster(path: &Path) -> Result<RosterBook, ImportError> {
    read_roster_with(path, &mut |_| {})
}

/// Whether `path` names a .csv (true) or an .xlsx (false) file; any other is refused by name.
pub(crate) fn is_csv(path: &Path) -> Result<bool, ImportError> {
    let extension = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    match extension.as_deref() {
        Some("xlsx") => Ok(false),
        Some("csv") => Ok(true),
        other => Err(ImportError::UnsupportedExtension {
            extension: other.map_or_else(|| "无扩展名".to_owned(), |e| format!(".{e}")),
        }),
    }
}

/// [`read_roster`], telling `progress` how far it has got every thousand rows or so.
pub fn read_roster_with(
    path: &Path,
    progress: &mut dyn FnMut(Progress),
) -> Result<RosterBook, ImportError> {
    let is_csv = is_csv(path)?;
    let bytes = limits::read_file(path)?;
    // A workbook renamed to .csv is still a workbook (zip signature).
    if is_csv && !bytes.starts_with(b"PK\x03\x04") {
        read_csv_with(&bytes, progress)
    } else {
        read_xlsx_with(&bytes, progress)
    }
}

/// Reads a roster from CSV bytes (UTF-8 with or without BOM, or GBK/GB18030).
pub fn read_roster_csv(bytes: &[u8]) -> Result<RosterBook, ImportError> {
    read_csv_with(bytes, &mut |_| {})
}

fn read_csv_with(
    bytes: &[u8],
    progress: &mut dyn FnMut(Progress),
) -> Result<RosterBook, ImportError> {
    let text = csv::decode(bytes)?;
    let sheet = csv::parse(&text, progress)?;
    table::book_from(&[sheet])
}

/// Reads a roster from the bytes of an .xlsx workbook: every worksheet (visible ones first,
/// in tab order) that has a recognisable header row.
pub fn read_roster_xlsx(bytes: &[u8]) -> Result<RosterBook, ImportError> {
    read_xlsx_with(bytes, &mut |_| {})
}

fn read_xlsx_with(
    bytes: &[u8],
    progress: &mut dyn FnMut(Progress),
) -> Result<RosterBook, ImportError> {
    let sheets = xlsx::read_sheets(bytes, progress)?;
    table::book_from(&sheets)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(csv_text: &str) -> Result<RosterTable, ImportError> {
        read_roster_csv(csv_text.as_bytes()).map(|mut book| book.tables.remove(0))
    }

    #[test]
    fn reads_rows_under_a_title() {
        let t = table(
            "阳光小区业主花名册,,,\n,,,\n序号,楼栋,单元,房号,业主姓名,手机\n1,3,2,1502,张三,13800138000\n2,,,,,\n3,3,2,1503,李四,\n",
        )
        .unwrap_or_default();
        assert_eq!(t.header_row, 3);
        assert_eq!(t.ignored_columns, vec!["序号".to_owned()]);
        let rows: Vec<usize> = t.rows.iter().map(|r| r.row).collect();
        assert_eq!(rows, vec![4, 6]);
        assert_eq!(t.rows[0].room, "1502");
        assert_eq!(t.rows[0].phone, "13800138000");
        assert_eq!(t.rows[1].owner_name, "李四");
        assert_eq!(t.rows[1].phone, "");
    }

    #[test]
    fn repeated_header_rows_are_skipped() {
        let t = table("楼栋,业主\n1,张三\n楼栋,业主\n2,李四\n").unwrap_or_default();
        assert_eq!(t.rows.len(), 2);
        assert_eq!(t.rows[1].row, 4);
    }

    #[test]
    fn combined_address_column() {
        let t = table("房号,户主,建筑面积（㎡）\n3-2-1502,张三,89.5\n").unwrap_or_default();
        assert_eq!(t.rows[0].address, "3-2-1502");
        assert_eq!(t.rows[0].room, "");
        assert_eq!(t.rows[0].area, "89.5");
        assert_eq!(t.columns[0], (Field::Address, "房号".to_owned()));
    }

    #[test]
    fn errors_name_what_to_fix() {
        let e = table("").err().map(|e| e.to_string()).unwrap_or_default();
        assert!(e.contains("空的"), "{e}");
        let e = table("姓名,电话\n张三,1\n")
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(
            e.contains("没有找到表头行") && e.contains("楼栋/楼号"),
            "{e}"
        );
        let e = table("楼栋,业主\n,,\n")
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(e.contains("第 1 行是表头"), "{e}");
        let e = read_roster(Path::new("花名册.xls"))
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(e.starts_with("只支持 .xlsx 和 .csv 文件"), "{e}");
        assert!(e.contains(".xls"), "{e}");
    }

    #[test]
    fn garbage_is_an_error_not_a_panic() {
        assert!(read_roster_xlsx(b"not a zip").is_err());
        assert!(read_roster_csv(&[0xFF, 0xFF, 0x00, 0x81]).is_err());
    }
}
