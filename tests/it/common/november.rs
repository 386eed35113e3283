//! The month the item-release and key tests take place in: November 2026, its times, and a store
//! with the two units they use.

use chrono::{NaiveDate, NaiveDateTime};
use wuye_desk::domain::Month;
use wuye_desk::domain::staff::Recorded;
use wuye_desk::store::Store;

use super::{clerk, temp_store, unit};

/// `d` November 2026 at `h:m`.
pub fn at(d: u32, h: u32, m: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 11, d)
        .unwrap()
        .and_hms_opt(h, m, 0)
        .unwrap()
}

/// November 2026.
pub fn nov() -> Month {
    Month::new(2026, 11).unwrap()
}

/// `name` at the desk at `t`.
pub fn by(name: &str, t: NaiveDateTime) -> Recorded {
    Recorded {
        by: None,
        by_name: name.into(),
        at: t,
    }
}

/// A store with 3-2-1502 and 5-1-0301 registered.
pub fn store_with_units() -> (tempfile::TempDir, Store) {
    let (dir, mut store) = temp_store();
    for a in ["3-2-1502", "5-1-0301"] {
        store.add_unit(&unit(a), &clerk()).unwrap();
    }
    (dir, store)
}
