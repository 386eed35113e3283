//! The 收费标准与车位 pane of 收费管理: the fee items with their price history, a price set
//! from a month on (the supervisor's; the desk asks for the countersign otherwise), a new item,
//! and the parking-space register (机动车占位费 is billed per space that belongs to a unit).

mod drafts;
mod view;

pub use drafts::{Field, ItemChoice, ItemDraft, KindChoice, PriceDraft, SpaceDraft};

use chrono::NaiveDateTime;
use iced::Element;

use super::PaneScreen;
use crate::domain::Month;
use crate::domain::fees::{FeeItem, FeeItemId, FeeKind, Meter, Price};
use crate::store::{ParkingId, ParkingSpace, Store};
use crate::ui::{About, Action, Command, Ctx, Notice, Notices};

/// The form open on the right.
#[derive(Debug, Clone)]
pub enum Editor {
    /// 调整价格.
    Price(PriceDraft),
    /// 新增项目 / 修改项目.
    Item(ItemDraft),
    /// 新增车位 / 修改车位.
    Space(SpaceDraft),
}

/// The pane's state.
pub struct StandardsPane {
    items: Vec<FeeItem>,
    prices: Vec<Price>,
    spaces: Vec<ParkingSpace>,
    /// Why the lists could not be read.
    error: Option<String>,
    selected: Option<FeeItemId>,
    editor: Option<Editor>,
    month: Month,
    notices: Notices,
}

/// What can happen in the pane.
#[derive(Debug, Clone)]
pub enum Message {
    /// An item was chosen: its prices on the right.
    SelectItem(FeeItemId),
    /// Open 调整价格 (for the chosen item).
    NewPrice,
    /// Open 新增项目.
    NewItem,
    /// Open 修改项目 for the chosen item.
    EditItem,
    /// Open 新增车位.
    NewSpace,
    /// Open 修改车位.
    EditSpace(ParkingId),
    /// A text field of the open form was edited.
    Edited(Field, String),
    /// The price's item was chosen.
    PriceItem(ItemChoice),
    /// The price's unit kind was chosen.
    PriceKind(KindChoice),
    /// The new item's kind was chosen.
    ItemKind(FeeKind),
    /// The item's meter was chosen.
    ItemMeter(Meter),
    /// 空置按50% ticked or not.
    ItemVacancy(bool),
    /// 启用 ticked or not.
    ItemActive(bool),
    /// Save the open form.
    Save,
    /// Close the open form.
    Cancel,
}

impl StandardsPane {
    /// The pane as of `now`; it reads the store when it is shown ([`Self::reload`]), so
    /// the desk starts without working out lists nobody has asked for.
    pub fn new(_store: &Store, now: NaiveDateTime) -> StandardsPane {
        StandardsPane {
            items: Vec::new(),
            prices: Vec::new(),
            spaces: Vec::new(),
            error: None,
            selected: None,
            editor: None,
            month: Month::of(now.date()),
            notices: Notices::default(),
        }
    }

    /// What the right-hand side is about.
    pub fn on_screen(&self) -> About {
        match &self.editor {
            Some(Editor::Price(_)) => About::form("fee-price"),
            Some(Editor::Item(d)) => About::record("fee-item-form", d.id.0),
            Some(Editor::Space(d)) => About::record("parking-form", d.id.map_or(0, |i| i.0)),
            None => match self.selected {
                Some(id) => About::record("fee-item", id.0),
                None => About::TAB,
            },
        }
    }

    /// The message about what is on screen.
    pub fn message(&self) -> Option<&Notice> {
        self.notices.about(self.on_screen())
    }

    fn selected_item(&self) -> Option<&FeeItem> {
        self.items.iter().find(|i| Some(i.id) == self.selected)
    }

    /// Handles a message of the pane.
    pub fn update(&mut self, message: Message, ctx: &mut Ctx<'_>) -> Action<Message> {
        match message {
            Message::SelectItem(id) => {
                self.editor = None;
                self.selected = Some(id);
            }
            Message::NewPrice => {
                let item = self.selected_item().map(ItemChoice::of);
                self.editor = Some(Editor::Price(PriceDraft::new(item, self.month)));
            }
            Message::NewItem => self.editor = Some(Editor::Item(ItemDraft::new())),
            Message::EditItem => {
                if let Some(item) = self.selected_item() {
                    self.editor = Some(Editor::Item(ItemDraft::edit(item)));
                }
            }
            Message::NewSpace => self.editor = Some(Editor::Space(SpaceDraft::new())),
            Message::EditSpace(id) => {
                if let Some(s) = self.spaces.iter().find(|s| s.id == Some(id)) {
                    self.editor = Some(Editor::Space(SpaceDraft::edit(s)));
                }
            }
            Message::Edited(f, v) => {
                let about = self.on_screen();
                match &mut self.editor {
                    Some(Editor::Price(d)) => d.texts.set(f, v),
                    Some(Editor::Item(d)) => d.texts.set(f, v),
                    Some(Editor::Space(d)) => d.texts.set(f, v),
                    None => {}
                }
                self.notices.edited(about);
            }
            Message::PriceItem(c) => {
                if let Some(Editor::Price(d)) = &mut self.editor {
                    d.item = Some(c);
                }
            }
            Message::PriceKind(k) => {
                if let Some(Editor::Price(d)) = &mut self.editor {
                    d.kind = k;
                }
            }
            Message::ItemKind(k) => {
                if let Some(Editor::Item(d)) = &mut self.editor
                    && d.id.0 == 0
                {
                    d.kind = k;
                }
            }
            Message::ItemMeter(m) => {
                if let Some(Editor::Item(d)) = &mut self.editor {
                    d.meter = Some(m);
                }
            }
            Message::ItemVacancy(v) => {
                if let Some(Editor::Item(d)) = &mut self.editor {
                    d.vacancy_discount = v;
                }
            }
            Message::ItemActive(v) => {
                if let Some(Editor::Item(d)) = &mut self.editor {
                    d.active = v;
                }
            }
            Message::Save => self.save(ctx),
            Message::Cancel => self.editor = None,
        }
        Action::None
    }

