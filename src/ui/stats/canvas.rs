//! The window's painter of a chart display list: its shapes on an iced canvas, scaled to fit
//! the canvas and kept in proportion, text in the desk's font.

use iced::widget::canvas::{self, Frame, Geometry, Path, Stroke, Text};
use iced::{Color, Font, Pixels, Point, Rectangle, Renderer, Size, Theme, mouse};

use crate::forms::chart::{Chart, Rgb, Shape};

/// A chart to paint; the canvas program of one chart.
pub struct ChartView<'a>(pub &'a Chart);

fn color(c: Rgb) -> Color {
    Color::from_rgb8(c.0, c.1, c.2)
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
        let chart = self.0;
        let mut frame = Frame::new(renderer, bounds.size());
        let (w, h) = (chart.width.max(1) as f32, chart.height.max(1) as f32);
        let scale = (bounds.width / w).min(bounds.height / h);
        let at = |(x, y): (i32, i32)| Point::new(x as f32 * scale, y as f32 * scale);
        for shape in &chart.shapes {
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
        vec![frame.into_geometry()]
    }
}
