//! The bulk insert behind the demo estate: many orders, one transaction.

use chrono::NaiveDateTime;
use rusqlite::params;

use super::write::{event, insert_intake, write_callback, write_charges, write_rating};
use crate::domain::access::Action;
use crate::domain::repair::{RepairOrder, RepairState};
use crate::domain::staff::Recorded;
use crate::store::audit::{Entry, Target, append, step_authority};
use crate::store::{Result, Store};

fn opt_time(t: Option<NaiveDateTime>) -> Option<String> {
    t.map(crate::store::time_text)
}

/// The start of the deadline running in the order's state.
fn clock_of(o: &RepairOrder) -> Option<NaiveDateTime> {
    match o.state {
        RepairState::Pending => Some(o.intake.appointment),
        RepairState::Dispatched => Some(crate::domain::repair::timing::arrival_clock(
            o.intake.appointment,
            o.dispatched_at,
        )),
        RepairState::InReview => o.review_at,
        RepairState::Completed => o.completed_at,
        _ => None,
    }
}

impl Store {
    /// Inserts many finished or running orders at once, in one transaction (the demo estate).
    /// Orders must come in the order they were taken; numbers are allocated here, the ones in
    /// `orders` are ignored. Returns how many were written.
    pub fn import_repairs(&mut self, orders: &[RepairOrder]) -> Result<usize> {
        let Some(first) = orders.first() else {
            return Ok(0);
        };
        let first = Recorded {
            by: None,
            by_name: first.received_by.clone(),
            at: first.received_at,
        };
        let auth = self.authorize(Action::HistoryImport, None, &first)?;
        let tx = self.conn.transaction()?;
        for o in orders {
            let rec = Recorded {
                by: None,
                by_name: o.received_by.clone(),
                at: o.received_at,
            };
            let (id, number) = insert_intake(&tx, &o.intake, &rec)?;
            let target = Target::new("repair", id.0, &number.to_string());
            let entry = Entry::new(Action::RepairRecord, "登记报修", target.clone());
            append(&tx, &step_authority(&auth, &rec), &entry)?;
            let tech = o.technician.as_ref();
            tx.prepare_cached(
                "UPDATE repairs SET state = ?2, clock_at = ?3, technician_id = ?4,
                     technician_name = ?5, dispatched_at = ?6, arrived_at = ?7, review_at = ?8,
                     completed_at = ?9, closed_at = ?10, cancelled_at = ?11, cancel_reason = ?12
                 WHERE id = ?1",
            )?
            .execute(params![
                id.0,
                o.state.code(),
                opt_time(clock_of(o)),
                tech.map(|t| t.0.0),
                tech.map(|t| t.1.as_str()).unwrap_or(""),
                opt_time(o.dispatched_at),
                opt_time(o.arrived_at),
                opt_time(o.review_at),
                opt_time(o.completed_at),
                opt_time(o.closed_at),
                opt_time(o.cancelled_at),
                o.cancel_reason,
            ])?;
            write_charges(&tx, id, &o.work_done, &o.charges)?;
            if let Some(c) = &o.confirmation {
                write_rating(&tx, id, c)?;
            }
            if let (Some(cb), Some(at)) = (&o.callback, o.callback_at) {
                let rec = Recorded {
                    by: None,
                    by_name: o.callback_by.clone(),
                    at,
                };
                write_callback(&tx, id, cb, &rec, true)?;
            }
            for e in &o.events {
                let rec = Recorded {
                    by: None,
                    by_name: e.by_name.clone(),
                    at: e.at,
                };
                event(&tx, id, e.state, &rec, &e.note)?;
                let action = if e.state == RepairState::InReview {
                    Action::RepairReview
                } else {
                    Action::RepairRecord
                };
                let what = if e.note.is_empty() {
                    e.state.label()
                } else {
                    &e.note
                };
                let entry = Entry::new(action, what, target.clone());
                append(&tx, &step_authority(&auth, &rec), &entry)?;
            }
        }
        tx.commit()?;
        Ok(orders.len())
    }
}
