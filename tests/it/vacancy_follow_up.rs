//! Issue 8 in the vacant-units store: who walked an inspection, a replaced meter, the repair
//! order an anomaly opens, and old approvals read after the migration (shut-off done then).

use crate::common::{clerk, temp_db, temp_store, unit};
use chrono::NaiveDate;
use wuye_desk::domain::repair::{Place, RepairKind};
use wuye_desk::domain::staff::{Role, Staff, StaffId};
use wuye_desk::domain::unit::{UnitId, UnitStatus};
use wuye_desk::domain::vacancy::{
    FollowUp, Inspection, InspectionKind, MeterChange, Month, VacancyRules, Verdict,
};
use wuye_desk::store::{Inspector, Store, StoreError};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn officer(store: &mut Store) -> StaffId {
    let id = store
        .add_staff(
            &Staff {
                name: "王强".into(),
                role: Role::ServiceOfficer,
                phone: None,
                active: true,
            },
            &clerk(),
        )
        .unwrap();
    store.set_officer_buildings(id, &[3], &clerk()).unwrap();
    id
}

fn with_status(store: &mut Store, address: &str, status: UnitStatus) -> UnitId {
    let mut u = unit(address);
    u.status = status;
    store.add_unit(&u, &clerk()).unwrap()
}

fn walk(date: NaiveDate, water: i64, leak: bool) -> Inspection {
    let mut abnormal = [false; 6];
    abnormal[2] = leak;
    Inspection {
        date,
        kind: InspectionKind::Monthly,
        abnormal_items: abnormal,
        readings: [Some(water), Some(10_000), None],
        changes: [None; 3],
        follow_up: leak.then(|| FollowUp::Note("卫生间顶棚渗水，已通知工程部".into())),
        note: String::new(),
    }
}

#[test]
fn the_inspector_is_the_officer_who_walked_not_the_person_at_the_desk() {
    let (_dir, mut store) = temp_store();
    let wang = officer(&mut store);
    let u = with_status(&mut store, "3-1-0702", UnitStatus::Vacant);
    let inspector = Inspector {
        id: wang,
        name: "王强".into(),
    };
    store
        .add_vacancy_inspection_by(
            u,
            &walk(d(2026, 11, 2), 5_000, false),
            Some(&inspector),
            &clerk(),
        )
        .unwrap();
    let saved = &store.unit_vacancy_inspections(u).unwrap()[0];
    assert_eq!(saved.inspector_name, "王强");
    assert_eq!(saved.recorded_by_name, clerk().by_name);
    // The form's last reading, with its day, whatever month it was taken in.
    let last = store.last_vacancy_readings(u, d(2027, 3, 1)).unwrap();
    assert_eq!(
        last[0].map(|r| (r.date, r.value)),
        Some((d(2026, 11, 2), 5_000))
    );
    assert!(last[2].is_none());
}

#[test]
fn a_replaced_meter_counts_from_the_new_meters_start_and_the_history_says_so() {
    let (_dir, mut store) = temp_store();
    let u = with_status(&mut store, "3-1-0702", UnitStatus::Vacant);
    store
        .add_vacancy_inspection(u, &walk(d(2026, 10, 2), 900_000, false), &clerk())
        .unwrap();
    let mut nov = walk(d(2026, 11, 2), 400, false);
    nov.changes[0] = Some(MeterChange::Replaced { start: 100 });
    store.add_vacancy_inspection(u, &nov, &clerk()).unwrap();
    let v = &store
        .vacant_units(
            Month::new(2026, 11).unwrap(),
            None,
            &VacancyRules::default(),
        )
        .unwrap()[0];
    assert_eq!(v.verdict, Verdict::Vacant, "0.3 t since the new meter");
    assert_eq!(
        v.current[0].and_then(|r| r.change),
        Some(MeterChange::Replaced { start: 100 })
    );
    let saved = &store.unit_vacancy_inspections(u).unwrap()[0];
    assert_eq!(
        saved.inspection.changes[0],
        Some(MeterChange::Replaced { start: 100 })
    );
    let log = store.unit_log(u).unwrap();
    assert!(
        log.iter()
            .any(|e| e.text.contains("水表 0.400 t换表（新表起始 0.100）")),
        "{log:#?}"
    );
    // Over the rule from the new start: 1.2 t.
    let mut dec = walk(d(2026, 12, 2), 1_600, false);
    dec.changes[0] = None;
    store.add_vacancy_inspection(u, &dec, &clerk()).unwrap();
    let v = &store
        .vacant_units(
            Month::new(2026, 12).unwrap(),
            None,
            &VacancyRules::default(),
        )
        .unwrap()[0];
    assert_eq!(v.verdict, Verdict::Occupied(vec!["用水 1.200 t".into()]));
}

