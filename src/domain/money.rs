//! Money in integer fen (分), its display, and the amount in words (大写金额).

use std::fmt;

use serde::{Deserialize, Serialize};

use super::normalize_digits;
use super::text::{DecimalError, parse_hundredths};

/// Capital numerals 零壹贰叁肆伍陆柒捌玖, indexed by digit.
const DIGITS: [char; 10] = ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'];
/// Place units inside a four-digit section, from the highest place down.
const SECTION_UNITS: [&str; 4] = ["仟", "佰", "拾", ""];

/// An amount of money in fen (1/100 yuan). Never floating point.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
pub struct Fen(pub i64);

/// Why an amount was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MoneyError {
    /// Nothing typed.
    #[error("请填写金额，例如 1409.50")]
    Empty,
    /// Not a number.
    #[error("金额格式不对，请只填数字和小数点，例如 1409.50")]
    Format,
    /// More than two decimals (below one fen).
    #[error("金额最多两位小数（到分），例如 1409.50")]
    TooManyDecimals,
    /// Does not fit.
    #[error("金额太大，请核对是否多输了数字")]
    TooLarge,
    /// The amount in words could not be read.
    #[error("大写金额写法不对，请按 壹仟肆佰零玖元伍角 这样的写法填写")]
    ChineseUpper,
}

impl Fen {
    /// Reads `1409.5`, `¥1,409.50`, `￥1409.50`, `1409`, `1,409.50元`, `-12`;
    /// full-width digits allowed. Thousands separators must be in groups of three.
    ///
    /// # Errors
    /// Empty, non-numeric, more than two decimals, or too large for `i64` fen.
    pub fn parse(s: &str) -> Result<Self, MoneyError> {
        let normalized: String = normalize_digits(s)
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        let mut text = normalized.as_str();
        let negative = match text.strip_prefix('-') {
            Some(rest) => {
                text = rest;
                true
            }
            None => false,
        };
        text = text
            .strip_prefix('¥')
            .or_else(|| text.strip_prefix('￥'))
            .unwrap_or(text);
        text = text.strip_suffix('元').unwrap_or(text);
        if text.is_empty() {
            return Err(MoneyError::Empty);
        }
        let plain = strip_grouping(text).ok_or(MoneyError::Format)?;
        let fen = parse_hundredths(&plain).map_err(|e| match e {
            DecimalError::Format => MoneyError::Format,
            DecimalError::TooManyDecimals => MoneyError::TooManyDecimals,
            DecimalError::TooLarge => MoneyError::TooLarge,
        })?;
        Ok(Self(if negative { -fen } else { fen }))
    }

    /// Plain yuan with two decimals, no symbol or grouping: `1409.50`, `-12.00`.
    pub fn yuan_string(&self) -> String {
        let sign = if self.0 < 0 { "-" } else { "" };
        let abs = self.0.unsigned_abs();
        format!("{sign}{}.{:02}", abs / 100, abs % 100)
    }

    /// The amount in words per the People's Bank rules: `¥1,409.50` → `壹仟肆佰零玖元伍角`,
    /// `¥325.04` → `叁佰贰拾伍元零肆分`, `¥10.00` → `壹拾元整`, `¥0.00` → `零元整`.
    /// Negative amounts get the prefix `负`. Receipts write `人民币` before it themselves.
    pub fn to_chinese_upper(&self) -> String {
        let abs = self.0.unsigned_abs();
        let (yuan, jiao, fen) = (abs / 100, (abs / 10 % 10) as usize, (abs % 10) as usize);
        let mut out = String::new();
        if self.0 < 0 {
            out.push('负');
        }
        if yuan == 0 && jiao == 0 && fen == 0 {
            out.push_str("零元整");
            return out;
        }
        if yuan > 0 {
            out.push_str(&integer_words(yuan));
            out.push('元');
            if jiao == 0 && fen == 0 {
                out.push('整');
                return out;
            }
            if jiao == 0 {
                // 元零X分: the 零 marks the empty 角 place.
                out.push('零');
            }
        }
        if jiao > 0 {
            out.push(DIGITS[jiao]);
            out.push('角');
        }
        if fen > 0 {
            out.push(DIGITS[fen]);
            out.push('分');
        }
        out
    }

