//! A search query taken apart into terms.

use crate::domain::fold::fold;
use crate::domain::sound::sound_key;
use crate::storage::residents::national_phone;

/// Text terms this short only match word prefixes: fuzzy matching on one or two characters
/// would match nearly everybody.
pub(crate) const FUZZY_MIN_CHARS: usize = 3;

/// How a query word asks for residents of a gmina: `gmina:adamów`.
const GMINA_PREFIX: &str = "gmina:";

/// A query word: digits search identifiers, `gmina:` the gminas residents live in, anything
/// else names and addresses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Term {
    Digits {
        digits: String,
        /// The digits as a phone number without a country prefix.
        phone: String,
    },
    Text {
        text: String,
        /// How the word sounds ([`sound_key`]); empty when it has no letters.
        sound: String,
    },
    /// The start of a word of the name of the resident's gmina; it never matches names.
    Gmina { text: String },
}

impl Term {
    fn digits(digits: String) -> Term {
        let phone = national_phone(&digits).to_string();
        Term::Digits { digits, phone }
    }

    /// Whether the term may match a name fuzzily.
    pub(crate) fn fuzzy(&self) -> Option<&str> {
        match self {
            Term::Text { text, .. } if text.chars().count() >= FUZZY_MIN_CHARS => Some(text),
            _ => None,
        }
    }
}

/// The words of a query, folded. The sound key is taken from the word as typed, since folding
/// erases the letters it compares (ó, ą, ę).
pub(crate) fn parse_query(query: &str) -> Vec<Term> {
    let mut terms: Vec<Term> = Vec::new();
    for typed in query.split_whitespace() {
        let folded = fold(typed);
        if let Some(gmina) = folded.strip_prefix(GMINA_PREFIX) {
            // "gmina:" with no name yet narrows nothing: the desk searches as it is typed.
            if !gmina.is_empty() {
                terms.push(Term::Gmina { text: gmina.to_string() });
            }
            continue;
        }
        let digits: String = folded.chars().filter(|c| !matches!(c, '-' | '+' | '(' | ')')).collect();
        if !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit()) {
            // "+48 601 234 567" arrives as several digit words: join neighbouring digit words.
            let digits = match terms.last() {
                Some(Term::Digits { digits: before, .. }) => {
                    let joined = format!("{before}{digits}");
                    terms.pop();
                    joined
                }
                _ => digits,
            };
            terms.push(Term::digits(digits));
        } else {
            terms.push(Term::Text { sound: sound_key(typed), text: folded });
        }
    }
    terms
}

/// Whether `pattern`'s characters all occur in `text` in order — exactly when the skim matcher
/// finds a match, at a fraction of its cost.
pub(crate) fn is_subsequence(text: &str, pattern: &str) -> bool {
    let mut want = pattern.chars().peekable();
    for c in text.chars() {
        match want.peek() {
            Some(&w) if w == c => {
                want.next();
            }
            Some(_) => {}
            None => break,
        }
    }
    want.peek().is_none()
}

/// A GLOB pattern that text matches when `pattern`'s characters all occur in it in order
/// ([`is_subsequence`]), for SQLite to test.
pub(crate) fn subsequence_glob(pattern: &str) -> String {
    let mut glob = String::with_capacity(pattern.len() * 2 + 1);
    glob.push('*');
    for c in pattern.chars() {
        match c {
            '*' | '?' | '[' => {
                glob.push('[');
                glob.push(c);
                glob.push(']');
            }
            c => glob.push(c),
        }
        glob.push('*');
    }
    glob
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digit_words_join_and_text_words_keep_how_they_sound() {
        let terms = parse_query("Żółć +48 601 234 567 Dąbski");
        assert_eq!(
            terms,
            [
                Term::Text { text: "zolc".into(), sound: "zulc".into() },
                Term::Digits { digits: "48601234567".into(), phone: "601234567".into() },
                Term::Text { text: "dabski".into(), sound: "dompski".into() },
            ]
        );
    }

    #[test]
    fn a_gmina_word_is_folded_and_an_empty_one_is_no_term() {
        assert_eq!(
            parse_query("GMINA:Adamów kowalska gmina:"),
            [
                Term::Gmina { text: "adamow".into() },
                Term::Text { text: "kowalska".into(), sound: sound_key("kowalska") },
            ]
        );
    }

    #[test]
    fn a_subsequence_glob_matches_what_is_subsequence_accepts() {
        let conn = rusqlite::Connection::open_in_memory().unwrap();
        let glob = |text: &str, pattern: &str| -> bool {
            conn.query_row("SELECT ?1 GLOB ?2", [text, &subsequence_glob(pattern)], |r| r.get(0)).unwrap()
        };
        for (text, pattern) in [
            ("kowalska", "kwlska"),
            ("kowalska", "kwlskaz"),
            ("ж и", "жи"),
            ("и ж", "жи"),
            ("a*b[c]?", "*[?"),
            ("ab", "*"),
        ] {
            assert_eq!(glob(text, pattern), is_subsequence(text, pattern), "{text} / {pattern}");
        }
    }

    #[test]
    fn subsequences_compare_whole_characters() {
        assert!(is_subsequence("kowalska anna", "kwlska"));
        assert!(!is_subsequence("kowalska anna", "kwlskaz"));
        assert!(is_subsequence("ж и", "жи"));
        assert!(!is_subsequence("и ж", "жи"));
    }
}
