//! The demo estate's vacant units: which building each service officer covers, owners'
//! vacancy applications (most approved, a few refused or ended early, one or two waiting), and a
//! monthly inspection of every vacant unit with readings — a few months missed, a few units over
//! the thresholds, a few abnormal findings with their follow-up. All in one transaction. Then a
//! basement under each high-rise, walked every month like the vacant units.

use chrono::{Datelike as _, Days, NaiveDate, NaiveDateTime, NaiveTime};

use super::Generation;
use super::rng::Rng;
use crate::domain::person::Relation;
use crate::domain::staff::{Recorded, Role, StaffId};
use crate::domain::unit::UnitStatus;
use crate::domain::vacancy::{
    ApplicationStatus, Basement, FollowUp, Inspection, InspectionKind, Month, VacancyRules,
    add_months,
};
use crate::store::{BulkApplication, BulkInspection, NewApplication, Store, StoreError};

const REASONS: &[&str] = &[
    "在外地工作",
    "子女上学暂住他处",
    "出国探亲",
    "房屋待售",
    "暂不入住",
];
const FOLLOW_UPS: &[&str] = &[
    "已电话通知业主，约定周末上门处理",
    "已报维修班处理，复查正常",
    "已关窗并通知业主",
    "已通知业主自行清理",
];

fn at(date: NaiveDate, hour: u32) -> NaiveDateTime {
    date.and_time(NaiveTime::from_hms_opt(hour, 0, 0).unwrap_or_default())
}

fn rec(by: Option<(StaffId, &str)>, when: NaiveDateTime) -> Recorded {
    Recorded {
        by: by.map(|b| b.0),
        by_name: by.map_or("演示数据", |b| b.1).to_string(),
        at: when,
    }
}

