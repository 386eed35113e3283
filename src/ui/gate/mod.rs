//! 物品放行: record a pass, have the service officer confirm fees, approve, print the 放行条,
//! and the guard's view of today's approved passes with one action to let each out.

mod draft;
mod view;

pub use draft::{DraftField, ITEM_NAME_IDS, ITEM_QTY_IDS, PassDraft};

use chrono::NaiveDate;

use super::{Action, Ctx, PrintJob};
use crate::domain::Month;
use crate::domain::item_pass::{
    ApplicantKind, Arrears, FeesSignOff, PassReason, PassStatus, SupervisorOverride,
};
use crate::domain::staff::Role;
use crate::store::{PassId, PassRecord, StaffRecord, Store};

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

/// The 物品放行 tab's state.
pub struct Gate {
    filter: Option<PassStatus>,
    guard_view: bool,
    list: Vec<PassRecord>,
    selected: Option<Selected>,
    draft: Option<PassDraft>,
    /// Service officers and supervisors, for the sign-off and the override.
    signers: Vec<StaffRecord>,
    signer: Option<usize>,
    override_reason: String,
    void_reason: String,
    message: Option<(bool, String)>,
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
    /// Save the new pass.
    Save,
    /// Close the form.
    Cancel,
    /// The service officer (or supervisor) at this position of the signer list confirms fees
    /// are settled.
    SignOffBy(usize),
    /// The supervisor at this position is the one overriding owed fees.
    OverrideBy(usize),
    /// The override reason was edited.
    OverrideReason(String),
    /// Approve the selected pass.
    Approve,
    /// The guard lets a pass out.
    Release(PassId),
    /// The void reason was edited.
    VoidReason(String),
    /// Void the selected pass.
    Void,
    /// Print the selected pass.
    PrintPass,
    /// Print this month's 物品出入登记表.
    PrintRegister,
}

/// A signer as the picker shows them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignerChoice {
    /// Position in the signer list.
    pub index: usize,
    /// `王强（客户服务员）`.
    pub label: String,
}

impl std::fmt::Display for SignerChoice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.label)
    }
}

