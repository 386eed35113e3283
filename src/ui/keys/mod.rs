//! 钥匙管理: the key cabinet, lending and returns, handing keys to owners, label checks, the
//! overdue list, the end-of-day time, and the monthly key logs.

mod forms;
mod view;

pub use forms::{Edit, Field, IssueDraft, KeyDraft, LoanDraft};

use chrono::NaiveDateTime;

use super::{About, Action, Command, Ctx, Notice, Notices, PrintJob, Screen};
use crate::domain::Month;
use crate::domain::keys::{LabelCheck, parse_end_of_day};
use crate::store::{KeyId, KeyRecord, LoanRecord, Store, StoreError};

/// The id of the search field.
pub const SEARCH_ID: &str = "keys-search";
/// The id of the end-of-day field.
pub const END_OF_DAY_ID: &str = "keys-end-of-day";
/// The id of the return-condition field.
pub const CONDITION_ID: &str = "keys-return-condition";
/// What the end-of-day time's own messages are about: it sits in the list panel, beside
/// whatever key is selected.
pub const END_OF_DAY: About = About::form("end-of-day");
/// How many key sets the list shows.
pub const LIST_SIZE: usize = 40;

/// The key on the right, with its open loan and recent loans.
#[derive(Debug, Clone)]
pub struct Selected {
    /// The key set.
    pub key: KeyRecord,
    /// Its loan now, if lent.
    pub open: Option<LoanRecord>,
    /// Its recent loans.
    pub loans: Vec<LoanRecord>,
}

/// What the right-hand side is doing.
#[derive(Debug, Clone)]
pub enum Editor {
    /// Putting a new key set in the cabinet.
    NewKey(KeyDraft),
    /// Lending the selected key.
    Lend(LoanDraft),
    /// Handing the selected key to its owner.
    Issue(IssueDraft),
}

/// The keys tab's state.
pub struct Keys {
    query: String,
    list: Vec<KeyRecord>,
    overdue: Vec<LoanRecord>,
    now: NaiveDateTime,
    selected: Option<Selected>,
    editor: Option<Editor>,
    condition: String,
    end_of_day: String,
    /// The end of day in force (what the box holds may be typed and not yet saved).
    end_of_day_saved: chrono::NaiveTime,
    end_of_day_error: Option<String>,
    notices: Notices,
}

/// What can happen in the tab.
#[derive(Debug, Clone)]
pub enum Message {
    /// The search text changed.
    Search(String),
    /// A key set was chosen.
    Select(KeyId),
    /// Start adding a key set.
    NewKey,
    /// Start lending the selected key.
    Lend,
    /// Start handing the selected key to its owner.
    Issue,
    /// A form field changed.
    Form(forms::Edit),
    /// Save the open form.
    Save,
    /// Close the open form.
    Cancel,
    /// The return condition was edited.
    Condition(String),
    /// The selected key came back.
    Return,
    /// A label check of the selected key.
    Check(LabelCheck),
    /// The end-of-day time was edited.
    EndOfDay(String),
    /// Save the end-of-day time.
    SaveEndOfDay,
    /// Print this month's 钥匙借用登记表.
    PrintLoans,
    /// Print this month's 钥匙发放登记表.
    PrintIssues,
}

impl Keys {
    /// The tab, with the cabinet's first keys and the overdue list as of now.
    pub fn new(store: &Store, now: NaiveDateTime) -> Result<Keys, StoreError> {
        Ok(Keys {
            query: String::new(),
            list: store.keys("", LIST_SIZE)?,
            overdue: store.overdue_loans(now)?,
            now,
            selected: None,
            editor: None,
            condition: String::new(),
            end_of_day: store.key_settings()?.end_of_day.format("%H:%M").to_string(),
            end_of_day_saved: store.key_settings()?.end_of_day,
            end_of_day_error: None,
            notices: Notices::default(),
        })
    }

    /// The key sets listed.
    pub fn list(&self) -> &[KeyRecord] {
        &self.list
    }

    /// Keys past due, as of the last refresh.
    pub fn overdue(&self) -> &[LoanRecord] {
        &self.overdue
    }

    /// The selected key.
    pub fn selected(&self) -> Option<&Selected> {
        self.selected.as_ref()
    }

    /// The open form.
    pub fn editor(&self) -> Option<&Editor> {
        self.editor.as_ref()
    }

    /// The message shown beside what is on screen, if any.
    pub fn message(&self) -> Option<&Notice> {
        self.notices.about(self.on_screen())
    }

    /// The message about the end-of-day time, shown beside it.
    pub fn end_of_day_message(&self) -> Option<&Notice> {
        self.notices.about(END_OF_DAY)
    }

