//! Ruled grids: [`Table`]s with a header row, and label/value grids (the usual
//! layout of a Chinese form: 姓名 | 张伟 | 电话 | 138****5678).
//!
//! Both are drawn by one routine: every cell is wrapped to its measured width, a row
//! is as tall as its tallest cell, and a row that does not fit moves to the next
//! page, where a table repeats its header. A row taller than a whole page is split
//! between lines, so any text can be printed.

use super::draw::{Align, check_size, checked, wrap_field};
use super::engine::FormDoc;
use super::error::FormError;
use super::font::text_width_mm;
use super::metrics::{BODY_PT, baseline_in_line, line_height};

/// Space between a cell's rule and its text, mm.
const PAD_X: f32 = 1.5;
const PAD_Y: f32 = 1.2;

/// One table column.
#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    /// Header text, e.g. `材料名称`.
    pub header: String,
    /// Relative width: the columns share the page width in proportion to their weights.
    pub weight: f32,
    /// Alignment of the body cells (headers are always centred).
    pub align: Align,
}

impl Column {
    /// A left-aligned column.
    pub fn new(header: impl Into<String>, weight: f32) -> Self {
        Self {
            header: header.into(),
            weight,
            align: Align::Left,
        }
    }

    /// The same column with another alignment (e.g. [`Align::Right`] for amounts).
    pub fn align(mut self, align: Align) -> Self {
        self.align = align;
        self
    }
}

/// A table: a header row and body rows of one string per column.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// The columns, left to right.
    pub columns: Vec<Column>,
    /// Body rows; each must have exactly one cell per column.
    pub rows: Vec<Vec<String>>,
    /// Font size of header and cells, pt.
    pub size_pt: f32,
}

impl Table {
    /// An empty table at body size (五号).
    pub fn new(columns: Vec<Column>) -> Self {
        Self {
            columns,
            rows: Vec::new(),
            size_pt: BODY_PT,
        }
    }

    /// Append a row.
    pub fn push_row<I, S>(&mut self, cells: I)
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.rows.push(cells.into_iter().map(Into::into).collect());
    }
}

/// One cell ready to draw: position relative to the left margin, and its lines.
struct Cell {
    x: f32,
    w: f32,
    lines: Vec<String>,
    align: Align,
    shaded: bool,
}

/// A row of cells; its height is set by the cell with the most lines.
struct Row {
    cells: Vec<Cell>,
}

impl Row {
    fn lines(&self) -> usize {
        self.cells
            .iter()
            .map(|c| c.lines.len())
            .max()
            .unwrap_or(1)
            .max(1)
    }
}

impl FormDoc {
    /// Draw a ruled table; the header repeats on every page the table continues on.
    pub fn table(&mut self, table: &Table) -> Result<(), FormError> {
        check_size(table.size_pt)?;
        let widths = self.column_widths(&table.columns)?;
        let size = table.size_pt;
        // Check and wrap everything first: an error must leave no half-drawn table.
        let mut header = Row { cells: Vec::new() };
        let mut x = 0.0;
        for (col, &w) in table.columns.iter().zip(&widths) {
            let field = format!("表头「{}」", col.header);
            let text = checked(&field, &col.header)?;
            header.cells.push(Cell {
                x,
                w,
                lines: wrap_field(&field, &text, size, w - 2.0 * PAD_X)?,
                align: Align::Center,
                shaded: true,
            });
            x += w;
        }
        let mut rows = Vec::with_capacity(table.rows.len());
        for (r, cells) in table.rows.iter().enumerate() {
            if cells.len() != table.columns.len() {
                return Err(FormError::RowShape {
                    row: r + 1,
                    expected: table.columns.len(),
                    found: cells.len(),
                });
            }
            let mut row = Row { cells: Vec::new() };
            let mut x = 0.0;
            for ((text, col), &w) in cells.iter().zip(&table.columns).zip(&widths) {
                let field = format!("表格第{}行「{}」", r + 1, col.header);
                let text = checked(&field, text)?;
                row.cells.push(Cell {
                    x,
                    w,
                    lines: wrap_field(&field, &text, size, w - 2.0 * PAD_X)?,
                    align: col.align,
                    shaded: false,
                });
                x += w;
            }
            rows.push(row);
        }
        self.draw_rows(Some(&header), &rows, size)
    }

    /// Ruled label/value cells, `columns` pairs per row (2 → 标签|值|标签|值).
    ///
    /// Label cells are shaded and as wide as the longest label needs (within limits);
    /// the last value of an incomplete row stretches to the right edge.
    pub fn key_value_grid(
        &mut self,
        pairs: &[(&str, &str)],
        columns: usize,
    ) -> Result<(), FormError> {
        if columns == 0 {
            return Err(FormError::Layout("键值表的列数不能为0".into()));
        }
        // Short continuous paper takes the grid at 9 pt, so a receipt fits its page.
        let size = if self.size.compact() { 9.0 } else { BODY_PT };
        let pair_w = self.content_width() / columns as f32;
        let mut checked_pairs = Vec::with_capacity(pairs.len());
        for (label, value) in pairs {
            let l = checked("键值表标签", label)?;
            let v = checked(&format!("「{l}」"), value)?;
            checked_pairs.push((l, v));
        }
        let longest = checked_pairs
            .iter()
            .flat_map(|(l, _)| l.split('\n'))
            .map(|l| text_width_mm(l, size))
            .fold(0.0, f32::max);
        // A little more than the padding, so the longest label does not touch the rules.
        let label_w = (longest + 2.0 * PAD_X + 2.0).clamp(pair_w * 0.25, pair_w * 0.45);
        let mut rows = Vec::new();
        for chunk in checked_pairs.chunks(columns) {
            let mut row = Row { cells: Vec::new() };
            for (i, (label, value)) in chunk.iter().enumerate() {
                let x = pair_w * i as f32;
                let value_w = if i + 1 == chunk.len() {
                    self.content_width() - x - label_w
                } else {
                    pair_w - label_w
                };
                row.cells.push(Cell {
                    x,
                    w: label_w,
                    lines: wrap_field("键值表标签", label, size, label_w - 2.0 * PAD_X)?,
                    align: Align::Center,
                    shaded: true,
                });
                row.cells.push(Cell {
                    x: x + label_w,
                    w: value_w,
                    lines: wrap_field(&format!("「{label}」"), value, size, value_w - 2.0 * PAD_X)?,
                    align: Align::Left,
                    shaded: false,
                });
            }
            rows.push(row);
        }
        self.draw_rows(None, &rows, size)
    }

