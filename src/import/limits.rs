//! How much work a roster file may ask for, and the checks made before a workbook is parsed.
//!
//! A file must never decide how much memory the desk takes. An .xlsx is a zip of XML: a 3 KB
//! file can declare a cell at XFD1048576, a shared-string table of four billion entries, or
//! entries that inflate to gigabytes. The bounds below are far above any real roster (a large
//! estate has a few thousand units) and far below what would hurt an office PC; what exceeds
//! them is refused with a message naming what to fix.
//!
//! Every zip entry is also read to its end once before calamine sees the workbook, so that its
//! CRC is checked: calamine stops reading a worksheet at `</sheetData>` and would never notice
//! a damaged entry, which then imports wrong areas, phones or ID numbers.

use std::io::{Cursor, Read};

use super::ImportError;

/// Largest roster file read at all (bytes on disk).
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;
/// Most entries a workbook's zip may hold (a real one has 10–30).
pub const MAX_ZIP_ENTRIES: usize = 2_000;
/// Most bytes a workbook may inflate to, all entries together.
pub const MAX_UNZIPPED_BYTES: u64 = 400 * 1024 * 1024;
/// Last row (1-based, as Excel numbers it) a roster cell may be in.
pub const MAX_ROWS: usize = 200_000;
/// Columns read (A to DX); cells further right are ignored and reported.
pub const MAX_COLUMNS: usize = 128;
/// Most non-blank cells kept from one file, all sheets together.
pub const MAX_CELLS: usize = 4_000_000;
/// Most merged ranges read from one sheet.
pub const MAX_MERGES: usize = 200_000;

/// The column letters of a 0-based column index (`0` → `A`, `16383` → `XFD`).
pub fn column_name(col: usize) -> String {
    let mut n = col + 1;
    let mut letters = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push(b'A' + rem as u8);
        n = (n - 1) / 26;
    }
    letters.reverse();
    String::from_utf8(letters).unwrap_or_default()
}

/// A cell's name as Excel shows it, from 0-based row and column (`(0, 0)` → `A1`).
pub fn cell_name(row: usize, col: usize) -> String {
    format!("{}{}", column_name(col), row + 1)
}

/// Checks the workbook's zip before it is parsed: entry count, total inflated size, every
/// entry's CRC, and the shared-string count calamine reserves memory for.
pub(crate) fn check_zip(bytes: &[u8]) -> Result<(), ImportError> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| ImportError::Xlsx {
        detail: format!("不是有效的 zip 压缩包：{e}"),
    })?;
    if zip.len() > MAX_ZIP_ENTRIES {
        return Err(ImportError::TooBig {
            detail: format!("压缩包里有 {} 个文件，正常的花名册不超过几十个", zip.len()),
        });
    }
    let mut total: u64 = 0;
    for i in 0..zip.len() {
        let mut entry = zip.by_index(i).map_err(|e| ImportError::Damaged {
            entry: format!("第 {} 个文件", i + 1),
            detail: e.to_string(),
        })?;
        let name = entry.name().map(|n| n.into_owned()).unwrap_or_default();
        total = total.saturating_add(entry.size());
        if total > MAX_UNZIPPED_BYTES {
            return Err(ImportError::TooBig {
                detail: format!("解压后超过 {} MB", MAX_UNZIPPED_BYTES / 1024 / 1024),
            });
        }
        let shared_strings = name.to_ascii_lowercase().ends_with("sharedstrings.xml");
        let mut sink = Sink::new(shared_strings);
        std::io::copy(&mut entry, &mut sink).map_err(|e| ImportError::Damaged {
            entry: name.clone(),
            detail: e.to_string(),
        })?;
        if shared_strings {
            check_shared_string_count(&sink.head, sink.written, &name)?;
        }
    }
    Ok(())
}

/// Discards what it is given, keeping the first bytes when asked (to read a start tag).
struct Sink {
    keep: bool,
    head: Vec<u8>,
    written: u64,
}

/// How much of the shared-string table's start is kept to find its `<sst>` tag.
const HEAD_BYTES: usize = 64 * 1024;

impl Sink {
    fn new(keep: bool) -> Sink {
        Sink {
            keep,
            head: Vec::new(),
            written: 0,
        }
    }
}

