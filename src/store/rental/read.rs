//! Reading entrustments: one in full with its leases and viewings, and a unit's latest.

use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::{Connection, OptionalExtension, Row};

use super::write::{commission_of, parse_day};
use crate::domain::bank_account::BankAccount;
use crate::domain::rental::{
    Entrustment, EntrustmentId, EntrustmentNumber, Lease, LeaseEnd, LeaseId, ListingState,
    OwnerBank, PaymentCycle, Purpose, Viewing, ViewingOutcome,
};
use crate::domain::staff::StaffId;
use crate::domain::unit::{UnitId, UnitStatus};
use crate::domain::{Fen, Mobile, ResidentId, UnitAddress};
use crate::store::{Result, Store, StoreError, found, parse_time};

/// A lease as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LeaseRecord {
    /// Row id.
    pub id: LeaseId,
    /// The lease as signed.
    pub lease: Lease,
    /// The commission billed for it.
    pub commission: Fen,
    /// Whether the fees tab has it paid.
    pub commission_paid: bool,
    /// The unit's status before the lease (restored at its end).
    pub status_before: UnitStatus,
    /// 签约时间.
    pub signed_at: NaiveDateTime,
    /// Who signed it at the desk.
    pub signed_by_name: String,
    /// The end, once recorded (the reason as recorded).
    pub ended: Option<LeaseEnd>,
    /// When the end was recorded, and by whom.
    pub ended_by: Option<(NaiveDateTime, String)>,
}

impl LeaseRecord {
    /// Still running (no end recorded).
    pub fn running(&self) -> bool {
        self.ended.is_none()
    }
}

/// A viewing as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ViewingRecord {
    /// The viewing.
    pub viewing: Viewing,
    /// Who recorded it.
    pub recorded_by_name: String,
}

/// An entrustment with everything recorded on it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RentalRecord {
    /// Row id.
    pub id: EntrustmentId,
    /// 编号.
    pub number: EntrustmentNumber,
    /// What the owner entrusted.
    pub entrustment: Entrustment,
    /// 待租, 在租 or 已撤回.
    pub state: ListingState,
    /// When and why it was withdrawn.
    pub withdrawn: Option<(NaiveDate, String)>,
    /// 登记时间.
    pub recorded_at: NaiveDateTime,
    /// 经办人.
    pub recorded_by_name: String,
    /// Its leases, newest first.
    pub leases: Vec<LeaseRecord>,
    /// Its viewings, newest first.
    pub viewings: Vec<ViewingRecord>,
}

impl RentalRecord {
    /// The lease running now.
    pub fn running(&self) -> Option<&LeaseRecord> {
        self.leases.iter().find(|l| l.running())
    }

    /// The lease the 房屋出租登记表 is printed for: the running one, else the latest.
    pub fn current_or_latest(&self) -> Option<&LeaseRecord> {
        self.running().or(self.leases.first())
    }
}

pub(super) fn address(b: u32, e: u32, room: u32) -> Result<UnitAddress> {
    UnitAddress::new(b, e, room).map_err(|_| StoreError::Corrupt(format!("房号 {b}-{e}-{room}")))
}

pub(super) fn number(text: &str) -> Result<EntrustmentNumber> {
    EntrustmentNumber::parse(text).ok_or_else(|| StoreError::Corrupt(format!("代租编号 {text}")))
}

fn mobile(text: Option<String>) -> Result<Option<Mobile>> {
    text.map(|p| Mobile::parse(&p).map_err(|_| StoreError::Corrupt(format!("电话 “{p}”"))))
        .transpose()
}

pub(super) fn coded<T>(text: &str, from: fn(&str) -> Option<T>, what: &str) -> Result<T> {
    from(text).ok_or_else(|| StoreError::Corrupt(format!("{what} “{text}”")))
}

const LEASE_COLUMNS: &str = "l.id, l.tenant, l.id_number, l.phone, l.occupants, l.purpose,
    l.rent_fen, l.deposit_fen, l.cycle, l.starts_on, l.ends_on, l.commission_fen,
    (SELECT b.receipt_id IS NOT NULL FROM bill_lines b WHERE b.id = l.commission_line),
    l.status_before, l.signed_at, l.signed_by_name, l.ended_on, l.end_reason, l.ended_at,
    l.ended_by_name";

