//! Demo records for 装修管理: about 150 renovations a year — applied, papers in, the second
//! inspection (a few fail and go to repair, fixed before the owner accepts), billed and paid at
//! the cashier, permitted, each phase patrolled on its days, a few violations with their 整改通知
//! re-checked, finished, 初验 (a few rectified) and 复验, the deposit refunded (a few less
//! deductions the supervisor approved) — up to now: the sites still working are patrolled up to
//! today, except one whose last patrol was missed (the one overdue line on 今日).

use chrono::{Days, NaiveDate, NaiveDateTime};

use super::Generation;
use super::helpers::{at, mobile, name, rec, resident_id};
use super::rng::Rng;
use crate::domain::fees::{PayMethod, Price};
use crate::domain::person::Relation;
use crate::domain::renovation::{
    AcceptanceRound, Application, Contractor, Deduction, InspectionItem, Paper, Patrol,
    RenovationId, STANDARD_ITEMS, Violation, WorkKind, Worker,
};
use crate::domain::repair::{
    Callback as RepairCallback, Charges, Confirmation, Rating, Step as RepairStep,
};
use crate::domain::staff::{Recorded, Role};
use crate::domain::unit::UnitStatus;
use crate::domain::{Fen, Month, UnitAddress};
use crate::store::{DepositRefund, PastRenovation, PastRenovationStep, StoreError};

/// Renovations a year.
const PER_YEAR: u64 = 150;
/// 装修保证金, 装修管理费, 装修垃圾清运费 in fen.
const PRICES: [(&str, i64); 3] = [("ZXBZJ", 200_000), ("ZXGLF", 60_000), ("ZXLJF", 40_000)];
/// One in this many second inspections fails (only among files long closed).
const FAIL_ONE_IN: u64 = 12;

const COMPANIES: &[(&str, &str, &str)] = &[
    (
        "郑州安居装饰工程有限公司",
        "91410100MA44K3XQ1T",
        "建筑装修装饰工程专业承包二级",
    ),
    (
        "河南美家装饰设计有限公司",
        "91410105MA3X7Q2R8B",
        "建筑装修装饰工程专业承包二级",
    ),
    (
        "郑州居然之家装饰有限公司",
        "91410102MA9F1K2T6C",
        "建筑装修装饰工程专业承包一级",
    ),
    ("金水区宏达装修队", "92410105MA40F2LL3D", ""),
    (
        "郑州匠心家装工程有限公司",
        "91410122MA47P9Q1X5",
        "建筑装修装饰工程专业承包二级",
    ),
];
const TRADES: &[&str] = &["水电工", "木工", "瓦工", "油漆工", "杂工"];
const FINDINGS: &[&str] = &[
    "施工正常，现场整洁",
    "按图施工，无违规",
    "施工人员持证上岗，垃圾已装袋",
    "正常施工",
];
const VIOLATIONS: &[(Violation, &str)] = &[
    (Violation::Electricity, "私拉电线，插座无漏电保护"),
    (Violation::Noise, "中午12点半仍在电钻施工"),
    (Violation::Rubbish, "装修垃圾堆放在楼道"),
    (Violation::CommonArea, "材料占用消防通道"),
    (Violation::NoPass, "两名工人未办出入证"),
];
const DEDUCTIONS: &[&str] = &[
    "电梯轿厢壁板划伤修复",
    "楼道墙面污损粉刷",
    "公共区域装修垃圾代清运",
    "损坏楼道照明灯",
];

fn pay_method(rng: &mut Rng) -> PayMethod {
    match rng.below(10) {
        0..=3 => PayMethod::WeChat,
        4..=6 => PayMethod::Alipay,
        7 => PayMethod::Cash,
        _ => PayMethod::Card,
    }
}

