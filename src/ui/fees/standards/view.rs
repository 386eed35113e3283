//! The 收费标准与车位 pane's screen: items and parking spaces on the left; the chosen item's
//! price history, or the open form, on the right.

use iced::widget::{button, checkbox, column, pick_list, row, table, text};
use iced::{Alignment, Element, Length};

use super::{
    Editor, Field, ItemChoice, ItemDraft, KindChoice, Message, PriceDraft, SpaceDraft,
    StandardsPane, price_unit,
};
use crate::domain::date::table_date;
use crate::domain::fees::{FeeItem, FeeKind, Meter, Price};
use crate::store::ParkingSpace;
use crate::ui::form::form;
use crate::ui::widget::{field, heading, hint, labelled, master_detail, scroll};

fn yes(b: bool) -> &'static str {
    if b { "是" } else { "否" }
}

pub(super) fn view(p: &StandardsPane) -> Element<'_, Message> {
    let right: Element<'_, Message> = match &p.editor {
        Some(editor) => {
            let fields = match editor {
                Editor::Price(d) => price_form(p, d),
                Editor::Item(d) => item_form(d),
                Editor::Space(d) => space_form(d),
            };
            form(p.on_screen(), fields)
                .on_submit(Message::Save)
                .on_cancel(Message::Cancel)
                .into()
        }
        None => match p.selected_item() {
            Some(item) => prices(p, item),
            None => hint("点击左边的收费项目查看历次价格；车位点击车位号修改。"),
        },
    };
    master_detail(left(p), right, p.message())
}

fn left(p: &StandardsPane) -> Element<'_, Message> {
    let head = |s: &'static str| text(s).size(13);
    let chosen = p.selected;
    let items = table(
        [
            table::column(head("代码"), move |i: &FeeItem| -> Element<'_, Message> {
                let b = button(text(i.code.as_str()).size(13))
                    .padding([2, 6])
                    .on_press(Message::SelectItem(i.id));
                if Some(i.id) == chosen {
                    b.style(button::primary)
                } else {
                    b.style(button::text)
                }
                .into()
            }),
            table::column(head("名称"), |i: &FeeItem| text(i.name.as_str()).size(13)),
            table::column(head("计费方式"), |i: &FeeItem| {
                text(i.kind.label()).size(13)
            }),
            table::column(head("表"), |i: &FeeItem| {
                text(i.meter.map_or("", |m| m.label())).size(13)
            }),
            table::column(head("空置50%"), |i: &FeeItem| {
                text(yes(i.vacancy_discount)).size(13)
            }),
            table::column(head("启用"), |i: &FeeItem| {
                let t = text(yes(i.active)).size(13);
                if i.active {
                    t
                } else {
                    t.style(text::secondary)
                }
            }),
        ]
        .map(|c| c.align_y(Alignment::Center)),
        p.items.iter(),
    )
    .padding_y(1);
    let spaces: Element<'_, Message> = if p.spaces.is_empty() {
        hint("还没有登记车位。")
    } else {
        table(
            [
                table::column(
                    head("车位号"),
                    |s: &ParkingSpace| -> Element<'_, Message> {
                        let b = button(text(s.number.as_str()).size(13))
                            .padding([2, 6])
                            .style(button::text);
                        match s.id {
                            Some(id) => b.on_press(Message::EditSpace(id)).into(),
                            None => b.into(),
                        }
                    },
                ),
                table::column(head("区域/楼层"), |s: &ParkingSpace| {
                    text(s.place.as_str()).size(13)
                }),
                table::column(head("房号"), |s: &ParkingSpace| {
                    text(s.address.map_or_else(|| "空闲".to_string(), |a| a.short())).size(13)
                }),
                table::column(head("车牌"), |s: &ParkingSpace| {
                    text(s.plates.as_str()).size(13)
                }),
                table::column(head("起租日期"), |s: &ParkingSpace| {
                    text(s.from.map(table_date).unwrap_or_default()).size(13)
                }),
                table::column(head("备注"), |s: &ParkingSpace| {
                    text(s.note.as_str()).size(13)
                }),
            ]
            .map(|c| c.align_y(Alignment::Center)),
            p.spaces.iter(),
        )
        .padding_y(1)
        .into()
    };
    let mut col = column![
        row![
            heading("收费项目"),
            button(text("新增项目").size(13))
                .on_press(Message::NewItem)
                .style(button::secondary),
            button(text("调整价格").size(13)).on_press(Message::NewPrice),
        ]
        .spacing(10)
        .align_y(Alignment::Center),
    ]
    .spacing(10);
    if let Some(e) = &p.error {
        col = col.push(text(e).style(text::danger));
    }
    let lists = column![
        items,
        row![
            heading("车位登记"),
            button(text("新增车位").size(13)).on_press(Message::NewSpace),
        ]
        .spacing(10)
        .align_y(Alignment::Center),
        spaces,
    ]
    .spacing(10);
    col.push(scroll(lists).height(Length::Fill)).into()
}

