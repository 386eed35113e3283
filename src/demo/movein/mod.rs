//! Demo records for 业主入住: a finished case for a sample of the units moved in years ago (from
//! paper, before the fees tab's records), and 21号楼, delivered six weeks ago (集中入伙): its
//! units vacant with their buyers registered and their keys in the cabinet, a few owners moved
//! in (one after a cracked tile went through 报修管理), one case waiting at every step, some with
//! open defects, owners booked for today, and the rest not yet come.

use chrono::{Days, NaiveDate, NaiveDateTime, TimeDelta};

mod history;

pub(super) use history::history;

use super::Generation;
use super::helpers::{at, mobile, name, rec, resident_id};
use crate::domain::keys::UnitKey;
use crate::domain::movein::{
    Agreements, CheckItem, DEFAULT_AREAS, Finish, Inspection, ItemHanded, MoveInId, MoveInStep,
    Readings,
};
use crate::domain::person::{Person, Relation};
use crate::domain::repair::{
    Callback as RepairCallback, Charges, Confirmation, Rating, Step as RepairStep,
};
use crate::domain::roster::RosterRecord;
use crate::domain::staff::{Recorded, Role};
use crate::domain::unit::{UnitId, UnitStatus};
use crate::domain::vacancy::{Inspection as VacancyInspection, InspectionKind};
use crate::domain::{Area, Month, UnitAddress};
use crate::store::{BulkInspection, KeyHistory, StoreError};

/// The building delivered six weeks ago.
const NEW_BUILDING: u32 = 21;

fn checklist(rng: &mut super::rng::Rng, defect: Option<(&str, &str)>) -> Vec<CheckItem> {
    let _ = rng;
    DEFAULT_AREAS
        .iter()
        .map(|area| match defect {
            Some((a, note)) if a == *area => CheckItem {
                area: area.to_string(),
                ok: false,
                note: note.to_string(),
            },
            _ => CheckItem {
                area: area.to_string(),
                ok: true,
                note: String::new(),
            },
        })
        .collect()
}

fn readings(rng: &mut super::rng::Rng) -> Readings {
    Readings {
        water: Some(rng.below(20) as i64),
        electricity: Some(rng.below(80) as i64),
        gas: Some(rng.below(5) as i64),
    }
}

/// The items most owners take: the keys, two access cards, the peephole cover and the bell.
fn items(keys: Option<u32>) -> Vec<ItemHanded> {
    let mut out = Vec::new();
    if let Some(k) = keys {
        out.push(ItemHanded {
            name: "钥匙".into(),
            qty: k,
        });
    }
    for (name, qty) in [("门禁卡", 2), ("猫眼", 1), ("门铃", 1), ("水电卡", 2)] {
        out.push(ItemHanded {
            name: name.into(),
            qty,
        });
    }
    out
}

/// Where a case of 21号楼 stops.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Stop {
    /// Finished: moved in (or renovating).
    Done { renovating: bool, tile: bool },
    /// Waiting before this step.
    Before(MoveInStep),
    /// Inspection 1 found a defect: its repair order open, not yet converted, or accepted.
    Defect(DefectFate),
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum DefectFate {
    Repairing,
    Waiting,
    Accepted,
}

/// The cases of 21号楼, in address order; the units after them have no case yet, the first
/// six of those are booked for today.
const PLAN: &[Stop] = &[
    Stop::Done {
        renovating: false,
        tile: true,
    },
    Stop::Done {
        renovating: false,
        tile: false,
    },
    Stop::Done {
        renovating: true,
        tile: false,
    },
    Stop::Done {
        renovating: false,
        tile: false,
    },
    Stop::Done {
        renovating: true,
        tile: false,
    },
    Stop::Before(MoveInStep::Agreements),
    Stop::Before(MoveInStep::OwnerFile),
    Stop::Before(MoveInStep::BankAgreement),
    Stop::Before(MoveInStep::Payment),
    Stop::Before(MoveInStep::Items),
    Stop::Before(MoveInStep::Inspection1),
    Stop::Defect(DefectFate::Repairing),
    Stop::Defect(DefectFate::Waiting),
    Stop::Defect(DefectFate::Accepted),
    Stop::Before(MoveInStep::Handbook),
    Stop::Before(MoveInStep::Checklist),
    Stop::Before(MoveInStep::Finish),
];

