//! The demo's fees: the office's prices (the property fee went up three years ago), parking
//! spaces, bank agreements, a year of meter readings (one building with a leak), and every month
//! billed and mostly paid — at the desk, by bank debit, a year ahead from prepayment, late, and a
//! few chronic debtors — so the collection rate lands around 90–95%.

use chrono::{Datelike, NaiveDate, NaiveDateTime};

use super::Generation;
use super::helpers::rec;
use super::rng::Rng;
use crate::domain::fees::{FeeItem, Meter, PayMethod, Price};
use crate::domain::staff::Role;
use crate::domain::unit::{UnitId, UnitStatus};
use crate::domain::{Area, Fen, Month, UnitAddress};
use crate::store::{BankAgreement, NewReading, ParkingSpace, PastPayment, Store, StoreError};

/// 物业管理服务费 per m² per month: before and after the rise three years ago.
const PROPERTY_FEE: [i64; 2] = [135, 150];
/// 垃圾清运费 per unit per month.
const REFUSE_FEE: i64 = 1_000;
/// 机动车占位费 per space per month.
const PARKING_FEE: i64 = 15_000;
/// Shared water per 吨 and power per 度.
const WATER_PRICE: i64 = 410;
const POWER_PRICE: i64 = 56;
/// Parking spaces in the two basement levels.
const SPACES: u32 = 480;
/// The building whose common water pipe leaks in the last months.
const LEAKING: u32 = 7;

/// How a unit pays, drawn once per unit.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Habit {
    /// At the desk every three months, for what is owed.
    Quarterly(u32),
    /// By bank debit each month (the unit has an agreement); the bank fails now and then.
    Bank,
    /// Once a year in January, a year ahead from prepayment.
    Yearly,
    /// Every six months, only up to six months back.
    Late(u32),
    /// Stopped paying in this month and never again.
    Stopped(Month),
    /// Unsold: the developer pays each December.
    Developer,
}

fn month_of(date: NaiveDate) -> Month {
    Month::of(date)
}

/// The property fee a unit pays per month now (for the yearly payers' prepayment).
fn monthly_estimate(area: Area, spaces: i64) -> Fen {
    let property = (area.0 * PROPERTY_FEE[1] + 50) / 100;
    Fen(property + REFUSE_FEE + spaces * PARKING_FEE)
}

