//! One [`Workbook`] as .xlsx bytes: bold Chinese headers in a frozen first row, columns as wide
//! as their longest value, dates and times as real dates, money as yuan with a ¥ format. The
//! document's creation time is fixed by the caller, so the same register gives the same bytes.

use chrono::{Datelike, NaiveDate, NaiveDateTime, Timelike};
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, XlsxError};

use super::table::{Cell, Sheet, Workbook};

/// Excel's limit on the characters in one cell.
const CELL_LIMIT: usize = 32_767;
/// What ends a text cut at [`CELL_LIMIT`].
const CUT_NOTE: &str = "……（内容超过表格单元格上限，以下从略）";

/// Narrowest and widest column, in character widths.
const MIN_WIDTH: usize = 6;
const MAX_WIDTH: usize = 60;

/// The cell formats of one workbook.
struct Formats {
    header: Format,
    date: Format,
    time: Format,
    money: Format,
    ratio: Format,
    plain: Format,
}

impl Formats {
    fn new() -> Formats {
        Formats {
            header: Format::new().set_bold(),
            date: Format::new().set_num_format("yyyy-mm-dd"),
            time: Format::new().set_num_format("yyyy-mm-dd hh:mm"),
            money: Format::new().set_num_format("¥#,##0.00"),
            ratio: Format::new().set_num_format("0.0%"),
            plain: Format::new(),
        }
    }
}

/// Writes `book` as .xlsx bytes with `created` as its document creation time.
///
/// # Errors
/// A sheet name Excel refuses, or a date outside Excel's range (1900–9999).
pub fn workbook_bytes(book: &Workbook, created: NaiveDateTime) -> Result<Vec<u8>, XlsxError> {
    let mut out = rust_xlsxwriter::Workbook::new();
    let properties = DocProperties::new()
        .set_title(book.name)
        .set_comment(book.about)
        .set_author("物业客服台 wuye-desk")
        .set_creation_datetime(&excel_time(created)?);
    out.set_properties(&properties);
    let formats = Formats::new();
    for sheet in &book.sheets {
        write_sheet(out.add_worksheet(), sheet, &formats)?;
    }
    if book.sheets.is_empty() {
        // A workbook needs one sheet to open; an empty register still says what it is.
        out.add_worksheet().set_name(book.name)?;
    }
    out.save_to_buffer()
}

fn write_sheet(
    ws: &mut rust_xlsxwriter::Worksheet,
    sheet: &Sheet,
    f: &Formats,
) -> Result<(), XlsxError> {
    ws.set_name(&sheet.name)?;
    let mut widths: Vec<usize> = sheet.headers.iter().map(|h| display_width(h)).collect();
    for (col, header) in sheet.headers.iter().enumerate() {
        ws.write_string_with_format(0, col as u16, *header, &f.header)?;
    }
    for (r, row) in sheet.rows.iter().enumerate() {
        let r = r as u32 + 1;
        for (c, cell) in row.iter().enumerate() {
            let col = c as u16;
            let width = match cell {
                Cell::Empty => 0,
                Cell::Text(s) => {
                    ws.write_string_with_format(r, col, fit_cell(s).as_ref(), &f.plain)?;
                    display_width(s)
                }
                Cell::Int(n) => {
                    ws.write_number_with_format(r, col, *n as f64, &f.plain)?;
                    n.to_string().len()
                }
                Cell::Money(fen) => {
                    // Fen are whole numbers: dividing by 100 gives the nearest double to the
                    // yuan amount, which Excel shows exactly with two decimals.
                    ws.write_number_with_format(r, col, fen.0 as f64 / 100.0, &f.money)?;
                    fen.0.abs().to_string().len() + 6
                }
                Cell::Date(d) => {
                    ws.write_datetime_with_format(r, col, excel_date(*d)?, &f.date)?;
                    10
                }
                Cell::Time(t) => {
                    ws.write_datetime_with_format(r, col, excel_time(*t)?, &f.time)?;
                    16
                }
                Cell::Ratio(x) => {
                    ws.write_number_with_format(r, col, *x, &f.ratio)?;
                    6
                }
            };
            if let Some(w) = widths.get_mut(c) {
                *w = (*w).max(width);
            }
        }
    }
    for (c, w) in widths.iter().enumerate() {
        ws.set_column_width(c as u16, (w + 2).clamp(MIN_WIDTH, MAX_WIDTH) as f64)?;
    }
    ws.set_freeze_panes(1, 0)?;
    Ok(())
}

