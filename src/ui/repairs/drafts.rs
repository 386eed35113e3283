//! The work, rating and callback forms as typed, kept as text until they are valid.

use crate::domain::Fen;
use crate::domain::repair::{
    Callback, Charges, Material, Nonconformity, Payment, Qty, Rating, Receipt,
};

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
    /// Whom to call, with full phone numbers: the receptionist's callback needs them
    /// (`报修人 王建国 13812345678`). Shown only on this form.
    pub contacts: Vec<String>,
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
            contacts: Vec::new(),
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
