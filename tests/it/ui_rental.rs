//! The 房屋代租 tab driven through the iced_test simulator on the real view: the story —
//! an owner entrusts 7-2-1901, a viewing is logged, a lease is signed; the tenant is in the
//! register as 租户, the unit 出租, the commission owed in 收费管理, the 房屋出租登记表 prints;
//! then the lease ends early and the register is as before.

use crate::common::ui::{click, retype, shows, type_into};
use crate::common::{add_staff, clerk, owner, signs_in, temp_store, unit};
use chrono::{NaiveDate, NaiveDateTime};
use wuye_desk::domain::person::Relation;
use wuye_desk::domain::rental::ListingState;
use wuye_desk::domain::staff::Role;
use wuye_desk::domain::unit::{UnitId, UnitStatus};
use wuye_desk::forms::{PrintJob, extract_text, render};
use wuye_desk::ui::rental::{Field, Panel};
use wuye_desk::ui::{Clock, Desk, Message, Tab};

fn at(d: u32, h: u32, m: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 11, d)
        .and_then(|d| d.and_hms_opt(h, m, 0))
        .unwrap()
}

/// 7-2-1901 vacant, its owner 王建国 in the register; 张敏 at the desk on 30 November, on the
/// 房屋代租 tab.
fn desk() -> (tempfile::TempDir, Desk, UnitId) {
    let (dir, mut store) = temp_store();
    add_staff(&mut store, "王强", Role::ServiceOfficer);
    let mut u = unit("7-2-1901");
    u.status = UnitStatus::Vacant;
    let id = store.add_unit(&u, &clerk()).unwrap();
    store
        .add_person(id, &owner("王建国", "13812345678"), &clerk())
        .unwrap();
    signs_in(&mut store, "张敏");
    let mut desk = Desk::new(store, None).unwrap();
    desk.set_clock(Clock::Fixed(at(30, 9, 0)));
    let _ = desk.update(Message::TabSelected(Tab::Rental));
    (dir, desk, id)
}

fn tenants(desk: &Desk, unit: UnitId) -> Vec<String> {
    desk.store()
        .people_of(unit)
        .unwrap()
        .into_iter()
        .filter(|p| p.person.relation == Relation::Tenant)
        .map(|p| p.person.name)
        .collect()
}

#[test]
fn an_owner_entrusts_7_2_1901_and_a_tenant_signs_after_a_viewing() {
    let (_dir, mut desk, unit) = desk();
    assert!(shows(&desk, "房屋代租"), "the tab row names the tab");

    // 委托: the unit found as typed, its one owner taken as the 委托人.
    click(&mut desk, "新建委托");
    type_into(&mut desk, Field::Unit.id(), "7-2-1901");
    assert!(shows(&desk, "已选：7号楼2单元1901室"));
    type_into(&mut desk, Field::AskingRent.id(), "3000");
    type_into(&mut desk, Field::Furnishings.id(), "空调、冰箱、洗衣机");
    type_into(&mut desk, Field::Bank.id(), "中国工商银行");
    type_into(&mut desk, Field::Holder.id(), "王建国");
    type_into(&mut desk, Field::Account.id(), "6222 0212 3456 7890 123");
    click(&mut desk, "保存委托");
    let r = desk.rental().selected().expect("the entrustment").clone();
    assert_eq!(r.number.to_string(), "DZ-202611-0001");
    assert_eq!(
        (r.entrustment.owner_name.as_str(), r.state),
        ("王建国", ListingState::Listed)
    );
    assert!(shows(
        &desk,
        "收款账户 中国工商银行 王建国 6222 **** **** 0123"
    ));

    // A viewing: 李四 shown round by 张敏 (the person at the desk), interested.
    click(&mut desk, "登记看房");
    type_into(&mut desk, Field::Visitor.id(), "李四");
    click(&mut desk, "保存看房记录");
    assert!(
        matches!(desk.rental().panel(), Panel::Viewing(_)),
        "an outcome is required"
    );
    click(&mut desk, "有意向");
    click(&mut desk, "保存看房记录");
    assert_eq!(desk.rental().selected().unwrap().viewings.len(), 1);
    assert!(shows(&desk, "2026-11-30 09:00　李四　张敏 陪同　有意向"));

    // The lease: a bad ID number is named beside its field, nothing is written.
    click(&mut desk, "签订租约");
    type_into(&mut desk, Field::Tenant.id(), "李四");
    type_into(&mut desk, Field::IdNumber.id(), "110105194912310021");
    type_into(&mut desk, Field::Phone.id(), "139 1234 5678");
    retype(&mut desk, Field::Occupants.id(), "2");
    click(&mut desk, "签约");
    assert!(matches!(desk.rental().panel(), Panel::Lease(_)));
    assert!(tenants(&desk, unit).is_empty());
    retype(&mut desk, Field::IdNumber.id(), "11010519491231002X");
    click(&mut desk, "签约");
    assert!(
        matches!(desk.rental().panel(), Panel::Detail),
        "{:?}",
        desk.rental().message()
    );
    assert_eq!(desk.rental().selected().unwrap().state, ListingState::Let);

    // The register: 李四 a 租户 of the unit, which is 出租.
    assert_eq!(tenants(&desk, unit), ["李四"]);
    assert_eq!(
        desk.store().unit(unit).unwrap().unit.status,
        UnitStatus::Rented
    );
    click(&mut desk, "房屋与业主");
    type_into(&mut desk, wuye_desk::ui::register::SEARCH_ID, "7-2-1901");
    assert!(shows(&desk, "租户"));
    assert!(shows(&desk, "李四"));
    // 收费管理: half a month's rent owed by the unit.
    click(&mut desk, "收费管理");
    type_into(&mut desk, wuye_desk::ui::fees::collect::SEARCH_ID, "王建国");
    click(&mut desk, "7-2-1901");
    assert!(shows(&desk, "房屋代租佣金"));
    let owed = desk.store().fee_account(unit).unwrap();
    assert_eq!(owed.owed, wuye_desk::domain::Fen(150_000));

    // The 房屋出租登记表 prints with the tenant's details masked.
    click(&mut desk, "房屋代租");
    assert!(shows(&desk, "打印房屋出租登记表"));
    let a = r.entrustment.address;
    let office = desk.store().office().unwrap();
    let pdf = render(desk.store(), &office, &PrintJob::TenantRegistration(a)).unwrap();
    let text = extract_text(&pdf).unwrap();
    assert!(text.contains("李四") && text.contains("110***********002X"));

    // Ended early, on 15 December with a reason: the register is as before the lease.
    desk.set_clock(Clock::Fixed(
        NaiveDate::from_ymd_opt(2026, 12, 15)
            .unwrap()
            .and_hms_opt(10, 0, 0)
            .unwrap(),
    ));
    click(&mut desk, "退租");
    click(&mut desk, "确认退租");
    assert!(
        shows(&desk, "提前退租，请写明原因"),
        "{:?}",
        desk.rental().message()
    );
    type_into(&mut desk, Field::Reason.id(), "工作调动");
    click(&mut desk, "确认退租");
    assert_eq!(
        desk.rental().selected().unwrap().state,
        ListingState::Listed
    );
    assert!(tenants(&desk, unit).is_empty());
    assert_eq!(
        desk.store().unit(unit).unwrap().unit.status,
        UnitStatus::Vacant
    );
    assert!(shows(&desk, "已退租：2026年12月15日，工作调动"));
}
