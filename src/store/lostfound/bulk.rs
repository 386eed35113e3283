//! The bulk loader behind the demo estate (and old paper registers): many items with what
//! became of them, and the loss reports they were claimed through, in one transaction, written
//! by the same functions as the desk's writes.

use super::actions::{action_for, custodian};
use super::write::{
    apply_claim, apply_disposal, insert_item, insert_report, item_target, report_target,
};
use crate::domain::access::Action;
use crate::domain::lostfound::{Claim, Disposal, FoundItem, LossReport};
use crate::domain::staff::Recorded;
use crate::store::audit::{Entry, append, step_authority};
use crate::store::{Result, Store};

/// What became of a past item.
#[derive(Debug, Clone)]
pub enum PastEnd {
    /// Claimed by its owner, released by whom `Recorded` names; through a loss report taken
    /// before, if given.
    Claimed {
        /// The claim.
        claim: Box<Claim>,
        /// The owner's loss report, taken before the claim.
        report: Option<Box<(LossReport, Recorded)>>,
        /// Released by, and when.
        released: Recorded,
    },
    /// Disposed of by the supervisor.
    Disposed(Disposal, Recorded),
}

/// A past item as the history gives it.
#[derive(Debug, Clone)]
pub struct PastFoundItem {
    /// The item as logged.
    pub item: FoundItem,
    /// Logged by, and when (for a valuable, the supervisor who kept it).
    pub recorded: Recorded,
    /// What became of it; `None` while it is still in store.
    pub end: Option<PastEnd>,
}

impl Store {
    /// Inserts many past items in one transaction, in the order they were found (numbers are
    /// allocated here), and `reports`, loss reports still open. Returns how many items.
    pub fn import_lostfound(
        &mut self,
        past: &[PastFoundItem],
        reports: &[(LossReport, Recorded)],
    ) -> Result<usize> {
        let Some(first) = past.first() else {
            return Ok(0);
        };
        let auth = self.authorize(Action::HistoryImport, None, &first.recorded)?;
        let tx = self.conn.transaction()?;
        let add_report = |tx: &rusqlite::Transaction<'_>, r: &LossReport, rec: &Recorded| {
            let step = step_authority(&auth, rec);
            let (id, number) = insert_report(tx, r, &step.rec)?;
            let entry = Entry::new(
                Action::LostFoundRecord,
                "寻物登记",
                report_target(id, &number.to_string()),
            );
            append(tx, &step, &entry.change(None::<&LossReport>, Some(r)))?;
            Ok::<_, crate::store::StoreError>(id)
        };
        for p in past {
            let step = step_authority(&auth, &p.recorded);
            let action = action_for(&p.item.valuables);
            let (id, number) = insert_item(&tx, &p.item, &step.rec, &custodian(&step))?;
            let entry = Entry::new(action, "登记拾遗物品", item_target(id, &number.to_string()));
            let entry = entry.change(None::<&FoundItem>, Some(&p.item));
            append(&tx, &step, &entry)?;
            match &p.end {
                None => {}
                Some(PastEnd::Claimed {
                    claim,
                    report,
                    released,
                }) => {
                    let report = match report.as_deref() {
                        Some((r, rec)) => Some(add_report(&tx, r, rec)?),
                        None => None,
                    };
                    let step = step_authority(&auth, released);
                    apply_claim(&tx, id, claim, report, &step.rec)?;
                    let entry =
                        Entry::new(action, "认领发还", item_target(id, &number.to_string()));
                    append(&tx, &step, &entry.change(None::<&()>, Some(claim)))?;
                }
                Some(PastEnd::Disposed(d, rec)) => {
                    let step = step_authority(&auth, rec);
                    apply_disposal(&tx, id, d, &step.rec)?;
                    let entry = Entry::new(
                        Action::LostFoundDispose,
                        d.method.label(),
                        item_target(id, &number.to_string()),
                    );
                    append(&tx, &step, &entry.change(None::<&()>, Some(d)))?;
                }
            }
        }
        for (r, rec) in reports {
            add_report(&tx, r, rec)?;
        }
        tx.commit()?;
        Ok(past.len())
    }
}
