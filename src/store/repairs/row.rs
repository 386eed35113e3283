//! Repair rows read back into domain values; anything unreadable is a `StoreError::Corrupt`.

use chrono::NaiveDateTime;
use rusqlite::Row;

use crate::domain::repair::{
    Callback, Channel, Charges, Confirmation, Intake, Nonconformity, OrderNumber, Payment, Place,
    Rating, Receipt, RepairKind, RepairOrder, RepairState,
};
use crate::domain::staff::StaffId;
use crate::domain::unit::UnitId;
use crate::domain::{Fen, Mobile, UnitAddress};
use crate::store::{Result, StoreError, parse_time};

pub(super) fn corrupt(what: &str, v: &str) -> StoreError {
    StoreError::Corrupt(format!("{what} “{v}”"))
}

pub(super) fn number(text: &str) -> Result<OrderNumber> {
    OrderNumber::parse(text).ok_or_else(|| corrupt("维修单号", text))
}

pub(super) fn state(text: &str) -> Result<RepairState> {
    RepairState::from_code(text).ok_or_else(|| corrupt("维修单状态", text))
}

/// A stored code read back through `from`, or a corrupt-data error naming `what`.
pub(super) fn code<T>(
    v: Option<String>,
    from: fn(&str) -> Option<T>,
    what: &str,
) -> Result<Option<T>> {
    v.map(|c| from(&c).ok_or_else(|| corrupt(what, &c)))
        .transpose()
}

pub(super) fn opt_time(text: Option<String>) -> Result<Option<NaiveDateTime>> {
    text.as_deref().map(parse_time).transpose()
}

pub(super) fn address(row: &Row<'_>) -> rusqlite::Result<Option<(u32, u32, u32)>> {
    let b: Option<u32> = row.get("building")?;
    let e: Option<u32> = row.get("entrance")?;
    let r: Option<u32> = row.get("room")?;
    Ok(b.zip(e).zip(r).map(|((b, e), r)| (b, e, r)))
}

pub(super) fn place_short(
    address: Option<(u32, u32, u32)>,
    location: String,
) -> (RepairKind, String) {
    match address.and_then(|(b, e, r)| UnitAddress::new(b, e, r).ok()) {
        Some(a) => (RepairKind::InHome, a.short()),
        None => (RepairKind::Public, location),
    }
}

/// Reads an order (without materials and events) from `SELECT r.*, u.building, …`.
pub(super) fn order_from_row(r: &Row<'_>) -> rusqlite::Result<Result<RepairOrder>> {
    let s = |c: &str| r.get::<_, String>(c);
    let t = |c: &str| r.get::<_, Option<String>>(c);
    let raw_number = s("number")?;
    let addr = address(r)?;
    let unit_id: Option<i64> = r.get("unit_id")?;
    let officer: Option<i64> = r.get("officer_id")?;
    let (location, officer_name) = (s("location")?, s("officer_name")?);
    let phone: Option<String> = r.get("phone")?;
    let (channel, st) = (s("channel")?, s("state")?);
    let tech_id: Option<i64> = r.get("technician_id")?;
    let tech_name = s("technician_name")?;
    let (payment, receipt, rating) = (t("payment")?, t("receipt")?, t("rating")?);
    let nc = [s("nc_department")?, s("nc_problem")?, s("nc_correction")?];
    let callback_note = s("callback_note")?;
    let times = [
        t("appointment_at")?,
        t("recorded_at")?,
        t("dispatched_at")?,
        t("arrived_at")?,
        t("review_at")?,
        t("completed_at")?,
        t("callback_at")?,
        t("closed_at")?,
        t("cancelled_at")?,
        t("rated_at")?,
    ];
    let texts = [
        s("reporter")?,
        s("category")?,
        s("description")?,
        s("quote")?,
        s("recorded_by_name")?,
        s("callback_by")?,
        s("cancel_reason")?,
        s("work_done")?,
        s("rating_comment")?,
        s("rated_by")?,
    ];
    let (chargeable, quote_fen, labour): (bool, i64, i64) = (
        r.get("chargeable")?,
        r.get("quote_fen")?,
        r.get("labour_fen")?,
    );
    Ok((|| {
        let [
            appt,
            received,
            dispatched,
            arrived,
            review,
            completed,
            callback_at,
            closed,
            cancelled,
            rated_at,
        ] = times.map(opt_time);
        let [
            reporter,
            category,
            description,
            quote,
            received_by,
            callback_by,
            cancel_reason,
            work_done,
            comment,
            rated_by,
        ] = texts;
        let need = |t: Option<NaiveDateTime>| t.ok_or_else(|| corrupt("维修单时间", &raw_number));
        let place = match (unit_id, addr, officer) {
            (Some(id), Some((b, e, rm)), _) => Place::Unit {
                id: UnitId(id),
                address: UnitAddress::new(b, e, rm)
                    .map_err(|_| corrupt("房号", &format!("{b}-{e}-{rm}")))?,
            },
            (None, _, Some(o)) => Place::Public {
                location,
                officer: StaffId(o),
                officer_name,
            },
            _ => return Err(corrupt("维修位置", &raw_number)),
        };
        let rating: Option<Rating> = code(rating, Rating::from_code, "满意度")?;
        let rated_at = rated_at?;
        let callback_at = callback_at?;
        let [department, problem, correction] = nc;
        let nonconformity =
            (!department.is_empty() || !problem.is_empty()).then_some(Nonconformity {
                department,
                problem,
                correction,
            });
        Ok(RepairOrder {
            number: number(&raw_number)?,
            intake: Intake {
                place,
                reporter,
                phone: phone
                    .map(|p| Mobile::parse(&p).map_err(|_| corrupt("电话", &p)))
                    .transpose()?,
                channel: Channel::from_code(&channel)
                    .ok_or_else(|| corrupt("报修方式", &channel))?,
                category,
                description,
                appointment: need(appt?)?,
                chargeable,
                quote,
                quote_amount: Fen(quote_fen),
            },
            received_at: need(received?)?,
            received_by,
            state: state(&st)?,
            technician: tech_id.map(|id| (StaffId(id), tech_name)),
            dispatched_at: dispatched?,
            arrived_at: arrived?,
            review_at: review?,
            completed_at: completed?,
            callback_at,
            callback_by,
            closed_at: closed?,
            cancelled_at: cancelled?,
            cancel_reason,
            work_done,
            charges: Charges {
                materials: Vec::new(),
                labour: Fen(labour),
                payment: code(payment, Payment::from_code, "付款方式")?,
                receipt: code(receipt, Receipt::from_code, "票据")?,
            },
            confirmation: match (rating, rated_at) {
                (Some(rating), Some(at)) => Some(Confirmation {
                    rating,
                    comment,
                    by: rated_by,
                    at,
                }),
                _ => None,
            },
            callback: callback_at.map(|_| Callback {
                note: callback_note,
                nonconformity,
            }),
            events: Vec::new(),
        })
    })())
}
