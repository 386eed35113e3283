//! The list of matters and its search, and the open clocks for the tab's label and for 今日.

use chrono::NaiveDateTime;
use rusqlite::{Connection, Row, ToSql};

use super::row::{code, corrupt, opt_time};
use super::search::{Search, Source, search};
use crate::domain::feedback::{
    Category, Channel, Due, FeedbackId, FeedbackNumber, FeedbackState, FeedbackTimes, Severity,
    WorkOrderNumber, dues, running,
};
use crate::domain::settings::Deadlines;
use crate::domain::{Month, UnitAddress};
use crate::store::{Result, Store, parse_time};

/// One line of the list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedbackSummary {
    /// Row id.
    pub id: FeedbackId,
    /// 编号.
    pub number: FeedbackNumber,
    /// 受理时间.
    pub received_at: NaiveDateTime,
    /// 来源.
    pub channel: Channel,
    /// 分类.
    pub category: Category,
    /// 一般 / 重大.
    pub severity: Severity,
    /// 状态.
    pub state: FeedbackState,
    /// 反映人.
    pub name: String,
    /// `3-2-1502`, the public place, or empty.
    pub place: String,
    /// The first 40 characters of the content.
    pub content: String,
    /// 发往部门.
    pub department: String,
    /// 处理人.
    pub handler: String,
    /// The latest 工作联系单.
    pub work_order: Option<WorkOrderNumber>,
    /// The times the clocks read.
    pub times: FeedbackTimes,
}

impl FeedbackSummary {
    /// The procedure's clocks on it.
    pub fn dues(&self, d: &Deadlines) -> Vec<Due> {
        dues(&self.times, d)
    }

    /// The unmet clock due first.
    pub fn running(&self, d: &Deadlines) -> Option<Due> {
        running(&self.times, d)
    }

    /// Past one of its clocks at `now`.
    pub fn overdue(&self, d: &Deadlines, now: NaiveDateTime) -> bool {
        self.dues(d).iter().any(|due| due.overdue(now))
    }
}

/// Which matters the list shows; everything empty lists all, newest first.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FeedbackFilter {
    /// A number (`FK-202611-0001`, `GZ-…`, or a prefix), a room (`3-2-1502`, `1502`), or words
    /// of the name, content, place or department.
    pub text: String,
    /// One state.
    pub state: Option<FeedbackState>,
    /// Not closed.
    pub open_only: bool,
    /// One category.
    pub category: Option<Category>,
    /// Received in this month.
    pub month: Option<Month>,
}

/// The list's columns, read by position in [`raw_summary`]: keep the two in step.
const SUMMARY_COLUMNS: &str = "f.id, f.number, f.received_at, f.channel, f.category, f.severity,
     f.state, f.name, f.location, substr(f.content, 1, 40) AS content, f.department,
     f.handler_name, f.work_order, f.dispatched_at, f.reply_limit_min, f.replied_at,
     f.needs_superior, f.escalated_at, f.answered_at, f.closed_at, f.reopened_at,
     u.building, u.entrance, u.room";

/// The raw columns of a summary, read inside rusqlite's row closure.
type RawSummary = (
    i64,
    [String; 8],
    [Option<String>; 11],
    Option<u32>,
    bool,
    Option<(u32, u32, u32)>,
);

fn address(r: &Row<'_>) -> rusqlite::Result<Option<(u32, u32, u32)>> {
    let b: Option<u32> = r.get(21)?;
    let e: Option<u32> = r.get(22)?;
    let room: Option<u32> = r.get(23)?;
    Ok(b.zip(e).zip(room).map(|((b, e), room)| (b, e, room)))
}

/// Reads [`SUMMARY_COLUMNS`] by position: they lead every select that uses them, and a lookup
/// by name scans the statement's columns for each of the 24 values of each row.
fn raw_summary(r: &Row<'_>) -> rusqlite::Result<RawSummary> {
    let s = |c: usize| r.get::<_, String>(c);
    let t = |c: usize| r.get::<_, Option<String>>(c);
    Ok((
        r.get(0)?,
        [s(1)?, s(2)?, s(3)?, s(4)?, s(5)?, s(6)?, s(7)?, s(8)?],
        [
            t(9)?,
            t(10)?,
            t(11)?,
            t(12)?,
            t(13)?,
            t(15)?,
            t(17)?,
            t(18)?,
            t(19)?,
            t(20)?,
            None,
        ],
        r.get(14)?,
        r.get(16)?,
        address(r)?,
    ))
}

