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
