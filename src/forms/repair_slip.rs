//! 维修单: the repair slip in three copies (维修班存根, 客服中心留存, 业主留存), or blank for
//! handwriting. A4 portrait, one copy per sheet, or printed once on dot-matrix carbon paper
//! ([`CopyMode`]): see docs/FORMS.md for why.

use super::{Align, Column, FormDoc, FormError, PageSize, Table};
use crate::domain::date::{paper_date, table_datetime};
use crate::domain::fees::CopyMode;
use crate::domain::repair::{RepairKind, RepairOrder};
use crate::domain::settings::{Deadlines, Office};

/// The three copies, in the order they are torn off.
pub const COPIES: [&str; 3] = [
    "第一联 维修班存根",
    "第二联 客服中心留存",
    "第三联 业主留存",
];

/// Empty materials rows on a blank slip, for handwriting.
const BLANK_ROWS: usize = 5;

/// Lays out the slip for `order`, or a blank slip when `None`; `d` tells whether the arrival
/// was late (迟到 N 分钟 is printed beside the arrival time).
pub fn repair_slip(
    office: &Office,
    order: Option<&RepairOrder>,
    d: &Deadlines,
) -> Result<Vec<u8>, FormError> {
    repair_slip_as(office, order, d, CopyMode::Laser)
}

/// [`repair_slip`] as the office prints copies (`mode`): on carbon paper one print of every
/// ply, no labels, and the full phone (see below).
pub fn repair_slip_as(
    office: &Office,
    order: Option<&RepairOrder>,
    d: &Deadlines,
    mode: CopyMode,
) -> Result<Vec<u8>, FormError> {
    let mut doc = FormDoc::new("维修单", PageSize::for_copies(mode, PageSize::A4))?;
    footer(&mut doc, office)?;
    // The technician calls the owner from the stub, so only the stub carries the full phone
    // (DOMAIN.md: the one place the work needs it); the other copies are masked. On carbon
    // paper one impact makes every ply, so all carry what the stub needs: the full phone (the
    // owner's ply shows the owner's own number; the desk's ply is filed with the register
    // that holds it already). docs/FORMS.md says why.
    doc.copies_as(mode, &COPIES, |doc, label| {
        copy(
            doc,
            office,
            order,
            d,
            label.is_none_or(|l| l == COPIES[0]),
            label.is_none(),
        )
    })?;
    doc.finish()
}

/// [`repair_slip`] as the month-end archive files it: the three A4 copies with the phone masked
/// on every one, the stub too. The full number is for the technician's call (DOMAIN.md); a
/// filed copy read years later has no call to make, and the archive is an export.
pub fn repair_slip_filed(
    office: &Office,
    order: &RepairOrder,
    d: &Deadlines,
) -> Result<Vec<u8>, FormError> {
    let mut doc = FormDoc::new("维修单", PageSize::A4)?;
    footer(&mut doc, office)?;
    doc.copies_as(CopyMode::Laser, &COPIES, |doc, _| {
        copy(doc, office, Some(order), d, false, false)
    })?;
    doc.finish()
}

