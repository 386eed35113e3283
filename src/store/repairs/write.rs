//! Repair orders: intake with a gap-free monthly number, state changes, materials and charge,
//! rating and callback. Every write is one transaction and leaves a line in the unit's history.

use chrono::{Datelike, NaiveDateTime};
use rusqlite::{OptionalExtension, Transaction, params};

use crate::domain::access::Action;
use crate::domain::date::table_datetime;
use crate::domain::repair::{
    Callback, Charges, Confirmation, Intake, OrderNumber, Place, RepairId, RepairState, Step,
    missing_for_close,
};
use crate::domain::staff::Recorded;
use crate::domain::unit::UnitId;
use crate::store::audit::{Entry, Target, append_checked};
use crate::store::session::Scope;
use crate::store::{Result, Store, StoreError, time_text};

/// Takes the next number of `at`'s month inside the caller's transaction. The counter row is
/// written in the same transaction as the order, so a rollback gives the number back: no gaps,
/// no duplicates.
pub(crate) fn next_number(tx: &Transaction<'_>, at: NaiveDateTime) -> Result<OrderNumber> {
    let (year, month) = (at.year(), at.month());
    let last: i64 = tx
        .prepare_cached(
            "INSERT INTO repair_counters (month, last) VALUES (?1, 1)
             ON CONFLICT (month) DO UPDATE SET last = last + 1 RETURNING last",
        )?
        .query_row([OrderNumber::month_key(year, month)], |r| r.get(0))?;
    let seq = u32::try_from(last).map_err(|_| StoreError::Corrupt(format!("报修单序号 {last}")))?;
    Ok(OrderNumber { year, month, seq })
}

/// Inserts an intake inside the caller's transaction; returns its id and number.
pub(crate) fn insert_intake(
    tx: &Transaction<'_>,
    intake: &Intake,
    rec: &Recorded,
) -> Result<(RepairId, OrderNumber)> {
    let problems = intake.validate();
    if !problems.is_empty() {
        let text: Vec<&str> = problems.iter().map(|(_, m)| *m).collect();
        return Err(StoreError::Conflict(text.join("；")));
    }
    let number = next_number(tx, rec.at)?;
    let (unit, location, officer, officer_name) = match &intake.place {
        Place::Unit { id, .. } => (Some(id.0), "", None, ""),
        Place::Public {
            location,
            officer,
            officer_name,
        } => (
            None,
            location.trim(),
            Some(officer.0),
            officer_name.as_str(),
        ),
    };
    tx.prepare_cached(
        "INSERT INTO repairs (number, unit_id, location, officer_id, officer_name, reporter, phone,
             channel, category, description, appointment_at, chargeable, quote, quote_fen, state,
             clock_at, recorded_by, recorded_by_name, recorded_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, 'pending', ?11,
                 ?15, ?16, ?17)",
    )?
    .execute(params![
        number.to_string(),
        unit,
        location,
        officer,
        officer_name,
        intake.reporter.trim(),
        intake.phone.as_ref().map(|m| m.as_str()),
        intake.channel.code(),
        intake.category.trim(),
        intake.description.trim(),
        time_text(intake.appointment),
        intake.chargeable,
        intake.quote.trim(),
        intake.quote_amount.0,
        rec.by.map(|b| b.0),
        rec.by_name,
        time_text(rec.at),
    ])?;
    let id = RepairId(tx.last_insert_rowid());
    event(tx, id, RepairState::Pending, rec, "受理报修")?;
    if let Place::Unit { id: unit, .. } = &intake.place {
        let charge = if intake.chargeable {
            format!("，收费维修（已告知：{}）", intake.quote.trim())
        } else {
            "，免费维修".to_string()
        };
        crate::store::units::log(
            tx,
            *unit,
            rec,
            "报修",
            &format!(
                "{number} {}：{}{charge}",
                intake.category.trim(),
                intake.description.trim()
            ),
        )?;
    }
    Ok((id, number))
}

