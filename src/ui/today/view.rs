//! The 今日 screen: a count of what is late and due, then one line per item — due time,
//! lateness (red when late), tag, place, what, who — each a button opening its record.

use iced::widget::{button, column, row, text};
use iced::{Element, Length};

use super::{Message, Today};
use crate::domain::date::table_datetime;
use crate::domain::today::TodayItem;
use crate::ui::widget::{heading, hint, scroll};

impl Today {
    /// The tab.
    pub fn view(&self) -> Element<'_, Message> {
        let late = self.overdue_count();
        let summary = format!(
            "已超时 {late} 项，未超时 {} 项。点击一行打开它所在的记录。",
            self.items.len() - late
        );
        let mut page = column![heading("今日待办"), hint(summary)].spacing(8);
        if let Some(e) = &self.error {
            page = page.push(text(e).size(14).style(text::danger));
        }
        if self.items.is_empty() {
            page = page.push(hint("现在没有到期或逾期的事项。"));
            return page.into();
        }
        let lines = self
            .items
            .iter()
            .fold(column![].spacing(2), |c, item| c.push(self.line(item)));
        page.push(scroll(lines).height(Length::Fill)).into()
    }

    fn line<'a>(&self, item: &'a TodayItem) -> Element<'a, Message> {
        // A late line is red from end to end, so the eye finds it on a long board.
        let late = item.overdue(self.now);
        let style = if late { text::danger } else { text::base };
        let cell = |s: String, width: Length| text(s).size(14).width(width).style(style);
        let line = row![
            cell(table_datetime(item.due_at), Length::Fixed(140.0)),
            cell(item.lateness(self.now), Length::Fixed(165.0)),
            cell(item.kind.to_string(), Length::Fixed(90.0)),
            cell(item.place.clone(), Length::Fixed(110.0)),
            cell(item.what.clone(), Length::Fill),
            cell(item.who.clone(), Length::Fixed(170.0)),
        ]
        .spacing(12);
        button(line)
            .on_press(Message::Open(item.open))
            .padding([4, 8])
            .width(Length::Fill)
            .style(button::text)
            .into()
    }
}
