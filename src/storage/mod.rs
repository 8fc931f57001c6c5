//! The SQLite store: one file shared by many desk processes.
//!
//! Connections run in WAL mode with a busy timeout and foreign keys on. Every read-modify-write
//! goes through [`Db::write`], which starts with `BEGIN IMMEDIATE`: under WAL a deferred
//! transaction that later upgrades to a write fails at once with SQLITE_BUSY instead of waiting.

pub mod applications;
pub mod audit;
pub mod backup;
pub mod base;
pub mod card;
pub mod centre;
pub mod dashboard;
pub mod form_drafts;
pub mod migrations;
pub mod partners;
pub mod places;
pub mod plans;
pub mod pools;
pub mod qualifications;
pub mod reports;
pub mod residents;
pub mod services;
pub mod special;
pub mod staff;
pub mod subject;
pub mod usage;
pub mod waitlist;

use crate::domain::text::{FieldError, FieldProblem};
use crate::i18n::{current, errors};
use chrono::{DateTime, Utc};
use rusqlite::{Connection, OpenFlags, Transaction, TransactionBehavior};
use std::cell::Cell;
use std::path::{Path, PathBuf};
use std::time::Duration;

pub use migrations::SCHEMA_VERSION;

/// How long a writer waits for another process's write to finish before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

#[derive(Debug, thiserror::Error)]
pub enum StorageError {
    #[error("{}", errors::missing_database(current(), .path.display()))]
    Missing { path: PathBuf },
    #[error("{}", errors::schema_too_new(current(), .path.display(), .found, .supported))]
    SchemaTooNew { path: PathBuf, found: i64, supported: i64 },
    #[error("{}", errors::foreign_file(current(), .path.display()))]
    Foreign { path: PathBuf },
    #[error("{}", errors::corrupt_file(current(), .path.display()))]
    Corrupt { path: PathBuf },
    #[error("{}", errors::busy(current(), BUSY_TIMEOUT.as_secs()))]
    Busy,
    #[error("{}", errors::read_only(current(), .path.display()))]
    ReadOnly { path: PathBuf },
    #[error("{}", errors::cannot_open(current(), .path.display(), .reason))]
    CannotOpen { path: PathBuf, reason: String },
    #[error("{}", errors::not_found(current(), .0))]
    NotFound(String),
    /// A value refused for one field. The field's key stays in the error, so that the desk puts
    /// the cursor on that field and the command line names its option.
    #[error("{0}")]
    Field(#[from] FieldError),
    #[error("{0}")]
    Invalid(String),
    #[error("{0}")]
    Conflict(String),
    /// A pool lacks the units a grant needs; the command line says the application may wait.
    #[error("{0}")]
    NoRoom(String),
    /// People who applied earlier wait for the service; a reason for going first lets it through.
    #[error("{0}")]
    EarlierApplicantsWait(String),
    /// A PESEL someone already has; the desk opens that person, the command line exits with 3.
    #[error("PESEL: {}", errors::pesel_taken_by(current(), *.id, .name))]
    DuplicatePesel { id: i64, name: String },
    /// People registered who may be the one being registered; the desk shows them side by side.
    #[error("{}", errors::looks_like(current(), &residents::describe_look_alikes(.0)))]
    LooksLike(Vec<residents::LookAlike>),
    #[error("{}", errors::forbidden(current(), .0))]
    Forbidden(String),
    #[error("{}", errors::database_error(current(), .0))]
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
            // A value the checks above the store let through; said in words, with the rule.
            Some(ErrorCode::ConstraintViolation) if e.to_string().starts_with("CHECK constraint failed") => {
                let rule = e
                    .to_string()
                    .trim_start_matches("CHECK constraint failed")
                    .trim_start_matches(':')
                    .trim()
                    .to_string();
                StorageError::Invalid(crate::i18n::errors::database_rule(crate::i18n::current(), rule))
            }
            _ => StorageError::Sqlite(e),
        }
    }
}

pub type Result<T> = std::result::Result<T, StorageError>;

/// A refusal of one field for a reason worded where it is found.
pub(crate) fn refused(field: &'static str, reason: String) -> StorageError {
    StorageError::Field(FieldProblem::Mismatch(reason).on(field))
}

/// A write in progress: one `BEGIN IMMEDIATE` transaction, handed out only by [`Db::write`].
/// Every function that changes the database takes one, so no change can run outside a
/// transaction; reads take a `&Connection`, which a `Tx` also is, so they work inside a write.
///
/// The transaction also carries the moment its writers stamp (creation, decision and audit
/// times): one real moment for the whole transaction, read at its first stamp, so that a row and
/// its audit entry say the same time; unless [`Tx::set_clock`] moved it, which only the demo
/// generator does to write a case history that happened months ago.
pub struct Tx<'c> {
    tx: Transaction<'c>,
    clock: Cell<Option<DateTime<Utc>>>,
    real: std::cell::OnceCell<DateTime<Utc>>,
    /// The audit log's key, read from its file at the first entry of the transaction, and the
    /// head its last entry wrote.
    audit_key: std::cell::OnceCell<audit::Key>,
    audit_head: Cell<Option<audit::Head>>,
}

