//! Search as you type over the register: by room, by name, by the tail of a phone number.

use rusqlite::ToSql;

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

/// The WHERE clause and its parameters for a query; the SQL text never contains user input.
fn filter(query: &SearchQuery) -> (String, Vec<Box<dyn ToSql>>) {
    match query {
        SearchQuery::All => ("1".into(), vec![]),
        SearchQuery::Address { building, entrance, room } => {
            let mut sql = "u.building = ?".to_string();
            let mut params: Vec<Box<dyn ToSql>> = vec![Box::new(*building)];
            if let Some(e) = entrance {
                sql.push_str(" AND u.entrance = ?");
                params.push(Box::new(*e));
            }
            if let Some(r) = room {
                sql.push_str(" AND u.room = ?");
                params.push(Box::new(*r));
            }
            (sql, params)
        }
        SearchQuery::Room(room) => ("u.room = ?".into(), vec![Box::new(*room)]),
        SearchQuery::RoomOrPhoneTail(room, tail) => (
            "(u.room = ? OR u.id IN (SELECT unit_id FROM people WHERE substr(phone, 8) = ?))".into(),
            vec![Box::new(*room), Box::new(tail.clone())],
        ),
        SearchQuery::PhoneTail(tail) => (
            "u.id IN (SELECT unit_id FROM people WHERE phone LIKE '%' || ?)".into(),
            vec![Box::new(tail.clone())],
        ),
        SearchQuery::Name(name) => (
            "u.id IN (SELECT unit_id FROM people WHERE instr(name, ?) > 0)".into(),
            vec![Box::new(name.clone())],
        ),
    }
}

impl Store {
    /// One page of the units matching `query`, in building, entrance, room order.
    pub fn search_units(&self, query: &SearchQuery, page: usize, page_size: usize) -> Result<SearchPage> {
        let page_size = page_size.clamp(1, 500);
        let (filter_sql, params) = filter(query);
        let refs: Vec<&dyn ToSql> = params.iter().map(|p| p.as_ref()).collect();
        let total: i64 = self.conn().query_row(
            &format!("SELECT count(*) FROM units u WHERE {filter_sql}"),
            refs.as_slice(),
            |r| r.get(0),
        )?;
        let sql = format!(
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
        );
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
            out.push(UnitSummary { unit: unit?, owners: owners.unwrap_or_default(), phone_masked });
        }
        Ok(SearchPage { rows: out, total, page, page_size })
    }
}
