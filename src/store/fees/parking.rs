//! 车位: the parking-space register, for 机动车占位费 per space that belongs to a unit.

use chrono::NaiveDate;
use rusqlite::{OptionalExtension, Row, params};

use crate::domain::UnitAddress;
use crate::domain::access::Action;
use crate::domain::staff::Recorded;
use crate::domain::unit::UnitId;
use crate::store::audit::{Entry, Target};
use crate::store::vacancy::{date_text, parse_date};
use crate::store::{Result, Store, StoreError, time_text};

/// A parking space's row id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ParkingId(pub i64);

/// A parking space.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParkingSpace {
    /// Row id (`None` before it is saved).
    pub id: Option<ParkingId>,
    /// 车位号, `B1-023`.
    pub number: String,
    /// 区域/楼层, `地下一层A区`.
    pub place: String,
    /// The unit it belongs to (rented or bought); `None` while free (not billed).
    pub unit: Option<UnitId>,
    /// The unit's address, when read back.
    pub address: Option<UnitAddress>,
    /// 车牌, separated by `、`.
    pub plates: String,
    /// The day the unit took it (billed from then); `None`: from the month it was recorded.
    pub from: Option<NaiveDate>,
    /// 备注.
    pub note: String,
}

const SELECT: &str = "SELECT p.id, p.number, p.place, p.unit_id, p.plates, p.from_date, p.note,
        u.building, u.entrance, u.room
    FROM parking_spaces p LEFT JOIN units u ON u.id = p.unit_id";

fn from_row(r: &Row<'_>) -> rusqlite::Result<Result<ParkingSpace>> {
    let from: Option<String> = r.get(5)?;
    let place: Option<(u32, u32, u32)> = match r.get::<_, Option<u32>>(7)? {
        Some(b) => Some((b, r.get(8)?, r.get(9)?)),
        None => None,
    };
    let space = ParkingSpace {
        id: Some(ParkingId(r.get(0)?)),
        number: r.get(1)?,
        place: r.get(2)?,
        unit: r.get::<_, Option<i64>>(3)?.map(UnitId),
        address: None,
        plates: r.get(4)?,
        from: None,
        note: r.get(6)?,
    };
    Ok((|| {
        let address = match place {
            Some((b, e, room)) => Some(
                UnitAddress::new(b, e, room)
                    .map_err(|_| StoreError::Corrupt(format!("房号 {b}-{e}-{room}")))?,
            ),
            None => None,
        };
        Ok(ParkingSpace {
            address,
            from: from.as_deref().map(parse_date).transpose()?,
            ..space
        })
    })())
}

/// The space as the log keeps it.
fn json(s: &ParkingSpace) -> serde_json::Value {
    serde_json::json!({
        "车位号": s.number,
        "区域": s.place,
        "房号": s.address.map(|a| a.short()),
        "车牌": s.plates,
        "起始日": s.from.map(date_text),
        "备注": s.note,
    })
}

impl Store {
    fn spaces_where(&self, filter: &str, arg: Option<i64>) -> Result<Vec<ParkingSpace>> {
        let mut stmt = self
            .conn()
            .prepare_cached(&format!("{SELECT} WHERE {filter} ORDER BY p.number"))?;
        let rows = match arg {
            Some(a) => stmt.query_map([a], from_row)?.collect::<Vec<_>>(),
            None => stmt.query_map([], from_row)?.collect::<Vec<_>>(),
        };
        let mut out = Vec::new();
        for row in rows {
            out.push(row??);
        }
        Ok(out)
    }

    /// Every parking space, by number.
    pub fn parking_spaces(&self) -> Result<Vec<ParkingSpace>> {
        self.spaces_where("1", None)
    }

    /// The spaces of a unit.
    pub fn unit_parking_spaces(&self, unit: UnitId) -> Result<Vec<ParkingSpace>> {
        self.spaces_where("p.unit_id = ?1", Some(unit.0))
    }

    /// Adds a space (`id` None) or changes one ([`Action::ParkingEdit`], logged).
    ///
    /// [`Action::ParkingEdit`]: crate::domain::access::Action::ParkingEdit
    pub fn save_parking_space(
        &mut self,
        space: &ParkingSpace,
        rec: &Recorded,
    ) -> Result<ParkingId> {
        let number = crate::domain::normalize_digits(space.number.trim()).to_uppercase();
        if number.is_empty() {
            return Err(StoreError::Conflict("请填写车位号，例如 B1-023".into()));
        }
        let clash: Option<i64> = self
            .conn()
            .query_row(
                "SELECT id FROM parking_spaces WHERE number = ?1",
                [&number],
                |r| r.get(0),
            )
            .optional()?;
        if clash.is_some_and(|c| Some(ParkingId(c)) != space.id) {
            return Err(StoreError::Conflict(format!(
                "车位号 {number} 已经登记过了，请在列表中找到它后修改"
            )));
        }
        let address = match space.unit {
            Some(u) => Some(self.unit(u)?.unit.address),
            None => None,
        };
        let before = match space.id {
            Some(id) => Some(
                self.spaces_where("p.id = ?1", Some(id.0))?
                    .pop()
                    .ok_or_else(|| StoreError::NotFound("找不到这个车位，可能已被删除".into()))?,
            ),
            None => None,
        };
        let after = ParkingSpace {
            id: space.id,
            number: number.clone(),
            place: space.place.trim().to_string(),
            unit: space.unit,
            address,
            plates: space.plates.trim().to_string(),
            from: space.from,
            note: space.note.trim().to_string(),
        };
        self.write(Action::ParkingEdit, None, rec, |tx, auth| {
            let rec = &auth.rec;
            let id = match space.id {
                Some(id) => {
                    tx.execute(
                        "UPDATE parking_spaces SET number = ?2, place = ?3, unit_id = ?4,
                             plates = ?5, from_date = ?6, note = ?7 WHERE id = ?1",
                        params![
                            id.0,
                            after.number,
                            after.place,
                            after.unit.map(|u| u.0),
                            after.plates,
                            after.from.map(date_text),
                            after.note
                        ],
                    )?;
                    id
                }
                None => {
                    tx.execute(
                        "INSERT INTO parking_spaces (number, place, unit_id, plates, from_date,
                             note, recorded_by_name, recorded_at)
                         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                        params![
                            after.number,
                            after.place,
                            after.unit.map(|u| u.0),
                            after.plates,
                            after.from.map(date_text),
                            after.note,
                            rec.by_name,
                            time_text(rec.at)
                        ],
                    )?;
                    ParkingId(tx.last_insert_rowid())
                }
            };
            // The units' histories say when a space came or went.
            let old_unit = before.as_ref().and_then(|b| b.unit);
            if old_unit != after.unit {
                if let Some(u) = old_unit {
                    crate::store::units::log(tx, u, rec, "车位", &format!("退车位 {number}"))?;
                }
                if let Some(u) = after.unit {
                    let from = after
                        .from
                        .map_or(String::new(), |d| format!("，{} 起计费", date_text(d)));
                    let text = format!("车位 {number}{from}");
                    crate::store::units::log(tx, u, rec, "车位", &text)?;
                }
            }
            let what = if before.is_some() {
                "修改车位"
            } else {
                "登记车位"
            };
            let mut entry = Entry::new(
                Action::ParkingEdit,
                what,
                Target::new("parking", id.0, &number),
            );
            entry.before = before.as_ref().map(json);
            entry.after = Some(json(&after));
            Ok((id, entry))
        })
    }
}
