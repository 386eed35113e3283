//! The renovation tab's writes: each checks its form, writes through the store (which asks for
//! the countersign where the procedure wants another role), then reports beside the record.
//! On any refusal the form stays open as typed.

use super::{Panel, Renovation};
use crate::domain::renovation::{AcceptanceRound, Stage};
use crate::forms::PrintJob;
use crate::store::DepositRefund;
use crate::ui::{Action, Ctx};

/// The message when a form has problems beside its fields.
const FIX: &str = "有填写不正确的地方，请按红字提示修改";

impl Renovation {
    pub(super) fn save_apply(&mut self, ctx: &mut Ctx<'_>) {
        let rec = match ctx.recorder() {
            Ok(r) => r,
            Err(e) => return self.fail(e),
        };
        let Panel::Apply(d) = &mut self.panel else {
            return;
        };
        let a = match d.validate(ctx.now.date()) {
            Ok(a) => a,
            Err(problems) if problems.is_empty() => return self.fail(FIX),
            Err(problems) => return self.fail(problems.join("；")),
        };
        let papers = d.papers.clone();
        match ctx.store.apply_renovation(&a, &rec) {
            Ok((id, number)) => {
                let mut said = format!(
                    "已登记装修申请 {number}：{}，下一步安排二次验房",
                    a.address.short()
                );
                if !papers.is_empty()
                    && let Err(e) =
                        ctx.store
                            .receive_renovation_papers(id, &papers, ctx.now.date(), &rec)
                {
                    said = format!("已登记装修申请 {number}，但资料没有记上：{e}");
                }
                self.list_open();
                self.refresh(ctx.store);
                self.select(ctx.store, id);
                self.ok(said);
            }
            Err(e) => self.fail(e.to_string()),
        }
    }

    pub(super) fn save_papers(&mut self, ctx: &mut Ctx<'_>) {
        let (Some(id), Panel::Papers(d)) = (self.selected.as_ref().map(|s| s.id), &mut self.panel)
        else {
            return;
        };
        let Some((papers, on)) = d.validate() else {
            return self.fail(FIX);
        };
        let rec = match ctx.recorder() {
            Ok(r) => r,
            Err(e) => return self.fail(e),
        };
        match ctx.store.receive_renovation_papers(id, &papers, on, &rec) {
            Ok(()) => self.done(ctx, format!("已收资料 {} 份", papers.len())),
            Err(e) => self.fail(e.to_string()),
        }
    }

    pub(super) fn save_inspection(&mut self, ctx: &mut Ctx<'_>) {
        let (Some(id), Panel::Inspection(d)) =
            (self.selected.as_ref().map(|s| s.id), &mut self.panel)
        else {
            return;
        };
        let Some((items, at)) = d.validate(ctx.now.date()) else {
            return self.fail(FIX);
        };
        let rec = match ctx.recorder() {
            Ok(r) => r,
            Err(e) => return self.fail(e),
        };
        match ctx.store.second_inspection(id, &items, at, &rec) {
            Ok(repairs) if repairs.is_empty() => {
                self.done(ctx, "二次验房全部合格，请开装修费用账单".to_string())
            }
            Ok(repairs) => {
                let numbers: Vec<String> = repairs.iter().map(|(_, n)| n.to_string()).collect();
                self.done(
                    ctx,
                    format!(
                        "二次验房有不合格项，已转报修 {}；修好后请业主确认",
                        numbers.join("、")
                    ),
                );
            }
            Err(e) => self.fail(e.to_string()),
        }
    }

    pub(super) fn save_owner_accepts(&mut self, ctx: &mut Ctx<'_>) {
        let (Some(id), Panel::OwnerAccepts(note)) =
            (self.selected.as_ref().map(|s| s.id), &self.panel)
        else {
            return;
        };
        let note = note.clone();
        let rec = match ctx.recorder() {
            Ok(r) => r,
            Err(e) => return self.fail(e),
        };
        match ctx.store.owner_accepts_inspection(id, &note, &rec) {
            Ok(()) => self.done(ctx, "业主已确认验房，请开装修费用账单".to_string()),
            Err(e) => self.fail(e.to_string()),
        }
    }

