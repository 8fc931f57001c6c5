//! Searching off the input thread: the interface submits every keystroke's query and goes on
//! drawing; results arrive tagged with the generation they answer, and answers to queries that
//! have since been replaced are dropped, never shown.

use super::{Index, Narrowing, Results};
use crate::storage::residents::SearchRow;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender, TryRecvError};
use std::sync::{Arc, PoisonError, RwLock};
use std::thread::JoinHandle;
use std::time::Duration;

/// How many of the best matches each answer carries: more than any list shows at once.
pub const RESULT_LIMIT: usize = 100;

enum Request {
    Search { generation: u64, query: String },
    Upsert(Vec<SearchRow>),
}

pub struct Searcher {
    index: Arc<RwLock<Index>>,
    requests: Option<Sender<Request>>,
    answers: Receiver<(u64, Results)>,
    /// For answers found on the caller's thread when the worker is gone.
    outbox: Sender<(u64, Results)>,
    latest: Arc<AtomicU64>,
    worker: Option<JoinHandle<()>>,
}

impl Searcher {
    /// Starts the search thread over `index`.
    pub fn spawn(index: Index) -> Searcher {
        let index = Arc::new(RwLock::new(index));
        let (requests, inbox) = mpsc::channel();
        let (outbox, answers) = mpsc::channel();
        let latest = Arc::new(AtomicU64::new(0));
        let worker = {
            let index = Arc::clone(&index);
            let outbox = outbox.clone();
            std::thread::Builder::new().name("okienko-search".into()).spawn(move || work(&index, &inbox, &outbox)).ok()
        };
        Searcher { index, requests: Some(requests), answers, outbox, latest, worker }
    }

    /// Asks for the matches of `query`; returns at once. `generation` must grow with every
    /// query, so that answers to older ones can be told apart and dropped.
    pub fn submit(&self, generation: u64, query: String) {
        self.latest.fetch_max(generation, Ordering::SeqCst);
        self.send(Request::Search { generation, query });
    }

    /// Adds or replaces residents (changes made at other desks). Searches submitted later see
    /// them, and the latest query is answered again so that a list on screen shows them too.
    pub fn upsert(&self, rows: Vec<SearchRow>) {
        if !rows.is_empty() {
            self.send(Request::Upsert(rows));
        }
    }

    fn send(&self, request: Request) {
        let Some(requests) = &self.requests else { return };
        // If the worker is gone (it could not start, or a search panicked), do the work here:
        // slower, but never silently without answers.
        if let Err(mpsc::SendError(request)) = requests.send(request) {
            match request {
                Request::Search { generation, query } => {
                    let results =
                        self.index.read().unwrap_or_else(PoisonError::into_inner).search(&query, RESULT_LIMIT);
                    let _ = self.outbox.send((generation, results));
                }
                Request::Upsert(rows) => self.index.write().unwrap_or_else(PoisonError::into_inner).upsert(rows),
            }
        }
    }

    /// The newest answer, if one has arrived that is not out of date.
    pub fn try_recv(&self) -> Option<(u64, Results)> {
        loop {
            match self.answers.try_recv() {
                Ok((generation, results)) if generation >= self.latest.load(Ordering::SeqCst) => {
                    return Some((generation, results));
                }
                Ok(_) => continue,
                Err(TryRecvError::Empty | TryRecvError::Disconnected) => return None,
            }
        }
    }

    /// Like [`Searcher::try_recv`], waiting up to `timeout` for an answer.
    pub fn recv_timeout(&self, timeout: Duration) -> Option<(u64, Results)> {
        let deadline = std::time::Instant::now() + timeout;
        loop {
            let left = deadline.saturating_duration_since(std::time::Instant::now());
            match self.answers.recv_timeout(left) {
                Ok((generation, results)) if generation >= self.latest.load(Ordering::SeqCst) => {
                    return Some((generation, results));
                }
                Ok(_) => continue,
                Err(RecvTimeoutError::Timeout | RecvTimeoutError::Disconnected) => return None,
            }
        }
    }

    /// A resident as the index knows it.
    pub fn row(&self, id: i64) -> Option<SearchRow> {
        self.index.read().unwrap_or_else(PoisonError::into_inner).row(id).cloned()
    }

