//! Demo records for 物品放行 and 钥匙管理: `years` of passes and key movements, a few keys
//! overdue now, and the key of 5-1-0301 in the cabinet for the walk-through.

use chrono::{Datelike, Days, NaiveDate, NaiveDateTime, NaiveTime, TimeDelta};

use crate::demo::{Rng, mobile, name};
use crate::domain::UnitAddress;
use crate::domain::item_pass::{
    ApplicantKind, DriverDoc, FeesSignOff, ItemPass, PassItem, PassReason, Vehicle,
};
use crate::domain::keys::{
    BorrowerOrg, KeyIssue, KeyLoan, KeySettings, LabelCheck, UnitKey, due_back,
};
use crate::domain::plate::Plate;
use crate::domain::staff::{Recorded, Role};
use crate::store::{KeyHistory, LoanHistory, PassHistory, Store, StoreError};

const ITEMS: &[&str] = &[
    "沙发",
    "纸箱",
    "床垫",
    "衣柜",
    "冰箱",
    "洗衣机",
    "电视机",
    "餐桌",
    "椅子",
    "书架",
    "空调外机",
    "装修垃圾袋",
    "旧瓷砖",
    "木板",
    "热水器",
    "行李箱",
    "自行车",
    "钢琴",
];
const PROVINCE_PLATES: &[&str] = &["豫A", "豫A", "豫A", "豫D", "豫G", "京B", "鲁Q"];
const PURPOSES: &[&str] = &[
    "维修水管",
    "更换门锁",
    "检查燃气",
    "装修进场",
    "带客户看房",
    "抄水表",
    "疏通下水道",
];
const COMMON_ROOMS: &[&str] = &[
    "1号楼配电室",
    "2号楼水泵房",
    "会所活动室",
    "地下车库消防控制室",
    "9号楼电梯机房",
];

fn at(day: NaiveDate, minutes_after_8: u64) -> NaiveDateTime {
    day.and_time(NaiveTime::from_hms_opt(8, 0, 0).unwrap_or(NaiveTime::MIN))
        + TimeDelta::minutes(minutes_after_8 as i64)
}

fn rec(name: &str, at: NaiveDateTime) -> Recorded {
    Recorded {
        by: None,
        by_name: name.to_string(),
        at,
    }
}

/// A unit of the demo estate's high-rises (buildings 1–8: 2 entrances, 28 floors, 4 doors).
fn some_unit(rng: &mut Rng) -> Option<UnitAddress> {
    let (b, e, f, d) = (
        1 + rng.below(8),
        1 + rng.below(2),
        1 + rng.below(28),
        1 + rng.below(4),
    );
    UnitAddress::new(b as u32, e as u32, (f * 100 + d) as u32).ok()
}

fn plate(rng: &mut Rng) -> Option<Plate> {
    const CHARS: &[u8] = b"0123456789ABCDEFGHJKLMNPQRSTUVWXYZ";
    let prefix = rng.pick(PROVINCE_PLATES).to_string();
    let text = if rng.below(4) == 0 {
        format!(
            "{prefix}{}{:05}",
            if rng.below(2) == 0 { 'D' } else { 'F' },
            rng.below(100_000)
        )
    } else {
        let tail: String = (0..5)
            .map(|i| {
                if i < 2 {
                    CHARS[rng.below(34) as usize] as char
                } else {
                    (b'0' + rng.below(10) as u8) as char
                }
            })
            .collect();
        format!("{prefix}{tail}")
    };
    Plate::parse(&text).ok()
}

