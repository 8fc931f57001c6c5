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
    for c in text.nfd() {
        if is_combining_mark(c) {
            continue;
        }
        if let Some(s) = fold_undecomposable(c) {
            out.push_str(s);
        } else {
            out.extend(c.to_lowercase());
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
    }

    #[test]
    fn keeps_ascii_digits_and_punctuation() {
        assert_eq!(fold("ul. Radomska 2/14"), "ul. radomska 2/14");
    }
}
