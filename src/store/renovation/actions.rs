//! The desk's writes on renovations, each one transaction through [`Store::write`] with its
//! audit row and its line in the unit's history: desk steps under
//! [`Action::RenovationRecord`], patrols and re-checks under [`Action::RenovationPatrol`], the
//! refund under [`Action::FeeRefund`] (or [`Action::RenovationDeduct`], the supervisor's, when
//! anything is deducted).

use chrono::{NaiveDate, NaiveDateTime};

use super::apply::{
    apply_in, bill_in, cancel_in, inspection_in, owner_accepts_in, papers_in, permit_in,
};
use super::head::{Head, target};
use super::read::RenovationLine;
use super::work::{
    DepositRefund, acceptance_in, finish_in, patrol_in, phase_in, recheck_in, refund_deposit_in,
};
use crate::domain::access::Action;
use crate::domain::fees::refund::RefundNumber;
use crate::domain::renovation::{
    AcceptanceRound, Application, InspectionItem, Paper, Patrol, RenovationId, RenovationNumber,
    WorkKind,
};
use crate::domain::repair::OrderNumber;
use crate::domain::staff::Recorded;
use crate::domain::{Fen, repair::RepairId};
use crate::store::audit::Entry;
use crate::store::session::Authority;
use crate::store::{Result, Store};

/// The audit row of a step.
fn entry(action: Action, h: &Head, what: &str, after: serde_json::Value) -> Entry {
    Entry::new(action, what, target(h.id, &h.number)).change(None::<&()>, Some(&after))
}

/// The supervisor who approves deductions: whoever signs the write (the countersigner when
/// the desk asked for one), or the name the history gives.
pub(super) fn approver(auth: &Authority) -> String {
    match &auth.who {
        Some((_, Some(cs))) => cs.name.clone(),
        Some((by, None)) => by.name.clone(),
        None => auth.rec.by_name.clone(),
    }
}

/// The action a refund needs: any deduction is the supervisor's.
pub(super) fn refund_action(r: &DepositRefund) -> Action {
    if r.deductions.is_empty() {
        Action::FeeRefund
    } else {
        Action::RenovationDeduct
    }
}

impl Store {
    /// Records an owner's application (装修申请); returns its id and number `ZX-YYYYMM-NNNN`.
    /// One open renovation per unit.
    pub fn apply_renovation(
        &mut self,
        a: &Application,
        rec: &Recorded,
    ) -> Result<(RenovationId, RenovationNumber)> {
        self.write(Action::RenovationRecord, None, rec, |tx, auth| {
            let (h, number) = apply_in(tx, a, &auth.rec)?;
            let e = entry(
                Action::RenovationRecord,
                &h,
                "装修申请",
                crate::store::audit::json(a),
            );
            Ok(((h.id, number), e))
        })
    }

    /// Ticks papers received on `received_on` (营业执照复印件, 资质证书复印件 …).
    pub fn receive_renovation_papers(
        &mut self,
        id: RenovationId,
        papers: &[Paper],
        received_on: NaiveDate,
        rec: &Recorded,
    ) -> Result<()> {
        self.write(Action::RenovationRecord, None, rec, |tx, auth| {
            let h = papers_in(tx, id, papers, received_on, &auth.rec)?;
            let labels: Vec<&str> = papers.iter().map(|p| p.label()).collect();
            let after = serde_json::json!({ "资料": labels, "收到日期": received_on });
            Ok(((), entry(Action::RenovationRecord, &h, "收到资料", after)))
        })
    }

    /// Records the second inspection (二次验房) done at `at`; every failed item opens a repair
    /// order in 报修管理, linked, and the application waits for the owner's acceptance.
    /// Returns the orders opened.
    pub fn second_inspection(
        &mut self,
        id: RenovationId,
        items: &[InspectionItem],
        at: NaiveDateTime,
        rec: &Recorded,
    ) -> Result<Vec<(RepairId, OrderNumber)>> {
        let category = crate::store::feedback::repair_category(&self.repair_categories()?);
        self.write(Action::RenovationRecord, None, rec, |tx, auth| {
            let (h, repairs) = inspection_in(tx, id, items, at, &category, &auth.rec)?;
            let numbers: Vec<String> = repairs.iter().map(|(_, n)| n.to_string()).collect();
            let after = serde_json::json!({ "项目": items, "报修单": numbers });
            Ok((
                repairs,
                entry(Action::RenovationRecord, &h, "二次验房", after),
            ))
        })
    }

    /// The owner accepts the unit after the inspection's repairs (refused while one is still
    /// being repaired).
    pub fn owner_accepts_inspection(
        &mut self,
        id: RenovationId,
        note: &str,
        rec: &Recorded,
    ) -> Result<()> {
        self.write(Action::RenovationRecord, None, rec, |tx, auth| {
            let h = owner_accepts_in(tx, id, note, &auth.rec)?;
            let after = serde_json::json!({ "备注": note.trim() });
            Ok((
                (),
                entry(Action::RenovationRecord, &h, "业主确认验房", after),
            ))
        })
    }

    /// Bills 装修保证金, 装修管理费 and 装修垃圾清运费 at 收费标准's prices onto the unit's fee
    /// account (paid at 收费管理's cashier); returns the lines billed.
    pub fn bill_renovation(
        &mut self,
        id: RenovationId,
        rec: &Recorded,
    ) -> Result<Vec<RenovationLine>> {
        self.write(Action::RenovationRecord, None, rec, |tx, auth| {
            let (h, lines) = bill_in(tx, id, &auth.rec)?;
            let after: Vec<_> = lines
                .iter()
                .map(|l| serde_json::json!({ "项目": l.item_name, "金额": l.amount.to_string() }))
                .collect();
            let after = serde_json::Value::Array(after);
            Ok((
                lines,
                entry(Action::RenovationRecord, &h, "开装修费用账单", after),
            ))
        })
    }

