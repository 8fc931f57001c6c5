//! Recording delivered units against approved plan lines and qualifications (art. 42). Each
//! record is checked against what the grant allows ([`Allocation::check_usage`]) inside the
//! writing transaction, so two desks recording at once can never together go past the grant.
//!
//! [`Allocation::check_usage`]: crate::domain::plan::Allocation::check_usage

use super::audit::{self, AuditAction};
use super::pools::{self, GrantRef, GrantedLine};
use super::{Result, StorageError, Tx, refused};
use crate::i18n::current;
use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, params};
use sha2::{Digest, Sha256};

/// A grant usage may be recorded against, with what identifies it to people.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UsageGrant {
    pub line: GrantedLine,
    /// The plan's number for a plan line; `None` for a qualification.
    pub plan_number: Option<String>,
    pub service_name: String,
}

impl UsageGrant {
    pub fn describe(&self) -> String {
        match self.line.grant() {
            GrantRef::Qualification(id) => format!("zakwalifikowanie nr {id} ({})", self.service_name),
            GrantRef::Line(_) => format!(
                "plan {} poz. {} ({})",
                self.plan_number.as_deref().unwrap_or_default(),
                self.line.position,
                self.service_name
            ),
        }
    }
}

/// Loads a grant usage may be recorded against: a line of an approved plan version, or a
/// qualification, in force at least one day.
pub fn usage_grant(conn: &Connection, grant: GrantRef) -> Result<UsageGrant> {
    match grant {
        GrantRef::Line(line_id) => line_grant(conn, line_id),
        GrantRef::Qualification(id) => {
            let service_name: String = conn
                .query_row(
                    "SELECT s.name FROM qualification q JOIN service s ON s.id = q.service_id WHERE q.id = ?1",
                    [id],
                    |r| r.get(0),
                )
                .optional()?
                .ok_or_else(|| {
                    StorageError::NotFound(crate::i18n::errors::missing_qualification_no(crate::i18n::current(), id))
                })?;
            let line = pools::qualification_line(conn, id)?.ok_or_else(|| {
                StorageError::Invalid(format!(
                    "zakwalifikowanie nr {id} nie obowiązuje ani jednego dnia (zakończono je przed początkiem)"
                ))
            })?;
            Ok(UsageGrant { line, plan_number: None, service_name })
        }
    }
}

fn line_grant(conn: &Connection, line_id: i64) -> Result<UsageGrant> {
    let found: Option<(i64, String, String, String)> = conn
        .query_row(
            "SELECT l.version_id, p.number, v.state, s.name FROM plan_line l
             JOIN plan_version v ON v.id = l.version_id JOIN plan p ON p.id = v.plan_id
             JOIN service s ON s.id = l.service_id WHERE l.id = ?1",
            [line_id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .optional()?;
    let (version_id, plan_number, state, service_name) = found.ok_or_else(|| {
        StorageError::NotFound(crate::i18n::errors::missing_plan_line_no(crate::i18n::current(), line_id))
    })?;
    if state != "zatwierdzony" {
        return Err(StorageError::Invalid(format!(
            "pozycja nr {line_id} należy do wersji planu {plan_number} w stanie „{state}”; wykonanie zapisuje się tylko do zatwierdzonej wersji"
        )));
    }
    let line = pools::version_lines(conn, version_id)?.into_iter().find(|l| l.line_id == line_id).ok_or_else(|| {
        StorageError::Invalid(format!(
            "pozycja nr {line_id} planu {plan_number} nie obowiązuje ani jednego dnia (rezygnacja lub koniec planu)"
        ))
    })?;
    Ok(UsageGrant { line, plan_number: Some(plan_number), service_name })
}

/// The line at `position` of the plan's approved version.
pub fn line_at(conn: &Connection, plan_number: &str, position: i64) -> Result<GrantRef> {
    let version: Option<i64> = conn
        .query_row(
            "SELECT v.id FROM plan_version v JOIN plan p ON p.id = v.plan_id
             WHERE p.number = ?1 AND v.state = 'zatwierdzony' ORDER BY v.version DESC LIMIT 1",
            [plan_number],
            |r| r.get(0),
        )
        .optional()?;
    let version = version.ok_or_else(|| {
        StorageError::NotFound(crate::i18n::errors::missing_approved_plan(crate::i18n::current(), plan_number))
    })?;
    conn.query_row(
        "SELECT id FROM plan_line WHERE version_id = ?1 AND position = ?2",
        params![version, position],
        |r| r.get(0),
    )
    .optional()?
    .map(GrantRef::Line)
    .ok_or_else(|| {
        StorageError::NotFound(crate::i18n::errors::missing_position(crate::i18n::current(), position, plan_number))
    })
}

/// What a person names usage by: a plan's number and line position, or a qualification's number.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum UsageTarget {
    Line { plan_number: String, position: i64 },
    Qualification(i64),
}

impl UsageTarget {
    pub fn resolve(&self, conn: &Connection) -> Result<GrantRef> {
        match self {
            UsageTarget::Line { plan_number, position } => line_at(conn, plan_number.trim(), *position),
            UsageTarget::Qualification(id) => Ok(GrantRef::Qualification(*id)),
        }
    }
}

/// Usage already recorded against a grant, every day of it.
pub fn used_of(conn: &Connection, grant: GrantRef) -> Result<Vec<(NaiveDate, u32)>> {
    let (sql, id) = match grant {
        GrantRef::Line(id) => ("SELECT used_on, units FROM usage_record WHERE line_id = ?1", id),
        GrantRef::Qualification(id) => ("SELECT used_on, units FROM usage_record WHERE qualification_id = ?1", id),
    };
    let mut stmt = conn.prepare_cached(sql)?;
    let rows = stmt.query_map([id], |r| Ok((r.get::<_, String>(0)?, r.get::<_, u32>(1)?)))?;
    let mut out = Vec::new();
    for row in rows {
        let (day, units) = row?;
        if let Ok(day) = NaiveDate::parse_from_str(&day, "%Y-%m-%d") {
            out.push((day, units));
        }
    }
    Ok(out)
}

/// One delivery to record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Delivery<'a> {
    pub grant: GrantRef,
    pub day: NaiveDate,
    pub units: u32,
    pub note: &'a str,
    /// `desk`, or `import` for a provider's list.
    pub source: &'a str,
    /// Identifies an imported row; a row already imported is skipped.
    pub import_key: Option<&'a str>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Recorded {
    Added(i64),
    AlreadyImported,
}

