//! 信息反馈与投诉 on a real temporary SQLite file: numbering, a complaint's whole life with a
//! reopen, closing refused without an answer or a result, the 报修 link, the unit's history,
//! the list and its search, the clocks for the tab's label and 今日, departments, registers.

use crate::common::{clerk, sign_in_as, temp_store, unit};
use chrono::{Duration, NaiveDate, NaiveDateTime};
use wuye_desk::domain::feedback::{
    Category, Channel, Dispatch, DueKind, EventKind, FeedbackState, Intake, PastFeedback, Rating,
    Severity, Step, Where,
};
use wuye_desk::domain::settings::Deadlines;
use wuye_desk::domain::staff::{Recorded, Role};
use wuye_desk::domain::{Mobile, Month, UnitAddress};
use wuye_desk::store::{FeedbackFilter, Store, StoreError};

fn at(d: u32, h: u32, m: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 11, d)
        .and_then(|d| d.and_hms_opt(h, m, 0))
        .expect("time")
}

fn rec(t: NaiveDateTime) -> Recorded {
    Recorded { at: t, ..clerk() }
}

fn setup() -> (tempfile::TempDir, Store) {
    let (dir, mut store) = temp_store();
    store.add_unit(&unit("3-2-1502"), &clerk()).unwrap();
    (dir, store)
}

/// The owner of 3-2-1502 phoning about the renovation upstairs.
fn noise(store: &Store, t: NaiveDateTime) -> Intake {
    let a = UnitAddress::parse("3-2-1502").unwrap();
    let u = store.unit_at(a).unwrap().expect("unit");
    Intake {
        channel: Channel::Phone,
        name: "王建国".into(),
        phone: Mobile::parse("13812345678").ok(),
        person: None,
        place: Where::Unit {
            id: u.id,
            address: a,
        },
        content: "楼上装修噪音，晚上十点还在施工".into(),
        category: Category::Complaint,
        severity: Severity::General,
        received_at: t,
        received_by_name: "张敏".into(),
        officer: None,
    }
}

fn to_order() -> Dispatch {
    Dispatch {
        department: "秩序维护部".into(),
        handler: None,
        handler_name: "孙队长".into(),
        requirement: "今晚上门制止夜间施工".into(),
        reply_limit_min: None,
        needs_superior: false,
    }
}

