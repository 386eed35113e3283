//! Reading move-in cases: one case in full (its steps, items, inspections with their defects
//! and the repair orders they became, and the fees tab's answers read live), a unit's latest
//! case, the building board and the day's schedule.

use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::{OptionalExtension, Row, params};

use super::inspections::defects_of;
use super::write::steps_of;
use crate::domain::movein::{
    Agreements, CheckItem, Defect, DefectId, Finish, Inspection, ItemHanded, MoveInId, MoveInState,
    MoveInStep, Readings, StepDone, may_do, next_step, ready_for_inspection2,
};
use crate::domain::repair::{OrderNumber, RepairId, RepairState};
use crate::domain::unit::{UnitId, UnitStatus};
use crate::domain::{Fen, UnitAddress};
use crate::store::{Result, Store, StoreError, parse_time};

/// A defect as stored, with its repair order's number and state read live.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DefectRecord {
    /// Row id (for 转报修 and 业主接受).
    pub id: DefectId,
    /// Which inspection found it.
    pub round: u8,
    /// The area.
    pub area: String,
    /// What is wrong.
    pub note: String,
    /// The repair order it became.
    pub repair: Option<RepairId>,
    /// That order's number.
    pub repair_number: Option<OrderNumber>,
    /// That order's state now.
    pub repair_state: Option<RepairState>,
    /// When the owner accepted it as it is.
    pub accepted_at: Option<NaiveDateTime>,
    /// Who recorded the acceptance.
    pub accepted_by_name: String,
}

impl DefectRecord {
    /// Its repair order is done (完工, 回访 or 关闭).
    pub fn fixed(&self) -> bool {
        matches!(
            self.repair_state,
            Some(RepairState::Completed | RepairState::CalledBack | RepairState::Closed)
        )
    }

    /// The domain's view of it, for the rules.
    pub fn defect(&self) -> Defect {
        Defect {
            round: self.round,
            area: self.area.clone(),
            note: self.note.clone(),
            repair: self.repair,
            fixed: self.fixed(),
            accepted_by_owner: self.accepted_at.is_some(),
        }
    }

    /// Where it stands, as the desk and the 交接表 say it: `已转报修 BX-…（已完工）`,
    /// `业主接受现状`, `待处理`.
    pub fn status_text(&self) -> String {
        if self.accepted_at.is_some() {
            return "业主接受现状".into();
        }
        match (&self.repair_number, self.repair_state) {
            (Some(n), Some(s)) => format!("报修 {n}（{}）", s.label()),
            (Some(n), None) => format!("报修 {n}"),
            _ => "待处理".into(),
        }
    }
}

pub(super) fn defect_from_row(r: &Row<'_>) -> rusqlite::Result<Result<DefectRecord>> {
    let number: Option<String> = r.get(5)?;
    let state: Option<String> = r.get(6)?;
    let accepted: Option<String> = r.get(7)?;
    let id = DefectId(r.get(0)?);
    let round: u8 = r.get(1)?;
    let area: String = r.get(2)?;
    let note: String = r.get(3)?;
    let repair: Option<i64> = r.get(4)?;
    let accepted_by_name: String = r.get(8)?;
    Ok((|| {
        Ok(DefectRecord {
            id,
            round,
            area,
            note,
            repair: repair.map(RepairId),
            repair_number: number
                .map(|n| {
                    OrderNumber::parse(&n)
                        .ok_or_else(|| StoreError::Corrupt(format!("报修单号 {n}")))
                })
                .transpose()?,
            repair_state: state
                .map(|s| {
                    RepairState::from_code(&s)
                        .ok_or_else(|| StoreError::Corrupt(format!("报修状态 {s}")))
                })
                .transpose()?,
            accepted_at: accepted.as_deref().map(parse_time).transpose()?,
            accepted_by_name,
        })
    })())
}

/// A handover inspection as stored, with the defects it found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HandoverInspection {
    /// The inspection.
    pub inspection: Inspection,
    /// The defects it found.
    pub defects: Vec<DefectRecord>,
}

