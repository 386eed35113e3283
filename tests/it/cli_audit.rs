//! The 操作日志 from the command line: `audit` prints it filtered, and `check` names a row
//! edited or removed with the sqlite3 shell behind the program's back.

use std::path::Path;

use chrono::NaiveDate;
use rusqlite::Connection;
use wuye_desk::domain::staff::Role;
use wuye_desk::store::{AuditFilter, Store};

use crate::cli::{demo, desk, desk_with_pin, text};
use crate::common::{PIN, SUPERVISOR, clerk, sign_in_as, temp_db};

/// A small office whose log has a dozen rows: the supervisor set up, two staff added and
/// given PINs, sign-ins. Returns the number of the last row.
fn logged_office(path: &Path) -> i64 {
    let mut store = Store::open(path).unwrap();
    store
        .set_up_supervisor(SUPERVISOR, None, PIN, clerk().at)
        .unwrap();
    sign_in_as(&mut store, "张敏", Role::Receptionist);
    sign_in_as(&mut store, "吴勇", Role::Guard);
    let last = store.audit_log(&AuditFilter::default(), 0, 1).unwrap();
    assert!(last.total >= 8, "{} rows", last.total);
    assert!(store.verify_audit().unwrap().is_empty());
    last.rows[0].id
}

fn check(db: &str) -> (bool, String) {
    let out = desk(&["check", "--db", db]);
    (out.status.success(), text(&out.stderr))
}

#[test]
fn a_row_edited_with_the_shell_fails_check_naming_it_even_with_the_trigger_put_back() {
    let (_dir, path) = temp_db();
    logged_office(&path);
    let db = path.display().to_string();
    let (ok, err) = check(&db);
    assert!(ok, "a clean log checks clean: {err}");

    let conn = Connection::open(&path).unwrap();
    let trigger: String = conn
        .query_row(
            "SELECT sql FROM sqlite_schema WHERE name = 'audit_log_no_update'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    conn.execute_batch(
        "DROP TRIGGER audit_log_no_update;
         UPDATE audit_log SET what = '登录（已核实）' WHERE id = 5;",
    )
    .unwrap();
    let (ok, err) = check(&db);
    assert!(!ok, "an edited row fails the check");
    assert!(
        err.contains("第 5 行的内容被改动过"),
        "names the row: {err}"
    );
    assert!(
        err.contains("audit_log_no_update"),
        "says the trigger is gone: {err}"
    );
    assert!(
        !err.contains("第 4 行") && !err.contains("第 6 行"),
        "{err}"
    );

    // Putting the trigger back hides nothing: the row's hash no longer matches it.
    conn.execute_batch(&trigger).unwrap();
    let (ok, err) = check(&db);
    assert!(!ok);
    assert!(err.contains("第 5 行的内容被改动过"), "{err}");
    assert!(!err.contains("触发器"), "{err}");
}

#[test]
fn rows_deleted_in_the_middle_and_at_the_end_are_named() {
    let (_dir, path) = temp_db();
    let last = logged_office(&path);
    let db = path.display().to_string();
    let conn = Connection::open(&path).unwrap();
    conn.execute_batch("DROP TRIGGER audit_log_no_delete;")
        .unwrap();
    conn.execute("DELETE FROM audit_log WHERE id = 3", [])
        .unwrap();
    conn.execute("DELETE FROM audit_log WHERE id = ?1", [last])
        .unwrap();
    let (ok, err) = check(&db);
    assert!(!ok, "deleted rows fail the check");
    assert!(err.contains("第 3–3 行被删除"), "the middle row: {err}");
    assert!(
        err.contains(&format!("末尾第 {last}–{last} 行被删除")),
        "the last row: {err}"
    );
    assert!(err.contains("audit_log_no_delete"), "{err}");
}

#[test]
fn the_triggers_refuse_update_and_delete_from_any_sqlite_client() {
    let (_dir, path) = temp_db();
    logged_office(&path);
    let conn = Connection::open(&path).unwrap();
    let update = conn
        .execute("UPDATE audit_log SET who_name = '别人' WHERE id = 2", [])
        .unwrap_err()
        .to_string();
    assert!(update.contains("操作日志"), "{update}");
    let delete = conn
        .execute("DELETE FROM audit_log WHERE id = 2", [])
        .unwrap_err()
        .to_string();
    assert!(delete.contains("操作日志"), "{delete}");
    let wipe = conn
        .execute("DELETE FROM audit_log", [])
        .unwrap_err()
        .to_string();
    assert!(wipe.contains("操作日志"), "{wipe}");
    drop(conn);
    let (ok, err) = check(&path.display().to_string());
    assert!(ok, "{err}");
}

