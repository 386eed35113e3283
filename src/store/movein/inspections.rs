//! Handover inspections inside a transaction: saving one with its checklist, readings and
//! defects, the gate before the second, and each defect's fate (a repair order in 报修管理, or
//! the owner's acceptance). Shared by the desk's writes and the bulk loader.

use rusqlite::{Connection, OptionalExtension, Transaction, params};

use super::write::{Head, open_head, record, unit_log};
use crate::domain::Mobile;
use crate::domain::date::table_datetime;
use crate::domain::movein::{
    DefectId, Inspection, MoveInId, MoveInStep, may_do, ready_for_inspection2,
};
use crate::domain::repair::{self, OrderNumber, RepairId};
use crate::domain::staff::Recorded;
use crate::store::{Result, StoreError, found, time_text};

/// Every defect of a case, with its repair order's state read live.
pub(super) fn defects_of(
    conn: &Connection,
    id: MoveInId,
) -> Result<Vec<super::read::DefectRecord>> {
    let mut stmt = conn.prepare_cached(
        "SELECT d.id, i.round, d.area, d.note, d.repair_id, r.number, r.state, d.accepted_at,
                d.accepted_by_name
         FROM move_in_defects d JOIN move_in_inspections i ON i.id = d.inspection_id
         LEFT JOIN repairs r ON r.id = d.repair_id
         WHERE i.move_in_id = ?1 ORDER BY i.round, d.id",
    )?;
    let rows = stmt.query_map([id.0], super::read::defect_from_row)?;
    let mut out = Vec::new();
    for row in rows {
        out.push(row??);
    }
    Ok(out)
}

/// Saves a handover inspection (the Inspection1 or Inspection2 step): its checklist and
/// readings, a defect for each failed item. The second waits for the first's defects.
pub(super) fn inspection_in(
    tx: &Transaction<'_>,
    id: MoveInId,
    inspection: &Inspection,
    rec: &Recorded,
) -> Result<Head> {
    let h = open_head(tx, id)?;
    inspection.check().map_err(StoreError::Conflict)?;
    let step = if inspection.round == 1 {
        MoveInStep::Inspection1
    } else {
        MoveInStep::Inspection2
    };
    may_do(step, &h.steps).map_err(StoreError::Conflict)?;
    if inspection.at > rec.at + chrono::Duration::minutes(1) {
        return Err(StoreError::Conflict(format!(
            "验收时间 {} 晚于现在，请核对",
            table_datetime(inspection.at)
        )));
    }
    if step == MoveInStep::Inspection2 {
        let defects: Vec<_> = defects_of(tx, id)?.iter().map(|d| d.defect()).collect();
        ready_for_inspection2(&defects).map_err(StoreError::Conflict)?;
    }
    let r = &inspection.readings;
    tx.prepare_cached(
        "INSERT INTO move_in_inspections (move_in_id, round, at, by_name, water, electricity, gas)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![
        id.0,
        inspection.round,
        time_text(inspection.at),
        inspection.by_name.trim(),
        r.water,
        r.electricity,
        r.gas
    ])?;
    let inspection_id = tx.last_insert_rowid();
    for (seq, item) in inspection.items.iter().enumerate() {
        tx.prepare_cached(
            "INSERT INTO move_in_checks (inspection_id, seq, area, ok, note)
             VALUES (?1, ?2, ?3, ?4, ?5)",
        )?
        .execute(params![
            inspection_id,
            seq as i64,
            item.area.trim(),
            item.ok,
            item.note.trim()
        ])?;
    }
    let mut failed = Vec::new();
    for item in inspection.failed() {
        tx.prepare_cached(
            "INSERT INTO move_in_defects (inspection_id, area, note) VALUES (?1, ?2, ?3)",
        )?
        .execute(params![inspection_id, item.area.trim(), item.note.trim()])?;
        failed.push(format!("{}（{}）", item.area.trim(), item.note.trim()));
    }
    let ok = inspection.items.len() - failed.len();
    let mut note = format!("{} 项，合格 {ok} 项", inspection.items.len());
    if !failed.is_empty() {
        note.push_str(&format!("，问题：{}", failed.join("、")));
    }
    let readings: Vec<String> = [
        ("水表", r.water),
        ("电表", r.electricity),
        ("燃气表", r.gas),
    ]
    .into_iter()
    .filter_map(|(n, v)| v.map(|v| format!("{n} {v}")))
    .collect();
    if !readings.is_empty() {
        note.push_str(&format!("；{}", readings.join("，")));
    }
    note.push_str(&format!("；验收人 {}", inspection.by_name.trim()));
    record(tx, id, &h, step, None, &note, rec)?;
    Ok(h)
}

