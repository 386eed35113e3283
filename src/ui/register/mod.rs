//! 房屋与业主档案: search the register as you type, see a unit's owners and history, add and
//! edit, print the owner card, import a roster spreadsheet.

mod editor;
mod import;
mod view;

pub use editor::{PersonDraft, PersonField, UnitDraft, UnitField};
pub use import::{ImportState, Message as ImportMessage};

use chrono::NaiveDateTime;

use super::{About, Action, Command, Ctx, Notice, Notices, PrintJob, Screen};
use crate::domain::SearchQuery;
use crate::domain::person::{PersonId, Relation};
use crate::domain::unit::{UnitId, UnitStatus};
use crate::store::{LogEntry, PersonRecord, SearchPage, Store, StoreError, UnitRecord};

/// Rows per page of results.
pub const PAGE_SIZE: usize = 20;

/// The id of the search field, for focusing it and for tests.
pub const SEARCH_ID: &str = "register-search";

/// The id of the purpose field when revealing an ID number.
pub const PURPOSE_ID: &str = "register-reveal-purpose";

/// The unit on the right-hand side, with its people and history.
#[derive(Debug, Clone)]
pub struct Selected {
    /// The unit.
    pub unit: UnitRecord,
    /// Its owners and residents.
    pub people: Vec<PersonRecord>,
    /// Its history, newest first.
    pub log: Vec<LogEntry>,
}

/// What the right-hand side shows besides the selected unit.
#[derive(Debug, Clone)]
pub enum Editor {
    /// Registering or editing a unit.
    Unit(UnitDraft),
    /// Adding or editing a person.
    Person(PersonDraft),
    /// Asking before removing a person.
    ConfirmRemove(PersonId, String),
    /// Asking why a full ID number is to be shown (查看完整身份证号).
    Reveal {
        /// Whose.
        person: PersonId,
        /// Their name.
        name: String,
        /// 用途, as typed.
        purpose: String,
    },
}

/// The register tab's state.
pub struct Register {
    query: String,
    results: SearchPage,
    selected: Option<Selected>,
    editor: Option<Editor>,
    import: Option<ImportState>,
    /// A full ID number revealed for a stated purpose, shown until another unit is chosen.
    revealed: Option<(PersonId, String)>,
    notices: Notices,
}

/// What can happen in the register tab.
#[derive(Debug, Clone)]
pub enum Message {
    /// The search text changed.
    SearchChanged(String),
    /// Show another page of results.
    PageTo(usize),
    /// A unit was chosen in the results.
    Select(UnitId),
    /// Start registering a new unit.
    NewUnit,
    /// Edit the selected unit.
    EditUnit,
    /// A unit field was edited.
    UnitEdited(UnitField, String),
    /// The unit's status was chosen.
    UnitStatusPicked(UnitStatus),
    /// Add an owner or resident to the selected unit.
    AddPerson,
    /// Edit a person of the selected unit.
    EditPerson(PersonId),
    /// A person field was edited.
    PersonEdited(PersonField, String),
    /// The person's relation was chosen.
    RelationPicked(Relation),
    /// Ask before removing a person.
    RemovePerson(PersonId),
    /// Removal confirmed.
    ConfirmRemove(PersonId),
    /// Ask the purpose before showing this person's full ID number.
    Reveal(PersonId),
    /// The purpose was typed.
    PurposeEdited(String),
    /// Save what the editor holds.
    Save,
    /// Close the editor without saving.
    Cancel,
    /// Print the selected unit's owner card.
    PrintCard,
    /// Something happened in the roster import.
    Import(import::Message),
}

impl Register {
    /// The tab with the first page of the whole register.
    pub fn new(store: &Store) -> Result<Register, StoreError> {
        Ok(Register {
            query: String::new(),
            results: store.search_units(&SearchQuery::All, 0, PAGE_SIZE)?,
            selected: None,
            editor: None,
            import: None,
            revealed: None,
            notices: Notices::default(),
        })
    }

    /// The current page of results.
    pub fn results(&self) -> &SearchPage {
        &self.results
    }

