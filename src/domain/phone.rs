//! Mainland mobile numbers (手机号): parsing with spaces, dashes and +86, and masking.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::normalize_digits;

/// A validated 11-digit mainland mobile number (`^1[3-9]\d{9}$`), stored as digits only.
///
/// It is personal information: [`Display`](fmt::Display) and [`Debug`] show `138****5678`;
/// [`Mobile::as_str`] is the deliberate way to get the full number.
#[derive(Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Mobile(String);

/// Why a mobile number was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PhoneError {
    /// Nothing typed.
    #[error("请填写手机号")]
    Empty,
    /// A character other than digits, spaces, dashes or a leading +86.
    #[error("手机号里有“{0}”，只能填数字，例如 138 0013 8000")]
    Character(char),
    /// Not 11 digits.
    #[error("手机号应为 11 位，现在是 {0} 位，请核对是否漏输或多输")]
    Length(usize),
    /// Does not start with 13-19.
    #[error("手机号应以 13 到 19 开头，请核对前两位；座机号请填在备注里")]
    Prefix,
}

impl Mobile {
    /// Reads `13800138000`, `138 0013 8000`, `138-0013-8000`, `+86 138…`, `86 138…`,
    /// full-width digits too.
    ///
    /// # Errors
    /// Empty, a stray character, not 11 digits, or not starting with 13-19.
    pub fn parse(s: &str) -> Result<Self, PhoneError> {
        let normalized = normalize_digits(s);
        let mut digits: String = normalized
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '-')
            .collect();
        if let Some(rest) = digits.strip_prefix("+86") {
            digits = rest.to_string();
        } else if digits.len() == 13 && digits.starts_with("86") {
            // Only strip a bare 86 when it leaves 11 digits; otherwise it may be a typo.
            digits = digits[2..].to_string();
        }
        if digits.is_empty() {
            return Err(PhoneError::Empty);
        }
        if let Some(bad) = digits.chars().find(|c| !c.is_ascii_digit()) {
            return Err(PhoneError::Character(bad));
        }
        if digits.len() != 11 {
            return Err(PhoneError::Length(digits.len()));
        }
        let bytes = digits.as_bytes();
        if bytes[0] != b'1' || !(b'3'..=b'9').contains(&bytes[1]) {
            return Err(PhoneError::Prefix);
        }
        Ok(Self(digits))
    }

    /// The full 11 digits. Only for roles that need to dial or print it in full.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Masked for screens, prints and exports: `138****5678`.
    pub fn masked(&self) -> String {
        format!("{}****{}", self.0.get(..3).unwrap_or(""), self.last4())
    }

    /// The last four digits, which callers read back to confirm identity.
    pub fn last4(&self) -> &str {
        self.0.get(7..).unwrap_or("")
    }
}

impl fmt::Display for Mobile {
    /// Masked, so formatting a number into a screen or print cannot leak it.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.masked())
    }
}

impl fmt::Debug for Mobile {
    /// Masked as well: debug output ends up in logs.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Mobile({})", self.masked())
    }
}

impl TryFrom<String> for Mobile {
    type Error = PhoneError;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<Mobile> for String {
    fn from(m: Mobile) -> Self {
        m.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_accepted_forms() {
        for s in [
            "13800138000",
            "138 0013 8000",
            "138-0013-8000",
            "+8613800138000",
            "+86 138 0013 8000",
            "86 13800138000",
            "8613800138000",
            "１３８００１３８０００",
            " 13800138000 ",
        ] {
            assert_eq!(
                Mobile::parse(s).as_ref().map(Mobile::as_str),
                Ok("13800138000"),
                "{s}"
            );
        }
    }

    #[test]
    fn rejects_bad_numbers() {
        assert_eq!(Mobile::parse(""), Err(PhoneError::Empty));
        assert_eq!(Mobile::parse(" - "), Err(PhoneError::Empty));
        assert_eq!(
            Mobile::parse("1380013800a"),
            Err(PhoneError::Character('a'))
        );
        assert_eq!(Mobile::parse("1380013800"), Err(PhoneError::Length(10)));
        assert_eq!(Mobile::parse("138001380001"), Err(PhoneError::Length(12)));
        assert_eq!(Mobile::parse("12800138000"), Err(PhoneError::Prefix));
        assert_eq!(Mobile::parse("23800138000"), Err(PhoneError::Prefix));
        assert_eq!(Mobile::parse("+86"), Err(PhoneError::Empty));
        assert_eq!(Mobile::parse("手机"), Err(PhoneError::Character('手')));
    }

    #[test]
    fn masks() {
        let Ok(m) = Mobile::parse("13812345678") else {
            panic!("valid number refused");
        };
        assert_eq!(m.masked(), "138****5678");
        assert_eq!(m.to_string(), "138****5678");
        assert_eq!(m.last4(), "5678");
        assert!(!format!("{m:?}").contains("1234"));
        assert_eq!(String::from(m), "13812345678");
    }
}
