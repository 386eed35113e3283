//! The feedback tab's update and writes: every message is matched by name, so one added later
//! cannot be swallowed by a catch-all. Nothing is written until the form is valid; each message
//! is reported after the screen changed, so it shows beside what it is about.

use super::drafts::{CallbackDraft, DispatchDraft, NoteDraft, NoteKind};
use super::{Feedback, Field, IntakeDraft, ListKind, Message, Panel};
use crate::domain::SearchQuery;
use crate::domain::feedback::Where;
use crate::domain::month::Month;
use crate::ui::{Action, Ctx, PrintJob};

impl Feedback {
    /// Handles a message.
    pub fn update(&mut self, message: Message, ctx: &mut Ctx<'_>) -> Action<Message> {
        self.now = ctx.now;
        match message {
            Message::ShowList(kind) => {
                self.kind = kind;
                self.query.clear();
                self.refresh(ctx.store);
            }
            Message::SearchChanged(q) => {
                self.query = q;
                self.refresh(ctx.store);
                if let [only] = self.rows.as_slice() {
                    let id = only.id;
                    self.select(ctx.store, id);
                }
            }
            Message::Select(id) => self.select(ctx.store, id),
            Message::New => {
                self.unit_matches.clear();
                self.panel = Panel::Intake(IntakeDraft::new());
            }
            Message::IntakeEdited(field, value) => self.edit_intake(ctx, field, value),
            Message::ChannelPicked(c) => self.intake(|d| d.channel = Some(c)),
            Message::CategoryPicked(c) => self.intake(|d| {
                d.category = Some(c);
                d.errors.remove(&Field::Category);
            }),
            Message::SeverityPicked(s) => self.intake(|d| d.severity = Some(s)),
            Message::PlacePicked(p) => self.intake(|d| {
                d.place = p;
                d.errors.remove(&Field::Unit);
                d.errors.remove(&Field::Location);
            }),
            Message::UnitPicked(u) => {
                let owners = crate::ui::owners_of(ctx.store, u.unit.id);
                self.intake(|d| {
                    d.unit = Some((u.unit.id, u.unit.unit.address));
                    d.unit_text = u.unit.unit.address.short();
                    d.errors.remove(&Field::Unit);
                    d.owners = owners;
                });
            }
            Message::OfficerPicked(o) => self.intake(|d| {
                d.officer = Some((o.id, o.label));
                d.errors.remove(&Field::Officer);
            }),
            Message::OwnerPicked(o) => self.intake(|d| d.pick_owner(o)),
            Message::SaveIntake => self.save_intake(ctx),
            Message::Dispatch => {
                if let Some(s) = &self.selected {
                    let d = s.dispatch.as_ref();
                    self.panel = Panel::Dispatch(DispatchDraft {
                        department: d.map(|d| d.department.clone()),
                        handler: d.and_then(|d| d.handler),
                        handler_name: d.map(|d| d.handler_name.clone()).unwrap_or_default(),
                        requirement: d.map(|d| d.requirement.clone()).unwrap_or_default(),
                        needs_superior: d.is_some_and(|d| d.needs_superior),
                        ..DispatchDraft::default()
                    });
                }
            }
            Message::DepartmentPicked(d) => self.edit_dispatch(|f| f.department = Some(d)),
            Message::HandlerPicked(s) => self.edit_dispatch(|f| {
                f.handler = Some(s.id);
                f.handler_name = s.label;
            }),
            Message::DispatchEdited(i, v) => self.edit_dispatch(|f| match i {
                0 => {
                    f.handler = None;
                    f.handler_name = v;
                }
                1 => f.requirement = v,
                _ => f.limit = v,
            }),
            Message::SuperiorToggled(on) => self.edit_dispatch(|f| f.needs_superior = on),
            Message::SaveDispatch => return self.save_dispatch(ctx),
            Message::Note(kind) => {
                if self.selected.is_some() {
                    self.panel = Panel::Note(NoteDraft {
                        kind,
                        text: String::new(),
                        error: None,
                    });
                }
            }
            Message::NoteEdited(v) => {
                if let Panel::Note(n) = &mut self.panel {
                    n.text = v;
                    n.error = None;
                    self.notices.edited(self.on_screen());
                }
            }
            Message::SaveNote => self.save_note(ctx),
            Message::Callback => {
                if let Some(s) = &self.selected {
                    let contacts = callback_contacts(ctx, s);
                    self.panel = Panel::Callback(CallbackDraft {
                        contacts,
                        ..CallbackDraft::default()
                    });
                }
            }
            Message::RatingPicked(r) => self.callback(|d| {
                d.rating = Some(r);
                d.error = None;
            }),
            Message::CallbackNoteEdited(v) => self.callback(|d| d.note = v),
            Message::SaveCallback => self.save_callback(ctx),
            Message::Back => self.panel = Panel::Detail,
            Message::PrintWorkOrder => {
                if let Some(n) = self.selected.as_ref().and_then(|s| s.work_order) {
                    return Action::Print(PrintJob::WorkOrder(n));
                }
            }
            Message::PrintBlank => return Action::Print(PrintJob::WorkOrderBlank),
            Message::PrintComplaints => {
                return Action::Print(PrintJob::Complaints(Month::of(ctx.now.date())));
            }
            Message::PrintFeedbackLog => {
                return Action::Print(PrintJob::FeedbackLog(Month::of(ctx.now.date())));
            }
            Message::OpenRepair => {
                if let Some(id) = self.selected.as_ref().and_then(|s| s.repair_id) {
                    return Action::Open(crate::domain::today::OpenRecord::Repair(id));
                }
            }
        }
        Action::None
    }

