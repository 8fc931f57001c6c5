//! The answer to a data-subject access request (RODO art. 15) as a document the person can read
//! (art. 12: concise, intelligible, plain language): what the centre is and why it holds the
//! data, then every kind of data in its own section with Polish labels, and the access log.
//! The rows come from [`crate::storage::subject::export`], so a column added later is printed too.

use super::document::{Block, Document, Table, polish_date};
use super::or_dash;
use crate::storage::{Result, subject};
use chrono::NaiveDate;
use rusqlite::Connection;
use serde_json::Value;

/// Section titles by the export's keys.
const SECTIONS: &[(&str, &str)] = &[
    ("resident", "Dane osobowe"),
    ("special_category_data", "Dane szczególnej kategorii (zdrowie, niepełnosprawność)"),
    ("representatives", "Przedstawiciele i opiekunowie"),
    ("applications", "Wnioski"),
    ("needs_assessments", "Diagnozy potrzeb"),
    ("assessed_services", "Usługi wskazane w diagnozie"),
    ("waiting_list", "Lista oczekujących"),
    ("plans", "Indywidualne plany usług społecznych"),
    ("plan_versions", "Wersje planów"),
    ("plan_lines", "Usługi w planach"),
    ("supporting_actions", "Działania wspierające"),
    ("plan_decisions", "Decyzje o planach"),
    ("service_usage", "Zrealizowane usługi"),
    ("monitoring_contacts", "Kontakty monitorujące"),
    ("visits_and_calls", "Wizyty i rozmowy"),
];

/// Labels of the columns a person reads; others are shown by their name with spaces.
const LABELS: &[(&str, &str)] = &[
    ("pesel", "PESEL"),
    ("first_name", "imię"),
    ("last_name", "nazwisko"),
    ("birth_date", "data urodzenia"),
    ("sex", "płeć"),
    ("street", "ulica"),
    ("house_no", "nr domu"),
    ("flat_no", "nr lokalu"),
    ("postal_code", "kod pocztowy"),
    ("city", "miejscowość"),
    ("phone", "telefon"),
    ("email", "e-mail"),
    ("occupation", "zajęcie"),
    ("employment", "zatrudnienie"),
    ("marital_status", "stan cywilny"),
    ("household_size", "liczba osób w gospodarstwie"),
    ("in_pomost", "w systemie POMOST"),
    ("created_at", "wpisano"),
    ("updated_at", "zmieniono"),
    ("created_by", "wpisał(a)"),
    ("updated_by", "zmienił(a)"),
    ("filed_on", "data złożenia"),
    ("applicant_kind", "wnioskodawca"),
    ("applicant_name", "imię i nazwisko wnioskodawcy"),
    ("channel", "sposób złożenia"),
    ("summary", "treść"),
    ("state", "stan"),
    ("coordinator_login", "koordynator"),
    ("decision_number", "numer decyzji"),
    ("decision_date", "data decyzji"),
    ("conducted_on", "data rozmowy"),
    ("disability", "niepełnosprawność"),
    ("dependency", "niesamodzielność"),
    ("health", "stan zdrowia"),
    ("problems", "problemy"),
    ("needs", "potrzeby"),
    ("notes", "uwagi"),
    ("number", "numer"),
    ("version", "wersja"),
    ("drafted_on", "data sporządzenia"),
    ("starts_on", "od"),
    ("ends_on", "do"),
    ("units", "liczba jednostek"),
    ("used_on", "dzień"),
    ("contact_on", "dzień kontaktu"),
    ("visited_on", "dzień wizyty"),
    ("decision", "decyzja"),
    ("decided_by", "decydował(a)"),
    ("decided_at", "kiedy"),
    ("comment", "komentarz"),
    ("what", "działanie"),
    ("who", "realizator"),
    ("note", "notatka"),
    ("description", "opis"),
    ("quantity", "ilość"),
    ("unit", "jednostka"),
    ("frequency", "częstotliwość"),
    ("kind", "rodzaj"),
    ("name", "imię i nazwisko"),
    ("address", "adres"),
];

/// Columns holding 0 or 1.
const FLAGS: &[&str] = &["in_pomost", "active", "may_approve", "director_informed"];

/// "2026-12-01" → "1 grudnia 2026 r."; a timestamp keeps its time: "1 grudnia 2026 r., 09:30".
fn readable(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::String(s) => {
            let day = s.get(..10).and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
            match (day, s.len()) {
                (Some(d), 10) => polish_date(d),
                (Some(d), n) if n >= 16 && matches!(s.as_bytes()[10], b'T' | b' ') => {
                    format!("{}, {}", polish_date(d), &s[11..16])
                }
                _ => s.clone(),
            }
        }
        other => other.to_string(),
    }
}

