//! One renovation in full ([`RenovationFile`]): the application, contractor and workers, the
//! papers, the second inspection with its repair orders read live, the bill lines and whether
//! paid, the permit, the phases, the patrols with their 整改通知, the acceptances, the refund and
//! every step with who and when.

use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::{Connection, OptionalExtension};
use serde::Serialize;

use super::apply::lines_of;
use super::head::parse_day;
use super::parts;
use crate::domain::fees::LineId;
use crate::domain::renovation::{
    AcceptanceRound, Contractor, InspectionItem, Paper, RenovationId, RenovationNumber, Stage,
    Violation, WorkKind, Worker,
};
use crate::domain::repair::{RepairId, RepairState};
use crate::domain::unit::{UnitId, UnitStatus};
use crate::domain::{Fen, Mobile, UnitAddress};
use crate::store::fees::RefundRecord;
use crate::store::{Result, Store, StoreError, found, parse_time};

/// A step of the file, as the desk recorded it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RenovationStep {
    /// When.
    pub at: NaiveDateTime,
    /// Who (`刘洋（经办：张敏）` when countersigned).
    pub by_name: String,
    /// What (`二次验房`, `发放装修许可证` …).
    pub what: String,
    /// The stage after it.
    pub stage: Stage,
    /// Its details.
    pub note: String,
}

/// A paper received.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PaperReceived {
    /// Which.
    pub paper: Paper,
    /// When it was handed in.
    pub received_on: NaiveDate,
    /// Who took it.
    pub by_name: String,
}

/// A repair order opened by the second inspection, with its state read live from 报修管理.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct InspectionRepair {
    /// The order's row.
    pub id: RepairId,
    /// `WX-202611-0008`.
    pub number: String,
    /// Where it is in 报修管理.
    pub state: RepairState,
}

/// One item of the second inspection as recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SecondInspectionRecord {
    /// The item, its result and note.
    pub item: InspectionItem,
    /// The repair order a failure opened.
    pub repair: Option<InspectionRepair>,
    /// When inspected.
    pub at: NaiveDateTime,
    /// By whom.
    pub by_name: String,
}

/// A line the renovation put on the unit's fee account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RenovationLine {
    /// The bill line.
    pub line: LineId,
    /// `ZXBZJ`, `ZXGLF`, `ZXLJF`.
    pub item_code: String,
    /// `装修保证金` ….
    pub item_name: String,
    /// The amount billed.
    pub amount: Fen,
    /// Whether a valid receipt paid it.
    pub paid: bool,
}

/// A phase of the work.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PhaseRecord {
    /// The kind of work.
    pub kind: WorkKind,
    /// First day.
    pub started_on: NaiveDate,
    /// The installation day (installations only).
    pub installation_day: Option<NaiveDate>,
    /// The day the next phase (or the finish) took over; `None` while it runs.
    pub ended_on: Option<NaiveDate>,
    /// Who recorded it.
    pub by_name: String,
}

/// A 整改通知 of a patrol: its number in the renovation, re-check date and result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Rectification {
    /// 第 N 号 (1, 2, … per renovation).
    pub seq: u32,
    /// The violation.
    pub violation: Violation,
    /// 复查日期 (the latest set).
    pub recheck_on: NaiveDate,
    /// The latest re-check: when, by whom, rectified or not, what was said.
    pub rechecked: Option<(NaiveDateTime, String, bool, String)>,
}

impl Rectification {
    /// Whether it was re-checked as rectified.
    pub fn closed(&self) -> bool {
        matches!(self.rechecked, Some((_, _, true, _)))
    }
}

/// A patrol as recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PatrolRecord {
    /// When.
    pub at: NaiveDateTime,
    /// Who patrolled.
    pub by_name: String,
    /// The phase patrolled.
    pub phase: WorkKind,
    /// 巡查情况.
    pub findings: String,
    /// The 整改通知, when a violation was found.
    pub notice: Option<Rectification>,
}

/// 初验 or 复验 as recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AcceptanceRecord {
    /// Which.
    pub round: AcceptanceRound,
    /// Passed or not.
    pub passed: bool,
    /// What was found.
    pub findings: String,
    /// When.
    pub at: NaiveDateTime,
    /// By whom.
    pub by_name: String,
}

