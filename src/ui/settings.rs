//! 设置: the office's details printed on every form, the staff register and the deadlines.

use iced::widget::{button, checkbox, column, pick_list, row, text, text_input};
use iced::{Element, Length};

use super::widget::{field, heading, hint, labelled, labelled_width, scroll};
use super::{About, Action, Command, Ctx, Notice, Notices, Screen};
use crate::domain::repair::parse_categories;
use crate::domain::settings::{Deadlines, Office, OfficeField};
use crate::domain::staff::{Role, Staff, StaffId};
use crate::domain::{Mobile, person};
use crate::forms::font::check_drawable;
use crate::store::{StaffRecord, Store, StoreError};

/// The settings screen's state.
pub struct Settings {
    office: Office,
    office_errors: Vec<(OfficeField, &'static str)>,
    deadlines: Vec<(&'static str, &'static str, String)>,
    deadline_errors: Vec<(&'static str, &'static str)>,
    categories: String,
    categories_error: Option<String>,
    staff: Vec<StaffRecord>,
    draft: StaffDraft,
    notices: Notices,
}

/// The staff member being added or edited.
#[derive(Debug, Clone, Default)]
struct StaffDraft {
    editing: Option<StaffId>,
    name: String,
    role: Role,
    phone: String,
    active: bool,
    name_error: Option<&'static str>,
    phone_error: Option<String>,
}

/// What can happen on the settings screen.
#[derive(Debug, Clone)]
pub enum Message {
    /// An office field was edited.
    OfficeEdited(OfficeField, String),
    /// The print folder was edited.
    PrintFolderEdited(String),
    /// Save the office details.
    SaveOffice,
    /// A deadline was edited.
    DeadlineEdited(&'static str, String),
    /// Save the deadlines.
    SaveDeadlines,
    /// The repair categories were edited.
    CategoriesEdited(String),
    /// Save the repair categories.
    SaveCategories,
    /// Staff draft: name.
    StaffName(String),
    /// Staff draft: role.
    StaffRole(Role),
    /// Staff draft: phone.
    StaffPhone(String),
    /// Staff draft: still working here.
    StaffActive(bool),
    /// Load a staff member into the draft.
    EditStaff(StaffId),
    /// Save the draft.
    SaveStaff,
    /// Clear the draft.
    NewStaff,
}

fn deadline_rows(d: &Deadlines) -> Vec<(&'static str, &'static str, String)> {
    d.entries()
        .into_iter()
        .map(|(k, l, v)| (k, l, v.to_string()))
        .collect()
}

impl Settings {
    /// The message shown beside what is on screen, if any.
    pub fn message(&self) -> Option<&Notice> {
        self.notices.about(self.on_screen())
    }

    /// What the right-hand side shows: a form, the selected record, or nothing.
    pub fn on_screen(&self) -> About {
        About::TAB
    }

    /// Reports a success about what is on screen now.
    fn ok(&mut self, text: impl Into<String>) {
        self.notices.ok(self.on_screen(), text);
    }

    /// Reports a problem about what is on screen now.
    fn fail(&mut self, text: impl Into<String>) {
        self.notices.error(self.on_screen(), text);
    }

    /// Loads the screen from the store.
    pub fn new(store: &Store) -> Result<Settings, StoreError> {
        Ok(Settings {
            office: store.office()?,
            office_errors: Vec::new(),
            deadlines: deadline_rows(&store.deadlines()?),
            deadline_errors: Vec::new(),
            categories: store.repair_categories()?.join("、"),
            categories_error: None,
            staff: store.staff()?,
            draft: StaffDraft {
                active: true,
                ..StaffDraft::default()
            },
            notices: Notices::default(),
        })
    }

