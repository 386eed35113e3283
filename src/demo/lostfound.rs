//! The demo estate's 物品拾遗: five to ten items handed in a month over `years` — phones,
//! wallets, keys, children's things, umbrellas — most claimed within days (some through a loss
//! report the owner left first), a few disposed of by the supervisor once kept for the period,
//! identity cards handed to the police; today's desk has the last weeks' items in store, one kept
//! past its period, an ID card found this morning, and two loss reports nothing matches yet.
//! Written through [`Store::import_lostfound`].
//!
//! [`Store::import_lostfound`]: crate::store::Store::import_lostfound

use chrono::{Duration, NaiveDate, NaiveDateTime};

use super::Generation;
use super::helpers::{at, mobile, name, rec, resident_id};
use super::rng::Rng;
use crate::domain::Fen;
use crate::domain::lostfound::{
    Category, Claim, DEFAULT_KEEP_DAYS, Disposal, DisposalMethod, Finder, FinderKind, FoundItem,
    LossReport, Valuable,
};
use crate::domain::staff::{Recorded, Role};
use crate::store::{PastEnd, PastFoundItem, StoreError};

/// What is handed in: the kind, names the desk gives it, and features only the owner knows.
const KINDS: &[(Category, &[&str], &[&str])] = &[
    (
        Category::Phone,
        &["华为手机", "苹果手机", "小米手机", "OPPO手机", "vivo手机"],
        &[
            "黑色，透明手机壳",
            "白色，屏幕右上角有裂纹",
            "蓝色，挂卡通挂绳",
            "金色，背面贴有照片",
        ],
    ),
    (
        Category::Wallet,
        &["黑色皮夹", "棕色钱包", "红色女士钱包", "零钱包"],
        &[
            "内有银行卡两张和超市会员卡",
            "内有几张照片和公交卡",
            "拉链坏了，内有收据",
        ],
    ),
    (
        Category::Keys,
        &["钥匙串", "汽车钥匙", "门禁卡和钥匙"],
        &[
            "三把钥匙，挂小熊挂件",
            "两把防盗门钥匙和一把信箱钥匙",
            "带红色门禁卡",
        ],
    ),
    (
        Category::Document,
        &["居民身份证", "驾驶证"],
        &["证件照为中年男性", "证件照为年轻女性", "外有透明卡套"],
    ),
    (
        Category::Card,
        &["银行卡", "信用卡"],
        &["工商银行，卡面蓝色", "建设银行储蓄卡"],
    ),
    (
        Category::Bag,
        &["双肩包", "手提袋", "儿童书包"],
        &[
            "灰色，内有笔记本电脑充电器",
            "内有衣物和水杯",
            "粉色，内有作业本",
        ],
    ),
    (
        Category::Electronics,
        &["蓝牙耳机", "平板电脑", "智能手表"],
        &["白色充电盒", "银色，带黑色保护套", "黑色表带"],
    ),
    (
        Category::Jewelry,
        &["金耳环", "银手镯"],
        &["一只，心形", "刻有花纹"],
    ),
    (
        Category::Clothing,
        &["儿童外套", "围巾", "遮阳帽"],
        &["红色，约110码", "灰色羊毛，格子图案", "米色草帽"],
    ),
    (
        Category::Toy,
        &["滑板车", "毛绒玩具", "儿童水壶"],
        &["粉色，轮子会发光", "棕色小熊", "蓝色，印有汽车图案"],
    ),
    (
        Category::Daily,
        &["雨伞", "保温杯", "眼镜"],
        &[
            "黑色长柄",
            "不锈钢，杯盖有划痕",
            "黑框近视眼镜，装在眼镜盒里",
        ],
    ),
];

const PLACES: &[&str] = &[
    "中心花园",
    "儿童游乐场",
    "地下车库B区",
    "东门岗亭",
    "南门",
    "健身区",
    "快递柜旁",
    "会所",
];
const CLEANERS: &[&str] = &["孙丽", "马秀英", "高桂英", "罗春燕"];

/// The day's hours: handed in between 08:00 and 18:00.
fn time_of(rng: &mut Rng, day: chrono::NaiveDate) -> NaiveDateTime {
    at(day, rng.below(10 * 60))
}

/// Who works the desk and who keeps the valuables.
struct Desk {
    receptionists: Vec<String>,
    supervisor: String,
    guard: Option<(crate::domain::staff::StaffId, String)>,
}

impl Desk {
    fn clerk(&self, rng: &mut Rng) -> String {
        rng.pick(&self.receptionists).clone()
    }
}

fn place(rng: &mut Rng) -> String {
    if rng.chance(45) {
        let b = 1 + rng.below(20);
        match rng.below(3) {
            0 => format!("{b}号楼大堂"),
            1 => format!("{b}号楼{}单元电梯", 1 + rng.below(2)),
            _ => format!("{b}号楼门口"),
        }
    } else {
        rng.pick(PLACES).to_string()
    }
}

