//! The list's search box as SQL: a number, a unit or room, a phone's tail, or words found
//! through the two-character pairs of `feedback_grams` (migration 21), walked from the rarest
//! pair.

use rusqlite::{Connection, ToSql};

use crate::domain::SearchQuery;
use crate::domain::feedback::{FeedbackNumber, WorkOrderNumber};
use crate::store::search::units_named;
use crate::store::{Result, Store};

/// Where the list's rows come from, and so which columns give its order.
pub(super) enum Source {
    /// `feedback f` itself, on whichever index the filter picks.
    Table,
    /// The rows of one pair in `feedback_grams g`, newest first: the words search.
    Grams,
    /// `feedback f INDEXED BY feedback_search`, newest first, testing every row's text: a
    /// one-character search, which has no pair to look up.
    Scan,
}

/// A search's WHERE clause with its parameters, and where its rows come from.
pub(super) struct Search {
    pub source: Source,
    pub clause: String,
    pub params: Vec<Box<dyn ToSql>>,
}

impl Search {
    fn table(clause: &str, params: Vec<Box<dyn ToSql>>) -> Search {
        Search {
            source: Source::Table,
            clause: clause.to_string(),
            params,
        }
    }
}

/// Beyond this many rows a pair counts as common: counting on would cost more than it tells.
const COMMON: i64 = 1000;

/// How many pairs a search tests on the pair index before reading a row: the rarest is
/// walked, the next ones are looked up for each of its rows. More pairs rarely prune more,
/// and each adds a lookup per row and a statement shape to the cache.
const PAIRS_TESTED: usize = 4;

/// The distinct two-character pairs of `text`, in order of first appearance: what
/// `feedback_grams` holds for a matter's text, so a text containing `text` holds every one.
pub(super) fn pairs(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut out: Vec<String> = Vec::new();
    for w in chars.windows(2) {
        let pair: String = w.iter().collect();
        if !out.contains(&pair) {
            out.push(pair);
        }
    }
    out
}

/// The WHERE clause of a search text, with its parameters.
pub(super) fn search(conn: &Connection, text: &str) -> Result<Search> {
    let t = text.trim();
    if let Some(n) = FeedbackNumber::parse(t) {
        return Ok(Search::table("f.number = ?", vec![Box::new(n.to_string())]));
    }
    if let Some(n) = WorkOrderNumber::parse(t).filter(|_| t.to_ascii_uppercase().starts_with("GZ"))
    {
        return Ok(Search::table(
            "f.id IN (SELECT feedback_id FROM work_orders WHERE number = ?)",
            vec![Box::new(n.to_string())],
        ));
    }
    let upper = crate::domain::normalize_digits(t).to_ascii_uppercase();
    for prefix in ["FK", "GZ"] {
        if let Some(rest) = upper.strip_prefix(prefix) {
            // A prefix as typed so far: a range on the unique index, never a LIKE scan.
            let from = format!("{prefix}-{}", rest.trim_start_matches('-'));
            let to = format!("{from}\u{10FFFF}");
            // A prefix shorter than a month (FK-2026) matches most rows: walking the list's
            // date index newest first finds the page sooner than sorting every match.
            let digits = rest.chars().filter(char::is_ascii_digit).count();
            let sql = if prefix == "FK" && digits < 6 {
                "+f.number >= ? AND +f.number < ?"
            } else if prefix == "FK" {
                "f.number >= ? AND f.number < ?"
            } else {
                "f.id IN (SELECT feedback_id FROM work_orders WHERE number >= ? AND number < ?)"
            };
            return Ok(Search::table(sql, vec![Box::new(from), Box::new(to)]));
        }
    }
    let query = SearchQuery::parse(t);
    if let Some((clause, params)) = units_named("f.unit_id", &query) {
        return Ok(Search {
            source: Source::Table,
            clause,
            params,
        });
    }
    Ok(match query {
        SearchQuery::All => Search::table("1", vec![]),
        SearchQuery::RoomOrPhoneTail(r, tail) => Search::table(
            "(f.unit_id IN (SELECT id FROM units WHERE room = ?) OR substr(f.phone, 8) = ?)",
            vec![Box::new(r), Box::new(tail)],
        ),
        // 5 to 11 digits, or a mobile however it is written: the phones that end so (a phone is
        // always 11 digits here). The last four are looked up on the tail's index first.
        SearchQuery::PhoneTail(tail) => {
            let last4: String = tail
                .chars()
                .skip(tail.chars().count().saturating_sub(4))
                .collect();
            Search::table(
                "substr(f.phone, 8) = ? AND f.phone LIKE '%' || ?",
                vec![Box::new(last4), Box::new(tail)],
            )
        }
        // Name, content, place, department and handler: search_text holds them, a line each.
        _ => words(conn, t)?,
    })
}

