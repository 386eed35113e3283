//! 银行代扣 files: the request file the office sends the bank (.xlsx: 房号, 户名, 账号, 金额) and
//! the bank's result file (回盘, .xlsx or .csv in UTF-8 or GBK) read back by its Chinese headers.
//!
//! The result file is read with the roster import's own readers (the CSV decoding, the
//! worksheet streaming under the same limits, the header normalisation); only the columns and
//! what a cell means are the bank's. Every row that cannot be taken is named by its row number
//! and reason; the store then matches the good rows to the requests.

use std::path::Path;

use sha2::{Digest, Sha256};

use super::cell::{Cell, format_number};
use super::header::{HEADER_SEARCH_ROWS, normalize_header};
use super::sheet::{Row, Sheet};
use super::{ImportError, csv, limits, xlsx};
use crate::domain::date::parse_date;
use crate::domain::{Fen, Month, UnitAddress};
use crate::store::{BankResultRow, DebitRequest};

/// A column of the bank's result file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Col {
    Address,
    Holder,
    Account,
    Amount,
    Result,
    Date,
    Note,
}

/// Accepted headers, after [`normalize_header`]; the first is the one the messages name.
const HEADERS: &[(Col, &[&str])] = &[
    (
        Col::Address,
        &[
            "房号",
            "房屋",
            "房屋编号",
            "房间号",
            "房屋地址",
            "地址",
            "客户编号",
        ],
    ),
    (
        Col::Holder,
        &[
            "户名",
            "账户名",
            "账户名称",
            "户主",
            "姓名",
            "客户姓名",
            "持卡人",
        ],
    ),
    (
        Col::Account,
        &[
            "账号",
            "卡号",
            "银行账号",
            "银行卡号",
            "扣款账号",
            "账户",
            "帐号",
        ],
    ),
    (
        Col::Amount,
        &[
            "金额",
            "扣款金额",
            "实扣金额",
            "代扣金额",
            "交易金额",
            "应扣金额",
        ],
    ),
    (
        Col::Result,
        &[
            "扣款结果",
            "结果",
            "扣款状态",
            "处理结果",
            "交易结果",
            "状态",
        ],
    ),
    (
        Col::Date,
        &["扣款日期", "日期", "交易日期", "扣款时间", "处理日期"],
    ),
    (
        Col::Note,
        &["备注", "失败原因", "原因", "说明", "返回信息", "附言"],
    ),
];

/// The columns a result file must have.
const REQUIRED: [Col; 4] = [Col::Address, Col::Account, Col::Amount, Col::Result];

fn col_of(header: &str) -> Option<Col> {
    let key = normalize_header(header);
    HEADERS
        .iter()
        .find(|(_, names)| names.contains(&key.as_str()))
        .map(|(c, _)| *c)
}

fn label(col: Col) -> &'static str {
    HEADERS
        .iter()
        .find(|(c, _)| *c == col)
        .and_then(|(_, names)| names.first())
        .copied()
        .unwrap_or("")
}

/// The bank's result file as read: good rows, and the rows that cannot be taken.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BankFile {
    /// The file's name (for the receipts' note and the batch).
    pub file_name: String,
    /// SHA-256 of its bytes, in hex: the same file is never imported twice.
    pub sha256: String,
    /// The rows that could be read.
    pub rows: Vec<BankResultRow>,
    /// Rows that cannot be taken: row number (as the spreadsheet shows it) and reason.
    pub problems: Vec<(usize, String)>,
}

/// Why a result file could not be read at all.
#[derive(Debug, thiserror::Error)]
pub enum BankFileError {
    /// The file itself (missing, not .xlsx/.csv, damaged, not UTF-8/GBK, too big).
    #[error(transparent)]
    Read(#[from] ImportError),
    /// No sheet has the columns.
    #[error(
        "没有找到回盘文件的表头：前 {HEADER_SEARCH_ROWS} 行里没有一行同时含有 房号、账号、金额、扣款结果 这几列。请检查是不是银行的代扣回盘文件。能识别的列名有：{0}"
    )]
    NoHeader(String),
    /// The header is there, nothing under it.
    #[error("回盘文件第 {0} 行是表头，但下面没有任何扣款记录")]
    NoRows(usize),
}

