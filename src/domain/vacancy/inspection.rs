//! The monthly inspection of a vacant unit (空置房检查): checklist, kind, result, follow-up, and
//! the month's coverage per building and service officer.

use serde::{Deserialize, Serialize};

use crate::domain::coded::coded;

/// The row id of an inspection.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct InspectionId(pub i64);

/// The checklist of the 空置房检查记录表, in the sheet's order.
pub const CHECKLIST: [&str; 6] = ["门窗", "墙面裂缝", "渗漏", "设施设备", "卫生", "通风"];

/// Why the inspection was made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum InspectionKind {
    /// 月度检查: the service officer's monthly round (counts towards coverage).
    Monthly,
    /// 恶劣天气后检查: after a storm or gale (counts towards coverage).
    Storm,
    /// 主管抽查: the supervisor's spot-check of the officer's work.
    SpotCheck,
    /// 停水电抄表: the meters read and shut off when an application is approved (the baseline).
    ShutOff,
}

impl InspectionKind {
    /// What entering an inspection of this kind is, in the role table: the supervisor's
    /// spot-check is a signature of its own; the rest is the officers' rounds.
    pub fn action(self) -> crate::domain::access::Action {
        match self {
            InspectionKind::SpotCheck => crate::domain::access::Action::SpotCheck,
            _ => crate::domain::access::Action::Inspect,
        }
    }

    /// The kinds a person picks in the inspection form (the shut-off reading comes with approval).
    pub const ENTERED: [InspectionKind; 3] = [
        InspectionKind::Monthly,
        InspectionKind::Storm,
        InspectionKind::SpotCheck,
    ];

    /// Whether it counts towards the procedure's 100% monthly inspection.
    pub fn counts_for_coverage(self) -> bool {
        matches!(self, InspectionKind::Monthly | InspectionKind::Storm)
    }
}

coded!(InspectionKind {
    Monthly => "monthly", "月度检查";
    Storm => "storm", "恶劣天气后检查";
    SpotCheck => "spot", "主管抽查";
    ShutOff => "shutoff", "停水电抄表";
});

/// What follows an abnormal inspection: the note of who was told and what is done. A repair
/// order opened from the inspection (报修管理) is kept beside it in the store (the inspection's
/// `repair_id`), not here: the note is still required with one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum FollowUp {
    /// 处理意见: what was done or who was told (e.g. "已通知业主，约周六上门").
    Note(String),
}

impl FollowUp {
    /// The text shown on screen and on the sheet.
    pub fn text(&self) -> &str {
        match self {
            FollowUp::Note(n) => n,
        }
    }
}

/// An inspection as entered, before it is stored.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Inspection {
    /// 检查日期.
    pub date: chrono::NaiveDate,
    /// Why.
    pub kind: InspectionKind,
    /// One flag per [`CHECKLIST`] item: `true` = abnormal.
    pub abnormal_items: [bool; 6],
    /// Water, electricity and gas readings ([`super::Meter`] steps).
    pub readings: [Option<i64>; 3],
    /// Per meter, why its reading is lower than the last (回零 or 换表), when it is.
    pub changes: [Option<super::MeterChange>; 3],
    /// Required when any item is abnormal.
    pub follow_up: Option<FollowUp>,
    /// 备注.
    pub note: String,
}

/// Why an inspection cannot be saved.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum InspectionError {
    /// Abnormal without a follow-up.
    #[error("检查有异常，请填写处理意见（通知了谁、怎么处理）")]
    NeedsFollowUp,
}

impl Inspection {
    /// 检查结果: abnormal when any checklist item is.
    pub fn is_abnormal(&self) -> bool {
        self.abnormal_items.iter().any(|a| *a)
    }

    /// Checks the rule that an abnormal result needs a follow-up.
    ///
    /// # Errors
    /// [`InspectionError::NeedsFollowUp`].
    pub fn check(&self) -> Result<(), InspectionError> {
        let has_follow_up = self
            .follow_up
            .as_ref()
            .is_some_and(|f| !f.text().trim().is_empty());
        if self.is_abnormal() && !has_follow_up {
            return Err(InspectionError::NeedsFollowUp);
        }
        Ok(())
    }

    /// The abnormal items by name, e.g. `渗漏、通风`.
    pub fn abnormal_names(&self) -> String {
        CHECKLIST
            .iter()
            .zip(self.abnormal_items)
            .filter(|(_, a)| *a)
            .map(|(n, _)| *n)
            .collect::<Vec<_>>()
            .join("、")
    }
}

/// Coverage of one building for a month.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BuildingCoverage {
    /// 楼栋.
    pub building: u32,
    /// The service officers covering it (names); empty if nobody is assigned.
    pub officers: Vec<String>,
    /// Places to inspect in the building this month: vacant units and active basements.
    pub vacant: u32,
    /// Of those, inspected this month (monthly or after-storm).
    pub inspected: u32,
    /// Of the places, active basements.
    pub basements: u32,
    /// Of the inspected, basements.
    pub basements_inspected: u32,
}

