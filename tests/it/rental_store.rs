//! 房屋代租 in the store, on a real file: an owner's entrustment, a viewing, the lease's effects
//! on the register (the tenant as 租户, the unit 出租) and the fees tables (the commission owed),
//! its end (the tenant out of the current residents, the unit back to what it was), the rules
//! that refuse, and the lines on 今日.

use crate::common::rental::{at, day, entrusted, lease, rec};
use chrono::NaiveDateTime;
use wuye_desk::domain::Fen;
use wuye_desk::domain::person::Relation;
use wuye_desk::domain::rental::{LeaseEnd, ListingState, Viewing, ViewingOutcome};
use wuye_desk::domain::unit::{UnitId, UnitStatus};
use wuye_desk::store::Store;

fn tenants(store: &Store, unit: UnitId) -> Vec<String> {
    store
        .people_of(unit)
        .unwrap()
        .into_iter()
        .filter(|p| p.person.relation == Relation::Tenant)
        .map(|p| p.person.name)
        .collect()
}

#[test]
fn a_lease_makes_the_tenant_a_resident_the_unit_rented_and_bills_the_commission_and_its_end_undoes_both()
 {
    let (_dir, mut store, unit, id) = entrusted();
    store
        .log_viewing(
            id,
            &Viewing {
                at: at(2026, 12, 2, 10),
                visitor: "李四".into(),
                phone: None,
                staff: None,
                staff_name: "张敏".into(),
                outcome: ViewingOutcome::Interested,
                note: String::new(),
            },
            &rec(at(2026, 12, 2, 11)),
        )
        .unwrap();
    let signed = store
        .sign_lease(
            id,
            &lease(day(2026, 12, 5), day(2027, 6, 4)),
            &rec(at(2026, 12, 3, 15)),
        )
        .unwrap();
    // Half a month of the agreed ¥2,800.00, not of the asking rent.
    assert_eq!(signed.commission, Fen(140_000));

    assert_eq!(tenants(&store, unit), ["李四"]);
    assert_eq!(store.unit(unit).unwrap().unit.status, UnitStatus::Rented);
    let account = store.fee_account(unit).unwrap();
    let line = account
        .open
        .iter()
        .find(|l| l.item_name == "房屋代租佣金")
        .expect("the commission owed in 收费管理");
    assert_eq!(line.amount, Fen(140_000));
    assert!(line.basis.contains("DZ-202611-0001"), "{}", line.basis);
    let r = store.rental(id).unwrap();
    assert_eq!(r.state, ListingState::Let);
    assert_eq!(r.viewings.len(), 1);
    assert_eq!(r.running().unwrap().status_before, UnitStatus::Vacant);

    // No withdrawal, no second lease and no viewing while it runs.
    let refused = store.withdraw_rental(id, "业主收回", &rec(at(2026, 12, 4, 9)));
    assert!(refused.unwrap_err().to_string().contains("请先办理退租"));
    assert!(
        store
            .sign_lease(
                id,
                &lease(day(2027, 1, 1), day(2027, 6, 1)),
                &rec(at(2026, 12, 4, 9))
            )
            .is_err()
    );

    // Ended early: a reason is required; then the tenant leaves the current residents, the
    // unit is 空置 again as before the lease, and the listing is 待租.
    let early = LeaseEnd {
        on: day(2027, 3, 1),
        reason: String::new(),
    };
    let err = store.end_lease(id, &early, &rec(at(2027, 3, 1, 16)));
    assert!(err.unwrap_err().to_string().contains("写明原因"));
    assert_eq!(store.rental(id).unwrap().state, ListingState::Let);
    let early = LeaseEnd {
        reason: "工作调动".into(),
        ..early
    };
    store
        .end_lease(id, &early, &rec(at(2027, 3, 1, 16)))
        .unwrap();
    assert!(tenants(&store, unit).is_empty());
    assert_eq!(store.unit(unit).unwrap().unit.status, UnitStatus::Vacant);
    let r = store.rental(id).unwrap();
    assert_eq!(r.state, ListingState::Listed);
    let kept = &r.leases[0];
    assert_eq!(
        (
            kept.lease.tenant.as_str(),
            kept.ended.as_ref().unwrap().reason.as_str()
        ),
        ("李四", "工作调动")
    );
    // The unit's history keeps the tenant and every step.
    let log: Vec<String> = store
        .unit_log(unit)
        .unwrap()
        .into_iter()
        .map(|l| format!("[{}] {}", l.kind, l.text))
        .collect();
    for want in [
        "[代租] DZ-202611-0001 业主 王建国 委托代租",
        "[代租] DZ-202611-0001 看房：李四",
        "[租户] 添加租户 李四",
        "[修改] 状态 空置 → 出租",
        "[代租] DZ-202611-0001 签约：租户 李四",
        "[租户] 租户 李四 退租搬离，移出当前住户",
        "[修改] 状态 出租 → 空置",
        "[代租] DZ-202611-0001 提前退租：租户 李四",
    ] {
        assert!(
            log.iter().any(|l| l.starts_with(want)),
            "{want} missing from {log:#?}"
        );
    }
    // The audit log has each step under the tab.
    let audit = store
        .audit_log(&Default::default(), 0, 50)
        .unwrap()
        .rows
        .into_iter()
        .filter(|r| r.tab == "房屋代租")
        .count();
    assert_eq!(audit, 4);
}

