//! The roster readers fuzzed with proptest: arbitrary bytes, mutated workbook bytes, mutated
//! worksheet XML re-zipped with correct CRCs (so the damage reaches the XML parser rather than
//! stopping at the zip check), and mutated CSV text. Each must give a result or an error, never
//! a panic.
//!
//! calamine panics on some malformed cell references in debug builds; the reader catches that
//! and reports a damaged file. To make sure the catch hides no panic of *our* code, a panic hook
//! records any panic whose location is outside the dependencies, and each case asserts none.
//!
//! 64 cases per property in CI; set `WUYE_FUZZ_CASES=5000` (say) for a longer run.

use std::cell::RefCell;
use std::io::{Cursor, Read, Write};
use std::sync::{Once, OnceLock};

use proptest::prelude::*;
use proptest::sample::Index;

use super::{read_roster_csv, read_roster_xlsx, validate_book};

fn cases() -> u32 {
    std::env::var("WUYE_FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(64)
}

thread_local! {
    /// Where this thread's last panic in our own code happened.
    static OUR_PANIC: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Installs (once) a hook that notes panics located in this crate's code.
fn watch_panics() {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        let default = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if let Some(at) = info.location() {
                let file = at.file();
                if !file.contains(".cargo") && !file.starts_with("/rustc/") {
                    OUR_PANIC.with(|p| *p.borrow_mut() = Some(at.to_string()));
                }
            }
            default(info);
        }));
    });
    OUR_PANIC.with(|p| *p.borrow_mut() = None);
}

fn our_panic() -> Option<String> {
    OUR_PANIC.with(|p| p.borrow_mut().take())
}

/// Reads `bytes` both ways and checks the rows, as the import would.
fn read_all(bytes: &[u8]) {
    if let Ok(book) = read_roster_xlsx(bytes) {
        let _ = validate_book(&book);
    }
    if let Ok(book) = read_roster_csv(bytes) {
        let _ = validate_book(&book);
    }
}

/// A small two-sheet roster workbook as rust_xlsxwriter writes it (deflated).
fn workbook() -> &'static [u8] {
    static BYTES: OnceLock<Vec<u8>> = OnceLock::new();
    BYTES.get_or_init(|| {
        let mut book = rust_xlsxwriter::Workbook::new();
        let plain = rust_xlsxwriter::Format::new();
        for (s, building) in [(0, "1号楼"), (1, "2号楼")] {
            let sheet = book.add_worksheet();
            let _ = sheet.set_name(building);
            let _ = sheet.merge_range(0, 0, 0, 5, "业主花名册", &plain);
            for (c, h) in ["楼栋", "单元", "房号", "建筑面积", "业主姓名", "联系电话"]
                .iter()
                .enumerate()
            {
                let _ = sheet.write_string(1, c as u16, *h);
            }
            for i in 0..6u32 {
                let r = i + 2;
                let _ = sheet.write_number(r, 0, f64::from(s + 1));
                let _ = sheet.write_number(r, 1, 1.0);
                let _ = sheet.write_number(r, 2, f64::from(101 + i));
                let _ = sheet.write_number(r, 3, 88.5);
                let _ = sheet.write_string(r, 4, "张伟");
                let _ = sheet.write_number(r, 5, 13_800_138_000.0 + f64::from(i));
            }
            let _ = sheet.merge_range(4, 4, 5, 4, "李娜", &plain);
            let _ = sheet.write_formula(7, 3, "=D3+1");
        }
        book.save_to_buffer().unwrap_or_default()
    })
}

/// The workbook's entries, uncompressed.
fn entries() -> &'static [(String, Vec<u8>)] {
    static ENTRIES: OnceLock<Vec<(String, Vec<u8>)>> = OnceLock::new();
    ENTRIES.get_or_init(|| {
        let mut out = Vec::new();
        let Ok(mut zip) = zip::ZipArchive::new(Cursor::new(workbook())) else {
            return out;
        };
        for i in 0..zip.len() {
            let Ok(mut f) = zip.by_index(i) else { continue };
            let name = f.name().map(|n| n.into_owned()).unwrap_or_default();
            let mut bytes = Vec::new();
            if f.read_to_end(&mut bytes).is_ok() {
                out.push((name, bytes));
            }
        }
        out
    })
}

/// Zips entries again, stored, with correct CRCs.
fn rezip(entries: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, bytes) in entries {
        if zip.start_file(name.as_str(), options).is_err() || zip.write_all(bytes).is_err() {
            return Vec::new();
        }
    }
    zip.finish().map(Cursor::into_inner).unwrap_or_default()
}

/// What a fuzzed file may contain in its XML: the shapes that broke or could break readers.
const NASTY: &[&str] = &[
    "XFD1048576",
    "XFD30",
    "AAAAAAAAAAAAAAAAAAAA1",
    "A99999999999",
    "A0",
    "B2:A1",
    "A1:XFD1048576",
    r#"<c r="B5"><f>1+1</f></c>"#,
    r#"<c r="E5" t="s"><v>4294967295</v></c>"#,
    r#"<mergeCells count="1"><mergeCell ref="A1:XFD1048576"/></mergeCells>"#,
    r#"<mergeCells count="1"><mergeCell ref="E3:E1"/></mergeCells>"#,
    r#"<dimension ref="A1:XFD1048576"/>"#,
    r#"<f t="shared" si="4000000000" ref="A1:A2">1</f>"#,
    r#"uniqueCount="4000000000""#,
    r#"<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>"#,
    "<v>NaN</v>",
    "<v>1e308</v>",
    "\u{0}\u{FFFF}",
    "张\t三",
];

