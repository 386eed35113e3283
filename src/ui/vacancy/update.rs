//! The vacancy tab's `update`: every message, and the saves behind the forms.

use super::decision::{DecisionDraft, RulesDraft, format_buildings, parse_buildings};
use super::drafts::{ApplicationDraft, InspectionDraft};
use super::{Editor, Message, Vacancy};
use crate::domain::Month;
use crate::domain::vacancy::InspectionKind;
use crate::store::NewApplication;
use crate::ui::{Action, Ctx, PrintJob};

/// The message when a form has a bad field.
const FIX_FIELDS: &str = "有填写不正确的地方，请按红字提示修改";

impl Vacancy {
    /// Handles a message.
    pub fn update(&mut self, message: Message, ctx: &mut Ctx<'_>) -> Action<Message> {
        match message {
            Message::PaneSelected(p) => {
                self.pane = p;
                self.editor = None;
            }
            Message::MonthChanged(text) => {
                self.month_text = text;
                // Wait until the month is complete; a half-typed month changes nothing.
                if let Ok(m) = Month::parse(&self.month_text) {
                    self.month = m;
                    self.refresh(ctx.store);
                }
            }
            Message::BuildingChanged(text) => {
                self.building_text = text;
                self.refresh(ctx.store);
            }
            Message::Inspect(unit) => {
                if let Some(v) = self.units.iter().find(|v| v.unit.id == unit) {
                    // Enter into the month shown; today if it is this month.
                    let day = if self.month == Month::of(self.today) {
                        self.today
                    } else {
                        self.month.first_day()
                    };
                    let previous = [0, 1, 2].map(|i| v.current[i].or(v.previous[i]));
                    self.editor = Some(Editor::Inspect(InspectionDraft::new(
                        unit,
                        v.unit.unit.address,
                        previous,
                        day,
                    )));
                    self.message = None;
                }
            }
            Message::KindPicked(k) => {
                if let Some(Editor::Inspect(d)) = &mut self.editor {
                    d.kind = k;
                }
            }
            Message::ItemToggled(i, abnormal) => {
                if let Some(Editor::Inspect(d)) = &mut self.editor
                    && let Some(slot) = d.abnormal.get_mut(i)
                {
                    *slot = abnormal;
                }
            }
            Message::Edited(field, value) => match &mut self.editor {
                Some(Editor::Inspect(d)) => d.set(field, value),
                Some(Editor::Apply(d)) => d.set(field, value),
                Some(Editor::Decide(d)) => d.set(field, value),
                None => self.edit_settings(field, value),
            },
            Message::NewApplication => {
                self.pane = super::Pane::Applications;
                self.editor = Some(Editor::Apply(ApplicationDraft::default()));
                self.message = None;
            }
            Message::IdChecked(b) => {
                if let Some(Editor::Apply(d)) = &mut self.editor {
                    d.id_checked = b;
                }
            }
            Message::Decide(id) => {
                self.editor = Some(Editor::Decide(DecisionDraft::new(id, false)))
            }
            Message::EndEarly(id) => {
                self.editor = Some(Editor::Decide(DecisionDraft::new(id, true)))
            }
            Message::ShutOff(b) => {
                if let Some(Editor::Decide(d)) = &mut self.editor {
                    d.shut_off = b;
                }
            }
            Message::Approve => self.decide(ctx, true),
            Message::Reject => self.decide(ctx, false),
            Message::Save => self.save(ctx),
            Message::Cancel => {
                self.editor = None;
                self.message = None;
            }
            Message::PrintSheet(blank) => match self.building() {
                Some(building) => {
                    return Action::Print(PrintJob::VacancySheet {
                        building,
                        month: self.month,
                        blank,
                    });
                }
                None => self.message = Some((true, "请先在“楼栋”中填写要打印的楼栋号".into())),
            },
            Message::PrintApplication(id) => {
                return Action::Print(PrintJob::VacancyApplication(id));
            }
            Message::SaveRules => self.save_rules(ctx),
            Message::OfficerPicked(o) => {
                self.officer_text = self
                    .officers
                    .iter()
                    .find(|x| x.staff == o.id)
                    .map(|x| format_buildings(&x.buildings))
                    .unwrap_or_default();
                self.officer = Some(o.id);
                self.officer_error = None;
            }
            Message::SaveOfficer => self.save_officer(ctx),
            Message::InspectBasement(id) => self.inspect_basement(id),
            Message::BasementEdited(f, v) => {
                let d = &mut self.basement_draft;
                match f {
                    super::BasementField::Building => d.building = v,
                    super::BasementField::Name => d.name = v,
                    super::BasementField::Note => d.note = v,
                }
            }
            Message::AddBasement => self.add_basement(ctx),
            Message::BasementActive(id, on) => self.set_basement_active(ctx, id, on),
        }
        Action::None
    }

    fn edit_settings(&mut self, field: super::Field, value: String) {
        match field {
            super::Field::RuleWater => self.rules_draft.water = value,
            super::Field::RulePower => self.rules_draft.power = value,
            super::Field::OfficerBuildings => self.officer_text = value,
            _ => {}
        }
    }

