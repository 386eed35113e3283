//! The lost-and-found forms as typed, kept as text until valid, with a message per field: the
//! item handed in, the loss report, the claim and the disposal.

use std::collections::HashMap;

use chrono::{NaiveDate, NaiveDateTime};

use crate::domain::date::{parse_datetime, parse_day, table_datetime};
use crate::domain::lostfound::{
    Category, Claim, ClaimField, Disposal, DisposalMethod, Finder, FinderKind, FoundItem,
    ItemField, LossField, LossReport, Sought, Valuable, check_loss,
};
use crate::domain::{Fen, Mobile, ResidentId};

/// A text field of a lost-and-found form; its id is the text_input's id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    /// 物品名称.
    Name,
    /// 特征.
    Description,
    /// 拾获地点.
    Place,
    /// 拾获时间.
    FoundAt,
    /// 拾获人.
    Finder,
    /// 拾获人电话.
    FinderPhone,
    /// 存放位置.
    Storage,
    /// 现金金额.
    Cash,
    /// 见证人 (a choice; messages only).
    Witnesses,
    /// 失主 / 认领人.
    Person,
    /// 电话 (loss report, claim).
    Phone,
    /// 身份证号.
    IdNumber,
    /// 遗失物品及特征 / 认领人描述.
    Words,
    /// 遗失地点.
    LostPlace,
    /// 遗失日期.
    LostOn,
    /// 核对相符 (a tick; messages only).
    Matches,
    /// 接收单位/经手人.
    Receiver,
    /// 处置原因.
    Reason,
}

impl Field {
    /// The text_input id, for focusing and for tests.
    pub fn id(self) -> &'static str {
        match self {
            Field::Name => "lf-name",
            Field::Description => "lf-description",
            Field::Place => "lf-place",
            Field::FoundAt => "lf-found-at",
            Field::Finder => "lf-finder",
            Field::FinderPhone => "lf-finder-phone",
            Field::Storage => "lf-storage",
            Field::Cash => "lf-cash",
            Field::Witnesses => "lf-witnesses",
            Field::Person => "lf-person",
            Field::Phone => "lf-phone",
            Field::IdNumber => "lf-id-number",
            Field::Words => "lf-words",
            Field::LostPlace => "lf-lost-place",
            Field::LostOn => "lf-lost-on",
            Field::Matches => "lf-matches",
            Field::Receiver => "lf-receiver",
            Field::Reason => "lf-reason",
        }
    }
}

/// Messages beside fields.
pub type Errors = HashMap<Field, String>;

fn put(errors: &mut Errors, f: Field, m: impl Into<String>) {
    errors.entry(f).or_insert_with(|| m.into());
}

fn phone(text: &str, errors: &mut Errors, f: Field) -> Option<Mobile> {
    match Mobile::parse(text) {
        Ok(m) => Some(m),
        Err(e) => {
            put(errors, f, e.to_string());
            None
        }
    }
}

/// An item being handed in.
#[derive(Debug, Clone, Default)]
pub struct ItemDraft {
    /// 类别.
    pub category: Option<Category>,
    /// 物品名称.
    pub name: String,
    /// 特征.
    pub description: String,
    /// 拾获地点.
    pub place: String,
    /// 拾获时间 as typed (`08:40`, `2026-11-20 08:40`).
    pub found_at: String,
    /// 员工, 业主/住户, 访客.
    pub finder_kind: Option<FinderKind>,
    /// 拾获人.
    pub finder: String,
    /// 拾获人电话.
    pub finder_phone: String,
    /// 存放位置.
    pub storage: String,
    /// The valuables ticked.
    pub valuables: Vec<Valuable>,
    /// 现金金额 as typed.
    pub cash: String,
    /// The witnesses picked (two), in the order picked.
    pub witnesses: Vec<String>,
    /// Messages beside fields, after a save was tried.
    pub errors: Errors,
}

impl ItemDraft {
    /// An empty form, found now.
    pub fn new(now: NaiveDateTime) -> ItemDraft {
        ItemDraft {
            found_at: table_datetime(now),
            finder_kind: Some(FinderKind::Staff),
            ..ItemDraft::default()
        }
    }

    /// Picks the kind: its valuables are ticked (a phone is a valuable).
    pub fn pick_category(&mut self, c: Category) {
        self.category = Some(c);
        self.valuables = c.valuables().to_vec();
    }

