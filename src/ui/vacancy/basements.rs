//! Basements in the vacancy tab: the list under the month's units (click a name to enter its
//! inspection) and the editor in 规则与分工 (add one, stop or resume inspecting it).

use iced::widget::{button, column, row, table, text};
use iced::{Alignment, Element, Length};

use super::drafts::InspectionDraft;
use super::{Message, Vacancy};
use crate::domain::Month;
use crate::domain::vacancy::{Basement, BasementId};
use crate::store::BasementMonth;
use crate::ui::form::form;
use crate::ui::widget::{field, heading, hint};
use crate::ui::{About, Ctx};

/// A field of the basement editor; `id` is its text input's widget id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BasementField {
    /// 楼栋.
    Building,
    /// 名称.
    Name,
    /// 备注.
    Note,
}

impl BasementField {
    /// The text input's id.
    pub fn id(self) -> &'static str {
        match self {
            BasementField::Building => "basement-building",
            BasementField::Name => "basement-name",
            BasementField::Note => "basement-note",
        }
    }
}

/// A basement being added, as typed.
#[derive(Debug, Clone, Default)]
pub struct BasementDraft {
    /// 楼栋.
    pub building: String,
    /// 名称.
    pub name: String,
    /// 备注.
    pub note: String,
    /// Messages beside the fields.
    pub errors: Vec<(BasementField, String)>,
}

impl BasementDraft {
    fn error(&self, f: BasementField) -> Option<&str> {
        self.errors
            .iter()
            .find(|(g, _)| *g == f)
            .map(|(_, m)| m.as_str())
    }

    /// Checks the fields; the basement if all are valid.
    pub fn validate(&mut self) -> Option<Basement> {
        self.errors.clear();
        let building = match self.building.trim().parse::<u32>() {
            Ok(b) if b > 0 => b,
            _ => {
                self.errors
                    .push((BasementField::Building, "请填写楼栋号，例如 3".into()));
                0
            }
        };
        let b = Basement {
            building,
            name: self.name.trim().to_string(),
            note: self.note.trim().to_string(),
            active: true,
        };
        if let Err(e) = b.check() {
            let f = match e {
                crate::domain::vacancy::BasementError::Building => BasementField::Building,
                crate::domain::vacancy::BasementError::NoteLong => BasementField::Note,
                _ => BasementField::Name,
            };
            if !self.errors.iter().any(|(g, _)| *g == f) {
                self.errors.push((f, e.to_string()));
            }
        }
        self.errors.is_empty().then_some(b)
    }
}

fn cell<'a>(s: impl text::IntoFragment<'a>) -> iced::widget::Text<'a> {
    text(s).size(14)
}

impl Vacancy {
    /// Opens the inspection form for a basement of the list.
    pub(super) fn inspect_basement(&mut self, id: BasementId) {
        if let Some(b) = self.basements.iter().find(|b| b.basement.id == id) {
            let day = if self.month == Month::of(self.today) {
                self.today
            } else {
                self.month.first_day()
            };
            let mut d = InspectionDraft::basement(id, b.basement.basement.name.clone(), day);
            d.inspector = self.officer_of(b.basement.basement.building);
            self.editor = Some(super::Editor::Inspect(Box::new(d)));
        }
    }

    /// Saves the basement being added.
    pub(super) fn add_basement(&mut self, ctx: &mut Ctx<'_>) {
        let rec = match ctx.recorder() {
            Ok(r) => r,
            Err(e) => {
                self.fail(e);
                return;
            }
        };
        let Some(b) = self.basement_draft.validate() else {
            self.fail("有填写不正确的地方，请按红字提示修改");
            return;
        };
        match ctx.store.add_basement(&b, &rec) {
            Ok(_) => {
                self.basement_draft = BasementDraft::default();
                self.ok(format!(
                    "已添加 {}号楼 {}，每月按空置房检查",
                    b.building, b.name
                ));
                self.refresh(ctx.store);
            }
            Err(e) => self.fail(e.to_string()),
        }
    }

