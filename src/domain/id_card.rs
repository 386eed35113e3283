//! Resident identity card numbers (居民身份证号, GB 11643-1999) and their masking.

use std::fmt;

use chrono::{Datelike, Local, NaiveDate};
use serde::{Deserialize, Serialize};

use super::normalize_digits;

/// Weights of the first 17 digits in the GB 11643-1999 check.
const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
/// Check character for each remainder 0..=10 of the weighted sum mod 11.
const CHECK_CHARS: [char; 11] = ['1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'];

/// A validated 18-character resident ID number, stored with an uppercase `X`.
///
/// It is personal information: [`Display`](fmt::Display) and [`Debug`] show the masked
/// form so it cannot leak into screens or logs by accident; [`ResidentId::as_str`] is
/// the deliberate way to get the full value. Serde uses the full value and re-validates
/// on deserialisation.
#[derive(Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct ResidentId(String);

/// Why an ID number was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IdError {
    /// Not 18 characters long.
    #[error("身份证号应为 18 位，现在是 {0} 位，请核对是否漏输或多输")]
    Length(usize),
    /// A character that is not allowed at that position (1-based).
    #[error("身份证号第 {position} 位“{found}”不对，前 17 位只能是数字，最后一位是数字或 X")]
    Character {
        /// 1-based position of the offending character.
        position: usize,
        /// The character as typed.
        found: char,
    },
    /// The birth date (characters 7-14) is not a real past date from 1900 on.
    #[error("身份证号中的出生日期（第 7-14 位）{0} 不是有效日期，请核对")]
    BirthDate(String),
    /// The final character does not match the other 17.
    #[error("身份证号校验位不对，请核对最后一位及其他各位是否输错")]
    Checksum,
}

impl ResidentId {
    /// Reads an ID number: trims, accepts lowercase `x` and full-width digits, then checks
    /// length, characters, birth date and the check character, in that order.
    ///
    /// # Errors
    /// One [`IdError`] naming the first problem found.
    pub fn parse(s: &str) -> Result<Self, IdError> {
        Self::parse_on(s, Local::now().date_naive())
    }

    /// [`ResidentId::parse`] with an explicit "today", so the future-date rule is testable.
    fn parse_on(s: &str, today: NaiveDate) -> Result<Self, IdError> {
        let id = normalize_digits(s).to_uppercase();
        let len = id.chars().count();
        if len != 18 {
            return Err(IdError::Length(len));
        }
        for (i, c) in id.chars().enumerate() {
            let ok = c.is_ascii_digit() || (i == 17 && c == 'X');
            if !ok {
                return Err(IdError::Character {
                    position: i + 1,
                    found: c,
                });
            }
        }
        // All 18 characters are ASCII from here on, so byte slicing is safe.
        let birth = &id[6..14];
        match birth_date_of(&id) {
            Some(d) if d.year() >= 1900 && d <= today => {}
            _ => return Err(IdError::BirthDate(birth.to_string())),
        }
        if Self::check_char(&id[..17]) != id.chars().nth(17) {
            return Err(IdError::Checksum);
        }
        Ok(Self(id))
    }

    /// The full 18-character number. Only for roles that need it (PIPL).
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The birth date encoded in characters 7-14.
    pub fn birth_date(&self) -> NaiveDate {
        // Every ResidentId was validated (parse or serde try_from), so this always succeeds;
        // the fallback only keeps the function total.
        birth_date_of(&self.0).unwrap_or(NaiveDate::MIN)
    }

    /// Masked for screens, prints and exports: `410***********1234`.
    pub fn masked(&self) -> String {
        let head: String = self.0.chars().take(3).collect();
        let tail: String = self.0.chars().skip(14).collect();
        format!("{head}{}{tail}", "*".repeat(11))
    }

    /// The check character for 17 leading digits, or `None` if `first17` is not exactly
    /// 17 ASCII digits. Used to generate valid fictional IDs for demos and tests.
    pub fn check_char(first17: &str) -> Option<char> {
        if first17.len() != 17 || !first17.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let sum: u32 = first17
            .bytes()
            .zip(WEIGHTS)
            .map(|(b, w)| u32::from(b - b'0') * w)
            .sum();
        CHECK_CHARS.get((sum % 11) as usize).copied()
    }
}

/// Reads YYYYMMDD from characters 7-14; `None` if not a real calendar date.
fn birth_date_of(id: &str) -> Option<NaiveDate> {
    let digits = id.get(6..14)?;
    let year = digits.get(0..4)?.parse().ok()?;
    let month = digits.get(4..6)?.parse().ok()?;
    let day = digits.get(6..8)?.parse().ok()?;
    NaiveDate::from_ymd_opt(year, month, day)
}

