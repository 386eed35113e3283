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
pub const FORMS: &[(&str, &str)] = &[
    ("owner-card", "房号，例如 3-2-1502"),
    ("release-pass", "放行条编号，例如 FX-202611-0001"),
    ("release-register", "月份，例如 2026-11"),
    ("key-loans", "月份，例如 2026-11"),
    ("key-issues", "月份，例如 2026-11"),
    ("vacancy-sheet", "--building 3 --month 2026-11 [--blank]"),
    ("vacancy-application", "申请编号，例如 12"),
    ("repair-slip", "维修单号，例如 WX-202611-0001，或 --blank"),
    ("daily-report", "日期，例如 2026-11-29"),
    ("reminder", "房号，例如 3-2-1502，或 --building 3"),
    ("arrears", "[--building 3]"),
    ("receipt", "收据号，例如 SJ-202611-0001"),
    ("cashier-day", "日期，例如 2026-11-30"),
    (
        "work-order",
        "工作联系单号，例如 GZ-202611-0001，或 --blank",
    ),
    ("complaints", "--month 2026-11"),
    ("feedback-log", "--month 2026-11"),
    ("handover-sheet", "房号，例如 3-2-1502，或 --blank"),
    ("move-in-list", "房号，例如 3-2-1502"),
    ("lost-found", "--month 2026-11"),
    ("found-notice", "无需参数"),
    ("rental-entrustment", "房号，例如 3-2-1502"),
    ("tenant-registration", "房号，例如 3-2-1502"),
    (
        "renovation-application",
        "装修编号，例如 ZX-202611-0001，或 --blank",
    ),
    ("renovation-permit", "装修编号，例如 ZX-202611-0001"),
    ("worker-passes", "装修编号，例如 ZX-202611-0001"),
    ("patrol-log", "--month 2026-11"),
    (
        "rectification",
        "装修编号和整改通知序号，例如 ZX-202611-0001 1",
    ),
    ("deposit-refund", "装修编号，例如 ZX-202611-0001"),
];

/// What was asked for by name, as `wuye-desk print FORM [KEY] [--blank] [--building N]
/// [--month YYYY-MM]` gives it: plain values, so the forms know nothing of the command line's
/// parser (the CLI maps its own arguments onto this).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PrintArgs {
    /// The form (owner-card …), one of [`FORMS`].
    pub form: String,
    /// Which record: for owner-card the unit, e.g. 3-2-1502.
    pub key: Option<String>,
    /// A blank form for handwriting, where the form has one.
    pub blank: bool,
    /// The building, for forms made per building.
    pub building: Option<u32>,
    /// The month, `2026-11`, for monthly registers.
    pub month: Option<String>,
    /// A second key, for forms of a part of a record: the 整改通知's number `N` after the
    /// renovation's.
    pub item: Option<String>,
}

impl PrintArgs {
    /// The key, or a message saying what the form needs.
    pub fn key(&self, what: &str) -> Result<&str, String> {
        self.key.as_deref().ok_or_else(|| format!("请给出{what}"))
    }

    /// The key read as a renovation's number.
    fn renovation(&self) -> Result<RenovationNumber, String> {
        let key = self.key("装修编号，例如 ZX-202611-0001")?;
        RenovationNumber::parse(key)
            .ok_or_else(|| format!("装修编号“{key}”写法不对，应为 ZX-202611-0001"))
    }
}

