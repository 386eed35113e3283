//! The forms of the renovation tab, each a keyboard form (Tab, Enter saves, Esc goes back):
//! 装修申请, 收资料, 二次验房, 业主确认, 施工阶段, 巡查, 复查, 完工, 初验/复验, 退还保证金, 撤销.

use iced::widget::{button, checkbox, column, row, text, text_input};
use iced::{Alignment, Element, Length};

use super::drafts::{Errors, Field};
use super::{Message, Panel, Renovation};
use crate::domain::renovation::{Paper, Stage, Violation, WorkKind};
use crate::ui::form::form;
use crate::ui::widget::{choice_row, field, heading, hint, labelled, save_back, wide_field};

/// The messages of a form that has none of its own.
pub(super) static NO_ERRORS: std::sync::LazyLock<Errors> = std::sync::LazyLock::new(Errors::new);

/// A text field of the tab.
pub(super) fn input<'a>(
    f: Field,
    label: &'a str,
    placeholder: &'a str,
    value: &'a str,
    errors: &'a Errors,
) -> Element<'a, Message> {
    field(
        f.id(),
        label,
        placeholder,
        value,
        errors.get(&f).map(String::as_str),
        move |v| Message::Edited(f, v),
    )
}

/// A wide text field of the tab.
pub(super) fn wide<'a>(
    f: Field,
    label: &'a str,
    placeholder: &'a str,
    value: &'a str,
    errors: &'a Errors,
) -> Element<'a, Message> {
    wide_field(
        420.0,
        f.id(),
        label,
        placeholder,
        value,
        errors.get(&f).map(String::as_str),
        move |v| Message::Edited(f, v),
    )
}

/// A small field in a row (a worker's, a deduction's), with its message under it.
pub(super) fn cell<'a>(
    f: Field,
    placeholder: &'a str,
    value: &'a str,
    width: f32,
    errors: &'a Errors,
) -> Element<'a, Message> {
    let mut c = column![
        text_input(placeholder, value)
            .id(f.id())
            .on_input(move |v| Message::Edited(f, v))
            .padding(5)
            .width(Length::Fixed(width))
    ]
    .spacing(2);
    if let Some(e) = errors.get(&f) {
        c = c.push(
            text(e)
                .size(12)
                .style(text::danger)
                .width(Length::Fixed(width)),
        );
    }
    c.into()
}

/// A `■`-ticked row of toggles.
pub(super) fn ticks<'a, T: Copy + PartialEq + 'a>(
    all: &'a [T],
    ticked: &[T],
    label: impl Fn(T) -> &'static str,
    on: fn(T) -> Message,
) -> Element<'a, Message> {
    let mut r = row![].spacing(10);
    for &k in all {
        r = r.push(
            checkbox(ticked.contains(&k))
                .label(label(k))
                .on_toggle(move |_| on(k)),
        );
    }
    r.wrap().into()
}

/// 无违规 or a violation, for the patrol's choice row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Found(Option<Violation>);

impl std::fmt::Display for Found {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.0.map_or("无违规", |v| v.label()))
    }
}

/// 合格 / 不合格 (已整改 / 未整改), for the choice rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Verdict(bool, &'static str, &'static str);

impl std::fmt::Display for Verdict {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(if self.0 { self.1 } else { self.2 })
    }
}

