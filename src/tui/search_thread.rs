//! Searching on its own thread so that typing never waits: the thread takes the latest query
//! (older ones still queued are skipped), asks the database's index, and tags results with the
//! query's generation so that the view drops results of a query already typed over. Every query
//! reads the database afresh, so residents changed by another desk are found at the next
//! keystroke; once a tick it also looks for such changes, answers the current query again and
//! tells the desk which residents changed (an open card reloads). Answers go straight into the
//! desk's one event channel, so the event loop waits on a single queue.

use super::live::{Poller, TICK};
use super::msg::{Found, Msg};
use crate::search::{RESULT_LIMIT, Searcher, Tier};
use crate::storage::Db;
use crate::storage::residents::{count, newest_change};
use std::path::PathBuf;
use std::sync::mpsc::{RecvTimeoutError, Sender, channel};
use std::time::Instant;

pub struct SearchRequest {
    pub generation: u64,
    pub query: String,
}

/// Runs one query against the database's index.
pub fn found(db: &Db, searcher: &Searcher, generation: u64, query: &str) -> Msg {
    match searcher.search(db.conn(), query, RESULT_LIMIT) {
        Ok(results) => {
            let hits = results
                .hits
                .into_iter()
                .zip(results.rows)
                .map(|(hit, row)| Found { row, name_matches: hit.name_matches, sounds_alike: hit.tier == Tier::Sounds })
                .collect();
            Msg::Found { generation, hits, total: results.total, pesel_check_failed: results.pesel_check_failed }
        }
        Err(e) => Msg::Failed(e.to_string()),
    }
}

/// How many residents the register holds, for the desk's empty search box.
pub fn ready(db: &Db) -> Msg {
    match count(db.conn()) {
        Ok(n) => Msg::IndexReady { count: usize::try_from(n).unwrap_or_default() },
        Err(e) => Msg::Failed(e.to_string()),
    }
}

/// Opens `path` and answers queries until the sender is dropped.
pub fn spawn(path: PathBuf, send: impl Fn(Msg) + Send + 'static) -> Sender<SearchRequest> {
    let (tx, rx) = channel::<SearchRequest>();
    std::thread::spawn(move || {
        let db = match crate::search::open(&path) {
            Ok(db) => db,
            Err(e) => {
                send(Msg::Failed(e.to_string()));
                return;
            }
        };
        let searcher = Searcher::default();
        let cursor = newest_change(db.conn()).ok().flatten().unwrap_or_default();
        let mut poller = Poller::open(&path, cursor).ok();
        send(ready(&db));
        let mut current: Option<(u64, String)> = None;
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
                    fresh = true;
                    send(ready(&db));
                    send(Msg::Changed(changed.iter().map(|r| r.id).collect()));
                }
            }
            if let (true, Some((generation, query))) = (fresh, &current) {
                send(found(&db, &searcher, *generation, query));
            }
        }
    });
    tx
}
