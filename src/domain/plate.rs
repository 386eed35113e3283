//! Mainland vehicle plates (车牌号), as the guard writes them on an item-release pass.
//!
//! Shapes accepted (GA 36-2018 and the 2021 new-energy extension):
//! - ordinary, 7 characters: province + issuing letter + 5 letters/digits (`豫A12345`, `京B8Z3K2`);
//! - with a suffix, 7 characters: province + letter + 4 letters/digits + 警/学/挂/领
//!   (`豫A1234学`), and 港/澳 only on 粤Z (`粤Z1234港`);
//! - new energy, 8 characters: small cars put an energy letter first (pure electric D, A, B, C,
//!   E; hybrid F, G, H, J, K), then a letter or digit, then 4 digits (`豫AD12345`, `沪AFA1234`);
//!   large vehicles put 5 digits first and D or F last (`豫A12345D`).
//!
//! I and O are never used on plates (they read as 1 and 0), so they are refused by name.

use serde::{Deserialize, Serialize};

use super::normalize_digits;

/// The one-character abbreviations of the 31 mainland provinces, regions and municipalities.
const PROVINCES: &str = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼";
/// Special suffixes in the seventh place.
const SUFFIXES: &str = "警学挂领";
/// Energy letters of small new-energy plates: pure electric, then hybrid.
const SMALL_ENERGY: &str = "DABCEFGHJK";

/// A validated plate, stored without spaces or dots, letters upper-case.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Plate(String);

/// Why a plate was refused; the message says what to fix.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PlateError {
    /// Nothing typed.
    #[error("请填写车牌号")]
    Empty,
    /// The first character is not a province abbreviation.
    #[error("车牌第一个字应是省份简称，例如 豫、京、沪")]
    Province,
    /// The second character is not an issuing-authority letter.
    #[error("车牌第二位应是字母（发牌机关代号），例如 豫A")]
    Authority,
    /// I or O somewhere: plates never use them.
    #[error("车牌里没有字母 {0}（容易与数字混淆），请核对是不是数字 1 或 0")]
    ForbiddenLetter(char),
    /// Neither 7 nor 8 characters.
    #[error("车牌应为7位（新能源车8位），现在是{0}位")]
    Length(usize),
    /// A character that does not belong on a plate.
    #[error("车牌里不能有“{0}”")]
    BadChar(char),
    /// 8 characters that do not follow the new-energy rules.
    #[error(
        "新能源车牌应为 豫AD12345（D/F 等字母在前，后四位是数字）或 豫A12345D（大型车，D/F 在后）"
    )]
    NewEnergy,
    /// 港/澳 on a plate that is not 粤Z.
    #[error("港、澳车牌只有粤Z开头的")]
    HongKongMacau,
}

fn is_plate_alnum(c: char) -> bool {
    c.is_ascii_digit() || (c.is_ascii_uppercase() && c != 'I' && c != 'O')
}

