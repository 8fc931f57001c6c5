//! Resident search over the index the database keeps (`storage::residents::search_keys`):
//! nothing is loaded up front, so a process answers as soon as it has opened the database, its
//! memory does not grow with the register, and a change committed by another desk is found by
//! the next query.
//!
//! Folded text on both sides, several words in any order, digits matched against PESEL and
//! phone prefixes and the birth year, names also matched fuzzily (skim, scoring only names the
//! index offers) and by how they sound; `gmina:` words narrow to the residents of a gmina. Ranking: exact surname, surname prefix, first-name
//! prefix, another word (street, town, a second surname), digits, fuzzy, sounds alike; a
//! resident ranks by the weakest of the words that matched. Matches are counted exactly up to
//! [`COUNT_LIMIT`]. The desk runs it on its own thread (`tui::search_thread`), so typing never
//! waits.

mod query;

use crate::domain::pesel::Pesel;
use crate::storage::residents::{
    KeyKind, KeyRow, NAME_END, NAME_END_NEXT, PHONE_INSIDE_MIN, SearchRow, count_keys, keys_of, name_key_of,
    names_between, scan_ids, scan_keys, search_rows,
};
use crate::storage::{Db, Result};
use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use query::{Term, is_subsequence, parse_query, subsequence_glob};
use rusqlite::Connection;
use rusqlite::config::DbConfig;
use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};
use std::path::Path;

/// How many of the best matches each answer carries: more than any list shows at once.
pub const RESULT_LIMIT: usize = 100;

/// Matches are counted exactly up to this many; beyond it the count says "more than".
pub const COUNT_LIMIT: usize = 10_000;

/// A word of a query of several words is read from the index up to this many residents;
/// beyond, it is checked resident by resident on the matches of the others.
const CHECK_LIMIT: usize = 20_000;

/// A broad word is checked resident by resident on at most this many of the other words' best
/// matches (and the count then says "more than").
const PROBE_LIMIT: usize = 1_000;

/// Checking one resident against a word (a random read of its keys) costs about as much as
/// reading this many keys of a range, so a word is read only while that is cheaper.
const PROBE_KEYS: usize = 20;

/// A word of a query of several words reads at most this many keys of the index.
const SCAN_LIMIT: usize = 2 * CHECK_LIMIT;

/// Words of a query of several words this short are initials: a letter starts a tenth of all
/// names, so they narrow the other words' matches instead of being read from the index.
const INITIAL_MAX_CHARS: usize = 2;

/// Residents matched without their names in hand (by street, town, digits, sound) whose names
/// are read to check initials, at most: each is a random read.
const INITIAL_READS: usize = 300;

/// How many of the best-scoring names a fuzzy word looks for residents under.
const FUZZY_NAMES: usize = 50;

/// Sorts above every character, closing a prefix range: `prefix .. prefix + MAX`.
const MAX: char = char::MAX;

/// Hashes a resident id with one multiplication: ids are not chosen by an adversary, and the
/// default hasher's cost shows when a query word reads tens of thousands of them.
#[derive(Default)]
struct IdHasher(u64);

impl Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = (self.0.rotate_left(5) ^ u64::from(*b)).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        }
    }

    fn write_i64(&mut self, id: i64) {
        self.0 = (id as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }
}

type Ids<V> = HashMap<i64, V, BuildHasherDefault<IdHasher>>;
type IdSet = HashSet<i64, BuildHasherDefault<IdHasher>>;

/// SQLite's page cache of a searching connection, in KiB: typing a query one character at a
/// time reads mostly the same pages again, more of them than the default 2 MB holds. A bound,
/// so a desk's memory stays the same whatever the register's size.
const CACHE_KIB: i64 = 16 * 1024;

/// Statements kept prepared on a searching connection.
const STATEMENTS: usize = 64;

/// The connection a desk's searches read through, opened once and kept.
pub fn open(path: &Path) -> Result<Db> {
    let db = Db::open(path)?;
    db.conn().pragma_update(None, "cache_size", -CACHE_KIB)?;
    db.conn().set_prepared_statement_cache_capacity(STATEMENTS);
    // Without it SQLite prepares a statement again whenever a bound value could change its plan,
    // which the range counts' limits do on every run.
    db.conn().set_db_config(DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG, true)?;
    Ok(db)
}

