//! The repairs tab's update: every message is matched by name, so a message added later cannot
//! be swallowed by a catch-all. A message for a form that is no longer open (a click queued
//! before the form closed) changes nothing.

use super::{
    CallbackDraft, IntakeDraft, Message, Panel, RateDraft, Repairs, ReportState, WorkDraft,
};
use crate::domain::repair::Place;
use crate::ui::{Action, Ctx, PrintJob};

impl Repairs {
    /// Handles a message.
    pub fn update(&mut self, message: Message, ctx: &mut Ctx<'_>) -> Action<Message> {
        self.now = ctx.now;
        match message {
            Message::ShowList(kind) => {
                self.kind = kind;
                self.query.clear();
                self.list.page = 0;
                self.refresh(ctx.store);
            }
            Message::SearchChanged(q) => {
                self.query = q;
                self.list.page = 0;
                self.refresh(ctx.store);
                if self.list.total == 1
                    && let Some(id) = self.list.rows.first().map(|r| r.id)
                {
                    self.select(ctx.store, id);
                }
            }
            Message::PageTo(page) => {
                self.list.page = page.min(self.list.pages() - 1);
                self.refresh(ctx.store);
            }
            Message::Select(id) => self.select(ctx.store, id),
            Message::NewOrder => self.panel = Panel::Intake(IntakeDraft::new(ctx.now)),
            Message::IntakeEdited(field, value) => self.edit_intake(ctx, field, value),
            Message::UnitPicked(u) => self.intake(|d| {
                d.unit = Some((u.unit.id, u.unit.unit.address));
                d.unit_text = u.unit.unit.address.short();
                if d.reporter.is_empty() {
                    d.reporter = u.owners.split('、').next().unwrap_or("").to_string();
                }
                d.errors.remove(&super::Field::Unit);
            }),
            Message::PublicToggled(p) => self.intake(|d| d.public = p),
            Message::OfficerPicked(o) => self.intake(|d| {
                d.officer = Some((o.id, o.label));
                d.errors.remove(&super::Field::Location);
            }),
            Message::ChannelPicked(c) => self.intake(|d| d.channel = Some(c)),
            Message::CategoryPicked(c) => self.intake(|d| {
                d.category = Some(c);
                d.errors.remove(&super::Field::Category);
            }),
            Message::ChargeableToggled(c) => self.intake(|d| d.chargeable = c),
            Message::SaveIntake => self.save_intake(ctx),
            Message::TechnicianPicked(t) => self.technician = Some(t),
            Message::StepTimeEdited(t) => {
                self.step_time = t;
                self.notices.edited(self.on_screen());
            }
            Message::Step(kind) => self.step(ctx, kind),
            Message::Close => self.close(ctx),
            Message::EditWork => {
                if let Some(o) = self.selected.as_ref().map(|s| &s.order) {
                    self.panel = Panel::Work(WorkDraft::from(&o.work_done, &o.charges));
                }
            }
            Message::WorkDoneEdited(v) => self.work(|d| d.work_done = v),
            Message::MaterialEdited(line, col, v) => self.work(|d| {
                if let Some(cell) = d.lines.get_mut(line).and_then(|l| l.cells.get_mut(col)) {
                    *cell = v;
                }
            }),
            Message::AddMaterial => self.work(|d| d.lines.push(Default::default())),
            Message::RemoveMaterial(i) => self.work(|d| {
                if i < d.lines.len() {
                    d.lines.remove(i);
                }
            }),
            Message::LabourEdited(v) => self.work(|d| {
                d.labour = v;
                d.labour_error = None;
            }),
            Message::PaymentPicked(p) => self.work(|d| d.payment = Some(p)),
            Message::ReceiptPicked(r) => self.work(|d| d.receipt = Some(r)),
            Message::SaveWork => self.save_work(ctx),
            Message::Rate => {
                if let Some(o) = self.selected.as_ref().map(|s| &s.order) {
                    let by = match &o.intake.place {
                        Place::Public { officer_name, .. } => officer_name.clone(),
                        Place::Unit { .. } => o.intake.reporter.clone(),
                    };
                    let c = o.confirmation.as_ref();
                    self.panel = Panel::Rate(RateDraft {
                        rating: c.map(|c| c.rating),
                        comment: c.map(|c| c.comment.clone()).unwrap_or_default(),
                        by: c.map(|c| c.by.clone()).unwrap_or(by),
                        error: None,
                    });
                }
            }
            // Choosing a rating answers "请选择满意度": the message goes with it.
            Message::RatingPicked(r) => self.rate(|d| {
                d.rating = Some(r);
                d.error = None;
            }),
            Message::RateCommentEdited(v) => self.rate(|d| d.comment = v),
            Message::RateByEdited(v) => self.rate(|d| d.by = v),
            Message::SaveRating => self.save_rating(ctx),
            Message::Callback => {
                if let Some(o) = self.selected.as_ref().map(|s| &s.order) {
                    let mut d = CallbackDraft::from(o.callback.as_ref());
                    d.contacts = callback_contacts(ctx.store, o);
                    self.panel = Panel::Callback(d);
                }
            }
            Message::CallbackEdited(i, v) => self.callback(|d| {
                d.error = None;
                match i {
                    0 => d.note = v,
                    1 => d.department = v,
                    2 => d.problem = v,
                    _ => d.correction = v,
                }
            }),
            Message::ProblemToggled(p) => self.callback(|d| {
                d.error = None;
                d.has_problem = p;
            }),
            Message::SaveCallback => self.save_callback(ctx),
            Message::Cancel => {
                if self.selected.is_some() {
                    self.panel = Panel::Cancel(String::new());
                }
            }
            Message::CancelReasonEdited(v) => {
                if let Panel::Cancel(reason) = &mut self.panel {
                    *reason = v;
                    self.notices.edited(self.on_screen());
                }
            }
            Message::ConfirmCancel => self.confirm_cancel(ctx),
            Message::Back => self.panel = Panel::Detail,
            Message::PrintSlip => {
                if let Some(s) = &self.selected {
                    return Action::Print(PrintJob::RepairSlip(Some(s.order.number)));
                }
            }
            Message::PrintBlank => return Action::Print(PrintJob::RepairSlip(None)),
            Message::ShowReport => {
                let mut r = ReportState::new(ctx.now.date());
                r.load(ctx.store, &self.deadlines, ctx.now);
                self.panel = Panel::Report(r);
            }
            Message::ReportDateEdited(t) => {
                if let Panel::Report(r) = &mut self.panel {
                    r.date_text = t;
                    r.load(ctx.store, &self.deadlines, ctx.now);
                }
            }
            Message::PrintReport => {
                if let Panel::Report(r) = &self.panel
                    && let Some(report) = &r.report
                {
                    return Action::Print(PrintJob::DailyReport(report.date));
                }
            }
        }
        Action::None
    }

