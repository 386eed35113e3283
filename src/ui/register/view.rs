//! The register tab's screen: search and results on the left, the unit or an editor on the right.

use iced::widget::{button, column, container, pick_list, row, space, table, text, text_input};
use iced::{Alignment, Element, Length};

use super::{Editor, Message, PAGE_SIZE, Register, SEARCH_ID, Selected};
use crate::domain::date;
use crate::domain::person::Relation;
use crate::domain::unit::UnitStatus;
use crate::store::UnitSummary;
use crate::ui::About;
use crate::ui::form::form;
use crate::ui::widget::{field, heading, hint, labelled, master_detail, pager, scroll};

use super::editor::{PersonDraft, PersonField, UnitDraft, UnitField};

impl Register {
    /// The tab.
    pub fn view(&self) -> Element<'_, Message> {
        let right: Element<'_, Message> = if let Some(import) = &self.import {
            import.view().map(Message::Import)
        } else {
            match (&self.editor, &self.selected) {
                (Some(Editor::Unit(d)), _) => unit_editor(d),
                (Some(Editor::Person(d)), selected) => person_editor(d, selected.as_ref()),
                (Some(Editor::ConfirmRemove(id, name)), _) => column![
                    text(format!(
                        "确定把 {name} 从这套房屋中移除吗？房屋记录里会保留这次操作。"
                    )),
                    row![
                        button(text("确认移除"))
                            .on_press(Message::ConfirmRemove(*id))
                            .style(button::danger),
                        button(text("取消"))
                            .on_press(Message::Cancel)
                            .style(button::secondary),
                    ]
                    .spacing(8),
                ]
                .spacing(12)
                .into(),
                (
                    Some(Editor::Reveal {
                        person,
                        name,
                        purpose,
                    }),
                    _,
                ) => reveal_form(About::record("reveal", person.0), name, purpose),
                (None, Some(s)) => self.unit_detail(s),
                (None, None) => hint("在左边搜索并选择一套房屋，或点击“登记房屋”。"),
            }
        };
        master_detail(self.search_panel(), right, self.message())
    }

    fn search_panel(&self) -> Element<'_, Message> {
        let search = text_input("搜索：房号 3-2-1502 或 1502、姓名、手机尾号", &self.query)
            .id(SEARCH_ID)
            .on_input(Message::SearchChanged)
            .padding(8)
            .size(16);
        let actions = row![
            button(text("登记房屋")).on_press(Message::NewUnit),
            button(text("导入花名册"))
                .on_press(Message::Import(super::import::Message::Pick))
                .style(button::secondary),
        ]
        .spacing(8);
        let selected = self.selected.as_ref().map(|s| s.unit.id);
        let columns = [
            table::column(text("房屋").size(14), move |r: &UnitSummary| {
                let b = button(text(r.unit.unit.address.short()).size(14))
                    .padding([2, 6])
                    .on_press(Message::Select(r.unit.id));
                if Some(r.unit.id) == selected {
                    b.style(button::primary)
                } else {
                    b.style(button::text)
                }
            }),
            table::column(text("面积(m²)").size(14), |r: &UnitSummary| {
                text(r.unit.unit.area.to_string()).size(14)
            })
            .align_x(Alignment::End),
            table::column(text("状态").size(14), |r: &UnitSummary| {
                text(r.unit.unit.status.label()).size(14)
            }),
            table::column(text("业主").size(14), |r: &UnitSummary| {
                text(r.owners.as_str()).size(14)
            })
            .width(Length::Fill),
            table::column(text("电话").size(14), |r: &UnitSummary| {
                text(r.phone_masked.as_str()).size(14)
            }),
        ];
        let results: Element<'_, Message> = if self.results.rows.is_empty() {
            hint("没有找到。可以换个写法再试，例如 3-2-1502、1502、张伟、5678。")
        } else {
            // The room number is a button (its padding lowers its text): centre every cell so
            // the row reads on one line.
            table(
                columns.map(|c| c.align_y(Alignment::Center)),
                self.results.rows.iter(),
            )
            .padding_y(2)
            .into()
        };
        let pager = pager(
            self.results.page,
            self.results.pages(),
            self.results.total,
            "套",
            Message::PageTo,
        );
        debug_assert!(self.results.rows.len() <= PAGE_SIZE);
        column![search, actions, scroll(results).height(Length::Fill), pager]
            .spacing(10)
            .into()
    }
}

