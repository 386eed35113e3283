//! The monthly billing run (生成账单: preview, then one transaction; a month run again adds
//! nothing twice), one-off charges and adjustments.

mod plan;

use std::collections::{BTreeMap, HashSet};

use rusqlite::OptionalExtension;

use super::{NewLine, apply_prepayment_in, insert_line_in};
use crate::domain::access::Action;
use crate::domain::fees::{FeeItemId, FeeKind, LineId, LineSource};
use crate::domain::staff::Recorded;
use crate::domain::unit::UnitId;
use crate::domain::{Fen, Month, UnitAddress};
use crate::store::audit::{Entry, Target};
use crate::store::units::{log, unit_target};
use crate::store::{Result, Store, StoreError};

/// What a billing run would add, before it is run.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BillingPreview {
    /// The month.
    pub month: Option<Month>,
    /// Per item: name, lines, total.
    pub items: Vec<(String, u32, Fen)>,
    /// Units billed.
    pub units: u32,
    /// Lines the run would add.
    pub lines: u32,
    /// Their total.
    pub total: Fen,
    /// Lines already billed for this month (left alone).
    pub already: u32,
    /// Who is discounted and why: `3-2-1502 物业管理服务费 空置15天按50%`.
    pub discounted: Vec<(UnitAddress, String)>,
    /// Who starts mid-month: `5-1-0301 自11月16日起计费`.
    pub partial: Vec<(UnitAddress, String)>,
    /// Items not billed and why: `水费：2026-11 未设收费标准`, `3号楼 水表 12户未抄表`.
    pub warnings: Vec<String>,
}

/// What a billing run did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BillingSummary {
    /// Lines added.
    pub lines: u32,
    /// Their total.
    pub total: Fen,
    /// Units billed.
    pub units: u32,
    /// Receipts paid from prepaid balances.
    pub prepaid_receipts: u32,
}

/// A one-off charge posted to a unit (特约服务、装修管理费、修复款、代收费 …).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewCharge {
    /// The unit.
    pub unit: UnitId,
    /// A one-off item.
    pub item: FeeItemId,
    /// The month it belongs to.
    pub month: Month,
    /// The amount.
    pub amount: Fen,
    /// What it is for, shown on the account and the receipt.
    pub basis: String,
}

impl Store {
    /// What [`Store::run_billing`] would add for `month`.
    pub fn billing_preview(&self, month: Month) -> Result<BillingPreview> {
        let plan = self.billing_plan(month)?;
        let mut per_item: BTreeMap<usize, (u32, Fen)> = BTreeMap::new();
        let mut units = HashSet::new();
        let mut total = Fen(0);
        for l in &plan.lines {
            let e = per_item.entry(l.item).or_insert((0, Fen(0)));
            e.0 += 1;
            e.1 = Fen(e.1.0.saturating_add(l.amount.0));
            total = Fen(total.0.saturating_add(l.amount.0));
            units.insert(l.unit);
        }
        Ok(BillingPreview {
            month: Some(month),
            items: per_item
                .into_iter()
                .map(|(i, (n, fen))| (plan.items[i].name.clone(), n, fen))
                .collect(),
            units: count(units.len()),
            lines: count(plan.lines.len()),
            total,
            already: plan.already,
            discounted: plan.discounted,
            partial: plan.partial,
            warnings: plan.warnings,
        })
    }

