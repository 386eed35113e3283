//! The add/edit forms of the register: what was typed, and the message beside each bad field.
//!
//! Nothing is saved until every field is valid; a draft turns into domain values only then.

use crate::domain::person::{self, Person, PersonId, Relation};
use crate::domain::unit::{Unit, UnitId, UnitStatus};
use crate::domain::{Area, Mobile, ResidentId, UnitAddress, date};
use crate::forms::font::check_drawable;
use crate::store::{PersonRecord, UnitRecord};

/// Fields of the unit form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnitField {
    /// 房号.
    Address,
    /// 建筑面积.
    Area,
    /// 备注.
    Note,
}

impl UnitField {
    /// The widget id of the field's input, for focusing it and for tests.
    pub fn id(self) -> &'static str {
        match self {
            UnitField::Address => "unit-address",
            UnitField::Area => "unit-area",
            UnitField::Note => "unit-note",
        }
    }
}

/// The unit being registered or edited.
#[derive(Debug, Clone, Default)]
pub struct UnitDraft {
    /// The unit being edited, or `None` for a new one.
    pub editing: Option<UnitId>,
    /// As typed: `3-2-1502`.
    pub address: String,
    /// As typed: `89.50`.
    pub area: String,
    /// 房屋状态.
    pub status: UnitStatus,
    /// 备注.
    pub note: String,
    /// Messages beside fields.
    pub errors: Vec<(UnitField, String)>,
}

impl UnitDraft {
    /// A draft holding a stored unit.
    pub fn from_record(r: &UnitRecord) -> UnitDraft {
        UnitDraft {
            editing: Some(r.id),
            address: r.unit.address.short(),
            area: r.unit.area.to_string(),
            status: r.unit.status,
            note: r.unit.note.clone(),
            errors: Vec::new(),
        }
    }

    /// Sets a field as typed.
    pub fn set(&mut self, field: UnitField, value: String) {
        match field {
            UnitField::Address => self.address = value,
            UnitField::Area => self.area = value,
            UnitField::Note => self.note = value,
        }
    }

    /// The message beside `field`, if any.
    pub fn error(&self, field: UnitField) -> Option<&str> {
        self.errors
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, e)| e.as_str())
    }

    /// Checks every field; the unit if all are valid, otherwise the messages are set.
    pub fn validate(&mut self) -> Option<Unit> {
        self.errors.clear();
        let address = UnitAddress::parse(&self.address)
            .map_err(|e| self.errors.push((UnitField::Address, e.to_string())))
            .ok();
        let area = Area::parse(&self.area)
            .map_err(|e| self.errors.push((UnitField::Area, e.to_string())))
            .ok();
        if self.note.chars().count() > 200 {
            self.errors
                .push((UnitField::Note, "备注最多200个字".into()));
        } else if let Err(e) = check_drawable(&self.note) {
            self.errors.push((UnitField::Note, e));
        }
        match (address, area) {
            (Some(address), Some(area)) if self.errors.is_empty() => Some(Unit {
                address,
                area,
                status: self.status,
                note: self.note.trim().to_string(),
            }),
            _ => None,
        }
    }
}

/// Fields of the person form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PersonField {
    /// 姓名.
    Name,
    /// 联系电话.
    Phone,
    /// 身份证号.
    IdNumber,
    /// 入住日期.
    MoveIn,
    /// 紧急联系人.
    EmergencyContact,
    /// 紧急联系电话.
    EmergencyPhone,
    /// 备注.
    Note,
}

impl PersonField {
    /// The widget id of the field's input, for focusing it and for tests.
    pub fn id(self) -> &'static str {
        match self {
            PersonField::Name => "person-name",
            PersonField::Phone => "person-phone",
            PersonField::IdNumber => "person-id-number",
            PersonField::MoveIn => "person-move-in",
            PersonField::EmergencyContact => "person-emergency-contact",
            PersonField::EmergencyPhone => "person-emergency-phone",
            PersonField::Note => "person-note",
        }
    }
}

/// The owner or resident being added or edited.
#[derive(Debug, Clone)]
pub struct PersonDraft {
    /// The unit they belong to.
    pub unit: UnitId,
    /// The person being edited, with what is stored, or `None` for a new one.
    pub editing: Option<(PersonId, Box<Person>)>,
    /// 姓名.
    pub name: String,
    /// 联系电话; when editing, blank keeps the stored number (it is never shown in full).
    pub phone: String,
    /// 身份证号; when editing, blank keeps the stored number (it is never shown in full).
    pub id_number: String,
    /// 与房屋关系.
    pub relation: Relation,
    /// 入住日期.
    pub move_in: String,
    /// 紧急联系人.
    pub emergency_contact: String,
    /// 紧急联系电话; blank keeps the stored number when editing.
    pub emergency_phone: String,
    /// 备注.
    pub note: String,
    /// Messages beside fields.
    pub errors: Vec<(PersonField, String)>,
}

impl PersonDraft {
    /// An empty draft for a new owner of `unit`.
    pub fn new(unit: UnitId) -> PersonDraft {
        PersonDraft {
            unit,
            editing: None,
            name: String::new(),
            phone: String::new(),
            id_number: String::new(),
            relation: Relation::Owner,
            move_in: String::new(),
            emergency_contact: String::new(),
            emergency_phone: String::new(),
            note: String::new(),
            errors: Vec::new(),
        }
    }