#[test]
fn a_complaint_from_intake_to_close_with_a_reopen() {
    let (_dir, mut store) = setup();
    let (id, number, repair) = store
        .add_feedback(&noise(&store, at(29, 9, 0)), &rec(at(29, 9, 2)))
        .unwrap();
    assert_eq!(number.to_string(), "FK-202611-0001");
    assert_eq!(repair, None);
    let wo = store
        .dispatch_feedback(id, &to_order(), &rec(at(29, 9, 10)))
        .unwrap();
    assert_eq!(wo.to_string(), "GZ-202611-0001");
    let f = store.feedback(id).unwrap();
    assert_eq!(f.state, FeedbackState::Dispatched);
    assert_eq!(f.work_order, Some(wo));
    assert_eq!(f.work_orders[0].due_at, at(30, 9, 10));
    let d = Deadlines::default();
    let reply = f
        .dues(&d)
        .into_iter()
        .find(|x| x.kind == DueKind::HandlerReply)
        .unwrap();
    assert_eq!(reply.due_at, at(30, 9, 10));

    // Closing too early says what is missing.
    let err = store
        .close_feedback(id, "", &rec(at(29, 9, 20)))
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("答复客户的内容") && err.contains("处理结果"),
        "{err}"
    );

    store
        .feedback_progress(id, "已上门制止", true, &rec(at(29, 21, 0)))
        .unwrap();
    assert_eq!(store.feedback(id).unwrap().state, FeedbackState::Replied);
    store
        .answer_feedback(id, "已制止，施工方承诺晚八点后不施工", &rec(at(29, 21, 30)))
        .unwrap();
    let state = store
        .feedback_callback(
            id,
            Rating::Dissatisfied,
            "当晚仍有噪音",
            &rec(at(30, 10, 0)),
        )
        .unwrap();
    assert_eq!(state, FeedbackState::Dispatched, "不满意 reopens it");
    let f = store.feedback(id).unwrap();
    assert_eq!(f.reopened_at, Some(at(30, 10, 0)));
    let answer = f
        .dues(&d)
        .into_iter()
        .find(|x| x.kind == DueKind::CustomerAnswer)
        .unwrap();
    assert_eq!(answer.due_at, at(30, 10, 0) + Duration::hours(24));
    assert_eq!(answer.done_at, None, "the clock started again");

    // The old answer does not close a reopened matter.
    let err = store
        .close_feedback(id, "已解决", &rec(at(30, 10, 5)))
        .unwrap_err()
        .to_string();
    assert!(err.contains("重开后给客户的答复"), "{err}");

    store
        .feedback_progress(id, "施工方已调整时间", true, &rec(at(30, 15, 0)))
        .unwrap();
    store
        .feedback_progress(id, "主管已约谈施工方", false, &rec(at(30, 15, 30)))
        .unwrap();
    store
        .answer_feedback(id, "施工时间已调整为8:00-18:00", &rec(at(30, 16, 0)))
        .unwrap();
    assert_eq!(
        store
            .feedback_callback(id, Rating::Satisfied, "", &rec(at(30, 20, 0)))
            .unwrap(),
        FeedbackState::Answered
    );
    assert!(
        store
            .close_feedback(id, " ", &rec(at(30, 20, 5)))
            .unwrap_err()
            .to_string()
            .contains("处理结果")
    );
    store
        .close_feedback(id, "已解决，业主满意", &rec(at(30, 20, 10)))
        .unwrap();
    let f = store.feedback(id).unwrap();
    assert_eq!(f.state, FeedbackState::Closed);
    assert_eq!(f.rating, Some(Rating::Satisfied));
    assert!(f.dues(&d).iter().all(|x| !x.overdue(at(30, 23, 0))));
    let kinds: Vec<EventKind> = f.trail.iter().map(|e| e.kind).collect();
    use EventKind::*;
    assert_eq!(
        kinds,
        [
            Received, Dispatched, Replied, Answered, Callback, Reopened, Replied, Progress,
            Answered, Callback, Closed
        ]
    );
    assert!(f.trail[1].text.contains("GZ-202611-0001"));
    // A closed matter takes no more steps.
    assert!(matches!(
        store.answer_feedback(id, "再次答复", &rec(at(30, 21, 0))),
        Err(StoreError::Conflict(_))
    ));

    // Every entry about the unit is in its history.
    let u = store
        .unit_at(UnitAddress::parse("3-2-1502").unwrap())
        .unwrap()
        .unwrap();
    let lines: Vec<_> = store
        .unit_log(u.id)
        .unwrap()
        .into_iter()
        .filter(|l| l.kind == "反馈")
        .collect();
    assert_eq!(lines.len(), kinds.len());
    assert!(lines.iter().all(|l| l.text.starts_with("FK-202611-0001")));
    assert!(lines.iter().any(|l| l.text.contains("回访：不满意")));
    assert!(lines.iter().all(|l| !l.text.contains("13812345678")));
}

#[test]
fn a_call_classified_as_a_repair_opens_a_linked_repair_order() {
    let (_dir, mut store) = setup();
    let mut intake = noise(&store, at(29, 9, 0));
    intake.category = Category::Repair;
    intake.content = "厨房水管漏水".into();
    let (id, _, repair) = store.add_feedback(&intake, &rec(at(29, 9, 1))).unwrap();
    let repair = repair.expect("a repair order");
    let order = store.repair(repair).unwrap().order;
    assert_eq!(order.intake.description, "厨房水管漏水");
    assert_eq!(order.intake.reporter, "王建国");
    assert_eq!(order.intake.phone, intake.phone);
    assert_eq!(order.intake.place.short(), "3-2-1502");
    assert_eq!(order.intake.category, "其他");
    assert_eq!(order.intake.appointment, at(29, 9, 0));
    let f = store.feedback(id).unwrap();
    assert_eq!(f.repair_id, Some(repair));
    assert_eq!(f.repair_number, Some(order.number));
    assert!(f.trail[0].text.contains(&order.number.to_string()));

    // A public repair needs its area's officer; without one nothing is saved.
    let mut public = intake.clone();
    public.place = Where::Public("5号楼电梯厅".into());
    let err = store
        .add_feedback(&public, &rec(at(29, 9, 5)))
        .unwrap_err()
        .to_string();
    assert!(err.contains("区域客户服务员"), "{err}");
    let officer = crate::common::add_staff(&mut store, "王强", Role::ServiceOfficer);
    public.officer = Some((officer, "王强".into()));
    let (_, number, repair) = store.add_feedback(&public, &rec(at(29, 9, 6))).unwrap();
    assert_eq!(
        number.to_string(),
        "FK-202611-0002",
        "the refusal used no number"
    );
    let order = store.repair(repair.unwrap()).unwrap().order;
    assert_eq!(order.intake.place.short(), "5号楼电梯厅");
}

