//! The desk's backups on the real view: at start, on the minute tick after the hours set, 立即备份
//! and the list in 设置, 恢复 with its confirmation (the desk reopens on the restored file), the
//! warning at the bottom, and the exit backup with its checkpoint.

use chrono::{Duration, NaiveDate, NaiveDateTime};
use wuye_desk::domain::backup::BackupSettings;
use wuye_desk::ui::settings::BACKUP;
use wuye_desk::ui::{BackupWhy, Clock, Desk, Message};

use crate::common::ui::{act, click, countersign, shows};
use crate::common::{PIN, SUPERVISOR, clerk, open_signed_in, signs_in, staffed_store, unit};

fn nine() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 12, 1)
        .and_then(|d| d.and_hms_opt(9, 0, 0))
        .unwrap()
}

/// A desk on a store with one unit, the supervisor signed in, at 09:00.
fn desk() -> (tempfile::TempDir, Desk) {
    let (dir, mut store) = staffed_store();
    store.add_unit(&unit("3-2-1502"), &clerk()).unwrap();
    let mut desk = Desk::new(store, None).unwrap();
    desk.set_clock(Clock::Fixed(nine()));
    (dir, desk)
}

/// Clicks `label` in 设置 → 锁定、备份与打印 → 备份, which sits at the foot of that part: the
/// part is chosen and scrolled to its end first, as the user would.
fn click_below(desk: &mut Desk, label: &str) {
    use iced::mouse::{Event as Mouse, ScrollDelta};
    if desk.settings().section() != wuye_desk::ui::settings::Section::Desk {
        crate::common::ui::click(desk, "锁定、备份与打印");
    }
    act(desk, |ui| {
        ui.point_at((640.0, 500.0));
        let _ = ui.simulate([iced::Event::Mouse(Mouse::WheelScrolled {
            delta: ScrollDelta::Lines { x: 0.0, y: -100.0 },
        })]);
        ui.click(label)
            .unwrap_or_else(|e| panic!("no “{label}” at the foot of 设置: {e:?}"));
    });
}

/// Runs the backup the desk started, as its worker thread would, and hands the result back.
fn finish_backup(desk: &mut Desk) -> BackupWhy {
    let job = desk.backup_job().expect("a backup running").clone();
    let _ = desk.update(Message::Backup(job.run()));
    assert!(desk.backup_job().is_none());
    job.why
}

#[test]
fn the_desk_backs_up_at_start_and_again_after_the_hours_set() {
    let (dir, mut desk) = desk();
    let _ = desk.start();
    let job = desk.backup_job().expect("the start backup").clone();
    assert_eq!(job.why, BackupWhy::Start);
    assert_eq!(job.folder, dir.path().join("备份"));
    // No warning while the first backup runs.
    assert!(!shows(&desk, "备份提醒"));
    assert_eq!(finish_backup(&mut desk), BackupWhy::Start);
    assert!(
        dir.path()
            .join("备份/desk-20261201-090000.sqlite3")
            .is_file()
    );
    assert!(!shows(&desk, "备份提醒"));

    // Three hours later nothing is due; four hours later the tick starts one.
    desk.set_clock(Clock::Fixed(nine() + Duration::hours(3)));
    let _ = desk.update(Message::Tick);
    assert!(desk.backup_job().is_none());
    desk.set_clock(Clock::Fixed(nine() + Duration::hours(4)));
    let _ = desk.update(Message::Tick);
    assert_eq!(finish_backup(&mut desk), BackupWhy::Interval);
    // Nothing was written since: no second file repeats the first.
    assert_eq!(
        std::fs::read_dir(dir.path().join("备份")).unwrap().count(),
        1
    );

    // Three days on with no backup taken, the desk warns.
    desk.set_clock(Clock::Fixed(nine() + Duration::days(3)));
    assert!(shows(&desk, "备份提醒"));
}