/// A move-in case in full.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MoveInRecord {
    /// Row id.
    pub id: MoveInId,
    /// The unit.
    pub unit: UnitId,
    /// Its address.
    pub address: UnitAddress,
    /// The unit's status now.
    pub unit_status: UnitStatus,
    /// The owner's name.
    pub owner_name: String,
    /// The owner's register record, once linked (业主档案).
    pub person: Option<i64>,
    /// 入伙通知书编号.
    pub notice_no: String,
    /// When the owner was booked at the desk.
    pub scheduled_at: Option<NaiveDateTime>,
    /// When the case was opened, and by whom.
    pub opened_at: NaiveDateTime,
    /// Who opened it.
    pub opened_by_name: String,
    /// Where the case is.
    pub state: MoveInState,
    /// Steps done or skipped, in procedure order.
    pub steps: Vec<StepDone>,
    /// The agreements' signed dates.
    pub agreements: Option<Agreements>,
    /// Items handed over.
    pub items: Vec<ItemHanded>,
    /// The handover inspections, 1 then 2.
    pub inspections: Vec<HandoverInspection>,
    /// How it ended.
    pub finish: Option<Finish>,
    /// The fees tab has an active bank agreement for the unit (read now).
    pub bank_agreement: bool,
    /// What the unit owes in the fees tab (read now).
    pub owed: Fen,
}

impl MoveInRecord {
    /// The step to take next; `None` once finished.
    pub fn next_step(&self) -> Option<MoveInStep> {
        next_step(&self.steps)
    }

    /// The step's record, if done or skipped.
    pub fn done(&self, step: MoveInStep) -> Option<&StepDone> {
        self.steps.iter().find(|d| d.step == step)
    }

    /// Whether `step` may be taken now (the domain's order rule), with the reason if not.
    pub fn may(&self, step: MoveInStep) -> std::result::Result<(), String> {
        if self.state != MoveInState::Open {
            return Err("入住已经办完".into());
        }
        may_do(step, &self.steps)
    }

    /// Every defect of both inspections.
    pub fn defects(&self) -> Vec<&DefectRecord> {
        self.inspections.iter().flat_map(|i| &i.defects).collect()
    }

    /// Defects neither fixed nor accepted.
    pub fn open_defects(&self) -> usize {
        self.defects()
            .iter()
            .filter(|d| !d.defect().settled())
            .count()
    }

    /// Whether inspection 2 may take place (inspection 1's defects all settled).
    pub fn ready_for_inspection2(&self) -> std::result::Result<(), String> {
        let defects: Vec<Defect> = self.defects().iter().map(|d| d.defect()).collect();
        ready_for_inspection2(&defects)
    }

    /// Inspection `round`, if done.
    pub fn inspection(&self, round: u8) -> Option<&HandoverInspection> {
        self.inspections
            .iter()
            .find(|i| i.inspection.round == round)
    }
}

/// One line of the building board or the day's schedule: a unit and where its case is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MoveInRow {
    /// The unit.
    pub unit: UnitId,
    /// Its address.
    pub address: UnitAddress,
    /// The unit's status.
    pub unit_status: UnitStatus,
    /// Its latest case, if any.
    pub case: Option<MoveInId>,
    /// The case's owner.
    pub owner_name: String,
    /// The case's state.
    pub state: Option<MoveInState>,
    /// The step the case is at (open cases only).
    pub step: Option<MoveInStep>,
    /// When the owner is booked.
    pub scheduled_at: Option<NaiveDateTime>,
    /// Defects neither fixed nor accepted.
    pub open_defects: i64,
}

fn date(text: Option<String>) -> Result<Option<NaiveDate>> {
    text.map(|t| {
        NaiveDate::parse_from_str(&t, "%Y-%m-%d")
            .map_err(|_| StoreError::Corrupt(format!("日期 “{t}”")))
    })
    .transpose()
}

fn opt_time(text: Option<String>) -> Result<Option<NaiveDateTime>> {
    text.as_deref().map(parse_time).transpose()
}

const ROW_SQL: &str = "
SELECT u.id, u.building, u.entrance, u.room, u.status, m.id, m.owner_name, m.state,
       m.scheduled_at,
       (SELECT group_concat(s.step) FROM move_in_steps s WHERE s.move_in_id = m.id),
       (SELECT count(*) FROM move_in_defects d
            JOIN move_in_inspections i ON i.id = d.inspection_id
            LEFT JOIN repairs r ON r.id = d.repair_id
        WHERE i.move_in_id = m.id AND d.accepted_at IS NULL
          AND (r.state IS NULL OR r.state NOT IN ('completed', 'called_back', 'closed')))";