    /// Stops or resumes inspecting a basement.
    pub(super) fn set_basement_active(&mut self, ctx: &mut Ctx<'_>, id: BasementId, on: bool) {
        if let Err(e) = ctx.recorder() {
            self.fail(e);
            return;
        }
        let Some(b) = self.all_basements.iter().find(|b| b.id == id) else {
            return;
        };
        let changed = Basement {
            active: on,
            ..b.basement.clone()
        };
        match ctx.store.update_basement(id, &changed, &ctx.stamp()) {
            Ok(()) => {
                let what = if on { "恢复检查" } else { "停止检查" };
                self.ok(format!("{} 已{what}", changed.name));
                self.refresh(ctx.store);
            }
            Err(e) => self.fail(e.to_string()),
        }
    }

    /// The month's basements (of the building in the filter), shown under the units.
    pub(super) fn basements_list(&self) -> Option<Element<'_, Message>> {
        if self.basements.is_empty() {
            return None;
        }
        let done = self
            .basements
            .iter()
            .filter(|b| b.inspected.is_some())
            .count();
        let columns = [
            table::column(cell("地下室"), |b: &BasementMonth| {
                button(cell(b.basement.basement.name.as_str()))
                    .padding([2, 6])
                    .style(button::text)
                    .on_press(Message::InspectBasement(b.basement.id))
            }),
            table::column(cell("楼栋"), |b: &BasementMonth| {
                cell(format!("{}号楼", b.basement.basement.building))
            }),
            table::column(cell("本月检查"), |b: &BasementMonth| {
                let basement = b.basement.id;
                match &b.inspected {
                    Some(i) => super::view::inspected(
                        &i.inspection,
                        &i.inspector_name,
                        i.repair.as_ref(),
                        Message::RepairBasement(basement, i.id),
                    ),
                    None => cell("未检查").style(text::danger).into(),
                }
            })
            .width(Length::Fill),
        ];
        Some(
            column![
                text(format!(
                    "地下室 {} 处：已检查 {done} 处，待检查 {} 处",
                    self.basements.len(),
                    self.basements.len() - done
                ))
                .size(14),
                table(columns, &self.basements).padding_y(2),
            ]
            .spacing(6)
            .into(),
        )
    }

    /// The basement editor in 规则与分工.
    pub(super) fn basements_settings(&self) -> Element<'_, Message> {
        let d = &self.basement_draft;
        let mut list = column![].spacing(4);
        for b in &self.all_basements {
            let x = &b.basement;
            let label = format!(
                "{}号楼 {}{}{}",
                x.building,
                x.name,
                if x.note.is_empty() { "" } else { "：" },
                x.note
            );
            let toggle = if x.active {
                button(text("停止检查").size(13))
                    .style(button::secondary)
                    .on_press(Message::BasementActive(b.id, false))
            } else {
                button(text("恢复检查").size(13)).on_press(Message::BasementActive(b.id, true))
            };
            let state = if x.active {
                ""
            } else {
                "（已停止检查）"
            };
            list = list.push(
                row![cell(format!("{label}{state}")), toggle]
                    .spacing(8)
                    .align_y(Alignment::Center),
            );
        }
        let edit = |f: BasementField| move |v| Message::BasementEdited(f, v);
        let mut c = column![heading("地下室（按空置房检查）")].spacing(8);
        if self.all_basements.is_empty() {
            c = c.push(hint("还没有登记地下室。"));
        }
        let fields = column![
            field(
                BasementField::Building.id(),
                "楼栋",
                "例如 3",
                &d.building,
                d.error(BasementField::Building),
                edit(BasementField::Building)
            ),
            field(
                BasementField::Name.id(),
                "名称",
                "例如 3号楼地下室",
                &d.name,
                d.error(BasementField::Name),
                edit(BasementField::Name)
            ),
            field(
                BasementField::Note.id(),
                "备注",
                "例如 钥匙在监控室",
                &d.note,
                d.error(BasementField::Note),
                edit(BasementField::Note)
            ),
            button(text("添加地下室")).on_press(Message::AddBasement),
        ]
        .spacing(6);
        c.push(list)
            .push(
                form(About::form("basement-editor"), fields)
                    .on_submit(Message::AddBasement)
                    .keep_cursor(),
            )
            .into()
    }
}
