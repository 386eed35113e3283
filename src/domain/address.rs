//! Unit addresses (楼栋-单元-房号): parsing what the receptionist types, and showing it.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::normalize_digits;
use super::text::parse_u32;

/// The example shown whenever an address cannot be read, so the fix is obvious.
const FORMAT_HINT: &str = "请按 楼栋-单元-房号 填写，例如 3-2-1502";

/// One residential unit: building (楼栋), entrance (单元) and room (房号).
///
/// The room number packs floor and door: 1502 is floor 15, door 02; 301 is written `0301`.
/// Ordering is building, then entrance, then room, which is the order of the paper ledgers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct UnitAddress {
    /// Building number (楼栋), 1..=999.
    pub building: u32,
    /// Entrance / stairwell number (单元), 1..=999.
    pub entrance: u32,
    /// Room number (房号): floor × 100 + door, 101..=9999, door never 00.
    pub room: u32,
}

/// Why an address was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AddressError {
    /// The text does not look like an address at all.
    #[error("地址格式不对，{FORMAT_HINT}")]
    Format,
    /// Building number out of range.
    #[error("楼栋号 {0} 不对，应在 1 到 999 之间")]
    Building(u32),
    /// Entrance number out of range.
    #[error("单元号 {0} 不对，应在 1 到 999 之间")]
    Entrance(u32),
    /// Room number out of range or with floor / door 00.
    #[error("房号 {0} 不对，应为 楼层+两位门牌号，例如 1502 或 0301")]
    Room(u32),
}

/// An address as far as the user typed it; used by the search box for partial addresses.
pub(crate) struct PartialAddress {
    pub building: u32,
    pub entrance: Option<u32>,
    pub room: Option<u32>,
}

impl UnitAddress {
    /// Builds a checked address.
    ///
    /// # Errors
    /// Building or entrance outside 1..=999, room outside 1..=9999, or floor / door 00.
    pub fn new(building: u32, entrance: u32, room: u32) -> Result<Self, AddressError> {
        if !(1..=999).contains(&building) {
            return Err(AddressError::Building(building));
        }
        if !(1..=999).contains(&entrance) {
            return Err(AddressError::Entrance(entrance));
        }
        if !(1..=9999).contains(&room) || room.is_multiple_of(100) || room / 100 == 0 {
            return Err(AddressError::Room(room));
        }
        Ok(Self {
            building,
            entrance,
            room,
        })
    }

    /// Floor number: 15 for room 1502.
    pub fn floor(&self) -> u32 {
        self.room / 100
    }

    /// Door number on the floor: 2 for room 1502.
    pub fn door(&self) -> u32 {
        self.room % 100
    }

    /// Reads `3-2-1502`, `3号楼2单元1502室`, `3栋2单元1502`, `3幢…`, `3#2单元1502`,
    /// with full-width digits and dashes and surrounding whitespace allowed.
    ///
    /// # Errors
    /// [`AddressError::Format`] if the text is not a complete address, otherwise the range
    /// error from [`UnitAddress::new`].
    pub fn parse(s: &str) -> Result<Self, AddressError> {
        match parse_partial(s) {
            Some(PartialAddress {
                building,
                entrance: Some(entrance),
                room: Some(room),
            }) => Self::new(building, entrance, room),
            _ => Err(AddressError::Format),
        }
    }

    /// Compact form for tables and typing: `3-2-1502`, `5-1-0301`.
    pub fn short(&self) -> String {
        format!("{}-{}-{:04}", self.building, self.entrance, self.room)
    }
}

impl fmt::Display for UnitAddress {
    /// Paper form: `3号楼2单元1502室`, `5号楼1单元0301室`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}号楼{}单元{:04}室",
            self.building, self.entrance, self.room
        )
    }
}

/// Consumes a leading run of ASCII digits and returns its value (None on none / overflow).
fn take_number(rest: &mut &str) -> Option<u32> {
    let end = rest
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(rest.len());
    let (digits, tail) = rest.split_at(end);
    let n = parse_u32(digits)?;
    *rest = tail;
    Some(n)
}

