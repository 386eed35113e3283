//! The move-in tab's update and writes. Every message is matched by name; a message for a form
//! no longer open changes nothing; each write's outcome is reported beside the case.

use super::drafts::{FinishDraft, InspectionDraft, ItemsDraft, OpenDraft};
use super::{Message, MoveIn, Panel};
use crate::domain::date::table_date;
use crate::domain::movein::{Agreements, MoveInStep};
use crate::domain::today::OpenRecord;
use crate::ui::{Action, Ctx, PrintJob};

impl MoveIn {
    /// Handles a message.
    pub fn update(&mut self, message: Message, ctx: &mut Ctx<'_>) -> Action<Message> {
        self.now = ctx.now;
        match message {
            Message::BuildingEdited(t) => {
                self.building_text = t;
                self.schedule = false;
                self.refresh(ctx.store);
            }
            Message::StepFilter(s) => {
                self.step = s;
                self.refresh(ctx.store);
            }
            Message::Schedule(on) => {
                self.schedule = on;
                self.refresh(ctx.store);
            }
            Message::Pick(unit) => self.pick(ctx, unit),
            Message::OpenEdited(i, v) => {
                if let Panel::Open(d) = &mut self.panel {
                    match i {
                        0 => {
                            d.owner = None;
                            d.name = v;
                        }
                        1 => d.notice_no = v,
                        _ => d.scheduled = v,
                    }
                    self.notices.edited(self.on_screen());
                }
            }
            Message::OwnerPicked(o) => {
                if let Panel::Open(d) = &mut self.panel {
                    d.name = o.name.clone();
                    d.owner = Some(o);
                }
            }
            Message::SaveOpen => self.save_open(ctx),
            Message::NoteEdited(v) => {
                self.note = v;
                self.notices.edited(self.on_screen());
            }
            Message::Done(step) => self.done(ctx, step),
            Message::Form(step) => self.form(step, ctx),
            Message::AgreementEdited(i, v) => {
                if let Panel::Agreements(a) = &mut self.panel
                    && let Some(slot) = a.get_mut(i)
                {
                    *slot = v;
                    self.notices.edited(self.on_screen());
                }
            }
            Message::SaveAgreements => self.save_agreements(ctx),
            Message::ItemEdited(i, v) => {
                if let Panel::Items(d) = &mut self.panel
                    && let Some(line) = d.lines.get_mut(i)
                {
                    line.1 = v;
                    self.notices.edited(self.on_screen());
                }
            }
            Message::SaveItems => self.save_items(ctx),
            Message::AreaOk(i, ok) => self.inspection(|d| {
                if let Some(a) = d.areas.get_mut(i) {
                    a.1 = ok;
                }
            }),
            Message::AreaNote(i, v) => self.inspection(|d| {
                if let Some(a) = d.areas.get_mut(i) {
                    a.2 = v;
                }
            }),
            Message::ReadingEdited(i, v) => self.inspection(|d| {
                if let Some(r) = d.readings.get_mut(i) {
                    *r = v;
                }
            }),
            Message::SaveInspection => self.save_inspection(ctx),
            Message::ToRepair(defect) => {
                let rec = match ctx.recorder() {
                    Ok(r) => r,
                    Err(e) => {
                        self.fail(e);
                        return Action::None;
                    }
                };
                match ctx.store.defect_to_repair(defect, &rec) {
                    Ok(repair) => {
                        self.refresh(ctx.store);
                        let number = ctx
                            .store
                            .repair(repair)
                            .map(|r| r.order.number.to_string())
                            .unwrap_or_default();
                        self.ok(format!("已转报修，维修单 {number}"));
                    }
                    Err(e) => self.fail(e.to_string()),
                }
            }
            Message::Accept(defect) => {
                let rec = match ctx.recorder() {
                    Ok(r) => r,
                    Err(e) => {
                        self.fail(e);
                        return Action::None;
                    }
                };
                match ctx.store.accept_defect(defect, &rec) {
                    Ok(()) => {
                        self.refresh(ctx.store);
                        self.ok("已记录业主接受现状");
                    }
                    Err(e) => self.fail(e.to_string()),
                }
            }
            Message::Skip => {
                if self.selected.is_some() {
                    self.panel = Panel::Skip(String::new());
                }
            }
            Message::SkipEdited(v) => {
                if let Panel::Skip(r) = &mut self.panel {
                    *r = v;
                    self.notices.edited(self.on_screen());
                }
            }
            Message::SaveSkip => self.save_skip(ctx),
            Message::FinishDateEdited(v) => {
                if let Panel::Finish(d) = &mut self.panel {
                    d.date = v;
                    self.notices.edited(self.on_screen());
                }
            }
            Message::RenovatingToggled(on) => {
                if let Panel::Finish(d) = &mut self.panel {
                    d.renovating = on;
                }
            }
            Message::SaveFinish => self.save_finish(ctx),
            Message::Back => self.panel = Panel::Detail,
            Message::OpenRegister => {
                if let Some(s) = &self.selected {
                    return Action::Open(OpenRecord::Unit(s.unit));
                }
            }
            Message::OpenRepair(id) => return Action::Open(OpenRecord::Repair(id)),
            Message::PrintSheet => {
                if let Some(s) = &self.selected {
                    return Action::Print(PrintJob::HandoverSheet(s.address));
                }
            }
            Message::PrintBlank => return Action::Print(PrintJob::HandoverBlank),
            Message::PrintList => {
                if let Some(s) = &self.selected {
                    return Action::Print(PrintJob::MoveInList(s.address));
                }
            }
        }
        Action::None
    }

