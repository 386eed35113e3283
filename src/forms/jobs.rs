//! What can be printed, named the same way in the window and on the command line.

use super::FormError;
use chrono::{NaiveDate, NaiveDateTime};

use crate::domain::Month;
use crate::domain::UnitAddress;
use crate::domain::feedback::WorkOrderNumber;
use crate::domain::fees::ReceiptNumber;
use crate::domain::item_pass::PassNumber;
use crate::domain::renovation::RenovationNumber;
use crate::domain::repair::OrderNumber;
use crate::domain::settings::Office;
use crate::domain::vacancy::{ApplicationId, InspectionKind};
use crate::store::{Store, StoreError};

/// A form to print and the record it is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PrintJob {
    /// 业主信息卡 for a unit.
    OwnerCard(UnitAddress),
    /// 放行条 of a pass, both copies.
    ReleasePass(PassNumber),
    /// 物品出入登记表 of a month.
    ReleaseRegister(Month),
    /// 钥匙借用登记表 of a month.
    KeyLoans(Month),
    /// 钥匙发放登记表 of a month.
    KeyIssues(Month),
    /// 空置房检查记录表 for a building and a month; blank for the walk, or filled.
    VacancySheet {
        /// 楼栋.
        building: u32,
        /// The month.
        month: Month,
        /// Checks and readings left empty for handwriting.
        blank: bool,
    },
    /// 空置房申请表 for an application.
    VacancyApplication(ApplicationId),
    /// 维修单 for an order, or blank (`None`) for handwriting.
    RepairSlip(Option<OrderNumber>),
    /// 客服中心日报表 for a day.
    DailyReport(NaiveDate),
    /// 催费通知单 of one unit.
    Reminder(UnitAddress),
    /// 催费通知单 of every owing unit of a building, one page each.
    BuildingReminders(u32),
    /// 欠费明细表 of a building, or of the whole estate.
    Arrears(Option<u32>),
    /// 收款收据 by number (a voided one reprints with 作废 across it).
    Receipt(ReceiptNumber),
    /// 收费日报 of a day.
    CashierDay(NaiveDate),
    /// 工作联系单 by number.
    WorkOrder(WorkOrderNumber),
    /// A blank 工作联系单 for handwriting.
    WorkOrderBlank,
    /// 业主投诉及建议记录表 of a month.
    Complaints(Month),
    /// 信息反馈记录表 of a month.
    FeedbackLog(Month),
    /// 房屋验收交接表 of a unit's latest move-in case.
    HandoverSheet(UnitAddress),
    /// A blank 房屋验收交接表 (the 设置 areas) for handwriting.
    HandoverBlank,
    /// 业主入住清单 of a unit's latest move-in case.
    MoveInList(UnitAddress),
    /// 失物招领登记表 of a month: every item found in it and its fate.
    LostFound(Month),
    /// 招领启事: the items waiting for their owners, described without what the owner must prove.
    FoundNotice,
    /// 委托代租协议 of a unit's current (or latest) entrustment.
    RentalEntrustment(UnitAddress),
    /// 房屋出租登记表 of a unit's running (or latest) lease.
    TenantRegistration(UnitAddress),
    /// 装修申请表 of a renovation, or blank (`None`) for handwriting.
    RenovationApplication(Option<RenovationNumber>),
    /// 装修许可证 of a renovation, for the door.
    RenovationPermit(RenovationNumber),
    /// 装修工人出入证 of a renovation's workers, eight to a sheet.
    WorkerPasses(RenovationNumber),
    /// 装修巡查记录表 of a month.
    PatrolLog(Month),
    /// 整改通知书 number `n` of a renovation.
    Rectification(RenovationNumber, u32),
    /// 退款凭证 of a renovation's deposit.
    DepositRefund(RenovationNumber),
    /// 月度汇总 of a month: its figures and charts (统计).
    MonthSummary(Month),
}

