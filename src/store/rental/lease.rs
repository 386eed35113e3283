//! The lease inside a transaction: signing it (the tenant into the register as 租户, the unit
//! to 出租 with its status before kept on the lease, the commission onto the unit's fee account
//! under 房屋代租佣金, the listing 在租) and its end (the tenant out of the current residents,
//! the unit back to its status before the lease, the listing 待租 again). The register and the
//! fees tables are written through their own modules' functions, in the caller's transaction.

use rusqlite::{OptionalExtension, Transaction, params};

use super::write::{Head, day_text, head, problems, set_state, unit_log};
use crate::domain::Fen;
use crate::domain::Month;
use crate::domain::date::paper_date;
use crate::domain::fees::{FeeItemId, LineId, LineSource};
use crate::domain::person::{Person, Relation};
use crate::domain::rental::{Commission, EntrustmentId, Lease, LeaseEnd, LeaseId, ListingState};
use crate::domain::staff::Recorded;
use crate::domain::unit::UnitStatus;
use crate::store::fees::{NewLine, insert_line_in};
use crate::store::{Result, StoreError, time_text, units};

/// The fee item the commission is billed under.
const COMMISSION_ITEM: &str = "DZYJ";

/// What signing a lease did, for the caller's message and audit row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LeaseSigned {
    /// The lease's row.
    pub lease: LeaseId,
    /// The commission billed.
    pub commission: Fen,
    /// Its line in the fees tables.
    pub line: LineId,
}

/// Signs a lease on a 待租 listing inside the caller's transaction: the tenant joins the
/// register as 租户 (or the 租户 already there with the same ID number is linked), the unit
/// becomes 出租 (its status before kept on the lease), the commission is billed to the unit's
/// fee account under 房屋代租佣金, and the listing becomes 在租.
pub(super) fn lease_in(
    tx: &Transaction<'_>,
    id: EntrustmentId,
    lease: &Lease,
    rec: &Recorded,
) -> Result<(Head, LeaseSigned)> {
    let h = head(tx, id)?;
    if h.state != ListingState::Listed {
        return Err(StoreError::Conflict(format!(
            "{} 现在是{}，不能签约",
            h.number,
            h.state.label()
        )));
    }
    if rec.at.date() > h.period_to {
        return Err(StoreError::Conflict(format!(
            "{} 的委托已于{}到期，不能再签约；请业主重新委托",
            h.number,
            paper_date(h.period_to)
        )));
    }
    problems(lease.check(h.period_from, h.period_to))?;
    let old = units::unit_in(tx, h.unit)?.unit;
    if old.status == UnitStatus::Rented {
        return Err(StoreError::Conflict(format!(
            "{} 在房屋与业主中已是出租状态（也许业主自行出租了），请先核对房屋状态和住户",
            h.address.short()
        )));
    }
    let commission = h
        .commission
        .amount(lease.rent)
        .filter(|c| c.0 > 0)
        .ok_or_else(|| StoreError::Conflict("按这个租金算出的佣金不对，请核对月租金".into()))?;

    // The tenant in the register: one already there with this ID number, or a new 租户.
    let known: Option<i64> = tx
        .prepare_cached(
            "SELECT id FROM people WHERE unit_id = ?1 AND relation = 'tenant' AND id_number = ?2",
        )?
        .query_row(params![h.unit.0, lease.id_number.as_str()], |r| r.get(0))
        .optional()?;
    let person = match known {
        Some(p) => p,
        None => {
            let tenant = Person {
                name: lease.tenant.trim().to_string(),
                phone: Some(lease.phone.clone()),
                id_number: Some(lease.id_number.clone()),
                relation: Relation::Tenant,
                move_in: Some(lease.starts_on),
                emergency_contact: String::new(),
                emergency_phone: None,
                note: format!("代租 {}", h.number),
            };
            crate::store::people::insert_person(tx, h.unit, &tenant, rec)?.0
        }
    };
    let mut new = old.clone();
    new.status = UnitStatus::Rented;
    units::update_unit_in(tx, h.unit, &old, &new, rec)?;

    let item: i64 = tx
        .prepare_cached("SELECT id FROM fee_items WHERE code = ?1")?
        .query_row([COMMISSION_ITEM], |r| r.get(0))
        .optional()?
        .ok_or_else(|| StoreError::Corrupt("收费项目 房屋代租佣金".into()))?;
    let basis = format!(
        "{} 代租佣金：月租 {} × {}",
        h.number,
        lease.rent,
        match h.commission {
            Commission::Rate(_) => h.commission.describe().replace("月租的", ""),
            Commission::Fixed(_) => "固定金额".to_string(),
        }
    );
    let line = insert_line_in(
        tx,
        &NewLine {
            unit: h.unit,
            item: FeeItemId(item),
            month: Month::of(rec.at.date()),
            amount: commission,
            full: commission,
            basis: &basis,
            source: LineSource::Charge,
            source_ref: &h.number,
            adjusts: None,
            reason: None,
        },
        rec,
    )?
    .ok_or_else(|| StoreError::Conflict("这笔佣金已经记过了".into()))?;

    tx.prepare_cached(
        "INSERT INTO rental_leases (entrustment_id, unit_id, tenant, id_number, phone, person_id,
             occupants, purpose, rent_fen, deposit_fen, cycle, starts_on, ends_on,
             commission_fen, commission_line, status_before, signed_at, signed_by_name,
             recorded_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17,
             ?18, ?19)",
    )?
    .execute(params![
        id.0,
        h.unit.0,
        lease.tenant.trim(),
        lease.id_number.as_str(),
        lease.phone.as_str(),
        person,
        lease.occupants,
        lease.purpose.code(),
        lease.rent.0,
        lease.deposit.0,
        lease.cycle.code(),
        day_text(lease.starts_on),
        day_text(lease.ends_on),
        commission.0,
        line.0,
        old.status.code(),
        time_text(rec.at),
        rec.by_name,
        rec.by.map(|b| b.0),
    ])?;
    let lease_id = LeaseId(tx.last_insert_rowid());
    set_state(tx, id, ListingState::Let)?;
    unit_log(
        tx,
        &h,
        rec,
        &format!(
            "签约：租户 {}，租期 {}至{}，月租 {}，押金 {}，{}",
            lease.tenant.trim(),
            paper_date(lease.starts_on),
            paper_date(lease.ends_on),
            lease.rent,
            lease.deposit,
            lease.cycle.label()
        ),
    )?;
    units::log(
        tx,
        h.unit,
        rec,
        "收费",
        &format!("房屋代租佣金 {commission}（{}）计入收费管理", h.number),
    )?;
    Ok((
        h,
        LeaseSigned {
            lease: lease_id,
            commission,
            line,
        },
    ))
}

