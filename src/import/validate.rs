//! Turning raw roster rows into checked domain values, naming every bad row by its sheet and
//! number.

use std::collections::HashSet;
use std::path::Path;

use super::{ImportError, Progress, RawRosterRow, RosterBook, RosterTable, SkippedSheet};
use crate::domain::person::{Person, Relation, validate_name};
use crate::domain::roster::{RosterRecord, RowProblem, is_placeholder_name};
use crate::domain::unit::UnitStatus;
use crate::domain::{Area, Mobile, ResidentId, UnitAddress, date};

/// A roster file read and checked: what can be imported, and every row that cannot.
#[derive(Debug, Clone, Default)]
pub struct Prepared {
    /// Rows whose every value is valid, in file order (sheet by sheet).
    pub records: Vec<RosterRecord>,
    /// Every bad row with the reason, in file order.
    pub problems: Vec<RowProblem>,
    /// The sheets read (one, unnamed, for CSV).
    pub sheets: Vec<SheetSummary>,
    /// Sheets not read, with the reason.
    pub skipped: Vec<SkippedSheet>,
    /// What the receptionist should know that does not stop the import.
    pub notes: Vec<String>,
    /// Headers that were not recognised and so not read (each once, over all sheets).
    pub ignored_columns: Vec<String>,
}

/// One sheet that was read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SheetSummary {
    /// The sheet's tab name; empty for CSV.
    pub name: String,
    /// Row number of its header row.
    pub header_row: usize,
    /// Data rows read from it (blank rows not counted).
    pub rows: usize,
}

impl Prepared {
    /// Adds problems found later (by the form font, by the register) and keeps every problem in
    /// file order: sheet by sheet as read, then by row.
    pub fn add_problems(&mut self, more: impl IntoIterator<Item = RowProblem>) {
        self.problems.extend(more);
        let order: std::collections::HashMap<&str, usize> = self
            .sheets
            .iter()
            .enumerate()
            .map(|(i, s)| (s.name.as_str(), i))
            .collect();
        let mut keyed: Vec<(usize, RowProblem)> = std::mem::take(&mut self.problems)
            .into_iter()
            .map(|p| {
                (
                    order.get(p.sheet.as_str()).copied().unwrap_or(usize::MAX),
                    p,
                )
            })
            .collect();
        keyed.sort_by_key(|(sheet, p)| (*sheet, p.row));
        self.problems = keyed.into_iter().map(|(_, p)| p).collect();
    }

    /// The sheets read, for a line of the preview: `“1号楼”120 行、“2号楼”98 行`.
    pub fn sheets_text(&self) -> String {
        self.sheets
            .iter()
            .map(|s| {
                if s.name.is_empty() {
                    format!("{} 行", s.rows)
                } else {
                    format!("工作表“{}”{} 行", s.name, s.rows)
                }
            })
            .collect::<Vec<_>>()
            .join("，")
    }
}

/// Reads and checks a roster file.
pub fn prepare(path: &Path) -> Result<Prepared, ImportError> {
    prepare_with(path, &mut |_| {})
}

/// [`prepare`], telling `progress` how far reading has got.
pub fn prepare_with(
    path: &Path,
    progress: &mut dyn FnMut(Progress),
) -> Result<Prepared, ImportError> {
    Ok(validate_book(&super::read_roster_with(path, progress)?))
}

/// Checks every row of every sheet read from a roster file, then the rows of one unit against
/// each other (across sheets).
pub fn validate_book(book: &RosterBook) -> Prepared {
    let mut out = Prepared {
        skipped: book.skipped.clone(),
        notes: book.notes.clone(),
        ..Prepared::default()
    };
    let mut seen_columns = HashSet::new();
    for table in &book.tables {
        out.sheets.push(SheetSummary {
            name: table.sheet.clone(),
            header_row: table.header_row,
            rows: table.rows.len(),
        });
        for c in &table.ignored_columns {
            if seen_columns.insert(c.clone()) {
                out.ignored_columns.push(c.clone());
            }
        }
        validate_table(table, &mut out);
    }
    let duplicates = super::duplicates::check(&out.records);
    out.notes.extend(duplicates.notes);
    if !duplicates.repeats.is_empty() {
        let repeats: HashSet<usize> = duplicates.repeats.into_iter().collect();
        let mut i = 0;
        out.records.retain(|_| {
            i += 1;
            !repeats.contains(&(i - 1))
        });
    }
    out.add_problems(duplicates.problems);
    out
}

