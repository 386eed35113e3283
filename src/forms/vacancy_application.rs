//! 空置房申请表: the owner's vacancy application with the officer's and supervisor's opinions
//! and the shut-off readings, for the owner to sign and the cashier to file.

use chrono::NaiveDate;

use super::{FormDoc, FormError, PageSize};
use crate::domain::date::paper_date;
use crate::domain::settings::Office;
use crate::domain::vacancy::{ApplicationStatus, Meter};
use crate::store::{ApplicationRecord, InspectionRecord, UnitRecord};

/// What the owner is told when applying (procedure 5.2.2).
const NOTICE: &str = "注意事项：1. 空置期间管理处关闭水电，物业管理费及水电公摊费按50%收取；\
    2. 空置期间每月用水超过1吨或用电超过5度，视为入住，按全额收费；\
    3. 室内贵重物品请业主自行妥善保管；\
    4. 空置期满后按全额收费，如需继续空置须重新申请；提前入住请到客服中心办理取消手续。";

/// Lays out the application form; `shut_off` is the reading taken at approval, if any.
pub fn vacancy_application(
    office: &Office,
    app: &ApplicationRecord,
    unit: &UnitRecord,
    shut_off: Option<&InspectionRecord>,
    printed: NaiveDate,
) -> Result<Vec<u8>, FormError> {
    let mut doc = FormDoc::new("空置房申请表", PageSize::A4)?;
    doc.title(&format!("{} 空置房申请表", office.estate))?;
    doc.header_line(
        &office.company,
        &format!("KZ-{:05}", app.id.0),
        &paper_date(printed),
    )?;
    let days = (app.to - app.from).num_days() + 1;
    let period = format!(
        "{} 至 {}（共{days}天）",
        paper_date(app.from),
        paper_date(app.to)
    );
    let area = unit.unit.area.with_unit();
    let taken = paper_date(app.recorded_at.date());
    doc.key_value_grid(
        &[
            ("房屋", &app.address.to_string()),
            ("建筑面积", &area),
            ("申请人（业主）", &app.owner_name),
            ("身份证原件", "已核验"),
            ("空置原因", &app.reason),
        ],
        2,
    )?;
    doc.key_value_grid(&[("空置期间", &period)], 1)?;
    doc.space(2.0);
    doc.text(NOTICE, 9.5)?;
    doc.space(2.0);
    let decision = match (&app.status, &app.decided) {
        (ApplicationStatus::Pending, _) | (_, None) => String::new(),
        (status, Some((name, at))) => {
            let verdict = if *status == ApplicationStatus::Rejected {
                "不同意"
            } else {
                "同意"
            };
            let note = if app.decision_note.is_empty() {
                String::new()
            } else {
                format!("：{}", app.decision_note)
            };
            format!("{verdict}{note}　{name}　{}", paper_date(at.date()))
        }
    };
    let readings = shut_off
        .map(|r| {
            let mut parts: Vec<String> = Meter::ALL
                .iter()
                .zip(r.inspection.readings)
                .filter_map(|(m, v)| v.map(|v| format!("{} {}", m.label(), m.with_unit(v))))
                .collect();
            parts.push(format!(
                "（{}，{}）",
                paper_date(r.inspection.date),
                r.inspector_name
            ));
            parts.join("　")
        })
        .unwrap_or_default();
    let ended = app
        .ended_on
        .map(|d| format!("已于 {} 提前结束", paper_date(d)))
        .unwrap_or_default();
    let officer = format!("{}　{}　{}", app.officer_opinion, app.officer_name, taken);
    doc.key_value_grid(
        &[
            ("客户服务员意见", officer.trim()),
            ("客服中心主管意见", &decision),
            ("停水停电抄表", &readings),
            ("备注", &ended),
        ],
        1,
    )?;
    doc.space(10.0);
    doc.signature_line(&["业主签字", "客户服务员", "客服中心主管", "日期"])?;
    doc.space(2.0);
    doc.text("本表一式两份：客服中心留存一份，交收费员一份。", 9.0)?;
    doc.footer(&office.company)?;
    doc.finish()
}
