//! Reading a roster saved as CSV.
//!
//! Excel in a Chinese locale saves "CSV (逗号分隔)" in GBK and "CSV UTF-8" with a byte
//! order mark; both are accepted. Tab-separated text ("Unicode 文本", UTF-16) is accepted
//! too, because it is what "另存为" offers next to CSV.

use super::cell::Cell;
use super::sheet::{Sheet, SheetBuilder};
use super::{ImportError, Progress};

/// Decodes the file's bytes: BOM-marked UTF-8/UTF-16, plain UTF-8, else GB18030 (a
/// superset of GBK and GB2312).
pub(crate) fn decode(bytes: &[u8]) -> Result<String, ImportError> {
    if let Some((encoding, bom_len)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, had_errors) =
            encoding.decode_without_bom_handling(bytes.get(bom_len..).unwrap_or_default());
        if had_errors {
            return Err(ImportError::Encoding);
        }
        return Ok(text.into_owned());
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok(text.to_owned());
    }
    let (text, had_errors) = encoding_rs::GB18030.decode_without_bom_handling(bytes);
    if had_errors {
        return Err(ImportError::Encoding);
    }
    Ok(text.into_owned())
}

/// Guesses the delimiter from the first lines: tab when tabs outnumber commas.
fn sniff_delimiter(text: &str) -> u8 {
    let head = text.lines().take(20);
    let (mut commas, mut tabs) = (0usize, 0usize);
    for line in head {
        commas += line.matches(',').count();
        tabs += line.matches('\t').count();
    }
    if tabs > commas { b'\t' } else { b',' }
}

/// Counts line breaks, each of `\r\n`, `\n` and a lone `\r` as one.
fn count_line_breaks(bytes: &[u8]) -> usize {
    let mut count = 0;
    let mut iter = bytes.iter().peekable();
    while let Some(b) = iter.next() {
        match b {
            b'\n' => count += 1,
            b'\r' => {
                count += 1;
                if iter.peek() == Some(&&b'\n') {
                    iter.next();
                }
            }
            _ => {}
        }
    }
    count
}

/// Parses decoded CSV text into rows numbered as Excel shows them when it opens the file
/// (blank lines count as rows; a quoted value spanning lines is one row), under the same
/// limits as a worksheet.
pub(crate) fn parse(text: &str, progress: &mut dyn FnMut(Progress)) -> Result<Sheet, ImportError> {
    let mut reader = ::csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(sniff_delimiter(text))
        .from_reader(text.as_bytes());
    let mut builder = SheetBuilder::new(String::new(), false);
    let mut cells_so_far = 0usize;
    let mut record = ::csv::StringRecord::new();
    let bytes = text.as_bytes();
    // Line breaks before `scanned`, and line breaks inside earlier records' values.
    let (mut scanned, mut breaks_before, mut inner_breaks) = (0usize, 0usize, 0usize);
    loop {
        let before = usize::try_from(reader.position().byte()).unwrap_or(usize::MAX);
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                let row = e
                    .position()
                    .map_or(0, |p| usize::try_from(p.line()).unwrap_or(0));
                return Err(ImportError::Csv {
                    row,
                    detail: e.to_string(),
                });
            }
        }
        // The reader skips blank lines before a record; find where the record starts.
        let skipped = bytes
            .get(before..)
            .unwrap_or_default()
            .iter()
            .take_while(|b| matches!(b, b'\r' | b'\n'))
            .count();
        let start = before.saturating_add(skipped).min(bytes.len());
        breaks_before += count_line_breaks(bytes.get(scanned..start).unwrap_or_default());
        scanned = start;
        let row = breaks_before + 1 - inner_breaks.min(breaks_before);
        inner_breaks += record
            .iter()
            .map(|f| count_line_breaks(f.as_bytes()))
            .sum::<usize>();
        for (col, field) in record.iter().enumerate() {
            if !field.trim().is_empty() {
                builder.push(
                    row - 1,
                    col,
                    Cell::Text(field.to_owned()),
                    &mut cells_so_far,
                )?;
            }
        }
        if row % 1_000 == 0 {
            progress(Progress {
                sheet: String::new(),
                rows: row,
            });
        }
    }
    Ok(builder.finish())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_utf8_with_and_without_bom() {
        assert_eq!(decode("楼栋".as_bytes()).ok(), Some("楼栋".to_owned()));
        let mut with_bom = vec![0xEF, 0xBB, 0xBF];
        with_bom.extend_from_slice("楼栋".as_bytes());
        assert_eq!(decode(&with_bom).ok(), Some("楼栋".to_owned()));
    }

    #[test]
    fn decodes_gbk() {
        let (bytes, _, _) = encoding_rs::GBK.encode("业主姓名,张三");
        assert!(std::str::from_utf8(&bytes).is_err());
        assert_eq!(decode(&bytes).ok(), Some("业主姓名,张三".to_owned()));
    }

    #[test]
    fn decodes_utf16_tab_text() {
        let mut bytes = vec![0xFF, 0xFE];
        for unit in "楼栋\t业主\r\n3\t张三\r\n".encode_utf16() {
            bytes.extend_from_slice(&unit.to_le_bytes());
        }
        let text = decode(&bytes).unwrap_or_default();
        let sheet = parse(&text, &mut |_| {}).unwrap_or_default();
        assert_eq!(sheet.rows.len(), 2);
        assert_eq!(
            sheet.rows[1].cells,
            vec![(0, Cell::Text("3".into())), (1, Cell::Text("张三".into()))]
        );
    }

    fn numbers(text: &str) -> Vec<usize> {
        parse(text, &mut |_| {})
            .unwrap_or_default()
            .rows
            .iter()
            .map(|r| r.number)
            .collect()
    }

    #[test]
    fn rows_are_numbered_as_excel_shows_them() {
        let text = "title\n\n楼栋,业主\n3,\"张\n三\"\n\n4,李四\n";
        assert_eq!(numbers(text), vec![1, 3, 4, 6]);
        let crlf = "title\r\n\r\n楼栋,业主\r\n3,\"张\r\n三\"\r\n\r\n\r\n4,李四";
        assert_eq!(numbers(crlf), vec![1, 3, 4, 7]);
    }

    #[test]
    fn unbalanced_quotes_are_tolerated_but_reported_rows_stay_sane() {
        // The csv crate treats a stray quote leniently; make sure nothing panics.
        assert!(parse("a,\"b\nc", &mut |_| {}).is_ok());
    }

    #[test]
    fn a_row_far_down_is_refused_and_far_right_ignored() {
        let far_down = format!(
            "楼栋,业主{}x\n",
            "\n".repeat(super::super::limits::MAX_ROWS)
        );
        let err = parse(&far_down, &mut |_| {}).unwrap_err().to_string();
        assert!(err.contains("A200001"), "{err}");
        let far_right = format!("楼栋,业主{}x\n", ",".repeat(200));
        let sheet = parse(&far_right, &mut |_| {}).unwrap_or_default();
        assert_eq!(sheet.ignored_far, 1);
        assert_eq!(sheet.first_far, "GT1");
    }
}
