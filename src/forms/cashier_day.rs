//! 收费日报: the cashier's day on one A4 sheet (more if the day was long): every receipt,
//! totals by method and by item, the voids with their reasons, the deposits paid back (退款, money
//! out), the total handed to finance in figures and in words, and the three signatures.

use super::{Align, Column, FormDoc, FormError, PageSize, Table};
use crate::domain::date::{paper_date, table_datetime};
use crate::domain::settings::Office;
use crate::store::CashierDay;

/// Lays out the 收费日报 of `day`.
pub fn cashier_day(office: &Office, day: &CashierDay) -> Result<Vec<u8>, FormError> {
    let mut doc = FormDoc::new("收费日报", PageSize::A4)?;
    doc.footer(&office.company)?;
    doc.title(&format!("{} 收费日报", office.estate.trim()))?;
    doc.header_line(&office.company, "", &paper_date(day.day))?;

    let mut receipts = Table::new(vec![
        Column::new("收据号", 2.6),
        Column::new("时间", 1.0).align(Align::Center),
        Column::new("房号", 2.6),
        Column::new("交款人", 1.6),
        Column::new("付款方式", 1.4).align(Align::Center),
        Column::new("金额（元）", 1.6).align(Align::Right),
        Column::new("状态", 1.0).align(Align::Center),
    ]);
    receipts.size_pt = 9.0;
    for r in &day.receipts {
        receipts.push_row([
            r.number.to_string(),
            r.issued_at.format("%H:%M").to_string(),
            r.address.map(|a| a.to_string()).unwrap_or_default(),
            r.payer.clone(),
            r.method.label().to_string(),
            r.total.yuan_string(),
            if r.is_voided() { "作废" } else { "有效" }.to_string(),
        ]);
    }
    if day.receipts.is_empty() {
        receipts.push_row(["当日没有开具收据", "", "", "", "", "", ""]);
    }
    doc.text("一、当日收据", 10.5)?;
    doc.table(&receipts)?;

    let mut methods = Table::new(vec![
        Column::new("付款方式", 2.0),
        Column::new("笔数", 1.0).align(Align::Right),
        Column::new("金额（元）", 1.6).align(Align::Right),
        Column::new("说明", 2.4),
    ]);
    for (m, count, sum) in &day.by_method {
        let note = if crate::domain::fees::PayMethod::AT_DESK.contains(m) {
            ""
        } else {
            "不计入上交（非收费台收款）"
        };
        methods.push_row([
            m.label().to_string(),
            count.to_string(),
            sum.yuan_string(),
            note.to_string(),
        ]);
    }
    if day.by_method.is_empty() {
        methods.push_row(["—", "0", "0.00", ""]);
    }
    doc.text("二、按付款方式汇总（不含作废）", 10.5)?;
    doc.table(&methods)?;

    let mut items = Table::new(vec![
        Column::new("收费项目", 3.0),
        Column::new("金额（元）", 1.6).align(Align::Right),
    ]);
    for (name, sum) in &day.by_item {
        items.push_row([name.clone(), sum.yuan_string()]);
    }
    if day.by_item.is_empty() {
        items.push_row(["—", "0.00"]);
    }
    doc.text("三、按收费项目汇总（收费台收款，不含作废）", 10.5)?;
    doc.table(&items)?;

    doc.text("四、作废收据", 10.5)?;
    if day.voided.is_empty() {
        doc.text("当日没有作废收据。", 10.5)?;
    } else {
        let mut voids = Table::new(vec![
            Column::new("收据号", 2.4),
            Column::new("开具", 1.6).align(Align::Center),
            Column::new("金额（元）", 1.4).align(Align::Right),
            Column::new("作废人及时间", 2.2),
            Column::new("作废原因", 3.0),
        ]);
        voids.size_pt = 9.0;
        for r in &day.voided {
            let Some((at, by, reason)) = &r.voided else {
                continue;
            };
            voids.push_row([
                r.number.to_string(),
                table_datetime(r.issued_at),
                r.total.yuan_string(),
                format!("{by} {}", table_datetime(*at)),
                reason.clone(),
            ]);
        }
        doc.table(&voids)?;
    }

    if !day.refunds.is_empty() {
        refunds(&mut doc, day)?;
    }

    let cash = day.cash.to_string();
    let other = crate::domain::Fen(day.total.0 - day.cash.0).to_string();
    if day.refunds.is_empty() {
        let total = day.total.to_string();
        let upper = format!("人民币{}", day.total.to_chinese_upper());
        doc.key_value_grid(
            &[
                ("应上交合计", &total),
                ("其中现金", &cash),
                ("合计大写", &upper),
                ("其中非现金", &other),
            ],
            2,
        )?;
    } else {
        // Money paid back at the desk comes out of what is handed over.
        let net = crate::domain::Fen(day.total.0 - day.refunded.0);
        let received = day.total.to_string();
        let refunded = day.refunded.to_string();
        let net_text = net.to_string();
        let upper = if net.0 < 0 {
            format!("支出大于收入 {}", crate::domain::Fen(-net.0))
        } else {
            format!("人民币{}", net.to_chinese_upper())
        };
        doc.key_value_grid(
            &[
                ("收款合计", &received),
                ("其中现金", &cash),
                ("退款支出", &refunded),
                ("其中非现金", &other),
                ("应上交合计", &net_text),
                ("合计大写", &upper),
            ],
            2,
        )?;
    }
    doc.space(4.0);
    doc.signature_line(&["收费员", "财务", "主管"])?;
    doc.finish()
}

/// 五、当日退款: deposits paid back that day, money out of the desk.
fn refunds(doc: &mut FormDoc, day: &CashierDay) -> Result<(), FormError> {
    doc.text("五、当日退款（支出）", 10.5)?;
    let mut table = Table::new(vec![
        Column::new("退款凭证号", 2.4),
        Column::new("时间", 1.0).align(Align::Center),
        Column::new("房号", 2.4),
        Column::new("领款人", 1.4),
        Column::new("退款方式", 1.2).align(Align::Center),
        Column::new("扣款（元）", 1.4).align(Align::Right),
        Column::new("实退（元）", 1.4).align(Align::Right),
    ]);
    table.size_pt = 9.0;
    for r in &day.refunds {
        table.push_row([
            r.number.to_string(),
            r.issued_at.format("%H:%M").to_string(),
            r.address.to_string(),
            r.payee.clone(),
            r.method.label().to_string(),
            r.deducted().yuan_string(),
            r.amount.yuan_string(),
        ]);
    }
    doc.table(&table)
}
