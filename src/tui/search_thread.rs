//! Searching on its own thread so that typing never waits: the thread owns the index, takes the
//! latest query (older ones still queued are skipped), and tags results with the query's
//! generation so that the view drops results of a query already typed over. Answers go straight
//! into the desk's one event channel, so the event loop waits on a single queue. Between
//! queries, once a tick, it picks up residents changed by other desks and answers the current
//! query again so that they show.

use super::live::{Poller, TICK};
use super::msg::{Found, Msg};
use crate::search::{Index, Narrowing, RESULT_LIMIT};
use crate::storage::Db;
use crate::storage::residents::all_search_rows;
use std::path::PathBuf;
use std::sync::mpsc::{RecvTimeoutError, Sender, channel};
use std::time::Instant;

pub struct SearchRequest {
    pub generation: u64,
    pub query: String,
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
        let cursor = rows.iter().map(|r| (r.updated_at.clone(), r.id)).max().unwrap_or_default();
        let mut poller = Poller::open(&path, cursor).ok();
        let mut index = Index::build(rows);
        send(Msg::IndexReady { count: index.len() });
        let mut current: Option<(u64, String)> = None;
        let mut narrowing = None;
        let mut polled = Instant::now();
        loop {
            let first = match rx.recv_timeout(TICK.saturating_sub(polled.elapsed())) {
                Ok(request) => Some(request),
                Err(RecvTimeoutError::Timeout) => None,
                Err(RecvTimeoutError::Disconnected) => return,
            };
            let mut fresh = false;
            for request in first.into_iter().chain(rx.try_iter()) {
                current = Some((request.generation, request.query));
                fresh = true;
            }
            if polled.elapsed() >= TICK {
                polled = Instant::now();
                let changed = poller.as_mut().map(Poller::changed).unwrap_or_default();
                if !changed.is_empty() {
                    let ids = changed.iter().map(|r| r.id).collect();
                    index.upsert(changed);
                    fresh = true;
                    send(Msg::IndexReady { count: index.len() });
                    send(Msg::Changed(ids));
                }
            }
            if let (true, Some((generation, query))) = (fresh, &current) {
                send(found(&index, *generation, query, &mut narrowing));
            }
        }
    });
    tx
}
