//! What is being typed in the vacancy tab's forms, and the message beside each bad field.
//! A draft becomes domain values only when every field is valid; nothing is saved before.

use chrono::NaiveDate;

use crate::domain::date::parse_date;
use crate::domain::staff::StaffId;
use crate::domain::unit::UnitId;
use crate::domain::vacancy::{
    BasementId, FollowUp, Inspection, InspectionKind, Meter, MeterChange, Reading, check_period,
};
use crate::domain::{UnitAddress, date::table_date};
use crate::store::Inspector;

/// Why a reading is lower than the last, as picked in the form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lower {
    /// 换表: a new meter; its start reading is asked.
    Replaced,
    /// 表回零: the meter went round; its largest reading is asked.
    RolledOver,
}

impl Lower {
    /// Both, in the order offered.
    pub const ALL: [Lower; 2] = [Lower::Replaced, Lower::RolledOver];

    /// The button's label.
    pub fn label(self) -> &'static str {
        match self {
            Lower::Replaced => "换表",
            Lower::RolledOver => "表回零",
        }
    }
}

/// A staff member offered as 检查人.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InspectorChoice {
    /// Staff id.
    pub id: StaffId,
    /// `王强（客户服务员）`.
    pub label: String,
    /// The name alone, stored with the inspection.
    pub name: String,
}

impl std::fmt::Display for InspectorChoice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.label)
    }
}

/// A field of one of the tab's forms; its `id` is the text input's widget id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    /// 检查日期.
    InspectDate,
    /// A meter's reading in the inspection form.
    Reading(Meter),
    /// A meter's maximum reading, asked for when the reading is lower than the last (回零).
    Max(Meter),
    /// A new meter's start reading, asked for when the reading is lower than the last (换表).
    Start(Meter),
    /// 检查人 (a pick list; listed so its message sits beside it).
    Inspector,
    /// 处理意见.
    FollowUp,
    /// 备注.
    Note,
    /// 房号 of an application.
    ApplyUnit,
    /// 申请人.
    ApplyOwner,
    /// 空置开始.
    ApplyFrom,
    /// 空置结束.
    ApplyTo,
    /// 空置原因.
    ApplyReason,
    /// 客户服务员意见.
    ApplyOpinion,
    /// 身份证原件已核验 (a checkbox; listed so its message sits beside it).
    ApplyIdChecked,
    /// Reading at the shut-off of water and power.
    ShutOffReading(Meter),
    /// 主管意见 / 不批准原因 / 提前结束说明.
    DecisionNote,
    /// 提前结束的最后一天.
    EndDate,
    /// Water threshold, t.
    RuleWater,
    /// Electricity threshold, kWh.
    RulePower,
    /// An officer's buildings, `1,2,5-8`.
    OfficerBuildings,
}

impl Field {
    /// The widget id of the field's input, for focusing it and for tests.
    pub fn id(self) -> &'static str {
        match self {
            Field::InspectDate => "inspect-date",
            Field::Reading(Meter::Water) => "inspect-water",
            Field::Reading(Meter::Power) => "inspect-power",
            Field::Reading(Meter::Gas) => "inspect-gas",
            Field::Max(Meter::Water) => "inspect-water-max",
            Field::Max(Meter::Power) => "inspect-power-max",
            Field::Max(Meter::Gas) => "inspect-gas-max",
            Field::Start(Meter::Water) => "inspect-water-start",
            Field::Start(Meter::Power) => "inspect-power-start",
            Field::Start(Meter::Gas) => "inspect-gas-start",
            Field::Inspector => "inspect-inspector",
            Field::FollowUp => "inspect-follow-up",
            Field::Note => "inspect-note",
            Field::ApplyUnit => "apply-unit",
            Field::ApplyOwner => "apply-owner",
            Field::ApplyFrom => "apply-from",
            Field::ApplyTo => "apply-to",
            Field::ApplyReason => "apply-reason",
            Field::ApplyOpinion => "apply-opinion",
            Field::ApplyIdChecked => "apply-id-checked",
            Field::ShutOffReading(Meter::Water) => "shut-off-water",
            Field::ShutOffReading(Meter::Power) => "shut-off-power",
            Field::ShutOffReading(Meter::Gas) => "shut-off-gas",
            Field::DecisionNote => "decision-note",
            Field::EndDate => "end-date",
            Field::RuleWater => "rules-water",
            Field::RulePower => "rules-power",
            Field::OfficerBuildings => "officer-buildings",
        }
    }
}