/// How a resident matched the weakest word of the query; lower is better.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Tier {
    /// Only the gmina (`gmina:`), which narrows and does not rank: it is the lowest, so that
    /// with other words the others' tiers decide.
    Gmina,
    /// The whole surname.
    Exact,
    /// The start of the surname.
    Surname,
    FirstName,
    /// The start of another word: of the street, the town, a second surname or first name.
    Address,
    /// PESEL, phone or birth year.
    Digits,
    Fuzzy,
    /// Only how a name sounds ("brzmi podobnie").
    Sounds,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    pub id: i64,
    pub tier: Tier,
    /// The fuzzy score (higher is better); zero for other tiers.
    pub score: i64,
    /// Character positions in [`display_name`] that matched, for highlighting.
    pub name_matches: Vec<usize>,
}

/// How many residents matched: exact up to [`COUNT_LIMIT`], or at least `n` when `more`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Count {
    pub n: usize,
    pub more: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Results {
    pub hits: Vec<Hit>,
    pub total: Count,
    /// The residents of `hits`, in the same order, so a list can be drawn without the store.
    pub rows: Vec<SearchRow>,
    /// The query was eleven digits with a wrong check digit: `hits` are the residents whose
    /// PESEL is one typo away from it.
    pub pesel_check_failed: bool,
}

/// `Surname First`, the order the list shows and highlights.
pub fn display_name(row: &SearchRow) -> String {
    format!("{} {}", row.last_name, row.first_name)
}

/// A resident's keys as the ranking reads them.
#[derive(Default)]
struct Keys {
    surname: String,
    first: String,
    /// The `Name` key, the list's order.
    name_key: String,
    words: Vec<String>,
    pesel: String,
    phone: String,
    year: String,
    sounds: Vec<String>,
    /// The words of the gmina's name.
    gminas: Vec<String>,
}

impl Keys {
    fn of(conn: &Connection, id: i64) -> Result<Keys> {
        let mut keys = Keys::default();
        keys_of(conn, id, |kind, key| match kind {
            KeyKind::Name => {
                let (surname, first) = key.split_once(NAME_END).unwrap_or((key, ""));
                keys.surname = surname.to_string();
                keys.first = first.to_string();
                keys.name_key = key.to_string();
            }
            KeyKind::First | KeyKind::PhoneInside => {}
            KeyKind::Word => keys.words.push(key.to_string()),
            KeyKind::Pesel => keys.pesel = key.to_string(),
            KeyKind::Phone => keys.phone = key.to_string(),
            KeyKind::BirthYear => keys.year = key.to_string(),
            KeyKind::Sound => keys.sounds.push(key.to_string()),
            KeyKind::Gmina => keys.gminas.push(key.split_once(NAME_END).map_or(key, |(word, _)| word).to_string()),
        })?;
        Ok(keys)
    }
}

/// How one word matched one resident.
struct Matched {
    tier: Tier,
    score: i64,
    /// The resident's `Name` key, when the range that matched holds it.
    name_key: Option<String>,
}

/// Every resident one word matches, unless there were more than the cap (`complete` false).
struct TermMatches {
    by_id: Ids<Matched>,
    /// The residents in the order found, best tier first.
    order: Vec<i64>,
    complete: bool,
}

impl TermMatches {
    /// Keeps the residents `other` also matched, each ranked by the weaker of the two words.
    fn narrow(&mut self, mut other: TermMatches) {
        self.order.retain(|id| other.by_id.contains_key(id));
        self.by_id.retain(|id, m| {
            let Some(o) = other.by_id.remove(id) else { return false };
            m.tier = m.tier.max(o.tier);
            m.score += o.score;
            if m.name_key.is_none() {
                m.name_key = o.name_key;
            }
            true
        });
    }
}

/// One prefix range of the index and the tier a resident found in it has.
struct Range {
    tier: Tier,
    kind: KeyKind,
    from: String,
    to: String,
    /// The fuzzy score of the name the range holds.
    score: i64,
}

fn prefix(tier: Tier, kind: KeyKind, text: &str) -> Range {
    Range { tier, kind, from: text.to_string(), to: format!("{text}{MAX}"), score: 0 }
}

/// The keys of one exact name, either way round.
fn exact_name(tier: Tier, kind: KeyKind, name: &str, score: i64) -> Range {
    Range { tier, kind, from: format!("{name}{NAME_END}"), to: format!("{name}{NAME_END_NEXT}"), score }
}