fn lease_row(r: &Row<'_>) -> rusqlite::Result<Result<LeaseRecord>> {
    let id: i64 = r.get(0)?;
    let tenant: String = r.get(1)?;
    let id_number: String = r.get(2)?;
    let phone: String = r.get(3)?;
    let occupants: u32 = r.get(4)?;
    let purpose: String = r.get(5)?;
    let rent: i64 = r.get(6)?;
    let deposit: i64 = r.get(7)?;
    let cycle: String = r.get(8)?;
    let starts: String = r.get(9)?;
    let ends: String = r.get(10)?;
    let commission: i64 = r.get(11)?;
    let paid: Option<bool> = r.get(12)?;
    let before: String = r.get(13)?;
    let signed_at: String = r.get(14)?;
    let signed_by_name: String = r.get(15)?;
    let ended_on: Option<String> = r.get(16)?;
    let reason: Option<String> = r.get(17)?;
    let ended_at: Option<String> = r.get(18)?;
    let ended_by: Option<String> = r.get(19)?;
    Ok((|| {
        let lease = Lease {
            tenant,
            id_number: ResidentId::parse(&id_number)
                .map_err(|_| StoreError::Corrupt("租户身份证号".into()))?,
            phone: Mobile::parse(&phone)
                .map_err(|_| StoreError::Corrupt(format!("租户电话 “{phone}”")))?,
            occupants,
            purpose: coded(&purpose, Purpose::from_code, "用途")?,
            rent: Fen(rent),
            deposit: Fen(deposit),
            cycle: coded(&cycle, PaymentCycle::from_code, "付款方式")?,
            starts_on: parse_day(&starts)?,
            ends_on: parse_day(&ends)?,
        };
        let ended = match ended_on {
            Some(on) => Some(LeaseEnd {
                on: parse_day(&on)?,
                reason: reason.unwrap_or_default(),
            }),
            None => None,
        };
        let ended_by = match ended_at {
            Some(at) => Some((parse_time(&at)?, ended_by.unwrap_or_default())),
            None => None,
        };
        Ok(LeaseRecord {
            id: LeaseId(id),
            lease,
            commission: Fen(commission),
            commission_paid: paid.unwrap_or(false),
            status_before: coded(&before, UnitStatus::from_code, "房屋状态")?,
            signed_at: parse_time(&signed_at)?,
            signed_by_name,
            ended,
            ended_by,
        })
    })())
}

fn leases_of(conn: &Connection, id: EntrustmentId) -> Result<Vec<LeaseRecord>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {LEASE_COLUMNS} FROM rental_leases l WHERE l.entrustment_id = ?1
         ORDER BY l.starts_on DESC, l.id DESC"
    ))?;
    let rows = stmt.query_map([id.0], lease_row)?;
    let mut out = Vec::new();
    for row in rows {
        out.push(row??);
    }
    Ok(out)
}

fn viewings_of(conn: &Connection, id: EntrustmentId) -> Result<Vec<ViewingRecord>> {
    let mut stmt = conn.prepare_cached(
        "SELECT at, visitor, phone, staff_id, staff_name, outcome, note, recorded_by_name
         FROM rental_viewings WHERE entrustment_id = ?1 ORDER BY at DESC, id DESC",
    )?;
    let rows = stmt.query_map([id.0], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, Option<String>>(2)?,
            r.get::<_, Option<i64>>(3)?,
            r.get::<_, String>(4)?,
            r.get::<_, String>(5)?,
            r.get::<_, String>(6)?,
            r.get::<_, String>(7)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (at, visitor, phone, staff, staff_name, outcome, note, by) = row?;
        out.push(ViewingRecord {
            viewing: Viewing {
                at: parse_time(&at)?,
                visitor,
                phone: mobile(phone)?,
                staff: staff.map(StaffId),
                staff_name,
                outcome: coded(&outcome, ViewingOutcome::from_code, "看房结果")?,
                note,
            },
            recorded_by_name: by,
        });
    }
    Ok(out)
}