/// A words search: the rows of the query's rarest pair, newest first, kept when the next rarest
/// pairs are there too (looked up on the pair index, no row read) and the text holds the
/// query. A one-character query has no pair: it tests every row's text on the list's index.
fn words(conn: &Connection, t: &str) -> Result<Search> {
    let text_match = "instr(f.search_text, ?) > 0";
    let mut ranked = Vec::new();
    for pair in pairs(t) {
        let n: i64 = conn
            .prepare_cached(
                "SELECT count(*) FROM (SELECT 1 FROM feedback_grams WHERE gram = ? LIMIT ?)",
            )?
            .query_row(rusqlite::params![pair, COMMON], |r| r.get(0))?;
        ranked.push((n, pair));
        if n == 0 {
            // A pair no matter has: nothing can match, and the walk below finds that at once.
            break;
        }
    }
    ranked.sort_by_key(|(n, _)| *n);
    let mut tested = ranked.into_iter().map(|(_, pair)| pair).take(PAIRS_TESTED);
    let Some(rarest) = tested.next() else {
        return Ok(Search {
            source: Source::Scan,
            clause: text_match.to_string(),
            params: vec![Box::new(t.to_string())],
        });
    };
    let mut clause = "g.gram = ?".to_string();
    let mut params: Vec<Box<dyn ToSql>> = vec![Box::new(rarest)];
    for pair in tested {
        clause.push_str(
            " AND EXISTS (SELECT 1 FROM feedback_grams h WHERE h.gram = ? \
             AND h.received_at = g.received_at AND h.feedback_id = g.feedback_id)",
        );
        params.push(Box::new(pair));
    }
    clause.push_str(" AND ");
    clause.push_str(text_match);
    params.push(Box::new(t.to_string()));
    Ok(Search {
        source: Source::Grams,
        clause,
        params,
    })
}

/// Every pair each matter's text should have in `feedback_grams` (as migration 21's triggers
/// write them), against what is there: (missing, extra).
const GRAMS_CHECK: &str = "
    WITH RECURSIVE p(id, at, t, n) AS (
        SELECT id, received_at, search_text, 1 FROM feedback WHERE length(search_text) > 1
        UNION ALL SELECT id, at, t, n + 1 FROM p WHERE n + 1 < length(t)
    ),
    want(gram, received_at, feedback_id) AS (
        SELECT substr(t, n, 2), at, id FROM p WHERE instr(substr(t, n, 2), char(10)) = 0
    )
    SELECT (SELECT count(*) FROM (SELECT * FROM want EXCEPT SELECT * FROM feedback_grams)),
           (SELECT count(*) FROM (SELECT * FROM feedback_grams EXCEPT SELECT * FROM want))";

impl Store {
    /// The words search finds a matter only through its pairs: a file edited past the
    /// triggers would hide matters from the search without a word. `check` reports it.
    pub(crate) fn feedback_search_problem(&self) -> Result<Option<String>> {
        let (missing, extra): (i64, i64) = self
            .conn()
            .query_row(GRAMS_CHECK, [], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok((missing > 0 || extra > 0).then(|| {
            format!(
                "信息反馈的检索表与记录内容不一致（缺 {missing} 条、多 {extra} 条）：\
                 按文字搜索会漏掉记录；数据库可能被绕过客服台改过"
            )
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::pairs;

    #[test]
    fn pairs_are_distinct_and_in_order() {
        assert_eq!(pairs("噪音"), ["噪音"]);
        assert_eq!(pairs("装修噪音"), ["装修", "修噪", "噪音"]);
        assert_eq!(pairs("哈哈哈"), ["哈哈"]);
        assert_eq!(pairs("A-1"), ["A-", "-1"]);
        assert!(pairs("李").is_empty());
        assert!(pairs("").is_empty());
    }
}
