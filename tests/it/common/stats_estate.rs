//! The hand-built estate of the 统计 tests: FIXTURE rows written straight to the file with the
//! times at each rule's edge (each table's own workflow is tested in its own tests; here only
//! the times matter). Its known answers are asserted in tests/it/stats.rs.

use rusqlite::{Connection, params};
use wuye_desk::domain::unit::UnitStatus;
use wuye_desk::store::Store;

use super::{clerk, temp_store, unit};

/// FIXTURE rows written straight to the file (each table's own workflow is tested in its own
/// tests; here only the times matter). Returns the store and the guard of its folder.
pub fn estate() -> (tempfile::TempDir, Store) {
    let (dir, mut store) = temp_store();
    for a in ["1-1-0101", "1-1-0102", "2-1-0101"] {
        store.add_unit(&unit(a), &clerk()).unwrap();
    }
    for a in ["2-1-0102", "2-1-0103"] {
        let mut u = unit(a);
        u.status = UnitStatus::Unsold;
        store.add_unit(&u, &clerk()).unwrap();
    }
    let conn = Connection::open(store.path()).unwrap();
    conn.busy_timeout(std::time::Duration::from_secs(5))
        .unwrap();
    repairs(&conn);
    feedback(&conn);
    bills(&conn);
    gate_keys_vacancy(&conn);
    (dir, store)
}

fn unit_id(conn: &Connection, b: u32, room: u32) -> i64 {
    conn.query_row(
        "SELECT id FROM units WHERE building = ?1 AND room = ?2",
        params![b, room],
        |r| r.get(0),
    )
    .unwrap()
}

/// (number, public?, category, appointment, dispatched, arrived, review, back, completed,
/// callback, rating, state, recorded)
type RepairRow<'a> = (
    &'a str,
    bool,
    &'a str,
    &'a str,
    Option<&'a str>,
    Option<&'a str>,
    Option<&'a str>,
    Option<&'a str>,
    Option<&'a str>,
    Option<&'a str>,
    Option<&'a str>,
    &'a str,
    &'a str,
);

