//! The 收款 pane's forms as typed: the payment (method, cash handed over, prepayment, payer,
//! note), a one-off charge, an adjustment, and the unit's fee basis. Each reads what was typed
//! the way people type money and dates, and says beside the field what to fix.

use chrono::NaiveDate;

use crate::domain::date::parse_date;
use crate::domain::fees::{FeeItemId, LineId, PayMethod, UnitKind};
use crate::domain::unit::UnitId;
use crate::domain::{Fen, Month};
use crate::store::{NewCharge, Payment, UnitFeeBasis};

/// Widget ids of the payment form's fields.
pub const TENDERED_ID: &str = "fees-pay-tendered";
/// 预存 amount.
pub const PREPAY_ID: &str = "fees-pay-prepay";
/// 付款人.
pub const PAYER_ID: &str = "fees-pay-payer";
/// 备注.
pub const NOTE_ID: &str = "fees-pay-note";
/// The one-off charge's month.
pub const CHARGE_MONTH_ID: &str = "fees-charge-month";
/// The one-off charge's amount.
pub const CHARGE_AMOUNT_ID: &str = "fees-charge-amount";
/// What the one-off charge is for.
pub const CHARGE_BASIS_ID: &str = "fees-charge-basis";
/// The adjustment's amount (negative to reduce).
pub const ADJUST_DELTA_ID: &str = "fees-adjust-delta";
/// The adjustment's reason.
pub const ADJUST_REASON_ID: &str = "fees-adjust-reason";
/// 计费起始日.
pub const BASIS_FROM_ID: &str = "fees-basis-from";

/// An optional amount: empty is `None`, anything else must read as money.
fn optional_money(text: &str) -> Result<Option<Fen>, String> {
    if text.trim().is_empty() {
        return Ok(None);
    }
    Fen::parse(text).map(Some).map_err(|e| e.to_string())
}

/// The payment form as typed.
#[derive(Debug, Clone)]
pub struct PayDraft {
    /// 付款方式.
    pub method: PayMethod,
    /// 实收 (cash handed over), for cash only.
    pub tendered: String,
    /// 预存 amount, optional.
    pub prepay: String,
    /// 付款人.
    pub payer: String,
    /// 备注.
    pub note: String,
    /// Messages beside the fields, after a refused submit.
    pub errors: PayErrors,
}

/// What is wrong with the payment form, field by field.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PayErrors {
    /// Beside 实收.
    pub tendered: Option<String>,
    /// Beside 预存.
    pub prepay: Option<String>,
    /// Beside 付款人.
    pub payer: Option<String>,
}

impl PayErrors {
    fn any(&self) -> bool {
        self.tendered.is_some() || self.prepay.is_some() || self.payer.is_some()
    }
}

impl PayDraft {
    /// A fresh form for a unit whose payer is `payer`: cash, nothing typed.
    pub fn new(payer: &str) -> PayDraft {
        PayDraft {
            method: PayMethod::Cash,
            tendered: String::new(),
            prepay: String::new(),
            payer: payer.to_string(),
            note: String::new(),
            errors: PayErrors::default(),
        }
    }

    /// The prepayment typed (0 when empty), or why it cannot be read.
    pub fn prepay_amount(&self) -> Result<Fen, String> {
        match optional_money(&self.prepay)? {
            Some(f) if f.0 < 0 => Err("预存金额不能是负数".into()),
            Some(f) => Ok(f),
            None => Ok(Fen(0)),
        }
    }

    /// What the payer hands over: the chosen lines' total plus the prepayment.
    pub fn due(&self, lines_total: Fen) -> Option<Fen> {
        lines_total.checked_add(self.prepay_amount().ok()?)
    }

    /// The change (找零) as the cashier types: `None` until cash is typed and readable;
    /// `Err` when it is short.
    pub fn change(&self, lines_total: Fen) -> Option<Result<Fen, String>> {
        if self.method != PayMethod::Cash {
            return None;
        }
        let tendered = optional_money(&self.tendered).ok()??;
        let due = self.due(lines_total)?;
        Some(if tendered < due {
            Err(format!("实收比应收少 {}", Fen(due.0 - tendered.0)))
        } else {
            Ok(Fen(tendered.0 - due.0))
        })
    }

