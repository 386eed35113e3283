//! The lost-and-found tab's update and writes: every message matched by name. Nothing is
//! written until the form is valid; a form stays as typed when the store refuses it (the desk
//! asks the supervisor to countersign a valuable and sends the save again).

use super::drafts::{ClaimDraft, CloseDraft, DisposeDraft, Field, ItemDraft, LossDraft};
use super::{ListKind, LostFound, Message, Panel, Selected};
use crate::domain::month::Month;
use crate::ui::{Action, Ctx, PrintJob};

impl LostFound {
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
                if let (true, [only]) = (self.kind != ListKind::Reports, self.rows.as_slice()) {
                    let id = only.id;
                    self.select(ctx.store, id);
                }
            }
            Message::Select(id) => self.select(ctx.store, id),
            Message::SelectReport(id) => self.select_report(ctx.store, id),
            Message::NewItem => self.panel = Panel::NewItem(ItemDraft::new(ctx.now)),
            Message::NewLoss => {
                self.live_matches.clear();
                self.panel = Panel::Loss(LossDraft::new());
            }
            Message::Edited(field, value) => self.edit(ctx, field, value),
            Message::CategoryPicked(c) => self.item(|d| {
                d.pick_category(c);
                d.errors.remove(&Field::Name);
            }),
            Message::LossCategoryPicked(c) => {
                if let Panel::Loss(d) = &mut self.panel {
                    d.category = (d.category != Some(c)).then_some(c);
                }
                self.match_live(ctx);
            }
            Message::FinderKindPicked(k) => self.item(|d| {
                d.finder_kind = Some(k);
                d.errors.remove(&Field::FinderPhone);
            }),
            Message::ValuableToggled(v, on) => self.item(|d| d.toggle(v, on)),
            Message::WitnessToggled(name) => self.item(|d| d.toggle_witness(name)),
            Message::SaveItem => self.save_item(ctx),
            Message::SaveLoss => self.save_loss(ctx),
            Message::Claim => {
                if self.selected_item().is_some() {
                    self.panel = Panel::Claim(ClaimDraft::default());
                }
            }
            Message::ClaimFromReport(id) => self.claim_from_report(ctx, id),
            Message::MatchesToggled(on) => {
                if let Panel::Claim(d) = &mut self.panel {
                    d.matches = on;
                    d.errors.remove(&Field::Matches);
                }
                self.notices.edited(self.on_screen());
            }
            Message::SaveClaim => self.save_claim(ctx),
            Message::Dispose => {
                if let Some(r) = self.selected_item() {
                    let police = r.item.has_id_card()
                        || r.item
                            .valuables
                            .contains(&crate::domain::lostfound::Valuable::Cash);
                    self.panel = Panel::Dispose(DisposeDraft {
                        method: police.then_some(crate::domain::lostfound::DisposalMethod::Police),
                        ..DisposeDraft::default()
                    });
                }
            }
            Message::MethodPicked(m) => {
                if let Panel::Dispose(d) = &mut self.panel {
                    d.method = Some(m);
                    d.error = None;
                }
                self.notices.edited(self.on_screen());
            }
            Message::SaveDispose => self.save_dispose(ctx),
            Message::CloseReport => {
                if matches!(self.selected, Selected::Report(..)) {
                    self.panel = Panel::CloseReport(CloseDraft::default());
                }
            }
            Message::SaveCloseReport => self.save_close_report(ctx),
            Message::Back => self.panel = Panel::Detail,
            Message::PrintNotice => return Action::Print(PrintJob::FoundNotice),
            Message::PrintRegister => {
                return Action::Print(PrintJob::LostFound(Month::of(ctx.now.date())));
            }
            Message::PrintItemMonth => {
                if let Some(r) = self.selected_item() {
                    let month = Month::of(r.item.found_at.date());
                    return Action::Print(PrintJob::LostFound(month));
                }
            }
        }
        Action::None
    }

    /// A text field typed, in whichever form is open; the loss report matches as it is typed.
    fn edit(&mut self, ctx: &mut Ctx<'_>, field: Field, v: String) {
        let slot = match &mut self.panel {
            Panel::NewItem(d) => {
                d.errors.remove(&field);
                match field {
                    Field::Name => &mut d.name,
                    Field::Description => &mut d.description,
                    Field::Place => &mut d.place,
                    Field::FoundAt => &mut d.found_at,
                    Field::Finder => &mut d.finder,
                    Field::FinderPhone => &mut d.finder_phone,
                    Field::Storage => &mut d.storage,
                    Field::Cash => &mut d.cash,
                    _ => return,
                }
            }
            Panel::Loss(d) => {
                d.errors.remove(&field);
                match field {
                    Field::Person => &mut d.name,
                    Field::Phone => &mut d.phone,
                    Field::Words => &mut d.description,
                    Field::LostPlace => &mut d.place,
                    Field::LostOn => &mut d.lost_on,
                    _ => return,
                }
            }
            Panel::Claim(d) => {
                d.errors.remove(&field);
                match field {
                    Field::Person => &mut d.name,
                    Field::IdNumber => &mut d.id_number,
                    Field::Phone => &mut d.phone,
                    Field::Words => &mut d.description,
                    _ => return,
                }
            }
            Panel::Dispose(d) => {
                d.error = None;
                match field {
                    Field::Receiver => &mut d.receiver,
                    Field::Reason => &mut d.reason,
                    _ => return,
                }
            }
            Panel::CloseReport(d) => {
                d.error = None;
                &mut d.result
            }
            Panel::Detail => return,
        };
        *slot = v;
        self.notices.edited(self.on_screen());
        if matches!(self.panel, Panel::Loss(_)) {
            self.match_live(ctx);
        }
    }

    /// The items in store that fit the loss report as typed so far.
    fn match_live(&mut self, ctx: &mut Ctx<'_>) {
        let Panel::Loss(d) = &self.panel else {
            return;
        };
        self.live_matches = match d.sought(ctx.now.date()) {
            Some(s) => ctx.store.loss_matches(&s).unwrap_or_default(),
            None => Vec::new(),
        };
    }

    fn item(&mut self, edit: impl FnOnce(&mut ItemDraft)) {
        if let Panel::NewItem(d) = &mut self.panel {
            edit(d);
            self.notices.edited(self.on_screen());
        }
    }

    fn save_item(&mut self, ctx: &mut Ctx<'_>) {
        let rec = match ctx.recorder() {
            Ok(r) => r,
            Err(e) => return self.fail(e),
        };
        let Panel::NewItem(d) = &mut self.panel else {
            return;
        };
        let Some(item) = d.validate(ctx.now) else {
            return self.fail("有填写不正确的地方，请按红字提示修改");
        };
        match ctx.store.add_found_item(&item, &rec) {
            Ok((id, number)) => {
                self.query.clear();
                self.kind = ListKind::InStore;
                self.refresh(ctx.store);
                self.select(ctx.store, id);
                let kept = match self.selected_item() {
                    Some(r) if r.item.is_valuable() => format!("，贵重物品由{}保管", r.custodian),
                    _ => String::new(),
                };
                self.ok(format!("已登记 {number}{kept}"));
            }
            Err(e) => self.fail(e.to_string()),
        }
    }

    fn save_loss(&mut self, ctx: &mut Ctx<'_>) {
        let rec = match ctx.recorder() {
            Ok(r) => r,
            Err(e) => return self.fail(e),
        };
        let Panel::Loss(d) = &mut self.panel else {
            return;
        };
        let Some(report) = d.validate(ctx.now) else {
            return self.fail("有填写不正确的地方，请按红字提示修改");
        };
        match ctx.store.add_loss_report(&report, &rec) {
            Ok((id, number)) => {
                self.query.clear();
                self.kind = ListKind::Reports;
                self.refresh(ctx.store);
                self.select_report(ctx.store, id);
                let found = match &self.selected {
                    Selected::Report(_, m) if !m.is_empty() => {
                        format!("，有 {} 件在库物品可能相符", m.len())
                    }
                    _ => "，暂无相符的物品；有人交来时请电话通知失主".to_string(),
                };
                self.ok(format!("已登记寻物 {number}{found}"));
            }
            Err(e) => self.fail(e.to_string()),
        }
    }

    /// Opens the claim form for a matching item, filled from the selected report.
    fn claim_from_report(&mut self, ctx: &mut Ctx<'_>, id: crate::domain::lostfound::FoundItemId) {
        let Selected::Report(r, _) = &self.selected else {
            return;
        };
        let draft = ClaimDraft {
            name: r.report.name.clone(),
            phone: r.report.phone.as_str().to_string(),
            description: r.report.description.clone(),
            report: Some(r.id),
            ..ClaimDraft::default()
        };
        self.select(ctx.store, id);
        if self.selected_item().is_some() {
            self.panel = Panel::Claim(draft);
        }
    }

    fn save_claim(&mut self, ctx: &mut Ctx<'_>) {
        let (Some(id), Panel::Claim(d)) = (self.selected_item().map(|r| r.id), &mut self.panel)
        else {
            return;
        };
        let Some(claim) = d.validate() else {
            return self.fail("有填写不正确的地方，请按红字提示修改");
        };
        let report = d.report;
        let rec = match ctx.recorder() {
            Ok(r) => r,
            Err(e) => return self.fail(e),
        };
        match ctx.store.claim_found_item(id, &claim, report, &rec) {
            Ok(()) => {
                self.refresh(ctx.store);
                self.panel = Panel::Detail;
                self.ok(format!(
                    "已发还给 {}；请认领人在失物招领登记表上签字",
                    claim.name
                ));
            }
            Err(e) => self.fail(e.to_string()),
        }
    }

    fn save_dispose(&mut self, ctx: &mut Ctx<'_>) {
        let (Some(id), Panel::Dispose(d)) = (self.selected_item().map(|r| r.id), &mut self.panel)
        else {
            return;
        };
        let disposal = match d.validate() {
            Ok(x) => x,
            Err(e) => {
                d.error = Some(e.clone());
                return self.fail(e);
            }
        };
        let rec = match ctx.recorder() {
            Ok(r) => r,
            Err(e) => return self.fail(e),
        };
        match ctx.store.dispose_found_item(id, &disposal, &rec) {
            Ok(()) => {
                self.refresh(ctx.store);
                self.panel = Panel::Detail;
                self.ok(format!("已处置：{}", disposal.method.label()));
            }
            Err(e) => {
                if let Panel::Dispose(d) = &mut self.panel {
                    d.error = Some(e.to_string());
                }
                self.fail(e.to_string());
            }
        }
    }

    fn save_close_report(&mut self, ctx: &mut Ctx<'_>) {
        let (Selected::Report(r, _), Panel::CloseReport(d)) = (&self.selected, &mut self.panel)
        else {
            return;
        };
        let id = r.id;
        let result = d.result.trim().to_string();
        if result.is_empty() {
            d.error = Some("请写明结果，例如 失主已自行找到".into());
            return self.fail("请写明结果，例如 失主已自行找到");
        }
        let rec = match ctx.recorder() {
            Ok(r) => r,
            Err(e) => return self.fail(e),
        };
        match ctx.store.close_loss_report(id, &result, &rec) {
            Ok(()) => {
                self.refresh(ctx.store);
                self.panel = Panel::Detail;
                self.ok("寻物登记已结束");
            }
            Err(e) => self.fail(e.to_string()),
        }
    }
}
