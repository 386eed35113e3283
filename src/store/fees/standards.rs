//! 收费标准: fee items, their prices from a month on (history kept), and each unit's fee basis
//! (kind of property, the day billing starts).

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, Row, params};

use crate::domain::access::Action;
use crate::domain::fees::{FeeItem, FeeItemId, FeeKind, Meter, Price, UnitKind};
use crate::domain::staff::Recorded;
use crate::domain::unit::UnitId;
use crate::domain::{Fen, Month};
use crate::store::audit::{Entry, Target};
use crate::store::vacancy::{date_text, parse_date};
use crate::store::{Result, Store, StoreError, time_text};

/// What a unit's bills are worked out from, beside its area.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UnitFeeBasis {
    /// 住宅, 商铺 …: picks the price where prices differ by kind.
    pub kind: UnitKind,
    /// 计费起始日 (the hand-over day); `None`: the day the unit was recorded.
    pub billing_from: Option<NaiveDate>,
}

const ITEM_COLUMNS: &str = "id, code, name, kind, meter, vacancy_discount, active";

fn item_from_row(r: &Row<'_>) -> rusqlite::Result<Result<FeeItem>> {
    let kind: String = r.get(3)?;
    let meter: Option<String> = r.get(4)?;
    let (id, code, name): (i64, String, String) = (r.get(0)?, r.get(1)?, r.get(2)?);
    let (vacancy_discount, active): (bool, bool) = (r.get(5)?, r.get(6)?);
    Ok((|| {
        let kind = FeeKind::from_code(&kind)
            .ok_or_else(|| StoreError::Corrupt(format!("收费方式 {kind}")))?;
        let meter = match meter {
            Some(m) => {
                Some(Meter::from_code(&m).ok_or_else(|| StoreError::Corrupt(format!("表 {m}")))?)
            }
            None => None,
        };
        Ok(FeeItem {
            id: FeeItemId(id),
            code,
            name,
            kind,
            meter,
            vacancy_discount,
            active,
        })
    })())
}

/// Every item, in the office's order.
pub(super) fn items_in(conn: &Connection) -> Result<Vec<FeeItem>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {ITEM_COLUMNS} FROM fee_items ORDER BY sort, id"
    ))?;
    let rows = stmt.query_map([], item_from_row)?;
    let mut out = Vec::new();
    for row in rows {
        out.push(row??);
    }
    Ok(out)
}

/// Every price ever set, by item (in the office's order), newest month first.
pub(super) fn prices_in(conn: &Connection) -> Result<Vec<Price>> {
    let mut stmt = conn.prepare_cached(
        "SELECT p.item_id, p.unit_kind, p.from_month, p.fen
         FROM fee_prices p JOIN fee_items i ON i.id = p.item_id
         ORDER BY i.sort, p.item_id, p.from_month DESC, p.unit_kind",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, Option<String>>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, i64>(3)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (item, kind, from, fen) = row?;
        let unit_kind = match kind {
            Some(k) => Some(
                UnitKind::from_code(&k)
                    .ok_or_else(|| StoreError::Corrupt(format!("房屋类型 {k}")))?,
            ),
            None => None,
        };
        let from = Month::parse(&from).map_err(|_| StoreError::Corrupt(format!("月份 {from}")))?;
        out.push(Price {
            item: FeeItemId(item),
            unit_kind,
            from,
            fen: Fen(fen),
        });
    }
    Ok(out)
}

/// Whether `code` is 1–12 capital letters and digits.
fn valid_code(code: &str) -> bool {
    (1..=12).contains(&code.len())
        && code
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
}

fn price_label(item: &FeeItem, p: &Price) -> String {
    let kind = p.unit_kind.map_or("所有类型", |k| k.label());
    format!("{} {kind} {}起", item.name, p.from)
}

impl Store {
    /// Every fee item, in the office's order (inactive ones too, marked).
    pub fn fee_items(&self) -> Result<Vec<FeeItem>> {
        items_in(self.conn())
    }

    /// The item with `code` (`WYF`).
    pub fn fee_item(&self, code: &str) -> Result<FeeItem> {
        let code = code.trim().to_ascii_uppercase();
        let row = self
            .conn()
            .query_row(
                &format!("SELECT {ITEM_COLUMNS} FROM fee_items WHERE code = ?1"),
                [&code],
                item_from_row,
            )
            .optional()?;
        crate::store::found(row, || format!("没有代码为 {code} 的收费项目"))?
    }

