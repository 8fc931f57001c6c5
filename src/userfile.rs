//! Every file a person names: an export (`--out`, `--pdf`, `--text`), the rejects of an import, a
//! backup, and the files read on their word (an import, a keymap, an anchor). Files are created
//! here alone, mode 0600, with the person's own identity (the service group put down, see
//! [`crate::service`]); never over a database this run has open, its `-wal`, `-shm`, journal or
//! key, nor anywhere in the directory of a service database, even through a link.

use crate::i18n::service as text;
use std::fs::File;
use std::io::Write;
use std::os::unix::fs::{MetadataExt, OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

#[derive(Debug, thiserror::Error)]
#[error("{}: {reason}", path.display())]
pub struct FileError {
    pub path: PathBuf,
    pub reason: String,
}

impl FileError {
    fn new(path: &Path, reason: String) -> FileError {
        FileError { path: path.into(), reason }
    }
}

/// The files no output may replace: a database's own files, by name (and by what those names
/// are now, so a link to one is refused too).
#[derive(Default)]
struct Guarded {
    names: Vec<PathBuf>,
    /// Directories of service databases, resolved.
    dirs: Vec<PathBuf>,
}

static GUARDED: Mutex<Guarded> = Mutex::new(Guarded { names: Vec::new(), dirs: Vec::new() });

/// Whether `meta` is one of the guarded files as they are now; `-wal` and `-shm` come and go, so
/// their inodes are looked up at each check, never remembered.
fn is_guarded_file(meta: &std::fs::Metadata) -> bool {
    let names = GUARDED.lock().unwrap_or_else(|p| p.into_inner()).names.clone();
    names.iter().filter_map(|n| std::fs::metadata(n).ok()).any(|g| (g.dev(), g.ino()) == (meta.dev(), meta.ino()))
}

/// The names SQLite and the audit log keep beside a database.
pub fn database_files(db: &Path) -> Vec<PathBuf> {
    ["", "-wal", "-shm", "-journal", ".key"]
        .iter()
        .map(|suffix| {
            let mut name = db.as_os_str().to_owned();
            name.push(suffix);
            PathBuf::from(name)
        })
        .collect()
}

/// Keeps outputs off the database at `db`; with `service`, off its whole directory too. Called by
/// storage whenever it opens a database.
pub fn guard_database(db: &Path, service: bool) {
    let absolute = std::path::absolute(db).unwrap_or_else(|_| db.into());
    let mut guarded = GUARDED.lock().unwrap_or_else(|p| p.into_inner());
    for file in database_files(&absolute) {
        if !guarded.names.contains(&file) {
            guarded.names.push(file);
        }
    }
    if service
        && let Some(dir) = absolute.parent().and_then(|d| d.canonicalize().ok())
        && !guarded.dirs.contains(&dir)
    {
        guarded.dirs.push(dir);
    }
}

/// Refuses a target that is, or lies beside, the service's files; `path` need not exist yet.
pub fn check_target(path: &Path) -> Result<(), FileError> {
    let absolute = std::path::absolute(path).map_err(|e| FileError::new(path, e.to_string()))?;
    let (names, dirs) = {
        let guarded = GUARDED.lock().unwrap_or_else(|p| p.into_inner());
        (guarded.names.clone(), guarded.dirs.clone())
    };
    if names.contains(&absolute) || std::fs::metadata(&absolute).is_ok_and(|meta| is_guarded_file(&meta)) {
        return Err(FileError::new(path, text::would_replace_database()));
    }
    let dir = match absolute.parent() {
        Some(parent) => parent.canonicalize().map_err(|e| FileError::new(path, e.to_string()))?,
        None => return Err(FileError::new(path, text::not_a_file_name())),
    };
    if let Some(service) = dirs.iter().find(|d| dir.starts_with(d)) {
        return Err(FileError::new(path, text::inside_service_directory(service)));
    }
    Ok(())
}

/// Whether an output may replace a file already at its path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Existing {
    /// Empty it and write over it (the command line's `--out`: the person named the file).
    Replace,
    /// Refuse with [`Created::AlreadyThere`], decided in the same call that creates the file, so
    /// that a file made meanwhile by someone else is not replaced without asking either.
    Keep,
}

/// What [`create_or_keep`] found.
pub enum Created {
    File(File),
    AlreadyThere,
}

/// Creates (or empties) the file at `path` for writing: 0600, the person's own, refused over the
/// service's files. An existing file keeps its owner; one that others could read is made 0600.
pub fn create(path: &Path) -> Result<File, FileError> {
    match create_or_keep(path, Existing::Replace)? {
        Created::File(file) => Ok(file),
        Created::AlreadyThere => unreachable!("Existing::Replace never keeps a file"),
    }
}

