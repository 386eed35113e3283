//! The renovation tab's fields, and the application form as typed: kept as text until valid,
//! with a message beside each bad field. The forms of the later steps are in `steps`.

use std::collections::HashMap;

use chrono::NaiveDate;

use crate::domain::date::{parse_date, table_date};
use crate::domain::renovation::{Application, Contractor, Paper, WorkKind, Worker};
use crate::domain::unit::UnitId;
use crate::domain::{Mobile, ResidentId, UnitAddress};
use crate::ui::OwnerChoice;
use crate::ui::unit_pick::UnitOwnerPick;

/// Workers the application form takes (more are added at the desk later by a new application).
pub const MAX_WORKERS: usize = 8;
/// Deductions the refund form takes.
pub const MAX_DEDUCTIONS: usize = 5;
/// Items the second inspection takes (the three standard ones and free ones).
pub const MAX_ITEMS: usize = 8;

/// A text field of one of the tab's forms; its id is the text_input's id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    /// 房号 search.
    Unit,
    /// 业主 (a name typed when no owner is picked).
    Owner,
    /// 装修单位.
    Company,
    /// 营业执照号.
    Licence,
    /// 资质.
    Qualification,
    /// 负责人.
    InCharge,
    /// 负责人电话.
    ContractorPhone,
    /// 计划开工.
    Start,
    /// 计划完工.
    End,
    /// 装修内容及说明.
    Note,
    /// A worker's name (row).
    WorkerName(usize),
    /// A worker's ID number (row).
    WorkerId(usize),
    /// A worker's phone (row).
    WorkerPhone(usize),
    /// A worker's trade (row).
    WorkerTrade(usize),
    /// The kinds of work; messages only.
    Kinds,
    /// 收到日期 of papers.
    PapersOn,
    /// A second inspection item's name (free items) or note (row).
    ItemNote(usize),
    /// A free item's name.
    ItemName(usize),
    /// 阶段开始日期.
    PhaseStart,
    /// 安装日期.
    InstallDay,
    /// 巡查时间.
    PatrolAt,
    /// 巡查情况.
    Findings,
    /// 复查日期.
    RecheckOn,
    /// 复查说明.
    RecheckNote,
    /// 验收情况.
    AcceptNote,
    /// 领款人.
    Payee,
    /// A deduction's reason (row).
    DeductReason(usize),
    /// A deduction's amount (row).
    DeductAmount(usize),
    /// 退款备注.
    RefundNote,
    /// 撤销原因.
    Reason,
    /// 完工日期.
    FinishedOn,
}

const WORKER_IDS: [[&str; 4]; MAX_WORKERS] = [
    [
        "reno-w0-name",
        "reno-w0-id",
        "reno-w0-phone",
        "reno-w0-trade",
    ],
    [
        "reno-w1-name",
        "reno-w1-id",
        "reno-w1-phone",
        "reno-w1-trade",
    ],
    [
        "reno-w2-name",
        "reno-w2-id",
        "reno-w2-phone",
        "reno-w2-trade",
    ],
    [
        "reno-w3-name",
        "reno-w3-id",
        "reno-w3-phone",
        "reno-w3-trade",
    ],
    [
        "reno-w4-name",
        "reno-w4-id",
        "reno-w4-phone",
        "reno-w4-trade",
    ],
    [
        "reno-w5-name",
        "reno-w5-id",
        "reno-w5-phone",
        "reno-w5-trade",
    ],
    [
        "reno-w6-name",
        "reno-w6-id",
        "reno-w6-phone",
        "reno-w6-trade",
    ],
    [
        "reno-w7-name",
        "reno-w7-id",
        "reno-w7-phone",
        "reno-w7-trade",
    ],
];
const ITEM_IDS: [[&str; 2]; MAX_ITEMS] = [
    ["reno-i0-name", "reno-i0-note"],
    ["reno-i1-name", "reno-i1-note"],
    ["reno-i2-name", "reno-i2-note"],
    ["reno-i3-name", "reno-i3-note"],
    ["reno-i4-name", "reno-i4-note"],
    ["reno-i5-name", "reno-i5-note"],
    ["reno-i6-name", "reno-i6-note"],
    ["reno-i7-name", "reno-i7-note"],
];
const DEDUCT_IDS: [[&str; 2]; MAX_DEDUCTIONS] = [
    ["reno-d0-reason", "reno-d0-amount"],
    ["reno-d1-reason", "reno-d1-amount"],
    ["reno-d2-reason", "reno-d2-amount"],
    ["reno-d3-reason", "reno-d3-amount"],
    ["reno-d4-reason", "reno-d4-amount"],
];