pub(super) fn record(conn: &Connection, id: EntrustmentId) -> Result<RentalRecord> {
    type Head = (
        String,
        i64,
        u32,
        u32,
        u32,
        String,
        Option<i64>,
        Option<String>,
    );
    type Terms = (i64, String, String, String, String, String);
    type Rest = (
        Option<u32>,
        Option<i64>,
        String,
        String,
        Option<String>,
        String,
    );
    type Tail = (String, Option<String>, Option<String>, String, String);
    let row: Option<(Head, Terms, Rest, Tail)> = conn
        .prepare_cached(
            "SELECT e.number, e.unit_id, u.building, u.entrance, u.room, e.owner_name,
                    e.person_id, e.owner_phone,
                    e.asking_rent_fen, e.deposit_terms, e.furnishings, e.available_from,
                    e.period_from, e.period_to,
                    e.commission_bp, e.commission_fen, e.bank, e.account_holder, e.account,
                    e.note,
                    e.state, e.withdrawn_on, e.withdraw_reason, e.recorded_at,
                    e.recorded_by_name
             FROM rental_entrustments e JOIN units u ON u.id = e.unit_id WHERE e.id = ?1",
        )?
        .query_row([id.0], |r| {
            Ok((
                (
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                    r.get(6)?,
                    r.get(7)?,
                ),
                (
                    r.get(8)?,
                    r.get(9)?,
                    r.get(10)?,
                    r.get(11)?,
                    r.get(12)?,
                    r.get(13)?,
                ),
                (
                    r.get(14)?,
                    r.get(15)?,
                    r.get(16)?,
                    r.get(17)?,
                    r.get(18)?,
                    r.get(19)?,
                ),
                (r.get(20)?, r.get(21)?, r.get(22)?, r.get(23)?, r.get(24)?),
            ))
        })
        .optional()?;
    let (head, terms, rest, tail) = found(row, || "找不到这条代租委托，可能已被删除".to_string())?;
    let (num, unit, b, e, room, owner_name, person, owner_phone) = head;
    let (rent, deposit_terms, furnishings, available, from, to) = terms;
    let (bp, fen, bank, holder, account, note) = rest;
    let (state, withdrawn_on, reason, recorded_at, recorded_by_name) = tail;
    let bank = match account {
        Some(a) => Some(OwnerBank {
            bank,
            holder,
            account: BankAccount::parse(&a)
                .map_err(|_| StoreError::Corrupt("业主银行账号".into()))?,
        }),
        None => None,
    };
    let entrustment = Entrustment {
        unit: UnitId(unit),
        address: address(b, e, room)?,
        owner_name,
        person,
        owner_phone: mobile(owner_phone)?,
        asking_rent: Fen(rent),
        deposit_terms,
        furnishings: furnishings
            .split('、')
            .filter(|s| !s.is_empty())
            .map(String::from)
            .collect(),
        available_from: parse_day(&available)?,
        period_from: parse_day(&from)?,
        period_to: parse_day(&to)?,
        commission: commission_of((bp, fen))?,
        bank,
        note,
    };
    let withdrawn = match withdrawn_on {
        Some(on) => Some((parse_day(&on)?, reason.unwrap_or_default())),
        None => None,
    };
    Ok(RentalRecord {
        id,
        number: number(&num)?,
        entrustment,
        state: coded(&state, ListingState::from_code, "代租状态")?,
        withdrawn,
        recorded_at: parse_time(&recorded_at)?,
        recorded_by_name,
        leases: leases_of(conn, id)?,
        viewings: viewings_of(conn, id)?,
    })
}

impl Store {
    /// One entrustment in full.
    pub fn rental(&self, id: EntrustmentId) -> Result<RentalRecord> {
        record(self.conn(), id)
    }

    /// The unit's current entrustment (not withdrawn), else its latest; `None` if it was never
    /// entrusted.
    pub fn rental_of_unit(&self, unit: UnitId) -> Result<Option<RentalRecord>> {
        let id: Option<i64> = self
            .conn()
            .prepare_cached(
                "SELECT id FROM rental_entrustments WHERE unit_id = ?1
                 ORDER BY state = 'withdrawn', id DESC LIMIT 1",
            )?
            .query_row([unit.0], |r| r.get(0))
            .optional()?;
        id.map(|id| self.rental(EntrustmentId(id))).transpose()
    }
}
