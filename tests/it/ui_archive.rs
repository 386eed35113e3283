//! The 月末归档 tab in the simulator: a receptionist starts it and the supervisor countersigns,
//! the progress bar moves file by file, the finished archive opens and is listed; 取消 leaves
//! nothing.

use chrono::{NaiveDate, NaiveDateTime};
use wuye_desk::ui::archive::{FOLDER_ID, MONTH_ID};
use wuye_desk::ui::{Clock, Desk, Message, Tab};

use crate::common::ui::{click, countersign, retype, shows};
use crate::common::{PIN, SUPERVISOR, signs_in, staffed_store};

fn first_of_december() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 12, 1)
        .and_then(|d| d.and_hms_opt(9, 0, 0))
        .unwrap()
}

/// Runs the tab's job as the worker thread would, handing every message to the desk; returns
/// how many progress messages there were.
fn run_job(desk: &mut Desk, check_first: impl FnOnce(&Desk)) -> usize {
    let job = desk.archive().job().expect("a job started").clone();
    let mut progress = Vec::new();
    let end = job.run(&mut |m| progress.push(m));
    let count = progress.len();
    let mut progress = progress.into_iter();
    if let Some(first) = progress.next() {
        let _ = desk.update(Message::Archive(first));
        check_first(desk);
    }
    for m in progress {
        let _ = desk.update(Message::Archive(m));
    }
    let _ = desk.update(Message::Archive(end));
    count
}

#[test]
fn a_receptionist_archives_november_with_the_supervisors_countersign_and_can_cancel() {
    let (_dir, mut store) = staffed_store();
    signs_in(&mut store, "张敏");
    let mut desk = Desk::new(store, None).unwrap();
    desk.set_clock(Clock::Fixed(first_of_december()));
    let out = tempfile::tempdir().expect("out");
    let _ = desk.update(Message::TabSelected(Tab::Archive));
    assert_eq!(desk.tab(), Tab::Archive);
    assert!(shows(&desk, "还没有归档过任何月份。"));
    assert_eq!(desk.archive().job().map(|j| j.month.to_string()), None);
    // Last month is picked; the month still running cannot be stepped to.
    click(&mut desk, "下一月");
    click(&mut desk, "上一月");
    assert!(shows(&desk, "2026-10"));
    retype(&mut desk, MONTH_ID, "2026-11");
    retype(&mut desk, FOLDER_ID, &out.path().display().to_string());

    click(&mut desk, "开始归档");
    assert!(
        desk.archive().job().is_none(),
        "nothing built before someone signs"
    );
    countersign(&mut desk, &format!("{SUPERVISOR}（客服中心主管）"), PIN);
    let steps = run_job(&mut desk, |desk| {
        assert!(shows(desk, "取消"), "取消 while it runs");
        let p = desk.archive().running().expect("running");
        assert_eq!(p.done, 1);
        assert!(shows(desk, &format!("1/{}  {}", p.total, p.name)));
    });
    assert!(steps >= 5, "file by file: {steps}");
    let done = desk
        .archive()
        .last()
        .unwrap_or_else(|| panic!("{:?}", desk.archive().message()))
        .clone();
    assert_eq!(
        done.folder,
        out.path().join("物业客服台归档-未命名小区-2026-11")
    );
    assert!(done.folder.join("SHA256SUMS").is_file());
    assert!(shows(&desk, "打开文件夹"));
    assert!(shows(
        &desk,
        &format!(
            "已归档 2026-11：{} 个文件，保存在 {}",
            done.files,
            done.folder.display()
        )
    ));
    let listed = &desk.archive().months()[0];
    assert_eq!(listed.first_by, format!("{SUPERVISOR}（经办：张敏）"));
    assert!(shows(&desk, "2026-11"));
    assert!(shows(&desk, "无"), "nothing changed since");

    // October, cancelled at once: nothing of it remains beside November's archive.
    retype(&mut desk, MONTH_ID, "2026-10");
    click(&mut desk, "开始归档");
    countersign(&mut desk, &format!("{SUPERVISOR}（客服中心主管）"), PIN);
    click(&mut desk, "取消");
    run_job(&mut desk, |_| {});
    assert!(shows(&desk, "已取消归档，没有留下任何文件"));
    assert_eq!(std::fs::read_dir(out.path()).unwrap().count(), 2);
    assert_eq!(desk.archive().months().len(), 1);

    // The month still running is refused before anything is asked.
    retype(&mut desk, MONTH_ID, "2026-12");
    click(&mut desk, "开始归档");
    assert!(shows(&desk, "2026-12 还没有结束，只能归档已经过去的月份"));
}
