//! The 收费管理 tab's 欠费, 银行代扣 and 收费标准与车位 panes driven through the simulator on the
//! real view (the 收款 pane's tests are in their own module).

use iced_test::Simulator;
use iced_test::selector::Candidate;
use wuye_desk::domain::fees::Price;
use wuye_desk::domain::unit::UnitId;
use wuye_desk::domain::{Fen, Month, UnitAddress};
use wuye_desk::store::{NewCharge, Store};
use wuye_desk::ui::fees::{self, Pane};
use wuye_desk::ui::{Clock, Desk, Message};

use crate::common::ui::{click, retype, settings, shows, type_into};
use crate::common::{clerk, owner, signs_in, temp_store, unit};

/// 2026-11-29 09:30, the desk's time in these tests.
fn now() -> chrono::NaiveDateTime {
    clerk().at
}

/// A desk on the 收费管理 tab, 3-2-1502 (owner 王建国) registered, `prepare` done; `who`
/// signed in.
fn desk_with(who: &str, prepare: impl FnOnce(&mut Store, UnitId)) -> (tempfile::TempDir, Desk) {
    let (dir, mut store) = temp_store();
    let id = store.add_unit(&unit("3-2-1502"), &clerk()).unwrap();
    store
        .add_person(id, &owner("王建国", "13812345678"), &clerk())
        .unwrap();
    prepare(&mut store, id);
    if who != crate::common::SUPERVISOR {
        signs_in(&mut store, who);
    }
    let mut desk = Desk::new(store, None).unwrap();
    desk.set_clock(Clock::Fixed(now()));
    click(&mut desk, "收费管理");
    (dir, desk)
}

fn desk(who: &str) -> (tempfile::TempDir, Desk) {
    desk_with(who, |_, _| {})
}

fn show(desk: &mut Desk, pane: Pane) {
    let _ = desk.update(Message::Fees(fees::Message::Show(pane)));
}

/// Runs a task the desk returned to its end, feeding its messages back (a file is read on a
/// thread of its own: this waits for it).
fn run(desk: &mut Desk, task: iced::Task<Message>) {
    let Some(stream) = iced_test::runtime::task::into_stream(task) else {
        return;
    };
    let actions: Vec<_> =
        iced::futures::executor::block_on(iced::futures::StreamExt::collect::<Vec<_>>(stream));
    for action in actions {
        if let iced_test::runtime::Action::Output(m) = action {
            let next = desk.update(m);
            run(desk, next);
        }
    }
}

/// Every text on screen that starts with `prefix`.
fn texts_starting(desk: &Desk, prefix: &str) -> Vec<String> {
    let mut ui = Simulator::with_size(settings(), (1280.0, 1000.0), desk.view());
    let prefix = prefix.to_string();
    let mut found = Vec::new();
    while let Ok(t) = ui.find(|c: Candidate<'_>| match c {
        Candidate::Text { content, .. }
            if content.starts_with(&prefix) && !found.iter().any(|f: &String| f == content) =>
        {
            Some(content.to_string())
        }
        _ => None,
    }) {
        found.push(t);
    }
    found
}

#[test]
fn the_supervisor_sets_a_price_from_a_month_on() {
    let (_dir, mut desk) = desk(crate::common::SUPERVISOR);
    show(&mut desk, Pane::Standards);
    click(&mut desk, "WYF");
    click(&mut desk, "调整价格");
    retype(&mut desk, "fee-price-from", "2027-01");
    type_into(&mut desk, "fee-price-amount", "1.8x");
    click(&mut desk, "保存价格");
    assert!(
        shows(&desk, "金额格式不对，请只填数字和小数点，例如 1409.50"),
        "the amount's message beside it"
    );
    retype(&mut desk, "fee-price-amount", "1.80");
    click(&mut desk, "保存价格");
    let wyf = desk.store().fee_item("WYF").unwrap();
    let prices = desk.store().fee_prices().unwrap();
    assert!(
        prices.contains(&Price {
            item: wyf.id,
            unit_kind: None,
            from: Month::new(2027, 1).unwrap(),
            fen: Fen(180),
        }),
        "{prices:?}"
    );
    assert!(shows(&desk, "¥1.80/㎡·月"), "the history lists it");
}

