//! The forms of the repairs tab: intake, work and charges, rating, callback, cancelling.

use iced::widget::{button, checkbox, column, row, text, text_input};
use iced::{Alignment, Element, Length};

use super::{
    CallbackDraft, Field, IntakeDraft, MATERIAL_COLUMNS, Message, RateDraft, Repairs, WorkDraft,
};
use crate::domain::access::{Action, who_may};
use crate::domain::repair::{Channel, Payment, Rating, Receipt, RepairKind};
use crate::ui::About;
use crate::ui::StaffChoice;
use crate::ui::form::form;
pub use crate::ui::widget::choice_row;
use crate::ui::widget::{field, heading, hint, labelled, save_back};

/// The ids of the callback fields, in [`Message::CallbackEdited`] order.
pub const CALLBACK_IDS: [&str; 4] = [
    "repair-callback-note",
    "repair-nc-department",
    "repair-nc-problem",
    "repair-nc-correction",
];

impl Repairs {
    pub(super) fn intake_form<'a>(&'a self, d: &'a IntakeDraft) -> Element<'a, Message> {
        let f = |id: Field, label: &'a str, placeholder: &'a str, value: &'a str| {
            field(id.id(), label, placeholder, value, d.error(id), move |v| {
                Message::IntakeEdited(id, v)
            })
        };
        let mut c = column![
            heading("新建报修"),
            checkbox(d.public)
                .label("公共报修（公共区域，由区域客户服务员确认）")
                .on_toggle(Message::PublicToggled),
        ]
        .spacing(10);
        if d.public {
            c = c.push(f(
                Field::Location,
                "报修位置",
                "例如 5号楼1单元电梯厅",
                &d.location,
            ));
            let officer = d.officer.as_ref().map(|(id, name)| StaffChoice {
                id: *id,
                label: name.clone(),
            });
            c = c.push(labelled(
                "区域客户服务员",
                choice_row(&self.officers, officer.as_ref(), Message::OfficerPicked),
                None,
            ));
        } else {
            c = c.push(f(
                Field::Unit,
                "房号",
                "搜索：3-2-1502、1502、业主姓名",
                &d.unit_text,
            ));
            match d.unit {
                Some((_, a)) => c = c.push(hint(format!("已选：{a}"))),
                None => {
                    let mut matches = row![].spacing(6);
                    for u in self.unit_matches.iter().take(6) {
                        matches = matches.push(
                            button(text(u.unit.unit.address.to_string()).size(13))
                                .on_press(Message::UnitPicked(u.clone()))
                                .style(button::secondary),
                        );
                    }
                    c = c.push(matches);
                }
            }
        }
        c = c
            .push(f(Field::Reporter, "报修人", "", &d.reporter))
            .push(f(Field::Phone, "联系电话", "手机号", &d.phone))
            .push(labelled(
                "报修方式",
                choice_row(Channel::ALL, d.channel.as_ref(), Message::ChannelPicked),
                None,
            ))
            .push(labelled(
                "类别",
                choice_row(
                    &self.categories,
                    d.category.as_ref(),
                    Message::CategoryPicked,
                ),
                d.error(Field::Category),
            ))
            .push(f(
                Field::Description,
                "报修内容",
                "问清楚、写清楚维修要点",
                &d.description,
            ))
            .push(f(
                Field::Appointment,
                "预约时间",
                "2026-11-29 14:00",
                &d.appointment,
            ))
            .push(
                checkbox(d.chargeable)
                    .label("收费维修（须先向业主讲明收费项目及金额）")
                    .on_toggle(Message::ChargeableToggled),
            );
        if d.chargeable {
            c = c
                .push(f(
                    Field::Quote,
                    "收费项目",
                    "例如 更换阀芯35元，人工费20元",
                    &d.quote,
                ))
                .push(f(
                    Field::QuoteAmount,
                    "报价金额(元)",
                    "例如 55",
                    &d.quote_amount,
                ));
        }
        let c = c.push(save_back("保存报修", Message::SaveIntake, Message::Back));
        form(self.on_screen(), c)
            .on_submit(Message::SaveIntake)
            .on_cancel(Message::Back)
            .into()
    }
}

