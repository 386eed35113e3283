//! 退款凭证: a deposit paid back through 收费管理 (`TK-YYYYMM-NNNN`), in three copies (存根 /
//! 领款人 / 记账), one labelled copy per A4 sheet: the deposit, each deduction with its reason,
//! the amount paid back in figures and in words (人民币 …), who approved the deductions, and the
//! signatures. No phone or ID number is printed on it.

use super::{Align, Column, FormDoc, FormError, PageSize, Table};
use crate::domain::date::{paper_date, table_datetime};
use crate::domain::settings::Office;
use crate::store::RefundRecord;

/// The three copies, in the order they are torn off.
pub const REFUND_COPIES: [&str; 3] = ["第一联 存根", "第二联 领款人留存", "第三联 记账"];

/// What a refund pays back, as the voucher names it: `装修保证金（ZX-202611-0001）`.
fn what(r: &RefundRecord) -> String {
    match r.source_ref.trim() {
        "" => "押金/保证金".to_string(),
        s if s.starts_with("ZX-") => format!("装修保证金（{s}）"),
        s => format!("押金/保证金（{s}）"),
    }
}

/// Lays out the voucher of `r`.
pub fn refund_voucher(office: &Office, r: &RefundRecord) -> Result<Vec<u8>, FormError> {
    let mut doc = FormDoc::new(&format!("退款凭证 {}", r.number), PageSize::A4)?;
    let contact = [office.phone.as_str(), office.address.as_str()]
        .iter()
        .filter(|s| !s.trim().is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join("　");
    doc.footer(format!("{}　{}", office.company, contact).trim())?;
    doc.copies(&REFUND_COPIES, |doc, _| copy(doc, office, r))?;
    doc.finish()
}

/// One copy.
fn copy(doc: &mut FormDoc, office: &Office, r: &RefundRecord) -> Result<(), FormError> {
    let title = match office.estate.trim() {
        "" => "退款凭证".to_string(),
        estate => format!("{estate} 退款凭证"),
    };
    doc.title(&title)?;
    doc.header_line(
        &office.company,
        &r.number.to_string(),
        &paper_date(r.issued_at.date()),
    )?;
    let address = r.address.to_string();
    let item = what(r);
    doc.key_value_grid(
        &[
            ("领款人", r.payee.as_str()),
            ("房号", address.as_str()),
            ("退款项目", item.as_str()),
            ("退款方式", r.method.label()),
        ],
        2,
    )?;
    let mut table = Table::new(vec![
        Column::new("序号", 0.6).align(Align::Center),
        Column::new("项目", 4.0),
        Column::new("金额（元）", 1.6).align(Align::Right),
    ]);
    table.push_row([
        "1".to_string(),
        "已缴装修保证金".to_string(),
        r.deposit.yuan_string(),
    ]);
    for (i, d) in r.deductions.iter().enumerate() {
        table.push_row([
            (i + 2).to_string(),
            format!("扣款：{}", d.reason.trim()),
            format!("-{}", d.amount.yuan_string()),
        ]);
    }
    if r.deductions.is_empty() {
        table.push_row(["2".to_string(), "扣款：无".to_string(), "0.00".to_string()]);
    }
    doc.table(&table)?;
    let amount = r.amount.to_string();
    let upper = format!("人民币{}", r.amount.to_chinese_upper());
    let deducted = r.deducted().to_string();
    doc.key_value_grid(&[("实退金额", &amount), ("扣款合计", &deducted)], 2)?;
    let approval = match &r.approved_by {
        Some(who) => format!("扣款经客服中心主管 {who} 批准"),
        None => "无扣款，全额退还".to_string(),
    };
    let by = format!("{}　{}", r.by_name, table_datetime(r.issued_at));
    let mut rows: Vec<(&str, &str)> = vec![
        ("实退金额大写", upper.as_str()),
        ("扣款审批", approval.as_str()),
        ("经办", by.as_str()),
    ];
    let note = r.note.trim();
    if !note.is_empty() {
        rows.push(("备注", note));
    }
    doc.key_value_grid(&rows, 1)?;
    doc.text(
        "领款人核对金额无误后签字。装修保证金凭本凭证和装修复验合格记录退还；扣款须写明原因并经客服中心主管批准。",
        9.0,
    )?;
    doc.space(4.0);
    doc.signature_line(&["经办人", "主管审批", "领款人签字"])?;
    doc.signature_line(&["日期"])
}