impl Gate {
    /// The tab with the newest passes.
    pub fn new(store: &Store) -> Result<Gate, crate::store::StoreError> {
        let signers = store
            .staff()?
            .into_iter()
            .filter(|s| {
                s.staff.active && matches!(s.staff.role, Role::ServiceOfficer | Role::Supervisor)
            })
            .collect();
        Ok(Gate {
            filter: None,
            guard_view: false,
            list: store.item_passes(None, LIST_SIZE)?,
            selected: None,
            draft: None,
            signers,
            signer: None,
            override_reason: String::new(),
            void_reason: String::new(),
            message: None,
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

    /// The new pass being filled in.
    pub fn draft(&self) -> Option<&PassDraft> {
        self.draft.as_ref()
    }

    /// The last message: (is it an error, text).
    pub fn message(&self) -> Option<&(bool, String)> {
        self.message.as_ref()
    }

    fn today() -> NaiveDate {
        crate::domain::date::now_local().date()
    }

    fn refresh(&mut self, store: &Store) {
        let listed = if self.guard_view {
            store.passes_for_gate(Self::today())
        } else {
            store.item_passes(self.filter, LIST_SIZE)
        };
        match listed {
            Ok(list) => self.list = list,
            Err(e) => self.message = Some((true, e.to_string())),
        }
        if let Some(id) = self.selected.as_ref().map(|s| s.pass.id) {
            self.select(store, id);
        }
    }

    fn select(&mut self, store: &Store, id: PassId) {
        let loaded = store.item_pass(id).and_then(|pass| {
            Ok(Selected {
                arrears: store.arrears_of(pass.unit_id)?,
                pass,
            })
        });
        match loaded {
            Ok(s) => self.selected = Some(s),
            Err(e) => self.message = Some((true, e.to_string())),
        }
    }

    /// Handles a message.
    pub fn update(&mut self, message: Message, ctx: &mut Ctx<'_>) -> Action<Message> {
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
                self.draft = None;
                self.message = None;
                self.select(ctx.store, id);
            }
            Message::New => {
                let unit = self
                    .selected
                    .as_ref()
                    .and_then(|s| s.pass.pass.unit)
                    .map(|a| a.short())
                    .unwrap_or_default();
                self.draft = Some(PassDraft::new(&unit, Self::today()));
                self.message = None;
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
            Message::Save => self.save(ctx),
            Message::Cancel => {
                self.draft = None;
                self.message = None;
            }
            Message::SignOffBy(i) => {
                self.signer = Some(i);
                self.sign_off(ctx);
            }
            Message::OverrideBy(i) => self.signer = Some(i),
            Message::OverrideReason(r) => self.override_reason = r,
            Message::Approve => self.approve(ctx),
            Message::Release(id) => {
                let done = ctx
                    .recorder()
                    .and_then(|rec| ctx.store.release_pass(id, &rec).map_err(|e| e.to_string()));
                self.report(ctx.store, done.map(|()| "已放行".to_string()));
            }
            Message::VoidReason(r) => self.void_reason = r,
            Message::Void => {
                let Some(id) = self.selected.as_ref().map(|s| s.pass.id) else {
                    return Action::None;
                };
                let reason = self.void_reason.clone();
                let done = ctx.recorder().and_then(|rec| {
                    ctx.store
                        .void_pass(id, &reason, &rec)
                        .map_err(|e| e.to_string())
                });
                if done.is_ok() {
                    self.void_reason.clear();
                }
                self.report(ctx.store, done.map(|()| "已作废".to_string()));
            }
            Message::PrintPass => {
                if let Some(s) = &self.selected {
                    return Action::Print(PrintJob::ReleasePass(s.pass.number));
                }
            }
            Message::PrintRegister => {
                let today = Self::today();
                return Action::Print(PrintJob::ReleaseRegister(Month::of(today)));
            }
        }
        Action::None
    }

    fn with_draft(&mut self, f: impl FnOnce(&mut PassDraft)) {
        if let Some(d) = &mut self.draft {
            f(d);
        }
    }

    fn report(&mut self, store: &Store, done: Result<String, String>) {
        self.message = Some(match done {
            Ok(text) => (false, text),
            Err(e) => (true, e),
        });
        self.refresh(store);
    }

    fn save(&mut self, ctx: &mut Ctx<'_>) {
        let Some(d) = &mut self.draft else { return };
        let Some(pass) = d.validate(Self::today()) else {
            self.message = Some((true, "有填写不正确的地方，请按红字提示修改".into()));
            return;
        };
        let rec = match ctx.recorder() {
            Ok(r) => r,
            Err(e) => {
                self.message = Some((true, e));
                return;
            }
        };
        match ctx.store.add_item_pass(&pass, &rec) {
            Ok((id, number)) => {
                self.draft = None;
                self.message = Some((
                    false,
                    format!("已登记放行条 {number}，请客户服务员确认费用"),
                ));
                self.guard_view = false;
                self.select(ctx.store, id);
                self.refresh(ctx.store);
            }
            Err(e) => self.message = Some((true, e.to_string())),
        }
    }

    fn sign_off(&mut self, ctx: &mut Ctx<'_>) {
        let Some(id) = self.selected.as_ref().map(|s| s.pass.id) else {
            return;
        };
        let Some(signer) = self.signer.and_then(|i| self.signers.get(i)) else {
            self.message = Some((true, "请先选择确认费用的客户服务员".into()));
            return;
        };
        let done = ctx.recorder().and_then(|rec| {
            let s = FeesSignOff {
                by_name: signer.staff.name.clone(),
                role: signer.staff.role,
                at: rec.at,
            };
            ctx.store
                .sign_off_fees(id, &s, &rec)
                .map_err(|e| e.to_string())
        });
        self.report(ctx.store, done.map(|()| "费用结清已确认".to_string()));
    }

    fn approve(&mut self, ctx: &mut Ctx<'_>) {
        let Some(sel) = &self.selected else { return };
        let id = sel.pass.id;
        // The override is offered only when the fees records show money owed.
        let override_ = match (sel.arrears, self.signer.and_then(|i| self.signers.get(i))) {
            (Arrears::Owing(_), Some(s)) if !self.override_reason.trim().is_empty() => {
                Some(SupervisorOverride {
                    by_name: s.staff.name.clone(),
                    role: s.staff.role,
                    reason: self.override_reason.clone(),
                })
            }
            _ => None,
        };
        let done = ctx.recorder().and_then(|rec| {
            ctx.store
                .approve_pass(id, override_.as_ref(), &rec)
                .map_err(|e| e.to_string())
        });
        self.report(
            ctx.store,
            done.map(|()| "已批准，可以打印放行条".to_string()),
        );
    }

    fn signer_choices(&self) -> Vec<SignerChoice> {
        self.signers
            .iter()
            .enumerate()
            .map(|(index, s)| SignerChoice {
                index,
                label: format!("{}（{}）", s.staff.name, s.staff.role.label()),
            })
            .collect()
    }
}