impl std::ops::Deref for Tx<'_> {
    type Target = Connection;

    fn deref(&self) -> &Connection {
        &self.tx
    }
}

impl Tx<'_> {
    /// The moment the writers of this transaction stamp.
    pub fn now(&self) -> DateTime<Utc> {
        self.clock.get().unwrap_or_else(|| *self.real.get_or_init(Utc::now))
    }

    /// [`Tx::now`] as stored: UTC, RFC 3339, milliseconds.
    pub fn now_stamp(&self) -> String {
        stamp(self.now())
    }

    /// The day of [`Tx::now`] at the desk: the pinned or real today unless the clock was moved.
    pub fn today(&self) -> chrono::NaiveDate {
        match self.clock.get() {
            Some(at) => at.with_timezone(&chrono::Local).date_naive(),
            None => crate::config::today(),
        }
    }

    /// Stamps the following writes at `at` instead of the real time (`None`: the real time
    /// again); the audit log then reads as if each step had been taken at that moment. Moving
    /// the clock back past stamps already written is the caller's choice: the chain is ordered
    /// by entry, not by time.
    pub fn set_clock(&self, at: Option<DateTime<Utc>>) {
        self.clock.set(at);
    }
}

pub struct Db {
    conn: Connection,
    path: PathBuf,
}

impl Db {
    /// Creates a new, empty centre database, readable only by its owner and group, with the
    /// key of its audit log beside it.
    pub fn create(path: &Path) -> Result<Db> {
        if path.exists() {
            return Db::open(path);
        }
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent)
                .map_err(|e| StorageError::CannotOpen { path: path.into(), reason: e.to_string() })?;
        }
        create_private_file(path)?;
        Db::open_file(path, true)
    }

    /// Opens an existing okienko database, applying pending migrations. Anything else (a missing,
    /// empty or foreign file) is refused before a byte of it is written.
    pub fn open(path: &Path) -> Result<Db> {
        Db::open_file(path, false)
    }

    /// On a service database, another thread never puts the service group down meanwhile: the
    /// connection's `-wal` and `-shm` are opened with it (see [`crate::service`]).
    fn open_file(path: &Path, creating: bool) -> Result<Db> {
        crate::userfile::guard_database(path, crate::service::holding_group());
        crate::service::with_group(|| Db::open_held(path, creating))
    }

    fn open_held(path: &Path, creating: bool) -> Result<Db> {
        // Before SQLite creates `-wal` and `-shm`: with the usual 022 they start without the
        // group's write bit, and a desk of another login opening at that instant is read-only.
        nix::sys::stat::umask(nix::sys::stat::Mode::from_bits_truncate(0o007));
        let meta = std::fs::metadata(path).map_err(|e| missing_or_unreachable(path, e))?;
        if meta.is_dir() {
            return Err(StorageError::CannotOpen { path: path.into(), reason: "to katalog, a nie plik bazy".into() });
        }
        if meta.len() == 0 && !creating {
            return Err(StorageError::CannotOpen {
                path: path.into(),
                reason: "plik jest pusty (0 bajtów), więc nie jest bazą okienka — może to nieudana kopia; \
                         nową bazę tworzy okienko init"
                    .into(),
            });
        }
        let conn =
            Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX)
                .map_err(|e| with_path(e.into(), path))?;
        let mut db = Db { conn, path: path.into() };
        db.configure(creating).map_err(|e| with_path(e, path))?;
        migrations::migrate(&mut db.conn, path).map_err(|e| with_path(e, path))?;
        Ok(db)
    }

    fn configure(&self, creating: bool) -> Result<()> {
        self.conn.busy_timeout(BUSY_TIMEOUT)?;
        // Reading the schema first turns a non-database file into a clear error, and a SQLite
        // file that is not okienko's is refused before switching it to WAL would change it.
        let version: i64 = self.conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        self.conn.query_row("SELECT count(*) FROM sqlite_master", [], |_| Ok(()))?;
        if version == 0 && !creating {
            return Err(StorageError::Foreign { path: self.path.clone() });
        }
        let mode: String = self.conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
        if !mode.eq_ignore_ascii_case("wal") {
            return Err(StorageError::Invalid(crate::i18n::errors::no_wal(crate::i18n::current(), mode)));
        }
        // Temporary tables and sorts stay in memory: a temporary file would be the person's own,
        // in a directory of their choosing (TMPDIR), with pages of a service database in it.
        self.conn
            .execute_batch("PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL; PRAGMA temp_store = MEMORY;")?;
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
    pub fn write<T>(&mut self, work: impl FnOnce(&Tx<'_>) -> Result<T>) -> Result<T> {
        let tx = Tx {
            tx: self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?,
            clock: Cell::new(None),
            real: std::cell::OnceCell::new(),
            audit_key: Default::default(),
            audit_head: Cell::new(None),
        };
        let value = work(&tx)?;
        tx.tx.commit()?;
        Ok(value)
    }
}

/// A path that cannot be read: missing only if its directory could be searched and lacks it.
fn missing_or_unreachable(path: &Path, e: std::io::Error) -> StorageError {
    let dir = parent_dir(path);
    match e.kind() {
        std::io::ErrorKind::NotFound => StorageError::Missing { path: path.into() },
        std::io::ErrorKind::PermissionDenied => unreachable_dir(path, &dir),
        _ => StorageError::CannotOpen { path: path.into(), reason: e.to_string() },
    }
}

fn unreachable_dir(path: &Path, dir: &Path) -> StorageError {
    StorageError::CannotOpen {
        path: path.into(),
        reason: crate::i18n::errors::directory_unreachable(crate::i18n::current(), dir.display()),
    }
}

pub(crate) fn parent_dir(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.into(),
        _ => PathBuf::from("."),
    }
}

