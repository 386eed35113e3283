//! 房屋代租's month for the month-end archive: entrustments taken, viewings made and leases
//! signed in the month — one query each.

use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::params;

use crate::domain::rental::{ListingState, PaymentCycle, Purpose, ViewingOutcome};
use crate::domain::{Fen, Mobile, Month, ResidentId, UnitAddress};
use crate::store::fees::bank::address_of;
use crate::store::{Result, Store, StoreError, month_range, parse_time};

/// One entrustment as the month's register lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntrustmentRow {
    /// `DZ-YYYYMM-NNNN`.
    pub number: String,
    /// The unit.
    pub address: UnitAddress,
    /// 业主.
    pub owner_name: String,
    /// 业主电话 (shown masked).
    pub owner_phone: Option<Mobile>,
    /// 期望租金 per month.
    pub asking_rent: Fen,
    /// 委托期.
    pub period: (NaiveDate, NaiveDate),
    /// 待租, 在租, 已撤回 now.
    pub state: ListingState,
    /// 登记人.
    pub recorded_by: String,
    /// 登记时间.
    pub recorded_at: NaiveDateTime,
    /// The unit's latest entrustment (what its printed 委托代租协议 shows).
    pub latest: bool,
}

/// One viewing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ViewingRow {
    /// The entrustment's number.
    pub number: String,
    /// The unit.
    pub address: UnitAddress,
    /// 看房时间.
    pub at: NaiveDateTime,
    /// 看房人.
    pub visitor: String,
    /// Their phone (shown masked).
    pub phone: Option<Mobile>,
    /// 陪同.
    pub staff_name: String,
    /// 结果.
    pub outcome: ViewingOutcome,
    /// 备注.
    pub note: String,
}

/// One lease signed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LeaseRow {
    /// The entrustment's number.
    pub number: String,
    /// The unit.
    pub address: UnitAddress,
    /// 承租人.
    pub tenant: String,
    /// Their ID (shown masked).
    pub id_number: ResidentId,
    /// Their phone (shown masked).
    pub phone: Mobile,
    /// 居住人数.
    pub occupants: i64,
    /// 用途.
    pub purpose: Purpose,
    /// 月租金.
    pub rent: Fen,
    /// 押金.
    pub deposit: Fen,
    /// 付款方式.
    pub cycle: PaymentCycle,
    /// 租期.
    pub term: (NaiveDate, NaiveDate),
    /// 代租服务费.
    pub commission: Fen,
    /// 签约时间.
    pub signed_at: NaiveDateTime,
    /// 经办人.
    pub signed_by: String,
    /// 提前结束.
    pub ended_on: Option<NaiveDate>,
    /// The unit's latest lease (what its printed 房屋出租登记表 shows).
    pub latest: bool,
}

fn corrupt(what: &str, v: &str) -> StoreError {
    StoreError::Corrupt(format!("{what} “{v}”"))
}

fn day(text: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|_| corrupt("日期", text))
}

fn mobile(text: &str) -> Result<Mobile> {
    Mobile::parse(text).map_err(|_| corrupt("电话", text))
}

