//! Live updates: residents added or changed by another desk reach the index within about a
//! second. `PRAGMA data_version` changes only when another connection commits, so an idle
//! database costs one cheap query per tick.

use super::search_thread::SearchRequest;
use crate::storage::Db;
use crate::storage::residents::search_rows_changed_since;
use std::path::PathBuf;
use std::sync::mpsc::Sender;
use std::time::Duration;

pub const TICK: Duration = Duration::from_secs(1);

/// A writer stamps a row before it commits, so a row can become visible after a newer one;
/// looking back this far catches it. Upserting a row twice is harmless.
const LOOK_BACK: chrono::TimeDelta = chrono::TimeDelta::seconds(60);

fn since(stamp: &str) -> String {
    chrono::DateTime::parse_from_rfc3339(stamp)
        .map(|t| (t.to_utc() - LOOK_BACK).to_rfc3339_opts(chrono::SecondsFormat::Millis, true))
        .unwrap_or_default()
}

/// Polls until the search thread is gone.
pub fn spawn(path: PathBuf, search: Sender<SearchRequest>) {
    std::thread::spawn(move || {
        let Ok(db) = Db::open(&path) else { return };
        let conn = db.conn();
        let mut newest: String =
            conn.query_row("SELECT coalesce(max(updated_at), '') FROM resident", [], |r| r.get(0)).unwrap_or_default();
        // The first tick always looks: the index was loaded a moment before `newest` was read.
        let mut seen: Option<i64> = None;
        loop {
            std::thread::sleep(TICK);
            let Ok(version) = conn.query_row("PRAGMA data_version", [], |r| r.get::<_, i64>(0)) else { continue };
            if seen == Some(version) {
                continue;
            }
            seen = Some(version);
            let Ok(rows) = search_rows_changed_since(conn, &since(&newest)) else { continue };
            if let Some(max) = rows.iter().map(|r| r.updated_at.as_str()).max().filter(|m| **m > *newest) {
                newest = max.to_string();
            }
            if !rows.is_empty() && search.send(SearchRequest::Upsert(rows)).is_err() {
                return;
            }
        }
    });
}