#[test]
fn a_unit_has_one_listing_until_it_is_withdrawn_or_runs_out_and_a_lease_stays_inside_it() {
    let (_dir, mut store, unit, id) = entrusted();
    let e = store.rental(id).unwrap().entrustment;
    let again = store.entrust_rental(&e, &rec(at(2026, 12, 1, 9)));
    assert!(
        again
            .unwrap_err()
            .to_string()
            .contains("已有代租委托 DZ-202611-0001")
    );
    // Past the entrustment's last day: refused, saying so.
    let long = lease(day(2026, 12, 5), day(2027, 12, 4));
    let err = store
        .sign_lease(id, &long, &rec(at(2026, 12, 3, 15)))
        .unwrap_err()
        .to_string();
    assert!(err.contains("租期超出委托期限"), "{err}");
    assert_eq!(store.unit(unit).unwrap().unit.status, UnitStatus::Vacant);
    assert!(tenants(&store, unit).is_empty(), "nothing written");
    assert!(store.fee_account(unit).unwrap().open.is_empty());

    // Once the period has run out, a new entrustment closes the old one; numbers run on
    // without gaps in their month.
    let (new, number) = store.entrust_rental(&e, &rec(at(2027, 12, 10, 9))).unwrap();
    assert_eq!(number.to_string(), "DZ-202712-0001");
    let old = store.rental(id).unwrap();
    assert_eq!(old.state, ListingState::Withdrawn);
    assert!(old.withdrawn.unwrap().1.contains("DZ-202712-0001"));
    assert_eq!(store.rental_of_unit(unit).unwrap().unwrap().id, new);
    store
        .withdraw_rental(new, "业主收回自住", &rec(at(2027, 12, 11, 9)))
        .unwrap();
    assert_eq!(store.rental(new).unwrap().state, ListingState::Withdrawn);
}

#[test]
fn today_shows_leases_from_thirty_days_before_their_last_day_and_overdue_after_it() {
    let (_dir, mut store, _unit, id) = entrusted();
    store
        .sign_lease(
            id,
            &lease(day(2026, 12, 1), day(2027, 5, 31)),
            &rec(at(2026, 11, 30, 15)),
        )
        .unwrap();
    let lines = |store: &Store, now: NaiveDateTime| {
        store
            .today(now)
            .unwrap()
            .into_iter()
            .filter(|i| i.kind == "租约到期")
            .collect::<Vec<_>>()
    };
    assert!(
        lines(&store, at(2027, 4, 30, 9)).is_empty(),
        "31 days before"
    );
    let soon = lines(&store, at(2027, 5, 1, 9));
    assert_eq!(soon.len(), 1);
    assert_eq!(soon[0].place, "7-2-1901");
    assert!(soon[0].what.contains("李四"), "{}", soon[0].what);
    assert!(
        !soon[0].overdue(at(2027, 5, 31, 23)),
        "the last day is on time"
    );
    let late = lines(&store, at(2027, 6, 2, 9));
    assert!(late[0].overdue(at(2027, 6, 2, 9)));
    assert_eq!(
        late[0].open,
        wuye_desk::domain::today::OpenRecord::Rental(id.0)
    );
    store
        .end_lease(
            id,
            &LeaseEnd {
                on: day(2027, 5, 31),
                reason: String::new(),
            },
            &rec(at(2027, 6, 2, 9)),
        )
        .unwrap();
    assert!(lines(&store, at(2027, 6, 2, 10)).is_empty());
}
