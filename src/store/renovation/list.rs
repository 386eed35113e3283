//! Reading many renovations: the site list ([`Store::renovation_sites`]), today's patrol round
//! with the overdue and the re-checks due ([`Store::patrol_round`]), a month's patrols for the
//! 装修巡查记录表 ([`Store::patrols_in_month`]), and a file's phases and patrols.

use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::{Connection, params};
use serde::Serialize;

use super::head::{day_text, parse_day};
use super::read::{PatrolRecord, PhaseRecord, Rectification};
use crate::domain::renovation::{
    RenovationId, RenovationNumber, Stage, Violation, WorkKind, is_overdue,
};
use crate::domain::{Month, UnitAddress};
use crate::store::{Result, Store, StoreError, parse_time, time_text};

/// The longest site list the desk shows at once (newest first; open sites before closed).
pub const SITE_LIMIT: usize = 500;

/// What the site list shows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SiteFilter {
    /// Only this stage.
    pub stage: Option<Stage>,
    /// Only files still open (not refunded or cancelled).
    pub open_only: bool,
    /// Only this building.
    pub building: Option<u32>,
    /// Text in the number, the owner's name or the company; a unit as `5-1-0301`.
    pub text: String,
}

/// A line of the site list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SiteRow {
    /// Row id.
    pub id: RenovationId,
    /// `ZX-202611-0001`.
    pub number: RenovationNumber,
    /// The unit.
    pub address: UnitAddress,
    /// 业主.
    pub owner_name: String,
    /// 装修单位.
    pub company: String,
    /// Where it stands.
    pub stage: Stage,
    /// The phase running now.
    pub phase: Option<WorkKind>,
    /// 计划开工 / 完工.
    pub planned: (NaiveDate, NaiveDate),
    /// The next patrol's day while work runs.
    pub patrol_due: Option<NaiveDate>,
}

impl SiteRow {
    /// Whether its patrol is overdue on `today`.
    pub fn overdue(&self, today: NaiveDate) -> bool {
        self.patrol_due.is_some_and(|d| is_overdue(d, today))
    }
}

/// What a line of the round asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum RoundTask {
    /// The phase's patrol.
    Patrol,
    /// The re-check of 整改通知 number `seq`.
    Recheck {
        /// 第 N 号.
        seq: u32,
        /// Its violation.
        violation: Violation,
    },
}

/// A line of today's round (巡查): a site whose patrol or re-check is due today or overdue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RoundRow {
    /// The renovation.
    pub id: RenovationId,
    /// `ZX-202611-0001`.
    pub number: RenovationNumber,
    /// Its unit.
    pub unit: crate::domain::unit::UnitId,
    /// The unit's address.
    pub address: UnitAddress,
    /// 业主.
    pub owner_name: String,
    /// 装修单位.
    pub company: String,
    /// The phase running now.
    pub phase: Option<WorkKind>,
    /// Patrol or re-check.
    pub task: RoundTask,
    /// The day it is due.
    pub due: NaiveDate,
    /// Days overdue on the round's day (0 when due that day).
    pub days_late: i64,
}

/// A patrol in a month's 装修巡查记录表.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PatrolLogRow {
    /// The renovation's number.
    pub number: RenovationNumber,
    /// The unit.
    pub address: UnitAddress,
    /// The patrol.
    pub patrol: PatrolRecord,
}

fn corrupt(what: &str, v: &str) -> StoreError {
    StoreError::Corrupt(format!("{what} “{v}”"))
}

fn address(b: u32, e: u32, room: u32) -> Result<UnitAddress> {
    UnitAddress::new(b, e, room).map_err(|_| corrupt("房号", &format!("{b}-{e}-{room}")))
}

fn number(text: &str) -> Result<RenovationNumber> {
    RenovationNumber::parse(text).ok_or_else(|| corrupt("装修编号", text))
}