    /// Ticks or unticks a valuable.
    pub fn toggle(&mut self, v: Valuable, on: bool) {
        self.valuables.retain(|x| *x != v);
        if on {
            self.valuables.push(v);
        }
        self.errors.remove(&Field::Witnesses);
        self.errors.remove(&Field::Cash);
    }

    /// Picks a witness, or drops one picked; a third picked replaces the second.
    pub fn toggle_witness(&mut self, name: String) {
        if let Some(i) = self.witnesses.iter().position(|w| *w == name) {
            self.witnesses.remove(i);
        } else {
            self.witnesses.truncate(1);
            self.witnesses.push(name);
        }
        self.errors.remove(&Field::Witnesses);
    }

    /// The item as logged at `now`, or `None` with every problem beside its field.
    pub fn validate(&mut self, now: NaiveDateTime) -> Option<FoundItem> {
        let mut errors = Errors::new();
        let found_at = match parse_datetime(&self.found_at, now.date()) {
            Ok(t) => Some(t),
            Err(e) => {
                put(&mut errors, Field::FoundAt, e.to_string());
                None
            }
        };
        let finder_phone = match self.finder_phone.trim() {
            "" => None,
            p => phone(p, &mut errors, Field::FinderPhone),
        };
        let cash = match self.cash.trim() {
            "" => None,
            t => match Fen::parse(t) {
                Ok(f) => Some(f),
                Err(e) => {
                    put(&mut errors, Field::Cash, e.to_string());
                    None
                }
            },
        };
        let Some(category) = self.category else {
            put(&mut errors, Field::Name, "请先选择物品类别");
            self.errors = errors;
            return None;
        };
        let item = FoundItem {
            category,
            name: self.name.trim().to_string(),
            description: self.description.trim().to_string(),
            place: self.place.trim().to_string(),
            found_at: found_at.unwrap_or(now),
            finder: Finder {
                kind: self.finder_kind.unwrap_or(FinderKind::Staff),
                name: self.finder.trim().to_string(),
                phone: finder_phone,
                staff: None,
            },
            storage: self.storage.trim().to_string(),
            valuables: self.valuables.clone(),
            // Only a tick for cash makes an amount count; an amount without it is refused.
            cash: if self.valuables.contains(&Valuable::Cash) || cash.is_some() {
                cash
            } else {
                None
            },
            witnesses: if self.valuables.is_empty() {
                Vec::new()
            } else {
                self.witnesses.clone()
            },
        };
        for (f, m) in item.check(now) {
            let field = match f {
                ItemField::Name => Field::Name,
                ItemField::Description => Field::Description,
                ItemField::Place => Field::Place,
                ItemField::FoundAt => Field::FoundAt,
                ItemField::Finder => Field::Finder,
                ItemField::FinderPhone => Field::FinderPhone,
                ItemField::Storage => Field::Storage,
                ItemField::Cash => Field::Cash,
                ItemField::Witnesses => Field::Witnesses,
            };
            put(&mut errors, field, m);
        }
        self.errors = errors;
        self.errors.is_empty().then_some(item)
    }
}

/// A loss report being taken.
#[derive(Debug, Clone, Default)]
pub struct LossDraft {
    /// 失主.
    pub name: String,
    /// 电话.
    pub phone: String,
    /// 类别, if the owner's thing is of a known kind.
    pub category: Option<Category>,
    /// 遗失物品及特征.
    pub description: String,
    /// 遗失地点.
    pub place: String,
    /// 遗失日期 as typed.
    pub lost_on: String,
    /// Messages beside fields.
    pub errors: Errors,
}

impl LossDraft {
    /// An empty form. The day is left for the owner to say: until then the items found on
    /// any day are offered.
    pub fn new() -> LossDraft {
        LossDraft::default()
    }

    /// The day lost as typed, if it reads.
    pub fn lost_on(&self, today: NaiveDate) -> Option<NaiveDate> {
        parse_day(&self.lost_on, today).ok()
    }

