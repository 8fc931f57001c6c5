//! Resident search: folded text on both sides, several words in any order, digits matched
//! against PESEL prefixes and phone numbers, ranked so that an exact surname prefix comes before
//! a first-name prefix, before any other word prefix, before a fuzzy hit.
//!
//! Built for a keystroke budget of a few milliseconds at a million residents: the folded text of
//! every resident lives in one arena, two 64-bit character sets per resident reject most of them
//! before any text is compared, the skim matcher scores only what must be ranked, large scans
//! use every core, and a query that extends the previous one looks only among its matches
//! ([`Narrowing`]). [`Searcher`] runs all of it off the input thread.

mod query;
mod searcher;

pub use searcher::{RESULT_LIMIT, Searcher};

use crate::domain::fold::{fold, fold_into};
use crate::storage::residents::SearchRow;
use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use query::{Prepared, Term, char_bit, char_set, is_subsequence, is_word_prefix, narrows, parse_query, phone_digits};
use std::cmp::Ordering;
use std::collections::HashMap;
use std::ops::Range;

/// How a resident matched the weakest word of the query; lower is better.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Tier {
    Surname,
    FirstName,
    Address,
    Digits,
    Fuzzy,
}

const TIERS: usize = 5;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    pub id: i64,
    pub tier: Tier,
    pub score: i64,
    /// Character positions in [`display_name`] that matched, for highlighting.
    pub name_matches: Vec<usize>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Results {
    pub hits: Vec<Hit>,
    /// How many residents matched in all, of which `hits` are the best.
    pub total: usize,
    /// The residents of `hits`, in the same order, so a list can be drawn without the store.
    pub rows: Vec<SearchRow>,
}

/// `Surname First`, the order the list shows and highlights.
pub fn display_name(row: &SearchRow) -> String {
    format!("{} {}", row.last_name, row.first_name)
}

/// Where a resident's folded text lies in the arena, and which characters it holds.
///
/// The arena holds, one after another: the folded display name (`surname first`), the folded
/// address, the PESEL and the phone digits.
#[derive(Debug, Clone, Copy)]
struct Slot {
    start: u32,
    name_len: u16,
    surname_len: u16,
    address_len: u16,
    pesel_len: u8,
    phone_len: u8,
    /// First characters of every word of the name and the address.
    initials: u64,
    /// Every character of the name (what fuzzy matching looks at).
    chars: u64,
}

impl Slot {
    fn text_len(&self) -> usize {
        usize::from(self.name_len)
            + usize::from(self.address_len)
            + usize::from(self.pesel_len)
            + usize::from(self.phone_len)
    }
}

/// Scans with fewer candidates than this stay on the calling thread: below it, starting a
/// thread costs about what it saves.
const PARALLEL_MIN: usize = 40_000;

pub struct Index {
    rows: Vec<SearchRow>,
    slots: Vec<Slot>,
    arena: String,
    /// Bytes of the arena no slot points at any more (left by changed residents).
    garbage: usize,
    by_id: HashMap<i64, u32>,
    newest: Option<String>,
    /// Counts upserts, so that a [`Narrowing`] made before one is not trusted after it.
    edits: u64,
    matcher: SkimMatcherV2,
}

/// What a search leaves for the next one: if the next query only adds to this one, it looks
/// among these matches instead of the whole index.
#[derive(Debug, Clone, Default)]
pub struct Narrowing {
    edits: u64,
    terms: Vec<Term>,
    matches: Vec<u32>,
}

/// A match waiting to be ranked.
#[derive(Debug, Clone, Copy)]
struct Ranked {
    tier: Tier,
    score: i64,
    /// The first eight bytes of the folded name, so most comparisons need not touch the arena.
    name_key: u64,
    at: u32,
}

fn name_key(name: &str) -> u64 {
    let mut key = [0u8; 8];
    for (k, b) in key.iter_mut().zip(name.bytes()) {
        *k = b;
    }
    u64::from_be_bytes(key)
}

