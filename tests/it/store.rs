//! The store on a real SQLite file: opening, migrations, refusals, the register and its search.

use crate::common::{clerk, open_signed_in, owner, temp_db, temp_store, unit};
use rusqlite::Connection;
use wuye_desk::domain::SearchQuery;
use wuye_desk::domain::settings::{Deadlines, Office};
use wuye_desk::store::{InstanceLock, MIGRATIONS, Store, StoreError};

#[test]
fn a_new_file_gets_the_whole_schema_and_the_pragmas() {
    let (_dir, path) = temp_db();
    let store = Store::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), MIGRATIONS.len() as i64);
    drop(store);
    let conn = Connection::open(&path).unwrap();
    let mode: String = conn
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
    let app: i32 = conn
        .query_row("PRAGMA application_id", [], |r| r.get(0))
        .unwrap();
    assert_eq!(app, wuye_desk::store::APPLICATION_ID);
}

#[test]
fn opening_an_up_to_date_file_writes_nothing_to_it() {
    let (_dir, mut store) = temp_store();
    store.add_unit(&unit("3-2-1502"), &clerk()).unwrap();
    let path = store.path().to_path_buf();
    drop(store);
    let before = std::fs::read(&path).unwrap();
    let watcher = Connection::open(&path).unwrap();
    let version = |c: &Connection| -> i64 {
        c.query_row("PRAGMA data_version", [], |r| r.get(0))
            .unwrap()
    };
    let seen = version(&watcher);
    let store = Store::open(&path).unwrap();
    assert_eq!(store.unit_count().unwrap(), 1);
    assert_eq!(
        version(&watcher),
        seen,
        "no other connection wrote to the file"
    );
    drop(store);
    drop(watcher);
    assert!(
        std::fs::read(&path).unwrap() == before,
        "the file is byte for byte the same"
    );
}

#[test]
fn every_older_schema_upgrades_to_the_fresh_one() {
    let (_d, fresh_path) = temp_db();
    let fresh = Store::open(&fresh_path).unwrap().schema_sql().unwrap();
    for k in 0..MIGRATIONS.len() {
        let (_dir, path) = temp_db();
        {
            // What a program of schema version k left behind.
            let conn = Connection::open(&path).unwrap();
            for sql in &MIGRATIONS[..k] {
                conn.execute_batch(sql).unwrap();
            }
            conn.pragma_update(None, "user_version", k as i64).unwrap();
            if k > 0 {
                conn.pragma_update(None, "application_id", wuye_desk::store::APPLICATION_ID)
                    .unwrap();
            }
        }
        let upgraded = Store::open(&path).unwrap();
        assert_eq!(upgraded.schema_version().unwrap(), MIGRATIONS.len() as i64);
        assert_eq!(
            upgraded.schema_sql().unwrap(),
            fresh,
            "upgrade from version {k}"
        );
        assert!(upgraded.check().unwrap().is_empty());
    }
}

#[test]
fn a_file_from_a_newer_program_is_refused_untouched() {
    let (_dir, path) = temp_db();
    drop(Store::open(&path).unwrap());
    {
        let conn = Connection::open(&path).unwrap();
        conn.pragma_update(None, "user_version", 99).unwrap();
        conn.pragma_update(None, "journal_mode", "DELETE").unwrap();
    }
    let before = std::fs::read(&path).unwrap();
    let err = Store::open(&path).unwrap_err();
    assert!(
        matches!(err, StoreError::TooNew { found: 99, .. }),
        "{err:?}"
    );
    assert!(err.to_string().contains("更新版本"), "{err}");
    assert_eq!(std::fs::read(&path).unwrap(), before, "the file changed");
    let wal = path.with_extension("sqlite3-wal");
    assert!(!wal.exists(), "a WAL file was created");
}