fn repairs(conn: &Connection) {
    let home = unit_id(conn, 1, 101);
    let officer: i64 = conn
        .query_row("SELECT min(id) FROM staff", [], |r| r.get(0))
        .unwrap();
    let rows: [RepairRow; 7] = [
        // On site exactly 15 minutes after the appointment: on time.
        (
            "WX-202611-0001",
            false,
            "水电",
            "2026-11-02 09:00:00",
            Some("2026-11-02 08:50:00"),
            Some("2026-11-02 09:15:00"),
            None,
            None,
            Some("2026-11-02 10:00:00"),
            Some("2026-11-03 09:00:00"),
            Some("satisfied"),
            "called_back",
            "2026-11-02 08:40:00",
        ),
        // 16 minutes: late.
        (
            "WX-202611-0002",
            false,
            "水电",
            "2026-11-02 10:00:00",
            Some("2026-11-02 10:00:00"),
            Some("2026-11-02 10:16:00"),
            None,
            None,
            Some("2026-11-02 11:00:00"),
            None,
            Some("fair"),
            "completed",
            "2026-11-02 09:40:00",
        ),
        // Dispatched after the appointment: the clock runs from the dispatch (on time);
        // back exactly 30 minutes after the review: met.
        (
            "WX-202611-0003",
            true,
            "门窗",
            "2026-11-03 11:00:00",
            Some("2026-11-03 11:20:00"),
            Some("2026-11-03 11:35:00"),
            Some("2026-11-03 11:40:00"),
            Some("2026-11-03 12:10:00"),
            Some("2026-11-03 13:00:00"),
            Some("2026-11-04 09:00:00"),
            Some("dissatisfied"),
            "called_back",
            "2026-11-03 10:30:00",
        ),
        // Back 31 minutes after the review: not met; not completed yet.
        (
            "WX-202611-0004",
            false,
            "水电",
            "2026-11-03 14:00:00",
            Some("2026-11-03 13:00:00"),
            Some("2026-11-03 14:10:00"),
            Some("2026-11-03 14:20:00"),
            Some("2026-11-03 14:51:00"),
            None,
            None,
            None,
            "on_site",
            "2026-11-03 12:00:00",
        ),
        // The month's last second; cancelled.
        (
            "WX-202611-0005",
            false,
            "其他",
            "2026-12-01 09:00:00",
            None,
            None,
            None,
            None,
            None,
            None,
            None,
            "cancelled",
            "2026-11-30 23:59:59",
        ),
        // The second before the month and the month after's first second: not November.
        (
            "WX-202610-0001",
            false,
            "水电",
            "2026-10-31 23:59:59",
            Some("2026-10-31 23:59:59"),
            Some("2026-11-01 00:30:00"),
            None,
            None,
            None,
            None,
            None,
            "on_site",
            "2026-10-31 23:59:59",
        ),
        (
            "WX-202612-0001",
            false,
            "水电",
            "2026-12-01 09:00:00",
            None,
            None,
            None,
            None,
            None,
            None,
            None,
            "pending",
            "2026-12-01 00:00:00",
        ),
    ];
    for (n, public, cat, appt, disp, arr, review, back, done, callback, rating, state, at) in rows {
        conn.execute(
            "INSERT INTO repairs (number, unit_id, officer_id, location, reporter, channel,
                 category, description, appointment_at, chargeable, state, dispatched_at,
                 arrived_at, review_at, completed_at, callback_at, rating, rated_at,
                 cancelled_at, cancel_reason, recorded_by_name, recorded_at)
             VALUES (?1, ?2, ?3, ?4, '张伟', 'call', ?5, '漏水', ?6, 0, ?7, ?8, ?9, ?10, ?11,
                     ?12, ?13, CASE WHEN ?13 IS NULL THEN NULL ELSE ?11 END,
                     CASE WHEN ?7 = 'cancelled' THEN ?14 END, '', '测试员', ?14)",
            params![
                n,
                (!public).then_some(home),
                public.then_some(officer),
                if public { "3号楼大堂" } else { "" },
                cat,
                appt,
                state,
                disp,
                arr,
                review,
                done,
                callback,
                rating,
                at
            ],
        )
        .unwrap();
        let id = conn.last_insert_rowid();
        if let Some(back) = back {
            conn.execute(
                "INSERT INTO repair_events (repair_id, state, at, by_name)
                 VALUES (?1, 'in_review', ?2, '班长'), (?1, 'on_site', ?3, '李师傅')",
                params![id, review, back],
            )
            .unwrap();
        }
    }
}

fn feedback(conn: &Connection) {
    // (number, category, severity, received, answered, reopened, closed)
    let rows = [
        // Answered exactly 24 h later: on time.
        (
            "FK-202611-0001",
            "inquiry",
            "general",
            "2026-11-03 09:00:00",
            Some("2026-11-04 09:00:00"),
            None,
            None,
        ),
        // 重大, answered 48 h and a minute later: late.
        (
            "FK-202611-0002",
            "help",
            "major",
            "2026-11-03 10:00:00",
            Some("2026-11-05 10:01:00"),
            None,
            None,
        ),
        // A complaint closed without a separate answer time: met at closing.
        (
            "FK-202611-0003",
            "complaint",
            "general",
            "2026-11-05 08:00:00",
            None,
            None,
            Some("2026-11-05 12:00:00"),
        ),
        // Still open.
        (
            "FK-202611-0004",
            "suggestion",
            "general",
            "2026-11-06 08:00:00",
            None,
            None,
            None,
        ),
        // Answered, then reopened: the earlier answer does not count; open again.
        (
            "FK-202611-0005",
            "complaint",
            "general",
            "2026-11-01 00:00:00",
            Some("2026-11-01 09:00:00"),
            Some("2026-11-10 08:00:00"),
            None,
        ),
        // October's.
        (
            "FK-202610-0001",
            "inquiry",
            "general",
            "2026-10-31 23:00:00",
            Some("2026-11-01 09:00:00"),
            None,
            None,
        ),
    ];
    for (n, cat, sev, received, answered, reopened, closed) in rows {
        let state = if closed.is_some() {
            "closed"
        } else if answered.is_some() && reopened.is_none() {
            "answered"
        } else {
            "received"
        };
        conn.execute(
            "INSERT INTO feedback (number, channel, name, content, category, severity, state,
                 received_at, received_by_name, answer, answered_at, reopened_at, result,
                 closed_at, recorded_by_name, recorded_at)
             VALUES (?1, 'phone', '王芳', '楼道灯不亮', ?2, ?3, ?4, ?5, '测试员', '已答复', ?6, ?7,
                     '已处理', ?8, '测试员', ?5)",
            params![n, cat, sev, state, received, answered, reopened, closed],
        )
        .unwrap();
    }
}