#[test]
fn intakes_are_checked_and_numbers_run_per_month() {
    let (_dir, mut store) = setup();
    let mut bad = noise(&store, at(29, 9, 0));
    bad.content = "  ".into();
    let err = store.add_feedback(&bad, &rec(at(29, 9, 0))).unwrap_err();
    assert!(err.to_string().contains("内容"), "{err}");
    let later = noise(&store, at(29, 12, 0));
    assert!(
        store
            .add_feedback(&later, &rec(at(29, 9, 0)))
            .unwrap_err()
            .to_string()
            .contains("受理时间")
    );
    let mut numbers = Vec::new();
    for t in [
        at(30, 23, 59),
        NaiveDate::from_ymd_opt(2026, 12, 1)
            .unwrap()
            .and_hms_opt(0, 0, 0)
            .unwrap(),
    ] {
        numbers.push(
            store
                .add_feedback(&noise(&store, t), &rec(t))
                .unwrap()
                .1
                .to_string(),
        );
    }
    assert_eq!(numbers, ["FK-202611-0001", "FK-202612-0001"]);
    let (id, ..) = store
        .add_feedback(&noise(&store, at(29, 10, 0)), &rec(at(29, 10, 0)))
        .unwrap();
    // The handler's reply before any dispatch is refused, and a dispatch needs a handler.
    assert!(
        store
            .feedback_progress(id, "处理好了", true, &rec(at(29, 10, 5)))
            .unwrap_err()
            .to_string()
            .contains("请先派单")
    );
    let mut d = to_order();
    d.handler_name = " ".into();
    assert!(
        store
            .dispatch_feedback(id, &d, &rec(at(29, 10, 5)))
            .unwrap_err()
            .to_string()
            .contains("处理人")
    );
    assert!(
        store
            .escalate_feedback(id, "", &rec(at(29, 10, 5)))
            .unwrap_err()
            .to_string()
            .contains("上报给谁")
    );
}

