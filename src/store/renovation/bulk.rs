//! The bulk loader behind the demo estate (and renovation files from paper): many renovations
//! with their steps, one transaction, written by the same functions as the desk's writes, so the
//! register, the fees tables and the unit's history change exactly as at the desk. The bill is
//! paid by a receipt as at 收费管理's cashier.

use chrono::NaiveDate;

use super::apply::{
    apply_in, bill_in, cancel_in, inspection_in, lines_of, owner_accepts_in, papers_in, permit_in,
};
use super::head::{Head, target};
use super::work::{
    DepositRefund, acceptance_in, finish_in, patrol_in, phase_in, recheck_in, refund_deposit_in,
};
use crate::domain::access::Action;
use crate::domain::fees::PayMethod;
use crate::domain::renovation::{
    AcceptanceRound, Application, InspectionItem, Paper, Patrol, RenovationId, WorkKind,
};
use crate::domain::staff::Recorded;
use crate::store::audit::{Entry, append, step_authority};
use crate::store::fees::{NewReceipt, issue_receipt_in, payer_in};
use crate::store::{Result, Store, StoreError};

/// A step of a past renovation, in the order it happened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PastRenovationStep {
    /// 收到资料 on a day.
    Papers(Vec<Paper>, NaiveDate),
    /// 二次验房 (every item passing: a failure's repair order is the desk's to follow).
    Inspection(Vec<InspectionItem>),
    /// 业主确认验房.
    OwnerAccepts,
    /// 开账单.
    Bill,
    /// The bill paid at the cashier.
    Pay(PayMethod),
    /// 发放许可证.
    Permit,
    /// 施工阶段: kind, first day, installation day.
    Phase(WorkKind, NaiveDate, Option<NaiveDate>),
    /// 巡查.
    Patrol(Patrol),
    /// 整改复查: notice number, rectified, note, next date.
    Recheck(u32, bool, String, Option<NaiveDate>),
    /// 完工 on a day.
    Finish(NaiveDate),
    /// 初验 / 复验: passed, findings.
    Acceptance(AcceptanceRound, bool, String),
    /// 退还保证金 (deductions approved by the supervisor named).
    Refund(DepositRefund, Option<String>),
    /// 撤销, with the reason.
    Cancel(String),
}

/// A past renovation: its application, who took it and when, and its steps with theirs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PastRenovation {
    /// What the owner applied for.
    pub application: Application,
    /// Who took it, and when.
    pub applied: Recorded,
    /// What happened after, in order.
    pub steps: Vec<(Recorded, PastRenovationStep)>,
}

fn pay_in(
    tx: &rusqlite::Transaction<'_>,
    h: &Head,
    method: PayMethod,
    rec: &Recorded,
) -> Result<()> {
    let lines: Vec<_> = lines_of(tx, h.id)?
        .into_iter()
        .filter(|l| !l.paid)
        .map(|l| l.line)
        .collect();
    if lines.is_empty() {
        return Err(StoreError::Conflict(format!("{} 没有待缴的费用", h.number)));
    }
    let payer = match payer_in(tx, h.unit)? {
        p if p.is_empty() => h.owner_name.clone(),
        p => p,
    };
    let r = NewReceipt {
        unit: Some(h.unit),
        payer: &payer,
        method,
        lines: &lines,
        prepay: crate::domain::Fen(0),
        tendered: None,
        note: "装修保证金及费用",
        bank_batch: None,
    };
    issue_receipt_in(tx, &r, rec)?;
    Ok(())
}

