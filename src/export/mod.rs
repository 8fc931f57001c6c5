//! Printouts: the plan (IPUS), the application to sign, the refusal decision, the service card
//! and the subject-access report, each built as a [`document::Document`] and rendered by the one
//! document engine as PDF or plain text. This module reads what several of them share: the
//! centre as the issuer, a person's data, staff names.

pub mod card;
pub mod document;
pub mod letters;
pub mod pdf;
pub mod plan;
pub mod quantity;
pub mod sheet;
pub mod subject;

pub use plan::{PrintedPlan, gather};

use crate::domain::resident::format_address;
use crate::domain::text::format_phone;
use crate::storage::Result;
use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension};

/// The issuer printed at the head of every document.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Centre {
    pub name: String,
    pub address: String,
    pub phone: String,
    /// The council's resolution adopting the programme, as the centre recorded it.
    pub programme_resolution: String,
    /// The gminas the programme serves, for "zamieszkujących na terenie gminy …".
    pub gminas: Vec<String>,
    /// Who hears appeals against the centre's decisions, as the centre recorded it.
    pub appeal_body: String,
}

impl Centre {
    /// "Centrum …, ul. …, tel. …" in one line.
    pub fn letterhead(&self) -> Vec<String> {
        let mut lines = vec![self.name.clone()];
        let contact: Vec<&str> =
            [self.address.as_str(), self.phone.as_str()].into_iter().filter(|s| !s.is_empty()).collect();
        if !contact.is_empty() {
            lines.push(contact.join(", tel. "));
        }
        lines
    }

    /// The town for "Dębica, 1 grudnia 2026 r.": the last word after the postal code.
    pub fn town(&self) -> String {
        self.address
            .rsplit(|c: char| c.is_ascii_digit())
            .next()
            .map(|t| t.trim().trim_start_matches(',').trim().to_string())
            .filter(|t| !t.is_empty())
            .unwrap_or_default()
    }

    /// The programme's resolution, or the words of the template when none is recorded.
    pub fn resolution(&self) -> String {
        if self.programme_resolution.trim().is_empty() {
            "uchwała rady gminy w sprawie przyjęcia Programu Usług Społecznych".to_string()
        } else {
            self.programme_resolution.trim().trim_end_matches('.').to_string()
        }
    }

    /// "gminy Dębica" or "gmin Dębica, Brzostek"; "gminy" alone when none are recorded.
    pub fn gmina_phrase(&self) -> String {
        match self.gminas.as_slice() {
            [] => "gminy".into(),
            [one] => format!("gminy {one}"),
            many => format!("gmin {}", many.join(", ")),
        }
    }
}

/// The centre as the issuer of documents: every printout reads it here. The details and the
/// programme's resolutions come from the set-up (`centre set`, `programme resolution`); a centre
/// set up before programmes were kept has its resolution as one text.
pub fn centre(conn: &Connection) -> Result<Centre> {
    let header = crate::storage::centre::header(conn, crate::config::today())?;
    let legacy: String = conn
        .query_row("SELECT programme_resolution FROM centre WHERE id = 1", [], |r| r.get(0))
        .optional()?
        .unwrap_or_default();
    let mut stmt = conn.prepare("SELECT name FROM gmina ORDER BY name")?;
    let gminas = stmt.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    Ok(Centre {
        programme_resolution: header.resolution_text().unwrap_or(legacy),
        name: header.centre.name,
        address: header.centre.address,
        phone: format_phone(&header.centre.phone),
        appeal_body: header.centre.appeal_body,
        gminas,
    })
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

/// A resident's name, PESEL, address and contacts as printed.
pub fn resident(conn: &Connection, resident_id: i64) -> Result<Person> {
    Ok(conn.query_row(
        "SELECT first_name || ' ' || last_name, coalesce(pesel, ''), birth_date, street, house_no, flat_no, postal_code,
             city, phone, email FROM resident WHERE id = ?1",
        [resident_id],
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
    )?)
}

/// A member of staff as signed on a document: full name, or the login when no name is recorded,
/// and whether they are the director.
pub fn signatory(conn: &Connection, login: &str) -> Result<(String, bool)> {
    let name: Option<String> =
        conn.query_row("SELECT full_name FROM staff WHERE login = ?1", [login], |r| r.get(0)).optional()?;
    let director: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM staff_role WHERE login = ?1 AND role = 'dyrektor')",
        [login],
        |r| r.get(0),
    )?;
    let name = name.filter(|n| !n.trim().is_empty()).unwrap_or_else(|| login.to_string());
    Ok((name, director))
}

/// "—" for what was left empty, so a blank is visibly a blank.
pub fn or_dash(s: &str) -> String {
    if s.trim().is_empty() { "—".into() } else { s.to_string() }
}

/// Sends a PDF to the configured print command on its standard input, e.g. `lp -d biuro`.
/// What the command writes on its standard error is captured and returned, never left to reach
/// the terminal: on a desk it would be written over the screen. Its standard output is dropped
/// (`tee file` would echo the PDF).
pub fn print(command: &str, pdf: &[u8]) -> std::io::Result<String> {
    use std::io::Write;
    use std::process::Stdio;
    let mut parts = command.split_whitespace();
    let program = parts
        .next()
        .ok_or_else(|| std::io::Error::new(std::io::ErrorKind::InvalidInput, "polecenie drukowania jest puste"))?;
    let mut printer = std::process::Command::new(program);
    printer.args(parts).stdin(Stdio::piped()).stdout(Stdio::null()).stderr(Stdio::piped());
    // The command comes from the person's own config file: it must not inherit the service group.
    crate::service::child_as_own(&mut printer);
    let mut child = printer.spawn()?;
    // The PDF is written from its own thread, so that a command writing much before it reads
    // everything cannot block on a full pipe while we block on its input.
    let stdin = child.stdin.take();
    let pdf = pdf.to_vec();
    let writer = std::thread::spawn(move || match stdin {
        Some(mut stdin) => stdin.write_all(&pdf),
        None => Ok(()),
    });
    let output = child.wait_with_output()?;
    let written = writer.join().unwrap_or_else(|_| Err(std::io::Error::other("print input thread")));
    let said = String::from_utf8_lossy(&output.stderr).trim().to_string();
    if !output.status.success() {
        let mut message = format!("{command} zakończyło się błędem ({})", output.status);
        if !said.is_empty() {
            message.push_str(": ");
            message.push_str(&said);
        }
        return Err(std::io::Error::other(message));
    }
    // A command that exits well without reading all of the PDF has still printed what it wanted.
    if let Err(e) = written
        && e.kind() != std::io::ErrorKind::BrokenPipe
    {
        return Err(e);
    }
    Ok(said)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_town_is_what_follows_the_postal_code() {
        let c = Centre { address: "ul. Stefana Batorego 13, 39-200 Dębica".into(), ..Centre::default() };
        assert_eq!(c.town(), "Dębica");
        assert_eq!(Centre::default().town(), "");
    }
}
