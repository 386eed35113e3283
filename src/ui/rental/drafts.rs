//! The rental tab's fields, and the entrustment form as typed: kept as text until valid, with a
//! message beside each bad field. The forms of the steps after it are in `steps`.

use std::collections::HashMap;

use chrono::{Days, NaiveDate};

use crate::domain::bank_account::BankAccount;
use crate::domain::date::{parse_date, table_date};
use crate::domain::rental::{Commission, EntrustField, Entrustment, OwnerBank};
use crate::domain::unit::UnitId;
use crate::domain::{Fen, UnitAddress};
use crate::ui::OwnerChoice;
use crate::ui::unit_pick::UnitOwnerPick;

/// A text field of one of the tab's forms; its id is the text_input's id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    /// 房号 search.
    Unit,
    /// 委托人 (a name typed when the owner is not picked).
    Owner,
    /// 期望月租金.
    AskingRent,
    /// 押金方式.
    DepositTerms,
    /// 家具家电.
    Furnishings,
    /// 可入住日期.
    Available,
    /// 委托开始.
    PeriodFrom,
    /// 委托结束.
    PeriodTo,
    /// 佣金.
    Commission,
    /// 开户银行.
    Bank,
    /// 户名.
    Holder,
    /// 账号.
    Account,
    /// 备注.
    Note,
    /// 看房人.
    Visitor,
    /// 看房人电话.
    VisitorPhone,
    /// 看房时间.
    ViewedAt,
    /// 看房备注.
    ViewingNote,
    /// 承租人.
    Tenant,
    /// 身份证号.
    IdNumber,
    /// 承租人电话.
    Phone,
    /// 居住人数.
    Occupants,
    /// 月租金.
    Rent,
    /// 押金.
    Deposit,
    /// 起租日.
    Start,
    /// 到期日.
    End,
    /// 退租日期.
    EndOn,
    /// 退租原因 / 撤回原因.
    Reason,
    /// A choice (陪同人员); messages only.
    Staff,
}

impl Field {
    /// The text_input id, for focusing and for tests.
    pub fn id(self) -> &'static str {
        match self {
            Field::Unit => "rental-unit",
            Field::Owner => "rental-owner",
            Field::AskingRent => "rental-asking-rent",
            Field::DepositTerms => "rental-deposit-terms",
            Field::Furnishings => "rental-furnishings",
            Field::Available => "rental-available",
            Field::PeriodFrom => "rental-period-from",
            Field::PeriodTo => "rental-period-to",
            Field::Commission => "rental-commission",
            Field::Bank => "rental-bank",
            Field::Holder => "rental-holder",
            Field::Account => "rental-account",
            Field::Note => "rental-note",
            Field::Visitor => "rental-visitor",
            Field::VisitorPhone => "rental-visitor-phone",
            Field::ViewedAt => "rental-viewed-at",
            Field::ViewingNote => "rental-viewing-note",
            Field::Tenant => "rental-tenant",
            Field::IdNumber => "rental-id-number",
            Field::Phone => "rental-phone",
            Field::Occupants => "rental-occupants",
            Field::Rent => "rental-rent",
            Field::Deposit => "rental-deposit",
            Field::Start => "rental-start",
            Field::End => "rental-end",
            Field::EndOn => "rental-end-on",
            Field::Reason => "rental-reason",
            Field::Staff => "rental-staff",
        }
    }
}

/// Messages beside fields.
pub type Errors = HashMap<Field, String>;

pub(super) fn put(errors: &mut Errors, f: Field, m: impl Into<String>) {
    errors.entry(f).or_insert_with(|| m.into());
}

pub(super) fn date(errors: &mut Errors, f: Field, text: &str) -> Option<NaiveDate> {
    parse_date(text)
        .map_err(|e| put(errors, f, e.to_string()))
        .ok()
}

pub(super) fn money(errors: &mut Errors, f: Field, text: &str) -> Option<Fen> {
    Fen::parse(text)
        .map_err(|e| put(errors, f, e.to_string()))
        .ok()
}

/// The last day of a term of a year from `from`: a lease or an entrustment for a year from
/// 12月1日 runs to 11月30日.
pub fn a_year_from(from: NaiveDate) -> NaiveDate {
    crate::domain::month::add_months(from, 12)
        .and_then(|d| d.pred_opt())
        .unwrap_or(from + Days::new(364))
}

/// 委托代租 as typed.
#[derive(Debug, Clone, Default)]
pub struct EntrustDraft {
    /// The unit and its owner (the name typed or picked).
    pub pick: UnitOwnerPick,
    /// Every text field but the unit's, as typed.
    pub text: HashMap<Field, String>,
    /// Messages beside fields.
    pub errors: Errors,
}

impl EntrustDraft {
    /// An empty form with the usual terms filled in: available and entrusted from `today` for a
    /// year, 押一付三, half a month's rent as commission.
    pub fn new(today: NaiveDate) -> EntrustDraft {
        let mut d = EntrustDraft::default();
        for (f, v) in [
            (Field::Available, table_date(today)),
            (Field::PeriodFrom, table_date(today)),
            (Field::PeriodTo, table_date(a_year_from(today))),
            (Field::DepositTerms, "押一付三".to_string()),
            (Field::Commission, "50%".to_string()),
        ] {
            d.text.insert(f, v);
        }
        d
    }

    /// A field's text.
    pub fn get(&self, f: Field) -> &str {
        match f {
            Field::Unit => &self.pick.unit_text,
            Field::Owner => &self.pick.owner_text,
            _ => self.text.get(&f).map_or("", String::as_str),
        }
    }

