//! Turning one spreadsheet cell into the text the receptionist typed.
//!
//! Excel stores numbers as binary floats: a phone typed as a number comes back as
//! `13800138000.0`, a date as a serial day count, and an 18-digit ID number keeps only
//! its first 15 digits. This module undoes what can be undone and reports what cannot.

use super::header::Field;

/// A cell as read from either file format, before it is given to a field.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Cell {
    /// Nothing in the cell.
    Empty,
    /// Text (every CSV cell is text).
    Text(String),
    /// A number (Excel float).
    Number(f64),
    /// A cell Excel formats as a date or time: the serial value and whether the
    /// workbook counts from 1904.
    DateTime { serial: f64, is_1904: bool },
    /// An ISO 8601 date/time string (OpenDocument style).
    IsoDateTime(String),
    /// A formula error such as `#N/A`.
    Error(String),
    /// A formula saved without its result (written by a program, never opened in Excel).
    FormulaWithoutValue,
}

/// Excel's last day, 9999-12-31.
const MAX_SERIAL: f64 = 2_958_465.0;

/// Excel shows at most 15 significant digits; integers from 10^15 on lose their tail.
const EXACT_DIGITS_LIMIT: f64 = 1e15;

/// The message when an ID number was typed into a number cell and lost digits.
pub(crate) const ID_DIGITS_LOST: &str =
    "身份证号被Excel存成了数字，后几位已丢失，请把该列设为文本后重新填写";

/// The message for a formula saved without its result.
pub(crate) const FORMULA_WITHOUT_VALUE: &str =
    "公式没有保存计算结果，请在 Excel 中打开后保存再导入";

/// The message when a phone number shows in scientific notation and lost digits.
pub(crate) const PHONE_DIGITS_LOST: &str =
    "电话号码被Excel显示成了科学计数法（如 1.38E+10），后几位已丢失，请把该列设为文本后重新填写";

impl Cell {
    /// Whether the cell holds nothing but whitespace.
    pub(crate) fn is_blank(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(s) | Cell::IsoDateTime(s) => s.trim().is_empty(),
            Cell::Number(_)
            | Cell::DateTime { .. }
            | Cell::Error(_)
            | Cell::FormulaWithoutValue => false,
        }
    }

    /// The cell as plain text, for header detection.
    pub(crate) fn display(&self) -> String {
        match self {
            Cell::Empty | Cell::FormulaWithoutValue => String::new(),
            Cell::Text(s) | Cell::IsoDateTime(s) | Cell::Error(s) => s.trim().to_owned(),
            Cell::Number(v) => format_number(*v),
            Cell::DateTime { serial, is_1904 } => format_serial_datetime(*serial, *is_1904),
        }
    }

    /// The cell's value for `field`, or a problem message (in Chinese) when the value
    /// was damaged by Excel and must be fixed in the sheet.
    pub(crate) fn value_for(&self, field: Field) -> Result<String, String> {
        let digits_field = matches!(
            field,
            Field::IdNumber | Field::Phone | Field::EmergencyPhone
        );
        match self {
            Cell::Empty => Ok(String::new()),
            Cell::Error(e) => Err(format!("单元格是公式错误（{e}），请改成实际内容")),
            Cell::FormulaWithoutValue => Err(FORMULA_WITHOUT_VALUE.to_owned()),
            Cell::Text(s) if digits_field => text_digits(field, s),
            Cell::Text(s) => Ok(strip_formula_quotes(s).to_owned()),
            Cell::Number(v) | Cell::DateTime { serial: v, .. } if digits_field => {
                number_digits(field, *v)
            }
            Cell::Number(v) if field == Field::MoveIn && (1.0..=MAX_SERIAL).contains(v) => {
                Ok(format_serial_date(*v, false))
            }
            Cell::Number(v) => Ok(format_number(*v)),
            Cell::DateTime { serial, is_1904 } if field == Field::MoveIn => {
                Ok(format_serial_date(*serial, *is_1904))
            }
            Cell::DateTime { serial, is_1904 } => Ok(format_serial_datetime(*serial, *is_1904)),
            Cell::IsoDateTime(s) if field == Field::MoveIn => {
                Ok(s.trim().split('T').next().unwrap_or("").to_owned())
            }
            Cell::IsoDateTime(s) => Ok(s.trim().replacen('T', " ", 1)),
        }
    }
}

/// Removes the `="…"` wrapper some exports put around digits to keep them text.
fn strip_formula_quotes(s: &str) -> &str {
    let t = s.trim();
    t.strip_prefix("=\"")
        .and_then(|rest| rest.strip_suffix('"'))
        .map_or(t, str::trim)
}