    /// A unit of the board: its open (or latest) case, or the form to open one.
    fn pick(&mut self, ctx: &mut Ctx<'_>, unit: crate::domain::unit::UnitId) {
        match ctx.store.move_in_of_unit(unit) {
            Ok(Some(case)) => self.select(ctx.store, case.id),
            Ok(None) => {
                let Ok(u) = ctx.store.unit(unit) else {
                    return self.fail("找不到这套房屋");
                };
                let owners = crate::ui::owners_of(ctx.store, unit);
                let owner = match owners.as_slice() {
                    [only] => Some(only.clone()),
                    _ => None,
                };
                self.selected = None;
                self.picked = Some((unit, u.unit.address));
                self.panel = Panel::Open(OpenDraft {
                    name: owner.as_ref().map(|o| o.name.clone()).unwrap_or_default(),
                    owner,
                    owners,
                    ..OpenDraft::default()
                });
            }
            Err(e) => self.fail(e.to_string()),
        }
    }

    fn save_open(&mut self, ctx: &mut Ctx<'_>) {
        let (Some((unit, address)), Panel::Open(d)) = (self.picked, &self.panel) else {
            return;
        };
        let scheduled = match d.scheduled_at(ctx.now.date()) {
            Ok(s) => s,
            Err(e) => return self.fail(e),
        };
        let rec = match ctx.recorder() {
            Ok(r) => r,
            Err(e) => return self.fail(e),
        };
        let person = d.owner.as_ref().map(|o| o.person);
        let (name, notice) = (d.name.clone(), d.notice_no.clone());
        match ctx
            .store
            .open_move_in(unit, &name, person, &notice, scheduled, &rec)
        {
            Ok(id) => {
                self.refresh(ctx.store);
                self.select(ctx.store, id);
                self.ok(format!("已为 {address} 开始办理入住"));
            }
            Err(e) => self.fail(e.to_string()),
        }
    }

    /// The steps without a form of their own: done now, with the note typed.
    fn done(&mut self, ctx: &mut Ctx<'_>, step: MoveInStep) {
        let Some(id) = self.selected.as_ref().map(|s| s.id) else {
            return;
        };
        let rec = match ctx.recorder() {
            Ok(r) => r,
            Err(e) => return self.fail(e),
        };
        let note = self.note.trim().to_string();
        match ctx.store.move_in_step(id, step, &note, &rec) {
            Ok(()) => {
                self.note.clear();
                self.refresh(ctx.store);
                self.ok(format!("{}已完成", step.named()));
            }
            Err(e) => self.fail(e.to_string()),
        }
    }

    /// Opens the next step's own form.
    fn form(&mut self, step: MoveInStep, ctx: &mut Ctx<'_>) {
        let today = table_date(ctx.now.date());
        self.panel = match step {
            MoveInStep::Agreements => Panel::Agreements([today.clone(), today]),
            MoveInStep::Items => Panel::Items(ItemsDraft {
                lines: self
                    .items
                    .iter()
                    .map(|i| (i.clone(), String::new()))
                    .collect(),
            }),
            MoveInStep::Inspection1 => Panel::Inspection(InspectionDraft::new(1, &self.areas)),
            MoveInStep::Inspection2 => Panel::Inspection(InspectionDraft::new(2, &self.areas)),
            MoveInStep::Finish => Panel::Finish(FinishDraft {
                date: today,
                renovating: false,
            }),
            _ => return,
        };
    }