fn pass_history(rng: &mut Rng, day: NaiveDate, now: NaiveDateTime) -> Option<PassHistory> {
    let reason = *rng.pick(&[
        PassReason::MovingOut,
        PassReason::MovingOut,
        PassReason::RenovationWaste,
        PassReason::Repair,
        PassReason::Other,
    ]);
    let kind = match (reason, rng.below(10)) {
        (PassReason::RenovationWaste, _) => ApplicantKind::Contractor,
        (_, 0) => ApplicantKind::PublicProperty,
        (_, 1 | 2) => ApplicantKind::Tenant,
        _ => ApplicantKind::Owner,
    };
    let items = (0..1 + rng.below(4))
        .map(|_| PassItem {
            name: rng.pick(ITEMS).to_string(),
            quantity: 1 + rng.below(5) as u32,
            note: String::new(),
        })
        .collect();
    let owner = name(rng);
    let vehicle = if rng.below(3) == 0 {
        None
    } else {
        let id = crate::demo::resident_id(rng)?;
        Some(Vehicle {
            plate: plate(rng)?,
            driver: name(rng),
            driver_doc: DriverDoc::parse(id.as_str()).ok()?,
        })
    };
    let recorded_at = at(day, rng.below(9 * 60));
    let planned = day.checked_add_days(Days::new(rng.below(3)))?;
    let pass = ItemPass {
        kind,
        unit: if kind == ApplicantKind::PublicProperty {
            None
        } else {
            some_unit(rng)
        },
        applicant: name(rng),
        phone: mobile(rng)?,
        authorisation: match kind {
            ApplicantKind::Tenant | ApplicantKind::Contractor => {
                format!("业主{owner}书面授权，{}", day.format("%m月%d日"))
            }
            _ => String::new(),
        },
        certificate: if kind == ApplicantKind::PublicProperty {
            format!("物业工程部外运证明 GC-{}", 100 + rng.below(900))
        } else {
            String::new()
        },
        items,
        reason,
        reason_note: if reason == PassReason::Other {
            "捐赠旧物".into()
        } else {
            String::new()
        },
        vehicle,
        planned,
    };
    let officer = if rng.below(2) == 0 {
        "王强"
    } else {
        "赵磊"
    };
    let signed_at = recorded_at + TimeDelta::minutes(20 + rng.below(120) as i64);
    let mut h = PassHistory {
        pass,
        recorded: rec("张敏", recorded_at),
        fees: None,
        approved: None,
        released: None,
        voided: None,
    };
    let roll = rng.below(100);
    if signed_at > now {
        return Some(h);
    }
    if roll < 4 {
        h.voided = Some(("业主改期，重新开具".into(), rec("张敏", signed_at)));
        return Some(h);
    }
    h.fees = Some(FeesSignOff {
        by_name: officer.into(),
        role: Role::ServiceOfficer,
        at: signed_at,
    });
    let approved_at = signed_at + TimeDelta::minutes(5);
    if approved_at > now {
        return Some(h);
    }
    h.approved = Some(rec("张敏", approved_at));
    let out = at(planned, 60 + rng.below(9 * 60)).max(approved_at + TimeDelta::minutes(10));
    if out.date() == planned && out <= now {
        h.released = Some(rec("吴勇", out));
    } else if planned < now.date() {
        h.voided = Some(("当日未搬离，作废".into(), rec("张敏", out)));
    }
    Some(h)
}

fn loan(rng: &mut Rng, out: NaiveDateTime, settings: &KeySettings) -> Option<KeyLoan> {
    let org = *rng.pick(&[
        BorrowerOrg::Repair,
        BorrowerOrg::Repair,
        BorrowerOrg::Contractor,
        BorrowerOrg::Marketing,
        BorrowerOrg::Other,
    ]);
    let requested = (!org.same_day()).then(|| out + TimeDelta::days(1 + rng.below(3) as i64));
    Some(KeyLoan {
        borrower: name(rng),
        phone: mobile(rng)?,
        org,
        purpose: rng.pick(PURPOSES).to_string(),
        approver: if org == BorrowerOrg::Marketing {
            "孙经理".into()
        } else {
            String::new()
        },
        out_at: out,
        due_at: due_back(org, out, requested, settings).ok()?,
    })
}

