//! Item-release passes (物品放行): numbering, the fees sign-off, approval, release and voiding.
//!
//! Each step is a function on a transaction so the desk's one-at-a-time writes and the demo's
//! bulk history go through the same checks.

use chrono::{Datelike, NaiveDate, NaiveDateTime};
use rusqlite::{Row, Transaction, params};

use super::{Result, Store, StoreError, parse_time, time_text};
use crate::domain::item_pass::{
    ApplicantKind, Arrears, DriverDoc, FeesSignOff, ItemPass, PassItem, PassNumber, PassReason,
    PassStatus, SupervisorOverride, Vehicle, check_approval,
};
use crate::domain::plate::Plate;
use crate::domain::staff::{Recorded, Role};
use crate::domain::unit::UnitId;
use crate::domain::{Mobile, UnitAddress};

/// The row id of a pass.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct PassId(pub i64);

/// Someone's name and when they acted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stamp {
    /// Who.
    pub name: String,
    /// When.
    pub at: NaiveDateTime,
}

/// A pass as stored, with everything that happened to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PassRecord {
    /// Row id.
    pub id: PassId,
    /// `FX-202611-0001`.
    pub number: PassNumber,
    /// The unit's row id, if any.
    pub unit_id: Option<UnitId>,
    /// The pass as applied for.
    pub pass: ItemPass,
    /// Where it is.
    pub status: PassStatus,
    /// The service officer's fees confirmation.
    pub fees: Option<FeesSignOff>,
    /// A supervisor's override of owed fees.
    pub override_: Option<SupervisorOverride>,
    /// Who approved it, when.
    pub approved: Option<Stamp>,
    /// The guard who let it out, when.
    pub released: Option<Stamp>,
    /// Why and when it was voided (the name is the reason).
    pub voided: Option<Stamp>,
    /// Who recorded it, when.
    pub recorded: Stamp,
}

/// A whole pass history at once, for the demo's bulk load.
#[derive(Debug, Clone)]
pub struct PassHistory {
    /// The pass.
    pub pass: ItemPass,
    /// Its recording.
    pub recorded: Recorded,
    /// The fees confirmation, if given.
    pub fees: Option<FeesSignOff>,
    /// Its approval, if approved.
    pub approved: Option<Recorded>,
    /// The guard's release, if let out.
    pub released: Option<Recorded>,
    /// Voided, with the reason.
    pub voided: Option<(String, Recorded)>,
}

const PASS_COLUMNS: &str = "p.id, p.number, p.unit_id, u.building, u.entrance, u.room, p.kind,
    p.applicant, p.phone, p.authorisation, p.certificate, p.reason, p.reason_note, p.plate,
    p.driver, p.driver_doc, p.planned, p.status, p.fees_by_name, p.fees_role, p.fees_at,
    p.override_by_name, p.override_reason, p.approved_by_name, p.approved_at, p.guard_name,
    p.released_at, p.void_reason, p.voided_at, p.recorded_by_name, p.recorded_at";

fn corrupt(what: &str, v: &str) -> StoreError {
    StoreError::Corrupt(format!("{what} “{v}”"))
}

fn stamp(name: Option<String>, at: Option<String>) -> Result<Option<Stamp>> {
    match (name, at) {
        (Some(name), Some(at)) => Ok(Some(Stamp {
            name,
            at: parse_time(&at)?,
        })),
        _ => Ok(None),
    }
}

