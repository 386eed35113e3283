//! 银行代扣: the owners' agreements, each month's request file and the bank's result files
//! (all or nothing; a file imported twice pays nothing twice).

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, Row, params};

use crate::domain::access::Action;
use crate::domain::bank_account::{BankAccount, mask_account};
use crate::domain::staff::Recorded;
use crate::domain::unit::UnitId;
use crate::domain::{Fen, Month, UnitAddress};
use crate::store::audit::{Entry, Target};
use crate::store::{Result, Store, StoreError, time_text, units};

/// An owner's auto-debit agreement (银行代扣协议).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BankAgreement {
    /// Row id (`None` before it is saved).
    pub id: Option<i64>,
    /// The unit.
    pub unit: UnitId,
    /// Its address, when read back.
    pub address: Option<UnitAddress>,
    /// 开户银行.
    pub bank: String,
    /// 户名.
    pub holder: String,
    /// 账号, in full (shown masked everywhere but the bank's request file).
    pub account: String,
    /// 签约日期.
    pub signed_on: NaiveDate,
    /// 终止日期; `None` while active.
    pub ended_on: Option<NaiveDate>,
}

/// One row of a month's request file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DebitRequest {
    /// 房号.
    pub address: UnitAddress,
    /// 户名.
    pub holder: String,
    /// 账号, in full.
    pub account: String,
    /// 金额: the unit's open lines up to the month.
    pub amount: Fen,
}

/// A row of the bank's result file, as read (row number for the messages).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BankResultRow {
    /// The row's number in the file (as a spreadsheet shows it).
    pub row: usize,
    /// 房号.
    pub address: UnitAddress,
    /// 户名.
    pub holder: String,
    /// 账号.
    pub account: String,
    /// 金额.
    pub amount: Fen,
    /// 扣款结果: true for success.
    pub ok: bool,
    /// The bank's words for a failure (余额不足 …).
    pub note: String,
    /// 扣款日期.
    pub date: Option<NaiveDate>,
}

/// What importing a result file did, or would do (the preview).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BankImportSummary {
    /// Rows paid, with receipts.
    pub paid: u32,
    /// Their total.
    pub paid_fen: Fen,
    /// Rows the bank could not debit (they stay owing).
    pub failed: u32,
    /// Rows already paid by an earlier import (nothing paid twice).
    pub already: u32,
    /// Rows that cannot be taken, by row number and reason; any of them stops the import.
    pub problems: Vec<(usize, String)>,
}

/// A unit's address from its stored parts.
pub(crate) fn address_of(building: i64, entrance: i64, room: i64) -> Result<UnitAddress> {
    let part = |v: i64| u32::try_from(v).unwrap_or(0);
    UnitAddress::new(part(building), part(entrance), part(room))
        .map_err(|_| StoreError::Corrupt(format!("房号 {building}-{entrance}-{room}")))
}

fn date_of(text: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map_err(|_| StoreError::Corrupt(format!("日期 {text}")))
}

const AGREEMENT_COLUMNS: &str = "a.id, a.unit_id, u.building, u.entrance, u.room, a.bank,
    a.holder, a.account, a.signed_on, a.ended_on";

fn agreement_from(r: &Row<'_>) -> rusqlite::Result<AgreementRow> {
    Ok((
        r.get(0)?,
        r.get(1)?,
        [r.get(2)?, r.get(3)?, r.get(4)?],
        [r.get(5)?, r.get(6)?, r.get(7)?, r.get(8)?],
        r.get(9)?,
    ))
}

type AgreementRow = (i64, i64, [i64; 3], [String; 4], Option<String>);

fn agreement(row: AgreementRow) -> Result<BankAgreement> {
    let (id, unit, [b, e, r], [bank, holder, account, signed], ended) = row;
    Ok(BankAgreement {
        id: Some(id),
        unit: UnitId(unit),
        address: Some(address_of(b, e, r)?),
        bank,
        holder,
        account,
        signed_on: date_of(&signed)?,
        ended_on: ended.as_deref().map(date_of).transpose()?,
    })
}