#[derive(Default)]
pub struct Searcher {
    matcher: SkimMatcherV2,
}

impl Searcher {
    /// A name's fuzzy score for a term, if it matches: same first letter (people rarely mistype
    /// it, and it keeps the names to score few), every letter of the term in order.
    fn fuzzy_score(&self, name: &str, term: &str) -> Option<i64> {
        if name.chars().next() != term.chars().next() || !is_subsequence(name, term) {
            return None;
        }
        self.matcher.fuzzy_match(name, term).filter(|s| *s > 0)
    }

    /// Hands `visit` every range where a resident matching `term` has a key, best tier first,
    /// until it returns false; the fuzzy names' ranges only with `fuzzy`, and only looked for if
    /// the ranges before them did not already say enough.
    fn each_range(
        &self,
        conn: &Connection,
        term: &Term,
        fuzzy: bool,
        mut visit: impl FnMut(&Range) -> Result<bool>,
    ) -> Result<()> {
        let mut ranges = Vec::new();
        match term {
            Term::Digits { digits, phone } => {
                ranges.push(prefix(Tier::Digits, KeyKind::Pesel, digits));
                ranges.push(prefix(Tier::Digits, KeyKind::Phone, phone));
                if phone.len() >= PHONE_INSIDE_MIN {
                    ranges.push(prefix(Tier::Digits, KeyKind::PhoneInside, phone));
                }
                if digits.len() == 4 {
                    ranges.push(Range {
                        tier: Tier::Digits,
                        kind: KeyKind::BirthYear,
                        from: digits.clone(),
                        to: format!("{digits}{NAME_END}"),
                        score: 0,
                    });
                }
            }
            Term::Text { text, .. } => {
                ranges.push(exact_name(Tier::Exact, KeyKind::Name, text, 0));
                ranges.push(prefix(Tier::Surname, KeyKind::Name, text));
                ranges.push(prefix(Tier::FirstName, KeyKind::First, text));
                ranges.push(prefix(Tier::Address, KeyKind::Word, text));
            }
            Term::Gmina { text } => ranges.push(prefix(Tier::Gmina, KeyKind::Gmina, text)),
        }
        for range in &ranges {
            if !visit(range)? {
                return Ok(());
            }
        }
        let Term::Text { sound, .. } = term else { return Ok(()) };
        if let Some(text) = term.fuzzy().filter(|_| fuzzy) {
            for (name, score) in self.fuzzy_names(conn, text)? {
                for kind in [KeyKind::Name, KeyKind::First] {
                    if !visit(&exact_name(Tier::Fuzzy, kind, &name, score))? {
                        return Ok(());
                    }
                }
            }
        }
        if !sound.is_empty() {
            visit(&prefix(Tier::Sounds, KeyKind::Sound, sound))?;
        }
        Ok(())
    }

    /// Whether `term`'s ranges, but for the fuzzy names', hold at most `budget` keys: counted
    /// inside SQLite, which costs a fraction of reading them, so that a word too broad to read
    /// is not read in vain.
    fn keys_at_most(&self, conn: &Connection, term: &Term, budget: usize) -> Result<bool> {
        let mut left = budget;
        let mut within = true;
        self.each_range(conn, term, false, |range| {
            let n = count_keys(conn, range.kind, &range.from, &range.to, left + 1)?;
            within = n <= left;
            left = left.saturating_sub(n);
            Ok(within)
        })?;
        Ok(within)
    }

    /// The names that match `term` fuzzily, best first.
    fn fuzzy_names(&self, conn: &Connection, term: &str) -> Result<Vec<(String, i64)>> {
        let Some(first) = term.chars().next() else { return Ok(Vec::new()) };
        let mut scored: Vec<(String, i64)> =
            names_between(conn, &first.to_string(), &format!("{first}{MAX}"), &subsequence_glob(term))?
                .into_iter()
                .filter(|name| !name.starts_with(term))
                .filter_map(|name| self.fuzzy_score(&name, term).map(|score| (name, score)))
                .collect();
        scored.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        scored.truncate(FUZZY_NAMES);
        Ok(scored)
    }

