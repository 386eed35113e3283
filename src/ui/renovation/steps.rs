//! The forms of the steps on a renovation as typed: papers, the second inspection, a phase, a
//! patrol, a re-check, an acceptance, the refund; kept as text until valid, with a message
//! beside each bad field.

use chrono::{Days, NaiveDate, NaiveDateTime};

use super::drafts::{Errors, Field, MAX_DEDUCTIONS, MAX_ITEMS, date, put};
use crate::domain::Fen;
use crate::domain::date::{parse_datetime, table_date, table_datetime};
use crate::domain::fees::PayMethod;
use crate::domain::renovation::{
    Deduction, InspectionItem, Paper, Patrol, STANDARD_ITEMS, Violation, WorkKind,
};

/// 收资料: the papers ticked and the day they came.
#[derive(Debug, Clone, Default)]
pub struct PapersDraft {
    /// Ticked.
    pub papers: Vec<Paper>,
    /// 收到日期.
    pub on: String,
    /// Messages beside fields.
    pub errors: Errors,
}

impl PapersDraft {
    /// Ticks or unticks a paper.
    pub fn toggle(&mut self, p: Paper) {
        match self.papers.iter().position(|x| *x == p) {
            Some(i) => {
                self.papers.remove(i);
            }
            None => self.papers.push(p),
        }
    }

    /// The papers and the day, or `None` with the problem beside its field.
    pub fn validate(&mut self) -> Option<(Vec<Paper>, NaiveDate)> {
        let mut e = Errors::new();
        let on = date(&mut e, Field::PapersOn, &self.on);
        if self.papers.is_empty() {
            put(&mut e, Field::PapersOn, "请勾选收到的资料");
        }
        self.errors = e;
        on.filter(|_| self.errors.is_empty())
            .map(|on| (self.papers.clone(), on))
    }
}

/// 二次验房: one row per item (the standard three, then free ones).
#[derive(Debug, Clone)]
pub struct InspectionDraft {
    /// Name, passed, note.
    pub items: Vec<(String, bool, String)>,
    /// 验房时间.
    pub at: String,
    /// Messages beside fields.
    pub errors: Errors,
}

impl InspectionDraft {
    /// The standard items, all passed until unticked, inspected `now`.
    pub fn new(now: NaiveDateTime) -> InspectionDraft {
        InspectionDraft {
            items: STANDARD_ITEMS
                .iter()
                .map(|n| ((*n).to_string(), true, String::new()))
                .collect(),
            at: table_datetime(now),
            errors: Errors::new(),
        }
    }

    /// One more free item, while there is room.
    pub fn add(&mut self) {
        if self.items.len() < MAX_ITEMS {
            self.items.push((String::new(), true, String::new()));
        }
    }

    /// The items (empty free rows skipped) and the time, or `None` with each problem beside
    /// its field.
    pub fn validate(&mut self, today: NaiveDate) -> Option<(Vec<InspectionItem>, NaiveDateTime)> {
        let mut e = Errors::new();
        let at = parse_datetime(&self.at, today)
            .map_err(|m| put(&mut e, Field::PatrolAt, m.to_string()))
            .ok();
        let mut items = Vec::new();
        for (i, (name, passed, note)) in self.items.iter().enumerate() {
            let standard = i < STANDARD_ITEMS.len();
            if !standard && name.trim().is_empty() && note.trim().is_empty() {
                continue;
            }
            if name.trim().is_empty() {
                put(&mut e, Field::ItemName(i), "请填写验房项目");
            }
            if !passed && note.trim().is_empty() {
                put(
                    &mut e,
                    Field::ItemNote(i),
                    "不合格请写明问题（会成为报修单的内容）",
                );
            }
            items.push(InspectionItem {
                name: name.trim().to_string(),
                passed: *passed,
                note: note.trim().to_string(),
            });
        }
        self.errors = e;
        match at {
            Some(at) if self.errors.is_empty() => Some((items, at)),
            _ => None,
        }
    }
}

/// 施工阶段: the kind of work, its first day, and for an installation its day.
#[derive(Debug, Clone, Default)]
pub struct PhaseDraft {
    /// The kind picked.
    pub kind: Option<WorkKind>,
    /// 开始日期.
    pub start: String,
    /// 安装日期 (installations).
    pub install: String,
    /// Messages beside fields.
    pub errors: Errors,
}

impl PhaseDraft {
    /// The phase, or `None` with each problem beside its field.
    pub fn validate(&mut self) -> Option<(WorkKind, NaiveDate, Option<NaiveDate>)> {
        let mut e = Errors::new();
        let start = date(&mut e, Field::PhaseStart, &self.start);
        if self.kind.is_none() {
            put(&mut e, Field::PhaseStart, "请选择现在施工的项目");
        }
        let install = match (self.kind, self.install.trim()) {
            (Some(WorkKind::Installation), "") => {
                put(&mut e, Field::InstallDay, "安装当天要巡查，请填写安装日期");
                None
            }
            (Some(WorkKind::Installation), text) => date(&mut e, Field::InstallDay, text),
            _ => None,
        };
        self.errors = e;
        match (self.kind, start) {
            (Some(k), Some(s)) if self.errors.is_empty() => Some((k, s, install)),
            _ => None,
        }
    }
}

/// 装修巡查 as typed.
#[derive(Debug, Clone, Default)]
pub struct PatrolDraft {
    /// 巡查时间.
    pub at: String,
    /// 巡查情况.
    pub findings: String,
    /// 违规 picked (`None`: 无违规).
    pub violation: Option<Violation>,
    /// 复查日期 (with a violation).
    pub recheck: String,
    /// Messages beside fields.
    pub errors: Errors,
}

