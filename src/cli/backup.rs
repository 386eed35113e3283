//! `backup`, `backups` and `restore`: the desk's backups from the command line, for a scheduled
//! task or an administrator. A backup works while a desk has the database open (SQLite's online
//! backup); a restore does not, and takes the desk's lock for its time.
//!
//! None of them asks for a PIN: a backup only reads, and a restore is for a file the desk may not
//! open at all (a damaged one), by whoever may already replace files in its folder.

use std::path::Path;

use crate::domain::backup::size_text;
use crate::domain::date::now_local;
use crate::store::{self, BackupInfo, InstanceLock};

/// `wuye-desk backup --db F [--to DIR]`: one verified backup, into DIR or the folder set in 设置.
pub fn backup(db: &Path, to: Option<&Path>) -> Result<(), String> {
    if !db.is_file() {
        return Err(format!("找不到数据库 {}，请检查 --db 的路径", db.display()));
    }
    let folder = match to {
        Some(dir) => dir.to_path_buf(),
        None => store::backup_folders(db)
            .into_iter()
            .next()
            .unwrap_or_else(|| store::default_backup_folder(db)),
    };
    // A folder named on the command line is made if missing; the one set in 设置 is not (a USB
    // drive not plugged in must not become a folder on this disk).
    if to.is_some() {
        std::fs::create_dir_all(&folder)
            .map_err(|e| format!("无法建立备份文件夹 {}：{e}", folder.display()))?;
    }
    let info = store::back_up(db, &folder, now_local()).map_err(|e| e.to_string())?;
    println!(
        "已备份并校验：{}（{}）",
        info.path.display(),
        size_text(info.bytes)
    );
    Ok(())
}

/// One line of the list: time, size, verified, file.
fn line(b: &BackupInfo) -> String {
    format!(
        "{}  {:>9}  {}  {}",
        b.taken.format("%Y-%m-%d %H:%M:%S"),
        size_text(b.bytes),
        if b.verified { "已校验" } else { "未校验" },
        b.path.display()
    )
}

/// `wuye-desk backups --db F`: the database's backups in each folder they may be in, newest first.
pub fn backups(db: &Path) -> Result<(), String> {
    let mut any = false;
    for folder in store::backup_folders(db) {
        match store::list_backups(db, &folder) {
            Ok(list) if list.is_empty() => {}
            Ok(list) => {
                any = true;
                println!("备份文件夹 {}：", folder.display());
                for b in &list {
                    println!("{}", line(b));
                }
            }
            Err(e) => eprintln!("无法读取备份文件夹 {}：{e}", folder.display()),
        }
    }
    if !any {
        println!(
            "没有找到 {} 的备份。用 wuye-desk backup --db {} 备份一次",
            db.display(),
            db.display()
        );
    }
    Ok(())
}

/// `wuye-desk restore BACKUP --db F`: the backup verified and put in place of the database, the
/// current file kept aside; refused while a desk has the database open.
pub fn restore(backup: &Path, db: &Path) -> Result<(), String> {
    let _lock = InstanceLock::acquire(db).map_err(|e| e.to_string())?;
    let aside = store::restore_backup(backup, db, now_local()).map_err(|e| e.to_string())?;
    println!("已从备份恢复：{}", backup.display());
    if aside != db {
        println!("原来的数据库保存在：{}", aside.display());
    }
    Ok(())
}
