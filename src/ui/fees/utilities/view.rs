//! The 公共水电 pane's screen: the building, meter and month; the readings with the entry form
//! on the left; the 12-month loss and its limit on the right.

use iced::widget::{button, column, pick_list, row, table, text, text_input};
use iced::{Alignment, Element, Length};

use super::{LIMIT, LIMIT_ID, Message, READING_ID, UtilitiesPane, meter_name, show_reading};
use crate::domain::fees::Meter;
use crate::store::{LossMonth, ReadingRow};
use crate::ui::Notice;
use crate::ui::fees::arrears::BuildingChoice;
use crate::ui::form::form;
use crate::ui::widget::{hint, labelled, scroll};

fn notice(n: Option<&Notice>) -> Option<Element<'_, Message>> {
    n.map(|n| {
        text(&n.text)
            .size(13)
            .style(if n.error { text::danger } else { text::success })
            .into()
    })
}

pub(super) fn view(p: &UtilitiesPane) -> Element<'_, Message> {
    let meter_button = |m: Meter| {
        let b = button(text(format!("{}表", m.label())).size(13)).on_press(Message::Meter(m));
        if p.meter == m {
            b.style(button::primary)
        } else {
            b.style(button::secondary)
        }
    };
    let top = row![
        text("楼栋").size(14),
        pick_list(
            p.buildings.clone(),
            p.building.map(BuildingChoice::One),
            Message::Building
        )
        .placeholder("选择楼栋")
        .text_size(14),
        meter_button(Meter::Water),
        meter_button(Meter::Power),
        button(text("上月").size(13))
            .on_press(Message::Month(-1))
            .style(button::secondary),
        text(p.month.paper()).size(15),
        button(text("下月").size(13))
            .on_press(Message::Month(1))
            .style(button::secondary),
    ]
    .spacing(8)
    .align_y(Alignment::Center);
    if p.building.is_none() {
        return column![top, hint("档案中还没有楼栋。")].spacing(12).into();
    }
    row![
        container_left(p, top),
        column![loss(p), limit(p)]
            .spacing(16)
            .width(Length::FillPortion(4)),
    ]
    .spacing(16)
    .height(Length::Fill)
    .into()
}

fn container_left<'a>(
    p: &'a UtilitiesPane,
    top: iced::widget::Row<'a, Message>,
) -> Element<'a, Message> {
    let mut col = column![top, entry(p)].spacing(10);
    let list: Element<'_, Message> = match &p.rows {
        Err(e) => text(e).style(text::danger).into(),
        Ok(rows) => scroll(readings(p, rows)).height(Length::Fill).into(),
    };
    col = col.push(list);
    col.width(Length::FillPortion(5)).into()
}

/// One figure for the picked row: typed, Enter saves.
fn entry(p: &UtilitiesPane) -> Element<'_, Message> {
    let Some(row_) = p.rows().get(p.picked) else {
        return hint("该楼没有可抄的表。");
    };
    let unit = p.meter.unit();
    let previous = row_
        .previous
        .map_or("无".to_string(), |r| show_reading(p.meter, r));
    let fields = column![
        text(format!(
            "{}　{}表　上月读数 {previous}",
            meter_name(row_),
            p.meter.label()
        ))
        .size(15),
        labelled(
            "本月读数",
            row![
                text_input(&format!("单位：{unit}"), &p.value)
                    .id(READING_ID)
                    .on_input(Message::Value)
                    .padding(6)
                    .width(Length::Fixed(180.0)),
                button(text("保存（Enter）")).on_press(Message::SaveReading),
            ]
            .spacing(8)
            .into(),
            p.value_error.as_deref(),
        ),
        hint("保存后自动跳到下一块还没有读数的表；点击表中的“总表”或房号可改选。"),
    ]
    .spacing(6);
    let mut col =
        column![form(p.readings_about(), fields).on_submit(Message::SaveReading)].spacing(4);
    if let Some(n) = notice(p.readings_message()) {
        col = col.push(n);
    }
    col.into()
}