/// Registers 21号楼 (2 entrances, 9 floors, 2 doors) as delivered on `delivered`: vacant, each
/// unit's buyer in the register, three keys of each unit in the cabinet.
fn deliver(
    ctx: &mut Generation<'_>,
    delivered: NaiveDate,
) -> Result<Vec<(UnitId, UnitAddress)>, StoreError> {
    let mut rows = Vec::new();
    for entrance in 1..=2 {
        for floor in 1..=9 {
            for door in 1..=2 {
                let Ok(address) = UnitAddress::new(NEW_BUILDING, entrance, floor * 100 + door)
                else {
                    continue;
                };
                rows.push(RosterRecord {
                    sheet: String::new(),
                    row: rows.len() + 2,
                    address,
                    area: Some(Area(if door == 1 { 12780 } else { 14380 })),
                    status: Some(UnitStatus::Vacant),
                    person: Some(Person {
                        name: name(&mut ctx.rng),
                        phone: mobile(&mut ctx.rng),
                        id_number: resident_id(&mut ctx.rng),
                        relation: Relation::Owner,
                        move_in: None,
                        emergency_contact: String::new(),
                        emergency_phone: None,
                        note: "集中入伙业主名单".into(),
                    }),
                });
            }
        }
    }
    let setup = rec("演示数据", at(delivered, 0));
    ctx.store.import_roster(&rows, &setup)?;
    let mut units = Vec::new();
    let mut keys = Vec::new();
    for row in &rows {
        let Some(u) = ctx.store.unit_at(row.address)? else {
            continue;
        };
        units.push((u.id, row.address));
        keys.push(KeyHistory {
            key: UnitKey {
                unit: Some(row.address),
                place: String::new(),
                hook: format!("X-{}", row.address.short()),
                count: 3,
                location: "钥匙柜3号".into(),
            },
            recorded: rec("郑军", at(delivered, 30)),
            loans: Vec::new(),
            checks: Vec::new(),
            issued: None,
        });
    }
    ctx.store.import_key_histories(&keys)?;
    Ok(units)
}

/// The service officer's monthly walk of 21号楼's vacant units (空置房检查) since delivery, up
/// to last month, each unit only while it was still vacant; the building is put in his area.
fn vacant_walks(
    ctx: &mut Generation<'_>,
    units: &[(UnitId, UnitAddress)],
    delivered: NaiveDate,
    moved: &[Option<NaiveDate>],
) -> Result<(), StoreError> {
    let Some((officer, officer_name)) = ctx.staff_of(Role::ServiceOfficer).into_iter().next()
    else {
        return Ok(());
    };
    let this_month = Month::of(ctx.today());
    let mut inspections = Vec::new();
    for (i, &(unit, _)) in units.iter().enumerate() {
        let readings = [
            Some(ctx.rng.below(20) as i64),
            Some(ctx.rng.below(80) as i64),
            Some(ctx.rng.below(5) as i64),
        ];
        let mut month = Month::of(delivered);
        while month < this_month {
            let date = month.first_day().max(delivered) + Days::new(2);
            let vacant = moved.get(i).copied().flatten().is_none_or(|m| date < m);
            if Month::of(date) == month && vacant {
                inspections.push(BulkInspection {
                    unit,
                    inspection: VacancyInspection {
                        date,
                        kind: InspectionKind::Monthly,
                        abnormal_items: [false; 6],
                        readings,
                        changes: [None; 3],
                        follow_up: None,
                        note: "新交付房屋，门窗完好".into(),
                    },
                    recorded: rec(&officer_name, at(date, 120)),
                });
            }
            month = month.next();
        }
    }
    ctx.store
        .bulk_vacancy(&[], &inspections, &[(officer, NEW_BUILDING)])
}

