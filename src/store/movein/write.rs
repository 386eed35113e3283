//! Writing move-in cases inside a transaction: opening a case, each step, the items (with the
//! keys handed over through the keys tables), the inspections and their defects, the end.
//! Shared by the desk's writes (`actions`) and the bulk loader, so history is written exactly
//! as the desk writes it. Every step leaves a line in the unit's history (kind `入住`).

use chrono::NaiveDateTime;
use rusqlite::{Connection, OptionalExtension, Transaction, params};

use crate::domain::UnitAddress;
use crate::domain::date::{paper_date, table_datetime};
use crate::domain::keys::{KeyIssue, KeyStatus};
use crate::domain::movein::{
    Agreements, Finish, ItemHanded, KEYS_ITEM, MoveInId, MoveInState, MoveInStep, StepDone,
    check_items, check_skip, may_do, missing_for_finish,
};
use crate::domain::staff::Recorded;
use crate::domain::unit::{UnitId, UnitStatus};
use crate::store::audit::Target;
use crate::store::{Result, StoreError, found, parse_time, time_text, units};

/// The kind of a move-in line in the unit's history.
const LOG_KIND: &str = "入住";

/// A case as the audit log names it: `入住 3-2-1502`.
pub(super) fn target(id: MoveInId, address: UnitAddress) -> Target {
    Target::new("move_in", id.0, &format!("入住 {}", address.short()))
}

/// The parts of a case a step reads.
#[derive(Debug, Clone)]
pub(super) struct Head {
    pub unit: UnitId,
    pub address: UnitAddress,
    pub owner_name: String,
    pub person: Option<i64>,
    pub state: MoveInState,
    pub steps: Vec<StepDone>,
}

pub(super) fn steps_of(conn: &Connection, id: MoveInId) -> Result<Vec<StepDone>> {
    let mut stmt = conn.prepare_cached(
        "SELECT step, at, by_name, skipped, note FROM move_in_steps WHERE move_in_id = ?1",
    )?;
    let rows = stmt.query_map([id.0], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, Option<String>>(3)?,
            r.get::<_, String>(4)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (step, at, by_name, skipped, note) = row?;
        out.push(StepDone {
            step: MoveInStep::from_code(&step)
                .ok_or_else(|| StoreError::Corrupt(format!("入住步骤 “{step}”")))?,
            at: parse_time(&at)?,
            by_name,
            skipped,
            note,
        });
    }
    out.sort_by_key(|d| d.step.number());
    Ok(out)
}

pub(super) fn head(conn: &Connection, id: MoveInId) -> Result<Head> {
    type Row = (i64, u32, u32, u32, String, Option<i64>, String);
    let row: Option<Row> = conn
        .prepare_cached(
            "SELECT m.unit_id, u.building, u.entrance, u.room, m.owner_name, m.person_id, m.state
             FROM move_ins m JOIN units u ON u.id = m.unit_id WHERE m.id = ?1",
        )?
        .query_row([id.0], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
                r.get(6)?,
            ))
        })
        .optional()?;
    let (unit, b, e, room, owner_name, person, state) =
        found(row, || "找不到这条入住记录，可能已被删除".to_string())?;
    Ok(Head {
        unit: UnitId(unit),
        address: UnitAddress::new(b, e, room)
            .map_err(|_| StoreError::Corrupt(format!("房号 {b}-{e}-{room}")))?,
        owner_name,
        person,
        state: MoveInState::from_code(&state)
            .ok_or_else(|| StoreError::Corrupt(format!("入住状态 “{state}”")))?,
        steps: steps_of(conn, id)?,
    })
}

/// The head of a case that is still open; a finished case refuses every step.
pub(super) fn open_head(conn: &Connection, id: MoveInId) -> Result<Head> {
    let h = head(conn, id)?;
    if h.state != MoveInState::Open {
        return Err(StoreError::Conflict(format!(
            "{} 的入住已经办完（{}），不能再改。如需更正请联系客服中心主管",
            h.address.short(),
            h.state.label()
        )));
    }
    Ok(h)
}

pub(super) fn unit_log(tx: &Transaction<'_>, h: &Head, rec: &Recorded, text: &str) -> Result<()> {
    units::log(tx, h.unit, rec, LOG_KIND, text)
}

/// Writes a step's row and its line in the unit's history.
pub(super) fn record(
    tx: &Transaction<'_>,
    id: MoveInId,
    h: &Head,
    step: MoveInStep,
    skipped: Option<&str>,
    note: &str,
    rec: &Recorded,
) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO move_in_steps (move_in_id, step, at, by_name, skipped, note)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![
        id.0,
        step.code(),
        time_text(rec.at),
        rec.by_name,
        skipped.map(str::trim),
        note.trim()
    ])?;
    let text = match (skipped, note.trim()) {
        (Some(reason), _) => format!("跳过{}：{}", step.label(), reason.trim()),
        (None, "") => format!("{}：已办理", step.label()),
        (None, note) => format!("{}：{note}", step.label()),
    };
    unit_log(tx, h, rec, &text)
}

