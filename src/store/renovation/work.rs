//! The steps of the work and after, inside a transaction: changing phase, a patrol (a
//! violation numbers a 整改通知), the re-check, finishing, 初验 and 复验, and the deposit's refund
//! through the fees module's refunds (the unit's status given back). Shared by the desk's
//! writes and the bulk loader.

use chrono::NaiveDate;
use rusqlite::{OptionalExtension, Transaction, params};
use serde::Serialize;

use super::head::{Current, Head, LOG_KIND, current_phase, day_text, head, record, update_due};
use crate::domain::Fen;
use crate::domain::date::{paper_date, table_datetime};
use crate::domain::fees::PayMethod;
use crate::domain::fees::refund::{Deduction, RefundNumber};
use crate::domain::renovation::{
    AcceptanceRound, DEPOSIT_ITEM, Patrol, RenovationId, Step, WorkKind,
};
use crate::domain::staff::Recorded;
use crate::domain::unit::UnitStatus;
use crate::store::fees::refunds::{NewRefund, refund_in};
use crate::store::{Result, StoreError, time_text, units};

/// What the desk asks for to pay a deposit back.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DepositRefund {
    /// 收款人 (usually the owner who paid it).
    pub payee: String,
    /// How it is paid back (cash, WeChat, Alipay, card or transfer).
    pub method: PayMethod,
    /// 扣款, each with its reason: any deduction needs the supervisor (会签).
    pub deductions: Vec<Deduction>,
    /// 备注.
    pub note: String,
}

/// Starts the next phase of the work on `started_on` (the phase before ends that day). An
/// installation needs its day, when the patrol is due.
pub(super) fn phase_in(
    tx: &Transaction<'_>,
    id: RenovationId,
    kind: WorkKind,
    started_on: NaiveDate,
    installation_day: Option<NaiveDate>,
    rec: &Recorded,
) -> Result<Head> {
    let h = head(tx, id)?;
    h.working("更换施工阶段")?;
    let install = match (kind, installation_day) {
        (WorkKind::Installation, None) => {
            return Err(StoreError::Conflict(
                "安装阶段要在安装当天巡查：请填写安装日期".into(),
            ));
        }
        (WorkKind::Installation, Some(d)) if d < started_on => {
            return Err(StoreError::Conflict("安装日期不能早于阶段开始日期".into()));
        }
        (WorkKind::Installation, Some(d)) => Some(d),
        _ => None,
    };
    if started_on > rec.at.date() + chrono::Days::new(31) {
        return Err(StoreError::Conflict("阶段开始日期太晚，请核对".into()));
    }
    if let Some(Current {
        id: phase,
        kind: current,
        start,
        ..
    }) = current_phase(tx, id)?
    {
        if started_on < start {
            return Err(StoreError::Conflict(format!(
                "新阶段的开始日期不能早于当前阶段“{}”的开始日期 {}",
                current.label(),
                paper_date(start)
            )));
        }
        if current == kind && installation_day.is_none() {
            return Err(StoreError::Conflict(format!(
                "现在已经是“{}”阶段",
                kind.label()
            )));
        }
        tx.prepare_cached("UPDATE renovation_phases SET ended_on = ?2 WHERE id = ?1")?
            .execute(params![phase, day_text(started_on)])?;
    }
    tx.prepare_cached(
        "INSERT INTO renovation_phases (renovation_id, kind, started_on, installation_day,
             by_name) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![
        id.0,
        kind.code(),
        day_text(started_on),
        install.map(day_text),
        rec.by_name
    ])?;
    let due = update_due(tx, id)?;
    let mut note = format!(
        "{} 起 {}（{}巡查）",
        paper_date(started_on),
        kind.label(),
        kind.patrol_rule().label()
    );
    if let Some(d) = install {
        note.push_str(&format!("，安装日期 {}", paper_date(d)));
    }
    if let Some(d) = due {
        note.push_str(&format!("，下次巡查 {}", paper_date(d)));
    }
    record(tx, &h, h.stage, "施工阶段", &note, rec)?;
    Ok(h)
}

