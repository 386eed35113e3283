//! The two kinds of chart 统计 and 月度汇总 draw, with plotters into a [`Recorder`]: bars over
//! labelled slots (by day, by category, by building; stacked when several series) and lines
//! over months (rates in percent, a month with nothing counted left as a gap).

use plotters::coord::ranged1d::SegmentedCoord;
use plotters::coord::types::{RangedCoordf64, RangedCoordi32};
use plotters::prelude::*;

use super::{Chart, PALETTE, Recorder, Rgb};
use crate::forms::FormError;

/// Caption em size in dots (4.5 mm, about 13 pt).
const CAPTION: u32 = 45;
/// Tick and legend label em size in dots (3 mm, about 8.5 pt).
const LABEL: u32 = 30;

/// One stacked series of a bar chart: a value per slot.
#[derive(Debug, Clone, Copy)]
pub struct BarSeries<'a> {
    /// Its name in the legend.
    pub name: &'a str,
    /// One value per slot.
    pub values: &'a [f64],
}

/// One series of a line chart: a value per month, `None` where nothing was counted.
#[derive(Debug, Clone, Copy)]
pub struct LineSeries<'a> {
    /// Its name in the legend.
    pub name: &'a str,
    /// One value per slot.
    pub values: &'a [Option<f64>],
}

fn plot_error<E: std::error::Error + Send + Sync>(e: DrawingAreaErrorKind<E>) -> FormError {
    FormError::Layout(format!("图表：{e}"))
}

fn rgb(c: Rgb) -> RGBColor {
    RGBColor(c.0, c.1, c.2)
}

/// The label under slot `i` (0-based) when it is one of every `every`th (and the last), else
/// nothing: a month's 31 day numbers would not fit side by side.
fn slot_label(labels: &[String], every: usize, x: &SegmentValue<i32>) -> String {
    let SegmentValue::CenterOf(i) = x else {
        return String::new();
    };
    let Ok(i) = usize::try_from(*i) else {
        return String::new();
    };
    if i % every.max(1) == 0 || i + 1 == labels.len() {
        labels.get(i).cloned().unwrap_or_default()
    } else {
        String::new()
    }
}

/// The slots as plotters' segmented axis: slot `i` spans `Exact(i)..Exact(i + 1)`.
fn slots(n: usize) -> SegmentedCoord<RangedCoordi32> {
    let last = i32::try_from(n.max(1) - 1).unwrap_or(i32::MAX - 1);
    (0..last).into_segmented()
}

/// A round top for the value axis: at least `1`, a little above the largest value.
fn axis_top(max: f64) -> f64 {
    if max <= 0.0 || !max.is_finite() {
        return 1.0;
    }
    let step = 10f64.powf(max.log10().floor());
    ((max * 1.1) / step).ceil() * step
}

/// A chart's drawing area: the slots across, the values up.
type Plot<'a> =
    ChartContext<'a, Recorder, Cartesian2d<SegmentedCoord<RangedCoordi32>, RangedCoordf64>>;

/// A chart's value axis: from 0 to `top`, its labels `format`ted in an area `width` dots wide.
struct ValueAxis<'f> {
    top: f64,
    width: u32,
    format: &'f dyn Fn(&f64) -> String,
}

/// The frame both kinds of chart share: the caption, the slot axis labelled by `labels` (every
/// `every`th slot), the value axis, and light horizontal grid lines.
fn axes<'a>(
    root: &'a DrawingArea<Recorder, plotters::coord::Shift>,
    title: &str,
    labels: &[String],
    every: usize,
    y: ValueAxis<'_>,
) -> Result<Plot<'a>, FormError> {
    let n = labels.len().max(1);
    let x_fmt = |v: &SegmentValue<i32>| slot_label(labels, every, v);
    let mut chart = ChartBuilder::on(root)
        .caption(title, ("sans-serif", CAPTION))
        .margin(20)
        .x_label_area_size(50)
        .y_label_area_size(y.width)
        .build_cartesian_2d(slots(n), 0.0..y.top)
        .map_err(plot_error)?;
    chart
        .configure_mesh()
        .disable_x_mesh()
        .light_line_style(TRANSPARENT)
        .bold_line_style(RGBColor(0xdd, 0xdd, 0xdd))
        .x_label_formatter(&x_fmt)
        .x_labels(n)
        .y_label_formatter(y.format)
        .y_labels(6)
        .label_style(("sans-serif", LABEL))
        .draw()
        .map_err(plot_error)?;
    Ok(chart)
}