    /// Sets a field; typing in the unit box drops the unit picked, typing a name the owner.
    pub fn set(&mut self, f: Field, v: String) {
        match f {
            Field::Unit => self.pick.type_unit(v),
            Field::Owner => self.pick.type_owner(v),
            _ => {
                self.text.insert(f, v);
            }
        }
        self.errors.remove(&f);
    }

    /// The unit picked (from the matches, or the one match), with its owners; one owner is
    /// picked at once.
    pub fn pick_unit(&mut self, unit: (UnitId, UnitAddress), owners: Vec<OwnerChoice>) {
        self.errors.remove(&Field::Unit);
        if self.pick.pick_unit(unit, owners) {
            self.errors.remove(&Field::Owner);
        }
    }

    /// The 委托人 picked from the unit's owners.
    pub fn pick_owner(&mut self, o: OwnerChoice) {
        self.pick.pick_owner(o);
        self.errors.remove(&Field::Owner);
    }

    /// The message beside `f`.
    pub fn error(&self, f: Field) -> Option<&str> {
        self.errors.get(&f).map(String::as_str)
    }

    /// The entrustment, or `None` with every problem beside its field.
    pub fn validate(&mut self) -> Option<Entrustment> {
        self.errors.clear();
        let mut e = Errors::new();
        let t = |f: Field| self.get(f).trim().to_string();
        let unit = self.pick.unit;
        if unit.is_none() {
            put(&mut e, Field::Unit, "请搜索并选择房屋");
        }
        let asking_rent = money(&mut e, Field::AskingRent, &t(Field::AskingRent));
        let available = date(&mut e, Field::Available, &t(Field::Available));
        let from = date(&mut e, Field::PeriodFrom, &t(Field::PeriodFrom));
        let to = date(&mut e, Field::PeriodTo, &t(Field::PeriodTo));
        let commission = Commission::parse(&t(Field::Commission))
            .map_err(|m| put(&mut e, Field::Commission, m))
            .ok();
        let bank = match t(Field::Account).as_str() {
            "" => None,
            a => match BankAccount::parse(a) {
                Ok(account) => Some(OwnerBank {
                    bank: t(Field::Bank),
                    holder: t(Field::Holder),
                    account,
                }),
                Err(m) => {
                    put(&mut e, Field::Account, m.to_string());
                    None
                }
            },
        };
        if bank.is_none() && !(t(Field::Bank).is_empty() && t(Field::Holder).is_empty()) {
            put(&mut e, Field::Account, "填了开户银行或户名，请填写账号");
        }
        let furnishings = match t(Field::Furnishings).as_str() {
            "" | "无" => Vec::new(),
            text => crate::domain::movein::parse_list(text, "家具家电")
                .map_err(|m| put(&mut e, Field::Furnishings, m))
                .unwrap_or_default(),
        };
        let (Some((unit, address)), Some(asking_rent), Some(available_from)) =
            (unit, asking_rent, available)
        else {
            self.errors = e;
            return None;
        };
        let (Some(period_from), Some(period_to), Some(commission)) = (from, to, commission) else {
            self.errors = e;
            return None;
        };
        let entrustment = Entrustment {
            unit,
            address,
            owner_name: t(Field::Owner),
            person: self.pick.person(),
            owner_phone: self.pick.owner_phone(),
            asking_rent,
            deposit_terms: t(Field::DepositTerms),
            furnishings,
            available_from,
            period_from,
            period_to,
            commission,
            bank,
            note: t(Field::Note),
        };
        for (f, m) in entrustment.check() {
            let field = match f {
                EntrustField::Owner => Field::Owner,
                EntrustField::Rent => Field::AskingRent,
                EntrustField::Period => Field::PeriodTo,
                EntrustField::Available => Field::Available,
                EntrustField::Bank => Field::Bank,
                EntrustField::Terms => Field::Note,
            };
            put(&mut e, field, m);
        }
        self.errors = e;
        self.errors.is_empty().then_some(entrustment)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_year_runs_to_the_day_before() {
        let d = |m, d| NaiveDate::from_ymd_opt(2026, m, d).unwrap();
        assert_eq!(
            a_year_from(d(12, 1)),
            NaiveDate::from_ymd_opt(2027, 11, 30).unwrap()
        );
        assert_eq!(
            a_year_from(d(3, 1)),
            NaiveDate::from_ymd_opt(2027, 2, 28).unwrap()
        );
    }

    #[test]
    fn an_entrustment_names_each_bad_field() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 30).unwrap();
        let mut d = EntrustDraft::new(today);
        d.set(Field::AskingRent, "三千".into());
        d.set(Field::Commission, "一半".into());
        d.set(Field::Holder, "王建国".into());
        assert!(d.validate().is_none());
        for f in [
            Field::Unit,
            Field::AskingRent,
            Field::Commission,
            Field::Account,
        ] {
            assert!(d.error(f).is_some(), "{f:?}");
        }
        let a = UnitAddress::parse("7-2-1901").unwrap();
        d.pick_unit((UnitId(1), a), Vec::new());
        d.set(Field::Owner, "王建国".into());
        d.set(Field::AskingRent, "3000".into());
        d.set(Field::Commission, "50%".into());
        d.set(Field::Bank, "工商银行".into());
        d.set(Field::Account, "6222 0212 3456 7890 123".into());
        d.set(Field::Furnishings, "空调、冰箱，洗衣机".into());
        let e = d.validate().expect("valid");
        assert_eq!(e.asking_rent, Fen(300_000));
        assert_eq!(e.furnishings, ["空调", "冰箱", "洗衣机"]);
        assert_eq!(e.period_to, NaiveDate::from_ymd_opt(2027, 11, 29).unwrap());
        assert_eq!(e.bank.unwrap().account.masked(), "6222 **** **** 0123");
    }
}