impl Register {
    fn unit_detail<'a>(&'a self, s: &'a Selected) -> Element<'a, Message> {
        let u = &s.unit.unit;
        let head = column![
            text(u.address.to_string()).size(22),
            text(format!(
                "建筑面积 {}　·　{}　·　{}层",
                u.area.with_unit(),
                u.status.label(),
                u.address.floor()
            ))
            .size(14),
        ]
        .spacing(4);
        let mut c = column![
            head,
            row![
                button(text("修改房屋"))
                    .on_press(Message::EditUnit)
                    .style(button::secondary),
                button(text("添加业主/住户")).on_press(Message::AddPerson),
                button(text("打印业主信息卡"))
                    .on_press(Message::PrintCard)
                    .style(button::secondary),
            ]
            .spacing(8),
        ]
        .spacing(12);
        if !u.note.is_empty() {
            c = c.push(text(format!("备注：{}", u.note)).size(14));
        }
        c = c.push(heading("业主与住户"));
        if s.people.is_empty() {
            c = c.push(hint("还没有登记业主或住户。"));
        }
        for p in &s.people {
            let person = &p.person;
            let mut lines = column![
                row![
                    text(&person.name).size(16),
                    text(person.relation.label())
                        .size(13)
                        .style(text::secondary),
                    space::horizontal(),
                    button(text("编辑").size(13))
                        .on_press(Message::EditPerson(p.id))
                        .style(button::text),
                    button(text("移除").size(13))
                        .on_press(Message::RemovePerson(p.id))
                        .style(button::text),
                ]
                .push(person.id_number.as_ref().map(|_| {
                    button(text("查看完整身份证号").size(13))
                        .on_press(Message::Reveal(p.id))
                        .style(button::text)
                }))
                .spacing(8)
                .align_y(Alignment::Center),
            ]
            .spacing(2);
            let mut facts = Vec::new();
            if let Some(m) = &person.phone {
                facts.push(format!("电话 {}", m.masked()));
            }
            if let Some(id) = &person.id_number {
                match self.revealed(p.id) {
                    Some(full) => facts.push(format!("身份证 {full}")),
                    None => facts.push(format!("身份证 {}", id.masked())),
                }
            }
            if let Some(d) = person.move_in {
                facts.push(format!("入住 {}", date::table_date(d)));
            }
            if !facts.is_empty() {
                lines = lines.push(text(facts.join("　")).size(13));
            }
            if !person.emergency_contact.is_empty() || person.emergency_phone.is_some() {
                let phone = person
                    .emergency_phone
                    .as_ref()
                    .map(|m| m.masked())
                    .unwrap_or_default();
                lines = lines.push(
                    text(format!("紧急联系人 {} {}", person.emergency_contact, phone)).size(13),
                );
            }
            if !person.note.is_empty() {
                lines = lines.push(text(format!("备注：{}", person.note)).size(13));
            }
            c = c.push(
                container(lines)
                    .padding(8)
                    .style(container::rounded_box)
                    .width(Length::Fill),
            );
        }
        c = c.push(heading("房屋记录"));
        for e in &s.log {
            c = c.push(
                text(format!(
                    "{}　{}　[{}] {}",
                    date::table_datetime(e.at),
                    e.by_name,
                    e.kind,
                    e.text
                ))
                .size(13),
            );
        }
        c.into()
    }
}

/// 查看完整身份证号: the purpose is required, and the reveal is logged.
fn reveal_form<'a>(about: About, name: &'a str, purpose: &'a str) -> Element<'a, Message> {
    let fields = column![
        heading("查看完整身份证号"),
        text(format!("{name}　每次查看都记入操作日志")).size(14),
        hint("由客服中心主管查看；其他人点“查看”时请主管输入PIN会签。"),
        field(
            super::PURPOSE_ID,
            "用途",
            "例如 办理产权变更，核对身份",
            purpose,
            None,
            Message::PurposeEdited
        ),
        row![
            button(text("查看")).on_press(Message::Save),
            button(text("取消"))
                .on_press(Message::Cancel)
                .style(button::secondary),
        ]
        .spacing(8),
    ]
    .spacing(10);
    form(about, fields)
        .on_submit(Message::Save)
        .on_cancel(Message::Cancel)
        .into()
}

