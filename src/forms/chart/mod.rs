//! Charts drawn once with plotters into a [`Chart`] display list (lines, rectangles, circles,
//! text), which two painters draw: the PDF painter here ([`FormDoc::chart`]) for 月度汇总, and
//! the 统计 tab's canvas in the window. Same chart code, same picture on screen and paper.
//!
//! plotters runs without fonts or bitmaps of its own: [`Recorder`] is its drawing backend and
//! measures text with the form font's real advances (`font::text_width_mm`), so labels are
//! laid out for the face they are printed in.
//!
//! Coordinates are "dots" of 0.1 mm from the chart's top-left corner; a painter scales them to
//! the room it has.

mod build;
pub mod figures;
mod pdf;

use std::cell::RefCell;
use std::rc::Rc;

use plotters_backend::text_anchor::{HPos, VPos};
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingBackend, DrawingErrorKind,
};

pub use build::{BarSeries, LineSeries, bar_chart, line_chart};

use super::font::{MM_PER_PT, text_width_mm};

/// Dots per millimetre of the display list.
pub const DOTS_PER_MM: f32 = 10.0;

/// An opaque colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rgb(pub u8, pub u8, pub u8);

/// The series colours, in order: print well in colour and stay apart in grey.
pub const PALETTE: [Rgb; 5] = [
    Rgb(0x2f, 0x6f, 0xb3),
    Rgb(0xe0, 0x8a, 0x1e),
    Rgb(0x3a, 0x9a, 0x5b),
    Rgb(0xc0, 0x39, 0x2b),
    Rgb(0x7d, 0x5b, 0xa6),
];

/// One drawing operation, in dots from the top-left corner.
#[derive(Debug, Clone, PartialEq)]
pub enum Shape {
    /// An open polyline.
    Line {
        /// Its points, at least two.
        points: Vec<(i32, i32)>,
        /// Stroke colour.
        color: Rgb,
        /// Stroke width in dots.
        width: u32,
    },
    /// An axis-aligned rectangle.
    Rect {
        /// Top-left corner.
        from: (i32, i32),
        /// Bottom-right corner.
        to: (i32, i32),
        /// Colour.
        color: Rgb,
        /// Filled, or only its outline.
        fill: bool,
    },
    /// A circle (legend markers, line points).
    Circle {
        /// Centre.
        center: (i32, i32),
        /// Radius in dots.
        radius: u32,
        /// Colour.
        color: Rgb,
        /// Filled, or only its outline.
        fill: bool,
    },
    /// A filled polygon.
    Polygon {
        /// Its corners.
        points: Vec<(i32, i32)>,
        /// Colour.
        color: Rgb,
    },
    /// One line of text, horizontal.
    Text {
        /// The text.
        text: String,
        /// The top-left corner of its em box.
        at: (i32, i32),
        /// The em size in dots.
        size: f32,
        /// Colour.
        color: Rgb,
    },
}

/// A finished chart: its size in dots and what to draw, in order.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Chart {
    /// Width in dots.
    pub width: u32,
    /// Height in dots.
    pub height: u32,
    /// The drawing operations, back to front.
    pub shapes: Vec<Shape>,
}

impl Chart {
    /// The filled rectangles in `color`: a bar chart's bars of one series.
    pub fn bars_in(&self, color: Rgb) -> usize {
        self.shapes
            .iter()
            .filter(|s| matches!(s, Shape::Rect { color: c, fill: true, .. } if *c == color))
            .count()
    }

    /// Every text drawn, in order.
    pub fn texts(&self) -> Vec<&str> {
        self.shapes
            .iter()
            .filter_map(|s| match s {
                Shape::Text { text, .. } => Some(text.as_str()),
                _ => None,
            })
            .collect()
    }
}

/// Width of `text` in dots at an em of `size` dots, in the form font.
pub fn text_width_dots(text: &str, size: f32) -> f32 {
    let pt = size / DOTS_PER_MM / MM_PER_PT;
    text_width_mm(text, pt) * DOTS_PER_MM
}

/// The plotters backend that records what it is asked to draw. plotters owns the backend it
/// draws on, so the recorder is a handle: keep a clone and [`Recorder::finish`] it afterwards.
#[derive(Clone)]
pub struct Recorder {
    size: (u32, u32),
    shapes: Rc<RefCell<Vec<Shape>>>,
}

