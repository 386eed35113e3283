//! The vacancy tab's screen: pane buttons, then the month's units, the applications, the
//! coverage or the settings on the left, and the open form on the right.

use iced::widget::{button, column, container, pick_list, row, rule, table, text, text_input};
use iced::{Alignment, Element, Length};

use super::{BUILDING_ID, Field, MONTH_ID, Message, OfficerChoice, PAGE_SIZE, Pane, Vacancy};
use crate::domain::date::{table_date, table_datetime};
use crate::domain::vacancy::{ApplicationState, BuildingCoverage, Meter, OfficerCoverage, Verdict};
use crate::store::{ApplicationRecord, VacantUnit};
use crate::ui::About;
use crate::ui::form::form;
use crate::ui::widget::{field, heading, hint, pager, scroll};

fn cell<'a>(s: impl text::IntoFragment<'a>) -> iced::widget::Text<'a> {
    text(s).size(14)
}

impl Vacancy {
    /// The tab.
    pub fn view(&self) -> Element<'_, Message> {
        let panes = Pane::ALL.iter().fold(row![].spacing(4), |r, &p| {
            let b = button(text(p.label()).size(14)).padding([4, 12]);
            r.push(if p == self.pane {
                b.style(button::primary).on_press(Message::PaneSelected(p))
            } else {
                b.style(button::secondary)
                    .on_press(Message::PaneSelected(p))
            })
        });
        let left = match self.pane {
            Pane::Units => self.units_pane(),
            Pane::Applications => self.applications_pane(),
            Pane::Coverage => self.coverage_pane(),
            Pane::Settings => self.settings_pane(),
        };
        let mut right = column![self.editor_view()].spacing(12);
        if let Some(n) = self.message() {
            right = right.push(text(&n.text).size(14).style(if n.error {
                text::danger
            } else {
                text::success
            }));
        }
        column![
            panes,
            row![
                container(left).width(Length::FillPortion(5)),
                rule::vertical(1),
                container(scroll(right.padding([0, 8])).height(Length::Fill))
                    .width(Length::FillPortion(3)),
            ]
            .spacing(12)
            .height(Length::Fill)
        ]
        .spacing(10)
        .into()
    }

    fn filters(&self) -> Element<'_, Message> {
        row![
            text("月份").size(14),
            text_input("2026-11", &self.month_text)
                .id(MONTH_ID)
                .on_input(Message::MonthChanged)
                .padding(6)
                .width(Length::Fixed(100.0)),
            text("楼栋").size(14),
            text_input("全部", &self.building_text)
                .id(BUILDING_ID)
                .on_input(Message::BuildingChanged)
                .padding(6)
                .width(Length::Fixed(70.0)),
            button(text("打印空白检查表").size(14))
                .on_press(Message::PrintSheet(true))
                .style(button::secondary),
            button(text("打印检查记录表").size(14))
                .on_press(Message::PrintSheet(false))
                .style(button::secondary),
        ]
        .spacing(8)
        .align_y(Alignment::Center)
        .into()
    }

    fn units_pane(&self) -> Element<'_, Message> {
        let summary = text(self.summary()).size(14);
        let columns = [
            table::column(cell("房号"), |v: &VacantUnit| {
                button(cell(v.unit.unit.address.short()))
                    .padding([2, 6])
                    .style(button::text)
                    .on_press(Message::Inspect(v.unit.id))
            }),
            table::column(cell("类别"), |v: &VacantUnit| cell(v.kind.label())),
            table::column(cell("本月检查"), |v: &VacantUnit| match &v.inspected {
                Some(i) => inspected(
                    &i.inspection,
                    &i.inspector_name,
                    i.repair.as_ref(),
                    Message::Repair(i.id),
                ),
                None => cell("未检查").style(text::danger).into(),
            }),
            table::column(cell("水表(t)"), |v: &VacantUnit| reading(v, Meter::Water))
                .align_x(Alignment::End),
            table::column(cell("电表(kWh)"), |v: &VacantUnit| {
                reading(v, Meter::Power)
            })
            .align_x(Alignment::End),
            table::column(cell("用量判定"), |v: &VacantUnit| match &v.verdict {
                Verdict::Vacant => cell("未超标"),
                Verdict::Occupied(r) => {
                    cell(format!("视为入住：{}", r.join("，"))).style(text::danger)
                }
                Verdict::Unknown(r) => {
                    cell(format!("无法判断：{}", r.join("，"))).style(text::secondary)
                }
            })
            .width(Length::Fill),
        ];
        let shown = self
            .units
            .iter()
            .skip(self.page * PAGE_SIZE)
            .take(PAGE_SIZE);
        let list: Element<'_, Message> = if self.units.is_empty() {
            hint("这个月份和楼栋没有空置房。")
        } else {
            table(columns, shown).padding_y(2).into()
        };
        let mut body = column![list].spacing(12);
        if let Some(b) = self.basements_list() {
            body = body.push(b);
        }
        let mut c = column![
            self.filters(),
            summary,
            hint("点击房号或地下室名称录入检查；房屋的检查记录和读数写入该房屋的房屋记录。"),
            scroll(body).height(Length::Fill),
        ]
        .spacing(10);
        // Under the list, always in sight, like the other tabs' paged lists.
        if self.units.len() > PAGE_SIZE {
            c = c.push(pager(
                self.page,
                self.units.len().div_ceil(PAGE_SIZE),
                self.units.len() as i64,
                "套空置房",
                Message::PageTo,
            ));
        }
        c.into()
    }

    /// The month's counts, units and basements named apart: the same numbers as the coverage
    /// pane's totals when no building is chosen, and as its building's row when one is.
    pub fn summary(&self) -> String {
        let units = self.units.len();
        let inspected = self.units.iter().filter(|v| v.inspected.is_some()).count();
        let occupied = self
            .units
            .iter()
            .filter(|v| matches!(v.verdict, Verdict::Occupied(_)))
            .count();
        let basements = self.basements.len();
        let walked = self
            .basements
            .iter()
            .filter(|b| b.inspected.is_some())
            .count();
        let mut text = format!(
            "{} 空置房 {units} 套，已检查 {inspected} 套，待检查 {} 套",
            self.month.paper(),
            units - inspected
        );
        if basements > 0 {
            text.push_str(&format!(
                "；地下室 {basements} 处，已检查 {walked} 处，待检查 {} 处",
                basements - walked
            ));
        }
        text.push_str(&format!("；视为入住 {occupied} 套"));
        text
    }

    fn applications_pane(&self) -> Element<'_, Message> {
        let today = self.today;
        let columns = [
            table::column(cell("编号"), |a: &ApplicationRecord| {
                cell(format!("KZ-{:05}", a.id.0))
            }),
            table::column(cell("房号"), |a: &ApplicationRecord| {
                cell(a.address.short())
            }),
            table::column(cell("申请人"), |a: &ApplicationRecord| {
                cell(a.owner_name.as_str())
            }),
            table::column(cell("空置期间"), |a: &ApplicationRecord| {
                cell(format!("{} 至 {}", table_date(a.from), table_date(a.to)))
            }),
            table::column(cell("状态"), move |a: &ApplicationRecord| {
                let s = a.state(today);
                let state = match s {
                    ApplicationState::Expired | ApplicationState::Pending => {
                        cell(s.label()).style(text::danger)
                    }
                    _ => cell(s.label()),
                };
                // The shut-off still to do on a line of its own, so the column stays narrow and
                // the buttons beside it keep their words on one line.
                let waiting = a
                    .awaiting_shut_off()
                    .then(|| cell("待停水停电").style(text::danger));
                // Who decided, under it: `刘洋（经办：张敏）` when countersigned at the desk.
                let by = a
                    .decided
                    .as_ref()
                    .map(|(by, _)| text(format!("审批：{by}")).size(12).style(text::secondary));
                column![state].push(waiting).push(by)
            }),
            table::column(cell(""), move |a: &ApplicationRecord| {
                let mut r = row![].spacing(4);
                if a.awaiting_shut_off() {
                    r = r.push(
                        button(cell("停水停电"))
                            .padding([2, 8])
                            .on_press(Message::ShutOff(a.id)),
                    );
                }
                match a.state(today) {
                    ApplicationState::Pending => {
                        r = r.push(
                            button(cell("审批"))
                                .padding([2, 8])
                                .on_press(Message::Decide(a.id)),
                        );
                    }
                    ApplicationState::InForce | ApplicationState::Upcoming => {
                        r = r.push(
                            button(cell("提前结束"))
                                .padding([2, 8])
                                .style(button::secondary)
                                .on_press(Message::EndEarly(a.id)),
                        );
                    }
                    _ => {}
                }
                r.push(
                    button(cell("打印"))
                        .padding([2, 8])
                        .style(button::secondary)
                        .on_press(Message::PrintApplication(a.id)),
                )
            })
            .width(Length::Fill),
        ];
        let expired = self
            .applications
            .iter()
            .filter(|a| a.state(today) == ApplicationState::Expired)
            .count();
        let mut c = column![
            row![button(text("登记空置申请")).on_press(Message::NewApplication)].spacing(8),
            hint("列出待审批、待停水停电、空置中和近90天内到期的申请。空置期满后按全额收费，业主继续空置须重新申请。"),
        ]
        .spacing(10);
        let waiting = self.awaiting_shut_off();
        if waiting > 0 {
            c = c.push(
                text(format!(
                    "待停水停电 {waiting} 户：已批准，请派单停水停电并抄表，完成后点“停水停电”录入读数。"
                ))
                .size(14)
                .style(text::danger),
            );
        }
        if expired > 0 {
            c = c.push(
                text(format!(
                    "有 {expired} 份申请已到期，请提醒业主重新申请或恢复全额收费。"
                ))
                .size(14)
                .style(text::danger),
            );
        }
        let list: Element<'_, Message> = if self.applications.is_empty() {
            hint("没有待处理的空置申请。")
        } else {
            table(columns, self.applications.iter()).padding_y(2).into()
        };
        c.push(scroll(list).height(Length::Fill)).into()
    }

    fn coverage_pane(&self) -> Element<'_, Message> {
        let officers = [
            table::column(cell("客户服务员"), |o: &OfficerCoverage| {
                cell(o.officer.as_str())
            }),
            table::column(cell("楼栋"), |o: &OfficerCoverage| {
                cell(super::format_buildings(&o.buildings))
            }),
            table::column(cell("空置房及地下室"), |o: &OfficerCoverage| {
                cell(o.vacant.to_string())
            })
            .align_x(Alignment::End),
            table::column(cell("已检查"), |o: &OfficerCoverage| {
                cell(o.inspected.to_string())
            })
            .align_x(Alignment::End),
            table::column(cell("检查率"), |o: &OfficerCoverage| {
                let t = cell(format!("{}%", o.percent()));
                if o.percent() < 100 {
                    t.style(text::danger)
                } else {
                    t
                }
            })
            .align_x(Alignment::End),
        ];
        let buildings = [
            table::column(cell("楼栋"), |b: &BuildingCoverage| {
                cell(format!("{}号楼", b.building))
            }),
            table::column(cell("客户服务员"), |b: &BuildingCoverage| {
                cell(if b.officers.is_empty() {
                    "未分配".to_string()
                } else {
                    b.officers.join("、")
                })
            }),
            table::column(cell("空置房(套)"), |b: &BuildingCoverage| {
                cell(b.units().to_string())
            })
            .align_x(Alignment::End),
            table::column(cell("已检查"), |b: &BuildingCoverage| {
                cell(b.units_inspected().to_string())
            })
            .align_x(Alignment::End),
            table::column(cell("地下室(处)"), |b: &BuildingCoverage| {
                cell(b.basements.to_string())
            })
            .align_x(Alignment::End),
            table::column(cell("已检查"), |b: &BuildingCoverage| {
                cell(b.basements_inspected.to_string())
            })
            .align_x(Alignment::End),
            table::column(cell("待检查"), |b: &BuildingCoverage| {
                let left = b.vacant - b.inspected;
                let t = cell(left.to_string());
                if left > 0 { t.style(text::danger) } else { t }
            })
            .align_x(Alignment::End),
        ];
        let total = |f: fn(&BuildingCoverage) -> u32| self.coverage.iter().map(f).sum::<u32>();
        let totals = text(format!(
            "合计：空置房 {} 套，已检查 {} 套；地下室 {} 处，已检查 {} 处",
            total(BuildingCoverage::units),
            total(BuildingCoverage::units_inspected),
            total(|b| b.basements),
            total(|b| b.basements_inspected),
        ))
        .size(14);
        column![
            self.filters(),
            hint("作业指导要求每月空置房（含地下室）检查率100%；主管抽查不计入。"),
            totals,
            heading("按客户服务员"),
            table(officers, self.per_officer.iter()).padding_y(2),
            heading("按楼栋"),
            scroll(table(buildings, self.coverage.iter()).padding_y(2)).height(Length::Fill),
        ]
        .spacing(10)
        .into()
    }

    fn settings_pane(&self) -> Element<'_, Message> {
        let d = &self.rules_draft;
        let choices: Vec<OfficerChoice> = self
            .officers
            .iter()
            .map(|o| OfficerChoice {
                id: o.staff,
                name: o.name.clone(),
            })
            .collect();
        let selected = choices.iter().find(|c| Some(c.id) == self.officer).cloned();
        let mut assigned = column![].spacing(4);
        for o in &self.officers {
            let b = if o.buildings.is_empty() {
                "未分配楼栋".to_string()
            } else {
                format!("{}号楼", super::format_buildings(&o.buildings))
            };
            assigned = assigned.push(cell(format!("{}：{b}", o.name)));
        }
        let error = self
            .officer_error
            .as_deref()
            .map(|e| text(e).size(13).style(text::danger));
        let rules = column![
            field(
                Field::RuleWater.id(),
                "用水超过(t)",
                "1.000",
                &d.water,
                d.errors.get(Field::RuleWater),
                |v| { Message::Edited(Field::RuleWater, v) }
            ),
            field(
                Field::RulePower.id(),
                "用电超过(kWh)",
                "5.00",
                &d.power,
                d.errors.get(Field::RulePower),
                |v| { Message::Edited(Field::RulePower, v) }
            ),
            button(text("保存判定标准")).on_press(Message::SaveRules),
        ]
        .spacing(10);
        let officer = row![
            pick_list(choices, selected, Message::OfficerPicked).placeholder("选择客户服务员"),
            text_input("例如 1-5,8", &self.officer_text)
                .id(Field::OfficerBuildings.id())
                .on_input(|v| Message::Edited(Field::OfficerBuildings, v))
                .padding(6)
                .width(Length::Fixed(180.0)),
            button(text("保存分工")).on_press(Message::SaveOfficer),
        ]
        .spacing(8)
        .align_y(Alignment::Center);
        let mut c = column![
            heading("视为入住的判定标准（每月）"),
            form(About::form("rules"), rules).on_submit(Message::SaveRules),
            heading("客户服务员分管楼栋"),
            assigned,
            form(About::form("officer-buildings"), officer)
                .on_submit(Message::SaveOfficer)
                .keep_cursor(),
        ]
        .spacing(10);
        if let Some(e) = error {
            c = c.push(e);
        }
        c.push(self.basements_settings()).into()
    }
}

