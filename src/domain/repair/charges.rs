//! Materials, labour and the charge: quantities in hundredths and money in fen, never floats.

use serde::{Deserialize, Serialize};

use super::{Payment, Receipt};
use crate::domain::Fen;
use crate::domain::text::parse_hundredths;

/// A quantity in hundredths (1.5 m of pipe is 150), so nothing is a float.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default, Serialize, Deserialize)]
pub struct Qty(pub i64);

impl Qty {
    /// Reads `2`, `1.5`, `0.25`; positive, at most two decimals.
    pub fn parse(text: &str) -> Result<Qty, &'static str> {
        let t = text.trim();
        if t.is_empty() {
            return Err("请填写数量");
        }
        let v = parse_hundredths(&crate::domain::normalize_digits(t))
            .map_err(|_| "数量请填数字，最多两位小数，例如 2 或 1.5")?;
        if v <= 0 {
            return Err("数量要大于0");
        }
        Ok(Qty(v))
    }
}

impl std::fmt::Display for Qty {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (whole, frac) = (self.0 / 100, self.0 % 100);
        match frac {
            0 => write!(f, "{whole}"),
            f10 if f10 % 10 == 0 => write!(f, "{whole}.{}", f10 / 10),
            _ => write!(f, "{whole}.{frac:02}"),
        }
    }
}

/// One line of materials on the slip.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Material {
    /// 名称.
    pub name: String,
    /// 规格.
    pub spec: String,
    /// 型号.
    pub model: String,
    /// 数量.
    pub qty: Qty,
    /// 单位 (个, 米 …).
    pub unit: String,
    /// 单价.
    pub price: Fen,
}

impl Material {
    /// 金额: price × quantity, rounded half up to the fen; `None` on overflow.
    pub fn total(&self) -> Option<Fen> {
        let raw = i128::from(self.price.0) * i128::from(self.qty.0);
        let rounded = if raw >= 0 { raw + 50 } else { raw - 50 } / 100;
        i64::try_from(rounded).ok().map(Fen)
    }
}

/// Materials, labour and how the charge was settled.
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize)]
pub struct Charges {
    /// Materials lines.
    pub materials: Vec<Material>,
    /// 人工费.
    pub labour: Fen,
    /// 付款方式, once paid.
    pub payment: Option<Payment>,
    /// 票据, once handed over.
    pub receipt: Option<Receipt>,
}

impl Charges {
    /// Sum of the materials lines.
    pub fn materials_total(&self) -> Option<Fen> {
        self.materials
            .iter()
            .try_fold(Fen(0), |sum, m| sum.checked_add(m.total()?))
    }

    /// 合计: materials plus labour; `None` on overflow.
    pub fn total(&self) -> Option<Fen> {
        self.materials_total()?.checked_add(self.labour)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn totals_are_in_fen_with_half_up_rounding() {
        let m = |qty: i64, price: i64| Material {
            name: "PVC管".into(),
            spec: String::new(),
            model: String::new(),
            qty: Qty(qty),
            unit: "米".into(),
            price: Fen(price),
        };
        assert_eq!(m(150, 1299).total(), Some(Fen(1949))); // 1.5 × 12.99 = 19.485 → 19.49
        assert_eq!(m(200, 1250).total(), Some(Fen(2500)));
        let c = Charges {
            materials: vec![m(200, 1250), m(100, 3580)],
            labour: Fen(5000),
            payment: None,
            receipt: None,
        };
        assert_eq!(c.materials_total(), Some(Fen(6080)));
        assert_eq!(c.total(), Some(Fen(11080)));
        assert_eq!(m(100, i64::MAX).total(), Some(Fen(i64::MAX)));
        assert_eq!(m(200, i64::MAX).total(), None);
    }

    #[test]
    fn quantities_parse_without_floats() {
        assert_eq!(Qty::parse("1.5"), Ok(Qty(150)));
        assert_eq!(Qty::parse(" 2 "), Ok(Qty(200)));
        assert!(Qty::parse("0").is_err());
        assert!(Qty::parse("一").is_err());
        assert_eq!(Qty(150).to_string(), "1.5");
        assert_eq!(Qty(125).to_string(), "1.25");
        assert_eq!(Qty(300).to_string(), "3");
    }
}