/// Opens a case for a unit; a unit with an open case is refused.
pub(super) fn open_in(
    tx: &Transaction<'_>,
    unit: UnitId,
    owner_name: &str,
    person: Option<i64>,
    notice_no: &str,
    scheduled_at: Option<NaiveDateTime>,
    rec: &Recorded,
) -> Result<(MoveInId, UnitAddress)> {
    let owner = owner_name.trim();
    if owner.is_empty() {
        return Err(StoreError::Conflict("请填写业主姓名".into()));
    }
    let record = units::unit_in(tx, unit)?;
    let address = record.unit.address;
    let open: Option<i64> = tx
        .prepare_cached("SELECT id FROM move_ins WHERE unit_id = ?1 AND state = 'open'")?
        .query_row([unit.0], |r| r.get(0))
        .optional()?;
    if open.is_some() {
        return Err(StoreError::Conflict(format!(
            "{} 已经有一个正在办理的入住，请在列表中找到它继续办理",
            address.short()
        )));
    }
    if let Some(p) = person {
        let of_unit: Option<i64> = tx
            .prepare_cached("SELECT unit_id FROM people WHERE id = ?1")?
            .query_row([p], |r| r.get(0))
            .optional()?;
        if of_unit != Some(unit.0) {
            return Err(StoreError::Conflict(format!(
                "所选业主不是 {} 的住户，请重新选择",
                address.short()
            )));
        }
    }
    tx.prepare_cached(
        "INSERT INTO move_ins (unit_id, owner_name, person_id, notice_no, scheduled_at, state,
             opened_at, opened_by_name, recorded_by)
         VALUES (?1, ?2, ?3, ?4, ?5, 'open', ?6, ?7, ?8)",
    )?
    .execute(params![
        unit.0,
        owner,
        person,
        notice_no.trim(),
        scheduled_at.map(time_text),
        time_text(rec.at),
        rec.by_name,
        rec.by.map(|b| b.0),
    ])?;
    let id = MoveInId(tx.last_insert_rowid());
    let mut text = format!("开始办理入住：业主 {owner}");
    if !notice_no.trim().is_empty() {
        text.push_str(&format!("，入伙通知书 {}", notice_no.trim()));
    }
    if let Some(t) = scheduled_at {
        text.push_str(&format!("，预约 {}", table_datetime(t)));
    }
    units::log(tx, unit, rec, LOG_KIND, &text)?;
    Ok((id, address))
}

/// Where the desk records each step that is not a plain "done".
fn own_form(step: MoveInStep) -> Option<&'static str> {
    match step {
        MoveInStep::Agreements => Some("请填写两份协议的签订日期后保存"),
        MoveInStep::Items => Some("请填写领取的物品和数量后保存"),
        MoveInStep::Inspection1 | MoveInStep::Inspection2 => {
            Some("请逐项填写验收结果和表读数后保存")
        }
        MoveInStep::Finish => Some("请选择入住或转装修，并填写入住日期"),
        _ => None,
    }
}

/// Takes a plain step (done now). The owner file links the register's owner; the bank and
/// payment steps read the fees tab and are refused while it says otherwise.
pub(super) fn step_in(
    tx: &Transaction<'_>,
    id: MoveInId,
    step: MoveInStep,
    note: &str,
    rec: &Recorded,
) -> Result<Head> {
    let mut h = open_head(tx, id)?;
    may_do(step, &h.steps).map_err(StoreError::Conflict)?;
    if let Some(how) = own_form(step) {
        return Err(StoreError::Conflict(format!("{}：{how}", step.named())));
    }
    let mut text = note.trim().to_string();
    let add = |text: &mut String, what: String| {
        if text.is_empty() {
            *text = what;
        } else {
            *text = format!("{what}；{text}");
        }
    };
    match step {
        MoveInStep::OwnerFile => {
            let person = owner_in_register(tx, &h)?;
            tx.execute(
                "UPDATE move_ins SET person_id = ?2 WHERE id = ?1",
                params![id.0, person],
            )?;
            h.person = Some(person);
            add(&mut text, "业主档案已核对".to_string());
        }
        MoveInStep::BankAgreement => {
            let Some(a) = crate::store::fees::bank::active_in(tx, h.unit)? else {
                return Err(StoreError::Conflict(format!(
                    "收费管理中还没有 {} 的银行卡代扣协议：请先在收费管理登记协议；业主不办理代扣的，写明原因后跳过",
                    h.address.short()
                )));
            };
            add(
                &mut text,
                format!("已签代扣协议（{}，{}）", a.bank, paper_date(a.signed_on)),
            );
        }
        MoveInStep::Payment => {
            let owed = crate::store::fees::owed_in(tx, h.unit)?;
            if owed.0 > 0 {
                return Err(StoreError::Conflict(format!(
                    "{} 还欠费 {owed}：请先在收费管理收款；确需暂缓的，写明原因后跳过",
                    h.address.short()
                )));
            }
            add(&mut text, "费用已结清".to_string());
        }
        _ => {}
    }
    record(tx, id, &h, step, None, &text, rec)?;
    Ok(h)
}