fn receipt(conn: &Connection, n: &str, unit: i64, fen: i64, at: &str) -> i64 {
    conn.execute(
        "INSERT INTO receipts (number, unit_id, payer, method, total_fen, issued_at, cashier_name)
         VALUES (?1, ?2, '张伟', 'cash', ?3, ?4, '收费员')",
        params![n, unit, fen, at],
    )
    .unwrap();
    conn.last_insert_rowid()
}

fn bill(conn: &Connection, unit: i64, month: &str, fen: i64, receipt: Option<i64>) -> i64 {
    conn.execute(
        "INSERT INTO bill_lines (unit_id, item_id, month, amount_fen, full_fen, source,
             created_by_name, created_at, receipt_id)
         SELECT ?1, min(id), ?2, ?3, ?3, 'charge', 'fixture', ?2 || '-01 08:00:00', ?4
         FROM fee_items",
        params![unit, month, fen, receipt],
    )
    .unwrap();
    conn.last_insert_rowid()
}

/// A bill line paid by `receipt`, as the cashier's payment does.
fn pay(conn: &Connection, line: i64, receipt: i64) {
    conn.execute(
        "UPDATE bill_lines SET receipt_id = ?2 WHERE id = ?1",
        params![line, receipt],
    )
    .unwrap();
}

fn bills(conn: &Connection) {
    let (a, b, c) = (
        unit_id(conn, 1, 101),
        unit_id(conn, 1, 102),
        unit_id(conn, 2, 101),
    );
    // Building 1: ¥100 paid in November, ¥50 paid on 2 December (not by the month's end).
    let r1 = receipt(conn, "SJ-202611-0001", a, 10_000, "2026-11-20 10:00:00");
    let line = bill(conn, a, "2026-11", 10_000, None);
    pay(conn, line, r1);
    let r2 = receipt(conn, "SJ-202612-0001", b, 5_000, "2026-12-02 10:00:00");
    let line = bill(conn, b, "2026-11", 5_000, None);
    pay(conn, line, r2);
    // Building 2: ¥80 whose receipt was voided; October's ¥40 paid in October.
    let r3 = receipt(conn, "SJ-202611-0002", c, 8_000, "2026-11-21 10:00:00");
    let line = bill(conn, c, "2026-11", 8_000, None);
    pay(conn, line, r3);
    // The void, as 收费管理 does it: the receipt marked, its lines owed again.
    conn.execute(
        "UPDATE receipts SET voided_at = '2026-11-22 09:00:00', voided_by_name = '测试员',
             void_reason = '开错' WHERE id = ?1",
        params![r3],
    )
    .unwrap();
    conn.execute(
        "UPDATE bill_lines SET receipt_id = NULL WHERE receipt_id = ?1",
        params![r3],
    )
    .unwrap();
    let r4 = receipt(conn, "SJ-202610-0001", c, 4_000, "2026-10-15 10:00:00");
    bill(conn, c, "2026-10", 4_000, Some(r4));
    // A line billed and deleted again leaves nothing behind.
    let gone = bill(conn, a, "2026-11", 999, None);
    conn.execute("DELETE FROM bill_lines WHERE id = ?1", params![gone])
        .unwrap();
}

