//! `okienko application …` and `okienko ipus …`: the whole life of an application and its plan
//! from scripts, with the same rules and permissions as the desk.

use super::Session;
use crate::config;
use crate::domain::assessment::parse_service_entry;
use crate::domain::ipus::{self, ActionContent, LineContent, PlanContent, VersionState};
use crate::domain::plan::Amount;
use crate::domain::resident::ResidentInput;
use crate::domain::roles::Permission;
use crate::domain::text::{display_safe, json_safe, parse_date};
use crate::export;
use crate::storage::applications::{
    self, ApplicantKind, ApplicationInput, AssessedService, AssessmentInput, ForResident, Outcome,
};
use crate::storage::audit::{self, AuditAction};
use crate::storage::plans::{self, EndReason};
use crate::storage::residents;
use anyhow::{Context, Result, anyhow, bail};
use chrono::NaiveDate;
use clap::{Args, Subcommand};
use rusqlite::OptionalExtension;
use std::path::PathBuf;

fn date_arg(field: &'static str, value: &str) -> Result<NaiveDate> {
    parse_date(value).map_err(|p| anyhow!("{}", p.on(field)))
}

/// A date of something that has already happened (a filing, a conversation, a contact).
fn past_date_arg(field: &'static str, value: &str, today: NaiveDate) -> Result<NaiveDate> {
    let date = date_arg(field, value)?;
    if date > today {
        bail!("{field}: nie może być późniejsza niż dziś ({today})");
    }
    Ok(date)
}

