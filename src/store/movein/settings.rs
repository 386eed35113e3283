//! The two 设置 lists of the move-in tab: the items handed over and the inspection's areas.

use crate::domain::movein::{DEFAULT_AREAS, DEFAULT_ITEMS};
use crate::domain::staff::Recorded;
use crate::store::{Result, Store, StoreError};

/// Where the item list is kept, one item a line.
const ITEMS_KEY: &str = "movein.items";
/// Where the area list is kept, one area a line.
const AREAS_KEY: &str = "movein.areas";

fn list(store: &Store, key: &str, defaults: &[&str]) -> Result<Vec<String>> {
    let saved = crate::store::settings::setting(store.conn(), key)?;
    let list: Vec<String> = saved
        .unwrap_or_default()
        .lines()
        .map(|l| l.trim().to_string())
        .filter(|l| !l.is_empty())
        .collect();
    Ok(if list.is_empty() {
        defaults.iter().map(|d| d.to_string()).collect()
    } else {
        list
    })
}

fn cleaned(entries: &[String], what: &str, example: &str) -> Result<Vec<String>> {
    let mut out: Vec<String> = Vec::new();
    for e in entries.iter().map(|e| e.trim()).filter(|e| !e.is_empty()) {
        if out.iter().any(|o| o == e) {
            return Err(StoreError::Conflict(format!(
                "{what}“{e}”写了两次，请删去一行"
            )));
        }
        out.push(e.to_string());
    }
    if out.is_empty() {
        return Err(StoreError::Conflict(format!(
            "{what}至少要有一项，例如 {example}"
        )));
    }
    Ok(out)
}

impl Store {
    /// The items handed over at move-in (editable; 钥匙, 猫眼, 门铃, 门禁卡, 水电卡 by default).
    pub fn move_in_items_setting(&self) -> Result<Vec<String>> {
        list(self, ITEMS_KEY, DEFAULT_ITEMS)
    }

    /// Saves the item list (设置's signature); blank entries dropped, an empty list or an item
    /// written twice refused.
    pub fn save_move_in_items_setting(&mut self, items: &[String], rec: &Recorded) -> Result<()> {
        let new = cleaned(items, "物品", "钥匙")?;
        let before = self.move_in_items_setting()?;
        let text = new.join("\n");
        self.save_settings_form(rec, "入住领取物品", &before[..], &new[..], |tx| {
            crate::store::settings::put_setting(tx, ITEMS_KEY, &text)
        })
    }

    /// The areas of the handover inspection (editable; 入户门 … 智能化/对讲 by default).
    pub fn inspection_areas(&self) -> Result<Vec<String>> {
        list(self, AREAS_KEY, DEFAULT_AREAS)
    }

    /// Saves the area list (设置's signature).
    pub fn save_inspection_areas(&mut self, areas: &[String], rec: &Recorded) -> Result<()> {
        let new = cleaned(areas, "验收部位", "入户门")?;
        let before = self.inspection_areas()?;
        let text = new.join("\n");
        self.save_settings_form(rec, "接房验收部位", &before[..], &new[..], |tx| {
            crate::store::settings::put_setting(tx, AREAS_KEY, &text)
        })
    }
}
