//! The `settings` key/value table: the one place that reads and writes its rows
//! ([`setting`], [`put_setting`]), and the office's details and deadlines kept there. Each tab's
//! own settings (`keys.*`, `repair.*`, `vacancy.*`) go through the same two functions.

use rusqlite::{Connection, Transaction, params};
use serde::Serialize;

use super::audit::{Entry, Target, append};
use super::{Result, Store};
use crate::domain::access::Action;
use crate::domain::settings::{Deadlines, Office};
use crate::domain::staff::Recorded;

/// Minutes without input after which the desk locks, until the supervisor sets another value.
pub const DEFAULT_IDLE_LOCK_MINUTES: u32 = 10;

/// The longest idle time the desk may be left unlocked: a working day.
pub const MAX_IDLE_LOCK_MINUTES: u32 = 24 * 60;

const IDLE_LOCK_KEY: &str = "desk.idle_lock_minutes";

const OFFICE_KEYS: [&str; 5] = [
    "office.company",
    "office.estate",
    "office.phone",
    "office.address",
    "office.print_folder",
];

/// The saved value of `key`, if any. `conn` is the store's connection or a transaction.
pub(crate) fn setting(conn: &Connection, key: &str) -> Result<Option<String>> {
    super::optional(
        conn.query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| {
            r.get(0)
        }),
    )
}

/// Saves `value` under `key`, replacing what was there. `conn` is usually a transaction, so a
/// form's several settings are saved together or not at all.
pub(crate) fn put_setting(conn: &Connection, key: &str, value: &str) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO settings (key, value) VALUES (?1, ?2)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
    )?
    .execute(params![key, value])?;
    Ok(())
}

impl Store {
    fn setting(&self, key: &str) -> Result<Option<String>> {
        setting(self.conn(), key)
    }

    /// Saves one settings form (`what`, e.g. 管理处信息): the supervisor's to change, written
    /// by `write` in one transaction and logged with its values before and after.
    pub(crate) fn save_settings_form<T: Serialize + ?Sized>(
        &mut self,
        rec: &Recorded,
        what: &str,
        before: &T,
        after: &T,
        write: impl FnOnce(&Transaction<'_>) -> Result<()>,
    ) -> Result<()> {
        let auth = self.authorize(Action::Settings, None, rec)?;
        let tx = self.conn.transaction()?;
        write(&tx)?;
        let entry = Entry::new(
            Action::Settings,
            &format!("修改{what}"),
            Target::setting(what),
        );
        append(&tx, &auth, &entry.change(Some(before), Some(after)))?;
        Ok(tx.commit()?)
    }

    /// The office's details; defaults where nothing was saved yet.
    pub fn office(&self) -> Result<Office> {
        let mut office = Office::default();
        let slots = [
            &mut office.company,
            &mut office.estate,
            &mut office.phone,
            &mut office.address,
            &mut office.print_folder,
        ];
        for (key, slot) in OFFICE_KEYS.iter().zip(slots) {
            if let Some(value) = self.setting(key)? {
                *slot = value;
            }
        }
        Ok(office)
    }

    /// Saves the office's details in one transaction.
    pub fn save_office(&mut self, office: &Office, rec: &Recorded) -> Result<()> {
        let before = self.office()?;
        self.save_settings_form(rec, "管理处信息", &before, office, |tx| {
            let values = [
                &office.company,
                &office.estate,
                &office.phone,
                &office.address,
                &office.print_folder,
            ];
            for (key, value) in OFFICE_KEYS.iter().zip(values) {
                put_setting(tx, key, value.trim())?;
            }
            Ok(())
        })
    }

    /// The deadlines in force; the procedure's defaults where none were saved.
    pub fn deadlines(&self) -> Result<Deadlines> {
        let mut deadlines = Deadlines::default();
        for (key, _, _) in Deadlines::default().entries() {
            if let Some(value) = self.setting(&format!("deadline.{key}"))? {
                // A value we cannot read keeps the default rather than stopping the desk.
                if let Ok(minutes) = value.parse() {
                    deadlines.set(key, minutes);
                }
            }
        }
        Ok(deadlines)
    }

    /// Saves every deadline in one transaction.
    pub fn save_deadlines(&mut self, deadlines: &Deadlines, rec: &Recorded) -> Result<()> {
        let before = self.deadlines()?;
        self.save_settings_form(rec, "时限", &before, deadlines, |tx| {
            for (key, _, minutes) in deadlines.entries() {
                put_setting(tx, &format!("deadline.{key}"), &minutes.to_string())?;
            }
            Ok(())
        })
    }

    /// Minutes without keyboard or mouse input after which the desk locks (0: never).
    pub fn idle_lock_minutes(&self) -> Result<u32> {
        Ok(self
            .setting(IDLE_LOCK_KEY)?
            // A value we cannot read keeps the default rather than leaving the desk open.
            .and_then(|v| v.parse().ok())
            .unwrap_or(DEFAULT_IDLE_LOCK_MINUTES))
    }

    /// Saves the idle time after which the desk locks (0: never).
    ///
    /// # Errors
    /// More than a day, or not the supervisor.
    pub fn save_idle_lock_minutes(&mut self, minutes: u32, rec: &Recorded) -> Result<()> {
        if minutes > MAX_IDLE_LOCK_MINUTES {
            return Err(super::StoreError::Conflict(format!(
                "自动锁定时间最长 {MAX_IDLE_LOCK_MINUTES} 分钟（一天）；填 0 表示不自动锁定"
            )));
        }
        let before = self.idle_lock_minutes()?;
        self.save_settings_form(rec, "自动锁定时间", &before, &minutes, |tx| {
            put_setting(tx, IDLE_LOCK_KEY, &minutes.to_string())
        })
    }
}