fn expected() -> String {
    HEADERS
        .iter()
        .map(|(_, names)| names.join("/"))
        .collect::<Vec<_>>()
        .join("，")
}

/// Reads the bank's result file (.xlsx or .csv).
///
/// # Errors
/// [`BankFileError`] when the file cannot be read or has no result table; bad rows are not
/// errors but [`BankFile::problems`].
pub fn read_bank_results(path: &Path) -> Result<BankFile, BankFileError> {
    let is_csv = super::is_csv(path)?;
    let bytes = limits::read_file(path)?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    parse_bank_results(&name, &bytes, is_csv)
}

/// Reads a result file from its bytes; `csv` says it was named .csv (a workbook renamed .csv is
/// still read as a workbook).
///
/// # Errors
/// As [`read_bank_results`].
pub fn parse_bank_results(
    file_name: &str,
    bytes: &[u8],
    csv_file: bool,
) -> Result<BankFile, BankFileError> {
    let sheets = if csv_file && !bytes.starts_with(b"PK\x03\x04") {
        let text = csv::decode(bytes)?;
        vec![csv::parse(&text, &mut |_| {})?]
    } else {
        xlsx::read_sheets(bytes, &mut |_| {})?
    };
    let sha256 = Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let mut file = BankFile {
        file_name: file_name.to_string(),
        sha256,
        ..BankFile::default()
    };
    let Some((sheet, header, columns)) = sheets.iter().find_map(header_of) else {
        return Err(BankFileError::NoHeader(expected()));
    };
    for row in sheet.rows.iter().filter(|r| r.number > header) {
        read_row(row, &columns, &mut file);
    }
    if file.rows.is_empty() && file.problems.is_empty() {
        return Err(BankFileError::NoRows(header));
    }
    Ok(file)
}

/// A sheet with its header row's number and the columns found in it.
type Found<'a> = (&'a Sheet, usize, Vec<(usize, Col)>);

/// The sheet's header row (its number) and columns, if one of its first rows has them all.
fn header_of(sheet: &Sheet) -> Option<Found<'_>> {
    for row in sheet.rows.iter().take(HEADER_SEARCH_ROWS) {
        let mut columns: Vec<(usize, Col)> = Vec::new();
        for (i, text) in row.display().iter().enumerate() {
            if let Some(c) = col_of(text)
                && !columns.iter().any(|(_, seen)| *seen == c)
            {
                columns.push((i, c));
            }
        }
        if REQUIRED.iter().all(|r| columns.iter().any(|(_, c)| c == r)) {
            return Some((sheet, row.number, columns));
        }
    }
    None
}

/// A cell as text, or why it cannot be taken.
fn text(cell: &Cell, col: Col) -> Result<String, String> {
    match cell {
        Cell::Empty | Cell::FormulaWithoutValue => Ok(String::new()),
        Cell::Error(e) => Err(format!("“{}”列是公式错误（{e}）", label(col))),
        // An account typed as a number keeps only 15 digits; Excel shows it as 6.22E+18.
        Cell::Number(v) if col == Col::Account && v.abs() >= 1e15 => Err(
            "账号被Excel存成了数字（显示成 6.22E+18 这样），后几位已丢失；请向银行要原始文件，或把该列设为文本后重新填写".into(),
        ),
        Cell::Number(v) => Ok(format_number(*v)),
        Cell::DateTime { .. } | Cell::IsoDateTime(_) => Ok(cell.display()),
        Cell::Text(s) => {
            let t = s.trim();
            // `="6222…"`: some exports keep digits as text this way.
            Ok(t.strip_prefix("=\"")
                .and_then(|r| r.strip_suffix('"'))
                .unwrap_or(t)
                .trim()
                .to_string())
        }
    }
}

