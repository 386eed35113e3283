//! 放行条 (the pass, two labelled copies on A5, or printed once on dot-matrix carbon paper) and
//! the month's 物品出入登记表.

use super::{Align, Column, FormDoc, FormError, PageSize, Table};
use crate::domain::Month;
use crate::domain::date::{paper_date, table_datetime};
use crate::domain::fees::CopyMode;
use crate::domain::item_pass::ApplicantKind;
use crate::domain::settings::Office;
use crate::store::PassRecord;

/// The two copies of a pass: the gate keeps one, the desk files the other.
pub const PASS_COPIES: [&str; 2] = ["门岗留存", "客服中心留存"];

fn unit_text(p: &PassRecord) -> String {
    p.pass
        .unit
        .map(|a| a.to_string())
        .unwrap_or_else(|| "（公用物品）".to_string())
}

fn fees_text(p: &PassRecord) -> String {
    if !p.pass.kind.needs_fees_sign_off() {
        return "公用物品凭外运证明放行，无需确认".to_string();
    }
    match (&p.fees, &p.override_) {
        (_, Some(o)) => format!("主管 {} 特批：{}", o.by_name, o.reason),
        (Some(s), None) => format!("费用已结清，{} {}", s.by_name, table_datetime(s.at)),
        // Approved with neither: the store lets that happen only when the fees records showed
        // nothing owed at the approval (an owing unit needs the supervisor's override).
        (None, None) if p.approved.is_some() => "费用已结清（收费记录核对无欠费）".to_string(),
        (None, None) => "批准时核对收费记录".to_string(),
    }
}

/// Lays out the 放行条 of `p`: both copies, items table, vehicle, signature boxes; on A5, each
/// copy on its own labelled sheet.
pub fn release_pass(office: &Office, p: &PassRecord) -> Result<Vec<u8>, FormError> {
    release_pass_as(office, p, CopyMode::Laser)
}

/// [`release_pass`] as the office prints copies (`mode`): on carbon paper one print, no labels.
pub fn release_pass_as(
    office: &Office,
    p: &PassRecord,
    mode: CopyMode,
) -> Result<Vec<u8>, FormError> {
    let mut doc = FormDoc::new("放行条", PageSize::for_copies(mode, PageSize::A5))?;
    let pass = &p.pass;
    let (plate, driver, doc_no) = match &pass.vehicle {
        Some(v) => (v.plate.to_string(), v.driver.clone(), v.driver_doc.masked()),
        None => ("（无车辆）".into(), String::new(), String::new()),
    };
    let unit = unit_text(p);
    let applicant = format!("{}（{}）", pass.applicant, pass.kind.label());
    let phone = pass.phone.masked();
    let reason = if pass.reason_note.trim().is_empty() {
        pass.reason.label().to_string()
    } else {
        format!("{}：{}", pass.reason.label(), pass.reason_note.trim())
    };
    let valid = paper_date(pass.planned);
    let fees = fees_text(p);
    let paper = match pass.kind {
        ApplicantKind::PublicProperty => (
            "外运证明",
            format!(
                "{} 开具：{}",
                pass.certificate_issuer.trim(),
                pass.certificate.trim()
            ),
        ),
        ApplicantKind::Owner => ("业主授权", "业主本人".to_string()),
        _ => ("业主授权", pass.authorisation.clone()),
    };
    let status = match &p.released {
        Some(r) => format!("已放行 {} {}", r.name, table_datetime(r.at)),
        None => p.status.label().to_string(),
    };
    let approved = match &p.approved {
        Some(a) => format!("{} {}", a.name, table_datetime(a.at)),
        None => "（待批准）".to_string(),
    };
    let signer = pass.kind.release_signer();
    let signed = match &p.signature_checked {
        Some(c) => format!(
            "{signer}已签字，值岗 {} 核对 {}",
            c.name,
            table_datetime(c.at)
        ),
        None => format!("{signer}签字后，值岗人员核对方可放行"),
    };
    doc.copies_as(mode, &PASS_COPIES, |doc, _| {
        doc.title(&format!("{} 物品放行条", office.estate))?;
        doc.header_line(
            &office.company,
            &p.number.to_string(),
            &format!("仅限 {valid} 当日有效"),
        )?;
        doc.key_value_grid(
            &[
                ("房号", &unit),
                ("申请人", &applicant),
                ("联系电话", &phone),
                ("事由", &reason),
                ("车牌号", &plate),
                ("司机", &driver),
                ("状态", &status),
            ],
            2,
        )?;
        // Long values on full-width rows, so an ID number never wraps mid-number.
        doc.key_value_grid(
            &[
                (paper.0, &paper.1),
                ("驾驶证/身份证", &doc_no),
                ("费用结清", &fees),
                ("批准人", &approved),
                ("签字核对", &signed),
            ],
            1,
        )?;
        doc.space(2.0);
        let mut items = Table::new(vec![
            Column::new("序号", 0.6).align(Align::Center),
            Column::new("物品名称", 3.0),
            Column::new("数量", 0.8).align(Align::Right),
            Column::new("备注", 2.6),
        ]);
        for (i, item) in pass.items.iter().enumerate() {
            items.push_row([
                (i + 1).to_string(),
                item.name.clone(),
                item.quantity.to_string(),
                item.note.clone(),
            ]);
        }
        doc.table(&items)?;
        doc.space(4.0);
        let signer_box = format!("{signer}签字");
        let officer_box = if pass.kind.needs_fees_sign_off() {
            "客户服务员签字"
        } else {
            "批准人签字"
        };
        doc.signature_line(&[&signer_box, officer_box, "值岗人员签字", "放行时间"])?;
        Ok(())
    })?;
    doc.footer(&format!("{}　门岗核对物品与车辆后放行", office.company))?;
    doc.finish()
}