fn fold_with_map(display: &str) -> (String, Vec<usize>) {
    let mut name = String::new();
    let mut map = Vec::new();
    let mut buf = String::new();
    let mut one = [0u8; 4];
    for (i, c) in display.chars().enumerate() {
        fold_into(c.encode_utf8(&mut one), &mut buf);
        for f in buf.chars() {
            name.push(f);
            map.push(i);
        }
    }
    (name, map)
}

/// Runs `work` over `0..len`, split across the available cores when `len` is large, and
/// concatenates the parts in order.
fn in_parallel<T: Send>(len: usize, work: impl Fn(Range<usize>) -> Vec<T> + Sync) -> Vec<T> {
    let threads = std::thread::available_parallelism().map_or(1, std::num::NonZero::get).min(len / PARALLEL_MIN).max(1);
    if threads == 1 {
        return work(0..len);
    }
    let step = len.div_ceil(threads);
    let work = &work;
    std::thread::scope(|scope| {
        let others: Vec<_> =
            (1..threads).map(|t| scope.spawn(move || work(t * step..((t + 1) * step).min(len)))).collect();
        let mut all = work(0..step);
        for part in others {
            match part.join() {
                Ok(part) => all.extend(part),
                Err(panic) => std::panic::resume_unwind(panic),
            }
        }
        all
    })
}

impl Index {
    pub fn build(rows: Vec<SearchRow>) -> Index {
        let mut index = Index {
            slots: Vec::with_capacity(rows.len()),
            arena: String::with_capacity(rows.len() * 80),
            rows: Vec::with_capacity(rows.len()),
            garbage: 0,
            by_id: HashMap::with_capacity(rows.len()),
            newest: None,
            edits: 0,
            matcher: SkimMatcherV2::default(),
        };
        index.upsert(rows);
        index
    }

    /// Adds new residents and replaces changed ones.
    pub fn upsert(&mut self, rows: Vec<SearchRow>) {
        let mut folded = Folder::default();
        for row in rows {
            let slot = folded.append(&row, &mut self.arena);
            if self.newest.as_deref().is_none_or(|n| row.updated_at.as_str() > n) {
                self.newest = Some(row.updated_at.clone());
            }
            match self.by_id.get(&row.id) {
                Some(&at) => {
                    let at = at as usize;
                    self.garbage += self.slots[at].text_len();
                    self.slots[at] = slot;
                    self.rows[at] = row;
                }
                None => {
                    self.by_id.insert(row.id, self.slots.len() as u32);
                    self.slots.push(slot);
                    self.rows.push(row);
                }
            }
        }
        self.edits += 1;
        if self.garbage > self.arena.len() / 2 {
            self.compact();
        }
    }

    fn compact(&mut self) {
        let mut arena = String::with_capacity(self.arena.len() - self.garbage);
        for slot in &mut self.slots {
            let start = slot.start as usize;
            arena.push_str(&self.arena[start..start + slot.text_len()]);
            slot.start = (arena.len() - slot.text_len()) as u32;
        }
        self.arena = arena;
        self.garbage = 0;
    }

    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    pub fn row(&self, id: i64) -> Option<&SearchRow> {
        self.by_id.get(&id).map(|&at| &self.rows[at as usize])
    }

    /// The latest `updated_at` in the index, to ask the store for what changed since.
    pub fn newest_stamp(&self) -> Option<&str> {
        self.newest.as_deref()
    }

    fn name(&self, s: &Slot) -> &str {
        let start = s.start as usize;
        &self.arena[start..start + usize::from(s.name_len)]
    }

    fn address(&self, s: &Slot) -> &str {
        let start = s.start as usize + usize::from(s.name_len);
        &self.arena[start..start + usize::from(s.address_len)]
    }

    fn pesel(&self, s: &Slot) -> &str {
        let start = s.start as usize + usize::from(s.name_len) + usize::from(s.address_len);
        &self.arena[start..start + usize::from(s.pesel_len)]
    }