/// Checks every row of one sheet.
///
/// A row with no address at all takes the address of the row above it: that is how a sheet
/// with merged cells (two owners of one unit) reads when the merge itself was lost (CSV).
fn validate_table(table: &RosterTable, out: &mut Prepared) {
    let damaged: HashSet<usize> = table.problems.iter().map(|p| p.row).collect();
    for p in &table.problems {
        out.problems.push(RowProblem {
            sheet: table.sheet.clone(),
            row: p.row,
            reason: format!("“{}”列：{}", p.column, p.message),
        });
    }
    let mut previous: Option<UnitAddress> = None;
    for raw in &table.rows {
        match validate_row(raw, previous) {
            Ok(mut record) => {
                previous = Some(record.address);
                record.sheet = table.sheet.clone();
                if !damaged.contains(&raw.row) {
                    out.records.push(record);
                }
            }
            Err(reasons) => {
                out.problems.push(RowProblem {
                    sheet: table.sheet.clone(),
                    row: raw.row,
                    reason: reasons.join("；"),
                });
            }
        }
    }
}

fn blank(s: &str) -> bool {
    s.trim().is_empty()
}

/// Strips the words people put after a number in separate columns: `3号楼`, `2单元`, `1502室`.
fn bare(s: &str, marks: &[&str]) -> String {
    let t = s.trim();
    marks
        .iter()
        .find_map(|m| t.strip_suffix(m))
        .unwrap_or(t)
        .trim()
        .to_string()
}

fn address_of(raw: &RawRosterRow, previous: Option<UnitAddress>) -> Result<UnitAddress, String> {
    let parts = [&raw.building, &raw.entrance, &raw.room];
    if parts.iter().all(|p| blank(p)) {
        if !blank(&raw.address) {
            return UnitAddress::parse(&raw.address).map_err(|e| e.to_string());
        }
        return previous.ok_or_else(|| "没有填写房号（楼栋、单元、房号）".to_string());
    }
    let b = bare(&raw.building, &["号楼", "栋", "幢", "号", "#"]);
    let e = bare(&raw.entrance, &["单元"]);
    let r = bare(&raw.room, &["室", "号"]);
    if blank(&b) || blank(&e) || blank(&r) {
        return Err("楼栋、单元、房号要填全".to_string());
    }
    UnitAddress::parse(&format!("{b}-{e}-{r}")).map_err(|e| e.to_string())
}

