//! The one-transaction steps of a pass: numbering and recording it, the fees sign-off,
//! approval, the guard's release and voiding, each logged against the unit.

use chrono::Datelike;
use rusqlite::{Connection, Transaction, params};

use super::read::arrears_in;
use super::{PassId, corrupt};
use crate::domain::UnitAddress;
use crate::domain::access::Action;
use crate::domain::item_pass::{
    ApplicantKind, ApprovalError, Arrears, FeesSignOff, ItemPass, PassNumber, PassStatus,
    SupervisorOverride, check_approval, check_release, check_sign_off,
};
use crate::domain::staff::{Recorded, Role};
use crate::domain::unit::UnitId;
use crate::store::audit::{Entry, Target};
use crate::store::{Result, Store, StoreError, found, optional, parse_time, time_text, units};

fn unit_id_of(tx: &Transaction<'_>, address: Option<UnitAddress>) -> Result<Option<UnitId>> {
    let Some(a) = address else { return Ok(None) };
    let id: Option<i64> = optional(tx.query_row(
        "SELECT id FROM units WHERE building = ?1 AND entrance = ?2 AND room = ?3",
        params![a.building, a.entrance, a.room],
        |r| r.get(0),
    ))?;
    found(id.map(UnitId), || {
        format!("{a} 还没有登记，请先在“房屋与业主”中登记")
    })
    .map(Some)
}

/// Numbers and inserts a pass; the month's counter moves in the same transaction, so numbers
/// have no gaps and no duplicates.
pub(crate) fn insert_pass(
    tx: &Transaction<'_>,
    pass: &ItemPass,
    rec: &Recorded,
) -> Result<(PassId, PassNumber)> {
    let unit_id = unit_id_of(tx, pass.unit)?;
    let (year, month) = (rec.at.year(), rec.at.month());
    let seq: u32 = tx.query_row(
        "INSERT INTO item_pass_counters (month, last) VALUES (?1, 1)
         ON CONFLICT (month) DO UPDATE SET last = last + 1 RETURNING last",
        [PassNumber::month_key(year, month)],
        |r| r.get(0),
    )?;
    let number = PassNumber { year, month, seq };
    let v = pass.vehicle.as_ref();
    tx.execute(
        "INSERT INTO item_passes (number, unit_id, kind, applicant, phone, authorisation,
             certificate, reason, reason_note, plate, driver, driver_doc, planned, status,
             recorded_by, recorded_by_name, recorded_at, certificate_issuer)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, 'pending', ?14, ?15, ?16,
             ?17)",
        params![
            number.to_string(),
            unit_id.map(|u| u.0),
            pass.kind.code(),
            pass.applicant.trim(),
            pass.phone.as_str(),
            pass.authorisation.trim(),
            pass.certificate.trim(),
            pass.reason.code(),
            pass.reason_note.trim(),
            v.map(|v| v.plate.as_str()),
            v.map(|v| v.driver.trim()),
            v.map(|v| v.driver_doc.as_str()),
            pass.planned.format("%Y-%m-%d").to_string(),
            rec.by.map(|b| b.0),
            rec.by_name,
            time_text(rec.at),
            pass.certificate_issuer.trim(),
        ],
    )?;
    let id = PassId(tx.last_insert_rowid());
    let mut stmt = tx.prepare_cached(
        "INSERT INTO item_pass_items (pass_id, seq, name, quantity, note) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for (i, item) in pass.items.iter().enumerate() {
        stmt.execute(params![
            id.0,
            i as i64 + 1,
            item.name.trim(),
            item.quantity,
            item.note.trim()
        ])?;
    }
    if let Some(u) = unit_id {
        let items = pass
            .items
            .iter()
            .map(|i| format!("{}×{}", i.name.trim(), i.quantity))
            .collect::<Vec<_>>()
            .join("、");
        units::log(
            tx,
            u,
            rec,
            "放行",
            &format!(
                "{number} 申请放行（{}，{}）：{items}",
                pass.reason,
                pass.applicant.trim()
            ),
        )?;
    }
    Ok((id, number))
}

