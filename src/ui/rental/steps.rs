//! The forms of the steps on an entrustment as typed: a viewing, the lease, its end (and the
//! withdrawal's reason); kept as text until valid, with a message beside each bad field.

use std::collections::HashMap;

use chrono::{NaiveDate, NaiveDateTime};

use super::drafts::{Errors, Field, a_year_from, date, money, put};
use crate::domain::date::{parse_datetime, table_date, table_datetime};
use crate::domain::rental::{
    Lease, LeaseEnd, LeaseField, PaymentCycle, Purpose, Viewing, ViewingOutcome,
};
use crate::domain::staff::StaffId;
use crate::domain::{Fen, Mobile, ResidentId};

/// 看房 as typed.
#[derive(Debug, Clone, Default)]
pub struct ViewingDraft {
    /// 看房人.
    pub visitor: String,
    /// 电话.
    pub phone: String,
    /// 看房时间.
    pub at: String,
    /// 陪同人员 picked.
    pub staff: Option<(StaffId, String)>,
    /// 结果.
    pub outcome: Option<ViewingOutcome>,
    /// 备注.
    pub note: String,
    /// Messages beside fields.
    pub errors: Errors,
}

impl ViewingDraft {
    /// A viewing just now, shown by the person at the desk.
    pub fn new(now: NaiveDateTime, me: Option<(StaffId, String)>) -> ViewingDraft {
        ViewingDraft {
            at: table_datetime(now),
            staff: me,
            ..ViewingDraft::default()
        }
    }

    /// Sets a text field.
    pub fn set(&mut self, f: Field, v: String) {
        match f {
            Field::Visitor => self.visitor = v,
            Field::VisitorPhone => self.phone = v,
            Field::ViewedAt => self.at = v,
            Field::ViewingNote => self.note = v,
            _ => return,
        }
        self.errors.remove(&f);
    }

    /// The message beside `f`.
    pub fn error(&self, f: Field) -> Option<&str> {
        self.errors.get(&f).map(String::as_str)
    }

    /// The viewing, or `None` with every problem beside its field.
    pub fn validate(&mut self, today: NaiveDate) -> Option<Viewing> {
        let mut e = Errors::new();
        if self.visitor.trim().is_empty() {
            put(&mut e, Field::Visitor, "请填写看房人");
        }
        let phone = match self.phone.trim() {
            "" => None,
            p => Mobile::parse(p)
                .map_err(|m| put(&mut e, Field::VisitorPhone, m.to_string()))
                .ok(),
        };
        let at = parse_datetime(&self.at, today)
            .map_err(|m| put(&mut e, Field::ViewedAt, m.to_string()))
            .ok();
        if self.staff.is_none() {
            put(&mut e, Field::Staff, "请选择陪同看房的工作人员");
        }
        if self.outcome.is_none() {
            put(&mut e, Field::ViewingNote, "请选择看房结果");
        }
        self.errors = e;
        let (Some(at), Some((staff, staff_name)), Some(outcome)) =
            (at, self.staff.clone(), self.outcome)
        else {
            return None;
        };
        if !self.errors.is_empty() {
            return None;
        }
        let v = Viewing {
            at,
            visitor: self.visitor.trim().to_string(),
            phone,
            staff: Some(staff),
            staff_name,
            outcome,
            note: self.note.trim().to_string(),
        };
        match v.check() {
            Ok(()) => Some(v),
            Err(m) => {
                put(&mut self.errors, Field::ViewingNote, m);
                None
            }
        }
    }
}

/// 签订租约 as typed.
#[derive(Debug, Clone, Default)]
pub struct LeaseDraft {
    /// Every text field, as typed.
    pub text: HashMap<Field, String>,
    /// 付款方式.
    pub cycle: Option<PaymentCycle>,
    /// 用途.
    pub purpose: Option<Purpose>,
    /// Messages beside fields.
    pub errors: Errors,
}

impl LeaseDraft {
    /// A lease from `today` for a year (within the period ending `period_to`) at the asking
    /// rent, a month's rent as deposit, paid quarterly, one person living there.
    pub fn new(today: NaiveDate, period_to: NaiveDate, asking: Fen) -> LeaseDraft {
        let mut d = LeaseDraft {
            cycle: Some(PaymentCycle::Quarterly),
            purpose: Some(Purpose::Home),
            ..LeaseDraft::default()
        };
        for (f, v) in [
            (Field::Rent, asking.yuan_string()),
            (Field::Deposit, asking.yuan_string()),
            (Field::Start, table_date(today)),
            (Field::End, table_date(a_year_from(today).min(period_to))),
            (Field::Occupants, "1".to_string()),
        ] {
            d.text.insert(f, v);
        }
        d
    }

