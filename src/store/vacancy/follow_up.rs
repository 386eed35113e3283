//! The follow-up of an abnormal inspection (“发现异常情况应及时报相关责任人”): one repair order
//! in 报修管理, taken with the repairs' own intake, linked from the inspection and written in
//! the unit's history.

use crate::domain::access::Action;
use crate::store::audit::{Entry, Target};
use rusqlite::params;

use super::super::repairs::insert_intake;
use super::super::units::log;
use super::super::{Result, Store, StoreError};
use super::LOG_KIND;
use super::inspections::INSPECTION_SELECT;
use crate::domain::date::paper_date;
use crate::domain::repair::{Channel, Intake, OrderNumber, Place, RepairId};
use crate::domain::staff::{Recorded, StaffId};
use crate::domain::unit::UnitStatus;
use crate::domain::vacancy::{BasementId, CHECKLIST, Inspection, InspectionId};
use crate::domain::{Fen, UnitAddress};

/// The repairs category for the first abnormal item that has one, else the list's last
/// (其他 in the default list).
fn category(i: &Inspection, categories: &[String]) -> String {
    let wanted = CHECKLIST
        .iter()
        .zip(i.abnormal_items)
        .filter(|(_, a)| *a)
        .find_map(|(item, _)| match *item {
            "门窗" => Some("门窗"),
            "渗漏" => Some("给排水"),
            "设施设备" => Some("公共设施"),
            _ => None,
        });
    match wanted {
        Some(c) if categories.iter().any(|x| x == c) => c.to_string(),
        _ => categories.last().cloned().unwrap_or_else(|| "其他".into()),
    }
}

/// 报修内容: what was found, when and by whom, and the follow-up written at the inspection.
fn description(place: &str, i: &Inspection, inspector: &str) -> String {
    let mut text = format!(
        "{place}空置房检查（{}，{inspector}）发现异常：{}",
        paper_date(i.date),
        i.abnormal_names()
    );
    if let Some(f) = &i.follow_up {
        text.push_str(&format!("。处理意见：{}", f.text()));
    }
    text
}

impl Store {
    /// Opens a repair order for an abnormal inspection of a vacant unit: in-home (入户维修)
    /// for a unit with an owner, public (公共报修, confirmed by the building's service officer)
    /// for an unsold unit, which is still the developer's. Returns the order's id and number.
    ///
    /// # Errors
    /// The inspection is normal or already has an order; an unsold unit's building has no
    /// service officer.
    pub fn repair_from_inspection(
        &mut self,
        id: InspectionId,
        rec: &Recorded,
    ) -> Result<(RepairId, OrderNumber)> {
        let row = super::super::optional(self.conn().query_row(
            &format!("{INSPECTION_SELECT} WHERE i.id = ?1"),
            [id.0],
            super::inspections::InspectionRecord::from_row,
        ))?;
        let record = super::super::found(row, || "找不到这次检查".to_string())??;
        let i = &record.inspection;
        check_open(i, record.repair.as_ref().map(|r| r.number.as_str()))?;
        let unit = self.unit(record.unit)?;
        let place = if unit.unit.status == UnitStatus::Unsold {
            let (officer, officer_name) = self.building_officer(record.address)?;
            Place::Public {
                location: format!("{}（未售空置房）", record.address),
                officer,
                officer_name,
            }
        } else {
            Place::Unit {
                id: record.unit,
                address: record.address,
            }
        };
        let intake = self.inspection_intake(place, i, &record.inspector_name, rec)?;
        let what = "空置房检查异常，开维修单";
        self.open_follow_up(&intake, what, rec, |tx, repair, number, rec| {
            tx.execute(
                "UPDATE vacancy_inspections SET repair_id = ?2 WHERE id = ?1",
                params![id.0, repair.0],
            )?;
            log(
                tx,
                record.unit,
                rec,
                LOG_KIND,
                &format!(
                    "空置房检查（{}）发现异常（{}），已开维修单 {number}",
                    paper_date(i.date),
                    i.abnormal_names()
                ),
            )
        })
    }