    fn fee_item_by_id(&self, id: FeeItemId) -> Result<FeeItem> {
        let row = self
            .conn()
            .query_row(
                &format!("SELECT {ITEM_COLUMNS} FROM fee_items WHERE id = ?1"),
                [id.0],
                item_from_row,
            )
            .optional()?;
        crate::store::found(row, || "找不到这个收费项目，可能已被删除".to_string())?
    }

    /// Adds an item (`item.id` 0) or changes one's name, vacancy rule or active flag (its code
    /// and kind stay); the supervisor's ([`Action::FeeStandards`]).
    ///
    /// [`Action::FeeStandards`]: crate::domain::access::Action::FeeStandards
    pub fn save_fee_item(&mut self, item: &FeeItem, rec: &Recorded) -> Result<FeeItemId> {
        let name = item.name.trim();
        if name.is_empty() {
            return Err(StoreError::Conflict("请填写收费项目名称".into()));
        }
        if item.id.0 != 0 {
            let before = self.fee_item_by_id(item.id)?;
            let after = FeeItem {
                name: name.to_string(),
                vacancy_discount: item.vacancy_discount,
                active: item.active,
                ..before.clone()
            };
            return self.write(Action::FeeStandards, None, rec, |tx, _| {
                tx.execute(
                    "UPDATE fee_items SET name = ?2, vacancy_discount = ?3, active = ?4
                     WHERE id = ?1",
                    params![item.id.0, name, item.vacancy_discount, item.active],
                )?;
                let target = Target::new("fee_item", item.id.0, &before.code);
                let entry = Entry::new(Action::FeeStandards, "修改收费项目", target);
                Ok((item.id, entry.change(Some(&before), Some(&after))))
            });
        }
        let code = item.code.trim().to_ascii_uppercase();
        if !valid_code(&code) {
            return Err(StoreError::Conflict(
                "收费项目代码请用 1 到 12 位大写字母或数字，例如 WYF".into(),
            ));
        }
        let meter = match item.kind {
            FeeKind::Metered | FeeKind::Apportioned => Some(item.meter.ok_or_else(|| {
                StoreError::Conflict(format!("{}的项目要选择水表或电表", item.kind.label()))
            })?),
            _ => None,
        };
        let taken: Option<String> = self
            .conn()
            .query_row("SELECT name FROM fee_items WHERE code = ?1", [&code], |r| {
                r.get(0)
            })
            .optional()?;
        if let Some(other) = taken {
            return Err(StoreError::Conflict(format!(
                "代码 {code} 已经用于“{other}”，请换一个代码"
            )));
        }
        let saved = FeeItem {
            id: FeeItemId(0),
            code: code.clone(),
            name: name.to_string(),
            kind: item.kind,
            meter,
            vacancy_discount: item.vacancy_discount,
            active: item.active,
        };
        self.write(Action::FeeStandards, None, rec, |tx, _| {
            tx.execute(
                "INSERT INTO fee_items (code, name, kind, meter, vacancy_discount, active, sort)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6,
                         (SELECT coalesce(max(sort), 0) + 10 FROM fee_items))",
                params![
                    code,
                    name,
                    item.kind.code(),
                    meter.map(|m| m.code()),
                    item.vacancy_discount,
                    item.active
                ],
            )?;
            let id = FeeItemId(tx.last_insert_rowid());
            let saved = FeeItem { id, ..saved };
            let entry = Entry::new(
                Action::FeeStandards,
                "新增收费项目",
                Target::new("fee_item", id.0, &code),
            );
            Ok((id, entry.change(None::<&FeeItem>, Some(&saved))))
        })
    }

    /// Every price ever set, by item, then newest month first.
    pub fn fee_prices(&self) -> Result<Vec<Price>> {
        prices_in(self.conn())
    }

    /// Sets a price from a month on (a new row; the old price stays for the months before).
    /// A price already set for the same item, kind and month is replaced.
    pub fn set_price(&mut self, price: &Price, rec: &Recorded) -> Result<()> {
        if price.fen.0 < 0 {
            return Err(StoreError::Conflict("单价不能是负数".into()));
        }
        let item = self.fee_item_by_id(price.item)?;
        let kind = price.unit_kind.map(|k| k.code());
        let month = price.from.code();
        let old: Option<i64> = self
            .conn()
            .query_row(
                "SELECT fen FROM fee_prices
                 WHERE item_id = ?1 AND unit_kind IS ?2 AND from_month = ?3",
                params![item.id.0, kind, month],
                |r| r.get(0),
            )
            .optional()?;
        let before = old.map(|fen| Price {
            fen: Fen(fen),
            ..price.clone()
        });
        self.write(Action::FeeStandards, None, rec, |tx, auth| {
            // unit_kind NULL is not caught by the table's UNIQUE (NULLs differ), so the row for
            // the same item, kind and month is removed by hand before the new one goes in.
            tx.execute(
                "DELETE FROM fee_prices WHERE item_id = ?1 AND unit_kind IS ?2 AND from_month = ?3",
                params![item.id.0, kind, month],
            )?;
            tx.execute(
                "INSERT INTO fee_prices (item_id, unit_kind, from_month, fen, set_by_name, set_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![
                    item.id.0,
                    kind,
                    month,
                    price.fen.0,
                    auth.rec.by_name,
                    time_text(auth.rec.at)
                ],
            )?;
            let label = price_label(&item, price);
            let what = format!("设置收费标准：{label} {}", price.fen);
            let entry = Entry::new(
                Action::FeeStandards,
                &what,
                Target::new("fee_item", item.id.0, &item.code),
            );
            Ok(((), entry.change(before.as_ref(), Some(price))))
        })
    }

    /// The price of `item` for a unit of `kind` in `month`: the kind's own price if it has
    /// one, else the price for every kind; the newest not after `month`.
    pub fn price_of(&self, item: FeeItemId, kind: UnitKind, month: Month) -> Result<Option<Fen>> {
        let prices = self.fee_prices()?;
        Ok(crate::domain::fees::billing::price_for(
            &prices, item, kind, month,
        ))
    }

    /// The unit's fee basis.
    pub fn unit_fee_basis(&self, unit: UnitId) -> Result<UnitFeeBasis> {
        let row: Option<(String, Option<String>)> = self
            .conn()
            .query_row(
                "SELECT kind, billing_from FROM units WHERE id = ?1",
                [unit.0],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        let (kind, from) = crate::store::found(row, || "找不到这套房屋，可能已被删除".into())?;
        Ok(UnitFeeBasis {
            kind: UnitKind::from_code(&kind)
                .ok_or_else(|| StoreError::Corrupt(format!("房屋类型 {kind}")))?,
            billing_from: from.as_deref().map(parse_date).transpose()?,
        })
    }

    /// Changes the unit's fee basis ([`Action::RegisterEdit`], logged).
    ///
    /// [`Action::RegisterEdit`]: crate::domain::access::Action::RegisterEdit
    pub fn save_unit_fee_basis(
        &mut self,
        unit: UnitId,
        basis: &UnitFeeBasis,
        rec: &Recorded,
    ) -> Result<()> {
        let before = self.unit_fee_basis(unit)?;
        let record = self.unit(unit)?;
        let date = |d: Option<NaiveDate>| d.map_or("登记日".to_string(), date_text);
        let mut changes = Vec::new();
        if before.kind != basis.kind {
            changes.push(format!(
                "房屋类型 {} → {}",
                before.kind.label(),
                basis.kind.label()
            ));
        }
        if before.billing_from != basis.billing_from {
            changes.push(format!(
                "计费起始日 {} → {}",
                date(before.billing_from),
                date(basis.billing_from)
            ));
        }
        if changes.is_empty() {
            return Ok(());
        }
        let json = |b: &UnitFeeBasis| {
            serde_json::json!({
                "房屋类型": b.kind.label(),
                "计费起始日": b.billing_from.map(date_text),
            })
        };
        self.write(Action::RegisterEdit, None, rec, |tx, auth| {
            tx.execute(
                "UPDATE units SET kind = ?2, billing_from = ?3 WHERE id = ?1",
                params![unit.0, basis.kind.code(), basis.billing_from.map(date_text)],
            )?;
            crate::store::units::log(tx, unit, &auth.rec, "收费", &changes.join("；"))?;
            let entry = Entry::new(
                Action::RegisterEdit,
                "修改收费信息",
                crate::store::units::unit_target(unit, &record.unit),
            );
            Ok(((), entry.change(Some(&json(&before)), Some(&json(basis)))))
        })
    }
}