/// Whether the bank's words mean the debit went through: `Some(true)` for success,
/// `Some(false)` for a failure of any kind, `None` when they say neither.
fn outcome(result: &str) -> Option<bool> {
    let t = normalize_header(result);
    const FAILED: [&str; 12] = [
        "失败",
        "不成功",
        "未成功",
        "余额不足",
        "拒绝",
        "退回",
        "错误",
        "无效",
        "冻结",
        "销户",
        "不符",
        "未扣",
    ];
    if FAILED.iter().any(|w| t.contains(w)) || t == "fail" || t == "failed" || t == "f" {
        return Some(false);
    }
    if t.contains("成功") || t == "已扣款" || t == "扣款完成" || t == "success" || t == "s"
    {
        return Some(true);
    }
    None
}

fn read_row(row: &Row, columns: &[(usize, Col)], file: &mut BankFile) {
    let mut values: Vec<(Col, String)> = Vec::with_capacity(columns.len());
    let mut why: Vec<String> = Vec::new();
    for &(i, col) in columns {
        match text(row.get(i), col) {
            Ok(t) => values.push((col, t)),
            Err(e) => {
                why.push(e);
                values.push((col, String::new()));
            }
        }
    }
    let get = |c: Col| {
        values
            .iter()
            .find(|(col, _)| *col == c)
            .map_or("", |(_, t)| t.as_str())
    };
    let address_text = get(Col::Address);
    // A totals line under the table (合计 / 总计) is not a debit.
    if ["合计", "总计", "小计"]
        .iter()
        .any(|w| address_text.starts_with(w))
    {
        return;
    }
    if values.iter().all(|(_, t)| t.is_empty()) && why.is_empty() {
        return;
    }
    let address = match UnitAddress::parse(address_text) {
        Ok(a) => Some(a),
        Err(_) if address_text.is_empty() => {
            why.push("没有房号".into());
            None
        }
        Err(_) => {
            why.push(format!("房号看不懂：“{address_text}”，应为 3-2-1502 这样"));
            None
        }
    };
    let amount = match Fen::parse(get(Col::Amount)) {
        Ok(f) if f.0 > 0 => Some(f),
        Ok(_) => {
            why.push("金额应大于0".into());
            None
        }
        Err(e) => {
            why.push(format!("金额看不懂：“{}”（{e}）", get(Col::Amount)));
            None
        }
    };
    let result_text = get(Col::Result);
    let ok = outcome(result_text);
    if ok.is_none() {
        why.push(format!(
            "扣款结果看不懂：“{result_text}”，应为 成功 或 失败（可附原因）"
        ));
    }
    let account = get(Col::Account);
    if account.is_empty() && !why.iter().any(|w| w.starts_with("账号")) {
        why.push("没有账号".into());
    }
    let date_text = get(Col::Date);
    let date = match date_text.get(..10).unwrap_or(date_text) {
        "" => None,
        d => match parse_date(d) {
            Ok(d) => Some(d),
            Err(_) => {
                why.push(format!("扣款日期看不懂：“{date_text}”"));
                None
            }
        },
    };
    if !why.is_empty() {
        file.problems.push((row.number, why.join("；")));
        return;
    }
    let (Some(address), Some(amount), Some(ok)) = (address, amount, ok) else {
        return;
    };
    let mut note = get(Col::Note).to_string();
    if !ok && note.is_empty() && normalize_header(result_text) != "失败" {
        note = result_text.to_string();
    }
    file.rows.push(BankResultRow {
        row: row.number,
        address,
        holder: get(Col::Holder).to_string(),
        account: account.to_string(),
        amount,
        ok,
        note,
        date,
    });
}

/// Writes the bank's request file for `month`: one sheet, a header row 房号, 户名, 账号, 金额.
/// The account number is in full (the bank needs it) and in a text cell, so Excel keeps every
/// digit instead of showing 6.22E+18; the amount is yuan with two decimals.
///
/// # Errors
/// The file cannot be written (the message says which and why).
pub fn write_debit_requests(
    path: &Path,
    month: Month,
    rows: &[DebitRequest],
) -> Result<(), String> {
    let bytes = debit_request_bytes(month, rows).map_err(|e| format!("无法生成代扣文件：{e}"))?;
    std::fs::write(path, bytes).map_err(|e| {
        format!(
            "无法写入 {}：{e}。请确认文件夹可以写入，且同名文件没有在 Excel 中打开。",
            path.display()
        )
    })
}

