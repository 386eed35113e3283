//! 装修管理's papers for the owner and the door, A4 portrait:
//! - 装修申请表: the owner, the contractor, the period, the kinds of work (■ chosen, □ not),
//!   the workers (ID numbers and phones masked), the papers received and the second inspection,
//!   with the signatures of owner, contractor and office; filled from a file, or blank for
//!   handwriting;
//! - 装修许可证: posted on the door — unit, contractor, period, the allowed working hours and
//!   the office's phone;
//! - 装修工人出入证: one card per worker, eight to a sheet, cut along the rules (in
//!   `renovation_passes`).
//!
//! The patrol log and the rectification notice are in `renovation_patrol`.

use chrono::NaiveDate;

use super::draw::Align;
use super::{Column, FormDoc, FormError, PageSize, Table};
use crate::domain::date::{paper_date, table_date};
use crate::domain::renovation::{Paper, STANDARD_ITEMS, WorkKind};
use crate::domain::settings::Office;
use crate::store::RenovationFile;

/// The hours work is allowed, printed on the permit (the estate's rule of quiet hours).
pub const WORKING_HOURS: &str = "周一至周五 8:00—12:00、14:00—18:00；\
周六、周日 9:00—12:00、14:00—17:00（不得进行电钻、切割等噪音施工）；法定节假日停止施工";

/// `■水电改造　□木工　…`: every kind of work, the chosen ones filled.
fn kinds_line(chosen: &[WorkKind]) -> String {
    WorkKind::ALL
        .iter()
        .map(|k| {
            let mark = if chosen.contains(k) { "■" } else { "□" };
            format!("{mark}{}", k.label())
        })
        .collect::<Vec<_>>()
        .join("　")
}

/// The estate's name before a form's title.
fn titled(office: &Office, form: &str) -> String {
    match office.estate.trim() {
        "" => form.to_string(),
        estate => format!("{estate} {form}"),
    }
}

/// Lays out the 装修申请表 of `file`, or a blank one for handwriting when `None`.
pub fn renovation_application(
    office: &Office,
    file: Option<&RenovationFile>,
    today: NaiveDate,
) -> Result<Vec<u8>, FormError> {
    let mut doc = FormDoc::new("装修申请表", PageSize::A4)?;
    doc.title(&titled(office, "装修申请表"))?;
    let a = file;
    let (number, date) = match file {
        Some(f) => (f.number.to_string(), paper_date(today)),
        None => ("　".repeat(8), "　　　　年　　月　　日".to_string()),
    };
    doc.header_line(&office.company, &number, &date)?;
    let v = |f: &dyn Fn(&RenovationFile) -> String| file.map(f).unwrap_or_default();

    doc.text("一、业主及房屋", 10.5)?;
    let owner = [
        ("房号", v(&|f| f.address.to_string())),
        ("业主", v(&|f| f.owner_name.clone())),
        (
            "联系电话",
            v(&|f| {
                f.owner_phone
                    .as_ref()
                    .map(|p| p.masked())
                    .unwrap_or_default()
            }),
        ),
        (
            "装修期限",
            v(&|f| {
                format!(
                    "{}至{}",
                    table_date(f.planned_start),
                    table_date(f.planned_end)
                )
            }),
        ),
    ];
    grid(&mut doc, &owner, 2)?;

    doc.text("二、装修单位", 10.5)?;
    let contractor = [
        ("单位名称", v(&|f| f.contractor.company.clone())),
        ("营业执照号", v(&|f| f.contractor.licence_no.clone())),
        ("资质等级", v(&|f| f.contractor.qualification.clone())),
        ("负责人", v(&|f| f.contractor.person_in_charge.clone())),
        ("负责人电话", v(&|f| f.contractor.phone.masked())),
    ];
    grid(&mut doc, &contractor, 2)?;

    doc.text("三、装修项目", 10.5)?;
    let kinds = kinds_line(a.map(|a| a.kinds.as_slice()).unwrap_or_default());
    let note = match a {
        Some(a) if !a.note.trim().is_empty() => a.note.trim().to_string(),
        Some(_) => "无".to_string(),
        None => "\n\n".to_string(),
    };
    doc.key_value_grid(&[("装修项目", &kinds), ("装修内容\n及说明", &note)], 1)?;

    doc.text("四、施工人员（凭装修工人出入证出入）", 10.5)?;
    let mut workers = Table::new(vec![
        Column::new("序号", 0.7).align(Align::Center),
        Column::new("姓名", 1.4),
        Column::new("工种", 1.2),
        Column::new("身份证号", 2.8),
        Column::new("联系电话", 1.8),
    ]);
    match a {
        Some(a) => {
            for (i, w) in a.workers.iter().enumerate() {
                workers.push_row([
                    (i + 1).to_string(),
                    w.name.clone(),
                    w.trade.clone(),
                    w.id_number.masked(),
                    w.phone.masked(),
                ]);
            }
            if a.workers.is_empty() {
                workers.push_row(["", "未登记", "", "", ""]);
            }
        }
        None => {
            for i in 1..=4 {
                workers.push_row([
                    i.to_string(),
                    String::new(),
                    String::new(),
                    String::new(),
                    String::new(),
                ]);
            }
        }
    }
    doc.table(&workers)?;

    doc.text("五、提交资料（■已收）", 10.5)?;
    let papers: Vec<String> = Paper::ALL
        .iter()
        .map(|p| {
            let got = file.and_then(|f| f.papers.iter().find(|r| r.paper == *p));
            match got {
                Some(r) => format!("■{}（{}）", p.label(), r.received_on.format("%m-%d")),
                None => format!("□{}", p.label()),
            }
        })
        .collect();
    let received = papers.join("　");
    doc.key_value_grid(&[("提交资料", &received)], 1)?;

    doc.text("六、二次验房", 10.5)?;
    let done = file.map(|f| f.inspection.as_slice()).unwrap_or_default();
    let results: Vec<String> = if done.is_empty() {
        STANDARD_ITEMS
            .iter()
            .map(|n| format!("{n}：□合格 □不合格"))
            .collect()
    } else {
        done.iter()
            .map(|i| {
                let mut t = format!(
                    "{}：{}",
                    i.item.name,
                    if i.item.passed { "合格" } else { "不合格" }
                );
                let mut why = Vec::new();
                if !i.item.note.is_empty() {
                    why.push(i.item.note.clone());
                }
                if let Some(r) = &i.repair {
                    why.push(format!("已转报修 {}（{}）", r.number, r.state.label()));
                }
                if !why.is_empty() {
                    t.push_str(&format!("（{}）", why.join("；")));
                }
                t
            })
            .collect()
    };
    let results = results.join("　");
    doc.key_value_grid(&[("验房结果", &results)], 1)?;
    doc.space(2.0);
    doc.text(
        "业主及装修单位承诺：遵守本小区装修管理规定，不拆改承重墙、不破坏防水层、不擅改燃气和暖气管道，\
         按规定时间施工，装修垃圾袋装并运到指定地点；施工人员凭出入证出入。违反规定的，按装修协议整改，\
         造成损失的从装修保证金中扣除。",
        9.0,
    )?;
    doc.space(2.0);
    doc.signature_line(&["业主签字", "装修单位负责人签字"])?;
    doc.signature_line(&["客服中心经办人", "工程部意见", "日期"])?;
    doc.footer(&office.company)?;
    doc.finish()
}

