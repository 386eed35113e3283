//! One desk per database: an OS file lock beside the database file.
//!
//! The lock is held on `<database>.lock` for the life of the process. The OS drops it when the
//! process ends, even when it is killed, so a crash never leaves the desk locked out.

use std::fs::{File, OpenOptions, TryLockError};
use std::path::{Path, PathBuf};

use super::StoreError;

/// Held while this process has the database open for the desk.
#[derive(Debug)]
pub struct InstanceLock {
    _file: File,
    path: PathBuf,
}

impl InstanceLock {
    /// Takes the lock for the database at `db_path`, or says that another desk holds it.
    pub fn acquire(db_path: &Path) -> Result<InstanceLock, StoreError> {
        // Locked on the file's real path, so the same file reached through a link or another
        // spelling of its folder is the same desk.
        let real = real_path(db_path);
        let mut name = real.as_os_str().to_owned();
        name.push(".lock");
        let path = PathBuf::from(name);
        // On the first start the data folder does not exist yet.
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| StoreError::Io {
                path: dir.to_path_buf(),
                source: e,
            })?;
        }
        let file = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .map_err(|e| StoreError::Io {
                path: path.clone(),
                source: e,
            })?;
        match file.try_lock() {
            Ok(()) => Ok(InstanceLock { _file: file, path }),
            Err(TryLockError::WouldBlock) => Err(StoreError::InUse(db_path.to_path_buf())),
            Err(TryLockError::Error(e)) => Err(StoreError::Io { path, source: e }),
        }
    }

    /// The lock file's path (beside the database's real path).
    pub fn path(&self) -> &Path {
        &self.path
    }
}

/// `path` with links and `..` resolved: the file itself if it exists, otherwise its folder's real
/// path and its name (a database about to be created), otherwise `path` as given.
fn real_path(path: &Path) -> PathBuf {
    if let Ok(real) = path.canonicalize() {
        return real;
    }
    let folder = path.parent().filter(|d| !d.as_os_str().is_empty());
    match (folder.map(Path::canonicalize), path.file_name()) {
        (Some(Ok(dir)), Some(name)) => dir.join(name),
        _ => path.to_path_buf(),
    }
}
