//! Live updates: residents added or changed by another desk reach the index within about a
//! second. `PRAGMA data_version` changes only when another connection commits, so an idle
//! database costs one cheap query per tick, and a change costs reading only the changed rows.

use crate::storage::Db;
use crate::storage::residents::{SearchRow, search_rows_after};
use std::path::Path;
use std::time::Duration;

/// How often the search thread asks.
pub const TICK: Duration = Duration::from_secs(1);

/// The newest row the index holds, as `(updated_at, id)`; rows after it are news.
pub type Cursor = (String, i64);

pub struct Poller {
    db: Db,
    cursor: Cursor,
    seen: Option<i64>,
}

impl Poller {
    /// `cursor` is the newest of the rows the index was built from, so nothing committed after
    /// that load is missed.
    pub fn open(path: &Path, cursor: Cursor) -> crate::storage::Result<Poller> {
        Ok(Poller { db: Db::open(path)?, cursor, seen: None })
    }

    /// Residents added or changed since the last call; empty when nothing was committed.
    pub fn changed(&mut self) -> Vec<SearchRow> {
        let conn = self.db.conn();
        let Ok(version) = conn.query_row("PRAGMA data_version", [], |r| r.get::<_, i64>(0)) else {
            return Vec::new();
        };
        if self.seen == Some(version) {
            return Vec::new();
        }
        self.seen = Some(version);
        let rows = search_rows_after(conn, &self.cursor.0, self.cursor.1).unwrap_or_default();
        if let Some(last) = rows.last() {
            self.cursor = (last.updated_at.clone(), last.id);
        }
        rows
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::resident::ResidentInput;

    fn add(db: &mut Db, last: &str) {
        let input = ResidentInput { first_name: "Anna".into(), last_name: last.into(), ..ResidentInput::default() };
        let record = input.validate().unwrap();
        db.write(|tx| crate::storage::residents::insert(tx, "test", &record)).unwrap();
    }

    #[test]
    fn reports_each_change_by_another_connection_once() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("c.db");
        let mut db = crate::session::create_centre(&path, "CUS").unwrap();
        add(&mut db, "Nowak");
        let cursor = crate::storage::residents::newest_change(db.conn()).unwrap().unwrap();
        let mut poller = Poller::open(&path, cursor).unwrap();
        assert!(poller.changed().is_empty());
        add(&mut db, "Kowalska");
        add(&mut db, "Wiśniewska");
        let names: Vec<String> = poller.changed().into_iter().map(|r| r.last_name).collect();
        assert_eq!(names, ["Kowalska", "Wiśniewska"]);
        assert!(poller.changed().is_empty());
    }
}
