//! Turning raw roster rows into checked domain values, naming every bad row by its number.

use std::path::Path;

use super::{ImportError, RawRosterRow, RosterTable, read_roster};
use crate::domain::person::{Person, Relation, validate_name};
use crate::domain::roster::{RosterRecord, RowProblem};
use crate::domain::unit::UnitStatus;
use crate::domain::{Area, Mobile, ResidentId, UnitAddress, date};

/// A roster file read and checked: what can be imported, and every row that cannot.
#[derive(Debug, Clone, Default)]
pub struct Prepared {
    /// Rows whose every value is valid.
    pub records: Vec<RosterRecord>,
    /// Every bad row with the reason, by row number.
    pub problems: Vec<RowProblem>,
    /// The worksheet read (empty for CSV).
    pub sheet: String,
    /// Headers that were not recognised and so not read.
    pub ignored_columns: Vec<String>,
}

/// Reads and checks a roster file.
pub fn prepare(path: &Path) -> Result<Prepared, ImportError> {
    Ok(validate_table(&read_roster(path)?))
}

/// Checks every row of a table read from a roster file.
///
/// A row with no address at all takes the address of the row above it: that is how a sheet
/// with merged cells (two owners of one unit) reads.
pub fn validate_table(table: &RosterTable) -> Prepared {
    let mut out = Prepared {
        sheet: table.sheet.clone(),
        ignored_columns: table.ignored_columns.clone(),
        ..Prepared::default()
    };
    for p in &table.problems {
        out.problems.push(RowProblem {
            row: p.row,
            reason: format!("“{}”列：{}", p.column, p.message),
        });
    }
    let mut previous: Option<UnitAddress> = None;
    for raw in &table.rows {
        let damaged = table.problems.iter().any(|p| p.row == raw.row);
        match validate_row(raw, previous) {
            Ok(record) => {
                previous = Some(record.address);
                if !damaged {
                    out.records.push(record);
                }
            }
            Err(reasons) => {
                out.problems.push(RowProblem {
                    row: raw.row,
                    reason: reasons.join("；"),
                });
            }
        }
    }
    out.problems.sort_by_key(|p| p.row);
    out
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
}
