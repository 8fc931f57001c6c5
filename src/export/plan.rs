//! The printed plan: the Dębica template (sections A–G as ruled tables, the full pouczenie with
//! art. 38, 40, 41, 42, 45 and 48 and the sentence on services free for the gmina's residents,
//! the "data, pieczęć i podpis" places) with Starachowice's additions (plan number, the date of
//! the needs assessment, the coordinator, dates drafted and updated, validity, the attachments,
//! two identical copies). A version not yet approved is marked PROJEKT on every page.

use super::document::{Block, Document, Table, polish_date};
use super::{Centre, Person, or_dash, quantity};
use crate::domain::fee::Fee;
use crate::domain::ipus::{LineContent, PlanContent, VersionState};
use crate::domain::text::format_phone;
use crate::i18n::Lang;
use crate::storage::plans::{PlanDetail, VersionView};
use crate::storage::{Result, StorageError, applications};
use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension};

/// What the catalogue says about a line's service, for the amounts, the fee and the provider.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LineService {
    pub unit: String,
    pub fee_grosze: i64,
    pub fee_note: String,
    /// The service's usual provider, printed when the line names none.
    pub default_provider: String,
    /// What the resident pays per unit by the programme in force at the line's start; `None`
    /// when no programme offers the service, and the catalogue's fee is printed.
    pub programme_fee: Option<Fee>,
}

impl LineService {
    /// Whether the resident may pay anything for the line (an unknown price may be a fee).
    fn charged(&self) -> bool {
        match &self.programme_fee {
            Some(fee) => fee.per_unit_grosze != Some(0),
            None => self.fee_grosze > 0,
        }
    }

    /// What the resident pays per unit: the programme's fee, else the catalogue's; `None` when
    /// the programme's fee is a share of a price not known.
    pub fn per_unit_grosze(&self) -> Option<i64> {
        match &self.programme_fee {
            Some(fee) => fee.per_unit_grosze,
            None => Some(self.fee_grosze),
        }
    }
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
    /// Parallel to the version's lines.
    pub services: Vec<LineService>,
    /// Who approved this version (name, whether the director) and on which day.
    pub approved: Option<(String, bool, NaiveDate)>,
    /// The approval was made with the centre's four-eyes rule turned off.
    pub without_four_eyes: bool,
}

fn line_service(conn: &Connection, resident_id: i64, line: &LineContent) -> Result<LineService> {
    let catalogue = conn
        .query_row(
            "SELECT s.unit, s.fee_grosze, s.fee_note, coalesce(p.name, '') FROM service s
             LEFT JOIN provider p ON p.id = s.default_provider_id WHERE s.id = ?1",
            [line.service_id],
            |r| {
                Ok(LineService {
                    unit: r.get(0)?,
                    fee_grosze: r.get(1)?,
                    fee_note: r.get(2)?,
                    default_provider: r.get(3)?,
                    programme_fee: None,
                })
            },
        )
        .optional()?
        .unwrap_or_default();
    let programme_fee =
        crate::storage::centre::fee_for(conn, resident_id, line.service_id, line.provider_id, line.starts_on)?;
    Ok(LineService { programme_fee, ..catalogue })
}

/// Each line's service with the resident's fee, as the printed plan states them; the plan
/// editor shows the same figures for the content being edited.
pub fn line_services(conn: &Connection, plan_id: i64, content: &PlanContent) -> Result<Vec<LineService>> {
    let resident_id: i64 = conn.query_row("SELECT resident_id FROM plan WHERE id = ?1", [plan_id], |r| r.get(0))?;
    content.lines.iter().map(|l| line_service(conn, resident_id, l)).collect()
}

