//! The demo estate's repair orders: about twelve a day over `years`, in every state, with
//! late arrivals, overdue callbacks and unrated work among them. Written through
//! [`Store::import_repairs`] in one transaction so ten years take seconds.

use chrono::{Duration, NaiveDateTime};

use super::Generation;
use super::rng::Rng;
use crate::domain::repair::{
    Callback, Channel, Confirmation, Event, Intake, Material, Nonconformity, OrderNumber, Payment,
    Place, Qty, Rating, Receipt, RepairOrder, RepairState,
};
use crate::domain::staff::{Role, StaffId};
use crate::domain::{Fen, Mobile};
use crate::store::StoreError;

/// Orders a day on average.
const PER_DAY: u64 = 12;

/// A random span of `from` to `to` minutes.
fn minutes(rng: &mut Rng, from: i64, to: i64) -> Duration {
    Duration::minutes(from + rng.below((to - from).max(1) as u64) as i64)
}

/// (category, description, materials: (name, spec, unit, price in fen)).
type Job = (
    &'static str,
    &'static str,
    &'static [(&'static str, &'static str, &'static str, i64)],
);

const JOBS: &[Job] = &[
    (
        "给排水",
        "厨房水龙头漏水",
        &[("水龙头阀芯", "DN15", "个", 3500)],
    ),
    (
        "给排水",
        "卫生间地漏堵塞",
        &[("地漏芯", "50mm", "个", 2800)],
    ),
    (
        "给排水",
        "马桶水箱不停流水",
        &[("进水阀", "通用型", "套", 4500)],
    ),
    (
        "给排水",
        "暖气片漏水",
        &[("暖气阀门", "DN20", "个", 6800), ("生料带", "", "卷", 300)],
    ),
    ("电气", "客厅插座没电", &[("五孔插座", "10A", "个", 1800)]),
    ("电气", "卫生间灯不亮", &[("LED灯泡", "12W", "个", 1500)]),
    (
        "电气",
        "空气开关频繁跳闸",
        &[("漏电保护器", "32A", "个", 8500)],
    ),
    (
        "门窗",
        "入户门锁芯卡住",
        &[("C级锁芯", "防盗门用", "个", 12000)],
    ),
    ("门窗", "窗户合页松动", &[("不锈钢合页", "4寸", "个", 1200)]),
    ("燃气", "燃气灶打不着火", &[("电池", "1号", "节", 300)]),
    ("其他", "阳台晾衣架绳断", &[("钢丝绳", "2mm", "米", 400)]),
];

const PUBLIC_JOBS: &[(&str, &str)] = &[
    ("公共设施", "楼道声控灯不亮"),
    ("公共设施", "单元门禁刷卡无反应"),
    ("公共设施", "电梯厅地砖破损"),
    ("给排水", "地下车库排水沟堵塞"),
    ("公共设施", "小区路灯不亮"),
];

const SURNAMES: &[&str] = &["王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴"];
const GIVEN: &[&str] = &["先生", "女士", "阿姨", "师傅"];

/// Adds `years` of repair orders ending now to the demo estate, in one transaction.
pub(super) fn generate(ctx: &mut Generation<'_>) -> Result<(), StoreError> {
    let units = &ctx.units;
    let technicians = ctx.staff_of(Role::Technician);
    let officers = ctx.staff_of(Role::ServiceOfficer);
    let receptionists = ctx.staff_of(Role::Receptionist);
    // The technical review is the team lead's signature (the role table); the desk records the
    // rest.
    let team_lead = ctx
        .staff_of(Role::TeamLead)
        .first()
        .map_or_else(|| "班长".to_string(), |(_, name)| name.clone());
    if units.is_empty() || technicians.is_empty() || officers.is_empty() || receptionists.is_empty()
    {
        return Ok(());
    }
    let rng = &mut ctx.rng;
    let now = ctx.now;
    let days = i64::from(ctx.years) * 365;
    let c = Ctx {
        units,
        technicians: &technicians,
        officers: &officers,
        receptionists: &receptionists,
        team_lead: &team_lead,
    };
    let mut orders = Vec::with_capacity((days as u64 * PER_DAY) as usize);
    for day in (0..days).rev() {
        let date = (now - Duration::days(day)).date();
        let count = PER_DAY - 4 + rng.below(9);
        let mut times: Vec<NaiveDateTime> = (0..count)
            .map(|_| date.and_time(chrono::NaiveTime::MIN) + minutes(rng, 7 * 60 + 30, 20 * 60))
            .filter(|t| *t <= now)
            .collect();
        times.sort();
        for received in times {
            orders.push(order(rng, &c, received, now, None));
        }
    }
    // Today's desk always has something in every open state, some of it overdue: an hour-old
    // call whose technician is late, one in review past its 30 minutes, one done but unrated.
    for (hours_ago, stop) in [
        (1, RepairState::Pending),
        (1, RepairState::Dispatched),
        (5, RepairState::OnSite),
        (5, RepairState::InReview),
        (5, RepairState::Completed),
        (5, RepairState::CalledBack),
    ] {
        let received = now - Duration::hours(hours_ago);
        if days > 0 {
            orders.push(order(rng, &c, received, now, Some(stop)));
        }
    }
    ctx.store.import_repairs(&orders)?;
    Ok(())
}

