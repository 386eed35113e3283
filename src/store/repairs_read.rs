//! Reading repair orders: one order in full, the open / overdue / searched lists, the day's
//! report, and the editable list of categories.

use chrono::{Duration, NaiveDate, NaiveDateTime};
use rusqlite::{Row, ToSql, params};

use super::{Result, Store, StoreError, parse_time, time_text};
use crate::domain::repair::report::ReportOrder;
use crate::domain::repair::{
    Callback, Channel, Charges, Confirmation, DEFAULT_CATEGORIES, DayReport, Event, Intake,
    Material, Nonconformity, OrderNumber, Overdue, Payment, Place, Qty, Rating, Receipt, RepairId,
    RepairKind, RepairOrder, RepairState, overdue,
};
use crate::domain::settings::Deadlines;
use crate::domain::staff::StaffId;
use crate::domain::unit::UnitId;
use crate::domain::{Fen, Mobile, SearchQuery, UnitAddress};

/// A repair order as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RepairRecord {
    /// Row id.
    pub id: RepairId,
    /// The order.
    pub order: RepairOrder,
}

/// One line of the repairs list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RepairSummary {
    /// Row id.
    pub id: RepairId,
    /// 维修单号.
    pub number: OrderNumber,
    /// 入户 or 公共.
    pub kind: RepairKind,
    /// `3-2-1502` or the public location.
    pub place: String,
    /// 类别.
    pub category: String,
    /// 报修内容.
    pub description: String,
    /// 状态.
    pub state: RepairState,
    /// 预约时间.
    pub appointment: NaiveDateTime,
    /// 维修人员.
    pub technician: String,
    /// The deadline missed at the time the list was read, if any.
    pub overdue: Option<Overdue>,
}

/// Which orders the list shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RepairFilter {
    /// Not closed or cancelled, most urgent deadline first.
    Open,
    /// Past a deadline now.
    Overdue,
    /// Everything, newest first.
    All,
    /// By number (`WX-202611-0001`, or a prefix such as `WX-202611`) or by room
    /// (`3-2-1502`, `1502`), newest first.
    Search(String),
}

/// One page of the list.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RepairPage {
    /// The rows.
    pub rows: Vec<RepairSummary>,
    /// How many orders match.
    pub total: i64,
    /// Zero-based page.
    pub page: usize,
    /// Rows per page.
    pub page_size: usize,
}

impl RepairPage {
    /// How many pages (at least one).
    pub fn pages(&self) -> usize {
        let size = self.page_size.max(1) as i64;
        ((self.total + size - 1) / size).max(1) as usize
    }
}

const OPEN_STATES: &str =
    "r.state IN ('pending', 'dispatched', 'on_site', 'in_review', 'completed', 'called_back')";

/// The SQL that matches orders overdue at the thresholds ?1 (arrival), ?2 (review), ?3
/// (callback): each branch a range on repairs_clock.
const OVERDUE_SQL: &str = "((r.state IN ('pending', 'dispatched') AND r.clock_at < ?1)
     OR (r.state = 'in_review' AND r.clock_at < ?2)
     OR (r.state = 'completed' AND r.clock_at < ?3))";

const SUMMARY_COLUMNS: &str = "r.id, r.number, r.unit_id, r.location, r.category, r.description,
     r.state, r.appointment_at, r.technician_name, r.clock_at, u.building, u.entrance, u.room";

fn thresholds(d: &Deadlines, now: NaiveDateTime) -> [String; 3] {
    let before = |m: u32| time_text(now - Duration::minutes(i64::from(m)));
    [
        before(d.repair_arrival_min),
        before(d.repair_review_min),
        before(d.repair_callback_min),
    ]
}

fn corrupt(what: &str, v: &str) -> StoreError {
    StoreError::Corrupt(format!("{what} “{v}”"))
}

fn number(text: &str) -> Result<OrderNumber> {
    OrderNumber::parse(text).ok_or_else(|| corrupt("维修单号", text))
}

fn state(text: &str) -> Result<RepairState> {
    RepairState::from_code(text).ok_or_else(|| corrupt("维修单状态", text))
}

/// A stored code read back through `from`, or a corrupt-data error naming `what`.
fn code<T>(v: Option<String>, from: fn(&str) -> Option<T>, what: &str) -> Result<Option<T>> {
    v.map(|c| from(&c).ok_or_else(|| corrupt(what, &c)))
        .transpose()
}

