//! The two forms of 房屋代租, A4 portrait:
//! - 委托代租协议: what the owner entrusts (unit, asking rent in figures and words, deposit
//!   terms, furnishings, availability, the period, the commission, the owner's bank details
//!   masked) and the terms, with signature lines for the owner and the office;
//! - 房屋出租登记表: the lease as the local police registration of residents asks for it
//!   (出租房屋, 出租人, 承租人 with ID numbers and phones masked, 人数, 用途, the lease dates and
//!   rent), with rows for the other residents and the 派出所 box.

use chrono::NaiveDate;

use super::{Align, Column, FormDoc, FormError, PageSize, Table};
use crate::domain::date::paper_date;
use crate::domain::settings::Office;
use crate::store::{LeaseRecord, PersonRecord, RentalRecord, UnitRecord};

/// The unit's full address on paper: the office's address and estate, then `3号楼2单元1502室`.
fn place(office: &Office, unit: &UnitRecord) -> String {
    format!(
        "{}{} {}",
        office.address.trim(),
        office.estate.trim(),
        unit.unit.address
    )
    .trim()
    .to_string()
}

/// Lays out the 委托代租协议 of `r` for the owner's signature.
pub fn rental_entrustment(
    office: &Office,
    r: &RentalRecord,
    unit: &UnitRecord,
    today: NaiveDate,
) -> Result<Vec<u8>, FormError> {
    let e = &r.entrustment;
    let mut doc = FormDoc::new("委托代租协议", PageSize::A4)?;
    let rent = format!(
        "{}（人民币{}）",
        e.asking_rent,
        e.asking_rent.to_chinese_upper()
    );
    let period = format!("{}至{}", paper_date(e.period_from), paper_date(e.period_to));
    let phone = e
        .owner_phone
        .as_ref()
        .map(|m| m.masked())
        .unwrap_or_default();
    let commission = format!(
        "{}（签约时按实际月租计算，四舍五入到分）",
        e.commission.describe()
    );
    let area = unit.unit.area.with_unit();
    let (bank, holder, account) = match &e.bank {
        Some(b) => (b.bank.clone(), b.holder.clone(), b.account.masked()),
        None => Default::default(),
    };
    let furnishings = if e.furnishings.is_empty() {
        "无".to_string()
    } else {
        e.furnishings.join("、")
    };
    // 一式两份: the same agreement twice, each labelled with who keeps it.
    doc.copies(
        &["甲方（业主）留存", "乙方（管理处）留存"],
        |doc, _| {
            doc.title(&format!("{} 委托代租协议", office.estate))?;
            doc.header_line(&office.company, &r.number.to_string(), &paper_date(today))?;
            doc.key_value_grid(
                &[
                    ("委托方（甲方）", e.owner_name.as_str()),
                    ("受托方（乙方）", office.company.as_str()),
                    ("甲方电话", &phone),
                    ("乙方电话", office.phone.as_str()),
                ],
                2,
            )?;
            doc.space(2.0);
            doc.key_value_grid(
                &[
                    ("房屋坐落", &place(office, unit)),
                    ("建筑面积", &area),
                    ("期望月租金", &rent),
                    ("押金方式", e.deposit_terms.as_str()),
                    ("可入住日期", &paper_date(e.available_from)),
                    ("委托期限", &period),
                    ("代租佣金", &commission),
                    ("家具家电", &furnishings),
                ],
                1,
            )?;
            doc.space(2.0);
            doc.text("收款账户（租金由乙方代收后转入）", 10.5)?;
            doc.key_value_grid(
                &[
                    ("开户银行", bank.as_str()),
                    ("户名", holder.as_str()),
                    ("账号", account.as_str()),
                ],
                3,
            )?;
            if !e.note.is_empty() {
                doc.space(2.0);
                doc.key_value_grid(&[("其他约定", e.note.as_str())], 1)?;
            }
            doc.space(2.0);
            for clause in CLAUSES {
                doc.text(clause, 9.5)?;
            }
            doc.text("注：电话、银行账号已按个人信息保护要求隐去部分数字。", 9.0)?;
            doc.space(8.0);
            doc.signature_line(&["甲方（业主）签字", "日期"])?;
            doc.space(4.0);
            doc.signature_line(&["乙方（管理处）盖章", "经办人"])
        },
    )?;
    doc.footer(&office.company)?;
    doc.finish()
}

