//! Writing matters inside a transaction: intake with its gap-free number (and, for a 报修, the
//! repair order in the same transaction), and each step after it. Shared by the desk's writes
//! (`actions`) and the bulk loader, so history is written exactly as the desk writes it.

use chrono::{Datelike, Duration, NaiveDateTime};
use rusqlite::{OptionalExtension, Transaction, params};

use crate::domain::feedback::{
    Category, EventKind, FeedbackId, FeedbackNumber, FeedbackState, Intake, Rating, Step, Where,
    WorkOrderNumber, missing_for_close,
};
use crate::domain::repair::RepairId;
use crate::domain::settings::{Deadlines, duration_text};
use crate::domain::staff::Recorded;
use crate::domain::unit::UnitId;
use crate::store::audit::Target;
use crate::store::{Result, StoreError, time_text};

/// The next number of `prefix` (`FK`, `GZ`) in `at`'s month, inside the caller's transaction:
/// a rollback gives it back, so there are no gaps and no duplicates.
fn next_seq(tx: &Transaction<'_>, prefix: &str, at: NaiveDateTime) -> Result<(i32, u32, u32)> {
    let (year, month) = (at.year(), at.month());
    let last: i64 = tx
        .prepare_cached(
            "INSERT INTO feedback_counters (prefix, month, last) VALUES (?1, ?2, 1)
             ON CONFLICT (prefix, month) DO UPDATE SET last = last + 1 RETURNING last",
        )?
        .query_row(
            params![prefix, FeedbackNumber::month_key(year, month)],
            |r| r.get(0),
        )?;
    let seq =
        u32::try_from(last).map_err(|_| StoreError::Corrupt(format!("{prefix} 序号 {last}")))?;
    Ok((year, month, seq))
}

/// A matter as the audit log names it: its number.
pub(super) fn target(id: FeedbackId, number: &str) -> Target {
    Target::new("feedback", id.0, number)
}

pub(super) fn event(
    tx: &Transaction<'_>,
    id: FeedbackId,
    rec: &Recorded,
    kind: EventKind,
    text: &str,
) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO feedback_events (feedback_id, at, by_name, kind, text)
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![
        id.0,
        time_text(rec.at),
        rec.by_name,
        kind.code(),
        text
    ])?;
    Ok(())
}

fn unit_log(tx: &Transaction<'_>, unit: Option<UnitId>, rec: &Recorded, text: &str) -> Result<()> {
    match unit {
        Some(u) => crate::store::units::log(tx, u, rec, "反馈", text),
        None => Ok(()),
    }
}

/// The repair category a 报修 from the desk is filed under: 其他 if the office keeps it, else
/// the first of its list.
pub(crate) fn repair_category(categories: &[String]) -> String {
    categories
        .iter()
        .find(|c| c.as_str() == "其他")
        .or(categories.first())
        .cloned()
        .unwrap_or_else(|| "其他".to_string())
}

/// Inserts an intake inside the caller's transaction: its number, for a 报修 the repair order
/// (`link`, or a new one in `repair_category`), the first line of its trail and of the unit's
/// history.
pub(super) fn insert(
    tx: &Transaction<'_>,
    intake: &Intake,
    rec: &Recorded,
    link: Option<RepairId>,
    repair_category: &str,
) -> Result<(FeedbackId, FeedbackNumber, Option<RepairId>)> {
    let problems = intake.check();
    if !problems.is_empty() {
        let text: Vec<&str> = problems.iter().map(|(_, m)| m.as_str()).collect();
        return Err(StoreError::Conflict(text.join("；")));
    }
    if intake.received_at > rec.at + Duration::minutes(1) {
        return Err(StoreError::Conflict(format!(
            "受理时间 {} 晚于现在，请核对受理时间",
            crate::domain::date::table_datetime(intake.received_at)
        )));
    }
    let (year, month, seq) = next_seq(tx, FeedbackNumber::PREFIX, intake.received_at)?;
    let number = FeedbackNumber { year, month, seq };
    let (repair, repair_number) = match (intake.category, link) {
        (Category::Repair, Some(id)) => {
            let n: String =
                tx.query_row("SELECT number FROM repairs WHERE id = ?1", [id.0], |r| {
                    r.get(0)
                })?;
            (Some(id), Some(n))
        }
        (Category::Repair, None) => {
            let r = intake
                .as_repair(repair_category, intake.officer.clone())
                .map_err(StoreError::Conflict)?;
            let (id, n) = crate::store::repairs::insert_intake(tx, &r, rec)?;
            (Some(id), Some(n.to_string()))
        }
        _ => (None, None),
    };
    let (unit, location) = match &intake.place {
        Where::Unit { id, .. } => (Some(id.0), ""),
        Where::Public(place) => (None, place.trim()),
        Where::None => (None, ""),
    };
    let received_by = match intake.received_by_name.trim() {
        "" => rec.by_name.as_str(),
        name => name,
    };
    tx.prepare_cached(
        "INSERT INTO feedback (number, channel, name, phone, person_id, unit_id, location, content,
             category, severity, state, received_at, received_by_name, repair_id, recorded_by,
             recorded_by_name, recorded_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, 'received', ?11, ?12, ?13, ?14, ?15, ?16)",
    )?
    .execute(params![
        number.to_string(),
        intake.channel.code(),
        intake.name.trim(),
        intake.phone.as_ref().map(|m| m.as_str()),
        intake.person,
        unit,
        location,
        intake.content.trim(),
        intake.category.code(),
        intake.severity.code(),
        time_text(intake.received_at),
        received_by,
        repair.map(|r| r.0),
        rec.by.map(|b| b.0),
        rec.by_name,
        time_text(rec.at),
    ])?;
    let id = FeedbackId(tx.last_insert_rowid());
    let mut text = format!(
        "{}，{}（{}）：{}",
        intake.channel.label(),
        intake.category.label(),
        intake.severity.label(),
        intake.content.trim()
    );
    if let Some(n) = &repair_number {
        text.push_str(&format!("；已转报修 {n}"));
    }
    event(tx, id, rec, EventKind::Received, &text)?;
    unit_log(tx, intake.place.unit(), rec, &format!("{number} {text}"))?;
    Ok((id, number, repair))
}

