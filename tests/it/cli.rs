//! The binary's headless commands, run as a receptionist or an administrator would run them.
//! The helpers here are shared by the other `cli_*` modules.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

use rusqlite::Connection;

/// The binary, with no PIN in its environment whatever the developer's shell has.
pub fn bin() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_wuye-desk"));
    cmd.env_remove(wuye_desk::cli::PIN_VAR);
    cmd
}

/// Runs a command that needs no sign-in (stdin closed).
pub fn desk(args: &[&str]) -> Output {
    bin().args(args).output().expect("run wuye-desk")
}

/// Runs a command with `pin` in `WUYE_PIN`.
pub fn desk_with_pin(args: &[&str], pin: &str) -> Output {
    bin()
        .args(args)
        .env(wuye_desk::cli::PIN_VAR, pin)
        .output()
        .expect("run wuye-desk")
}

/// Runs a command with `input` typed on stdin.
pub fn desk_typing(args: &[&str], input: &str) -> Output {
    let mut child = bin()
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run wuye-desk");
    // The program may exit before reading (a refused name): a closed pipe is not a failure.
    let _ = child
        .stdin
        .take()
        .expect("stdin")
        .write_all(input.as_bytes());
    child.wait_with_output().expect("wait for wuye-desk")
}

pub fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A one-year demo estate built by the binary into `dir`; its staff have the README's PINs.
pub fn demo(dir: &Path) -> String {
    let db = dir.join("demo.sqlite3").display().to_string();
    let out = desk(&["demo", "--db", &db]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("演示小区已生成"),
        "{}",
        text(&out.stdout)
    );
    db
}

pub fn unit_count(db: &str) -> i64 {
    Connection::open(db)
        .unwrap()
        .query_row("SELECT count(*) FROM units", [], |r| r.get(0))
        .unwrap()
}

#[test]
fn the_demo_estate_checks_clean_and_prints_an_owner_card_with_masked_numbers() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    assert!(unit_count(&db) > 2800);

    let out = desk(&["check", "--db", &db]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("数据库正常"));
    assert!(
        text(&out.stdout).contains("校验链完整"),
        "the log's chain is checked: {}",
        text(&out.stdout)
    );

    // A second `demo` into the same file is refused rather than overwriting the office's data.
    let again = desk(&["demo", "--db", &db]);
    assert!(!again.status.success());
    assert!(
        text(&again.stderr).contains("已存在"),
        "{}",
        text(&again.stderr)
    );

    let pdf = dir.path().join("card.pdf");
    let out = desk(&[
        "print",
        "owner-card",
        "3-2-1502",
        "--db",
        &db,
        "--out",
        &pdf.display().to_string(),
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let printed = wuye_desk::forms::extract_text(&std::fs::read(&pdf).unwrap()).unwrap();
    assert!(printed.contains("3号楼2单元1502室"), "{printed}");
    assert!(printed.contains("业主信息卡"), "{printed}");

    // Every owner's ID and phone are on the card masked, never in full.
    let conn = Connection::open(&db).unwrap();
    let mut stmt = conn
        .prepare(
            "SELECT p.id_number, p.phone FROM people p JOIN units u ON u.id = p.unit_id
             WHERE u.building = 3 AND u.entrance = 2 AND u.room = 1502",
        )
        .unwrap();
    let rows: Vec<(Option<String>, Option<String>)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert!(!rows.is_empty());
    for (id, phone) in rows {
        if let Some(id) = id {
            assert!(!printed.contains(&id), "full ID printed");
            assert!(
                printed.contains(&format!("{}***********{}", &id[..3], &id[14..])),
                "{printed}"
            );
        }
        if let Some(phone) = phone {
            assert!(!printed.contains(&phone), "full phone printed");
            assert!(
                printed.contains(&format!("{}****{}", &phone[..3], &phone[7..])),
                "{printed}"
            );
        }
    }
}

#[test]
fn printing_something_that_does_not_exist_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let out_pdf = dir.path().join("x.pdf").display().to_string();
    let out = desk(&[
        "print",
        "owner-card",
        "99-1-0101",
        "--db",
        &db,
        "--out",
        &out_pdf,
    ]);
    assert!(!out.status.success());
    assert!(
        text(&out.stderr).contains("没有登记"),
        "{}",
        text(&out.stderr)
    );
    let out = desk(&[
        "print",
        "owner-card",
        "三号楼",
        "--db",
        &db,
        "--out",
        &out_pdf,
    ]);
    assert!(!out.status.success());
    assert!(
        text(&out.stderr).contains("3-2-1502"),
        "says the expected format: {}",
        text(&out.stderr)
    );
    let out = desk(&["print", "invoice", "1", "--db", &db, "--out", &out_pdf]);
    assert!(!out.status.success());
    assert!(text(&out.stderr).contains("没有这种表单"));
    assert!(!Path::new(&out_pdf).exists());
}

