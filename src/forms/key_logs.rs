//! The month's 钥匙借用登记表 and 钥匙发放登记表, laid out as the paper logs are.

use super::{Align, Column, FormDoc, FormError, PageSize, Table};
use crate::domain::Month;
use crate::domain::settings::Office;
use crate::store::{IssueRecord, LoanRecord};

/// `11-29 09:30`: the year and month are in the header (a return may fall in the next month,
/// which the month part still shows).
fn short(t: chrono::NaiveDateTime) -> String {
    t.format("%m-%d %H:%M").to_string()
}

/// Lays out the 钥匙借用登记表 of a month.
pub fn key_loan_register(
    office: &Office,
    month: Month,
    loans: &[LoanRecord],
) -> Result<Vec<u8>, FormError> {
    // Landscape: eleven columns do not fit a portrait page without breaking their headers
    // (挂钩/号, 主管签/字). Widths in millimetres of the 267 mm between the margins at 9 pt: every
    // header on one line, a masked phone and a `11-29 09:30` time each on one line.
    let mut doc = FormDoc::new("钥匙借用登记表", PageSize::A4Landscape)?;
    doc.title(&format!("{} 钥匙借用登记表", office.estate))?;
    doc.header_line(&office.company, "", &month.paper())?;
    let mut table = Table::new(vec![
        Column::new("挂钩号", 16.0),
        Column::new("房号/部位", 26.0),
        Column::new("借用人", 17.0),
        Column::new("单位", 18.0),
        Column::new("电话", 25.0),
        Column::new("用途", 34.0),
        Column::new("借出时间", 24.0),
        Column::new("应还时间", 24.0),
        Column::new("归还时间", 24.0),
        Column::new("接收人/状况", 35.0),
        Column::new("主管签字", 20.0),
    ]);
    table.size_pt = 9.0;
    for l in loans {
        let (back, received) = match &l.returned {
            Some((at, condition, by)) => (short(*at), format!("{by} {condition}")),
            None => ("未还".to_string(), String::new()),
        };
        table.push_row([
            l.hook.clone(),
            l.whose.clone(),
            l.loan.borrower.clone(),
            l.loan.org.label().to_string(),
            l.loan.phone.masked(),
            l.loan.purpose.clone(),
            short(l.loan.out_at),
            short(l.loan.due_at),
            back,
            received,
            l.loan.approver.clone(),
        ]);
    }
    if loans.is_empty() {
        table.push_row(
            std::iter::once("本月无借用".to_string()).chain(std::iter::repeat_n(String::new(), 10)),
        );
    }
    doc.table(&table)?;
    doc.space(2.0);
    doc.text(
        &format!(
            "共 {} 次借用。施工维修人员当天借用当天归还；营销部借用须部门主管签字。",
            loans.len()
        ),
        9.0,
    )?;
    doc.space(6.0);
    doc.signature_line(&["钥匙保管人", "客服中心主管"])?;
    doc.footer(&office.company)?;
    doc.finish()
}

/// Lays out the 钥匙发放登记表 of a month.
pub fn key_issue_register(
    office: &Office,
    month: Month,
    issues: &[IssueRecord],
) -> Result<Vec<u8>, FormError> {
    let mut doc = FormDoc::new("钥匙发放登记表", PageSize::A4)?;
    doc.title(&format!("{} 钥匙发放登记表", office.estate))?;
    doc.header_line(&office.company, "", &month.paper())?;
    let mut table = Table::new(vec![
        Column::new("发放时间", 1.4),
        Column::new("挂钩号", 1.0),
        Column::new("房号", 1.2),
        Column::new("领取人", 1.2),
        Column::new("核验证件", 1.8),
        Column::new("证件尾号", 0.9),
        Column::new("数量", 0.6).align(Align::Right),
        Column::new("发放人", 1.0),
        Column::new("领取人签字", 1.4),
    ]);
    table.size_pt = 8.5;
    for i in issues {
        table.push_row([
            short(i.at),
            i.hook.clone(),
            i.whose.clone(),
            i.issue.recipient.clone(),
            i.issue.document.clone(),
            i.issue.document_tail.clone(),
            i.issue.count.to_string(),
            i.by_name.clone(),
            if i.issue.signed { "已签字" } else { "" }.to_string(),
        ]);
    }
    if issues.is_empty() {
        table.push_row(
            std::iter::once("本月无发放".to_string()).chain(std::iter::repeat_n(String::new(), 8)),
        );
    }
    doc.table(&table)?;
    doc.space(2.0);
    doc.text(
        &format!("共 {} 次发放。业主领取钥匙须核验身份并签字。", issues.len()),
        9.0,
    )?;
    doc.space(6.0);
    doc.signature_line(&["钥匙保管人", "客服中心主管"])?;
    doc.footer(&office.company)?;
    doc.finish()
}