/// Reads a plan for printing: `version` by number, or the version the desk shows first.
pub fn gather(
    conn: &Connection,
    plan_id: i64,
    version: Option<u32>,
    reader: &crate::storage::staff::StaffMember,
) -> Result<PrintedPlan> {
    let detail = crate::storage::special::plan_detail(conn, plan_id, reader)?;
    let chosen = match version {
        Some(n) => detail.versions.iter().find(|v| v.version == n),
        None => detail.approved().or_else(|| detail.current()),
    };
    let version = chosen.cloned().ok_or_else(|| {
        StorageError::NotFound(format!("wersja {} planu {}", version.unwrap_or(0), detail.header.number))
    })?;
    let centre = super::centre(conn)?;
    let resident = super::resident(conn, detail.header.resident_id)?;
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
    let resident_id = detail.header.resident_id;
    let services = version.content.lines.iter().map(|l| line_service(conn, resident_id, l)).collect::<Result<_>>()?;
    let approved = match detail
        .decisions
        .iter()
        .rev()
        .find(|d| d.version == version.version && d.decision == VersionState::Approved.code())
    {
        Some(d) => {
            let (name, director) = super::signatory(conn, &d.decided_by)?;
            let day = d.decided_at.get(..10).and_then(|s| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok());
            day.map(|day| (name, director, day))
        }
        None => None,
    };
    let without_four_eyes = crate::storage::centre::approved_without_four_eyes(conn, version.id)?;
    Ok(PrintedPlan {
        centre,
        detail,
        version,
        resident,
        applicant,
        assessed_on,
        first_drafted_on,
        services,
        approved,
        without_four_eyes,
    })
}

pub const LEGAL_BASIS: &str = "art. 39 ustawy z dnia 19 lipca 2019 r. o realizowaniu usług społecznych przez centrum \
                               usług społecznych (Dz.U. z 2019 r. poz. 1818)";

/// The pouczenie of the Dębica template, with the programme's resolution and gminas filled in.
fn notice(centre: &Centre, any_fee: bool) -> Vec<String> {
    let free = if any_fee {
        "bezpłatnie, z wyjątkiem usług, dla których program przewiduje odpłatność wskazaną w części C"
    } else {
        "bezpłatnie"
    };
    vec![
        format!(
            "Usługi społeczne określone w Indywidualnym Planie Usług Społecznych zgodnie z: {} świadczone są dla \
             osób i rodzin zamieszkujących na terenie {} {free}.",
            centre.resolution(),
            centre.gmina_phrase()
        ),
        "Zgodnie z art. 38 ust. 2 ustawy z dnia 19 lipca 2019 r. o realizowaniu usług społecznych przez centrum usług \
         społecznych Indywidualny Plan Usług Społecznych opracowuje się w przypadku potrzeby koordynacji usług \
         społecznych określonych w programie lub programach usług społecznych, które mają być udzielane osobie \
         zainteresowanej w okresie nie krótszym niż 3 miesiące."
            .into(),
        "Na podstawie art. 40 ustawy Indywidualny Plan Usług Społecznych opracowuje się w terminie nie dłuższym niż \
         30 dni od dnia wystąpienia z wnioskiem, o którym mowa w art. 35, na okres niezbędny do realizacji usług \
         społecznych wynikających z rozpoznania indywidualnych potrzeb, nie dłużej jednak niż na rok."
            .into(),
        "W myśl art. 41 ustawy Indywidualny Plan Usług Społecznych zatwierdza dyrektor centrum. Plan może być \
         aktualizowany przez koordynatora indywidualnych planów usług społecznych w uzgodnieniu z wnioskodawcą, \
         w szczególności w przypadku zmiany potrzeb osoby korzystającej z usług społecznych lub przyjęcia przez \
         gminę nowego programu usług społecznych; aktualizację zatwierdza się tak jak plan."
            .into(),
        "Zgodnie z art. 42 ustawy kwalifikowanie oraz ustalanie opłaty za usługi społeczne, jeżeli program usług \
         społecznych przewiduje opłatę, odbywa się na warunkach i w trybie wynikającym z programu i nie wymaga \
         wydania decyzji administracyjnej. Kwalifikowanie odbywa się z uwzględnieniem ograniczeń i limitów \
         wynikających z budżetu programu. Odmowa zakwalifikowania wymaga wydania decyzji administracyjnej."
            .into(),
        "Rezygnacja z korzystania z usług społecznych określonych w programie wymaga poinformowania dyrektora \
         centrum (art. 44 ustawy)."
            .into(),
        "Na podstawie art. 45 ustawy realizacja Indywidualnego Planu Usług Społecznych jest na bieżąco \
         monitorowana przez koordynatora, który opracował plan. Po zakończeniu realizacji planu koordynator \
         przeprowadza z osobą objętą planem rozmowę podsumowującą i sporządza opis przebiegu i rezultatów planu, \
         dołączany do akt sprawy."
            .into(),
        "Zgodnie z art. 48 ustawy w zakresie nieuregulowanym w ustawie do postępowań w indywidualnych sprawach \
         dotyczących usług społecznych stosuje się przepisy ustawy z dnia 14 czerwca 1960 r. – Kodeks \
         postępowania administracyjnego."
            .into(),
    ]
}

