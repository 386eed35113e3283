//! 装修管理's papers from the patrols:
//! - 装修巡查记录表 of a month (A4 landscape): every patrol of the month in time order — the
//!   unit, the renovation, the phase, what was seen, the violation with its 整改通知 and
//!   re-check, who patrolled, and a column for the site's signature;
//! - 整改通知书 (A4 portrait, two copies: 管理处留存 / 装修户留存): rectification notice N of a
//!   renovation — the violation, what to fix, the re-check date, and the signatures.

use chrono::NaiveDateTime;

use super::{Column, FormDoc, FormError, PageSize, Table};
use crate::domain::Month;
use crate::domain::date::{paper_date, table_date, table_datetime};
use crate::domain::renovation::Violation;
use crate::domain::settings::Office;
use crate::store::{PatrolLogRow, PatrolRecord, RenovationFile};

/// `11-29 09:30`: the year and month are in the header.
fn short(t: NaiveDateTime) -> String {
    t.format("%m-%d %H:%M").to_string()
}

/// What the notice asks of the site for each violation, before the patrol's own words.
pub fn requirement(v: Violation) -> &'static str {
    match v {
        Violation::LoadBearingWall => {
            "立即停止拆改，恢复承重墙原状，并由原设计单位或具备资质的单位出具安全鉴定意见"
        }
        Violation::Electricity => {
            "立即拆除私拉乱接的电线，临时用电须经带漏电保护的配电箱，电线穿管敷设，禁止超负荷用电"
        }
        Violation::Noise => "严格按允许施工时间作业，休息时间和节假日停止电钻、切割等噪音施工",
        Violation::Rubbish => "当天清理楼道和公共区域的装修垃圾，袋装后运到指定地点",
        Violation::Waterproofing => "恢复被破坏的防水层并重新做闭水试验，经管理处验收合格",
        Violation::Pipes => "立即恢复燃气、暖气管道原状，改动须报燃气或供热单位审批并由其施工",
        Violation::CommonArea => "立即清走堆放在公共区域的材料和工具，恢复公共区域原状",
        Violation::NoPass => "未办理出入证的人员停止施工，到客服中心登记并办理装修工人出入证",
        Violation::Other => "按巡查情况所述立即整改",
    }
}

/// The patrol's violation, its notice and its re-check, for the log's column.
fn notice_cell(file_number: &str, p: &PatrolRecord) -> String {
    let Some(n) = &p.notice else {
        return String::new();
    };
    let mut text = format!(
        "{}\n整改通知 {file_number}-{}\n复查 {}",
        n.violation.label(),
        n.seq,
        table_date(n.recheck_on)
    );
    if let Some((_, _, passed, _)) = &n.rechecked {
        text.push_str(if *passed { "：合格" } else { "：未整改" });
    }
    text
}

/// 装修巡查记录表 of `month`: its patrols, in time order.
pub fn patrol_log(
    office: &Office,
    month: Month,
    rows: &[PatrolLogRow],
) -> Result<Vec<u8>, FormError> {
    let mut doc = FormDoc::new("装修巡查记录表", PageSize::A4Landscape)?;
    doc.title(&format!("{} 装修巡查记录表", office.estate))?;
    doc.header_line(&office.company, "", &month.paper())?;
    let mut table = Table::new(vec![
        Column::new("巡查时间", 19.0),
        Column::new("房号", 22.0),
        Column::new("装修编号", 27.0),
        Column::new("施工阶段", 24.0),
        Column::new("巡查情况", 62.0),
        Column::new("违规及整改", 44.0),
        Column::new("巡查人", 20.0),
        Column::new("施工负责人签字", 24.0),
    ]);
    table.size_pt = 8.5;
    for r in rows {
        let p = &r.patrol;
        let findings = if p.findings.trim().is_empty() {
            "正常".to_string()
        } else {
            p.findings.trim().to_string()
        };
        table.push_row([
            short(p.at),
            r.address.short(),
            r.number.to_string(),
            p.phase.label().to_string(),
            findings,
            notice_cell(&r.number.to_string(), p),
            p.by_name.clone(),
            String::new(),
        ]);
    }
    if rows.is_empty() {
        table.push_row(
            std::iter::once("本月无巡查记录".to_string())
                .chain(std::iter::repeat_n(String::new(), 7)),
        );
    }
    doc.table(&table)?;
    doc.space(2.0);
    let violations = rows.iter().filter(|r| r.patrol.notice.is_some()).count();
    let passed = rows
        .iter()
        .filter(|r| r.patrol.notice.as_ref().is_some_and(|n| n.closed()))
        .count();
    let sites = {
        let mut n: Vec<String> = rows.iter().map(|r| r.number.to_string()).collect();
        n.sort_unstable();
        n.dedup();
        n.len()
    };
    doc.text(
        &format!(
            "本月巡查 {} 次，涉及装修户 {sites} 户；发现违规 {violations} 次，已发整改通知 {violations} 份，复查合格 {passed} 份。\
             巡查频次：水电改造、铺砖/木地板每天一次，木工、粉墙/油漆每三天一次，燃气热水器/空调/洁具安装在安装当天。",
            rows.len()
        ),
        9.0,
    )?;
    doc.space(6.0);
    doc.signature_line(&["填表人", "客服中心主管"])?;
    doc.footer(&office.company)?;
    doc.finish()
}

