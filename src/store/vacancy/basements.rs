//! Basements (地下室) and their inspections: the places inspected like vacant units that the
//! register does not hold. Edited in the tab's 规则与分工 pane; listed under their building's
//! units in 本月检查 and on the building's 空置房检查记录表; counted in coverage.

use super::{basement_target, inspection_target};
use crate::domain::access::Action;
use crate::store::audit::{Entry, append, append_checked, step_authority};
use std::collections::HashMap;

use chrono::NaiveDateTime;
use rusqlite::{Row, params};

use super::super::{Result, Store, StoreError};
use super::inspections::{Inspector, PLACE, RepairLink, common_columns, insert_row, read_common};
use crate::domain::Month;
use crate::domain::staff::Recorded;
use crate::domain::vacancy::{Basement, BasementId, Inspection, InspectionKind};

/// A basement as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BasementRecord {
    /// Row id.
    pub id: BasementId,
    /// The basement.
    pub basement: Basement,
}

/// An inspection of a basement as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BasementInspectionRecord {
    /// Row id (of `basement_inspections`, not of units' inspections).
    pub id: i64,
    /// The basement.
    pub basement: BasementId,
    /// The inspection.
    pub inspection: Inspection,
    /// Who inspected (检查人).
    pub inspector_name: String,
    /// Who entered it at the desk.
    pub recorded_by_name: String,
    /// When it was entered.
    pub recorded_at: NaiveDateTime,
    /// The repair order opened for its anomaly, if one was.
    pub repair: Option<RepairLink>,
}

/// An active basement in a month, with the month's latest inspection that counts for coverage.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BasementMonth {
    /// The basement.
    pub basement: BasementRecord,
    /// Monthly or after-storm inspection, if any.
    pub inspected: Option<BasementInspectionRecord>,
}

fn basement_from_row(r: &Row<'_>) -> rusqlite::Result<BasementRecord> {
    Ok(BasementRecord {
        id: BasementId(r.get("id")?),
        basement: Basement {
            building: r.get("building")?,
            name: r.get("name")?,
            note: r.get("note")?,
            active: r.get("active")?,
        },
    })
}

fn inspection_from_row(r: &Row<'_>) -> rusqlite::Result<Result<BasementInspectionRecord>> {
    let id: i64 = r.get(0)?;
    let basement = BasementId(r.get(PLACE)?);
    let common = read_common(r)?;
    Ok(common.map(|c| BasementInspectionRecord {
        id,
        basement,
        inspection: c.inspection,
        inspector_name: c.inspector_name,
        recorded_by_name: c.recorded_by_name,
        recorded_at: c.recorded_at,
        repair: c.repair,
    }))
}

fn conflict(e: impl std::fmt::Display) -> StoreError {
    StoreError::Conflict(e.to_string())
}

/// Turns the (building, name) uniqueness failure into a message for the desk.
fn duplicate(e: rusqlite::Error, b: &Basement) -> StoreError {
    match e {
        rusqlite::Error::SqliteFailure(f, _)
            if f.code == rusqlite::ErrorCode::ConstraintViolation =>
        {
            conflict(format!("{}号楼已有“{}”", b.building, b.name.trim()))
        }
        other => other.into(),
    }
}

