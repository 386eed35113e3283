//! One worksheet (or a CSV file) as sparse rows, built under the limits of [`super::limits`].
//!
//! Only cells that hold something are kept, so the work and the memory follow the cells
//! actually present, never the range a file declares: a lone cell at XFD1048576 is one cell,
//! and it is refused by name before anything is allocated for it.

use std::collections::HashMap;

use super::ImportError;
use super::cell::Cell;
use super::limits::{self, MAX_CELLS, MAX_COLUMNS, MAX_MERGES, MAX_ROWS};

/// One row that holds at least one non-blank cell.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Row {
    /// Row number as the spreadsheet shows it (1-based).
    pub number: usize,
    /// `(0-based column, cell)`, left to right, blanks left out.
    pub cells: Vec<(usize, Cell)>,
}

impl Row {
    /// The cell in column `col` (0-based); empty when the row has none there.
    pub(crate) fn get(&self, col: usize) -> &Cell {
        self.cells
            .binary_search_by_key(&col, |(c, _)| *c)
            .ok()
            .and_then(|i| self.cells.get(i))
            .map_or(&Cell::Empty, |(_, cell)| cell)
    }

    /// The row as display text from column A to its last cell, for header detection.
    pub(crate) fn display(&self) -> Vec<String> {
        let width = self.cells.last().map_or(0, |(c, _)| c + 1);
        let mut out = vec![String::new(); width];
        for (col, cell) in &self.cells {
            if let Some(slot) = out.get_mut(*col) {
                *slot = cell.display();
            }
        }
        out
    }
}

/// A merged range, 0-based and inclusive, as the sheet's `<mergeCells>` lists it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Merge {
    pub top: usize,
    pub left: usize,
    pub bottom: usize,
    pub right: usize,
}

/// A worksheet (or CSV file) read into sparse rows.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Sheet {
    /// The tab name; empty for CSV.
    pub name: String,
    /// Whether Excel hides the tab.
    pub hidden: bool,
    /// Rows with something in them, top to bottom.
    pub rows: Vec<Row>,
    /// Merged ranges.
    pub merges: Vec<Merge>,
    /// Non-blank cells right of [`MAX_COLUMNS`] that were not read, and the first of them.
    pub ignored_far: usize,
    /// The first ignored cell's name, e.g. `XFD30`.
    pub first_far: String,
}

impl Sheet {
    /// Whether nothing was read from the sheet.
    pub(crate) fn is_blank(&self) -> bool {
        self.rows.is_empty()
    }

    /// The cell at 0-based `(row, col)` as written in the file (no merge applied).
    pub(crate) fn cell_at(&self, row: usize, col: usize) -> &Cell {
        self.rows
            .binary_search_by_key(&(row + 1), |r| r.number)
            .ok()
            .and_then(|i| self.rows.get(i))
            .map_or(&Cell::Empty, |r| r.get(col))
    }

    /// A note for the receptionist about cells right of the columns read, if any.
    pub(crate) fn far_note(&self) -> Option<String> {
        (self.ignored_far > 0).then(|| {
            format!(
                "{}有 {} 个单元格在 {} 列以右（如 {}），花名册用不到，已忽略。",
                sheet_prefix(&self.name),
                self.ignored_far,
                limits::column_name(MAX_COLUMNS - 1),
                self.first_far
            )
        })
    }

    /// Merged ranges that cover `cols`, for filling merged values down and across.
    pub(crate) fn merge_index(&self, cols: &[usize]) -> MergeIndex {
        let mut by_col: HashMap<usize, Vec<Merge>> = HashMap::new();
        for m in &self.merges {
            for &col in cols {
                if (m.left..=m.right).contains(&col) {
                    by_col.entry(col).or_default().push(*m);
                }
            }
        }
        for list in by_col.values_mut() {
            list.sort_by_key(|m| m.top);
        }
        MergeIndex { by_col }
    }
}

/// Merged ranges by column, sorted by their top row.
#[derive(Debug, Default)]
pub(crate) struct MergeIndex {
    by_col: HashMap<usize, Vec<Merge>>,
}

impl MergeIndex {
    /// The top-left cell `(row, col)` of the merged range that covers 0-based `(row, col)`
    /// without starting there; `None` outside merges and at a merge's own top-left cell.
    pub(crate) fn anchor(&self, row: usize, col: usize) -> Option<(usize, usize)> {
        let list = self.by_col.get(&col)?;
        // Merges do not overlap in a sound file: the last one starting at or above the row is
        // the only candidate. (In an unsound file the answer is merely wrong, never a panic.)
        let after = list.partition_point(|m| m.top <= row);
        let m = list.get(after.checked_sub(1)?)?;
        let inside = row <= m.bottom && (m.top, m.left) != (row, col);
        inside.then_some((m.top, m.left))
    }
}

/// `工作表“X”` for a named sheet, nothing for CSV.
pub(crate) fn sheet_prefix(sheet: &str) -> String {
    if sheet.is_empty() {
        String::new()
    } else {
        format!("工作表“{sheet}”")
    }
}

/// Collects the cells of one sheet under the limits, in any order.
pub(crate) struct SheetBuilder {
    sheet: Sheet,
    cells: Vec<(usize, usize, Cell)>,
}

impl SheetBuilder {
    /// A builder for the sheet `name`.
    pub(crate) fn new(name: String, hidden: bool) -> SheetBuilder {
        SheetBuilder {
            sheet: Sheet {
                name,
                hidden,
                ..Sheet::default()
            },
            cells: Vec::new(),
        }
    }

