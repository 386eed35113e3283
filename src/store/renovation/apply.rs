//! The steps before the work, inside a transaction: the application, the papers, the second
//! inspection (failures open linked repair orders in 报修管理), the owner's acceptance, the bill
//! on the unit's fee account, the permit (only once that bill is paid; the unit becomes 装修中)
//! and the withdrawal. Shared by the desk's writes and the bulk loader.

use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::{OptionalExtension, Transaction, params};

use super::head::{Head, day_text, head, next_number, parse_day, record, update_due};
use super::read::RenovationLine;
use crate::domain::date::paper_date;
use crate::domain::fees::{FeeItemId, LineId, LineSource};
use crate::domain::renovation::{
    Application, BILLED_ITEMS, DEPOSIT_ITEM, InspectionItem, Paper, RenovationId, RenovationNumber,
    Stage, Step, check_items, missing_papers,
};
use crate::domain::repair::{self, OrderNumber, RepairId, RepairState};
use crate::domain::staff::Recorded;
use crate::domain::unit::UnitStatus;
use crate::domain::{Fen, Mobile, Month};
use crate::store::fees::{NewLine, insert_line_in, item_price_in};
use crate::store::{Result, StoreError, time_text, units};

/// Records an application: the unit has no renovation open, the owner (when picked) is one of
/// its people, and the application passes the domain's checks.
pub(super) fn apply_in(
    tx: &Transaction<'_>,
    a: &Application,
    rec: &Recorded,
) -> Result<(Head, RenovationNumber)> {
    a.check(rec.at.date())
        .map_err(|p| StoreError::Conflict(p.join("；")))?;
    let address = units::unit_in(tx, a.unit)?.unit.address;
    let open: Option<String> = tx
        .prepare_cached(
            "SELECT number FROM renovations WHERE unit_id = ?1
             AND stage NOT IN ('refunded', 'cancelled')",
        )?
        .query_row([a.unit.0], |r| r.get(0))
        .optional()?;
    if let Some(n) = open {
        return Err(StoreError::Conflict(format!(
            "{} 已经有一份未结束的装修申请 {n}，请在列表中找到它继续办理",
            address.short()
        )));
    }
    if let Some(p) = a.person {
        let of_unit: Option<i64> = tx
            .prepare_cached("SELECT unit_id FROM people WHERE id = ?1")?
            .query_row([p], |r| r.get(0))
            .optional()?;
        if of_unit != Some(a.unit.0) {
            return Err(StoreError::Conflict(format!(
                "所选业主不是 {} 的住户，请重新选择",
                address.short()
            )));
        }
    }
    let number = next_number(tx, rec.at)?;
    let kinds: Vec<&str> = a.kinds.iter().map(|k| k.code()).collect();
    let c = &a.contractor;
    tx.prepare_cached(
        "INSERT INTO renovations (number, unit_id, owner_name, person_id, owner_phone, company,
             licence_no, qualification, person_in_charge, contractor_phone, planned_start,
             planned_end, kinds, note, stage, applied_at, applied_by_name, recorded_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, 'applied', ?15,
             ?16, ?17)",
    )?
    .execute(params![
        number.to_string(),
        a.unit.0,
        a.owner_name.trim(),
        a.person,
        a.owner_phone.as_ref().map(Mobile::as_str),
        c.company.trim(),
        c.licence_no.trim(),
        c.qualification.trim(),
        c.person_in_charge.trim(),
        c.phone.as_str(),
        day_text(a.planned_start),
        day_text(a.planned_end),
        kinds.join(","),
        a.note.trim(),
        time_text(rec.at),
        rec.by_name,
        rec.by.map(|b| b.0),
    ])?;
    let id = RenovationId(tx.last_insert_rowid());
    for (seq, w) in a.workers.iter().enumerate() {
        tx.prepare_cached(
            "INSERT INTO renovation_workers (renovation_id, seq, name, id_number, phone, trade)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )?
        .execute(params![
            id.0,
            seq as i64,
            w.name.trim(),
            w.id_number.as_str(),
            w.phone.as_str(),
            w.trade.trim()
        ])?;
    }
    let h = head(tx, id)?;
    let labels: Vec<&str> = a.kinds.iter().map(|k| k.label()).collect();
    let note = format!(
        "业主 {}，装修单位 {}，项目 {}，计划 {} 至 {}，施工人员 {} 人",
        a.owner_name.trim(),
        c.company.trim(),
        labels.join("、"),
        paper_date(a.planned_start),
        paper_date(a.planned_end),
        a.workers.len()
    );
    record(tx, &h, Stage::Applied, "装修申请", &note, rec)?;
    Ok((h, number))
}

