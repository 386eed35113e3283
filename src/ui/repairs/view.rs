//! The repairs tab's screen: the list on the left, the order or a form on the right.

use iced::widget::{button, column, row, table, text, text_input};
use iced::{Alignment, Element, Length};

use super::{ListKind, Message, PAGE_SIZE, Panel, Repairs, SEARCH_ID, STEP_TIME_ID, StepKind};
use crate::domain::date::table_datetime;
use crate::domain::repair::{RepairKind, RepairState, countdown};
use crate::store::{RepairRecord, RepairSummary};
use crate::ui::widget::{heading, hint, master_detail, pager, scroll};

impl Repairs {
    /// The tab.
    pub fn view(&self) -> Element<'_, Message> {
        let right: Element<'_, Message> = match &self.panel {
            Panel::Detail => match &self.selected {
                Some(s) => self.detail(s),
                None => hint("在左边选择一张维修单，或点击“新建报修”。"),
            },
            Panel::Intake(d) => self.intake_form(d),
            Panel::Work(d) => super::forms_view::work_form(d, self.on_screen()),
            Panel::Rate(d) => {
                super::forms_view::rate_form(d, self.selected_kind(), self.on_screen())
            }
            Panel::Callback(d) => super::forms_view::callback_form(d, self.on_screen()),
            Panel::Cancel(reason) => super::forms_view::cancel_form(reason, self.on_screen()),
            Panel::Report(r) => r.view(),
        };
        let mut right = column![right].spacing(12);
        let missing = self.missing();
        if !missing.is_empty() {
            let mut list = column![text("还缺：").size(14).style(text::danger)].spacing(2);
            for m in missing {
                list = list.push(text(format!("· {m}")).size(14).style(text::danger));
            }
            right = right.push(list);
        }
        master_detail(self.list_panel(), right.into(), self.message())
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
            kind("未完成".into(), ListKind::Open),
            kind(format!("逾期 {}", self.overdue), ListKind::Overdue),
            kind("全部".into(), ListKind::All),
        ]
        .spacing(6);
        let actions = row![
            button(text("新建报修")).on_press(Message::NewOrder),
            button(text("日报表"))
                .on_press(Message::ShowReport)
                .style(button::secondary),
            button(text("空白维修单"))
                .on_press(Message::PrintBlank)
                .style(button::secondary),
        ]
        .spacing(8);
        let search = text_input("搜索：单号 WX-202611-0001 或房号 3-2-1502", &self.query)
            .id(SEARCH_ID)
            .on_input(Message::SearchChanged)
            .padding(8)
            .size(16);
        let selected = self.selected.as_ref().map(|s| s.id);
        let now = self.now;
        let columns = [
            table::column(text("单号").size(14), move |r: &RepairSummary| {
                let b = button(text(r.number.to_string()).size(13))
                    .padding([2, 4])
                    .on_press(Message::Select(r.id));
                if Some(r.id) == selected {
                    b.style(button::primary)
                } else {
                    b.style(button::text)
                }
            }),
            table::column(text("位置").size(14), |r: &RepairSummary| {
                text(r.place.as_str()).size(13)
            }),
            table::column(text("内容").size(14), |r: &RepairSummary| {
                text(format!("{} {}", r.category, r.description)).size(13)
            })
            .width(Length::Fill),
            table::column(text("预约").size(14), |r: &RepairSummary| {
                text(r.appointment.format("%m-%d %H:%M").to_string()).size(13)
            }),
            // The state, and under it the deadline running with its countdown.
            table::column(text("状态").size(14), move |r: &RepairSummary| {
                let state = match r.overdue {
                    Some(o) => {
                        text(format!("{}·{}", r.state.label(), o.label())).style(text::danger)
                    }
                    None => text(r.state.label()),
                };
                let mut cell = column![state.size(13)];
                if let Some((kind, due)) = r.due {
                    let at = if due.date() == now.date() {
                        due.format("%H:%M").to_string()
                    } else {
                        due.format("%m-%d %H:%M").to_string()
                    };
                    let t = text(format!(
                        "{} {at}　{}",
                        kind.due_label(),
                        countdown(due, now)
                    ))
                    .size(12);
                    cell = cell.push(if r.overdue.is_some() {
                        t.style(text::danger)
                    } else {
                        t
                    });
                }
                cell
            }),
        ];
        let list: Element<'_, Message> = if self.list.rows.is_empty() {
            hint("没有维修单。")
        } else {
            table(columns, self.list.rows.iter()).padding_y(2).into()
        };
        let pager = pager(
            self.list.page,
            self.list.pages(),
            self.list.total,
            "张",
            Message::PageTo,
        );
        debug_assert!(self.list.rows.len() <= PAGE_SIZE);
        column![
            tabs,
            search,
            actions,
            scroll(list).height(Length::Fill),
            pager
        ]
        .spacing(10)
        .into()
    }

    fn detail<'a>(&'a self, s: &'a RepairRecord) -> Element<'a, Message> {
        let o = &s.order;
        let mut c = column![
            text(format!("{}　{}", o.number, o.state.label())).size(22),
            text(format!(
                "{}　{}　{}",
                o.intake.place.kind().label(),
                o.intake.place.describe(),
                o.intake.category
            ))
            .size(15),
        ]
        .spacing(6);
        let mut facts = vec![
            format!(
                "报修人 {}　电话 {}　{}",
                o.intake.reporter,
                o.intake
                    .phone
                    .as_ref()
                    .map(|m| m.masked())
                    .unwrap_or_default(),
                o.intake.channel.label()
            ),
            format!("报修内容：{}", o.intake.description),
            format!(
                "受理 {} {}　预约 {}",
                table_datetime(o.received_at),
                o.received_by,
                table_datetime(o.intake.appointment)
            ),
        ];
        if let crate::domain::repair::Place::Public { officer_name, .. } = &o.intake.place {
            facts.push(format!("区域客户服务员 {officer_name}"));
        }
        facts.push(if o.intake.chargeable {
            format!(
                "收费维修，已告知：{}（{}）",
                o.intake.quote, o.intake.quote_amount
            )
        } else {
            "免费维修".to_string()
        });
        if let Some((_, name)) = &o.technician {
            facts.push(format!("维修人员 {name}"));
        }
        let mut times = Vec::new();
        if let Some(t) = o.dispatched_at {
            times.push(format!("派单 {}", table_datetime(t)));
        }
        if let Some(t) = o.arrived_at {
            times.push(format!("到场 {}", table_datetime(t)));
        }
        if let Some(t) = o.completed_at {
            times.push(format!("完工 {}", table_datetime(t)));
        }
        if !times.is_empty() {
            facts.push(times.join("　"));
        }
        if !o.work_done.is_empty() {
            facts.push(format!("维修情况：{}", o.work_done));
        }
        for m in &o.charges.materials {
            facts.push(format!(
                "材料 {} {} {} × {}{} = {}",
                m.name,
                m.spec,
                m.price,
                m.qty,
                m.unit,
                m.total().unwrap_or_default()
            ));
        }
        if let Some(total) = o.charges.total().filter(|t| t.0 > 0) {
            facts.push(format!(
                "合计 {total}（人民币{}）{} {}",
                total.to_chinese_upper(),
                o.charges.payment.map(|p| p.label()).unwrap_or(""),
                o.charges.receipt.map(|r| r.label()).unwrap_or("")
            ));
        }
        if let Some(cf) = &o.confirmation {
            facts.push(format!(
                "评价：{}（{}）{}",
                cf.rating.label(),
                cf.by,
                cf.comment
            ));
        }
        if let Some(cb) = &o.callback {
            facts.push(format!("回访：{} {}", o.callback_by, cb.note));
            if let Some(nc) = &cb.nonconformity {
                facts.push(format!(
                    "不合格项：{}，交{}；纠正：{}",
                    nc.problem, nc.department, nc.correction
                ));
            }
        }
        if !o.cancel_reason.is_empty() {
            facts.push(format!("取消原因：{}", o.cancel_reason));
        }
        for f in facts {
            c = c.push(text(f).size(14));
        }
        if let Some(late) = o.late_minutes(&self.deadlines) {
            c = c.push(
                text(format!("迟到 {late} 分钟"))
                    .size(14)
                    .style(text::danger),
            );
        }
        if let Some((kind, due)) = o.running_deadline(&self.deadlines) {
            let line = text(format!(
                "{} {}　{}",
                kind.due_label(),
                table_datetime(due),
                countdown(due, self.now)
            ))
            .size(15);
            c = c.push(if self.now > due {
                line.style(text::danger)
            } else {
                line
            });
        }
        c = c.push(self.actions(s));
        c = c.push(heading("经过"));
        for e in &o.events {
            c = c.push(
                text(format!(
                    "{}　{}　[{}] {}",
                    table_datetime(e.at),
                    e.by_name,
                    e.state.label(),
                    e.note
                ))
                .size(13),
            );
        }
        c.into()
    }

    fn actions<'a>(&'a self, s: &'a RepairRecord) -> Element<'a, Message> {
        let state = s.order.state;
        let b = |label: &'a str, m: Message| button(text(label).size(14)).on_press(m);
        let sec = |label: &'a str, m: Message| b(label, m).style(button::secondary);
        let mut r = row![].spacing(6).align_y(Alignment::Center);
        if matches!(state, RepairState::Pending | RepairState::Dispatched) {
            r = r.push(text("维修人员").size(14));
            r = r.push(super::forms_view::choice_row(
                &self.technicians,
                self.technician.as_ref(),
                Message::TechnicianPicked,
            ));
            r = r.push(b("派单", Message::Step(StepKind::Dispatch)));
        }
        // 到场 / 完工 at the time typed (reported later by phone), or now when blank.
        let when = |kind: StepKind| {
            text_input("现在，或 10:10", &self.step_time)
                .id(STEP_TIME_ID)
                .on_input(Message::StepTimeEdited)
                .on_submit(Message::Step(kind))
                .padding(4)
                .size(14)
                .width(Length::Fixed(130.0))
        };
        let mut timed = row![].spacing(6).align_y(Alignment::Center);
        match state {
            RepairState::Dispatched | RepairState::InReview => {
                let label = if state == RepairState::InReview {
                    "返回现场"
                } else {
                    "到场"
                };
                timed = timed
                    .push(text("时间").size(14))
                    .push(when(StepKind::Arrive))
                    .push(b(label, Message::Step(StepKind::Arrive)));
            }
            RepairState::OnSite => {
                timed = timed
                    .push(text("时间").size(14))
                    .push(when(StepKind::Complete))
                    .push(b("完工", Message::Step(StepKind::Complete)));
                r = r.push(sec("报班长评审", Message::Step(StepKind::Review)));
            }
            RepairState::Pending
            | RepairState::Completed
            | RepairState::CalledBack
            | RepairState::Closed
            | RepairState::Cancelled => {}
        }
        let mut more = row![].spacing(6);
        if state.is_open() {
            more = more.push(sec("维修情况及收费", Message::EditWork));
        }
        if matches!(state, RepairState::Completed | RepairState::CalledBack) {
            let label = if s.order.intake.place.kind() == RepairKind::Public {
                "区域客服员确认评价"
            } else {
                "业主评价"
            };
            more = more.push(b(label, Message::Rate));
            more = more.push(b("回访", Message::Callback));
        }
        if state.is_open() {
            more = more.push(sec("关闭维修单", Message::Close));
        }
        if state.is_before_completion() {
            more = more.push(b("取消", Message::Cancel).style(button::danger));
        }
        more = more.push(sec("打印维修单", Message::PrintSlip));
        let mut c = column![r].spacing(8);
        if matches!(
            state,
            RepairState::Dispatched | RepairState::InReview | RepairState::OnSite
        ) {
            c = c.push(timed);
        }
        c.push(more).into()
    }
}
