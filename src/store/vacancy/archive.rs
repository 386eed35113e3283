//! The month's vacancy walks for the month-end archive: every inspection of a vacant unit and
//! of a basement in the month, with its readings, one query each (the applications come from
//! [`Store::vacancy_applications_of_month`]).

use rusqlite::params;

use super::inspections::{INSPECTION_SELECT, InspectionRecord, PLACE, common_columns, read_common};
use crate::domain::Month;
use crate::domain::vacancy::Inspection;
use crate::store::{Result, Store};

/// One basement inspection with the basement it was of.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BasementWalk {
    /// 楼栋.
    pub building: u32,
    /// The basement's name.
    pub name: String,
    /// The inspection.
    pub inspection: Inspection,
    /// 检查人.
    pub inspector_name: String,
    /// The repair order it opened, `WX-…`, if any.
    pub repair: Option<String>,
}

impl Store {
    /// Every inspection of a unit in `month` (monthly, after a storm, spot-checks, shut-offs),
    /// by address and day.
    pub fn vacancy_inspections_of_month(&self, month: Month) -> Result<Vec<InspectionRecord>> {
        let mut stmt = self.conn().prepare_cached(&format!(
            "{INSPECTION_SELECT} WHERE i.month = ?1
             ORDER BY u.building, u.entrance, u.room, i.inspected_on, i.id"
        ))?;
        let rows = stmt.query_map(params![month.code()], InspectionRecord::from_row)?;
        let mut out = Vec::new();
        for row in rows {
            out.push(row??);
        }
        Ok(out)
    }

    /// Every basement inspection in `month`, by building, basement and day.
    pub fn basement_walks_of_month(&self, month: Month) -> Result<Vec<BasementWalk>> {
        let mut stmt = self.conn().prepare_cached(concat!(
            "SELECT ",
            common_columns!(),
            ", b.building, b.name FROM basement_inspections i JOIN basements b ON b.id = i.basement_id
             WHERE i.month = ?1 ORDER BY b.building, b.name, i.inspected_on, i.id"
        ))?;
        let rows = stmt.query_map(params![month.code()], |r| {
            Ok((
                read_common(r)?,
                r.get::<_, u32>(PLACE)?,
                r.get::<_, String>(PLACE + 1)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (common, building, name) = row?;
            let c = common?;
            out.push(BasementWalk {
                building,
                name,
                inspection: c.inspection,
                inspector_name: c.inspector_name,
                repair: c.repair.map(|r| r.number),
            });
        }
        Ok(out)
    }
}