impl Renovation {
    /// The open form.
    pub(super) fn form_view(&self) -> Element<'_, Message> {
        let (content, submit): (Element<'_, Message>, Message) = match &self.panel {
            Panel::Detail => return hint(""),
            Panel::Apply(d) => (self.apply_form(d), Message::SaveApply),
            Panel::Papers(d) => (
                column![
                    heading("收资料"),
                    ticks(Paper::ALL, &d.papers, Paper::label, Message::PaperToggled),
                    input(Field::PapersOn, "收到日期", "2026-11-02", &d.on, &d.errors),
                    save_back("保存", Message::SavePapers, Message::Back),
                ]
                .spacing(10)
                .into(),
                Message::SavePapers,
            ),
            Panel::Inspection(d) => {
                let mut c = column![
                    heading("二次验房"),
                    hint("不合格的项目取消勾选并写明问题：保存后自动转为报修单，修好后业主确认。"),
                    input(
                        Field::PatrolAt,
                        "验房时间",
                        "2026-11-02 10:00",
                        &d.at,
                        &d.errors
                    ),
                ]
                .spacing(6);
                let standard = crate::domain::renovation::STANDARD_ITEMS.len();
                for (i, (name, ok, note)) in d.items.iter().enumerate() {
                    let title: Element<'_, Message> = if i < standard {
                        text(name.as_str())
                            .size(14)
                            .width(Length::Fixed(110.0))
                            .into()
                    } else {
                        cell(Field::ItemName(i), "其他项目", name, 110.0, &d.errors)
                    };
                    let mut line = row![
                        title,
                        checkbox(*ok)
                            .label("合格")
                            .on_toggle(move |v| Message::ItemPassed(i, v)),
                    ]
                    .spacing(8)
                    .align_y(Alignment::Center);
                    if !ok {
                        line = line.push(cell(
                            Field::ItemNote(i),
                            "问题，例如 卫生间闭水24小时后楼下渗水",
                            note,
                            320.0,
                            &d.errors,
                        ));
                    }
                    c = c.push(line);
                }
                c = c
                    .push(
                        button(text("添加验房项目").size(13))
                            .on_press(Message::AddItem)
                            .style(button::secondary),
                    )
                    .push(save_back(
                        "保存验房结果",
                        Message::SaveInspection,
                        Message::Back,
                    ));
                (c.into(), Message::SaveInspection)
            }
            Panel::OwnerAccepts(note) => (
                column![
                    heading("业主确认验房"),
                    hint("验房发现的问题维修完成（或业主接受现状）后，由业主确认。"),
                    wide(
                        Field::Note,
                        "备注",
                        "例如 卫生间已重做防水，业主确认",
                        note,
                        &NO_ERRORS
                    ),
                    save_back("业主确认", Message::SaveOwnerAccepts, Message::Back),
                ]
                .spacing(10)
                .into(),
                Message::SaveOwnerAccepts,
            ),
            Panel::Phase(d) => {
                let rule = d
                    .kind
                    .map(|k| format!("巡查频次：{}", k.patrol_rule().label()))
                    .unwrap_or_default();
                let mut c = column![
                    heading("施工阶段"),
                    labelled(
                        "施工项目",
                        choice_row(WorkKind::ALL, d.kind.as_ref(), Message::PhasePicked),
                        None,
                    ),
                    hint(rule),
                    input(
                        Field::PhaseStart,
                        "开始日期",
                        "2026-11-05",
                        &d.start,
                        &d.errors
                    ),
                ]
                .spacing(10);
                if d.kind == Some(WorkKind::Installation) {
                    c = c.push(input(
                        Field::InstallDay,
                        "安装日期",
                        "安装当天巡查",
                        &d.install,
                        &d.errors,
                    ));
                }
                c = c.push(save_back("保存", Message::SavePhase, Message::Back));
                (c.into(), Message::SavePhase)
            }
            Panel::Patrol(d) => {
                let found: Vec<Found> = std::iter::once(Found(None))
                    .chain(Violation::ALL.iter().map(|v| Found(Some(*v))))
                    .collect();
                let mut c = column![
                    heading("装修巡查"),
                    input(
                        Field::PatrolAt,
                        "巡查时间",
                        "2026-11-06 10:00",
                        &d.at,
                        &d.errors
                    ),
                    labelled("违规", found_row(found, Found(d.violation)), None,),
                    wide(
                        Field::Findings,
                        "巡查情况",
                        "例如 卫生间私拉电线，未装漏电保护",
                        &d.findings,
                        &d.errors
                    ),
                ]
                .spacing(10);
                if let Some(v) = d.violation {
                    c = c
                        .push(input(
                            Field::RecheckOn,
                            "复查日期",
                            "2026-11-09",
                            &d.recheck,
                            &d.errors,
                        ))
                        .push(hint(format!(
                            "保存后打印整改通知书：{}",
                            crate::forms::requirement(v)
                        )));
                }
                c = c.push(save_back("保存巡查", Message::SavePatrol, Message::Back));
                (c.into(), Message::SavePatrol)
            }
            Panel::Recheck(d) => {
                let options = [Verdict(true, "已整改", ""), Verdict(false, "", "未整改")];
                let picked = d.passed.map(|p| options[usize::from(!p)]);
                let mut c = column![
                    heading("整改复查"),
                    hint(format!("整改通知第 {} 号", d.seq)),
                    labelled(
                        "结果",
                        verdict_row(options, picked, Message::RecheckPassed),
                        None,
                    ),
                    wide(
                        Field::RecheckNote,
                        "说明",
                        "例如 已改为穿管敷设并装漏电保护",
                        &d.note,
                        &d.errors
                    ),
                ]
                .spacing(10);
                if d.passed == Some(false) {
                    c = c.push(input(
                        Field::RecheckOn,
                        "下次复查",
                        "2026-11-12",
                        &d.next,
                        &d.errors,
                    ));
                }
                c = c.push(save_back("保存复查", Message::SaveRecheck, Message::Back));
                (c.into(), Message::SaveRecheck)
            }
            Panel::Finish(on) => (
                column![
                    heading("完工"),
                    hint("施工结束后登记完工，巡查停止，接着初验。"),
                    input(Field::FinishedOn, "完工日期", "2026-12-20", on, &NO_ERRORS),
                    save_back("确认完工", Message::SaveFinish, Message::Back),
                ]
                .spacing(10)
                .into(),
                Message::SaveFinish,
            ),
            Panel::Acceptance(d) => {
                let initial = self.at_stage(Stage::Initial) || self.at_stage(Stage::InitialRectify);
                let title = if initial { "初验" } else { "复验" };
                let options = [Verdict(true, "合格", ""), Verdict(false, "", "不合格")];
                let picked = d.passed.map(|p| options[usize::from(!p)]);
                (
                    column![
                        heading(title),
                        labelled(
                            "结果",
                            verdict_row(options, picked, Message::AcceptancePassed),
                            None,
                        ),
                        wide(
                            Field::AcceptNote,
                            "验收情况",
                            "例如 墙面、水电、公共部位无损坏",
                            &d.findings,
                            &d.errors
                        ),
                        save_back("保存验收结果", Message::SaveAcceptance, Message::Back),
                    ]
                    .spacing(10)
                    .into(),
                    Message::SaveAcceptance,
                )
            }
            Panel::Refund(d) => (self.refund_form(d), Message::SaveRefund),
            Panel::Cancel(reason) => (
                column![
                    heading("撤销申请"),
                    wide(
                        Field::Reason,
                        "原因",
                        "例如 业主暂不装修",
                        reason,
                        &NO_ERRORS
                    ),
                    save_back("确认撤销", Message::SaveCancel, Message::Back),
                ]
                .spacing(10)
                .into(),
                Message::SaveCancel,
            ),
        };
        form(self.on_screen(), content)
            .on_submit(submit)
            .on_cancel(Message::Back)
            .into()
    }
}

fn found_row<'a>(options: Vec<Found>, picked: Found) -> Element<'a, Message> {
    let mut r = row![].spacing(6);
    for o in options {
        let b = button(text(o.to_string()).size(14))
            .padding([4, 10])
            .on_press(Message::ViolationPicked(o.0));
        r = r.push(if o == picked {
            b.style(button::primary)
        } else {
            b.style(button::secondary)
        });
    }
    r.wrap().into()
}

fn verdict_row<'a>(
    options: [Verdict; 2],
    picked: Option<Verdict>,
    on: fn(bool) -> Message,
) -> Element<'a, Message> {
    let mut r = row![].spacing(6);
    for o in options {
        let b = button(text(o.to_string()).size(14))
            .padding([4, 10])
            .on_press(on(o.0));
        r = r.push(if Some(o) == picked {
            b.style(button::primary)
        } else {
            b.style(button::secondary)
        });
    }
    r.into()
}
