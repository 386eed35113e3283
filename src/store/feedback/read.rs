//! Reading matters: one in full with its trail and 工作联系单, by number, and the month
//! registers.

use chrono::NaiveDateTime;

use super::row::{code, corrupt};
use crate::domain::Month;
use crate::domain::feedback::{
    Dispatch, Due, EventKind, FeedbackEvent, FeedbackId, FeedbackNumber, FeedbackState,
    FeedbackTimes, Intake, Rating, WorkOrderNumber, dues,
};
use crate::domain::repair::{OrderNumber, RepairId};
use crate::domain::settings::Deadlines;
use crate::store::{Result, Store, parse_time};

/// One 工作联系单 as sent out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkOrder {
    /// 编号.
    pub number: WorkOrderNumber,
    /// 发往部门.
    pub department: String,
    /// 处理人.
    pub handler_name: String,
    /// 处理要求.
    pub requirement: String,
    /// 回复期限.
    pub due_at: NaiveDateTime,
    /// 发出时间.
    pub issued_at: NaiveDateTime,
    /// Who sent it.
    pub issued_by: String,
}

/// A matter as stored, with everything recorded so far.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedbackRecord {
    /// Row id.
    pub id: FeedbackId,
    /// 编号.
    pub number: FeedbackNumber,
    /// What was taken at the desk (its `received_by_name` as stored).
    pub intake: Intake,
    /// Where it is now.
    pub state: FeedbackState,
    /// The repair order a 报修 opened.
    pub repair_id: Option<RepairId>,
    /// Its number.
    pub repair_number: Option<OrderNumber>,
    /// The latest 工作联系单.
    pub work_order: Option<WorkOrderNumber>,
    /// Every 工作联系单 sent, oldest first.
    pub work_orders: Vec<WorkOrder>,
    /// The latest dispatch.
    pub dispatch: Option<Dispatch>,
    /// 派单时间 (the latest).
    pub dispatched_at: Option<NaiveDateTime>,
    /// Whom it was reported up to.
    pub escalated_to: String,
    /// When it was first reported up.
    pub escalated_at: Option<NaiveDateTime>,
    /// The handler's latest reply.
    pub reply: String,
    /// The handler's first reply since the clock last started.
    pub replied_at: Option<NaiveDateTime>,
    /// The answer given to the customer (the latest).
    pub answer: String,
    /// The first answer since the clock last started.
    pub answered_at: Option<NaiveDateTime>,
    /// The latest callback's rating.
    pub rating: Option<Rating>,
    /// What the customer said at it.
    pub rating_note: String,
    /// When.
    pub rated_at: Option<NaiveDateTime>,
    /// The latest reopen.
    pub reopened_at: Option<NaiveDateTime>,
    /// 处理结果.
    pub result: String,
    /// 关闭时间.
    pub closed_at: Option<NaiveDateTime>,
    /// The dated trail, oldest first.
    pub trail: Vec<FeedbackEvent>,
}

impl FeedbackRecord {
    /// The times the clocks read.
    pub fn times(&self) -> FeedbackTimes {
        FeedbackTimes {
            received_at: self.intake.received_at,
            severity: self.intake.severity,
            dispatched_at: self.dispatched_at,
            reply_limit_min: self.dispatch.as_ref().and_then(|d| d.reply_limit_min),
            replied_at: self.replied_at,
            needs_superior: self.dispatch.as_ref().is_some_and(|d| d.needs_superior),
            escalated_at: self.escalated_at,
            answered_at: self.answered_at,
            closed_at: self.closed_at,
            reopened_at: self.reopened_at,
        }
    }

    /// The procedure's clocks on it.
    pub fn dues(&self, d: &Deadlines) -> Vec<Due> {
        dues(&self.times(), d)
    }
}

