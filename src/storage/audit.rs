//! The append-only audit log, keyed so that only the service can extend it.
//!
//! Each entry carries an HMAC-SHA256 over its id, its content and the previous entry's hash,
//! made with a key kept in a file beside the database (`<db>.key`, mode 0640), not in it: a
//! person who can write the database but not read the key cannot recompute the chain. A head
//! (count, last id, last hash), itself keyed, sits in its own table, so that removing entries
//! at the end or all of them is seen too. `anchor` prints the head as a line kept elsewhere;
//! checking against it proves nothing up to that point was removed or changed since.
//!
//! Entries written before the key existed keep their plain SHA-256 chain; the first keyed
//! entry links to the last plain one, so the key vouches for them from then on. That happens
//! once, when the database is migrated to the schema with the head; after that a missing head
//! or key is always a removed one.

use super::{Result, StorageError, Tx};
use hmac::{Hmac, KeyInit, Mac};
use rusqlite::{Connection, OptionalExtension, params};
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// The triggers that make the table append-only, exactly as the schema creates them.
const TRIGGERS: [(&str, &str); 2] = [
    (
        "audit_log_no_update",
        "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log\nBEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END",
    ),
    (
        "audit_log_no_delete",
        "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log\nBEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END",
    ),
];

/// What was done, as written to the log.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuditAction {
    OpenCard,
    /// Personal data read out: an application, a plan, a comparison of versions.
    View,
    RevealPesel,
    FindReveal,
    Export,
    Print,
    Change,
    Create,
    Import,
    StaffChange,
    Approve,
    Backup,
    /// The chain became keyed; the entry links to the last unkeyed one.
    KeyCreated,
}

impl AuditAction {
    pub fn code(self) -> &'static str {
        match self {
            AuditAction::OpenCard => "open_card",
            AuditAction::View => "view",
            AuditAction::RevealPesel => "reveal_pesel",
            AuditAction::FindReveal => "find_reveal",
            AuditAction::Export => "export",
            AuditAction::Print => "print",
            AuditAction::Change => "change",
            AuditAction::Create => "create",
            AuditAction::Import => "import",
            AuditAction::StaffChange => "staff_change",
            AuditAction::Approve => "approve",
            AuditAction::Backup => "backup",
            AuditAction::KeyCreated => "audit_key",
        }
    }
}

/// The secret that keys the chain.
pub struct Key([u8; 32]);

/// Where the key of the database at `db` is kept.
pub fn key_path(db: &Path) -> PathBuf {
    let mut name = db.as_os_str().to_owned();
    name.push(".key");
    PathBuf::from(name)
}

fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        out.push(char::from(DIGITS[usize::from(b >> 4)]));
        out.push(char::from(DIGITS[usize::from(b & 0x0f)]));
    }
    out
}

fn read_key(path: &Path) -> Result<Option<Key>> {
    // The group held steady: another thread may be writing a file as the person meanwhile.
    let text = match crate::service::with_group(|| std::fs::read_to_string(path)) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(StorageError::CannotOpen { path: path.into(), reason: e.to_string() }),
    };
    let digits = text.trim();
    let mut key = [0u8; 32];
    let valid = digits.len() == 64
        && key.iter_mut().enumerate().all(|(i, byte)| match u8::from_str_radix(&digits[2 * i..2 * i + 2], 16) {
            Ok(b) => {
                *byte = b;
                true
            }
            Err(_) => false,
        });
    if !valid {
        return Err(StorageError::Invalid(format!(
            "plik klucza dziennika {} jest uszkodzony (oczekiwano 64 cyfr szesnastkowych)",
            path.display()
        )));
    }
    Ok(Some(Key(key)))
}

/// Creates the key of the database at `db` unless it exists: mode 0640, in the database's group,
/// so the service group can read it and nobody else can.
fn create_key(db: &Path) -> Result<Key> {
    use std::io::Write;
    use std::os::unix::fs::{MetadataExt, OpenOptionsExt, PermissionsExt};
    let path = key_path(db);
    let fail = |e: std::io::Error| StorageError::CannotOpen { path: path.clone(), reason: e.to_string() };
    let group = std::fs::metadata(db).map_err(fail)?.gid();
    let mut file = match std::fs::OpenOptions::new().write(true).create_new(true).mode(0o640).open(&path) {
        Ok(file) => file,
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            return read_key(&path)?.ok_or_else(|| fail(e));
        }
        Err(e) => return Err(fail(e)),
    };
    let key = Key(rand::random());
    std::os::unix::fs::fchown(&file, None, Some(group)).map_err(fail)?;
    file.set_permissions(std::fs::Permissions::from_mode(0o640)).map_err(fail)?;
    file.write_all(format!("{}\n", hex(&key.0)).as_bytes()).map_err(fail)?;
    file.sync_all().map_err(fail)?;
    Ok(key)
}