/// Records a delivery if the line's grant allows it. Run inside [`super::Db::write`].
pub fn record(tx: &Tx<'_>, by: &str, d: &Delivery<'_>) -> Result<Recorded> {
    let mut used = used_of(tx, d.grant)?;
    record_against(tx, by, d, &mut used)
}

/// [`record`] against `used`, the grant's usage as this transaction sees it, which a recorded
/// delivery is added to: an import keeps one running total per grant instead of reading the
/// grant's whole history again for every row.
fn record_against(tx: &Tx<'_>, by: &str, d: &Delivery<'_>, used: &mut Vec<(NaiveDate, u32)>) -> Result<Recorded> {
    if let Some(key) = d.import_key {
        let seen: Option<i64> =
            tx.query_row("SELECT id FROM usage_record WHERE import_key = ?1", [key], |r| r.get(0)).optional()?;
        if seen.is_some() {
            return Ok(Recorded::AlreadyImported);
        }
    }
    if d.units == 0 {
        return Err(refused("liczba jednostek", "musi być większa od zera".into()));
    }
    let note = crate::domain::text::check_text(d.note, 500, false).map_err(|p| p.on("uwagi"))?;
    let grant = usage_grant(tx, d.grant)?;
    grant
        .line
        .allocation
        .check_usage(used, d.day, d.units)
        .map_err(|problem| StorageError::Conflict(format!("{}: {problem}", grant.describe())))?;
    let (line_id, qualification_id) = match d.grant {
        GrantRef::Line(id) => (Some(id), None),
        GrantRef::Qualification(id) => (None, Some(id)),
    };
    tx.execute(
        "INSERT INTO usage_record (line_id, qualification_id, used_on, units, note, source, import_key,
             recorded_by, recorded_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![
            line_id,
            qualification_id,
            d.day.to_string(),
            d.units,
            note,
            d.source,
            d.import_key,
            by,
            tx.now_stamp()
        ],
    )?;
    let id = tx.last_insert_rowid();
    used.push((d.day, d.units));
    audit::append(
        tx,
        by,
        AuditAction::Create,
        Some(grant.line.resident_id),
        &format!("usage:{id}"),
        &format!("{}: {} jedn. dnia {} ({})", grant.describe(), d.units, d.day, d.source),
    )?;
    Ok(Recorded::Added(id))
}

