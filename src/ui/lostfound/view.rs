//! The lost-and-found tab's screen: the items (or the loss reports) on the left, the item with
//! what the notice shows of it and what became of it, the report with its matches, or a form,
//! on the right.

use iced::widget::{button, column, row, table, text, text_input};
use iced::{Element, Length};

use super::{ListKind, LostFound, Message, Panel, SEARCH_ID, Selected};
use crate::domain::date::{table_date, table_datetime};
use crate::domain::lostfound::notice::public_text;
use crate::domain::lostfound::{FinderKind, ItemState, Score, keep_until};
use crate::store::{FoundItemRecord, LossReportRecord};
use crate::ui::widget::{heading, hint, master_detail, scroll};

/// `在库 · 保管至 02-18`, `可处置`, `证件待上交`, `已认领` ….
fn state_text(r: &FoundItemRecord, keep_days: u32, today: chrono::NaiveDate) -> (String, bool) {
    if r.state != ItemState::InStore {
        return (r.state.label().to_string(), false);
    }
    if r.item.has_id_card() {
        return ("证件待上交派出所".to_string(), true);
    }
    if r.due_on(keep_days) <= today {
        return ("保管期满，待处置".to_string(), true);
    }
    let kept = keep_until(r.item.found_at.date(), keep_days);
    (format!("在库 · 保管至 {}", kept.format("%m-%d")), false)
}

/// `相符：同类、1号楼、华为、黑色`.
fn why(s: &Score) -> String {
    let mut parts: Vec<String> = Vec::new();
    if s.same_category {
        parts.push("同类".into());
    }
    if s.place {
        parts.push("地点".into());
    }
    parts.extend(s.words.iter().cloned());
    format!("相符：{}", parts.join("、"))
}