/// A defect's case, area, note, repair and acceptance.
struct DefectHead {
    case: MoveInId,
    round: u8,
    area: String,
    note: String,
    repair: Option<i64>,
    accepted: bool,
}

fn defect_head(conn: &Connection, id: DefectId) -> Result<DefectHead> {
    let row = conn
        .prepare_cached(
            "SELECT i.move_in_id, i.round, d.area, d.note, d.repair_id, d.accepted_at IS NOT NULL
             FROM move_in_defects d JOIN move_in_inspections i ON i.id = d.inspection_id
             WHERE d.id = ?1",
        )?
        .query_row([id.0], |r| {
            Ok(DefectHead {
                case: MoveInId(r.get(0)?),
                round: r.get(1)?,
                area: r.get(2)?,
                note: r.get(3)?,
                repair: r.get(4)?,
                accepted: r.get(5)?,
            })
        })
        .optional()?;
    found(row, || "找不到这条验收问题，可能已被删除".to_string())
}

/// The case a defect belongs to.
pub(super) fn case_of_defect(conn: &Connection, id: DefectId) -> Result<MoveInId> {
    Ok(defect_head(conn, id)?.case)
}

/// Turns a defect into a repair order in 报修管理 (category `category`), linked; the owner is
/// the reporter. Returns the case's head and the order.
pub(super) fn defect_to_repair_in(
    tx: &Transaction<'_>,
    defect: DefectId,
    category: &str,
    rec: &Recorded,
) -> Result<(Head, RepairId, OrderNumber)> {
    let d = defect_head(tx, defect)?;
    let h = open_head(tx, d.case)?;
    if d.repair.is_some() {
        return Err(StoreError::Conflict(format!(
            "“{}”的问题已经转过报修，请在报修管理中查看",
            d.area
        )));
    }
    if d.accepted {
        return Err(StoreError::Conflict(format!(
            "业主已确认接受“{}”的现状，不需要再报修",
            d.area
        )));
    }
    let phone: Option<String> = match h.person {
        Some(p) => tx
            .prepare_cached("SELECT phone FROM people WHERE id = ?1")?
            .query_row([p], |r| r.get(0))
            .optional()?
            .flatten(),
        None => None,
    };
    let intake = repair::Intake {
        place: repair::Place::Unit {
            id: h.unit,
            address: h.address,
        },
        reporter: h.owner_name.clone(),
        phone: phone.as_deref().and_then(|p| Mobile::parse(p).ok()),
        channel: repair::Channel::Visit,
        category: category.to_string(),
        description: format!("接房验收{}：{}，{}", d.round, d.area, d.note),
        appointment: rec.at,
        chargeable: false,
        quote: String::new(),
        quote_amount: crate::domain::Fen(0),
    };
    let (repair, number) = crate::store::repairs::insert_intake(tx, &intake, rec)?;
    tx.execute(
        "UPDATE move_in_defects SET repair_id = ?2 WHERE id = ?1",
        params![defect.0, repair.0],
    )?;
    unit_log(
        tx,
        &h,
        rec,
        &format!(
            "接房验收{}问题 {}（{}）转报修 {number}",
            d.round, d.area, d.note
        ),
    )?;
    Ok((h, repair, number))
}

/// The owner accepts a defect as it is (signed on the 房屋验收交接表).
pub(super) fn accept_in(tx: &Transaction<'_>, defect: DefectId, rec: &Recorded) -> Result<Head> {
    let d = defect_head(tx, defect)?;
    let h = open_head(tx, d.case)?;
    if d.accepted {
        return Err(StoreError::Conflict(format!(
            "业主已经确认接受过“{}”的现状",
            d.area
        )));
    }
    tx.execute(
        "UPDATE move_in_defects SET accepted_at = ?2, accepted_by_name = ?3 WHERE id = ?1",
        params![defect.0, time_text(rec.at), rec.by_name],
    )?;
    unit_log(
        tx,
        &h,
        rec,
        &format!(
            "业主 {} 确认接受接房验收{}问题 {}（{}）的现状",
            h.owner_name, d.round, d.area, d.note
        ),
    )?;
    Ok(h)
}
