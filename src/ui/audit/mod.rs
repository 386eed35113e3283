//! 操作日志: the supervisor reads the log of every write — filtered by person, date range, tab
//! and record, newest first, a page at a time; a row chosen shows the record before and after.
//! The desk shows the tab only to someone who may `Action::AuditView`.

mod view;

use chrono::{NaiveDate, NaiveDateTime};

use super::{About, Action, Command, Ctx, Notice, Notices, Screen};
use crate::domain::access;
use crate::domain::date::parse_day;
use crate::store::{AuditFilter, AuditPage, AuditRow, Store};

/// Rows per page.
pub const PAGE_SIZE: usize = 20;

/// The id of the record filter: the tab's search box.
pub const RECORD_ID: &str = "audit-record";
/// The id of the 从 date.
pub const FROM_ID: &str = "audit-from";
/// The id of the 到 date.
pub const TO_ID: &str = "audit-to";

/// The pick lists' first entry: no filter.
pub const ANYONE: &str = "全部人员";
/// The tab pick list's first entry.
pub const ANY_TAB: &str = "全部页面";

/// The 操作日志 tab's state.
pub struct AuditLog {
    /// The filters as typed and picked.
    who: String,
    from: String,
    to: String,
    tab: String,
    record: String,
    from_error: Option<String>,
    to_error: Option<String>,
    /// The filter in force (the last one that was valid).
    applied: AuditFilter,
    rows: AuditPage,
    page: usize,
    selected: Option<i64>,
    /// The staff's names, for the person filter.
    people: Vec<String>,
    today: NaiveDate,
    notices: Notices,
}

/// What can happen in the 操作日志 tab.
#[derive(Debug, Clone)]
pub enum Message {
    /// A person was picked.
    Who(String),
    /// 从 typed.
    From(String),
    /// 到 typed.
    To(String),
    /// A tab was picked.
    Tab(String),
    /// The record filter typed.
    Record(String),
    /// Apply the filters (查询, Enter).
    Apply,
    /// Clear the filters.
    Clear,
    /// Show another page.
    PageTo(usize),
    /// A row was chosen.
    Select(i64),
}

impl AuditLog {
    /// The tab, with the newest page of the whole log.
    pub fn new(store: &Store, now: NaiveDateTime) -> AuditLog {
        let mut tab = AuditLog {
            who: ANYONE.into(),
            from: String::new(),
            to: String::new(),
            tab: ANY_TAB.into(),
            record: String::new(),
            from_error: None,
            to_error: None,
            applied: AuditFilter::default(),
            rows: AuditPage::default(),
            page: 0,
            selected: None,
            people: Vec::new(),
            today: now.date(),
            notices: Notices::default(),
        };
        tab.reload(store, now);
        tab
    }

    /// The rows on screen.
    pub fn rows(&self) -> &[AuditRow] {
        &self.rows.rows
    }

    /// How many rows match the filter.
    pub fn total(&self) -> usize {
        self.rows.total
    }

    /// The message shown, if any.
    pub fn message(&self) -> Option<&Notice> {
        self.notices.about(About::TAB)
    }

    fn pages(&self) -> usize {
        self.rows.total.div_ceil(PAGE_SIZE).max(1)
    }

    /// The chosen row, if it is on this page.
    fn chosen(&self) -> Option<&AuditRow> {
        let id = self.selected?;
        self.rows.rows.iter().find(|r| r.id == id)
    }

    /// Loads `page` of the filter in force.
    fn load(&mut self, store: &Store, page: usize) {
        match store.audit_log(&self.applied, page, PAGE_SIZE) {
            Ok(rows) => {
                self.rows = rows;
                self.page = page;
            }
            Err(e) => self.notices.error(About::TAB, e.to_string()),
        }
    }

    /// Reads the typed filters; a date that cannot be read keeps the filter as it was.
    fn apply(&mut self, store: &Store) {
        let day = |s: &str| -> Result<Option<NaiveDate>, String> {
            match s.trim() {
                "" => Ok(None),
                t => parse_day(t, self.today)
                    .map(Some)
                    .map_err(|e| e.to_string()),
            }
        };
        let from = day(&self.from);
        let to = day(&self.to);
        self.from_error = from.as_ref().err().cloned();
        self.to_error = to.as_ref().err().cloned();
        let (Ok(from), Ok(to)) = (from, to) else {
            self.notices.error(About::TAB, "日期填写有误，请按提示修改");
            return;
        };
        if let (Some(f), Some(t)) = (from, to)
            && t < f
        {
            self.to_error = Some("结束日期早于开始日期".into());
            self.notices.error(About::TAB, "日期填写有误，请按提示修改");
            return;
        }
        self.notices.clear();
        let pick = |s: &str, any: &str| (s != any).then(|| s.to_string());
        self.applied = AuditFilter {
            who: pick(&self.who, ANYONE),
            from,
            to,
            tab: pick(&self.tab, ANY_TAB),
            record: Some(self.record.trim().to_string()).filter(|r| !r.is_empty()),
        };
        self.selected = None;
        self.load(store, 0);
    }

    /// Handles a message.
    pub fn update(&mut self, message: Message, ctx: &mut Ctx<'_>) -> Action<Message> {
        match message {
            Message::Who(w) => {
                self.who = w;
                self.apply(ctx.store);
            }
            Message::Tab(t) => {
                self.tab = t;
                self.apply(ctx.store);
            }
            Message::From(v) => {
                self.from = v;
                self.from_error = None;
            }
            Message::To(v) => {
                self.to = v;
                self.to_error = None;
            }
            Message::Record(v) => self.record = v,
            Message::Apply => self.apply(ctx.store),
            Message::Clear => {
                self.who = ANYONE.into();
                self.tab = ANY_TAB.into();
                self.from.clear();
                self.to.clear();
                self.record.clear();
                self.apply(ctx.store);
            }
            Message::PageTo(p) => {
                let p = p.min(self.pages() - 1);
                self.load(ctx.store, p);
            }
            Message::Select(id) => self.selected = Some(id),
        }
        Action::None
    }

    /// The tabs the filter offers, the first meaning all.
    fn tab_choices() -> Vec<String> {
        std::iter::once(ANY_TAB)
            .chain(access::Action::TABS.iter().copied())
            .map(String::from)
            .collect()
    }
}

impl Screen for AuditLog {
    type Message = Message;

    fn command(&mut self, command: Command, ctx: &mut Ctx<'_>) -> Action<Message> {
        match command {
            Command::Submit => self.update(Message::Apply, ctx),
            Command::Cancel if self.applied != AuditFilter::default() => {
                self.update(Message::Clear, ctx)
            }
            _ => Action::None,
        }
    }

    fn search_id(&self) -> Option<&'static str> {
        Some(RECORD_ID)
    }

    fn form_open(&self) -> bool {
        false
    }

    fn reload(&mut self, store: &Store, now: NaiveDateTime) {
        self.today = now.date();
        if let Ok(staff) = store.staff() {
            let mut people = vec![ANYONE.to_string()];
            for s in staff {
                if !people.contains(&s.staff.name) {
                    people.push(s.staff.name);
                }
            }
            self.people = people;
        }
        // New rows arrive with every write: the page shows them when the tab is shown.
        self.load(store, self.page);
    }
}
