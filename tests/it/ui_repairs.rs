//! The 报修管理 tab driven through the iced_test simulator on the real view.

use crate::common::ui::{click, retype, shows, type_into};
use crate::common::{clerk, owner, temp_store, unit};
use chrono::Duration;
use wuye_desk::domain::repair::{Channel, Intake, Place, RepairState};
use wuye_desk::domain::staff::{Recorded, Role, Staff};
use wuye_desk::domain::{Fen, UnitAddress};
use wuye_desk::ui::repairs::Panel;
use wuye_desk::ui::{Desk, Message, Tab};

/// A desk with a receptionist on duty, a technician, and 3-2-1502 owned by 王建国.
fn desk_with(setup: impl FnOnce(&mut wuye_desk::store::Store)) -> (tempfile::TempDir, Desk) {
    let (dir, mut store) = temp_store();
    for (name, role) in [("张敏", Role::Receptionist), ("陈刚", Role::Technician)] {
        store
            .add_staff(&Staff {
                name: name.into(),
                role,
                phone: None,
                active: true,
            })
            .unwrap();
    }
    let id = store.add_unit(&unit("3-2-1502"), &clerk()).unwrap();
    store
        .add_person(id, &owner("王建国", "13812345678"), &clerk())
        .unwrap();
    setup(&mut store);
    let mut desk = Desk::new(store, None).unwrap();
    let _ = desk.update(Message::TabSelected(Tab::Repairs));
    (dir, desk)
}

/// Takes the leaking-tap call for 3-2-1502 through the intake form.
fn take_call(desk: &mut Desk) {
    click(desk, "新建报修");
    type_into(desk, "repair-unit", "3-2-1502");
    type_into(desk, "repair-phone", "13812345678");
    click(desk, "给排水");
    type_into(desk, "repair-description", "厨房水龙头漏水");
    click(desk, "保存报修");
}

#[test]
fn an_order_for_3_2_1502_is_registered_and_listed() {
    let (_dir, mut desk) = desk_with(|_| {});
    assert!(shows(&desk, "报修管理"), "the tab row names the tab");
    click(&mut desk, "新建报修");
    click(&mut desk, "保存报修");
    assert!(
        shows(&desk, "请搜索并选择报修的房屋"),
        "message beside the field"
    );
    assert_eq!(desk.repairs().list().total, 0, "nothing saved");
    click(&mut desk, "返回");
    take_call(&mut desk);
    let list = desk.repairs().list();
    assert_eq!(list.total, 1, "{:?}", desk.repairs().message());
    let number = list.rows[0].number.to_string();
    assert!(
        number.starts_with("WX-") && number.ends_with("-0001"),
        "{number}"
    );
    assert_eq!(list.rows[0].place, "3-2-1502");
    assert!(shows(&desk, &number), "listed on screen");
    assert!(
        shows(&desk, "报修人 王建国　电话 138****5678　来电"),
        "masked phone"
    );
    let order = &desk.repairs().selected().expect("selected").order;
    assert_eq!(order.received_by, "张敏", "who took it");
}

#[test]
fn closing_with_blanks_lists_what_is_missing() {
    let (_dir, mut desk) = desk_with(|_| {});
    take_call(&mut desk);
    click(&mut desk, "关闭维修单");
    assert!(shows(&desk, "还缺："));
    for m in [
        "· 维修人员",
        "· 到场时间",
        "· 完工时间",
        "· 业主满意度评价",
        "· 回访记录",
    ] {
        assert!(shows(&desk, m), "{m}");
    }
    let order = &desk.repairs().selected().unwrap().order;
    assert_eq!(order.state, RepairState::Pending, "not closed");
}

