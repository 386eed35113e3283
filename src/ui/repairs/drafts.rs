//! What the receptionist is typing in the repairs tab, kept as text until it is valid.

use std::collections::HashMap;

use chrono::{Duration, NaiveDateTime, Timelike};

use crate::domain::repair::{
    Callback, Channel, Charges, Intake, IntakeField, Material, Nonconformity, Payment, Place, Qty,
    Rating, Receipt,
};
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

/// Reads `2026-11-29 14:00` (seconds optional).
pub fn parse_datetime(text: &str) -> Result<NaiveDateTime, &'static str> {
    let t = crate::domain::normalize_digits(text.trim()).replace('T', " ");
    ["%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S", "%Y/%m/%d %H:%M"]
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(&t, f).ok())
        .ok_or("请按 2026-11-29 14:00 的格式填写")
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
    pub fn validate(&mut self) -> Option<Intake> {
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
        let appointment = parse_datetime(&self.appointment)
            .map_err(|e| err(Field::Appointment, e))
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

/// One materials line as typed.
#[derive(Debug, Clone, Default)]
pub struct MaterialDraft {
    /// 名称, 规格, 型号, 数量, 单位, 单价.
    pub cells: [String; 6],
    /// A message for the line.
    pub error: Option<String>,
}

/// The columns of a materials line.
pub const MATERIAL_COLUMNS: [&str; 6] = ["名称", "规格", "型号", "数量", "单位", "单价(元)"];

impl MaterialDraft {
    fn from(m: &Material) -> Self {
        MaterialDraft {
            cells: [
                m.name.clone(),
                m.spec.clone(),
                m.model.clone(),
                m.qty.to_string(),
                m.unit.clone(),
                m.price.yuan_string(),
            ],
            error: None,
        }
    }

    fn parse(&mut self) -> Option<Material> {
        let [name, spec, model, qty, unit, price] = &self.cells;
        let result = (|| {
            if name.trim().is_empty() {
                return Err("请填写材料名称".to_string());
            }
            let qty = Qty::parse(qty).map_err(str::to_string)?;
            let price = Fen::parse(price).map_err(|e| e.to_string())?;
            if price.0 < 0 {
                return Err("单价不能是负数".to_string());
            }
            Ok(Material {
                name: name.trim().into(),
                spec: spec.trim().into(),
                model: model.trim().into(),
                qty,
                unit: unit.trim().into(),
                price,
            })
        })();
        self.error = result.as_ref().err().cloned();
        result.ok()
    }
}

/// 维修情况及收费.
#[derive(Debug, Clone, Default)]
pub struct WorkDraft {
    /// 维修情况.
    pub work_done: String,
    /// Materials lines.
    pub lines: Vec<MaterialDraft>,
    /// 人工费 as typed.
    pub labour: String,
    /// 付款方式.
    pub payment: Option<Payment>,
    /// 票据.
    pub receipt: Option<Receipt>,
    /// Message beside the labour fee.
    pub labour_error: Option<String>,
}

impl WorkDraft {
    /// The form filled with what is saved.
    pub fn from(work_done: &str, c: &Charges) -> Self {
        WorkDraft {
            work_done: work_done.to_string(),
            lines: c.materials.iter().map(MaterialDraft::from).collect(),
            labour: if c.labour.0 == 0 {
                String::new()
            } else {
                c.labour.yuan_string()
            },
            payment: c.payment,
            receipt: c.receipt,
            labour_error: None,
        }
    }

    /// The charges, or `None` with messages on the bad lines.
    pub fn validate(&mut self) -> Option<Charges> {
        let mut ok = true;
        let mut materials = Vec::new();
        for line in &mut self.lines {
            match line.parse() {
                Some(m) => materials.push(m),
                None => ok = false,
            }
        }
        let labour = match self.labour.trim() {
            "" => Fen(0),
            t => match Fen::parse(t) {
                Ok(f) if f.0 >= 0 => f,
                Ok(_) => {
                    self.labour_error = Some("人工费不能是负数".into());
                    return None;
                }
                Err(e) => {
                    self.labour_error = Some(e.to_string());
                    return None;
                }
            },
        };
        self.labour_error = None;
        ok.then_some(Charges {
            materials,
            labour,
            payment: self.payment,
            receipt: self.receipt,
        })
    }

    /// The total so far, for showing while typing (lines that do not parse count as zero).
    pub fn preview_total(&self) -> Option<Fen> {
        let mut draft = self.clone();
        let lines: Vec<Material> = draft.lines.iter_mut().filter_map(|l| l.parse()).collect();
        Charges {
            materials: lines,
            labour: Fen::parse(&self.labour).unwrap_or_default(),
            payment: None,
            receipt: None,
        }
        .total()
    }
}

/// 评价.
#[derive(Debug, Clone, Default)]
pub struct RateDraft {
    /// 满意度.
    pub rating: Option<Rating>,
    /// 意见.
    pub comment: String,
    /// 确认人.
    pub by: String,
    /// Message.
    pub error: Option<String>,
}

/// 回访.
#[derive(Debug, Clone, Default)]
pub struct CallbackDraft {
    /// 回访情况.
    pub note: String,
    /// A nonconformity to send on.
    pub has_problem: bool,
    /// 责任部门.
    pub department: String,
    /// 问题.
    pub problem: String,
    /// 纠正情况.
    pub correction: String,
    /// Message.
    pub error: Option<String>,
}

impl CallbackDraft {
    /// The form filled with a saved callback.
    pub fn from(cb: Option<&Callback>) -> Self {
        let Some(cb) = cb else {
            return Self::default();
        };
        let nc = cb.nonconformity.as_ref();
        CallbackDraft {
            note: cb.note.clone(),
            has_problem: nc.is_some(),
            department: nc.map(|n| n.department.clone()).unwrap_or_default(),
            problem: nc.map(|n| n.problem.clone()).unwrap_or_default(),
            correction: nc.map(|n| n.correction.clone()).unwrap_or_default(),
            error: None,
        }
    }

    /// The callback, or `None` with a message.
    pub fn validate(&mut self) -> Option<Callback> {
        self.error = None;
        if self.note.trim().is_empty() {
            self.error = Some("请填写回访情况（业主怎么说）".into());
        } else if self.has_problem && self.department.trim().is_empty() {
            self.error = Some("请填写不合格项的责任部门".into());
        }
        if self.error.is_some() {
            return None;
        }
        Some(Callback {
            note: self.note.trim().into(),
            nonconformity: self.has_problem.then(|| Nonconformity {
                department: self.department.trim().into(),
                problem: self.problem.trim().into(),
                correction: self.correction.trim().into(),
            }),
        })
    }
}
