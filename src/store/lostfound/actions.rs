//! The desk's writes on lost and found, each one transaction with its audit row: logging an
//! item (a valuable is taken into the supervisor's keeping, so it is theirs to sign), the claim
//! (a valuable is released by the supervisor), the disposal (the supervisor's, once the period
//! is over), the loss report and its end; and 设置's keeping period.

use super::write::{
    apply_claim, apply_disposal, claim_allowed, close_report, head, insert_item, insert_report,
    item_target, report_target,
};
use crate::domain::access::Action;
use crate::domain::lostfound::{
    Claim, DEFAULT_KEEP_DAYS, Disposal, FoundItem, FoundItemId, ItemNumber, LossReport,
    LossReportId, MAX_KEEP_DAYS, ReportNumber, Valuable, check_disposal,
};
use crate::domain::staff::Recorded;
use crate::store::audit::Entry;
use crate::store::session::Authority;
use crate::store::settings::{put_setting, setting};
use crate::store::{Result, Store, StoreError};

const KEEP_DAYS_KEY: &str = "lostfound.keep_days";

/// Who keeps a valuable: the supervisor who signed for it (the countersigner, when the desk
/// asked for one), or the name the history gives.
pub(super) fn custodian(auth: &Authority) -> String {
    match &auth.who {
        Some((_, Some(cs))) => cs.name.clone(),
        Some((by, None)) => by.name.clone(),
        None => auth.rec.by_name.clone(),
    }
}

/// The action a write on an item with `valuables` needs: a valuable is the supervisor's.
pub(super) fn action_for(valuables: &[Valuable]) -> Action {
    if valuables.is_empty() {
        Action::LostFoundRecord
    } else {
        Action::LostFoundValuables
    }
}

impl Store {
    /// Logs an item handed in; returns its id and number `SW-YYYYMM-NNNN`. A valuable needs
    /// the supervisor, who keeps it (the desk asks them to countersign).
    pub fn add_found_item(
        &mut self,
        item: &FoundItem,
        rec: &Recorded,
    ) -> Result<(FoundItemId, ItemNumber)> {
        let problems = item.check(rec.at);
        if !problems.is_empty() {
            let text: Vec<String> = problems.into_iter().map(|(_, m)| m).collect();
            return Err(StoreError::Conflict(text.join("；")));
        }
        let action = action_for(&item.valuables);
        self.write(action, None, rec, |tx, auth| {
            let keeper = custodian(auth);
            let (id, number) = insert_item(tx, item, &auth.rec, &keeper)?;
            let what = if item.is_valuable() {
                "登记贵重物品（主管保管）"
            } else {
                "登记拾遗物品"
            };
            let entry = Entry::new(action, what, item_target(id, &number.to_string()));
            Ok(((id, number), entry.change(None::<&FoundItem>, Some(item))))
        })
    }

    /// Releases an item to its claimant, who proved who they are and described it; `report`
    /// is the loss report they came through, which ends with it. A valuable is released by the
    /// supervisor.
    pub fn claim_found_item(
        &mut self,
        id: FoundItemId,
        claim: &Claim,
        report: Option<LossReportId>,
        rec: &Recorded,
    ) -> Result<()> {
        let h = head(self.conn(), id)?;
        claim_allowed(&h, claim, rec.at)?;
        let action = action_for(&h.valuables);
        self.write(action, None, rec, |tx, auth| {
            let h = apply_claim(tx, id, claim, report, &auth.rec)?;
            let entry = Entry::new(action, "认领发还", item_target(id, &h.number));
            let old = serde_json::json!({ "状态": "在库" });
            Ok(((), entry.change(Some(&old), Some(claim))))
        })
    }

    /// The supervisor's disposal of an unclaimed item, once its period (设置) is over; an
    /// identity document goes to the police at once.
    pub fn dispose_found_item(
        &mut self,
        id: FoundItemId,
        disposal: &Disposal,
        rec: &Recorded,
    ) -> Result<()> {
        let h = head(self.conn(), id)?;
        h.in_store()?;
        let days = self.lostfound_keep_days()?;
        check_disposal(
            &h.valuables,
            h.found_at.date(),
            rec.at.date(),
            days,
            disposal,
        )
        .map_err(StoreError::Conflict)?;
        self.write(Action::LostFoundDispose, None, rec, |tx, auth| {
            let h = apply_disposal(tx, id, disposal, &auth.rec)?;
            let entry = Entry::new(
                Action::LostFoundDispose,
                disposal.method.label(),
                item_target(id, &h.number),
            );
            let old = serde_json::json!({ "状态": "在库" });
            Ok(((), entry.change(Some(&old), Some(disposal))))
        })
    }

    /// 寻物登记: an owner looking for something; returns its id and number `XW-YYYYMM-NNNN`.
    pub fn add_loss_report(
        &mut self,
        report: &LossReport,
        rec: &Recorded,
    ) -> Result<(LossReportId, ReportNumber)> {
        self.write(Action::LostFoundRecord, None, rec, |tx, auth| {
            let (id, number) = insert_report(tx, report, &auth.rec)?;
            let entry = Entry::new(
                Action::LostFoundRecord,
                "寻物登记",
                report_target(id, &number.to_string()),
            );
            Ok((
                (id, number),
                entry.change(None::<&LossReport>, Some(report)),
            ))
        })
    }

    /// Ends a loss report without a claim (`失主已自行找到`).
    pub fn close_loss_report(
        &mut self,
        id: LossReportId,
        result: &str,
        rec: &Recorded,
    ) -> Result<()> {
        self.write(Action::LostFoundRecord, None, rec, |tx, auth| {
            let number = close_report(tx, id, result, None, &auth.rec)?;
            let entry = Entry::new(
                Action::LostFoundRecord,
                "结束寻物登记",
                report_target(id, &number),
            );
            let new = serde_json::json!({ "结果": result.trim() });
            Ok(((), entry.change(None::<&()>, Some(&new))))
        })
    }

    /// How many days an unclaimed item is kept (设置; 90 unless changed).
    pub fn lostfound_keep_days(&self) -> Result<u32> {
        Ok(setting(self.conn(), KEEP_DAYS_KEY)?
            // A value we cannot read keeps the default rather than disposing early.
            .and_then(|v| v.parse().ok())
            .filter(|d| (1..=MAX_KEEP_DAYS).contains(d))
            .unwrap_or(DEFAULT_KEEP_DAYS))
    }

    /// Saves the keeping period (the supervisor's, as every setting).
    pub fn save_lostfound_keep_days(&mut self, days: u32, rec: &Recorded) -> Result<()> {
        if days == 0 || days > MAX_KEEP_DAYS {
            return Err(StoreError::Conflict(format!(
                "保管期应在 1 到 {MAX_KEEP_DAYS} 天之间"
            )));
        }
        let before = self.lostfound_keep_days()?;
        self.save_settings_form(rec, "拾遗物品保管期", &before, &days, |tx| {
            put_setting(tx, KEEP_DAYS_KEY, &days.to_string())
        })
    }
}
