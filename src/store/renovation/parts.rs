//! The parts of a renovation's file read one table at a time: workers, papers, the second
//! inspection with its repair orders, the acceptances, the refund and the steps.

use rusqlite::{Connection, OptionalExtension};

use super::head::parse_day;
use super::read::{
    AcceptanceRecord, InspectionRepair, PaperReceived, RenovationStep, SecondInspectionRecord,
};
use crate::domain::fees::LineId;
use crate::domain::renovation::{
    AcceptanceRound, InspectionItem, Paper, RenovationId, Stage, Worker,
};
use crate::domain::repair::{RepairId, RepairState};
use crate::domain::{Mobile, ResidentId};
use crate::store::fees::RefundRecord;
use crate::store::{Result, StoreError, parse_time};

fn corrupt(what: &str, v: &str) -> StoreError {
    StoreError::Corrupt(format!("{what} “{v}”"))
}

pub(super) fn workers_of(conn: &Connection, id: RenovationId) -> Result<Vec<Worker>> {
    let mut stmt = conn.prepare_cached(
        "SELECT name, id_number, phone, trade FROM renovation_workers
         WHERE renovation_id = ?1 ORDER BY seq",
    )?;
    let rows = stmt.query_map([id.0], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, String>(3)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (name, id_number, phone, trade) = row?;
        out.push(Worker {
            id_number: ResidentId::parse(&id_number).map_err(|_| corrupt("身份证号", &name))?,
            phone: Mobile::parse(&phone).map_err(|_| corrupt("电话", &name))?,
            name,
            trade,
        });
    }
    Ok(out)
}

pub(super) fn papers_of(conn: &Connection, id: RenovationId) -> Result<Vec<PaperReceived>> {
    let mut stmt = conn.prepare_cached(
        "SELECT paper, received_on, by_name FROM renovation_papers WHERE renovation_id = ?1",
    )?;
    let rows = stmt.query_map([id.0], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (paper, on, by_name) = row?;
        out.push(PaperReceived {
            paper: Paper::from_code(&paper).ok_or_else(|| corrupt("资料", &paper))?,
            received_on: parse_day(&on)?,
            by_name,
        });
    }
    out.sort_by_key(|p| Paper::ALL.iter().position(|q| *q == p.paper));
    Ok(out)
}

pub(super) fn inspection_of(
    conn: &Connection,
    id: RenovationId,
) -> Result<Vec<SecondInspectionRecord>> {
    let mut stmt = conn.prepare_cached(
        "SELECT i.name, i.passed, i.note, i.repair_id, r.number, r.state, i.at, i.by_name
         FROM renovation_inspection_items i LEFT JOIN repairs r ON r.id = i.repair_id
         WHERE i.renovation_id = ?1 ORDER BY i.seq",
    )?;
    let rows = stmt.query_map([id.0], |r| {
        Ok((
            (
                r.get::<_, String>(0)?,
                r.get::<_, bool>(1)?,
                r.get::<_, String>(2)?,
            ),
            (
                r.get::<_, Option<i64>>(3)?,
                r.get::<_, Option<String>>(4)?,
                r.get::<_, Option<String>>(5)?,
            ),
            (r.get::<_, String>(6)?, r.get::<_, String>(7)?),
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let ((name, passed, note), link, (at, by_name)) = row?;
        let repair = match link {
            (Some(rid), Some(number), Some(state)) => Some(InspectionRepair {
                id: RepairId(rid),
                number,
                state: RepairState::from_code(&state).ok_or_else(|| corrupt("报修状态", &state))?,
            }),
            _ => None,
        };
        out.push(SecondInspectionRecord {
            item: InspectionItem { name, passed, note },
            repair,
            at: parse_time(&at)?,
            by_name,
        });
    }
    Ok(out)
}

pub(super) fn acceptances_of(conn: &Connection, id: RenovationId) -> Result<Vec<AcceptanceRecord>> {
    let mut stmt = conn.prepare_cached(
        "SELECT round, passed, findings, at, by_name FROM renovation_acceptances
         WHERE renovation_id = ?1 ORDER BY id",
    )?;
    let rows = stmt.query_map([id.0], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, bool>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, String>(3)?,
            r.get::<_, String>(4)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (round, passed, findings, at, by_name) = row?;
        out.push(AcceptanceRecord {
            round: AcceptanceRound::from_code(&round).ok_or_else(|| corrupt("验收", &round))?,
            passed,
            findings,
            at: parse_time(&at)?,
            by_name,
        });
    }
    Ok(out)
}

pub(super) fn refund_of(conn: &Connection, id: RenovationId) -> Result<Option<RefundRecord>> {
    let line: Option<i64> = conn
        .prepare_cached(
            "SELECT line_id FROM renovation_lines WHERE renovation_id = ?1 AND item_code = ?2",
        )?
        .query_row(
            rusqlite::params![id.0, crate::domain::renovation::DEPOSIT_ITEM],
            |r| r.get(0),
        )
        .optional()?;
    match line {
        Some(l) => crate::store::fees::refunds::refund_of_line(conn, LineId(l)),
        None => Ok(None),
    }
}

pub(super) fn steps_of(conn: &Connection, id: RenovationId) -> Result<Vec<RenovationStep>> {
    let mut stmt = conn.prepare_cached(
        "SELECT at, by_name, what, stage, note FROM renovation_steps
         WHERE renovation_id = ?1 ORDER BY id",
    )?;
    let rows = stmt.query_map([id.0], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, String>(3)?,
            r.get::<_, String>(4)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (at, by_name, what, stage, note) = row?;
        out.push(RenovationStep {
            at: parse_time(&at)?,
            by_name,
            what,
            stage: Stage::from_code(&stage).ok_or_else(|| corrupt("装修阶段", &stage))?,
            note,
        });
    }
    Ok(out)
}
