//! The 统计 tab's view: the month picker, the month's figures as lines and tables by building,
//! and the charts on canvases.

use iced::widget::{Column, button, canvas, column, container, row, text, text_input};
use iced::{Alignment, Element, Length};

use super::canvas::ChartView;
use super::{MONTH_ID, Message, Stats};
use crate::domain::stats::{MonthFigures, Rate, percent_text};
use crate::ui::widget::{heading, hint, scroll};

/// Height of one chart on screen, in logical pixels.
const CHART_HEIGHT: f32 = 300.0;

fn line<'a>(label: &'a str, value: String) -> Element<'a, Message> {
    row![
        text(label).size(14).width(Length::Fixed(170.0)),
        text(value).size(14)
    ]
    .spacing(8)
    .into()
}

/// A small table: a header row and rows of cells, equal columns.
fn table<'a>(header: [&'a str; 4], rows: Vec<[String; 4]>) -> Element<'a, Message> {
    let cell = |s: String| text(s).size(14).width(Length::Fixed(130.0));
    let mut col = Column::new().spacing(2).push(row(header
        .into_iter()
        .map(|h| text(h).size(14).width(Length::Fixed(130.0)).into())));
    for r in rows {
        col = col.push(row(r.into_iter().map(|c| cell(c).into())));
    }
    col.into()
}

fn building(b: u32) -> String {
    if b == 0 {
        "全小区".to_string()
    } else {
        format!("{b}号楼")
    }
}

fn figures(f: &MonthFigures) -> Element<'_, Message> {
    let r = &f.repairs;
    let g = &f.gate_keys;
    let ratings = format!(
        "{}（满意{}，一般{}，不满意{}）",
        r.ratings.satisfaction().text(),
        r.ratings.satisfied,
        r.ratings.fair,
        r.ratings.dissatisfied
    );
    let collection = f
        .collection
        .iter()
        .map(|c| {
            [
                building(c.building),
                c.billed.yuan_string(),
                c.collected.yuan_string(),
                percent_text(c.permille()),
            ]
        })
        .collect();
    let coverage = f
        .coverage
        .iter()
        .map(|c| {
            let Rate { met, of } = c.rate;
            [
                building(c.building),
                of.to_string(),
                met.to_string(),
                c.rate.percent_text(),
            ]
        })
        .collect();
    column![
        text("报修").size(16),
        line(
            "受理",
            format!(
                "{}件（入户维修{}，公共报修{}，取消{}）",
                r.received, r.in_home, r.public, r.cancelled
            )
        ),
        line("15分钟内到场", r.arrival.text()),
        line("评审后30分钟内返回", r.review.text()),
        line("已回访", r.callback.text()),
        line("满意率", ratings),
        line(
            "各楼入户维修",
            if f.repairs_by_building.is_empty() {
                "—".to_string()
            } else {
                crate::forms::repairs_by_building_text(&f.repairs_by_building)
            }
        ),
        text("信息反馈与投诉").size(16),
        line(
            "受理",
            format!(
                "{}件（其中投诉{}）",
                f.feedback.received, f.feedback.complaints
            )
        ),
        line("按时答复客户", f.feedback.answered.text()),
        line("尚未答复", format!("{}件", f.feedback.open)),
        text("收缴率（本月应收，月末前实收）").size(16),
        table(["楼栋", "应收（元）", "实收（元）", "收缴率"], collection),
        text("空置房及地下室检查覆盖率").size(16),
        table(["楼栋", "应检查", "已检查", "覆盖率"], coverage),
        text("物品放行与钥匙").size(16),
        line(
            "放行条",
            format!(
                "{}张（已放行{}，作废{}，其中业主搬出{}）",
                g.passes, g.released, g.voided, g.moving_out
            )
        ),
        line("钥匙发放", format!("{}次", g.key_issues)),
        line(
            "钥匙借用按时归还",
            format!("{}（仍未归还{}）", g.loans_returned.text(), g.loans_out)
        ),
    ]
    .spacing(6)
    .into()
}

impl Stats {
    /// The tab.
    pub fn view(&self) -> Element<'_, Message> {
        let picker = row![
            text("月份").size(14),
            text_input("2026-11", &self.month_text)
                .id(MONTH_ID)
                .on_input(Message::MonthText)
                .on_submit(Message::Show)
                .padding(6)
                .width(Length::Fixed(110.0)),
            button(text("查看").size(14)).on_press(Message::Show),
            button(text("上月").size(14))
                .on_press(Message::Previous)
                .style(button::secondary),
            button(text("下月").size(14))
                .on_press(Message::Next)
                .style(button::secondary),
            button(text("打印月度汇总").size(14)).on_press(Message::Print),
        ]
        .spacing(8)
        .align_y(Alignment::Center);
        let mut body = column![picker].spacing(12);
        if let Some(e) = &self.error {
            body = body.push(text(e).size(14).style(text::danger));
        }
        let title = format!("{} 统计（及前12个月趋势）", self.month.paper());
        body = body.push(text(title).size(18));
        match &self.figures {
            Some(f) => {
                let left = container(figures(f)).width(Length::FillPortion(2));
                let charts = ChartView {
                    charts: &self.charts,
                    band: CHART_HEIGHT,
                    gap: 12.0,
                };
                let height = charts.height();
                let charts = canvas(charts)
                    .width(Length::Fill)
                    .height(Length::Fixed(height));
                body = body
                    .push(row![left, container(charts).width(Length::FillPortion(3))].spacing(16));
            }
            None => body = body.push(hint("没有可显示的数据。")),
        }
        body = body.push(heading("说明")).push(hint(
            "报修按受理时间计入当月；到场按预约时间（派单晚于预约时按派单时间）起算15分钟，\
             恰好15分钟算按时；评审按最近一次评审起算30分钟；信息反馈按重新打开后的时限；\
             收缴率为本月账单中月末前已收（作废收据不算）的比例；“—”表示当月没有可计的记录。",
        ));
        scroll(body.padding([0, 8])).height(Length::Fill).into()
    }
}
