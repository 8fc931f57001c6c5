//! A search query taken apart into terms, and the cheap per-character sets that let the index
//! reject most residents before comparing any text.

use crate::domain::fold::fold;

/// A query word: digits search identifiers, anything else searches names and addresses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Term {
    Digits(String),
    Text(String),
}

/// Text terms this short only match word prefixes: fuzzy matching on one or two characters
/// would match nearly everybody.
pub(crate) const FUZZY_MIN_CHARS: usize = 3;

pub(crate) fn parse_query(query: &str) -> Vec<Term> {
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

/// The national part of a phone number typed with a country prefix.
pub(crate) fn phone_digits(digits: &str) -> &str {
    digits.strip_prefix("0048").or_else(|| digits.strip_prefix("48").filter(|d| d.len() >= 9)).unwrap_or(digits)
}

/// Whether every resident matching `new` also matches `previous`, so that `new` need only look
/// among the previous matches. True when the person typed on (one more character, one more
/// word), except where that changes how a word is matched: a text word reaching the fuzzy
/// length, or digits that may start being read as a +48 prefix.
pub(crate) fn narrows(previous: &[Term], new: &[Term]) -> bool {
    !previous.is_empty()
        && previous.len() <= new.len()
        && previous.iter().zip(new).all(|(p, n)| match (p, n) {
            (Term::Text(p), Term::Text(n)) => {
                n.starts_with(p.as_str())
                    && (p.chars().count() >= FUZZY_MIN_CHARS || n.chars().count() < FUZZY_MIN_CHARS)
            }
            (Term::Digits(p), Term::Digits(n)) => {
                n.starts_with(p.as_str()) && !n.starts_with("48") && !n.starts_with("00")
            }
            _ => false,
        })
}

/// Whether `new` is `previous` with its last text word grown to the length where it also matches
/// fuzzily: then every match of `new` matched `previous` or is a fuzzy match of that word. Gives
/// the word's index.
pub(crate) fn widens(previous: &[Term], new: &[Term]) -> Option<usize> {
    let last = new.len().checked_sub(1)?;
    if previous.len() != new.len() || (last > 0 && !narrows(&previous[..last], &new[..last])) {
        return None;
    }
    match (&previous[last], &new[last]) {
        (Term::Text(p), Term::Text(n))
            if n.starts_with(p.as_str())
                && p.chars().count() < FUZZY_MIN_CHARS
                && n.chars().count() >= FUZZY_MIN_CHARS =>
        {
            Some(last)
        }
        _ => None,
    }
}

/// A bit per character class: each ASCII letter and digit its own, everything else shares
/// the rest. A set of these never misses a character, it can only over-report.
pub(crate) fn char_bit(c: char) -> u64 {
    match c {
        'a'..='z' => 1 << (c as u32 - 'a' as u32),
        '0'..='9' => 1 << (26 + c as u32 - '0' as u32),
        _ => 1 << (36 + c as u32 % 28),
    }
}

pub(crate) fn char_set(text: &str) -> u64 {
    text.chars().fold(0, |set, c| set | char_bit(c))
}

/// 256 bits, one per hash of an ordered pair of character classes.
pub(crate) type PairSet = [u64; 4];

fn pair_bit(set: &mut PairSet, first: u32, second: u32) {
    let hash = ((first << 6 | second).wrapping_mul(0x9E37_79B1) >> 24) as usize;
    set[hash >> 6] |= 1 << (hash & 63);
}

/// Every ordered pair of characters of `text` (the first anywhere before the second), by
/// class as [`char_bit`] numbers them. A text can only hold a pattern as a subsequence if it
/// has every pair of the pattern's neighbouring characters.
pub(crate) fn ordered_pairs(text: &str) -> PairSet {
    let mut set = [0; 4];
    let mut seen = 0u64;
    for c in text.chars() {
        let class = char_bit(c).trailing_zeros();
        let mut before = seen;
        while before != 0 {
            pair_bit(&mut set, before.trailing_zeros(), class);
            before &= before - 1;
        }
        seen |= 1 << class;
    }
    set
}

/// The pairs of neighbouring characters of a pattern, to test against [`ordered_pairs`].
pub(crate) fn pattern_pairs(pattern: &str) -> PairSet {
    let mut set = [0; 4];
    let classes: Vec<u32> = pattern.chars().map(|c| char_bit(c).trailing_zeros()).collect();
    for pair in classes.windows(2) {
        pair_bit(&mut set, pair[0], pair[1]);
    }
    set
}

pub(crate) fn has_pairs(set: &PairSet, wanted: &PairSet) -> bool {
    set.iter().zip(wanted).all(|(s, w)| s & w == *w)
}

/// How a word begins, in a few bits: its first character in the low half (each ASCII letter
/// its own bit) and a hash of its first two characters in the high half. A term can only be a
/// prefix of a word whose bits include the term's own.
pub(crate) fn start_bits(word: &str) -> u64 {
    let mut chars = word.chars();
    let Some(first) = chars.next() else { return 0 };
    let first_bit = match first {
        'a'..='z' => 1 << (first as u32 - 'a' as u32),
        _ => 1 << (26 + first as u32 % 6),
    };
    match chars.next() {
        Some(second) => {
            let pair = (first as u32) << 16 | second as u32;
            first_bit | 1 << (32 + (pair.wrapping_mul(0x9E37_79B1) >> 27))
        }
        None => first_bit,
    }
}

/// The [`start_bits`] of every word of `text` (words are runs of letters and digits).
pub(crate) fn word_starts(text: &str) -> u64 {
    text.split(|c: char| !c.is_alphanumeric()).fold(0, |set, word| set | start_bits(word))
}

/// How many leading bytes of a name's first word a slot keeps inline.
pub(crate) const HEAD_BYTES: usize = 8;

fn first_word(text: &str) -> &str {
    text.trim_start_matches(|c: char| !c.is_alphanumeric())
}

/// The first [`HEAD_BYTES`] bytes from the first word of `text` on, big-endian, zero-padded.
pub(crate) fn head(text: &str) -> u64 {
    let mut bytes = [0u8; HEAD_BYTES];
    for (b, t) in bytes.iter_mut().zip(first_word(text).bytes()) {
        *b = t;
    }
    u64::from_be_bytes(bytes)
}

/// [`word_starts`] of every word but the first.
pub(crate) fn rest_word_starts(text: &str) -> u64 {
    word_starts(first_word(text).trim_start_matches(char::is_alphanumeric))
}

/// Digit strings up to this long are also compared as numbers (`u64` holds any 19 digits).
pub(crate) const MAX_NUMBER_DIGITS: usize = 19;

/// The digits of an all-digit text (the low ten bits) and a hash of each pair of neighbouring
/// digits (the rest). A number can only contain another whose bits it has.
pub(crate) fn digit_pairs(digits: &str) -> u64 {
    let value = |b: u8| u32::from(b.wrapping_sub(b'0') % 10);
    let bytes = digits.as_bytes();
    let mut set = 0;
    for (i, &b) in bytes.iter().enumerate() {
        set |= 1 << value(b);
        if let Some(&next) = bytes.get(i + 1) {
            set |= 1 << (10 + (value(b) * 10 + value(next)) % 54);
        }
    }
    set
}

/// A term with what the scan needs precomputed once per query.
pub(crate) struct Prepared<'q> {
    pub term: &'q Term,
    pub text: &'q str,
    pub starts: u64,
    /// The term's first [`HEAD_BYTES`] bytes as a [`head`], and which of them are the term's.
    pub head: u64,
    pub head_mask: u64,
    /// The term is one letter a–z, whose start bit is its own: a word-start set with the bit
    /// has a word starting with the term, no text need be read to know it.
    pub starts_exact: bool,
    /// A digits term as a number, for PESEL prefixes.
    pub number: Option<u64>,
    /// [`digit_pairs`] of the phone digits a digits term looks for.
    pub phone_digits: u64,
    pub chars: u64,
    pub pairs: PairSet,
    /// Words are runs of letters and digits, so a term with anything else is never a word prefix.
    pub may_prefix: bool,
    pub may_fuzzy: bool,
    pub ascii: bool,
}

