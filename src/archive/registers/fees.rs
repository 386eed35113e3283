//! 收费管理 at month end: receipts issued (voided ones marked) with their lines, receipts voided,
//! bill lines added, refunds paid back, each day's takings, and what each unit owed when the
//! month ended; every 收款收据 of the month (voided ones reprint with 作废) and each day's 收费日报.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use crate::archive::table::{Cell, Sheet, Workbook};
use crate::domain::fees::PayMethod;
use crate::domain::{Fen, Month};
use crate::forms::PrintJob;
use crate::store::{ReceiptRow, Store, StoreError};

const RECEIPT_HEADERS: &[&str] = &[
    "收据号",
    "房号",
    "交款人",
    "付款方式",
    "合计",
    "其中预存",
    "收取现金",
    "开票时间",
    "收款人",
    "备注",
    "作废时间",
    "作废人",
    "作废原因",
];

fn receipt_cells(r: &ReceiptRow) -> Vec<Cell> {
    let void = r.voided.as_ref();
    vec![
        Cell::text(r.number.to_string()),
        Cell::text(r.address.map(|a| a.short()).unwrap_or_default()),
        Cell::text(r.payer.clone()),
        Cell::text(r.method.label()),
        Cell::Money(r.total),
        Cell::Money(r.prepay),
        Cell::money(r.tendered),
        Cell::Time(r.issued_at),
        Cell::text(r.cashier.clone()),
        Cell::text(r.note.clone()),
        Cell::time(void.map(|v| v.0)),
        Cell::text(void.map(|v| v.1.clone()).unwrap_or_default()),
        Cell::text(void.map(|v| v.2.clone()).unwrap_or_default()),
    ]
}

/// Money in and out of one day.
#[derive(Default)]
struct Day {
    receipts: i64,
    voided: i64,
    total: i64,
    by_method: BTreeMap<&'static str, i64>,
    refunds: i64,
}

/// The month's fees: one workbook of seven sheets.
pub fn workbooks(store: &Store, month: Month) -> Result<Vec<Workbook>, StoreError> {
    let mut days: BTreeMap<NaiveDate, Day> = BTreeMap::new();
    let mut receipts = Sheet::new("收据", RECEIPT_HEADERS);
    for r in store.receipts_of_month(month)? {
        let day = days.entry(r.issued_at.date()).or_default();
        if r.voided.is_some() {
            day.voided += 1;
        } else {
            day.receipts += 1;
            day.total += r.total.0;
            *day.by_method.entry(r.method.code()).or_default() += r.total.0;
        }
        receipts.push(receipt_cells(&r));
    }
    let mut lines = Sheet::new("收据明细", &["收据号", "收费项目", "所属期间", "金额"]);
    for (number, l) in store.receipt_lines_of_month(month)? {
        lines.push(vec![
            Cell::text(number.to_string()),
            Cell::text(l.item),
            Cell::text(l.period),
            Cell::Money(l.amount),
        ]);
    }
    let mut voids = Sheet::new("作废收据", RECEIPT_HEADERS);
    for r in store.voids_of_month(month)? {
        voids.push(receipt_cells(&r));
    }
    let mut bills = Sheet::new(
        "应收",
        &[
            "房号",
            "收费项目",
            "所属月份",
            "应收金额",
            "原价",
            "计费依据",
            "来源",
            "来源单号",
            "调整原因",
            "录入人",
            "录入时间",
            "已由收据",
        ],
    );
    for b in store.bill_lines_of_month(month)? {
        bills.push(vec![
            Cell::text(b.address.short()),
            Cell::text(b.item),
            Cell::text(b.month.code()),
            Cell::Money(b.amount),
            Cell::Money(b.full),
            Cell::text(b.basis),
            Cell::text(b.source.label()),
            Cell::text(b.source_ref),
            Cell::text(b.reason),
            Cell::text(b.created_by),
            Cell::Time(b.created_at),
            Cell::text(b.paid_by.map(|n| n.to_string()).unwrap_or_default()),
        ]);
    }
    let mut refunds = Sheet::new(
        "退款",
        &[
            "退款凭证号",
            "房号",
            "收款人",
            "退款方式",
            "押金",
            "扣除",
            "扣除原因",
            "实退",
            "来源单号",
            "审批人",
            "退款时间",
            "经办人",
            "备注",
        ],
    );
    for r in store.refunds_of_month(month)? {
        days.entry(r.issued_at.date()).or_default().refunds += r.amount.0;
        let deducted = r.deducted();
        let reasons = r
            .deductions
            .iter()
            .map(|d| format!("{} {}", d.reason, d.amount))
            .collect::<Vec<_>>()
            .join("；");
        refunds.push(vec![
            Cell::text(r.number.to_string()),
            Cell::text(r.address.short()),
            Cell::text(r.payee),
            Cell::text(r.method.label()),
            Cell::Money(r.deposit),
            Cell::Money(deducted),
            Cell::text(reasons),
            Cell::Money(r.amount),
            Cell::text(r.source_ref),
            Cell::text(r.approved_by.unwrap_or_default()),
            Cell::Time(r.issued_at),
            Cell::text(r.by_name),
            Cell::text(r.note),
        ]);
    }
    let mut headers = vec!["日期", "收据张数", "作废张数", "实收合计"];
    headers.extend(PayMethod::ALL.iter().map(|m| m.label()));
    headers.push("退款");
    let mut cashier = Sheet::new("收费日报", &headers);
    for (date, d) in &days {
        let mut row = vec![
            Cell::Date(*date),
            Cell::Int(d.receipts),
            Cell::Int(d.voided),
            Cell::Money(Fen(d.total)),
        ];
        row.extend(
            PayMethod::ALL
                .iter()
                .map(|m| Cell::Money(Fen(d.by_method.get(m.code()).copied().unwrap_or(0)))),
        );
        row.push(Cell::Money(Fen(d.refunds)));
        cashier.push(row);
    }
    let mut arrears = Sheet::new(
        "月末欠费",
        &["房号", "业主", "欠费金额", "最早欠费月份", "欠费月数"],
    );
    for a in store.arrears_at_month_end(month)? {
        arrears.push(vec![
            Cell::text(a.address.short()),
            Cell::text(a.owner),
            Cell::Money(a.owed),
            Cell::text(a.oldest.code()),
            Cell::Int(a.months),
        ]);
    }
    Ok(vec![Workbook {
        name: "收费登记",
        about: "当月收据及明细、作废收据、新增应收、押金退款、每日收费汇总与月末各户欠费",
        sheets: vec![receipts, lines, voids, bills, refunds, cashier, arrears],
    }])
}

/// Every 收款收据 issued in the month in number order (a voided one reprints with 作废 across
/// it), then the 收费日报 of each day money came in or went out.
pub fn forms(store: &Store, month: Month) -> Result<Vec<PrintJob>, StoreError> {
    let receipts = store.receipts_of_month(month)?;
    let mut days: Vec<NaiveDate> = receipts.iter().map(|r| r.issued_at.date()).collect();
    days.extend(store.voids_of_month(month)?.iter().filter_map(|r| {
        let (at, ..) = r.voided.as_ref()?;
        Some(at.date())
    }));
    days.extend(
        store
            .refunds_of_month(month)?
            .iter()
            .map(|r| r.issued_at.date()),
    );
    days.sort_unstable();
    days.dedup();
    let mut jobs: Vec<PrintJob> = receipts
        .into_iter()
        .map(|r| PrintJob::Receipt(r.number))
        .collect();
    jobs.extend(days.into_iter().map(PrintJob::CashierDay));
    Ok(jobs)
}