/// The office's name, phone and address at the foot of every page.
fn footer(doc: &mut FormDoc, office: &Office) -> Result<(), FormError> {
    let contact = [office.phone.as_str(), office.address.as_str()]
        .iter()
        .filter(|s| !s.trim().is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join("　");
    doc.footer(format!("{}　{}", office.company, contact).trim())
}

fn time(t: Option<chrono::NaiveDateTime>) -> String {
    t.map(table_datetime).unwrap_or_default()
}

/// One copy of the slip.
fn copy(
    doc: &mut FormDoc,
    office: &Office,
    order: Option<&RepairOrder>,
    d: &Deadlines,
    full_phone: bool,
    carbon: bool,
) -> Result<(), FormError> {
    doc.title(&format!("{} 维修单", office.estate))?;
    let (number, date) = match order {
        Some(o) => (o.number.to_string(), paper_date(o.received_at.date())),
        // Room to write the number and date by hand.
        None => ("　".repeat(8), "　　　　年　　月　　日".to_string()),
    };
    doc.header_line(&office.company, &number, &date)?;
    let v = |f: &dyn Fn(&RepairOrder) -> String| order.map(f).unwrap_or_default();
    let public = order.is_some_and(|o| o.intake.place.kind() == RepairKind::Public);
    let kind = match order {
        Some(o) => o.intake.place.kind().label().to_string(),
        None => "□入户维修　□公共报修".to_string(),
    };
    let place = v(&|o| o.intake.place.describe());
    let officer = v(&|o| match &o.intake.place {
        crate::domain::repair::Place::Public { officer_name, .. } => officer_name.clone(),
        _ => String::new(),
    });
    let fields: Vec<(&str, String)> = vec![
        ("维修类型", kind),
        ("报修位置", place),
        ("报修人", v(&|o| o.intake.reporter.clone())),
        (
            "联系电话",
            v(&|o| {
                o.intake
                    .phone
                    .as_ref()
                    .map(|m| {
                        if full_phone {
                            m.as_str().to_string()
                        } else {
                            m.masked()
                        }
                    })
                    .unwrap_or_default()
            }),
        ),
        ("报修类别", v(&|o| o.intake.category.clone())),
        ("报修方式", v(&|o| o.intake.channel.label().to_string())),
        ("受理时间", v(&|o| table_datetime(o.received_at))),
        ("受理人", v(&|o| o.received_by.clone())),
        ("预约时间", v(&|o| table_datetime(o.intake.appointment))),
        (
            "维修人员",
            v(&|o| {
                o.technician
                    .as_ref()
                    .map(|t| t.1.clone())
                    .unwrap_or_default()
            }),
        ),
        ("派单时间", v(&|o| time(o.dispatched_at))),
        (
            "到场时间",
            v(&|o| match o.late_minutes(d) {
                Some(late) => format!("{}（迟到 {late} 分钟）", time(o.arrived_at)),
                None => time(o.arrived_at),
            }),
        ),
        ("完工时间", v(&|o| time(o.completed_at))),
        ("状态", v(&|o| o.state.label().to_string())),
    ];
    let mut pairs: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    if public || order.is_none() {
        pairs.push(("区域客户服务员", &officer));
    }
    doc.key_value_grid(&pairs, 2)?;
    let charge = match order {
        Some(o) if o.intake.chargeable => format!(
            "收费维修。已向业主讲明：{}（报价 {}）",
            o.intake.quote, o.intake.quote_amount
        ),
        Some(_) => "免费维修".to_string(),
        None => "□免费　□收费，已向业主讲明收费项目及金额：".to_string(),
    };
    let cancel = v(&|o| {
        if o.cancel_reason.is_empty() {
            String::new()
        } else {
            format!("已取消：{}", o.cancel_reason)
        }
    });
    // A blank slip leaves two lines to write on.
    let blank_or = |f: &dyn Fn(&RepairOrder) -> String| match order {
        Some(o) => f(o),
        None => "\n".to_string(),
    };
    let description = blank_or(&|o| o.intake.description.clone());
    let work = blank_or(&|o| o.work_done.clone());
    let mut long: Vec<(&str, &str)> = vec![
        ("报修内容", &description),
        ("收费告知", &charge),
        ("维修情况", &work),
    ];
    if !cancel.is_empty() {
        long.push(("取消原因", &cancel));
    }
    doc.key_value_grid(&long, 1)?;
    materials(doc, order)?;
    amounts(doc, order)?;
    evaluation(doc, order, public)?;
    doc.space(4.0);
    let confirm = if public {
        "区域客户服务员签字"
    } else {
        "业主签字"
    };
    doc.signature_line(&[confirm, "维修人员签字", "回访人签字"])?;
    let phone = if carbon {
        "本单各联均显示完整电话，仅供维修联系，不得外传"
    } else if full_phone {
        "本联留有业主完整电话，仅供维修联系，用后交回客服中心"
    } else {
        "电话已隐去部分数字"
    };
    doc.text(
        &format!("注：维修单不能有漏填项；需收费的须事先向业主讲明收费项目和金额；{phone}。"),
        9.0,
    )
}

fn materials(doc: &mut FormDoc, order: Option<&RepairOrder>) -> Result<(), FormError> {
    let mut table = Table::new(vec![
        Column::new("材料名称", 2.6),
        Column::new("规格", 1.4),
        Column::new("型号", 1.4),
        Column::new("数量", 0.9).align(Align::Right),
        Column::new("单位", 0.8).align(Align::Center),
        Column::new("单价(元)", 1.3).align(Align::Right),
        Column::new("金额(元)", 1.4).align(Align::Right),
    ]);
    let lines = order.map(|o| o.charges.materials.as_slice()).unwrap_or(&[]);
    for m in lines {
        table.push_row([
            m.name.clone(),
            m.spec.clone(),
            m.model.clone(),
            m.qty.to_string(),
            m.unit.clone(),
            m.price.yuan_string(),
            m.total().map(|t| t.yuan_string()).unwrap_or_default(),
        ]);
    }
    let blanks = match order {
        None => BLANK_ROWS,
        Some(_) if lines.is_empty() => 1,
        Some(_) => 0,
    };
    for _ in 0..blanks {
        table.push_row(["", "", "", "", "", "", ""]);
    }
    doc.table(&table)
}

fn amounts(doc: &mut FormDoc, order: Option<&RepairOrder>) -> Result<(), FormError> {
    let c = order.map(|o| &o.charges);
    let money = |f: &dyn Fn(&crate::domain::repair::Charges) -> Option<crate::domain::Fen>| {
        c.and_then(f).map(|f| f.to_string()).unwrap_or_default()
    };
    let total = c.and_then(|c| c.total());
    let upper = match total {
        Some(t) => format!("人民币{}", t.to_chinese_upper()),
        None => "人民币".to_string(),
    };
    let payment = match c {
        Some(c) => c.payment.map(|p| p.label().to_string()).unwrap_or_default(),
        None => "□现金　□微信　□支付宝　□刷卡".to_string(),
    };
    let receipt = match c {
        Some(c) => c.receipt.map(|r| r.label().to_string()).unwrap_or_default(),
        None => "□发票　□收据".to_string(),
    };
    let materials = money(&|c| c.materials_total());
    let labour = money(&|c| Some(c.labour));
    let total_text = total.map(|t| t.to_string()).unwrap_or_default();
    doc.key_value_grid(
        &[
            ("材料费", &materials),
            ("人工费", &labour),
            ("合计金额", &total_text),
            ("大写金额", &upper),
            ("付款方式", &payment),
            ("票据", &receipt),
        ],
        2,
    )
}

fn evaluation(
    doc: &mut FormDoc,
    order: Option<&RepairOrder>,
    public: bool,
) -> Result<(), FormError> {
    let rating = match order.and_then(|o| o.confirmation.as_ref()) {
        Some(c) if c.comment.is_empty() => format!("{}（{}确认）", c.rating.label(), c.by),
        Some(c) => format!("{}（{}确认）意见：{}", c.rating.label(), c.by, c.comment),
        None => "□满意　□基本满意　□不满意　意见：".to_string(),
    };
    let callback = match order {
        Some(o) => match (&o.callback, o.callback_at) {
            (Some(cb), Some(at)) => {
                let mut s = format!("{} {}：{}", table_datetime(at), o.callback_by, cb.note);
                if let Some(nc) = &cb.nonconformity {
                    s.push_str(&format!(
                        "。不合格项：{}，交{}纠正；纠正情况：{}",
                        nc.problem, nc.department, nc.correction
                    ));
                }
                s
            }
            _ => String::new(),
        },
        None => "\n".to_string(),
    };
    let label = if public {
        "区域客户服务员评价"
    } else {
        "业主评价"
    };
    doc.key_value_grid(&[(label, &rating), ("回访记录", &callback)], 1)
}
