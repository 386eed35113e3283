//! Demo records for 房屋代租: a few dozen vacant units entrusted over the years, each let again
//! and again — viewings, a lease of half a year to two years, an end at term or early, a few
//! weeks 待租 — up to now: most let now (their tenants in the register as 租户, the units
//! 出租, the commissions in the fees tables for the fees generator to collect), a few 待租,
//! a few withdrawn, one whose entrustment ran out; and exactly two leases ending within thirty
//! days, for 今日.

use chrono::{Days, NaiveDate, NaiveDateTime};

use super::Generation;
use super::helpers::{at, mobile, name, rec, resident_id};
use super::rng::Rng;
use crate::domain::Fen;
use crate::domain::bank_account::BankAccount;
use crate::domain::month::add_months;
use crate::domain::person::Relation;
use crate::domain::rental::{
    Commission, Entrustment, Lease, LeaseEnd, OwnerBank, PaymentCycle, Purpose, Viewing,
    ViewingOutcome,
};
use crate::domain::staff::Role;
use crate::domain::unit::UnitStatus;
use crate::store::{PastRental, PastRentalStep, StoreError};

/// How many units owners have entrusted to the office.
const ENTRUSTED: usize = 36;
/// The leases ending soon, days from now: the two lines 今日 shows.
const ENDING_SOON: [u64; 2] = [9, 24];

const FURNISHINGS: &[&str] = &[
    "空调",
    "冰箱",
    "洗衣机",
    "热水器",
    "电视",
    "床",
    "衣柜",
    "沙发",
    "餐桌",
    "燃气灶",
];
const EARLY: &[&str] = &[
    "工作调动，提前退租",
    "租户购房搬走",
    "家中有事回老家",
    "与业主协商解除",
];
const DECLINED: &[&str] = &["嫌租金高", "楼层不合适", "离单位太远", "想要带家具的"];

/// The last day of a term of `months` from `from`.
fn term_end(from: NaiveDate, months: u32) -> NaiveDate {
    add_months(from, months)
        .and_then(|d| d.pred_opt())
        .unwrap_or(from)
}

fn furnishings(rng: &mut Rng) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for f in FURNISHINGS {
        if rng.chance(55) {
            out.push((*f).to_string());
        }
    }
    out
}

/// Viewings from `from` for a few days: some who did not take it, then the one who did
/// (`tenant`), the last on `sign - 1 day`.
#[allow(clippy::too_many_arguments)]
fn viewings(
    rng: &mut Rng,
    steps: &mut Vec<(crate::domain::staff::Recorded, PastRentalStep)>,
    from: NaiveDate,
    sign: NaiveDate,
    staff: &[(crate::domain::staff::StaffId, String)],
    clerk: &str,
    tenant: Option<&str>,
) {
    let days = (sign - from).num_days().max(1) as u64;
    let others = rng.below(3);
    let mut times: Vec<NaiveDateTime> = (0..others)
        .map(|_| at(from + Days::new(rng.below(days)), 60 + rng.below(480)))
        .collect();
    times.sort();
    let last = at(sign - Days::new(1), 120 + rng.below(300));
    for (i, when) in times.iter().chain(tenant.map(|_| &last)).enumerate() {
        let (who, outcome, note) = if i as u64 == others {
            (
                tenant.unwrap_or_default().to_string(),
                ViewingOutcome::Interested,
                "满意，约定签约".to_string(),
            )
        } else {
            let o = if rng.chance(50) {
                ViewingOutcome::Declined
            } else {
                ViewingOutcome::Considering
            };
            (name(rng), o, rng.pick(DECLINED).to_string())
        };
        let (sid, sname) = rng.pick(staff).clone();
        steps.push((
            rec(clerk, *when + chrono::Duration::minutes(40)),
            PastRentalStep::Viewing(Viewing {
                at: *when,
                visitor: who,
                phone: mobile(rng),
                staff: Some(sid),
                staff_name: sname,
                outcome,
                note,
            }),
        ));
    }
}