    /// What the matching reads while the form is filled in: nothing until something is said.
    pub fn sought(&self, today: NaiveDate) -> Option<Sought<'_>> {
        if self.description.trim().is_empty() && self.category.is_none() {
            return None;
        }
        Some(Sought {
            category: self.category,
            description: &self.description,
            place: &self.place,
            lost_on: self.lost_on(today).unwrap_or(NaiveDate::MIN),
        })
    }

    /// The report taken at `now`, or `None` with every problem beside its field.
    pub fn validate(&mut self, now: NaiveDateTime) -> Option<LossReport> {
        let mut errors = Errors::new();
        let phone = phone(&self.phone, &mut errors, Field::Phone);
        let lost_on = match parse_day(&self.lost_on, now.date()) {
            Ok(d) => Some(d),
            Err(e) => {
                put(&mut errors, Field::LostOn, e.to_string());
                None
            }
        };
        let sought = Sought {
            category: self.category,
            description: &self.description,
            place: &self.place,
            lost_on: lost_on.unwrap_or(now.date()),
        };
        for (f, m) in check_loss(&self.name, &sought, now.date()) {
            let field = match f {
                LossField::Name => Field::Person,
                LossField::Phone => Field::Phone,
                LossField::Description => Field::Words,
                LossField::Place => Field::LostPlace,
                LossField::LostOn => Field::LostOn,
            };
            put(&mut errors, field, m);
        }
        self.errors = errors;
        let (Some(phone), true) = (phone, self.errors.is_empty()) else {
            return None;
        };
        Some(LossReport {
            name: self.name.trim().to_string(),
            phone,
            category: self.category,
            description: self.description.trim().to_string(),
            place: self.place.trim().to_string(),
            lost_on: sought.lost_on,
            at: now,
        })
    }
}

/// A claim being made.
#[derive(Debug, Clone, Default)]
pub struct ClaimDraft {
    /// 认领人.
    pub name: String,
    /// 身份证号 as typed.
    pub id_number: String,
    /// 电话.
    pub phone: String,
    /// 认领人描述.
    pub description: String,
    /// 所述特征与登记相符.
    pub matches: bool,
    /// The loss report the claimant came through.
    pub report: Option<crate::domain::lostfound::LossReportId>,
    /// Messages beside fields.
    pub errors: Errors,
}

impl ClaimDraft {
    /// The claim, or `None` with every problem beside its field.
    pub fn validate(&mut self) -> Option<Claim> {
        let mut errors = Errors::new();
        let id_number = match ResidentId::parse(&self.id_number) {
            Ok(id) => Some(id),
            Err(e) => {
                put(&mut errors, Field::IdNumber, e.to_string());
                None
            }
        };
        let phone = phone(&self.phone, &mut errors, Field::Phone);
        let claim = match (id_number, phone) {
            (Some(id_number), Some(phone)) => Some(Claim {
                name: self.name.trim().to_string(),
                id_number,
                phone,
                description: self.description.trim().to_string(),
                matches: self.matches,
            }),
            _ => None,
        };
        if let Some(c) = &claim {
            for (f, m) in c.check() {
                let field = match f {
                    ClaimField::Name => Field::Person,
                    ClaimField::IdNumber => Field::IdNumber,
                    ClaimField::Phone => Field::Phone,
                    ClaimField::Description => Field::Words,
                    ClaimField::Matches => Field::Matches,
                };
                put(&mut errors, field, m);
            }
        } else {
            if let Err(e) = crate::domain::person::validate_name(&self.name) {
                put(&mut errors, Field::Person, format!("认领人{e}"));
            }
            if self.description.trim().is_empty() {
                put(&mut errors, Field::Words, "请记下认领人对物品的描述");
            }
        }
        self.errors = errors;
        claim.filter(|_| self.errors.is_empty())
    }
}

/// A disposal being made.
#[derive(Debug, Clone, Default)]
pub struct DisposeDraft {
    /// 处置方式.
    pub method: Option<DisposalMethod>,
    /// 接收单位/经手人.
    pub receiver: String,
    /// 处置原因.
    pub reason: String,
    /// What is wrong, one message for the form.
    pub error: Option<String>,
}

impl DisposeDraft {
    /// The disposal, or a message (the period is the store's to check).
    pub fn validate(&self) -> Result<Disposal, String> {
        let method = self.method.ok_or("请选择处置方式")?;
        if self.reason.trim().is_empty() {
            return Err("请填写处置原因".into());
        }
        Ok(Disposal {
            method,
            reason: self.reason.trim().to_string(),
            receiver: self.receiver.trim().to_string(),
        })
    }
}

/// The one-line form ending a loss report.
#[derive(Debug, Clone, Default)]
pub struct CloseDraft {
    /// 结果.
    pub result: String,
    /// What is wrong.
    pub error: Option<String>,
}