/// What a step left behind, for the caller's audit row.
pub(super) struct Applied {
    pub number: String,
    pub state: FeedbackState,
    pub work_order: Option<WorkOrderNumber>,
}

/// The parts of the row a step reads.
pub(super) struct Head {
    pub number: String,
    pub state: FeedbackState,
    pub unit: Option<UnitId>,
    pub dispatched: bool,
    pub handler_name: String,
    pub answer: String,
    pub answered_at: Option<NaiveDateTime>,
    pub reopened_at: Option<NaiveDateTime>,
}

pub(super) fn head(conn: &rusqlite::Connection, id: FeedbackId) -> Result<Head> {
    type Row = (
        String,
        String,
        Option<i64>,
        Option<String>,
        String,
        String,
        Option<String>,
        Option<String>,
    );
    let row: Option<Row> = conn
        .prepare_cached(
            "SELECT number, state, unit_id, dispatched_at, handler_name, answer, answered_at,
                    reopened_at FROM feedback WHERE id = ?1",
        )?
        .query_row([id.0], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
                r.get(6)?,
                r.get(7)?,
            ))
        })
        .optional()?;
    let (number, state, unit, dispatched, handler_name, answer, answered_at, reopened_at) =
        crate::store::found(row, || "找不到这条反馈记录，可能已被删除".to_string())?;
    let time = |t: Option<String>| t.as_deref().map(crate::store::parse_time).transpose();
    Ok(Head {
        state: FeedbackState::from_code(&state)
            .ok_or_else(|| StoreError::Corrupt(format!("反馈状态 “{state}”")))?,
        number,
        unit: unit.map(UnitId),
        dispatched: dispatched.is_some(),
        handler_name,
        answer,
        answered_at: time(answered_at)?,
        reopened_at: time(reopened_at)?,
    })
}

/// Checks that `step` is allowed now, without writing: a refusal comes before anyone is asked
/// to countersign.
pub(super) fn allowed(conn: &rusqlite::Connection, id: FeedbackId, step: &Step) -> Result<()> {
    step.check().map_err(StoreError::Conflict)?;
    let h = head(conn, id)?;
    h.state
        .after(step, h.dispatched)
        .map_err(StoreError::Conflict)?;
    Ok(())
}

