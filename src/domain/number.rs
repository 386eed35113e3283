//! Monthly record numbers such as `FK-202611-0001`: [`monthly_number!`] makes the type (print,
//! parse as typed, the counter's month key) for each tab that numbers its records this way.

/// Reads `XX-202611-0001` for `prefix` `XX` (case and full-width digits forgiven, the prefix
/// optional): year, month, sequence.
pub(crate) fn parse_monthly(prefix: &str, text: &str) -> Option<(i32, u32, u32)> {
    let t = crate::domain::normalize_digits(text.trim()).to_ascii_uppercase();
    let t = t.strip_prefix(prefix).unwrap_or(&t);
    let t = t.trim_start_matches(['-', ' ']);
    let (ym, seq) = t.split_once('-')?;
    if ym.len() != 6 || !ym.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    if seq.is_empty() || !seq.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let year: i32 = ym[..4].parse().ok()?;
    let month: u32 = ym[4..].parse().ok()?;
    let seq: u32 = seq.parse().ok()?;
    ((1..=12).contains(&month) && seq > 0).then_some((year, month, seq))
}

/// Defines a number type `PREFIX-YYYYMM-NNNN` (a monthly sequence with no gaps, the counter kept
/// by the store): `monthly_number!(/// doc  Name, "XX", "编号的中文名");`.
macro_rules! monthly_number {
    ($(#[$m:meta])* $name:ident, $prefix:literal, $what:literal) => {
        $(#[$m])*
        #[derive(
            Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, ::serde::Serialize, ::serde::Deserialize,
        )]
        pub struct $name {
            /// Year.
            pub year: i32,
            /// Month (1–12).
            pub month: u32,
            /// Place in the month's sequence, from 1.
            pub seq: u32,
        }

        impl $name {
            /// The letters before the month.
            pub const PREFIX: &'static str = $prefix;

            /// The month key of the counter, `202611`.
            pub fn month_key(year: i32, month: u32) -> String {
                format!("{year:04}{month:02}")
            }

            /// Reads the number as typed (case and full-width digits forgiven, the letters
            /// optional).
            pub fn parse(text: &str) -> Option<$name> {
                $crate::domain::number::parse_monthly($prefix, text).map(|(year, month, seq)| $name { year, month, seq })
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                write!(f, "{}-{:04}{:02}-{:04}", $prefix, self.year, self.month, self.seq)
            }
        }

        impl std::str::FromStr for $name {
            type Err = String;

            fn from_str(s: &str) -> Result<Self, Self::Err> {
                $name::parse(s).ok_or_else(|| {
                    format!(
                        "{}“{}”写法不对，应为 {}-202611-0001 这样",
                        $what,
                        s.trim(),
                        $prefix
                    )
                })
            }
        }
    };
}

pub(crate) use monthly_number;
