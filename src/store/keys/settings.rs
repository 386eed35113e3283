//! The keys tab's own settings, kept as `keys.*` rows in `settings`.

use chrono::NaiveTime;

use crate::domain::keys::KeySettings;
use crate::store::{Result, Store, optional};

impl Store {
    /// The keys tab's settings; the default end of day (18:00) where none was saved.
    pub fn key_settings(&self) -> Result<KeySettings> {
        let mut s = KeySettings::default();
        let saved: Option<String> = optional(self.conn().query_row(
            "SELECT value FROM settings WHERE key = 'keys.end_of_day'",
            [],
            |r| r.get(0),
        ))?;
        // A value we cannot read keeps the default rather than stopping the desk.
        if let Some(t) = saved.and_then(|v| NaiveTime::parse_from_str(&v, "%H:%M").ok()) {
            s.end_of_day = t;
        }
        Ok(s)
    }

    /// Saves the keys tab's settings.
    pub fn save_key_settings(&mut self, s: &KeySettings) -> Result<()> {
        let tx = self.conn.transaction()?;
        tx.execute(
            "INSERT INTO settings (key, value) VALUES ('keys.end_of_day', ?1)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            [s.end_of_day.format("%H:%M").to_string()],
        )?;
        Ok(tx.commit()?)
    }
}
