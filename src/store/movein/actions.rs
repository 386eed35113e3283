//! The desk's writes on move-in cases, each one transaction with its audit row
//! ([`Action::MoveInRecord`]) and its line in the unit's history.

use chrono::NaiveDateTime;

use super::DefectRecord;
use super::inspections::{accept_in, case_of_defect, defect_to_repair_in, inspection_in};
use super::write::{
    Head, agreements_in, finish_in, head, items_in, open_in, skip_in, step_in, target,
};
use crate::domain::access::Action;
use crate::domain::movein::{
    Agreements, DefectId, Finish, Inspection, ItemHanded, MoveInId, MoveInStep,
};
use crate::domain::repair::RepairId;
use crate::domain::staff::Recorded;
use crate::domain::unit::UnitId;
use crate::store::audit::Entry;
use crate::store::{Result, Store};

/// The audit row of a step on a case.
fn entry(id: MoveInId, h: &Head, what: &str, after: serde_json::Value) -> Entry {
    Entry::new(Action::MoveInRecord, what, target(id, h.address)).change(None::<&()>, Some(&after))
}

impl Store {
    /// Opens a move-in case for a unit (one open case per unit; a second is refused).
    pub fn open_move_in(
        &mut self,
        unit: UnitId,
        owner_name: &str,
        person: Option<i64>,
        notice_no: &str,
        scheduled_at: Option<NaiveDateTime>,
        rec: &Recorded,
    ) -> Result<MoveInId> {
        self.write(Action::MoveInRecord, None, rec, |tx, auth| {
            let (id, address) = open_in(
                tx,
                unit,
                owner_name,
                person,
                notice_no,
                scheduled_at,
                &auth.rec,
            )?;
            let after = serde_json::json!({
                "业主": owner_name.trim(),
                "入伙通知书": notice_no.trim(),
                "预约": scheduled_at.map(crate::domain::date::table_datetime),
            });
            let e = Entry::new(Action::MoveInRecord, "开始办理入住", target(id, address))
                .change(None::<&()>, Some(&after));
            Ok((id, e))
        })
    }

    /// Takes a plain step now (验证, 业主档案, 银行卡代扣协议, 缴纳费用, 发放居家手册等, 入住清单).
    /// The bank step needs the fees tab's agreement for the unit, the payment step nothing owed
    /// there; the owner file links the register's owner record.
    pub fn move_in_step(
        &mut self,
        id: MoveInId,
        step: MoveInStep,
        note: &str,
        rec: &Recorded,
    ) -> Result<()> {
        self.write(Action::MoveInRecord, None, rec, |tx, auth| {
            let h = step_in(tx, id, step, note, &auth.rec)?;
            let after = serde_json::json!({ "步骤": step.label(), "备注": note.trim() });
            Ok(((), entry(id, &h, step.label(), after)))
        })
    }

    /// Skips a step, with its reason (required).
    pub fn skip_move_in_step(
        &mut self,
        id: MoveInId,
        step: MoveInStep,
        reason: &str,
        rec: &Recorded,
    ) -> Result<()> {
        self.write(Action::MoveInRecord, None, rec, |tx, auth| {
            let h = skip_in(tx, id, step, reason, &auth.rec)?;
            let after = serde_json::json!({ "步骤": step.label(), "跳过原因": reason.trim() });
            Ok(((), entry(id, &h, &format!("跳过{}", step.label()), after)))
        })
    }

    /// Records the agreements' signed dates: the Agreements step.
    pub fn save_agreements(&mut self, id: MoveInId, a: &Agreements, rec: &Recorded) -> Result<()> {
        self.write(Action::MoveInRecord, None, rec, |tx, auth| {
            let h = agreements_in(tx, id, a, &auth.rec)?;
            let after = serde_json::to_value(a).unwrap_or_default();
            Ok((
                (),
                entry(id, &h, "签前期物业服务协议及业主临时管理规约", after),
            ))
        })
    }

    /// Records the items handed over: the Items step. `钥匙` hands the unit's keys over in the
    /// keys tab (they show as 已交业主 in 钥匙管理); the count must match the cabinet's.
    pub fn hand_over_items(
        &mut self,
        id: MoveInId,
        items: &[ItemHanded],
        rec: &Recorded,
    ) -> Result<()> {
        self.write(Action::MoveInRecord, None, rec, |tx, auth| {
            let h = items_in(tx, id, items, true, &auth.rec)?;
            let after = serde_json::to_value(items).unwrap_or_default();
            Ok(((), entry(id, &h, "领取物品", after)))
        })
    }

    /// Saves handover inspection 1 or 2 (the second only once the first's defects are fixed or
    /// accepted); returns the defects it found.
    pub fn save_inspection(
        &mut self,
        id: MoveInId,
        inspection: &Inspection,
        rec: &Recorded,
    ) -> Result<Vec<DefectRecord>> {
        self.write(Action::MoveInRecord, None, rec, |tx, auth| {
            let h = inspection_in(tx, id, inspection, &auth.rec)?;
            let defects: Vec<DefectRecord> = super::inspections::defects_of(tx, id)?
                .into_iter()
                .filter(|d| d.round == inspection.round)
                .collect();
            let after = serde_json::to_value(inspection).unwrap_or_default();
            let what = format!("接房验收{}", inspection.round);
            Ok((defects, entry(id, &h, &what, after)))
        })
    }

    /// Turns a defect into a repair order in 报修管理, linked (the owner as reporter, the area
    /// and the problem as its content).
    pub fn defect_to_repair(&mut self, defect: DefectId, rec: &Recorded) -> Result<RepairId> {
        let category = crate::store::feedback::repair_category(&self.repair_categories()?);
        self.write(Action::MoveInRecord, None, rec, |tx, auth| {
            let (h, repair, number) = defect_to_repair_in(tx, defect, &category, &auth.rec)?;
            let id = case_of_defect(tx, defect)?;
            let after = serde_json::json!({ "验收问题": defect.0, "报修单": number.to_string() });
            Ok((repair, entry(id, &h, "验收问题转报修", after)))
        })
    }

    /// The owner accepts a defect as it is.
    pub fn accept_defect(&mut self, defect: DefectId, rec: &Recorded) -> Result<()> {
        self.write(Action::MoveInRecord, None, rec, |tx, auth| {
            let h = accept_in(tx, defect, &auth.rec)?;
            let id = case_of_defect(tx, defect)?;
            let after = serde_json::json!({ "验收问题": defect.0, "业主接受现状": true });
            Ok(((), entry(id, &h, "业主接受验收问题现状", after)))
        })
    }

    /// Ends the case: the unit becomes 已入住 with its date (or 装修中), in the same
    /// transaction, with a line in its history.
    pub fn finish_move_in(&mut self, id: MoveInId, finish: &Finish, rec: &Recorded) -> Result<()> {
        self.write(Action::MoveInRecord, None, rec, |tx, auth| {
            let before = head(tx, id)?.state;
            let h = finish_in(tx, id, finish, &auth.rec)?;
            let after = serde_json::json!({
                "状态": finish.state().label(),
                "入住日期": finish.moved_in.format("%Y-%m-%d").to_string(),
            });
            let e = Entry::new(Action::MoveInRecord, "办完入住", target(id, h.address)).change(
                Some(&serde_json::json!({ "状态": before.label() })),
                Some(&after),
            );
            Ok(((), e))
        })
    }
}