    pub(super) fn bill(&mut self, ctx: &mut Ctx<'_>) {
        let Some(id) = self.selected.as_ref().map(|s| s.id) else {
            return;
        };
        let rec = match ctx.recorder() {
            Ok(r) => r,
            Err(e) => return self.fail(e),
        };
        match ctx.store.bill_renovation(id, &rec) {
            Ok(lines) => {
                let text: Vec<String> = lines
                    .iter()
                    .map(|l| format!("{} {}", l.item_name, l.amount))
                    .collect();
                self.done(
                    ctx,
                    format!(
                        "已计入收费管理：{}。业主在收费管理缴清后发放许可证",
                        text.join("、")
                    ),
                );
            }
            Err(e) => self.fail(e.to_string()),
        }
    }

    pub(super) fn issue_permit(&mut self, ctx: &mut Ctx<'_>) -> Action<super::Message> {
        let Some((id, number)) = self.selected.as_ref().map(|s| (s.id, s.number)) else {
            return Action::None;
        };
        let rec = match ctx.recorder() {
            Ok(r) => r,
            Err(e) => {
                self.fail(e);
                return Action::None;
            }
        };
        match ctx.store.issue_renovation_permit(id, &rec) {
            Ok(()) => {
                self.done(
                    ctx,
                    format!("已发放装修许可证 {number}，房屋转为装修中；请把许可证贴在户门上"),
                );
                Action::Print(PrintJob::RenovationPermit(number))
            }
            Err(e) => {
                self.fail(e.to_string());
                Action::None
            }
        }
    }

    pub(super) fn save_phase(&mut self, ctx: &mut Ctx<'_>) {
        let (Some(id), Panel::Phase(d)) = (self.selected.as_ref().map(|s| s.id), &mut self.panel)
        else {
            return;
        };
        let Some((kind, start, install)) = d.validate() else {
            return self.fail(FIX);
        };
        let rec = match ctx.recorder() {
            Ok(r) => r,
            Err(e) => return self.fail(e),
        };
        match ctx
            .store
            .start_renovation_phase(id, kind, start, install, &rec)
        {
            Ok(()) => self.done(
                ctx,
                format!(
                    "现在施工：{}，巡查频次 {}",
                    kind.label(),
                    kind.patrol_rule().label()
                ),
            ),
            Err(e) => self.fail(e.to_string()),
        }
    }

    pub(super) fn save_patrol(&mut self, ctx: &mut Ctx<'_>) -> Action<super::Message> {
        let (Some((id, number)), Panel::Patrol(d)) = (
            self.selected.as_ref().map(|s| (s.id, s.number)),
            &mut self.panel,
        ) else {
            return Action::None;
        };
        let Some(patrol) = d.validate(ctx.now.date()) else {
            self.fail(FIX);
            return Action::None;
        };
        let rec = match ctx.recorder() {
            Ok(r) => r,
            Err(e) => {
                self.fail(e);
                return Action::None;
            }
        };
        match ctx.store.record_patrol(id, &patrol, &rec) {
            Ok(Some(seq)) => {
                self.done(
                    ctx,
                    format!("已记录巡查，发出整改通知 {number}-{seq}，请交装修户签收"),
                );
                Action::Print(PrintJob::Rectification(number, seq))
            }
            Ok(None) => {
                self.done(ctx, "已记录巡查".to_string());
                if let Some(due) = self.selected.as_ref().and_then(|s| s.patrol_due) {
                    self.ok(format!(
                        "已记录巡查，下次巡查 {}",
                        crate::domain::date::table_date(due)
                    ));
                }
                Action::None
            }
            Err(e) => {
                self.fail(e.to_string());
                Action::None
            }
        }
    }

    pub(super) fn save_recheck(&mut self, ctx: &mut Ctx<'_>) {
        let (Some(id), Panel::Recheck(d)) = (self.selected.as_ref().map(|s| s.id), &mut self.panel)
        else {
            return;
        };
        let seq = d.seq;
        let Some((passed, note, next)) = d.validate() else {
            return self.fail(FIX);
        };
        let rec = match ctx.recorder() {
            Ok(r) => r,
            Err(e) => return self.fail(e),
        };
        match ctx
            .store
            .recheck_rectification(id, seq, passed, &note, next, &rec)
        {
            Ok(()) if passed => self.done(ctx, format!("整改通知 {seq} 复查合格")),
            Ok(()) => self.done(ctx, format!("整改通知 {seq} 未整改好，已约下次复查")),
            Err(e) => self.fail(e.to_string()),
        }
    }