/// The agreement as the log keeps it: the account masked.
fn agreement_json(a: &BankAgreement) -> serde_json::Value {
    serde_json::json!({
        "开户银行": a.bank,
        "户名": a.holder,
        "账号": mask_account(&a.account),
        "签约日期": a.signed_on.format("%Y-%m-%d").to_string(),
        "终止日期": a.ended_on.map(|d| d.format("%Y-%m-%d").to_string()),
    })
}

pub(crate) fn active_in(conn: &Connection, unit: UnitId) -> Result<Option<BankAgreement>> {
    conn.prepare_cached(&format!(
        "SELECT {AGREEMENT_COLUMNS} FROM bank_agreements a JOIN units u ON u.id = a.unit_id
         WHERE a.unit_id = ?1 AND a.ended_on IS NULL"
    ))?
    .query_row([unit.0], agreement_from)
    .optional()?
    .map(agreement)
    .transpose()
}

fn unit_address_in(conn: &Connection, unit: UnitId) -> Result<UnitAddress> {
    let parts: Option<(i64, i64, i64)> = conn
        .prepare_cached("SELECT building, entrance, room FROM units WHERE id = ?1")?
        .query_row([unit.0], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .optional()?;
    let (b, e, r) = parts.ok_or_else(|| StoreError::NotFound("这户房屋没有登记".into()))?;
    address_of(b, e, r)
}

/// A request row with what the bank file does not show: its agreement and lines.
struct PendingRequest {
    agreement: i64,
    unit: UnitId,
    lines: Vec<i64>,
    row: DebitRequest,
}

/// Units with an active agreement and lines owed up to `month`, less the lines already with the
/// bank (in a request still waiting for its result), by address.
fn requests_in(conn: &Connection, month: Month) -> Result<Vec<PendingRequest>> {
    let mut stmt = conn.prepare_cached(
        "SELECT a.id, a.unit_id, u.building, u.entrance, u.room, a.holder, a.account,
                sum(l.amount_fen), json_group_array(l.id)
         FROM bank_agreements a
         JOIN units u ON u.id = a.unit_id
         JOIN bill_lines l ON l.unit_id = a.unit_id AND l.receipt_id IS NULL AND l.month <= ?1
         WHERE a.ended_on IS NULL
           AND NOT EXISTS (
               SELECT 1 FROM bank_requests r, json_each(r.line_ids) j
               WHERE r.unit_id = a.unit_id AND r.result IS NULL AND j.value = l.id)
         GROUP BY a.id
         HAVING sum(l.amount_fen) > 0
         ORDER BY u.building, u.entrance, u.room",
    )?;
    let rows = stmt.query_map([month.code()], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, i64>(1)?,
            [r.get::<_, i64>(2)?, r.get(3)?, r.get(4)?],
            r.get::<_, String>(5)?,
            r.get::<_, String>(6)?,
            r.get::<_, i64>(7)?,
            r.get::<_, String>(8)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (agreement, unit, [b, e, r], holder, account, amount, lines) = row?;
        let lines: Vec<i64> = serde_json::from_str(&lines)
            .map_err(|_| StoreError::Corrupt(format!("代扣账单行 {lines}")))?;
        out.push(PendingRequest {
            agreement,
            unit: UnitId(unit),
            lines,
            row: DebitRequest {
                address: address_of(b, e, r)?,
                holder,
                account,
                amount: Fen(amount),
            },
        });
    }
    Ok(out)
}

impl Store {
    /// The unit's active agreement.
    pub fn bank_agreement(&self, unit: UnitId) -> Result<Option<BankAgreement>> {
        active_in(self.conn(), unit)
    }

    /// Every agreement, active first, by address.
    pub fn bank_agreements(&self) -> Result<Vec<BankAgreement>> {
        let mut stmt = self.conn().prepare_cached(&format!(
            "SELECT {AGREEMENT_COLUMNS} FROM bank_agreements a JOIN units u ON u.id = a.unit_id
             ORDER BY a.ended_on IS NOT NULL, u.building, u.entrance, u.room, a.signed_on DESC,
                 a.id DESC"
        ))?;
        let rows = stmt.query_map([], agreement_from)?;
        rows.map(|r| agreement(r?)).collect()
    }

    /// Records a new agreement (ending the unit's active one) ([`Action::BankAgreement`]).
    ///
    /// [`Action::BankAgreement`]: crate::domain::access::Action::BankAgreement
    pub fn save_bank_agreement(&mut self, a: &BankAgreement, rec: &Recorded) -> Result<()> {
        let account =
            BankAccount::parse(&a.account).map_err(|e| StoreError::Conflict(e.to_string()))?;
        let (bank, holder) = (a.bank.trim(), a.holder.trim());
        if bank.is_empty() {
            return Err(StoreError::Conflict("请填写开户银行".into()));
        }
        if holder.is_empty() {
            return Err(StoreError::Conflict("请填写户名（账户持有人姓名）".into()));
        }
        if a.ended_on.is_some() {
            return Err(StoreError::Conflict(
                "新签的代扣协议不能带终止日期；要终止现有协议请用“终止协议”".into(),
            ));
        }
        self.write(Action::BankAgreement, None, rec, |tx, auth| {
            let address = unit_address_in(tx, a.unit)?;
            let old = active_in(tx, a.unit)?;
            if let Some(old) = &old {
                if old.signed_on > a.signed_on {
                    return Err(StoreError::Conflict(format!(
                        "签约日期 {} 早于这户现有协议的签约日期 {}，请核对",
                        a.signed_on, old.signed_on
                    )));
                }
                tx.execute(
                    "UPDATE bank_agreements SET ended_on = ?2 WHERE id = ?1",
                    params![old.id, a.signed_on.format("%Y-%m-%d").to_string()],
                )?;
                units::log(
                    tx,
                    a.unit,
                    &auth.rec,
                    "收费",
                    &format!(
                        "原银行代扣协议（{} {}）终止，由新协议取代",
                        old.bank,
                        mask_account(&old.account)
                    ),
                )?;
            }
            tx.execute(
                "INSERT INTO bank_agreements (unit_id, bank, holder, account, signed_on,
                     recorded_by_name, recorded_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![
                    a.unit.0,
                    bank,
                    holder,
                    account.full(),
                    a.signed_on.format("%Y-%m-%d").to_string(),
                    auth.rec.by_name,
                    time_text(auth.rec.at),
                ],
            )?;
            let id = tx.last_insert_rowid();
            units::log(
                tx,
                a.unit,
                &auth.rec,
                "收费",
                &format!("签订银行代扣协议：{bank}，户名 {holder}，账号 {account}"),
            )?;
            let saved = BankAgreement {
                id: Some(id),
                address: Some(address),
                bank: bank.to_string(),
                holder: holder.to_string(),
                account: account.full().to_string(),
                ..a.clone()
            };
            let entry = Entry::new(
                Action::BankAgreement,
                "签订银行代扣协议",
                Target::new("bank_agreement", id, &address.short()),
            );
            let before = old.as_ref().map(agreement_json);
            Ok((
                (),
                entry.change(before.as_ref(), Some(&agreement_json(&saved))),
            ))
        })
    }

    /// Ends the unit's active agreement on `on`.
    pub fn end_bank_agreement(
        &mut self,
        unit: UnitId,
        on: NaiveDate,
        rec: &Recorded,
    ) -> Result<()> {
        self.write(Action::BankAgreement, None, rec, |tx, auth| {
            let address = unit_address_in(tx, unit)?;
            let old = active_in(tx, unit)?
                .ok_or_else(|| StoreError::NotFound(format!("{address} 没有生效的银行代扣协议")))?;
            if on < old.signed_on {
                return Err(StoreError::Conflict(format!(
                    "终止日期 {on} 早于签约日期 {}，请核对",
                    old.signed_on
                )));
            }
            tx.execute(
                "UPDATE bank_agreements SET ended_on = ?2 WHERE id = ?1",
                params![old.id, on.format("%Y-%m-%d").to_string()],
            )?;
            units::log(
                tx,
                unit,
                &auth.rec,
                "收费",
                &format!(
                    "银行代扣协议终止（{} {}），终止日期 {on}",
                    old.bank,
                    mask_account(&old.account)
                ),
            )?;
            let ended = BankAgreement {
                ended_on: Some(on),
                ..old.clone()
            };
            let entry = Entry::new(
                Action::BankAgreement,
                "终止银行代扣协议",
                Target::new(
                    "bank_agreement",
                    old.id.unwrap_or_default(),
                    &address.short(),
                ),
            );
            Ok((
                (),
                entry.change(Some(&agreement_json(&old)), Some(&agreement_json(&ended))),
            ))
        })
    }

    /// The request rows of `month` (units with an active agreement and lines owed up to it).
    /// Lines already sent to the bank and waiting for its result are left out, so nothing is
    /// asked for twice.
    pub fn debit_requests(&self, month: Month) -> Result<Vec<DebitRequest>> {
        Ok(requests_in(self.conn(), month)?
            .into_iter()
            .map(|r| r.row)
            .collect())
    }

    /// Records that `month`'s requests were sent ([`Action::BankDebit`]) and returns the rows
    /// to write to the bank's file.
    ///
    /// [`Action::BankDebit`]: crate::domain::access::Action::BankDebit
    pub fn export_debit_requests(
        &mut self,
        month: Month,
        rec: &Recorded,
    ) -> Result<Vec<DebitRequest>> {
        self.write(Action::BankDebit, None, rec, |tx, auth| {
            let requests = requests_in(tx, month)?;
            if requests.is_empty() {
                return Err(StoreError::Conflict(format!(
                    "{month} 没有可以代扣的费用：签了代扣协议的房屋到这个月都没有欠费，或欠费已在银行处理中（等银行回盘导入后再导出）"
                )));
            }
            let mut insert = tx.prepare_cached(
                "INSERT INTO bank_requests (month, unit_id, agreement_id, amount_fen, line_ids,
                     exported_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?;
            let mut total = Fen(0);
            for r in &requests {
                insert.execute(params![
                    month.code(),
                    r.unit.0,
                    r.agreement,
                    r.row.amount.0,
                    serde_json::to_string(&r.lines).unwrap_or_default(),
                    time_text(auth.rec.at),
                ])?;
                total = Fen(total.0.saturating_add(r.row.amount.0));
            }
            let entry = Entry::new(
                Action::BankDebit,
                "导出银行代扣申请",
                Target::setting(&format!("银行代扣 {month}")),
            );
            let after = serde_json::json!({ "月份": month.code(), "户数": requests.len(), "金额": total.yuan_string() });
            Ok((
                requests.into_iter().map(|r| r.row).collect(),
                entry.change(None::<&()>, Some(&after)),
            ))
        })
    }

    /// What importing `rows` would do, without doing it.
    pub fn preview_bank_results(
        &self,
        sha256: &str,
        rows: &[BankResultRow],
    ) -> Result<BankImportSummary> {
        Ok(super::bank_results::plan_in(self.conn(), sha256, rows)?.0)
    }

    /// Imports the bank's results ([`Action::BankDebit`]): all or nothing; refused when any row
    /// has a problem, or the same file (by `sha256`) was imported before.
    ///
    /// [`Action::BankDebit`]: crate::domain::access::Action::BankDebit
    pub fn import_bank_results(
        &mut self,
        file_name: &str,
        sha256: &str,
        rows: &[BankResultRow],
        rec: &Recorded,
    ) -> Result<BankImportSummary> {
        self.write(Action::BankDebit, None, rec, |tx, auth| {
            let summary = super::bank_results::import_in(tx, file_name, sha256, rows, &auth.rec)?;
            let entry = Entry::new(
                Action::BankDebit,
                "导入银行代扣回盘",
                Target::setting(&format!("银行回盘 {}", file_name.trim())),
            );
            let after = serde_json::json!({
                "文件": file_name.trim(),
                "成功": summary.paid,
                "金额": summary.paid_fen.yuan_string(),
                "失败": summary.failed,
                "已处理过": summary.already,
            });
            Ok((summary, entry.change(None::<&()>, Some(&after))))
        })
    }
}