/// Adds `years` of vacancy records up to today to the demo estate, in one transaction, then the
/// basements' inspections.
pub(super) fn generate(ctx: &mut Generation<'_>) -> Result<(), StoreError> {
    if ctx.years == 0 {
        return Ok(());
    }
    let (years, today, now_time) = (ctx.years, ctx.today(), ctx.now);
    // Nothing is entered after now: this morning's rounds are entered as they are walked.
    let entered = |day: NaiveDate, hour: u32| at(day, hour).min(now_time);
    let officers = ctx.staff_of(Role::ServiceOfficer);
    let supervisor = ctx
        .staff
        .iter()
        .find(|s| s.staff.role == Role::Supervisor)
        .map(|s| (s.id, s.staff.name.clone()));
    let (store, rng) = (&mut *ctx.store, &mut ctx.rng);
    let buildings: Vec<u32> = store.buildings()?.into_iter().map(|(b, _)| b).collect();
    // Buildings split into consecutive runs, one run per officer.
    let mut assignments = Vec::new();
    let per = buildings.len().div_ceil(officers.len().max(1)).max(1);
    for (i, b) in buildings.iter().enumerate() {
        if let Some((id, _)) = officers.get(i / per) {
            assignments.push((*id, *b));
        }
    }
    let officer_of = |building: u32| {
        assignments
            .iter()
            .find(|(_, b)| *b == building)
            .and_then(|(id, _)| officers.iter().find(|(o, _)| o == id))
            .map(|(id, name)| (*id, name.as_str()))
    };
    let boss = supervisor.as_ref().map(|(id, n)| (*id, n.as_str()));

    let now = Month::of(today);
    let mut start = now;
    for _ in 1..(12 * years) {
        start = start.prev();
    }
    let vacant = store.vacant_units(now, None, &VacancyRules::default())?;
    let mut applications = Vec::new();
    let mut inspections = Vec::new();
    for v in &vacant {
        let unit = v.unit.id;
        let building = v.unit.unit.address.building;
        let officer = officer_of(building);
        // Shut-off readings go in with the month's inspections, by date.
        let mut shut_offs: Vec<NaiveDate> = Vec::new();
        if v.unit.unit.status == UnitStatus::Vacant && rng.chance(45) {
            let owner = store
                .people_of(unit)?
                .into_iter()
                .find(|p| p.person.relation == Relation::Owner)
                .map_or_else(|| "业主".to_string(), |p| p.person.name);
            let mut from = add_months(start.first_day(), rng.below(8) as u32)
                .unwrap_or(start.first_day())
                + Days::new(rng.below(20));
            while from <= today + Days::new(45) {
                let months = if rng.chance(60) { 6 } else { 12 };
                let to = add_months(from, months)
                    .and_then(|d| d.pred_opt())
                    .unwrap_or(from);
                let mut taken = at(from - Days::new(5), 9);
                if taken >= now_time && from > today {
                    // A period starting soon was applied for two days ago; it waits for the
                    // supervisor, so the desk always has applications to approve.
                    taken = at(today - Days::new(2), 9);
                }
                if taken >= now_time {
                    break;
                }
                let decision_day = at(from - Days::new(3), 15);
                let decision = if decision_day > now_time || decision_day <= taken {
                    None
                } else if rng.chance(5) {
                    Some((
                        ApplicationStatus::Rejected,
                        rec(boss, decision_day),
                        "空置期间房屋出租，不符合条件".to_string(),
                    ))
                } else {
                    shut_offs.push(decision_day.date());
                    Some((
                        ApplicationStatus::Approved,
                        rec(boss, decision_day),
                        "按规定停水停电".to_string(),
                    ))
                };
                let approved = matches!(decision, Some((ApplicationStatus::Approved, ..)));
                let ended_on = (approved && rng.chance(8))
                    .then(|| from + Days::new(30 + rng.below(60)))
                    .filter(|d| *d < to && *d < today);
                applications.push(BulkApplication {
                    application: NewApplication {
                        unit,
                        owner_name: owner.clone(),
                        id_checked: true,
                        from,
                        to,
                        reason: REASONS[rng.below(REASONS.len() as u64) as usize].to_string(),
                        officer_opinion: "情况属实，同意空置".into(),
                    },
                    taken: rec(officer, taken),
                    decision,
                    ended_on,
                });
                from = to + Days::new(1 + rng.below(120));
            }
        }
        // Meter counters, in litres and 0.01 kWh.
        let mut water = 20_000 + rng.below(400_000) as i64;
        let mut power = 50_000 + rng.below(800_000) as i64;
        let mut gas = rng.chance(70).then(|| 1_000 + rng.below(90_000) as i64);
        let mut month = start;
        loop {
            // Most months a little leaks through; now and then someone stays (over the rule).
            if rng.chance(3) {
                water += 1_100 + rng.below(3_000) as i64;
                power += 600 + rng.below(4_000) as i64;
            } else {
                water += rng.below(700) as i64;
                power += rng.below(350) as i64;
            }
            if let Some(g) = gas.as_mut() {
                *g += rng.below(200) as i64;
            }
            for day in shut_offs.iter().filter(|d| Month::of(**d) == month) {
                inspections.push(BulkInspection {
                    unit,
                    inspection: Inspection {
                        date: *day,
                        kind: InspectionKind::ShutOff,
                        abnormal_items: [false; 6],
                        readings: [Some(water), Some(power), gas],
                        changes: [None; 3],
                        follow_up: None,
                        note: "批准空置时停水停电抄表".into(),
                    },
                    recorded: rec(boss, entered(*day, 15)),
                });
            }
            let last_day = if month == now {
                today.day0() + 1
            } else {
                month.days()
            };
            // A few months missed; this month only partly walked so far.
            let skip = if month == now {
                rng.chance(40)
            } else {
                rng.chance(3)
            };
            if !skip {
                let date = month.first_day() + Days::new(rng.below(u64::from(last_day.min(25))));
                let mut items = [false; 6];
                if rng.chance(3) {
                    items[rng.below(6) as usize] = true;
                }
                let abnormal = items.iter().any(|a| *a);
                let storm = month.number() == 7 && rng.chance(20);
                inspections.push(BulkInspection {
                    unit,
                    inspection: Inspection {
                        date,
                        kind: if storm {
                            InspectionKind::Storm
                        } else {
                            InspectionKind::Monthly
                        },
                        abnormal_items: items,
                        readings: [Some(water), Some(power), gas],
                        changes: [None; 3],
                        follow_up: abnormal.then(|| {
                            FollowUp::Note(
                                FOLLOW_UPS[rng.below(FOLLOW_UPS.len() as u64) as usize].into(),
                            )
                        }),
                        note: String::new(),
                    },
                    recorded: rec(officer, entered(date, 10)),
                });
                if rng.chance(2) {
                    let spot = (date + Days::new(1)).min(today);
                    if Month::of(spot) == month {
                        inspections.push(BulkInspection {
                            unit,
                            inspection: Inspection {
                                date: spot,
                                kind: InspectionKind::SpotCheck,
                                abnormal_items: [false; 6],
                                readings: [None; 3],
                                changes: [None; 3],
                                follow_up: None,
                                note: "主管抽查，与记录相符".into(),
                            },
                            recorded: rec(boss, entered(spot, 16)),
                        });
                    }
                }
            }
            if month == now {
                break;
            }
            month = month.next();
        }
    }
    store.bulk_vacancy(&applications, &inspections, &assignments)?;
    basements(store, rng, start, today, &officer_of, boss, now_time)
}

