//! Money in fen (分), never floating point; shown as `¥1,409.50` and in 大写 for receipts.

use serde::{Deserialize, Serialize};

use super::area::{DecimalError, parse_hundredths};
use super::text::normalize;

/// An amount in fen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize)]
pub struct Fen(pub i64);

/// Why an amount was not understood.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MoneyError {
    /// Not a number.
    #[error("金额请填写数字，例如 1409.50")]
    Format,
    /// More than two decimals.
    #[error("金额最多到分（两位小数）")]
    Precision,
    /// Too large to be real.
    #[error("金额太大，请核对")]
    Overflow,
    /// Not an amount in words.
    #[error("不是有效的大写金额：{0}")]
    Upper(String),
}

const DIGITS: [char; 10] = ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'];
const PLACES: [&str; 4] = ["仟", "佰", "拾", ""];
const GROUPS: [&str; 4] = ["", "万", "亿", "万亿"];

/// One group of four digits (0 < g < 10000): zeros between digits collapse to one 零, trailing
/// zeros say nothing.
fn group_upper(g: u64, out: &mut String) {
    let digits = [g / 1000, g / 100 % 10, g / 10 % 10, g % 10];
    let mut started = false;
    let mut zero = false;
    for (d, place) in digits.into_iter().zip(PLACES) {
        if d == 0 {
            zero |= started;
        } else {
            if zero {
                out.push('零');
                zero = false;
            }
            out.push(DIGITS[d as usize]);
            out.push_str(place);
            started = true;
        }
    }
}

/// A whole number of yuan in words, `壹佰万零壹`.
fn integer_upper(n: u64) -> String {
    let mut groups = Vec::new();
    let mut rest = n;
    while rest > 0 {
        groups.push(rest % 10_000);
        rest /= 10_000;
    }
    let mut out = String::new();
    let mut zero = false;
    for (i, g) in groups.iter().enumerate().rev() {
        if *g == 0 {
            zero |= !out.is_empty();
            continue;
        }
        if !out.is_empty() && (zero || *g < 1000) {
            out.push('零');
        }
        group_upper(*g, &mut out);
        out.push_str(GROUPS.get(i).copied().unwrap_or(""));
        zero = false;
    }
    out
}

impl Fen {
    /// Parses `1409.5`, `¥1,409.50`, `￥1409.50`, `1,409.50元`.
    pub fn parse(text: &str) -> Result<Fen, MoneyError> {
        let t: String = normalize(text).chars().filter(|c| !matches!(c, ',' | ' ' | '¥' | '￥')).collect();
        let t = t.strip_suffix('元').unwrap_or(&t);
        parse_hundredths(t).map(Fen).map_err(|e| match e {
            DecimalError::Format => MoneyError::Format,
            DecimalError::Precision => MoneyError::Precision,
            DecimalError::Overflow => MoneyError::Overflow,
        })
    }

    /// `1409.50`, without symbol or separators.
    pub fn yuan_string(&self) -> String {
        let sign = if self.0 < 0 { "-" } else { "" };
        let a = self.0.unsigned_abs();
        format!("{sign}{}.{:02}", a / 100, a % 100)
    }

    /// The amount in words per the People's Bank rules: `壹仟肆佰零玖元伍角`, `壹仟零伍元整`.
    pub fn to_chinese_upper(&self) -> String {
        let a = self.0.unsigned_abs();
        let (yuan, jiao, fen) = (a / 100, a / 10 % 10, a % 10);
        let mut out = String::new();
        if self.0 < 0 {
            out.push('负');
        }
        if yuan > 0 {
            out.push_str(&integer_upper(yuan));
            out.push('元');
        }
        match (jiao, fen) {
            (0, 0) if yuan == 0 => out.push_str("零元整"),
            (0, 0) => out.push('整'),
            (j, 0) => {
                out.push(DIGITS[j as usize]);
                out.push('角');
            }
            (0, f) => {
                if yuan > 0 {
                    out.push('零');
                }
                out.push(DIGITS[f as usize]);
                out.push('分');
            }
            (j, f) => {
                out.push(DIGITS[j as usize]);
                out.push('角');
                out.push(DIGITS[f as usize]);
                out.push('分');
            }
        }
        out
    }