/// The day of a printed row: `#12  2026-11-29 09:30:00  …`.
fn day_of(line: &str) -> NaiveDate {
    let day = line
        .split("  ")
        .nth(1)
        .expect("a time")
        .get(..10)
        .expect("a date");
    NaiveDate::parse_from_str(day, "%Y-%m-%d").expect("a date")
}

/// The printed rows (the first line is the count), checking the count against them.
fn audit(db: &str, filter: &[&str]) -> Vec<String> {
    let mut args = vec!["audit", "--db", db];
    args.extend(filter);
    let out = desk(&args);
    assert!(out.status.success(), "{filter:?}: {}", text(&out.stderr));
    let stdout = text(&out.stdout);
    let mut lines = stdout.lines();
    let head = lines.next().expect("the count line");
    let rows: Vec<String> = lines.map(String::from).collect();
    assert_eq!(
        head,
        format!("操作日志：共 {} 条，最新的在前", rows.len()),
        "{filter:?}"
    );
    assert!(rows.iter().all(|r| r.starts_with('#')), "{stdout}");
    let ids: Vec<i64> = rows
        .iter()
        .map(|r| r[1..r.find(' ').unwrap()].parse().unwrap())
        .collect();
    assert!(ids.windows(2).all(|w| w[0] > w[1]), "newest first: {ids:?}");
    rows
}

#[test]
fn audit_prints_a_demo_log_filtered_by_person_and_dates() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    // 张敏 signs in to import a roster: her sign-in (and, once every write is logged, the
    // import) joins whatever history the demo logged under her name.
    let csv = dir.path().join("r.csv");
    std::fs::write(
        &csv,
        "楼栋,单元,房号,建筑面积,业主姓名,联系电话\n21,1,0101,88.50,钱多多,13800001111\n",
    )
    .unwrap();
    let csv = csv.display().to_string();
    let out = desk_with_pin(
        &["import-roster", &csv, "--db", &db, "--user", "张敏"],
        "1111",
    );
    assert!(out.status.success(), "{}", text(&out.stderr));

    let all = audit(&db, &[]);
    let store = Store::open(Path::new(&db)).unwrap();
    assert_eq!(
        all.len(),
        store
            .audit_log(&AuditFilter::default(), 0, 0)
            .unwrap()
            .total,
        "every page printed"
    );

    let hers = audit(&db, &["--who", "张敏"]);
    assert!(!hers.is_empty());
    assert!(hers.iter().all(|r| r.contains("张敏")), "{hers:?}");
    assert!(hers.iter().any(|r| r.contains("登录")), "{hers:?}");
    assert!(hers.len() < all.len());
    let his = audit(&db, &["--who", "刘洋"]);
    assert!(his.iter().all(|r| r.contains("刘洋")), "{his:?}");

    // Dates from the rows themselves, so the test holds across midnight.
    let signed_in = store
        .audit_log(
            &AuditFilter {
                who: Some("张敏".into()),
                ..AuditFilter::default()
            },
            0,
            1,
        )
        .unwrap()
        .rows
        .remove(0);
    let day = signed_in.at.date();
    let that_day = audit(
        &db,
        &[
            "--who",
            "张敏",
            "--from",
            &day.to_string(),
            "--to",
            &day.to_string(),
        ],
    );
    assert!(that_day.iter().all(|r| day_of(r) == day), "{that_day:?}");
    assert!(
        that_day
            .iter()
            .any(|r| r.starts_with(&format!("#{} ", signed_in.id))),
        "{that_day:?}"
    );
    let before = day.pred_opt().unwrap();
    let earlier = audit(&db, &["--who", "张敏", "--to", &before.to_string()]);
    assert!(earlier.iter().all(|r| day_of(r) <= before), "{earlier:?}");
    assert_eq!(earlier.len() + that_day.len(), hers.len(), "{hers:?}");
    let after = day.succ_opt().unwrap().to_string();
    let none = desk(&["audit", "--db", &db, "--from", &after]);
    assert!(none.status.success());
    assert!(text(&none.stderr).contains("没有符合条件"));

    // A tab narrows it: the sign-in is under 登录与交接, not under 报修.
    let sign_ins = audit(&db, &["--who", "张敏", "--tab", "登录"]);
    assert!(
        sign_ins.iter().all(|r| r.contains("  登录与交接  ")),
        "{sign_ins:?}"
    );
    assert!(!sign_ins.is_empty());

    let bad = desk(&["audit", "--db", &db, "--from", "2026-02-30"]);
    assert!(!bad.status.success());
    let err = text(&bad.stderr);
    assert!(err.contains("--from") && err.contains("2月30日"), "{err}");
    let bad = desk(&["audit", "--db", &db, "--tab", "绿化"]);
    assert!(!bad.status.success());
    assert!(text(&bad.stderr).contains("登录与交接"));
}
