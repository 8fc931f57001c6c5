//! A copy of the live database while other desks keep writing.
//!
//! `VACUUM INTO` writes a consistent snapshot in one read transaction, so writers never restart
//! it (an online backup starts over on every commit of another process). The copy is made under
//! a temporary name in the target directory, checked with `integrity_check`, and only then
//! linked to its final name: a backup cut short leaves nothing that looks like a good copy.

use super::{Db, Result, StorageError, audit, parent_dir};
use rusqlite::Connection;
use std::path::{Path, PathBuf};

/// Removes the partial copy unless the backup finished.
struct Partial(PathBuf);

impl Drop for Partial {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

impl Db {
    /// Copies the database to `dest`, a new file, and the audit log's key beside it.
    pub fn backup_to(&self, dest: &Path) -> Result<()> {
        let cannot =
            |path: &Path, e: std::io::Error| StorageError::CannotOpen { path: path.into(), reason: e.to_string() };
        let dest_key = audit::key_path(dest);
        for taken in [dest, &dest_key] {
            crate::userfile::check_target(taken).map_err(file_error)?;
            if taken.exists() {
                return Err(StorageError::Invalid(crate::i18n::errors::backup_exists(
                    crate::i18n::current(),
                    taken.display(),
                )));
            }
        }
        let name = dest.file_name().ok_or_else(|| {
            StorageError::Invalid(crate::i18n::errors::backup_is_directory(crate::i18n::current(), dest.display()))
        })?;
        let mut partial_name = std::ffi::OsString::from(".");
        partial_name.push(name);
        partial_name.push(format!(".{}.partial", std::process::id()));
        let partial = Partial(parent_dir(dest).join(partial_name));
        let partial_text = partial.0.to_str().ok_or_else(|| {
            StorageError::Invalid(crate::i18n::errors::backup_name_not_utf8(crate::i18n::current(), dest.display()))
        })?;
        // The copy is the person's file: made with their identity, the service group put down;
        // the open connection still reads the database.
        drop(crate::userfile::create(&partial.0).map_err(file_error)?);
        // The key goes first: a copy under its final name always has the key that verifies it,
        // even when the run is killed between the two.
        let key = audit::key_path(&self.path);
        if key.exists() {
            let text = std::fs::read(&key).map_err(|e| cannot(&key, e))?;
            crate::userfile::write(&dest_key, &text).map_err(file_error)?;
        }
        let copied = crate::service::as_own(|| self.copy_into(&partial.0, partial_text, dest))
            .map_err(|e| StorageError::CannotOpen { path: dest.into(), reason: e.0 })
            .and_then(|copied| copied);
        if copied.is_err() {
            let _ = std::fs::remove_file(&dest_key);
        }
        drop(partial);
        copied
    }

    fn copy_into(&self, partial: &Path, partial_text: &str, dest: &Path) -> Result<()> {
        let cannot =
            |path: &Path, e: std::io::Error| StorageError::CannotOpen { path: path.into(), reason: e.to_string() };
        self.conn.execute("VACUUM INTO ?1", [partial_text]).map_err(|e| match StorageError::from(e) {
            StorageError::Corrupt { .. } => StorageError::Corrupt { path: self.path.clone() },
            other => other,
        })?;
        check_copy(partial)?;
        std::fs::File::open(partial).and_then(|f| f.sync_all()).map_err(|e| cannot(partial, e))?;
        // A hard link never replaces a file that appeared under the final name meanwhile; where
        // links are not supported (a FAT-formatted stick) a rename is the next best.
        match std::fs::hard_link(partial, dest) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Err(cannot(dest, e)),
            Err(_) if !dest.exists() => std::fs::rename(partial, dest).map_err(|e| cannot(dest, e)),
            Err(e) => Err(cannot(dest, e)),
        }
    }
}

fn file_error(e: crate::userfile::FileError) -> StorageError {
    StorageError::CannotOpen { path: e.path, reason: e.reason }
}

fn check_copy(path: &Path) -> Result<()> {
    let copy = Connection::open(path)?;
    let verdict: Vec<String> =
        copy.prepare("PRAGMA integrity_check")?.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    if verdict != ["ok"] {
        return Err(StorageError::Invalid(crate::i18n::errors::backup_not_intact(
            crate::i18n::current(),
            verdict.join("; "),
        )));
    }
    Ok(())
}