/// An item handed in at `found_at`, recorded by the desk (a valuable by the supervisor).
fn item(rng: &mut Rng, desk: &Desk, found_at: NaiveDateTime) -> (FoundItem, Recorded) {
    let (category, names, features) = rng.pick(KINDS);
    let mut valuables = category.valuables().to_vec();
    let mut description = rng.pick(features).to_string();
    let mut cash = None;
    if *category == Category::Wallet && rng.chance(60) {
        valuables.extend([Valuable::Cash, Valuable::BankCard]);
        if rng.chance(30) {
            valuables.push(Valuable::IdCard);
            description.push_str("，另有身份证");
        }
        cash = Some(Fen(
            (20 + rng.below(480) as i64) * 100 + 50 * rng.below(2) as i64
        ));
    }
    let staff = |name: String, id| Finder {
        kind: FinderKind::Staff,
        name,
        phone: None,
        staff: id,
    };
    let finder = match (rng.below(10), &desk.guard) {
        (4..=5, Some((id, guard))) => staff(guard.clone(), Some(*id)),
        (0..=5, _) => staff(rng.pick(CLEANERS).to_string(), None),
        (6..=8, _) => Finder {
            kind: FinderKind::Resident,
            name: name(rng),
            phone: mobile(rng),
            staff: None,
        },
        _ => Finder {
            kind: FinderKind::Visitor,
            name: name(rng),
            phone: mobile(rng),
            staff: None,
        },
    };
    let valuable = !valuables.is_empty();
    let storage = if valuable {
        "主管保险柜".to_string()
    } else if rng.chance(50) {
        format!("A架{}层", 1 + rng.below(4))
    } else {
        format!("{}号箱", 1 + rng.below(12))
    };
    let witnesses = if valuable {
        let first = desk.clerk(rng);
        let second = desk
            .receptionists
            .iter()
            .find(|r| **r != first)
            .cloned()
            .unwrap_or_else(|| desk.supervisor.clone());
        vec![first, second]
    } else {
        Vec::new()
    };
    let by = if valuable {
        desk.supervisor.clone()
    } else {
        desk.clerk(rng)
    };
    let item = FoundItem {
        category: *category,
        name: rng.pick(names).to_string(),
        description,
        place: place(rng),
        found_at,
        finder,
        storage,
        valuables,
        cash,
        witnesses,
    };
    let recorded = rec(&by, found_at + Duration::minutes(5 + rng.below(40) as i64));
    (item, recorded)
}

/// The owner's claim some days after the item was logged; a third of them left a loss report
/// first.
fn claimed(rng: &mut Rng, desk: &Desk, i: &FoundItem, logged: &Recorded) -> Option<PastEnd> {
    // Owners come during the desk's hours, the same day or within twelve days.
    let day = logged.at.date() + Duration::days(rng.below(13) as i64);
    let mut at = super::helpers::at(day, rng.below(10 * 60));
    if at <= logged.at + Duration::minutes(30) {
        at = super::helpers::at(day + Duration::days(1), rng.below(10 * 60));
    }
    let owner = name(rng);
    let phone = mobile(rng)?;
    let claim = Claim {
        name: owner.clone(),
        id_number: resident_id(rng)?,
        phone: phone.clone(),
        description: format!("{}，{}", i.name, i.description),
        matches: true,
    };
    let report = rng.chance(33).then(|| {
        let asked = logged.at
            + Duration::minutes(
                30 + rng.below(((at - logged.at).num_minutes() - 30).max(1) as u64) as i64,
            );
        let r = LossReport {
            name: owner,
            phone,
            category: Some(i.category),
            description: format!("丢了{}，{}", i.name, i.description),
            place: i.place.clone(),
            lost_on: i.found_at.date(),
            at: asked,
        };
        (r, rec(&desk.clerk(rng), asked))
    });
    let by = if i.is_valuable() {
        desk.supervisor.clone()
    } else {
        desk.clerk(rng)
    };
    Some(PastEnd::Claimed {
        claim: Box::new(claim),
        report: report.map(Box::new),
        released: rec(&by, at),
    })
}

/// The supervisor's disposal some days after the period (an ID card: the next day), before
/// `today`.
fn disposed(rng: &mut Rng, desk: &Desk, i: &FoundItem, today: NaiveDate) -> Option<PastEnd> {
    let police = i.has_id_card() || i.valuables.contains(&Valuable::Cash);
    let found = i.found_at.date();
    let day = if i.has_id_card() {
        found + Duration::days(1)
    } else {
        let first = found + Duration::days(i64::from(DEFAULT_KEEP_DAYS) + 1);
        (first + Duration::days(rng.below(10) as i64)).min(today - Duration::days(1))
    };
    if day >= today
        || (!i.has_id_card() && (day - found).num_days() <= i64::from(DEFAULT_KEEP_DAYS))
    {
        return None;
    }
    let (method, receiver, reason) = if police {
        (
            DisposalMethod::Police,
            "花园路派出所 值班民警",
            if i.has_id_card() {
                "身份证件按规定上交派出所"
            } else {
                "保管期满无人认领，现金上交派出所"
            },
        )
    } else if rng.chance(50) {
        (
            DisposalMethod::Donate,
            "花园路街道爱心驿站",
            "保管期满无人认领，物品完好，捐赠",
        )
    } else {
        (
            DisposalMethod::Discard,
            "",
            "保管期满无人认领，已无使用价值",
        )
    };
    Some(PastEnd::Disposed(
        Disposal {
            method,
            reason: reason.to_string(),
            receiver: receiver.to_string(),
        },
        rec(&desk.supervisor, at(day, 60 + rng.below(6 * 60))),
    ))
}

