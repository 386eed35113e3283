//! The 报修管理 tab driven through the iced_test simulator on the real view.

use crate::common::add_staff;
use crate::common::ui::{click, countersign, retype, shows, type_into};
use crate::common::{PIN, clerk, owner, signs_in, temp_store, unit};
use chrono::Duration;
use wuye_desk::domain::repair::{Channel, Intake, Place, RepairState};
use wuye_desk::domain::staff::{Recorded, Role};
use wuye_desk::domain::{Fen, UnitAddress};
use wuye_desk::ui::repairs::Panel;
use wuye_desk::ui::{Desk, Message, Tab};

/// A desk with the receptionist 张敏 signed in, a technician, and 3-2-1502 owned by 王建国.
pub(crate) fn desk_with(
    setup: impl FnOnce(&mut wuye_desk::store::Store),
) -> (tempfile::TempDir, Desk) {
    let (dir, mut store) = temp_store();
    for (name, role) in [("张敏", Role::Receptionist), ("陈刚", Role::Technician)] {
        add_staff(&mut store, name, role);
    }
    let id = store.add_unit(&unit("3-2-1502"), &clerk()).unwrap();
    store
        .add_person(id, &owner("王建国", "13812345678"), &clerk())
        .unwrap();
    setup(&mut store);
    signs_in(&mut store, "张敏");
    let mut desk = Desk::new(store, None).unwrap();
    let _ = desk.update(Message::TabSelected(Tab::Repairs));
    (dir, desk)
}

/// Takes the leaking-tap call for 3-2-1502 through the intake form.
pub(crate) fn take_call(desk: &mut Desk) {
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
    assert!(
        !shows(&desk, "报修人 王建国 13812345678"),
        "the order itself shows the phone masked"
    );
    click(&mut desk, "回访");
    // The receptionist calls back: the callback form has the full number to dial.
    assert!(shows(&desk, "报修人 王建国 13812345678"));
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
    // Nobody was dispatched: the desk is late to dispatch, not the technician to arrive.
    assert!(shows(&desk, "待派单·超时未派单"));
    assert!(!shows(&desk, "待派单·超时未到场"));
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
    // The categories are the supervisor's to set: the receptionist's save is countersigned.
    countersign(&mut desk, "测试员（客服中心主管）", PIN);
    assert_eq!(
        desk.store().repair_categories().unwrap(),
        ["给排水", "电气", "电梯"]
    );
    click(&mut desk, "报修管理");
    click(&mut desk, "新建报修");
    assert!(shows(&desk, "电梯"), "the new category is a choice");
    assert!(!shows(&desk, "燃气"), "the removed one is gone");
}

/// Takes `n` calls and returns the desk showing the last.
fn with_orders(n: usize) -> (tempfile::TempDir, Desk) {
    let (dir, mut desk) = desk_with(|_| {});
    for _ in 0..n {
        take_call(&mut desk);
    }
    (dir, desk)
}

/// Selects the order whose number ends with `tail`.
fn open_order(desk: &mut Desk, tail: &str) {
    let n = desk
        .repairs()
        .list()
        .rows
        .iter()
        .find(|r| r.number.to_string().ends_with(tail))
        .map(|r| r.number.to_string())
        .expect("listed");
    click(desk, &n);
}

#[test]
fn a_message_stays_with_its_order_and_a_save_is_reported_beside_the_order() {
    let (_dir, mut desk) = with_orders(2);
    let number = desk.repairs().selected().unwrap().order.number;
    assert!(
        shows(&desk, &format!("已登记维修单 {number}")),
        "the new order's number is said beside it"
    );
    // Cancel the second order: the message shows on it, not on the first.
    click(&mut desk, "取消");
    type_into(&mut desk, "repair-cancel-reason", "业主已自行修好");
    click(&mut desk, "确认取消");
    assert!(shows(&desk, "已取消，现在是 已取消"), "said on the order");
    open_order(&mut desk, "0001");
    assert!(
        !shows(&desk, "已取消，现在是 已取消"),
        "not on another order"
    );
    assert!(desk.repairs().message().is_none());
}

#[test]
fn what_closing_found_missing_stays_with_its_order() {
    let (_dir, mut desk) = with_orders(1);
    click(&mut desk, "陈刚");
    click(&mut desk, "派单");
    click(&mut desk, "到场");
    click(&mut desk, "完工");
    click(&mut desk, "关闭维修单");
    assert!(shows(&desk, "维修单不能有漏填项，请补全下列内容后再关闭"));
    assert!(shows(&desk, "· 回访记录"));
    click(&mut desk, "回访");
    assert!(!shows(&desk, "维修单不能有漏填项，请补全下列内容后再关闭"));
    assert!(!shows(&desk, "还缺："));
    assert!(
        desk.repairs().missing().is_empty(),
        "the list belongs to the order, not the 回访 form"
    );
    type_into(&mut desk, "repair-callback-note", "业主表示已不漏水");
    click(&mut desk, "保存回访");
    assert!(shows(&desk, "已保存"));
    assert!(!shows(&desk, "· 回访记录"), "filled in: gone from the list");
    assert!(shows(&desk, "· 维修情况"), "still missing");
}

