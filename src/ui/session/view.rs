//! The screens of [`Session`]: the first supervisor's form, the sign-in screen and the lock
//! screen fill the window; the hand-over and the countersign are drawn in place of the tab.
//! Names are buttons (one click, then the PIN), PINs are secure fields, Enter submits.

use iced::widget::{button, center, column, container, row, text, text_input};
use iced::{Element, Length};

use super::{
    Countersign, Cover, Dialog, FirstDraft, FirstField, HandOver, Locked, Message, NAME_ID,
    NOTE_ID, PHONE_ID, PIN_AGAIN_ID, PIN_ID, Session, SignIn,
};
use crate::domain::access::who_may;
use crate::store::Actor;
use crate::ui::form::form;
use crate::ui::widget::{field, heading, hint, labelled};
use crate::ui::{About, StaffChoice};

/// How wide the sign-in card is.
const CARD: f32 = 560.0;

impl Session {
    /// The screen covering the window, if one is up; `estate` titles it and `me` is the person
    /// signed in (named on the lock screen).
    pub fn cover_view<'a>(
        &'a self,
        estate: &'a str,
        me: Option<&'a Actor>,
    ) -> Option<Element<'a, Message>> {
        let body = match self.cover.as_ref()? {
            Cover::First(d) => first_form(d),
            Cover::SignIn(d) => self.sign_in_form(d),
            Cover::Locked(l) => self.lock_form(l, me),
        };
        let card = column![text(format!("物业客服台 — {estate}")).size(24), body]
            .spacing(20)
            .width(Length::Fixed(CARD));
        Some(
            center(container(card).padding(24).style(container::rounded_box))
                .padding(24)
                .into(),
        )
    }

    /// The dialog drawn in place of the tab, if one is open.
    pub fn dialog_view<'a>(&'a self, me: Option<&'a Actor>) -> Option<Element<'a, Message>> {
        let body = match self.dialog.as_ref()? {
            Dialog::HandOver(h) => self.hand_over_form(h, me),
            Dialog::Countersign(c) => countersign_form(c),
        };
        Some(
            center(
                container(body)
                    .padding(24)
                    .width(Length::Fixed(CARD + 80.0))
                    .style(container::rounded_box),
            )
            .into(),
        )
    }

    fn sign_in_form<'a>(&'a self, d: &'a SignIn) -> Element<'a, Message> {
        let names: Element<'a, Message> = if self.choices.is_empty() {
            hint("没有可以登录的人员：请客服中心主管在“设置 › 人员”中为员工设置PIN。")
        } else {
            names(&self.choices, d.who.as_ref(), None)
        };
        let fields = column![
            heading("登录"),
            hint("输入或点选您的姓名，再输入PIN（4–8位数字）或密码，按回车登录。"),
            name_field(&d.name),
            names,
            pin_field("PIN", &d.pin),
            error(d.error.as_deref()),
            button(text("登录")).on_press(Message::Submit),
        ]
        .spacing(12);
        form(About::form("sign-in"), fields)
            .on_submit(Message::Submit)
            .into()
    }

    fn lock_form<'a>(&'a self, l: &'a Locked, me: Option<&'a Actor>) -> Element<'a, Message> {
        if let Some(h) = &l.hand_over {
            return self.hand_over_form(h, me);
        }
        let who = me.map(Actor::title).unwrap_or_default();
        let fields = column![
            heading("客服台已锁定"),
            text(format!("{who} 已登录。请输入PIN解锁；换人值班请点“换人”。")).size(14),
            pin_field("PIN", &l.pin),
            error(l.error.as_deref()),
            row![
                button(text("解锁")).on_press(Message::Submit),
                button(text("换人"))
                    .on_press(Message::StartHandOver)
                    .style(button::secondary),
            ]
            .spacing(8),
        ]
        .spacing(12);
        form(About::form("unlock"), fields)
            .on_submit(Message::Submit)
            .into()
    }

    fn hand_over_form<'a>(
        &'a self,
        h: &'a HandOver,
        me: Option<&'a Actor>,
    ) -> Element<'a, Message> {
        let from = me.map(Actor::title).unwrap_or_default();
        let fields = column![
            heading("交接班"),
            text(format!("交班人：{from}")).size(14),
            name_field(&h.name),
            labelled("接班人", names(&self.choices, h.next.as_ref(), me), None),
            pin_field("接班人PIN", &h.pin),
            field(
                NOTE_ID,
                "待办事项",
                "未办完的事，可不填",
                &h.note,
                None,
                Message::NoteEdited
            ),
            error(h.error.as_deref()),
            row![
                button(text("确认交接")).on_press(Message::Submit),
                button(text("取消"))
                    .on_press(Message::Cancel)
                    .style(button::secondary),
            ]
            .spacing(8),
        ]
        .spacing(12);
        form(About::form("hand-over"), fields)
            .on_submit(Message::Submit)
            .on_cancel(Message::Cancel)
            .into()
    }
}