    /// A field's text.
    pub fn get(&self, f: Field) -> &str {
        self.text.get(&f).map_or("", String::as_str)
    }

    /// Sets a field.
    pub fn set(&mut self, f: Field, v: String) {
        self.text.insert(f, v);
        self.errors.remove(&f);
    }

    /// The message beside `f`.
    pub fn error(&self, f: Field) -> Option<&str> {
        self.errors.get(&f).map(String::as_str)
    }

    /// The lease, checked against the entrustment's period, or `None` with every problem beside
    /// its field.
    pub fn validate(&mut self, period_from: NaiveDate, period_to: NaiveDate) -> Option<Lease> {
        let mut e = Errors::new();
        let t = |f: Field| self.get(f).trim().to_string();
        let id_number = ResidentId::parse(&t(Field::IdNumber))
            .map_err(|m| put(&mut e, Field::IdNumber, m.to_string()))
            .ok();
        let phone = Mobile::parse(&t(Field::Phone))
            .map_err(|m| put(&mut e, Field::Phone, m.to_string()))
            .ok();
        let occupants = crate::domain::normalize_digits(&t(Field::Occupants))
            .parse::<u32>()
            .map_err(|_| put(&mut e, Field::Occupants, "请填写居住人数，例如 2"))
            .ok();
        let rent = money(&mut e, Field::Rent, &t(Field::Rent));
        let deposit = match t(Field::Deposit).as_str() {
            "" => Some(Fen(0)),
            d => money(&mut e, Field::Deposit, d),
        };
        let start = date(&mut e, Field::Start, &t(Field::Start));
        let end = date(&mut e, Field::End, &t(Field::End));
        let parsed = (id_number, phone, occupants, rent, deposit, start, end);
        let (
            Some(id_number),
            Some(phone),
            Some(occupants),
            Some(rent),
            Some(deposit),
            Some(starts_on),
            Some(ends_on),
        ) = parsed
        else {
            if t(Field::Tenant).is_empty() {
                put(&mut e, Field::Tenant, "请填写承租人姓名");
            }
            self.errors = e;
            return None;
        };
        let lease = Lease {
            tenant: t(Field::Tenant),
            id_number,
            phone,
            occupants,
            purpose: self.purpose.unwrap_or(Purpose::Home),
            rent,
            deposit,
            cycle: self.cycle.unwrap_or(PaymentCycle::Monthly),
            starts_on,
            ends_on,
        };
        for (f, m) in lease.check(period_from, period_to) {
            let field = match f {
                LeaseField::Tenant => Field::Tenant,
                LeaseField::Occupants => Field::Occupants,
                LeaseField::Rent => Field::Rent,
                LeaseField::Deposit => Field::Deposit,
                LeaseField::Start => Field::Start,
                LeaseField::End => Field::End,
            };
            put(&mut e, field, m);
        }
        self.errors = e;
        self.errors.is_empty().then_some(lease)
    }
}

/// 退租 (or 撤回委托: only the reason) as typed.
#[derive(Debug, Clone, Default)]
pub struct EndDraft {
    /// 退租日期.
    pub on: String,
    /// 原因.
    pub reason: String,
    /// Messages beside fields.
    pub errors: Errors,
}

impl EndDraft {
    /// Sets a field.
    pub fn set(&mut self, f: Field, v: String) {
        match f {
            Field::EndOn => self.on = v,
            Field::Reason => self.reason = v,
            _ => return,
        }
        self.errors.remove(&f);
    }

    /// The message beside `f`.
    pub fn error(&self, f: Field) -> Option<&str> {
        self.errors.get(&f).map(String::as_str)
    }

    /// The end as typed (the store checks it against the lease and today).
    pub fn validate(&mut self) -> Option<LeaseEnd> {
        self.errors.clear();
        let on = date(&mut self.errors, Field::EndOn, &self.on)?;
        Some(LeaseEnd {
            on,
            reason: self.reason.trim().to_string(),
        })
    }
}
