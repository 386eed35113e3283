//! 接房验收: the room-by-room checklist with its meter readings, the defects it finds, and the
//! gate before the second, strict inspection.

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

use crate::domain::repair::RepairId;

/// One area of the checklist: 合格, or not with what is wrong.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckItem {
    /// 入户门, 窗, 墙面 … (the 设置 list).
    pub area: String,
    /// 合格.
    pub ok: bool,
    /// What is wrong (required when not ok) or a remark.
    pub note: String,
}

/// Meter readings at handover (integer units of each meter); `None` when there is no such meter
/// or it was not read.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Readings {
    /// 水表.
    pub water: Option<i64>,
    /// 电表.
    pub electricity: Option<i64>,
    /// 燃气表.
    pub gas: Option<i64>,
}

/// A handover inspection, 1 or 2.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Inspection {
    /// 1 (接房验收1) or 2 (接房验收2).
    pub round: u8,
    /// When it was done.
    pub at: NaiveDateTime,
    /// The checklist, one item an area.
    pub items: Vec<CheckItem>,
    /// The readings.
    pub readings: Readings,
    /// Who inspected with the owner.
    pub by_name: String,
}

impl Inspection {
    /// What must be true before it is saved, in Chinese.
    pub fn check(&self) -> Result<(), String> {
        if self.round != 1 && self.round != 2 {
            return Err("验收只有第1次和第2次".into());
        }
        if self.items.is_empty() {
            return Err("验收表是空的：请逐项填写合格或不合格".into());
        }
        let mut seen: Vec<&str> = Vec::new();
        for item in &self.items {
            let area = item.area.trim();
            if area.is_empty() {
                return Err("验收部位不能为空".into());
            }
            if seen.contains(&area) {
                return Err(format!("验收部位“{area}”出现了两次"));
            }
            seen.push(area);
            if !item.ok && item.note.trim().is_empty() {
                return Err(format!("“{area}”不合格，请写明问题，例如 地砖开裂"));
            }
        }
        for (name, value) in [
            ("水表", self.readings.water),
            ("电表", self.readings.electricity),
            ("燃气表", self.readings.gas),
        ] {
            if value.is_some_and(|v| v < 0) {
                return Err(format!("{name}读数不能是负数"));
            }
        }
        if self.by_name.trim().is_empty() {
            return Err("请填写验收人".into());
        }
        Ok(())
    }

    /// The items found not ok.
    pub fn failed(&self) -> impl Iterator<Item = &CheckItem> {
        self.items.iter().filter(|i| !i.ok)
    }
}

/// A defect found at an inspection, and what became of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Defect {
    /// Which inspection found it.
    pub round: u8,
    /// The area.
    pub area: String,
    /// What is wrong.
    pub note: String,
    /// The repair order it became, if it did.
    pub repair: Option<RepairId>,
    /// That repair order is done (完工, 回访 or 关闭).
    pub fixed: bool,
    /// The owner accepted it as it is.
    pub accepted_by_owner: bool,
}

impl Defect {
    /// Fixed or accepted: it no longer holds the case up.
    pub fn settled(&self) -> bool {
        self.accepted_by_owner || (self.repair.is_some() && self.fixed)
    }

    /// Why it still holds the case up: `地面（地砖开裂，报修未完工）`.
    fn why_open(&self) -> String {
        let how = if self.repair.is_some() {
            "报修未完工"
        } else {
            "未转报修，业主也未确认接受"
        };
        format!("{}（{}，{how}）", self.area, self.note)
    }
}

/// Whether the second inspection may take place: every defect of the first is fixed or accepted
/// by the owner. The refusal lists those still open.
pub fn ready_for_inspection2(defects: &[Defect]) -> Result<(), String> {
    let open: Vec<String> = defects
        .iter()
        .filter(|d| d.round == 1 && !d.settled())
        .map(Defect::why_open)
        .collect();
    if open.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "接房验收1 还有 {} 处问题没有解决：{}。修好或业主确认接受后才能做接房验收2",
            open.len(),
            open.join("、")
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn defect(repair: Option<i64>, fixed: bool, accepted: bool) -> Defect {
        Defect {
            round: 1,
            area: "地面".into(),
            note: "地砖开裂".into(),
            repair: repair.map(RepairId),
            fixed,
            accepted_by_owner: accepted,
        }
    }

    #[test]
    fn inspection_two_waits_for_every_defect() {
        assert!(ready_for_inspection2(&[]).is_ok());
        let e = ready_for_inspection2(&[defect(None, false, false)]).unwrap_err();
        assert!(e.contains("地面（地砖开裂，未转报修"), "{e}");
        let e = ready_for_inspection2(&[defect(Some(7), false, false)]).unwrap_err();
        assert!(e.contains("报修未完工"), "{e}");
        assert!(ready_for_inspection2(&[defect(Some(7), true, false)]).is_ok());
        assert!(ready_for_inspection2(&[defect(None, false, true)]).is_ok());
        let mut second = defect(None, false, false);
        second.round = 2;
        assert!(ready_for_inspection2(&[second]).is_ok());
    }

    #[test]
    fn a_failed_item_needs_its_problem() {
        let at = NaiveDate::from_ymd_opt(2026, 11, 30)
            .and_then(|d| d.and_hms_opt(10, 0, 0))
            .expect("time");
        let mut i = Inspection {
            round: 1,
            at,
            items: vec![CheckItem {
                area: "地面".into(),
                ok: false,
                note: " ".into(),
            }],
            readings: Readings::default(),
            by_name: "李工".into(),
        };
        assert!(i.check().unwrap_err().contains("请写明问题"));
        i.items[0].note = "客厅地砖开裂".into();
        assert!(i.check().is_ok());
        i.round = 3;
        assert!(i.check().is_err());
        i.round = 2;
        i.readings.water = Some(-1);
        assert!(i.check().unwrap_err().contains("水表"));
    }
}
