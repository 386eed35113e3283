//! Reading a form asked for by name, as the command line gives it: [`FORMS`] (what can be
//! printed and its key), [`PrintArgs`] and [`PrintJob::parse`].

use super::jobs::PrintJob;
use crate::domain::Month;
use crate::domain::UnitAddress;
use crate::domain::fees::ReceiptNumber;
use crate::domain::item_pass::PassNumber;
use crate::domain::renovation::RenovationNumber;
use crate::domain::repair::OrderNumber;
use crate::domain::vacancy::ApplicationId;

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
    ("month-summary", "--month 2026-11"),
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
            | "feedback-log" | "lost-found" | "patrol-log" | "month-summary") => {
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
                    "month-summary" => PrintJob::MonthSummary(month),
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
}
