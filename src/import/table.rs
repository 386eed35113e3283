//! From sheets of cells to roster tables: the header row, the data rows under it, merged
//! cells filled in, and which sheets were read or skipped and why.

use super::cell::Cell;
use super::header::{Field, HEADER_SEARCH_ROWS, HeaderMap, find_header_row};
use super::limits::MAX_COLUMNS;
use super::sheet::{MergeIndex, Row, Sheet};
use super::{ImportError, RawRosterRow, RosterBook, RosterTable, RowProblem, SkippedSheet};

/// At most this many cells are visited filling merged ranges into the header search rows
/// (the rows hold 10 × [`MAX_COLUMNS`] cells; overlapping merges of an unsound file must not
/// multiply that).
const HEADER_FILL_BUDGET: usize = 20 * HEADER_SEARCH_ROWS * MAX_COLUMNS;

/// Reads every sheet that has a roster header row; lists the others as skipped.
///
/// Hidden sheets with a roster are read only when no visible sheet has one (a hidden sheet
/// beside a visible roster is most often an old copy). When no sheet can be read, the error
/// says why: a header without data, no header at all, or nothing in the file.
pub(crate) fn book_from(sheets: &[Sheet]) -> Result<RosterBook, ImportError> {
    let mut book = RosterBook::default();
    let mut found: Vec<(bool, RosterTable)> = Vec::new();
    let mut no_data: Option<ImportError> = None;
    let mut searched = Vec::new();
    let mut any_content = false;
    for sheet in sheets {
        book.notes.extend(sheet.far_note());
        if sheet.is_blank() {
            book.skip(&sheet.name, "空白，没有内容");
            continue;
        }
        any_content = true;
        match build_table(sheet) {
            Ok(Some(table)) => found.push((sheet.hidden, table)),
            Ok(None) => {
                if !sheet.name.is_empty() {
                    searched.push(sheet.name.clone());
                }
                book.skip(
                    &sheet.name,
                    "没有找到表头行（同时含有房号列和业主姓名列的一行）",
                );
            }
            Err(e @ ImportError::NoDataRows { .. }) => {
                book.skip(&sheet.name, "只有表头，下面没有业主数据");
                no_data.get_or_insert(e);
            }
            Err(e) => return Err(e),
        }
    }
    let visible_found = found.iter().any(|(hidden, _)| !hidden);
    for (hidden, table) in found {
        if hidden && visible_found {
            book.skip(
                &table.sheet,
                "是隐藏的工作表，没有导入；如需导入，请在 Excel 中取消隐藏后再选择文件",
            );
        } else {
            book.tables.push(table);
        }
    }
    if book.tables.is_empty() {
        return Err(match no_data {
            Some(e) => e,
            None if any_content => ImportError::NoHeaderRow { sheets: searched },
            None => ImportError::EmptySheet {
                sheet: sheets.first().map(|s| s.name.clone()).unwrap_or_default(),
            },
        });
    }
    Ok(book)
}

impl RosterBook {
    fn skip(&mut self, sheet: &str, reason: &str) {
        self.skipped.push(SkippedSheet {
            name: sheet.to_owned(),
            reason: reason.to_owned(),
        });
    }
}

/// The first [`HEADER_SEARCH_ROWS`] rows as display text, merged ranges filled in (a header
/// merged over two rows belongs to both).
fn header_rows(sheet: &Sheet) -> Vec<Vec<String>> {
    let mut top: Vec<Vec<String>> = vec![Vec::new(); HEADER_SEARCH_ROWS];
    for row in sheet
        .rows
        .iter()
        .take_while(|r| r.number <= HEADER_SEARCH_ROWS)
    {
        if let Some(slot) = top.get_mut(row.number - 1) {
            *slot = row.display();
        }
    }
    let mut budget = HEADER_FILL_BUDGET;
    for m in sheet.merges.iter().filter(|m| m.top < HEADER_SEARCH_ROWS) {
        let value = sheet.cell_at(m.top, m.left).display();
        if value.is_empty() {
            continue;
        }
        for r in m.top..=m.bottom.min(HEADER_SEARCH_ROWS - 1) {
            for c in m.left..=m.right.min(MAX_COLUMNS - 1) {
                if budget == 0 {
                    return top;
                }
                budget -= 1;
                let Some(row) = top.get_mut(r) else { continue };
                if row.len() <= c {
                    row.resize(c + 1, String::new());
                }
                if row[c].is_empty() {
                    row[c] = value.clone();
                }
            }
        }
    }
    top
}

/// Builds the table from one sheet; `None` when the sheet has no header row.
pub(crate) fn build_table(sheet: &Sheet) -> Result<Option<RosterTable>, ImportError> {
    let Some((header_index, map)) = find_header_row(&header_rows(sheet)) else {
        return Ok(None);
    };
    let header_row = header_index + 1;
    let mut table = RosterTable {
        columns: map
            .columns
            .iter()
            .map(|(_, f, h)| (*f, h.clone()))
            .collect(),
        ignored_columns: map.ignored.clone(),
        sheet: sheet.name.clone(),
        header_row,
        ..RosterTable::default()
    };
    let cols: Vec<usize> = map.columns.iter().map(|(col, _, _)| *col).collect();
    let merges = sheet.merge_index(&cols);
    let first_data = sheet.rows.partition_point(|r| r.number <= header_row);
    for row in sheet.rows.get(first_data..).unwrap_or_default() {
        if map
            .columns
            .iter()
            .all(|(col, _, _)| row.get(*col).is_blank())
            || repeats_header(&map, row)
        {
            continue;
        }
        let mut raw = RawRosterRow {
            row: row.number,
            ..RawRosterRow::default()
        };
        for (col, field, column) in &map.columns {
            match shown(sheet, &merges, row, *col).value_for(*field) {
                Ok(value) => *raw.slot(*field) = value,
                Err(message) => table.problems.push(RowProblem {
                    row: row.number,
                    field: *field,
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

/// The cell as Excel shows it: a blank cell inside a merged range shows the value of the
/// range's top-left cell (a vertically merged owner belongs to every row of the merge).
fn shown<'a>(sheet: &'a Sheet, merges: &MergeIndex, row: &'a Row, col: usize) -> &'a Cell {
    let own = row.get(col);
    if !own.is_blank() {
        return own;
    }
    merges
        .anchor(row.number - 1, col)
        .map_or(own, |(r, c)| sheet.cell_at(r, c))
}

/// Whether a row repeats the header (sheets printed over several pages often do): at
/// least two of its cells are header names of their own columns, and no cell is data.
fn repeats_header(map: &HeaderMap, row: &Row) -> bool {
    let mut names = 0;
    for (col, field, _) in &map.columns {
        let text = row.get(*col).display();
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
