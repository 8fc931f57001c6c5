//! Validation of what people type or import, and making stored text safe to put on a terminal.

use crate::i18n::{current, errors};
use chrono::{NaiveDate, NaiveTime};

/// Why a field was refused; the UI and the CLI prefix it with the field's name. The texts are
/// the catalogue's, in the process language.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FieldProblem {
    #[error("{}", errors::required(current()))]
    Required,
    #[error("{}", errors::too_long(current(), .len, .max))]
    TooLong { len: usize, max: usize },
    #[error("{}", errors::control_characters(current()))]
    ControlCharacters,
    #[error("{}", errors::date_format(current()))]
    Date,
    #[error("{}", errors::time_format(current()))]
    Time,
    #[error("{}", errors::amount_format(current(), .0))]
    Amount(String),
    #[error("{}", errors::postal_code(current()))]
    PostalCode,
    #[error("{}", errors::phone(current()))]
    Phone,
    #[error("{}", errors::email(current()))]
    Email,
    #[error("{}", errors::number(current(), .min, .max))]
    Number { min: i64, max: i64 },
    #[error("{}", errors::not_one_of(current(), .value, .allowed))]
    NotOneOf { value: String, allowed: String },
    #[error("{}", errors::period_label(current(), .0))]
    PeriodLabel(String),
    #[error("{}", errors::future_date(current()))]
    Future,
    #[error("{}", errors::required_without_pesel(current()))]
    RequiredWithoutPesel,
    #[error("{0}")]
    Pesel(#[from] super::pesel::PeselError),
    #[error("{0}")]
    Period(#[from] super::plan::PeriodProblem),
    #[error("{0}")]
    Mismatch(String),
}

/// A field's key paired with its problem: `PESEL: błędna cyfra kontrolna`. The key is what the
/// forms and the command line find the field by; it is shown by its name in the process language.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}: {problem}", errors::field_name(current(), self.field))]
pub struct FieldError {
    pub field: &'static str,
    pub problem: FieldProblem,
}

impl FieldProblem {
    pub fn on(self, field: &'static str) -> FieldError {
        FieldError { field, problem: self }
    }

    /// `value` is not one of `allowed`.
    pub fn not_one_of(value: &str, allowed: &[&str]) -> FieldProblem {
        FieldProblem::NotOneOf { value: value.trim().to_string(), allowed: allowed.join(", ") }
    }
}

/// A value that must be one of a fixed list, returned trimmed.
pub fn check_one_of(value: &str, allowed: &[&str]) -> Result<String, FieldProblem> {
    let v = value.trim();
    if allowed.contains(&v) { Ok(v.to_string()) } else { Err(FieldProblem::not_one_of(v, allowed)) }
}

/// Characters that must never be stored in or shown from free text: C0/C1 controls (including
/// ESC, which starts terminal escape sequences), bidi overrides and isolates, and zero-width marks.
pub fn is_unsafe_char(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2069}' | '\u{FEFF}')
}

/// Checks a one-line text field: trimmed, no unsafe characters, at most `max` characters.
pub fn check_text(value: &str, max: usize, required: bool) -> Result<String, FieldProblem> {
    let value = value.trim();
    if value.is_empty() && required {
        return Err(FieldProblem::Required);
    }
    if value.chars().any(is_unsafe_char) {
        return Err(FieldProblem::ControlCharacters);
    }
    let len = value.chars().count();
    if len > max {
        return Err(FieldProblem::TooLong { len, max });
    }
    Ok(value.to_string())
}

/// Like [`check_text`] for notes: line breaks and tabs are allowed.
pub fn check_note(value: &str, max: usize) -> Result<String, FieldProblem> {
    let value = value.trim();
    if value.chars().any(|c| c != '\n' && c != '\t' && is_unsafe_char(c)) {
        return Err(FieldProblem::ControlCharacters);
    }
    let len = value.chars().count();
    if len > max {
        return Err(FieldProblem::TooLong { len, max });
    }
    Ok(value.to_string())
}

pub fn parse_date(value: &str) -> Result<NaiveDate, FieldProblem> {
    NaiveDate::parse_from_str(value.trim(), "%Y-%m-%d").map_err(|_| FieldProblem::Date)
}

