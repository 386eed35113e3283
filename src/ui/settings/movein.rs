//! 设置 → 业主入住: the items handed over at move-in and the areas of the handover inspection,
//! editable like the feedback departments.

use iced::Element;
use iced::widget::{button, column, text};

use super::{Message, Settings};
use crate::domain::movein::parse_list;
use crate::forms::font::check_drawable;
use crate::store::{Result, Store};
use crate::ui::form::form;
use crate::ui::widget::{heading, wide_field};
use crate::ui::{About, Ctx};

/// The move-in lists form.
pub const MOVE_IN_LISTS: About = About::form("move-in-lists");

/// The two lists as typed, and what is wrong with each.
#[derive(Debug, Clone, Default)]
pub(super) struct MoveInListsForm {
    items: String,
    items_error: Option<String>,
    areas: String,
    areas_error: Option<String>,
}

impl MoveInListsForm {
    /// The saved lists, as 设置 shows them (`钥匙、猫眼`).
    pub(super) fn new(store: &Store) -> Result<MoveInListsForm> {
        Ok(MoveInListsForm {
            items: store.move_in_items_setting()?.join("、"),
            areas: store.inspection_areas()?.join("、"),
            ..MoveInListsForm::default()
        })
    }
}

/// A list parsed and checked against the printing font (both lists are printed).
fn parsed(text: &str, what: &str) -> std::result::Result<Vec<String>, String> {
    parse_list(text, what).and_then(|list| {
        list.iter()
            .try_for_each(|d| check_drawable(d))
            .map(|()| list)
    })
}

impl Settings {
    pub(super) fn move_in_items_edited(&mut self, text: String) {
        self.move_in.items = text;
        self.notices.edited(MOVE_IN_LISTS);
    }

    pub(super) fn move_in_areas_edited(&mut self, text: String) {
        self.move_in.areas = text;
        self.notices.edited(MOVE_IN_LISTS);
    }

    pub(super) fn save_move_in_lists(&mut self, ctx: &mut Ctx<'_>) {
        let items = parsed(&self.move_in.items, "物品");
        let areas = parsed(&self.move_in.areas, "验收部位");
        self.move_in.items_error = items.as_ref().err().cloned();
        self.move_in.areas_error = areas.as_ref().err().cloned();
        let (Ok(items), Ok(areas)) = (items, areas) else {
            self.notices
                .error(MOVE_IN_LISTS, "入住清单设置有误，请按提示修改");
            return;
        };
        let stamp = ctx.stamp();
        let saved = ctx
            .store
            .save_move_in_items_setting(&items, &stamp)
            .and_then(|()| ctx.store.save_inspection_areas(&areas, &stamp));
        if saved.is_ok() {
            self.move_in.items = items.join("、");
            self.move_in.areas = areas.join("、");
        }
        self.notices.report(
            MOVE_IN_LISTS,
            saved.map(|()| "入住物品和验收部位已保存".to_string()),
        );
    }

    pub(super) fn move_in_lists_form(&self) -> Element<'_, Message> {
        let fields = column![
            heading("业主入住：领取物品与验收部位"),
            wide_field(
                400.0,
                "move-in-items",
                "领取物品",
                "用“、”分隔，例如 钥匙、猫眼、门铃",
                &self.move_in.items,
                self.move_in.items_error.as_deref(),
                Message::MoveInItemsEdited,
            ),
            wide_field(
                400.0,
                "inspection-areas",
                "验收部位",
                "用“、”分隔，例如 入户门、窗、墙面",
                &self.move_in.areas,
                self.move_in.areas_error.as_deref(),
                Message::MoveInAreasEdited,
            ),
            button(text("保存入住设置")).on_press(Message::SaveMoveInLists),
        ]
        .push(self.note(MOVE_IN_LISTS))
        .spacing(8);
        form(MOVE_IN_LISTS, fields)
            .on_submit(Message::SaveMoveInLists)
            .keep_cursor()
            .into()
    }
}
