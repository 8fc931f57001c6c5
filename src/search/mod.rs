//! Resident search: folded text on both sides, several words in any order, digits matched
//! against PESEL prefixes and phone numbers, ranked so that an exact surname prefix comes before
//! a first-name prefix, before any other word prefix, before a fuzzy hit.

use crate::domain::fold::{fold, fold_into};
use crate::storage::residents::SearchRow;
use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use std::collections::HashMap;

/// How a resident matched the weakest word of the query; lower is better.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Tier {
    Surname,
    FirstName,
    Address,
    Digits,
    Fuzzy,
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
}

/// `Surname First`, the order the list shows and highlights.
pub fn display_name(row: &SearchRow) -> String {
    format!("{} {}", row.last_name, row.first_name)
}

struct Entry {
    row: SearchRow,
    /// Folded `surname first` — the same characters, one for one, as the display name would
    /// fold to when folding keeps length (highlights map back through `name_map`).
    name: String,
    /// For each char of `name`, the char index in the display name it came from.
    name_map: Vec<usize>,
    surname_words: Vec<String>,
    first_words: Vec<String>,
    address_words: Vec<String>,
    pesel: String,
    phone: String,
}

fn words(folded: &str) -> Vec<String> {
    folded.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_string).collect()
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

impl Entry {
    fn new(row: SearchRow) -> Entry {
        let (name, name_map) = fold_with_map(&display_name(&row));
        let address = format!("{} {} {} {}", row.street, row.house_no, row.postal_code, row.city);
        Entry {
            surname_words: words(&fold(&row.last_name)),
            first_words: words(&fold(&row.first_name)),
            address_words: words(&fold(&address)),
            pesel: row.pesel.clone(),
            phone: row.phone.chars().filter(char::is_ascii_digit).collect(),
            name,
            name_map,
            row,
        }
    }
}

pub struct Index {
    entries: Vec<Entry>,
    by_id: HashMap<i64, usize>,
    matcher: SkimMatcherV2,
}

/// A query word: digits search identifiers, anything else searches names and addresses.
enum Term {
    Digits(String),
    Text(String),
}

fn parse_query(query: &str) -> Vec<Term> {
    let folded = fold(query);
    let mut terms = Vec::new();
    for word in folded.split_whitespace() {
        let digits: String = word.chars().filter(|c| !matches!(c, '-' | '+' | '(' | ')')).collect();
        if !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit()) {
            terms.push(Term::Digits(digits));
        } else {
            terms.push(Term::Text(word.to_string()));
        }
    }
    // "+48 601 234 567" arrives as several digit words: join neighbouring digit words.
    let mut merged: Vec<Term> = Vec::new();
    for term in terms {
        match (merged.last_mut(), term) {
            (Some(Term::Digits(prev)), Term::Digits(next)) => prev.push_str(&next),
            (_, term) => merged.push(term),
        }
    }
    merged
}

fn phone_matches(phone: &str, digits: &str) -> bool {
    let digits =
        digits.strip_prefix("0048").or_else(|| digits.strip_prefix("48").filter(|d| d.len() >= 9)).unwrap_or(digits);
    !phone.is_empty() && phone.contains(digits)
}

impl Index {
    pub fn build(rows: Vec<SearchRow>) -> Index {
        let mut index =
            Index { entries: Vec::with_capacity(rows.len()), by_id: HashMap::new(), matcher: SkimMatcherV2::default() };
        index.upsert(rows);
        index
    }

    /// Adds new residents and replaces changed ones.
    pub fn upsert(&mut self, rows: Vec<SearchRow>) {
        for row in rows {
            let id = row.id;
            let entry = Entry::new(row);
            match self.by_id.get(&id) {
                Some(&at) => self.entries[at] = entry,
                None => {
                    self.by_id.insert(id, self.entries.len());
                    self.entries.push(entry);
                }
            }
        }
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    pub fn row(&self, id: i64) -> Option<&SearchRow> {
        self.by_id.get(&id).map(|&at| &self.entries[at].row)
    }

    /// The latest `updated_at` in the index, to ask the store for what changed since.
    pub fn newest_stamp(&self) -> Option<&str> {
        self.entries.iter().map(|e| e.row.updated_at.as_str()).max()
    }

    fn match_entry(&self, entry: &Entry, terms: &[Term]) -> Option<(Tier, i64)> {
        let mut worst = Tier::Surname;
        let mut score = 0i64;
        for term in terms {
            let (tier, s) = match term {
                Term::Digits(d) => {
                    if entry.pesel.starts_with(d.as_str()) || phone_matches(&entry.phone, d) {
                        (Tier::Digits, 0)
                    } else if entry.address_words.iter().any(|w| w.starts_with(d.as_str())) {
                        (Tier::Address, 0)
                    } else {
                        return None;
                    }
                }
                Term::Text(t) => {
                    if entry.surname_words.iter().any(|w| w.starts_with(t.as_str())) {
                        (Tier::Surname, 0)
                    } else if entry.first_words.iter().any(|w| w.starts_with(t.as_str())) {
                        (Tier::FirstName, 0)
                    } else if entry.address_words.iter().any(|w| w.starts_with(t.as_str())) {
                        (Tier::Address, 0)
                    } else if t.chars().count() >= 3 {
                        (Tier::Fuzzy, self.matcher.fuzzy_match(&entry.name, t)?)
                    } else {
                        return None;
                    }
                }
            };
            worst = worst.max(tier);
            score += s;
        }
        Some((worst, score))
    }

    fn highlight(&self, entry: &Entry, terms: &[Term]) -> Vec<usize> {
        let mut positions = Vec::new();
        for term in terms {
            let Term::Text(t) = term else { continue };
            let name: Vec<char> = entry.name.chars().collect();
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
            if !found && let Some((_, idx)) = self.matcher.fuzzy_indices(&entry.name, t) {
                positions.extend(idx);
            }
        }
        let mut mapped: Vec<usize> = positions.into_iter().filter_map(|p| entry.name_map.get(p).copied()).collect();
        mapped.sort_unstable();
        mapped.dedup();
        mapped
    }

    /// The best `limit` matches and how many matched in all. An empty query matches nobody.
    pub fn search(&self, query: &str, limit: usize) -> Results {
        let terms = parse_query(query);
        if terms.is_empty() {
            return Results::default();
        }
        let mut found: Vec<(Tier, i64, usize)> = self
            .entries
            .iter()
            .enumerate()
            .filter_map(|(i, e)| self.match_entry(e, &terms).map(|(tier, score)| (tier, score, i)))
            .collect();
        let total = found.len();
        let by_rank = |a: &(Tier, i64, usize), b: &(Tier, i64, usize)| {
            let (ea, eb) = (&self.entries[a.2], &self.entries[b.2]);
            a.0.cmp(&b.0).then(b.1.cmp(&a.1)).then_with(|| ea.name.cmp(&eb.name)).then(ea.row.id.cmp(&eb.row.id))
        };
        if found.len() > limit {
            found.select_nth_unstable_by(limit, by_rank);
            found.truncate(limit);
        }
        found.sort_unstable_by(by_rank);
        let hits = found
            .into_iter()
            .map(|(tier, score, i)| {
                let e = &self.entries[i];
                Hit { id: e.row.id, tier, score, name_matches: self.highlight(e, &terms) }
            })
            .collect();
        Results { hits, total }
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
}
