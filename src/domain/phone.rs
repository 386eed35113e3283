//! Mobile numbers: stored as 11 digits, shown masked.

use serde::{Deserialize, Serialize};

use super::text::normalize;

/// A mainland mobile number (`^1[3-9]\d{9}$`); `Display` shows it masked.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Mobile(String);

/// Why a phone number was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PhoneError {
    /// Not 11 digits starting 13–19.
    #[error("手机号应为1开头的11位数字，例如 13800138000")]
    Format,
}

impl Mobile {
    /// Parses a number as typed: spaces, dashes and a leading +86 are accepted.
    pub fn parse(text: &str) -> Result<Mobile, PhoneError> {
        let t: String = normalize(text).chars().filter(|c| !matches!(c, ' ' | '-' | '(' | ')')).collect();
        let t = t.strip_prefix("+86").or_else(|| t.strip_prefix("0086")).unwrap_or(&t);
        let t = if t.len() == 13 { t.strip_prefix("86").unwrap_or(t) } else { t };
        let b = t.as_bytes();
        if b.len() == 11 && b[0] == b'1' && (b'3'..=b'9').contains(&b[1]) && b.iter().all(u8::is_ascii_digit) {
            Ok(Mobile(t.to_string()))
        } else {
            Err(PhoneError::Format)
        }
    }

    /// The 11 digits.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// `138****5678`.
    pub fn masked(&self) -> String {
        format!("{}****{}", &self.0[..3], &self.0[7..])
    }

    /// The last four digits, which callers give to identify themselves.
    pub fn last4(&self) -> &str {
        &self.0[7..]
    }
}

impl std::fmt::Display for Mobile {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.masked())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_as_typed() {
        for s in ["13800138000", "138 0013 8000", "138-0013-8000", "+86 138 0013 8000", "８６13800138000", "１３８００１３８０００"] {
            assert_eq!(Mobile::parse(s).map(|m| m.as_str().to_string()), Ok("13800138000".into()), "{s}");
        }
        for s in ["12800138000", "1380013800", "138001380001", "1380013800a", "", "0371-65881234"] {
            assert_eq!(Mobile::parse(s), Err(PhoneError::Format), "{s}");
        }
        let m = Mobile::parse("13812345678").unwrap();
        assert_eq!((m.masked().as_str(), m.last4()), ("138****5678", "5678"));
        assert_eq!(m.to_string(), "138****5678");
    }
}
