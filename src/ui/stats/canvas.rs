//! The window's painter of the charts' display lists: their shapes on one iced canvas, each
//! scaled to fit its band and kept in proportion, text in the desk's font.

use iced::widget::canvas::{self, Frame, Geometry, Path, Stroke, Text};
use iced::{Color, Font, Pixels, Point, Rectangle, Renderer, Size, Theme, mouse};

use crate::forms::chart::{Chart, Rgb, Shape};

/// The charts to paint, one above the other in bands of `band` pixels with `gap` between:
/// one canvas for all of them, since iced 0.14's wgpu renderer on the GL backend loses the
/// shapes of all but some canvases of a page (iced issues #3040, #2400) while text still
/// shows — one canvas draws everywhere.
pub struct ChartView<'a> {
    /// The charts, top to bottom.
    pub charts: &'a [(&'static str, Chart)],
    /// Height of each chart's band.
    pub band: f32,
    /// Space between bands.
    pub gap: f32,
}

impl ChartView<'_> {
    /// The canvas height that holds every band.
    pub fn height(&self) -> f32 {
        let n = self.charts.len() as f32;
        (n * self.band + (n - 1.0).max(0.0) * self.gap).max(1.0)
    }
}

fn color(c: Rgb) -> Color {
    Color::from_rgb8(c.0, c.1, c.2)
}

/// Whether `shape` covers no pixel: a rectangle without width or height, a line or polygon
/// of fewer points than it needs, a circle of no radius.
fn degenerate(shape: &Shape) -> bool {
    match shape {
        Shape::Rect { from, to, .. } => from.0 == to.0 || from.1 == to.1,
        Shape::Line { points, .. } => points.len() < 2,
        Shape::Polygon { points, .. } => points.len() < 3,
        Shape::Circle { radius, .. } => *radius == 0,
        Shape::Text { text, .. } => text.is_empty(),
    }
}

impl<Message> canvas::Program<Message> for ChartView<'_> {
    type State = ();

    fn draw(
        &self,
        _state: &(),
        renderer: &Renderer,
        _theme: &Theme,
        bounds: Rectangle,
        _cursor: mouse::Cursor,
    ) -> Vec<Geometry> {
        let mut frame = Frame::new(renderer, bounds.size());
        for (i, (_, chart)) in self.charts.iter().enumerate() {
            let top = i as f32 * (self.band + self.gap);
            paint(&mut frame, chart, top, Size::new(bounds.width, self.band));
        }
        vec![frame.into_geometry()]
    }
}

/// Paints `chart` into the band of `size` starting `top` pixels down, scaled to fit and kept
/// in proportion.
fn paint(frame: &mut Frame, chart: &Chart, top: f32, size: Size) {
    let (w, h) = (chart.width.max(1) as f32, chart.height.max(1) as f32);
    let scale = (size.width / w).min(size.height / h);
    let at = |(x, y): (i32, i32)| Point::new(x as f32 * scale, top + y as f32 * scale);
    // A shape with no area or no length (a day's bar of 0) is left out: it draws nothing,
    // and an empty mesh among the frame's makes the renderer drop the chart's other shapes.
    for shape in chart.shapes.iter().filter(|s| !degenerate(s)) {
        match shape {
            Shape::Line {
                points,
                color: c,
                width,
            } => {
                let path = Path::new(|b| {
                    let mut points = points.iter();
                    if let Some(first) = points.next() {
                        b.move_to(at(*first));
                        for p in points {
                            b.line_to(at(*p));
                        }
                    }
                });
                let stroke = Stroke::default()
                    .with_color(color(*c))
                    .with_width((*width as f32 * scale).max(1.0));
                frame.stroke(&path, stroke);
            }
            Shape::Rect {
                from,
                to,
                color: c,
                fill,
            } => {
                let (a, b) = (at(*from), at(*to));
                let top_left = Point::new(a.x.min(b.x), a.y.min(b.y));
                let size = Size::new((a.x - b.x).abs(), (a.y - b.y).abs());
                if *fill {
                    frame.fill_rectangle(top_left, size, color(*c));
                } else {
                    frame.stroke(
                        &Path::rectangle(top_left, size),
                        Stroke::default().with_color(color(*c)),
                    );
                }
            }
            Shape::Circle {
                center,
                radius,
                color: c,
                fill,
            } => {
                let path = Path::circle(at(*center), *radius as f32 * scale);
                if *fill {
                    frame.fill(&path, color(*c));
                } else {
                    frame.stroke(&path, Stroke::default().with_color(color(*c)));
                }
            }
            Shape::Polygon { points, color: c } => {
                let path = Path::new(|b| {
                    let mut points = points.iter();
                    if let Some(first) = points.next() {
                        b.move_to(at(*first));
                        for p in points {
                            b.line_to(at(*p));
                        }
                        b.close();
                    }
                });
                frame.fill(&path, color(*c));
            }
            Shape::Text {
                text,
                at: corner,
                size,
                color: c,
            } => frame.fill_text(Text {
                content: text.clone(),
                position: at(*corner),
                color: color(*c),
                size: Pixels(size * scale),
                font: Font::with_name(crate::ui::FONT_NAME),
                ..Text::default()
            }),
        }
    }
}
