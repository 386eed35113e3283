//! Helpers shared by the integration tests.
#![allow(dead_code)]

pub mod demo_year;
pub mod fees;
pub mod november;
pub mod renovation;
pub mod rental;
pub mod stats_estate;
pub mod ui;

use std::path::PathBuf;

use wuye_desk::domain::person::{Person, Relation};
use wuye_desk::domain::staff::{Recorded, Role, Staff, StaffId};
use wuye_desk::domain::unit::{Unit, UnitStatus};
use wuye_desk::domain::{Area, Mobile, ResidentId, UnitAddress};
use wuye_desk::store::Store;

/// A database file in a fresh temporary folder (kept alive by the returned guard).
pub fn temp_db() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("desk.sqlite3");
    (dir, path)
}

/// The PIN every test account gets.
pub const PIN: &str = "2468";

/// The supervisor every [`temp_store`] starts with (named as [`clerk`] names the desk).
pub const SUPERVISOR: &str = "测试员";

/// A fresh store on a temporary file: no accounts, nobody signed in.
pub fn fresh_store() -> (tempfile::TempDir, Store) {
    let (dir, path) = temp_db();
    let store = Store::open(&path).expect("open");
    (dir, store)
}

/// A store on a temporary file whose first account, the supervisor 测试员, is signed in.
pub fn temp_store() -> (tempfile::TempDir, Store) {
    let (dir, mut store) = fresh_store();
    store
        .set_up_supervisor(SUPERVISOR, None, PIN, clerk().at)
        .expect("first supervisor");
    (dir, store)
}

/// Adds `name` in `role` to the staff (no PIN yet), as the supervisor signed in.
pub fn add_staff(store: &mut Store, name: &str, role: Role) -> StaffId {
    store
        .add_staff(
            &Staff {
                name: name.into(),
                role,
                phone: None,
                active: true,
            },
            &clerk(),
        )
        .expect("add staff")
}

/// Signs `store` in as `name` in `role`, adding the account (by the supervisor, PIN [`PIN`])
/// if there is none yet.
pub fn sign_in_as(store: &mut Store, name: &str, role: Role) -> StaffId {
    let found = store
        .staff()
        .expect("staff")
        .into_iter()
        .find(|s| s.staff.name == name && s.staff.active)
        .map(|s| s.id);
    let id = match found {
        Some(id) if store.has_secret(id).expect("account") => id,
        found => {
            let boss = store
                .staff()
                .expect("staff")
                .into_iter()
                .find(|s| s.staff.name == SUPERVISOR)
                .expect("the test supervisor")
                .id;
            store
                .sign_in(boss, PIN, clerk().at)
                .expect("supervisor signs in");
            let id = found.unwrap_or_else(|| add_staff(store, name, role));
            store.set_secret(id, PIN, &clerk()).expect("PIN");
            id
        }
    };
    store.sign_in(id, PIN, clerk().at).expect("sign in");
    id
}

/// Someone at the desk.
pub fn clerk() -> Recorded {
    Recorded {
        by: None,
        by_name: "测试员".into(),
        at: chrono::NaiveDate::from_ymd_opt(2026, 11, 29)
            .unwrap()
            .and_hms_opt(9, 30, 0)
            .unwrap(),
    }
}

/// A temporary store with 张敏, a receptionist with a PIN, on the staff; the supervisor is
/// still signed in.
pub fn staffed_store() -> (tempfile::TempDir, Store) {
    let (dir, mut store) = temp_store();
    sign_in_as(&mut store, "张敏", Role::Receptionist);
    sign_in_as(&mut store, SUPERVISOR, Role::Supervisor);
    (dir, store)
}

/// A unit at `address` of 89.50 m².
pub fn unit(address: &str) -> Unit {
    Unit {
        address: UnitAddress::parse(address).expect("address"),
        area: Area(8950),
        status: UnitStatus::Occupied,
        note: String::new(),
    }
}

/// A valid fictional ID number born on `yyyymmdd`.
pub fn id_number(region: &str, yyyymmdd: &str, seq: u32) -> ResidentId {
    let first17 = format!("{region}{yyyymmdd}{seq:03}");
    let check = ResidentId::check_char(&first17).expect("17 digits");
    ResidentId::parse(&format!("{first17}{check}")).expect("valid id")
}

/// An owner with a phone and an ID number.
pub fn owner(name: &str, phone: &str) -> Person {
    Person {
        name: name.into(),
        phone: Some(Mobile::parse(phone).expect("phone")),
        id_number: Some(id_number("410105", "19800101", 12)),
        relation: Relation::Owner,
        move_in: None,
        emergency_contact: String::new(),
        emergency_phone: None,
        note: String::new(),
    }
}

/// The two keys of 5-1-0301 on hook A-001 in 钥匙柜1号, as most key tests hang them.
pub fn key_of_0301() -> wuye_desk::domain::keys::UnitKey {
    wuye_desk::domain::keys::UnitKey {
        unit: UnitAddress::parse("5-1-0301").ok(),
        place: String::new(),
        hook: "A-001".into(),
        count: 2,
        location: "钥匙柜1号".into(),
    }
}

/// A database at `path` as it was just before the migration whose SQL contains `marker`: every
/// earlier migration run, the version and application id set. Returns the open connection, for
/// the old rows a test then inserts before the store upgrades the file.
pub fn db_before_migration(path: &std::path::Path, marker: &str) -> rusqlite::Connection {
    use wuye_desk::store::{APPLICATION_ID, MIGRATIONS};
    let before = MIGRATIONS
        .iter()
        .position(|m| m.contains(marker))
        .expect("a migration with that text");
    let conn = rusqlite::Connection::open(path).unwrap();
    for sql in &MIGRATIONS[..before] {
        conn.execute_batch(sql).unwrap();
    }
    conn.pragma_update(None, "user_version", before as i64)
        .unwrap();
    conn.pragma_update(None, "application_id", APPLICATION_ID)
        .unwrap();
    conn
}

/// The role each name of the tests' cast holds (the demo's staff, and the test supervisor).
pub fn role_of(name: &str) -> Role {
    match name {
        "王强" | "赵磊" => Role::ServiceOfficer,
        "刘洋" | SUPERVISOR => Role::Supervisor,
        "吴勇" => Role::Guard,
        "郑军" => Role::KeyKeeper,
        "陈刚" | "杨帆" => Role::Technician,
        "黄涛" => Role::TeamLead,
        "周静" => Role::Cashier,
        _ => Role::Receptionist,
    }
}

/// `name` (of the cast, [`role_of`]) takes over the desk: the store's next writes are theirs.
pub fn signs_in(store: &mut Store, name: &str) -> StaffId {
    sign_in_as(store, name, role_of(name))
}

/// Opens the database at `path` with the test supervisor signed in (their account set up on a
/// fresh file).
pub fn open_signed_in(path: &std::path::Path) -> Store {
    let mut store = Store::open(path).expect("open");
    if store.needs_first_supervisor().expect("accounts") {
        store
            .set_up_supervisor(SUPERVISOR, None, PIN, clerk().at)
            .expect("first supervisor");
    } else {
        signs_in(&mut store, SUPERVISOR);
    }
    store
}