    /// An intake field typed; the unit box searches the register as the caller spells it out.
    fn edit_intake(&mut self, ctx: &mut Ctx<'_>, f: Field, v: String) {
        let Panel::Intake(d) = &mut self.panel else {
            return;
        };
        d.set(f, v);
        if f == Field::Unit {
            self.unit_matches = match SearchQuery::parse(&d.unit_text) {
                SearchQuery::All => Vec::new(),
                q => ctx
                    .store
                    .search_units(&q, 0, 8)
                    .map(|p| p.rows)
                    .unwrap_or_default(),
            };
            // One match is the unit the caller named.
            if let [only] = self.unit_matches.as_slice() {
                d.unit = Some((only.unit.id, only.unit.unit.address));
                d.owners = crate::ui::owners_of(ctx.store, only.unit.id);
            }
        }
        self.notices.edited(self.on_screen());
    }

    fn save_intake(&mut self, ctx: &mut Ctx<'_>) {
        let rec = match ctx.recorder() {
            Ok(r) => r,
            Err(e) => return self.fail(e),
        };
        let Panel::Intake(d) = &mut self.panel else {
            return;
        };
        let Some(intake) = d.validate(ctx.now, &rec.by_name) else {
            return self.fail("有填写不正确的地方，请按红字提示修改");
        };
        match ctx.store.add_feedback(&intake, &rec) {
            Ok((id, number, repair)) => {
                self.query.clear();
                self.kind = ListKind::Open;
                self.refresh(ctx.store);
                self.select(ctx.store, id);
                let repair = match repair.and_then(|r| ctx.store.repair(r).ok()) {
                    Some(r) => format!("，并在报修管理生成维修单 {}", r.order.number),
                    None => String::new(),
                };
                self.ok(format!("已登记 {number}{repair}"));
            }
            Err(e) => self.fail(e.to_string()),
        }
    }

    fn save_dispatch(&mut self, ctx: &mut Ctx<'_>) -> Action<Message> {
        let (Some(id), Panel::Dispatch(d)) =
            (self.selected.as_ref().map(|s| s.id), &mut self.panel)
        else {
            return Action::None;
        };
        let dispatch = match d.validate() {
            Ok(x) => x,
            Err(e) => {
                d.error = Some(e.clone());
                self.fail(e);
                return Action::None;
            }
        };
        let rec = match ctx.recorder() {
            Ok(r) => r,
            Err(e) => {
                self.fail(e);
                return Action::None;
            }
        };
        match ctx.store.dispatch_feedback(id, &dispatch, &rec) {
            Ok(number) => {
                self.refresh(ctx.store);
                self.panel = Panel::Detail;
                self.ok(format!(
                    "已派单给 {}（{}），工作联系单 {number}",
                    dispatch.handler_name, dispatch.department
                ));
                // The department gets the 工作联系单 on paper.
                Action::Print(PrintJob::WorkOrder(number))
            }
            Err(e) => {
                self.fail(e.to_string());
                Action::None
            }
        }
    }

