//! The billing run's plan: every line a month owes, worked out from data read in bulk (units,
//! prices, parking spaces, two months of readings, vacancy shares) with no query per unit, so
//! the preview and the run share one code path and ~3,000 units take well under a second.
//!
//! Who is billed: every unit from its 计费起始日 (`units.billing_from`), or without one from the
//! day it was recorded; a unit still 未售 (the developer's) without a 计费起始日 is not billed
//! (it has not been handed over) and the preview counts them. The amounts and their rounding
//! are the domain's ([`crate::domain::fees::billing`]).

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::NaiveDate;
use rusqlite::params;

use crate::domain::fees::billing::{
    Share, apportioned_basis, area_basis, days_billed, line_amount, metered_basis, partial_text,
    price_for, quantity_text, vacancy_text,
};
use crate::domain::fees::utilities::{loss_of, share_steps};
use crate::domain::fees::{FeeItem, FeeKind, Meter, UnitKind};
use crate::domain::unit::UnitId;
use crate::domain::vacancy::FeeShare;
use crate::domain::{Fen, Month, UnitAddress};
use crate::store::fees::standards::{items_in, prices_in};
use crate::store::vacancy::{date_text, parse_date};
use crate::store::{Result, Store, StoreError};

/// One line the run would add.
#[derive(Debug, Clone)]
pub(super) struct Planned {
    pub unit: UnitId,
    /// Index into [`Plan::items`].
    pub item: usize,
    pub amount: Fen,
    pub full: Fen,
    pub basis: String,
    pub source_ref: String,
}

/// What a month owes that is not billed yet, and what the preview says about it.
#[derive(Debug, Default)]
pub(super) struct Plan {
    pub items: Vec<FeeItem>,
    pub lines: Vec<Planned>,
    pub already: u32,
    pub discounted: Vec<(UnitAddress, String)>,
    pub partial: Vec<(UnitAddress, String)>,
    pub warnings: Vec<String>,
}

struct UnitRow {
    id: UnitId,
    address: UnitAddress,
    area: i64,
    kind: UnitKind,
    start: NaiveDate,
    days: u32,
}

fn kind_index(k: UnitKind) -> usize {
    match k {
        UnitKind::Residence => 0,
        UnitKind::Shop => 1,
        UnitKind::Office => 2,
        UnitKind::Storage => 3,
    }
}

const KINDS: [UnitKind; 4] = [
    UnitKind::Residence,
    UnitKind::Shop,
    UnitKind::Office,
    UnitKind::Storage,
];

/// A meter's reading this month and the month before.
type ReadingPair = (Option<i64>, Option<i64>);

/// One meter's use in a month: each unit's (with both readings), each building's master.
#[derive(Default)]
struct Uses {
    units: HashMap<i64, i64>,
    /// Per building: the units' use summed.
    unit_sums: HashMap<u32, i64>,
    masters: HashMap<u32, i64>,
}