/// A label/value grid of owned values.
fn grid(doc: &mut FormDoc, pairs: &[(&str, String)], columns: usize) -> Result<(), FormError> {
    let pairs: Vec<(&str, &str)> = pairs.iter().map(|(k, v)| (*k, v.as_str())).collect();
    doc.key_value_grid(&pairs, columns)
}

/// Lays out the 装修许可证 of `file` for the door: refused (as a [`FormError::Layout`] naming
/// what is missing) while no permit has been issued.
pub fn renovation_permit(office: &Office, file: &RenovationFile) -> Result<Vec<u8>, FormError> {
    let Some(issued) = file.permit_at else {
        return Err(FormError::Layout(format!(
            "{} 还没有发放装修许可证（缴清装修保证金和费用后发放）",
            file.number
        )));
    };
    let a = file;
    let mut doc = FormDoc::new("装修许可证", PageSize::A4)?;
    doc.title(&office.estate)?;
    doc.space(4.0);
    let big = super::draw::wrap_field("标题", "装修许可证", 40.0, doc.content_width())?;
    doc.place_lines(&big, 40.0, Align::Center);
    doc.space(2.0);
    let number = format!("编号：{}", file.number);
    doc.place_lines(&[number], 12.0, Align::Center);
    doc.space(8.0);
    let unit = a.address.to_string();
    let big_unit = super::draw::wrap_field("房号", &unit, 26.0, doc.content_width())?;
    doc.place_lines(&big_unit, 26.0, Align::Center);
    doc.space(8.0);
    let period = format!(
        "{}至{}",
        paper_date(issued.date().max(a.planned_start)),
        paper_date(a.planned_end)
    );
    let kinds: Vec<&str> = a.kinds.iter().map(|k| k.label()).collect();
    let kinds = kinds.join("、");
    let charge = format!(
        "{}　{}",
        a.contractor.person_in_charge,
        a.contractor.phone.masked()
    );
    let phone = match office.phone.trim() {
        "" => "请向客服中心询问".to_string(),
        p => p.to_string(),
    };
    let rows: [(&str, &str); 8] = [
        ("业主", a.owner_name.as_str()),
        ("装修单位", a.contractor.company.as_str()),
        ("现场负责人", charge.as_str()),
        ("装修期限", period.as_str()),
        ("装修项目", kinds.as_str()),
        ("允许施工时间", WORKING_HOURS),
        ("管理处电话", phone.as_str()),
        ("发证日期", &paper_date(issued.date())),
    ];
    for (k, v) in rows {
        doc.text(&format!("{k}：{v}"), 14.0)?;
        doc.space(1.5);
    }
    doc.space(6.0);
    doc.text(
        "本证张贴于户门外显著位置，施工期间不得遮挡、涂改、转借。施工人员凭装修工人出入证出入；\
         请遵守允许施工时间，装修垃圾袋装后运到指定地点。如有问题请拨打管理处电话。",
        11.0,
    )?;
    doc.space(10.0);
    doc.text(&format!("发证单位：{}（盖章）", office.company), 12.0)?;
    doc.footer(&office.company)?;
    doc.finish()
}
