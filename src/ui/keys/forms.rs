//! The keys tab's forms (new key set, loan, hand-over): what was typed and each field's message.

use chrono::NaiveDateTime;

use super::Editor;
use crate::domain::keys::{
    BorrowerOrg, ID_DOCUMENTS, KeyIssue, KeyLoan, KeySettings, LoanError, UnitKey, due_back,
    parse_due,
};
use crate::domain::{Mobile, UnitAddress, person};

/// A text field of one of the forms.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    /// 房号 (or empty for a common room).
    Unit,
    /// 公共部位.
    Place,
    /// 挂钩号.
    Hook,
    /// 数量.
    Count,
    /// 存放位置.
    Location,
    /// 借用人.
    Borrower,
    /// 电话.
    Phone,
    /// 用途.
    Purpose,
    /// 部门主管.
    Approver,
    /// 应还时间.
    Due,
    /// 领取人.
    Recipient,
    /// 证件尾号.
    Tail,
}

impl Field {
    /// The widget id.
    pub fn id(self) -> &'static str {
        match self {
            Field::Unit => "key-unit",
            Field::Place => "key-place",
            Field::Hook => "key-hook",
            Field::Count => "key-count",
            Field::Location => "key-location",
            Field::Borrower => "loan-borrower",
            Field::Phone => "loan-phone",
            Field::Purpose => "loan-purpose",
            Field::Approver => "loan-approver",
            Field::Due => "loan-due",
            Field::Recipient => "issue-recipient",
            Field::Tail => "issue-tail",
        }
    }
}

/// An edit to the open form.
#[derive(Debug, Clone)]
pub enum Edit {
    /// A text field.
    Text(Field, String),
    /// The borrower's organisation.
    Org(BorrowerOrg),
    /// The document checked.
    Document(String),
    /// The recipient signed.
    Signed(bool),
}

/// Fields as typed and their messages.
#[derive(Debug, Clone, Default)]
pub struct Texts {
    values: Vec<(Field, String)>,
    /// Messages beside fields.
    pub errors: Vec<(Field, String)>,
}

impl Texts {
    /// The text of a field.
    pub fn get(&self, f: Field) -> &str {
        self.values
            .iter()
            .find(|(g, _)| *g == f)
            .map(|(_, v)| v.as_str())
            .unwrap_or("")
    }

    fn set(&mut self, f: Field, v: String) {
        match self.values.iter_mut().find(|(g, _)| *g == f) {
            Some(slot) => slot.1 = v,
            None => self.values.push((f, v)),
        }
    }

    /// The message beside a field.
    pub fn error(&self, f: Field) -> Option<&str> {
        self.errors
            .iter()
            .find(|(g, _)| *g == f)
            .map(|(_, e)| e.as_str())
    }

    fn trimmed(&self, f: Field) -> String {
        self.get(f).trim().to_string()
    }

    fn count(&mut self, f: Field) -> Option<u32> {
        match crate::domain::normalize_digits(self.get(f)).parse::<u32>() {
            Ok(n) if (1..=50).contains(&n) => Some(n),
            _ => {
                self.errors.push((f, "请填写1到50之间的数量".into()));
                None
            }
        }
    }
}

/// A key set being put in the cabinet.
#[derive(Debug, Clone, Default)]
pub struct KeyDraft {
    /// Fields.
    pub texts: Texts,
}

impl KeyDraft {
    /// A new form, the unit filled from the search if it is an address.
    pub fn new(query: &str) -> KeyDraft {
        let mut d = KeyDraft::default();
        if let Ok(a) = UnitAddress::parse(query) {
            d.texts.set(Field::Unit, a.short());
        }
        d.texts.set(Field::Count, "2".into());
        d
    }

    /// The key set when every field is valid.
    pub fn validate(&mut self) -> Option<UnitKey> {
        let t = &mut self.texts;
        t.errors.clear();
        let unit = match t.trimmed(Field::Unit) {
            u if u.is_empty() => None,
            u => match UnitAddress::parse(&u) {
                Ok(a) => Some(a),
                Err(e) => {
                    t.errors.push((Field::Unit, e.to_string()));
                    None
                }
            },
        };
        let place = t.trimmed(Field::Place);
        if t.trimmed(Field::Unit).is_empty() && place.is_empty() {
            t.errors
                .push((Field::Place, "请填写房号，或公共部位的名称".into()));
        }
        let hook = t.trimmed(Field::Hook);
        if hook.is_empty() {
            t.errors
                .push((Field::Hook, "请填写挂钩号（钥匙标签上的编号）".into()));
        }
        let count = t.count(Field::Count);
        let key = UnitKey {
            unit,
            place,
            hook,
            count: count.unwrap_or(0),
            location: t.trimmed(Field::Location),
        };
        t.errors.is_empty().then_some(key)
    }
}