    /// Handles a message.
    pub fn update(&mut self, message: Message, ctx: &mut Ctx<'_>) -> Action<Message> {
        match message {
            Message::OfficeEdited(f, v) => {
                let slot = match f {
                    OfficeField::Company => &mut self.office.company,
                    OfficeField::Estate => &mut self.office.estate,
                    OfficeField::Phone => &mut self.office.phone,
                    OfficeField::Address => &mut self.office.address,
                };
                *slot = v;
            }
            Message::PrintFolderEdited(v) => self.office.print_folder = v,
            Message::SaveOffice => return self.save_office(ctx),
            Message::DeadlineEdited(key, v) => {
                if let Some(row) = self.deadlines.iter_mut().find(|r| r.0 == key) {
                    row.2 = v;
                }
            }
            Message::SaveDeadlines => self.save_deadlines(ctx),
            Message::CategoriesEdited(v) => self.categories = v,
            Message::SaveCategories => self.save_categories(ctx),
            Message::StaffName(v) => self.draft.name = v,
            Message::StaffRole(r) => self.draft.role = r,
            Message::StaffPhone(v) => self.draft.phone = v,
            Message::StaffActive(v) => self.draft.active = v,
            Message::EditStaff(id) => {
                if let Some(s) = self.staff.iter().find(|s| s.id == id) {
                    self.draft = StaffDraft {
                        editing: Some(id),
                        name: s.staff.name.clone(),
                        role: s.staff.role,
                        phone: s
                            .staff
                            .phone
                            .as_ref()
                            .map(|p| p.as_str().to_string())
                            .unwrap_or_default(),
                        active: s.staff.active,
                        ..StaffDraft::default()
                    };
                }
            }
            Message::NewStaff => {
                self.draft = StaffDraft {
                    active: true,
                    ..StaffDraft::default()
                }
            }
            Message::SaveStaff => return self.save_staff(ctx),
        }
        Action::None
    }

    fn save_office(&mut self, ctx: &mut Ctx<'_>) -> Action<Message> {
        self.office_errors = self.office.validate();
        if !self.office_errors.is_empty() {
            self.fail("有填写不正确的地方，请按提示修改");
            return Action::None;
        }
        match ctx.store.save_office(&self.office) {
            Ok(()) => {
                self.ok("单位信息已保存");
                Action::OfficeChanged
            }
            Err(e) => {
                self.fail(e.to_string());
                Action::None
            }
        }
    }

    fn save_deadlines(&mut self, ctx: &mut Ctx<'_>) {
        let mut deadlines = Deadlines::default();
        self.deadline_errors.clear();
        for (key, _, value) in &self.deadlines {
            match Deadlines::parse_minutes(value) {
                Ok(m) => {
                    deadlines.set(key, m);
                }
                Err(e) => self.deadline_errors.push((key, e)),
            }
        }
        if self.deadline_errors.is_empty() {
            let saved = ctx.store.save_deadlines(&deadlines);
            self.notices
                .report(About::TAB, saved.map(|()| "时限已保存".to_string()));
        } else {
            self.fail("时限填写有误，请按提示修改");
        }
    }

    fn save_categories(&mut self, ctx: &mut Ctx<'_>) {
        let parsed = parse_categories(&self.categories).and_then(|list| {
            list.iter()
                .try_for_each(|c| check_drawable(c))
                .map(|()| list)
        });
        self.categories_error = parsed.as_ref().err().cloned();
        let Ok(list) = parsed else {
            self.fail("报修类别有误，请按提示修改");
            return;
        };
        let saved = ctx.store.save_repair_categories(&list);
        if saved.is_ok() {
            self.categories = list.join("、");
        }
        self.notices
            .report(About::TAB, saved.map(|()| "报修类别已保存".to_string()));
    }

    fn save_staff(&mut self, ctx: &mut Ctx<'_>) -> Action<Message> {
        let d = &mut self.draft;
        let name = person::validate_name(&d.name);
        d.name_error = name.as_ref().err().copied();
        let phone = if d.phone.trim().is_empty() {
            Ok(None)
        } else {
            Mobile::parse(&d.phone).map(Some).map_err(|e| e.to_string())
        };
        d.phone_error = phone.as_ref().err().cloned();
        let (Ok(name), Ok(phone)) = (name, phone) else {
            self.fail("人员信息有误，请按提示修改");
            return Action::None;
        };
        let staff = Staff {
            name,
            role: d.role,
            phone,
            active: d.active,
        };
        let result = match d.editing {
            Some(id) => ctx.store.update_staff(id, &staff),
            None => ctx.store.add_staff(&staff).map(|_| ()),
        };
        match result.and_then(|()| ctx.store.staff()) {
            Ok(list) => {
                self.staff = list;
                self.ok(format!("已保存人员 {}", staff.name));
                self.draft = StaffDraft {
                    active: true,
                    ..StaffDraft::default()
                };
                Action::OfficeChanged
            }
            Err(e) => {
                self.fail(e.to_string());
                Action::None
            }
        }
    }