pub(super) fn generate(ctx: &mut Generation<'_>) -> Result<(), StoreError> {
    let now = ctx.now;
    let today = ctx.today();
    let years = ctx.years.max(1);
    let first = month_of(today);
    let first = (0..12 * years).fold(first, |m, _| m.prev());
    let cashier = ctx
        .staff_of(Role::Cashier)
        .first()
        .map(|s| s.1.clone())
        .unwrap_or_else(|| "收费员".into());
    let setup = rec("刘洋", at(first.first_day(), 8, 0));
    standards(ctx.store, first, years, &setup)?;

    // Units, their areas and who is developer-owned.
    let mut units = Vec::with_capacity(ctx.units.len());
    for &(id, address) in &ctx.units {
        let u = ctx.store.unit(id)?;
        units.push((id, address, u.unit.area, u.unit.status));
    }
    let rng = &mut ctx.rng;
    let mut spaces_of = std::collections::HashMap::<UnitId, i64>::new();
    for n in 0..SPACES {
        let (id, ..) = *rng.pick(&units);
        let number = format!("B{}-{:03}", 1 + n / 240, 1 + n % 240);
        let taken = (rng.below(u64::from(years) * 12) as u32).min(12 * years - 1);
        let from = (0..taken).fold(first, |m, _| m.next()).first_day();
        // A few spaces are still free (not billed).
        let unit = (!rng.chance(6)).then_some(id);
        if let Some(u) = unit {
            *spaces_of.entry(u).or_default() += 1;
        }
        let space = ParkingSpace {
            id: None,
            number,
            place: format!("地下{}层", if n < 240 { "一" } else { "二" }),
            unit,
            address: None,
            plates: String::new(),
            from: unit.map(|_| from),
            note: String::new(),
        };
        ctx.store.save_parking_space(&space, &setup)?;
    }

    // Each unit's habit; bank payers sign an agreement.
    let mut habits = Vec::with_capacity(units.len());
    for &(id, address, _, status) in &units {
        let habit = if status == UnitStatus::Unsold {
            Habit::Developer
        } else {
            match rng.below(100) {
                0..=49 => Habit::Quarterly(rng.below(3) as u32),
                50..=69 => Habit::Bank,
                70..=77 => Habit::Yearly,
                78..=89 => Habit::Late(rng.below(6) as u32),
                _ => {
                    let back = 1 + rng.below(u64::from(12 * years.min(8))) as u32;
                    Habit::Stopped((0..back).fold(month_of(today), |m, _| m.prev()))
                }
            }
        };
        if habit == Habit::Bank {
            agreement(ctx.store, rng, id, address, first, &setup)?;
        }
        habits.push(habit);
    }

    // Meters are read near the month's end: the current month's are not read yet.
    readings(ctx.store, rng, &units, month_of(today).prev(), &cashier)?;

    // Month by month: the bill on the 1st, then the payments of the month.
    let mut month = first;
    loop {
        let billed_at = at(month.first_day(), 8, 30);
        if billed_at > now {
            break;
        }
        ctx.store.run_billing(month, &rec(&cashier, billed_at))?;
        let mut payments = Vec::new();
        for (&(id, _, area, _), &habit) in units.iter().zip(&habits) {
            let day = 1 + rng.below(27) as u32;
            let (through, method, prepay) = match habit {
                Habit::Quarterly(phase) if month.number() % 3 == phase => {
                    (month, desk_method(rng), Fen(0))
                }
                Habit::Bank if !rng.chance(3) => (month, PayMethod::BankDebit, Fen(0)),
                Habit::Yearly if month.number() == 1 => {
                    let spaces = spaces_of.get(&id).copied().unwrap_or(0);
                    let year = monthly_estimate(area, spaces).0 * 11;
                    (month, desk_method(rng), Fen(year))
                }
                Habit::Late(phase) if month.number() % 6 == phase => {
                    let back = (0..6).fold(month, |m, _| m.prev());
                    (back, desk_method(rng), Fen(0))
                }
                Habit::Stopped(from) if month < from && month.number() % 3 == 0 => {
                    (month, desk_method(rng), Fen(0))
                }
                Habit::Developer if month.number() == 12 => (month, PayMethod::Transfer, Fen(0)),
                _ => continue,
            };
            let day = if method == PayMethod::BankDebit {
                15
            } else {
                day
            };
            let when = at(month.first_day(), 9, 0) + chrono::Days::new(u64::from(day - 1));
            let when = when + chrono::Duration::minutes(rng.below(480) as i64);
            if when > now {
                continue;
            }
            let by = if method == PayMethod::BankDebit {
                "银行代扣"
            } else {
                &cashier
            };
            payments.push(PastPayment {
                unit: id,
                through,
                method,
                prepay,
                recorded: rec(by, when),
            });
        }
        payments.sort_by_key(|p| p.recorded.at);
        ctx.store.import_past_payments(&payments)?;
        month = month.next();
    }
    Ok(())
}

/// `date` at `hour:minute`.
fn at(date: NaiveDate, hour: u32, minute: u32) -> NaiveDateTime {
    date.and_hms_opt(hour, minute, 0).unwrap_or_default()
}

/// How someone pays at the desk.
fn desk_method(rng: &mut Rng) -> PayMethod {
    match rng.below(100) {
        0..=29 => PayMethod::Cash,
        30..=64 => PayMethod::WeChat,
        65..=84 => PayMethod::Alipay,
        85..=94 => PayMethod::Card,
        _ => PayMethod::Transfer,
    }
}

/// The office's prices from the first month; the property fee rises three years before now
/// (when the demo is that long); water and power themselves are billed by the utility
/// companies here, so only their shared part is the office's.
fn standards(
    store: &mut Store,
    first: Month,
    years: u32,
    setup: &crate::domain::staff::Recorded,
) -> Result<(), StoreError> {
    let item = |store: &Store, code: &str| store.fee_item(code);
    let price = |item: &FeeItem, from: Month, fen: i64| Price {
        item: item.id,
        unit_kind: None,
        from,
        fen: Fen(fen),
    };
    let wyf = item(store, "WYF")?;
    store.set_price(&price(&wyf, first, PROPERTY_FEE[0]), setup)?;
    if years > 3 {
        let rise = (0..12 * (years - 3)).fold(first, |m, _| m.next());
        store.set_price(&price(&wyf, rise, PROPERTY_FEE[1]), setup)?;
    }
    for (code, fen) in [
        ("LJF", REFUSE_FEE),
        ("CWF", PARKING_FEE),
        ("GTS", WATER_PRICE),
        ("GTD", POWER_PRICE),
    ] {
        let it = item(store, code)?;
        store.set_price(&price(&it, first, fen), setup)?;
    }
    for code in ["SF", "DF"] {
        let mut it = item(store, code)?;
        it.active = false;
        store.save_fee_item(&it, setup)?;
    }
    Ok(())
}