impl Store {
    /// Every billed unit of `month`, in address order, and how many 未售 units were left out.
    fn billed_units(&self, month: Month) -> Result<(Vec<UnitRow>, u32)> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT id, building, entrance, room, area_hundredths, kind, status, billing_from,
                    substr(recorded_at, 1, 10)
             FROM units ORDER BY building, entrance, room",
        )?;
        let mut rows = stmt.query([])?;
        let (mut out, mut unsold) = (Vec::new(), 0u32);
        while let Some(r) = rows.next()? {
            let (b, e, room): (u32, u32, u32) = (r.get(1)?, r.get(2)?, r.get(3)?);
            let kind: String = r.get(5)?;
            let status: String = r.get(6)?;
            let from: Option<String> = r.get(7)?;
            let start = match &from {
                Some(d) => parse_date(d)?,
                None if status == "unsold" => {
                    unsold += 1;
                    continue;
                }
                None => parse_date(&r.get::<_, String>(8)?)?,
            };
            let Some(days) = days_billed(start, month) else {
                continue;
            };
            out.push(UnitRow {
                id: UnitId(r.get(0)?),
                address: UnitAddress::new(b, e, room)
                    .map_err(|_| StoreError::Corrupt(format!("房号 {b}-{e}-{room}")))?,
                area: r.get(4)?,
                kind: UnitKind::from_code(&kind)
                    .ok_or_else(|| StoreError::Corrupt(format!("房屋类型 {kind}")))?,
                start,
                days,
            });
        }
        Ok((out, unsold))
    }

    /// The month's use of `meter` by every unit and master meter.
    fn uses(&self, meter: Meter, month: Month) -> Result<Uses> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT unit_id, building, month, reading FROM meter_readings
             WHERE meter = ?1 AND month IN (?2, ?3)",
        )?;
        let (now, before) = (month.code(), month.prev().code());
        let mut rows = stmt.query(params![meter.code(), now, before])?;
        // (unit or master) → (this month, the month before)
        let mut pairs: HashMap<(Option<i64>, u32), ReadingPair> = HashMap::new();
        while let Some(r) = rows.next()? {
            let key = (r.get::<_, Option<i64>>(0)?, r.get::<_, u32>(1)?);
            let m: String = r.get(2)?;
            let v: i64 = r.get(3)?;
            let slot = pairs.entry(key).or_default();
            if m == now {
                slot.0 = Some(v);
            } else {
                slot.1 = Some(v);
            }
        }
        let mut uses = Uses::default();
        for ((unit, building), pair) in pairs {
            let Some(used) = crate::domain::fees::utilities::use_of(pair.0, pair.1) else {
                continue;
            };
            match unit {
                Some(u) => {
                    uses.units.insert(u, used);
                    *uses.unit_sums.entry(building).or_default() += used;
                }
                None => {
                    uses.masters.insert(building, used);
                }
            }
        }
        Ok(uses)
    }

    /// The vacancy share of each unit with an approved vacancy period overlapping `month`
    /// (found in one query; the vacancy tab's rule asked only for those).
    fn vacancy_shares(&self, month: Month) -> Result<HashMap<i64, FeeShare>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT DISTINCT unit_id FROM vacancy_applications
             WHERE status IN ('approved', 'ended') AND period_from <= ?2
               AND coalesce(ended_on, period_to) >= ?1",
        )?;
        let units: Vec<UnitId> = stmt
            .query_map(
                params![date_text(month.first_day()), date_text(month.last_day())],
                |r| r.get(0).map(UnitId),
            )?
            .collect::<rusqlite::Result<_>>()?;
        Ok(self
            .vacancy_fee_shares(&units, month)?
            .into_iter()
            .map(|(u, share)| (u.0, share))
            .collect())
    }

    /// Works out every line `month` owes that is not billed yet.
    pub(super) fn billing_plan(&self, month: Month) -> Result<Plan> {
        let items: Vec<FeeItem> = items_in(self.conn())?
            .into_iter()
            .filter(|i| i.active && i.kind.monthly())
            .collect();
        let prices = prices_in(self.conn())?;
        let price: Vec<[Option<Fen>; 4]> = items
            .iter()
            .map(|i| KINDS.map(|k| price_for(&prices, i.id, k, month)))
            .collect();
        let (units, unsold) = self.billed_units(month)?;
        let code = month.code();

        // Lines already there (a run repeated adds only what is missing).
        let mut already = HashSet::new();
        {
            let mut stmt = self.conn().prepare_cached(
                "SELECT unit_id, item_id, source_ref FROM bill_lines
                 WHERE month = ?1 AND source = 'billing'",
            )?;
            let mut rows = stmt.query([&code])?;
            while let Some(r) = rows.next()? {
                already.insert((
                    r.get::<_, i64>(0)?,
                    r.get::<_, i64>(1)?,
                    r.get::<_, String>(2)?,
                ));
            }
        }

        let priced = |i: usize| price[i].iter().any(Option::is_some);
        let mut spaces: HashMap<i64, Vec<(String, NaiveDate)>> = HashMap::new();
        if items
            .iter()
            .enumerate()
            .any(|(i, it)| it.kind == FeeKind::PerSpace && priced(i))
        {
            let mut stmt = self.conn().prepare_cached(
                "SELECT unit_id, number, coalesce(from_date, substr(recorded_at, 1, 10))
                 FROM parking_spaces WHERE unit_id IS NOT NULL ORDER BY number",
            )?;
            let mut rows = stmt.query([])?;
            while let Some(r) = rows.next()? {
                let from: String = r.get(2)?;
                spaces
                    .entry(r.get(0)?)
                    .or_default()
                    .push((r.get(1)?, parse_date(&from)?));
            }
        }
        let mut uses: HashMap<Meter, Uses> = HashMap::new();
        for (i, it) in items.iter().enumerate() {
            if let Some(m) = it.meter
                && priced(i)
                && !uses.contains_key(&m)
            {
                uses.insert(m, self.uses(m, month)?);
            }
        }
        let vacancy = if items
            .iter()
            .enumerate()
            .any(|(i, it)| it.vacancy_discount && priced(i))
        {
            self.vacancy_shares(month)?
        } else {
            HashMap::new()
        };
        // Billed area per building, for the shared utilities.
        let mut area_of: HashMap<u32, i64> = HashMap::new();
        for u in &units {
            *area_of.entry(u.address.building).or_default() += u.area;
        }

        let mut plan = Plan {
            already: u32::try_from(already.len()).unwrap_or(u32::MAX),
            ..Plan::default()
        };
        let mut no_price: BTreeMap<(usize, usize), u32> = BTreeMap::new();
        let mut unread: BTreeMap<(usize, u32), u32> = BTreeMap::new();
        let mut pools: HashMap<(usize, u32), Option<i64>> = HashMap::new();
        let month_days = month.days();
        for u in &units {
            if u.days < month_days {
                plan.partial.push((
                    u.address,
                    format!("自{}计费", partial_text(u.start, u.days, month)),
                ));
            }
            for (i, item) in items.iter().enumerate() {
                let Some(p) = price[i][kind_index(u.kind)] else {
                    *no_price.entry((i, kind_index(u.kind))).or_default() += 1;
                    continue;
                };
                let vac = if item.vacancy_discount {
                    vacancy.get(&u.id.0)
                } else {
                    None
                };
                let share = vac.map_or(Share::FULL, |s| Share {
                    numerator: i64::from(s.numerator),
                    denominator: i64::from(s.denominator),
                });
                let add = |plan: &mut Plan,
                           basis: String,
                           source_ref: String,
                           quantity: i64,
                           per: i64,
                           days: u32,
                           start: NaiveDate| {
                    let key = (u.id.0, item.id.0, source_ref);
                    if already.contains(&key) {
                        return;
                    }
                    let Some((full, amount)) =
                        line_amount(p, quantity, per, days, month_days, share)
                    else {
                        plan.warnings.push(format!(
                            "{} {}：金额太大，未计，请核对",
                            u.address.short(),
                            item.name
                        ));
                        return;
                    };
                    if full.0 == 0 {
                        return;
                    }
                    let mut basis = basis;
                    if days < month_days {
                        basis.push('，');
                        basis.push_str(&partial_text(start, days, month));
                    }
                    if let Some(v) = vac {
                        let why = if v.is_full() {
                            "空置期视为入住按100%".to_string()
                        } else {
                            vacancy_text(v.reduced_days)
                        };
                        basis.push('，');
                        basis.push_str(&why);
                        plan.discounted
                            .push((u.address, format!("{} {why}", item.name)));
                    }
                    plan.lines.push(Planned {
                        unit: u.id,
                        item: i,
                        amount,
                        full,
                        basis,
                        source_ref: key.2,
                    });
                };
                match item.kind {
                    FeeKind::PerArea => add(
                        &mut plan,
                        area_basis(u.area, p),
                        String::new(),
                        u.area,
                        100,
                        u.days,
                        u.start,
                    ),
                    FeeKind::PerUnit => add(
                        &mut plan,
                        format!("每户每月 {p}"),
                        String::new(),
                        1,
                        1,
                        u.days,
                        u.start,
                    ),
                    FeeKind::PerSpace => {
                        for (number, from) in spaces.get(&u.id.0).into_iter().flatten() {
                            let start = (*from).max(u.start);
                            if let Some(days) = days_billed(start, month) {
                                add(&mut plan, number.clone(), number.clone(), 1, 1, days, start);
                            }
                        }
                    }
                    FeeKind::Metered => {
                        let Some(meter) = item.meter else { continue };
                        match uses.get(&meter).and_then(|m| m.units.get(&u.id.0)) {
                            Some(&used) => {
                                let basis = metered_basis(meter, used, p);
                                let per = meter.steps_per_unit();
                                add(
                                    &mut plan,
                                    basis,
                                    String::new(),
                                    used,
                                    per,
                                    month_days,
                                    u.start,
                                )
                            }
                            None => *unread.entry((i, u.address.building)).or_default() += 1,
                        }
                    }
                    FeeKind::Apportioned => {
                        let Some(meter) = item.meter else { continue };
                        let b = u.address.building;
                        let loss = *pools.entry((i, b)).or_insert_with(|| {
                            pool(&mut plan.warnings, item, meter, b, month, uses.get(&meter))
                        });
                        let (Some(loss), Some(&total)) = (loss, area_of.get(&b)) else {
                            continue;
                        };
                        let steps = share_steps(loss, u.area, total);
                        let basis = apportioned_basis(meter, steps, p);
                        let per = meter.steps_per_unit().saturating_mul(total);
                        add(
                            &mut plan,
                            basis,
                            String::new(),
                            loss.saturating_mul(u.area),
                            per,
                            u.days,
                            u.start,
                        )
                    }
                    FeeKind::OneOff => {}
                }
            }
        }
        for ((i, k), count) in no_price {
            let name = &items[i].name;
            if priced(i) {
                plan.warnings.push(format!(
                    "{name}：{} {month} 未设收费标准（{count}户未计）",
                    KINDS[k].label()
                ));
            } else if !plan
                .warnings
                .iter()
                .any(|w| w.starts_with(&format!("{name}：")))
            {
                plan.warnings.push(format!("{name}：{month} 未设收费标准"));
            }
        }
        for ((i, b), count) in unread {
            let item = &items[i];
            let meter = item.meter.map_or("", |m| m.label());
            plan.warnings.push(format!(
                "{b}号楼 {meter}表 {count}户未抄表（缺本月或上月读数），{}未计",
                item.name
            ));
        }
        if unsold > 0 {
            plan.warnings
                .push(format!("{unsold}户未售且未填计费起始日，未计费"));
        }
        plan.items = items;
        Ok(plan)
    }
}

/// A building's loss of `meter` to share this month, or `None` (with a warning) when there is
/// nothing to share: no master readings, or the units used more than the master counted.
fn pool(
    warnings: &mut Vec<String>,
    item: &FeeItem,
    meter: Meter,
    building: u32,
    month: Month,
    uses: Option<&Uses>,
) -> Option<i64> {
    let uses = uses?;
    let Some(&master) = uses.masters.get(&building) else {
        warnings.push(format!(
            "{building}号楼 总{}表 {month} 缺本月或上月读数，{}未计",
            meter.label(),
            item.name
        ));
        return None;
    };
    let units = uses.unit_sums.get(&building).copied().unwrap_or(0);
    let loss = loss_of(master, units).loss;
    if loss < 0 {
        warnings.push(format!(
            "{building}号楼 {}：各户用量合计比总表多 {}，未分摊，请核对读数",
            item.name,
            quantity_text(-loss, meter)
        ));
        return None;
    }
    (loss > 0).then_some(loss)
}
