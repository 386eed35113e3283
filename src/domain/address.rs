//! Unit addresses: 楼栋-单元-房号, parsed from the ways the desk writes them.

use serde::{Deserialize, Serialize};

use super::text::normalize;

/// A unit's address: building (楼栋), entrance (单元) and room (房号; 1502 = floor 15, door 02).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct UnitAddress {
    /// 楼栋.
    pub building: u32,
    /// 单元.
    pub entrance: u32,
    /// 房号: floor × 100 + door.
    pub room: u32,
}

/// Why an address was not understood.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AddressError {
    /// Not in a form we read.
    #[error("房号格式不对，请按 楼栋-单元-房号 填写，例如 3-2-1502")]
    Format,
    /// A part is out of range.
    #[error("{0}")]
    Range(&'static str),
}

/// The separators between the parts, as people write them.
const BUILDING_MARKS: [&str; 5] = ["号楼", "栋", "幢", "#", "号"];
const ENTRANCE_MARKS: [&str; 1] = ["单元"];

impl UnitAddress {
    /// An address from its parts, checked.
    pub fn new(building: u32, entrance: u32, room: u32) -> Result<Self, AddressError> {
        if building == 0 || building > 999 {
            return Err(AddressError::Range("楼栋号应在1到999之间"));
        }
        if entrance == 0 || entrance > 99 {
            return Err(AddressError::Range("单元号应在1到99之间"));
        }
        if room > 9999 || room / 100 == 0 || room % 100 == 0 {
            return Err(AddressError::Range("房号应为 楼层+两位门号，例如 1502 或 0301"));
        }
        Ok(UnitAddress { building, entrance, room })
    }

    /// The floor: 15 for room 1502.
    pub fn floor(&self) -> u32 {
        self.room / 100
    }

    /// The door on the floor: 2 for room 1502.
    pub fn door(&self) -> u32 {
        self.room % 100
    }

    /// Parses `3-2-1502`, `3号楼2单元1502室`, `3栋2单元1502`, `3幢…`, `3#2单元…`, full-width digits.
    pub fn parse(text: &str) -> Result<Self, AddressError> {
        let (b, e, r) = split_parts(text).ok_or(AddressError::Format)?;
        let (Some(e), Some(r)) = (e, r) else {
            return Err(AddressError::Format);
        };
        Self::new(b, e, r)
    }

    /// `3-2-1502`, `5-1-0301`.
    pub fn short(&self) -> String {
        format!("{}-{}-{:04}", self.building, self.entrance, self.room)
    }
}

fn number(s: &str) -> Option<u32> {
    let s = s.trim();
    if s.is_empty() || s.len() > 6 || !s.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

/// Splits a full or partial address into building, entrance and room. Used by the parser and
/// by search, which also accepts `3-2` and `3号楼`.
pub(crate) fn split_parts(text: &str) -> Option<(u32, Option<u32>, Option<u32>)> {
    let t: String = normalize(text).chars().filter(|c| !c.is_whitespace()).collect();
    let t = t.strip_suffix('室').unwrap_or(&t);
    if t.is_empty() {
        return None;
    }
    if t.contains('-') {
        let parts: Vec<&str> = t.split('-').collect();
        return match parts.as_slice() {
            [b] => Some((number(b)?, None, None)),
            [b, e] if e.is_empty() => Some((number(b)?, None, None)),
            [b, e] => Some((number(b)?, Some(number(e)?), None)),
            [b, e, r] if r.is_empty() => Some((number(b)?, Some(number(e)?), None)),
            [b, e, r] => Some((number(b)?, Some(number(e)?), Some(number(r)?))),
            _ => None,
        };
    }
    let (b, rest) = BUILDING_MARKS.iter().find_map(|m| t.split_once(m))?;
    let building = number(b)?;
    if rest.is_empty() {
        return Some((building, None, None));
    }
    let (e, r) = ENTRANCE_MARKS.iter().find_map(|m| rest.split_once(m))?;
    let entrance = number(e)?;
    if r.is_empty() {
        return Some((building, Some(entrance), None));
    }
    Some((building, Some(entrance), Some(number(r.strip_suffix('号').unwrap_or(r))?)))
}

impl std::fmt::Display for UnitAddress {
    /// `3号楼2单元1502室`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}号楼{}单元{:04}室", self.building, self.entrance, self.room)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn a(b: u32, e: u32, r: u32) -> UnitAddress {
        UnitAddress { building: b, entrance: e, room: r }
    }

    #[test]
    fn the_ways_the_desk_writes_an_address() {
        for s in [
            "3-2-1502",
            "3号楼2单元1502",
            "3号楼2单元1502室",
            "3栋2单元1502室",
            "3幢2单元1502",
            "3#2单元1502",
            "３－２－１５０２",
            " 3 号楼 2 单元 1502 室 ",
        ] {
            assert_eq!(UnitAddress::parse(s), Ok(a(3, 2, 1502)), "{s}");
        }
        assert_eq!(UnitAddress::parse("5-1-0301"), Ok(a(5, 1, 301)));
        assert_eq!(UnitAddress::parse("5-1-301"), Ok(a(5, 1, 301)));
    }

    #[test]
    fn what_is_refused() {
        for s in ["", "3-2", "三号楼", "3-2-1500", "3-0-1502", "0-1-101", "3-2-15020", "3-2-1502-1", "abc"] {
            assert!(UnitAddress::parse(s).is_err(), "{s}");
        }
        assert_eq!(UnitAddress::parse("x").unwrap_err().to_string(), "房号格式不对，请按 楼栋-单元-房号 填写，例如 3-2-1502");
    }

    #[test]
    fn shown_as_the_desk_writes_it() {
        assert_eq!(a(3, 2, 1502).to_string(), "3号楼2单元1502室");
        assert_eq!(a(5, 1, 301).to_string(), "5号楼1单元0301室");
        assert_eq!(a(5, 1, 301).short(), "5-1-0301");
        assert_eq!((a(3, 2, 1502).floor(), a(3, 2, 1502).door()), (15, 2));
    }

    proptest! {
        #[test]
        fn round_trips(b in 1u32..=999, e in 1u32..=99, floor in 1u32..=99, door in 1u32..=99) {
            let addr = UnitAddress::new(b, e, floor * 100 + door).unwrap();
            prop_assert_eq!(UnitAddress::parse(&addr.short()), Ok(addr));
            prop_assert_eq!(UnitAddress::parse(&addr.to_string()), Ok(addr));
        }
    }
}
