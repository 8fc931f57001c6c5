//! Resident search over the index the database keeps (`storage::residents::search_keys`):
//! nothing is loaded up front, so a process answers as soon as it has opened the database, its
//! memory does not grow with the register, and a change committed by another desk is found by
//! the next query.
//!
//! Folded text on both sides, several words in any order, digits matched against PESEL and
//! phone prefixes and the birth year, names also matched fuzzily (skim, scoring only names the
//! index offers) and by how they sound. Ranking: exact surname, surname prefix, first-name
//! prefix, another word (street, town, a second surname), digits, fuzzy, sounds alike; a
//! resident ranks by the weakest of the words that matched. Matches are counted exactly up to
//! [`COUNT_LIMIT`]. The desk runs it on its own thread (`tui::search_thread`), so typing never
//! waits.

mod query;

use crate::domain::pesel::Pesel;
use crate::storage::Result;
use crate::storage::residents::{
    KeyKind, NAME_END, NAME_END_NEXT, SearchRow, keys_of, name_key_of, names_between, scan_keys, search_rows,
};
use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use query::{Term, is_subsequence, parse_query};
use rusqlite::Connection;
use std::collections::{HashMap, HashSet};

/// How many of the best matches each answer carries: more than any list shows at once.
pub const RESULT_LIMIT: usize = 100;

/// Matches are counted exactly up to this many; beyond it the count says "more than".
pub const COUNT_LIMIT: usize = 10_000;

/// A word of a query of several words is read from the index up to this many residents;
/// beyond, it is checked resident by resident on the matches of the others.
const CHECK_LIMIT: usize = 20_000;

/// Checking one resident against a word costs a random read of its keys, some twenty times a
/// range read, so a broad word is checked on at most this many of the narrowest word's best
/// matches (and the count then says "more than").
const PROBE_LIMIT: usize = 1_000;

/// How many of the best-scoring names a fuzzy word looks for residents under.
const FUZZY_NAMES: usize = 50;

/// Sorts above every character, closing a prefix range: `prefix .. prefix + MAX`.
const MAX: char = char::MAX;

/// How a resident matched the weakest word of the query; lower is better.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Tier {
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
}

