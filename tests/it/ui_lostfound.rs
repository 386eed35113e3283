//! The 物品拾遗 tab driven through the iced_test simulator on the real view: the story —
//! a cleaner hands in a phone found in the lobby; it is logged (the supervisor takes it into
//! keeping) and appears on the 招领启事 without its model; the owner comes, describes it, shows
//! ID and signs for it.

use crate::common::ui::{click, countersign, shows, type_into};
use crate::common::{PIN, id_number, signs_in, temp_store};
use chrono::{NaiveDate, NaiveDateTime};
use wuye_desk::domain::lostfound::ItemState;
use wuye_desk::domain::settings::Office;
use wuye_desk::forms::{PrintJob, extract_text, render_at};
use wuye_desk::ui::lostfound::{Field, Panel};
use wuye_desk::ui::{Clock, Desk, Message, Tab};

fn at(d: u32, h: u32, m: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 11, d)
        .and_then(|d| d.and_hms_opt(h, m, 0))
        .unwrap()
}

#[test]
fn a_phone_found_in_the_lobby_is_posted_without_its_model_and_released_to_its_owner() {
    let (_dir, mut store) = temp_store();
    signs_in(&mut store, "刘洋");
    signs_in(&mut store, "李娜");
    signs_in(&mut store, "张敏");
    let mut desk = Desk::new(store, None).unwrap();
    desk.set_clock(Clock::Fixed(at(20, 8, 50)));
    let _ = desk.update(Message::TabSelected(Tab::LostFound));
    assert!(shows(&desk, "物品拾遗"), "the tab is listed");

    // The cleaner 孙丽 brings a phone she found in the lobby of 1号楼.
    click(&mut desk, "登记拾到物品");
    click(&mut desk, "手机");
    type_into(&mut desk, Field::Name.id(), "华为Mate60手机");
    type_into(
        &mut desk,
        Field::Description.id(),
        "黑色，蓝色手机壳，锁屏是小孩照片",
    );
    type_into(&mut desk, Field::Place.id(), "1号楼大堂");
    type_into(&mut desk, Field::Finder.id(), "孙丽");
    type_into(&mut desk, Field::Storage.id(), "主管保险柜");
    // A phone is a valuable: counted before two staff.
    click(&mut desk, "保存登记");
    assert!(shows(
        &desk,
        "贵重物品须在两名员工面前清点：请选择两名见证人"
    ));
    assert!(desk.lostfound().rows().is_empty(), "nothing saved");
    click(&mut desk, "张敏");
    click(&mut desk, "李娜");
    click(&mut desk, "保存登记");
    // The supervisor takes it into keeping: the desk asks for their PIN.
    countersign(&mut desk, "刘洋（客服中心主管）", PIN);
    let item = desk
        .lostfound()
        .selected_item()
        .expect("saved and shown")
        .clone();
    assert_eq!(item.number.to_string(), "SW-202611-0001");
    assert_eq!(item.custodian, "刘洋");
    assert_eq!(item.item.finder.name, "孙丽");
    assert!(shows(&desk, "手机，2026年11月20日在1号楼大堂拾获"));

    // The notice at the entrance says a phone was found in the lobby, not which.
    let office = Office {
        phone: "0371-65881234".into(),
        ..Office::default()
    };
    let pdf = render_at(desk.store(), &office, &PrintJob::FoundNotice, at(20, 9, 0)).unwrap();
    let notice = extract_text(&pdf).unwrap().replace('\n', "");
    assert!(
        notice.contains("手机") && notice.contains("1号楼大堂"),
        "{notice}"
    );
    for secret in ["华为", "Mate60", "蓝色", "小孩"] {
        assert!(
            !notice.contains(secret),
            "{secret} on the notice:\n{notice}"
        );
    }

    // The next morning the owner comes, describes the phone and shows their ID card.
    desk.set_clock(Clock::Fixed(at(21, 10, 0)));
    click(&mut desk, "认领");
    assert!(matches!(desk.lostfound().panel(), Panel::Claim(_)));
    assert!(shows(
        &desk,
        "登记的特征（请让认领人先说）：黑色，蓝色手机壳，锁屏是小孩照片"
    ));
    type_into(&mut desk, Field::Person.id(), "王建国");
    type_into(&mut desk, Field::IdNumber.id(), "41010519800101012");
    type_into(&mut desk, Field::Phone.id(), "13812345678");
    type_into(
        &mut desk,
        Field::Words.id(),
        "黑色华为，蓝色壳，锁屏是我女儿",
    );
    click(&mut desk, "确认发还");
    assert!(shows(
        &desk,
        "身份证号应为 18 位，现在是 17 位，请核对是否漏输或多输"
    ));
    let id = id_number("410105", "19800101", 12);
    type_into(&mut desk, Field::IdNumber.id(), &id.as_str()[17..]);
    click(&mut desk, "确认发还");
    assert!(shows(&desk, "认领人的描述须与登记的特征相符，核对后勾选"));
    click(&mut desk, "认领人所述特征与登记相符");
    click(&mut desk, "确认发还");
    // A valuable is released by the supervisor.
    countersign(&mut desk, "刘洋（客服中心主管）", PIN);
    let item = desk.lostfound().selected_item().expect("shown").clone();
    assert_eq!(item.state, ItemState::Claimed);
    let claim = item.claim.expect("claimed");
    assert_eq!(claim.released_by, "刘洋（经办：张敏）");
    assert_eq!(claim.claim.id_number, id);
    assert!(shows(
        &desk,
        "已发还给 王建国；请认领人在失物招领登记表上签字"
    ));
    assert!(shows(
        &desk,
        &format!("认领人 王建国　身份证 {}　电话 138****5678", id.masked())
    ));
    // The register's line for the owner to sign, the ID masked; the notice no longer lists it.
    let store = desk.store();
    let month = wuye_desk::domain::Month::parse("2026-11").unwrap();
    let register = extract_text(
        &render_at(store, &office, &PrintJob::LostFound(month), at(21, 11, 0)).unwrap(),
    )
    .unwrap()
    .replace('\n', "");
    assert!(register.contains("认领：王建国") && register.contains("领取人签字"));
    assert!(!register.contains(id.as_str()), "{register}");
    let notice =
        extract_text(&render_at(store, &office, &PrintJob::FoundNotice, at(21, 11, 0)).unwrap())
            .unwrap();
    assert!(notice.contains("目前没有待认领的物品"), "{notice}");
}
