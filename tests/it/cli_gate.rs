//! The command line prints the pass, the month's release register and both key logs.

use std::process::Command;

fn desk() -> Command {
    Command::new(env!("CARGO_BIN_EXE_wuye-desk"))
}

#[test]
fn print_release_pass_and_the_monthly_registers_from_a_demo_estate() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.sqlite3");
    let out = desk()
        .args(["--db", db.to_str().unwrap(), "demo", "--years", "1"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    // The newest released pass, read back from the store rather than guessed.
    let store = wuye_desk::store::Store::open(&db).unwrap();
    let pass = store
        .item_passes(Some(wuye_desk::domain::item_pass::PassStatus::Released), 1)
        .unwrap()
        .remove(0);
    let number = pass.number.to_string();
    let month = format!("{}-{:02}", pass.number.year, pass.number.month);
    drop(store);

    let print = |args: &[&str], file: &str| -> String {
        let pdf = dir.path().join(file);
        let mut cmd = desk();
        cmd.args(["--db", db.to_str().unwrap(), "print"]).args(args);
        let out = cmd.args(["--out", pdf.to_str().unwrap()]).output().unwrap();
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        wuye_desk::forms::extract_text(&std::fs::read(&pdf).unwrap()).unwrap()
    };
    let text = print(&["release-pass", &number], "pass.pdf");
    assert!(text.contains(&number) && text.contains("门岗留存") && text.contains("客服中心留存"));
    if let Some(v) = &pass.pass.vehicle {
        assert!(text.contains(v.plate.as_str()), "plate on the pass");
        assert!(!text.contains(v.driver_doc.as_str()), "driver ID masked");
    }
    let text = print(&["release-register", &month], "register.pdf");
    assert!(text.contains("物品出入登记表") && text.contains(&number));
    let text = print(&["key-loans", "--month", &month], "loans.pdf");
    assert!(text.contains("钥匙借用登记表"));
    let text = print(&["key-issues", &month], "issues.pdf");
    assert!(text.contains("钥匙发放登记表"));

    let bad = desk()
        .args([
            "--db",
            db.to_str().unwrap(),
            "print",
            "release-pass",
            "FX-1",
            "--out",
        ])
        .arg(dir.path().join("x.pdf"))
        .output()
        .unwrap();
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("不是放行条编号"));
}