struct Ctx<'a> {
    units: &'a [(crate::domain::unit::UnitId, crate::domain::UnitAddress)],
    technicians: &'a [(StaffId, String)],
    officers: &'a [(StaffId, String)],
    receptionists: &'a [(StaffId, String)],
    team_lead: &'a str,
}

/// Moves a time outside 08:00–19:00 to the next morning, when technicians work.
fn working_hours(t: NaiveDateTime) -> NaiveDateTime {
    use chrono::Timelike;
    match t.hour() {
        8..=18 => t,
        h => {
            let morning = t.date().and_time(chrono::NaiveTime::MIN) + Duration::hours(9);
            if h < 8 {
                morning
            } else {
                morning + Duration::days(1)
            }
        }
    }
}

/// One order taken at `received`, played forward as far as its age allows.
fn order(
    rng: &mut Rng,
    c: &Ctx<'_>,
    received: NaiveDateTime,
    now: NaiveDateTime,
    stop: Option<RepairState>,
) -> RepairOrder {
    let public = rng.chance(15);
    let (place, category, description, catalogue): (Place, &str, &str, &[_]) = if public {
        let (cat, what) = *rng.pick(PUBLIC_JOBS);
        let (officer, officer_name) = rng.pick(c.officers).clone();
        let b = 1 + rng.below(20);
        let location = format!(
            "{b}号楼{}",
            rng.pick(&["1单元楼道", "电梯厅", "门口", "地下车库"])
        );
        (
            Place::Public {
                location,
                officer,
                officer_name,
            },
            cat,
            what,
            &[],
        )
    } else {
        let (id, address) = *rng.pick(c.units);
        let (cat, what, mats) = *rng.pick(JOBS);
        (Place::Unit { id, address }, cat, what, mats)
    };
    let chargeable = !public && rng.chance(45);
    let quote_amount = Fen(catalogue.iter().map(|m| m.3).sum::<i64>() + 3000);
    let reporter = format!("{}{}", rng.pick(SURNAMES), rng.pick(GIVEN));
    let intake = Intake {
        place,
        reporter: reporter.clone(),
        phone: Mobile::parse(&format!("139{:08}", rng.below(100_000_000))).ok(),
        channel: if public {
            Channel::Patrol
        } else {
            *rng.pick(&[Channel::Call, Channel::Call, Channel::Visit])
        },
        category: category.to_string(),
        description: description.to_string(),
        appointment: match stop {
            Some(_) => received + Duration::minutes(30),
            None => working_hours(received + minutes(rng, 30, 24 * 60)),
        },
        chargeable,
        quote: if chargeable {
            format!("材料费按实收取，人工费30元，约{quote_amount}")
        } else {
            String::new()
        },
        quote_amount: if chargeable { quote_amount } else { Fen(0) },
    };
    let receptionist = rng.pick(c.receptionists).1.clone();
    let mut o = RepairOrder::received(
        OrderNumber {
            year: 2000,
            month: 1,
            seq: 1,
        },
        intake,
        received,
        receptionist.clone(),
    );
    play(rng, c, &mut o, catalogue, now, stop);
    o
}

