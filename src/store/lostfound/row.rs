//! Rows of `found_items` and `loss_reports` read back into domain values; anything unreadable
//! is a `StoreError::Corrupt`.

use chrono::NaiveDate;
use rusqlite::Row;

use super::read::{ClaimRecord, DisposalRecord, FoundItemRecord, LossReportRecord};
use crate::domain::lostfound::{
    Category, Claim, Disposal, DisposalMethod, Finder, FinderKind, FoundItem, FoundItemId,
    ItemNumber, ItemState, LossReport, LossReportId, ReportNumber, ReportState,
    parse_valuables_code,
};
use crate::domain::staff::StaffId;
use crate::domain::{Fen, Mobile, ResidentId};
use crate::store::{Result, StoreError, parse_time};

fn corrupt(what: &str, v: &str) -> StoreError {
    StoreError::Corrupt(format!("{what} “{v}”"))
}

fn code<T>(v: &str, from: fn(&str) -> Option<T>, what: &str) -> Result<T> {
    from(v).ok_or_else(|| corrupt(what, v))
}

fn phone(p: &str) -> Result<Mobile> {
    Mobile::parse(p).map_err(|_| corrupt("电话", "***"))
}

/// Dates of the table, `2026-11-20`.
pub(super) const DATE_FORMAT: &str = "%Y-%m-%d";

fn date(d: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(d, DATE_FORMAT).map_err(|_| corrupt("日期", d))
}

/// Reads a found item from `SELECT i.*, … AS report_number FROM found_items i`.
pub(super) fn item_from_row(r: &Row<'_>) -> rusqlite::Result<Result<FoundItemRecord>> {
    let s = |c: &str| r.get::<_, String>(c);
    let o = |c: &str| r.get::<_, Option<String>>(c);
    let id: i64 = r.get("id")?;
    let finder_staff: Option<i64> = r.get("finder_staff")?;
    let cash: Option<i64> = r.get("cash_fen")?;
    let texts = [
        s("number")?,
        s("category")?,
        s("name")?,
        s("description")?,
        s("place")?,
        s("found_at")?,
        s("finder_kind")?,
        s("finder_name")?,
        s("storage")?,
        s("valuables")?,
        s("witness1")?,
        s("witness2")?,
        s("custodian")?,
        s("state")?,
        s("recorded_by_name")?,
        s("recorded_at")?,
    ];
    let opts = [
        o("finder_phone")?,
        o("claimant_name")?,
        o("claimant_id")?,
        o("claimant_phone")?,
        o("claim_description")?,
        o("claimed_at")?,
        o("released_by_name")?,
        o("disposal_method")?,
        o("disposal_reason")?,
        o("disposal_receiver")?,
        o("disposed_at")?,
        o("disposed_by_name")?,
        o("report_number")?,
    ];
    Ok((|| -> Result<FoundItemRecord> {
        let [
            number,
            category,
            name,
            description,
            place,
            found_at,
            finder_kind,
            finder_name,
            storage,
            valuables,
            witness1,
            witness2,
            custodian,
            state,
            recorded_by_name,
            recorded_at,
        ] = texts;
        let [
            finder_phone,
            claimant_name,
            claimant_id,
            claimant_phone,
            claim_description,
            claimed_at,
            released_by_name,
            disposal_method,
            disposal_reason,
            disposal_receiver,
            disposed_at,
            disposed_by_name,
            report_number,
        ] = opts;
        let claim = match (claimed_at, claimant_id, claimant_phone) {
            (Some(at), Some(id_number), Some(p)) => Some(ClaimRecord {
                claim: Claim {
                    name: claimant_name.unwrap_or_default(),
                    id_number: ResidentId::parse(&id_number)
                        .map_err(|_| corrupt("认领人身份证号", "***"))?,
                    phone: phone(&p)?,
                    description: claim_description.unwrap_or_default(),
                    matches: true,
                },
                at: parse_time(&at)?,
                released_by: released_by_name.unwrap_or_default(),
                report: report_number
                    .map(|n| ReportNumber::parse(&n).ok_or_else(|| corrupt("寻物编号", &n)))
                    .transpose()?,
            }),
            _ => None,
        };
        let disposal = match (disposed_at, disposal_method) {
            (Some(at), Some(method)) => Some(DisposalRecord {
                disposal: Disposal {
                    method: code(&method, DisposalMethod::from_code, "处置方式")?,
                    reason: disposal_reason.unwrap_or_default(),
                    receiver: disposal_receiver.unwrap_or_default(),
                },
                at: parse_time(&at)?,
                by_name: disposed_by_name.unwrap_or_default(),
            }),
            _ => None,
        };
        let witnesses = [witness1, witness2]
            .into_iter()
            .filter(|w| !w.is_empty())
            .collect();
        Ok(FoundItemRecord {
            id: FoundItemId(id),
            number: ItemNumber::parse(&number).ok_or_else(|| corrupt("拾遗编号", &number))?,
            item: FoundItem {
                category: code(&category, Category::from_code, "物品类别")?,
                name,
                description,
                place,
                found_at: parse_time(&found_at)?,
                finder: Finder {
                    kind: code(&finder_kind, FinderKind::from_code, "拾获人类别")?,
                    name: finder_name,
                    phone: finder_phone.as_deref().map(phone).transpose()?,
                    staff: finder_staff.map(StaffId),
                },
                storage,
                valuables: parse_valuables_code(&valuables)
                    .ok_or_else(|| corrupt("贵重物品", &valuables))?,
                cash: cash.map(Fen),
                witnesses,
            },
            state: code(&state, ItemState::from_code, "物品状态")?,
            custodian,
            recorded_by_name,
            recorded_at: parse_time(&recorded_at)?,
            claim,
            disposal,
        })
    })())
}

/// Reads a loss report from `SELECT r.*, i.number AS item_number FROM loss_reports r …`.
pub(super) fn report_from_row(r: &Row<'_>) -> rusqlite::Result<Result<LossReportRecord>> {
    let id: i64 = r.get("id")?;
    let number: String = r.get("number")?;
    let name: String = r.get("name")?;
    let phone_text: String = r.get("phone")?;
    let category: Option<String> = r.get("category")?;
    let description: String = r.get("description")?;
    let place: String = r.get("place")?;
    let lost_on: String = r.get("lost_on")?;
    let state: String = r.get("state")?;
    let result: String = r.get("result")?;
    let closed_at: Option<String> = r.get("closed_at")?;
    let item_number: Option<String> = r.get("item_number")?;
    let recorded_by_name: String = r.get("recorded_by_name")?;
    let recorded_at: String = r.get("recorded_at")?;
    Ok((|| -> Result<LossReportRecord> {
        Ok(LossReportRecord {
            id: LossReportId(id),
            number: ReportNumber::parse(&number).ok_or_else(|| corrupt("寻物编号", &number))?,
            report: LossReport {
                name,
                phone: phone(&phone_text)?,
                category: category
                    .map(|c| code(&c, Category::from_code, "物品类别"))
                    .transpose()?,
                description,
                place,
                lost_on: date(&lost_on)?,
                at: parse_time(&recorded_at)?,
            },
            state: code(&state, ReportState::from_code, "寻物状态")?,
            result,
            closed_at: closed_at.as_deref().map(parse_time).transpose()?,
            item: item_number
                .map(|n| ItemNumber::parse(&n).ok_or_else(|| corrupt("拾遗编号", &n)))
                .transpose()?,
            recorded_by_name,
        })
    })())
}
