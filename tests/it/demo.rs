//! The demo estate as `wuye-desk demo` builds it: the README's counts, and histories that read
//! like the desk's own.

use crate::common::fresh_store;
use wuye_desk::domain::date::now_local;
use wuye_desk::domain::settings::Deadlines;
use wuye_desk::store::RepairFilter;

#[test]
fn a_year_of_demo_has_the_readme_units_and_each_repair_order_taken_once() {
    let (_dir, mut store) = fresh_store();
    wuye_desk::demo::build(&mut store, 1).expect("demo");
    assert_eq!(store.unit_count().expect("count"), 2908);

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
