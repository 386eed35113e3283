//! The bulk loader behind the demo estate (and agency records from paper): many entrustments
//! with their viewings, leases and ends, one transaction, written by the same functions as the
//! desk's writes, so the register and the fees tables change exactly as at the desk.

use super::lease::{end_in, lease_in};
use super::write::{entrust_in, target, viewing_in, withdraw_in};
use crate::domain::access::Action;
use crate::domain::rental::{Entrustment, Lease, LeaseEnd, Viewing};
use crate::domain::staff::Recorded;
use crate::store::audit::{Entry, append, step_authority};
use crate::store::{Result, Store};

/// A step on a past entrustment, in the order it happened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PastRentalStep {
    /// 看房.
    Viewing(Viewing),
    /// 签约.
    Lease(Lease),
    /// 退租.
    End(LeaseEnd),
    /// 撤回委托, with the reason.
    Withdraw(String),
}

/// A past entrustment: when and by whom it was taken, and its steps with theirs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PastRental {
    /// What the owner entrusted.
    pub entrustment: Entrustment,
    /// Who took it, and when.
    pub entrusted: Recorded,
    /// What happened after, in order.
    pub steps: Vec<(Recorded, PastRentalStep)>,
}

impl Store {
    /// Inserts many past entrustments with their steps, in one transaction; each step is logged
    /// under the name and time its history gives. Returns how many entrustments were written.
    pub fn import_rentals(&mut self, past: &[PastRental]) -> Result<usize> {
        let Some(first) = past.first() else {
            return Ok(0);
        };
        let auth = self.authorize(Action::HistoryImport, None, &first.entrusted)?;
        let tx = self.conn.transaction()?;
        for p in past {
            let (id, number) = entrust_in(&tx, &p.entrustment, &p.entrusted)?;
            let entry = Entry::new(
                Action::RentalRecord,
                "委托代租",
                target(id, &number.to_string()),
            );
            append(&tx, &step_authority(&auth, &p.entrusted), &entry)?;
            for (rec, step) in &p.steps {
                let (h, what) = match step {
                    PastRentalStep::Viewing(v) => (viewing_in(&tx, id, v, rec)?, "登记看房"),
                    PastRentalStep::Lease(l) => (lease_in(&tx, id, l, rec)?.0, "签订租约"),
                    PastRentalStep::End(e) => (end_in(&tx, id, e, rec)?.0, "退租"),
                    PastRentalStep::Withdraw(r) => (withdraw_in(&tx, id, r, rec)?, "撤回委托"),
                };
                let entry = Entry::new(Action::RentalRecord, what, target(id, &h.number));
                append(&tx, &step_authority(&auth, rec), &entry)?;
            }
        }
        tx.commit()?;
        Ok(past.len())
    }
}
