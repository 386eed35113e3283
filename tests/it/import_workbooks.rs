//! Workbooks that used to make the importer lie or fall over, each built here (rust_xlsxwriter,
//! then edited inside the zip where no writer would produce the damage): the far cell, one sheet
//! per building, a merged owner cell, a formula saved without its value, a damaged zip entry, a
//! shared-string table that lies about its size, placeholder owners, contradicting rows and a
//! tab inside a name.

use std::io::{Cursor, Read, Write};
use std::path::{Path, PathBuf};

use rust_xlsxwriter::{Format, Workbook};
use wuye_desk::domain::UnitAddress;
use wuye_desk::domain::unit::UnitStatus;
use wuye_desk::import::{ImportError, prepare, read_roster};

use crate::common::{clerk, temp_store};

const HEADERS: [&str; 6] = ["楼栋", "单元", "房号", "建筑面积", "业主姓名", "联系电话"];

fn save(dir: &tempfile::TempDir, name: &str, mut book: Workbook) -> PathBuf {
    let path = dir.path().join(name);
    book.save(&path).expect("save workbook");
    path
}

/// Writes the header row at `row` and one unit per row below it.
fn roster_sheet(
    sheet: &mut rust_xlsxwriter::Worksheet,
    header_row: u32,
    rows: &[(u32, u32, u32, f64, &str, &str)],
) {
    for (c, h) in HEADERS.iter().enumerate() {
        sheet
            .write_string(header_row, c as u16, *h)
            .expect("header");
    }
    for (i, (b, e, room, area, name, phone)) in rows.iter().enumerate() {
        let r = header_row + 1 + i as u32;
        sheet.write_number(r, 0, f64::from(*b)).expect("cell");
        sheet.write_number(r, 1, f64::from(*e)).expect("cell");
        sheet.write_number(r, 2, f64::from(*room)).expect("cell");
        sheet.write_number(r, 3, *area).expect("cell");
        if !name.is_empty() {
            sheet.write_string(r, 4, *name).expect("cell");
        }
        if !phone.is_empty() {
            sheet.write_string(r, 5, *phone).expect("cell");
        }
    }
}

/// The entries of a zip, uncompressed.
fn unzip(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).expect("zip");
    (0..zip.len())
        .map(|i| {
            let mut f = zip.by_index(i).expect("entry");
            let name = f.name().expect("name").into_owned();
            let mut data = Vec::new();
            f.read_to_end(&mut data).expect("inflate");
            (name, data)
        })
        .collect()
}

/// Zips entries again, stored (uncompressed), so that their bytes can be found and changed.
fn zip_stored(entries: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, data) in entries {
        zip.start_file(name.as_str(), options).expect("start");
        zip.write_all(data).expect("write");
    }
    zip.finish().expect("finish").into_inner()
}

/// Rewrites the entry `name` of the workbook at `path` with `edit`.
fn edit_entry(path: &Path, name: &str, edit: impl Fn(&str) -> String) {
    let mut entries = unzip(&std::fs::read(path).expect("read"));
    let entry = entries
        .iter_mut()
        .find(|(n, _)| n == name)
        .expect("entry present");
    let text = String::from_utf8(entry.1.clone()).expect("utf-8 xml");
    let edited = edit(&text);
    assert_ne!(edited, text, "the edit changed something");
    entry.1 = edited.into_bytes();
    std::fs::write(path, zip_stored(&entries)).expect("write");
}

fn problems_text(path: &Path) -> Vec<String> {
    prepare(path)
        .expect("readable")
        .problems
        .iter()
        .map(ToString::to_string)
        .collect()
}

#[test]
fn the_far_cell_workbook_is_refused_by_the_cells_name() {
    let dir = tempfile::tempdir().unwrap();
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    roster_sheet(sheet, 0, &[(1, 1, 101, 88.5, "张伟", "13800138000")]);
    sheet.write_string(1_048_575, 16_383, "x").unwrap();
    let path = save(&dir, "远处.xlsx", book);
    assert!(
        std::fs::metadata(&path).unwrap().len() < 16 * 1024,
        "a small file"
    );
    let err = read_roster(&path).expect_err("refused");
    assert!(matches!(err, ImportError::FarCell { .. }), "{err}");
    let text = err.to_string();
    assert!(
        text.contains("Sheet1") && text.contains("XFD1048576") && text.contains("删除"),
        "{text}"
    );
}

