//! The demo estate's 信息反馈 and 投诉: about three matters a day (some 1,100 a year) over
//! `years`: complaints, suggestions, questions, calls for help and staff feedback, most
//! dispatched, answered, called back and closed, some reopened after a 不满意; a few of the
//! estate's repair orders came in as calls classified 报修 and stay linked. Today's desk has a
//! few matters open, and some of them overdue. Written through [`Store::import_feedback`].
//!
//! [`Store::import_feedback`]: crate::store::Store::import_feedback

use chrono::{Duration, NaiveDateTime, NaiveTime, Timelike};

use super::Generation;
use super::helpers::{mobile, name, rec};
use super::rng::Rng;
use crate::domain::feedback::{
    Category, Channel, Dispatch, Intake, PastFeedback, Rating, Severity, Step, Where,
};
use crate::domain::repair::{OrderNumber, Place};
use crate::domain::staff::{Role, StaffId};
use crate::store::StoreError;

/// Matters a day on average, besides the calls classified 报修.
const PER_DAY: u64 = 3;

/// (content, department) of what owners and others raise, by category.
const COMPLAINTS: &[(&str, &str)] = &[
    ("楼上装修噪音，晚上八点后还在施工", "秩序维护部"),
    ("楼道堆放杂物一直没人清理", "环境部"),
    ("车辆乱停占用消防通道", "秩序维护部"),
    ("电梯这周停了两次，出行不便", "工程部"),
    ("账单里的公共用电分摊比上月多了很多", "财务/收费"),
    ("垃圾桶满了没有及时清运，有异味", "环境部"),
    ("有人遛狗不拴绳，孩子被吓到", "秩序维护部"),
    ("夜里东门没有保安值守", "秩序维护部"),
];
const SUGGESTIONS: &[(&str, &str)] = &[
    ("建议在每栋楼下增设快递柜", "客服中心"),
    ("建议增加儿童游乐设施", "工程部"),
    ("建议地下车库增加照明", "工程部"),
    ("建议垃圾分类点增加洗手池", "环境部"),
];
const INQUIRIES: &[(&str, &str)] = &[
    (
        "咨询物业费可以用什么方式缴纳",
        "可在客服中心现金、微信、支付宝缴纳，也可办理银行代扣",
    ),
    (
        "咨询装修需要办理什么手续",
        "请带房产证明和装修方案到客服中心办理装修登记",
    ),
    (
        "咨询下周停水的具体时间",
        "已告知停水时间及恢复时间，届时另有通知张贴",
    ),
    ("咨询车位租赁价格", "已告知车位租赁价格及办理方式"),
];
const HELP: &[(&str, &str)] = &[
    ("老人反锁在家中，门打不开", "秩序维护部"),
    ("钥匙锁在屋内，请求帮助", "客服中心"),
    ("家中老人摔倒，需要帮忙送医", "秩序维护部"),
];
const STAFF_REPORTS: &[(&str, &str)] = &[
    ("巡查发现消防栓箱玻璃破损", "工程部"),
    ("保洁反映地下车库有积水", "工程部"),
    ("保安反映东门道闸抬杆故障", "工程部"),
    ("绿化工反映草坪喷灌管漏水", "工程部"),
    ("秩序维护员反映有外来人员发放小广告", "秩序维护部"),
];

/// Who handles what each department gets: its staff with accounts, or a name.
struct Handlers {
    engineering: Vec<(StaffId, String)>,
    order: Vec<(StaffId, String)>,
    cashier: Vec<(StaffId, String)>,
    desk: Vec<(StaffId, String)>,
    supervisor: String,
    receptionists: Vec<String>,
}

impl Handlers {
    fn pick(&self, rng: &mut Rng, department: &str) -> (Option<StaffId>, String) {
        let list = match department {
            "工程部" => &self.engineering,
            "秩序维护部" => &self.order,
            "财务/收费" => &self.cashier,
            "客服中心" => &self.desk,
            _ => return (None, "孙丽".to_string()),
        };
        if list.is_empty() {
            return (None, format!("{department}值班人员"));
        }
        let (id, name) = rng.pick(list).clone();
        (Some(id), name)
    }
}

