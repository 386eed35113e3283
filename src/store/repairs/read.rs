//! Reading repair orders: one order in full, the open / overdue / searched lists, the day's
//! report, and the editable list of categories.

use chrono::{Duration, NaiveDateTime};
use rusqlite::{ToSql, params};

use super::row::{address, number, opt_time, order_from_row, place_short, state};
use crate::domain::repair::{
    Event, Material, OrderNumber, Overdue, Qty, RepairId, RepairKind, RepairOrder, RepairState,
    overdue, state::deadline,
};
use crate::domain::settings::Deadlines;
use crate::domain::{Fen, SearchQuery};
use crate::store::search::units_named;
use crate::store::{Result, Store, parse_time, time_text};

/// A repair order as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RepairRecord {
    /// Row id.
    pub id: RepairId,
    /// The order.
    pub order: RepairOrder,
}

/// One line of the repairs list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RepairSummary {
    /// Row id.
    pub id: RepairId,
    /// 维修单号.
    pub number: OrderNumber,
    /// 入户 or 公共.
    pub kind: RepairKind,
    /// `3-2-1502` or the public location.
    pub place: String,
    /// 类别.
    pub category: String,
    /// 报修内容.
    pub description: String,
    /// 状态.
    pub state: RepairState,
    /// 预约时间.
    pub appointment: NaiveDateTime,
    /// 维修人员.
    pub technician: String,
    /// The deadline running (应到场, 应返回, 应回访) and when it falls due.
    pub due: Option<(Overdue, NaiveDateTime)>,
    /// The deadline missed at the time the list was read, if any.
    pub overdue: Option<Overdue>,
}

/// Which orders the list shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RepairFilter {
    /// Not closed or cancelled, most urgent deadline first.
    Open,
    /// Past a deadline now.
    Overdue,
    /// Everything, newest first.
    All,
    /// By number (`WX-202611-0001`, or a prefix such as `WX-202611`) or by room
    /// (`3-2-1502`, `1502`), newest first.
    Search(String),
}

/// One page of the list.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RepairPage {
    /// The rows.
    pub rows: Vec<RepairSummary>,
    /// How many orders match.
    pub total: i64,
    /// Zero-based page.
    pub page: usize,
    /// Rows per page.
    pub page_size: usize,
}

impl RepairPage {
    /// How many pages (at least one).
    pub fn pages(&self) -> usize {
        let size = self.page_size.max(1) as i64;
        ((self.total + size - 1) / size).max(1) as usize
    }
}

pub(super) const OPEN_STATES: &str =
    "r.state IN ('pending', 'dispatched', 'on_site', 'in_review', 'completed', 'called_back')";

/// The SQL that matches orders overdue at the thresholds ?1 (dispatch and arrival), ?2
/// (review), ?3 (callback): each branch a range on repairs_clock. A dispatched order's clock is
/// the later of its appointment and its dispatch (see `timing::arrival_clock`).
const OVERDUE_SQL: &str = "((r.state IN ('pending', 'dispatched') AND r.clock_at < ?1)
     OR (r.state = 'in_review' AND r.clock_at < ?2)
     OR (r.state = 'completed' AND r.clock_at < ?3))";

const SUMMARY_COLUMNS: &str = "r.id, r.number, r.unit_id, r.location, r.category, r.description,
     r.state, r.appointment_at, r.technician_name, r.clock_at, u.building, u.entrance, u.room";

fn thresholds(d: &Deadlines, now: NaiveDateTime) -> [String; 3] {
    let before = |m: u32| time_text(now - Duration::minutes(i64::from(m)));
    [
        before(d.repair_arrival_min),
        before(d.repair_review_min),
        before(d.repair_callback_min),
    ]
}

/// The WHERE clause and parameters of a search text: a number (or its prefix) or a room.
fn search_filter(text: &str) -> (String, Vec<Box<dyn ToSql>>) {
    let t = text.trim();
    if let Some(n) = OrderNumber::parse(t) {
        return ("r.number = ?".into(), vec![Box::new(n.to_string())]);
    }
    let upper = crate::domain::normalize_digits(t).to_ascii_uppercase();
    if let Some(rest) = upper.strip_prefix("WX") {
        // A prefix as typed so far: a range on the unique index, never a LIKE scan.
        let prefix = format!("WX-{}", rest.trim_start_matches('-'));
        let end = format!("{prefix}\u{10FFFF}");
        return (
            "r.number >= ? AND r.number < ?".into(),
            vec![Box::new(prefix), Box::new(end)],
        );
    }
    let query = match SearchQuery::parse(t) {
        // Four digits are a room here: the repairs list is searched by where the fault is.
        SearchQuery::RoomOrPhoneTail(r, _) => SearchQuery::Room(r),
        q => q,
    };
    if let Some(units) = units_named("r.unit_id", &query) {
        return units;
    }
    match query {
        SearchQuery::All => ("1".into(), vec![]),
        // Anything else: the reporter's name or the public location.
        _ => (
            "(instr(r.reporter, ?1) > 0 OR instr(r.location, ?1) > 0)".into(),
            vec![Box::new(t.to_string())],
        ),
    }
}

