//! 今日: one line of the board of what needs someone now, from every tab ([`TodayItem`]), the
//! record a line opens in its tab ([`OpenRecord`]), how late it is, and the order of urgency.
//!
//! The board knows no tab's tables: each tab's store module turns its own records into these
//! lines (`store::today`), and the desk routes [`OpenRecord`] to the tab that shows it.

use chrono::{Duration, NaiveDateTime};

use super::repair::RepairId;
use super::repair::timing::countdown;
use super::unit::UnitId;

/// The record a line of 今日 opens, named so that the tab showing it can select it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum OpenRecord {
    /// A repair order in 报修管理.
    Repair(RepairId),
    /// A feedback record in 信息反馈 (its row id).
    Feedback(i64),
    /// A key set in 钥匙管理 (its row id), e.g. the one whose loan is overdue.
    KeySet(i64),
    /// An item-release pass in 物品放行 (its row id).
    Pass(i64),
    /// This month's vacant units and basements of a building in 空置房管理.
    Vacancy {
        /// 楼栋.
        building: u32,
    },
    /// The owing units in 收费管理's 欠费: of one building, or of the whole estate.
    Arrears {
        /// 楼栋; `None` for every building.
        building: Option<u32>,
    },
    /// A unit in 房屋与业主.
    Unit(UnitId),
    /// A found item in 物品拾遗 (its row id).
    FoundItem(i64),
    /// An entrustment in 房屋代租 (its row id), e.g. the one whose lease ends soon.
    Rental(i64),
    /// A renovation in 装修管理 (its row id), e.g. one whose patrol is overdue.
    Renovation(i64),
}

/// One line of 今日: something due at a time, what it is, where, who acts or is concerned, and
/// the record it opens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TodayItem {
    /// When it falls (or fell) due.
    pub due_at: NaiveDateTime,
    /// The short tag naming the deadline: `报修到场`, `钥匙逾期`, `空置房检查` ….
    pub kind: &'static str,
    /// What: `WX-202611-0008 给排水：厨房水龙头漏水`.
    pub what: String,
    /// Where: `3-2-1502`, `3号楼`, a public place.
    pub place: String,
    /// Who acts or is concerned: the technician, the borrower, the officers ….
    pub who: String,
    /// The record the line opens in its tab.
    pub open: OpenRecord,
}

impl TodayItem {
    /// How late at `now`: positive once past due, negative (the time left) before.
    pub fn late(&self, now: NaiveDateTime) -> Duration {
        now - self.due_at
    }

    /// Whether it is past due at `now`. Exactly at the due time is still on time.
    pub fn overdue(&self, now: NaiveDateTime) -> bool {
        now > self.due_at
    }

    /// `已超时 2 小时` past due, `还剩 10 分钟` before; in minutes, hours or days as the
    /// repairs tab counts down.
    pub fn lateness(&self, now: NaiveDateTime) -> String {
        countdown(self.due_at, now)
    }
}

/// Sorts the board by urgency: the most overdue first, then the soonest due. Both are the
/// earliest due time first; lines due together keep a fixed order (tag, place as the office
/// counts it — 2号楼 before 10号楼 — then what), so the board does not shuffle from one minute
/// to the next.
pub fn sort_by_urgency(items: &mut [TodayItem]) {
    items.sort_by(|a, b| {
        (a.due_at, a.kind)
            .cmp(&(b.due_at, b.kind))
            .then_with(|| natural_key(&a.place).cmp(&natural_key(&b.place)))
            .then_with(|| a.what.cmp(&b.what))
    });
}

/// A text's runs of digits as numbers and the rest as text, so `2号楼` sorts before `10号楼`
/// and `3-2-0801` before `3-10-0101`.
fn natural_key(text: &str) -> Vec<(u64, String)> {
    let mut key = Vec::new();
    let mut rest = text;
    while !rest.is_empty() {
        let digits = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        if digits > 0 {
            let n = rest[..digits].parse().unwrap_or(u64::MAX);
            key.push((n, String::new()));
            rest = &rest[digits..];
        } else {
            let end = rest
                .find(|c: char| c.is_ascii_digit())
                .unwrap_or(rest.len());
            key.push((0, rest[..end].to_string()));
            rest = &rest[end..];
        }
    }
    key
}

