//! The pass's two numbers: its own (`FX-202611-0001`) and the driver's document number, each
//! read as typed and shown as the desk and paper show it.

use serde::{Deserialize, Serialize};

use crate::domain::{ResidentId, normalize_digits};

/// A pass number, `FX-202611-0001`: year, month and the month's running number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct PassNumber {
    /// Year.
    pub year: i32,
    /// Month, 1–12.
    pub month: u32,
    /// Running number inside the month, from 1.
    pub seq: u32,
}

impl PassNumber {
    /// Reads `FX-202611-0001` (lower case and full-width accepted).
    pub fn parse(s: &str) -> Option<PassNumber> {
        let text = normalize_digits(s).to_ascii_uppercase();
        let rest = text.strip_prefix("FX-")?;
        let (ym, seq) = rest.split_once('-')?;
        if ym.len() != 6 || seq.len() < 4 || !seq.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let year: i32 = ym.get(..4)?.parse().ok()?;
        let month: u32 = ym.get(4..)?.parse().ok()?;
        let seq: u32 = seq.parse().ok()?;
        ((1..=12).contains(&month) && seq > 0).then_some(PassNumber { year, month, seq })
    }

    /// The month key of the counter, `202611`.
    pub fn month_key(year: i32, month: u32) -> String {
        format!("{year:04}{month:02}")
    }
}

impl std::fmt::Display for PassNumber {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "FX-{:04}{:02}-{:04}", self.year, self.month, self.seq)
    }
}

/// The driver's licence or ID number (驾驶证号或身份证号): kept in full, shown masked.
///
/// A mainland licence number is the holder's ID number, so an 18-character value is checked as
/// one; other documents (e.g. a Hong Kong licence) are accepted as 6–20 letters and digits.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DriverDoc(String);

impl DriverDoc {
    /// Reads the number as typed.
    ///
    /// # Errors
    /// A message for the field.
    pub fn parse(s: &str) -> Result<DriverDoc, String> {
        let text: String = normalize_digits(s)
            .chars()
            .filter(|c| !c.is_whitespace())
            .map(|c| c.to_ascii_uppercase())
            .collect();
        if text.is_empty() {
            return Err("请填写司机的驾驶证号或身份证号".into());
        }
        if text.len() == 18 {
            return ResidentId::parse(&text)
                .map(|id| DriverDoc(id.as_str().to_string()))
                .map_err(|e| e.to_string());
        }
        if !(6..=20).contains(&text.len()) || !text.chars().all(|c| c.is_ascii_alphanumeric()) {
            return Err("证件号应为18位身份证号，或6到20位字母和数字".into());
        }
        Ok(DriverDoc(text))
    }

    /// The full number, for storage only.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// First 3 and last 4 characters, the rest as `*`: what screens and paper show.
    pub fn masked(&self) -> String {
        let chars: Vec<char> = self.0.chars().collect();
        let n = chars.len();
        if n <= 7 {
            return format!(
                "{}{}",
                chars.first().copied().unwrap_or('*'),
                "*".repeat(n - 1)
            );
        }
        let head: String = chars[..3].iter().collect();
        let tail: String = chars[n - 4..].iter().collect();
        format!("{head}{}{tail}", "*".repeat(n - 7))
    }
}

impl std::fmt::Debug for DriverDoc {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "DriverDoc({})", self.masked())
    }
}

impl std::fmt::Display for DriverDoc {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.masked())
    }
}
