//! The intake form as typed: who (an owner picked from the register, or a free name and phone),
//! where (a unit, a public place, or nowhere in particular), what, and how it is classified;
//! kept as text until it is valid, with a message per field.

use std::collections::HashMap;

use chrono::NaiveDateTime;

use crate::domain::Mobile;
use crate::domain::UnitAddress;
use crate::domain::feedback::{Category, Channel, Intake, IntakeField, Severity, Where};
use crate::domain::unit::UnitId;
use crate::ui::OwnerChoice;

/// A field of the intake form; its id is the text_input's id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    /// 房号 search.
    Unit,
    /// 公共位置.
    Location,
    /// 反映人.
    Name,
    /// 联系电话.
    Phone,
    /// 反映内容.
    Content,
    /// 类别 (a choice; messages only).
    Category,
    /// 区域客户服务员 for a public 报修 (a choice; messages only).
    Officer,
}

impl Field {
    /// The text_input id, for focusing and for tests.
    pub fn id(self) -> &'static str {
        match self {
            Field::Unit => "feedback-unit",
            Field::Location => "feedback-location",
            Field::Name => "feedback-name",
            Field::Phone => "feedback-phone",
            Field::Content => "feedback-content",
            Field::Category => "feedback-category",
            Field::Officer => "feedback-officer",
        }
    }

    fn of(f: IntakeField) -> Field {
        match f {
            IntakeField::Place => Field::Location,
            IntakeField::Name => Field::Name,
            IntakeField::Phone => Field::Phone,
            IntakeField::Content => Field::Content,
            IntakeField::Category => Field::Category,
            IntakeField::Officer => Field::Officer,
        }
    }
}

/// Where the matter is, as the form offers it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PlaceKind {
    /// A unit of the register.
    #[default]
    Unit,
    /// A public place, named.
    Public,
    /// Nowhere in particular (a suggestion about the service).
    None,
}

impl PlaceKind {
    /// Every choice, as the form lists them.
    pub const ALL: [PlaceKind; 3] = [PlaceKind::Unit, PlaceKind::Public, PlaceKind::None];
}

impl std::fmt::Display for PlaceKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            PlaceKind::Unit => "房屋",
            PlaceKind::Public => "公共区域",
            PlaceKind::None => "不涉及具体位置",
        })
    }
}

/// The intake form.
#[derive(Debug, Clone, Default)]
pub struct IntakeDraft {
    /// 来电, 来访 …
    pub channel: Option<Channel>,
    /// 报修, 投诉 …
    pub category: Option<Category>,
    /// 一般 or 重大.
    pub severity: Option<Severity>,
    /// Unit, public place or none.
    pub place: PlaceKind,
    /// Typed in the unit search box.
    pub unit_text: String,
    /// The unit picked.
    pub unit: Option<(UnitId, UnitAddress)>,
    /// The picked unit's owners, to pick the caller from.
    pub owners: Vec<OwnerChoice>,
    /// The owner picked: their name and stored phone are used.
    pub owner: Option<OwnerChoice>,
    /// 公共位置.
    pub location: String,
    /// 反映人 (a free name when no owner is picked).
    pub name: String,
    /// 联系电话 typed (overrides the picked owner's).
    pub phone: String,
    /// 反映内容.
    pub content: String,
    /// The area's service officer, for a public 报修.
    pub officer: Option<(crate::domain::staff::StaffId, String)>,
    /// Messages beside fields, after a save was tried.
    pub errors: HashMap<Field, String>,
}

impl IntakeDraft {
    /// An empty form: a phone call of general severity, about a unit.
    pub fn new() -> Self {
        IntakeDraft {
            channel: Some(Channel::Phone),
            severity: Some(Severity::General),
            ..Self::default()
        }
    }

    /// Sets a text field; typing a name of one's own drops the owner picked.
    pub fn set(&mut self, field: Field, value: String) {
        let slot = match field {
            Field::Unit => {
                self.unit = None;
                self.owners.clear();
                self.owner = None;
                &mut self.unit_text
            }
            Field::Location => &mut self.location,
            Field::Name => {
                self.owner = None;
                &mut self.name
            }
            Field::Phone => &mut self.phone,
            Field::Content => &mut self.content,
            Field::Category | Field::Officer => return,
        };
        *slot = value;
        self.errors.remove(&field);
    }

    /// Picks an owner of the unit as the caller.
    pub fn pick_owner(&mut self, owner: OwnerChoice) {
        self.name = owner.name.clone();
        self.owner = Some(owner);
        self.errors.remove(&Field::Name);
        self.errors.remove(&Field::Phone);
    }

    /// The message beside `field`, if any.
    pub fn error(&self, field: Field) -> Option<&str> {
        self.errors.get(&field).map(String::as_str)
    }

    /// The intake received at `now` by `by_name`, or `None` with every problem placed beside
    /// its field.
    pub fn validate(&mut self, now: NaiveDateTime, by_name: &str) -> Option<Intake> {
        self.errors.clear();
        let mut err = |f: Field, m: &str| {
            self.errors.entry(f).or_insert_with(|| m.to_string());
        };
        let place = match self.place {
            PlaceKind::Unit => match self.unit {
                Some((id, address)) => Some(Where::Unit { id, address }),
                None => {
                    err(Field::Unit, "请搜索并选择房屋，或改选“公共区域”");
                    None
                }
            },
            PlaceKind::Public => Some(Where::Public(self.location.trim().to_string())),
            PlaceKind::None => Some(Where::None),
        };
        let phone = match self.phone.trim() {
            "" => self.owner.as_ref().and_then(|o| o.phone.clone()),
            p => match Mobile::parse(p) {
                Ok(m) => Some(m),
                Err(e) => {
                    err(Field::Phone, &e.to_string());
                    None
                }
            },
        };
        let Some(category) = self.category else {
            err(
                Field::Category,
                "请选择类别：报修、投诉、建议、咨询、求助或其他",
            );
            return None;
        };
        let place = place?;
        if self.errors.contains_key(&Field::Phone) {
            return None;
        }
        let intake = Intake {
            channel: self.channel.unwrap_or(Channel::Phone),
            name: self.name.trim().to_string(),
            phone,
            person: self.owner.as_ref().map(|o| o.person),
            place,
            content: self.content.trim().to_string(),
            category,
            severity: self.severity.unwrap_or(Severity::General),
            received_at: now,
            received_by_name: by_name.to_string(),
            officer: self.officer.clone(),
        };
        for (f, m) in intake.check() {
            self.errors
                .entry(Field::of(f))
                .or_insert_with(|| m.to_string());
        }
        self.errors.is_empty().then_some(intake)
    }
}
