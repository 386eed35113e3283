//! The demo estate's bulk load of whole pass histories, through the same checks as the desk.

use super::PassHistory;
use super::write::{approve_in, insert_pass, release_in, sign_off_in, void_in};
use crate::store::{Result, Store};

impl Store {
    /// Loads many pass histories in one transaction (the demo estate).
    pub fn import_pass_histories(&mut self, histories: &[PassHistory]) -> Result<usize> {
        let tx = self.conn.transaction()?;
        for h in histories {
            let (id, _) = insert_pass(&tx, &h.pass, &h.recorded)?;
            if let Some(s) = &h.fees {
                sign_off_in(&tx, id, s, &h.recorded)?;
            }
            if let Some(a) = &h.approved {
                approve_in(&tx, id, None, a)?;
            }
            if let Some(r) = &h.released {
                // The demo's guards let nothing out unsigned.
                release_in(&tx, id, true, r)?;
            }
            if let Some((reason, r)) = &h.voided {
                void_in(&tx, id, reason, r)?;
            }
        }
        tx.commit()?;
        Ok(histories.len())
    }
}
