//! 设置 → 物品拾遗: how many days an unclaimed item is kept before the supervisor may dispose
//! of it (identity documents go to the police at once whatever it says).

use iced::Element;
use iced::widget::{button, column, text};

use super::{Message, Settings};
use crate::domain::lostfound::parse_keep_days;
use crate::store::{Result, Store};
use crate::ui::form::form;
use crate::ui::widget::{field, heading, hint};
use crate::ui::{About, Ctx};

/// The keeping-period form.
pub const LOST_FOUND: About = About::form("lost-found");

/// The id of its field.
pub const KEEP_DAYS_ID: &str = "lostfound-keep-days";

/// The period as typed, and what is wrong with it.
#[derive(Debug, Clone, Default)]
pub(super) struct LostFoundForm {
    days: String,
    error: Option<String>,
}

impl LostFoundForm {
    /// The saved period, as 设置 shows it (`90`).
    pub(super) fn new(store: &Store) -> Result<LostFoundForm> {
        Ok(LostFoundForm {
            days: store.lostfound_keep_days()?.to_string(),
            error: None,
        })
    }
}

impl Settings {
    pub(super) fn keep_days_edited(&mut self, text: String) {
        self.lost_found.days = text;
        self.lost_found.error = None;
        self.notices.edited(LOST_FOUND);
    }

    pub(super) fn save_keep_days(&mut self, ctx: &mut Ctx<'_>) {
        let days = match parse_keep_days(&self.lost_found.days) {
            Ok(d) => d,
            Err(e) => {
                self.lost_found.error = Some(e);
                self.notices.error(LOST_FOUND, "保管期有误，请按提示修改");
                return;
            }
        };
        let saved = ctx.store.save_lostfound_keep_days(days, &ctx.stamp());
        if saved.is_ok() {
            self.lost_found.days = days.to_string();
        }
        self.notices.report(
            LOST_FOUND,
            saved.map(|()| format!("拾遗物品保管期已保存：{days}天")),
        );
    }

    pub(super) fn lost_found_form(&self) -> Element<'_, Message> {
        let fields = column![
            heading("物品拾遗：保管期"),
            field(
                KEEP_DAYS_ID,
                "保管天数",
                "例如 90",
                &self.lost_found.days,
                self.lost_found.error.as_deref(),
                Message::KeepDaysEdited,
            ),
            hint("无人认领的物品保管期满后由主管处置；身份证件随时上交派出所。"),
            button(text("保存保管期")).on_press(Message::SaveKeepDays),
        ]
        .push(self.note(LOST_FOUND))
        .spacing(8);
        form(LOST_FOUND, fields)
            .on_submit(Message::SaveKeepDays)
            .keep_cursor()
            .into()
    }
}
