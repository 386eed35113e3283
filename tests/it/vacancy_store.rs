//! The vacant-units store on a real temporary file: applications and their rules, approval with
//! the shut-off readings, inspections and the occupancy rule, coverage, fee shares, history.

use crate::common::{clerk, signs_in, temp_store, unit};
use chrono::NaiveDate;
use wuye_desk::domain::staff::{Recorded, Role, StaffId};
use wuye_desk::domain::unit::{UnitId, UnitStatus};
use wuye_desk::domain::vacancy::{
    ApplicationState, FollowUp, Inspection, InspectionKind, Meter, MeterChange, Month, VacancyKind,
    VacancyRules, Verdict, per_officer,
};
use wuye_desk::store::{NewApplication, Store, StoreError};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn ym(y: i32, m: u32) -> Month {
    Month::new(y, m).unwrap()
}

fn staff(store: &mut Store, name: &str, role: Role) -> StaffId {
    crate::common::add_staff(store, name, role)
}

fn by(id: StaffId, name: &str) -> Recorded {
    Recorded {
        by: Some(id),
        by_name: name.into(),
        ..clerk()
    }
}

fn with_status(store: &mut Store, address: &str, status: UnitStatus) -> UnitId {
    let mut u = unit(address);
    u.status = status;
    store.add_unit(&u, &clerk()).unwrap()
}

fn application(unit: UnitId, from: NaiveDate, to: NaiveDate) -> NewApplication {
    NewApplication {
        unit,
        owner_name: "王建国".into(),
        id_checked: true,
        from,
        to,
        reason: "在外地工作".into(),
        officer_opinion: "情况属实，同意".into(),
    }
}

fn inspection(date: NaiveDate, water: Option<i64>, power: Option<i64>) -> Inspection {
    Inspection {
        date,
        kind: InspectionKind::Monthly,
        abnormal_items: [false; 6],
        readings: [water, power, None],
        changes: [None; 3],
        follow_up: None,
        note: String::new(),
    }
}

fn conflict(r: Result<impl std::fmt::Debug, StoreError>) -> String {
    match r {
        Err(StoreError::Conflict(m)) => m,
        Err(e @ StoreError::NeedsCountersign { .. }) => e.to_string(),
        other => panic!("expected a refusal, got {other:?}"),
    }
}

#[test]
fn an_application_is_refused_when_too_short_unchecked_or_for_an_unsold_unit() {
    let (_dir, mut store) = temp_store();
    let u = with_status(&mut store, "3-2-1502", UnitStatus::Occupied);
    let unsold = with_status(&mut store, "3-2-1601", UnitStatus::Unsold);
    let m = conflict(
        store.apply_for_vacancy(&application(u, d(2026, 1, 31), d(2026, 4, 29)), &clerk()),
    );
    assert!(
        m.contains("至少三个月") && m.contains("2026年4月30日"),
        "{m}"
    );
    // The edge: month end to month end is three months.
    let id = store
        .apply_for_vacancy(&application(u, d(2026, 1, 31), d(2026, 4, 30)), &clerk())
        .unwrap();
    let app = store.vacancy_application(id).unwrap();
    assert_eq!(app.state(d(2026, 1, 1)), ApplicationState::Pending);
    assert_eq!(app.officer_name, "测试员");
    let mut unchecked = application(u, d(2026, 6, 1), d(2026, 12, 31));
    unchecked.id_checked = false;
    assert!(conflict(store.apply_for_vacancy(&unchecked, &clerk())).contains("身份证原件"));
    assert!(
        conflict(store.apply_for_vacancy(
            &application(unsold, d(2026, 6, 1), d(2026, 12, 31)),
            &clerk()
        ))
        .contains("未售")
    );
    // Overlapping a pending one.
    assert!(
        conflict(store.apply_for_vacancy(&application(u, d(2026, 4, 1), d(2026, 8, 31)), &clerk()))
            .contains("重叠")
    );
}