/// A lease to `tenant` (a fictional ID number and phone) at `rent`, a month's rent as deposit.
fn lease(
    rng: &mut Rng,
    tenant: String,
    rent: Fen,
    starts_on: NaiveDate,
    ends_on: NaiveDate,
) -> Option<Lease> {
    Some(Lease {
        tenant,
        id_number: resident_id(rng)?,
        phone: mobile(rng)?,
        occupants: 1 + rng.below(4) as u32,
        purpose: if rng.chance(92) {
            Purpose::Home
        } else {
            Purpose::Office
        },
        rent,
        deposit: rent,
        cycle: *rng.pick(&[
            PaymentCycle::Quarterly,
            PaymentCycle::Quarterly,
            PaymentCycle::Monthly,
            PaymentCycle::HalfYear,
            PaymentCycle::Yearly,
        ]),
        starts_on,
        ends_on,
    })
}

/// Adds the entrustments, one transaction through the store's bulk loader.
pub(super) fn generate(ctx: &mut Generation<'_>) -> Result<(), StoreError> {
    let today = ctx.today();
    let now = ctx.now;
    let years = u64::from(ctx.years.max(1));
    let start = today - Days::new(365 * years);
    let mut desk = ctx.staff_of(Role::Receptionist);
    desk.extend(ctx.staff_of(Role::ServiceOfficer));
    let clerks: Vec<String> = desk.iter().map(|(_, n)| n.clone()).collect();
    if desk.is_empty() {
        return Ok(());
    }

    // Vacant units of the high-rises whose owner is in the register, spread over the estate.
    let mut candidates = Vec::new();
    for &(id, address) in &ctx.units {
        if address.building > 8 || ctx.rng.below(100) >= 25 {
            continue;
        }
        if ctx.store.unit(id)?.unit.status != UnitStatus::Vacant {
            continue;
        }
        let owner = ctx
            .store
            .people_of(id)?
            .into_iter()
            .find(|p| p.person.relation == Relation::Owner);
        if let Some(o) = owner {
            candidates.push((id, address, o));
        }
        if candidates.len() >= ENTRUSTED {
            break;
        }
    }

    let rng = &mut ctx.rng;
    let mut past = Vec::new();
    for (n, (unit, address, owner)) in candidates.into_iter().enumerate() {
        let clerk = rng.pick(&clerks).clone();
        // Entrusted in the first two thirds of the years, for three years (renewed by a new
        // entrustment when it runs out); the two ending soon and most others run past now.
        let expired = n == ENDING_SOON.len();
        // An entrustment runs at most five years: on a demo of more than three years they start
        // in the last three (the same draws as before on demos of up to three years).
        let from = start.max(today - Days::new(365 * 3));
        let span = (today - from).num_days().max(1) as u64;
        let entrusted = if expired {
            from + Days::new(rng.below(20))
        } else {
            from + Days::new(rng.below(span * 2 / 3))
        };
        let mut period_to = term_end(entrusted, 36);
        // A few are 待租 now (the last tenant gone, viewings since), a few withdrawn after a
        // lease by an owner moving back.
        let vacant_now = (3..8).contains(&n);
        let withdraw = n >= 8 && rng.chance(20);
        if expired {
            // Its entrustment ran out last month and the owner has not renewed it.
            period_to = today - Days::new(20 + rng.below(10));
        } else if period_to < today + Days::new(400) {
            period_to = today + Days::new(400 + rng.below(300));
        }
        let rent = Fen((1800 + rng.below(28) as i64 * 100) * 100);
        let commission = match rng.below(10) {
            0..=5 => Commission::Rate(5000),
            6..=7 => Commission::Rate(10_000),
            _ => Commission::Fixed(Fen((800 + rng.below(8) as i64 * 100) * 100)),
        };
        let bank = if rng.chance(70) {
            let account = (0..15).fold("6222".to_string(), |mut s, _| {
                s.push(char::from(b'0' + rng.below(10) as u8));
                s
            });
            BankAccount::parse(&account).ok().map(|account| OwnerBank {
                bank: "中国工商银行郑州花园路支行".into(),
                holder: owner.person.name.clone(),
                account,
            })
        } else {
            None
        };
        let mut entrustment = Entrustment {
            unit,
            address,
            owner_name: owner.person.name.clone(),
            person: Some(owner.id.0),
            owner_phone: owner.person.phone.clone(),
            asking_rent: rent,
            deposit_terms: (if rng.chance(70) {
                "押一付三"
            } else {
                "押一付一"
            })
            .to_string(),
            furnishings: furnishings(rng),
            available_from: entrusted,
            period_from: entrusted,
            period_to,
            commission,
            bank,
            note: String::new(),
        };
        let mut steps = Vec::new();
        if let Some(&days) = ENDING_SOON.get(n) {
            // Let a year ago, the lease ending in a few days: on 今日 now.
            let ends_on = today + Days::new(days);
            let starts_on = (ends_on + Days::new(1))
                .checked_sub_months(chrono::Months::new(12))
                .unwrap_or(start);
            let sign = starts_on - Days::new(3);
            entrustment.available_from = sign - Days::new(30);
            entrustment.period_from = entrustment.available_from;
            let tenant = name(rng);
            viewings(
                rng,
                &mut steps,
                sign - Days::new(25),
                sign,
                &desk,
                &clerk,
                Some(&tenant),
            );
            if let Some(lease) = lease(rng, tenant, rent, starts_on, ends_on) {
                steps.push((
                    rec(&clerk, at(sign, 90 + rng.below(300))),
                    PastRentalStep::Lease(lease),
                ));
            }
            past.push(PastRental {
                entrusted: rec(&clerk, at(entrustment.period_from, 30 + rng.below(400))),
                entrustment,
                steps,
            });
            continue;
        }
        let mut listed = entrusted;
        loop {
            // A few weeks 待租, viewings, then a lease.
            let sign = listed + Days::new(10 + rng.below(40));
            if sign >= period_to || sign >= today {
                if sign < today {
                    viewings(rng, &mut steps, listed, sign, &desk, &clerk, None);
                }
                break;
            }
            let months = *rng.pick(&[6, 12, 12, 12, 24]);
            let starts_on = sign + Days::new(rng.below(7));
            let mut ends_on = term_end(starts_on, months).min(period_to);
            let running = ends_on >= today;
            if running && ends_on <= today + Days::new(31) {
                // Only the two leases above end within thirty days.
                ends_on = (today + Days::new(45 + rng.below(200))).min(period_to);
            }
            if ends_on <= starts_on || (running && ends_on <= today + Days::new(31)) {
                break;
            }
            if running && vacant_now && listed > entrusted {
                viewings(rng, &mut steps, listed, sign, &desk, &clerk, None);
                break;
            }
            let tenant = name(rng);
            viewings(rng, &mut steps, listed, sign, &desk, &clerk, Some(&tenant));
            let Some(lease) = lease(rng, tenant, rent, starts_on, ends_on) else {
                break;
            };
            steps.push((
                rec(&clerk, at(sign, 90 + rng.below(300))),
                PastRentalStep::Lease(lease),
            ));
            if running {
                break;
            }
            // Ended at term, or early now and then.
            let on = if rng.chance(15) && (ends_on - starts_on).num_days() > 60 {
                let len = (ends_on - starts_on).num_days() as u64;
                starts_on + Days::new(30 + rng.below(len - 45))
            } else {
                ends_on
            };
            let reason = if on < ends_on {
                rng.pick(EARLY).to_string()
            } else {
                String::new()
            };
            steps.push((
                rec(&clerk, at(on, 60 + rng.below(400))),
                PastRentalStep::End(LeaseEnd { on, reason }),
            ));
            listed = on;
            if withdraw {
                let when = at(on + Days::new(5 + rng.below(20)), 120);
                if when < now {
                    steps.push((
                        rec(&clerk, when),
                        PastRentalStep::Withdraw("业主收回自住".into()),
                    ));
                }
                break;
            }
        }
        past.push(PastRental {
            entrustment,
            entrusted: rec(&clerk, at(entrusted, 30 + rng.below(400))),
            steps,
        });
    }
    ctx.store.import_rentals(&past)?;
    Ok(())
}
