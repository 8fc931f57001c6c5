//! `okienko application …`: an application from filing to its outcome — the needs assessment,
//! forwarding, refusal, information only, or a place on a waiting list.

use super::{date_arg, past_date_arg, per_arg, safe, service_id, t};
use crate::cli::Session;
use crate::cli::staff::People;
use crate::config;
use crate::domain::assessment::parse_service_entry;
use crate::domain::qualification::{QualificationDraft, Refusal};
use crate::domain::resident::ResidentInput;
use crate::domain::roles::Permission;
use crate::domain::text::json_safe;
use crate::export;
use crate::i18n::codes;
use crate::i18n::grants;
use crate::storage::applications::{
    self, ApplicantKind, ApplicationInput, AssessedService, AssessmentInput, ForResident, Outcome,
};
use crate::storage::audit::{self, AuditAction};
use crate::storage::qualifications::{self, Grant};
use crate::storage::{StorageError, residents, services, special};
use anyhow::{Result, anyhow, bail};
use chrono::NaiveDate;
use clap::{Args, Subcommand};
use std::path::{Path, PathBuf};

#[derive(Debug, Subcommand)]
pub enum ApplicationCommand {
    /// Zarejestruj wniosek (i nowego mieszkańca) · register an application (and a new resident)
    Add(Box<AddApplication>),
    /// Zapisz diagnozę potrzeb · record the needs assessment
    Assess(Box<Assess>),
    /// Przekaż wniosek innej jednostce · forward to another unit
    Forward {
        id: i64,
        /// Dokąd · to which unit
        #[arg(long)]
        to: String,
        /// Dlaczego · why
        #[arg(long, default_value = "")]
        reason: String,
    },
    /// Zakwalifikuj do jednej usługi bez IPUS (art. 42) · qualify for one service without an IPUS
    Qualify(Box<Qualify>),
    /// Odmowa zakwalifikowania (decyzja administracyjna) · refusal by administrative decision
    Refuse {
        id: i64,
        /// Numer decyzji · decision number
        #[arg(long)]
        decision: String,
        /// Data decyzji RRRR-MM-DD · decision date
        #[arg(long, alias = "decision-date")]
        date: String,
        /// Kod usługi, której dotyczy odmowa · the service refused
        #[arg(long)]
        service: String,
        /// Uzasadnienie · grounds
        #[arg(long)]
        grounds: String,
        /// Zapisz decyzję do podpisu jako PDF (organ odwoławczy: centre set --appeal-body) ·
        /// write the decision letter to sign as PDF (the appeal body comes from centre set --appeal-body)
        #[arg(long, value_name = "FILE")]
        letter: Option<PathBuf>,
    },
    /// Wydrukuj ponownie decyzję odmowną · print a refusal decision again
    Letter {
        id: i64,
        /// Numer decyzji, gdy wniosek ma ich kilka · the decision number, when the application has several
        #[arg(long)]
        decision: Option<String>,
        /// Plik PDF · PDF file
        #[arg(long, value_name = "FILE")]
        pdf: PathBuf,
    },
    /// Wydrukuj wniosek z diagnozą do podpisu · print the application with its assessment to sign
    Print {
        id: i64,
        /// Plik PDF · PDF file
        #[arg(long, value_name = "FILE", conflicts_with = "text", required_unless_present = "text")]
        pdf: Option<PathBuf>,
        /// Plik tekstowy · plain-text file
        #[arg(long, value_name = "FILE")]
        text: Option<PathBuf>,
    },
    /// Tylko informacja i skierowanie · information and referral only
    Info {
        id: i64,
        /// Czego dotyczyła informacja · what was given
        #[arg(long, default_value = "")]
        note: String,
    },
    /// Pokaż wniosek z diagnozą · show an application with its assessment
    Show { id: i64 },
}