    /// Column widths in mm from the weights.
    fn column_widths(&self, columns: &[Column]) -> Result<Vec<f32>, FormError> {
        if columns.is_empty() {
            return Err(FormError::Layout("表格没有列".into()));
        }
        if columns
            .iter()
            .any(|c| !c.weight.is_finite() || c.weight <= 0.0)
        {
            return Err(FormError::Layout("表格列宽必须是正数".into()));
        }
        let total: f32 = columns.iter().map(|c| c.weight).sum();
        let width = self.content_width();
        Ok(columns.iter().map(|c| width * c.weight / total).collect())
    }

    /// Draw rows (and a repeated header) with page breaks; see the module docs.
    fn draw_rows(
        &mut self,
        header: Option<&Row>,
        rows: &[Row],
        size: f32,
    ) -> Result<(), FormError> {
        let lh = line_height(size);
        let height = |lines: usize| lines as f32 * lh + 2.0 * PAD_Y;
        let header_h = header.map_or(0.0, |h| height(h.lines()));
        // Lines of one row that fit on an empty page below the header.
        let page_lines = ((self.page_capacity() - header_h - 2.0 * PAD_Y) / lh).floor();
        if page_lines < 1.0 {
            return Err(FormError::TooNarrow {
                field: "表格".into(),
            });
        }
        let page_lines = page_lines as usize;
        if self.is_page_used() {
            self.space(1.5);
        }
        // Keep the header with at least one line of the first row.
        let first = rows.first().map_or(0, |r| r.lines().min(page_lines));
        self.ensure(header_h + height(first.max(1)));
        if let Some(h) = header {
            self.draw_row(h, 0, h.lines(), size, true);
        }
        for row in rows {
            let total = row.lines();
            let mut start = 0;
            while start < total {
                let left = total - start;
                let room = ((self.remaining_mm() - 2.0 * PAD_Y + 1e-3) / lh)
                    .floor()
                    .max(0.0) as usize;
                // Whole row fits: draw it. A row that would fit on a fresh page is not
                // split; only rows taller than a page are.
                if left <= room {
                    self.draw_row(row, start, total, size, start == 0);
                    start = total;
                } else if room == 0 || (start == 0 && total <= page_lines) {
                    self.break_page();
                    if let Some(h) = header {
                        self.draw_row(h, 0, h.lines(), size, true);
                    }
                } else {
                    self.draw_row(row, start, start + room, size, false);
                    start += room;
                    self.break_page();
                    if let Some(h) = header {
                        self.draw_row(h, 0, h.lines(), size, true);
                    }
                }
            }
        }
        self.space(1.5);
        Ok(())
    }

    /// Draw lines `from..to` of every cell of `row` at the cursor, with rules.
    ///
    /// `centre` centres each cell's text vertically in the row (whole rows only; a
    /// split row keeps its lines aligned across the break).
    fn draw_row(&mut self, row: &Row, from: usize, to: usize, size: f32, centre: bool) {
        let lh = line_height(size);
        let h = (to - from) as f32 * lh + 2.0 * PAD_Y;
        let (left, top) = (self.left(), self.cursor_mm());
        for cell in &row.cells {
            if cell.shaded {
                self.shade(left + cell.x, top, cell.w, h);
            }
        }
        for cell in &row.cells {
            let shown = cell.lines.len().min(to).saturating_sub(from);
            let offset = if centre {
                (to - from).saturating_sub(shown) as f32 * lh / 2.0
            } else {
                0.0
            };
            for (i, line) in cell.lines.iter().skip(from).take(shown).enumerate() {
                let line_top = top + PAD_Y + offset + i as f32 * lh;
                let text_w = text_width_mm(line, size);
                let x = left + cell.x + PAD_X + cell.align.offset(cell.w - 2.0 * PAD_X, text_w);
                self.text_op(line, x, baseline_in_line(line_top, size), size);
            }
        }
        // Rules: each row draws its top and bottom and every cell's sides; the
        // shared edges coincide exactly, so they print as one line.
        let mut edges: Vec<f32> = row.cells.iter().flat_map(|c| [c.x, c.x + c.w]).collect();
        edges.sort_by(f32::total_cmp);
        edges.dedup_by(|a, b| (*a - *b).abs() < 0.01);
        let right = row.cells.iter().map(|c| c.x + c.w).fold(0.0, f32::max);
        self.hline(left, left + right, top);
        self.hline(left, left + right, top + h);
        for x in edges {
            self.vline(left + x, top, top + h);
        }
        self.mark_used();
        self.space(h);
    }
}