    /// The payment for `unit` paying `lines` (whose sum is `lines_total`), or the messages
    /// beside the fields (kept in `errors`).
    pub fn payment(
        &mut self,
        unit: UnitId,
        lines: Vec<LineId>,
        lines_total: Fen,
    ) -> Result<Payment, String> {
        let mut errors = PayErrors::default();
        let prepay = self.prepay_amount().unwrap_or_else(|e| {
            errors.prepay = Some(e);
            Fen(0)
        });
        let tendered = if self.method == PayMethod::Cash {
            optional_money(&self.tendered).unwrap_or_else(|e| {
                errors.tendered = Some(e);
                None
            })
        } else {
            None
        };
        let payer = self.payer.trim().to_string();
        if payer.is_empty() {
            errors.payer = Some("请填写付款人".into());
        }
        let due = lines_total.checked_add(prepay);
        if let (Some(t), Some(due)) = (tendered, due)
            && t < due
        {
            errors.tendered = Some(format!(
                "实收 {t} 少于应收 {due}，请核对（差 {}）",
                Fen(due.0 - t.0)
            ));
        }
        self.errors = errors;
        if self.errors.any() {
            return Err("有填写不正确的地方，请按红字提示修改".into());
        }
        if lines.is_empty() && prepay.0 == 0 {
            return Err("请勾选要收的费用，或填写预存金额".into());
        }
        if due.is_none_or(|d| d.0 <= 0) {
            return Err("所选费用合计不大于零，无需收款；请另勾选或填写预存金额".into());
        }
        Ok(Payment {
            unit,
            lines,
            method: self.method,
            tendered,
            prepay,
            payer,
            note: self.note.trim().to_string(),
        })
    }
}

/// A one-off item offered by the charge form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemChoice {
    /// The item.
    pub id: FeeItemId,
    /// 中文名称.
    pub name: String,
}

impl std::fmt::Display for ItemChoice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.name)
    }
}

/// A one-off charge as typed (临时收费).
#[derive(Debug, Clone, Default)]
pub struct ChargeDraft {
    /// The one-off items to choose from.
    pub items: Vec<ItemChoice>,
    /// The item chosen.
    pub item: Option<ItemChoice>,
    /// 所属月份.
    pub month: String,
    /// 金额.
    pub amount: String,
    /// 说明.
    pub basis: String,
    /// Beside 项目, 月份, 金额, 说明.
    pub errors: [Option<String>; 4],
}

impl ChargeDraft {
    /// A fresh form offering `items`, for `month`.
    pub fn new(items: Vec<ItemChoice>, month: Month) -> ChargeDraft {
        ChargeDraft {
            items,
            month: month.code(),
            ..ChargeDraft::default()
        }
    }

    /// The charge for `unit`, or the messages beside the fields.
    pub fn charge(&mut self, unit: UnitId) -> Option<NewCharge> {
        let mut errors: [Option<String>; 4] = Default::default();
        if self.item.is_none() {
            errors[0] = Some("请选择收费项目".into());
        }
        let month = Month::parse(&self.month)
            .map_err(|e| errors[1] = Some(e.to_string()))
            .ok();
        let amount = match Fen::parse(&self.amount) {
            Ok(f) if f.0 <= 0 => {
                errors[2] = Some("金额须大于零；减收请用“调整”".into());
                None
            }
            Ok(f) => Some(f),
            Err(e) => {
                errors[2] = Some(e.to_string());
                None
            }
        };
        let basis = self.basis.trim().to_string();
        if basis.is_empty() {
            errors[3] = Some("请写明收费事由，例如 更换水龙头 材料及人工".into());
        }
        self.errors = errors;
        Some(NewCharge {
            unit,
            item: self.item.as_ref()?.id,
            month: month?,
            amount: amount?,
            basis,
        })
        .filter(|_| self.errors.iter().all(Option::is_none))
    }
}

/// An adjustment of one line as typed (调整).
#[derive(Debug, Clone)]
pub struct AdjustDraft {
    /// The line corrected.
    pub line: LineId,
    /// `2026-11 物业管理服务费 ¥188.10`, for the heading.
    pub title: String,
    /// 调整金额 (negative to reduce).
    pub delta: String,
    /// 原因.
    pub reason: String,
    /// Beside 金额, 原因.
    pub errors: [Option<String>; 2],
}

impl AdjustDraft {
    /// The amount and reason, or the messages beside the fields.
    pub fn checked(&mut self) -> Option<(Fen, String)> {
        let mut errors: [Option<String>; 2] = Default::default();
        let delta = match Fen::parse(&self.delta) {
            Ok(f) if f.0 == 0 => {
                errors[0] = Some("调整金额不能为零；减收请填负数，例如 -50".into());
                None
            }
            Ok(f) => Some(f),
            Err(e) => {
                errors[0] = Some(e.to_string());
                None
            }
        };
        let reason = self.reason.trim().to_string();
        if reason.is_empty() {
            errors[1] = Some("请写明调整原因".into());
        }
        self.errors = errors;
        let delta = delta?;
        (!reason.is_empty()).then_some((delta, reason))
    }
}

