//! The audit log against a person who can write the database file but not read its key: each
//! tampering is done with SQL on the real file, as `sqlite3` would, and `okienko audit verify`
//! (the real binary) must refuse the log.

mod support;

use okienko::storage::{Db, audit, migrations};
use rusqlite::{Connection, params};
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};
use std::process::Output;
use support::cli::run as okienko;

const ENTRIES: usize = 212;

fn stdout(out: &Output) -> String {
    assert!(out.status.success(), "failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn append(db: &Path, n: usize) {
    let mut store = Db::open(db).unwrap();
    for i in 0..n {
        store
            .write(|tx| {
                audit::append(
                    tx,
                    "recepcja1",
                    audit::AuditAction::OpenCard,
                    Some(i as i64),
                    "card",
                    &format!("wpis {i}"),
                )
            })
            .unwrap();
    }
}

/// A centre whose log holds `ENTRIES` entries, the first written by `init`.
fn centre() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cus.db");
    stdout(&okienko(&db, &["init"]));
    append(&db, ENTRIES - 1);
    (dir, db)
}

fn sql(db: &Path, batch: &str) {
    Connection::open(db).unwrap().execute_batch(batch).unwrap();
}

/// Runs `batch` with the append-only triggers lifted and then put back exactly as they were.
fn behind_triggers(db: &Path, batch: &str) {
    let conn = Connection::open(db).unwrap();
    let triggers: Vec<String> = conn
        .prepare("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_log'")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(triggers.len(), 2);
    conn.execute_batch("DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;").unwrap();
    conn.execute_batch(batch).unwrap();
    for t in triggers {
        conn.execute_batch(&t).unwrap();
    }
}

fn refused(db: &Path, args: &[&str], needle: &str) -> String {
    let out = okienko(db, args);
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(!out.status.success(), "tampering not detected: {}", String::from_utf8_lossy(&out.stdout));
    assert!(err.contains(needle), "unexpected message: {err}");
    assert!(!err.contains("panicked"), "{err}");
    err
}

fn detected(db: &Path) -> String {
    refused(db, &["audit", "verify"], "dziennik zdarzeń naruszony")
}

fn head_row(db: &Path) -> (i64, i64, String, i64, String) {
    Connection::open(db)
        .unwrap()
        .query_row("SELECT entries, last_id, last_hash, keyed_from, mac FROM audit_head", [], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
        })
        .unwrap()
}

fn put_head(db: &Path, head: &(i64, i64, String, i64, String)) {
    Connection::open(db)
        .unwrap()
        .execute(
            "UPDATE audit_head SET entries = ?1, last_id = ?2, last_hash = ?3, keyed_from = ?4, mac = ?5",
            params![head.0, head.1, head.2, head.3, head.4],
        )
        .unwrap();
}