impl Recorder {
    /// An empty chart of `width` × `height` dots.
    pub fn new(width: u32, height: u32) -> Recorder {
        Recorder {
            size: (width, height),
            shapes: Rc::default(),
        }
    }

    /// What was drawn (through any clone of this recorder).
    pub fn finish(self) -> Chart {
        Chart {
            width: self.size.0,
            height: self.size.1,
            shapes: std::mem::take(&mut *self.shapes.borrow_mut()),
        }
    }

    fn push(&mut self, color: BackendColor, shape: impl FnOnce(Rgb) -> Shape) {
        // plotters draws invisible things (transparent backgrounds, hidden legend boxes).
        if color.alpha > 0.0 {
            let (r, g, b) = color.rgb;
            self.shapes.borrow_mut().push(shape(Rgb(r, g, b)));
        }
    }
}

/// The recorder never fails; plotters' signature wants an error type all the same.
#[derive(Debug, thiserror::Error)]
#[error("图表记录失败")]
pub struct Never;

type Drawn = Result<(), DrawingErrorKind<Never>>;

impl DrawingBackend for Recorder {
    type ErrorType = Never;

    fn get_size(&self) -> (u32, u32) {
        self.size
    }

    fn ensure_prepared(&mut self) -> Drawn {
        Ok(())
    }

    fn present(&mut self) -> Drawn {
        Ok(())
    }

    fn draw_pixel(&mut self, point: BackendCoord, color: BackendColor) -> Drawn {
        self.push(color, |color| Shape::Rect {
            from: point,
            to: (point.0 + 1, point.1 + 1),
            color,
            fill: true,
        });
        Ok(())
    }

    fn draw_line<S: BackendStyle>(&mut self, from: BackendCoord, to: BackendCoord, s: &S) -> Drawn {
        let width = s.stroke_width();
        self.push(s.color(), |color| Shape::Line {
            points: vec![from, to],
            color,
            width,
        });
        Ok(())
    }

    fn draw_rect<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        s: &S,
        fill: bool,
    ) -> Drawn {
        self.push(s.color(), |color| Shape::Rect {
            from,
            to,
            color,
            fill,
        });
        Ok(())
    }

    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        s: &S,
    ) -> Drawn {
        let points: Vec<_> = path.into_iter().collect();
        if points.len() >= 2 {
            let width = s.stroke_width();
            self.push(s.color(), |color| Shape::Line {
                points,
                color,
                width,
            });
        }
        Ok(())
    }

    fn draw_circle<S: BackendStyle>(
        &mut self,
        center: BackendCoord,
        radius: u32,
        s: &S,
        fill: bool,
    ) -> Drawn {
        self.push(s.color(), |color| Shape::Circle {
            center,
            radius,
            color,
            fill,
        });
        Ok(())
    }

    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vert: I,
        s: &S,
    ) -> Drawn {
        let points: Vec<_> = vert.into_iter().collect();
        if points.len() >= 3 {
            self.push(s.color(), |color| Shape::Polygon { points, color });
        }
        Ok(())
    }

    fn draw_text<T: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &T,
        pos: BackendCoord,
    ) -> Drawn {
        let size = style.size() as f32;
        let (w, h) = (text_width_dots(text, size), size);
        // The anchor is the backend's to honour: plotters centres tick labels on their ticks.
        let dx = match style.anchor().h_pos {
            HPos::Left => 0.0,
            HPos::Center => -w / 2.0,
            HPos::Right => -w,
        };
        let dy = match style.anchor().v_pos {
            VPos::Top => 0.0,
            VPos::Center => -h / 2.0,
            VPos::Bottom => -h,
        };
        let at = (pos.0 + dx.round() as i32, pos.1 + dy.round() as i32);
        let text = text.to_string();
        self.push(style.color(), |color| Shape::Text {
            text,
            at,
            size,
            color,
        });
        Ok(())
    }

    fn estimate_text_size<T: BackendTextStyle>(
        &self,
        text: &str,
        style: &T,
    ) -> Result<(u32, u32), DrawingErrorKind<Never>> {
        let size = style.size() as f32;
        Ok((
            text_width_dots(text, size).ceil() as u32,
            size.ceil() as u32,
        ))
    }
}
