//! The feedback tab's screen: the list on the left, the entry with its deadlines and trail, or a
//! form, on the right.

use chrono::NaiveDateTime;
use iced::widget::{button, column, row, table, text, text_input};
use iced::{Element, Length};

use super::drafts::NoteKind;
use super::{Feedback, ListKind, Message, Panel, SEARCH_ID};
use crate::domain::date::table_datetime;
use crate::domain::feedback::{Due, FeedbackState, dues};
use crate::store::{FeedbackRecord, FeedbackSummary};
use crate::ui::widget::{heading, hint, master_detail, scroll};

/// The deadline a row shows: the first one overdue, else the soonest still running.
fn running(dues: &[Due], now: NaiveDateTime) -> Option<&Due> {
    dues.iter()
        .filter(|d| d.done_at.is_none())
        .min_by_key(|d| (!d.overdue(now), d.due_at))
}

impl Feedback {
    /// The tab.
    pub fn view(&self) -> Element<'_, Message> {
        let right: Element<'_, Message> = match &self.panel {
            Panel::Detail => match &self.selected {
                Some(s) => self.detail(s),
                None => hint("在左边选择一条记录，或点击“新建登记”。"),
            },
            Panel::Intake(d) => self.intake_form(d),
            Panel::Dispatch(d) => self.dispatch_form(d),
            Panel::Note(n) => self.note_form(n),
            Panel::Callback(d) => self.callback_form(d),
        };
        master_detail(self.list_panel(), right, self.message())
    }

    fn list_panel(&self) -> Element<'_, Message> {
        let kind = |label: String, k: ListKind| {
            let b = button(text(label).size(14)).padding([4, 10]);
            if self.kind == k && self.query.trim().is_empty() {
                b.style(button::primary).on_press(Message::ShowList(k))
            } else {
                b.style(button::secondary).on_press(Message::ShowList(k))
            }
        };
        let tabs = row![
            kind("未结".into(), ListKind::Open),
            kind(format!("逾期 {}", self.overdue), ListKind::Overdue),
            kind("全部".into(), ListKind::All),
        ]
        .spacing(6);
        let actions = row![
            button(text("新建登记")).on_press(Message::New),
            button(text("空白工作联系单"))
                .on_press(Message::PrintBlank)
                .style(button::secondary),
            button(text("本月投诉及建议记录表"))
                .on_press(Message::PrintComplaints)
                .style(button::secondary),
            button(text("本月信息反馈记录表"))
                .on_press(Message::PrintFeedbackLog)
                .style(button::secondary),
        ]
        .spacing(8)
        .wrap();
        let search = text_input(
            "搜索：编号 FK-202611-0001、房号、电话、姓名或内容",
            &self.query,
        )
        .id(SEARCH_ID)
        .on_input(Message::SearchChanged)
        .padding(8)
        .size(16);
        let selected = self.selected.as_ref().map(|s| s.id);
        let now = self.now;
        let d = self.deadlines;
        let columns = [
            table::column(text("编号").size(14), move |r: &FeedbackSummary| {
                let b = button(text(r.number.to_string()).size(13))
                    .padding([2, 4])
                    .on_press(Message::Select(r.id));
                if Some(r.id) == selected {
                    b.style(button::primary)
                } else {
                    b.style(button::text)
                }
            }),
            table::column(text("类别").size(14), |r: &FeedbackSummary| {
                let t = text(format!("{}·{}", r.category.label(), r.severity.label())).size(13);
                if r.severity == crate::domain::feedback::Severity::Major {
                    t.style(text::danger)
                } else {
                    t
                }
            }),
            table::column(
                text("反映人 / 位置").size(14),
                |r: &FeedbackSummary| text(format!("{} {}", r.name, r.place)).size(13),
            ),
            table::column(text("内容").size(14), |r: &FeedbackSummary| {
                text(r.content.chars().take(24).collect::<String>()).size(13)
            })
            .width(Length::Fill),
            // The state, and under it the deadline running with its countdown.
            table::column(text("状态").size(14), move |r: &FeedbackSummary| {
                let list = dues(&r.times, &d);
                let due = running(&list, now);
                let late = due.is_some_and(|x| x.overdue(now));
                let state = text(r.state.label()).size(13);
                let mut cell = column![if late {
                    state.style(text::danger)
                } else {
                    state
                }];
                if let Some(due) = due {
                    let t = text(format!("{} {}", due.kind.label(), due.countdown(now))).size(12);
                    cell = cell.push(if late { t.style(text::danger) } else { t });
                }
                cell
            }),
        ];
        let list: Element<'_, Message> = if self.rows.is_empty() {
            hint("没有记录。")
        } else {
            table(columns, self.rows.iter()).padding_y(2).into()
        };
        let count = if self.rows.len() >= super::LIST_LIMIT {
            format!("显示最近 {} 条，请用搜索缩小范围", self.rows.len())
        } else {
            format!("共 {} 条", self.rows.len())
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

    fn detail<'a>(&'a self, s: &'a FeedbackRecord) -> Element<'a, Message> {
        let i = &s.intake;
        let mut c = column![
            text(format!("{}　{}", s.number, s.state.label())).size(22),
            text(format!(
                "{}　{}　{}　{}",
                i.category.label(),
                i.severity.label(),
                i.channel.label(),
                i.place.describe()
            ))
            .size(15),
        ]
        .spacing(6);
        let phone = i.phone.as_ref().map(|m| m.masked()).unwrap_or_default();
        let mut facts = vec![
            format!("反映人 {}　电话 {phone}", i.name),
            format!("内容：{}", i.content),
            format!(
                "受理 {} {}",
                table_datetime(i.received_at),
                i.received_by_name
            ),
        ];
        if let Some(d) = &s.dispatch {
            let order = s
                .work_order
                .map(|n| format!("　工作联系单 {n}"))
                .unwrap_or_default();
            facts.push(format!(
                "派往 {}　处理人 {}{order}",
                d.department, d.handler_name
            ));
            if !d.requirement.is_empty() {
                facts.push(format!("要求：{}", d.requirement));
            }
        }
        if !s.escalated_to.is_empty() {
            facts.push(format!("已上报 {}", s.escalated_to));
        }
        if !s.reply.is_empty() {
            facts.push(format!("处理人回复：{}", s.reply));
        }
        if !s.answer.is_empty() {
            facts.push(format!("答复客户：{}", s.answer));
        }
        if let Some(r) = s.rating {
            facts.push(format!("回访：{} {}", r.label(), s.rating_note));
        }
        if !s.result.is_empty() {
            facts.push(format!("处理结果：{}", s.result));
        }
        for f in facts {
            c = c.push(text(f).size(14));
        }
        if let Some(n) = &s.repair_number {
            c = c.push(
                row![
                    text(format!("已转报修：维修单 {n}")).size(14),
                    button(text("在报修管理中打开").size(13))
                        .on_press(Message::OpenRepair)
                        .style(button::secondary)
                ]
                .spacing(8),
            );
        }
        // Each deadline: when it is due, and a countdown or when it was met.
        c = c.push(heading("时限"));
        for due in dues(&s.times(), &self.deadlines) {
            let line = match due.done_at {
                Some(done) => {
                    let late = if done > due.due_at {
                        "（超时）"
                    } else {
                        ""
                    };
                    text(format!(
                        "{}　应于 {}　已于 {}{late}",
                        due.kind.label(),
                        table_datetime(due.due_at),
                        table_datetime(done)
                    ))
                }
                None => text(format!(
                    "{}　应于 {}　{}",
                    due.kind.label(),
                    table_datetime(due.due_at),
                    due.countdown(self.now)
                )),
            }
            .size(14);
            c = c.push(if due.overdue(self.now) {
                line.style(text::danger)
            } else {
                line
            });
        }
        c = c.push(self.actions(s));
        c = c.push(heading("经过"));
        for e in &s.trail {
            c = c.push(
                text(format!(
                    "{}　{}　[{}] {}",
                    table_datetime(e.at),
                    e.by_name,
                    e.kind.label(),
                    e.text
                ))
                .size(13),
            );
        }
        c.into()
    }

    fn actions<'a>(&'a self, s: &'a FeedbackRecord) -> Element<'a, Message> {
        let b = |label: &'a str, m: Message| button(text(label).size(14)).on_press(m);
        let sec = |label: &'a str, m: Message| b(label, m).style(button::secondary);
        let mut r = row![].spacing(6);
        let mut more = row![].spacing(6);
        match s.state {
            FeedbackState::Closed => {}
            FeedbackState::Received => r = r.push(b("派单", Message::Dispatch)),
            FeedbackState::Dispatched | FeedbackState::Replied | FeedbackState::Answered => {
                if s.state == FeedbackState::Dispatched {
                    r = r.push(b("处理人回复", Message::Note(NoteKind::Reply)));
                }
                r = r.push(b("答复客户", Message::Note(NoteKind::Answer)));
                r = r.push(b("回访", Message::Callback));
                r = r.push(b("关闭", Message::Note(NoteKind::Close)));
                more = more.push(sec("重新派单", Message::Dispatch));
            }
        }
        if s.state != FeedbackState::Closed {
            more = more.push(sec("记录进展", Message::Note(NoteKind::Progress)));
            more = more.push(sec("上报上级", Message::Note(NoteKind::Escalate)));
        }
        if s.work_order.is_some() {
            more = more.push(sec("打印工作联系单", Message::PrintWorkOrder));
        }
        column![r.wrap(), more.wrap()].spacing(8).into()
    }
}
