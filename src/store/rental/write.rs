//! Writing entrustments inside a transaction: the entrustment with its gap-free number, a
//! viewing, the withdrawal, and what every step reads (`head`); the lease and its end are in
//! `lease`. Shared by the desk's writes (`actions`) and the bulk loader, so history is written
//! exactly as the desk writes it. Every step leaves a line in the unit's history (kind `代租`).

use chrono::{Datelike, NaiveDate, NaiveDateTime};
use rusqlite::{Connection, OptionalExtension, Transaction, params};

use crate::domain::date::paper_date;
use crate::domain::rental::{
    Commission, Entrustment, EntrustmentId, EntrustmentNumber, LeaseId, ListingState, Viewing,
};
use crate::domain::staff::Recorded;
use crate::domain::unit::{UnitId, UnitStatus};
use crate::domain::{Fen, UnitAddress};
use crate::store::audit::Target;
use crate::store::{Result, StoreError, found, time_text, units};

/// The kind of a rental line in the unit's history.
pub(super) const LOG_KIND: &str = "代租";

/// A date as stored: `2026-11-30`.
pub(super) fn day_text(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// A stored date read back.
pub(super) fn parse_day(text: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map_err(|_| StoreError::Corrupt(format!("日期 “{text}”")))
}

/// An entrustment as the audit log names it: its number.
pub(super) fn target(id: EntrustmentId, number: &str) -> Target {
    Target::new("rental", id.0, number)
}

/// The next number of `at`'s month, inside the caller's transaction: a rollback gives it back,
/// so there are no gaps and no duplicates.
fn next_number(tx: &Transaction<'_>, at: NaiveDateTime) -> Result<EntrustmentNumber> {
    let (year, month) = (at.year(), at.month());
    let last: i64 = tx
        .prepare_cached(
            "INSERT INTO rental_counters (month, last) VALUES (?1, 1)
             ON CONFLICT (month) DO UPDATE SET last = last + 1 RETURNING last",
        )?
        .query_row([EntrustmentNumber::month_key(year, month)], |r| r.get(0))?;
    let seq = u32::try_from(last).map_err(|_| StoreError::Corrupt(format!("代租序号 {last}")))?;
    Ok(EntrustmentNumber { year, month, seq })
}

/// The parts of an entrustment a step reads.
#[derive(Debug, Clone)]
pub(super) struct Head {
    pub number: String,
    pub unit: UnitId,
    pub address: UnitAddress,
    pub state: ListingState,
    pub period_from: NaiveDate,
    pub period_to: NaiveDate,
    pub commission: Commission,
    /// The lease running now: its id, tenant's person row, status before, dates.
    pub running: Option<Running>,
}

/// A running lease, as its end reads it.
#[derive(Debug, Clone)]
pub(super) struct Running {
    pub id: LeaseId,
    pub tenant: String,
    pub person: Option<i64>,
    pub status_before: UnitStatus,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
}

pub(super) fn head(conn: &Connection, id: EntrustmentId) -> Result<Head> {
    type Row = (String, i64, u32, u32, u32, String, String, String);
    type Money = (Option<u32>, Option<i64>);
    let row: Option<(Row, Money)> = conn
        .prepare_cached(
            "SELECT e.number, e.unit_id, u.building, u.entrance, u.room, e.state,
                    e.period_from, e.period_to, e.commission_bp, e.commission_fen
             FROM rental_entrustments e JOIN units u ON u.id = e.unit_id WHERE e.id = ?1",
        )?
        .query_row([id.0], |r| {
            Ok((
                (
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                    r.get(6)?,
                    r.get(7)?,
                ),
                (r.get(8)?, r.get(9)?),
            ))
        })
        .optional()?;
    let ((number, unit, b, e, room, state, from, to), money) =
        found(row, || "找不到这条代租委托，可能已被删除".to_string())?;
    let running = conn
        .prepare_cached(
            "SELECT id, tenant, person_id, status_before, starts_on, ends_on FROM rental_leases
             WHERE entrustment_id = ?1 AND ended_on IS NULL",
        )?
        .query_row([id.0], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, Option<i64>>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, String>(5)?,
            ))
        })
        .optional()?;
    let running = match running {
        Some((lease, tenant, person, before, starts, ends)) => Some(Running {
            id: LeaseId(lease),
            tenant,
            person,
            status_before: UnitStatus::from_code(&before)
                .ok_or_else(|| StoreError::Corrupt(format!("房屋状态 “{before}”")))?,
            starts_on: parse_day(&starts)?,
            ends_on: parse_day(&ends)?,
        }),
        None => None,
    };
    Ok(Head {
        number,
        unit: UnitId(unit),
        address: UnitAddress::new(b, e, room)
            .map_err(|_| StoreError::Corrupt(format!("房号 {b}-{e}-{room}")))?,
        state: ListingState::from_code(&state)
            .ok_or_else(|| StoreError::Corrupt(format!("代租状态 “{state}”")))?,
        period_from: parse_day(&from)?,
        period_to: parse_day(&to)?,
        commission: commission_of(money)?,
        running,
    })
}