/// A number cell in an ID or phone column, as its digits.
fn number_digits(field: Field, v: f64) -> Result<String, String> {
    if field == Field::IdNumber && v.abs() >= EXACT_DIGITS_LIMIT {
        return Err(ID_DIGITS_LOST.to_owned());
    }
    Ok(format_number(v))
}

/// A text cell in an ID or phone column: text is kept as typed, except numbers that a
/// CSV export wrote as `13800138000.0` or `1.3800138E+10`.
fn text_digits(field: Field, s: &str) -> Result<String, String> {
    let t = strip_formula_quotes(s);
    let Some(num) = NumberText::parse(t) else {
        return Ok(t.to_owned());
    };
    if !num.exponent_form {
        // Plain digits, maybe with a zero fraction: "13800138000.0".
        return Ok(num.integer_digits.unwrap_or_else(|| t.to_owned()));
    }
    let lost = match field {
        Field::IdNumber => true,
        _ => num.significant < num.integer_len,
    };
    if lost {
        let msg = if field == Field::IdNumber {
            ID_DIGITS_LOST
        } else {
            PHONE_DIGITS_LOST
        };
        return Err(msg.to_owned());
    }
    Ok(format_number(num.value))
}

/// A string that reads as a decimal number.
struct NumberText {
    value: f64,
    exponent_form: bool,
    /// Significant digits written in the mantissa (trailing zeros included).
    significant: usize,
    /// Number of digits of the integer part of the value.
    integer_len: usize,
    /// For `123.000`: `"123"`.
    integer_digits: Option<String>,
}

impl NumberText {
    fn parse(t: &str) -> Option<NumberText> {
        let (mantissa, exponent) = match t.find(['e', 'E']) {
            Some(i) => (&t[..i], Some(&t[i + 1..])),
            None => (t, None),
        };
        let (int_part, frac_part) = mantissa.split_once('.').unwrap_or((mantissa, ""));
        let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        if int_part.is_empty() || !all_digits(int_part) || !all_digits(frac_part) {
            return None;
        }
        if let Some(e) = exponent {
            let e = e.strip_prefix('+').unwrap_or(e);
            if e.is_empty() || e.parse::<i32>().is_err() {
                return None;
            }
        }
        if exponent.is_none() && frac_part.is_empty() {
            // Plain digits: nothing to undo.
            return None;
        }
        let value: f64 = t.parse().ok()?;
        let significant = format!("{int_part}{frac_part}")
            .trim_start_matches('0')
            .len();
        let integer_len = if value.abs() < 1.0 {
            0
        } else {
            format!("{:.0}", value.abs().trunc()).len()
        };
        let integer_digits = (exponent.is_none() && frac_part.bytes().all(|b| b == b'0'))
            .then(|| int_part.to_owned());
        Some(NumberText {
            value,
            exponent_form: exponent.is_some(),
            significant,
            integer_len,
            integer_digits,
        })
    }
}

/// A number as Excel's General format shows it: integers without `.0`, never an
/// exponent, at most 15 significant digits (`89.5`, `13800138000`, `0.3`).
pub(crate) fn format_number(v: f64) -> String {
    if !v.is_finite() {
        return String::new();
    }
    if v.fract() == 0.0 && v.abs() < 9.0e15 {
        return format!("{v:.0}");
    }
    let magnitude = if v == 0.0 {
        0
    } else {
        v.abs().log10().floor() as i32
    };
    let decimals = (14 - magnitude).clamp(0, 20) as usize;
    let s = format!("{v:.decimals$}");
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_owned()
    } else {
        s
    }
}

/// An Excel serial as `YYYY-MM-DD`.
fn format_serial_date(serial: f64, is_1904: bool) -> String {
    let (y, m, d, ..) =
        calamine::ExcelDateTime::new(serial, calamine::ExcelDateTimeType::DateTime, is_1904)
            .to_ymd_hms_milli();
    format!("{y:04}-{m:02}-{d:02}")
}

