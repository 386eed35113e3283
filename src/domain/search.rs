//! What the receptionist typed in the search box, understood.

use super::address::split_parts;
use super::text::normalize;

/// A search of the register.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SearchQuery {
    /// Nothing typed: everything.
    All,
    /// A full or partial address: `3-2-1502`, `3-2`, `3号楼`.
    Address {
        /// 楼栋.
        building: u32,
        /// 单元, if given.
        entrance: Option<u32>,
        /// 房号, if given.
        room: Option<u32>,
    },
    /// Three digits: a room number on any building (`301`).
    Room(u32),
    /// Four digits: a room number (`1502`) or the last four digits of a phone (`5678`).
    RoomOrPhoneTail(u32, String),
    /// Five to eleven digits: the end of a phone number.
    PhoneTail(String),
    /// Anything else: part of a name.
    Name(String),
}

impl SearchQuery {
    /// Understands what was typed.
    pub fn parse(text: &str) -> SearchQuery {
        let t = normalize(text);
        if t.is_empty() {
            return SearchQuery::All;
        }
        let digits_only = t.chars().all(|c| c.is_ascii_digit());
        if digits_only {
            let n: u32 = t.parse().unwrap_or(0);
            return match t.len() {
                1 | 2 => SearchQuery::Address { building: n, entrance: None, room: None },
                3 => SearchQuery::Room(n),
                4 => SearchQuery::RoomOrPhoneTail(n, t),
                5..=11 => SearchQuery::PhoneTail(t),
                _ => SearchQuery::Name(t),
            };
        }
        if let Some((building, entrance, room)) = split_parts(&t) {
            return SearchQuery::Address { building, entrance, room };
        }
        SearchQuery::Name(t)
    }
}

#[cfg(test)]
mod tests {
    use super::SearchQuery::*;
    use super::*;

    #[test]
    fn what_the_box_understands() {
        assert_eq!(SearchQuery::parse("  "), All);
        assert_eq!(SearchQuery::parse("3-2-1502"), Address { building: 3, entrance: Some(2), room: Some(1502) });
        assert_eq!(SearchQuery::parse("3栋2单元1502室"), Address { building: 3, entrance: Some(2), room: Some(1502) });
        assert_eq!(SearchQuery::parse("3-2"), Address { building: 3, entrance: Some(2), room: None });
        assert_eq!(SearchQuery::parse("3-"), Address { building: 3, entrance: None, room: None });
        assert_eq!(SearchQuery::parse("3号楼"), Address { building: 3, entrance: None, room: None });
        assert_eq!(SearchQuery::parse("3号楼2单元"), Address { building: 3, entrance: Some(2), room: None });
        assert_eq!(SearchQuery::parse("301"), Room(301));
        assert_eq!(SearchQuery::parse("1502"), RoomOrPhoneTail(1502, "1502".into()));
        assert_eq!(SearchQuery::parse("１５０２"), RoomOrPhoneTail(1502, "1502".into()));
        assert_eq!(SearchQuery::parse("38000"), PhoneTail("38000".into()));
        assert_eq!(SearchQuery::parse("13800138000"), PhoneTail("13800138000".into()));
        assert_eq!(SearchQuery::parse("张伟"), Name("张伟".into()));
        assert_eq!(SearchQuery::parse("3"), Address { building: 3, entrance: None, room: None });
    }
}
