//! Resident search: folded text on both sides, several words in any order, digits matched
//! against PESEL prefixes and phone numbers, ranked so that an exact surname prefix comes before
//! a first-name prefix, before any other word prefix, before a fuzzy hit.
//!
//! Built for a keystroke budget of a few milliseconds at a million residents: the folded text of
//! every resident lives in one arena; a few 64-bit marks per resident (the first bytes of the
//! names and the town, bits for how words begin) settle most comparisons or reject the resident
//! before any text is read; fuzzy words are tested once per distinct name (an exact subsequence
//! test behind character-set filters) and the skim matcher only scores what may reach the list;
//! large scans use every core; and a query that extends the previous one looks only among its
//! matches ([`Narrowing`]). The desk runs it on its own thread (`tui::search_thread`), so typing
//! never waits. BENCHMARKS.md has the measurements behind each of these.

mod query;

/// How many of the best matches each answer carries: more than any list shows at once.
pub const RESULT_LIMIT: usize = 100;

use crate::domain::fold::{fold, fold_into};
use crate::storage::residents::SearchRow;
use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use query::{
    HEAD_BYTES, MAX_NUMBER_DIGITS, PairSet, Prepared, Term, char_set, digit_pairs, has_pairs, head, is_subsequence,
    is_word_prefix, narrows, ordered_pairs, parse_query, phone_digits, rest_word_starts, widens, word_starts,
};
use std::cmp::Ordering;
use std::collections::BinaryHeap;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
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

impl Tier {
    const ALL: [Tier; 5] = [Tier::Surname, Tier::FirstName, Tier::Address, Tier::Digits, Tier::Fuzzy];
}

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
    /// The PESEL as a number when it has at most [`MAX_NUMBER_DIGITS`] digits, so that a
    /// prefix is compared without reading the arena.
    pesel: u64,
    /// [`query::digit_pairs`] of the phone.
    phone_digits: u64,
}

/// What a scan looks at for every resident, kept apart from [`Slot`] so that a scan reads as
/// few bytes per resident as it can: on a large index, memory traffic is what a scan costs.
#[derive(Debug, Clone, Copy)]
struct Marks {
    /// The first eight bytes of the surname's and the first name's first word (and what
    /// follows it), so that most prefix checks are settled without reading the arena.
    surname_head: u64,
    first_head: u64,
    /// [`query::word_starts`] of the words after the first, in the surname and the first name
    /// together (zero for one-word names, which is most).
    name_rest: u64,
    /// The town's first word like the names' (most residents of a town share it, and most
    /// address searches are for it), and the [`query::word_starts`] of the address's other
    /// words.
    city_head: u64,
    address_rest: u64,
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
    marks: Vec<Marks>,
    arena: String,
    /// Bytes of the arena no slot points at any more (left by changed residents).
    garbage: usize,
    by_id: HashMap<i64, u32>,
    /// Slots in display order (folded name, then id), and each slot's place in it, so that
    /// ranking compares numbers, not text.
    sorted: Vec<u32>,
    place: Vec<u32>,
    /// Each resident's name group: residents with equal numbers have the same folded name (not
    /// always the reverse). Fuzzy matching depends on the name alone, so each search tests and
    /// scores each group's name once, and a resident's fuzzy test is one lookup.
    name_group: Vec<u32>,
    /// Per group: its folded name (in `group_names`), [`query::char_set`] and
    /// [`query::ordered_pairs`].
    group_names: String,
    group_spans: Vec<(u32, u32)>,
    group_chars: Vec<u64>,
    group_pairs: Vec<PairSet>,
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
    last: Found,
    /// The matches of the query's finished words (all but the one being typed), for when the
    /// word being typed changes how it matches and `last` no longer holds every match.
    words_done: Option<Found>,
}

/// Which residents a search looks at.
enum Scope<'a> {
    All,
    /// Only these (every match is among them).
    Within(&'a [u32]),
    /// These, and the others only where term `last` may match fuzzily: the previous query
    /// matched `matched` and differed only in that term, which has now become long enough to
    /// match fuzzily.
    Widened {
        matched: &'a [u32],
        last: usize,
    },
}

/// A query's terms and the residents that matched them, in index order.
#[derive(Debug, Clone, Default)]
struct Found {
    terms: Vec<Term>,
    matches: Vec<u32>,
}