    fn office_error(&self, f: OfficeField) -> Option<&'static str> {
        self.office_errors
            .iter()
            .find(|(g, _)| *g == f)
            .map(|(_, e)| *e)
    }

    /// The screen.
    pub fn view(&self) -> Element<'_, Message> {
        let o = &self.office;
        let office = column![
            heading("单位信息（打印在每张表单上）"),
            field(
                "office-company",
                "物业公司/管理处",
                "例如：孚恒物业管理处",
                &o.company,
                self.office_error(OfficeField::Company),
                |v| { Message::OfficeEdited(OfficeField::Company, v) }
            ),
            field(
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
            field(
                "office-address",
                "地址",
                "",
                &o.address,
                self.office_error(OfficeField::Address),
                |v| { Message::OfficeEdited(OfficeField::Address, v) }
            ),
            field(
                "office-print-folder",
                "打印文件夹",
                "留空则每次询问保存位置",
                &o.print_folder,
                None,
                Message::PrintFolderEdited
            ),
            button(text("保存单位信息")).on_press(Message::SaveOffice),
        ]
        .spacing(8);

        let deadlines = self.deadlines.iter().fold(
            column![heading("时限（分钟）")].spacing(8),
            |c, (key, label, value)| {
                let err = self
                    .deadline_errors
                    .iter()
                    .find(|(k, _)| k == key)
                    .map(|(_, e)| *e);
                let key = *key;
                let input = text_input("", value)
                    .id(key)
                    .on_input(move |v| Message::DeadlineEdited(key, v))
                    .padding(6)
                    .width(Length::Fixed(100.0));
                c.push(labelled_width(label, 190.0, input.into(), err))
            },
        );
        let deadlines = deadlines.push(button(text("保存时限")).on_press(Message::SaveDeadlines));
        let categories = column![
            heading("报修类别"),
            field(
                "repair-categories",
                "类别",
                "用“、”分隔，例如 给排水、电气、门窗",
                &self.categories,
                self.categories_error.as_deref(),
                Message::CategoriesEdited,
            ),
            button(text("保存报修类别")).on_press(Message::SaveCategories),
        ]
        .spacing(8);

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
                    text(s.staff.role.label()).width(Length::Fixed(110.0)),
                    text(phone).width(Length::Fixed(120.0)),
                    text(if s.staff.active { "在职" } else { "离职" }).width(Length::Fixed(50.0)),
                    button(text("编辑").size(13))
                        .on_press(Message::EditStaff(s.id))
                        .style(button::text),
                ]
                .spacing(8)
                .align_y(iced::Alignment::Center),
            );
        }
        let d = &self.draft;
        let editor = column![
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
        .spacing(8);
        let mut page = column![
            row![column![office, categories].spacing(24), deadlines].spacing(40),
            staff,
            editor,
            hint("人员离职后请取消“在职”，不要删除：旧记录仍显示他们的名字。"),
        ]
        .spacing(24);
        if let Some(n) = self.message() {
            page =
                page.push(text(&n.text).style(if n.error { text::danger } else { text::success }));
        }
        scroll(page).width(Length::Fill).height(Length::Fill).into()
    }
}

impl Screen for Settings {
    type Message = Message;

    /// The settings page has several forms, each with its own 保存, so Enter and Esc do
    /// nothing here; there is nothing to print.
    fn command(&mut self, _command: Command, _ctx: &mut Ctx<'_>) -> Action<Message> {
        Action::None
    }

    fn search_id(&self) -> Option<&'static str> {
        None
    }

    fn reload(&mut self, store: &Store, _now: chrono::NaiveDateTime) {
        if let Ok(staff) = store.staff() {
            self.staff = staff;
        }
    }
}