    /// Opens a public repair order (公共报修) for an abnormal inspection of a basement.
    ///
    /// # Errors
    /// As [`Store::repair_from_inspection`].
    pub fn repair_from_basement_inspection(
        &mut self,
        basement: BasementId,
        inspection: i64,
        rec: &Recorded,
    ) -> Result<(RepairId, OrderNumber)> {
        let record = self
            .basement_inspections(basement)?
            .into_iter()
            .find(|r| r.id == inspection)
            .ok_or_else(|| StoreError::NotFound("找不到这次检查".into()))?;
        let i = &record.inspection;
        check_open(i, record.repair.as_ref().map(|r| r.number.as_str()))?;
        let b = self
            .basements(true)?
            .into_iter()
            .find(|b| b.id == basement)
            .ok_or_else(|| StoreError::NotFound(format!("地下室 {}", basement.0)))?;
        let (officer, officer_name) = self.officer_of(b.basement.building)?;
        let place = Place::Public {
            location: b.basement.name.clone(),
            officer,
            officer_name,
        };
        let intake = self.inspection_intake(place, i, &record.inspector_name, rec)?;
        let what = "地下室检查异常，开维修单";
        self.open_follow_up(&intake, what, rec, |tx, repair, _, _| {
            tx.execute(
                "UPDATE basement_inspections SET repair_id = ?2 WHERE id = ?1",
                params![inspection, repair.0],
            )?;
            Ok(())
        })
    }

    /// Opens the repair order `intake` for an abnormal inspection, and `link`s it to the
    /// inspection, in one logged write.
    fn open_follow_up(
        &mut self,
        intake: &Intake,
        what: &str,
        rec: &Recorded,
        link: impl FnOnce(&rusqlite::Transaction<'_>, RepairId, &OrderNumber, &Recorded) -> Result<()>,
    ) -> Result<(RepairId, OrderNumber)> {
        self.write(Action::RepairRecord, None, rec, |tx, auth| {
            let (repair, number) = insert_intake(tx, intake, &auth.rec)?;
            link(tx, repair, &number, &auth.rec)?;
            let target = Target::new("repair", repair.0, &number.to_string());
            let entry = Entry::new(Action::RepairRecord, what, target);
            Ok((
                (repair, number),
                entry.change(None::<&Intake>, Some(intake)),
            ))
        })
    }

    fn inspection_intake(
        &self,
        place: Place,
        i: &Inspection,
        inspector: &str,
        rec: &Recorded,
    ) -> Result<Intake> {
        let categories = self.repair_categories()?;
        let what = match &place {
            Place::Unit { .. } => String::new(),
            Place::Public { location, .. } => format!("{location} "),
        };
        Ok(Intake {
            description: description(&what, i, inspector),
            place,
            reporter: format!("{inspector}（空置房检查）"),
            phone: None,
            channel: Channel::Patrol,
            category: category(i, &categories),
            appointment: rec.at,
            chargeable: false,
            quote: String::new(),
            quote_amount: Fen(0),
        })
    }

    fn building_officer(&self, address: UnitAddress) -> Result<(StaffId, String)> {
        self.officer_of(address.building)
    }

    /// The service officer covering `building` (the first by name if several).
    fn officer_of(&self, building: u32) -> Result<(StaffId, String)> {
        self.officer_buildings()?
            .into_iter()
            .filter(|o| o.buildings.contains(&building))
            .min_by(|a, b| a.name.cmp(&b.name))
            .map(|o| (o.staff, o.name))
            .ok_or_else(|| {
                StoreError::Conflict(format!(
                    "{building}号楼没有分管的客户服务员，公共报修要由他确认：请先在“规则与分工”中分配"
                ))
            })
    }
}

/// An order is opened once, and only for an abnormal inspection.
fn check_open(i: &Inspection, existing: Option<&str>) -> Result<()> {
    if !i.is_abnormal() {
        return Err(StoreError::Conflict("这次检查没有异常，不需要报修".into()));
    }
    if let Some(number) = existing {
        return Err(StoreError::Conflict(format!("这次检查已开维修单 {number}")));
    }
    Ok(())
}
