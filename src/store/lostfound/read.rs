//! Reading found items and loss reports: one in full, the list and its search, the month's
//! register, the items still waiting for their owners (the notice), the open reports, and the
//! items that match a report.

use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::params;

use super::row::{item_from_row, report_from_row};
use crate::domain::Month;
use crate::domain::lostfound::notice::{PublicLine, public_line};
use crate::domain::lostfound::{
    Claim, Disposal, FoundItem, FoundItemId, ItemNumber, ItemState, LossReport, LossReportId,
    ReportNumber, ReportState, Score, Sought, due_on, rank,
};
use crate::store::{Result, Store, time_text};

/// A found item as stored, with what became of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundItemRecord {
    /// Row id.
    pub id: FoundItemId,
    /// `SW-YYYYMM-NNNN`.
    pub number: ItemNumber,
    /// The item as logged.
    pub item: FoundItem,
    /// 在库, 已认领, 已处置.
    pub state: ItemState,
    /// 保管人 of a valuable: the supervisor who took it into keeping.
    pub custodian: String,
    /// 登记人 (`刘洋（经办：张敏）` when countersigned).
    pub recorded_by_name: String,
    /// 登记时间.
    pub recorded_at: NaiveDateTime,
    /// The claim, once claimed.
    pub claim: Option<ClaimRecord>,
    /// The disposal, once disposed of.
    pub disposal: Option<DisposalRecord>,
}

/// A claim as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClaimRecord {
    /// Who claimed it, and what they said.
    pub claim: Claim,
    /// 认领时间.
    pub at: NaiveDateTime,
    /// 发还人: who released it (the supervisor for a valuable).
    pub released_by: String,
    /// The loss report it was claimed through, if any.
    pub report: Option<ReportNumber>,
}

/// A disposal as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DisposalRecord {
    /// How, why, to whom.
    pub disposal: Disposal,
    /// 处置时间.
    pub at: NaiveDateTime,
    /// 处置人 (the supervisor).
    pub by_name: String,
}

impl FoundItemRecord {
    /// The day it may be disposed of under a period of `keep_days` (at once for a document).
    pub fn due_on(&self, keep_days: u32) -> NaiveDate {
        due_on(&self.item.valuables, self.item.found_at.date(), keep_days)
    }

    /// Its line on the 招领启事: kind, place and day only.
    pub fn public_line(&self) -> PublicLine {
        public_line(&self.number.to_string(), &self.item)
    }

    /// What became of it, for the register and the list: `已认领：王建国`, `上交派出所`, `在库`.
    pub fn fate(&self) -> String {
        match (&self.claim, &self.disposal) {
            (Some(c), _) => format!("已认领：{}", c.claim.name),
            (None, Some(d)) => format!("已处置：{}", d.disposal.method.label()),
            (None, None) => self.state.label().to_string(),
        }
    }
}

/// A loss report as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LossReportRecord {
    /// Row id.
    pub id: LossReportId,
    /// `XW-YYYYMM-NNNN`.
    pub number: ReportNumber,
    /// What the owner said.
    pub report: LossReport,
    /// 寻找中 or 已结束.
    pub state: ReportState,
    /// How it ended (`已认领 SW-202611-0003`, `失主已自行找到`).
    pub result: String,
    /// When it ended.
    pub closed_at: Option<NaiveDateTime>,
    /// The item claimed through it.
    pub item: Option<ItemNumber>,
    /// 登记人.
    pub recorded_by_name: String,
}

/// Which items the list shows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FoundFilter {
    /// Part of the number, name, features, place, storage or the claimant's name.
    pub text: String,
    /// Only items in this state.
    pub state: Option<ItemState>,
}

const ITEM_SELECT: &str = "SELECT i.*,
         (SELECT r.number FROM loss_reports r WHERE r.item_id = i.id LIMIT 1) AS report_number
     FROM found_items i";

impl Store {
    fn items_where(
        &self,
        clause: &str,
        args: &[&dyn rusqlite::ToSql],
    ) -> Result<Vec<FoundItemRecord>> {
        let mut stmt = self
            .conn()
            .prepare_cached(&format!("{ITEM_SELECT} {clause}"))?;
        let rows = stmt.query_map(args, item_from_row)?;
        let mut out = Vec::new();
        for r in rows {
            out.push(r??);
        }
        Ok(out)
    }