/// A bank agreement for a unit, signed when the demo starts.
fn agreement(
    store: &mut Store,
    rng: &mut Rng,
    unit: UnitId,
    address: UnitAddress,
    first: Month,
    setup: &crate::domain::staff::Recorded,
) -> Result<(), StoreError> {
    let banks = [
        ("中国工商银行郑州花园路支行", "6222"),
        ("中国建设银行郑州金水支行", "6217"),
        ("中国农业银行郑州经三路支行", "6228"),
    ];
    let (bank, prefix) = *rng.pick(&banks);
    let account = (0..15).fold(prefix.to_string(), |mut s, _| {
        s.push(char::from(b'0' + rng.below(10) as u8));
        s
    });
    let holder = store
        .people_of(unit)?
        .into_iter()
        .next()
        .map(|p| p.person.name)
        .unwrap_or_else(|| format!("{}业主", address.short()));
    store.save_bank_agreement(
        &BankAgreement {
            id: None,
            unit,
            address: None,
            bank: bank.into(),
            holder,
            account,
            signed_on: first.first_day().with_day(3).unwrap_or(first.first_day()),
            ended_on: None,
        },
        setup,
    )
}

/// Thirteen months of meter readings up to `last`: every unit's water and power and each
/// building's master meters, the master reading the units' use plus a common loss of 4–8% —
/// and 12–16% for the water of the leaking building in the last three months.
fn readings(
    store: &mut Store,
    rng: &mut Rng,
    units: &[(UnitId, UnitAddress, Area, UnitStatus)],
    last: Month,
    reader: &str,
) -> Result<(), StoreError> {
    let first = (0..12).fold(last, |m, _| m.prev());
    const METERS: [Meter; 2] = [Meter::Water, Meter::Power];
    let mut totals = std::collections::BTreeMap::<(u32, usize), i64>::new();
    let mut values: Vec<[i64; 2]> = units
        .iter()
        .map(|_| {
            [
                rng.below(400_000) as i64 * 10,
                rng.below(2_000_000) as i64 * 10,
            ]
        })
        .collect();
    let mut masters = std::collections::BTreeMap::<(u32, usize), i64>::new();
    let mut month = first;
    for step in 0..13 {
        let day = month
            .last_day()
            .min(month.first_day() + chrono::Days::new(24));
        let mut batch = Vec::with_capacity(units.len() * 2 + 40);
        for (i, &(id, address, _, status)) in units.iter().enumerate() {
            let lived_in = matches!(status, UnitStatus::Occupied | UnitStatus::Rented);
            for (k, meter) in METERS.into_iter().enumerate() {
                let used = match (step, lived_in, meter) {
                    (0, ..) => 0,
                    (_, true, Meter::Water) => 2_000 + rng.below(10_000) as i64,
                    (_, true, Meter::Power) => 8_000 + rng.below(32_000) as i64,
                    (_, false, _) => rng.below(300) as i64,
                };
                values[i][k] += used;
                *totals.entry((address.building, k)).or_default() += used;
                batch.push(NewReading {
                    building: address.building,
                    unit: Some(id),
                    meter,
                    month,
                    reading: values[i][k],
                    read_on: day,
                });
            }
        }
        for (&(building, k), used) in &totals {
            let meter = METERS[k];
            let leak = building == LEAKING && meter == Meter::Water && step >= 10;
            let loss = if leak {
                12 + rng.below(5)
            } else {
                4 + rng.below(5)
            } as i64;
            let master = masters.entry((building, k)).or_insert(10_000_000);
            if step > 0 {
                *master += used * 100 / (100 - loss);
            }
            batch.push(NewReading {
                building,
                unit: None,
                meter,
                month,
                reading: *master,
                read_on: day,
            });
        }
        totals.values_mut().for_each(|v| *v = 0);
        let at = at(day, 10, 0);
        store.record_readings(&batch, &rec(reader, at))?;
        month = month.next();
    }
    Ok(())
}
