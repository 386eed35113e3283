//! The month-end registers of the tabs with money and units: 收费管理, 空置房管理, 业主入住,
//! 装修管理, 房屋代租, 操作日志 and 房屋与业主, each sheet counted against the file.

use super::*;

#[test]
fn fees_register_counts_receipts_lines_voids_bills_refunds_and_month_end_arrears() {
    let (_dir, db) = demo_year();
    let store = Store::open(&db).expect("open");
    let books = workbooks(&store, "收费管理");
    assert_well_formed(&books);
    let issued = "FROM receipts WHERE issued_at >= ?1 AND issued_at < ?2";
    let receipts = sheet(&books, "收据");
    assert!(!receipts.rows.is_empty());
    assert_eq!(
        receipts.rows.len(),
        count(&db, &format!("SELECT count(*) {issued}"))
    );
    assert_eq!(
        sheet(&books, "收据明细").rows.len(),
        count(
            &db,
            &format!("SELECT count(*) FROM receipt_lines WHERE receipt_id IN (SELECT id {issued})")
        )
    );
    assert_eq!(
        sheet(&books, "作废收据").rows.len(),
        count(
            &db,
            "SELECT count(*) FROM receipts WHERE voided_at >= ?1 AND voided_at < ?2"
        )
    );
    assert_eq!(
        sheet(&books, "应收").rows.len(),
        count(
            &db,
            "SELECT count(*) FROM bill_lines WHERE created_at >= ?1 AND created_at < ?2"
        )
    );
    assert_eq!(
        sheet(&books, "退款").rows.len(),
        count(
            &db,
            "SELECT count(*) FROM refunds WHERE issued_at >= ?1 AND issued_at < ?2"
        )
    );
    // The day sheet: one row per day with money in or out, its takings adding up to the
    // month's valid receipts.
    let days = sheet(&books, "收费日报");
    let valid_total: i64 = {
        let conn = rusqlite::Connection::open(&db).expect("open the file");
        let m = month();
        conn.query_row(
            &format!("SELECT coalesce(sum(total_fen), 0) {issued} AND voided_at IS NULL"),
            [
                format!("{} 00:00:00", m.first_day()),
                format!("{} 00:00:00", m.next().first_day()),
            ],
            |r| r.get(0),
        )
        .expect("sum")
    };
    let day_total: i64 = column(days, "实收合计")
        .into_iter()
        .map(|c| match c {
            Cell::Money(f) => f.0,
            other => panic!("实收合计 {other:?}"),
        })
        .sum();
    assert_eq!(day_total, valid_total);
    // Month-end arrears, worked out another way: per unit, the lines of the month or before
    // added by its end, less those a receipt issued by the end (and not voided by then) paid,
    // as the receipts' own lines record it.
    let arrears = sheet(&books, "月末欠费");
    let owed_total: i64 = column(arrears, "欠费金额")
        .into_iter()
        .map(|c| match c {
            Cell::Money(f) => f.0,
            other => panic!("欠费金额 {other:?}"),
        })
        .sum();
    let conn = rusqlite::Connection::open(&db).expect("open the file");
    let end = format!("{} 00:00:00", month().next().first_day());
    let (units, owed): (i64, i64) = conn
        .query_row(
            "SELECT count(*), coalesce(sum(owed), 0) FROM (
               SELECT l.unit_id, sum(l.amount_fen) AS owed FROM bill_lines l
               WHERE l.month <= ?2 AND l.created_at < ?1 AND l.id NOT IN (
                 SELECT rl.line_id FROM receipt_lines rl JOIN receipts r ON r.id = rl.receipt_id
                 WHERE rl.line_id IS NOT NULL AND r.issued_at < ?1
                   AND (r.voided_at IS NULL OR r.voided_at >= ?1))
               GROUP BY l.unit_id HAVING owed > 0)",
            [end, month().code()],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .expect("sums");
    assert!(owed > 0);
    assert_eq!(arrears.rows.len() as i64, units);
    assert_eq!(owed_total, owed);
}

#[test]
fn vacancy_and_move_in_registers_count_the_months_applications_walks_and_cases() {
    let (_dir, db) = demo_year();
    let store = Store::open(&db).expect("open");
    let books = workbooks(&store, "空置房管理");
    assert_well_formed(&books);
    assert_eq!(
        sheet(&books, "空置申请").rows.len(),
        count(
            &db,
            "SELECT count(*) FROM vacancy_applications WHERE recorded_at >= ?1 AND recorded_at < ?2"
        )
    );
    let code = month().code();
    let conn = rusqlite::Connection::open(&db).expect("open the file");
    let walks = |table: &str| -> usize {
        let n: i64 = conn
            .query_row(
                &format!("SELECT count(*) FROM {table} WHERE substr(inspected_on, 1, 7) = ?1"),
                [&code],
                |r| r.get(0),
            )
            .expect("count");
        usize::try_from(n).expect("count")
    };
    let units = sheet(&books, "空置房检查");
    assert!(!units.rows.is_empty());
    assert_eq!(units.rows.len(), walks("vacancy_inspections"));
    assert_eq!(
        sheet(&books, "地下室检查").rows.len(),
        walks("basement_inspections")
    );
    // Readings are written as the meter shows them, e.g. `12.345`.
    assert!(
        column(units, "水表读数(t)")
            .iter()
            .any(|c| matches!(c, Cell::Text(t) if t.contains('.') && t.parse::<f64>().is_ok()))
    );

    let movein = workbooks(&store, "业主入住");
    assert_well_formed(&movein);
    assert_eq!(
        sheet(&movein, "入住办理").rows.len(),
        count(
            &db,
            "SELECT count(*) FROM move_ins WHERE (opened_at >= ?1 AND opened_at < ?2)
                 OR (finished_at >= ?1 AND finished_at < ?2)"
        )
    );
    let cases = "SELECT id FROM move_ins WHERE (opened_at >= ?1 AND opened_at < ?2)
                     OR (finished_at >= ?1 AND finished_at < ?2)";
    assert_eq!(
        sheet(&movein, "交接物品").rows.len(),
        count(
            &db,
            &format!("SELECT count(*) FROM move_in_items WHERE move_in_id IN ({cases})")
        )
    );
    assert_eq!(
        sheet(&movein, "验房问题").rows.len(),
        count(
            &db,
            &format!(
                "SELECT count(*) FROM move_in_defects WHERE inspection_id IN
                     (SELECT id FROM move_in_inspections WHERE move_in_id IN ({cases}))"
            )
        )
    );
}