#[test]
fn an_order_is_dispatched_completed_rated_called_back_and_closed() {
    let (_dir, mut desk) = desk_with(|_| {});
    take_call(&mut desk);
    click(&mut desk, "陈刚");
    click(&mut desk, "派单");
    click(&mut desk, "到场");
    click(&mut desk, "维修情况及收费");
    type_into(&mut desk, "repair-work-done", "更换阀芯");
    click(&mut desk, "添加材料");
    for (col, v) in ["水龙头阀芯", "DN15", "陶瓷", "1", "个", "35"]
        .iter()
        .enumerate()
    {
        let id: &'static str = Box::leak(format!("repair-material-0-{col}").into_boxed_str());
        type_into(&mut desk, id, v);
    }
    type_into(&mut desk, "repair-labour", "20");
    assert!(shows(&desk, "合计 ¥55.00　人民币伍拾伍元整"), "live total");
    click(&mut desk, "现金");
    click(&mut desk, "收据");
    click(&mut desk, "保存");
    click(&mut desk, "完工");
    assert_eq!(
        desk.repairs().selected().unwrap().order.state,
        RepairState::Completed,
        "{:?}",
        desk.repairs().message()
    );
    click(&mut desk, "业主评价");
    click(&mut desk, "满意");
    click(&mut desk, "保存评价");
    assert!(shows(&desk, "评价：满意（王建国）"), "rated on screen");
    click(&mut desk, "回访");
    type_into(&mut desk, "repair-callback-note", "业主表示已不漏水");
    click(&mut desk, "保存回访");
    click(&mut desk, "关闭维修单");
    let order = &desk.repairs().selected().unwrap().order;
    assert_eq!(
        order.state,
        RepairState::Closed,
        "{:?}",
        desk.repairs().missing()
    );
    assert_eq!(order.charges.total(), Some(Fen(5500)));
    // The day's report counts it under 入户维修.
    click(&mut desk, "日报表");
    let Panel::Report(r) = desk.repairs().panel() else {
        panic!("report shown");
    };
    let r = r.report.as_ref().expect("report");
    assert_eq!(
        (r.in_home.new, r.in_home.completed, r.in_home.satisfied),
        (1, 1, 1)
    );
    assert_eq!(r.public.new, 0);
    // The register's history of the unit shows the repair.
    let unit = desk
        .store()
        .unit_at(UnitAddress::parse("3-2-1502").unwrap())
        .unwrap()
        .unwrap();
    let log = desk.store().unit_log(unit.id).unwrap();
    assert!(
        log.iter()
            .any(|e| e.kind == "报修" && e.text.contains("已关闭"))
    );
}

#[test]
fn the_tab_label_counts_overdue_orders() {
    let (_dir, desk) = desk_with(|store| {
        let a = UnitAddress::parse("3-2-1502").unwrap();
        let id = store.unit_at(a).unwrap().unwrap().id;
        let now = wuye_desk::domain::date::now_local();
        let intake = Intake {
            place: Place::Unit { id, address: a },
            reporter: "王建国".into(),
            phone: None,
            channel: Channel::Call,
            category: "电气".into(),
            description: "插座没电".into(),
            appointment: now - Duration::minutes(16),
            chargeable: false,
            quote: String::new(),
            quote_amount: Fen(0),
        };
        let rec = Recorded {
            at: now - Duration::hours(1),
            ..clerk()
        };
        store.add_repair(&intake, &rec).unwrap();
    });
    assert_eq!(desk.tab_label(Tab::Repairs), "报修管理 (1)");
    assert!(shows(&desk, "报修管理 (1)"));
    assert!(shows(&desk, "已派单·超时未到场") || shows(&desk, "待派单·超时未到场"));
}

#[test]
fn categories_edited_in_settings_are_offered_at_intake() {
    let (_dir, mut desk) = desk_with(|_| {});
    click(&mut desk, "设置");
    retype(&mut desk, "repair-categories", "给排水、电气、电气");
    click(&mut desk, "保存报修类别");
    assert!(
        shows(&desk, "类别“电气”重复了"),
        "the message under the field"
    );
    retype(&mut desk, "repair-categories", "给排水、电气、电梯");
    click(&mut desk, "保存报修类别");
    assert_eq!(
        desk.store().repair_categories().unwrap(),
        ["给排水", "电气", "电梯"]
    );
    click(&mut desk, "报修管理");
    click(&mut desk, "新建报修");
    assert!(shows(&desk, "电梯"), "the new category is a choice");
    assert!(!shows(&desk, "燃气"), "the removed one is gone");
}
