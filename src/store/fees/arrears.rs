//! 欠费: what each unit owes, aged (1–3, 4–6, 7–12, over 12 months), per unit and per
//! building; and the answer the item-release pass asks for ([`arrears_in`]).

use rusqlite::{Connection, params};

use super::bank::address_of;
use super::{open_lines_in, owed_in, payer_in};
use crate::domain::fees::{AgedTotal, BillLine};
use crate::domain::item_pass::Arrears;
use crate::domain::unit::UnitId;
use crate::domain::{Fen, Month, UnitAddress};
use crate::store::{Result, Store, StoreError};

/// How the arrears list is sorted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ArrearsSort {
    /// Most owed first.
    #[default]
    Amount,
    /// Oldest debt first.
    Age,
}

/// One owing unit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArrearsRow {
    /// The unit.
    pub unit: UnitId,
    /// Its address.
    pub address: UnitAddress,
    /// The first owner's name.
    pub owner: String,
    /// Owed, by bucket.
    pub aged: AgedTotal,
    /// The oldest month owed.
    pub oldest: Month,
}

/// A page of the arrears list.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ArrearsPage {
    /// The rows.
    pub rows: Vec<ArrearsRow>,
    /// Owing units matching.
    pub total: usize,
    /// What they owe together, by bucket.
    pub sum: AgedTotal,
}

/// What a 催费通知单 says for one unit: who, where, and each line owed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reminder {
    /// The unit.
    pub unit: UnitId,
    /// Its address.
    pub address: UnitAddress,
    /// The first owner's name (empty when none is registered).
    pub owner: String,
    /// The lines owed, oldest month first.
    pub lines: Vec<BillLine>,
    /// Owed, by aging bucket.
    pub aged: AgedTotal,
}

/// What the unit owes, for the pass approval: `Owing` with the amount, `Settled` when its bills
/// are paid (a pass with no unit, public property, is `Settled`), and `Unknown` for a unit never
/// billed — an office that has not started billing in the program still has the service
/// officer confirm the fees on paper, as before.
pub(crate) fn arrears_in(conn: &Connection, unit: Option<UnitId>) -> Result<Arrears> {
    let Some(unit) = unit else {
        return Ok(Arrears::Settled);
    };
    let owed = owed_in(conn, unit)?;
    if owed.0 > 0 {
        return Ok(Arrears::Owing(owed));
    }
    let billed: bool = conn
        .prepare_cached("SELECT EXISTS (SELECT 1 FROM bill_lines WHERE unit_id = ?1)")?
        .query_row([unit.0], |r| r.get(0))?;
    Ok(if billed {
        Arrears::Settled
    } else {
        Arrears::Unknown
    })
}

/// `n` months before `now`, as stored (`2026-09`).
fn back(now: Month, n: u32) -> String {
    (0..n).fold(now, |m, _| m.prev()).code()
}

/// The first months of the buckets after the first: a line of a month at or after `edges[0]`
/// is 1–3 months old, at or after `edges[1]` 4–6, at or after `edges[2]` 7–12, before it older
/// (the same cut as [`crate::domain::fees::Aging::of`], on the month text the index holds).
fn edges(now: Month) -> [String; 3] {
    [back(now, 2), back(now, 5), back(now, 11)]
}

/// The per-bucket sums over the open lines `l`, with `?1`…`?3` bound to [`edges`].
const BUCKETS: &str = "
    sum(CASE WHEN l.month >= ?1 THEN l.amount_fen ELSE 0 END),
    sum(CASE WHEN l.month < ?1 AND l.month >= ?2 THEN l.amount_fen ELSE 0 END),
    sum(CASE WHEN l.month < ?2 AND l.month >= ?3 THEN l.amount_fen ELSE 0 END),
    sum(CASE WHEN l.month < ?3 THEN l.amount_fen ELSE 0 END)";

fn aged(b: [i64; 4]) -> AgedTotal {
    AgedTotal {
        buckets: b.map(Fen),
    }
}

fn month_of(text: &str) -> Result<Month> {
    Month::parse(text).map_err(|_| StoreError::Corrupt(format!("账单月份 {text}")))
}

/// The arrears list's statement: `?1`…`?3` the bucket edges, `?4` the building (or NULL),
/// `?5` the page size (-1 for all), `?6` the offset.
fn arrears_sql(by_building: bool, sort: ArrearsSort) -> String {
    let order = match sort {
        ArrearsSort::Amount => "total DESC, building, entrance, room",
        ArrearsSort::Age => "oldest, total DESC, building, entrance, room",
    };
    let filter = if by_building {
        "AND l.unit_id IN (SELECT id FROM units WHERE building = ?4)"
    } else {
        "AND ?4 IS NULL"
    };
    format!(
        "WITH owed (unit_id, b0, b1, b2, b3, total, oldest) AS (
             SELECT l.unit_id, {BUCKETS}, sum(l.amount_fen), min(l.month)
             FROM (SELECT unit_id, month, open_fen AS amount_fen FROM unit_month_open) l
             WHERE 1 {filter}
             GROUP BY l.unit_id
             HAVING sum(l.amount_fen) > 0
         ),
         cut AS (
             SELECT o.*, u.building, u.entrance, u.room,
                    count(*) OVER () AS n, sum(b0) OVER () AS s0, sum(b1) OVER () AS s1,
                    sum(b2) OVER () AS s2, sum(b3) OVER () AS s3
             FROM owed o JOIN units u ON u.id = o.unit_id
             ORDER BY {order} LIMIT ?5 OFFSET ?6
         )
         SELECT unit_id, building, entrance, room, b0, b1, b2, b3, oldest, n, s0, s1, s2, s3,
                (SELECT name FROM people p WHERE p.unit_id = cut.unit_id
                     AND p.relation = 'owner' ORDER BY p.id LIMIT 1)
         FROM cut ORDER BY {order}"
    )
}