    /// Issues the permit (装修许可证): refused until the bill is paid and the papers are in;
    /// the unit becomes 装修中 and the first planned phase starts.
    pub fn issue_renovation_permit(&mut self, id: RenovationId, rec: &Recorded) -> Result<()> {
        self.write(Action::RenovationRecord, None, rec, |tx, auth| {
            let h = permit_in(tx, id, &auth.rec)?;
            let after = serde_json::json!({ "阶段": "施工中", "房屋状态": "装修中" });
            Ok((
                (),
                entry(Action::RenovationRecord, &h, "发放装修许可证", after),
            ))
        })
    }

    /// Starts the next phase of the work (水电改造, 木工 …) on `started_on`; an installation
    /// needs its day. The patrol frequency follows the phase.
    pub fn start_renovation_phase(
        &mut self,
        id: RenovationId,
        kind: WorkKind,
        started_on: NaiveDate,
        installation_day: Option<NaiveDate>,
        rec: &Recorded,
    ) -> Result<()> {
        self.write(Action::RenovationRecord, None, rec, |tx, auth| {
            let h = phase_in(tx, id, kind, started_on, installation_day, &auth.rec)?;
            let after = serde_json::json!({
                "阶段": kind.label(), "开始": started_on, "安装日期": installation_day,
            });
            Ok(((), entry(Action::RenovationRecord, &h, "施工阶段", after)))
        })
    }

    /// Records a patrol (装修巡查) of the current phase; a violation numbers a 整改通知,
    /// returned (1, 2, … per renovation).
    pub fn record_patrol(
        &mut self,
        id: RenovationId,
        patrol: &Patrol,
        rec: &Recorded,
    ) -> Result<Option<u32>> {
        self.write(Action::RenovationPatrol, None, rec, |tx, auth| {
            let (h, seq) = patrol_in(tx, id, patrol, &auth.rec)?;
            let mut after = crate::store::audit::json(patrol);
            after["整改通知"] = serde_json::json!(seq);
            Ok((seq, entry(Action::RenovationPatrol, &h, "装修巡查", after)))
        })
    }

    /// Re-checks 整改通知 `seq`: rectified, or not yet (with what is left and the next date).
    pub fn recheck_rectification(
        &mut self,
        id: RenovationId,
        seq: u32,
        passed: bool,
        note: &str,
        next_recheck: Option<NaiveDate>,
        rec: &Recorded,
    ) -> Result<()> {
        self.write(Action::RenovationPatrol, None, rec, |tx, auth| {
            let h = recheck_in(tx, id, seq, passed, note, next_recheck, &auth.rec)?;
            let after = serde_json::json!({
                "整改通知": seq, "已整改": passed, "说明": note.trim(), "下次复查": next_recheck,
            });
            Ok(((), entry(Action::RenovationPatrol, &h, "整改复查", after)))
        })
    }

    /// The work is finished on `finished_on` (patrols stop; 初验 comes next).
    pub fn finish_renovation_work(
        &mut self,
        id: RenovationId,
        finished_on: NaiveDate,
        rec: &Recorded,
    ) -> Result<()> {
        self.write(Action::RenovationRecord, None, rec, |tx, auth| {
            let h = finish_in(tx, id, finished_on, &auth.rec)?;
            let after = serde_json::json!({ "完工日期": finished_on });
            Ok(((), entry(Action::RenovationRecord, &h, "完工", after)))
        })
    }

    /// Records 初验 or 复验: passed, or failed with what to rectify.
    pub fn record_acceptance(
        &mut self,
        id: RenovationId,
        round: AcceptanceRound,
        passed: bool,
        findings: &str,
        rec: &Recorded,
    ) -> Result<()> {
        self.write(Action::RenovationRecord, None, rec, |tx, auth| {
            let h = acceptance_in(tx, id, round, passed, findings, &auth.rec)?;
            let after = serde_json::json!({ "合格": passed, "情况": findings.trim() });
            Ok((
                (),
                entry(Action::RenovationRecord, &h, round.label(), after),
            ))
        })
    }

    /// Pays the deposit back after 复验 (退还装修保证金) through 收费管理's refunds, with its
    /// voucher `TK-YYYYMM-NNNN`; the unit's status returns. Deductions need the supervisor: the
    /// person signed in without that role is asked for the supervisor's countersign, who is
    /// named on the voucher as approving them. Returns the voucher's number and the amount.
    pub fn refund_renovation_deposit(
        &mut self,
        id: RenovationId,
        refund: &DepositRefund,
        rec: &Recorded,
    ) -> Result<(RefundNumber, Fen)> {
        let action = refund_action(refund);
        self.write(action, None, rec, |tx, auth| {
            let approved = approver(auth);
            let (h, number, amount) =
                refund_deposit_in(tx, id, refund, Some(&approved), &auth.rec)?;
            let mut after = crate::store::audit::json(refund);
            after["退款凭证"] = serde_json::json!(number.to_string());
            after["实退"] = serde_json::json!(amount.to_string());
            Ok(((number, amount), entry(action, &h, "退还装修保证金", after)))
        })
    }

    /// Withdraws an application before work starts (撤销), with the reason.
    pub fn cancel_renovation(
        &mut self,
        id: RenovationId,
        reason: &str,
        rec: &Recorded,
    ) -> Result<()> {
        self.write(Action::RenovationRecord, None, rec, |tx, auth| {
            let h = cancel_in(tx, id, reason, &auth.rec)?;
            let after = serde_json::json!({ "撤销原因": reason.trim() });
            Ok((
                (),
                entry(Action::RenovationRecord, &h, "撤销装修申请", after),
            ))
        })
    }
}