    /// The selected unit, if any.
    pub fn selected(&self) -> Option<&Selected> {
        self.selected.as_ref()
    }

    /// The open editor, if any.
    pub fn editor(&self) -> Option<&Editor> {
        self.editor.as_ref()
    }

    /// The message shown beside what is on screen, if any.
    pub fn message(&self) -> Option<&Notice> {
        self.notices.about(self.on_screen())
    }

    /// What the right-hand side shows: a form, the selected unit, or nothing.
    pub fn on_screen(&self) -> About {
        match (&self.import, &self.editor, &self.selected) {
            (Some(_), _, _) => About::form("import"),
            (None, Some(Editor::Unit(d)), _) => {
                About::record("unit-form", d.editing.map_or(0, |id| id.0))
            }
            (None, Some(Editor::Person(d)), _) => {
                About::record("person-form", d.editing.as_ref().map_or(0, |(id, _)| id.0))
            }
            (None, Some(Editor::ConfirmRemove(id, _)), _) => About::record("remove", id.0),
            (None, Some(Editor::Reveal { person, .. }), _) => About::record("reveal", person.0),
            (None, None, Some(s)) => About::record("unit", s.unit.id.0),
            (None, None, None) => About::TAB,
        }
    }

    /// Reports a success about what is on screen now.
    fn ok(&mut self, text: impl Into<String>) {
        self.notices.ok(self.on_screen(), text);
    }

    /// Reports a problem about what is on screen now.
    fn fail(&mut self, text: impl Into<String>) {
        self.notices.error(self.on_screen(), text);
    }

    /// The roster import in progress, if any.
    pub fn import(&self) -> Option<&ImportState> {
        self.import.as_ref()
    }

    fn search(&mut self, store: &Store, page: usize) {
        let query = SearchQuery::parse(&self.query);
        match store.search_units(&query, page, PAGE_SIZE) {
            Ok(results) => self.results = results,
            Err(e) => self.fail(e.to_string()),
        }
    }

    /// Opens a unit from elsewhere (a line of 今日): its record on the right, any open form
    /// closed, as if chosen in the results.
    pub fn open(&mut self, store: &Store, id: UnitId) {
        self.editor = None;
        self.select(store, id);
    }

    fn select(&mut self, store: &Store, id: UnitId) {
        let loaded = (|| {
            Ok::<_, StoreError>(Selected {
                unit: store.unit(id)?,
                people: store.people_of(id)?,
                log: store.unit_log(id)?,
            })
        })();
        match loaded {
            Ok(s) => {
                // A full ID number stays on screen only while its unit does.
                if self.selected.as_ref().map(|s| s.unit.id) != Some(id) {
                    self.revealed = None;
                }
                self.selected = Some(s);
            }
            Err(e) => self.fail(e.to_string()),
        }
    }