/// Moves the order through the procedure while the steps lie before `now`.
fn play(
    rng: &mut Rng,
    c: &Ctx<'_>,
    o: &mut RepairOrder,
    catalogue: &[(&str, &str, &str, i64)],
    now: NaiveDateTime,
    stop: Option<RepairState>,
) {
    let desk = o.received_by.clone();
    let reporter = o.intake.reporter.clone();
    let (desk, reporter) = (desk.as_str(), reporter.as_str());
    // A showcase order plays exactly up to `stop`.
    macro_rules! stop_here {
        () => {
            if stop == Some(o.state) {
                return;
            }
        };
    }
    let ev = |o: &mut RepairOrder, state, at, note: String| {
        o.state = state;
        let by = if state == RepairState::InReview {
            c.team_lead
        } else {
            desk
        };
        o.events.push(Event {
            state,
            at,
            by_name: by.to_string(),
            note,
        });
    };
    // No 受理报修 event here: the store writes it with the intake, as it does for the desk, and
    // the bulk load writes only the events that follow.
    stop_here!();
    if stop.is_none() && rng.chance(3) {
        let at = o.received_at + minutes(rng, 5, 60);
        if at <= now {
            o.cancelled_at = Some(at);
            o.cancel_reason = "业主来电告知已自行修好".into();
            ev(
                o,
                RepairState::Cancelled,
                at,
                format!("取消：{}", o.cancel_reason),
            );
        }
        return;
    }
    let dispatched = o.received_at + minutes(rng, 2, 20);
    if dispatched > now {
        return;
    }
    let tech = rng.pick(c.technicians).clone();
    o.dispatched_at = Some(dispatched);
    ev(
        o,
        RepairState::Dispatched,
        dispatched,
        format!("派单给 {}", tech.1),
    );
    stop_here!();
    o.technician = Some(tech);
    // Most on time, some a little early, about one in twelve late.
    let arrived = o.intake.appointment + minutes(rng, -10, 17);
    if arrived > now {
        return;
    }
    o.arrived_at = Some(arrived);
    ev(o, RepairState::OnSite, arrived, "维修人员到场".into());
    stop_here!();
    let mut t = arrived;
    if stop == Some(RepairState::InReview) || (stop.is_none() && rng.chance(12)) {
        let review = t + minutes(rng, 10, 30);
        if review > now {
            return;
        }
        o.review_at = Some(review);
        ev(o, RepairState::InReview, review, "报班长技术评审".into());
        stop_here!();
        let back = review + minutes(rng, 10, 36);
        if back > now {
            return;
        }
        ev(o, RepairState::OnSite, back, "评审后返回现场".into());
        t = back;
    }
    let done = t + minutes(rng, 20, 150);
    if done > now {
        return;
    }
    if o.intake.chargeable {
        let lines = 1 + rng.below(catalogue.len() as u64) as usize;
        o.charges.materials = catalogue
            .iter()
            .take(lines)
            .map(|(name, spec, unit, price)| Material {
                name: name.to_string(),
                spec: spec.to_string(),
                model: String::new(),
                qty: Qty(100 * (1 + rng.below(2) as i64)),
                unit: unit.to_string(),
                price: Fen(*price),
            })
            .collect();
        o.charges.labour = Fen(3000);
        o.charges.payment = Some(*rng.pick(&[Payment::Cash, Payment::WeChat, Payment::Alipay]));
        o.charges.receipt = Some(*rng.pick(&[Receipt::Receipt, Receipt::Invoice]));
    }
    o.work_done = "已修复，现场试用正常".into();
    o.completed_at = Some(done);
    ev(o, RepairState::Completed, done, "维修完工".into());
    stop_here!();
    // About one in twenty is left unrated.
    if stop != Some(RepairState::Completed) && (stop.is_some() || !rng.chance(5)) {
        let by = match &o.intake.place {
            Place::Public { officer_name, .. } => officer_name.clone(),
            Place::Unit { .. } => reporter.to_string(),
        };
        let rating = match rng.below(100) {
            0..=84 => Rating::Satisfied,
            85..=96 => Rating::Fair,
            _ => Rating::Dissatisfied,
        };
        o.confirmation = Some(Confirmation {
            rating,
            comment: String::new(),
            by,
            at: done,
        });
    }
    let callback = done
        + match stop {
            Some(_) => Duration::minutes(10),
            None => minutes(rng, 60, 26 * 60),
        };
    if callback > now {
        return;
    }
    // Older unrated work got its rating by phone at the callback; only the last month's
    // unrated slips are still waiting (and so still open).
    if o.confirmation.is_none() && now - callback > Duration::days(30) {
        o.confirmation = Some(Confirmation {
            rating: Rating::Fair,
            comment: "回访时电话补评".into(),
            by: reporter.to_string(),
            at: callback,
        });
    }
    let unhappy = o
        .confirmation
        .as_ref()
        .is_some_and(|c| c.rating == Rating::Dissatisfied);
    o.callback_at = Some(callback);
    o.callback_by = desk.to_string();
    o.callback = Some(Callback {
        note: if unhappy {
            "业主反映仍有问题".into()
        } else {
            "业主表示维修效果良好".into()
        },
        nonconformity: unhappy.then(|| Nonconformity {
            department: "工程部".into(),
            problem: "维修后仍有问题".into(),
            correction: "已安排返修，业主确认".into(),
        }),
    });
    ev(o, RepairState::CalledBack, callback, "回访".into());
    stop_here!();
    let close = callback + minutes(rng, 5, 120);
    // Unrated work stays open at 已回访: the slip cannot be closed with a blank.
    let recent = now - close < Duration::days(30);
    if close > now || stop.is_some() || o.confirmation.is_none() || (recent && rng.chance(10)) {
        return;
    }
    o.closed_at = Some(close);
    ev(o, RepairState::Closed, close, "维修单关闭".into());
}