impl PrintJob {
    /// Reads a form asked for by name (`print FORM …` on the command line).
    pub fn parse(args: &PrintArgs) -> Result<PrintJob, String> {
        match args.form.as_str() {
            "owner-card" => UnitAddress::parse(args.key("房号，例如 3-2-1502")?)
                .map(PrintJob::OwnerCard)
                .map_err(|e| e.to_string()),
            "release-pass" => {
                let key = args.key("放行条编号，例如 FX-202611-0001")?;
                PassNumber::parse(key)
                    .map(PrintJob::ReleasePass)
                    .ok_or_else(|| format!("“{key}”不是放行条编号，应为 FX-202611-0001 这样"))
            }
            "renovation-application" if args.blank => Ok(PrintJob::RenovationApplication(None)),
            "renovation-application" => args
                .renovation()
                .map(|n| PrintJob::RenovationApplication(Some(n))),
            "renovation-permit" => args.renovation().map(PrintJob::RenovationPermit),
            "worker-passes" => args.renovation().map(PrintJob::WorkerPasses),
            "deposit-refund" => args.renovation().map(PrintJob::DepositRefund),
            "rectification" => {
                let number = args.renovation()?;
                let n = args
                    .item
                    .as_deref()
                    .ok_or("请在装修编号后给出整改通知的序号，例如 ZX-202611-0001 1")?;
                n.trim()
                    .parse::<u32>()
                    .ok()
                    .filter(|n| *n > 0)
                    .map(|n| PrintJob::Rectification(number, n))
                    .ok_or_else(|| format!("整改通知序号应是正整数，例如 1，而不是“{n}”"))
            }
            form @ ("release-register" | "key-loans" | "key-issues" | "complaints"
            | "feedback-log" | "lost-found" | "patrol-log") => {
                let text = match (&args.month, &args.key) {
                    (Some(m), _) | (None, Some(m)) => m.as_str(),
                    (None, None) => return Err("请给出月份，例如 2026-11".into()),
                };
                let month = Month::parse(text)
                    .map_err(|_| format!("“{text}”不是月份，应为 2026-11 这样"))?;
                Ok(match form {
                    "release-register" => PrintJob::ReleaseRegister(month),
                    "key-loans" => PrintJob::KeyLoans(month),
                    "complaints" => PrintJob::Complaints(month),
                    "feedback-log" => PrintJob::FeedbackLog(month),
                    "lost-found" => PrintJob::LostFound(month),
                    "patrol-log" => PrintJob::PatrolLog(month),
                    _ => PrintJob::KeyIssues(month),
                })
            }
            "vacancy-sheet" => {
                let building = args
                    .building
                    .filter(|b| *b > 0)
                    .ok_or("请用 --building 给出楼栋，例如 --building 3")?;
                let month = args
                    .month
                    .as_deref()
                    .ok_or("请用 --month 给出月份，例如 --month 2026-11")?;
                let month = Month::parse(month).map_err(|e| e.to_string())?;
                Ok(PrintJob::VacancySheet {
                    building,
                    month,
                    blank: args.blank,
                })
            }
            "vacancy-application" => args
                .key("申请编号，例如 12")?
                .trim()
                .trim_start_matches("KZ-")
                .parse::<i64>()
                .map(|n| PrintJob::VacancyApplication(ApplicationId(n)))
                .map_err(|_| "申请编号应是数字，例如 12".to_string()),
            "repair-slip" if args.blank => Ok(PrintJob::RepairSlip(None)),
            "repair-slip" => {
                let key = args.key("维修单号，例如 WX-202611-0001，或加 --blank 打印空白维修单")?;
                OrderNumber::parse(key)
                    .map(|n| PrintJob::RepairSlip(Some(n)))
                    .ok_or_else(|| format!("维修单号“{key}”写法不对，应为 WX-202611-0001"))
            }
            "work-order" if args.blank => Ok(PrintJob::WorkOrderBlank),
            "work-order" => {
                let key =
                    args.key("工作联系单号，例如 GZ-202611-0001，或加 --blank 打印空白工作联系单")?;
                key.parse().map(PrintJob::WorkOrder)
            }
            "handover-sheet" if args.blank => Ok(PrintJob::HandoverBlank),
            "handover-sheet" => UnitAddress::parse(
                args.key("房号，例如 3-2-1502，或加 --blank 打印空白房屋验收交接表")?,
            )
            .map(PrintJob::HandoverSheet)
            .map_err(|e| e.to_string()),
            "move-in-list" => UnitAddress::parse(args.key("房号，例如 3-2-1502")?)
                .map(PrintJob::MoveInList)
                .map_err(|e| e.to_string()),
            "found-notice" => Ok(PrintJob::FoundNotice),
            "rental-entrustment" => UnitAddress::parse(args.key("房号，例如 3-2-1502")?)
                .map(PrintJob::RentalEntrustment)
                .map_err(|e| e.to_string()),
            "tenant-registration" => UnitAddress::parse(args.key("房号，例如 3-2-1502")?)
                .map(PrintJob::TenantRegistration)
                .map_err(|e| e.to_string()),
            "daily-report" => crate::domain::date::parse_date(args.key("日期，例如 2026-11-29")?)
                .map(PrintJob::DailyReport)
                .map_err(|e| e.to_string()),
            "reminder" => match (args.building, &args.key) {
                (Some(b), _) if b > 0 => Ok(PrintJob::BuildingReminders(b)),
                (Some(_), _) => Err("楼栋应是正整数，例如 --building 3".into()),
                (None, _) => {
                    UnitAddress::parse(args.key("房号，例如 3-2-1502，或用 --building 3 打印整栋")?)
                        .map(PrintJob::Reminder)
                        .map_err(|e| e.to_string())
                }
            },
            "arrears" => match args.building {
                Some(0) => Err("楼栋应是正整数，例如 --building 3".into()),
                b => Ok(PrintJob::Arrears(b)),
            },
            "receipt" => {
                let key = args.key("收据号，例如 SJ-202611-0001")?;
                ReceiptNumber::parse(key)
                    .map(PrintJob::Receipt)
                    .ok_or_else(|| format!("收据号“{key}”写法不对，应为 SJ-202611-0001"))
            }
            "cashier-day" => crate::domain::date::parse_date(args.key("日期，例如 2026-11-30")?)
                .map(PrintJob::CashierDay)
                .map_err(|e| e.to_string()),
            form => Err(format!(
                "没有这种表单：{form}。可以打印：{}",
                FORMS
                    .iter()
                    .map(|(f, k)| format!("{f}（{k}）"))
                    .collect::<Vec<_>>()
                    .join("、")
            )),
        }
    }

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
        }
    }
}

/// Renders the form behind `job` to PDF bytes, as of the computer's clock (the command line).
pub fn render(store: &Store, office: &Office, job: &PrintJob) -> Result<Vec<u8>, PrintError> {
    render_at(store, office, job, crate::domain::date::now_local())
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
