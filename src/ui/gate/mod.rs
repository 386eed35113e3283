//! 物品放行: record a pass, have the service officer confirm fees, approve, print the 放行条,
//! and the guard's view of today's approved passes with one action to let each out.

mod draft;
mod view;

pub use draft::{DraftField, ITEM_NAME_IDS, ITEM_QTY_IDS, PassDraft};

use chrono::{NaiveDate, NaiveDateTime};

use super::{About, Action, Command, Ctx, Notice, Notices, PrintJob, Screen};
use crate::domain::Month;
use crate::domain::item_pass::{
    ApplicantKind, Arrears, FeesSignOff, PassReason, PassStatus, SupervisorOverride,
};
use crate::store::{PassId, PassRecord, Store};

/// How many passes the list shows.
pub const LIST_SIZE: usize = 30;
/// The id of the void-reason field.
pub const VOID_REASON_ID: &str = "pass-void-reason";
/// The id of the supervisor's override reason field.
pub const OVERRIDE_REASON_ID: &str = "pass-override-reason";

/// The pass on the right, with what is known of its unit's fees.
#[derive(Debug, Clone)]
pub struct Selected {
    /// The pass.
    pub pass: PassRecord,
    /// The unit's arrears (`Unknown` until a fees tab exists).
    pub arrears: Arrears,
}

/// What the right-hand side is doing besides showing the selected pass.
#[derive(Debug, Clone)]
pub enum Editor {
    /// A new pass being filled in (boxed: the draft is far larger than the other forms).
    New(Box<PassDraft>),
    /// A supervisor letting the selected pass through although fees are owed (主管特批): the
    /// person signed in, or the supervisor countersigning for them.
    Override {
        /// 特批理由.
        reason: String,
    },
    /// Voiding the selected pass, with its reason.
    Void(String),
}

/// The 物品放行 tab's state.
pub struct Gate {
    filter: Option<PassStatus>,
    guard_view: bool,
    list: Vec<PassRecord>,
    selected: Option<Selected>,
    editor: Option<Editor>,
    /// The guard confirmed the selected pass was signed (由业主签字后方可放行).
    signed: bool,
    /// The desk's date as of the last reload or update.
    today: NaiveDate,
    notices: Notices,
}

/// What can happen in the tab.
#[derive(Debug, Clone)]
pub enum Message {
    /// Show only passes in this state (or all).
    Filter(Option<PassStatus>),
    /// Switch between the desk's list and the guard's view of today.
    GuardView(bool),
    /// A pass was chosen.
    Select(PassId),
    /// Start a new pass.
    New,
    /// A text field of the new pass was edited.
    Edited(DraftField, String),
    /// The applicant kind was chosen.
    KindPicked(ApplicantKind),
    /// The reason was chosen.
    ReasonPicked(PassReason),
    /// An item's name (row, text).
    ItemName(usize, String),
    /// An item's quantity (row, text).
    ItemQty(usize, String),
    /// Add an item row.
    AddItem,
    /// Remove an item row.
    RemoveItem(usize),
    /// Save the open form (new pass, override, void).
    Save,
    /// Close the open form.
    Cancel,
    /// Fees are settled (费用结清确认), signed by the person signed in; the store asks for the
    /// service officer's or the supervisor's countersign when that person lacks the role.
    SignOff,
    /// Open the supervisor's override of owed fees.
    StartOverride,
    /// The override reason was edited.
    OverrideReason(String),
    /// Approve the selected pass.
    Approve,
    /// The guard confirmed (or unticked) that the pass was signed.
    Signed(bool),
    /// The guard lets a pass out.
    Release(PassId),
    /// Open the void form for the selected pass.
    StartVoid,
    /// The void reason was edited.
    VoidReason(String),
    /// Print the selected pass.
    PrintPass,
    /// Print this month's 物品出入登记表.
    PrintRegister,
}

impl Gate {
    /// The tab with the newest passes.
    pub fn new(store: &Store, now: NaiveDateTime) -> Result<Gate, crate::store::StoreError> {
        Ok(Gate {
            filter: None,
            guard_view: false,
            list: store.item_passes(None, LIST_SIZE)?,
            selected: None,
            editor: None,
            signed: false,
            today: now.date(),
            notices: Notices::default(),
        })
    }

    /// The passes listed.
    pub fn list(&self) -> &[PassRecord] {
        &self.list
    }

    /// The selected pass.
    pub fn selected(&self) -> Option<&Selected> {
        self.selected.as_ref()
    }

    /// The open form.
    pub fn editor(&self) -> Option<&Editor> {
        self.editor.as_ref()
    }

    /// The new pass being filled in.
    pub fn draft(&self) -> Option<&PassDraft> {
        match &self.editor {
            Some(Editor::New(d)) => Some(d),
            _ => None,
        }
    }

    /// The message shown beside what is on screen, if any.
    pub fn message(&self) -> Option<&Notice> {
        self.notices.about(self.on_screen())
    }