fn gate_keys_vacancy(conn: &Connection) {
    let home = unit_id(conn, 1, 101);
    for (n, planned, status, reason) in [
        ("FX-202611-0001", "2026-11-01", "void", "other"),
        ("FX-202611-0002", "2026-11-30", "released", "moving_out"),
        ("FX-202611-0003", "2026-11-15", "approved", "repair"),
        ("FX-202612-0001", "2026-12-01", "released", "moving_out"),
    ] {
        conn.execute(
            "INSERT INTO item_passes (number, unit_id, kind, applicant, phone, reason, planned,
                 status, approved_by_name, approved_at, guard_name, released_at, void_reason,
                 voided_at, recorded_by_name, recorded_at)
             VALUES (?1, ?2, 'owner', '张伟', '13800138000', ?3, ?4, ?5,
                     CASE WHEN ?5 IN ('approved', 'released') THEN '测试员' END,
                     CASE WHEN ?5 IN ('approved', 'released') THEN ?4 || ' 08:00:00' END,
                     CASE WHEN ?5 = 'released' THEN '门岗' END,
                     CASE WHEN ?5 = 'released' THEN ?4 || ' 09:00:00' END,
                     CASE WHEN ?5 = 'void' THEN '不搬了' END,
                     CASE WHEN ?5 = 'void' THEN ?4 || ' 09:00:00' END,
                     '测试员', ?4 || ' 07:00:00')",
            params![n, home, reason, planned, status],
        )
        .unwrap();
    }
    for (hook, out, due, back) in [
        (
            "A-01",
            "2026-11-03 09:00:00",
            "2026-11-03 18:00:00",
            Some("2026-11-03 18:00:00"),
        ),
        (
            "A-02",
            "2026-11-04 09:00:00",
            "2026-11-04 18:00:00",
            Some("2026-11-05 09:00:00"),
        ),
        ("A-03", "2026-11-06 09:00:00", "2026-11-06 18:00:00", None),
        ("A-04", "2026-12-01 09:00:00", "2026-12-01 18:00:00", None),
    ] {
        conn.execute(
            "INSERT INTO unit_keys (unit_id, hook, count, status, recorded_by_name, recorded_at)
             VALUES (?1, ?2, 2, 'in_cabinet', '测试员', '2026-10-01 08:00:00')",
            params![home, hook],
        )
        .unwrap();
        let key = conn.last_insert_rowid();
        conn.execute(
            "INSERT INTO key_loans (key_id, borrower, phone, org, purpose, out_at, due_at,
                 returned_at, received_by, recorded_by_name, recorded_at)
             VALUES (?1, '李师傅', '13800138000', 'repair', '维修', ?2, ?3, ?4,
                     CASE WHEN ?4 IS NOT NULL THEN '测试员' END, '测试员', ?2)",
            params![key, out, due, back],
        )
        .unwrap();
        conn.execute(
            "INSERT INTO key_issues (key_id, recipient, document, count, signed, issued_at,
                 recorded_by_name, recorded_at)
             VALUES (?1, '张伟', '身份证', 1, 1, ?2, '测试员', ?2)",
            params![key, out],
        )
        .unwrap();
    }
    // Two unsold units in building 2: one inspected monthly, the other only spot-checked.
    for (room, kind) in [(102, "monthly"), (103, "spot")] {
        conn.execute(
            "INSERT INTO vacancy_inspections (unit_id, month, inspected_on, kind, checklist,
                 abnormal, inspector_name, recorded_at)
             VALUES (?1, '2026-11', '2026-11-05', ?2, '000000', 0, '测试员',
                     '2026-11-05 10:00:00')",
            params![unit_id(conn, 2, room), kind],
        )
        .unwrap();
    }
}