impl Store {
    /// One matter in full, with its trail and its 工作联系单.
    pub fn feedback(&self, id: FeedbackId) -> Result<FeedbackRecord> {
        let row = crate::store::optional(self.conn().query_row(
            "SELECT f.*, u.building, u.entrance, u.room, r.number AS repair_number
             FROM feedback f LEFT JOIN units u ON u.id = f.unit_id
             LEFT JOIN repairs r ON r.id = f.repair_id WHERE f.id = ?1",
            [id.0],
            super::row::record_from_row,
        ))?;
        let mut record =
            crate::store::found(row, || "找不到这条反馈记录，可能已被删除".to_string())??;
        record.trail = self.feedback_trail(id)?;
        record.work_orders = self.work_orders_of(id)?;
        Ok(record)
    }

    fn feedback_trail(&self, id: FeedbackId) -> Result<Vec<FeedbackEvent>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT at, by_name, kind, text FROM feedback_events WHERE feedback_id = ?1 ORDER BY id",
        )?;
        let rows = stmt.query_map([id.0], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (at, by_name, kind, text) = row?;
            out.push(FeedbackEvent {
                at: parse_time(&at)?,
                by_name,
                kind: code(&kind, EventKind::from_code, "反馈记录类型")?,
                text,
            });
        }
        Ok(out)
    }

    fn work_orders_of(&self, id: FeedbackId) -> Result<Vec<WorkOrder>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT number, department, handler_name, requirement, due_at, issued_at, issued_by
             FROM work_orders WHERE feedback_id = ?1 ORDER BY issued_at, number",
        )?;
        let rows = stmt.query_map([id.0], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, String>(5)?,
                r.get::<_, String>(6)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (number, department, handler_name, requirement, due, issued, issued_by) = row?;
            out.push(WorkOrder {
                number: WorkOrderNumber::parse(&number)
                    .ok_or_else(|| corrupt("工作联系单号", &number))?,
                department,
                handler_name,
                requirement,
                due_at: parse_time(&due)?,
                issued_at: parse_time(&issued)?,
                issued_by,
            });
        }
        Ok(out)
    }

    /// The matter a 工作联系单 was sent for, if there is such a slip.
    pub fn work_order(&self, number: &WorkOrderNumber) -> Result<Option<FeedbackRecord>> {
        let id: Option<i64> = crate::store::optional(self.conn().query_row(
            "SELECT feedback_id FROM work_orders WHERE number = ?1",
            [number.to_string()],
            |r| r.get(0),
        ))?;
        id.map(|id| self.feedback(FeedbackId(id))).transpose()
    }

    /// The matter with this number, if any.
    pub fn feedback_by_number(&self, number: &FeedbackNumber) -> Result<Option<FeedbackRecord>> {
        let id: Option<i64> = crate::store::optional(self.conn().query_row(
            "SELECT id FROM feedback WHERE number = ?1",
            [number.to_string()],
            |r| r.get(0),
        ))?;
        id.map(|id| self.feedback(FeedbackId(id))).transpose()
    }

    /// A month's register: `staff` false gives the 投诉 and 建议 of owners and others
    /// (业主投诉及建议记录表), true the 员工反馈 that is not a 报修 (信息反馈记录表); by date.
    pub fn feedback_register(&self, month: Month, staff: bool) -> Result<Vec<FeedbackRecord>> {
        let which = if staff {
            "channel = 'staff' AND category <> 'repair'"
        } else {
            "channel <> 'staff' AND category IN ('complaint', 'suggestion')"
        };
        let mut stmt = self.conn().prepare_cached(&format!(
            "SELECT id FROM feedback WHERE received_at >= ?1 AND received_at < ?2 AND {which}
             ORDER BY received_at, id"
        ))?;
        let ids = stmt
            .query_map(
                [
                    format!("{} 00:00:00", month.first_day()),
                    format!("{} 00:00:00", month.next().first_day()),
                ],
                |r| r.get::<_, i64>(0),
            )?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        ids.into_iter()
            .map(|id| self.feedback(FeedbackId(id)))
            .collect()
    }
}