fn opt_time(text: Option<String>) -> Result<Option<NaiveDateTime>> {
    text.as_deref().map(parse_time).transpose()
}

fn address(row: &Row<'_>) -> rusqlite::Result<Option<(u32, u32, u32)>> {
    let b: Option<u32> = row.get("building")?;
    let e: Option<u32> = row.get("entrance")?;
    let r: Option<u32> = row.get("room")?;
    Ok(b.zip(e).zip(r).map(|((b, e), r)| (b, e, r)))
}

fn place_short(address: Option<(u32, u32, u32)>, location: String) -> (RepairKind, String) {
    match address.and_then(|(b, e, r)| UnitAddress::new(b, e, r).ok()) {
        Some(a) => (RepairKind::InHome, a.short()),
        None => (RepairKind::Public, location),
    }
}

/// The WHERE clause and parameters of a search text: a number (or its prefix) or a room.
fn search_filter(text: &str) -> (String, Vec<Box<dyn ToSql>>) {
    let t = text.trim();
    if let Some(n) = OrderNumber::parse(t) {
        return ("r.number = ?".into(), vec![Box::new(n.to_string())]);
    }
    let upper = crate::domain::normalize_digits(t).to_ascii_uppercase();
    if upper.starts_with("WX") {
        // A prefix as typed so far: a range on the unique index, never a LIKE scan.
        let prefix = if upper.starts_with("WX-") {
            upper
        } else {
            format!("WX-{}", upper[2..].trim_start_matches('-'))
        };
        let end = format!("{prefix}\u{10FFFF}");
        return (
            "r.number >= ? AND r.number < ?".into(),
            vec![Box::new(prefix), Box::new(end)],
        );
    }
    let units = |sql: &str, p: Vec<Box<dyn ToSql>>| {
        (
            format!("r.unit_id IN (SELECT id FROM units WHERE {sql})"),
            p,
        )
    };
    match SearchQuery::parse(t) {
        SearchQuery::Address {
            building,
            entrance,
            room,
        } => {
            let mut sql = "building = ?".to_string();
            let mut p: Vec<Box<dyn ToSql>> = vec![Box::new(building)];
            if let Some(e) = entrance {
                sql.push_str(" AND entrance = ?");
                p.push(Box::new(e));
            }
            if let Some(r) = room {
                sql.push_str(" AND room = ?");
                p.push(Box::new(r));
            }
            units(&sql, p)
        }
        SearchQuery::Room(r) | SearchQuery::RoomOrPhoneTail(r, _) => {
            units("room = ?", vec![Box::new(r)])
        }
        SearchQuery::All => ("1".into(), vec![]),
        // Anything else: the reporter's name or the public location.
        _ => (
            "(instr(r.reporter, ?1) > 0 OR instr(r.location, ?1) > 0)".into(),
            vec![Box::new(t.to_string())],
        ),
    }
}

impl Store {
    /// One order in full, with its materials and history.
    pub fn repair(&self, id: RepairId) -> Result<RepairRecord> {
        let row = super::optional(self.conn().query_row(
            "SELECT r.*, u.building, u.entrance, u.room FROM repairs r
             LEFT JOIN units u ON u.id = r.unit_id WHERE r.id = ?1",
            [id.0],
            order_from_row,
        ))?;
        let mut order = super::found(row, || "找不到这张维修单，可能已被删除".to_string())??;
        order.charges.materials = self.materials(id)?;
        order.events = self.events(id)?;
        Ok(RepairRecord { id, order })
    }

    /// The order with this number, if any.
    pub fn repair_by_number(&self, number: &OrderNumber) -> Result<Option<RepairRecord>> {
        let id: Option<i64> = super::optional(self.conn().query_row(
            "SELECT id FROM repairs WHERE number = ?1",
            [number.to_string()],
            |r| r.get(0),
        ))?;
        id.map(|id| self.repair(RepairId(id))).transpose()
    }