#[test]
fn a_cell_far_right_of_the_roster_is_ignored_and_mentioned() {
    let dir = tempfile::tempdir().unwrap();
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    roster_sheet(sheet, 0, &[(1, 1, 101, 88.5, "张伟", "13800138000")]);
    sheet.write_string(29, 16_383, "x").unwrap();
    let path = save(&dir, "右边.xlsx", book);
    let prepared = prepare(&path).expect("read");
    assert_eq!(prepared.records.len(), 1);
    assert!(prepared.problems.is_empty(), "{:?}", prepared.problems);
    assert!(
        prepared.notes.iter().any(|n| n.contains("XFD30")),
        "{:?}",
        prepared.notes
    );
}

#[test]
fn a_three_sheet_roster_imports_all_three_buildings() {
    let dir = tempfile::tempdir().unwrap();
    let mut book = Workbook::new();
    let notes = book.add_worksheet();
    notes.set_name("填表说明").unwrap();
    notes.write_string(0, 0, "每栋楼一张表").unwrap();
    for b in 1..=3u32 {
        let sheet = book.add_worksheet();
        sheet.set_name(format!("{b}号楼")).unwrap();
        sheet
            .write_string(0, 0, format!("{b}号楼业主花名册"))
            .unwrap();
        roster_sheet(
            sheet,
            1,
            &[
                (b, 1, 101, 88.5, "张伟", "13800138001"),
                (b, 1, 102, 90.0, "李娜", "13800138002"),
            ],
        );
    }
    let blank = book.add_worksheet();
    blank.set_name("Sheet5").unwrap();
    let path = save(&dir, "三栋楼.xlsx", book);

    let prepared = prepare(&path).expect("read");
    assert_eq!(prepared.records.len(), 6, "{:?}", prepared.problems);
    assert!(prepared.problems.is_empty(), "{:?}", prepared.problems);
    assert_eq!(
        prepared.sheets_text(),
        "工作表“1号楼”2 行，工作表“2号楼”2 行，工作表“3号楼”2 行"
    );
    let skipped: Vec<String> = prepared.skipped.iter().map(ToString::to_string).collect();
    assert_eq!(skipped.len(), 2, "{skipped:?}");
    assert!(skipped[0].starts_with("工作表“填表说明”没有找到表头行"));
    assert!(skipped[1].starts_with("工作表“Sheet5”空白"));

    let (_db, mut store) = temp_store();
    let summary = store.import_roster(&prepared.records, &clerk()).unwrap();
    assert_eq!(summary.units_added, 6);
    for b in 1..=3 {
        let unit = UnitAddress::new(b, 1, 102).unwrap();
        assert!(store.unit_at(unit).unwrap().is_some(), "building {b}");
    }
}

#[test]
fn a_bad_row_is_named_by_its_sheet_and_row() {
    let dir = tempfile::tempdir().unwrap();
    let mut book = Workbook::new();
    for b in 1..=2u32 {
        let sheet = book.add_worksheet();
        sheet.set_name(format!("{b}号楼")).unwrap();
        roster_sheet(
            sheet,
            0,
            &[
                (b, 1, 101, 88.5, "张伟", "13800138001"),
                (b, 1, 102, 90.0, "李娜", "1380013800"),
            ],
        );
    }
    let path = save(&dir, "两栋楼.xlsx", book);
    let problems = problems_text(&path);
    assert_eq!(problems.len(), 2, "{problems:?}");
    assert!(
        problems[0].starts_with("工作表“1号楼”第 3 行：联系电话"),
        "{problems:?}"
    );
    assert!(
        problems[1].starts_with("工作表“2号楼”第 3 行："),
        "{problems:?}"
    );
}

