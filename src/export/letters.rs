//! Papers about an application: the application with its needs assessment (IDP), printed for
//! the applicant to sign, and the refusal decision (art. 42 of the Act: refusing to
//! qualify someone for a service needs an administrative decision), with its number, date, legal
//! basis, grounds and the appeal instruction of the Code of Administrative Procedure.

use super::document::{Block, Document, Table, polish_date};
use super::{Centre, or_dash};
use crate::storage::Result;
use crate::storage::applications::{self, Application, Assessment};
use crate::storage::qualifications;
use rusqlite::Connection;

/// Days to appeal a decision from its delivery (art. 129 § 2 k.p.a.).
pub const APPEAL_DAYS: u32 = 14;

fn channel_label(code: &str) -> &str {
    match code {
        "osobiście" => "osobiście w centrum",
        "telefon" => "telefonicznie",
        "pismo" => "pisemnie",
        "e-mail" => "pocztą elektroniczną",
        "epuap" => "przez ePUAP",
        other => other,
    }
}

fn header(doc: &mut Document, centre: &Centre) {
    for line in centre.letterhead() {
        doc.push(Block::Centred(line));
    }
    doc.push(Block::Gap);
}

fn assessment_blocks(doc: &mut Document, a: &Assessment, coordinator: &str) {
    doc.push(Block::Heading("INDYWIDUALNA DIAGNOZA POTRZEB".into()));
    let mut t = Table::pairs();
    let i = &a.input;
    t.row(vec!["Data rozmowy".into(), polish_date(a.conducted_on)]);
    t.row(vec!["Przeprowadził(a)".into(), coordinator.to_string()]);
    t.row(vec!["Zajęcie".into(), or_dash(&i.occupation)]);
    t.row(vec!["Zatrudnienie".into(), or_dash(&i.employment)]);
    t.row(vec!["Stan cywilny".into(), or_dash(&i.marital_status)]);
    t.row(vec!["Liczba osób w gospodarstwie".into(), i.household_size.map_or_else(|| "—".into(), |n| n.to_string())]);
    t.row(vec!["Niepełnosprawność".into(), or_dash(&i.disability)]);
    t.row(vec!["Niesamodzielność".into(), or_dash(&i.dependency)]);
    t.row(vec!["Stan zdrowia".into(), or_dash(&i.health)]);
    t.row(vec!["Problemy".into(), or_dash(&i.problems)]);
    t.row(vec!["Potrzeby".into(), or_dash(&i.needs)]);
    t.row(vec!["Gotowość do zmiany".into(), or_dash(&i.readiness_for_change)]);
    t.row(vec!["Uwagi".into(), or_dash(&i.notes)]);
    doc.push(Block::Table(t));
    if !i.services.is_empty() {
        doc.push(Block::Gap);
        let mut s = Table::new(&[
            ("Usługa", 5.0),
            ("Teraz / oczekiwana", 2.0),
            ("Ilość", 1.5),
            ("Jednostka", 2.0),
            ("Częstotliwość", 2.5),
        ]);
        s.right = vec![2];
        for service in &i.services {
            s.row(vec![
                service.description.clone(),
                if service.kind == "obecna" { "korzysta teraz".into() } else { "oczekiwana".into() },
                service.quantity.map(|q| q.to_string()).unwrap_or_default(),
                service.unit.clone(),
                service.frequency.clone(),
            ]);
        }
        doc.push(Block::Table(s));
    }
}

/// The application as filed, with its latest needs assessment when `with_assessment` (it holds
/// special-category data: health, disability), for the applicant's signature.
pub fn application(conn: &Connection, id: i64, with_assessment: bool) -> Result<Document> {
    let centre = super::centre(conn)?;
    let app = applications::get(conn, id)?;
    let person = super::resident(conn, app.resident_id)?;
    let mut doc = Document::new(format!("Wniosek nr {id} z {}", polish_date(app.filed_on)));
    header(&mut doc, &centre);
    doc.push(Block::Title("WNIOSEK O USŁUGI SPOŁECZNE".into()));
    doc.push(Block::Centred(format!("nr {id}, złożony {} {}", polish_date(app.filed_on), channel_label(&app.channel))));
    doc.push(Block::Heading("DANE OSOBY, KTÓREJ DOTYCZY WNIOSEK".into()));
    let mut t = Table::pairs();
    t.row(vec!["Imię i nazwisko".into(), or_dash(&person.name)]);
    t.row(vec!["PESEL".into(), or_dash(&person.pesel)]);
    t.row(vec!["Adres zamieszkania".into(), or_dash(&person.address)]);
    t.row(vec!["Telefon".into(), or_dash(&person.phone)]);
    t.row(vec!["Adres e-mail".into(), or_dash(&person.email)]);
    doc.push(Block::Table(t));
    if app.applicant_kind != "mieszkaniec" {
        doc.push(Block::Heading(format!("WNIOSKODAWCA ({})", app.applicant_kind.replace('_', " "))));
        let mut w = Table::pairs();
        w.row(vec!["Imię i nazwisko".into(), or_dash(&app.applicant_name)]);
        w.row(vec!["Adres".into(), or_dash(&app.applicant_address)]);
        w.row(vec!["Telefon".into(), or_dash(&app.applicant_phone)]);
        w.row(vec!["Adres e-mail".into(), or_dash(&app.applicant_email)]);
        doc.push(Block::Table(w));
    }
    doc.push(Block::Heading("CZEGO DOTYCZY WNIOSEK".into()));
    doc.push(Block::Para(or_dash(&app.summary)));
    if with_assessment && let Some(a) = applications::latest_assessment(conn, id)? {
        let (coordinator, _) = super::signatory(conn, &a.coordinator_login)?;
        assessment_blocks(&mut doc, &a, &coordinator);
    }
    doc.push(Block::Gap);
    doc.push(Block::Small(
        "Oświadczam, że dane podane we wniosku są zgodne z prawdą. Administratorem danych osobowych jest centrum \
         usług społecznych wskazane w nagłówku; dane są przetwarzane w celu rozpatrzenia wniosku i realizacji usług \
         społecznych (art. 6 ust. 1 lit. c i e oraz art. 9 ust. 2 lit. h RODO). Przysługuje Pani/Panu prawo dostępu \
         do danych, ich sprostowania i ograniczenia przetwarzania."
            .into(),
    ));
    doc.push(Block::Signatures(vec![
        "Data i podpis wnioskodawcy".into(),
        "Data, pieczęć i podpis pracownika przyjmującego wniosek".into(),
    ]));
    Ok(doc)
}