    /// What the right-hand side shows: a form (about its key), the selected key, or nothing.
    pub fn on_screen(&self) -> About {
        let id = self.selected.as_ref().map_or(0, |s| s.key.id.0);
        match &self.editor {
            Some(Editor::NewKey(_)) => About::form("new-key"),
            Some(Editor::Lend(_)) => About::record("lend", id),
            Some(Editor::Issue(_)) => About::record("issue", id),
            None if id == 0 => About::TAB,
            None => About::record("key", id),
        }
    }

    /// Reports a problem about what is on screen now.
    fn fail(&mut self, text: impl Into<String>) {
        self.notices.error(self.on_screen(), text);
    }

    /// Reloads the list, the overdue list (as of `now`) and the selected key.
    pub fn refresh_at(&mut self, store: &Store, now: NaiveDateTime) {
        self.now = now;
        let loaded = (|| {
            self.list = store.keys(&self.query, LIST_SIZE)?;
            self.overdue = store.overdue_loans(now)?;
            if let Some(id) = self.selected.as_ref().map(|s| s.key.id) {
                self.selected = Some(load(store, id)?);
            }
            Ok::<_, StoreError>(())
        })();
        if let Err(e) = loaded {
            self.fail(e.to_string());
        }
    }

    fn refresh(&mut self, store: &Store) {
        self.refresh_at(store, self.now);
    }

    /// Handles a message.
    pub fn update(&mut self, message: Message, ctx: &mut Ctx<'_>) -> Action<Message> {
        // The desk's one clock: overdue marks and the month to print follow it.
        self.now = ctx.now;
        match message {
            Message::Search(q) => {
                self.query = q;
                self.refresh(ctx.store);
                if let [only] = self.list.as_slice() {
                    let id = only.id;
                    self.select(ctx.store, id);
                }
            }
            Message::Select(id) => {
                self.editor = None;
                self.notices.clear();
                self.select(ctx.store, id);
            }
            Message::NewKey => self.editor = Some(Editor::NewKey(KeyDraft::new(&self.query))),
            Message::Lend => {
                if self.selected.is_some() {
                    self.editor = Some(Editor::Lend(LoanDraft::default()));
                }
            }
            Message::Issue => {
                if let Some(s) = &self.selected {
                    self.editor = Some(Editor::Issue(IssueDraft::new(s.key.key.count)));
                }
            }
            Message::Form(edit) => {
                if let Some(e) = &mut self.editor {
                    forms::apply(e, edit);
                    // The user is fixing the form: its error goes.
                    self.notices.edited(self.on_screen());
                }
            }
            Message::Save => self.save(ctx),
            Message::Cancel => {
                self.editor = None;
                self.notices.clear();
            }
            Message::Condition(c) => self.condition = c,
            Message::Return => {
                let Some(loan) = self
                    .selected
                    .as_ref()
                    .and_then(|s| s.open.as_ref())
                    .map(|l| l.id)
                else {
                    return Action::None;
                };
                let condition = self.condition.clone();
                let done = ctx.recorder().and_then(|rec| {
                    ctx.store
                        .return_key(loan, rec.at, &condition, &rec)
                        .map_err(|e| e.to_string())
                });
                if done.is_ok() {
                    self.condition.clear();
                }
                self.report(ctx.store, done.map(|()| "钥匙已归还入柜".into()));
            }
            Message::Check(result) => {
                let Some(id) = self.selected.as_ref().map(|s| s.key.id) else {
                    return Action::None;
                };
                let done = ctx.recorder().and_then(|rec| {
                    ctx.store
                        .check_key_label(id, result, "", &rec)
                        .map_err(|e| e.to_string())
                });
                self.report(
                    ctx.store,
                    done.map(|()| format!("已记录标签检查：{}", result.label())),
                );
            }
            Message::EndOfDay(t) => {
                self.end_of_day = t;
                self.end_of_day_error = None;
                self.notices.edited(END_OF_DAY);
            }
            Message::SaveEndOfDay => match parse_end_of_day(&self.end_of_day) {
                Ok(t) => {
                    self.end_of_day_error = None;
                    let stamp = ctx.stamp();
                    let done = ctx
                        .store
                        .key_settings()
                        .and_then(|mut s| {
                            s.end_of_day = t;
                            ctx.store.save_key_settings(&s, &stamp)
                        })
                        .map_err(|e| e.to_string());
                    if done.is_ok() {
                        self.end_of_day = t.format("%H:%M").to_string();
                        self.end_of_day_saved = t;
                    }
                    // Due times and the overdue list move with it.
                    self.refresh(ctx.store);
                    self.notices.report(
                        END_OF_DAY,
                        done.map(|()| format!("下班时间已改为 {}", self.end_of_day)),
                    );
                }
                Err(e) => self.end_of_day_error = Some(e),
            },
            Message::PrintLoans | Message::PrintIssues => {
                let month = Month::of(self.now.date());
                return Action::Print(if matches!(message, Message::PrintLoans) {
                    PrintJob::KeyLoans(month)
                } else {
                    PrintJob::KeyIssues(month)
                });
            }
        }
        Action::None
    }

