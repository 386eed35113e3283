//! Writing inside a transaction: an item with its gap-free number, its claim (closing the loss
//! report it came through), its disposal, a loss report and its end. Shared by the desk's
//! writes (`actions`) and the demo's loader (`bulk`), so history is written as the desk writes.

use chrono::{Datelike, NaiveDateTime};
use rusqlite::{OptionalExtension, Transaction, params};

use super::row::DATE_FORMAT;
use crate::domain::lostfound::{
    Claim, Disposal, FoundItem, FoundItemId, ItemNumber, ItemState, LossReport, LossReportId,
    ReportNumber, Valuable, parse_valuables_code, valuables_code,
};
use crate::domain::staff::Recorded;
use crate::store::audit::Target;
use crate::store::{Result, StoreError, time_text};

/// The next number of `prefix` (`SW`, `XW`) in `at`'s month, inside the caller's transaction:
/// a rollback gives it back, so there are no gaps and no duplicates.
fn next_seq(tx: &Transaction<'_>, prefix: &str, at: NaiveDateTime) -> Result<(i32, u32, u32)> {
    let (year, month) = (at.year(), at.month());
    let last: i64 = tx
        .prepare_cached(
            "INSERT INTO lostfound_counters (prefix, month, last) VALUES (?1, ?2, 1)
             ON CONFLICT (prefix, month) DO UPDATE SET last = last + 1 RETURNING last",
        )?
        .query_row(params![prefix, ItemNumber::month_key(year, month)], |r| {
            r.get(0)
        })?;
    let seq =
        u32::try_from(last).map_err(|_| StoreError::Corrupt(format!("{prefix} 序号 {last}")))?;
    Ok((year, month, seq))
}

/// An item as the audit log names it.
pub(super) fn item_target(id: FoundItemId, number: &str) -> Target {
    Target::new("found_item", id.0, number)
}

/// A loss report as the audit log names it.
pub(super) fn report_target(id: LossReportId, number: &str) -> Target {
    Target::new("loss_report", id.0, number)
}

/// Refuses what the domain's check finds, all of it in one message.
fn refuse<F>(problems: Vec<(F, String)>) -> Result<()> {
    if problems.is_empty() {
        return Ok(());
    }
    let text: Vec<String> = problems.into_iter().map(|(_, m)| m).collect();
    Err(StoreError::Conflict(text.join("；")))
}

/// Inserts an item logged by `rec` inside the caller's transaction; a valuable is kept by
/// `custodian`.
pub(super) fn insert_item(
    tx: &Transaction<'_>,
    item: &FoundItem,
    rec: &Recorded,
    custodian: &str,
) -> Result<(FoundItemId, ItemNumber)> {
    refuse(item.check(rec.at))?;
    let (year, month, seq) = next_seq(tx, ItemNumber::PREFIX, item.found_at)?;
    let number = ItemNumber { year, month, seq };
    let witness = |i: usize| item.witnesses.get(i).map(|w| w.trim()).unwrap_or("");
    tx.prepare_cached(
        "INSERT INTO found_items (number, category, name, description, place, found_at,
             finder_kind, finder_name, finder_phone, finder_staff, storage, valuables, cash_fen,
             witness1, witness2, custodian, state, recorded_by, recorded_by_name, recorded_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16,
                 'in_store', ?17, ?18, ?19)",
    )?
    .execute(params![
        number.to_string(),
        item.category.code(),
        item.name.trim(),
        item.description.trim(),
        item.place.trim(),
        time_text(item.found_at),
        item.finder.kind.code(),
        item.finder.name.trim(),
        item.finder.phone.as_ref().map(|p| p.as_str()),
        item.finder.staff.map(|s| s.0),
        item.storage.trim(),
        valuables_code(&item.valuables),
        item.cash.map(|f| f.0),
        witness(0),
        witness(1),
        if item.is_valuable() { custodian } else { "" },
        rec.by.map(|b| b.0),
        rec.by_name,
        time_text(rec.at),
    ])?;
    Ok((FoundItemId(tx.last_insert_rowid()), number))
}

/// What a claim or a disposal needs to know of the item.
pub(super) struct Head {
    pub number: String,
    pub state: ItemState,
    pub valuables: Vec<Valuable>,
    pub found_at: NaiveDateTime,
}