    /// Edits the intake form, if it is open; an error about it goes once it is edited.
    fn intake(&mut self, edit: impl FnOnce(&mut IntakeDraft)) {
        if let Panel::Intake(d) = &mut self.panel {
            edit(d);
            self.notices.edited(self.on_screen());
        }
    }

    /// Edits the work and charges form, if it is open.
    fn work(&mut self, edit: impl FnOnce(&mut WorkDraft)) {
        if let Panel::Work(d) = &mut self.panel {
            edit(d);
            self.notices.edited(self.on_screen());
        }
    }

    /// Edits the rating form, if it is open.
    fn rate(&mut self, edit: impl FnOnce(&mut RateDraft)) {
        if let Panel::Rate(d) = &mut self.panel {
            edit(d);
            self.notices.edited(self.on_screen());
        }
    }

    /// Edits the callback form, if it is open.
    fn callback(&mut self, edit: impl FnOnce(&mut CallbackDraft)) {
        if let Panel::Callback(d) = &mut self.panel {
            edit(d);
            self.notices.edited(self.on_screen());
        }
    }
}

/// Whom the receptionist calls back, with full phone numbers (DOMAIN.md: the callback needs
/// them): the reporter, then the unit's owners with other numbers.
fn callback_contacts(
    store: &crate::store::Store,
    o: &crate::domain::repair::RepairOrder,
) -> Vec<String> {
    use crate::domain::person::Relation;
    use crate::domain::repair::Place;
    let mut lines = Vec::new();
    let mut seen = Vec::new();
    if let Some(phone) = &o.intake.phone {
        lines.push(format!("报修人 {} {}", o.intake.reporter, phone.as_str()));
        seen.push(phone.as_str().to_string());
    }
    if let Place::Unit { id, .. } = &o.intake.place {
        for p in store.people_of(*id).unwrap_or_default() {
            let Some(phone) = p
                .person
                .phone
                .as_ref()
                .filter(|_| p.person.relation == Relation::Owner)
            else {
                continue;
            };
            if !seen.iter().any(|s| s == phone.as_str()) {
                lines.push(format!("业主 {} {}", p.person.name, phone.as_str()));
                seen.push(phone.as_str().to_string());
            }
        }
    }
    lines
}
