//! The rental tab's update and writes: every message matched by name. Nothing is written until
//! the form is valid; each message is reported after the screen changed, so it shows beside what
//! it is about.

use super::drafts::{EntrustDraft, Field};
use super::steps::{EndDraft, LeaseDraft, ViewingDraft};
use super::{Message, Panel, Rental};
use crate::domain::date::table_date;
use crate::forms::PrintJob;
use crate::ui::unit_pick;
use crate::ui::{Action, Ctx};

impl Rental {
    /// Handles a message.
    pub fn update(&mut self, message: Message, ctx: &mut Ctx<'_>) -> Action<Message> {
        self.now = ctx.now;
        match message {
            Message::ShowState(state) => {
                self.state = state;
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
                self.panel = Panel::Entrust(EntrustDraft::new(ctx.now.date()));
            }
            Message::Edited(f, v) => self.edit(ctx, f, v),
            Message::UnitPicked(u) => {
                let owners = crate::ui::owners_of(ctx.store, u.unit.id);
                if let Panel::Entrust(d) = &mut self.panel {
                    d.pick_unit((u.unit.id, u.unit.unit.address), owners);
                }
                self.unit_matches.clear();
                self.notices.edited(self.on_screen());
            }
            Message::OwnerPicked(o) => {
                if let Panel::Entrust(d) = &mut self.panel {
                    d.pick_owner(o);
                }
            }
            Message::SaveEntrust => self.save_entrust(ctx),
            Message::NewViewing => {
                if self.selected.is_some() {
                    let me = ctx.signed_in().map(|a| (a.id, a.name.clone()));
                    self.panel = Panel::Viewing(ViewingDraft::new(ctx.now, me));
                }
            }
            Message::StaffPicked(s) => {
                if let Panel::Viewing(d) = &mut self.panel {
                    d.staff = Some((s.id, s.label));
                    d.errors.remove(&Field::Staff);
                }
            }
            Message::OutcomePicked(o) => {
                if let Panel::Viewing(d) = &mut self.panel {
                    d.outcome = Some(o);
                    d.errors.remove(&Field::ViewingNote);
                }
            }
            Message::SaveViewing => self.save_viewing(ctx),
            Message::NewLease => {
                if let Some(s) = &self.selected {
                    let e = &s.entrustment;
                    let from = ctx.now.date().max(e.available_from);
                    self.panel = Panel::Lease(LeaseDraft::new(from, e.period_to, e.asking_rent));
                }
            }
            Message::CyclePicked(c) => {
                if let Panel::Lease(d) = &mut self.panel {
                    d.cycle = Some(c);
                }
            }
            Message::PurposePicked(p) => {
                if let Panel::Lease(d) = &mut self.panel {
                    d.purpose = Some(p);
                }
            }
            Message::SaveLease => self.save_lease(ctx),
            Message::EndLease => {
                if let Some(run) = self.selected.as_ref().and_then(|s| s.running()) {
                    // At term the last day is offered; before it, today (an early end).
                    let on = run.lease.ends_on.min(ctx.now.date());
                    self.panel = Panel::End(EndDraft {
                        on: table_date(on),
                        ..EndDraft::default()
                    });
                }
            }
            Message::SaveEnd => self.save_end(ctx),
            Message::Withdraw => {
                if self.selected.is_some() {
                    self.panel = Panel::Withdraw(EndDraft::default());
                }
            }
            Message::SaveWithdraw => self.save_withdraw(ctx),
            Message::Back => self.panel = Panel::Detail,
            Message::PrintEntrustment => {
                if let Some(s) = &self.selected {
                    return Action::Print(PrintJob::RentalEntrustment(s.entrustment.address));
                }
            }
            Message::PrintRegistration => match &self.selected {
                Some(s) if s.current_or_latest().is_some() => {
                    return Action::Print(PrintJob::TenantRegistration(s.entrustment.address));
                }
                Some(_) => self.fail("还没有签订租约，没有房屋出租登记表可打印"),
                None => {}
            },
        }
        Action::None
    }