impl PatrolDraft {
    /// A patrol now, a re-check in three days if it finds a violation.
    pub fn new(now: NaiveDateTime) -> PatrolDraft {
        PatrolDraft {
            at: table_datetime(now),
            recheck: table_date(now.date() + Days::new(3)),
            ..PatrolDraft::default()
        }
    }

    /// The patrol, or `None` with each problem beside its field.
    pub fn validate(&mut self, today: NaiveDate) -> Option<Patrol> {
        let mut e = Errors::new();
        let at = parse_datetime(&self.at, today)
            .map_err(|m| put(&mut e, Field::PatrolAt, m.to_string()))
            .ok();
        let recheck_on = match self.violation {
            Some(_) => date(&mut e, Field::RecheckOn, &self.recheck),
            None => None,
        };
        let Some(at) = at else {
            self.errors = e;
            return None;
        };
        let p = Patrol {
            at,
            findings: self.findings.trim().to_string(),
            violation: self.violation,
            recheck_on,
        };
        if e.is_empty()
            && let Err(m) = p.check()
        {
            let f = if m.contains("复查") {
                Field::RecheckOn
            } else {
                Field::Findings
            };
            put(&mut e, f, m);
        }
        self.errors = e;
        self.errors.is_empty().then_some(p)
    }
}

/// 整改复查 of one notice.
#[derive(Debug, Clone, Default)]
pub struct RecheckDraft {
    /// The notice's number.
    pub seq: u32,
    /// Rectified or not (`None` until picked).
    pub passed: Option<bool>,
    /// 说明.
    pub note: String,
    /// The next re-check when not rectified.
    pub next: String,
    /// Messages beside fields.
    pub errors: Errors,
}

impl RecheckDraft {
    /// The result, note and next date, or `None` with each problem beside its field.
    pub fn validate(&mut self) -> Option<(bool, String, Option<NaiveDate>)> {
        let mut e = Errors::new();
        let next = match (self.passed, self.next.trim()) {
            (Some(false), "") => {
                put(&mut e, Field::RecheckOn, "未整改好，请填写下次复查日期");
                None
            }
            (Some(false), text) => date(&mut e, Field::RecheckOn, text),
            _ => None,
        };
        if self.passed.is_none() {
            put(&mut e, Field::RecheckNote, "请选择已整改还是未整改");
        }
        if self.passed == Some(false) && self.note.trim().is_empty() {
            put(&mut e, Field::RecheckNote, "请写明还有什么没整改");
        }
        self.errors = e;
        match self.passed {
            Some(p) if self.errors.is_empty() => Some((p, self.note.trim().to_string(), next)),
            _ => None,
        }
    }
}

/// 初验 / 复验 as typed.
#[derive(Debug, Clone, Default)]
pub struct AcceptanceDraft {
    /// Passed or not (`None` until picked).
    pub passed: Option<bool>,
    /// 验收情况.
    pub findings: String,
    /// Messages beside fields.
    pub errors: Errors,
}

impl AcceptanceDraft {
    /// The result and findings, or `None` with the problem beside its field.
    pub fn validate(&mut self) -> Option<(bool, String)> {
        let mut e = Errors::new();
        match self.passed {
            None => put(&mut e, Field::AcceptNote, "请选择合格或不合格"),
            Some(false) if self.findings.trim().is_empty() => {
                put(&mut e, Field::AcceptNote, "不合格请写明要整改什么")
            }
            _ => {}
        }
        self.errors = e;
        match self.passed {
            Some(p) if self.errors.is_empty() => Some((p, self.findings.trim().to_string())),
            _ => None,
        }
    }
}

/// 退还保证金 as typed.
#[derive(Debug, Clone)]
pub struct RefundDraft {
    /// 领款人.
    pub payee: String,
    /// 退款方式.
    pub method: PayMethod,
    /// Deduction rows shown (reason, amount).
    pub deductions: Vec<(String, String)>,
    /// 备注.
    pub note: String,
    /// Messages beside fields.
    pub errors: Errors,
}

impl RefundDraft {
    /// A refund to `payee` in cash, with no deductions.
    pub fn new(payee: &str) -> RefundDraft {
        RefundDraft {
            payee: payee.to_string(),
            method: PayMethod::Cash,
            deductions: Vec::new(),
            note: String::new(),
            errors: Errors::new(),
        }
    }

    /// One more deduction row, while there is room.
    pub fn add(&mut self) {
        if self.deductions.len() < MAX_DEDUCTIONS {
            self.deductions.push((String::new(), String::new()));
        }
    }

    /// The deductions typed (empty rows skipped), or `None` with each problem beside its field.
    pub fn validate(&mut self) -> Option<Vec<Deduction>> {
        let mut e = Errors::new();
        if self.payee.trim().is_empty() {
            put(&mut e, Field::Payee, "请填写领款人");
        }
        let mut out = Vec::new();
        for (i, (reason, amount)) in self.deductions.iter().enumerate() {
            if reason.trim().is_empty() && amount.trim().is_empty() {
                continue;
            }
            if reason.trim().is_empty() {
                put(&mut e, Field::DeductReason(i), "请写明扣款原因");
            }
            match Fen::parse(amount.trim()) {
                Ok(f) if f.0 > 0 => out.push(Deduction {
                    reason: reason.trim().to_string(),
                    amount: f,
                }),
                Ok(_) => put(&mut e, Field::DeductAmount(i), "扣款金额要大于0"),
                Err(m) => put(&mut e, Field::DeductAmount(i), m.to_string()),
            }
        }
        self.errors = e;
        self.errors.is_empty().then_some(out)
    }
}