    /// Adds the cell at 0-based `(row, col)`; `cells_so_far` counts every sheet's kept cells
    /// (the limit is per file). Blank cells are dropped; a cell below [`MAX_ROWS`] refuses the
    /// file; a cell right of [`MAX_COLUMNS`] is counted and dropped.
    pub(crate) fn push(
        &mut self,
        row: usize,
        col: usize,
        cell: Cell,
        cells_so_far: &mut usize,
    ) -> Result<(), ImportError> {
        if cell.is_blank() {
            return Ok(());
        }
        if row >= MAX_ROWS {
            return Err(ImportError::FarCell {
                sheet: self.sheet.name.clone(),
                cell: limits::cell_name(row, col),
                row: row + 1,
            });
        }
        if col >= MAX_COLUMNS {
            if self.sheet.ignored_far == 0 {
                self.sheet.first_far = limits::cell_name(row, col);
            }
            self.sheet.ignored_far += 1;
            return Ok(());
        }
        *cells_so_far += 1;
        if *cells_so_far > MAX_CELLS {
            return Err(ImportError::TooBig {
                detail: format!("有内容的单元格超过 {MAX_CELLS} 个"),
            });
        }
        self.cells.push((row, col, cell));
        Ok(())
    }

    /// Adds one merged range (0-based, inclusive corners in any order).
    pub(crate) fn merge(
        &mut self,
        a: (usize, usize),
        b: (usize, usize),
    ) -> Result<(), ImportError> {
        if self.sheet.merges.len() >= MAX_MERGES {
            return Err(ImportError::TooBig {
                detail: format!(
                    "{}合并单元格超过 {MAX_MERGES} 处",
                    sheet_prefix(&self.sheet.name)
                ),
            });
        }
        self.sheet.merges.push(Merge {
            top: a.0.min(b.0),
            left: a.1.min(b.1),
            bottom: a.0.max(b.0),
            right: a.1.max(b.1),
        });
        Ok(())
    }

    /// The sheet, rows in order; of two cells at one position the first read is kept.
    pub(crate) fn finish(mut self) -> Sheet {
        if !self.cells.is_sorted_by_key(|(r, c, _)| (*r, *c)) {
            self.cells.sort_by_key(|(r, c, _)| (*r, *c));
        }
        let mut rows: Vec<Row> = Vec::new();
        for (row, col, cell) in self.cells {
            match rows.last_mut() {
                Some(last) if last.number == row + 1 => {
                    if last.cells.last().is_some_and(|(c, _)| *c == col) {
                        continue;
                    }
                    last.cells.push((col, cell));
                }
                _ => rows.push(Row {
                    number: row + 1,
                    cells: vec![(col, cell)],
                }),
            }
        }
        self.sheet.rows = rows;
        self.sheet
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn far_cells_are_refused_or_ignored_by_name() {
        let mut count = 0;
        let mut b = SheetBuilder::new("1号楼".into(), false);
        assert!(b.push(0, 0, Cell::Text("楼栋".into()), &mut count).is_ok());
        assert!(
            b.push(29, 16_383, Cell::Text("x".into()), &mut count)
                .is_ok()
        );
        assert!(b.push(5, 0, Cell::Empty, &mut count).is_ok());
        let err = b
            .push(1_048_575, 16_383, Cell::Text("x".into()), &mut count)
            .unwrap_err()
            .to_string();
        assert!(err.contains("XFD1048576") && err.contains("1号楼"), "{err}");
        let sheet = b.finish();
        assert_eq!(count, 1);
        assert_eq!(sheet.rows.len(), 1);
        let note = sheet.far_note().unwrap_or_default();
        assert!(note.contains("XFD30") && note.contains("DX"), "{note}");
    }

    #[test]
    fn cells_out_of_order_are_sorted_into_rows() {
        let mut count = 0;
        let mut b = SheetBuilder::new(String::new(), false);
        for (r, c) in [(4, 1), (0, 2), (4, 0), (0, 0)] {
            let _ = b.push(r, c, Cell::Number((r * 10 + c) as f64), &mut count);
        }
        let sheet = b.finish();
        let rows: Vec<(usize, Vec<usize>)> = sheet
            .rows
            .iter()
            .map(|r| (r.number, r.cells.iter().map(|(c, _)| *c).collect()))
            .collect();
        assert_eq!(rows, vec![(1, vec![0, 2]), (5, vec![0, 1])]);
        assert_eq!(sheet.cell_at(4, 1), &Cell::Number(41.0));
        assert_eq!(sheet.cell_at(3, 1), &Cell::Empty);
        assert_eq!(sheet.rows[0].display(), vec!["0", "", "2"]);
    }

    #[test]
    fn merged_ranges_point_at_their_top_left_cell() {
        let mut b = SheetBuilder::new(String::new(), false);
        assert!(b.merge((3, 1), (5, 1)).is_ok());
        assert!(b.merge((8, 3), (7, 0)).is_ok());
        let index = b.finish().merge_index(&[1, 2]);
        assert_eq!(
            index.anchor(3, 1),
            None,
            "the top-left cell holds the value"
        );
        assert_eq!(index.anchor(4, 1), Some((3, 1)));
        assert_eq!(index.anchor(5, 1), Some((3, 1)));
        assert_eq!(index.anchor(6, 1), None);
        assert_eq!(index.anchor(8, 2), Some((7, 0)));
        assert_eq!(index.anchor(8, 5), None, "column not indexed");
    }
}