fn unit_editor(d: &UnitDraft) -> Element<'_, Message> {
    let title = if d.editing.is_some() {
        "修改房屋"
    } else {
        "登记房屋"
    };
    let address: Element<'_, Message> = if d.editing.is_some() {
        labelled("房号", text(&d.address).into(), None)
    } else {
        field(
            UnitField::Address.id(),
            "房号",
            "楼栋-单元-房号，例如 3-2-1502",
            &d.address,
            d.error(UnitField::Address),
            |v| Message::UnitEdited(UnitField::Address, v),
        )
    };
    let fields = column![
        heading(title),
        address,
        field(
            UnitField::Area.id(),
            "建筑面积(m²)",
            "例如 89.50",
            &d.area,
            d.error(UnitField::Area),
            |v| { Message::UnitEdited(UnitField::Area, v) }
        ),
        labelled(
            "状态",
            pick_list(UnitStatus::ALL, Some(d.status), Message::UnitStatusPicked).into(),
            None
        ),
        field(
            UnitField::Note.id(),
            "备注",
            "",
            &d.note,
            d.error(UnitField::Note),
            |v| Message::UnitEdited(UnitField::Note, v)
        ),
        save_cancel(),
    ]
    .spacing(10);
    let about = About::record("unit-form", d.editing.map_or(0, |id| id.0));
    form(about, fields)
        .on_submit(Message::Save)
        .on_cancel(Message::Cancel)
        .into()
}

fn person_editor<'a>(d: &'a PersonDraft, unit: Option<&'a Selected>) -> Element<'a, Message> {
    let title = if d.editing.is_some() {
        "编辑业主/住户"
    } else {
        "添加业主/住户"
    };
    let stored = d.stored();
    let keep = |m: Option<String>| m.map(|m| format!("已登记 {m}，不改请留空"));
    let phone_hint = keep(stored.and_then(|p| p.phone.as_ref()).map(|m| m.masked()));
    let id_hint = keep(
        stored
            .and_then(|p| p.id_number.as_ref())
            .map(|i| i.masked()),
    );
    let emergency_hint = keep(
        stored
            .and_then(|p| p.emergency_phone.as_ref())
            .map(|m| m.masked()),
    );
    let f =
        |label, placeholder: &'static str, value, field_id: PersonField, hint: Option<String>| {
            let input = text_input(hint.as_deref().unwrap_or(placeholder), value)
                .id(field_id.id())
                .on_input(move |v| Message::PersonEdited(field_id, v))
                .padding(6)
                .width(Length::Fixed(260.0));
            labelled(label, input.into(), d.error(field_id))
        };
    let unit = unit
        .map(|s| s.unit.unit.address.to_string())
        .unwrap_or_default();
    let fields = column![
        heading(title),
        text(unit).size(14),
        f("姓名", "", &d.name, PersonField::Name, None),
        labelled(
            "关系",
            pick_list(Relation::ALL, Some(d.relation), Message::RelationPicked).into(),
            None
        ),
        f(
            "联系电话",
            "手机号，例如 13800138000",
            &d.phone,
            PersonField::Phone,
            phone_hint
        ),
        f(
            "身份证号",
            "18位，末位可以是X",
            &d.id_number,
            PersonField::IdNumber,
            id_hint
        ),
        f(
            "入住日期",
            "例如 2026-11-29，可不填",
            &d.move_in,
            PersonField::MoveIn,
            None
        ),
        f(
            "紧急联系人",
            "",
            &d.emergency_contact,
            PersonField::EmergencyContact,
            None
        ),
        f(
            "紧急联系电话",
            "",
            &d.emergency_phone,
            PersonField::EmergencyPhone,
            emergency_hint
        ),
        f("备注", "", &d.note, PersonField::Note, None),
        save_cancel(),
    ]
    .spacing(10);
    let about = About::record("person-form", d.editing.as_ref().map_or(0, |(id, _)| id.0));
    form(about, fields)
        .on_submit(Message::Save)
        .on_cancel(Message::Cancel)
        .into()
}

fn save_cancel<'a>() -> Element<'a, Message> {
    row![
        button(text("保存")).on_press(Message::Save),
        button(text("取消"))
            .on_press(Message::Cancel)
            .style(button::secondary),
    ]
    .spacing(8)
    .into()
}