    /// A text field typed in the open form; the unit box searches the register as typed.
    fn edit(&mut self, ctx: &mut Ctx<'_>, f: Field, v: String) {
        match &mut self.panel {
            Panel::Entrust(d) => {
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
            Panel::Viewing(d) => d.set(f, v),
            Panel::Lease(d) => d.set(f, v),
            Panel::End(d) | Panel::Withdraw(d) => d.set(f, v),
            Panel::Detail => return,
        }
        self.notices.edited(self.on_screen());
    }

    fn save_entrust(&mut self, ctx: &mut Ctx<'_>) {
        let rec = match ctx.recorder() {
            Ok(r) => r,
            Err(e) => return self.fail(e),
        };
        let Panel::Entrust(d) = &mut self.panel else {
            return;
        };
        let Some(e) = d.validate() else {
            return self.fail("有填写不正确的地方，请按红字提示修改");
        };
        match ctx.store.entrust_rental(&e, &rec) {
            Ok((id, number)) => {
                self.query.clear();
                self.state = None;
                self.refresh(ctx.store);
                self.select(ctx.store, id);
                self.ok(format!(
                    "已登记委托 {number}：{} 待租，请打印委托代租协议请业主签字",
                    e.address.short()
                ));
            }
            Err(err) => self.fail(err.to_string()),
        }
    }

    fn save_viewing(&mut self, ctx: &mut Ctx<'_>) {
        let (Some(id), Panel::Viewing(d)) = (self.selected.as_ref().map(|s| s.id), &mut self.panel)
        else {
            return;
        };
        let Some(v) = d.validate(ctx.now.date()) else {
            return self.fail("有填写不正确的地方，请按红字提示修改");
        };
        let rec = match ctx.recorder() {
            Ok(r) => r,
            Err(e) => return self.fail(e),
        };
        match ctx.store.log_viewing(id, &v, &rec) {
            Ok(()) => {
                self.refresh(ctx.store);
                self.panel = Panel::Detail;
                self.ok(format!("已登记看房：{}，{}", v.visitor, v.outcome.label()));
            }
            Err(e) => self.fail(e.to_string()),
        }
    }

    fn save_lease(&mut self, ctx: &mut Ctx<'_>) {
        let Some(s) = &self.selected else { return };
        let (id, from, to) = (s.id, s.entrustment.period_from, s.entrustment.period_to);
        let Panel::Lease(d) = &mut self.panel else {
            return;
        };
        let Some(lease) = d.validate(from, to) else {
            return self.fail("有填写不正确的地方，请按红字提示修改");
        };
        let rec = match ctx.recorder() {
            Ok(r) => r,
            Err(e) => return self.fail(e),
        };
        match ctx.store.sign_lease(id, &lease, &rec) {
            Ok(signed) => {
                self.refresh(ctx.store);
                self.panel = Panel::Detail;
                self.ok(format!(
                    "已签约：租户 {} 已登记为租户，房屋状态改为出租，佣金 {} 已计入收费管理。请打印房屋出租登记表",
                    lease.tenant, signed.commission
                ));
            }
            Err(e) => self.fail(e.to_string()),
        }
    }

    fn save_end(&mut self, ctx: &mut Ctx<'_>) {
        let (Some(id), Panel::End(d)) = (self.selected.as_ref().map(|s| s.id), &mut self.panel)
        else {
            return;
        };
        let Some(end) = d.validate() else {
            return self.fail("有填写不正确的地方，请按红字提示修改");
        };
        let rec = match ctx.recorder() {
            Ok(r) => r,
            Err(e) => return self.fail(e),
        };
        match ctx.store.end_lease(id, &end, &rec) {
            Ok(()) => {
                self.refresh(ctx.store);
                self.panel = Panel::Detail;
                self.ok("已退租：租户已移出当前住户，房屋恢复签约前的状态，重新待租");
            }
            Err(e) => {
                if let Panel::End(d) = &mut self.panel {
                    d.errors.insert(Field::Reason, e.to_string());
                }
                self.fail(e.to_string());
            }
        }
    }

    fn save_withdraw(&mut self, ctx: &mut Ctx<'_>) {
        let (Some(id), Panel::Withdraw(d)) =
            (self.selected.as_ref().map(|s| s.id), &mut self.panel)
        else {
            return;
        };
        let reason = d.reason.trim().to_string();
        if reason.is_empty() {
            d.errors
                .insert(Field::Reason, "请写明撤回委托的原因".into());
            return self.fail("请写明撤回委托的原因");
        }
        let rec = match ctx.recorder() {
            Ok(r) => r,
            Err(e) => return self.fail(e),
        };
        match ctx.store.withdraw_rental(id, &reason, &rec) {
            Ok(()) => {
                self.refresh(ctx.store);
                self.panel = Panel::Detail;
                self.ok("已撤回委托");
            }
            Err(e) => self.fail(e.to_string()),
        }
    }
}
