//! The window: the sign-in or lock screen when one is up; otherwise the tab row with the person
//! signed in (交接班, 锁定), the tab on screen (or the dialog in its place), the backup warning
//! and the line at the bottom.

use iced::widget::{button, column, container, row, rule, space, text};
use iced::{Alignment, Element, Length};

use super::Desk;
use crate::ui::{Message, Tab, session};

impl Desk {
    /// The whole window.
    pub fn view(&self) -> Element<'_, Message> {
        let me = self.store.signed_in();
        if let Some(cover) = self.session.cover_view(&self.office.estate, me) {
            return cover.map(Message::Session);
        }
        let dialog = self.session.dialog_view(me);
        // A dialog keeps the desk where it is until it is answered.
        let open = dialog.is_none();
        let tabs = self
            .visible_tabs()
            .into_iter()
            .fold(row![].spacing(4).width(Length::Fill), |r, tab| {
                let label = text(self.tab_label(tab)).size(15);
                let b = button(label)
                    .padding([6, 9])
                    .on_press_maybe(open.then_some(Message::TabSelected(tab)))
                    .style(if tab == self.tab {
                        button::primary
                    } else {
                        button::secondary
                    });
                r.push(b)
            })
            // The tabs take the room the person's name leaves and wrap onto a second line
            // when they outgrow it (a narrow window, or the fourteen tabs at 1280 px).
            .wrap()
            .vertical_spacing(4);
        let who = row![
            text(me.map(|a| a.title()).unwrap_or_default()).size(14),
            button(text("交接班").size(13))
                .on_press_maybe(open.then_some(Message::Session(session::Message::StartHandOver)))
                .style(button::secondary),
            button(text("锁定").size(13))
                .on_press(Message::Session(session::Message::Lock))
                .style(button::secondary),
        ]
        .spacing(8)
        .align_y(Alignment::Center);
        let top = row![tabs, who].spacing(8).align_y(Alignment::Center);
        let body: Element<'_, Message> = match dialog {
            Some(d) => d.map(Message::Session),
            None => match self.tab {
                Tab::Today => self.tabs.today.view().map(Message::Today),
                Tab::Register => self.tabs.register.view().map(Message::Register),
                Tab::Repairs => self.tabs.repairs.view().map(Message::Repairs),
                Tab::Feedback => self.tabs.feedback.view().map(Message::Feedback),
                Tab::MoveIn => self.tabs.movein.view().map(Message::MoveIn),
                Tab::Renovation => self.tabs.renovation.view().map(Message::Renovation),
                Tab::Settings => self.tabs.settings.view().map(Message::Settings),
                Tab::Gate => self.tabs.gate.view().map(Message::Gate),
                Tab::Keys => self.tabs.keys.view().map(Message::Keys),
                Tab::Vacancy => self.tabs.vacancy.view().map(Message::Vacancy),
                Tab::Fees => self.tabs.fees.view().map(Message::Fees),
                Tab::LostFound => self.tabs.lostfound.view().map(Message::LostFound),
                Tab::Rental => self.tabs.rental.view().map(Message::Rental),
                Tab::Audit => self.tabs.audit.view().map(Message::Audit),
                Tab::Stats => self.tabs.stats.view().map(Message::Stats),
                Tab::Archive => self.tabs.archive.view().map(Message::Archive),
            },
        };
        let mut page = column![top].spacing(8).padding(12);
        // A file that cannot be written here (read-only media, a full disk) is still read and
        // printed from; the desk says so above every tab, since every save will be refused.
        if let Some(why) = self.store.read_only() {
            page = page.push(
                text(format!("只能查看和打印，不能保存：{why}"))
                    .size(14)
                    .style(text::danger),
            );
        }
        let mut page = page.push(rule::horizontal(1)).push(body);
        // Stays until a backup succeeds: it is about the data, not about the tab on screen.
        if let Some(warning) = self.backup_warning() {
            page = page.push(
                row![
                    text("备份提醒").size(14).style(text::danger),
                    text(warning).size(14).style(text::danger),
                ]
                .spacing(8),
            );
        }
        if let Some(n) = &self.notice {
            let line = row![
                text(&n.text)
                    .size(14)
                    .style(if n.error { text::danger } else { text::success }),
                space::horizontal(),
                button(text("知道了").size(13))
                    .on_press(Message::DismissNotice)
                    .style(button::text),
            ]
            .align_y(Alignment::Center);
            page = page.push(line);
        }
        container(page)
            .width(Length::Fill)
            .height(Length::Fill)
            .into()
    }
}