/// One row of a provider's monthly list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportRow {
    /// Line number in the file, for messages.
    pub row: usize,
    pub target: UsageTarget,
    pub day: NaiveDate,
    pub units: u32,
    pub note: String,
}

impl ImportRow {
    /// A key from the row's content alone, so the same list imported again (or the same row in
    /// a corrected list) adds nothing.
    pub fn key(&self) -> String {
        let mut h = Sha256::new();
        let (first, second) = match &self.target {
            UsageTarget::Line { plan_number, position } => (plan_number.clone(), position.to_string()),
            // No plan number is empty, so a qualification's rows cannot share a line's keys.
            UsageTarget::Qualification(id) => (String::new(), id.to_string()),
        };
        for part in [
            first.as_str(),
            &second,
            &self.day.to_string(),
            &self.units.to_string(),
            self.note.trim(),
            // Keys once told repeated rows apart by a count; a row's first occurrence was 1, and
            // keeping it leaves the keys of lists already imported valid.
            "1",
        ] {
            h.update((part.len() as u64).to_le_bytes());
            h.update(part.as_bytes());
        }
        h.finalize().iter().map(|b| format!("{b:02x}")).collect()
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportReport {
    pub added: usize,
    pub already: usize,
    /// Row number and the reason it was refused.
    pub rejected: Vec<(usize, String)>,
}

/// How many rows go into one transaction: a kill mid-import loses at most one batch, and the
/// rerun skips what was committed.
const BATCH: usize = 200;

/// The pause after each batch, as long as the batch took within these bounds. A desk waiting
/// for the writer polls with growing sleeps (up to 100 ms in SQLite's busy handler); an import
/// that took the lock again at once would keep it from ever getting in.
const BATCH_PAUSE: (std::time::Duration, std::time::Duration) =
    (std::time::Duration::from_millis(20), std::time::Duration::from_millis(100));

/// Imports rows batch by batch; refused rows are reported, the rest recorded.
pub fn import(db: &mut super::Db, by: &str, rows: &[ImportRow]) -> Result<ImportReport> {
    let mut report = ImportReport::default();
    // A row repeating an earlier one of the same list is a copy, not a second delivery.
    let mut first_row: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    let mut keyed: Vec<(&ImportRow, String)> = Vec::with_capacity(rows.len());
    for r in rows {
        let key = r.key();
        match first_row.get(&key) {
            Some(first) => report.rejected.push((r.row, crate::i18n::errors::repeats_row(current(), *first))),
            None => {
                first_row.insert(key.clone(), r.row);
                keyed.push((r, key));
            }
        }
    }
    for batch in keyed.chunks(BATCH) {
        let started = std::time::Instant::now();
        let outcomes = db.write(|tx| {
            let mut outcomes = Vec::with_capacity(batch.len());
            // Running totals, read once per grant in each batch: other desks may record usage
            // between two batches, never inside one.
            let mut used: std::collections::HashMap<GrantRef, Vec<(NaiveDate, u32)>> = std::collections::HashMap::new();
            for (row, key) in batch {
                let outcome = row.target.resolve(tx).and_then(|grant| {
                    let used = match used.entry(grant) {
                        std::collections::hash_map::Entry::Occupied(e) => e.into_mut(),
                        std::collections::hash_map::Entry::Vacant(e) => e.insert(used_of(tx, grant)?),
                    };
                    record_against(
                        tx,
                        by,
                        &Delivery {
                            grant,
                            day: row.day,
                            units: row.units,
                            note: &row.note,
                            source: "import",
                            import_key: Some(key),
                        },
                        used,
                    )
                });
                match outcome {
                    Err(StorageError::Busy) => return Err(StorageError::Busy),
                    other => outcomes.push((row.row, other)),
                }
            }
            Ok(outcomes)
        })?;
        std::thread::sleep(started.elapsed().clamp(BATCH_PAUSE.0, BATCH_PAUSE.1));
        for (row, outcome) in outcomes {
            match outcome {
                Ok(Recorded::Added(_)) => report.added += 1,
                Ok(Recorded::AlreadyImported) => report.already += 1,
                Err(e) => report.rejected.push((row, e.to_string())),
            }
        }
    }
    if report.added > 0 {
        db.write(|tx| {
            audit::append(
                tx,
                by,
                AuditAction::Import,
                None,
                "usage",
                &format!(
                    "przyjęto {}, pominięto {}, odrzucono {}",
                    report.added,
                    report.already,
                    report.rejected.len()
                ),
            )
        })?;
    }
    Ok(report)
}
