//! The printed plan: the Dębica template (sections A–G with the legal notice and the places for
//! signatures) with Starachowice's additions (plan number, needs-assessment date, coordinator,
//! dates drafted and updated, validity, two identical copies). One document model is rendered
//! as plain text and as PDF, so both always say the same.

pub mod pdf;

use crate::domain::ipus::{LineContent, VersionState};
use crate::domain::resident::format_address;
use crate::domain::text::format_phone;
use crate::storage::plans::{self, PlanDetail, VersionView};
use crate::storage::{Result, StorageError, applications};
use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension};

/// One block of the printed document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// The centre's name and the document's title, centred.
    Title(String),
    /// A section heading: `A. DANE OSOBOWE`.
    Heading(String),
    /// A paragraph, wrapped to the page.
    Para(String),
    /// `label: value`, wrapped with the value indented.
    Field(String, String),
    /// An empty line.
    Gap,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Centre {
    pub name: String,
    pub address: String,
    pub phone: String,
    pub programme_resolution: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Person {
    pub name: String,
    pub pesel: String,
    pub birth_date: Option<NaiveDate>,
    pub address: String,
    pub phone: String,
    pub email: String,
}

/// Everything the printed plan shows, read in one go.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PrintedPlan {
    pub centre: Centre,
    pub detail: PlanDetail,
    pub version: VersionView,
    pub resident: Person,
    /// The legal representative or de facto carer who applied, with their kind.
    pub applicant: Option<(String, Person)>,
    pub assessed_on: Option<NaiveDate>,
    pub first_drafted_on: NaiveDate,
    /// Who approved this version and when (date of the decision).
    pub approved: Option<(String, String)>,
    /// What the resident pays per unit of each line, by the programme in force at its start.
    pub fees: Vec<Option<crate::domain::fee::Fee>>,
}

/// Reads a plan for printing: `version` by number, or the version the desk shows first.
pub fn gather(conn: &Connection, plan_id: i64, version: Option<u32>) -> Result<PrintedPlan> {
    let detail = plans::detail(conn, plan_id)?;
    let chosen = match version {
        Some(n) => detail.versions.iter().find(|v| v.version == n),
        None => detail.approved().or_else(|| detail.current()),
    };
    let version = chosen.cloned().ok_or_else(|| {
        StorageError::NotFound(format!("wersja {} planu {}", version.unwrap_or(0), detail.header.number))
    })?;
    let header = crate::storage::centre::header(conn, version.content.period_start)?;
    // A centre set up before programmes were kept has its resolution as one text.
    let legacy: String = conn
        .query_row("SELECT programme_resolution FROM centre WHERE id = 1", [], |r| r.get(0))
        .optional()?
        .unwrap_or_default();
    let centre = Centre {
        programme_resolution: header.resolution_text().unwrap_or(legacy),
        name: header.centre.name,
        address: header.centre.address,
        phone: header.centre.phone,
    };
    let fees = version
        .content
        .lines
        .iter()
        .map(|l| {
            crate::storage::centre::fee_for(conn, detail.header.resident_id, l.service_id, l.provider_id, l.starts_on)
        })
        .collect::<Result<Vec<_>>>()?;
    let resident = conn.query_row(
        "SELECT first_name || ' ' || last_name, coalesce(pesel, ''), birth_date, street, house_no, flat_no, postal_code,
             city, phone, email FROM resident WHERE id = ?1",
        [detail.header.resident_id],
        |r| {
            Ok(Person {
                name: r.get(0)?,
                pesel: r.get(1)?,
                birth_date: r.get::<_, Option<String>>(2)?.and_then(|s| NaiveDate::parse_from_str(&s, "%Y-%m-%d").ok()),
                address: format_address(
                    &r.get::<_, String>(3)?,
                    &r.get::<_, String>(4)?,
                    &r.get::<_, String>(5)?,
                    &r.get::<_, String>(6)?,
                    &r.get::<_, String>(7)?,
                ),
                phone: format_phone(&r.get::<_, String>(8)?),
                email: r.get(9)?,
            })
        },
    )?;
    let (applicant, assessed_on) = match detail.header.application_id {
        Some(id) => {
            let app = applications::get(conn, id)?;
            let applicant = (app.applicant_kind != "mieszkaniec").then(|| {
                (
                    app.applicant_kind.replace('_', " "),
                    Person {
                        name: app.applicant_name.clone(),
                        address: app.applicant_address.clone(),
                        phone: format_phone(&app.applicant_phone),
                        email: app.applicant_email.clone(),
                        ..Person::default()
                    },
                )
            });
            (applicant, applications::latest_assessment(conn, id)?.map(|a| a.conducted_on))
        }
        None => (None, None),
    };
    let first_drafted_on = detail.versions.first().map_or(version.drafted_on, |v| v.drafted_on);
    let approved = detail
        .decisions
        .iter()
        .rev()
        .find(|d| d.version == version.version && d.decision == VersionState::Approved.code())
        .map(|d| (d.decided_by.clone(), d.decided_at.get(..10).unwrap_or(&d.decided_at).to_string()));
    // The paper names the director; the login is for the audit log.
    let approved = match approved {
        Some((login, on)) => {
            let name = crate::storage::staff::find(conn, &login)?.map(|m| m.full_name).filter(|n| !n.trim().is_empty());
            Some((name.unwrap_or(login), on))
        }
        None => None,
    };
    Ok(PrintedPlan { centre, detail, version, resident, applicant, assessed_on, first_drafted_on, approved, fees })
}