/// A time of day as the desk types it, `HH:MM`.
pub fn parse_time(value: &str) -> Result<NaiveTime, FieldProblem> {
    NaiveTime::parse_from_str(value.trim(), "%H:%M").map_err(|_| FieldProblem::Time)
}

/// An amount in złoty typed with a comma or a dot (`12,50`, `12.5`, `12`), in grosze; at most
/// two decimal places, never negative.
pub fn parse_grosze(value: &str) -> Result<i64, FieldProblem> {
    let bad = || FieldProblem::Amount(value.trim().to_string());
    let v = value.trim().replace(',', ".");
    let (whole, fraction) = v.split_once('.').unwrap_or((&v, ""));
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if whole.is_empty() || !digits(whole) || !digits(fraction) || fraction.len() > 2 {
        return Err(bad());
    }
    let zloty: i64 = whole.parse().map_err(|_| bad())?;
    let grosze: i64 = format!("{fraction:0<2}").parse().map_err(|_| bad())?;
    zloty.checked_mul(100).and_then(|z| z.checked_add(grosze)).ok_or_else(bad)
}

pub fn check_postal_code(value: &str) -> Result<String, FieldProblem> {
    let v = value.trim();
    let b = v.as_bytes();
    let ok = b.len() == 6 && b[2] == b'-' && b.iter().enumerate().all(|(i, c)| i == 2 || c.is_ascii_digit());
    if v.is_empty() || ok { Ok(v.to_string()) } else { Err(FieldProblem::PostalCode) }
}

/// Normalises a Polish phone number to its nine digits; spaces, dashes and a +48 or 0048 prefix are allowed.
pub fn normalize_phone(value: &str) -> Result<String, FieldProblem> {
    let v = value.trim();
    if v.is_empty() {
        return Ok(String::new());
    }
    if v.chars().any(|c| !(c.is_ascii_digit() || matches!(c, ' ' | '-' | '+' | '(' | ')'))) {
        return Err(FieldProblem::Phone);
    }
    let digits: String = v.chars().filter(char::is_ascii_digit).collect();
    let national = digits
        .strip_prefix("0048")
        .or_else(|| if v.starts_with('+') { digits.strip_prefix("48") } else { None })
        .unwrap_or(&digits);
    if national.len() == 9 { Ok(national.to_string()) } else { Err(FieldProblem::Phone) }
}

/// Formats nine digits the way Polish numbers are read out: `601 234 567`.
pub fn format_phone(digits: &str) -> String {
    if digits.len() == 9 && digits.is_ascii() {
        format!("{} {} {}", &digits[..3], &digits[3..6], &digits[6..])
    } else {
        digits.to_string()
    }
}

pub fn check_email(value: &str) -> Result<String, FieldProblem> {
    let v = value.trim();
    if v.is_empty() {
        return Ok(String::new());
    }
    let valid = v.len() <= 254
        && !v.chars().any(|c| c.is_whitespace() || is_unsafe_char(c))
        && v.split_once('@').is_some_and(|(local, domain)| {
            !local.is_empty()
                && !domain.contains('@')
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
        });
    if valid { Ok(v.to_string()) } else { Err(FieldProblem::Email) }
}

pub fn parse_number(value: &str, min: i64, max: i64) -> Result<i64, FieldProblem> {
    value.trim().parse::<i64>().ok().filter(|n| (min..=max).contains(n)).ok_or(FieldProblem::Number { min, max })
}

/// Text from the database made safe for the terminal: unsafe characters become `�` (so that
/// hostile data is visible as such) and the result is cut to `max_chars`.
pub fn display_safe(value: &str) -> std::borrow::Cow<'_, str> {
    if value.chars().any(is_unsafe_char) {
        std::borrow::Cow::Owned(value.chars().map(|c| if is_unsafe_char(c) { '\u{FFFD}' } else { c }).collect())
    } else {
        std::borrow::Cow::Borrowed(value)
    }
}