impl<'q> Prepared<'q> {
    pub fn new(term: &'q Term) -> Prepared<'q> {
        let text = match term {
            Term::Digits(d) => d.as_str(),
            Term::Text(t) => t.as_str(),
        };
        Prepared {
            term,
            text,
            starts: start_bits(text),
            head: head(text),
            starts_exact: matches!(text.as_bytes(), [b'a'..=b'z']),
            head_mask: if text.len() >= HEAD_BYTES { u64::MAX } else { !(u64::MAX >> (8 * text.len())) },
            number: match term {
                Term::Digits(d) if d.len() <= MAX_NUMBER_DIGITS => d.parse().ok(),
                _ => None,
            },
            phone_digits: digit_pairs(phone_digits(text)),
            chars: char_set(text),
            pairs: pattern_pairs(text),
            may_prefix: text.chars().all(char::is_alphanumeric),
            may_fuzzy: matches!(term, Term::Text(t) if t.chars().count() >= FUZZY_MIN_CHARS),
            ascii: text.is_ascii(),
        }
    }
}

/// Whether `pattern`'s characters all occur in `text` in order — exactly when the skim matcher
/// finds a match, at a fraction of its cost.
pub(crate) fn is_subsequence(text: &str, pattern: &str, ascii_pattern: bool) -> bool {
    if ascii_pattern {
        // An ASCII byte in UTF-8 is always a whole character, so bytes suffice.
        let mut want = pattern.as_bytes().iter().peekable();
        for b in text.as_bytes() {
            match want.peek() {
                Some(&&w) if w == *b => {
                    want.next();
                }
                Some(_) => {}
                None => break,
            }
        }
        want.peek().is_none()
    } else {
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
}

/// Whether `term` (letters and digits only) is a prefix of a word of `text`.
pub(crate) fn is_word_prefix(text: &str, term: &str) -> bool {
    let (hay, needle) = (text.as_bytes(), term.as_bytes());
    let Some(&first) = needle.first() else { return false };
    if hay.len() < needle.len() {
        return false;
    }
    for at in 0..=hay.len() - needle.len() {
        if hay[at] == first && hay[at..].starts_with(needle) && starts_word(text, at) {
            return true;
        }
    }
    false
}

/// `at` is a character boundary (it holds the first byte of the term's first character).
fn starts_word(text: &str, at: usize) -> bool {
    if at == 0 {
        return true;
    }
    let before = text.as_bytes()[at - 1];
    if before.is_ascii() {
        !before.is_ascii_alphanumeric()
    } else {
        text[..at].chars().next_back().is_none_or(|c| !c.is_alphanumeric())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(t: &str) -> Term {
        Term::Text(t.into())
    }

    fn digits(d: &str) -> Term {
        Term::Digits(d.into())
    }

    #[test]
    fn typing_on_narrows_unless_a_word_becomes_fuzzy() {
        assert!(narrows(&[text("kow")], &[text("kowa")]));
        assert!(narrows(&[text("k")], &[text("ko")]));
        assert!(!narrows(&[text("ko")], &[text("kow")]));
        assert!(narrows(&[text("nowak")], &[text("nowak"), text("a")]));
        assert!(!narrows(&[text("nowak"), text("a")], &[text("nowak")]));
        assert!(!narrows(&[text("kowa")], &[text("kowb")]));
        assert!(!narrows(&[], &[text("a")]));
    }

    #[test]
    fn a_word_reaching_the_fuzzy_length_widens_the_previous_matches() {
        assert_eq!(widens(&[text("ko")], &[text("kow")]), Some(0));
        assert_eq!(widens(&[text("nowak"), text("ko")], &[text("nowak"), text("kow")]), Some(1));
        assert_eq!(widens(&[text("kow")], &[text("kowa")]), None);
        assert_eq!(widens(&[text("ko")], &[text("kw")]), None);
        assert_eq!(widens(&[text("ko")], &[text("ko"), text("a")]), None);
        assert_eq!(widens(&[text("no"), text("ko")], &[text("nw"), text("kow")]), None);
    }

    #[test]
    fn digits_narrow_unless_they_may_be_a_country_prefix() {
        assert!(narrows(&[digits("601")], &[digits("6012")]));
        assert!(!narrows(&[digits("4860")], &[digits("48601")]));
        assert!(!narrows(&[digits("004")], &[digits("0048")]));
        assert!(!narrows(&[digits("60")], &[text("60a")]));
    }

    #[test]
    fn word_prefixes_start_at_word_boundaries_only() {
        assert!(is_word_prefix("nowakowska-zak zofia", "zak"));
        assert!(is_word_prefix("nowakowska-zak zofia", "nowak"));
        assert!(!is_word_prefix("nowakowska-zak zofia", "owak"));
        assert!(is_word_prefix("ąb c", "c"));
        assert!(!is_word_prefix("żb", "b"));
        assert!(!is_word_prefix("ab", "abc"));
    }

    #[test]
    fn subsequences_compare_whole_characters() {
        assert!(is_subsequence("kowalska anna", "kwlska", true));
        assert!(!is_subsequence("kowalska anna", "kwlskaz", true));
        assert!(is_subsequence("ж и", "жи", false));
        assert!(!is_subsequence("и ж", "жи", false));
    }

    #[test]
    fn word_start_bits_admit_every_prefix_of_every_word() {
        let text = "nowakowska-zak zofia 39-200 3 maja";
        let starts = word_starts(text);
        for word in text.split(|c: char| !c.is_alphanumeric()) {
            for end in 1..=word.len() {
                assert_eq!(starts & start_bits(&word[..end]), start_bits(&word[..end]), "{}", &word[..end]);
            }
        }
        assert_ne!(starts & start_bits("k"), start_bits("k"));
    }

    #[test]
    fn digit_pairs_admit_every_part_of_a_number() {
        let phone = "601234567";
        for start in 0..phone.len() {
            for end in start + 1..=phone.len() {
                let part = digit_pairs(&phone[start..end]);
                assert_eq!(digit_pairs(phone) & part, part, "{}", &phone[start..end]);
            }
        }
        assert_ne!(digit_pairs(phone) & digit_pairs("8"), digit_pairs("8"));
    }

    #[test]
    fn ordered_pairs_admit_every_subsequence() {
        let name = "kowalska-zak anna";
        let pairs = ordered_pairs(name);
        for pattern in ["kwl", "kwlska", "kaz", "zna", "kk", "aa", "ka-n"] {
            assert!(is_subsequence(name, pattern, true));
            assert!(has_pairs(&pairs, &pattern_pairs(pattern)), "{pattern}");
        }
        assert!(!has_pairs(&ordered_pairs("nowak"), &pattern_pairs("kn")));
    }

    #[test]
    fn character_sets_never_miss_a_character() {
        let set = char_set("żółć-łukasz 12");
        for c in "żółć-łukasz 12".chars() {
            assert_eq!(set & char_bit(c), char_bit(c));
        }
    }
}
