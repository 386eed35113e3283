//! Signing in, the role gate, countersigning, the lock, the first supervisor, the reveal of an
//! ID number, the shift hand-over and the audit log, on a real database file.

use chrono::{NaiveDate, TimeDelta};
use rusqlite::Connection;
use wuye_desk::domain::access::Action;
use wuye_desk::domain::staff::{Role, Staff};
use wuye_desk::domain::unit::UnitStatus;
use wuye_desk::domain::vacancy::ApplicationStatus;
use wuye_desk::store::{AuditFilter, NewApplication, Store, StoreError};

use crate::common::{
    PIN, SUPERVISOR, clerk, fresh_store, owner, sign_in_as, signs_in, temp_store, unit,
};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

/// 3-2-1502 with its owner, and the receptionist 张敏 signed in.
fn desk() -> (tempfile::TempDir, Store, wuye_desk::domain::unit::UnitId) {
    let (dir, mut store) = temp_store();
    let u = store.add_unit(&unit("3-2-1502"), &clerk()).unwrap();
    store
        .add_person(u, &owner("王建国", "13812345678"), &clerk())
        .unwrap();
    signs_in(&mut store, "刘洋");
    signs_in(&mut store, "王强");
    signs_in(&mut store, "张敏");
    (dir, store, u)
}

fn application(unit: wuye_desk::domain::unit::UnitId) -> NewApplication {
    NewApplication {
        unit,
        owner_name: "王建国".into(),
        id_checked: true,
        from: d(2026, 12, 1),
        to: d(2027, 5, 31),
        reason: "在外地工作".into(),
        officer_opinion: "情况属实，同意".into(),
    }
}

fn staff_id(store: &Store, name: &str) -> wuye_desk::domain::staff::StaffId {
    store
        .staff()
        .unwrap()
        .into_iter()
        .find(|s| s.staff.name == name)
        .unwrap()
        .id
}

#[test]
fn nothing_is_written_with_nobody_signed_in() {
    let (_dir, mut store) = fresh_store();
    assert!(store.needs_first_supervisor().unwrap());
    let err = store.add_unit(&unit("3-2-1502"), &clerk()).unwrap_err();
    assert!(matches!(err, StoreError::NotSignedIn), "{err}");
    assert_eq!(err.to_string(), "请先登录");
    assert_eq!(store.unit_count().unwrap(), 0);
}

#[test]
fn a_fresh_file_asks_for_the_first_supervisor_and_keeps_the_last_one() {
    let (_dir, mut store) = fresh_store();
    let bad = store.set_up_supervisor("刘洋", None, "12", clerk().at);
    assert!(bad.unwrap_err().to_string().contains("4到8位数字"));
    let boss = store
        .set_up_supervisor("刘洋", None, "5555", clerk().at)
        .unwrap();
    assert_eq!(boss.role, Role::Supervisor);
    assert_eq!(store.signed_in(), Some(&boss));
    assert!(!store.needs_first_supervisor().unwrap());
    assert!(
        store
            .set_up_supervisor("李四", None, "1234", clerk().at)
            .is_err(),
        "only the first"
    );
    // The PIN is kept only as an Argon2id hash.
    let conn = Connection::open(store.path()).unwrap();
    let hash: String = conn
        .query_row(
            "SELECT secret_hash FROM staff WHERE id = ?1",
            [boss.id.0],
            |r| r.get(0),
        )
        .unwrap();
    assert!(
        hash.starts_with("$argon2id$") && !hash.contains("5555"),
        "{hash}"
    );
    // Nobody can deactivate the last active supervisor, nor move them to another role.
    let mut gone = store.staff_member(boss.id).unwrap().staff;
    gone.active = false;
    let err = store.update_staff(boss.id, &gone, &clerk()).unwrap_err();
    assert!(err.to_string().contains("唯一在职的客服中心主管"), "{err}");
    gone.active = true;
    gone.role = Role::Receptionist;
    assert!(store.update_staff(boss.id, &gone, &clerk()).is_err());
    // With a second supervisor, the first may go.
    let other = store
        .add_staff(
            &Staff {
                name: "赵敏".into(),
                role: Role::Supervisor,
                phone: None,
                active: true,
            },
            &clerk(),
        )
        .unwrap();
    assert!(other.0 > 0);
    gone.role = Role::Supervisor;
    gone.active = false;
    store.update_staff(boss.id, &gone, &clerk()).unwrap();
}

