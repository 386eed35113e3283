//! The forms of the feedback tab: intake, dispatch, a line for the trail, the callback.

use iced::widget::{button, checkbox, column, row, text, text_input};
use iced::{Element, Length};

use super::drafts::{
    CALLBACK_ID, CallbackDraft, DispatchDraft, HANDLER_ID, LIMIT_ID, NOTE_ID, NoteDraft,
    REQUIREMENT_ID,
};
use super::{Feedback, Field, IntakeDraft, Message, PlaceKind};
use crate::domain::feedback::{Category, Channel, Severity};
use crate::domain::repair::Rating;
use crate::domain::settings::duration_text;
use crate::ui::form::form;
use crate::ui::widget::{choice_row, field, heading, hint, labelled, save_back, wide_field};

impl Feedback {
    pub(super) fn intake_form<'a>(&'a self, d: &'a IntakeDraft) -> Element<'a, Message> {
        let f = |id: Field, label: &'a str, placeholder: &'a str, value: &'a str| {
            field(id.id(), label, placeholder, value, d.error(id), move |v| {
                Message::IntakeEdited(id, v)
            })
        };
        let mut c = column![heading("新建登记")].spacing(10);
        // Where first: picking the unit offers its owners as the caller.
        c = c.push(labelled(
            "位置",
            choice_row(&PlaceKind::ALL, Some(&d.place), Message::PlacePicked),
            None,
        ));
        match d.place {
            PlaceKind::Unit => {
                c = c.push(f(
                    Field::Unit,
                    "房号",
                    "搜索：3-2-1502、1502、业主姓名",
                    &d.unit_text,
                ));
                match d.unit {
                    Some((_, a)) => {
                        c = c.push(hint(format!("已选：{a}")));
                        if !d.owners.is_empty() {
                            c = c.push(labelled(
                                "业主",
                                choice_row(&d.owners, d.owner.as_ref(), Message::OwnerPicked),
                                None,
                            ));
                        }
                    }
                    None => {
                        let mut matches = row![].spacing(6);
                        for u in self.unit_matches.iter().take(6) {
                            matches = matches.push(
                                button(text(u.unit.unit.address.to_string()).size(13))
                                    .on_press(Message::UnitPicked(u.clone()))
                                    .style(button::secondary),
                            );
                        }
                        c = c.push(matches.wrap());
                    }
                }
            }
            PlaceKind::Public => {
                c = c.push(f(
                    Field::Location,
                    "公共位置",
                    "例如 5号楼1单元电梯厅",
                    &d.location,
                ));
            }
            PlaceKind::None => {}
        }
        c = c.push(f(Field::Name, "反映人", "姓名", &d.name)).push(f(
            Field::Phone,
            "联系电话",
            "手机号",
            &d.phone,
        ));
        // A picked owner's stored phone is used unless another is typed; it shows masked.
        if let (Some(o), true) = (&d.owner, d.phone.trim().is_empty())
            && let Some(p) = &o.phone
        {
            c = c.push(hint(format!("留空则用业主档案电话 {}", p.masked())));
        }
        c = c
            .push(labelled(
                "渠道",
                choice_row(Channel::ALL, d.channel.as_ref(), Message::ChannelPicked),
                None,
            ))
            .push(labelled(
                "类别",
                choice_row(Category::ALL, d.category.as_ref(), Message::CategoryPicked),
                d.error(Field::Category),
            ))
            .push(labelled(
                "程度",
                choice_row(Severity::ALL, d.severity.as_ref(), Message::SeverityPicked),
                None,
            ))
            .push(wide_field(
                420.0,
                Field::Content.id(),
                "反映内容",
                "问清楚、写清楚：什么事、什么时候、在哪里",
                &d.content,
                d.error(Field::Content),
                |v| Message::IntakeEdited(Field::Content, v),
            ));
        if d.category == Some(Category::Repair) {
            if d.place == PlaceKind::Public {
                let officer = d.officer.as_ref().map(|(id, name)| crate::ui::StaffChoice {
                    id: *id,
                    label: name.clone(),
                });
                c = c.push(labelled(
                    "区域客户服务员",
                    choice_row(&self.officers, officer.as_ref(), Message::OfficerPicked),
                    d.error(Field::Officer),
                ));
            }
            c = c.push(hint("保存后在报修管理生成维修单，两边相互关联。"));
        }
        if d.severity == Some(Severity::Major) {
            c = c.push(hint("重大事项：48小时内答复客户，并上报客服中心主任。"));
        }
        let c = c.push(save_back("保存登记", Message::SaveIntake, Message::Back));
        form(self.on_screen(), c)
            .on_submit(Message::SaveIntake)
            .on_cancel(Message::Back)
            .into()
    }

    pub(super) fn dispatch_form<'a>(&'a self, d: &'a DispatchDraft) -> Element<'a, Message> {
        let limit = duration_text(self.deadlines.feedback_reply_min);
        let mut c = column![
            heading("派单（工作联系单）"),
            labelled(
                "处理部门",
                choice_row(
                    &self.departments,
                    d.department.as_ref(),
                    Message::DepartmentPicked
                ),
                None,
            ),
            field(
                HANDLER_ID,
                "处理人",
                "姓名",
                &d.handler_name,
                None,
                |v| { Message::DispatchEdited(0, v) }
            ),
        ]
        .spacing(10);
        let picked = self.staff.iter().find(|s| Some(s.id) == d.handler).cloned();
        c = c.push(labelled(
            "",
            choice_row(&self.staff, picked.as_ref(), Message::HandlerPicked),
            None,
        ));
        c = c
            .push(wide_field(
                420.0,
                REQUIREMENT_ID,
                "处理要求",
                "例如 当日上门了解情况并答复",
                &d.requirement,
                None,
                |v| Message::DispatchEdited(1, v),
            ))
            .push(field(
                LIMIT_ID,
                "回复时限",
                "例如 4小时；留空按设置",
                &d.limit,
                None,
                |v| Message::DispatchEdited(2, v),
            ))
            .push(hint(format!("设置中的处理人回复时限：{limit}")))
            .push(
                checkbox(d.needs_superior)
                    .label(format!(
                        "需上报上级（{}内上报）",
                        duration_text(self.deadlines.escalation_min)
                    ))
                    .on_toggle(Message::SuperiorToggled),
            );
        if let Some(e) = &d.error {
            c = c.push(text(e).size(13).style(text::danger));
        }
        let c = c.push(save_back(
            "派单并打印工作联系单",
            Message::SaveDispatch,
            Message::Back,
        ));
        form(self.on_screen(), c)
            .on_submit(Message::SaveDispatch)
            .on_cancel(Message::Back)
            .into()
    }

    pub(super) fn note_form<'a>(&'a self, n: &'a NoteDraft) -> Element<'a, Message> {
        let input = text_input(n.kind.placeholder(), &n.text)
            .id(NOTE_ID)
            .on_input(Message::NoteEdited)
            .padding(6)
            .width(Length::Fixed(420.0));
        let mut c = column![
            heading(n.kind.title()),
            labelled(n.kind.label(), input.into(), n.error.as_deref()),
        ]
        .spacing(10);
        if n.kind == super::NoteKind::Close {
            c = c.push(hint("关闭前须已答复客户；处理结果会写入记录表。"));
        }
        let c = c.push(save_back("保存", Message::SaveNote, Message::Back));
        form(self.on_screen(), c)
            .on_submit(Message::SaveNote)
            .on_cancel(Message::Back)
            .into()
    }

    pub(super) fn callback_form<'a>(&'a self, d: &'a CallbackDraft) -> Element<'a, Message> {
        let mut c = column![heading("回访")].spacing(10);
        for line in &d.contacts {
            c = c.push(text(line).size(14));
        }
        let input = text_input("客户的意见", &d.note)
            .id(CALLBACK_ID)
            .on_input(Message::CallbackNoteEdited)
            .padding(6)
            .width(Length::Fixed(420.0));
        c = c
            .push(labelled(
                "满意度",
                choice_row(Rating::ALL, d.rating.as_ref(), Message::RatingPicked),
                d.error.as_deref(),
            ))
            .push(labelled("客户意见", input.into(), None))
            .push(hint("不满意会重新打开，继续处理。"));
        let c = c.push(save_back("保存回访", Message::SaveCallback, Message::Back));
        form(self.on_screen(), c)
            .on_submit(Message::SaveCallback)
            .on_cancel(Message::Back)
            .into()
    }
}