/// Adds `years` of matters ending now to the demo estate, in one transaction.
pub(super) fn generate(ctx: &mut Generation<'_>) -> Result<(), StoreError> {
    let receptionists: Vec<String> = ctx
        .staff_of(Role::Receptionist)
        .into_iter()
        .map(|(_, n)| n)
        .collect();
    if ctx.units.is_empty() || receptionists.is_empty() {
        return Ok(());
    }
    let mut engineering = ctx.staff_of(Role::Technician);
    engineering.extend(ctx.staff_of(Role::TeamLead));
    let h = Handlers {
        engineering,
        order: ctx.staff_of(Role::Guard),
        cashier: ctx.staff_of(Role::Cashier),
        desk: ctx.staff_of(Role::ServiceOfficer),
        supervisor: ctx
            .staff_of(Role::Supervisor)
            .first()
            .map_or_else(|| "客服中心主管".to_string(), |(_, n)| n.clone()),
        receptionists,
    };
    let now = ctx.now;
    let days = i64::from(ctx.years) * 365;
    let mut past = Vec::new();
    for day in (0..days).rev() {
        let date = (now - Duration::days(day)).date();
        let count = PER_DAY - 2 + ctx.rng.below(5);
        for _ in 0..count {
            let t = date.and_time(NaiveTime::MIN)
                + Duration::minutes(7 * 60 + 30 + ctx.rng.below(11 * 60) as i64);
            if t > now - Duration::hours(2) {
                continue;
            }
            let unit = *ctx.rng.pick(&ctx.units);
            past.push(matter(&mut ctx.rng, &h, unit, t, now));
        }
    }
    // Calls classified 报修: the first orders of every month came in through the desk's intake.
    let months = past
        .iter()
        .map(|p| crate::domain::Month::of(p.intake.received_at.date()))
        .collect::<std::collections::BTreeSet<_>>();
    for m in months {
        for seq in [1, 5, 9, 13, 17, 21, 25, 29] {
            let number = OrderNumber {
                year: m.year(),
                month: m.number(),
                seq,
            };
            if let Some(order) = ctx.store.repair_by_number(&number)? {
                past.push(repair_call(&mut ctx.rng, &h, &order, now));
            }
        }
    }
    showcase(&mut ctx.rng, &h, &ctx.units, now, &mut past);
    past.sort_by_key(|p| p.intake.received_at);
    ctx.store.import_feedback(&past)?;
    Ok(())
}

/// A random span of `from` to `to` minutes.
fn minutes(rng: &mut Rng, from: i64, to: i64) -> Duration {
    Duration::minutes(from + rng.below((to - from).max(1) as u64) as i64)
}

/// `t` if it falls in working hours (08:00–20:00), else the next morning between 08:00 and
/// 09:00: handlers reply, and the desk answers and calls back, by day.
fn by_day(rng: &mut Rng, t: NaiveDateTime) -> NaiveDateTime {
    if (8..20).contains(&t.hour()) {
        return t;
    }
    let day = if t.hour() >= 20 {
        t.date() + Duration::days(1)
    } else {
        t.date()
    };
    day.and_time(NaiveTime::MIN) + Duration::minutes(8 * 60) + minutes(rng, 0, 60)
}