/// Ticks papers as received on `received_on` (those already ticked are left as they were).
pub(super) fn papers_in(
    tx: &Transaction<'_>,
    id: RenovationId,
    papers: &[Paper],
    received_on: NaiveDate,
    rec: &Recorded,
) -> Result<Head> {
    let h = head(tx, id)?;
    if h.stage.closed() {
        return Err(StoreError::Conflict(format!(
            "{} 已经“{}”，不能再收资料",
            h.number,
            h.stage.label()
        )));
    }
    if papers.is_empty() {
        return Err(StoreError::Conflict("请勾选收到的资料".into()));
    }
    if received_on > rec.at.date() {
        return Err(StoreError::Conflict(
            "收到资料的日期晚于今天，请核对".into(),
        ));
    }
    let mut added = Vec::new();
    for p in papers {
        let n = tx
            .prepare_cached(
                "INSERT OR IGNORE INTO renovation_papers (renovation_id, paper, received_on,
                     by_name) VALUES (?1, ?2, ?3, ?4)",
            )?
            .execute(params![id.0, p.code(), day_text(received_on), rec.by_name])?;
        if n == 1 {
            added.push(p.label());
        }
    }
    if added.is_empty() {
        return Err(StoreError::Conflict("这些资料都已经登记过了".into()));
    }
    record(tx, &h, h.stage, "收到资料", &added.join("、"), rec)?;
    Ok(h)
}

/// The repair orders a renovation's second inspection opened, with their states.
pub(super) fn inspection_repairs(
    conn: &rusqlite::Connection,
    id: RenovationId,
) -> Result<Vec<(String, String, RepairState)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT i.name, r.number, r.state FROM renovation_inspection_items i
         JOIN repairs r ON r.id = i.repair_id WHERE i.renovation_id = ?1 ORDER BY i.seq",
    )?;
    let rows = stmt.query_map([id.0], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (name, number, state) = row?;
        let state = RepairState::from_code(&state)
            .ok_or_else(|| StoreError::Corrupt(format!("报修状态 {state}")))?;
        out.push((name, number, state));
    }
    Ok(out)
}

/// Records the second inspection (二次验房): every item, and for each failure a repair order
/// in 报修管理 (category `category`, the owner as reporter), linked to its item.
pub(super) fn inspection_in(
    tx: &Transaction<'_>,
    id: RenovationId,
    items: &[InspectionItem],
    at: NaiveDateTime,
    category: &str,
    rec: &Recorded,
) -> Result<(Head, Vec<(RepairId, OrderNumber)>)> {
    let h = head(tx, id)?;
    check_items(items).map_err(StoreError::Conflict)?;
    let passed = items.iter().all(|i| i.passed);
    let stage = h.next(Step::SecondInspection { passed })?;
    if at > rec.at + chrono::Duration::minutes(1) {
        return Err(StoreError::Conflict("验房时间晚于现在，请核对".into()));
    }
    let phone: Option<String> = tx
        .prepare_cached(
            "SELECT coalesce(r.owner_phone, p.phone) FROM renovations r
             LEFT JOIN people p ON p.id = r.person_id WHERE r.id = ?1",
        )?
        .query_row([id.0], |r| r.get(0))?;
    let mut repairs = Vec::new();
    let mut failed = Vec::new();
    for (seq, item) in items.iter().enumerate() {
        let link = if item.passed {
            None
        } else {
            let intake = repair::Intake {
                place: repair::Place::Unit {
                    id: h.unit,
                    address: h.address,
                },
                reporter: h.owner_name.clone(),
                phone: phone.as_deref().and_then(|p| Mobile::parse(p).ok()),
                channel: repair::Channel::Visit,
                category: category.to_string(),
                description: format!(
                    "{} 二次验房：{}不合格，{}",
                    h.number,
                    item.name.trim(),
                    item.note.trim()
                ),
                appointment: rec.at,
                chargeable: false,
                quote: String::new(),
                quote_amount: Fen(0),
            };
            let (repair, number) = crate::store::repairs::insert_intake(tx, &intake, rec)?;
            failed.push(format!(
                "{}（{}）转报修 {number}",
                item.name.trim(),
                item.note.trim()
            ));
            repairs.push((repair, number));
            Some(repair.0)
        };
        tx.prepare_cached(
            "INSERT INTO renovation_inspection_items (renovation_id, seq, name, passed, note,
                 repair_id, at, by_name) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        )?
        .execute(params![
            id.0,
            seq as i64,
            item.name.trim(),
            item.passed,
            item.note.trim(),
            link,
            time_text(at),
            rec.by_name
        ])?;
    }
    let mut note = format!("{} 项，合格 {} 项", items.len(), items.len() - failed.len());
    if failed.is_empty() {
        note.push_str("，可以缴费办理许可证");
    } else {
        note.push_str(&format!(
            "；不合格：{}；维修好、业主确认后再办理",
            failed.join("、")
        ));
    }
    record(tx, &h, stage, "二次验房", &note, rec)?;
    Ok((h, repairs))
}

