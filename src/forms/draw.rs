//! Drawing primitives (text runs, rules, shading) and the text helpers every block
//! uses: alignment, line metrics, glyph checks and wrapping with field names.

use printpdf::{Color, Greyscale, Line, LinePoint, Mm, Op, PaintMode, Point, Pt, Rect, TextItem};

use super::engine::FormDoc;
use super::error::FormError;
use super::font::{MM_PER_PT, missing_chars};
use super::layout::{TooNarrow, wrap};

impl FormDoc {
    /// Emit `text` with its baseline at (`x`, `baseline`), mm from the top-left corner.
    pub(super) fn text_op(&mut self, text: &str, x: f32, baseline: f32, size_pt: f32) {
        if text.is_empty() {
            return;
        }
        let pos = self.point(x, baseline);
        let font = self.font.clone();
        let page = self.current_page();
        page.ops.extend([
            Op::StartTextSection,
            Op::SetFont {
                font,
                size: Pt(size_pt),
            },
            Op::SetTextCursor { pos },
            Op::ShowText {
                items: vec![TextItem::Text(text.to_string())],
            },
            Op::EndTextSection,
        ]);
    }

    /// Convert top-left millimetres to a PDF point.
    pub(super) fn point(&self, x: f32, y: f32) -> Point {
        let (_, h) = self.size.dimensions_mm();
        Point::new(Mm(x), Mm(h - y))
    }

    /// A horizontal rule at `y` from `x1` to `x2` (absolute mm).
    pub(super) fn hline(&mut self, x1: f32, x2: f32, y: f32) {
        let (a, b) = (self.point(x1, y), self.point(x2, y));
        self.stroke(vec![a, b]);
    }

    /// A vertical rule at `x` from `y1` to `y2` (absolute mm).
    pub(super) fn vline(&mut self, x: f32, y1: f32, y2: f32) {
        let (a, b) = (self.point(x, y1), self.point(x, y2));
        self.stroke(vec![a, b]);
    }

    pub(super) fn stroke(&mut self, points: Vec<Point>) {
        let line = Line {
            points: points
                .into_iter()
                .map(|p| LinePoint { p, bezier: false })
                .collect(),
            is_closed: false,
        };
        self.current_page().ops.push(Op::DrawLine { line });
    }

    /// Shade a rectangle light grey (label cells, table header); absolute mm, top-left.
    pub(super) fn shade(&mut self, x: f32, y: f32, w: f32, h: f32) {
        let bottom_left = self.point(x, y + h);
        let rect = Rect {
            x: bottom_left.x,
            y: bottom_left.y,
            width: Mm(w).into(),
            height: Mm(h).into(),
            mode: Some(PaintMode::Fill),
            winding_order: None,
        };
        self.current_page().ops.extend([
            Op::SetFillColor {
                col: Color::Greyscale(Greyscale::new(0.92, None)),
            },
            Op::DrawRectangle { rectangle: rect },
            // Text is painted with the fill colour too: back to black.
            Op::SetFillColor {
                col: Color::Greyscale(Greyscale::new(0.0, None)),
            },
        ]);
    }
}

/// Horizontal alignment of text in its box.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Align {
    /// Flush left (text, names, addresses).
    #[default]
    Left,
    /// Centred (headers, short codes).
    Center,
    /// Flush right (amounts, quantities).
    Right,
}

impl Align {
    /// Offset of a `text_w` wide text inside a `box_w` wide box.
    pub(super) fn offset(self, box_w: f32, text_w: f32) -> f32 {
        match self {
            Align::Left => 0.0,
            Align::Center => ((box_w - text_w) / 2.0).max(0.0),
            Align::Right => (box_w - text_w).max(0.0),
        }
    }
}

/// Normalise line ends and tabs, and refuse characters the font cannot draw.
///
/// Tabs become spaces: they arrive in text pasted from spreadsheets and mean "gap".
pub(super) fn checked(field: &str, text: &str) -> Result<String, FormError> {
    let text = text
        .replace("\r\n", "\n")
        .replace('\r', "\n")
        .replace('\t', " ");
    let missing = missing_chars(&text);
    if missing.is_empty() {
        Ok(text)
    } else {
        // Invisible characters are named by code point so the message shows something.
        let chars: Vec<String> = missing
            .iter()
            .map(|&c| {
                if c.is_control() || c.is_whitespace() {
                    format!("U+{:04X}", c as u32)
                } else {
                    c.to_string()
                }
            })
            .collect();
        Err(FormError::MissingGlyphs {
            chars: chars.join("、"),
            field: field.to_string(),
        })
    }
}

/// The same text on one line: for elements that are one line by nature.
pub(super) fn one_line(text: String) -> String {
    text.replace('\n', " ")
}

/// [`wrap`] with the error turned into a [`FormError`] naming the field.
pub(super) fn wrap_field(
    field: &str,
    text: &str,
    size_pt: f32,
    max_mm: f32,
) -> Result<Vec<String>, FormError> {
    wrap(text, size_pt, max_mm).map_err(|TooNarrow| FormError::TooNarrow {
        field: field.to_string(),
    })
}

/// Font sizes outside what a form can use are programming errors.
pub(super) fn check_size(size_pt: f32) -> Result<(), FormError> {
    if size_pt.is_finite() && (4.0..=72.0).contains(&size_pt) {
        Ok(())
    } else {
        Err(FormError::Layout(format!("字号{size_pt}不在4到72磅之间")))
    }
}

/// How many ideographs fit in `mm` at `size_pt` (for error messages).
pub(super) fn max_chars(mm: f32, size_pt: f32) -> usize {
    (mm.max(0.0) / (size_pt * MM_PER_PT)).floor() as usize
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checked_normalises_and_names_invisible_characters() {
        assert_eq!(checked("f", "a\r\nb\rc\td").as_deref(), Ok("a\nb\nc d"));
        match checked("备注", "好\u{0007}𠀀") {
            Err(FormError::MissingGlyphs { chars, field }) => {
                assert_eq!(chars, "U+0007、𠀀");
                assert_eq!(field, "备注");
            }
            other => panic!("{other:?}"),
        }
    }
}
