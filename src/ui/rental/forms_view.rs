//! The forms of the rental tab: 委托代租, 登记看房, 签订租约, 退租, 撤回委托.

use iced::widget::column;
use iced::{Element, Length};

use super::drafts::{EntrustDraft, Field};
use super::steps::{EndDraft, LeaseDraft, ViewingDraft};
use super::{Message, Rental};
use crate::domain::rental::{PaymentCycle, Purpose, ViewingOutcome};
use crate::ui::StaffChoice;
use crate::ui::form::form;
use crate::ui::widget::{choice_row, field, heading, hint, labelled, save_back, wide_field};

/// A text field of the tab: its id, label and placeholder, its value and message.
fn input<'a>(
    f: Field,
    label: &'a str,
    placeholder: &'a str,
    value: &'a str,
    error: Option<&'a str>,
) -> Element<'a, Message> {
    field(f.id(), label, placeholder, value, error, move |v| {
        Message::Edited(f, v)
    })
}

fn wide<'a>(
    f: Field,
    label: &'a str,
    placeholder: &'a str,
    value: &'a str,
    error: Option<&'a str>,
) -> Element<'a, Message> {
    wide_field(420.0, f.id(), label, placeholder, value, error, move |v| {
        Message::Edited(f, v)
    })
}

impl Rental {
    pub(super) fn entrust_form<'a>(&'a self, d: &'a EntrustDraft) -> Element<'a, Message> {
        let f = |id: Field, label: &'a str, placeholder: &'a str| {
            input(id, label, placeholder, d.get(id), d.error(id))
        };
        let mut c = column![
            heading("委托代租"),
            f(Field::Unit, "房号", "搜索：7-2-1901、1901、业主姓名"),
        ]
        .spacing(10);
        c = c.push(d.pick.view(
            &self.unit_matches,
            Message::UnitPicked,
            Message::OwnerPicked,
        ));
        c = c
            .push(f(Field::Owner, "委托人", "业主姓名（上面选择或填写）"))
            .push(f(Field::AskingRent, "期望月租金", "例如 3000"))
            .push(f(Field::DepositTerms, "押金方式", "例如 押一付三"))
            .push(wide(
                Field::Furnishings,
                "家具家电",
                "例如 空调2台、冰箱、洗衣机、床2张；没有写“无”",
                d.get(Field::Furnishings),
                d.error(Field::Furnishings),
            ))
            .push(f(Field::Available, "可入住日期", "2026-12-01"))
            .push(f(Field::PeriodFrom, "委托开始", "2026-12-01"))
            .push(f(Field::PeriodTo, "委托结束", "2027-11-30"))
            .push(f(
                Field::Commission,
                "代租佣金",
                "月租的百分比 50%，或金额 1500",
            ))
            .push(f(Field::Bank, "开户银行", "业主收租金的银行（可不填）"))
            .push(f(Field::Holder, "户名", "账户持有人"))
            .push(f(Field::Account, "账号", "屏幕和协议上只显示前后四位"))
            .push(wide(
                Field::Note,
                "备注",
                "例如 业主要求不养宠物",
                d.get(Field::Note),
                d.error(Field::Note),
            ))
            .push(hint(
                "佣金在签约时按实际月租计算（四舍五入到分），计入该房屋的收费管理账户。",
            ))
            .push(save_back("保存委托", Message::SaveEntrust, Message::Back));
        form(self.on_screen(), c)
            .on_submit(Message::SaveEntrust)
            .on_cancel(Message::Back)
            .into()
    }

    pub(super) fn viewing_form<'a>(&'a self, d: &'a ViewingDraft) -> Element<'a, Message> {
        let staff = d.staff.as_ref().map(|(id, name)| StaffChoice {
            id: *id,
            label: name.clone(),
        });
        let c = column![
            heading("登记看房"),
            input(
                Field::Visitor,
                "看房人",
                "姓名",
                &d.visitor,
                d.error(Field::Visitor)
            ),
            input(
                Field::VisitorPhone,
                "联系电话",
                "手机号（可不填）",
                &d.phone,
                d.error(Field::VisitorPhone)
            ),
            input(
                Field::ViewedAt,
                "看房时间",
                "2026-11-30 10:00",
                &d.at,
                d.error(Field::ViewedAt)
            ),
            labelled(
                "陪同人员",
                choice_row(&self.staff, staff.as_ref(), Message::StaffPicked),
                d.error(Field::Staff),
            ),
            labelled(
                "结果",
                choice_row(
                    ViewingOutcome::ALL,
                    d.outcome.as_ref(),
                    Message::OutcomePicked
                ),
                None,
            ),
            wide(
                Field::ViewingNote,
                "备注",
                "例如 嫌租金高，考虑两天",
                &d.note,
                d.error(Field::ViewingNote)
            ),
            save_back("保存看房记录", Message::SaveViewing, Message::Back),
        ]
        .spacing(10);
        form(self.on_screen(), c)
            .on_submit(Message::SaveViewing)
            .on_cancel(Message::Back)
            .into()
    }

