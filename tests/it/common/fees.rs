//! FIXTURES for the fees tests: bill lines written straight into the test's database file with
//! plain rusqlite, as the billing run would leave them, so payments, the bank and arrears can be
//! tested on their own (never a model of how the desk bills: that is `Store::run_billing`); and
//! a bank agreement on file.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use wuye_desk::domain::fees::LineId;
use wuye_desk::domain::unit::UnitId;
use wuye_desk::domain::{Month, UnitAddress};
use wuye_desk::store::{BankAgreement, Store};

use super::clerk;

/// The database file of a store made by [`super::temp_store`] or [`super::fresh_store`].
pub fn db_file(dir: &tempfile::TempDir) -> PathBuf {
    dir.path().join("desk.sqlite3")
}

/// FIXTURE, not the billing run: inserts one open bill line of `fen` per month for the unit at
/// `address` and the item `code` (`WYF` …), on the file at `db`; returns their ids.
pub fn insert_bill_lines_fixture(
    db: &Path,
    address: &str,
    code: &str,
    months: &[&str],
    fen: i64,
) -> Vec<i64> {
    let a = UnitAddress::parse(address).expect("address");
    let conn = rusqlite::Connection::open(db).expect("open the test database");
    let unit: i64 = conn
        .query_row(
            "SELECT id FROM units WHERE building = ?1 AND entrance = ?2 AND room = ?3",
            (a.building, a.entrance, a.room),
            |r| r.get(0),
        )
        .expect("the unit is registered");
    let _item: i64 = conn
        .query_row("SELECT id FROM fee_items WHERE code = ?1", [code], |r| {
            r.get(0)
        })
        .expect("the item exists");
    months
        .iter()
        .map(|m| insert_line(&conn, unit, code, m, fen).0)
        .collect()
}

/// One open billing line of `fen` for the item `code` in `month` (`2026-11`) of `unit`.
fn insert_line(
    conn: &rusqlite::Connection,
    unit: i64,
    code: &str,
    month: &str,
    fen: i64,
) -> LineId {
    let month = Month::parse(month).expect("month");
    conn.execute(
        "INSERT INTO bill_lines (unit_id, item_id, month, amount_fen, full_fen, basis, source,
             source_ref, created_by_name, created_at)
         SELECT ?1, id, ?2, ?3, ?3, 'fixture', 'billing', '', 'fixture', ?4 FROM fee_items
         WHERE code = ?5",
        rusqlite::params![
            unit,
            month.code(),
            fen,
            format!("{}-01 08:00:00", month.code()),
            code
        ],
    )
    .expect("fixture bill line");
    LineId(conn.last_insert_rowid())
}

/// FIXTURE, not the billing run: one open line of `amount_fen` for the item `code` in `month`
/// for `unit`, on the database `store` has open (through a second connection); returns its id.
pub fn fixture_bill_line(
    store: &Store,
    unit: UnitId,
    code: &str,
    month: &str,
    amount_fen: i64,
) -> LineId {
    let conn = rusqlite::Connection::open(store.path()).expect("second connection");
    conn.busy_timeout(std::time::Duration::from_secs(5))
        .expect("busy timeout");
    insert_line(&conn, unit.0, code, month, amount_fen)
}

/// Open lines of the unit at `address`, read straight from the file.
pub fn open_line_count(db: &Path, address: &str) -> i64 {
    let a = UnitAddress::parse(address).expect("address");
    rusqlite::Connection::open(db)
        .expect("open")
        .query_row(
            "SELECT count(*) FROM bill_lines l JOIN units u ON u.id = l.unit_id
             WHERE u.building = ?1 AND u.entrance = ?2 AND u.room = ?3 AND l.receipt_id IS NULL",
            (a.building, a.entrance, a.room),
            |r| r.get(0),
        )
        .expect("count")
}

/// Receipts on file, by method.
pub fn receipt_count(db: &Path, method: &str) -> i64 {
    rusqlite::Connection::open(db)
        .expect("open")
        .query_row(
            "SELECT count(*) FROM receipts WHERE method = ?1",
            [method],
            |r| r.get(0),
        )
        .expect("count")
}

/// Signs an agreement for the unit at `address` (as the signed-in person).
pub fn agree(store: &mut Store, address: &str, holder: &str, account: &str) {
    let unit = store
        .unit_at(UnitAddress::parse(address).unwrap())
        .unwrap()
        .expect("registered")
        .id;
    store
        .save_bank_agreement(
            &BankAgreement {
                id: None,
                unit,
                address: None,
                bank: "中国工商银行".into(),
                holder: holder.into(),
                account: account.into(),
                signed_on: NaiveDate::from_ymd_opt(2026, 1, 5).unwrap(),
                ended_on: None,
            },
            &clerk(),
        )
        .expect("agreement saved");
}