#[test]
fn a_vertically_merged_owner_cell_owns_every_unit_it_spans() {
    let dir = tempfile::tempdir().unwrap();
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    roster_sheet(
        sheet,
        0,
        &[
            (3, 2, 1501, 88.5, "", "13800138000"),
            (3, 2, 1502, 88.5, "", ""),
            (3, 2, 1503, 92.0, "王芳", "13700137000"),
        ],
    );
    sheet
        .merge_range(1, 4, 2, 4, "张伟", &Format::new())
        .unwrap();
    let path = save(&dir, "合并.xlsx", book);
    let prepared = prepare(&path).expect("read");
    assert!(prepared.problems.is_empty(), "{:?}", prepared.problems);
    let owners: Vec<(u32, String)> = prepared
        .records
        .iter()
        .map(|r| {
            (
                r.address.room,
                r.person
                    .as_ref()
                    .map(|p| p.name.clone())
                    .unwrap_or_default(),
            )
        })
        .collect();
    assert_eq!(
        owners,
        [
            (1501, "张伟".to_owned()),
            (1502, "张伟".to_owned()),
            (1503, "王芳".to_owned())
        ]
    );
    let (_db, mut store) = temp_store();
    store.import_roster(&prepared.records, &clerk()).unwrap();
    let second = store
        .unit_at(UnitAddress::new(3, 2, 1502).unwrap())
        .unwrap()
        .unwrap();
    assert_eq!(second.unit.status, UnitStatus::Occupied);
    assert_eq!(store.people_of(second.id).unwrap().len(), 1);
}

#[test]
fn a_formula_saved_without_its_value_is_a_row_error() {
    let dir = tempfile::tempdir().unwrap();
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    roster_sheet(
        sheet,
        0,
        &[
            (3, 2, 1501, 88.5, "张伟", ""),
            (3, 2, 1502, 0.0, "李娜", ""),
        ],
    );
    sheet.write_formula(2, 3, "=D2+1").unwrap();
    let path = save(&dir, "公式.xlsx", book);
    // rust_xlsxwriter writes a result of 0; a file saved by a program that never calculated
    // has no value at all.
    edit_entry(&path, "xl/worksheets/sheet1.xml", |xml| {
        xml.replace("<f>D2+1</f><v>0</v>", "<f>D2+1</f>")
    });
    let problems = problems_text(&path);
    assert_eq!(
        problems,
        [
            "工作表“Sheet1”第 3 行：“建筑面积”列：公式没有保存计算结果，请在 Excel 中打开后保存再导入"
        ]
    );
}

#[test]
fn a_workbook_whose_entry_fails_its_crc_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let mut book = Workbook::new();
    roster_sheet(
        book.add_worksheet(),
        0,
        &[(3, 2, 1501, 88.5, "张伟", "13800138000")],
    );
    let path = save(&dir, "损坏.xlsx", book);
    // Stored, then one digit of the area changed in place: the XML stays well-formed and
    // inflating cannot fail; only the CRC tells.
    let stored = zip_stored(&unzip(&std::fs::read(&path).unwrap()));
    let at = stored
        .windows(6)
        .position(|w| w == b"<v>88.")
        .expect("the area in the stored sheet");
    let mut damaged = stored.clone();
    damaged[at + 3] ^= 0x01; // '8' → '9'
    std::fs::write(&path, &stored).unwrap();
    assert!(
        read_roster(&path).is_ok(),
        "the undamaged stored copy reads"
    );
    std::fs::write(&path, &damaged).unwrap();
    let err = read_roster(&path).expect_err("refused");
    assert!(matches!(err, ImportError::Damaged { .. }), "{err}");
    let text = err.to_string();
    assert!(
        text.contains("Excel 文件已损坏") && text.contains("sheet1.xml"),
        "{text}"
    );
}

#[test]
fn a_shared_string_table_that_lies_about_its_size_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let mut book = Workbook::new();
    roster_sheet(
        book.add_worksheet(),
        0,
        &[(3, 2, 1501, 88.5, "张伟", "13800138000")],
    );
    let path = save(&dir, "字符串表.xlsx", book);
    edit_entry(&path, "xl/sharedStrings.xml", |xml| {
        let start = xml.find("uniqueCount=\"").expect("count") + "uniqueCount=\"".len();
        let end = start + xml[start..].find('"').expect("end");
        format!("{}4000000000{}", &xml[..start], &xml[end..])
    });
    let err = read_roster(&path).expect_err("refused");
    assert!(matches!(err, ImportError::Damaged { .. }), "{err}");
}

