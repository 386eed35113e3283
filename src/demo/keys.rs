//! Demo records for 钥匙管理: the cabinet's keys (240 units' and the common rooms'), `years` of
//! loans and label checks, a few keys issued to their owners, a few overdue now, and the key of
//! 5-1-0301 in the cabinet for the walk-through.

use chrono::{Days, NaiveDate, NaiveDateTime, TimeDelta};

use super::Generation;
use super::helpers::{at, mobile, name, rec, some_unit};
use super::rng::Rng;
use crate::domain::UnitAddress;
use crate::domain::keys::{
    BorrowerOrg, KeyIssue, KeyLoan, KeySettings, LabelCheck, UnitKey, due_back,
};
use crate::store::{KeyHistory, LoanHistory, StoreError};

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

/// Adds the demo's keys and their movements over the `years` before now (at least one), in one
/// transaction.
pub(super) fn generate(ctx: &mut Generation<'_>) -> Result<(), StoreError> {
    let now = ctx.now;
    let rng = &mut ctx.rng;
    let days = 365 * u64::from(ctx.years.max(1));
    let start = now
        .date()
        .checked_sub_days(Days::new(days))
        .unwrap_or(now.date());
    let settings = ctx.store.key_settings()?;
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
    ctx.store.import_key_histories(&keys)?;
    Ok(())
}