/// One matter received at `t`, played forward as far as `now` allows.
fn matter(
    rng: &mut Rng,
    h: &Handlers,
    (unit, address): (crate::domain::unit::UnitId, crate::domain::UnitAddress),
    t: NaiveDateTime,
    now: NaiveDateTime,
) -> PastFeedback {
    let roll = rng.below(100);
    let (category, channel, (content, department)) = match roll {
        0..=34 => (Category::Complaint, Channel::Phone, *rng.pick(COMPLAINTS)),
        35..=46 => (
            Category::Suggestion,
            Channel::WeChat,
            *rng.pick(SUGGESTIONS),
        ),
        47..=71 => (Category::Inquiry, Channel::Phone, *rng.pick(INQUIRIES)),
        72..=81 => (Category::Help, Channel::Phone, *rng.pick(HELP)),
        _ => (Category::Other, Channel::Staff, *rng.pick(STAFF_REPORTS)),
    };
    let channel = match channel {
        Channel::Phone if rng.chance(30) => Channel::Visit,
        c => c,
    };
    let staff = channel == Channel::Staff;
    let desk = rng.pick(&h.receptionists).clone();
    let intake = Intake {
        channel,
        name: if staff { desk.clone() } else { name(rng) },
        phone: if staff { None } else { mobile(rng) },
        person: None,
        place: if staff {
            Where::Public(format!("{}号楼", 1 + rng.below(20)))
        } else {
            Where::Unit { id: unit, address }
        },
        content: content.to_string(),
        category,
        severity: if category == Category::Complaint && rng.chance(8) {
            Severity::Major
        } else {
            Severity::General
        },
        received_at: t,
        received_by_name: desk.clone(),
        officer: None,
    };
    let mut p = PastFeedback {
        recorded: rec(&desk, t),
        intake,
        repair: None,
        steps: Vec::new(),
    };
    if category == Category::Inquiry {
        // Answered on the spot.
        let at = t + minutes(rng, 2, 15);
        push(
            &mut p,
            now,
            &desk,
            at,
            Step::Answer {
                answer: department.to_string(),
            },
        );
        push(
            &mut p,
            now,
            &desk,
            at + Duration::minutes(1),
            Step::Close {
                result: "已当场解答".into(),
            },
        );
        return p;
    }
    play(rng, h, &mut p, department, now);
    p
}

/// Adds a step if it happened by `now`; says whether it did.
fn push(p: &mut PastFeedback, now: NaiveDateTime, by: &str, at: NaiveDateTime, step: Step) -> bool {
    let last = p.steps.last().map_or(p.recorded.at, |(r, _)| r.at);
    if at > now || at < last {
        return false;
    }
    p.steps.push((rec(by, at), step));
    true
}

/// Dispatch, escalation, reply, answer, callback (with a reopen now and then) and close.
fn play(rng: &mut Rng, h: &Handlers, p: &mut PastFeedback, department: &str, now: NaiveDateTime) {
    let desk = p.recorded.by_name.clone();
    let major = p.intake.severity == Severity::Major;
    let (handler, handler_name) = h.pick(rng, department);
    let needs_superior = major || rng.chance(8);
    let mut t = p.intake.received_at + minutes(rng, 3, 40);
    let dispatch = Step::Dispatch(Dispatch {
        department: department.to_string(),
        handler,
        handler_name: handler_name.clone(),
        requirement: "请尽快处理并回复客服中心".into(),
        reply_limit_min: if rng.chance(10) { Some(4 * 60) } else { None },
        needs_superior,
    });
    if !push(p, now, &desk, t, dispatch) {
        return;
    }
    if needs_superior {
        let at = p.intake.received_at + minutes(rng, 20, 130);
        let to = h.supervisor.clone();
        push(p, now, &desk, at.max(t), Step::Escalate { to });
    }
    for round in 0..2 {
        t = p.steps.last().map_or(t, |(r, _)| r.at) + minutes(rng, 60, 26 * 60);
        t = by_day(rng, t);
        let reply = Step::Progress {
            text: if round == 0 {
                "已到现场处理完毕".into()
            } else {
                "已再次上门处理，问题解决".into()
            },
            from_handler: true,
        };
        if !push(p, now, &handler_name, t, reply) {
            return;
        }
        t += minutes(rng, 10, 180);
        t = by_day(rng, t);
        let answer = Step::Answer {
            answer: "已将处理情况电话告知客户".into(),
        };
        if !push(p, now, &desk, t, answer) {
            return;
        }
        t += minutes(rng, 60, 24 * 60);
        t = by_day(rng, t);
        let rating = match (round, rng.below(100)) {
            (0, 0..=5) => Rating::Dissatisfied,
            (_, 0..=79) => Rating::Satisfied,
            _ => Rating::Fair,
        };
        let note = match rating {
            Rating::Dissatisfied => "客户表示问题仍未解决",
            _ => "客户表示认可",
        };
        let callback = Step::Callback {
            rating,
            note: note.to_string(),
        };
        if !push(p, now, &desk, t, callback) {
            return;
        }
        if rating != Rating::Dissatisfied {
            break;
        }
    }
    t += minutes(rng, 5, 90);
    t = by_day(rng, t);
    push(
        p,
        now,
        &desk,
        t,
        Step::Close {
            result: "已处理完毕，客户认可".into(),
        },
    );
}

