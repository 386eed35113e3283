//! Resident ID numbers (居民身份证号, GB 11643-1999): checked, and masked wherever shown.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use super::text::normalize;

/// A valid 18-character resident ID; `Display` shows it masked so it cannot leak by accident.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ResidentId(String);

/// Why an ID number was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IdError {
    /// Not 18 characters.
    #[error("身份证号应为18位，现在是{0}位")]
    Length(usize),
    /// A character other than digits and a final X.
    #[error("身份证号只能是数字，最后一位可以是X")]
    Character,
    /// The birth date inside is not a real date.
    #[error("身份证号中的出生日期（第7到14位）不是有效日期，请核对")]
    BirthDate,
    /// The check character does not match.
    #[error("身份证号校验位不对，请核对每一位，特别是最后一位")]
    Checksum,
}

const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK: [char; 11] = ['1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'];

impl ResidentId {
    /// The check character for the first 17 digits, or `None` if they are not 17 digits.
    pub fn check_char(first17: &str) -> Option<char> {
        if first17.len() != 17 || !first17.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let sum: u32 = first17.bytes().zip(WEIGHTS).map(|(b, w)| (b - b'0') as u32 * w).sum();
        Some(CHECK[(sum % 11) as usize])
    }

    /// Parses and checks an ID number as typed (lowercase x and full-width digits accepted).
    pub fn parse(text: &str) -> Result<ResidentId, IdError> {
        let t: String = normalize(text).chars().filter(|c| !c.is_whitespace()).collect::<String>().to_uppercase();
        let len = t.chars().count();
        if len != 18 {
            return Err(IdError::Length(len));
        }
        let (first17, last) = t.split_at(17);
        if !first17.bytes().all(|b| b.is_ascii_digit()) || !last.bytes().all(|b| b.is_ascii_digit() || b == b'X') {
            return Err(IdError::Character);
        }
        let birth = NaiveDate::parse_from_str(&first17[6..14], "%Y%m%d").map_err(|_| IdError::BirthDate)?;
        let today = chrono::Local::now().date_naive();
        if birth.year() < 1900 || birth > today {
            return Err(IdError::BirthDate);
        }
        if Self::check_char(first17).map(String::from) != Some(last.to_string()) {
            return Err(IdError::Checksum);
        }
        Ok(ResidentId(t))
    }

    /// The full number, for the few places that need it (the database, verification).
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The birth date inside the number.
    pub fn birth_date(&self) -> NaiveDate {
        NaiveDate::parse_from_str(&self.0[6..14], "%Y%m%d").unwrap_or_default()
    }

    /// `410***********1234`: what screens, paper and exports show.
    pub fn masked(&self) -> String {
        format!("{}{}{}", &self.0[..3], "*".repeat(11), &self.0[14..])
    }
}

impl std::fmt::Display for ResidentId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.masked())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_known_valid_id_with_x() {
        let id = ResidentId::parse("11010519491231002x").expect("valid");
        assert_eq!(id.as_str(), "11010519491231002X");
        assert_eq!(id.masked(), "110***********002X");
        assert_eq!(id.to_string(), id.masked());
        assert_eq!(id.birth_date(), NaiveDate::from_ymd_opt(1949, 12, 31).unwrap());
    }

    #[test]
    fn each_fault_has_its_message() {
        assert_eq!(ResidentId::parse("1101051949123100"), Err(IdError::Length(16)));
        assert_eq!(ResidentId::parse("11010519491231002Y"), Err(IdError::Character));
        assert_eq!(ResidentId::parse("11010519490231002X"), Err(IdError::BirthDate));
        assert_eq!(ResidentId::parse("110105194912310021"), Err(IdError::Checksum));
        assert_eq!(ResidentId::parse("110105299912310021").unwrap_err(), IdError::BirthDate);
        assert!(IdError::Checksum.to_string().contains("校验位"));
    }

    proptest! {
        #[test]
        fn any_real_birth_date_with_its_check_char_parses(
            region in 110000u32..660000, days in 0u64..36000, seq in 0u32..1000
        ) {
            let birth = NaiveDate::from_ymd_opt(1920, 1, 1).unwrap() + chrono::Days::new(days);
            prop_assume!(birth < chrono::Local::now().date_naive());
            let first17 = format!("{region}{}{seq:03}", birth.format("%Y%m%d"));
            let id = format!("{first17}{}", ResidentId::check_char(&first17).unwrap());
            let parsed = ResidentId::parse(&id).unwrap();
            prop_assert_eq!(parsed.birth_date(), birth);
            prop_assert_eq!(parsed.masked().len(), 18);
        }
    }
}