/// The commission as stored: a rate in basis points or a fixed amount, exactly one of them.
pub(super) fn commission_of((bp, fen): (Option<u32>, Option<i64>)) -> Result<Commission> {
    match (bp, fen) {
        (Some(bp), None) => Ok(Commission::Rate(bp)),
        (None, Some(f)) => Ok(Commission::Fixed(Fen(f))),
        _ => Err(StoreError::Corrupt("代租佣金".into())),
    }
}

pub(super) fn unit_log(tx: &Transaction<'_>, h: &Head, rec: &Recorded, text: &str) -> Result<()> {
    units::log(tx, h.unit, rec, LOG_KIND, &format!("{} {text}", h.number))
}

pub(super) fn problems<F>(list: Vec<(F, String)>) -> Result<()> {
    if list.is_empty() {
        return Ok(());
    }
    let text: Vec<String> = list.into_iter().map(|(_, m)| m).collect();
    Err(StoreError::Conflict(text.join("；")))
}

/// Records an owner's entrustment inside the caller's transaction; returns its id and number.
/// A unit has one listing at a time: one still current is a conflict, except a 待租 listing
/// whose period has ended, which the new entrustment closes (as 已撤回, 委托期满).
pub(super) fn entrust_in(
    tx: &Transaction<'_>,
    e: &Entrustment,
    rec: &Recorded,
) -> Result<(EntrustmentId, EntrustmentNumber)> {
    problems(e.check())?;
    let unit = units::unit_in(tx, e.unit)?;
    if unit.unit.status == UnitStatus::Unsold {
        return Err(StoreError::Conflict(format!(
            "{} 是未售房屋，没有业主，不能办理代租",
            e.address.short()
        )));
    }
    let current: Option<i64> = tx
        .prepare_cached(
            "SELECT id FROM rental_entrustments WHERE unit_id = ?1 AND state <> 'withdrawn'",
        )?
        .query_row([e.unit.0], |r| r.get(0))
        .optional()?;
    let number = next_number(tx, rec.at)?;
    if let Some(old) = current.map(EntrustmentId) {
        let h = head(tx, old)?;
        if h.state != ListingState::Listed || h.period_to >= rec.at.date() {
            return Err(StoreError::Conflict(format!(
                "{} 已有代租委托 {}（{}），请在那条委托上办理",
                e.address.short(),
                h.number,
                h.state.label()
            )));
        }
        let reason = format!("委托期满，业主重新委托 {number}");
        withdraw_in(tx, old, &reason, rec)?;
    }
    let (bp, fen) = match e.commission {
        Commission::Rate(bp) => (Some(bp), None),
        Commission::Fixed(f) => (None, Some(f.0)),
    };
    let bank = e.bank.as_ref();
    tx.prepare_cached(
        "INSERT INTO rental_entrustments (number, unit_id, owner_name, person_id, owner_phone,
             asking_rent_fen, deposit_terms, furnishings, available_from, period_from, period_to,
             commission_bp, commission_fen, bank, account_holder, account, note, state,
             recorded_by, recorded_by_name, recorded_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17,
             'listed', ?18, ?19, ?20)",
    )?
    .execute(params![
        number.to_string(),
        e.unit.0,
        e.owner_name.trim(),
        e.person,
        e.owner_phone.as_ref().map(|m| m.as_str()),
        e.asking_rent.0,
        e.deposit_terms.trim(),
        e.furnishings.join("、"),
        day_text(e.available_from),
        day_text(e.period_from),
        day_text(e.period_to),
        bp,
        fen,
        bank.map_or("", |b| b.bank.trim()),
        bank.map_or("", |b| b.holder.trim()),
        bank.map(|b| b.account.full()),
        e.note.trim(),
        rec.by.map(|b| b.0),
        rec.by_name,
        time_text(rec.at),
    ])?;
    let id = EntrustmentId(tx.last_insert_rowid());
    units::log(
        tx,
        e.unit,
        rec,
        LOG_KIND,
        &format!(
            "{number} 业主 {} 委托代租：期望月租 {}，委托期限 {}至{}，佣金{}",
            e.owner_name.trim(),
            e.asking_rent,
            paper_date(e.period_from),
            paper_date(e.period_to),
            e.commission.describe()
        ),
    )?;
    Ok((id, number))
}

