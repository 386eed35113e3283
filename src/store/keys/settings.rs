//! The keys tab's own settings, kept as `keys.*` rows in `settings`.

use chrono::NaiveTime;

use crate::domain::keys::KeySettings;
use crate::store::settings::{put_setting, setting};
use crate::store::{Result, Store};

/// Where the end of the working day for same-day loans is kept.
const END_OF_DAY_KEY: &str = "keys.end_of_day";

impl Store {
    /// The keys tab's settings; the default end of day (18:00) where none was saved.
    pub fn key_settings(&self) -> Result<KeySettings> {
        let mut s = KeySettings::default();
        let saved = setting(self.conn(), END_OF_DAY_KEY)?;
        // A value we cannot read keeps the default rather than stopping the desk.
        if let Some(t) = saved.and_then(|v| NaiveTime::parse_from_str(&v, "%H:%M").ok()) {
            s.end_of_day = t;
        }
        Ok(s)
    }

    /// Saves the keys tab's settings.
    pub fn save_key_settings(
        &mut self,
        s: &KeySettings,
        rec: &crate::domain::staff::Recorded,
    ) -> Result<()> {
        let before = self.key_settings()?;
        self.save_settings_form(rec, "钥匙设置", &before, s, |tx| {
            put_setting(
                tx,
                END_OF_DAY_KEY,
                &s.end_of_day.format("%H:%M").to_string(),
            )
        })
    }
}
