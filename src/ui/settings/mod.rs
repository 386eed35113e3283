//! 设置: the office's details printed on every form, the staff register with their PINs, the
//! deadlines, the repair categories, the idle lock and the backups. Each is a form of its own
//! with its own message; `view` draws them, `account.rs` holds the PIN and idle-lock forms,
//! `backup.rs` the backup section, `copies.rs` the 打印联次, `departments.rs` the departments
//! the 信息反馈 tab dispatches to, `movein.rs` the 业主入住 lists (items, inspection areas), `lostfound.rs` the 物品拾遗
//! keeping period.

mod account;
mod backup;
mod copies;
mod departments;
mod lostfound;
mod movein;
mod view;

pub use account::{IDLE_ID, IDLE_LOCK, PIN_AGAIN_ID, PIN_ID};
pub use backup::{BACKUP, BACKUP_FOLDER_ID, BACKUP_HOURS_ID};
pub use copies::COPY_MODE;
pub use departments::DEPARTMENTS;
pub use lostfound::{KEEP_DAYS_ID, LOST_FOUND};
pub use movein::MOVE_IN_LISTS;

use super::{About, Action, Command, Ctx, Notice, Notices, Screen};
use crate::domain::repair::parse_categories;
use crate::domain::settings::{Deadlines, Office, OfficeField, duration_text};
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
    /// Who has a PIN.
    has_pin: Vec<StaffId>,
    /// The person signed in (their own PIN is theirs to change).
    me: Option<(StaffId, String)>,
    /// The new PIN, typed twice.
    pin: String,
    pin_again: String,
    /// The idle lock as typed, and as saved.
    idle: String,
    idle_error: Option<String>,
    idle_saved: u32,
    /// 备份: the folder, the interval, the list and the restore.
    backup: backup::BackupForm,
    /// 打印联次: how forms with copies are printed.
    copies: copies::CopyForm,
    /// 反馈部门: the departments matters are sent to.
    departments: departments::DepartmentsForm,
    /// 业主入住: the items handed over and the inspection's areas.
    move_in: movein::MoveInListsForm,
    /// 物品拾遗: the keeping period.
    lost_found: lostfound::LostFoundForm,
    /// Which part of the page is shown.
    section: Section,
    notices: Notices,
}

impl Settings {
    /// Which part of the page is on screen.
    pub fn section(&self) -> Section {
        self.section
    }
}

/// The parts of the settings page, one on screen at a time: the page grows with every tab.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    /// 单位与规则: the office details, repair categories, deadlines, departments.
    Office,
    /// 人员与PIN: the staff register and PINs.
    Staff,
    /// 锁定、备份与打印: the idle lock, the backups, how copies print.
    Desk,
}

impl Section {
    /// Every section, in the order of the buttons.
    pub const ALL: [Section; 3] = [Section::Office, Section::Staff, Section::Desk];

    /// The button's label.
    pub fn label(self) -> &'static str {
        match self {
            Section::Office => "单位与规则",
            Section::Staff => "人员与PIN",
            Section::Desk => "锁定、备份与打印",
        }
    }
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
    /// A part of the page was chosen.
    ShowSection(Section),
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
    /// The new PIN typed.
    PinEdited(String),
    /// The new PIN typed again.
    PinAgainEdited(String),
    /// Save the PIN (of the person being edited, or one's own).
    SavePin,
    /// The idle-lock minutes typed.
    IdleEdited(String),
    /// Save the idle-lock minutes.
    SaveIdle,
    /// The backup folder typed.
    BackupFolderEdited(String),
    /// Open the folder dialog for the backup folder.
    ChooseBackupFolder,
    /// The folder dialog closed (with the folder chosen, if any).
    BackupFolderChosen(Option<std::path::PathBuf>),
    /// The hours between backups typed.
    BackupHoursEdited(String),
    /// Save the backup folder and interval.
    SaveBackup,
    /// 立即备份 (the desk runs it).
    BackupNow,
    /// 恢复 pressed beside a backup: ask to confirm.
    ChooseRestore(std::path::PathBuf),
    /// The restore was not confirmed.
    CancelRestore,
    /// 确认恢复 (the desk carries it out).
    ConfirmRestore(std::path::PathBuf),
    /// 打印联次 chosen.
    CopyModePicked(crate::domain::fees::CopyMode),
    /// Save the 打印联次.
    SaveCopyMode,
    /// The feedback departments were edited.
    DepartmentsEdited(String),
    /// Save the feedback departments.
    SaveDepartments,
    /// The move-in items list was edited.
    MoveInItemsEdited(String),
    /// The inspection areas list was edited.
    MoveInAreasEdited(String),
    /// Save both move-in lists.
    SaveMoveInLists,
    /// The lost-and-found keeping period was edited.
    KeepDaysEdited(String),
    /// Save it.
    SaveKeepDays,
}

