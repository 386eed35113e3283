//! [`ReceiptNumber`]: `SJ-YYYYMM-NNNN`, a monthly sequence without gaps (as WX- and FX-).

use serde::{Deserialize, Serialize};

use crate::domain::Month;

/// A 收款收据's number: the month it was issued in and its place in that month's sequence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct ReceiptNumber {
    /// The month of issue.
    pub month: Month,
    /// Place in the month's sequence, from 1.
    pub seq: u32,
}

impl ReceiptNumber {
    /// Reads `SJ-202611-0001` (case and full-width digits forgiven, the `SJ-` optional).
    pub fn parse(text: &str) -> Option<ReceiptNumber> {
        let t = crate::domain::normalize_digits(text.trim()).to_ascii_uppercase();
        let t = t.strip_prefix("SJ").unwrap_or(&t);
        let t = t.trim_start_matches(['-', ' ']);
        let (ym, seq) = t.split_once('-')?;
        if ym.len() != 6 || !ym.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let month = Month::new(ym[..4].parse().ok()?, ym[4..].parse().ok()?)?;
        let seq: u32 = seq.parse().ok()?;
        (seq > 0).then_some(ReceiptNumber { month, seq })
    }
}

impl std::fmt::Display for ReceiptNumber {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "SJ-{:04}{:02}-{:04}",
            self.month.year(),
            self.month.number(),
            self.seq
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_back() {
        let n = ReceiptNumber::parse("sj-２０２６１１-0007").unwrap();
        assert_eq!(n.to_string(), "SJ-202611-0007");
        assert_eq!(ReceiptNumber::parse("202611-12").unwrap().seq, 12);
        assert_eq!(ReceiptNumber::parse("SJ-202613-0001"), None);
        assert_eq!(ReceiptNumber::parse("SJ-202611-0000"), None);
        assert_eq!(ReceiptNumber::parse("WX-202611"), None);
    }
}
