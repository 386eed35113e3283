//! Reading real roster files: .xlsx written by rust_xlsxwriter, CSV in UTF-8 (BOM) and GBK.

use std::path::{Path, PathBuf};

use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
use wuye_desk::import::{Field, ImportError, RosterTable, read_roster};

/// The one table of a roster file that has one sheet with the headers.
fn read_table(path: &Path) -> RosterTable {
    let mut book = read_roster(path).expect("read roster");
    assert_eq!(book.tables.len(), 1, "{:?}", book.skipped);
    book.tables.remove(0)
}

/// Writes the office's typical workbook: an instructions sheet first, then the roster
/// with a title row, a blank row, decorated headers, numbers where text belongs, a date
/// cell, a blank row in the middle and pre-numbered empty rows at the bottom.
fn write_workbook(path: &Path) -> Result<(), rust_xlsxwriter::XlsxError> {
    let mut workbook = Workbook::new();
    let date = Format::new().set_num_format("yyyy\"年\"m\"月\"d\"日\"");

    let notes = workbook.add_worksheet();
    notes.set_name("填表说明")?;
    notes.write_string(0, 0, "请按模板填写，带*的列必填")?;

    let sheet = workbook.add_worksheet();
    sheet.set_name("业主花名册")?;
    // Excel row 1: title; row 2: blank; row 3: headers.
    sheet.write_string(0, 0, "阳光花园小区业主花名册")?;
    let headers = [
        "序号",
        "*楼栋",
        "*单元",
        "*房号",
        "建筑面积（㎡）",
        "* 业主姓名",
        "手机号码",
        "身份证号",
        "入住日期",
        "紧急联系人",
        "紧急联系人电话",
        "车位",
        "备注",
    ];
    for (col, h) in headers.iter().enumerate() {
        sheet.write_string(2, col as u16, *h)?;
    }
    // Excel row 4: everything typed the way it should be, except the phone as a number.
    sheet.write_number(3, 0, 1)?;
    sheet.write_number(3, 1, 3)?;
    sheet.write_number(3, 2, 2)?;
    sheet.write_number(3, 3, 1502)?;
    sheet.write_number(3, 4, 89.5)?;
    sheet.write_string(3, 5, "张三")?;
    sheet.write_number(3, 6, 13_800_138_000_f64)?;
    sheet.write_string(3, 7, "11010119900307123X")?;
    sheet.write_datetime_with_format(3, 8, ExcelDateTime::from_ymd(2023, 5, 1)?, &date)?;
    sheet.write_string(3, 9, "张小三")?;
    sheet.write_number(3, 10, 1.380_013_800_1e10)?;
    sheet.write_string(3, 11, "B-12")?;
    // Excel row 5: the ID typed as a number (Excel kept 15 digits).
    sheet.write_number(4, 0, 2)?;
    sheet.write_number(4, 1, 3)?;
    sheet.write_number(4, 2, 2)?;
    sheet.write_number(4, 3, 1503)?;
    sheet.write_number(4, 4, 120.35)?;
    sheet.write_string(4, 5, "李四")?;
    sheet.write_number(4, 6, 13_912_345_678_f64)?;
    sheet.write_number(4, 7, 110_101_199_003_071_234_f64)?;
    sheet.write_number(4, 8, 45_000)?; // a serial without date format
    // Excel row 6: blank. Row 7: text cells.
    sheet.write_number(6, 0, 3)?;
    sheet.write_string(6, 1, "5号楼")?;
    sheet.write_string(6, 2, "1")?;
    sheet.write_string(6, 3, "301")?;
    sheet.write_string(6, 4, "100.00")?;
    sheet.write_string(6, 5, " 王五 ")?;
    sheet.write_string(6, 6, "139 1234 5678")?;
    sheet.write_string(6, 12, "租户代缴")?;
    // Excel rows 8-9: the template's pre-numbered empty rows.
    sheet.write_number(7, 0, 4)?;
    sheet.write_number(8, 0, 5)?;
    workbook.save(path)
}

