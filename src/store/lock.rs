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
        let mut name = db_path.as_os_str().to_owned();
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

    /// The lock file's path.
    pub fn path(&self) -> &Path {
        &self.path
    }
}
