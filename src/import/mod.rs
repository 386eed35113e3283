//! Importing the owner roster (业主花名册) from the office's own spreadsheets.
//!
//! The reader takes an .xlsx workbook or a .csv file as offices really keep them — a
//! title row above the headers, `*` marks on required columns, units in brackets,
//! phone numbers typed as numbers, GBK-encoded CSV — and returns the rows as raw
//! strings found by their Chinese headers. It does not validate the values: turning
//! them into domain types (addresses, areas, ID numbers, mobiles) is the next step.
//!
//! Entry point: [`read_roster`].

mod cell;
mod csv;
mod header;
mod validate;
mod xlsx;

use std::path::{Path, PathBuf};

pub use header::{Field, HEADER_SEARCH_ROWS, normalize_header};
pub use validate::{Prepared, prepare, validate_row, validate_table};

use cell::Cell;
use header::{HeaderMap, find_header_row};

/// Rows of a sheet as `(row number as Excel shows it, cells from column A)`.
pub(crate) type Grid = Vec<(usize, Vec<Cell>)>;

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

/// Why a roster file could not be read at all. Messages are for the receptionist.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The file could not be read from disk.
    #[error("无法读取文件“{path}”：{source}。请确认文件存在，并且没有在 Excel 或其他程序中打开。")]
    Io {
        /// The file.
        path: PathBuf,
        /// The operating system's error.
        #[source]
        source: std::io::Error,
    },
    /// Neither .xlsx nor .csv.
    #[error(
        "只支持 .xlsx 和 .csv 文件（所选文件是“{extension}”）。请在 Excel 中用“另存为”保存成 .xlsx 工作簿或 CSV 后再导入。"
    )]
    UnsupportedExtension {
        /// The extension found, e.g. `.xls`, or `无扩展名`.
        extension: String,
    },
    /// The workbook could not be opened.
    #[error(
        "无法打开 Excel 文件（{detail}）。文件可能已损坏、设置了打开密码，或其实是旧版 .xls 文件改了扩展名。请在 Excel 中打开它，取消密码后“另存为” .xlsx 再导入。"
    )]
    Xlsx {
        /// What calamine reported.
        detail: String,
    },
    /// The CSV text is malformed.
    #[error("CSV 文件第 {row} 行格式有误（{detail}），请在 Excel 中打开检查后重新保存。")]
    Csv {
        /// Row number (line) where reading failed.
        row: usize,
        /// What the CSV reader reported.
        detail: String,
    },
    /// The CSV bytes are neither UTF-8 nor GBK.
    #[error(
        "CSV 文件的文字编码无法识别（既不是 UTF-8 也不是 GBK）。请在 Excel 中“另存为” “CSV UTF-8（逗号分隔）”后再导入。"
    )]
    Encoding,
    /// Nothing in the file or sheet.
    #[error("{}", empty_message(sheet))]
    EmptySheet {
        /// The worksheet; empty for CSV.
        sheet: String,
    },
    /// No sheet has a header row with both a unit and an owner column.
    #[error(
        "没有找到表头行：在{where_}的前 {rows} 行里，没有一行同时含有房屋列（楼栋、房号或房屋地址）和业主姓名列。请检查表头的写法。能识别的列名有：{expected}。",
        where_ = searched_text(sheets),
        rows = HEADER_SEARCH_ROWS,
        expected = header::expected_headers_text()
    )]
    NoHeaderRow {
        /// The worksheets searched; empty for CSV.
        sheets: Vec<String>,
    },
    /// The header row was found but no data row follows it.
    #[error(
        "{}第 {header_row} 行是表头，但下面没有任何业主数据。",
        sheet_prefix(sheet)
    )]
    NoDataRows {
        /// The worksheet; empty for CSV.
        sheet: String,
        /// Row number of the header row.
        header_row: usize,
    },
}

fn empty_message(sheet: &str) -> String {
    if sheet.is_empty() {
        "文件是空的，没有任何内容。".to_owned()
    } else {
        format!("工作表“{sheet}”是空的，没有任何内容。")
    }
}

fn searched_text(sheets: &[String]) -> String {
    if sheets.is_empty() {
        "文件".to_owned()
    } else {
        let names: Vec<String> = sheets.iter().map(|s| format!("“{s}”")).collect();
        format!("工作表{}", names.join("、"))
    }
}

fn sheet_prefix(sheet: &str) -> String {
    if sheet.is_empty() {
        String::new()
    } else {
        format!("工作表“{sheet}”")
    }
}

