//! The intake form as typed: a unit picked by searching the register, or a public area and its
//! officer; kept as text until it is valid, with a message per field.

use std::collections::HashMap;

use chrono::{Duration, NaiveDate, NaiveDateTime, Timelike};

use crate::domain::repair::{Channel, Intake, IntakeField, Place};
use crate::domain::staff::StaffId;
use crate::domain::unit::UnitId;
use crate::domain::{Fen, Mobile, UnitAddress};

/// A field of the intake form; its id is the text_input's id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    /// 房号 search.
    Unit,
    /// 公共位置.
    Location,
    /// 报修人.
    Reporter,
    /// 联系电话.
    Phone,
    /// 类别.
    Category,
    /// 报修内容.
    Description,
    /// 预约时间.
    Appointment,
    /// 收费项目.
    Quote,
    /// 报价.
    QuoteAmount,
}

impl Field {
    /// The text_input id, for focusing and for tests.
    pub fn id(self) -> &'static str {
        match self {
            Field::Unit => "repair-unit",
            Field::Location => "repair-location",
            Field::Reporter => "repair-reporter",
            Field::Phone => "repair-phone",
            Field::Category => "repair-category",
            Field::Description => "repair-description",
            Field::Appointment => "repair-appointment",
            Field::Quote => "repair-quote",
            Field::QuoteAmount => "repair-quote-amount",
        }
    }

    fn of(f: IntakeField) -> Field {
        match f {
            IntakeField::Place => Field::Location,
            IntakeField::Reporter => Field::Reporter,
            IntakeField::Phone => Field::Phone,
            IntakeField::Category => Field::Category,
            IntakeField::Description => Field::Description,
            IntakeField::Appointment => Field::Appointment,
            IntakeField::Quote => Field::Quote,
            IntakeField::QuoteAmount => Field::QuoteAmount,
        }
    }
}

/// The intake form.
#[derive(Debug, Clone, Default)]
pub struct IntakeDraft {
    /// Public area instead of a unit.
    pub public: bool,
    /// Typed in the unit search box.
    pub unit_text: String,
    /// The unit picked.
    pub unit: Option<(UnitId, UnitAddress)>,
    /// 公共位置.
    pub location: String,
    /// The area's service officer.
    pub officer: Option<(StaffId, String)>,
    /// 报修人.
    pub reporter: String,
    /// 联系电话.
    pub phone: String,
    /// 报修方式.
    pub channel: Option<Channel>,
    /// 类别.
    pub category: Option<String>,
    /// 报修内容.
    pub description: String,
    /// 预约时间.
    pub appointment: String,
    /// 收费维修.
    pub chargeable: bool,
    /// 收费项目.
    pub quote: String,
    /// 报价.
    pub quote_amount: String,
    /// Messages beside fields, after a save was tried.
    pub errors: HashMap<Field, String>,
}

impl IntakeDraft {
    /// An empty form with the appointment half an hour from `now`, on the quarter hour.
    pub fn new(now: NaiveDateTime) -> Self {
        let t = now + Duration::minutes(30);
        let t = t
            .with_minute(t.minute() / 15 * 15)
            .and_then(|t| t.with_second(0))
            .unwrap_or(t);
        IntakeDraft {
            channel: Some(Channel::Call),
            appointment: crate::domain::date::table_datetime(t),
            ..Self::default()
        }
    }

    /// Sets a text field.
    pub fn set(&mut self, field: Field, value: String) {
        let slot = match field {
            Field::Unit => {
                self.unit = None;
                &mut self.unit_text
            }
            Field::Location => &mut self.location,
            Field::Reporter => &mut self.reporter,
            Field::Phone => &mut self.phone,
            Field::Category => return,
            Field::Description => &mut self.description,
            Field::Appointment => &mut self.appointment,
            Field::Quote => &mut self.quote,
            Field::QuoteAmount => &mut self.quote_amount,
        };
        *slot = value;
        self.errors.remove(&field);
    }

    /// The message beside `field`, if any.
    pub fn error(&self, field: Field) -> Option<&str> {
        self.errors.get(&field).map(String::as_str)
    }

    /// The intake, or `None` with every problem placed beside its field.
    pub fn validate(&mut self, today: NaiveDate) -> Option<Intake> {
        self.errors.clear();
        let mut err = |f: Field, m: &str| {
            self.errors.entry(f).or_insert_with(|| m.to_string());
        };
        let place = if self.public {
            match &self.officer {
                Some((id, name)) => Some(Place::Public {
                    location: self.location.trim().to_string(),
                    officer: *id,
                    officer_name: name.clone(),
                }),
                None => {
                    err(Field::Location, "请选择负责该区域的客户服务员");
                    None
                }
            }
        } else {
            match self.unit {
                Some((id, address)) => Some(Place::Unit { id, address }),
                None => {
                    err(Field::Unit, "请搜索并选择报修的房屋");
                    None
                }
            }
        };
        let phone = match self.phone.trim() {
            "" if self.public => None,
            "" => {
                err(Field::Phone, "请填写联系电话");
                None
            }
            p => match Mobile::parse(p) {
                Ok(m) => Some(m),
                Err(e) => {
                    err(Field::Phone, &e.to_string());
                    None
                }
            },
        };
        let appointment = crate::domain::date::parse_datetime(&self.appointment, today)
            .map_err(|e| err(Field::Appointment, &e.to_string()))
            .ok();
        let quote_amount = match (self.chargeable, self.quote_amount.trim()) {
            (false, _) | (true, "") => Some(Fen(0)),
            (true, t) => Fen::parse(t)
                .map_err(|e| err(Field::QuoteAmount, &e.to_string()))
                .ok(),
        };
        let category = self.category.clone().unwrap_or_default();
        let (Some(place), Some(appointment), Some(quote_amount)) =
            (place, appointment, quote_amount)
        else {
            // Still run the domain checks so every message shows at once.
            return None;
        };
        let intake = Intake {
            place,
            reporter: self.reporter.trim().to_string(),
            phone,
            channel: self.channel.unwrap_or(Channel::Call),
            category,
            description: self.description.trim().to_string(),
            appointment,
            chargeable: self.chargeable,
            quote: if self.chargeable {
                self.quote.trim().to_string()
            } else {
                String::new()
            },
            quote_amount,
        };
        for (f, m) in intake.validate() {
            err(Field::of(f), m);
        }
        self.errors.is_empty().then_some(intake)
    }
}