fn board_row(r: &Row<'_>) -> rusqlite::Result<Result<MoveInRow>> {
    let (b, e, room): (u32, u32, u32) = (r.get(1)?, r.get(2)?, r.get(3)?);
    let status: String = r.get(4)?;
    let case: Option<i64> = r.get(5)?;
    let owner_name: Option<String> = r.get(6)?;
    let state: Option<String> = r.get(7)?;
    let scheduled: Option<String> = r.get(8)?;
    let steps: Option<String> = r.get(9)?;
    let open_defects: i64 = r.get(10)?;
    let unit = UnitId(r.get(0)?);
    Ok((|| {
        let state = state
            .map(|s| {
                MoveInState::from_code(&s)
                    .ok_or_else(|| StoreError::Corrupt(format!("入住状态 “{s}”")))
            })
            .transpose()?;
        let done: Vec<MoveInStep> = steps
            .unwrap_or_default()
            .split(',')
            .filter_map(MoveInStep::from_code)
            .collect();
        let step = match state {
            Some(MoveInState::Open) => MoveInStep::ALL.iter().copied().find(|s| !done.contains(s)),
            _ => None,
        };
        Ok(MoveInRow {
            unit,
            address: UnitAddress::new(b, e, room)
                .map_err(|_| StoreError::Corrupt(format!("房号 {b}-{e}-{room}")))?,
            unit_status: UnitStatus::from_code(&status)
                .ok_or_else(|| StoreError::Corrupt(format!("房屋状态 “{status}”")))?,
            case: case.map(MoveInId),
            owner_name: owner_name.unwrap_or_default(),
            state,
            step,
            scheduled_at: opt_time(scheduled)?,
            open_defects,
        })
    })())
}

/// The case's own columns, as read.
struct CaseRow {
    unit: i64,
    owner_name: String,
    person: Option<i64>,
    notice_no: String,
    scheduled_at: Option<String>,
    opened_at: String,
    opened_by_name: String,
    state: String,
    service_signed: Option<String>,
    rules_signed: Option<String>,
    moved_in: Option<String>,
}

