//! The new-agreement form (银行代扣协议): 房号, 开户银行, 户名, 账号, 签约日期, each checked
//! beside its field; the unit must be in the register.

use std::collections::HashMap;

use chrono::NaiveDate;

use crate::domain::UnitAddress;
use crate::domain::bank_account::BankAccount;
use crate::domain::date::{parse_date, table_date};
use crate::store::{BankAgreement, Store};

/// A field of the new agreement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AgreementField {
    /// 房号.
    Unit,
    /// 开户银行.
    Bank,
    /// 户名.
    Holder,
    /// 账号.
    Account,
    /// 签约日期.
    Signed,
}

impl AgreementField {
    /// In the form's order.
    pub const ALL: [AgreementField; 5] = [
        AgreementField::Unit,
        AgreementField::Bank,
        AgreementField::Holder,
        AgreementField::Account,
        AgreementField::Signed,
    ];

    /// The widget id.
    pub fn id(self) -> &'static str {
        match self {
            AgreementField::Unit => "bank-unit",
            AgreementField::Bank => "bank-name",
            AgreementField::Holder => "bank-holder",
            AgreementField::Account => "bank-account",
            AgreementField::Signed => "bank-signed",
        }
    }

    /// The label.
    pub fn label(self) -> &'static str {
        match self {
            AgreementField::Unit => "房号",
            AgreementField::Bank => "开户银行",
            AgreementField::Holder => "户名",
            AgreementField::Account => "账号",
            AgreementField::Signed => "签约日期",
        }
    }

    /// The placeholder.
    pub fn placeholder(self) -> &'static str {
        match self {
            AgreementField::Unit => "例如 3-2-1502",
            AgreementField::Bank => "例如 中国工商银行郑州分行",
            AgreementField::Holder => "与银行开户名一致",
            AgreementField::Account => "银行卡号或账号",
            AgreementField::Signed => "例如 2026-11-20",
        }
    }
}

/// A new agreement as typed.
#[derive(Debug, Clone, Default)]
pub struct AgreementDraft {
    values: HashMap<AgreementField, String>,
    errors: HashMap<AgreementField, String>,
}

impl AgreementDraft {
    /// An empty agreement signed `today`.
    pub fn new(today: NaiveDate) -> AgreementDraft {
        let mut d = AgreementDraft::default();
        d.values.insert(AgreementField::Signed, table_date(today));
        d
    }

    /// What was typed in `f`.
    pub fn get(&self, f: AgreementField) -> &str {
        self.values.get(&f).map_or("", String::as_str)
    }

    /// The message beside `f`.
    pub fn error(&self, f: AgreementField) -> Option<&str> {
        self.errors.get(&f).map(String::as_str)
    }

    /// `f` was edited.
    pub fn set(&mut self, f: AgreementField, v: String) {
        self.errors.remove(&f);
        self.values.insert(f, v);
    }

    /// The agreement, or the messages beside the fields.
    pub fn check(&mut self, store: &Store) -> Option<BankAgreement> {
        self.errors.clear();
        let text = |d: &AgreementDraft, f| d.get(f).trim().to_string();
        let unit = match UnitAddress::parse(&text(self, AgreementField::Unit)) {
            Err(e) => Err(e.to_string()),
            Ok(a) => match store.unit_at(a) {
                Ok(Some(u)) => Ok((u.id, a)),
                Ok(None) => Err(format!("档案中没有 {a}，请核对房号")),
                Err(e) => Err(e.to_string()),
            },
        };
        let account = BankAccount::parse(self.get(AgreementField::Account));
        let signed = parse_date(self.get(AgreementField::Signed));
        let bank = text(self, AgreementField::Bank);
        let holder = text(self, AgreementField::Holder);
        if let Err(e) = &unit {
            self.errors.insert(AgreementField::Unit, e.clone());
        }
        if bank.is_empty() {
            self.errors
                .insert(AgreementField::Bank, "请填写开户银行".to_string());
        }
        if holder.is_empty() {
            self.errors.insert(
                AgreementField::Holder,
                "请填写户名（与银行开户名一致）".to_string(),
            );
        }
        if let Err(e) = &account {
            self.errors.insert(AgreementField::Account, e.to_string());
        }
        if let Err(e) = &signed {
            self.errors.insert(AgreementField::Signed, e.to_string());
        }
        let (Ok((unit, address)), Ok(account), Ok(signed_on)) = (unit, account, signed) else {
            return None;
        };
        if !self.errors.is_empty() {
            return None;
        }
        Some(BankAgreement {
            id: None,
            unit,
            address: Some(address),
            bank,
            holder,
            account: account.full().to_string(),
            signed_on,
            ended_on: None,
        })
    }
}