const CSV_TEXT: &str = "幸福里小区业主花名册,,,,,\r\n\
,,,,,\r\n\
房屋编号,户主,面积（㎡）,联系电话,身份证号码,与业主关系\r\n\
3-2-1502,张三,89.5,13800138000,11010119900307123X,本人\r\n\
,,,,,\r\n\
3-2-1503,李四,120.35,1.38001E+10,1.10101E+17,\"配偶\"\r\n";

fn temp_file(dir: &tempfile::TempDir, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).expect("write fixture");
    path
}

fn row_numbers(table: &RosterTable) -> Vec<usize> {
    table.rows.iter().map(|r| r.row).collect()
}

#[test]
fn xlsx_roster_as_offices_keep_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("花名册.xlsx");
    write_workbook(&path).expect("write workbook");

    let book = read_roster(&path).expect("read roster");
    assert_eq!(book.skipped.len(), 1, "the instructions sheet");
    assert!(
        book.skipped[0]
            .to_string()
            .starts_with("工作表“填表说明”没有找到表头行"),
        "{}",
        book.skipped[0]
    );
    let table = read_table(&path);
    assert_eq!(table.sheet, "业主花名册");
    assert_eq!(table.header_row, 3);
    assert_eq!(row_numbers(&table), vec![4, 5, 7]);
    assert_eq!(
        table.ignored_columns,
        vec!["序号".to_owned(), "车位".to_owned()]
    );
    assert!(table.has_column(Field::Area));
    assert!(
        table
            .columns
            .contains(&(Field::Area, "建筑面积（㎡）".to_owned()))
    );

    let zhang = &table.rows[0];
    assert_eq!(
        (
            zhang.building.as_str(),
            zhang.entrance.as_str(),
            zhang.room.as_str()
        ),
        ("3", "2", "1502")
    );
    assert_eq!(zhang.area, "89.5");
    assert_eq!(zhang.owner_name, "张三");
    assert_eq!(zhang.phone, "13800138000");
    assert_eq!(zhang.id_number, "11010119900307123X");
    assert_eq!(zhang.move_in, "2023-05-01");
    assert_eq!(zhang.emergency_contact, "张小三");
    assert_eq!(zhang.emergency_phone, "13800138001");
    assert_eq!(zhang.address, "");

    let li = &table.rows[1];
    assert_eq!(li.area, "120.35");
    assert_eq!(li.phone, "13912345678");
    assert_eq!(li.id_number, "", "a destroyed ID is not guessed");
    assert_eq!(li.move_in, "2023-03-15");

    let wang = &table.rows[2];
    assert_eq!(wang.building, "5号楼");
    assert_eq!(wang.area, "100.00");
    assert_eq!(wang.owner_name, "王五");
    assert_eq!(wang.phone, "139 1234 5678");
    assert_eq!(wang.note, "租户代缴");

    assert_eq!(table.problems.len(), 1, "{:?}", table.problems);
    let problem = &table.problems[0];
    assert_eq!((problem.row, problem.field), (5, Field::IdNumber));
    assert_eq!(
        problem.message,
        "身份证号被Excel存成了数字，后几位已丢失，请把该列设为文本后重新填写"
    );
    assert!(problem.to_string().starts_with("第5行“身份证号”列："));
}

#[test]
fn csv_utf8_with_bom() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut bytes = vec![0xEF, 0xBB, 0xBF];
    bytes.extend_from_slice(CSV_TEXT.as_bytes());
    let table = read_table(&temp_file(&dir, "花名册.csv", &bytes));
    check_csv_table(&table);
}

#[test]
fn csv_gbk_as_excel_saves_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (bytes, _, unmappable) = encoding_rs::GBK.encode(CSV_TEXT);
    assert!(!unmappable);
    assert!(
        std::str::from_utf8(&bytes).is_err(),
        "fixture really is GBK"
    );
    let table = read_table(&temp_file(&dir, "花名册.CSV", &bytes));
    check_csv_table(&table);
}

