//! The 银行代扣 pane of 收费管理: the owners' agreements (account numbers masked), a new one and
//! ending one; a month's request file for the bank (the rows and total first, the warning that
//! the file holds full account numbers, then where to save it); and the bank's result file
//! (read off the UI thread, previewed with every bad row, then paid all or nothing).

mod agreement;
mod export;
mod import;
mod view;

pub use agreement::{AgreementDraft, AgreementField};
pub use export::{EXPORT_MONTH_ID, EXPORT_WARNING, ExportState};
pub use import::ImportState;

use std::path::PathBuf;

use chrono::{NaiveDate, NaiveDateTime};
use iced::Element;

use super::PaneScreen;
use crate::domain::Month;
use crate::domain::date::parse_date;
use crate::store::{BankAgreement, Store};
use crate::ui::{About, Action, Command, Ctx, Notice, Notices};

/// The id of the end date's field.
pub const END_DATE_ID: &str = "bank-end-date";

/// What the pane shows besides the agreements list.
#[derive(Debug, Clone)]
pub enum Editor {
    /// A new agreement.
    New(AgreementDraft),
    /// Ending the selected agreement: the date typed and its message.
    End(String, Option<String>),
    /// A month's request file.
    Export(ExportState),
    /// The bank's result file.
    Import(ImportState),
}

/// The pane's state.
pub struct BankPane {
    agreements: Result<Vec<BankAgreement>, String>,
    selected: Option<i64>,
    editor: Option<Editor>,
    month: Month,
    today: NaiveDate,
    notices: Notices,
}

/// What can happen in the pane.
#[derive(Debug, Clone)]
pub enum Message {
    /// An agreement was chosen.
    Select(i64),
    /// Open the new-agreement form.
    New,
    /// A field of the new agreement was edited.
    Edited(AgreementField, String),
    /// Open the form that ends the selected agreement.
    StartEnd,
    /// The end date was edited.
    EndDate(String),
    /// Save the open form (new agreement, end).
    Save,
    /// Close what is open.
    Cancel,
    /// Open the month's request file.
    StartExport,
    /// The export's month was edited.
    ExportMonth(String),
    /// Show the requests of the month typed.
    ExportShow,
    /// Ask where to save the request file.
    ExportSave,
    /// Where to save it was chosen (or the dialog cancelled).
    ExportTo(Option<PathBuf>),
    /// Open the file dialog for the bank's result file.
    PickResult,
    /// A result file was chosen (or the dialog cancelled); tests send a path here.
    ResultPicked(Option<PathBuf>),
    /// A result file was read (read number, what it holds or why not).
    ResultRead(u64, Result<import::ReadFile, String>),
    /// Pay the previewed rows (确认入账).
    ConfirmImport,
}

impl BankPane {
    /// The pane as of `now`; it reads the store when it is shown ([`Self::reload`]), so
    /// the desk starts without working out lists nobody has asked for.
    pub fn new(_store: &Store, now: NaiveDateTime) -> BankPane {
        BankPane {
            agreements: Ok(Vec::new()),
            selected: None,
            editor: None,
            month: Month::of(now.date()),
            today: now.date(),
            notices: Notices::default(),
        }
    }

    /// The agreements listed.
    pub fn agreements(&self) -> &[BankAgreement] {
        self.agreements.as_deref().unwrap_or(&[])
    }

    fn selected_agreement(&self) -> Option<&BankAgreement> {
        self.agreements()
            .iter()
            .find(|a| a.id.is_some() && a.id == self.selected)
    }

    /// What the messages on screen are about.
    pub fn on_screen(&self) -> About {
        let id = self.selected.unwrap_or(0);
        match &self.editor {
            Some(Editor::New(_)) => About::form("bank-new"),
            Some(Editor::End(..)) => About::record("bank-end", id),
            Some(Editor::Export(_)) => About::form("bank-export"),
            Some(Editor::Import(_)) => About::form("bank-import"),
            None if id == 0 => About::TAB,
            None => About::record("bank-agreement", id),
        }
    }

    /// The message about what is on screen.
    pub fn message(&self) -> Option<&Notice> {
        self.notices.about(self.on_screen())
    }

    /// Handles a message of the pane.
    pub fn update(&mut self, message: Message, ctx: &mut Ctx<'_>) -> Action<Message> {
        match message {
            Message::Select(id) => {
                self.editor = None;
                self.selected = Some(id);
            }
            Message::New => {
                self.editor = Some(Editor::New(AgreementDraft::new(self.today)));
            }
            Message::Edited(f, v) => {
                if let Some(Editor::New(d)) = &mut self.editor {
                    d.set(f, v);
                }
                self.notices.edited(self.on_screen());
            }
            Message::StartEnd => {
                if self
                    .selected_agreement()
                    .is_some_and(|a| a.ended_on.is_none())
                {
                    let today = crate::domain::date::table_date(self.today);
                    self.editor = Some(Editor::End(today, None));
                }
            }
            Message::EndDate(v) => {
                if let Some(Editor::End(d, e)) = &mut self.editor {
                    *d = v;
                    *e = None;
                }
            }
            Message::Save => match &self.editor {
                Some(Editor::New(_)) => self.save_new(ctx),
                Some(Editor::End(..)) => self.end(ctx),
                _ => {}
            },
            Message::Cancel => self.editor = None,
            Message::StartExport => {
                self.editor = Some(Editor::Export(ExportState::new(ctx.store, self.month)));
            }
            Message::ExportMonth(v) => {
                if let Some(Editor::Export(e)) = &mut self.editor {
                    e.month_text = v;
                    e.month_error = None;
                }
            }
            Message::ExportShow => {
                if let Some(Editor::Export(e)) = &mut self.editor {
                    e.show(ctx.store);
                }
            }
            Message::ExportSave => {
                if let Some(Editor::Export(e)) = &self.editor
                    && let Some(name) = e.file_name()
                {
                    return Action::Run(export::ask_where(name).map(Message::ExportTo));
                }
            }
            Message::ExportTo(None) => {}
            Message::ExportTo(Some(path)) => self.export_to(path, ctx),
            Message::PickResult => {
                return Action::Run(import::ask_which().map(Message::ResultPicked));
            }
            Message::ResultPicked(None) => {}
            Message::ResultPicked(Some(path)) => {
                let mut state = ImportState::default();
                let task = state.load(path);
                self.editor = Some(Editor::Import(state));
                return Action::Run(task.map(|(n, r)| Message::ResultRead(n, r)));
            }
            Message::ResultRead(n, result) => {
                if let Some(Editor::Import(s)) = &mut self.editor {
                    s.show(n, result, ctx.store);
                }
            }
            Message::ConfirmImport => self.import(ctx),
        }
        Action::None
    }