/// What the state changes need to know of a pass.
struct PassState {
    kind: ApplicantKind,
    status: PassStatus,
    unit: Option<UnitId>,
    number: String,
    planned: String,
    fees: Option<FeesSignOff>,
}

/// The status, unit and fees sign-off of a pass, inside a transaction.
fn state_in(tx: &Connection, id: PassId) -> Result<PassState> {
    let row = optional(tx.query_row(
        "SELECT status, unit_id, number, planned, fees_by_name, fees_role, fees_at, kind FROM item_passes WHERE id = ?1",
        [id.0],
        |r| Ok((r.get::<_, String>(0)?, r.get::<_, Option<i64>>(1)?, r.get::<_, String>(2)?, r.get::<_, String>(3)?,
                r.get::<_, Option<String>>(4)?, r.get::<_, Option<String>>(5)?, r.get::<_, Option<String>>(6)?,
                r.get::<_, String>(7)?)),
    ))?;
    let (status, unit, number, planned, by, role, at, kind) =
        found(row, || "找不到这张放行条".to_string())?;
    let kind = ApplicantKind::from_code(&kind).ok_or_else(|| corrupt("申请人类型", &kind))?;
    let status = PassStatus::from_code(&status).ok_or_else(|| corrupt("状态", &status))?;
    let fees = match (by, role, at) {
        (Some(by_name), Some(role), Some(at)) => Some(FeesSignOff {
            by_name,
            role: Role::from_code(&role).ok_or_else(|| corrupt("岗位", &role))?,
            at: parse_time(&at)?,
        }),
        _ => None,
    };
    Ok(PassState {
        kind,
        status,
        unit: unit.map(UnitId),
        number,
        planned,
        fees,
    })
}

fn log_opt(tx: &Transaction<'_>, unit: Option<UnitId>, rec: &Recorded, text: &str) -> Result<()> {
    match unit {
        Some(u) => units::log(tx, u, rec, "放行", text),
        None => Ok(()),
    }
}

pub(crate) fn sign_off_in(
    tx: &Transaction<'_>,
    id: PassId,
    s: &FeesSignOff,
    rec: &Recorded,
) -> Result<()> {
    let PassState {
        kind,
        status,
        unit,
        number,
        ..
    } = state_in(tx, id)?;
    if status != PassStatus::Pending {
        return Err(StoreError::Conflict(format!(
            "{number} 已{}，不能再确认费用",
            status.label().trim_start_matches('已')
        )));
    }
    check_sign_off(kind, s).map_err(|e| StoreError::Conflict(e.to_string()))?;
    tx.execute(
        "UPDATE item_passes SET fees_by_name = ?2, fees_role = ?3, fees_at = ?4 WHERE id = ?1",
        params![id.0, s.by_name, s.role.code(), time_text(s.at)],
    )?;
    log_opt(
        tx,
        unit,
        rec,
        &format!(
            "{number} 费用已结清，{}（{}）签字确认",
            s.by_name,
            s.role.label()
        ),
    )
}

pub(crate) fn approve_in(
    tx: &Transaction<'_>,
    id: PassId,
    o: Option<&SupervisorOverride>,
    rec: &Recorded,
) -> Result<()> {
    let PassState {
        kind,
        status,
        unit,
        number,
        fees,
        ..
    } = state_in(tx, id)?;
    if status != PassStatus::Pending {
        return Err(StoreError::Conflict(format!(
            "{number} 当前是“{}”，不能批准",
            status.label()
        )));
    }
    let arrears = arrears_in(tx, unit)?;
    check_approval(kind, arrears, fees.as_ref(), o)
        .map_err(|e| StoreError::Conflict(e.to_string()))?;
    tx.execute(
        "UPDATE item_passes SET status = 'approved', approved_by_name = ?2, approved_at = ?3,
             override_by_name = ?4, override_reason = ?5 WHERE id = ?1",
        params![
            id.0,
            rec.by_name,
            time_text(rec.at),
            o.map(|o| o.by_name.as_str()),
            o.map(|o| o.reason.trim())
        ],
    )?;
    let extra = match (o, arrears) {
        (Some(o), _) => format!("（主管 {} 特批：{}）", o.by_name, o.reason.trim()),
        (None, Arrears::Settled) if kind.needs_fees_sign_off() => {
            "（收费记录显示费用已结清）".to_string()
        }
        _ => String::new(),
    };
    log_opt(tx, unit, rec, &format!("{number} 已批准{extra}"))
}