fn check_csv_table(table: &RosterTable) {
    assert_eq!(table.sheet, "");
    assert_eq!(table.header_row, 3);
    assert_eq!(row_numbers(table), vec![4, 6]);
    let zhang = &table.rows[0];
    assert_eq!(zhang.address, "3-2-1502");
    assert_eq!(zhang.owner_name, "张三");
    assert_eq!(zhang.area, "89.5");
    assert_eq!(zhang.phone, "13800138000");
    assert_eq!(zhang.id_number, "11010119900307123X");
    assert_eq!(zhang.relation, "本人");
    let li = &table.rows[1];
    assert_eq!(li.relation, "配偶");
    assert_eq!((li.phone.as_str(), li.id_number.as_str()), ("", ""));
    let fields: Vec<(usize, Field)> = table.problems.iter().map(|p| (p.row, p.field)).collect();
    assert_eq!(fields, vec![(6, Field::Phone), (6, Field::IdNumber)]);
}

#[test]
fn file_level_errors_say_what_to_do() {
    let dir = tempfile::tempdir().expect("tempdir");

    let xls = temp_file(&dir, "花名册.xls", b"whatever");
    let err = read_roster(&xls).expect_err("xls refused");
    assert!(matches!(err, ImportError::UnsupportedExtension { .. }));
    assert!(err.to_string().starts_with("只支持 .xlsx 和 .csv 文件"));

    let missing = dir.path().join("不存在.xlsx");
    let err = read_roster(&missing).expect_err("missing file");
    assert!(matches!(err, ImportError::Io { .. }), "{err}");
    assert!(err.to_string().contains("无法读取文件"));

    let fake = temp_file(&dir, "假的.xlsx", b"\xD0\xCF\x11\xE0 old xls");
    let err = read_roster(&fake).expect_err("not a workbook");
    assert!(err.to_string().contains("另存为"), "{err}");

    let empty = temp_file(&dir, "空.csv", b"");
    let err = read_roster(&empty).expect_err("empty");
    assert!(matches!(err, ImportError::EmptySheet { .. }), "{err}");

    let no_header = temp_file(&dir, "无表头.csv", "名单\n张三,13800138000\n".as_bytes());
    let err = read_roster(&no_header).expect_err("no header");
    let text = err.to_string();
    assert!(text.contains("没有找到表头行"), "{text}");
    assert!(text.contains("业主姓名/业主/姓名/户主"), "{text}");
}

#[test]
fn xlsx_without_any_header_lists_the_sheets() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("杂表.xlsx");
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name("收费").expect("name");
    sheet.write_string(0, 0, "金额").expect("write");
    workbook.save(&path).expect("save");
    let err = read_roster(&path).expect_err("no header");
    assert!(matches!(err, ImportError::NoHeaderRow { .. }));
    assert!(err.to_string().contains("“收费”"), "{err}");
}

#[test]
fn xlsx_rows_keep_excel_numbers_when_the_top_rows_are_empty() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("从第三行开始.xlsx");
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    // Nothing in rows 1-2 nor in column A: the used range starts at B3.
    sheet.write_string(2, 1, "房屋").expect("write");
    sheet.write_string(2, 2, "业主").expect("write");
    sheet.write_string(3, 1, "3-2-1502").expect("write");
    sheet.write_string(3, 2, "张三").expect("write");
    sheet.write_string(5, 1, "3-2-1503").expect("write");
    sheet.write_string(5, 2, "李四").expect("write");
    workbook.save(&path).expect("save");
    let table = read_table(&path);
    assert_eq!(table.sheet, "Sheet1");
    assert_eq!(table.header_row, 3);
    assert_eq!(row_numbers(&table), vec![4, 6]);
    assert_eq!(table.rows[1].address, "3-2-1503");
}
