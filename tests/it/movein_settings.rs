//! 设置 → 业主入住: the items handed over and the inspection areas, edited on the real settings
//! page through the simulator, refused with the reason and saved for the move-in tab and forms.

use crate::common::ui::{click, retype, shows};
use crate::common::{clerk, staffed_store, unit};
use wuye_desk::ui::{Desk, Message, Tab};

#[test]
fn the_move_in_lists_are_edited_in_settings() {
    let (_dir, mut store) = staffed_store();
    store.add_unit(&unit("3-2-1502"), &clerk()).unwrap();
    let mut desk = Desk::new(store, None).unwrap();
    let _ = desk.update(Message::TabSelected(Tab::Settings));
    assert!(shows(&desk, "业主入住：领取物品与验收部位"));
    assert!(shows(&desk, "钥匙、猫眼、门铃、门禁卡、水电卡"));
    retype(&mut desk, "inspection-areas", "入户门、入户门");
    click(&mut desk, "保存入住设置");
    assert!(
        shows(&desk, "验收部位“入户门”写了两次，请删去一行"),
        "the reason shown"
    );
    assert_eq!(desk.store().inspection_areas().unwrap().len(), 10);
    retype(&mut desk, "inspection-areas", "入户门，阳台、智能化/对讲");
    retype(&mut desk, "move-in-items", "钥匙、车位卡");
    click(&mut desk, "保存入住设置");
    assert!(shows(&desk, "入住物品和验收部位已保存"));
    assert_eq!(
        desk.store().inspection_areas().unwrap(),
        ["入户门", "阳台", "智能化/对讲"]
    );
    assert_eq!(
        desk.store().move_in_items_setting().unwrap(),
        ["钥匙", "车位卡"]
    );
    assert!(shows(&desk, "入户门、阳台、智能化/对讲"));
}
