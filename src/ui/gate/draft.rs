//! The new-pass form of the 物品放行 tab: what was typed, and the message beside each bad field.

use chrono::NaiveDate;

use crate::domain::item_pass::{
    ApplicantKind, DriverDoc, ItemPass, MAX_ITEMS, PassField, PassItem, PassReason, Vehicle,
};
use crate::domain::plate::Plate;
use crate::domain::{Mobile, UnitAddress, date};

/// Widget ids of the item rows' name and quantity inputs (one per row the paper holds).
pub const ITEM_NAME_IDS: [&str; MAX_ITEMS] = [
    "pass-item-name-1",
    "pass-item-name-2",
    "pass-item-name-3",
    "pass-item-name-4",
    "pass-item-name-5",
    "pass-item-name-6",
    "pass-item-name-7",
    "pass-item-name-8",
];
/// Widget ids of the quantity inputs.
pub const ITEM_QTY_IDS: [&str; MAX_ITEMS] = [
    "pass-item-qty-1",
    "pass-item-qty-2",
    "pass-item-qty-3",
    "pass-item-qty-4",
    "pass-item-qty-5",
    "pass-item-qty-6",
    "pass-item-qty-7",
    "pass-item-qty-8",
];

/// The text fields of the form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DraftField {
    /// 房号.
    Unit,
    /// 申请人.
    Applicant,
    /// 电话.
    Phone,
    /// 业主授权.
    Authorisation,
    /// 外运证明.
    Certificate,
    /// 事由说明.
    ReasonNote,
    /// 车牌.
    Plate,
    /// 司机.
    Driver,
    /// 证件号.
    DriverDoc,
    /// 放行日期.
    Planned,
    /// 外运证明开具单位.
    CertificateIssuer,
}

impl DraftField {
    /// The widget id of the field's input.
    pub fn id(self) -> &'static str {
        match self {
            DraftField::Unit => "pass-unit",
            DraftField::Applicant => "pass-applicant",
            DraftField::Phone => "pass-phone",
            DraftField::Authorisation => "pass-authorisation",
            DraftField::Certificate => "pass-certificate",
            DraftField::ReasonNote => "pass-reason-note",
            DraftField::Plate => "pass-plate",
            DraftField::Driver => "pass-driver",
            DraftField::DriverDoc => "pass-driver-doc",
            DraftField::Planned => "pass-planned",
            DraftField::CertificateIssuer => "pass-certificate-issuer",
        }
    }

    fn of(f: PassField) -> DraftField {
        match f {
            PassField::Unit => DraftField::Unit,
            PassField::Applicant => DraftField::Applicant,
            PassField::Phone => DraftField::Phone,
            PassField::Authorisation => DraftField::Authorisation,
            PassField::Certificate => DraftField::Certificate,
            PassField::CertificateIssuer => DraftField::CertificateIssuer,
            PassField::ReasonNote => DraftField::ReasonNote,
            PassField::Plate => DraftField::Plate,
            PassField::Driver => DraftField::Driver,
            PassField::DriverDoc => DraftField::DriverDoc,
            PassField::Planned => DraftField::Planned,
            // The items table's message goes under the table, keyed by the first row's name.
            PassField::Items => DraftField::Applicant,
        }
    }
}

/// A pass being filled in.
#[derive(Debug, Clone, Default)]
pub struct PassDraft {
    /// 申请人类型.
    pub kind: ApplicantKind,
    /// 事由.
    pub reason: PassReason,
    /// Text fields as typed, in [`DraftField`] order.
    pub fields: [String; 11],
    /// Item rows: name, quantity as typed.
    pub items: Vec<(String, String)>,
    /// Messages beside fields.
    pub errors: Vec<(DraftField, String)>,
    /// The message under the items table.
    pub items_error: Option<String>,
}

fn index(f: DraftField) -> usize {
    f as usize
}

impl PassDraft {
    /// An empty form for `unit`, valid for `today`.
    pub fn new(unit: &str, today: NaiveDate) -> PassDraft {
        let mut d = PassDraft {
            items: vec![(String::new(), "1".into())],
            ..PassDraft::default()
        };
        d.fields[index(DraftField::Unit)] = unit.to_string();
        d.fields[index(DraftField::Planned)] = date::table_date(today);
        d
    }