fn summary(raw: RawSummary) -> Result<FeedbackSummary> {
    let (id, texts, opts, limit, needs_superior, addr) = raw;
    let [
        number,
        received,
        channel,
        category,
        severity,
        state,
        name,
        location,
    ] = texts;
    let [
        content,
        department,
        handler,
        work_order,
        dispatched,
        replied,
        escalated,
        answered,
        closed,
        reopened,
        _,
    ] = opts;
    let severity = code(&severity, Severity::from_code, "严重程度")?;
    let received_at = parse_time(&received)?;
    let place = match addr.and_then(|(b, e, r)| UnitAddress::new(b, e, r).ok()) {
        Some(a) => a.short(),
        None => location,
    };
    Ok(FeedbackSummary {
        id: FeedbackId(id),
        number: FeedbackNumber::parse(&number).ok_or_else(|| corrupt("反馈编号", &number))?,
        received_at,
        channel: code(&channel, Channel::from_code, "反馈来源")?,
        category: code(&category, Category::from_code, "反馈分类")?,
        severity,
        state: code(&state, FeedbackState::from_code, "反馈状态")?,
        name,
        place,
        content: content.unwrap_or_default(),
        department: department.unwrap_or_default(),
        handler: handler.unwrap_or_default(),
        work_order: work_order.as_deref().and_then(WorkOrderNumber::parse),
        times: FeedbackTimes {
            received_at,
            severity,
            dispatched_at: opt_time(dispatched)?,
            reply_limit_min: limit,
            replied_at: opt_time(replied)?,
            needs_superior,
            escalated_at: opt_time(escalated)?,
            answered_at: opt_time(answered)?,
            closed_at: opt_time(closed)?,
            reopened_at: opt_time(reopened)?,
        },
    })
}

/// The list's SQL for `filter`, with its parameters in order.
fn list_query(
    conn: &Connection,
    filter: &FeedbackFilter,
    limit: usize,
) -> Result<(String, Vec<Box<dyn ToSql>>)> {
    let Search {
        source,
        clause,
        mut params,
    } = search(conn, &filter.text)?;
    // The words search walks one pair's rows in feedback_grams newest first; its (received_at,
    // feedback_id) is the list's order, so the walk stops at the page. A one-character search
    // walks feedback_search (received_at, id, search_text) and matches on the index alone,
    // reading only the hits (named: SQLite prefers the narrower date index and reads every row).
    let (from, at, id) = match source {
        Source::Table => ("feedback f", "f.received_at", "f.id"),
        Source::Scan => (
            "feedback f INDEXED BY feedback_search",
            "f.received_at",
            "f.id",
        ),
        Source::Grams => (
            "feedback_grams g CROSS JOIN feedback f ON f.id = g.feedback_id",
            "g.received_at",
            "g.feedback_id",
        ),
    };
    let mut clauses = vec![clause];
    if let Some(s) = filter.state {
        clauses.push("f.state = ?".into());
        params.push(Box::new(s.code()));
    } else if filter.open_only {
        clauses.push(OPEN.into());
    }
    if let Some(c) = filter.category {
        clauses.push("f.category = ?".into());
        params.push(Box::new(c.code()));
    }
    if let Some(m) = filter.month {
        clauses.push(format!("{at} >= ? AND {at} < ?"));
        params.push(Box::new(format!("{} 00:00:00", m.first_day())));
        params.push(Box::new(format!("{} 00:00:00", m.next().first_day())));
    }
    // Every clause uses plain `?`, so they join in order.
    let sql_where = clauses.join(" AND ");
    let sql = format!(
        "SELECT {SUMMARY_COLUMNS} FROM {from} LEFT JOIN units u ON u.id = f.unit_id
         WHERE {sql_where} ORDER BY {at} DESC, {id} DESC LIMIT {}",
        limit.clamp(1, 5000)
    );
    Ok((sql, params))
}

