//! The demo estate's bulk load of whole key histories, through the same checks as the desk and
//! logged step by step under the names the histories give.

use super::write::{check_in, insert_key, issue_in, key_state, lend_in, return_in};
use super::{KeyHistory, LoanHistory};
use crate::domain::access::Action;
use crate::domain::staff::Recorded;
use crate::store::audit::{Entry, Target, append, step_authority};
use crate::store::{Result, Store};

impl Store {
    /// Loads many key histories in one transaction (the demo estate, or an office's paper
    /// records): the supervisor's to do, each step logged.
    pub fn import_key_histories(&mut self, histories: &[KeyHistory]) -> Result<usize> {
        let Some(first) = histories.first() else {
            return Ok(0);
        };
        let auth = self.authorize(Action::HistoryImport, None, &first.recorded)?;
        let tx = self.conn.transaction()?;
        for h in histories {
            let id = insert_key(&tx, &h.key, &h.recorded)?;
            let (_, hook, _) = key_state(&tx, id)?;
            let target = Target::new("key", id.0, &format!("钥匙 {hook}"));
            let mut steps = vec![(Action::KeyKeep, "钥匙入柜", h.recorded.clone())];
            for LoanHistory {
                loan,
                recorded: rec,
                returned: back,
            } in &h.loans
            {
                let loan_id = lend_in(&tx, id, loan, rec)?;
                steps.push((Action::KeyLend, "借出钥匙", rec.clone()));
                if let Some((at, condition, by)) = back {
                    let rec = Recorded {
                        by: None,
                        by_name: by.clone(),
                        at: *at,
                    };
                    return_in(&tx, loan_id, *at, condition, &rec)?;
                    steps.push((Action::KeyLend, "归还钥匙", rec));
                }
            }
            for (result, rec) in &h.checks {
                check_in(&tx, id, *result, "", rec)?;
                steps.push((Action::KeyKeep, "钥匙标签核对", rec.clone()));
            }
            if let Some((issue, rec)) = &h.issued {
                issue_in(&tx, id, issue, rec)?;
                steps.push((Action::KeyLend, "钥匙发放给业主", rec.clone()));
            }
            for (action, what, rec) in steps {
                let entry = Entry::new(action, what, target.clone());
                append(&tx, &step_authority(&auth, &rec), &entry)?;
            }
        }
        tx.commit()?;
        Ok(histories.len())
    }
}