/// Records a patrol of the current phase; a violation gets the next 整改通知 number of the
/// renovation (1, 2, …), returned. The next patrol's day moves on.
pub(super) fn patrol_in(
    tx: &Transaction<'_>,
    id: RenovationId,
    p: &Patrol,
    rec: &Recorded,
) -> Result<(Head, Option<u32>)> {
    let h = head(tx, id)?;
    h.working("记录巡查")?;
    p.check().map_err(StoreError::Conflict)?;
    let Some(Current {
        id: phase,
        kind,
        start,
        ..
    }) = current_phase(tx, id)?
    else {
        return Err(StoreError::Conflict(
            "请先选择当前施工阶段，再记录巡查".into(),
        ));
    };
    if p.at > rec.at + chrono::Duration::minutes(1) {
        return Err(StoreError::Conflict(format!(
            "巡查时间 {} 晚于现在，请核对",
            table_datetime(p.at)
        )));
    }
    if p.at.date() < start {
        return Err(StoreError::Conflict(format!(
            "巡查日期早于当前阶段“{}”的开始日期 {}，请核对",
            kind.label(),
            paper_date(start)
        )));
    }
    let seq: Option<u32> = match p.violation {
        None => None,
        Some(_) => {
            let last: Option<u32> = tx
                .prepare_cached(
                    "SELECT max(notice_seq) FROM renovation_patrols WHERE renovation_id = ?1",
                )?
                .query_row([id.0], |r| r.get(0))?;
            Some(last.unwrap_or(0) + 1)
        }
    };
    tx.prepare_cached(
        "INSERT INTO renovation_patrols (renovation_id, phase_id, at, by_name, findings,
             violation, notice_seq, recheck_on) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute(params![
        id.0,
        phase,
        time_text(p.at),
        rec.by_name,
        p.findings.trim(),
        p.violation.map(|v| v.code()),
        seq,
        p.recheck_on.map(day_text)
    ])?;
    let due = update_due(tx, id)?;
    let mut text = format!("{} 装修巡查（{}）", h.number, kind.label());
    match p.findings.trim() {
        "" => text.push_str("：正常"),
        f => text.push_str(&format!("：{f}")),
    }
    if let (Some(v), Some(n), Some(on)) = (p.violation, seq, p.recheck_on) {
        text.push_str(&format!(
            "；违规“{}”，发整改通知第 {n} 号，{} 复查",
            v.label(),
            paper_date(on)
        ));
    }
    if let Some(d) = due {
        text.push_str(&format!("；下次巡查 {}", paper_date(d)));
    }
    units::log(tx, h.unit, rec, LOG_KIND, &text)?;
    Ok((h, seq))
}

