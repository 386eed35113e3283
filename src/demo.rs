//! A realistic demo estate: about 3,000 units over twenty buildings, owners with valid fictional
//! ID numbers and phones, and the office's staff. Deterministic, so every demo looks the same.

use chrono::NaiveDate;

use crate::domain::person::{Person, Relation};
use crate::domain::roster::RosterRecord;
use crate::domain::settings::Office;
use crate::domain::staff::{Recorded, Role, Staff};
use crate::domain::unit::UnitStatus;
use crate::domain::{Area, Mobile, ResidentId, UnitAddress};
use crate::store::{Store, StoreError};

/// A small deterministic generator (SplitMix64): the demo needs variety, not cryptography.
pub(crate) struct Rng(pub(crate) u64);

impl Rng {
    pub(crate) fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    pub(crate) fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }

    pub(crate) fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }

    pub(crate) fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }
}

const SURNAMES: &[&str] = &[
    "王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "胡", "朱", "高", "林",
    "何", "郭", "马", "罗", "梁", "宋", "郑", "谢", "韩", "唐", "冯", "于", "董", "萧", "程", "曹",
    "袁", "邓", "许", "傅", "沈", "曾", "彭", "吕", "苏", "卢", "蒋", "蔡", "贾", "丁", "魏", "薛",
    "叶", "阎",
];
const GIVEN: &[&str] = &[
    "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明",
    "超", "秀英", "霞", "平", "刚", "桂英", "建华", "文", "华", "建国", "红", "志强", "海燕",
    "俊杰", "晓东", "雪梅", "子涵", "浩然", "欣怡", "宇航", "思远", "梓萱", "一鸣", "佳琪", "国庆",
    "春燕", "玉兰",
];
/// Area codes of Henan cities, where the office's procedure comes from.
const REGIONS: &[&str] = &[
    "410102", "410103", "410105", "410122", "410181", "410301", "410402", "410702",
];
const PHONE_PREFIXES: &[&str] = &[
    "135", "136", "137", "138", "139", "150", "151", "158", "186", "187", "188", "177", "199",
];

pub(crate) fn name(rng: &mut Rng) -> String {
    format!("{}{}", rng.pick(SURNAMES), rng.pick(GIVEN))
}

pub(crate) fn mobile(rng: &mut Rng) -> Option<Mobile> {
    Mobile::parse(&format!(
        "{}{:08}",
        rng.pick(PHONE_PREFIXES),
        rng.below(100_000_000)
    ))
    .ok()
}

pub(crate) fn resident_id(rng: &mut Rng) -> Option<ResidentId> {
    let year = 1945 + rng.below(58) as i32;
    let birth =
        NaiveDate::from_ymd_opt(year, 1, 1)?.checked_add_days(chrono::Days::new(rng.below(365)))?;
    let first17 = format!(
        "{}{}{:03}",
        rng.pick(REGIONS),
        birth.format("%Y%m%d"),
        rng.below(1000)
    );
    let check = ResidentId::check_char(&first17)?;
    ResidentId::parse(&format!("{first17}{check}")).ok()
}

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

fn staff_list() -> Vec<Staff> {
    let s = |name: &str, role, phone: &str| Staff {
        name: name.to_string(),
        role,
        phone: Mobile::parse(phone).ok(),
        active: true,
    };
    vec![
        s("张敏", Role::Receptionist, "13803710001"),
        s("李娜", Role::Receptionist, "13803710002"),
        s("王强", Role::ServiceOfficer, "13803710003"),
        s("赵磊", Role::ServiceOfficer, "13803710004"),
        s("刘洋", Role::Supervisor, "13803710005"),
        s("陈刚", Role::Technician, "13803710006"),
        s("杨帆", Role::Technician, "13803710007"),
        s("黄涛", Role::TeamLead, "13803710008"),
        s("周静", Role::Cashier, "13803710009"),
        s("吴勇", Role::Guard, "13803710010"),
        s("郑军", Role::KeyKeeper, "13803710011"),
    ]
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

/// Fills an empty store with the demo estate. `years` of records are generated for each tab
/// that keeps records; the register itself has no history beyond its entries.
pub fn build(store: &mut Store, years: u32) -> Result<(), StoreError> {
    let mut rng = Rng(20_261_129);
    store.save_office(&Office {
        company: "锦华物业服务有限公司 锦华苑管理处".to_string(),
        estate: "锦华苑".to_string(),
        phone: "0371-65881234".to_string(),
        address: "郑州市金水区花园路88号".to_string(),
        print_folder: String::new(),
    })?;
    for s in staff_list() {
        store.add_staff(&s)?;
    }
    let now = crate::domain::date::now_local();
    // The register was filled before the years of records that follow, so each unit's history
    // starts with its registration.
    let rec = Recorded {
        by: None,
        by_name: "演示数据".to_string(),
        at: now - chrono::Days::new(366 * u64::from(years.max(1))),
    };
    let rows = roster(&mut rng);
    store.import_roster(&rows, &rec)?;
    crate::demo_gate::generate(store, years, &mut rng)?;
    crate::demo_vacancy::generate(store, years, now.date())?;
    crate::demo_repairs::generate(store, years)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_estate_has_about_three_thousand_units_and_the_units_the_issues_name() {
        let rows = roster(&mut Rng(1));
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
