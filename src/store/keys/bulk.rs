//! The demo estate's bulk load of whole key histories, through the same checks as the desk.

use super::write::{check_in, insert_key, issue_in, lend_in, return_in};
use super::{KeyHistory, LoanHistory};
use crate::domain::staff::Recorded;
use crate::store::{Result, Store};

impl Store {
    /// Loads many key histories in one transaction (the demo estate).
    pub fn import_key_histories(&mut self, histories: &[KeyHistory]) -> Result<usize> {
        let tx = self.conn.transaction()?;
        for h in histories {
            let id = insert_key(&tx, &h.key, &h.recorded)?;
            for LoanHistory {
                loan,
                recorded: rec,
                returned: back,
            } in &h.loans
            {
                let loan_id = lend_in(&tx, id, loan, rec)?;
                if let Some((at, condition, by)) = back {
                    let rec = Recorded {
                        by: None,
                        by_name: by.clone(),
                        at: *at,
                    };
                    return_in(&tx, loan_id, *at, condition, &rec)?;
                }
            }
            for (result, rec) in &h.checks {
                check_in(&tx, id, *result, "", rec)?;
            }
            if let Some((issue, rec)) = &h.issued {
                issue_in(&tx, id, issue, rec)?;
            }
        }
        tx.commit()?;
        Ok(histories.len())
    }
}
