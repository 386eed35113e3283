//! The month's move-in cases for the month-end archive: each case opened or finished in the
//! month, the items handed over and the problems found at the inspections — one query each.

use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::params;

use crate::domain::movein::MoveInState;
use crate::domain::{Month, UnitAddress};
use crate::store::fees::bank::address_of;
use crate::store::{Result, Store, StoreError, month_range, parse_time};

/// One case as the month's register lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MoveInCase {
    /// The unit.
    pub address: UnitAddress,
    /// 业主.
    pub owner_name: String,
    /// 入住通知书编号.
    pub notice_no: String,
    /// 预约时间.
    pub scheduled_at: Option<NaiveDateTime>,
    /// 开始办理.
    pub opened_at: NaiveDateTime,
    /// Who opened it.
    pub opened_by: String,
    /// 办理中, 已入住, 转装修.
    pub state: MoveInState,
    /// The service agreement's signing day.
    pub signed_on: Option<NaiveDate>,
    /// 入住日期.
    pub moved_in: Option<NaiveDate>,
    /// When the case was finished.
    pub finished_at: Option<NaiveDateTime>,
    /// The unit's latest case (what the unit's printed forms show).
    pub latest: bool,
}

/// One problem found at a hand-over inspection.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MoveInDefect {
    /// The unit.
    pub address: UnitAddress,
    /// 初验 1 or 复验 2.
    pub round: u8,
    /// 部位.
    pub area: String,
    /// 问题.
    pub note: String,
    /// The repair order opened for it.
    pub repair: Option<String>,
    /// When the owner accepted it as fixed.
    pub accepted_at: Option<NaiveDateTime>,
}

/// The cases of `month`: opened or finished in it.
const IN_MONTH: &str = "((m.opened_at >= ?1 AND m.opened_at < ?2)
     OR (m.finished_at >= ?1 AND m.finished_at < ?2))";

fn day(text: Option<String>) -> Result<Option<NaiveDate>> {
    text.map(|t| {
        NaiveDate::parse_from_str(&t, "%Y-%m-%d")
            .map_err(|_| StoreError::Corrupt(format!("日期 “{t}”")))
    })
    .transpose()
}

fn opt_time(text: Option<String>) -> Result<Option<NaiveDateTime>> {
    text.as_deref().map(parse_time).transpose()
}

impl Store {
    /// Move-in cases opened or finished in `month`, by when they were opened.
    pub fn move_ins_of_month(&self, month: Month) -> Result<Vec<MoveInCase>> {
        let (from, to) = month_range(month);
        let mut stmt = self.conn().prepare_cached(&format!(
            "SELECT u.building, u.entrance, u.room, m.owner_name, m.notice_no, m.scheduled_at,
                    m.opened_at, m.opened_by_name, m.state, m.service_signed, m.moved_in,
                    m.finished_at,
                    m.id = (SELECT max(id) FROM move_ins l WHERE l.unit_id = m.unit_id)
             FROM move_ins m JOIN units u ON u.id = m.unit_id
             WHERE {IN_MONTH} ORDER BY m.opened_at, m.id"
        ))?;
        type Raw = ([i64; 3], [String; 5], [Option<String>; 4], bool);
        let rows = stmt.query_map(params![from, to], |r| -> rusqlite::Result<Raw> {
            Ok((
                [r.get(0)?, r.get(1)?, r.get(2)?],
                [r.get(3)?, r.get(4)?, r.get(6)?, r.get(7)?, r.get(8)?],
                [r.get(5)?, r.get(9)?, r.get(10)?, r.get(11)?],
                r.get(12)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let ([b, e, n], [owner_name, notice_no, opened_at, opened_by, state], times, latest) =
                row?;
            let [scheduled, signed, moved_in, finished] = times;
            out.push(MoveInCase {
                address: address_of(b, e, n)?,
                owner_name,
                notice_no,
                scheduled_at: opt_time(scheduled)?,
                opened_at: parse_time(&opened_at)?,
                opened_by,
                state: MoveInState::from_code(&state)
                    .ok_or_else(|| StoreError::Corrupt(format!("入住状态 “{state}”")))?,
                signed_on: day(signed)?,
                moved_in: day(moved_in)?,
                finished_at: opt_time(finished)?,
                latest,
            });
        }
        Ok(out)
    }

    /// The items handed over in the cases of `month` (keys, cards, manuals), by case.
    pub fn move_in_items_of_month(&self, month: Month) -> Result<Vec<(UnitAddress, String, i64)>> {
        let (from, to) = month_range(month);
        let mut stmt = self.conn().prepare_cached(&format!(
            "SELECT u.building, u.entrance, u.room, i.name, i.qty
             FROM move_in_items i JOIN move_ins m ON m.id = i.move_in_id
             JOIN units u ON u.id = m.unit_id
             WHERE {IN_MONTH} ORDER BY m.opened_at, m.id, i.seq"
        ))?;
        let rows = stmt.query_map(params![from, to], |r| {
            Ok((
                [r.get::<_, i64>(0)?, r.get(1)?, r.get(2)?],
                r.get::<_, String>(3)?,
                r.get::<_, i64>(4)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let ([b, e, n], name, qty) = row?;
            out.push((address_of(b, e, n)?, name, qty));
        }
        Ok(out)
    }

    /// The problems found at the inspections of the cases of `month`, by case and round.
    pub fn move_in_defects_of_month(&self, month: Month) -> Result<Vec<MoveInDefect>> {
        let (from, to) = month_range(month);
        let mut stmt = self.conn().prepare_cached(&format!(
            "SELECT u.building, u.entrance, u.room, i.round, d.area, d.note, r.number,
                    d.accepted_at
             FROM move_in_defects d JOIN move_in_inspections i ON i.id = d.inspection_id
             JOIN move_ins m ON m.id = i.move_in_id JOIN units u ON u.id = m.unit_id
             LEFT JOIN repairs r ON r.id = d.repair_id
             WHERE {IN_MONTH} ORDER BY m.opened_at, m.id, i.round, d.id"
        ))?;
        type Raw = ([i64; 3], u8, [String; 2], [Option<String>; 2]);
        let rows = stmt.query_map(params![from, to], |r| -> rusqlite::Result<Raw> {
            Ok((
                [r.get(0)?, r.get(1)?, r.get(2)?],
                r.get(3)?,
                [r.get(4)?, r.get(5)?],
                [r.get(6)?, r.get(7)?],
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let ([b, e, n], round, [area, note], [repair, accepted]) = row?;
            out.push(MoveInDefect {
                address: address_of(b, e, n)?,
                round,
                area,
                note,
                repair,
                accepted_at: opt_time(accepted)?,
            });
        }
        Ok(out)
    }
}