/// This month's reading of `m`, or `未抄`.
fn reading<'a>(v: &'a VacantUnit, m: Meter) -> iced::widget::Text<'a> {
    let i = match m {
        Meter::Water => 0,
        Meter::Power => 1,
        Meter::Gas => 2,
    };
    match v.current[i] {
        Some(r) => cell(m.format(r.value)),
        None => cell("未抄").style(text::secondary),
    }
}

/// An inspection's line in a list (`2026-11-02 正常 王强`), with its repair order: the order's
/// number once opened, a 报修 button while an anomaly has none.
pub(super) fn inspected<'a>(
    inspection: &crate::domain::vacancy::Inspection,
    inspector: &str,
    repair: Option<&'a crate::store::RepairLink>,
    open: Message,
) -> Element<'a, Message> {
    let abnormal = inspection.is_abnormal();
    let line = cell(format!(
        "{} {} {inspector}",
        table_date(inspection.date),
        if abnormal { "异常" } else { "正常" },
    ));
    match (abnormal, repair) {
        (_, Some(r)) => row![line, cell(format!("已报修 {}", r.number))]
            .spacing(6)
            .align_y(Alignment::Center)
            .into(),
        (true, None) => row![
            line,
            button(cell("报修"))
                .padding([1, 8])
                .style(button::danger)
                .on_press(open)
        ]
        .spacing(6)
        .align_y(Alignment::Center)
        .into(),
        (false, None) => line.into(),
    }
}

/// When something was recorded, for the forms' headings.
pub(super) fn stamp(t: chrono::NaiveDateTime) -> String {
    table_datetime(t)
}