#[test]
fn choosing_a_rating_clears_please_choose_one() {
    let (_dir, mut desk) = with_orders(1);
    click(&mut desk, "陈刚");
    click(&mut desk, "派单");
    click(&mut desk, "到场");
    click(&mut desk, "完工");
    click(&mut desk, "业主评价");
    click(&mut desk, "保存评价");
    assert!(shows(&desk, "请选择满意度"));
    click(&mut desk, "基本满意");
    assert!(!shows(&desk, "请选择满意度"), "answered");
}

#[test]
fn the_callback_form_is_worked_from_the_keyboard_alone() {
    use crate::common::ui::act;
    use iced::keyboard::key::Named;
    let (_dir, mut desk) = with_orders(1);
    click(&mut desk, "陈刚");
    click(&mut desk, "派单");
    click(&mut desk, "到场");
    click(&mut desk, "完工");
    click(&mut desk, "回访");
    act(&mut desk, |ui| {
        // The form put the cursor in its first field by itself.
        ui.typewrite("业主表示已不漏水");
        ui.tap_key(Named::Enter);
    });
    let order = &desk.repairs().selected().unwrap().order;
    assert_eq!(order.state, RepairState::CalledBack, "Enter saved it");
}

#[test]
fn esc_leaves_a_form_and_enter_in_the_search_box_opens_the_first_order() {
    use wuye_desk::ui::Command;
    let (_dir, mut desk) = with_orders(2);
    click(&mut desk, "维修情况及收费");
    let _ = desk.update(Message::Key(Command::Cancel));
    assert!(matches!(desk.repairs().panel(), Panel::Detail));
    type_into(&mut desk, wuye_desk::ui::repairs::SEARCH_ID, "3-2-1502");
    let first = desk.repairs().list().rows[0].id;
    open_order(&mut desk, "0001");
    let _ = desk.update(Message::Key(Command::Submit));
    assert_eq!(
        desk.repairs().selected().map(|s| s.id),
        Some(first),
        "Enter opened the first order listed"
    );
}

#[test]
fn ctrl_p_prints_the_selected_slip() {
    use wuye_desk::ui::repairs::{Message as M, Repairs};
    use wuye_desk::ui::{Action, Command, Ctx, PrintJob, Screen};
    let (_dir, mut store) = temp_store();
    let a = UnitAddress::parse("3-2-1502").unwrap();
    let unit_id = store.add_unit(&unit("3-2-1502"), &clerk()).unwrap();
    let now = clerk().at;
    let intake = Intake {
        place: Place::Unit {
            id: unit_id,
            address: a,
        },
        reporter: "王建国".into(),
        phone: None,
        channel: Channel::Call,
        category: "电气".into(),
        description: "插座没电".into(),
        appointment: now,
        chargeable: false,
        quote: String::new(),
        quote_amount: Fen(0),
    };
    let (id, number) = store.add_repair(&intake, &clerk()).unwrap();
    let office = store.office().unwrap();
    let mut tab = Repairs::new(&store, now).unwrap();
    let mut ctx = Ctx {
        store: &mut store,
        office: &office,
        now,
    };
    assert!(
        matches!(tab.command(Command::Print, &mut ctx), Action::None),
        "nothing selected: nothing to print"
    );
    let _ = tab.update(M::Select(id), &mut ctx);
    assert!(matches!(
        tab.command(Command::Print, &mut ctx),
        Action::Print(PrintJob::RepairSlip(Some(n))) if n == number
    ));
}

#[test]
fn a_public_repair_is_confirmed_by_the_areas_officer_countersigning_for_the_receptionist() {
    let (_dir, mut desk) = desk_with(|store| {
        signs_in(store, "王强");
    });
    click(&mut desk, "新建报修");
    click(&mut desk, "公共报修（公共区域，由区域客户服务员确认）");
    type_into(&mut desk, "repair-location", "5号楼1单元电梯厅");
    click(&mut desk, "王强");
    type_into(&mut desk, "repair-reporter", "李阿姨");
    click(&mut desk, "电气");
    type_into(&mut desk, "repair-description", "电梯厅灯不亮");
    click(&mut desk, "保存报修");
    assert!(
        desk.repairs().selected().is_some(),
        "{:?}",
        desk.repairs().message()
    );
    click(&mut desk, "陈刚");
    click(&mut desk, "派单");
    click(&mut desk, "到场");
    click(&mut desk, "维修情况及收费");
    type_into(&mut desk, "repair-work-done", "更换灯泡");
    click(&mut desk, "保存");
    click(&mut desk, "完工");
    click(&mut desk, "区域客服员确认评价");
    assert!(
        shows(
            &desk,
            "由客户服务员（本区域）或客服中心主管确认签字；其他人保存时请其输入PIN会签。"
        ),
        "no name to type: the signer is whoever signs"
    );
    click(&mut desk, "满意");
    click(&mut desk, "保存评价");
    countersign(&mut desk, "王强（客户服务员）", PIN);
    let order = &desk.repairs().selected().unwrap().order;
    assert_eq!(
        order.confirmation.as_ref().map(|c| c.by.as_str()),
        Some("王强（经办：张敏）"),
        "{:?}",
        desk.repairs().message()
    );
}