    fn materials(&self, id: RepairId) -> Result<Vec<Material>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT name, spec, model, qty_hundredths, unit, price_fen FROM repair_materials
             WHERE repair_id = ?1 ORDER BY line",
        )?;
        let rows = stmt.query_map([id.0], |r| {
            Ok(Material {
                name: r.get(0)?,
                spec: r.get(1)?,
                model: r.get(2)?,
                qty: Qty(r.get(3)?),
                unit: r.get(4)?,
                price: Fen(r.get(5)?),
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    fn events(&self, id: RepairId) -> Result<Vec<Event>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT state, at, by_name, note FROM repair_events WHERE repair_id = ?1 ORDER BY id",
        )?;
        let rows = stmt.query_map([id.0], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get(2)?,
                r.get(3)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (s, at, by_name, note) = row?;
            out.push(Event {
                state: state(&s)?,
                at: parse_time(&at)?,
                by_name,
                note,
            });
        }
        Ok(out)
    }

    /// One page of the list; `now` and the deadlines decide what is overdue.
    pub fn repair_list(
        &self,
        filter: &RepairFilter,
        d: &Deadlines,
        now: NaiveDateTime,
        page: usize,
        page_size: usize,
    ) -> Result<RepairPage> {
        let page_size = page_size.clamp(1, 500);
        let th = thresholds(d, now);
        let (where_sql, params, order): (String, Vec<Box<dyn ToSql>>, &str) = match filter {
            RepairFilter::Open => (
                OPEN_STATES.into(),
                vec![],
                "r.clock_at IS NULL, r.clock_at, r.id",
            ),
            RepairFilter::Overdue => (
                OVERDUE_SQL.into(),
                th.iter()
                    .map(|t| Box::new(t.clone()) as Box<dyn ToSql>)
                    .collect(),
                "r.clock_at, r.id",
            ),
            RepairFilter::All => ("1".into(), vec![], "r.recorded_at DESC, r.id DESC"),
            RepairFilter::Search(text) => {
                let (w, p) = search_filter(text);
                (w, p, "r.recorded_at DESC, r.id DESC")
            }
        };
        let refs: Vec<&dyn ToSql> = params.iter().map(|p| p.as_ref()).collect();
        let total: i64 = self
            .conn()
            .prepare_cached(&format!("SELECT count(*) FROM repairs r WHERE {where_sql}"))?
            .query_row(refs.as_slice(), |r| r.get(0))?;
        let sql = format!(
            "SELECT {SUMMARY_COLUMNS} FROM repairs r LEFT JOIN units u ON u.id = r.unit_id
             WHERE {where_sql} ORDER BY {order} LIMIT {page_size} OFFSET {}",
            page.saturating_mul(page_size)
        );
        let mut stmt = self.conn().prepare_cached(&sql)?;
        let rows = stmt.query_map(refs.as_slice(), |r| {
            Ok((
                r.get::<_, i64>("id")?,
                r.get::<_, String>("number")?,
                address(r)?,
                r.get::<_, String>("location")?,
                r.get::<_, String>("category")?,
                r.get::<_, String>("description")?,
                r.get::<_, String>("state")?,
                r.get::<_, String>("appointment_at")?,
                r.get::<_, String>("technician_name")?,
                r.get::<_, Option<String>>("clock_at")?,
            ))
        })?;
        let mut out = Vec::with_capacity(page_size);
        for row in rows {
            let (id, num, addr, location, category, description, st, appt, technician, clock) =
                row?;
            let st = state(&st)?;
            let (kind, place) = place_short(addr, location);
            out.push(RepairSummary {
                id: RepairId(id),
                number: number(&num)?,
                kind,
                place,
                category,
                description,
                state: st,
                appointment: parse_time(&appt)?,
                technician,
                overdue: overdue(st, opt_time(clock)?, d, now),
            });
        }
        Ok(RepairPage {
            rows: out,
            total,
            page,
            page_size,
        })
    }

    /// How many orders are past a deadline at `now` (the tab's label shows it).
    pub fn overdue_repair_count(&self, d: &Deadlines, now: NaiveDateTime) -> Result<i64> {
        let th = thresholds(d, now);
        Ok(self
            .conn()
            .prepare_cached(&format!(
                "SELECT count(*) FROM repairs r WHERE {OVERDUE_SQL}"
            ))?
            .query_row(params![th[0], th[1], th[2]], |r| r.get(0))?)
    }

    /// 客服中心日报表 for `date`, as of the end of the day or `now`.
    ///
    /// Reads the orders taken in the 60 days up to the day plus every order still open, so an
    /// order that stayed open longer than that and has since been finished is not counted in
    /// an old day's open figure.
    pub fn repair_day_report(
        &self,
        date: NaiveDate,
        d: &Deadlines,
        now: NaiveDateTime,
    ) -> Result<DayReport> {
        let start = date.and_time(chrono::NaiveTime::MIN);
        let end = time_text(start + Duration::days(1) - Duration::seconds(1));
        let from = time_text(start - Duration::days(60));
        let cols = "r.number, r.unit_id, r.location, r.category, r.state, r.recorded_at,
             r.appointment_at, r.arrived_at, r.review_at, r.completed_at, r.callback_at,
             r.cancelled_at, r.rating, u.building, u.entrance, u.room";
        let sql = format!(
            "SELECT {cols} FROM repairs r LEFT JOIN units u ON u.id = r.unit_id
              WHERE r.recorded_at BETWEEN ?1 AND ?2
             UNION
             SELECT {cols} FROM repairs r LEFT JOIN units u ON u.id = r.unit_id
              WHERE {OPEN_STATES} AND r.recorded_at < ?1"
        );
        let mut stmt = self.conn().prepare_cached(&sql)?;
        let rows = stmt.query_map(params![from, end], |r| {
            let t = |c: &str| r.get::<_, Option<String>>(c);
            Ok((
                (
                    r.get::<_, String>("number")?,
                    address(r)?,
                    r.get::<_, String>("location")?,
                    r.get::<_, String>("category")?,
                    r.get::<_, String>("state")?,
                ),
                [
                    t("recorded_at")?,
                    t("appointment_at")?,
                    t("arrived_at")?,
                    t("review_at")?,
                    t("completed_at")?,
                    t("callback_at")?,
                    t("cancelled_at")?,
                ],
                t("rating")?,
            ))
        })?;
        let mut orders = Vec::new();
        for row in rows {
            let ((num, addr, location, category, st), times, rating) = row?;
            let [
                received,
                appt,
                arrived,
                review,
                completed,
                callback,
                cancelled,
            ] = times.map(opt_time);
            let (kind, place) = place_short(addr, location);
            let need = |t: Option<NaiveDateTime>| t.ok_or_else(|| corrupt("维修单时间", &num));
            orders.push(ReportOrder {
                number: number(&num)?,
                kind,
                place,
                category,
                state: state(&st)?,
                received_at: need(received?)?,
                appointment: need(appt?)?,
                arrived_at: arrived?,
                review_at: review?,
                completed_at: completed?,
                callback_at: callback?,
                cancelled_at: cancelled?,
                rating: rating
                    .map(|r| Rating::from_code(&r).ok_or_else(|| corrupt("满意度", &r)))
                    .transpose()?,
            });
        }
        Ok(DayReport::build(date, orders, d, now))
    }

    /// The repair categories the desk offers (editable; the procedure's six by default).
    pub fn repair_categories(&self) -> Result<Vec<String>> {
        let saved: Option<String> = super::optional(self.conn().query_row(
            "SELECT value FROM settings WHERE key = 'repair.categories'",
            [],
            |r| r.get(0),
        ))?;
        let list: Vec<String> = saved
            .unwrap_or_default()
            .lines()
            .map(|l| l.trim().to_string())
            .filter(|l| !l.is_empty())
            .collect();
        Ok(if list.is_empty() {
            DEFAULT_CATEGORIES.iter().map(|c| c.to_string()).collect()
        } else {
            list
        })
    }

    /// Saves the category list (one transaction); blank entries are dropped.
    pub fn save_repair_categories(&mut self, categories: &[String]) -> Result<()> {
        let text: Vec<&str> = categories
            .iter()
            .map(|c| c.trim())
            .filter(|c| !c.is_empty())
            .collect();
        let tx = self.conn.transaction()?;
        tx.execute(
            "INSERT INTO settings (key, value) VALUES ('repair.categories', ?1)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            [text.join("\n")],
        )?;
        tx.commit()?;
        Ok(())
    }
}

/// Reads an order (without materials and events) from `SELECT r.*, u.building, …`.
fn order_from_row(r: &Row<'_>) -> rusqlite::Result<Result<RepairOrder>> {
    let s = |c: &str| r.get::<_, String>(c);
    let t = |c: &str| r.get::<_, Option<String>>(c);
    let raw_number = s("number")?;
    let addr = address(r)?;
    let unit_id: Option<i64> = r.get("unit_id")?;
    let officer: Option<i64> = r.get("officer_id")?;
    let (location, officer_name) = (s("location")?, s("officer_name")?);
    let phone: Option<String> = r.get("phone")?;
    let (channel, st) = (s("channel")?, s("state")?);
    let tech_id: Option<i64> = r.get("technician_id")?;
    let tech_name = s("technician_name")?;
    let (payment, receipt, rating) = (t("payment")?, t("receipt")?, t("rating")?);
    let nc = [s("nc_department")?, s("nc_problem")?, s("nc_correction")?];
    let callback_note = s("callback_note")?;
    let times = [
        t("appointment_at")?,
        t("recorded_at")?,
        t("dispatched_at")?,
        t("arrived_at")?,
        t("review_at")?,
        t("completed_at")?,
        t("callback_at")?,
        t("closed_at")?,
        t("cancelled_at")?,
        t("rated_at")?,
    ];
    let texts = [
        s("reporter")?,
        s("category")?,
        s("description")?,
        s("quote")?,
        s("recorded_by_name")?,
        s("callback_by")?,
        s("cancel_reason")?,
        s("work_done")?,
        s("rating_comment")?,
        s("rated_by")?,
    ];
    let (chargeable, quote_fen, labour): (bool, i64, i64) = (
        r.get("chargeable")?,
        r.get("quote_fen")?,
        r.get("labour_fen")?,
    );
    Ok((|| {
        let [
            appt,
            received,
            dispatched,
            arrived,
            review,
            completed,
            callback_at,
            closed,
            cancelled,
            rated_at,
        ] = times.map(opt_time);
        let [
            reporter,
            category,
            description,
            quote,
            received_by,
            callback_by,
            cancel_reason,
            work_done,
            comment,
            rated_by,
        ] = texts;
        let need = |t: Option<NaiveDateTime>| t.ok_or_else(|| corrupt("维修单时间", &raw_number));
        let place = match (unit_id, addr, officer) {
            (Some(id), Some((b, e, rm)), _) => Place::Unit {
                id: UnitId(id),
                address: UnitAddress::new(b, e, rm)
                    .map_err(|_| corrupt("房号", &format!("{b}-{e}-{rm}")))?,
            },
            (None, _, Some(o)) => Place::Public {
                location,
                officer: StaffId(o),
                officer_name,
            },
            _ => return Err(corrupt("维修位置", &raw_number)),
        };
        let rating: Option<Rating> = code(rating, Rating::from_code, "满意度")?;
        let rated_at = rated_at?;
        let callback_at = callback_at?;
        let [department, problem, correction] = nc;
        let nonconformity =
            (!department.is_empty() || !problem.is_empty()).then_some(Nonconformity {
                department,
                problem,
                correction,
            });
        Ok(RepairOrder {
            number: number(&raw_number)?,
            intake: Intake {
                place,
                reporter,
                phone: phone
                    .map(|p| Mobile::parse(&p).map_err(|_| corrupt("电话", &p)))
                    .transpose()?,
                channel: Channel::from_code(&channel)
                    .ok_or_else(|| corrupt("报修方式", &channel))?,
                category,
                description,
                appointment: need(appt?)?,
                chargeable,
                quote,
                quote_amount: Fen(quote_fen),
            },
            received_at: need(received?)?,
            received_by,
            state: state(&st)?,
            technician: tech_id.map(|id| (StaffId(id), tech_name)),
            dispatched_at: dispatched?,
            arrived_at: arrived?,
            review_at: review?,
            completed_at: completed?,
            callback_at,
            callback_by,
            closed_at: closed?,
            cancelled_at: cancelled?,
            cancel_reason,
            work_done,
            charges: Charges {
                materials: Vec::new(),
                labour: Fen(labour),
                payment: code(payment, Payment::from_code, "付款方式")?,
                receipt: code(receipt, Receipt::from_code, "票据")?,
            },
            confirmation: match (rating, rated_at) {
                (Some(rating), Some(at)) => Some(Confirmation {
                    rating,
                    comment,
                    by: rated_by,
                    at,
                }),
                _ => None,
            },
            callback: callback_at.map(|_| Callback {
                note: callback_note,
                nonconformity,
            }),
            events: Vec::new(),
        })
    })())
}