    /// Opens a key set from elsewhere (a line of 今日): its detail and loans on the right, any
    /// open form closed, as if chosen in the cabinet.
    pub fn open(&mut self, store: &Store, now: NaiveDateTime, id: KeyId) {
        self.now = now;
        self.editor = None;
        self.notices.clear();
        self.select(store, id);
    }

    fn select(&mut self, store: &Store, id: KeyId) {
        match load(store, id) {
            Ok(s) => self.selected = Some(s),
            Err(e) => self.fail(e.to_string()),
        }
    }

    fn report(&mut self, store: &Store, done: Result<String, String>) {
        self.refresh(store);
        self.notices.report(self.on_screen(), done);
    }

    fn save(&mut self, ctx: &mut Ctx<'_>) {
        let rec = match ctx.recorder() {
            Ok(r) => r,
            Err(e) => {
                self.fail(e);
                return;
            }
        };
        let selected = self.selected.as_ref().map(|s| s.key.id);
        let settings = match ctx.store.key_settings() {
            Ok(s) => s,
            Err(e) => {
                self.fail(e.to_string());
                return;
            }
        };
        let done: Result<(KeyId, String), String> = match &mut self.editor {
            None => return,
            Some(Editor::NewKey(d)) => {
                let Some(key) = d.validate() else {
                    self.fail("有填写不正确的地方，请按红字提示修改");
                    return;
                };
                ctx.store
                    .add_key(&key, &rec)
                    .map(|id| (id, format!("挂钩 {} 已入柜", key.hook)))
                    .map_err(|e| e.to_string())
            }
            Some(Editor::Lend(d)) => {
                let (Some(id), Some(loan)) = (selected, d.validate(rec.at, &settings)) else {
                    self.fail("有填写不正确的地方，请按红字提示修改");
                    return;
                };
                let due = crate::domain::date::table_datetime(loan.due_at);
                ctx.store
                    .lend_key(id, &loan, &rec)
                    .map(|_| (id, format!("已借出，应还 {due}")))
                    .map_err(|e| e.to_string())
            }
            Some(Editor::Issue(d)) => {
                let (Some(id), Some(issue)) = (selected, d.validate()) else {
                    self.fail("有填写不正确的地方，请按红字提示修改");
                    return;
                };
                ctx.store
                    .issue_key(id, &issue, &rec)
                    .map(|()| (id, "钥匙已交业主".into()))
                    .map_err(|e| e.to_string())
            }
        };
        match done {
            Ok((id, text)) => {
                self.editor = None;
                self.select(ctx.store, id);
                self.report(ctx.store, Ok(text));
            }
            Err(e) => self.fail(e),
        }
    }
}

fn load(store: &Store, id: KeyId) -> Result<Selected, StoreError> {
    Ok(Selected {
        key: store.key(id)?,
        open: store.open_loan(id)?,
        loans: store.loans_of_key(id, 10)?,
    })
}

impl Screen for Keys {
    type Message = Message;

    fn command(&mut self, command: Command, ctx: &mut Ctx<'_>) -> Action<Message> {
        let message = match (command, &self.editor) {
            (Command::Submit, Some(_)) => Message::Save,
            (Command::Cancel, Some(_)) => Message::Cancel,
            // Enter in the search box opens the first key found.
            (Command::Submit, None) => match self.list.first() {
                Some(k) => Message::Select(k.id),
                None => return Action::None,
            },
            (Command::Cancel, None) if !self.query.is_empty() => Message::Search(String::new()),
            // The key tab prints the month's loan register (钥匙借用登记表).
            (Command::Print, None) => Message::PrintLoans,
            _ => return Action::None,
        };
        self.update(message, ctx)
    }

    fn search_id(&self) -> Option<&'static str> {
        Some(SEARCH_ID)
    }

    fn form_open(&self) -> bool {
        self.editor.is_some()
    }

    fn reload(&mut self, store: &Store, now: NaiveDateTime) {
        self.refresh_at(store, now);
    }
}
