//! Who is at the desk, as the window sees it: the first supervisor's account on a fresh file,
//! the sign-in screen, the lock after the desk sat idle, the shift hand-over (交接班) and the
//! countersign (会签) asked for when the store refuses a write for want of a role.
//!
//! The store checks every PIN and keeps who is signed in; this module holds only what is typed
//! and tells the desk what to do next ([`Outcome`]). While a [`Cover`] is up the desk shows
//! nothing else and its tabs keep their state untouched, so unlocking returns to the same screen
//! with unsaved input intact. A PIN typed here is cleared as soon as the store has seen it.

mod submit;
mod view;

use chrono::NaiveDateTime;

use super::{Command, StaffChoice};
use crate::store::{Actor, Refusal, Store};

/// The id of the PIN field of whichever sign-in form is on screen (one at a time).
pub const PIN_ID: &str = "session-pin";
/// The id of the first supervisor's second PIN field.
pub const PIN_AGAIN_ID: &str = "session-pin-again";
/// The id of the first supervisor's name field.
pub const NAME_ID: &str = "session-name";
/// The id of the first supervisor's phone field.
pub const PHONE_ID: &str = "session-phone";
/// The id of the hand-over's note (what is pending).
pub const NOTE_ID: &str = "session-note";

/// Said when Enter is pressed on an empty PIN field: not counted as a wrong try.
const NO_PIN: &str = "请输入PIN";

/// What covers the whole window: nothing else is drawn, and keys go only here.
#[derive(Debug, Clone)]
pub enum Cover {
    /// A fresh file: the first supervisor's account, before anything else.
    First(FirstDraft),
    /// Choose your name and enter your PIN.
    SignIn(SignIn),
    /// The desk sat idle: the person signed in enters their PIN again, or hands over (换人).
    Locked(Locked),
}

/// The first supervisor as typed.
#[derive(Debug, Clone, Default)]
pub struct FirstDraft {
    name: String,
    phone: String,
    pin: String,
    again: String,
    error: Option<String>,
}

/// The sign-in screen as typed.
#[derive(Debug, Clone, Default)]
pub struct SignIn {
    /// The name as typed (the keyboard's way to choose; a click fills it in).
    name: String,
    who: Option<StaffChoice>,
    pin: String,
    error: Option<String>,
}

/// The lock screen: the PIN of the person signed in, or a hand-over to someone else.
#[derive(Debug, Clone, Default)]
pub struct Locked {
    pin: String,
    error: Option<String>,
    hand_over: Option<HandOver>,
}

/// A shift change as typed: the next person, their PIN, what is pending.
#[derive(Debug, Clone, Default)]
pub struct HandOver {
    name: String,
    next: Option<StaffChoice>,
    pin: String,
    note: String,
    error: Option<String>,
}

/// The countersign asked for after a refused write.
#[derive(Debug, Clone)]
pub struct Countersign {
    refusal: Refusal,
    signers: Vec<StaffChoice>,
    name: String,
    who: Option<StaffChoice>,
    pin: String,
    error: Option<String>,
    /// The message that was refused, sent again once the countersign is given.
    retry: Option<Box<super::Message>>,
}

/// A dialog over the tabs (drawn in place of the tab on screen, which keeps its state).
#[derive(Debug, Clone)]
pub enum Dialog {
    /// 交接班.
    HandOver(HandOver),
    /// 会签.
    Countersign(Countersign),
}

/// The first supervisor's fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FirstField {
    /// 姓名.
    Name,
    /// 手机号.
    Phone,
    /// PIN.
    Pin,
    /// PIN again.
    Again,
}

/// What can happen on the sign-in, lock, hand-over and countersign screens.
#[derive(Debug, Clone)]
pub enum Message {
    /// A field of the first supervisor's form was typed.
    FirstEdited(FirstField, String),
    /// Create the first supervisor's account.
    SetUp,
    /// A name was chosen: who signs in, takes over, or countersigns.
    Picked(StaffChoice),
    /// A name was typed (the keyboard's way to choose): a unique match is chosen.
    NameTyped(String),
    /// The PIN of the form on screen was typed.
    PinEdited(String),
    /// The hand-over's note was typed.
    NoteEdited(String),
    /// Submit the form on screen (sign in, unlock, hand over, countersign).
    Submit,
    /// Close the hand-over or the countersign (Esc, 取消).
    Cancel,
    /// 锁定: lock the desk now.
    Lock,
    /// 交接班 (or 换人 on the lock screen): open the hand-over.
    StartHandOver,
}