    /// Reads an amount in words back (the inverse of [`Fen::to_chinese_upper`]).
    pub fn parse_chinese_upper(text: &str) -> Result<Fen, MoneyError> {
        let bad = || MoneyError::Upper(text.to_string());
        let t = text.trim();
        let t = t.strip_prefix("人民币").unwrap_or(t);
        let (negative, t) = match t.strip_prefix('负') {
            Some(rest) => (true, rest),
            None => (false, t),
        };
        let (int_part, dec_part) = match t.split_once('元') {
            Some((i, d)) => (i, d),
            None => ("", t),
        };
        let digit = |c: char| DIGITS.iter().position(|d| *d == c).map(|p| p as u64);
        let (mut total, mut section, mut num) = (0u64, 0u64, 0u64);
        for c in int_part.chars() {
            if let Some(d) = digit(c) {
                num = d;
                continue;
            }
            let unit = match c {
                '拾' => 10,
                '佰' => 100,
                '仟' => 1000,
                '万' => {
                    total += (section + num) * 10_000;
                    section = 0;
                    num = 0;
                    continue;
                }
                '亿' => {
                    total = (total + section + num) * 100_000_000;
                    section = 0;
                    num = 0;
                    continue;
                }
                _ => return Err(bad()),
            };
            if num == 0 {
                return Err(bad());
            }
            section += num * unit;
            num = 0;
        }
        let yuan = total + section + num;
        let mut fen = 0u64;
        let mut rest = dec_part;
        if rest == "整" || rest.is_empty() {
            if int_part.is_empty() {
                return Err(bad());
            }
        } else {
            rest = rest.strip_prefix('零').unwrap_or(rest);
            let chars: Vec<char> = rest.chars().collect();
            let mut i = 0;
            while i + 1 < chars.len() + 1 && i < chars.len() {
                let d = digit(chars[i]).ok_or_else(bad)?;
                match chars.get(i + 1) {
                    Some('角') => fen += d * 10,
                    Some('分') => fen += d,
                    _ => return Err(bad()),
                }
                i += 2;
            }
        }
        let value = i64::try_from(yuan * 100 + fen).map_err(|_| MoneyError::Overflow)?;
        Ok(Fen(if negative { -value } else { value }))
    }

    /// `self × qty`, or `None` on overflow.
    pub fn checked_mul(self, qty: i64) -> Option<Fen> {
        self.0.checked_mul(qty).map(Fen)
    }

    /// `self + other`, or `None` on overflow.
    pub fn checked_add(self, other: Fen) -> Option<Fen> {
        self.0.checked_add(other.0).map(Fen)
    }
}

impl std::fmt::Display for Fen {
    /// `¥1,409.50`, `-¥12.00`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let a = self.0.unsigned_abs();
        let digits = (a / 100).to_string();
        let mut grouped = String::new();
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i) % 3 == 0 {
                grouped.push(',');
            }
            grouped.push(c);
        }
        let sign = if self.0 < 0 { "-" } else { "" };
        write!(f, "{sign}¥{grouped}.{:02}", a % 100)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn the_peoples_bank_examples() {
        for (fen, words) in [
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
            (10_000_010_000, "壹亿零壹佰元整"),
            (99_999_999_999, "玖亿玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分"),
            (-1_200, "负壹拾贰元整"),
        ] {
            assert_eq!(Fen(fen).to_chinese_upper(), words, "{fen}");
            assert_eq!(Fen::parse_chinese_upper(words), Ok(Fen(fen)), "{words}");
        }
    }

    #[test]
    fn figures_as_written() {
        for s in ["1409.5", "¥1,409.50", "￥1409.50", "1,409.50元", "１４０９．５"] {
            assert_eq!(Fen::parse(s), Ok(Fen(140_950)), "{s}");
        }
        assert_eq!(Fen::parse("1.234"), Err(MoneyError::Precision));
        assert_eq!(Fen::parse("一百"), Err(MoneyError::Format));
        assert_eq!(Fen(140_950).to_string(), "¥1,409.50");
        assert_eq!(Fen(100_000_000).to_string(), "¥1,000,000.00");
        assert_eq!(Fen(-1_200).to_string(), "-¥12.00");
        assert_eq!(Fen(5).yuan_string(), "0.05");
        assert!(Fen::parse_chinese_upper("壹佰元X").is_err());
        assert_eq!(Fen(i64::MAX).checked_add(Fen(1)), None);
    }

    proptest! {
        #[test]
        fn words_parse_back(fen in 0i64..=99_999_999_999) {
            let words = Fen(fen).to_chinese_upper();
            prop_assert_eq!(Fen::parse_chinese_upper(&words), Ok(Fen(fen)));
            prop_assert!(!words.contains("零零"), "{}", words);
            prop_assert!(!words.ends_with('零'), "{}", words);
            prop_assert!(!words.chars().any(|c| c.is_ascii_digit()));
            prop_assert_eq!(Fen::parse(&Fen(fen).to_string()), Ok(Fen(fen)));
        }
    }
}
