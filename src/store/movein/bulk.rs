//! The bulk loader behind the demo estate (and cases from paper records): many cases with their
//! steps, one transaction, written by the same functions as the desk's writes.

use super::inspections::{accept_in, defect_to_repair_in, defects_of, inspection_in};
use super::write::{Head, agreements_in, finish_in, items_in, open_in, skip_in, step_in, target};
use crate::domain::access::Action;
use crate::domain::movein::{MoveInId, PastMoveIn, PastStep};
use crate::domain::staff::Recorded;
use crate::store::audit::{Entry, append, step_authority};
use crate::store::{Result, Store, StoreError};

/// The defect of `area` found at inspection `round` of case `id`.
fn defect_at(
    tx: &rusqlite::Transaction<'_>,
    id: MoveInId,
    round: u8,
    area: &str,
) -> Result<crate::domain::movein::DefectId> {
    defects_of(tx, id)?
        .into_iter()
        .find(|d| d.round == round && d.area == area)
        .map(|d| d.id)
        .ok_or_else(|| StoreError::Conflict(format!("接房验收{round}没有“{area}”的问题")))
}

fn apply(
    tx: &rusqlite::Transaction<'_>,
    id: MoveInId,
    step: &PastStep,
    rec: &Recorded,
    category: &str,
) -> Result<(Head, String)> {
    Ok(match step {
        PastStep::Done(s, note) => (step_in(tx, id, *s, note, rec)?, s.label().to_string()),
        PastStep::Skip(s, reason) => (
            skip_in(tx, id, *s, reason, rec)?,
            format!("跳过{}", s.label()),
        ),
        PastStep::Agreements(a) => (
            agreements_in(tx, id, a, rec)?,
            "签前期物业服务协议及业主临时管理规约".into(),
        ),
        PastStep::Items(items) => (items_in(tx, id, items, false, rec)?, "领取物品".into()),
        PastStep::Inspection(i) => (
            inspection_in(tx, id, i, rec)?,
            format!("接房验收{}", i.round),
        ),
        PastStep::DefectToRepair(round, area) => {
            let d = defect_at(tx, id, *round, area)?;
            (
                defect_to_repair_in(tx, d, category, rec)?.0,
                "验收问题转报修".into(),
            )
        }
        PastStep::AcceptDefect(round, area) => {
            let d = defect_at(tx, id, *round, area)?;
            (accept_in(tx, d, rec)?, "业主接受验收问题现状".into())
        }
        PastStep::Finish(f) => (finish_in(tx, id, f, rec)?, "办完入住".into()),
    })
}

impl Store {
    /// Inserts many past cases with their steps, in one transaction. Items are recorded as on
    /// paper (the keys tab is not touched). Returns how many cases were written.
    pub fn import_move_ins(&mut self, past: &[PastMoveIn]) -> Result<usize> {
        let Some(first) = past.first() else {
            return Ok(0);
        };
        let category = crate::store::feedback::repair_category(&self.repair_categories()?);
        let auth = self.authorize(Action::HistoryImport, None, &first.opened)?;
        let tx = self.conn.transaction()?;
        for p in past {
            let (id, address) = open_in(
                &tx,
                p.unit,
                &p.owner_name,
                p.person,
                &p.notice_no,
                p.scheduled_at,
                &p.opened,
            )?;
            let entry = Entry::new(Action::MoveInRecord, "开始办理入住", target(id, address));
            append(&tx, &step_authority(&auth, &p.opened), &entry)?;
            for (rec, step) in &p.steps {
                let (h, what) = apply(&tx, id, step, rec, &category)?;
                let entry = Entry::new(Action::MoveInRecord, &what, target(id, h.address));
                append(&tx, &step_authority(&auth, rec), &entry)?;
            }
        }
        tx.commit()?;
        Ok(past.len())
    }
}