/// A call the desk classified 报修: the repair order already in 报修管理, linked; the customer
/// told at once, and the matter closed with the order's number.
fn repair_call(
    rng: &mut Rng,
    h: &Handlers,
    order: &crate::store::RepairRecord,
    now: NaiveDateTime,
) -> PastFeedback {
    let o = &order.order;
    let (place, officer) = match &o.intake.place {
        Place::Unit { id, address } => (
            Where::Unit {
                id: *id,
                address: *address,
            },
            None,
        ),
        Place::Public {
            location,
            officer,
            officer_name,
        } => (
            Where::Public(location.clone()),
            Some((*officer, officer_name.clone())),
        ),
    };
    let desk = if o.received_by.is_empty() {
        rng.pick(&h.receptionists).clone()
    } else {
        o.received_by.clone()
    };
    let mut p = PastFeedback {
        intake: Intake {
            channel: Channel::Phone,
            name: o.intake.reporter.clone(),
            phone: o.intake.phone.clone(),
            person: None,
            place,
            content: o.intake.description.clone(),
            category: Category::Repair,
            severity: Severity::General,
            received_at: o.received_at,
            received_by_name: desk.clone(),
            officer,
        },
        recorded: rec(&desk, o.received_at),
        repair: Some(order.id),
        steps: Vec::new(),
    };
    let at = o.received_at + Duration::minutes(3);
    if push(
        &mut p,
        now,
        &desk,
        at,
        Step::Answer {
            answer: format!("已生成维修单 {}，告知客户预约上门时间", o.number),
        },
    ) {
        push(
            &mut p,
            now,
            &desk,
            at + Duration::minutes(1),
            Step::Close {
                result: format!("转报修管理处理（{}）", o.number),
            },
        );
    }
    p
}

/// Today's desk: a complaint a day old nobody answered (overdue), a major one not yet reported
/// up (overdue), a staff report waiting for dispatch and a matter answered waiting for its
/// callback.
fn showcase(
    rng: &mut Rng,
    h: &Handlers,
    units: &[(crate::domain::unit::UnitId, crate::domain::UnitAddress)],
    now: NaiveDateTime,
    past: &mut Vec<PastFeedback>,
) {
    for (hours, severity, stop) in [
        (26, Severity::General, 1),
        (3, Severity::Major, 1),
        (1, Severity::General, 0),
        (30, Severity::General, 3),
    ] {
        let unit = *rng.pick(units);
        let t = now - Duration::hours(hours);
        let mut p = matter(rng, h, unit, t, t);
        p.intake.category = Category::Complaint;
        p.intake.channel = Channel::Phone;
        p.intake.name = name(rng);
        p.intake.phone = mobile(rng);
        p.intake.place = Where::Unit {
            id: unit.0,
            address: unit.1,
        };
        p.intake.content = COMPLAINTS[0].0.to_string();
        p.intake.severity = severity;
        p.steps.clear();
        let desk = p.recorded.by_name.clone();
        let mut full = PastFeedback {
            steps: Vec::new(),
            ..p.clone()
        };
        play(rng, h, &mut full, COMPLAINTS[0].1, now + Duration::days(30));
        // Keep the first `stop` steps, moved to fit before now, and no escalation for the
        // major one (that is what is overdue).
        let mut at = t + Duration::minutes(10);
        for (_, step) in full
            .steps
            .into_iter()
            .filter(|(_, s)| !matches!(s, Step::Escalate { .. }))
            .take(stop)
        {
            let by = match &step {
                Step::Progress { .. } => "孙队长".to_string(),
                _ => desk.clone(),
            };
            push(&mut p, now, &by, at, step);
            at += Duration::minutes(30);
        }
        past.push(p);
    }
}
