//! The demo estate's bulk load of whole pass histories, through the same checks as the desk and
//! logged step by step under the names the histories give.

use super::PassHistory;
use super::write::{approve_in, insert_pass, release_in, sign_off_in, void_in};
use crate::domain::access::Action;
use crate::store::audit::{Entry, Target, append, step_authority};
use crate::store::{Result, Store};

impl Store {
    /// Loads many pass histories in one transaction (the demo estate, or an office's paper
    /// records): the supervisor's to do, each step logged.
    pub fn import_pass_histories(&mut self, histories: &[PassHistory]) -> Result<usize> {
        let Some(first) = histories.first() else {
            return Ok(0);
        };
        let auth = self.authorize(Action::HistoryImport, None, &first.recorded)?;
        let tx = self.conn.transaction()?;
        for h in histories {
            let (id, number) = insert_pass(&tx, &h.pass, &h.recorded)?;
            let target = Target::new("pass", id.0, &number.to_string());
            let mut steps = vec![(Action::PassRecord, "登记放行申请", &h.recorded)];
            if let Some(s) = &h.fees {
                sign_off_in(&tx, id, s, &h.recorded)?;
                steps.push((Action::PassFeesSignOff, "费用结清确认签字", &h.recorded));
            }
            if let Some(a) = &h.approved {
                approve_in(&tx, id, None, a)?;
                steps.push((Action::PassApprove, "批准放行", a));
            }
            if let Some(r) = &h.released {
                // The demo's guards let nothing out unsigned.
                release_in(&tx, id, true, r)?;
                steps.push((Action::PassRelease, "门岗放行", r));
            }
            if let Some((reason, r)) = &h.voided {
                void_in(&tx, id, reason, r)?;
                steps.push((Action::PassVoid, "作废放行条", r));
            }
            for (action, what, rec) in steps {
                let entry = Entry::new(action, what, target.clone());
                append(&tx, &step_authority(&auth, rec), &entry)?;
            }
        }
        tx.commit()?;
        Ok(histories.len())
    }
}