impl std::io::Write for Sink {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.keep && self.head.len() < HEAD_BYTES {
            let take = buf.len().min(HEAD_BYTES - self.head.len());
            self.head.extend_from_slice(&buf[..take]);
        }
        self.written = self.written.saturating_add(buf.len() as u64);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// calamine reserves room for the `uniqueCount` the table declares before reading a single
/// string; each string takes at least five bytes (`<si/>`), so a count above a fifth of the
/// table's size is a lie that would take gigabytes.
fn check_shared_string_count(head: &[u8], size: u64, entry: &str) -> Result<(), ImportError> {
    let Some(count) = declared_unique_count(head) else {
        return Ok(());
    };
    if count > size / 5 + 1 {
        return Err(ImportError::Damaged {
            entry: entry.to_owned(),
            detail: format!("声明了 {count} 个字符串，但只有 {size} 字节"),
        });
    }
    Ok(())
}

/// The `uniqueCount` attribute of the first `sst` start tag, if it is a number. A count that
/// does not fit is returned as `u64::MAX`.
fn declared_unique_count(head: &[u8]) -> Option<u64> {
    let mut from = 0;
    while let Some(lt) = head.get(from..)?.iter().position(|&b| b == b'<') {
        let start = from + lt + 1;
        let end = start + head.get(start..)?.iter().position(|&b| b == b'>')?;
        let tag = head.get(start..end)?;
        from = end + 1;
        let name_len = tag
            .iter()
            .position(|b| b.is_ascii_whitespace() || *b == b'/')
            .unwrap_or(tag.len());
        let name = &tag[..name_len];
        let local = name.rsplit(|&b| b == b':').next().unwrap_or(name);
        if local != b"sst" {
            continue;
        }
        return attribute_number(&tag[name_len..], b"uniqueCount");
    }
    None
}

/// The value of attribute `key` in a start tag's attribute text, as a number.
fn attribute_number(attrs: &[u8], key: &[u8]) -> Option<u64> {
    let mut i = 0;
    while i + key.len() <= attrs.len() {
        let before_ok = i == 0 || attrs[i - 1].is_ascii_whitespace();
        if before_ok && attrs[i..].starts_with(key) {
            let rest = &attrs[i + key.len()..];
            let rest = trim_start(rest);
            if let Some(rest) = rest.strip_prefix(b"=") {
                let rest = trim_start(rest);
                let quote = *rest.first()?;
                if quote != b'"' && quote != b'\'' {
                    return None;
                }
                let digits: Vec<u8> = rest[1..]
                    .iter()
                    .copied()
                    .take_while(|&b| b != quote)
                    .collect();
                if digits.is_empty() || !digits.iter().all(u8::is_ascii_digit) {
                    return None;
                }
                return Some(
                    std::str::from_utf8(&digits)
                        .ok()?
                        .parse::<u64>()
                        .unwrap_or(u64::MAX),
                );
            }
        }
        i += 1;
    }
    None
}

fn trim_start(s: &[u8]) -> &[u8] {
    let n = s.iter().take_while(|b| b.is_ascii_whitespace()).count();
    &s[n..]
}

/// Reads a file from disk, refusing one larger than [`MAX_FILE_BYTES`] before reading it.
pub(crate) fn read_file(path: &std::path::Path) -> Result<Vec<u8>, ImportError> {
    let io = |source| ImportError::Io {
        path: path.to_path_buf(),
        source,
    };
    let file = std::fs::File::open(path).map_err(io)?;
    let len = file.metadata().map_err(io)?.len();
    if len > MAX_FILE_BYTES {
        return Err(ImportError::TooBig {
            detail: format!("文件有 {} MB，花名册一般不到 10 MB", len / 1024 / 1024),
        });
    }
    let mut bytes = Vec::with_capacity(len as usize);
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(io)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(ImportError::TooBig {
            detail: "文件在读取时变大了".to_owned(),
        });
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cell_names() {
        assert_eq!(cell_name(0, 0), "A1");
        assert_eq!(column_name(25), "Z");
        assert_eq!(column_name(26), "AA");
        assert_eq!(column_name(127), "DX");
        assert_eq!(cell_name(1_048_575, 16_383), "XFD1048576");
    }

    #[test]
    fn the_declared_string_count_is_found() {
        let head = br#"<?xml version="1.0"?><sst xmlns="x" count="3" uniqueCount = '2'><si>"#;
        assert_eq!(declared_unique_count(head), Some(2));
        let head = br#"<x:sst uniqueCount="99999999999999999999999">"#;
        assert_eq!(declared_unique_count(head), Some(u64::MAX));
        assert_eq!(declared_unique_count(b"<sst count=\"3\">"), None);
        assert_eq!(declared_unique_count(b"<sstx uniqueCount=\"3\">"), None);
        assert_eq!(declared_unique_count(b"<sst uniqueCount=\"3"), None);
        assert!(check_shared_string_count(b"<sst uniqueCount=\"4000000000\">", 3000, "s").is_err());
        assert!(check_shared_string_count(b"<sst uniqueCount=\"100\">", 3000, "s").is_ok());
    }
}
