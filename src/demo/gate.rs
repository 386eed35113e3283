//! Demo records for 物品放行: `years` of passes (one every other weekday or so, more at weekends), most
//! released, some voided, the newest still waiting for sign-off or for the day they go out.

use chrono::{Datelike, Days, NaiveDate, NaiveDateTime, TimeDelta};

use super::Generation;
use super::helpers::{at, mobile, name, rec, resident_id, some_unit};
use super::rng::Rng;
use crate::domain::item_pass::{
    ApplicantKind, DriverDoc, FeesSignOff, ItemPass, PassItem, PassReason, Vehicle,
};
use crate::domain::plate::Plate;
use crate::domain::staff::Role;
use crate::store::{PassHistory, StoreError};

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
        let id = resident_id(rng)?;
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
        certificate_issuer: if kind == ApplicantKind::PublicProperty {
            "物业工程部".into()
        } else {
            String::new()
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
    // Public property leaves on its certificate: no fees sign-off.
    if h.pass.kind.needs_fees_sign_off() {
        h.fees = Some(FeesSignOff {
            by_name: officer.into(),
            role: Role::ServiceOfficer,
            at: signed_at,
        });
    }
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

/// Adds the demo's passes over the `years` before now (at least one), in one transaction.
pub(super) fn generate(ctx: &mut Generation<'_>) -> Result<(), StoreError> {
    let now = ctx.now;
    let rng = &mut ctx.rng;
    let days = 365 * u64::from(ctx.years.max(1));
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
    ctx.store.import_pass_histories(&passes)?;
    Ok(())
}