/// Takes a case through the desk's own writes up to `stop`, on `day`.
fn walk(
    ctx: &mut Generation<'_>,
    (unit, address): (UnitId, UnitAddress),
    stop: Stop,
    day: NaiveDate,
    seq: usize,
) -> Result<(), StoreError> {
    let desk = ctx.staff_of(Role::Receptionist);
    let tech = ctx.staff_of(Role::Technician);
    let by = ctx.rng.pick(&desk).1.clone();
    let mut minute = 60;
    let mut next = || {
        minute += 5 + ctx.rng.below(10);
        minute
    };
    let t = |m: u64| rec(&by, at(day, m));
    let owner = ctx
        .store
        .people_of(unit)?
        .into_iter()
        .find(|p| p.person.relation == Relation::Owner);
    let (owner_name, person, has_id) = match &owner {
        Some(p) => (
            p.person.name.clone(),
            Some(p.id.0),
            p.person.id_number.is_some(),
        ),
        None => (format!("{}业主", address.short()), None, false),
    };
    let s = ctx.store.open_move_in(
        unit,
        &owner_name,
        person,
        &format!("RH-{}-{:04}", day.format("%Y"), 9000 + seq),
        Some(at(day, 60)),
        &t(next()),
    )?;
    let reached = |step: MoveInStep| match stop {
        Stop::Done { .. } => true,
        Stop::Before(s) => step.number() < s.number(),
        Stop::Defect(_) => step.number() <= MoveInStep::Inspection1.number(),
    };
    let store = &mut *ctx.store;
    let step =
        |store: &mut crate::store::Store, id: MoveInId, s: MoveInStep, note: &str, r: &Recorded| {
            store.move_in_step(id, s, note, r)
        };
    if reached(MoveInStep::Verify) {
        step(
            store,
            s,
            MoveInStep::Verify,
            "入伙通知书、身份证原件已核",
            &t(next()),
        )?;
    }
    if reached(MoveInStep::Agreements) {
        store.save_agreements(
            s,
            &Agreements {
                service_signed: day,
                rules_signed: day,
            },
            &t(next()),
        )?;
    }
    if reached(MoveInStep::OwnerFile) {
        step(store, s, MoveInStep::OwnerFile, "", &t(next()))?;
    }
    if reached(MoveInStep::BankAgreement) {
        store.skip_move_in_step(
            s,
            MoveInStep::BankAgreement,
            if seq.is_multiple_of(2) {
                "业主暂不办理代扣，选择前台缴费"
            } else {
                "业主未带银行卡，下次补办"
            },
            &t(next()),
        )?;
    }
    if reached(MoveInStep::Payment) {
        step(store, s, MoveInStep::Payment, "", &t(next()))?;
    }
    if reached(MoveInStep::Items) {
        store.hand_over_items(s, &items(has_id.then_some(3)), &t(next()))?;
    }
    if reached(MoveInStep::Inspection1) {
        let defect = match stop {
            Stop::Done { tile: true, .. } => Some(("地面", "客厅地砖开裂一块")),
            Stop::Defect(DefectFate::Repairing) => Some(("墙面", "次卧墙面有裂缝")),
            Stop::Defect(DefectFate::Waiting) => Some(("窗", "主卧窗户密封条脱落")),
            Stop::Defect(DefectFate::Accepted) => Some(("天花", "卫生间吊顶一处划痕")),
            _ => None,
        };
        let m = next();
        let found = store.save_inspection(
            s,
            &Inspection {
                round: 1,
                at: at(day, m),
                items: checklist(&mut ctx.rng, defect),
                readings: readings(&mut ctx.rng),
                by_name: "陈刚".into(),
            },
            &t(m + 30),
        )?;
        minute = m + 30;
        if let Some(d) = found.first() {
            match stop {
                Stop::Defect(DefectFate::Accepted) => store.accept_defect(d.id, &t(minute + 5))?,
                Stop::Defect(DefectFate::Waiting) => {}
                _ => {
                    let repair = store.defect_to_repair(d.id, &t(minute + 5))?;
                    if let Some((tech, tech_name)) = tech.first() {
                        let r = |m: u64| rec(&by, at(day, minute + m));
                        store.repair_step(
                            repair,
                            &RepairStep::Dispatch {
                                technician: *tech,
                                name: tech_name.clone(),
                            },
                            &r(10),
                        )?;
                        if matches!(stop, Stop::Done { .. }) {
                            // Fixed over the next days; inspection 2 follows.
                            let fixed = day + Days::new(2);
                            let f = |m: u64| rec(tech_name, at(fixed, m));
                            store.repair_step(repair, &RepairStep::Arrive, &f(60))?;
                            store.save_repair_work(
                                repair,
                                "更换客厅开裂地砖一块，勾缝清洁",
                                &Charges::default(),
                                &f(150),
                            )?;
                            store.repair_step(repair, &RepairStep::Complete, &f(155))?;
                            // The owner signs the slip; the desk calls back the next day, as
                            // for any repair, so the order does not linger on 今日.
                            store.rate_repair(
                                repair,
                                &Confirmation {
                                    rating: Rating::Satisfied,
                                    comment: String::new(),
                                    by: owner_name.clone(),
                                    at: at(fixed, 160),
                                },
                                &f(160),
                            )?;
                            store.record_callback(
                                repair,
                                &RepairCallback {
                                    note: "业主表示维修效果良好".into(),
                                    nonconformity: None,
                                },
                                &rec(&by, at(fixed + Days::new(1), 90)),
                            )?;
                        } else {
                            // Still being fixed: the technician came the next morning.
                            let f = |m: u64| rec(tech_name, at(day + Days::new(1), m));
                            store.repair_step(repair, &RepairStep::Arrive, &f(60))?;
                        }
                    }
                }
            }
        }
    }
    let later = match stop {
        Stop::Done { tile: true, .. } => day + Days::new(3),
        _ => day,
    };
    let t2 = |m: u64| rec(&by, at(later, m));
    if matches!(stop, Stop::Done { .. } | Stop::Before(_)) && reached(MoveInStep::Inspection2) {
        let m = if later == day { minute + 10 } else { 60 };
        store.save_inspection(
            s,
            &Inspection {
                round: 2,
                at: at(later, m),
                items: checklist(&mut ctx.rng, None),
                readings: readings(&mut ctx.rng),
                by_name: "陈刚".into(),
            },
            &t2(m + 20),
        )?;
        minute = m + 20;
    }
    if reached(MoveInStep::Handbook) {
        step(
            store,
            s,
            MoveInStep::Handbook,
            "居家手册、业主尊利手册、贴心服务卡、温馨提示",
            &t2(minute + 5),
        )?;
    }
    if reached(MoveInStep::Checklist) {
        step(store, s, MoveInStep::Checklist, "", &t2(minute + 10))?;
    }
    if let Stop::Done { renovating, .. } = stop {
        store.finish_move_in(
            s,
            &Finish {
                moved_in: later,
                renovating,
            },
            &t2(minute + 15),
        )?;
    }
    Ok(())
}

