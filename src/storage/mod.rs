//! The SQLite store: one file shared by many desk processes.
//!
//! Connections run in WAL mode with a busy timeout and foreign keys on. Every read-modify-write
//! goes through [`Db::write`], which starts with `BEGIN IMMEDIATE`: under WAL a deferred
//! transaction that later upgrades to a write fails at once with SQLITE_BUSY instead of waiting.

pub mod applications;
pub mod audit;
pub mod base;
pub mod card;
pub mod centre;
pub mod dashboard;
pub mod gminas;
pub mod migrations;
pub mod partners;
pub mod plans;
pub mod pools;
pub mod reports;
pub mod residents;
pub mod services;
pub mod staff;
pub mod subject;
pub mod usage;

use rusqlite::{Connection, OpenFlags, Transaction, TransactionBehavior};
use std::path::{Path, PathBuf};
use std::time::Duration;

pub use migrations::SCHEMA_VERSION;

/// How long a writer waits for another process's write to finish before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

#[derive(Debug, thiserror::Error)]
pub enum StorageError {
    #[error("baza {path} nie istnieje; utwórz ją: okienko init --db {path}")]
    Missing { path: PathBuf },
    #[error("baza {path} ma schemat w wersji {found}, a ten program zna najwyżej {supported}; zaktualizuj okienko")]
    SchemaTooNew { path: PathBuf, found: i64, supported: i64 },
    #[error("plik {path} nie jest bazą okienka (brak tabel okienka, a plik nie jest pusty)")]
    Foreign { path: PathBuf },
    #[error("plik {path} nie jest bazą SQLite albo jest uszkodzony")]
    Corrupt { path: PathBuf },
    #[error("baza jest zajęta przez inny proces dłużej niż {} s; spróbuj ponownie", BUSY_TIMEOUT.as_secs())]
    Busy,
    #[error("baza {path} jest tylko do odczytu dla tego użytkownika")]
    ReadOnly { path: PathBuf },
    #[error("nie można otworzyć bazy {path}: {reason}")]
    CannotOpen { path: PathBuf, reason: String },
    #[error("nie znaleziono: {0}")]
    NotFound(String),
    #[error("{0}")]
    Invalid(String),
    #[error("{0}")]
    Conflict(String),
    #[error("brak uprawnień: {0}")]
    Forbidden(String),
    #[error("błąd bazy danych: {0}")]
    Sqlite(rusqlite::Error),
}

impl From<rusqlite::Error> for StorageError {
    fn from(e: rusqlite::Error) -> Self {
        use rusqlite::ErrorCode;
        match e.sqlite_error_code() {
            Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => StorageError::Busy,
            Some(ErrorCode::ReadOnly) => StorageError::ReadOnly { path: PathBuf::new() },
            Some(ErrorCode::NotADatabase | ErrorCode::DatabaseCorrupt) => {
                StorageError::Corrupt { path: PathBuf::new() }
            }
            _ => StorageError::Sqlite(e),
        }
    }
}

impl From<crate::domain::text::FieldError> for StorageError {
    fn from(e: crate::domain::text::FieldError) -> Self {
        StorageError::Invalid(e.to_string())
    }
}

pub type Result<T> = std::result::Result<T, StorageError>;

pub struct Db {
    conn: Connection,
    path: PathBuf,
}

impl Db {
    /// Creates a new, empty centre database, readable only by its owner and group.
    pub fn create(path: &Path) -> Result<Db> {
        if path.exists() {
            return Db::open(path);
        }
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent)
                .map_err(|e| StorageError::CannotOpen { path: path.into(), reason: e.to_string() })?;
        }
        create_private_file(path)?;
        Db::open(path)
    }

    /// Opens an existing database, applying pending migrations.
    pub fn open(path: &Path) -> Result<Db> {
        if !path.exists() {
            return Err(StorageError::Missing { path: path.into() });
        }
        let conn =
            Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX)
                .map_err(|e| with_path(e.into(), path))?;
        let mut db = Db { conn, path: path.into() };
        db.configure().map_err(|e| with_path(e, path))?;
        migrations::migrate(&mut db.conn, path).map_err(|e| with_path(e, path))?;
        Ok(db)
    }

    fn configure(&self) -> Result<()> {
        self.conn.busy_timeout(BUSY_TIMEOUT)?;
        // Reading the schema first turns a non-database file into a clear error.
        self.conn.query_row("SELECT count(*) FROM sqlite_master", [], |_| Ok(()))?;
        let mode: String = self.conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
        if !mode.eq_ignore_ascii_case("wal") {
            return Err(StorageError::Invalid(format!("nie można włączyć trybu WAL (tryb: {mode})")));
        }
        self.conn.execute_batch("PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL;")?;
        Ok(())
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Read-only access; statements run in autocommit mode, each seeing a consistent snapshot.
    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    /// Runs `work` in one `BEGIN IMMEDIATE` transaction, committed if it returns `Ok`.
    pub fn write<T>(&mut self, work: impl FnOnce(&Transaction<'_>) -> Result<T>) -> Result<T> {
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let value = work(&tx)?;
        tx.commit()?;
        Ok(value)
    }

    /// A consistent copy of the live database while others keep working (SQLite online backup).
    pub fn backup_to(&self, dest: &Path) -> Result<()> {
        if dest.exists() {
            return Err(StorageError::Invalid(format!("plik {} już istnieje; wskaż nowy plik", dest.display())));
        }
        create_private_file(dest)?;
        let mut target = Connection::open(dest)?;
        let backup = rusqlite::backup::Backup::new(&self.conn, &mut target)?;
        backup.run_to_completion(256, Duration::from_millis(5), None)?;
        Ok(())
    }
}

fn with_path(e: StorageError, path: &Path) -> StorageError {
    match e {
        StorageError::ReadOnly { .. } => StorageError::ReadOnly { path: path.into() },
        StorageError::Corrupt { .. } => StorageError::Corrupt { path: path.into() },
        StorageError::Sqlite(rusqlite::Error::SqliteFailure(f, msg)) if f.code == rusqlite::ErrorCode::CannotOpen => {
            StorageError::CannotOpen { path: path.into(), reason: msg.unwrap_or_else(|| f.to_string()) }
        }
        other => other,
    }
}

/// Creates an empty file with mode 0660 so that the database never starts world-readable.
fn create_private_file(path: &Path) -> Result<()> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o660)
        .open(path)
        .and_then(|file| {
            use std::os::unix::fs::PermissionsExt;
            // The umask may have taken the group's write bit; the desk's group shares the file.
            file.set_permissions(std::fs::Permissions::from_mode(0o660))
        })
        .map_err(|e| StorageError::CannotOpen { path: path.into(), reason: e.to_string() })
}

/// The current time as stored: UTC, RFC 3339, seconds.
pub fn now_stamp() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}