/// 维修情况及收费, a form about `about`.
pub fn work_form(d: &WorkDraft, about: About) -> Element<'_, Message> {
    let mut c = column![
        heading("维修情况及收费"),
        labelled(
            "维修情况",
            text_input("例如 更换阀芯，试水不漏", &d.work_done)
                .id("repair-work-done")
                .on_input(Message::WorkDoneEdited)
                .padding(6)
                .width(Length::Fixed(320.0))
                .into(),
            None
        ),
        text("材料（名称、规格、型号、数量、单位、单价）").size(14),
    ]
    .spacing(10);
    for (i, line) in d.lines.iter().enumerate() {
        let mut r = row![].spacing(4).align_y(Alignment::Center);
        for (col, (value, placeholder)) in line.cells.iter().zip(MATERIAL_COLUMNS).enumerate() {
            let w = if col == 0 { 110.0 } else { 62.0 };
            r = r.push(
                text_input(placeholder, value)
                    .id(format!("repair-material-{i}-{col}"))
                    .on_input(move |v| Message::MaterialEdited(i, col, v))
                    .padding(4)
                    .size(13)
                    .width(Length::Fixed(w)),
            );
        }
        r = r.push(
            button(text("删除").size(12))
                .on_press(Message::RemoveMaterial(i))
                .style(button::text),
        );
        c = c.push(r);
        if let Some(e) = &line.error {
            c = c.push(text(e).size(13).style(text::danger));
        }
    }
    c = c.push(
        button(text("添加材料").size(13))
            .on_press(Message::AddMaterial)
            .style(button::secondary),
    );
    c = c.push(field(
        "repair-labour",
        "人工费(元)",
        "例如 20",
        &d.labour,
        d.labour_error.as_deref(),
        Message::LabourEdited,
    ));
    if let Some(total) = d.preview_total() {
        c = c.push(text(format!("合计 {total}　人民币{}", total.to_chinese_upper())).size(15));
    }
    let c = c
        .push(labelled(
            "付款方式",
            choice_row(Payment::ALL, d.payment.as_ref(), Message::PaymentPicked),
            None,
        ))
        .push(labelled(
            "票据",
            choice_row(Receipt::ALL, d.receipt.as_ref(), Message::ReceiptPicked),
            None,
        ))
        .push(save_back("保存", Message::SaveWork, Message::Back));
    form(about, c)
        .on_submit(Message::SaveWork)
        .on_cancel(Message::Back)
        .into()
}

/// 评价: the owner, or for public repairs the area officer.
pub fn rate_form(d: &RateDraft, kind: Option<RepairKind>, about: About) -> Element<'_, Message> {
    let title = if kind == Some(RepairKind::Public) {
        "区域客户服务员确认评价"
    } else {
        "业主评价"
    };
    let mut ratings = row![].spacing(6);
    for &r in Rating::ALL {
        let b = button(text(r.label())).on_press(Message::RatingPicked(r));
        ratings = ratings.push(if d.rating == Some(r) {
            b.style(button::primary)
        } else {
            b.style(button::secondary)
        });
    }
    // A public repair is signed by the area's officer (the person signed in, or their
    // countersign): the store names them, so there is no name to type.
    let by: Element<'_, Message> = if kind == Some(RepairKind::Public) {
        hint(format!(
            "由{}确认签字；其他人保存时请其输入PIN会签。",
            who_may(Action::RepairPublicConfirm)
        ))
    } else {
        field(
            "repair-rate-by",
            "确认人",
            "",
            &d.by,
            None,
            Message::RateByEdited,
        )
    };
    let c = column![
        heading(title),
        labelled("满意度", ratings.into(), d.error.as_deref()),
        by,
        field(
            "repair-rate-comment",
            "意见",
            "",
            &d.comment,
            None,
            Message::RateCommentEdited
        ),
        save_back("保存评价", Message::SaveRating, Message::Back),
    ]
    .spacing(10);
    form(about, c)
        .on_submit(Message::SaveRating)
        .on_cancel(Message::Back)
        .into()
}

/// 回访, with a nonconformity sent on when there is one.
pub fn callback_form(d: &CallbackDraft, about: About) -> Element<'_, Message> {
    fn f<'a>(i: usize, label: &'a str, v: &'a str) -> Element<'a, Message> {
        field(CALLBACK_IDS[i], label, "", v, None, move |s| {
            Message::CallbackEdited(i, s)
        })
    }
    let mut c = column![heading("回访")].spacing(10);
    if d.contacts.is_empty() {
        c = c.push(text("没有登记联系电话").size(14));
    }
    for line in &d.contacts {
        c = c.push(text(line.as_str()).size(15));
    }
    c = c.push(f(0, "回访情况", &d.note)).push(
        checkbox(d.has_problem)
            .label("发现不合格项，交责任部门纠正")
            .on_toggle(Message::ProblemToggled),
    );
    if d.has_problem {
        c = c
            .push(f(1, "责任部门", &d.department))
            .push(f(2, "问题", &d.problem))
            .push(f(3, "纠正情况", &d.correction));
    }
    if let Some(e) = &d.error {
        c = c.push(text(e).size(14).style(text::danger));
    }
    let c = c.push(save_back("保存回访", Message::SaveCallback, Message::Back));
    form(about, c)
        .on_submit(Message::SaveCallback)
        .on_cancel(Message::Back)
        .into()
}

/// 取消 with a reason.
pub fn cancel_form(reason: &str, about: About) -> Element<'_, Message> {
    let c = column![
        heading("取消维修单"),
        field(
            "repair-cancel-reason",
            "取消原因",
            "例如 业主已自行修好",
            reason,
            None,
            Message::CancelReasonEdited
        ),
        row![
            button(text("确认取消"))
                .on_press(Message::ConfirmCancel)
                .style(button::danger),
            button(text("返回"))
                .on_press(Message::Back)
                .style(button::secondary),
        ]
        .spacing(8),
    ]
    .spacing(10);
    form(about, c)
        .on_submit(Message::ConfirmCancel)
        .on_cancel(Message::Back)
        .into()
}