fn safe(s: &str) -> String {
    display_safe(s).into_owned()
}

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
    /// Odmowa (decyzja administracyjna) · refusal by administrative decision
    Refuse {
        id: i64,
        /// Numer decyzji · decision number
        #[arg(long)]
        decision: String,
        /// Data decyzji RRRR-MM-DD · decision date
        #[arg(long)]
        decision_date: String,
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
    /// Wpisz na listę oczekujących na usługę · put on a service's waiting list
    Wait {
        id: i64,
        /// Kod usługi · service code
        #[arg(long)]
        service: String,
        /// Liczba jednostek · units
        #[arg(long)]
        units: i64,
    },
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

#[derive(Debug, Subcommand)]
pub enum IpusCommand {
    /// Lista planów · list plans
    List {
        /// szkic, złożony, zatwierdzony, zwrócony, zastąpiony
        #[arg(long)]
        state: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Plan ze wszystkimi wersjami · a plan with every version
    Show {
        /// Numer planu (IPUS/2026/0001) albo identyfikator · plan number or id
        id: String,
        #[arg(long)]
        json: bool,
    },
    /// Sporządź szkic planu do wniosku · draft a plan for an application
    Draft {
        application: i64,
        /// Początek okresu · period start
        #[arg(long)]
        from: String,
        /// Koniec okresu · period end
        #[arg(long)]
        to: String,
        #[command(flatten)]
        texts: PlanTexts,
    },
    /// Zmień okres lub opisy szkicu · change the draft's period or texts
    Set {
        id: String,
        #[arg(long)]
        from: Option<String>,
        #[arg(long)]
        to: Option<String>,
        #[command(flatten)]
        texts: PlanTexts,
    },
    /// Pozycje planu (usługi) · plan lines
    #[command(subcommand)]
    Line(LineCommand),
    /// Działania wspierające · supporting actions
    #[command(subcommand)]
    Action(ActionCommand),
    /// Sprawdź szkic: terminy, okres, wpływ na pule · check a draft: deadlines, period, effect on pools
    Check { id: String },
    /// Złóż szkic do zatwierdzenia · submit for approval
    Submit { id: String },
    /// Zatwierdź złożoną wersję · approve the submitted version
    Approve {
        id: String,
        #[arg(long, default_value = "")]
        comment: String,
    },
    /// Zwróć do poprawy · return for corrections
    Return {
        id: String,
        #[arg(long)]
        comment: String,
    },
    /// Aktualizacja: nowa wersja z zatwierdzonej · update: a new version from the approved one
    Update { id: String },
    /// Zmiany między wersjami · what changed between two versions
    Diff { id: String, from: u32, to: u32 },
    /// Rezygnacja z usługi (--line) lub całego planu · resignation from a line or the whole plan
    Resign {
        id: String,
        /// Numer pozycji; bez niego rezygnacja z całego planu · line number; without it, the whole plan
        #[arg(long)]
        line: Option<usize>,
        #[arg(long)]
        on: String,
        /// Data poinformowania dyrektora (art. 44) · date the director was informed
        #[arg(long)]
        director_informed: String,
    },
    /// Rozmowa podsumowująca na zakończenie · summary conversation at the end
    Complete {
        id: String,
        #[arg(long)]
        on: String,
        /// Opis przebiegu · course
        #[arg(long)]
        course: String,
        /// Osiągnięte rezultaty · results
        #[arg(long, default_value = "")]
        results: String,
    },
    /// Monitoring 6 miesięcy po zakończeniu · follow-up after the end
    FollowUp {
        id: String,
        #[arg(long)]
        on: String,
        #[arg(long, default_value = "")]
        note: String,
    },
    /// Kontakt monitorujący · monitoring contact
    Monitor {
        id: String,
        #[arg(long)]
        on: String,
        /// telefon, wizyta, w_cus, e-mail
        #[arg(long)]
        channel: String,
        #[arg(long = "with", default_value = "")]
        with_whom: String,
        #[arg(long, default_value = "")]
        note: String,
    },
    /// Zapisz plan do pliku PDF lub tekstowego · export to PDF or text
    Export {
        id: String,
        #[arg(long, conflicts_with = "text", required_unless_present = "text")]
        pdf: Option<PathBuf>,
        #[arg(long)]
        text: Option<PathBuf>,
        /// Numer wersji (domyślnie zatwierdzona) · version number (default: approved)
        #[arg(long, value_name = "N")]
        plan_version: Option<u32>,
    },
    /// Wydrukuj plan poleceniem print_command · print with the configured command
    Print {
        id: String,
        /// Numer wersji (domyślnie zatwierdzona) · version number (default: approved)
        #[arg(long, value_name = "N")]
        plan_version: Option<u32>,
    },
}

#[derive(Debug, Args, Default)]
pub struct PlanTexts {
    /// Potrzeby · needs
    #[arg(long)]
    needs: Option<String>,
    /// Oczekiwane efekty · expected effects
    #[arg(long)]
    effects: Option<String>,
    /// Jak często ocena jakości i satysfakcji · how often quality is checked
    #[arg(long)]
    quality: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum LineCommand {
    /// Dodaj usługę do szkicu · add a service to the draft
    Add(Box<AddLine>),
    /// Usuń pozycję ze szkicu · remove a line from the draft
    Remove { id: String, position: usize },
}

#[derive(Debug, Args)]
pub struct AddLine {
    pub id: String,
    /// Kod usługi · service code
    #[arg(long)]
    pub service: String,
    #[arg(long)]
    pub amount: u32,
    /// week, month, year, plan (tydzień, miesiąc, rok, cały okres)
    #[arg(long)]
    pub per: String,
    /// Limit nad dłuższy okres, np. 6 · cap over a longer period
    #[arg(long, requires = "cap_per")]
    pub cap: Option<u32>,
    #[arg(long, requires = "cap")]
    pub cap_per: Option<String>,
    #[arg(long)]
    pub from: String,
    #[arg(long)]
    pub to: String,
    #[arg(long, default_value = "")]
    pub schedule: String,
    /// Miejsce i forma · place and form
    #[arg(long, default_value = "")]
    pub place: String,
    #[arg(long, default_value = "")]
    pub scope: String,
    /// Realizator (nazwa) · provider name
    #[arg(long)]
    pub provider: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum ActionCommand {
    /// Dodaj działanie wspierające · add a supporting action
    Add {
        id: String,
        #[arg(long)]
        what: String,
        #[arg(long, default_value = "")]
        who: String,
    },
}

fn assessed(option: &str, spec: &str) -> Result<AssessedService> {
    let entry = parse_service_entry(spec).map_err(|p| anyhow!("--{option}: {p}"))?;
    let kind = if option == "uses" { "obecna" } else { "oczekiwana" };
    Ok(AssessedService::described(kind, entry))
}

pub fn run_application(session: &mut Session, cmd: ApplicationCommand) -> Result<()> {
    let me = session.me.clone();
    let today = config::today();
    match cmd {
        ApplicationCommand::Add(a) => {
            let kind = ApplicantKind::from_code(&a.applicant).ok_or_else(|| {
                anyhow!(
                    "--applicant: „{}” — dozwolone: mieszkaniec, przedstawiciel_ustawowy, opiekun_faktyczny",
                    a.applicant
                )
            })?;
            let filed_on = match &a.filed {
                Some(f) => past_date_arg("data złożenia", f, today)?,
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
                Some(resident_id) => (
                    session
                        .db
                        .write(|tx| applications::register(tx, &me, ForResident::Existing(resident_id), &input))?,
                    false,
                ),
                None => {
                    if a.first_name.trim().is_empty() && a.last_name.trim().is_empty() {
                        bail!(
                            "mieszkaniec: nie ma go w bazie; podaj --resident NR albo dane nowej osoby (--first-name, --last-name, --pesel)"
                        );
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
                    }
                    .validate_as_of(today)?;
                    (session.db.write(|tx| applications::register(tx, &me, ForResident::New(&record), &input))?, true)
                }
            };
            let app = applications::get(session.db.conn(), id)?;
            println!(
                "Zarejestrowano wniosek nr {id} z {} dla {} (mieszkaniec nr {}{}); plan do {}",
                app.filed_on,
                safe(&app.resident_name),
                app.resident_id,
                if new_resident { ", nowy" } else { "" },
                crate::domain::plan::drafting_deadline(app.filed_on)
            );
        }
        ApplicationCommand::Assess(a) => {
            let a = *a;
            let on = match &a.on {
                Some(d) => past_date_arg("data diagnozy", d, today)?,
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
            println!("Zapisano diagnozę potrzeb nr {id} do wniosku nr {} ({on})", a.id);
        }
        ApplicationCommand::Forward { id, to, reason } => {
            session.db.write(|tx| applications::close(tx, &me, id, &Outcome::Forward { to: to.clone(), reason }))?;
            println!("Wniosek nr {id} przekazano: {}", safe(&to));
        }
        ApplicationCommand::Refuse { id, decision, decision_date } => {
            let decision_date = past_date_arg("data decyzji", &decision_date, today)?;
            let outcome = Outcome::Refuse { decision_number: decision.clone(), decision_date };
            session.db.write(|tx| applications::close(tx, &me, id, &outcome))?;
            println!("Wniosek nr {id}: odmowa, decyzja {} z {decision_date}", safe(&decision));
        }
        ApplicationCommand::Info { id, note } => {
            session.db.write(|tx| applications::close(tx, &me, id, &Outcome::InformationOnly { note }))?;
            println!("Wniosek nr {id}: udzielono informacji");
        }
        ApplicationCommand::Show { id } => {
            me.require(Permission::ViewCard)?;
            let conn = session.db.conn();
            let app = applications::get(conn, id)?;
            println!("Wniosek nr {} — {} (mieszkaniec nr {})", app.id, safe(&app.resident_name), app.resident_id);
            println!("Złożony: {} ({}), wnioskodawca: {}", app.filed_on, app.channel, app.applicant_kind);
            if !app.applicant_name.is_empty() {
                println!("  {} tel. {} {}", safe(&app.applicant_name), app.applicant_phone, safe(&app.applicant_email));
            }
            println!("Stan: {}", app.state);
            if !app.summary.is_empty() {
                println!("Treść: {}", safe(&app.summary));
            }
            match app.state.as_str() {
                "przekazany" => {
                    println!("Przekazano do: {} — {}", safe(&app.forwarded_to), safe(&app.forwarded_reason))
                }
                "odmowa" => println!(
                    "Decyzja: {} z {}",
                    safe(&app.decision_number),
                    app.decision_date.map(|d| d.to_string()).unwrap_or_default()
                ),
                _ => {}
            }
            if let Some(a) = applications::latest_assessment(conn, id)?
                && me.can(Permission::ViewSpecialCategory)
            {
                println!("Diagnoza z {} ({}): potrzeby: {}", a.conducted_on, a.coordinator_login, safe(&a.input.needs));
                for s in &a.input.services {
                    println!(
                        "  {}: {} — {} {} {}",
                        s.kind,
                        safe(&s.description),
                        s.quantity.map(|q| q.to_string()).unwrap_or_default(),
                        safe(&s.unit),
                        safe(&s.frequency)
                    );
                }
            }
        }
        ApplicationCommand::Wait { id, service, units } => {
            let service_id = service_id(session, &service)?;
            session.db.write(|tx| applications::add_to_waitlist(tx, &me, id, service_id, units))?;
            let place = applications::waitlist(session.db.conn(), service_id)?
                .iter()
                .position(|e| e.application_id == id)
                .map_or(0, |i| i + 1);
            println!("Wniosek nr {id} czeka na usługę {service} ({units} j.), miejsce w kolejce: {place}");
        }
    }
    Ok(())
}

fn service_id(session: &Session, code: &str) -> Result<i64> {
    session
        .db
        .conn()
        .query_row("SELECT id FROM service WHERE upper(code) = upper(?1)", [code.trim()], |r| r.get(0))
        .optional()?
        .ok_or_else(|| anyhow!("--service: nie ma usługi o kodzie „{code}”"))
}

fn per_arg(field: &str, value: &str) -> Result<crate::domain::plan::Per> {
    ipus::parse_per(value)
        .ok_or_else(|| anyhow!("{field}: „{value}” — dozwolone: week/tydzień, month/miesiąc, year/rok, plan"))
}

fn print_findings(findings: &[ipus::Finding]) {
    for f in findings {
        println!("  {f}");
    }
}

/// Edits the plan's editable version and saves it against the revision that was read.
fn edit(session: &mut Session, plan: &str, change: impl FnOnce(&mut PlanContent) -> Result<()>) -> Result<()> {
    let me = session.me.clone();
    let plan_id = plans::resolve(session.db.conn(), plan)?;
    let version_id =
        plans::version_in_state(session.db.conn(), plan_id, &[VersionState::Draft, VersionState::Returned])?;
    let stored = plans::version(session.db.conn(), version_id)?;
    let mut content = stored.content.clone();
    change(&mut content)?;
    let saved = plans::save_draft(&mut session.db, &me, version_id, stored.revision, content, config::today())
        .map_err(|u| anyhow!("{}", u.error))?;
    println!("Zapisano szkic (wersja {}, zmiana {})", stored.version, saved.revision);
    print_findings(&saved.warnings);
    Ok(())
}

fn apply_texts(content: &mut PlanContent, texts: PlanTexts) {
    if let Some(n) = texts.needs {
        content.needs = n;
    }
    if let Some(e) = texts.effects {
        content.expected_effects = e;
    }
    if let Some(q) = texts.quality {
        content.quality_check = q;
    }
}

pub fn run(session: &mut Session, cmd: IpusCommand) -> Result<()> {
    let me = session.me.clone();
    let today = config::today();
    match cmd {
        IpusCommand::List { state, json } => {
            me.require(Permission::ViewCard)?;
            let filter = match state {
                Some(s) => Some(VersionState::from_code(&s).ok_or_else(|| {
                    anyhow!("--state: „{s}” — dozwolone: szkic, złożony, zatwierdzony, zwrócony, zastąpiony")
                })?),
                None => None,
            };
            let rows = plans::list(session.db.conn(), filter)?;
            if json {
                println!("{}", json_safe(&serde_json::to_string_pretty(&rows)?));
                return Ok(());
            }
            println!("{:<16} {:<3} {:<13} {:<23} {:<12} MIESZKANIEC", "NUMER", "WER", "STAN", "OKRES", "KOORDYNATOR");
            for r in &rows {
                println!(
                    "{:<16} {:<3} {:<13} {} – {} {:<12} {}",
                    r.number,
                    r.version,
                    r.state.code(),
                    r.period_start,
                    r.period_end,
                    safe(&r.coordinator_login),
                    safe(&r.resident_name)
                );
            }
            println!("Planów: {}", rows.len());
        }
        IpusCommand::Show { id, json } => {
            me.require(Permission::ViewCard)?;
            let plan_id = plans::resolve(session.db.conn(), &id)?;
            let d = plans::detail(session.db.conn(), plan_id)?;
            if json {
                println!("{}", json_safe(&serde_json::to_string_pretty(&d)?));
                return Ok(());
            }
            show(&d);
        }
        IpusCommand::Draft { application, from, to, texts } => {
            let mut content = PlanContent {
                period_start: date_arg("początek okresu", &from)?,
                period_end: date_arg("koniec okresu", &to)?,
                needs: String::new(),
                expected_effects: String::new(),
                quality_check: String::new(),
                lines: Vec::new(),
                actions: Vec::new(),
            };
            if texts.needs.is_none()
                && let Some(a) = applications::latest_assessment(session.db.conn(), application)?
            {
                content.needs = a.input.needs;
            }
            apply_texts(&mut content, texts);
            let (plan_id, _) = session.db.write(|tx| plans::create_draft(tx, &me, application, &content, today))?;
            let h = plans::header(session.db.conn(), plan_id)?;
            let app = applications::get(session.db.conn(), application)?;
            println!("Utworzono szkic planu {} (id {plan_id}) dla {}", h.number, safe(&h.resident_name));
            let left = crate::domain::plan::drafting_days_left(app.filed_on, today);
            println!(
                "Termin sporządzenia (30 dni od wniosku): {} — zostało dni: {left}",
                crate::domain::plan::drafting_deadline(app.filed_on)
            );
            print_findings(&ipus::check_content(
                &content,
                &ipus::CheckContext { filed_on: Some(app.filed_on), today: Some(today), ..Default::default() },
                ipus::Stage::Draft,
            ));
        }
        IpusCommand::Set { id, from, to, texts } => {
            let from = from.map(|f| date_arg("początek okresu", &f)).transpose()?;
            let to = to.map(|t| date_arg("koniec okresu", &t)).transpose()?;
            edit(session, &id, |c| {
                if let Some(f) = from {
                    c.period_start = f;
                }
                if let Some(t) = to {
                    c.period_end = t;
                }
                apply_texts(c, texts);
                Ok(())
            })?;
        }
        IpusCommand::Line(LineCommand::Add(add)) => {
            let AddLine { id, service, amount, per, cap, cap_per, from, to, schedule, place, scope, provider } = *add;
            let service_id = service_id(session, &service)?;
            let (code, name): (String, String) =
                session.db.conn().query_row("SELECT code, name FROM service WHERE id = ?1", [service_id], |r| {
                    Ok((r.get(0)?, r.get(1)?))
                })?;
            let provider_id: Option<i64> = match &provider {
                Some(p) => Some(
                    session
                        .db
                        .conn()
                        .query_row("SELECT id FROM provider WHERE name = ?1", [p.trim()], |r| r.get(0))
                        .optional()?
                        .ok_or_else(|| anyhow!("--provider: nie ma realizatora „{p}”"))?,
                ),
                None => None,
            };
            let line = LineContent {
                service_id,
                service_code: code,
                service_name: name.clone(),
                provider_id,
                provider_name: provider.unwrap_or_default(),
                amount: Amount { units: amount, per: per_arg("--per", &per)? },
                cap: match (cap, cap_per) {
                    (Some(units), Some(p)) => Some(Amount { units, per: per_arg("--cap-per", &p)? }),
                    _ => None,
                },
                starts_on: date_arg("od", &from)?,
                ends_on: date_arg("do", &to)?,
                schedule,
                place_form: place,
                scope,
                resigned_on: None,
            };
            let label = line.amount_label();
            edit(session, &id, |c| {
                c.lines.push(line);
                Ok(())
            })?;
            println!("Dodano usługę {} ({label})", safe(&name));
        }
        IpusCommand::Line(LineCommand::Remove { id, position }) => {
            edit(session, &id, |c| {
                if position == 0 || position > c.lines.len() {
                    bail!("pozycja: szkic ma pozycje 1–{}, nie ma pozycji {position}", c.lines.len());
                }
                c.lines.remove(position - 1);
                Ok(())
            })?;
            println!("Usunięto pozycję {position}");
        }
        IpusCommand::Action(ActionCommand::Add { id, what, who }) => {
            edit(session, &id, |c| {
                c.actions.push(ActionContent { what, who });
                Ok(())
            })?;
        }
        IpusCommand::Check { id } => {
            me.require(Permission::DraftPlan)?;
            let conn = session.db.conn();
            let plan_id = plans::resolve(conn, &id)?;
            let d = plans::detail(conn, plan_id)?;
            let v = d.open().ok_or_else(|| anyhow!("plan {} nie ma wersji w przygotowaniu", d.header.number))?;
            let app_filed =
                d.header.application_id.map(|a| applications::get(conn, a)).transpose()?.map(|a| a.filed_on);
            if let Some(filed) = app_filed {
                println!(
                    "Termin sporządzenia: {} (zostało dni: {})",
                    crate::domain::plan::drafting_deadline(filed),
                    crate::domain::plan::drafting_days_left(filed, today)
                );
            }
            let suspended = conn
                .prepare("SELECT id FROM service WHERE suspended = 1")?
                .query_map([], |r| r.get(0))?
                .collect::<rusqlite::Result<Vec<i64>>>()?;
            let ctx = ipus::CheckContext { filed_on: app_filed, today: Some(today), suspended_services: suspended };
            let findings = ipus::check_content(&v.content, &ctx, ipus::Stage::Submit);
            if findings.is_empty() {
                println!("Wersja {} spełnia warunki złożenia", v.version);
            }
            print_findings(&findings);
            for (line, effect) in v.content.lines.iter().zip(plans::pool_effects(conn, plan_id, &v.content)?) {
                match effect {
                    None => println!("  {} — bez limitu", safe(&line.service_name)),
                    Some(e) => println!(
                        "  {}. {} — pula {}: zostaje {} → {}{}",
                        e.position,
                        safe(&line.service_name),
                        e.period_label,
                        e.remaining_before,
                        e.remaining_after,
                        if e.fits() { "" } else { "  BRAK MIEJSC" }
                    ),
                }
            }
        }
        IpusCommand::Submit { id } => {
            let plan_id = plans::resolve(session.db.conn(), &id)?;
            let version_id =
                plans::version_in_state(session.db.conn(), plan_id, &[VersionState::Draft, VersionState::Returned])?;
            let warnings = session.db.write(|tx| plans::submit(tx, &me, version_id, today))?;
            println!("Złożono do zatwierdzenia: {}", plans::header(session.db.conn(), plan_id)?.number);
            print_findings(&warnings);
        }
        IpusCommand::Approve { id, comment } => {
            let plan_id = plans::resolve(session.db.conn(), &id)?;
            let version_id = plans::version_in_state(session.db.conn(), plan_id, &[VersionState::Submitted])?;
            match session.db.write(|tx| plans::approve(tx, &me, version_id, None, &comment)) {
                Err(crate::storage::StorageError::Conflict(message)) if message.contains("brak miejsc") => {
                    let app = plans::header(session.db.conn(), plan_id)?.application_id;
                    bail!(
                        "{message}\nwniosek może czekać na zwolnienie miejsc: okienko application wait {} --service KOD --units N",
                        app.map_or_else(|| "NR".to_string(), |a| a.to_string())
                    );
                }
                other => other?,
            }
            let v = plans::version(session.db.conn(), version_id)?;
            println!("Zatwierdzono {} (wersja {})", plans::header(session.db.conn(), plan_id)?.number, v.version);
        }
        IpusCommand::Return { id, comment } => {
            let plan_id = plans::resolve(session.db.conn(), &id)?;
            let version_id = plans::version_in_state(session.db.conn(), plan_id, &[VersionState::Submitted])?;
            session.db.write(|tx| plans::return_version(tx, &me, version_id, &comment))?;
            println!("Zwrócono do poprawy: {} — {}", plans::header(session.db.conn(), plan_id)?.number, safe(&comment));
        }
        IpusCommand::Update { id } => {
            let plan_id = plans::resolve(session.db.conn(), &id)?;
            let version_id = session.db.write(|tx| plans::start_update(tx, &me, plan_id, today))?;
            let v = plans::version(session.db.conn(), version_id)?;
            println!("Rozpoczęto aktualizację: wersja {} (szkic, kopia zatwierdzonej)", v.version);
        }
        IpusCommand::Diff { id, from, to } => {
            me.require(Permission::ViewCard)?;
            let plan_id = plans::resolve(session.db.conn(), &id)?;
            let d = plans::detail(session.db.conn(), plan_id)?;
            let find = |n: u32| {
                d.versions
                    .iter()
                    .find(|v| v.version == n)
                    .ok_or_else(|| anyhow!("plan {} nie ma wersji {n}", d.header.number))
            };
            let changes = ipus::diff(&find(from)?.content, &find(to)?.content).describe();
            if changes.is_empty() {
                println!("Wersje {from} i {to} niczym się nie różnią");
            }
            for c in changes {
                println!("{}", safe(&c));
            }
        }
        IpusCommand::Resign { id, line, on, director_informed } => {
            let plan_id = plans::resolve(session.db.conn(), &id)?;
            let on = date_arg("data rezygnacji", &on)?;
            let informed = date_arg("data poinformowania dyrektora", &director_informed)?;
            match line {
                Some(position) => {
                    session.db.write(|tx| plans::resign_line(tx, &me, plan_id, position, on, informed))?;
                    println!("Rezygnacja z pozycji {position} od {on}; dyrektor poinformowany {informed}");
                }
                None => {
                    session
                        .db
                        .write(|tx| plans::end_plan(tx, &me, plan_id, on, EndReason::Resignation, Some(informed)))?;
                    println!(
                        "Rezygnacja z całego planu od {on}; monitoring po zakończeniu: {}",
                        crate::domain::plan::follow_up_due(on)
                    );
                }
            }
        }
        IpusCommand::Complete { id, on, course, results } => {
            let plan_id = plans::resolve(session.db.conn(), &id)?;
            let on = past_date_arg("data rozmowy", &on, today)?;
            session.db.write(|tx| plans::record_summary(tx, &me, plan_id, on, &course, &results))?;
            let h = plans::header(session.db.conn(), plan_id)?;
            println!(
                "Zapisano rozmowę podsumowującą {on}; monitoring po zakończeniu: {}",
                h.follow_up_due().map(|d| d.to_string()).unwrap_or_default()
            );
        }
        IpusCommand::FollowUp { id, on, note } => {
            let plan_id = plans::resolve(session.db.conn(), &id)?;
            let on = past_date_arg("data monitoringu", &on, today)?;
            session.db.write(|tx| plans::record_follow_up(tx, &me, plan_id, on, &note))?;
            println!("Zapisano monitoring po zakończeniu ({on})");
        }
        IpusCommand::Monitor { id, on, channel, with_whom, note } => {
            let plan_id = plans::resolve(session.db.conn(), &id)?;
            let on = past_date_arg("data kontaktu", &on, today)?;
            session.db.write(|tx| plans::add_contact(tx, &me, plan_id, on, &channel, &with_whom, &note))?;
            let d = plans::detail(session.db.conn(), plan_id)?;
            println!(
                "Zapisano kontakt {on} ({channel}); następny najpóźniej {}",
                plans::monitoring_due(&d).map(|d| d.to_string()).unwrap_or_default()
            );
        }
        IpusCommand::Export { id, pdf, text, plan_version } => {
            me.require(Permission::ViewCard)?;
            let plan_id = plans::resolve(session.db.conn(), &id)?;
            let printed = export::gather(session.db.conn(), plan_id, plan_version)?;
            let pdf_out = pdf.is_some();
            let (path, bytes, kind) = match (pdf, text) {
                (Some(path), _) => (path, export::pdf::render_pdf(&printed)?, "pdf"),
                (None, Some(path)) => (path, export::render_text(&printed).into_bytes(), "text"),
                (None, None) => bail!("podaj --pdf PLIK albo --text PLIK"),
            };
            crate::userfile::write(&path, &bytes).context(if pdf_out { "--pdf" } else { "--text" })?;
            let resident = printed.detail.header.resident_id;
            let target = format!("plan_version:{}", printed.version.id);
            session.db.write(|tx| audit::append(tx, &me.login, AuditAction::Export, Some(resident), &target, kind))?;
            println!(
                "Zapisano {} wersja {} do {} ({} B)",
                printed.detail.header.number,
                printed.version.version,
                path.display(),
                bytes.len()
            );
        }
        IpusCommand::Print { id, plan_version } => {
            me.require(Permission::ViewCard)?;
            let command = session.settings.print_command.clone().ok_or_else(|| {
                anyhow!("print_command: nie ustawiono polecenia drukowania (np. print_command = \"lp -d biuro\" w config.toml)")
            })?;
            let plan_id = plans::resolve(session.db.conn(), &id)?;
            let printed = export::gather(session.db.conn(), plan_id, plan_version)?;
            let bytes = export::pdf::render_pdf(&printed)?;
            export::print(&command, &bytes).with_context(|| format!("drukowanie poleceniem „{command}”"))?;
            let resident = printed.detail.header.resident_id;
            let target = format!("plan_version:{}", printed.version.id);
            session
                .db
                .write(|tx| audit::append(tx, &me.login, AuditAction::Print, Some(resident), &target, &command))?;
            println!(
                "Wysłano do druku: {} wersja {} ({command})",
                printed.detail.header.number, printed.version.version
            );
        }
    }
    Ok(())
}

fn show(d: &plans::PlanDetail) {
    let h = &d.header;
    println!("{} — {} (mieszkaniec nr {})", h.number, safe(&h.resident_name), h.resident_id);
    println!(
        "Koordynator: {}{}",
        safe(&h.coordinator_login),
        h.application_id.map(|a| format!(", wniosek nr {a}")).unwrap_or_default()
    );
    if let Some(ended) = h.ended_on {
        println!(
            "Zakończony {ended} ({}){}; monitoring po zakończeniu do {}",
            h.end_reason.as_deref().unwrap_or(""),
            h.director_informed_on.map(|d| format!(", dyrektor poinformowany {d}")).unwrap_or_default(),
            h.follow_up_due().map(|d| d.to_string()).unwrap_or_default()
        );
    }
    if let Some(on) = h.summary_on {
        println!("Rozmowa podsumowująca {on}: {} — rezultaty: {}", safe(&h.summary_course), safe(&h.summary_results));
    }
    if let Some(on) = h.follow_up_on {
        println!("Monitoring po zakończeniu {on}: {}", safe(&h.follow_up_note));
    }
    for v in &d.versions {
        let c = &v.content;
        println!();
        println!(
            "Wersja {} — {} (sporządzona {}, zmiana {} przez {} o {})",
            v.version,
            v.state.code(),
            v.drafted_on,
            v.revision,
            safe(&v.updated_by),
            plans::local_time(&v.updated_at)
        );
        println!("  Okres: {} – {}", c.period_start, c.period_end);
        println!("  Potrzeby: {}", safe(&c.needs));
        if !c.expected_effects.is_empty() {
            println!("  Oczekiwane efekty: {}", safe(&c.expected_effects));
        }
        for (i, l) in c.lines.iter().enumerate() {
            println!(
                "  {}. {} — {} ({} – {}){}{}",
                i + 1,
                safe(&l.service_name),
                l.amount_label(),
                l.starts_on,
                l.ends_on,
                if l.schedule.is_empty() { String::new() } else { format!(", {}", safe(&l.schedule)) },
                l.resigned_on.map(|r| format!(" — rezygnacja od {r}")).unwrap_or_default()
            );
        }
        for a in &c.actions {
            println!("  * {} — {}", safe(&a.what), safe(&a.who));
        }
    }
    if !d.decisions.is_empty() {
        println!();
        println!("Decyzje:");
        for dec in &d.decisions {
            let comment = if dec.comment.is_empty() { String::new() } else { format!(" — {}", safe(&dec.comment)) };
            println!(
                "  wersja {}: {} przez {} ({}){comment}",
                dec.version,
                dec.decision,
                safe(&dec.decided_by),
                dec.decided_at
            );
        }
    }
    if !d.contacts.is_empty() {
        println!();
        println!("Monitoring:");
        for c in &d.contacts {
            println!("  {} {} {} — {}", c.contact_on, c.channel, safe(&c.with_whom), safe(&c.note));
        }
    }
    if let Some(due) = plans::monitoring_due(d).filter(|_| h.ended_on.is_none()) {
        println!("Następny kontakt monitorujący najpóźniej: {due}");
    }
}
