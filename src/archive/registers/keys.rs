//! 钥匙管理 at month end: the 钥匙借用登记表 and 钥匙发放登记表 of the month, as sheets and as
//! the printed registers.

use crate::archive::table::{Cell, Sheet, Workbook};
use crate::domain::Month;
use crate::forms::PrintJob;
use crate::store::{Store, StoreError};

/// The month's loans and hand-overs, one sheet each.
pub fn workbooks(store: &Store, month: Month) -> Result<Vec<Workbook>, StoreError> {
    let mut loans = Sheet::new(
        "钥匙借用",
        &[
            "钥匙编号",
            "房号",
            "借用人",
            "电话",
            "借用单位",
            "用途",
            "审批人",
            "借出时间",
            "应还时间",
            "归还时间",
            "归还状况",
            "接收人",
            "登记人",
        ],
    );
    for r in store.loans_of_month(month)? {
        let back = r.returned.as_ref();
        loans.push(vec![
            Cell::text(r.hook),
            Cell::text(r.whose),
            Cell::text(r.loan.borrower),
            Cell::text(r.loan.phone.masked()),
            Cell::text(r.loan.org.label()),
            Cell::text(r.loan.purpose),
            Cell::text(r.loan.approver),
            Cell::Time(r.loan.out_at),
            Cell::Time(r.loan.due_at),
            Cell::time(back.map(|b| b.0)),
            Cell::text(back.map(|b| b.1.clone()).unwrap_or_default()),
            Cell::text(back.map(|b| b.2.clone()).unwrap_or_default()),
            Cell::text(r.recorded_by),
        ]);
    }
    let mut issues = Sheet::new(
        "钥匙发放",
        &[
            "钥匙编号",
            "房号",
            "领取人",
            "证件",
            "证件尾号",
            "数量",
            "已签字",
            "发放时间",
            "发放人",
        ],
    );
    for r in store.issues_of_month(month)? {
        issues.push(vec![
            Cell::text(r.hook),
            Cell::text(r.whose),
            Cell::text(r.issue.recipient),
            Cell::text(r.issue.document),
            Cell::text(r.issue.document_tail),
            Cell::Int(i64::from(r.issue.count)),
            Cell::yes_no(r.issue.signed),
            Cell::Time(r.at),
            Cell::text(r.by_name),
        ]);
    }
    Ok(vec![Workbook {
        name: "钥匙登记",
        about: "钥匙借用登记与钥匙发放登记（电话已遮蔽）",
        sheets: vec![loans, issues],
    }])
}

/// The month's two printed key registers.
pub fn forms(_store: &Store, month: Month) -> Result<Vec<PrintJob>, StoreError> {
    Ok(vec![PrintJob::KeyLoans(month), PrintJob::KeyIssues(month)])
}