#[test]
fn five_wrong_pins_lock_the_person_for_five_minutes() {
    let (_dir, mut store) = temp_store();
    let zhang = sign_in_as(&mut store, "张敏", Role::Receptionist);
    let t = clerk().at;
    for left in (1..5).rev() {
        let err = store.sign_in(zhang, "0000", t).unwrap_err().to_string();
        assert!(err.contains(&format!("还可以再试 {left} 次")), "{err}");
    }
    let err = store.sign_in(zhang, "0000", t).unwrap_err().to_string();
    assert!(err.contains("锁定5分钟") && err.contains("09:35"), "{err}");
    // Locked: even the right PIN is refused until the five minutes are up.
    let err = store
        .sign_in(zhang, PIN, t + TimeDelta::minutes(4))
        .unwrap_err()
        .to_string();
    assert!(err.contains("锁定到 09:35"), "{err}");
    let back = store
        .sign_in(zhang, PIN, t + TimeDelta::minutes(5))
        .unwrap();
    assert_eq!(back.name, "张敏");
    // The lock is in the log.
    let page = store
        .audit_log(
            &AuditFilter {
                who: Some("张敏".into()),
                ..AuditFilter::default()
            },
            0,
            50,
        )
        .unwrap();
    assert!(
        page.rows.iter().any(|r| r.what.contains("锁定")),
        "{page:?}"
    );
}

#[test]
fn the_receptionist_needs_the_supervisors_countersign_to_approve_and_both_names_are_kept() {
    let (_dir, mut store, u) = desk();
    // The application is the building's service officer's to sign: 王强 countersigns.
    let err = store
        .apply_for_vacancy(&application(u), &clerk())
        .unwrap_err();
    assert!(matches!(err, StoreError::NeedsCountersign { .. }), "{err}");
    let refusal = store.take_refusal().expect("the desk is told");
    assert_eq!(refusal.action, Action::VacancyApply);
    assert_eq!(refusal.building, Some(3));
    let signers: Vec<String> = store
        .who_may_sign(refusal.action, refusal.building)
        .unwrap()
        .into_iter()
        .map(|a| a.name)
        .collect();
    assert!(signers.contains(&"王强".to_string()), "{signers:?}");
    assert!(!signers.contains(&"张敏".to_string()), "{signers:?}");
    let wang = staff_id(&store, "王强");
    store
        .countersign(wang, PIN, Action::VacancyApply, Some(3), clerk().at)
        .unwrap();
    let id = store.apply_for_vacancy(&application(u), &clerk()).unwrap();
    assert_eq!(
        store.vacancy_application(id).unwrap().officer_name,
        "王强（经办：张敏）"
    );

    // The approval: the receptionist alone cannot; a service officer cannot countersign it.
    let err = store.approve_vacancy(id, "同意", &clerk()).unwrap_err();
    assert!(err.to_string().contains("须由客服中心主管签字"), "{err}");
    let err = store
        .countersign(wang, PIN, Action::VacancyDecide, None, clerk().at)
        .unwrap_err();
    assert!(err.to_string().contains("不能会签"), "{err}");
    let liu = staff_id(&store, "刘洋");
    assert!(
        store
            .countersign(liu, "9999", Action::VacancyDecide, None, clerk().at)
            .is_err(),
        "a wrong PIN countersigns nothing"
    );
    store
        .countersign(liu, PIN, Action::VacancyDecide, None, clerk().at)
        .unwrap();
    store.approve_vacancy(id, "同意", &clerk()).unwrap();
    let app = store.vacancy_application(id).unwrap();
    assert_eq!(app.status, ApplicationStatus::Approved);
    assert_eq!(app.decided.as_ref().unwrap().0, "刘洋（经办：张敏）");
    assert_eq!(store.signed_in().unwrap().name, "张敏", "still 张敏's desk");
    // A countersign is good for one write only.
    assert!(store.reject_vacancy(id, "x", &clerk()).is_err());

    // The log has both names on the approval.
    let page = store
        .audit_log(
            &AuditFilter {
                tab: Some("空置房".into()),
                ..AuditFilter::default()
            },
            0,
            10,
        )
        .unwrap();
    let approval = page
        .rows
        .iter()
        .find(|r| r.what == "批准空置申请")
        .expect("logged");
    assert_eq!(approval.who, "张敏");
    assert_eq!(approval.countersign.as_deref(), Some("刘洋"));
    assert_eq!(approval.record, "3-2-1502 空置申请");
    assert!(approval.after.as_deref().unwrap().contains("已批准"));
}

#[test]
fn a_service_officer_signs_fees_only_for_the_buildings_they_cover() {
    let (_dir, mut store, _) = desk();
    signs_in(&mut store, SUPERVISOR);
    let wang = staff_id(&store, "王强");
    store.set_officer_buildings(wang, &[5], &clerk()).unwrap();
    signs_in(&mut store, "王强");
    assert!(!store.may_now(Action::PassFeesSignOff, Some(3)));
    assert!(store.may_now(Action::PassFeesSignOff, Some(5)));
    assert!(!store.may_now(Action::PassFeesSignOff, None));
    signs_in(&mut store, "刘洋");
    assert!(
        store.may_now(Action::PassFeesSignOff, Some(3)),
        "the supervisor anywhere"
    );
}