impl LostFound {
    /// The tab.
    pub fn view(&self) -> Element<'_, Message> {
        let right: Element<'_, Message> = match &self.panel {
            Panel::Detail => match &self.selected {
                Selected::Item(r) => self.item_detail(r),
                Selected::Report(r, m) => self.report_detail(r, m),
                Selected::None => hint("在左边选择一件物品或一条寻物登记，或点击“登记拾到物品”。"),
            },
            Panel::NewItem(d) => self.item_form(d),
            Panel::Loss(d) => self.loss_form(d),
            Panel::Claim(d) => self.claim_form(d),
            Panel::Dispose(d) => self.dispose_form(d),
            Panel::CloseReport(d) => self.close_form(d),
        };
        master_detail(self.list_panel(), right, self.message())
    }

    fn list_panel(&self) -> Element<'_, Message> {
        let kind = |label: String, k: ListKind| {
            let b = button(text(label).size(14))
                .padding([4, 10])
                .on_press(Message::ShowList(k));
            if self.kind == k {
                b.style(button::primary)
            } else {
                b.style(button::secondary)
            }
        };
        let in_store = match self.due {
            0 => "在库".to_string(),
            n => format!("在库（{n}件待处置）"),
        };
        let tabs = row![
            kind(in_store, ListKind::InStore),
            kind("已认领".into(), ListKind::Claimed),
            kind("已处置".into(), ListKind::Disposed),
            kind("全部".into(), ListKind::All),
            kind("寻物登记".into(), ListKind::Reports),
        ]
        .spacing(6)
        .wrap();
        let actions = row![
            button(text("登记拾到物品")).on_press(Message::NewItem),
            button(text("寻物登记")).on_press(Message::NewLoss),
            button(text("打印招领启事"))
                .on_press(Message::PrintNotice)
                .style(button::secondary),
            button(text("本月失物招领登记表"))
                .on_press(Message::PrintRegister)
                .style(button::secondary),
        ]
        .spacing(8)
        .wrap();
        let search = text_input(
            "搜索：编号 SW-202611-0001、物品、特征、地点、认领人",
            &self.query,
        )
        .id(SEARCH_ID)
        .on_input(Message::SearchChanged)
        .padding(8)
        .size(16);
        let (list, count) = if self.kind == ListKind::Reports {
            (self.report_list(), self.reports.len())
        } else {
            (self.item_list(), self.rows.len())
        };
        let count = if count >= super::LIST_LIMIT {
            format!("显示最近 {count} 条，请用搜索缩小范围")
        } else {
            format!("共 {count} 条")
        };
        column![
            tabs,
            search,
            actions,
            scroll(list).height(Length::Fill),
            hint(count)
        ]
        .spacing(10)
        .into()
    }

    fn item_list(&self) -> Element<'_, Message> {
        if self.rows.is_empty() {
            return hint("没有物品。");
        }
        let selected = self.selected_item().map(|r| r.id);
        let (days, today) = (self.keep_days, self.now.date());
        let columns = [
            table::column(text("编号").size(14), move |r: &FoundItemRecord| {
                let b = button(text(r.number.to_string()).size(13))
                    .padding([2, 4])
                    .on_press(Message::Select(r.id));
                if Some(r.id) == selected {
                    b.style(button::primary)
                } else {
                    b.style(button::text)
                }
            }),
            table::column(text("物品").size(14), |r: &FoundItemRecord| {
                let t = text(format!("{}·{}", r.item.category.label(), r.item.name)).size(13);
                if r.item.is_valuable() {
                    t.style(text::primary)
                } else {
                    t
                }
            })
            .width(Length::Fill),
            table::column(text("拾获地点").size(14), |r: &FoundItemRecord| {
                text(r.item.place.clone()).size(13)
            }),
            table::column(text("拾获日期").size(14), |r: &FoundItemRecord| {
                text(table_date(r.item.found_at.date())).size(13)
            }),
            table::column(text("状态").size(14), move |r: &FoundItemRecord| {
                let (s, late) = state_text(r, days, today);
                let t = text(s).size(13);
                if late { t.style(text::danger) } else { t }
            }),
        ];
        table(columns, self.rows.iter()).padding_y(2).into()
    }

    fn report_list(&self) -> Element<'_, Message> {
        if self.reports.is_empty() {
            return hint("没有寻物登记。");
        }
        let selected = match &self.selected {
            Selected::Report(r, _) => Some(r.id),
            _ => None,
        };
        let columns = [
            table::column(text("编号").size(14), move |r: &LossReportRecord| {
                let b = button(text(r.number.to_string()).size(13))
                    .padding([2, 4])
                    .on_press(Message::SelectReport(r.id));
                if Some(r.id) == selected {
                    b.style(button::primary)
                } else {
                    b.style(button::text)
                }
            }),
            table::column(text("失主").size(14), |r: &LossReportRecord| {
                text(r.report.name.clone()).size(13)
            }),
            table::column(text("遗失物品").size(14), |r: &LossReportRecord| {
                text(r.report.description.chars().take(20).collect::<String>()).size(13)
            })
            .width(Length::Fill),
            table::column(text("遗失日期").size(14), |r: &LossReportRecord| {
                text(table_date(r.report.lost_on)).size(13)
            }),
            table::column(text("状态").size(14), |r: &LossReportRecord| {
                text(r.state.label()).size(13)
            }),
        ];
        table(columns, self.reports.iter()).padding_y(2).into()
    }

    fn item_detail<'a>(&'a self, r: &'a FoundItemRecord) -> Element<'a, Message> {
        let i = &r.item;
        let mut c = column![
            text(format!("{}　{}", r.number, r.state.label())).size(22),
            text(format!("{}　{}", i.category.label(), i.name)).size(16),
        ]
        .spacing(6);
        let finder = match (&i.finder.kind, &i.finder.phone) {
            (FinderKind::Staff, None) => format!("拾获人 {}（员工）", i.finder.name),
            (k, p) => format!(
                "拾获人 {}（{}）　电话 {}",
                i.finder.name,
                k.label(),
                p.as_ref().map(|p| p.masked()).unwrap_or_default()
            ),
        };
        let mut facts = vec![
            format!("特征：{}", i.description),
            format!("拾获 {}　{}", table_datetime(i.found_at), i.place),
            finder,
            format!("存放位置 {}", i.storage),
        ];
        if i.is_valuable() {
            let labels: Vec<&str> = i.valuables.iter().map(|v| v.label()).collect();
            let cash = i.cash.map(|f| format!("，现金 {f}")).unwrap_or_default();
            facts.push(format!("贵重物品：{}{cash}", labels.join("、")));
            facts.push(format!(
                "清点见证 {}　保管人 {}",
                i.witnesses.join("、"),
                r.custodian
            ));
        }
        facts.push(format!(
            "登记 {} {}",
            table_datetime(r.recorded_at),
            r.recorded_by_name
        ));
        for f in facts {
            c = c.push(text(f).size(14));
        }
        c = c.push(heading("招领启事上显示"));
        c = c.push(text(public_text(i.category, &i.place, i.found_at.date())).size(14));
        c = c.push(hint(
            "型号、颜色、内装物品、金额等特征不公开，由认领人说出后核对。",
        ));
        if let Some(cl) = &r.claim {
            c = c.push(heading("认领"));
            let via = cl
                .report
                .map(|n| format!("　寻物登记 {n}"))
                .unwrap_or_default();
            for line in [
                format!(
                    "认领人 {}　身份证 {}　电话 {}",
                    cl.claim.name,
                    cl.claim.id_number.masked(),
                    cl.claim.phone.masked()
                ),
                format!("认领人描述：{}", cl.claim.description),
                format!("发还 {} {}{via}", table_datetime(cl.at), cl.released_by),
            ] {
                c = c.push(text(line).size(14));
            }
        }
        if let Some(d) = &r.disposal {
            c = c.push(heading("处置"));
            let receiver = match d.disposal.receiver.as_str() {
                "" => String::new(),
                x => format!("　接收 {x}"),
            };
            c = c.push(
                text(format!(
                    "{}{receiver}　原因：{}",
                    d.disposal.method.label(),
                    d.disposal.reason
                ))
                .size(14),
            );
            c = c.push(text(format!("{} {}", table_datetime(d.at), d.by_name)).size(14));
        }
        if r.state == ItemState::InStore {
            let (days, today) = (self.keep_days, self.now.date());
            let due = r.due_on(days);
            let line = if i.has_id_card() {
                text("身份证件：须及时上交派出所（由主管处置）".to_string())
            } else {
                text(format!(
                    "保管期 {days} 天，保管至 {}；{} 起无人认领可由主管处置",
                    table_date(keep_until(i.found_at.date(), days)),
                    table_date(due)
                ))
            }
            .size(14);
            c = c.push(if due <= today {
                line.style(text::danger)
            } else {
                line
            });
            let mut actions =
                row![button(text("认领").size(14)).on_press(Message::Claim)].spacing(6);
            actions = actions.push(
                button(text("处置").size(14))
                    .on_press(Message::Dispose)
                    .style(button::secondary),
            );
            c = c.push(actions);
            if i.is_valuable() {
                c = c.push(hint("贵重物品由主管发还：保存时请主管输入PIN会签。"));
            }
        }
        c = c.push(
            button(text("打印本月登记表").size(13))
                .on_press(Message::PrintItemMonth)
                .style(button::secondary),
        );
        c.into()
    }

    fn report_detail<'a>(
        &'a self,
        r: &'a LossReportRecord,
        matches: &'a [(FoundItemRecord, Score)],
    ) -> Element<'a, Message> {
        let p = &r.report;
        let mut c = column![
            text(format!("{}　{}", r.number, r.state.label())).size(22),
            text(format!("失主 {}　电话 {}", p.name, p.phone.masked())).size(14),
            text(format!(
                "遗失：{}{}",
                p.category
                    .map(|c| format!("［{}］", c.label()))
                    .unwrap_or_default(),
                p.description
            ))
            .size(14),
            text(format!(
                "地点 {}　日期 {}",
                if p.place.is_empty() {
                    "不详"
                } else {
                    &p.place
                },
                table_date(p.lost_on)
            ))
            .size(14),
            text(format!(
                "登记 {} {}",
                table_datetime(p.at),
                r.recorded_by_name
            ))
            .size(14),
        ]
        .spacing(6);
        if !r.result.is_empty() {
            c = c.push(text(format!("结果：{}", r.result)).size(14));
        }
        if r.state == crate::domain::lostfound::ReportState::Open {
            c = c.push(heading("可能相符的在库物品"));
            c = c.push(self.match_rows(matches, true));
            c = c.push(
                button(text("结束寻物").size(14))
                    .on_press(Message::CloseReport)
                    .style(button::secondary),
            );
        }
        c.into()
    }

    /// The items that match, likeliest first; `claim` offers 认领 beside each (a form being
    /// typed only lists them, so nothing typed is lost).
    pub(super) fn match_rows<'a>(
        &'a self,
        matches: &'a [(FoundItemRecord, Score)],
        claim: bool,
    ) -> Element<'a, Message> {
        if matches.is_empty() {
            return hint("暂无相符的在库物品。");
        }
        let mut c = column![].spacing(4);
        for (m, s) in matches.iter().take(8) {
            let line = text(format!(
                "{} {}·{}　{}　{}　{}",
                m.number,
                m.item.category.label(),
                m.item.name,
                m.item.place,
                table_date(m.item.found_at.date()),
                why(s)
            ))
            .size(13);
            let mut r = row![line].spacing(8).align_y(iced::Alignment::Center);
            if claim {
                r = r.push(
                    button(text("查看并认领").size(13))
                        .on_press(Message::ClaimFromReport(m.id))
                        .style(button::secondary),
                );
            }
            c = c.push(r);
        }
        c.into()
    }
}