pub(super) fn event(
    tx: &Transaction<'_>,
    id: RepairId,
    state: RepairState,
    rec: &Recorded,
    note: &str,
) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO repair_events (repair_id, state, at, by_id, by_name, note)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![
        id.0,
        state.code(),
        time_text(rec.at),
        rec.by.map(|b| b.0),
        rec.by_name,
        note
    ])?;
    Ok(())
}

/// The order's number, state and unit, for a write.
fn head(tx: &rusqlite::Connection, id: RepairId) -> Result<(String, RepairState, Option<UnitId>)> {
    let row: Option<(String, String, Option<i64>)> = tx
        .query_row(
            "SELECT number, state, unit_id FROM repairs WHERE id = ?1",
            [id.0],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?;
    let (number, state, unit) =
        crate::store::found(row, || "找不到这张维修单，可能已被删除".to_string())?;
    let state = RepairState::from_code(&state)
        .ok_or_else(|| StoreError::Corrupt(format!("维修单状态 “{state}”")))?;
    Ok((number, state, unit.map(UnitId)))
}

fn unit_log(tx: &Transaction<'_>, unit: Option<UnitId>, rec: &Recorded, text: &str) -> Result<()> {
    match unit {
        Some(u) => crate::store::units::log(tx, u, rec, "报修", text),
        None => Ok(()),
    }
}

impl Store {
    /// Takes a repair request at the desk; returns its id and its number `WX-YYYYMM-NNNN`.
    pub fn add_repair(
        &mut self,
        intake: &Intake,
        rec: &Recorded,
    ) -> Result<(RepairId, OrderNumber)> {
        self.write(Action::RepairRecord, None, rec, |tx, auth| {
            let (id, number) = insert_intake(tx, intake, &auth.rec)?;
            let entry = Entry::new(
                Action::RepairRecord,
                "登记报修",
                repair_target(id, &number.to_string()),
            );
            Ok(((id, number), entry.change(None::<&Intake>, Some(intake))))
        })
    }

    /// Moves an order one step on (派单, 到场, 评审, 完工, 关闭, 取消), recording who and when.
    /// A step the procedure does not allow is refused with its reason; closing a slip with
    /// blanks is refused with the list of what is missing.
    pub fn repair_step(
        &mut self,
        id: RepairId,
        step: &Step,
        rec: &Recorded,
    ) -> Result<RepairState> {
        self.repair_step_at(id, step, rec.at, rec)
    }

    /// Records a step that happened at `at`, reported later (the technician phoned in his
    /// arrival): `at` may not be after `rec.at` nor before the step before it. The state's time
    /// is `at`; the history says who entered it and when.
    pub fn repair_step_at(
        &mut self,
        id: RepairId,
        step: &Step,
        at: NaiveDateTime,
        rec: &Recorded,
    ) -> Result<RepairState> {
        if matches!(step, Step::Callback) {
            return Err(StoreError::Conflict("回访请填写回访记录后保存".into()));
        }
        let mut when = rec.clone();
        let mut entered = String::new();
        if at != rec.at {
            let order = self.repair(id)?.order;
            order
                .check_step_time(step, at, rec.at)
                .map_err(StoreError::Conflict)?;
            when.at = at;
            entered = format!("（{} 补记）", table_datetime(rec.at));
        }
        if matches!(step, Step::Close) {
            let order = self.repair(id)?.order;
            let missing = missing_for_close(&order);
            if !missing.is_empty() {
                return Err(StoreError::Conflict(format!(
                    "维修单不能有漏填项，还缺：{}",
                    missing.join("、")
                )));
            }
        }
        // A step the procedure does not allow is refused before anyone is asked to countersign.
        let (_, state, _) = head(self.conn(), id)?;
        state.next(step).map_err(StoreError::Conflict)?;
        let action = match step {
            Step::Review => Action::RepairReview,
            _ => Action::RepairRecord,
        };
        let auth = self.authorize(action, None, rec)?;
        let rec = &auth.rec;
        when.by = rec.by;
        when.by_name = rec.by_name.clone();
        let tx = self.conn.transaction()?;
        let (number, state, unit) = head(&tx, id)?;
        let next = state.next(step).map_err(StoreError::Conflict)?;
        let at = time_text(when.at);
        let (sql, note): (&str, String) = match step {
            Step::Dispatch { technician, name } => {
                tx.execute(
                    "UPDATE repairs SET technician_id = ?2, technician_name = ?3 WHERE id = ?1",
                    params![id.0, technician.0, name.trim()],
                )?;
                (
                    // The arrival clock: the appointment, or the dispatch if that came later.
                    "UPDATE repairs SET state = ?2, dispatched_at = ?3,
                         clock_at = max(appointment_at, ?3) WHERE id = ?1",
                    format!("派单给 {}", name.trim()),
                )
            }
            // Back from review: the first arrival stays; ?3 is bound for every step.
            Step::Arrive if state == RepairState::InReview => (
                "UPDATE repairs SET state = ?2, clock_at = NULL WHERE id = ?1 AND ?3 IS NOT NULL",
                "评审后返回现场".to_string(),
            ),
            Step::Arrive => (
                "UPDATE repairs SET state = ?2, arrived_at = ?3, clock_at = NULL WHERE id = ?1",
                "维修人员到场".to_string(),
            ),
            Step::Review => (
                "UPDATE repairs SET state = ?2, review_at = ?3, clock_at = ?3 WHERE id = ?1",
                "报班长技术评审".to_string(),
            ),
            Step::Complete => (
                "UPDATE repairs SET state = ?2, completed_at = ?3, clock_at = ?3 WHERE id = ?1",
                "维修完工".to_string(),
            ),
            Step::Close => (
                "UPDATE repairs SET state = ?2, closed_at = ?3, clock_at = NULL WHERE id = ?1",
                "维修单关闭".to_string(),
            ),
            Step::Cancel { reason } => {
                tx.execute(
                    "UPDATE repairs SET cancel_reason = ?2 WHERE id = ?1",
                    params![id.0, reason.trim()],
                )?;
                (
                    "UPDATE repairs SET state = ?2, cancelled_at = ?3, clock_at = NULL WHERE id = ?1",
                    format!("取消：{}", reason.trim()),
                )
            }
            Step::Callback => unreachable_callback()?,
        };
        tx.execute(sql, params![id.0, next.code(), at])?;
        if matches!(step, Step::Complete) {
            // Completion is when a unit repair's charges become final: they go to the unit's
            // fee account now (paid on the spot: with a receipt), in this transaction.
            super::charges::post_repair_charges_in(&tx, id, rec)?;
        }
        let note = format!("{note}{entered}");
        event(&tx, id, next, &when, &note)?;
        unit_log(
            &tx,
            unit,
            rec,
            &format!("{number} {}：{note}", next.label()),
        )?;
        let entry = Entry::new(action, step.label(), repair_target(id, &number));
        let before = serde_json::json!({ "状态": state.label() });
        let after = serde_json::json!({ "状态": next.label(), "说明": note, "时间": at });
        append_checked(
            &mut self.session,
            &tx,
            &auth,
            entry.change(Some(&before), Some(&after)),
        )?;
        tx.commit()?;
        Ok(next)
    }

    /// Saves what the technician did, the materials, labour and how it was paid. Allowed until
    /// the order is closed or cancelled.
    pub fn save_repair_work(
        &mut self,
        id: RepairId,
        work_done: &str,
        charges: &Charges,
        rec: &Recorded,
    ) -> Result<()> {
        let total = charges
            .total()
            .ok_or_else(|| StoreError::Conflict("金额太大，请核对数量和单价".into()))?;
        if charges.labour.0 < 0 || charges.materials.iter().any(|m| m.price.0 < 0) {
            return Err(StoreError::Conflict("金额不能是负数".into()));
        }
        let before = self.repair(id)?.order;
        self.write(Action::RepairRecord, None, rec, |tx, auth| {
            let rec = &auth.rec;
            let (number, state, unit) = head(tx, id)?;
            if !state.is_open() {
                return Err(StoreError::Conflict(format!(
                    "{}的维修单不能再修改维修情况和收费",
                    state.label()
                )));
            }
            write_charges(tx, id, work_done, charges)?;
            // After completion a change of the charges corrects what was posted (an
            // adjustment line, or a receipt when now paid on the spot); before it, nothing.
            super::charges::post_repair_charges_in(tx, id, rec)?;
            let note = format!("维修情况及收费：合计 {total}");
            event(tx, id, state, rec, &note)?;
            unit_log(tx, unit, rec, &format!("{number} {note}"))?;
            let entry = Entry::new(
                Action::RepairRecord,
                "维修情况及收费",
                repair_target(id, &number),
            );
            let old = serde_json::json!({ "维修情况": before.work_done, "收费": before.charges });
            let new = serde_json::json!({ "维修情况": work_done.trim(), "收费": charges });
            Ok(((), entry.change(Some(&old), Some(&new))))
        })
    }

    /// Records the owner's confirmation and rating, after completion. A public repair is
    /// confirmed, signed and rated by its area's service officer (or the supervisor): signed in
    /// or countersigning, and named as the signer whatever `c.by` says.
    pub fn rate_repair(&mut self, id: RepairId, c: &Confirmation, rec: &Recorded) -> Result<()> {
        let order = self.repair(id)?.order;
        let (action, scope) = match &order.intake.place {
            Place::Public { officer, .. } => {
                (Action::RepairPublicConfirm, Scope::Officer(*officer))
            }
            Place::Unit { .. } => (Action::RepairRecord, Scope::Estate),
        };
        if action == Action::RepairRecord && c.by.trim().is_empty() {
            return Err(StoreError::Conflict(
                "请填写确认人（业主或区域客户服务员）".into(),
            ));
        }
        let auth = self.authorize_in(action, scope, rec)?;
        let rec = &auth.rec;
        let signed;
        let c = if action == Action::RepairPublicConfirm && auth.who.is_some() {
            signed = Confirmation {
                by: rec.by_name.clone(),
                ..c.clone()
            };
            &signed
        } else {
            c
        };
        let tx = self.conn.transaction()?;
        let (number, state, unit) = head(&tx, id)?;
        if !matches!(state, RepairState::Completed | RepairState::CalledBack) {
            return Err(StoreError::Conflict(format!(
                "{}的维修单不能评价：完工后才能确认评价",
                state.label()
            )));
        }
        write_rating(&tx, id, c)?;
        let note = format!("{} 确认，评价：{}", c.by.trim(), c.rating.label());
        event(&tx, id, state, rec, &note)?;
        unit_log(&tx, unit, rec, &format!("{number} {note}"))?;
        let what = if action == Action::RepairPublicConfirm {
            "公共报修确认签字"
        } else {
            "业主确认评价"
        };
        let entry = Entry::new(action, what, repair_target(id, &number));
        append_checked(
            &mut self.session,
            &tx,
            &auth,
            entry.change(None::<&Confirmation>, Some(c)),
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Records the callback: the first time moves the order to 已回访; later saves record the
    /// correction of a nonconformity.
    pub fn record_callback(&mut self, id: RepairId, cb: &Callback, rec: &Recorded) -> Result<()> {
        if cb.note.trim().is_empty() {
            return Err(StoreError::Conflict("请填写回访情况（业主怎么说）".into()));
        }
        let auth = self.authorize(Action::RepairRecord, None, rec)?;
        let rec = &auth.rec;
        let tx = self.conn.transaction()?;
        let (number, state, unit) = head(&tx, id)?;
        let next = match state {
            RepairState::CalledBack => state,
            _ => state.next(&Step::Callback).map_err(StoreError::Conflict)?,
        };
        write_callback(&tx, id, cb, rec, state != next)?;
        if state != next {
            tx.execute(
                "UPDATE repairs SET state = ?2, clock_at = NULL WHERE id = ?1",
                params![id.0, next.code()],
            )?;
        }
        let mut note = format!("回访：{}", cb.note.trim());
        if let Some(nc) = &cb.nonconformity {
            note.push_str(&format!("；不合格项交 {} 纠正", nc.department.trim()));
            if !nc.correction.trim().is_empty() {
                note.push_str(&format!("，纠正情况：{}", nc.correction.trim()));
            }
        }
        event(&tx, id, next, rec, &note)?;
        unit_log(&tx, unit, rec, &format!("{number} {note}"))?;
        let entry = Entry::new(Action::RepairRecord, "回访", repair_target(id, &number));
        append_checked(
            &mut self.session,
            &tx,
            &auth,
            entry.change(None::<&Callback>, Some(cb)),
        )?;
        tx.commit()?;
        Ok(())
    }
}

/// An order as the log names it: its number.
fn repair_target(id: RepairId, number: &str) -> Target {
    Target::new("repair", id.0, number)
}

fn unreachable_callback<T>() -> Result<T> {
    Err(StoreError::Conflict("回访请填写回访记录后保存".into()))
}

pub(super) fn write_charges(
    tx: &Transaction<'_>,
    id: RepairId,
    work_done: &str,
    c: &Charges,
) -> Result<()> {
    tx.prepare_cached(
        "UPDATE repairs SET work_done = ?2, labour_fen = ?3, payment = ?4, receipt = ?5
         WHERE id = ?1",
    )?
    .execute(params![
        id.0,
        work_done.trim(),
        c.labour.0,
        c.payment.map(|p| p.code()),
        c.receipt.map(|r| r.code()),
    ])?;
    tx.prepare_cached("DELETE FROM repair_materials WHERE repair_id = ?1")?
        .execute([id.0])?;
    let mut insert = tx.prepare_cached(
        "INSERT INTO repair_materials (repair_id, line, name, spec, model, qty_hundredths, unit,
             price_fen)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?;
    for (i, m) in c.materials.iter().enumerate() {
        if m.name.trim().is_empty() {
            return Err(StoreError::Conflict(format!(
                "第{}行材料没有填写名称",
                i + 1
            )));
        }
        insert.execute(params![
            id.0,
            i as i64 + 1,
            m.name.trim(),
            m.spec.trim(),
            m.model.trim(),
            m.qty.0,
            m.unit.trim(),
            m.price.0
        ])?;
    }
    Ok(())
}

pub(super) fn write_rating(tx: &Transaction<'_>, id: RepairId, c: &Confirmation) -> Result<()> {
    tx.prepare_cached(
        "UPDATE repairs SET rating = ?2, rating_comment = ?3, rated_by = ?4, rated_at = ?5
         WHERE id = ?1",
    )?
    .execute(params![
        id.0,
        c.rating.code(),
        c.comment.trim(),
        c.by.trim(),
        time_text(c.at)
    ])?;
    Ok(())
}

pub(super) fn write_callback(
    tx: &Transaction<'_>,
    id: RepairId,
    cb: &Callback,
    rec: &Recorded,
    first: bool,
) -> Result<()> {
    let nc = cb.nonconformity.as_ref();
    let field = |f: fn(&crate::domain::repair::Nonconformity) -> &str| {
        nc.map(|n| f(n).trim().to_string()).unwrap_or_default()
    };
    tx.prepare_cached(
        "UPDATE repairs SET callback_note = ?2, nc_department = ?3, nc_problem = ?4,
             nc_correction = ?5 WHERE id = ?1",
    )?
    .execute(params![
        id.0,
        cb.note.trim(),
        field(|n| &n.department),
        field(|n| &n.problem),
        field(|n| &n.correction),
    ])?;
    if first {
        tx.prepare_cached("UPDATE repairs SET callback_at = ?2, callback_by = ?3 WHERE id = ?1")?
            .execute(params![id.0, time_text(rec.at), rec.by_name])?;
    }
    Ok(())
}