impl fmt::Display for ResidentId {
    /// Masked, so that formatting an ID into a screen or print can never leak it.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.masked())
    }
}

impl fmt::Debug for ResidentId {
    /// Masked as well: debug output ends up in logs.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ResidentId({})", self.masked())
    }
}

impl TryFrom<String> for ResidentId {
    type Error = IdError;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<ResidentId> for String {
    fn from(id: ResidentId) -> Self {
        id.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 29).unwrap_or(NaiveDate::MIN)
    }

    /// A valid ID with the given first 17 digits.
    fn with_check(first17: &str) -> String {
        let c = ResidentId::check_char(first17).unwrap_or('?');
        format!("{first17}{c}")
    }

    #[test]
    fn known_valid_ids() {
        assert_eq!(ResidentId::check_char("11010519491231002"), Some('X'));
        let id = ResidentId::parse("11010519491231002X");
        assert_eq!(
            id.as_ref().map(ResidentId::as_str),
            Ok("11010519491231002X")
        );
        let lower = ResidentId::parse(" 11010519491231002x ");
        assert_eq!(lower, id);
        let full_width = ResidentId::parse("１１０１０５１９４９１２３１００２ｘ");
        assert_eq!(full_width, id);
        let other = with_check("41010219850615123");
        assert!(ResidentId::parse(&other).is_ok(), "{other}");
    }

    #[test]
    fn check_char_rejects_bad_input() {
        assert_eq!(ResidentId::check_char("1101051949123100"), None);
        assert_eq!(ResidentId::check_char("1101051949123100a"), None);
        assert_eq!(
            ResidentId::check_char("１１０１０５１９４９１２３１００２"),
            None
        );
    }

    #[test]
    fn masks_and_reads_birth_date() {
        let Ok(id) = ResidentId::parse("11010519491231002X") else {
            panic!("valid id refused");
        };
        assert_eq!(id.masked(), "110***********002X");
        assert_eq!(id.to_string(), "110***********002X");
        assert!(!format!("{id:?}").contains("19491231"));
        assert_eq!(
            id.birth_date(),
            NaiveDate::from_ymd_opt(1949, 12, 31).unwrap_or(NaiveDate::MIN)
        );
    }

    #[test]
    fn each_error() {
        assert_eq!(
            ResidentId::parse("1101051949123100"),
            Err(IdError::Length(16))
        );
        assert_eq!(ResidentId::parse(""), Err(IdError::Length(0)));
        assert_eq!(
            ResidentId::parse("1101051949123100AX"),
            Err(IdError::Character {
                position: 17,
                found: 'A'
            })
        );
        assert_eq!(
            ResidentId::parse("11010519491231002Y"),
            Err(IdError::Character {
                position: 18,
                found: 'Y'
            })
        );
        assert_eq!(
            ResidentId::parse("110105194912310021"),
            Err(IdError::Checksum)
        );
        assert_eq!(
            IdError::Checksum.to_string(),
            "身份证号校验位不对，请核对最后一位及其他各位是否输错"
        );
        // Bad dates with a correct check character, so only the date rule can fire.
        for first17 in [
            "11010519490230002",
            "11010518991231002",
            "11010520261130002",
        ] {
            let id = with_check(first17);
            assert!(
                matches!(
                    ResidentId::parse_on(&id, today()),
                    Err(IdError::BirthDate(_))
                ),
                "{id}"
            );
        }
        let born_today = with_check("11010520261129002");
        assert!(ResidentId::parse_on(&born_today, today()).is_ok());
    }

    #[test]
    fn serde_keeps_full_value_and_revalidates() {
        let Ok(id) = ResidentId::try_from("11010519491231002X".to_string()) else {
            panic!("valid id refused");
        };
        assert_eq!(String::from(id), "11010519491231002X");
        assert!(ResidentId::try_from("110105194912310021".to_string()).is_err());
    }

    proptest! {
        #[test]
        fn any_valid_date_with_check_char_parses(
            region in 0u32..=999_999,
            date in (1900i32..=2025, 1u32..=12, 1u32..=31),
            seq in 0u32..=999,
        ) {
            let (y, m, d) = date;
            prop_assume!(NaiveDate::from_ymd_opt(y, m, d).is_some());
            let first17 = format!("{region:06}{y:04}{m:02}{d:02}{seq:03}");
            let id = with_check(&first17);
            let parsed = ResidentId::parse(&id).map_err(|e| TestCaseError::fail(e.to_string()))?;
            prop_assert_eq!(parsed.as_str(), id.as_str());
            prop_assert_eq!(parsed.birth_date(), NaiveDate::from_ymd_opt(y, m, d).unwrap_or(NaiveDate::MIN));
            prop_assert_eq!(parsed.masked().chars().count(), 18);
        }
    }
}
