//! Feedback rows read back into domain values; anything unreadable is a `StoreError::Corrupt`.

use chrono::NaiveDateTime;
use rusqlite::Row;

use super::read::FeedbackRecord;
use crate::domain::feedback::{
    Category, Channel, Dispatch, FeedbackId, FeedbackNumber, FeedbackState, Intake, Rating,
    Severity, Where, WorkOrderNumber,
};
use crate::domain::repair::{OrderNumber, RepairId};
use crate::domain::staff::StaffId;
use crate::domain::unit::UnitId;
use crate::domain::{Mobile, UnitAddress};
use crate::store::{Result, StoreError, parse_time};

pub(super) fn corrupt(what: &str, v: &str) -> StoreError {
    StoreError::Corrupt(format!("{what} “{v}”"))
}

/// A stored code read back through `from`, or a corrupt-data error naming `what`.
pub(super) fn code<T>(v: &str, from: fn(&str) -> Option<T>, what: &str) -> Result<T> {
    from(v).ok_or_else(|| corrupt(what, v))
}

pub(super) fn opt_time(t: Option<String>) -> Result<Option<NaiveDateTime>> {
    t.as_deref().map(parse_time).transpose()
}

/// The place of a stored matter.
fn place(unit: Option<i64>, addr: Option<(u32, u32, u32)>, location: String) -> Result<Where> {
    Ok(match (unit, addr) {
        (Some(id), Some((b, e, r))) => Where::Unit {
            id: UnitId(id),
            address: UnitAddress::new(b, e, r).map_err(|e| corrupt("房号", &e.to_string()))?,
        },
        _ if !location.is_empty() => Where::Public(location),
        _ => Where::None,
    })
}

/// Reads a matter (without its trail and slips) from
/// `SELECT f.*, u.building, u.entrance, u.room, r.number AS repair_number …`.
pub(super) fn record_from_row(r: &Row<'_>) -> rusqlite::Result<Result<FeedbackRecord>> {
    let s = |c: &str| r.get::<_, String>(c);
    let t = |c: &str| r.get::<_, Option<String>>(c);
    let b: Option<u32> = r.get("building")?;
    let e: Option<u32> = r.get("entrance")?;
    let room: Option<u32> = r.get("room")?;
    let addr = b.zip(e).zip(room).map(|((b, e), room)| (b, e, room));
    let id: i64 = r.get("id")?;
    let unit: Option<i64> = r.get("unit_id")?;
    let person: Option<i64> = r.get("person_id")?;
    let phone: Option<String> = r.get("phone")?;
    let handler: Option<i64> = r.get("handler_id")?;
    let limit: Option<u32> = r.get("reply_limit_min")?;
    let needs_superior: bool = r.get("needs_superior")?;
    let repair_id: Option<i64> = r.get("repair_id")?;
    let texts = [
        s("number")?,
        s("channel")?,
        s("name")?,
        s("location")?,
        s("content")?,
        s("category")?,
        s("severity")?,
        s("state")?,
        s("received_at")?,
        s("received_by_name")?,
        s("department")?,
        s("handler_name")?,
        s("requirement")?,
        s("escalated_to")?,
        s("reply")?,
        s("answer")?,
        s("rating_note")?,
        s("result")?,
    ];
    let opts = [
        t("work_order")?,
        t("dispatched_at")?,
        t("escalated_at")?,
        t("replied_at")?,
        t("answered_at")?,
        t("rating")?,
        t("rated_at")?,
        t("reopened_at")?,
        t("closed_at")?,
        t("repair_number")?,
    ];
    Ok((|| -> Result<FeedbackRecord> {
        let [
            number,
            channel,
            name,
            location,
            content,
            category,
            severity,
            state,
            received_at,
            received_by_name,
            department,
            handler_name,
            requirement,
            escalated_to,
            reply,
            answer,
            rating_note,
            result,
        ] = texts;
        let [
            work_order,
            dispatched_at,
            escalated_at,
            replied_at,
            answered_at,
            rating,
            rated_at,
            reopened_at,
            closed_at,
            repair_number,
        ] = opts;
        let dispatched_at = opt_time(dispatched_at)?;
        let phone = phone
            .map(|p| Mobile::parse(&p).map_err(|_| corrupt("电话", "***")))
            .transpose()?;
        Ok(FeedbackRecord {
            id: FeedbackId(id),
            number: FeedbackNumber::parse(&number).ok_or_else(|| corrupt("反馈编号", &number))?,
            intake: Intake {
                channel: code(&channel, Channel::from_code, "反馈来源")?,
                name,
                phone,
                person,
                place: place(unit, addr, location)?,
                content,
                category: code(&category, Category::from_code, "反馈分类")?,
                severity: code(&severity, Severity::from_code, "严重程度")?,
                received_at: parse_time(&received_at)?,
                received_by_name,
                officer: None,
            },
            state: code(&state, FeedbackState::from_code, "反馈状态")?,
            repair_id: repair_id.map(RepairId),
            repair_number: repair_number
                .map(|n| OrderNumber::parse(&n).ok_or_else(|| corrupt("维修单号", &n)))
                .transpose()?,
            work_order: work_order
                .map(|n| WorkOrderNumber::parse(&n).ok_or_else(|| corrupt("工作联系单号", &n)))
                .transpose()?,
            work_orders: Vec::new(),
            dispatch: dispatched_at.map(|_| Dispatch {
                department,
                handler: handler.map(StaffId),
                handler_name,
                requirement,
                reply_limit_min: limit,
                needs_superior,
            }),
            dispatched_at,
            escalated_to,
            escalated_at: opt_time(escalated_at)?,
            reply,
            replied_at: opt_time(replied_at)?,
            answer,
            answered_at: opt_time(answered_at)?,
            rating: rating
                .map(|c| code(&c, Rating::from_code, "满意度"))
                .transpose()?,
            rating_note,
            rated_at: opt_time(rated_at)?,
            reopened_at: opt_time(reopened_at)?,
            result,
            closed_at: opt_time(closed_at)?,
            trail: Vec::new(),
        })
    })())
}