/// One edit of an XML entry.
#[derive(Debug, Clone)]
enum Edit {
    /// Put a nasty snippet in place of the text between two quotes (an attribute value).
    Attribute(Index, Index),
    /// Insert a nasty snippet.
    Insert(Index, Index),
    /// Set one byte.
    Byte(Index, u8),
    /// Cut the entry short.
    Truncate(Index),
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        (any::<Index>(), any::<Index>()).prop_map(|(a, b)| Edit::Attribute(a, b)),
        (any::<Index>(), any::<Index>()).prop_map(|(a, b)| Edit::Insert(a, b)),
        (any::<Index>(), any::<u8>()).prop_map(|(a, b)| Edit::Byte(a, b)),
        any::<Index>().prop_map(Edit::Truncate),
    ]
}

fn apply(bytes: &mut Vec<u8>, edit: &Edit) {
    if bytes.is_empty() {
        return;
    }
    match edit {
        Edit::Attribute(which, snippet) => {
            let quotes: Vec<usize> = bytes
                .iter()
                .enumerate()
                .filter(|(_, b)| **b == b'"')
                .map(|(i, _)| i)
                .collect();
            if quotes.len() < 2 {
                return;
            }
            let q = which.index(quotes.len() - 1);
            let (start, end) = (quotes[q] + 1, quotes[q + 1]);
            let nasty = NASTY[snippet.index(NASTY.len())].as_bytes();
            bytes.splice(start..end, nasty.iter().copied());
        }
        Edit::Insert(at, snippet) => {
            let at = at.index(bytes.len() + 1);
            let nasty = NASTY[snippet.index(NASTY.len())].as_bytes();
            bytes.splice(at..at, nasty.iter().copied());
        }
        Edit::Byte(at, value) => {
            let at = at.index(bytes.len());
            bytes[at] = *value;
        }
        Edit::Truncate(at) => bytes.truncate(at.index(bytes.len())),
    }
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: cases(),
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn arbitrary_bytes_give_a_result_not_a_panic(
        bytes in proptest::collection::vec(any::<u8>(), 0..2000)
    ) {
        watch_panics();
        read_all(&bytes);
        let mut zipped = b"PK\x03\x04".to_vec();
        zipped.extend_from_slice(&bytes);
        read_all(&zipped);
        prop_assert_eq!(our_panic(), None);
    }

    #[test]
    fn damaged_workbook_bytes_are_refused_or_read_never_a_panic(
        flips in proptest::collection::vec((any::<Index>(), any::<u8>()), 1..6),
        cut in proptest::option::of(any::<Index>()),
    ) {
        watch_panics();
        let mut bytes = workbook().to_vec();
        prop_assume!(!bytes.is_empty());
        for (at, value) in &flips {
            let i = at.index(bytes.len());
            bytes[i] = *value;
        }
        if let Some(cut) = cut {
            bytes.truncate(cut.index(bytes.len()));
        }
        read_all(&bytes);
        prop_assert_eq!(our_panic(), None);
    }

    #[test]
    fn mutated_worksheet_xml_gives_a_result_not_a_panic(
        which in any::<Index>(),
        edits in proptest::collection::vec(edit(), 1..5),
    ) {
        watch_panics();
        let mut entries = entries().to_vec();
        let xml: Vec<usize> = entries
            .iter()
            .enumerate()
            .filter(|(_, (name, _))| name.ends_with(".xml"))
            .map(|(i, _)| i)
            .collect();
        prop_assume!(!xml.is_empty());
        let target = xml[which.index(xml.len())];
        for e in &edits {
            apply(&mut entries[target].1, e);
        }
        read_all(&rezip(&entries));
        prop_assert_eq!(our_panic(), None);
    }

    #[test]
    fn mutated_csv_gives_a_result_not_a_panic(
        edits in proptest::collection::vec(edit(), 1..6),
    ) {
        watch_panics();
        let mut text = "花名册\n楼栋,单元,房号,建筑面积,业主姓名,联系电话\n3,2,1502,89.5,张伟,13800138000\n\
                        3,2,1502,90,张伟,13900139000\n,,,,李娜,\n"
            .as_bytes()
            .to_vec();
        for e in &edits {
            apply(&mut text, e);
        }
        read_all(&text);
        prop_assert_eq!(our_panic(), None);
    }
}

#[test]
fn the_fixture_workbook_reads_both_sheets() {
    let book = read_roster_xlsx(workbook()).expect("reads");
    let names: Vec<&str> = book.tables.iter().map(|t| t.sheet.as_str()).collect();
    assert_eq!(names, ["1号楼", "2号楼"]);
    // The stored re-zip of the same entries reads the same.
    let again = read_roster_xlsx(&rezip(entries())).expect("reads");
    assert_eq!(again.tables, book.tables);
}