    pub fn len(&self) -> usize {
        self.index.read().unwrap_or_else(PoisonError::into_inner).len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The latest `updated_at` in the index, to ask the store for what changed since.
    pub fn newest_stamp(&self) -> Option<String> {
        self.index.read().unwrap_or_else(PoisonError::into_inner).newest_stamp().map(str::to_string)
    }
}

impl Drop for Searcher {
    fn drop(&mut self) {
        // Closing the channel ends the worker's loop.
        self.requests = None;
        if let Some(worker) = self.worker.take() {
            let _ = worker.join();
        }
    }
}

/// The search thread: takes everything waiting, applies the changes in order, and answers
/// only the newest query (older ones are already out of date).
fn work(index: &RwLock<Index>, inbox: &Receiver<Request>, outbox: &Sender<(u64, Results)>) {
    let mut narrowing: Option<Narrowing> = None;
    let mut latest: Option<(u64, String)> = None;
    while let Ok(first) = inbox.recv() {
        let mut fresh_query = false;
        let mut changed = false;
        for request in std::iter::once(first).chain(inbox.try_iter()) {
            match request {
                Request::Search { generation, query } => {
                    latest = Some((generation, query));
                    fresh_query = true;
                }
                Request::Upsert(rows) => {
                    index.write().unwrap_or_else(PoisonError::into_inner).upsert(rows);
                    changed = true;
                }
            }
        }
        let Some((generation, query)) = latest.as_ref().filter(|_| fresh_query || changed) else { continue };
        let results =
            index.read().unwrap_or_else(PoisonError::into_inner).search_narrowing(query, RESULT_LIMIT, &mut narrowing);
        if outbox.send((*generation, results)).is_err() {
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(id: i64, first: &str, last: &str) -> SearchRow {
        SearchRow {
            id,
            first_name: first.into(),
            last_name: last.into(),
            pesel: String::new(),
            phone: String::new(),
            street: String::new(),
            house_no: String::new(),
            flat_no: String::new(),
            postal_code: String::new(),
            city: "Dębica".into(),
            updated_at: format!("2026-11-23T10:00:0{id}.000Z"),
        }
    }

    fn searcher() -> Searcher {
        Searcher::spawn(Index::build(vec![row(1, "Łukasz", "Żółć"), row(2, "Anna", "Nowak")]))
    }

    fn answer(s: &Searcher) -> (u64, Results) {
        s.recv_timeout(Duration::from_secs(10)).expect("the searcher answers")
    }

    #[test]
    fn answers_a_query_with_its_generation_and_rows() {
        let s = searcher();
        s.submit(1, "zolc".into());
        let (generation, results) = answer(&s);
        assert_eq!(generation, 1);
        assert_eq!(results.rows[0].last_name, "Żółć");
        assert_eq!(results.hits[0].id, 1);
    }

    #[test]
    fn drops_answers_to_queries_that_were_replaced() {
        let s = searcher();
        for (generation, query) in [(1, "z"), (2, "zo"), (3, "n"), (4, "no")] {
            s.submit(generation, query.into());
        }
        let (generation, results) = answer(&s);
        assert_eq!(generation, 4);
        assert_eq!(results.hits[0].id, 2);
        assert!(s.try_recv().is_none());
    }

    #[test]
    fn later_searches_see_upserted_residents() {
        let s = searcher();
        s.upsert(vec![row(3, "Zofia", "Kowalska")]);
        s.submit(1, "kowalska".into());
        let (_, results) = answer(&s);
        assert_eq!(results.hits.iter().map(|h| h.id).collect::<Vec<_>>(), [3]);
        assert_eq!(s.row(3).map(|r| r.first_name), Some("Zofia".into()));
        assert_eq!(s.len(), 3);
        assert_eq!(s.newest_stamp().as_deref(), Some("2026-11-23T10:00:03.000Z"));
    }

    #[test]
    fn answers_the_shown_query_again_after_a_change() {
        let s = searcher();
        s.submit(7, "kowal".into());
        assert_eq!(answer(&s).1.total, 0);
        s.upsert(vec![row(3, "Zofia", "Kowalska")]);
        let (generation, results) = answer(&s);
        assert_eq!((generation, results.total), (7, 1));
    }

    #[test]
    fn narrowing_gives_the_same_answers_as_a_fresh_search() {
        let s = searcher();
        let index = Index::build(vec![row(1, "Łukasz", "Żółć"), row(2, "Anna", "Nowak")]);
        let typed = "nowak anna";
        for end in 1..=typed.len() {
            s.submit(end as u64, typed[..end].into());
            assert_eq!(answer(&s).1, index.search(&typed[..end], RESULT_LIMIT), "{}", &typed[..end]);
        }
    }
}