#[derive(Debug, Args)]
pub struct Qualify {
    pub id: i64,
    /// Kod usługi · service code
    #[arg(long)]
    pub service: String,
    /// Ilość jednostek · units
    #[arg(long)]
    pub amount: i64,
    /// week, month, year, plan (tydzień, miesiąc, rok, cały okres)
    #[arg(long)]
    pub per: String,
    #[arg(long)]
    pub from: String,
    #[arg(long)]
    pub to: String,
    /// Realizator (nazwa lub numer) · provider name or number
    #[arg(long)]
    pub provider: Option<String>,
    /// Odpłatność według programu · the fee as the programme sets it
    #[arg(long, default_value = "")]
    pub fee_note: String,
    /// Data oświadczenia wnioskodawcy RRRR-MM-DD (fakt, nie zgadywany) · the date of the applicant's declaration
    #[arg(long)]
    pub declaration: String,
    /// Powód przyznania przed osobami z listy oczekujących · why it goes ahead of the waiting list
    #[arg(long)]
    pub queue_reason: Option<String>,
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct AddApplication {
    /// Mieszkaniec z bazy (numer) · registered resident id
    #[arg(long, conflicts_with = "pesel")]
    resident: Option<i64>,
    /// PESEL mieszkańca; nowego trzeba podać z imieniem i nazwiskiem · resident's PESEL
    #[arg(long)]
    pesel: Option<String>,
    /// Imię (nowy mieszkaniec) · first name (new resident)
    #[arg(long, default_value = "")]
    first_name: String,
    /// Nazwisko (nowy mieszkaniec) · last name (new resident)
    #[arg(long, default_value = "")]
    last_name: String,
    #[arg(long, default_value = "")]
    street: String,
    #[arg(long, default_value = "")]
    house_no: String,
    #[arg(long, default_value = "")]
    flat_no: String,
    #[arg(long, default_value = "")]
    postal_code: String,
    #[arg(long, default_value = "")]
    city: String,
    #[arg(long, default_value = "")]
    phone: String,
    #[arg(long, default_value = "")]
    email: String,
    /// Numer dokumentu tożsamości (nowy mieszkaniec) · identity document number (new resident)
    #[arg(long, default_value = "")]
    document: String,
    /// Data złożenia RRRR-MM-DD (domyślnie dziś) · filing date (default today)
    #[arg(long)]
    filed: Option<String>,
    /// mieszkaniec, przedstawiciel_ustawowy, opiekun_faktyczny · who applies
    #[arg(long, default_value = "mieszkaniec")]
    applicant: String,
    #[arg(long, default_value = "")]
    applicant_name: String,
    #[arg(long, default_value = "")]
    applicant_phone: String,
    #[arg(long, default_value = "")]
    applicant_email: String,
    #[arg(long, default_value = "")]
    applicant_address: String,
    /// osobiście, telefon, pismo, e-mail, epuap
    #[arg(long, default_value = "osobiście")]
    channel: String,
    /// Czego dotyczy wniosek · what is asked for
    #[arg(long, default_value = "")]
    summary: String,
}

#[derive(Debug, Args)]
pub struct Assess {
    id: i64,
    /// Data rozmowy (domyślnie dziś) · interview date
    #[arg(long)]
    on: Option<String>,
    #[arg(long, default_value = "")]
    occupation: String,
    #[arg(long, default_value = "")]
    employment: String,
    #[arg(long, default_value = "")]
    marital_status: String,
    #[arg(long)]
    household_size: Option<i64>,
    #[arg(long, default_value = "")]
    disability: String,
    #[arg(long, default_value = "")]
    dependency: String,
    #[arg(long, default_value = "")]
    health: String,
    #[arg(long, default_value = "")]
    problems: String,
    #[arg(long, default_value = "")]
    needs: String,
    #[arg(long, default_value = "")]
    readiness: String,
    #[arg(long, default_value = "")]
    notes: String,
    /// Usługa używana teraz: "opis;jednostka;ilość;częstotliwość" (można powtórzyć) · used now
    #[arg(long = "uses")]
    uses: Vec<String>,
    /// Usługa oczekiwana: "opis;jednostka;ilość;częstotliwość" (można powtórzyć) · wanted
    #[arg(long = "wants")]
    wants: Vec<String>,
}

fn assessed(option: &str, spec: &str) -> Result<AssessedService> {
    let entry = parse_service_entry(spec).map_err(|p| anyhow!("--{option}: {p}"))?;
    let kind = if option == "uses" { "obecna" } else { "oczekiwana" };
    Ok(AssessedService::described(kind, entry))
}

pub fn run(session: &mut Session, cmd: ApplicationCommand) -> Result<()> {
    let today = config::today();
    match cmd {
        ApplicationCommand::Add(a) => add(session, *a, today),
        ApplicationCommand::Assess(a) => assess(session, *a, today),
        ApplicationCommand::Forward { id, to, reason } => {
            let me = session.me.clone();
            session.db.write(|tx| applications::close(tx, &me, id, &Outcome::Forward { to: to.clone(), reason }))?;
            println!("{}", t::application_forwarded(id, &safe(&to)));
            Ok(())
        }
        ApplicationCommand::Qualify(q) => qualify(session, *q, today),
        ApplicationCommand::Refuse { id, decision, date, service, grounds, letter } => {
            let me = session.me.clone();
            let decided_on = past_date_arg("--date", &date, today)?;
            let service_id = service_id(session, &service)?;
            if letter.is_some() {
                // The font is checked before the refusal is recorded, so the letter cannot fail after it.
                export::document::load_metrics()?;
            }
            let refusal = Refusal { decision_number: decision, decided_on, grounds: grounds.clone() };
            let refusal_id = session.db.write(|tx| qualifications::refuse(tx, &me, id, service_id, &refusal, today))?;
            let r = qualifications::refusals(session.db.conn(), id)?
                .into_iter()
                .find(|r| r.id == refusal_id)
                .ok_or_else(|| anyhow!(t::no_service_code(&service)))?;
            println!(
                "{}",
                grants::refused(id, &safe(&r.service_name), &safe(&r.decision_number), r.decided_on, r.appeal_until)
            );
            match letter {
                Some(path) => refusal_letter(session, &r, &path),
                None => Ok(()),
            }
        }
        ApplicationCommand::Letter { id, decision, pdf } => {
            // An application that does not exist is named as such, not as one without decisions.
            applications::get(session.db.conn(), id)?;
            let refusals = qualifications::refusals(session.db.conn(), id)?;
            let decision = decision.map(|d| d.trim().to_string()).filter(|d| !d.is_empty());
            let chosen: Vec<&qualifications::RefusalRecord> = match &decision {
                Some(number) => refusals.iter().filter(|r| &r.decision_number == number).collect(),
                None => refusals.iter().collect(),
            };
            match chosen.as_slice() {
                [one] => refusal_letter(session, one, &pdf),
                [] => bail!(t::no_refusal_decision(id, decision.as_deref())),
                several => bail!(t::several_refusal_decisions(
                    id,
                    &several.iter().map(|r| safe(&r.decision_number)).collect::<Vec<_>>().join(", ")
                )),
            }
        }
        ApplicationCommand::Print { id, pdf, text } => super::print::application(session, id, pdf, text),
        ApplicationCommand::Info { id, note } => {
            let me = session.me.clone();
            session.db.write(|tx| applications::close(tx, &me, id, &Outcome::InformationOnly { note }))?;
            println!("{}", t::application_informed(id));
            Ok(())
        }
        ApplicationCommand::Show { id } => show(session, id),
    }
}

fn qualify(session: &mut Session, q: Qualify, today: NaiveDate) -> Result<()> {
    let me = session.me.clone();
    let service_id = service_id(session, &q.service)?;
    let provider_id = match &q.provider {
        Some(p) => Some(services::resolve_provider(session.db.conn(), p)?),
        None => None,
    };
    let declaration_on = past_date_arg("--declaration", &q.declaration, today)?;
    let grant = Grant {
        application_id: q.id,
        service_id,
        provider_id,
        draft: QualificationDraft {
            units: q.amount,
            per: per_arg("--per", &q.per)?,
            starts_on: date_arg("--from", &q.from)?,
            ends_on: date_arg("--to", &q.to)?,
            fee_note: q.fee_note.clone(),
            declaration_on,
        },
        queue_reason: q.queue_reason.clone(),
    };
    let id = match session.db.write(|tx| qualifications::qualify(tx, &me, &grant, today)) {
        Err(StorageError::NoRoom(message)) => {
            bail!("{message}\n{}", grants::may_join_waitlist(q.id));
        }
        Err(StorageError::EarlierApplicantsWait(message)) => {
            bail!("{message}\n{}", grants::may_give_queue_reason());
        }
        other => other?,
    };
    let record = qualifications::get(session.db.conn(), id)?;
    if q.json {
        println!("{}", json_safe(&serde_json::to_string_pretty(&record)?));
        return Ok(());
    }
    println!(
        "{}",
        grants::qualified(
            id,
            record.application_id,
            &safe(&record.service_name),
            &crate::domain::ipus::amount_label(record.amount),
            record.span.start,
            record.span.end
        )
    );
    Ok(())
}

fn add(session: &mut Session, a: AddApplication, today: NaiveDate) -> Result<()> {
    let me = session.me.clone();
    let kind = ApplicantKind::from_code(&a.applicant).ok_or_else(|| anyhow!(t::bad_applicant(&a.applicant)))?;
    let filed_on = match &a.filed {
        Some(f) => past_date_arg("--filed", f, today)?,
        None => today,
    };
    let input = ApplicationInput {
        filed_on,
        applicant_kind: kind,
        applicant_name: a.applicant_name.clone(),
        applicant_phone: a.applicant_phone.clone(),
        applicant_email: a.applicant_email.clone(),
        applicant_address: a.applicant_address.clone(),
        channel: a.channel.clone(),
        summary: a.summary.clone(),
    };
    let existing = match (&a.resident, &a.pesel) {
        (Some(id), _) => Some(*id),
        (None, Some(pesel)) => residents::id_by_pesel(session.db.conn(), pesel.trim())?,
        (None, None) => None,
    };
    let (id, new_resident) = match existing {
        Some(resident_id) => {
            (session.db.write(|tx| applications::register(tx, &me, ForResident::Existing(resident_id), &input))?, false)
        }
        None => {
            if a.first_name.trim().is_empty() && a.last_name.trim().is_empty() {
                bail!(t::resident_not_found_give_details());
            }
            let record = ResidentInput {
                pesel: a.pesel.clone().unwrap_or_default(),
                first_name: a.first_name.clone(),
                last_name: a.last_name.clone(),
                birth_date: String::new(),
                street: a.street.clone(),
                house_no: a.house_no.clone(),
                flat_no: a.flat_no.clone(),
                postal_code: a.postal_code.clone(),
                city: a.city.clone(),
                phone: a.phone.clone(),
                email: a.email.clone(),
                document_no: a.document.clone(),
            }
            .validate_as_of(today)?;
            (session.db.write(|tx| applications::register(tx, &me, ForResident::New(&record), &input))?, true)
        }
    };
    let app = applications::get(session.db.conn(), id)?;
    println!(
        "{}",
        t::application_registered(
            id,
            app.filed_on,
            &safe(&app.resident_name),
            app.resident_id,
            new_resident,
            crate::domain::plan::drafting_deadline(app.filed_on)
        )
    );
    Ok(())
}

fn assess(session: &mut Session, a: Assess, today: NaiveDate) -> Result<()> {
    let me = session.me.clone();
    let on = match &a.on {
        Some(d) => past_date_arg("--on", d, today)?,
        None => today,
    };
    let mut services = Vec::new();
    for spec in &a.uses {
        services.push(assessed("uses", spec)?);
    }
    for spec in &a.wants {
        services.push(assessed("wants", spec)?);
    }
    let input = AssessmentInput {
        occupation: a.occupation,
        employment: a.employment,
        marital_status: a.marital_status,
        household_size: a.household_size,
        disability: a.disability,
        dependency: a.dependency,
        health: a.health,
        problems: a.problems,
        needs: a.needs,
        readiness_for_change: a.readiness,
        notes: a.notes,
        services,
    };
    let id = session.db.write(|tx| applications::assess(tx, &me, a.id, on, &input))?;
    println!("{}", t::assessment_recorded(id, a.id, on));
    Ok(())
}

fn show(session: &mut Session, id: i64) -> Result<()> {
    let me = session.me.clone();
    me.require(Permission::ViewCard)?;
    let app = special::application(session.db.conn(), id, &me)?;
    let assessment = special::latest_assessment(session.db.conn(), id, &me)?;
    // What is shown is logged first: a view the log cannot record is not shown.
    let detail = if assessment.is_some() { "wniosek z oceną potrzeb" } else { "wniosek" };
    session.db.write(|tx| {
        audit::append(tx, &me.login, AuditAction::View, Some(app.resident_id), &format!("application:{id}"), detail)
    })?;
    let conn = session.db.conn();
    println!("{}", t::application_title(app.id, &safe(&app.resident_name), app.resident_id));
    println!(
        "{}",
        t::application_filed(app.filed_on, codes::channel(&app.channel), codes::applicant_kind(&app.applicant_kind))
    );
    if !app.applicant_name.is_empty() {
        let phone = if app.applicant_phone.is_empty() { String::new() } else { t::phone(&safe(&app.applicant_phone)) };
        let parts = [safe(&app.applicant_name), phone, safe(&app.applicant_email)];
        println!("  {}", parts.iter().filter(|p| !p.is_empty()).cloned().collect::<Vec<_>>().join(" "));
    }
    println!("{}", t::application_state(codes::application_state(&app.state)));
    if !app.summary.is_empty() {
        println!("{}", t::application_summary(&safe(&app.summary)));
    }
    match app.state.as_str() {
        "przekazany" => println!("{}", t::forwarded_to(&safe(&app.forwarded_to), &safe(&app.forwarded_reason))),
        "odmowa" => println!("{}", t::refusal_decision(&safe(&app.decision_number), app.decision_date)),
        _ => {}
    }
    if let Some(a) = assessment {
        println!(
            "{}",
            t::assessment_line(a.conducted_on, &People::load(conn)?.name(&a.coordinator_login), &safe(&a.input.needs))
        );
        for s in &a.input.services {
            println!(
                "  {}",
                t::assessed_service(
                    codes::assessed_service_kind(&s.kind),
                    &safe(&s.description),
                    s.quantity,
                    &safe(&s.unit),
                    &safe(&s.frequency)
                )
            );
        }
    }
    Ok(())
}

/// Writes the decision letter of a recorded refusal, signed by whoever prints it.
fn refusal_letter(session: &mut Session, refusal: &qualifications::RefusalRecord, path: &Path) -> Result<()> {
    let doc = export::letters::refusal(session.db.conn(), refusal.id, &session.me.login)?;
    let resident = applications::get(session.db.conn(), refusal.application_id)?.resident_id;
    super::print::write_document(session, &doc, path, true, resident, &format!("decision:{}", refusal.id))
}