/// The chosen item's prices, newest first, with the buttons that change it.
fn prices<'a>(p: &'a StandardsPane, item: &'a FeeItem) -> Element<'a, Message> {
    let unit = price_unit(item);
    let history: Vec<&Price> = p.prices.iter().filter(|x| x.item == item.id).collect();
    let mut col = column![
        text(format!("{} {}", item.code, item.name)).size(18),
        text(format!(
            "{}{}　空置按50%：{}　启用：{}",
            item.kind.label(),
            item.meter
                .map_or(String::new(), |m| format!("（{}表）", m.label())),
            yes(item.vacancy_discount),
            yes(item.active)
        ))
        .size(14),
        row![
            button(text("调整价格")).on_press(Message::NewPrice),
            button(text("修改项目"))
                .on_press(Message::EditItem)
                .style(button::secondary),
        ]
        .spacing(8),
    ]
    .spacing(8);
    if history.is_empty() {
        return col.push(hint("还没有设置价格。")).into();
    }
    col = col.push(text("历次价格（新的在前；某月起执行，之前的月份仍按旧价）").size(14));
    let head = |s: &'static str| text(s).size(13);
    col = col.push(
        table(
            [
                table::column(head("起始月份"), |x: &Price| {
                    text(x.from.code()).size(13)
                }),
                table::column(head("适用房屋"), |x: &Price| {
                    text(KindChoice(x.unit_kind).to_string()).size(13)
                }),
                table::column(head("单价"), move |x: &Price| {
                    text(format!("{}{unit}", x.fen)).size(13)
                }),
            ],
            history,
        )
        .padding_y(1),
    );
    col.into()
}

fn input<'a>(
    texts: &'a super::drafts::Texts,
    f: Field,
    label: &'a str,
    placeholder: &'a str,
) -> Element<'a, Message> {
    field(
        f.id(),
        label,
        placeholder,
        texts.get(f),
        texts.error(f),
        move |v| Message::Edited(f, v),
    )
}

fn save_cancel<'a>(save: &'a str) -> Element<'a, Message> {
    row![
        button(text(save)).on_press(Message::Save),
        button(text("取消"))
            .on_press(Message::Cancel)
            .style(button::secondary),
    ]
    .spacing(8)
    .into()
}

fn price_form<'a>(p: &'a StandardsPane, d: &'a PriceDraft) -> Element<'a, Message> {
    let choices: Vec<ItemChoice> = p
        .items
        .iter()
        .filter(|i| i.active)
        .map(ItemChoice::of)
        .collect();
    let unit = d
        .item
        .as_ref()
        .and_then(|c| p.items.iter().find(|i| i.id == c.id))
        .map_or("", price_unit);
    column![
        heading("调整价格（主管）"),
        labelled(
            "收费项目",
            pick_list(choices, d.item.clone(), Message::PriceItem)
                .placeholder("选择项目")
                .into(),
            None
        ),
        labelled(
            "适用房屋",
            pick_list(KindChoice::all(), Some(d.kind), Message::PriceKind).into(),
            None
        ),
        input(&d.texts, Field::PriceFrom, "起始月份", "例如 2027-01"),
        input(&d.texts, Field::PriceAmount, "单价（元）", "例如 1.50"),
        hint(if unit.is_empty() {
            "一次性收费填常用金额。".to_string()
        } else {
            format!("单价按 元{unit} 填写。旧价格保留，用于起始月份之前。")
        }),
        save_cancel("保存价格"),
    ]
    .spacing(10)
    .into()
}

fn item_form(d: &ItemDraft) -> Element<'_, Message> {
    let new = d.id.0 == 0;
    let mut col = column![heading(if new {
        "新增收费项目"
    } else {
        "修改收费项目"
    })]
    .spacing(10);
    if new {
        col = col.push(input(
            &d.texts,
            Field::ItemCode,
            "项目代码",
            "字母或数字，例如 TCF",
        ));
        col = col.push(labelled(
            "计费方式",
            pick_list(FeeKind::ALL, Some(d.kind), Message::ItemKind).into(),
            None,
        ));
    } else {
        col = col.push(text(format!(
            "代码 {}　{}（代码和计费方式不能修改）",
            d.texts.get(Field::ItemCode),
            d.kind.label()
        )));
    }
    col = col.push(input(
        &d.texts,
        Field::ItemName,
        "项目名称",
        "例如 临时停车费",
    ));
    if d.needs_meter() && new {
        col = col.push(labelled(
            "表",
            pick_list(
                Meter::ALL,
                Some(d.meter.unwrap_or(Meter::Water)),
                Message::ItemMeter,
            )
            .into(),
            None,
        ));
    }
    col.push(
        checkbox(d.vacancy_discount)
            .label("空置房按50%收取")
            .on_toggle(Message::ItemVacancy),
    )
    .push(
        checkbox(d.active)
            .label("启用")
            .on_toggle(Message::ItemActive),
    )
    .push(save_cancel("保存"))
    .into()
}

fn space_form(d: &SpaceDraft) -> Element<'_, Message> {
    let t = &d.texts;
    column![
        heading(if d.id.is_none() {
            "新增车位"
        } else {
            "修改车位"
        }),
        input(t, Field::SpaceNumber, "车位号", "例如 B1-023"),
        input(t, Field::SpacePlace, "区域/楼层", "例如 地下一层A区"),
        input(t, Field::SpaceUnit, "房号", "例如 3-2-1502；空闲不填"),
        input(t, Field::SpacePlates, "车牌", "多个用、分隔"),
        input(
            t,
            Field::SpaceFrom,
            "起租日期",
            "例如 2026-11-01；不填按登记当月"
        ),
        input(t, Field::SpaceNote, "备注", ""),
        hint("有房号的车位按月收取机动车占位费。"),
        save_cancel("保存车位"),
    ]
    .spacing(10)
    .into()
}
