//! Opening a record in its own tab, as a line of 今日 asks ([`OpenRecord`]): the desk switches
//! to the tab and has it select the record.

use iced::Task;

use super::Desk;
use crate::domain::today::OpenRecord;
use crate::store::{KeyId, PassId};
use crate::ui::{Message, Tab};

impl Desk {
    /// Shows `record` in its tab: the tab selects it, then comes on screen (refreshed, with the
    /// cursor where the tab puts it).
    pub(super) fn open(&mut self, record: OpenRecord) -> Task<Message> {
        let now = self.now();
        let store = &self.store;
        let t = &mut self.tabs;
        let tab = match record {
            OpenRecord::Repair(id) => {
                t.repairs.open(store, now, id);
                Tab::Repairs
            }
            OpenRecord::KeySet(id) => {
                t.keys.open(store, now, KeyId(id));
                Tab::Keys
            }
            OpenRecord::Pass(id) => {
                t.gate.open(store, now, PassId(id));
                Tab::Gate
            }
            OpenRecord::Vacancy { building } => {
                t.vacancy.open(store, now.date(), building);
                Tab::Vacancy
            }
            OpenRecord::Unit(id) => {
                t.register.open(store, id);
                Tab::Register
            }
            OpenRecord::Arrears { building } => {
                let (mut ctx, tabs) = self.parts();
                let action = tabs.fees.open_arrears(building, &mut ctx);
                let task = self.perform(action, Message::Fees);
                return Task::batch([task, self.show(Tab::Fees)]);
            }
            OpenRecord::FoundItem(id) => {
                t.lostfound
                    .open(store, now, crate::domain::lostfound::FoundItemId(id));
                Tab::LostFound
            }
            OpenRecord::Rental(id) => {
                t.rental
                    .open(store, now, crate::domain::rental::EntrustmentId(id));
                Tab::Rental
            }
            OpenRecord::Renovation(id) => {
                t.renovation
                    .open(store, now, crate::domain::renovation::RenovationId(id));
                Tab::Renovation
            }
            OpenRecord::Feedback(id) => {
                t.feedback
                    .open(store, now, crate::domain::feedback::FeedbackId(id));
                Tab::Feedback
            }
        };
        self.show(tab)
    }
}
