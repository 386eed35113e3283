//! The editable list of departments a matter can be sent to (设置).

use crate::domain::feedback::DEFAULT_DEPARTMENTS;
use crate::domain::staff::Recorded;
use crate::store::{Result, Store, StoreError};

/// Where the list is kept, one department a line.
const DEPARTMENTS_KEY: &str = "feedback.departments";

impl Store {
    /// The departments the desk dispatches to (editable; the procedure's five by default).
    pub fn feedback_departments(&self) -> Result<Vec<String>> {
        let saved = crate::store::settings::setting(self.conn(), DEPARTMENTS_KEY)?;
        let list: Vec<String> = saved
            .unwrap_or_default()
            .lines()
            .map(|l| l.trim().to_string())
            .filter(|l| !l.is_empty())
            .collect();
        Ok(if list.is_empty() {
            DEFAULT_DEPARTMENTS.iter().map(|d| d.to_string()).collect()
        } else {
            list
        })
    }

    /// Saves the department list (one transaction, 设置's signature); blank entries are
    /// dropped, and an empty list is refused.
    pub fn save_feedback_departments(
        &mut self,
        departments: &[String],
        rec: &Recorded,
    ) -> Result<()> {
        let list: Vec<String> = departments
            .iter()
            .map(|d| d.trim().to_string())
            .filter(|d| !d.is_empty())
            .collect();
        if list.is_empty() {
            return Err(StoreError::Conflict(
                "至少要有一个部门，例如 工程部".to_string(),
            ));
        }
        let before = self.feedback_departments()?;
        let text = list.join("\n");
        self.save_settings_form(rec, "反馈部门", &before[..], &list[..], |tx| {
            crate::store::settings::put_setting(tx, DEPARTMENTS_KEY, &text)
        })
    }
}