/// 整改通知书 number `n` of `file`, or why it cannot be printed.
pub fn rectification_notice(
    office: &Office,
    file: &RenovationFile,
    n: u32,
) -> Result<Vec<u8>, FormError> {
    let Some((p, notice)) = file.notice(n) else {
        return Err(FormError::Layout(format!(
            "{} 没有第 {n} 份整改通知（巡查发现违规时才开整改通知）",
            file.number
        )));
    };
    let v = notice.violation;
    let a = file;
    let mut doc = FormDoc::new("整改通知书", PageSize::A4)?;
    let number = format!("{}-{n}", file.number);
    doc.copies(&["第一联 管理处留存", "第二联 装修户留存"], |doc, _| {
        doc.title(&format!("{} 整改通知书", office.estate))?;
        doc.header_line(&office.company, &number, &paper_date(p.at.date()))?;
        doc.space(2.0);
        doc.text(
            &format!(
                "{} 业主 {}、装修单位 {}（负责人 {}）：",
                a.address, a.owner_name, a.contractor.company, a.contractor.person_in_charge
            ),
            11.0,
        )?;
        doc.text(
            &format!(
                "　　{}，本管理处工作人员 {} 在装修巡查中发现贵户装修存在以下违规行为，\
                 违反了本小区装修管理规定和装修协议，现通知限期整改：",
                table_datetime(p.at),
                p.by_name
            ),
            11.0,
        )?;
        let recheck = paper_date(notice.recheck_on);
        doc.key_value_grid(
            &[
                ("违规事项", v.label()),
                ("巡查情况", p.findings.trim()),
                ("整改要求", requirement(v)),
                ("整改期限", &format!("{recheck}前整改完毕")),
                ("复查日期", &recheck),
            ],
            1,
        )?;
        doc.text(
            "　　请于整改期限内整改完毕，管理处将按期复查。逾期未整改或整改不合格的，管理处将按装修协议处理，\
             并可停止施工人员进场；造成公共部位或他人财产损失的，从装修保证金中扣除相应费用。",
            10.5,
        )?;
        match &notice.rechecked {
            Some((at, by, passed, note)) => {
                let result = if *passed { "整改合格" } else { "仍未整改合格" };
                let note = match note.trim() {
                    "" => String::new(),
                    n => format!("，{n}"),
                };
                let line = format!("{} {by}：{result}{note}", table_datetime(*at));
                doc.key_value_grid(&[("复查结果", &line)], 1)?;
            }
            None => doc.key_value_grid(&[("复查结果", "\n")], 1)?,
        }
        doc.space(6.0);
        doc.signature_line(&["巡查人", "管理处（盖章）"])?;
        doc.signature_line(&["签收人（业主/施工负责人）", "签收日期"])
    })?;
    doc.footer(&office.company)?;
    doc.finish()
}
