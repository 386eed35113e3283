//! The move-in tab's screen: the building's board (or the day's bookings) on the left, the
//! case with its steps and the next step's form on the right.

use iced::widget::{button, checkbox, column, row, table, text, text_input};
use iced::{Element, Length};

use super::{BUILDING_ID, Message, MoveIn, NOTE_ID, Panel};
use crate::domain::date::table_datetime;
use crate::domain::movein::{MoveInState, MoveInStep};
use crate::store::{MoveInRecord, MoveInRow};
use crate::ui::form::form;
use crate::ui::widget::{
    choice_row, field, heading, hint, labelled, master_detail, save_back, scroll,
};

/// The steps a button does at once (the rest have a form of their own).
fn plain(step: MoveInStep) -> bool {
    matches!(
        step,
        MoveInStep::Verify
            | MoveInStep::OwnerFile
            | MoveInStep::BankAgreement
            | MoveInStep::Payment
            | MoveInStep::Handbook
            | MoveInStep::Checklist
    )
}

impl MoveIn {
    /// The tab.
    pub fn view(&self) -> Element<'_, Message> {
        let right: Element<'_, Message> = match &self.panel {
            Panel::Detail => match &self.selected {
                Some(s) => self.detail(s),
                None => hint("在左边选择一套房屋：有办理中的入住就打开，没有就开始办理。"),
            },
            Panel::Open(d) => self.open_form(d),
            Panel::Agreements(a) => self.agreements_form(a),
            Panel::Items(d) => self.items_form(d),
            Panel::Inspection(d) => self.inspection_form(d),
            Panel::Skip(reason) => {
                let step = self
                    .selected
                    .as_ref()
                    .and_then(|s| s.next_step())
                    .map(|s| s.named())
                    .unwrap_or_default();
                let c = column![
                    heading("跳过此步"),
                    hint(format!("跳过{step}，须写明原因。")),
                    field(
                        NOTE_ID,
                        "原因",
                        "例如 业主暂不办理代扣",
                        reason,
                        None,
                        Message::SkipEdited
                    ),
                    save_back("确认跳过", Message::SaveSkip, Message::Back),
                ]
                .spacing(10);
                form(self.on_screen(), c)
                    .on_submit(Message::SaveSkip)
                    .on_cancel(Message::Back)
                    .into()
            }
            Panel::Finish(d) => {
                let c = column![
                    heading("办完入住"),
                    field(
                        NOTE_ID,
                        "入住日期",
                        "2026-12-02",
                        &d.date,
                        None,
                        Message::FinishDateEdited
                    ),
                    checkbox(d.renovating)
                        .label("接着申请装修（房屋转为装修中）")
                        .on_toggle(Message::RenovatingToggled),
                    save_back("确认办完入住", Message::SaveFinish, Message::Back),
                ]
                .spacing(10);
                form(self.on_screen(), c)
                    .on_submit(Message::SaveFinish)
                    .on_cancel(Message::Back)
                    .into()
            }
        };
        master_detail(self.board(), right, self.message())
    }

    fn board(&self) -> Element<'_, Message> {
        let building = text_input("楼栋，例如 21", &self.building_text)
            .id(BUILDING_ID)
            .on_input(Message::BuildingEdited)
            .padding(6)
            .width(Length::Fixed(140.0));
        let schedule = if self.schedule {
            button(text("今日预约").size(14)).style(button::primary)
        } else {
            button(text("今日预约").size(14)).style(button::secondary)
        }
        .on_press(Message::Schedule(!self.schedule));
        let mut steps: Vec<StepChoice> = vec![StepChoice(None)];
        steps.extend(MoveInStep::ALL.iter().map(|s| StepChoice(Some(*s))));
        let filter = choice_row_owned(steps, StepChoice(self.step));
        let columns = [
            table::column(text("房号").size(14), |r: &MoveInRow| {
                button(text(r.address.short()).size(13))
                    .padding([2, 4])
                    .style(button::text)
                    .on_press(Message::Pick(r.unit))
            }),
            table::column(text("业主").size(14), |r: &MoveInRow| {
                text(r.owner_name.as_str()).size(13)
            }),
            table::column(text("进度").size(14), |r: &MoveInRow| {
                let t = match (r.state, r.step) {
                    (Some(MoveInState::Open), Some(s)) => {
                        format!("第{}步 {}", s.number(), s.label())
                    }
                    (Some(state), _) => state.label().to_string(),
                    (None, _) => format!("未办理（{}）", r.unit_status.label()),
                };
                text(t).size(13)
            })
            .width(Length::Fill),
            table::column(text("预约").size(14), |r: &MoveInRow| {
                text(
                    r.scheduled_at
                        .map(|t| t.format("%m-%d %H:%M").to_string())
                        .unwrap_or_default(),
                )
                .size(13)
            }),
            table::column(text("待处理问题").size(14), |r: &MoveInRow| {
                let t = text(if r.open_defects > 0 {
                    r.open_defects.to_string()
                } else {
                    String::new()
                })
                .size(13);
                if r.open_defects > 0 {
                    t.style(text::danger)
                } else {
                    t
                }
            }),
        ];
        let list: Element<'_, Message> = if self.rows.is_empty() {
            hint(if self.schedule {
                "今天没有预约办理入住的业主。"
            } else {
                "请输入楼栋号，例如 21。"
            })
        } else {
            table(columns, self.rows.iter()).padding_y(2).into()
        };
        column![
            row![
                text("楼栋").size(14),
                building,
                schedule,
                button(text("空白交接表").size(14))
                    .style(button::secondary)
                    .on_press(Message::PrintBlank)
            ]
            .spacing(8)
            .align_y(iced::Alignment::Center),
            filter,
            scroll(list).height(Length::Fill),
            hint(format!("共 {} 套", self.rows.len())),
        ]
        .spacing(10)
        .into()
    }

    fn detail<'a>(&'a self, s: &'a MoveInRecord) -> Element<'a, Message> {
        let mut c = column![
            text(format!("{}　{}", s.address, s.state.label())).size(22),
            text(format!(
                "业主 {}　入伙通知书 {}　房屋状态 {}",
                s.owner_name,
                if s.notice_no.is_empty() {
                    "—"
                } else {
                    &s.notice_no
                },
                s.unit_status.label()
            ))
            .size(14),
        ]
        .spacing(6);
        if let Some(t) = s.scheduled_at {
            c = c.push(text(format!("预约 {}", table_datetime(t))).size(14));
        }
        c = c.push(
            text(format!(
                "收费管理：{}；欠费 {}",
                if s.bank_agreement {
                    "已签银行代扣协议"
                } else {
                    "未签银行代扣协议"
                },
                s.owed
            ))
            .size(14),
        );
        c = c.push(heading("步骤"));
        let next = s.next_step();
        for step in MoveInStep::ALL {
            let line = match s.done(*step) {
                Some(d) => match &d.skipped {
                    Some(why) => format!(
                        "{}. {}　跳过：{why}（{} {}）",
                        step.number(),
                        step.label(),
                        d.by_name,
                        table_datetime(d.at)
                    ),
                    None => format!(
                        "{}. {}　✓ {} {}{}",
                        step.number(),
                        step.label(),
                        d.by_name,
                        table_datetime(d.at),
                        if d.note.is_empty() {
                            String::new()
                        } else {
                            format!("　{}", d.note)
                        }
                    ),
                },
                None if Some(*step) == next => {
                    format!("{}. {}　← 下一步", step.number(), step.label())
                }
                None => format!("{}. {}", step.number(), step.label()),
            };
            let t = text(line).size(14);
            c = c.push(if Some(*step) == next {
                t.style(text::primary)
            } else {
                t
            });
        }
        if let Some(step) = next {
            c = c.push(self.next_actions(s, step));
        }
        if !s.items.is_empty() {
            let items: Vec<String> = s
                .items
                .iter()
                .map(|i| format!("{}×{}", i.name, i.qty))
                .collect();
            c = c.push(text(format!("已领物品：{}", items.join("、"))).size(14));
        }
        for i in &s.inspections {
            c = c.push(heading(if i.inspection.round == 1 {
                "接房验收1"
            } else {
                "接房验收2"
            }));
            let r = &i.inspection.readings;
            let reading = |v: Option<i64>| v.map(|n| n.to_string()).unwrap_or_else(|| "—".into());
            c = c.push(
                text(format!(
                    "{} {}　水 {}　电 {}　气 {}",
                    table_datetime(i.inspection.at),
                    i.inspection.by_name,
                    reading(r.water),
                    reading(r.electricity),
                    reading(r.gas)
                ))
                .size(13),
            );
            if i.defects.is_empty() {
                c = c.push(text("全部合格").size(13));
            }
            for d in &i.defects {
                let mut line =
                    row![text(format!("{}：{}　{}", d.area, d.note, d.status_text())).size(13)]
                        .spacing(6)
                        .align_y(iced::Alignment::Center);
                if d.repair.is_none() && d.accepted_at.is_none() && s.state == MoveInState::Open {
                    line = line
                        .push(button(text("转报修").size(13)).on_press(Message::ToRepair(d.id)))
                        .push(
                            button(text("业主接受现状").size(13))
                                .style(button::secondary)
                                .on_press(Message::Accept(d.id)),
                        );
                }
                if let Some(r) = d.repair {
                    line = line.push(
                        button(text("打开维修单").size(13))
                            .style(button::secondary)
                            .on_press(Message::OpenRepair(r)),
                    );
                }
                c = c.push(line.wrap());
            }
        }
        c = c.push(
            row![
                button(text("打印房屋验收交接表").size(14))
                    .style(button::secondary)
                    .on_press(Message::PrintSheet),
                button(text("打印业主入住清单").size(14))
                    .style(button::secondary)
                    .on_press(Message::PrintList),
            ]
            .spacing(8),
        );
        c.into()
    }

    fn next_actions<'a>(&'a self, s: &'a MoveInRecord, step: MoveInStep) -> Element<'a, Message> {
        let mut r = row![].spacing(8).align_y(iced::Alignment::Center);
        if plain(step) {
            r = r
                .push(
                    text_input("备注（可不填）", &self.note)
                        .id(NOTE_ID)
                        .on_input(Message::NoteEdited)
                        .on_submit(Message::Done(step))
                        .padding(4)
                        .width(Length::Fixed(220.0)),
                )
                .push(button(text("完成此步").size(14)).on_press(Message::Done(step)));
        } else {
            let label = match step {
                MoveInStep::Agreements => "填写签订日期",
                MoveInStep::Items => "登记领取物品",
                MoveInStep::Inspection1 => "接房验收1",
                MoveInStep::Inspection2 => "接房验收2",
                _ => "办完入住",
            };
            r = r.push(button(text(label).size(14)).on_press(Message::Form(step)));
        }
        if step == MoveInStep::OwnerFile {
            r = r.push(
                button(text("打开业主档案").size(14))
                    .style(button::secondary)
                    .on_press(Message::OpenRegister),
            );
        }
        if step != MoveInStep::Finish {
            r = r.push(
                button(text("跳过此步").size(14))
                    .style(button::secondary)
                    .on_press(Message::Skip),
            );
        }
        let mut c = column![r.wrap()].spacing(4);
        if step == MoveInStep::Inspection2
            && let Err(why) = s.ready_for_inspection2()
        {
            c = c.push(hint(why));
        }
        c.into()
    }

    fn open_form<'a>(&'a self, d: &'a super::OpenDraft) -> Element<'a, Message> {
        let address = self.picked.map(|(_, a)| a.to_string()).unwrap_or_default();
        let mut c = column![heading("开始办理入住"), text(address).size(16)].spacing(10);
        if !d.owners.is_empty() {
            c = c.push(labelled(
                "业主",
                choice_row(&d.owners, d.owner.as_ref(), Message::OwnerPicked),
                None,
            ));
        }
        c = c
            .push(field(
                "movein-owner",
                "业主姓名",
                "",
                &d.name,
                None,
                |v| Message::OpenEdited(0, v),
            ))
            .push(field(
                "movein-notice",
                "入伙通知书编号",
                "",
                &d.notice_no,
                None,
                |v| Message::OpenEdited(1, v),
            ))
            .push(field(
                "movein-scheduled",
                "预约时间",
                "可不填，例如 12-05 09:30",
                &d.scheduled,
                None,
                |v| Message::OpenEdited(2, v),
            ))
            .push(save_back("开始办理", Message::SaveOpen, Message::Back));
        form(self.on_screen(), c)
            .on_submit(Message::SaveOpen)
            .on_cancel(Message::Back)
            .into()
    }

    fn agreements_form<'a>(&'a self, a: &'a [String; 2]) -> Element<'a, Message> {
        let c = column![
            heading("签前期物业服务协议及业主临时管理规约"),
            field(
                "movein-service",
                "物业服务协议",
                "签订日期",
                &a[0],
                None,
                |v| { Message::AgreementEdited(0, v) }
            ),
            field(
                "movein-rules",
                "临时管理规约",
                "签订日期",
                &a[1],
                None,
                |v| { Message::AgreementEdited(1, v) }
            ),
            save_back("保存", Message::SaveAgreements, Message::Back),
        ]
        .spacing(10);
        form(self.on_screen(), c)
            .on_submit(Message::SaveAgreements)
            .on_cancel(Message::Back)
            .into()
    }

    fn items_form<'a>(&'a self, d: &'a super::ItemsDraft) -> Element<'a, Message> {
        let mut c = column![
            heading("领取物品"),
            hint("钥匙在钥匙管理中登记发放给业主；数量为 0 或空的不记。"),
        ]
        .spacing(8);
        for (i, (name, qty)) in d.lines.iter().enumerate() {
            c = c.push(labelled(
                name,
                text_input("数量", qty)
                    .id(ITEM_IDS.get(i).copied().unwrap_or("movein-item"))
                    .on_input(move |v| Message::ItemEdited(i, v))
                    .padding(4)
                    .width(Length::Fixed(80.0))
                    .into(),
                None,
            ));
        }
        c = c.push(save_back("保存", Message::SaveItems, Message::Back));
        form(self.on_screen(), c)
            .on_submit(Message::SaveItems)
            .on_cancel(Message::Back)
            .into()
    }

    fn inspection_form<'a>(&'a self, d: &'a super::InspectionDraft) -> Element<'a, Message> {
        let mut c = column![
            heading(if d.round == 1 {
                "接房验收1"
            } else {
                "接房验收2"
            }),
            hint("不合格的项目取消勾选并写明问题，保存后可一键转报修。"),
        ]
        .spacing(6);
        for (i, (area, ok, note)) in d.areas.iter().enumerate() {
            let mut line = row![
                checkbox(*ok)
                    .label(format!("{area} 合格"))
                    .on_toggle(move |v| Message::AreaOk(i, v))
                    .width(Length::Fixed(170.0))
            ]
            .spacing(8)
            .align_y(iced::Alignment::Center);
            if !ok {
                line = line.push(
                    text_input("问题，例如 客厅地砖开裂一块", note)
                        .id(AREA_IDS.get(i).copied().unwrap_or("movein-area"))
                        .on_input(move |v| Message::AreaNote(i, v))
                        .padding(4)
                        .width(Length::Fixed(300.0)),
                );
            }
            c = c.push(line);
        }
        let names = ["水表读数", "电表读数", "燃气表读数"];
        for (i, name) in names.iter().enumerate() {
            c = c.push(field(
                READING_IDS[i],
                name,
                "可不填",
                &d.readings[i],
                None,
                move |v| Message::ReadingEdited(i, v),
            ));
        }
        c = c.push(save_back(
            "保存验收",
            Message::SaveInspection,
            Message::Back,
        ));
        form(self.on_screen(), c)
            .on_submit(Message::SaveInspection)
            .on_cancel(Message::Back)
            .into()
    }
}

