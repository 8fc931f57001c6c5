//! Versioned schema migrations, tracked in `PRAGMA user_version`.

use super::residents::{KeySource, gmina_keys, search_keys_json};
use super::{Result, StorageError};
use crate::i18n::Lang;
use rusqlite::functions::FunctionFlags;
use rusqlite::{Connection, TransactionBehavior};
use std::io::{IsTerminal, Write};
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};

/// Each entry upgrades the schema by one version, the version being the entry's place in this
/// list (the number in a file's name only orders the files); never edit a released entry, add a
/// new one.
const MIGRATIONS: &[&str] = &[
    include_str!("sql/001_initial.sql"),
    include_str!("sql/002_line_resignation.sql"),
    include_str!("sql/003_reports.sql"),
    include_str!("sql/004_audit_head.sql"),
    include_str!("sql/005_search_index.sql"),
    include_str!("sql/006_centre_rules.sql"),
    include_str!("sql/007_quotas.sql"),
    include_str!("sql/008_holidays_closures.sql"),
    include_str!("sql/009_intake.sql"),
    include_str!("sql/010_centre.sql"),
    include_str!("sql/011_form_drafts.sql"),
    include_str!("sql/012_qualification_usage.sql"),
    include_str!("sql/013_search_gmina.sql"),
    include_str!("sql/014_audit_target.sql"),
    include_str!("sql/015_appeal_body.sql"),
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
    register_functions(conn)?;
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

/// The Rust functions the migration scripts call, for any connection that runs them.
/// `search_keys` indexes one resident per call, so it also draws the progress bar of a
/// migration that indexes the whole register (on a terminal).
pub fn register_functions(conn: &Connection) -> Result<()> {
    // A database being created has no resident table yet.
    let total: u64 = conn.query_row("SELECT count(*) FROM resident", [], |r| r.get(0)).unwrap_or_default();
    let done = AtomicU64::new(0);
    let draw = std::io::stderr().is_terminal() && total > 0;
    conn.create_scalar_function("search_keys", 7, FunctionFlags::SQLITE_UTF8, move |ctx| {
        let text = |i: usize| -> rusqlite::Result<String> { Ok(ctx.get::<Option<String>>(i)?.unwrap_or_default()) };
        let fields = [text(0)?, text(1)?, text(2)?, text(3)?, text(4)?, text(5)?, text(6)?];
        let [first_name, last_name, street, city, pesel, phone, birth_date] = &fields;
        // The scripts that call it run before residents had a gmina; 013 adds those keys.
        let source = KeySource { first_name, last_name, street, city, pesel, phone, birth_date, gmina: "" };
        let n = done.fetch_add(1, Ordering::Relaxed) + 1;
        if draw && (n * 100 / total != (n - 1) * 100 / total || n == total) {
            progress_bar(n, total);
        }
        Ok(search_keys_json(&source))
    })?;
    conn.create_scalar_function("search_gmina_keys", 2, FunctionFlags::SQLITE_UTF8, |ctx| {
        let gmina = ctx.get::<Option<String>>(0)?.unwrap_or_default();
        let name_key = ctx.get::<Option<String>>(1)?.unwrap_or_default();
        serde_json::to_string(&gmina_keys(&gmina, &name_key)).map_err(|e| rusqlite::Error::UserFunctionError(e.into()))
    })?;
    Ok(())
}

fn progress_bar(done: u64, total: u64) {
    const WIDTH: u64 = 40;
    let filled = (done * WIDTH / total.max(1)) as usize;
    let bar = format!("{}{}", "█".repeat(filled), "░".repeat(WIDTH as usize - filled));
    let label = match crate::i18n::current() {
        Lang::Pl => "Indeksowanie mieszkańców do wyszukiwania",
        Lang::En => "Indexing residents for search",
    };
    let end = if done >= total { "\n" } else { "" };
    let mut err = std::io::stderr();
    let _ = write!(err, "\r{label} {bar} {done}/{total}{end}");
    let _ = err.flush();
}