/// The fee of one unit: the programme's for this resident with its reason ("4,00 zł za jednostkę
/// (dochód 178 % kryterium, …)"), or else the catalogue's, "18,50 zł za: godzina" or
/// "bezpłatnie"; a note on a free service says it in its own words ("bezpłatnie w ramach pilotażu").
fn fee(s: &LineService) -> String {
    if let Some(fee) = &s.programme_fee {
        return fee.describe(Lang::Pl);
    }
    let note = s.fee_note.trim();
    match (s.fee_grosze, note.is_empty()) {
        (0, true) => "bezpłatnie".to_string(),
        (0, false) => note.to_string(),
        (g, true) => format!("{} zł za: {}", quantity::money(g), s.unit),
        (g, false) => format!("{} zł za: {} ({note})", quantity::money(g), s.unit),
    }
}

fn amount(line: &LineContent, s: &LineService) -> String {
    let mut out = quantity::amount(line.amount, &s.unit);
    if let Some(cap) = line.cap {
        out.push_str(&format!(", najwyżej {}", quantity::amount(cap, &s.unit)));
    }
    if let Some(total) = line.allocation().map(|a| a.total_units()) {
        out.push_str(&format!("; razem {}", quantity::units(total, &s.unit)));
    }
    out
}

fn provider(line: &LineContent, s: &LineService, centre: &Centre) -> String {
    // A line without its own provider is delivered by the service's usual one, or by the centre.
    [line.provider_name.as_str(), s.default_provider.as_str(), centre.name.as_str()]
        .into_iter()
        .find(|p| !p.trim().is_empty())
        .map_or_else(|| "—".into(), str::to_string)
}

fn person_rows(t: &mut Table, p: &Person, whose: &str) {
    t.row(vec![format!("Imię i nazwisko ({whose})"), or_dash(&p.name)]);
    t.row(vec![format!("PESEL ({whose})"), or_dash(&p.pesel)]);
}

fn date_or_dots(d: Option<NaiveDate>) -> String {
    d.map_or_else(|| DOTS.into(), polish_date)
}

const DOTS: &str = "..............................";

/// The watermark of a version that is not the plan in force.
pub fn mark(state: VersionState) -> Option<String> {
    match state {
        VersionState::Approved => None,
        VersionState::Superseded => Some("WERSJA ZASTĄPIONA".into()),
        VersionState::Draft | VersionState::Submitted | VersionState::Returned => Some("PROJEKT".into()),
    }
}

