//! Input-normalisation helpers shared by every parser in [`crate::domain`].

/// Maps full-width forms (U+FF01..U+FF5E, typed by Chinese IMEs) to their ASCII twins,
/// the ideographic space to a plain space, and trims the result.
///
/// This covers full-width digits (`０`-`９`) as well as `－`, `．`, `，`, `＃`, `＋` and letters
/// such as `ｘ`, so each parser only has to deal with ASCII punctuation.
pub(crate) fn normalize_digits(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => {
                // The full-width block is the ASCII block shifted by a constant.
                char::from_u32(c as u32 - 0xFEE0).unwrap_or(c)
            }
            '\u{3000}' => ' ',
            _ => c,
        })
        .collect::<String>()
        .trim()
        .to_string()
}

/// Parses a non-empty run of ASCII digits; `None` on any other character or on overflow.
pub(crate) fn parse_u32(s: &str) -> Option<u32> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

/// Why a fixed-point decimal (two places) could not be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum DecimalError {
    /// Not digits with an optional `.` and fraction.
    Format,
    /// More than two digits after the point.
    TooManyDecimals,
    /// Does not fit in an `i64` of hundredths.
    TooLarge,
}

/// Parses unsigned `123`, `123.4` or `123.45` (ASCII, no sign, no separators) into hundredths.
///
/// Integer arithmetic only: amounts and areas must never go through floating point.
pub(crate) fn parse_hundredths(s: &str) -> Result<i64, DecimalError> {
    let (int_part, frac_part) = match s.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (s, None),
    };
    if int_part.is_empty() || !int_part.bytes().all(|b| b.is_ascii_digit()) {
        return Err(DecimalError::Format);
    }
    let frac = match frac_part {
        None => 0,
        Some(f) => {
            if f.is_empty() || !f.bytes().all(|b| b.is_ascii_digit()) {
                return Err(DecimalError::Format);
            }
            if f.len() > 2 {
                return Err(DecimalError::TooManyDecimals);
            }
            let v: i64 = f.parse().map_err(|_| DecimalError::Format)?;
            // "5" after the point means 50 hundredths, not 5.
            if f.len() == 1 { v * 10 } else { v }
        }
    };
    let mut whole: i64 = 0;
    for b in int_part.bytes() {
        whole = whole
            .checked_mul(10)
            .and_then(|w| w.checked_add(i64::from(b - b'0')))
            .ok_or(DecimalError::TooLarge)?;
    }
    whole
        .checked_mul(100)
        .and_then(|w| w.checked_add(frac))
        .ok_or(DecimalError::TooLarge)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalizes_full_width_and_trims() {
        assert_eq!(normalize_digits("　３－２－１５０２ "), "3-2-1502");
        assert_eq!(normalize_digits("ｘ＃．，"), "x#.,");
        assert_eq!(normalize_digits("张三"), "张三");
    }

    #[test]
    fn parses_hundredths() {
        assert_eq!(parse_hundredths("89"), Ok(8900));
        assert_eq!(parse_hundredths("89.5"), Ok(8950));
        assert_eq!(parse_hundredths("89.05"), Ok(8905));
        assert_eq!(
            parse_hundredths("89.055"),
            Err(DecimalError::TooManyDecimals)
        );
        assert_eq!(parse_hundredths("89."), Err(DecimalError::Format));
        assert_eq!(parse_hundredths(".5"), Err(DecimalError::Format));
        assert_eq!(parse_hundredths("8a"), Err(DecimalError::Format));
        assert_eq!(
            parse_hundredths("99999999999999999999"),
            Err(DecimalError::TooLarge)
        );
        assert_eq!(parse_u32("0301"), Some(301));
        assert_eq!(parse_u32("99999999999"), None);
        assert_eq!(parse_u32(""), None);
    }
}