/// What the desk does after a session message.
#[derive(Debug, Clone)]
pub enum Outcome {
    /// Nothing more.
    None,
    /// Put the cursor in this field (a name was just clicked; the PIN comes next).
    Focus(&'static str),
    /// Someone signed in or took over: the desk reloads for them; `first` when it is the
    /// first supervisor of a fresh file.
    SignedIn {
        /// The account was just created.
        first: bool,
    },
    /// The person signed in unlocked the desk: everything as it was.
    Unlocked,
    /// A countersign was given: the refused message is sent again.
    Retry(Option<Box<super::Message>>),
}

/// Who is at the desk, as the window draws it.
#[derive(Debug, Clone, Default)]
pub struct Session {
    cover: Option<Cover>,
    dialog: Option<Dialog>,
    /// Active staff with a PIN: who may sign in or take over.
    choices: Vec<StaffChoice>,
}

impl Session {
    /// The screen the desk opens on: the first supervisor's form on a fresh file, the sign-in
    /// screen, or nothing when the store is already signed in.
    pub fn new(store: &Store) -> Session {
        let mut s = Session::default();
        s.reload(store);
        s.cover = if store.needs_first_supervisor().unwrap_or(false) {
            Some(Cover::First(FirstDraft::default()))
        } else if store.signed_in().is_some() {
            None
        } else {
            Some(Cover::SignIn(SignIn::default()))
        };
        s
    }

    /// Reloads who may sign in (a PIN set or a person added in 设置).
    pub fn reload(&mut self, store: &Store) {
        self.choices = store
            .staff()
            .unwrap_or_default()
            .into_iter()
            .filter(|s| s.staff.active && store.has_secret(s.id).unwrap_or(false))
            .map(|s| StaffChoice {
                id: s.id,
                label: format!("{}（{}）", s.staff.name, s.staff.role.label()),
            })
            .collect();
    }

    /// Who may sign in or take over.
    pub fn choices(&self) -> &[StaffChoice] {
        &self.choices
    }

    /// What covers the window, if anything.
    pub fn cover(&self) -> Option<&Cover> {
        self.cover.as_ref()
    }

    /// Whether the desk is locked.
    pub fn locked(&self) -> bool {
        matches!(self.cover, Some(Cover::Locked(_)))
    }

    /// The dialog over the tabs, if one is open.
    pub fn dialog(&self) -> Option<&Dialog> {
        self.dialog.as_ref()
    }

    /// Locks the desk (idle, or 锁定): the tabs stay as they are underneath. A PIN half typed
    /// in a dialog is dropped, so nobody finds it there.
    pub fn lock(&mut self) {
        if self.cover.is_none() {
            self.cover = Some(Cover::Locked(Locked::default()));
            match &mut self.dialog {
                Some(Dialog::HandOver(h)) => h.pin.clear(),
                Some(Dialog::Countersign(c)) => c.pin.clear(),
                None => {}
            }
        }
    }

    /// The store refused a write for want of a role: ask someone who has it for their PIN,
    /// then send `retry` again.
    pub fn ask_countersign(
        &mut self,
        refusal: Refusal,
        retry: Option<super::Message>,
        store: &Store,
    ) {
        let signers: Vec<StaffChoice> = store
            .who_may_sign(refusal.action, refusal.building)
            .unwrap_or_default()
            .iter()
            .map(choice)
            .collect();
        // One person who may sign is the usual case in a small office: chosen already.
        let who = match signers.as_slice() {
            [only] => Some(only.clone()),
            _ => None,
        };
        self.dialog = Some(Dialog::Countersign(Countersign {
            refusal,
            name: who.as_ref().map(name_of).unwrap_or_default(),
            signers,
            who,
            pin: String::new(),
            error: None,
            retry: retry.map(Box::new),
        }));
    }

    /// A key no form took, while a cover or a dialog is up: Enter submits, Esc closes.
    pub fn command(&self, command: Command) -> Option<Message> {
        match command {
            Command::Submit => Some(Message::Submit),
            Command::Cancel => Some(Message::Cancel),
            _ => None,
        }
    }

