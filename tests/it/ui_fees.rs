//! The 收费管理 tab driven through the iced_test simulator on the real view: a cash payment for
//! two months, voiding it as the supervisor, and a month's billing run from its preview.

use chrono::NaiveDate;
use wuye_desk::domain::fees::{PayMethod, Price, UnitKind};
use wuye_desk::domain::{Fen, Month};
use wuye_desk::store::{Payment, Store, UnitFeeBasis};
use wuye_desk::ui::fees::{collect, receipts};
use wuye_desk::ui::{Clock, Desk};

use crate::common::ui::{click, shows, type_into};
use crate::common::{SUPERVISOR, clerk, owner, signs_in, temp_store, unit};

/// 89.50 m² × ¥1.50 = ¥134.25 a month (the rounding rule has nothing to round here).
const MONTHLY: Fen = Fen(13_425);

fn month(m: u32) -> Month {
    Month::new(2026, m).unwrap()
}

/// A store with 3-2-1502 (owner 王建国, billed from 2026-01-01), 物业管理服务费 at ¥1.50/m² from
/// 2026-10, and `signed` at the desk; the id of the unit.
fn store_with_unit(signed: &str) -> (tempfile::TempDir, Store, wuye_desk::domain::unit::UnitId) {
    let (dir, mut store) = temp_store();
    let id = store.add_unit(&unit("3-2-1502"), &clerk()).unwrap();
    store
        .add_person(id, &owner("王建国", "13812345678"), &clerk())
        .unwrap();
    store
        .save_unit_fee_basis(
            id,
            &UnitFeeBasis {
                kind: UnitKind::Residence,
                billing_from: NaiveDate::from_ymd_opt(2026, 1, 1),
            },
            &clerk(),
        )
        .unwrap();
    let wyf = store.fee_item("WYF").unwrap();
    store
        .set_price(
            &Price {
                item: wyf.id,
                unit_kind: None,
                from: month(10),
                fen: Fen(150),
            },
            &clerk(),
        )
        .unwrap();
    // The test supervisor is signed in already.
    if signed != SUPERVISOR {
        signs_in(&mut store, signed);
    }
    (dir, store, id)
}

fn desk(store: Store) -> Desk {
    let mut desk = Desk::new(store, None).unwrap();
    let now = NaiveDate::from_ymd_opt(2026, 11, 20)
        .unwrap()
        .and_hms_opt(10, 0, 0)
        .unwrap();
    desk.set_clock(Clock::Fixed(now));
    desk
}

#[test]
fn fees_a_cash_payment_for_two_months_issues_a_receipt_and_clears_the_lines() {
    let (_dir, mut store, id) = store_with_unit("周静");
    store.run_billing(month(10), &clerk()).unwrap();
    store.run_billing(month(11), &clerk()).unwrap();
    let mut desk = desk(store);

    click(&mut desk, "收费管理");
    // Typed as the owner says it (the full number would also match the search box's text).
    type_into(&mut desk, collect::SEARCH_ID, "王建国");
    click(&mut desk, "3-2-1502");
    let account = &desk.fees().collect().unit().expect("unit chosen").account;
    assert_eq!(account.open.len(), 2, "two months owed");
    assert_eq!(account.owed, Fen(2 * MONTHLY.0));
    assert!(shows(&desk, "已选 2 项，合计 ¥268.50"), "both ticked");

    type_into(&mut desk, collect::TENDERED_ID, "250");
    assert!(shows(&desk, "实收比应收少 ¥18.50"), "short money said live");
    type_into(&mut desk, collect::TENDERED_ID, "0"); // 2500
    assert!(shows(&desk, "找零 ¥2,231.50"));
    click(&mut desk, "收款并开收据");

    let number = desk
        .fees()
        .collect()
        .last_receipt()
        .unwrap_or_else(|| panic!("{:?}", desk.fees().collect().message()));
    assert_eq!(number.to_string(), "SJ-202611-0001");
    assert!(shows(
        &desk,
        "已收款，收据 SJ-202611-0001，合计 ¥268.50（人民币贰佰陆拾捌元伍角），找零 ¥2,231.50"
    ));
    assert!(
        shows(&desk, "没有未缴费用。"),
        "lines gone from the open list"
    );
    let r = desk.store().receipt(number).unwrap();
    assert_eq!(
        (r.method, r.tendered),
        (PayMethod::Cash, Some(Fen(250_000)))
    );
    assert_eq!(r.payer, "王建国");
    assert!(desk.store().fee_account(id).unwrap().open.is_empty());
}