impl Store {
    /// One case in full, with the fees tab's answers read now.
    pub fn move_in(&self, id: MoveInId) -> Result<MoveInRecord> {
        let conn = self.conn();
        let row = conn
            .prepare_cached(
                "SELECT unit_id, owner_name, person_id, notice_no, scheduled_at, opened_at,
                        opened_by_name, state, service_signed, rules_signed, moved_in
                 FROM move_ins WHERE id = ?1",
            )?
            .query_row([id.0], |r| {
                Ok(CaseRow {
                    unit: r.get(0)?,
                    owner_name: r.get(1)?,
                    person: r.get(2)?,
                    notice_no: r.get(3)?,
                    scheduled_at: r.get(4)?,
                    opened_at: r.get(5)?,
                    opened_by_name: r.get(6)?,
                    state: r.get(7)?,
                    service_signed: r.get(8)?,
                    rules_signed: r.get(9)?,
                    moved_in: r.get(10)?,
                })
            })
            .optional()?;
        let c = crate::store::found(row, || "找不到这条入住记录，可能已被删除".to_string())?;
        let unit = UnitId(c.unit);
        let unit_record = self.unit(unit)?;
        let state = MoveInState::from_code(&c.state)
            .ok_or_else(|| StoreError::Corrupt(format!("入住状态 “{}”", c.state)))?;
        let agreements = match (date(c.service_signed)?, date(c.rules_signed)?) {
            (Some(service_signed), Some(rules_signed)) => Some(Agreements {
                service_signed,
                rules_signed,
            }),
            _ => None,
        };
        let finish = date(c.moved_in)?.map(|moved_in| Finish {
            moved_in,
            renovating: state == MoveInState::Renovating,
        });
        let items = {
            let mut stmt = conn.prepare_cached(
                "SELECT name, qty FROM move_in_items WHERE move_in_id = ?1 ORDER BY seq",
            )?;
            let rows = stmt.query_map([id.0], |r| {
                Ok(ItemHanded {
                    name: r.get(0)?,
                    qty: r.get(1)?,
                })
            })?;
            rows.collect::<rusqlite::Result<Vec<_>>>()?
        };
        let mut defects = defects_of(conn, id)?;
        let mut inspections = Vec::new();
        type InspectionRow = (
            i64,
            u8,
            String,
            String,
            Option<i64>,
            Option<i64>,
            Option<i64>,
        );
        let heads: Vec<InspectionRow> = {
            let mut stmt = conn.prepare_cached(
                "SELECT id, round, at, by_name, water, electricity, gas
                 FROM move_in_inspections WHERE move_in_id = ?1 ORDER BY round",
            )?;
            let rows = stmt.query_map([id.0], |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                    r.get(6)?,
                ))
            })?;
            rows.collect::<rusqlite::Result<Vec<_>>>()?
        };
        for (inspection_id, round, at, by_name, water, electricity, gas) in heads {
            let mut stmt = conn.prepare_cached(
                "SELECT area, ok, note FROM move_in_checks WHERE inspection_id = ?1 ORDER BY seq",
            )?;
            let items = stmt
                .query_map([inspection_id], |r| {
                    Ok(CheckItem {
                        area: r.get(0)?,
                        ok: r.get(1)?,
                        note: r.get(2)?,
                    })
                })?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            let (mine, rest): (Vec<_>, Vec<_>) =
                defects.into_iter().partition(|d| d.round == round);
            defects = rest;
            inspections.push(HandoverInspection {
                inspection: Inspection {
                    round,
                    at: parse_time(&at)?,
                    items,
                    readings: Readings {
                        water,
                        electricity,
                        gas,
                    },
                    by_name,
                },
                defects: mine,
            });
        }
        Ok(MoveInRecord {
            id,
            unit,
            address: unit_record.unit.address,
            unit_status: unit_record.unit.status,
            owner_name: c.owner_name,
            person: c.person,
            notice_no: c.notice_no,
            scheduled_at: opt_time(c.scheduled_at)?,
            opened_at: parse_time(&c.opened_at)?,
            opened_by_name: c.opened_by_name,
            state,
            steps: steps_of(conn, id)?,
            agreements,
            items,
            inspections,
            finish,
            bank_agreement: crate::store::fees::bank::active_in(conn, unit)?.is_some(),
            owed: crate::store::fees::owed_in(conn, unit)?,
        })
    }

    /// The unit's latest case (open or finished), if any.
    pub fn move_in_of_unit(&self, unit: UnitId) -> Result<Option<MoveInRecord>> {
        let id: Option<i64> = self
            .conn()
            .prepare_cached("SELECT max(id) FROM move_ins WHERE unit_id = ?1")?
            .query_row([unit.0], |r| r.get(0))?;
        id.map(|id| self.move_in(MoveInId(id))).transpose()
    }

    /// The building's units (every unit when `building` is `None`), each with its latest case
    /// and the step it is at; with `step`, only the open cases at that step.
    pub fn move_in_board(
        &self,
        building: Option<u32>,
        step: Option<MoveInStep>,
    ) -> Result<Vec<MoveInRow>> {
        let mut stmt = self.conn().prepare_cached(&format!(
            "{ROW_SQL}
             FROM units u
             LEFT JOIN move_ins m ON m.id = (SELECT max(id) FROM move_ins WHERE unit_id = u.id)
             WHERE ?1 IS NULL OR u.building = ?1
             ORDER BY u.building, u.entrance, u.room"
        ))?;
        let rows = stmt.query_map(params![building], board_row)?;
        let mut out = Vec::new();
        for row in rows {
            let row = row??;
            if step.is_none() || row.step == step {
                out.push(row);
            }
        }
        Ok(out)
    }

    /// The cases booked on `day`, by time.
    pub fn move_in_schedule(&self, day: NaiveDate) -> Result<Vec<MoveInRow>> {
        let from = day.and_hms_opt(0, 0, 0).unwrap_or_default();
        let to = from + chrono::Duration::days(1);
        let mut stmt = self.conn().prepare_cached(&format!(
            "{ROW_SQL}
             FROM move_ins m JOIN units u ON u.id = m.unit_id
             WHERE m.scheduled_at >= ?1 AND m.scheduled_at < ?2
             ORDER BY m.scheduled_at, u.building, u.entrance, u.room"
        ))?;
        let rows = stmt.query_map(
            params![crate::store::time_text(from), crate::store::time_text(to)],
            board_row,
        )?;
        let mut out = Vec::new();
        for row in rows {
            out.push(row??);
        }
        Ok(out)
    }
}
