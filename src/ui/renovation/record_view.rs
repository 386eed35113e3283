//! One renovation's record under its buttons: the money, the papers, the second inspection with
//! its repair orders, the phases and the patrols (each 整改通知 with its print and re-check
//! buttons, the next patrol due, red once overdue), the acceptances, the refund, and every step
//! with who and when.

use chrono::NaiveDate;
use iced::Element;
use iced::widget::{button, column, row, text};

use super::{Message, PrintWhat};
use crate::domain::date::{paper_date, table_date, table_datetime};
use crate::domain::renovation::{Paper, is_overdue};
use crate::store::RenovationFile;
use crate::ui::widget::{heading, hint};

/// Everything recorded on `s`, as of `today`.
pub(super) fn sections(s: &RenovationFile, today: NaiveDate) -> Element<'_, Message> {
    let mut c = column![].spacing(6);

    c = c.push(heading("施工人员"));
    if s.workers.is_empty() {
        c = c.push(hint("没有登记施工人员。"));
    }
    for w in &s.workers {
        let trade = if w.trade.is_empty() {
            String::new()
        } else {
            format!("（{}）", w.trade)
        };
        c = c.push(
            text(format!(
                "{}{trade}　{}　{}",
                w.name,
                w.id_number.masked(),
                w.phone.masked()
            ))
            .size(13),
        );
    }

    if !s.lines.is_empty() {
        c = c.push(heading("装修费用"));
        for l in &s.lines {
            let paid = if l.paid { "已缴" } else { "未缴" };
            let t = text(format!("{} {}（收费管理：{paid}）", l.item_name, l.amount)).size(14);
            c = c.push(if l.paid { t } else { t.style(text::danger) });
        }
        if let Some(at) = s.permit_at {
            c = c.push(text(format!("装修许可证 {} 发放", table_datetime(at))).size(14));
        }
    }

    c = c.push(heading("资料"));
    let got: Vec<String> = s
        .papers
        .iter()
        .map(|p| format!("■{}（{}）", p.paper.label(), table_date(p.received_on)))
        .collect();
    let missing: Vec<String> = Paper::ALL
        .iter()
        .filter(|p| !s.papers.iter().any(|r| r.paper == **p))
        .map(|p| format!("□{}", p.label()))
        .collect();
    c = c.push(text(got.join("　")).size(13));
    if !missing.is_empty() {
        c = c.push(hint(missing.join("　")));
    }

    if !s.inspection.is_empty() {
        c = c.push(heading("二次验房"));
        for i in &s.inspection {
            let mut line = format!(
                "{}：{}",
                i.item.name,
                if i.item.passed { "合格" } else { "不合格" }
            );
            if !i.item.note.is_empty() {
                line.push_str(&format!("，{}", i.item.note));
            }
            if let Some(r) = &i.repair {
                line.push_str(&format!("　报修 {}（{}）", r.number, r.state.label()));
            }
            let t = text(line).size(14);
            c = c.push(if i.item.passed {
                t
            } else {
                t.style(text::danger)
            });
        }
    }

    if !s.phases.is_empty() {
        c = c.push(heading("施工阶段与巡查"));
        for p in &s.phases {
            let until = match p.ended_on {
                Some(d) => format!("至 {}", table_date(d)),
                None => "至今".to_string(),
            };
            let install = p
                .installation_day
                .map(|d| format!("，安装日 {}", table_date(d)))
                .unwrap_or_default();
            c = c.push(
                text(format!(
                    "{}（{}）{} {until}{install}",
                    p.kind.label(),
                    p.kind.patrol_rule().label(),
                    table_date(p.started_on)
                ))
                .size(14),
            );
        }
        if let Some(due) = s.patrol_due {
            let t = if is_overdue(due, today) {
                text(format!(
                    "下次巡查 {}，已超期 {} 天",
                    table_date(due),
                    (today - due).num_days()
                ))
                .style(text::danger)
            } else if due == today {
                text(format!("下次巡查 {}（今天）", table_date(due)))
            } else {
                text(format!("下次巡查 {}", table_date(due)))
            };
            c = c.push(t.size(14));
        }
    }
    for p in s.patrols.iter().rev() {
        let findings = if p.findings.is_empty() {
            "正常".to_string()
        } else {
            p.findings.clone()
        };
        c = c.push(
            text(format!(
                "{}　{}　{}　{findings}",
                table_datetime(p.at),
                p.by_name,
                p.phase.label()
            ))
            .size(13),
        );
        if let Some(n) = &p.notice {
            let state = match &n.rechecked {
                Some((at, by, true, _)) => format!("{} {by} 复查合格", table_datetime(*at)),
                Some((_, _, false, note)) => {
                    format!(
                        "复查未整改（{note}），下次复查 {}",
                        table_date(n.recheck_on)
                    )
                }
                None => format!("复查日期 {}", table_date(n.recheck_on)),
            };
            let mut line = row![
                text(format!(
                    "整改通知 {}-{}：{}　{state}",
                    s.number,
                    n.seq,
                    n.violation.label()
                ))
                .size(13)
                .style(if n.closed() {
                    text::default
                } else {
                    text::danger
                }),
                button(text("打印整改通知").size(12))
                    .padding([2, 6])
                    .style(button::secondary)
                    .on_press(Message::Print(PrintWhat::Rectification(n.seq))),
            ]
            .spacing(6);
            if !n.closed() && s.stage.working() {
                line = line.push(
                    button(text("复查").size(12))
                        .padding([2, 6])
                        .on_press(Message::NewRecheck(n.seq)),
                );
            }
            c = c.push(line.wrap());
        }
    }

    if !s.acceptances.is_empty() {
        c = c.push(heading("验收"));
        for a in &s.acceptances {
            let result = if a.passed { "合格" } else { "不合格" };
            let findings = if a.findings.is_empty() {
                String::new()
            } else {
                format!("：{}", a.findings)
            };
            c = c.push(
                text(format!(
                    "{} {result}{findings}　{} {}",
                    a.round.label(),
                    table_datetime(a.at),
                    a.by_name
                ))
                .size(14),
            );
        }
    }

    if let Some(r) = &s.refund {
        c = c.push(heading("退还保证金"));
        let deducted = if r.deductions.is_empty() {
            "无扣款".to_string()
        } else {
            r.deductions
                .iter()
                .map(|d| format!("{} {}", d.reason, d.amount))
                .collect::<Vec<_>>()
                .join("、")
        };
        c = c.push(
            text(format!(
                "{}　保证金 {}，{deducted}，实退 {}（{}）",
                r.number,
                r.deposit,
                r.amount,
                r.method.label()
            ))
            .size(14),
        );
        c = c.push(
            text(format!(
                "领款人 {}　{} {}",
                r.payee,
                paper_date(r.issued_at.date()),
                r.by_name
            ))
            .size(13),
        );
    }

    c = c.push(heading("办理记录"));
    for step in &s.steps {
        let note = if step.note.is_empty() {
            String::new()
        } else {
            format!("：{}", step.note)
        };
        c = c.push(
            text(format!(
                "{}　{}　{}{note}",
                table_datetime(step.at),
                step.by_name,
                step.what
            ))
            .size(13),
        );
    }
    c.into()
}