/// Puts the path into an error from SQLite, and says which file or directory refused writing:
/// SQLite reports a directory it cannot create `-wal`/`-shm` in as a read-only database.
fn with_path(e: StorageError, path: &Path) -> StorageError {
    let read_only_reason = || {
        use nix::unistd::{AccessFlags, access};
        let dir = parent_dir(path);
        for suffix in ["", "-wal", "-shm"] {
            let mut name = path.as_os_str().to_owned();
            name.push(suffix);
            let file = PathBuf::from(name);
            if file.exists() && access(&file, AccessFlags::W_OK).is_err() {
                return Some(StorageError::ReadOnly { path: file });
            }
        }
        if access(&dir, AccessFlags::W_OK | AccessFlags::X_OK).is_err() {
            return Some(StorageError::CannotOpen {
                path: path.into(),
                reason: crate::i18n::errors::directory_read_only(crate::i18n::current(), dir.display()),
            });
        }
        None
    };
    match e {
        StorageError::ReadOnly { .. } => {
            read_only_reason().unwrap_or_else(|| StorageError::ReadOnly { path: path.into() })
        }
        StorageError::Corrupt { .. } => StorageError::Corrupt { path: path.into() },
        StorageError::Sqlite(rusqlite::Error::SqliteFailure(f, msg)) if f.code == rusqlite::ErrorCode::CannotOpen => {
            read_only_reason().unwrap_or_else(|| StorageError::CannotOpen {
                path: path.into(),
                reason: msg.unwrap_or_else(|| f.to_string()),
            })
        }
        other => other,
    }
}

/// Creates an empty file with mode 0660 so that the database never starts world-readable.
pub(crate) fn create_private_file(path: &Path) -> Result<()> {
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

/// A moment as stored: UTC, RFC 3339, milliseconds.
fn stamp(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn writers_stamp_the_clock_of_their_transaction_and_the_real_time_when_none_is_set() {
        let dir = tempfile::tempdir().unwrap();
        let mut db = Db::create(&dir.path().join("cus.db")).unwrap();
        let then = Utc.with_ymd_and_hms(2026, 3, 2, 9, 30, 0).unwrap();
        let before = Utc::now() - chrono::Duration::seconds(1);
        db.write(|tx| {
            tx.set_clock(Some(then));
            assert_eq!(tx.today(), then.with_timezone(&chrono::Local).date_naive());
            staff::add(tx, "admin", "ania", "Anna", &[crate::domain::roles::Role::Recepcja], false)?;
            tx.set_clock(None);
            staff::add(tx, "admin", "ola", "Ola", &[crate::domain::roles::Role::Recepcja], false)
        })
        .unwrap();
        let stamps = |sql: &str| -> Vec<String> {
            let mut stmt = db.conn().prepare(sql).unwrap();
            stmt.query_map([], |r| r.get(0)).unwrap().map(|s| s.unwrap()).collect()
        };
        let created = stamps("SELECT created_at FROM staff ORDER BY login");
        let logged = stamps("SELECT at FROM audit_log WHERE action = 'staff_change' ORDER BY id");
        assert_eq!(created[0], "2026-03-02T09:30:00.000Z");
        assert_eq!(logged[0], created[0], "the audit entry carries the same moment");
        let real = chrono::DateTime::parse_from_rfc3339(&created[1]).unwrap();
        assert!(real.to_utc() >= before, "{real} is the real time, after {before}");
        assert_eq!(logged[1], created[1]);
        // The chain stays whole whatever the stamps say.
        let (entries, broken) = audit::verify(db.conn()).unwrap();
        assert_eq!((entries, broken), (2, None));
    }
}
