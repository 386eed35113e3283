//! A realistic demo estate: about 3,000 units over twenty buildings (and 21号楼, delivered six
//! weeks ago), owners with valid fictional
//! ID numbers and phones, and the office's staff; then `years` of records for each tab that keeps
//! them. Deterministic, so every demo looks the same.
//!
//! [`build`] fills the register here, then runs each tab's generator: one file per tab
//! (`gate.rs`, `keys.rs`, `rental.rs`, `vacancy.rs`, `repairs.rs`, `feedback.rs`, `lostfound.rs`,
//! `movein/`, `fees.rs`), each with the same
//! `generate(&mut Generation) -> Result<(), StoreError>`. Tabs never import each other; what two
//! of them share lives in `helpers.rs`, and the one random source in `rng.rs`.

mod feedback;
mod fees;
mod gate;
mod helpers;
mod keys;
mod lostfound;
mod movein;
mod renovation;
mod rental;
mod repairs;
mod rng;
mod vacancy;

use chrono::{NaiveDate, NaiveDateTime};

use crate::domain::person::{Person, Relation};
use crate::domain::roster::RosterRecord;
use crate::domain::settings::Office;
use crate::domain::staff::{Recorded, Role, Staff, StaffId};
use crate::domain::unit::{UnitId, UnitStatus};
use crate::domain::{Area, Mobile, SearchQuery, UnitAddress};
use crate::store::{StaffRecord, Store, StoreError};
use helpers::{mobile, name, resident_id};
use rng::Rng;

/// A group of alike buildings.
struct Block {
    buildings: std::ops::RangeInclusive<u32>,
    entrances: u32,
    floors: u32,
    doors: u32,
    /// Floor plans by door, in 0.01 m².
    plans: &'static [i64],
}

/// The estate: high-rises, mid-rises and low-rise 洋房.
const LAYOUT: &[Block] = &[
    Block {
        buildings: 1..=8,
        entrances: 2,
        floors: 28,
        doors: 4,
        plans: &[8950, 11236, 12780, 14380],
    },
    Block {
        buildings: 9..=14,
        entrances: 3,
        floors: 20,
        doors: 2,
        plans: &[9862, 13415],
    },
    Block {
        buildings: 15..=20,
        entrances: 3,
        floors: 11,
        doors: 2,
        plans: &[14426, 16890],
    },
];

/// The demo's staff and their PINs (README.md lists them, so a newcomer can sign in at once).
pub const STAFF: &[(&str, Role, &str, &str)] = &[
    ("张敏", Role::Receptionist, "13803710001", "1111"),
    ("李娜", Role::Receptionist, "13803710002", "2222"),
    ("王强", Role::ServiceOfficer, "13803710003", "3333"),
    ("赵磊", Role::ServiceOfficer, "13803710004", "4444"),
    ("刘洋", Role::Supervisor, "13803710005", "5555"),
    ("陈刚", Role::Technician, "13803710006", "6666"),
    ("杨帆", Role::Technician, "13803710007", "7777"),
    ("黄涛", Role::TeamLead, "13803710008", "8888"),
    ("周静", Role::Cashier, "13803710009", "9999"),
    ("吴勇", Role::Guard, "13803710010", "1010"),
    ("郑军", Role::KeyKeeper, "13803710011", "1212"),
];

fn staff_list() -> Vec<Staff> {
    STAFF
        .iter()
        .map(|&(name, role, phone, _)| Staff {
            name: name.to_string(),
            role,
            phone: Mobile::parse(phone).ok(),
            active: true,
        })
        .collect()
}