/// The phases a renovation works through, with their lengths in days.
fn phases(rng: &mut Rng) -> Vec<(WorkKind, u64)> {
    let mut out = Vec::new();
    for (kind, chance, min, spread) in [
        (WorkKind::Plumbing, 85, 5, 4),
        (WorkKind::Carpentry, 70, 10, 10),
        (WorkKind::Painting, 90, 7, 6),
        (WorkKind::Flooring, 70, 5, 4),
        (WorkKind::Installation, 60, 1, 2),
    ] {
        if rng.chance(chance) {
            out.push((kind, min + rng.below(spread)));
        }
    }
    if out.is_empty() {
        out.push((WorkKind::Painting, 8));
    }
    out
}

fn workers(rng: &mut Rng) -> Vec<Worker> {
    (0..2 + rng.below(3))
        .filter_map(|_| {
            Some(Worker {
                name: name(rng),
                id_number: resident_id(rng)?,
                phone: mobile(rng)?,
                trade: (*rng.pick(TRADES)).to_string(),
            })
        })
        .collect()
}

/// Who does what at the desk.
struct Staff {
    desk: Vec<String>,
    officers: Vec<String>,
    cashier: String,
    supervisor: String,
}

/// Steps recorded by `by` at `when`, kept only up to now.
struct Steps {
    now: NaiveDateTime,
    steps: Vec<(Recorded, PastRenovationStep)>,
}

impl Steps {
    /// Adds a step; false (and nothing added) once `when` is past now.
    fn add(&mut self, by: &str, when: NaiveDateTime, step: PastRenovationStep) -> bool {
        if when > self.now {
            return false;
        }
        self.steps.push((rec(by, when), step));
        true
    }
}