    /// Reads an amount in words back: accepts what [`Fen::to_chinese_upper`] writes, with an
    /// optional `人民币` prefix, `圆` for `元`, `正` for `整`, and `拾` without a leading `壹`.
    ///
    /// # Errors
    /// [`MoneyError::ChineseUpper`] for anything ambiguous or malformed (e.g. `壹万伍`,
    /// which could mean 10005 or 15000), [`MoneyError::TooLarge`] on overflow.
    pub fn parse_chinese_upper(s: &str) -> Result<Fen, MoneyError> {
        let text: String = s.chars().filter(|c| !c.is_whitespace()).collect();
        // The longest i64 amount in words is about 50 characters; the cap also bounds the
        // recursion over 亿 so pasted junk cannot exhaust the stack.
        if text.chars().count() > 80 {
            return Err(MoneyError::ChineseUpper);
        }
        let mut text = text.as_str();
        text = text.strip_prefix("人民币").unwrap_or(text);
        let negative = match text.strip_prefix('负') {
            Some(rest) => {
                text = rest;
                true
            }
            None => false,
        };
        let had_zheng = match text.strip_suffix('整').or_else(|| text.strip_suffix('正')) {
            Some(rest) => {
                text = rest;
                true
            }
            None => false,
        };
        if text.is_empty() {
            return Err(MoneyError::Empty);
        }
        let (yuan_text, frac_text) = match text.split_once(['元', '圆']) {
            Some((y, f)) => (Some(y), f),
            None => (None, text),
        };
        let yuan = match yuan_text {
            Some(y) => integer_value(y).ok_or(MoneyError::ChineseUpper)?,
            None => 0,
        };
        let (jiao, fen) = fraction_value(frac_text).ok_or(MoneyError::ChineseUpper)?;
        // 整 closes a whole-yuan or 角 amount; after 分 it is a contradiction.
        if had_zheng && fen != 0 {
            return Err(MoneyError::ChineseUpper);
        }
        let total = u128::from(yuan) * 100 + u128::from(jiao) * 10 + u128::from(fen);
        let signed = if negative {
            -(i128::try_from(total).map_err(|_| MoneyError::TooLarge)?)
        } else {
            i128::try_from(total).map_err(|_| MoneyError::TooLarge)?
        };
        i64::try_from(signed)
            .map(Fen)
            .map_err(|_| MoneyError::TooLarge)
    }

    /// `self × qty` (unit price × quantity), `None` on overflow.
    pub fn checked_mul(self, qty: i64) -> Option<Fen> {
        self.0.checked_mul(qty).map(Fen)
    }

    /// `self + other`, `None` on overflow.
    pub fn checked_add(self, other: Fen) -> Option<Fen> {
        self.0.checked_add(other.0).map(Fen)
    }
}

impl fmt::Display for Fen {
    /// With symbol and thousands separators: `¥1,409.50`, `-¥12.00`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.0 < 0 { "-" } else { "" };
        let abs = self.0.unsigned_abs();
        let digits = (abs / 100).to_string();
        let mut grouped = String::with_capacity(digits.len() + digits.len() / 3);
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                grouped.push(',');
            }
            grouped.push(c);
        }
        write!(f, "{sign}¥{grouped}.{:02}", abs % 100)
    }
}

/// Removes thousands separators from `1,409.50`, checking they sit every three digits
/// (`1,40,9` is a typo, not an amount). `None` if misplaced.
fn strip_grouping(text: &str) -> Option<String> {
    let (int_part, frac) = match text.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (text, None),
    };
    if int_part.contains(',') {
        let mut groups = int_part.split(',');
        let first = groups.next()?;
        if first.is_empty() || first.len() > 3 || groups.any(|g| g.len() != 3) {
            return None;
        }
    }
    let mut plain = int_part.replace(',', "");
    if let Some(f) = frac {
        plain.push('.');
        plain.push_str(f);
    }
    Some(plain)
}

