//! A FIXTURE for the fees tests: bill lines written straight into the test's database file with
//! plain rusqlite, as the billing run would leave them, so payments can be tested on their own.
//! Never a model of how the desk bills (that is `Store::run_billing`).

use wuye_desk::domain::Month;
use wuye_desk::domain::fees::LineId;
use wuye_desk::domain::unit::UnitId;
use wuye_desk::store::Store;

/// Inserts an open billing line of `amount_fen` for the item `code` (`WYF`, `CWF` …) in `month`
/// for `unit`, on the database `store` has open; returns its id.
pub fn fixture_bill_line(
    store: &Store,
    unit: UnitId,
    code: &str,
    month: &str,
    amount_fen: i64,
) -> LineId {
    let month = Month::parse(month).expect("month");
    let conn = rusqlite::Connection::open(store.path()).expect("second connection");
    conn.busy_timeout(std::time::Duration::from_secs(5))
        .expect("busy timeout");
    conn.execute(
        "INSERT INTO bill_lines (unit_id, item_id, month, amount_fen, full_fen, basis, source,
             source_ref, created_by_name, created_at)
         SELECT ?1, id, ?2, ?3, ?3, 'fixture', 'billing', '', '测试', ?4 FROM fee_items
         WHERE code = ?5",
        rusqlite::params![
            unit.0,
            month.code(),
            amount_fen,
            format!("{}-01 08:00:00", month.code()),
            code
        ],
    )
    .expect("fixture bill line");
    LineId(conn.last_insert_rowid())
}