/// The unkeyed chain's hash: what a person without the key can compute.
fn plain_hash(parts: &[&str]) -> String {
    let mut h = Sha256::new();
    for part in parts {
        h.update((part.len() as u64).to_le_bytes());
        h.update(part.as_bytes());
    }
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

type Entry = (i64, String, String, String, Option<i64>, String, String);

fn entries(conn: &Connection) -> Vec<Entry> {
    conn.prepare("SELECT id, at, login, action, resident_id, target, detail FROM audit_log ORDER BY id")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

/// Rewrites every entry's hashes with plain SHA-256, and the head to match; returns the last hash.
fn rechain_without_key(db: &Path) -> String {
    let conn = Connection::open(db).unwrap();
    let mut prev = audit::GENESIS.to_string();
    let mut batch = String::new();
    for (id, at, login, action, resident, target, detail) in entries(&conn) {
        let resident = resident.map(|r| r.to_string()).unwrap_or_default();
        let hash = plain_hash(&[&prev, &at, &login, &action, &resident, &target, &detail]);
        batch.push_str(&format!("UPDATE audit_log SET prev_hash = '{prev}', hash = '{hash}' WHERE id = {id};\n"));
        prev = hash;
    }
    drop(conn);
    behind_triggers(db, &batch);
    sql(db, &format!("UPDATE audit_head SET last_hash = '{prev}'"));
    prev
}

#[test]
fn an_untouched_log_verifies_with_and_without_its_anchor() {
    let (dir, db) = centre();
    assert!(stdout(&okienko(&db, &["audit", "verify"])).contains(&format!("nienaruszony: {ENTRIES} wpisów")));
    let anchor = dir.path().join("kotwica.txt");
    let line = stdout(&okienko(&db, &["audit", "anchor"]));
    assert!(line.starts_with(&format!("okienko-audit-anchor entries={ENTRIES} last_id={ENTRIES} last_hash=")));
    std::fs::write(&anchor, &line).unwrap();
    append(&db, 5);
    let out = stdout(&okienko(&db, &["audit", "verify", "--anchor", anchor.to_str().unwrap()]));
    assert!(out.contains(&format!("{} wpisów", ENTRIES + 5)) && out.contains(&format!("do nr {ENTRIES}")), "{out}");
}

#[test]
fn the_key_file_is_beside_the_database_readable_by_its_group_only() {
    use std::os::unix::fs::MetadataExt;
    let (_dir, db) = centre();
    let key = audit::key_path(&db);
    let meta = std::fs::metadata(&key).unwrap();
    assert_eq!(meta.mode() & 0o777, 0o640);
    assert_eq!(meta.gid(), std::fs::metadata(&db).unwrap().gid());
    let text = std::fs::read_to_string(&key).unwrap();
    assert_eq!(text.trim().len(), 64);
    let in_db: i64 = Connection::open(&db)
        .unwrap()
        .query_row("SELECT count(*) FROM audit_log WHERE instr(target || detail, ?1) > 0", [text.trim()], |r| r.get(0))
        .unwrap();
    assert_eq!(in_db, 0, "the key is nowhere in the database");
}

#[test]
fn an_edited_entry_is_detected() {
    let (_dir, db) = centre();
    behind_triggers(&db, "UPDATE audit_log SET login = 'ktos' WHERE id = 100;");
    assert!(detected(&db).contains("wpisie nr 100"));
}

#[test]
fn deleting_the_first_entry_is_detected() {
    let (_dir, db) = centre();
    behind_triggers(&db, "DELETE FROM audit_log WHERE id = 1;");
    assert!(detected(&db).contains("brakuje wpisów nr 1–1"));
}

#[test]
fn deleting_a_middle_entry_is_detected() {
    let (_dir, db) = centre();
    behind_triggers(&db, "DELETE FROM audit_log WHERE id = 100;");
    assert!(detected(&db).contains("brakuje wpisów nr 100–100"));
}

#[test]
fn deleting_the_last_entry_is_detected() {
    let (_dir, db) = centre();
    behind_triggers(&db, &format!("DELETE FROM audit_log WHERE id = {ENTRIES};"));
    assert!(detected(&db).contains("usunięto wpisy z końca"));
}

#[test]
fn deleting_the_last_50_entries_is_detected() {
    let (_dir, db) = centre();
    behind_triggers(&db, &format!("DELETE FROM audit_log WHERE id > {};", ENTRIES - 50));
    assert!(detected(&db).contains("usunięto wpisy z końca"));
}

#[test]
fn deleting_all_entries_is_detected() {
    let (_dir, db) = centre();
    behind_triggers(&db, "DELETE FROM audit_log;");
    assert!(detected(&db).contains("a jest ich 0"));
}

#[test]
fn reordering_two_entries_is_detected() {
    let (_dir, db) = centre();
    let swap = "UPDATE audit_log SET id = -1 WHERE id = 50;
                UPDATE audit_log SET id = 50 WHERE id = 51;
                UPDATE audit_log SET id = 51 WHERE id = -1;";
    behind_triggers(&db, swap);
    assert!(detected(&db).contains("wpisie nr 50"));
}

#[test]
fn a_forged_append_is_detected() {
    let (_dir, db) = centre();
    let (entries, last_id, last_hash, keyed_from, mac) = head_row(&db);
    let at = "2026-12-01T10:00:00.000Z";
    let hash = plain_hash(&[&last_hash, at, "dyrektor", "approve", "", "plan:7", "zatwierdzony"]);
    sql(
        &db,
        &format!(
            "INSERT INTO audit_log (id, at, login, action, target, detail, prev_hash, hash)
             VALUES ({}, '{at}', 'dyrektor', 'approve', 'plan:7', 'zatwierdzony', '{last_hash}', '{hash}');",
            last_id + 1
        ),
    );
    put_head(&db, &(entries + 1, last_id + 1, hash, keyed_from, mac));
    detected(&db);
}

#[test]
fn rechaining_without_the_key_is_detected() {
    let (_dir, db) = centre();
    rechain_without_key(&db);
    detected(&db);
}

#[test]
fn rechaining_without_the_key_and_removing_head_and_key_is_detected() {
    let (_dir, db) = centre();
    rechain_without_key(&db);
    sql(&db, "DELETE FROM audit_head;");
    std::fs::remove_file(audit::key_path(&db)).unwrap();
    assert!(detected(&db).contains("usunięto głowę dziennika"));
    // Not taken for a database from before keys: no write re-anchors it.
    refused(&db, &["staff", "add", "ala", "--role", "recepcja"], "brak głowy dziennika");
    detected(&db);
}

#[test]
fn a_dropped_trigger_is_detected() {
    let (_dir, db) = centre();
    sql(&db, "DROP TRIGGER audit_log_no_delete;");
    assert!(detected(&db).contains("usunięto wyzwalacz audit_log_no_delete"));
}

#[test]
fn a_changed_trigger_is_detected() {
    let (_dir, db) = centre();
    sql(
        &db,
        "DROP TRIGGER audit_log_no_update;
         CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log WHEN 0
         BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;",
    );
    assert!(detected(&db).contains("zmieniono wyzwalacz audit_log_no_update"));
}

#[test]
fn a_deleted_head_is_detected() {
    let (_dir, db) = centre();
    sql(&db, "DELETE FROM audit_head;");
    assert!(detected(&db).contains("usunięto głowę dziennika"));
}

#[test]
fn a_head_rolled_back_is_detected() {
    let (_dir, db) = centre();
    let old = head_row(&db);
    append(&db, 10);
    put_head(&db, &old);
    assert!(detected(&db).contains("głowę cofnięto albo dopisano wpisy"));
}

#[test]
fn a_replaced_key_file_is_detected() {
    let (_dir, db) = centre();
    std::fs::write(audit::key_path(&db), format!("{}\n", "ab".repeat(32))).unwrap();
    assert!(detected(&db).contains("podmieniony"));
}

#[test]
fn a_removed_key_file_is_detected() {
    let (_dir, db) = centre();
    std::fs::remove_file(audit::key_path(&db)).unwrap();
    assert!(detected(&db).contains("brak pliku klucza"));
}

#[test]
fn truncating_to_an_older_state_is_detected_by_a_later_anchor() {
    let (dir, db) = centre();
    let older_head = head_row(&db);
    append(&db, 30);
    let anchor = dir.path().join("kotwica.txt");
    std::fs::write(&anchor, stdout(&okienko(&db, &["audit", "anchor"]))).unwrap();
    behind_triggers(&db, &format!("DELETE FROM audit_log WHERE id > {ENTRIES};"));
    put_head(&db, &older_head);
    // Consistent in itself: only what was written down elsewhere shows the loss.
    stdout(&okienko(&db, &["audit", "verify"]));
    let err = refused(&db, &["audit", "verify", "--anchor", anchor.to_str().unwrap()], "niezgodny z kotwicą");
    assert!(err.contains(&format!("nr {}", ENTRIES + 30)) && err.contains("skrócono"), "{err}");
}

#[test]
fn writes_refuse_to_extend_a_tampered_log() {
    let (_dir, db) = centre();
    behind_triggers(&db, &format!("DELETE FROM audit_log WHERE id = {ENTRIES};"));
    refused(&db, &["staff", "add", "ala", "--role", "recepcja"], "dziennik zdarzeń naruszony");
    detected(&db);
}

/// A database written before keys existed: schema 3, a plain chain of 40 entries.
fn old_database(dir: &Path) -> PathBuf {
    let db = dir.join("stara.db");
    let conn = Connection::open(&db).unwrap();
    for (i, script) in migrations::scripts()[..3].iter().enumerate() {
        conn.execute_batch(script).unwrap();
        conn.pragma_update(None, "user_version", i as i64 + 1).unwrap();
    }
    let mut prev = audit::GENESIS.to_string();
    for i in 0..40 {
        let at = format!("2025-01-01T10:00:{i:02}.000Z");
        let hash = plain_hash(&[&prev, &at, "recepcja1", "open_card", "", "card", ""]);
        conn.execute(
            "INSERT INTO audit_log (at, login, action, target, detail, prev_hash, hash) VALUES (?1, 'recepcja1', 'open_card', 'card', '', ?2, ?3)",
            params![at, prev, hash],
        )
        .unwrap();
        prev = hash;
    }
    db
}

#[test]
fn an_old_plain_chain_is_anchored_once_on_upgrade_and_guarded_from_then_on() {
    let dir = tempfile::tempdir().unwrap();
    let db = old_database(dir.path());
    assert!(!audit::key_path(&db).exists());
    drop(Db::open(&db).unwrap());
    assert!(audit::key_path(&db).exists());
    let conn = Connection::open(&db).unwrap();
    let (action, detail): (String, String) = conn
        .query_row("SELECT action, detail FROM audit_log WHERE id = 41", [], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap();
    assert_eq!(action, "audit_key");
    assert_eq!(detail, "zakotwiczono 40 wpisów łańcucha bez klucza");
    let (count, broken) = audit::verify(Db::open(&db).unwrap().conn()).unwrap();
    assert_eq!((count, broken), (41, None));
    behind_triggers(&db, "UPDATE audit_log SET login = 'ktos' WHERE id = 7;");
    let (_, broken) = audit::verify(Db::open(&db).unwrap().conn()).unwrap();
    assert_eq!(broken.unwrap().id, Some(7), "the changed entry no longer matches its hash");
}