fn first_form(d: &FirstDraft) -> Element<'_, Message> {
    let fields = column![
        heading("建立主管账户"),
        hint("这是一个新的数据库：请先建立客服中心主管的账户。主管登录后在“设置 › 人员”中添加其他员工并为他们设置PIN。"),
        field(NAME_ID, "主管姓名", "", &d.name, None, |v| {
            Message::FirstEdited(FirstField::Name, v)
        }),
        field(PHONE_ID, "手机号", "可不填", &d.phone, None, |v| {
            Message::FirstEdited(FirstField::Phone, v)
        }),
        labelled(
            "PIN",
            secure(PIN_ID, "4–8位数字，或8位以上的密码", &d.pin, |v| {
                Message::FirstEdited(FirstField::Pin, v)
            }),
            None
        ),
        labelled(
            "再输一次",
            secure(PIN_AGAIN_ID, "", &d.again, |v| {
                Message::FirstEdited(FirstField::Again, v)
            }),
            None
        ),
        error(d.error.as_deref()),
        button(text("建立账户并登录")).on_press(Message::SetUp),
    ]
    .spacing(12);
    form(About::form("first-supervisor"), fields)
        .on_submit(Message::SetUp)
        .into()
}

fn countersign_form(c: &Countersign) -> Element<'_, Message> {
    let signers: Element<'_, Message> = if c.signers.is_empty() {
        hint(format!(
            "没有可以会签的人员：须由{}签字，且已设置PIN。请客服中心主管在“设置 › 人员”中设置。",
            who_may(c.refusal.action)
        ))
    } else {
        names(&c.signers, c.who.as_ref(), None)
    };
    let fields = column![heading("需要会签"), text(&c.refusal.message).size(14),].spacing(12);
    // With one person who may sign, they are chosen already and the cursor goes to the PIN.
    let fields = if c.signers.len() > 1 {
        fields.push(name_field(&c.name))
    } else {
        fields
    };
    let fields = fields
        .push(labelled("会签人", signers, None))
        .push(pin_field("会签人PIN", &c.pin))
        .push(error(c.error.as_deref()))
        .push(
            row![
                button(text("会签并继续")).on_press(Message::Submit),
                button(text("取消"))
                    .on_press(Message::Cancel)
                    .style(button::secondary),
            ]
            .spacing(8),
        );
    form(About::form("countersign"), fields)
        .on_submit(Message::Submit)
        .on_cancel(Message::Cancel)
        .into()
}

/// One button per person, the chosen one highlighted; `except` (the person handing over) is
/// left out. The buttons wrap as a whole.
fn names<'a>(
    choices: &'a [StaffChoice],
    chosen: Option<&StaffChoice>,
    except: Option<&Actor>,
) -> Element<'a, Message> {
    let mut r = row![].spacing(8);
    for c in choices
        .iter()
        .filter(|c| except.is_none_or(|me| me.id != c.id))
    {
        let b = button(
            text(c.label.as_str())
                .size(14)
                .wrapping(text::Wrapping::None),
        )
        .on_press(Message::Picked(c.clone()));
        r = r.push(if chosen.is_some_and(|w| w.id == c.id) {
            b.style(button::primary)
        } else {
            b.style(button::secondary)
        });
    }
    r.wrap().vertical_spacing(8).into()
}

/// The name typed to choose a person (a click on a name fills it in).
fn name_field(value: &str) -> Element<'_, Message> {
    field(
        NAME_ID,
        "姓名",
        "输入姓名，或点选下面的名字",
        value,
        None,
        Message::NameTyped,
    )
}

/// The form's PIN field (one per screen, so one id).
fn pin_field<'a>(label: &'a str, value: &'a str) -> Element<'a, Message> {
    labelled(label, secure(PIN_ID, "", value, Message::PinEdited), None)
}

fn secure<'a>(
    id: &'static str,
    placeholder: &'a str,
    value: &'a str,
    on_input: impl Fn(String) -> Message + 'a,
) -> Element<'a, Message> {
    text_input(placeholder, value)
        .id(id)
        .secure(true)
        .on_input(on_input)
        .padding(6)
        .width(Length::Fixed(260.0))
        .into()
}

/// The form's message, red, or nothing (an empty column keeps the fields in place).
fn error(message: Option<&str>) -> Element<'_, Message> {
    match message {
        Some(m) => column![text(m).size(14).style(text::danger)].into(),
        None => column![].into(),
    }
}
