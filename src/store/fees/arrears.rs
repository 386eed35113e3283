//! 欠费: what each unit owes, aged (1–3, 4–6, 7–12, over 12 months), per unit and per
//! building; and the answer the item-release pass asks for ([`arrears_in`]).

use std::collections::HashMap;

use rusqlite::{Connection, OptionalExtension, params};

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

/// The open months the arrears list reads, in key order (unit, then month): `?1` the building
/// when `by_building`. Aging, sorting and paging happen in Rust over these rows: one pass of
/// integer sums takes a third of the time SQLite takes for the same sums as conditional
/// aggregates over the month text.
fn open_months_sql(by_building: bool) -> &'static str {
    if by_building {
        "SELECT unit_id, month, open_fen FROM unit_month_open
         WHERE unit_id IN (SELECT id FROM units WHERE building = ?1)
         ORDER BY unit_id, month"
    } else {
        "SELECT unit_id, month, open_fen FROM unit_month_open ORDER BY unit_id, month"
    }
}

/// The statement [`Store::arrears`] runs over the open months (the whole estate's, or one
/// building's), with its parameter written in as a literal: for timing the same SQL in the
/// `sqlite3` shell (benchmarks, diagnosis).
pub fn arrears_sql_for_shell(building: Option<u32>) -> String {
    match building {
        Some(b) => open_months_sql(true).replace("?1", &b.to_string()) + ";",
        None => open_months_sql(false).to_string() + ";",
    }
}

/// One owing unit as the list is built: its sums by bucket, its oldest open month, its address
/// as stored (building, entrance, room).
struct Owing {
    unit: i64,
    buckets: [i64; 4],
    oldest: String,
    address: (i64, i64, i64),
}

impl Owing {
    fn total(&self) -> i64 {
        self.buckets.iter().sum()
    }
}

/// Every unit of `building` (or all) that owes, aged by `edges`, unsorted.
fn owing_units(
    conn: &Connection,
    building: Option<u32>,
    edges: &[String; 3],
) -> Result<Vec<Owing>> {
    let mut owing: Vec<Owing> = Vec::new();
    let mut stmt = conn.prepare_cached(open_months_sql(building.is_some()))?;
    let mut rows = match building {
        Some(b) => stmt.query([b])?,
        None => stmt.query([])?,
    };
    while let Some(row) = rows.next()? {
        let unit: i64 = row.get(0)?;
        let month = row.get_ref(1)?.as_str().map_err(rusqlite::Error::from)?;
        let fen: i64 = row.get(2)?;
        // The buckets' cut (`BUCKETS`): at or after edges[0] is 1–3 months old, and so on.
        let bucket = edges.iter().position(|e| month >= e.as_str()).unwrap_or(3);
        match owing.last_mut() {
            Some(o) if o.unit == unit => o.buckets[bucket] += fen,
            _ => {
                let mut buckets = [0; 4];
                buckets[bucket] = fen;
                owing.push(Owing {
                    unit,
                    buckets,
                    // Rows come in month order: a unit's first is its oldest.
                    oldest: month.to_string(),
                    address: (0, 0, 0),
                });
            }
        }
    }
    owing.retain(|o| o.total() > 0);
    // Addresses for the sort's ties and the rows shown: one read of the units, not one each.
    let mut stmt = conn.prepare_cached("SELECT id, building, entrance, room FROM units")?;
    let addresses: HashMap<i64, (i64, i64, i64)> = stmt
        .query_map([], |r| Ok((r.get(0)?, (r.get(1)?, r.get(2)?, r.get(3)?))))?
        .collect::<rusqlite::Result<_>>()?;
    for o in &mut owing {
        o.address = addresses.get(&o.unit).copied().unwrap_or_default();
    }
    Ok(owing)
}

impl Store {
    /// Owing units (of `building`, or all), aged as of `now`, sorted, `size` per page (`page`
    /// counts from 0; `size` 0 is every row on one page).
    ///
    /// One pass over `unit_month_open` (a row per owing unit and month, kept by triggers) in
    /// key order sums each unit's buckets by its month; the owing units are sorted and cut
    /// here, and only the page's rows look up their owner.
    pub fn arrears(
        &self,
        building: Option<u32>,
        sort: ArrearsSort,
        now: Month,
        page: usize,
        size: usize,
    ) -> Result<ArrearsPage> {
        let mut owing = owing_units(self.conn(), building, &edges(now))?;
        let mut sum = [0i64; 4];
        for o in &owing {
            for (s, b) in sum.iter_mut().zip(o.buckets) {
                *s += b;
            }
        }
        let mut out = ArrearsPage {
            rows: Vec::new(),
            total: owing.len(),
            sum: aged(sum),
        };
        let by_address = |a: &Owing, b: &Owing| a.address.cmp(&b.address);
        match sort {
            ArrearsSort::Amount => {
                owing.sort_unstable_by(|a, b| b.total().cmp(&a.total()).then(by_address(a, b)));
            }
            ArrearsSort::Age => owing.sort_unstable_by(|a, b| {
                a.oldest
                    .cmp(&b.oldest)
                    .then(b.total().cmp(&a.total()))
                    .then(by_address(a, b))
            }),
        }
        let (skip, take) = if size == 0 {
            (0, usize::MAX)
        } else {
            (page.saturating_mul(size), size)
        };
        let mut owner = self.conn().prepare_cached(
            "SELECT name FROM people WHERE unit_id = ?1 AND relation = 'owner' ORDER BY id LIMIT 1",
        )?;
        for o in owing.into_iter().skip(skip).take(take) {
            let name: Option<String> = owner.query_row([o.unit], |r| r.get(0)).optional()?;
            let (b, e, r) = o.address;
            out.rows.push(ArrearsRow {
                unit: UnitId(o.unit),
                address: address_of(b, e, r)?,
                owner: name.unwrap_or_default(),
                aged: aged(o.buckets),
                oldest: month_of(&o.oldest)?,
            });
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