/// Consumes the first of `seps` that starts `rest`; returns it.
fn take_sep(rest: &mut &str, seps: &[&'static str]) -> Option<&'static str> {
    let sep = seps.iter().find(|sep| rest.starts_with(**sep))?;
    *rest = &rest[sep.len()..];
    Some(sep)
}

/// Parses a complete or partial address: `3-2-1502`, `3-2`, `3号楼`, `3号楼2单元`,
/// `3栋2单元1502室`. A bare number is not an address (it could be a room or a phone tail).
/// Ranges are not checked here; [`UnitAddress::new`] does that for complete addresses.
pub(crate) fn parse_partial(s: &str) -> Option<PartialAddress> {
    let normalized: String = normalize_digits(s)
        .chars()
        // Dash look-alikes that IMEs and word processors produce.
        .map(|c| match c {
            '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{FE63}' => '-',
            _ => c,
        })
        // People type "3 - 2 - 1502" or "3号楼 2单元"; inner spaces carry no meaning.
        .filter(|c| !c.is_whitespace())
        .collect();
    let mut rest = normalized.as_str();

    let building = take_number(&mut rest)?;
    let sep = take_sep(&mut rest, &["-", "号楼", "栋", "幢", "#"])?;
    if rest.is_empty() {
        // "3号楼" names a building; "3-" is just an unfinished entry.
        return (sep != "-").then_some(PartialAddress {
            building,
            entrance: None,
            room: None,
        });
    }
    let entrance = take_number(&mut rest)?;
    if rest.is_empty() {
        return Some(PartialAddress {
            building,
            entrance: Some(entrance),
            room: None,
        });
    }
    let sep = take_sep(&mut rest, &["-", "单元"])?;
    if rest.is_empty() {
        return (sep != "-").then_some(PartialAddress {
            building,
            entrance: Some(entrance),
            room: None,
        });
    }
    let room = take_number(&mut rest)?;
    let _ = take_sep(&mut rest, &["室", "号"]);
    rest.is_empty().then_some(PartialAddress {
        building,
        entrance: Some(entrance),
        room: Some(room),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn addr(b: u32, e: u32, r: u32) -> UnitAddress {
        UnitAddress {
            building: b,
            entrance: e,
            room: r,
        }
    }

    #[test]
    fn parses_every_accepted_form() {
        let want = addr(3, 2, 1502);
        for s in [
            "3-2-1502",
            "3号楼2单元1502",
            "3号楼2单元1502室",
            "3栋2单元1502室",
            "3幢2单元1502",
            "3#2单元1502",
            "３－２－１５０２",
            "3—2—1502",
            "3‐2‐1502",
            "  3-2-1502\t",
            "3 - 2 - 1502",
            "３号楼２单元１５０２室",
        ] {
            assert_eq!(UnitAddress::parse(s), Ok(want), "{s}");
        }
        assert_eq!(UnitAddress::parse("3-2-0301"), Ok(addr(3, 2, 301)));
        assert_eq!(UnitAddress::parse("3-2-301"), Ok(addr(3, 2, 301)));
    }

    #[test]
    fn rejects_garbage_with_format_hint() {
        for s in [
            "",
            "3-2",
            "3号楼",
            "abc",
            "3-2-1502-1",
            "3-2-1502x",
            "3楼2单元1502",
            "-2-1502",
        ] {
            let err = UnitAddress::parse(s);
            assert_eq!(err, Err(AddressError::Format), "{s}");
        }
        let msg = AddressError::Format.to_string();
        assert!(
            msg.contains("请按 楼栋-单元-房号 填写，例如 3-2-1502"),
            "{msg}"
        );
    }

    #[test]
    fn rejects_out_of_range_parts() {
        assert_eq!(
            UnitAddress::parse("0-2-1502"),
            Err(AddressError::Building(0))
        );
        assert_eq!(
            UnitAddress::parse("1000-2-1502"),
            Err(AddressError::Building(1000))
        );
        assert_eq!(
            UnitAddress::parse("3-0-1502"),
            Err(AddressError::Entrance(0))
        );
        assert_eq!(
            UnitAddress::parse("3-2-1500"),
            Err(AddressError::Room(1500))
        );
        assert_eq!(UnitAddress::parse("3-2-0002"), Err(AddressError::Room(2)));
        assert_eq!(
            UnitAddress::parse("3-2-10001"),
            Err(AddressError::Room(10001))
        );
        assert_eq!(
            UnitAddress::parse("3-2-99999999999"),
            Err(AddressError::Format)
        );
        assert!(UnitAddress::new(999, 999, 9999).is_ok());
    }

    #[test]
    fn shows_paper_and_short_forms() {
        let a = addr(3, 2, 1502);
        assert_eq!(a.to_string(), "3号楼2单元1502室");
        assert_eq!(a.short(), "3-2-1502");
        assert_eq!((a.floor(), a.door()), (15, 2));
        let b = addr(5, 1, 301);
        assert_eq!(b.to_string(), "5号楼1单元0301室");
        assert_eq!(b.short(), "5-1-0301");
        assert_eq!((b.floor(), b.door()), (3, 1));
    }

    #[test]
    fn orders_like_the_ledger() {
        assert!(addr(3, 2, 1502) < addr(3, 3, 101));
        assert!(addr(2, 9, 9999) < addr(3, 1, 101));
    }

    #[test]
    fn partial_addresses() {
        let p = |s| parse_partial(s).map(|p| (p.building, p.entrance, p.room));
        assert_eq!(p("3-2"), Some((3, Some(2), None)));
        assert_eq!(p("3号楼"), Some((3, None, None)));
        assert_eq!(p("3号楼2单元"), Some((3, Some(2), None)));
        assert_eq!(p("3-"), None);
        assert_eq!(p("3-2-"), None);
        assert_eq!(p("1502"), None);
    }

    proptest! {
        #[test]
        fn short_and_display_round_trip(b in 1u32..=999, e in 1u32..=999, f in 1u32..=99, d in 1u32..=99) {
            let a = UnitAddress::new(b, e, f * 100 + d).map_err(|e| TestCaseError::fail(e.to_string()))?;
            prop_assert_eq!(UnitAddress::parse(&a.short()), Ok(a));
            prop_assert_eq!(UnitAddress::parse(&a.to_string()), Ok(a));
        }
    }
}
