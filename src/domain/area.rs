//! Building area (建筑面积) in hundredths of a square metre, never floating point.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::normalize_digits;
use super::text::{DecimalError, parse_hundredths};

/// Largest area the desk accepts: 99999.99 m², far above any residential unit.
const MAX_HUNDREDTHS: i64 = 9_999_999;

/// Unit suffixes people type after the number; longest first so `平方米` wins over `米`.
const UNIT_SUFFIXES: &[&str] = &["平方米", "平米", "m²", "M²", "m2", "M2", "㎡"];

/// An area in hundredths of a square metre: `Area(8950)` is 89.50 m².
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
pub struct Area(pub i64);

/// Why an area was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AreaError {
    /// Nothing typed.
    #[error("请填写建筑面积，例如 89.50")]
    Empty,
    /// Not a number.
    #[error("面积格式不对，请只填数字，例如 89.50")]
    Format,
    /// Negative value.
    #[error("面积不能是负数，请核对")]
    Negative,
    /// Zero.
    #[error("面积不能为 0，请核对")]
    Zero,
    /// More than two decimals.
    #[error("面积最多保留两位小数，例如 89.50")]
    TooManyDecimals,
    /// Above 99999.99 m².
    #[error("面积超过 99999.99 平方米，请核对是否多输了数字")]
    TooLarge,
}

impl Area {
    /// Reads `89.5`, `89.50`, `89`, `89.50㎡`, `89.50m²`, `89.50 平方米`, full-width digits too.
    ///
    /// # Errors
    /// Empty, non-numeric, negative, zero, more than two decimals, or above 99999.99.
    pub fn parse(s: &str) -> Result<Self, AreaError> {
        let normalized = normalize_digits(s);
        let mut text = normalized.as_str();
        for suffix in UNIT_SUFFIXES {
            if let Some(stripped) = text.strip_suffix(suffix) {
                text = stripped.trim_end();
                break;
            }
        }
        if text.is_empty() {
            return Err(AreaError::Empty);
        }
        if let Some(unsigned) = text.strip_prefix('-') {
            // Only call it negative if the rest is a number; "-abc" is just garbage.
            return Err(match parse_hundredths(unsigned.trim_start()) {
                Ok(0) => AreaError::Zero,
                Ok(_) => AreaError::Negative,
                Err(_) => AreaError::Format,
            });
        }
        let hundredths = parse_hundredths(text).map_err(|e| match e {
            DecimalError::Format => AreaError::Format,
            DecimalError::TooManyDecimals => AreaError::TooManyDecimals,
            DecimalError::TooLarge => AreaError::TooLarge,
        })?;
        match hundredths {
            0 => Err(AreaError::Zero),
            h if h > MAX_HUNDREDTHS => Err(AreaError::TooLarge),
            h => Ok(Self(h)),
        }
    }

    /// The raw value in hundredths of a square metre.
    pub fn hundredths(self) -> i64 {
        self.0
    }

    /// With the unit, for forms: `89.50 m²`.
    pub fn with_unit(&self) -> String {
        format!("{self} m²")
    }
}

impl fmt::Display for Area {
    /// Two decimals, no unit: `89.50`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // unsigned_abs so that even i64::MIN (never produced by parse) cannot overflow.
        let sign = if self.0 < 0 { "-" } else { "" };
        let abs = self.0.unsigned_abs();
        write!(f, "{sign}{}.{:02}", abs / 100, abs % 100)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_accepted_forms() {
        for (s, want) in [
            ("89.5", 8950),
            ("89.50", 8950),
            ("89", 8900),
            ("89.50㎡", 8950),
            ("89.50m²", 8950),
            ("89.50 平方米", 8950),
            ("８９．５０", 8950),
            (" 0.01 ", 1),
            ("99999.99", 9_999_999),
        ] {
            assert_eq!(Area::parse(s), Ok(Area(want)), "{s}");
        }
    }

    #[test]
    fn rejects_bad_areas() {
        assert_eq!(Area::parse(""), Err(AreaError::Empty));
        assert_eq!(Area::parse("㎡"), Err(AreaError::Empty));
        assert_eq!(Area::parse("abc"), Err(AreaError::Format));
        assert_eq!(Area::parse("-89.5"), Err(AreaError::Negative));
        assert_eq!(Area::parse("-abc"), Err(AreaError::Format));
        assert_eq!(Area::parse("0"), Err(AreaError::Zero));
        assert_eq!(Area::parse("0.00"), Err(AreaError::Zero));
        assert_eq!(Area::parse("89.505"), Err(AreaError::TooManyDecimals));
        assert_eq!(Area::parse("100000"), Err(AreaError::TooLarge));
        assert_eq!(
            Area::parse("99999999999999999999"),
            Err(AreaError::TooLarge)
        );
        assert!(AreaError::TooManyDecimals.to_string().contains("两位小数"));
    }

    #[test]
    fn displays_two_decimals() {
        assert_eq!(Area(8950).to_string(), "89.50");
        assert_eq!(Area(8905).to_string(), "89.05");
        assert_eq!(Area(8950).with_unit(), "89.50 m²");
        assert_eq!(Area(-5).to_string(), "-0.05");
        assert_eq!(Area(8950).hundredths(), 8950);
    }
}