/// The agreement's terms.
const CLAUSES: [&str; 5] = [
    "一、甲方保证对上述房屋享有出租的权利，委托乙方在委托期限内代为出租，并提供房屋钥匙和身份证明复印件。",
    "二、乙方负责发布房源、带客看房、审核承租人身份、代签租赁合同，并协助承租人到房屋所在地派出所办理出租房屋登记。",
    "三、租赁合同签订后，甲方按上述约定向乙方支付代租佣金，由乙方计入该房屋的物业费用账户收取。",
    "四、委托期内甲方收回房屋的，须提前通知乙方；已签订的租赁合同期满或解除前，甲方不得撤回委托。",
    "五、本协议一式两份，甲乙双方各执一份，自双方签字（盖章）之日起生效。",
];

/// Lays out the 房屋出租登记表 of `lease` on `r` (the owner's register row, if any, for their
/// ID number), for the local police registration of residents.
pub fn tenant_registration(
    office: &Office,
    r: &RentalRecord,
    lease: &LeaseRecord,
    unit: &UnitRecord,
    owner: Option<&PersonRecord>,
    today: NaiveDate,
) -> Result<Vec<u8>, FormError> {
    let e = &r.entrustment;
    let l = &lease.lease;
    let mut doc = FormDoc::new("房屋出租登记表", PageSize::A4)?;
    doc.title("房屋出租登记表")?;
    doc.header_line(&office.company, &r.number.to_string(), &paper_date(today))?;

    doc.text("出租房屋", 10.5)?;
    let area = unit.unit.area.with_unit();
    let term = format!("{}至{}", paper_date(l.starts_on), paper_date(l.ends_on));
    let rent = format!("{}/月（{}）", l.rent, l.cycle.label());
    let occupants = format!("{}人", l.occupants);
    doc.key_value_grid(
        &[
            ("房屋地址", &place(office, unit)),
            ("建筑面积", &area),
            ("用途", l.purpose.label()),
            ("租赁期限", &term),
            ("租金", &rent),
            ("押金", &l.deposit.to_string()),
            ("居住人数", &occupants),
        ],
        2,
    )?;
    doc.space(2.0);

    doc.text("出租人", 10.5)?;
    let owner_id = owner
        .and_then(|p| p.person.id_number.as_ref())
        .map(|i| i.masked())
        .unwrap_or_default();
    let owner_phone = e
        .owner_phone
        .as_ref()
        .or(owner.and_then(|p| p.person.phone.as_ref()))
        .map(|m| m.masked())
        .unwrap_or_default();
    doc.key_value_grid(
        &[
            ("出租人姓名", e.owner_name.as_str()),
            ("身份证号", &owner_id),
            ("联系电话", &owner_phone),
            ("代理人", office.company.as_str()),
        ],
        2,
    )?;
    doc.space(2.0);

    doc.text("承租人", 10.5)?;
    doc.key_value_grid(
        &[
            ("承租人姓名", l.tenant.as_str()),
            ("身份证号", &l.id_number.masked()),
            ("联系电话", &l.phone.masked()),
            ("户籍地址", ""),
            ("工作单位", ""),
            ("入住日期", &paper_date(l.starts_on)),
        ],
        2,
    )?;
    doc.space(2.0);

    doc.text("居住人员（含承租人）", 10.5)?;
    let mut people = Table::new(vec![
        Column::new("序号", 0.8).align(Align::Right),
        Column::new("姓名", 1.6),
        Column::new("与承租人关系", 1.6),
        Column::new("身份证号", 3.0),
        Column::new("联系电话", 2.0),
    ]);
    people.push_row([
        "1".to_string(),
        l.tenant.clone(),
        "本人".to_string(),
        l.id_number.masked(),
        l.phone.masked(),
    ]);
    // The other residents are written in by hand from their ID cards at the 派出所.
    for i in 2..=l.occupants.max(3) {
        people.push_row([
            i.to_string(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
        ]);
    }
    doc.table(&people)?;
    doc.space(2.0);
    doc.text(
        "出租人、承租人应自签订租赁合同之日起按规定到房屋所在地公安派出所（社区警务室）办理出租房屋登记和居住登记；居住人员变动的，应及时变更登记。身份证号、电话已隐去部分数字，登记时出示证件原件核对。",
        9.0,
    )?;
    doc.space(6.0);
    doc.signature_line(&["出租人签字", "承租人签字", "日期"])?;
    doc.space(4.0);
    doc.signature_line(&["管理处经办人", "联系电话", "日期"])?;
    doc.space(2.0);
    doc.key_value_grid(&[("派出所（社区警务室）登记意见", "\n\n")], 1)?;
    doc.space(4.0);
    doc.signature_line(&["民警签字", "登记日期"])?;
    doc.footer(&office.company)?;
    doc.finish()
}