    fn phone(&self, s: &Slot) -> &str {
        let start = s.start as usize + s.text_len() - usize::from(s.phone_len);
        &self.arena[start..start + usize::from(s.phone_len)]
    }

    fn text_tier(&self, s: &Slot, p: &Prepared<'_>) -> Option<Tier> {
        let name = self.name(s);
        if p.may_prefix && s.initials & p.first_bit != 0 {
            let surname_end = usize::from(s.surname_len);
            if is_word_prefix(&name[..surname_end], p.text) {
                return Some(Tier::Surname);
            }
            if is_word_prefix(&name[surname_end..], p.text) {
                return Some(Tier::FirstName);
            }
            if is_word_prefix(self.address(s), p.text) {
                return Some(Tier::Address);
            }
        }
        (p.may_fuzzy && s.chars & p.chars == p.chars && is_subsequence(name, p.text, p.ascii)).then_some(Tier::Fuzzy)
    }

    fn digits_tier(&self, s: &Slot, p: &Prepared<'_>) -> Option<Tier> {
        let phone = self.phone(s);
        if self.pesel(s).starts_with(p.text) || (!phone.is_empty() && phone.contains(phone_digits(p.text))) {
            Some(Tier::Digits)
        } else if s.initials & p.first_bit != 0 && is_word_prefix(self.address(s), p.text) {
            Some(Tier::Address)
        } else {
            None
        }
    }