/// 21号楼, delivered six weeks ago, after every other tab's records (it has no history yet).
pub(super) fn delivered(ctx: &mut Generation<'_>) -> Result<(), StoreError> {
    let today = ctx.today();
    let delivered = today - Days::new(45);
    let units = deliver(ctx, delivered)?;
    // Finished cases came early; the ones still open came over the last three weeks.
    let days: Vec<NaiveDate> = PLAN
        .iter()
        .enumerate()
        .map(|(i, stop)| match stop {
            Stop::Done { .. } => today - Days::new(40 - 5 * i as u64),
            _ => today - Days::new(2 + (i as u64 % 14)),
        })
        .collect();
    let moved: Vec<Option<NaiveDate>> = PLAN
        .iter()
        .zip(&days)
        .map(|(stop, day)| match stop {
            Stop::Done { tile, .. } => Some(*day + Days::new(if *tile { 3 } else { 0 })),
            _ => None,
        })
        .collect();
    vacant_walks(ctx, &units, delivered, &moved)?;
    for (i, ((&stop, &unit), &day)) in PLAN.iter().zip(&units).zip(&days).enumerate() {
        walk(ctx, unit, stop, day, i)?;
    }
    // Booked for today at the desk, opened when they phoned yesterday.
    let desk = ctx.staff_of(Role::Receptionist);
    for (j, &(unit, _)) in units.iter().skip(PLAN.len()).take(6).enumerate() {
        let owner = ctx
            .store
            .people_of(unit)?
            .into_iter()
            .find(|p| p.person.relation == Relation::Owner);
        let Some(owner) = owner else { continue };
        let booked: NaiveDateTime = at(today, 60) + TimeDelta::minutes(30 * j as i64);
        let by = ctx.rng.pick(&desk).1.clone();
        ctx.store.open_move_in(
            unit,
            &owner.person.name,
            Some(owner.id.0),
            &format!("RH-{}-{:04}", today.format("%Y"), 9100 + j),
            Some(booked),
            &rec(&by, at(today - Days::new(1), 120 + 20 * j as u64)),
        )?;
    }
    Ok(())
}