/// Words for 1..=9999: zeros between non-zero digits become one 零, trailing zeros nothing.
fn section_words(n: u64) -> String {
    let digits = [n / 1000 % 10, n / 100 % 10, n / 10 % 10, n % 10];
    let mut out = String::new();
    let mut started = false;
    let mut zero_pending = false;
    for (d, unit) in digits.into_iter().zip(SECTION_UNITS) {
        if d == 0 {
            zero_pending |= started;
            continue;
        }
        if zero_pending {
            out.push('零');
            zero_pending = false;
        }
        out.push(DIGITS[d as usize]);
        out.push_str(unit);
        started = true;
    }
    out
}

/// Words for a positive integer, grouped by 万 and 亿 (亿 recursively, so 10^12 is 壹万亿).
/// A lower group that does not fill its top place is introduced by 零 (`壹佰万零壹`).
fn integer_words(n: u64) -> String {
    const YI: u64 = 100_000_000;
    const WAN: u64 = 10_000;
    let (high, low, unit, low_top) = if n >= YI {
        (n / YI, n % YI, "亿", YI / 10)
    } else if n >= WAN {
        (n / WAN, n % WAN, "万", WAN / 10)
    } else {
        return section_words(n);
    };
    let mut out = integer_words(high);
    out.push_str(unit);
    if low > 0 {
        if low < low_top {
            out.push('零');
        }
        out.push_str(&integer_words(low));
    }
    out
}

/// Value of a capital numeral, if `c` is one.
fn digit_value(c: char) -> Option<u64> {
    DIGITS.iter().position(|&d| d == c).map(|i| i as u64)
}

/// Reads the integer part (before 元). `零` alone is zero.
fn integer_value(text: &str) -> Option<u64> {
    if text == "零" {
        return Some(0);
    }
    grouped_value(text)
}

/// Reads a positive integer split at the last 亿, then at 万, mirroring [`integer_words`].
fn grouped_value(text: &str) -> Option<u64> {
    const YI: u64 = 100_000_000;
    const WAN: u64 = 10_000;
    let (pos, unit, scale) = match (text.rfind('亿'), text.find('万')) {
        (Some(pos), _) => (pos, '亿', YI),
        (None, Some(pos)) => (pos, '万', WAN),
        (None, None) => return section_value(text),
    };
    let high = grouped_value(&text[..pos])?;
    // Whatever stands before 万 is a single section; 壹万万 is not a number.
    if unit == '万' && high > 9999 {
        return None;
    }
    let low = lower_group_value(&text[pos + unit.len_utf8()..], scale)?;
    high.checked_mul(scale)?.checked_add(low)
}

/// Reads the group after 万 or 亿 (`scale` is 10^4 or 10^8); empty means zero.
///
/// A group that does not fill its top place must start with 零 and one that does must
/// not, so `壹万伍` (10005 or colloquially 15000?) is refused rather than guessed.
fn lower_group_value(text: &str, scale: u64) -> Option<u64> {
    if text.is_empty() {
        return Some(0);
    }
    let (zero_led, rest) = match text.strip_prefix('零') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let value = grouped_value(rest)?;
    let ok = value < scale && (value < scale / 10) == zero_led;
    ok.then_some(value)
}

/// Reads a 1..=9999 section like `壹仟零玖` or `拾伍`: units strictly falling, a 零 only
/// between non-zero digits, and a bare final digit only in the ones place.
fn section_value(text: &str) -> Option<u64> {
    let mut total = 0u64;
    let mut pending: Option<u64> = None;
    // Place of the previous unit (1000, 100, 10); a following unit must be smaller.
    let mut last_place = 10_000u64;
    let mut after_zero = false;
    let mut first = true;
    for c in text.chars() {
        let place = match c {
            '仟' => Some(1000),
            '佰' => Some(100),
            '拾' => Some(10),
            _ => None,
        };
        match (place, digit_value(c)) {
            (Some(place), _) => {
                // 拾 may stand alone at the start (拾元 = 10 yuan); others need a digit.
                let d = match pending.take() {
                    Some(d) => d,
                    None if place == 10 && first => 1,
                    None => return None,
                };
                if place >= last_place || (after_zero && place * 10 >= last_place) {
                    return None;
                }
                total += d * place;
                last_place = place;
                after_zero = false;
            }
            (None, Some(0)) => {
                if pending.is_some() || after_zero || first {
                    return None;
                }
                after_zero = true;
            }
            (None, Some(d)) => {
                if pending.is_some() {
                    return None;
                }
                pending = Some(d);
            }
            (None, None) => return None,
        }
        first = false;
    }
    if let Some(d) = pending {
        // A bare last digit is the ones place only if nothing is skipped before it:
        // 壹仟零伍 or 壹拾伍, never 壹佰伍 (colloquially 150).
        let ones_ok = if after_zero {
            // The 零 must stand for at least the tens place: 壹佰零伍, not 壹拾零伍.
            last_place >= 100
        } else {
            last_place == 10 || last_place == 10_000
        };
        if !ones_ok {
            return None;
        }
        total += d;
    } else if after_zero {
        // A trailing 零 is never written.
        return None;
    }
    (total > 0).then_some(total)
}

