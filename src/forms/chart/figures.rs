//! The charts of the month's figures, shared by 月度汇总 and the 统计 tab: each takes the
//! figures and a size in dots and returns the display list both painters draw.

use super::{BarSeries, Chart, LineSeries, bar_chart, line_chart};
use crate::domain::stats::{MonthFigures, Rate, TrendPoint};
use crate::forms::FormError;

/// The usual size: the A4 content width (174 mm) by 70 mm.
pub const WIDE: (u32, u32) = (1740, 700);

/// 每日报修: in-home and public repairs received each day, stacked; one bar per day.
pub fn repairs_by_day(f: &MonthFigures, size: (u32, u32)) -> Result<Chart, FormError> {
    let labels: Vec<String> = f.days.iter().map(|d| d.day.to_string()).collect();
    let home: Vec<f64> = f
        .days
        .iter()
        .map(|d| f64::from(d.repairs_in_home))
        .collect();
    let public: Vec<f64> = f.days.iter().map(|d| f64::from(d.repairs_public)).collect();
    bar_chart(
        &format!("{} 每日报修（件）", f.month.paper()),
        &labels,
        &[
            BarSeries {
                name: "入户维修",
                values: &home,
            },
            BarSeries {
                name: "公共报修",
                values: &public,
            },
        ],
        5,
        size,
    )
}

/// 报修类别: repairs by category, most first (the first twelve; the rest as 其余).
pub fn repairs_by_category(f: &MonthFigures, size: (u32, u32)) -> Result<Chart, FormError> {
    let mut labels = Vec::new();
    let mut values = Vec::new();
    for (i, (name, n)) in f.repair_categories.iter().enumerate() {
        if i < 12 {
            labels.push(name.clone());
            values.push(f64::from(*n));
        } else if let Some(rest) = values.get_mut(12) {
            *rest += f64::from(*n);
        } else {
            labels.push("其余".to_string());
            values.push(f64::from(*n));
        }
    }
    bar_chart(
        &format!("{} 报修类别（件）", f.month.paper()),
        &labels,
        &[BarSeries {
            name: "报修",
            values: &values,
        }],
        1,
        size,
    )
}

/// 收缴率 by building: one bar per building, in percent.
pub fn collection_by_building(f: &MonthFigures, size: (u32, u32)) -> Result<Chart, FormError> {
    let rows: Vec<_> = f.collection.iter().filter(|c| c.building > 0).collect();
    // Bare building numbers: twenty "N号楼" side by side would run into each other.
    let labels: Vec<String> = rows.iter().map(|c| c.building.to_string()).collect();
    let values: Vec<f64> = rows
        .iter()
        .map(|c| c.permille().map_or(0.0, |p| f64::from(p) / 10.0))
        .collect();
    bar_chart(
        &format!("{} 各楼收缴率（%，横轴为楼栋号）", f.month.paper()),
        &labels,
        &[BarSeries {
            name: "收缴率",
            values: &values,
        }],
        1,
        size,
    )
}

fn percent(r: Rate) -> Option<f64> {
    r.permille().map(|p| f64::from(p) / 10.0)
}

fn month_labels(trend: &[TrendPoint]) -> Vec<String> {
    trend
        .iter()
        .map(|p| format!("{:02}-{:02}", p.month.year() % 100, p.month.number()))
        .collect()
}

/// 近13个月 rates: arrivals, callbacks, satisfaction, feedback answered in time, 收缴率.
pub fn trend_rates(trend: &[TrendPoint], size: (u32, u32)) -> Result<Chart, FormError> {
    let arrival: Vec<_> = trend.iter().map(|p| percent(p.repairs.arrival)).collect();
    let callback: Vec<_> = trend.iter().map(|p| percent(p.repairs.callback)).collect();
    let satisfied: Vec<_> = trend
        .iter()
        .map(|p| percent(p.repairs.satisfaction))
        .collect();
    let answered: Vec<_> = trend.iter().map(|p| percent(p.feedback_answered)).collect();
    let collected: Vec<_> = trend
        .iter()
        .map(|p| p.collection.permille().map(|v| f64::from(v) / 10.0))
        .collect();
    line_chart(
        "近13个月各项比率",
        &month_labels(trend),
        &[
            LineSeries {
                name: "到场及时率",
                values: &arrival,
            },
            LineSeries {
                name: "回访完成率",
                values: &callback,
            },
            LineSeries {
                name: "满意率",
                values: &satisfied,
            },
            LineSeries {
                name: "按时答复率",
                values: &answered,
            },
            LineSeries {
                name: "收缴率",
                values: &collected,
            },
        ],
        size,
    )
}

/// 近13个月 counts: repairs and feedback received each month.
pub fn trend_counts(trend: &[TrendPoint], size: (u32, u32)) -> Result<Chart, FormError> {
    let repairs: Vec<f64> = trend
        .iter()
        .map(|p| f64::from(p.repairs.received))
        .collect();
    let feedback: Vec<f64> = trend
        .iter()
        .map(|p| f64::from(p.feedback_received))
        .collect();
    bar_chart(
        "近13个月受理件数",
        &month_labels(trend),
        &[
            BarSeries {
                name: "报修",
                values: &repairs,
            },
            BarSeries {
                name: "信息反馈",
                values: &feedback,
            },
        ],
        1,
        size,
    )
}
