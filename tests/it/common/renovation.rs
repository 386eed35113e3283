//! 装修管理's shared cast: 5-1-0301, handed over and vacant, its owner 赵丽; the office's prices
//! for the deposit (¥2,000.00), the management fee (¥600.00) and the rubbish removal (¥400.00);
//! the receptionist 张敏, the cashier 孙丽, the service officer 周强, the technician 陈刚.

use super::rental::{at, day};
use super::{PIN, SUPERVISOR, add_staff, clerk, id_number, owner, sign_in_as, temp_store, unit};
use chrono::NaiveDateTime;
use wuye_desk::domain::fees::{PayMethod, Price};
use wuye_desk::domain::renovation::{
    Application, Contractor, InspectionItem, Paper, RenovationId, STANDARD_ITEMS, WorkKind, Worker,
};
use wuye_desk::domain::staff::{Recorded, Role, StaffId};
use wuye_desk::domain::unit::{UnitId, UnitStatus};
use wuye_desk::domain::{Fen, Mobile, Month};
use wuye_desk::store::{Payment, Store};

/// Recorded at `t` (the store names the person signed in).
pub fn rec(t: NaiveDateTime) -> Recorded {
    Recorded { at: t, ..clerk() }
}

/// The estate of the story, the receptionist signed in; returns the unit and the technician.
pub fn estate() -> (tempfile::TempDir, Store, UnitId, StaffId) {
    let (dir, mut store) = temp_store();
    let mut u = unit("5-1-0301");
    u.status = UnitStatus::Vacant;
    let id = store.add_unit(&u, &clerk()).unwrap();
    store
        .add_person(id, &owner("赵丽", "13812345678"), &clerk())
        .unwrap();
    for (code, fen) in [("ZXBZJ", 200_000), ("ZXGLF", 60_000), ("ZXLJF", 40_000)] {
        let item = store.fee_item(code).unwrap();
        let price = Price {
            item: item.id,
            unit_kind: None,
            from: Month::new(2026, 11).unwrap(),
            fen: Fen(fen),
        };
        store.set_price(&price, &clerk()).unwrap();
    }
    let tech = add_staff(&mut store, "陈刚", Role::Technician);
    for (name, role) in [
        ("孙丽", Role::Cashier),
        ("周强", Role::ServiceOfficer),
        ("张敏", Role::Receptionist),
    ] {
        sign_in_as(&mut store, name, role);
    }
    (dir, store, id, tech)
}

/// The supervisor's account.
pub fn supervisor(store: &Store) -> StaffId {
    store
        .staff()
        .unwrap()
        .into_iter()
        .find(|s| s.staff.name == SUPERVISOR)
        .unwrap()
        .id
}

/// Signs in `name` (an account made by [`estate`]).
pub fn as_(store: &mut Store, name: &str) {
    let id = store
        .staff()
        .unwrap()
        .into_iter()
        .find(|s| s.staff.name == name)
        .unwrap()
        .id;
    store.sign_in(id, PIN, clerk().at).unwrap();
}

/// 赵丽's application for 5-1-0301: plumbing then carpentry from 5 December.
pub fn application(unit: UnitId) -> Application {
    Application {
        unit,
        address: wuye_desk::domain::UnitAddress::parse("5-1-0301").unwrap(),
        owner_name: "赵丽".into(),
        person: None,
        owner_phone: Mobile::parse("13812345678").ok(),
        contractor: Contractor {
            company: "郑州安居装饰工程有限公司".into(),
            licence_no: "91410100MA44K3XQ1T".into(),
            qualification: "建筑装修装饰工程专业承包二级".into(),
            person_in_charge: "王工".into(),
            phone: Mobile::parse("13912345678").unwrap(),
        },
        workers: vec![Worker {
            name: "李师傅".into(),
            id_number: id_number("410105", "19780412", 31),
            phone: Mobile::parse("13700001111").unwrap(),
            trade: "水电工".into(),
        }],
        planned_start: day(2026, 12, 5),
        planned_end: day(2027, 1, 20),
        kinds: vec![WorkKind::Plumbing, WorkKind::Carpentry],
        note: String::new(),
    }
}

/// The second inspection's standard items, `failing` (with its note) not passed.
pub fn items(failing: Option<(&str, &str)>) -> Vec<InspectionItem> {
    STANDARD_ITEMS
        .iter()
        .map(|n| {
            let fails = failing.filter(|(f, _)| f == n);
            InspectionItem {
                name: (*n).to_string(),
                passed: fails.is_none(),
                note: fails.map(|(_, note)| note.to_string()).unwrap_or_default(),
            }
        })
        .collect()
}

/// The cashier takes the renovation's open lines at `t` (as 孙丽), then 张敏 is back.
pub fn pay(store: &mut Store, unit: UnitId, t: NaiveDateTime) {
    as_(store, "孙丽");
    let lines = store
        .fee_account(unit)
        .unwrap()
        .open
        .iter()
        .map(|l| l.id)
        .collect();
    let payment = Payment {
        unit,
        lines,
        method: PayMethod::WeChat,
        tendered: None,
        prepay: Fen(0),
        payer: "赵丽".into(),
        note: String::new(),
    };
    store.take_payment(&payment, &rec(t)).unwrap();
    as_(store, "张敏");
}

/// A renovation taken with no trouble to 待退保证金 (复验 passed), by 4 December.
pub fn accepted(store: &mut Store, unit: UnitId) -> RenovationId {
    let r = |d: u32, h: u32| rec(at(2026, 12, d, h));
    let mut a = application(unit);
    a.planned_start = day(2026, 12, 1);
    let (id, _) = store.apply_renovation(&a, &r(1, 9)).unwrap();
    store
        .receive_renovation_papers(id, Paper::ALL, day(2026, 12, 1), &r(1, 9))
        .unwrap();
    store
        .second_inspection(id, &items(None), at(2026, 12, 1, 10), &r(1, 10))
        .unwrap();
    store.bill_renovation(id, &r(1, 10)).unwrap();
    pay(store, unit, at(2026, 12, 1, 11));
    store.issue_renovation_permit(id, &r(1, 11)).unwrap();
    store
        .finish_renovation_work(id, day(2026, 12, 2), &r(2, 17))
        .unwrap();
    use wuye_desk::domain::renovation::AcceptanceRound;
    for (round, d) in [(AcceptanceRound::Initial, 3), (AcceptanceRound::Final, 4)] {
        store
            .record_acceptance(id, round, true, "", &r(d, 10))
            .unwrap();
    }
    id
}