/// The decision refusing to qualify someone for a service, as recorded (its number, date,
/// service and grounds), signed by `signed_by` (login). It can be printed again at any time.
pub fn refusal(conn: &Connection, refusal_id: i64, signed_by: &str) -> Result<Document> {
    let centre = super::centre(conn)?;
    let refusal = qualifications::refusal(conn, refusal_id)?;
    let app: Application = applications::get(conn, refusal.application_id)?;
    let person = super::resident(conn, app.resident_id)?;
    let (signer, director) = super::signatory(conn, signed_by)?;
    let number = refusal.decision_number.as_str();
    let mut doc = Document::new(format!("Decyzja nr {number}"));
    header(&mut doc, &centre);
    let town = centre.town();
    let decided_on = polish_date(refusal.decided_on);
    doc.push(Block::Right(if town.is_empty() { decided_on } else { format!("{town}, {decided_on}") }));
    doc.push(Block::Para(format!("Znak sprawy: {number}")));
    doc.push(Block::Gap);
    doc.push(Block::Right(person.name.clone()));
    doc.push(Block::Right(or_dash(&person.address)));
    doc.push(Block::Gap);
    doc.push(Block::Title(format!("DECYZJA nr {number}")));
    doc.push(Block::Gap);
    doc.push(Block::Para(format!(
        "Na podstawie art. 42 ustawy z dnia 19 lipca 2019 r. o realizowaniu usług społecznych przez centrum \
         usług społecznych (Dz.U. z 2019 r. poz. 1818) oraz art. 104 i art. 107 ustawy z dnia 14 czerwca 1960 r. – \
         Kodeks postępowania administracyjnego oraz zgodnie z: {}, po rozpatrzeniu wniosku z dnia {}",
        centre.resolution(),
        polish_date(app.filed_on)
    )));
    doc.push(Block::Centred("orzekam".into()));
    doc.push(Block::Para(format!(
        "odmówić zakwalifikowania do usługi społecznej: {}, o którą wnioskowano, osoby: {} (PESEL {}).",
        refusal.service_name,
        person.name,
        or_dash(&person.pesel)
    )));
    doc.push(Block::Heading("Uzasadnienie".into()));
    doc.push(Block::Para(refusal.grounds.trim().to_string()));
    doc.push(Block::Heading("Pouczenie".into()));
    let body = match centre.appeal_body.trim() {
        "" => "samorządowe kolegium odwoławcze właściwe miejscowo",
        named => named,
    };
    doc.push(Block::Bullets(vec![
        format!(
            "Od niniejszej decyzji przysługuje odwołanie w terminie {APPEAL_DAYS} dni od dnia jej doręczenia \
             (art. 127 § 1 i art. 129 § 2 k.p.a.). Organ odwoławczy: {body}."
        ),
        format!(
            "Odwołanie wnosi się za pośrednictwem Dyrektora {} (art. 129 § 1 k.p.a.), pisemnie lub ustnie do \
             protokołu; nie wymaga ono szczegółowego uzasadnienia – wystarczy, że wynika z niego niezadowolenie z \
             decyzji (art. 128 k.p.a.).",
            centre.name
        ),
        "W trakcie biegu terminu do wniesienia odwołania strona może zrzec się prawa do jego wniesienia; z dniem \
         doręczenia oświadczenia o zrzeczeniu się prawa do wniesienia odwołania decyzja staje się ostateczna i \
         prawomocna (art. 127a k.p.a.)."
            .into(),
    ]));
    doc.push(Block::Gap);
    let role = if director { "Dyrektor".to_string() } else { "z upoważnienia Dyrektora".to_string() };
    doc.push(Block::Signatures(vec![format!("{signer}, {role} – podpis i pieczęć")]));
    doc.push(Block::Small("Otrzymują: 1. Adresat. 2. Aa.".into()));
    Ok(doc)
}
