//! The 物品放行 screen: passes on the left, the new-pass form or the chosen pass on the right.

use iced::widget::{button, checkbox, column, row, table, text, text_input};
use iced::{Alignment, Element, Length};

use super::draft::{DraftField, ITEM_NAME_IDS, ITEM_QTY_IDS, PassDraft, can_add_item};
use super::{Editor, Gate, Message, OVERRIDE_REASON_ID, Selected, VOID_REASON_ID};
use crate::domain::access::{Action, who_may};
use crate::domain::date::{table_date, table_datetime};
use crate::domain::item_pass::{ApplicantKind, Arrears, PassReason, PassStatus};
use crate::store::PassRecord;
use crate::ui::form::form;
use crate::ui::widget::{field, heading, hint, labelled, master_detail, scroll};

/// A button whose label stays on one line: a row of them wraps as whole buttons instead.
fn one_line(label: String) -> iced::widget::Text<'static> {
    text(label)
        .size(13)
        .wrapping(iced::widget::text::Wrapping::None)
}

impl Gate {
    /// The tab.
    pub fn view(&self) -> Element<'_, Message> {
        let about = self.on_screen();
        let right: Element<'_, Message> = match (&self.editor, &self.selected) {
            (Some(Editor::New(d)), _) => form(about, draft_form(d))
                .on_submit(Message::Save)
                .on_cancel(Message::Cancel)
                .into(),
            (Some(Editor::Override { reason }), Some(s)) => form(about, override_form(s, reason))
                .on_submit(Message::Save)
                .on_cancel(Message::Cancel)
                .into(),
            (Some(Editor::Void(reason)), Some(s)) => form(about, void_form(s, reason))
                .on_submit(Message::Save)
                .on_cancel(Message::Cancel)
                .into(),
            (None, Some(s)) => self.detail(s),
            (Some(_), None) | (None, None) => hint("在左边选择一张放行条，或点击“新建放行条”。"),
        };
        master_detail(self.list_panel(), right, self.message())
    }

    fn list_panel(&self) -> Element<'_, Message> {
        let filter = |label: &'static str, f: Option<PassStatus>| {
            let b = button(text(label).size(13)).padding([4, 10]);
            if !self.guard_view && self.filter == f {
                b.style(button::primary).on_press(Message::Filter(f))
            } else {
                b.style(button::secondary).on_press(Message::Filter(f))
            }
        };
        let guard = button(text("门岗：今日放行").size(13)).padding([4, 10]);
        let guard = if self.guard_view {
            guard
                .style(button::primary)
                .on_press(Message::GuardView(true))
        } else {
            guard
                .style(button::secondary)
                .on_press(Message::GuardView(true))
        };
        let filters = row![
            filter("全部", None),
            filter("待确认", Some(PassStatus::Pending)),
            filter("已批准", Some(PassStatus::Approved)),
            filter("已放行", Some(PassStatus::Released)),
            guard,
        ]
        .spacing(6);
        let actions = row![
            button(text("新建放行条")).on_press(Message::New),
            button(text("打印本月物品出入登记表"))
                .on_press(Message::PrintRegister)
                .style(button::secondary),
        ]
        .spacing(8);
        let selected = self.selected.as_ref().map(|s| s.pass.id);
        let guard_view = self.guard_view;
        let columns = [
            table::column(text("编号").size(14), move |p: &PassRecord| {
                let b = button(text(p.number.to_string()).size(14))
                    .padding([2, 6])
                    .on_press(Message::Select(p.id));
                if Some(p.id) == selected {
                    b.style(button::primary)
                } else {
                    b.style(button::text)
                }
            }),
            table::column(text("房号").size(14), |p: &PassRecord| {
                text(
                    p.pass
                        .unit
                        .map(|a| a.short())
                        .unwrap_or_else(|| "公用".into()),
                )
                .size(14)
            }),
            table::column(text("申请人").size(14), |p: &PassRecord| {
                text(p.pass.applicant.as_str()).size(14)
            }),
            table::column(text("放行日期").size(14), |p: &PassRecord| {
                text(table_date(p.pass.planned)).size(14)
            }),
            table::column(text("车牌").size(14), |p: &PassRecord| {
                text(
                    p.pass
                        .vehicle
                        .as_ref()
                        .map(|v| v.plate.to_string())
                        .unwrap_or_default(),
                )
                .size(14)
            }),
            table::column(
                text("状态").size(14),
                move |p: &PassRecord| -> Element<'_, Message> {
                    if guard_view {
                        // The guard opens the pass to confirm the signature before letting it out.
                        button(one_line("核对放行".into()))
                            .on_press(Message::Select(p.id))
                            .into()
                    } else {
                        text(p.status.label()).size(14).into()
                    }
                },
            ),
        ];
        let list: Element<'_, Message> = if self.list.is_empty() {
            hint(if self.guard_view {
                "今天没有已批准待放行的放行条。"
            } else {
                "还没有放行条。"
            })
        } else {
            scroll(
                table(
                    columns.map(|c| c.align_y(Alignment::Center)),
                    self.list.iter(),
                )
                .padding_y(2),
            )
            .height(Length::Fill)
            .into()
        };
        column![heading("物品放行"), actions, filters, list]
            .spacing(10)
            .into()
    }

    fn detail<'a>(&'a self, s: &'a Selected) -> Element<'a, Message> {
        let p = &s.pass;
        let pass = &p.pass;
        let items = pass
            .items
            .iter()
            .map(|i| format!("{}×{}", i.name, i.quantity))
            .collect::<Vec<_>>()
            .join("、");
        let vehicle = match &pass.vehicle {
            Some(v) => format!(
                "车牌 {}　司机 {}　证件 {}",
                v.plate,
                v.driver,
                v.driver_doc.masked()
            ),
            None => "无车辆（人工搬运）".into(),
        };
        let mut col = column![
            text(format!("放行条 {}", p.number)).size(18),
            text(format!(
                "{}　·　{}（{}）　·　{}",
                pass.unit
                    .map(|a| a.to_string())
                    .unwrap_or_else(|| "公用物品".into()),
                pass.applicant,
                pass.kind.label(),
                pass.phone.masked()
            ))
            .size(15),
            text(format!(
                "事由：{}　放行日期：{}　状态：{}",
                pass.reason.label(),
                table_date(pass.planned),
                p.status.label()
            ))
            .size(14),
            text(format!("物品：{items}")).size(14),
            text(vehicle).size(14),
        ]
        .spacing(8);
        if !pass.authorisation.is_empty() {
            col = col.push(text(format!("业主授权：{}", pass.authorisation)).size(14));
        }
        if pass.kind == ApplicantKind::PublicProperty {
            col = col.push(
                text(format!(
                    "外运证明：{} 开具，{}",
                    pass.certificate_issuer, pass.certificate
                ))
                .size(14),
            );
        }
        if pass.kind.needs_fees_sign_off() {
            let arrears = match s.arrears {
                Arrears::Unknown => "欠费情况：未接入收费记录，须客户服务员核实签字".to_string(),
                Arrears::Settled => "欠费情况：收费记录显示已结清".to_string(),
                Arrears::Owing(f) => format!("欠费情况：欠费 {f}，须主管特批"),
            };
            col = col.push(text(arrears).size(14));
            let fees = match &p.fees {
                Some(f) => format!(
                    "费用结清：{}（{}）已确认 {}",
                    f.by_name,
                    f.role.label(),
                    table_datetime(f.at)
                ),
                None => "费用结清：尚未确认".into(),
            };
            col = col.push(text(fees).size(14));
        } else {
            col = col.push(text("公用物品凭外运证明放行，无需费用结清确认").size(14));
        }
        if let Some(o) = &p.override_ {
            col = col.push(text(format!("主管特批：{}，{}", o.by_name, o.reason)).size(14));
        }
        for (label, stamp) in [
            ("批准人", &p.approved),
            ("签字核对", &p.signature_checked),
            ("放行", &p.released),
            ("作废", &p.voided),
        ] {
            if let Some(st) = stamp {
                col = col
                    .push(text(format!("{label}：{} {}", st.name, table_datetime(st.at))).size(14));
            }
        }
        if p.status == PassStatus::Pending {
            if pass.kind.needs_fees_sign_off() {
                col = col.push(sign_off_button(p.fees.is_none()));
            }
            let mut approve = row![button(text("批准")).on_press(Message::Approve)].spacing(8);
            if matches!(s.arrears, Arrears::Owing(_)) && pass.kind.needs_fees_sign_off() {
                approve = approve.push(
                    button(text("主管特批…"))
                        .on_press(Message::StartOverride)
                        .style(button::secondary),
                );
            }
            col = col.push(approve);
        }
        if p.status == PassStatus::Approved {
            // 由业主签字后方可放行: the guard ticks it having seen the signature.
            let signer = pass.kind.release_signer();
            col = col.push(
                checkbox(self.signed)
                    .label(format!("{signer}已在放行条上签字（值岗人员核对）"))
                    .on_toggle(Message::Signed),
            );
        }
        let mut actions = row![
            button(text("打印放行条"))
                .on_press(Message::PrintPass)
                .style(button::secondary)
        ]
        .spacing(8);
        if p.status == PassStatus::Approved {
            actions = actions.push(button(text("放行")).on_press(Message::Release(p.id)));
        }
        if p.status.can_void() {
            actions = actions.push(
                button(text("作废…"))
                    .on_press(Message::StartVoid)
                    .style(button::danger),
            );
        }
        col.push(actions).into()
    }
}