#[test]
fn the_clocks_count_overdue_matters_at_their_edges() {
    let (_dir, mut store) = setup();
    let d = Deadlines::default();
    let (general, ..) = store
        .add_feedback(&noise(&store, at(28, 9, 0)), &rec(at(28, 9, 0)))
        .unwrap();
    let mut major = noise(&store, at(28, 9, 0));
    major.severity = Severity::Major;
    let (major, ..) = store.add_feedback(&major, &rec(at(28, 9, 0))).unwrap();
    // 重大: reported up within 2 h.
    assert_eq!(store.overdue_feedback_count(&d, at(28, 11, 0)).unwrap(), 0);
    assert_eq!(store.overdue_feedback_count(&d, at(28, 11, 1)).unwrap(), 1);
    store
        .escalate_feedback(major, "刘洋", &rec(at(28, 11, 30)))
        .unwrap();
    assert_eq!(store.overdue_feedback_count(&d, at(28, 12, 0)).unwrap(), 0);
    // 一般: answered within 24 h; 23:59 and 24:00 are on time, 24:01 late.
    assert_eq!(store.overdue_feedback_count(&d, at(29, 8, 59)).unwrap(), 0);
    assert_eq!(store.overdue_feedback_count(&d, at(29, 9, 0)).unwrap(), 0);
    assert_eq!(store.overdue_feedback_count(&d, at(29, 9, 1)).unwrap(), 1);
    // 重大: 48 h.
    assert_eq!(store.overdue_feedback_count(&d, at(30, 9, 0)).unwrap(), 1);
    assert_eq!(store.overdue_feedback_count(&d, at(30, 9, 1)).unwrap(), 2);

    let dues = store.open_feedback_dues(&d, at(29, 9, 1)).unwrap();
    let kinds: Vec<_> = dues.iter().map(|(f, due)| (f.id, due.kind)).collect();
    assert_eq!(
        kinds,
        [
            (general, DueKind::CustomerAnswer),
            (major, DueKind::CustomerAnswer)
        ],
        "the escalation was met"
    );
    assert!(dues[0].1.overdue(at(29, 9, 1)));
    assert_eq!(dues[0].1.countdown(at(29, 9, 1)), "已超时 1 分钟");
    assert_eq!(dues[0].0.place, "3-2-1502");
    store
        .answer_feedback(general, "已处理", &rec(at(29, 10, 0)))
        .unwrap();
    assert_eq!(store.overdue_feedback_count(&d, at(29, 10, 0)).unwrap(), 0);
}

#[test]
fn the_list_filters_and_searches() {
    let (_dir, mut store) = setup();
    let (first, ..) = store
        .add_feedback(&noise(&store, at(28, 9, 0)), &rec(at(28, 9, 0)))
        .unwrap();
    let mut suggestion = noise(&store, at(28, 10, 0));
    suggestion.category = Category::Suggestion;
    suggestion.content = "建议增设快递柜".into();
    suggestion.place = Where::None;
    store
        .add_feedback(&suggestion, &rec(at(28, 10, 0)))
        .unwrap();
    let wo = store
        .dispatch_feedback(first, &to_order(), &rec(at(28, 9, 5)))
        .unwrap();
    let list = |store: &Store, f: FeedbackFilter| -> Vec<String> {
        store
            .feedback_list(&f, 100)
            .unwrap()
            .into_iter()
            .map(|s| s.number.to_string())
            .collect()
    };
    assert_eq!(
        list(&store, FeedbackFilter::default()),
        ["FK-202611-0002", "FK-202611-0001"]
    );
    for text in [
        "FK-202611-0001",
        "3-2-1502",
        "1502",
        &wo.to_string(),
        "装修噪音",
        "秩序维护",
    ] {
        let f = FeedbackFilter {
            text: text.to_string(),
            ..FeedbackFilter::default()
        };
        assert_eq!(list(&store, f), ["FK-202611-0001"], "{text}");
    }
    let by_text = |text: &str| FeedbackFilter {
        text: text.to_string(),
        ..FeedbackFilter::default()
    };
    // The caller's phone, whole, as written or its tail: both matters came from it.
    for text in ["13812345678", "138 1234 5678", "2345678", "5678"] {
        let both = ["FK-202611-0002", "FK-202611-0001"];
        assert_eq!(list(&store, by_text(text)), both, "{text}");
    }
    for text in ["13812345679", "99345678", "1234567890123"] {
        assert!(list(&store, by_text(text)).is_empty(), "{text}");
    }
    // On the way to 3-2-1502 the unit's matter stays listed.
    for text in ["3-2-", "3-2-1", "3-2-15", "3-2-150"] {
        assert_eq!(list(&store, by_text(text)), ["FK-202611-0001"], "{text}");
    }
    assert!(list(&store, by_text("3-2-16")).is_empty());
    let f = FeedbackFilter {
        category: Some(Category::Suggestion),
        ..FeedbackFilter::default()
    };
    assert_eq!(list(&store, f), ["FK-202611-0002"]);
    let f = FeedbackFilter {
        state: Some(FeedbackState::Dispatched),
        month: Some(Month::parse("2026-11").unwrap()),
        ..FeedbackFilter::default()
    };
    assert_eq!(list(&store, f), ["FK-202611-0001"]);
    let f = FeedbackFilter {
        month: Some(Month::parse("2026-10").unwrap()),
        ..FeedbackFilter::default()
    };
    assert!(list(&store, f).is_empty());
    let row = &store.feedback_list(&FeedbackFilter::default(), 1).unwrap()[0];
    assert_eq!(row.place, "");
    assert_eq!(row.state, FeedbackState::Received);
    assert_eq!(store.work_order(&wo).unwrap().unwrap().id, first);
}

