//! The month's matters for the month-end archive: every matter received in the month, its
//! dated trail, and the 工作联系单 sent out in the month — one query each, no query per matter.

use rusqlite::params;

use super::read::{FeedbackRecord, WorkOrder};
use super::row::{code, corrupt, record_from_row};
use crate::domain::Month;
use crate::domain::feedback::{EventKind, FeedbackEvent, FeedbackNumber, WorkOrderNumber};
use crate::store::{Result, Store, month_range, parse_time};

fn feedback_number(text: &str) -> Result<FeedbackNumber> {
    FeedbackNumber::parse(text).ok_or_else(|| corrupt("反馈编号", text))
}

impl Store {
    /// Matters received in `month`, oldest first; their trails and slips are left empty (the
    /// month's come whole from [`Store::feedback_trail_of_month`] and
    /// [`Store::work_orders_of_month`]).
    pub fn feedback_of_month(&self, month: Month) -> Result<Vec<FeedbackRecord>> {
        let (from, to) = month_range(month);
        let mut stmt = self.conn().prepare_cached(
            "SELECT f.*, u.building, u.entrance, u.room, r.number AS repair_number
             FROM feedback f LEFT JOIN units u ON u.id = f.unit_id
             LEFT JOIN repairs r ON r.id = f.repair_id
             WHERE f.received_at >= ?1 AND f.received_at < ?2 ORDER BY f.received_at, f.id",
        )?;
        let rows = stmt.query_map(params![from, to], record_from_row)?;
        let mut out = Vec::new();
        for row in rows {
            out.push(row??);
        }
        Ok(out)
    }

    /// The trail of every matter received in `month`, by matter and time, with its number.
    pub fn feedback_trail_of_month(
        &self,
        month: Month,
    ) -> Result<Vec<(FeedbackNumber, FeedbackEvent)>> {
        let (from, to) = month_range(month);
        let mut stmt = self.conn().prepare_cached(
            "SELECT f.number, e.at, e.by_name, e.kind, e.text
             FROM feedback_events e JOIN feedback f ON f.id = e.feedback_id
             WHERE f.received_at >= ?1 AND f.received_at < ?2
             ORDER BY f.received_at, f.id, e.id",
        )?;
        let rows = stmt.query_map(params![from, to], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, String>(4)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (number, at, by_name, kind, text) = row?;
            out.push((
                feedback_number(&number)?,
                FeedbackEvent {
                    at: parse_time(&at)?,
                    by_name,
                    kind: code(&kind, EventKind::from_code, "反馈记录类型")?,
                    text,
                },
            ));
        }
        Ok(out)
    }

    /// The 工作联系单 issued in `month` (whenever their matter came in), in the order issued,
    /// each with its matter's number.
    pub fn work_orders_of_month(&self, month: Month) -> Result<Vec<(FeedbackNumber, WorkOrder)>> {
        let (from, to) = month_range(month);
        let mut stmt = self.conn().prepare_cached(
            "SELECT f.number, w.number, w.department, w.handler_name, w.requirement, w.due_at,
                    w.issued_at, w.issued_by
             FROM work_orders w JOIN feedback f ON f.id = w.feedback_id
             WHERE w.issued_at >= ?1 AND w.issued_at < ?2 ORDER BY w.issued_at, w.number",
        )?;
        let rows = stmt.query_map(params![from, to], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, String>(5)?,
                r.get::<_, String>(6)?,
                r.get::<_, String>(7)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (matter, number, department, handler_name, requirement, due, issued, issued_by) =
                row?;
            out.push((
                feedback_number(&matter)?,
                WorkOrder {
                    number: WorkOrderNumber::parse(&number)
                        .ok_or_else(|| corrupt("工作联系单号", &number))?,
                    department,
                    handler_name,
                    requirement,
                    due_at: parse_time(&due)?,
                    issued_at: parse_time(&issued)?,
                    issued_by,
                },
            ));
        }
        Ok(out)
    }
}