/// One renovation's story from `day`, cut at now; `fail` marks a second inspection that finds
/// a leak: the bill comes a week later, once the repair is done and the owner has accepted
/// (the demo drives that repair between the inspection and the bill).
#[allow(clippy::too_many_arguments)]
fn story(
    rng: &mut Rng,
    staff: &Staff,
    unit: crate::domain::unit::UnitId,
    address: UnitAddress,
    owner: String,
    day: NaiveDate,
    now: NaiveDateTime,
    fail: bool,
) -> Option<PastRenovation> {
    let clerk = rng.pick(&staff.desk).clone();
    let officer = rng.pick(&staff.officers).clone();
    let work = phases(rng);
    let inspect = day + Days::new(1 + rng.below(2));
    let billed = inspect + Days::new(if fail { 7 } else { 0 });
    let pay = billed + Days::new(rng.below(3));
    let start = pay + Days::new(rng.below(3));
    let days: u64 = work.iter().map(|(_, d)| d).sum();
    let own_hands = rng.chance(10);
    let (company, licence, qualification) = *rng.pick(COMPANIES);
    let contractor = Contractor {
        company: if own_hands { "业主自装" } else { company }.to_string(),
        licence_no: if own_hands { "" } else { licence }.to_string(),
        qualification: if own_hands { "" } else { qualification }.to_string(),
        person_in_charge: if own_hands { owner.clone() } else { name(rng) },
        phone: mobile(rng)?,
    };
    let application = Application {
        unit,
        address,
        owner_name: owner,
        person: None,
        owner_phone: mobile(rng),
        contractor,
        workers: workers(rng),
        planned_start: start,
        planned_end: start + Days::new(days + 5 + rng.below(20)),
        kinds: work.iter().map(|(k, _)| *k).collect(),
        note: String::new(),
    };
    let mut s = Steps {
        now,
        steps: Vec::new(),
    };
    let papers: Vec<Paper> = Paper::ALL.to_vec();
    s.add(&clerk, at(day, 20), PastRenovationStep::Papers(papers, day));
    let items: Vec<InspectionItem> = STANDARD_ITEMS
        .iter()
        .map(|n| InspectionItem {
            name: (*n).to_string(),
            passed: !(fail && *n == "闭水试验"),
            note: if fail && *n == "闭水试验" {
                "卫生间闭水48小时，楼下顶板渗水".into()
            } else {
                String::new()
            },
        })
        .collect();
    let applied = rec(&clerk, at(day, 10 + rng.below(400)));
    if !s.add(
        "陈刚",
        at(inspect, 60),
        PastRenovationStep::Inspection(items),
    ) {
        return Some(PastRenovation {
            application,
            applied,
            steps: s.steps,
        });
    }
    if !s.add(&clerk, at(billed, 120), PastRenovationStep::Bill)
        || !s.add(
            &staff.cashier,
            at(pay, 90 + rng.below(300)),
            PastRenovationStep::Pay(pay_method(rng)),
        )
        || !s.add(&clerk, at(pay, 420), PastRenovationStep::Permit)
    {
        return Some(PastRenovation {
            application,
            applied,
            steps: s.steps,
        });
    }
    // The phases and their patrols, each due day on time.
    let mut phase_start = start;
    let mut notices = 0u32;
    let mut open = true;
    let mut rechecked = true;
    for (i, (kind, len)) in work.iter().enumerate() {
        let install = (*kind == WorkKind::Installation).then(|| phase_start + Days::new(len - 1));
        if i > 0 || install.is_some() {
            let step = PastRenovationStep::Phase(*kind, phase_start, install);
            if !s.add(&clerk, at(phase_start, 15), step) {
                open = false;
                break;
            }
        }
        let every = match kind.patrol_rule() {
            crate::domain::renovation::PatrolRule::Every(n) => u64::from(n),
            crate::domain::renovation::PatrolRule::OnInstallationDay => *len,
        };
        let first = install.unwrap_or(phase_start);
        let mut d = first;
        while d < phase_start + Days::new(*len) && open {
            let when = at(d, 60 + rng.below(420));
            let violation = rng.chance(3).then(|| *rng.pick(VIOLATIONS));
            let recheck = d + Days::new(2 + rng.below(2));
            let patrol = Patrol {
                at: when,
                findings: violation
                    .map(|(_, f)| f.to_string())
                    .unwrap_or_else(|| (*rng.pick(FINDINGS)).to_string()),
                violation: violation.map(|(v, _)| v),
                recheck_on: violation.map(|_| recheck),
            };
            if !s.add(&officer, when, PastRenovationStep::Patrol(patrol)) {
                open = false;
                break;
            }
            if violation.is_some() {
                notices += 1;
                let step = PastRenovationStep::Recheck(notices, true, "已整改".into(), None);
                // A re-check still to come leaves the notice open (and the work unfinished).
                rechecked &= s.add(&officer, at(recheck, 90), step);
            }
            d = d + Days::new(every);
        }
        phase_start = phase_start + Days::new(*len);
        if !open {
            break;
        }
    }
    let finished = phase_start - Days::new(1);
    let initial = finished + Days::new(1 + rng.below(3));
    let initial_ok = !rng.chance(10);
    let last = finished + Days::new(25 + rng.below(40));
    let deduct = rng.chance(12);
    let refund = DepositRefund {
        payee: application.owner_name.clone(),
        method: if rng.chance(50) {
            PayMethod::Transfer
        } else {
            PayMethod::WeChat
        },
        deductions: if deduct {
            vec![Deduction {
                reason: (*rng.pick(DEDUCTIONS)).to_string(),
                amount: Fen(5_000 * (1 + rng.below(10) as i64)),
            }]
        } else {
            Vec::new()
        },
        note: String::new(),
    };
    let approved = deduct.then(|| staff.supervisor.clone());
    let _ = open
        && rechecked
        && s.add(
            &clerk,
            at(finished, 540),
            PastRenovationStep::Finish(finished),
        )
        && (initial_ok
            || s.add(
                &clerk,
                at(initial, 60),
                PastRenovationStep::Acceptance(
                    AcceptanceRound::Initial,
                    false,
                    "卫生间墙砖空鼓，需返工".into(),
                ),
            ))
        && s.add(
            &clerk,
            at(initial + Days::new(u64::from(!initial_ok) * 4), 90),
            PastRenovationStep::Acceptance(AcceptanceRound::Initial, true, String::new()),
        )
        && s.add(
            &clerk,
            at(last, 90),
            PastRenovationStep::Acceptance(
                AcceptanceRound::Final,
                true,
                "未发现损坏公共设施".into(),
            ),
        )
        && s.add(
            &staff.cashier,
            at(last + Days::new(1 + rng.below(5)), 120),
            PastRenovationStep::Refund(refund, approved),
        );
    Some(PastRenovation {
        application,
        applied,
        steps: s.steps,
    })
}

