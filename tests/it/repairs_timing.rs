//! The procedure's clocks in the 报修管理 tab: 应到场 / 应返回 with a countdown, arrival and
//! completion entered later by phone, and a late arrival kept as 迟到 on the order, the slip
//! and the day report.

use crate::common::ui::{click, countersign, retype, shows, type_into};
use crate::common::{PIN, signs_in};
use crate::ui_repairs::desk_with;
use chrono::{NaiveDate, NaiveDateTime};
use wuye_desk::domain::repair::RepairState;
use wuye_desk::forms::{PrintJob, extract_text, line_note, render};
use wuye_desk::ui::repairs::{Panel, STEP_TIME_ID};
use wuye_desk::ui::{Clock, Desk};

fn at(h: u32, m: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 11, 29)
        .unwrap()
        .and_hms_opt(h, m, 0)
        .unwrap()
}

/// A desk at 09:50 with the leaking-tap call for 3-2-1502 taken for a 10:00 appointment.
fn desk_with_call() -> (tempfile::TempDir, Desk) {
    let (dir, mut desk) = desk_with(|store| {
        signs_in(store, "黄涛");
    });
    desk.set_clock(Clock::Fixed(at(9, 50)));
    click(&mut desk, "新建报修");
    type_into(&mut desk, "repair-unit", "3-2-1502");
    type_into(&mut desk, "repair-phone", "13812345678");
    click(&mut desk, "给排水");
    type_into(&mut desk, "repair-description", "厨房水龙头漏水");
    retype(&mut desk, "repair-appointment", "2026-11-29 10:00");
    click(&mut desk, "保存报修");
    assert!(
        desk.repairs().selected().is_some(),
        "{:?}",
        desk.repairs().message()
    );
    (dir, desk)
}

fn state(desk: &Desk) -> RepairState {
    desk.repairs().selected().unwrap().order.state
}

#[test]
fn the_arrival_and_review_deadlines_count_down_on_the_order_and_in_the_list() {
    let (_dir, mut desk) = desk_with_call();
    // Not dispatched: due for dispatch so that someone is on site by 10:15.
    assert!(shows(&desk, "应到场 2026-11-29 10:15　还剩 25 分钟"));
    click(&mut desk, "陈刚");
    click(&mut desk, "派单");
    assert!(
        shows(&desk, "应到场 2026-11-29 10:15　还剩 25 分钟"),
        "on the order"
    );
    assert!(shows(&desk, "应到场 10:15　还剩 25 分钟"), "in the list");
    desk.set_clock(Clock::Fixed(at(10, 18)));
    assert!(shows(&desk, "应到场 2026-11-29 10:15　已超时 3 分钟"));
    assert!(shows(&desk, "应到场 10:15　已超时 3 分钟"));
    assert!(shows(&desk, "已派单·超时未到场"));
    click(&mut desk, "到场");
    // The technical review is the team lead's: 黄涛 countersigns at the desk.
    click(&mut desk, "报班长评审");
    countersign(&mut desk, "黄涛（班长）", PIN);
    assert!(shows(&desk, "应返回 2026-11-29 10:48　还剩 30 分钟"));
    desk.set_clock(Clock::Fixed(at(10, 40)));
    assert!(
        shows(&desk, "应返回 10:48　还剩 8 分钟"),
        "refreshed by the clock"
    );
}

#[test]
fn an_undispatched_order_past_its_time_is_late_for_dispatch_not_arrival() {
    let (_dir, mut desk) = desk_with_call();
    desk.set_clock(Clock::Fixed(at(10, 16)));
    assert!(shows(&desk, "待派单·超时未派单"));
    assert!(!shows(&desk, "待派单·超时未到场"));
    // Dispatched late: the technician's 15 minutes count from the dispatch.
    click(&mut desk, "陈刚");
    click(&mut desk, "派单");
    assert!(shows(&desk, "应到场 2026-11-29 10:31　还剩 15 分钟"));
    assert!(!shows(&desk, "已派单·超时未到场"));
}

#[test]
fn an_arrival_reported_later_is_refused_in_the_future_or_before_dispatch() {
    let (_dir, mut desk) = desk_with_call();
    click(&mut desk, "陈刚");
    click(&mut desk, "派单"); // 09:50
    desk.set_clock(Clock::Fixed(at(10, 40)));
    type_into(&mut desk, STEP_TIME_ID, "10:50");
    click(&mut desk, "到场");
    assert!(shows(
        &desk,
        "到场时间 2026-11-29 10:50 还没到（现在 2026-11-29 10:40），不能填将来的时间"
    ));
    assert_eq!(state(&desk), RepairState::Dispatched, "nothing saved");
    retype(&mut desk, STEP_TIME_ID, "9:40");
    click(&mut desk, "到场");
    assert!(shows(
        &desk,
        "到场时间 2026-11-29 09:40 不能早于派单时间 2026-11-29 09:50"
    ));
    assert_eq!(state(&desk), RepairState::Dispatched, "nothing saved");
    retype(&mut desk, STEP_TIME_ID, "今天10点5分");
    click(&mut desk, "到场");
    let order = &desk.repairs().selected().unwrap().order;
    assert_eq!(order.arrived_at, Some(at(10, 5)), "the time given, not now");
    assert!(!shows(&desk, "迟到"), "10:05 is on time");
    // Blank is now.
    click(&mut desk, "完工");
    let order = &desk.repairs().selected().unwrap().order;
    assert_eq!(order.completed_at, Some(at(10, 40)));
    assert!(
        order.events.iter().any(|e| e.note.contains("补记")),
        "the history says the arrival was entered later"
    );
}