impl Store {
    /// One order in full, with its materials and history.
    pub fn repair(&self, id: RepairId) -> Result<RepairRecord> {
        let row = crate::store::optional(self.conn().query_row(
            "SELECT r.*, u.building, u.entrance, u.room FROM repairs r
             LEFT JOIN units u ON u.id = r.unit_id WHERE r.id = ?1",
            [id.0],
            order_from_row,
        ))?;
        let mut order = crate::store::found(row, || "找不到这张维修单，可能已被删除".to_string())??;
        order.charges.materials = self.materials(id)?;
        order.events = self.events(id)?;
        Ok(RepairRecord { id, order })
    }

    /// The order with this number, if any.
    pub fn repair_by_number(&self, number: &OrderNumber) -> Result<Option<RepairRecord>> {
        let id: Option<i64> = crate::store::optional(self.conn().query_row(
            "SELECT id FROM repairs WHERE number = ?1",
            [number.to_string()],
            |r| r.get(0),
        ))?;
        id.map(|id| self.repair(RepairId(id))).transpose()
    }

    fn materials(&self, id: RepairId) -> Result<Vec<Material>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT name, spec, model, qty_hundredths, unit, price_fen FROM repair_materials
             WHERE repair_id = ?1 ORDER BY line",
        )?;
        let rows = stmt.query_map([id.0], |r| {
            Ok(Material {
                name: r.get(0)?,
                spec: r.get(1)?,
                model: r.get(2)?,
                qty: Qty(r.get(3)?),
                unit: r.get(4)?,
                price: Fen(r.get(5)?),
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    fn events(&self, id: RepairId) -> Result<Vec<Event>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT state, at, by_name, note FROM repair_events WHERE repair_id = ?1 ORDER BY id",
        )?;
        let rows = stmt.query_map([id.0], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get(2)?,
                r.get(3)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (s, at, by_name, note) = row?;
            out.push(Event {
                state: state(&s)?,
                at: parse_time(&at)?,
                by_name,
                note,
            });
        }
        Ok(out)
    }

    /// One page of the list; `now` and the deadlines decide what is overdue.
    pub fn repair_list(
        &self,
        filter: &RepairFilter,
        d: &Deadlines,
        now: NaiveDateTime,
        page: usize,
        page_size: usize,
    ) -> Result<RepairPage> {
        let page_size = page_size.clamp(1, 500);
        let th = thresholds(d, now);
        let (where_sql, params, order): (String, Vec<Box<dyn ToSql>>, &str) = match filter {
            RepairFilter::Open => (
                OPEN_STATES.into(),
                vec![],
                "r.clock_at IS NULL, r.clock_at, r.id",
            ),
            RepairFilter::Overdue => (
                OVERDUE_SQL.into(),
                th.iter()
                    .map(|t| Box::new(t.clone()) as Box<dyn ToSql>)
                    .collect(),
                "r.clock_at, r.id",
            ),
            RepairFilter::All => ("1".into(), vec![], "r.recorded_at DESC, r.id DESC"),
            RepairFilter::Search(text) => {
                let (w, p) = search_filter(text);
                (w, p, "r.recorded_at DESC, r.id DESC")
            }
        };
        let refs: Vec<&dyn ToSql> = params.iter().map(|p| p.as_ref()).collect();
        let total: i64 = self
            .conn()
            .prepare_cached(&format!("SELECT count(*) FROM repairs r WHERE {where_sql}"))?
            .query_row(refs.as_slice(), |r| r.get(0))?;
        let sql = format!(
            "SELECT {SUMMARY_COLUMNS} FROM repairs r LEFT JOIN units u ON u.id = r.unit_id
             WHERE {where_sql} ORDER BY {order} LIMIT {page_size} OFFSET {}",
            page.saturating_mul(page_size)
        );
        let mut stmt = self.conn().prepare_cached(&sql)?;
        let rows = stmt.query_map(refs.as_slice(), |r| {
            Ok((
                r.get::<_, i64>("id")?,
                r.get::<_, String>("number")?,
                address(r)?,
                r.get::<_, String>("location")?,
                r.get::<_, String>("category")?,
                r.get::<_, String>("description")?,
                r.get::<_, String>("state")?,
                r.get::<_, String>("appointment_at")?,
                r.get::<_, String>("technician_name")?,
                r.get::<_, Option<String>>("clock_at")?,
            ))
        })?;
        let mut out = Vec::with_capacity(page_size);
        for row in rows {
            let (id, num, addr, location, category, description, st, appt, technician, clock) =
                row?;
            let st = state(&st)?;
            let clock = opt_time(clock)?;
            let (kind, place) = place_short(addr, location);
            out.push(RepairSummary {
                id: RepairId(id),
                number: number(&num)?,
                kind,
                place,
                category,
                description,
                state: st,
                appointment: parse_time(&appt)?,
                technician,
                due: clock.and_then(|c| deadline(st, c, d)),
                overdue: overdue(st, clock, d, now),
            });
        }
        Ok(RepairPage {
            rows: out,
            total,
            page,
            page_size,
        })
    }

    /// How many orders are past a deadline at `now` (the tab's label shows it).
    pub fn overdue_repair_count(&self, d: &Deadlines, now: NaiveDateTime) -> Result<i64> {
        let th = thresholds(d, now);
        Ok(self
            .conn()
            .prepare_cached(&format!(
                "SELECT count(*) FROM repairs r WHERE {OVERDUE_SQL}"
            ))?
            .query_row(params![th[0], th[1], th[2]], |r| r.get(0))?)
    }
}
