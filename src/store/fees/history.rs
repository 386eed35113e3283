//! Years of payments loaded at once (the demo estate, or an office's paper cash book): each
//! payment pays the unit's open lines up to a month in one receipt, through the same steps as
//! the desk (gap-free numbers, receipt lines, the prepaid balance), each logged.

use rusqlite::params;

use super::{NewReceipt, issue_receipt_in, payer_in};
use crate::domain::access::Action;
use crate::domain::fees::{LineId, PayMethod};
use crate::domain::staff::Recorded;
use crate::domain::unit::UnitId;
use crate::domain::{Fen, Month};
use crate::store::audit::{Entry, Target, append, step_authority};
use crate::store::{Result, Store};

/// A payment of the past: everything the unit owed up to `through`, plus any prepayment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PastPayment {
    /// The unit.
    pub unit: UnitId,
    /// Lines of this month and before are paid (all of them that are still owed).
    pub through: Month,
    /// How.
    pub method: PayMethod,
    /// Paid in on top, kept as the unit's balance.
    pub prepay: Fen,
    /// Who took it and when.
    pub recorded: Recorded,
}

impl Store {
    /// Loads payments in one transaction ([`Action::HistoryImport`], the supervisor's); a
    /// payment finding nothing owed and no prepayment issues no receipt. Returns the receipts
    /// issued.
    pub fn import_past_payments(&mut self, payments: &[PastPayment]) -> Result<usize> {
        let Some(first) = payments.first() else {
            return Ok(0);
        };
        let auth = self.authorize(Action::HistoryImport, None, &first.recorded)?;
        let tx = self.conn.transaction()?;
        let mut issued = 0;
        for p in payments {
            let lines: Vec<LineId> = tx
                .prepare_cached(
                    "SELECT id FROM bill_lines
                     WHERE unit_id = ?1 AND receipt_id IS NULL AND month <= ?2
                     ORDER BY month, id",
                )?
                .query_map(params![p.unit.0, p.through.code()], |r| {
                    r.get(0).map(LineId)
                })?
                .collect::<rusqlite::Result<_>>()?;
            if lines.is_empty() && p.prepay.0 <= 0 {
                continue;
            }
            let payer = payer_in(&tx, p.unit)?;
            let r = NewReceipt {
                unit: Some(p.unit),
                payer: &payer,
                method: p.method,
                lines: &lines,
                prepay: p.prepay,
                tendered: None,
                note: "",
                bank_batch: None,
            };
            let (id, number, total) = issue_receipt_in(&tx, &r, &p.recorded)?;
            let entry = Entry::new(
                Action::FeeCollect,
                &format!("收款 {number}：{total}（{}）", p.method.label()),
                Target::new("receipt", id, &number.to_string()),
            );
            append(&tx, &step_authority(&auth, &p.recorded), &entry)?;
            issued += 1;
        }
        tx.commit()?;
        Ok(issued)
    }
}