#[test]
fn a_second_desk_on_the_same_file_is_refused_until_the_first_closes() {
    let (_dir, path) = temp_db();
    let first = InstanceLock::acquire(&path).unwrap();
    let err = InstanceLock::acquire(&path).unwrap_err();
    assert!(matches!(err, StoreError::InUse(_)));
    assert!(err.to_string().contains("另一个客服台窗口"), "{err}");
    // The same file reached through a link, or another spelling of its folder, is the same desk.
    Store::open(&path).unwrap();
    #[cfg(unix)]
    {
        let link = _dir.path().join("link.sqlite3");
        std::os::unix::fs::symlink(&path, &link).unwrap();
        let err = InstanceLock::acquire(&link).unwrap_err();
        assert!(matches!(err, StoreError::InUse(_)), "{err:?}");
        let roundabout = _dir
            .path()
            .join("..")
            .join(_dir.path().file_name().unwrap())
            .join("desk.sqlite3");
        assert!(InstanceLock::acquire(&roundabout).is_err());
    }
    drop(first);
    InstanceLock::acquire(&path).unwrap();

    // On a fresh machine the data folder does not exist yet: the lock creates it.
    let fresh = _dir.path().join("新装").join("wuye-desk.sqlite3");
    let _lock = InstanceLock::acquire(&fresh).unwrap();
    Store::open(&fresh).unwrap();
}

#[test]
fn units_and_people_are_saved_and_logged() {
    let (_dir, mut store) = temp_store();
    let id = store.add_unit(&unit("3-2-1502"), &clerk()).unwrap();
    let dup = store
        .add_unit(&unit("3号楼2单元1502室"), &clerk())
        .unwrap_err();
    assert!(matches!(dup, StoreError::Conflict(_)));
    assert!(dup.to_string().contains("已经登记过了"));

    let p1 = store
        .add_person(id, &owner("张伟", "13812345678"), &clerk())
        .unwrap();
    store
        .add_person(id, &owner("李娜", "13900001111"), &clerk())
        .unwrap();
    let people = store.people_of(id).unwrap();
    assert_eq!(
        people
            .iter()
            .map(|p| p.person.name.as_str())
            .collect::<Vec<_>>(),
        ["张伟", "李娜"]
    );
    assert_eq!(people[0].person, owner("张伟", "13812345678"));

    let mut changed = owner("张伟", "13812345678");
    changed.note = "腿脚不便，上门请提前电话".into();
    store.update_person(p1, &changed, &clerk()).unwrap();
    assert_eq!(
        store.person(p1).unwrap().person.note,
        "腿脚不便，上门请提前电话"
    );

    let mut u = unit("3-2-1502");
    u.area = wuye_desk::domain::Area(9012);
    store.update_unit(id, &u, &clerk()).unwrap();
    store.remove_person(p1, &clerk()).unwrap();
    assert_eq!(store.people_of(id).unwrap().len(), 1);

    let log: Vec<String> = store
        .unit_log(id)
        .unwrap()
        .into_iter()
        .map(|e| e.text)
        .collect();
    assert!(log.iter().any(|t| t.contains("登记房屋")), "{log:?}");
    assert!(log.iter().any(|t| t.contains("添加业主 张伟")), "{log:?}");
    assert!(
        log.iter().any(|t| t.contains("89.50 m² → 90.12 m²")),
        "{log:?}"
    );
    assert!(log.iter().any(|t| t.contains("移除业主 张伟")), "{log:?}");
    assert!(store.check().unwrap().is_empty());
}

