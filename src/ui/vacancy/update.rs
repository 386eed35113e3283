//! The vacancy tab's `update`: every message, and the saves behind the forms.

use super::decision::{DecisionDraft, DecisionKind, RulesDraft, format_buildings, parse_buildings};
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
        // The desk's clock for this update: past midnight the forms date today, past a month
        // end the list moves on to the new month.
        if self.set_today(ctx.now.date()) {
            self.refresh(ctx.store);
        }
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
                    self.follows_today = m == Month::of(self.today);
                    self.page = 0;
                    self.refresh(ctx.store);
                }
            }
            Message::BuildingChanged(text) => {
                self.building_text = text;
                self.page = 0;
                self.refresh(ctx.store);
            }
            Message::PageTo(page) => self.page = page,
            Message::Inspect(unit) => self.inspect(ctx, unit),
            Message::KindPicked(k) => {
                self.notices.edited(self.on_screen());
                if let Some(Editor::Inspect(d)) = &mut self.editor {
                    d.kind = k;
                }
            }
            Message::ItemToggled(i, abnormal) => {
                self.notices.edited(self.on_screen());
                if let Some(Editor::Inspect(d)) = &mut self.editor
                    && let Some(slot) = d.abnormal.get_mut(i)
                {
                    *slot = abnormal;
                }
            }
            Message::Edited(field, value) => {
                self.notices.edited(self.on_screen());
                match &mut self.editor {
                    Some(Editor::Inspect(d)) => d.set(field, value),
                    Some(Editor::Apply(d)) => d.set(field, value),
                    Some(Editor::Decide(d)) => d.set(field, value),
                    None => self.edit_settings(field, value),
                }
            }
            Message::NewApplication => {
                self.pane = super::Pane::Applications;
                self.editor = Some(Editor::Apply(ApplicationDraft::default()));
                self.notices.clear();
            }
            Message::IdChecked(b) => {
                self.notices.edited(self.on_screen());
                if let Some(Editor::Apply(d)) = &mut self.editor {
                    d.id_checked = b;
                }
            }
            Message::Decide(id) => {
                self.editor = Some(Editor::Decide(DecisionDraft::new(id, DecisionKind::Decide)))
            }
            Message::EndEarly(id) => {
                self.editor = Some(Editor::Decide(DecisionDraft::new(id, DecisionKind::End)))
            }
            Message::ShutOff(id) => {
                self.editor = Some(Editor::Decide(DecisionDraft::new(
                    id,
                    DecisionKind::ShutOff,
                )))
            }
            Message::LowerPicked(m, lower) => {
                self.notices.edited(self.on_screen());
                if let Some(Editor::Inspect(d)) = &mut self.editor {
                    d.lower[super::drafts::meter_index(m)] = Some(lower);
                }
            }
            Message::InspectorPicked(choice) => {
                self.notices.edited(self.on_screen());
                if let Some(Editor::Inspect(d)) = &mut self.editor {
                    d.inspector = Some(choice);
                }
            }
            Message::Repair(id) => self.repair(ctx, id),
            Message::RepairBasement(basement, id) => self.repair_basement(ctx, basement, id),
            Message::Approve => self.decide(ctx, true),
            Message::Reject => self.decide(ctx, false),
            Message::Save => self.save(ctx),
            Message::Cancel => {
                self.editor = None;
                self.notices.clear();
            }
            Message::PrintSheet(blank) => match self.building() {
                Some(building) => {
                    return Action::Print(PrintJob::VacancySheet {
                        building,
                        month: self.month,
                        blank,
                    });
                }
                None => self.fail("请先在“楼栋”中填写要打印的楼栋号"),
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
                self.notices.edited(self.on_screen());
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

    /// Opens the inspection form of `unit`: dated today if the month shown is this month (the
    /// desk's clock), with the last readings beside the fields and the building's service
    /// officer as 检查人.
    fn inspect(&mut self, ctx: &mut Ctx<'_>, unit: crate::domain::unit::UnitId) {
        let Some(v) = self.units.iter().find(|v| v.unit.id == unit) else {
            return;
        };
        let day = if self.month == Month::of(self.today) {
            self.today
        } else {
            self.month.first_day()
        };
        let address = v.unit.unit.address;
        let previous = match ctx.store.last_vacancy_readings(unit, day) {
            Ok(p) => p,
            Err(e) => {
                self.fail(e.to_string());
                return;
            }
        };
        let mut d = InspectionDraft::new(unit, address, previous, day);
        d.inspector = self.officer_of(address.building);
        self.editor = Some(Editor::Inspect(Box::new(d)));
    }

    /// Opens a repair order in 报修管理 for a unit's abnormal inspection.
    fn repair(&mut self, ctx: &mut Ctx<'_>, id: crate::domain::vacancy::InspectionId) {
        let rec = match ctx.recorder() {
            Ok(r) => r,
            Err(e) => {
                self.fail(e);
                return;
            }
        };
        let address = self
            .units
            .iter()
            .find(|v| v.inspected.as_ref().is_some_and(|i| i.id == id))
            .map(|v| v.unit.unit.address.short())
            .unwrap_or_default();
        let result = ctx
            .store
            .repair_from_inspection(id, &rec)
            .map(|(_, number)| {
                format!(
                    "已为 {address} 开维修单 {number}，请到“报修管理”派单；已记入该房屋的房屋记录"
                )
            });
        self.notices.report(self.on_screen(), result);
        self.refresh(ctx.store);
    }

    /// Opens a public repair order for a basement's abnormal inspection.
    fn repair_basement(
        &mut self,
        ctx: &mut Ctx<'_>,
        basement: crate::domain::vacancy::BasementId,
        id: i64,
    ) {
        let rec = match ctx.recorder() {
            Ok(r) => r,
            Err(e) => {
                self.fail(e);
                return;
            }
        };
        let result = ctx
            .store
            .repair_from_basement_inspection(basement, id, &rec)
            .map(|(_, number)| format!("已开公共报修维修单 {number}，请到“报修管理”派单"));
        self.notices.report(self.on_screen(), result);
        self.refresh(ctx.store);
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
        self.ok(text);
        self.refresh(ctx.store);
    }

    /// Validates and saves the open form; nothing is written unless every field is valid.
    fn save(&mut self, ctx: &mut Ctx<'_>) {
        let rec = match ctx.recorder() {
            Ok(r) => r,
            Err(e) => {
                self.fail(e);
                return;
            }
        };
        let result = match &mut self.editor {
            Some(Editor::Inspect(d)) => {
                let Some(inspection) = d.validate() else {
                    self.fail(FIX_FIELDS);
                    return;
                };
                let label = inspection.kind.label();
                let inspector = d.inspector();
                let by = inspector
                    .as_ref()
                    .map_or(rec.by_name.clone(), |i| i.name.clone());
                // An anomaly is to be reported on: the list offers its repair order.
                let next = if inspection.is_abnormal() {
                    "；有异常，可在列表中点“报修”开维修单"
                } else {
                    ""
                };
                match &d.target {
                    super::Target::Unit(unit, address) => ctx
                        .store
                        .add_vacancy_inspection_by(*unit, &inspection, inspector.as_ref(), &rec)
                        .map(|_| format!("已保存 {address} 的{label}（检查人 {by}）{next}")),
                    super::Target::Basement(id, name) => ctx
                        .store
                        .add_basement_inspection_by(*id, &inspection, inspector.as_ref(), &rec)
                        .map(|_| format!("已保存地下室 {name} 的{label}（检查人 {by}）{next}")),
                }
            }
            Some(Editor::Apply(d)) => {
                let Some(a) = d.validate() else {
                    self.fail(FIX_FIELDS);
                    return;
                };
                let unit = match ctx.store.unit_at(a.address) {
                    Ok(Some(u)) => u,
                    Ok(None) => {
                        self.fail(format!("没有登记 {}，请先在“房屋与业主”中登记", a.address));
                        return;
                    }
                    Err(e) => {
                        self.fail(e.to_string());
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
            Some(Editor::Decide(d)) if d.kind == DecisionKind::ShutOff => {
                let Some(readings) = d.validate_shut_off() else {
                    self.fail(FIX_FIELDS);
                    return;
                };
                ctx.store
                    .record_shut_off(d.id, readings, &rec)
                    .map(|()| "已记录停水停电及抄表读数，作为空置期间用量的起点".to_string())
            }
            Some(Editor::Decide(d)) if d.kind == DecisionKind::End => {
                let Some(last) = d.validate_end() else {
                    self.fail(FIX_FIELDS);
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
            Err(e) => self.fail(e.to_string()),
        }
    }

    fn decide(&mut self, ctx: &mut Ctx<'_>, approve: bool) {
        let Some(Editor::Decide(d)) = &mut self.editor else {
            return;
        };
        let rec = match ctx.recorder() {
            Ok(r) => r,
            Err(e) => {
                self.fail(e);
                return;
            }
        };
        let id = d.id;
        let result = if approve {
            let from = self
                .applications
                .iter()
                .find(|a| a.id == id)
                .map(|a| a.from);
            ctx.store.approve_vacancy(id, &d.note, &rec).map(|()| {
                let from = from.map(crate::domain::date::paper_date).unwrap_or_default();
                format!(
                    "已批准：请告知收费员自 {from} 起按50%收费，再派单停水停电并抄表（列表中显示“待停水停电”）"
                )
            })
        } else {
            let Some(note) = d.validate_rejection() else {
                self.fail(FIX_FIELDS);
                return;
            };
            ctx.store
                .reject_vacancy(id, &note, &rec)
                .map(|()| "已记录：不批准".to_string())
        };
        match result {
            Ok(text) => self.done(ctx, text),
            Err(e) => self.fail(e.to_string()),
        }
    }

    fn save_rules(&mut self, ctx: &mut Ctx<'_>) {
        let Some(rules) = self.rules_draft.validate() else {
            self.fail(FIX_FIELDS);
            return;
        };
        match ctx.store.save_vacancy_rules(&rules, &ctx.stamp()) {
            Ok(()) => {
                self.rules = rules;
                self.rules_draft = RulesDraft::from_rules(&rules);
                self.done(ctx, "已保存判定标准".into());
            }
            Err(e) => self.fail(e.to_string()),
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
        match ctx
            .store
            .set_officer_buildings(officer, &buildings, &ctx.stamp())
        {
            Ok(()) => self.done(ctx, format!("已保存分工：{}", format_buildings(&buildings))),
            Err(e) => self.fail(e.to_string()),
        }
    }
}

/// The kinds offered in the inspection form.
pub(super) const KINDS: [InspectionKind; 3] = InspectionKind::ENTERED;
