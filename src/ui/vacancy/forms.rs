//! The forms on the right of the vacancy tab: an inspection, an application, a decision.

use iced::widget::{button, checkbox, column, pick_list, row, text};
use iced::{Alignment, Element, Length};

use super::decision::{DecisionDraft, DecisionKind};
use super::drafts::{ApplicationDraft, InspectionDraft};
use super::drafts::{Lower, meter_index};
use super::update::KINDS;
use super::{Editor, Field, Message, Vacancy};
use crate::domain::date::{paper_date, table_date};
use crate::domain::vacancy::{CHECKLIST, Meter};
use crate::ui::form::form;
use crate::ui::widget::{field, heading, hint, labelled};

fn edit(f: Field) -> impl Fn(String) -> Message {
    move |v| Message::Edited(f, v)
}

fn buttons<'a>(save: &'a str) -> Element<'a, Message> {
    row![
        button(text(save)).on_press(Message::Save),
        button(text("取消"))
            .on_press(Message::Cancel)
            .style(button::secondary),
    ]
    .spacing(8)
    .into()
}

impl Vacancy {
    pub(super) fn editor_view(&self) -> Element<'_, Message> {
        // Enter saves; on the decision form it does nothing (approve or reject is a choice).
        let (content, submit) = match &self.editor {
            Some(Editor::Inspect(d)) => (self.inspection(d), Some(Message::Save)),
            Some(Editor::Apply(d)) => (application(d), Some(Message::Save)),
            Some(Editor::Decide(d)) => (
                self.decision(d),
                (d.kind != DecisionKind::Decide).then_some(Message::Save),
            ),
            None => {
                return hint("在左边点击房号录入检查，或在“空置申请”中登记和审批申请。");
            }
        };
        let f = form(self.on_screen(), content).on_cancel(Message::Cancel);
        match submit {
            Some(m) => f.on_submit(m).into(),
            None => f.into(),
        }
    }

    fn decision<'a>(&'a self, d: &'a DecisionDraft) -> Element<'a, Message> {
        let Some(app) = self.applications.iter().find(|a| a.id == d.id) else {
            return hint("这份申请已不在列表中。");
        };
        let mut c = column![
            heading(match d.kind {
                DecisionKind::Decide => "审批空置申请",
                DecisionKind::ShutOff => "停水停电并抄表",
                DecisionKind::End => "提前结束空置",
            }),
            text(format!(
                "KZ-{:05}　{}　{}\n{} 至 {}　原因：{}\n客户服务员 {}：{}（{}）",
                app.id.0,
                app.address,
                app.owner_name,
                paper_date(app.from),
                paper_date(app.to),
                app.reason,
                app.officer_name,
                app.officer_opinion,
                super::view::stamp(app.recorded_at),
            ))
            .size(14),
        ]
        .spacing(10);
        match d.kind {
            DecisionKind::End => c
                .push(field(
                    Field::EndDate.id(),
                    "最后一天",
                    "按50%收费的最后一天",
                    &d.end_date,
                    d.errors.get(Field::EndDate),
                    edit(Field::EndDate),
                ))
                .push(field(
                    Field::DecisionNote.id(),
                    "说明",
                    "例如 业主已入住",
                    &d.note,
                    None,
                    edit(Field::DecisionNote),
                ))
                .push(buttons("保存"))
                .into(),
            DecisionKind::ShutOff => {
                c = c.push(hint(
                    "派单关闭水电阀门后，录入停水停电时的读数；读数作为空置期间用量的起点。",
                ));
                for m in Meter::ALL {
                    let f = Field::ShutOffReading(m);
                    c = c.push(field(
                        f.id(),
                        meter_label(m),
                        if m == Meter::Gas {
                            "没有气表可不填"
                        } else {
                            ""
                        },
                        &d.readings[meter_index(m)],
                        d.errors.get(f),
                        edit(f),
                    ));
                }
                c.push(buttons("已停水停电")).into()
            }
            DecisionKind::Decide => c
                .push(hint(
                    "批准后告知收费员自空置开始日起按50%收费，再由客户接待员派单停水停电并抄表。",
                ))
                .push(field(
                    Field::DecisionNote.id(),
                    "主管意见",
                    "不批准时必填原因",
                    &d.note,
                    d.errors.get(Field::DecisionNote),
                    edit(Field::DecisionNote),
                ))
                .push(
                    row![
                        button(text("批准")).on_press(Message::Approve),
                        button(text("不批准"))
                            .on_press(Message::Reject)
                            .style(button::danger),
                        button(text("取消"))
                            .on_press(Message::Cancel)
                            .style(button::secondary),
                    ]
                    .spacing(8),
                )
                .into(),
        }
    }
}

fn meter_label(m: Meter) -> &'static str {
    match m {
        Meter::Water => "水表读数(t)",
        Meter::Power => "电表读数(kWh)",
        Meter::Gas => "气表读数(m³)",
    }
}