/// Lays out the month's 物品出入登记表: every pass numbered in the month, for filing.
pub fn release_register(
    office: &Office,
    month: Month,
    passes: &[PassRecord],
) -> Result<Vec<u8>, FormError> {
    let mut doc = FormDoc::new("物品出入登记表", PageSize::A4)?;
    doc.title(&format!("{} 物品出入登记表", office.estate))?;
    doc.header_line(&office.company, "", &month.paper())?;
    let mut table = Table::new(vec![
        Column::new("编号", 24.0),
        Column::new("日期", 11.0),
        Column::new("房号", 15.0),
        Column::new("申请人", 12.0),
        Column::new("事由", 11.0),
        Column::new("主要物品及数量", 28.0),
        Column::new("车牌号", 18.0),
        Column::new("司机/证件号", 30.0),
        Column::new("费用确认", 10.0),
        Column::new("状态/值岗", 15.0),
    ]);
    // Widths in millimetres of an A4 page at 7.5 pt: an ID number and a pass number each fit on
    // one line.
    table.size_pt = 7.5;
    for p in passes {
        let items = p
            .pass
            .items
            .iter()
            .map(|i| format!("{}×{}", i.name, i.quantity))
            .collect::<Vec<_>>()
            .join("、");
        let (plate, driver) = match &p.pass.vehicle {
            Some(v) => (
                v.plate.to_string(),
                format!("{}\n{}", v.driver, v.driver_doc.masked()),
            ),
            None => (String::new(), String::new()),
        };
        let fees = match (&p.fees, &p.override_) {
            _ if !p.pass.kind.needs_fees_sign_off() => "外运证明".to_string(),
            (_, Some(o)) => format!("{}特批", o.by_name),
            (Some(s), None) => s.by_name.clone(),
            (None, None) if p.approved.is_some() => "已结清".to_string(),
            (None, None) => String::new(),
        };
        let state = match (&p.released, &p.voided) {
            (Some(r), _) => format!("已放行 {} {}", r.name, r.at.format("%H:%M")),
            (_, Some(v)) => format!("已作废：{}", v.name),
            _ => p.status.label().to_string(),
        };
        table.push_row([
            p.number.to_string(),
            p.pass.planned.format("%m-%d").to_string(),
            p.pass
                .unit
                .map(|a| a.short())
                .unwrap_or_else(|| "公用".into()),
            p.pass.applicant.clone(),
            p.pass.reason.label().to_string(),
            items,
            plate,
            driver,
            fees,
            state,
        ]);
    }
    if passes.is_empty() {
        table.push_row(
            std::iter::once("本月无放行记录".to_string())
                .chain(std::iter::repeat_n(String::new(), 9)),
        );
    }
    doc.table(&table)?;
    doc.space(2.0);
    doc.text(
        &format!(
            "共 {} 张放行条。司机证件号已按个人信息保护要求隐去部分数字。",
            passes.len()
        ),
        9.0,
    )?;
    doc.space(6.0);
    doc.signature_line(&["值岗负责人", "客服中心主管", "归档日期"])?;
    doc.footer(&office.company)?;
    doc.finish()
}