    /// Handles a message.
    pub fn update(&mut self, message: Message, ctx: &mut Ctx<'_>) -> Action<Message> {
        match message {
            Message::SearchChanged(q) => {
                self.query = q;
                self.search(ctx.store, 0);
                // One exact hit is what the receptionist was looking for: show it.
                if self.results.total == 1
                    && let Some(id) = self.results.rows.first().map(|r| r.unit.id)
                {
                    self.select(ctx.store, id);
                }
            }
            Message::PageTo(page) => self.search(ctx.store, page.min(self.results.pages() - 1)),
            Message::Select(id) => {
                self.editor = None;
                self.select(ctx.store, id);
            }
            Message::NewUnit => {
                let address = match SearchQuery::parse(&self.query) {
                    SearchQuery::Address {
                        building,
                        entrance: Some(e),
                        room: Some(r),
                    } => {
                        format!("{building}-{e}-{r:04}")
                    }
                    _ => String::new(),
                };
                self.editor = Some(Editor::Unit(UnitDraft {
                    address,
                    ..UnitDraft::default()
                }));
            }
            Message::EditUnit => {
                if let Some(s) = &self.selected {
                    self.editor = Some(Editor::Unit(UnitDraft::from_record(&s.unit)));
                }
            }
            Message::UnitEdited(f, v) => {
                if let Some(Editor::Unit(d)) = &mut self.editor {
                    d.set(f, v);
                }
                self.notices.edited(self.on_screen());
            }
            Message::UnitStatusPicked(s) => {
                if let Some(Editor::Unit(d)) = &mut self.editor {
                    d.status = s;
                }
            }
            Message::AddPerson => {
                if let Some(s) = &self.selected {
                    self.editor = Some(Editor::Person(PersonDraft::new(s.unit.id)));
                }
            }
            Message::EditPerson(id) => {
                if let Some(p) = self
                    .selected
                    .as_ref()
                    .and_then(|s| s.people.iter().find(|p| p.id == id))
                {
                    self.editor = Some(Editor::Person(PersonDraft::from_record(p)));
                }
            }
            Message::PersonEdited(f, v) => {
                if let Some(Editor::Person(d)) = &mut self.editor {
                    d.set(f, v);
                }
                self.notices.edited(self.on_screen());
            }
            Message::RelationPicked(r) => {
                if let Some(Editor::Person(d)) = &mut self.editor {
                    d.relation = r;
                }
            }
            Message::RemovePerson(id) => {
                if let Some(p) = self
                    .selected
                    .as_ref()
                    .and_then(|s| s.people.iter().find(|p| p.id == id))
                {
                    self.editor = Some(Editor::ConfirmRemove(id, p.person.name.clone()));
                }
            }
            Message::ConfirmRemove(id) => self.remove(ctx, id),
            Message::Reveal(id) => {
                if let Some(p) = self
                    .selected
                    .as_ref()
                    .and_then(|s| s.people.iter().find(|p| p.id == id))
                {
                    self.editor = Some(Editor::Reveal {
                        person: id,
                        name: p.person.name.clone(),
                        purpose: String::new(),
                    });
                }
            }
            Message::PurposeEdited(v) => {
                if let Some(Editor::Reveal { purpose, .. }) = &mut self.editor {
                    *purpose = v;
                }
                self.notices.edited(self.on_screen());
            }
            Message::Save => self.save(ctx),
            Message::Cancel => {
                self.editor = None;
                self.notices.clear();
            }
            Message::PrintCard => {
                if let Some(s) = &self.selected {
                    return Action::Print(PrintJob::OwnerCard(s.unit.unit.address));
                }
            }
            Message::Import(m) => return self.update_import(m, ctx),
        }
        Action::None
    }

    fn remove(&mut self, ctx: &mut Ctx<'_>, id: PersonId) {
        let rec = match ctx.recorder() {
            Ok(rec) => rec,
            Err(e) => {
                self.fail(e);
                return;
            }
        };
        match ctx.store.remove_person(id, &rec) {
            Ok(()) => {
                self.editor = None;
                self.ok("已移除");
                self.refresh(ctx.store);
            }
            Err(e) => self.fail(e.to_string()),
        }
    }

    /// Validates and saves the editor's draft; nothing is written unless every field is valid.
    fn save(&mut self, ctx: &mut Ctx<'_>) {
        const INVALID: &str = "有填写不正确的地方，请按红字提示修改";
        let saved: Result<(UnitId, String), String> = match &mut self.editor {
            None | Some(Editor::ConfirmRemove(..)) => return,
            Some(Editor::Reveal {
                person, purpose, ..
            }) => {
                let person = *person;
                let purpose = purpose.clone();
                return self.reveal(ctx, person, &purpose);
            }
            Some(Editor::Unit(d)) => match (d.validate(), ctx.recorder()) {
                (None, _) => Err(INVALID.to_string()),
                (_, Err(e)) => Err(e),
                (Some(unit), Ok(rec)) => match d.editing {
                    Some(id) => ctx.store.update_unit(id, &unit, &rec).map(|()| id),
                    None => ctx.store.add_unit(&unit, &rec),
                }
                .map(|id| (id, format!("已保存 {}", unit.address)))
                .map_err(|e| e.to_string()),
            },
            Some(Editor::Person(d)) => match (d.validate(), ctx.recorder()) {
                (None, _) => Err(INVALID.to_string()),
                (_, Err(e)) => Err(e),
                (Some(person), Ok(rec)) => {
                    let unit = d.unit;
                    match &d.editing {
                        Some((id, _)) => ctx.store.update_person(*id, &person, &rec),
                        None => ctx.store.add_person(unit, &person, &rec).map(|_| ()),
                    }
                    .map(|()| {
                        (
                            unit,
                            format!("已保存{} {}", person.relation.label(), person.name),
                        )
                    })
                    .map_err(|e| e.to_string())
                }
            },
        };
        match saved {
            Ok((unit, text)) => {
                self.editor = None;
                self.search(ctx.store, self.results.page);
                self.select(ctx.store, unit);
                self.ok(text);
            }
            Err(e) => self.fail(e),
        }
    }