#[test]
fn fees_the_supervisor_voids_a_receipt_and_its_lines_are_owed_again() {
    let (_dir, mut store, id) = store_with_unit(SUPERVISOR);
    store.run_billing(month(10), &clerk()).unwrap();
    store.run_billing(month(11), &clerk()).unwrap();
    let lines = store.fee_account(id).unwrap().open;
    let number = store
        .take_payment(
            &Payment {
                unit: id,
                lines: lines.iter().map(|l| l.id).collect(),
                method: PayMethod::WeChat,
                tendered: None,
                prepay: Fen(0),
                payer: "王建国".into(),
                note: String::new(),
            },
            &clerk(),
        )
        .unwrap();
    let mut desk = desk(store);

    click(&mut desk, "收费管理");
    click(&mut desk, "收据与日报");
    click(&mut desk, &number.to_string());
    assert!(shows(&desk, "合计 ¥268.50（人民币贰佰陆拾捌元伍角）"));
    click(&mut desk, "作废…");
    click(&mut desk, "确认作废");
    assert!(shows(&desk, "请写明作废原因"), "a reason is required");
    assert!(desk.store().receipt(number).unwrap().voided.is_none());
    type_into(&mut desk, receipts::VOID_REASON_ID, "金额收错，重开");
    click(&mut desk, "确认作废");
    assert!(
        shows(
            &desk,
            &format!("收据 {number} 已作废，所收费用重新计为未缴")
        ),
        "{:?}",
        desk.fees().receipts().and_then(|r| r.message())
    );
    assert!(desk.store().receipt(number).unwrap().voided.is_some());
    assert_eq!(desk.store().fee_account(id).unwrap().open.len(), 2);

    // The 收款 pane shows them owed again.
    click(&mut desk, "收款");
    type_into(&mut desk, collect::SEARCH_ID, "1502");
    click(&mut desk, "3-2-1502");
    assert!(shows(&desk, "已选 2 项，合计 ¥268.50"));
}

#[test]
fn fees_billing_preview_then_run_then_nothing_new() {
    let (_dir, store, id) = store_with_unit("周静");
    let mut desk = desk(store);

    click(&mut desk, "收费管理");
    click(&mut desk, "生成账单");
    click(&mut desk, "预览");
    let p = desk
        .fees()
        .billing()
        .and_then(|b| b.preview())
        .expect("previewed")
        .clone();
    assert_eq!(p.month, Some(month(11)), "this month by default");
    assert_eq!((p.lines, p.total, p.already), (1, MONTHLY, 0));
    assert!(shows(
        &desk,
        "2026年11月：将新增 1 条，合计 ¥134.25，涉及 1 户；已生成 0 条，不再重复"
    ));
    click(&mut desk, "确认生成账单");
    assert!(shows(
        &desk,
        "2026年11月 账单已生成：新增 1 条，合计 ¥134.25，涉及 1 户"
    ));
    assert_eq!(desk.store().fee_account(id).unwrap().owed, MONTHLY);
    assert!(shows(
        &desk,
        "2026年11月：将新增 0 条，合计 ¥0.00，涉及 0 户；已生成 1 条，不再重复"
    ));
    click(&mut desk, "确认生成账单");
    assert_eq!(
        desk.store().fee_account(id).unwrap().open.len(),
        1,
        "run again adds nothing"
    );
}