impl Keys {
    fn of(conn: &Connection, id: i64) -> Result<Keys> {
        let mut keys = Keys::default();
        for (kind, key) in keys_of(conn, id)? {
            match kind {
                KeyKind::Name => {
                    let (surname, first) = key.split_once(NAME_END).unwrap_or((&key, ""));
                    keys.surname = surname.to_string();
                    keys.first = first.to_string();
                    keys.name_key = key;
                }
                KeyKind::First => {}
                KeyKind::Word => keys.words.push(key),
                KeyKind::Pesel => keys.pesel = key,
                KeyKind::Phone => keys.phone = key,
                KeyKind::BirthYear => keys.year = key,
                KeyKind::Sound => keys.sounds.push(key),
            }
        }
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
    by_id: HashMap<i64, Matched>,
    /// The residents in the order found, best tier first.
    order: Vec<i64>,
    complete: bool,
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

    /// Every range where a resident matching `term` has a key, best tier first.
    fn ranges(&self, conn: &Connection, term: &Term) -> Result<Vec<Range>> {
        let mut ranges = Vec::new();
        match term {
            Term::Digits { digits, phone } => {
                ranges.push(prefix(Tier::Digits, KeyKind::Pesel, digits));
                ranges.push(prefix(Tier::Digits, KeyKind::Phone, phone));
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
            Term::Text { text, sound } => {
                ranges.push(exact_name(Tier::Exact, KeyKind::Name, text, 0));
                ranges.push(prefix(Tier::Surname, KeyKind::Name, text));
                ranges.push(prefix(Tier::FirstName, KeyKind::First, text));
                ranges.push(prefix(Tier::Address, KeyKind::Word, text));
                if let Some(fuzzy) = term.fuzzy() {
                    for (name, score) in self.fuzzy_names(conn, fuzzy)? {
                        ranges.push(exact_name(Tier::Fuzzy, KeyKind::Name, &name, score));
                        ranges.push(exact_name(Tier::Fuzzy, KeyKind::First, &name, score));
                    }
                }
                if !sound.is_empty() {
                    ranges.push(prefix(Tier::Sounds, KeyKind::Sound, sound));
                }
            }
        }
        Ok(ranges)
    }

    /// The names that match `term` fuzzily, best first.
    fn fuzzy_names(&self, conn: &Connection, term: &str) -> Result<Vec<(String, i64)>> {
        let Some(first) = term.chars().next() else { return Ok(Vec::new()) };
        let mut scored: Vec<(String, i64)> = names_between(conn, &first.to_string(), &format!("{first}{MAX}"))?
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
        }
    }

    /// The best `limit` matches of `query` and how many matched. An empty query matches nobody.
    pub fn search(&self, conn: &Connection, query: &str, limit: usize) -> Result<Results> {
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
    /// are the best, and counting goes on until [`COUNT_LIMIT`].
    fn one_term(&self, conn: &Connection, term: &Term, limit: usize) -> Result<Results> {
        let mut seen: HashSet<i64> = HashSet::new();
        let mut results = Results::default();
        for range in self.ranges(conn, term)? {
            scan_keys(conn, range.kind, &range.from, &range.to, |id, _| {
                if seen.insert(id) && results.hits.len() < limit {
                    results.hits.push(Hit { id, tier: range.tier, score: range.score, name_matches: Vec::new() });
                }
                seen.len() <= COUNT_LIMIT
            })?;
            if seen.len() > COUNT_LIMIT {
                break;
            }
        }
        results.total = Count { n: seen.len().min(COUNT_LIMIT), more: seen.len() > COUNT_LIMIT };
        Ok(results)
    }

    /// Every resident one word matches, read from its ranges in tier order: each resident's best
    /// tier and score, and its name key where the range holds it (in `Name` order).
    fn term_matches(&self, conn: &Connection, term: &Term, cap: usize) -> Result<TermMatches> {
        let mut by_id: HashMap<i64, Matched> = HashMap::new();
        let mut order = Vec::new();
        let mut complete = true;
        for range in self.ranges(conn, term)? {
            scan_keys(conn, range.kind, &range.from, &range.to, |id, key| {
                by_id.entry(id).or_insert_with(|| {
                    order.push(id);
                    Matched {
                        tier: range.tier,
                        score: range.score,
                        name_key: match range.kind {
                            KeyKind::Name => Some(key.to_string()),
                            KeyKind::First => key.split_once(NAME_END).map(|(f, s)| format!("{s}{NAME_END}{f}")),
                            _ => None,
                        },
                    }
                });
                by_id.len() <= cap
            })?;
            if by_id.len() > cap {
                complete = false;
                break;
            }
        }
        Ok(TermMatches { by_id, order, complete })
    }

    /// Several words: each word's matches read from the index and intersected. A word matching
    /// too many residents to read is instead checked on the best matches of the narrowest word
    /// (at most [`PROBE_LIMIT`] of them); when every word is that broad, the first word is the
    /// narrowest.
    fn several_terms(&self, conn: &Connection, terms: &[Term], limit: usize) -> Result<Results> {
        // Longer words are likelier to be narrow; once one is read, a word matching ten times as
        // many is cheaper checked resident by resident than read.
        let mut by_length: Vec<usize> = (0..terms.len()).collect();
        by_length.sort_by_key(|&i| std::cmp::Reverse(term_length(&terms[i])));
        let mut matches: Vec<Option<TermMatches>> = (0..terms.len()).map(|_| None).collect();
        let mut narrowest = CHECK_LIMIT;
        for i in by_length {
            let cap = CHECK_LIMIT.min(narrowest.saturating_mul(10)).max(PROBE_LIMIT);
            let found = self.term_matches(conn, &terms[i], cap)?;
            if found.complete {
                narrowest = narrowest.min(found.by_id.len());
            }
            matches[i] = Some(found);
        }
        let matches: Vec<TermMatches> = matches.into_iter().flatten().collect();
        let driver =
            (0..terms.len()).filter(|&i| matches[i].complete).min_by_key(|&i| matches[i].by_id.len()).unwrap_or(0);
        let probing = matches.iter().any(|m| !m.complete);
        let candidates = &matches[driver].order;
        let candidates = if probing { &candidates[..candidates.len().min(PROBE_LIMIT)] } else { candidates };
        let complete = matches[driver].complete && candidates.len() == matches[driver].order.len();
        let mut found: Vec<(Tier, i64, String, i64)> = Vec::new();
        'candidates: for id in candidates {
            let (id, Some(first)) = (*id, matches[driver].by_id.get(id)) else { continue };
            let (mut tier, mut score) = (first.tier, first.score);
            let mut keys: Option<Keys> = None;
            for (i, term) in terms.iter().enumerate().filter(|&(i, _)| i != driver) {
                let matched = if matches[i].complete {
                    matches[i].by_id.get(&id).map(|m| (m.tier, m.score))
                } else {
                    if keys.is_none() {
                        keys = Some(Keys::of(conn, id)?);
                    }
                    keys.as_ref().and_then(|keys| self.matches(term, keys))
                };
                let Some((t, s)) = matched else { continue 'candidates };
                tier = tier.max(t);
                score += s;
            }
            let name_key = match (&first.name_key, &keys) {
                (Some(name), _) => name.clone(),
                (None, Some(keys)) => keys.name_key.clone(),
                (None, None) => name_key_of(conn, id)?.unwrap_or_default(),
            };
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
            scan_keys(conn, KeyKind::Pesel, &pesel, &format!("{pesel}{NAME_END}"), |id, _| {
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

/// How long a word is, to guess which of a query's words matches fewest residents.
fn term_length(term: &Term) -> usize {
    match term {
        Term::Digits { digits, .. } => digits.len() + 2,
        Term::Text { text, .. } => text.chars().count(),
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