/// The settings page's forms, each with its own message under it.
pub const OFFICE: About = About::form("office");
/// The deadlines form.
pub const DEADLINES: About = About::form("deadlines");
/// The repair categories form.
pub const CATEGORIES: About = About::form("categories");
/// The staff form.
pub const STAFF: About = About::form("staff");

/// The deadlines 设置 shows, as people say them (`24小时`).
fn deadline_rows(d: &Deadlines) -> Vec<(&'static str, &'static str, String)> {
    d.shown()
        .into_iter()
        .map(|(k, l, v)| (k, l, duration_text(v)))
        .collect()
}

impl Settings {
    /// The message under one of the page's forms ([`OFFICE`], [`DEADLINES`] …), if any.
    pub fn message(&self, form: About) -> Option<&Notice> {
        self.notices.about(form)
    }

    /// Loads the screen from the store.
    pub fn new(store: &Store) -> Result<Settings, StoreError> {
        let mut settings = Settings {
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
            has_pin: Vec::new(),
            me: None,
            pin: String::new(),
            pin_again: String::new(),
            idle: String::new(),
            idle_error: None,
            idle_saved: 0,
            backup: backup::BackupForm::new(store),
            copies: copies::CopyForm::new(store),
            departments: departments::DepartmentsForm::new(store)?,
            move_in: movein::MoveInListsForm::new(store)?,
            lost_found: lostfound::LostFoundForm::new(store)?,
            section: Section::Office,
            notices: Notices::default(),
        };
        settings.load_accounts(store);
        Ok(settings)
    }

    /// Handles a message.
    pub fn update(&mut self, message: Message, ctx: &mut Ctx<'_>) -> Action<Message> {
        match message {
            Message::ShowSection(s) => self.section = s,
            Message::OfficeEdited(f, v) => {
                let slot = match f {
                    OfficeField::Company => &mut self.office.company,
                    OfficeField::Estate => &mut self.office.estate,
                    OfficeField::Phone => &mut self.office.phone,
                    OfficeField::Address => &mut self.office.address,
                };
                *slot = v;
                self.notices.edited(OFFICE);
            }
            Message::PrintFolderEdited(v) => {
                self.office.print_folder = v;
                self.notices.edited(OFFICE);
            }
            Message::SaveOffice => return self.save_office(ctx),
            Message::DeadlineEdited(key, v) => {
                if let Some(row) = self.deadlines.iter_mut().find(|r| r.0 == key) {
                    row.2 = v;
                }
                self.notices.edited(DEADLINES);
            }
            Message::SaveDeadlines => self.save_deadlines(ctx),
            Message::CategoriesEdited(v) => {
                self.categories = v;
                self.notices.edited(CATEGORIES);
            }
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
            Message::PinEdited(v) => {
                self.pin = v;
                self.notices.edited(self.pin_about());
            }
            Message::PinAgainEdited(v) => {
                self.pin_again = v;
                self.notices.edited(self.pin_about());
            }
            Message::SavePin => return self.save_pin(ctx),
            Message::IdleEdited(v) => {
                self.idle = v;
                self.idle_error = None;
                self.notices.edited(IDLE_LOCK);
            }
            Message::SaveIdle => self.save_idle(ctx),
            m @ (Message::BackupFolderEdited(_)
            | Message::ChooseBackupFolder
            | Message::BackupFolderChosen(_)
            | Message::BackupHoursEdited(_)
            | Message::SaveBackup
            | Message::BackupNow
            | Message::ChooseRestore(_)
            | Message::CancelRestore
            | Message::ConfirmRestore(_)) => return self.backup_update(m, ctx),
            Message::CopyModePicked(mode) => self.copy_mode_picked(mode),
            Message::SaveCopyMode => self.save_copy_mode(ctx),
            Message::DepartmentsEdited(v) => self.departments_edited(v),
            Message::SaveDepartments => self.save_departments(ctx),
            Message::MoveInItemsEdited(v) => self.move_in_items_edited(v),
            Message::MoveInAreasEdited(v) => self.move_in_areas_edited(v),
            Message::SaveMoveInLists => self.save_move_in_lists(ctx),
            Message::KeepDaysEdited(v) => self.keep_days_edited(v),
            Message::SaveKeepDays => self.save_keep_days(ctx),
        }
        Action::None
    }