impl BuildingCoverage {
    /// Vacant units (the places less the basements).
    pub fn units(&self) -> u32 {
        self.vacant - self.basements
    }

    /// Vacant units inspected this month.
    pub fn units_inspected(&self) -> u32 {
        self.inspected - self.basements_inspected
    }
}

/// Coverage of one officer (or of nobody: the unassigned buildings) for a month.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OfficerCoverage {
    /// Officer's name, or `未分配` for buildings nobody covers.
    pub officer: String,
    /// Their buildings.
    pub buildings: Vec<u32>,
    /// Vacant units in them.
    pub vacant: u32,
    /// Inspected this month.
    pub inspected: u32,
}

impl OfficerCoverage {
    /// `inspected / vacant` as a whole percentage, rounded down (100 only when complete).
    pub fn percent(&self) -> u32 {
        (self.inspected * 100)
            .checked_div(self.vacant)
            .unwrap_or(100)
    }
}

/// The label of buildings no officer covers.
pub const UNASSIGNED: &str = "未分配";

/// Totals per officer from the per-building coverage; a building two officers share counts for
/// both. Officers come in name order, the unassigned last.
pub fn per_officer(buildings: &[BuildingCoverage]) -> Vec<OfficerCoverage> {
    let mut out: Vec<OfficerCoverage> = Vec::new();
    for b in buildings {
        let names: Vec<&str> = if b.officers.is_empty() {
            vec![UNASSIGNED]
        } else {
            b.officers.iter().map(String::as_str).collect()
        };
        for name in names {
            let entry = match out.iter_mut().position(|o| o.officer == name) {
                Some(i) => &mut out[i],
                None => {
                    out.push(OfficerCoverage {
                        officer: name.to_string(),
                        buildings: Vec::new(),
                        vacant: 0,
                        inspected: 0,
                    });
                    let last = out.len() - 1;
                    &mut out[last]
                }
            };
            entry.buildings.push(b.building);
            entry.vacant += b.vacant;
            entry.inspected += b.inspected;
        }
    }
    out.sort_by(|a, b| {
        (a.officer == UNASSIGNED, &a.officer).cmp(&(b.officer == UNASSIGNED, &b.officer))
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inspection(abnormal: [bool; 6], follow_up: Option<&str>) -> Inspection {
        Inspection {
            date: chrono::NaiveDate::from_ymd_opt(2026, 11, 3).expect("date"),
            kind: InspectionKind::Monthly,
            abnormal_items: abnormal,
            readings: [Some(1), Some(2), None],
            changes: [None; 3],
            follow_up: follow_up.map(|s| FollowUp::Note(s.into())),
            note: String::new(),
        }
    }

    #[test]
    fn an_abnormal_result_needs_a_follow_up() {
        let mut a = [false; 6];
        assert_eq!(inspection(a, None).check(), Ok(()));
        a[2] = true;
        a[5] = true;
        assert_eq!(
            inspection(a, None).check(),
            Err(InspectionError::NeedsFollowUp)
        );
        assert_eq!(
            inspection(a, Some("  ")).check(),
            Err(InspectionError::NeedsFollowUp)
        );
        let ok = inspection(a, Some("已通知业主"));
        assert_eq!(ok.check(), Ok(()));
        assert_eq!(ok.abnormal_names(), "渗漏、通风");
        for &k in InspectionKind::ALL {
            assert_eq!(InspectionKind::from_code(k.code()), Some(k));
        }
        assert!(!InspectionKind::SpotCheck.counts_for_coverage());
    }

    #[test]
    fn coverage_adds_up_per_officer_with_shared_and_unassigned_buildings() {
        let b = |building, officers: &[&str], vacant, inspected| BuildingCoverage {
            building,
            officers: officers.iter().map(|s| s.to_string()).collect(),
            vacant,
            inspected,
            basements: 0,
            basements_inspected: 0,
        };
        let rows = [
            b(1, &["王强"], 10, 10),
            b(2, &["王强", "赵磊"], 4, 1),
            b(3, &["赵磊"], 6, 6),
            b(4, &[], 3, 0),
        ];
        let per = per_officer(&rows);
        let names: Vec<_> = per.iter().map(|o| o.officer.as_str()).collect();
        assert_eq!(names, ["王强", "赵磊", UNASSIGNED]);
        assert_eq!(
            (per[0].vacant, per[0].inspected, per[0].percent()),
            (14, 11, 78)
        );
        assert_eq!(per[0].buildings, [1, 2]);
        assert_eq!((per[1].vacant, per[1].inspected), (10, 7));
        assert_eq!(
            (per[2].vacant, per[2].inspected, per[2].percent()),
            (3, 0, 0)
        );
        let none = OfficerCoverage {
            officer: "x".into(),
            buildings: vec![],
            vacant: 0,
            inspected: 0,
        };
        assert_eq!(none.percent(), 100);
    }
}