/// Everything about one renovation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RenovationFile {
    /// Row id.
    pub id: RenovationId,
    /// `ZX-202611-0001`.
    pub number: RenovationNumber,
    /// The unit.
    pub unit: UnitId,
    /// Its address.
    pub address: UnitAddress,
    /// 业主.
    pub owner_name: String,
    /// The owner's row in the register.
    pub person: Option<i64>,
    /// The owner's phone (masked when shown).
    pub owner_phone: Option<Mobile>,
    /// 装修单位.
    pub contractor: Contractor,
    /// 施工人员 (ID numbers and phones masked when shown).
    pub workers: Vec<Worker>,
    /// 计划开工.
    pub planned_start: NaiveDate,
    /// 计划完工.
    pub planned_end: NaiveDate,
    /// 装修项目.
    pub kinds: Vec<WorkKind>,
    /// 备注.
    pub note: String,
    /// Where it stands.
    pub stage: Stage,
    /// When applied, and by whom (recorded).
    pub applied_at: NaiveDateTime,
    /// Who recorded the application.
    pub applied_by: String,
    /// Papers received.
    pub papers: Vec<PaperReceived>,
    /// The second inspection's items.
    pub inspection: Vec<SecondInspectionRecord>,
    /// The bill lines.
    pub lines: Vec<RenovationLine>,
    /// When the permit was issued.
    pub permit_at: Option<NaiveDateTime>,
    /// The unit's status before the permit (given back at the refund).
    pub status_before: Option<UnitStatus>,
    /// The day the work was finished.
    pub finished_on: Option<NaiveDate>,
    /// The phases, first first.
    pub phases: Vec<PhaseRecord>,
    /// The next patrol's day while the work runs.
    pub patrol_due: Option<NaiveDate>,
    /// The patrols, oldest first.
    pub patrols: Vec<PatrolRecord>,
    /// 初验 and 复验, oldest first.
    pub acceptances: Vec<AcceptanceRecord>,
    /// The deposit's refund, once paid back.
    pub refund: Option<RefundRecord>,
    /// Every step, oldest first.
    pub steps: Vec<RenovationStep>,
}

impl RenovationFile {
    /// The deposit billed (zero before the bill).
    pub fn deposit(&self) -> Fen {
        self.line_amount(crate::domain::renovation::DEPOSIT_ITEM)
    }

    /// The amount billed under `code`.
    pub fn line_amount(&self, code: &str) -> Fen {
        Fen(self
            .lines
            .iter()
            .filter(|l| l.item_code == code)
            .map(|l| l.amount.0)
            .sum())
    }

    /// Whether the bill exists and is paid in full (the permit's condition).
    pub fn paid(&self) -> bool {
        !self.lines.is_empty() && self.lines.iter().all(|l| l.paid)
    }

    /// The phase running now.
    pub fn current_phase(&self) -> Option<&PhaseRecord> {
        self.phases.iter().find(|p| p.ended_on.is_none())
    }

    /// The 整改通知 numbered `seq`.
    pub fn notice(&self, seq: u32) -> Option<(&PatrolRecord, &Rectification)> {
        self.patrols
            .iter()
            .find_map(|p| p.notice.as_ref().filter(|n| n.seq == seq).map(|n| (p, n)))
    }
}

fn corrupt(what: &str, v: &str) -> StoreError {
    StoreError::Corrupt(format!("{what} “{v}”"))
}

pub(super) fn kinds_of(text: &str) -> Result<Vec<WorkKind>> {
    text.split(',')
        .map(|k| WorkKind::from_code(k).ok_or_else(|| corrupt("装修项目", k)))
        .collect()
}

fn opt_day(v: Option<String>) -> Result<Option<NaiveDate>> {
    v.as_deref().map(parse_day).transpose()
}

