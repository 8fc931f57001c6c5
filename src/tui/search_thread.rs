//! Searching on its own thread so that typing never waits: the thread owns the index, takes the
//! latest query (older ones still queued are skipped), and tags results with the query's
//! generation so that the view drops results of a query already typed over. Answers go straight
//! into the desk's one event channel, so the event loop waits on a single queue.

use super::app::{Found, Msg};
use crate::search::{Index, Narrowing, RESULT_LIMIT};
use crate::storage::Db;
use crate::storage::residents::{SearchRow, all_search_rows};
use std::path::PathBuf;
use std::sync::mpsc::{Sender, channel};

pub enum SearchRequest {
    Query {
        generation: u64,
        query: String,
    },
    /// Residents added or changed elsewhere; the current query is run again.
    Upsert(Vec<SearchRow>),
}

/// Runs one query against the index; `narrowing` carries the previous query's matches so that
/// a query that only grows searches among them.
pub fn found(index: &Index, generation: u64, query: &str, narrowing: &mut Option<Narrowing>) -> Msg {
    let results = index.search_narrowing(query, RESULT_LIMIT, narrowing);
    let hits = results
        .hits
        .into_iter()
        .zip(results.rows)
        .map(|(hit, row)| Found { row, name_matches: hit.name_matches })
        .collect();
    Msg::Found { generation, hits, total: results.total }
}

/// Loads every resident from `path`, then answers queries until the sender is dropped.
pub fn spawn(path: PathBuf, send: impl Fn(Msg) + Send + 'static) -> Sender<SearchRequest> {
    let (tx, rx) = channel::<SearchRequest>();
    std::thread::spawn(move || {
        let rows = match Db::open(&path).and_then(|db| all_search_rows(db.conn())) {
            Ok(rows) => rows,
            Err(e) => {
                send(Msg::Failed(e.to_string()));
                return;
            }
        };
        let mut index = Index::build(rows);
        send(Msg::IndexReady { count: index.len() });
        let mut current: Option<(u64, String)> = None;
        let mut narrowing = None;
        while let Ok(first) = rx.recv() {
            let mut fresh = false;
            for request in std::iter::once(first).chain(rx.try_iter()) {
                match request {
                    SearchRequest::Query { generation, query } => {
                        current = Some((generation, query));
                        fresh = true;
                    }
                    SearchRequest::Upsert(rows) => {
                        index.upsert(rows);
                        fresh = true;
                        send(Msg::IndexReady { count: index.len() });
                    }
                }
            }
            if let (true, Some((generation, query))) = (fresh, &current) {
                send(found(&index, *generation, query, &mut narrowing));
            }
        }
    });
    tx
}