impl Field {
    /// The text_input id, for focusing and for tests.
    pub fn id(self) -> &'static str {
        let row = |table: &[&'static str], i: usize| table.get(i).copied().unwrap_or("reno-row");
        match self {
            Field::Unit => "reno-unit",
            Field::Owner => "reno-owner",
            Field::Company => "reno-company",
            Field::Licence => "reno-licence",
            Field::Qualification => "reno-qualification",
            Field::InCharge => "reno-in-charge",
            Field::ContractorPhone => "reno-contractor-phone",
            Field::Start => "reno-start",
            Field::End => "reno-end",
            Field::Note => "reno-note",
            Field::WorkerName(i) => WORKER_IDS.get(i).map_or("reno-row", |r| r[0]),
            Field::WorkerId(i) => WORKER_IDS.get(i).map_or("reno-row", |r| r[1]),
            Field::WorkerPhone(i) => WORKER_IDS.get(i).map_or("reno-row", |r| r[2]),
            Field::WorkerTrade(i) => WORKER_IDS.get(i).map_or("reno-row", |r| r[3]),
            Field::Kinds => "reno-kinds",
            Field::PapersOn => "reno-papers-on",
            Field::ItemName(i) => row(&ITEM_IDS.map(|r| r[0]), i),
            Field::ItemNote(i) => row(&ITEM_IDS.map(|r| r[1]), i),
            Field::PhaseStart => "reno-phase-start",
            Field::InstallDay => "reno-install-day",
            Field::PatrolAt => "reno-patrol-at",
            Field::Findings => "reno-findings",
            Field::RecheckOn => "reno-recheck-on",
            Field::RecheckNote => "reno-recheck-note",
            Field::AcceptNote => "reno-accept-note",
            Field::Payee => "reno-payee",
            Field::DeductReason(i) => row(&DEDUCT_IDS.map(|r| r[0]), i),
            Field::DeductAmount(i) => row(&DEDUCT_IDS.map(|r| r[1]), i),
            Field::RefundNote => "reno-refund-note",
            Field::Reason => "reno-reason",
            Field::FinishedOn => "reno-finished-on",
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

/// 装修申请 as typed.
#[derive(Debug, Clone, Default)]
pub struct ApplyDraft {
    /// The unit and its owner (the name typed or picked).
    pub pick: UnitOwnerPick,
    /// Every other text field, as typed.
    pub text: HashMap<Field, String>,
    /// The kinds of work ticked, in the order ticked.
    pub kinds: Vec<WorkKind>,
    /// The papers handed in with the application.
    pub papers: Vec<Paper>,
    /// Worker rows shown.
    pub worker_rows: usize,
    /// Messages beside fields.
    pub errors: Errors,
}

impl ApplyDraft {
    /// An empty application starting `today`, planned for two months, with two worker rows.
    pub fn new(today: NaiveDate) -> ApplyDraft {
        let mut d = ApplyDraft {
            worker_rows: 2,
            ..ApplyDraft::default()
        };
        let end = crate::domain::month::add_months(today, 2).unwrap_or(today);
        d.text.insert(Field::Start, table_date(today));
        d.text.insert(Field::End, table_date(end));
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

    /// The unit picked, with its owners; one owner is picked at once.
    pub fn pick_unit(&mut self, unit: (UnitId, UnitAddress), owners: Vec<OwnerChoice>) {
        self.errors.remove(&Field::Unit);
        if self.pick.pick_unit(unit, owners) {
            self.errors.remove(&Field::Owner);
        }
    }

    /// The owner picked from the unit's owners.
    pub fn pick_owner(&mut self, o: OwnerChoice) {
        self.pick.pick_owner(o);
        self.errors.remove(&Field::Owner);
    }

    /// Ticks or unticks a kind of work.
    pub fn toggle_kind(&mut self, k: WorkKind) {
        match self.kinds.iter().position(|x| *x == k) {
            Some(i) => {
                self.kinds.remove(i);
            }
            None => self.kinds.push(k),
        }
        self.errors.remove(&Field::Kinds);
    }

    /// Ticks or unticks a paper.
    pub fn toggle_paper(&mut self, p: Paper) {
        match self.papers.iter().position(|x| *x == p) {
            Some(i) => {
                self.papers.remove(i);
            }
            None => self.papers.push(p),
        }
    }

    /// The message beside `f`.
    pub fn error(&self, f: Field) -> Option<&str> {
        self.errors.get(&f).map(String::as_str)
    }

    /// The workers typed: empty rows skipped, each bad value beside its field.
    fn workers(&self, e: &mut Errors) -> Vec<Worker> {
        let mut out = Vec::new();
        for i in 0..self.worker_rows.min(MAX_WORKERS) {
            let t = |f: Field| self.get(f).trim().to_string();
            let (name, id, phone, trade) = (
                t(Field::WorkerName(i)),
                t(Field::WorkerId(i)),
                t(Field::WorkerPhone(i)),
                t(Field::WorkerTrade(i)),
            );
            if name.is_empty() && id.is_empty() && phone.is_empty() && trade.is_empty() {
                continue;
            }
            if name.is_empty() {
                put(e, Field::WorkerName(i), "请填写工人姓名");
            }
            let id_number = ResidentId::parse(&id)
                .map_err(|m| put(e, Field::WorkerId(i), m.to_string()))
                .ok();
            let mobile = Mobile::parse(&phone)
                .map_err(|m| put(e, Field::WorkerPhone(i), m.to_string()))
                .ok();
            if let (false, Some(id_number), Some(phone)) = (name.is_empty(), id_number, mobile) {
                out.push(Worker {
                    name,
                    id_number,
                    phone,
                    trade,
                });
            }
        }
        out
    }

    /// The application, or `Err` with every problem: those of one field beside it, the rest
    /// (the domain's checks of the whole) in the list.
    pub fn validate(&mut self, today: NaiveDate) -> Result<Application, Vec<String>> {
        self.errors.clear();
        let mut e = Errors::new();
        let t = |f: Field| self.get(f).trim().to_string();
        if self.pick.unit.is_none() {
            put(&mut e, Field::Unit, "请搜索并选择房屋");
        }
        if t(Field::Owner).is_empty() {
            put(&mut e, Field::Owner, "请选择或填写业主");
        }
        if t(Field::Company).is_empty() {
            put(
                &mut e,
                Field::Company,
                "请填写装修单位（业主自己找工人的写“业主自装”）",
            );
        }
        if t(Field::InCharge).is_empty() {
            put(&mut e, Field::InCharge, "请填写负责人");
        }
        let phone = Mobile::parse(&t(Field::ContractorPhone))
            .map_err(|m| put(&mut e, Field::ContractorPhone, m.to_string()))
            .ok();
        let start = date(&mut e, Field::Start, &t(Field::Start));
        let end = date(&mut e, Field::End, &t(Field::End));
        if self.kinds.is_empty() {
            put(&mut e, Field::Kinds, "请勾选装修项目");
        }
        let workers = self.workers(&mut e);
        let (Some((unit, address)), Some(phone), Some(planned_start), Some(planned_end)) =
            (self.pick.unit, phone, start, end)
        else {
            self.errors = e;
            return Err(Vec::new());
        };
        if !e.is_empty() {
            self.errors = e;
            return Err(Vec::new());
        }
        let a = Application {
            unit,
            address,
            owner_name: t(Field::Owner),
            person: self.pick.person(),
            owner_phone: self.pick.owner_phone(),
            contractor: Contractor {
                company: t(Field::Company),
                licence_no: t(Field::Licence),
                qualification: t(Field::Qualification),
                person_in_charge: t(Field::InCharge),
                phone,
            },
            workers,
            planned_start,
            planned_end,
            kinds: self.kinds.clone(),
            note: t(Field::Note),
        };
        a.check(today)?;
        Ok(a)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_application_names_each_bad_field_and_skips_empty_worker_rows() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 2).unwrap();
        let mut d = ApplyDraft::new(today);
        d.set(Field::ContractorPhone, "12345".into());
        d.set(Field::WorkerName(0), "李师傅".into());
        d.set(Field::WorkerId(0), "110105194912310021".into());
        assert!(d.validate(today).is_err());
        for f in [
            Field::Unit,
            Field::Owner,
            Field::Company,
            Field::ContractorPhone,
            Field::Kinds,
            Field::WorkerId(0),
            Field::WorkerPhone(0),
        ] {
            assert!(d.error(f).is_some(), "{f:?}");
        }
        d.pick_unit(
            (UnitId(1), UnitAddress::parse("5-1-0301").unwrap()),
            Vec::new(),
        );
        d.set(Field::Owner, "陈静".into());
        d.set(Field::Company, "安居装饰公司".into());
        d.set(Field::InCharge, "周师傅".into());
        d.set(Field::ContractorPhone, "139 1234 5678".into());
        d.set(Field::WorkerId(0), "11010519491231002X".into());
        d.set(Field::WorkerPhone(0), "13712345678".into());
        d.toggle_kind(WorkKind::Plumbing);
        let a = d.validate(today).expect("valid");
        assert_eq!(a.workers.len(), 1, "the empty second row is skipped");
        assert_eq!(a.kinds, [WorkKind::Plumbing]);
    }
}