#[test]
fn a_parking_space_is_added_to_a_unit() {
    let (_dir, mut desk) = desk(crate::common::SUPERVISOR);
    show(&mut desk, Pane::Standards);
    click(&mut desk, "新增车位");
    type_into(&mut desk, "parking-number", "B1-023");
    type_into(&mut desk, "parking-place", "地下一层A区");
    type_into(&mut desk, "parking-unit", "9-9-0909");
    click(&mut desk, "保存车位");
    assert!(desk.store().parking_spaces().unwrap().is_empty());
    assert!(shows(
        &desk,
        "档案中没有 9号楼9单元0909室，请先在房屋与业主中登记"
    ));
    retype(&mut desk, "parking-unit", "3-2-1502");
    type_into(&mut desk, "parking-plates", "豫A12345");
    click(&mut desk, "保存车位");
    let spaces = desk.store().parking_spaces().unwrap();
    assert_eq!(spaces.len(), 1);
    assert_eq!(spaces[0].number, "B1-023");
    assert_eq!(
        spaces[0].address,
        Some(UnitAddress::parse("3-2-1502").unwrap())
    );
    assert_eq!(spaces[0].plates, "豫A12345");
    assert!(shows(&desk, "已保存车位 B1-023") && shows(&desk, "豫A12345"));
}

#[test]
fn the_arrears_list_ages_an_owing_units_debt() {
    // Two charges, one 15 months old and one of last month.
    let (_dir, mut desk) = desk_with(crate::common::SUPERVISOR, |store, unit| {
        let item = store.fee_item("XFK").unwrap().id;
        for (month, fen) in [
            (Month::new(2025, 9), 50_000),
            (Month::new(2026, 10), 12_345),
        ] {
            let charge = NewCharge {
                unit,
                item,
                month: month.unwrap(),
                amount: Fen(fen),
                basis: "修复款".into(),
            };
            store.post_charge(&charge, &clerk()).unwrap();
        }
    });
    show(&mut desk, Pane::Arrears);
    assert!(shows(&desk, "3-2-1502") && shows(&desk, "王建国"));
    assert!(shows(&desk, "¥500.00"), "over 12 months");
    assert!(shows(&desk, "¥123.45"), "1–3 months");
    assert!(shows(&desk, "¥623.45"), "the unit's total");
    assert!(shows(&desk, "2025-09"), "the oldest month owed");
    click(&mut desk, "3-2-1502");
    assert!(shows(&desk, "未缴 2 笔，共 ¥623.45　预存余额 ¥0.00"));
}

#[test]
fn the_bank_import_preview_names_a_bad_row_and_imports_nothing() {
    let (dir, mut desk) = desk("周静");
    let file = dir.path().join("扣款结果.csv");
    std::fs::write(
        &file,
        "房号,户名,账号,金额,扣款结果,扣款日期\n\
         3-2-1502,王建国,6222020200001234567,100.00,成功,2026-11-25\n\
         3-2-1502,王建国,6222020200001234567,abc,成功,2026-11-25\n",
    )
    .unwrap();
    show(&mut desk, Pane::Bank);
    let task = desk.update(Message::Fees(fees::Message::Bank(
        fees::bank::Message::ResultPicked(Some(file)),
    )));
    run(&mut desk, task);
    let bad = texts_starting(&desk, "第 3 行：");
    assert_eq!(bad.len(), 1, "the bad row named by its number: {bad:?}");
    assert!(
        texts_starting(&desk, "有 ")
            .iter()
            .any(|t| t.contains("改正前不会入账任何一行")),
        "nothing is paid until the file is fixed"
    );
    // 确认入账 is not offered: clicking it sends nothing.
    click(&mut desk, "确认入账");
    assert!(shows(&desk, "导入银行扣款结果"), "still the preview");
}