/// Messages beside fields.
#[derive(Debug, Clone, Default)]
pub struct Errors(Vec<(Field, String)>);

impl Errors {
    /// The message beside `field`.
    pub fn get(&self, field: Field) -> Option<&str> {
        self.0
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, m)| m.as_str())
    }

    pub(super) fn push(&mut self, field: Field, message: impl Into<String>) {
        self.0.push((field, message.into()));
    }

    pub(super) fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// What an inspection form is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// A vacant unit, with its address for the heading.
    Unit(UnitId, UnitAddress),
    /// A basement, with its name.
    Basement(BasementId, String),
}

impl std::fmt::Display for Target {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Target::Unit(_, a) => write!(f, "{a}"),
            Target::Basement(_, name) => write!(f, "地下室 {name}"),
        }
    }
}

/// The inspection being entered for one unit or basement.
#[derive(Debug, Clone)]
pub struct InspectionDraft {
    /// The unit or basement.
    pub target: Target,
    /// The last reading of each meter before this one (any month back), shown beside each
    /// field and compared with what is typed.
    pub previous: [Option<Reading>; 3],
    /// 检查人: who walked (by default the building's service officer); `None` = the person
    /// on duty.
    pub inspector: Option<InspectorChoice>,
    /// Per meter, why a lower reading is lower, once picked.
    pub lower: [Option<Lower>; 3],
    /// New meters' start readings as typed.
    pub starts: [String; 3],
    /// 检查类型.
    pub kind: InspectionKind,
    /// As typed.
    pub date: String,
    /// One flag per checklist item: abnormal.
    pub abnormal: [bool; 6],
    /// Readings as typed.
    pub readings: [String; 3],
    /// Maximum readings as typed.
    pub maxima: [String; 3],
    /// 处理意见.
    pub follow_up: String,
    /// 备注.
    pub note: String,
    /// Messages.
    pub errors: Errors,
}

pub(super) fn meter_index(m: Meter) -> usize {
    match m {
        Meter::Water => 0,
        Meter::Power => 1,
        Meter::Gas => 2,
    }
}

impl InspectionDraft {
    /// An empty inspection of `unit` dated `today`.
    pub fn new(
        unit: UnitId,
        address: UnitAddress,
        previous: [Option<Reading>; 3],
        today: NaiveDate,
    ) -> Self {
        InspectionDraft {
            target: Target::Unit(unit, address),
            previous,
            inspector: None,
            lower: [None; 3],
            starts: Default::default(),
            kind: InspectionKind::Monthly,
            date: table_date(today),
            abnormal: [false; 6],
            readings: Default::default(),
            maxima: Default::default(),
            follow_up: String::new(),
            note: String::new(),
            errors: Errors::default(),
        }
    }

    /// An empty inspection of a basement dated `today`: readings optional (few basements have
    /// meters of their own), so no previous readings are looked up.
    pub fn basement(id: BasementId, name: String, today: NaiveDate) -> Self {
        InspectionDraft {
            target: Target::Basement(id, name),
            previous: [None; 3],
            inspector: None,
            lower: [None; 3],
            starts: Default::default(),
            kind: InspectionKind::Monthly,
            date: table_date(today),
            abnormal: [false; 6],
            readings: Default::default(),
            maxima: Default::default(),
            follow_up: String::new(),
            note: String::new(),
            errors: Errors::default(),
        }
    }

    /// Sets a field as typed.
    pub fn set(&mut self, field: Field, value: String) {
        match field {
            Field::InspectDate => self.date = value,
            Field::Reading(m) => self.readings[meter_index(m)] = value,
            Field::Max(m) => self.maxima[meter_index(m)] = value,
            Field::Start(m) => self.starts[meter_index(m)] = value,
            Field::FollowUp => self.follow_up = value,
            Field::Note => self.note = value,
            _ => {}
        }
    }

    /// Whether the reading typed for `m` is lower than the last one (so its maximum is asked).
    pub fn is_lower(&self, m: Meter) -> bool {
        let i = meter_index(m);
        match (m.parse(&self.readings[i]), self.previous[i]) {
            (Ok(v), Some(p)) => v < p.value,
            _ => false,
        }
    }