/// A loan being recorded.
#[derive(Debug, Clone, Default)]
pub struct LoanDraft {
    /// Fields.
    pub texts: Texts,
    /// 借用单位.
    pub org: BorrowerOrg,
}

impl LoanDraft {
    /// The loan, lent at `now`, when every field is valid and the due rules are met.
    pub fn validate(&mut self, now: NaiveDateTime, settings: &KeySettings) -> Option<KeyLoan> {
        let t = &mut self.texts;
        t.errors.clear();
        let borrower = t.trimmed(Field::Borrower);
        if let Err(e) = person::validate_name(&borrower) {
            t.errors.push((Field::Borrower, e.into()));
        }
        let phone = Mobile::parse(&t.trimmed(Field::Phone))
            .map_err(|e| t.errors.push((Field::Phone, e.to_string())))
            .ok();
        let due_text = t.trimmed(Field::Due);
        let requested = if due_text.is_empty() {
            None
        } else {
            parse_due(&due_text, now.date(), settings)
                .map_err(|e| t.errors.push((Field::Due, e)))
                .ok()
        };
        let due = if t.error(Field::Due).is_none() {
            due_back(self.org, now, requested, settings)
                .map_err(|e| t.errors.push((Field::Due, e.to_string())))
                .ok()
        } else {
            None
        };
        if t.trimmed(Field::Purpose).is_empty() {
            t.errors.push((Field::Purpose, "请填写借用用途".into()));
        }
        if self.org == BorrowerOrg::Marketing && t.trimmed(Field::Approver).is_empty() {
            t.errors
                .push((Field::Approver, LoanError::NeedsApprover.to_string()));
        }
        let loan = KeyLoan {
            borrower,
            phone: phone.clone()?,
            org: self.org,
            purpose: t.trimmed(Field::Purpose),
            approver: t.trimmed(Field::Approver),
            out_at: now,
            due_at: due.unwrap_or(now),
        };
        (t.errors.is_empty() && due.is_some()).then_some(loan)
    }
}

/// A hand-over being recorded.
#[derive(Debug, Clone)]
pub struct IssueDraft {
    /// Fields.
    pub texts: Texts,
    /// The document checked.
    pub document: String,
    /// The recipient signed.
    pub signed: bool,
    /// Messages not tied to a text field (document, signature).
    pub other_error: Option<String>,
}

impl IssueDraft {
    /// A new form handing over `count` keys.
    pub fn new(count: u32) -> IssueDraft {
        let mut texts = Texts::default();
        texts.set(Field::Count, count.to_string());
        IssueDraft {
            texts,
            document: ID_DOCUMENTS[0].to_string(),
            signed: false,
            other_error: None,
        }
    }

    /// The hand-over when everything is valid.
    pub fn validate(&mut self) -> Option<KeyIssue> {
        self.texts.errors.clear();
        self.other_error = None;
        let count = self.texts.count(Field::Count);
        let issue = KeyIssue {
            recipient: self.texts.trimmed(Field::Recipient),
            document: self.document.clone(),
            document_tail: self.texts.trimmed(Field::Tail).to_ascii_uppercase(),
            count: count.unwrap_or(0),
            signed: self.signed,
        };
        if let Err(e) = person::validate_name(&issue.recipient) {
            self.texts.errors.push((Field::Recipient, e.into()));
        }
        let tail = &issue.document_tail;
        if tail.chars().count() != 4 || !tail.chars().all(|c| c.is_ascii_alphanumeric()) {
            self.texts
                .errors
                .push((Field::Tail, "请填写证件号后四位".into()));
        }
        if !self.signed {
            self.other_error = Some("领取人须在钥匙发放登记表上签字后再勾选".into());
        }
        (self.texts.errors.is_empty() && self.other_error.is_none() && count.is_some())
            .then_some(issue)
    }
}

/// Applies an edit to whichever form is open.
pub fn apply(editor: &mut Editor, edit: Edit) {
    match (editor, edit) {
        (Editor::NewKey(d), Edit::Text(f, v)) => d.texts.set(f, v),
        (Editor::Lend(d), Edit::Text(f, v)) => d.texts.set(f, v),
        (Editor::Lend(d), Edit::Org(o)) => d.org = o,
        (Editor::Issue(d), Edit::Text(f, v)) => d.texts.set(f, v),
        (Editor::Issue(d), Edit::Document(doc)) => d.document = doc,
        (Editor::Issue(d), Edit::Signed(s)) => d.signed = s,
        _ => {}
    }
}
