//! Layout checks on the real view at the office's screen sizes: cells of one row line up.

use crate::common::ui::settings;
use crate::common::{clerk, staffed_store, unit};
use wuye_desk::ui::Desk;

#[test]
fn the_registers_room_number_sits_on_the_same_line_as_the_rest_of_its_row() {
    let (_dir, mut store) = staffed_store();
    store.add_unit(&unit("3-2-1502"), &clerk()).unwrap();
    let mut desk = Desk::new(store, None).unwrap();
    crate::common::ui::click(&mut desk, "房屋与业主");
    for size in [(1280.0, 800.0), (1920.0, 1080.0)] {
        let mut ui = iced_test::Simulator::with_size(settings(), size, desk.view());
        let room = ui.find("3-2-1502").expect("room number").bounds();
        let area = ui.find("89.50").expect("area").bounds();
        let status = ui.find("已入住").expect("status").bounds();
        assert!(
            (room.center_y() - area.center_y()).abs() < 0.5
                && (room.center_y() - status.center_y()).abs() < 0.5,
            "at {size:?}: room {room:?}, area {area:?}, status {status:?}"
        );
    }
}

#[test]
fn the_gate_and_key_lists_keep_each_row_on_one_line() {
    let (_dir, mut store) = staffed_store();
    store.add_unit(&unit("5-1-0301"), &clerk()).unwrap();
    store
        .add_key(&crate::common::key_of_0301(), &clerk())
        .unwrap();
    let mut desk = Desk::new(store, None).unwrap();
    crate::common::ui::click(&mut desk, "钥匙管理");
    for size in [(1280.0, 800.0), (1920.0, 1080.0)] {
        let mut ui = iced_test::Simulator::with_size(settings(), size, desk.view());
        let hook = ui.find("A-001").expect("hook").bounds();
        let status = ui.find("在柜").expect("status").bounds();
        assert!(
            (hook.center_y() - status.center_y()).abs() < 0.5,
            "at {size:?}: hook {hook:?}, status {status:?}"
        );
    }
}
