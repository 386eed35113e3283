//! The tab's list of entrustments (by state, searched as the desk types) and the running leases
//! near or past their end, for 今日.

use chrono::NaiveDate;

use super::read::{address, coded, number};
use super::write::{day_text, parse_day};
use crate::domain::rental::{EntrustmentId, EntrustmentNumber, ListingState};
use crate::domain::{Fen, UnitAddress};
use crate::store::{Result, Store};

/// A line of the tab's list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RentalSummary {
    /// Row id.
    pub id: EntrustmentId,
    /// 编号.
    pub number: EntrustmentNumber,
    /// The unit.
    pub address: UnitAddress,
    /// 委托人.
    pub owner_name: String,
    /// The listing's state.
    pub state: ListingState,
    /// 期望月租金.
    pub asking_rent: Fen,
    /// 委托期限's last day.
    pub period_to: NaiveDate,
    /// The running lease's tenant and last day.
    pub tenant: Option<(String, NaiveDate)>,
}

/// Which entrustments the list shows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RentalFilter {
    /// Only this state (all when `None`).
    pub state: Option<ListingState>,
    /// Typed in the search box: a number, a unit (`7-2-1901`, `1901`), an owner's or tenant's
    /// name.
    pub text: String,
}

/// A running lease near or past its last day, for 今日.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EndingLease {
    /// The entrustment it runs on.
    pub entrustment: EntrustmentId,
    /// Its number.
    pub number: String,
    /// The unit.
    pub address: UnitAddress,
    /// 委托人.
    pub owner_name: String,
    /// 承租人.
    pub tenant: String,
    /// The lease's last day.
    pub ends_on: NaiveDate,
}

/// Whether `s` matches the search text: the number, the unit as the desk types it, the owner's
/// or the tenant's name.
fn matches(s: &RentalSummary, text: &str) -> bool {
    let t = crate::domain::normalize_digits(text.trim()).to_ascii_uppercase();
    if t.is_empty() {
        return true;
    }
    if let Ok(a) = UnitAddress::parse(&t) {
        return a == s.address;
    }
    let room = format!("{:04}", s.address.room);
    s.number.to_string().contains(&t)
        || (t.bytes().all(|b| b.is_ascii_digit()) && room.ends_with(t.trim_start_matches('0')))
        || s.owner_name.contains(&t)
        || s.tenant.as_ref().is_some_and(|(n, _)| n.contains(&t))
}

impl Store {
    /// The list the tab shows, the latest entrusted first, at most `limit` lines.
    pub fn rental_list(&self, filter: &RentalFilter, limit: usize) -> Result<Vec<RentalSummary>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT e.id, e.number, u.building, u.entrance, u.room, e.owner_name, e.state,
                    e.asking_rent_fen, e.period_to, l.tenant, l.ends_on
             FROM rental_entrustments e JOIN units u ON u.id = e.unit_id
             LEFT JOIN rental_leases l ON l.entrustment_id = e.id AND l.ended_on IS NULL
             WHERE ?1 IS NULL OR e.state = ?1
             ORDER BY e.recorded_at DESC, e.id DESC",
        )?;
        let rows = stmt.query_map([filter.state.map(|s| s.code())], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                (r.get(2)?, r.get(3)?, r.get(4)?),
                r.get::<_, String>(5)?,
                r.get::<_, String>(6)?,
                r.get::<_, i64>(7)?,
                r.get::<_, String>(8)?,
                r.get::<_, Option<String>>(9)?,
                r.get::<_, Option<String>>(10)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (id, num, (b, e, room), owner_name, state, rent, to, tenant, ends) = row?;
            let tenant = match (tenant, ends) {
                (Some(t), Some(e)) => Some((t, parse_day(&e)?)),
                _ => None,
            };
            let s = RentalSummary {
                id: EntrustmentId(id),
                number: number(&num)?,
                address: address(b, e, room)?,
                owner_name,
                state: coded(&state, ListingState::from_code, "代租状态")?,
                asking_rent: Fen(rent),
                period_to: parse_day(&to)?,
                tenant,
            };
            if matches(&s, &filter.text) {
                out.push(s);
                if out.len() >= limit {
                    break;
                }
            }
        }
        Ok(out)
    }

    /// Running leases whose last day is on or before `until`, soonest first (今日 asks for
    /// those ending within thirty days, and those past their end).
    pub fn leases_ending(&self, until: NaiveDate) -> Result<Vec<EndingLease>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT e.id, e.number, u.building, u.entrance, u.room, e.owner_name, l.tenant,
                    l.ends_on
             FROM rental_leases l JOIN rental_entrustments e ON e.id = l.entrustment_id
             JOIN units u ON u.id = l.unit_id
             WHERE l.ended_on IS NULL AND l.ends_on <= ?1 ORDER BY l.ends_on, e.id",
        )?;
        let rows = stmt.query_map([day_text(until)], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                (r.get(2)?, r.get(3)?, r.get(4)?),
                r.get::<_, String>(5)?,
                r.get::<_, String>(6)?,
                r.get::<_, String>(7)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (id, number, (b, e, room), owner_name, tenant, ends) = row?;
            out.push(EndingLease {
                entrustment: EntrustmentId(id),
                number,
                address: address(b, e, room)?,
                owner_name,
                tenant,
                ends_on: parse_day(&ends)?,
            });
        }
        Ok(out)
    }
}