/// A bar chart: one slot per label, the series stacked in [`PALETTE`] order; only every
/// `label_every`-th slot is labelled (days of a month), and every bar is drawn, zeros too, so a
/// chart of 30 days has 30 bars per series.
pub fn bar_chart(
    title: &str,
    labels: &[String],
    series: &[BarSeries<'_>],
    label_every: usize,
    size: (u32, u32),
) -> Result<Chart, FormError> {
    let recorder = Recorder::new(size.0, size.1);
    {
        let root = recorder.clone().into_drawing_area();
        root.fill(&WHITE).map_err(plot_error)?;
        let n = labels.len().max(1);
        let totals = (0..n).map(|i| series.iter().filter_map(|s| s.values.get(i)).sum::<f64>());
        let top = axis_top(totals.fold(0.0, f64::max));
        let y_fmt = |y: &f64| format!("{y:.0}");
        let mut chart = axes(
            &root,
            title,
            labels,
            label_every,
            ValueAxis {
                top,
                width: 80,
                format: &y_fmt,
            },
        )?;
        let mut base = vec![0.0; n];
        for (k, s) in series.iter().enumerate() {
            let color = rgb(PALETTE[k % PALETTE.len()]);
            let bars: Vec<Rectangle<(SegmentValue<i32>, f64)>> = (0..n)
                .map(|i| {
                    let v = s.values.get(i).copied().unwrap_or(0.0);
                    let x = i32::try_from(i).unwrap_or(i32::MAX - 1);
                    let mut bar = Rectangle::new(
                        [
                            (SegmentValue::Exact(x), base[i]),
                            (SegmentValue::Exact(x + 1), base[i] + v),
                        ],
                        color.filled(),
                    );
                    // A gap between neighbours: a sixth of the slot on each side.
                    let gap = (size.0 / (6 * n.max(1) as u32)).min(30);
                    bar.set_margin(0, 0, gap, gap);
                    base[i] += v;
                    bar
                })
                .collect();
            chart
                .draw_series(bars)
                .map_err(plot_error)?
                .label(s.name)
                .legend(move |(x, y)| Circle::new((x + 10, y), 10, color.filled()));
        }
        if series.len() > 1 {
            chart
                .configure_series_labels()
                .position(SeriesLabelPosition::UpperRight)
                .label_font(("sans-serif", LABEL))
                .background_style(WHITE)
                .border_style(RGBColor(0x99, 0x99, 0x99))
                .draw()
                .map_err(plot_error)?;
        }
        root.present().map_err(plot_error)?;
    }
    Ok(recorder.finish())
}

/// A line chart of percentages (0–100) over labelled slots; `None` leaves a gap in the line.
pub fn line_chart(
    title: &str,
    labels: &[String],
    series: &[LineSeries<'_>],
    size: (u32, u32),
) -> Result<Chart, FormError> {
    let recorder = Recorder::new(size.0, size.1);
    {
        let root = recorder.clone().into_drawing_area();
        root.fill(&WHITE).map_err(plot_error)?;
        let y_fmt = |y: &f64| format!("{y:.0}%");
        let mut chart = axes(
            &root,
            title,
            labels,
            1,
            ValueAxis {
                top: 105.0,
                width: 90,
                format: &y_fmt,
            },
        )?;
        for (k, s) in series.iter().enumerate() {
            let color = rgb(PALETTE[k % PALETTE.len()]);
            let style = color.stroke_width(4);
            // Runs of consecutive known values: a month with nothing counted breaks the line.
            let mut runs: Vec<Vec<(SegmentValue<i32>, f64)>> = vec![Vec::new()];
            for (i, v) in s.values.iter().enumerate() {
                let x = SegmentValue::CenterOf(i32::try_from(i).unwrap_or(i32::MAX - 1));
                match (v, runs.last_mut()) {
                    (Some(v), Some(run)) => run.push((x, *v)),
                    _ => runs.push(Vec::new()),
                }
            }
            let points: Vec<_> = runs.iter().flatten().cloned().collect();
            chart
                .draw_series(
                    runs.into_iter()
                        .filter(|r| r.len() > 1)
                        .map(|r| PathElement::new(r, style)),
                )
                .map_err(plot_error)?
                .label(s.name)
                .legend(move |(x, y)| PathElement::new(vec![(x, y), (x + 30, y)], style));
            chart
                .draw_series(
                    points
                        .into_iter()
                        .map(|p| Circle::new(p, 6, color.filled())),
                )
                .map_err(plot_error)?;
        }
        chart
            .configure_series_labels()
            .position(SeriesLabelPosition::LowerLeft)
            .label_font(("sans-serif", LABEL))
            .background_style(WHITE)
            .border_style(RGBColor(0x99, 0x99, 0x99))
            .draw()
            .map_err(plot_error)?;
        root.present().map_err(plot_error)?;
    }
    Ok(recorder.finish())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn axis_tops_are_round_and_never_zero() {
        assert_eq!(axis_top(0.0), 1.0);
        assert_eq!(axis_top(9.0), 10.0);
        assert_eq!(axis_top(23.0), 30.0);
        assert_eq!(axis_top(f64::NAN), 1.0);
    }

    #[test]
    fn a_month_of_days_has_one_bar_per_day_and_its_labels_in_the_form_font() {
        let labels: Vec<String> = (1..=30).map(|d| d.to_string()).collect();
        let values: Vec<f64> = (0..30).map(|d| f64::from(d % 4)).collect();
        let public = vec![1.0; 30];
        let c = bar_chart(
            "每日报修",
            &labels,
            &[
                BarSeries {
                    name: "入户维修",
                    values: &values,
                },
                BarSeries {
                    name: "公共报修",
                    values: &public,
                },
            ],
            5,
            (1740, 700),
        )
        .unwrap();
        assert_eq!(c.bars_in(PALETTE[0]), 30);
        assert_eq!(c.bars_in(PALETTE[1]), 30);
        let texts = c.texts();
        for t in ["每日报修", "入户维修", "公共报修", "1", "30"] {
            assert!(texts.contains(&t), "{t} in {texts:?}");
        }
    }

    #[test]
    fn a_gap_breaks_the_line_and_each_known_month_gets_a_point() {
        let labels: Vec<String> = (1..=5).map(|m| format!("{m}月")).collect();
        let v = [Some(50.0), Some(60.0), None, Some(80.0), Some(90.0)];
        let c = line_chart(
            "到场及时率",
            &labels,
            &[LineSeries {
                name: "到场",
                values: &v,
            }],
            (1740, 600),
        )
        .unwrap();
        let lines = c
            .shapes
            .iter()
            .filter(|s| matches!(s, super::super::Shape::Line { color, width: 4, .. } if *color == PALETTE[0]))
            .count();
        // Two runs of two points, plus the legend's stroke.
        assert_eq!(lines, 3);
        let points = c
            .shapes
            .iter()
            .filter(
                |s| matches!(s, super::super::Shape::Circle { color, .. } if *color == PALETTE[0]),
            )
            .count();
        assert_eq!(points, 4);
    }

    #[test]
    fn an_empty_month_still_draws_its_axes_without_failing() {
        let c = bar_chart(
            "报修类别",
            &[],
            &[BarSeries {
                name: "报修",
                values: &[],
            }],
            1,
            (1740, 700),
        )
        .unwrap();
        assert!(c.texts().contains(&"报修类别"));
        let none = [None; 13];
        let labels: Vec<String> = (1..=13).map(|m| m.to_string()).collect();
        let c = line_chart(
            "比率",
            &labels,
            &[LineSeries {
                name: "到场",
                values: &none,
            }],
            (1740, 600),
        )
        .unwrap();
        assert!(
            c.texts().contains(&"到场"),
            "the legend names a series with no values"
        );
    }
}
