//! Search as you type over the register: by room, by name, by the tail of a phone number.

use rusqlite::ToSql;
use rusqlite::types::ToSqlOutput;

use super::units::{UNIT_COLUMNS, UnitRecord};
use super::{Result, Store};
use crate::domain::{Mobile, SearchQuery};

/// One line of the results table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitSummary {
    /// The unit.
    pub unit: UnitRecord,
    /// Its owners' names, joined with `、`.
    pub owners: String,
    /// The first owner's phone, masked.
    pub phone_masked: String,
}

/// One page of results.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SearchPage {
    /// The rows of this page.
    pub rows: Vec<UnitSummary>,
    /// How many units match in all.
    pub total: i64,
    /// Zero-based page number.
    pub page: usize,
    /// Rows per page.
    pub page_size: usize,
}

impl SearchPage {
    /// How many pages the matches fill (at least one).
    pub fn pages(&self) -> usize {
        let size = self.page_size.max(1) as i64;
        ((self.total + size - 1) / size).max(1) as usize
    }
}

/// A parameter of a search: bound by the store, or written out as a literal for the shell.
#[derive(Debug, Clone)]
enum Param {
    Int(i64),
    Text(String),
}

impl ToSql for Param {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        match self {
            Param::Int(i) => i.to_sql(),
            Param::Text(t) => t.to_sql(),
        }
    }
}

impl Param {
    fn literal(&self) -> String {
        match self {
            Param::Int(i) => i.to_string(),
            Param::Text(t) => format!("'{}'", t.replace('\'', "''")),
        }
    }
}

/// The WHERE clause and its parameters for a query; the SQL text never contains user input.
fn filter(query: &SearchQuery) -> (&'static str, Vec<Param>) {
    use Param::{Int, Text};
    match query {
        SearchQuery::All => ("1", vec![]),
        SearchQuery::Address {
            building,
            entrance: None,
            room: None,
        } => ("u.building = ?", vec![Int(*building as i64)]),
        SearchQuery::Address {
            building,
            entrance: Some(e),
            room: None,
        } => (
            "u.building = ? AND u.entrance = ?",
            vec![Int(*building as i64), Int(*e as i64)],
        ),
        SearchQuery::Address {
            building,
            entrance: None,
            room: Some(r),
        } => (
            "u.building = ? AND u.room = ?",
            vec![Int(*building as i64), Int(*r as i64)],
        ),
        SearchQuery::Address {
            building,
            entrance: Some(e),
            room: Some(r),
        } => (
            "u.building = ? AND u.entrance = ? AND u.room = ?",
            vec![Int(*building as i64), Int(*e as i64), Int(*r as i64)],
        ),
        SearchQuery::PartialRoom {
            building,
            entrance,
            digits,
        } => (
            "u.building = ? AND u.entrance = ? AND (u.room = ? OR printf('%04d', u.room) LIKE ? || '%')",
            vec![
                Int(*building as i64),
                Int(*entrance as i64),
                Int(digits.parse().unwrap_or(0)),
                Text(digits.clone()),
            ],
        ),
        SearchQuery::Room(room) => ("u.room = ?", vec![Int(*room as i64)]),
        SearchQuery::RoomOrPhoneTail(room, tail) => (
            "(u.room = ? OR u.id IN (SELECT unit_id FROM people WHERE substr(phone, 8) = ?))",
            vec![Int(*room as i64), Text(tail.clone())],
        ),
        SearchQuery::PhoneTail(tail) => (
            "u.id IN (SELECT unit_id FROM people WHERE phone LIKE '%' || ?)",
            vec![Text(tail.clone())],
        ),
        SearchQuery::Name(name) => (
            "u.id IN (SELECT unit_id FROM people WHERE instr(name, ?) > 0)",
            vec![Text(name.clone())],
        ),
    }
}

/// The page query for a filter; `LIMIT` and `OFFSET` are numbers the store computed.
fn page_sql(filter_sql: &str, page: usize, page_size: usize) -> String {
    format!(
        "SELECT {UNIT_COLUMNS},
                (SELECT group_concat(name, '、') FROM people p
                  WHERE p.unit_id = u.id AND p.relation = 'owner') AS owners,
                (SELECT phone FROM people p
                  WHERE p.unit_id = u.id AND p.phone IS NOT NULL
                  ORDER BY p.relation <> 'owner', p.id LIMIT 1) AS phone
         FROM units u WHERE {filter_sql}
         ORDER BY u.building, u.entrance, u.room
         LIMIT {page_size} OFFSET {}",
        page.saturating_mul(page_size)
    )
}

