//! The office's copy-printing mode (`print.copy_mode`): read by every form with copies, saved
//! from 设置 → 打印联次 as the supervisor's setting.

use crate::domain::fees::CopyMode;
use crate::domain::staff::Recorded;
use crate::store::settings::{put_setting, setting};
use crate::store::{Result, Store};

const COPY_MODE_KEY: &str = "print.copy_mode";

impl Store {
    /// How forms with copies are printed; A4 (each copy its own labelled page) until the office
    /// chooses otherwise. A value this program does not know reads as A4, so a form still prints.
    pub fn copy_mode(&self) -> Result<CopyMode> {
        Ok(setting(self.conn(), COPY_MODE_KEY)?
            .and_then(|code| CopyMode::from_code(&code))
            .unwrap_or_default())
    }

    /// Saves the copy-printing mode ([`Action::Settings`], logged with before and after).
    ///
    /// [`Action::Settings`]: crate::domain::access::Action::Settings
    pub fn save_copy_mode(&mut self, mode: CopyMode, rec: &Recorded) -> Result<()> {
        let before = self.copy_mode()?;
        self.save_settings_form(rec, "打印联次", before.label(), mode.label(), |tx| {
            put_setting(tx, COPY_MODE_KEY, mode.code())
        })
    }
}