/// Reads one row of [`PASS_COLUMNS`]; items are added by the caller.
fn from_row(r: &Row<'_>) -> rusqlite::Result<Result<PassRecord>> {
    let text = |i: &str| r.get::<_, String>(i);
    let opt = |i: &str| r.get::<_, Option<String>>(i);
    let raw = (
        (
            r.get::<_, i64>("id")?,
            text("number")?,
            r.get::<_, Option<i64>>("unit_id")?,
        ),
        (
            r.get::<_, Option<u32>>("building")?,
            r.get::<_, Option<u32>>("entrance")?,
            r.get::<_, Option<u32>>("room")?,
        ),
        (
            text("kind")?,
            text("applicant")?,
            text("phone")?,
            text("authorisation")?,
        ),
        (text("certificate")?, text("reason")?, text("reason_note")?),
        (
            opt("plate")?,
            opt("driver")?,
            opt("driver_doc")?,
            text("planned")?,
        ),
        (
            text("status")?,
            opt("fees_by_name")?,
            opt("fees_role")?,
            opt("fees_at")?,
        ),
        (opt("override_by_name")?, opt("override_reason")?),
        (
            opt("approved_by_name")?,
            opt("approved_at")?,
            opt("guard_name")?,
            opt("released_at")?,
        ),
        (
            opt("void_reason")?,
            opt("voided_at")?,
            text("recorded_by_name")?,
            text("recorded_at")?,
        ),
    );
    Ok((move || {
        let (
            (id, number, unit_id),
            (b, e, room),
            (kind, applicant, phone, authorisation),
            rest1,
            veh,
            st,
            ov,
            ar,
            vr,
        ) = raw;
        let (certificate, reason, reason_note) = rest1;
        let (plate, driver, driver_doc, planned) = veh;
        let (status, fees_by, fees_role, fees_at) = st;
        let (override_by, override_reason) = ov;
        let (approved_by, approved_at, guard, released_at) = ar;
        let (void_reason, voided_at, recorded_by, recorded_at) = vr;
        let unit = match (b, e, room) {
            (Some(b), Some(e), Some(r)) => Some(
                UnitAddress::new(b, e, r).map_err(|_| corrupt("房号", &format!("{b}-{e}-{r}")))?,
            ),
            _ => None,
        };
        let vehicle = match (plate, driver, driver_doc) {
            (Some(p), Some(d), Some(doc)) => Some(Vehicle {
                plate: Plate::parse(&p).map_err(|_| corrupt("车牌", &p))?,
                driver: d,
                driver_doc: DriverDoc::parse(&doc).map_err(|_| corrupt("证件号", "…"))?,
            }),
            _ => None,
        };
        let fees = match (fees_by, fees_role, fees_at) {
            (Some(by_name), Some(role), Some(at)) => Some(FeesSignOff {
                by_name,
                role: Role::from_code(&role).ok_or_else(|| corrupt("岗位", &role))?,
                at: parse_time(&at)?,
            }),
            _ => None,
        };
        Ok(PassRecord {
            id: PassId(id),
            number: PassNumber::parse(&number).ok_or_else(|| corrupt("放行条编号", &number))?,
            unit_id: unit_id.map(UnitId),
            pass: ItemPass {
                kind: ApplicantKind::from_code(&kind)
                    .ok_or_else(|| corrupt("申请人类型", &kind))?,
                unit,
                applicant,
                phone: Mobile::parse(&phone).map_err(|_| corrupt("电话", &phone))?,
                authorisation,
                certificate,
                items: Vec::new(),
                reason: PassReason::from_code(&reason).ok_or_else(|| corrupt("事由", &reason))?,
                reason_note,
                vehicle,
                planned: NaiveDate::parse_from_str(&planned, "%Y-%m-%d")
                    .map_err(|_| corrupt("放行日期", &planned))?,
            },
            status: PassStatus::from_code(&status).ok_or_else(|| corrupt("状态", &status))?,
            fees,
            override_: match (override_by, override_reason) {
                (Some(by_name), Some(reason)) => Some(SupervisorOverride {
                    by_name,
                    role: Role::Supervisor,
                    reason,
                }),
                _ => None,
            },
            approved: stamp(approved_by, approved_at)?,
            released: stamp(guard, released_at)?,
            voided: stamp(void_reason, voided_at)?,
            recorded: Stamp {
                name: recorded_by,
                at: parse_time(&recorded_at)?,
            },
        })
    })())
}

/// What the desk knows of a unit's arrears: `Unknown` until a fees tab answers this.
pub(crate) fn arrears_in(_conn: &rusqlite::Connection, _unit: Option<UnitId>) -> Result<Arrears> {
    Ok(Arrears::Unknown)
}

