//! The month's renovations for the month-end archive: applications taken, permits issued and
//! acceptances made in the month — one query each (the patrols come from
//! [`Store::patrols_in_month`]).

use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::params;

use super::head::parse_day;
use crate::domain::renovation::{AcceptanceRound, RenovationNumber, Stage, WorkKind};
use crate::domain::{Mobile, Month, UnitAddress};
use crate::store::fees::bank::address_of;
use crate::store::{Result, Store, StoreError, month_range, parse_time};

/// One application as the month's register lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RenovationRow {
    /// `ZX-YYYYMM-NNNN`.
    pub number: RenovationNumber,
    /// The unit.
    pub address: UnitAddress,
    /// 业主.
    pub owner_name: String,
    /// 业主电话 (shown masked).
    pub owner_phone: Option<Mobile>,
    /// 装修公司.
    pub company: String,
    /// 负责人.
    pub person_in_charge: String,
    /// 负责人电话 (shown masked).
    pub contractor_phone: Option<Mobile>,
    /// 计划开工.
    pub planned_start: NaiveDate,
    /// 计划完工.
    pub planned_end: NaiveDate,
    /// 装修项目.
    pub kinds: Vec<WorkKind>,
    /// Where it is now.
    pub stage: Stage,
    /// 许可证发放时间.
    pub permit_at: Option<NaiveDateTime>,
    /// 完工日期.
    pub finished_on: Option<NaiveDate>,
    /// 申请时间.
    pub applied_at: NaiveDateTime,
    /// 受理人.
    pub applied_by: String,
}

/// One acceptance (初验, 复验) with its renovation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AcceptanceRow {
    /// `ZX-…`.
    pub number: RenovationNumber,
    /// The unit.
    pub address: UnitAddress,
    /// 初验 or 复验.
    pub round: AcceptanceRound,
    /// 合格.
    pub passed: bool,
    /// 验收意见.
    pub findings: String,
    /// When.
    pub at: NaiveDateTime,
    /// 验收人.
    pub by_name: String,
}

fn number(text: &str) -> Result<RenovationNumber> {
    RenovationNumber::parse(text).ok_or_else(|| StoreError::Corrupt(format!("装修编号 {text}")))
}

/// A stored phone read back; a malformed one is left out rather than shown wrong.
fn phone(text: Option<String>) -> Option<Mobile> {
    text.and_then(|t| Mobile::parse(&t).ok())
}

impl Store {
    /// Renovations applied for in `month`, in the order applied.
    pub fn renovations_of_month(&self, month: Month) -> Result<Vec<RenovationRow>> {
        let (from, to) = month_range(month);
        let mut stmt = self.conn().prepare_cached(
            "SELECT r.number, u.building, u.entrance, u.room, r.owner_name, r.owner_phone,
                    r.company, r.person_in_charge, r.contractor_phone, r.planned_start,
                    r.planned_end, r.kinds, r.stage, r.permit_at, r.finished_on, r.applied_at,
                    r.applied_by_name
             FROM renovations r JOIN units u ON u.id = r.unit_id
             WHERE r.applied_at >= ?1 AND r.applied_at < ?2 ORDER BY r.applied_at, r.id",
        )?;
        type Raw = ([i64; 3], [String; 11], [Option<String>; 3]);
        let rows = stmt.query_map(params![from, to], |r| -> rusqlite::Result<Raw> {
            Ok((
                [r.get(1)?, r.get(2)?, r.get(3)?],
                [
                    r.get(0)?,
                    r.get(4)?,
                    r.get(6)?,
                    r.get(7)?,
                    r.get(8)?,
                    r.get(9)?,
                    r.get(10)?,
                    r.get(11)?,
                    r.get(12)?,
                    r.get(15)?,
                    r.get(16)?,
                ],
                [r.get(5)?, r.get(13)?, r.get(14)?],
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let ([b, e, n], texts, [owner_phone, permit_at, finished_on]) = row?;
            let [
                num,
                owner_name,
                company,
                person_in_charge,
                contractor_phone,
                start,
                end,
                kinds,
                stage,
                applied_at,
                applied_by,
            ] = texts;
            out.push(RenovationRow {
                number: number(&num)?,
                address: address_of(b, e, n)?,
                owner_name,
                owner_phone: phone(owner_phone),
                company,
                person_in_charge,
                contractor_phone: phone(Some(contractor_phone)),
                planned_start: parse_day(&start)?,
                planned_end: parse_day(&end)?,
                kinds: kinds
                    .split(',')
                    .filter(|k| !k.is_empty())
                    .map(|k| {
                        WorkKind::from_code(k)
                            .ok_or_else(|| StoreError::Corrupt(format!("装修项目 “{k}”")))
                    })
                    .collect::<Result<_>>()?,
                stage: Stage::from_code(&stage)
                    .ok_or_else(|| StoreError::Corrupt(format!("装修阶段 “{stage}”")))?,
                permit_at: permit_at.as_deref().map(parse_time).transpose()?,
                finished_on: finished_on.as_deref().map(parse_day).transpose()?,
                applied_at: parse_time(&applied_at)?,
                applied_by,
            });
        }
        Ok(out)
    }

    /// The renovations whose 装修许可证 was issued in `month`, in the order issued.
    pub fn permits_of_month(&self, month: Month) -> Result<Vec<RenovationNumber>> {
        let (from, to) = month_range(month);
        let mut stmt = self.conn().prepare_cached(
            "SELECT number FROM renovations WHERE permit_at >= ?1 AND permit_at < ?2
             ORDER BY permit_at, id",
        )?;
        let rows = stmt.query_map(params![from, to], |r| r.get::<_, String>(0))?;
        let mut out = Vec::new();
        for row in rows {
            out.push(number(&row?)?);
        }
        Ok(out)
    }

    /// Acceptances (初验, 复验) made in `month`, in time order.
    pub fn acceptances_of_month(&self, month: Month) -> Result<Vec<AcceptanceRow>> {
        let (from, to) = month_range(month);
        let mut stmt = self.conn().prepare_cached(
            "SELECT r.number, u.building, u.entrance, u.room, a.round, a.passed, a.findings,
                    a.at, a.by_name
             FROM renovation_acceptances a JOIN renovations r ON r.id = a.renovation_id
             JOIN units u ON u.id = r.unit_id
             WHERE a.at >= ?1 AND a.at < ?2 ORDER BY a.at, a.id",
        )?;
        type Raw = ([i64; 3], [String; 5], bool);
        let rows = stmt.query_map(params![from, to], |r| -> rusqlite::Result<Raw> {
            Ok((
                [r.get(1)?, r.get(2)?, r.get(3)?],
                [r.get(0)?, r.get(4)?, r.get(6)?, r.get(7)?, r.get(8)?],
                r.get(5)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let ([b, e, n], [num, round, findings, at, by_name], passed) = row?;
            out.push(AcceptanceRow {
                number: number(&num)?,
                address: address_of(b, e, n)?,
                round: AcceptanceRound::from_code(&round)
                    .ok_or_else(|| StoreError::Corrupt(format!("验收轮次 “{round}”")))?,
                passed,
                findings,
                at: parse_time(&at)?,
                by_name,
            });
        }
        Ok(out)
    }
}
