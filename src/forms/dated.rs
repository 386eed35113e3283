//! Forms with the same content give the same bytes: a fixed document date while [`dated`]
//! runs, and the trailer's `/ID` made from the content instead of printpdf's counter. The
//! month-end archive's checksums mean something only because of this.

use std::cell::Cell;

use chrono::{Datelike, NaiveDateTime, Timelike};
use printpdf::OffsetDateTime;

thread_local! {
    /// The time forms built on this thread are dated with, while [`dated`] runs.
    pub(super) static DOCUMENT_TIME: Cell<Option<NaiveDateTime>> = const { Cell::new(None) };
}

/// Runs `f` with every [`FormDoc`](super::FormDoc) it builds dated `now` in the PDF's metadata (instead of the
/// computer's clock), so the month-end archive renders the same bytes every time.
pub fn dated<T>(now: NaiveDateTime, f: impl FnOnce() -> T) -> T {
    let before = DOCUMENT_TIME.replace(Some(now));
    let out = f();
    DOCUMENT_TIME.set(before);
    out
}

/// A desk time (Beijing time: the estate is in China, which keeps one time zone) for the
/// PDF's metadata, given in UTC: printpdf writes every date with a `+00'00'` offset, so the
/// instant is right only in UTC.
pub(super) fn beijing(local: NaiveDateTime) -> OffsetDateTime {
    use printpdf::{Date, Offset, Time};
    let t = local - chrono::TimeDelta::hours(8);
    OffsetDateTime::new_in_offset(
        Date {
            year: t.year(),
            month: t.month() as u8,
            day: t.day() as u8,
        },
        Time {
            hour: t.hour() as u8,
            minute: t.minute() as u8,
            second: t.second() as u8,
            millisecond: 0,
        },
        Offset {
            hours: 0,
            minutes: 0,
            seconds: 0,
            milliseconds: 0,
        },
    )
}

/// Replaces the trailer's `/ID`, which printpdf draws from a process-wide counter, with one
/// derived from the file's own content (SHA-256, the ID strings left out), in place and of the
/// same length so no cross-reference offset moves. Same content, same ID, same bytes.
pub(super) fn fix_trailer_id(pdf: &mut [u8]) {
    use sha2::{Digest, Sha256};
    // The trailer is at the end; printpdf writes both IDs as 32-letter literal strings.
    let from = pdf.len().saturating_sub(4096);
    let Some(at) = find(&pdf[from..], b"/ID").map(|i| from + i) else {
        return;
    };
    let mut spans = Vec::new();
    let mut i = at;
    while spans.len() < 2 && i < pdf.len() {
        if pdf[i] == b'(' {
            let start = i + 1;
            let Some(len) = pdf[start..].iter().position(|&b| b == b')') else {
                return;
            };
            spans.push(start..start + len);
            i = start + len;
        }
        i += 1;
    }
    let mut hasher = Sha256::new();
    let mut last = 0;
    for span in &spans {
        hasher.update(&pdf[last..span.start]);
        last = span.end;
    }
    hasher.update(&pdf[last..]);
    let digest = hasher.finalize();
    for (n, span) in spans.into_iter().enumerate() {
        for (k, b) in pdf[span].iter_mut().enumerate() {
            // Letters A–P from the digest's nibbles: printable, and no PDF string escapes.
            let byte = digest[(n * 16 + k / 2) % digest.len()];
            let nibble = if k % 2 == 0 { byte >> 4 } else { byte & 0x0f };
            *b = b'A' + nibble;
        }
    }
}

/// Position of `needle` in `hay`.
fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::forms::{FormDoc, PageSize};

    fn form(title: &str) -> Vec<u8> {
        let mut doc = FormDoc::new(title, PageSize::A5).unwrap();
        doc.title(title).unwrap();
        doc.finish().unwrap()
    }

    #[test]
    fn the_same_form_twice_is_the_same_bytes_and_its_id_follows_its_content() {
        let at = chrono::NaiveDate::from_ymd_opt(2026, 11, 30)
            .and_then(|d| d.and_hms_opt(23, 59, 59))
            .unwrap();
        let (a, b, c) = dated(at, || (form("维修单"), form("维修单"), form("放行条")));
        assert!(a == b, "two renders of one form differ");
        let id = |pdf: &[u8]| {
            let text = String::from_utf8_lossy(pdf).into_owned();
            let at = text.rfind("/ID").expect("trailer /ID");
            text[at..at + 80].to_string()
        };
        assert_ne!(id(&a), id(&c), "another content, another /ID");
        assert!(String::from_utf8_lossy(&a).contains("D:20261130155959+00'00'"));
    }
}