    /// The text of a field.
    pub fn get(&self, f: DraftField) -> &str {
        &self.fields[index(f)]
    }

    /// Sets a field as typed.
    pub fn set(&mut self, f: DraftField, value: String) {
        self.fields[index(f)] = value;
    }

    /// The message beside a field, if any.
    pub fn error(&self, f: DraftField) -> Option<&str> {
        self.errors
            .iter()
            .find(|(g, _)| *g == f)
            .map(|(_, e)| e.as_str())
    }

    /// Checks everything; the pass only when every field is valid.
    pub fn validate(&mut self, today: NaiveDate) -> Option<ItemPass> {
        self.errors.clear();
        self.items_error = None;
        let mut errors = Vec::new();
        let text = |f: DraftField| self.fields[index(f)].trim().to_string();
        let unit = match text(DraftField::Unit) {
            t if t.is_empty() => None,
            t => match UnitAddress::parse(&t) {
                Ok(a) => Some(a),
                Err(e) => {
                    errors.push((DraftField::Unit, e.to_string()));
                    None
                }
            },
        };
        let phone = Mobile::parse(&text(DraftField::Phone))
            .map_err(|e| errors.push((DraftField::Phone, e.to_string())))
            .ok();
        let planned = date::parse_date(&text(DraftField::Planned))
            .map_err(|e| errors.push((DraftField::Planned, e.to_string())))
            .ok();
        let plate_text = text(DraftField::Plate);
        let vehicle = if plate_text.is_empty() {
            None
        } else {
            let plate = Plate::parse(&plate_text)
                .map_err(|e| errors.push((DraftField::Plate, e.to_string())))
                .ok();
            let doc = DriverDoc::parse(&text(DraftField::DriverDoc))
                .map_err(|e| errors.push((DraftField::DriverDoc, e)))
                .ok();
            plate.zip(doc).map(|(plate, driver_doc)| Vehicle {
                plate,
                driver: text(DraftField::Driver),
                driver_doc,
            })
        };
        let mut items = Vec::new();
        for (name, qty) in &self.items {
            if name.trim().is_empty() && qty.trim().is_empty() {
                continue;
            }
            match crate::domain::normalize_digits(qty).parse::<u32>() {
                Ok(q) if q > 0 => items.push(PassItem {
                    name: name.trim().to_string(),
                    quantity: q,
                    note: String::new(),
                }),
                _ => self.items_error = Some(format!("“{}”的数量请填大于0的整数", name.trim())),
            }
        }
        // Any valid number stands in for a bad phone so every other field is still checked now.
        let stand_in = phone
            .clone()
            .or_else(|| Mobile::parse("13800000000").ok())?;
        let pass = ItemPass {
            kind: self.kind,
            unit,
            applicant: text(DraftField::Applicant),
            phone: stand_in,
            authorisation: text(DraftField::Authorisation),
            certificate_issuer: text(DraftField::CertificateIssuer),
            certificate: text(DraftField::Certificate),
            items,
            reason: self.reason,
            reason_note: text(DraftField::ReasonNote),
            vehicle,
            planned: planned.unwrap_or(today),
        };
        for (f, e) in pass.problems(today) {
            if f == PassField::Items {
                self.items_error.get_or_insert(e);
            } else if !errors.iter().any(|(g, _)| *g == DraftField::of(f)) {
                errors.push((DraftField::of(f), e));
            }
        }
        // A plate without a driver is refused only when a plate was given: hand-carried items
        // need no vehicle.
        if !plate_text.is_empty() && text(DraftField::Driver).is_empty() {
            errors.push((DraftField::Driver, "填了车牌，请填写司机姓名".into()));
        }
        self.errors = errors;
        (self.errors.is_empty()
            && self.items_error.is_none()
            && phone.is_some()
            && planned.is_some())
        .then_some(pass)
    }
}

/// The item row count the form allows.
pub fn can_add_item(d: &PassDraft) -> bool {
    d.items.len() < MAX_ITEMS
}