    pub(super) fn lease_form<'a>(&'a self, d: &'a LeaseDraft) -> Element<'a, Message> {
        let f = |id: Field, label: &'a str, placeholder: &'a str| {
            input(id, label, placeholder, d.get(id), d.error(id))
        };
        let period = self.selected.as_ref().map(|s| {
            format!(
                "委托期限 {}至{}；佣金 {}",
                crate::domain::date::paper_date(s.entrustment.period_from),
                crate::domain::date::paper_date(s.entrustment.period_to),
                s.entrustment.commission.describe()
            )
        });
        let c = column![
            heading("签订租约"),
            f(Field::Tenant, "承租人", "姓名"),
            f(Field::IdNumber, "身份证号", "18位，派出所登记需要"),
            f(Field::Phone, "联系电话", "手机号"),
            f(Field::Occupants, "居住人数", "含承租人"),
            labelled(
                "用途",
                choice_row(Purpose::ALL, d.purpose.as_ref(), Message::PurposePicked),
                None,
            ),
            f(Field::Rent, "月租金", "例如 3000"),
            f(Field::Deposit, "押金", "例如 3000"),
            labelled(
                "付款方式",
                choice_row(PaymentCycle::ALL, d.cycle.as_ref(), Message::CyclePicked),
                None,
            ),
            f(Field::Start, "起租日", "2026-12-01"),
            f(Field::End, "到期日", "2027-11-30"),
            hint(period.unwrap_or_default()),
            hint("签约后：承租人登记为该房屋的租户，房屋状态改为出租，佣金计入收费管理。"),
            save_back("签约", Message::SaveLease, Message::Back),
        ]
        .spacing(10)
        .width(Length::Shrink);
        form(self.on_screen(), c)
            .on_submit(Message::SaveLease)
            .on_cancel(Message::Back)
            .into()
    }

    pub(super) fn end_form<'a>(&'a self, d: &'a EndDraft) -> Element<'a, Message> {
        let ends = self
            .selected
            .as_ref()
            .and_then(|s| s.running())
            .map(|l| crate::domain::date::paper_date(l.lease.ends_on))
            .unwrap_or_default();
        let c = column![
            heading("退租"),
            hint(format!("租约到期日 {ends}；在此之前退租须写明原因。")),
            input(
                Field::EndOn,
                "退租日期",
                "租户搬离的日期",
                &d.on,
                d.error(Field::EndOn)
            ),
            wide(
                Field::Reason,
                "原因",
                "到期退租可不填；提前退租例如 工作调动",
                &d.reason,
                d.error(Field::Reason)
            ),
            hint("退租后：租户移出当前住户（房屋历史中保留），房屋恢复签约前的状态，重新待租。"),
            save_back("确认退租", Message::SaveEnd, Message::Back),
        ]
        .spacing(10);
        form(self.on_screen(), c)
            .on_submit(Message::SaveEnd)
            .on_cancel(Message::Back)
            .into()
    }

    pub(super) fn withdraw_form<'a>(&'a self, d: &'a EndDraft) -> Element<'a, Message> {
        let c = column![
            heading("撤回委托"),
            wide(
                Field::Reason,
                "原因",
                "例如 业主收回自住",
                &d.reason,
                d.error(Field::Reason)
            ),
            save_back("确认撤回", Message::SaveWithdraw, Message::Back),
        ]
        .spacing(10);
        form(self.on_screen(), c)
            .on_submit(Message::SaveWithdraw)
            .on_cancel(Message::Back)
            .into()
    }
}