/// The owner accepts the unit after the inspection's repairs: refused while a repair order is
/// still being worked on (the list names them).
pub(super) fn owner_accepts_in(
    tx: &Transaction<'_>,
    id: RenovationId,
    note: &str,
    rec: &Recorded,
) -> Result<Head> {
    let h = head(tx, id)?;
    let stage = h.next(Step::OwnerAccepts)?;
    let open: Vec<String> = inspection_repairs(tx, id)?
        .into_iter()
        .filter(|(_, _, s)| s.is_before_completion())
        .map(|(name, number, s)| format!("{name}（{number} {}）", s.label()))
        .collect();
    if !open.is_empty() {
        return Err(StoreError::Conflict(format!(
            "验房问题还没有修好：{}。完工后再请业主确认",
            open.join("、")
        )));
    }
    let text = match note.trim() {
        "" => format!("业主 {} 确认验房问题已解决", h.owner_name),
        n => format!("业主 {} 确认验房问题已解决；{n}", h.owner_name),
    };
    record(tx, &h, stage, "业主确认验房", &text, rec)?;
    Ok(h)
}

/// The renovation's lines in the fees tables, and whether each is paid.
pub(super) fn lines_of(
    conn: &rusqlite::Connection,
    id: RenovationId,
) -> Result<Vec<RenovationLine>> {
    let mut stmt = conn.prepare_cached(
        "SELECT l.id, rl.item_code, i.name, l.amount_fen, l.receipt_id IS NOT NULL
         FROM renovation_lines rl JOIN bill_lines l ON l.id = rl.line_id
         JOIN fee_items i ON i.id = l.item_id
         WHERE rl.renovation_id = ?1 ORDER BY i.sort, l.id",
    )?;
    let rows = stmt.query_map([id.0], |r| {
        Ok(RenovationLine {
            line: LineId(r.get(0)?),
            item_code: r.get(1)?,
            item_name: r.get(2)?,
            amount: Fen(r.get(3)?),
            paid: r.get(4)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Bills the deposit, the management fee and the rubbish removal onto the unit's fee account at
/// the prices of 收费标准 (an item priced at zero is left off; the deposit must have a price).
pub(super) fn bill_in(
    tx: &Transaction<'_>,
    id: RenovationId,
    rec: &Recorded,
) -> Result<(Head, Vec<RenovationLine>)> {
    let h = head(tx, id)?;
    let stage = h.next(Step::Bill)?;
    if !lines_of(tx, id)?.is_empty() {
        return Err(StoreError::Conflict(format!(
            "{} 已经开过账单，请在收费管理收款",
            h.number
        )));
    }
    let month = Month::of(rec.at.date());
    let mut billed = Vec::new();
    for &code in BILLED_ITEMS {
        let (item, name, price) = item_price_in(tx, code, h.unit, month)?;
        let price = match price {
            Some(p) if p.0 > 0 => p,
            Some(_) if code != DEPOSIT_ITEM => continue,
            _ => {
                return Err(StoreError::Conflict(format!(
                    "收费标准中还没有“{name}”的价格：请主管先在收费管理→收费标准中设置"
                )));
            }
        };
        let basis = format!("{} {name}", h.number);
        let line = insert_line_in(
            tx,
            &NewLine {
                unit: h.unit,
                item: FeeItemId(item.0),
                month,
                amount: price,
                full: price,
                basis: &basis,
                source: LineSource::Charge,
                source_ref: &h.number,
                adjusts: None,
                reason: None,
            },
            rec,
        )?
        .ok_or_else(|| StoreError::Conflict(format!("{name} 已经记过了")))?;
        tx.prepare_cached(
            "INSERT INTO renovation_lines (renovation_id, line_id, item_code) VALUES (?1, ?2, ?3)",
        )?
        .execute(params![id.0, line.0, code])?;
        billed.push(RenovationLine {
            line,
            item_code: code.to_string(),
            item_name: name,
            amount: price,
            paid: false,
        });
    }
    let list: Vec<String> = billed
        .iter()
        .map(|l| format!("{} {}", l.item_name, l.amount))
        .collect();
    let total = Fen(billed.iter().map(|l| l.amount.0).sum());
    let note = format!("{}，合计 {total}，请到收费管理缴费", list.join("、"));
    record(tx, &h, stage, "开装修费用账单", &note, rec)?;
    Ok((h, billed))
}

/// Issues the permit (装修许可证): the bill paid in full through 收费管理 and the required
/// papers received; the unit becomes 装修中 (its status before kept) and the first planned
/// phase starts on the later of today and the planned start.
pub(super) fn permit_in(tx: &Transaction<'_>, id: RenovationId, rec: &Recorded) -> Result<Head> {
    let h = head(tx, id)?;
    let stage = h.next(Step::IssuePermit)?;
    let lines = lines_of(tx, id)?;
    if lines.is_empty() {
        return Err(StoreError::Conflict(format!(
            "{} 还没有开装修费用账单：请先开账单，业主缴清后再发许可证",
            h.number
        )));
    }
    let unpaid: Vec<String> = lines
        .iter()
        .filter(|l| !l.paid)
        .map(|l| format!("{} {}", l.item_name, l.amount))
        .collect();
    if !unpaid.is_empty() {
        return Err(StoreError::Conflict(format!(
            "还有未缴的装修费用：{}。请先在收费管理收款，缴清后才能发放装修许可证",
            unpaid.join("、")
        )));
    }
    let mut stmt =
        tx.prepare_cached("SELECT paper FROM renovation_papers WHERE renovation_id = ?1")?;
    let received: Vec<Paper> = stmt
        .query_map([id.0], |r| r.get::<_, String>(0))?
        .filter_map(|p| p.ok().and_then(|p| Paper::from_code(&p)))
        .collect();
    let missing = missing_papers(&received);
    if !missing.is_empty() {
        let names: Vec<&str> = missing.iter().map(|p| p.label()).collect();
        return Err(StoreError::Conflict(format!(
            "还缺资料：{}。收齐后才能发放装修许可证",
            names.join("、")
        )));
    }
    let old = units::unit_in(tx, h.unit)?.unit;
    let mut new = old.clone();
    new.status = UnitStatus::Renovating;
    units::update_unit_in(tx, h.unit, &old, &new, rec)?;
    let (kinds, start): (String, String) = tx
        .prepare_cached("SELECT kinds, planned_start FROM renovations WHERE id = ?1")?
        .query_row([id.0], |r| Ok((r.get(0)?, r.get(1)?)))?;
    tx.prepare_cached(
        "UPDATE renovations SET permit_at = ?2, status_before = ?3, stage = 'working'
         WHERE id = ?1",
    )?
    .execute(params![id.0, time_text(rec.at), old.status.code()])?;
    let first = kinds
        .split(',')
        .next()
        .and_then(crate::domain::renovation::WorkKind::from_code)
        .ok_or_else(|| StoreError::Corrupt(format!("装修项目 “{kinds}”")))?;
    let start = parse_day(&start)?.max(rec.at.date());
    tx.prepare_cached(
        "INSERT INTO renovation_phases (renovation_id, kind, started_on, by_name)
         VALUES (?1, ?2, ?3, ?4)",
    )?
    .execute(params![id.0, first.code(), day_text(start), rec.by_name])?;
    update_due(tx, id)?;
    let note = format!(
        "房屋状态改为 装修中；{} 起第一阶段 {}（{}巡查）",
        paper_date(start),
        first.label(),
        first.patrol_rule().label()
    );
    record(tx, &h, stage, "发放装修许可证", &note, rec)?;
    Ok(h)
}

/// Withdraws an application before work starts, with its reason: nothing of its bill may be
/// paid, and an unpaid bill must first be written off in 收费管理 (an adjustment per line).
pub(super) fn cancel_in(
    tx: &Transaction<'_>,
    id: RenovationId,
    reason: &str,
    rec: &Recorded,
) -> Result<Head> {
    let h = head(tx, id)?;
    let stage = h.next(Step::Cancel)?;
    if reason.trim().is_empty() {
        return Err(StoreError::Conflict("请写明撤销原因".into()));
    }
    for RenovationLine {
        line,
        item_name: name,
        amount,
        paid,
        ..
    } in lines_of(tx, id)?
    {
        if paid {
            return Err(StoreError::Conflict(format!(
                "{name} {amount} 已经缴了：请先退还（复验后退保证金）或在收费管理处理，再撤销"
            )));
        }
        let adjusted: i64 = tx
            .prepare_cached(
                "SELECT coalesce(sum(amount_fen), 0) FROM bill_lines WHERE adjusts = ?1",
            )?
            .query_row([line.0], |r| r.get(0))?;
        if amount.0 + adjusted != 0 {
            return Err(StoreError::Conflict(format!(
                "{name} {amount} 还挂在这户的账上：请主管先在收费管理中做账单调整冲销，再撤销"
            )));
        }
    }
    record(tx, &h, stage, "撤销申请", reason, rec)?;
    Ok(h)
}
