//! 设置 → 打印联次: how the office prints the forms with copies (收款收据, 维修单, 放行条): on A4,
//! each copy its own labelled page, or once on dot-matrix carbon paper. The supervisor's to
//! change; the forms read it when they print.

use iced::Element;
use iced::widget::{button, column, radio, text};

use super::{Message, Settings};
use crate::domain::fees::CopyMode;
use crate::store::Store;
use crate::ui::form::form;
use crate::ui::widget::{heading, hint};
use crate::ui::{About, Ctx};

/// The copy-mode form.
pub const COPY_MODE: About = About::form("copy-mode");

/// The mode chosen on screen, and the one saved.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct CopyForm {
    chosen: CopyMode,
    saved: CopyMode,
}

impl CopyForm {
    /// The saved mode (A4 if it cannot be read: the forms then print as A4 too).
    pub(super) fn new(store: &Store) -> CopyForm {
        let saved = store.copy_mode().unwrap_or_default();
        CopyForm {
            chosen: saved,
            saved,
        }
    }
}

impl Settings {
    pub(super) fn copy_mode_picked(&mut self, mode: CopyMode) {
        self.copies.chosen = mode;
        self.notices.edited(COPY_MODE);
    }

    pub(super) fn save_copy_mode(&mut self, ctx: &mut Ctx<'_>) {
        let mode = self.copies.chosen;
        let saved = ctx.store.save_copy_mode(mode, &ctx.stamp());
        if saved.is_ok() {
            self.copies.saved = mode;
        }
        self.notices.report(
            COPY_MODE,
            saved.map(|()| format!("打印联次已保存：{}", mode.label())),
        );
    }

    pub(super) fn copy_mode_form(&self) -> Element<'_, Message> {
        let choices = CopyMode::ALL.iter().fold(column![].spacing(6), |c, &m| {
            c.push(
                radio(
                    m.label(),
                    m,
                    Some(self.copies.chosen),
                    Message::CopyModePicked,
                )
                .size(16),
            )
        });
        let saved = format!("现在：{}", self.copies.saved.label());
        let fields = column![
            heading("打印联次（收款收据、维修单、放行条）"),
            choices,
            hint(
                "A4：每联单独打印一页，页脚标明第几联。针式：装241毫米宽的多联无碳复写纸，一次打出各联，\
                 各联颜色和联名由纸张本身印好，所以不再打印联名；内容多时接续下一页，不会截掉。"
            ),
            hint(saved),
            button(text("保存打印联次")).on_press(Message::SaveCopyMode),
        ]
        .push(self.note(COPY_MODE))
        .spacing(8);
        form(COPY_MODE, fields)
            .on_submit(Message::SaveCopyMode)
            .keep_cursor()
            .into()
    }
}