    /// How `term` matches a resident, if it does: the best tier and its fuzzy score.
    fn matches(&self, term: &Term, keys: &Keys) -> Option<(Tier, i64)> {
        match term {
            Term::Digits { digits, phone } => (keys.pesel.starts_with(digits.as_str())
                || (!keys.phone.is_empty() && keys.phone.starts_with(phone.as_str()))
                || (phone.len() >= PHONE_INSIDE_MIN && keys.phone.contains(phone.as_str()))
                || (digits.len() == 4 && keys.year == *digits))
                .then_some((Tier::Digits, 0)),
            Term::Text { text, sound } => {
                let text = text.as_str();
                if keys.surname == text {
                    return Some((Tier::Exact, 0));
                }
                if keys.surname.starts_with(text) {
                    return Some((Tier::Surname, 0));
                }
                if keys.first.starts_with(text) {
                    return Some((Tier::FirstName, 0));
                }
                if keys.words.iter().any(|w| w.starts_with(text)) {
                    return Some((Tier::Address, 0));
                }
                if let Some(fuzzy) = term.fuzzy() {
                    let best =
                        [&keys.surname, &keys.first].into_iter().filter_map(|n| self.fuzzy_score(n, fuzzy)).max();
                    if let Some(score) = best {
                        return Some((Tier::Fuzzy, score));
                    }
                }
                (!sound.is_empty() && keys.sounds.iter().any(|s| s.starts_with(sound.as_str())))
                    .then_some((Tier::Sounds, 0))
            }
            Term::Gmina { text } => {
                keys.gminas.iter().any(|w| w.starts_with(text.as_str())).then_some((Tier::Gmina, 0))
            }
        }
    }

    /// The best `limit` matches of `query` and how many matched. An empty query matches nobody.
    pub fn search(&self, conn: &Connection, query: &str, limit: usize) -> Result<Results> {
        // One read transaction for the dozens of reads a query makes: one snapshot, one lock
        // taken, and SQLite's page cache kept between them.
        let _snapshot = if conn.is_autocommit() { Some(conn.unchecked_transaction()?) } else { None };
        let terms = parse_query(query);
        let mut results = match terms.as_slice() {
            [] => return Ok(Results::default()),
            [Term::Digits { digits, .. }] if digits.len() == 11 && Pesel::parse(digits).is_err() => {
                let mut results = self.nearest_pesels(conn, digits, limit)?;
                // Eleven digits may also be a phone with its country prefix.
                if results.hits.is_empty() {
                    results = self.one_term(conn, &terms[0], limit)?;
                }
                results
            }
            [term] => self.one_term(conn, term, limit)?,
            _ => self.several_terms(conn, &terms, limit)?,
        };
        let ids: Vec<i64> = results.hits.iter().map(|h| h.id).collect();
        results.rows = search_rows(conn, &ids)?;
        let shown: HashSet<i64> = results.rows.iter().map(|r| r.id).collect();
        results.hits.retain(|h| shown.contains(&h.id));
        for (hit, row) in results.hits.iter_mut().zip(&results.rows) {
            hit.name_matches = self.highlight(row, &terms);
        }
        Ok(results)
    }

    /// One word: the index's ranges are read in tier order, so the first `limit` residents found
    /// are the best, and counting goes on until [`COUNT_LIMIT`]. A range of a kind every resident
    /// has one key of that alone holds more is counted inside SQLite, and then only the best
    /// `limit` are read.
    fn one_term(&self, conn: &Connection, term: &Term, limit: usize) -> Result<Results> {
        let mut seen = IdSet::default();
        let mut hits = Vec::new();
        let mut broad = false;
        self.each_range(conn, term, true, |range| {
            if !broad && range.tier != Tier::Exact && range.kind.one_per_resident() {
                broad = count_keys(conn, range.kind, &range.from, &range.to, COUNT_LIMIT + 1)? > COUNT_LIMIT;
            }
            let enough =
                |seen: &IdSet, hits: &Vec<Hit>| if broad { hits.len() >= limit } else { seen.len() > COUNT_LIMIT };
            scan_ids(conn, range.kind, &range.from, &range.to, |id| {
                if seen.insert(id) && hits.len() < limit {
                    hits.push(Hit { id, tier: range.tier, score: range.score, name_matches: Vec::new() });
                }
                !enough(&seen, &hits)
            })?;
            Ok(!enough(&seen, &hits))
        })?;
        let total = if broad {
            Count { n: COUNT_LIMIT, more: true }
        } else {
            Count { n: seen.len().min(COUNT_LIMIT), more: seen.len() > COUNT_LIMIT }
        };
        Ok(Results { hits, total, ..Results::default() })
    }