/// Whether the pass in `state` may go out at `at`: approved, on its planned day, and the guard
/// has confirmed the signature.
fn check_release_at(state: &PassState, signed: bool, at: chrono::NaiveDateTime) -> Result<()> {
    let PassState {
        kind,
        status,
        number,
        planned,
        ..
    } = state;
    if *status != PassStatus::Approved {
        return Err(StoreError::Conflict(format!(
            "{number} 当前是“{}”，只有已批准的放行条才能放行",
            status.label()
        )));
    }
    if at.date().format("%Y-%m-%d").to_string() != *planned {
        return Err(StoreError::Conflict(format!(
            "{number} 只在 {planned} 当天有效，今天不能放行；请重新开具"
        )));
    }
    check_release(*kind, signed).map_err(|e| StoreError::Conflict(e.to_string()))
}

/// Lets an approved pass out; `signed` is the guard's confirmation that the pass was signed
/// (by the owner, or the applicant), recorded with the guard's name and the time.
pub(crate) fn release_in(
    tx: &Transaction<'_>,
    id: PassId,
    signed: bool,
    rec: &Recorded,
) -> Result<()> {
    let state = state_in(tx, id)?;
    check_release_at(&state, signed, rec.at)?;
    let PassState {
        kind, unit, number, ..
    } = state;
    tx.execute(
        "UPDATE item_passes SET status = 'released', guard_name = ?2, released_at = ?3,
             signed_checked_by_name = ?2, signed_checked_at = ?3 WHERE id = ?1",
        params![id.0, rec.by_name, time_text(rec.at)],
    )?;
    log_opt(
        tx,
        unit,
        rec,
        &format!(
            "{number} 已放行，值岗 {} 已核对{}签字",
            rec.by_name,
            kind.release_signer()
        ),
    )
}

pub(crate) fn void_in(
    tx: &Transaction<'_>,
    id: PassId,
    reason: &str,
    rec: &Recorded,
) -> Result<()> {
    let PassState {
        status,
        unit,
        number,
        ..
    } = state_in(tx, id)?;
    if !status.can_void() {
        return Err(StoreError::Conflict(format!(
            "{number} 当前是“{}”，不能作废",
            status.label()
        )));
    }
    if reason.trim().is_empty() {
        return Err(StoreError::Conflict("请写明作废原因".into()));
    }
    tx.execute(
        "UPDATE item_passes SET status = 'void', void_reason = ?2, voided_at = ?3 WHERE id = ?1",
        params![id.0, reason.trim(), time_text(rec.at)],
    )?;
    log_opt(
        tx,
        unit,
        rec,
        &format!("{number} 已作废：{}", reason.trim()),
    )
}

/// The building of a pass's unit (a public-property pass has none), for the actions bound to an
/// area.
fn building_of(conn: &Connection, unit: Option<UnitId>) -> Result<Option<u32>> {
    let Some(u) = unit else { return Ok(None) };
    optional(
        conn.query_row("SELECT building FROM units WHERE id = ?1", [u.0], |r| {
            r.get(0)
        }),
    )
}

/// A pass as the log names it.
fn pass_target(id: PassId, number: &str) -> Target {
    Target::new("pass", id.0, number)
}

/// The status a pass is in, for the log's before and after.
fn status_json(status: &str) -> serde_json::Value {
    serde_json::json!({ "状态": status })
}

impl Store {
    /// Records a new pass (待确认) and returns its number.
    pub fn add_item_pass(
        &mut self,
        pass: &ItemPass,
        rec: &Recorded,
    ) -> Result<(PassId, PassNumber)> {
        self.write(Action::PassRecord, None, rec, |tx, auth| {
            let (id, number) = insert_pass(tx, pass, &auth.rec)?;
            let entry = Entry::new(
                Action::PassRecord,
                "登记放行申请",
                pass_target(id, &number.to_string()),
            );
            Ok(((id, number), entry.change(None::<&ItemPass>, Some(pass))))
        })
    }

