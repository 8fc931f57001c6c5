//! Versioned schema migrations, tracked in `PRAGMA user_version`.

use super::{Result, StorageError};
use rusqlite::{Connection, TransactionBehavior};
use std::path::Path;

/// Each entry upgrades the schema by one version; never edit a released entry, add a new one.
const MIGRATIONS: &[&str] = &[
    include_str!("sql/001_initial.sql"),
    include_str!("sql/002_line_resignation.sql"),
    include_str!("sql/003_reports.sql"),
    include_str!("sql/004_audit_head.sql"),
    include_str!("sql/005_centre.sql"),
];

pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// The migration scripts in order, for tests that build databases of older versions.
pub fn scripts() -> &'static [&'static str] {
    MIGRATIONS
}

pub(super) fn migrate(conn: &mut Connection, path: &Path) -> Result<()> {
    let found: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if found > SCHEMA_VERSION {
        return Err(StorageError::SchemaTooNew { path: path.into(), found, supported: SCHEMA_VERSION });
    }
    if found == SCHEMA_VERSION {
        return Ok(());
    }
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    // Another process may have migrated while this one waited for the write lock.
    let found: i64 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if found == 0 {
        let tables: i64 = tx.query_row("SELECT count(*) FROM sqlite_master WHERE type = 'table'", [], |r| r.get(0))?;
        if tables > 0 {
            return Err(StorageError::Foreign { path: path.into() });
        }
    }
    for (index, sql) in MIGRATIONS.iter().enumerate().skip(found as usize) {
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", index as i64 + 1)?;
    }
    let created_key =
        found < super::audit::KEYED_SINCE_VERSION && super::audit::establish(&tx, &super::staff::os_login())?;
    if let Err(e) = tx.commit() {
        if created_key {
            let _ = std::fs::remove_file(super::audit::key_path(path));
        }
        return Err(e.into());
    }
    Ok(())
}
