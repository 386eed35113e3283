//! The database schema as a list of migrations on `PRAGMA user_version`.
//!
//! `MIGRATIONS[i]` takes a database from version `i` to `i + 1`. A fresh file runs them all; an
//! older file runs the ones it lacks. Never edit a migration that has shipped: add a new one.

/// Stamped into `PRAGMA application_id` so a stranger's SQLite file is never mistaken for ours
/// ("WYDS").
pub const APPLICATION_ID: i32 = 0x5759_4453;

/// Every migration, oldest first: `schema/NN_name.sql` takes a file from version NN-1 to NN.
pub const MIGRATIONS: &[&str] = &[
    include_str!("schema/01_register.sql"),
    include_str!("schema/02_gate_keys.sql"),
    include_str!("schema/03_vacancy.sql"),
    include_str!("schema/04_repairs.sql"),
    include_str!("schema/05_basements.sql"),
    include_str!("schema/06_vacancy_indexes.sql"),
    include_str!("schema/07_gate_certificate.sql"),
    include_str!("schema/08_vacancy_walks.sql"),
    include_str!("schema/09_repair_timing.sql"),
    include_str!("schema/10_sign_in_audit.sql"),
    include_str!("schema/11_fees.sql"),
    include_str!("schema/12_feedback.sql"),
    include_str!("schema/13_unit_month_open.sql"),
    include_str!("schema/14_move_in.sql"),
    include_str!("schema/15_feedback_search.sql"),
    include_str!("schema/16_lost_found.sql"),
    include_str!("schema/17_rental.sql"),
    include_str!("schema/18_renovation.sql"),
    include_str!("schema/19_archive.sql"),
    include_str!("schema/20_stats.sql"),
    include_str!("schema/21_feedback_grams.sql"),
];

/// The schema version this program writes.
pub fn version() -> i64 {
    MIGRATIONS.len() as i64
}