#[test]
fn the_words_search_finds_by_pairs_and_follows_each_dispatch() {
    let (dir, mut store) = setup();
    let (noisy, ..) = store
        .add_feedback(&noise(&store, at(28, 9, 0)), &rec(at(28, 9, 0)))
        .unwrap();
    // Both pairs of 修装修 (修装, 装修) are in this text, but not the three characters.
    let mut lock = noise(&store, at(28, 10, 0));
    lock.content = "装修后修装门锁".into();
    store.add_feedback(&lock, &rec(at(28, 10, 0))).unwrap();
    let found = |store: &Store, text: &str| -> Vec<String> {
        let f = FeedbackFilter {
            text: text.to_string(),
            ..FeedbackFilter::default()
        };
        let rows = store.feedback_list(&f, 100).unwrap();
        rows.iter().map(|s| s.content.clone()).collect()
    };
    assert_eq!(found(&store, "修装修"), Vec::<String>::new());
    assert_eq!(found(&store, "修装门"), ["装修后修装门锁"]);
    assert_eq!(found(&store, "噪"), ["楼上装修噪音，晚上十点还在施工"]);
    assert_eq!(found(&store, "装修").len(), 2);
    assert_eq!(found(&store, "王建国").len(), 2);
    // Across two fields: the search is one line, the text a line a field.
    assert!(found(&store, "工王建").is_empty());
    assert!(found(&store, "孙队长").is_empty());
    store
        .dispatch_feedback(noisy, &to_order(), &rec(at(28, 9, 5)))
        .unwrap();
    assert_eq!(found(&store, "孙队长").len(), 1);
    assert_eq!(found(&store, "秩序维护").len(), 1);
    let mut again = to_order();
    again.department = "工程部".into();
    again.handler_name = "李工".into();
    store
        .dispatch_feedback(noisy, &again, &rec(at(28, 9, 30)))
        .unwrap();
    assert!(
        found(&store, "孙队长").is_empty(),
        "the first handler's pairs are gone"
    );
    assert!(found(&store, "秩序维护").is_empty());
    assert_eq!(found(&store, "工程部").len(), 1);
    // With the month and state filters on the pairs' walk.
    let f = FeedbackFilter {
        text: "装修".into(),
        state: Some(FeedbackState::Dispatched),
        month: Some(Month::parse("2026-11").unwrap()),
        ..FeedbackFilter::default()
    };
    assert_eq!(store.feedback_list(&f, 100).unwrap().len(), 1);
    let f = FeedbackFilter {
        text: "装修".into(),
        month: Some(Month::parse("2026-10").unwrap()),
        ..FeedbackFilter::default()
    };
    assert!(store.feedback_list(&f, 100).unwrap().is_empty());
    assert!(store.check().unwrap().is_empty());

    // A file edited past the triggers: the search misses the matter, and check says so.
    let conn = rusqlite::Connection::open(dir.path().join("desk.sqlite3")).unwrap();
    conn.execute("DELETE FROM feedback_grams WHERE gram = '噪音'", [])
        .unwrap();
    assert!(found(&store, "噪音").is_empty());
    let problems = store.check().unwrap();
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(problems[0].contains("缺 1 条"), "{}", problems[0]);
}

