//! The demo estate as `wuye-desk demo` builds it: the README's counts, and histories that read
//! like the desk's own.

use crate::common::fresh_store;
use wuye_desk::domain::date::now_local;
use wuye_desk::domain::settings::Deadlines;
use wuye_desk::store::RepairFilter;

#[test]
fn a_year_of_demo_has_the_readme_units_each_repair_order_taken_once_and_let_units_in_the_register()
{
    let (_dir, mut store) = fresh_store();
    wuye_desk::demo::build(&mut store, 1).expect("demo");
    assert_eq!(store.unit_count().expect("count"), 2944);

    let now = now_local();
    let mut orders = 0;
    for page in 0.. {
        let p = store
            .repair_list(&RepairFilter::All, &Deadlines::default(), now, page, 500)
            .expect("list");
        for row in &p.rows {
            let events = store.repair(row.id).expect("order").order.events;
            let taken = events.iter().filter(|e| e.note.starts_with("受理")).count();
            assert_eq!(taken, 1, "{} 的处理记录：{events:?}", row.number);
            orders += 1;
        }
        if page + 1 >= p.pages() {
            break;
        }
    }
    // About twelve a day for a year.
    assert!(orders > 3000, "only {orders} repair orders");

    // 房屋代租: a few dozen entrusted units; those let now have their tenant in the register and
    // show 出租; exactly two leases end within thirty days; most commissions are paid.
    use wuye_desk::domain::person::Relation;
    use wuye_desk::domain::rental::ListingState;
    use wuye_desk::domain::unit::UnitStatus;
    let rentals = store
        .rental_list(&wuye_desk::store::RentalFilter::default(), 500)
        .expect("rentals");
    assert!(
        (20..=40).contains(&rentals.len()),
        "{} entrusted",
        rentals.len()
    );
    let mut let_now = 0;
    let (mut leases, mut paid) = (0, 0);
    for row in &rentals {
        let r = store.rental(row.id).expect("rental");
        leases += r.leases.len();
        paid += r.leases.iter().filter(|l| l.commission_paid).count();
        let unit = store.unit(r.entrustment.unit).expect("unit").unit;
        let tenants: Vec<String> = store
            .people_of(r.entrustment.unit)
            .expect("people")
            .into_iter()
            .filter(|p| p.person.relation == Relation::Tenant)
            .map(|p| p.person.name)
            .collect();
        match r.running() {
            Some(l) => {
                let_now += 1;
                assert_eq!(row.state, ListingState::Let);
                assert_eq!(unit.status, UnitStatus::Rented, "{}", r.number);
                assert!(tenants.contains(&l.lease.tenant), "{}", r.number);
            }
            None => {
                assert_ne!(unit.status, UnitStatus::Rented, "{}", r.number);
                assert!(tenants.is_empty(), "{}: {tenants:?}", r.number);
            }
        }
    }
    assert!(let_now >= 10, "only {let_now} let now");
    assert!(paid * 3 > leases * 2, "{paid} of {leases} commissions paid");
    let soon = store
        .leases_ending(now.date() + chrono::Days::new(30))
        .expect("ending");
    assert_eq!(soon.len(), 2, "{soon:?}");
    assert!(soon.iter().all(|l| l.ends_on >= now.date()));
}

#[test]
fn a_year_of_demo_has_about_1100_matters_some_open_and_overdue_now() {
    use wuye_desk::domain::feedback::{Category, FeedbackState};
    use wuye_desk::store::FeedbackFilter;
    let (_dir, mut store) = fresh_store();
    wuye_desk::demo::build(&mut store, 1).expect("demo");
    let all = store
        .feedback_list(&FeedbackFilter::default(), 5000)
        .expect("list");
    assert!(
        (900..=1400).contains(&all.len()),
        "{} matters in a year",
        all.len()
    );
    let d = store.deadlines().expect("deadlines");
    let now = now_local();
    let overdue = store.overdue_feedback_count(&d, now).expect("count");
    assert!(overdue >= 2, "only {overdue} overdue now");
    let open = all.iter().filter(|f| f.state.is_open()).count();
    assert!(open >= 4 && open < all.len() / 5, "{open} open");
    let closed: Vec<_> = all
        .iter()
        .filter(|f| f.state == FeedbackState::Closed)
        .take(50)
        .collect();
    for f in closed {
        let r = store.feedback(f.id).expect("matter");
        assert!(!r.answer.is_empty() && !r.result.is_empty(), "{}", r.number);
    }
    let repair = all
        .iter()
        .find(|f| f.category == Category::Repair)
        .expect("a call classified 报修");
    let linked = store.feedback(repair.id).expect("matter");
    let order = store
        .repair(linked.repair_id.expect("linked"))
        .expect("order")
        .order;
    assert_eq!(order.intake.description, linked.intake.content);
    assert!(
        all.iter()
            .any(|f| f.channel == wuye_desk::domain::feedback::Channel::Staff),
        "staff feedback"
    );
    assert!(store.check().expect("check").is_empty());
}

#[test]
fn a_year_of_demo_has_21_building_at_every_move_in_step_and_cases_from_years_ago() {
    use wuye_desk::domain::movein::{MoveInState, MoveInStep};
    use wuye_desk::domain::unit::UnitStatus;
    let (_dir, mut store) = fresh_store();
    wuye_desk::demo::build(&mut store, 1).expect("demo");
    let board = store.move_in_board(Some(21), None).expect("board");
    assert_eq!(board.len(), 36);
    let finished = board
        .iter()
        .filter(|r| {
            matches!(
                r.state,
                Some(MoveInState::MovedIn | MoveInState::Renovating)
            )
        })
        .count();
    assert_eq!(finished, 5);
    for step in MoveInStep::ALL {
        if *step == MoveInStep::Verify {
            continue;
        }
        assert!(
            board.iter().any(|r| r.step == Some(*step)),
            "no case waiting at {}",
            step.label()
        );
    }
    assert!(board.iter().filter(|r| r.open_defects > 0).count() >= 2);
    assert!(
        board
            .iter()
            .any(|r| r.case.is_none() && r.unit_status == UnitStatus::Vacant)
    );
    let today = store
        .move_in_schedule(now_local().date())
        .expect("schedule");
    assert_eq!(today.len(), 6);
    // The first owner's cracked tile went through 报修管理 before inspection 2.
    let first = store
        .move_in_of_unit(board[0].unit)
        .expect("case")
        .expect("a case");
    assert_eq!(first.state, MoveInState::MovedIn);
    assert!(first.defects()[0].fixed(), "{:?}", first.defects());
    assert!(first.items.iter().any(|i| i.name == "钥匙"));
    assert!(
        store
            .keys_of_unit(board[0].unit)
            .expect("keys")
            .iter()
            .all(|k| k.status == wuye_desk::domain::keys::KeyStatus::WithOwner)
    );
    // Units lived in for years have a finished case from paper.
    let old = store.move_in_board(Some(3), None).expect("board");
    assert!(old.iter().filter(|r| r.case.is_some()).count() >= 3);
    assert!(store.check().expect("check").is_empty());
}