#[test]
fn an_anomaly_opens_one_repair_order_in_home_or_public_linked_in_the_history() {
    let (_dir, mut store) = temp_store();
    officer(&mut store);
    let owned = with_status(&mut store, "3-1-0702", UnitStatus::Vacant);
    let unsold = with_status(&mut store, "3-1-0801", UnitStatus::Unsold);
    let normal = store
        .add_vacancy_inspection(owned, &walk(d(2026, 11, 2), 5_000, false), &clerk())
        .unwrap();
    assert!(matches!(
        store.repair_from_inspection(normal, &clerk()),
        Err(StoreError::Conflict(m)) if m.contains("没有异常")
    ));
    let leak = store
        .add_vacancy_inspection(owned, &walk(d(2026, 11, 3), 5_000, true), &clerk())
        .unwrap();
    let (id, number) = store.repair_from_inspection(leak, &clerk()).unwrap();
    assert!(number.to_string().starts_with("WX-"));
    let order = store.repair(id).unwrap().order;
    assert_eq!(order.intake.place.kind(), RepairKind::InHome);
    assert_eq!(order.intake.category, "给排水");
    assert!(
        order.intake.description.contains("渗漏"),
        "{}",
        order.intake.description
    );
    assert!(order.intake.description.contains("已通知工程部"));
    let saved = &store.unit_vacancy_inspections(owned).unwrap()[0];
    assert_eq!(
        saved.repair.as_ref().map(|r| r.number.clone()),
        Some(number.to_string())
    );
    let log = store.unit_log(owned).unwrap();
    assert!(
        log.iter()
            .any(|e| e.kind == "空置" && e.text.contains(&format!("已开维修单 {number}"))),
        "{log:#?}"
    );
    // Once only.
    assert!(matches!(
        store.repair_from_inspection(leak, &clerk()),
        Err(StoreError::Conflict(m)) if m.contains("已开维修单")
    ));
    // An unsold unit is still the developer's: a public repair the building's officer confirms.
    let leak = store
        .add_vacancy_inspection(unsold, &walk(d(2026, 11, 3), 5_000, true), &clerk())
        .unwrap();
    let (id, _) = store.repair_from_inspection(leak, &clerk()).unwrap();
    match store.repair(id).unwrap().order.intake.place {
        Place::Public {
            location,
            officer_name,
            ..
        } => {
            assert_eq!(location, "3号楼1单元0801室（未售空置房）");
            assert_eq!(officer_name, "王强");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn an_approval_from_before_the_migration_reads_as_shut_off_when_it_was_approved() {
    let (_dir, path) = temp_db();
    // The database as it was just before the migration that made the shut-off its own step.
    {
        let conn = crate::common::db_before_migration(&path, "ADD COLUMN shut_off_at");
        conn.execute_batch(
            "INSERT INTO units (id, building, entrance, room, area_hundredths, status,
                 recorded_by_name, recorded_at)
                 VALUES (1, 3, 1, 702, 9000, 'vacant', '张敏', '2026-05-01 09:00:00');
             INSERT INTO vacancy_applications (unit_id, owner_name, id_checked, period_from,
                 period_to, reason, status, decided_by_name, decided_at, recorded_by_name,
                 recorded_at)
             VALUES (1, '王建国', 1, '2026-06-01', '2026-12-31', '在外地工作', 'approved',
                 '刘洋', '2026-05-28 10:00:00', '王强', '2026-05-27 09:00:00');",
        )
        .unwrap();
    }
    let store = Store::open(&path).unwrap();
    let app = &store.open_vacancy_applications(d(2026, 11, 1)).unwrap()[0];
    assert!(!app.awaiting_shut_off());
    assert_eq!(
        app.shut_off
            .as_ref()
            .map(|(who, at)| (who.as_str(), at.date())),
        Some(("刘洋", d(2026, 5, 28)))
    );
}