#[test]
fn renovation_and_rental_registers_count_the_months_records() {
    let (_dir, db) = demo_year();
    let store = Store::open(&db).expect("open");
    let books = workbooks(&store, "装修管理");
    assert_well_formed(&books);
    let apps = sheet(&books, "装修申请");
    assert_eq!(
        apps.rows.len(),
        count(
            &db,
            "SELECT count(*) FROM renovations WHERE applied_at >= ?1 AND applied_at < ?2"
        )
    );
    let patrols = sheet(&books, "巡查记录");
    assert!(!patrols.rows.is_empty());
    assert_eq!(
        patrols.rows.len(),
        count(
            &db,
            "SELECT count(*) FROM renovation_patrols WHERE at >= ?1 AND at < ?2"
        )
    );
    assert_eq!(
        sheet(&books, "整改通知").rows.len(),
        count(
            &db,
            "SELECT count(*) FROM renovation_patrols
             WHERE at >= ?1 AND at < ?2 AND notice_seq IS NOT NULL"
        )
    );
    assert_eq!(
        sheet(&books, "验收").rows.len(),
        count(
            &db,
            "SELECT count(*) FROM renovation_acceptances WHERE at >= ?1 AND at < ?2"
        )
    );
    if !apps.rows.is_empty() {
        assert_phones_masked(apps, "负责人电话");
    }

    let rental = workbooks(&store, "房屋代租");
    assert_well_formed(&rental);
    assert_eq!(
        sheet(&rental, "委托代租").rows.len(),
        count(
            &db,
            "SELECT count(*) FROM rental_entrustments WHERE recorded_at >= ?1 AND recorded_at < ?2"
        )
    );
    assert_eq!(
        sheet(&rental, "看房记录").rows.len(),
        count(
            &db,
            "SELECT count(*) FROM rental_viewings WHERE at >= ?1 AND at < ?2"
        )
    );
    let leases = sheet(&rental, "租约");
    assert_eq!(
        leases.rows.len(),
        count(
            &db,
            "SELECT count(*) FROM rental_leases WHERE signed_at >= ?1 AND signed_at < ?2"
        )
    );
    let total: usize = ["委托代租", "看房记录", "租约"]
        .iter()
        .map(|s| sheet(&rental, s).rows.len())
        .sum();
    assert!(total > 0, "the demo month has rental records");
    for c in column(leases, "身份证号") {
        let Cell::Text(id) = c else { panic!("{c:?}") };
        assert!(id.contains("****"), "ID {id} not masked");
    }
}

#[test]
fn audit_register_holds_the_months_rows_masked_and_today_files_each_days_report() {
    let (_dir, db) = demo_year();
    let store = Store::open(&db).expect("open");
    let books = workbooks(&store, "操作日志");
    assert_well_formed(&books);
    let log = sheet(&books, "操作日志");
    assert!(!log.rows.is_empty());
    assert_eq!(
        log.rows.len(),
        count(
            &db,
            "SELECT count(*) FROM audit_log WHERE at >= ?1 AND at < ?2"
        )
    );
    // No full phone number leaves in the changes' JSON.
    for row in &log.rows {
        for c in row {
            if let Cell::Text(t) = c {
                let digits: Vec<&str> = t
                    .split(|ch: char| !ch.is_ascii_digit())
                    .filter(|run| run.len() == 11 && run.starts_with('1'))
                    .collect();
                assert!(digits.is_empty(), "unmasked {digits:?} in {t}");
            }
        }
    }
    let register = workbooks(&store, "房屋与业主");
    let history = sheet(&register, "房屋档案");
    assert!(!history.rows.is_empty());
    assert_eq!(
        history.rows.len(),
        count(
            &db,
            "SELECT count(*) FROM unit_log WHERE at >= ?1 AND at < ?2"
        )
    );
    let today = SOURCES.iter().find(|s| s.tab == "今日").expect("今日");
    assert!((today.workbooks)(&store, month()).expect("none").is_empty());
    let reports = (today.forms)(&store, month()).expect("reports");
    assert_eq!(reports.len(), month().days() as usize);
}
