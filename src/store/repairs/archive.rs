//! The month's repair orders for the month-end archive: every order received in the month
//! with its materials and its state changes, three queries in all (no query per order).

use rusqlite::params;

use super::row::{order_from_row, state};
use crate::domain::Fen;
use crate::domain::Month;
use crate::domain::repair::{Event, Material, OrderNumber, Qty};
use crate::store::{Result, Store, month_range, parse_time};

/// One material line with the order it belongs to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RepairMaterialLine {
    /// 维修单号.
    pub number: OrderNumber,
    /// The line.
    pub material: Material,
}

/// One state change with the order it belongs to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RepairEventLine {
    /// 维修单号.
    pub number: OrderNumber,
    /// The change.
    pub event: Event,
}

/// The month's orders by the time they were received, each without materials and events
/// (those come whole-month from [`Store::repair_materials_of_month`] and
/// [`Store::repair_events_of_month`]).
const ORDERS: &str = "SELECT r.*, u.building, u.entrance, u.room FROM repairs r
     LEFT JOIN units u ON u.id = r.unit_id
     WHERE r.recorded_at >= ?1 AND r.recorded_at < ?2 ORDER BY r.recorded_at, r.id";

impl Store {
    /// Orders received in `month`, oldest first (materials and events left empty).
    pub fn repairs_of_month(
        &self,
        month: Month,
    ) -> Result<Vec<crate::domain::repair::RepairOrder>> {
        let (from, to) = month_range(month);
        let mut stmt = self.conn().prepare_cached(ORDERS)?;
        let rows = stmt.query_map(params![from, to], order_from_row)?;
        let mut out = Vec::new();
        for row in rows {
            out.push(row??);
        }
        Ok(out)
    }

    /// The material lines of the orders received in `month`, by order and line.
    pub fn repair_materials_of_month(&self, month: Month) -> Result<Vec<RepairMaterialLine>> {
        let (from, to) = month_range(month);
        let mut stmt = self.conn().prepare_cached(
            "SELECT r.number, m.name, m.spec, m.model, m.qty_hundredths, m.unit, m.price_fen
             FROM repair_materials m JOIN repairs r ON r.id = m.repair_id
             WHERE r.recorded_at >= ?1 AND r.recorded_at < ?2
             ORDER BY r.recorded_at, r.id, m.line",
        )?;
        let rows = stmt.query_map(params![from, to], |r| {
            Ok((
                r.get::<_, String>(0)?,
                Material {
                    name: r.get(1)?,
                    spec: r.get(2)?,
                    model: r.get(3)?,
                    qty: Qty(r.get(4)?),
                    unit: r.get(5)?,
                    price: Fen(r.get(6)?),
                },
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (number, material) = row?;
            out.push(RepairMaterialLine {
                number: super::row::number(&number)?,
                material,
            });
        }
        Ok(out)
    }

    /// The state changes of the orders received in `month`, by order and time.
    pub fn repair_events_of_month(&self, month: Month) -> Result<Vec<RepairEventLine>> {
        let (from, to) = month_range(month);
        let mut stmt = self.conn().prepare_cached(
            "SELECT r.number, e.state, e.at, e.by_name, e.note
             FROM repair_events e JOIN repairs r ON r.id = e.repair_id
             WHERE r.recorded_at >= ?1 AND r.recorded_at < ?2
             ORDER BY r.recorded_at, r.id, e.id",
        )?;
        let rows = stmt.query_map(params![from, to], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, String>(4)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (number, st, at, by_name, note) = row?;
            out.push(RepairEventLine {
                number: super::row::number(&number)?,
                event: Event {
                    state: state(&st)?,
                    at: parse_time(&at)?,
                    by_name,
                    note,
                },
            });
        }
        Ok(out)
    }
}
