//! 操作日志 at month end: every row the audit log holds for the month, oldest first, with the
//! record before and after each change. The archive leaves the program, so numbers in the
//! stored JSON that are phones, ID numbers or bank accounts are masked as the screens mask them.

use crate::archive::table::{Cell, Sheet, Workbook};
use crate::domain::Month;
use crate::domain::bank_account::mask_account;
use crate::forms::PrintJob;
use crate::store::{AuditFilter, Store, StoreError};

/// `text` with every phone (11 digits from 1), ID number (17 digits and a digit or X) and long
/// account number (12 or more digits) masked; other numbers (amounts, counts, dates) as they are.
pub fn mask_numbers(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_ascii_digit() {
            out.push(chars[i]);
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && chars[i].is_ascii_digit() {
            i += 1;
        }
        // An ID number may end in X.
        if i - start == 17 && i < chars.len() && matches!(chars[i], 'X' | 'x') {
            i += 1;
        }
        let run: String = chars[start..i].iter().collect();
        let n = i - start;
        if n == 18 {
            let tail: String = run.chars().skip(14).collect();
            out.push_str(&format!("{}{}{tail}", &run[..3], "*".repeat(11)));
        } else if n == 11 && run.starts_with('1') {
            out.push_str(&format!("{}****{}", &run[..3], &run[7..]));
        } else if n >= 12 {
            out.push_str(&mask_account(&run));
        } else {
            out.push_str(&run);
        }
    }
    out
}

/// The month's audit rows, one sheet.
pub fn workbooks(store: &Store, month: Month) -> Result<Vec<Workbook>, StoreError> {
    let filter = AuditFilter {
        from: Some(month.first_day()),
        to: Some(month.last_day()),
        ..AuditFilter::default()
    };
    // The count first, then the month in one page: the log reads newest first.
    let total = store.audit_log(&filter, 0, 0)?.total;
    let mut rows = store.audit_log(&filter, 0, total)?.rows;
    rows.reverse();
    let mut sheet = Sheet::new(
        "操作日志",
        &[
            "序号",
            "时间",
            "人员",
            "会签",
            "页面",
            "操作",
            "内容",
            "记录",
            "改动前",
            "改动后",
        ],
    );
    for r in rows {
        let masked =
            |v: Option<String>| Cell::text(v.map(|j| mask_numbers(&j)).unwrap_or_default());
        sheet.push(vec![
            Cell::Int(r.id),
            Cell::Time(r.at),
            Cell::text(r.who),
            Cell::text(r.countersign.unwrap_or_default()),
            Cell::text(r.tab),
            Cell::text(r.action),
            Cell::text(mask_numbers(&r.what)),
            Cell::text(mask_numbers(&r.record)),
            masked(r.before),
            masked(r.after),
        ]);
    }
    Ok(vec![Workbook {
        name: "操作日志",
        about: "当月全部操作记录及改动前后内容（电话、身份证号、账号已遮蔽）",
        sheets: vec![sheet],
    }])
}

/// The log has no printed form; the spreadsheet is its record.
pub fn forms(_store: &Store, _month: Month) -> Result<Vec<PrintJob>, StoreError> {
    Ok(Vec::new())
}
