//! The renovation tab's update: every message matched by name, the forms opened and edited.
//! The writes are in `save`; nothing is written until a form is valid.

use chrono::Days;

use super::drafts::{ApplyDraft, Field, MAX_WORKERS};
use super::steps::{
    AcceptanceDraft, InspectionDraft, PapersDraft, PatrolDraft, PhaseDraft, RecheckDraft,
    RefundDraft,
};
use super::{Message, Panel, PrintWhat, Renovation, Show};
use crate::domain::Month;
use crate::domain::date::table_date;
use crate::domain::renovation::Stage;
use crate::forms::PrintJob;
use crate::ui::unit_pick;
use crate::ui::{Action, Ctx};

impl Renovation {
    /// Handles a message.
    pub fn update(&mut self, message: Message, ctx: &mut Ctx<'_>) -> Action<Message> {
        self.now = ctx.now;
        match message {
            Message::ShowList(show) => {
                self.show = show;
                self.query.clear();
                self.refresh(ctx.store);
            }
            Message::BuildingChanged(b) => {
                self.building = b;
                self.refresh(ctx.store);
                let typed = self.building.trim();
                if !typed.is_empty() && typed.parse::<u32>().is_err() {
                    self.fail(format!("楼栋请填数字，例如 5（“{typed}”没有用来筛选）"));
                }
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
                self.panel = Panel::Apply(Box::new(ApplyDraft::new(ctx.now.date())));
            }
            Message::Edited(f, v) => self.edit(ctx, f, v),
            Message::UnitPicked(u) => {
                let owners = crate::ui::owners_of(ctx.store, u.unit.id);
                if let Panel::Apply(d) = &mut self.panel {
                    d.pick_unit((u.unit.id, u.unit.unit.address), owners);
                }
                self.unit_matches.clear();
                self.notices.edited(self.on_screen());
            }
            Message::OwnerPicked(o) => {
                if let Panel::Apply(d) = &mut self.panel {
                    d.pick_owner(o);
                }
            }
            Message::KindToggled(k) => {
                if let Panel::Apply(d) = &mut self.panel {
                    d.toggle_kind(k);
                }
            }
            Message::PaperToggled(p) => match &mut self.panel {
                Panel::Apply(d) => d.toggle_paper(p),
                Panel::Papers(d) => {
                    d.toggle(p);
                    d.errors.clear();
                }
                _ => {}
            },
            Message::AddWorker => {
                if let Panel::Apply(d) = &mut self.panel {
                    d.worker_rows = (d.worker_rows + 1).min(MAX_WORKERS);
                }
            }
            Message::SaveApply => self.save_apply(ctx),
            Message::NewPapers => {
                if self.selected.is_some() {
                    self.panel = Panel::Papers(PapersDraft {
                        on: table_date(ctx.now.date()),
                        ..PapersDraft::default()
                    });
                }
            }
            Message::SavePapers => self.save_papers(ctx),
            Message::NewInspection => {
                if self.selected.is_some() {
                    self.panel = Panel::Inspection(InspectionDraft::new(ctx.now));
                }
            }
            Message::ItemPassed(i, passed) => {
                if let Panel::Inspection(d) = &mut self.panel
                    && let Some(item) = d.items.get_mut(i)
                {
                    item.1 = passed;
                    d.errors.remove(&Field::ItemNote(i));
                }
            }
            Message::AddItem => {
                if let Panel::Inspection(d) = &mut self.panel {
                    d.add();
                }
            }
            Message::SaveInspection => self.save_inspection(ctx),
            Message::NewOwnerAccepts => {
                if self.selected.is_some() {
                    self.panel = Panel::OwnerAccepts(String::new());
                }
            }
            Message::SaveOwnerAccepts => self.save_owner_accepts(ctx),
            Message::Bill => self.bill(ctx),
            Message::IssuePermit => return self.issue_permit(ctx),
            Message::NewPhase => {
                if self.selected.is_some() {
                    self.panel = Panel::Phase(PhaseDraft {
                        start: table_date(ctx.now.date()),
                        ..PhaseDraft::default()
                    });
                }
            }
            Message::PhasePicked(k) => {
                if let Panel::Phase(d) = &mut self.panel {
                    d.kind = Some(k);
                    d.errors.clear();
                }
            }
            Message::SavePhase => self.save_phase(ctx),
            Message::NewPatrol => {
                if self.selected.is_some() {
                    self.panel = Panel::Patrol(PatrolDraft::new(ctx.now));
                }
            }
            Message::ViolationPicked(v) => {
                if let Panel::Patrol(d) = &mut self.panel {
                    d.violation = v;
                    d.errors.clear();
                }
            }
            Message::SavePatrol => return self.save_patrol(ctx),
            Message::NewRecheck(seq) => {
                if self.selected.is_some() {
                    self.panel = Panel::Recheck(RecheckDraft {
                        seq,
                        next: table_date(ctx.now.date() + Days::new(3)),
                        ..RecheckDraft::default()
                    });
                }
            }
            Message::RecheckPassed(p) => {
                if let Panel::Recheck(d) = &mut self.panel {
                    d.passed = Some(p);
                    d.errors.clear();
                }
            }
            Message::SaveRecheck => self.save_recheck(ctx),
            Message::NewFinish => {
                if self.selected.is_some() {
                    self.panel = Panel::Finish(table_date(ctx.now.date()));
                }
            }
            Message::SaveFinish => self.save_finish(ctx),
            Message::NewAcceptance => {
                if self.selected.is_some() {
                    self.panel = Panel::Acceptance(AcceptanceDraft::default());
                }
            }
            Message::AcceptancePassed(p) => {
                if let Panel::Acceptance(d) = &mut self.panel {
                    d.passed = Some(p);
                    d.errors.clear();
                }
            }
            Message::SaveAcceptance => self.save_acceptance(ctx),
            Message::NewRefund => {
                if let Some(s) = &self.selected {
                    self.panel = Panel::Refund(RefundDraft::new(&s.owner_name));
                }
            }
            Message::MethodPicked(m) => {
                if let Panel::Refund(d) = &mut self.panel {
                    d.method = m;
                }
            }
            Message::AddDeduction => {
                if let Panel::Refund(d) = &mut self.panel {
                    d.add();
                }
            }
            Message::SaveRefund => return self.save_refund(ctx),
            Message::NewCancel => {
                if self.selected.is_some() {
                    self.panel = Panel::Cancel(String::new());
                }
            }
            Message::SaveCancel => self.save_cancel(ctx),
            Message::Back => self.panel = Panel::Detail,
            Message::Print(what) => return self.print(what, ctx),
        }
        Action::None
    }

