//! 收款收据: the receipt in three copies (存根 / 收据（交付款人） / 记账), one labelled copy per
//! A4 sheet, or printed once on dot-matrix carbon paper ([`CopyMode`]). A voided receipt
//! reprints with 作废 across it and the reason. No phone or ID number is printed on it.

use super::{Align, Column, FormDoc, FormError, PageSize, Table};
use crate::domain::date::{paper_date, table_datetime};
use crate::domain::fees::{CopyMode, PayMethod};
use crate::domain::settings::Office;
use crate::store::ReceiptRecord;

/// The three copies, in the order they are torn off.
pub const RECEIPT_COPIES: [&str; 3] = ["第一联 存根", "第二联 收据（交付款人）", "第三联 记账"];

/// The item name prepayment is printed under.
const PREPAY: &str = "预存款";

/// Lays out the receipt `r` as `mode` prints it.
pub fn receipt(office: &Office, r: &ReceiptRecord, mode: CopyMode) -> Result<Vec<u8>, FormError> {
    let size = PageSize::for_copies(mode, PageSize::A4);
    let mut doc = FormDoc::new(&format!("收款收据 {}", r.number), size)?;
    let contact = [office.phone.as_str(), office.address.as_str()]
        .iter()
        .filter(|s| !s.trim().is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join("　");
    doc.footer(format!("{}　{}", office.company, contact).trim())?;
    if r.is_voided() {
        doc.stamp("作废")?;
    }
    doc.copies_as(mode, &RECEIPT_COPIES, |doc, _| copy(doc, office, r))?;
    doc.finish()
}

/// 现金（实收 ¥1,500.00，找零 ¥90.50）, or the method alone.
fn method_text(r: &ReceiptRecord) -> String {
    match (r.method, r.tendered, r.change()) {
        (PayMethod::Cash, Some(t), Some(c)) => {
            format!("{}（实收 {t}，找零 {c}）", r.method.label())
        }
        _ => r.method.label().to_string(),
    }
}

/// One copy (or the one print on carbon paper).
fn copy(doc: &mut FormDoc, office: &Office, r: &ReceiptRecord) -> Result<(), FormError> {
    let title = if office.estate.trim().is_empty() {
        "收款收据".to_string()
    } else {
        format!("{} 收款收据", office.estate.trim())
    };
    doc.title(&title)?;
    doc.header_line(
        &office.company,
        &r.number.to_string(),
        &paper_date(r.issued_at.date()),
    )?;
    let unit = r
        .address
        .map(|a| a.to_string())
        .unwrap_or_else(|| "（未指定房号）".to_string());
    let compact = doc.page_size().compact();
    if compact {
        // Short carbon paper: the cashier joins the first row, the totals share one row.
        doc.key_value_grid(
            &[
                ("交款人", &r.payer),
                ("房号", &unit),
                ("收款人", &r.cashier),
            ],
            3,
        )?;
    } else {
        doc.key_value_grid(&[("交款人", &r.payer), ("房号", &unit)], 2)?;
    }
    let mut table = Table::new(vec![
        Column::new("序号", 0.6).align(Align::Center),
        Column::new("收费项目", 3.0),
        Column::new("期间", 1.4).align(Align::Center),
        Column::new("金额（元）", 1.6).align(Align::Right),
    ]);
    if compact {
        table.size_pt = 9.0;
    }
    let mut n = 0;
    for l in &r.lines {
        n += 1;
        table.push_row([
            n.to_string(),
            l.item.clone(),
            l.period.clone(),
            l.amount.yuan_string(),
        ]);
    }
    if r.prepay.0 > 0 {
        n += 1;
        table.push_row([
            n.to_string(),
            PREPAY.to_string(),
            String::new(),
            r.prepay.yuan_string(),
        ]);
    }
    doc.table(&table)?;
    let total = r.total.to_string();
    let upper = format!("人民币{}", r.total.to_chinese_upper());
    let method = method_text(r);
    let both = format!("{total}　{upper}");
    // Full-width rows (A4): the amount in words and the cash handed over stay on one line each.
    let mut rows: Vec<(&str, &str)> = if compact {
        doc.key_value_grid(&[("合计", &both), ("付款方式", &method)], 2)?;
        Vec::new()
    } else {
        doc.key_value_grid(&[("合计金额", &total), ("收款人", &r.cashier)], 2)?;
        vec![("合计大写", &upper), ("付款方式", &method)]
    };
    let note = r.note.trim().to_string();
    if !note.is_empty() {
        rows.push(("备注", &note));
    }
    let void = r
        .voided
        .as_ref()
        .map(|(at, by, reason)| format!("{} {by} 作废：{reason}", table_datetime(*at)));
    if let Some(void) = &void {
        rows.push(("作废", void));
    }
    if !rows.is_empty() {
        doc.key_value_grid(&rows, 1)?;
    }
    doc.signature_line(&["收款人签章", "交款人签字"])
}
