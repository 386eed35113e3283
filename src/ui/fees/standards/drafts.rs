//! The forms of the 收费标准与车位 pane: a price from a month on, a fee item, a parking space;
//! each keeps what was typed and says, beside the field, what to fix.

use std::collections::HashMap;

use chrono::NaiveDate;

use crate::domain::date::{parse_date, table_date};
use crate::domain::fees::{FeeItem, FeeItemId, FeeKind, Meter, Price, UnitKind};
use crate::domain::unit::UnitId;
use crate::domain::{Fen, Month, UnitAddress};
use crate::store::{ParkingSpace, Store};

/// A text field of one of the pane's forms.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    /// 起始月份.
    PriceFrom,
    /// 单价.
    PriceAmount,
    /// 项目代码.
    ItemCode,
    /// 项目名称.
    ItemName,
    /// 车位号.
    SpaceNumber,
    /// 区域/楼层.
    SpacePlace,
    /// 房号.
    SpaceUnit,
    /// 车牌.
    SpacePlates,
    /// 起租日期.
    SpaceFrom,
    /// 备注.
    SpaceNote,
}

impl Field {
    /// The widget id of the field.
    pub fn id(self) -> &'static str {
        match self {
            Field::PriceFrom => "fee-price-from",
            Field::PriceAmount => "fee-price-amount",
            Field::ItemCode => "fee-item-code",
            Field::ItemName => "fee-item-name",
            Field::SpaceNumber => "parking-number",
            Field::SpacePlace => "parking-place",
            Field::SpaceUnit => "parking-unit",
            Field::SpacePlates => "parking-plates",
            Field::SpaceFrom => "parking-from",
            Field::SpaceNote => "parking-note",
        }
    }
}

/// Typed text and the messages beside the fields.
#[derive(Debug, Clone, Default)]
pub struct Texts {
    values: HashMap<Field, String>,
    errors: HashMap<Field, String>,
}

impl Texts {
    /// What was typed in `f`.
    pub fn get(&self, f: Field) -> &str {
        self.values.get(&f).map_or("", String::as_str)
    }

    /// The message beside `f`.
    pub fn error(&self, f: Field) -> Option<&str> {
        self.errors.get(&f).map(String::as_str)
    }

    /// `f` was edited: its text, and its message goes.
    pub fn set(&mut self, f: Field, value: String) {
        self.errors.remove(&f);
        self.values.insert(f, value);
    }

    fn fail(&mut self, f: Field, e: impl ToString) {
        self.errors.insert(f, e.to_string());
    }

    fn with(mut self, f: Field, value: impl Into<String>) -> Texts {
        self.values.insert(f, value.into());
        self
    }
}

/// The unit kind a price is for: every kind, or one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KindChoice(pub Option<UnitKind>);

impl KindChoice {
    /// 全部, then each kind.
    pub fn all() -> Vec<KindChoice> {
        std::iter::once(KindChoice(None))
            .chain(UnitKind::ALL.iter().map(|k| KindChoice(Some(*k))))
            .collect()
    }
}

impl std::fmt::Display for KindChoice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.0 {
            None => f.write_str("全部"),
            Some(k) => f.write_str(k.label()),
        }
    }
}

/// A fee item as a picker shows it: `WYF 物业管理服务费`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemChoice {
    /// The item.
    pub id: FeeItemId,
    /// `WYF 物业管理服务费`.
    pub label: String,
}

impl std::fmt::Display for ItemChoice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.label)
    }
}

impl ItemChoice {
    /// The item's choice.
    pub fn of(item: &FeeItem) -> ItemChoice {
        ItemChoice {
            id: item.id,
            label: format!("{} {}", item.code, item.name),
        }
    }
}

/// 调整价格: an item's price from a month on.
#[derive(Debug, Clone)]
pub struct PriceDraft {
    /// The item.
    pub item: Option<ItemChoice>,
    /// The unit kind it is for.
    pub kind: KindChoice,
    /// 起始月份 and 单价.
    pub texts: Texts,
}

impl PriceDraft {
    /// A new price for `item`, from next month.
    pub fn new(item: Option<ItemChoice>, month: Month) -> PriceDraft {
        PriceDraft {
            item,
            kind: KindChoice(None),
            texts: Texts::default().with(Field::PriceFrom, month.next().code()),
        }
    }

