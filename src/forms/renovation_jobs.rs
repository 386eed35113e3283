//! Rendering the forms of 装修管理 for [`super::render_at`]: each from the renovation's file
//! (read by its number), the patrol log from the month's patrols.

use chrono::NaiveDate;

use super::jobs::{PrintError, PrintJob};
use crate::domain::renovation::RenovationNumber;
use crate::domain::settings::Office;
use crate::store::Store;

/// The forms of 装修管理, from the renovation's file (or the month's patrols).
pub(super) fn render(
    store: &Store,
    office: &Office,
    job: &PrintJob,
    today: NaiveDate,
) -> Result<Vec<u8>, PrintError> {
    let file = |n: &RenovationNumber| store.renovation_by_number(n);
    Ok(match job {
        PrintJob::RenovationApplication(None) => {
            super::renovation::renovation_application(office, None, today)?
        }
        PrintJob::RenovationApplication(Some(n)) => {
            super::renovation::renovation_application(office, Some(&file(n)?), today)?
        }
        PrintJob::RenovationPermit(n) => super::renovation::renovation_permit(office, &file(n)?)?,
        PrintJob::WorkerPasses(n) => super::renovation_passes::worker_passes(office, &file(n)?)?,
        PrintJob::PatrolLog(m) => {
            super::renovation_patrol::patrol_log(office, *m, &store.patrols_in_month(*m)?)?
        }
        PrintJob::Rectification(n, seq) => {
            super::renovation_patrol::rectification_notice(office, &file(n)?, *seq)?
        }
        PrintJob::DepositRefund(n) => {
            let f = file(n)?;
            let refund = f.refund.as_ref().ok_or_else(|| {
                PrintError::NotFound(format!(
                    "{n} 还没有退还装修保证金（复验合格后在装修管理中办理退款），没有退款凭证可打印"
                ))
            })?;
            super::refund_voucher::refund_voucher(office, refund)?
        }
        _ => {
            return Err(PrintError::NotFound("这不是装修管理的表单".to_string()));
        }
    })
}
