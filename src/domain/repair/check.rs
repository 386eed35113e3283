//! 维修单不能出现漏填项: what must be filled in before a slip can be closed.

use super::{RepairKind, RepairOrder};

/// The fields still blank that the procedure requires before closing, in the order they
/// appear on the slip (empty when the slip may be closed).
pub fn missing_for_close(o: &RepairOrder) -> Vec<&'static str> {
    let mut missing = Vec::new();
    let public = o.intake.place.kind() == RepairKind::Public;
    let mut need = |blank: bool, what: &'static str| {
        if blank {
            missing.push(what);
        }
    };
    need(o.intake.reporter.trim().is_empty(), "报修人");
    need(!public && o.intake.phone.is_none(), "联系电话");
    need(o.intake.description.trim().is_empty(), "报修内容");
    need(o.technician.is_none(), "维修人员");
    need(o.arrived_at.is_none(), "到场时间");
    need(o.work_done.trim().is_empty(), "维修情况");
    need(o.completed_at.is_none(), "完工时间");
    if o.intake.chargeable {
        let c = &o.charges;
        need(
            c.materials.is_empty() && c.labour.0 == 0,
            "收费明细（材料或人工费）",
        );
        need(c.payment.is_none(), "付款方式");
        need(c.receipt.is_none(), "发票或收据");
    }
    let confirmation = if public {
        "区域客户服务员确认及满意度"
    } else {
        "业主满意度评价"
    };
    need(
        o.confirmation
            .as_ref()
            .is_none_or(|c| c.by.trim().is_empty()),
        confirmation,
    );
    let callback = o.callback.as_ref();
    need(
        o.callback_at.is_none() || callback.is_none_or(|c| c.note.trim().is_empty()),
        "回访记录",
    );
    if let Some(nc) = callback.and_then(|c| c.nonconformity.as_ref()) {
        need(nc.department.trim().is_empty(), "不合格项责任部门");
        need(nc.correction.trim().is_empty(), "不合格项纠正情况");
    }
    missing
}

#[cfg(test)]
mod tests {
    use super::super::*;
    use super::*;
    use crate::domain::staff::StaffId;

    pub(crate) fn t(h: u32) -> NaiveDateTime {
        chrono::NaiveDate::from_ymd_opt(2026, 11, 29)
            .and_then(|d| d.and_hms_opt(h, 0, 0))
            .unwrap_or_default()
    }

    fn bare() -> RepairOrder {
        RepairOrder {
            state: RepairState::CalledBack,
            ..RepairOrder::received(
                OrderNumber {
                    year: 2026,
                    month: 11,
                    seq: 1,
                },
                Intake {
                    place: Place::Unit {
                        id: crate::domain::unit::UnitId(1),
                        address: UnitAddress::parse("3-2-1502").unwrap_or_else(|_| unreachable!()),
                    },
                    reporter: "王建国".into(),
                    phone: Mobile::parse("13812345678").ok(),
                    channel: Channel::Call,
                    category: "给排水".into(),
                    description: "厨房水龙头漏水".into(),
                    appointment: t(10),
                    chargeable: true,
                    quote: "更换水龙头阀芯 35元，人工费 20元".into(),
                    quote_amount: Fen(5500),
                },
                t(9),
                "张敏".into(),
            )
        }
    }

    #[test]
    fn a_blank_slip_lists_everything_missing_in_slip_order() {
        assert_eq!(
            missing_for_close(&bare()),
            vec![
                "维修人员",
                "到场时间",
                "维修情况",
                "完工时间",
                "收费明细（材料或人工费）",
                "付款方式",
                "发票或收据",
                "业主满意度评价",
                "回访记录",
            ]
        );
    }

    #[test]
    fn a_complete_slip_has_nothing_missing_and_a_nonconformity_needs_its_correction() {
        let mut o = bare();
        o.technician = Some((StaffId(6), "陈刚".into()));
        o.arrived_at = Some(t(10));
        o.work_done = "更换阀芯".into();
        o.completed_at = Some(t(11));
        o.charges.labour = Fen(2000);
        o.charges.payment = Some(Payment::Cash);
        o.charges.receipt = Some(Receipt::Receipt);
        o.confirmation = Some(Confirmation {
            rating: Rating::Satisfied,
            comment: String::new(),
            by: "王建国".into(),
            at: t(11),
        });
        o.callback_at = Some(t(15));
        o.callback = Some(Callback {
            note: "业主表示已不漏水".into(),
            nonconformity: None,
        });
        assert!(missing_for_close(&o).is_empty());
        o.callback = Some(Callback {
            note: "仍有渗水".into(),
            nonconformity: Some(Nonconformity {
                department: "工程部".into(),
                problem: "阀门渗水".into(),
                correction: String::new(),
            }),
        });
        assert_eq!(missing_for_close(&o), vec!["不合格项纠正情况"]);
        o.intake.chargeable = false;
        o.charges = Charges::default();
        o.callback = None;
        assert_eq!(missing_for_close(&o), vec!["回访记录"]);
    }

    #[test]
    fn public_repairs_need_the_area_officer_not_a_phone() {
        let mut o = bare();
        o.intake.place = Place::Public {
            location: "5号楼1单元电梯厅".into(),
            officer: StaffId(3),
            officer_name: "王强".into(),
        };
        o.intake.phone = None;
        let missing = missing_for_close(&o);
        assert!(!missing.contains(&"联系电话"));
        assert!(missing.contains(&"区域客户服务员确认及满意度"));
    }
}
