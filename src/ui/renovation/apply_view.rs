//! The two long forms of the renovation tab: 装修申请 (the unit and owner, the contractor, the
//! period, the kinds of work, the workers, the papers) and 退还保证金 (payee, method, deductions).

use iced::widget::{button, column, row, text};
use iced::{Element, Length};

use super::drafts::{ApplyDraft, Field};
use super::forms_view::{cell, input, ticks, wide};
use super::{Message, Renovation};
use crate::domain::fees::PayMethod;
use crate::domain::renovation::{Paper, WorkKind};
use crate::store::REFUND_METHODS;
use crate::ui::widget::{choice_row, heading, hint, labelled, save_back};

impl Renovation {
    pub(super) fn apply_form<'a>(&'a self, d: &'a ApplyDraft) -> Element<'a, Message> {
        let f = |id: Field, label: &'a str, placeholder: &'a str| {
            input(id, label, placeholder, d.get(id), &d.errors)
        };
        let mut c = column![
            heading("装修申请"),
            f(Field::Unit, "房号", "搜索：5-1-0301、0301、业主姓名"),
        ]
        .spacing(8);
        c = c.push(d.pick.view(
            &self.unit_matches,
            Message::UnitPicked,
            Message::OwnerPicked,
        ));
        c = c
            .push(f(Field::Owner, "申请人（业主）", "上面选择或填写"))
            .push(wide(
                Field::Company,
                "装修单位",
                "公司名称；业主自己找工人写“业主自装”",
                d.get(Field::Company),
                &d.errors,
            ))
            .push(f(
                Field::Licence,
                "营业执照号",
                "统一社会信用代码（可不填）",
            ))
            .push(wide(
                Field::Qualification,
                "资质",
                "例如 建筑装修装饰工程专业承包二级（可不填）",
                d.get(Field::Qualification),
                &d.errors,
            ))
            .push(f(Field::InCharge, "负责人", "现场负责人姓名"))
            .push(f(Field::ContractorPhone, "负责人电话", "手机号"))
            .push(f(Field::Start, "计划开工", "2026-11-05"))
            .push(f(Field::End, "计划完工", "2027-01-05"))
            .push(labelled(
                "装修项目",
                ticks(
                    WorkKind::ALL,
                    &d.kinds,
                    WorkKind::label,
                    Message::KindToggled,
                ),
                d.error(Field::Kinds),
            ))
            .push(wide(
                Field::Note,
                "装修内容",
                "例如 厨卫改水电、客厅吊顶",
                d.get(Field::Note),
                &d.errors,
            ))
            .push(heading("施工人员"));
        for i in 0..d.worker_rows {
            c = c.push(
                row![
                    cell(
                        Field::WorkerName(i),
                        "姓名",
                        d.get(Field::WorkerName(i)),
                        90.0,
                        &d.errors
                    ),
                    cell(
                        Field::WorkerId(i),
                        "身份证号",
                        d.get(Field::WorkerId(i)),
                        190.0,
                        &d.errors
                    ),
                    cell(
                        Field::WorkerPhone(i),
                        "手机号",
                        d.get(Field::WorkerPhone(i)),
                        120.0,
                        &d.errors
                    ),
                    cell(
                        Field::WorkerTrade(i),
                        "工种",
                        d.get(Field::WorkerTrade(i)),
                        80.0,
                        &d.errors
                    ),
                ]
                .spacing(6),
            );
        }
        if d.worker_rows < super::MAX_WORKERS {
            c = c.push(
                button(text("添加工人").size(13))
                    .on_press(Message::AddWorker)
                    .style(button::secondary),
            );
        }
        c.push(labelled(
            "已收资料",
            ticks(Paper::ALL, &d.papers, Paper::label, Message::PaperToggled),
            None,
        ))
        .push(hint("身份证号和电话在屏幕和打印件上只显示前后几位。"))
        .push(save_back("保存申请", Message::SaveApply, Message::Back))
        .into()
    }

    pub(super) fn refund_form<'a>(&'a self, d: &'a super::RefundDraft) -> Element<'a, Message> {
        let deposit = self
            .selected
            .as_ref()
            .map(|s| format!("已缴装修保证金 {}", s.deposit()))
            .unwrap_or_default();
        let mut c = column![
            heading("退还装修保证金"),
            hint(deposit),
            input(Field::Payee, "领款人", "业主姓名", &d.payee, &d.errors),
            labelled(
                "退款方式",
                choice_row(REFUND_METHODS, Some(&d.method), |m: PayMethod| {
                    Message::MethodPicked(m)
                }),
                None,
            ),
        ]
        .spacing(10);
        for (i, (reason, amount)) in d.deductions.iter().enumerate() {
            c = c.push(
                row![
                    text(format!("扣款{}", i + 1))
                        .size(14)
                        .width(Length::Fixed(110.0)),
                    cell(
                        Field::DeductReason(i),
                        "原因，例如 楼道墙面损坏修复",
                        reason,
                        260.0,
                        &d.errors
                    ),
                    cell(Field::DeductAmount(i), "金额", amount, 100.0, &d.errors),
                ]
                .spacing(8),
            );
        }
        if d.deductions.len() < super::MAX_DEDUCTIONS {
            c = c.push(
                button(text("添加扣款").size(13))
                    .on_press(Message::AddDeduction)
                    .style(button::secondary),
            );
        }
        c.push(hint("有扣款的须写明原因，并由客服中心主管会签批准。"))
            .push(wide(
                Field::RefundNote,
                "备注",
                "可不填",
                &d.note,
                &d.errors,
            ))
            .push(save_back(
                "退还并打印退款凭证",
                Message::SaveRefund,
                Message::Back,
            ))
            .into()
    }
}
