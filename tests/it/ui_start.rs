//! Starting the desk on a damaged database: the window says what happened, keeps the damaged
//! file aside, and restores the newest verified backup in two clicks, on the real view.

use std::path::Path;

use chrono::NaiveDateTime;
use iced_test::Simulator;
use rusqlite::Connection;
use wuye_desk::store::{back_up, default_backup_folder, set_aside_files};
use wuye_desk::ui::{App, Message, start};

use crate::common::ui::settings;
use crate::common::{clerk, open_signed_in, temp_db, unit};

fn at(text: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M").unwrap()
}

fn app_shows(app: &App, text: &str) -> bool {
    Simulator::with_size(settings(), (1280.0, 1000.0), app.view())
        .find(text)
        .is_ok()
}

fn app_click(app: &mut App, label: &str) {
    let messages: Vec<Message> = {
        let mut ui = Simulator::with_size(settings(), (1280.0, 1000.0), app.view());
        ui.click(label)
            .unwrap_or_else(|e| panic!("no “{label}” on screen: {e:?}"));
        ui.into_messages().collect()
    };
    for m in messages {
        let _ = app.update(m);
    }
}

/// The first byte of the units table's root page set to a page type no page has.
fn damage(path: &Path) {
    let (root, size): (i64, i64) = {
        let conn = Connection::open(path).unwrap();
        (
            conn.query_row(
                "SELECT rootpage FROM sqlite_schema WHERE name = 'units'",
                [],
                |r| r.get(0),
            )
            .unwrap(),
            conn.query_row("PRAGMA page_size", [], |r| r.get(0))
                .unwrap(),
        )
    };
    let mut bytes = std::fs::read(path).unwrap();
    bytes[((root - 1) * size) as usize] = 0xFF;
    std::fs::write(path, bytes).unwrap();
}

#[test]
fn a_damaged_database_is_kept_aside_and_the_newest_backup_restored_in_two_clicks() {
    let (_dir, path) = temp_db();
    let mut store = open_signed_in(&path);
    store.add_unit(&unit("3-2-1502"), &clerk()).unwrap();
    drop(store);
    back_up(&path, &default_backup_folder(&path), at("2026-12-02 09:00")).unwrap();
    // Work after the backup: the minutes a restore loses.
    let mut store = open_signed_in(&path);
    store.add_unit(&unit("3-2-1503"), &clerk()).unwrap();
    drop(store);
    damage(&path);

    let mut app = start::open(&path, at("2026-12-02 10:30"));
    assert!(
        matches!(app, App::Recover(_)),
        "the damage is found at start"
    );
    assert!(app_shows(&app, "客服台的数据库出了问题"));
    let aside = set_aside_files(&path, "corrupt");
    assert_eq!(aside.len(), 1, "{aside:?}");
    assert!(
        aside[0]
            .to_string_lossy()
            .ends_with(".corrupt-20261202-1030")
    );
    assert!(
        !path.exists(),
        "the damaged file is no longer under the database's name"
    );

    app_click(&mut app, "用 2026-12-02 09:00 的备份恢复");
    assert!(app_shows(
        &app,
        "确定用 2026-12-02 09:00 的备份恢复吗？备份会先再校验一次。"
    ));
    app_click(&mut app, "确定恢复");
    let App::Ready(desk) = &app else {
        panic!("the desk opens on the restored file");
    };
    assert_eq!(desk.store().unit_count().unwrap(), 1, "the backup's units");
    assert!(desk.store().check().unwrap().is_empty());
    // The damaged file is still there for whoever looks into it.
    assert!(aside[0].exists());
}

#[test]
fn without_a_backup_the_desk_does_not_start_empty_unless_asked() {
    let (_dir, path) = temp_db();
    let mut store = open_signed_in(&path);
    store.add_unit(&unit("3-2-1502"), &clerk()).unwrap();
    drop(store);
    damage(&path);

    let app = start::open(&path, at("2026-12-02 10:30"));
    assert!(app_shows(
        &app,
        "没有找到可以恢复的已校验备份（在数据库旁边的备份文件夹和设置里的备份文件夹中都没有）。"
    ));
    drop(app);
    // Started again: the damaged file was moved aside, yet no empty estate appears in its place.
    let mut app = start::open(&path, at("2026-12-02 10:35"));
    assert!(matches!(app, App::Recover(_)));
    assert!(app_shows(
        &app,
        "上次启动时发现数据库已损坏，还没有恢复。没有在这个文件上写入任何东西。"
    ));
    assert!(!path.exists());
    app_click(&mut app, "不恢复，建立新的空数据库");
    app_click(&mut app, "确定建立");
    let App::Ready(desk) = &app else {
        panic!("an empty desk, when asked");
    };
    assert_eq!(desk.store().unit_count().unwrap(), 0);
    assert_eq!(set_aside_files(&path, "corrupt").len(), 1);
}