/// The walk-through: from the call to closed, with the arrival entered ten minutes
/// late; it shows as 迟到 on the order, the slip and the day report.
#[test]
fn a_repair_taken_to_close_with_a_late_arrival_shows_it_on_the_day_report() {
    let (_dir, mut desk) = desk_with_call();
    click(&mut desk, "陈刚");
    click(&mut desk, "派单");
    desk.set_clock(Clock::Fixed(at(10, 40)));
    type_into(&mut desk, STEP_TIME_ID, "10:25");
    click(&mut desk, "到场");
    assert!(shows(&desk, "迟到 10 分钟"), "on the order");
    click(&mut desk, "维修情况及收费");
    type_into(&mut desk, "repair-work-done", "更换阀芯");
    click(&mut desk, "保存");
    click(&mut desk, "完工");
    click(&mut desk, "业主评价");
    click(&mut desk, "满意");
    click(&mut desk, "保存评价");
    click(&mut desk, "回访");
    type_into(&mut desk, "repair-callback-note", "业主表示已不漏水");
    click(&mut desk, "保存回访");
    click(&mut desk, "关闭维修单");
    assert_eq!(
        state(&desk),
        RepairState::Closed,
        "{:?}",
        desk.repairs().missing()
    );
    assert!(shows(&desk, "迟到 10 分钟"), "stays on the closed order");

    let number = desk.repairs().selected().unwrap().order.number;
    let office = desk.store().office().unwrap();
    let slip = render(desk.store(), &office, &PrintJob::RepairSlip(Some(number))).unwrap();
    let text = extract_text(&slip).unwrap();
    assert!(
        text.contains("迟到 10 分钟"),
        "printed beside the arrival: {text}"
    );

    click(&mut desk, "日报表");
    let Panel::Report(r) = desk.repairs().panel() else {
        panic!("report shown");
    };
    let report = r.report.as_ref().expect("report");
    assert_eq!(report.in_home.overdue, 1, "counted in 逾期");
    assert_eq!(report.in_home.open, 0, "and it is finished");
    let line = &report.lines[0];
    assert!(line_note(report, line).contains("迟到 10 分钟"));
    let day = render(desk.store(), &office, &PrintJob::DailyReport(report.date)).unwrap();
    // The cell may wrap at a space: compare without them.
    let day = extract_text(&day).unwrap().replace(char::is_whitespace, "");
    assert!(day.contains("迟到10分钟"), "{day}");
}

#[test]
fn an_order_dispatched_late_before_the_upgrade_is_timed_from_its_dispatch() {
    use wuye_desk::store::Store;
    let (_dir, path) = crate::common::temp_db();
    // The database as it was before dispatch started the technician's clock.
    {
        let conn = crate::common::db_before_migration(
            &path,
            "clock_at = max(appointment_at, dispatched_at)",
        );
        // Appointment 10:00, the slip handed over at 10:20; the old clock still says 10:00.
        conn.execute_batch(
            "INSERT INTO units (id, building, entrance, room, area_hundredths, status,
                 recorded_by_name, recorded_at)
                 VALUES (1, 3, 2, 1502, 9000, 'occupied', '张敏', '2026-05-01 09:00:00');
             INSERT INTO repairs (number, unit_id, reporter, phone, channel, category,
                 description, appointment_at, chargeable, state, clock_at, technician_name,
                 dispatched_at, recorded_by_name, recorded_at)
             VALUES ('WX-202611-0001', 1, '王建国', '13812345678', 'call', '给排水', '水龙头漏水',
                 '2026-11-29 10:00:00', 0, 'dispatched', '2026-11-29 10:00:00', '杨帆',
                 '2026-11-29 10:20:00', '张敏', '2026-11-29 09:50:00');",
        )
        .unwrap();
    }
    let store = Store::open(&path).unwrap();
    let deadlines = store.deadlines().unwrap();
    // 15 minutes from the dispatch: due at 10:35, as the order's own countdown says.
    assert_eq!(
        store.overdue_repair_count(&deadlines, at(10, 31)).unwrap(),
        0
    );
    assert_eq!(
        store.overdue_repair_count(&deadlines, at(10, 36)).unwrap(),
        1
    );
}