    /// Every resident one word matches whose names start with `initials`, read from its ranges in
    /// tier order: each resident's best tier and score, and its name key where the range holds it
    /// (in `Name` order). Reading stops past `cap` residents or [`SCAN_LIMIT`] keys. With
    /// `within`, only those residents are kept, and reading stops past `cap` keys.
    fn term_matches(
        &self,
        conn: &Connection,
        term: &Term,
        initials: &[&str],
        cap: usize,
        within: Option<&Ids<Matched>>,
    ) -> Result<TermMatches> {
        let mut by_id: Ids<Matched> = Ids::default();
        let mut refused = IdSet::default();
        let mut order = Vec::new();
        let mut read = 0;
        let (resident_cap, key_cap) = if within.is_some() { (usize::MAX, cap) } else { (cap, SCAN_LIMIT) };
        let mut complete = true;
        self.each_range(conn, term, true, |range| {
            let mut each = |id: i64, row: Option<&KeyRow<'_>>| {
                read += 1;
                if within.is_none_or(|w| w.contains_key(&id))
                    && !by_id.contains_key(&id)
                    && (initials.is_empty() || !refused.contains(&id))
                {
                    let key = row.and_then(KeyRow::key);
                    let name_key = match range.kind {
                        KeyKind::Name => key.map(str::to_string),
                        KeyKind::First => {
                            key.and_then(|k| k.split_once(NAME_END)).map(|(f, s)| format!("{s}{NAME_END}{f}"))
                        }
                        KeyKind::Gmina => key.and_then(|k| k.split_once(NAME_END)).map(|(_, name)| name.to_string()),
                        _ => None,
                    };
                    let initials_match = match &name_key {
                        Some(name) => initials_tier(name, initials).is_some(),
                        None => true,
                    };
                    if initials_match {
                        order.push(id);
                        by_id.insert(id, Matched { tier: range.tier, score: range.score, name_key });
                    } else {
                        refused.insert(id);
                    }
                }
                by_id.len() <= resident_cap && read <= key_cap
            };
            // Only the keys that hold names are wanted; the other kinds are read as ids alone.
            if matches!(range.kind, KeyKind::Name | KeyKind::First | KeyKind::Gmina) {
                scan_keys(conn, range.kind, &range.from, &range.to, |id, row| each(id, Some(row)))?;
            } else {
                scan_ids(conn, range.kind, &range.from, &range.to, |id| each(id, None))?;
            }
            complete = by_id.len() <= resident_cap && read <= key_cap;
            Ok(complete)
        })?;
        Ok(TermMatches { by_id, order, complete })
    }

    /// Several words: the longest word's matches are read from the index (longer words are
    /// likelier to be narrow), and each further word's ranges are read keeping only residents
    /// every word so far matched. A word matching too many residents to read ([`CHECK_LIMIT`],
    /// or more keys than checking the candidates one by one would cost) is instead checked on
    /// the candidates resident by resident, on at most [`PROBE_LIMIT`] of the best; when no word
    /// is narrow enough to read whole, the longest word's best matches are the candidates.
    /// Initials ([`INITIAL_MAX_CHARS`]) are not read at all: they are checked on the names of
    /// the other words' matches, which the index mostly hands over with the match.
    fn several_terms(&self, conn: &Connection, terms: &[Term], limit: usize) -> Result<Results> {
        let (initials, words): (Vec<&Term>, Vec<&Term>) = terms.iter().partition(|t| initial(t).is_some());
        let (initials, terms): (Vec<&str>, Vec<&Term>) = if words.is_empty() {
            (Vec::new(), initials)
        } else {
            (initials.into_iter().filter_map(initial).collect(), words)
        };
        let mut by_length: Vec<usize> = (0..terms.len()).collect();
        by_length.sort_by_key(|&i| std::cmp::Reverse(term_length(terms[i])));
        // Every word read whole so far, intersected; or the best matches of the first word, too
        // broad to read whole (`broad`).
        let mut candidates: Option<TermMatches> = None;
        let mut broad: Option<&Term> = None;
        let mut probed: Vec<&Term> = Vec::new();
        for i in by_length {
            let term = terms[i];
            match &mut candidates {
                Some(so_far) if so_far.complete => {
                    let budget = so_far.order.len().min(PROBE_LIMIT) * PROBE_KEYS;
                    let found = if self.keys_at_most(conn, term, budget)? {
                        Some(self.term_matches(conn, term, &initials, budget, Some(&so_far.by_id))?)
                    } else {
                        None
                    };
                    match found {
                        Some(found) if found.complete => so_far.narrow(found),
                        _ => probed.push(term),
                    }
                }
                Some(_) => {
                    let budget = PROBE_LIMIT * PROBE_KEYS;
                    let found = if self.keys_at_most(conn, term, budget)? {
                        Some(self.term_matches(conn, term, &initials, budget, None)?)
                    } else {
                        None
                    };
                    match found {
                        Some(found) if found.complete => {
                            probed.extend(broad.take());
                            candidates = Some(found);
                        }
                        _ => probed.push(term),
                    }
                }
                None => {
                    // Of a word too broad to read whole only the best are used, as candidates.
                    let cap = if self.keys_at_most(conn, term, SCAN_LIMIT)? { CHECK_LIMIT } else { PROBE_LIMIT };
                    let found = self.term_matches(conn, term, &initials, cap, None)?;
                    if !found.complete {
                        broad = Some(term);
                    }
                    candidates = Some(found);
                }
            }
        }
        let Some(candidates) = candidates else { return Ok(Results::default()) };
        let mut complete = candidates.complete;
        let order = if probed.is_empty() {
            candidates.order.clone()
        } else {
            complete &= candidates.order.len() <= PROBE_LIMIT;
            // Checked in id order, the order of the index by resident: neighbours share its pages.
            let mut best = candidates.order[..candidates.order.len().min(PROBE_LIMIT)].to_vec();
            best.sort_unstable();
            best
        };
        let mut found: Vec<(Tier, i64, String, i64)> = Vec::new();
        let mut reads = 0;
        'candidates: for id in order {
            let Some(first) = candidates.by_id.get(&id) else { continue };
            let (mut tier, mut score) = (first.tier, first.score);
            let keys = if probed.is_empty() { None } else { Some(Keys::of(conn, id)?) };
            if let Some(keys) = &keys {
                for term in &probed {
                    let Some((t, s)) = self.matches(term, keys) else { continue 'candidates };
                    tier = tier.max(t);
                    score += s;
                }
            }
            let name_key = match (&first.name_key, &keys) {
                (Some(name), _) => name.clone(),
                (None, Some(keys)) => keys.name_key.clone(),
                (None, None) if !initials.is_empty() && reads == INITIAL_READS => {
                    complete = false;
                    continue;
                }
                (None, None) => {
                    reads += 1;
                    name_key_of(conn, id)?.unwrap_or_default()
                }
            };
            if !initials.is_empty() {
                let Some(t) = initials_tier(&name_key, &initials) else { continue };
                tier = tier.max(t);
            }
            found.push((tier, score, name_key, id));
        }
        found.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)).then_with(|| a.2.cmp(&b.2)).then(a.3.cmp(&b.3)));
        let total = Count { n: found.len().min(COUNT_LIMIT), more: !complete || found.len() > COUNT_LIMIT };
        let hits = found
            .into_iter()
            .take(limit)
            .map(|(tier, score, _, id)| Hit { id, tier, score, name_matches: Vec::new() })
            .collect();
        Ok(Results { hits, total, ..Results::default() })
    }

    /// The residents whose PESEL is a valid one a single typo away from `typed`.
    fn nearest_pesels(&self, conn: &Connection, typed: &str, limit: usize) -> Result<Results> {
        let mut hits = Vec::new();
        for pesel in nearest_valid_pesels(typed) {
            scan_ids(conn, KeyKind::Pesel, &pesel, &format!("{pesel}{NAME_END}"), |id| {
                hits.push(Hit { id, tier: Tier::Digits, score: 0, name_matches: Vec::new() });
                true
            })?;
        }
        hits.truncate(limit);
        Ok(Results {
            total: Count { n: hits.len(), more: false },
            hits,
            pesel_check_failed: true,
            ..Results::default()
        })
    }

    /// Positions in the display name (`Surname First`) of what the text words matched.
    fn highlight(&self, row: &SearchRow, terms: &[Term]) -> Vec<usize> {
        let display = display_name(row);
        let (folded, map) = fold_with_map(&display);
        let mut positions = Vec::new();
        for term in terms {
            let Term::Text { text, .. } = term else { continue };
            let t: Vec<char> = text.chars().collect();
            let chars: Vec<char> = folded.chars().collect();
            let word_start = (0..chars.len())
                .find(|&start| (start == 0 || !chars[start - 1].is_alphanumeric()) && chars[start..].starts_with(&t));
            match word_start {
                Some(start) => positions.extend(start..start + t.len()),
                None => {
                    if let Some((_, idx)) = self.matcher.fuzzy_indices(&folded, text) {
                        positions.extend(idx);
                    }
                }
            }
        }
        let mut mapped: Vec<usize> = positions.into_iter().filter_map(|p| map.get(p).copied()).collect();
        mapped.sort_unstable();
        mapped.dedup();
        mapped
    }
}