/// Reads the part after 元: `伍角`, `壹角肆分`, `零肆分`, `肆分` or nothing.
fn fraction_value(text: &str) -> Option<(u64, u64)> {
    if let Some(rest) = text.strip_prefix('零') {
        // 元零X分: the 零 stands for an empty 角 and must be followed by exactly X分.
        let mut chars = rest.chars();
        return match (
            chars.next().and_then(digit_value),
            chars.next(),
            chars.next(),
        ) {
            (Some(d), Some('分'), None) if d > 0 => Some((0, d)),
            _ => None,
        };
    }
    let mut chars = text.chars();
    let mut jiao = 0;
    let mut fen = 0;
    while let Some(c) = chars.next() {
        let d = digit_value(c)?;
        match chars.next()? {
            '角' if jiao == 0 && fen == 0 => jiao = d,
            '分' if fen == 0 => fen = d,
            _ => return None,
        }
    }
    Some((jiao, fen))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn parses_typed_amounts() {
        for (s, want) in [
            ("1409.5", 140_950),
            ("¥1,409.50", 140_950),
            ("￥1409.50", 140_950),
            ("1409", 140_900),
            ("1,409.50元", 140_950),
            ("１，４０９．５０", 140_950),
            (" 0.05 ", 5),
            ("-12", -1200),
            ("-¥12.00", -1200),
            ("1,000,000", 100_000_000),
        ] {
            assert_eq!(Fen::parse(s), Ok(Fen(want)), "{s}");
        }
    }

    #[test]
    fn rejects_bad_amounts() {
        assert_eq!(Fen::parse(""), Err(MoneyError::Empty));
        assert_eq!(Fen::parse("¥"), Err(MoneyError::Empty));
        assert_eq!(Fen::parse("1409.505"), Err(MoneyError::TooManyDecimals));
        for s in [
            "abc",
            "1,40,9",
            ",409",
            "1409.",
            "12元5角",
            "1.2.3",
            "--5",
            "1e3",
        ] {
            assert_eq!(Fen::parse(s), Err(MoneyError::Format), "{s}");
        }
        assert_eq!(
            Fen::parse("999999999999999999999"),
            Err(MoneyError::TooLarge)
        );
    }

    #[test]
    fn displays() {
        assert_eq!(Fen(140_950).to_string(), "¥1,409.50");
        assert_eq!(Fen(-1200).to_string(), "-¥12.00");
        assert_eq!(Fen(5).to_string(), "¥0.05");
        assert_eq!(Fen(100_000_000).to_string(), "¥1,000,000.00");
        assert_eq!(Fen(99_999).to_string(), "¥999.99");
        assert_eq!(Fen(140_950).yuan_string(), "1409.50");
        assert_eq!(Fen(-1200).yuan_string(), "-12.00");
        assert_eq!(Fen(i64::MIN).to_string(), "-¥92,233,720,368,547,758.08");
    }

    #[test]
    fn chinese_upper_examples() {
        for (fen, want) in [
            (140_950, "壹仟肆佰零玖元伍角"),
            (600_714, "陆仟零柒元壹角肆分"),
            (32_504, "叁佰贰拾伍元零肆分"),
            (100_500, "壹仟零伍元整"),
            (1_000, "壹拾元整"),
            (0, "零元整"),
            (50, "伍角"),
            (4, "肆分"),
            (54, "伍角肆分"),
            (10_000_000, "壹拾万元整"),
            (100_000_100, "壹佰万零壹元整"),
            (10_001_000_000, "壹亿零壹万元整"),
            (10_500_000, "壹拾万伍仟元整"),
            (10_500_000_000, "壹亿零伍佰万元整"),
            (11_000_000_000, "壹亿壹仟万元整"),
            (100_000_000_000_000, "壹万亿元整"),
            (101_000, "壹仟零壹拾元整"),
            (-1_200, "负壹拾贰元整"),
        ] {
            assert_eq!(Fen(fen).to_chinese_upper(), want, "{fen}");
            assert_eq!(Fen::parse_chinese_upper(want), Ok(Fen(fen)), "{want}");
        }
    }

    #[test]
    fn chinese_upper_extremes_round_trip() {
        for fen in [i64::MAX, i64::MIN, i64::MIN + 1, 1, -1] {
            let words = Fen(fen).to_chinese_upper();
            assert_eq!(Fen::parse_chinese_upper(&words), Ok(Fen(fen)), "{words}");
        }
    }

    #[test]
    fn parse_chinese_upper_variants_and_errors() {
        assert_eq!(
            Fen::parse_chinese_upper("人民币壹仟肆佰零玖元伍角"),
            Ok(Fen(140_950))
        );
        assert_eq!(Fen::parse_chinese_upper("拾元整"), Ok(Fen(1_000)));
        assert_eq!(Fen::parse_chinese_upper("壹拾圆正"), Ok(Fen(1_000)));
        assert_eq!(Fen::parse_chinese_upper("壹元"), Ok(Fen(100)));
        assert_eq!(Fen::parse_chinese_upper("伍角整"), Ok(Fen(50)));
        for s in [
            "壹万伍",
            "壹佰伍",
            "壹仟零零伍元整",
            "壹拾零元整",
            "佰元整",
            "壹佰仟元整",
            "abc",
            "壹元伍",
            "壹元伍分角",
            "壹元肆分整",
            "零零元整",
            "壹万零伍仟元整",
            "壹拾零伍元整",
            "壹元零",
            "壹元零伍角",
            "壹万万元整",
        ] {
            assert!(Fen::parse_chinese_upper(s).is_err(), "{s}");
        }
        assert_eq!(Fen::parse_chinese_upper(""), Err(MoneyError::Empty));
        let junk = "亿".repeat(100_000);
        assert_eq!(
            Fen::parse_chinese_upper(&junk),
            Err(MoneyError::ChineseUpper)
        );
    }

    #[test]
    fn arithmetic() {
        assert_eq!(Fen(250).checked_mul(3), Some(Fen(750)));
        assert_eq!(Fen(i64::MAX).checked_mul(2), None);
        assert_eq!(Fen(250).checked_add(Fen(-50)), Some(Fen(200)));
        assert_eq!(Fen(i64::MAX).checked_add(Fen(1)), None);
    }

    proptest! {
        #[test]
        fn chinese_upper_round_trips(x in 0i64..=99_999_999_999) {
            let words = Fen(x).to_chinese_upper();
            prop_assert_eq!(Fen::parse_chinese_upper(&words), Ok(Fen(x)), "{}", words);
            prop_assert!(!words.contains("零零"), "{}", words);
            prop_assert!(!words.ends_with('零'), "{}", words);
            prop_assert!(!words.chars().any(|c| c.is_ascii_digit()), "{}", words);
        }

        #[test]
        fn parse_chinese_upper_never_panics(s in "[零壹贰叁肆伍陆柒捌玖拾佰仟万亿元角分整负]{0,40}") {
            let _ = Fen::parse_chinese_upper(&s);
        }

        #[test]
        fn display_parse_round_trips(x in any::<i64>().prop_filter("no i64::MIN", |x| *x != i64::MIN)) {
            prop_assert_eq!(Fen::parse(&Fen(x).to_string()), Ok(Fen(x)));
            prop_assert_eq!(Fen::parse(&Fen(x).yuan_string()), Ok(Fen(x)));
        }
    }
}