fn db_path(conn: &Connection) -> Result<PathBuf> {
    match conn.path() {
        Some(p) if !p.is_empty() => Ok(PathBuf::from(p)),
        _ => Err(StorageError::Invalid(crate::i18n::errors::audit_needs_file(crate::i18n::current()).into())),
    }
}

fn feed(parts: &[&str], mut update: impl FnMut(&[u8])) {
    for part in parts {
        update(&(part.len() as u64).to_le_bytes());
        update(part.as_bytes());
    }
}

fn mac(key: &Key, parts: &[&str]) -> String {
    // HMAC takes a key of any length, so this never fails.
    let mut m = <Hmac<Sha256> as KeyInit>::new_from_slice(&key.0).unwrap_or_else(|_| unreachable!());
    feed(parts, |b| m.update(b));
    hex(&m.finalize().into_bytes())
}

fn plain_hash(parts: &[&str]) -> String {
    let mut h = Sha256::new();
    feed(parts, |b| h.update(b));
    hex(&h.finalize())
}

struct Row {
    id: i64,
    at: String,
    login: String,
    action: String,
    resident: Option<i64>,
    target: String,
    detail: String,
    prev: String,
    hash: String,
}

impl Row {
    /// The hash the entry must carry: keyed from `keyed_from` on, plain SHA-256 before.
    fn expected_hash(&self, key: Option<&Key>, keyed_from: i64) -> Option<String> {
        let resident = self.resident.map(|r| r.to_string()).unwrap_or_default();
        let content = [&self.at[..], &self.login, &self.action, &resident, &self.target, &self.detail];
        if self.id < keyed_from {
            let mut parts = vec![&self.prev[..]];
            parts.extend(content);
            return Some(plain_hash(&parts));
        }
        let id = self.id.to_string();
        let mut parts = vec!["entry", &id, &self.prev];
        parts.extend(content);
        key.map(|k| mac(k, &parts))
    }
}

/// The log's head: how many entries it holds and which one is last.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Head {
    pub entries: i64,
    pub last_id: i64,
    pub last_hash: String,
    /// The first entry chained with the key; those before keep their plain chain.
    pub keyed_from: i64,
}

impl Head {
    fn mac(&self, key: &Key) -> String {
        let (entries, last_id, keyed_from) =
            (self.entries.to_string(), self.last_id.to_string(), self.keyed_from.to_string());
        mac(key, &["head", &entries, &last_id, &self.last_hash, &keyed_from])
    }

    /// What an anchor records of this head.
    pub fn anchor(&self) -> Anchor {
        Anchor { entries: self.entries, last_id: self.last_id, last_hash: self.last_hash.clone() }
    }
}

/// The head as written down outside the database: how many entries there were up to which one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Anchor {
    pub entries: i64,
    pub last_id: i64,
    pub last_hash: String,
}

impl Anchor {
    /// The line `audit anchor` prints and `audit verify --anchor` reads.
    pub fn line(&self) -> String {
        format!("okienko-audit-anchor entries={} last_id={} last_hash={}", self.entries, self.last_id, self.last_hash)
    }

    /// Reads an anchor line; the message names what is wrong with it.
    pub fn parse(text: &str) -> std::result::Result<Anchor, String> {
        let line = text.lines().map(str::trim).find(|l| !l.is_empty()).unwrap_or("");
        let mut fields = line.split_whitespace();
        if fields.next() != Some("okienko-audit-anchor") {
            return Err(crate::i18n::trust::not_an_anchor());
        }
        let (mut entries, mut last_id, mut last_hash) = (None, None, None);
        for field in fields {
            match field.split_once('=') {
                Some(("entries", v)) => entries = v.parse::<i64>().ok().filter(|n| *n >= 0),
                Some(("last_id", v)) => last_id = v.parse::<i64>().ok().filter(|n| *n >= 0),
                Some(("last_hash", v)) if v.len() == 64 && v.bytes().all(|b| b.is_ascii_hexdigit()) => {
                    last_hash = Some(v.to_ascii_lowercase())
                }
                _ => return Err(crate::i18n::trust::bad_anchor_field(field)),
            }
        }
        match (entries, last_id, last_hash) {
            (Some(entries), Some(last_id), Some(last_hash)) => Ok(Anchor { entries, last_id, last_hash }),
            _ => Err(crate::i18n::trust::anchor_fields()),
        }
    }
}