impl Found {
    /// Whether every match of `terms` is among these matches.
    fn holds_all_of(&self, terms: &[Term]) -> bool {
        narrows(&self.terms, terms)
    }
}

/// Fuzzy scores already computed in one search, by name group and fuzzily matched terms.
type ScoreMemo = HashMap<(u32, u64), i64, BuildHasherDefault<NumberHasher>>;

/// A quick hash for keys made of a few numbers (the standard one resists attacks on untrusted
/// keys, which these are not, at several times the cost).
#[derive(Default)]
struct NumberHasher(u64);

impl Hasher for NumberHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u64(u64::from(b));
        }
    }

    fn write_u32(&mut self, n: u32) {
        self.write_u64(u64::from(n));
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
}

/// What places a resident in display order, kept beside it while sorting.
struct OrderKey {
    /// The first sixteen bytes of the folded name, big-endian, so that numbers compare as text.
    prefix: u128,
    long: bool,
    id: i64,
}

/// What one thread's scan found.
#[derive(Default)]
struct Part {
    /// Every match, in index order (kept for narrowing the next search).
    matches: Vec<u32>,
    /// The fuzzy matches, with which terms matched them only fuzzily.
    fuzzy: Vec<(u32, u64)>,
    prefix_hits: usize,
    /// The best prefix-tier matches as [`rank_key`]s.
    best: BinaryHeap<u64>,
}

const TIER_SHIFT: u32 = 61;
const SCORE_BITS: u32 = 28;

/// A match's rank as one number, smaller is better: tier, then higher score, then display
/// place. Skim scores are small positive numbers; the clamp only guards the packing.
fn rank_key(tier: Tier, score: i64, place: u32) -> u64 {
    let most = (1i64 << SCORE_BITS) - 1;
    let score = score.clamp(0, most);
    (tier as u64) << TIER_SHIFT | ((most - score) as u64) << 32 | u64::from(place)
}