/// Drives the repair orders a failed inspection opened to their end (dispatched, fixed, the
/// owner's signature, the call back), then the owner accepts and the story goes on.
fn fix_and_go_on(
    ctx: &mut Generation<'_>,
    id: RenovationId,
    clerk: &str,
    rest: Vec<(Recorded, PastRenovationStep)>,
) -> Result<(), StoreError> {
    let file = ctx.store.renovation(id)?;
    let owner = file.owner_name.clone();
    let Some(day) = file.inspection.first().map(|i| i.at.date()) else {
        return Ok(());
    };
    let tech = ctx.staff_of(Role::Technician);
    let Some((tech, tech_name)) = tech.first().cloned() else {
        return Ok(());
    };
    let fixed = day + Days::new(3);
    for r in file.inspection.iter().filter_map(|i| i.repair.as_ref()) {
        let d = |m: u64| rec(clerk, at(day, m));
        let f = |m: u64| rec(&tech_name, at(fixed, m));
        let dispatch = RepairStep::Dispatch {
            technician: tech,
            name: tech_name.clone(),
        };
        ctx.store.repair_step(r.id, &dispatch, &d(200))?;
        ctx.store.repair_step(r.id, &RepairStep::Arrive, &f(60))?;
        let work = "卫生间重做防水层，闭水试验48小时合格";
        ctx.store
            .save_repair_work(r.id, work, &Charges::default(), &f(300))?;
        ctx.store
            .repair_step(r.id, &RepairStep::Complete, &f(305))?;
        let c = Confirmation {
            rating: Rating::Satisfied,
            comment: String::new(),
            by: owner.clone(),
            at: at(fixed, 310),
        };
        ctx.store.rate_repair(r.id, &c, &f(310))?;
        let cb = RepairCallback {
            note: "业主表示防水已修好".into(),
            nonconformity: None,
        };
        ctx.store
            .record_callback(r.id, &cb, &rec(clerk, at(fixed + Days::new(1), 90)))?;
    }
    let accepted = rec(clerk, at(fixed + Days::new(2), 30));
    ctx.store.owner_accepts_inspection(id, "", &accepted)?;
    ctx.store.continue_renovations(&[(id, rest)])?;
    Ok(())
}