/// [`create`], with the choice of what happens to a file already there.
pub fn create_or_keep(path: &Path, existing: Existing) -> Result<Created, FileError> {
    check_target(path)?;
    let fail = |e: std::io::Error| FileError::new(path, e.to_string());
    let opened = crate::service::as_own(|| {
        let mut open = std::fs::OpenOptions::new();
        open.write(true).mode(0o600).custom_flags(nix::libc::O_NOFOLLOW | nix::libc::O_CLOEXEC);
        match existing {
            Existing::Replace => open.create(true),
            Existing::Keep => open.create_new(true),
        };
        open.open(path)
    })
    .map_err(|e| FileError::new(path, e.0))?;
    let file = match opened {
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => return Ok(Created::AlreadyThere),
        Err(e) if e.raw_os_error() == Some(nix::libc::ELOOP) => return Err(FileError::new(path, text::is_a_link())),
        Err(e) => return Err(fail(e)),
        Ok(file) => file,
    };
    let meta = file.metadata().map_err(fail)?;
    if is_guarded_file(&meta) {
        return Err(FileError::new(path, text::would_replace_database()));
    }
    if meta.is_file() {
        if meta.mode() & 0o077 != 0 {
            file.set_permissions(std::fs::Permissions::from_mode(0o600))
                .map_err(|e| FileError::new(path, text::cannot_make_private(&e.to_string())))?;
        }
        file.set_len(0).map_err(fail)?;
    }
    Ok(Created::File(file))
}

/// Writes `bytes` to a file made by [`create`].
pub fn write(path: &Path, bytes: &[u8]) -> Result<(), FileError> {
    write_to(path, create(path)?, bytes)
}

fn write_to(path: &Path, mut file: File, bytes: &[u8]) -> Result<(), FileError> {
    file.write_all(bytes).and_then(|()| file.flush()).map_err(|e| FileError::new(path, e.to_string()))
}

/// Writes `bytes` to a new file at `path`; `Ok(false)` when a file is already there (untouched).
pub fn write_new(path: &Path, bytes: &[u8]) -> Result<bool, FileError> {
    match create_or_keep(path, Existing::Keep)? {
        Created::File(file) => write_to(path, file, bytes).map(|()| true),
        Created::AlreadyThere => Ok(false),
    }
}

/// Reads a file the person named, with their own identity.
pub fn read(path: &Path) -> Result<Vec<u8>, FileError> {
    crate::service::as_own(|| std::fs::read(path))
        .map_err(|e| FileError::new(path, e.0))?
        .map_err(|e| FileError::new(path, e.to_string()))
}

pub fn read_to_string(path: &Path) -> Result<String, FileError> {
    String::from_utf8(read(path)?).map_err(|_| FileError::new(path, text::not_utf8()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mode(path: &Path) -> u32 {
        std::fs::metadata(path).unwrap().mode() & 0o777
    }

    #[test]
    fn outputs_are_private_and_an_existing_open_file_becomes_private() {
        let dir = tempfile::tempdir().unwrap();
        let new = dir.path().join("new.csv");
        write(&new, b"a").unwrap();
        assert_eq!(mode(&new), 0o600);
        let old = dir.path().join("old.csv");
        std::fs::write(&old, b"long old text").unwrap();
        std::fs::set_permissions(&old, std::fs::Permissions::from_mode(0o644)).unwrap();
        write(&old, b"b").unwrap();
        assert_eq!((mode(&old), std::fs::read(&old).unwrap()), (0o600, b"b".to_vec()));
    }

    #[test]
    fn never_over_a_guarded_database_by_name_link_or_directory() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("centre.db");
        std::fs::write(&db, b"database").unwrap();
        std::fs::write(dir.path().join("centre.db-wal"), b"wal").unwrap();
        guard_database(&db, false);
        for name in ["centre.db", "centre.db-wal", "centre.db-shm", "centre.db.key"] {
            let err = write(&dir.path().join(name), b"x").unwrap_err();
            assert_eq!(err.reason, text::would_replace_database(), "{name}");
        }
        let hard = dir.path().join("hard");
        std::fs::hard_link(&db, &hard).unwrap();
        assert_eq!(write(&hard, b"x").unwrap_err().reason, text::would_replace_database());
        let soft = dir.path().join("soft");
        std::os::unix::fs::symlink(&db, &soft).unwrap();
        assert!(write(&soft, b"x").is_err());
        assert_eq!(std::fs::read(&db).unwrap(), b"database");

        let service = tempfile::tempdir().unwrap();
        let served = service.path().join("okienko.db");
        std::fs::write(&served, b"service").unwrap();
        guard_database(&served, true);
        let err = write(&service.path().join("report.csv"), b"x").unwrap_err();
        assert!(err.reason.contains(&service.path().canonicalize().unwrap().display().to_string()), "{err}");
        let inside = service.path().join("sub");
        std::fs::create_dir(&inside).unwrap();
        let via = dir.path().join("via");
        std::os::unix::fs::symlink(&inside, &via).unwrap();
        assert!(write(&via.join("report.csv"), b"x").is_err());
        assert!(!inside.join("report.csv").exists());
    }
}
