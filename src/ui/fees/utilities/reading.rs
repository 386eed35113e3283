//! A meter's figure as typed and shown at the desk: water in 吨 with up to three decimals
//! (stored in litres), power in 度 with up to two (stored in 0.01 kWh). Integer maths only.

use crate::domain::fees::Meter;
use crate::domain::normalize_digits;

/// Decimals a figure of `meter` may have: one stored step each.
fn places(meter: Meter) -> usize {
    match meter {
        Meter::Water => 3,
        Meter::Power => 2,
    }
}

/// Reads `1234`, `1234.5`, `1,234.567` (full-width digits allowed) as stored steps of `meter`.
///
/// # Errors
/// A Chinese message saying how to write the figure.
pub fn parse_reading(meter: Meter, typed: &str) -> Result<i64, String> {
    let t: String = normalize_digits(typed)
        .chars()
        .filter(|c| !c.is_whitespace() && *c != ',' && *c != '，')
        .collect();
    let unit = meter.unit();
    let places = places(meter);
    if t.is_empty() {
        return Err(format!("请填写本月读数（{unit}），例如 1234.5"));
    }
    let format = || format!("读数只能填数字和小数点（{unit}），例如 1234.5");
    let (int, frac) = t.split_once('.').unwrap_or((&t, ""));
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if int.is_empty() || !digits(int) || !digits(frac) || (t.contains('.') && frac.is_empty()) {
        return Err(format());
    }
    if frac.len() > places {
        return Err(format!("读数最多 {places} 位小数"));
    }
    let too_large = || "读数太大，请核对是否多输了数字".to_string();
    let scale = 10_i64.pow(places as u32);
    let whole: i64 = int.parse().map_err(|_| too_large())?;
    let part: i64 = if frac.is_empty() {
        0
    } else {
        format!("{frac:0<places$}").parse().map_err(|_| format())?
    };
    whole
        .checked_mul(scale)
        .and_then(|w| w.checked_add(part))
        .ok_or_else(too_large)
}

/// A stored figure of `meter` as the desk shows it: `1234.500`, `88.20` (negative for a meter
/// that was replaced or read wrong).
pub fn show_reading(meter: Meter, steps: i64) -> String {
    let places = places(meter);
    let scale = 10_u64.pow(places as u32);
    let sign = if steps < 0 { "-" } else { "" };
    let abs = steps.unsigned_abs();
    format!("{sign}{}.{:0places$}", abs / scale, abs % scale)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_read_in_their_meters_steps() {
        assert_eq!(parse_reading(Meter::Water, "1234.5"), Ok(1_234_500));
        assert_eq!(parse_reading(Meter::Water, "１２"), Ok(12_000));
        assert_eq!(parse_reading(Meter::Power, "1,088.25"), Ok(108_825));
        assert!(parse_reading(Meter::Power, "1.234").is_err());
        assert!(parse_reading(Meter::Water, "").is_err());
        assert!(parse_reading(Meter::Water, "-3").is_err());
        assert!(parse_reading(Meter::Water, "3.").is_err());
        assert!(parse_reading(Meter::Water, "99999999999999999999").is_err());
        assert_eq!(show_reading(Meter::Water, 1_234_500), "1234.500");
        assert_eq!(show_reading(Meter::Power, 8_820), "88.20");
        assert_eq!(show_reading(Meter::Power, -5), "-0.05");
    }
}