pub(super) fn generate(ctx: &mut Generation<'_>) -> Result<(), StoreError> {
    let today = ctx.today();
    let now = ctx.now;
    let years = u64::from(ctx.years.max(1));
    let start = today - Days::new(365 * years);
    let first = Month::of(start);
    let setup = rec("刘洋", at(first.first_day(), 0));
    for (code, fen) in PRICES {
        let item = ctx.store.fee_item(code)?;
        let price = Price {
            item: item.id,
            unit_kind: None,
            from: first,
            fen: Fen(fen),
        };
        ctx.store.set_price(&price, &setup)?;
    }
    let mut desk = ctx.staff_of(Role::Receptionist);
    desk.extend(ctx.staff_of(Role::ServiceOfficer));
    let mut officers: Vec<String> = ctx
        .staff_of(Role::ServiceOfficer)
        .into_iter()
        .map(|s| s.1)
        .collect();
    if desk.is_empty() {
        return Ok(());
    }
    if officers.is_empty() {
        officers = desk.iter().map(|s| s.1.clone()).collect();
    }
    let staff = Staff {
        desk: desk.into_iter().map(|s| s.1).collect(),
        officers,
        cashier: ctx
            .staff_of(Role::Cashier)
            .first()
            .map(|s| s.1.clone())
            .unwrap_or_else(|| "收费员".into()),
        supervisor: ctx
            .staff_of(Role::Supervisor)
            .first()
            .map(|s| s.1.clone())
            .unwrap_or_else(|| "刘洋".into()),
    };

    // Units of the high-rises lived in or handed over, with an owner in the register; the
    // newest renovations come back to the units renovated first, years before.
    let mut units = Vec::new();
    for &(id, address) in &ctx.units {
        if address.building > 8 {
            continue;
        }
        let status = ctx.store.unit(id)?.unit.status;
        if !matches!(status, UnitStatus::Vacant | UnitStatus::Occupied) {
            continue;
        }
        let owner = ctx
            .store
            .people_of(id)?
            .into_iter()
            .find(|p| p.person.relation == Relation::Owner);
        if let Some(o) = owner {
            units.push((id, address, o.person.name));
        }
    }
    if units.is_empty() {
        return Ok(());
    }
    // Application days in order; each unit renovated once at most (spread over the estate).
    let count = PER_YEAR * years;
    let rng = &mut ctx.rng;
    let mut days: Vec<NaiveDate> = (0..count)
        .map(|_| start + Days::new(rng.below(365 * years)))
        .collect();
    days.sort();
    let mut past = Vec::new();
    let mut failing = Vec::new();
    // When each unit's last renovation closed (None while it is still open).
    let mut closed = std::collections::HashMap::new();
    for (n, day) in days.into_iter().enumerate() {
        let pick = (n * 7919) % units.len();
        let (unit, address, owner) = units[pick].clone();
        match closed.get(&unit) {
            Some(Some(end)) if *end < at(day, 0) => {}
            Some(_) => continue,
            None => {}
        }
        let fail = day + Days::new(180) < today && rng.below(FAIL_ONE_IN) == 0;
        if rng.chance(3) && day + Days::new(10) < today {
            // Withdrawn before the inspection.
            let mut p = match story(rng, &staff, unit, address, owner, day, now, false) {
                Some(p) => p,
                None => continue,
            };
            p.steps.truncate(1);
            let reason = "业主暂缓装修".to_string();
            p.steps.push((
                rec(&staff.desk[0], at(day + Days::new(5), 60)),
                PastRenovationStep::Cancel(reason),
            ));
            closed.insert(unit, p.steps.last().map(|s| s.0.at));
            past.push(p);
            continue;
        }
        if let Some(mut p) = story(rng, &staff, unit, address, owner, day, now, fail) {
            if fail {
                // Papers and the inspection now; the rest after the repair.
                let rest = p.steps.split_off(2.min(p.steps.len()));
                failing.push((unit, rest));
                closed.insert(unit, None);
            } else {
                let done = matches!(p.steps.last(), Some((_, PastRenovationStep::Refund(..))));
                closed.insert(unit, p.steps.last().filter(|_| done).map(|s| s.0.at));
            }
            past.push(p);
        }
    }
    // Exactly one working site in a daily phase missed yesterday's patrol (and so today's is
    // not done either): the overdue line.
    let yesterday = today - Days::new(1);
    let patrol_day = |s: &(Recorded, PastRenovationStep)| match s {
        (r, PastRenovationStep::Patrol(_)) => Some(r.at.date()),
        _ => None,
    };
    for p in past.iter_mut().rev() {
        let keep = p
            .steps
            .iter()
            .rposition(|s| patrol_day(s).is_none_or(|d| d < yesterday));
        let Some(keep) = keep else { continue };
        let trailing = p.steps.len() - keep - 1;
        let before = patrol_day(&p.steps[keep]);
        if trailing >= 1 && before == Some(yesterday - Days::new(1)) {
            p.steps.truncate(keep + 1);
            break;
        }
    }
    ctx.store.import_renovations(&past)?;
    for (unit, rest) in failing {
        let waiting = ctx
            .store
            .renovations_of_unit(unit)?
            .into_iter()
            .find(|r| r.2 == crate::domain::renovation::Stage::Inspection);
        if let Some((id, ..)) = waiting {
            fix_and_go_on(ctx, id, &staff.desk[0], rest)?;
        }
    }
    Ok(())
}