    pub(super) fn save_finish(&mut self, ctx: &mut Ctx<'_>) {
        let (Some(id), Panel::Finish(text)) = (self.selected.as_ref().map(|s| s.id), &self.panel)
        else {
            return;
        };
        let on = match crate::domain::date::parse_date(text) {
            Ok(d) => d,
            Err(e) => return self.fail(format!("完工日期：{e}")),
        };
        let rec = match ctx.recorder() {
            Ok(r) => r,
            Err(e) => return self.fail(e),
        };
        match ctx.store.finish_renovation_work(id, on, &rec) {
            Ok(()) => self.done(ctx, "已完工，巡查停止；请安排初验".to_string()),
            Err(e) => self.fail(e.to_string()),
        }
    }

    pub(super) fn save_acceptance(&mut self, ctx: &mut Ctx<'_>) {
        let round = if self.at_stage(Stage::Initial) || self.at_stage(Stage::InitialRectify) {
            AcceptanceRound::Initial
        } else {
            AcceptanceRound::Final
        };
        let (Some(id), Panel::Acceptance(d)) =
            (self.selected.as_ref().map(|s| s.id), &mut self.panel)
        else {
            return;
        };
        let Some((passed, findings)) = d.validate() else {
            return self.fail(FIX);
        };
        let rec = match ctx.recorder() {
            Ok(r) => r,
            Err(e) => return self.fail(e),
        };
        match ctx
            .store
            .record_acceptance(id, round, passed, &findings, &rec)
        {
            Ok(()) => {
                let next = match (round, passed) {
                    (AcceptanceRound::Initial, true) => "初验合格，请安排复验",
                    (AcceptanceRound::Initial, false) => "初验不合格，整改后再初验",
                    (AcceptanceRound::Final, true) => "复验合格，可以退还装修保证金",
                    (AcceptanceRound::Final, false) => "复验不合格，整改后再复验",
                };
                self.done(ctx, next.to_string());
            }
            Err(e) => self.fail(e.to_string()),
        }
    }

    pub(super) fn save_refund(&mut self, ctx: &mut Ctx<'_>) -> Action<super::Message> {
        let (Some((id, number)), Panel::Refund(d)) = (
            self.selected.as_ref().map(|s| (s.id, s.number)),
            &mut self.panel,
        ) else {
            return Action::None;
        };
        let Some(deductions) = d.validate() else {
            self.fail(FIX);
            return Action::None;
        };
        let refund = DepositRefund {
            payee: d.payee.trim().to_string(),
            method: d.method,
            deductions,
            note: d.note.trim().to_string(),
        };
        let rec = match ctx.recorder() {
            Ok(r) => r,
            Err(e) => {
                self.fail(e);
                return Action::None;
            }
        };
        match ctx.store.refund_renovation_deposit(id, &refund, &rec) {
            Ok((voucher, amount)) => {
                self.done(
                    ctx,
                    format!("已退还装修保证金 {amount}，退款凭证 {voucher}；房屋状态已恢复"),
                );
                Action::Print(PrintJob::DepositRefund(number))
            }
            Err(e) => {
                self.fail(e.to_string());
                Action::None
            }
        }
    }

    pub(super) fn save_cancel(&mut self, ctx: &mut Ctx<'_>) {
        let (Some(id), Panel::Cancel(reason)) = (self.selected.as_ref().map(|s| s.id), &self.panel)
        else {
            return;
        };
        if reason.trim().is_empty() {
            return self.fail("请写明撤销的原因");
        }
        let reason = reason.clone();
        let rec = match ctx.recorder() {
            Ok(r) => r,
            Err(e) => return self.fail(e),
        };
        match ctx.store.cancel_renovation(id, &reason, &rec) {
            Ok(()) => self.done(ctx, "已撤销装修申请".to_string()),
            Err(e) => self.fail(e.to_string()),
        }
    }

    /// After a write: the list and the record reread, the record on screen, the message beside it.
    fn done(&mut self, ctx: &mut Ctx<'_>, said: String) {
        self.refresh(ctx.store);
        self.panel = Panel::Detail;
        self.ok(said);
    }
}
