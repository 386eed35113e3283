//! The 统计 tab on the real view: the month picked by typing and by 上月, its figures on screen,
//! the charts built from the same display lists as 月度汇总, and a month that cannot be read.

use crate::common::stats_estate::estate;
use crate::common::ui::{click, retype, shows};
use wuye_desk::domain::Month;
use wuye_desk::forms::chart::PALETTE;
use wuye_desk::ui::stats::MONTH_ID;
use wuye_desk::ui::{Clock, Desk};

fn desk() -> (tempfile::TempDir, Desk) {
    let (dir, store) = estate();
    let mut desk = Desk::new(store, None).unwrap();
    let at = chrono::NaiveDate::from_ymd_opt(2026, 12, 1)
        .and_then(|d| d.and_hms_opt(10, 0, 0))
        .unwrap();
    desk.set_clock(Clock::Fixed(at));
    click(&mut desk, "统计");
    (dir, desk)
}

#[test]
fn the_month_typed_shows_its_figures_tables_and_charts() {
    let (_dir, mut desk) = desk();
    retype(&mut desk, MONTH_ID, "2026年11月");
    click(&mut desk, "查看");
    assert_eq!(desk.stats().month(), Month::new(2026, 11).unwrap());
    for want in [
        "2026年11月 统计（及前12个月趋势）",
        "5件（入户维修4，公共报修1，取消1）",
        "3/4（75.0%）",
        "1/2（50.0%）",
        "1/3（33.3%）（满意1，一般1，不满意1）",
        "2/3（66.7%）",
        "1号楼 4件",
        "5件（其中投诉2）",
        "150.00",
        "43.5%",
        "全小区",
        "3张（已放行1，作废1，其中业主搬出1）",
        "1/3（33.3%）（仍未归还1）",
    ] {
        assert!(shows(&desk, want), "{want} not on screen");
    }
    let charts = desk.stats().charts();
    let names: Vec<&str> = charts.iter().map(|(n, _)| *n).collect();
    assert_eq!(
        names,
        [
            "每日报修",
            "报修类别",
            "各楼收缴率",
            "近13个月受理件数",
            "近13个月各项比率"
        ]
    );
    // One bar a day for the in-home series; the categories' labels are in the chart.
    assert_eq!(charts[0].1.bars_in(PALETTE[0]), 30);
    assert!(charts[1].1.texts().contains(&"水电"));
    assert_eq!(
        charts[3].1.bars_in(PALETTE[0]),
        13,
        "the month and the 12 before"
    );
}

#[test]
fn the_month_before_and_a_month_that_cannot_be_read() {
    let (_dir, mut desk) = desk();
    retype(&mut desk, MONTH_ID, "2026-11");
    click(&mut desk, "查看");
    click(&mut desk, "上月");
    assert!(shows(&desk, "2026年10月 统计（及前12个月趋势）"));
    assert!(shows(&desk, "0/1（0.0%）"), "October's one late arrival");
    retype(&mut desk, MONTH_ID, "2026-13");
    click(&mut desk, "查看");
    assert!(shows(
        &desk,
        "月份格式不对，请按 2026-11 或 2026年11月 填写"
    ));
    assert_eq!(desk.stats().month(), Month::new(2026, 10).unwrap());
}
