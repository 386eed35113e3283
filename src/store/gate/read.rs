//! Reading passes back: the list queries, one pass by id or number, and row mapping.

use chrono::NaiveDate;
use rusqlite::{Row, params};

use super::{PassId, PassRecord, Stamp, corrupt};
use crate::domain::item_pass::{
    ApplicantKind, Arrears, DriverDoc, FeesSignOff, ItemPass, PassItem, PassNumber, PassReason,
    PassStatus, SupervisorOverride, Vehicle,
};
use crate::domain::plate::Plate;
use crate::domain::staff::Role;
use crate::domain::unit::UnitId;
use crate::domain::{Mobile, Month, UnitAddress};
use crate::store::{Result, Store, found, parse_time};

const PASS_COLUMNS: &str = "p.id, p.number, p.unit_id, u.building, u.entrance, u.room, p.kind,
    p.applicant, p.phone, p.authorisation, p.certificate_issuer, p.certificate, p.reason, p.reason_note, p.plate,
    p.driver, p.driver_doc, p.planned, p.status, p.fees_by_name, p.fees_role, p.fees_at,
    p.override_by_name, p.override_reason, p.approved_by_name, p.approved_at, p.guard_name,
    p.released_at, p.signed_checked_by_name, p.signed_checked_at, p.void_reason, p.voided_at, p.recorded_by_name, p.recorded_at";

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
        (
            text("certificate_issuer")?,
            text("certificate")?,
            text("reason")?,
            text("reason_note")?,
        ),
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
        (opt("signed_checked_by_name")?, opt("signed_checked_at")?),
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
            sc,
            vr,
        ) = raw;
        let (certificate_issuer, certificate, reason, reason_note) = rest1;
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
                certificate_issuer,
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
            signature_checked: stamp(sc.0, sc.1)?,
            released: stamp(guard, released_at)?,
            voided: stamp(void_reason, voided_at)?,
            recorded: Stamp {
                name: recorded_by,
                at: parse_time(&recorded_at)?,
            },
        })
    })())
}

pub(crate) use crate::store::fees::arrears::arrears_in;

impl Store {
    /// What the unit owes, from its bill lines (the fees tab's answer to the pass).
    pub fn arrears_of(&self, unit: Option<UnitId>) -> Result<Arrears> {
        arrears_in(self.conn(), unit)
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
        found(rows.into_iter().next(), || "找不到这张放行条".into())
    }

    /// The pass with this number.
    pub fn item_pass_by_number(&self, number: PassNumber) -> Result<PassRecord> {
        let rows = self.passes_where("WHERE p.number = ?1", [number.to_string()])?;
        found(rows.into_iter().next(), || {
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
    pub fn passes_of_month(&self, month: Month) -> Result<Vec<PassRecord>> {
        let prefix = format!(
            "FX-{}-",
            PassNumber::month_key(month.year(), month.number())
        );
        self.passes_where(
            "WHERE p.number >= ?1 AND p.number < ?2 ORDER BY p.number",
            params![prefix, format!("{prefix}~")],
        )
    }
}

impl Store {
    /// Passes planned for `day` and neither released nor voided (waiting for the fees
    /// sign-off and approval, or for the guard), in number order.
    pub fn passes_to_release(&self, day: NaiveDate) -> Result<Vec<PassRecord>> {
        self.passes_where(
            "WHERE p.planned = ?1 AND p.status IN ('pending', 'approved') ORDER BY p.number",
            [day.format("%Y-%m-%d").to_string()],
        )
    }
}