    fn done(&mut self, ctx: &mut Ctx<'_>, text: String) {
        self.editor = None;
        self.message = Some((false, text));
        self.refresh(ctx.store);
    }

    /// Validates and saves the open form; nothing is written unless every field is valid.
    fn save(&mut self, ctx: &mut Ctx<'_>) {
        let rec = match ctx.recorder() {
            Ok(r) => r,
            Err(e) => {
                self.message = Some((true, e));
                return;
            }
        };
        let result = match &mut self.editor {
            Some(Editor::Inspect(d)) => {
                let Some(inspection) = d.validate() else {
                    self.message = Some((true, FIX_FIELDS.into()));
                    return;
                };
                let label = inspection.kind.label();
                match &d.target {
                    super::Target::Unit(unit, address) => ctx
                        .store
                        .add_vacancy_inspection(*unit, &inspection, &rec)
                        .map(|_| format!("已保存 {address} 的{label}")),
                    super::Target::Basement(id, name) => ctx
                        .store
                        .add_basement_inspection(*id, &inspection, &rec)
                        .map(|_| format!("已保存地下室 {name} 的{label}")),
                }
            }
            Some(Editor::Apply(d)) => {
                let Some(a) = d.validate() else {
                    self.message = Some((true, FIX_FIELDS.into()));
                    return;
                };
                let unit = match ctx.store.unit_at(a.address) {
                    Ok(Some(u)) => u,
                    Ok(None) => {
                        self.message = Some((
                            true,
                            format!("没有登记 {}，请先在“房屋与业主”中登记", a.address),
                        ));
                        return;
                    }
                    Err(e) => {
                        self.message = Some((true, e.to_string()));
                        return;
                    }
                };
                let app = NewApplication {
                    unit: unit.id,
                    owner_name: a.owner,
                    id_checked: true,
                    from: a.from,
                    to: a.to,
                    reason: a.reason,
                    officer_opinion: a.opinion,
                };
                ctx.store.apply_for_vacancy(&app, &rec).map(|id| {
                    format!(
                        "已登记空置申请 KZ-{:05}（{}），请交客服中心主管审批",
                        id.0, a.address
                    )
                })
            }
            Some(Editor::Decide(d)) if d.ending => {
                let Some(last) = d.validate_end() else {
                    self.message = Some((true, FIX_FIELDS.into()));
                    return;
                };
                let (id, note) = (d.id, d.note.clone());
                ctx.store
                    .end_vacancy(id, last, &note, &rec)
                    .map(|()| "已提前结束空置，此后按全额收费".to_string())
            }
            _ => return,
        };
        match result {
            Ok(text) => self.done(ctx, text),
            Err(e) => self.message = Some((true, e.to_string())),
        }
    }

    fn decide(&mut self, ctx: &mut Ctx<'_>, approve: bool) {
        let Some(Editor::Decide(d)) = &mut self.editor else {
            return;
        };
        let rec = match ctx.recorder() {
            Ok(r) => r,
            Err(e) => {
                self.message = Some((true, e));
                return;
            }
        };
        let id = d.id;
        let result = if approve {
            let Some(readings) = d.validate_approval() else {
                self.message = Some((true, FIX_FIELDS.into()));
                return;
            };
            ctx.store
                .approve_vacancy(id, readings, true, &d.note, &rec)
                .map(|()| "已批准：已停水停电并抄表，空置期间按50%收费".to_string())
        } else {
            let Some(note) = d.validate_rejection() else {
                self.message = Some((true, FIX_FIELDS.into()));
                return;
            };
            ctx.store
                .reject_vacancy(id, &note, &rec)
                .map(|()| "已记录：不批准".to_string())
        };
        match result {
            Ok(text) => self.done(ctx, text),
            Err(e) => self.message = Some((true, e.to_string())),
        }
    }

    fn save_rules(&mut self, ctx: &mut Ctx<'_>) {
        let Some(rules) = self.rules_draft.validate() else {
            self.message = Some((true, FIX_FIELDS.into()));
            return;
        };
        match ctx.store.save_vacancy_rules(&rules) {
            Ok(()) => {
                self.rules = rules;
                self.rules_draft = RulesDraft::from_rules(&rules);
                self.done(ctx, "已保存判定标准".into());
            }
            Err(e) => self.message = Some((true, e.to_string())),
        }
    }

    fn save_officer(&mut self, ctx: &mut Ctx<'_>) {
        let Some(officer) = self.officer else {
            self.officer_error = Some("请先选择客户服务员".into());
            return;
        };
        let buildings = match parse_buildings(&self.officer_text) {
            Ok(b) => b,
            Err(e) => {
                self.officer_error = Some(e);
                return;
            }
        };
        self.officer_error = None;
        match ctx.store.set_officer_buildings(officer, &buildings) {
            Ok(()) => self.done(ctx, format!("已保存分工：{}", format_buildings(&buildings))),
            Err(e) => self.message = Some((true, e.to_string())),
        }
    }
}

/// The kinds offered in the inspection form.
pub(super) const KINDS: [InspectionKind; 3] = InspectionKind::ENTERED;