    /// Shows `person`'s full ID number for `purpose`: the store lets the supervisor (or
    /// someone the supervisor countersigns for) see it, and logs each reveal.
    fn reveal(&mut self, ctx: &mut Ctx<'_>, person: PersonId, purpose: &str) {
        let rec = ctx.stamp();
        match ctx.store.reveal_id(person, purpose, &rec) {
            Ok(Some(full)) => {
                self.editor = None;
                self.revealed = Some((person, full));
                self.ok("已显示完整身份证号，本次查看已记入操作日志");
            }
            Ok(None) => {
                self.editor = None;
                self.fail("这个人没有登记身份证号");
            }
            Err(e) => self.fail(e.to_string()),
        }
    }

    /// The full ID number revealed for `person`, if it is on screen.
    pub fn revealed(&self, person: PersonId) -> Option<&str> {
        self.revealed
            .as_ref()
            .filter(|(p, _)| *p == person)
            .map(|(_, id)| id.as_str())
    }

    /// Reloads the results and the selected unit after a change.
    fn refresh(&mut self, store: &Store) {
        self.search(store, self.results.page);
        if let Some(id) = self.selected.as_ref().map(|s| s.unit.id) {
            self.select(store, id);
        }
    }

    fn update_import(&mut self, m: import::Message, ctx: &mut Ctx<'_>) -> Action<Message> {
        if m.is_report() && self.import.is_none() {
            // A read that finished after the import was closed.
            return Action::None;
        }
        let state = self.import.get_or_insert_with(ImportState::default);
        match state.update(m, ctx) {
            import::Outcome::None => Action::None,
            import::Outcome::Run(task) => Action::Run(task.map(Message::Import)),
            import::Outcome::Imported(text) => {
                self.import = None;
                self.ok(text);
                self.refresh(ctx.store);
                Action::None
            }
            import::Outcome::Closed => {
                self.import = None;
                Action::None
            }
        }
    }
}

impl Screen for Register {
    type Message = Message;

    fn command(&mut self, command: Command, ctx: &mut Ctx<'_>) -> Action<Message> {
        let message = match (command, &self.import, &self.editor) {
            // The import has its own buttons; Esc closes it.
            (Command::Cancel, Some(_), _) => Message::Import(import::Message::Close),
            (_, Some(_), _) => return Action::None,
            (Command::Submit, None, Some(Editor::ConfirmRemove(id, _))) => {
                Message::ConfirmRemove(*id)
            }
            (Command::Submit, None, Some(_)) => Message::Save,
            (Command::Cancel, None, Some(_)) => Message::Cancel,
            // Enter in the search box opens the first unit found.
            (Command::Submit, None, None) => match self.results.rows.first() {
                Some(row) => Message::Select(row.unit.id),
                None => return Action::None,
            },
            (Command::Cancel, None, None) if !self.query.is_empty() => {
                Message::SearchChanged(String::new())
            }
            (Command::Print, None, _) if self.selected.is_some() => Message::PrintCard,
            _ => return Action::None,
        };
        self.update(message, ctx)
    }

    fn search_id(&self) -> Option<&'static str> {
        Some(SEARCH_ID)
    }

    fn form_open(&self) -> bool {
        self.editor.is_some() || self.import.is_some()
    }

    fn reload(&mut self, store: &Store, _now: NaiveDateTime) {
        // Other tabs write to units (status, history): show what they wrote.
        self.refresh(store);
    }
}