/// 费用结清确认, signed by the person signed in; someone without the role is asked for the
/// countersign of the building's service officer or the supervisor.
fn sign_off_button(open: bool) -> Element<'static, Message> {
    column![
        button(one_line("费用结清确认".into()))
            .style(button::secondary)
            .on_press_maybe(open.then_some(Message::SignOff)),
        hint(format!(
            "由{}确认签字；其他人点击时请其输入PIN会签。",
            who_may(Action::PassFeesSignOff)
        )),
    ]
    .spacing(6)
    .into()
}

fn override_form<'a>(s: &'a Selected, reason: &'a str) -> Element<'a, Message> {
    let owed = match s.arrears {
        Arrears::Owing(f) => format!("欠费 {f}"),
        _ => String::new(),
    };
    column![
        heading("主管特批"),
        text(format!("放行条 {}　{owed}", s.pass.number)).size(14),
        hint(format!(
            "须由{}特批；其他人保存时请主管输入PIN会签。",
            who_may(Action::PassOverride)
        )),
        field(
            OVERRIDE_REASON_ID,
            "特批理由",
            "写明为何欠费仍放行",
            reason,
            None,
            Message::OverrideReason,
        ),
        row![
            button(text("特批并批准")).on_press(Message::Save),
            button(text("取消"))
                .on_press(Message::Cancel)
                .style(button::secondary),
        ]
        .spacing(8),
    ]
    .spacing(8)
    .into()
}

