//! Why a roster file could not be read at all, in words for the receptionist.

use std::path::PathBuf;

use super::header::{self, HEADER_SEARCH_ROWS};
use super::sheet::sheet_prefix;

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
    /// The file asks for more work than any roster needs (size, entries, cells, merges).
    #[error(
        "文件太大或内容过多（{detail}），不像是业主花名册。请只保留花名册所在的工作表，删除多余的内容后另存为新文件再导入。"
    )]
    TooBig {
        /// What exceeded which bound.
        detail: String,
    },
    /// A zip entry of the workbook failed its CRC or could not be inflated.
    #[error(
        "Excel 文件已损坏：其中的“{entry}”校验失败（{detail}）。照这样读出来的面积、电话或身份证号可能是错的，所以没有导入任何数据。请用原始文件或备份重新保存后再导入。"
    )]
    Damaged {
        /// The entry's name inside the zip.
        entry: String,
        /// What the zip reader reported.
        detail: String,
    },
    /// A cell so far down that reading up to it is absurd for a roster.
    #[error(
        "{}的单元格 {cell} 在第 {row} 行，花名册不会有这么多行（最多 {max} 行）。这多半是误输入的内容：请在 Excel 中删除这个单元格所在的行后保存，再导入。",
        place(sheet),
        max = super::limits::MAX_ROWS
    )]
    FarCell {
        /// The worksheet; empty for CSV.
        sheet: String,
        /// The cell's name, e.g. `XFD1048576`.
        cell: String,
        /// Its row number.
        row: usize,
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

/// `工作表“X”` for a worksheet, `文件` for CSV.
fn place(sheet: &str) -> String {
    if sheet.is_empty() {
        "文件".to_owned()
    } else {
        sheet_prefix(sheet)
    }
}