pub(super) fn phases_of(conn: &Connection, id: RenovationId) -> Result<Vec<PhaseRecord>> {
    let mut stmt = conn.prepare_cached(
        "SELECT kind, started_on, installation_day, ended_on, by_name FROM renovation_phases
         WHERE renovation_id = ?1 ORDER BY id",
    )?;
    let rows = stmt.query_map([id.0], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, Option<String>>(2)?,
            r.get::<_, Option<String>>(3)?,
            r.get::<_, String>(4)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (kind, start, install, end, by_name) = row?;
        out.push(PhaseRecord {
            kind: WorkKind::from_code(&kind).ok_or_else(|| corrupt("装修项目", &kind))?,
            started_on: parse_day(&start)?,
            installation_day: install.as_deref().map(parse_day).transpose()?,
            ended_on: end.as_deref().map(parse_day).transpose()?,
            by_name,
        });
    }
    Ok(out)
}

const PATROL_COLUMNS: &str = "p.at, p.by_name, ph.kind, p.findings, p.violation, p.notice_seq,
    p.recheck_on, p.rechecked_at, p.rechecked_by_name, p.recheck_passed, p.recheck_note";

type PatrolRaw = (
    (String, String, String, String),
    (Option<String>, Option<u32>, Option<String>),
    (Option<String>, Option<String>, Option<bool>, Option<String>),
);

fn patrol_raw(r: &rusqlite::Row<'_>, at: usize) -> rusqlite::Result<PatrolRaw> {
    Ok((
        (r.get(at)?, r.get(at + 1)?, r.get(at + 2)?, r.get(at + 3)?),
        (r.get(at + 4)?, r.get(at + 5)?, r.get(at + 6)?),
        (
            r.get(at + 7)?,
            r.get(at + 8)?,
            r.get(at + 9)?,
            r.get(at + 10)?,
        ),
    ))
}

fn patrol_from(raw: PatrolRaw) -> Result<PatrolRecord> {
    let ((at, by_name, kind, findings), (violation, seq, recheck_on), rechecked) = raw;
    let notice = match (violation, seq, recheck_on) {
        (Some(v), Some(seq), Some(on)) => Some(Rectification {
            seq,
            violation: Violation::from_code(&v).ok_or_else(|| corrupt("违规", &v))?,
            recheck_on: parse_day(&on)?,
            rechecked: match rechecked {
                (Some(at), by, Some(passed), note) => Some((
                    parse_time(&at)?,
                    by.unwrap_or_default(),
                    passed,
                    note.unwrap_or_default(),
                )),
                _ => None,
            },
        }),
        _ => None,
    };
    Ok(PatrolRecord {
        at: parse_time(&at)?,
        by_name,
        phase: WorkKind::from_code(&kind).ok_or_else(|| corrupt("装修项目", &kind))?,
        findings,
        notice,
    })
}

pub(super) fn patrols_of(conn: &Connection, id: RenovationId) -> Result<Vec<PatrolRecord>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {PATROL_COLUMNS} FROM renovation_patrols p
         JOIN renovation_phases ph ON ph.id = p.phase_id
         WHERE p.renovation_id = ?1 ORDER BY p.at, p.id"
    ))?;
    let rows = stmt.query_map([id.0], |r| patrol_raw(r, 0))?;
    let mut out = Vec::new();
    for row in rows {
        out.push(patrol_from(row?)?);
    }
    Ok(out)
}

