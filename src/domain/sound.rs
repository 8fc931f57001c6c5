//! How a Polish name sounds, as a key: names spelled differently but heard alike over the phone
//! get the same key, so "Zulc" finds Żółć, "Hrzanowski" Chrzanowski and "Dompski" Dąbski.
//!
//! The equivalences: ó = u, rz = ż = z (and ź = z, as folding gives), ch = h, ą = om before b
//! and p and on elsewhere, ę = em / en alike, voiced consonants devoiced at the end of a word
//! and before a voiceless one (w/f, d/t, g/k, z/s, b/p), and doubled letters written once.
//! The key is folded (lower case, no diacritics), so it compares with folded text.

use super::fold::fold_into;

/// Letters after which a voiced consonant is pronounced voiceless, in the key's alphabet.
fn voiceless(c: char) -> bool {
    matches!(c, 'p' | 't' | 'k' | 'f' | 's' | 'c' | 'h')
}

fn devoiced(c: char) -> char {
    match c {
        'w' => 'f',
        'd' => 't',
        'g' => 'k',
        'z' => 's',
        'b' => 'p',
        other => other,
    }
}

/// The sound key of one word (letters and digits; anything else is dropped).
pub fn sound_key(word: &str) -> String {
    let lower: Vec<char> = word.chars().flat_map(char::to_lowercase).filter(|c| c.is_alphanumeric()).collect();
    // Spelling first, on the letters as written, since folding would erase ó, ą and ę.
    let mut spoken: Vec<char> = Vec::with_capacity(lower.len() + 2);
    let mut i = 0;
    while i < lower.len() {
        let c = lower[i];
        let next = lower.get(i + 1).copied();
        match (c, next) {
            ('r', Some('z')) => {
                spoken.push('z');
                i += 1;
            }
            ('c', Some('h')) => {
                spoken.push('h');
                i += 1;
            }
            ('ó', _) => spoken.push('u'),
            ('ż' | 'ź', _) => spoken.push('z'),
            ('ą', Some('b' | 'p')) => spoken.extend(['o', 'm']),
            ('ą', _) => spoken.extend(['o', 'n']),
            ('ę', Some('b' | 'p')) => spoken.extend(['e', 'm']),
            ('ę', _) => spoken.extend(['e', 'n']),
            _ => {
                let mut folded = String::new();
                fold_into(c.encode_utf8(&mut [0; 4]), &mut folded);
                spoken.extend(folded.chars());
            }
        }
        i += 1;
    }
    // Devoicing runs from the end, so that a cluster ("wsk" in "Chrzanowski") devoices as a whole.
    for at in (0..spoken.len()).rev() {
        if spoken.get(at + 1).is_none_or(|&next| voiceless(next)) {
            spoken[at] = devoiced(spoken[at]);
        }
    }
    spoken.dedup();
    spoken.into_iter().collect()
}

#[cfg(test)]
mod tests {
    use super::sound_key;

    #[test]
    fn names_heard_alike_get_one_key() {
        let alike: &[(&str, &str)] = &[
            ("Zulc", "Żółć"),
            ("Hrzanowski", "Chrzanowski"),
            ("Dompski", "Dąbski"),
            ("Żuk", "Rzuk"),
            ("Hmielewska", "Chmielewska"),
            ("Kowalsky", "Kowallsky"),
            ("Grabowsky", "Grabofsky"),
            ("Bóg", "Buk"),
            ("Sad", "Sat"),
            ("Mróz", "Mrus"),
            ("Kęsik", "Kensik"),
            ("Wąsik", "Wonsik"),
            ("Gęba", "Gemba"),
            ("Wilk", "Wilk"),
            ("Dąbrowski", "Dombrowski"),
        ];
        for (one, other) in alike {
            assert_eq!(sound_key(one), sound_key(other), "{one} ~ {other}");
        }
    }

    #[test]
    fn names_heard_differently_keep_their_keys() {
        let different: &[(&str, &str)] =
            &[("Nowak", "Kowal"), ("Bury", "Pury"), ("Dudek", "Tutek"), ("Mazur", "Masur"), ("Lis", "Las")];
        for (one, other) in different {
            assert_ne!(sound_key(one), sound_key(other), "{one} ≁ {other}");
        }
    }

    #[test]
    fn keys_are_folded_lower_case_letters() {
        assert_eq!(sound_key("Żółć"), "zulc");
        assert_eq!(sound_key("Chrzanowski"), "hzanofski");
        assert_eq!(sound_key("Dąbski"), "dompski");
        assert_eq!(sound_key("Łęcka"), "lencka");
        assert_eq!(sound_key("O'Brien"), "obrien");
        assert_eq!(sound_key(""), "");
    }
}