    /// The weakest way the resident at `at` matches every term, or `None`.
    fn match_at(&self, at: usize, terms: &[Prepared<'_>]) -> Option<Tier> {
        let s = &self.slots[at];
        let mut worst = Tier::Surname;
        for p in terms {
            let tier = match p.term {
                Term::Digits(_) => self.digits_tier(s, p)?,
                Term::Text(_) => self.text_tier(s, p)?,
            };
            worst = worst.max(tier);
        }
        Some(worst)
    }

    /// The skim score summed over the terms that matched the resident only fuzzily.
    fn fuzzy_score(&self, at: usize, terms: &[Prepared<'_>]) -> i64 {
        let s = &self.slots[at];
        let name = self.name(s);
        terms
            .iter()
            .filter(|p| matches!(p.term, Term::Text(_)) && self.text_tier(s, p) == Some(Tier::Fuzzy))
            .map(|p| self.matcher.fuzzy_match(name, p.text).unwrap_or(0))
            .sum()
    }

    fn scan(&self, terms: &[Prepared<'_>], within: Option<&[u32]>) -> Vec<(u32, Tier)> {
        match within {
            Some(candidates) => in_parallel(candidates.len(), |part| {
                candidates[part].iter().filter_map(|&at| Some((at, self.match_at(at as usize, terms)?))).collect()
            }),
            None => in_parallel(self.slots.len(), |part| {
                part.filter_map(|at| Some((at as u32, self.match_at(at, terms)?))).collect()
            }),
        }
    }

    fn ranked(&self, at: u32, tier: Tier, score: i64) -> Ranked {
        Ranked { tier, score, name_key: name_key(self.name(&self.slots[at as usize])), at }
    }

    fn by_rank(&self, a: &Ranked, b: &Ranked) -> Ordering {
        a.tier.cmp(&b.tier).then(b.score.cmp(&a.score)).then(a.name_key.cmp(&b.name_key)).then_with(|| {
            let (sa, sb) = (&self.slots[a.at as usize], &self.slots[b.at as usize]);
            self.name(sa).cmp(self.name(sb)).then(self.rows[a.at as usize].id.cmp(&self.rows[b.at as usize].id))
        })
    }

    fn best(&self, mut found: Vec<Ranked>, limit: usize) -> Vec<Ranked> {
        if found.len() > limit {
            if limit == 0 {
                return Vec::new();
            }
            found.select_nth_unstable_by(limit - 1, |a, b| self.by_rank(a, b));
            found.truncate(limit);
        }
        found.sort_unstable_by(|a, b| self.by_rank(a, b));
        found
    }

    /// The best `limit` of the matches: the prefix tiers need no score, so fuzzy matches are
    /// scored only when the prefix tiers leave room on the list.
    fn rank(&self, matches: &[(u32, Tier)], terms: &[Prepared<'_>], limit: usize) -> Vec<Ranked> {
        let mut per_tier = [0usize; TIERS];
        for &(_, tier) in matches {
            per_tier[tier as usize] += 1;
        }
        // Only tiers up to the one that fills the list can appear on it.
        let mut last_tier = TIERS - 1;
        let mut seen = 0;
        for (tier, count) in per_tier.iter().enumerate() {
            seen += count;
            if seen >= limit {
                last_tier = tier;
                break;
            }
        }
        let mut best: Vec<Ranked> = self.best(
            matches
                .iter()
                .filter(|(_, tier)| *tier != Tier::Fuzzy && (*tier as usize) <= last_tier)
                .map(|&(at, tier)| self.ranked(at, tier, 0))
                .collect(),
            limit,
        );
        if best.len() < limit {
            let fuzzy: Vec<u32> = matches.iter().filter(|(_, tier)| *tier == Tier::Fuzzy).map(|&(at, _)| at).collect();
            let scored = in_parallel(fuzzy.len(), |part| {
                fuzzy[part]
                    .iter()
                    .map(|&at| self.ranked(at, Tier::Fuzzy, self.fuzzy_score(at as usize, terms)))
                    .collect()
            });
            best.extend(self.best(scored, limit - best.len()));
        }
        best
    }

    fn highlight(&self, row: &SearchRow, terms: &[Term]) -> Vec<usize> {
        let (folded, map) = fold_with_map(&display_name(row));
        let name: Vec<char> = folded.chars().collect();
        let mut positions = Vec::new();
        for term in terms {
            let Term::Text(t) = term else { continue };
            let t_chars: Vec<char> = t.chars().collect();
            let mut found = false;
            for start in 0..name.len() {
                let at_word_start = start == 0 || !name[start - 1].is_alphanumeric();
                if at_word_start && name[start..].starts_with(&t_chars) {
                    positions.extend(start..start + t_chars.len());
                    found = true;
                    break;
                }
            }
            if !found && let Some((_, idx)) = self.matcher.fuzzy_indices(&folded, t) {
                positions.extend(idx);
            }
        }
        let mut mapped: Vec<usize> = positions.into_iter().filter_map(|p| map.get(p).copied()).collect();
        mapped.sort_unstable();
        mapped.dedup();
        mapped
    }

    /// The best `limit` matches and how many matched in all. An empty query matches nobody.
    pub fn search(&self, query: &str, limit: usize) -> Results {
        self.search_narrowing(query, limit, &mut None)
    }

    /// Like [`Index::search`], looking only among `previous`'s matches when the query merely
    /// adds to the one that left it, and leaving this search's matches in its place.
    pub fn search_narrowing(&self, query: &str, limit: usize, previous: &mut Option<Narrowing>) -> Results {
        let terms = parse_query(query);
        if terms.is_empty() {
            *previous = None;
            return Results::default();
        }
        let prepared: Vec<Prepared<'_>> = terms.iter().map(Prepared::new).collect();
        let within = previous
            .as_ref()
            .filter(|n| n.edits == self.edits && narrows(&n.terms, &terms))
            .map(|n| n.matches.as_slice());
        let matches = self.scan(&prepared, within);
        let best = self.rank(&matches, &prepared, limit);
        let mut results = Results { total: matches.len(), ..Results::default() };
        for r in best {
            let row = &self.rows[r.at as usize];
            results.hits.push(Hit {
                id: row.id,
                tier: r.tier,
                score: r.score,
                name_matches: self.highlight(row, &terms),
            });
            results.rows.push(row.clone());
        }
        *previous =
            Some(Narrowing { edits: self.edits, matches: matches.into_iter().map(|(at, _)| at).collect(), terms });
        results
    }
}

/// Folds residents into the arena, remembering the folds of names and places already seen
/// (a town has few distinct first names, surnames, streets and villages, so most folds are
/// lookups). Folding is character by character, so folding the parts of a text one by one
/// gives the fold of the whole.
#[derive(Default)]
struct Folder {
    seen: HashMap<String, String>,
    buf: String,
}

/// Folded text too long for a slot's length field is cut at a character boundary; no valid
/// resident comes near the limits.
fn cut_to(arena: &mut String, start: usize, max: usize) {
    if arena.len() - start > max {
        let mut end = start + max;
        while !arena.is_char_boundary(end) {
            end -= 1;
        }
        arena.truncate(end);
    }
}

impl Folder {
    fn push(&mut self, text: &str, arena: &mut String) {
        if text.is_ascii() {
            fold_into(text, &mut self.buf);
            arena.push_str(&self.buf);
        } else if let Some(folded) = self.seen.get(text) {
            arena.push_str(folded);
        } else {
            let folded = fold(text);
            arena.push_str(&folded);
            self.seen.insert(text.to_string(), folded);
        }
    }

    fn append(&mut self, row: &SearchRow, arena: &mut String) -> Slot {
        const HALF: usize = u16::MAX as usize / 2;
        let start = arena.len();
        self.push(&row.last_name, arena);
        cut_to(arena, start, HALF);
        let surname_len = arena.len() - start;
        arena.push(' ');
        let first_start = arena.len();
        self.push(&row.first_name, arena);
        cut_to(arena, first_start, HALF);
        let name_end = arena.len();
        for (i, part) in [&row.street, &row.house_no, &row.postal_code, &row.city].into_iter().enumerate() {
            if i > 0 {
                arena.push(' ');
            }
            self.push(part, arena);
        }
        cut_to(arena, name_end, u16::MAX as usize);
        let address_end = arena.len();
        arena.extend(row.pesel.chars().filter(char::is_ascii_digit).take(u8::MAX as usize));
        let pesel_end = arena.len();
        arena.extend(row.phone.chars().filter(char::is_ascii_digit).take(u8::MAX as usize));
        let name = &arena[start..name_end];
        let mut initials = 0;
        for text in [name, &arena[name_end..address_end]] {
            for word in text.split(|c: char| !c.is_alphanumeric()) {
                initials |= word.chars().next().map_or(0, char_bit);
            }
        }
        Slot {
            start: start as u32,
            name_len: (name_end - start) as u16,
            surname_len: surname_len as u16,
            address_len: (address_end - name_end) as u16,
            pesel_len: (pesel_end - address_end) as u8,
            phone_len: (arena.len() - pesel_end) as u8,
            initials,
            chars: char_set(name),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(id: i64, first: &str, last: &str, pesel: &str, phone: &str, street: &str, city: &str) -> SearchRow {
        SearchRow {
            id,
            first_name: first.into(),
            last_name: last.into(),
            pesel: pesel.into(),
            phone: phone.into(),
            street: street.into(),
            house_no: "1".into(),
            flat_no: String::new(),
            postal_code: "39-200".into(),
            city: city.into(),
            updated_at: "2026-11-23T10:00:00.000Z".into(),
        }
    }

    fn index() -> Index {
        Index::build(vec![
            row(1, "Łukasz", "Żółć", "44051401359", "601234567", "ul. Kościuszki", "Dębica"),
            row(2, "Anna", "Nowak", "02271409867", "146801234", "ul. Łukasza", "Straszęcin"),
            row(3, "Nowak", "Kowalska", "85031212345", "", "ul. Rzeszowska", "Dębica"),
            row(4, "Zofia", "Nowakowska-Żak", "90010112345", "", "Pustynia", "Pustynia"),
        ])
    }

    fn ids(r: &Results) -> Vec<i64> {
        r.hits.iter().map(|h| h.id).collect()
    }

    #[test]
    fn folds_case_and_diacritics_on_both_sides() {
        let i = index();
        for q in ["lukasz zolc", "ŁUKASZ ŻÓŁĆ", "Łukasz Żółć", "zolc lukasz"] {
            assert_eq!(ids(&i.search(q, 10))[0], 1, "{q}");
        }
    }

    #[test]
    fn ranks_surname_prefix_above_first_name_prefix_above_fuzzy() {
        let r = index().search("nowak", 10);
        assert_eq!(ids(&r), [2, 4, 3]);
        assert_eq!(r.hits[0].tier, Tier::Surname);
        assert_eq!(r.hits[2].tier, Tier::FirstName);
    }

    #[test]
    fn digits_match_pesel_prefix_and_phone_not_fuzzy() {
        let i = index();
        assert_eq!(ids(&i.search("440514", 10)), [1]);
        assert_eq!(ids(&i.search("+48 601 234 567", 10)), [1]);
        assert_eq!(ids(&i.search("680 12", 10)), [2]);
        assert!(i.search("999", 10).hits.is_empty());
    }

    #[test]
    fn words_match_street_and_village_in_any_order() {
        assert_eq!(ids(&index().search("straszecin nowak", 10)), [2]);
    }

    #[test]
    fn counts_all_matches_beyond_the_limit() {
        let r = index().search("nowak", 1);
        assert_eq!(r.total, 3);
        assert_eq!(r.hits.len(), 1);
    }

    #[test]
    fn highlights_matched_characters_of_the_display_name() {
        let r = index().search("zol", 10);
        // "Żółć Łukasz": the first three characters.
        assert_eq!(r.hits[0].name_matches, [0, 1, 2]);
    }

    #[test]
    fn picks_up_changed_residents() {
        let mut i = index();
        i.upsert(vec![row(2, "Anna", "Zielińska", "02271409867", "", "", "Dębica")]);
        assert!(ids(&i.search("nowak", 10)) == [4, 3]);
        assert_eq!(ids(&i.search("zielinska", 10)), [2]);
    }

    #[test]
    fn typing_on_gives_the_same_answers_as_searching_afresh() {
        let i = index();
        for typed in
            ["nowak anna", "kowalska nowak", "zolc", "nwk", "4405140", "+48 601 234", "39-200 deb", "dębica ul"]
        {
            let mut narrowing = None;
            let mut query = String::new();
            for c in typed.chars() {
                query.push(c);
                assert_eq!(i.search_narrowing(&query, 2, &mut narrowing), i.search(&query, 2), "{query}");
            }
        }
    }

    #[test]
    fn a_change_to_the_index_discards_the_narrowing() {
        let mut i = index();
        let mut narrowing = None;
        i.search_narrowing("kow", 10, &mut narrowing);
        i.upsert(vec![row(5, "Jan", "Kowalczyk", "", "", "", "Dębica")]);
        assert_eq!(ids(&i.search_narrowing("kowa", 10, &mut narrowing)), [5, 3, 4]);
    }

    #[test]
    fn repeated_changes_keep_every_resident_findable() {
        let mut i = index();
        for n in 0..50 {
            i.upsert(vec![row(
                1,
                "Łukasz",
                &format!("Żółć{n}"),
                "44051401359",
                "601234567",
                "ul. Kościuszki",
                "Dębica",
            )]);
        }
        assert_eq!(ids(&i.search("zolc49 lukasz", 10)), [1]);
        assert_eq!(ids(&i.search("nowakowska", 10)), [4]);
        assert_eq!(ids(&i.search("601 234 567", 10)), [1]);
        assert_eq!(i.len(), 4);
    }

    #[test]
    fn returns_the_rows_of_the_hits_in_order() {
        let r = index().search("nowak", 10);
        assert_eq!(r.rows.iter().map(|r| r.id).collect::<Vec<_>>(), ids(&r));
    }

    #[test]
    fn fuzzy_hits_rank_by_score_after_prefix_hits() {
        let r = index().search("nwk", 10);
        assert!(r.hits.iter().all(|h| h.tier == Tier::Fuzzy && h.score > 0));
        assert!(r.hits.windows(2).all(|w| w[0].score >= w[1].score));
        assert_eq!(r.total, 3);
    }
}