/// The SQL that [`Store::search_units`] runs for `query`, with its parameters written in as
/// literals: for running the same statements in the `sqlite3` shell (benchmarks, diagnosis).
pub fn search_sql_for_shell(query: &SearchQuery, page: usize, page_size: usize) -> Vec<String> {
    let (filter_sql, params) = filter(query);
    let mut literal = filter_sql.to_string();
    for p in &params {
        literal = literal.replacen('?', &p.literal(), 1);
    }
    vec![
        format!("SELECT count(*) FROM units u WHERE {literal};"),
        format!("{};", page_sql(&literal, page, page_size.clamp(1, 500))),
    ]
}

impl Store {
    /// One page of the units matching `query`, in building, entrance, room order.
    pub fn search_units(
        &self,
        query: &SearchQuery,
        page: usize,
        page_size: usize,
    ) -> Result<SearchPage> {
        let page_size = page_size.clamp(1, 500);
        let (filter_sql, params) = filter(query);
        let refs: Vec<&dyn ToSql> = params.iter().map(|p| p as &dyn ToSql).collect();
        let total: i64 = self
            .conn()
            .prepare_cached(&format!("SELECT count(*) FROM units u WHERE {filter_sql}"))?
            .query_row(refs.as_slice(), |r| r.get(0))?;
        let sql = page_sql(filter_sql, page, page_size);
        let mut stmt = self.conn().prepare_cached(&sql)?;
        let rows = stmt.query_map(refs.as_slice(), |r| {
            let unit = UnitRecord::from_row(r)?;
            let owners: Option<String> = r.get("owners")?;
            let phone: Option<String> = r.get("phone")?;
            Ok((unit, owners, phone))
        })?;
        let mut out = Vec::with_capacity(page_size);
        for row in rows {
            let (unit, owners, phone) = row?;
            let phone_masked = phone
                .and_then(|p| Mobile::parse(&p).ok())
                .map(|m| m.masked())
                .unwrap_or_default();
            out.push(UnitSummary {
                unit: unit?,
                owners: owners.unwrap_or_default(),
                phone_masked,
            });
        }
        Ok(SearchPage {
            rows: out,
            total,
            page,
            page_size,
        })
    }
}

/// The units a list's search names by address or room, as `{column} IN (SELECT id FROM units
/// WHERE …)` with its parameters: the lists of every tab read `3-2-1502`, `3-2`, `3号楼`, `301`
/// and `3-2-15` (typed so far) as the register does. `None` for a query that names no unit.
pub(crate) fn units_named(
    column: &str,
    query: &SearchQuery,
) -> Option<(String, Vec<Box<dyn ToSql>>)> {
    let (sql, p): (String, Vec<Box<dyn ToSql>>) = match query {
        SearchQuery::Address {
            building,
            entrance,
            room,
        } => {
            let mut sql = "building = ?".to_string();
            let mut p: Vec<Box<dyn ToSql>> = vec![Box::new(*building)];
            if let Some(e) = entrance {
                sql.push_str(" AND entrance = ?");
                p.push(Box::new(*e));
            }
            if let Some(r) = room {
                sql.push_str(" AND room = ?");
                p.push(Box::new(*r));
            }
            (sql, p)
        }
        // `3-2-15` on the way to `3-2-1502`: the rooms it may become, as the register reads it.
        SearchQuery::PartialRoom {
            building,
            entrance,
            digits,
        } => (
            "building = ? AND entrance = ? AND (room = ? OR printf('%04d', room) LIKE ? || '%')"
                .into(),
            vec![
                Box::new(*building),
                Box::new(*entrance),
                Box::new(digits.parse::<u32>().unwrap_or(0)),
                Box::new(digits.clone()),
            ],
        ),
        SearchQuery::Room(r) => ("room = ?".into(), vec![Box::new(*r)]),
        _ => return None,
    };
    Some((format!("{column} IN (SELECT id FROM units WHERE {sql})"), p))
}
