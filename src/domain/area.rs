//! Building areas (建筑面积) in hundredths of a square metre: never floating point.

use serde::{Deserialize, Serialize};

use super::text::normalize;

/// An area in 0.01 m².
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize)]
pub struct Area(pub i64);

/// Why an area was not understood.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AreaError {
    /// Not a number.
    #[error("面积请填写数字，例如 89.50")]
    Format,
    /// More than two decimals.
    #[error("面积最多保留两位小数，例如 89.50")]
    Precision,
    /// Zero, negative or absurd.
    #[error("面积应大于0且不超过99999.99平方米")]
    Range,
}

/// Parses a non-negative decimal with at most two decimals into hundredths; shared with money.
pub(crate) fn parse_hundredths(s: &str) -> Result<i64, DecimalError> {
    let (int, frac) = match s.split_once('.') {
        Some((i, f)) => (i, f),
        None => (s, ""),
    };
    if int.is_empty() && frac.is_empty() {
        return Err(DecimalError::Format);
    }
    if !int.chars().all(|c| c.is_ascii_digit()) || !frac.chars().all(|c| c.is_ascii_digit()) {
        return Err(DecimalError::Format);
    }
    if frac.len() > 2 {
        return Err(DecimalError::Precision);
    }
    if int.len() > 15 {
        return Err(DecimalError::Overflow);
    }
    let int: i64 = if int.is_empty() { 0 } else { int.parse().map_err(|_| DecimalError::Format)? };
    let frac: i64 = format!("{frac:0<2}").parse().map_err(|_| DecimalError::Format)?;
    int.checked_mul(100).and_then(|v| v.checked_add(frac)).ok_or(DecimalError::Overflow)
}

/// What went wrong reading a decimal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum DecimalError {
    Format,
    Precision,
    Overflow,
}

impl Area {
    /// Parses `89.5`, `89.50㎡`, `89.50 m²`, `89.50平方米`, full-width digits.
    pub fn parse(text: &str) -> Result<Area, AreaError> {
        let t = normalize(text);
        let t = ["平方米", "㎡", "m²", "m2", "M2", "平米"]
            .iter()
            .find_map(|u| t.strip_suffix(u))
            .unwrap_or(&t)
            .trim();
        if t.starts_with('-') {
            return Err(AreaError::Range);
        }
        let v = parse_hundredths(t).map_err(|e| match e {
            DecimalError::Precision => AreaError::Precision,
            DecimalError::Overflow => AreaError::Range,
            DecimalError::Format => AreaError::Format,
        })?;
        if v <= 0 || v > 9_999_999 {
            return Err(AreaError::Range);
        }
        Ok(Area(v))
    }

    /// The value in 0.01 m².
    pub fn hundredths(self) -> i64 {
        self.0
    }

    /// `89.50 m²`.
    pub fn with_unit(&self) -> String {
        format!("{self} m²")
    }
}

impl std::fmt::Display for Area {
    /// `89.50`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}.{:02}", self.0 / 100, self.0 % 100)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn areas_as_written() {
        for (s, v) in [("89.5", 8950), ("89.50", 8950), ("89", 8900), ("89.50㎡", 8950), ("89.50m²", 8950), ("89.50 平方米", 8950), ("８９．５", 8950), ("0.01", 1)] {
            assert_eq!(Area::parse(s), Ok(Area(v)), "{s}");
        }
        assert_eq!(Area::parse("89.505"), Err(AreaError::Precision));
        assert_eq!(Area::parse("-3"), Err(AreaError::Range));
        assert_eq!(Area::parse("0"), Err(AreaError::Range));
        assert_eq!(Area::parse("100000"), Err(AreaError::Range));
        assert_eq!(Area::parse("八十"), Err(AreaError::Format));
        assert_eq!(Area::parse(""), Err(AreaError::Format));
        assert_eq!(Area(8950).to_string(), "89.50");
        assert_eq!(Area(8905).with_unit(), "89.05 m²");
    }
}
