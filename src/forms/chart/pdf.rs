//! The PDF painter of a [`Chart`]: its shapes as printpdf operations at the form's cursor,
//! scaled to the content width, text in the form font.

use printpdf::{
    Color, Greyscale, Line, LinePoint, Mm, Op, PaintMode, Polygon, PolygonRing, Pt, Rect,
    WindingOrder,
};

use super::{Chart, DOTS_PER_MM, Rgb, Shape};
use crate::forms::font::MM_PER_PT;
use crate::forms::metrics::EM_ASCENT;
use crate::forms::{FormDoc, FormError};

fn color(c: Rgb) -> Color {
    Color::Rgb(printpdf::Rgb::new(
        f32::from(c.0) / 255.0,
        f32::from(c.1) / 255.0,
        f32::from(c.2) / 255.0,
        None,
    ))
}

impl FormDoc {
    /// Draws `chart` across the content width below the cursor (on a new page if it does not
    /// fit), and moves the cursor below it.
    ///
    /// # Errors
    /// [`FormError::MissingGlyphs`] when a label has a character the font lacks.
    pub fn chart(&mut self, chart: &Chart) -> Result<(), FormError> {
        for s in &chart.shapes {
            if let Shape::Text { text, .. } = s {
                crate::forms::draw::checked("图表", text)?;
            }
        }
        let width_mm = chart.width as f32 / DOTS_PER_MM;
        let scale = self.content_width() / width_mm.max(1.0);
        let height = chart.height as f32 / DOTS_PER_MM * scale;
        self.space_before_block(2.0);
        self.ensure(height);
        let (left, top) = (self.left(), self.cursor);
        // Dots to absolute mm from the page's top-left corner.
        let at = |(x, y): (i32, i32)| {
            (
                left + x as f32 / DOTS_PER_MM * scale,
                top + y as f32 / DOTS_PER_MM * scale,
            )
        };
        let mut ops = vec![Op::SaveGraphicsState];
        for s in &chart.shapes {
            match s {
                Shape::Line {
                    points,
                    color: c,
                    width,
                } => {
                    let points = points.iter().map(|p| self.pt(at(*p))).collect();
                    ops.push(Op::SetOutlineColor { col: color(*c) });
                    ops.push(Op::SetOutlineThickness {
                        pt: Pt(*width as f32 / DOTS_PER_MM * scale / MM_PER_PT),
                    });
                    ops.push(Op::DrawLine {
                        line: Line {
                            points,
                            is_closed: false,
                        },
                    });
                }
                Shape::Rect {
                    from,
                    to,
                    color: c,
                    fill,
                } => {
                    let (a, b) = (at(*from), at(*to));
                    let (x0, x1) = (a.0.min(b.0), a.0.max(b.0));
                    let (y0, y1) = (a.1.min(b.1), a.1.max(b.1));
                    let corner = self.point(x0, y1);
                    ops.push(if *fill {
                        Op::SetFillColor { col: color(*c) }
                    } else {
                        Op::SetOutlineColor { col: color(*c) }
                    });
                    ops.push(Op::SetOutlineThickness { pt: Pt(0.5) });
                    ops.push(Op::DrawRectangle {
                        rectangle: Rect {
                            x: corner.x,
                            y: corner.y,
                            width: Mm(x1 - x0).into(),
                            height: Mm(y1 - y0).into(),
                            mode: Some(if *fill {
                                PaintMode::Fill
                            } else {
                                PaintMode::Stroke
                            }),
                            winding_order: None,
                        },
                    });
                }
                Shape::Circle {
                    center,
                    radius,
                    color: c,
                    fill,
                } => {
                    let (cx, cy) = at(*center);
                    let r = *radius as f32 / DOTS_PER_MM * scale;
                    let ring = (0..16)
                        .map(|i| {
                            let a = i as f32 * std::f32::consts::TAU / 16.0;
                            self.pt((cx + r * a.cos(), cy + r * a.sin()))
                        })
                        .collect();
                    ops.push(if *fill {
                        Op::SetFillColor { col: color(*c) }
                    } else {
                        Op::SetOutlineColor { col: color(*c) }
                    });
                    ops.push(polygon(ring, *fill));
                }
                Shape::Polygon { points, color: c } => {
                    let ring = points.iter().map(|p| self.pt(at(*p))).collect();
                    ops.push(Op::SetFillColor { col: color(*c) });
                    ops.push(polygon(ring, true));
                }
                Shape::Text {
                    text,
                    at: corner,
                    size,
                    color: c,
                } => {
                    let (x, y) = at(*corner);
                    let em_mm = size / DOTS_PER_MM * scale;
                    ops.push(Op::SetFillColor { col: color(*c) });
                    // Text goes through the form's own text operation (its font handle).
                    self.current_page().ops.append(&mut ops);
                    self.text_op(text, x, y + EM_ASCENT * em_mm, em_mm / MM_PER_PT);
                }
            }
        }
        ops.push(Op::RestoreGraphicsState);
        // Back to the form's black for whatever is drawn next.
        ops.push(Op::SetFillColor {
            col: Color::Greyscale(Greyscale::new(0.0, None)),
        });
        self.current_page().ops.extend(ops);
        self.mark_used();
        self.space(height);
        Ok(())
    }

    fn pt(&self, (x, y): (f32, f32)) -> LinePoint {
        LinePoint {
            p: self.point(x, y),
            bezier: false,
        }
    }
}

fn polygon(points: Vec<LinePoint>, fill: bool) -> Op {
    Op::DrawPolygon {
        polygon: Polygon {
            rings: vec![PolygonRing { points }],
            mode: if fill {
                PaintMode::Fill
            } else {
                PaintMode::Stroke
            },
            winding_order: WindingOrder::NonZero,
        },
    }
}
