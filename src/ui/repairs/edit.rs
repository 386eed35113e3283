//! The repairs tab's writes: intake, steps of the procedure, work and charges, rating, callback,
//! cancelling and closing. Nothing is written until the draft is valid and someone is on duty;
//! each message is reported after the screen changed, so it shows beside what it is about.

use super::{Field, ListKind, Panel, Repairs, StepKind};
use crate::domain::SearchQuery;
use crate::domain::repair::{Confirmation, RepairId, Step, missing_for_close};
use crate::domain::staff::Recorded;
use crate::store::{Store, StoreError};
use crate::ui::Ctx;

impl Repairs {
    /// An intake field typed; the unit box searches the register as the caller spells it out.
    pub(super) fn edit_intake(&mut self, ctx: &mut Ctx<'_>, f: Field, v: String) {
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
                if d.reporter.is_empty() {
                    d.reporter = only.owners.split('、').next().unwrap_or("").to_string();
                }
            }
        }
        self.notices.edited(self.on_screen());
    }

    pub(super) fn save_intake(&mut self, ctx: &mut Ctx<'_>) {
        let Panel::Intake(d) = &mut self.panel else {
            return;
        };
        let Some(intake) = d.validate(ctx.now.date()) else {
            return self.fail("有填写不正确的地方，请按红字提示修改");
        };
        let rec = match ctx.recorder() {
            Ok(r) => r,
            Err(e) => return self.fail(e),
        };
        match ctx.store.add_repair(&intake, &rec) {
            Ok((id, number)) => {
                self.query.clear();
                self.kind = ListKind::Open;
                self.refresh(ctx.store);
                self.select(ctx.store, id);
                self.ok(format!("已登记维修单 {number}"));
            }
            Err(e) => self.fail(e.to_string()),
        }
    }

    /// Runs a step on the selected order with who and when; 到场 and 完工 at the time typed
    /// beside the button (reported later by phone), or now when it is blank.
    pub(super) fn step(&mut self, ctx: &mut Ctx<'_>, kind: StepKind) {
        let Some(id) = self.selected.as_ref().map(|s| s.id) else {
            return;
        };
        let step = match kind {
            StepKind::Dispatch => match &self.technician {
                Some(t) => Step::Dispatch {
                    technician: t.id,
                    name: t.label.clone(),
                },
                None => return self.fail("请先选择维修人员"),
            },
            StepKind::Arrive => Step::Arrive,
            StepKind::Review => Step::Review,
            StepKind::Complete => Step::Complete,
        };
        let at = match kind {
            StepKind::Arrive | StepKind::Complete => match self.step_at(ctx) {
                Ok(at) => at,
                Err(e) => return self.fail(e),
            },
            StepKind::Dispatch | StepKind::Review => ctx.now,
        };
        self.run_step(ctx, id, &step, at);
    }

    /// The time typed beside 到场 / 完工: blank is now.
    fn step_at(&self, ctx: &Ctx<'_>) -> Result<chrono::NaiveDateTime, String> {
        let text = self.step_time.trim();
        if text.is_empty() {
            return Ok(ctx.now);
        }
        crate::domain::date::parse_datetime(text, ctx.now.date()).map_err(|e| e.to_string())
    }

    fn run_step(
        &mut self,
        ctx: &mut Ctx<'_>,
        id: RepairId,
        step: &Step,
        at: chrono::NaiveDateTime,
    ) {
        let rec = match ctx.recorder() {
            Ok(r) => r,
            Err(e) => return self.fail(e),
        };
        match ctx.store.repair_step_at(id, step, at, &rec) {
            Ok(state) => {
                self.panel = Panel::Detail;
                self.step_time.clear();
                self.refresh(ctx.store);
                self.ok(format!("已{}，现在是 {}", step.label(), state.label()));
            }
            Err(e) => self.fail(e.to_string()),
        }
    }

    /// Closing: first list every blank beside the order, then ask the store (which checks again).
    pub(super) fn close(&mut self, ctx: &mut Ctx<'_>) {
        let Some(s) = &self.selected else {
            return;
        };
        let id = s.id;
        let missing = missing_for_close(&s.order);
        if !missing.is_empty() {
            self.missing = Some((id, missing));
            return self.fail("维修单不能有漏填项，请补全下列内容后再关闭");
        }
        self.missing = None;
        self.run_step(ctx, id, &Step::Close, ctx.now);
    }

    pub(super) fn confirm_cancel(&mut self, ctx: &mut Ctx<'_>) {
        let (Panel::Cancel(reason), Some(id)) = (&self.panel, self.selected.as_ref().map(|s| s.id))
        else {
            return;
        };
        let step = Step::Cancel {
            reason: reason.clone(),
        };
        self.run_step(ctx, id, &step, ctx.now);
    }

    pub(super) fn save_work(&mut self, ctx: &mut Ctx<'_>) {
        let (Panel::Work(d), Some(id)) = (&mut self.panel, self.selected.as_ref().map(|s| s.id))
        else {
            return;
        };
        let Some(charges) = d.validate() else {
            return self.fail("有填写不正确的地方，请按红字提示修改");
        };
        let work = d.work_done.clone();
        self.save(ctx, |store, rec| {
            store.save_repair_work(id, &work, &charges, rec)
        });
    }

    pub(super) fn save_rating(&mut self, ctx: &mut Ctx<'_>) {
        let (Panel::Rate(d), Some(id)) = (&mut self.panel, self.selected.as_ref().map(|s| s.id))
        else {
            return;
        };
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

    pub(super) fn save_callback(&mut self, ctx: &mut Ctx<'_>) {
        let (Panel::Callback(d), Some(id)) =
            (&mut self.panel, self.selected.as_ref().map(|s| s.id))
        else {
            return;
        };
        let Some(cb) = d.validate() else {
            return;
        };
        self.save(ctx, |store, rec| store.record_callback(id, &cb, rec));
    }

    /// Saves through `write` with who and when, then shows the order again and says so there.
    fn save(
        &mut self,
        ctx: &mut Ctx<'_>,
        write: impl FnOnce(&mut Store, &Recorded) -> Result<(), StoreError>,
    ) {
        let rec = match ctx.recorder() {
            Ok(r) => r,
            Err(e) => return self.fail(e),
        };
        match write(ctx.store, &rec) {
            Ok(()) => {
                self.panel = Panel::Detail;
                self.refresh(ctx.store);
                self.ok("已保存");
            }
            Err(e) => self.fail(e.to_string()),
        }
    }
}