    fn save_new(&mut self, ctx: &mut Ctx<'_>) {
        let about = self.on_screen();
        let Some(Editor::New(d)) = &mut self.editor else {
            return;
        };
        let Some(agreement) = d.check(ctx.store) else {
            return;
        };
        let done = ctx.recorder().and_then(|rec| {
            ctx.store
                .save_bank_agreement(&agreement, &rec)
                .map_err(|e| e.to_string())
        });
        match done {
            Ok(()) => {
                self.editor = None;
                self.refresh(ctx.store);
                // The new agreement is the unit's active one: select it.
                self.selected = self
                    .agreements()
                    .iter()
                    .find(|a| a.unit == agreement.unit && a.ended_on.is_none())
                    .and_then(|a| a.id);
                let text = format!(
                    "已签约：{} {} {}",
                    agreement.holder,
                    agreement.bank,
                    mask_account(&agreement.account)
                );
                self.notices.ok(self.on_screen(), text);
            }
            Err(e) => self.notices.error(about, e),
        }
    }

    fn end(&mut self, ctx: &mut Ctx<'_>) {
        let about = self.on_screen();
        let Some(unit) = self.selected_agreement().map(|a| a.unit) else {
            return;
        };
        let Some(Editor::End(typed, error)) = &mut self.editor else {
            return;
        };
        let on = match parse_date(typed) {
            Ok(d) => d,
            Err(e) => {
                *error = Some(e.to_string());
                return;
            }
        };
        let done = ctx.recorder().and_then(|rec| {
            ctx.store
                .end_bank_agreement(unit, on, &rec)
                .map_err(|e| e.to_string())
        });
        match done {
            Ok(()) => {
                self.editor = None;
                self.refresh(ctx.store);
                self.notices
                    .ok(self.on_screen(), "协议已终止，以后不再代扣");
            }
            Err(e) => self.notices.error(about, e),
        }
    }

    fn export_to(&mut self, path: PathBuf, ctx: &mut Ctx<'_>) {
        let about = self.on_screen();
        let Some(Editor::Export(e)) = &mut self.editor else {
            return;
        };
        let done = ctx
            .recorder()
            .and_then(|rec| e.export(&path, ctx.store, &rec));
        match done {
            Ok(text) => {
                self.editor = None;
                self.notices.ok(self.on_screen(), text);
            }
            Err(e) => self.notices.error(about, e),
        }
    }

    fn import(&mut self, ctx: &mut Ctx<'_>) {
        let about = self.on_screen();
        let Some(Editor::Import(s)) = &mut self.editor else {
            return;
        };
        let done = ctx.recorder().and_then(|rec| s.import(ctx.store, &rec));
        match done {
            Ok(text) => {
                self.editor = None;
                self.selected = None;
                self.refresh(ctx.store);
                self.notices.ok(self.on_screen(), text);
            }
            Err(e) => self.notices.error(about, e),
        }
    }

    /// The pane.
    pub fn view(&self) -> Element<'_, Message> {
        view::view(self)
    }

    fn refresh(&mut self, store: &Store) {
        self.agreements = store.bank_agreements().map_err(|e| e.to_string());
    }

    /// Reloads what other tabs or the clock change.
    pub fn reload(&mut self, store: &Store, now: NaiveDateTime) {
        self.today = now.date();
        self.month = Month::of(now.date());
        self.refresh(store);
    }
}

/// An account number as screens show it.
pub fn mask_account(account: &str) -> String {
    crate::domain::bank_account::mask_account(account)
}

impl PaneScreen for BankPane {
    type Message = Message;

    fn command(&mut self, command: Command, ctx: &mut Ctx<'_>) -> Action<Message> {
        match (command, &self.editor) {
            (Command::Submit, Some(Editor::New(_) | Editor::End(..))) => {
                self.update(Message::Save, ctx)
            }
            (Command::Cancel, Some(_)) => self.update(Message::Cancel, ctx),
            _ => Action::None,
        }
    }

    fn search_id(&self) -> Option<&'static str> {
        None
    }

    fn form_open(&self) -> bool {
        matches!(self.editor, Some(Editor::New(_) | Editor::End(..)))
    }
}