    fn save_agreements(&mut self, ctx: &mut Ctx<'_>) {
        let (Some(id), Panel::Agreements([service, rules])) =
            (self.selected.as_ref().map(|s| s.id), &self.panel)
        else {
            return;
        };
        let date = |t: &str, what: &str| {
            crate::domain::date::parse_date(t.trim()).map_err(|e| format!("{what}签订日期：{e}"))
        };
        let a = match (
            date(service, "前期物业服务协议"),
            date(rules, "业主临时管理规约"),
        ) {
            (Ok(service_signed), Ok(rules_signed)) => Agreements {
                service_signed,
                rules_signed,
            },
            (Err(e), _) | (_, Err(e)) => return self.fail(e),
        };
        self.write(ctx, "已记录协议签订日期", |s, rec| {
            s.save_agreements(id, &a, rec)
        });
    }

    fn save_items(&mut self, ctx: &mut Ctx<'_>) {
        let (Some(id), Panel::Items(d)) = (self.selected.as_ref().map(|s| s.id), &self.panel)
        else {
            return;
        };
        let items = match d.items() {
            Ok(i) => i,
            Err(e) => return self.fail(e),
        };
        self.write(ctx, "已记录领取的物品", |s, rec| {
            s.hand_over_items(id, &items, rec)
        });
    }

    fn save_inspection(&mut self, ctx: &mut Ctx<'_>) {
        let (Some(id), Panel::Inspection(d)) = (self.selected.as_ref().map(|s| s.id), &self.panel)
        else {
            return;
        };
        let rec = match ctx.recorder() {
            Ok(r) => r,
            Err(e) => return self.fail(e),
        };
        let inspection = match d.inspection(ctx.now, &rec.by_name) {
            Ok(i) => i,
            Err(e) => return self.fail(e),
        };
        match ctx.store.save_inspection(id, &inspection, &rec) {
            Ok(defects) => {
                self.refresh(ctx.store);
                self.panel = Panel::Detail;
                self.ok(match defects.len() {
                    0 => format!("接房验收{}全部合格", inspection.round),
                    n => format!(
                        "接房验收{}发现 {n} 处问题：请转报修或由业主接受现状",
                        inspection.round
                    ),
                });
            }
            Err(e) => self.fail(e.to_string()),
        }
    }

    fn save_skip(&mut self, ctx: &mut Ctx<'_>) {
        let (Some(case), Panel::Skip(reason)) = (self.selected.as_ref(), &self.panel) else {
            return;
        };
        let Some(step) = case.next_step() else {
            return;
        };
        let (id, reason) = (case.id, reason.clone());
        self.write(ctx, &format!("已跳过{}", step.named()), |s, rec| {
            s.skip_move_in_step(id, step, &reason, rec)
        });
    }

    fn save_finish(&mut self, ctx: &mut Ctx<'_>) {
        let (Some(id), Panel::Finish(d)) = (self.selected.as_ref().map(|s| s.id), &self.panel)
        else {
            return;
        };
        let finish = match d.finish() {
            Ok(f) => f,
            Err(e) => return self.fail(e),
        };
        let done = if finish.renovating {
            "入住手续办完，房屋转为装修中"
        } else {
            "入住手续办完，房屋已入住"
        };
        self.write(ctx, done, |s, rec| s.finish_move_in(id, &finish, rec));
    }

    /// Runs a write with the person signed in; on success back to the case with `ok`.
    fn write(
        &mut self,
        ctx: &mut Ctx<'_>,
        ok: &str,
        f: impl FnOnce(
            &mut crate::store::Store,
            &crate::domain::staff::Recorded,
        ) -> crate::store::Result<()>,
    ) {
        let rec = match ctx.recorder() {
            Ok(r) => r,
            Err(e) => return self.fail(e),
        };
        match f(ctx.store, &rec) {
            Ok(()) => {
                self.refresh(ctx.store);
                self.panel = Panel::Detail;
                self.ok(ok);
            }
            Err(e) => self.fail(e.to_string()),
        }
    }

    fn inspection(&mut self, edit: impl FnOnce(&mut InspectionDraft)) {
        if let Panel::Inspection(d) = &mut self.panel {
            edit(d);
            self.notices.edited(self.on_screen());
        }
    }
}