    fn save_office(&mut self, ctx: &mut Ctx<'_>) -> Action<Message> {
        self.office_errors = self.office.validate();
        if !self.office_errors.is_empty() {
            self.notices
                .error(OFFICE, "有填写不正确的地方，请按提示修改");
            return Action::None;
        }
        match ctx.store.save_office(&self.office, &ctx.stamp()) {
            Ok(()) => {
                self.notices.ok(OFFICE, "单位信息已保存");
                Action::OfficeChanged
            }
            Err(e) => {
                self.notices.error(OFFICE, e.to_string());
                Action::None
            }
        }
    }

    fn save_deadlines(&mut self, ctx: &mut Ctx<'_>) {
        // Start from what is stored: the deadlines not shown keep their values.
        let mut deadlines = match ctx.store.deadlines() {
            Ok(d) => d,
            Err(e) => {
                self.notices.error(DEADLINES, e.to_string());
                return;
            }
        };
        self.deadline_errors.clear();
        for (key, _, value) in &self.deadlines {
            match Deadlines::parse_duration(value) {
                Ok(m) => {
                    deadlines.set(key, m);
                }
                Err(e) => self.deadline_errors.push((key, e)),
            }
        }
        if self.deadline_errors.is_empty() {
            let saved = ctx.store.save_deadlines(&deadlines, &ctx.stamp());
            if saved.is_ok() {
                self.deadlines = deadline_rows(&deadlines);
            }
            self.notices
                .report(DEADLINES, saved.map(|()| "时限已保存".to_string()));
        } else {
            self.notices.error(DEADLINES, "时限填写有误，请按提示修改");
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
            self.notices.error(CATEGORIES, "报修类别有误，请按提示修改");
            return;
        };
        let saved = ctx.store.save_repair_categories(&list, &ctx.stamp());
        if saved.is_ok() {
            self.categories = list.join("、");
        }
        self.notices
            .report(CATEGORIES, saved.map(|()| "报修类别已保存".to_string()));
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
            self.notices.error(STAFF, "人员信息有误，请按提示修改");
            return Action::None;
        };
        let staff = Staff {
            name,
            role: d.role,
            phone,
            active: d.active,
        };
        let stamp = ctx.stamp();
        let result = match d.editing {
            Some(id) => ctx.store.update_staff(id, &staff, &stamp),
            None => ctx.store.add_staff(&staff, &stamp).map(|_| ()),
        };
        match result.and_then(|()| ctx.store.staff()) {
            Ok(list) => {
                self.staff = list;
                self.load_accounts(ctx.store);
                self.notices.ok(STAFF, format!("已保存人员 {}", staff.name));
                self.draft = StaffDraft {
                    active: true,
                    ..StaffDraft::default()
                };
                Action::OfficeChanged
            }
            Err(e) => {
                self.notices.error(STAFF, e.to_string());
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

    fn form_open(&self) -> bool {
        false
    }

    fn reload(&mut self, store: &Store, _now: chrono::NaiveDateTime) {
        // The staff list is the one thing other screens change; who is signed in changes at
        // a hand-over.
        if let Ok(staff) = store.staff() {
            self.staff = staff;
        }
        self.load_accounts(store);
        // Backups come and go with the desk's own backups and the thinning.
        self.backup.reload(store);
    }
}
