//! Payments at the desk: paying chosen lines with a gap-free 收款收据 number, prepayment,
//! voiding (the supervisor's, with a reason; lines owed again, the number never reused) and
//! the cashier's day.

use crate::common::fees::fixture_bill_line;
use crate::common::november::{at, by, nov};
use crate::common::{clerk, owner, signs_in, temp_store, unit};
use wuye_desk::domain::Fen;
use wuye_desk::domain::fees::{LineId, PayMethod, ReceiptNumber};
use wuye_desk::domain::unit::UnitId;
use wuye_desk::store::{AccountEvent, AuditFilter, Payment, Store, StoreError};

/// 3-2-1502 (owner 张伟) owing 物业管理服务费 for Sept–Nov 2026 (¥134.25 each) and
/// 机动车占位费 for Nov (¥150.00); the cashier 周静 signed in.
fn owing() -> (tempfile::TempDir, Store, UnitId, Vec<LineId>) {
    let (dir, mut store) = temp_store();
    let u = store.add_unit(&unit("3-2-1502"), &clerk()).unwrap();
    store
        .add_person(u, &owner("张伟", "13812345678"), &clerk())
        .unwrap();
    let lines = vec![
        fixture_bill_line(&store, u, "WYF", "2026-09", 13_425),
        fixture_bill_line(&store, u, "WYF", "2026-10", 13_425),
        fixture_bill_line(&store, u, "WYF", "2026-11", 13_425),
        fixture_bill_line(&store, u, "CWF", "2026-11", 15_000),
    ];
    signs_in(&mut store, "周静");
    (dir, store, u, lines)
}

fn cash(unit: UnitId, lines: &[LineId], tendered: i64) -> Payment {
    Payment {
        unit,
        lines: lines.to_vec(),
        method: PayMethod::Cash,
        tendered: Some(Fen(tendered)),
        prepay: Fen(0),
        payer: String::new(),
        note: String::new(),
    }
}

fn number(text: &str) -> ReceiptNumber {
    ReceiptNumber::parse(text).unwrap()
}

fn conflict(e: StoreError) -> String {
    match e {
        StoreError::Conflict(m) => m,
        other => panic!("expected a conflict, got {other:?}"),
    }
}

#[test]
fn chosen_lines_are_paid_with_change_and_the_rest_stays_owed() {
    let (_d, mut store, u, lines) = owing();
    let account = store.fee_account(u).unwrap();
    assert_eq!(account.payer, "张伟");
    assert_eq!(account.owed, Fen(13_425 * 3 + 15_000));
    assert_eq!(
        account
            .open
            .iter()
            .map(|l| l.month.code())
            .collect::<Vec<_>>(),
        ["2026-09", "2026-10", "2026-11", "2026-11"],
        "oldest first"
    );
    let n = store
        .take_payment(&cash(u, &lines[..2], 30_000), &by("周静", at(29, 10, 0)))
        .unwrap();
    assert_eq!(n.to_string(), "SJ-202611-0001");
    let r = store.receipt(n).unwrap();
    assert_eq!(r.total, Fen(26_850));
    assert_eq!(r.change(), Some(Fen(3_150)));
    assert_eq!(r.payer, "张伟", "the owner by default");
    assert_eq!(r.cashier, "周静");
    assert_eq!(r.lines.len(), 2);
    assert_eq!(r.lines[0].item, "物业管理服务费");
    assert_eq!(r.lines[0].period, "2026-09");
    let account = store.fee_account(u).unwrap();
    assert_eq!(account.open.len(), 2);
    assert_eq!(account.owed, Fen(28_425));

    // Paying a paid line again is refused, naming it; nothing is issued.
    let e = store
        .take_payment(&cash(u, &lines[1..3], 50_000), &by("周静", at(29, 10, 5)))
        .unwrap_err();
    assert!(conflict(e).contains("2026-10 物业管理服务费 已经缴过了"));

    // The audit row names the receipt, the unit, the total and the lines.
    let log = store
        .audit_log(
            &AuditFilter {
                record: Some("SJ-202611-0001".into()),
                ..AuditFilter::default()
            },
            0,
            10,
        )
        .unwrap();
    assert_eq!(log.total, 1);
    let row = &log.rows[0];
    assert_eq!(row.who, "周静");
    assert!(row.what.contains("3号楼2单元1502室") && row.what.contains("¥268.50"));
    let after = row.after.as_deref().unwrap();
    assert!(
        after.contains("2026-09") && after.contains("物业管理服务费"),
        "{after}"
    );

    // The history: the receipt newest, then the bills.
    let (events, total) = store.fee_history(u, 0, 3).unwrap();
    assert_eq!(total, 5);
    assert!(matches!(&events[0], AccountEvent::Paid(r) if r.number == n));
    assert!(matches!(&events[1], AccountEvent::Billed(_)));
    let (rest, _) = store.fee_history(u, 1, 3).unwrap();
    assert_eq!(rest.len(), 2);
}