#[test]
fn too_many_zip_entries_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let mut entries = vec![];
    for i in 0..=wuye_desk::import::limits::MAX_ZIP_ENTRIES {
        entries.push((format!("x/{i}.xml"), Vec::new()));
    }
    let path = dir.path().join("很多文件.xlsx");
    std::fs::write(&path, zip_stored(&entries)).unwrap();
    let err = read_roster(&path).expect_err("refused");
    assert!(matches!(err, ImportError::TooBig { .. }), "{err}");
    assert!(err.to_string().contains("2001 个文件"), "{err}");
}

#[test]
fn placeholder_owners_are_row_errors_not_owners() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("占位.csv");
    std::fs::write(
        &path,
        "楼栋,单元,房号,建筑面积,业主姓名\n\
         3,2,1501,88.5,无\n3,2,1502,88.5,/\n3,2,1503,88.5,NULL\n3,2,1504,88.5,???\n\
         3,2,1505,88.5,待售\n3,2,1506,88.5,#N/A\n3,2,1507,88.5,空置\n3,2,1508,88.5,-\n\
         3,2,1509,88.5,张伟\n3,2,1510,88.5,\n",
    )
    .unwrap();
    let prepared = prepare(&path).expect("read");
    let rows: Vec<usize> = prepared.problems.iter().map(|p| p.row).collect();
    assert_eq!(rows, (2..=9).collect::<Vec<_>>(), "{:?}", prepared.problems);
    assert!(
        prepared.problems[0]
            .to_string()
            .starts_with("第 2 行：业主姓名“无”不是人名"),
        "{}",
        prepared.problems[0]
    );
    // The rows that remain: a real owner, and a unit left blank (no owner, not 已入住).
    assert_eq!(prepared.records.len(), 2);
    assert!(prepared.records[1].person.is_none());
}

#[test]
fn two_rows_for_one_unit_that_disagree_name_both_rows() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("重复.csv");
    std::fs::write(
        &path,
        "楼栋,单元,房号,建筑面积,业主姓名,联系电话\n\
         3,2,1501,88.5,张伟,13800138000\n\
         3,2,1502,90,李娜,13900139000\n\
         3,2,1501,89.5,张伟,13800138000\n\
         3,2,1502,,李娜,13900139999\n\
         3,2,1503,70,王芳,13700137000\n\
         3,2,1503,70,王芳,13700137000\n",
    )
    .unwrap();
    let prepared = prepare(&path).expect("read");
    let problems: Vec<String> = prepared.problems.iter().map(ToString::to_string).collect();
    assert_eq!(problems.len(), 2, "{problems:?}");
    assert!(
        problems[0].starts_with("第 4 行：3-2-1501 的建筑面积是 89.50，与第 2 行的 88.50 不同"),
        "{problems:?}"
    );
    assert!(
        problems[1].starts_with("第 5 行：3-2-1502 的李娜在第 3 行也有一行，两行的联系电话不同"),
        "{problems:?}"
    );
    // The exact repeat of 王芳 is imported once and mentioned.
    assert_eq!(
        prepared
            .records
            .iter()
            .filter(|r| r.address.room == 1503)
            .count(),
        1
    );
    assert!(
        prepared
            .notes
            .iter()
            .any(|n| n.starts_with("第 7 行与第 6 行完全相同")),
        "{:?}",
        prepared.notes
    );
}

#[test]
fn a_tab_or_line_break_inside_a_name_is_called_what_it_is() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("制表符.csv");
    std::fs::write(
        &path,
        "楼栋,单元,房号,建筑面积,业主姓名\n3,2,1501,88.5,\"张\t伟\"\n3,2,1502,88.5,\"李\n娜\"\n",
    )
    .unwrap();
    let problems = problems_text(&path);
    assert_eq!(problems.len(), 2, "{problems:?}");
    for p in &problems {
        assert!(p.contains("姓名里有制表符或换行"), "{p}");
        assert!(!p.contains("数字"), "{p}");
    }
}