impl Plate {
    /// Reads a plate as typed: spaces, dots (`豫A·12345`) and dashes are ignored, lower-case
    /// and full-width letters accepted.
    ///
    /// # Errors
    /// A [`PlateError`] naming what is wrong.
    pub fn parse(s: &str) -> Result<Plate, PlateError> {
        let text: Vec<char> = normalize_digits(s)
            .chars()
            .filter(|c| !c.is_whitespace() && !"·.-•・".contains(*c))
            .map(|c| c.to_ascii_uppercase())
            .collect();
        let Some(&first) = text.first() else {
            return Err(PlateError::Empty);
        };
        if !PROVINCES.contains(first) {
            return Err(PlateError::Province);
        }
        if let Some(&c) = text.iter().find(|c| **c == 'I' || **c == 'O') {
            return Err(PlateError::ForbiddenLetter(c));
        }
        match text.get(1) {
            Some(c) if c.is_ascii_uppercase() => {}
            _ => return Err(PlateError::Authority),
        }
        let rest = &text[2..];
        let Some(&last) = rest.last() else {
            return Err(PlateError::Length(text.len()));
        };
        if let Some(&c) = rest[..rest.len() - 1].iter().find(|c| !is_plate_alnum(**c)) {
            return Err(PlateError::BadChar(c));
        }
        match rest.len() {
            5 => {
                if "港澳".contains(last) {
                    if first != '粤' || text[1] != 'Z' {
                        return Err(PlateError::HongKongMacau);
                    }
                } else if !is_plate_alnum(last) && !SUFFIXES.contains(last) {
                    return Err(PlateError::BadChar(last));
                }
            }
            6 => {
                if !is_plate_alnum(last) {
                    return Err(PlateError::BadChar(last));
                }
                let digits = |cs: &[char]| cs.iter().all(char::is_ascii_digit);
                let small = SMALL_ENERGY.contains(rest[0]) && digits(&rest[2..]);
                let large = digits(&rest[..5]) && (last == 'D' || last == 'F');
                if !small && !large {
                    return Err(PlateError::NewEnergy);
                }
            }
            _ => return Err(PlateError::Length(text.len())),
        }
        Ok(Plate(text.into_iter().collect()))
    }

    /// The plate as stored and printed: `豫A12345`.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether this is an 8-character new-energy plate.
    pub fn is_new_energy(&self) -> bool {
        self.0.chars().count() == 8
    }
}

impl std::fmt::Display for Plate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn valid_plates() {
        let table = [
            ("豫A12345", "豫A12345"),
            ("豫a 12345", "豫A12345"),
            ("京B·8Z3K2", "京B8Z3K2"),
            ("沪C-ABC12", "沪CABC12"),
            ("粤Z1234港", "粤Z1234港"),
            ("粤Z1234澳", "粤Z1234澳"),
            ("豫A1234学", "豫A1234学"),
            ("豫A1234挂", "豫A1234挂"),
            ("豫A1234警", "豫A1234警"),
            ("沪A1234领", "沪A1234领"),
            ("豫AD12345", "豫AD12345"),
            ("豫AFA1234", "豫AFA1234"),
            ("京AK12345", "京AK12345"),
            ("豫A12345D", "豫A12345D"),
            ("豫A12345F", "豫A12345F"),
            ("豫Ａ１２３４５", "豫A12345"),
        ];
        for (typed, stored) in table {
            let plate = Plate::parse(typed);
            assert_eq!(
                plate.as_ref().map(Plate::as_str),
                Ok(stored),
                "{typed} should be valid"
            );
        }
        assert!(Plate::parse("豫AD12345").is_ok_and(|p| p.is_new_energy()));
        assert!(Plate::parse("豫A12345").is_ok_and(|p| !p.is_new_energy()));
    }

    #[test]
    fn invalid_plates() {
        use PlateError::*;
        let table = [
            ("", Empty),
            ("   ", Empty),
            ("A12345", Province),
            ("港A12345", Province),
            ("豫112345", Authority),
            ("豫", Authority),
            ("豫A1234", Length(6)),
            ("豫A123456789", Length(11)),
            ("豫AO1234", ForbiddenLetter('O')),
            ("豫A1I234", ForbiddenLetter('I')),
            ("豫A12#45", BadChar('#')),
            ("豫A1234车", BadChar('车')),
            ("豫A12学45", BadChar('学')),
            ("豫A1234港", HongKongMacau),
            ("豫AD1234A", NewEnergy),
            ("豫AL12345", NewEnergy),
            ("豫A12345A", NewEnergy),
            ("豫A1234DD", NewEnergy),
            ("豫AD1234学", BadChar('学')),
        ];
        for (typed, error) in table {
            assert_eq!(Plate::parse(typed), Err(error), "{typed} should be refused");
        }
    }

    #[test]
    fn messages_say_what_to_fix() {
        assert!(
            PlateError::ForbiddenLetter('O')
                .to_string()
                .contains("数字 1 或 0")
        );
        assert!(PlateError::Length(6).to_string().contains("现在是6位"));
    }
}