    /// One found item in full.
    ///
    /// # Errors
    /// [`crate::store::StoreError::NotFound`] when there is no such item.
    pub fn found_item(&self, id: FoundItemId) -> Result<FoundItemRecord> {
        let one = self.items_where("WHERE i.id = ?1", &[&id.0])?.pop();
        crate::store::found(one, || "找不到这件拾遗物品".to_string())
    }

    /// The item numbered `n`, if any.
    pub fn found_item_by_number(&self, n: ItemNumber) -> Result<Option<FoundItemRecord>> {
        Ok(self
            .items_where("WHERE i.number = ?1", &[&n.to_string()])?
            .pop())
    }

    /// The list: newest first, at most `limit`, narrowed by `filter`.
    pub fn found_items(&self, filter: &FoundFilter, limit: usize) -> Result<Vec<FoundItemRecord>> {
        let text = filter.text.trim();
        let state = filter.state.map(|s| s.code()).unwrap_or("");
        self.items_where(
            "WHERE (?1 = '' OR i.state = ?1)
               AND (?2 = '' OR instr(i.search_text, ?2) > 0
                    OR instr(coalesce(i.claimant_name, ''), ?2) > 0
                    OR instr(upper(i.number), upper(?2)) > 0)
             ORDER BY i.found_at DESC, i.id DESC LIMIT ?3",
            &[&state, &text, &(limit as i64)],
        )
    }

    /// Every item found in `month`, in the order found: the 失物招领登记表.
    pub fn found_items_of_month(&self, month: Month) -> Result<Vec<FoundItemRecord>> {
        let from = time_text(month.first_day().and_time(chrono::NaiveTime::MIN));
        let to = time_text(month.next().first_day().and_time(chrono::NaiveTime::MIN));
        self.items_where(
            "WHERE i.found_at >= ?1 AND i.found_at < ?2 ORDER BY i.found_at, i.id",
            &[&from, &to],
        )
    }

    /// The items still waiting for their owners, in the order found: the 招领启事, and what
    /// 今日 checks for items due.
    pub fn unclaimed_items(&self) -> Result<Vec<FoundItemRecord>> {
        self.items_where("WHERE i.state = 'in_store' ORDER BY i.found_at, i.id", &[])
    }

    /// Loss reports, newest first: the open ones only, or all; at most `limit`.
    pub fn loss_reports(&self, open_only: bool, limit: usize) -> Result<Vec<LossReportRecord>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT r.*, i.number AS item_number FROM loss_reports r
                 LEFT JOIN found_items i ON i.id = r.item_id
             WHERE (?1 = 0 OR r.state = 'open')
             ORDER BY r.recorded_at DESC, r.id DESC LIMIT ?2",
        )?;
        let rows = stmt.query_map(params![open_only, limit as i64], report_from_row)?;
        let mut out = Vec::new();
        for r in rows {
            out.push(r??);
        }
        Ok(out)
    }

    /// One loss report.
    ///
    /// # Errors
    /// [`crate::store::StoreError::NotFound`] when there is no such report.
    pub fn loss_report(&self, id: LossReportId) -> Result<LossReportRecord> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT r.*, i.number AS item_number FROM loss_reports r
                 LEFT JOIN found_items i ON i.id = r.item_id WHERE r.id = ?1",
        )?;
        let one = crate::store::optional(stmt.query_row([id.0], report_from_row))?.transpose()?;
        crate::store::found(one, || "找不到这条寻物登记".to_string())
    }

    /// The items in store that fit what is `sought`, the likeliest first.
    pub fn loss_matches(&self, sought: &Sought<'_>) -> Result<Vec<(FoundItemRecord, Score)>> {
        let items = self.unclaimed_items()?;
        let ranked = rank(sought, items.iter().enumerate().map(|(i, r)| (i, &r.item)));
        Ok(ranked
            .into_iter()
            .map(|(i, s)| (items[i].clone(), s))
            .collect())
    }
}