fn readings<'a>(p: &'a UtilitiesPane, rows: &'a [ReadingRow]) -> Element<'a, Message> {
    let meter = p.meter;
    let picked = p.picked;
    let head = |s: &'static str| text(s).size(13);
    let show = move |v: Option<i64>| v.map_or(String::new(), |r| show_reading(meter, r));
    table(
        [
            table::column(
                head("表"),
                move |(i, r): (usize, &ReadingRow)| -> Element<'_, Message> {
                    let b = button(text(meter_name(r)).size(13))
                        .padding([2, 6])
                        .on_press(Message::Pick(i));
                    if i == picked {
                        b.style(button::primary)
                    } else {
                        b.style(button::text)
                    }
                    .into()
                },
            ),
            table::column(head("上月读数"), move |(_, r): (usize, &ReadingRow)| {
                text(show(r.previous)).size(13)
            }),
            table::column(head("本月读数"), move |(_, r): (usize, &ReadingRow)| {
                text(show(r.reading)).size(13)
            }),
            table::column(head("用量"), move |(_, r): (usize, &ReadingRow)| {
                let t = text(show(r.used)).size(13);
                if r.used.is_some_and(|u| u < 0) {
                    t.style(text::danger)
                } else {
                    t
                }
            }),
        ]
        .map(|c| c.align_y(Alignment::Center)),
        rows.iter().enumerate(),
    )
    .padding_y(1)
    .into()
}

/// `12.5%` from a rate in ‰.
fn percent(permille: i64) -> String {
    let sign = if permille < 0 { "-" } else { "" };
    let a = permille.unsigned_abs();
    format!("{sign}{}.{}%", a / 10, a % 10)
}

fn loss(p: &UtilitiesPane) -> Element<'_, Message> {
    let meter = p.meter;
    let mut col = column![
        text(format!(
            "近12个月公共{}损耗（总表用量 − 各户用量）",
            meter.label()
        ))
        .size(18)
    ]
    .spacing(8);
    let months = match &p.loss {
        Err(e) => return col.push(text(e).style(text::danger)).into(),
        Ok(m) => m,
    };
    let show = move |v: Option<i64>| v.map_or("—".to_string(), |r| show_reading(meter, r));
    let head = |s: &'static str| text(s).size(13);
    col = col.push(
        table(
            [
                table::column(head("月份"), |l: &LossMonth| {
                    text(l.month.code()).size(13)
                }),
                table::column(head("总表用量"), move |l: &LossMonth| {
                    text(show(l.master)).size(13)
                }),
                table::column(
                    head("各户用量"),
                    move |l: &LossMonth| -> Element<'_, Message> {
                        let used = show_reading(meter, l.units);
                        if l.units_missing > 0 {
                            text(format!("{used}（缺 {} 户）", l.units_missing))
                                .size(13)
                                .style(text::secondary)
                                .into()
                        } else {
                            text(used).size(13).into()
                        }
                    },
                ),
                table::column(head("损耗"), move |l: &LossMonth| {
                    text(show(l.loss)).size(13)
                }),
                table::column(head("损耗率"), |l: &LossMonth| -> Element<'_, Message> {
                    let rate = l.rate_permille.map_or("—".to_string(), percent);
                    if l.over_limit {
                        text(format!("{rate} 超限"))
                            .size(13)
                            .style(text::danger)
                            .into()
                    } else {
                        text(rate).size(13).into()
                    }
                }),
            ]
            .map(|c| c.align_y(Alignment::Center)),
            months.iter(),
        )
        .padding_y(1),
    );
    if months.iter().any(|l| l.over_limit) {
        col = col.push(
            text("损耗率超过上限：请查找漏水、长明灯等原因（反推管理漏洞）。")
                .size(13)
                .style(text::danger),
        );
    }
    scroll(col).into()
}

fn limit(p: &UtilitiesPane) -> Element<'_, Message> {
    let fields = labelled(
        "损耗率上限",
        row![
            text_input("10", &p.limit_text)
                .id(LIMIT_ID)
                .on_input(Message::LimitEdited)
                .padding(6)
                .width(Length::Fixed(80.0)),
            text("%").size(14),
            button(text("保存上限").size(13))
                .on_press(Message::SaveLimit)
                .style(button::secondary),
        ]
        .spacing(8)
        .align_y(Alignment::Center)
        .into(),
        None,
    );
    let mut col = column![
        form(LIMIT, fields)
            .on_submit(Message::SaveLimit)
            .keep_cursor(),
        hint("由主管设置；超过此损耗率的月份标红。"),
    ]
    .spacing(4);
    if let Some(n) = notice(p.limit_message()) {
        col = col.push(n);
    }
    col.into()
}