pub(super) fn generate(ctx: &mut Generation<'_>) -> Result<(), StoreError> {
    let receptionists: Vec<String> = ctx
        .staff_of(Role::Receptionist)
        .into_iter()
        .map(|(_, n)| n)
        .collect();
    let Some((_, supervisor)) = ctx.staff_of(Role::Supervisor).into_iter().next() else {
        return Ok(());
    };
    if receptionists.is_empty() {
        return Ok(());
    }
    let desk = Desk {
        receptionists,
        supervisor,
        guard: ctx.staff_of(Role::Guard).into_iter().next(),
    };
    let now = ctx.now;
    let today = ctx.today();
    let keep = i64::from(DEFAULT_KEEP_DAYS);
    let days = i64::from(ctx.years.max(1)) * 365;
    let rng = &mut ctx.rng;
    let mut past = Vec::new();
    // Five to ten items a month: one every four days or so.
    let mut day = today - Duration::days(days);
    while day < today {
        day += Duration::days(1 + rng.below(6) as i64);
        if day >= today {
            break;
        }
        let found_at = time_of(rng, day);
        let (i, logged) = item(rng, &desk, found_at);
        let age = (today - day).num_days();
        let end = if i.has_id_card() {
            // Half the owners of an ID card come by the next day; the rest go to the police.
            if rng.chance(50) {
                claimed(rng, &desk, &i, &logged)
            } else {
                disposed(rng, &desk, &i, today)
            }
        } else if age <= 20 {
            // The last weeks: some already claimed, the rest still waiting.
            if rng.chance(40) {
                claimed(rng, &desk, &i, &logged)
            } else {
                None
            }
        } else if age <= keep {
            // Within the period: most claimed, a few still waiting.
            if rng.chance(85) {
                claimed(rng, &desk, &i, &logged)
            } else {
                None
            }
        } else if rng.chance(93) {
            claimed(rng, &desk, &i, &logged)
        } else {
            disposed(rng, &desk, &i, today).or_else(|| claimed(rng, &desk, &i, &logged))
        };
        // Nothing ends after the moment the demo is built.
        let end = end.filter(|e| match e {
            PastEnd::Claimed { released, .. } => released.at < now,
            PastEnd::Disposed(_, r) => r.at < now,
        });
        past.push(PastFoundItem {
            item: i,
            recorded: logged,
            end,
        });
    }
    // One kept past its period and not yet disposed of: 今日 shows it to the supervisor.
    if let Some(p) = past
        .iter_mut()
        .rev()
        .find(|p| (today - p.item.found_at.date()).num_days() > keep + 3 && !p.item.is_valuable())
    {
        p.end = None;
    }
    // An ID card found this morning, not yet taken to the police.
    let morning = at(today, 30);
    if morning < now - Duration::minutes(30) {
        past.push(PastFoundItem {
            item: FoundItem {
                category: Category::Document,
                name: "居民身份证".into(),
                description: "证件照为年轻男性，外有蓝色卡套".into(),
                place: "3号楼1单元电梯".into(),
                found_at: morning,
                finder: Finder {
                    kind: FinderKind::Staff,
                    name: CLEANERS[0].to_string(),
                    phone: None,
                    staff: None,
                },
                storage: "主管保险柜".into(),
                valuables: vec![Valuable::IdCard],
                cash: None,
                witnesses: vec![
                    desk.receptionists[0].clone(),
                    desk.receptionists
                        .get(1)
                        .cloned()
                        .unwrap_or_else(|| desk.supervisor.clone()),
                ],
            },
            recorded: rec(&desk.supervisor, morning + Duration::minutes(15)),
            end: None,
        });
    }
    // Two owners still looking for what nobody has handed in.
    let mut reports = Vec::new();
    for (d, what, where_) in [
        (3, "银色自行车钥匙，挂蓝色挂绳", "地下车库A区"),
        (1, "婴儿推车上的防雨罩，透明", "中心花园"),
    ] {
        let t = at(today - Duration::days(d), 120 + rng.below(300));
        if t >= now {
            continue;
        }
        let (Some(phone), owner) = (mobile(rng), name(rng)) else {
            continue;
        };
        reports.push((
            LossReport {
                name: owner,
                phone,
                category: None,
                description: what.to_string(),
                place: where_.to_string(),
                lost_on: t.date(),
                at: t,
            },
            rec(&desk.clerk(rng), t),
        ));
    }
    ctx.store.import_lostfound(&past, &reports)?;
    Ok(())
}