#[test]
fn only_the_supervisor_approves_and_approval_shuts_off_reads_and_marks_the_unit_vacant() {
    let (_dir, mut store) = temp_store();
    let officer = staff(&mut store, "王强", Role::ServiceOfficer);
    let boss = staff(&mut store, "刘洋", Role::Supervisor);
    let u = with_status(&mut store, "3-2-1502", UnitStatus::Occupied);
    signs_in(&mut store, "王强");
    let id = store
        .apply_for_vacancy(
            &application(u, d(2026, 5, 11), d(2026, 11, 10)),
            &by(officer, "王强"),
        )
        .unwrap();
    let readings = [
        Some(Meter::Water.parse("123.456").unwrap()),
        Some(Meter::Power.parse("2345.6").unwrap()),
        None,
    ];
    let m = conflict(store.approve_vacancy(id, "", &by(officer, "王强")));
    assert!(m.contains("主管"), "{m}");
    // The shut-off cannot come before the approval (DOMAIN.md §8: approve, tell the cashier,
    // then shut off).
    assert!(conflict(store.record_shut_off(id, readings, &by(officer, "王强"))).contains("已批准"));
    signs_in(&mut store, "刘洋");
    // Approval does not wait for the shut-off: it becomes a pending task.
    store
        .approve_vacancy(id, "同意", &by(boss, "刘洋"))
        .unwrap();
    let app = store.vacancy_application(id).unwrap();
    assert!(app.awaiting_shut_off());
    assert!(store.unit_vacancy_inspections(u).unwrap().is_empty());
    assert!(
        store
            .open_vacancy_applications(d(2027, 6, 1))
            .unwrap()
            .iter()
            .any(|a| a.id == id),
        "a shut-off not done stays on the desk's list"
    );
    signs_in(&mut store, "王强");
    // The receptionist records it with the readings: water and power both needed.
    assert!(
        conflict(store.record_shut_off(id, [None, readings[1], None], &by(officer, "王强")))
            .contains("水表")
    );
    store
        .record_shut_off(id, readings, &by(officer, "王强"))
        .unwrap();
    assert!(conflict(store.record_shut_off(id, readings, &by(officer, "王强"))).contains("已于"));
    let app = store.vacancy_application(id).unwrap();
    assert_eq!(app.decided.as_ref().map(|d| d.0.as_str()), Some("刘洋"));
    assert_eq!(app.state(d(2026, 6, 1)), ApplicationState::InForce);
    assert_eq!(app.state(d(2026, 11, 11)), ApplicationState::Expired);
    assert_eq!(store.unit(u).unwrap().unit.status, UnitStatus::Vacant);
    // The shut-off readings are stored and the unit's history tells the story.
    let inspections = store.unit_vacancy_inspections(u).unwrap();
    assert_eq!(inspections.len(), 1);
    assert_eq!(inspections[0].inspection.kind, InspectionKind::ShutOff);
    assert_eq!(inspections[0].inspection.readings[0], Some(123_456));
    let log: Vec<String> = store
        .unit_log(u)
        .unwrap()
        .iter()
        .map(|e| format!("[{}] {}", e.kind, e.text))
        .collect();
    assert!(log.iter().any(|l| l.starts_with("[空置] 空置申请已批准：2026年5月11日 至 2026年11月10日，自 2026年5月11日 起按50%收费（已告知收费员），待派单停水停电并抄表")), "{log:#?}");
    assert!(
        log.iter()
            .any(|l| l == "[空置] 已停水停电并抄表，水表 123.456，电表 2345.60"),
        "{log:#?}"
    );
    let app = store.vacancy_application(id).unwrap();
    assert!(!app.awaiting_shut_off());
    assert_eq!(app.shut_off.as_ref().map(|s| s.0.as_str()), Some("王强"));
    assert!(
        log.iter().any(|l| l.contains("状态 已入住 → 空置")),
        "{log:#?}"
    );
    assert!(
        log.iter().any(|l| l.starts_with("[空置] 空置申请：")),
        "{log:#?}"
    );
    signs_in(&mut store, "刘洋");
    // Already decided.
    assert!(conflict(store.reject_vacancy(id, "x", &by(boss, "刘洋"))).contains("审批过"));
    // Open list shows it until 90 days after expiry.
    assert_eq!(
        store
            .open_vacancy_applications(d(2026, 12, 1))
            .unwrap()
            .len(),
        1
    );
    assert_eq!(
        store
            .open_vacancy_applications(d(2027, 3, 1))
            .unwrap()
            .len(),
        0
    );
}