/// Why a form could not be printed.
#[derive(Debug, thiserror::Error)]
pub enum PrintError {
    /// The record could not be read.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The form could not be laid out.
    #[error(transparent)]
    Form(#[from] FormError),
    /// The record asked for does not exist.
    #[error("{0}")]
    NotFound(String),
}

/// The forms the command line knows, with what their key is.
impl PrintJob {
    /// A file name for the PDF, e.g. `业主信息卡-3-2-1502.pdf`.
    pub fn file_name(&self) -> String {
        match self {
            PrintJob::OwnerCard(a) => format!("业主信息卡-{}.pdf", a.short()),
            PrintJob::ReleasePass(n) => format!("放行条-{n}.pdf"),
            PrintJob::ReleaseRegister(m) => format!("物品出入登记表-{m}.pdf"),
            PrintJob::KeyLoans(m) => format!("钥匙借用登记表-{m}.pdf"),
            PrintJob::KeyIssues(m) => format!("钥匙发放登记表-{m}.pdf"),
            PrintJob::VacancySheet {
                building,
                month,
                blank,
            } => format!(
                "空置房检查记录表-{building}号楼-{month}{}.pdf",
                if *blank { "-空白" } else { "" }
            ),
            PrintJob::VacancyApplication(id) => format!("空置房申请表-KZ-{:05}.pdf", id.0),
            PrintJob::RepairSlip(Some(n)) => format!("维修单-{n}.pdf"),
            PrintJob::RepairSlip(None) => "维修单-空白.pdf".to_string(),
            PrintJob::DailyReport(d) => format!("客服中心日报表-{}.pdf", d.format("%Y-%m-%d")),
            PrintJob::Reminder(a) => format!("催费通知单-{}.pdf", a.short()),
            PrintJob::BuildingReminders(b) => format!("催费通知单-{b}号楼.pdf"),
            PrintJob::Arrears(Some(b)) => format!("欠费明细表-{b}号楼.pdf"),
            PrintJob::Arrears(None) => "欠费明细表-全小区.pdf".to_string(),
            PrintJob::Receipt(n) => format!("收款收据-{n}.pdf"),
            PrintJob::CashierDay(d) => format!("收费日报-{}.pdf", d.format("%Y-%m-%d")),
            PrintJob::WorkOrder(n) => format!("工作联系单-{n}.pdf"),
            PrintJob::WorkOrderBlank => "工作联系单-空白.pdf".to_string(),
            PrintJob::Complaints(m) => format!("业主投诉及建议记录表-{m}.pdf"),
            PrintJob::FeedbackLog(m) => format!("信息反馈记录表-{m}.pdf"),
            PrintJob::HandoverSheet(a) => format!("房屋验收交接表-{}.pdf", a.short()),
            PrintJob::HandoverBlank => "房屋验收交接表-空白.pdf".to_string(),
            PrintJob::MoveInList(a) => format!("业主入住清单-{}.pdf", a.short()),
            PrintJob::LostFound(m) => format!("失物招领登记表-{m}.pdf"),
            PrintJob::FoundNotice => "招领启事.pdf".to_string(),
            PrintJob::RentalEntrustment(a) => format!("委托代租协议-{}.pdf", a.short()),
            PrintJob::TenantRegistration(a) => format!("房屋出租登记表-{}.pdf", a.short()),
            PrintJob::RenovationApplication(Some(n)) => format!("装修申请表-{n}.pdf"),
            PrintJob::RenovationApplication(None) => "装修申请表-空白.pdf".to_string(),
            PrintJob::RenovationPermit(n) => format!("装修许可证-{n}.pdf"),
            PrintJob::WorkerPasses(n) => format!("装修工人出入证-{n}.pdf"),
            PrintJob::PatrolLog(m) => format!("装修巡查记录表-{m}.pdf"),
            PrintJob::Rectification(n, seq) => format!("整改通知书-{n}-{seq}.pdf"),
            PrintJob::DepositRefund(n) => format!("退款凭证-{n}.pdf"),
            PrintJob::MonthSummary(m) => format!("月度汇总-{m}.pdf"),
        }
    }
}

/// Renders the form behind `job` to PDF bytes, as of the computer's clock (the command line).
pub fn render(store: &Store, office: &Office, job: &PrintJob) -> Result<Vec<u8>, PrintError> {
    render_at(store, office, job, crate::domain::date::now_local())
}

/// [`render_at`] as the month-end archive files the form: the same, except that a 维修单 masks
/// the owner's phone on every copy (the stub's full number is for the technician's call only).
///
/// # Errors
/// As [`render`].
pub fn render_filed(
    store: &Store,
    office: &Office,
    job: &PrintJob,
    now: NaiveDateTime,
) -> Result<Vec<u8>, PrintError> {
    match job {
        PrintJob::RepairSlip(Some(n)) => {
            let order = store
                .repair_by_number(n)?
                .ok_or_else(|| PrintError::NotFound(format!("没有维修单 {n}，无法打印")))?;
            Ok(super::repair_slip::repair_slip_filed(
                office,
                &order.order,
                &store.deadlines()?,
            )?)
        }
        _ => render_at(store, office, job, now),
    }
}

/// [`render`] as of `now`: the date printed on the form, and what counts as late in the day's
/// report. The desk passes its own clock, so a form says what the screen says.
///
/// # Errors
/// As [`render`].
pub fn render_at(
    store: &Store,
    office: &Office,
    job: &PrintJob,
    now: NaiveDateTime,
) -> Result<Vec<u8>, PrintError> {
    let today = now.date();
    match job {
        PrintJob::OwnerCard(address) => {
            let unit = store.unit_at(*address)?.ok_or_else(|| {
                PrintError::NotFound(format!("没有登记 {address}，无法打印业主信息卡"))
            })?;
            let people = store.people_of(unit.id)?;
            Ok(super::owner_card::owner_card(
                office, &unit, &people, today,
            )?)
        }
        PrintJob::ReleasePass(n) => Ok(super::release_pass_as(
            office,
            &store.item_pass_by_number(*n)?,
            store.copy_mode()?,
        )?),
        PrintJob::ReleaseRegister(m) => Ok(super::release_register(
            office,
            *m,
            &store.passes_of_month(*m)?,
        )?),
        PrintJob::KeyLoans(m) => Ok(super::key_loan_register(
            office,
            *m,
            &store.loans_of_month(*m)?,
        )?),
        PrintJob::KeyIssues(m) => Ok(super::key_issue_register(
            office,
            *m,
            &store.issues_of_month(*m)?,
        )?),
        PrintJob::VacancySheet {
            building,
            month,
            blank,
        } => {
            let rules = store.vacancy_rules()?;
            let units = store.vacant_units(*month, Some(*building), &rules)?;
            let basements = store.month_basements(*month, Some(*building))?;
            Ok(super::vacancy_sheet::vacancy_sheet(
                office, *building, *month, &units, &basements, *blank, today,
            )?)
        }
        PrintJob::VacancyApplication(id) => {
            let app = store.vacancy_application(*id)?;
            let unit = store.unit(app.unit)?;
            let shut_off = store
                .unit_vacancy_inspections(app.unit)?
                .into_iter()
                .filter(|i| i.inspection.kind == InspectionKind::ShutOff)
                // The shut-off is its own step after the approval: its readings are the
                // inspection recorded when it was done.
                .find(|i| {
                    app.shut_off
                        .as_ref()
                        .is_some_and(|(_, at)| i.recorded_at == *at)
                });
            Ok(super::vacancy_application::vacancy_application(
                office,
                &app,
                &unit,
                shut_off.as_ref(),
                today,
            )?)
        }
        PrintJob::RepairSlip(None) => Ok(super::repair_slip::repair_slip_as(
            office,
            None,
            &store.deadlines()?,
            store.copy_mode()?,
        )?),
        PrintJob::RepairSlip(Some(n)) => {
            let order = store
                .repair_by_number(n)?
                .ok_or_else(|| PrintError::NotFound(format!("没有维修单 {n}，无法打印")))?;
            let d = store.deadlines()?;
            Ok(super::repair_slip::repair_slip_as(
                office,
                Some(&order.order),
                &d,
                store.copy_mode()?,
            )?)
        }
        PrintJob::DailyReport(date) => {
            let report = store.repair_day_report(*date, &store.deadlines()?, now)?;
            Ok(super::repair_report::daily_report(office, &report)?)
        }
        PrintJob::Reminder(address) => {
            let unit = store.unit_at(*address)?.ok_or_else(|| {
                PrintError::NotFound(format!("没有登记 {address}，无法打印催费通知单"))
            })?;
            let month = Month::of(today);
            let r = store.reminder(unit.id, month)?.ok_or_else(|| {
                PrintError::NotFound(format!("{address} 没有欠费，不需要催费通知单"))
            })?;
            Ok(super::reminder::reminders(office, &[r], month, today)?)
        }
        PrintJob::BuildingReminders(b) => {
            let month = Month::of(today);
            let all = store.building_reminders(*b, month)?;
            if all.is_empty() {
                return Err(PrintError::NotFound(format!(
                    "{b}号楼没有欠费的房屋，不需要催费通知单"
                )));
            }
            Ok(super::reminder::reminders(office, &all, month, today)?)
        }
        PrintJob::Arrears(b) => {
            let month = Month::of(today);
            let page = store.arrears(*b, crate::store::ArrearsSort::Amount, month, 0, 0)?;
            Ok(super::reminder::arrears_list(
                office, *b, &page, month, today,
            )?)
        }
        PrintJob::Receipt(n) => Ok(super::receipt::receipt(
            office,
            &store.receipt(*n)?,
            store.copy_mode()?,
        )?),
        PrintJob::CashierDay(d) => Ok(super::cashier_day::cashier_day(
            office,
            &store.cashier_day(*d)?,
        )?),
        PrintJob::WorkOrder(n) => {
            let record = store
                .work_order(n)?
                .ok_or_else(|| PrintError::NotFound(format!("没有工作联系单 {n}，无法打印")))?;
            Ok(super::work_order::work_order(office, Some((&record, *n)))?)
        }
        PrintJob::WorkOrderBlank => Ok(super::work_order::work_order(office, None)?),
        PrintJob::Complaints(m) => Ok(super::feedback_log::complaint_register(
            office,
            *m,
            &store.feedback_register(*m, false)?,
            &store.deadlines()?,
        )?),
        PrintJob::FeedbackLog(m) => Ok(super::feedback_log::feedback_log(
            office,
            *m,
            &store.feedback_register(*m, true)?,
            &store.deadlines()?,
        )?),
        PrintJob::HandoverSheet(address) => {
            let case = move_in_case(store, *address, "房屋验收交接表")?;
            let areas = store.inspection_areas()?;
            Ok(super::handover_sheet::handover_sheet(
                office,
                Some(&case),
                &areas,
                today,
            )?)
        }
        PrintJob::HandoverBlank => Ok(super::handover_sheet::handover_sheet(
            office,
            None,
            &store.inspection_areas()?,
            today,
        )?),
        PrintJob::MoveInList(address) => {
            let case = move_in_case(store, *address, "业主入住清单")?;
            Ok(super::move_in_list::move_in_list(office, &case, today)?)
        }
        PrintJob::LostFound(m) => Ok(super::lostfound::lost_found_register(
            office,
            *m,
            &store.found_items_of_month(*m)?,
            store.lostfound_keep_days()?,
        )?),
        PrintJob::FoundNotice => Ok(super::lostfound::found_notice(
            office,
            &store.unclaimed_items()?,
            store.lostfound_keep_days()?,
            today,
        )?),
        PrintJob::RentalEntrustment(address) => {
            let (unit, r) = rental_of(store, *address, "委托代租协议")?;
            Ok(super::rental::rental_entrustment(office, &r, &unit, today)?)
        }
        PrintJob::RenovationApplication(_)
        | PrintJob::RenovationPermit(_)
        | PrintJob::WorkerPasses(_)
        | PrintJob::PatrolLog(_)
        | PrintJob::Rectification(..)
        | PrintJob::DepositRefund(_) => super::renovation_jobs::render(store, office, job, today),
        PrintJob::MonthSummary(m) => {
            let d = store.deadlines()?;
            Ok(super::month_summary::month_summary(
                office,
                &store.month_figures_with(*m, &d)?,
                &store.stats_trend_with(*m, &d)?,
                today,
            )?)
        }
        PrintJob::TenantRegistration(address) => {
            let (unit, r) = rental_of(store, *address, "房屋出租登记表")?;
            let lease = r.current_or_latest().ok_or_else(|| {
                PrintError::NotFound(format!("{address} 还没有签订租约，无法打印房屋出租登记表"))
            })?;
            let owner = match r.entrustment.person {
                Some(p) => store.person(crate::domain::person::PersonId(p)).ok(),
                None => None,
            };
            Ok(super::rental::tenant_registration(
                office,
                &r,
                lease,
                &unit,
                owner.as_ref(),
                today,
            )?)
        }
    }
}

/// The unit at `address` and its current (or latest) entrustment, or why `form` cannot be
/// printed.
fn rental_of(
    store: &Store,
    address: UnitAddress,
    form: &str,
) -> Result<(crate::store::UnitRecord, crate::store::RentalRecord), PrintError> {
    let unit = store
        .unit_at(address)?
        .ok_or_else(|| PrintError::NotFound(format!("没有登记 {address}，无法打印{form}")))?;
    let r = store.rental_of_unit(unit.id)?.ok_or_else(|| {
        PrintError::NotFound(format!(
            "{address} 没有代租委托，无法打印{form}；请先在房屋代租中新建委托"
        ))
    })?;
    Ok((unit, r))
}

/// The latest move-in case of the unit at `address`, or why `form` cannot be printed.
fn move_in_case(
    store: &Store,
    address: UnitAddress,
    form: &str,
) -> Result<crate::store::MoveInRecord, PrintError> {
    let unit = store
        .unit_at(address)?
        .ok_or_else(|| PrintError::NotFound(format!("没有登记 {address}，无法打印{form}")))?;
    store.move_in_of_unit(unit.id)?.ok_or_else(|| {
        PrintError::NotFound(format!(
            "{address} 还没有办理入住的记录，无法打印{form}；请先在业主入住中开始办理"
        ))
    })
}