/// Re-checks 整改通知 `seq`: rectified, or not yet with the next re-check date.
pub(super) fn recheck_in(
    tx: &Transaction<'_>,
    id: RenovationId,
    seq: u32,
    passed: bool,
    note: &str,
    next_recheck: Option<NaiveDate>,
    rec: &Recorded,
) -> Result<Head> {
    let h = head(tx, id)?;
    if h.stage.closed() {
        return Err(StoreError::Conflict(format!(
            "{} 已经“{}”，不能再复查",
            h.number,
            h.stage.label()
        )));
    }
    let row: Option<(i64, String, Option<i64>)> = tx
        .prepare_cached(
            "SELECT id, violation, recheck_passed FROM renovation_patrols
             WHERE renovation_id = ?1 AND notice_seq = ?2",
        )?
        .query_row(params![id.0, seq], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .optional()?;
    let Some((patrol, violation, before)) = row else {
        return Err(StoreError::NotFound(format!(
            "{} 没有第 {seq} 号整改通知",
            h.number
        )));
    };
    if before == Some(1) {
        return Err(StoreError::Conflict(format!(
            "第 {seq} 号整改通知已经复查合格了"
        )));
    }
    let violation = crate::domain::renovation::Violation::from_code(&violation)
        .map(|v| v.label())
        .unwrap_or("违规");
    let next = if passed {
        None
    } else {
        let Some(d) = next_recheck else {
            return Err(StoreError::Conflict("未整改好：请填写下次复查日期".into()));
        };
        if d <= rec.at.date() {
            return Err(StoreError::Conflict("下次复查日期要晚于今天".into()));
        }
        if note.trim().is_empty() {
            return Err(StoreError::Conflict("未整改好：请写明还有什么问题".into()));
        }
        Some(d)
    };
    tx.prepare_cached(
        "UPDATE renovation_patrols SET rechecked_at = ?2, recheck_passed = ?3, recheck_note = ?4,
             rechecked_by_name = ?5, recheck_on = coalesce(?6, recheck_on) WHERE id = ?1",
    )?
    .execute(params![
        patrol,
        time_text(rec.at),
        passed,
        note.trim(),
        rec.by_name,
        next.map(day_text)
    ])?;
    let mut text = format!(
        "{} 整改通知第 {seq} 号（{violation}）复查：{}",
        h.number,
        if passed { "已整改" } else { "未整改好" }
    );
    if !note.trim().is_empty() {
        text.push_str(&format!("，{}", note.trim()));
    }
    if let Some(d) = next {
        text.push_str(&format!("，{} 再次复查", paper_date(d)));
    }
    units::log(tx, h.unit, rec, LOG_KIND, &text)?;
    Ok(h)
}

/// The work is finished on `finished_on`: the current phase ends and patrols stop; refused
/// while a 整改通知 is not re-checked as rectified.
pub(super) fn finish_in(
    tx: &Transaction<'_>,
    id: RenovationId,
    finished_on: NaiveDate,
    rec: &Recorded,
) -> Result<Head> {
    let h = head(tx, id)?;
    let stage = h.next(Step::FinishWork)?;
    if finished_on > rec.at.date() {
        return Err(StoreError::Conflict("完工日期晚于今天，请核对".into()));
    }
    let mut stmt = tx.prepare_cached(
        "SELECT notice_seq FROM renovation_patrols WHERE renovation_id = ?1
         AND violation IS NOT NULL AND coalesce(recheck_passed, 0) = 0 ORDER BY notice_seq",
    )?;
    let open: Vec<String> = stmt
        .query_map([id.0], |r| r.get::<_, u32>(0))?
        .filter_map(|n| n.ok().map(|n| format!("第 {n} 号")))
        .collect();
    if !open.is_empty() {
        return Err(StoreError::Conflict(format!(
            "还有整改通知没有复查合格：{}。复查合格后再登记完工",
            open.join("、")
        )));
    }
    if let Some(Current {
        id: phase, start, ..
    }) = current_phase(tx, id)?
    {
        tx.prepare_cached("UPDATE renovation_phases SET ended_on = ?2 WHERE id = ?1")?
            .execute(params![phase, day_text(finished_on.max(start))])?;
    }
    tx.prepare_cached("UPDATE renovations SET patrol_due = NULL, finished_on = ?2 WHERE id = ?1")?
        .execute(params![id.0, day_text(finished_on)])?;
    let note = format!("{} 完工，等待初验", paper_date(finished_on));
    record(tx, &h, stage, "完工", &note, rec)?;
    Ok(h)
}

/// Records 初验 or 复验: passed, or failed with what to rectify (the 整改 loop).
pub(super) fn acceptance_in(
    tx: &Transaction<'_>,
    id: RenovationId,
    round: AcceptanceRound,
    passed: bool,
    findings: &str,
    rec: &Recorded,
) -> Result<Head> {
    let h = head(tx, id)?;
    let step = match round {
        AcceptanceRound::Initial => Step::InitialAcceptance { passed },
        AcceptanceRound::Final => Step::FinalAcceptance { passed },
    };
    let stage = h.next(step)?;
    if !passed && findings.trim().is_empty() {
        return Err(StoreError::Conflict(format!(
            "{}不合格：请写明要整改的问题",
            round.label()
        )));
    }
    tx.prepare_cached(
        "INSERT INTO renovation_acceptances (renovation_id, round, passed, findings, at, by_name)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![
        id.0,
        round.code(),
        passed,
        findings.trim(),
        time_text(rec.at),
        rec.by_name
    ])?;
    let mut note = if passed {
        "合格"
    } else {
        "不合格，整改"
    }
    .to_string();
    if !findings.trim().is_empty() {
        note.push_str(&format!("：{}", findings.trim()));
    }
    if stage == crate::domain::renovation::Stage::Accepted {
        note.push_str("；可以退还装修保证金");
    }
    record(tx, &h, stage, round.label(), &note, rec)?;
    Ok(h)
}