/// The register's owner record for the case: the one linked, or the owner of that name in the
/// unit's register.
fn owner_in_register(tx: &Transaction<'_>, h: &Head) -> Result<i64> {
    if let Some(p) = h.person {
        let exists: Option<i64> = tx
            .prepare_cached("SELECT id FROM people WHERE id = ?1 AND unit_id = ?2")?
            .query_row(params![p, h.unit.0], |r| r.get(0))
            .optional()?;
        if let Some(p) = exists {
            return Ok(p);
        }
    }
    let by_name: Option<i64> = tx
        .prepare_cached(
            "SELECT id FROM people WHERE unit_id = ?1 AND name = ?2 AND relation = 'owner'
             ORDER BY id LIMIT 1",
        )?
        .query_row(params![h.unit.0, h.owner_name], |r| r.get(0))
        .optional()?;
    by_name.ok_or_else(|| {
        StoreError::Conflict(format!(
            "业主档案里还没有 {} 的业主“{}”：请先在“房屋与业主”中登记业主（姓名、电话、身份证号），再办理这一步",
            h.address.short(),
            h.owner_name
        ))
    })
}

/// Skips a step with its reason.
pub(super) fn skip_in(
    tx: &Transaction<'_>,
    id: MoveInId,
    step: MoveInStep,
    reason: &str,
    rec: &Recorded,
) -> Result<Head> {
    let h = open_head(tx, id)?;
    check_skip(step, reason, &h.steps).map_err(StoreError::Conflict)?;
    record(tx, id, &h, step, Some(reason), "", rec)?;
    Ok(h)
}

/// Records the agreements' dates; that is the Agreements step.
pub(super) fn agreements_in(
    tx: &Transaction<'_>,
    id: MoveInId,
    a: &Agreements,
    rec: &Recorded,
) -> Result<Head> {
    let h = open_head(tx, id)?;
    may_do(MoveInStep::Agreements, &h.steps).map_err(StoreError::Conflict)?;
    let today = rec.at.date();
    if a.service_signed > today || a.rules_signed > today {
        return Err(StoreError::Conflict(
            "协议的签订日期晚于今天，请核对日期".into(),
        ));
    }
    tx.execute(
        "UPDATE move_ins SET service_signed = ?2, rules_signed = ?3 WHERE id = ?1",
        params![
            id.0,
            a.service_signed.format("%Y-%m-%d").to_string(),
            a.rules_signed.format("%Y-%m-%d").to_string()
        ],
    )?;
    let note = format!(
        "前期物业服务协议 {}，业主临时管理规约 {}",
        paper_date(a.service_signed),
        paper_date(a.rules_signed)
    );
    record(tx, id, &h, MoveInStep::Agreements, None, &note, rec)?;
    Ok(h)
}