fn key_history(
    rng: &mut Rng,
    i: usize,
    key: UnitKey,
    start: NaiveDate,
    now: NaiveDateTime,
    keep_in: bool,
    settings: &KeySettings,
) -> KeyHistory {
    let mut h = KeyHistory {
        key,
        recorded: rec("郑军", at(start, 0)),
        loans: Vec::new(),
        checks: Vec::new(),
        issued: None,
    };
    let mut day = start
        .checked_add_days(Days::new(1 + rng.below(20)))
        .unwrap_or(start);
    let mut next_check = start.checked_add_days(Days::new(180)).unwrap_or(start);
    while day < now.date() {
        let out = at(day, rng.below(8 * 60));
        let Some(l) = loan(rng, out, settings) else {
            break;
        };
        let late = rng.below(20) == 0;
        let back = if l.org.same_day() {
            l.due_at
                - TimeDelta::minutes(if late {
                    -40
                } else {
                    30 + rng.below(300) as i64
                })
        } else {
            l.due_at - TimeDelta::hours(if late { -5 } else { 1 + rng.below(20) as i64 })
        };
        let back = back.max(out + TimeDelta::minutes(10));
        if back >= now {
            // The newest loan of a few keys is still out; some of them already late.
            if !keep_in {
                h.loans.push(LoanHistory {
                    loan: l.clone(),
                    recorded: rec("郑军", out),
                    returned: None,
                });
            }
            return h;
        }
        let condition = if rng.below(30) == 0 {
            "钥匙环松动"
        } else {
            "完好"
        };
        h.loans.push(LoanHistory {
            loan: l,
            recorded: rec("郑军", out),
            returned: Some((back, condition.into(), "郑军".into())),
        });
        while next_check < day {
            h.checks.push((
                if rng.below(25) == 0 {
                    LabelCheck::Relabelled
                } else {
                    LabelCheck::Good
                },
                rec("郑军", at(next_check, 30)),
            ));
            next_check = next_check.checked_add_days(Days::new(180)).unwrap_or(day);
        }
        day = back
            .date()
            .checked_add_days(Days::new(3 + rng.below(60)))
            .unwrap_or(now.date());
    }
    let last_back = h
        .loans
        .last()
        .and_then(|l| l.returned.as_ref().map(|b| b.0))
        .unwrap_or(h.recorded.at);
    if keep_in || h.key.unit.is_none() {
        return h;
    }
    if i.is_multiple_of(9) {
        let handed = last_back + TimeDelta::days(1);
        if handed < now {
            let issue = KeyIssue {
                recipient: name(rng),
                document: "居民身份证".into(),
                document_tail: format!("{:04}", rng.below(10_000)),
                count: h.key.count,
                signed: true,
            };
            h.issued = Some((issue, rec("郑军", handed)));
        }
    } else if i % 37 == 5 {
        // A plumber who never brought the key back: overdue since an evening this week.
        let out = at(now.date() - Days::new(1 + rng.below(3)), 90);
        if out > last_back
            && let Some(mut l) = loan(rng, out, settings)
        {
            l.org = BorrowerOrg::Repair;
            l.approver.clear();
            if let Ok(due) = due_back(l.org, out, None, settings) {
                l.due_at = due;
                h.loans.push(LoanHistory {
                    loan: l,
                    recorded: rec("郑军", out),
                    returned: None,
                });
            }
        }
    }
    h
}

/// Adds the demo's passes and key movements over the `years` before now, in one transaction each.
pub(crate) fn generate(store: &mut Store, years: u32, rng: &mut Rng) -> Result<(), StoreError> {
    let now = crate::domain::date::now_local();
    let days = 365 * u64::from(years.max(1));
    let start = now
        .date()
        .checked_sub_days(Days::new(days))
        .unwrap_or(now.date());
    let mut passes = Vec::new();
    let mut day = start;
    while day <= now.date() {
        for _ in 0..rng.below(2) + u64::from(day.weekday().number_from_monday() >= 6) {
            if let Some(h) = pass_history(rng, day, now) {
                passes.push(h);
            }
        }
        day = day.succ_opt().unwrap_or(now.date() + Days::new(1));
    }
    passes.sort_by_key(|h| h.recorded.at);
    store.import_pass_histories(&passes)?;

    let settings = store.key_settings()?;
    let mut seen = std::collections::HashSet::new();
    let walk_through = UnitAddress::parse("5-1-0301").ok();
    let mut keys = Vec::new();
    let wanted = 240 + COMMON_ROOMS.len();
    // Distinct units, the walk-through's first.
    let mut units: Vec<UnitAddress> = walk_through.into_iter().collect();
    seen.extend(units.iter().copied());
    while units.len() < wanted {
        match some_unit(rng) {
            Some(u) if seen.insert(u) => units.push(u),
            Some(_) => {}
            None => break,
        }
    }
    let mut units = units.into_iter();
    for i in 0..wanted {
        let (unit, place) = match COMMON_ROOMS.get(i) {
            Some(room) => (None, room.to_string()),
            None => match units.next() {
                Some(u) => (Some(u), String::new()),
                None => break,
            },
        };
        let key = UnitKey {
            unit,
            place,
            hook: format!("{}-{:03}", ["A", "B", "C"][i % 3], i + 1),
            count: 2 + (i % 3) as u32,
            location: format!("钥匙柜{}号", 1 + i % 3),
        };
        let keep_in = unit.is_some() && unit == walk_through;
        keys.push(key_history(rng, i, key, start, now, keep_in, &settings));
    }
    store.import_key_histories(&keys)?;
    Ok(())
}