/// Ends the running lease inside the caller's transaction: the tenant leaves the register's
/// current residents (the lease keeps their details, the unit's history their name), the unit
/// goes back to the status it had before the lease (if it is still 出租), and the listing is
/// 待租 again. Returns the head and the reason recorded.
pub(super) fn end_in(
    tx: &Transaction<'_>,
    id: EntrustmentId,
    end: &LeaseEnd,
    rec: &Recorded,
) -> Result<(Head, String)> {
    let h = head(tx, id)?;
    let Some(run) = h.running.clone() else {
        return Err(StoreError::Conflict(format!(
            "{} 没有正在履行的租约",
            h.number
        )));
    };
    let reason = end
        .check(run.starts_on, run.ends_on, rec.at.date())
        .map_err(StoreError::Conflict)?;
    tx.prepare_cached(
        "UPDATE rental_leases SET ended_on = ?2, end_reason = ?3, ended_at = ?4,
             ended_by_name = ?5 WHERE id = ?1",
    )?
    .execute(params![
        run.id.0,
        day_text(end.on),
        reason,
        time_text(rec.at),
        rec.by_name
    ])?;
    // The tenant's row, if the register still has it on this unit (the desk may have edited
    // or removed it meanwhile).
    if let Some(p) = run.person {
        let removed = tx
            .prepare_cached("DELETE FROM people WHERE id = ?1 AND unit_id = ?2")?
            .execute(params![p, h.unit.0])?;
        if removed == 1 {
            units::log(
                tx,
                h.unit,
                rec,
                Relation::Tenant.label(),
                &format!("租户 {} 退租搬离，移出当前住户（{}）", run.tenant, h.number),
            )?;
        }
    }
    let old = units::unit_in(tx, h.unit)?.unit;
    if old.status == UnitStatus::Rented {
        let mut new = old.clone();
        new.status = run.status_before;
        units::update_unit_in(tx, h.unit, &old, &new, rec)?;
    }
    set_state(tx, id, ListingState::Listed)?;
    let how = if end.early(run.ends_on) {
        "提前退租"
    } else {
        "退租"
    };
    unit_log(
        tx,
        &h,
        rec,
        &format!(
            "{how}：租户 {}，{}搬离，{reason}；房屋重新待租",
            run.tenant,
            paper_date(end.on)
        ),
    )?;
    Ok((h, reason))
}