/// Checks one row; on failure, every reason, each naming its column.
pub fn validate_row(
    raw: &RawRosterRow,
    previous: Option<UnitAddress>,
) -> Result<RosterRecord, Vec<String>> {
    let mut reasons = Vec::new();
    let address = address_of(raw, previous)
        .map_err(|e| reasons.push(format!("房号：{e}")))
        .ok();
    let area = if blank(&raw.area) {
        None
    } else {
        Area::parse(&raw.area)
            .map_err(|e| reasons.push(format!("建筑面积：{e}")))
            .ok()
    };
    let status = if blank(&raw.status) {
        None
    } else {
        let s = UnitStatus::from_label(&raw.status);
        if s.is_none() {
            reasons.push(format!(
                "房屋状态“{}”无法识别，可填：未售、空置、已入住、装修中、出租",
                raw.status.trim()
            ));
        }
        s
    };
    let mobile = |label: &str, text: &str, reasons: &mut Vec<String>| {
        if blank(text) {
            None
        } else {
            Mobile::parse(text)
                .map_err(|e| reasons.push(format!("{label}：{e}")))
                .ok()
        }
    };
    let phone = mobile("联系电话", &raw.phone, &mut reasons);
    let emergency_phone = mobile("紧急联系电话", &raw.emergency_phone, &mut reasons);
    let id_number = if blank(&raw.id_number) {
        None
    } else {
        ResidentId::parse(&raw.id_number)
            .map_err(|e| reasons.push(format!("身份证号：{e}")))
            .ok()
    };
    let relation = if blank(&raw.relation) {
        Relation::Owner
    } else {
        Relation::from_label(&raw.relation).unwrap_or_else(|| {
            reasons.push(format!(
                "关系“{}”无法识别，可填：业主、家属、租户、其他",
                raw.relation.trim()
            ));
            Relation::Owner
        })
    };
    let move_in = if blank(&raw.move_in) {
        None
    } else {
        date::parse_date(&raw.move_in)
            .map_err(|e| reasons.push(format!("入住日期：{e}")))
            .ok()
    };
    let has_person_data = [
        &raw.phone,
        &raw.id_number,
        &raw.emergency_contact,
        &raw.emergency_phone,
    ]
    .iter()
    .any(|s| !blank(s));
    let person = if blank(&raw.owner_name) {
        if has_person_data {
            reasons.push("有电话或身份证号，但没有填写姓名".to_string());
        }
        None
    } else if is_placeholder_name(&raw.owner_name) {
        reasons.push(format!(
            "业主姓名“{}”不是人名；没有业主的房屋请把姓名格留空（房屋状态可填“空置”或“未售”），不要填占位的字",
            raw.owner_name.trim()
        ));
        None
    } else {
        match validate_name(&raw.owner_name) {
            Ok(name) => Some(Person {
                name,
                phone,
                id_number,
                relation,
                move_in,
                emergency_contact: raw.emergency_contact.trim().to_string(),
                emergency_phone,
                note: raw.note.trim().to_string(),
            }),
            Err(e) => {
                reasons.push(format!("姓名：{e}"));
                None
            }
        }
    };
    match address {
        Some(address) if reasons.is_empty() => Ok(RosterRecord {
            sheet: String::new(),
            row: raw.row,
            address,
            area,
            status,
            person,
        }),
        _ => Err(reasons),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(n: usize) -> RawRosterRow {
        RawRosterRow {
            row: n,
            building: "3号楼".into(),
            entrance: "2".into(),
            room: "1502室".into(),
            area: "89.5".into(),
            owner_name: "张伟".into(),
            phone: "138 1234 5678".into(),
            id_number: "11010519491231002x".into(),
            ..RawRosterRow::default()
        }
    }

    #[test]
    fn a_good_row_becomes_a_record() {
        let r = validate_row(&row(3), None).expect("valid");
        assert_eq!(r.address.short(), "3-2-1502");
        assert_eq!(r.area, Some(Area(8950)));
        let p = r.person.expect("person");
        assert_eq!(p.relation, Relation::Owner);
        assert_eq!(p.id_number.expect("id").as_str(), "11010519491231002X");
    }

    #[test]
    fn every_fault_of_a_row_is_named_with_its_column() {
        let mut bad = row(7);
        bad.area = "八十九".into();
        bad.phone = "1381234567".into();
        bad.id_number = "110105194912310021".into();
        bad.status = "拆迁".into();
        let reasons = validate_row(&bad, None).unwrap_err();
        assert_eq!(reasons.len(), 4, "{reasons:?}");
        assert!(reasons[0].starts_with("建筑面积："));
        assert!(reasons.iter().any(|r| r.starts_with("联系电话：")));
        assert!(reasons.iter().any(|r| r.starts_with("身份证号：")));
        assert!(reasons.iter().any(|r| r.contains("拆迁")));
    }

    #[test]
    fn a_merged_address_cell_takes_the_row_above() {
        let first = validate_row(&row(3), None).expect("valid");
        let mut second = RawRosterRow {
            row: 4,
            owner_name: "李娜".into(),
            ..RawRosterRow::default()
        };
        let r = validate_row(&second, Some(first.address)).expect("valid");
        assert_eq!(r.address, first.address);
        second.owner_name.clear();
        second.phone = "13812345678".into();
        assert!(
            validate_row(&second, Some(first.address)).is_err(),
            "phone without a name"
        );
        assert!(
            validate_row(
                &RawRosterRow {
                    row: 2,
                    owner_name: "王".into(),
                    ..Default::default()
                },
                None
            )
            .is_err()
        );
    }

    #[test]
    fn a_combined_address_column_is_read() {
        let r = RawRosterRow {
            row: 2,
            address: "5栋1单元301".into(),
            owner_name: "赵敏".into(),
            ..Default::default()
        };
        assert_eq!(
            validate_row(&r, None).expect("valid").address.short(),
            "5-1-0301"
        );
    }

    #[test]
    fn a_placeholder_owner_is_a_row_error_naming_it() {
        let mut r = row(4);
        r.owner_name = "空置".into();
        r.phone.clear();
        r.id_number.clear();
        let reasons = validate_row(&r, None).unwrap_err();
        assert_eq!(reasons.len(), 1, "{reasons:?}");
        assert!(
            reasons[0].starts_with("业主姓名“空置”不是人名"),
            "{reasons:?}"
        );
    }

    #[test]
    fn problems_stay_in_sheet_order_then_row_order() {
        let summary = |name: &str| SheetSummary {
            name: name.into(),
            header_row: 1,
            rows: 1,
        };
        let problem = |sheet: &str, row| RowProblem {
            sheet: sheet.into(),
            row,
            reason: String::new(),
        };
        let mut p = Prepared {
            sheets: vec![summary("3号楼"), summary("1号楼")],
            problems: vec![problem("1号楼", 2)],
            ..Prepared::default()
        };
        p.add_problems([
            problem("3号楼", 9),
            problem("1号楼", 1),
            problem("3号楼", 4),
        ]);
        let order: Vec<(&str, usize)> = p
            .problems
            .iter()
            .map(|p| (p.sheet.as_str(), p.row))
            .collect();
        assert_eq!(
            order,
            [("3号楼", 4), ("3号楼", 9), ("1号楼", 1), ("1号楼", 2)]
        );
    }
}
