//! Importing a roster into the store: all rows or none, and the same file twice changes nothing.

use crate::common::{clerk, id_number, temp_store};
use wuye_desk::domain::person::{Person, Relation};
use wuye_desk::domain::roster::RosterRecord;
use wuye_desk::domain::unit::UnitStatus;
use wuye_desk::domain::{Area, Mobile, SearchQuery, UnitAddress};

fn record(row: usize, address: &str, area: Option<i64>, name: &str, phone: &str) -> RosterRecord {
    RosterRecord {
        sheet: String::new(),
        row,
        address: UnitAddress::parse(address).unwrap(),
        area: area.map(Area),
        status: None,
        person: Some(Person {
            name: name.into(),
            phone: Some(Mobile::parse(phone).unwrap()),
            id_number: Some(id_number("410105", "19750304", row as u32)),
            relation: Relation::Owner,
            move_in: None,
            emergency_contact: String::new(),
            emergency_phone: None,
            note: String::new(),
        }),
    }
}

#[test]
fn a_new_unit_without_an_area_stops_the_whole_import() {
    let (_dir, mut store) = temp_store();
    let rows = vec![
        record(3, "3-2-1502", Some(8950), "张伟", "13812345678"),
        record(4, "3-2-1503", None, "李娜", "13912345678"),
    ];
    let problems = store.check_roster(&rows).unwrap();
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].row, 4);
    assert!(problems[0].reason.contains("建筑面积"));
    assert!(store.import_roster(&rows, &clerk()).is_err());
    assert_eq!(store.unit_count().unwrap(), 0, "nothing written");
}

#[test]
fn two_owners_on_merged_rows_and_a_second_import_change_nothing() {
    let (_dir, mut store) = temp_store();
    let rows = vec![
        record(3, "3-2-1502", Some(8950), "张伟", "13812345678"),
        record(4, "3-2-1502", None, "李娜", "13912345678"),
        record(5, "5-1-0301", Some(12000), "王芳", "13712345678"),
    ];
    let first = store.import_roster(&rows, &clerk()).unwrap();
    assert_eq!(
        (first.units_added, first.people_added, first.unchanged),
        (2, 3, 0)
    );
    let again = store.import_roster(&rows, &clerk()).unwrap();
    assert_eq!(
        (
            again.units_added,
            again.people_added,
            again.people_updated,
            again.unchanged
        ),
        (0, 0, 0, 3)
    );
    assert_eq!(store.unit_count().unwrap(), 2);
    let page = store
        .search_units(&SearchQuery::parse("3-2-1502"), 0, 5)
        .unwrap();
    assert_eq!(page.rows[0].owners, "张伟、李娜");
    assert_eq!(page.rows[0].unit.unit.status, UnitStatus::Occupied);

    // A later roster with a new phone for 王芳 updates her, and keeps her ID.
    let mut changed = record(5, "5-1-0301", None, "王芳", "13700000000");
    changed.person.as_mut().unwrap().id_number = None;
    let update = store.import_roster(&[changed], &clerk()).unwrap();
    assert_eq!(update.people_updated, 1);
    let unit = store
        .unit_at(UnitAddress::parse("5-1-0301").unwrap())
        .unwrap()
        .unwrap();
    let people = store.people_of(unit.id).unwrap();
    assert_eq!(people.len(), 1);
    assert_eq!(
        people[0].person.phone.as_ref().unwrap().as_str(),
        "13700000000"
    );
    assert!(people[0].person.id_number.is_some());
}