    /// The price, or the messages beside the fields.
    pub fn check(&mut self) -> Option<Price> {
        self.texts.errors.clear();
        let from = Month::parse(self.texts.get(Field::PriceFrom));
        let fen = Fen::parse(self.texts.get(Field::PriceAmount));
        if let Err(e) = &from {
            self.texts.fail(Field::PriceFrom, e);
        }
        match &fen {
            Err(e) => self.texts.fail(Field::PriceAmount, e),
            Ok(f) if f.0 < 0 => self.texts.fail(Field::PriceAmount, "单价不能是负数"),
            Ok(_) => {}
        }
        let item = self.item.as_ref()?.id;
        let (Ok(from), Ok(fen)) = (from, fen) else {
            return None;
        };
        (fen.0 >= 0).then_some(Price {
            item,
            unit_kind: self.kind.0,
            from,
            fen,
        })
    }
}

/// 新增项目 or 修改项目 (name, vacancy rule and active flag; code and kind stay).
#[derive(Debug, Clone)]
pub struct ItemDraft {
    /// 0 for a new item.
    pub id: FeeItemId,
    /// How its amount is worked out.
    pub kind: FeeKind,
    /// The meter, for metered and apportioned items.
    pub meter: Option<Meter>,
    /// 空置按50%.
    pub vacancy_discount: bool,
    /// 启用.
    pub active: bool,
    /// 代码 and 名称.
    pub texts: Texts,
}

impl Default for ItemDraft {
    /// A new item: a one-off, active.
    fn default() -> ItemDraft {
        ItemDraft {
            id: FeeItemId(0),
            kind: FeeKind::OneOff,
            meter: None,
            vacancy_discount: false,
            active: true,
            texts: Texts::default(),
        }
    }
}

impl ItemDraft {
    /// A new item.
    pub fn new() -> ItemDraft {
        ItemDraft::default()
    }

    /// Changing `item`.
    pub fn edit(item: &FeeItem) -> ItemDraft {
        ItemDraft {
            id: item.id,
            kind: item.kind,
            meter: item.meter,
            vacancy_discount: item.vacancy_discount,
            active: item.active,
            texts: Texts::default()
                .with(Field::ItemCode, item.code.clone())
                .with(Field::ItemName, item.name.clone()),
        }
    }

    /// Whether the item's kind reads a meter.
    pub fn needs_meter(&self) -> bool {
        matches!(self.kind, FeeKind::Metered | FeeKind::Apportioned)
    }

    /// The item, or the messages beside the fields.
    pub fn check(&mut self) -> Option<FeeItem> {
        self.texts.errors.clear();
        let code = self.texts.get(Field::ItemCode).trim().to_ascii_uppercase();
        let name = self.texts.get(Field::ItemName).trim().to_string();
        if code.is_empty() {
            self.texts.fail(Field::ItemCode, "请填写项目代码，例如 TCF");
        } else if code.len() > 12 || !code.bytes().all(|b| b.is_ascii_alphanumeric()) {
            self.texts
                .fail(Field::ItemCode, "项目代码只能用字母和数字，最多 12 位");
        }
        if name.is_empty() {
            self.texts.fail(Field::ItemName, "请填写项目名称");
        }
        let meter = if self.needs_meter() {
            Some(self.meter.unwrap_or(Meter::Water))
        } else {
            None
        };
        if self.texts.error(Field::ItemCode).is_some()
            || self.texts.error(Field::ItemName).is_some()
        {
            return None;
        }
        Some(FeeItem {
            id: self.id,
            code,
            name,
            kind: self.kind,
            meter,
            vacancy_discount: self.vacancy_discount,
            active: self.active,
        })
    }
}

/// 新增车位 or 修改车位.
#[derive(Debug, Clone, Default)]
pub struct SpaceDraft {
    /// The space changed; `None` for a new one.
    pub id: Option<crate::store::ParkingId>,
    /// Its fields.
    pub texts: Texts,
}

impl SpaceDraft {
    /// A new space.
    pub fn new() -> SpaceDraft {
        SpaceDraft::default()
    }

    /// Changing `space`.
    pub fn edit(space: &ParkingSpace) -> SpaceDraft {
        let unit = space.address.map(|a| a.short()).unwrap_or_default();
        let from = space.from.map(table_date).unwrap_or_default();
        SpaceDraft {
            id: space.id,
            texts: Texts::default()
                .with(Field::SpaceNumber, space.number.clone())
                .with(Field::SpacePlace, space.place.clone())
                .with(Field::SpaceUnit, unit)
                .with(Field::SpacePlates, space.plates.clone())
                .with(Field::SpaceFrom, from)
                .with(Field::SpaceNote, space.note.clone()),
        }
    }