impl Store {
    /// Entrustments taken in `month`, in the order taken.
    pub fn entrustments_of_month(&self, month: Month) -> Result<Vec<EntrustmentRow>> {
        let (from, to) = month_range(month);
        let mut stmt = self.conn().prepare_cached(
            "SELECT e.number, u.building, u.entrance, u.room, e.owner_name, e.owner_phone,
                    e.asking_rent_fen, e.period_from, e.period_to, e.state, e.recorded_by_name,
                    e.recorded_at,
                    e.id = (SELECT max(id) FROM rental_entrustments l WHERE l.unit_id = e.unit_id)
             FROM rental_entrustments e JOIN units u ON u.id = e.unit_id
             WHERE e.recorded_at >= ?1 AND e.recorded_at < ?2 ORDER BY e.recorded_at, e.id",
        )?;
        type Raw = ([i64; 3], [String; 7], Option<String>, i64, bool);
        let rows = stmt.query_map(params![from, to], |r| -> rusqlite::Result<Raw> {
            Ok((
                [r.get(1)?, r.get(2)?, r.get(3)?],
                [
                    r.get(0)?,
                    r.get(4)?,
                    r.get(7)?,
                    r.get(8)?,
                    r.get(9)?,
                    r.get(10)?,
                    r.get(11)?,
                ],
                r.get(5)?,
                r.get(6)?,
                r.get(12)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let ([b, e, n], texts, phone, rent, latest) = row?;
            let [number, owner_name, pf, pt, state, recorded_by, recorded_at] = texts;
            out.push(EntrustmentRow {
                number,
                address: address_of(b, e, n)?,
                owner_name,
                owner_phone: phone.as_deref().map(mobile).transpose()?,
                asking_rent: Fen(rent),
                period: (day(&pf)?, day(&pt)?),
                state: ListingState::from_code(&state)
                    .ok_or_else(|| corrupt("代租状态", &state))?,
                recorded_by,
                recorded_at: parse_time(&recorded_at)?,
                latest,
            });
        }
        Ok(out)
    }

    /// Viewings made in `month`, in time order.
    pub fn viewings_of_month(&self, month: Month) -> Result<Vec<ViewingRow>> {
        let (from, to) = month_range(month);
        let mut stmt = self.conn().prepare_cached(
            "SELECT e.number, u.building, u.entrance, u.room, v.at, v.visitor, v.phone,
                    v.staff_name, v.outcome, v.note
             FROM rental_viewings v JOIN rental_entrustments e ON e.id = v.entrustment_id
             JOIN units u ON u.id = e.unit_id
             WHERE v.at >= ?1 AND v.at < ?2 ORDER BY v.at, v.id",
        )?;
        type Raw = ([i64; 3], [String; 6], Option<String>);
        let rows = stmt.query_map(params![from, to], |r| -> rusqlite::Result<Raw> {
            Ok((
                [r.get(1)?, r.get(2)?, r.get(3)?],
                [
                    r.get(0)?,
                    r.get(4)?,
                    r.get(5)?,
                    r.get(7)?,
                    r.get(8)?,
                    r.get(9)?,
                ],
                r.get(6)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let ([b, e, n], [number, at, visitor, staff_name, outcome, note], phone) = row?;
            out.push(ViewingRow {
                number,
                address: address_of(b, e, n)?,
                at: parse_time(&at)?,
                visitor,
                phone: phone.as_deref().map(mobile).transpose()?,
                staff_name,
                outcome: ViewingOutcome::from_code(&outcome)
                    .ok_or_else(|| corrupt("看房结果", &outcome))?,
                note,
            });
        }
        Ok(out)
    }

    /// Leases signed in `month`, in the order signed.
    pub fn leases_of_month(&self, month: Month) -> Result<Vec<LeaseRow>> {
        let (from, to) = month_range(month);
        let mut stmt = self.conn().prepare_cached(
            "SELECT e.number, u.building, u.entrance, u.room, l.tenant, l.id_number, l.phone,
                    l.purpose, l.cycle, l.starts_on, l.ends_on, l.signed_at, l.signed_by_name,
                    l.occupants, l.rent_fen, l.deposit_fen, l.commission_fen, l.ended_on,
                    l.id = (SELECT max(id) FROM rental_leases x WHERE x.unit_id = l.unit_id)
             FROM rental_leases l JOIN rental_entrustments e ON e.id = l.entrustment_id
             JOIN units u ON u.id = l.unit_id
             WHERE l.signed_at >= ?1 AND l.signed_at < ?2 ORDER BY l.signed_at, l.id",
        )?;
        type Raw = ([i64; 3], [String; 10], [i64; 4], Option<String>, bool);
        let rows = stmt.query_map(params![from, to], |r| -> rusqlite::Result<Raw> {
            Ok((
                [r.get(1)?, r.get(2)?, r.get(3)?],
                [
                    r.get(0)?,
                    r.get(4)?,
                    r.get(5)?,
                    r.get(6)?,
                    r.get(7)?,
                    r.get(8)?,
                    r.get(9)?,
                    r.get(10)?,
                    r.get(11)?,
                    r.get(12)?,
                ],
                [r.get(13)?, r.get(14)?, r.get(15)?, r.get(16)?],
                r.get(17)?,
                r.get(18)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let ([b, e, n], texts, [occupants, rent, deposit, commission], ended, latest) = row?;
            let [
                number,
                tenant,
                id,
                phone,
                purpose,
                cycle,
                starts,
                ends,
                signed_at,
                signed_by,
            ] = texts;
            out.push(LeaseRow {
                number,
                address: address_of(b, e, n)?,
                tenant,
                id_number: ResidentId::parse(&id).map_err(|_| corrupt("身份证号", "…"))?,
                phone: mobile(&phone)?,
                occupants,
                purpose: Purpose::from_code(&purpose).ok_or_else(|| corrupt("用途", &purpose))?,
                rent: Fen(rent),
                deposit: Fen(deposit),
                cycle: PaymentCycle::from_code(&cycle)
                    .ok_or_else(|| corrupt("付款方式", &cycle))?,
                term: (day(&starts)?, day(&ends)?),
                commission: Fen(commission),
                signed_at: parse_time(&signed_at)?,
                signed_by,
                ended_on: ended.as_deref().map(day).transpose()?,
                latest,
            });
        }
        Ok(out)
    }
}