    /// A draft holding a stored person; their ID and phone stay masked and blank means keep.
    pub fn from_record(r: &PersonRecord) -> PersonDraft {
        let p = &r.person;
        PersonDraft {
            unit: r.unit,
            editing: Some((r.id, Box::new(p.clone()))),
            name: p.name.clone(),
            relation: p.relation,
            move_in: p.move_in.map(date::table_date).unwrap_or_default(),
            emergency_contact: p.emergency_contact.clone(),
            note: p.note.clone(),
            ..PersonDraft::new(r.unit)
        }
    }

    /// Sets a field as typed.
    pub fn set(&mut self, field: PersonField, value: String) {
        let slot = match field {
            PersonField::Name => &mut self.name,
            PersonField::Phone => &mut self.phone,
            PersonField::IdNumber => &mut self.id_number,
            PersonField::MoveIn => &mut self.move_in,
            PersonField::EmergencyContact => &mut self.emergency_contact,
            PersonField::EmergencyPhone => &mut self.emergency_phone,
            PersonField::Note => &mut self.note,
        };
        *slot = value;
    }

    /// The message beside `field`, if any.
    pub fn error(&self, field: PersonField) -> Option<&str> {
        self.errors
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, e)| e.as_str())
    }

    /// What the stored person had, for placeholders such as `已登记 138****5678，不改请留空`.
    pub fn stored(&self) -> Option<&Person> {
        self.editing.as_ref().map(|(_, p)| p.as_ref())
    }

    /// Checks every field; the person if all are valid, otherwise the messages are set.
    pub fn validate(&mut self) -> Option<Person> {
        self.errors.clear();
        let stored = self.stored().cloned();
        let mut errors = Vec::new();
        let name = person::validate_name(&self.name)
            .map_err(|e| e.to_string())
            .and_then(|n| check_drawable(&n).map(|()| n))
            .map_err(|e| errors.push((PersonField::Name, e)))
            .ok();
        let mobile = |text: &str, keep: Option<Mobile>, field, errors: &mut Vec<_>| {
            if text.trim().is_empty() {
                return keep;
            }
            Mobile::parse(text)
                .map_err(|e| errors.push((field, e.to_string())))
                .ok()
        };
        let phone = mobile(
            &self.phone,
            stored.as_ref().and_then(|p| p.phone.clone()),
            PersonField::Phone,
            &mut errors,
        );
        let emergency_phone = mobile(
            &self.emergency_phone,
            stored.as_ref().and_then(|p| p.emergency_phone.clone()),
            PersonField::EmergencyPhone,
            &mut errors,
        );
        let id_number = if self.id_number.trim().is_empty() {
            stored.as_ref().and_then(|p| p.id_number.clone())
        } else {
            ResidentId::parse(&self.id_number)
                .map_err(|e| errors.push((PersonField::IdNumber, e.to_string())))
                .ok()
        };
        let move_in = if self.move_in.trim().is_empty() {
            None
        } else {
            date::parse_date(&self.move_in)
                .map_err(|e| errors.push((PersonField::MoveIn, e.to_string())))
                .ok()
        };
        if self.emergency_contact.chars().count() > 30 {
            errors.push((PersonField::EmergencyContact, "紧急联系人最多30个字".into()));
        } else if let Err(e) = check_drawable(&self.emergency_contact) {
            errors.push((PersonField::EmergencyContact, e));
        }
        if self.note.chars().count() > 200 {
            errors.push((PersonField::Note, "备注最多200个字".into()));
        } else if let Err(e) = check_drawable(&self.note) {
            errors.push((PersonField::Note, e));
        }
        self.errors = errors;
        if !self.errors.is_empty() {
            return None;
        }
        Some(Person {
            name: name?,
            phone,
            id_number,
            relation: self.relation,
            move_in,
            emergency_contact: self.emergency_contact.trim().to_string(),
            emergency_phone,
            note: self.note.trim().to_string(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bad_unit_draft_names_each_field() {
        let mut d = UnitDraft {
            address: "三号楼".into(),
            area: "-3".into(),
            ..UnitDraft::default()
        };
        assert!(d.validate().is_none());
        assert!(d.error(UnitField::Address).is_some());
        assert!(d.error(UnitField::Area).is_some());
        d.address = "3-2-1502".into();
        d.area = "89.5".into();
        let unit = d.validate().expect("valid");
        assert_eq!(unit.address.short(), "3-2-1502");
        assert_eq!(unit.area, Area(8950));
    }

    #[test]
    fn a_name_the_font_cannot_draw_is_refused_before_saving() {
        let mut d = PersonDraft::new(UnitId(1));
        d.name = "王\u{20000}".into();
        assert!(d.validate().is_none());
        assert!(
            d.error(PersonField::Name)
                .is_some_and(|e| e.contains('\u{20000}')),
            "{:?}",
            d.errors
        );
        d.name = "王㐀".into(); // Extension A is in the font
        assert!(d.validate().is_some(), "{:?}", d.errors);
    }

    #[test]
    fn a_person_draft_keeps_stored_numbers_when_left_blank() {
        let mut d = PersonDraft::new(UnitId(1));
        d.name = "张伟".into();
        d.id_number = "11010519491231002Y".into();
        assert!(d.validate().is_none());
        assert!(d.error(PersonField::IdNumber).is_some());
        d.id_number = "11010519491231002x".into();
        d.phone = "138 0013 8000".into();
        let p = d.validate().expect("valid");
        let record = PersonRecord {
            id: PersonId(7),
            unit: UnitId(1),
            person: p,
        };
        let mut again = PersonDraft::from_record(&record);
        assert!(again.id_number.is_empty() && again.phone.is_empty());
        let kept = again.validate().expect("valid");
        assert_eq!(kept.id_number, record.person.id_number);
        assert_eq!(
            kept.phone.map(|m| m.as_str().to_string()),
            Some("13800138000".into())
        );
    }
}