/// `sql` with `params` written in as literals, as the sqlite3 shell would run it.
fn with_literals(sql: &str, params: &[Box<dyn ToSql>]) -> String {
    use rusqlite::types::{ToSqlOutput, Value, ValueRef};
    let mut out = String::with_capacity(sql.len());
    let mut params = params.iter();
    for (i, part) in sql.split('?').enumerate() {
        if i > 0 {
            let literal = match params.next().map(|p| p.to_sql()) {
                Some(Ok(ToSqlOutput::Owned(Value::Integer(n))))
                | Some(Ok(ToSqlOutput::Borrowed(ValueRef::Integer(n)))) => n.to_string(),
                Some(Ok(ToSqlOutput::Owned(Value::Text(t)))) => {
                    format!("'{}'", t.replace('\'', "''"))
                }
                Some(Ok(ToSqlOutput::Borrowed(ValueRef::Text(t)))) => {
                    format!("'{}'", String::from_utf8_lossy(t).replace('\'', "''"))
                }
                _ => "NULL".to_string(),
            };
            out.push_str(&literal);
        }
        out.push_str(part);
    }
    out
}

/// The open states, as SQL on the state index.
const OPEN: &str = "f.state IN ('received', 'dispatched', 'replied', 'answered')";

impl Store {
    /// The list's SQL for `filter` with its parameters written in, as the sqlite3 shell would
    /// run it: the benchmark times the shell on the very statement the tab runs.
    pub fn feedback_sql_for_shell(&self, filter: &FeedbackFilter, limit: usize) -> Result<String> {
        let (sql, params) = list_query(self.conn(), filter, limit)?;
        Ok(with_literals(&sql, &params))
    }

    /// The list, newest first, at most `limit` lines.
    pub fn feedback_list(
        &self,
        filter: &FeedbackFilter,
        limit: usize,
    ) -> Result<Vec<FeedbackSummary>> {
        let (sql, params) = list_query(self.conn(), filter, limit)?;
        let refs: Vec<&dyn ToSql> = params.iter().map(|p| p.as_ref()).collect();
        let mut stmt = self.conn().prepare_cached(&sql)?;
        let rows = stmt.query_map(refs.as_slice(), raw_summary)?;
        let mut out = Vec::new();
        for row in rows {
            out.push(summary(row?)?);
        }
        Ok(out)
    }

    /// Every open matter, oldest first (few: the rest are closed).
    fn open_feedback(&self) -> Result<Vec<FeedbackSummary>> {
        let sql = format!(
            "SELECT {SUMMARY_COLUMNS} FROM feedback f LEFT JOIN units u ON u.id = f.unit_id
             WHERE {OPEN} ORDER BY f.received_at, f.id"
        );
        let mut stmt = self.conn().prepare_cached(&sql)?;
        let rows = stmt.query_map([], raw_summary)?;
        let mut out = Vec::new();
        for row in rows {
            out.push(summary(row?)?);
        }
        Ok(out)
    }

    /// How many open matters are past one of their clocks at `now` (the tab's label).
    pub fn overdue_feedback_count(&self, d: &Deadlines, now: NaiveDateTime) -> Result<i64> {
        Ok(self
            .open_feedback()?
            .iter()
            .filter(|f| f.overdue(d, now))
            .count() as i64)
    }

    /// Every unmet clock of every open matter, soonest due first (late ones first of all): what
    /// 今日 lists.
    pub fn open_feedback_dues(
        &self,
        d: &Deadlines,
        _now: NaiveDateTime,
    ) -> Result<Vec<(FeedbackSummary, Due)>> {
        let mut out: Vec<(FeedbackSummary, Due)> = Vec::new();
        for f in self.open_feedback()? {
            for due in f.dues(d).into_iter().filter(|due| due.done_at.is_none()) {
                out.push((f.clone(), due));
            }
        }
        out.sort_by_key(|(f, due)| (due.due_at, f.id));
        Ok(out)
    }
}
