//! The move-in tab's forms as typed, each turned into the domain's value or a message saying
//! what to fix.

use chrono::{NaiveDate, NaiveDateTime};

use crate::domain::movein::{CheckItem, Finish, Inspection, ItemHanded, Readings};
use crate::ui::OwnerChoice;

/// Opening a case: the owner (picked from the unit's owners or typed), the 入伙通知书 number
/// and when they are booked.
#[derive(Debug, Clone, Default)]
pub struct OpenDraft {
    /// The unit's owners in the register.
    pub owners: Vec<OwnerChoice>,
    /// The owner picked.
    pub owner: Option<OwnerChoice>,
    /// The owner's name as typed.
    pub name: String,
    /// 入伙通知书编号.
    pub notice_no: String,
    /// 预约时间 as typed (blank: not booked).
    pub scheduled: String,
}

impl OpenDraft {
    /// The booked time, if one was typed, or a message.
    pub fn scheduled_at(&self, today: NaiveDate) -> Result<Option<NaiveDateTime>, String> {
        match self.scheduled.trim() {
            "" => Ok(None),
            t => crate::domain::date::parse_datetime(t, today)
                .map(Some)
                .map_err(|e| format!("预约时间：{e}")),
        }
    }
}

/// The items handed over: one quantity per item of 设置's list.
#[derive(Debug, Clone, Default)]
pub struct ItemsDraft {
    /// Item names and quantities as typed.
    pub lines: Vec<(String, String)>,
}

impl ItemsDraft {
    /// The items with a quantity, or a message naming the bad one.
    pub fn items(&self) -> Result<Vec<ItemHanded>, String> {
        let mut out = Vec::new();
        for (name, qty) in &self.lines {
            let qty = crate::domain::normalize_digits(qty.trim());
            if qty.is_empty() || qty == "0" {
                continue;
            }
            let qty: u32 = qty
                .parse()
                .map_err(|_| format!("{name}的数量请填整数，例如 2"))?;
            out.push(ItemHanded {
                name: name.clone(),
                qty,
            });
        }
        if out.is_empty() {
            return Err("请至少填写一样领取的物品及数量".into());
        }
        Ok(out)
    }
}

/// A handover inspection as typed.
#[derive(Debug, Clone, Default)]
pub struct InspectionDraft {
    /// 1 or 2.
    pub round: u8,
    /// Each area: its name, 合格 or not, and the note.
    pub areas: Vec<(String, bool, String)>,
    /// Water, electricity, gas readings as typed.
    pub readings: [String; 3],
}

impl InspectionDraft {
    /// A form for `round` with every area 合格.
    pub fn new(round: u8, areas: &[String]) -> Self {
        InspectionDraft {
            round,
            areas: areas
                .iter()
                .map(|a| (a.clone(), true, String::new()))
                .collect(),
            readings: Default::default(),
        }
    }

    /// The inspection at `at` by `by_name`, or a message.
    pub fn inspection(&self, at: NaiveDateTime, by_name: &str) -> Result<Inspection, String> {
        let reading = |i: usize, what: &str| -> Result<Option<i64>, String> {
            match crate::domain::normalize_digits(self.readings[i].trim()).as_str() {
                "" => Ok(None),
                t => t
                    .parse::<i64>()
                    .ok()
                    .filter(|n| *n >= 0)
                    .map(Some)
                    .ok_or_else(|| format!("{what}读数请填非负整数")),
            }
        };
        let inspection = Inspection {
            round: self.round,
            at,
            items: self
                .areas
                .iter()
                .map(|(area, ok, note)| CheckItem {
                    area: area.clone(),
                    ok: *ok,
                    note: note.trim().to_string(),
                })
                .collect(),
            readings: Readings {
                water: reading(0, "水表")?,
                electricity: reading(1, "电表")?,
                gas: reading(2, "燃气表")?,
            },
            by_name: by_name.to_string(),
        };
        inspection.check()?;
        Ok(inspection)
    }
}

/// The end of the case as typed.
#[derive(Debug, Clone, Default)]
pub struct FinishDraft {
    /// 入住日期.
    pub date: String,
    /// 转装修: a renovation application follows.
    pub renovating: bool,
}

impl FinishDraft {
    /// The end, or a message.
    pub fn finish(&self) -> Result<Finish, String> {
        let moved_in = crate::domain::date::parse_date(self.date.trim())
            .map_err(|e| format!("入住日期：{e}"))?;
        Ok(Finish {
            moved_in,
            renovating: self.renovating,
        })
    }
}