fn debit_request_bytes(
    month: Month,
    rows: &[DebitRequest],
) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    use rust_xlsxwriter::{Format, Workbook};
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name(format!("代扣申请{}", month.code()))?;
    let head = Format::new().set_bold();
    let text = Format::new().set_num_format("@");
    let money = Format::new().set_num_format("0.00");
    for (c, (h, width)) in [
        ("房号", 12.0),
        ("户名", 12.0),
        ("账号", 26.0),
        ("金额", 12.0),
    ]
    .iter()
    .enumerate()
    {
        let c = c as u16;
        sheet.write_string_with_format(0, c, *h, &head)?;
        sheet.set_column_width(c, *width)?;
    }
    for (i, r) in rows.iter().enumerate() {
        let row = u32::try_from(i + 1).unwrap_or(u32::MAX);
        sheet.write_string_with_format(row, 0, r.address.short(), &text)?;
        sheet.write_string_with_format(row, 1, &r.holder, &text)?;
        sheet.write_string_with_format(row, 2, &r.account, &text)?;
        // The bank's systems add the column up, so the amount is a number cell; fen/100 as a
        // double is exact to the cent for any amount a household owes.
        sheet.write_number_with_format(row, 3, r.amount.0 as f64 / 100.0, &money)?;
    }
    book.save_to_buffer()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_banks_words_for_success_and_failure() {
        for s in ["成功", "扣款成功", "交易成功", "SUCCESS"] {
            assert_eq!(outcome(s), Some(true), "{s}");
        }
        for s in [
            "失败",
            "扣款失败",
            "余额不足",
            "账户冻结",
            "不成功",
            "户名不符",
        ] {
            assert_eq!(outcome(s), Some(false), "{s}");
        }
        for s in ["", "处理中", "?"] {
            assert_eq!(outcome(s), None, "{s}");
        }
    }

    #[test]
    fn bad_rows_are_named_and_good_rows_read() {
        let csv = "银行代扣回盘\n房号,户名,账号,金额（元）,扣款结果,扣款日期,失败原因\n\
                   3-2-1502,王建国,6222021234567890123,1409.50,成功,2026-11-25,\n\
                   3-2-1503,李四,6222021234567890124,abc,成功,2026-11-25,\n\
                   3-2-1504,张三,6222021234567890125,100,处理中,,\n\
                   5-1-0301,赵六,6222021234567890126,88.00,失败,2026/11/25,余额不足\n\
                   合计,,,1597.50,,,\n";
        let f = parse_bank_results("回盘.csv", csv.as_bytes(), true).unwrap();
        assert_eq!(f.rows.len(), 2);
        assert_eq!(f.rows[0].row, 3);
        assert_eq!(f.rows[0].amount, Fen(140_950));
        assert!(f.rows[0].ok);
        assert_eq!(f.rows[1].note, "余额不足");
        assert!(!f.rows[1].ok);
        let rows: Vec<usize> = f.problems.iter().map(|(r, _)| *r).collect();
        assert_eq!(rows, [4, 5]);
        assert!(f.problems[0].1.contains("金额看不懂"), "{:?}", f.problems);
        assert!(
            f.problems[1].1.contains("扣款结果看不懂"),
            "{:?}",
            f.problems
        );
        assert_eq!(f.sha256.len(), 64);
    }

    #[test]
    fn a_file_without_the_columns_says_which_it_needs() {
        let e = parse_bank_results("x.csv", "姓名,电话\n张三,1\n".as_bytes(), true)
            .unwrap_err()
            .to_string();
        assert!(e.contains("房号、账号、金额、扣款结果"), "{e}");
    }
}
