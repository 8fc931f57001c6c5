//! A copy of the live database while other desks keep writing.
//!
//! `VACUUM INTO` writes a consistent snapshot in one read transaction, so writers never restart
//! it (an online backup starts over on every commit of another process). The copy is made under
//! a temporary name in the target directory, checked with `integrity_check`, and only then
//! linked to its final name: a backup cut short leaves nothing that looks like a good copy.

use super::{Db, Result, StorageError, audit, create_private_file, parent_dir};
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
            if taken.exists() {
                return Err(StorageError::Invalid(format!("plik {} już istnieje; wskaż nowy plik", taken.display())));
            }
        }
        let name = dest.file_name().ok_or_else(|| {
            StorageError::Invalid(format!("{}: podaj nazwę nowego pliku kopii, a nie katalog", dest.display()))
        })?;
        let mut partial_name = std::ffi::OsString::from(".");
        partial_name.push(name);
        partial_name.push(format!(".{}.partial", std::process::id()));
        let partial = Partial(parent_dir(dest).join(partial_name));
        let partial_text = partial.0.to_str().ok_or_else(|| {
            StorageError::Invalid(format!("{}: nazwa kopii musi być zapisana w UTF-8", dest.display()))
        })?;
        create_private_file(&partial.0)?;
        self.conn.execute("VACUUM INTO ?1", [partial_text]).map_err(|e| match StorageError::from(e) {
            StorageError::Corrupt { .. } => StorageError::Corrupt { path: self.path.clone() },
            other => other,
        })?;
        check_copy(&partial.0)?;
        std::fs::File::open(&partial.0).and_then(|f| f.sync_all()).map_err(|e| cannot(&partial.0, e))?;
        // A hard link never replaces a file that appeared under the final name meanwhile; where
        // links are not supported (a FAT-formatted stick) a rename is the next best.
        match std::fs::hard_link(&partial.0, dest) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => return Err(cannot(dest, e)),
            Err(_) if !dest.exists() => std::fs::rename(&partial.0, dest).map_err(|e| cannot(dest, e))?,
            Err(e) => return Err(cannot(dest, e)),
        }
        drop(partial);
        let key = audit::key_path(&self.path);
        if key.exists() {
            copy_key(&key, &dest_key)?;
        }
        Ok(())
    }
}

fn check_copy(path: &Path) -> Result<()> {
    let copy = Connection::open(path)?;
    let verdict: Vec<String> =
        copy.prepare("PRAGMA integrity_check")?.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    if verdict != ["ok"] {
        return Err(StorageError::Invalid(format!(
            "kopia nie przeszła sprawdzenia spójności (integrity_check: {}); baza źródłowa może być uszkodzona",
            verdict.join("; ")
        )));
    }
    Ok(())
}

fn copy_key(from: &Path, to: &Path) -> Result<()> {
    use std::io::Write;
    use std::os::unix::fs::OpenOptionsExt;
    let cannot = |path: &Path, e: std::io::Error| StorageError::CannotOpen { path: path.into(), reason: e.to_string() };
    let text = std::fs::read(from).map_err(|e| cannot(from, e))?;
    let mut file =
        std::fs::OpenOptions::new().write(true).create_new(true).mode(0o640).open(to).map_err(|e| cannot(to, e))?;
    file.write_all(&text).and_then(|()| file.sync_all()).map_err(|e| cannot(to, e))
}