/// Applies one step inside the caller's transaction: the row, the trail, the unit's history.
pub(super) fn apply(
    tx: &Transaction<'_>,
    id: FeedbackId,
    step: &Step,
    rec: &Recorded,
    d: &Deadlines,
) -> Result<Applied> {
    step.check().map_err(StoreError::Conflict)?;
    let h = head(tx, id)?;
    let next = h
        .state
        .after(step, h.dispatched)
        .map_err(StoreError::Conflict)?;
    let at = time_text(rec.at);
    let mut work_order = None;
    let mut lines: Vec<(EventKind, String)> = Vec::new();
    match step {
        Step::Dispatch(dispatch) => {
            let (year, month, seq) = next_seq(tx, WorkOrderNumber::PREFIX, rec.at)?;
            let wo = WorkOrderNumber { year, month, seq };
            let limit = dispatch.reply_limit_min.unwrap_or(d.feedback_reply_min);
            let due = rec.at + Duration::minutes(i64::from(limit));
            tx.prepare_cached(
                "INSERT INTO work_orders (number, feedback_id, department, handler_id,
                     handler_name, requirement, due_at, issued_at, issued_by)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            )?
            .execute(params![
                wo.to_string(),
                id.0,
                dispatch.department.trim(),
                dispatch.handler.map(|s| s.0),
                dispatch.handler_name.trim(),
                dispatch.requirement.trim(),
                time_text(due),
                at,
                rec.by_name,
            ])?;
            tx.prepare_cached(
                "UPDATE feedback SET state = ?2, work_order = ?3, department = ?4, handler_id = ?5,
                     handler_name = ?6, requirement = ?7, reply_limit_min = ?8,
                     needs_superior = ?9, dispatched_at = ?10 WHERE id = ?1",
            )?
            .execute(params![
                id.0,
                next.code(),
                wo.to_string(),
                dispatch.department.trim(),
                dispatch.handler.map(|s| s.0),
                dispatch.handler_name.trim(),
                dispatch.requirement.trim(),
                dispatch.reply_limit_min,
                dispatch.needs_superior,
                at,
            ])?;
            let mut text = format!(
                "派往{}，处理人 {}，工作联系单 {wo}，{}内回复",
                dispatch.department.trim(),
                dispatch.handler_name.trim(),
                duration_text(limit)
            );
            if !dispatch.requirement.trim().is_empty() {
                text.push_str(&format!("；要求：{}", dispatch.requirement.trim()));
            }
            if dispatch.needs_superior {
                text.push_str("；需请示上级");
            }
            work_order = Some(wo);
            lines.push((EventKind::Dispatched, text));
        }
        Step::Escalate { to } => {
            tx.prepare_cached(
                "UPDATE feedback SET escalated_to = ?2, escalated_at = coalesce(escalated_at, ?3)
                 WHERE id = ?1",
            )?
            .execute(params![id.0, to.trim(), at])?;
            lines.push((EventKind::Escalated, format!("上报 {}", to.trim())));
        }
        Step::Progress {
            text,
            from_handler: true,
        } => {
            // The first reply since the clock last started (dispatch or reopen) meets it.
            tx.prepare_cached(
                "UPDATE feedback SET state = ?2, reply = ?3,
                     replied_at = CASE WHEN replied_at IS NULL
                         OR replied_at < max(coalesce(dispatched_at, ''), coalesce(reopened_at, ''))
                         THEN ?4 ELSE replied_at END
                 WHERE id = ?1",
            )?
            .execute(params![id.0, next.code(), text.trim(), at])?;
            let who = match h.handler_name.trim() {
                "" => "处理人".to_string(),
                name => name.to_string(),
            };
            lines.push((EventKind::Replied, format!("{who}回复：{}", text.trim())));
        }
        Step::Progress { text, .. } => {
            lines.push((EventKind::Progress, text.trim().to_string()));
        }
        Step::Answer { answer } => {
            tx.prepare_cached(
                "UPDATE feedback SET state = ?2, answer = ?3,
                     answered_at = CASE WHEN answered_at IS NULL
                         OR answered_at < coalesce(reopened_at, '') THEN ?4 ELSE answered_at END
                 WHERE id = ?1",
            )?
            .execute(params![id.0, next.code(), answer.trim(), at])?;
            lines.push((EventKind::Answered, format!("答复客户：{}", answer.trim())));
        }
        Step::Callback { rating, note } => {
            let reopen = *rating == Rating::Dissatisfied;
            tx.prepare_cached(
                "UPDATE feedback SET state = ?2, rating = ?3, rating_note = ?4, rated_at = ?5,
                     reopened_at = CASE WHEN ?6 THEN ?5 ELSE reopened_at END WHERE id = ?1",
            )?
            .execute(params![
                id.0,
                next.code(),
                rating.code(),
                note.trim(),
                at,
                reopen
            ])?;
            let mut text = format!("回访：{}", rating.label());
            if !note.trim().is_empty() {
                text.push_str(&format!("，{}", note.trim()));
            }
            lines.push((EventKind::Callback, text));
            if reopen {
                lines.push((
                    EventKind::Reopened,
                    format!("客户不满意，重新打开（{}）", next.label()),
                ));
            }
        }
        Step::Close { result } => {
            let missing = missing_for_close(&h.answer, h.answered_at, h.reopened_at, result);
            if !missing.is_empty() {
                return Err(StoreError::Conflict(format!(
                    "不能关闭，还缺：{}。请先填写后再关闭",
                    missing.join("、")
                )));
            }
            tx.prepare_cached(
                "UPDATE feedback SET state = ?2, result = ?3, closed_at = ?4 WHERE id = ?1",
            )?
            .execute(params![id.0, next.code(), result.trim(), at])?;
            lines.push((EventKind::Closed, format!("关闭：{}", result.trim())));
        }
    }
    for (kind, text) in &lines {
        event(tx, id, rec, *kind, text)?;
        unit_log(tx, h.unit, rec, &format!("{} {}", h.number, text))?;
    }
    Ok(Applied {
        number: h.number,
        state: next,
        work_order,
    })
}
