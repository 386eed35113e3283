//! 月度汇总: the month's counts and rates against the procedure (报修 by kind and category,
//! arrivals within 15 minutes, reviews within 30, callbacks, satisfaction; feedback answered
//! in time; 收缴率 by building; vacancy inspection coverage; passes and keys) with the charts
//! of the 统计 tab, drawn from the same display lists. Its bytes depend only on the figures and
//! the date it is printed as.

use chrono::NaiveDate;

use super::chart::figures::{
    WIDE, collection_by_building, repairs_by_category, repairs_by_day, trend_counts, trend_rates,
};
use super::{Align, Column, FormDoc, FormError, PageSize, Table};
use crate::domain::date::paper_date;
use crate::domain::settings::Office;
use crate::domain::stats::{MonthFigures, TrendPoint, percent_text};

/// `1号楼 12件、2号楼 8件`.
pub fn by_building(rows: &[(u32, u32)]) -> String {
    rows.iter()
        .map(|(b, n)| format!("{b}号楼 {n}件"))
        .collect::<Vec<_>>()
        .join("、")
}

/// A section heading, on a new page unless `keep_mm` below it fit on this one (a heading alone
/// at the foot of a page reads as belonging to nothing).
fn section(doc: &mut FormDoc, title: &str, keep_mm: f32) -> Result<(), FormError> {
    doc.ensure(keep_mm);
    doc.text(title, 10.5)
}

/// Lays out the 月度汇总 of `f` with its 13-month `trend`, dated `today`.
pub fn month_summary(
    office: &Office,
    f: &MonthFigures,
    trend: &[TrendPoint],
    today: NaiveDate,
) -> Result<Vec<u8>, FormError> {
    let mut doc = FormDoc::new("月度汇总", PageSize::A4)?;
    doc.footer(&office.company)?;
    doc.title(&format!(
        "{} 月度汇总 {}",
        office.estate.trim(),
        f.month.paper()
    ))?;
    doc.header_line(&office.company, "", &paper_date(today))?;

    let r = &f.repairs;
    section(&mut doc, "一、报修（按受理时间计入本月）", 30.0)?;
    let received = format!(
        "{}件（入户维修{}，公共报修{}，取消{}）",
        r.received, r.in_home, r.public, r.cancelled
    );
    let ratings = format!(
        "{}（满意{}，一般{}，不满意{}）",
        r.ratings.satisfaction().text(),
        r.ratings.satisfied,
        r.ratings.fair,
        r.ratings.dissatisfied
    );
    let (arrival, review, callback) = (r.arrival.text(), r.review.text(), r.callback.text());
    doc.key_value_grid(
        &[
            ("受理", received.as_str()),
            ("15分钟内到场", arrival.as_str()),
            ("评审后30分钟内返回", review.as_str()),
            ("已回访", callback.as_str()),
            ("满意率", ratings.as_str()),
        ],
        1,
    )?;
    if !f.repairs_by_building.is_empty() {
        doc.text(
            &format!("各楼入户维修：{}", by_building(&f.repairs_by_building)),
            9.0,
        )?;
    }
    doc.chart(&repairs_by_day(f, WIDE)?)?;
    if !f.repair_categories.is_empty() {
        doc.chart(&repairs_by_category(f, WIDE)?)?;
    }

    let fb = &f.feedback;
    section(&mut doc, "二、信息反馈与投诉", 30.0)?;
    let received = format!("{}件（其中投诉{}）", fb.received, fb.complaints);
    let answered = fb.answered.text();
    let open = format!("{}件", fb.open);
    doc.key_value_grid(
        &[
            ("受理", received.as_str()),
            ("按时答复客户", answered.as_str()),
            ("尚未答复", open.as_str()),
        ],
        1,
    )?;

    section(&mut doc, "三、收缴率（本月应收，月末前实收）", 30.0)?;
    let mut fees = Table::new(vec![
        Column::new("楼栋", 1.2),
        Column::new("应收（元）", 1.6).align(Align::Right),
        Column::new("实收（元）", 1.6).align(Align::Right),
        Column::new("收缴率", 1.0).align(Align::Right),
    ]);
    for c in &f.collection {
        let name = if c.building == 0 {
            "全小区".to_string()
        } else {
            format!("{}号楼", c.building)
        };
        fees.push_row([
            name,
            c.billed.yuan_string(),
            c.collected.yuan_string(),
            percent_text(c.permille()),
        ]);
    }
    doc.table(&fees)?;
    if f.collection.iter().any(|c| c.building > 0) {
        doc.chart(&collection_by_building(f, WIDE)?)?;
    }

    section(&mut doc, "四、空置房及地下室检查覆盖率", 30.0)?;
    let mut cover = Table::new(vec![
        Column::new("楼栋", 1.2),
        Column::new("应检查", 1.0).align(Align::Right),
        Column::new("已检查", 1.0).align(Align::Right),
        Column::new("覆盖率", 1.0).align(Align::Right),
    ]);
    for c in &f.coverage {
        let name = if c.building == 0 {
            "全小区".to_string()
        } else {
            format!("{}号楼", c.building)
        };
        cover.push_row([
            name,
            c.rate.of.to_string(),
            c.rate.met.to_string(),
            c.rate.percent_text(),
        ]);
    }
    doc.table(&cover)?;

    let g = &f.gate_keys;
    section(&mut doc, "五、物品放行与钥匙", 30.0)?;
    let passes = format!(
        "{}张（已放行{}，作废{}，其中业主搬出{}）",
        g.passes, g.released, g.voided, g.moving_out
    );
    let issues = format!("{}次", g.key_issues);
    let loans = format!("{}（仍未归还{}）", g.loans_returned.text(), g.loans_out);
    doc.key_value_grid(
        &[
            ("放行条", passes.as_str()),
            ("钥匙发放", issues.as_str()),
            ("钥匙借用按时归还", loans.as_str()),
        ],
        1,
    )?;

    // The heading stays with its first chart rather than alone at the foot of a page.
    section(&mut doc, "六、近13个月趋势", 80.0)?;
    doc.chart(&trend_counts(trend, WIDE)?)?;
    doc.chart(&trend_rates(trend, WIDE)?)?;
    doc.finish()
}