    /// What the right-hand side shows: the open form (about its pass), the selected pass, or
    /// nothing.
    pub fn on_screen(&self) -> About {
        let id = self.selected.as_ref().map_or(0, |s| s.pass.id.0);
        match &self.editor {
            Some(Editor::New(_)) => About::form("pass-form"),
            Some(Editor::Override { .. }) => About::record("pass-override", id),
            Some(Editor::Void(_)) => About::record("pass-void", id),
            None if id == 0 => About::TAB,
            None => About::record("pass", id),
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

    fn refresh(&mut self, store: &Store) {
        let listed = if self.guard_view {
            store.passes_for_gate(self.today)
        } else {
            store.item_passes(self.filter, LIST_SIZE)
        };
        match listed {
            Ok(list) => self.list = list,
            Err(e) => self.fail(e.to_string()),
        }
        if let Some(id) = self.selected.as_ref().map(|s| s.pass.id) {
            self.select(store, id);
        }
    }

    /// Opens a pass from elsewhere (a line of 今日): on the desk's list, its detail on the
    /// right, any open form closed, as if chosen in the list.
    pub fn open(&mut self, store: &Store, now: NaiveDateTime, id: PassId) {
        self.today = now.date();
        self.guard_view = false;
        self.editor = None;
        self.notices.clear();
        self.select(store, id);
    }

    fn select(&mut self, store: &Store, id: PassId) {
        let loaded = store.item_pass(id).and_then(|pass| {
            Ok(Selected {
                arrears: store.arrears_of(pass.unit_id)?,
                pass,
            })
        });
        match loaded {
            Ok(s) => {
                if self.selected.as_ref().map(|old| old.pass.id) != Some(id) {
                    // The guard's tick is for the pass they are looking at.
                    self.signed = false;
                }
                self.selected = Some(s);
            }
            Err(e) => self.fail(e.to_string()),
        }
    }

    /// Handles a message.
    pub fn update(&mut self, message: Message, ctx: &mut Ctx<'_>) -> Action<Message> {
        self.today = ctx.now.date();
        match message {
            Message::Filter(f) => {
                self.filter = f;
                self.guard_view = false;
                self.refresh(ctx.store);
            }
            Message::GuardView(on) => {
                self.guard_view = on;
                self.refresh(ctx.store);
            }
            Message::Select(id) => {
                self.editor = None;
                self.notices.clear();
                self.select(ctx.store, id);
            }
            Message::New => {
                let unit = self
                    .selected
                    .as_ref()
                    .and_then(|s| s.pass.pass.unit)
                    .map(|a| a.short())
                    .unwrap_or_default();
                self.editor = Some(Editor::New(Box::new(PassDraft::new(&unit, self.today))));
                self.notices.clear();
            }
            Message::Edited(f, v) => self.with_draft(|d| d.set(f, v)),
            Message::KindPicked(k) => self.with_draft(|d| d.kind = k),
            Message::ReasonPicked(r) => self.with_draft(|d| d.reason = r),
            Message::ItemName(i, v) => self.with_draft(|d| {
                if let Some(row) = d.items.get_mut(i) {
                    row.0 = v;
                }
            }),
            Message::ItemQty(i, v) => self.with_draft(|d| {
                if let Some(row) = d.items.get_mut(i) {
                    row.1 = v;
                }
            }),
            Message::AddItem => self.with_draft(|d| {
                if draft::can_add_item(d) {
                    d.items.push((String::new(), "1".into()));
                }
            }),
            Message::RemoveItem(i) => self.with_draft(|d| {
                if d.items.len() > 1 && i < d.items.len() {
                    d.items.remove(i);
                }
            }),
            Message::Save => match &self.editor {
                Some(Editor::New(_)) => self.save(ctx),
                Some(Editor::Override { .. }) => self.approve(ctx),
                Some(Editor::Void(_)) => self.void(ctx),
                None => {}
            },
            Message::Cancel => {
                self.editor = None;
                self.notices.clear();
            }
            Message::SignOff => self.sign_off(ctx),
            Message::StartOverride => {
                if self.selected.is_some() {
                    self.editor = Some(Editor::Override {
                        reason: String::new(),
                    });
                }
            }
            Message::OverrideReason(r) => {
                if let Some(Editor::Override { reason, .. }) = &mut self.editor {
                    *reason = r;
                    self.notices.edited(self.on_screen());
                }
            }
            Message::Approve => self.approve(ctx),
            Message::Signed(on) => self.signed = on,
            Message::Release(id) => {
                let signed = self.signed && self.selected.as_ref().map(|s| s.pass.id) == Some(id);
                let done = ctx.recorder().and_then(|rec| {
                    ctx.store
                        .release_pass(id, signed, &rec)
                        .map_err(|e| e.to_string())
                });
                if done.is_ok() {
                    self.signed = false;
                }
                self.report(ctx.store, done.map(|()| "已放行".to_string()));
            }
            Message::StartVoid => {
                if self.selected.is_some() {
                    self.editor = Some(Editor::Void(String::new()));
                }
            }
            Message::VoidReason(r) => {
                if let Some(Editor::Void(reason)) = &mut self.editor {
                    *reason = r;
                    self.notices.edited(self.on_screen());
                }
            }
            Message::PrintPass => {
                if let Some(s) = &self.selected {
                    return Action::Print(PrintJob::ReleasePass(s.pass.number));
                }
            }
            Message::PrintRegister => {
                return Action::Print(PrintJob::ReleaseRegister(Month::of(self.today)));
            }
        }
        Action::None
    }

    /// Edits the new pass; the user is fixing it, so its error goes.
    fn with_draft(&mut self, f: impl FnOnce(&mut PassDraft)) {
        if let Some(Editor::New(d)) = &mut self.editor {
            f(d);
            self.notices.edited(self.on_screen());
        }
    }

    /// Reloads the list and the pass, then reports `done` about what is on screen.
    fn report(&mut self, store: &Store, done: Result<String, String>) {
        self.refresh(store);
        self.notices.report(self.on_screen(), done);
    }

    fn save(&mut self, ctx: &mut Ctx<'_>) {
        let today = self.today;
        let Some(Editor::New(d)) = &mut self.editor else {
            return;
        };
        let Some(pass) = d.validate(today) else {
            self.fail("有填写不正确的地方，请按红字提示修改");
            return;
        };
        let rec = match ctx.recorder() {
            Ok(r) => r,
            Err(e) => {
                self.fail(e);
                return;
            }
        };
        match ctx.store.add_item_pass(&pass, &rec) {
            Ok((id, number)) => {
                self.editor = None;
                self.guard_view = false;
                self.select(ctx.store, id);
                self.refresh(ctx.store);
                let next = if pass.kind.needs_fees_sign_off() {
                    "请客户服务员确认费用"
                } else {
                    "凭外运证明批准"
                };
                self.ok(format!("已登记放行条 {number}，{next}"));
            }
            Err(e) => self.fail(e.to_string()),
        }
    }

    /// 费用结清确认 by the person signed in: the store names the signer (the countersigner
    /// when the person lacks the role) and asks the desk for the countersign.
    fn sign_off(&mut self, ctx: &mut Ctx<'_>) {
        let Some(id) = self.selected.as_ref().map(|s| s.pass.id) else {
            return;
        };
        let role = ctx.signed_in().map(|a| a.role);
        let done = ctx.recorder().and_then(|rec| {
            let s = FeesSignOff {
                by_name: rec.by_name.clone(),
                role: role.unwrap_or_default(),
                at: rec.at,
            };
            ctx.store
                .sign_off_fees(id, &s, &rec)
                .map_err(|e| e.to_string())
        });
        self.report(ctx.store, done.map(|()| "费用结清已确认".to_string()));
    }

    /// Approves the selected pass, with the supervisor's override when that form is open.
    fn approve(&mut self, ctx: &mut Ctx<'_>) {
        let Some(id) = self.selected.as_ref().map(|s| s.pass.id) else {
            return;
        };
        // The supervisor signed in, or the one who countersigns: the store names them.
        let override_ = match &self.editor {
            Some(Editor::Override { reason }) => ctx.signed_in().map(|me| SupervisorOverride {
                by_name: me.name.clone(),
                role: me.role,
                reason: reason.clone(),
            }),
            _ => None,
        };
        let done = ctx.recorder().and_then(|rec| {
            ctx.store
                .approve_pass(id, override_.as_ref(), &rec)
                .map_err(|e| e.to_string())
        });
        match done {
            Ok(()) => {
                self.editor = None;
                self.report(ctx.store, Ok("已批准，可以打印放行条".to_string()));
            }
            Err(e) => self.fail(e),
        }
    }

    fn void(&mut self, ctx: &mut Ctx<'_>) {
        let (Some(id), Some(Editor::Void(reason))) =
            (self.selected.as_ref().map(|s| s.pass.id), &self.editor)
        else {
            return;
        };
        let reason = reason.clone();
        let done = ctx.recorder().and_then(|rec| {
            ctx.store
                .void_pass(id, &reason, &rec)
                .map_err(|e| e.to_string())
        });
        match done {
            Ok(()) => {
                self.editor = None;
                self.report(ctx.store, Ok("已作废".to_string()));
            }
            Err(e) => self.fail(e),
        }
    }
}

impl Screen for Gate {
    type Message = Message;

    fn command(&mut self, command: Command, ctx: &mut Ctx<'_>) -> Action<Message> {
        let message = match (command, &self.editor) {
            (Command::Submit, Some(_)) => Message::Save,
            (Command::Cancel, Some(_)) => Message::Cancel,
            (Command::Print, None) if self.selected.is_some() => Message::PrintPass,
            // Esc with nothing open leaves the guard's view for the whole list.
            (Command::Cancel, None) if self.guard_view => Message::GuardView(false),
            _ => return Action::None,
        };
        self.update(message, ctx)
    }

    fn search_id(&self) -> Option<&'static str> {
        None
    }

    fn form_open(&self) -> bool {
        matches!(
            self.on_screen().kind,
            "pass-form" | "pass-override" | "pass-void"
        )
    }

    fn reload(&mut self, store: &Store, now: NaiveDateTime) {
        self.today = now.date();
        self.refresh(store);
    }
}