/// Reads one renovation in full.
pub(super) fn file(conn: &Connection, id: RenovationId) -> Result<RenovationFile> {
    let mut stmt = conn.prepare_cached(
        "SELECT r.number, r.unit_id, u.building, u.entrance, u.room, r.owner_name, r.person_id,
                r.owner_phone, r.company, r.licence_no, r.qualification, r.person_in_charge,
                r.contractor_phone, r.planned_start, r.planned_end, r.kinds, r.note, r.stage,
                r.applied_at, r.applied_by_name, r.permit_at, r.status_before, r.finished_on,
                r.patrol_due
         FROM renovations r JOIN units u ON u.id = r.unit_id WHERE r.id = ?1",
    )?;
    let row = stmt
        .query_row([id.0], |r| {
            Ok((
                (
                    r.get::<_, String>(0)?,
                    r.get::<_, i64>(1)?,
                    (
                        r.get::<_, u32>(2)?,
                        r.get::<_, u32>(3)?,
                        r.get::<_, u32>(4)?,
                    ),
                    r.get::<_, String>(5)?,
                    r.get::<_, Option<i64>>(6)?,
                    r.get::<_, Option<String>>(7)?,
                ),
                (
                    r.get::<_, String>(8)?,
                    r.get::<_, String>(9)?,
                    r.get::<_, String>(10)?,
                    r.get::<_, String>(11)?,
                    r.get::<_, String>(12)?,
                ),
                (
                    r.get::<_, String>(13)?,
                    r.get::<_, String>(14)?,
                    r.get::<_, String>(15)?,
                    r.get::<_, String>(16)?,
                    r.get::<_, String>(17)?,
                ),
                (
                    r.get::<_, String>(18)?,
                    r.get::<_, String>(19)?,
                    r.get::<_, Option<String>>(20)?,
                    r.get::<_, Option<String>>(21)?,
                    r.get::<_, Option<String>>(22)?,
                    r.get::<_, Option<String>>(23)?,
                ),
            ))
        })
        .optional()?;
    let (a, c, p, t) = found(row, || "找不到这份装修申请，可能已被删除".to_string())?;
    let (number, unit, (b, e, room), owner_name, person, owner_phone) = a;
    let (company, licence_no, qualification, person_in_charge, contractor_phone) = c;
    let (start, end, kinds, note, stage) = p;
    let (applied_at, applied_by, permit_at, status_before, finished_on, patrol_due) = t;
    Ok(RenovationFile {
        id,
        number: RenovationNumber::parse(&number).ok_or_else(|| corrupt("装修编号", &number))?,
        unit: UnitId(unit),
        address: UnitAddress::new(b, e, room)
            .map_err(|_| corrupt("房号", &format!("{b}-{e}-{room}")))?,
        owner_name,
        person,
        owner_phone: owner_phone.as_deref().and_then(|p| Mobile::parse(p).ok()),
        contractor: Contractor {
            company,
            licence_no,
            qualification,
            person_in_charge,
            phone: Mobile::parse(&contractor_phone).map_err(|_| corrupt("电话", "***"))?,
        },
        workers: parts::workers_of(conn, id)?,
        planned_start: parse_day(&start)?,
        planned_end: parse_day(&end)?,
        kinds: kinds_of(&kinds)?,
        note,
        stage: Stage::from_code(&stage).ok_or_else(|| corrupt("装修阶段", &stage))?,
        applied_at: parse_time(&applied_at)?,
        applied_by,
        papers: parts::papers_of(conn, id)?,
        inspection: parts::inspection_of(conn, id)?,
        lines: lines_of(conn, id)?,
        permit_at: permit_at.as_deref().map(parse_time).transpose()?,
        status_before: status_before.as_deref().and_then(UnitStatus::from_code),
        finished_on: opt_day(finished_on)?,
        phases: super::list::phases_of(conn, id)?,
        patrol_due: opt_day(patrol_due)?,
        patrols: super::list::patrols_of(conn, id)?,
        acceptances: parts::acceptances_of(conn, id)?,
        refund: parts::refund_of(conn, id)?,
        steps: parts::steps_of(conn, id)?,
    })
}

impl Store {
    /// Everything about one renovation.
    pub fn renovation(&self, id: RenovationId) -> Result<RenovationFile> {
        file(self.conn(), id)
    }

    /// The renovation numbered `number` (as the CLI and the search box name it).
    pub fn renovation_by_number(&self, number: &RenovationNumber) -> Result<RenovationFile> {
        let id: Option<i64> = self
            .conn()
            .prepare_cached("SELECT id FROM renovations WHERE number = ?1")?
            .query_row([number.to_string()], |r| r.get(0))
            .optional()?;
        let id = found(id, || format!("找不到装修申请 {number}"))?;
        file(self.conn(), RenovationId(id))
    }
}
