//! What a file saved by a Polish office looks like before it is read: UTF-8, UTF-8 with a
//! byte-order mark (Excel's "CSV UTF-8"), or Windows-1250 (Excel's plain "CSV" on a Polish
//! Windows); a comma or a semicolon between fields; LF or CRLF. A file is taken as
//! Windows-1250 only when it is not UTF-8 and every byte outside ASCII is a Polish letter or
//! punctuation of that code page; otherwise it is read as UTF-8 and a row in another encoding
//! is refused on its own line by the importer, like any other bad row.

use encoding_rs::WINDOWS_1250;
use std::borrow::Cow;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf8Bom,
    Windows1250,
}

impl Encoding {
    /// The encoding's standard name.
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 | Encoding::Utf8Bom => "UTF-8",
            Encoding::Windows1250 => "Windows-1250",
        }
    }
}

/// What was found in the file, reported back to the person importing it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Detected {
    pub encoding: Encoding,
    /// `b','` or `b';'`.
    pub separator: u8,
    pub crlf: bool,
}

impl Detected {
    /// "Plik: Windows-1250, separator średnik, końce wierszy CRLF".
    pub fn describe(&self) -> String {
        let bom = self.encoding == Encoding::Utf8Bom;
        crate::i18n::cli::detected_file(self.encoding.name(), bom, self.separator == b';', self.crlf)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DetectError {
    #[error("{}", crate::i18n::cli::utf16_file())]
    Utf16,
}

/// The Polish letters of Windows-1250 and the punctuation Polish text uses („ ” – — NBSP § °).
const POLISH_1250: &[u8] = &[
    0xA5, 0xB9, 0xC6, 0xE6, 0xCA, 0xEA, 0xA3, 0xB3, 0xD1, 0xF1, 0xD3, 0xF3, 0x8C, 0x9C, 0x8F, 0x9F, 0xAF, 0xBF, 0x84,
    0x94, 0x96, 0x97, 0xA0, 0xA7, 0xB0,
];

fn looks_windows_1250(data: &[u8]) -> bool {
    data.iter().all(|b| b.is_ascii() || POLISH_1250.contains(b))
}

/// The file as UTF-8 bytes (unchanged when it already is UTF-8, without its BOM), with its
/// encoding, separator and line ends.
pub fn decode(data: &[u8]) -> Result<(Cow<'_, [u8]>, Detected), DetectError> {
    if data.starts_with(&[0xFF, 0xFE]) || data.starts_with(&[0xFE, 0xFF]) {
        return Err(DetectError::Utf16);
    }
    let (bytes, encoding): (Cow<'_, [u8]>, Encoding) = match data.strip_prefix(b"\xEF\xBB\xBF") {
        Some(rest) => (Cow::Borrowed(rest), Encoding::Utf8Bom),
        None if std::str::from_utf8(data).is_err() && looks_windows_1250(data) => {
            let (text, _) = WINDOWS_1250.decode_without_bom_handling(data);
            (Cow::Owned(text.into_owned().into_bytes()), Encoding::Windows1250)
        }
        None => (Cow::Borrowed(data), Encoding::Utf8),
    };
    let header = bytes.split(|&b| b == b'\n').next().unwrap_or(&[]);
    let count = |sep: u8| {
        let mut quoted = false;
        header
            .iter()
            .filter(|&&c| {
                if c == b'"' {
                    quoted = !quoted;
                }
                !quoted && c == sep
            })
            .count()
    };
    let separator = if count(b';') > count(b',') { b';' } else { b',' };
    let crlf = bytes.windows(2).any(|w| w == b"\r\n");
    Ok((bytes, Detected { encoding, separator, crlf }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_windows_1250_with_semicolons_and_crlf() {
        let (bytes, _, _) = WINDOWS_1250.encode("pesel;last_name\r\n1;Żółć „Ęą”\r\n");
        let (text, found) = decode(&bytes).unwrap();
        assert_eq!(std::str::from_utf8(&text).unwrap(), "pesel;last_name\r\n1;Żółć „Ęą”\r\n");
        assert_eq!(found, Detected { encoding: Encoding::Windows1250, separator: b';', crlf: true });
        assert_eq!(found.describe(), "Plik: Windows-1250, separator średnik, końce wierszy CRLF");
    }

    #[test]
    fn reads_utf8_with_and_without_a_bom() {
        let (text, found) = decode("\u{feff}a,b\nŁ,ę\n".as_bytes()).unwrap();
        assert_eq!((&text[..], found.encoding, found.separator), ("a,b\nŁ,ę\n".as_bytes(), Encoding::Utf8Bom, b','));
        assert_eq!(decode("a;b\n".as_bytes()).unwrap().1.encoding, Encoding::Utf8);
    }

    #[test]
    fn a_comma_inside_quotes_does_not_make_the_separator() {
        assert_eq!(decode("\"Kowalski, Jan\";pesel\n".as_bytes()).unwrap().1.separator, b';');
    }

    #[test]
    fn a_file_in_two_encodings_or_in_another_stays_utf8_for_its_rows_to_be_refused() {
        let mut data = "pesel;last_name\n1;Łoś\n".as_bytes().to_vec();
        let (cp, _, _) = WINDOWS_1250.encode("2;Żuk\n");
        data.extend_from_slice(&cp);
        assert_eq!(decode(&data).unwrap().1.encoding, Encoding::Utf8);
        // "é" in Windows-1252 is not a Polish letter of Windows-1250.
        assert_eq!(decode(b"a;b\nCaf\xe9;y\n").unwrap().1.encoding, Encoding::Utf8);
        assert_eq!(decode(b"\xFF\xFEa\x00"), Err(DetectError::Utf16));
    }
}