/// The text of a word short enough to be an initial ([`INITIAL_MAX_CHARS`]).
fn initial(term: &Term) -> Option<&str> {
    match term {
        Term::Text { text, .. } if text.chars().count() <= INITIAL_MAX_CHARS => Some(text),
        _ => None,
    }
}

/// How the names of a `Name` key (`surname␁first name`) match every initial, if they do: the
/// start of the surname, of the first name, or of another word of the names; the weakest wins.
fn initials_tier(name_key: &str, initials: &[&str]) -> Option<Tier> {
    let (surname, first) = name_key.split_once(NAME_END).unwrap_or((name_key, ""));
    let mut weakest = Tier::Exact;
    for initial in initials {
        let tier = if surname == *initial {
            Tier::Exact
        } else if surname.starts_with(initial) {
            Tier::Surname
        } else if first.starts_with(initial) {
            Tier::FirstName
        } else if surname
            .split(|c: char| !c.is_alphanumeric())
            .chain(first.split(|c: char| !c.is_alphanumeric()))
            .skip(1)
            .any(|w| w.starts_with(initial))
        {
            Tier::Address
        } else {
            return None;
        };
        weakest = weakest.max(tier);
    }
    Some(weakest)
}

/// How long a word is, to guess which of a query's words matches fewest residents. A gmina
/// holds a good share of the register whatever is typed, so its word comes last.
fn term_length(term: &Term) -> usize {
    match term {
        Term::Digits { digits, .. } => digits.len() + 2,
        Term::Text { text, .. } => text.chars().count(),
        Term::Gmina { .. } => 0,
    }
}