/// The estate's units and people as roster rows, so the demo goes through the same import path
/// as a real office's spreadsheet.
fn roster(rng: &mut Rng) -> Vec<RosterRecord> {
    let mut rows = Vec::new();
    let handover = NaiveDate::from_ymd_opt(2016, 9, 1).unwrap_or_default();
    for Block {
        buildings,
        entrances,
        floors,
        doors,
        plans,
    } in LAYOUT
    {
        for building in buildings.clone() {
            for entrance in 1..=*entrances {
                for floor in 1..=*floors {
                    for door in 1..=*doors {
                        let Ok(address) = UnitAddress::new(building, entrance, floor * 100 + door)
                        else {
                            continue;
                        };
                        let area = Area(plans[(door as usize - 1) % plans.len()]);
                        let status = match rng.below(100) {
                            0..=4 => UnitStatus::Unsold,
                            5..=14 => UnitStatus::Vacant,
                            15..=18 => UnitStatus::Renovating,
                            19..=24 => UnitStatus::Rented,
                            _ => UnitStatus::Occupied,
                        };
                        let row = rows.len() + 2;
                        if status == UnitStatus::Unsold {
                            rows.push(RosterRecord {
                                sheet: String::new(),
                                row,
                                address,
                                area: Some(area),
                                status: Some(status),
                                person: None,
                            });
                            continue;
                        }
                        let owners = if rng.below(100) < 35 { 2 } else { 1 };
                        let mut people = Vec::new();
                        for _ in 0..owners {
                            people.push((Relation::Owner, name(rng)));
                        }
                        if status == UnitStatus::Rented {
                            people.push((Relation::Tenant, name(rng)));
                        }
                        for (i, (relation, person_name)) in people.into_iter().enumerate() {
                            let move_in =
                                handover.checked_add_days(chrono::Days::new(rng.below(3000)));
                            let person = Person {
                                name: person_name,
                                phone: mobile(rng),
                                id_number: if relation == Relation::Owner {
                                    resident_id(rng)
                                } else {
                                    None
                                },
                                relation,
                                move_in: (status != UnitStatus::Vacant)
                                    .then_some(move_in)
                                    .flatten(),
                                emergency_contact: if rng.below(3) == 0 {
                                    name(rng)
                                } else {
                                    String::new()
                                },
                                emergency_phone: if rng.below(3) == 0 { mobile(rng) } else { None },
                                note: String::new(),
                            };
                            rows.push(RosterRecord {
                                sheet: String::new(),
                                row: rows.len() + 2,
                                address,
                                area: (i == 0).then_some(area),
                                status: Some(status),
                                person: Some(person),
                            });
                        }
                    }
                }
            }
        }
    }
    rows
}

/// What every tab's generator works with. [`build`] makes one after the register is filled and
/// hands it to each tab in turn, reseeding `rng` for each so one tab's changes leave the other
/// tabs' records as they were. Private to `demo`, so only the tabs (its submodules) see it.
struct Generation<'a> {
    /// The store being filled; each tab writes its records through one bulk store function.
    store: &'a mut Store,
    /// The tab's own random stream.
    rng: Rng,
    /// How many years of records to make, ending now.
    years: u32,
    /// The moment the demo is built: records stop here, and some are still open or overdue.
    now: NaiveDateTime,
    /// Every unit of the estate, in address order.
    units: Vec<(UnitId, UnitAddress)>,
    /// The office's staff.
    staff: Vec<StaffRecord>,
}

/// A tab's generator: adds its records to `ctx.store`.
type Generator = fn(&mut Generation<'_>) -> Result<(), StoreError>;

impl Generation<'_> {
    /// Today, the date of [`Generation::now`].
    fn today(&self) -> NaiveDate {
        self.now.date()
    }

    /// The active staff in `role`, with their ids.
    fn staff_of(&self, role: Role) -> Vec<(StaffId, String)> {
        self.staff
            .iter()
            .filter(|s| s.staff.role == role && s.staff.active)
            .map(|s| (s.id, s.staff.name.clone()))
            .collect()
    }

    /// Runs one tab's generator on its own random stream, started from `seed`.
    fn run(&mut self, seed: u64, generate: Generator) -> Result<(), StoreError> {
        self.rng = Rng::new(seed);
        generate(self)
    }
}

/// Every unit in the store, in address order.
fn all_units(store: &Store) -> Result<Vec<(UnitId, UnitAddress)>, StoreError> {
    let mut units = Vec::new();
    for page in 0.. {
        let p = store.search_units(&SearchQuery::All, page, 500)?;
        let pages = p.pages();
        units.extend(p.rows.into_iter().map(|r| (r.unit.id, r.unit.unit.address)));
        if page + 1 >= pages {
            break;
        }
    }
    Ok(units)
}