pub(super) fn head(conn: &rusqlite::Connection, id: FoundItemId) -> Result<Head> {
    let row: Option<(String, String, String, String)> = conn
        .prepare_cached("SELECT number, state, valuables, found_at FROM found_items WHERE id = ?1")?
        .query_row([id.0], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .optional()?;
    let (number, state, valuables, found_at) =
        crate::store::found(row, || "找不到这件拾遗物品".to_string())?;
    Ok(Head {
        state: ItemState::from_code(&state)
            .ok_or_else(|| StoreError::Corrupt(format!("物品状态 “{state}”")))?,
        valuables: parse_valuables_code(&valuables)
            .ok_or_else(|| StoreError::Corrupt(format!("贵重物品 “{valuables}”")))?,
        found_at: crate::store::parse_time(&found_at)?,
        number,
    })
}

impl Head {
    /// Refuses anything but an item still in store.
    pub(super) fn in_store(&self) -> Result<()> {
        match self.state {
            ItemState::InStore => Ok(()),
            s => Err(StoreError::Conflict(format!(
                "{} {}，不能再认领或处置",
                self.number,
                s.label()
            ))),
        }
    }
}

/// Checks a claim before anyone is asked to countersign: the item is in store, the claim is
/// complete, and it comes after the item was found.
pub(super) fn claim_allowed(h: &Head, claim: &Claim, at: NaiveDateTime) -> Result<()> {
    h.in_store()?;
    refuse(claim.check())?;
    if at < h.found_at {
        return Err(StoreError::Conflict(
            "认领时间早于拾获时间，请核对".to_string(),
        ));
    }
    Ok(())
}

/// Releases the item to its claimant inside the caller's transaction; `report`, the loss report
/// the claimant came through, ends with it.
pub(super) fn apply_claim(
    tx: &Transaction<'_>,
    id: FoundItemId,
    claim: &Claim,
    report: Option<LossReportId>,
    rec: &Recorded,
) -> Result<Head> {
    let h = head(tx, id)?;
    claim_allowed(&h, claim, rec.at)?;
    tx.prepare_cached(
        "UPDATE found_items SET state = 'claimed', claimant_name = ?2, claimant_id = ?3,
             claimant_phone = ?4, claim_description = ?5, claimed_at = ?6, released_by_name = ?7
         WHERE id = ?1",
    )?
    .execute(params![
        id.0,
        claim.name.trim(),
        claim.id_number.as_str(),
        claim.phone.as_str(),
        claim.description.trim(),
        time_text(rec.at),
        rec.by_name,
    ])?;
    if let Some(r) = report {
        let result = format!("已认领 {}", h.number);
        close_report(tx, r, &result, Some(id), rec)?;
    }
    Ok(h)
}

/// Records the disposal inside the caller's transaction (its rules were checked by the caller
/// against the period in force).
pub(super) fn apply_disposal(
    tx: &Transaction<'_>,
    id: FoundItemId,
    disposal: &Disposal,
    rec: &Recorded,
) -> Result<Head> {
    let h = head(tx, id)?;
    h.in_store()?;
    tx.prepare_cached(
        "UPDATE found_items SET state = 'disposed', disposal_method = ?2, disposal_reason = ?3,
             disposal_receiver = ?4, disposed_at = ?5, disposed_by_name = ?6
         WHERE id = ?1",
    )?
    .execute(params![
        id.0,
        disposal.method.code(),
        disposal.reason.trim(),
        disposal.receiver.trim(),
        time_text(rec.at),
        rec.by_name,
    ])?;
    Ok(h)
}

/// Inserts a loss report taken by `rec`, with its gap-free number.
pub(super) fn insert_report(
    tx: &Transaction<'_>,
    report: &LossReport,
    rec: &Recorded,
) -> Result<(LossReportId, ReportNumber)> {
    refuse(report.check())?;
    let (year, month, seq) = next_seq(tx, ReportNumber::PREFIX, report.at)?;
    let number = ReportNumber { year, month, seq };
    tx.prepare_cached(
        "INSERT INTO loss_reports (number, name, phone, category, description, place, lost_on,
             state, recorded_by, recorded_by_name, recorded_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 'open', ?8, ?9, ?10)",
    )?
    .execute(params![
        number.to_string(),
        report.name.trim(),
        report.phone.as_str(),
        report.category.map(|c| c.code()),
        report.description.trim(),
        report.place.trim(),
        report.lost_on.format(DATE_FORMAT).to_string(),
        rec.by.map(|b| b.0),
        rec.by_name,
        time_text(report.at),
    ])?;
    Ok((LossReportId(tx.last_insert_rowid()), number))
}

/// Ends an open loss report with `result` (and the item claimed through it); returns its number.
pub(super) fn close_report(
    tx: &Transaction<'_>,
    id: LossReportId,
    result: &str,
    item: Option<FoundItemId>,
    rec: &Recorded,
) -> Result<String> {
    if result.trim().is_empty() {
        return Err(StoreError::Conflict(
            "请写明结果，例如 失主已自行找到".to_string(),
        ));
    }
    let row: Option<(String, String)> = tx
        .prepare_cached("SELECT number, state FROM loss_reports WHERE id = ?1")?
        .query_row([id.0], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    let (number, state) = crate::store::found(row, || "找不到这条寻物登记".to_string())?;
    if state != "open" {
        return Err(StoreError::Conflict(format!("寻物登记 {number} 已结束")));
    }
    tx.prepare_cached(
        "UPDATE loss_reports SET state = 'closed', result = ?2, closed_at = ?3, item_id = ?4
         WHERE id = ?1",
    )?
    .execute(params![
        id.0,
        result.trim(),
        time_text(rec.at),
        item.map(|i| i.0)
    ])?;
    Ok(number)
}