impl Store {
    /// Every basement (inactive ones too when `all`), by building and name.
    pub fn basements(&self, all: bool) -> Result<Vec<BasementRecord>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT * FROM basements WHERE ?1 OR active = 1 ORDER BY building, name, id",
        )?;
        let rows = stmt.query_map([all], basement_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Adds a basement.
    ///
    /// # Errors
    /// A bad field, or a basement of that name already in the building.
    pub fn add_basement(&mut self, b: &Basement, rec: &Recorded) -> Result<BasementId> {
        b.check().map_err(conflict)?;
        let auth = self.authorize(Action::RegisterEdit, None, rec)?;
        let rec = &auth.rec;
        let tx = self.conn.transaction()?;
        tx.execute(
            "INSERT INTO basements (building, name, note, active, recorded_by, recorded_by_name,
                 recorded_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                b.building,
                b.name.trim(),
                b.note.trim(),
                b.active,
                rec.by.map(|s| s.0),
                rec.by_name,
                super::super::time_text(rec.at),
            ],
        )
        .map_err(|e| duplicate(e, b))?;
        let id = BasementId(tx.last_insert_rowid());
        append_checked(
            &mut self.session,
            &tx,
            &auth,
            Entry::new(Action::RegisterEdit, "登记地下室", basement_target(id.0, b))
                .change(None::<&Basement>, Some(b)),
        )?;
        tx.commit()?;
        Ok(id)
    }

    /// Changes a basement (e.g. marks it inactive: no longer inspected); its inspections stay.
    pub fn update_basement(&mut self, id: BasementId, b: &Basement, rec: &Recorded) -> Result<()> {
        b.check().map_err(conflict)?;
        let before = self
            .basements(true)?
            .into_iter()
            .find(|r| r.id == id)
            .map(|r| r.basement);
        let auth = self.authorize(Action::RegisterEdit, None, rec)?;
        let tx = self.conn.transaction()?;
        let n = tx
            .execute(
                "UPDATE basements SET building = ?2, name = ?3, note = ?4, active = ?5
                 WHERE id = ?1",
                params![id.0, b.building, b.name.trim(), b.note.trim(), b.active],
            )
            .map_err(|e| duplicate(e, b))?;
        if n == 0 {
            return Err(StoreError::NotFound(format!("地下室 {}", id.0)));
        }
        let entry = Entry::new(Action::RegisterEdit, "修改地下室", basement_target(id.0, b));
        append_checked(
            &mut self.session,
            &tx,
            &auth,
            entry.change(before.as_ref(), Some(b)),
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Records an inspection of a basement walked by the person on duty. Readings are optional
    /// (most basements have no meters of their own); an abnormal result needs a follow-up, as
    /// for units.
    pub fn add_basement_inspection(
        &mut self,
        basement: BasementId,
        i: &Inspection,
        rec: &Recorded,
    ) -> Result<i64> {
        self.add_basement_inspection_by(basement, i, None, rec)
    }

    /// [`Store::add_basement_inspection`] walked by `inspector` (the person on duty if `None`).
    pub fn add_basement_inspection_by(
        &mut self,
        basement: BasementId,
        i: &Inspection,
        inspector: Option<&Inspector>,
        rec: &Recorded,
    ) -> Result<i64> {
        i.check().map_err(conflict)?;
        if i.kind == InspectionKind::ShutOff {
            return Err(conflict("地下室没有停水电抄表"));
        }
        let action = i.kind.action();
        let auth = self.authorize(action, None, rec)?;
        let rec = &auth.rec;
        let tx = self.conn.transaction()?;
        let known: bool = tx.query_row(
            "SELECT EXISTS (SELECT 1 FROM basements WHERE id = ?1)",
            [basement.0],
            |r| r.get(0),
        )?;
        if !known {
            return Err(StoreError::NotFound(format!("地下室 {}", basement.0)));
        }
        let id = insert_row(
            &tx,
            "basement_inspections",
            "basement_id",
            basement.0,
            i,
            inspector,
            rec,
        )?;
        append_checked(
            &mut self.session,
            &tx,
            &auth,
            Entry::new(
                action,
                i.kind.label(),
                inspection_target(id, &format!("地下室 {} 检查", basement.0)),
            )
            .change(None::<&Inspection>, Some(i)),
        )?;
        tx.commit()?;
        Ok(id)
    }

    /// Writes many basement inspections in one transaction (the demo estate).
    pub fn bulk_basement_inspections(
        &mut self,
        inspections: &[(BasementId, Inspection, Recorded)],
    ) -> Result<()> {
        let Some((_, _, first)) = inspections.first() else {
            return Ok(());
        };
        let auth = self.authorize(Action::HistoryImport, None, first)?;
        let tx = self.conn.transaction()?;
        for (b, i, rec) in inspections {
            i.check().map_err(conflict)?;
            let id = insert_row(
                &tx,
                "basement_inspections",
                "basement_id",
                b.0,
                i,
                None,
                rec,
            )?;
            let label = format!("地下室 {} 检查", b.0);
            let action = i.kind.action();
            let entry = Entry::new(action, i.kind.label(), inspection_target(id, &label));
            append(&tx, &step_authority(&auth, rec), &entry)?;
        }
        tx.commit()?;
        Ok(())
    }

    /// A basement's inspections, newest first.
    pub fn basement_inspections(
        &self,
        basement: BasementId,
    ) -> Result<Vec<BasementInspectionRecord>> {
        let mut stmt = self.conn().prepare_cached(concat!(
            "SELECT ",
            common_columns!(),
            ", i.basement_id FROM basement_inspections i WHERE i.basement_id = ?1
                 ORDER BY i.inspected_on DESC, i.id DESC"
        ))?;
        let rows = stmt.query_map([basement.0], inspection_from_row)?;
        let mut out = Vec::new();
        for row in rows {
            out.push(row??);
        }
        Ok(out)
    }

    /// The active basements (of one building, or all) with their inspection in `month`, by
    /// building and name.
    pub fn month_basements(
        &self,
        month: Month,
        building: Option<u32>,
    ) -> Result<Vec<BasementMonth>> {
        let mut stmt = self.conn().prepare_cached(concat!(
            "SELECT ",
            common_columns!(),
            ", i.basement_id FROM basement_inspections i JOIN basements b ON b.id = i.basement_id
             WHERE i.month = ?1 AND i.kind IN ('monthly', 'storm') AND b.active = 1
               AND (?2 IS NULL OR b.building = ?2)
             ORDER BY i.inspected_on, i.id"
        ))?;
        let rows = stmt.query_map(params![month.code(), building], inspection_from_row)?;
        // The latest of the month wins, as for units.
        let mut inspected: HashMap<BasementId, BasementInspectionRecord> = HashMap::new();
        for row in rows {
            let r = row??;
            inspected.insert(r.basement, r);
        }
        Ok(self
            .basements(false)?
            .into_iter()
            .filter(|b| building.is_none_or(|x| b.basement.building == x))
            .map(|b| BasementMonth {
                inspected: inspected.remove(&b.id),
                basement: b,
            })
            .collect())
    }
}