#[test]
fn fee_share_follows_the_period_the_early_end_and_the_occupancy_rule() {
    let (_dir, mut store) = temp_store();
    let u = with_status(&mut store, "3-2-1502", UnitStatus::Vacant);
    let id = store
        .apply_for_vacancy(&application(u, d(2026, 5, 11), d(2026, 11, 10)), &clerk())
        .unwrap();
    assert!(
        store.vacancy_fee_share(u, ym(2026, 6)).unwrap().is_full(),
        "pending: full fee"
    );
    store.approve_vacancy(id, "", &clerk()).unwrap();
    store
        .record_shut_off(id, [Some(0), Some(0), None], &clerk())
        .unwrap();
    let may = store.vacancy_fee_share(u, ym(2026, 5)).unwrap();
    assert_eq!((may.numerator, may.denominator), (41, 62));
    assert_eq!(
        store.vacancy_fee_share(u, ym(2026, 7)).unwrap().describe(),
        "50%"
    );
    // A month over the threshold is charged in full.
    store
        .add_vacancy_inspection(
            u,
            &inspection(d(2026, 6, 5), Some(100), Some(100)),
            &clerk(),
        )
        .unwrap();
    store
        .add_vacancy_inspection(
            u,
            &inspection(d(2026, 7, 5), Some(1_300), Some(100)),
            &clerk(),
        )
        .unwrap();
    assert_eq!(
        store.vacancy_fee_share(u, ym(2026, 6)).unwrap().describe(),
        "50%"
    );
    assert!(store.vacancy_fee_share(u, ym(2026, 7)).unwrap().is_full());
    // Ended early on 20 August: August 20 days at 50%, September full.
    store
        .end_vacancy(id, d(2026, 8, 20), "业主入住", &clerk())
        .unwrap();
    assert_eq!(
        store
            .vacancy_fee_share(u, ym(2026, 8))
            .unwrap()
            .reduced_days,
        20
    );
    assert!(store.vacancy_fee_share(u, ym(2026, 9)).unwrap().is_full());
    assert!(conflict(store.end_vacancy(id, d(2026, 9, 1), "", &clerk())).contains("已批准"));
}

#[test]
fn a_reading_of_one_tonne_is_vacant_and_one_litre_more_or_1_2_t_is_occupied() {
    let (_dir, mut store) = temp_store();
    let rules = store.vacancy_rules().unwrap();
    assert_eq!(rules, VacancyRules::default());
    let a = with_status(&mut store, "3-1-0101", UnitStatus::Vacant);
    let b = with_status(&mut store, "3-1-0102", UnitStatus::Vacant);
    let c = with_status(&mut store, "3-1-0201", UnitStatus::Vacant);
    for u in [a, b, c] {
        store
            .add_vacancy_inspection(
                u,
                &inspection(d(2026, 10, 3), Some(50_000), Some(10_000)),
                &clerk(),
            )
            .unwrap();
    }
    let water = |t: &str| Some(50_000 + Meter::Water.parse(t).unwrap());
    store
        .add_vacancy_inspection(
            a,
            &inspection(d(2026, 11, 3), water("1.000"), Some(10_000)),
            &clerk(),
        )
        .unwrap();
    store
        .add_vacancy_inspection(
            b,
            &inspection(d(2026, 11, 3), water("1.001"), Some(10_000)),
            &clerk(),
        )
        .unwrap();
    store
        .add_vacancy_inspection(
            c,
            &inspection(d(2026, 11, 3), water("1.2"), Some(10_000)),
            &clerk(),
        )
        .unwrap();
    let list = store.vacant_units(ym(2026, 11), Some(3), &rules).unwrap();
    let verdicts: Vec<_> = list.iter().map(|v| v.verdict.clone()).collect();
    assert_eq!(verdicts[0], Verdict::Vacant);
    assert_eq!(verdicts[1], Verdict::Occupied(vec!["用水 1.001 t".into()]));
    assert_eq!(verdicts[2], Verdict::Occupied(vec!["用水 1.200 t".into()]));
    // Saved thresholds are used: 1.5 t of allowance clears the 1.2 t unit.
    store
        .save_vacancy_rules(
            &VacancyRules {
                water_litres: 1_500,
                power_centi_kwh: 500,
            },
            &clerk(),
        )
        .unwrap();
    let rules = store.vacancy_rules().unwrap();
    let list = store.vacant_units(ym(2026, 11), Some(3), &rules).unwrap();
    assert_eq!(list[2].verdict, Verdict::Vacant);
}

#[test]
fn a_lower_reading_without_the_meter_maximum_is_flagged_and_with_it_is_counted() {
    let (_dir, mut store) = temp_store();
    let u = with_status(&mut store, "3-1-0101", UnitStatus::Vacant);
    let rules = VacancyRules::default();
    store
        .add_vacancy_inspection(
            u,
            &inspection(d(2026, 10, 3), Some(99_999_500), Some(100)),
            &clerk(),
        )
        .unwrap();
    let mut nov = inspection(d(2026, 11, 3), Some(300), Some(100));
    store.add_vacancy_inspection(u, &nov, &clerk()).unwrap();
    let v = &store.vacant_units(ym(2026, 11), None, &rules).unwrap()[0];
    assert_eq!(v.verdict.label(), "无法判断");
    assert!(v.verdict.reasons().contains("小于上次"));
    // A later, corrected entry with the meter's maximum (99999.999 t): 800 litres used.
    nov.changes[0] = Some(MeterChange::RolledOver { max: 99_999_999 });
    nov.date = d(2026, 11, 4);
    store.add_vacancy_inspection(u, &nov, &clerk()).unwrap();
    let v = &store.vacant_units(ym(2026, 11), None, &rules).unwrap()[0];
    assert_eq!(v.verdict, Verdict::Vacant);
    // December: no reading at all is its own state.
    let v = &store.vacant_units(ym(2026, 12), None, &rules).unwrap()[0];
    assert_eq!(v.verdict.reasons(), "本月没有水表读数；本月没有电表读数");
    assert!(v.inspected.is_none());
}

