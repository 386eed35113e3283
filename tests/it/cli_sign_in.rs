//! Writing from the command line passes the desk's gate: the first supervisor set up on a
//! fresh file, then `import-roster --user NAME` with the PIN from `WUYE_PIN` or typed.

use std::path::Path;

use wuye_desk::domain::staff::Role;
use wuye_desk::store::{AuditFilter, Store};

use crate::cli::{desk, desk_typing, desk_with_pin, text, unit_count};
use crate::common::{PIN, SUPERVISOR, sign_in_as, temp_db};

/// A roster of two new units in building 21, in the dir of `db`.
fn roster(db: &Path) -> String {
    let csv = db.with_file_name("花名册.csv");
    std::fs::write(
        &csv,
        "楼栋,单元,房号,建筑面积,业主姓名,联系电话\n\
         21,1,0101,88.50,钱多多,13800001111\n\
         21,1,0102,92.00,孙小美,13800002222\n",
    )
    .unwrap();
    csv.display().to_string()
}

#[test]
fn a_fresh_file_asks_for_the_first_supervisor_who_then_imports() {
    let (_dir, path) = temp_db();
    let db = path.display().to_string();
    let csv = roster(&path);
    let import = ["import-roster", &csv, "--db", &db, "--user", "王主管"];

    // No file yet: nothing is created, and the message says how to begin.
    let out = desk_with_pin(&import, "1357");
    assert!(!out.status.success());
    assert!(
        text(&out.stderr).contains("setup-supervisor --name"),
        "{}",
        text(&out.stderr)
    );
    assert!(!path.exists(), "a refused import creates no database");

    // A file with no accounts (opened once, as the desk would create it) says the same.
    drop(Store::open(&path).unwrap());
    let out = desk_with_pin(&import, "1357");
    assert!(!out.status.success());
    let err = text(&out.stderr);
    assert!(
        err.contains("还没有任何账户") && err.contains("setup-supervisor"),
        "{err}"
    );

    // The first supervisor: a PIN breaking the rule is refused by the store's rule.
    let setup = ["setup-supervisor", "--name", "王主管", "--db", &db];
    let out = desk_typing(&setup, "12\n");
    assert!(!out.status.success());
    assert!(text(&out.stderr).contains("请输入 王主管 的PIN："));
    assert!(
        text(&out.stderr).contains("4到8位"),
        "{}",
        text(&out.stderr)
    );
    let out = desk_typing(&setup, "1357\n");
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("已建立第一个主管账户"));
    let again = desk_with_pin(&setup, "2468");
    assert!(!again.status.success());
    assert!(
        text(&again.stderr).contains("已经有主管账户"),
        "{}",
        text(&again.stderr)
    );

    let out = desk_with_pin(&import, "1357");
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("新登记房屋 2 套"));
    assert_eq!(unit_count(&db), 2);

    // The log names the supervisor: the account set up, and the sign-in to import.
    let store = Store::open(&path).unwrap();
    let mine = AuditFilter {
        who: Some("王主管".into()),
        ..AuditFilter::default()
    };
    let rows = store.audit_log(&mine, 0, 100).unwrap().rows;
    assert!(
        rows.iter().any(|r| r.what == "建立第一个主管账户"),
        "{rows:?}"
    );
    assert!(rows.iter().any(|r| r.action == "登录"), "{rows:?}");
    assert!(store.verify_audit().unwrap().is_empty());
}

/// A file with the supervisor 测试员 and the guard 吴勇, both with PIN [`PIN`].
fn office_with_a_guard() -> (tempfile::TempDir, std::path::PathBuf) {
    let (dir, path) = temp_db();
    let mut store = Store::open(&path).unwrap();
    store
        .set_up_supervisor(SUPERVISOR, None, PIN, crate::common::clerk().at)
        .unwrap();
    sign_in_as(&mut store, "吴勇", Role::Guard);
    (dir, path)
}

#[test]
fn the_guard_may_not_import_and_names_and_pins_are_checked_by_the_store() {
    let (_dir, path) = office_with_a_guard();
    let db = path.display().to_string();
    let csv = roster(&path);
    let import = |user: &str, pin: Option<&str>| {
        let args = ["import-roster", &csv, "--db", &db, "--user", user];
        match pin {
            Some(pin) => desk_with_pin(&args, pin),
            None => desk(&args),
        }
    };

    let out = desk_with_pin(&["import-roster", &csv, "--db", &db], PIN);
    assert!(!out.status.success());
    assert!(
        text(&out.stderr).contains("--user"),
        "{}",
        text(&out.stderr)
    );

    let out = import("吴勇", Some(PIN));
    assert!(!out.status.success());
    let err = text(&out.stderr);
    assert!(
        err.contains("吴勇") && err.contains("不能“导入业主名册”") && err.contains("客服中心主管"),
        "{err}"
    );
    assert_eq!(unit_count(&db), 0, "nothing imported");

    let out = import("某某", Some(PIN));
    assert!(!out.status.success());
    assert!(
        text(&out.stderr).contains("没有“某某”"),
        "{}",
        text(&out.stderr)
    );

    // No PIN in the environment and nothing typed.
    let out = import(SUPERVISOR, None);
    assert!(!out.status.success());
    assert!(
        text(&out.stderr).contains("没有读到"),
        "{}",
        text(&out.stderr)
    );

    // Wrong PINs count as at the desk, and the fifth locks the account even for the right one.
    for left in (1..=4).rev() {
        let out = import(SUPERVISOR, Some("0000"));
        assert!(!out.status.success());
        let err = text(&out.stderr);
        assert!(err.contains(&format!("还可以再试 {left} 次")), "{err}");
    }
    let out = import(SUPERVISOR, Some("0000"));
    assert!(text(&out.stderr).contains("锁定"), "{}", text(&out.stderr));
    let out = import(SUPERVISOR, Some(PIN));
    assert!(!out.status.success());
    assert!(text(&out.stderr).contains("锁定"), "{}", text(&out.stderr));
    assert_eq!(unit_count(&db), 0);
}

#[test]
fn the_readme_lists_every_demo_account_and_its_pin_signs_in() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"))
        .expect("README.md");
    let table: Vec<Vec<String>> = readme
        .lines()
        .skip_while(|l| !l.starts_with("| name | role | PIN |"))
        .skip(2)
        .take_while(|l| l.starts_with('|'))
        .map(|l| l.split('|').map(|c| c.trim().to_string()).collect())
        .collect();
    let staff = wuye_desk::demo::STAFF;
    assert_eq!(table.len(), staff.len(), "{table:?}");

    let dir = tempfile::tempdir().unwrap();
    let db = crate::cli::demo(dir.path());
    let mut store = Store::open(Path::new(&db)).unwrap();
    let accounts = store.staff().unwrap();
    for (row, &(name, role, _, pin)) in table.iter().zip(staff) {
        assert_eq!(row[1], name);
        assert!(row[2].starts_with(role.label()), "{row:?}");
        assert_eq!(row[3], pin, "{name}");
        let id = accounts
            .iter()
            .find(|s| s.staff.name == name)
            .expect("in the demo")
            .id;
        let actor = store
            .sign_in(id, &row[3], crate::common::clerk().at)
            .unwrap_or_else(|e| panic!("{name} with the README's PIN: {e}"));
        assert_eq!(actor.role, role);
    }
}