#[test]
fn a_file_of_the_previous_schema_gets_its_matters_searchable() {
    use wuye_desk::store::MIGRATIONS;
    let (_dir, path) = crate::common::temp_db();
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        for sql in &MIGRATIONS[..20] {
            conn.execute_batch(sql).unwrap();
        }
        conn.pragma_update(None, "user_version", 20).unwrap();
        conn.pragma_update(None, "application_id", wuye_desk::store::APPLICATION_ID)
            .unwrap();
        conn.execute(
            "INSERT INTO feedback (number, channel, name, content, category, severity, state,
                 received_at, received_by_name, recorded_by_name, recorded_at)
             VALUES ('FK-202611-0001', 'phone', '王建国', '楼上装修噪音', 'complaint',
                 'general', 'received', '2026-11-28 09:00:00', '张敏', '张敏',
                 '2026-11-28 09:00:00')",
            [],
        )
        .unwrap();
    }
    let store = Store::open(&path).unwrap();
    let f = FeedbackFilter {
        text: "装修噪音".into(),
        ..FeedbackFilter::default()
    };
    let rows = store.feedback_list(&f, 10).unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].name, "王建国");
    assert!(store.check().unwrap().is_empty());
}

#[test]
fn departments_are_edited_in_settings() {
    let (_dir, mut store) = setup();
    assert_eq!(
        store.feedback_departments().unwrap(),
        ["工程部", "秩序维护部", "环境部", "财务/收费", "客服中心"]
    );
    let list = vec!["工程部".to_string(), " 保安部 ".to_string(), "".to_string()];
    store.save_feedback_departments(&list, &clerk()).unwrap();
    assert_eq!(store.feedback_departments().unwrap(), ["工程部", "保安部"]);
    assert!(store.save_feedback_departments(&[], &clerk()).is_err());
    // A receptionist records matters but does not edit settings.
    sign_in_as(&mut store, "张敏", Role::Receptionist);
    assert!(matches!(
        store.save_feedback_departments(&list, &clerk()),
        Err(StoreError::NeedsCountersign { .. })
    ));
    assert!(
        store
            .add_feedback(&noise(&store, at(29, 9, 0)), &rec(at(29, 9, 0)))
            .is_ok()
    );
    sign_in_as(&mut store, "陈刚", Role::Technician);
    assert!(matches!(
        store.add_feedback(&noise(&store, at(29, 9, 0)), &rec(at(29, 9, 0))),
        Err(StoreError::NeedsCountersign { .. })
    ));
}

#[test]
fn the_month_registers_and_the_bulk_loader() {
    let (_dir, mut store) = setup();
    let mut staff = noise(&store, at(10, 9, 0));
    staff.channel = Channel::Staff;
    staff.category = Category::Other;
    staff.content = "保洁反映地下车库有积水".into();
    staff.place = Where::Public("3号楼地下车库".into());
    let mut suggestion = noise(&store, at(12, 9, 0));
    suggestion.category = Category::Suggestion;
    let inquiry = Intake {
        category: Category::Inquiry,
        ..noise(&store, at(13, 9, 0))
    };
    let by = |t| rec(t);
    let past: Vec<PastFeedback> = [noise(&store, at(9, 9, 0)), staff, suggestion, inquiry]
        .into_iter()
        .map(|intake| PastFeedback {
            recorded: by(intake.received_at),
            steps: vec![
                (
                    by(intake.received_at + Duration::minutes(5)),
                    Step::Answer {
                        answer: "已答复".into(),
                    },
                ),
                (
                    by(intake.received_at + Duration::minutes(6)),
                    Step::Close {
                        result: "已处理".into(),
                    },
                ),
            ],
            intake,
            repair: None,
        })
        .collect();
    assert_eq!(store.import_feedback(&past).unwrap(), 4);
    let nov = Month::parse("2026-11").unwrap();
    let owners: Vec<_> = store
        .feedback_register(nov, false)
        .unwrap()
        .into_iter()
        .map(|r| (r.number.to_string(), r.intake.category))
        .collect();
    assert_eq!(
        owners,
        [
            ("FK-202611-0001".to_string(), Category::Complaint),
            ("FK-202611-0003".to_string(), Category::Suggestion)
        ]
    );
    let staff = store.feedback_register(nov, true).unwrap();
    assert_eq!(staff.len(), 1);
    assert_eq!(staff[0].intake.place.short(), "3号楼地下车库");
    assert_eq!(staff[0].state, FeedbackState::Closed);
    assert!(
        store
            .feedback_register(Month::parse("2026-10").unwrap(), false)
            .unwrap()
            .is_empty()
    );
}
