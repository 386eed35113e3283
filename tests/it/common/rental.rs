//! 房屋代租's shared cast: 7-2-1901, vacant, entrusted by its owner 王建国, and the lease to 李四.

use super::{clerk, owner, temp_store, unit};
use chrono::{NaiveDate, NaiveDateTime};
use wuye_desk::domain::bank_account::BankAccount;
use wuye_desk::domain::rental::{
    Commission, Entrustment, EntrustmentId, Lease, OwnerBank, PaymentCycle, Purpose,
};
use wuye_desk::domain::staff::Recorded;
use wuye_desk::domain::unit::{UnitId, UnitStatus};
use wuye_desk::domain::{Fen, Mobile, ResidentId};
use wuye_desk::store::Store;

/// A day of the story.
pub fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// A moment of the story, on the hour.
pub fn at(y: i32, m: u32, d: u32, h: u32) -> NaiveDateTime {
    day(y, m, d).and_hms_opt(h, 0, 0).unwrap()
}

/// Recorded at `t` (the store names the person signed in).
pub fn rec(t: NaiveDateTime) -> Recorded {
    Recorded { at: t, ..clerk() }
}

/// 7-2-1901, vacant, its owner 王建国; entrusted on 30 November 2026 for a year at ¥3,000.00 a
/// month, half a month's rent as commission.
pub fn entrusted() -> (tempfile::TempDir, Store, UnitId, EntrustmentId) {
    let (dir, mut store) = temp_store();
    let mut u = unit("7-2-1901");
    u.status = UnitStatus::Vacant;
    let id = store.add_unit(&u, &clerk()).unwrap();
    let person = store
        .add_person(id, &owner("王建国", "13812345678"), &clerk())
        .unwrap();
    let e = Entrustment {
        unit: id,
        address: u.address,
        owner_name: "王建国".into(),
        person: Some(person.0),
        owner_phone: Mobile::parse("13812345678").ok(),
        asking_rent: Fen(300_000),
        deposit_terms: "押一付三".into(),
        furnishings: vec!["空调".into(), "冰箱".into()],
        available_from: day(2026, 12, 1),
        period_from: day(2026, 11, 30),
        period_to: day(2027, 11, 29),
        commission: Commission::Rate(5000),
        bank: Some(OwnerBank {
            bank: "中国工商银行郑州花园路支行".into(),
            holder: "王建国".into(),
            account: BankAccount::parse("6222021234567890123").unwrap(),
        }),
        note: String::new(),
    };
    let (rid, number) = store.entrust_rental(&e, &rec(at(2026, 11, 30, 9))).unwrap();
    assert_eq!(number.to_string(), "DZ-202611-0001");
    (dir, store, id, rid)
}

/// The lease to 李四 from `starts` to `ends` at ¥2,800.00 a month, paid quarterly, two people.
pub fn lease(starts: NaiveDate, ends: NaiveDate) -> Lease {
    Lease {
        tenant: "李四".into(),
        id_number: ResidentId::parse("11010519491231002X").unwrap(),
        phone: Mobile::parse("13912345678").unwrap(),
        occupants: 2,
        purpose: Purpose::Home,
        rent: Fen(280_000),
        deposit: Fen(280_000),
        cycle: PaymentCycle::Quarterly,
        starts_on: starts,
        ends_on: ends,
    }
}
