//! Reading a roster workbook (.xlsx) with calamine.

use std::io::Cursor;

use calamine::{Data, Range, Reader, SheetType, SheetVisible, Xlsx};

use super::cell::Cell;
use super::{Grid, ImportError};

/// One worksheet as numbered rows of cells.
pub(crate) struct Sheet {
    /// The sheet's tab name.
    pub name: String,
    /// Rows, numbered from 1 as Excel shows them; columns start at column A.
    pub grid: Grid,
}

/// Opens the workbook and reads its worksheets, visible ones first, in tab order.
pub(crate) fn read_sheets(bytes: &[u8]) -> Result<Vec<Sheet>, ImportError> {
    let mut workbook: Xlsx<_> =
        calamine::open_workbook_from_rs(Cursor::new(bytes)).map_err(|e: calamine::XlsxError| {
            ImportError::Xlsx {
                detail: e.to_string(),
            }
        })?;
    let mut names: Vec<(bool, String)> = workbook
        .sheets_metadata()
        .iter()
        .filter(|s| s.typ == SheetType::WorkSheet)
        .map(|s| (s.visible != SheetVisible::Visible, s.name.clone()))
        .collect();
    // Stable: hidden sheets after visible ones, tab order kept within each group.
    names.sort_by_key(|(hidden, _)| *hidden);
    let mut sheets = Vec::with_capacity(names.len());
    for (_, name) in names {
        let range = workbook
            .worksheet_range(&name)
            .map_err(|e| ImportError::Xlsx {
                detail: format!("工作表“{name}”：{e}"),
            })?;
        sheets.push(Sheet {
            grid: to_grid(&range),
            name,
        });
    }
    Ok(sheets)
}

/// Converts a calamine range (which starts at its first used cell) into rows numbered
/// from 1 with columns from A.
fn to_grid(range: &Range<Data>) -> Grid {
    let Some((start_row, start_col)) = range.start() else {
        return Grid::new();
    };
    let (start_row, start_col) = (start_row as usize, start_col as usize);
    range
        .rows()
        .enumerate()
        .map(|(i, cells)| {
            let mut row = vec![Cell::Empty; start_col];
            row.extend(cells.iter().map(to_cell));
            (start_row + i + 1, row)
        })
        .collect()
}

/// One calamine cell.
fn to_cell(data: &Data) -> Cell {
    match data {
        Data::Empty => Cell::Empty,
        Data::String(s) if s.trim().is_empty() => Cell::Empty,
        Data::String(s) => Cell::Text(s.clone()),
        Data::Int(i) => Cell::Number(*i as f64),
        Data::Float(f) => Cell::Number(*f),
        Data::Bool(b) => Cell::Text(if *b { "是" } else { "否" }.to_owned()),
        Data::DateTime(dt) if dt.is_datetime() => Cell::DateTime {
            serial: dt.as_f64(),
            is_1904: dt_is_1904(dt),
        },
        Data::DateTime(dt) => Cell::Number(dt.as_f64()),
        Data::DateTimeIso(s) | Data::DurationIso(s) => Cell::IsoDateTime(s.clone()),
        Data::Error(e) => Cell::Error(e.to_string()),
    }
}

/// Whether a calamine date counts from 1904 (calamine keeps the flag private, but its
/// equality compares it).
fn dt_is_1904(dt: &calamine::ExcelDateTime) -> bool {
    *dt == calamine::ExcelDateTime::new(dt.as_f64(), calamine::ExcelDateTimeType::DateTime, true)
}
