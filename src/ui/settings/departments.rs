//! 设置 → 反馈部门: the departments the 信息反馈 tab dispatches matters to, editable like the
//! repair categories.

use iced::Element;
use iced::widget::{button, column, text};

use super::{Message, Settings};
use crate::domain::feedback::parse_departments;
use crate::forms::font::check_drawable;
use crate::store::{Result, Store};
use crate::ui::form::form;
use crate::ui::widget::{heading, wide_field};
use crate::ui::{About, Ctx};

/// The departments form.
pub const DEPARTMENTS: About = About::form("departments");

/// The list as typed, and what is wrong with it.
#[derive(Debug, Clone, Default)]
pub(super) struct DepartmentsForm {
    text: String,
    error: Option<String>,
}

impl DepartmentsForm {
    /// The saved list, as 设置 shows it (`工程部、秩序维护部`).
    pub(super) fn new(store: &Store) -> Result<DepartmentsForm> {
        Ok(DepartmentsForm {
            text: store.feedback_departments()?.join("、"),
            error: None,
        })
    }
}

impl Settings {
    pub(super) fn departments_edited(&mut self, text: String) {
        self.departments.text = text;
        self.notices.edited(DEPARTMENTS);
    }

    pub(super) fn save_departments(&mut self, ctx: &mut Ctx<'_>) {
        let parsed = parse_departments(&self.departments.text).and_then(|list| {
            list.iter()
                .try_for_each(|d| check_drawable(d))
                .map(|()| list)
        });
        self.departments.error = parsed.as_ref().err().cloned();
        let Ok(list) = parsed else {
            self.notices
                .error(DEPARTMENTS, "反馈部门有误，请按提示修改");
            return;
        };
        let saved = ctx.store.save_feedback_departments(&list, &ctx.stamp());
        if saved.is_ok() {
            self.departments.text = list.join("、");
        }
        self.notices
            .report(DEPARTMENTS, saved.map(|()| "反馈部门已保存".to_string()));
    }

    pub(super) fn departments_form(&self) -> Element<'_, Message> {
        let fields = column![
            heading("信息反馈：派单部门"),
            wide_field(
                400.0,
                "feedback-departments",
                "部门",
                "用“、”分隔，例如 工程部、秩序维护部、环境部",
                &self.departments.text,
                self.departments.error.as_deref(),
                Message::DepartmentsEdited,
            ),
            button(text("保存反馈部门")).on_press(Message::SaveDepartments),
        ]
        .push(self.note(DEPARTMENTS))
        .spacing(8);
        form(DEPARTMENTS, fields)
            .on_submit(Message::SaveDepartments)
            .keep_cursor()
            .into()
    }
}