/// The folded text and, for each of its characters, the character of `display` it came from.
fn fold_with_map(display: &str) -> (String, Vec<usize>) {
    let mut folded = String::new();
    let mut map = Vec::new();
    let mut buf = String::new();
    let mut one = [0u8; 4];
    for (i, c) in display.chars().enumerate() {
        crate::domain::fold::fold_into(c.encode_utf8(&mut one), &mut buf);
        for f in buf.chars() {
            folded.push(f);
            map.push(i);
        }
    }
    (folded, map)
}

/// The valid PESELs one typo from `typed`: one digit changed, or two neighbours swapped.
pub fn nearest_valid_pesels(typed: &str) -> Vec<String> {
    let digits: Vec<u8> = typed.bytes().collect();
    if digits.len() != 11 || !digits.iter().all(u8::is_ascii_digit) {
        return Vec::new();
    }
    let mut found = Vec::new();
    let mut try_one = |candidate: &[u8]| {
        if let Ok(text) = std::str::from_utf8(candidate)
            && text != typed
            && Pesel::parse(text).is_ok()
            && !found.iter().any(|f: &String| f == text)
        {
            found.push(text.to_string());
        }
    };
    for at in 0..11 {
        for d in b'0'..=b'9' {
            let mut candidate = digits.clone();
            candidate[at] = d;
            try_one(&candidate);
        }
    }
    for at in 0..10 {
        let mut candidate = digits.clone();
        candidate.swap(at, at + 1);
        try_one(&candidate);
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pesel_one_typo_off_has_valid_neighbours_including_the_right_check_digit() {
        let near = nearest_valid_pesels("44051401358");
        assert!(near.contains(&"44051401359".to_string()));
        assert!(near.iter().all(|p| Pesel::parse(p).is_ok()));
        assert!(nearest_valid_pesels("4405140135").is_empty());
    }
}