#[test]
fn numbers_have_no_gaps_when_a_payment_fails() {
    let (_d, mut store, u, lines) = owing();
    let t = by("周静", at(29, 10, 0));
    // Too little cash: refused inside the transaction, after the lines were read.
    let e = store
        .take_payment(&cash(u, &lines[..1], 10_000), &t)
        .unwrap_err();
    assert!(conflict(e).contains("少于应收"));
    // Nothing chosen, a desk-only method, a negative prepayment: refused before anything.
    assert!(store.take_payment(&cash(u, &[], 0), &t).is_err());
    let mut bank = cash(u, &lines[..1], 0);
    bank.method = PayMethod::BankDebit;
    assert!(conflict(store.take_payment(&bank, &t).unwrap_err()).contains("不能在收费台选择"));
    let first = store
        .take_payment(&cash(u, &lines[..1], 13_425), &t)
        .unwrap();
    assert_eq!(first.to_string(), "SJ-202611-0001");
    let mut wechat = cash(u, &lines[1..2], 0);
    wechat.method = PayMethod::WeChat;
    wechat.payer = "李娜".into();
    let second = store.take_payment(&wechat, &t).unwrap();
    assert_eq!(second.to_string(), "SJ-202611-0002");
    let r = store.receipt(second).unwrap();
    assert_eq!(r.payer, "李娜");
    assert_eq!(r.tendered, None, "tendered is for cash only");
    // A line chosen twice is paid once.
    let twice = store
        .take_payment(&cash(u, &[lines[2], lines[2]], 13_425), &t)
        .unwrap();
    assert_eq!(store.receipt(twice).unwrap().total, Fen(13_425));
    let (month, total) = store.receipts_in(nov(), 0, 10).unwrap();
    assert_eq!(total, 3);
    assert_eq!(month[0].number, twice, "newest first");
}

#[test]
fn void_is_the_supervisors_with_a_reason_and_puts_the_lines_back() {
    let (_d, mut store, u, lines) = owing();
    let n = store
        .take_payment(&cash(u, &lines[..2], 26_850), &by("周静", at(29, 10, 0)))
        .unwrap();
    // The cashier may not void alone: the supervisor must countersign.
    let e = store
        .void_receipt(n, "金额收错", &by("周静", at(29, 11, 0)))
        .unwrap_err();
    assert!(matches!(e, StoreError::NeedsCountersign { .. }), "{e:?}");
    signs_in(&mut store, "刘洋");
    assert!(
        conflict(
            store
                .void_receipt(n, "  ", &by("刘洋", at(29, 11, 0)))
                .unwrap_err()
        )
        .contains("作废原因")
    );
    store
        .void_receipt(n, "金额收错", &by("刘洋", at(29, 11, 0)))
        .unwrap();
    let r = store.receipt(n).unwrap();
    let (_, who, why) = r.voided.clone().unwrap();
    assert_eq!((who.as_str(), why.as_str()), ("刘洋", "金额收错"));
    assert_eq!(r.lines.len(), 2, "the receipt still shows what it paid");
    let account = store.fee_account(u).unwrap();
    assert_eq!(account.open.len(), 4, "its lines are owed again");
    assert!(
        conflict(
            store
                .void_receipt(n, "再次", &by("刘洋", at(29, 11, 5)))
                .unwrap_err()
        )
        .contains("已于")
    );
    // The number is never reused.
    signs_in(&mut store, "周静");
    let next = store
        .take_payment(&cash(u, &lines[..2], 26_850), &by("周静", at(29, 11, 10)))
        .unwrap();
    assert_eq!(next, number("SJ-202611-0002"));
}

#[test]
fn prepayment_is_the_balance_and_its_void_takes_it_back() {
    let (_d, mut store, u, lines) = owing();
    let mut p = cash(u, &lines[..1], 70_000);
    p.prepay = Fen(50_000);
    let n = store.take_payment(&p, &by("周静", at(29, 10, 0))).unwrap();
    let r = store.receipt(n).unwrap();
    assert_eq!((r.total, r.prepay), (Fen(63_425), Fen(50_000)));
    assert_eq!(r.change(), Some(Fen(6_575)));
    assert_eq!(store.fee_account(u).unwrap().balance, Fen(50_000));
    // A prepayment alone.
    let mut only = cash(u, &[], 0);
    only.method = PayMethod::Transfer;
    only.prepay = Fen(10_000);
    let m = store
        .take_payment(&only, &by("周静", at(29, 10, 5)))
        .unwrap();
    assert_eq!(store.fee_account(u).unwrap().balance, Fen(60_000));
    signs_in(&mut store, "刘洋");
    store
        .void_receipt(n, "预存金额写错", &by("刘洋", at(29, 11, 0)))
        .unwrap();
    let account = store.fee_account(u).unwrap();
    assert_eq!(account.balance, Fen(10_000));
    assert_eq!(account.open.len(), 4);
    store
        .void_receipt(m, "重复收款", &by("刘洋", at(29, 11, 1)))
        .unwrap();
    assert_eq!(store.fee_account(u).unwrap().balance, Fen(0));
}

