//! The renovation tab's screen: the sites on the left (open ones, a stage, all, or today's
//! patrol round with the overdue in red; by building; searched), the renovation with its steps,
//! money, phases, patrols and acceptances, or a form, on the right.

use iced::widget::{button, column, row, table, text, text_input};
use iced::{Element, Length};

use super::{BUILDING_ID, Message, Panel, PrintWhat, Renovation, SEARCH_ID, Show};
use crate::domain::date::{paper_date, table_date};
use crate::domain::renovation::Stage;
use crate::store::{RenovationFile, RoundRow, RoundTask, SiteRow};
use crate::ui::widget::{hint, master_detail, scroll};

impl Renovation {
    /// The tab.
    pub fn view(&self) -> Element<'_, Message> {
        let right: Element<'_, Message> = match &self.panel {
            Panel::Detail => match &self.selected {
                Some(s) => self.detail(s),
                None => hint(
                    "在左边选择一户装修，或点击“新建申请”。今日巡查列出今天该巡查和已超期的装修户。",
                ),
            },
            _ => self.form_view(),
        };
        // A renovation's record is long: its message goes on top, where the button was pressed.
        let right = match self.message() {
            Some(n) => column![
                text(&n.text)
                    .size(14)
                    .style(if n.error { text::danger } else { text::success }),
                right
            ]
            .spacing(10)
            .into(),
            None => right,
        };
        master_detail(self.list_panel(), right, None)
    }

    fn list_panel(&self) -> Element<'_, Message> {
        let searching = !self.query.trim().is_empty();
        let overdue = self.overdue_count();
        let round_label = match overdue {
            0 => format!("今日巡查 ({})", self.round.len()),
            n => format!("今日巡查 ({}，超期 {n})", self.round.len()),
        };
        let choice = |label: String, s: Show| {
            let b = button(text(label).size(14))
                .padding([4, 10])
                .on_press(Message::ShowList(s));
            if self.show == s && !searching {
                b.style(button::primary)
            } else {
                b.style(button::secondary)
            }
        };
        let shows = row![
            choice("办理中".into(), Show::Open),
            choice("待缴费".into(), Show::Stage(Stage::AwaitingPayment)),
            choice("施工中".into(), Show::Stage(Stage::Working)),
            choice("待初验".into(), Show::Stage(Stage::Initial)),
            choice("待复验".into(), Show::Stage(Stage::Final)),
            choice("待退保证金".into(), Show::Stage(Stage::Accepted)),
            choice("全部".into(), Show::All),
            choice(round_label, Show::Round),
        ]
        .spacing(6)
        .wrap();
        let search = text_input(
            "搜索：编号 ZX-202611-0001、房号、业主或装修单位",
            &self.query,
        )
        .id(SEARCH_ID)
        .on_input(Message::SearchChanged)
        .padding(8)
        .size(16);
        let building = text_input("楼栋", &self.building)
            .id(BUILDING_ID)
            .on_input(Message::BuildingChanged)
            .padding(8)
            .size(16)
            .width(Length::Fixed(80.0));
        let tools = row![
            search,
            building,
            button(text("新建申请")).on_press(Message::New),
        ]
        .spacing(6);
        let body: Element<'_, Message> = if self.show == Show::Round && !searching {
            self.round_list()
        } else {
            self.site_list()
        };
        let prints = row![
            button(text("空白申请表").size(13))
                .on_press(Message::Print(PrintWhat::BlankApplication))
                .style(button::secondary),
            button(text("本月巡查记录表").size(13))
                .on_press(Message::Print(PrintWhat::PatrolLog))
                .style(button::secondary),
        ]
        .spacing(6);
        column![shows, tools, scroll(body).height(Length::Fill), prints]
            .spacing(10)
            .into()
    }

    fn site_list(&self) -> Element<'_, Message> {
        if self.rows.is_empty() {
            return hint("没有符合条件的装修户。");
        }
        let selected = self.selected.as_ref().map(|s| s.id);
        let today = self.now.date();
        let columns = [
            table::column(text("房号").size(14), move |r: &SiteRow| {
                let b = button(text(r.address.short()).size(13))
                    .padding([2, 4])
                    .on_press(Message::Select(r.id));
                if Some(r.id) == selected {
                    b.style(button::primary)
                } else {
                    b.style(button::text)
                }
            }),
            table::column(text("编号").size(14), |r: &SiteRow| {
                text(r.number.to_string()).size(13)
            }),
            table::column(text("业主").size(14), |r: &SiteRow| {
                text(r.owner_name.clone()).size(13)
            }),
            table::column(text("阶段").size(14), |r: &SiteRow| {
                let phase = r
                    .phase
                    .map(|k| format!("·{}", k.label()))
                    .unwrap_or_default();
                text(format!("{}{phase}", r.stage.label())).size(13)
            }),
            table::column(text("下次巡查").size(14), move |r: &SiteRow| {
                let t = text(r.patrol_due.map(table_date).unwrap_or_default()).size(13);
                if r.patrol_due.is_some_and(|d| d < today) {
                    t.style(text::danger)
                } else {
                    t
                }
            })
            .width(Length::Fill),
        ];
        let count = if self.rows.len() >= super::LIST_LIMIT {
            format!("显示最近 {} 户，请用搜索缩小范围", self.rows.len())
        } else {
            format!("共 {} 户", self.rows.len())
        };
        column![table(columns, self.rows.iter()).padding_y(2), hint(count)]
            .spacing(6)
            .into()
    }

    fn round_list(&self) -> Element<'_, Message> {
        if self.round.is_empty() {
            return hint("今天没有要巡查的装修户。");
        }
        let columns = [
            table::column(text("房号").size(14), |r: &RoundRow| {
                button(text(r.address.short()).size(13))
                    .padding([2, 4])
                    .style(button::text)
                    .on_press(Message::Select(r.id))
            }),
            table::column(text("编号").size(14), |r: &RoundRow| {
                text(r.number.to_string()).size(13)
            }),
            table::column(text("巡查内容").size(14), |r: &RoundRow| {
                let what = match r.task {
                    RoundTask::Patrol => match r.phase {
                        Some(k) => format!("{}（{}）", k.label(), k.patrol_rule().label()),
                        None => "巡查".to_string(),
                    },
                    RoundTask::Recheck { seq, violation } => {
                        format!("复查整改通知{seq}（{}）", violation.label())
                    }
                };
                text(what).size(13)
            }),
            table::column(text("应巡查").size(14), |r: &RoundRow| {
                let late = r.days_late;
                let t = if late > 0 {
                    text(format!("{} 已超期 {late} 天", table_date(r.due)))
                } else {
                    text(format!("{} 今天", table_date(r.due)))
                }
                .size(13);
                if late > 0 { t.style(text::danger) } else { t }
            })
            .width(Length::Fill),
        ];
        column![table(columns, self.round.iter()).padding_y(2)].into()
    }

    fn detail<'a>(&'a self, s: &'a RenovationFile) -> Element<'a, Message> {
        let phone = s
            .owner_phone
            .as_ref()
            .map(|p| format!("　{}", p.masked()))
            .unwrap_or_default();
        let c = &s.contractor;
        let kinds: Vec<&str> = s.kinds.iter().map(|k| k.label()).collect();
        let mut col = column![
            text(format!("{}　{}", s.address, s.stage.label())).size(22),
            text(format!("{}　业主 {}{phone}", s.number, s.owner_name)).size(15),
            text(format!(
                "装修单位 {}　负责人 {} {}",
                c.company,
                c.person_in_charge,
                c.phone.masked()
            ))
            .size(14),
            text(format!(
                "计划 {}至{}　项目 {}",
                paper_date(s.planned_start),
                paper_date(s.planned_end),
                kinds.join("、")
            ))
            .size(14),
            hint(s.stage.waiting_for()),
        ]
        .spacing(6);
        if !s.note.is_empty() {
            col = col.push(text(format!("说明：{}", s.note)).size(14));
        }
        let today = self.now.date();
        if let Some(due) = s.patrol_due.filter(|d| *d < today) {
            col = col.push(
                text(format!(
                    "巡查已超期 {} 天（应于 {} 巡查），请尽快安排巡查",
                    (today - due).num_days(),
                    table_date(due)
                ))
                .size(14)
                .style(text::danger),
            );
        }
        col = col.push(self.actions(s));
        col = col.push(super::record_view::sections(s, self.now.date()));
        col.into()
    }

    fn actions<'a>(&'a self, s: &'a RenovationFile) -> Element<'a, Message> {
        let b = |label: &'a str, m: Message| button(text(label).size(14)).on_press(m);
        let sec = |label: &'a str, m: Message| b(label, m).style(button::secondary);
        let mut steps = row![].spacing(6);
        match s.stage {
            Stage::Applied => steps = steps.push(b("二次验房", Message::NewInspection)),
            Stage::Inspection => steps = steps.push(b("业主确认验房", Message::NewOwnerAccepts)),
            Stage::AwaitingPayment if s.lines.is_empty() => {
                steps = steps.push(b("开装修费用账单", Message::Bill));
            }
            Stage::AwaitingPayment => steps = steps.push(b("发放许可证", Message::IssuePermit)),
            Stage::Working => {
                steps = steps
                    .push(b("巡查", Message::NewPatrol))
                    .push(b("施工阶段", Message::NewPhase))
                    .push(b("完工", Message::NewFinish));
            }
            Stage::Initial | Stage::InitialRectify => {
                steps = steps.push(b("初验", Message::NewAcceptance));
            }
            Stage::Final | Stage::FinalRectify => {
                steps = steps.push(b("复验", Message::NewAcceptance));
            }
            Stage::Accepted => steps = steps.push(b("退还保证金", Message::NewRefund)),
            Stage::Refunded | Stage::Cancelled => {}
        }
        if !s.stage.closed() && s.papers.len() < crate::domain::renovation::Paper::ALL.len() {
            steps = steps.push(sec("收资料", Message::NewPapers));
        }
        if matches!(
            s.stage,
            Stage::Applied | Stage::Inspection | Stage::AwaitingPayment
        ) {
            steps = steps.push(sec("撤销申请", Message::NewCancel));
        }
        let mut prints = row![sec("打印申请表", Message::Print(PrintWhat::Application))].spacing(6);
        if s.permit_at.is_some() {
            prints = prints.push(sec("打印许可证", Message::Print(PrintWhat::Permit)));
        }
        if !s.workers.is_empty() {
            prints = prints.push(sec("打印出入证", Message::Print(PrintWhat::Passes)));
        }
        if s.refund.is_some() {
            prints = prints.push(sec("打印退款凭证", Message::Print(PrintWhat::Refund)));
        }
        column![steps.wrap(), prints.wrap()].spacing(8).into()
    }
}