fn unit_id_of(tx: &Transaction<'_>, address: Option<UnitAddress>) -> Result<Option<UnitId>> {
    let Some(a) = address else { return Ok(None) };
    let id: Option<i64> = super::optional(tx.query_row(
        "SELECT id FROM units WHERE building = ?1 AND entrance = ?2 AND room = ?3",
        params![a.building, a.entrance, a.room],
        |r| r.get(0),
    ))?;
    super::found(id.map(UnitId), || {
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
             recorded_by, recorded_by_name, recorded_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, 'pending', ?14, ?15, ?16)",
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
        super::units::log(
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
    status: PassStatus,
    unit: Option<UnitId>,
    number: String,
    planned: String,
    fees: Option<FeesSignOff>,
}

/// The status, unit and fees sign-off of a pass, inside a transaction.
fn state_in(tx: &Transaction<'_>, id: PassId) -> Result<PassState> {
    let row = super::optional(tx.query_row(
        "SELECT status, unit_id, number, planned, fees_by_name, fees_role, fees_at FROM item_passes WHERE id = ?1",
        [id.0],
        |r| Ok((r.get::<_, String>(0)?, r.get::<_, Option<i64>>(1)?, r.get::<_, String>(2)?, r.get::<_, String>(3)?,
                r.get::<_, Option<String>>(4)?, r.get::<_, Option<String>>(5)?, r.get::<_, Option<String>>(6)?)),
    ))?;
    let (status, unit, number, planned, by, role, at) =
        super::found(row, || "找不到这张放行条".to_string())?;
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
        status,
        unit: unit.map(UnitId),
        number,
        planned,
        fees,
    })
}

