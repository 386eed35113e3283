//! 信息反馈 at month end: every matter received in the month (complaints, suggestions,
//! inquiries, staff feedback), its trail, the 工作联系单 sent out, each slip as printed, and the
//! month's 业主投诉及建议记录表 and 信息反馈记录表.

use crate::archive::table::{Cell, Sheet, Workbook};
use crate::domain::Month;
use crate::forms::PrintJob;
use crate::store::{Store, StoreError};

/// The month's matters, their trails and the slips sent out, one sheet each.
pub fn workbooks(store: &Store, month: Month) -> Result<Vec<Workbook>, StoreError> {
    let mut matters = Sheet::new(
        "反馈登记",
        &[
            "编号",
            "来源",
            "类别",
            "程度",
            "反映人",
            "电话",
            "位置",
            "内容",
            "受理时间",
            "受理人",
            "状态",
            "维修单号",
            "处理部门",
            "处理人",
            "派单时间",
            "部门回复",
            "回复时间",
            "答复业主",
            "答复时间",
            "满意度",
            "处理结果",
            "关闭时间",
        ],
    );
    for f in store.feedback_of_month(month)? {
        let i = &f.intake;
        let dispatch = f.dispatch.as_ref();
        matters.push(vec![
            Cell::text(f.number.to_string()),
            Cell::text(i.channel.label()),
            Cell::text(i.category.label()),
            Cell::text(i.severity.label()),
            Cell::text(i.name.clone()),
            Cell::text(i.phone.as_ref().map(|p| p.masked()).unwrap_or_default()),
            Cell::text(i.place.short()),
            Cell::text(i.content.clone()),
            Cell::Time(i.received_at),
            Cell::text(i.received_by_name.clone()),
            Cell::text(f.state.label()),
            Cell::text(f.repair_number.map(|n| n.to_string()).unwrap_or_default()),
            Cell::text(dispatch.map(|d| d.department.clone()).unwrap_or_default()),
            Cell::text(dispatch.map(|d| d.handler_name.clone()).unwrap_or_default()),
            Cell::time(f.dispatched_at),
            Cell::text(f.reply),
            Cell::time(f.replied_at),
            Cell::text(f.answer),
            Cell::time(f.answered_at),
            Cell::text(f.rating.map(|r| r.label()).unwrap_or_default()),
            Cell::text(f.result),
            Cell::time(f.closed_at),
        ]);
    }
    let mut trail = Sheet::new("处理记录", &["编号", "时间", "事项", "操作人", "说明"]);
    for (number, e) in store.feedback_trail_of_month(month)? {
        trail.push(vec![
            Cell::text(number.to_string()),
            Cell::Time(e.at),
            Cell::text(e.kind.label()),
            Cell::text(e.by_name),
            Cell::text(e.text),
        ]);
    }
    let mut slips = Sheet::new(
        "工作联系单",
        &[
            "联系单号",
            "反馈编号",
            "处理部门",
            "处理人",
            "处理要求",
            "要求完成时间",
            "发出时间",
            "发出人",
        ],
    );
    for (matter, w) in store.work_orders_of_month(month)? {
        slips.push(vec![
            Cell::text(w.number.to_string()),
            Cell::text(matter.to_string()),
            Cell::text(w.department),
            Cell::text(w.handler_name),
            Cell::text(w.requirement),
            Cell::Time(w.due_at),
            Cell::Time(w.issued_at),
            Cell::text(w.issued_by),
        ]);
    }
    Ok(vec![Workbook {
        name: "信息反馈登记",
        about: "当月受理的投诉、建议、咨询与员工反馈，处理记录及发出的工作联系单（电话已遮蔽）",
        sheets: vec![matters, trail, slips],
    }])
}

/// Each 工作联系单 sent out in the month, then the month's two printed registers.
pub fn forms(store: &Store, month: Month) -> Result<Vec<PrintJob>, StoreError> {
    let mut jobs: Vec<PrintJob> = store
        .work_orders_of_month(month)?
        .into_iter()
        .map(|(_, w)| PrintJob::WorkOrder(w.number))
        .collect();
    jobs.push(PrintJob::Complaints(month));
    jobs.push(PrintJob::FeedbackLog(month));
    Ok(jobs)
}