/// The statement [`Store::arrears`] runs for the first page of 50 by amount, with its parameters
/// written in as literals: for timing the same SQL in the `sqlite3` shell (benchmarks, diagnosis).
pub fn arrears_sql_for_shell(building: Option<u32>, now: Month) -> String {
    let [e0, e1, e2] = edges(now);
    let building = building.map_or_else(|| "NULL".to_string(), |b| b.to_string());
    let mut sql = arrears_sql(building != "NULL", ArrearsSort::Amount);
    for (param, value) in [
        ("?1", format!("'{e0}'")),
        ("?2", format!("'{e1}'")),
        ("?3", format!("'{e2}'")),
        ("?4", building),
        ("?5", "50".to_string()),
        ("?6", "0".to_string()),
    ] {
        sql = sql.replace(param, &value);
    }
    sql + ";"
}

impl Store {
    /// Owing units (of `building`, or all), aged as of `now`, sorted, `size` per page (`page`
    /// counts from 0; `size` 0 is every row on one page).
    ///
    /// One aggregate query over the open lines' partial index (named, so the planner never
    /// prefers the receipts index on a file without statistics): a unit's buckets are
    /// conditional sums on the month text, the page is cut after sorting, and the count and the sums of all owing
    /// units come from window functions over the same groups.
    pub fn arrears(
        &self,
        building: Option<u32>,
        sort: ArrearsSort,
        now: Month,
        page: usize,
        size: usize,
    ) -> Result<ArrearsPage> {
        let sql = arrears_sql(building.is_some(), sort);
        let [e0, e1, e2] = edges(now);
        let limit = if size == 0 {
            -1
        } else {
            i64::try_from(size).unwrap_or(i64::MAX)
        };
        let offset = i64::try_from(page.saturating_mul(size)).unwrap_or(i64::MAX);
        let mut stmt = self.conn().prepare_cached(&sql)?;
        let rows = stmt.query_map(params![e0, e1, e2, building, limit, offset], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                [r.get::<_, i64>(1)?, r.get(2)?, r.get(3)?],
                [r.get::<_, i64>(4)?, r.get(5)?, r.get(6)?, r.get(7)?],
                r.get::<_, String>(8)?,
                r.get::<_, i64>(9)?,
                [r.get::<_, i64>(10)?, r.get(11)?, r.get(12)?, r.get(13)?],
                r.get::<_, Option<String>>(14)?,
            ))
        })?;
        let mut out = ArrearsPage::default();
        for row in rows {
            let (unit, [b, e, rm], buckets, oldest, n, sums, owner) = row?;
            out.total = usize::try_from(n).unwrap_or(0);
            out.sum = aged(sums);
            out.rows.push(ArrearsRow {
                unit: UnitId(unit),
                address: address_of(b, e, rm)?,
                owner: owner.unwrap_or_default(),
                aged: aged(buckets),
                oldest: month_of(&oldest)?,
            });
        }
        // A page past the end still says how many there are and what they owe.
        if out.rows.is_empty() && page > 0 && size > 0 {
            let first = self.arrears(building, sort, now, 0, 1)?;
            out.total = first.total;
            out.sum = first.sum;
        }
        Ok(out)
    }

    /// One unit's arrears, aged as of `now`.
    pub fn unit_arrears(&self, unit: UnitId, now: Month) -> Result<AgedTotal> {
        let [e0, e1, e2] = edges(now);
        let b = self
            .conn()
            .prepare_cached(&format!(
                "SELECT {BUCKETS}
                 FROM (SELECT unit_id, month, open_fen AS amount_fen FROM unit_month_open) l
                 WHERE l.unit_id = ?4"
            ))?
            .query_row(params![e0, e1, e2, unit.0], |r| {
                Ok([
                    r.get::<_, Option<i64>>(0)?.unwrap_or(0),
                    r.get::<_, Option<i64>>(1)?.unwrap_or(0),
                    r.get::<_, Option<i64>>(2)?.unwrap_or(0),
                    r.get::<_, Option<i64>>(3)?.unwrap_or(0),
                ])
            })?;
        Ok(aged(b))
    }

    /// The 催费通知单 of one unit as of `now`; `None` when it owes nothing.
    pub fn reminder(&self, unit: UnitId, now: Month) -> Result<Option<Reminder>> {
        let aged = self.unit_arrears(unit, now)?;
        if aged.total().0 <= 0 {
            return Ok(None);
        }
        let (b, e, r): (i64, i64, i64) = self
            .conn()
            .prepare_cached("SELECT building, entrance, room FROM units WHERE id = ?1")?
            .query_row([unit.0], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
        Ok(Some(Reminder {
            unit,
            address: address_of(b, e, r)?,
            owner: payer_in(self.conn(), unit)?,
            lines: open_lines_in(self.conn(), unit)?,
            aged,
        }))
    }

    /// The 催费通知单 of every owing unit of `building`, by address.
    pub fn building_reminders(&self, building: u32, now: Month) -> Result<Vec<Reminder>> {
        let mut units: Vec<ArrearsRow> = self
            .arrears(Some(building), ArrearsSort::Amount, now, 0, 0)?
            .rows;
        units.sort_by_key(|r| r.address);
        let mut out = Vec::with_capacity(units.len());
        for row in units {
            if let Some(r) = self.reminder(row.unit, now)? {
                out.push(r);
            }
        }
        Ok(out)
    }
}