    /// The inspector to store: the one picked, or `None` for the person on duty.
    pub fn inspector(&self) -> Option<Inspector> {
        self.inspector.as_ref().map(|c| Inspector {
            id: c.id,
            name: c.name.clone(),
        })
    }

    /// Why the reading of `m` (lower than the last) is lower: the choice and its number.
    fn change(&self, m: Meter, now: Option<i64>, errors: &mut Errors) -> Option<MeterChange> {
        let i = meter_index(m);
        let last = self.previous[i]?;
        let last_text = format!("{}（{}）", m.format(last.value), table_date(last.date));
        match self.lower[i] {
            None => {
                errors.push(
                    Field::Reading(m),
                    format!("比上次读数 {last_text} 小：请选择是“换表”还是“表回零”，否则请核对"),
                );
                None
            }
            Some(Lower::RolledOver) => match m.parse(&self.maxima[i]) {
                Ok(max) if now.is_some_and(|v| v <= max) && last.value <= max => {
                    Some(MeterChange::RolledOver { max })
                }
                Ok(_) => {
                    errors.push(Field::Max(m), "最大读数应不小于上次和本次读数");
                    None
                }
                Err(_) => {
                    errors.push(Field::Max(m), "请填写表盘最大读数，例如 99999.999");
                    None
                }
            },
            Some(Lower::Replaced) => match m.parse(&self.starts[i]) {
                Ok(start) if now.is_some_and(|v| start <= v) => {
                    Some(MeterChange::Replaced { start })
                }
                Ok(_) => {
                    errors.push(Field::Start(m), "新表起始读数应不大于本次读数");
                    None
                }
                Err(_) => {
                    errors.push(Field::Start(m), "请填写新表安装时的起始读数，例如 0");
                    None
                }
            },
        }
    }

    /// Checks every field; the inspection if all are valid.
    pub fn validate(&mut self) -> Option<Inspection> {
        let mut errors = Errors::default();
        let date = parse_date(&self.date)
            .map_err(|e| errors.push(Field::InspectDate, e.to_string()))
            .ok();
        let mut readings = [None; 3];
        let mut changes = [None; 3];
        for m in Meter::ALL {
            let i = meter_index(m);
            let text = self.readings[i].trim();
            // Water and electricity are read every time (the occupancy rule needs them); gas
            // only where the unit has a meter. A spot-check may leave all three empty, and so
            // may a basement's inspection (the occupancy rule is about homes).
            if text.is_empty() {
                let required = m != Meter::Gas
                    && self.kind != InspectionKind::SpotCheck
                    && matches!(self.target, Target::Unit(..));
                if required {
                    errors.push(Field::Reading(m), format!("请抄录{}读数", m.label()));
                }
                continue;
            }
            match m.parse(text) {
                Ok(v) => readings[i] = Some(v),
                Err(e) => {
                    errors.push(Field::Reading(m), e.to_string());
                    continue;
                }
            }
            if self.is_lower(m) {
                changes[i] = self.change(m, readings[i], &mut errors);
            }
        }
        let abnormal = self.abnormal.iter().any(|a| *a);
        if abnormal && self.follow_up.trim().is_empty() {
            errors.push(
                Field::FollowUp,
                "检查有异常，请填写处理意见（通知了谁、怎么处理）",
            );
        }
        if self.note.chars().count() > 200 {
            errors.push(Field::Note, "备注最多200个字");
        }
        self.errors = errors;
        let date = date?;
        if !self.errors.is_empty() {
            return None;
        }
        Some(Inspection {
            date,
            kind: self.kind,
            abnormal_items: self.abnormal,
            readings,
            changes,
            follow_up: (!self.follow_up.trim().is_empty())
                .then(|| FollowUp::Note(self.follow_up.trim().to_string())),
            note: self.note.trim().to_string(),
        })
    }
}

/// A new vacancy application.
#[derive(Debug, Clone, Default)]
pub struct ApplicationDraft {
    /// 房号 as typed.
    pub unit: String,
    /// 申请人.
    pub owner: String,
    /// 身份证原件已核验.
    pub id_checked: bool,
    /// 空置开始 as typed.
    pub from: String,
    /// 空置结束 as typed.
    pub to: String,
    /// 空置原因.
    pub reason: String,
    /// 客户服务员意见.
    pub opinion: String,
    /// Messages.
    pub errors: Errors,
}