    /// The space, or the messages beside the fields. The unit is looked up in the register.
    pub fn check(&mut self, store: &Store) -> Option<ParkingSpace> {
        self.texts.errors.clear();
        let t = |d: &SpaceDraft, f| d.texts.get(f).trim().to_string();
        let number = t(self, Field::SpaceNumber);
        if number.is_empty() {
            self.texts
                .fail(Field::SpaceNumber, "请填写车位号，例如 B1-023");
        }
        let (unit, address) = self.unit(store);
        let from: Option<NaiveDate> = match t(self, Field::SpaceFrom).as_str() {
            "" => None,
            s => match parse_date(s) {
                Ok(d) => Some(d),
                Err(e) => {
                    self.texts.fail(Field::SpaceFrom, e);
                    None
                }
            },
        };
        if from.is_some() && unit.is_none() && self.texts.error(Field::SpaceUnit).is_none() {
            self.texts
                .fail(Field::SpaceUnit, "填了起租日期，请同时填写房号");
        }
        if self.texts.errors.is_empty() {
            Some(ParkingSpace {
                id: self.id,
                number,
                place: t(self, Field::SpacePlace),
                unit,
                address,
                plates: t(self, Field::SpacePlates),
                from,
                note: t(self, Field::SpaceNote),
            })
        } else {
            None
        }
    }

    /// The unit typed (none while the space is free), looked up in the register.
    fn unit(&mut self, store: &Store) -> (Option<UnitId>, Option<UnitAddress>) {
        let typed = self.texts.get(Field::SpaceUnit).trim().to_string();
        if typed.is_empty() {
            return (None, None);
        }
        let address = match UnitAddress::parse(&typed) {
            Ok(a) => a,
            Err(e) => {
                self.texts.fail(Field::SpaceUnit, e);
                return (None, None);
            }
        };
        match store.unit_at(address) {
            Ok(Some(u)) => (Some(u.id), Some(address)),
            Ok(None) => {
                self.texts.fail(
                    Field::SpaceUnit,
                    format!("档案中没有 {address}，请先在房屋与业主中登记"),
                );
                (None, None)
            }
            Err(e) => {
                self.texts.fail(Field::SpaceUnit, e);
                (None, None)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wyf() -> ItemChoice {
        ItemChoice {
            id: FeeItemId(1),
            label: "WYF 物业管理服务费".into(),
        }
    }

    #[test]
    fn a_price_needs_a_month_and_an_amount_in_fen() {
        let month = Month::new(2026, 11).unwrap();
        let mut d = PriceDraft::new(Some(wyf()), month);
        assert_eq!(d.texts.get(Field::PriceFrom), "2026-12", "from next month");
        d.texts.set(Field::PriceAmount, "-1".into());
        assert!(d.check().is_none());
        assert_eq!(d.texts.error(Field::PriceAmount), Some("单价不能是负数"));
        d.texts.set(Field::PriceFrom, "2027-13".into());
        d.texts.set(Field::PriceAmount, "1.35".into());
        assert!(d.check().is_none());
        assert!(d.texts.error(Field::PriceFrom).is_some());
        d.texts.set(Field::PriceFrom, "2027年1月".into());
        d.kind = KindChoice(Some(UnitKind::Shop));
        let p = d.check().unwrap();
        assert_eq!(
            (p.from, p.fen, p.unit_kind),
            (Month::new(2027, 1).unwrap(), Fen(135), Some(UnitKind::Shop))
        );
    }

    #[test]
    fn a_new_item_needs_a_short_code_and_a_name() {
        let mut d = ItemDraft::new();
        d.texts.set(Field::ItemCode, "临时".into());
        assert!(d.check().is_none());
        assert!(d.texts.error(Field::ItemCode).is_some());
        assert_eq!(d.texts.error(Field::ItemName), Some("请填写项目名称"));
        d.texts.set(Field::ItemCode, " tcf ".into());
        d.texts.set(Field::ItemName, "临时停车费".into());
        d.kind = FeeKind::Metered;
        let item = d.check().unwrap();
        assert_eq!(
            (item.code.as_str(), item.meter),
            ("TCF", Some(Meter::Water))
        );
    }
}