/// `s` cut to what one Excel cell holds (a long 操作日志 entry's JSON can exceed it), saying so
/// at the cut rather than failing the whole archive.
fn fit_cell(s: &str) -> std::borrow::Cow<'_, str> {
    // Excel counts UTF-16 units; a character outside the BMP counts two.
    if s.encode_utf16().count() <= CELL_LIMIT {
        return s.into();
    }
    let room = CELL_LIMIT - CUT_NOTE.encode_utf16().count();
    let mut used = 0;
    let mut out = String::new();
    for c in s.chars() {
        used += c.len_utf16();
        if used > room {
            break;
        }
        out.push(c);
    }
    out.push_str(CUT_NOTE);
    out.into()
}

/// Width in character cells: a CJK (or other wide) character counts two.
pub fn display_width(s: &str) -> usize {
    s.chars()
        .map(|c| if (c as u32) < 0x1100 { 1 } else { 2 })
        .sum()
}

fn excel_date(d: NaiveDate) -> Result<ExcelDateTime, XlsxError> {
    let year = u16::try_from(d.year()).map_err(|_| XlsxError::DateTimeRangeError(d.to_string()))?;
    ExcelDateTime::from_ymd(year, d.month() as u8, d.day() as u8)
}

fn excel_time(t: NaiveDateTime) -> Result<ExcelDateTime, XlsxError> {
    excel_date(t.date())?.and_hms(t.hour() as u16, t.minute() as u8, t.second())
}

#[cfg(test)]
mod tests {
    use std::io::Cursor;

    use calamine::{Data, Reader};
    use chrono::NaiveDate;

    use super::*;
    use crate::domain::money::Fen;

    #[test]
    fn money_dates_and_headers_read_back() {
        let mut sheet = Sheet::new("收款", &["收据号", "金额", "日期", "收缴率"]);
        let day = NaiveDate::from_ymd_opt(2026, 11, 30).unwrap();
        sheet.push(vec![
            Cell::text("SJ-1"),
            Cell::Money(Fen(123_456)),
            Cell::Date(day),
            Cell::Ratio(0.925),
        ]);
        let book = Workbook {
            name: "收费登记",
            about: "测试",
            sheets: vec![sheet, Sheet::new("空表", &["房号"])],
        };
        let at = day.and_hms_opt(23, 59, 59).unwrap();
        let bytes = workbook_bytes(&book, at).unwrap();
        assert_eq!(
            bytes,
            workbook_bytes(&book, at).unwrap(),
            "same input, same bytes"
        );
        let mut read = calamine::Xlsx::new(Cursor::new(bytes)).unwrap();
        let range = read.worksheet_range("收款").unwrap();
        assert_eq!(range.get((0, 1)), Some(&Data::String("金额".into())));
        assert_eq!(range.get((1, 1)), Some(&Data::Float(1234.56)));
        assert!(matches!(range.get((1, 2)), Some(Data::DateTime(_))));
        let empty = read.worksheet_range("空表").unwrap();
        assert_eq!(empty.get((0, 0)), Some(&Data::String("房号".into())));
        assert_eq!(display_width("3号楼A"), 6);

        let long = "字".repeat(40_000);
        let mut sheet = Sheet::new("日志", &["内容"]);
        sheet.push(vec![Cell::text(long)]);
        let book = Workbook {
            name: "操作日志",
            about: "测试",
            sheets: vec![sheet],
        };
        let mut read =
            calamine::Xlsx::new(Cursor::new(workbook_bytes(&book, at).unwrap())).unwrap();
        let range = read.worksheet_range("日志").unwrap();
        let Some(Data::String(cut)) = range.get((1, 0)) else {
            panic!("text cell");
        };
        assert_eq!(cut.encode_utf16().count(), CELL_LIMIT);
        assert!(cut.ends_with(CUT_NOTE));
    }
}