fn log_opt(tx: &Transaction<'_>, unit: Option<UnitId>, rec: &Recorded, text: &str) -> Result<()> {
    match unit {
        Some(u) => super::units::log(tx, u, rec, "放行", text),
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
    if !matches!(s.role, Role::ServiceOfficer | Role::Supervisor) {
        return Err(StoreError::Conflict(format!(
            "费用结清须由客户服务员确认，{}不能确认",
            s.role.label()
        )));
    }
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
    check_approval(arrears, fees.as_ref(), o).map_err(|e| StoreError::Conflict(e.to_string()))?;
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
    let extra = o
        .map(|o| format!("（主管 {} 特批：{}）", o.by_name, o.reason.trim()))
        .unwrap_or_default();
    log_opt(tx, unit, rec, &format!("{number} 已批准{extra}"))
}

pub(crate) fn release_in(tx: &Transaction<'_>, id: PassId, rec: &Recorded) -> Result<()> {
    let PassState {
        status,
        unit,
        number,
        planned,
        ..
    } = state_in(tx, id)?;
    if status != PassStatus::Approved {
        return Err(StoreError::Conflict(format!(
            "{number} 当前是“{}”，只有已批准的放行条才能放行",
            status.label()
        )));
    }
    let day = rec.at.date().format("%Y-%m-%d").to_string();
    if day != planned {
        return Err(StoreError::Conflict(format!(
            "{number} 只在 {planned} 当天有效，今天不能放行；请重新开具"
        )));
    }
    tx.execute(
        "UPDATE item_passes SET status = 'released', guard_name = ?2, released_at = ?3 WHERE id = ?1",
        params![id.0, rec.by_name, time_text(rec.at)],
    )?;
    log_opt(
        tx,
        unit,
        rec,
        &format!("{number} 已放行，值岗 {}", rec.by_name),
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

impl Store {
    /// Records a new pass (待确认) and returns its number.
    pub fn add_item_pass(
        &mut self,
        pass: &ItemPass,
        rec: &Recorded,
    ) -> Result<(PassId, PassNumber)> {
        let tx = self.conn.transaction()?;
        let out = insert_pass(&tx, pass, rec)?;
        tx.commit()?;
        Ok(out)
    }

    /// The area service officer confirms the unit's fees are settled.
    pub fn sign_off_fees(&mut self, id: PassId, s: &FeesSignOff, rec: &Recorded) -> Result<()> {
        let tx = self.conn.transaction()?;
        sign_off_in(&tx, id, s, rec)?;
        Ok(tx.commit()?)
    }

    /// Approves a pending pass under the approval rule; `override_` is a supervisor's for owed fees.
    pub fn approve_pass(
        &mut self,
        id: PassId,
        override_: Option<&SupervisorOverride>,
        rec: &Recorded,
    ) -> Result<()> {
        let tx = self.conn.transaction()?;
        approve_in(&tx, id, override_, rec)?;
        Ok(tx.commit()?)
    }

    /// The guard (`rec`) lets an approved pass out, on its planned day only.
    pub fn release_pass(&mut self, id: PassId, rec: &Recorded) -> Result<()> {
        let tx = self.conn.transaction()?;
        release_in(&tx, id, rec)?;
        Ok(tx.commit()?)
    }

    /// Voids a pass not yet let out.
    pub fn void_pass(&mut self, id: PassId, reason: &str, rec: &Recorded) -> Result<()> {
        let tx = self.conn.transaction()?;
        void_in(&tx, id, reason, rec)?;
        Ok(tx.commit()?)
    }

    /// What is known of a unit's arrears (the seam for the fees tab; `Unknown` today).
    pub fn arrears_of(&self, unit: Option<UnitId>) -> Result<Arrears> {
        arrears_in(self.conn(), unit)
    }

    /// Loads many pass histories in one transaction (the demo estate).
    pub fn import_pass_histories(&mut self, histories: &[PassHistory]) -> Result<usize> {
        let tx = self.conn.transaction()?;
        for h in histories {
            let (id, _) = insert_pass(&tx, &h.pass, &h.recorded)?;
            if let Some(s) = &h.fees {
                sign_off_in(&tx, id, s, &h.recorded)?;
            }
            if let Some(a) = &h.approved {
                approve_in(&tx, id, None, a)?;
            }
            if let Some(r) = &h.released {
                release_in(&tx, id, r)?;
            }
            if let Some((reason, r)) = &h.voided {
                void_in(&tx, id, reason, r)?;
            }
        }
        tx.commit()?;
        Ok(histories.len())
    }

    fn passes_where(&self, clause: &str, args: impl rusqlite::Params) -> Result<Vec<PassRecord>> {
        let sql = format!(
            "SELECT {PASS_COLUMNS} FROM item_passes p LEFT JOIN units u ON u.id = p.unit_id {clause}"
        );
        let mut stmt = self.conn().prepare_cached(&sql)?;
        let rows = stmt.query_map(args, from_row)?;
        let mut out = Vec::new();
        for row in rows {
            out.push(row??);
        }
        let mut items = self.conn().prepare_cached(
            "SELECT name, quantity, note FROM item_pass_items WHERE pass_id = ?1 ORDER BY seq",
        )?;
        for p in &mut out {
            p.pass.items = items
                .query_map([p.id.0], |r| {
                    Ok(PassItem {
                        name: r.get(0)?,
                        quantity: r.get(1)?,
                        note: r.get(2)?,
                    })
                })?
                .collect::<rusqlite::Result<_>>()?;
        }
        Ok(out)
    }

    /// One pass.
    pub fn item_pass(&self, id: PassId) -> Result<PassRecord> {
        let rows = self.passes_where("WHERE p.id = ?1", [id.0])?;
        super::found(rows.into_iter().next(), || "找不到这张放行条".into())
    }

    /// The pass with this number.
    pub fn item_pass_by_number(&self, number: PassNumber) -> Result<PassRecord> {
        let rows = self.passes_where("WHERE p.number = ?1", [number.to_string()])?;
        super::found(rows.into_iter().next(), || {
            format!("没有编号为 {number} 的放行条")
        })
    }

    /// The newest passes, optionally only those in `status`, at most `limit`.
    pub fn item_passes(&self, status: Option<PassStatus>, limit: usize) -> Result<Vec<PassRecord>> {
        match status {
            Some(s) => self.passes_where(
                "WHERE p.status = ?1 ORDER BY p.number DESC LIMIT ?2",
                params![s.code(), limit as i64],
            ),
            None => self.passes_where("ORDER BY p.number DESC LIMIT ?1", [limit as i64]),
        }
    }

    /// The guard's list: approved passes valid on `day`.
    pub fn passes_for_gate(&self, day: NaiveDate) -> Result<Vec<PassRecord>> {
        self.passes_where(
            "WHERE p.planned = ?1 AND p.status = 'approved' ORDER BY p.number",
            [day.format("%Y-%m-%d").to_string()],
        )
    }

    /// Every pass numbered in a month, in number order: the month's 物品出入登记表.
    pub fn passes_of_month(&self, year: i32, month: u32) -> Result<Vec<PassRecord>> {
        let prefix = format!("FX-{}-", PassNumber::month_key(year, month));
        self.passes_where(
            "WHERE p.number >= ?1 AND p.number < ?2 ORDER BY p.number",
            params![prefix, format!("{prefix}~")],
        )
    }
}