#[test]
fn a_supervisor_reveals_a_full_id_for_a_stated_purpose_and_it_is_logged() {
    let (_dir, mut store, u) = desk();
    let person = store.people_of(u).unwrap()[0].id;
    let err = store.reveal_id(person, "核对房产证", &clerk()).unwrap_err();
    assert!(matches!(err, StoreError::NeedsCountersign { .. }), "{err}");
    signs_in(&mut store, "刘洋");
    assert!(
        store.reveal_id(person, "  ", &clerk()).is_err(),
        "a purpose is required"
    );
    let full = store.reveal_id(person, "核对房产证", &clerk()).unwrap();
    let expected = owner("王建国", "13812345678").id_number.unwrap();
    assert_eq!(full.as_deref(), Some(expected.as_str()));
    let page = store
        .audit_log(
            &AuditFilter {
                who: Some("刘洋".into()),
                ..AuditFilter::default()
            },
            0,
            10,
        )
        .unwrap();
    let row = &page.rows[0];
    assert_eq!(row.what, "查看完整身份证号：核对房产证");
    assert_eq!(row.record, "3-2-1502 王建国");
}

#[test]
fn the_log_masks_personal_numbers_and_a_shift_change_is_recorded() {
    let (_dir, mut store, _) = desk();
    let page = store.audit_log(&AuditFilter::default(), 0, 100).unwrap();
    let added = page
        .rows
        .iter()
        .find(|r| r.what == "添加业主")
        .expect("the owner's row");
    let after = added.after.as_deref().unwrap();
    assert!(after.contains("138****5678"), "{after}");
    assert!(
        !after.contains("13812345678") && !after.contains("19800101"),
        "{after}"
    );
    let li = sign_in_as(&mut store, "李娜", Role::Receptionist);
    signs_in(&mut store, "张敏");
    let t = clerk().at + TimeDelta::hours(8);
    store.hand_over(li, PIN, "3-2-1502 的钥匙未还", t).unwrap();
    assert_eq!(store.signed_in().unwrap().name, "李娜");
    let (at, from, to, note) = store.handovers(1).unwrap().remove(0);
    assert_eq!((at, from.as_str(), to.as_str()), (t, "张敏", "李娜"));
    assert_eq!(note, "3-2-1502 的钥匙未还");
    let page = store
        .audit_log(
            &AuditFilter {
                tab: Some("登录与交接".into()),
                from: Some(t.date()),
                to: Some(t.date()),
                ..AuditFilter::default()
            },
            0,
            10,
        )
        .unwrap();
    assert_eq!(page.rows[0].what, "张敏 交班给 李娜");
}

#[test]
fn the_log_refuses_changes_and_its_chain_names_an_edited_or_removed_row() {
    let (_dir, mut store, u) = desk();
    signs_in(&mut store, SUPERVISOR);
    let mut changed = unit("3-2-1502");
    changed.status = UnitStatus::Vacant;
    store.update_unit(u, &changed, &clerk()).unwrap();
    assert!(store.verify_audit().unwrap().is_empty());
    let total = store
        .audit_log(&AuditFilter::default(), 0, 1)
        .unwrap()
        .total as i64;
    assert!(total >= 8, "{total}");
    let conn = Connection::open(store.path()).unwrap();
    let err = conn
        .execute("UPDATE audit_log SET who_name = '某人' WHERE id = 3", [])
        .unwrap_err();
    assert!(err.to_string().contains("操作日志只能追加"), "{err}");
    assert!(
        conn.execute("DELETE FROM audit_log WHERE id = 3", [])
            .is_err()
    );
    // Someone with the sqlite3 shell drops the triggers and edits row 3, then removes row 5
    // and the last row.
    conn.execute_batch(
        "DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;
         UPDATE audit_log SET what = '改过' WHERE id = 3;",
    )
    .unwrap();
    let problems = store.verify_audit().unwrap();
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(
        problems[0].contains("第 3 行的内容被改动过"),
        "{problems:?}"
    );
    conn.execute("DELETE FROM audit_log WHERE id = 5", [])
        .unwrap();
    conn.execute("DELETE FROM audit_log WHERE id = ?1", [total])
        .unwrap();
    let problems = store.verify_audit().unwrap().join("\n");
    assert!(problems.contains("第 5–5 行被删除"), "{problems}");
    assert!(
        problems.contains(&format!("末尾第 {total}–{total} 行被删除")),
        "{problems}"
    );
}