#[test]
fn backing_up_now_lists_the_backup_and_restoring_it_reopens_the_desk_on_it() {
    let (dir, mut desk) = desk();
    click(&mut desk, "设置");
    click(&mut desk, "锁定、备份与打印");
    assert!(shows(&desk, "还没有备份。"));
    click_below(&mut desk, "立即备份");
    assert_eq!(finish_backup(&mut desk), BackupWhy::Asked);
    let said = desk.settings().message(BACKUP).expect("a message").clone();
    assert!(
        !said.error && said.text.starts_with("已备份并校验"),
        "{said:?}"
    );
    assert!(shows(&desk, "已校验"));
    assert!(shows(&desk, "2026-12-01 09:00:00"));
    let backup = desk.settings().backups()[0].path.clone();

    // Work done after the backup (through a second connection, as another window would).
    let mut other = open_signed_in(&dir.path().join("desk.sqlite3"));
    other.add_unit(&unit("3-2-1503"), &clerk()).unwrap();
    drop(other);
    assert_eq!(desk.store().unit_count().unwrap(), 2);

    click_below(&mut desk, "恢复");
    assert!(shows(&desk, "确认恢复"));
    click_below(&mut desk, "取消");
    assert!(!shows(&desk, "确认恢复"));
    click_below(&mut desk, "恢复");
    click_below(&mut desk, "确认恢复");
    // Reopened on the restored file: everyone signs in again; the old file is kept aside.
    assert!(desk.session().cover().is_some(), "the sign-in screen");
    assert!(desk.signed_in().is_none());
    assert!(backup.exists(), "the backup stays");
    assert!(
        dir.path()
            .join("desk.sqlite3.before-restore-20261201-0900")
            .is_file()
    );
    assert_eq!(desk.store().unit_count().unwrap(), 1);
    assert_eq!(desk.store().path(), dir.path().join("desk.sqlite3"));
    // The restored file's log says so: who, from which backup, where the replaced file went.
    let log = desk
        .store()
        .audit_log(&wuye_desk::store::AuditFilter::default(), 0, 1)
        .unwrap();
    let last = &log.rows[0];
    assert_eq!(last.what, "从备份恢复");
    assert_eq!(last.who, SUPERVISOR);
    assert!(
        last.before
            .as_deref()
            .is_some_and(|b| b.contains("before-restore-20261201-0900")),
        "{last:?}"
    );
    assert!(desk.store().verify_audit().unwrap().is_empty());
}

#[test]
fn a_receptionist_restores_only_with_the_supervisors_countersign() {
    let (dir, mut store) = staffed_store();
    store.add_unit(&unit("3-2-1502"), &clerk()).unwrap();
    let folder = dir.path().join("备份");
    store.back_up(&folder, nine()).unwrap();
    store.add_unit(&unit("3-2-1503"), &clerk()).unwrap();
    signs_in(&mut store, "张敏");
    let mut desk = Desk::new(store, None).unwrap();
    desk.set_clock(Clock::Fixed(nine() + Duration::hours(1)));
    click(&mut desk, "设置");
    click_below(&mut desk, "恢复");
    click_below(&mut desk, "确认恢复");
    assert_eq!(desk.store().unit_count().unwrap(), 2, "not restored yet");
    countersign(&mut desk, &format!("{SUPERVISOR}（客服中心主管）"), PIN);
    assert_eq!(
        desk.store().unit_count().unwrap(),
        1,
        "restored once countersigned"
    );
    assert!(desk.session().cover().is_some());
}

#[test]
fn a_missing_backup_folder_is_warned_of_on_the_desk() {
    let (dir, mut store) = staffed_store();
    let usb = dir.path().join("U盘");
    std::fs::create_dir(&usb).unwrap();
    store
        .save_backup_settings(
            &BackupSettings {
                folder: usb.display().to_string(),
                interval_hours: 4,
            },
            &clerk(),
        )
        .unwrap();
    std::fs::remove_dir(&usb).unwrap();
    let mut desk = Desk::new(store, None).unwrap();
    desk.set_clock(Clock::Fixed(nine()));
    let _ = desk.start();
    finish_backup(&mut desk);
    assert!(shows(&desk, "备份提醒"));
    assert!(!usb.exists(), "not made on this disk in the drive's place");
    // The drive back: 立即备份 clears the warning.
    std::fs::create_dir(&usb).unwrap();
    click(&mut desk, "设置");
    click_below(&mut desk, "立即备份");
    finish_backup(&mut desk);
    assert!(!shows(&desk, "备份提醒"));
    assert_eq!(std::fs::read_dir(&usb).unwrap().count(), 1);
}

#[test]
fn closing_the_window_backs_up_then_checkpoints_the_log_into_the_file() {
    let (dir, mut desk) = desk();
    let db = dir.path().join("desk.sqlite3");
    let wal = dir.path().join("desk.sqlite3-wal");
    assert!(wal.metadata().unwrap().len() > 0, "work in the log");
    let _ = desk.update(Message::CloseRequested(iced::window::Id::unique()));
    assert!(shows(&desk, "正在备份数据，完成后窗口会自动关闭……"));
    assert_eq!(finish_backup(&mut desk), BackupWhy::Exit);
    assert!(
        dir.path()
            .join("备份/desk-20261201-090000.sqlite3")
            .is_file()
    );
    assert_eq!(wal.metadata().map_or(0, |m| m.len()), 0, "checkpointed");
    // The file alone, without its -wal and -shm, has everything.
    let alone = dir.path().join("alone.sqlite3");
    std::fs::copy(&db, &alone).unwrap();
    let copy = wuye_desk::store::Store::open(&alone).unwrap();
    assert_eq!(copy.unit_count().unwrap(), 1);
}
