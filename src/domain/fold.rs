//! Folding text for search: lower case, and Latin letters without diacritics, so that
//! `lukasz zolc`, `ŁUKASZ ŻÓŁĆ` and `Łukasz Żółć` compare equal.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Letters that Unicode does not decompose into a base letter plus a combining mark.
fn fold_undecomposable(c: char) -> Option<&'static str> {
    Some(match c {
        'ł' | 'Ł' => "l",
        'đ' | 'Đ' => "d",
        'ø' | 'Ø' => "o",
        'ß' => "ss",
        'æ' | 'Æ' => "ae",
        'œ' | 'Œ' => "oe",
        'ı' => "i",
        _ => return None,
    })
}

/// Folds into `out`, which is cleared first; lets hot paths reuse one buffer.
pub fn fold_into(text: &str, out: &mut String) {
    out.clear();
    if text.is_ascii() {
        out.extend(text.chars().map(|c| c.to_ascii_lowercase()));
        return;
    }
    // Lower-casing may itself yield letters to fold (ẞ → ß) or combining marks (İ → i + U+0307),
    // so the checks run on what lower-casing gives.
    for lower in text.nfd().flat_map(char::to_lowercase) {
        if is_combining_mark(lower) {
            continue;
        }
        match fold_undecomposable(lower) {
            Some(s) => out.push_str(s),
            None => out.push(lower),
        }
    }
}

pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    fold_into(text, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::fold;

    #[test]
    fn folds_polish_letters_including_l_with_stroke() {
        assert_eq!(fold("Łukasz Żółć"), "lukasz zolc");
        assert_eq!(fold("ŁUKASZ ŻÓŁĆ"), "lukasz zolc");
        assert_eq!(fold("zażółć gęślą jaźń"), "zazolc gesla jazn");
        assert_eq!(fold("ĄĆĘŁŃÓŚŹŻ"), "acelnoszz");
    }

    #[test]
    fn folds_other_latin_diacritics() {
        assert_eq!(fold("Müller-Øberg Straße"), "muller-oberg strasse");
        assert_eq!(fold("Čapek Ñandú"), "capek nandu");
        assert_eq!(fold("GROẞ İstanbul"), "gross istanbul");
    }

    #[test]
    fn keeps_ascii_digits_and_punctuation() {
        assert_eq!(fold("ul. Radomska 2/14"), "ul. radomska 2/14");
    }
}
