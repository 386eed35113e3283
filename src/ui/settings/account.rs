//! 设置's accounts: a PIN set or reset for the person chosen with 编辑 (the supervisor's to do)
//! or changed for oneself, and the idle time after which the desk locks.

use iced::widget::{button, column, text, text_input};
use iced::{Element, Length};

use super::{Message, Settings};
use crate::domain::staff::StaffId;
use crate::store::{MAX_IDLE_LOCK_MINUTES, Store};
use crate::ui::form::form;
use crate::ui::widget::{field, heading, hint, labelled};
use crate::ui::{About, Action, Ctx};

/// The idle-lock form.
pub const IDLE_LOCK: About = About::form("idle-lock");
/// The id of the idle-lock minutes field.
pub const IDLE_ID: &str = "idle-lock-minutes";
/// The id of the new PIN field.
pub const PIN_ID: &str = "staff-pin";
/// The id of the new PIN's second field.
pub const PIN_AGAIN_ID: &str = "staff-pin-again";

impl Settings {
    /// Reloads who has a PIN, who is signed in and the idle time.
    pub(super) fn load_accounts(&mut self, store: &Store) {
        self.has_pin = self
            .staff
            .iter()
            .filter(|s| store.has_secret(s.id).unwrap_or(false))
            .map(|s| s.id)
            .collect();
        self.me = store.signed_in().map(|a| (a.id, a.name.clone()));
        if let Ok(m) = store.idle_lock_minutes() {
            self.idle_saved = m;
            if self.idle.is_empty() {
                self.idle = m.to_string();
            }
        }
    }

    /// Whether `id` has a PIN.
    pub(super) fn has_pin(&self, id: StaffId) -> bool {
        self.has_pin.contains(&id)
    }

    /// Whose PIN the form sets: the person chosen with 编辑, or the person signed in.
    fn pin_target(&self) -> Option<(StaffId, String)> {
        match self.draft.editing {
            Some(id) => self
                .staff
                .iter()
                .find(|s| s.id == id)
                .map(|s| (id, s.staff.name.clone())),
            None => self.me.clone(),
        }
    }

    pub(super) fn pin_about(&self) -> About {
        About::record("pin", self.pin_target().map_or(0, |(id, _)| id.0))
    }

    /// Saves the PIN typed twice; the store lets the supervisor set anyone's and everyone
    /// their own (and asks for the supervisor's countersign otherwise).
    pub(super) fn save_pin(&mut self, ctx: &mut Ctx<'_>) -> Action<Message> {
        let about = self.pin_about();
        let Some((id, name)) = self.pin_target() else {
            return Action::None;
        };
        if self.pin != self.pin_again {
            self.pin.clear();
            self.pin_again.clear();
            self.notices.error(about, "两次输入的PIN不一致，请重新输入");
            return Action::None;
        }
        let own = self.me.as_ref().is_some_and(|(me, _)| *me == id);
        match ctx.store.set_secret(id, &self.pin, &ctx.stamp()) {
            Ok(()) => {
                self.pin.clear();
                self.pin_again.clear();
                self.load_accounts(ctx.store);
                let done = if own {
                    "您的PIN已修改".to_string()
                } else {
                    format!("已为 {name} 设置PIN，请告知本人")
                };
                self.notices.ok(about, done);
                Action::OfficeChanged
            }
            Err(e) => {
                self.notices.error(about, e.to_string());
                Action::None
            }
        }
    }

    /// Saves the idle time typed (minutes; 0: never).
    pub(super) fn save_idle(&mut self, ctx: &mut Ctx<'_>) {
        let minutes = match crate::domain::normalize_digits(self.idle.trim()).parse::<u32>() {
            Ok(m) if m <= MAX_IDLE_LOCK_MINUTES => m,
            _ => {
                self.idle_error = Some(format!(
                    "请填写 0 到 {MAX_IDLE_LOCK_MINUTES} 之间的分钟数，0 表示不自动锁定"
                ));
                self.notices.error(IDLE_LOCK, "锁定时间填写有误");
                return;
            }
        };
        self.idle_error = None;
        let saved = ctx.store.save_idle_lock_minutes(minutes, &ctx.stamp());
        if saved.is_ok() {
            self.idle_saved = minutes;
            self.idle = minutes.to_string();
        }
        let done = saved.map(|()| match minutes {
            0 => "已保存：客服台不自动锁定".to_string(),
            m => format!("已保存：{m} 分钟无操作自动锁定"),
        });
        self.notices.report(IDLE_LOCK, done);
    }

    /// The PIN form: for the person chosen with 编辑, or one's own.
    pub(super) fn pin_form(&self) -> Element<'_, Message> {
        let Some((id, name)) = self.pin_target() else {
            return column![].into();
        };
        let own = self.me.as_ref().is_some_and(|(me, _)| *me == id);
        let title = match (own, self.has_pin(id)) {
            (true, _) => "修改我的PIN".to_string(),
            (false, true) => format!("重设 {name} 的PIN"),
            (false, false) => format!("为 {name} 设置PIN"),
        };
        let fields = column![
            text(title).size(15),
            hint("PIN为4–8位数字，也可以用8位以上的密码。员工的PIN由客服中心主管设置或重设。"),
            labelled("新PIN", secure(PIN_ID, &self.pin, Message::PinEdited), None),
            labelled(
                "再输一次",
                secure(PIN_AGAIN_ID, &self.pin_again, Message::PinAgainEdited),
                None
            ),
            button(text("保存PIN")).on_press(Message::SavePin),
        ]
        .push(self.note(self.pin_about()))
        .spacing(8);
        form(self.pin_about(), fields)
            .on_submit(Message::SavePin)
            .keep_cursor()
            .into()
    }

    /// The idle-lock form.
    pub(super) fn idle_form(&self) -> Element<'_, Message> {
        let fields = column![
            heading("自动锁定"),
            field(
                IDLE_ID,
                "无操作（分钟）",
                "例如 10",
                &self.idle,
                self.idle_error.as_deref(),
                Message::IdleEdited
            ),
            hint(match self.idle_saved {
                0 => "现在：不自动锁定。".to_string(),
                m => format!(
                    "现在：{m} 分钟无键盘鼠标操作即锁定，输入PIN解锁。填 0 表示不自动锁定。"
                ),
            }),
            button(text("保存锁定时间")).on_press(Message::SaveIdle),
        ]
        .push(self.note(IDLE_LOCK))
        .spacing(8);
        form(IDLE_LOCK, fields)
            .on_submit(Message::SaveIdle)
            .keep_cursor()
            .into()
    }
}

/// A PIN field: dots, not digits.
fn secure<'a>(id: &'static str, value: &'a str, on: fn(String) -> Message) -> Element<'a, Message> {
    text_input("", value)
        .id(id)
        .secure(true)
        .on_input(on)
        .padding(6)
        .width(Length::Fixed(260.0))
        .into()
}