/// Keeps the `limit` smallest keys in a max-heap.
fn keep_best(best: &mut BinaryHeap<u64>, key: u64, limit: usize) {
    if best.len() < limit {
        best.push(key);
    } else if let Some(mut worst) = best.peek_mut()
        && key < *worst
    {
        *worst = key;
    }
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

/// Runs `work` over `0..len`, split into consecutive ranges across the available cores when
/// `len` is large; the results come back in range order.
fn in_parallel<T: Send>(len: usize, work: impl Fn(Range<usize>) -> T + Sync) -> Vec<T> {
    let threads = std::thread::available_parallelism().map_or(1, std::num::NonZero::get).min(len / PARALLEL_MIN).max(1);
    if threads == 1 {
        return vec![work(0..len)];
    }
    let step = len.div_ceil(threads);
    let work = &work;
    std::thread::scope(|scope| {
        let others: Vec<_> =
            (1..threads).map(|t| scope.spawn(move || work(t * step..((t + 1) * step).min(len)))).collect();
        let mut all = vec![work(0..step)];
        for part in others {
            match part.join() {
                Ok(part) => all.push(part),
                Err(panic) => std::panic::resume_unwind(panic),
            }
        }
        all
    })
}

impl Index {
    pub fn build(rows: Vec<SearchRow>) -> Index {
        let mut index = Index {
            rows: Vec::new(),
            slots: Vec::with_capacity(rows.len()),
            marks: Vec::with_capacity(rows.len()),
            arena: String::with_capacity(rows.len() * 80),
            garbage: 0,
            by_id: HashMap::with_capacity(rows.len()),
            sorted: Vec::new(),
            place: Vec::new(),
            name_group: Vec::new(),
            group_names: String::new(),
            group_spans: Vec::new(),
            group_chars: Vec::new(),
            group_pairs: Vec::new(),
            newest: None,
            edits: 0,
            matcher: SkimMatcherV2::default(),
        };
        let unique = rows.iter().enumerate().all(|(at, row)| index.by_id.insert(row.id, at as u32).is_none());
        if !unique {
            index.by_id.clear();
            index.upsert(rows);
            return index;
        }
        let mut folder = Folder::default();
        for row in &rows {
            let (slot, marks) = folder.append(row, &mut index.arena);
            index.slots.push(slot);
            index.marks.push(marks);
        }
        index.newest = rows.iter().map(|r| r.updated_at.as_str()).max().map(str::to_string);
        index.rows = rows;
        let mut keys: Vec<(OrderKey, u32)> =
            (0..index.slots.len() as u32).map(|at| (index.order_key(at), at)).collect();
        keys.sort_unstable_by(|a, b| index.display_order(&a.0, &b.0, a.1, b.1));
        index.name_group = vec![0; index.slots.len()];
        for (i, (key, at)) in keys.iter().enumerate() {
            let same_as_before = i > 0 && {
                let (before, before_at) = &keys[i - 1];
                before.prefix == key.prefix && (!(before.long || key.long) || index.same_name(*before_at, *at))
            };
            index.name_group[*at as usize] =
                if same_as_before { index.name_group[keys[i - 1].1 as usize] } else { index.new_group(*at) };
        }
        index.sorted = keys.into_iter().map(|(_, at)| at).collect();
        index.place = vec![0; index.slots.len()];
        index.renumber();
        index
    }

    /// Adds new residents and replaces changed ones.
    pub fn upsert(&mut self, rows: Vec<SearchRow>) {
        let mut folded = Folder::default();
        let mut changed = Vec::with_capacity(rows.len());
        for row in rows {
            let (slot, marks) = folded.append(&row, &mut self.arena);
            if self.newest.as_deref().is_none_or(|n| row.updated_at.as_str() > n) {
                self.newest = Some(row.updated_at.clone());
            }
            match self.by_id.get(&row.id) {
                Some(&at) => {
                    let at = at as usize;
                    self.garbage += self.slots[at].text_len();
                    self.slots[at] = slot;
                    self.marks[at] = marks;
                    self.rows[at] = row;
                    changed.push(at as u32);
                }
                None => {
                    changed.push(self.slots.len() as u32);
                    self.by_id.insert(row.id, self.slots.len() as u32);
                    self.slots.push(slot);
                    self.marks.push(marks);
                    self.rows.push(row);
                    self.place.push(0);
                }
            }
        }
        self.edits += 1;
        if self.garbage > self.arena.len() / 2 {
            self.compact();
        }
        self.reorder(changed);
    }

    fn order_key(&self, at: u32) -> OrderKey {
        let name = self.name(&self.slots[at as usize]);
        let mut prefix = [0u8; 16];
        for (p, b) in prefix.iter_mut().zip(name.bytes()) {
            *p = b;
        }
        OrderKey { prefix: u128::from_be_bytes(prefix), long: name.len() > 16, id: self.rows[at as usize].id }
    }

    /// Folded name, then id. The first sixteen bytes decide most comparisons without the arena.
    fn display_order(&self, a: &OrderKey, b: &OrderKey, at_a: u32, at_b: u32) -> Ordering {
        a.prefix
            .cmp(&b.prefix)
            .then_with(|| {
                if a.long || b.long {
                    self.name(&self.slots[at_a as usize]).cmp(self.name(&self.slots[at_b as usize]))
                } else {
                    Ordering::Equal
                }
            })
            .then(a.id.cmp(&b.id))
    }

    fn name_order(&self, a: u32, b: u32) -> Ordering {
        self.display_order(&self.order_key(a), &self.order_key(b), a, b)
    }

    /// Puts changed slots in their new places in the display order: out of the order, then
    /// each back in by binary search — linear in the index, not a full sort.
    fn reorder(&mut self, mut changed: Vec<u32>) {
        changed.sort_unstable();
        changed.dedup();
        let mut is_changed = vec![false; self.slots.len()];
        for &at in &changed {
            is_changed[at as usize] = true;
        }
        let mut rest = std::mem::take(&mut self.sorted);
        rest.retain(|&at| !is_changed[at as usize]);
        changed.sort_unstable_by(|&a, &b| self.name_order(a, b));
        let mut sorted = Vec::with_capacity(self.slots.len());
        let mut from = 0;
        for &at in &changed {
            let to = from + rest[from..].partition_point(|&r| self.name_order(r, at) == Ordering::Less);
            sorted.extend_from_slice(&rest[from..to]);
            sorted.push(at);
            from = to;
        }
        sorted.extend_from_slice(&rest[from..]);
        self.sorted = sorted;
        self.renumber();
        // A changed resident joins its neighbour's name group if it has the same name (the
        // left neighbour is settled by now, the right one unless it changed too).
        self.name_group.resize(self.slots.len(), 0);
        for &at in &changed {
            let place = self.place[at as usize] as usize;
            let left = place.checked_sub(1).map(|p| self.sorted[p]);
            let right = self.sorted.get(place + 1).copied().filter(|r| !is_changed[*r as usize]);
            match [left, right].into_iter().flatten().find(|&other| self.same_name(other, at)) {
                Some(other) => self.name_group[at as usize] = self.name_group[other as usize],
                None => self.name_group[at as usize] = self.new_group(at),
            }
        }
    }

    /// A new name group for the name of the resident at `at`.
    fn new_group(&mut self, at: u32) -> u32 {
        let slot = self.slots[at as usize];
        let name = &self.arena[slot.start as usize..slot.start as usize + usize::from(slot.name_len)];
        let start = self.group_names.len() as u32;
        self.group_chars.push(char_set(name));
        self.group_pairs.push(ordered_pairs(name));
        self.group_names.push_str(name);
        self.group_spans.push((start, self.group_names.len() as u32));
        (self.group_spans.len() - 1) as u32
    }

    fn group_name(&self, group: usize) -> &str {
        let (start, end) = self.group_spans[group];
        &self.group_names[start as usize..end as usize]
    }

    /// For each name group, whether fuzzy term `p` matches its name: a subsequence test where
    /// the character set and ordered pairs allow one.
    fn fuzzy_groups(&self, p: &Prepared<'_>) -> Vec<bool> {
        in_parallel(self.group_spans.len(), |range| {
            range
                .map(|g| {
                    self.group_chars[g] & p.chars == p.chars
                        && has_pairs(&self.group_pairs[g], &p.pairs)
                        && is_subsequence(self.group_name(g), p.text, p.ascii)
                })
                .collect::<Vec<bool>>()
        })
        .concat()
    }

    fn same_name(&self, a: u32, b: u32) -> bool {
        self.name(&self.slots[a as usize]) == self.name(&self.slots[b as usize])
    }

    fn renumber(&mut self) {
        for (place, &at) in self.sorted.iter().enumerate() {
            self.place[at as usize] = place as u32;
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

    // The character sets are checked before any text is sliced: slicing reads the arena, and
    // on a large index that memory access, not the comparison, is what a scan pays for.
    fn text_tier(&self, at: usize, m: &Marks, p: &Prepared<'_>) -> Option<Tier> {
        if p.may_prefix {
            let s = || &self.slots[at];
            let surname = || &self.name(s())[..usize::from(s().surname_len)];
            let first = || &self.name(s())[usize::from(s().surname_len) + 1..];
            if self.name_part_matches(m.surname_head, m.name_rest, surname, p) {
                return Some(Tier::Surname);
            }
            if self.name_part_matches(m.first_head, m.name_rest, first, p) {
                return Some(Tier::FirstName);
            }
            if self.address_matches(at, m, p) {
                return Some(Tier::Address);
            }
        }
        self.matches_fuzzily(at, p).then_some(Tier::Fuzzy)
    }

    fn matches_fuzzily(&self, at: usize, p: &Prepared<'_>) -> bool {
        p.may_fuzzy && p.fuzzy_groups.get(self.name_group[at] as usize).copied().unwrap_or(false)
    }

    /// Whether `p` is a prefix of a word of a surname or first name: the first word from its
    /// head, the others (if their start bits allow) from the text.
    fn name_part_matches<'a>(&'a self, head: u64, rest: u64, text: impl Fn() -> &'a str, p: &Prepared<'_>) -> bool {
        let first_word = if p.text.len() <= HEAD_BYTES {
            head & p.head_mask == p.head
        } else {
            head == p.head && text().trim_start_matches(|c: char| !c.is_alphanumeric()).starts_with(p.text)
        };
        first_word || (rest & p.starts == p.starts && is_word_prefix(text(), p.text))
    }

    /// Whether `p` is a prefix of a word of the address: the town's first word from its head,
    /// the others (if their start bits allow) from the text.
    fn address_matches(&self, at: usize, m: &Marks, p: &Prepared<'_>) -> bool {
        let address = || self.address(&self.slots[at]);
        let city = if p.text.len() <= HEAD_BYTES {
            m.city_head & p.head_mask == p.head
        } else {
            m.city_head == p.head && is_word_prefix(address(), p.text)
        };
        city || (m.address_rest & p.starts == p.starts && (p.starts_exact || is_word_prefix(address(), p.text)))
    }

    fn pesel_starts_with(&self, s: &Slot, p: &Prepared<'_>) -> bool {
        let (pesel_len, term_len) = (usize::from(s.pesel_len), p.text.len());
        match p.number {
            Some(number) if pesel_len <= MAX_NUMBER_DIGITS => {
                pesel_len >= term_len && s.pesel / 10u64.pow((pesel_len - term_len) as u32) == number
            }
            _ => self.pesel(s).starts_with(p.text),
        }
    }

    fn digits_tier(&self, at: usize, m: &Marks, p: &Prepared<'_>) -> Option<Tier> {
        let s = &self.slots[at];
        let phone_hit = s.phone_digits & p.phone_digits == p.phone_digits
            && s.phone_len > 0
            && self.phone(s).contains(phone_digits(p.text));
        if self.pesel_starts_with(s, p) || phone_hit {
            Some(Tier::Digits)
        } else if self.address_matches(at, m, p) {
            Some(Tier::Address)
        } else {
            None
        }
    }

    /// The weakest way the resident at `at` matches every term, or `None`; with it, which
    /// terms (of the first 64) matched only fuzzily.
    fn match_at(&self, at: usize, terms: &[Prepared<'_>]) -> Option<(Tier, u64)> {
        let m = &self.marks[at];
        let mut worst = Tier::Surname;
        let mut fuzzy = 0u64;
        for (i, p) in terms.iter().enumerate() {
            let tier = match p.term {
                Term::Digits(_) => self.digits_tier(at, m, p)?,
                Term::Text(_) => self.text_tier(at, m, p)?,
            };
            if tier == Tier::Fuzzy && i < 64 {
                fuzzy |= 1 << i;
            }
            worst = worst.max(tier);
        }
        Some((worst, fuzzy))
    }

    /// The skim score summed over the terms that matched the resident only fuzzily. `memo`
    /// keeps the scores of names already scored, for residents who share them.
    fn fuzzy_score(&self, at: usize, fuzzy: u64, terms: &[Prepared<'_>], memo: &mut ScoreMemo) -> i64 {
        *memo.entry((self.name_group[at], fuzzy)).or_insert_with(|| {
            let name = self.name(&self.slots[at]);
            terms
                .iter()
                .enumerate()
                .filter(|(i, _)| *i < 64 && fuzzy & 1 << i != 0)
                .map(|(_, p)| self.matcher.fuzzy_match(name, p.text).unwrap_or(0))
                .sum()
        })
    }

    /// Matches among `ats`, keeping the best prefix-tier matches as it goes; fuzzy matches
    /// are only collected, since scoring them is the expensive part and may not be needed.
    fn scan_part(&self, terms: &[Prepared<'_>], ats: impl Iterator<Item = u32>, limit: usize) -> Part {
        let mut part = Part::default();
        for at in ats {
            let Some((tier, fuzzy)) = self.match_at(at as usize, terms) else { continue };
            part.matches.push(at);
            if tier == Tier::Fuzzy {
                part.fuzzy.push((at, fuzzy));
            } else {
                part.prefix_hits += 1;
                keep_best(&mut part.best, rank_key(tier, 0, self.place[at as usize]), limit);
            }
        }
        part
    }

    fn scan(&self, terms: &[Prepared<'_>], scope: Scope<'_>, limit: usize) -> Part {
        let parts = match scope {
            Scope::Within(candidates) => {
                in_parallel(candidates.len(), |range| self.scan_part(terms, candidates[range].iter().copied(), limit))
            }
            Scope::All => in_parallel(self.slots.len(), |range| {
                self.scan_part(terms, range.start as u32..range.end as u32, limit)
            }),
            Scope::Widened { matched, last } => in_parallel(self.slots.len(), |range| {
                let mut next = matched.partition_point(|&m| (m as usize) < range.start);
                let candidates = (range.start as u32..range.end as u32).filter(|&at| {
                    if matched.get(next) == Some(&at) {
                        next += 1;
                        true
                    } else {
                        self.matches_fuzzily(at as usize, &terms[last])
                    }
                });
                self.scan_part(terms, candidates, limit)
            }),
        };
        let mut all = Part::default();
        for part in parts {
            all.matches.extend(part.matches);
            all.fuzzy.extend(part.fuzzy);
            all.prefix_hits += part.prefix_hits;
            for key in part.best {
                keep_best(&mut all.best, key, limit);
            }
        }
        all
    }

    /// Scores the fuzzy matches and keeps the best `limit` of them.
    fn best_fuzzy(&self, fuzzy: &[(u32, u64)], terms: &[Prepared<'_>], limit: usize) -> BinaryHeap<u64> {
        let parts = in_parallel(fuzzy.len(), |range| {
            let mut memo = ScoreMemo::default();
            let mut best = BinaryHeap::new();
            for &(at, which) in &fuzzy[range] {
                let score = self.fuzzy_score(at as usize, which, terms, &mut memo);
                keep_best(&mut best, rank_key(Tier::Fuzzy, score, self.place[at as usize]), limit);
            }
            best
        });
        let mut best = BinaryHeap::new();
        for key in parts.into_iter().flatten() {
            keep_best(&mut best, key, limit);
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
        let (gmina, rest) = split_gmina(query);
        if let Some(gmina) = gmina {
            // A gmina narrows by a field the narrowing does not keep: searched afresh each time.
            *previous = None;
            return self.search_in_gmina(&gmina, &rest, limit);
        }
        let terms = parse_query(&rest);
        if terms.is_empty() {
            *previous = None;
            return Results::default();
        }
        let mut prepared: Vec<Prepared<'_>> = terms.iter().map(Prepared::new).collect();
        for p in prepared.iter_mut().filter(|p| p.may_fuzzy) {
            p.fuzzy_groups = self.fuzzy_groups(p);
        }
        let usable = previous.take().filter(|n| n.edits == self.edits);
        let (last, words_done) = usable.map_or((None, None), |n| (Some(n.last), n.words_done));
        let words_done = words_done.filter(|w| w.holds_all_of(&terms));
        let scope = match (&last, &words_done) {
            (Some(last), _) if last.holds_all_of(&terms) => Scope::Within(&last.matches),
            (_, Some(done)) => Scope::Within(&done.matches),
            (Some(previous), None) => match widens(&previous.terms, &terms) {
                Some(last) => Scope::Widened { matched: &previous.matches, last },
                None => Scope::All,
            },
            _ => Scope::All,
        };
        let (results, matches) = self.answer(&terms, &prepared, scope, limit);
        // The last search's words are finished once the person has started another word.
        let words_done = match last {
            Some(last) if last.terms.len() < terms.len() && terms.starts_with(&last.terms) => Some(last),
            _ => words_done,
        };
        *previous = Some(Narrowing { edits: self.edits, last: Found { terms, matches }, words_done });
        results
    }

    /// The best `limit` of the residents in `scope` matching every term, and all the matches.
    fn answer(&self, terms: &[Term], prepared: &[Prepared<'_>], scope: Scope<'_>, limit: usize) -> (Results, Vec<u32>) {
        let found = self.scan(prepared, scope, limit);
        let mut best = found.best.into_sorted_vec();
        if best.len() < limit && !found.fuzzy.is_empty() {
            best.extend(self.best_fuzzy(&found.fuzzy, prepared, limit - best.len()).into_sorted_vec());
        }
        let mut results = Results { total: found.matches.len(), ..Results::default() };
        let mut memo = ScoreMemo::default();
        for key in best {
            let at = self.sorted[(key & u64::from(u32::MAX)) as usize] as usize;
            let tier = Tier::ALL[(key >> TIER_SHIFT) as usize];
            let score = match self.match_at(at, prepared) {
                Some((Tier::Fuzzy, which)) => self.fuzzy_score(at, which, prepared, &mut memo),
                _ => 0,
            };
            let row = &self.rows[at];
            results.hits.push(Hit { id: row.id, tier, score, name_matches: self.highlight(row, terms) });
            results.rows.push(row.clone());
        }
        (results, found.matches)
    }

    /// Residents of the gminas whose name has a word starting with `gmina` (folded), matching
    /// the rest of the query; with nothing else typed, all of them in name order.
    fn search_in_gmina(&self, gmina: &str, rest: &str, limit: usize) -> Results {
        let mut named: HashMap<&str, bool> = HashMap::new();
        let candidates: Vec<u32> = (0..self.rows.len() as u32)
            .filter(|&at| {
                let name = self.rows[at as usize].gmina.as_str();
                *named.entry(name).or_insert_with(|| !name.is_empty() && is_word_prefix(&fold(name), gmina))
            })
            .collect();
        let terms = parse_query(rest);
        if terms.is_empty() {
            let mut places: Vec<u32> = candidates.iter().map(|&at| self.place[at as usize]).collect();
            places.sort_unstable();
            let mut results = Results { total: candidates.len(), ..Results::default() };
            for place in places.into_iter().take(limit) {
                let row = &self.rows[self.sorted[place as usize] as usize];
                results.hits.push(Hit { id: row.id, tier: Tier::Address, score: 0, name_matches: Vec::new() });
                results.rows.push(row.clone());
            }
            return results;
        }
        let mut prepared: Vec<Prepared<'_>> = terms.iter().map(Prepared::new).collect();
        for p in prepared.iter_mut().filter(|p| p.may_fuzzy) {
            p.fuzzy_groups = self.fuzzy_groups(p);
        }
        self.answer(&terms, &prepared, Scope::Within(&candidates), limit).0
    }
}

/// Takes `gmina:NAME` out of a query: the folded name, and the query without it.
fn split_gmina(query: &str) -> (Option<String>, String) {
    let mut gmina = None;
    let mut rest = Vec::new();
    for word in query.split_whitespace() {
        let folded = fold(word);
        match folded.strip_prefix("gmina:") {
            Some(name) if !name.is_empty() => gmina = Some(name.to_string()),
            Some(_) => {}
            None => rest.push(word),
        }
    }
    (gmina, rest.join(" "))
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

    fn append(&mut self, row: &SearchRow, arena: &mut String) -> (Slot, Marks) {
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
        let mut city_start = name_end;
        for (i, part) in [&row.street, &row.house_no, &row.postal_code, &row.city].into_iter().enumerate() {
            if i > 0 {
                arena.push(' ');
            }
            city_start = arena.len();
            self.push(part, arena);
        }
        cut_to(arena, name_end, u16::MAX as usize);
        let address_end = arena.len();
        let city_start = city_start.min(address_end);
        arena.extend(row.pesel.chars().filter(char::is_ascii_digit).take(u8::MAX as usize));
        let pesel_end = arena.len();
        arena.extend(row.phone.chars().filter(char::is_ascii_digit).take(u8::MAX as usize));
        let name = &arena[start..name_end];
        let pesel = &arena[address_end..pesel_end];
        let phone = &arena[pesel_end..];
        let marks = Marks {
            surname_head: head(&name[..surname_len]),
            first_head: head(&name[surname_len + 1..]),
            name_rest: rest_word_starts(&name[..surname_len]) | rest_word_starts(&name[surname_len + 1..]),
            city_head: head(&arena[city_start..address_end]),
            address_rest: word_starts(&arena[name_end..city_start]) | rest_word_starts(&arena[city_start..address_end]),
        };
        let slot = Slot {
            start: start as u32,
            name_len: (name_end - start) as u16,
            surname_len: surname_len as u16,
            address_len: (address_end - name_end) as u16,
            pesel_len: (pesel_end - address_end) as u8,
            phone_len: (arena.len() - pesel_end) as u8,
            pesel: if pesel.len() <= MAX_NUMBER_DIGITS { pesel.parse().unwrap_or(0) } else { 0 },
            phone_digits: digit_pairs(phone),
        };
        (slot, marks)
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
            gmina: if city == "Dębica" { "Miasto Dębica".into() } else { "Gmina Żyraków".into() },
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
        assert_eq!(ids(&i.search("0227", 10)), [2]);
        assert_eq!(ids(&i.search("0048 601 234 567", 10)), [1]);
        assert!(i.search("4405140135999", 10).hits.is_empty());
    }

    #[test]
    fn words_match_street_and_village_in_any_order() {
        assert_eq!(ids(&index().search("straszecin nowak", 10)), [2]);
        assert_eq!(ids(&index().search("zak zofia", 10)), [4]);
        assert_eq!(ids(&index().search("nowakowska-", 10)), [4]);
        assert_eq!(index().search("nowakowskaz", 10).hits[0].tier, Tier::Fuzzy);
    }

    #[test]
    fn gmina_narrows_to_its_residents_with_or_without_other_words() {
        let index = index();
        assert_eq!(ids(&index.search("gmina:debica", 10)), [3, 1], "name order");
        assert_eq!(index.search("gmina:debica", 10).total, 2);
        assert_eq!(ids(&index.search("nowak gmina:ŻYRAKÓW", 10)), [2, 4]);
        assert_eq!(ids(&index.search("GMINA:miasto kowal", 10)), [3]);
        assert!(index.search("gmina:kraków", 10).hits.is_empty());
        // Without a name the word is dropped, not searched for.
        assert_eq!(ids(&index.search("gmina: żółć", 10)), [1]);
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
    fn correcting_a_query_gives_the_same_answers_as_searching_afresh() {
        let i = index();
        let mut narrowing = None;
        for query in [
            "nowak",
            "nowak ",
            "nowak a",
            "nowak an",
            "nowak a",
            "nowak",
            "nowa",
            "nowak k",
            "nowak kow",
            "nowak kwl",
            "kowalska",
            "ko",
            "kow",
            "601",
            "601 2",
            "48",
            "4860",
            "48 601",
            "48 601 234 567",
            "dębica",
            "dębica ż",
            "dębica żół",
            "dębica zol",
        ] {
            assert_eq!(i.search_narrowing(query, 3, &mut narrowing), i.search(query, 3), "{query}");
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

    #[test]
    fn a_large_index_split_across_cores_finds_and_ranks_like_a_small_one() {
        let n = 2 * PARALLEL_MIN as i64 + 7;
        let rows: Vec<SearchRow> = (1..=n)
            .map(|id| {
                let (first, last) = if id % 3 == 0 { ("Anna", "Kowalska") } else { ("Jan", "Nowak") };
                row(id, first, last, "", &format!("60{id:07}"), "ul. Polna", "Dębica")
            })
            .collect();
        let i = Index::build(rows);
        let r = i.search("kowalska", 5);
        assert_eq!(r.total, n as usize / 3);
        assert_eq!(ids(&r), [3, 6, 9, 12, 15]);
        let r = i.search("anna kwlsk", 3);
        assert_eq!((r.total, r.hits[0].tier), (n as usize / 3, Tier::Fuzzy));
        assert_eq!(ids(&i.search("600080001", 5)), [80001]);
        let mut narrowing = None;
        for query in ["n", "no", "now", "nowak", "nowak j"] {
            assert_eq!(i.search_narrowing(query, 5, &mut narrowing), i.search(query, 5), "{query}");
        }
    }

    #[test]
    fn an_index_changed_row_by_row_answers_like_one_built_afresh() {
        let people = [
            ("Anna", "Kowalska"),
            ("Anna", "Kowalska"),
            ("Anna", "Kowalczyk"),
            ("Wiesław", "Kwiatkowski"),
            ("Anna", "Kowalska"),
            ("Władysław", "Nowak"),
        ];
        let rows: Vec<SearchRow> = people
            .iter()
            .enumerate()
            .map(|(i, (first, last))| row(i as i64 + 1, first, last, "", "", "ul. Polna", "Dębica"))
            .collect();
        let mut changed = Index::build(rows[..3].to_vec());
        changed.upsert(rows[3..].to_vec());
        changed.upsert(vec![row(2, "Anna", "Kwalska", "", "", "ul. Polna", "Dębica")]);
        changed.upsert(vec![row(2, "Anna", "Kowalska", "", "", "ul. Polna", "Dębica")]);
        let fresh = Index::build(rows);
        for query in ["kwl", "kwl anna", "an kwl", "nwk", "kowalska", "wsl"] {
            assert_eq!(changed.search(query, 10), fresh.search(query, 10), "{query}");
        }
    }
}
