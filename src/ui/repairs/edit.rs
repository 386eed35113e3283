//! The repairs tab's forms being edited and saved: intake, work and charges, rating, callback,
//! cancelling. Nothing is written until the draft is valid and someone is on duty.

use super::{CallbackDraft, Field, ListKind, Message, Panel, RateDraft, Repairs, WorkDraft};
use crate::domain::SearchQuery;
use crate::domain::repair::{Confirmation, Step};
use crate::domain::staff::Recorded;
use crate::store::{Store, StoreError};
use crate::ui::Ctx;

impl Repairs {
    pub(super) fn update_forms(&mut self, m: Message, ctx: &mut Ctx<'_>) {
        match (&mut self.panel, m) {
            (_, Message::TechnicianPicked(t)) => self.technician = Some(t),
            (Panel::Intake(d), Message::IntakeEdited(f, v)) => {
                let search = f == Field::Unit;
                d.set(f, v);
                if search {
                    let q = SearchQuery::parse(&d.unit_text);
                    self.unit_matches = match q {
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
                        if d.reporter.is_empty() {
                            d.reporter = only.owners.split('、').next().unwrap_or("").to_string();
                        }
                    }
                }
            }
            (Panel::Intake(d), Message::UnitPicked(u)) => {
                d.unit = Some((u.unit.id, u.unit.unit.address));
                d.unit_text = u.unit.unit.address.short();
                if d.reporter.is_empty() {
                    d.reporter = u.owners.split('、').next().unwrap_or("").to_string();
                }
                d.errors.remove(&Field::Unit);
            }
            (Panel::Intake(d), Message::PublicToggled(p)) => d.public = p,
            (Panel::Intake(d), Message::OfficerPicked(o)) => {
                d.officer = Some((o.id, o.label));
                d.errors.remove(&Field::Location);
            }
            (Panel::Intake(d), Message::ChannelPicked(c)) => d.channel = Some(c),
            (Panel::Intake(d), Message::CategoryPicked(c)) => {
                d.category = Some(c);
                d.errors.remove(&Field::Category);
            }
            (Panel::Intake(d), Message::ChargeableToggled(c)) => d.chargeable = c,
            (Panel::Intake(_), Message::SaveIntake) => self.save_intake(ctx),
            (_, m) => self.update_work(m, ctx),
        }
    }

    fn save_intake(&mut self, ctx: &mut Ctx<'_>) {
        let Panel::Intake(d) = &mut self.panel else {
            return;
        };
        let Some(intake) = d.validate() else {
            return self.say(true, "有填写不正确的地方，请按红字提示修改");
        };
        let rec = match ctx.recorder() {
            Ok(r) => r,
            Err(e) => return self.say(true, e),
        };
        match ctx.store.add_repair(&intake, &rec) {
            Ok((id, number)) => {
                self.say(false, format!("已登记维修单 {number}"));
                self.query.clear();
                self.kind = ListKind::Open;
                self.select(ctx.store, id);
                self.refresh(ctx.store);
            }
            Err(e) => self.say(true, e.to_string()),
        }
    }

    fn update_work(&mut self, m: Message, ctx: &mut Ctx<'_>) {
        let Some(sel) = &self.selected else {
            return;
        };
        let (id, order) = (sel.id, &sel.order);
        match (&mut self.panel, m) {
            (_, Message::EditWork) => {
                self.panel = Panel::Work(WorkDraft::from(&order.work_done, &order.charges));
            }
            (_, Message::Rate) => {
                let by = match &order.intake.place {
                    crate::domain::repair::Place::Public { officer_name, .. } => {
                        officer_name.clone()
                    }
                    _ => order.intake.reporter.clone(),
                };
                let c = order.confirmation.as_ref();
                self.panel = Panel::Rate(RateDraft {
                    rating: c.map(|c| c.rating),
                    comment: c.map(|c| c.comment.clone()).unwrap_or_default(),
                    by: c.map(|c| c.by.clone()).unwrap_or(by),
                    error: None,
                });
            }
            (_, Message::Callback) => {
                self.panel = Panel::Callback(CallbackDraft::from(order.callback.as_ref()));
            }
            (_, Message::Cancel) => self.panel = Panel::Cancel(String::new()),
            (Panel::Work(d), Message::WorkDoneEdited(v)) => d.work_done = v,
            (Panel::Work(d), Message::MaterialEdited(line, col, v)) => {
                if let Some(cell) = d.lines.get_mut(line).and_then(|l| l.cells.get_mut(col)) {
                    *cell = v;
                }
            }
            (Panel::Work(d), Message::AddMaterial) => d.lines.push(Default::default()),
            (Panel::Work(d), Message::RemoveMaterial(i)) if i < d.lines.len() => {
                d.lines.remove(i);
            }
            (Panel::Work(d), Message::LabourEdited(v)) => d.labour = v,
            (Panel::Work(d), Message::PaymentPicked(p)) => d.payment = Some(p),
            (Panel::Work(d), Message::ReceiptPicked(r)) => d.receipt = Some(r),
            (Panel::Work(d), Message::SaveWork) => {
                let Some(charges) = d.validate() else {
                    return self.say(true, "有填写不正确的地方，请按红字提示修改");
                };
                let work = d.work_done.clone();
                self.save(ctx, |store, rec| {
                    store.save_repair_work(id, &work, &charges, rec)
                });
            }
            (Panel::Rate(d), Message::RatingPicked(r)) => d.rating = Some(r),
            (Panel::Rate(d), Message::RateCommentEdited(v)) => d.comment = v,
            (Panel::Rate(d), Message::RateByEdited(v)) => d.by = v,
            (Panel::Rate(d), Message::SaveRating) => {
                let Some(rating) = d.rating else {
                    d.error = Some("请选择满意度".into());
                    return;
                };
                let (comment, by) = (d.comment.clone(), d.by.clone());
                self.save(ctx, |store, rec| {
                    let c = Confirmation {
                        rating,
                        comment,
                        by,
                        at: rec.at,
                    };
                    store.rate_repair(id, &c, rec)
                });
            }
            (Panel::Callback(d), Message::CallbackEdited(i, v)) => match i {
                0 => d.note = v,
                1 => d.department = v,
                2 => d.problem = v,
                _ => d.correction = v,
            },
            (Panel::Callback(d), Message::ProblemToggled(p)) => d.has_problem = p,
            (Panel::Callback(d), Message::SaveCallback) => {
                let Some(cb) = d.validate() else {
                    return;
                };
                self.save(ctx, |store, rec| store.record_callback(id, &cb, rec));
            }
            (Panel::Cancel(reason), Message::CancelReasonEdited(v)) => *reason = v,
            (Panel::Cancel(reason), Message::ConfirmCancel) => {
                let step = Step::Cancel {
                    reason: reason.clone(),
                };
                self.run_step(ctx, id, &step);
            }
            _ => {}
        }
    }

    /// Saves through `write` with who and when, then shows the order again.
    fn save(
        &mut self,
        ctx: &mut Ctx<'_>,
        write: impl FnOnce(&mut Store, &Recorded) -> Result<(), StoreError>,
    ) {
        let rec = match ctx.recorder() {
            Ok(r) => r,
            Err(e) => return self.say(true, e),
        };
        match write(ctx.store, &rec) {
            Ok(()) => {
                self.say(false, "已保存");
                self.panel = Panel::Detail;
                self.missing.clear();
                self.refresh(ctx.store);
            }
            Err(e) => self.say(true, e.to_string()),
        }
    }
}