    /// Handles a message; `store` checks the PINs.
    pub fn update(&mut self, message: Message, store: &mut Store, now: NaiveDateTime) -> Outcome {
        match message {
            Message::FirstEdited(field, value) => {
                if let Some(Cover::First(d)) = &mut self.cover {
                    let slot = match field {
                        FirstField::Name => &mut d.name,
                        FirstField::Phone => &mut d.phone,
                        FirstField::Pin => &mut d.pin,
                        FirstField::Again => &mut d.again,
                    };
                    *slot = value;
                    d.error = None;
                }
                Outcome::None
            }
            Message::SetUp => self.set_up(store, now),
            Message::NameTyped(typed) => {
                let me = store.signed_in().map(|a| a.id);
                let (choices, except) = match (&self.dialog, &self.cover) {
                    (_, Some(Cover::SignIn(_))) => (self.choices.clone(), None),
                    (Some(Dialog::Countersign(c)), None) => (c.signers.clone(), None),
                    _ => (self.choices.clone(), me),
                };
                let found = typed_match(&choices, &typed, except);
                if let Some((name, who, error)) = self.name_slot() {
                    *name = typed;
                    *who = found;
                    *error = None;
                }
                Outcome::None
            }
            Message::Picked(who) => {
                if let Some((name, _, _)) = self.name_slot() {
                    *name = name_of(&who);
                }
                match (&mut self.dialog, &mut self.cover) {
                    (_, Some(Cover::SignIn(d))) => {
                        d.who = Some(who);
                        d.error = None;
                    }
                    (
                        _,
                        Some(Cover::Locked(Locked {
                            hand_over: Some(h), ..
                        })),
                    )
                    | (Some(Dialog::HandOver(h)), None) => {
                        h.next = Some(who);
                        h.error = None;
                    }
                    (Some(Dialog::Countersign(c)), None) => {
                        c.who = Some(who);
                        c.error = None;
                    }
                    _ => return Outcome::None,
                }
                Outcome::Focus(PIN_ID)
            }
            Message::PinEdited(pin) => {
                if let Some((slot, error)) = self.pin_slot() {
                    *slot = pin;
                    *error = None;
                }
                Outcome::None
            }
            Message::NoteEdited(note) => {
                if let Some(h) = self.hand_over_mut() {
                    h.note = note;
                }
                Outcome::None
            }
            Message::Submit => self.submit(store, now),
            Message::Cancel => {
                match &mut self.cover {
                    Some(Cover::Locked(l)) => l.hand_over = None,
                    Some(_) => {}
                    None => self.dialog = None,
                }
                Outcome::None
            }
            Message::Lock => {
                self.lock();
                Outcome::Focus(PIN_ID)
            }
            Message::StartHandOver => {
                self.reload(store);
                match &mut self.cover {
                    Some(Cover::Locked(l)) => l.hand_over = Some(HandOver::default()),
                    Some(_) => return Outcome::None,
                    None => self.dialog = Some(Dialog::HandOver(HandOver::default())),
                }
                Outcome::None
            }
        }
    }

    /// The name field of the form on screen, who it chose, and its message.
    fn name_slot(
        &mut self,
    ) -> Option<(&mut String, &mut Option<StaffChoice>, &mut Option<String>)> {
        match (&mut self.cover, &mut self.dialog) {
            (Some(Cover::SignIn(d)), _) => Some((&mut d.name, &mut d.who, &mut d.error)),
            (
                Some(Cover::Locked(Locked {
                    hand_over: Some(h), ..
                })),
                _,
            )
            | (None, Some(Dialog::HandOver(h))) => Some((&mut h.name, &mut h.next, &mut h.error)),
            (None, Some(Dialog::Countersign(c))) => Some((&mut c.name, &mut c.who, &mut c.error)),
            _ => None,
        }
    }

    /// The PIN field of the form on screen, and its message.
    fn pin_slot(&mut self) -> Option<(&mut String, &mut Option<String>)> {
        match (&mut self.cover, &mut self.dialog) {
            (Some(Cover::SignIn(d)), _) => Some((&mut d.pin, &mut d.error)),
            (Some(Cover::Locked(l)), _) => match &mut l.hand_over {
                Some(h) => Some((&mut h.pin, &mut h.error)),
                None => Some((&mut l.pin, &mut l.error)),
            },
            (Some(Cover::First(_)), _) => None,
            (None, Some(Dialog::HandOver(h))) => Some((&mut h.pin, &mut h.error)),
            (None, Some(Dialog::Countersign(c))) => Some((&mut c.pin, &mut c.error)),
            (None, None) => None,
        }
    }

    fn hand_over_mut(&mut self) -> Option<&mut HandOver> {
        match (&mut self.cover, &mut self.dialog) {
            (Some(Cover::Locked(l)), _) => l.hand_over.as_mut(),
            (None, Some(Dialog::HandOver(h))) => Some(h),
            _ => None,
        }
    }
}

/// `王强（客户服务员）` as a name to click.
/// The name in a choice's label (`张敏（客户接待员）` → `张敏`).
fn name_of(c: &StaffChoice) -> String {
    c.label.split('（').next().unwrap_or_default().to_string()
}

/// The one choice (other than `except`) whose name starts with what was typed, if exactly one
/// does; a full name that is also the start of another's wins.
fn typed_match(
    choices: &[StaffChoice],
    typed: &str,
    except: Option<crate::domain::staff::StaffId>,
) -> Option<StaffChoice> {
    let typed = typed.trim();
    if typed.is_empty() {
        return None;
    }
    let candidates: Vec<&StaffChoice> = choices
        .iter()
        .filter(|c| except != Some(c.id) && name_of(c).starts_with(typed))
        .collect();
    match candidates.as_slice() {
        [only] => Some((*only).clone()),
        _ => candidates
            .into_iter()
            .find(|c| name_of(c) == typed)
            .cloned(),
    }
}

fn choice(a: &Actor) -> StaffChoice {
    StaffChoice {
        id: a.id,
        label: a.title(),
    }
}