    /// Bills `month` for every unit in one transaction ([`Action::FeeBill`], one log row); a
    /// repeated run adds only what is missing. Prepaid balances then pay what they cover.
    ///
    /// [`Action::FeeBill`]: crate::domain::access::Action::FeeBill
    pub fn run_billing(&mut self, month: Month, rec: &Recorded) -> Result<BillingSummary> {
        // The plan is read before the transaction (the vacancy rule is the store's own read);
        // the unique index still keeps a line from going in twice.
        let plan = self.billing_plan(month)?;
        self.write(Action::FeeBill, None, rec, |tx, auth| {
            let rec = &auth.rec;
            let mut summary = BillingSummary::default();
            let mut units = HashSet::new();
            for l in &plan.lines {
                let line = NewLine {
                    unit: l.unit,
                    item: plan.items[l.item].id,
                    month,
                    amount: l.amount,
                    full: l.full,
                    basis: &l.basis,
                    source: LineSource::Billing,
                    source_ref: &l.source_ref,
                    adjusts: None,
                    reason: None,
                };
                if insert_line_in(tx, &line, rec)?.is_some() {
                    summary.lines += 1;
                    summary.total = summary
                        .total
                        .checked_add(l.amount)
                        .ok_or_else(|| StoreError::Conflict("账单合计金额太大".into()))?;
                    units.insert(l.unit);
                }
            }
            summary.units = count(units.len());
            let prepaid: Vec<i64> = tx
                .prepare_cached(
                    "SELECT unit_id FROM prepayments GROUP BY unit_id HAVING sum(amount_fen) > 0",
                )?
                .query_map([], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            for u in prepaid {
                if apply_prepayment_in(tx, UnitId(u), rec)?.is_some() {
                    summary.prepaid_receipts += 1;
                }
            }
            let what = format!(
                "生成{}账单：{}户 {}条 合计 {}",
                month.paper(),
                summary.units,
                summary.lines,
                summary.total
            );
            let target = Target {
                kind: "billing",
                id: None,
                label: month.code(),
            };
            let mut entry = Entry::new(Action::FeeBill, &what, target);
            entry.after = Some(serde_json::json!({
                "月份": month.code(),
                "户数": summary.units,
                "条数": summary.lines,
                "合计": summary.total.yuan_string(),
                "预存抵扣收据": summary.prepaid_receipts,
            }));
            Ok((summary, entry))
        })
    }

    /// Posts a one-off charge ([`Action::FeeBill`]).
    ///
    /// [`Action::FeeBill`]: crate::domain::access::Action::FeeBill
    pub fn post_charge(&mut self, charge: &NewCharge, rec: &Recorded) -> Result<LineId> {
        let item = self
            .fee_items()?
            .into_iter()
            .find(|i| i.id == charge.item)
            .ok_or_else(|| StoreError::NotFound("找不到这个收费项目".into()))?;
        if item.kind != FeeKind::OneOff {
            return Err(StoreError::Conflict(format!(
                "{}按月生成账单，不能临时收取；请选择一次性收费项目",
                item.name
            )));
        }
        if charge.amount.0 <= 0 {
            return Err(StoreError::Conflict("收费金额要大于0".into()));
        }
        let unit = self.unit(charge.unit)?;
        let basis = match charge.basis.trim() {
            "" => item.name.clone(),
            b => b.to_string(),
        };
        self.write(Action::FeeBill, None, rec, |tx, auth| {
            let line = NewLine {
                unit: charge.unit,
                item: item.id,
                month: charge.month,
                amount: charge.amount,
                full: charge.amount,
                basis: &basis,
                source: LineSource::Charge,
                source_ref: "",
                adjusts: None,
                reason: None,
            };
            let id = insert_line_in(tx, &line, &auth.rec)?
                .ok_or_else(|| StoreError::Conflict("这笔费用已经记过了".into()))?;
            let what = format!("临时收费：{} {}（{basis}）", item.name, charge.amount);
            log(tx, charge.unit, &auth.rec, "收费", &what)?;
            let mut entry =
                Entry::new(Action::FeeBill, &what, unit_target(charge.unit, &unit.unit));
            entry.after = Some(serde_json::json!({
                "项目": item.name,
                "月份": charge.month.code(),
                "金额": charge.amount.yuan_string(),
                "说明": basis,
            }));
            Ok((id, entry))
        })
    }

    /// Corrects a line by `delta` (negative to reduce) with a reason: a new adjustment line,
    /// never an edit ([`Action::FeeAdjust`], the supervisor's).
    ///
    /// [`Action::FeeAdjust`]: crate::domain::access::Action::FeeAdjust
    pub fn adjust_line(
        &mut self,
        line: LineId,
        delta: Fen,
        reason: &str,
        rec: &Recorded,
    ) -> Result<LineId> {
        let reason = reason.trim();
        if reason.is_empty() {
            return Err(StoreError::Conflict("请填写调整原因".into()));
        }
        if delta.0 == 0 {
            return Err(StoreError::Conflict("调整金额不能为0".into()));
        }
        let row: Option<(i64, i64, String, String, Option<i64>, String)> = self
            .conn()
            .query_row(
                "SELECT l.unit_id, l.item_id, l.month, l.source, l.adjusts, i.name
                 FROM bill_lines l JOIN fee_items i ON i.id = l.item_id WHERE l.id = ?1",
                [line.0],
                |r| {
                    Ok((
                        r.get(0)?,
                        r.get(1)?,
                        r.get(2)?,
                        r.get(3)?,
                        r.get(4)?,
                        r.get(5)?,
                    ))
                },
            )
            .optional()?;
        let (unit, item, month, source, adjusts, name) =
            crate::store::found(row, || "找不到这条账单，可能已被删除".to_string())?;
        if source == LineSource::Adjustment.code() || adjusts.is_some() {
            return Err(StoreError::Conflict(
                "这是一条调整记录；请对原账单行做调整".into(),
            ));
        }
        let month =
            Month::parse(&month).map_err(|_| StoreError::Corrupt(format!("账单月份 {month}")))?;
        let unit = UnitId(unit);
        let record = self.unit(unit)?;
        let basis = format!("调整：{reason}");
        self.write(Action::FeeAdjust, None, rec, |tx, auth| {
            let now: i64 = tx.query_row(
                "SELECT sum(amount_fen) FROM bill_lines WHERE id = ?1 OR adjusts = ?1",
                [line.0],
                |r| r.get(0),
            )?;
            let after = now
                .checked_add(delta.0)
                .ok_or_else(|| StoreError::Conflict("调整金额太大".into()))?;
            if after < 0 {
                return Err(StoreError::Conflict(format!(
                    "调整后金额为 {}，不能小于0；现在是 {}",
                    Fen(after),
                    Fen(now)
                )));
            }
            let new = NewLine {
                unit,
                item: FeeItemId(item),
                month,
                amount: delta,
                full: delta,
                basis: &basis,
                source: LineSource::Adjustment,
                source_ref: "",
                adjusts: Some(line),
                reason: Some(reason),
            };
            let id = insert_line_in(tx, &new, &auth.rec)?
                .ok_or_else(|| StoreError::Conflict("调整没有保存，请重试".into()))?;
            let what = format!("调整 {month} {name} {delta}：{reason}");
            log(tx, unit, &auth.rec, "收费", &what)?;
            let mut entry = Entry::new(Action::FeeAdjust, &what, unit_target(unit, &record.unit));
            entry.before =
                Some(serde_json::json!({ "账单行": line.0, "金额": Fen(now).yuan_string() }));
            entry.after = Some(serde_json::json!({
                "账单行": line.0,
                "金额": Fen(after).yuan_string(),
                "调整": delta.yuan_string(),
                "原因": reason,
            }));
            Ok((id, entry))
        })
    }
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}