fn read_head(conn: &Connection) -> Result<Option<(Head, String)>> {
    Ok(conn
        .prepare_cached("SELECT entries, last_id, last_hash, keyed_from, mac FROM audit_head WHERE id = 1")?
        .query_row([], |r| {
            Ok((
                Head { entries: r.get(0)?, last_id: r.get(1)?, last_hash: r.get(2)?, keyed_from: r.get(3)? },
                r.get(4)?,
            ))
        })
        .optional()?)
}

fn write_head(conn: &Connection, head: &Head, key: &Key) -> Result<()> {
    conn.prepare_cached(
        "INSERT OR REPLACE INTO audit_head (id, entries, last_id, last_hash, keyed_from, mac)
         VALUES (1, ?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![head.entries, head.last_id, head.last_hash, head.keyed_from, head.mac(key)])?;
    Ok(())
}

fn last_entry(conn: &Connection) -> Result<Option<(i64, String)>> {
    Ok(conn
        .prepare_cached("SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1")?
        .query_row([], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?)
}

fn tampered(what: &str) -> StorageError {
    StorageError::Conflict(crate::i18n::trust::log_tampered(what))
}

/// The schema version that brought the head; a database migrated past it has one from then on.
pub const KEYED_SINCE_VERSION: i64 = 4;

/// Makes the chain keyed, in the transaction that migrates the database to
/// [`KEYED_SINCE_VERSION`]: a new database gets its key and an empty head; one written before
/// keys existed gets them and an entry that anchors its plain chain (saying if it was broken).
/// Only then, so a head missing later is always a removed one. Returns whether it created the
/// key file, for the caller to remove it should the transaction fail.
pub fn establish(conn: &Connection, login: &str) -> Result<bool> {
    let path = db_path(conn)?;
    let (key, created) = match read_key(&key_path(&path))? {
        Some(key) => (key, false),
        None => (create_key(&path)?, true),
    };
    let anchored = anchor_plain_chain(conn, &path, &key, login);
    if anchored.is_err() && created {
        let _ = std::fs::remove_file(key_path(&path));
    }
    anchored.map(|()| created)
}

fn anchor_plain_chain(conn: &Connection, path: &Path, key: &Key, login: &str) -> Result<()> {
    let Some((last_id, last_hash)) = last_entry(conn)? else {
        let head = Head { entries: 0, last_id: 0, last_hash: GENESIS.into(), keyed_from: 1 };
        return write_head(conn, &head, key);
    };
    let (entries, plain) = verify_rows(conn, None, i64::MAX)?;
    let detail = match &plain {
        None => format!("zakotwiczono {entries} wpisów łańcucha bez klucza"),
        Some(b) => format!("zakotwiczono {entries} wpisów łańcucha bez klucza, naruszonego {b}"),
    };
    let head = Head { entries: entries as i64, last_id, last_hash, keyed_from: last_id + 1 };
    let target = key_path(path).display().to_string();
    // A migration, not a writer: nothing but the real time can stamp it.
    let at = super::stamp(chrono::Utc::now());
    insert(conn, key, head, &at, login, AuditAction::KeyCreated, None, &target, &detail)?;
    Ok(())
}

#[allow(clippy::too_many_arguments)]
fn insert(
    conn: &Connection,
    key: &Key,
    head: Head,
    at: &str,
    login: &str,
    action: AuditAction,
    resident: Option<i64>,
    target: &str,
    detail: &str,
) -> Result<Head> {
    let row = Row {
        id: head.last_id + 1,
        at: at.into(),
        login: login.into(),
        action: action.code().into(),
        resident,
        target: target.into(),
        detail: detail.into(),
        prev: head.last_hash.clone(),
        hash: String::new(),
    };
    let hash = row.expected_hash(Some(key), head.keyed_from).unwrap_or_default();
    conn.prepare_cached(
        "INSERT INTO audit_log (id, at, login, action, resident_id, target, detail, prev_hash, hash)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?
    .execute(params![
        row.id,
        row.at,
        row.login,
        row.action,
        row.resident,
        row.target,
        row.detail,
        row.prev,
        hash
    ])?;
    let head = Head { entries: head.entries + 1, last_id: row.id, last_hash: hash, keyed_from: head.keyed_from };
    write_head(conn, &head, key)?;
    Ok(head)
}

/// Appends an entry. Call inside a write transaction so that the chain has no forks.
pub fn append(
    tx: &Tx<'_>,
    login: &str,
    action: AuditAction,
    resident: Option<i64>,
    target: &str,
    detail: &str,
) -> Result<()> {
    // The key is read and the head checked at the transaction's first entry; the entries after it
    // follow the head this transaction wrote itself.
    let (head, key) = match (tx.audit_head.take(), tx.audit_key.get()) {
        (Some(head), Some(key)) => (head, key),
        _ => verified_head(tx)?,
    };
    let head = insert(tx, key, head, &tx.now_stamp(), login, action, resident, target, detail)?;
    tx.audit_head.set(Some(head));
    Ok(())
}

/// The head as stored, checked against the key and the last entry, with the key.
fn verified_head<'t>(tx: &'t Tx<'_>) -> Result<(Head, &'t Key)> {
    let Some((head, stored_mac)) = read_head(tx)? else {
        return Err(tampered(&crate::i18n::trust::no_head()));
    };
    let key = match tx.audit_key.get() {
        Some(key) => key,
        None => {
            let path = key_path(&db_path(tx)?);
            let key = read_key(&path)?
                .ok_or_else(|| tampered(&crate::i18n::trust::no_key_file(&path.display().to_string())))?;
            tx.audit_key.get_or_init(|| key)
        }
    };
    if head.mac(key) != stored_mac {
        return Err(tampered(&crate::i18n::trust::head_does_not_match_key()));
    }
    let last = last_entry(tx)?.unwrap_or((0, GENESIS.into()));
    if last != (head.last_id, head.last_hash.clone()) {
        return Err(tampered(&crate::i18n::trust::last_entry_not_head()));
    }
    Ok((head, key))
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct AuditEntry {
    pub id: i64,
    pub at: String,
    pub login: String,
    pub action: String,
    pub resident_id: Option<i64>,
    pub target: String,
    pub detail: String,
}

/// What is wrong with the log: the entry where it shows, if it shows at one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChainBreak {
    pub id: Option<i64>,
    pub reason: String,
}

impl std::fmt::Display for ChainBreak {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.id {
            Some(id) => f.write_str(&crate::i18n::trust::at_entry(id, &self.reason)),
            None => f.write_str(&self.reason),
        }
    }
}

fn broken(id: Option<i64>, reason: impl Into<String>) -> Option<ChainBreak> {
    Some(ChainBreak { id, reason: reason.into() })
}

/// Walks the entries in id order; the count and the first break.
fn verify_rows(conn: &Connection, key: Option<&Key>, keyed_from: i64) -> Result<(usize, Option<ChainBreak>)> {
    let mut stmt = conn.prepare(
        "SELECT id, at, login, action, resident_id, target, detail, prev_hash, hash FROM audit_log ORDER BY id",
    )?;
    let mut rows = stmt.query([])?;
    let mut expected_prev = GENESIS.to_string();
    let mut expected_id = 1;
    let mut count = 0;
    while let Some(r) = rows.next()? {
        count += 1;
        let row = Row {
            id: r.get(0)?,
            at: r.get(1)?,
            login: r.get(2)?,
            action: r.get(3)?,
            resident: r.get(4)?,
            target: r.get(5)?,
            detail: r.get(6)?,
            prev: r.get(7)?,
            hash: r.get(8)?,
        };
        if row.id != expected_id {
            let reason = crate::i18n::trust::entries_missing(expected_id, row.id - 1);
            return Ok((count, broken(Some(row.id), reason)));
        }
        if row.prev != expected_prev {
            return Ok((count, broken(Some(row.id), crate::i18n::trust::previous_entry_changed())));
        }
        if row.expected_hash(key, keyed_from).as_deref() != Some(&row.hash[..]) {
            let reason = if row.id < keyed_from {
                crate::i18n::trust::entry_changed()
            } else {
                crate::i18n::trust::entry_changed_or_unkeyed()
            };
            return Ok((count, broken(Some(row.id), reason)));
        }
        expected_prev = row.hash;
        expected_id += 1;
    }
    Ok((count, None))
}

fn verify_triggers(conn: &Connection) -> Result<Option<ChainBreak>> {
    for (name, sql) in TRIGGERS {
        let found: Option<String> = conn
            .query_row("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?1", [name], |r| r.get(0))
            .optional()?;
        match found {
            None => return Ok(broken(None, crate::i18n::trust::trigger_removed(name))),
            Some(found) if found != sql => {
                return Ok(broken(None, crate::i18n::trust::trigger_changed(name)));
            }
            Some(_) => {}
        }
    }
    Ok(None)
}

/// Checks the whole log: the triggers, the key, the head and every entry. Returns the number
/// of entries and the first problem found. Reads only.
pub fn verify(conn: &Connection) -> Result<(usize, Option<ChainBreak>)> {
    if let Some(b) = verify_triggers(conn)? {
        return Ok((0, Some(b)));
    }
    let path = key_path(&db_path(conn)?);
    let key = read_key(&path)?;
    let head = read_head(conn)?;
    let (head, key) = match (head, key) {
        (None, _) => return Ok((0, broken(None, crate::i18n::trust::head_removed()))),
        (Some(_), None) => {
            return Ok((0, broken(None, crate::i18n::trust::log_key_missing(&path.display().to_string()))));
        }
        (Some((head, stored_mac)), Some(key)) => {
            if head.mac(&key) != stored_mac {
                let reason = crate::i18n::trust::head_or_key_replaced(&path.display().to_string());
                return Ok((0, broken(None, reason)));
            }
            (head, key)
        }
    };
    let (count, first_break) = verify_rows(conn, Some(&key), head.keyed_from)?;
    if first_break.is_some() {
        return Ok((count, first_break));
    }
    let last = last_entry(conn)?.unwrap_or((0, GENESIS.into()));
    if count as i64 != head.entries || last != (head.last_id, head.last_hash.clone()) {
        let reason = if (count as i64) < head.entries {
            crate::i18n::trust::entries_cut_from_end(head.entries, head.last_id, count)
        } else {
            crate::i18n::trust::head_rolled_back(head.entries, head.last_id, count)
        };
        return Ok((count, broken(None, reason)));
    }
    Ok((count, None))
}

/// The head of a log that verifies, for `audit anchor`.
pub fn head(conn: &Connection) -> Result<Option<Head>> {
    Ok(read_head(conn)?.map(|(head, _)| head))
}

/// Whether the log still holds, unchanged, everything the anchor saw. Use after [`verify`]:
/// the chain then carries the anchor's last entry's hash through every later entry.
pub fn check_anchor(conn: &Connection, anchor: &Anchor) -> Result<Option<ChainBreak>> {
    if anchor.last_id == 0 {
        return Ok(None);
    }
    let hash: Option<String> =
        conn.query_row("SELECT hash FROM audit_log WHERE id = ?1", [anchor.last_id], |r| r.get(0)).optional()?;
    let up_to: i64 = conn.query_row("SELECT count(*) FROM audit_log WHERE id <= ?1", [anchor.last_id], |r| r.get(0))?;
    Ok(match hash {
        None => broken(Some(anchor.last_id), crate::i18n::trust::anchor_entry_gone()),
        Some(h) if h != anchor.last_hash => broken(Some(anchor.last_id), crate::i18n::trust::anchor_entry_differs()),
        Some(_) if up_to != anchor.entries => {
            broken(Some(anchor.last_id), crate::i18n::trust::anchor_count_differs(anchor.entries, up_to))
        }
        Some(_) => None,
    })
}

pub fn entries(conn: &Connection, resident: Option<i64>, login: Option<&str>, limit: usize) -> Result<Vec<AuditEntry>> {
    let mut stmt = conn.prepare(
        "SELECT id, at, login, action, resident_id, target, detail FROM audit_log
         WHERE (?1 IS NULL OR resident_id = ?1) AND (?2 IS NULL OR login = ?2)
         ORDER BY id DESC LIMIT ?3",
    )?;
    let rows = stmt.query_map(params![resident, login, limit as i64], |r| {
        Ok(AuditEntry {
            id: r.get(0)?,
            at: r.get(1)?,
            login: r.get(2)?,
            action: r.get(3)?,
            resident_id: r.get(4)?,
            target: r.get(5)?,
            detail: r.get(6)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