#[test]
fn coverage_counts_vacant_and_inspected_units_per_building_and_officer() {
    let (_dir, mut store) = temp_store();
    let wang = staff(&mut store, "王强", Role::ServiceOfficer);
    let zhao = staff(&mut store, "赵磊", Role::ServiceOfficer);
    let boss = staff(&mut store, "刘洋", Role::Supervisor);
    store
        .set_officer_buildings(wang, &[1, 2], &clerk())
        .unwrap();
    store.set_officer_buildings(zhao, &[3], &clerk()).unwrap();
    assert!(conflict(store.set_officer_buildings(boss, &[4], &clerk())).contains("客户服务员"));
    let one_a = with_status(&mut store, "1-1-0101", UnitStatus::Unsold);
    with_status(&mut store, "1-1-0102", UnitStatus::Vacant);
    with_status(&mut store, "1-1-0201", UnitStatus::Occupied);
    let three = with_status(&mut store, "3-1-0101", UnitStatus::Vacant);
    with_status(&mut store, "4-1-0101", UnitStatus::Vacant);
    signs_in(&mut store, "王强");
    store
        .add_vacancy_inspection(
            one_a,
            &inspection(d(2026, 11, 2), Some(0), Some(0)),
            &by(wang, "王强"),
        )
        .unwrap();
    signs_in(&mut store, "赵磊");
    store
        .add_vacancy_inspection(
            three,
            &inspection(d(2026, 11, 2), Some(0), Some(0)),
            &by(zhao, "赵磊"),
        )
        .unwrap();
    // A spot-check does not count towards the officer's coverage; an October one neither.
    let mut spot = inspection(d(2026, 11, 9), None, None);
    spot.kind = InspectionKind::SpotCheck;
    signs_in(&mut store, "刘洋");
    store
        .add_vacancy_inspection(three, &spot, &by(boss, "刘洋"))
        .unwrap();
    let cov = store.vacancy_coverage(ym(2026, 11)).unwrap();
    let rows: Vec<_> = cov
        .iter()
        .map(|c| (c.building, c.officers.join(","), c.vacant, c.inspected))
        .collect();
    assert_eq!(
        rows,
        [
            (1, "王强".into(), 2, 1),
            (3, "赵磊".into(), 1, 1),
            (4, String::new(), 1, 0)
        ]
    );
    let per = per_officer(&cov);
    assert_eq!(
        per.iter()
            .map(|o| (o.officer.as_str(), o.vacant, o.inspected))
            .collect::<Vec<_>>(),
        [("王强", 2, 1), ("赵磊", 1, 1), ("未分配", 1, 0)]
    );
    let list = store
        .vacant_units(ym(2026, 11), Some(1), &VacancyRules::default())
        .unwrap();
    assert_eq!(
        list.iter().map(|v| v.kind).collect::<Vec<_>>(),
        [VacancyKind::Unsold, VacancyKind::HandedOver]
    );
    assert!(
        store
            .vacancy_coverage(ym(2026, 10))
            .unwrap()
            .iter()
            .all(|c| c.inspected == 0)
    );
}

#[test]
fn an_abnormal_inspection_needs_a_follow_up_and_shows_in_the_units_history() {
    let (_dir, mut store) = temp_store();
    let u = with_status(&mut store, "3-2-1502", UnitStatus::Vacant);
    let mut i = inspection(d(2026, 11, 3), Some(1_000), Some(2_000));
    i.abnormal_items[2] = true;
    assert!(conflict(store.add_vacancy_inspection(u, &i, &clerk())).contains("处理意见"));
    assert!(store.unit_vacancy_inspections(u).unwrap().is_empty());
    i.follow_up = Some(FollowUp::Note("卫生间顶棚渗水，已通知业主".into()));
    store.add_vacancy_inspection(u, &i, &clerk()).unwrap();
    let log = store.unit_log(u).unwrap();
    assert_eq!(
        log[0].text,
        "空置房月度检查（2026年11月3日）：异常（渗漏），处理：卫生间顶棚渗水，已通知业主，水表 1.000 t，电表 20.00 kWh"
    );
    let stored = &store.unit_vacancy_inspections(u).unwrap()[0];
    assert_eq!(stored.inspection, i);
}