    /// Saves the open form; on success it closes and the lists are read again, the message
    /// beside what was saved.
    fn save(&mut self, ctx: &mut Ctx<'_>) {
        let about = self.on_screen();
        let Some(editor) = &mut self.editor else {
            return;
        };
        let rec = match ctx.recorder() {
            Ok(r) => r,
            Err(e) => return self.notices.error(about, e),
        };
        let done: Result<(String, About), String> = match editor {
            Editor::Price(d) => {
                if d.item.is_none() {
                    return self.notices.error(about, "请选择收费项目");
                }
                let Some(price) = d.check() else { return };
                let item = d.item.as_ref().map(|c| c.label.clone()).unwrap_or_default();
                ctx.store
                    .set_price(&price, &rec)
                    .map(|()| {
                        let unit = self
                            .items
                            .iter()
                            .find(|i| i.id == price.item)
                            .map_or("", |i| price_unit(i));
                        (
                            format!(
                                "已设置：{item}（{}）自 {} 起 {}{unit}",
                                KindChoice(price.unit_kind),
                                price.from.code(),
                                price.fen
                            ),
                            About::record("fee-item", price.item.0),
                        )
                    })
                    .map_err(|e| e.to_string())
            }
            Editor::Item(d) => {
                let Some(item) = d.check() else { return };
                ctx.store
                    .save_fee_item(&item, &rec)
                    .map(|id| {
                        (
                            format!("已保存收费项目 {} {}", item.code, item.name),
                            About::record("fee-item", id.0),
                        )
                    })
                    .map_err(|e| e.to_string())
            }
            Editor::Space(d) => {
                let Some(space) = d.check(ctx.store) else {
                    return;
                };
                ctx.store
                    .save_parking_space(&space, &rec)
                    .map(|_| (format!("已保存车位 {}", space.number), About::TAB))
                    .map_err(|e| e.to_string())
            }
        };
        match done {
            Ok((text, shown)) => {
                self.editor = None;
                if shown.kind == "fee-item" {
                    self.selected = Some(FeeItemId(shown.id));
                } else {
                    self.selected = None;
                }
                self.refresh(ctx.store);
                self.notices.ok(shown, text);
            }
            Err(e) => self.notices.error(about, e),
        }
    }

    /// The pane.
    pub fn view(&self) -> Element<'_, Message> {
        view::view(self)
    }

    fn refresh(&mut self, store: &Store) {
        let read = || -> crate::store::Result<_> {
            Ok((
                store.fee_items()?,
                store.fee_prices()?,
                store.parking_spaces()?,
            ))
        };
        match read() {
            Ok((items, prices, spaces)) => {
                self.items = items;
                self.prices = prices;
                self.spaces = spaces;
                self.error = None;
            }
            Err(e) => self.error = Some(e.to_string()),
        }
    }

    /// Reloads what other tabs or the clock change.
    pub fn reload(&mut self, store: &Store, now: NaiveDateTime) {
        self.month = Month::of(now.date());
        self.refresh(store);
    }
}

/// What a price is per, after the amount: `/㎡·月`, `/车位·月`, `/吨`.
pub fn price_unit(item: &FeeItem) -> &'static str {
    match (item.kind, item.meter) {
        (FeeKind::PerArea, _) => "/㎡·月",
        (FeeKind::PerUnit, _) => "/户·月",
        (FeeKind::PerSpace, _) => "/车位·月",
        (FeeKind::Metered | FeeKind::Apportioned, Some(Meter::Power)) => "/度",
        (FeeKind::Metered | FeeKind::Apportioned, _) => "/吨",
        (FeeKind::OneOff, _) => "",
    }
}

impl PaneScreen for StandardsPane {
    type Message = Message;

    fn command(&mut self, command: Command, ctx: &mut Ctx<'_>) -> Action<Message> {
        match (command, &self.editor) {
            (Command::Submit, Some(_)) => self.update(Message::Save, ctx),
            (Command::Cancel, Some(_)) => self.update(Message::Cancel, ctx),
            _ => Action::None,
        }
    }

    fn search_id(&self) -> Option<&'static str> {
        None
    }

    fn form_open(&self) -> bool {
        self.editor.is_some()
    }
}