fn label(column: &str) -> String {
    LABELS.iter().find(|(c, _)| *c == column).map_or_else(|| column.replace('_', " "), |(_, l)| (*l).to_string())
}

/// Row ids and links between tables say nothing to the person; everything else is printed.
fn is_internal(column: &str) -> bool {
    column == "id" || column.ends_with("_id") || column == "revision" || column == "content_json"
}

fn action_label(code: &str) -> String {
    match code {
        "open_card" => "odczyt karty".into(),
        "reveal_pesel" => "odsłonięcie PESEL".into(),
        "find_reveal" => "wyszukanie".into(),
        "export" => "wydanie danych".into(),
        "print" => "wydruk".into(),
        "change" => "zmiana".into(),
        "create" => "wpisanie".into(),
        "import" => "wczytanie z pliku".into(),
        "approve" => "zatwierdzenie".into(),
        other => other.replace('_', " "),
    }
}

/// The subject-access report of the resident with `resident_id`.
pub fn subject_report(conn: &Connection, resident_id: i64, today: NaiveDate) -> Result<Document> {
    let centre = super::centre(conn)?;
    let person = super::resident(conn, resident_id)?;
    let data = subject::export(conn, resident_id)?;
    let mut doc = Document::new(format!("Informacja o danych osobowych – {}", person.name));
    for line in centre.letterhead() {
        doc.push(Block::Centred(line));
    }
    doc.push(Block::Gap);
    doc.push(Block::Title("INFORMACJA O PRZETWARZANYCH DANYCH OSOBOWYCH".into()));
    doc.push(Block::Centred(format!("art. 15 RODO – dla: {}, stan na {}", person.name, polish_date(today))));
    doc.push(Block::Gap);
    doc.push(Block::Para(format!(
        "Administratorem Pani/Pana danych jest {}. Dane przetwarzamy, aby rozpatrywać wnioski o usługi społeczne, \
         sporządzać i realizować indywidualne plany usług społecznych oraz rozliczać program usług społecznych \
         (art. 6 ust. 1 lit. c i e oraz art. 9 ust. 2 lit. h RODO, ustawa z dnia 19 lipca 2019 r. o realizowaniu \
         usług społecznych przez centrum usług społecznych). Dane otrzymują realizatorzy usług wskazani w planie. \
         Dane przechowujemy przez okres wynikający z przepisów o archiwizacji akt spraw.",
        or_dash(&centre.name)
    )));
    doc.push(Block::Para(
        "Ma Pani/Pan prawo żądać sprostowania danych (art. 16 RODO), ich ograniczenia (art. 18) i wnieść sprzeciw \
         (art. 21), a także wnieść skargę do Prezesa Urzędu Ochrony Danych Osobowych. Poniżej są wszystkie dane, \
         które o Pani/Panu przechowujemy, oraz lista osób, które miały do nich dostęp."
            .into(),
    ));
    for (key, title) in SECTIONS {
        let Some(rows) = data.get(*key).and_then(Value::as_array) else { continue };
        doc.push(Block::Heading(title.to_string()));
        if rows.is_empty() {
            doc.push(Block::Para("brak".into()));
            continue;
        }
        for (n, row) in rows.iter().enumerate() {
            let Some(fields) = row.as_object() else { continue };
            let mut t = Table::pairs();
            // Known columns in the order a person reads them, then any others.
            let known = LABELS.iter().filter_map(|(c, _)| fields.get_key_value(*c));
            let others = fields.iter().filter(|(c, _)| !LABELS.iter().any(|(k, _)| k == c));
            for (column, value) in known.chain(others) {
                let text = if FLAGS.contains(&column.as_str()) {
                    if value.as_i64() == Some(1) { "tak".into() } else { "nie".into() }
                } else {
                    readable(value)
                };
                if is_internal(column) || text.trim().is_empty() {
                    continue;
                }
                t.row(vec![label(column), text]);
            }
            if rows.len() > 1 {
                doc.push(Block::Small(format!("{}.", n + 1)));
            }
            doc.push(Block::Table(t));
        }
    }
    doc.push(Block::Heading("Kto miał dostęp do danych".into()));
    let mut log = Table::new(&[("Kiedy", 3.0), ("Kto", 2.0), ("Co", 2.0), ("Czego dotyczyło", 5.0)]);
    for entry in data.get("access_log").and_then(Value::as_array).into_iter().flatten() {
        let field = |k: &str| entry.get(k).map(readable).unwrap_or_default();
        let what =
            [field("target"), field("detail")].into_iter().filter(|s| !s.is_empty()).collect::<Vec<_>>().join(" – ");
        log.row(vec![field("at"), field("login"), action_label(&field("action")), what]);
    }
    if log.rows.is_empty() {
        log.row(vec!["—".into(), "—".into(), "—".into(), "nikt nie odczytywał danych".into()]);
    }
    doc.push(Block::Table(log));
    Ok(doc)
}