    /// The area service officer (or the supervisor) confirms the unit's fees are settled (not for
    /// public property). The sign-off is the signer's: the person signed in or the countersigner;
    /// `s` supplies only its time.
    pub fn sign_off_fees(&mut self, id: PassId, s: &FeesSignOff, rec: &Recorded) -> Result<()> {
        let state = state_in(self.conn(), id)?;
        // What the procedure refuses is said before anyone is asked to countersign.
        if !state.kind.needs_fees_sign_off() {
            return Err(StoreError::Conflict(
                ApprovalError::PublicNoSignOff.to_string(),
            ));
        }
        let building = building_of(self.conn(), state.unit)?;
        self.write(Action::PassFeesSignOff, building, rec, |tx, auth| {
            let signed = FeesSignOff {
                by_name: auth.rec.by_name.clone(),
                role: auth.signer_role().unwrap_or(s.role),
                at: s.at,
            };
            sign_off_in(tx, id, &signed, &auth.rec)?;
            let entry = Entry::new(
                Action::PassFeesSignOff,
                "费用结清确认签字",
                pass_target(id, &state.number),
            );
            Ok(((), entry.change(None::<&FeesSignOff>, Some(&signed))))
        })
    }

    /// Approves a pending pass under the approval rule; `override_` is the supervisor's for
    /// owed fees (主管特批), signed by the supervisor signed in or countersigning: its name and
    /// role are the signer's, `override_` supplies the reason.
    pub fn approve_pass(
        &mut self,
        id: PassId,
        override_: Option<&SupervisorOverride>,
        rec: &Recorded,
    ) -> Result<()> {
        let state = state_in(self.conn(), id)?;
        let action = if override_.is_some() {
            Action::PassOverride
        } else {
            Action::PassApprove
        };
        self.write(action, None, rec, |tx, auth| {
            let signed = override_.map(|o| SupervisorOverride {
                by_name: auth.rec.by_name.clone(),
                role: auth.signer_role().unwrap_or(o.role),
                reason: o.reason.clone(),
            });
            approve_in(tx, id, signed.as_ref(), &auth.rec)?;
            let what = if signed.is_some() {
                "欠费特批放行"
            } else {
                "批准放行"
            };
            let entry = Entry::new(action, what, pass_target(id, &state.number));
            let after = serde_json::json!({ "状态": "已批准", "特批": signed });
            Ok((
                (),
                entry.change(Some(&status_json(state.status.label())), Some(&after)),
            ))
        })
    }

    /// The guard signed in lets an approved pass out, on its planned day only, and only having
    /// confirmed (`signed`) that the owner (or the applicant) signed the pass.
    pub fn release_pass(&mut self, id: PassId, signed: bool, rec: &Recorded) -> Result<()> {
        let state = state_in(self.conn(), id)?;
        // What the procedure refuses is said before anyone is asked to countersign.
        check_release_at(&state, signed, rec.at)?;
        self.write(Action::PassRelease, None, rec, |tx, auth| {
            release_in(tx, id, signed, &auth.rec)?;
            let entry = Entry::new(
                Action::PassRelease,
                "门岗放行",
                pass_target(id, &state.number),
            );
            let after = serde_json::json!({ "状态": "已放行", "已核对签字": signed });
            Ok((
                (),
                entry.change(Some(&status_json(state.status.label())), Some(&after)),
            ))
        })
    }

    /// Voids a pass not yet let out.
    pub fn void_pass(&mut self, id: PassId, reason: &str, rec: &Recorded) -> Result<()> {
        let state = state_in(self.conn(), id)?;
        self.write(Action::PassVoid, None, rec, |tx, auth| {
            void_in(tx, id, reason, &auth.rec)?;
            let entry = Entry::new(
                Action::PassVoid,
                "作废放行条",
                pass_target(id, &state.number),
            );
            let after = serde_json::json!({ "状态": "已作废", "原因": reason.trim() });
            Ok((
                (),
                entry.change(Some(&status_json(state.status.label())), Some(&after)),
            ))
        })
    }
}