impl Vacancy {
    fn inspection<'a>(&'a self, d: &'a InspectionDraft) -> Element<'a, Message> {
        let mut c = column![
            heading(match d.target {
                super::Target::Unit(..) => "录入空置房检查",
                super::Target::Basement(..) => "录入地下室检查",
            }),
            text(d.target.to_string()).size(18),
            labelled(
                "检查类型",
                pick_list(KINDS, Some(d.kind), Message::KindPicked).into(),
                None
            ),
            labelled(
                "检查人",
                pick_list(
                    self.inspectors.as_slice(),
                    d.inspector.clone(),
                    Message::InspectorPicked
                )
                .placeholder("当班人员")
                .into(),
                d.errors.get(Field::Inspector)
            ),
            field(
                Field::InspectDate.id(),
                "检查日期",
                "例如 2026-11-29",
                &d.date,
                d.errors.get(Field::InspectDate),
                edit(Field::InspectDate)
            ),
        ]
        .spacing(10);
        let mut items = row![].spacing(10);
        for (i, name) in CHECKLIST.iter().enumerate() {
            items = items.push(
                checkbox(d.abnormal[i])
                    .label(*name)
                    .on_toggle(move |b| Message::ItemToggled(i, b)),
            );
        }
        // Wrapped into rows: six boxes do not fit beside the label in the right-hand pane.
        c = c.push(labelled("异常项目", items.wrap().into(), None));
        for (i, m) in Meter::ALL.into_iter().enumerate() {
            let f = Field::Reading(m);
            let placeholder = match m {
                Meter::Gas => "没有气表可不填",
                _ => "",
            };
            let input = iced::widget::text_input(placeholder, &d.readings[i])
                .id(f.id())
                .on_input(edit(f))
                .padding(6)
                .width(Length::Fixed(160.0));
            // The last reading stays in sight beside the field while typing.
            let last = match d.previous[i] {
                Some(p) => text(format!(
                    "上次 {}（{}）",
                    m.format(p.value),
                    table_date(p.date)
                ))
                .size(13),
                None => text("第一次抄表").size(13),
            };
            c = c.push(labelled(
                meter_label(m),
                row![input, last]
                    .spacing(8)
                    .align_y(Alignment::Center)
                    .into(),
                d.errors.get(f),
            ));
            if d.is_lower(m) {
                let picks = Lower::ALL.iter().fold(row![].spacing(6), |r, &l| {
                    let b = button(text(l.label()).size(13)).padding([3, 10]);
                    r.push(
                        if d.lower[i] == Some(l) {
                            b.style(button::primary)
                        } else {
                            b.style(button::secondary)
                        }
                        .on_press(Message::LowerPicked(m, l)),
                    )
                });
                c = c.push(labelled("读数变小", picks.into(), None));
                match d.lower[i] {
                    Some(Lower::RolledOver) => {
                        let fm = Field::Max(m);
                        c = c.push(field(
                            fm.id(),
                            "表盘最大读数",
                            "例如 99999.999",
                            &d.maxima[i],
                            d.errors.get(fm),
                            edit(fm),
                        ));
                    }
                    Some(Lower::Replaced) => {
                        let fs = Field::Start(m);
                        c = c.push(field(
                            fs.id(),
                            "新表起始读数",
                            "新表安装时的读数，例如 0",
                            &d.starts[i],
                            d.errors.get(fs),
                            edit(fs),
                        ));
                    }
                    None => {}
                }
            }
        }
        c.push(field(
            Field::FollowUp.id(),
            "处理意见",
            "有异常时必填",
            &d.follow_up,
            d.errors.get(Field::FollowUp),
            edit(Field::FollowUp),
        ))
        .push(field(
            Field::Note.id(),
            "备注",
            "",
            &d.note,
            d.errors.get(Field::Note),
            edit(Field::Note),
        ))
        .push(hint(format!(
            "勾选的项目记为异常。本月用水超过 {} 或用电超过 {}（可在“规则与分工”中修改）视为入住。",
            Meter::Water.with_unit(self.rules.water_litres),
            Meter::Power.with_unit(self.rules.power_centi_kwh),
        )))
        .push(buttons("保存检查"))
        .into()
    }
}

fn application(d: &ApplicationDraft) -> Element<'_, Message> {
    let f = |id: Field, label, placeholder, value| {
        field(
            id.id(),
            label,
            placeholder,
            value,
            d.errors.get(id),
            edit(id),
        )
    };
    column![
        heading("登记空置申请"),
        hint("业主持身份证原件办理；空置时间至少三个月；已交房未装修的房屋不用申请。"),
        f(Field::ApplyUnit, "房号", "例如 3-2-1502", &d.unit),
        f(Field::ApplyOwner, "申请人（业主）", "", &d.owner),
        labelled(
            "身份证原件",
            checkbox(d.id_checked)
                .label("已核验")
                .on_toggle(Message::IdChecked)
                .into(),
            d.errors.get(Field::ApplyIdChecked),
        ),
        f(Field::ApplyFrom, "空置开始", "例如 2026-12-01", &d.from),
        f(Field::ApplyTo, "空置结束", "例如 2027-05-31", &d.to),
        f(Field::ApplyReason, "空置原因", "", &d.reason),
        f(
            Field::ApplyOpinion,
            "客户服务员意见",
            "例如 情况属实，同意",
            &d.opinion
        ),
        buttons("保存申请"),
    ]
    .spacing(10)
    .into()
}
