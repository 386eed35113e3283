//! The settings page in three parts, one on screen at a time: the office, the categories, the
//! deadlines and the departments; the staff register and PINs; the idle lock, backups and how
//! copies print. Each form is worked from the keyboard and has its message.

use iced::widget::{button, checkbox, column, pick_list, row, text, text_input};
use iced::{Element, Length};

use super::{CATEGORIES, DEADLINES, Message, OFFICE, STAFF, Settings};
use crate::domain::settings::OfficeField;
use crate::domain::staff::Role;
use crate::ui::About;
use crate::ui::form::form;
use crate::ui::widget::{field, heading, hint, labelled, labelled_width, scroll, wide_field};

/// Width of the fields whose values are long: names, the address, the print folder.
const WIDE: f32 = 400.0;

impl Settings {
    /// The screen.
    pub fn view(&self) -> Element<'_, Message> {
        let page: Element<'_, Message> = match self.section {
            super::Section::Office => row![
                column![self.office_form(), self.categories_form()].spacing(24),
                column![
                    self.deadlines_form(),
                    self.departments_form(),
                    self.move_in_lists_form(),
                    self.lost_found_form()
                ]
                .spacing(24),
            ]
            .spacing(40)
            .into(),
            super::Section::Staff => column![
                self.staff_list(),
                row![self.staff_form(), self.pin_form()].spacing(40),
                hint(
                    "人员离职后请取消“在职”并保存（账户随之停用），不要删除：旧记录仍显示他们的名字。"
                ),
            ]
            .spacing(24)
            .into(),
            super::Section::Desk => column![
                row![self.idle_form(), self.backup_form()].spacing(40),
                self.copy_mode_form(),
            ]
            .spacing(24)
            .into(),
        };
        let sections = row(super::Section::ALL.iter().map(|&s| {
            let b = button(text(s.label()).size(14))
                .padding([4, 12])
                .on_press(Message::ShowSection(s));
            if s == self.section {
                b.style(button::primary).into()
            } else {
                b.style(button::secondary).into()
            }
        }))
        .spacing(6);
        column![
            sections,
            scroll(column![page].padding([0, 8]))
                .width(Length::Fill)
                .height(Length::Fill)
        ]
        .spacing(16)
        .into()
    }

    fn office_form(&self) -> Element<'_, Message> {
        let o = &self.office;
        let fields = column![
            heading("单位信息（打印在每张表单上）"),
            wide_field(
                WIDE,
                "office-company",
                "物业公司/管理处",
                "例如：孚恒物业管理处",
                &o.company,
                self.office_error(OfficeField::Company),
                |v| { Message::OfficeEdited(OfficeField::Company, v) }
            ),
            wide_field(
                WIDE,
                "office-estate",
                "小区名称",
                "例如：锦绣花园",
                &o.estate,
                self.office_error(OfficeField::Estate),
                |v| { Message::OfficeEdited(OfficeField::Estate, v) }
            ),
            field(
                "office-phone",
                "电话",
                "例如：0371-12345678",
                &o.phone,
                self.office_error(OfficeField::Phone),
                |v| { Message::OfficeEdited(OfficeField::Phone, v) }
            ),
            wide_field(
                WIDE,
                "office-address",
                "地址",
                "",
                &o.address,
                self.office_error(OfficeField::Address),
                |v| { Message::OfficeEdited(OfficeField::Address, v) }
            ),
            wide_field(
                WIDE,
                "office-print-folder",
                "打印文件夹",
                "留空则每次询问保存位置",
                &o.print_folder,
                None,
                Message::PrintFolderEdited
            ),
            button(text("保存单位信息")).on_press(Message::SaveOffice),
        ]
        .push(self.note(OFFICE))
        .spacing(8);
        form(OFFICE, fields).on_submit(Message::SaveOffice).into()
    }

    fn deadlines_form(&self) -> Element<'_, Message> {
        let fields = self.deadlines.iter().fold(
            column![
                heading("时限"),
                hint("按常说的写：15分钟、2小时、2小时30分、1天"),
            ]
            .spacing(8),
            |c, (key, label, value)| {
                let err = self
                    .deadline_errors
                    .iter()
                    .find(|(k, _)| k == key)
                    .map(|(_, e)| *e);
                let key = *key;
                let input = text_input("例如 24小时", value)
                    .id(key)
                    .on_input(move |v| Message::DeadlineEdited(key, v))
                    .padding(6)
                    .width(Length::Fixed(150.0));
                c.push(labelled_width(label, 170.0, input.into(), err))
            },
        );
        let fields = fields
            .push(button(text("保存时限")).on_press(Message::SaveDeadlines))
            .push(self.note(DEADLINES));
        form(DEADLINES, fields)
            .on_submit(Message::SaveDeadlines)
            .keep_cursor()
            .into()
    }

    fn categories_form(&self) -> Element<'_, Message> {
        let fields = column![
            heading("报修类别"),
            wide_field(
                WIDE,
                "repair-categories",
                "类别",
                "用“、”分隔，例如 给排水、电气、门窗",
                &self.categories,
                self.categories_error.as_deref(),
                Message::CategoriesEdited,
            ),
            button(text("保存报修类别")).on_press(Message::SaveCategories),
        ]
        .push(self.note(CATEGORIES))
        .spacing(8);
        form(CATEGORIES, fields)
            .on_submit(Message::SaveCategories)
            .keep_cursor()
            .into()
    }

    fn staff_list(&self) -> Element<'_, Message> {
        let mut staff = column![heading("人员")].spacing(6);
        for s in &self.staff {
            let phone = s
                .staff
                .phone
                .as_ref()
                .map(|p| p.masked())
                .unwrap_or_default();
            staff = staff.push(
                row![
                    text(&s.staff.name).width(Length::Fixed(90.0)),
                    text(s.staff.role.label()).width(Length::Fixed(120.0)),
                    text(phone).width(Length::Fixed(120.0)),
                    text(if s.staff.active { "在职" } else { "离职" }).width(Length::Fixed(50.0)),
                    text(if self.has_pin(s.id) {
                        "已设PIN"
                    } else {
                        "未设PIN"
                    })
                    .width(Length::Fixed(70.0)),
                    button(text("编辑").size(13))
                        .on_press(Message::EditStaff(s.id))
                        .style(button::text),
                ]
                .spacing(8)
                .align_y(iced::Alignment::Center),
            );
        }
        staff.into()
    }

    fn staff_form(&self) -> Element<'_, Message> {
        let d = &self.draft;
        let fields = column![
            text(if d.editing.is_some() {
                "编辑人员"
            } else {
                "添加人员"
            })
            .size(15),
            field(
                "staff-name",
                "姓名",
                "",
                &d.name,
                d.name_error,
                Message::StaffName
            ),
            labelled(
                "岗位",
                pick_list(Role::ALL, Some(d.role), Message::StaffRole).into(),
                None
            ),
            field(
                "staff-phone",
                "电话",
                "手机号，可不填",
                &d.phone,
                d.phone_error.as_deref(),
                Message::StaffPhone
            ),
            checkbox(d.active)
                .label("在职")
                .on_toggle(Message::StaffActive),
            row![
                button(text("保存人员")).on_press(Message::SaveStaff),
                button(text("清空"))
                    .on_press(Message::NewStaff)
                    .style(button::secondary),
            ]
            .spacing(8),
        ]
        .push(self.note(STAFF))
        .spacing(8);
        // The form is new again for each person edited, so the cursor goes back to 姓名.
        let about = About::record("staff", d.editing.map_or(0, |id| id.0));
        // It takes the cursor only when a person was chosen with 编辑; the page opens on 单位信息.
        let staff = form(about, fields)
            .on_submit(Message::SaveStaff)
            .on_cancel(Message::NewStaff);
        if d.editing.is_some() {
            staff.into()
        } else {
            staff.keep_cursor().into()
        }
    }

    /// The message under a form, drawn in its colour.
    pub(super) fn note(&self, about: About) -> Option<Element<'_, Message>> {
        self.message(about).map(|n| {
            text(&n.text)
                .size(14)
                .style(if n.error { text::danger } else { text::success })
                .into()
        })
    }
}