/// Logs a viewing of a 待租 listing inside the caller's transaction.
pub(super) fn viewing_in(
    tx: &Transaction<'_>,
    id: EntrustmentId,
    v: &Viewing,
    rec: &Recorded,
) -> Result<Head> {
    v.check().map_err(StoreError::Conflict)?;
    let h = head(tx, id)?;
    if h.state != ListingState::Listed {
        return Err(StoreError::Conflict(format!(
            "{} 现在是{}，不能再登记看房",
            h.number,
            h.state.label()
        )));
    }
    if v.at > rec.at + chrono::Duration::minutes(1) {
        return Err(StoreError::Conflict(
            "看房时间晚于现在：看完房再登记结果".into(),
        ));
    }
    tx.prepare_cached(
        "INSERT INTO rental_viewings (entrustment_id, at, visitor, phone, staff_id, staff_name,
             outcome, note, recorded_by_name, recorded_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )?
    .execute(params![
        id.0,
        time_text(v.at),
        v.visitor.trim(),
        v.phone.as_ref().map(|m| m.as_str()),
        v.staff.map(|s| s.0),
        v.staff_name.trim(),
        v.outcome.code(),
        v.note.trim(),
        rec.by_name,
        time_text(rec.at),
    ])?;
    let note = match v.note.trim() {
        "" => String::new(),
        n => format!("，{n}"),
    };
    unit_log(
        tx,
        &h,
        rec,
        &format!(
            "看房：{}，{} 陪同，{}{note}",
            v.visitor.trim(),
            v.staff_name.trim(),
            v.outcome.label()
        ),
    )?;
    Ok(h)
}

/// Sets the listing's state inside the caller's transaction.
pub(super) fn set_state(
    tx: &Transaction<'_>,
    id: EntrustmentId,
    state: ListingState,
) -> Result<()> {
    tx.prepare_cached("UPDATE rental_entrustments SET state = ?2 WHERE id = ?1")?
        .execute(params![id.0, state.code()])?;
    Ok(())
}

/// Withdraws a listing inside the caller's transaction (the owner takes the unit back): only
/// while no lease runs, with the reason.
pub(super) fn withdraw_in(
    tx: &Transaction<'_>,
    id: EntrustmentId,
    reason: &str,
    rec: &Recorded,
) -> Result<Head> {
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(StoreError::Conflict("请写明撤回委托的原因".into()));
    }
    let h = head(tx, id)?;
    match h.state {
        ListingState::Listed => {}
        ListingState::Let => {
            return Err(StoreError::Conflict(format!(
                "{} 的租约还在履行，不能撤回；请先办理退租",
                h.number
            )));
        }
        ListingState::Withdrawn => {
            return Err(StoreError::Conflict(format!("{} 已经撤回", h.number)));
        }
    }
    tx.prepare_cached(
        "UPDATE rental_entrustments SET state = 'withdrawn', withdrawn_on = ?2,
             withdraw_reason = ?3 WHERE id = ?1",
    )?
    .execute(params![id.0, day_text(rec.at.date()), reason])?;
    unit_log(tx, &h, rec, &format!("撤回委托：{reason}"))?;
    Ok(h)
}