/// Reads a roster file, choosing the format by extension (`.xlsx` or `.csv`, any case).
pub fn read_roster(path: &Path) -> Result<RosterTable, ImportError> {
    let extension = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    let is_csv = match extension.as_deref() {
        Some("xlsx") => false,
        Some("csv") => true,
        other => {
            return Err(ImportError::UnsupportedExtension {
                extension: other.map_or_else(|| "无扩展名".to_owned(), |e| format!(".{e}")),
            });
        }
    };
    let bytes = std::fs::read(path).map_err(|source| ImportError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    // A workbook renamed to .csv is still a workbook (zip signature).
    if is_csv && !bytes.starts_with(b"PK\x03\x04") {
        read_roster_csv(&bytes)
    } else {
        read_roster_xlsx(&bytes)
    }
}

/// Reads a roster from CSV bytes (UTF-8 with or without BOM, or GBK/GB18030).
pub fn read_roster_csv(bytes: &[u8]) -> Result<RosterTable, ImportError> {
    let text = csv::decode(bytes)?;
    let grid = csv::parse(&text)?;
    if grid
        .iter()
        .all(|(_, cells)| cells.iter().all(Cell::is_blank))
    {
        return Err(ImportError::EmptySheet {
            sheet: String::new(),
        });
    }
    build_table(String::new(), &grid)?.ok_or(ImportError::NoHeaderRow { sheets: Vec::new() })
}

/// Reads a roster from the bytes of an .xlsx workbook: the first worksheet (visible ones
/// first, in tab order) that has a recognisable header row.
pub fn read_roster_xlsx(bytes: &[u8]) -> Result<RosterTable, ImportError> {
    let sheets = xlsx::read_sheets(bytes)?;
    let mut searched = Vec::new();
    for sheet in &sheets {
        if let Some(table) = build_table(sheet.name.clone(), &sheet.grid)? {
            return Ok(table);
        }
        if sheet
            .grid
            .iter()
            .any(|(_, c)| !c.iter().all(Cell::is_blank))
        {
            searched.push(sheet.name.clone());
        }
    }
    if searched.is_empty() {
        return Err(ImportError::EmptySheet {
            sheet: sheets.first().map(|s| s.name.clone()).unwrap_or_default(),
        });
    }
    Err(ImportError::NoHeaderRow { sheets: searched })
}

/// Builds the table from one sheet's rows; `None` when the sheet has no header row.
fn build_table(sheet: String, grid: &Grid) -> Result<Option<RosterTable>, ImportError> {
    let top: Vec<Vec<String>> = grid
        .iter()
        .take_while(|(row, _)| *row <= HEADER_SEARCH_ROWS)
        .map(|(_, cells)| cells.iter().map(Cell::display).collect())
        .collect();
    let Some((header_index, map)) = find_header_row(&top) else {
        return Ok(None);
    };
    let header_row = grid.get(header_index).map_or(0, |(row, _)| *row);
    let mut table = RosterTable {
        columns: map
            .columns
            .iter()
            .map(|(_, f, h)| (*f, h.clone()))
            .collect(),
        ignored_columns: map.ignored.clone(),
        sheet,
        header_row,
        ..RosterTable::default()
    };
    for (row, cells) in grid.iter().skip(header_index + 1) {
        let cell_at = |col: usize| cells.get(col).unwrap_or(&Cell::Empty);
        let mapped = || map.columns.iter().map(|(col, f, h)| (cell_at(*col), *f, h));
        if mapped().all(|(c, _, _)| c.is_blank()) || repeats_header(&map, cells) {
            continue;
        }
        let mut raw = RawRosterRow {
            row: *row,
            ..RawRosterRow::default()
        };
        for (cell, field, column) in mapped() {
            match cell.value_for(field) {
                Ok(value) => *raw.slot(field) = value,
                Err(message) => table.problems.push(RowProblem {
                    row: *row,
                    field,
                    column: column.clone(),
                    message,
                }),
            }
        }
        table.rows.push(raw);
    }
    if table.rows.is_empty() {
        return Err(ImportError::NoDataRows {
            sheet: table.sheet,
            header_row,
        });
    }
    Ok(Some(table))
}

/// Whether a row repeats the header (sheets printed over several pages often do): at
/// least two of its cells are header names of their own columns, and no cell is data.
fn repeats_header(map: &HeaderMap, cells: &[Cell]) -> bool {
    let mut names = 0;
    for (col, field, _) in &map.columns {
        let text = cells.get(*col).map(Cell::display).unwrap_or_default();
        if text.is_empty() {
            continue;
        }
        if Field::from_header(&text) != Some(*field) {
            return false;
        }
        names += 1;
    }
    names >= 2
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(csv_text: &str) -> Result<RosterTable, ImportError> {
        read_roster_csv(csv_text.as_bytes())
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

    proptest::proptest! {
        #[test]
        fn any_bytes_give_a_result_not_a_panic(bytes in proptest::collection::vec(0u8..=255, 0..400)) {
            let _ = read_roster_csv(&bytes);
            let _ = read_roster_xlsx(&bytes);
        }

        #[test]
        fn any_csv_text_gives_a_result_not_a_panic(text in "[楼栋业主房号,\"\r\n 0-9a-z.E+]{0,200}") {
            let _ = read_roster_csv(text.as_bytes());
        }
    }
}