#[test]
fn the_cashiers_day_totals_by_method_and_item_and_lists_voids() {
    let (_d, mut store, u, lines) = owing();
    let t = |h, m| by("周静", at(29, h, m));
    let a = store
        .take_payment(&cash(u, &lines[..1], 20_000), &t(9, 0))
        .unwrap();
    let mut w = cash(u, &lines[1..2], 0);
    w.method = PayMethod::WeChat;
    w.prepay = Fen(20_000);
    let b = store.take_payment(&w, &t(9, 30)).unwrap();
    let c = store
        .take_payment(&cash(u, &lines[3..4], 15_000), &t(10, 0))
        .unwrap();
    // Another day's receipt is not counted.
    store
        .take_payment(&cash(u, &lines[2..3], 13_425), &by("周静", at(30, 9, 0)))
        .unwrap();
    signs_in(&mut store, "刘洋");
    store
        .void_receipt(c, "车位不属于该户", &by("刘洋", at(29, 16, 0)))
        .unwrap();
    let day = store.cashier_day(at(29, 0, 0).date()).unwrap();
    assert_eq!(
        day.receipts.iter().map(|r| r.number).collect::<Vec<_>>(),
        [a, b, c]
    );
    assert_eq!(day.voided.len(), 1);
    assert_eq!(day.voided[0].number, c);
    assert_eq!(
        day.by_method,
        [
            (PayMethod::Cash, 1, Fen(13_425)),
            (PayMethod::WeChat, 1, Fen(33_425))
        ]
    );
    assert_eq!(
        day.by_item,
        [
            ("物业管理服务费".to_string(), Fen(26_850)),
            ("预存款".to_string(), Fen(20_000))
        ]
    );
    assert_eq!(day.total, Fen(46_850));
    assert_eq!(day.cash, Fen(13_425));
    // The day a receipt of the 29th was voided, the void is listed there too.
    store
        .void_receipt(a, "付款人要求重开", &by("刘洋", at(30, 10, 0)))
        .unwrap();
    let next = store.cashier_day(at(30, 0, 0).date()).unwrap();
    assert_eq!(
        next.voided.iter().map(|r| r.number).collect::<Vec<_>>(),
        [a]
    );
    assert_eq!(next.total, Fen(13_425));
}

/// Unit, month and amount owed.
type Owed = Vec<(i64, String, i64)>;

/// What each unit owes per month, as the lines say and as `unit_month_open` keeps it.
fn open_by_month(dir: &tempfile::TempDir) -> (Owed, Owed) {
    let conn = rusqlite::Connection::open(crate::common::fees::db_file(dir)).unwrap();
    let read = |sql: &str| -> Vec<(i64, String, i64)> {
        let mut stmt = conn.prepare(sql).unwrap();
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .unwrap()
            .map(Result::unwrap)
            .collect()
    };
    (
        read(
            "SELECT unit_id, month, sum(amount_fen) FROM bill_lines WHERE receipt_id IS NULL
             GROUP BY unit_id, month HAVING sum(amount_fen) <> 0 ORDER BY 1, 2",
        ),
        read("SELECT unit_id, month, open_fen FROM unit_month_open ORDER BY 1, 2"),
    )
}

#[test]
fn what_each_month_still_owes_follows_payments_and_voids() {
    let (dir, mut store, u, lines) = owing();
    let (lines_say, kept) = open_by_month(&dir);
    assert_eq!(kept, lines_say);
    assert_eq!(kept.len(), 3, "Sept, Oct and Nov: {kept:?}");
    let n = store
        .take_payment(&cash(u, &lines[..2], 26_850), &by("周静", at(29, 10, 0)))
        .unwrap();
    let (lines_say, kept) = open_by_month(&dir);
    assert_eq!(kept, lines_say);
    assert_eq!(kept.len(), 1, "September and October paid off: {kept:?}");
    assert_eq!(kept[0].2, 13_425 + 15_000);
    signs_in(&mut store, "刘洋");
    store
        .void_receipt(n, "金额收错", &by("刘洋", at(29, 11, 0)))
        .unwrap();
    let (lines_say, kept) = open_by_month(&dir);
    assert_eq!(kept, lines_say, "owed again after the void");
    assert_eq!(kept.len(), 3);
    signs_in(&mut store, "周静");
    store
        .take_payment(&cash(u, &lines, 100_000), &by("周静", at(29, 11, 10)))
        .unwrap();
    let (lines_say, kept) = open_by_month(&dir);
    assert_eq!((kept, lines_say), (vec![], vec![]), "all paid");
}