/// The plan as a document.
pub fn document(p: &PrintedPlan) -> Document {
    let h = &p.detail.header;
    let v = &p.version;
    let c = &v.content;
    let mut doc = Document::new(format!("IPUS nr {} (wersja {})", h.number, v.version));
    doc.mark = mark(v.state);
    for line in p.centre.letterhead() {
        doc.push(Block::Centred(line));
    }
    doc.push(Block::Gap);
    doc.push(Block::Title("INDYWIDUALNY PLAN USŁUG SPOŁECZNYCH".into()));
    doc.push(Block::Centred(format!("nr {}", h.number)));
    doc.push(Block::Centred(format!(
        "sporządzony na podstawie indywidualnej diagnozy potrzeb przeprowadzonej w dniu {}",
        date_or_dots(p.assessed_on)
    )));
    doc.push(Block::Gap);
    doc.push(Block::Small(format!("Podstawa prawna: {LEGAL_BASIS} oraz {}.", p.centre.resolution())));
    doc.push(Block::Gap);

    let coordinator =
        if h.coordinator_name.is_empty() { h.coordinator_login.clone() } else { h.coordinator_name.clone() };
    let phone = if h.coordinator_phone.is_empty() {
        String::new()
    } else {
        format!(", tel. {}", format_phone(&h.coordinator_phone))
    };
    let mut head = Table::pairs();
    head.row(vec!["Koordynator planu".into(), format!("{coordinator}{phone}")]);
    head.row(vec!["Data sporządzenia".into(), polish_date(p.first_drafted_on)]);
    if v.version > 1 {
        head.row(vec!["Data aktualizacji".into(), format!("{} (wersja {})", polish_date(v.drafted_on), v.version)]);
    }
    head.row(vec![
        "Termin obowiązywania".into(),
        format!("od {} do {}", polish_date(c.period_start), polish_date(c.period_end)),
    ]);
    doc.push(Block::Table(head));

    doc.push(Block::Heading("A. DANE OSOBOWE".into()));
    let mut a = Table::pairs();
    let minor = p.resident.birth_date.is_some_and(|born| born + chrono::Months::new(18 * 12) > c.period_start);
    let contact = match (&p.applicant, minor) {
        (Some((kind, guardian)), true) => {
            person_rows(&mut a, guardian, &format!("opiekuna prawnego — {kind}"));
            person_rows(&mut a, &p.resident, "małoletniego dziecka korzystającego z usługi społecznej");
            guardian.clone()
        }
        (Some((kind, applicant)), false) => {
            person_rows(&mut a, &p.resident, "osoby korzystającej z usługi społecznej");
            a.row(vec![format!("Wnioskodawca ({kind})"), or_dash(&applicant.name)]);
            Person { address: p.resident.address.clone(), ..applicant.clone() }
        }
        (None, _) => {
            person_rows(&mut a, &p.resident, "osoby korzystającej z usługi społecznej");
            p.resident.clone()
        }
    };
    a.row(vec!["Adres zamieszkania".into(), or_dash(&p.resident.address)]);
    a.row(vec!["Adres e-mail".into(), or_dash(&contact.email)]);
    a.row(vec!["Telefon kontaktowy".into(), or_dash(&contact.phone)]);
    doc.push(Block::Table(a));

    doc.push(Block::Heading("B. OKRES REALIZACJI INDYWIDUALNEGO PLANU USŁUG SPOŁECZNYCH".into()));
    let mut b = Table::new(&[("Data rozpoczęcia realizacji IPUS", 1.0), ("Data zakończenia IPUS", 1.0)]);
    b.row(vec![polish_date(c.period_start), polish_date(c.period_end)]);
    doc.push(Block::Table(b));

    doc.push(Block::Heading(
        "C. ZAKRES USŁUG SPOŁECZNYCH OKREŚLONYCH W PROGRAMIE USŁUG SPOŁECZNYCH ODPOWIADAJĄCYCH NA POTRZEBY \
         WNIOSKODAWCY"
            .into(),
    ));
    doc.push(Block::Small("(Kwalifikując należy zaznaczyć znakiem X)".into()));
    let mut ct = Table::new(&[
        ("Rodzaj usługi społecznej", 4.0),
        ("Kwalifikacja", 2.0),
        ("Liczba godzin / jednostek", 4.0),
        ("Odpłatność", 2.5),
    ]);
    for (line, s) in c.lines.iter().zip(&p.services) {
        let qualified = match line.resigned_on {
            Some(d) => format!("X (rezygnacja od {})", polish_date(d)),
            None => "X".into(),
        };
        ct.row(vec![line.service_name.clone(), qualified, amount(line, s), fee(s)]);
    }
    doc.push(Block::Table(ct));
    doc.push(Block::Gap);
    doc.push(Block::Field("Rozpoznane potrzeby".into(), or_dash(&c.needs)));
    doc.push(Block::Field("Oczekiwane efekty".into(), or_dash(&c.expected_effects)));
    doc.push(Block::Field("Ocena jakości i satysfakcji".into(), or_dash(&c.quality_check)));

    doc.push(Block::Heading("D. SPOSÓB REALIZACJI INDYWIDUALNEGO PLANU USŁUG SPOŁECZNYCH".into()));
    let mut d = Table::new(&[
        ("L.p.", 0.7),
        ("Rodzaj usługi i zakres", 3.5),
        ("Okres i harmonogram realizacji", 3.2),
        ("Podmiot wykonujący usługi społeczne", 3.0),
        ("Miejsce i forma wykonania", 2.6),
    ]);
    for (i, (line, s)) in c.lines.iter().zip(&p.services).enumerate() {
        let what = if line.scope.trim().is_empty() {
            line.service_name.clone()
        } else {
            format!("{}\nzakres: {}", line.service_name, line.scope.trim())
        };
        let when = format!(
            "{} – {}\n{}",
            polish_date(line.starts_on),
            polish_date(line.ends_on),
            if line.schedule.trim().is_empty() {
                quantity::amount(line.amount, &s.unit)
            } else {
                line.schedule.clone()
            }
        );
        d.row(vec![format!("{}.", i + 1), what, when, provider(line, s, &p.centre), or_dash(&line.place_form)]);
    }
    doc.push(Block::Table(d));

    doc.push(Block::Heading("E. DZIAŁANIA WSPIERAJĄCE DO INDYWIDUALNEGO PLANU USŁUG SPOŁECZNYCH".into()));
    let mut e = Table::new(&[
        ("L.p.", 0.7),
        ("Rodzaj działania wspierającego", 6.0),
        ("Podmiot realizujący działania wspierające", 5.0),
    ]);
    for (i, action) in c.actions.iter().enumerate() {
        e.row(vec![format!("{}.", i + 1), action.what.clone(), or_dash(&action.who)]);
    }
    if c.actions.is_empty() {
        e.row(vec!["—".into(), "nie zaplanowano".into(), "—".into()]);
    }
    doc.push(Block::Table(e));
    doc.push(Block::Gap);
    doc.push(Block::Field(
        "Załączniki do planu".into(),
        "regulaminy poszczególnych usług, regulamin uczestnika, oświadczenia".into(),
    ));

    doc.push(Block::Heading("Pouczenie".into()));
    let any_fee = p.services.iter().any(LineService::charged);
    doc.push(Block::Bullets(notice(&p.centre, any_fee)));
    doc.push(Block::Small(
        "Plan sporządzono w dwóch jednobrzmiących egzemplarzach, po jednym dla każdej ze stron.".into(),
    ));
    doc.push(Block::Signatures(vec![
        "Data i podpis osoby korzystającej z usług lub opiekuna prawnego".into(),
        "Data, pieczęć i podpis Koordynatora IPUS".into(),
        "Zatwierdzam – data, pieczęć i podpis Dyrektora CUS".into(),
    ]));
    if let Some((name, director, on)) = &p.approved {
        let role = if *director {
            "Dyrektor Centrum Usług Społecznych"
        } else {
            "z upoważnienia Dyrektora Centrum Usług Społecznych"
        };
        doc.push(Block::Para(format!("Zatwierdzono {}: {name}, {role}.", polish_date(*on))));
        if p.without_four_eyes {
            doc.push(Block::Para(format!("{}.", crate::i18n::trust::approved_without_four_eyes())));
        }
    }

    doc.push(Block::Heading(
        "F. MONITOROWANIE REALIZACJI INDYWIDUALNEGO PLANU USŁUG SPOŁECZNYCH – ROZMOWA PODSUMOWUJĄCA".into(),
    ));
    let mut f = Table::pairs();
    f.row(vec!["Imię i nazwisko".into(), or_dash(&p.resident.name)]);
    f.row(vec!["Adres zamieszkania".into(), or_dash(&p.resident.address)]);
    f.row(vec!["Data rozmowy".into(), date_or_dots(h.summary_on)]);
    doc.push(Block::Table(f));
    let mut f2 = Table::new(&[("Opis przebiegu realizacji IPUS", 1.0), ("Osiągnięte rezultaty", 1.0)]);
    let or_dots = |s: &str| if s.trim().is_empty() { format!("{DOTS}\n{DOTS}\n{DOTS}") } else { s.to_string() };
    f2.row(vec![or_dots(&h.summary_course), or_dots(&h.summary_results)]);
    doc.push(Block::Table(f2));
    doc.push(Block::Small(
        "Opis przebiegu i rezultatów planu dołącza się do akt sprawy – art. 45 ust. 3 ustawy z dnia 19 lipca 2019 r. \
         o realizowaniu usług społecznych przez centrum usług społecznych."
            .into(),
    ));

    doc.push(Block::Heading("G. MONITORING 6 MIESIĘCY PO ZAPRZESTANIU REALIZACJI INDYWIDUALNEGO PLANU USŁUG".into()));
    let mut g = Table::pairs();
    g.row(vec![
        "Termin".into(),
        h.follow_up_due().map_or_else(|| "6 miesięcy po zakończeniu planu".into(), polish_date),
    ]);
    g.row(vec!["Data".into(), date_or_dots(h.follow_up_on)]);
    g.row(vec!["Ustalenia".into(), if h.follow_up_note.is_empty() { DOTS.into() } else { h.follow_up_note.clone() }]);
    doc.push(Block::Table(g));
    doc.push(Block::Signatures(vec!["Podpis i pieczęć Koordynatora IPUS".into()]));
    doc
}

/// The plan as PDF bytes.
pub fn render_pdf(p: &PrintedPlan) -> std::result::Result<Vec<u8>, super::pdf::PdfError> {
    super::document::render_pdf(&document(p))
}

/// The plan as plain text, the same document as the PDF.
pub fn render_text(p: &PrintedPlan) -> String {
    super::document::render_text(&document(p))
}