#[test]
fn a_roster_with_a_bad_row_is_refused_whole_and_a_fixed_one_imports_once() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let before = unit_count(&db);
    let csv = dir.path().join("花名册.csv");
    let good = "锦华苑业主花名册\n楼栋,单元,房号,建筑面积,业主姓名,联系电话,身份证号\n\
                22,1,0101,88.50,钱多多,13800001111,11010519491231002X\n\
                22,1,0102,92.00,孙小美,13800002222,\n";
    let bad = good.replace("13800002222", "1380000222");
    std::fs::write(&csv, &bad).unwrap();
    let csv = csv.display().to_string();
    let import = ["import-roster", &csv, "--db", &db, "--user", "张敏"];
    let out = desk_with_pin(&import, "1111");
    assert!(!out.status.success(), "a bad row must fail the import");
    let err = text(&out.stderr);
    assert!(
        err.contains("第 4 行") && err.contains("联系电话"),
        "names the row and column: {err}"
    );
    assert!(err.contains("没有导入任何数据"), "{err}");
    assert_eq!(unit_count(&db), before, "nothing was imported");

    std::fs::write(&csv, good).unwrap();
    let out = desk_with_pin(&import, "1111");
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("新登记房屋 2 套"),
        "{}",
        text(&out.stdout)
    );
    assert_eq!(unit_count(&db), before + 2);

    // The supervisor may import too; the PIN typed at the prompt.
    let by_boss = ["import-roster", &csv, "--db", &db, "--user", "刘洋"];
    let out = desk_typing(&by_boss, "5555\n");
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stderr).contains("请输入 刘洋 的PIN："));
    assert!(
        text(&out.stdout).contains("新登记房屋 0 套")
            && text(&out.stdout).contains("新增人员 0 人")
    );
    assert_eq!(
        unit_count(&db),
        before + 2,
        "importing twice creates no duplicates"
    );
}

#[test]
fn check_finds_a_broken_reference_and_refuses_a_newer_file() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    {
        let conn = Connection::open(&db).unwrap();
        conn.execute_batch(
            "PRAGMA foreign_keys = OFF;
             INSERT INTO people (unit_id, name, relation, recorded_by_name, recorded_at)
             VALUES (999999, '幽灵', 'owner', '测试', '2026-11-29 09:00:00');",
        )
        .unwrap();
    }
    let out = desk(&["check", "--db", &db]);
    assert!(!out.status.success());
    assert!(
        text(&out.stderr).contains("外键检查"),
        "{}",
        text(&out.stderr)
    );

    Connection::open(&db)
        .unwrap()
        .pragma_update(None, "user_version", 999)
        .unwrap();
    let out = desk(&["check", "--db", &db]);
    assert!(!out.status.success());
    assert!(
        text(&out.stderr).contains("更新版本"),
        "{}",
        text(&out.stderr)
    );

    let out = desk(&[
        "check",
        "--db",
        &dir.path().join("none.sqlite3").display().to_string(),
    ]);
    assert!(!out.status.success());
    assert!(text(&out.stderr).contains("找不到数据库"));
}
