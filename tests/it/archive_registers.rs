//! Every tab's month-end registers and forms on the demo year: each sheet's rows equal an
//! independent count of the month's records (plain SQL on the file, not the store's reads),
//! phones and IDs are masked, and every kind of form in the lists renders.

use std::collections::BTreeMap;
use std::path::Path;

use chrono::Datelike;
use wuye_desk::archive::{Cell, SOURCES, Sheet, Workbook};
use wuye_desk::domain::Month;
use wuye_desk::store::Store;

use crate::common::demo_year::demo_year;

/// Last month: a whole month inside the demo year, with records in every tab.
fn month() -> Month {
    Month::of(wuye_desk::domain::date::now_local().date()).prev()
}

/// The month's workbooks of one tab.
fn workbooks(store: &Store, tab: &str) -> Vec<Workbook> {
    let source = SOURCES
        .iter()
        .find(|s| s.tab == tab)
        .unwrap_or_else(|| panic!("no source for {tab}"));
    (source.workbooks)(store, month()).expect("registers")
}

/// The sheet named `name` among `books`.
fn sheet<'a>(books: &'a [Workbook], name: &str) -> &'a Sheet {
    books
        .iter()
        .flat_map(|b| &b.sheets)
        .find(|s| s.name == name)
        .unwrap_or_else(|| panic!("no sheet {name}"))
}

/// `count(*)` of `sql`, whose `?1`/`?2` are the month's first and next month's first midnight,
/// read straight from the file so the registers are checked against something they did not
/// compute themselves.
fn count(db: &Path, sql: &str) -> usize {
    let conn = rusqlite::Connection::open(db).expect("open the file");
    let m = month();
    let start = |m: Month| format!("{} 00:00:00", m.first_day());
    let n: i64 = conn
        .query_row(sql, [start(m), start(m.next())], |r| r.get(0))
        .unwrap_or_else(|e| panic!("{sql}: {e}"));
    usize::try_from(n).expect("a count")
}

/// The column `header` of every row of `sheet`.
fn column<'a>(sheet: &'a Sheet, header: &str) -> Vec<&'a Cell> {
    let i = sheet
        .headers
        .iter()
        .position(|h| *h == header)
        .unwrap_or_else(|| panic!("{} has no column {header}", sheet.name));
    sheet.rows.iter().map(|r| &r[i]).collect()
}

/// Every non-empty cell of `header` is text masked like `138****5678`.
fn assert_phones_masked(sheet: &Sheet, header: &str) {
    let phones: Vec<_> = column(sheet, header)
        .into_iter()
        .filter(|c| **c != Cell::Empty)
        .collect();
    assert!(!phones.is_empty(), "{}: no {header} to check", sheet.name);
    for c in phones {
        let Cell::Text(t) = c else {
            panic!("{}: {header} is {c:?}", sheet.name)
        };
        assert!(
            t.chars().count() == 11 && &t[3..7] == "****",
            "{}: {header} {t} not masked",
            sheet.name
        );
    }
}

/// Rows have as many cells as headers; the month has records.
fn assert_well_formed(books: &[Workbook]) {
    for b in books {
        for s in &b.sheets {
            assert!(s.name.chars().count() <= 31, "{}", s.name);
            for r in &s.rows {
                assert_eq!(r.len(), s.headers.len(), "{}", s.name);
            }
        }
    }
}

#[test]
fn repairs_register_counts_every_order_material_and_step_of_the_month() {
    let (_dir, db) = demo_year();
    let store = Store::open(&db).expect("open");
    let books = workbooks(&store, "报修管理");
    assert_well_formed(&books);
    let in_month = "FROM repairs WHERE recorded_at >= ?1 AND recorded_at < ?2";
    let orders = sheet(&books, "维修单");
    assert_eq!(
        orders.rows.len(),
        count(&db, &format!("SELECT count(*) {in_month}"))
    );
    assert!(!orders.rows.is_empty());
    assert_eq!(
        sheet(&books, "材料").rows.len(),
        count(
            &db,
            &format!(
                "SELECT count(*) FROM repair_materials WHERE repair_id IN (SELECT id {in_month})"
            )
        )
    );
    assert_eq!(
        sheet(&books, "处理记录").rows.len(),
        count(
            &db,
            &format!(
                "SELECT count(*) FROM repair_events WHERE repair_id IN (SELECT id {in_month})"
            )
        )
    );
    assert_phones_masked(orders, "电话");
    let money = column(orders, "合计");
    assert!(money.iter().any(|c| matches!(c, Cell::Money(f) if f.0 > 0)));
    let received = column(orders, "受理时间");
    assert!(
        received
            .iter()
            .all(|c| matches!(c, Cell::Time(t) if t.month() == month().number()))
    );
}