/// A checked application: the unit's address and the rest for the store.
#[derive(Debug, Clone)]
pub struct CheckedApplication {
    /// 房号.
    pub address: UnitAddress,
    /// 申请人.
    pub owner: String,
    /// Period.
    pub from: NaiveDate,
    /// Period end.
    pub to: NaiveDate,
    /// 原因.
    pub reason: String,
    /// 意见.
    pub opinion: String,
}

impl ApplicationDraft {
    /// Sets a field as typed.
    pub fn set(&mut self, field: Field, value: String) {
        match field {
            Field::ApplyUnit => self.unit = value,
            Field::ApplyOwner => self.owner = value,
            Field::ApplyFrom => self.from = value,
            Field::ApplyTo => self.to = value,
            Field::ApplyReason => self.reason = value,
            Field::ApplyOpinion => self.opinion = value,
            _ => {}
        }
    }

    /// Checks every field, including the three-month rule.
    pub fn validate(&mut self) -> Option<CheckedApplication> {
        let mut errors = Errors::default();
        let address = UnitAddress::parse(&self.unit)
            .map_err(|e| errors.push(Field::ApplyUnit, e.to_string()))
            .ok();
        if self.owner.trim().is_empty() {
            errors.push(Field::ApplyOwner, "请填写申请人（业主）姓名");
        }
        if !self.id_checked {
            errors.push(Field::ApplyIdChecked, "请核验业主身份证原件后勾选");
        }
        let from = parse_date(&self.from)
            .map_err(|e| errors.push(Field::ApplyFrom, e.to_string()))
            .ok();
        let to = parse_date(&self.to)
            .map_err(|e| errors.push(Field::ApplyTo, e.to_string()))
            .ok();
        if let (Some(f), Some(t)) = (from, to)
            && let Err(e) = check_period(f, t)
        {
            errors.push(Field::ApplyTo, e.to_string());
        }
        if self.reason.trim().is_empty() {
            errors.push(Field::ApplyReason, "请填写空置原因");
        }
        self.errors = errors;
        match (address, from, to) {
            (Some(address), Some(from), Some(to)) if self.errors.is_empty() => {
                Some(CheckedApplication {
                    address,
                    owner: self.owner.trim().to_string(),
                    from,
                    to,
                    reason: self.reason.trim().to_string(),
                    opinion: self.opinion.trim().to_string(),
                })
            }
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Month;

    #[test]
    fn a_lower_reading_asks_whether_the_meter_was_replaced_or_went_round() {
        let unit = UnitId(1);
        let address = UnitAddress::parse("3-2-1502").expect("address");
        let month = Month::new(2026, 10).expect("m");
        let prev = Reading {
            month,
            date: month.first_day(),
            value: 99_999_500,
            change: None,
        };
        let today = NaiveDate::from_ymd_opt(2026, 11, 3).expect("d");
        let mut d = InspectionDraft::new(unit, address, [Some(prev), None, None], today);
        d.set(Field::Reading(Meter::Water), "0.3".into());
        d.set(Field::Reading(Meter::Power), "10".into());
        assert!(d.validate().is_none());
        assert!(
            d.errors
                .get(Field::Reading(Meter::Water))
                .is_some_and(|m| m.contains("99999.500（2026-10-01）") && m.contains("换表"))
        );
        d.lower[0] = Some(Lower::RolledOver);
        assert!(d.validate().is_none());
        assert!(d.errors.get(Field::Max(Meter::Water)).is_some());
        d.set(Field::Max(Meter::Water), "99999.999".into());
        let i = d.validate().expect("valid with the maximum");
        assert_eq!(
            i.changes[0],
            Some(MeterChange::RolledOver { max: 99_999_999 })
        );
        // Or the meter was replaced, fitted at 0.1 t.
        d.lower[0] = Some(Lower::Replaced);
        d.set(Field::Start(Meter::Water), "0.5".into());
        assert!(d.validate().is_none(), "a start above the reading");
        d.set(Field::Start(Meter::Water), "0.1".into());
        let i = d.validate().expect("valid with the start");
        assert_eq!(i.changes[0], Some(MeterChange::Replaced { start: 100 }));
    }
}
