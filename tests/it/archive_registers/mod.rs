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

mod units;

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

/// The kind of a form: its file name's first part (维修单, 收款收据, 客服中心日报表 …).
fn kind(job: &wuye_desk::forms::PrintJob) -> String {
    let name = job.file_name();
    let kind = name.split('-').next().unwrap_or(&name);
    kind.trim_end_matches(".pdf").to_string()
}

/// One of each kind of form the tabs file renders to a PDF with its title in it: the month's
/// lists, and for a kind the month happens not to have, the nearest month before that has one.
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
            kinds.entry(kind(&job)).or_insert(job);
        }
    }
    let mut earlier = month();
    for _ in 0..11 {
        earlier = earlier.prev();
        for source in SOURCES {
            for job in (source.forms)(&store, earlier).expect("forms") {
                kinds.entry(kind(&job)).or_insert(job);
            }
        }
    }
    let expected = [
        "客服中心日报表",
        "房屋验收交接表",
        "业主入住清单",
        "装修申请表",
        "装修许可证",
        "装修工人出入证",
        "整改通知书",
        "退款凭证",
        "装修巡查记录表",
        "维修单",
        "工作联系单",
        "业主投诉及建议记录表",
        "信息反馈记录表",
        "放行条",
        "物品出入登记表",
        "钥匙借用登记表",
        "钥匙发放登记表",
        "空置房申请表",
        "空置房检查记录表",
        "收款收据",
        "收费日报",
        "失物招领登记表",
        "委托代租协议",
        "房屋出租登记表",
    ];
    let found: std::collections::BTreeSet<&str> = kinds.keys().map(String::as_str).collect();
    assert_eq!(
        found,
        expected.into_iter().collect(),
        "the kinds of form the tabs file"
    );
    let at = wuye_desk::archive::month_end(month());
    for (kind, job) in &kinds {
        let pdf = wuye_desk::forms::render_filed(&store, &office, job, at)
            .unwrap_or_else(|e| panic!("{kind}: {e}"));
        let text = wuye_desk::forms::extract_text(&pdf).expect("pdf text");
        let text: String = text.split_whitespace().collect();
        assert!(text.contains(kind.as_str()), "{kind}: {text}");
        // No filed form carries a mobile number in full, the 维修单's stub included.
        let digits: Vec<char> = text.chars().collect();
        let full_mobile = digits
            .windows(11)
            .any(|w| w[0] == '1' && w.iter().all(char::is_ascii_digit));
        assert!(!full_mobile, "{kind} shows a full phone: {text}");
    }
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