/// One of each kind of form in every tab's list renders to a PDF with text in it.
#[test]
fn every_kind_of_form_of_the_month_renders() {
    let (_dir, db) = demo_year();
    let store = Store::open(&db).expect("open");
    let office = store.office().expect("office");
    let mut kinds: BTreeMap<String, wuye_desk::forms::PrintJob> = BTreeMap::new();
    let mut book_names = std::collections::BTreeSet::new();
    for source in SOURCES {
        let jobs = (source.forms)(&store, month()).expect("forms");
        let books = (source.workbooks)(&store, month()).expect("registers");
        assert!(
            !jobs.is_empty() || !books.is_empty(),
            "{} files nothing",
            source.tab
        );
        // Each file of the archive has its own name: one .xlsx per workbook, one PDF per job
        // in the tab's folder.
        for b in &books {
            assert!(book_names.insert(b.name), "two workbooks named {}", b.name);
        }
        let mut files = std::collections::BTreeSet::new();
        for job in &jobs {
            assert!(
                files.insert(job.file_name()),
                "{}: {} twice",
                source.tab,
                job.file_name()
            );
        }
        for job in jobs {
            // The kind is the file name's first part: 维修单, 收款收据, 客服中心日报表 …
            let name = job.file_name();
            let kind = name.split('-').next().unwrap_or(&name).to_string();
            kinds.entry(kind).or_insert(job);
        }
    }
    for (kind, job) in &kinds {
        let pdf = wuye_desk::forms::render(&store, &office, job)
            .unwrap_or_else(|e| panic!("{kind}: {e}"));
        let text = wuye_desk::forms::extract_text(&pdf).expect("pdf text");
        let text: String = text.split_whitespace().collect();
        let title = kind.trim_end_matches(".pdf");
        assert!(text.contains(title), "{kind}: {text}");
    }
    assert!(kinds.contains_key("维修单"), "{:?}", kinds.keys());
}

#[test]
fn feedback_register_counts_matters_trails_and_slips_of_the_month() {
    let (_dir, db) = demo_year();
    let store = Store::open(&db).expect("open");
    let books = workbooks(&store, "信息反馈");
    assert_well_formed(&books);
    let in_month = "FROM feedback WHERE received_at >= ?1 AND received_at < ?2";
    let matters = sheet(&books, "反馈登记");
    assert!(!matters.rows.is_empty());
    assert_eq!(
        matters.rows.len(),
        count(&db, &format!("SELECT count(*) {in_month}"))
    );
    assert_eq!(
        sheet(&books, "处理记录").rows.len(),
        count(
            &db,
            &format!(
                "SELECT count(*) FROM feedback_events WHERE feedback_id IN (SELECT id {in_month})"
            )
        )
    );
    let slips = count(
        &db,
        "SELECT count(*) FROM work_orders WHERE issued_at >= ?1 AND issued_at < ?2",
    );
    assert_eq!(sheet(&books, "工作联系单").rows.len(), slips);
    assert_phones_masked(matters, "电话");
    let forms = (SOURCES
        .iter()
        .find(|s| s.tab == "信息反馈")
        .expect("source")
        .forms)(&store, month())
    .expect("forms");
    assert_eq!(forms.len(), slips + 2, "each slip and the two registers");
}

#[test]
fn gate_and_lost_and_found_registers_count_the_months_passes_items_and_reports() {
    let (_dir, db) = demo_year();
    let store = Store::open(&db).expect("open");
    let m = month();
    let prefix = format!("FX-{:04}{:02}-", m.year(), m.number());
    let gate = workbooks(&store, "物品放行");
    assert_well_formed(&gate);
    let passes = sheet(&gate, "放行条");
    let conn = rusqlite::Connection::open(&db).expect("open the file");
    let n: i64 = conn
        .query_row(
            "SELECT count(*) FROM item_passes WHERE substr(number, 1, 10) = ?1",
            [&prefix],
            |r| r.get(0),
        )
        .expect("count");
    assert!(n > 0);
    assert_eq!(passes.rows.len() as i64, n);
    let items: i64 = conn
        .query_row(
            "SELECT count(*) FROM item_pass_items WHERE pass_id IN
                 (SELECT id FROM item_passes WHERE substr(number, 1, 10) = ?1)",
            [&prefix],
            |r| r.get(0),
        )
        .expect("count");
    assert_eq!(sheet(&gate, "物品明细").rows.len() as i64, items);
    assert_phones_masked(passes, "电话");

    let lost = workbooks(&store, "物品拾遗");
    assert_well_formed(&lost);
    let found = sheet(&lost, "拾获物品");
    assert!(!found.rows.is_empty());
    assert_eq!(
        found.rows.len(),
        count(
            &db,
            "SELECT count(*) FROM found_items WHERE found_at >= ?1 AND found_at < ?2"
        )
    );
    assert_eq!(
        sheet(&lost, "寻物登记").rows.len(),
        count(
            &db,
            "SELECT count(*) FROM loss_reports WHERE recorded_at >= ?1 AND recorded_at < ?2"
        )
    );
    for c in column(found, "认领人证件") {
        if let Cell::Text(id) = c {
            assert!(id.contains("****"), "ID {id} not masked");
        }
    }
}

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

/// Every tab that keeps records files something, in the desk's tab order.
#[test]
fn sources_follow_the_desks_tabs() {
    let tabs: Vec<&str> = SOURCES.iter().map(|s| s.tab).collect();
    assert_eq!(
        tabs,
        [
            "今日",
            "房屋与业主",
            "业主入住",
            "装修管理",
            "报修管理",
            "信息反馈",
            "物品放行",
            "钥匙管理",
            "空置房管理",
            "收费管理",
            "物品拾遗",
            "房屋代租",
            "操作日志"
        ]
    );
}

#[test]
fn numbers_in_the_logs_json_are_masked_like_the_screens() {
    use wuye_desk::archive::registers::audit::mask_numbers;
    assert_eq!(
        mask_numbers(r#"{"电话":"13812345678","金额":120000}"#),
        r#"{"电话":"138****5678","金额":120000}"#
    );
    assert_eq!(mask_numbers("41010519900307123X"), "410***********123X");
    assert_eq!(mask_numbers("6222021234567890123"), "6222 **** **** 0123");
    assert_eq!(mask_numbers("2026-11-30 23:59:59"), "2026-11-30 23:59:59");
    assert_eq!(mask_numbers("23812345678"), "23812345678");
}