#[test]
fn search_finds_by_room_name_and_phone_tail() {
    let (_dir, mut store) = temp_store();
    for (addr, name, phone) in [
        ("3-2-1502", "张伟", "13812345678"),
        ("5-2-1502", "王芳", "13900005678"),
        ("3-1-0301", "李强", "13700001502"),
        ("3-2-1501", "赵敏", "13600009999"),
    ] {
        let id = store.add_unit(&unit(addr), &clerk()).unwrap();
        store.add_person(id, &owner(name, phone), &clerk()).unwrap();
    }
    let find = |q: &str| -> Vec<String> {
        store
            .search_units(&SearchQuery::parse(q), 0, 20)
            .unwrap()
            .rows
            .into_iter()
            .map(|r| r.unit.unit.address.short())
            .collect()
    };
    assert_eq!(find("3-2-1502"), ["3-2-1502"]);
    assert_eq!(find("3-2"), ["3-2-1501", "3-2-1502"]);
    // Every keystroke on the way to 3-2-1502 keeps the unit in view.
    for typed in [
        "3", "3-", "3-2", "3-2-", "3-2-1", "3-2-15", "3-2-150", "3-2-1502",
    ] {
        assert!(
            find(typed).contains(&"3-2-1502".to_string()),
            "{typed}: {:?}",
            find(typed)
        );
    }
    assert_eq!(find("3-2-150"), ["3-2-1501", "3-2-1502"]);
    assert_eq!(
        find("3-1-301"),
        ["3-1-0301"],
        "three digits are the room itself"
    );
    // 1502 is a room on two buildings and the tail of 李强's phone.
    assert_eq!(find("1502"), ["3-1-0301", "3-2-1502", "5-2-1502"]);
    assert_eq!(find("5678"), ["3-2-1502", "5-2-1502"]);
    assert_eq!(find("张"), ["3-2-1502"]);
    assert_eq!(find("无此人"), Vec::<String>::new());
    assert_eq!(find("").len(), 4);
    let page = store.search_units(&SearchQuery::All, 1, 3).unwrap();
    assert_eq!((page.total, page.rows.len(), page.pages()), (4, 1, 2));
    let row = &store
        .search_units(&SearchQuery::parse("3-2-1502"), 0, 5)
        .unwrap()
        .rows[0];
    assert_eq!(
        (row.owners.as_str(), row.phone_masked.as_str()),
        ("张伟", "138****5678")
    );
}

#[test]
fn office_details_and_deadlines_are_kept() {
    let (_dir, path) = temp_db();
    {
        let mut store = open_signed_in(&path);
        assert_eq!(store.deadlines().unwrap(), Deadlines::default());
        store
            .save_office(
                &Office {
                    company: "锦华物业".into(),
                    estate: "锦华苑".into(),
                    phone: "0371-65881234".into(),
                    address: "花园路88号".into(),
                    print_folder: String::new(),
                },
                &clerk(),
            )
            .unwrap();
        let d = Deadlines {
            repair_arrival_min: 20,
            ..Deadlines::default()
        };
        store.save_deadlines(&d, &clerk()).unwrap();
    }
    let store = Store::open(&path).unwrap();
    assert_eq!(store.office().unwrap().estate, "锦华苑");
    assert_eq!(store.deadlines().unwrap().repair_arrival_min, 20);
}

#[test]
fn the_shell_form_of_a_search_counts_what_the_store_finds() {
    let (dir, mut store) = temp_store();
    for (addr, name, phone) in [
        ("3-2-1502", "张伟", "13812345678"),
        ("5-2-1502", "O'Neil", "13900005678"),
    ] {
        let id = store.add_unit(&unit(addr), &clerk()).unwrap();
        store.add_person(id, &owner(name, phone), &clerk()).unwrap();
    }
    let conn = Connection::open(dir.path().join("desk.sqlite3")).unwrap();
    for q in [
        "",
        "3-2-1502",
        "3-2",
        "1502",
        "5678",
        "张",
        "O'Neil",
        "13900005678",
    ] {
        let query = SearchQuery::parse(q);
        let sql = wuye_desk::store::search_sql_for_shell(&query, 0, 20);
        let count: i64 = conn.query_row(&sql[0], [], |r| r.get(0)).unwrap();
        let rows: Vec<String> = conn
            .prepare(&sql[1])
            .unwrap()
            .query_map([], |r| {
                Ok(format!(
                    "{}-{}-{:04}",
                    r.get::<_, u32>(1)?,
                    r.get::<_, u32>(2)?,
                    r.get::<_, u32>(3)?
                ))
            })
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        let page = store.search_units(&query, 0, 20).unwrap();
        assert_eq!(count, page.total, "{q}");
        let found: Vec<String> = page
            .rows
            .iter()
            .map(|r| r.unit.unit.address.short())
            .collect();
        assert_eq!(rows, found, "{q}");
    }
}