const LEGAL_BASIS: &str = "art. 39 ustawy z dnia 19 lipca 2019 r. o realizowaniu usług społecznych przez centrum \
                           usług społecznych (Dz.U. 2019 poz. 1818)";

const NOTICE: &str = "Pouczenie: plan realizuje się za zgodą osoby, której dotyczy. Osoba może zrezygnować z \
    całości lub części usług; o rezygnacji koordynator informuje dyrektora centrum (art. 44). Zmiana potrzeb \
    lub programu usług wymaga aktualizacji planu uzgodnionej z wnioskodawcą i zatwierdzonej tak jak plan \
    (art. 41). Zakwalifikowanie do usługi i odpłatność wynikają z programu usług społecznych; odmowa \
    zakwalifikowania wymaga decyzji administracyjnej, od której przysługuje odwołanie (art. 42).";

const DOTS: &str = "..............................";

fn or_dash(s: &str) -> String {
    if s.trim().is_empty() { "—".into() } else { s.to_string() }
}

fn person_fields(out: &mut Vec<Block>, p: &Person) {
    out.push(Block::Field("Imię i nazwisko".into(), or_dash(&p.name)));
    if !p.pesel.is_empty() || p.birth_date.is_some() {
        out.push(Block::Field("PESEL".into(), or_dash(&p.pesel)));
    }
    out.push(Block::Field("Adres".into(), or_dash(&p.address)));
    out.push(Block::Field("Telefon".into(), or_dash(&p.phone)));
    out.push(Block::Field("E-mail".into(), or_dash(&p.email)));
}

fn total_label(line: &LineContent) -> String {
    line.allocation().map(|a| format!("razem {} w okresie usługi", a.total_units())).unwrap_or_default()
}