    fn save_note(&mut self, ctx: &mut Ctx<'_>) {
        let (Some(id), Panel::Note(n)) = (self.selected.as_ref().map(|s| s.id), &mut self.panel)
        else {
            return;
        };
        let text = n.text.trim().to_string();
        let kind = n.kind;
        if text.is_empty() {
            n.error = Some(kind.blank().to_string());
            return self.fail(kind.blank());
        }
        let rec = match ctx.recorder() {
            Ok(r) => r,
            Err(e) => return self.fail(e),
        };
        let s = &mut *ctx.store;
        let done = match kind {
            NoteKind::Progress => s.feedback_progress(id, &text, false, &rec),
            NoteKind::Reply => s.feedback_progress(id, &text, true, &rec),
            NoteKind::Escalate => s.escalate_feedback(id, &text, &rec),
            NoteKind::Answer => s.answer_feedback(id, &text, &rec),
            NoteKind::Close => s.close_feedback(id, &text, &rec),
        };
        match done {
            Ok(()) => {
                self.refresh(ctx.store);
                self.panel = Panel::Detail;
                self.ok(match kind {
                    NoteKind::Progress => "已记录处理进展",
                    NoteKind::Reply => "已记录处理人回复",
                    NoteKind::Escalate => "已记录上报",
                    NoteKind::Answer => "已记录答复客户",
                    NoteKind::Close => "已关闭",
                });
            }
            Err(e) => {
                if let Panel::Note(n) = &mut self.panel {
                    n.error = Some(e.to_string());
                }
                self.fail(e.to_string());
            }
        }
    }

    fn save_callback(&mut self, ctx: &mut Ctx<'_>) {
        let (Some(id), Panel::Callback(d)) =
            (self.selected.as_ref().map(|s| s.id), &mut self.panel)
        else {
            return;
        };
        let Some(rating) = d.rating else {
            d.error = Some("请选择满意度".into());
            return self.fail("请选择满意度");
        };
        let note = d.note.trim().to_string();
        let rec = match ctx.recorder() {
            Ok(r) => r,
            Err(e) => return self.fail(e),
        };
        match ctx.store.feedback_callback(id, rating, &note, &rec) {
            Ok(state) => {
                self.refresh(ctx.store);
                self.panel = Panel::Detail;
                if rating == crate::domain::repair::Rating::Dissatisfied {
                    self.ok(format!(
                        "客户不满意，已重新打开（{}），请继续处理",
                        state.label()
                    ));
                } else {
                    self.ok(format!("已记录回访：{}", rating.label()));
                }
            }
            Err(e) => self.fail(e.to_string()),
        }
    }

    fn intake(&mut self, edit: impl FnOnce(&mut IntakeDraft)) {
        if let Panel::Intake(d) = &mut self.panel {
            edit(d);
            self.notices.edited(self.on_screen());
        }
    }

    fn edit_dispatch(&mut self, edit: impl FnOnce(&mut DispatchDraft)) {
        if let Panel::Dispatch(d) = &mut self.panel {
            edit(d);
            d.error = None;
            self.notices.edited(self.on_screen());
        }
    }

    fn callback(&mut self, edit: impl FnOnce(&mut CallbackDraft)) {
        if let Panel::Callback(d) = &mut self.panel {
            edit(d);
            self.notices.edited(self.on_screen());
        }
    }
}

/// Whom the receptionist calls back, with full phone numbers (DOMAIN.md: the callback needs
/// them): the caller, then the unit's owners with other numbers.
fn callback_contacts(ctx: &Ctx<'_>, s: &crate::store::FeedbackRecord) -> Vec<String> {
    let mut lines = Vec::new();
    let mut seen = Vec::new();
    if let Some(phone) = &s.intake.phone {
        lines.push(format!("反映人 {} {}", s.intake.name, phone.as_str()));
        seen.push(phone.as_str().to_string());
    }
    if let Where::Unit { id, .. } = &s.intake.place {
        for o in crate::ui::owners_of(ctx.store, *id) {
            let Some(phone) = o.phone else { continue };
            if !seen.iter().any(|x| x == phone.as_str()) {
                lines.push(format!("业主 {} {}", o.name, phone.as_str()));
                seen.push(phone.as_str().to_string());
            }
        }
    }
    lines
}