/// The ids of the item quantity fields, in 设置's order.
pub const ITEM_IDS: [&str; 12] = [
    "movein-item-0",
    "movein-item-1",
    "movein-item-2",
    "movein-item-3",
    "movein-item-4",
    "movein-item-5",
    "movein-item-6",
    "movein-item-7",
    "movein-item-8",
    "movein-item-9",
    "movein-item-10",
    "movein-item-11",
];

/// The ids of the inspection areas' note fields, in 设置's order.
pub const AREA_IDS: [&str; 16] = [
    "movein-area-0",
    "movein-area-1",
    "movein-area-2",
    "movein-area-3",
    "movein-area-4",
    "movein-area-5",
    "movein-area-6",
    "movein-area-7",
    "movein-area-8",
    "movein-area-9",
    "movein-area-10",
    "movein-area-11",
    "movein-area-12",
    "movein-area-13",
    "movein-area-14",
    "movein-area-15",
];

/// The ids of the readings: water, electricity, gas.
pub const READING_IDS: [&str; 3] = ["movein-water", "movein-power", "movein-gas"];

/// A step as the board's filter offers it (None: every unit).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StepChoice(Option<MoveInStep>);

impl std::fmt::Display for StepChoice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.0 {
            None => f.write_str("全部"),
            Some(s) => write!(f, "{}", s.number()),
        }
    }
}

/// The filter row: 全部 then each step by its number (the board names the step in full).
fn choice_row_owned<'a>(options: Vec<StepChoice>, selected: StepChoice) -> Element<'a, Message> {
    let mut r = row![text("步骤").size(14)]
        .spacing(4)
        .align_y(iced::Alignment::Center);
    for o in options {
        let b = button(text(o.to_string()).size(13))
            .padding([2, 8])
            .on_press(Message::StepFilter(o.0));
        r = r.push(if o == selected {
            b.style(button::primary)
        } else {
            b.style(button::secondary)
        });
    }
    r.wrap().into()
}
