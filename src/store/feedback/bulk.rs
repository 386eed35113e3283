//! The bulk loader behind the demo estate (and old paper records): many matters with their
//! steps, one transaction, written by the same functions as the desk's writes.

use super::write::{apply, insert, repair_category, target};
use crate::domain::access::Action;
use crate::domain::feedback::{Intake, PastFeedback};
use crate::store::audit::{Entry, append, step_authority};
use crate::store::{Result, Store};

impl Store {
    /// Inserts many past matters with their steps, in one transaction. They must come in the
    /// order they were taken (numbers are allocated here). A 报修 links the repair order given
    /// with it, or opens one. Returns how many were written.
    pub fn import_feedback(&mut self, past: &[PastFeedback]) -> Result<usize> {
        let Some(first) = past.first() else {
            return Ok(0);
        };
        let category = repair_category(&self.repair_categories()?);
        let d = self.deadlines()?;
        let auth = self.authorize(Action::HistoryImport, None, &first.recorded)?;
        let tx = self.conn.transaction()?;
        for p in past {
            let (id, number, _) = insert(&tx, &p.intake, &p.recorded, p.repair, &category)?;
            let entry = Entry::new(
                Action::FeedbackRecord,
                "登记信息反馈",
                target(id, &number.to_string()),
            );
            let entry = entry.change(None::<&Intake>, Some(&p.intake));
            append(&tx, &step_authority(&auth, &p.recorded), &entry)?;
            for (rec, step) in &p.steps {
                let applied = apply(&tx, id, step, rec, &d)?;
                let entry = Entry::new(
                    Action::FeedbackRecord,
                    step.label(),
                    target(id, &applied.number),
                );
                append(&tx, &step_authority(&auth, rec), &entry)?;
            }
        }
        tx.commit()?;
        Ok(past.len())
    }
}