fn void_form<'a>(s: &'a Selected, reason: &'a str) -> Element<'a, Message> {
    column![
        heading("作废放行条"),
        text(format!("放行条 {}", s.pass.number)).size(14),
        field(
            VOID_REASON_ID,
            "作废原因",
            "例如 业主改期，重新开具",
            reason,
            None,
            Message::VoidReason,
        ),
        row![
            button(text("确认作废"))
                .on_press(Message::Save)
                .style(button::danger),
            button(text("取消"))
                .on_press(Message::Cancel)
                .style(button::secondary),
        ]
        .spacing(8),
    ]
    .spacing(8)
    .into()
}

/// A row of buttons, one per value, the chosen one highlighted.
fn choices<'a, T>(all: &'a [T], chosen: T, on: fn(T) -> Message) -> Element<'a, Message>
where
    T: Copy + PartialEq + std::fmt::Display + 'a,
{
    all.iter()
        .fold(row![].spacing(6), |r, &v| {
            let b = button(text(v.to_string()).size(13)).padding([4, 10]);
            r.push(if v == chosen {
                b.style(button::primary).on_press(on(v))
            } else {
                b.style(button::secondary).on_press(on(v))
            })
        })
        .into()
}

fn draft_form(d: &PassDraft) -> Element<'_, Message> {
    let f = |field_: DraftField, label: &'static str, placeholder: &'static str| {
        field(
            field_.id(),
            label,
            placeholder,
            d.get(field_),
            d.error(field_),
            move |v| Message::Edited(field_, v),
        )
    };
    let mut col = column![
        heading("新建放行条"),
        labelled(
            "申请人类型",
            choices(ApplicantKind::ALL, d.kind, Message::KindPicked),
            None
        ),
        f(DraftField::Unit, "房号", "3-2-1502"),
        f(DraftField::Applicant, "申请人", "姓名"),
        f(DraftField::Phone, "电话", "手机号"),
    ]
    .spacing(8);
    if matches!(d.kind, ApplicantKind::Tenant | ApplicantKind::Contractor) {
        col = col.push(f(
            DraftField::Authorisation,
            "业主授权",
            "授权人、日期，例如 业主王建国书面授权",
        ));
    }
    if d.kind == ApplicantKind::PublicProperty {
        col = col
            .push(f(
                DraftField::CertificateIssuer,
                "证明开具单位",
                "物品所有单位，例如 物业工程部",
            ))
            .push(f(DraftField::Certificate, "外运证明", "证明编号或说明"));
    }
    col = col.push(labelled(
        "事由",
        choices(PassReason::ALL, d.reason, Message::ReasonPicked),
        None,
    ));
    if d.reason == PassReason::Other {
        col = col.push(f(DraftField::ReasonNote, "事由说明", ""));
    }
    col = col.push(text("物品（名称、数量）").size(14));
    for (i, (name, qty)) in d.items.iter().enumerate() {
        let (Some(name_id), Some(qty_id)) = (ITEM_NAME_IDS.get(i), ITEM_QTY_IDS.get(i)) else {
            break;
        };
        col = col.push(
            row![
                text_input("物品名称", name)
                    .id(*name_id)
                    .on_input(move |v| Message::ItemName(i, v))
                    .padding(6)
                    .width(Length::Fixed(220.0)),
                text_input("数量", qty)
                    .id(*qty_id)
                    .on_input(move |v| Message::ItemQty(i, v))
                    .padding(6)
                    .width(Length::Fixed(70.0)),
                button(text("删除").size(13))
                    .on_press_maybe((d.items.len() > 1).then_some(Message::RemoveItem(i)))
                    .style(button::text),
            ]
            .spacing(8)
            .align_y(Alignment::Center),
        );
    }
    col = col.push(
        button(text("添加物品").size(13))
            .on_press_maybe(can_add_item(d).then_some(Message::AddItem))
            .style(button::secondary),
    );
    if let Some(e) = &d.items_error {
        col = col.push(text(e).size(13).style(text::danger));
    }
    col = col
        .push(f(DraftField::Plate, "车牌号", "豫A12345（无车辆可不填）"))
        .push(f(DraftField::Driver, "司机姓名", ""))
        .push(f(DraftField::DriverDoc, "驾驶证/身份证号", "18位"))
        .push(f(DraftField::Planned, "放行日期", "2026-11-29"))
        .push(
            row![
                button(text("保存")).on_press(Message::Save),
                button(text("取消"))
                    .on_press(Message::Cancel)
                    .style(button::secondary),
            ]
            .spacing(8),
        );
    col.into()
}