/// Writes `steps` on the renovation of head `h`, each with its log row.
fn steps_in(
    tx: &rusqlite::Transaction<'_>,
    auth: &crate::store::session::Authority,
    h: &Head,
    steps: &[(Recorded, PastRenovationStep)],
) -> Result<()> {
    let id = h.id;
    for (rec, step) in steps {
        let (action, what) = match step {
            PastRenovationStep::Papers(papers, on) => {
                papers_in(tx, id, papers, *on, rec)?;
                (Action::RenovationRecord, "收到资料")
            }
            PastRenovationStep::Inspection(items) => {
                inspection_in(tx, id, items, rec.at, "其他", rec)?;
                (Action::RenovationRecord, "二次验房")
            }
            PastRenovationStep::OwnerAccepts => {
                owner_accepts_in(tx, id, "", rec)?;
                (Action::RenovationRecord, "业主确认验房")
            }
            PastRenovationStep::Bill => {
                bill_in(tx, id, rec)?;
                (Action::RenovationRecord, "开装修费用账单")
            }
            PastRenovationStep::Pay(method) => {
                pay_in(tx, h, *method, rec)?;
                (Action::FeeCollect, "收款")
            }
            PastRenovationStep::Permit => {
                permit_in(tx, id, rec)?;
                (Action::RenovationRecord, "发放装修许可证")
            }
            PastRenovationStep::Phase(kind, on, install) => {
                phase_in(tx, id, *kind, *on, *install, rec)?;
                (Action::RenovationRecord, "施工阶段")
            }
            PastRenovationStep::Patrol(patrol) => {
                patrol_in(tx, id, patrol, rec)?;
                (Action::RenovationPatrol, "装修巡查")
            }
            PastRenovationStep::Recheck(seq, passed, note, next) => {
                recheck_in(tx, id, *seq, *passed, note, *next, rec)?;
                (Action::RenovationPatrol, "整改复查")
            }
            PastRenovationStep::Finish(on) => {
                finish_in(tx, id, *on, rec)?;
                (Action::RenovationRecord, "完工")
            }
            PastRenovationStep::Acceptance(round, passed, findings) => {
                acceptance_in(tx, id, *round, *passed, findings, rec)?;
                (Action::RenovationRecord, round.label())
            }
            PastRenovationStep::Refund(r, approved) => {
                refund_deposit_in(tx, id, r, approved.as_deref(), rec)?;
                (super::actions::refund_action(r), "退还装修保证金")
            }
            PastRenovationStep::Cancel(reason) => {
                cancel_in(tx, id, reason, rec)?;
                (Action::RenovationRecord, "撤销装修申请")
            }
        };
        let entry = Entry::new(action, what, target(id, &h.number));
        append(tx, &step_authority(auth, rec), &entry)?;
    }
    Ok(())
}

impl Store {
    /// Inserts many past renovations with their steps, in one transaction; each step is logged
    /// under the name and time its history gives. Returns how many renovations were written.
    pub fn import_renovations(&mut self, past: &[PastRenovation]) -> Result<usize> {
        let Some(first) = past.first() else {
            return Ok(0);
        };
        let auth = self.authorize(Action::HistoryImport, None, &first.applied)?;
        let tx = self.conn.transaction()?;
        for p in past {
            let (h, _) = apply_in(&tx, &p.application, &p.applied)?;
            let entry = Entry::new(
                Action::RenovationRecord,
                "装修申请",
                target(h.id, &h.number),
            );
            append(&tx, &step_authority(&auth, &p.applied), &entry)?;
            steps_in(&tx, &auth, &h, &p.steps)?;
        }
        tx.commit()?;
        Ok(past.len())
    }

    /// Writes the later steps of renovations already in the store (a file taken up again after
    /// its inspection's repairs), in one transaction, logged as [`Store::import_renovations`].
    pub fn continue_renovations(
        &mut self,
        past: &[(RenovationId, Vec<(Recorded, PastRenovationStep)>)],
    ) -> Result<()> {
        let Some((_, Some((first, _)))) = past.first().map(|(id, s)| (id, s.first())) else {
            return Ok(());
        };
        let auth = self.authorize(Action::HistoryImport, None, first)?;
        let tx = self.conn.transaction()?;
        for (id, steps) in past {
            let h = super::head::head(&tx, *id)?;
            steps_in(&tx, &auth, &h, steps)?;
        }
        tx.commit()?;
        Ok(())
    }
}