/// Pays the deposit back through the fees module's refunds (less deductions, approved by
/// `approved_by`), and gives the unit back the status it had before the permit (空置 when that
/// was 装修中 from the move-in). Returns the voucher's number and the amount paid back.
pub(super) fn refund_deposit_in(
    tx: &Transaction<'_>,
    id: RenovationId,
    r: &DepositRefund,
    approved_by: Option<&str>,
    rec: &Recorded,
) -> Result<(Head, RefundNumber, Fen)> {
    let h = head(tx, id)?;
    let stage = h.next(Step::Refund)?;
    let line: Option<i64> = tx
        .prepare_cached(
            "SELECT line_id FROM renovation_lines WHERE renovation_id = ?1 AND item_code = ?2",
        )?
        .query_row(params![id.0, DEPOSIT_ITEM], |r| r.get(0))
        .optional()?;
    let Some(line) = line else {
        return Err(StoreError::Conflict(format!(
            "{} 没有装修保证金的账单，无需退还",
            h.number
        )));
    };
    let (_, number, amount) = refund_in(
        tx,
        &NewRefund {
            unit: h.unit,
            line: crate::domain::fees::LineId(line),
            payee: &r.payee,
            method: r.method,
            deductions: &r.deductions,
            source_ref: &h.number,
            note: &r.note,
            approved_by,
        },
        rec,
    )?;
    let before: Option<String> = tx
        .prepare_cached("SELECT status_before FROM renovations WHERE id = ?1")?
        .query_row([id.0], |r| r.get(0))?;
    let before = match before.as_deref().and_then(UnitStatus::from_code) {
        Some(UnitStatus::Renovating) | None => UnitStatus::Vacant,
        Some(s) => s,
    };
    let old = units::unit_in(tx, h.unit)?.unit;
    let mut status_note = String::new();
    if old.status == UnitStatus::Renovating {
        let mut new = old.clone();
        new.status = before;
        units::update_unit_in(tx, h.unit, &old, &new, rec)?;
        status_note = format!("；房屋状态恢复为 {}", before.label());
    }
    let deducted = crate::domain::fees::refund::deducted(&r.deductions);
    let mut note = format!(
        "退款凭证 {number}，保证金 {}，扣款 {deducted}，实退 {amount}（{}）",
        Fen(amount.0 + deducted.0),
        r.method.label()
    );
    for d in &r.deductions {
        note.push_str(&format!("；扣 {}：{}", d.amount, d.reason.trim()));
    }
    if let Some(s) = approved_by.filter(|_| !r.deductions.is_empty()) {
        note.push_str(&format!("；扣款经主管 {s} 批准"));
    }
    note.push_str(&status_note);
    record(tx, &h, stage, "退还装修保证金", &note, rec)?;
    Ok((h, number, amount))
}