/// The start of a free text for a line of the board: its first line, at most `chars`
/// characters, with `…` when cut.
pub fn head(text: &str, chars: usize) -> String {
    let line = text.trim().lines().next().unwrap_or("").trim();
    if line.chars().count() <= chars && line.len() == text.trim().len() {
        return line.to_string();
    }
    let mut out: String = line.chars().take(chars).collect();
    out.push('…');
    out
}

/// How many lines are past due at `now` (the tab's label shows it).
pub fn overdue_count(items: &[TodayItem], now: NaiveDateTime) -> usize {
    items.iter().filter(|i| i.overdue(now)).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(h: u32, m: u32) -> NaiveDateTime {
        chrono::NaiveDate::from_ymd_opt(2026, 11, 30)
            .and_then(|d| d.and_hms_opt(h, m, 0))
            .unwrap_or_default()
    }

    fn item(due: NaiveDateTime, kind: &'static str, place: &str) -> TodayItem {
        TodayItem {
            due_at: due,
            kind,
            what: String::new(),
            place: place.into(),
            who: String::new(),
            open: OpenRecord::Repair(RepairId(1)),
        }
    }

    #[test]
    fn lateness_reads_late_or_left_and_the_due_minute_is_on_time() {
        let i = item(at(9, 15), "报修到场", "3-2-1502");
        assert_eq!(i.lateness(at(11, 15)), "已超时 2 小时");
        assert_eq!(i.lateness(at(9, 5)), "还剩 10 分钟");
        assert_eq!(i.lateness(at(9, 15)), "还剩 0 分钟");
        assert!(!i.overdue(at(9, 15)));
        assert!(i.overdue(at(9, 15) + Duration::seconds(1)));
        assert_eq!(i.late(at(11, 15)), Duration::hours(2));
        assert_eq!(i.late(at(9, 5)), Duration::minutes(-10));
    }

    #[test]
    fn lines_due_together_go_in_the_order_the_office_counts_buildings() {
        let mut items: Vec<_> = ["10号楼", "2号楼", "1号楼", "3-10-0101", "3-2-0801"]
            .into_iter()
            .map(|p| item(at(0, 0), "欠费", p))
            .collect();
        sort_by_urgency(&mut items);
        let order: Vec<&str> = items.iter().map(|i| i.place.as_str()).collect();
        assert_eq!(order, ["1号楼", "2号楼", "3-2-0801", "3-10-0101", "10号楼"]);
    }

    #[test]
    fn a_long_text_is_cut_to_its_first_line() {
        assert_eq!(head("厨房水龙头漏水", 10), "厨房水龙头漏水");
        assert_eq!(head("厨房水龙头漏水，已经两天", 5), "厨房水龙头…");
        assert_eq!(head("漏水\n第二行", 10), "漏水…");
    }

    #[test]
    fn the_most_overdue_come_first_then_the_soonest_due() {
        let now = at(12, 0);
        let mut items = vec![
            item(at(16, 0), "报修回访", "1-1-101"),
            item(at(11, 50), "报修到场", "3-2-1502"),
            item(at(8, 0), "钥匙逾期", "2-1-301"),
            item(at(12, 30), "评审返回", "5-1-201"),
            item(at(8, 0), "放行待批", "1-2-202"),
        ];
        sort_by_urgency(&mut items);
        let order: Vec<&str> = items.iter().map(|i| i.place.as_str()).collect();
        assert_eq!(
            order,
            ["1-2-202", "2-1-301", "3-2-1502", "5-1-201", "1-1-101"]
        );
        assert_eq!(overdue_count(&items, now), 3);
    }
}