/// An Excel serial as `YYYY-MM-DD`, with ` HH:MM` (and `:SS`) when it has a time part.
fn format_serial_datetime(serial: f64, is_1904: bool) -> String {
    let (y, m, d, h, mi, s, _) =
        calamine::ExcelDateTime::new(serial, calamine::ExcelDateTimeType::DateTime, is_1904)
            .to_ymd_hms_milli();
    match (h, mi, s) {
        (0, 0, 0) => format!("{y:04}-{m:02}-{d:02}"),
        (_, _, 0) => format!("{y:04}-{m:02}-{d:02} {h:02}:{mi:02}"),
        _ => format!("{y:04}-{m:02}-{d:02} {h:02}:{mi:02}:{s:02}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_show_as_excel_general() {
        assert_eq!(format_number(13_800_138_000.0), "13800138000");
        assert_eq!(format_number(1.380_013_8e10), "13800138000");
        assert_eq!(format_number(89.5), "89.5");
        assert_eq!(format_number(120.35), "120.35");
        assert_eq!(format_number(0.1 + 0.2), "0.3");
        assert_eq!(format_number(1502.0), "1502");
        assert_eq!(format_number(-3.0), "-3");
        assert_eq!(format_number(0.0), "0");
        assert_eq!(format_number(f64::NAN), "");
    }

    #[test]
    fn phone_number_cell_is_digits() {
        let cell = Cell::Number(1.380_013_800_00e10);
        assert_eq!(cell.value_for(Field::Phone), Ok("13800138000".to_owned()));
        assert_eq!(
            cell.value_for(Field::EmergencyPhone),
            Ok("13800138000".to_owned())
        );
    }

    #[test]
    fn long_id_number_cell_is_a_problem() {
        let cell = Cell::Number(110_101_199_003_071_234.0);
        assert_eq!(
            cell.value_for(Field::IdNumber),
            Err(ID_DIGITS_LOST.to_owned())
        );
        // A 15-digit (first-generation) ID survives as a number.
        let old = Cell::Number(110_101_900_307_123.0);
        assert_eq!(
            old.value_for(Field::IdNumber),
            Ok("110101900307123".to_owned())
        );
    }

    #[test]
    fn csv_texts_of_numbers() {
        let t = |s: &str, f| Cell::Text(s.to_owned()).value_for(f);
        assert_eq!(
            t("13800138000.0", Field::Phone),
            Ok("13800138000".to_owned())
        );
        assert_eq!(
            t("1.38001380000e10", Field::Phone),
            Ok("13800138000".to_owned())
        );
        assert_eq!(
            t("1.38001E+10", Field::Phone),
            Err(PHONE_DIGITS_LOST.to_owned())
        );
        assert_eq!(
            t("1.10101E+17", Field::IdNumber),
            Err(ID_DIGITS_LOST.to_owned())
        );
        assert_eq!(
            t("11010119900307123X", Field::IdNumber),
            Ok("11010119900307123X".to_owned())
        );
        assert_eq!(
            t(" 138-0013-8000 ", Field::Phone),
            Ok("138-0013-8000".to_owned())
        );
        assert_eq!(
            t("=\"013800138000\"", Field::Phone),
            Ok("013800138000".to_owned())
        );
        assert_eq!(t(" 89.50 ", Field::Area), Ok("89.50".to_owned()));
        assert_eq!(t("3号楼", Field::Building), Ok("3号楼".to_owned()));
    }

    #[test]
    fn dates_from_serials() {
        // 45047 = 2023-05-01.
        let date = Cell::DateTime {
            serial: 45047.0,
            is_1904: false,
        };
        assert_eq!(date.value_for(Field::MoveIn), Ok("2023-05-01".to_owned()));
        assert_eq!(date.value_for(Field::Note), Ok("2023-05-01".to_owned()));
        let with_time = Cell::DateTime {
            serial: 45047.5,
            is_1904: false,
        };
        assert_eq!(
            with_time.value_for(Field::MoveIn),
            Ok("2023-05-01".to_owned())
        );
        assert_eq!(
            with_time.value_for(Field::Note),
            Ok("2023-05-01 12:00".to_owned())
        );
        // A plain number in the move-in column is taken as a serial too.
        assert_eq!(
            Cell::Number(45047.0).value_for(Field::MoveIn),
            Ok("2023-05-01".to_owned())
        );
        assert_eq!(
            Cell::IsoDateTime("2023-05-01T00:00:00".to_owned()).value_for(Field::MoveIn),
            Ok("2023-05-01".to_owned())
        );
    }

    #[test]
    fn error_cells_are_problems() {
        let cell = Cell::Error("#N/A".to_owned());
        let err = cell.value_for(Field::OwnerName).unwrap_err();
        assert!(err.contains("#N/A"), "{err}");
    }

    #[test]
    fn a_formula_without_its_result_is_a_problem() {
        let cell = Cell::FormulaWithoutValue;
        assert!(!cell.is_blank());
        assert_eq!(
            cell.value_for(Field::Area),
            Err(FORMULA_WITHOUT_VALUE.to_owned())
        );
    }

    #[test]
    fn blankness() {
        assert!(Cell::Empty.is_blank());
        assert!(Cell::Text(" \u{3000} ".to_owned()).is_blank());
        assert!(!Cell::Number(0.0).is_blank());
    }
}