/// The unit's fee basis as typed (计费信息).
#[derive(Debug, Clone)]
pub struct BasisDraft {
    /// 房屋类型.
    pub kind: UnitKind,
    /// 计费起始日, empty for the day the unit was recorded.
    pub from: String,
    /// Beside 计费起始日.
    pub error: Option<String>,
}

impl BasisDraft {
    /// The form filled from the stored basis.
    pub fn new(basis: &UnitFeeBasis) -> BasisDraft {
        BasisDraft {
            kind: basis.kind,
            from: basis
                .billing_from
                .map(crate::domain::date::table_date)
                .unwrap_or_default(),
            error: None,
        }
    }

    /// The basis, or the message beside the date.
    pub fn basis(&mut self) -> Option<UnitFeeBasis> {
        let from: Option<NaiveDate> = if self.from.trim().is_empty() {
            None
        } else {
            match parse_date(&self.from) {
                Ok(d) => Some(d),
                Err(e) => {
                    self.error = Some(e.to_string());
                    return None;
                }
            }
        };
        self.error = None;
        Some(UnitFeeBasis {
            kind: self.kind,
            billing_from: from,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cash_shows_the_change_and_refuses_short_money() {
        let mut d = PayDraft::new("王建国");
        d.tendered = "400".into();
        assert_eq!(d.change(Fen(37_620)), Some(Ok(Fen(2_380))));
        d.prepay = "100".into();
        assert!(matches!(d.change(Fen(37_620)), Some(Err(_))));
        assert!(d.payment(UnitId(1), vec![LineId(1)], Fen(37_620)).is_err());
        assert!(
            d.errors
                .tendered
                .as_deref()
                .is_some_and(|e| e.contains("少于应收"))
        );
        d.tendered = "1,000.00".into();
        let p = d.payment(UnitId(1), vec![LineId(1)], Fen(37_620)).unwrap();
        assert_eq!((p.tendered, p.prepay), (Some(Fen(100_000)), Fen(10_000)));
    }

    #[test]
    fn a_payment_needs_something_to_pay_and_a_payer() {
        let mut d = PayDraft::new("");
        d.method = PayMethod::WeChat;
        d.tendered = "abc".into(); // not read for WeChat
        assert!(d.payment(UnitId(1), vec![LineId(1)], Fen(100)).is_err());
        assert!(d.errors.payer.is_some() && d.errors.tendered.is_none());
        d.payer = "王建国".into();
        assert!(d.payment(UnitId(1), vec![], Fen(0)).is_err());
        d.prepay = "-5".into();
        assert!(d.payment(UnitId(1), vec![LineId(1)], Fen(100)).is_err());
        assert!(d.errors.prepay.is_some());
        d.prepay = "500".into();
        let p = d.payment(UnitId(1), vec![], Fen(0)).unwrap();
        assert_eq!((p.tendered, p.prepay), (None, Fen(50_000)));
    }

    #[test]
    fn charge_and_adjustment_say_what_to_fix() {
        let mut c = ChargeDraft::new(vec![], Month::new(2026, 11).unwrap());
        c.amount = "12.345".into();
        assert!(c.charge(UnitId(1)).is_none());
        assert!(c.errors.iter().all(Option::is_some) || c.errors[1].is_none());
        assert!(c.errors[0].is_some() && c.errors[2].is_some() && c.errors[3].is_some());
        c.item = Some(ItemChoice {
            id: FeeItemId(9),
            name: "特约有偿服务费".into(),
        });
        c.amount = "80".into();
        c.basis = "更换水龙头".into();
        assert_eq!(c.charge(UnitId(1)).map(|n| n.amount), Some(Fen(8_000)));

        let mut a = AdjustDraft {
            line: LineId(3),
            title: String::new(),
            delta: "0".into(),
            reason: " ".into(),
            errors: Default::default(),
        };
        assert!(a.checked().is_none() && a.errors.iter().all(Option::is_some));
        a.delta = "-50".into();
        a.reason = "面积更正".into();
        assert_eq!(a.checked(), Some((Fen(-5_000), "面积更正".into())));
    }

    #[test]
    fn basis_date_is_optional_but_must_read() {
        let mut b = BasisDraft::new(&UnitFeeBasis {
            kind: UnitKind::Shop,
            billing_from: None,
        });
        assert_eq!(b.basis().map(|b| b.billing_from), Some(None));
        b.from = "2026年2月30日".into();
        assert!(b.basis().is_none() && b.error.is_some());
        b.from = "2026-11-16".into();
        assert_eq!(
            b.basis().and_then(|b| b.billing_from),
            NaiveDate::from_ymd_opt(2026, 11, 16)
        );
    }
}
