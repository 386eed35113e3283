//! Normalising what people type: full-width digits and punctuation become ASCII.

/// Maps full-width digits, letters and common punctuation to ASCII and trims the ends, so every
/// parser sees `３-２-１５０２` as `3-2-1502`.
pub fn normalize(s: &str) -> String {
    s.trim()
        .chars()
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '\u{3000}' => ' ',
            '—' | '–' | '‐' | '‑' | '−' => '-',
            _ => c,
        })
        .collect::<String>()
        .trim()
        .to_string()
}

#[cfg(test)]
mod tests {
    #[test]
    fn full_width_becomes_ascii() {
        assert_eq!(super::normalize(" ３－２—１５０２　"), "3-2-1502");
        assert_eq!(super::normalize("ｘ"), "x");
    }
}