/// Units in one of the demo's 28-storey high-rises (2 entrances × 28 floors × 4 doors); the
/// mid-rises and 洋房 have far fewer and no basement of their own in the demo.
const HIGH_RISE_UNITS: i64 = 200;

/// One basement per high-rise, inspected monthly from `start` to `today` by the building's
/// officer, with a gap now and then and the supervisor's spot-check sometimes.
fn basements<'a>(
    store: &mut Store,
    rng: &mut Rng,
    start: Month,
    today: NaiveDate,
    officer_of: &dyn Fn(u32) -> Option<(StaffId, &'a str)>,
    boss: Option<(StaffId, &'a str)>,
    now_time: NaiveDateTime,
) -> Result<(), StoreError> {
    let entered = |day: NaiveDate, hour: u32| at(day, hour).min(now_time);
    let now = Month::of(today);
    let set_up = rec(boss, entered(start.first_day(), 9));
    let mut inspections = Vec::new();
    for (building, count) in store.buildings()? {
        if count < HIGH_RISE_UNITS {
            continue;
        }
        let id = store.add_basement(
            &Basement {
                building,
                name: format!("{building}号楼地下室"),
                note: "钥匙在监控室".into(),
                active: true,
            },
            &set_up,
        )?;
        let mut month = start;
        loop {
            let skip = if month == now {
                rng.chance(50)
            } else {
                rng.chance(4)
            };
            let last_day = if month == now {
                today.day0() + 1
            } else {
                month.days()
            };
            if !skip {
                let date = month.first_day() + Days::new(rng.below(u64::from(last_day.min(25))));
                let mut items = [false; 6];
                // Basements leak and get damp more than flats.
                if rng.chance(6) {
                    items[if rng.chance(50) { 2 } else { 5 }] = true;
                }
                let abnormal = items.iter().any(|a| *a);
                inspections.push((
                    id,
                    Inspection {
                        date,
                        kind: InspectionKind::Monthly,
                        abnormal_items: items,
                        readings: [None; 3],
                        changes: [None; 3],
                        follow_up: abnormal
                            .then(|| FollowUp::Note("已通知工程部排水、通风".into())),
                        note: String::new(),
                    },
                    rec(officer_of(building), entered(date, 11)),
                ));
                let spot = date + Days::new(2);
                if rng.chance(5) && Month::of(spot) == month && spot <= today {
                    inspections.push((
                        id,
                        Inspection {
                            date: spot,
                            kind: InspectionKind::SpotCheck,
                            abnormal_items: [false; 6],
                            readings: [None; 3],
                            changes: [None; 3],
                            follow_up: None,
                            note: "主管抽查，与记录相符".into(),
                        },
                        rec(boss, entered(spot, 16)),
                    ));
                }
            }
            if month == now {
                break;
            }
            month = month.next();
        }
    }
    store.bulk_basement_inspections(&inspections)
}