/// The unit's key sets in the cabinet: id and how many keys on each ring.
fn keys_in_cabinet(tx: &Transaction<'_>, unit: UnitId) -> Result<Vec<(i64, u32)>> {
    let mut stmt = tx.prepare_cached(
        "SELECT id, count FROM unit_keys WHERE unit_id = ?1 AND status = ?2 ORDER BY hook",
    )?;
    let rows = stmt.query_map(params![unit.0, KeyStatus::InCabinet.code()], |r| {
        Ok((r.get(0)?, r.get(1)?))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Hands the unit's keys to the owner through the keys tables (so they show in 钥匙管理 as
/// 已交业主), checked against the owner's ID card in the register.
fn issue_keys(tx: &Transaction<'_>, h: &Head, qty: u32, rec: &Recorded) -> Result<()> {
    let sets = keys_in_cabinet(tx, h.unit)?;
    if sets.is_empty() {
        return Err(StoreError::Conflict(format!(
            "钥匙柜里没有 {} 的钥匙：请先在钥匙管理中把钥匙入柜，再交给业主",
            h.address.short()
        )));
    }
    let in_cabinet: u32 = sets.iter().map(|(_, c)| c).sum();
    if in_cabinet != qty {
        return Err(StoreError::Conflict(format!(
            "钥匙柜中 {} 的钥匙共 {in_cabinet} 把，与填写的 {qty} 把不一致，请核对数量",
            h.address.short()
        )));
    }
    let id_number: Option<String> = match h.person {
        Some(p) => tx
            .prepare_cached("SELECT id_number FROM people WHERE id = ?1")?
            .query_row([p], |r| r.get(0))
            .optional()?
            .flatten(),
        None => None,
    };
    let Some(id_number) = id_number else {
        return Err(StoreError::Conflict(format!(
            "交钥匙要核验业主身份证：请先在“房屋与业主”中登记业主“{}”的身份证号",
            h.owner_name
        )));
    };
    let tail: String = id_number
        .chars()
        .skip(id_number.chars().count().saturating_sub(4))
        .collect();
    for (key, count) in sets {
        let issue = KeyIssue {
            recipient: h.owner_name.clone(),
            document: "居民身份证".into(),
            document_tail: tail.clone(),
            count,
            signed: true,
        };
        crate::store::keys::write::issue_in(tx, crate::store::KeyId(key), &issue, rec)?;
    }
    Ok(())
}

/// Records the items handed over (the Items step); with `through_keys` the keys go through the
/// keys tables. The bulk loader of paper records passes `false`.
pub(super) fn items_in(
    tx: &Transaction<'_>,
    id: MoveInId,
    items: &[ItemHanded],
    through_keys: bool,
    rec: &Recorded,
) -> Result<Head> {
    let h = open_head(tx, id)?;
    may_do(MoveInStep::Items, &h.steps).map_err(StoreError::Conflict)?;
    check_items(items).map_err(StoreError::Conflict)?;
    if through_keys && let Some(keys) = items.iter().find(|i| i.name.trim() == KEYS_ITEM) {
        issue_keys(tx, &h, keys.qty, rec)?;
    }
    for (seq, item) in items.iter().enumerate() {
        tx.prepare_cached(
            "INSERT INTO move_in_items (move_in_id, seq, name, qty) VALUES (?1, ?2, ?3, ?4)",
        )?
        .execute(params![id.0, seq as i64, item.name.trim(), item.qty])?;
    }
    let list: Vec<String> = items
        .iter()
        .map(|i| format!("{} {}", i.name.trim(), i.qty))
        .collect();
    record(tx, id, &h, MoveInStep::Items, None, &list.join("、"), rec)?;
    Ok(h)
}

/// Ends the case: every step done or skipped; the unit becomes 已入住 (or 装修中) and the
/// owner's register record gets the move-in date, in the same transaction.
pub(super) fn finish_in(
    tx: &Transaction<'_>,
    id: MoveInId,
    finish: &Finish,
    rec: &Recorded,
) -> Result<Head> {
    let h = open_head(tx, id)?;
    let missing = missing_for_finish(&h.steps);
    if !missing.is_empty() {
        let names: Vec<String> = missing.iter().map(|s| s.named()).collect();
        return Err(StoreError::Conflict(format!(
            "还不能办完入住，还缺：{}。请办理或写明原因后跳过",
            names.join("、")
        )));
    }
    if finish.moved_in > rec.at.date() + chrono::Duration::days(366) {
        return Err(StoreError::Conflict("入住日期不对，请核对".into()));
    }
    let state = finish.state();
    let day = finish.moved_in.format("%Y-%m-%d").to_string();
    tx.execute(
        "UPDATE move_ins SET state = ?2, moved_in = ?3, finished_at = ?4 WHERE id = ?1",
        params![id.0, state.code(), day, time_text(rec.at)],
    )?;
    let old = units::unit_in(tx, h.unit)?.unit;
    let mut new = old.clone();
    new.status = if finish.renovating {
        UnitStatus::Renovating
    } else {
        UnitStatus::Occupied
    };
    units::update_unit_in(tx, h.unit, &old, &new, rec)?;
    if let Some(p) = h.person {
        tx.execute(
            "UPDATE people SET move_in = coalesce(move_in, ?2) WHERE id = ?1",
            params![p, day],
        )?;
    }
    let note = if finish.renovating {
        format!(
            "转装修，交房日期 {}，房屋状态改为 装修中",
            paper_date(finish.moved_in)
        )
    } else {
        format!(
            "入住日期 {}，房屋状态改为 已入住",
            paper_date(finish.moved_in)
        )
    };
    record(tx, id, &h, MoveInStep::Finish, None, &note, rec)?;
    Ok(h)
}