/// The document, block by block.
pub fn document(p: &PrintedPlan) -> Vec<Block> {
    let h = &p.detail.header;
    let v = &p.version;
    let c = &v.content;
    let mut out = Vec::new();
    out.push(Block::Title(p.centre.name.clone()));
    let contact = [p.centre.address.as_str(), &p.centre.phone]
        .iter()
        .filter(|s| !s.is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join(", tel. ");
    if !contact.is_empty() {
        out.push(Block::Title(contact));
    }
    out.push(Block::Gap);
    out.push(Block::Title("INDYWIDUALNY PLAN USŁUG SPOŁECZNYCH".into()));
    out.push(Block::Title(format!("nr {} — wersja {} ({})", h.number, v.version, v.state.code())));
    out.push(Block::Gap);
    let resolution = if p.centre.programme_resolution.trim().is_empty() {
        "uchwały rady gminy w sprawie przyjęcia Programu Usług Społecznych".to_string()
    } else {
        p.centre.programme_resolution.trim().trim_end_matches('.').to_string()
    };
    out.push(Block::Para(format!("Podstawa prawna: {LEGAL_BASIS} oraz {resolution}.")));
    out.push(Block::Gap);
    out.push(Block::Field("Numer planu".into(), h.number.clone()));
    out.push(Block::Field(
        "Data rozpoznania potrzeb".into(),
        p.assessed_on.map_or_else(|| "—".into(), |d| d.to_string()),
    ));
    let coordinator =
        if h.coordinator_name.is_empty() { h.coordinator_login.clone() } else { h.coordinator_name.clone() };
    let phone = if h.coordinator_phone.is_empty() {
        String::new()
    } else {
        format!(", tel. {}", format_phone(&h.coordinator_phone))
    };
    out.push(Block::Field("Koordynator".into(), format!("{coordinator}{phone}")));
    out.push(Block::Field("Data sporządzenia".into(), p.first_drafted_on.to_string()));
    if v.version > 1 {
        out.push(Block::Field("Data aktualizacji".into(), format!("{} (wersja {})", v.drafted_on, v.version)));
    }
    out.push(Block::Field("Plan ważny".into(), format!("od {} do {}", c.period_start, c.period_end)));

    out.push(Block::Gap);
    out.push(Block::Heading("A. DANE OSOBOWE".into()));
    let minor = p.resident.birth_date.is_some_and(|born| born + chrono::Months::new(18 * 12) > c.period_start);
    match (&p.applicant, minor) {
        (Some((kind, guardian)), true) => {
            out.push(Block::Para(format!("Opiekun ({kind}):")));
            person_fields(&mut out, guardian);
            out.push(Block::Para("Dziecko:".into()));
            person_fields(&mut out, &p.resident);
        }
        (Some((kind, applicant)), false) => {
            person_fields(&mut out, &p.resident);
            out.push(Block::Para(format!("Wnioskodawca ({kind}):")));
            person_fields(&mut out, applicant);
        }
        (None, _) => person_fields(&mut out, &p.resident),
    }

    out.push(Block::Gap);
    out.push(Block::Heading("B. OKRES REALIZACJI PLANU".into()));
    out.push(Block::Field("Początek".into(), c.period_start.to_string()));
    out.push(Block::Field("Koniec".into(), c.period_end.to_string()));

    out.push(Block::Gap);
    out.push(Block::Heading("C. USŁUGI Z PROGRAMU ODPOWIADAJĄCE NA POTRZEBY".into()));
    out.push(Block::Field("Potrzeby".into(), or_dash(&c.needs)));
    for line in &c.lines {
        let resigned = line.resigned_on.map(|d| format!(" — rezygnacja od {d}")).unwrap_or_default();
        out.push(Block::Para(format!(
            "[X] {}: {} ({}){resigned}",
            line.service_name,
            line.amount_label(),
            total_label(line)
        )));
    }
    out.push(Block::Field("Oczekiwane efekty".into(), or_dash(&c.expected_effects)));
    out.push(Block::Field("Ocena jakości i satysfakcji".into(), or_dash(&c.quality_check)));

    out.push(Block::Gap);
    out.push(Block::Heading("D. SPOSÓB REALIZACJI USŁUG".into()));
    out.push(Block::Para("Lp. | usługa | harmonogram | realizator | miejsce i forma".into()));
    for (i, line) in c.lines.iter().enumerate() {
        out.push(Block::Para(format!(
            "{}. | {} ({} – {}) | {} | {} | {}",
            i + 1,
            line.service_name,
            line.starts_on,
            line.ends_on,
            or_dash(&line.schedule),
            or_dash(&line.provider_name),
            or_dash(&line.place_form)
        )));
        if !line.scope.is_empty() {
            out.push(Block::Field("    zakres".into(), line.scope.clone()));
        }
        if let Some(Some(fee)) = p.fees.get(i) {
            out.push(Block::Field("    odpłatność".into(), fee.describe(crate::i18n::Lang::Pl)));
        }
    }

    out.push(Block::Gap);
    out.push(Block::Heading("E. DZIAŁANIA WSPIERAJĄCE I PODMIOTY JE REALIZUJĄCE".into()));
    if c.actions.is_empty() {
        out.push(Block::Para("—".into()));
    }
    for (i, a) in c.actions.iter().enumerate() {
        out.push(Block::Para(format!("{}. {} — realizuje: {}", i + 1, a.what, or_dash(&a.who))));
    }

    out.push(Block::Gap);
    out.push(Block::Para(NOTICE.into()));
    out.push(Block::Gap);
    out.push(Block::Para(format!("{DOTS}  {DOTS}")));
    out.push(Block::Para("podpis osoby / przedstawiciela      podpis koordynatora".into()));
    out.push(Block::Gap);
    let approval = match &p.approved {
        Some((by, on)) => format!("Zatwierdzam: {DOTS} (dyrektor CUS; zatwierdzono {on}, {by})"),
        None => format!("Zatwierdzam: {DOTS} (dyrektor CUS)"),
    };
    out.push(Block::Para(approval));
    out.push(Block::Gap);
    out.push(Block::Para(
        "Plan sporządzono w dwóch jednobrzmiących egzemplarzach, po jednym dla każdej ze stron.".into(),
    ));

    out.push(Block::Gap);
    out.push(Block::Heading("F. ROZMOWA PODSUMOWUJĄCA".into()));
    out.push(Block::Field("Data".into(), h.summary_on.map_or_else(|| DOTS.into(), |d| d.to_string())));
    out.push(Block::Field(
        "Opis przebiegu".into(),
        if h.summary_course.is_empty() { DOTS.into() } else { h.summary_course.clone() },
    ));
    out.push(Block::Field(
        "Osiągnięte rezultaty".into(),
        if h.summary_results.is_empty() { DOTS.into() } else { h.summary_results.clone() },
    ));

    out.push(Block::Gap);
    out.push(Block::Heading("G. MONITORING 6 MIESIĘCY PO ZAKOŃCZENIU".into()));
    out.push(Block::Field(
        "Termin".into(),
        h.follow_up_due().map_or_else(|| "6 miesięcy po zakończeniu planu".into(), |d| d.to_string()),
    ));
    out.push(Block::Field("Data".into(), h.follow_up_on.map_or_else(|| DOTS.into(), |d| d.to_string())));
    out.push(Block::Field(
        "Ustalenia".into(),
        if h.follow_up_note.is_empty() { DOTS.into() } else { h.follow_up_note.clone() },
    ));
    out
}

/// Wraps `text` into lines of at most `width` characters, breaking at spaces when possible.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        let mut line = String::new();
        for word in paragraph.split(' ') {
            let (line_len, word_len) = (line.chars().count(), word.chars().count());
            if line_len > 0 && line_len + 1 + word_len > width {
                lines.push(std::mem::take(&mut line));
            }
            if !line.is_empty() {
                line.push(' ');
            }
            let mut rest = word;
            while rest.chars().count() > width {
                let cut = rest.char_indices().nth(width).map_or(rest.len(), |(i, _)| i);
                lines.push(rest[..cut].to_string());
                rest = &rest[cut..];
            }
            line.push_str(rest);
        }
        lines.push(line);
    }
    lines
}