/// Fills an empty store with the demo estate. `years` of records are generated for each tab
/// that keeps records; the register itself has no history beyond its entries.
pub fn build(store: &mut Store, years: u32) -> Result<(), StoreError> {
    // The history is generated, not anyone's work at the desk: it is written with no one signed
    // in and no roles asked, through the same write path, so the audit log holds the years of
    // history under the names the demo gives (and a last row saying what was built).
    store.begin_history()?;
    let now = crate::domain::date::now_local();
    let setup = Recorded {
        by: None,
        by_name: "演示数据".to_string(),
        at: now,
    };
    store.save_office(
        &Office {
            company: "锦华物业服务有限公司 锦华苑管理处".to_string(),
            estate: "锦华苑".to_string(),
            phone: "0371-65881234".to_string(),
            address: "郑州市金水区花园路88号".to_string(),
            print_folder: String::new(),
        },
        &setup,
    )?;
    let mut pins = Vec::new();
    for (s, &(.., pin)) in staff_list().iter().zip(STAFF) {
        pins.push((store.add_staff(s, &setup)?, pin.to_string()));
    }
    // The register was filled before the years of records that follow, so each unit's history
    // starts with its registration.
    let rec = Recorded {
        by: None,
        by_name: "演示数据".to_string(),
        at: now - chrono::Days::new(366 * u64::from(years.max(1))),
    };
    store.import_roster(&roster(&mut Rng::new(20_261_129)), &rec)?;
    let mut ctx = Generation {
        units: all_units(store)?,
        staff: store.staff()?,
        store,
        rng: Rng::new(0),
        years,
        now,
    };
    // One line per tab that keeps records: its generator and its seed.
    ctx.run(0x6A7E, gate::generate)?;
    ctx.run(0x6B3E, keys::generate)?;
    // Before the vacancy walks and the bills: a unit let through the office is 出租 now, not
    // vacant, and its tenant's household uses water and power.
    ctx.run(0x0D2_0C15, rental::generate)?;
    ctx.run(0x5_1A_C7, vacancy::generate)?;
    ctx.run(3_202_611, repairs::generate)?;
    // After the repairs: some of their orders came in as calls classified 报修.
    ctx.run(0x0FEE_DBAC, feedback::generate)?;
    ctx.run(0x105_7F0D, lostfound::generate)?;
    // The cases of owners who moved in years ago, from paper: before any bill or bank agreement.
    ctx.run(0x004D_0E1A, movein::history)?;
    // After the move-ins (a unit handed over may be renovated), before the bills: the
    // renovations' deposits and fees are paid at the cashier as they happened.
    ctx.run(0x2E_0F14, renovation::generate)?;
    // The passes above were approved before any bill existed, as an office starting to use the
    // fees tab finds its old passes.
    ctx.run(0xFEE5, fees::generate)?;
    // Last: 21号楼, delivered six weeks ago, has no history in the other tabs.
    ctx.run(0x004D_0E21, movein::delivered)?;
    store.end_history(
        &pins,
        now,
        &format!("生成演示小区（{years}年的记录）；操作日志从此开始"),
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_estate_has_about_three_thousand_units_and_the_units_the_issues_name() {
        let rows = roster(&mut Rng::new(1));
        let units: std::collections::HashSet<_> = rows.iter().map(|r| r.address).collect();
        assert!(
            (2800..=3300).contains(&units.len()),
            "{} units",
            units.len()
        );
        for key in ["3-2-1502", "5-1-0301"] {
            let a = UnitAddress::parse(key).expect("address");
            assert!(units.contains(&a), "{key} missing");
        }
        let ids = rows
            .iter()
            .filter_map(|r| r.person.as_ref()?.id_number.as_ref())
            .count();
        assert!(ids > 2000, "only {ids} owners with ID numbers");
    }
}