impl Store {
    /// The site list (装修管理's list): open files first, then newest first, at most
    /// [`SITE_LIMIT`] rows.
    pub fn renovation_sites(&self, filter: &SiteFilter) -> Result<Vec<SiteRow>> {
        let mut clauses = vec!["1 = 1".to_string()];
        let mut args: Vec<rusqlite::types::Value> = Vec::new();
        if let Some(s) = filter.stage {
            args.push(s.code().to_string().into());
            clauses.push(format!("r.stage = ?{}", args.len()));
        }
        if filter.open_only {
            clauses.push("r.stage NOT IN ('refunded', 'cancelled')".into());
        }
        if let Some(b) = filter.building {
            args.push(i64::from(b).into());
            clauses.push(format!("u.building = ?{}", args.len()));
        }
        let text = crate::domain::normalize_digits(filter.text.trim());
        if !text.is_empty() {
            if let Ok(a) = UnitAddress::parse(&text) {
                args.push(i64::from(a.building).into());
                args.push(i64::from(a.entrance).into());
                args.push(i64::from(a.room).into());
                let n = args.len();
                clauses.push(format!(
                    "u.building = ?{} AND u.entrance = ?{} AND u.room = ?{n}",
                    n - 2,
                    n - 1
                ));
            } else {
                args.push(format!("%{}%", text.to_uppercase()).into());
                let n = args.len();
                clauses.push(format!(
                    "(r.number LIKE ?{n} OR r.owner_name LIKE ?{n} OR r.company LIKE ?{n})"
                ));
            }
        }
        let sql = format!(
            "SELECT r.id, r.number, u.building, u.entrance, u.room, r.owner_name, r.company,
                    r.stage, ph.kind, r.planned_start, r.planned_end, r.patrol_due
             FROM renovations r JOIN units u ON u.id = r.unit_id
             LEFT JOIN renovation_phases ph ON ph.renovation_id = r.id AND ph.ended_on IS NULL
             WHERE {}
             ORDER BY r.stage IN ('refunded', 'cancelled'), r.id DESC LIMIT {SITE_LIMIT}",
            clauses.join(" AND ")
        );
        let mut stmt = self.conn().prepare_cached(&sql)?;
        let rows = stmt.query_map(rusqlite::params_from_iter(args.iter()), |r| {
            Ok((
                (
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, u32>(2)?,
                    r.get::<_, u32>(3)?,
                    r.get::<_, u32>(4)?,
                    r.get::<_, String>(5)?,
                ),
                (
                    r.get::<_, String>(6)?,
                    r.get::<_, String>(7)?,
                    r.get::<_, Option<String>>(8)?,
                    r.get::<_, String>(9)?,
                    r.get::<_, String>(10)?,
                    r.get::<_, Option<String>>(11)?,
                ),
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let ((id, n, b, e, room, owner_name), (company, stage, kind, from, to, due)) = row?;
            out.push(SiteRow {
                id: RenovationId(id),
                number: number(&n)?,
                address: address(b, e, room)?,
                owner_name,
                company,
                stage: Stage::from_code(&stage).ok_or_else(|| corrupt("装修阶段", &stage))?,
                phase: kind.as_deref().and_then(WorkKind::from_code),
                planned: (parse_day(&from)?, parse_day(&to)?),
                patrol_due: due.as_deref().map(parse_day).transpose()?,
            });
        }
        Ok(out)
    }

    /// Today's round on `today`: every working site whose patrol is due that day or overdue,
    /// and every 整改通知 whose re-check is due or overdue; most overdue first.
    pub fn patrol_round(&self, today: NaiveDate) -> Result<Vec<RoundRow>> {
        let day = day_text(today);
        let mut out = Vec::new();
        let mut stmt = self.conn().prepare_cached(
            "SELECT r.id, r.number, r.unit_id, u.building, u.entrance, u.room, r.owner_name,
                    r.company, ph.kind, r.patrol_due, NULL, NULL
             FROM renovations r JOIN units u ON u.id = r.unit_id
             LEFT JOIN renovation_phases ph ON ph.renovation_id = r.id AND ph.ended_on IS NULL
             WHERE r.patrol_due IS NOT NULL AND r.patrol_due <= ?1
             UNION ALL
             SELECT r.id, r.number, r.unit_id, u.building, u.entrance, u.room, r.owner_name,
                    r.company, ph.kind, p.recheck_on, p.notice_seq, p.violation
             FROM renovation_patrols p JOIN renovations r ON r.id = p.renovation_id
             JOIN units u ON u.id = r.unit_id
             LEFT JOIN renovation_phases ph ON ph.renovation_id = r.id AND ph.ended_on IS NULL
             WHERE p.violation IS NOT NULL AND (p.recheck_passed IS NULL OR p.recheck_passed = 0)
               AND p.recheck_on <= ?1 AND r.stage NOT IN ('refunded', 'cancelled')",
        )?;
        let rows = stmt.query_map(params![day], |r| {
            Ok((
                (
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, i64>(2)?,
                    r.get::<_, u32>(3)?,
                    r.get::<_, u32>(4)?,
                    r.get::<_, u32>(5)?,
                ),
                (
                    r.get::<_, String>(6)?,
                    r.get::<_, String>(7)?,
                    r.get::<_, Option<String>>(8)?,
                    r.get::<_, String>(9)?,
                    r.get::<_, Option<u32>>(10)?,
                    r.get::<_, Option<String>>(11)?,
                ),
            ))
        })?;
        for row in rows {
            let ((id, n, unit, b, e, room), (owner_name, company, kind, due, seq, v)) = row?;
            let due = parse_day(&due)?;
            let task = match (seq, v) {
                (Some(seq), Some(v)) => RoundTask::Recheck {
                    seq,
                    violation: Violation::from_code(&v).ok_or_else(|| corrupt("违规", &v))?,
                },
                _ => RoundTask::Patrol,
            };
            out.push(RoundRow {
                id: RenovationId(id),
                number: number(&n)?,
                unit: crate::domain::unit::UnitId(unit),
                address: address(b, e, room)?,
                owner_name,
                company,
                phase: kind.as_deref().and_then(WorkKind::from_code),
                task,
                due,
                days_late: (today - due).num_days().max(0),
            });
        }
        out.sort_by(|a, b| {
            (
                a.due,
                a.address.building,
                a.address.entrance,
                a.address.room,
            )
                .cmp(&(
                    b.due,
                    b.address.building,
                    b.address.entrance,
                    b.address.room,
                ))
        });
        Ok(out)
    }

    /// The month's patrols, oldest first: the 装修巡查记录表.
    pub fn patrols_in_month(&self, month: Month) -> Result<Vec<PatrolLogRow>> {
        let from = month.first_day().and_time(chrono::NaiveTime::MIN);
        let to = month.next().first_day().and_time(chrono::NaiveTime::MIN);
        let mut stmt = self.conn().prepare_cached(&format!(
            "SELECT r.number, u.building, u.entrance, u.room, {PATROL_COLUMNS}
             FROM renovation_patrols p JOIN renovation_phases ph ON ph.id = p.phase_id
             JOIN renovations r ON r.id = p.renovation_id JOIN units u ON u.id = r.unit_id
             WHERE p.at >= ?1 AND p.at < ?2 ORDER BY p.at, p.id"
        ))?;
        let rows = stmt.query_map(params![time_text(from), time_text(to)], |r| {
            Ok((
                r.get::<_, String>(0)?,
                (
                    r.get::<_, u32>(1)?,
                    r.get::<_, u32>(2)?,
                    r.get::<_, u32>(3)?,
                ),
                patrol_raw(r, 4)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (n, (b, e, room), raw) = row?;
            out.push(PatrolLogRow {
                number: number(&n)?,
                address: address(b, e, room)?,
                patrol: patrol_from(raw)?,
            });
        }
        Ok(out)
    }

    /// A unit's renovations, newest first (for the register and the apply form).
    pub fn renovations_of_unit(
        &self,
        unit: crate::domain::unit::UnitId,
    ) -> Result<Vec<(RenovationId, RenovationNumber, Stage, NaiveDateTime)>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT id, number, stage, applied_at FROM renovations WHERE unit_id = ?1
             ORDER BY id DESC",
        )?;
        let rows = stmt.query_map([unit.0], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (id, n, stage, at) = row?;
            out.push((
                RenovationId(id),
                number(&n)?,
                Stage::from_code(&stage).ok_or_else(|| corrupt("装修阶段", &stage))?,
                parse_time(&at)?,
            ));
        }
        Ok(out)
    }
}
