//! 统计: the month's figures against the procedure and the 12 months before, as tables and
//! charts — the same figures and the same display lists as 月度汇总.pdf, painted on a canvas.
//! The tab opens on last month (the office reviews a month once it is over).

mod canvas;
mod view;

use chrono::NaiveDateTime;

use super::{Action, Command, Ctx, PrintJob, Screen};
use crate::domain::Month;
use crate::domain::stats::{MonthFigures, TrendPoint};
use crate::forms::chart::Chart;
use crate::forms::chart::figures::{
    WIDE, collection_by_building, repairs_by_category, repairs_by_day, trend_counts, trend_rates,
};
use crate::store::Store;

/// The id of the month field: the tab's search box.
pub const MONTH_ID: &str = "stats-month";

/// The 统计 tab's state.
pub struct Stats {
    /// The month shown.
    month: Month,
    /// The month field as typed.
    month_text: String,
    /// Why the typed month was not taken, or why the figures could not be read.
    error: Option<String>,
    figures: Option<MonthFigures>,
    trend: Vec<TrendPoint>,
    /// The charts of the month, built once per load.
    charts: Vec<(&'static str, Chart)>,
}

/// What can happen in the 统计 tab.
#[derive(Debug, Clone)]
pub enum Message {
    /// The month field typed.
    MonthText(String),
    /// 查看 (or Enter): show the typed month.
    Show,
    /// 上月.
    Previous,
    /// 下月.
    Next,
    /// 打印月度汇总.
    Print,
}

impl Stats {
    /// The tab on the month before `now`'s.
    pub fn new(store: &Store, now: NaiveDateTime) -> Stats {
        let month = Month::of(now.date()).prev();
        let mut tab = Stats {
            month,
            month_text: month.code(),
            error: None,
            figures: None,
            trend: Vec::new(),
            charts: Vec::new(),
        };
        tab.load(store);
        tab
    }

    /// The month shown.
    pub fn month(&self) -> Month {
        self.month
    }

    /// The figures shown, if they could be read.
    pub fn figures(&self) -> Option<&MonthFigures> {
        self.figures.as_ref()
    }

    /// The charts shown, with what each is.
    pub fn charts(&self) -> &[(&'static str, Chart)] {
        &self.charts
    }

    /// Reads the month's figures and trend and builds the charts.
    fn load(&mut self, store: &Store) {
        let read = store
            .month_figures(self.month)
            .and_then(|f| Ok((f, store.stats_trend(self.month)?)));
        match read {
            Ok((f, trend)) => {
                let built = [
                    ("每日报修", repairs_by_day(&f, WIDE)),
                    ("报修类别", repairs_by_category(&f, WIDE)),
                    ("各楼收缴率", collection_by_building(&f, WIDE)),
                    ("近13个月受理件数", trend_counts(&trend, WIDE)),
                    ("近13个月各项比率", trend_rates(&trend, WIDE)),
                ];
                self.charts.clear();
                self.error = None;
                for (name, chart) in built {
                    match chart {
                        Ok(c) => self.charts.push((name, c)),
                        Err(e) => self.error = Some(format!("{name}图表无法绘制：{e}")),
                    }
                }
                self.figures = Some(f);
                self.trend = trend;
            }
            Err(e) => {
                self.error = Some(format!("统计数据读取失败：{e}"));
                self.figures = None;
                self.trend.clear();
                self.charts.clear();
            }
        }
    }

    fn show(&mut self, month: Month, store: &Store) {
        self.month = month;
        self.month_text = month.code();
        self.load(store);
    }

    /// Handles a message.
    pub fn update(&mut self, message: Message, ctx: &mut Ctx<'_>) -> Action<Message> {
        match message {
            Message::MonthText(t) => self.month_text = t,
            Message::Show => match Month::parse(&self.month_text) {
                Ok(m) => self.show(m, ctx.store),
                Err(e) => self.error = Some(e.to_string()),
            },
            Message::Previous => self.show(self.month.prev(), ctx.store),
            Message::Next => self.show(self.month.next(), ctx.store),
            Message::Print => return Action::Print(PrintJob::MonthSummary(self.month)),
        }
        Action::None
    }
}

impl Screen for Stats {
    type Message = Message;

    fn command(&mut self, command: Command, ctx: &mut Ctx<'_>) -> Action<Message> {
        match command {
            Command::Submit => self.update(Message::Show, ctx),
            Command::Print => self.update(Message::Print, ctx),
            _ => Action::None,
        }
    }

    fn search_id(&self) -> Option<&'static str> {
        Some(MONTH_ID)
    }

    fn form_open(&self) -> bool {
        false
    }

    fn reload(&mut self, store: &Store, _now: NaiveDateTime) {
        // Records keep arriving for the current month and late ones for past months.
        self.load(store);
    }
}
