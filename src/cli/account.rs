//! Who runs a writing command: the PIN read from `WUYE_PIN` or typed on stdin, the sign-in
//! through the store (so wrong PINs and locks count and read exactly as at the desk), and
//! `setup-supervisor`, the first account of a fresh file.

use std::io::{BufRead, IsTerminal};
use std::path::Path;

use crate::domain::access::{Action, who_may};
use crate::domain::staff::Recorded;
use crate::store::{Actor, Store};

/// The environment variable a script sets to pass the PIN without a prompt.
pub const PIN_VAR: &str = "WUYE_PIN";

/// The PIN (or password) of `name`: `WUYE_PIN` when it is set and not empty, otherwise one line
/// read from stdin after a prompt on stderr (so stdout stays the command's output).
pub fn read_pin(name: &str) -> Result<String, String> {
    let env = std::env::var(PIN_VAR).ok();
    let stdin = std::io::stdin();
    let typed = stdin.is_terminal();
    if typed && env.as_deref().is_none_or(str::is_empty) {
        // At a terminal the PIN is typed without echo, as at the desk's hidden field.
        let pin = rpassword::prompt_password(format!("请输入 {name} 的PIN："))
            .map_err(|e| format!("无法读取PIN：{e}"))?;
        return non_empty(pin.trim_end_matches(['\r', '\n']), name);
    }
    pin_from(env, &mut stdin.lock(), typed, name)
}

/// The PIN read, or the message for none.
fn non_empty(pin: &str, name: &str) -> Result<String, String> {
    if pin.is_empty() {
        return Err(format!(
            "没有读到 {name} 的PIN：请在提示后输入，或用环境变量 {PIN_VAR} 传入"
        ));
    }
    Ok(pin.to_string())
}

/// [`read_pin`] with its sources passed in; `typed` says the input is a terminal, whose echo
/// already ends the prompt's line.
fn pin_from(
    env: Option<String>,
    input: &mut impl BufRead,
    typed: bool,
    name: &str,
) -> Result<String, String> {
    if let Some(pin) = env.filter(|p| !p.is_empty()) {
        return Ok(pin);
    }
    eprint!("请输入 {name} 的PIN：");
    let mut line = String::new();
    let read = input
        .read_line(&mut line)
        .map_err(|e| format!("无法读取PIN：{e}"))?;
    // Piped input is not echoed: end the prompt's line so the messages after it start afresh.
    if !typed {
        eprintln!();
    }
    non_empty(
        if read == 0 {
            ""
        } else {
            line.trim_end_matches(['\r', '\n'])
        },
        name,
    )
}

/// The message for a writing command on a file with no supervisor account yet.
fn no_accounts(db: &Path) -> String {
    format!(
        "这个数据库还没有任何账户，请先建立第一个主管账户：\n  wuye-desk setup-supervisor --name 姓名 --db {}\n（PIN 从环境变量 {PIN_VAR} 读取，未设置时按提示输入）",
        db.display()
    )
}

/// Signs `user` in on `store` with the PIN from [`read_pin`] and checks that they may take
/// `action`; the sign-in is logged by the store, as at the desk.
///
/// # Errors
/// No accounts yet, no `--user`, no such person, a wrong PIN or a lock (the store's words),
/// or a role that may not take `action`.
pub fn sign_in_for(
    store: &mut Store,
    db: &Path,
    user: Option<&str>,
    action: Action,
) -> Result<Actor, String> {
    if store.needs_first_supervisor().map_err(|e| e.to_string())? {
        return Err(no_accounts(db));
    }
    let Some(name) = user.map(str::trim).filter(|n| !n.is_empty()) else {
        return Err(format!(
            "请用 --user 姓名 说明是谁在“{}”（须由{}办理），PIN 从环境变量 {PIN_VAR} 读取或按提示输入",
            action.label(),
            who_may(action)
        ));
    };
    let staff = store.staff().map_err(|e| e.to_string())?;
    let named: Vec<_> = staff.iter().filter(|s| s.staff.name == name).collect();
    let active: Vec<_> = named.iter().filter(|s| s.staff.active).collect();
    let id = match (active.as_slice(), named.first()) {
        ([one], _) => one.id,
        ([], Some(former)) => former.id, // the store says they have left
        ([], None) => {
            return Err(format!(
                "员工名单里没有“{name}”：请核对姓名，或请主管在“设置 › 人员”中添加"
            ));
        }
        (many, _) => {
            return Err(format!(
                "有 {} 名在职员工都叫“{name}”，命令行分不出是谁：请主管在“设置 › 人员”中把姓名区分开（例如加上岗位）",
                many.len()
            ));
        }
    };
    let pin = read_pin(name)?;
    let now = crate::domain::date::now_local();
    let actor = store.sign_in(id, &pin, now).map_err(|e| e.to_string())?;
    if !store.may_now(action, None) {
        return Err(format!(
            "{}不能“{}”：须由{}办理，请用其账户（--user）再试",
            actor.title(),
            action.label(),
            who_may(action)
        ));
    }
    Ok(actor)
}

/// What the store records for a write by `actor` now.
pub fn recorded(actor: &Actor) -> Recorded {
    Recorded {
        by: Some(actor.id),
        by_name: actor.name.clone(),
        at: crate::domain::date::now_local(),
    }
}

/// `wuye-desk setup-supervisor --name NAME`: the first supervisor account of a new (or
/// not yet set up) database, with the PIN from [`read_pin`].
pub fn setup_supervisor(db: &Path, name: &str) -> Result<(), String> {
    let name = name.trim();
    if name.is_empty() {
        return Err("请用 --name 写明主管的姓名".into());
    }
    let (mut store, _lock) = super::open_locked(db)?;
    if !store.needs_first_supervisor().map_err(|e| e.to_string())? {
        return Err(format!(
            "{} 已经有主管账户了：请主管在客服台“设置 › 人员”中添加员工或重设PIN",
            db.display()
        ));
    }
    let pin = read_pin(name)?;
    let now = crate::domain::date::now_local();
    let actor = store
        .set_up_supervisor(name, None, &pin, now)
        .map_err(|e| e.to_string())?;
    println!(
        "已建立第一个主管账户：{}。请用此账户登录客服台，在“设置 › 人员”中添加其他员工。",
        actor.title()
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_environment_wins_and_an_empty_one_counts_as_unset() {
        let mut none = std::io::Cursor::new(Vec::<u8>::new());
        assert_eq!(
            pin_from(Some("1111".into()), &mut none, false, "张敏").unwrap(),
            "1111"
        );
        let mut typed = std::io::Cursor::new("2222\r\n".as_bytes());
        assert_eq!(
            pin_from(Some(String::new()), &mut typed, false, "李娜").unwrap(),
            "2222"
        );
    }

    #[test]
    fn one_line_is_read_with_only_its_line_end_removed() {
        let mut typed = std::io::Cursor::new("  pass word 1\nnext line\n".as_bytes());
        assert_eq!(
            pin_from(None, &mut typed, false, "刘洋").unwrap(),
            "  pass word 1"
        );
    }

    #[test]
    fn nothing_typed_says_how_to_pass_the_pin() {
        for input in ["", "\n"] {
            let mut typed = std::io::Cursor::new(input.as_bytes());
            let e = pin_from(None, &mut typed, false, "张敏").unwrap_err();
            assert!(e.contains("张敏") && e.contains(PIN_VAR), "{e}");
        }
    }
}
