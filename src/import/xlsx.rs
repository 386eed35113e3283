//! Reading a roster workbook (.xlsx) with calamine, cell by cell.
//!
//! calamine's `worksheet_range` builds a dense grid over the extent of the used cells, so one
//! cell at XFD1048576 asks for 17 billion cells. Here the cells are streamed
//! (`worksheet_cells_reader`) into sparse rows under [`super::limits`], after the zip itself
//! was checked (sizes, CRCs). calamine panics on a few malformed cell references (arithmetic
//! overflow in debug builds); such a panic is caught and reported as a damaged file.

use std::io::Cursor;
use std::panic::{AssertUnwindSafe, catch_unwind};

use calamine::{DataRef, Reader, SheetType, SheetVisible, Xlsx, XlsxError};

use super::cell::Cell;
use super::sheet::{Sheet, SheetBuilder};
use super::{ImportError, Progress};

/// How often (in rows) reading reports progress.
const PROGRESS_EVERY: usize = 1_000;

/// Opens the workbook and reads its worksheets, visible ones first, in tab order.
pub(crate) fn read_sheets(
    bytes: &[u8],
    progress: &mut dyn FnMut(Progress),
) -> Result<Vec<Sheet>, ImportError> {
    super::limits::check_zip(bytes)?;
    match catch_unwind(AssertUnwindSafe(|| read_checked(bytes, progress))) {
        Ok(result) => result,
        Err(_) => Err(ImportError::Xlsx {
            detail: "文件内部的单元格地址或结构无法识别".to_owned(),
        }),
    }
}

fn xlsx_error(sheet: &str, e: &XlsxError) -> ImportError {
    ImportError::Xlsx {
        detail: if sheet.is_empty() {
            e.to_string()
        } else {
            format!("工作表“{sheet}”：{e}")
        },
    }
}

fn read_checked(
    bytes: &[u8],
    progress: &mut dyn FnMut(Progress),
) -> Result<Vec<Sheet>, ImportError> {
    let mut workbook: Xlsx<_> =
        Xlsx::new(Cursor::new(bytes)).map_err(|e: XlsxError| xlsx_error("", &e))?;
    let mut names: Vec<(bool, String)> = workbook
        .sheets_metadata()
        .iter()
        .filter(|s| s.typ == SheetType::WorkSheet)
        .map(|s| (s.visible != SheetVisible::Visible, s.name.clone()))
        .collect();
    // Stable: hidden sheets after visible ones, tab order kept within each group.
    names.sort_by_key(|(hidden, _)| *hidden);
    let mut sheets = Vec::with_capacity(names.len());
    let mut cells_so_far = 0usize;
    for (hidden, name) in names {
        let mut builder = SheetBuilder::new(name.clone(), hidden);
        let mut reader = match workbook.worksheet_cells_reader(&name) {
            Ok(reader) => reader,
            // A chart or dialog sheet listed as a worksheet: nothing to read.
            Err(XlsxError::NotAWorksheet(_)) => {
                sheets.push(builder.finish());
                continue;
            }
            Err(e) => return Err(xlsx_error(&name, &e)),
        };
        let mut reported = 0usize;
        while let Some(record) = reader
            .next_cell_with_formula_metadata()
            .map_err(|e| xlsx_error(&name, &e))?
        {
            let (row, col) = (record.pos.0 as usize, record.pos.1 as usize);
            let cell = match (&record.value, &record.formula) {
                (DataRef::Empty, Some(_)) => Cell::FormulaWithoutValue,
                (value, _) => to_cell(value),
            };
            builder.push(row, col, cell, &mut cells_so_far)?;
            if row >= reported + PROGRESS_EVERY {
                reported = row;
                progress(Progress {
                    sheet: name.clone(),
                    rows: row + 1,
                });
            }
        }
        drop(reader);
        for m in workbook
            .merge_cells_by_sheet_name(&name)
            .map_err(|e| xlsx_error(&name, &e))?
        {
            builder.merge(
                (m.start.0 as usize, m.start.1 as usize),
                (m.end.0 as usize, m.end.1 as usize),
            )?;
        }
        sheets.push(builder.finish());
    }
    Ok(sheets)
}

/// One calamine cell.
fn to_cell(data: &DataRef<'_>) -> Cell {
    match data {
        DataRef::Empty => Cell::Empty,
        DataRef::String(s) => text(s),
        DataRef::SharedString(s) => text(s),
        DataRef::Int(i) => Cell::Number(*i as f64),
        DataRef::Float(f) => Cell::Number(*f),
        DataRef::Bool(b) => Cell::Text(if *b { "是" } else { "否" }.to_owned()),
        DataRef::DateTime(dt) if dt.is_datetime() => Cell::DateTime {
            serial: dt.as_f64(),
            is_1904: dt_is_1904(dt),
        },
        DataRef::DateTime(dt) => Cell::Number(dt.as_f64()),
        DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => Cell::IsoDateTime(s.clone()),
        DataRef::Error(e) => Cell::Error(e.to_string()),
    }
}

fn text(s: &str) -> Cell {
    if s.trim().is_empty() {
        Cell::Empty
    } else {
        Cell::Text(s.to_owned())
    }
}

/// Whether a calamine date counts from 1904 (calamine keeps the flag private, but its
/// equality compares it).
fn dt_is_1904(dt: &calamine::ExcelDateTime) -> bool {
    *dt == calamine::ExcelDateTime::new(dt.as_f64(), calamine::ExcelDateTimeType::DateTime, true)
}