/// Characters per line of the plain-text rendering.
pub const TEXT_WIDTH: usize = 78;

/// The lines of the document laid out in `width` characters; headings are followed by a rule.
pub fn layout(blocks: &[Block], width: usize) -> Vec<(Block, String)> {
    let mut out = Vec::new();
    for block in blocks {
        match block {
            Block::Title(t) => {
                for l in wrap(t, width) {
                    let pad = width.saturating_sub(l.chars().count()) / 2;
                    out.push((block.clone(), format!("{}{l}", " ".repeat(pad))));
                }
            }
            Block::Heading(t) => out.extend(wrap(t, width).into_iter().map(|l| (block.clone(), l))),
            Block::Para(t) => out.extend(wrap(t, width).into_iter().map(|l| (block.clone(), l))),
            Block::Field(label, value) => {
                let lead = format!("{label}: ");
                let indent = lead.chars().count().min(width / 2);
                let lines = wrap(value, width - indent);
                for (i, l) in lines.into_iter().enumerate() {
                    let prefix = if i == 0 { lead.clone() } else { " ".repeat(indent) };
                    out.push((block.clone(), format!("{prefix}{l}")));
                }
            }
            Block::Gap => out.push((Block::Gap, String::new())),
        }
    }
    out
}

/// The plan as plain UTF-8 text.
pub fn render_text(plan: &PrintedPlan) -> String {
    let mut out = String::new();
    for (block, line) in layout(&document(plan), TEXT_WIDTH) {
        out.push_str(line.trim_end());
        out.push('\n');
        if matches!(block, Block::Heading(_)) {
            out.push_str(&"-".repeat(line.chars().count()));
            out.push('\n');
        }
    }
    out
}

/// Sends a PDF to the configured print command on its standard input, e.g. `lp -d biuro`.
pub fn print(command: &str, pdf: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let mut parts = command.split_whitespace();
    let program = parts
        .next()
        .ok_or_else(|| std::io::Error::new(std::io::ErrorKind::InvalidInput, "polecenie drukowania jest puste"))?;
    let mut child = std::process::Command::new(program)
        .args(parts)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::null())
        .spawn()?;
    if let Some(mut stdin) = child.stdin.take() {
        stdin.write_all(pdf)?;
    }
    let status = child.wait()?;
    if status.success() {
        Ok(())
    } else {
        Err(std::io::Error::other(format!("{command} zakończyło się błędem ({status})")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_at_spaces_and_cuts_words_longer_than_a_line() {
        assert_eq!(wrap("ala ma kota", 7), vec!["ala ma", "kota"]);
        assert_eq!(wrap("żółćżółć", 4), vec!["żółć", "żółć"]);
        assert_eq!(wrap("a\nb", 10), vec!["a", "b"]);
    }

    #[test]
    fn fields_hang_their_continuation_lines_under_the_value() {
        let lines = layout(&[Block::Field("Adres".into(), "ul. Długa 1, 00-001 Warszawa".into())], 20);
        let texts: Vec<&str> = lines.iter().map(|(_, l)| l.as_str()).collect();
        assert_eq!(texts, vec!["Adres: ul. Długa 1,", "       00-001", "       Warszawa"]);
    }
}
