//! The desk's single search box: one line of text, read as an address, a room, a phone
//! tail or a name.

use super::address::parse_partial;
use super::normalize_digits;
use super::phone::Mobile;

/// What the receptionist meant by the text in the search box.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SearchQuery {
    /// Empty box: list everything.
    All,
    /// A full or partial address: `3-2-1502`, `3-2`, `3号楼`, `3号楼2单元`; also a bare 1-2
    /// digit number, which at this desk is a building.
    Address {
        /// Building (楼栋).
        building: u32,
        /// Entrance (单元), if given.
        entrance: Option<u32>,
        /// Room (房号), if given.
        room: Option<u32>,
    },
    /// A building and entrance with the first one to three digits of a room, as typed on the
    /// way to `3-2-1502` (`3-2-1`, `3-2-15`, `3-2-150`): the room itself (`3-2-301` is 0301) or
    /// any room whose four digits start so.
    PartialRoom {
        /// Building (楼栋).
        building: u32,
        /// Entrance (单元).
        entrance: u32,
        /// The room digits typed so far (1-3 of them).
        digits: String,
    },
    /// A 3-digit room number such as `301`, in any building.
    Room(u32),
    /// Exactly 4 digits: a room (`1502`, `0301`) or the last four digits of a phone, the
    /// most common way callers identify themselves. Match either.
    RoomOrPhoneTail(u32, String),
    /// 5-11 digits: match phones ending with these digits.
    PhoneTail(String),
    /// Anything else (CJK, letters, mixed): match names containing the text.
    Name(String),
}

impl SearchQuery {
    /// Interprets the search text; never fails, since free text is always a name search.
    pub fn parse(text: &str) -> SearchQuery {
        let text = normalize_digits(text);
        if text.is_empty() {
            return SearchQuery::All;
        }
        // Before addresses: 138-0013-8000 would otherwise read as building 138.
        if let Ok(mobile) = Mobile::parse(&text) {
            return SearchQuery::PhoneTail(mobile.as_str().to_string());
        }
        // While typing `3-2-1502` the box holds `3-` and `3-2-` on the way: keep showing what
        // the part before the dash found, rather than nothing.
        let typed = text.trim_end();
        let unfinished = typed
            .strip_suffix('-')
            .filter(|t| t.ends_with(|c: char| c.is_ascii_digit()));
        if let Some(building) = unfinished
            .filter(|t| t.len() <= 3)
            .and_then(|t| t.parse().ok())
        {
            return SearchQuery::Address {
                building,
                entrance: None,
                room: None,
            };
        }
        if let Some(p) = parse_partial(unfinished.unwrap_or(typed)) {
            let room_digits: String = typed
                .trim_end_matches(['室', '号'])
                .chars()
                .rev()
                .take_while(|c| c.is_ascii_digit())
                .collect();
            if let (Some(entrance), Some(_), 1..=3) = (p.entrance, p.room, room_digits.len()) {
                return SearchQuery::PartialRoom {
                    building: p.building,
                    entrance,
                    digits: room_digits.chars().rev().collect(),
                };
            }
            return SearchQuery::Address {
                building: p.building,
                entrance: p.entrance,
                room: p.room,
            };
        }
        let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        if compact.bytes().all(|b| b.is_ascii_digit()) {
            // 1-4 digits always fit in u32; longer runs are only ever matched as phone suffixes.
            let value = compact.parse::<u32>().ok();
            return match (compact.len(), value) {
                (1..=2, Some(n)) => SearchQuery::Address {
                    building: n,
                    entrance: None,
                    room: None,
                },
                (3, Some(n)) => SearchQuery::Room(n),
                (4, Some(n)) => SearchQuery::RoomOrPhoneTail(n, compact),
                _ => SearchQuery::PhoneTail(compact),
            };
        }
        SearchQuery::Name(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn address(building: u32, entrance: Option<u32>, room: Option<u32>) -> SearchQuery {
        SearchQuery::Address {
            building,
            entrance,
            room,
        }
    }

    #[test]
    fn empty_is_all() {
        assert_eq!(SearchQuery::parse(""), SearchQuery::All);
        assert_eq!(SearchQuery::parse(" \t　"), SearchQuery::All);
    }

    #[test]
    fn addresses() {
        assert_eq!(
            SearchQuery::parse("3-2-1502"),
            address(3, Some(2), Some(1502))
        );
        assert_eq!(SearchQuery::parse("3-2"), address(3, Some(2), None));
        assert_eq!(SearchQuery::parse("3号楼"), address(3, None, None));
        assert_eq!(SearchQuery::parse("3号楼2单元"), address(3, Some(2), None));
        assert_eq!(
            SearchQuery::parse("3栋2单元1502室"),
            address(3, Some(2), Some(1502))
        );
        assert_eq!(
            SearchQuery::parse("３－２－０３０１"),
            address(3, Some(2), Some(301))
        );
        assert_eq!(SearchQuery::parse("3"), address(3, None, None));
        // On the way to 3-2-1502.
        assert_eq!(SearchQuery::parse("3-"), address(3, None, None));
        assert_eq!(SearchQuery::parse("3-2-"), address(3, Some(2), None));
        let partial = |d: &str| SearchQuery::PartialRoom {
            building: 3,
            entrance: 2,
            digits: d.into(),
        };
        assert_eq!(SearchQuery::parse("3-2-1"), partial("1"));
        assert_eq!(SearchQuery::parse("3-2-15"), partial("15"));
        assert_eq!(SearchQuery::parse("3-2-301"), partial("301"));
        assert_eq!(SearchQuery::parse("3号楼2单元150室"), partial("150"));
        assert_eq!(SearchQuery::parse("12"), address(12, None, None));
    }

    #[test]
    fn rooms_and_phone_tails() {
        assert_eq!(SearchQuery::parse("301"), SearchQuery::Room(301));
        assert_eq!(SearchQuery::parse("３０１"), SearchQuery::Room(301));
        assert_eq!(
            SearchQuery::parse("1502"),
            SearchQuery::RoomOrPhoneTail(1502, "1502".to_string())
        );
        assert_eq!(
            SearchQuery::parse("0301"),
            SearchQuery::RoomOrPhoneTail(301, "0301".to_string())
        );
        assert_eq!(
            SearchQuery::parse("45678"),
            SearchQuery::PhoneTail("45678".to_string())
        );
        assert_eq!(
            SearchQuery::parse("13800138000"),
            SearchQuery::PhoneTail("13800138000".to_string())
        );
        assert_eq!(
            SearchQuery::parse("138-0013-8000"),
            SearchQuery::PhoneTail("13800138000".to_string())
        );
        assert_eq!(
            SearchQuery::parse("+86 138 0013 8000"),
            SearchQuery::PhoneTail("13800138000".to_string())
        );
        assert_eq!(
            SearchQuery::parse("0013 8000"),
            SearchQuery::PhoneTail("00138000".to_string())
        );
    }

    #[test]
    fn names() {
        assert_eq!(
            SearchQuery::parse(" 张三 "),
            SearchQuery::Name("张三".to_string())
        );
        assert_eq!(
            SearchQuery::parse("Li Wei"),
            SearchQuery::Name("Li Wei".to_string())
        );
        assert_eq!(
            SearchQuery::parse("王"),
            SearchQuery::Name("王".to_string())
        );
        assert_eq!(
            SearchQuery::parse("3号"),
            SearchQuery::Name("3号".to_string())
        );
    }
}