    /// A text field typed in the open form; the unit box searches the register as typed.
    fn edit(&mut self, ctx: &mut Ctx<'_>, f: Field, v: String) {
        match &mut self.panel {
            Panel::Apply(d) => {
                d.set(f, v);
                if f == Field::Unit {
                    self.unit_matches = unit_pick::matches(ctx.store, &d.pick.unit_text);
                    // One match is the unit the owner named.
                    if let Some((unit, owners)) = unit_pick::the_one(ctx.store, &self.unit_matches)
                    {
                        d.pick_unit(unit, owners);
                    }
                }
            }
            Panel::Papers(d) => {
                d.on = v;
                d.errors.clear();
            }
            Panel::Inspection(d) => {
                match f {
                    Field::ItemName(i) => {
                        if let Some(item) = d.items.get_mut(i) {
                            item.0 = v;
                        }
                    }
                    Field::ItemNote(i) => {
                        if let Some(item) = d.items.get_mut(i) {
                            item.2 = v;
                        }
                    }
                    Field::PatrolAt => d.at = v,
                    _ => return,
                }
                d.errors.remove(&f);
            }
            Panel::Phase(d) => {
                match f {
                    Field::PhaseStart => d.start = v,
                    Field::InstallDay => d.install = v,
                    _ => return,
                }
                d.errors.remove(&f);
            }
            Panel::Patrol(d) => {
                match f {
                    Field::PatrolAt => d.at = v,
                    Field::Findings => d.findings = v,
                    Field::RecheckOn => d.recheck = v,
                    _ => return,
                }
                d.errors.remove(&f);
            }
            Panel::Recheck(d) => {
                match f {
                    Field::RecheckNote => d.note = v,
                    Field::RecheckOn => d.next = v,
                    _ => return,
                }
                d.errors.remove(&f);
            }
            Panel::Acceptance(d) => {
                d.findings = v;
                d.errors.clear();
            }
            Panel::Refund(d) => {
                match f {
                    Field::Payee => d.payee = v,
                    Field::RefundNote => d.note = v,
                    Field::DeductReason(i) => {
                        if let Some(row) = d.deductions.get_mut(i) {
                            row.0 = v;
                        }
                    }
                    Field::DeductAmount(i) => {
                        if let Some(row) = d.deductions.get_mut(i) {
                            row.1 = v;
                        }
                    }
                    _ => return,
                }
                d.errors.remove(&f);
            }
            Panel::OwnerAccepts(text) | Panel::Finish(text) | Panel::Cancel(text) => *text = v,
            Panel::Detail => return,
        }
        self.notices.edited(self.on_screen());
    }

    /// The print job behind `what`, for the selected renovation.
    fn print(&mut self, what: PrintWhat, ctx: &Ctx<'_>) -> Action<Message> {
        let job = match (what, &self.selected) {
            (PrintWhat::BlankApplication, _) => PrintJob::RenovationApplication(None),
            (PrintWhat::PatrolLog, _) => PrintJob::PatrolLog(Month::of(ctx.now.date())),
            (_, None) => return Action::None,
            (PrintWhat::Application, Some(s)) => PrintJob::RenovationApplication(Some(s.number)),
            (PrintWhat::Permit, Some(s)) if s.permit_at.is_none() => {
                self.fail("还没有发放装修许可证：缴清装修保证金和费用后点击“发放许可证”");
                return Action::None;
            }
            (PrintWhat::Permit, Some(s)) => PrintJob::RenovationPermit(s.number),
            (PrintWhat::Passes, Some(s)) if s.workers.is_empty() => {
                self.fail("没有登记施工人员，无法打印出入证");
                return Action::None;
            }
            (PrintWhat::Passes, Some(s)) => PrintJob::WorkerPasses(s.number),
            (PrintWhat::Rectification(n), Some(s)) => PrintJob::Rectification(s.number, n),
            (PrintWhat::Refund, Some(s)) if s.refund.is_none() => {
                self.fail("还没有退还保证金，没有退款凭证可打印");
                return Action::None;
            }
            (PrintWhat::Refund, Some(s)) => PrintJob::DepositRefund(s.number),
        };
        Action::Print(job)
    }

    /// Whether the selected renovation is at `stage`.
    pub(super) fn at_stage(&self, stage: Stage) -> bool {
        self.selected.as_ref().is_some_and(|s| s.stage == stage)
    }

    /// Shows the open renovations again after a write that changed the list.
    pub(super) fn list_open(&mut self) {
        self.query.clear();
        self.show = Show::Open;
    }
}