/// JSON with every unsafe character written as a `\uXXXX` escape: a JSON reader gets the very
/// same text back, and a terminal showing the JSON gets no raw control or bidi character. Unsafe
/// characters outside strings can only be the line breaks of pretty printing, which stay.
pub fn json_safe(json: &str) -> std::borrow::Cow<'_, str> {
    if !json.chars().any(|c| c != '\n' && is_unsafe_char(c)) {
        return std::borrow::Cow::Borrowed(json);
    }
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        if c != '\n' && is_unsafe_char(c) {
            // Every unsafe character lies in the Basic Multilingual Plane: one escape each.
            out.push_str(&format!("\\u{:04x}", c as u32));
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_escape_sequences_bidi_and_zero_width() {
        assert_eq!(check_text("Jan\u{1b}[31m", 50, true), Err(FieldProblem::ControlCharacters));
        assert_eq!(check_text("Jan\u{202E}", 50, true), Err(FieldProblem::ControlCharacters));
        assert_eq!(check_text("Ja\u{200B}n", 50, true), Err(FieldProblem::ControlCharacters));
        assert_eq!(check_text("  Żółć ", 50, true), Ok("Żółć".into()));
        assert_eq!(check_text("", 50, true), Err(FieldProblem::Required));
        assert_eq!(check_text(&"a".repeat(51), 50, true), Err(FieldProblem::TooLong { len: 51, max: 50 }));
    }

    #[test]
    fn display_replaces_unsafe_characters() {
        assert_eq!(display_safe("a\u{1b}[2Jb\u{202E}"), "a\u{FFFD}[2Jb\u{FFFD}");
        assert_eq!(display_safe("Łódź"), "Łódź");
    }

    #[test]
    fn json_keeps_hostile_text_exactly_but_escaped() {
        let hostile = "Nowak\u{1b}[2J\u{9b}\u{7f}\u{202E}\u{200B}\u{FEFF}\tŁ";
        let json = serde_json::to_string_pretty(&serde_json::json!({ "name": hostile, "n": [1, 2] })).unwrap();
        let safe = json_safe(&json);
        assert!(!safe.chars().any(|c| c != '\n' && is_unsafe_char(c)), "{safe}");
        let back: serde_json::Value = serde_json::from_str(&safe).unwrap();
        assert_eq!(back["name"], hostile);
        assert_eq!(json_safe("{\n  \"a\": \"Łódź\"\n}"), "{\n  \"a\": \"Łódź\"\n}");
    }

    #[test]
    fn normalises_phones() {
        assert_eq!(normalize_phone("+48 601 234 567"), Ok("601234567".into()));
        assert_eq!(normalize_phone("0048601234567"), Ok("601234567".into()));
        assert_eq!(normalize_phone("14 680-12-34"), Ok("146801234".into()));
        assert_eq!(normalize_phone("60123456"), Err(FieldProblem::Phone));
        assert_eq!(normalize_phone("601abc567"), Err(FieldProblem::Phone));
        assert_eq!(format_phone("601234567"), "601 234 567");
    }

    #[test]
    fn checks_postal_codes_emails_dates_numbers() {
        assert!(check_postal_code("39-200").is_ok());
        assert_eq!(check_postal_code("39200"), Err(FieldProblem::PostalCode));
        assert!(check_email("jan.kowalski@example.pl").is_ok());
        assert_eq!(check_email("jan@"), Err(FieldProblem::Email));
        assert_eq!(check_email("a b@c.pl"), Err(FieldProblem::Email));
        assert_eq!(parse_date("2026-02-30"), Err(FieldProblem::Date));
        assert!(parse_date("2026-02-28").is_ok());
        assert_eq!(parse_number("12", 1, 10), Err(FieldProblem::Number { min: 1, max: 10 }));
    }

    #[test]
    fn reads_amounts_in_zloty_with_comma_or_dot_as_grosze() {
        assert_eq!(parse_grosze("12,50"), Ok(1250));
        assert_eq!(parse_grosze("12.5"), Ok(1250));
        assert_eq!(parse_grosze(" 7 "), Ok(700));
        assert_eq!(parse_grosze("0,05"), Ok(5));
        for bad in ["", "-3", "1,234", "12 zł", ",50", "1e3", "99999999999999999999"] {
            assert!(parse_grosze(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn reads_times_of_day() {
        assert_eq!(parse_time("08:30"), Ok(NaiveTime::from_hms_opt(8, 30, 0).unwrap()));
        assert!(parse_time("25:00").is_err());
        assert!(parse_time("8").is_err());
    }

    #[test]
    fn field_errors_name_the_field() {
        assert_eq!(
            FieldProblem::PostalCode.on("Kod pocztowy").to_string(),
            "Kod pocztowy: kod pocztowy musi mieć postać 00-000"
        );
    }
}
