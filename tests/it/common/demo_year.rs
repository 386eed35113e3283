//! One demo estate with a year of records, built once per test run and copied for each test
//! that needs every tab's records (the archive, the statistics), so the year is generated once.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use wuye_desk::store::Store;

/// The built year: its folder (kept for the whole run) and the database file.
static BUILT: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();

fn built() -> &'static Path {
    &BUILT
        .get_or_init(|| {
            let dir = tempfile::tempdir().expect("tempdir");
            let db = dir.path().join("demo-year.sqlite3");
            {
                let mut store = Store::open(&db).expect("open");
                wuye_desk::demo::build(&mut store, 1).expect("demo year");
            }
            // Closing the last connection checkpoints the WAL into the file, so one copy of
            // the file is the whole database.
            (dir, db)
        })
        .1
}

/// A private copy of the one-year demo estate: its folder (kept alive by the guard) and file.
pub fn demo_year() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("desk.sqlite3");
    std::fs::copy(built(), &db).expect("copy the demo year");
    (dir, db)
}
